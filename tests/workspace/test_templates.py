"""The site templates tab against the sandbox over real HTTP, with jobs run by the real task code."""

import pytest
import requests
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult
from accounts.services import client_for
from rocketnet.services import site_templates
from sites import services as job_services
from sites import tasks
from sites.models import Job, JobKind, JobStatus

SITE_ID = 1001  # Bright Bakery, brightbakery.com, on agency-one's account


@pytest.fixture(autouse=True)
def fast_polling(monkeypatch):
    # The real schedule starts at 3 s; sandbox tasks here end in well under a second.
    monkeypatch.setattr(job_services, "POLL_FIRST_SECONDS", 0.1)
    monkeypatch.setattr(job_services, "POLL_MAX_SECONDS", 0.2)


def url(name, connection, **extra):
    return reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID, **extra})


def account(sandbox):
    return sandbox.state.account_by_email("agency-one@example.com")


def stored_templates(sandbox):
    return account(sandbox).extras.get("site_templates", {})


def public_location(sandbox):
    return next(location for location in sandbox.state.locations if not location.restricted)


def make_template(browser, connection, name="Shop starter"):
    """Queue a template job through the page and run it to its end; return the job."""
    browser.post(url("ws_templates_create", connection), {"name": name, "notes": "For shops", "tags": "shop, woo"})
    job = Job.objects.filter(kind=JobKind.TEMPLATE_CREATE).latest("pk")
    tasks.run_job(job.pk)
    job.refresh_from_db()
    return job


def test_create_template_runs_account_task(browser_for, connection_one, sandbox):
    browser = browser_for("member")

    response = browser.post(url("ws_templates_create", connection_one),
                            {"name": " Shop starter ", "notes": "For shops", "tags": "woo, shop, ,woo"})

    job = Job.objects.get(kind=JobKind.TEMPLATE_CREATE)
    assert response.status_code == 302
    assert response.url == reverse("sites:job_detail", kwargs={"pk": job.pk})
    assert job.site_id == SITE_ID
    assert job.params == {"name": "Shop starter", "notes": "For shops", "tags": "shop, woo"}
    event = AuditEvent.objects.get(action="templates.create")
    assert event.result == AuditResult.QUEUED
    assert event.detail["job_id"] == job.pk

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.upstream_task_level == "account"
    template = next(iter(stored_templates(sandbox).values()))
    assert template["name"] == "Shop starter"
    assert template["created_from"]["site_id"] == SITE_ID
    assert template["tags"] == ["shop", "woo"]
    html = browser.get(url("ws_templates", connection_one)).content.decode()
    assert "Shop starter" in html
    assert "this site" in html
    job_html = browser.get(reverse("sites:job_detail", kwargs={"pk": job.pk})).content.decode()
    assert "Tags" in job_html
    assert "shop, woo" in job_html


def test_cancel_template_job_stops_following(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    browser.post(url("ws_templates_create", connection_one), {"name": "Shop starter"})
    job = Job.objects.get(kind=JobKind.TEMPLATE_CREATE)
    job_services.mark_running(job.pk)
    with client_for(connection_one) as client:
        handle = site_templates.create_site_template(client, name="Shop starter", site_id=SITE_ID)
    job_services.record_upstream_task(job.pk, handle)
    # A site-level cancel of this task must not be sent: make it fail loudly if it is.
    fault = requests.post(f"{sandbox.url}/_sandbox/faults", timeout=5, json={
        "kind": "client_error", "status": 400, "method": "POST", "path": "/v1/sites/*/tasks/*/cancel"})
    assert fault.status_code == 200

    response = browser.post(reverse("sites:job_cancel", kwargs={"pk": job.pk}), follow=True)

    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert "Job cancelled." in response.content.decode()


def test_create_template_rejects_duplicate_name(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    make_template(browser, connection_one)

    response = browser.post(url("ws_templates_create", connection_one), {"name": "shop STARTER"})

    assert response.status_code == 400
    assert "This account already has a template named “shop STARTER”; choose another name." in response.content.decode()
    assert Job.objects.filter(kind=JobKind.TEMPLATE_CREATE).count() == 1


def test_template_detail_shows_config(browser_for, connection_one, sandbox):
    make_template(browser_for("member"), connection_one)
    template = next(iter(stored_templates(sandbox).values()))

    html = browser_for("viewer").get(url("ws_templates_detail", connection_one,
                                         template_id=template["template_id"])).content.decode()

    assert "Shop starter" in html
    assert template["config"]["wordpress"]["php_version"] in html
    for plugin in template["config"]["wordpress"]["plugins"]:
        assert plugin["name"] in html
    assert "Create site" not in html
    assert "Delete this template" not in html


def test_site_from_template_creates_site(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    make_template(browser, connection_one)
    template = next(iter(stored_templates(sandbox).values()))
    location = public_location(sandbox)
    sites_before = {site.id for site in sandbox.state.sites_of(account(sandbox))}

    response = browser.post(url("ws_templates_site_create", connection_one, template_id=template["template_id"]),
                            {"name": "client-shop", "label": "Client shop", "location": location.id})

    job = Job.objects.get(kind=JobKind.TEMPLATE_SITE_CREATE)
    assert response.url == reverse("sites:job_detail", kwargs={"pk": job.pk})
    assert job.params["template_name"] == "Shop starter"
    assert job.params["location_name"] == location.location
    assert AuditEvent.objects.get(action="templates.create_site").result == AuditResult.QUEUED

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    new_ids = {site.id for site in sandbox.state.sites_of(account(sandbox))} - sites_before
    assert len(new_ids) == 1
    new_site = sandbox.state.sites[new_ids.pop()]
    assert new_site.label == "Client shop"
    assert job.new_site_id == new_site.id


def test_site_from_template_rejects_unknown_location(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    make_template(browser, connection_one)
    template = next(iter(stored_templates(sandbox).values()))

    response = browser.post(url("ws_templates_site_create", connection_one, template_id=template["template_id"]),
                            {"name": "client-shop", "location": "999999"})

    assert response.status_code == 400
    assert "Location 999999 is not offered for this account. Pick one from the list." in response.content.decode()
    assert not Job.objects.filter(kind=JobKind.TEMPLATE_SITE_CREATE).exists()


def test_site_from_template_failure_lands_on_job(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    make_template(browser, connection_one)
    template = next(iter(stored_templates(sandbox).values()))
    account(sandbox).site_limit = len(sandbox.state.sites_of(account(sandbox)))

    browser.post(url("ws_templates_site_create", connection_one, template_id=template["template_id"]),
                 {"name": "client-shop", "location": public_location(sandbox).id})
    job = Job.objects.get(kind=JobKind.TEMPLATE_SITE_CREATE)
    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "plan allows" in job.error


def test_delete_template(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    make_template(browser, connection_one)
    template_id = next(iter(stored_templates(sandbox)))

    html = browser.post(url("ws_templates_delete", connection_one, template_id=template_id),
                        follow=True).content.decode()

    assert stored_templates(sandbox) == {}
    assert "Template Shop starter was deleted." in html
    event = AuditEvent.objects.get(action="templates.delete")
    assert event.result == AuditResult.SUCCEEDED
    assert event.target == "Shop starter"


def test_delete_unknown_template_reports_error(browser_for, connection_one, sandbox):
    html = browser_for("member").post(url("ws_templates_delete", connection_one,
                                          template_id="0b6f3c1e-0000-4000-8000-000000000000"),
                                      follow=True).content.decode()

    assert "not found" in html
    assert AuditEvent.objects.get(action="templates.delete").result == AuditResult.FAILED


def test_delete_api_error_next_to_button(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    make_template(browser, connection_one)
    template_id = next(iter(stored_templates(sandbox)))
    response = requests.post(f"{sandbox.url}/_sandbox/faults", timeout=5, json={
        "kind": "client_error", "status": 403, "method": "DELETE", "path": "/v1/sites/templates/*"})
    assert response.status_code == 200

    response = browser.post(url("ws_templates_delete", connection_one, template_id=template_id))
    html = response.content.decode()

    assert response.status_code == 400
    assert 'class="alert alert-danger"' in html[html.index('id="template-delete"'):]
    assert list(stored_templates(sandbox)) == [template_id]
    assert AuditEvent.objects.get(action="templates.delete").result == AuditResult.FAILED


@pytest.mark.parametrize(("name", "with_id"), [
    ("ws_templates_create", False), ("ws_templates_site_create", True), ("ws_templates_delete", True),
])
def test_viewer_cannot_change_templates(browser_for, connection_one, sandbox, name, with_id):
    make_template(browser_for("member"), connection_one)
    template_id = next(iter(stored_templates(sandbox)))
    AuditEvent.objects.all().delete()
    kwargs = {"template_id": template_id} if with_id else {}

    response = browser_for("viewer").post(url(name, connection_one, **kwargs),
                                          {"name": "other", "location": public_location(sandbox).id})

    assert response.status_code == 403
    assert Job.objects.count() == 1
    assert list(stored_templates(sandbox)) == [template_id]
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("name", "method", "with_id"), [
    ("ws_templates", "get", False), ("ws_templates_create", "post", False),
    ("ws_templates_detail", "get", True), ("ws_templates_site_create", "post", True),
    ("ws_templates_delete", "post", True),
])
def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, name, method, with_id):
    make_template(browser_for("member"), connection_one)
    template_id = next(iter(stored_templates(sandbox)))
    AuditEvent.objects.all().delete()
    kwargs = {"template_id": template_id} if with_id else {}

    response = getattr(browser_for("outsider"), method)(url(name, connection_one, **kwargs),
                                                        {"name": "other", "location": public_location(sandbox).id})

    assert response.status_code == 404
    assert "Shop starter" not in response.content.decode()
    assert Job.objects.count() == 1
    assert list(stored_templates(sandbox)) == [template_id]
    assert not AuditEvent.objects.exists()
