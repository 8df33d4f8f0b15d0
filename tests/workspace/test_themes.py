"""The themes tab against the sandbox over HTTP: list, search, install, activate, update, delete."""

import pytest
from django.urls import NoReverseMatch, reverse

from accounts.models import AuditEvent, AuditResult
from sandbox.handlers.themes import installed_themes

SITE_ID = 1001
HTMX = {"HX-Request": "true"}


def url(connection, name):
    return reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID})


def sandbox_themes(sandbox):
    return installed_themes(sandbox.state, sandbox.state.sites[SITE_ID])


def audit_rows(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_tab_lists_themes_with_updates(browser_for, connection_one, sandbox):
    response = browser_for("member").get(url(connection_one, "ws_themes"))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-slug="twentytwentyfive"' in page
    assert 'data-update-to="4.8.7"' in page
    assert 'data-update-to="4.0.2"' in page
    assert "Featured plugins" not in page
    assert "cdn-cache-plugin" not in page


def row(page, slug):
    start = page.index(f'<tr data-slug="{slug}">')
    return page[start:page.index("</tr>", start)]


def test_active_theme_row_offers_no_deactivate_or_delete(browser_for, connection_one, sandbox):
    page = browser_for("member").get(url(connection_one, "ws_themes")).content.decode()

    active = row(page, "twentytwentyfive")
    inactive = row(page, "astra")
    assert "To deactivate or delete this theme, activate another theme first." in active
    assert "Deactivate" not in active
    assert "Delete" not in active.replace("To deactivate or delete", "")
    assert "Activate" in inactive
    assert "Delete" in inactive


def test_install_help_gives_theme_slugs(browser_for, connection_one, sandbox):
    page = browser_for("member").get(url(connection_one, "ws_themes")).content.decode()

    assert "for example twentytwentyfour, astra." in page
    assert 'placeholder="twentytwentyfour, astra"' in page
    assert "akismet" not in page


def test_install_empty_names_theme_example(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_themes_install"), {"slugs": " , "})

    assert response.status_code == 400
    assert "Enter at least one slug, for example twentytwentyfour." in response.content.decode()


def test_activate_theme_switches_active(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_themes_activate"), {"slug": "astra"}, headers=HTMX)

    assert response.status_code == 200
    themes = sandbox_themes(sandbox)
    assert themes["astra"]["status"] == "active"
    assert themes["twentytwentyfive"]["status"] == "inactive"
    [event] = audit_rows("themes.activate")
    assert event.target == "astra"
    assert event.result == AuditResult.SUCCEEDED


def test_deactivate_active_theme_shows_api_error(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_themes_deactivate"), {"slug": "twentytwentyfive"},
                                          headers=HTMX)

    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-error="action"' in page
    assert "activate another theme instead" in page
    assert sandbox_themes(sandbox)["twentytwentyfive"]["status"] == "active"
    [event] = audit_rows("themes.deactivate")
    assert event.result == AuditResult.FAILED


def test_update_all_themes(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_themes_update"), {"scope": "all"})

    assert response.status_code == 302
    themes = sandbox_themes(sandbox)
    assert themes["astra"]["version"] == "4.8.7"
    assert themes["oceanwp"]["version"] == "4.0.2"
    assert sorted(event.target for event in audit_rows("themes.update")) == ["astra", "oceanwp"]


def test_install_theme(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_themes_install"), {"slugs": "kadence"},
                                          headers=HTMX)

    assert response.status_code == 200
    assert sandbox_themes(sandbox)["kadence"]["status"] == "inactive"
    assert 'data-slug="kadence"' in response.content.decode()
    [event] = audit_rows("themes.install")
    assert event.detail == {"slugs": ["kadence"], "activate": False}


def test_delete_active_theme_reports_note(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_themes_delete"),
                                          {"scope": "selected", "selected": ["oceanwp", "twentytwentyfive"]},
                                          headers=HTMX)

    page = response.content.decode()
    assert response.status_code == 400
    assert "twentytwentyfive was not deleted: cannot delete the active theme" in page
    themes = sandbox_themes(sandbox)
    assert "oceanwp" not in themes
    assert "twentytwentyfive" in themes


def test_search_themes_without_htmx(browser_for, connection_one, sandbox):
    response = browser_for("member").get(url(connection_one, "ws_themes_search"), {"q": "kadence"})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-result="kadence"' in page
    assert 'data-result="astra"' not in page
    assert 'data-slug="astra"' in page


WRITES = [
    ("ws_themes_install", {"slugs": "kadence"}),
    ("ws_themes_activate", {"slug": "astra"}),
    ("ws_themes_deactivate", {"slug": "astra"}),
    ("ws_themes_update", {"scope": "all"}),
    ("ws_themes_delete", {"slug": "oceanwp"}),
]
READS = [("ws_themes", {}), ("ws_themes_search", {"q": "astra"})]


def test_viewer_cannot_change_themes(browser_for, connection_one, sandbox):
    browser = browser_for("viewer")
    before = {slug: dict(item) for slug, item in sandbox_themes(sandbox).items()}

    for name, data in WRITES:
        response = browser.post(url(connection_one, name), data)
        assert response.status_code == 403, name

    assert sandbox_themes(sandbox) == before
    assert AuditEvent.objects.count() == 0


def test_themes_have_no_cdn_route(connection_one):
    with pytest.raises(NoReverseMatch):
        url(connection_one, "ws_themes_cdn")


@pytest.mark.parametrize("name, data", WRITES + READS)
def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, name, data):
    browser = browser_for("outsider")
    method = browser.get if (name, data) in READS else browser.post

    response = method(url(connection_one, name), data)

    assert response.status_code == 404
    assert "twentytwentyfive" not in response.content.decode()
    assert "kadence" not in sandbox_themes(sandbox)
