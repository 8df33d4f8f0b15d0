from django.urls import include, path

from sites import views

app_name = "sites"

urlpatterns = [
    path("", views.fleet, name="fleet"),
    path("connections/<int:connection_pk>/sites/<int:site_id>/", views.site_detail, name="site_detail"),
    path("connections/<int:connection_pk>/sites/<int:site_id>/clone/", views.site_clone, name="site_clone"),
    path("connections/<int:connection_pk>/sites/<int:site_id>/backups/", views.backup_create, name="backup_create"),
    path(
        "connections/<int:connection_pk>/sites/<int:site_id>/backups/<int:backup_id>/restore/",
        views.backup_restore,
        name="backup_restore",
    ),
    path("connections/<int:connection_pk>/sites/<int:site_id>/", include("sites.workspace.urls")),
    path("bulk/", include("sites.bulk.urls")),
    path("", include("sites.newsite.urls")),
    path("jobs/", views.job_list, name="job_list"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/cancel/", views.job_cancel, name="job_cancel"),
]
