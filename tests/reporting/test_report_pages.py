"""The per-site and per-connection report pages: tenant gate, figures against the sandbox, charts and CSV."""

import base64
import csv
import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from accounts.services import client_for
from reporting import report_views, site_reports
from rocketnet.services import account as account_api
from rocketnet.services import reporting as reporting_api

SITE_ID = 1001
SITE_SLUGS = [report.slug for report in site_reports.REPORTS]
CONNECTION_SLUGS = ["bandwidth", "visitors", "usage"]


def site_urls(connection):
    urls = [reverse("reporting:site_reports", args=[connection.pk, SITE_ID])]
    for slug in SITE_SLUGS:
        urls.append(reverse("reporting:site_report", args=[connection.pk, SITE_ID, slug]))
        urls.append(reverse("reporting:site_report_csv", args=[connection.pk, SITE_ID, slug]))
    return urls


def connection_urls(connection):
    urls = [reverse("reporting:connection_reports", args=[connection.pk])]
    for slug in CONNECTION_SLUGS:
        urls.append(reverse("reporting:connection_report", args=[connection.pk, slug]))
        urls.append(reverse("reporting:connection_report_csv", args=[connection.pk, slug]))
    return urls


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def chart_image(html):
    match = re.search(r'id="report-chart" src="data:image/png;base64,([^"]+)"', html)
    assert match, "the page has no inline chart"
    return Image.open(io.BytesIO(base64.b64decode(match.group(1))))


def test_outsider_gets_404_on_every_report_url(browser_for, connection_one, outsider_connection):
    browser = browser_for("outsider")

    for url in site_urls(connection_one) + connection_urls(connection_one):
        response = browser.get(url)
        assert response.status_code == 404, f"{url} gave {response.status_code}"
        assert connection_one.label not in response.content.decode()


def test_viewer_reads_every_report_but_cannot_post(browser_for, connection_one):
    browser = browser_for("viewer")

    for url in site_urls(connection_one) + connection_urls(connection_one):
        response = browser.get(url)
        assert response.status_code == 200, f"{url} gave {response.status_code}"
        if url.endswith(".csv"):
            assert response["Content-Type"].startswith("text/csv")
            assert len(read_csv(response)) > 1, f"{url} has no data rows"
        else:
            assert 'id="report-table"' in response.content.decode(), url

        assert browser.post(url).status_code == 405


def test_bandwidth_page_matches_api(browser_for, connection_one):
    with client_for(connection_one) as client:
        report = reporting_api.get_bandwidth_usage_report(client, SITE_ID, duration="24h")
    series = report.zones[0]["series"]
    expected_requests = sum(point["count"] for point in series)

    response = browser_for("viewer").get(
        reverse("reporting:site_report_csv", args=[connection_one.pk, SITE_ID, "bandwidth"]), {"duration": "24h"})
    rows = read_csv(response)

    assert rows[0] == ["Time (UTC)", "Requests", "Bandwidth"]
    assert len(rows) - 1 == len(series)
    assert sum(int(row[1]) for row in rows[1:]) == expected_requests
    assert rows[1][0] == series[0]["dimensions"]["ts"]
    assert int(rows[1][2]) == series[0]["sum"]["edgeResponseBytes"]


def test_site_page_shows_chart_table_and_totals(browser_for, connection_one):
    with client_for(connection_one) as client:
        totals = reporting_api.get_total_requests_report(client, SITE_ID, duration="7d")["totals"]

    response = browser_for("viewer").get(
        reverse("reporting:site_report", args=[connection_one.pk, SITE_ID, "requests"]), {"duration": "7d"})
    html = response.content.decode()

    assert f">{totals['totalRequests']['count']:,}<" in html
    assert f">{totals['wafEvents']['count']:,}<" in html
    assert chart_image(html).size == (800, 300)
    assert "duration=7d" in html
    assert '<option value="7d" selected>' in html


def test_site_page_has_reports_tab(browser_for, connection_one):
    html = browser_for("viewer").get(reverse("sites:site_detail", args=[connection_one.pk, SITE_ID])).content.decode()

    assert reverse("reporting:site_reports", args=[connection_one.pk, SITE_ID]) in html


def test_invalid_duration_is_rejected(browser_for, connection_one):
    browser = browser_for("viewer")

    page = browser.get(reverse("reporting:site_report", args=[connection_one.pk, SITE_ID, "bandwidth"]),
                       {"duration": "2d"})
    export = browser.get(reverse("reporting:site_report_csv", args=[connection_one.pk, SITE_ID, "bandwidth"]),
                         {"duration": "2d"})

    assert page.status_code == 400
    assert "2d is not a valid time range" in page.content.decode()
    assert export.status_code == 400
    assert "2d is not a valid time range" in export.content.decode()


def test_unknown_report_and_site_are_404(browser_for, connection_one):
    browser = browser_for("viewer")

    assert browser.get(reverse("reporting:site_report", args=[connection_one.pk, SITE_ID, "nope"])).status_code == 404
    assert browser.get(reverse("reporting:site_report_csv", args=[connection_one.pk, 999999, "bandwidth"])).status_code == 404


def test_usage_csv_matches_api_in_bytes(browser_for, connection_one):
    with client_for(connection_one) as client:
        usage = account_api.get_account_usage(client, date_from="2026-11-01", date_to="2026-11-30")

    response = browser_for("viewer").get(
        reverse("reporting:connection_report_csv", args=[connection_one.pk, "usage"]),
        {"date_from": "2026-11-01", "date_to": "2026-11-30"})
    rows = read_csv(response)

    assert [row[0] for row in rows[1:]] == [str(item["site_id"]) for item in usage["usage"]]
    assert int(rows[1][2]) == usage["usage"][0]["bandwidth"] * 1024
    assert sum(int(row[1]) for row in rows[1:]) == usage["totals"]["visitors"]


def test_reversed_date_range_is_rejected(browser_for, connection_one):
    response = browser_for("viewer").get(
        reverse("reporting:connection_report", args=[connection_one.pk, "visitors"]),
        {"date_from": "2026-11-30", "date_to": "2026-11-01"})

    assert response.status_code == 400
    assert "The end date 2026-11-01 is before the start date 2026-11-30." in response.content.decode()


def test_unreachable_connection_page_says_so(browser_for, down_connection):
    response = browser_for("viewer").get(reverse("reporting:connection_report", args=[down_connection.pk, "bandwidth"]))

    assert response.status_code == 502
    assert "The report could not be read" in response.content.decode()
    assert 'id="report-table"' not in response.content.decode()


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1", "'+1"),
    ("@cmd", "'@cmd"),
    ("/wp-admin/", "/wp-admin/"),
    (-5, -5),
])
def test_csv_cell_neutralises_formulas(value, expected):
    assert report_views._csv_cell(value) == expected
