from sites.workspace.staging.views import urlpatterns  # noqa: F401
