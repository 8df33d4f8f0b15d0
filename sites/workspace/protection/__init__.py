from sites.workspace.protection.views import urlpatterns

__all__ = ["urlpatterns"]
