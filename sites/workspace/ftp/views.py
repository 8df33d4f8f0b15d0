"""Views of the FTP tab. Passwords go from the form to the API only: never rendered, logged or audited."""

import logging

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import RocketNetError
from sites import selectors
from sites.workspace.context import call_api, load_site, render_tab
from sites.workspace.ftp import forms, services

logger = logging.getLogger(__name__)

TEMPLATE = "sites/workspace/ftp.html"
EDIT_TEMPLATE = "sites/workspace/ftp_edit.html"
CONFIRM_TEMPLATE = "sites/workspace/ftp_confirm.html"


def _list_url(ctx):
    return reverse("sites:ws_ftp", kwargs={"connection_pk": ctx.connection.pk, "site_id": ctx.site.id})


def _read(ctx, section, load, default):
    """Run one read for the page; return (value, error text or None)."""
    try:
        return load(), None
    except (RocketNetError, DecryptionError) as error:
        logger.warning("FTP: loading %s of site %s failed: %s", section, ctx.site.id, error)
        return default, selectors.describe_error(error)


def _domains(ctx):
    domains, error = _read(ctx, "domains", lambda: services.site_domains(ctx.connection, ctx.site), [])
    return domains or ([ctx.site.domain] if ctx.site.domain else []), error


def _render_list(request, ctx, *, create_form=None, status=200):
    accounts, list_error = _read(ctx, "accounts", lambda: services.list_accounts(ctx.connection, ctx.site.id), None)
    if create_form is None and ctx.can_write:
        domains, _error = _domains(ctx)
        create_form = forms.FtpAccountForm(domains=domains, initial={"domain": ctx.site.domain})

    context = {"accounts": accounts, "list_error": list_error, "create_form": create_form}
    return render_tab(request, ctx, "ftp", TEMPLATE, context, status=status)


@login_required
@require_GET
def ftp_list(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)
    return _render_list(request, ctx)


@login_required
@require_POST
def ftp_create(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    domains, domain_error = _domains(ctx)
    form = forms.FtpAccountForm(request.POST, domains=domains)
    if domain_error:
        form.add_error(None, _("The site's domains could not be loaded, so only the main domain is offered: %(error)s")
                       % {"error": domain_error})
    if not form.is_valid():
        return _render_list(request, ctx, create_form=form, status=400)

    data = form.cleaned_data
    login = f"{data['username']}@{data['domain']}"
    ok, _result = call_api(
        request, ctx, action="ftp.create", target=login, form=form,
        detail={"homedir": data["homedir"], "quota": data["quota"]},
        call=lambda: services.create_account(ctx.connection, ctx.site.id, username=data["username"],
                                             password=data["password"], homedir=data["homedir"],
                                             quota=data["quota"], domain=data["domain"]),
        success_message=_("Created the FTP account %(login)s.") % {"login": login},
    )
    if ok:
        return redirect(_list_url(ctx))
    return _render_list(request, ctx, create_form=form, status=400)


def _account_or_error(request, ctx, user):
    """Return (account, None) or (None, response): a 404 page when the site has no such account."""
    account, error = _read(ctx, "account", lambda: services.find_account(ctx.connection, ctx.site.id, user), None)
    if error:
        return None, render_tab(request, ctx, "ftp", TEMPLATE,
                                {"accounts": None, "list_error": error, "create_form": None}, status=502)
    if account is None:
        message = _("The FTP account %(user)s was not found on this site. It may have been deleted.") % {"user": user}
        return None, render_tab(request, ctx, "ftp", TEMPLATE,
                                {"accounts": None, "list_error": message, "create_form": None}, status=404)
    return account, None


@login_required
@require_http_methods(["GET", "POST"])
def ftp_edit(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    user = (request.POST.get("user") if request.method == "POST" else request.GET.get("user")) or ""
    account, error_response = _account_or_error(request, ctx, user)
    if error_response is not None:
        return error_response

    if request.method == "GET":
        initial = {"user": user, "homedir": (account.get("reldir") or "").strip("/"),
                   "quota": forms.current_quota(account)}
        return _render_edit(request, ctx, account, forms.FtpUpdateForm(initial=initial))

    form = forms.FtpUpdateForm(request.POST)
    if not form.is_valid():
        return _render_edit(request, ctx, account, form, status=400)

    changes = form.changes(account)
    if not changes:
        form.add_error(None, _("Nothing changed: enter a new password, home folder or quota."))
        return _render_edit(request, ctx, account, form, status=400)

    audited_values = {name: value for name, value in changes.items() if name != "new_password"}
    ok, _result = call_api(
        request, ctx, action="ftp.update", target=user, form=form,
        detail={"changed": sorted(changes), **audited_values},
        call=lambda: services.update_account(ctx.connection, ctx.site.id, user, changes),
        success_message=_("Updated the FTP account %(user)s.") % {"user": user},
    )
    if ok:
        return redirect(_list_url(ctx))
    return _render_edit(request, ctx, account, form, status=400)


def _render_edit(request, ctx, account, form, *, status=200):
    return render_tab(request, ctx, "ftp", EDIT_TEMPLATE, {"account": account, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def ftp_delete(request, connection_pk, site_id):
    """GET shows the confirmation; POST with the confirmation ticked deletes."""
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    if request.method == "GET":
        user = request.GET.get("user", "")
        account, error_response = _account_or_error(request, ctx, user)
        if error_response is not None:
            return error_response
        return _render_confirm(request, ctx, account, forms.FtpDeleteForm(initial={"user": user}))

    form = forms.FtpDeleteForm(request.POST)
    user = request.POST.get("user", "")
    if not form.is_valid():
        return _render_confirm(request, ctx, {"user": user}, form, status=400)

    ok, _result = call_api(
        request, ctx, action="ftp.delete", target=user, form=form,
        call=lambda: services.delete_account(ctx.connection, ctx.site.id, user),
        success_message=_("Deleted the FTP account %(user)s.") % {"user": user},
    )
    if ok:
        return redirect(_list_url(ctx))
    return _render_confirm(request, ctx, {"user": user}, form, status=400)


def _render_confirm(request, ctx, account, form, *, status=200):
    return render_tab(request, ctx, "ftp", CONFIRM_TEMPLATE, {"account": account, "form": form}, status=status)


urlpatterns = [
    path("ftp/", ftp_list, name="ws_ftp"),
    path("ftp/create/", ftp_create, name="ws_ftp_create"),
    path("ftp/edit/", ftp_edit, name="ws_ftp_edit"),
    path("ftp/delete/", ftp_delete, name="ws_ftp_delete"),
]
