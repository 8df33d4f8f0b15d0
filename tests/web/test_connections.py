"""Connection forms: credential checks against the sandbox, password handling and roles."""

import pytest
import requests
from django.test import override_settings
from django.urls import reverse

from accounts.models import Connection
from accounts.services import client_for
from rocketnet.services import account, sites
from tests.conftest import AGENCY_ONE, SANDBOX_PASSWORD


def connection_post(url, **overrides):
    data = {
        "label": "New client",
        "client_name": "New Client Ltd",
        "email": AGENCY_ONE,
        "api_base_url": url,
        "password": SANDBOX_PASSWORD,
    }
    data.update(overrides)
    return data


def test_add_connection_checks_login_and_saves(browser_for, team, sandbox):
    response = browser_for("admin").post(reverse("accounts:connection_add"), connection_post(sandbox.url))

    assert response.status_code == 302
    connection = Connection.objects.get(team=team, label="New client")
    assert connection.password == SANDBOX_PASSWORD
    assert connection.last_checked_at is not None
    assert connection.token_expires_at is not None
    assert connection.token.count(".") == 2


def test_add_connection_wrong_password_saves_nothing(browser_for, team, sandbox):
    response = browser_for("owner").post(
        reverse("accounts:connection_add"), connection_post(sandbox.url, password="wrong-password")
    )

    assert response.status_code == 400
    assert "rejected the email agency-one@example.com" in response.content.decode()
    assert not Connection.objects.filter(team=team).exists()


def test_add_connection_unreachable_api_saves_nothing(browser_for, team, closed_port_url):
    response = browser_for("owner").post(reverse("accounts:connection_add"), connection_post(closed_port_url))

    html = response.content.decode()
    assert response.status_code == 400
    assert "could not be reached" in html
    assert closed_port_url in html
    assert not Connection.objects.filter(team=team).exists()


@override_settings(ROCKETNET_READ_TIMEOUT=0.5)
def test_add_connection_timeout_saves_nothing(browser_for, team, silent_server_url):
    response = browser_for("owner").post(reverse("accounts:connection_add"), connection_post(silent_server_url))

    assert response.status_code == 400
    assert "did not answer in time" in response.content.decode()
    assert not Connection.objects.filter(team=team).exists()


@override_settings(ROCKETNET_READ_TIMEOUT=0.5)
def test_add_connection_sandbox_latency_is_timeout(browser_for, team, sandbox):
    fault = {"kind": "latency", "path": "/v1/login", "seconds": 2, "count": 1}
    assert requests.post(f"{sandbox.url}/_sandbox/faults", json=fault, timeout=5).status_code == 200

    response = browser_for("owner").post(reverse("accounts:connection_add"), connection_post(sandbox.url))

    assert response.status_code == 400
    assert "did not answer in time" in response.content.decode()


def test_add_connection_requires_password(browser_for, team, sandbox):
    response = browser_for("owner").post(reverse("accounts:connection_add"), connection_post(sandbox.url, password=""))

    assert response.status_code == 400
    assert "Enter the password of the Rocket.net account." in response.content.decode()


def test_duplicate_label_rejected_with_name(browser_for, team, connection_one):
    response = browser_for("owner").post(
        reverse("accounts:connection_add"), connection_post(connection_one.api_base_url, label="client one")
    )

    assert response.status_code == 400
    assert "already has a connection labelled client one" in response.content.decode()


def test_edit_form_never_renders_password(browser_for, connection_one):
    response = browser_for("owner").get(reverse("accounts:connection_edit", args=[connection_one.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert SANDBOX_PASSWORD not in html
    assert connection_one.password_encrypted not in html
    assert 'type="password"' in html
    assert "Leave empty to keep the stored password." in html


def test_failed_edit_does_not_render_submitted_password(browser_for, connection_one):
    response = browser_for("owner").post(
        reverse("accounts:connection_edit", args=[connection_one.pk]),
        connection_post(connection_one.api_base_url, label="Client One", password="typed-wrong-password"),
    )

    assert response.status_code == 400
    assert "typed-wrong-password" not in response.content.decode()


def test_edit_with_empty_password_keeps_stored_one(browser_for, connection_one):
    response = browser_for("admin").post(
        reverse("accounts:connection_edit", args=[connection_one.pk]),
        connection_post(connection_one.api_base_url, label="Client One renamed", password=""),
    )

    assert response.status_code == 302
    connection_one.refresh_from_db()
    assert connection_one.label == "Client One renamed"
    assert connection_one.password == SANDBOX_PASSWORD


def test_edit_with_wrong_new_password_keeps_old_row(browser_for, connection_one):
    response = browser_for("owner").post(
        reverse("accounts:connection_edit", args=[connection_one.pk]),
        connection_post(connection_one.api_base_url, label="Changed label", password="wrong-password"),
    )

    assert response.status_code == 400
    connection_one.refresh_from_db()
    assert connection_one.label == "Client One"
    assert connection_one.password == SANDBOX_PASSWORD


def test_delete_connection(browser_for, connection_one):
    response = browser_for("owner").post(reverse("accounts:connection_delete", args=[connection_one.pk]))

    assert response.status_code == 302
    assert not Connection.objects.filter(pk=connection_one.pk).exists()


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_lower_roles_cannot_manage_connections(browser_for, connection_one, role):
    browser = browser_for(role)

    add = browser.post(reverse("accounts:connection_add"), connection_post(connection_one.api_base_url))
    edit = browser.get(reverse("accounts:connection_edit", args=[connection_one.pk]))
    delete = browser.post(reverse("accounts:connection_delete", args=[connection_one.pk]))

    assert add.status_code == 403
    assert edit.status_code == 403
    assert delete.status_code == 403
    assert Connection.objects.filter(pk=connection_one.pk).exists()


def test_list_shows_team_connections_without_secrets(browser_for, connection_one):
    response = browser_for("viewer").get(reverse("accounts:connection_list"))

    html = response.content.decode()
    assert "Client One" in html
    assert SANDBOX_PASSWORD not in html
    assert "Add connection" not in html


def test_outsider_cannot_reach_connections(browser_for, connection_one):
    browser = browser_for("outsider")

    listing = browser.get(reverse("accounts:connection_list"))
    edit = browser.get(reverse("accounts:connection_edit", args=[connection_one.pk]))
    edit_post = browser.post(reverse("accounts:connection_edit", args=[connection_one.pk]),
                             connection_post(connection_one.api_base_url, label="Hijacked"))
    delete = browser.post(reverse("accounts:connection_delete", args=[connection_one.pk]))

    assert "Client One" not in listing.content.decode()
    assert edit.status_code == 404
    assert edit_post.status_code == 404
    assert delete.status_code == 404
    connection_one.refresh_from_db()
    assert connection_one.label == "Client One"


def test_client_for_stores_token_encrypted(connection_one):
    with client_for(connection_one) as client:
        me = account.get_me(client)

    row = Connection.objects.get(pk=connection_one.pk)
    assert me.email == AGENCY_ONE
    assert row.token.count(".") == 2
    assert row.token not in row.token_encrypted
    assert row.token_expires_at is not None


def test_client_for_reuses_stored_token(connection_one, sandbox):
    with client_for(connection_one) as client:
        sites.list_sites(client)
    first_token = Connection.objects.get(pk=connection_one.pk).token

    fresh = Connection.objects.get(pk=connection_one.pk)
    with client_for(fresh) as client:
        sites.list_sites(client)

    assert Connection.objects.get(pk=connection_one.pk).token == first_token
