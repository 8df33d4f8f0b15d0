"""The Activity tab: the site's WordPress activity log, its on/off switch and event deletion."""

from sites.workspace.activity.views import urlpatterns  # noqa: F401
