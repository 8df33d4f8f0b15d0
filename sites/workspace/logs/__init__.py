"""The Access logs tab: the site's CDN access log, filtered and paged."""

from sites.workspace.logs.views import urlpatterns  # noqa: F401
