"""Celery tasks: the beat scan for due reports and the sending of one delivery. Both take ids only."""

import datetime as dt
import logging

from celery import shared_task
from django.conf import settings

from reporting import services

logger = logging.getLogger(__name__)


@shared_task(name="reporting.send_due_reports")
def send_due_reports():
    """Claim every due schedule, enqueue deliveries whose task was lost, and fail those stuck while sending."""
    stuck_after = dt.timedelta(minutes=settings.JOB_STUCK_AFTER_MINUTES)

    delivery_ids = services.claim_due_schedules()
    requeued = services.requeue_stale_deliveries(stuck_after)
    stuck = services.fail_stuck_deliveries(stuck_after)

    if delivery_ids or requeued or stuck:
        logger.info(
            "Report scan queued deliveries %s, enqueued again %s and failed %s stuck deliveries",
            delivery_ids, requeued, stuck,
        )
    return delivery_ids


@shared_task(name="reporting.send_report_delivery", bind=True, max_retries=None)
def send_report_delivery(self, delivery_id):
    """Send one delivery; the delivery row counts attempts, so Celery's own retry limit is off."""
    outcome = services.send_delivery(delivery_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
    return outcome.status
