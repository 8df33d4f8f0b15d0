"""The SSH keys tab against the sandbox over real HTTP."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult
from sandbox.faults import Fault

SITE_ID = 1001  # Bright Bakery, on agency-one's account
PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f anna@laptop"


def url(name, connection, key_name=None):
    address = reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID})
    return address if key_name is None else f"{address}?name={key_name}"


def keys(sandbox):
    from sandbox.handlers.ssh_keys import ssh_keys

    return ssh_keys(sandbox.state, sandbox.state.sites[SITE_ID])


def add_key(sandbox, name="ci-runner", authorized=False):
    from sandbox.handlers.ssh_keys import _record

    keys(sandbox)[name] = _record(name, PUBLIC_KEY, authorized=authorized, now=0)
    return keys(sandbox)[name]


def guard_ssh_calls(sandbox, methods=("POST", "DELETE")):
    faults = [Fault(kind="client_error", path="/v1/sites/*/ssh/*", method=method, count=1, status=400)
              for method in methods]
    for fault in faults:
        sandbox.state.faults.add(fault)
    return faults


def unused(sandbox, faults):
    return all(fault in sandbox.state.faults.faults for fault in faults)


def test_list_shows_keys_and_status(browser_for, connection_one, sandbox):
    add_key(sandbox, "ci-runner", authorized=False)
    add_key(sandbox, "deploy-bot", authorized=True)

    html = browser_for("viewer").get(url("ws_ssh", connection_one)).content.decode()

    assert "ci-runner" in html
    assert "deploy-bot" in html
    assert "Not authorized" in html
    assert "Authorized<" in html
    assert 'aria-current="page">SSH keys<' in html
    assert "Import a public key" not in html
    assert "Deauthorize" not in html


def test_view_key_shows_text(browser_for, connection_one, sandbox):
    add_key(sandbox)

    html = browser_for("viewer").get(url("ws_ssh_key", connection_one, "ci-runner")).content.decode()

    assert PUBLIC_KEY in html
    assert "Not authorized: it cannot log in until authorized." in html


def test_view_unknown_key_is_404(browser_for, connection_one, sandbox):
    response = browser_for("viewer").get(url("ws_ssh_key", connection_one, "ghost"))

    assert response.status_code == 404
    assert "The SSH key ghost was not found on this site." in response.content.decode()


def test_view_bad_name_rejected_before_request(browser_for, connection_one, sandbox):
    faults = guard_ssh_calls(sandbox, methods=("GET",))
    faults[0].path = "/v1/sites/*/ssh/keys/*"

    response = browser_for("viewer").get(url("ws_ssh_key", connection_one, "../../account"))

    assert response.status_code == 400
    assert "“../../account” is not a valid key name" in response.content.decode()
    assert unused(sandbox, faults)


def test_import_key(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_ssh_import", connection_one),
                                          {"name": "anna-laptop", "key": f"  {PUBLIC_KEY}\n"}, follow=True)

    stored = keys(sandbox)["anna-laptop"]
    assert stored["key"] == PUBLIC_KEY
    assert stored["authstatus"] == "not-authorized"
    assert "Imported the SSH key anna-laptop." in response.content.decode()
    event = AuditEvent.objects.get(action="ssh.import")
    assert event.result == AuditResult.SUCCEEDED
    assert event.detail == {"type": "ssh-ed25519"}


@pytest.mark.parametrize(("data", "message"), [
    ({"name": "k", "key": "ssh-foo AAAA user"}, "The key starts with “ssh-foo”, which is not an OpenSSH public key type"),
    ({"name": "k", "key": "-----BEGIN OPENSSH PRIVATE KEY-----"}, "which is not an OpenSSH public key type"),
    ({"name": "k", "key": "ssh-rsa"}, "The key data after “ssh-rsa” is missing or not base64."),
    ({"name": "k", "key": "ssh-rsa not*base64"}, "The key data after “ssh-rsa” is missing or not base64."),
    ({"name": "k", "key": "ssh-rsa notakey"}, "The key data after “ssh-rsa” does not match that type"),
    ({"name": "k", "key": f"ssh-rsa {PUBLIC_KEY.split()[1]}"}, "The key data after “ssh-rsa” does not match that type"),
    ({"name": "k", "key": PUBLIC_KEY.split()[0] + " " + PUBLIC_KEY.split()[1][:-8]},
     "The key data after “ssh-ed25519” is truncated or damaged"),
    ({"name": "bad name", "key": PUBLIC_KEY}, "“bad name” is not a valid key name"),
])
def test_import_bad_input_named(browser_for, connection_one, sandbox, data, message):
    faults = guard_ssh_calls(sandbox)

    response = browser_for("member").post(url("ws_ssh_import", connection_one), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert unused(sandbox, faults)
    assert not AuditEvent.objects.exists()


def test_import_duplicate_shows_api_error(browser_for, connection_one, sandbox):
    add_key(sandbox)

    response = browser_for("member").post(url("ws_ssh_import", connection_one), {"name": "ci-runner", "key": PUBLIC_KEY})

    html = response.content.decode()
    assert response.status_code == 400
    assert "An SSH key named ci-runner already exists on this site. Choose another name" in html
    assert "Message from Rocket.net: an SSH key named &#x27;ci-runner&#x27; already exists" in html
    assert "HTTP 400" not in html
    assert html.index("already exists") > html.index("Import a public key")
    assert AuditEvent.objects.get(action="ssh.import").result == AuditResult.FAILED


def test_authorize_then_deauthorize(browser_for, connection_one, sandbox):
    add_key(sandbox)
    browser = browser_for("member")

    browser.post(url("ws_ssh_authorize", connection_one), {"name": "ci-runner"})
    authorized = keys(sandbox)["ci-runner"]["authstatus"]
    browser.post(url("ws_ssh_deauthorize", connection_one), {"name": "ci-runner", "next": "key"})

    assert authorized == "authorized"
    assert keys(sandbox)["ci-runner"]["authstatus"] == "not-authorized"
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", "target", "result"))
    assert actions == [("ssh.authorize", "ci-runner", AuditResult.SUCCEEDED),
                       ("ssh.deauthorize", "ci-runner", AuditResult.SUCCEEDED)]


def test_authorize_redirects_to_key_page(browser_for, connection_one, sandbox):
    add_key(sandbox)

    response = browser_for("member").post(url("ws_ssh_authorize", connection_one), {"name": "ci-runner", "next": "key"})

    assert response.status_code == 302
    assert response.url == url("ws_ssh_key", connection_one, "ci-runner")


def test_authorize_locked_site_error_in_row(browser_for, connection_one, sandbox):
    add_key(sandbox)
    sandbox.state.sites[SITE_ID].lock_holders.add("fault")

    response = browser_for("member").post(url("ws_ssh_authorize", connection_one), {"name": "ci-runner"})

    html = response.content.decode()
    assert response.status_code == 400
    row = html[html.index('id="ssh-key-ci-runner"'):]
    assert "locked" in row[:row.index("</tr>")]
    assert keys(sandbox)["ci-runner"]["authstatus"] == "not-authorized"
    assert AuditEvent.objects.get(action="ssh.authorize").result == AuditResult.FAILED


def test_delete_needs_confirmation(browser_for, connection_one, sandbox):
    add_key(sandbox)
    browser = browser_for("member")

    page = browser.get(url("ws_ssh_delete", connection_one, "ci-runner")).content.decode()
    unconfirmed = browser.post(url("ws_ssh_delete", connection_one), {"name": "ci-runner"})

    assert "Delete the SSH key ci-runner?" in page
    assert unconfirmed.status_code == 400
    assert "ci-runner" in keys(sandbox)


def test_delete_confirmed(browser_for, connection_one, sandbox):
    add_key(sandbox)

    response = browser_for("member").post(url("ws_ssh_delete", connection_one), {"name": "ci-runner", "confirm": "on"},
                                          follow=True)

    assert "ci-runner" not in keys(sandbox)
    assert "Deleted the SSH key ci-runner." in response.content.decode()
    assert AuditEvent.objects.get(action="ssh.delete").result == AuditResult.SUCCEEDED


def test_delete_unknown_shows_api_error(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_ssh_delete", connection_one), {"name": "ghost", "confirm": "on"})

    assert response.status_code == 400
    assert "SSH key &#x27;ghost&#x27; not found" in response.content.decode()
    assert AuditEvent.objects.get(action="ssh.delete").result == AuditResult.FAILED


WRITES = [
    ("ws_ssh_import", {"name": "new-key", "key": PUBLIC_KEY}),
    ("ws_ssh_authorize", {"name": "ci-runner"}),
    ("ws_ssh_deauthorize", {"name": "ci-runner"}),
    ("ws_ssh_delete", {"name": "ci-runner", "confirm": "on"}),
]


@pytest.mark.parametrize(("name", "data"), WRITES)
def test_viewer_cannot_write(browser_for, connection_one, sandbox, name, data):
    add_key(sandbox)
    before = set(keys(sandbox))
    faults = guard_ssh_calls(sandbox)

    response = browser_for("viewer").post(url(name, connection_one), data)

    assert response.status_code == 403
    assert unused(sandbox, faults)
    assert set(keys(sandbox)) == before
    assert not AuditEvent.objects.exists()


def test_viewer_cannot_open_delete_confirmation(browser_for, connection_one, sandbox):
    add_key(sandbox)

    assert browser_for("viewer").get(url("ws_ssh_delete", connection_one, "ci-runner")).status_code == 403


@pytest.mark.parametrize("name", ["ws_ssh", "ws_ssh_key", "ws_ssh_delete"])
def test_outsider_read_gets_404(browser_for, connection_one, outsider_connection, sandbox, name):
    add_key(sandbox)
    faults = guard_ssh_calls(sandbox, methods=(None,))

    response = browser_for("outsider").get(url(name, connection_one, "ci-runner"))

    assert response.status_code == 404
    assert "AAAAC3NzaC1lZDI1NTE5" not in response.content.decode()
    assert unused(sandbox, faults)


@pytest.mark.parametrize(("name", "data"), WRITES)
def test_outsider_write_gets_404(browser_for, connection_one, outsider_connection, sandbox, name, data):
    add_key(sandbox)
    faults = guard_ssh_calls(sandbox, methods=(None,))

    response = browser_for("outsider").post(url(name, connection_one), data)

    assert response.status_code == 404
    assert unused(sandbox, faults)
    assert keys(sandbox)["ci-runner"]["authstatus"] == "not-authorized"
    assert not AuditEvent.objects.exists()
