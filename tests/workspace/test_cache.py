"""The CDN cache tab against the sandbox over real HTTP."""

import pytest
import requests
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult
from accounts.services import client_for
from rocketnet.services import domains

SITE_ID = 1001  # Bright Bakery, brightbakery.com, on agency-one's account


def url(name, connection):
    return reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID})


def purges(sandbox):
    return sandbox.state.sites[SITE_ID].extras.get("cache_purges", [])


def test_cache_tab_lists_site_domains(browser_for, connection_one):
    html = browser_for("viewer").get(url("ws_cache", connection_one)).content.decode()

    assert "brightbakery.com" in html
    assert "18470054p.onrocket.site" in html
    assert 'aria-current="page">CDN cache<' in html
    assert "Purge these URLs" not in html


def test_purge_urls_sends_each_line(browser_for, connection_one, sandbox):
    lines = "https://brightbakery.com/\n\n  https://18470054p.onrocket.site/style.css  \n"

    response = browser_for("member").post(url("ws_cache_purge", connection_one), {"urls": lines}, follow=True)

    assert purges(sandbox)[-1]["files"] == ["https://brightbakery.com/", "https://18470054p.onrocket.site/style.css"]
    assert "2 URL(s) purged from the CDN cache." in response.content.decode()
    event = AuditEvent.objects.get(action="cache.purge")
    assert event.result == AuditResult.SUCCEEDED
    assert event.site_id == SITE_ID
    assert event.detail["urls"] == ["https://brightbakery.com/", "https://18470054p.onrocket.site/style.css"]


def test_purge_accepts_alias_domain(browser_for, connection_one, sandbox):
    with client_for(connection_one) as client:
        domains.create_domain_alias(client, SITE_ID, domain="bakery-alias.com")

    browser_for("member").post(url("ws_cache_purge", connection_one), {"urls": "https://bakery-alias.com/menu"})

    assert purges(sandbox)[-1]["files"] == ["https://bakery-alias.com/menu"]


@pytest.mark.parametrize(("lines", "expected"), [
    ("https://brightbakery.com/\nbrightbakery.com/cake", "Line 2, “brightbakery.com/cake”, is not a full URL"),
    ("ftp://brightbakery.com/x", "Line 1, “ftp://brightbakery.com/x”, is not a full URL"),
    ("https://example.org/page", "Line 1, “https://example.org/page”, is on example.org, which is not a domain"),
    ("   \n  ", "Enter at least one URL."),
])
def test_purge_names_bad_line(browser_for, connection_one, sandbox, lines, expected):
    response = browser_for("member").post(url("ws_cache_purge", connection_one), {"urls": lines})

    assert response.status_code == 400
    assert expected in response.content.decode()
    assert purges(sandbox) == []
    assert not AuditEvent.objects.exists()


def test_purge_too_many_urls_rejected(browser_for, connection_one, sandbox):
    lines = "\n".join(f"https://brightbakery.com/p{number}" for number in range(501))

    response = browser_for("member").post(url("ws_cache_purge", connection_one), {"urls": lines})

    assert "501 URLs entered; purge at most 500 at a time" in response.content.decode()
    assert purges(sandbox) == []


def add_fault(sandbox, **fault):
    response = requests.post(f"{sandbox.url}/_sandbox/faults", json=fault, timeout=5)
    assert response.status_code == 200, response.text


def test_purge_api_error_shown_next_to_form(browser_for, connection_one, sandbox):
    add_fault(sandbox, kind="client_error", status=400, method="POST", path="/v1/sites/*/cache/purge_everything")

    response = browser_for("member").post(url("ws_cache_purge_everything", connection_one), {"confirm": "on"})

    html = response.content.decode()
    assert response.status_code == 400
    form_start = html.index('id="cache-purge-everything"')
    assert "sandbox fault: request rejected with 400" in html[form_start:]
    event = AuditEvent.objects.get(action="cache.purge_everything")
    assert event.result == AuditResult.FAILED
    assert "request rejected with 400" in event.detail["error"]


def test_purge_everything_needs_confirmation(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_cache_purge_everything", connection_one), {})

    assert response.status_code == 400
    assert "Tick the box to confirm that you want to purge the whole cache." in response.content.decode()
    assert purges(sandbox) == []


def test_purge_everything_purges_and_audits(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_cache_purge_everything", connection_one), {"confirm": "on"},
                                          follow=True)

    assert purges(sandbox)[-1]["files"] is None
    assert purges(sandbox)[-1]["domain"] == "brightbakery.com"
    assert purges(sandbox)[-1]["include_additional_domains"] is False
    assert "The whole CDN cache of brightbakery.com was purged." in response.content.decode()
    assert AuditEvent.objects.get(action="cache.purge_everything").result == AuditResult.SUCCEEDED


@pytest.mark.parametrize("name", ["ws_cache_purge", "ws_cache_purge_everything"])
def test_viewer_cannot_purge(browser_for, connection_one, sandbox, name):
    response = browser_for("viewer").post(url(name, connection_one), {"urls": "https://brightbakery.com/", "confirm": "on"})

    assert response.status_code == 403
    assert purges(sandbox) == []
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("name", "method"), [
    ("ws_cache", "get"), ("ws_cache_purge", "post"), ("ws_cache_purge_everything", "post"),
])
def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, name, method):
    response = getattr(browser_for("outsider"), method)(url(name, connection_one),
                                                        {"urls": "https://brightbakery.com/", "confirm": "on"})

    assert response.status_code == 404
    assert "Bright Bakery" not in response.content.decode()
    assert purges(sandbox) == []


def test_purge_everything_with_aliases(browser_for, connection_one, sandbox):
    browser_for("member").post(url("ws_cache_purge_everything", connection_one),
                               {"confirm": "on", "include_aliases": "on"})

    assert purges(sandbox)[-1]["include_additional_domains"] is True
    assert AuditEvent.objects.get(action="cache.purge_everything").detail == {"include_aliases": True}


def test_cache_tab_in_chinese(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    browser.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})

    response = browser.post(url("ws_cache_purge", connection_one), {"urls": "https://example.org/page"})

    html = response.content.decode()
    assert "清除全部缓存" in html
    assert "第 1 行“https://example.org/page”位于 example.org，它不是本站点的域名。" in html
