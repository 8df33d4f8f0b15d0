"""Report emails over a real SMTP server: the PDF, the inline charts, the same facts in every part,
one-click unsubscribe, per-recipient log, a site without traffic and a connection whose API is down."""

import datetime as dt
import io
import re

import pytest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from accounts.audit import record_action
from accounts.models import AuditResult, Role
from accounts.services import client_for
from reporting import services
from reporting.models import DeliveryStatus, RecipientStatus, ReportDelivery, Unsubscribe
from reporting_helpers import make_schedule, parts_of, visible_text
from rocketnet.services import visitors as visitors_api
from sites.models import Job, JobKind, JobStatus

EXTERNAL = "client@example.com"


def send_now(schedule, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.request_manual_delivery(schedule, None)
    delivery.refresh_from_db()
    return delivery


def attachments(message):
    return {part.get_filename(): part for part in message.iter_attachments()}


def inline_images(message):
    return {part["Content-ID"].strip("<>"): part.get_content() for part in message.walk()
            if part.get_content_type() == "image/png"}


def pdf_text(message):
    pdf_part = attachments(message)
    names = [name for name in pdf_part if name and name.endswith(".pdf")]
    assert len(names) == 1, f"expected one PDF attachment, got {list(pdf_part)}"
    reader = PdfReader(io.BytesIO(pdf_part[names[0]].get_content()))
    text = " ".join(page.extract_text() for page in reader.pages)
    # pypdf 6.21 ignores the CMap stream that fpdf2 writes as the /Encoding of a CID-keyed CFF font (the CJK font),
    # reads its two-byte codes one byte at a time and puts a NUL before each character.
    return text.replace("\x00", "")


def expected_visitors(connection, delivery, site_ids):
    zone = delivery.schedule.zone
    # Whole local days only: the send day itself has not ended, so the last day is the one before it.
    first = delivery.period_start.astimezone(zone).date()
    last = delivery.period_end.astimezone(zone).date() - dt.timedelta(days=1)
    total = 0
    with client_for(connection) as client:
        for site_id in site_ids:
            result = visitors_api.get_site_visitors(client, site_id, date_from=first, date_to=last)
            total += sum(item["visitors"] for item in result["visitors"])
    return total


@pytest.fixture
def branded(sandbox_connection, users):
    schedule = make_schedule(sandbox_connection, recipients=[EXTERNAL], site_ids=[1001, 1003],
                             brand_name="Acme Digital", accent_colour="#aa3300", footer_text="Acme Digital, Main St 1")
    schedule.member_recipients.add(users[Role.VIEWER])
    return schedule


def test_email_parts_carry_the_same_figures(branded, sandbox_connection, smtp_server, eager_celery,
                                            django_capture_on_commit_callbacks):
    delivery = send_now(branded, django_capture_on_commit_callbacks)
    visitors = expected_visitors(sandbox_connection, delivery, [1001, 1003])
    assert visitors > 0

    message = next(message for recipients, message in smtp_server.messages if recipients == [EXTERNAL])
    text, html = parts_of(message)
    document = pdf_text(message)

    assert message["Subject"].startswith("Weekly report for Client One:")
    for part in (text, visible_text(html), document):
        assert f"Sites: 2" in part
        assert f"Unique visitors: {visitors:,}" in part
        assert "Acme Digital" in part
    assert "Bright Bakery" in text
    assert 'color:#aa3300' in html
    assert "Acme Digital, Main St 1" in text


def test_inline_charts_are_referenced_and_attached(branded, smtp_server, eager_celery, django_capture_on_commit_callbacks):
    send_now(branded, django_capture_on_commit_callbacks)

    message = smtp_server.messages[0][1]
    _, html = parts_of(message)
    images = inline_images(message)

    assert {"traffic-visitors", "traffic-bandwidth", "cache-status"} <= set(images)
    for cid, png in images.items():
        assert f'src="cid:{cid}"' in html
        assert Image.open(io.BytesIO(png)).size == (800, 300)
    related = [part for part in message.walk() if part.get_content_type() == "multipart/related"]
    assert len(related) == 1


def test_external_recipient_gets_one_click_unsubscribe(branded, users, smtp_server, eager_celery,
                                                       django_capture_on_commit_callbacks, client):
    send_now(branded, django_capture_on_commit_callbacks)
    by_recipient = {recipients[0]: message for recipients, message in smtp_server.messages}

    member_message = by_recipient[users[Role.VIEWER].email]
    external_message = by_recipient[EXTERNAL]
    assert member_message["List-Unsubscribe"] is None
    assert external_message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<(http://testserver(/reports/unsubscribe/[^>]+/))>", external_message["List-Unsubscribe"].strip())
    assert url
    text, html = parts_of(external_message)
    assert url.group(1) in text
    assert url.group(1) in html

    # A mail client's one-click POST carries no CSRF token and no session.
    response = client.post(url.group(2), data="List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")

    assert response.status_code == 200
    assert Unsubscribe.objects.filter(schedule=branded, email=EXTERNAL).exists()


def test_unsubscribed_address_is_skipped_next_time(branded, users, smtp_server, eager_celery,
                                                   django_capture_on_commit_callbacks, client):
    send_now(branded, django_capture_on_commit_callbacks)
    link = re.search(r"<http://testserver(/reports/unsubscribe/[^>]+/)>",
                     next(m for r, m in smtp_server.messages if r == [EXTERNAL])["List-Unsubscribe"].strip()).group(1)
    assert client.get(link).status_code == 200
    assert not Unsubscribe.objects.exists(), "GET must only ask, because mail scanners open links"
    client.post(link)
    smtp_server.messages.clear()

    delivery = send_now(branded, django_capture_on_commit_callbacks)

    assert [recipients for recipients, _ in smtp_server.messages] == [[users[Role.VIEWER].email]]
    assert delivery.status == DeliveryStatus.SENT
    assert list(delivery.recipient_rows.values_list("email", "status")) == [(users[Role.VIEWER].email, RecipientStatus.SENT)]


def test_forged_unsubscribe_token_is_rejected(branded, client):
    response = client.post(reverse("reporting:unsubscribe", args=["not-a-real-token"]))

    assert response.status_code == 404
    assert not Unsubscribe.objects.exists()


def test_delivery_log_per_recipient(branded, users, smtp_server, eager_celery, django_capture_on_commit_callbacks):
    delivery = send_now(branded, django_capture_on_commit_callbacks)

    rows = {row.email: row for row in delivery.recipient_rows.all()}
    assert set(rows) == {EXTERNAL, users[Role.VIEWER].email}
    assert all(row.status == RecipientStatus.SENT and row.sent_at for row in rows.values())
    assert rows[EXTERNAL].external
    assert not rows[users[Role.VIEWER].email].external


def test_changes_and_failed_jobs_are_listed(branded, sandbox_connection, users, smtp_server, eager_celery,
                                            django_capture_on_commit_callbacks):
    record_action(team=branded.team, user=users[Role.MEMBER], action="plugins.update", result=AuditResult.SUCCEEDED,
                  connection=sandbox_connection, site_id=1001, site_label="Bright Bakery", target="woocommerce")
    record_action(team=branded.team, user=users[Role.MEMBER], action="plugins.update", result=AuditResult.SUCCEEDED,
                  connection=sandbox_connection, site_id=1002, site_label="Not in this report", target="akismet")
    Job.objects.create(team=branded.team, connection=sandbox_connection, site_id=1003, site_label="Third site",
                       kind=JobKind.BACKUP_CREATE, status=JobStatus.FAILED, error="Backup storage full",
                       finished_at=timezone.now() - dt.timedelta(hours=1))

    send_now(branded, django_capture_on_commit_callbacks)

    message = smtp_server.messages[0][1]
    text, html = parts_of(message)
    document = pdf_text(message)
    for part in (text, visible_text(html), document):
        assert "Plugin updated" in part
        assert "plugins.update" not in part
        assert "woocommerce" in part
        assert "akismet" not in part
        assert "Backup storage full" in part


def test_site_without_traffic(sandbox_connection, smtp_server, eager_celery, monkeypatch,
                              django_capture_on_commit_callbacks):
    # The simulator gives every site visitors; a site size of zero makes its daily visitors and bandwidth 0.
    monkeypatch.setattr("sandbox.metrics.site_scale", lambda state, site: 0)
    schedule = make_schedule(sandbox_connection, recipients=[EXTERNAL], site_ids=[1001])

    delivery = send_now(schedule, django_capture_on_commit_callbacks)

    text, html = parts_of(smtp_server.messages[0][1])
    assert delivery.status == DeliveryStatus.SENT
    assert "Unique visitors: 0" in text
    assert "Unique visitors: 0" in visible_text(html)
    assert "No traffic in this period." in text
    assert "No traffic in this period." in visible_text(html)
    assert "traffic-visitors" not in inline_images(smtp_server.messages[0][1])


def test_api_down_report_still_has_pdf(down_connection, smtp_server, eager_celery, django_capture_on_commit_callbacks):
    schedule = make_schedule(down_connection, recipients=[EXTERNAL])

    delivery = send_now(schedule, django_capture_on_commit_callbacks)

    message = smtp_server.messages[0][1]
    text, html = parts_of(message)
    assert delivery.status == DeliveryStatus.SENT
    for part in (text, visible_text(html), pdf_text(message)):
        assert "could not be read for this report" in part
        assert "Sites:" not in part


def test_preview_html_inlines_the_same_images(browser_for, branded):
    response = browser_for("viewer").get(reverse("reporting:preview_html", args=[branded.pk]))
    html = response.content.decode()

    assert "cid:" not in html
    assert html.count('src="data:image/png;base64,') >= 3
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_preview_pdf_is_a_pdf(browser_for, branded):
    response = browser_for("viewer").get(reverse("reporting:preview_pdf", args=[branded.pk]))

    reader = PdfReader(io.BytesIO(response.content))
    assert response["Content-Type"] == "application/pdf"
    assert "Weekly report for Client One" in reader.pages[0].extract_text()


def test_outsider_cannot_preview_pdf(browser_for, branded, outsider_connection):
    response = browser_for("outsider").get(reverse("reporting:preview_pdf", args=[branded.pk]))

    assert response.status_code == 404


def test_monthly_chinese_report(sandbox_connection, smtp_server, eager_celery, django_capture_on_commit_callbacks):
    schedule = make_schedule(sandbox_connection, recipients=[EXTERNAL], frequency="monthly", day_of_month=31,
                             language="zh-hans", timezone="Asia/Shanghai", site_ids=[1001])

    delivery = send_now(schedule, django_capture_on_commit_callbacks)

    message = smtp_server.messages[0][1]
    text, html = parts_of(message)
    assert delivery.period_end - delivery.period_start >= dt.timedelta(days=28)
    assert "Client One 月报" in message["Subject"]
    for part in (text, visible_text(html)):
        assert "站点数：1" in part
        assert "独立访客：" in part
    assert "如不想再收到此报告" in text
    assert "退订此报告" in html
    assert "Unique visitors" not in text


def test_chinese_report_pdf_shows_chinese_labels(sandbox_connection, smtp_server, eager_celery,
                                                 django_capture_on_commit_callbacks):
    schedule = make_schedule(sandbox_connection, recipients=[EXTERNAL], language="zh-hans",
                             timezone="Asia/Shanghai", site_ids=[1001])

    send_now(schedule, django_capture_on_commit_callbacks)

    text = pdf_text(smtp_server.messages[0][1])
    assert "站点数：1" in text
    assert "通过控制台进行的更改" in text
    assert "失败事项" in text


def test_preview_shows_unsubscribe_footer_without_a_working_link(browser_for, branded, client):
    text = browser_for("viewer").get(reverse("reporting:preview_text", args=[branded.pk])).content.decode()
    link = re.search(r"To stop receiving this report, open http://testserver(\S+)", text)

    assert link
    assert client.post(link.group(1)).status_code == 404
    assert not Unsubscribe.objects.exists()
