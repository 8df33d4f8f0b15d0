"""Connection form checks found by a user test: URL scheme, /v1, secrets in error pages, duplicates."""

import logging

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.views.debug import ExceptionReporter

from accounts.debug import SECRET_HIDING_FILTER, hide_secrets_in_error_reports
from accounts.models import Connection
from accounts.services import client_for
from rocketnet import Client
from rocketnet.services import account
from tests.conftest import AGENCY_ONE, SANDBOX_PASSWORD, make_connection
from tests.web.test_connections import connection_post


def test_ftp_base_url_is_a_field_error(browser_for, team):
    response = browser_for("admin").post(
        reverse("accounts:connection_add"), connection_post("ftp://127.0.0.1:8201", label="Typed label")
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "“ftp://127.0.0.1:8201” does not start with http:// or https://" in html
    assert 'value="Typed label"' in html
    assert SANDBOX_PASSWORD not in html
    assert not Connection.objects.filter(team=team).exists()


def test_edit_with_ftp_base_url_keeps_row(browser_for, team, sandbox):
    connection = make_connection(team, "Client One", sandbox.url)

    response = browser_for("owner").post(reverse("accounts:connection_edit", args=[connection.pk]),
                                         connection_post("ftp://127.0.0.1:8201", label="Client One"))

    connection.refresh_from_db()
    assert response.status_code == 400
    assert "does not start with http:// or https://" in response.content.decode()
    assert connection.api_base_url == sandbox.url


def test_base_url_with_v1_is_normalised(browser_for, team, sandbox):
    response = browser_for("admin").post(reverse("accounts:connection_add"), connection_post(sandbox.url + "/v1/"))

    assert response.status_code == 302
    assert Connection.objects.get(team=team).api_base_url == sandbox.url


def test_base_url_with_password_rejected(browser_for, team, sandbox):
    url = sandbox.url.replace("http://", "http://someone:url-secret@")

    response = browser_for("admin").post(reverse("accounts:connection_add"), connection_post(url))

    html = response.content.decode()
    assert response.status_code == 400
    assert f"cannot contain a user name and password, so they were removed. Check {sandbox.url}" in html
    assert f'value="{sandbox.url}"' in html
    assert "url-secret" not in html


def test_invalid_connection_email_names_value(browser_for, team):
    response = browser_for("admin").post(reverse("accounts:connection_add"),
                                         connection_post("http://127.0.0.1:9", email="agency one at example"))

    assert response.status_code == 400
    assert "“agency one at example” is not a valid email address" in response.content.decode()


def test_same_account_twice_rejected(browser_for, team, sandbox):
    make_connection(team, "Agency one", sandbox.url, email=AGENCY_ONE)

    response = browser_for("admin").post(
        reverse("accounts:connection_add"),
        connection_post(sandbox.url.replace("127.0.0.1", "127.0.0.1") + "/", label="Agency one copy",
                        email=AGENCY_ONE.upper()),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "through the connection Agency one" in html
    assert Connection.objects.filter(team=team).count() == 1


def test_same_account_allowed_in_other_team(browser_for, team, other_team, sandbox):
    make_connection(other_team, "Agency one", sandbox.url, email=AGENCY_ONE)

    response = browser_for("admin").post(reverse("accounts:connection_add"), connection_post(sandbox.url))

    assert response.status_code == 302
    assert Connection.objects.filter(team=team).count() == 1


def test_editing_a_connection_is_not_a_duplicate(browser_for, team, sandbox):
    connection = make_connection(team, "Agency one", sandbox.url, email=AGENCY_ONE)

    response = browser_for("admin").post(reverse("accounts:connection_edit", args=[connection.pk]),
                                         connection_post(sandbox.url, label="Agency one renamed"))

    assert response.status_code == 302
    connection.refresh_from_db()
    assert connection.label == "Agency one renamed"


@pytest.mark.parametrize("name", ["accounts:connection_add", "accounts:login"])
def test_password_views_use_secret_filter(client, browser_for, name):
    browser = client if name == "accounts:login" else browser_for("admin")

    response = browser.post(reverse(name), {"password": "form-secret"})

    request = response.wsgi_request
    assert request.exception_reporter_filter is SECRET_HIDING_FILTER
    assert SECRET_HIDING_FILTER.get_post_parameters(request)["password"] != "form-secret"


def _failing_view(request):
    password = request.POST["password"]
    Client(base_url="ftp://127.0.0.1:9", username="a@example.com", password=password)


@override_settings(DEBUG=True)
def test_debug_page_hides_password(db):
    # Built at run time, because the debug page also shows the source lines around each frame.
    secret = "-".join(["typed", "secret"])
    view = hide_secrets_in_error_reports("password")(_failing_view)
    request = RequestFactory().post("/accounts/connections/add/", {"password": secret})

    with pytest.raises(ValueError) as raised:
        view(request)
    # The report starts below this test's frame, whose own `secret` local is not the product's doing.
    html = ExceptionReporter(request, raised.type, raised.value, raised.tb.tb_next).get_traceback_html()

    assert secret not in html
    assert "ftp://127.0.0.1:9" in html


def _undecorated_failing_view(request):
    ftp_password = request.POST["ftp_password"]
    raise RuntimeError(f"upstream failed for a password of {len(ftp_password)} characters")


@override_settings(DEBUG=True)
def test_debug_page_hides_secret_names_everywhere(db):
    secret = "-".join(["ftp", "secret"])
    request = RequestFactory().post("/sites/1/ftp/", {"ftp_password": secret, "username": "deploy"})

    with pytest.raises(RuntimeError) as raised:
        _undecorated_failing_view(request)
    html = ExceptionReporter(request, raised.type, raised.value, raised.tb.tb_next).get_traceback_html()

    assert secret not in html
    assert "deploy" in html


def test_client_error_hides_url_password():
    with pytest.raises(ValueError) as raised:
        Client(base_url="ftp://user:url-secret@127.0.0.1:9/api", username="a@example.com", password="x")

    assert "url-secret" not in str(raised.value)
    assert "ftp://127.0.0.1:9/api" in str(raised.value)


def test_login_through_client_records_check(team, sandbox):
    connection = make_connection(team, "Agency one", sandbox.url)
    assert connection.last_checked_at is None

    with client_for(connection) as client:
        account.get_me(client)

    connection.refresh_from_db()
    assert connection.last_checked_at is not None
    assert connection.token_expires_at is not None


def test_forbidden_logged_without_traceback(browser_for, caplog):
    console = next(handler for handler in logging.getLogger().handlers if handler.filters)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = browser_for("viewer").post(reverse("accounts:connection_add"))

    record = next(record for record in caplog.records if record.name == "django.request")
    assert response.status_code == 403
    assert console.filter(record)
    assert "Traceback" not in console.format(record)
    assert "Forbidden" in console.format(record)
