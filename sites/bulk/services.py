"""Writes for bulk jobs: creating them, running their items, cancel, retry and the sweeper.

An item moves queued -> running -> succeeded | skipped | failed, or queued -> cancelled, only
through conditional UPDATEs (`filter(pk=..., status__in=...).update(...)`), so two deliveries of
the same item, a user pressing Cancel and the sweeper can race without overwriting each other.
A running item that meets a locked site or a transient error goes back to queued with a
`not_before` time, which is how it waits without holding a worker or a slot.
"""

import datetime
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.audit import record_action
from accounts.crypto import DecryptionError
from accounts.models import AuditResult, Connection
from accounts.services import client_for
from rocketnet.errors import RocketNetError, SiteLockedError
from rocketnet.services import site_tasks
from rocketnet.services import sites as site_api
from sites.bulk import messages, slots
from sites.bulk.actions import ACTIONS, ItemFailed
from sites.bulk.models import BulkItem, BulkJob, ItemStatus

logger = logging.getLogger(__name__)

# A site locked by a running task (usually a clone) is tried again after 5 s, then after as long as it has
# waited so far (so the waits double), at most 2 minutes apart, and fails after 15 minutes.
LOCKED_FIRST_WAIT_SECONDS = 5.0
LOCKED_MAX_WAIT_BETWEEN_SECONDS = 120.0
LOCKED_GIVE_UP_SECONDS = 15 * 60
# The status and status_reason the API reports for a site locked by a person ("Lock My Site"),
# as opposed to a site locked by one of its tasks.
MANUAL_LOCK_STATUS = "locked"
MANUAL_LOCK_STATUS_REASON = 5
# Other transient errors (5xx, 429, timeouts) are retried this many times, 10 s doubling.
MAX_TRANSIENT_RETRIES = 5
TRANSIENT_FIRST_WAIT_SECONDS = 10.0
TRANSIENT_MAX_WAIT_SECONDS = 300.0


def audit_target(job):
    """Return a bulk job's audit target, "#12": the same in every language, because the label names the action."""
    return f"#{job.pk}"


class BulkActionError(Exception):
    """A user action on a bulk job (cancel, retry) cannot be done; `message` is shown to the user."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class SiteTarget:
    """One site chosen for a bulk job."""

    connection_id: int
    site_id: int
    site_label: str


@dataclass(frozen=True)
class RunReport:
    """The outcome of run_item for the Celery task; `retry_in` is the seconds until a waiting item may run again."""

    ran: bool
    connection_id: int | None = None
    retry_in: float | None = None


def audit_action_name(action):
    return f"bulk.{action}"


# -- creating, cancelling and retrying ---------------------------------------------------------


def _dispatch_after_commit(connection_ids):
    from sites.bulk.tasks import dispatch_connection

    for connection_id in sorted(set(connection_ids)):
        transaction.on_commit(lambda pk=connection_id: dispatch_connection.delay(pk))


@transaction.atomic
def create_bulk_job(*, team, user, action, params, targets):
    """Create a bulk job with one queued item per target site and start dispatching after commit."""
    job = BulkJob.objects.create(team=team, action=action, params=params, created_by=user)
    BulkItem.objects.bulk_create([
        BulkItem(bulk_job=job, connection_id=target.connection_id, site_id=target.site_id,
                 site_label=target.site_label[:200])
        for target in targets
    ])
    connection_ids = {target.connection_id for target in targets}
    record_action(
        team=team, user=user, action=audit_action_name(action), result=AuditResult.QUEUED,
        target=audit_target(job),
        detail={"bulk_job": job.pk, "sites": len(targets), "connections": len(connection_ids), **params},
    )
    _dispatch_after_commit(connection_ids)
    logger.info("Queued bulk job %s (%s) on %s site(s) of %s connection(s)", job.pk, action, len(targets),
                len(connection_ids))
    return job


@transaction.atomic
def cancel_bulk_job(job, *, user):
    """Cancel every queued item; running items finish. Return how many items were cancelled."""
    # cancelled_at is set first, so an item put back to queued after this UPDATE finds it set.
    BulkJob.objects.filter(pk=job.pk).update(cancelled_at=timezone.now())
    cancelled = BulkItem.objects.filter(bulk_job=job, is_current=True, status=ItemStatus.QUEUED).update(
        status=ItemStatus.CANCELLED, error=_("Cancelled by %(user)s.") % {"user": user.email}, error_message={},
        finished_at=timezone.now(), updated_at=timezone.now(),
    )
    running = BulkItem.objects.filter(bulk_job=job, is_current=True, status=ItemStatus.RUNNING).count()
    if not cancelled and not running:
        raise BulkActionError(_("Nothing to cancel: every site of this bulk job has already finished."))

    record_action(team=job.team, user=user, action="bulk.cancel", result=AuditResult.SUCCEEDED,
                  target=audit_target(job),
                  detail={"bulk_job": job.pk, "cancelled_items": cancelled, "running_items": running})
    logger.info("Bulk job %s cancelled by user %s: %s item(s) cancelled, %s still running", job.pk, user.pk,
                cancelled, running)
    return cancelled


@transaction.atomic
def retry_failed_items(job, *, user):
    """Add a new queued attempt for every failed item of the job; return how many.

    Raises BulkActionError when no item failed.
    """
    failed = list(BulkItem.objects.select_for_update().filter(bulk_job=job, is_current=True,
                                                              status=ItemStatus.FAILED))
    if not failed:
        raise BulkActionError(_("No failed sites to retry in this bulk job."))

    retried = []
    for item in failed:
        if BulkItem.objects.filter(pk=item.pk, is_current=True, status=ItemStatus.FAILED).update(is_current=False):
            retried.append(BulkItem(bulk_job=job, connection_id=item.connection_id, site_id=item.site_id,
                                    site_label=item.site_label, attempt=item.attempt + 1))
    BulkItem.objects.bulk_create(retried)
    # A retry after Cancel means the user wants these sites done after all.
    BulkJob.objects.filter(pk=job.pk).update(cancelled_at=None)

    record_action(team=job.team, user=user, action="bulk.retry", result=AuditResult.QUEUED,
                  target=audit_target(job),
                  detail={"bulk_job": job.pk, "retried_items": len(retried)})
    _dispatch_after_commit(item.connection_id for item in retried)
    logger.info("Bulk job %s: user %s retried %s failed item(s)", job.pk, user.pk, len(retried))
    return len(retried)


# -- dispatching --------------------------------------------------------------------------------


def _ready_items(now):
    return (
        BulkItem.objects.filter(is_current=True, status=ItemStatus.QUEUED, bulk_job__cancelled_at__isnull=True)
        .exclude(not_before__gt=now)
    )


def _connections_with_ready_items(now):
    """Return the connections that have items ready to start, loading only the fields that account_key reads."""
    connection_ids = _ready_items(now).values("connection_id")
    return list(Connection.objects.filter(pk__in=connection_ids).only("api_base_url", "email").order_by("pk"))


def items_to_start(connection_id, *, now=None):
    """Return ids of ready items on the connection's Rocket.net account, at most one per free slot.

    Every connection that logs in to the same account, in any team, shares that account's slots, so
    the items may belong to any of them, oldest bulk job first.
    """
    now = now or timezone.now()
    connection = Connection.objects.filter(pk=connection_id).only("api_base_url", "email").first()
    if connection is None:
        return []

    account_key = connection.account_key
    slots.free_stale_slots(account_key, now=now)
    free = slots.free_slot_count(account_key)
    if not free:
        return []

    same_account = [other.pk for other in _connections_with_ready_items(now) if other.account_key == account_key]
    ready = _ready_items(now).filter(connection_id__in=same_account).order_by("bulk_job__created_at", "pk")
    return list(ready.values_list("pk", flat=True)[:free])


def connections_with_ready_items(*, now=None):
    """Return one connection id per Rocket.net account that has items ready to start.

    One is enough, because items_to_start() offers the ready items of every connection to that account.
    """
    now = now or timezone.now()
    first_by_account = {}
    for connection in _connections_with_ready_items(now):
        first_by_account.setdefault(connection.account_key, connection.pk)
    return sorted(first_by_account.values())


# -- running one item ---------------------------------------------------------------------------


def _transition(item_id, from_statuses, **fields):
    """Move the item from one of `from_statuses`; return False when it was in none of them.

    An `error` given as a stored message (sites.bulk.messages.stored) is kept untranslated in
    `error_message` and rendered in the default language in `error`.
    """
    if "error" in fields:
        error = fields["error"]
        fields["error_message"] = error if isinstance(error, dict) else {}
        fields["error"] = messages.render_default(error)
    fields["updated_at"] = timezone.now()
    return BulkItem.objects.filter(pk=item_id, is_current=True, status__in=list(from_statuses)).update(**fields) == 1


def run_item(item_id, *, sleep=time.sleep):
    """Run one item on its site, if it is queued, due and a slot of its Rocket.net account is free.

    Safe to call any number of times for the same item, from any number of processes: only the
    call that claims a slot and moves the item from queued to running acts. Returns a RunReport.
    """
    item = BulkItem.objects.select_related("bulk_job", "connection").filter(pk=item_id).first()
    if item is None or not item.is_current or item.status != ItemStatus.QUEUED:
        return RunReport(ran=False)

    now = timezone.now()
    if item.bulk_job.cancelled_at is not None:
        _cancel_queued(item)
        return RunReport(ran=False)
    if item.not_before is not None and item.not_before > now:
        return RunReport(ran=False, connection_id=item.connection_id,
                         retry_in=(item.not_before - now).total_seconds())

    slot_pk = slots.claim_slot(item)
    if slot_pk is None:
        logger.info("Bulk item %s waits: every slot of the account of connection %s is taken", item.pk,
                    item.connection_id)
        return RunReport(ran=False)

    try:
        if not _transition(item.pk, [ItemStatus.QUEUED], status=ItemStatus.RUNNING,
                           started_at=item.started_at or now):
            return RunReport(ran=False)
        item.refresh_from_db()
        retry_in = _execute(item, sleep=sleep)
    finally:
        slots.release_slot(slot_pk)
    return RunReport(ran=True, connection_id=item.connection_id, retry_in=retry_in)


def _cancel_queued(item):
    _transition(item.pk, [ItemStatus.QUEUED], status=ItemStatus.CANCELLED, finished_at=timezone.now(),
                error=messages.stored(gettext_noop("Cancelled with its bulk job.")))


def _execute(item, *, sleep):
    """Run the action on the site and record the outcome; return seconds to wait before a retry, or None."""
    job = item.bulk_job
    try:
        client = client_for(item.connection)
    except DecryptionError as error:
        _fail(item, str(error))
        return None

    with client:
        try:
            outcome = ACTIONS[job.action](client, item, job.params, sleep=sleep)
        except SiteLockedError as error:
            if _is_locked_by_user(client, item):
                _fail(item, messages.stored(gettext_noop(
                    "Site %(site)s is locked with Lock site, and no task is running on it. Unlock it on the "
                    "site's Overview tab, then retry this site."
                ), site=item.site_label or item.site_id))
                return None
            return _wait_for_unlock(item, error)
        except RocketNetError as error:
            if error.retryable:
                return _wait_after_transient_error(item, error)
            _fail(item, messages.stored(gettext_noop("Rocket.net returned an error: %(error)s"), error=str(error)))
            return None
        except ItemFailed as error:
            _fail(item, error.message)
            return None

    _finish(item, outcome)
    return None


def _finish(item, outcome):
    result = {**item.result, **outcome.result}
    if outcome.note:
        result["note"] = outcome.note
    note = messages.render_default(outcome.note)
    if not _transition(item.pk, [ItemStatus.RUNNING], status=outcome.status, result=result, error="",
                       not_before=None, finished_at=timezone.now()):
        logger.warning("Bulk item %s ended elsewhere before its outcome %s was stored", item.pk, outcome.status)
        return
    logger.info("Bulk item %s on site %s: %s", item.pk, item.site_id, outcome.status)
    _audit_outcome(item, AuditResult.SUCCEEDED, status=outcome.status, note=note)


def _fail(item, message):
    """Mark the running item failed with `message`, plain text or a stored message."""
    if not _transition(item.pk, [ItemStatus.RUNNING], status=ItemStatus.FAILED, error=message, not_before=None,
                       finished_at=timezone.now()):
        return
    message = messages.render_default(message)
    logger.warning("Bulk item %s on site %s of connection %s failed: %s", item.pk, item.site_id,
                   item.connection_id, message)
    _audit_outcome(item, AuditResult.FAILED, status=ItemStatus.FAILED, error=message)


def _audit_outcome(item, result, **detail):
    job = item.bulk_job
    record_action(
        team=job.team, user=job.created_by, action=audit_action_name(job.action), result=result,
        connection=item.connection, site_id=item.site_id, site_label=item.site_label,
        target=audit_target(job),
        detail={"bulk_job": job.pk, "attempt": item.attempt, **{k: v for k, v in detail.items() if v}},
    )


def _requeue(item, delay, reason, **fields):
    """Put a running item back to queued until `delay` seconds from now; return the delay."""
    not_before = timezone.now() + datetime.timedelta(seconds=delay)
    if not _transition(item.pk, [ItemStatus.RUNNING], status=ItemStatus.QUEUED, not_before=not_before,
                       error=reason, **fields):
        return None
    # Cancel may have run while this item was running; it must not start again.
    if BulkJob.objects.filter(pk=item.bulk_job_id, cancelled_at__isnull=False).exists():
        _cancel_queued(item)
        return None
    return delay


def _is_locked_by_user(client, item):
    """Return True when the site was locked by a person (Lock site) rather than by a running task.

    Rocket.net reports such a site with status "locked" (status_reason 5, "Lock My Site"), while a
    clone, staging publish or restore locks it with status "pending" and a running site task. A
    manual lock never ends by itself, so waiting for it is pointless. When the site or its tasks
    cannot be read, this returns False and the item waits as for a task's lock.
    """
    try:
        site = site_api.get_site(client, item.site_id)
        if site.status != MANUAL_LOCK_STATUS and site.status_reason != MANUAL_LOCK_STATUS_REASON:
            return False
        running = [task for task in site_tasks.list_tasks(client, item.site_id) if not task.is_finished]
    except RocketNetError as error:
        logger.warning("Bulk item %s: reading why site %s is locked failed: %s", item.pk, item.site_id, error)
        return False

    if running:
        logger.info("Bulk item %s: site %s is locked and runs task %s", item.pk, item.site_id, running[0].id)
        return False
    return True


def _wait_for_unlock(item, error):
    now = timezone.now()
    locked_since = item.locked_since or now
    waited = (now - locked_since).total_seconds()

    if waited >= LOCKED_GIVE_UP_SECONDS:
        _fail(item, messages.stored(gettext_noop(
            "Site %(site)s stayed locked for %(minutes)d minutes, usually by a clone, staging or restore task "
            "(Rocket.net: %(error)s). Retry this site once that task has ended."
        ), site=item.site_label or item.site_id, minutes=int(waited // 60), error=str(error)))
        return None

    delay = min(LOCKED_MAX_WAIT_BETWEEN_SECONDS, max(LOCKED_FIRST_WAIT_SECONDS, waited))
    logger.info("Bulk item %s: site %s is locked; trying again in %.0f s", item.pk, item.site_id, delay)
    reason = messages.stored(
        gettext_noop("Waiting: the site is locked by another task; trying again in %(seconds)d seconds."),
        seconds=int(delay))
    return _requeue(item, delay, reason, locked_since=locked_since)


def _wait_after_transient_error(item, error):
    if item.transient_errors >= MAX_TRANSIENT_RETRIES:
        _fail(item, messages.stored(gettext_noop("Rocket.net kept failing after %(count)d retries: %(error)s"),
                                    count=MAX_TRANSIENT_RETRIES, error=str(error)))
        return None

    delay = min(TRANSIENT_MAX_WAIT_SECONDS, TRANSIENT_FIRST_WAIT_SECONDS * 2**item.transient_errors)
    retry_after = getattr(error, "retry_after", None)
    if retry_after:
        delay = min(TRANSIENT_MAX_WAIT_SECONDS, max(delay, retry_after))
    logger.warning("Bulk item %s on site %s hit a transient error (%s); retry %s in %.0f s", item.pk,
                   item.site_id, error, item.transient_errors + 1, delay)
    reason = messages.stored(
        gettext_noop("Waiting: Rocket.net failed (%(error)s); trying again in %(seconds)d seconds."),
        error=str(error), seconds=int(delay))
    return _requeue(item, delay, reason, transient_errors=item.transient_errors + 1)


# -- the sweeper --------------------------------------------------------------------------------


def fail_stuck_items(*, now=None):
    """Mark items running for longer than JOB_STUCK_AFTER_MINUTES failed, and free their slots."""
    now = now or timezone.now()
    minutes = settings.JOB_STUCK_AFTER_MINUTES
    cutoff = now - datetime.timedelta(minutes=minutes)
    stuck = list(BulkItem.objects.filter(is_current=True, status=ItemStatus.RUNNING, updated_at__lt=cutoff)
                 .select_related("bulk_job", "connection"))

    count = 0
    for item in stuck:
        message = messages.stored(gettext_noop("No result after %(minutes)d minutes, so the site was marked failed. "
                                               "Check the site before retrying."), minutes=minutes)
        if _transition(item.pk, [ItemStatus.RUNNING], status=ItemStatus.FAILED, error=message,
                       finished_at=now):
            count += 1
            _audit_outcome(item, AuditResult.FAILED, status=ItemStatus.FAILED,
                           error=messages.render_default(message))
    for account_key in {item.connection.account_key for item in stuck}:
        slots.free_stale_slots(account_key, now=now)
    if count:
        logger.warning("Marked %s stuck bulk item(s) failed", count)
    return count

