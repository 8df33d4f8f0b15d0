"""Views of the SSH keys tab."""

import logging
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import NotFoundError, RocketNetError
from sites import selectors
from sites.workspace.context import call_api, load_site, render_tab
from sites.workspace.ssh import forms, services

logger = logging.getLogger(__name__)

TEMPLATE = "sites/workspace/ssh.html"
KEY_TEMPLATE = "sites/workspace/ssh_key.html"
CONFIRM_TEMPLATE = "sites/workspace/ssh_confirm.html"


def _list_url(ctx):
    return reverse("sites:ws_ssh", kwargs={"connection_pk": ctx.connection.pk, "site_id": ctx.site.id})


def _key_url(ctx, name):
    url = reverse("sites:ws_ssh_key", kwargs={"connection_pk": ctx.connection.pk, "site_id": ctx.site.id})
    return f"{url}?{urlencode({'name': name})}"


def _render_list(request, ctx, *, import_form=None, row_errors=None, status=200):
    """Render the key list; `row_errors` maps a key name to the errors of the action taken on it."""
    keys, list_error = None, None
    try:
        keys = services.list_keys(ctx.connection, ctx.site.id)
    except (RocketNetError, DecryptionError) as error:
        logger.warning("SSH keys: listing site %s failed: %s", ctx.site.id, error)
        list_error = selectors.describe_error(error)

    rows = [{"key": key, "authorized": services.is_authorized(key), "errors": (row_errors or {}).get(key.get("name"))}
            for key in keys or []]
    context = {
        "rows": rows,
        "keys_loaded": keys is not None,
        "list_error": list_error,
        "unlisted_errors": {name: errors for name, errors in (row_errors or {}).items()
                            if name not in {key.get("name") for key in keys or []}},
        "import_form": import_form or forms.ImportKeyForm(),
    }
    return render_tab(request, ctx, "ssh", TEMPLATE, context, status=status)


@login_required
@require_GET
def key_list(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)
    return _render_list(request, ctx)


@login_required
@require_GET
def key_detail(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)

    form = forms.KeyActionForm(request.GET)
    if not form.is_valid():
        return _render_list(request, ctx, row_errors={request.GET.get("name", ""): form.errors["name"]}, status=400)

    name = form.cleaned_data["name"]
    key, load_error, status = None, None, 200
    try:
        key = services.get_key(ctx.connection, ctx.site.id, name)
    except NotFoundError:
        load_error, status = _("The SSH key %(name)s was not found on this site.") % {"name": name}, 404
    except (RocketNetError, DecryptionError) as error:
        logger.warning("SSH keys: reading %s of site %s failed: %s", name, ctx.site.id, error)
        load_error, status = selectors.describe_error(error), 502

    context = {"name": name, "key": key, "authorized": bool(key) and services.is_authorized(key),
               "load_error": load_error}
    return render_tab(request, ctx, "ssh", KEY_TEMPLATE, context, status=status)


@login_required
@require_POST
def key_import(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form = forms.ImportKeyForm(request.POST)
    if not form.is_valid():
        return _render_list(request, ctx, import_form=form, status=400)

    name = form.cleaned_data["name"]
    key_type = form.cleaned_data["key"].split(" ")[0]
    ok, _result = call_api(
        request, ctx, action="ssh.import", target=name, form=form, detail={"type": key_type},
        call=lambda: services.import_key(ctx.connection, ctx.site.id, name=name, key=form.cleaned_data["key"]),
        success_message=_("Imported the SSH key %(name)s. Authorize it to allow logins with it.") % {"name": name},
        explain_error=lambda error: services.explain_import_error(ctx.connection, ctx.site.id, name, error),
    )
    if ok:
        return redirect(_list_url(ctx))
    return _render_list(request, ctx, import_form=form, status=400)


def _toggle(request, connection_pk, site_id, *, authorize):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form = forms.KeyActionForm(request.POST)
    if not form.is_valid():
        return _render_list(request, ctx, row_errors={request.POST.get("name", ""): form.errors["name"]}, status=400)

    name = form.cleaned_data["name"]
    if authorize:
        action, call = "ssh.authorize", lambda: services.authorize(ctx.connection, ctx.site.id, name)
        message = _("Authorized the SSH key %(name)s: it can log in now.") % {"name": name}
    else:
        action, call = "ssh.deauthorize", lambda: services.deauthorize(ctx.connection, ctx.site.id, name)
        message = _("Deauthorized the SSH key %(name)s: it can no longer log in.") % {"name": name}

    ok, _result = call_api(request, ctx, action=action, target=name, form=form, call=call, success_message=message)
    if not ok:
        return _render_list(request, ctx, row_errors={name: form.non_field_errors()}, status=400)
    if request.POST.get("next") == "key":
        return redirect(_key_url(ctx, name))
    return redirect(_list_url(ctx))


@login_required
@require_POST
def key_authorize(request, connection_pk, site_id):
    return _toggle(request, connection_pk, site_id, authorize=True)


@login_required
@require_POST
def key_deauthorize(request, connection_pk, site_id):
    return _toggle(request, connection_pk, site_id, authorize=False)


@login_required
@require_http_methods(["GET", "POST"])
def key_delete(request, connection_pk, site_id):
    """GET shows the confirmation; POST with the confirmation ticked deletes."""
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    if request.method == "GET":
        check = forms.KeyActionForm(request.GET)
        if not check.is_valid():
            return _render_list(request, ctx, row_errors={request.GET.get("name", ""): check.errors["name"]}, status=400)
        name = check.cleaned_data["name"]
        return _render_confirm(request, ctx, name, forms.DeleteKeyForm(initial={"name": name}))

    form = forms.DeleteKeyForm(request.POST)
    valid = form.is_valid()
    if "name" in form.errors:
        return _render_list(request, ctx, row_errors={request.POST.get("name", ""): form.errors["name"]}, status=400)
    name = form.cleaned_data["name"]
    if not valid:
        return _render_confirm(request, ctx, name, form, status=400)

    ok, _result = call_api(
        request, ctx, action="ssh.delete", target=name, form=form,
        call=lambda: services.delete_key(ctx.connection, ctx.site.id, name),
        success_message=_("Deleted the SSH key %(name)s.") % {"name": name},
    )
    if ok:
        return redirect(_list_url(ctx))
    return _render_confirm(request, ctx, name, form, status=400)


def _render_confirm(request, ctx, name, form, *, status=200):
    return render_tab(request, ctx, "ssh", CONFIRM_TEMPLATE, {"name": name, "form": form}, status=status)


urlpatterns = [
    path("ssh/", key_list, name="ws_ssh"),
    path("ssh/key/", key_detail, name="ws_ssh_key"),
    path("ssh/import/", key_import, name="ws_ssh_import"),
    path("ssh/authorize/", key_authorize, name="ws_ssh_authorize"),
    path("ssh/deauthorize/", key_deauthorize, name="ws_ssh_deauthorize"),
    path("ssh/delete/", key_delete, name="ws_ssh_delete"),
]
