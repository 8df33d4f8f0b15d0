"""The extended schedule form: monthly day, chosen sites, team-member recipients and branding."""

import io
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.models import Role
from reporting.models import Frequency, ReportSchedule


def form_data(connection, **changes):
    data = {
        "connection": str(connection.pk),
        "recipients": "client@example.com",
        "frequency": "weekly",
        "weekday": "0",
        "day_of_month": "1",
        "hour": "8",
        "timezone": "Europe/Berlin",
        "language": "en",
        "enabled": "on",
        "accent_colour": "#112233",
    }
    data.update(changes)
    return data


def png_upload(size=(900, 300), name="logo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#ff8800").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_monthly_schedule_with_sites_and_members(browser_for, users, connection_one):
    member = users[Role.MEMBER]
    viewer = users[Role.VIEWER]
    data = form_data(connection_one, frequency="monthly", day_of_month="31", recipients="",
                     member_recipients=[str(viewer.pk)], sites=[f"{connection_one.pk}:1001", f"{connection_one.pk}:1003"])

    response = browser_for(Role.MEMBER).post(reverse("reporting:create"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    schedule = ReportSchedule.objects.get()
    assert schedule.frequency == Frequency.MONTHLY
    assert schedule.day_of_month == 31
    assert schedule.site_ids == [1001, 1003]
    assert list(schedule.member_recipients.all()) == [viewer]
    assert schedule.recipients == []
    assert schedule.created_by == member
    assert schedule.site_url == "http://testserver"
    local_send = schedule.next_send_at.astimezone(ZoneInfo("Europe/Berlin"))
    assert (local_send.hour, local_send.day) in {(8, 31), (8, 30), (8, 28), (8, 29)}


def test_form_lists_team_sites(browser_for, connection_one):
    html = browser_for(Role.MEMBER).get(reverse("reporting:create")).content.decode()

    assert f'value="{connection_one.pk}:1001"' in html
    assert "member@agency-a.example" in html


def test_member_of_other_team_cannot_be_recipient(browser_for, users, connection_one):
    data = form_data(connection_one, member_recipients=[str(users["outsider"].pk)])

    response = browser_for(Role.MEMBER).post(reverse("reporting:create"), data)

    assert response.status_code == 400
    assert not ReportSchedule.objects.exists()


def test_site_of_other_connection_is_rejected(browser_for, connection_one, connection_two, sandbox):
    state = sandbox.state
    other_site = state.sites_of(state.account_by_email(connection_two.email))[0]
    data = form_data(connection_one, sites=[f"{connection_two.pk}:{other_site.id}"])

    response = browser_for(Role.MEMBER).post(reverse("reporting:create"), data)

    assert response.status_code == 400
    assert "Choose only sites of the chosen connection." in response.content.decode()
    assert not ReportSchedule.objects.exists()


def test_no_recipient_at_all_is_rejected(browser_for, connection_one):
    response = browser_for(Role.MEMBER).post(reverse("reporting:create"), form_data(connection_one, recipients=""))

    assert response.status_code == 400
    assert "Enter at least one recipient email address." in response.content.decode()


@pytest.mark.parametrize("field, value, message", [
    ("accent_colour", "red", "is not a colour in the form #RRGGBB"),
    ("accent_colour", "#12345", "is not a colour in the form #RRGGBB"),
    ("brand_logo_url", "http://example.com/logo.png", "The logo URL must start with https://."),
    ("day_of_month", "32", "Ensure this value is less than or equal to 31."),
])
def test_branding_and_day_rejected(browser_for, connection_one, field, value, message):
    response = browser_for(Role.MEMBER).post(reverse("reporting:create"), form_data(connection_one, **{field: value}))

    assert response.status_code == 400
    assert message in response.content.decode()


def test_logo_upload_is_reencoded_and_resized(browser_for, connection_one):
    data = form_data(connection_one, brand_name="Acme Agency", logo=png_upload())

    response = browser_for(Role.MEMBER).post(reverse("reporting:create"), data)

    assert response.status_code == 302
    schedule = ReportSchedule.objects.get()
    logo = Image.open(io.BytesIO(bytes(schedule.brand_logo_png)))
    assert logo.format == "PNG"
    assert logo.size == (480, 160)
    assert schedule.brand_name == "Acme Agency"
    assert schedule.accent_colour == "#112233"


def test_logo_that_is_not_an_image_is_rejected(browser_for, connection_one):
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)></svg>", content_type="image/png")

    response = browser_for(Role.MEMBER).post(reverse("reporting:create"), form_data(connection_one, logo=fake))

    assert response.status_code == 400
    assert "not a readable PNG, JPEG, GIF or WebP image" in response.content.decode()


def test_list_shows_monthly_rule_sites_and_failed_recipient(browser_for, users, connection_one):
    from django.utils import timezone

    from reporting.models import DeliveryRecipient, RecipientStatus, ReportDelivery
    from reporting_helpers import make_schedule, visible_text

    schedule = make_schedule(connection_one, frequency="monthly", day_of_month=31, site_ids=[1001, 1003])
    schedule.member_recipients.add(users[Role.VIEWER])
    delivery = ReportDelivery.objects.create(schedule=schedule, period_start=timezone.now(), period_end=timezone.now(),
                                             period_key="manual:x", recipients=["client@example.com"])
    DeliveryRecipient.objects.create(delivery=delivery, email="client@example.com", status=RecipientStatus.FAILED,
                                     error="550 mailbox unavailable")

    page = visible_text(browser_for(Role.VIEWER).get(reverse("reporting:list")).content.decode())

    assert "Monthly on day 31 at 08:00 (Europe/Berlin)" in page
    assert "2 sites" in page
    assert "viewer@agency-a.example Viewer" in page
    assert "client@example.com: Failed" in page
