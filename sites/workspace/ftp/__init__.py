"""The FTP tab: list, create, update and delete the site's FTP accounts."""

from sites.workspace.ftp.views import urlpatterns  # noqa: F401
