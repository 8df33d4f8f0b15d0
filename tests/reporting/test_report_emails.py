"""Rendering the report triplet in the schedule's language and time zone, without a database."""

import datetime as dt
import re

from reporting.content import BackupRow, ReportContent, SiteRow
from reporting.emails import build_message, render_report
from reporting.models import ReportSchedule

START = dt.datetime(2026, 3, 23, 7, tzinfo=dt.UTC)
END = dt.datetime(2026, 3, 30, 6, tzinfo=dt.UTC)


def make_content(**changes):
    fields = {
        "connection_label": "Bright <Agency>",
        "client_name": "Bakery & Co",
        "period_start": START,
        "period_end": END,
        "generated_at": END,
        "sites": [
            SiteRow(
                site_id=1,
                name="Bright Bakery",
                domain="brightbakery.com",
                disk_usage_kb=1_572_864,  # 1.5 GiB
                backups=[
                    BackupRow(label="Before plugin updates", status="DONE", created=dt.datetime(2026, 3, 24, 9, tzinfo=dt.UTC)),
                    BackupRow(label="Weekly manual backup", status="DONE", created=dt.datetime(2026, 3, 27, 9, tzinfo=dt.UTC)),
                ],
            ),
            SiteRow(site_id=2, name="Harbor Dental", domain="harbordental.co", disk_usage_kb=524_288),
        ],
    }
    fields.update(changes)
    return ReportContent(**fields)


def make_schedule(language="en", zone="Europe/Berlin"):
    return ReportSchedule(language=language, timezone=zone, weekday=0, hour=8, recipients=["a@example.com"])


def visible_text(html):
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def test_render_english_figures_in_both_parts():
    rendered = render_report(make_schedule(), make_content())
    html_text = visible_text(rendered.html)

    for fact in ["Sites: 2", "Total disk usage: 2.0\xa0GB", "Backups made in the period: 2"]:
        assert fact in rendered.text
        assert fact in html_text


def test_render_subject_single_line():
    rendered = render_report(make_schedule(), make_content())

    assert "\n" not in rendered.subject
    assert rendered.subject.startswith("Weekly report for Bright <Agency>:")


def test_render_uses_schedule_timezone():
    # The period ends at 06:00 UTC, which is 08:00 in Berlin (CEST) and 14:00 in Shanghai.
    berlin = render_report(make_schedule(zone="Europe/Berlin"), make_content())
    shanghai = render_report(make_schedule(zone="Asia/Shanghai"), make_content())

    assert "8 a.m." in berlin.text
    assert "2 p.m." in shanghai.text
    assert "(Asia/Shanghai)" in shanghai.text


def test_render_escapes_html_only_in_html():
    rendered = render_report(make_schedule(), make_content())

    assert "Bright &lt;Agency&gt;" in rendered.html
    assert "Bright <Agency>" not in rendered.html
    assert "Bright <Agency>" in rendered.text
    assert "Bakery & Co" in rendered.text


def test_render_chinese():
    rendered = render_report(make_schedule(language="zh-hans"), make_content())

    assert '<html lang="zh-hans">' in rendered.html
    assert "周报" in rendered.subject
    assert "站点数：2" in rendered.text
    assert "站点数：2" in visible_text(rendered.html)
    assert "2026年3月30日" in rendered.text


def test_render_api_error_notice():
    content = make_content(sites=[], api_error="could not connect to http://127.0.0.1:9/v1/sites")
    rendered = render_report(make_schedule(), content)

    for part in (rendered.text, visible_text(rendered.html)):
        assert "could not be read for this report" in part
        assert "could not connect to http://127.0.0.1:9/v1/sites" in part
        assert "Sites:" not in part
        assert "This account has no sites." not in part


def test_build_message_has_html_alternative():
    rendered = render_report(make_schedule(), make_content())

    message = build_message(rendered, ["a@example.com", "b@example.com"])

    assert message.to == ["a@example.com", "b@example.com"]
    assert message.body == rendered.text
    assert message.alternatives[0][0] == rendered.html
    assert message.alternatives[0][1] == "text/html"
