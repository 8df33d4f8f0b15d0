"""Report content built from rocketnet results: period filtering and totals."""

import datetime as dt

from reporting.content import ReportContent, backups_in_period, parse_api_time, site_row
from rocketnet.models import Backup, Site

START = dt.datetime(2026, 3, 23, 7, tzinfo=dt.UTC)
END = dt.datetime(2026, 3, 30, 6, tzinfo=dt.UTC)


def backup(backup_id, created, label="Weekly"):
    return Backup.from_api({"id": backup_id, "label": label, "status": "DONE", "created": created, "site_id": 7})


def test_parse_api_time_formats():
    assert parse_api_time("2024-01-01T12:01:05.986Z") == dt.datetime(2024, 1, 1, 12, 1, 5, 986000, tzinfo=dt.UTC)
    assert parse_api_time("2024-01-01T02:00:00Z") == dt.datetime(2024, 1, 1, 2, tzinfo=dt.UTC)
    assert parse_api_time("2024-01-01 02:00:00") == dt.datetime(2024, 1, 1, 2, tzinfo=dt.UTC)
    assert parse_api_time("2024-01-01T04:00:00+02:00") == dt.datetime(2024, 1, 1, 2, tzinfo=dt.UTC)
    assert parse_api_time("yesterday") is None
    assert parse_api_time("") is None
    assert parse_api_time(None) is None


def test_backups_in_period_half_open():
    backups = [
        backup(1, "2026-03-23T06:59:59Z"),  # one second before the start
        backup(2, "2026-03-23T07:00:00Z"),  # exactly the start: included
        backup(3, "2026-03-29T12:00:00Z"),
        backup(4, "2026-03-30T06:00:00Z"),  # exactly the end: excluded
        backup(5, "not a time"),
    ]

    rows = backups_in_period(backups, START, END, site_id=7)

    assert [row.created for row in rows] == [
        dt.datetime(2026, 3, 23, 7, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 29, 12, tzinfo=dt.UTC),
    ]


def test_backups_in_period_sorted_oldest_first():
    backups = [backup(1, "2026-03-28T00:00:00Z", "later"), backup(2, "2026-03-24T00:00:00Z", "earlier")]

    rows = backups_in_period(backups, START, END, site_id=7)

    assert [row.label for row in rows] == ["earlier", "later"]


def test_report_totals():
    first = Site.from_api({"id": 1, "label": "Shop", "domain": "shop.example", "disk_usage": 2048})
    second = Site.from_api({"id": 2, "domain": "blog.example", "disk_usage": None})
    content = ReportContent(
        connection_label="Client A",
        client_name="",
        period_start=START,
        period_end=END,
        generated_at=END,
        sites=[
            site_row(first, backups_in_period([backup(1, "2026-03-24T00:00:00Z")], START, END, site_id=1)),
            site_row(second, [], backups_error="HTTP 500"),
        ],
    )

    assert content.site_count == 2
    assert content.total_disk_usage_bytes == 2048 * 1024
    assert content.backup_count == 1
    assert content.sites_without_backup_list == 1
    assert content.sites[1].name == "blog.example"
    assert content.sites[1].disk_usage_bytes is None
