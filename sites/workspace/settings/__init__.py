"""The Settings tab: a form built from the site's settings schema, sending only changed fields."""

from sites.workspace.settings.views import urlpatterns  # noqa: F401
