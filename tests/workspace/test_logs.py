"""The Access logs tab against the sandbox over real HTTP."""

import re

import pytest
from django.urls import reverse

from sandbox.faults import Fault

SITE_ID = 1001  # Bright Bakery, brightbakery.com, on agency-one's account


def url(connection, query=""):
    address = reverse("sites:ws_logs", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID})
    return f"{address}?{query}" if query else address


def rows(html):
    """Return the table rows of the log as lists of cell texts."""
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def guard_logs(sandbox):
    fault = Fault(kind="client_error", path="/v1/sites/*/access_logs", count=1, status=400)
    sandbox.state.faults.add(fault)
    return fault


def test_first_visit_shows_last_24_hours(browser_for, connection_one, sandbox):
    html = browser_for("viewer").get(url(connection_one)).content.decode()

    assert '<option value="24h" selected>Last 24 hours</option>' in html
    assert '<option value="50" selected>50</option>' in html
    assert 'aria-current="page">Access logs<' in html
    lines = rows(html)
    assert len(lines) == 50
    assert all("brightbakery.com" in line[1] or "onrocket.site" in line[1] for line in lines)


def test_filters_reach_api(browser_for, connection_one, sandbox):
    html = browser_for("viewer").get(url(connection_one, "duration=7d&device_type=mobile&cache_status=hit&per_page=100")).content.decode()

    lines = rows(html)
    assert lines
    assert {line[5] for line in lines} == {"mobile"}
    assert {line[3] for line in lines} == {"hit"}


def test_status_code_and_ip_filters(browser_for, connection_one, sandbox):
    browser = browser_for("viewer")
    first = rows(browser.get(url(connection_one, "duration=7d")).content.decode())[0]

    lines = rows(browser.get(url(connection_one, f"duration=7d&status_code={first[2]}&ip={first[4]}")).content.decode())

    assert lines
    assert {line[2] for line in lines} == {first[2]}
    assert {line[4] for line in lines} == {first[4]}


def test_pages_differ(browser_for, connection_one, sandbox):
    browser = browser_for("viewer")

    first = browser.get(url(connection_one, "duration=7d&per_page=25")).content.decode()
    second = browser.get(url(connection_one, "duration=7d&per_page=25&page=2")).content.decode()

    assert len(rows(first)) == 25
    assert rows(first) != rows(second)
    assert "Next" in first
    assert "Previous" in second
    assert "page=2" in first


def test_htmx_returns_results_fragment(browser_for, connection_one, sandbox):
    response = browser_for("viewer").get(url(connection_one, "duration=1h"), HTTP_HX_REQUEST="true")

    assert response.content.decode().lstrip().startswith('<div id="log-results">')


@pytest.mark.parametrize(("query", "field", "message"), [
    ("duration=", "duration", "Choose a time range"),
    ("duration=2h", "duration", "2h is not one of the offered values."),
    ("duration=1h&status_code=abc", "status_code", "Enter a whole number."),
    ("duration=1h&status_code=42", "status_code", "Ensure this value is greater than or equal to 100."),
    ("duration=1h&ip=999.1.1.1", "ip", "Enter a valid IPv4 or IPv6 address"),
    ("duration=1h&domain=https://x.com/a", "domain", "“https://x.com/a” is not a domain name"),
    ("duration=1h&device_type=watch", "device_type", "watch is not one of the offered values."),
    ("duration=1h&cache_status=warm", "cache_status", "warm is not one of the offered values."),
])
def test_bad_filter_named_without_request(browser_for, connection_one, sandbox, query, field, message):
    fault = guard_logs(sandbox)

    response = browser_for("viewer").get(url(connection_one, query))

    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="logs_{field}_error">{message}' in html
    assert fault in sandbox.state.faults.faults


def test_unknown_domain_api_error_by_form(browser_for, connection_one, sandbox):
    response = browser_for("viewer").get(url(connection_one, "duration=1h&domain=other.example.com"))

    html = response.content.decode()
    assert response.status_code == 400
    assert "The access log could not be read" in html
    assert "does not belong to site 1001" in html
    assert html.index("does not belong") < html.index('name="duration"')


def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox):
    fault = guard_logs(sandbox)

    response = browser_for("outsider").get(url(connection_one, "duration=1h"))

    assert response.status_code == 404
    assert "brightbakery.com" not in response.content.decode()
    assert fault in sandbox.state.faults.faults
