"""The report pages: tenant gate, roles, the form's errors, preview and 'send now'."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from reporting.models import DeliveryStatus, DeliveryTrigger, ReportDelivery, ReportSchedule
from reporting_helpers import expected_figures, make_schedule, visible_text
from tests.conftest import make_user

SECRET_RECIPIENT = "private-client@example.com"


@pytest.fixture
def schedule(connection_one):
    return make_schedule(connection_one, recipients=[SECRET_RECIPIENT])


def object_requests(schedule):
    """(method, url name, data) for every URL that takes a schedule id."""
    pk = [schedule.pk]
    return [
        ("get", reverse("reporting:edit", args=pk), None),
        ("post", reverse("reporting:edit", args=pk), {"recipients": "x@example.com"}),
        ("get", reverse("reporting:delete", args=pk), None),
        ("post", reverse("reporting:delete", args=pk), {}),
        ("post", reverse("reporting:send_now", args=pk), {}),
        ("post", reverse("reporting:resubscribe", args=pk), {"email": SECRET_RECIPIENT}),
        ("get", reverse("reporting:preview", args=pk), None),
        ("get", reverse("reporting:preview_html", args=pk), None),
        ("get", reverse("reporting:preview_text", args=pk), None),
    ]


def form_data(connection, **changes):
    data = {
        "connection": str(connection.pk),
        "recipients": "client@example.com\nagency@example.com",
        "weekday": "0",
        "hour": "8",
        "timezone": "Europe/Berlin",
        "language": "en",
        "enabled": "on",
    }
    data.update(changes)
    return data


def test_outsider_gets_404_everywhere(browser_for, schedule, outsider_connection):
    browser = browser_for("outsider")

    for method, url, data in object_requests(schedule):
        response = getattr(browser, method)(url, data=data)
        assert response.status_code == 404, f"{method.upper()} {url} gave {response.status_code}"
        assert SECRET_RECIPIENT not in response.content.decode()

    assert ReportSchedule.objects.filter(pk=schedule.pk).exists()
    assert not ReportDelivery.objects.exists()


def test_outsider_list_hides_other_team(browser_for, schedule, outsider_connection):
    response = browser_for("outsider").get(reverse("reporting:list"))

    assert response.status_code == 200
    assert SECRET_RECIPIENT not in response.content.decode()
    assert reverse("reporting:edit", args=[schedule.pk]) not in response.content.decode()


def test_outsider_cannot_create_for_other_team(browser_for, schedule, connection_one, outsider_connection):
    response = browser_for("outsider").post(reverse("reporting:create"), form_data(connection_one))

    assert response.status_code == 400
    assert f"Connection {connection_one.pk} is not one of your team" in response.content.decode()
    assert ReportSchedule.objects.count() == 1


def test_teamless_user_sees_no_team_page(client, schedule):
    client.force_login(make_user("nobody@example.com"))

    for url in [reverse("reporting:list"), reverse("reporting:create"), reverse("reporting:preview", args=[schedule.pk])]:
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200
        assert "You are not in a team yet" in page
        assert schedule.connection.label not in page


def test_anonymous_redirected_to_login(client, schedule):
    response = client.get(reverse("reporting:preview", args=[schedule.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_viewer_can_read_not_write(browser_for, schedule, smtp_server):
    browser = browser_for(Role.VIEWER)

    page = browser.get(reverse("reporting:list")).content.decode()
    assert SECRET_RECIPIENT in page
    assert reverse("reporting:send_now", args=[schedule.pk]) not in page
    assert browser.get(reverse("reporting:preview_text", args=[schedule.pk])).status_code == 200

    denied = [
        ("get", reverse("reporting:create"), None),
        ("post", reverse("reporting:create"), form_data(schedule.connection)),
        *[request for request in object_requests(schedule) if "preview" not in request[1]],
    ]
    for method, url, data in denied:
        response = getattr(browser, method)(url, data=data)
        assert response.status_code == 403, f"{method.upper()} {url} gave {response.status_code}"

    assert ReportSchedule.objects.count() == 1
    assert not ReportDelivery.objects.exists()
    assert smtp_server.messages == []


def test_list_shows_next_send_and_deliveries(browser_for, connection_one, django_assert_max_num_queries):
    for label_number in range(3):
        schedule = make_schedule(connection_one, timezone="Asia/Shanghai")
        schedule.next_send_at = schedule.compute_next_send_at(schedule.created_at)
        schedule.save()
        ReportDelivery.objects.create(
            schedule=schedule, period_start=schedule.created_at, period_end=schedule.next_send_at,
            period_key=f"weekly:test-{label_number}", status=DeliveryStatus.FAILED, error="SMTP said no",
        )
    browser = browser_for(Role.MEMBER)

    with django_assert_max_num_queries(12):
        response = browser.get(reverse("reporting:list"))

    page = visible_text(response.content.decode())
    assert page.count("Monday at 08:00 (Asia/Shanghai)") == 3
    assert page.count("SMTP said no") == 3
    assert page.count("Failed") == 3


def test_member_creates_schedule(browser_for, users, connection_one):
    response = browser_for(Role.MEMBER).post(reverse("reporting:create"), form_data(connection_one, weekday="4"))

    schedule = ReportSchedule.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reporting:list")
    assert schedule.team == connection_one.team
    assert schedule.created_by == users[Role.MEMBER]
    assert schedule.recipients == ["client@example.com", "agency@example.com"]
    assert schedule.frequency == "weekly"
    assert schedule.next_send_at is not None
    assert schedule.next_send_at == schedule.compute_next_send_at(schedule.updated_at)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("recipients", "good@example.com, broken@", "“broken@” is not a valid email address"),
        ("recipients", "", "Enter at least one recipient email address."),
        ("timezone", "Europe/Berln", "“Europe/Berln” is not a known time zone"),
        ("hour", "24", "Select a valid choice. 24 is not one of the available choices."),
        ("language", "de", "Select a valid choice. de is not one of the available choices."),
    ],
)
def test_create_rejects_bad_input(browser_for, connection_one, field, value, message):
    response = browser_for(Role.MEMBER).post(reverse("reporting:create"), form_data(connection_one, **{field: value}))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReportSchedule.objects.exists()


def test_edit_recomputes_next_send(browser_for, schedule):
    before = schedule.next_send_at

    response = browser_for(Role.MEMBER).post(
        reverse("reporting:edit", args=[schedule.pk]),
        form_data(schedule.connection, timezone="America/New_York", hour="9", language="zh-hans"),
    )

    schedule.refresh_from_db()
    local = schedule.next_send_at.astimezone(schedule.zone)
    assert response.status_code == 302
    assert before is None
    assert (local.weekday(), local.hour, local.minute) == (0, 9, 0)
    assert schedule.language == "zh-hans"


def test_edit_form_shows_recipients_one_per_line(browser_for, connection_one):
    schedule = make_schedule(connection_one, recipients=["a@example.com", "b@example.com"])

    page = browser_for(Role.MEMBER).get(reverse("reporting:edit", args=[schedule.pk])).content.decode()

    assert "a@example.com\nb@example.com</textarea>" in page


def test_member_deletes_schedule(browser_for, schedule):
    response = browser_for(Role.MEMBER).post(reverse("reporting:delete", args=[schedule.pk]))

    assert response.status_code == 302
    assert not ReportSchedule.objects.exists()


def test_send_now_queues_without_sending(browser_for, schedule, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = browser_for(Role.MEMBER).post(reverse("reporting:send_now", args=[schedule.pk]))

    delivery = ReportDelivery.objects.get()
    assert response.status_code == 302
    assert delivery.trigger == DeliveryTrigger.MANUAL
    assert delivery.status == DeliveryStatus.QUEUED
    assert delivery.period_key.startswith("manual:")
    assert delivery.recipients == [SECRET_RECIPIENT]
    assert len(callbacks) == 1
    assert smtp_server.messages == []
    assert mail.outbox == []


def test_send_now_twice_makes_two_deliveries(browser_for, schedule, django_capture_on_commit_callbacks):
    browser = browser_for(Role.MEMBER)

    with django_capture_on_commit_callbacks():
        browser.post(reverse("reporting:send_now", args=[schedule.pk]))
        browser.post(reverse("reporting:send_now", args=[schedule.pk]))

    keys = list(ReportDelivery.objects.values_list("period_key", flat=True))
    assert len(keys) == 2
    assert keys[0] != keys[1]


def test_send_now_rejects_get(browser_for, schedule):
    response = browser_for(Role.MEMBER).get(reverse("reporting:send_now", args=[schedule.pk]))

    assert response.status_code == 405
    assert not ReportDelivery.objects.exists()


def test_preview_renders_email_html(browser_for, schedule, report_sandbox):
    browser = browser_for(Role.VIEWER)

    page = browser.get(reverse("reporting:preview", args=[schedule.pk])).content.decode()
    html = browser.get(reverse("reporting:preview_html", args=[schedule.pk]))
    text = browser.get(reverse("reporting:preview_text", args=[schedule.pk]))

    now = timezone.now()
    site_count, disk_usage, backup_count = expected_figures(report_sandbox, now - dt.timedelta(days=7), now)
    assert html["Content-Type"] == "text/html; charset=utf-8"
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert html.content.decode().startswith("<!DOCTYPE html>")
    assert f"Sites: {site_count}" in visible_text(html.content.decode())
    assert f"Sites: {site_count}" in text.content.decode()
    assert f"Total disk usage: {disk_usage}" in text.content.decode()
    assert reverse("reporting:preview_text", args=[schedule.pk]) in page
    assert 'sandbox=""' in page
    assert "srcdoc=\"&lt;!DOCTYPE html&gt;" in page
    assert not ReportDelivery.objects.exists()


def test_preview_chinese(browser_for, connection_one):
    schedule = make_schedule(connection_one, language="zh-hans")

    text = browser_for(Role.VIEWER).get(reverse("reporting:preview_text", args=[schedule.pk])).content.decode()

    assert "周报" in text
    assert "站点数：7" in text
