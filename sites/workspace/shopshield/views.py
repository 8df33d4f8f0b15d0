"""The ShopShield tab: list protected URIs, protect another, look at one, stop protecting it."""

import logging

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import NotFoundError, RocketNetError
from sites import selectors
from sites.workspace.context import call_api, load_site, render_tab
from sites.workspace.shopshield import services
from sites.workspace.shopshield.forms import EnableShopShieldForm

logger = logging.getLogger(__name__)

TEMPLATE = "sites/workspace/shopshield.html"
DETAIL_TEMPLATE = "sites/workspace/shopshield_detail.html"


def _render(request, ctx, *, form=None, row_errors=(), status=200):
    try:
        uris, list_error = services.list_uris(ctx.connection, ctx.site_id), None
    except (RocketNetError, DecryptionError) as error:
        logger.warning("ShopShield URIs of site %s (connection %s) could not be listed: %s",
                       ctx.site_id, ctx.connection.pk, error)
        uris, list_error = [], selectors.describe_error(error)

    context = {
        "uris": uris, "list_error": list_error, "row_errors": row_errors, "form": form or EnableShopShieldForm(),
    }
    return render_tab(request, ctx, "shopshield", TEMPLATE, context, status=status)


@login_required
@require_GET
def shopshield_tab(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)

    return _render(request, ctx)


@login_required
@require_POST
def enable(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form = EnableShopShieldForm(request.POST)
    if not form.is_valid():
        return _render(request, ctx, form=form, status=400)

    uri = form.cleaned_data["uri"]
    notify = form.cleaned_data["notify_site_owner"]
    ok, _result = call_api(
        request, ctx, action="shopshield.enable", target=uri, detail={"notify_site_owner": notify},
        call=lambda: services.enable(ctx.connection, ctx.site_id, uri=uri, notify_site_owner=notify), form=form,
        success_message=_("ShopShield now protects %(uri)s.") % {"uri": uri},
    )
    if not ok:
        return _render(request, ctx, form=form, status=400)
    return redirect("sites:ws_shopshield", connection_pk=ctx.connection.pk, site_id=ctx.site_id)


@login_required
@require_GET
def uri_detail(request, connection_pk, site_id, uri_id):
    ctx = load_site(request, connection_pk, site_id)

    try:
        item = services.get_uri(ctx.connection, ctx.site_id, uri_id)
    except NotFoundError:
        raise Http404(_("ShopShield protects no URI with ID %(id)s on this site.") % {"id": uri_id}) from None
    except (RocketNetError, DecryptionError) as error:
        logger.warning("ShopShield URI %s of site %s could not be read: %s", uri_id, ctx.site_id, error)
        context = {"item": None, "load_error": selectors.describe_error(error)}
        return render_tab(request, ctx, "shopshield", DETAIL_TEMPLATE, context, status=502)

    return render_tab(request, ctx, "shopshield", DETAIL_TEMPLATE, {"item": item, "load_error": None})


@login_required
@require_POST
def disable(request, connection_pk, site_id, uri_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    try:
        uri = (services.get_uri(ctx.connection, ctx.site_id, uri_id) or {}).get("uri") or uri_id
    except (RocketNetError, DecryptionError):
        uri = uri_id
    error_holder = forms.Form(data={})
    ok, _result = call_api(
        request, ctx, action="shopshield.disable", target=uri, detail={"uri_id": uri_id}, form=error_holder,
        call=lambda: services.disable(ctx.connection, ctx.site_id, uri_id),
        success_message=_("ShopShield no longer protects %(uri)s.") % {"uri": uri},
    )
    if not ok:
        errors = [_("%(item)s: %(error)s") % {"item": uri, "error": error} for error in error_holder.non_field_errors()]
        return _render(request, ctx, row_errors=errors, status=400)
    return redirect("sites:ws_shopshield", connection_pk=ctx.connection.pk, site_id=ctx.site_id)


urlpatterns = [
    path("shopshield/", shopshield_tab, name="ws_shopshield"),
    path("shopshield/enable/", enable, name="ws_shopshield_enable"),
    path("shopshield/<str:uri_id>/", uri_detail, name="ws_shopshield_detail"),
    path("shopshield/<str:uri_id>/disable/", disable, name="ws_shopshield_disable"),
]
