from sites.workspace.backups.views import urlpatterns  # noqa: F401
