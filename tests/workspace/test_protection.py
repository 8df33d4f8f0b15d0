"""The password protection tab against the sandbox over real HTTP."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult

SITE_ID = 1001  # Bright Bakery, brightbakery.com, on agency-one's account
SECRET = "correct-horse-battery"


def url(name, connection, **extra):
    return reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID, **extra})


def record(sandbox):
    return sandbox.state.sites[SITE_ID].extras.get("password_protection", {"enabled": False, "users": {}})


def add_user(browser, connection, username="preview", password=SECRET, **kwargs):
    return browser.post(url("ws_protection_user_add", connection), {"username": username, "password": password},
                        **kwargs)


def test_tab_shows_status_off(browser_for, connection_one, sandbox):
    html = browser_for("viewer").get(url("ws_protection", connection_one)).content.decode()

    assert "The site is public." in html
    assert "Turn password protection on" not in html
    assert 'aria-current="page">Password protection<' in html


def test_add_user_never_shows_password(browser_for, connection_one, sandbox):
    response = add_user(browser_for("member"), connection_one, follow=True)
    html = response.content.decode()

    users = list(record(sandbox)["users"].values())
    assert [user["username"] for user in users] == ["preview"]
    assert "Username preview can now log in." in html
    assert SECRET not in html
    event = AuditEvent.objects.get(action="protection.add_user")
    assert event.result == AuditResult.SUCCEEDED
    assert event.target == "preview"
    assert SECRET not in str(event.detail)


def test_add_user_api_error_keeps_password_out(browser_for, connection_one, sandbox):
    response = add_user(browser_for("member"), connection_one, password="short")
    html = response.content.decode()

    assert response.status_code == 400
    form_html = html[html.index('id="protection-user-add"'):]
    assert "password is required and must be a string of at least 6 characters" in form_html
    assert 'value="short"' not in html
    assert record(sandbox)["users"] == {}
    event = AuditEvent.objects.get(action="protection.add_user")
    assert event.result == AuditResult.FAILED
    assert "short" not in str(event.detail)


@pytest.mark.parametrize("username", ["two words", "with:colon"])
def test_add_user_rejects_bad_username(browser_for, connection_one, sandbox, username):
    response = add_user(browser_for("member"), connection_one, username=username)

    assert response.status_code == 400
    assert f"Username “{username}” contains a colon or a space" in response.content.decode()
    assert record(sandbox)["users"] == {}
    assert not AuditEvent.objects.exists()


def test_enable_without_users_shows_error(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_protection_enable", connection_one))
    html = response.content.decode()

    assert response.status_code == 400
    form_html = html[html.index('id="protection-toggle"'):]
    assert "Password protection needs at least one username. Add a username below, then turn it on." in form_html
    assert "Message from Rocket.net: site 1001 has no password protection users" in form_html
    assert "HTTP 400" not in form_html
    assert record(sandbox)["enabled"] is False
    assert AuditEvent.objects.get(action="protection.enable").result == AuditResult.FAILED


def test_enable_button_disabled_without_users(browser_for, connection_one, sandbox):
    browser = browser_for("member")

    before = browser.get(url("ws_protection", connection_one)).content.decode()
    add_user(browser, connection_one)
    after = browser.get(url("ws_protection", connection_one)).content.decode()

    assert 'class="btn btn-warning" disabled aria-describedby="protection-needs-user"' in before
    assert "Add a username first: without one, nobody could open the site." in before
    assert '<button type="submit" class="btn btn-warning">Turn password protection on</button>' in after
    assert "Add a username first" not in after


def test_enable_then_disable(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    add_user(browser, connection_one)

    html = browser.post(url("ws_protection_enable", connection_one), follow=True).content.decode()

    assert record(sandbox)["enabled"] is True
    assert "Password protection is on" in html
    assert "Turn password protection off" in html

    html = browser.post(url("ws_protection_disable", connection_one), follow=True).content.decode()

    assert record(sandbox)["enabled"] is False
    assert "Password protection is off: the site is public again." in html
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", "result"))
    assert actions == [("protection.add_user", "succeeded"), ("protection.enable", "succeeded"),
                       ("protection.disable", "succeeded")]


def test_remove_user_names_it(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    add_user(browser, connection_one)
    user_id = next(iter(record(sandbox)["users"]))

    html = browser.post(url("ws_protection_user_remove", connection_one, user_id=user_id),
                        follow=True).content.decode()

    assert record(sandbox)["users"] == {}
    assert "Username preview was removed." in html
    event = AuditEvent.objects.get(action="protection.remove_user")
    assert event.target == "preview"
    assert event.detail == {"user_id": user_id}


def test_remove_unknown_user_reports_error(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_protection_user_remove", connection_one, user_id="nope"))
    html = response.content.decode()

    assert response.status_code == 400
    assert "nope: password protection user &#x27;nope&#x27; not found" in html[html.index('id="row-error"'):]
    assert AuditEvent.objects.get(action="protection.remove_user").result == AuditResult.FAILED


@pytest.mark.parametrize(("name", "kwargs"), [
    ("ws_protection_enable", {}), ("ws_protection_disable", {}), ("ws_protection_user_add", {}),
    ("ws_protection_user_remove", {"user_id": "USER"}),
])
def test_viewer_cannot_change_protection(browser_for, connection_one, sandbox, name, kwargs):
    add_user(browser_for("member"), connection_one)
    user_id = next(iter(record(sandbox)["users"]))
    kwargs = {key: user_id for key in kwargs}
    AuditEvent.objects.all().delete()

    response = browser_for("viewer").post(url(name, connection_one, **kwargs),
                                          {"username": "intruder", "password": SECRET})

    assert response.status_code == 403
    assert list(record(sandbox)["users"]) == [user_id]
    assert record(sandbox)["enabled"] is False
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("name", "kwargs"), [
    ("ws_protection", {}), ("ws_protection_enable", {}), ("ws_protection_disable", {}),
    ("ws_protection_user_add", {}), ("ws_protection_user_remove", {"user_id": "USER"}),
])
def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, name, kwargs):
    add_user(browser_for("member"), connection_one)
    user_id = next(iter(record(sandbox)["users"]))
    kwargs = {key: user_id for key in kwargs}
    AuditEvent.objects.all().delete()
    method = "get" if name == "ws_protection" else "post"

    response = getattr(browser_for("outsider"), method)(url(name, connection_one, **kwargs),
                                                        {"username": "intruder", "password": SECRET})

    assert response.status_code == 404
    assert "preview" not in response.content.decode()
    assert list(record(sandbox)["users"]) == [user_id]
    assert not AuditEvent.objects.exists()
