from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.schedule_list, name="list"),
    path("new/", views.schedule_create, name="create"),
    path("<int:pk>/edit/", views.schedule_edit, name="edit"),
    path("<int:pk>/delete/", views.schedule_delete, name="delete"),
    path("<int:pk>/send/", views.schedule_send_now, name="send_now"),
    path("<int:pk>/preview/", views.schedule_preview, name="preview"),
    path("<int:pk>/preview/email.html", views.schedule_preview_html, name="preview_html"),
    path("<int:pk>/preview/email.txt", views.schedule_preview_text, name="preview_text"),
]
