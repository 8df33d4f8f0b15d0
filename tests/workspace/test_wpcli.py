"""The WP-CLI console against the sandbox over HTTP: runs, output, history, rejected characters."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult, Role
from sandbox.faults import build_fault
from sites.models import WPCLIRun
from tests.conftest import make_connection, make_user
from tests.web.test_browser_pages import USER_PASSWORD, browser_page, log_in  # noqa: F401 (fixture)

SITE_ID = 1001
OTHER_SITE_ID = 1002
HTMX = {"HX-Request": "true"}


def url(connection, name, site_id=SITE_ID):
    return reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": site_id})


def run(browser, connection, command, **kwargs):
    return browser.post(url(connection, "ws_wpcli_run"), {"command": command}, **kwargs)


@pytest.fixture
def wpcli_tripwire(sandbox):
    """A sandbox fault on the WP-CLI path that any request reaching it would use up."""
    fault = build_fault({"kind": "client_error", "status": 418, "method": "POST", "path": "/v1/sites/*/wpcli",
                         "count": 1})
    sandbox.state.faults.add(fault)
    return fault


def test_run_shows_output_and_stores_history(browser_for, connection_one, sandbox, users):
    response = run(browser_for("member"), connection_one, "plugin list", headers=HTMX)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="wpcli-console">')
    assert "wordfence\tactive\tavailable\t7.9" in page
    [stored] = WPCLIRun.objects.all()
    assert stored.command == "plugin list"
    assert stored.succeeded is True
    assert stored.site_id == SITE_ID
    assert stored.user == users["member"]
    assert f'data-latest-run="{stored.pk}"' in page
    [event] = AuditEvent.objects.filter(action="wpcli.run")
    assert event.result == AuditResult.SUCCEEDED
    assert event.target == "plugin list"


def test_error_line_marks_run_failed(browser_for, connection_one, sandbox):
    response = run(browser_for("member"), connection_one, "wp option get no_such_option")

    assert response.status_code == 302
    [stored] = WPCLIRun.objects.all()
    assert stored.command == "option get no_such_option"
    assert stored.succeeded is False
    assert stored.output.startswith("Error: Could not get 'no_such_option' option.")
    assert AuditEvent.objects.get(action="wpcli.run").result == AuditResult.FAILED

    page = browser_for("member").get(response.url).content.decode()
    assert "reported errors" in page
    assert f'data-latest-run="{stored.pk}"' in page


def test_output_is_escaped(browser_for, connection_one, sandbox):
    response = run(browser_for("member"), connection_one, '"<b>bold</b>" list', headers=HTMX)

    page = response.content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<b>bold</b>" not in page


@pytest.mark.parametrize("command, named", [
    ("plugin list; rm -rf /", "a semicolon (;)"),
    ("plugin list && echo", "an ampersand (&amp;)"),
    ("plugin list | grep x", "a pipe (|)"),
    ("option get `whoami`", "a backtick (`)"),
    ("option get $HOME", "a dollar sign ($)"),
    ("plugin list\ncore version", "a line break"),
])
def test_forbidden_character_never_sent(browser_for, connection_one, sandbox, wpcli_tripwire, command, named):
    response = run(browser_for("member"), connection_one, command, headers=HTMX)

    page = response.content.decode()
    assert response.status_code == 400
    assert f"The command contains {named}, which the WP-CLI endpoint rejects." in page
    assert 'data-error="wpcli"' in page
    assert wpcli_tripwire in sandbox.state.faults.faults
    assert WPCLIRun.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_api_error_shown_next_to_console(browser_for, connection_one, sandbox, wpcli_tripwire):
    response = run(browser_for("member"), connection_one, "core version", headers=HTMX)

    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-error="wpcli"' in page
    assert "418" in page
    assert wpcli_tripwire not in sandbox.state.faults.faults
    assert WPCLIRun.objects.count() == 0
    [event] = AuditEvent.objects.filter(action="wpcli.run")
    assert event.result == AuditResult.FAILED


def test_secret_option_values_masked(browser_for, connection_one, sandbox):
    response = run(browser_for("member"), connection_one, "user create bob bob@example.com --user_pass=hunter22",
                   headers=HTMX)

    page = response.content.decode()
    assert "hunter22" not in page
    [stored] = WPCLIRun.objects.all()
    assert stored.command == "user create bob bob@example.com --user_pass=***"
    event = AuditEvent.objects.get(action="wpcli.run")
    assert "hunter22" not in event.target
    assert "hunter22" not in str(event.detail)


def test_history_is_per_site(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    run(browser, connection_one, "core version")
    run(browser, connection_one, "theme list")
    browser.post(url(connection_one, "ws_wpcli_run", OTHER_SITE_ID), {"command": "cache flush"})

    page = browser.get(url(connection_one, "ws_wpcli")).content.decode()

    assert page.index("wp theme list") < page.index("wp core version")
    assert "cache flush" not in page
    assert WPCLIRun.objects.filter(site_id=OTHER_SITE_ID).count() == 1


def test_viewer_reads_history_but_cannot_run(browser_for, connection_one, sandbox, owner):
    WPCLIRun.objects.create(team=connection_one.team, connection=connection_one, site_id=SITE_ID,
                            command="core version", output="6.7.1", succeeded=True, user=owner)
    browser = browser_for("viewer")

    page = browser.get(url(connection_one, "ws_wpcli")).content.decode()
    response = run(browser, connection_one, "plugin list")

    assert "wp core version" in page
    assert url(connection_one, "ws_wpcli_run") not in page
    assert response.status_code == 403
    assert WPCLIRun.objects.count() == 1
    assert AuditEvent.objects.count() == 0


def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, owner, wpcli_tripwire):
    WPCLIRun.objects.create(team=connection_one.team, connection=connection_one, site_id=SITE_ID,
                            command="option get admin_email", output="secret-admin@brightbakery.com",
                            succeeded=True, user=owner)
    browser = browser_for("outsider")

    page_response = browser.get(url(connection_one, "ws_wpcli"))
    run_response = run(browser, connection_one, "plugin list")

    assert page_response.status_code == 404
    assert "secret-admin" not in page_response.content.decode()
    assert run_response.status_code == 404
    assert wpcli_tripwire in sandbox.state.faults.faults
    assert WPCLIRun.objects.count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_console_runs_in_browser(browser_page, team, sandbox):
    user = make_user("wpcli-browser@agency-a.example", team, Role.MEMBER)
    user.set_password(USER_PASSWORD)
    user.save()
    connection = make_connection(team, "Client One", sandbox.url)
    page = browser_page
    log_in(page, user)
    page.goto(url(connection, "ws_wpcli"))

    page.fill("#id_command", "option get blogname")
    page.locator("#wpcli-console button[type=submit]").click()
    page.wait_for_selector("[data-latest-run]")
    output = page.locator("[data-latest-run] pre").inner_text()
    page.fill("#id_command", "plugin list | head")
    page.locator("#wpcli-console button[type=submit]").click()
    page.wait_for_selector('[data-error="wpcli"]')

    assert output == "Bright Bakery"
    assert "a pipe (|)" in page.locator('[data-error="wpcli"]').first.inner_text()
    assert page.locator("details[data-run] summary").first.inner_text().startswith("wp option get blogname")
    assert page.url.endswith(url(connection, "ws_wpcli"))
    assert WPCLIRun.objects.count() == 1
