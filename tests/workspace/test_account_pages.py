"""The connection account pages (users, settings, tasks) against the sandbox over real HTTP."""

import time
import uuid

import pytest
import requests
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult, Connection, Role
from accounts.services import client_for
from rocketnet.services import site_templates
from sites import services as job_services
from sites import tasks
from sites.models import Job

SITE_ID = 1001
INVITEE = "helper@example.com"


@pytest.fixture(autouse=True)
def fast_polling(monkeypatch):
    monkeypatch.setattr(job_services, "POLL_FIRST_SECONDS", 0.1)
    monkeypatch.setattr(job_services, "POLL_MAX_SECONDS", 0.2)


def page(name, connection, **extra):
    return reverse(f"accounts:{name}", kwargs={"connection_pk": connection.pk, **extra})


def account(sandbox):
    return sandbox.state.account_by_email("agency-one@example.com")


def account_users(sandbox):
    return {user["email"]: user for user in account(sandbox).extras.get("users", {}).values()}


def invitations(sandbox, to=INVITEE):
    response = requests.get(f"{sandbox.url}/_sandbox/mailbox", params={"to": to},
                            headers={"User-Agent": "rocketdash-tests"}, timeout=5)
    return [message for message in response.json()["result"] if message["kind"] == "account_user_invite"]


def owner_user_id(sandbox):
    # The sandbox creates the owner's user record on first use, with an id derived from the account id.
    return str(uuid.UUID(int=account(sandbox).id, version=4))


def invite(browser, connection, **overrides):
    data = {"firstname": "Helen", "lastname": "Helper", "email": INVITEE, "roles": ["account_user"], **overrides}
    return browser.post(page("connection_user_invite", connection), data)


def invited_id(browser, connection, sandbox):
    invite(browser, connection)
    return account_users(sandbox)[INVITEE]["id"]


# -- account users ------------------------------------------------------------------------------


def test_connection_list_links_account_pages(browser_for, connection_one, outsider_connection):
    html = browser_for("viewer").get(reverse("accounts:connection_list")).content.decode()

    assert page("connection_settings", connection_one) in html
    assert page("connection_settings", outsider_connection) not in html


def test_users_page_lists_owner_with_role(browser_for, connection_one, sandbox):
    html = browser_for("viewer").get(page("connection_users", connection_one)).content.decode()

    assert "agency-one@example.com" in html
    assert "Account owner" in html
    assert "Send invitation" not in html
    assert 'aria-current="page">Account users<' in html


def test_invite_user_with_roles(browser_for, connection_one, sandbox):
    response = invite(browser_for("admin"), connection_one, roles=["billing_admin", "user_admin"],
                      twofactor_required="on")

    assert response.status_code == 302
    user = account_users(sandbox)[INVITEE]
    assert user["roles"] == ["billing_admin", "user_admin"]
    assert user["twofactor_required"] is True
    assert user["status"] == "invited"
    assert len(invitations(sandbox)) == 1
    event = AuditEvent.objects.get(action="account_users.invite")
    assert event.result == AuditResult.SUCCEEDED
    assert event.connection == connection_one
    assert event.detail == {"roles": ["billing_admin", "user_admin"], "twofactor_required": True}
    html = browser_for("viewer").get(page("connection_users", connection_one)).content.decode()
    assert INVITEE in html
    assert "invited" in html


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"email": "nope"}, "Enter a valid email address, such as name@example.com."),
    ({"roles": []}, "Choose at least one role."),
    ({"roles": ["account_owner"]}, "Role account_owner does not exist; choose from the listed roles."),
])
def test_invite_rejects_bad_input(browser_for, connection_one, sandbox, overrides, expected):
    response = invite(browser_for("admin"), connection_one, **overrides)

    assert response.status_code == 400
    assert expected in response.content.decode()
    assert INVITEE not in account_users(sandbox)
    assert not AuditEvent.objects.exists()


def test_invite_api_error_next_to_form(browser_for, connection_one, sandbox):
    response = invite(browser_for("admin"), connection_one, email="agency-one@example.com")
    html = response.content.decode()

    assert response.status_code == 400
    assert "a user with email agency-one@example.com already exists in this account" in \
        html[html.index('id="account-user-invite"'):]
    assert AuditEvent.objects.get(action="account_users.invite").result == AuditResult.FAILED


def test_change_roles(browser_for, connection_one, sandbox):
    browser = browser_for("admin")
    user_id = invited_id(browser, connection_one, sandbox)

    html = browser.post(page("connection_user_roles", connection_one, user_id=user_id),
                        {"roles": ["account_user", "billing_admin"]}, follow=True).content.decode()

    assert account_users(sandbox)[INVITEE]["roles"] == ["account_user", "billing_admin"]
    assert f"Roles of {INVITEE} changed to account_user, billing_admin." in html
    event = AuditEvent.objects.get(action="account_users.change_roles")
    assert event.target == INVITEE
    assert event.detail == {"user_id": user_id, "roles": ["account_user", "billing_admin"]}


def test_change_roles_needs_one(browser_for, connection_one, sandbox):
    browser = browser_for("admin")
    user_id = invited_id(browser, connection_one, sandbox)

    response = browser.post(page("connection_user_roles", connection_one, user_id=user_id), {})

    assert response.status_code == 400
    assert "Choose at least one role." in response.content.decode()
    assert account_users(sandbox)[INVITEE]["roles"] == ["account_user"]


def test_change_owner_roles_shows_api_error(browser_for, connection_one, sandbox):
    owner_id = owner_user_id(sandbox)

    response = browser_for("admin").post(page("connection_user_roles", connection_one, user_id=owner_id),
                                         {"roles": ["account_user"]})

    assert response.status_code == 400
    assert "is the account owner and cannot be changed" in response.content.decode()
    assert AuditEvent.objects.get(action="account_users.change_roles").result == AuditResult.FAILED


def test_resend_invite(browser_for, connection_one, sandbox):
    browser = browser_for("admin")
    user_id = invited_id(browser, connection_one, sandbox)

    html = browser.post(page("connection_user_resend", connection_one, user_id=user_id), follow=True).content.decode()

    assert f"Invitation sent again to {INVITEE}." in html
    tokens = [message["token"] for message in invitations(sandbox)]
    assert len(tokens) == 2
    assert tokens[0] != tokens[1]
    assert AuditEvent.objects.get(action="account_users.resend_invite").result == AuditResult.SUCCEEDED


def test_remove_user(browser_for, connection_one, sandbox):
    browser = browser_for("admin")
    user_id = invited_id(browser, connection_one, sandbox)

    html = browser.post(page("connection_user_remove", connection_one, user_id=user_id), follow=True).content.decode()

    assert INVITEE not in account_users(sandbox)
    assert f"{INVITEE} was removed from the account." in html
    assert AuditEvent.objects.get(action="account_users.remove").target == INVITEE


def test_remove_owner_reports_error(browser_for, connection_one, sandbox):
    owner_id = owner_user_id(sandbox)

    response = browser_for("admin").post(page("connection_user_remove", connection_one, user_id=owner_id))
    html = response.content.decode()

    assert response.status_code == 400
    assert "is the account owner and cannot be removed" in html[html.index('id="row-error"'):]
    assert owner_user_id(sandbox) in account(sandbox).extras["users"]
    assert AuditEvent.objects.get(action="account_users.remove").result == AuditResult.FAILED


@pytest.mark.parametrize("role", [Role.MEMBER, Role.VIEWER])
@pytest.mark.parametrize("name", ["connection_user_invite", "connection_user_roles", "connection_user_resend",
                                  "connection_user_remove"])
def test_lesser_roles_cannot_change_users(browser_for, connection_one, sandbox, role, name):
    user_id = invited_id(browser_for("admin"), connection_one, sandbox)
    AuditEvent.objects.all().delete()
    kwargs = {} if name == "connection_user_invite" else {"user_id": user_id}

    response = browser_for(role).post(page(name, connection_one, **kwargs),
                                      {"firstname": "E", "lastname": "V", "email": "eve@example.com",
                                       "roles": ["user_admin"]})

    assert response.status_code == 403
    assert set(account_users(sandbox)) == {"agency-one@example.com", INVITEE}
    assert account_users(sandbox)[INVITEE]["roles"] == ["account_user"]
    assert len(invitations(sandbox)) == 1
    assert not AuditEvent.objects.exists()


# -- settings -----------------------------------------------------------------------------------


def test_settings_shows_plan(browser_for, connection_one, sandbox):
    html = browser_for("viewer").get(page("connection_settings", connection_one)).content.decode()

    assert "Agency 25" in html
    assert account(sandbox).firstname in html
    assert "Save settings" not in html


def test_settings_sends_only_changes(browser_for, connection_one, sandbox):
    me = account(sandbox)
    data = {"firstname": "Ada", "lastname": me.lastname, "email": me.email, "tax_id": "GB123",
            "twofactor_enabled": "on" if me.twofactor_enabled else ""}

    html = browser_for("admin").post(page("connection_settings", connection_one), data, follow=True).content.decode()

    assert me.firstname == "Ada"
    assert me.tax_id == "GB123"
    assert "Account settings saved: First name, Tax ID." in html
    event = AuditEvent.objects.get(action="account.update_settings")
    assert event.result == AuditResult.SUCCEEDED
    assert event.detail == {"changes": {"firstname": "Ada", "tax_id": "GB123"}}


def test_settings_without_changes_sends_nothing(browser_for, connection_one, sandbox):
    me = account(sandbox)
    data = {"firstname": me.firstname, "lastname": me.lastname, "email": me.email, "tax_id": me.tax_id or "",
            "twofactor_enabled": "on" if me.twofactor_enabled else ""}

    html = browser_for("admin").post(page("connection_settings", connection_one), data, follow=True).content.decode()

    assert "Nothing changed, so nothing was sent to Rocket.net." in html
    assert not AuditEvent.objects.exists()


def test_settings_api_error_next_to_form(browser_for, connection_one, sandbox):
    me = account(sandbox)
    data = {"firstname": me.firstname, "lastname": me.lastname, "email": "new-login@example.com",
            "tax_id": me.tax_id or ""}

    response = browser_for("admin").post(page("connection_settings", connection_one), data)
    html = response.content.decode()

    assert response.status_code == 400
    assert "email cannot be changed in the sandbox" in html[html.index('id="account-settings"'):]
    assert Connection.objects.get(pk=connection_one.pk).email == "agency-one@example.com"
    assert AuditEvent.objects.get(action="account.update_settings").result == AuditResult.FAILED


def test_settings_rejects_bad_email(browser_for, connection_one, sandbox):
    me = account(sandbox)
    data = {"firstname": me.firstname, "lastname": me.lastname, "email": "not-an-email"}

    response = browser_for("admin").post(page("connection_settings", connection_one), data)

    assert response.status_code == 400
    assert "Enter a valid email address, such as name@example.com." in response.content.decode()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.VIEWER])
def test_lesser_roles_cannot_change_settings(browser_for, connection_one, sandbox, role):
    response = browser_for(role).post(page("connection_settings", connection_one),
                                      {"firstname": "Mallory", "lastname": "X", "email": "agency-one@example.com"})

    assert response.status_code == 403
    assert account(sandbox).firstname != "Mallory"
    assert not AuditEvent.objects.exists()


# -- account tasks ------------------------------------------------------------------------------


def make_template_job(browser, connection):
    browser.post(reverse("sites:ws_templates_create", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID}),
                 {"name": "Starter"})
    job = Job.objects.latest("pk")
    tasks.run_job(job.pk)
    job.refresh_from_db()
    return job


def test_tasks_page_lists_account_tasks(browser_for, connection_one, sandbox):
    job = make_template_job(browser_for("member"), connection_one)

    html = browser_for("viewer").get(page("connection_tasks", connection_one)).content.decode()

    assert job.upstream_task_id in html
    assert "create_site_template" in html
    assert "DONE" in html


def test_tasks_page_filters(browser_for, connection_one, sandbox):
    job = make_template_job(browser_for("member"), connection_one)
    browser = browser_for("viewer")

    matching = browser.get(page("connection_tasks", connection_one),
                           {"task_type": "create_site_template", "task_status": "DONE"}).content.decode()
    other = browser.get(page("connection_tasks", connection_one),
                        {"task_type": "create_site_from_template"}).content.decode()

    assert job.upstream_task_id in matching
    assert job.upstream_task_id not in other
    assert "No account tasks match." in other


def test_tasks_page_rejects_unknown_filter(browser_for, connection_one, sandbox):
    response = browser_for("viewer").get(page("connection_tasks", connection_one), {"task_status": "SLEEPING"})

    assert response.status_code == 400
    assert "Task status SLEEPING does not exist; choose one from the list." in response.content.decode()


# -- tenancy ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "method", "with_user"), [
    ("connection_users", "get", False), ("connection_user_invite", "post", False),
    ("connection_user_roles", "post", True), ("connection_user_resend", "post", True),
    ("connection_user_remove", "post", True), ("connection_settings", "get", False),
    ("connection_settings", "post", False), ("connection_tasks", "get", False),
    ("connection_transfers", "get", False), ("connection_transfer_answer", "post", False),
])
def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, name, method, with_user):
    user_id = invited_id(browser_for("admin"), connection_one, sandbox)
    AuditEvent.objects.all().delete()
    kwargs = {"user_id": user_id} if with_user else {}
    data = {"firstname": "E", "lastname": "V", "email": "eve@example.com", "roles": ["user_admin"],
            "site_id": SITE_ID, "transfer_id": "abc", "decision": "accept"} if method == "post" else {}

    response = getattr(browser_for("outsider"), method)(page(name, connection_one, **kwargs), data)

    assert response.status_code == 404
    html = response.content.decode()
    assert INVITEE not in html
    assert "Agency 25" not in html
    assert set(account_users(sandbox)) == {"agency-one@example.com", INVITEE}
    assert account(sandbox).firstname != "E"
    assert not AuditEvent.objects.exists()


def test_tasks_fragment_polls_until_done(browser_for, connection_one, sandbox):
    browser = browser_for("viewer")
    with client_for(connection_one) as client:
        handle = site_templates.create_site_template(client, name="Direct", site_id=SITE_ID)

    running = browser.get(page("connection_tasks", connection_one), headers={"HX-Request": "true"})

    assert running.status_code == 200
    assert "HX-Request" in running["Vary"]
    html = running.content.decode()
    assert "<html" not in html
    assert handle.task_id in html
    assert 'hx-trigger="every 3s"' in html

    time.sleep(0.6)  # sandbox tasks here end after 0.4 s
    finished = browser.get(page("connection_tasks", connection_one), headers={"HX-Request": "true"})

    assert finished.status_code == 286
    assert "every 3s" not in finished.content.decode()
    assert "DONE" in finished.content.decode()
