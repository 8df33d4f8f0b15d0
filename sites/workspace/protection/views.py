"""The password protection tab: turn HTTP basic auth on or off, and manage its usernames."""

import logging

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import RocketNetError
from sites import selectors
from sites.workspace.context import UpstreamUnavailable, call_api, load_site, render_tab
from sites.workspace.protection import services
from sites.workspace.protection.forms import ProtectionToggleForm, ProtectionUserForm

logger = logging.getLogger(__name__)

TEMPLATE = "sites/workspace/protection.html"


def _render(request, ctx, *, user_form=None, toggle_form=None, row_errors=(), status=200):
    try:
        enabled, users = services.get_status(ctx.connection, ctx.site_id)
        load_error = None
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Password protection of site %s (connection %s) could not be read: %s",
                       ctx.site_id, ctx.connection.pk, error)
        enabled, users, load_error = None, [], selectors.describe_error(error)

    context = {
        "enabled": enabled,
        "protection_users": users,
        "load_error": load_error,
        "row_errors": row_errors,
        "user_form": user_form or ProtectionUserForm(),
        "toggle_form": toggle_form or ProtectionToggleForm(),
    }
    return render_tab(request, ctx, "protection", TEMPLATE, context, status=status)


def _back(ctx):
    return redirect("sites:ws_protection", connection_pk=ctx.connection.pk, site_id=ctx.site_id)


def _username_of(ctx, user_id):
    """Return the username behind `user_id` for messages and the audit log, or the id if unknown."""
    try:
        _enabled, users = services.get_status(ctx.connection, ctx.site_id)
    except (RocketNetError, DecryptionError):
        return user_id
    return next((user.get("username") for user in users if user.get("user_id") == user_id), user_id)


def _load_for_write(request, connection_pk, site_id):
    return load_site(request, connection_pk, site_id, role=Role.MEMBER)


@login_required
@require_GET
def protection_tab(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)

    return _render(request, ctx)


def _toggle(request, connection_pk, site_id, *, enabled):
    try:
        ctx = _load_for_write(request, connection_pk, site_id)
    except UpstreamUnavailable as unavailable:
        return unavailable.response

    form = ProtectionToggleForm(request.POST)
    if enabled:
        action, message = "protection.enable", _("Password protection is on: visitors must log in to see the site.")
    else:
        action, message = "protection.disable", _("Password protection is off: the site is public again.")
    ok, _result = call_api(
        request, ctx, action=action, target=ctx.site.domain or ctx.site_label,
        call=lambda: services.set_enabled(ctx.connection, ctx.site_id, enabled), form=form,
        success_message=message,
        explain_error=lambda error: _explain_enable_error(ctx) if enabled else None,
    )
    if not ok:
        return _render(request, ctx, toggle_form=form, status=400)
    return _back(ctx)


def _explain_enable_error(ctx):
    """Return a sentence when turning protection on failed because the site has no username, or None."""
    try:
        _enabled, users = services.get_status(ctx.connection, ctx.site_id)
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Password protection users of site %s could not be read: %s", ctx.site_id, error)
        return None
    if users:
        return None
    return _("Password protection needs at least one username. Add a username below, then turn it on.")


@login_required
@require_POST
def enable(request, connection_pk, site_id):
    return _toggle(request, connection_pk, site_id, enabled=True)


@login_required
@require_POST
def disable(request, connection_pk, site_id):
    return _toggle(request, connection_pk, site_id, enabled=False)


@login_required
@require_POST
def add_user(request, connection_pk, site_id):
    try:
        ctx = _load_for_write(request, connection_pk, site_id)
    except UpstreamUnavailable as unavailable:
        return unavailable.response

    form = ProtectionUserForm(request.POST)
    if not form.is_valid():
        return _render(request, ctx, user_form=form, status=400)

    username = form.cleaned_data["username"]
    ok, _result = call_api(
        request, ctx, action="protection.add_user", target=username,
        call=lambda: services.add_user(ctx.connection, ctx.site_id, username=username,
                                       password=form.cleaned_data["password"]),
        form=form, success_message=_("Username %(username)s can now log in.") % {"username": username},
    )
    if not ok:
        return _render(request, ctx, user_form=form, status=400)
    return _back(ctx)


@login_required
@require_POST
def remove_user(request, connection_pk, site_id, user_id):
    try:
        ctx = _load_for_write(request, connection_pk, site_id)
    except UpstreamUnavailable as unavailable:
        return unavailable.response

    username = _username_of(ctx, user_id)
    form = ProtectionToggleForm(data={})
    ok, _result = call_api(
        request, ctx, action="protection.remove_user", target=username, detail={"user_id": user_id}, form=form,
        call=lambda: services.remove_user(ctx.connection, ctx.site_id, user_id),
        success_message=_("Username %(username)s was removed.") % {"username": username},
    )
    if not ok:
        errors = [_("%(item)s: %(error)s") % {"item": username, "error": error} for error in form.non_field_errors()]
        return _render(request, ctx, row_errors=errors, status=400)
    return _back(ctx)


urlpatterns = [
    path("protection/", protection_tab, name="ws_protection"),
    path("protection/enable/", enable, name="ws_protection_enable"),
    path("protection/disable/", disable, name="ws_protection_disable"),
    path("protection/users/add/", add_user, name="ws_protection_user_add"),
    path("protection/users/<str:user_id>/remove/", remove_user, name="ws_protection_user_remove"),
]
