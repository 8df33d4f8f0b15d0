"""The plugins tab against the sandbox over HTTP: list, search, install, status, update, delete."""

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult, Role
from sandbox.handlers.plugins import installed_plugins
from tests.conftest import make_connection, make_user
from tests.web.test_browser_pages import USER_PASSWORD, browser_page, log_in  # noqa: F401 (fixture)

SITE_ID = 1001
HTMX = {"HX-Request": "true"}


def url(connection, name):
    return reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID})


def sandbox_plugins(sandbox):
    return installed_plugins(sandbox.state, sandbox.state.sites[SITE_ID])


def audit_rows(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_tab_lists_plugins_with_update_badges(browser_for, connection_one, sandbox):
    response = browser_for("member").get(url(connection_one, "ws_plugins"))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-slug="wordfence"' in page
    assert 'data-update-to="8.0.1"' in page
    assert 'data-update-to="5.5.1"' in page
    assert 'data-updates="2"' in page
    # Featured plugins come from the API with their install status.
    assert 'data-featured="wp-mail-smtp"' in page
    assert "HX-Request" in response.headers["Vary"]


def test_install_by_slugs_refreshes_panel(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_plugins_install"),
                                          {"slugs": "akismet, classic-editor", "activate": "on"}, headers=HTMX)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="package-panel">')
    assert 'data-slug="akismet"' in page
    assert response["HX-Trigger"] == "packages-changed"
    plugins = sandbox_plugins(sandbox)
    assert plugins["akismet"]["status"] == "active"
    assert plugins["classic-editor"]["status"] == "active"
    [event] = audit_rows("plugins.install")
    assert event.result == AuditResult.SUCCEEDED
    assert event.target == "akismet,classic-editor"
    assert event.site_id == SITE_ID


def test_install_unknown_slug_shows_note(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_plugins_install"),
                                          {"slugs": "no-such-plugin"}, headers=HTMX)

    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-error="install"' in page
    assert "no-such-plugin was not installed: 404: Plugin not found" in page
    assert "no-such-plugin" not in sandbox_plugins(sandbox)


def test_install_invalid_slug_rejected_before_api(browser_for, connection_one, sandbox):
    before = dict(sandbox_plugins(sandbox))

    response = browser_for("member").post(url(connection_one, "ws_plugins_install"), {"slugs": "akismet, Bad Slug!"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Bad Slug! is not a valid slug" in page
    assert sandbox_plugins(sandbox) == before
    assert audit_rows("plugins.install") == []


def test_activate_and_deactivate(browser_for, connection_one, sandbox):
    browser = browser_for("member")

    response = browser.post(url(connection_one, "ws_plugins_activate"), {"slug": "updraftplus"})
    assert response.status_code == 302
    assert sandbox_plugins(sandbox)["updraftplus"]["status"] == "active"

    response = browser.post(url(connection_one, "ws_plugins_deactivate"), {"slug": "woocommerce"}, headers=HTMX)
    assert response.status_code == 200
    assert sandbox_plugins(sandbox)["woocommerce"]["status"] == "inactive"

    assert [event.target for event in audit_rows("plugins.activate")] == ["updraftplus"]
    assert [event.target for event in audit_rows("plugins.deactivate")] == ["woocommerce"]


def test_api_error_shown_next_to_list(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_plugins_activate"), {"slug": "akismet"},
                                          headers=HTMX)

    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-error="action"' in page
    assert "plugin &#x27;akismet&#x27; is not installed on this site" in page
    [event] = audit_rows("plugins.activate")
    assert event.result == AuditResult.FAILED
    assert "not installed" in event.detail["error"]


def test_update_one_plugin(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_plugins_update"), {"slug": "wordfence"},
                                          headers=HTMX)

    assert response.status_code == 200
    plugins = sandbox_plugins(sandbox)
    assert plugins["wordfence"]["version"] == "8.0.1"
    assert plugins["redirection"]["version"] == "5.4.1"
    [event] = audit_rows("plugins.update")
    assert event.detail == {"from_version": "7.9", "to_version": "8.0.1"}


def test_update_selected_plugins(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_plugins_update"),
                                          {"scope": "selected", "selected": ["redirection", "woocommerce"]})

    assert response.status_code == 302
    plugins = sandbox_plugins(sandbox)
    assert plugins["redirection"]["version"] == "5.5.1"
    assert plugins["wordfence"]["version"] == "7.9"
    assert sorted(event.target for event in audit_rows("plugins.update")) == ["redirection", "woocommerce"]


def test_update_all_updates_only_outdated(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_plugins_update"), {"scope": "all"}, headers=HTMX)

    page = response.content.decode()
    assert response.status_code == 200
    plugins = sandbox_plugins(sandbox)
    assert plugins["redirection"]["version"] == "5.5.1"
    assert plugins["wordfence"]["version"] == "8.0.1"
    assert sorted(event.target for event in audit_rows("plugins.update")) == ["redirection", "wordfence"]
    assert "data-update-to" not in page


def test_update_selected_needs_a_tick(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_plugins_update"), {"scope": "selected"},
                                          headers=HTMX)

    assert response.status_code == 400
    assert "Tick at least one plugin in the list first." in response.content.decode()
    assert audit_rows("plugins.update") == []


def test_update_selected_rejects_unknown_slug(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_plugins_update"),
                                          {"scope": "selected", "selected": ["ghost-plugin"]}, headers=HTMX)

    assert response.status_code == 400
    assert "ghost-plugin is not installed on this site" in response.content.decode()


def test_delete_selected_plugins(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_plugins_delete"),
                                          {"scope": "selected", "selected": ["updraftplus", "redirection"]},
                                          headers=HTMX)

    page = response.content.decode()
    assert response.status_code == 200
    plugins = sandbox_plugins(sandbox)
    assert "updraftplus" not in plugins
    assert "redirection" not in plugins
    assert 'data-slug="updraftplus"' not in page
    [event] = audit_rows("plugins.delete")
    assert event.detail["slugs"] == ["updraftplus", "redirection"]


def test_delete_one_plugin_without_htmx(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_plugins_delete"), {"slug": "updraftplus"})

    assert response.status_code == 302
    assert response.url == url(connection_one, "ws_plugins")
    assert "updraftplus" not in sandbox_plugins(sandbox)


def test_search_fragment_lists_directory(browser_for, connection_one, sandbox):
    response = browser_for("member").get(url(connection_one, "ws_plugins_search"), {"q": "smtp"}, headers=HTMX)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="package-search-results"')
    assert 'data-result="wp-mail-smtp"' in page
    assert 'data-result="woocommerce"' not in page


def test_search_rejects_unknown_order(browser_for, connection_one, sandbox):
    response = browser_for("member").get(url(connection_one, "ws_plugins"), {"q": "seo", "browse": "oldest"})

    assert response.status_code == 400
    assert "oldest is not a directory order" in response.content.decode()


def test_search_orders_have_labels(browser_for, connection_one, sandbox):
    page = browser_for("member").get(url(connection_one, "ws_plugins")).content.decode()

    assert '<option value="top-rated">Top rated</option>' in page
    assert '<option value="updated">Recently updated</option>' in page


def test_cdn_plugin_install(browser_for, connection_one, sandbox):
    plugins = sandbox_plugins(sandbox)
    del plugins["rocket-cdn-cache-management"]

    response = browser_for("member").post(url(connection_one, "ws_plugins_cdn"), headers=HTMX)

    assert response.status_code == 200
    assert sandbox_plugins(sandbox)["rocket-cdn-cache-management"]["status"] == "active"
    assert "The Rocket.net CDN cache plugin was installed." in response.content.decode()
    [event] = audit_rows("plugins.install_cdn_cache")
    assert event.result == AuditResult.SUCCEEDED


WRITES = [
    ("ws_plugins_install", {"slugs": "akismet"}),
    ("ws_plugins_activate", {"slug": "updraftplus"}),
    ("ws_plugins_deactivate", {"slug": "woocommerce"}),
    ("ws_plugins_update", {"slug": "wordfence"}),
    ("ws_plugins_delete", {"slug": "updraftplus"}),
    ("ws_plugins_cdn", {}),
]
READS = [("ws_plugins", {}), ("ws_plugins_search", {"q": "seo"})]


def test_viewer_reads_but_cannot_write(browser_for, connection_one, sandbox):
    browser = browser_for("viewer")
    before = {slug: dict(item) for slug, item in sandbox_plugins(sandbox).items()}

    page = browser.get(url(connection_one, "ws_plugins")).content.decode()
    assert 'data-slug="wordfence"' in page
    assert url(connection_one, "ws_plugins_install") not in page

    for name, data in WRITES:
        response = browser.post(url(connection_one, name), data)
        assert response.status_code == 403, name

    assert sandbox_plugins(sandbox) == before
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize("name, data", WRITES + READS)
def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, name, data):
    browser = browser_for("outsider")
    method = browser.get if (name, data) in READS else browser.post

    response = method(url(connection_one, name), data)

    assert response.status_code == 404
    assert "wordfence" not in response.content.decode()
    assert "akismet" not in sandbox_plugins(sandbox)


# -- in a real browser ----------------------------------------------------------------------------


@pytest.fixture
def browser_member(team, sandbox):
    user = make_user("plugins-browser@agency-a.example", team, Role.MEMBER)
    user.set_password(USER_PASSWORD)
    user.save()
    return user, make_connection(team, "Client One", sandbox.url)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_row_buttons_refresh_panel_in_browser(browser_page, browser_member, sandbox):
    page = browser_page
    user, connection = browser_member
    log_in(page, user)
    page.goto(url(connection, "ws_plugins"))
    page.on("dialog", lambda dialog: dialog.accept())

    page.locator('tr[data-slug="wordfence"] button', has_text="Update").click()
    page.wait_for_selector('tr[data-slug="wordfence"] [data-update-to]', state="detached")
    page.locator('tr[data-slug="updraftplus"] button', has_text="Delete").click()
    page.wait_for_selector('tr[data-slug="updraftplus"]', state="detached")
    page.fill("#search_q", "smtp")
    page.locator("form[role=search] button").click()
    page.locator('[data-result="wp-mail-smtp"] button', has_text="Install").click()
    page.wait_for_selector('tr[data-slug="wp-mail-smtp"]')
    # The search results reload after the install and badge the plugin as installed.
    page.wait_for_selector('[data-result="wp-mail-smtp"] .badge')
    page.fill("#install_slugs", "no-such-plugin")
    page.locator("#install-form button[type=submit]").click()
    page.wait_for_selector('[data-error="install"]')

    plugins = sandbox_plugins(sandbox)
    assert plugins["wordfence"]["version"] == "8.0.1"
    assert "updraftplus" not in plugins
    assert "wp-mail-smtp" in plugins
    assert page.url.endswith(url(connection, "ws_plugins"))
    assert "no-such-plugin was not installed" in page.locator('[data-error="install"]').inner_text()
    assert [event.action for event in AuditEvent.objects.order_by("pk")] == [
        "plugins.update", "plugins.delete", "plugins.install", "plugins.install"]


def test_tab_in_simplified_chinese(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    page = browser.get(url(connection_one, "ws_plugins")).content.decode()

    assert "已安装的插件" in page
    assert "可更新到 8.0.1" in page
    assert "推荐插件" in page
