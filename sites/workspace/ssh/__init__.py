"""The SSH keys tab: list, import, view, authorize, deauthorize and delete the site's keys."""

from sites.workspace.ssh.views import urlpatterns  # noqa: F401
