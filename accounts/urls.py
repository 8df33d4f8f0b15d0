from django.urls import include, path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("invitation/<uidb64>/<token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("connections/", views.connection_list, name="connection_list"),
    path("connections/add/", views.connection_add, name="connection_add"),
    path("connections/<int:pk>/edit/", views.connection_edit, name="connection_edit"),
    path("connections/<int:pk>/delete/", views.connection_delete, name="connection_delete"),
    path("connections/<int:connection_pk>/account/", include("sites.account.urls")),
    path("team/switch/", views.switch_team, name="switch_team"),
    path("team/", include("accounts.team_pages.urls")),
]
