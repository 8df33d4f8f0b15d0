"""The new-site page and the site_create job against the sandbox over real HTTP."""

import pytest
import requests
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult
from accounts.services import client_for
from rocketnet.services import sites as site_api
from sites import services, tasks
from sites.models import Job, JobKind, JobStatus
from sites.newsite import services as newsite_services


VALID = {"name": "client-shop", "label": "Client Shop", "location": "4", "admin_username": "shop admin",
         "admin_email": "owner@client-shop.example"}


@pytest.fixture(autouse=True)
def fast_polling(monkeypatch):
    # The real schedule starts at 3 s; the sandbox provisions a site in well under a second here.
    monkeypatch.setattr(services, "POLL_FIRST_SECONDS", 0.1)
    monkeypatch.setattr(services, "POLL_MAX_SECONDS", 0.2)


def create_url(connection):
    return reverse("sites:new_site_create", kwargs={"connection_pk": connection.pk})


def sites_labelled(sandbox, label):
    return [site for site in sandbox.state.sites.values() if site.label == label]


def add_fault(sandbox, **fault):
    response = requests.post(f"{sandbox.url}/_sandbox/faults", json=fault, timeout=5)
    assert response.status_code == 200, response.text


def test_fleet_links_new_site(browser_for, connection_one):
    html = browser_for("member").get(reverse("sites:fleet")).content.decode()

    assert f'href="{reverse("sites:new_site")}"' in html


def test_fleet_hides_new_site_from_viewer(browser_for, connection_one):
    html = browser_for("viewer").get(reverse("sites:fleet")).content.decode()

    assert f'href="{reverse("sites:new_site")}"' not in html


def test_page_lists_team_connections(browser_for, connection_one, connection_two, outsider_connection):
    html = browser_for("member").get(reverse("sites:new_site")).content.decode()

    assert "Client One Ltd (Client One)" in html
    assert "Client Two Ltd (Client Two)" in html
    assert "Agency B account" not in html
    assert 'id="form-new-site"' not in html


def test_form_offers_api_locations(browser_for, connection_one, sandbox):
    html = browser_for("member").get(reverse("sites:new_site"), {"connection": connection_one.pk}).content.decode()

    with client_for(connection_one) as client:
        offered = site_api.list_locations(client)
    assert len(offered) > 1
    for location in offered:
        assert f'<option value="{location.id}">{location.name}</option>' in html
    assert "New site in Client One Ltd" in html


def test_create_makes_site_and_queues_job(browser_for, connection_one, sandbox):
    response = browser_for("member").post(create_url(connection_one), VALID)

    job = Job.objects.get(kind=JobKind.SITE_CREATE)
    created = sites_labelled(sandbox, "Client Shop")
    assert response.status_code == 302
    assert response["Location"] == reverse("sites:job_detail", kwargs={"pk": job.pk})
    assert len(created) == 1
    assert created[0].status == "pending"
    assert job.status == JobStatus.QUEUED
    assert job.site_id == created[0].id
    assert job.upstream_site_id == created[0].id
    assert job.params["location_name"] == "EU - Frankfurt"
    event = AuditEvent.objects.get(action="site.create")
    assert event.result == AuditResult.QUEUED
    assert event.site_id == created[0].id
    assert event.detail["job_id"] == job.pk


def test_job_waits_until_site_ready(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    browser.post(create_url(connection_one), VALID)
    job = Job.objects.get(kind=JobKind.SITE_CREATE)

    tasks.run_job(job.pk)

    job.refresh_from_db()
    created = sites_labelled(sandbox, "Client Shop")
    assert len(created) == 1
    assert created[0].status == "active"
    assert created[0].location.id == 4
    assert job.status == JobStatus.SUCCEEDED
    assert job.new_site_id == created[0].id
    page = browser.get(reverse("sites:job_detail", kwargs={"pk": job.pk})).content.decode()
    assert reverse("sites:site_detail", kwargs={"connection_pk": connection_one.pk, "site_id": created[0].id}) in page
    assert "WordPress admin username" in page
    assert "The new site is ready: <a href=" in page
    assert "The copy is ready" not in page


def test_api_error_shown_next_to_form(browser_for, connection_one, sandbox):
    account = sandbox.state.account_by_email(connection_one.email)
    account.site_limit = len(sandbox.state.sites_of(account))

    response = browser_for("member").post(create_url(connection_one), VALID)

    html = response.content.decode()
    assert response.status_code == 400
    assert "are used or being cloned: delete a site or change the hosting plan" in html[html.index('id="form-new-site"'):]
    assert 'value="client-shop"' in html
    assert sites_labelled(sandbox, "Client Shop") == []
    assert not Job.objects.exists()
    event = AuditEvent.objects.get(action="site.create")
    assert event.result == AuditResult.FAILED
    assert "plan allows" in event.detail["error"]


def test_job_without_site_creates_it(connection_one, owner, sandbox):
    job = newsite_services.queue_site_create(connection=connection_one, user=owner, name="client-shop",
                                             label="Client Shop", location=4, location_name="EU - Frankfurt",
                                             admin_username="shop admin", admin_email="owner@client-shop.example")
    assert job.site_id == 0

    services.run_job(job.pk)

    job.refresh_from_db()
    created = sites_labelled(sandbox, "Client Shop")
    assert len(created) == 1
    assert created[0].status == "active"
    assert job.status == JobStatus.SUCCEEDED
    assert job.site_id == created[0].id


def test_job_rerun_follows_created_site(connection_one, owner, sandbox, monkeypatch):
    job = newsite_services.queue_site_create(connection=connection_one, user=owner, name="client-shop",
                                             label="Client Shop", location=4, location_name="EU - Frankfurt",
                                             admin_username="shop admin", admin_email="owner@client-shop.example")
    # The first run creates the site and then its worker dies before the site is ready.
    monkeypatch.setattr(newsite_services, "_wait_until_ready", lambda *args, **kwargs: None)
    services.run_job(job.pk)
    monkeypatch.undo()
    monkeypatch.setattr(services, "POLL_FIRST_SECONDS", 0.1)

    services.run_job(job.pk)

    job.refresh_from_db()
    assert len(sites_labelled(sandbox, "Client Shop")) == 1
    assert job.status == JobStatus.SUCCEEDED


def test_job_adopts_site_created_before_crash(connection_one, owner, sandbox, monkeypatch):
    job = newsite_services.queue_site_create(connection=connection_one, user=owner, name="client-shop",
                                             label="Client Shop", location=4, location_name="EU - Frankfurt",
                                             admin_username="shop admin", admin_email="owner@client-shop.example")
    # The first run dies between the create call and storing the site id.
    monkeypatch.setattr(newsite_services, "record_created_site", lambda job_id, site_id: False)
    services.run_job(job.pk)
    monkeypatch.undo()
    monkeypatch.setattr(services, "POLL_FIRST_SECONDS", 0.1)

    services.run_job(job.pk)

    job.refresh_from_db()
    assert len(sites_labelled(sandbox, "Client Shop")) == 1
    assert job.status == JobStatus.SUCCEEDED
    assert job.new_site_id == sites_labelled(sandbox, "Client Shop")[0].id


def test_job_fails_with_api_error(connection_one, owner, sandbox):
    sandbox.state.account_by_email(connection_one.email).site_limit = 1
    job = newsite_services.queue_site_create(connection=connection_one, user=owner, name="client-shop",
                                             label="Client Shop", location=4, location_name="EU - Frankfurt",
                                             admin_username="shop admin", admin_email="owner@client-shop.example")

    services.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "plan allows 1 sites" in job.error
    assert sites_labelled(sandbox, "Client Shop") == []


def test_job_times_out_on_pending_site(connection_one, owner, sandbox, monkeypatch):
    monkeypatch.setattr(services, "POLL_GIVE_UP_SECONDS", 0.3)
    sandbox.state.task_seconds = 3600
    job = newsite_services.queue_site_create(connection=connection_one, user=owner, name="client-shop",
                                             label="Client Shop", location=4, location_name="EU - Frankfurt",
                                             admin_username="shop admin", admin_email="owner@client-shop.example")

    services.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "still had status pending" in job.error


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("name", "Client Shop!", "“Client Shop!” is not a valid site name."),
    ("name", "-shop", "“-shop” is not a valid site name."),
    ("admin_username", "shop<admin>", "“shop&lt;admin&gt;” is not a valid WordPress username."),
    ("admin_email", "not-an-email", "Enter a valid email address."),
    ("location", "999", "Location 999 is not offered for this account. Pick one from the list."),
    ("name", "", "This field is required."),
])
def test_form_errors_name_the_value(browser_for, connection_one, sandbox, field, value, expected):
    response = browser_for("member").post(create_url(connection_one), {**VALID, field: value})

    html = response.content.decode()
    assert response.status_code == 400
    assert expected in html[html.index('id="form-new-site"'):]
    assert not Job.objects.exists()
    assert not AuditEvent.objects.exists()


def test_locations_error_shown(browser_for, connection_one, sandbox):
    add_fault(sandbox, kind="server_error", status=500, method="GET", path="/v1/sites/locations")

    response = browser_for("member").get(reverse("sites:new_site"), {"connection": connection_one.pk})

    assert response.status_code == 502
    assert "The locations of this account could not be loaded: HTTP 500 on GET /v1/sites/locations" in response.content.decode()


def test_bad_connection_parameter(browser_for, connection_one):
    response = browser_for("member").get(reverse("sites:new_site"), {"connection": "abc"})

    assert response.status_code == 400
    assert "“abc” is not a client account ID." in response.content.decode()


def test_viewer_gets_403(browser_for, connection_one, sandbox):
    browser = browser_for("viewer")

    page = browser.get(reverse("sites:new_site"), {"connection": connection_one.pk})
    post = browser.post(create_url(connection_one), VALID)

    assert page.status_code == 403
    assert post.status_code == 403
    assert not Job.objects.exists()
    assert not AuditEvent.objects.exists()


def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox):
    browser = browser_for("outsider")

    page = browser.get(reverse("sites:new_site"), {"connection": connection_one.pk})
    post = browser.post(create_url(connection_one), VALID)

    assert page.status_code == 404
    assert "Client One" not in page.content.decode()
    assert post.status_code == 404
    assert not Job.objects.exists()
    assert sites_labelled(sandbox, "Client Shop") == []
