"""The ShopShield tab against the sandbox over real HTTP."""

import pytest
import requests
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult

SITE_ID = 1001  # Bright Bakery, brightbakery.com, on agency-one's account
OWNER_EMAIL = "agency-one@example.com"


def url(name, connection, **extra):
    return reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID, **extra})


def shielded(sandbox):
    return {item["uri"]: item for item in sandbox.state.sites[SITE_ID].extras.get("shop_shield", {}).values()}


def notices(sandbox):
    response = requests.get(f"{sandbox.url}/_sandbox/mailbox", params={"to": OWNER_EMAIL},
                            headers={"User-Agent": "rocketdash-tests"}, timeout=5)
    return [message for message in response.json()["result"] if message["kind"] == "shop_shield_enabled"]


def enable(browser, connection, uri="/checkout/", **kwargs):
    return browser.post(url("ws_shopshield_enable", connection), {"uri": uri, **kwargs.pop("data", {})}, **kwargs)


def test_enable_lists_uri_and_audits(browser_for, connection_one, sandbox):
    response = enable(browser_for("member"), connection_one, uri=" /checkout/ ", follow=True)
    html = response.content.decode()

    assert list(shielded(sandbox)) == ["/checkout/"]
    assert "ShopShield now protects /checkout/." in html
    assert notices(sandbox) == []
    event = AuditEvent.objects.get(action="shopshield.enable")
    assert event.result == AuditResult.SUCCEEDED
    assert event.target == "/checkout/"
    assert event.detail == {"notify_site_owner": False}


def test_enable_can_notify_owner(browser_for, connection_one, sandbox):
    enable(browser_for("member"), connection_one, data={"notify_site_owner": "on"})

    assert [notice["subject"] for notice in notices(sandbox)] == ["ShopShield now protects /checkout/ on brightbakery.com"]


@pytest.mark.parametrize(("uri", "expected"), [
    ("checkout", "“checkout” is not a path: start it with a single /"),
    ("https://brightbakery.com/cart/", "“https://brightbakery.com/cart/” is a full URL; enter only its path, for example /cart/."),
    ("//evil.example/x", "is a full URL"),
    ("/my account/", "“/my account/” contains a space or a #"),
    ("", "This field is required."),
])
def test_enable_rejects_bad_path(browser_for, connection_one, sandbox, uri, expected):
    response = enable(browser_for("member"), connection_one, uri=uri)

    assert response.status_code == 400
    assert expected in response.content.decode()
    assert shielded(sandbox) == {}
    assert not AuditEvent.objects.exists()


def test_enable_twice_shows_api_error_next_to_form(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    enable(browser, connection_one)

    response = enable(browser, connection_one)
    html = response.content.decode()

    assert response.status_code == 400
    assert f"ShopShield is already enabled for /checkout/ on site {SITE_ID}" in html[html.index('id="shopshield-enable"'):]
    assert AuditEvent.objects.filter(action="shopshield.enable", result=AuditResult.FAILED).count() == 1


def test_detail_shows_uri(browser_for, connection_one, sandbox):
    enable(browser_for("member"), connection_one)
    item = shielded(sandbox)["/checkout/"]

    html = browser_for("viewer").get(url("ws_shopshield_detail", connection_one, uri_id=item["id"])).content.decode()

    assert "/checkout/" in html
    assert item["id"] in html
    assert item["created_at"] in html
    assert "Stop protecting this path" not in html


def test_detail_of_unknown_uri_is_404(browser_for, connection_one, sandbox):
    response = browser_for("viewer").get(url("ws_shopshield_detail", connection_one,
                                             uri_id="0b6f3c1e-0000-4000-8000-000000000000"))

    assert response.status_code == 404


def test_disable_removes_uri(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    enable(browser, connection_one)
    item = shielded(sandbox)["/checkout/"]

    html = browser.post(url("ws_shopshield_disable", connection_one, uri_id=item["id"]), follow=True).content.decode()

    assert shielded(sandbox) == {}
    assert "ShopShield no longer protects /checkout/." in html
    event = AuditEvent.objects.get(action="shopshield.disable")
    assert event.target == "/checkout/"
    assert event.result == AuditResult.SUCCEEDED


def test_disable_on_locked_site_reports_error(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    enable(browser, connection_one)
    item = shielded(sandbox)["/checkout/"]
    sandbox.state.sites[SITE_ID].lock_holders.add("test")

    response = browser.post(url("ws_shopshield_disable", connection_one, uri_id=item["id"]))
    html = response.content.decode()

    assert response.status_code == 400
    assert "/checkout/: " in html[html.index('id="row-error"'):]
    assert "locked" in html[html.index('id="row-error"'):]
    assert list(shielded(sandbox)) == ["/checkout/"]
    assert AuditEvent.objects.get(action="shopshield.disable").result == AuditResult.FAILED


@pytest.mark.parametrize(("name", "with_id"), [("ws_shopshield_enable", False), ("ws_shopshield_disable", True)])
def test_viewer_cannot_change_shopshield(browser_for, connection_one, sandbox, name, with_id):
    enable(browser_for("member"), connection_one)
    item = shielded(sandbox)["/checkout/"]
    AuditEvent.objects.all().delete()
    kwargs = {"uri_id": item["id"]} if with_id else {}

    response = browser_for("viewer").post(url(name, connection_one, **kwargs), {"uri": "/cart/"})

    assert response.status_code == 403
    assert list(shielded(sandbox)) == ["/checkout/"]
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("name", "method", "with_id"), [
    ("ws_shopshield", "get", False), ("ws_shopshield_enable", "post", False),
    ("ws_shopshield_detail", "get", True), ("ws_shopshield_disable", "post", True),
])
def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, name, method, with_id):
    enable(browser_for("member"), connection_one)
    item = shielded(sandbox)["/checkout/"]
    AuditEvent.objects.all().delete()
    kwargs = {"uri_id": item["id"]} if with_id else {}

    response = getattr(browser_for("outsider"), method)(url(name, connection_one, **kwargs), {"uri": "/cart/"})

    assert response.status_code == 404
    assert "/checkout/" not in response.content.decode()
    assert list(shielded(sandbox)) == ["/checkout/"]
    assert not AuditEvent.objects.exists()
