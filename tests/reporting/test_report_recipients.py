"""Claiming monthly schedules, and sending to each recipient on its own."""

import datetime as dt

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from reporting_helpers import CollectingHandler
from reporting import services
from reporting.models import DeliveryStatus, RecipientStatus, ReportDelivery, ReportSchedule
from reporting_helpers import free_port, make_schedule

REFUSED = "gone@example.com"


class RefusingHandler(CollectingHandler):
    """Accepts mail like CollectingHandler but refuses one address for good (550)."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def refusing_smtp(settings):
    handler = RefusingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    try:
        yield handler
    finally:
        controller.stop()


def test_monthly_claim_uses_month_key_and_next_month(sandbox_connection):
    schedule = make_schedule(sandbox_connection, frequency="monthly", day_of_month=31, hour=8)
    due = dt.datetime(2026, 3, 31, 6, tzinfo=dt.UTC)  # 08:00 CEST, the day DST has just begun
    ReportSchedule.objects.filter(pk=schedule.pk).update(next_send_at=due)

    delivery_ids = services.claim_due_schedules(due + dt.timedelta(minutes=1))

    delivery = ReportDelivery.objects.get(pk__in=delivery_ids)
    schedule.refresh_from_db()
    assert delivery.period_key == "monthly:2026-03"
    assert delivery.period_start == dt.datetime(2026, 2, 28, 7, tzinfo=dt.UTC)  # 08:00 CET
    assert delivery.period_end == due
    assert schedule.next_send_at == dt.datetime(2026, 4, 30, 6, tzinfo=dt.UTC)


def test_monthly_second_claim_in_same_month_is_skipped(sandbox_connection):
    schedule = make_schedule(sandbox_connection, frequency="monthly", day_of_month=1, hour=8)
    first_due = dt.datetime(2026, 5, 1, 6, tzinfo=dt.UTC)
    ReportSchedule.objects.filter(pk=schedule.pk).update(next_send_at=first_due)
    services.claim_due_schedules(first_due)

    # The day is edited to later in the same month and comes due again: May already has its report.
    second_due = dt.datetime(2026, 5, 20, 6, tzinfo=dt.UTC)
    ReportSchedule.objects.filter(pk=schedule.pk).update(next_send_at=second_due, day_of_month=20)

    assert services.claim_due_schedules(second_due) == []
    assert ReportDelivery.objects.count() == 1


def test_refused_recipient_does_not_stop_the_others(sandbox_connection, refusing_smtp, eager_celery,
                                                    django_capture_on_commit_callbacks):
    schedule = make_schedule(sandbox_connection, recipients=["client@example.com", REFUSED, "boss@example.com"],
                             site_ids=[1001])

    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.request_manual_delivery(schedule, None)
    delivery.refresh_from_db()

    rows = dict(delivery.recipient_rows.values_list("email", "status"))
    assert sorted(recipients[0] for recipients, _ in refusing_smtp.messages) == ["boss@example.com", "client@example.com"]
    assert rows == {"client@example.com": RecipientStatus.SENT, REFUSED: RecipientStatus.FAILED,
                    "boss@example.com": RecipientStatus.SENT}
    assert delivery.status == DeliveryStatus.FAILED
    assert REFUSED in delivery.error
    assert "550" in delivery.recipient_rows.get(email=REFUSED).error


def test_retry_after_transient_error_skips_sent_recipients(sandbox_connection, smtp_server, settings):
    schedule = make_schedule(sandbox_connection, site_ids=[1001])
    delivery = services.request_manual_delivery(schedule, None)
    rows = list(delivery.recipient_rows.all())
    rows[0].status = RecipientStatus.SENT
    rows[0].sent_at = timezone.now()
    rows[0].save()

    outcome = services.send_delivery(delivery.pk)

    assert outcome.status == DeliveryStatus.SENT
    assert [recipients for recipients, _ in smtp_server.messages] == [[rows[1].email]]


def test_admin_delivery_page_lists_recipients(client, sandbox_connection):
    from accounts.models import User

    admin_user = User.objects.create_superuser(email="root@example.com", password="x-very-long-password")
    client.force_login(admin_user)
    schedule = make_schedule(sandbox_connection, recipients=["client@example.com"])
    delivery = services.request_manual_delivery(schedule, None)

    html = client.get(f"/admin/reporting/reportdelivery/{delivery.pk}/change/").content.decode()

    assert "client@example.com" in html
    assert "Pending" in html
