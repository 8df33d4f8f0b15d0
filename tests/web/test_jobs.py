"""Jobs run by the real task functions against the sandbox over HTTP."""

import datetime

import pytest
import requests
from celery.signals import before_task_publish
from django.urls import reverse
from django.utils import timezone

from accounts.models import Connection
from accounts.services import client_for
from rocketnet.services import sites as site_api
from sites import selectors, services, tasks
from rocketnet.errors import ServerError
from sites.models import Job, JobKind, JobStatus
from tests.conftest import AGENCY_ONE

SOURCE_SITE_ID = 1001


@pytest.fixture(autouse=True)
def fast_polling(monkeypatch):
    # The real schedule starts at 3 s; the sandbox's tasks here end in well under a second.
    monkeypatch.setattr(services, "POLL_FIRST_SECONDS", 0.1)
    monkeypatch.setattr(services, "POLL_MAX_SECONDS", 0.2)


def add_fault(sandbox, **fault):
    response = requests.post(f"{sandbox.url}/_sandbox/faults", json=fault, timeout=5)
    assert response.status_code == 200, response.text


def new_clone_job(connection, owner, label="Bakery copy"):
    with client_for(connection) as client:
        site = site_api.get_site(client, SOURCE_SITE_ID)
    return services.queue_clone(connection=connection, site=site, label=label, location=None, user=owner)


@pytest.fixture
def seeded_task_ids(sandbox):
    return set(sandbox.state.tasks)


def started_clone_tasks(sandbox, seeded_task_ids):
    return [task for task_id, task in sandbox.state.tasks.items()
            if task_id not in seeded_task_ids and task.task_type == "clone_site"]


def test_clone_job_succeeds_with_new_site(connection_one, owner, sandbox, seeded_task_ids):
    job = new_clone_job(connection_one, owner)
    assert job.status == JobStatus.QUEUED

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.perc == 100
    assert job.started_at is not None
    assert job.finished_at is not None
    new_site = sandbox.state.sites[job.result["new_site_id"]]
    assert new_site.label == "Bakery copy"
    assert len(started_clone_tasks(sandbox, seeded_task_ids)) == 1


def test_clone_success_clears_cached_fleet(connection_one, owner, sandbox):
    team = connection_one.team
    selectors.get_fleet(team)
    job = new_clone_job(connection_one, owner)

    tasks.run_job(job.pk)

    labels = [row.label for row in selectors.get_fleet(team).rows]
    assert "Bakery copy" in labels


def test_backup_success_keeps_cached_fleet(connection_one, owner, sandbox):
    team = connection_one.team
    cached = selectors.get_fleet(team)
    with client_for(connection_one) as client:
        site = site_api.get_site(client, SOURCE_SITE_ID)
    job = services.queue_backup(connection=connection_one, site=site, label="Nightly", backup_directory=True,
                                backup_database=True, user=owner)

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert selectors.get_fleet(team).fetched_at == cached.fetched_at


def test_finished_job_is_not_run_again(connection_one, owner, sandbox, seeded_task_ids):
    job = new_clone_job(connection_one, owner)
    tasks.run_job(job.pk)

    tasks.run_job(job.pk)

    assert len(started_clone_tasks(sandbox, seeded_task_ids)) == 1
    assert Job.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED


def test_redelivery_polls_stored_task(connection_one, owner, sandbox, seeded_task_ids):
    job = new_clone_job(connection_one, owner)
    tasks.run_job(job.pk)
    first_result = Job.objects.get(pk=job.pk).result
    # As if the worker died after storing the task id but before recording the outcome.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, perc=40, finished_at=None, result={})

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert len(started_clone_tasks(sandbox, seeded_task_ids)) == 1
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["new_site_id"] == first_result["new_site_id"]


def test_rerun_adopts_task_started_before_crash(connection_one, owner, sandbox, seeded_task_ids):
    job = new_clone_job(connection_one, owner)
    # As if a worker started the clone and died before it could store the task id.
    services.mark_running(job.pk)
    with client_for(connection_one) as client:
        handle = site_api.clone_site(client, SOURCE_SITE_ID, label="Bakery copy")

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert len(started_clone_tasks(sandbox, seeded_task_ids)) == 1
    assert job.upstream_task_id == handle.task_id
    assert job.status == JobStatus.SUCCEEDED


def test_transient_error_is_retried(connection_one, owner, sandbox, seeded_task_ids):
    job = new_clone_job(connection_one, owner)
    add_fault(sandbox, kind="server_error", method="POST", path=f"/v1/sites/{SOURCE_SITE_ID}/clone",
              status=500, count=1)

    # apply() runs in this thread and performs Celery's retries at once, ignoring the countdown.
    outcome = tasks.run_job.apply(args=[job.pk])

    job.refresh_from_db()
    assert outcome.successful()
    assert job.status == JobStatus.SUCCEEDED
    assert len(started_clone_tasks(sandbox, seeded_task_ids)) == 1


def test_transient_error_raised_for_celery_to_retry(connection_one, owner, sandbox):
    job = new_clone_job(connection_one, owner)
    add_fault(sandbox, kind="server_error", method="POST", path=f"/v1/sites/{SOURCE_SITE_ID}/clone",
              status=500, count=1)

    with pytest.raises(ServerError):
        tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING
    assert job.upstream_task_id == ""


def test_retries_exhausted_fail_job(connection_one, owner, sandbox, seeded_task_ids):
    job = new_clone_job(connection_one, owner)
    add_fault(sandbox, kind="server_error", method="POST", path=f"/v1/sites/{SOURCE_SITE_ID}/clone", status=500)

    tasks.run_job.apply(args=[job.pk])

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert f"kept failing after {tasks.MAX_TRANSIENT_RETRIES} retries" in job.error
    assert started_clone_tasks(sandbox, seeded_task_ids) == []


def test_failed_upstream_task_fails_job(connection_one, owner, sandbox):
    add_fault(sandbox, kind="fail_task", account=AGENCY_ONE, message="Disk quota exceeded on target")
    job = new_clone_job(connection_one, owner)

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "Disk quota exceeded on target" in job.error
    assert job.finished_at is not None


def test_permanent_error_fails_job(connection_one, owner, sandbox):
    job = new_clone_job(connection_one, owner)
    Job.objects.filter(pk=job.pk).update(site_id=999999)

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "Rocket.net returned an error" in job.error


def test_undecryptable_password_fails_job(connection_one, owner, sandbox):
    job = new_clone_job(connection_one, owner)
    Connection.objects.filter(pk=connection_one.pk).update(password_encrypted="gAAAAAwritten-with-a-lost-key")

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "cannot be decrypted with any key in FIELD_ENCRYPTION_KEYS" in job.error


def test_backup_job_creates_backup(connection_one, owner, sandbox):
    with client_for(connection_one) as client:
        site = site_api.get_site(client, SOURCE_SITE_ID)
    job = services.queue_backup(connection=connection_one, site=site, label="Before update",
                                backup_directory=True, backup_database=False, user=owner)

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    backups = [b for b in sandbox.state.sites[SOURCE_SITE_ID].backups.values() if b.label == "Before update"]
    assert len(backups) == 1


def test_task_arguments_contain_only_job_id(connection_one, owner, django_capture_on_commit_callbacks):
    published = []

    def record(sender=None, body=None, headers=None, **kwargs):
        published.append((sender, body, headers))

    # A strong reference: when a weak one dies, Celery's signal replaces its receiver list, and the task
    # sender keeps the old list, so later tests in the process would see no before_task_publish at all.
    before_task_publish.connect(record, weak=False, dispatch_uid="test-jobs-publish")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = new_clone_job(connection_one, owner)
    finally:
        before_task_publish.disconnect(dispatch_uid="test-jobs-publish")

    assert len(published) == 1
    sender, body, headers = published[0]
    args, kwargs, _embed = body
    assert sender == "sites.run_job"
    assert list(args) == [job.pk]
    assert kwargs == {}
    assert headers["argsrepr"] == repr((job.pk,))


def test_job_is_enqueued_only_after_commit(connection_one, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        new_clone_job(connection_one, owner)

    assert len(callbacks) == 1


def test_sweeper_fails_stuck_jobs_only(connection_one, owner, settings):
    settings.JOB_STUCK_AFTER_MINUTES = 30
    stuck = new_clone_job(connection_one, owner, label="Stuck")
    fresh = new_clone_job(connection_one, owner, label="Fresh")
    done = new_clone_job(connection_one, owner, label="Done")
    long_ago = timezone.now() - datetime.timedelta(minutes=31)
    Job.objects.filter(pk__in=[stuck.pk, done.pk]).update(created_at=long_ago)
    Job.objects.filter(pk=done.pk).update(status=JobStatus.SUCCEEDED)

    swept = tasks.sweep_stuck_jobs()

    assert swept == 1
    stuck.refresh_from_db()
    assert stuck.status == JobStatus.FAILED
    assert "No result after 30 minutes" in stuck.error
    assert Job.objects.get(pk=fresh.pk).status == JobStatus.QUEUED
    assert Job.objects.get(pk=done.pk).status == JobStatus.SUCCEEDED


def test_conditional_update_keeps_final_state(connection_one, owner):
    job = new_clone_job(connection_one, owner)
    services.mark_running(job.pk)
    services.mark_failed(job.pk, "first outcome")

    assert services.mark_succeeded(job.pk, {"new_site_id": 1}) is False
    assert services.mark_cancelled(job.pk, "too late") is False
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "first outcome"


# -- pages --------------------------------------------------------------------------------------


def test_job_fragment_polls_while_running(browser_for, connection_one, owner):
    job = new_clone_job(connection_one, owner)
    services.mark_running(job.pk)
    services.record_progress(job.pk, 42)

    response = browser_for("viewer").get(reverse("sites:job_detail", args=[job.pk]), headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'hx-trigger="every 2s"' in html
    assert "42%" in html
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_job_fragment_stops_polling_when_finished(browser_for, connection_one, owner, sandbox):
    job = new_clone_job(connection_one, owner)
    tasks.run_job(job.pk)
    job.refresh_from_db()

    response = browser_for("viewer").get(reverse("sites:job_detail", args=[job.pk]), headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 286
    assert "hx-trigger" not in html
    assert "Cancel job" not in html
    new_site_url = reverse("sites:site_detail", args=[connection_one.pk, job.result["new_site_id"]])
    assert new_site_url in html
    assert "The copy is ready" in html


@pytest.mark.parametrize(("kind", "expected"), [
    (JobKind.CLONE, "The copy is ready"),
    (JobKind.SITE_CREATE, "The new site is ready"),
    (JobKind.TEMPLATE_SITE_CREATE, "The site created from the template is ready"),
])
def test_finished_job_result_text_per_kind(browser_for, connection_one, owner, kind, expected):
    job = Job.objects.create(team=connection_one.team, connection=connection_one, site_id=SOURCE_SITE_ID,
                             kind=kind, status=JobStatus.SUCCEEDED, result={"new_site_id": 1099},
                             created_by=owner)

    html = browser_for("viewer").get(reverse("sites:job_detail", args=[job.pk])).content.decode()

    assert f"{expected}: <a href=\"{reverse('sites:site_detail', args=[connection_one.pk, 1099])}\">site 1099</a>." in html
    other_texts = {"The copy is ready", "The new site is ready", "The site created from the template is ready"} - {expected}
    for text in other_texts:
        assert text not in html


def test_job_page_shows_params_and_cancel(browser_for, connection_one, owner):
    job = new_clone_job(connection_one, owner, label="Shown label")

    html = browser_for("member").get(reverse("sites:job_detail", args=[job.pk])).content.decode()

    assert '<dt class="col-5">Label</dt><dd class="col-7">Shown label</dd>' in html
    assert "Cancel job" in html
    assert 'id="job-status"' in html


def test_job_list_shows_team_jobs(browser_for, connection_one, owner):
    job = new_clone_job(connection_one, owner)

    html = browser_for("viewer").get(reverse("sites:job_list")).content.decode()

    assert reverse("sites:job_detail", args=[job.pk]) in html
    assert "Clone site" in html


def test_cancel_running_job_cancels_upstream(browser_for, connection_one, owner, sandbox):
    sandbox.state.task_seconds = 60
    job = new_clone_job(connection_one, owner)
    services.mark_running(job.pk)
    with client_for(connection_one) as client:
        handle = site_api.clone_site(client, SOURCE_SITE_ID, label="Bakery copy")
    services.record_upstream_task(job.pk, handle)

    response = browser_for("member").post(reverse("sites:job_cancel", args=[job.pk]))

    job.refresh_from_db()
    assert response.status_code == 302
    assert job.status == JobStatus.CANCELLED
    assert "member@agency-a.example" in job.error
    upstream = sandbox.state.tasks[handle.task_id].to_api(sandbox.state.now())
    assert upstream["task_status"] == "ERROR"
    assert "cancelled" in upstream["message"]

    # A worker that picks the job up afterwards leaves it cancelled.
    tasks.run_job(job.pk)
    assert Job.objects.get(pk=job.pk).status == JobStatus.CANCELLED


def test_cancel_job_whose_task_is_gone(browser_for, connection_one, owner, sandbox):
    job = new_clone_job(connection_one, owner)
    services.mark_running(job.pk)
    Job.objects.filter(pk=job.pk).update(upstream_task_id="00000000-0000-0000-0000-000000000000")

    response = browser_for("member").post(reverse("sites:job_cancel", args=[job.pk]), follow=True)

    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert "Job cancelled." in response.content.decode()


def test_cancel_finished_job_explains(browser_for, connection_one, owner, sandbox):
    job = new_clone_job(connection_one, owner)
    tasks.run_job(job.pk)

    response = browser_for("member").post(reverse("sites:job_cancel", args=[job.pk]), follow=True)

    assert "This job already ended as Succeeded." in response.content.decode()
    assert Job.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED
