"""The fleet page against the sandbox over real HTTP."""

import html as html_module
import re

from django.urls import reverse

from accounts.models import Connection
from tests.conftest import make_connection

FLEET = "/"


def site_labels(html):
    """Return the site labels of the fleet table in display order."""
    found = re.findall(r'<td><a href="/connections/\d+/sites/\d+/">([^<]+)</a></td>', html)
    return [html_module.unescape(label) for label in found]


def test_fleet_lists_sites_of_both_connections(browser_for, connection_one, connection_two, sandbox):
    response = browser_for("viewer").get(FLEET)

    html = response.content.decode()
    labels = site_labels(html)
    one_sites = [s.label for s in sandbox.state.sites_of(sandbox.state.account_by_email(connection_one.email))]
    two_sites = [s.label for s in sandbox.state.sites_of(sandbox.state.account_by_email(connection_two.email))]
    assert sorted(labels) == sorted(one_sites + two_sites)
    assert "Client One Ltd" in html
    assert "Client Two Ltd" in html
    assert "Data fetched at" in html
    assert "did not answer" not in html


def test_fleet_shows_failed_connection_and_keeps_others(browser_for, team, connection_one, closed_port_url, sandbox):
    make_connection(team, "Broken Client", closed_port_url)

    html = browser_for("viewer").get(FLEET).content.decode()

    assert "Connection Broken Client did not answer: the API could not be reached" in html
    one_sites = [s.label for s in sandbox.state.sites_of(sandbox.state.account_by_email(connection_one.email))]
    assert sorted(site_labels(html)) == sorted(one_sites)


def test_fleet_wrong_password_named_in_alert(browser_for, team, connection_one, sandbox):
    make_connection(team, "Stale Password", sandbox.url, password="not-the-password")

    html = browser_for("viewer").get(FLEET).content.decode()

    assert "Connection Stale Password did not answer: the login was rejected" in html
    assert len(site_labels(html)) > 0


def test_fleet_undecryptable_password_named(browser_for, team, connection_one, sandbox):
    broken = make_connection(team, "Old Key Client", sandbox.url)
    Connection.objects.filter(pk=broken.pk).update(password_encrypted="gAAAAAwritten-with-a-lost-key")

    html = browser_for("viewer").get(FLEET).content.decode()

    assert "Connection Old Key Client did not answer: the stored password cannot be decrypted" in html
    assert "Bright Bakery" in site_labels(html)


def test_fleet_search_filters_rows(browser_for, connection_one, connection_two):
    html = browser_for("viewer").get(FLEET, {"q": "bakery"}).content.decode()

    assert site_labels(html) == ["Bright Bakery"]


def test_fleet_search_matches_client_name(browser_for, connection_one, connection_two, sandbox):
    html = browser_for("viewer").get(FLEET, {"q": "client two"}).content.decode()

    two_sites = [s.label for s in sandbox.state.sites_of(sandbox.state.account_by_email(connection_two.email))]
    assert sorted(site_labels(html)) == sorted(two_sites)


def test_fleet_search_without_match_says_so(browser_for, connection_one):
    html = browser_for("viewer").get(FLEET, {"q": "zzz-no-such-site"}).content.decode()

    assert site_labels(html) == []
    assert "No site matches “zzz-no-such-site”." in html


def test_fleet_sorts_by_label_both_ways(browser_for, connection_one, connection_two):
    browser = browser_for("viewer")

    ascending = site_labels(browser.get(FLEET, {"sort": "label"}).content.decode())
    descending = site_labels(browser.get(FLEET, {"sort": "-label"}).content.decode())

    assert ascending == sorted(ascending, key=str.lower)
    assert descending == list(reversed(ascending))


def test_fleet_sorts_by_disk_usage(browser_for, connection_one, sandbox):
    html = browser_for("viewer").get(FLEET, {"sort": "-disk"}).content.decode()

    account = sandbox.state.account_by_email(connection_one.email)
    expected = [s.label for s in sorted(sandbox.state.sites_of(account), key=lambda s: s.disk_usage_kb, reverse=True)]
    assert site_labels(html) == expected


def test_fleet_unknown_sort_explained(browser_for, connection_one):
    html = browser_for("viewer").get(FLEET, {"sort": "password"}).content.decode()

    assert "Cannot sort by password: use one of label, domain, client, location, status, disk." in html
    labels = site_labels(html)
    assert labels == sorted(labels, key=str.lower)


def test_fleet_htmx_returns_table_fragment(browser_for, connection_one):
    response = browser_for("viewer").get(FLEET, {"q": "bakery"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="fleet-table">')
    assert "<html" not in html
    assert site_labels(html) == ["Bright Bakery"]
    assert "HX-Request" in response["Vary"]


def test_fleet_full_page_varies_on_htmx(browser_for, connection_one):
    response = browser_for("viewer").get(FLEET)

    assert "HX-Request" in response["Vary"]
    assert "<html" in response.content.decode()


def test_fleet_is_cached_until_refresh(browser_for, connection_one, sandbox):
    browser = browser_for("viewer")
    browser.get(FLEET)
    account = sandbox.state.account_by_email(connection_one.email)
    site = sandbox.state.sites_of(account)[0]
    old_label = site.label
    site.label = "Renamed Upstream"

    cached = browser.get(FLEET).content.decode()
    refreshed = browser.get(FLEET, {"refresh": "1"}).content.decode()

    assert old_label in site_labels(cached)
    assert "Renamed Upstream" not in site_labels(cached)
    assert "Renamed Upstream" in site_labels(refreshed)


def test_fleet_of_outsider_hides_other_team(browser_for, connection_one, connection_two):
    html = browser_for("outsider").get(FLEET).content.decode()

    assert "Client One" not in html
    assert site_labels(html) == []
    assert "Add a connection to see its sites here." in html


def test_fleet_requires_login(client, connection_one):
    response = client.get(FLEET)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next=/"
