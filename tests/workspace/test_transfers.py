"""The site transfers tab and the incoming transfer page, against the sandbox over real HTTP."""

import pytest
import requests
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult

SITE_ID = 1001  # Bright Bakery, brightbakery.com, on agency-one's account
RECEIVER = "agency-two@example.com"


def url(name, connection, **extra):
    return reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID, **extra})


def answer_url(connection):
    return reverse("accounts:connection_transfer_answer", kwargs={"connection_pk": connection.pk})


def transfers(sandbox):
    return sandbox.state.sites[SITE_ID].extras.get("transfers", {})


def mailed_transfer_ids(sandbox):
    response = requests.get(f"{sandbox.url}/_sandbox/mailbox", params={"to": RECEIVER},
                            headers={"User-Agent": "rocketdash-tests"}, timeout=5)
    return [message["token"] for message in response.json()["result"] if message["kind"] == "site_transfer"]


def start(browser, connection, email=RECEIVER, **kwargs):
    return browser.post(url("ws_transfers_start", connection), {"email": email, "confirm": "on"}, **kwargs)


def test_start_transfer_shows_open_state(browser_for, connection_one, sandbox):
    response = start(browser_for("member"), connection_one, email=" Agency-Two@Example.com ", follow=True)
    html = response.content.decode()

    [transfer_id] = mailed_transfer_ids(sandbox)
    assert transfers(sandbox)[transfer_id]["status"] == "created"
    assert f"Transfer {transfer_id} started" in html
    assert "waiting for the receiver" in html
    event = AuditEvent.objects.get(action="transfers.start")
    assert event.result == AuditResult.SUCCEEDED
    assert event.target == RECEIVER
    assert event.detail == {"to_email": RECEIVER, "transfer_id": transfer_id, "status": "created"}


@pytest.mark.parametrize(("data", "expected"), [
    ({"email": "agency-one@example.com", "confirm": "on"}, "agency-one@example.com is this site&#x27;s own account"),
    ({"email": "nobody", "confirm": "on"}, "Enter a valid email address, such as client@example.com."),
    ({"email": RECEIVER}, "Tick the box to confirm that this site should move to another account."),
])
def test_start_rejects_bad_input(browser_for, connection_one, sandbox, data, expected):
    response = browser_for("member").post(url("ws_transfers_start", connection_one), data)

    assert response.status_code == 400
    assert expected in response.content.decode()
    assert transfers(sandbox) == {}
    assert not AuditEvent.objects.exists()


def test_start_api_error_shown_next_to_form(browser_for, connection_one, sandbox):
    response = start(browser_for("member"), connection_one, email="stranger@example.com")
    html = response.content.decode()

    assert response.status_code == 400
    assert "no Rocket.net account has the email stranger@example.com" in html[html.index('id="transfer-start"'):]
    assert AuditEvent.objects.get(action="transfers.start").result == AuditResult.FAILED


def test_cancel_transfer(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    start(browser, connection_one)
    [transfer_id] = mailed_transfer_ids(sandbox)

    html = browser.post(url("ws_transfers_cancel", connection_one), {"transfer_id": f" {transfer_id.upper()} "},
                        follow=True).content.decode()

    assert transfers(sandbox)[transfer_id]["status"] == "cancelled"
    assert f"Transfer {transfer_id} cancelled" in html
    assert "waiting for the receiver" not in html
    event = AuditEvent.objects.get(action="transfers.cancel")
    assert event.detail["status"] == "cancelled"


def test_cancel_rejects_malformed_id(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_transfers_cancel", connection_one), {"transfer_id": "../1/x"})

    assert response.status_code == 400
    assert "“../1/x” is not a transfer ID." in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_cancel_closed_transfer_shows_error(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    start(browser, connection_one)
    [transfer_id] = mailed_transfer_ids(sandbox)
    browser.post(url("ws_transfers_cancel", connection_one), {"transfer_id": transfer_id})

    response = browser.post(url("ws_transfers_cancel", connection_one), {"transfer_id": transfer_id})
    html = response.content.decode()

    assert response.status_code == 400
    assert f"transfer {transfer_id} is already cancelled" in html[html.index('id="transfer-cancel"'):]


def test_receiver_accepts_and_site_moves(browser_for, connection_one, connection_two, sandbox):
    browser = browser_for("member")
    start(browser, connection_one)
    [transfer_id] = mailed_transfer_ids(sandbox)

    response = browser.post(answer_url(connection_two),
                            {"site_id": SITE_ID, "transfer_id": transfer_id, "decision": "accept"}, follow=True)

    assert sandbox.state.sites[SITE_ID].account_email == RECEIVER
    assert f"Transfer {transfer_id} accepted: site {SITE_ID} now belongs to this account." in response.content.decode()
    event = AuditEvent.objects.get(action="transfers.accept")
    assert event.connection == connection_two
    assert event.site_id == SITE_ID
    assert event.detail["status"] == "accepted"
    html = browser.get(reverse("sites:ws_transfers", kwargs={"connection_pk": connection_two.pk,
                                                             "site_id": SITE_ID})).content.decode()
    assert transfer_id in html
    assert ">accepted<" in html


def test_receiver_page_lists_started_transfer(browser_for, connection_one, connection_two, sandbox):
    start(browser_for("member"), connection_one)
    [transfer_id] = mailed_transfer_ids(sandbox)

    html = browser_for("viewer").get(reverse("accounts:connection_transfers",
                                             kwargs={"connection_pk": connection_two.pk})).content.decode()

    incoming = html[html.index('id="incoming-transfers"'):html.index("Sent from this account")]
    assert f"brightbakery.com — <code>{transfer_id}</code> (created)" in incoming
    assert transfer_id not in html[html.index("Sent from this account"):]


def test_sender_page_lists_outgoing_transfer(browser_for, connection_one, connection_two, sandbox):
    start(browser_for("member"), connection_one)
    [transfer_id] = mailed_transfer_ids(sandbox)

    html = browser_for("viewer").get(reverse("accounts:connection_transfers",
                                             kwargs={"connection_pk": connection_one.pk})).content.decode()

    outgoing = html[html.index('id="outgoing-transfers"'):]
    assert f"<code>{transfer_id}</code>" in outgoing
    assert connection_two.email in outgoing
    assert f"<code>{transfer_id}</code>" not in html[:html.index('id="outgoing-transfers"')]


def test_answer_link_fills_form(browser_for, connection_one, connection_two, sandbox):
    start(browser_for("member"), connection_one)
    [transfer_id] = mailed_transfer_ids(sandbox)
    page_url = reverse("accounts:connection_transfers", kwargs={"connection_pk": connection_two.pk})
    browser = browser_for("member")

    listed = browser.get(page_url).content.decode()
    filled = browser.get(page_url, {"site_id": SITE_ID, "transfer_id": transfer_id}).content.decode()

    assert f"?site_id={SITE_ID}&amp;transfer_id={transfer_id}#transfer-answer" in listed
    assert f'value="{transfer_id}"' in filled
    assert f'value="{SITE_ID}"' in filled


def test_receiver_rejects(browser_for, connection_one, connection_two, sandbox):
    browser = browser_for("member")
    start(browser, connection_one)
    [transfer_id] = mailed_transfer_ids(sandbox)

    browser.post(answer_url(connection_two), {"site_id": SITE_ID, "transfer_id": transfer_id, "decision": "reject"})

    assert transfers(sandbox)[transfer_id]["status"] == "rejected"
    assert sandbox.state.sites[SITE_ID].account_email == "agency-one@example.com"
    assert AuditEvent.objects.get(action="transfers.reject").result == AuditResult.SUCCEEDED


def test_sender_cannot_accept_own_transfer(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    start(browser, connection_one)
    [transfer_id] = mailed_transfer_ids(sandbox)

    response = browser.post(answer_url(connection_one),
                            {"site_id": SITE_ID, "transfer_id": transfer_id, "decision": "accept"})
    html = response.content.decode()

    assert response.status_code == 400
    assert f"only {RECEIVER} can accept or reject transfer" in html[html.index('id="transfer-answer"'):]
    assert AuditEvent.objects.get(action="transfers.accept").result == AuditResult.FAILED


def test_answer_rejects_bad_site_id(browser_for, connection_two, sandbox):
    response = browser_for("member").post(answer_url(connection_two),
                                          {"site_id": "abc", "transfer_id": "x1", "decision": "accept"})

    assert response.status_code == 400
    assert "Enter the site ID as a whole number, for example 1001." in response.content.decode()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("name", ["ws_transfers_start", "ws_transfers_cancel"])
def test_viewer_cannot_start_or_cancel(browser_for, connection_one, sandbox, name):
    start(browser_for("member"), connection_one)
    [transfer_id] = mailed_transfer_ids(sandbox)
    AuditEvent.objects.all().delete()

    response = browser_for("viewer").post(url(name, connection_one),
                                          {"email": RECEIVER, "confirm": "on", "transfer_id": transfer_id})

    assert response.status_code == 403
    assert transfers(sandbox)[transfer_id]["status"] == "created"
    assert not AuditEvent.objects.exists()


def test_viewer_cannot_answer(browser_for, connection_one, connection_two, sandbox):
    start(browser_for("member"), connection_one)
    [transfer_id] = mailed_transfer_ids(sandbox)
    AuditEvent.objects.all().delete()

    response = browser_for("viewer").post(answer_url(connection_two),
                                          {"site_id": SITE_ID, "transfer_id": transfer_id, "decision": "accept"})

    assert response.status_code == 403
    assert transfers(sandbox)[transfer_id]["status"] == "created"
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("name", "method"), [
    ("ws_transfers", "get"), ("ws_transfers_start", "post"), ("ws_transfers_cancel", "post"),
])
def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, name, method):
    start(browser_for("member"), connection_one)
    [transfer_id] = mailed_transfer_ids(sandbox)
    AuditEvent.objects.all().delete()

    data = {"email": RECEIVER, "confirm": "on", "transfer_id": transfer_id} if method == "post" else {}

    response = getattr(browser_for("outsider"), method)(url(name, connection_one), data)

    assert response.status_code == 404
    assert transfer_id not in response.content.decode()
    assert transfers(sandbox)[transfer_id]["status"] == "created"
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_cannot_answer_for_connection(browser_for, connection_one, connection_two, outsider_connection,
                                               sandbox, method):
    start(browser_for("member"), connection_one)
    [transfer_id] = mailed_transfer_ids(sandbox)
    AuditEvent.objects.all().delete()
    target = answer_url(connection_two) if method == "post" else reverse(
        "accounts:connection_transfers", kwargs={"connection_pk": connection_two.pk})

    response = getattr(browser_for("outsider"), method)(target, {"site_id": SITE_ID, "transfer_id": transfer_id,
                                                                 "decision": "accept"})

    assert response.status_code == 404
    assert transfers(sandbox)[transfer_id]["status"] == "created"
    assert not AuditEvent.objects.exists()
