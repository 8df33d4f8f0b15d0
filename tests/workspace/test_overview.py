"""Overview actions on the site page against the sandbox over real HTTP."""

import json
import re

import pytest
import requests
from django.core.cache import cache
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult, Role
from sites import selectors
from tests.browser import chromium_context
from tests.conftest import make_connection, make_user

SITE_ID = 1001  # Bright Bakery, brightbakery.com, on agency-one's account
HTMX = {"HTTP_HX_REQUEST": "true"}

WRITE_VIEWS = [
    "ws_overview_credentials", "ws_overview_wp_admin", "ws_overview_phpmyadmin", "ws_overview_lock",
    "ws_overview_unlock", "ws_overview_edit", "ws_overview_delete",
]
READ_VIEWS = ["ws_overview_usage", "ws_overview_wordpress"]


def url(name, connection, site_id=SITE_ID):
    return reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": site_id})


def add_fault(sandbox, **fault):
    response = requests.post(f"{sandbox.url}/_sandbox/faults", json=fault, timeout=5)
    assert response.status_code == 200, response.text


def site(sandbox):
    return sandbox.state.sites.get(SITE_ID)


# -- site page and reads ------------------------------------------------------------------------


def test_site_page_shows_overview_actions(browser_for, connection_one):
    html = browser_for("member").get(url("site_detail", connection_one)).content.decode()

    assert 'hx-history="false"' in html
    assert url("ws_overview_usage", connection_one) in html
    assert url("ws_overview_credentials", connection_one) in html
    assert "Open WordPress admin" in html
    assert "Lock site" in html
    assert "vendor/chart.umd.min.js" in html


def test_site_page_heading_shows_domain(browser_for, connection_one):
    html = browser_for("viewer").get(url("site_detail", connection_one)).content.decode()

    assert '<h1 class="h3 mb-3">Bright Bakery <small class="text-body-secondary fs-6">brightbakery.com</small></h1>' in html


def test_site_page_lists_newest_backup_first(browser_for, connection_one, sandbox):
    html = browser_for("viewer").get(url("site_detail", connection_one)).content.decode()

    backups_table = html[html.index("<h2 class=\"h5\">Backups</h2>"):]
    backups_table = backups_table[:backups_table.index("</table>")]
    created = re.findall(r"<td>[^<]*</td><td>[^<]*</td><td>([^<]+)</td>", backups_table)
    assert len(created) >= 2, backups_table
    assert created == sorted(created, reverse=True)


def test_site_page_hides_actions_from_viewer(browser_for, connection_one):
    html = browser_for("viewer").get(url("site_detail", connection_one)).content.decode()

    assert url("ws_overview_usage", connection_one) in html
    assert url("ws_overview_credentials", connection_one) not in html
    assert "Delete site" not in html


def test_usage_fragment_has_chart_and_table(browser_for, connection_one, sandbox):
    query = {"date_from": "2026-11-01", "date_to": "2026-11-07"}

    response = browser_for("viewer").get(url("ws_overview_usage", connection_one), query, **HTMX)

    html = response.content.decode()
    assert "HX-Request" in response["Vary"]
    assert "<html" not in html
    data = json.loads(html.split('id="usage-chart-data" type="application/json">')[1].split("</script>")[0])
    assert data["labels"] == [f"2026-11-0{day}" for day in range(1, 8)]
    assert len(data["visitors"]) == 7
    assert sum(data["visitors"]) > 0
    assert html.count("<tr><td>2026-11-0") == 7
    visitors_total = f"{sum(data['visitors']):,}"
    assert f'id="usage-total-visitors">{visitors_total}<' in html
    assert f"{site(sandbox).disk_usage_kb:,} KB" in html


def test_usage_rejects_reversed_dates(browser_for, connection_one):
    query = {"date_from": "2026-11-07", "date_to": "2026-11-01"}

    response = browser_for("viewer").get(url("ws_overview_usage", connection_one), query)

    assert response.status_code == 400
    assert "The start date 2026-11-07 is after the end date 2026-11-01: swap them." in response.content.decode()


def test_usage_rejects_invalid_date(browser_for, connection_one):
    response = browser_for("viewer").get(url("ws_overview_usage", connection_one), {"date_from": "yesterday",
                                                                                      "date_to": "2026-11-01"})

    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


def test_usage_api_error_shown_in_panel(browser_for, connection_one, sandbox):
    add_fault(sandbox, kind="client_error", status=400, method="GET", path="/v1/sites/*/usage")

    html = browser_for("viewer").get(url("ws_overview_usage", connection_one), **HTMX).content.decode()

    assert "Usage could not be loaded: " in html
    assert "sandbox fault: request rejected with 400" in html


def test_wordpress_status_shows_critical_error(browser_for, connection_one, sandbox):
    site(sandbox).extras["wordpress_error"] = "PHP Fatal error: Uncaught Error in wp-content/plugins/shop.php"

    html = browser_for("viewer").get(url("ws_overview_wordpress", connection_one), **HTMX).content.decode()

    assert "Critical error" in html
    assert "PHP Fatal error: Uncaught Error in wp-content/plugins/shop.php" in html


def test_wordpress_status_operational(browser_for, connection_one):
    html = browser_for("viewer").get(url("ws_overview_wordpress", connection_one)).content.decode()

    assert "Operational" in html
    assert 'aria-current="page">Overview<' in html


# -- credentials and sign-on --------------------------------------------------------------------


def test_credentials_revealed_not_cached(browser_for, connection_one, sandbox, caplog):
    response = browser_for("member").post(url("ws_overview_credentials", connection_one), **HTMX)

    html = response.content.decode()
    password = site(sandbox).extras["sftp_password"]
    assert password in html
    assert site(sandbox).sftp_username in html
    assert response["Cache-Control"] == "no-store"
    assert 'hx-history="false"' in html
    event = AuditEvent.objects.get(action="site.credentials_revealed")
    assert event.result == AuditResult.SUCCEEDED
    assert password not in json.dumps(event.detail)
    assert password not in caplog.text


def test_credentials_error_shown_by_button(browser_for, connection_one, sandbox):
    add_fault(sandbox, kind="client_error", status=403, method="GET", path="/v1/sites/*/credentials")

    response = browser_for("member").post(url("ws_overview_credentials", connection_one), **HTMX)

    html = response.content.decode()
    assert "The credentials could not be fetched: " in html
    assert "request rejected with 403" in html
    assert "Reveal SFTP credentials" in html
    assert AuditEvent.objects.get(action="site.credentials_revealed").result == AuditResult.FAILED


@pytest.mark.parametrize(("name", "action", "expected_path"), [
    ("ws_overview_wp_admin", "site.wp_admin_login", "/_sandbox/sites/1001/wp-admin/?rocket_sso_token="),
    ("ws_overview_phpmyadmin", "site.phpmyadmin_login", "/_sandbox/sites/1001/phpmyadmin/?sso_token="),
])
def test_sign_on_redirects_and_audits(browser_for, connection_one, sandbox, name, action, expected_path):
    response = browser_for("member").post(url(name, connection_one))

    assert response.status_code == 302
    # The sandbox returns links to pages it serves itself, and the dashboard redirects to them unchanged.
    assert response["Location"].startswith(sandbox.url + expected_path)
    assert AuditEvent.objects.get(action=action).result == AuditResult.SUCCEEDED


def test_sign_on_error_shown_on_site_page(browser_for, connection_one, sandbox):
    add_fault(sandbox, kind="server_error", status=500, method="GET", path="/v1/sites/*/wp/login")

    response = browser_for("member").post(url("ws_overview_wp_admin", connection_one), follow=True)

    assert response.redirect_chain[-1][0] == url("site_detail", connection_one)
    assert "sandbox fault: server error 500" in response.content.decode()
    assert AuditEvent.objects.get(action="site.wp_admin_login").result == AuditResult.FAILED


# -- lock -----------------------------------------------------------------------------------------


def test_lock_then_unlock(browser_for, connection_one, sandbox):
    browser = browser_for("member")

    locked = browser.post(url("ws_overview_lock", connection_one), **HTMX).content.decode()
    locked_holders = set(site(sandbox).lock_holders)
    unlocked = browser.post(url("ws_overview_unlock", connection_one), **HTMX).content.decode()

    assert locked_holders == {"user"}
    assert "The site is locked." in locked
    assert "Unlock site" in locked
    assert site(sandbox).lock_holders == set()
    assert "The site is unlocked." in unlocked
    assert "Lock site" in unlocked
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", "result"))
    assert actions == [("site.locked", AuditResult.SUCCEEDED), ("site.unlocked", AuditResult.SUCCEEDED)]


def test_unlock_error_shown_beside_button(browser_for, connection_one, sandbox):
    html = browser_for("member").post(url("ws_overview_unlock", connection_one), **HTMX).content.decode()

    assert 'class="alert alert-danger' in html
    assert "is not locked with Lock My Site" in html
    assert AuditEvent.objects.get(action="site.unlocked").result == AuditResult.FAILED


# -- edit -----------------------------------------------------------------------------------------


def test_edit_saves_label_and_metadata(browser_for, connection_one, sandbox):
    data = {"label": "Bright Bakery Shop", "metadata": '{"client": "ACME", "tier": "gold"}'}

    response = browser_for("member").post(url("ws_overview_edit", connection_one), data, follow=True)

    assert site(sandbox).label == "Bright Bakery Shop"
    assert site(sandbox).metadata == {"client": "ACME", "tier": "gold"}
    assert "Label and metadata saved." in response.content.decode()
    event = AuditEvent.objects.get(action="site.updated")
    assert event.detail == {"label": "Bright Bakery Shop", "metadata_fields": ["client", "tier"]}


def test_edit_refreshes_every_cached_fleet(browser_for, connection_one, outsider_connection, sandbox):
    # The other team reaches the same Rocket.net account, so its fleet lists the site too.
    member, other_team_owner = browser_for("member"), browser_for("outsider")
    assert "Bright Bakery</a>" in member.get(reverse("sites:fleet")).content.decode()
    assert "Bright Bakery</a>" in other_team_owner.get(reverse("sites:fleet")).content.decode()

    member.post(url("ws_overview_edit", connection_one), {"label": "Bright Bakery Shop", "metadata": ""})

    assert "Bright Bakery Shop</a>" in member.get(reverse("sites:fleet")).content.decode()
    assert "Bright Bakery Shop</a>" in other_team_owner.get(reverse("sites:fleet")).content.decode()


def test_edit_keeps_unrelated_fleet_cache(browser_for, connection_one, other_team, sandbox):
    cache.set(selectors._fleet_cache_key(other_team), "fleet of a team without this account")

    browser_for("member").post(url("ws_overview_edit", connection_one), {"label": "Bright Bakery Shop", "metadata": ""})

    assert cache.get(selectors._fleet_cache_key(other_team)) == "fleet of a team without this account"


def test_edit_form_shows_current_metadata(browser_for, connection_one, sandbox):
    site(sandbox).metadata = {"client": "ACME"}

    html = browser_for("member").get(url("ws_overview_edit", connection_one)).content.decode()

    assert 'value="Bright Bakery"' in html
    assert "&quot;client&quot;: &quot;ACME&quot;" in html


@pytest.mark.parametrize(("metadata", "expected"), [
    ('{"client": ', "Metadata is not valid JSON (line 1, column 11: Expecting value)"),
    ('["a", "b"]', 'Metadata must be a JSON object such as {&quot;client&quot;: &quot;ACME&quot;}, not [&quot;a&quot;'),
])
def test_edit_rejects_bad_metadata(browser_for, connection_one, sandbox, metadata, expected):
    response = browser_for("member").post(url("ws_overview_edit", connection_one),
                                          {"label": "New", "metadata": metadata})

    assert response.status_code == 400
    assert expected in response.content.decode()
    assert site(sandbox).label == "Bright Bakery"
    assert not AuditEvent.objects.exists()


def test_edit_locked_site_error_next_to_form(browser_for, connection_one, sandbox):
    site(sandbox).lock_holders.add("user")

    response = browser_for("member").post(url("ws_overview_edit", connection_one), {"label": "New", "metadata": ""})

    html = response.content.decode()
    assert response.status_code == 400
    form_start = html.index('id="overview-edit"')
    assert "locked" in html[form_start:]
    assert site(sandbox).label == "Bright Bakery"
    assert AuditEvent.objects.get(action="site.updated").result == AuditResult.FAILED


# -- delete ---------------------------------------------------------------------------------------


def test_delete_needs_exact_name(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_overview_delete", connection_one), {"confirm_name": "bright bakery"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "“bright bakery” does not match. Type the label or the domain exactly as shown" in html
    assert "“Bright Bakery” / “brightbakery.com”" in html
    assert site(sandbox) is not None
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("typed", ["Bright Bakery", "brightbakery.com"])
def test_delete_with_label_or_domain(browser_for, connection_one, sandbox, team, typed):
    cache.set(selectors._fleet_cache_key(team), "stale fleet")

    response = browser_for("member").post(url("ws_overview_delete", connection_one), {"confirm_name": typed},
                                          follow=True)

    assert site(sandbox) is None
    assert response.redirect_chain[-1][0] == reverse("sites:fleet")
    assert "Site Bright Bakery was deleted." in response.content.decode()
    assert "Bright Bakery</a>" not in response.content.decode()
    event = AuditEvent.objects.get(action="site.deleted")
    assert event.result == AuditResult.SUCCEEDED
    assert event.site_id == SITE_ID


def test_delete_api_error_next_to_form(browser_for, connection_one, sandbox):
    site(sandbox).lock_holders.add("fault")

    response = browser_for("member").post(url("ws_overview_delete", connection_one), {"confirm_name": "Bright Bakery"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "locked" in html[html.index('id="overview-delete"'):]
    assert site(sandbox) is not None
    assert AuditEvent.objects.get(action="site.deleted").result == AuditResult.FAILED


# -- roles ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", WRITE_VIEWS)
def test_viewer_gets_403_on_writes(browser_for, connection_one, sandbox, name):
    response = browser_for("viewer").post(url(name, connection_one),
                                          {"label": "X", "metadata": "", "confirm_name": "Bright Bakery"})

    assert response.status_code == 403
    assert site(sandbox).label == "Bright Bakery"
    assert site(sandbox).lock_holders == set()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("name", WRITE_VIEWS + READ_VIEWS)
def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, name):
    browser = browser_for("outsider")

    responses = [browser.get(url(name, connection_one)),
                 browser.post(url(name, connection_one), {"label": "X", "confirm_name": "Bright Bakery"})]

    for response in responses:
        assert response.status_code in (404, 405)
        assert "Bright Bakery" not in response.content.decode()
    assert 404 in [response.status_code for response in responses]
    assert site(sandbox).label == "Bright Bakery"
    assert not AuditEvent.objects.exists()


# -- in a real Chromium -------------------------------------------------------------------------

BROWSER_PASSWORD = "overview-browser-password-1357"


@pytest.fixture
def member_page(live_server, team, sandbox):
    """A Chromium page logged in as a member of `team`, whose connection reaches the sandbox."""
    user = make_user("overview-browser@agency-a.example", team, Role.MEMBER)
    user.set_password(BROWSER_PASSWORD)
    user.save()
    connection = make_connection(team, "Client One", sandbox.url)

    with chromium_context(live_server.url, 15_000) as context:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.email)
        page.fill("input[name=password]", BROWSER_PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(re.compile(r"^[^?#]*://[^/]+/$"))
        yield page, connection


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_browser_chart_credentials_and_lock(member_page, sandbox):
    page, connection = member_page

    page.goto(url("site_detail", connection))
    page.wait_for_selector("canvas[data-usage-chart][data-drawn='true']")
    chart_points = page.evaluate(
        "Chart.getChart(document.querySelector('canvas[data-usage-chart]')).data.datasets[0].data.length")
    table_rows = page.locator("#overview-usage tbody tr").count()
    page.click("text=Reveal SFTP credentials")
    page.wait_for_selector("#overview-credentials code")
    credentials_text = page.locator("#overview-credentials").inner_text()
    page.click("#overview-lock button")
    page.wait_for_selector("#overview-lock >> text=Unlock site")

    assert chart_points == 30
    assert table_rows == 30
    assert site(sandbox).extras["sftp_password"] in credentials_text
    assert site(sandbox).lock_holders == {"user"}
