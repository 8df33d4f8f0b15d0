"""The site users tab against the sandbox over real HTTP."""

import pytest
import requests
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult

SITE_ID = 1001  # Bright Bakery, brightbakery.com, on agency-one's account


def url(name, connection, **extra):
    return reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID, **extra})


def mailbox(sandbox, to):
    response = requests.get(f"{sandbox.url}/_sandbox/mailbox", params={"to": to},
                            headers={"User-Agent": "rocketdash-tests"}, timeout=5)
    return response.json()["result"]


def grants(sandbox):
    return sandbox.state.sites[SITE_ID].extras.get("site_user_grants", {})


def invite(browser, connection, email="helper@example.com", name="Helen Helper", **kwargs):
    return browser.post(url("ws_users_invite", connection), {"name": name, "email": email}, **kwargs)


def test_invite_sends_email_and_lists_user(browser_for, connection_one, sandbox):
    response = invite(browser_for("member"), connection_one, email=" Helper@Example.com ", follow=True)
    html = response.content.decode()

    assert "Invitation sent to helper@example.com." in html
    assert "Helen Helper" in html
    assert "Invited" in html
    invitations = [message for message in mailbox(sandbox, "helper@example.com") if message["kind"] == "site_user_invite"]
    assert len(invitations) == 1
    # The invitation token is a secret of the invitee: the page must not show it.
    assert invitations[0]["token"] not in html
    event = AuditEvent.objects.get(action="site_users.invite")
    assert event.result == AuditResult.SUCCEEDED
    assert event.target == "helper@example.com"
    assert event.site_id == SITE_ID


def test_invite_rejects_bad_email(browser_for, connection_one, sandbox):
    response = invite(browser_for("member"), connection_one, email="not-an-email")

    assert response.status_code == 400
    assert "Enter a valid email address, such as name@example.com." in response.content.decode()
    assert grants(sandbox) == {}
    assert not AuditEvent.objects.exists()


def test_invite_api_error_shown_next_to_form(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    invite(browser, connection_one)
    user_id = next(iter(grants(sandbox)))
    grants(sandbox)[user_id]["status"] = "Active"

    response = invite(browser, connection_one)
    html = response.content.decode()

    assert response.status_code == 400
    form_html = html[html.index('id="site-user-invite"'):]
    assert f"helper@example.com already has access to site {SITE_ID}" in form_html
    assert AuditEvent.objects.filter(action="site_users.invite", result=AuditResult.FAILED).count() == 1


def test_resend_invite_mails_new_token(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    invite(browser, connection_one)
    user_id = next(iter(grants(sandbox)))

    response = browser.post(url("ws_users_resend", connection_one, user_id=user_id), follow=True)

    assert "Invitation sent again to helper@example.com." in response.content.decode()
    invitations = [message for message in mailbox(sandbox, "helper@example.com") if message["kind"] == "site_user_invite"]
    assert len(invitations) == 2
    assert invitations[0]["token"] != invitations[1]["token"]
    event = AuditEvent.objects.get(action="site_users.resend_invite")
    assert event.target == "helper@example.com"
    assert event.result == AuditResult.SUCCEEDED


def test_remove_revokes_access(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    invite(browser, connection_one)
    user_id = next(iter(grants(sandbox)))

    response = browser.post(url("ws_users_remove", connection_one, user_id=user_id), follow=True)

    assert grants(sandbox) == {}
    assert "helper@example.com can no longer manage this site." in response.content.decode()
    assert AuditEvent.objects.get(action="site_users.remove").result == AuditResult.SUCCEEDED


def test_remove_unknown_user_reports_error(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_users_remove", connection_one, user_id=9999))
    html = response.content.decode()

    assert response.status_code == 400
    assert "9999: site user 9999 not found" in html[html.index('id="row-error"'):]
    assert AuditEvent.objects.get(action="site_users.remove").result == AuditResult.FAILED


@pytest.mark.parametrize("name", ["ws_users_invite", "ws_users_resend", "ws_users_remove"])
def test_viewer_cannot_change_users(browser_for, connection_one, sandbox, name):
    invite(browser_for("member"), connection_one)
    user_id = next(iter(grants(sandbox)))
    kwargs = {} if name == "ws_users_invite" else {"user_id": user_id}
    AuditEvent.objects.all().delete()

    response = browser_for("viewer").post(url(name, connection_one, **kwargs),
                                          {"name": "Eve", "email": "eve@example.com"})

    assert response.status_code == 403
    assert list(grants(sandbox)) == [user_id]
    assert len(mailbox(sandbox, "helper@example.com")) == 2  # password set-up and the first invitation
    assert not AuditEvent.objects.exists()


def test_viewer_sees_list_without_forms(browser_for, connection_one, sandbox):
    invite(browser_for("member"), connection_one)

    html = browser_for("viewer").get(url("ws_users", connection_one)).content.decode()

    assert "helper@example.com" in html
    assert "Send invitation" not in html
    assert "Remove" not in html


@pytest.mark.parametrize(("name", "kwargs"), [
    ("ws_users", {}), ("ws_users_invite", {}), ("ws_users_resend", {"user_id": 301}),
    ("ws_users_remove", {"user_id": 301}),
])
def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, name, kwargs):
    invite(browser_for("member"), connection_one)
    AuditEvent.objects.all().delete()
    method = "get" if name == "ws_users" else "post"

    response = getattr(browser_for("outsider"), method)(url(name, connection_one, **kwargs),
                                                        {"name": "Eve", "email": "eve@example.com"})

    assert response.status_code == 404
    assert "helper@example.com" not in response.content.decode()
    assert list(grants(sandbox)) == [301]
    assert not AuditEvent.objects.exists()
