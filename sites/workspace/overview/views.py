"""Overview actions on the site page: usage, WordPress status, access, lock, edit and delete.

The site page itself (sites:site_detail) is the tab's landing page. It loads the usage and
WordPress panels from here with htmx, and its buttons post to the views below.
"""

import json
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import RocketNetError
from sites import selectors
from sites.workspace.context import UpstreamUnavailable, call_api, load_site, render_tab
from sites.workspace.overview import services
from sites.workspace.overview.forms import SiteDeleteForm, SiteEditForm, UsageRangeForm

logger = logging.getLogger(__name__)

TEMPLATE = "sites/workspace/overview.html"
SIGN_ON_TARGETS = {
    "wp_admin": ("site.wp_admin_login", "WordPress admin"),
    "phpmyadmin": ("site.phpmyadmin_login", "phpMyAdmin"),
}


def _is_fragment_request(request):
    return bool(request.htmx) and not request.htmx.boosted


def _render(request, ctx, section, context, *, status=200):
    """Render one section: just its partial for htmx, else the Overview page showing that section."""
    if _is_fragment_request(request):
        # htmx 2 does not swap 4xx and 5xx responses by default, and the fragment carries the error
        # text itself, so it is sent as 200.
        template, status = f"{TEMPLATE}#{section}-panel", 200
    else:
        template = TEMPLATE
    return render_tab(request, ctx, "overview", template, {"section": section, **context}, status=status)


def _site_page(ctx):
    return redirect("sites:site_detail", connection_pk=ctx.connection.pk, site_id=ctx.site_id)


def _load(request, connection_pk, site_id, role=Role.VIEWER):
    """Return (ctx, None), or (None, response) when Rocket.net could not show the site."""
    try:
        return load_site(request, connection_pk, site_id, role=role), None
    except UpstreamUnavailable as unavailable:
        return None, unavailable.response


# -- reads ---------------------------------------------------------------------------------------


@login_required
@require_GET
def usage(request, connection_pk, site_id):
    ctx, failure = _load(request, connection_pk, site_id)
    if failure:
        return failure

    form = UsageRangeForm.from_query(request.GET)
    context = {"usage_form": form, "usage": None, "usage_error": None}
    if not form.is_valid():
        return _render(request, ctx, "usage", context, status=400)

    try:
        found = services.get_usage(ctx.connection, ctx.site_id, form.cleaned_data["date_from"],
                                   form.cleaned_data["date_to"])
        context["usage"] = found
        context["chart_data"] = _chart_data(found)
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Usage of site %s (connection %s) could not be read: %s", ctx.site_id, ctx.connection.pk, error)
        context["usage_error"] = selectors.describe_error(error)
    return _render(request, ctx, "usage", context)


def _chart_data(usage):
    """Return the daily series for the Chart.js line chart, with translated series names."""
    return {
        "labels": [day["date"] for day in usage.days],
        "visitors": [day["visitors"] for day in usage.days],
        "bandwidth": [day["bandwidth_kb"] for day in usage.days],
        "visitors_label": _("Visitors"),
        "bandwidth_label": _("Bandwidth (KB)"),
    }


@login_required
@require_GET
def wordpress_status(request, connection_pk, site_id):
    ctx, failure = _load(request, connection_pk, site_id)
    if failure:
        return failure

    context = {"wordpress": None, "wordpress_error": None}
    try:
        context["wordpress"] = services.get_wordpress_status(ctx.connection, ctx.site_id)
    except (RocketNetError, DecryptionError) as error:
        logger.warning("WordPress status of site %s (connection %s) could not be read: %s",
                       ctx.site_id, ctx.connection.pk, error)
        context["wordpress_error"] = selectors.describe_error(error)
    return _render(request, ctx, "wordpress", context)


# -- access --------------------------------------------------------------------------------------


@login_required
@require_POST
def reveal_credentials(request, connection_pk, site_id):
    """Show the site's SFTP credentials once; the response is never cached or kept in htmx history."""
    ctx, failure = _load(request, connection_pk, site_id, role=Role.MEMBER)
    if failure:
        return failure

    ok, credentials = call_api(
        request, ctx, action="site.credentials_revealed", target=ctx.site_label,
        call=lambda: services.get_credentials(ctx.connection, ctx.site_id),
    )
    context = {"credentials": credentials if ok else None, "credentials_error": None}
    if not ok:
        # call_api put the error in the messages; show it beside the button instead.
        context["credentials_error"] = _pop_error_message(request)

    response = _render(request, ctx, "credentials", context, status=200 if ok else 502)
    response.headers["Cache-Control"] = "no-store"
    return response


def _pop_error_message(request):
    """Consume the messages queued so far and return the text of the last error among them."""
    texts = [str(message) for message in messages.get_messages(request) if message.level == messages.ERROR]
    return texts[-1] if texts else _("The request failed.")


@login_required
@require_POST
def sign_on(request, connection_pk, site_id, target):
    """Fetch a fresh single sign-on URL and send the browser (a new tab) to it."""
    ctx, failure = _load(request, connection_pk, site_id, role=Role.MEMBER)
    if failure:
        return failure

    action, title = SIGN_ON_TARGETS[target]
    ok, url = call_api(
        request, ctx, action=action, target=ctx.site_label,
        call=lambda: services.get_sign_on_url(ctx.connection, ctx.site_id, target),
    )
    if not ok:
        # The error message is shown on the site page, in the tab the button opened.
        return _site_page(ctx)
    logger.info("Single sign-on to %s of site %s issued to user %s", title, ctx.site_id, request.user.pk)
    return HttpResponseRedirect(url)


# -- lock ----------------------------------------------------------------------------------------


def _change_lock(request, connection_pk, site_id, *, lock):
    ctx, failure = _load(request, connection_pk, site_id, role=Role.MEMBER)
    if failure:
        return failure

    if lock:
        ok, _result = call_api(request, ctx, action="site.locked", target=ctx.site_label,
                               call=lambda: services.lock_site(ctx.connection, ctx.site_id),
                               success_message=_("The site is locked."))
    else:
        ok, _result = call_api(request, ctx, action="site.unlocked", target=ctx.site_label,
                               call=lambda: services.unlock_site(ctx.connection, ctx.site_id),
                               success_message=_("The site is unlocked."))

    if not _is_fragment_request(request):
        return _site_page(ctx)

    # For htmx, show the outcome beside the buttons, with the site's status read again.
    outcome = [(message.level_tag, str(message)) for message in messages.get_messages(request)]
    ctx, failure = _load(request, connection_pk, site_id)
    if failure:
        return failure
    return _render(request, ctx, "lock", {"lock_messages": outcome}, status=200 if ok else 400)


@login_required
@require_POST
def lock_site(request, connection_pk, site_id):
    return _change_lock(request, connection_pk, site_id, lock=True)


@login_required
@require_POST
def unlock_site(request, connection_pk, site_id):
    return _change_lock(request, connection_pk, site_id, lock=False)


# -- edit and delete -----------------------------------------------------------------------------


def _metadata_text(metadata):
    return json.dumps(metadata, indent=2, ensure_ascii=False) if metadata else ""


@login_required
@require_http_methods(["GET", "POST"])
def edit_site(request, connection_pk, site_id):
    ctx, failure = _load(request, connection_pk, site_id, role=Role.MEMBER)
    if failure:
        return failure

    if request.method == "GET":
        form = SiteEditForm(initial={"label": ctx.site.label, "metadata": _metadata_text(ctx.site.metadata)})
        return _render(request, ctx, "edit", {"edit_form": form})

    form = SiteEditForm(request.POST)
    ok = form.is_valid()
    if ok:
        label, metadata = form.cleaned_data["label"], form.cleaned_data["metadata"]
        ok, _site = call_api(
            request, ctx, action="site.updated", target=ctx.site_label, form=form,
            detail={"label": label, "metadata_fields": sorted(metadata)},
            call=lambda: services.update_site(ctx.connection, ctx.site_id, label=label, metadata=metadata),
            success_message=_("Label and metadata saved."),
        )
    if not ok:
        return _render(request, ctx, "edit", {"edit_form": form}, status=400)
    return _site_page(ctx)


@login_required
@require_http_methods(["GET", "POST"])
def delete_site(request, connection_pk, site_id):
    ctx, failure = _load(request, connection_pk, site_id, role=Role.MEMBER)
    if failure:
        return failure

    if request.method == "GET":
        return _render(request, ctx, "delete", {"delete_form": SiteDeleteForm(site=ctx.site)})

    form = SiteDeleteForm(request.POST, site=ctx.site)
    ok = form.is_valid()
    if ok:
        ok, _result = call_api(
            request, ctx, action="site.deleted", target=ctx.site_label, form=form,
            detail={"domain": ctx.site.domain or ""},
            call=lambda: services.delete_site(ctx.connection, ctx.site_id),
            success_message=_("Site %(site)s was deleted.") % {"site": ctx.site_label},
        )
    if not ok:
        return _render(request, ctx, "delete", {"delete_form": form}, status=400)
    return redirect("sites:fleet")


urlpatterns = [
    path("overview/usage/", usage, name="ws_overview_usage"),
    path("overview/wordpress/", wordpress_status, name="ws_overview_wordpress"),
    path("overview/credentials/", reveal_credentials, name="ws_overview_credentials"),
    path("overview/sign-on/wp-admin/", sign_on, {"target": "wp_admin"}, name="ws_overview_wp_admin"),
    path("overview/sign-on/phpmyadmin/", sign_on, {"target": "phpmyadmin"}, name="ws_overview_phpmyadmin"),
    path("overview/lock/", lock_site, name="ws_overview_lock"),
    path("overview/unlock/", unlock_site, name="ws_overview_unlock"),
    path("overview/edit/", edit_site, name="ws_overview_edit"),
    path("overview/delete/", delete_site, name="ws_overview_delete"),
]
