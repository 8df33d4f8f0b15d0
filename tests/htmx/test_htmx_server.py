"""htmx behaviour seen from the server: fragments and Vary, expired sessions, polling, CSRF, secrets."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, Role
from sites.bulk.models import BulkAction, BulkItem, BulkJob, ItemStatus
from sites.models import Job, JobKind, JobStatus
from tests.conftest import make_connection
from tests.roles.url_world import (  # noqa: F401 (sandbox, shared_sandbox and world are fixtures)
    SITE_ID, project_patterns, route_kwargs, sandbox, shared_sandbox, world,
)

HTMX = {"HX-Request": "true"}
HTMX_STOP_POLLING = 286
PATTERNS = project_patterns()


def has_navbar(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return b'class="navbar' in body


def vary_names(response):
    return {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}


# -- one view, two shapes --------------------------------------------------------------------------


@pytest.mark.parametrize("name, route", PATTERNS, ids=[name for name, _route in PATTERNS])
def test_fragment_responses_vary_on_hx_request(world, name, route):
    """Wherever an htmx GET gets a different shape than a plain GET, both responses carry Vary: HX-Request.

    Without it a browser may answer a plain navigation (back, reload) with a cached fragment.
    """
    url = world.url(name, route)
    browser = world.browser_for(Role.OWNER)

    plain = browser.get(url)
    fragment = browser.get(url, headers={**HTMX, "HX-Current-URL": f"http://testserver{url}"})
    if plain.status_code == 405 or has_navbar(plain) == has_navbar(fragment):
        return

    assert "hx-request" in vary_names(plain), f"GET {url} ({name}) full page lacks Vary: HX-Request"
    assert "hx-request" in vary_names(fragment), f"GET {url} ({name}) fragment lacks Vary: HX-Request"


@pytest.mark.parametrize("name, kwargs_of", [
    ("sites:fleet", lambda world: {}),
    ("sites:job_detail", lambda world: {"pk": world.job.pk}),
    ("accounts:audit_log", lambda world: {}),
    ("sites:bulk:detail", lambda world: {"pk": world.bulk_job.pk}),
])
def test_view_serves_page_or_fragment(world, name, kwargs_of):
    url = reverse(name, kwargs=kwargs_of(world))
    browser = world.browser_for(Role.VIEWER)

    page = browser.get(url)
    fragment = browser.get(url, headers=HTMX)

    assert page.status_code == 200
    assert has_navbar(page)
    assert fragment.status_code in (200, HTMX_STOP_POLLING)
    assert not has_navbar(fragment)
    assert "<html" not in fragment.content.decode()
    assert "hx-request" in vary_names(page)
    assert "hx-request" in vary_names(fragment)


def test_history_restore_request_gets_whole_page(browser_for, team):
    response = browser_for("viewer").get(reverse("accounts:audit_log"), {"result": "failed"},
                                         headers={**HTMX, "HX-History-Restore-Request": "true"})

    assert has_navbar(response)
    assert "<html" in response.content.decode()


def test_fleet_history_restore_gets_whole_page(browser_for, team, sandbox):
    response = browser_for("viewer").get(reverse("sites:fleet"), {"sort": "domain"},
                                         headers={**HTMX, "HX-History-Restore-Request": "true"})

    assert has_navbar(response)
    assert "<html" in response.content.decode()


# -- expired session -------------------------------------------------------------------------------


def test_expired_session_redirects_to_login_with_page(client, team):
    page = "/accounts/team/audit/?result=failed&action=cache.purge"

    response = client.get(reverse("accounts:audit_log"), {"result": "succeeded"},
                          headers={**HTMX, "HX-Current-URL": f"http://testserver{page}"})

    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=/accounts/team/audit/%3Fresult%3Dfailed%26action%3Dcache.purge"


def test_expired_session_post_redirects_to_page_not_endpoint(client, team):
    response = client.post(reverse("accounts:member_add"), {"email": "x@example.com", "role": "viewer"},
                           headers={**HTMX, "HX-Current-URL": "http://testserver/accounts/team/members/"})

    assert response["HX-Redirect"] == "/accounts/login/?next=/accounts/team/members/"


def test_login_returns_to_page_from_hx_redirect(client, owner):
    page = "/accounts/team/audit/?result=failed"
    redirect = client.get(reverse("accounts:audit_log"),
                          headers={**HTMX, "HX-Current-URL": f"http://testserver{page}"})["HX-Redirect"]
    login_page = client.get(redirect)

    response = client.post(redirect, {"username": owner.email, "password": "user-password-for-tests",
                                      "next": login_page.context["next"]})

    assert response.status_code == 302
    assert response.url == page
    assert client.get(response.url).status_code == 200


def test_login_redirect_stays_on_this_site(client, owner):
    response = client.post("/accounts/login/", {"username": owner.email, "password": "user-password-for-tests",
                                                "next": "https://elsewhere.example/steal"})

    assert response.url == reverse("sites:fleet")


# -- polling ---------------------------------------------------------------------------------------


@pytest.fixture
def offline_connection(team):
    return make_connection(team, "Offline client", "http://127.0.0.1:9")


def test_job_polling_stops_with_286(browser_for, offline_connection, owner):
    job = Job.objects.create(team=offline_connection.team, connection=offline_connection, site_id=SITE_ID,
                             kind=JobKind.CLONE, params={"label": "Copy"}, created_by=owner)
    browser = browser_for("viewer")

    running = browser.get(reverse("sites:job_detail", args=[job.pk]), headers=HTMX)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED, finished_at=timezone.now())
    finished = browser.get(reverse("sites:job_detail", args=[job.pk]), headers=HTMX)

    assert running.status_code == 200
    assert 'hx-trigger="every 2s"' in running.content.decode()
    assert finished.status_code == HTMX_STOP_POLLING
    assert 'hx-trigger="every' not in finished.content.decode()


def test_bulk_polling_stops_with_286(browser_for, offline_connection, owner):
    job = BulkJob.objects.create(team=offline_connection.team, action=BulkAction.PURGE_CACHE, created_by=owner)
    item = BulkItem.objects.create(bulk_job=job, connection=offline_connection, site_id=SITE_ID)
    browser = browser_for("viewer")

    running = browser.get(reverse("sites:bulk:detail", args=[job.pk]), headers=HTMX)
    BulkItem.objects.filter(pk=item.pk).update(status=ItemStatus.SUCCEEDED, finished_at=timezone.now())
    finished = browser.get(reverse("sites:bulk:detail", args=[job.pk]), headers=HTMX)

    assert running.status_code == 200
    assert 'hx-trigger="every 2s"' in running.content.decode()
    assert finished.status_code == HTMX_STOP_POLLING


def test_plain_job_page_never_gets_286(browser_for, offline_connection, owner):
    job = Job.objects.create(team=offline_connection.team, connection=offline_connection, site_id=SITE_ID,
                             kind=JobKind.CLONE, status=JobStatus.FAILED, created_by=owner)

    response = browser_for("viewer").get(reverse("sites:job_detail", args=[job.pk]))

    assert response.status_code == 200


# -- CSRF in a header ------------------------------------------------------------------------------


def csrf_token_from_body(html):
    match = re.search(r"<body hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'", html)
    assert match, "the body tag carries no hx-headers with X-CSRFToken"
    return match.group(1)


def test_csrf_token_travels_in_header(owner, team):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    token = csrf_token_from_body(browser.get(reverse("accounts:team_settings")).content.decode())

    without = browser.post(reverse("accounts:team_settings"), {"name": "No token"}, headers=HTMX)
    with_header = browser.post(reverse("accounts:team_settings"), {"name": "Header token"},
                               headers={**HTMX, "X-CSRFToken": token})

    team.refresh_from_db()
    assert without.status_code == 403
    assert with_header.status_code == 302
    assert team.name == "Header token"
    assert [event.target for event in AuditEvent.objects.all()] == ["Header token"]


# -- errors beside their form ------------------------------------------------------------------------


def element_html(html, element_id):
    """Return the markup from the tag with `element_id` to the end of that element (forms do not nest)."""
    start = html.index(f'id="{element_id}"')
    tag = html.rfind("<", 0, start)
    name = re.match(r"<(\w+)", html[tag:]).group(1)
    return html[tag:html.index(f"</{name}>", start)]


def test_api_error_shown_inside_its_form(world):
    url = reverse("sites:ws_plugins_install", args=[world.connection.pk, SITE_ID])

    response = world.browser_for(Role.MEMBER).post(url, {"slugs": "no-such-plugin"}, headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 400
    assert "no-such-plugin was not installed" in element_html(html, "install-form")
    assert not has_navbar(response)
    event = AuditEvent.objects.get(action="plugins.install")
    assert event.target == "no-such-plugin"


# -- secrets stay out of history ---------------------------------------------------------------------


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_revealed_credentials_kept_out_of_history(world, headers):
    url = reverse("sites:ws_overview_credentials", args=[world.connection.pk, SITE_ID])

    response = world.browser_for(Role.MEMBER).post(url, headers=headers)

    html = response.content.decode()
    site = world.sandbox.state.sites[SITE_ID]
    assert response.status_code == 200
    assert site.sftp_username in html
    assert 'id="overview-credentials" hx-history="false"' in html
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.get().action == "site.credentials_revealed"


def test_history_cache_disabled_in_config(browser_for, team):
    html = browser_for("viewer").get(reverse("accounts:audit_log")).content.decode()

    config = re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", html)
    assert config, "base.html has no htmx-config meta tag"
    assert '"historyCacheSize": 0' in config.group(1)
    assert '"refreshOnHistoryMiss": true' in config.group(1)
    assert html.index("htmx-config") < html.index("vendor/htmx.min.js")

