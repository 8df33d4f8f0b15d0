from sites.workspace.overview.views import urlpatterns

__all__ = ["urlpatterns"]
