from sites.workspace.users.views import urlpatterns

__all__ = ["urlpatterns"]
