from sites.workspace.domains.views import urlpatterns

__all__ = ["urlpatterns"]
