"""One-click unsubscribe for external recipients: signed tokens, their URLs, and recording the request."""

import logging

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse

from reporting.models import ReportSchedule, Unsubscribe

logger = logging.getLogger(__name__)

SALT = "reporting.unsubscribe"


def make_token(schedule_id: int, email: str) -> str:
    """Return a signed token naming one schedule and one address. It never expires, like the emails that carry it."""
    return signing.dumps({"schedule": schedule_id, "email": email.lower()}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, str] | None:
    """Return (schedule id, address) from a token, or None when it is forged, truncated or not ours."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None

    schedule_id, email = payload.get("schedule"), payload.get("email")
    if not isinstance(schedule_id, int) or not isinstance(email, str):
        return None
    return schedule_id, email


def unsubscribe_url(schedule: ReportSchedule, email: str) -> str:
    """Return the absolute unsubscribe URL, or "" when no dashboard URL is known for the schedule.

    The base is the REPORT_SITE_URL setting when the deployment sets it, else the scheme and host
    from which the schedule was last saved.
    """
    base = settings.REPORT_SITE_URL or schedule.site_url
    if not base:
        logger.warning("Report schedule %s has no dashboard URL, so its emails carry no unsubscribe link", schedule.pk)
        return ""
    return base.rstrip("/") + reverse("reporting:unsubscribe", args=[make_token(schedule.pk, email)])


def unsubscribe(schedule: ReportSchedule, email: str) -> bool:
    """Record that `email` left the schedule; return False when it had already left. Later sends skip it."""
    try:
        with transaction.atomic():
            Unsubscribe.objects.create(schedule=schedule, email=email.lower())
    except IntegrityError:
        return False
    logger.info("Address unsubscribed from report schedule %s", schedule.pk)
    return True


def resubscribe(schedule: ReportSchedule, email: str) -> bool:
    """Remove `email`'s unsubscribe from the schedule; return False when it had none."""
    deleted, _by_model = Unsubscribe.objects.filter(schedule=schedule, email=email.lower()).delete()
    if deleted:
        logger.info("Address subscribed again to report schedule %s", schedule.pk)
    return bool(deleted)


def unsubscribed_entry(schedule_id: int, email: str) -> Unsubscribe | None:
    return Unsubscribe.objects.filter(schedule_id=schedule_id, email=email.lower()).first()


def is_unsubscribed(schedule_id: int, email: str) -> bool:
    return Unsubscribe.objects.filter(schedule_id=schedule_id, email=email.lower()).exists()
