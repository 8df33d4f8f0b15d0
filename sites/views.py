import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts import access
from accounts.crypto import DecryptionError
from accounts.audit import record_action
from accounts.models import AuditResult, Role
from rocketnet.errors import NotFoundError, RocketNetError
from sites import selectors, services
from sites.access import get_job_for
from sites.forms import BackupForm, CloneForm
from sites.workspace.tabs import tab_links

logger = logging.getLogger(__name__)

# htmx stops polling an element whose response has this status.
HTMX_STOP_POLLING = 286


def _is_fragment_request(request):
    """Return True for htmx requests that swap a fragment; boosts and history restores need the page."""
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


# -- fleet -------------------------------------------------------------------------------------


def _fleet_sort(request):
    """Return (sort key, descending, error message or None) from the `sort` query parameter."""
    raw = request.GET.get("sort", "label").strip() or "label"
    descending = raw.startswith("-")
    key = raw.lstrip("-")
    if key in selectors.FLEET_SORT_KEYS:
        return key, descending, None

    allowed = ", ".join(selectors.FLEET_SORT_KEYS)
    message = _("Cannot sort by %(value)s: use one of %(allowed)s. Showing the table sorted by label.") % {
        "value": raw, "allowed": allowed,
    }
    return "label", False, message


FLEET_COLUMNS = [
    ("label", gettext_lazy("Label")),
    ("domain", gettext_lazy("Domain")),
    ("client", gettext_lazy("Client account")),
    ("location", gettext_lazy("Location")),
    ("status", gettext_lazy("Status")),
    ("disk", gettext_lazy("Disk usage")),
]


def _fleet_columns(sort, descending):
    """Return the table headers, each with the `sort` value its link requests."""
    columns = []
    for key, title in FLEET_COLUMNS:
        active = key == sort
        next_value = f"-{key}" if active and not descending else key
        columns.append({"key": key, "title": title, "active": active, "descending": descending, "next": next_value})
    return columns


@login_required
@require_GET
@vary_on_headers("HX-Request")
def fleet(request):
    team = access.get_current_team(request)
    refresh = request.GET.get("refresh") == "1"
    snapshot = selectors.get_fleet(team, refresh=refresh)

    query = request.GET.get("q", "").strip()
    sort, descending, sort_error = _fleet_sort(request)
    rows = selectors.filter_and_sort(snapshot.rows, query=query, sort=sort, descending=descending)

    context = {
        "fleet": snapshot,
        "rows": rows,
        "query": query,
        "sort": sort,
        "descending": descending,
        "sort_error": sort_error,
        "columns": _fleet_columns(sort, descending),
        # Members and above may start bulk jobs from the selection checkboxes.
        "can_write": request.membership.has_role(Role.MEMBER),
    }
    template = "sites/fleet.html#fleet-table" if _is_fragment_request(request) else "sites/fleet.html"
    return render(request, template, context)


# -- one site ----------------------------------------------------------------------------------


def _render_site_page(request, connection, site_id, *, clone_form=None, backup_form=None, status=200):
    try:
        page = selectors.get_site_page(connection, site_id)
    except NotFoundError:
        raise Http404(_("Site %(site)s was not found in this account.") % {"site": site_id}) from None
    except (RocketNetError, DecryptionError) as error:
        return _upstream_unavailable(request, connection, site_id, error)

    context = {
        "connection": connection,
        "page": page,
        "site": page.site,
        "clone_form": clone_form or CloneForm(locations=page.locations, initial={"label": _copy_label(page.site)}),
        "backup_form": backup_form or BackupForm(),
        "jobs": selectors.jobs_for_site(request.team, connection, site_id),
        "can_write": request.membership.has_role(Role.MEMBER),
        "tabs": tab_links(connection.pk, site_id, "overview"),
    }
    return render(request, "sites/site_detail.html", context, status=status)


def _copy_label(site):
    return _("Copy of %(label)s") % {"label": site.label or site.domain or site.id}


@login_required
@require_GET
def site_detail(request, connection_pk, site_id):
    connection = access.get_connection_for(request, connection_pk)
    return _render_site_page(request, connection, site_id)


def _site_or_404(connection, site_id):
    try:
        return selectors.get_site(connection, site_id)
    except NotFoundError:
        raise Http404(_("Site %(site)s was not found in this account.") % {"site": site_id}) from None


def _upstream_unavailable(request, connection, site_id, error):
    logger.warning("Site %s of connection %s could not be read: %s", site_id, connection.pk, error)
    context = {"connection": connection, "site_id": site_id, "error": selectors.describe_error(error)}
    return render(request, "sites/site_unavailable.html", context, status=502)


def _audit_queued(request, job, action, *, target):
    record_action(team=request.team, user=request.user, action=action, result=AuditResult.QUEUED,
                  connection=job.connection, site_id=job.site_id, site_label=job.site_label,
                  target=target, detail={"job": job.pk})


@login_required
@require_POST
def site_clone(request, connection_pk, site_id):
    connection = access.get_connection_for(request, connection_pk, role=Role.MEMBER)
    try:
        site = _site_or_404(connection, site_id)
        locations = selectors.list_locations(connection)
    except (RocketNetError, DecryptionError) as error:
        return _upstream_unavailable(request, connection, site_id, error)

    form = CloneForm(request.POST, locations=locations)
    if not form.is_valid():
        return _render_site_page(request, connection, site_id, clone_form=form, status=400)

    job = services.queue_clone(connection=connection, site=site, user=request.user,
                               location_name=form.location_name(), **form.cleaned_data)
    _audit_queued(request, job, "site.clone", target=job.params["label"])
    messages.success(request, _("Clone of %(site)s queued.") % {"site": job.site_label})
    return redirect("sites:job_detail", pk=job.pk)


@login_required
@require_POST
def backup_create(request, connection_pk, site_id):
    connection = access.get_connection_for(request, connection_pk, role=Role.MEMBER)
    form = BackupForm(request.POST)
    if not form.is_valid():
        return _render_site_page(request, connection, site_id, backup_form=form, status=400)

    try:
        site = _site_or_404(connection, site_id)
    except (RocketNetError, DecryptionError) as error:
        return _upstream_unavailable(request, connection, site_id, error)

    job = services.queue_backup(connection=connection, site=site, user=request.user, **form.cleaned_data)
    _audit_queued(request, job, "backups.create", target=job.params["label"])
    messages.success(request, _("Backup of %(site)s queued.") % {"site": job.site_label})
    return redirect("sites:job_detail", pk=job.pk)


@login_required
@require_POST
def backup_restore(request, connection_pk, site_id, backup_id):
    connection = access.get_connection_for(request, connection_pk, role=Role.MEMBER)
    try:
        site = _site_or_404(connection, site_id)
        backup = selectors.get_backup(connection, site_id, backup_id)
    except (RocketNetError, DecryptionError) as error:
        return _upstream_unavailable(request, connection, site_id, error)

    if backup is None:
        raise Http404(_("Backup %(backup)s was not found on site %(site)s.") % {"backup": backup_id, "site": site_id})

    job = services.queue_restore(connection=connection, site=site, backup_id=backup_id,
                                 backup_label=backup.label, user=request.user)
    _audit_queued(request, job, "backups.restore", target=backup.label or backup_id)
    messages.success(request, _("Restore of backup %(backup)s queued.") % {"backup": backup.label or backup_id})
    return redirect("sites:job_detail", pk=job.pk)


# -- jobs --------------------------------------------------------------------------------------


JOB_PARAM_TITLES = {
    "label": gettext_lazy("Label"),
    "location_name": gettext_lazy("Location"),
    "backup_label": gettext_lazy("Backup"),
    "backup_id": gettext_lazy("Backup ID"),
    "backup_directory": gettext_lazy("Files"),
    "backup_database": gettext_lazy("Database"),
    "name": gettext_lazy("Name"),
    "notes": gettext_lazy("Notes"),
    "tags": gettext_lazy("Tags"),
    "template_name": gettext_lazy("Template"),
    "template_id": gettext_lazy("Template ID"),
    "includes_files": gettext_lazy("Files"),
    "includes_database": gettext_lazy("Database"),
    "vanity_domain": gettext_lazy("staging.<domain> name"),
    "staging_site_id": gettext_lazy("Staging site ID"),
    "restore_id": gettext_lazy("Restore point"),
    "restore_point_created": gettext_lazy("Restore point taken"),
    "scope": gettext_lazy("What to restore (all, files or database)"),
    "admin_username": gettext_lazy("WordPress admin username"),
    "admin_email": gettext_lazy("WordPress admin email"),
}
# Shown through a friendlier key instead, or not useful to people.
HIDDEN_JOB_PARAMS = {"location"}


def _describe_params(params):
    """Return (title, value) pairs for a job's parameters; unknown keys keep their raw name."""
    rows = []
    for key, value in params.items():
        if key in HIDDEN_JOB_PARAMS or value in ("", None):
            continue
        if isinstance(value, bool):
            value = _("yes") if value else _("no")
        rows.append((JOB_PARAM_TITLES.get(key, key), value))
    return rows


@login_required
@require_GET
def job_list(request):
    team = access.get_current_team(request)
    return render(request, "sites/job_list.html", {"jobs": selectors.jobs_for_team(team)})


@login_required
@require_GET
@vary_on_headers("HX-Request")
def job_detail(request, pk):
    job = get_job_for(request, pk)
    context = {
        "job": job,
        "job_params": _describe_params(job.params),
        "can_write": request.membership.has_role(Role.MEMBER),
    }

    if not _is_fragment_request(request):
        return render(request, "sites/job_detail.html", context)

    response = render(request, "sites/job_detail.html#job-status", context)
    if job.is_finished:
        response.status_code = HTMX_STOP_POLLING
    return response


@login_required
@require_POST
def job_cancel(request, pk):
    job = get_job_for(request, pk, role=Role.MEMBER)
    try:
        services.cancel_job(job, user=request.user)
    except services.JobActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Job cancelled."))
    return redirect("sites:job_detail", pk=job.pk)
