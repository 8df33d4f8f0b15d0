"""Views of the Settings tab."""

import logging

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import RocketNetError
from sites import selectors
from sites.workspace.context import call_api, load_site, render_tab
from sites.workspace.settings import forms, services

logger = logging.getLogger(__name__)

TEMPLATE = "sites/workspace/settings.html"


def _load(ctx):
    """Return (schema, current settings, error text or None)."""
    try:
        schema, current = services.load(ctx.connection, ctx.site.id)
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Settings: loading site %s failed: %s", ctx.site.id, error)
        return None, None, selectors.describe_error(error)
    return schema, current, None


def _render(request, ctx, form, load_error, *, status=200):
    if form is not None and not ctx.can_write:
        for field in form.fields.values():
            field.disabled = True
    context = {"form": form, "load_error": load_error}
    return render_tab(request, ctx, "settings", TEMPLATE, context, status=status)


@login_required
@require_GET
def settings_page(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)

    schema, current, load_error = _load(ctx)
    form = None if load_error else forms.SettingsForm(schema=schema, current=current)
    return _render(request, ctx, form, load_error, status=502 if load_error else 200)


@login_required
@require_POST
def settings_save(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    schema, current, load_error = _load(ctx)
    if load_error:
        return _render(request, ctx, None, load_error, status=502)

    form = forms.SettingsForm(request.POST, schema=schema, current=current)
    if not form.is_valid():
        return _render(request, ctx, form, None, status=400)

    changes = form.changes()
    if not changes:
        form.add_error(None, _("Nothing changed: every setting already has the value shown."))
        return _render(request, ctx, form, None, status=400)

    ok, _result = call_api(
        request, ctx, action="settings.update", target=", ".join(sorted(changes)), form=form, detail=changes,
        call=lambda: services.update(ctx.connection, ctx.site.id, changes),
        success_message=_("Saved %(count)s setting(s): %(names)s.") % {
            "count": len(changes), "names": ", ".join(str(form.fields[name].label) for name in sorted(changes))},
    )
    if ok:
        return redirect(reverse("sites:ws_settings", kwargs={"connection_pk": ctx.connection.pk, "site_id": ctx.site.id}))
    return _render(request, ctx, form, None, status=400)


urlpatterns = [
    path("settings/", settings_page, name="ws_settings"),
    path("settings/save/", settings_save, name="ws_settings_save"),
]
