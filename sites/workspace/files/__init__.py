"""The Files tab: browse, view, edit, upload, create, delete, chmod, compress and extract."""

from sites.workspace.files.views import urlpatterns  # noqa: F401
