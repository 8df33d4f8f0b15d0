"""The site users tab: list who may manage this site, invite by email, resend or remove."""

import logging

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import RocketNetError
from sites import selectors
from sites.workspace.context import call_api, load_site, render_tab
from sites.workspace.users import services
from sites.workspace.users.forms import InviteSiteUserForm

logger = logging.getLogger(__name__)

TEMPLATE = "sites/workspace/users.html"


def _render(request, ctx, *, invite_form=None, row_errors=(), status=200):
    try:
        users, list_error = services.list_users(ctx.connection, ctx.site_id), None
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Site users of site %s (connection %s) could not be listed: %s",
                       ctx.site_id, ctx.connection.pk, error)
        users, list_error = [], selectors.describe_error(error)

    context = {
        "users": users, "list_error": list_error, "row_errors": row_errors,
        "invite_form": invite_form or InviteSiteUserForm(),
    }
    return render_tab(request, ctx, "users", TEMPLATE, context, status=status)


def _back(ctx):
    return redirect("sites:ws_users", connection_pk=ctx.connection.pk, site_id=ctx.site_id)


def _row_action(request, ctx, *, label, **call_kwargs):
    """Run an action on one listed user; on an API error show the tab again with the error above the list."""
    form = forms.Form(data={})
    ok, _result = call_api(request, ctx, form=form, **call_kwargs)
    if ok:
        return _back(ctx)
    errors = [_("%(item)s: %(error)s") % {"item": label, "error": error} for error in form.non_field_errors()]
    return _render(request, ctx, row_errors=errors, status=400)


def _user_label(ctx, user_id):
    """Return the email of site user `user_id` for messages and the audit log, or the id if unknown."""
    try:
        users = services.list_users(ctx.connection, ctx.site_id)
    except (RocketNetError, DecryptionError):
        return str(user_id)
    return next((user.email for user in users if user.id == user_id), str(user_id))


@login_required
@require_GET
def users_tab(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)

    return _render(request, ctx)


@login_required
@require_POST
def invite(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form = InviteSiteUserForm(request.POST)
    if not form.is_valid():
        return _render(request, ctx, invite_form=form, status=400)

    email = form.cleaned_data["email"]
    ok, _result = call_api(
        request, ctx, action="site_users.invite", target=email, detail={"name": form.cleaned_data["name"]},
        call=lambda: services.invite(ctx.connection, ctx.site_id, name=form.cleaned_data["name"], email=email),
        form=form, success_message=_("Invitation sent to %(email)s.") % {"email": email},
    )
    if not ok:
        return _render(request, ctx, invite_form=form, status=400)
    return _back(ctx)


@login_required
@require_POST
def resend_invite(request, connection_pk, site_id, user_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    email = _user_label(ctx, user_id)
    return _row_action(
        request, ctx, label=email, action="site_users.resend_invite", target=email, detail={"user_id": user_id},
        call=lambda: services.resend_invite(ctx.connection, ctx.site_id, user_id),
        success_message=_("Invitation sent again to %(email)s.") % {"email": email},
    )


@login_required
@require_POST
def remove(request, connection_pk, site_id, user_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    email = _user_label(ctx, user_id)
    return _row_action(
        request, ctx, label=email, action="site_users.remove", target=email, detail={"user_id": user_id},
        call=lambda: services.remove(ctx.connection, ctx.site_id, user_id),
        success_message=_("%(email)s can no longer manage this site.") % {"email": email},
    )


urlpatterns = [
    path("users/", users_tab, name="ws_users"),
    path("users/invite/", invite, name="ws_users_invite"),
    path("users/<int:user_id>/resend/", resend_invite, name="ws_users_resend"),
    path("users/<int:user_id>/remove/", remove, name="ws_users_remove"),
]
