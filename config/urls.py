from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("healthz", include("config.health")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("reports/", include("reporting.urls")),
    path("billing/", include("billing.urls")),
    path("", include("sites.urls")),
]
