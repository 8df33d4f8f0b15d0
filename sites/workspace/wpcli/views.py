"""The WP-CLI tab: a console that runs one command, shows its output, and lists earlier runs."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import RocketNetError
from sites import selectors
from sites.workspace.context import load_site, render_tab
from sites.workspace.wpcli import services
from sites.workspace.wpcli.forms import WPCLIForm

TEMPLATE = "sites/workspace/wpcli.html"


def _is_htmx(request):
    return bool(request.htmx) and not request.htmx.boosted


def _render(request, ctx, *, form=None, latest=None, status=200):
    context = {
        "form": form or WPCLIForm(),
        "latest": latest,
        "runs": services.history(request.team, ctx.connection, ctx.site_id),
    }
    template = f"{TEMPLATE}#wpcli-console" if _is_htmx(request) else TEMPLATE
    return render_tab(request, ctx, "wpcli", template, context, status=status)


def _masked(form):
    """Return the bound form with secret-looking option values masked, so the page never echoes them."""
    form.data = form.data.copy()
    form.data["command"] = services.mask_secrets(form.data.get("command", ""))
    return form


@login_required
@require_GET
def wpcli_tab(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)

    latest = None
    run_id = request.GET.get("run", "")
    if run_id.isdigit():
        latest = next((run for run in services.history(request.team, ctx.connection, ctx.site_id)
                       if run.pk == int(run_id)), None)
    return _render(request, ctx, latest=latest)


@login_required
@require_POST
def wpcli_run(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form = WPCLIForm(request.POST)
    if not form.is_valid():
        return _render(request, ctx, form=_masked(form), status=400)

    try:
        run = services.run_command(request=request, ctx=ctx, command=form.cleaned_data["command"])
    except (RocketNetError, DecryptionError) as error:
        form.add_error(None, selectors.describe_error(error))
        return _render(request, ctx, form=_masked(form), status=400)

    if _is_htmx(request):
        return _render(request, ctx, form=WPCLIForm(initial={"command": run.command}), latest=run)
    response = redirect("sites:ws_wpcli", connection_pk=ctx.connection.pk, site_id=ctx.site_id)
    response["Location"] += f"?run={run.pk}"
    return response


urlpatterns = [
    path("wpcli/", wpcli_tab, name="ws_wpcli"),
    path("wpcli/run/", wpcli_run, name="ws_wpcli_run"),
]
