from sites.workspace.transfers.views import urlpatterns

__all__ = ["urlpatterns"]
