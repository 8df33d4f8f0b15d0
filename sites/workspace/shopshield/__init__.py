from sites.workspace.shopshield.views import urlpatterns

__all__ = ["urlpatterns"]
