from django.urls import path

from sites.bulk import views

app_name = "bulk"

urlpatterns = [
    path("", views.bulk_list, name="list"),
    path("new/", views.bulk_new, name="new"),
    path("plugin-search/", views.plugin_search, name="plugin_search"),
    path("<int:pk>/", views.bulk_detail, name="detail"),
    path("<int:pk>/retry/", views.bulk_retry, name="retry"),
    path("<int:pk>/cancel/", views.bulk_cancel, name="cancel"),
]
