"""Views for one connection's Rocket.net account. See the package docstring for the roles."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import access
from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import RocketNetError
from sites import selectors
from sites.account import services
from sites.account.forms import (
    AccountSettingsForm,
    ChangeRolesForm,
    IncomingTransferForm,
    InviteAccountUserForm,
    TaskFilterForm,
)
from sites.workspace.transfers import services as transfer_services

logger = logging.getLogger(__name__)

API_ERRORS = (RocketNetError, DecryptionError)
HTMX_STOP_POLLING = 286

# (slug, title, URL name) of the pages, in the order of their navigation bar.
PAGES = [
    ("users", gettext_lazy("Account users"), "accounts:connection_users"),
    ("settings", gettext_lazy("Account settings"), "accounts:connection_settings"),
    ("tasks", gettext_lazy("Account tasks"), "accounts:connection_tasks"),
    ("transfers", gettext_lazy("Incoming transfers"), "accounts:connection_transfers"),
]


def _render(request, connection, page, template, context, *, status=200):
    full_context = {
        "connection": connection,
        "pages": PAGES,
        "active_page": page,
        "can_admin": request.membership.has_role(Role.ADMIN),
        "can_write": request.membership.has_role(Role.MEMBER),
    }
    full_context.update(context)
    return render(request, template, full_context, status=status)


def _add_api_error(form, error):
    form.add_error(None, selectors.describe_error(error))


# -- account users ------------------------------------------------------------------------------


def _render_users(request, connection, *, invite_form=None, roles_error=None, row_errors=(), status=200):
    try:
        users, list_error = services.list_users(connection), None
    except API_ERRORS as error:
        logger.warning("Account users of connection %s could not be listed: %s", connection.pk, error)
        users, list_error = [], selectors.describe_error(error)

    context = {
        "users": users,
        "list_error": list_error,
        "invite_form": invite_form or InviteAccountUserForm(),
        "role_choices": ChangeRolesForm.base_fields["roles"].choices,
        "owner_role": services.OWNER_ROLE,
        # (user id, error texts) of a role change that failed, shown under that user's row.
        "roles_error": roles_error,
        "row_errors": row_errors,
    }
    return _render(request, connection, "users", "connection_pages/users.html", context, status=status)


def _user_email(connection, user_id):
    try:
        user = services.find_user(connection, user_id)
    except API_ERRORS:
        return user_id
    return (user or {}).get("email") or user_id


@login_required
@require_GET
def users_page(request, connection_pk):
    connection = access.get_connection_for(request, connection_pk)
    return _render_users(request, connection)


@login_required
@require_POST
def user_invite(request, connection_pk):
    connection = access.get_connection_for(request, connection_pk, role=Role.ADMIN)
    form = InviteAccountUserForm(request.POST)
    if not form.is_valid():
        return _render_users(request, connection, invite_form=form, status=400)

    data = form.cleaned_data
    try:
        services.run_audited(
            request, connection, action="account_users.invite", target=data["email"],
            detail={"roles": data["roles"], "twofactor_required": data["twofactor_required"]},
            call=lambda: services.invite_user(connection, **data),
        )
    except API_ERRORS as error:
        _add_api_error(form, error)
        return _render_users(request, connection, invite_form=form, status=400)

    messages.success(request, _("Invitation sent to %(email)s.") % {"email": data["email"]})
    return redirect("accounts:connection_users", connection_pk=connection.pk)


@login_required
@require_POST
def user_roles(request, connection_pk, user_id):
    connection = access.get_connection_for(request, connection_pk, role=Role.ADMIN)
    form = ChangeRolesForm(request.POST)
    if not form.is_valid():
        return _render_users(request, connection, roles_error=(user_id, form.errors["roles"]), status=400)

    roles = form.cleaned_data["roles"]
    email = _user_email(connection, user_id)
    try:
        services.run_audited(request, connection, action="account_users.change_roles", target=email,
                             detail={"user_id": user_id, "roles": roles},
                             call=lambda: services.change_roles(connection, user_id, roles))
    except API_ERRORS as error:
        return _render_users(request, connection, roles_error=(user_id, [selectors.describe_error(error)]),
                             status=400)

    messages.success(request, _("Roles of %(email)s changed to %(roles)s.") % {"email": email,
                                                                              "roles": ", ".join(roles)})
    return redirect("accounts:connection_users", connection_pk=connection.pk)


def _user_action(request, connection_pk, user_id, *, action, call, success):
    connection = access.get_connection_for(request, connection_pk, role=Role.ADMIN)
    email = _user_email(connection, user_id)
    try:
        services.run_audited(request, connection, action=action, target=email, detail={"user_id": user_id},
                             call=lambda: call(connection, user_id))
    except API_ERRORS as error:
        text = _("%(item)s: %(error)s") % {"item": email, "error": selectors.describe_error(error)}
        return _render_users(request, connection, row_errors=[text], status=400)

    messages.success(request, success % {"email": email})
    return redirect("accounts:connection_users", connection_pk=connection.pk)


@login_required
@require_POST
def user_resend(request, connection_pk, user_id):
    return _user_action(request, connection_pk, user_id, action="account_users.resend_invite",
                        call=services.resend_invite, success=_("Invitation sent again to %(email)s."))


@login_required
@require_POST
def user_remove(request, connection_pk, user_id):
    return _user_action(request, connection_pk, user_id, action="account_users.remove",
                        call=services.remove_user, success=_("%(email)s was removed from the account."))


# -- settings -----------------------------------------------------------------------------------


def _settings_initial(me):
    client = me.raw.get("client") or {}
    return {
        "firstname": me.firstname or "", "lastname": me.lastname or "", "email": me.email or "",
        "tax_id": client.get("tax_id") or "", "twofactor_enabled": bool(me.twofactor_enabled),
    }


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request, connection_pk):
    role = Role.ADMIN if request.method == "POST" else Role.VIEWER
    connection = access.get_connection_for(request, connection_pk, role=role)
    template = "connection_pages/settings.html"
    try:
        me = services.get_me(connection)
    except API_ERRORS as error:
        logger.warning("Account settings of connection %s could not be read: %s", connection.pk, error)
        context = {"me": None, "form": None, "load_error": selectors.describe_error(error)}
        return _render(request, connection, "settings", template, context, status=502)

    initial = _settings_initial(me)
    if request.method == "GET":
        context = {"me": me, "form": AccountSettingsForm(initial=initial), "load_error": None}
        return _render(request, connection, "settings", template, context)

    form = AccountSettingsForm(request.POST, initial=initial)
    if form.is_valid():
        changes = form.changes()
        if not changes:
            messages.info(request, _("Nothing changed, so nothing was sent to Rocket.net."))
            return redirect("accounts:connection_settings", connection_pk=connection.pk)
        try:
            services.run_audited(request, connection, action="account.update_settings", target=connection.email,
                                 detail={"changes": changes}, call=lambda: services.update_me(connection, changes))
        except API_ERRORS as error:
            _add_api_error(form, error)
        else:
            messages.success(request, _("Account settings saved: %(fields)s.")
                             % {"fields": ", ".join(str(form.fields[name].label) for name in changes)})
            return redirect("accounts:connection_settings", connection_pk=connection.pk)

    context = {"me": me, "form": form, "load_error": None}
    return _render(request, connection, "settings", template, context, status=400)


# -- account tasks ------------------------------------------------------------------------------


@login_required
@require_GET
def tasks_page(request, connection_pk):
    connection = access.get_connection_for(request, connection_pk)
    form = TaskFilterForm(request.GET or None)
    context = {"form": form, "tasks": [], "load_error": None}
    if request.GET and not form.is_valid():
        return _render(request, connection, "tasks", "connection_pages/tasks.html", context, status=400)

    filters = form.cleaned_data if request.GET else {}
    try:
        context["tasks"] = services.list_tasks(
            connection, task_type=filters.get("task_type") or None, task_status=filters.get("task_status") or None,
            direction=filters.get("direction") or "desc",
        )
    except API_ERRORS as error:
        logger.warning("Account tasks of connection %s could not be listed: %s", connection.pk, error)
        context["load_error"] = selectors.describe_error(error)
    context["has_running"] = any(not task.is_finished for task in context["tasks"])

    if request.htmx and not request.htmx.boosted:
        response = _render(request, connection, "tasks", "connection_pages/tasks.html#task-table", context)
        if not context["has_running"]:
            # 286 tells htmx to stop polling: every listed task has ended.
            response.status_code = HTMX_STOP_POLLING
    else:
        response = _render(request, connection, "tasks", "connection_pages/tasks.html", context)
    response.headers["Vary"] = "HX-Request"
    return response


# -- incoming transfers -------------------------------------------------------------------------


def _render_transfers(request, connection, *, form=None, status=200):
    try:
        pending, pending_error = services.get_me(connection).raw.get("pending_site_transfers") or [], None
    except API_ERRORS as error:
        logger.warning("Pending transfers of connection %s could not be read: %s", connection.pk, error)
        pending, pending_error = [], selectors.describe_error(error)
    # The API lists both directions; a transfer without transfer_type is treated as incoming.
    incoming = [transfer for transfer in pending if transfer.get("transfer_type") != "outgoing"]
    outgoing = [transfer for transfer in pending if transfer.get("transfer_type") == "outgoing"]
    if form is None:
        # "Answer this transfer" links fill in the form from the listed transfer.
        initial = {key: request.GET[key] for key in ("site_id", "transfer_id") if request.GET.get(key)}
        form = IncomingTransferForm(initial=initial)
    context = {"form": form, "incoming": incoming, "outgoing": outgoing, "pending_error": pending_error}
    return _render(request, connection, "transfers", "connection_pages/transfers.html", context, status=status)


@login_required
@require_GET
def transfers_page(request, connection_pk):
    connection = access.get_connection_for(request, connection_pk)
    return _render_transfers(request, connection)


@login_required
@require_POST
def transfer_answer(request, connection_pk):
    connection = access.get_connection_for(request, connection_pk, role=Role.MEMBER)
    form = IncomingTransferForm(request.POST)
    if not form.is_valid():
        return _render_transfers(request, connection, form=form, status=400)

    site_id = form.cleaned_data["site_id"]
    transfer_id = form.cleaned_data["transfer_id"]
    decision = form.cleaned_data["decision"]
    answer = transfer_services.accept if decision == "accept" else transfer_services.reject
    detail = {"transfer_id": transfer_id}

    def call():
        result = answer(connection, site_id, transfer_id)
        detail.update({key: value for key, value in transfer_services.summary(result).items() if value})
        return result

    try:
        services.run_audited(request, connection, action=f"transfers.{decision}", target=transfer_id,
                             site_id=site_id, detail=detail, call=call)
    except API_ERRORS as error:
        _add_api_error(form, error)
        return _render_transfers(request, connection, form=form, status=400)

    if decision == "accept":
        text = _("Transfer %(id)s accepted: site %(site)s now belongs to this account.")
    else:
        text = _("Transfer %(id)s rejected: site %(site)s stays with its current account.")
    messages.success(request, text % {"id": transfer_id, "site": site_id})
    return redirect("accounts:connection_transfers", connection_pk=connection.pk)
