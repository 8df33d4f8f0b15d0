"""Report fixes found by a user test: local times in the PDF, whole days only, unsubscribe marks,
audit rows, links, labels of audit codes, logo handling and chart ticks."""

import datetime as dt
import io
import logging
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from matplotlib.backends.backend_agg import FigureCanvasAgg
from pypdf import PdfReader

from accounts.audit import record_action
from accounts.models import AuditEvent, AuditResult
from reporting import charts, unsubscribe
from accounts.audit_labels import ACTION_LABELS, describe_action
from reporting.models import Unsubscribe
from reporting.report_data import changes_in_period, period_dates
from reporting.scheduling import Period, weekly_period
from reporting.site_reports import _waf_sources
from reporting.tables import LINE, ChartSpec, Column, Table
from reporting_helpers import make_schedule, visible_text
from sites.bulk.models import BulkAction

REPO = Path(__file__).resolve().parents[2]
SHANGHAI_PERIOD = re.compile(r"报告期间：(.+?)（Asia/Shanghai）")


@pytest.fixture
def schedule(connection_one):
    return make_schedule(connection_one, recipients=["client@example.org"])


def pdf_text(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    # pypdf reads the CJK font's two-byte codes one byte at a time and puts a NUL before each character.
    return " ".join(page.extract_text() for page in reader.pages).replace("\x00", "")


def test_pdf_period_matches_html_local_time(browser_for, connection_one):
    schedule = make_schedule(connection_one, timezone="Asia/Shanghai", language="zh-hans")
    browser = browser_for("viewer")

    html = visible_text(browser.get(reverse("reporting:preview_html", args=[schedule.pk])).content.decode())
    document = pdf_text(browser.get(reverse("reporting:preview_pdf", args=[schedule.pk])).content)

    start, end = SHANGHAI_PERIOD.search(html).group(1).split(" 至 ")
    compact = document.replace(" ", "")
    assert start.replace(" ", "") in compact
    assert end.replace(" ", "") in compact
    # The HTML prints local time: a period ending now ends at the current Shanghai hour.
    assert f"{timezone.now().astimezone(schedule.zone):%H}:" in end


def test_period_dates_end_before_send_day():
    zone = dt.timezone(dt.timedelta(hours=8))
    send_at = dt.datetime(2026, 12, 4, 23, 7, tzinfo=dt.UTC)  # 07:07 on 5 December in UTC+8
    period = weekly_period(send_at, zone)

    first, last = period_dates(period, zone, now=send_at)

    assert first == dt.date(2026, 11, 28)
    assert last == dt.date(2026, 12, 4)
    assert (last - first).days + 1 == 7


def test_period_dates_never_reach_today():
    now = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)
    period = Period(start=now - dt.timedelta(days=7), end=now + dt.timedelta(days=3), key="x")

    assert period_dates(period, dt.UTC, now=now)[1] == dt.date(2026, 12, 3)


def test_future_end_date_is_rejected(browser_for, connection_one):
    future = timezone.localdate() + dt.timedelta(days=37)
    response = browser_for("viewer").get(
        reverse("reporting:connection_report", args=[connection_one.pk, "bandwidth"]),
        {"date_from": timezone.localdate().isoformat(), "date_to": future.isoformat()})
    page = response.content.decode()

    assert response.status_code == 400
    assert f"The end date {future.isoformat()} is in the future" in page
    assert f'value="{future.isoformat()}"' in page
    assert 'id="report-table"' not in page


def test_overview_rejects_future_end_date(browser_for, connection_one):
    future = timezone.localdate() + dt.timedelta(days=80)
    response = browser_for("viewer").get(reverse("reporting:overview"),
                                         {"date_from": timezone.localdate().isoformat(), "date_to": future.isoformat()})

    assert response.status_code == 400
    assert f"The end date {future.isoformat()} is in the future" in response.content.decode()


def test_unsubscribed_recipient_is_marked(browser_for, schedule):
    Unsubscribe.objects.create(schedule=schedule, email="client@example.org")

    listing = visible_text(browser_for("member").get(reverse("reporting:list")).content.decode())
    edit = visible_text(browser_for("member").get(reverse("reporting:edit", args=[schedule.pk])).content.decode())

    assert "client@example.org unsubscribed on" in listing
    assert "client@example.org, unsubscribed on" in edit
    assert "Subscribe again" in edit


def test_resubscribe_removes_mark_and_audits(browser_for, schedule, users):
    Unsubscribe.objects.create(schedule=schedule, email="client@example.org")

    response = browser_for("member").post(reverse("reporting:resubscribe", args=[schedule.pk]),
                                          {"email": "client@example.org"})

    assert response.status_code == 302
    assert not Unsubscribe.objects.filter(schedule=schedule).exists()
    event = AuditEvent.objects.get(action="reports.resubscribe")
    assert event.target == "client@example.org"
    assert event.actor_email == "member@agency-a.example"


def test_resubscribe_needs_member_role(browser_for, schedule):
    Unsubscribe.objects.create(schedule=schedule, email="client@example.org")

    response = browser_for("viewer").post(reverse("reporting:resubscribe", args=[schedule.pk]),
                                          {"email": "client@example.org"})

    assert response.status_code == 403
    assert Unsubscribe.objects.filter(schedule=schedule).exists()


def test_unsubscribe_twice_says_already(client, schedule):
    url = reverse("reporting:unsubscribe", args=[unsubscribe.make_token(schedule.pk, "client@example.org")])

    client.post(url)
    page = client.get(url).content.decode()

    assert "is already unsubscribed" in page
    assert AuditEvent.objects.filter(action="reports.unsubscribe", target="client@example.org").count() == 1


def test_unsubscribe_page_uses_report_language(client, connection_one):
    schedule = make_schedule(connection_one, recipients=["client@example.org"], language="zh-hans")
    url = reverse("reporting:unsubscribe", args=[unsubscribe.make_token(schedule.pk, "client@example.org")])

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'lang="zh-hans"' in page


def test_schedule_changes_are_audited(browser_for, connection_one):
    browser = browser_for("member")
    data = {"connection": str(connection_one.pk), "recipients": "client@example.org", "weekday": "0", "hour": "8",
            "timezone": "Europe/Berlin", "language": "en", "enabled": "on", "frequency": "monthly",
            "day_of_month": "31"}

    browser.post(reverse("reporting:create"), data)
    schedule = connection_one.report_schedules.get()
    browser.post(reverse("reporting:edit", args=[schedule.pk]), {**data, "hour": "9"})
    browser.post(reverse("reporting:send_now", args=[schedule.pk]))
    delete_page = visible_text(browser.get(reverse("reporting:delete", args=[schedule.pk])).content.decode())
    browser.post(reverse("reporting:delete", args=[schedule.pk]))

    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["reports.create_schedule", "reports.update_schedule", "reports.send_now",
                       "reports.delete_schedule"]
    assert "The monthly report for Client One" in delete_page
    assert "weekly" not in delete_page


def test_connection_reports_are_linked(browser_for, connection_one):
    browser = browser_for("viewer")
    target = reverse("reporting:connection_reports", args=[connection_one.pk])

    connection_list = browser.get(reverse("accounts:connection_list")).content.decode()
    overview = browser.get(reverse("reporting:overview")).content.decode()

    assert f'href="{target}"' in connection_list
    assert f'href="{target}?date_from=' in overview


def test_logo_shown_only_when_stored(browser_for, schedule):
    browser = browser_for("member")

    new_form = browser.get(reverse("reporting:create")).content.decode()
    assert 'name="remove_logo"' not in new_form

    schedule.brand_logo_png = b"\x89PNG stored logo"
    schedule.save()
    edit_form = browser.get(reverse("reporting:edit", args=[schedule.pk])).content.decode()
    assert 'name="remove_logo"' in edit_form
    assert 'id="current-logo" src="data:image/png;base64,' in edit_form


def test_owner_badge_shows_role(browser_for, schedule, users):
    schedule.member_recipients.add(users["owner"])

    page = visible_text(browser_for("viewer").get(reverse("reporting:list")).content.decode())

    assert "owner@agency-a.example Owner" in page
    assert "owner@agency-a.example member" not in page


def audit_codes_in_source():
    """Return every literal audit code the apps pass as an action, plus the ones built at run time."""
    pattern = re.compile(r"""["']((?:[a-z_]+)\.(?:[a-z_]+))["']""")
    codes = set()
    for app in ("accounts", "sites", "billing", "reporting"):
        for path in (REPO / app).rglob("*.py"):
            text = path.read_text()
            if "action" not in text:
                continue
            for line in text.splitlines():
                if "action" in line or "SIGN_ON" in line or "TRANSFER_ACTIONS" in line:
                    codes.update(pattern.findall(line))
    for kind in ("plugins", "themes"):
        codes.update(f"{kind}.{verb}" for verb in ("install", "activate", "deactivate", "update", "delete"))
    codes.update(f"bulk.{action}" for action in BulkAction.values)
    return codes


def test_every_audit_code_has_label():
    missing = sorted(code for code in audit_codes_in_source()
                     if code not in ACTION_LABELS and code.split(".")[0] in {key.split(".")[0] for key in ACTION_LABELS})

    assert missing == []


def test_unknown_audit_code_falls_back():
    assert describe_action("future.thing") == "Other change (future.thing)"
    assert describe_action("billing.update_address") == "Billing address changed"


def test_site_limited_report_keeps_account_changes(schedule, users, connection_one):
    schedule.site_ids = [1001]
    schedule.save()
    now = timezone.now()
    record_action(team=schedule.team, user=users["owner"], action="billing.change_plan", result=AuditResult.SUCCEEDED,
                  connection=connection_one, target="Agency 25")
    record_action(team=schedule.team, user=users["owner"], action="plugins.update", result=AuditResult.SUCCEEDED,
                  connection=connection_one, site_id=1002, site_label="Other site", target="akismet")
    period = Period(start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=1), key="x")

    rows = changes_in_period(schedule, period, [1001])

    assert [row.description for row in rows] == ["Hosting plan changed"]
    assert rows[0].target == "Agency 25"


def test_internal_address_id_hidden(schedule, users, connection_one):
    now = timezone.now()
    record_action(team=schedule.team, user=users["owner"], action="billing.update_address",
                  result=AuditResult.SUCCEEDED, connection=connection_one, target="4201")
    period = Period(start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=1), key="x")

    row = changes_in_period(schedule, period, [])[0]

    assert row.target == ""
    assert row.description == "Billing address changed"


def tick_labels(table, axis="y"):
    figure = charts.draw_figure(table)
    FigureCanvasAgg(figure).draw()
    axes = figure.axes[0]
    labels = axes.get_yticklabels() if axis == "y" else axes.get_xticklabels()
    return [label.get_text() for label in labels], figure


def daily_bytes_table():
    rows = [{"date": f"2026-11-{day:02d}", "bytes": 5_000_000_000 + day * 37_000_000} for day in range(1, 29)]
    columns = [Column("date", "Date"), Column("bytes", "Bandwidth", unit="bytes")]
    return Table("Bandwidth", columns, rows, ChartSpec(LINE, x="date", y="bytes"))


def test_bytes_axis_has_round_ticks():
    labels, _figure = tick_labels(daily_bytes_table())

    assert labels[0] == "0 GB"
    for label in labels:
        value = float(label.split()[0])
        assert value == int(value), labels


def test_chinese_chart_dates(settings):
    from django.utils import translation

    with translation.override("zh-hans"):
        labels, _figure = tick_labels(daily_bytes_table(), axis="x")

    assert any("月" in label for label in labels), labels
    assert not any("Nov" in label for label in labels), labels


def test_firewall_legend_below_plot():
    rows = [{"time": f"2026-11-0{day}T00:00:00Z", "events": day * 10 + index, "action": action}
            for day in range(1, 8) for index, action in enumerate(("block", "challenge"))]
    table = Table("Firewall", [Column("time", "Time"), Column("events", "Events")], rows,
                  ChartSpec(LINE, x="time", y="events", series="action"))

    _labels, figure = tick_labels(table)
    axes = figure.axes[0]
    renderer = figure.canvas.get_renderer()

    assert axes.get_legend().get_window_extent(renderer).y1 < axes.get_window_extent(renderer).y0


def test_waf_sources_total_not_a_bar():
    class Report:
        zones = [{"topCountries": [{"dimensions": {"metric": "DE"}, "count": 30}],
                  "total": [{"count": 50}]}]

    table = _waf_sources(Report())

    assert [row["group"] for row in table.rows] == ["topCountries"]
    assert [total.value for total in table.totals] == [50]


def test_fonttools_logs_warnings_only():
    assert logging.getLogger("fontTools.subset").getEffectiveLevel() == logging.WARNING


def test_activity_setting_key_hidden(schedule, users, connection_one):
    now = timezone.now()
    record_action(team=schedule.team, user=users["owner"], action="activity.disable", result=AuditResult.SUCCEEDED,
                  connection=connection_one, site_id=1001, site_label="Bright Bakery", target="wp_activity_log")
    period = Period(start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=1), key="x")

    row = changes_in_period(schedule, period, [])[0]

    assert row.target == ""
    assert row.description == "Activity log turned off"
