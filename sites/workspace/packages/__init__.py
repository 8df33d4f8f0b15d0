from sites.workspace.packages.views import urlpatterns  # noqa: F401
