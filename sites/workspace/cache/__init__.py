from sites.workspace.cache.views import urlpatterns

__all__ = ["urlpatterns"]
