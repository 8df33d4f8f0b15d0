"""The CDN cache tab: purge listed URLs, or everything."""

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
from sites.workspace.cache import services
from sites.workspace.cache.forms import PurgeEverythingForm, PurgeUrlsForm
from sites.workspace.context import call_api, load_site, render_tab

logger = logging.getLogger(__name__)

TEMPLATE = "sites/workspace/cache.html"


def _hostnames(ctx):
    """Return the site's host names and an error text (None when the aliases loaded)."""
    try:
        return services.site_hostnames(ctx.connection, ctx.site), None
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Aliases of site %s (connection %s) could not be read: %s", ctx.site_id, ctx.connection.pk, error)
        # Without the aliases, URLs on the main domain and CDN URL can still be purged.
        fallback = sorted({value.lower() for value in (ctx.site.domain, ctx.site.rocket_url) if value})
        return fallback, selectors.describe_error(error)


def _render(request, ctx, *, hostnames, aliases_error=None, urls_form=None, everything_form=None, status=200):
    context = {
        "hostnames": hostnames,
        "aliases_error": aliases_error,
        "urls_form": urls_form or PurgeUrlsForm(hostnames=hostnames),
        "everything_form": everything_form or PurgeEverythingForm(),
    }
    return render_tab(request, ctx, "cache", TEMPLATE, context, status=status)


@login_required
@require_GET
def cache_tab(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)

    hostnames, aliases_error = _hostnames(ctx)
    return _render(request, ctx, hostnames=hostnames, aliases_error=aliases_error)


@login_required
@require_POST
def purge_urls(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    hostnames, aliases_error = _hostnames(ctx)
    form = PurgeUrlsForm(request.POST, hostnames=hostnames)
    if not form.is_valid():
        return _render(request, ctx, hostnames=hostnames, aliases_error=aliases_error, urls_form=form, status=400)

    urls = form.cleaned_data["urls"]
    ok, _result = call_api(
        request, ctx, action="cache.purge", target=", ".join(urls)[:500], detail={"urls": urls},
        call=lambda: services.purge_urls(ctx.connection, ctx.site_id, urls), form=form,
        success_message=_("%(count)d URL(s) purged from the CDN cache.") % {"count": len(urls)},
    )
    if not ok:
        return _render(request, ctx, hostnames=hostnames, aliases_error=aliases_error, urls_form=form, status=400)
    return redirect("sites:ws_cache", connection_pk=ctx.connection.pk, site_id=ctx.site_id)


@login_required
@require_POST
def purge_everything(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form = PurgeEverythingForm(request.POST)
    ok = form.is_valid()
    if ok:
        include_aliases = form.cleaned_data["include_aliases"]
        ok, _result = call_api(
            request, ctx, action="cache.purge_everything", target=ctx.site.domain or ctx.site_label,
            detail={"include_aliases": include_aliases}, form=form,
            call=lambda: services.purge_everything(ctx.connection, ctx.site_id, include_aliases=include_aliases),
            success_message=_("The whole CDN cache of %(domain)s was purged.") % {"domain": ctx.site.domain},
        )
    if not ok:
        hostnames, aliases_error = _hostnames(ctx)
        return _render(request, ctx, hostnames=hostnames, aliases_error=aliases_error, everything_form=form,
                       status=400)
    return redirect("sites:ws_cache", connection_pk=ctx.connection.pk, site_id=ctx.site_id)


urlpatterns = [
    path("cache/", cache_tab, name="ws_cache"),
    path("cache/purge/", purge_urls, name="ws_cache_purge"),
    path("cache/purge-everything/", purge_everything, name="ws_cache_purge_everything"),
]
