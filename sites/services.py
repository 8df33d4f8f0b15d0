"""Writes for jobs: creating them, moving them between states, and running them against Rocket.net.

Every state change is a conditional UPDATE (`filter(pk=..., status__in=...).update(...)`), so a
worker, the sweeper and a user pressing Cancel can race without one overwriting another's outcome.
"""

import datetime
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.crypto import DecryptionError
from accounts.services import client_for
from rocketnet.errors import NotFoundError, RocketNetError
from rocketnet.models import TaskHandle
from rocketnet.services import backups, cloud_backups, site_tasks, sites
from rocketnet.services import account as rocket_account
from rocketnet.services import site_templates
from sites import selectors
from sites.models import ACTIVE_STATUSES, Job, JobKind, JobStatus

logger = logging.getLogger(__name__)

# Polling schedule for upstream tasks: first look after 3 s, then 1.5 times longer, at most 15 s
# apart, giving up after 10 minutes. Reported to work against the live API.
POLL_FIRST_SECONDS = 3.0
POLL_GROWTH = 1.5
POLL_MAX_SECONDS = 15.0
POLL_GIVE_UP_SECONDS = 600.0

# A task created this many seconds before the job started still counts as the job's own when a
# re-run looks for it, to allow for clock differences between this server and Rocket.net.
CLOCK_SKEW_SECONDS = 60


class JobActionError(Exception):
    """A user action on a job (such as cancel) cannot be done; `message` is shown to the user."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class JobKindSpec:
    """How to start one kind of job upstream and which Rocket.net task type it creates (None: no task)."""

    task_type: str | None
    start: object
    # "account" for kinds whose task is listed under /v1/account/tasks instead of the site's tasks.
    level: str = "site"
    # For kinds that start no task: run(client, job, resumed=, sleep=, clock=) does the whole job
    # instead of start() and task polling, and moves the job to its final state itself.
    run: object = None


def _start_clone(client, job):
    return sites.clone_site(client, job.site_id, label=job.params["label"], location=job.params.get("location"))


def _start_backup(client, job):
    return backups.create_backup(
        client, job.site_id, label=job.params["label"],
        backup_directory=job.params["backup_directory"], backup_database=job.params["backup_database"],
    )


def _start_restore(client, job):
    return backups.restore_backup(
        client, job.site_id, job.params["backup_id"],
        backup_directory=job.params["backup_directory"], backup_database=job.params["backup_database"],
    )


def _start_automated_restore(client, job):
    """Restore a restore point's files and database ("all"), files only or the database only."""
    scope = job.params["scope"]
    restore_id = job.params["restore_id"]
    if scope == "files":
        return backups.restore_automated_backup_files(client, job.site_id, restore_id, restore_type="full")
    if scope == "database":
        return backups.restore_automated_backup_database(client, job.site_id, restore_id)
    return backups.restore_automated_backup(client, job.site_id, restore_id)


def _start_cloud_backup(client, job):
    return cloud_backups.create_cloud_backup(
        client, job.site_id, label=job.params["label"],
        includes_files=job.params["includes_files"], includes_database=job.params["includes_database"],
    )


def _start_cloud_restore(client, job):
    return cloud_backups.restore_cloud_backup(
        client, job.site_id, job.params["backup_id"],
        includes_files=job.params["includes_files"], includes_database=job.params["includes_database"],
    )


def _start_staging_create(client, job):
    return sites.create_staging(client, job.site_id, vanity_domain=job.params["vanity_domain"])


def _start_staging_publish(client, job):
    return sites.publish_staging(client, job.site_id)


def _start_staging_delete(client, job):
    """Delete the staging site, which the API does within the call; return None (no task to poll).

    A site that no longer has a staging site counts as done, so a redelivered job does not fail.
    """
    if sites.get_site(client, job.site_id).staging_site_id is None:
        logger.info("Job %s: site %s has no staging site left to delete", job.pk, job.site_id)
        return None
    sites.delete_staging(client, job.site_id)
    return None


def _start_template_create(client, job):
    tags = [tag.strip() for tag in job.params.get("tags", "").split(",") if tag.strip()]
    return site_templates.create_site_template(
        client, name=job.params["name"], site_id=job.site_id, notes=job.params.get("notes") or None,
        tags=tags or None,
    )


def _start_template_site_create(client, job):
    return site_templates.create_site_from_template(
        client, job.params["template_id"], name=job.params["name"], label=job.params["label"],
        location=job.params["location"],
    )


def _run_site_create(client, job, **options):
    # Imported here because sites.newsite.services uses this module's state transitions.
    from sites.newsite.services import run_site_create

    run_site_create(client, job, **options)


JOB_KINDS = {
    JobKind.CLONE: JobKindSpec(task_type="clone_site", start=_start_clone),
    JobKind.BACKUP_CREATE: JobKindSpec(task_type="backup", start=_start_backup),
    JobKind.BACKUP_RESTORE: JobKindSpec(task_type="restore", start=_start_restore),
    JobKind.TEMPLATE_CREATE: JobKindSpec(task_type="create_site_template", start=_start_template_create,
                                         level="account"),
    JobKind.TEMPLATE_SITE_CREATE: JobKindSpec(task_type="create_site_from_template",
                                              start=_start_template_site_create, level="account"),
    JobKind.AUTOMATED_RESTORE: JobKindSpec(task_type="automated_restore", start=_start_automated_restore),
    JobKind.CLOUD_BACKUP_CREATE: JobKindSpec(task_type="cloud_backup_create", start=_start_cloud_backup),
    JobKind.CLOUD_BACKUP_RESTORE: JobKindSpec(task_type="cloud_backup_restore", start=_start_cloud_restore),
    JobKind.STAGING_CREATE: JobKindSpec(task_type="staging", start=_start_staging_create),
    JobKind.STAGING_PUBLISH: JobKindSpec(task_type="publish", start=_start_staging_publish),
    # No task type: the API deletes a staging site within the call, so a re-run has no task to adopt.
    JobKind.STAGING_DELETE: JobKindSpec(task_type=None, start=_start_staging_delete),
    # Creating a site returns the site at once and provisions it in the background: follow its status.
    JobKind.SITE_CREATE: JobKindSpec(task_type=None, start=None, run=_run_site_create),
}


# -- creating jobs ------------------------------------------------------------------------------


def _enqueue(job_id):
    from sites.tasks import run_job

    run_job.delay(job_id)


def create_job(*, connection, site_id, site_label, kind, params, user):
    """Create a queued job and send it to a worker once the transaction commits."""
    job = Job.objects.create(
        team=connection.team, connection=connection, site_id=site_id, site_label=site_label or "",
        kind=kind, params=params, created_by=user,
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    logger.info("Queued job %s (%s) for site %s of connection %s", job.pk, kind, site_id, connection.pk)
    return job


def queue_clone(*, connection, site, label, location, user, location_name=""):
    params = {"label": label, "location": location, "location_name": location_name}
    return create_job(connection=connection, site_id=site.id, site_label=site.label or site.domain or "",
                      kind=JobKind.CLONE, params=params, user=user)


def queue_backup(*, connection, site, label, backup_directory, backup_database, user):
    params = {"label": label, "backup_directory": backup_directory, "backup_database": backup_database}
    return create_job(connection=connection, site_id=site.id, site_label=site.label or site.domain or "",
                      kind=JobKind.BACKUP_CREATE, params=params, user=user)


def queue_restore(*, connection, site, backup_id, backup_label, user):
    params = {
        "backup_id": backup_id, "backup_label": backup_label or "",
        "backup_directory": True, "backup_database": True,
    }
    return create_job(connection=connection, site_id=site.id, site_label=site.label or site.domain or "",
                      kind=JobKind.BACKUP_RESTORE, params=params, user=user)


# -- state transitions --------------------------------------------------------------------------


def _transition(job_id, from_statuses, **fields):
    """Update the job only while its status is one of `from_statuses`; return True when it did."""
    fields["updated_at"] = timezone.now()
    return Job.objects.filter(pk=job_id, status__in=list(from_statuses)).update(**fields) == 1


def mark_running(job_id):
    return _transition(job_id, [JobStatus.QUEUED], status=JobStatus.RUNNING, started_at=timezone.now())


def record_upstream_task(job_id, handle):
    """Store the upstream task right after starting it, so that a re-run polls it instead of starting anew."""
    return Job.objects.filter(pk=job_id, status=JobStatus.RUNNING, upstream_task_id="").update(
        upstream_task_id=handle.task_id, upstream_site_id=handle.site_id,
        upstream_task_level=handle.level or "site", updated_at=timezone.now(),
    ) == 1


def record_progress(job_id, perc):
    perc = max(0, min(100, int(perc or 0)))
    return _transition(job_id, [JobStatus.RUNNING], perc=perc)


# Kinds whose success adds or removes a site, so every cached fleet listing the account is out of date.
SITE_LIST_KINDS = (JobKind.CLONE, JobKind.SITE_CREATE, JobKind.TEMPLATE_SITE_CREATE, JobKind.STAGING_CREATE,
                   JobKind.STAGING_DELETE)


def mark_succeeded(job_id, result):
    succeeded = _transition(job_id, [JobStatus.RUNNING], status=JobStatus.SUCCEEDED, perc=100,
                            result=result, error="", finished_at=timezone.now())
    if succeeded:
        job = Job.objects.select_related("connection").filter(pk=job_id, kind__in=SITE_LIST_KINDS).first()
        if job is not None:
            selectors.forget_cached_fleets(job.connection)
    return succeeded


def mark_failed(job_id, error):
    logger.warning("Job %s failed: %s", job_id, error)
    return _transition(job_id, ACTIVE_STATUSES, status=JobStatus.FAILED, error=str(error),
                       finished_at=timezone.now())


def mark_cancelled(job_id, reason):
    return _transition(job_id, ACTIVE_STATUSES, status=JobStatus.CANCELLED, error=str(reason),
                       finished_at=timezone.now())


# -- running jobs -------------------------------------------------------------------------------


def run_job(job_id, *, sleep=time.sleep, clock=time.monotonic):
    """Take a job from queued (or an interrupted run) to its final state.

    Safe to call again for the same job: a finished job is left alone, and a stored upstream task
    is polled instead of starting a second one. Retryable RocketNetErrors are raised for the caller
    (the Celery task) to retry later; every other error marks the job failed.
    """
    job = Job.objects.select_related("connection").filter(pk=job_id).first()
    if job is None:
        logger.warning("Job %s does not exist; nothing to run", job_id)
        return
    if job.is_finished:
        logger.info("Job %s already ended as %s; not running it again", job_id, job.status)
        return

    resumed = not mark_running(job.pk)
    job.refresh_from_db()
    if job.status != JobStatus.RUNNING:
        logger.info("Job %s is %s, not running; stopping", job.pk, job.status)
        return

    try:
        client = client_for(job.connection)
    except DecryptionError as error:
        mark_failed(job.pk, error)
        return

    with client:
        _run_upstream(client, job, resumed=resumed, sleep=sleep, clock=clock)


def _run_upstream(client, job, *, resumed, sleep, clock):
    spec = JOB_KINDS[JobKind(job.kind)]
    try:
        if spec.run is not None:
            spec.run(client, job, resumed=resumed, sleep=sleep, clock=clock)
            return

        handle = _upstream_handle(client, job, resumed=resumed)
        if handle is None:
            return

        task = _wait_for_task(client, job, handle, sleep=sleep, clock=clock)
        if task is None:
            return
        _finish(client, job, task)
    except RocketNetError as error:
        if error.retryable:
            raise
        mark_failed(job.pk, _("Rocket.net returned an error: %(error)s") % {"error": error})


def _upstream_handle(client, job, *, resumed):
    """Return the handle of the job's upstream task, starting the task only when none exists yet."""
    if job.upstream_task_id:
        logger.info("Job %s resumes polling task %s", job.pk, job.upstream_task_id)
        return TaskHandle(site_id=job.upstream_site_id or job.site_id, task_id=job.upstream_task_id,
                          level=job.upstream_task_level or "site")

    if resumed:
        # An earlier run may have started the task and died before storing its id: read state
        # back first, because repeating the POST could clone the site twice.
        handle = _find_started_task(client, job)
        if handle is not None:
            logger.info("Job %s adopts task %s found on site %s", job.pk, handle.task_id, job.site_id)
            if record_upstream_task(job.pk, handle):
                return handle
            # Another delivery stored a task first: poll the one on the job row, not ours.
            return _stored_handle(job.pk)

    handle = JOB_KINDS[JobKind(job.kind)].start(client, job)
    if handle is None:
        # The operation finished within the call and started no task (deleting a staging site).
        mark_succeeded(job.pk, {})
        logger.info("Job %s finished without an upstream task", job.pk)
        return None
    if not record_upstream_task(job.pk, handle):
        stored = _stored_handle(job.pk)
        if stored is not None and stored.task_id == handle.task_id:
            # A concurrent delivery found this very task and recorded it first: keep polling it.
            logger.info("Job %s: task %s was already recorded by another delivery", job.pk, handle.task_id)
            return handle
        # The job was cancelled or swept while the call was in flight: undo what we started.
        logger.warning("Job %s ended while task %s was starting; cancelling the task", job.pk, handle.task_id)
        _cancel_upstream(client, handle)
        return None

    logger.info("Job %s started task %s on site %s", job.pk, handle.task_id, handle.site_id)
    return handle


def _stored_handle(job_id):
    """Return the handle of the upstream task stored on a running job, or None."""
    job = Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).exclude(upstream_task_id="").first()
    if job is None:
        return None
    return TaskHandle(site_id=job.upstream_site_id or job.site_id, task_id=job.upstream_task_id,
                      level=job.upstream_task_level or "site")


def _find_started_task(client, job):
    task_type = JOB_KINDS[JobKind(job.kind)].task_type
    if task_type is None:
        return None
    since = job.started_at - datetime.timedelta(seconds=CLOCK_SKEW_SECONDS)

    candidates = []
    if JOB_KINDS[JobKind(job.kind)].level == "account":
        listed = rocket_account.list_account_tasks(client, task_type=task_type)
    else:
        listed = site_tasks.list_tasks(client, job.site_id, task_type=task_type)
    for task in listed:
        created = _parse_time(task.created)
        if created is not None and created >= since:
            candidates.append((created, task))

    # NOTE: a task of the same type that someone else started on this site in this window would be
    # adopted too. The site lock during clones makes that unlikely, but not impossible.
    if not candidates:
        return None
    _created, task = max(candidates, key=lambda pair: pair[0])
    level = task.level or JOB_KINDS[JobKind(job.kind)].level
    return TaskHandle(site_id=job.site_id, task_id=task.id, level=level)


def _parse_time(value):
    if not value:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed


def _cancel_upstream(client, handle):
    try:
        site_tasks.cancel_task(client, handle.site_id, handle.task_id)
    except RocketNetError as error:
        logger.warning("Could not cancel task %s of site %s: %s", handle.task_id, handle.site_id, error)


def _wait_for_task(client, job, handle, *, sleep, clock):
    """Poll the task until it ends; return it, or None when the job stopped being ours to run."""
    deadline = clock() + POLL_GIVE_UP_SECONDS
    delay = POLL_FIRST_SECONDS

    while True:
        sleep(delay)
        task = site_tasks.fetch_task(client, handle)

        if task.is_finished:
            return task
        if not record_progress(job.pk, task.perc):
            logger.info("Job %s was ended elsewhere while task %s ran; stopping", job.pk, handle.task_id)
            return None
        if clock() + delay > deadline:
            mark_failed(job.pk, _(
                "The Rocket.net task %(task)s was still running after %(minutes)d minutes. "
                "Check the site in the Rocket.net dashboard."
            ) % {"task": handle.task_id, "minutes": POLL_GIVE_UP_SECONDS // 60})
            return None
        delay = min(POLL_MAX_SECONDS, delay * POLL_GROWTH)


def _finish(client, job, task):
    if task.failed:
        message = task.message or _("no message")
        mark_failed(job.pk, _("The Rocket.net task ended with status %(status)s: %(message)s")
                    % {"status": task.status, "message": message})
        return

    result = {"task_id": task.id}
    if job.kind in (JobKind.CLONE, JobKind.TEMPLATE_SITE_CREATE):
        new_site_id = _find_cloned_site(client, job, task)
        if new_site_id is not None:
            result["new_site_id"] = new_site_id
    mark_succeeded(job.pk, result)
    logger.info("Job %s succeeded: %s", job.pk, result)


def _find_cloned_site(client, job, task):
    """Return the id of the site a finished clone created, from the task's meta_data or else by label."""
    meta = task.raw.get("meta_data") or {}
    for key in ("new_site_id", "target_site_id", "cloned_site_id"):
        value = meta.get(key) if isinstance(meta, dict) else None
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            return int(value)

    label = job.params.get("label")
    matches = [site.id for site in sites.list_sites(client, search=label)
               if site.label == label and site.id != job.site_id]
    if not matches:
        logger.warning("Job %s: clone finished but no site labelled %r was found", job.pk, label)
        return None
    # Several sites may share the label; the newest one (highest id) is the clone just made.
    return max(matches)


# -- user actions and the sweeper ---------------------------------------------------------------


def cancel_job(job, *, user):
    """Cancel the job's upstream task, if any, and mark the job cancelled.

    Raises JobActionError when the job already ended or Rocket.net refused the cancel.
    """
    if job.is_finished:
        raise JobActionError(_("This job already ended as %(status)s.") % {"status": job.get_status_display()})

    if job.upstream_task_id and job.upstream_task_level == "account":
        # NOTE: the API has no cancel call for account-level tasks (site templates), so such a task
        # keeps running in Rocket.net. Only this job stops following it.
        logger.info("Job %s: account task %s has no cancel call; cancelling the job only",
                    job.pk, job.upstream_task_id)
    elif job.upstream_task_id:
        handle = TaskHandle(site_id=job.upstream_site_id or job.site_id, task_id=job.upstream_task_id)
        try:
            with client_for(job.connection) as client:
                site_tasks.cancel_task(client, handle.site_id, handle.task_id)
        except NotFoundError:
            logger.info("Task %s of job %s is gone upstream; cancelling the job only", handle.task_id, job.pk)
        except RocketNetError as error:
            raise JobActionError(_("Rocket.net did not cancel the task: %(error)s") % {"error": error}) from error

    reason = _("Cancelled by %(user)s.") % {"user": user.email}
    if not mark_cancelled(job.pk, reason):
        raise JobActionError(_("This job ended before it could be cancelled."))
    logger.info("Job %s cancelled by user %s", job.pk, user.pk)


def sweep_stuck_jobs(*, now=None):
    """Mark jobs queued or running for longer than JOB_STUCK_AFTER_MINUTES as failed; return how many."""
    now = now or timezone.now()
    minutes = settings.JOB_STUCK_AFTER_MINUTES
    cutoff = now - datetime.timedelta(minutes=minutes)

    stuck = Job.objects.filter(status__in=list(ACTIVE_STATUSES), created_at__lt=cutoff).values_list("pk", flat=True)
    count = 0
    for job_id in list(stuck):
        reason = _(
            "No result after %(minutes)d minutes, so the job was marked failed. "
            "Any Rocket.net task it started may still be running: check the site before trying again."
        ) % {"minutes": minutes}
        if mark_failed(job_id, reason):
            count += 1
    if count:
        logger.warning("Marked %s stuck job(s) failed", count)
    return count
