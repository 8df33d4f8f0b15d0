"""htmx behaviour in a real Chromium: back button, expired session, CSRF header, errors beside forms.

The product runs in pytest-django's live server and the sandbox in a thread. Chromium is Debian's
/usr/bin/chromium: without it these tests are skipped, or fail when CI=true, as in tests/e2e.
"""

import re
from urllib.parse import quote

import pytest

from accounts.models import AuditEvent, Role
from tests.browser import chromium_context
from tests.conftest import make_connection, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USER_PASSWORD = "htmx-browser-password-1357"
UI_TIMEOUT_MS = 15_000
SITE_ID = 1001


@pytest.fixture
def browser_context(live_server):
    with chromium_context(live_server.url, UI_TIMEOUT_MS) as context:
        yield context


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()


@pytest.fixture
def member(team, sandbox):
    user = make_user("htmx-member@agency-a.example", team, Role.MEMBER)
    user.set_password(USER_PASSWORD)
    user.save()
    connection = make_connection(team, "Client One", sandbox.url, email="agency-one@example.com")
    make_connection(team, "Client Two", sandbox.url, email="agency-two@example.com")
    return user, connection


def log_in(page, user, *, expect_path="/"):
    page.goto("/accounts/login/")
    submit_login(page, user)
    page.wait_for_url(re.compile(rf"^[^?#]*://[^/]+{re.escape(expect_path)}$"))


def submit_login(page, user):
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", USER_PASSWORD)
    page.click("main form button[type=submit]")


def table_labels(page):
    return [text.strip() for text in page.locator("#fleet-table tbody tr td:first-child a").all_inner_texts()]


def test_back_button_restores_whole_page(page, member):
    user, _connection = member
    log_in(page, user)
    # The fleet starts sorted by label, so the first click sorts it descending.
    page.click("#fleet-table th >> text=Label")
    page.wait_for_url(re.compile(r"sort=-label"))
    page.fill("#fleet-search", "bakery")
    page.wait_for_url(re.compile(r"q=bakery"))
    page.wait_for_function("document.querySelectorAll('#fleet-table tbody tr').length === 1")

    page.go_back()
    page.wait_for_url(re.compile(r"\?sort=-label$"))
    page.wait_for_load_state("load")
    page.wait_for_function("document.querySelectorAll('#fleet-table tbody tr').length > 1")

    assert page.locator("nav.navbar").count() == 1
    assert page.locator("#fleet-table").count() == 1
    assert page.locator("#fleet-search").count() == 1
    labels = table_labels(page)
    assert labels == sorted(labels, key=str.lower, reverse=True)
    assert page.evaluate("sessionStorage.getItem('htmx-history-cache')") is None


def test_expired_session_returns_user_to_page(page, browser_context, member, owner):
    user, _connection = member
    log_in(page, user)
    page.goto("/accounts/team/audit/?result=succeeded")
    browser_context.clear_cookies()

    page.select_option("#id_result", "failed")
    page.wait_for_url(re.compile(r"/accounts/login/\?next="))

    assert page.url.endswith("/accounts/login/?next=" + quote("/accounts/team/audit/?result=succeeded", safe="/"))
    assert page.locator("nav.navbar").count() == 1
    submit_login(page, user)
    page.wait_for_url(re.compile(r"/accounts/team/audit/\?result=succeeded$"))
    assert page.locator("#audit-filters").count() == 1


def test_htmx_post_sends_csrf_in_header(page, member, sandbox):
    user, connection = member
    log_in(page, user)
    page.goto(f"/connections/{connection.pk}/sites/{SITE_ID}/")
    # Only the body's hx-headers can now carry the token.
    removed = page.evaluate("""() => {
        const inputs = document.querySelectorAll('#overview-lock input[name=csrfmiddlewaretoken]');
        inputs.forEach((input) => input.remove());
        return inputs.length;
    }""")

    page.click("#overview-lock button[type=submit]")
    page.wait_for_selector("#overview-lock >> text=Unlock site")

    assert removed == 1
    assert sandbox.state.sites[SITE_ID].is_locked
    assert AuditEvent.objects.get().action == "site.locked"
    plain_status = page.evaluate("""async (url) => {
        const response = await fetch(url, {method: 'POST', body: new URLSearchParams()});
        return response.status;
    }""", f"/connections/{connection.pk}/sites/{SITE_ID}/overview/unlock/")
    assert plain_status == 403
    assert sandbox.state.sites[SITE_ID].is_locked


def test_api_error_appears_beside_form(page, member, sandbox):
    user, connection = member
    log_in(page, user)
    page.goto(f"/connections/{connection.pk}/sites/{SITE_ID}/plugins/")

    page.fill("#install_slugs", "no-such-plugin")
    page.locator("#install-form button[type=submit]").click()
    page.wait_for_selector('#install-form [data-error="install"]')

    assert "no-such-plugin was not installed" in page.locator('#install-form [data-error="install"]').inner_text()
    assert page.locator("nav.navbar").count() == 1
    assert page.url.endswith(f"/connections/{connection.pk}/sites/{SITE_ID}/plugins/")


def test_rejected_filter_swapped_in_without_opt_in(page, member):
    """The audit log has no before-swap handler, so this relies on the htmx-config in base.html."""
    user, _connection = member
    log_in(page, user)
    page.goto("/accounts/team/audit/")

    page.fill("#id_date_to", "2026-01-01")
    page.fill("#id_date_from", "2026-02-01")
    page.click("#audit-filters button[type=submit]")
    page.wait_for_selector("#audit-table >> text=The end date 2026-01-01 is before the start date 2026-02-01.")

    assert page.locator("nav.navbar").count() == 1
    assert page.locator("#audit-table").count() == 1
