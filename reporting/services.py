"""Writes: saving schedules, claiming each due period once, and sending a delivery."""

import datetime as dt
import logging
import smtplib
import uuid
from dataclasses import dataclass

from django.core.mail import get_connection
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop

from reporting import emails, scheduling, selectors, unsubscribe
from reporting.models import (
    DeliveryRecipient,
    DeliveryStatus,
    DeliveryTrigger,
    RecipientStatus,
    ReportDelivery,
    ReportSchedule,
)

logger = logging.getLogger(__name__)

# Sending attempts per delivery, counting the first. Waits between them grow as 1, 2, 4, 8 minutes.
MAX_SEND_ATTEMPTS = 5
RETRY_BASE_SECONDS = 60

# Stored untranslated and translated when shown, because the reader's language is not known here.
STUCK_ERROR = gettext_noop(
    "The worker stopped while sending, so the email may or may not have gone out. Use 'Send now' to send it again."
)


def save_schedule(schedule: ReportSchedule, *, now: dt.datetime | None = None) -> ReportSchedule:
    """Save a new or edited schedule with its next send time recomputed from now."""
    schedule.next_send_at = schedule.compute_next_send_at(now or timezone.now())
    schedule.save()
    logger.info(
        "Saved report schedule %s of team %s, next send %s", schedule.pk, schedule.team_id, schedule.next_send_at
    )
    return schedule


def delete_schedule(schedule: ReportSchedule) -> None:
    logger.info("Deleting report schedule %s of team %s", schedule.pk, schedule.team_id)
    schedule.delete()


def claim_due_schedules(now: dt.datetime | None = None) -> list[int]:
    """Claim every schedule due at `now`, one by one, and return the ids of the deliveries created.

    Safe to run in several beat processes at once: each claim is a conditional UPDATE, so only
    one process wins a given send time, and each delivery is enqueued after its commit.
    """
    now = now or timezone.now()
    delivery_ids = []

    for schedule_id, due_at in selectors.due_schedules(now):
        try:
            delivery = claim_schedule(schedule_id, due_at, now)
        except DatabaseError as error:
            # SQLite reports a concurrent writer as "database is locked". The row is left as it
            # was, so the next scan claims it if the other process did not.
            logger.warning("Claiming report schedule %s due at %s failed: %s", schedule_id, due_at, error)
            continue

        if delivery is not None:
            delivery_ids.append(delivery.pk)

    return delivery_ids


def claim_schedule(schedule_id: int, due_at: dt.datetime, now: dt.datetime) -> ReportDelivery | None:
    """Advance one schedule past `due_at` and create its delivery, or return None if another process won.

    The UPDATE matches only while next_send_at still equals `due_at`, and the delivery insert
    happens in the same transaction, so the unique (schedule, period_key) pair backs up the claim.
    The next send time is computed from `now`, so a beat that was down for weeks sends one
    report for the latest missed period instead of one per missed week.
    """
    schedule = ReportSchedule.objects.select_related("connection").get(pk=schedule_id)
    period = schedule.period_for(due_at)
    next_send_at = schedule.compute_next_send_at(max(now, due_at))

    with transaction.atomic():
        claimed = ReportSchedule.objects.filter(pk=schedule_id, enabled=True, next_send_at=due_at).update(
            next_send_at=next_send_at, updated_at=now
        )
        if not claimed:
            logger.info("Report schedule %s due at %s was claimed by another process", schedule_id, due_at)
            return None

        delivery = _create_delivery(schedule, period, DeliveryTrigger.SCHEDULE)

    if delivery is None:
        logger.warning(
            "Report schedule %s already has a delivery for %s, so the send due at %s is skipped",
            schedule_id, period.key, due_at,
        )
    return delivery


def request_manual_delivery(schedule: ReportSchedule, user, *, now: dt.datetime | None = None) -> ReportDelivery:
    """Create a 'send now' delivery for the last seven days and enqueue it after commit."""
    now = now or timezone.now()
    period = scheduling.manual_period(now, schedule.zone, uuid.uuid4().hex, schedule.frequency)

    with transaction.atomic():
        delivery = _create_delivery(schedule, period, DeliveryTrigger.MANUAL, requested_by=user)

    logger.info("Queued manual report delivery %s for schedule %s", delivery.pk, schedule.pk)
    return delivery


def _create_delivery(schedule, period, trigger, *, requested_by=None):
    """Insert the delivery in a savepoint and enqueue it on commit, or return None when the period already has one."""
    recipients = selectors.current_recipients(schedule)
    try:
        with transaction.atomic():
            delivery = ReportDelivery.objects.create(
                schedule=schedule,
                trigger=trigger,
                period_start=period.start,
                period_end=period.end,
                period_key=period.key,
                recipients=[recipient.email for recipient in recipients],
                requested_by=requested_by,
            )
            DeliveryRecipient.objects.bulk_create(
                DeliveryRecipient(delivery=delivery, email=recipient.email, external=recipient.external)
                for recipient in recipients
            )
    except IntegrityError:
        return None

    transaction.on_commit(lambda: _enqueue(delivery.pk))
    return delivery


def _enqueue(delivery_id):
    from reporting.tasks import send_report_delivery

    send_report_delivery.delay(delivery_id)


@dataclass(frozen=True)
class SendOutcome:
    """Result of one send attempt. `retry_in` is the wait in seconds before the next attempt, or None."""

    status: str
    retry_in: int | None = None


def send_delivery(delivery_id: int) -> SendOutcome:
    """Send one delivery, at most once.

    A conditional UPDATE moves the delivery from queued to sending before anything is sent, so a
    task that is delivered twice finds it no longer queued and skips it. A transient SMTP error
    puts it back to queued with the error recorded and returns a retry wait; the last attempt or
    a permanent error ends it failed.
    """
    if not _start_sending(delivery_id):
        status = ReportDelivery.objects.filter(pk=delivery_id).values_list("status", flat=True).first()
        logger.info("Report delivery %s is %s, not queued; not sending it again", delivery_id, status)
        return SendOutcome(status=status or "missing")

    delivery = ReportDelivery.objects.select_related("schedule__connection").get(pk=delivery_id)

    try:
        content, rendered = _render(delivery)
        failed = _send_to_pending_recipients(delivery, content, rendered)
    except Exception as error:
        return _record_send_error(delivery, error)

    if failed:
        description = "; ".join(f"{row.email}: {row.error}" for row in failed)
        _finish(delivery_id, DeliveryStatus.FAILED, description)
        logger.error("Report delivery %s failed for %s recipients: %s", delivery_id, len(failed), description)
        return SendOutcome(status=DeliveryStatus.FAILED)

    ReportDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), updated_at=timezone.now(), error=""
    )
    logger.info("Sent report delivery %s to %s recipients", delivery_id, len(delivery.recipients))
    return SendOutcome(status=DeliveryStatus.SENT)


def _start_sending(delivery_id):
    return ReportDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.QUEUED).update(
        status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )


def _render(delivery):
    schedule = delivery.schedule
    content = selectors.collect_report_content(schedule, delivery.period)
    return content, emails.render_report(schedule, content)


def _recipient_rows(delivery):
    """Return the delivery's recipient rows, creating them for a delivery queued before rows existed."""
    rows = list(delivery.recipient_rows.all())
    if rows or not delivery.recipients:
        return rows

    members = {recipient.email.lower() for recipient in selectors.current_recipients(delivery.schedule)
               if not recipient.external}
    DeliveryRecipient.objects.bulk_create(
        [DeliveryRecipient(delivery=delivery, email=email, external=email.lower() not in members)
         for email in delivery.recipients],
        ignore_conflicts=True,
    )
    return list(delivery.recipient_rows.all())


def _send_to_pending_recipients(delivery, content, rendered):
    """Send one email to each recipient still pending and return the rows that failed for good.

    Each email is its own SMTP transaction, so one recipient's unsubscribe link never reaches
    another. A transient error propagates (the caller retries the delivery later, and the rows
    already sent are skipped then); a permanent one fails only that recipient.
    """
    schedule = delivery.schedule
    failed = []
    with get_connection() as smtp:
        for row in _recipient_rows(delivery):
            if row.status != RecipientStatus.PENDING:
                continue
            if row.external and unsubscribe.is_unsubscribed(schedule.pk, row.email):
                _mark(row, RecipientStatus.UNSUBSCRIBED)
                continue

            link = unsubscribe.unsubscribe_url(schedule, row.email) if row.external else ""
            personal = emails.for_recipient(rendered, schedule, content, unsubscribe_url=link) if link else rendered
            message = emails.build_message(personal, [row.email], unsubscribe_url=link)
            message.connection = smtp
            try:
                message.send()
            except Exception as error:
                if is_transient_smtp_error(error):
                    raise
                _mark(row, RecipientStatus.FAILED, f"{type(error).__name__}: {error}")
                failed.append(row)
                continue
            _mark(row, RecipientStatus.SENT)
    return failed


def _mark(row, status, error=""):
    row.status, row.error = status, error
    row.sent_at = timezone.now() if status == RecipientStatus.SENT else None
    row.save(update_fields=["status", "error", "sent_at"])


def _record_send_error(delivery, error):
    description = f"{type(error).__name__}: {error}"
    if is_transient_smtp_error(error) and delivery.attempts < MAX_SEND_ATTEMPTS:
        retry_in = RETRY_BASE_SECONDS * 2 ** (delivery.attempts - 1)
        _finish(delivery.pk, DeliveryStatus.QUEUED, description)
        logger.warning(
            "Report delivery %s attempt %s failed, retrying in %ss: %s",
            delivery.pk, delivery.attempts, retry_in, description,
        )
        return SendOutcome(status=DeliveryStatus.QUEUED, retry_in=retry_in)

    _finish(delivery.pk, DeliveryStatus.FAILED, description)
    delivery.recipient_rows.filter(status=RecipientStatus.PENDING).update(status=RecipientStatus.FAILED, error=description)
    logger.error("Report delivery %s failed after %s attempts: %s", delivery.pk, delivery.attempts, description,
                 exc_info=not is_transient_smtp_error(error))
    return SendOutcome(status=DeliveryStatus.FAILED)


def _finish(delivery_id, status, error):
    ReportDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.SENDING).update(
        status=status, error=error, updated_at=timezone.now()
    )


def is_transient_smtp_error(error: Exception) -> bool:
    """Return True for SMTP and network errors that a later attempt may not see (4xx replies, lost connections)."""
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(error, smtplib.SMTPException):
        return False
    return isinstance(error, OSError)


def requeue_stale_deliveries(older_than: dt.timedelta, *, now: dt.datetime | None = None) -> list[int]:
    """Enqueue again the deliveries left queued for longer than `older_than` and return their ids.

    A task message can be lost (broker restart, enqueue failure after commit). Enqueueing twice
    is safe because send_delivery claims the row with a conditional UPDATE first. Touching
    updated_at stops the next scan from enqueueing the same rows again at once. With an
    `older_than` shorter than the longest retry wait (8 minutes), a retry may run early.
    """
    now = now or timezone.now()
    requeued = []
    for delivery_id in selectors.stale_queued_deliveries(now, older_than):
        touched = ReportDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.QUEUED).update(updated_at=now)
        if touched:
            logger.warning("Report delivery %s was still queued after %s; enqueueing it again", delivery_id, older_than)
            transaction.on_commit(lambda delivery_id=delivery_id: _enqueue(delivery_id))
            requeued.append(delivery_id)
    return requeued


def fail_stuck_deliveries(older_than: dt.timedelta, *, now: dt.datetime | None = None) -> int:
    """Mark deliveries stuck in 'sending' as failed and return how many.

    A worker that died mid-send leaves the row in 'sending'. Whether the email went out is
    unknown, so the row is not sent again, and its error message states this.
    """
    now = now or timezone.now()
    count = 0
    for delivery_id in selectors.stuck_deliveries(now, older_than):
        count += ReportDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.FAILED,
            error=STUCK_ERROR,
            updated_at=now,
        )
        logger.warning("Report delivery %s was stuck in sending and is marked failed", delivery_id)
    return count
