"""URLs of the team pages, included by accounts.urls under team/."""

from django.urls import path

from accounts.team_pages import views

urlpatterns = [
    path("audit/", views.audit_log, name="audit_log"),
    path("members/", views.member_list, name="member_list"),
    path("members/add/", views.member_add, name="member_add"),
    path("members/<int:membership_pk>/role/", views.member_role, name="member_role"),
    path("members/<int:membership_pk>/remove/", views.member_remove, name="member_remove"),
    path("new/", views.team_create, name="team_create"),
    path("settings/", views.team_settings, name="team_settings"),
    path("delete/", views.team_delete, name="team_delete"),
]
