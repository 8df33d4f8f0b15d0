"""The backups tab: manual backups, automated restore points and cloud backups.

Creates and restores are queued as jobs and the browser is sent to the job page, which shows the
upstream task's progress. A manual backup's archive is streamed through this server, and a cloud
backup's download link is fetched only when the user asks for it. Downloads and links need the
member role, because an archive contains the site's database and configuration secrets.
"""

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.audit import record_action
from accounts.crypto import DecryptionError
from accounts.models import AuditResult, Role
from rocketnet.errors import NotFoundError, RocketNetError
from sites import selectors
from sites.forms import BackupForm
from sites.models import JobKind
from sites.workspace.backups import services
from sites.workspace.backups.forms import AutomatedRestoreForm, CloudBackupForm, CloudRestoreForm, RestoreForm
from sites.workspace.context import call_api, load_site, render_tab

logger = logging.getLogger(__name__)

TEMPLATE = "sites/workspace/backups.html"


def _is_htmx(request):
    return bool(request.htmx) and not request.htmx.boosted


def _render(request, ctx, *, backup_form=None, cloud_form=None, row_error=None, cloud_link=None, status=200):
    """Render the tab. `row_error` is {"section", "id", "messages"} for an error shown in one row."""
    page = services.load_page(ctx.connection, ctx.site_id)
    context = {
        "page": page,
        "backup_form": backup_form or BackupForm(),
        "cloud_form": cloud_form or CloudBackupForm(),
        "restore_form": RestoreForm(initial={"backup_directory": True, "backup_database": True}),
        "automated_form": AutomatedRestoreForm(),
        "cloud_restore_form": CloudRestoreForm(initial={"includes_files": True, "includes_database": True}),
        "row_error": row_error,
        "cloud_link": cloud_link,
        "jobs": services.backup_jobs(request.team, ctx.connection, ctx.site_id),
    }
    return render_tab(request, ctx, "backups", TEMPLATE, context, status=status)


def _row_error(section, item_id, form_or_text):
    if isinstance(form_or_text, str):
        texts = [form_or_text]
    else:
        texts = [error for errors in form_or_text.errors.values() for error in errors]
    return {"section": section, "id": item_id, "messages": texts}


def _lookup_failed(request, ctx, error):
    """Render the tab with the reason a backup lookup failed (status 502)."""
    logger.warning("Backup lookup on site %s of connection %s failed: %s", ctx.site_id, ctx.connection.pk, error)
    messages.error(request, _("Rocket.net did not return the backup: %(error)s") % {
        "error": selectors.describe_error(error)})
    return _render(request, ctx, status=502)


def _queued(request, job, message):
    messages.success(request, message)
    return redirect("sites:job_detail", pk=job.pk)


# -- the page -----------------------------------------------------------------------------------


@login_required
@require_GET
def backups_tab(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)
    return _render(request, ctx)


# -- manual backups -----------------------------------------------------------------------------


@login_required
@require_POST
def backup_create(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form = BackupForm(request.POST)
    if not form.is_valid():
        return _render(request, ctx, backup_form=form, status=400)

    job = services.queue_job(request=request, ctx=ctx, kind=JobKind.BACKUP_CREATE, params=form.cleaned_data,
                             action="backups.create", target=form.cleaned_data["label"])
    return _queued(request, job, _("Backup of %(site)s queued.") % {"site": ctx.site_label})


def _manual_backup_or_404(ctx, backup_id):
    backup = services.get_backup(ctx.connection, ctx.site_id, backup_id)
    if backup is None:
        raise Http404(_("Backup %(backup)s was not found on site %(site)s.") % {"backup": backup_id,
                                                                               "site": ctx.site_id})
    return backup


@login_required
@require_POST
def backup_restore(request, connection_pk, site_id, backup_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)
    try:
        backup = _manual_backup_or_404(ctx, backup_id)
    except (RocketNetError, DecryptionError) as error:
        return _lookup_failed(request, ctx, error)

    form = RestoreForm(request.POST)
    if form.is_valid() and backup.status != "DONE":
        form.add_error(None, _("Backup %(backup)s is %(status)s. Only a finished (DONE) backup can be restored.")
                       % {"backup": backup.label or backup.id, "status": backup.status})
    if not form.is_valid():
        return _render(request, ctx, row_error=_row_error("manual", backup_id, form), status=400)

    params = {"backup_id": backup_id, "backup_label": backup.label or "", **form.cleaned_data}
    job = services.queue_job(request=request, ctx=ctx, kind=JobKind.BACKUP_RESTORE, params=params,
                             action="backups.restore", target=backup.label or str(backup_id))
    return _queued(request, job, _("Restore of backup %(backup)s queued.") % {"backup": backup.label or backup_id})


@login_required
@require_POST
def backup_delete(request, connection_pk, site_id, backup_id):
    """Delete a manual backup. The page shows a confirmation dialog before it posts."""
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)
    try:
        backup = _manual_backup_or_404(ctx, backup_id)
    except (RocketNetError, DecryptionError) as error:
        return _lookup_failed(request, ctx, error)

    label = backup.label or str(backup_id)
    # An empty bound form collects the API error, so that it shows in the backup's row.
    errors = forms.Form(data={})
    errors.is_valid()
    ok, _result = call_api(
        request, ctx, action="backups.delete", target=label, detail={"backup_id": backup_id}, form=errors,
        call=lambda: services.delete_backup(ctx.connection, ctx.site_id, backup_id),
        success_message=_("Backup %(backup)s deleted.") % {"backup": label},
    )
    if not ok:
        return _render(request, ctx, row_error=_row_error("manual", backup_id, errors), status=400)
    return redirect("sites:ws_backups", connection_pk=ctx.connection.pk, site_id=ctx.site_id)


@login_required
@require_GET
def backup_download(request, connection_pk, site_id, backup_id):
    """Stream a manual backup's archive from Rocket.net to the browser, chunk by chunk."""
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)
    try:
        backup = _manual_backup_or_404(ctx, backup_id)
        stream = services.open_download(ctx.connection, ctx.site_id, backup)
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Download of backup %s of site %s failed: %s", backup_id, site_id, error)
        text = _("Backup %(backup)s could not be downloaded: %(error)s") % {
            "backup": backup_id, "error": selectors.describe_error(error)}
        return _render(request, ctx, row_error=_row_error("manual", backup_id, text),
                       status=404 if isinstance(error, NotFoundError) else 502)

    record_action(team=request.team, user=request.user, action="backups.download", result=AuditResult.SUCCEEDED,
                  connection=ctx.connection, site_id=ctx.site_id, site_label=ctx.site_label,
                  target=backup.label or str(backup_id), detail={"backup_id": backup_id})
    response = StreamingHttpResponse(stream, content_type=stream.content_type)
    response["Content-Disposition"] = f'attachment; filename="backup-{ctx.site_id}-{backup_id}.tar.gz"'
    if stream.content_length:
        response["Content-Length"] = stream.content_length
    return response


# -- automated restore points -------------------------------------------------------------------


@login_required
@require_POST
def automated_restore(request, connection_pk, site_id, restore_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)
    try:
        point = services.get_restore_point(ctx.connection, ctx.site_id, restore_id)
    except (RocketNetError, DecryptionError) as error:
        return _lookup_failed(request, ctx, error)
    if point is None:
        raise Http404(_("Restore point %(point)s was not found on site %(site)s.") % {"point": restore_id,
                                                                                     "site": ctx.site_id})

    form = AutomatedRestoreForm(request.POST)
    if form.is_valid() and point.status not in (None, "DONE"):
        form.add_error(None, _("Restore point %(point)s is %(status)s. Wait until that restore ends.")
                       % {"point": restore_id, "status": point.status})
    if not form.is_valid():
        return _render(request, ctx, row_error=_row_error("automated", restore_id, form), status=400)

    params = {"restore_id": restore_id, "restore_point_created": point.created_at or "",
              "scope": form.cleaned_data["scope"]}
    job = services.queue_job(request=request, ctx=ctx, kind=JobKind.AUTOMATED_RESTORE, params=params,
                             action="backups.automated_restore", target=restore_id)
    return _queued(request, job, _("Restore from restore point %(point)s queued.") % {"point": restore_id})


# -- cloud backups ------------------------------------------------------------------------------


@login_required
@require_POST
def cloud_create(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form = CloudBackupForm(request.POST)
    if not form.is_valid():
        return _render(request, ctx, cloud_form=form, status=400)

    job = services.queue_job(request=request, ctx=ctx, kind=JobKind.CLOUD_BACKUP_CREATE, params=form.cleaned_data,
                             action="cloud_backups.create", target=form.cleaned_data["label"])
    return _queued(request, job, _("Cloud backup of %(site)s queued.") % {"site": ctx.site_label})


def _cloud_backup_or_404(ctx, backup_id):
    backup = services.get_cloud_backup(ctx.connection, ctx.site_id, backup_id)
    if backup is None:
        raise Http404(_("Cloud backup %(backup)s was not found on site %(site)s.") % {"backup": backup_id,
                                                                                     "site": ctx.site_id})
    return backup


@login_required
@require_POST
def cloud_restore(request, connection_pk, site_id, backup_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)
    try:
        backup = _cloud_backup_or_404(ctx, backup_id)
    except (RocketNetError, DecryptionError) as error:
        return _lookup_failed(request, ctx, error)

    form = CloudRestoreForm(request.POST)
    if form.is_valid():
        wanted = form.cleaned_data
        if wanted["includes_files"] and not backup.get("includes_files"):
            form.add_error("includes_files", _("This cloud backup has no files. Restore its database only."))
        if wanted["includes_database"] and not backup.get("includes_database"):
            form.add_error("includes_database", _("This cloud backup has no database. Restore its files only."))
        if backup.get("status") != "DONE":
            form.add_error(None, _("Cloud backup %(backup)s is %(status)s. Only a finished (DONE) backup can be "
                                   "restored.") % {"backup": backup.get("label") or backup_id,
                                                   "status": backup.get("status")})
    if not form.is_valid():
        return _render(request, ctx, row_error=_row_error("cloud", backup_id, form), status=400)

    params = {"backup_id": backup_id, "backup_label": backup.get("label") or "", **form.cleaned_data}
    job = services.queue_job(request=request, ctx=ctx, kind=JobKind.CLOUD_BACKUP_RESTORE, params=params,
                             action="cloud_backups.restore", target=backup.get("label") or backup_id)
    return _queued(request, job, _("Restore of cloud backup %(backup)s queued.")
                   % {"backup": backup.get("label") or backup_id})


@login_required
@require_GET
def cloud_link(request, connection_pk, site_id, backup_id):
    """Fetch a cloud backup's temporary download link: a fragment for htmx, else the whole tab."""
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    link, error = "", None
    try:
        link = services.cloud_download_link(ctx.connection, ctx.site_id, backup_id)
    except NotFoundError:
        raise Http404(_("Cloud backup %(backup)s was not found on site %(site)s.") % {"backup": backup_id,
                                                                                     "site": ctx.site_id}) from None
    except (RocketNetError, DecryptionError) as failure:
        error = _("No download link: %(error)s") % {"error": selectors.describe_error(failure)}

    if link:
        record_action(team=request.team, user=request.user, action="cloud_backups.download_link",
                      result=AuditResult.SUCCEEDED, connection=ctx.connection, site_id=ctx.site_id,
                      site_label=ctx.site_label, target=backup_id)
    status = 200 if link else 400
    result = {"id": backup_id, "url": link, "error": error}
    if _is_htmx(request):
        return render_tab(request, ctx, "backups", f"{TEMPLATE}#cloud-link", {"cloud_link": result}, status=status)
    return _render(request, ctx, cloud_link=result, status=status)


urlpatterns = [
    # "backups/" itself is taken by the overview page's backup form (sites:backup_create), so the
    # tab lives under "backup/", the API's own name for the collection.
    path("backup/", backups_tab, name="ws_backups"),
    path("backup/create/", backup_create, name="ws_backups_create"),
    path("backup/<int:backup_id>/restore/", backup_restore, name="ws_backups_restore"),
    path("backup/<int:backup_id>/delete/", backup_delete, name="ws_backups_delete"),
    path("backup/<int:backup_id>/download/", backup_download, name="ws_backups_download"),
    path("backup/automated/<str:restore_id>/restore/", automated_restore, name="ws_backups_automated_restore"),
    path("backup/cloud/create/", cloud_create, name="ws_backups_cloud_create"),
    path("backup/cloud/<str:backup_id>/restore/", cloud_restore, name="ws_backups_cloud_restore"),
    path("backup/cloud/<str:backup_id>/link/", cloud_link, name="ws_backups_cloud_link"),
]
