"""Claiming due schedules exactly once and sending deliveries over a real SMTP server."""

import datetime as dt
import threading

import pytest
from django.db import connection as db_connection
from django.utils import timezone

from accounts.services import client_for
from config.celery import app as celery_app
from reporting import selectors, services
from reporting.models import DeliveryStatus, DeliveryTrigger, ReportDelivery, ReportSchedule
from reporting.tasks import send_due_reports, send_report_delivery
from rocketnet.services import backups
from reporting_helpers import expected_figures, free_port, make_schedule, parts_of, visible_text

MONDAY_0800_BERLIN = dt.datetime(2026, 1, 12, 7, tzinfo=dt.UTC)


def past_due(connection, **fields):
    """Create a schedule that was due one minute ago."""
    schedule = make_schedule(connection, **fields)
    schedule.next_send_at = timezone.now() - dt.timedelta(minutes=1)
    schedule.save()
    return schedule


def test_save_schedule_sets_next_send(sandbox_connection):
    schedule = make_schedule(sandbox_connection)

    services.save_schedule(schedule, now=dt.datetime(2026, 1, 7, 12, tzinfo=dt.UTC))

    schedule.refresh_from_db()
    assert schedule.next_send_at == MONDAY_0800_BERLIN


def test_save_disabled_schedule_clears_next_send(sandbox_connection):
    schedule = make_schedule(sandbox_connection, enabled=False, next_send_at=MONDAY_0800_BERLIN)

    services.save_schedule(schedule)

    schedule.refresh_from_db()
    assert schedule.next_send_at is None


def test_claim_creates_one_delivery(sandbox_connection, django_capture_on_commit_callbacks):
    schedule = make_schedule(sandbox_connection, next_send_at=MONDAY_0800_BERLIN)
    now = MONDAY_0800_BERLIN + dt.timedelta(seconds=30)

    with django_capture_on_commit_callbacks() as callbacks:
        first = services.claim_due_schedules(now)
        second = services.claim_due_schedules(now)

    delivery = ReportDelivery.objects.get()
    schedule.refresh_from_db()
    assert first == [delivery.pk]
    assert second == []
    assert len(callbacks) == 1
    assert delivery.period_key == "weekly:2026-W03"
    assert delivery.period_end == MONDAY_0800_BERLIN
    assert delivery.period_start == dt.datetime(2026, 1, 5, 7, tzinfo=dt.UTC)
    assert delivery.status == DeliveryStatus.QUEUED
    assert delivery.recipients == ["client@example.com", "agency@example.com"]
    assert schedule.next_send_at == dt.datetime(2026, 1, 19, 7, tzinfo=dt.UTC)


def test_claim_not_due_yet(sandbox_connection):
    make_schedule(sandbox_connection, next_send_at=MONDAY_0800_BERLIN)

    claimed = services.claim_due_schedules(MONDAY_0800_BERLIN - dt.timedelta(seconds=1))

    assert claimed == []
    assert not ReportDelivery.objects.exists()


def test_claim_with_stale_due_time_loses(sandbox_connection):
    schedule = make_schedule(sandbox_connection, next_send_at=MONDAY_0800_BERLIN)
    now = MONDAY_0800_BERLIN + dt.timedelta(seconds=5)

    # Both processes read the same due time; the second UPDATE no longer matches it.
    winner = services.claim_schedule(schedule.pk, MONDAY_0800_BERLIN, now)
    loser = services.claim_schedule(schedule.pk, MONDAY_0800_BERLIN, now)

    assert winner is not None
    assert loser is None
    assert ReportDelivery.objects.count() == 1


def test_claim_after_downtime_sends_once(sandbox_connection):
    schedule = make_schedule(sandbox_connection, next_send_at=MONDAY_0800_BERLIN)
    now = MONDAY_0800_BERLIN + dt.timedelta(weeks=3, hours=2)

    claimed = services.claim_due_schedules(now)

    schedule.refresh_from_db()
    assert len(claimed) == 1
    assert schedule.next_send_at == dt.datetime(2026, 2, 9, 7, tzinfo=dt.UTC)
    assert schedule.next_send_at > now


def test_claim_same_iso_week_skipped(sandbox_connection):
    # The Monday report went out; the schedule was then moved to Friday of the same ISO week.
    schedule = make_schedule(sandbox_connection, next_send_at=MONDAY_0800_BERLIN)
    services.claim_due_schedules(MONDAY_0800_BERLIN)
    friday = dt.datetime(2026, 1, 16, 7, tzinfo=dt.UTC)
    ReportSchedule.objects.filter(pk=schedule.pk).update(weekday=4, next_send_at=friday)

    claimed = services.claim_due_schedules(friday)

    schedule.refresh_from_db()
    assert claimed == []
    assert ReportDelivery.objects.count() == 1
    assert schedule.next_send_at == dt.datetime(2026, 1, 23, 7, tzinfo=dt.UTC)


def test_disabled_schedule_not_claimed(sandbox_connection):
    make_schedule(sandbox_connection, next_send_at=MONDAY_0800_BERLIN, enabled=False)

    assert services.claim_due_schedules(MONDAY_0800_BERLIN + dt.timedelta(hours=1)) == []


def test_send_delivery_over_smtp(sandbox_connection, report_sandbox, smtp_server, eager_celery, django_capture_on_commit_callbacks):
    past_due(sandbox_connection)

    with django_capture_on_commit_callbacks(execute=True):
        send_due_reports.delay()

    delivery = ReportDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.sent_at is not None
    assert delivery.attempts == 1
    # One email per recipient, so each external recipient's unsubscribe link is their own.
    assert len(smtp_server.messages) == 2
    assert sorted(recipients for recipients, _ in smtp_server.messages) == [["agency@example.com"], ["client@example.com"]]

    site_count, disk_usage, backup_count = expected_figures(report_sandbox, delivery.period_start, delivery.period_end)
    for recipients, message in smtp_server.messages:
        text, html = parts_of(message)
        assert message["To"] == recipients[0]
        assert message["Subject"].startswith("Weekly report for Client One:")
        assert message.get_content_type() == "multipart/mixed"
        for part in (text, visible_text(html)):
            assert f"Sites: {site_count}" in part
            assert f"Total disk usage: {disk_usage}" in part
            assert f"Backups made in the period: {backup_count}" in part
            assert "Bright Bakery" in part
    assert site_count == 7


def test_send_counts_backup_made_in_period(sandbox_connection, report_sandbox, smtp_server, eager_celery, django_capture_on_commit_callbacks):
    schedule = past_due(sandbox_connection)
    state = report_sandbox.state
    site = state.sites_of(state.account_by_email(sandbox_connection.email))[0]
    before = expected_figures(report_sandbox, timezone.now() - dt.timedelta(days=7), timezone.now())[2]

    # A backup made through the API counts in the manual period that ends now.
    with client_for(sandbox_connection) as client:
        backups.create_backup(client, site.id, label="Made for the report test", backup_directory=True, backup_database=True)

    with django_capture_on_commit_callbacks(execute=True):
        services.request_manual_delivery(schedule, None)

    text, html = parts_of(smtp_server.messages[0][1])
    assert f"Backups made in the period: {before + 1}" in text
    assert "Made for the report test" in text
    assert "Made for the report test" in html


def test_redelivered_task_sends_once(sandbox_connection, smtp_server, eager_celery, django_capture_on_commit_callbacks):
    schedule = past_due(sandbox_connection)
    with django_capture_on_commit_callbacks(execute=False):
        delivery = services.request_manual_delivery(schedule, None)

    first = send_report_delivery.delay(delivery.pk).get()
    second = send_report_delivery.delay(delivery.pk).get()

    delivery.refresh_from_db()
    assert first == DeliveryStatus.SENT
    assert second == DeliveryStatus.SENT
    assert delivery.attempts == 1
    assert sorted(recipients for recipients, _ in smtp_server.messages) == [["agency@example.com"], ["client@example.com"]]


def test_smtp_down_ends_failed(sandbox_connection, settings, eager_celery, monkeypatch, django_capture_on_commit_callbacks):
    # Eager Celery runs each retry at once (ignoring the countdown) only when errors do not propagate.
    monkeypatch.setattr(celery_app.conf, "task_eager_propagates", False)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    schedule = past_due(sandbox_connection)

    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.request_manual_delivery(schedule, None)

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == services.MAX_SEND_ATTEMPTS
    assert "ConnectionRefusedError" in delivery.error
    assert delivery.sent_at is None


def test_smtp_failure_then_retry_succeeds(sandbox_connection, smtp_server, settings):
    schedule = past_due(sandbox_connection)
    delivery = ReportDelivery.objects.create(
        schedule=schedule, trigger=DeliveryTrigger.MANUAL, period_start=timezone.now() - dt.timedelta(days=7),
        period_end=timezone.now(), period_key="manual:retry", recipients=schedule.recipients,
    )
    real_port = settings.EMAIL_PORT

    settings.EMAIL_PORT = free_port()
    outcome = services.send_delivery(delivery.pk)
    delivery.refresh_from_db()
    assert outcome.retry_in == services.RETRY_BASE_SECONDS
    assert delivery.status == DeliveryStatus.QUEUED
    assert "ConnectionRefusedError" in delivery.error

    settings.EMAIL_PORT = real_port
    outcome = services.send_delivery(delivery.pk)
    delivery.refresh_from_db()
    assert outcome.status == DeliveryStatus.SENT
    assert delivery.attempts == 2
    assert delivery.error == ""
    assert sorted(recipients for recipients, _ in smtp_server.messages) == [["agency@example.com"], ["client@example.com"]]


def test_api_down_still_sends_notice(down_connection, smtp_server, eager_celery, django_capture_on_commit_callbacks):
    past_due(down_connection)

    with django_capture_on_commit_callbacks(execute=True):
        services.claim_due_schedules()

    delivery = ReportDelivery.objects.get()
    text, html = parts_of(smtp_server.messages[0][1])
    assert delivery.status == DeliveryStatus.SENT
    assert "could not be read for this report" in text
    assert "could not be read for this report" in visible_text(html)
    assert "could not reach the Rocket.net API" in text
    assert "Sites:" not in text


def test_chinese_report_over_smtp(sandbox_connection, smtp_server, eager_celery, django_capture_on_commit_callbacks):
    past_due(sandbox_connection, language="zh-hans", timezone="Asia/Shanghai")

    with django_capture_on_commit_callbacks(execute=True):
        services.claim_due_schedules()

    message = smtp_server.messages[0][1]
    text, html = parts_of(message)
    assert "周报" in message["Subject"]
    assert "站点数：7" in text
    assert "站点数：7" in visible_text(html)
    assert "Sites:" not in text


def test_lost_queued_delivery_sent_again(sandbox_connection, smtp_server, eager_celery, django_capture_on_commit_callbacks):
    schedule = make_schedule(sandbox_connection)
    period = {"period_start": MONDAY_0800_BERLIN - dt.timedelta(days=7), "period_end": MONDAY_0800_BERLIN}
    lost = ReportDelivery.objects.create(schedule=schedule, period_key="weekly:2026-W03", recipients=["a@example.com"], **period)
    fresh = ReportDelivery.objects.create(schedule=schedule, period_key="manual:fresh", recipients=["b@example.com"], **period)
    ReportDelivery.objects.filter(pk=lost.pk).update(updated_at=timezone.now() - dt.timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        requeued = services.requeue_stale_deliveries(dt.timedelta(minutes=30))

    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert requeued == [lost.pk]
    assert lost.status == DeliveryStatus.SENT
    assert fresh.status == DeliveryStatus.QUEUED
    assert [recipients for recipients, _ in smtp_server.messages] == [["a@example.com"]]


def test_stuck_sending_marked_failed(sandbox_connection):
    schedule = make_schedule(sandbox_connection)
    delivery = ReportDelivery.objects.create(
        schedule=schedule, period_start=MONDAY_0800_BERLIN - dt.timedelta(days=7), period_end=MONDAY_0800_BERLIN,
        period_key="weekly:2026-W03", status=DeliveryStatus.SENDING,
    )
    ReportDelivery.objects.filter(pk=delivery.pk).update(updated_at=timezone.now() - dt.timedelta(hours=2))

    count = services.fail_stuck_deliveries(dt.timedelta(minutes=30))

    delivery.refresh_from_db()
    assert count == 1
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.error == services.STUCK_ERROR


@pytest.mark.django_db(transaction=True)
def test_concurrent_scans_send_once(sandbox_connection, smtp_server, eager_celery, monkeypatch, caplog):
    """Both scans read the schedule as due before either claims it; only one may send."""
    past_due(sandbox_connection)
    both_read = threading.Barrier(2)
    read_due_schedules = selectors.due_schedules

    def due_schedules_then_wait(now):
        due = read_due_schedules(now)
        both_read.wait(timeout=10)
        return due

    monkeypatch.setattr(selectors, "due_schedules", due_schedules_then_wait)
    claimed, errors = [], []

    def scan():
        try:
            claimed.extend(services.claim_due_schedules())
        except Exception as error:  # collected so the main thread can report it
            errors.append(error)
        finally:
            db_connection.close()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    delivery = ReportDelivery.objects.get()
    losing_messages = [
        record.getMessage() for record in caplog.records
        if "claimed by another process" in record.getMessage() or "is locked" in record.getMessage()
    ]
    assert errors == []
    assert claimed == [delivery.pk]
    assert len(losing_messages) == 1
    assert delivery.status == DeliveryStatus.SENT
    # Exactly one email per recipient.
    assert sorted(recipients for recipients, _ in smtp_server.messages) == [["agency@example.com"], ["client@example.com"]]


def test_beat_entry_names_registered_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-due-reports"]

    assert entry["task"] == send_due_reports.name
    assert send_due_reports.name in celery_app.tasks
    assert send_report_delivery.name == "reporting.send_report_delivery"
