"""The FTP tab against the sandbox over real HTTP."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult
from sandbox.faults import Fault

SITE_ID = 1001  # Bright Bakery, brightbakery.com, on agency-one's account
DOMAIN = "brightbakery.com"
PASSWORD = "Sup3r-secret-ftp"


def url(name, connection, user=None):
    address = reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID})
    return address if user is None else f"{address}?user={user}"


def accounts(sandbox):
    from sandbox.handlers.ftp_accounts import ftp_accounts

    return ftp_accounts(sandbox.state, sandbox.state.sites[SITE_ID])


def add_account(sandbox, username="uploader", homedir="wp-content/uploads", quota=100):
    from sandbox.handlers.ftp_accounts import _add

    return _add(accounts(sandbox), sandbox.state.sites[SITE_ID], username, homedir, quota, "Old-passw0rd")


def guard_ftp_calls(sandbox, methods=("POST", "PATCH", "DELETE")):
    faults = [Fault(kind="client_error", path="/v1/sites/*/ftp/accounts", method=method, count=1, status=400)
              for method in methods]
    for fault in faults:
        sandbox.state.faults.add(fault)
    return faults


def unused(sandbox, faults):
    return all(fault in sandbox.state.faults.faults for fault in faults)


def new_account(**changes):
    data = {"username": "designer2", "domain": DOMAIN, "password": PASSWORD, "homedir": "wp-content/themes", "quota": "250"}
    data.update(changes)
    return data


def test_list_shows_accounts(browser_for, connection_one, sandbox):
    add_account(sandbox)

    html = browser_for("viewer").get(url("ws_ftp", connection_one)).content.decode()

    assert "uploader@brightbakery.com" in html
    assert "wp-content/uploads" in html
    assert 'aria-current="page">FTP<' in html
    assert "New FTP account" not in html
    assert "Old-passw0rd" not in html


def test_create_account(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_ftp_create", connection_one), new_account(), follow=True)

    created = accounts(sandbox)["designer2@brightbakery.com"]
    assert created["reldir"] == "wp-content/themes"
    assert created["quota"] == 250
    assert created["_password"] == PASSWORD
    html = response.content.decode()
    assert "Created the FTP account designer2@brightbakery.com." in html
    assert PASSWORD not in html
    event = AuditEvent.objects.get(action="ftp.create")
    assert event.result == AuditResult.SUCCEEDED
    assert event.target == "designer2@brightbakery.com"
    assert event.detail == {"homedir": "wp-content/themes", "quota": 250}


def test_create_whole_site_account(browser_for, connection_one, sandbox):
    browser_for("member").post(url("ws_ftp_create", connection_one), new_account(homedir="", quota="0"))

    created = accounts(sandbox)["designer2@brightbakery.com"]
    assert created["reldir"] == ""
    assert created["quota"] == 0


@pytest.mark.parametrize(("field", "value", "message"), [
    ("username", "a!", "“a!” is not a valid FTP username"),
    ("password", "short1", "Use at least 8 characters with both letters and digits."),
    ("password", "", "This field is required."),
    ("quota", "-5", "Ensure this value is greater than or equal to 0."),
    ("domain", "example.org", "example.org is not a domain of this site."),
    ("homedir", "../../etc", "The path “../../etc” leaves the site root"),
])
def test_create_bad_field_named(browser_for, connection_one, sandbox, field, value, message):
    faults = guard_ftp_calls(sandbox)

    response = browser_for("member").post(url("ws_ftp_create", connection_one), new_account(**{field: value}))

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'id="ftp_new_%s_error"' % field in html
    assert unused(sandbox, faults)
    assert "designer2@brightbakery.com" not in accounts(sandbox)


def test_create_never_renders_password(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_ftp_create", connection_one), new_account(username="x"))

    assert response.status_code == 400
    assert PASSWORD not in response.content.decode()


def test_create_duplicate_shows_api_error(browser_for, connection_one, sandbox):
    add_account(sandbox, username="designer2")

    response = browser_for("member").post(url("ws_ftp_create", connection_one), new_account())

    html = response.content.decode()
    assert response.status_code == 400
    assert "FTP user designer2@brightbakery.com already exists" in html
    assert html.index("already exists") > html.index("New FTP account")
    assert PASSWORD not in html
    event = AuditEvent.objects.get(action="ftp.create")
    assert event.result == AuditResult.FAILED
    assert PASSWORD not in str(event.detail)


def test_edit_prefills_current_values(browser_for, connection_one, sandbox):
    add_account(sandbox)

    html = browser_for("member").get(url("ws_ftp_edit", connection_one, "uploader@brightbakery.com")).content.decode()

    assert 'value="wp-content/uploads"' in html
    assert 'value="100"' in html
    assert "Old-passw0rd" not in html


def test_update_sends_only_changes(browser_for, connection_one, sandbox):
    add_account(sandbox)

    browser_for("member").post(url("ws_ftp_edit", connection_one), {
        "user": "uploader@brightbakery.com", "new_password": "", "homedir": "wp-content/uploads", "quota": "300",
    })

    account = accounts(sandbox)["uploader@brightbakery.com"]
    assert account["quota"] == 300
    assert account["_password"] == "Old-passw0rd"
    event = AuditEvent.objects.get(action="ftp.update")
    assert event.detail == {"changed": ["quota"], "quota": 300}


def test_update_password_not_audited(browser_for, connection_one, sandbox):
    add_account(sandbox)

    browser_for("member").post(url("ws_ftp_edit", connection_one), {
        "user": "uploader@brightbakery.com", "new_password": PASSWORD, "homedir": "wp-content", "quota": "100",
    })

    account = accounts(sandbox)["uploader@brightbakery.com"]
    assert account["_password"] == PASSWORD
    assert account["reldir"] == "wp-content"
    event = AuditEvent.objects.get(action="ftp.update")
    assert event.detail == {"changed": ["homedir", "new_password"], "homedir": "wp-content"}
    assert PASSWORD not in str(event.detail)


def test_update_nothing_changed_named(browser_for, connection_one, sandbox):
    add_account(sandbox)
    faults = guard_ftp_calls(sandbox)

    response = browser_for("member").post(url("ws_ftp_edit", connection_one), {
        "user": "uploader@brightbakery.com", "homedir": "wp-content/uploads", "quota": "100",
    })

    assert response.status_code == 400
    assert "Nothing changed" in response.content.decode()
    assert unused(sandbox, faults)


def test_update_traversal_rejected(browser_for, connection_one, sandbox):
    add_account(sandbox)
    faults = guard_ftp_calls(sandbox)

    response = browser_for("member").post(url("ws_ftp_edit", connection_one), {
        "user": "uploader@brightbakery.com", "homedir": "../other-site", "quota": "100",
    })

    assert response.status_code == 400
    assert "The path “../other-site” leaves the site root" in response.content.decode()
    assert unused(sandbox, faults)


def test_update_locked_site_shows_error(browser_for, connection_one, sandbox):
    add_account(sandbox)
    sandbox.state.sites[SITE_ID].lock_holders.add("fault")

    response = browser_for("member").post(url("ws_ftp_edit", connection_one), {
        "user": "uploader@brightbakery.com", "homedir": "wp-content/uploads", "quota": "5",
    })

    assert response.status_code == 400
    assert "locked" in response.content.decode()
    assert accounts(sandbox)["uploader@brightbakery.com"]["quota"] == 100
    assert AuditEvent.objects.get(action="ftp.update").result == AuditResult.FAILED


def test_edit_unknown_account_is_404(browser_for, connection_one, sandbox):
    response = browser_for("member").get(url("ws_ftp_edit", connection_one, "ghost@brightbakery.com"))

    assert response.status_code == 404
    assert "The FTP account ghost@brightbakery.com was not found" in response.content.decode()


def test_delete_needs_confirmation(browser_for, connection_one, sandbox):
    add_account(sandbox)
    browser = browser_for("member")

    page = browser.get(url("ws_ftp_delete", connection_one, "uploader@brightbakery.com")).content.decode()
    unconfirmed = browser.post(url("ws_ftp_delete", connection_one), {"user": "uploader@brightbakery.com"})

    assert "Delete the FTP account uploader@brightbakery.com?" in page
    assert unconfirmed.status_code == 400
    assert "uploader@brightbakery.com" in accounts(sandbox)


def test_delete_confirmed(browser_for, connection_one, sandbox):
    add_account(sandbox)

    response = browser_for("member").post(url("ws_ftp_delete", connection_one),
                                          {"user": "uploader@brightbakery.com", "confirm": "on"}, follow=True)

    assert "uploader@brightbakery.com" not in accounts(sandbox)
    assert "Deleted the FTP account uploader@brightbakery.com." in response.content.decode()
    assert AuditEvent.objects.get(action="ftp.delete").result == AuditResult.SUCCEEDED


def test_delete_unknown_shows_api_error(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_ftp_delete", connection_one),
                                          {"user": "ghost@brightbakery.com", "confirm": "on"})

    assert response.status_code == 400
    assert "FTP user &#x27;ghost@brightbakery.com&#x27; not found" in response.content.decode()
    assert AuditEvent.objects.get(action="ftp.delete").result == AuditResult.FAILED


WRITES = [
    ("ws_ftp_create", new_account()),
    ("ws_ftp_edit", {"user": "uploader@brightbakery.com", "quota": "1", "homedir": ""}),
    ("ws_ftp_delete", {"user": "uploader@brightbakery.com", "confirm": "on"}),
]


@pytest.mark.parametrize(("name", "data"), WRITES)
def test_viewer_cannot_write(browser_for, connection_one, sandbox, name, data):
    add_account(sandbox)
    faults = guard_ftp_calls(sandbox)

    response = browser_for("viewer").post(url(name, connection_one), data)

    assert response.status_code == 403
    assert unused(sandbox, faults)
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("name", ["ws_ftp_edit", "ws_ftp_delete"])
def test_viewer_cannot_open_write_pages(browser_for, connection_one, sandbox, name):
    add_account(sandbox)

    assert browser_for("viewer").get(url(name, connection_one, "uploader@brightbakery.com")).status_code == 403


@pytest.mark.parametrize("name", ["ws_ftp", "ws_ftp_edit", "ws_ftp_delete"])
def test_outsider_read_gets_404(browser_for, connection_one, outsider_connection, sandbox, name):
    add_account(sandbox)
    faults = guard_ftp_calls(sandbox, methods=(None,))

    response = browser_for("outsider").get(url(name, connection_one, "uploader@brightbakery.com"))

    assert response.status_code == 404
    assert "wp-content/uploads" not in response.content.decode()
    assert unused(sandbox, faults)


@pytest.mark.parametrize(("name", "data"), WRITES)
def test_outsider_write_gets_404(browser_for, connection_one, outsider_connection, sandbox, name, data):
    add_account(sandbox)
    faults = guard_ftp_calls(sandbox, methods=(None,))

    response = browser_for("outsider").post(url(name, connection_one), data)

    assert response.status_code == 404
    assert unused(sandbox, faults)
    assert accounts(sandbox)["uploader@brightbakery.com"]["quota"] == 100
    assert not AuditEvent.objects.exists()
