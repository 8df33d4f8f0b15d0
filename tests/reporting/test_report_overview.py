"""The team overview: totals across connections, top sites, pending updates and failed jobs."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.services import client_for
from rocketnet.services import account as account_api
from rocketnet.services import plugins as plugins_api
from rocketnet.services import sites as sites_api
from sites.models import Job, JobKind, JobStatus

DATE_FROM, DATE_TO = "2026-11-01", "2026-11-30"
RANGE = {"date_from": DATE_FROM, "date_to": DATE_TO}


def make_failed_job(connection, finished_at, error):
    return Job.objects.create(team=connection.team, connection=connection, site_id=1001, site_label="Bakery",
                              kind=JobKind.CLONE, status=JobStatus.FAILED, error=error, finished_at=finished_at)


def usage_of(connection):
    with client_for(connection) as client:
        return account_api.get_account_usage(client, date_from=DATE_FROM, date_to=DATE_TO)


def test_totals_add_up_every_connection(browser_for, connection_one, connection_two):
    expected_visitors = usage_of(connection_one)["totals"]["visitors"] + usage_of(connection_two)["totals"]["visitors"]

    html = browser_for("viewer").get(reverse("reporting:overview"), RANGE).content.decode()

    assert f'id="total-visitors">{expected_visitors:,}<' in html


def test_top_site_by_bandwidth_comes_first(browser_for, connection_one):
    usage = usage_of(connection_one)["usage"]
    top = max(usage, key=lambda item: item["bandwidth"])
    with client_for(connection_one) as client:
        site = sites_api.get_site(client, top["site_id"])

    html = browser_for("viewer").get(reverse("reporting:overview"), RANGE).content.decode()
    table = html.split('id="top-bandwidth"')[1].split("</table>")[0]
    first_row = table.split("<tbody>")[1].split("</tr>")[0]

    assert site.label in first_row
    assert reverse("reporting:site_reports", args=[connection_one.pk, top["site_id"]]) in first_row


def test_pending_plugin_updates_are_listed(browser_for, connection_one):
    with client_for(connection_one) as client:
        pending = [(site.id, plugin.name) for site in sites_api.list_sites(client)
                   for plugin in plugins_api.list_plugins(client, site.id) if plugin.update_available]
    assert pending, "the sandbox seed has no plugin with an update, so this test checks nothing"

    html = browser_for("viewer").get(reverse("reporting:overview"), RANGE).content.decode()
    updates = html.split('id="pending-updates"')[1].split("</table>")[0]

    for site_id, name in pending:
        assert reverse("sites:site_detail", args=[connection_one.pk, site_id]) in updates
        assert name in updates


def test_only_jobs_failed_in_period_are_listed(browser_for, connection_one):
    zone = timezone.get_current_timezone()
    make_failed_job(connection_one, dt.datetime(2026, 11, 15, 12, tzinfo=zone), "Clone failed: disk full")
    make_failed_job(connection_one, dt.datetime(2026, 12, 2, 12, tzinfo=zone), "Clone failed: later error")

    html = browser_for("viewer").get(reverse("reporting:overview"), RANGE).content.decode()

    assert "Clone failed: disk full" in html
    assert "Clone failed: later error" not in html


def test_outsider_sees_only_own_team(browser_for, connection_one, outsider_connection):
    make_failed_job(connection_one, dt.datetime(2026, 11, 15, 12, tzinfo=dt.UTC), "Secret failure of team A")

    html = browser_for("outsider").get(reverse("reporting:overview"), RANGE).content.decode()

    assert "Secret failure of team A" not in html
    assert connection_one.label not in html
    assert outsider_connection.label in html


def test_down_connection_is_named_and_others_still_shown(browser_for, connection_one, down_connection):
    html = browser_for("viewer").get(reverse("reporting:overview"), RANGE).content.decode()

    assert f"{down_connection.label} could not be read" in html
    assert re.search(r'id="top-visitors".*?' + re.escape(connection_one.label), html, re.S)


def test_reversed_range_is_rejected(browser_for, connection_one):
    response = browser_for("viewer").get(reverse("reporting:overview"), {"date_from": DATE_TO, "date_to": DATE_FROM})

    assert response.status_code == 400
    assert "is before the start date" in response.content.decode()
