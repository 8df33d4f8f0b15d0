from sites.workspace.templates.views import urlpatterns

__all__ = ["urlpatterns"]
