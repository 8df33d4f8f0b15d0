from sites.workspace.wpcli.views import urlpatterns  # noqa: F401
