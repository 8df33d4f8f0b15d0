import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts import access
from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import RocketNetError
from sites import selectors as site_selectors
from sites.bulk import selectors, services
from sites.bulk.forms import BulkActionForm, PluginSearchForm
from sites.bulk.models import BulkAction, BulkJob
from sites.bulk.selection import changeable_settings, referenced_connection_ids, resolve_selection

logger = logging.getLogger(__name__)

# htmx stops polling an element whose response has this status.
HTMX_STOP_POLLING = 286
# Value of the hidden `step` field: the action form was submitted, not only the selection.
CREATE_STEP = "create"


def _get_bulk_job(request, pk, *, role=Role.VIEWER):
    """Return the current team's bulk job `pk`: Http404 for outsiders, PermissionDenied below `role`."""
    return access.get_team_object(request, BulkJob.objects.select_related("created_by"), pk, role=role)


def _settings_for(team, selection):
    """Return (settings, error message) for the setting choices of the action form."""
    if not selection.targets:
        return {}, ""
    try:
        return changeable_settings(team, selection.targets[0]), ""
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Bulk: settings schema of connection %s could not be read: %s",
                       selection.targets[0].connection_id, error)
        message = _("The settings schema could not be read from Rocket.net (%(error)s), so settings cannot be "
                    "changed now. Try again in a minute.") % {"error": site_selectors.describe_error(error)}
        return {}, message


@login_required
@require_POST
def bulk_new(request):
    """Show the action form for the sites chosen on the fleet page, or create the bulk job from it."""
    team = access.get_current_team(request)
    values = request.POST.getlist("site")
    # A site of another team's connection gets 404, like any object of another team.
    for connection_id in referenced_connection_ids(values):
        access.get_connection_for(request, connection_id, role=Role.MEMBER)
    access.require_role(request, Role.MEMBER)
    selection = resolve_selection(
        team, values=values, select_all=request.POST.get("select_all") == "1",
        query=request.POST.get("q", "").strip(),
    )
    settings, settings_error = _settings_for(team, selection)
    if not selection.targets and not selection.errors:
        selection.errors.append(_("No sites were chosen. Tick sites on the fleet page, or choose “Select all "
                                  "matching”, then choose an action."))

    if request.POST.get("step") != CREATE_STEP:
        initial = {"action": request.POST.get("preset_action") or BulkAction.PURGE_CACHE,
                   "slugs": request.POST.get("preset_slugs", "")}
        form = BulkActionForm(initial=initial, settings=settings, settings_error=settings_error)
        return _render_new(request, selection, form)

    form = BulkActionForm(request.POST, settings=settings, settings_error=settings_error)
    if selection.errors or not form.is_valid():
        return _render_new(request, selection, form, status=400)

    job = services.create_bulk_job(team=team, user=request.user, action=form.cleaned_data["action"],
                                   params=form.job_params(), targets=selection.targets)
    messages.success(request, _("Bulk job queued for %(count)d site(s).") % {"count": len(selection.targets)})
    return redirect("sites:bulk:detail", pk=job.pk)


def _render_new(request, selection, form, *, status=200):
    context = {"selection": selection, "form": form, "create_step": CREATE_STEP}
    return render(request, "sites/bulk/new.html", context, status=status)


@login_required
@require_GET
def bulk_list(request):
    team = access.get_current_team(request)
    return render(request, "sites/bulk/list.html", {"jobs": selectors.bulk_jobs_for_team(team)})


@login_required
@require_GET
@vary_on_headers("HX-Request")
def bulk_detail(request, pk):
    job = _get_bulk_job(request, pk)
    items = selectors.current_items(job)
    progress = selectors.progress_of(items)
    context = {
        "job": job,
        "items": items,
        "progress": progress,
        "history": selectors.item_history(job),
        "can_write": request.membership.has_role(Role.MEMBER),
    }
    if not (request.htmx and not request.htmx.boosted):
        return render(request, "sites/bulk/detail.html", context)

    response = render(request, "sites/bulk/detail.html#bulk-progress", context)
    if progress.is_done:
        response.status_code = HTMX_STOP_POLLING
    return response


@login_required
@require_POST
def bulk_retry(request, pk):
    job = _get_bulk_job(request, pk, role=Role.MEMBER)
    try:
        count = services.retry_failed_items(job, user=request.user)
    except services.BulkActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Retrying %(count)d failed site(s).") % {"count": count})
    return redirect("sites:bulk:detail", pk=job.pk)


@login_required
@require_POST
def bulk_cancel(request, pk):
    job = _get_bulk_job(request, pk, role=Role.MEMBER)
    try:
        count = services.cancel_bulk_job(job, user=request.user)
    except services.BulkActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Cancelled %(count)d queued site(s); sites already running will finish.")
                         % {"count": count})
    return redirect("sites:bulk:detail", pk=job.pk)


@login_required
@require_GET
def plugin_search(request):
    team = access.get_current_team(request)
    form = PluginSearchForm(request.GET if "slug" in request.GET else None)
    search = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            search = selectors.search_plugin(team, form.cleaned_data["slug"], below=form.cleaned_data["below"])
        else:
            status = 400
    context = {"form": form, "search": search, "can_write": request.membership.has_role(Role.MEMBER),
               "update_action": BulkAction.UPDATE_PLUGINS}
    return render(request, "sites/bulk/plugin_search.html", context, status=status)
