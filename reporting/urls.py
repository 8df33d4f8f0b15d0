from django.urls import path

from reporting import report_views, views

app_name = "reporting"

urlpatterns = [
    path("", views.schedule_list, name="list"),
    path("new/", views.schedule_create, name="create"),
    path("overview/", report_views.team_overview, name="overview"),
    path("<int:pk>/edit/", views.schedule_edit, name="edit"),
    path("<int:pk>/delete/", views.schedule_delete, name="delete"),
    path("<int:pk>/send/", views.schedule_send_now, name="send_now"),
    path("<int:pk>/resubscribe/", views.schedule_resubscribe, name="resubscribe"),
    path("<int:pk>/preview/", views.schedule_preview, name="preview"),
    path("<int:pk>/preview/email.html", views.schedule_preview_html, name="preview_html"),
    path("<int:pk>/preview/email.txt", views.schedule_preview_text, name="preview_text"),
    path("<int:pk>/preview/report.pdf", views.schedule_preview_pdf, name="preview_pdf"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("connections/<int:connection_pk>/sites/<int:site_id>/", report_views.site_report, name="site_reports"),
    path("connections/<int:connection_pk>/sites/<int:site_id>/<slug:slug>/", report_views.site_report,
         name="site_report"),
    path("connections/<int:connection_pk>/sites/<int:site_id>/<slug:slug>.csv", report_views.site_report_csv,
         name="site_report_csv"),
    path("connections/<int:connection_pk>/", report_views.connection_report, name="connection_reports"),
    path("connections/<int:connection_pk>/<slug:slug>/", report_views.connection_report, name="connection_report"),
    path("connections/<int:connection_pk>/<slug:slug>.csv", report_views.connection_report_csv,
         name="connection_report_csv"),
]
