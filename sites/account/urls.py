"""URLs of the connection account pages, included by accounts.urls under connections/<pk>/account/."""

from django.urls import path

from sites.account import views

urlpatterns = [
    path("users/", views.users_page, name="connection_users"),
    path("users/invite/", views.user_invite, name="connection_user_invite"),
    path("users/<str:user_id>/roles/", views.user_roles, name="connection_user_roles"),
    path("users/<str:user_id>/resend/", views.user_resend, name="connection_user_resend"),
    path("users/<str:user_id>/remove/", views.user_remove, name="connection_user_remove"),
    path("settings/", views.settings_page, name="connection_settings"),
    path("tasks/", views.tasks_page, name="connection_tasks"),
    path("transfers/", views.transfers_page, name="connection_transfers"),
    path("transfers/answer/", views.transfer_answer, name="connection_transfer_answer"),
]
