"""The staging tab against the sandbox over HTTP: status, and create, publish and delete as jobs."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult
from sandbox.faults import build_fault
from sites import services, tasks
from sites.models import Job, JobKind, JobStatus

WITHOUT_STAGING = 1001
WITH_STAGING = 1003
STAGING_OF_1003 = 1004


@pytest.fixture(autouse=True)
def fast_polling(monkeypatch):
    # The real schedule starts at 3 s; the sandbox's tasks here end in well under a second.
    monkeypatch.setattr(services, "POLL_FIRST_SECONDS", 0.1)
    monkeypatch.setattr(services, "POLL_MAX_SECONDS", 0.2)


def url(connection, name, site_id):
    return reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": site_id})


def test_tab_shows_staging_status(browser_for, connection_one, sandbox):
    browser = browser_for("member")

    without = browser.get(url(connection_one, "ws_staging", WITHOUT_STAGING)).content.decode()
    with_staging = browser.get(url(connection_one, "ws_staging", WITH_STAGING)).content.decode()
    staging_copy = browser.get(url(connection_one, "ws_staging", STAGING_OF_1003)).content.decode()

    assert 'data-staging-status="none"' in without
    assert 'id="staging-create"' in without
    assert 'data-staging-status="active"' in with_staging
    assert 'id="staging-publish"' in with_staging
    assert 'id="staging-delete"' in with_staging
    assert 'id="staging-create"' not in with_staging
    assert 'data-staging-status="is-staging"' in staging_copy
    assert url(connection_one, "ws_staging", WITH_STAGING) in staging_copy


def test_create_staging_job_runs(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_staging_create", WITHOUT_STAGING),
                                          {"vanity_domain": "on"})

    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("sites:job_detail", args=[job.pk])
    assert job.kind == JobKind.STAGING_CREATE
    assert job.params == {"vanity_domain": True}
    event = AuditEvent.objects.get(action="staging.create")
    assert event.result == AuditResult.QUEUED
    assert event.detail["job"] == job.pk

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    site = sandbox.state.sites[WITHOUT_STAGING]
    staging = sandbox.state.sites[site.staging_id]
    assert staging.domain == "staging.brightbakery.com"
    assert staging.status == "active"


def test_create_without_vanity_domain(browser_for, connection_one, sandbox):
    browser_for("member").post(url(connection_one, "ws_staging_create", WITHOUT_STAGING), {})

    job = Job.objects.get()
    tasks.run_job(job.pk)

    assert job.params == {"vanity_domain": False}
    staging = sandbox.state.sites[sandbox.state.sites[WITHOUT_STAGING].staging_id]
    assert not staging.domain.startswith("staging.")


def test_create_rejected_when_staging_exists(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_staging_create", WITH_STAGING),
                                          {"vanity_domain": "on"})

    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-error="create"' in page
    assert f"already has staging site {STAGING_OF_1003}" in page
    assert Job.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_publish_needs_confirmation(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_staging_publish", WITH_STAGING), {})

    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-error="publish"' in page
    assert "Tick the box to confirm" in page
    assert Job.objects.count() == 0


def test_publish_job_runs(browser_for, connection_one, sandbox):
    sandbox.state.sites[STAGING_OF_1003].disk_usage_kb = 123456

    response = browser_for("member").post(url(connection_one, "ws_staging_publish", WITH_STAGING), {"confirm": "on"})

    job = Job.objects.get()
    assert response.status_code == 302
    assert job.kind == JobKind.STAGING_PUBLISH
    assert job.params == {"staging_site_id": STAGING_OF_1003}
    assert AuditEvent.objects.get(action="staging.publish").result == AuditResult.QUEUED

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.upstream_task_id
    site = sandbox.state.sites[WITH_STAGING]
    assert site.disk_usage_kb == 123456
    assert not site.lock_holders


def test_delete_job_removes_staging(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_staging_delete", WITH_STAGING), {"confirm": "on"})

    job = Job.objects.get()
    assert response.status_code == 302
    assert job.kind == JobKind.STAGING_DELETE

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.perc == 100
    assert STAGING_OF_1003 not in sandbox.state.sites
    assert sandbox.state.sites[WITH_STAGING].staging_id is None
    assert AuditEvent.objects.get(action="staging.delete").detail["staging_site_id"] == STAGING_OF_1003


def test_redelivered_delete_job_succeeds(browser_for, connection_one, sandbox):
    browser_for("member").post(url(connection_one, "ws_staging_delete", WITH_STAGING), {"confirm": "on"})
    job = Job.objects.get()
    tasks.run_job(job.pk)
    # As if the worker died after deleting but before recording the outcome.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, finished_at=None)

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED


def test_active_job_blocks_another(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    browser.post(url(connection_one, "ws_staging_publish", WITH_STAGING), {"confirm": "on"})

    response = browser.post(url(connection_one, "ws_staging_delete", WITH_STAGING), {"confirm": "on"})

    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-error="delete"' in page
    assert "Wait for it to finish." in page
    assert Job.objects.count() == 1


def test_upstream_rejection_fails_job(browser_for, connection_one, sandbox):
    sandbox.state.faults.add(build_fault({"kind": "client_error", "status": 400, "method": "POST",
                                          "path": f"/v1/sites/{WITHOUT_STAGING}/staging"}))
    browser_for("member").post(url(connection_one, "ws_staging_create", WITHOUT_STAGING), {"vanity_domain": "on"})
    job = Job.objects.get()

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "Rocket.net returned an error" in job.error
    assert sandbox.state.sites[WITHOUT_STAGING].staging_id is None


WRITES = [
    ("ws_staging_create", WITHOUT_STAGING, {"vanity_domain": "on"}),
    ("ws_staging_publish", WITH_STAGING, {"confirm": "on"}),
    ("ws_staging_delete", WITH_STAGING, {"confirm": "on"}),
]


def test_viewer_cannot_change_staging(browser_for, connection_one, sandbox):
    browser = browser_for("viewer")

    page = browser.get(url(connection_one, "ws_staging", WITH_STAGING)).content.decode()
    assert 'id="staging-publish"' not in page

    for name, site_id, data in WRITES:
        response = browser.post(url(connection_one, name, site_id), data)
        assert response.status_code == 403, name

    assert Job.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, owner):
    Job.objects.create(team=connection_one.team, connection=connection_one, site_id=WITH_STAGING,
                       site_label="Northwind", kind=JobKind.STAGING_PUBLISH, params={"staging_site_id": 1004},
                       created_by=owner)
    browser = browser_for("outsider")

    response = browser.get(url(connection_one, "ws_staging", WITH_STAGING))
    assert response.status_code == 404
    assert "Northwind" not in response.content.decode()

    for name, site_id, data in WRITES:
        response = browser.post(url(connection_one, name, site_id), data)
        assert response.status_code == 404, name

    assert Job.objects.count() == 1
    assert sandbox.state.sites[WITH_STAGING].staging_id == STAGING_OF_1003
