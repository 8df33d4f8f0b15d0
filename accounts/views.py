import logging

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access, selectors, services
from accounts.audit import record_action
from accounts.debug import hide_secrets_in_error_reports
from accounts.forms import ConnectionForm, EmailLoginForm, TeamSwitchForm
from accounts.middleware import SESSION_TEAM_KEY
from accounts.models import AuditResult, Role

logger = logging.getLogger(__name__)


@method_decorator(hide_secrets_in_error_reports("password"), name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = EmailLoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@method_decorator(hide_secrets_in_error_reports("new_password1", "new_password2"), name="dispatch")
class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """Let an invited person set a first password from the emailed link, then log them in.

    Django's password-reset view checks the token and moves it into the session before showing the form.
    """

    template_name = "registration/invitation_set_password.html"
    post_reset_login = True
    success_url = reverse_lazy("sites:fleet")

    def form_valid(self, form):
        response = super().form_valid(form)
        logger.info("User %s set a password from an invitation link", form.user.pk)
        messages.success(self.request, _("Your password is set and you are logged in."))
        return response


@login_required
def connection_list(request):
    team = access.get_current_team(request)
    context = {
        "connections": selectors.connections_for_team(team),
        "can_manage": request.membership.has_role(Role.ADMIN),
    }
    return render(request, "accounts/connection_list.html", context)


def _render_connection_form(request, form, connection=None, status=200):
    context = {"form": form, "connection": connection}
    return render(request, "accounts/connection_form.html", context, status=status)


def _save_connection_form(request, form, connection=None):
    """Check and save a bound connection form; return a redirect, or the form with the failure shown."""
    if not form.is_valid():
        return _render_connection_form(request, form, connection, status=400)

    action = "connection.add" if connection is None else "connection.edit"
    detail = {"email": form.instance.email, "api_base_url": form.instance.api_base_url,
              "login_replaced": bool(form.cleaned_data["password"])}
    try:
        services.save_connection(form.instance, new_password=form.cleaned_data["password"])
    except services.ConnectionCheckFailed as failure:
        form.add_error(None, failure.message)
        record_action(team=request.team, user=request.user, action=action, result=AuditResult.FAILED,
                      connection=connection, target=form.instance.label,
                      detail={**detail, "error": str(failure.message)})
        return _render_connection_form(request, form, connection, status=400)

    record_action(team=request.team, user=request.user, action=action, result=AuditResult.SUCCEEDED,
                  connection=form.instance, target=form.instance.label, detail=detail)
    messages.success(request, _("Connection %(label)s saved and its login checked.") % {"label": form.instance.label})
    return redirect("accounts:connection_list")


@hide_secrets_in_error_reports("password")
@login_required
@require_http_methods(["GET", "POST"])
def connection_add(request):
    team = access.get_current_team(request)
    access.require_role(request, Role.ADMIN)

    if request.method == "POST":
        form = ConnectionForm(request.POST, team=team)
        return _save_connection_form(request, form)
    return _render_connection_form(request, ConnectionForm(team=team))


@hide_secrets_in_error_reports("password")
@login_required
@require_http_methods(["GET", "POST"])
def connection_edit(request, pk):
    connection = access.get_connection_for(request, pk, role=Role.ADMIN)
    team = request.team

    if request.method == "POST":
        form = ConnectionForm(request.POST, instance=connection, team=team)
        return _save_connection_form(request, form, connection)
    return _render_connection_form(request, ConnectionForm(instance=connection, team=team), connection)


@login_required
@require_http_methods(["GET", "POST"])
def connection_delete(request, pk):
    connection = access.get_connection_for(request, pk, role=Role.ADMIN)

    if request.method == "POST":
        # Recorded first, so the row links the connection until the delete sets the link to NULL.
        record_action(team=request.team, user=request.user, action="connection.delete",
                      result=AuditResult.SUCCEEDED, connection=connection, target=connection.label,
                      detail={"email": connection.email})
        services.delete_connection(connection)
        messages.success(request, _("Connection %(label)s deleted.") % {"label": connection.label})
        return redirect("accounts:connection_list")
    return render(request, "accounts/connection_confirm_delete.html", {"connection": connection})


@login_required
@require_POST
def switch_team(request):
    teams = [membership.team for membership in request.user_memberships]
    form = TeamSwitchForm(request.POST, teams=teams)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("team", [_("Choose a team.")])))
        return redirect("sites:fleet")

    team = form.cleaned_data["team"]
    request.session[SESSION_TEAM_KEY] = team.pk
    messages.success(request, _("Switched to team %(team)s.") % {"team": team.name})

    # Pages of the old team would 404 for the new one, so go back only to a safe local URL.
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(next_url)
    return redirect("sites:fleet")
