from django.urls import path

from sites.newsite import views

urlpatterns = [
    path("new-site/", views.new_site, name="new_site"),
    path("new-site/<int:connection_pk>/", views.create_site, name="new_site_create"),
]
