"""The backups tab against the sandbox over HTTP: manual backups, restore points, cloud backups."""

import gzip

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult
from accounts.services import client_for
from rocketnet.services import cloud_backups
from sandbox.faults import build_fault
from sandbox.handlers.automated_backups import restore_points
from sandbox.handlers.cloud_backups import cloud_backups_of
from sites import services, tasks
from sites.models import Job, JobKind, JobStatus
from sites.workspace.backups import services as backup_services

SITE_ID = 1001
BACKUP_ID = 5001
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def fast_polling(monkeypatch):
    # The real schedule starts at 3 s; the sandbox's tasks here end in well under a second.
    monkeypatch.setattr(services, "POLL_FIRST_SECONDS", 0.1)
    monkeypatch.setattr(services, "POLL_MAX_SECONDS", 0.2)


def url(connection, name, *args):
    return reverse(f"sites:{name}", args=[connection.pk, SITE_ID, *args])


def newest_restore_point(sandbox):
    points = restore_points(sandbox.state, sandbox.state.sites[SITE_ID])
    return max(points)


@pytest.fixture
def cloud_backup(connection_one, sandbox):
    """A finished cloud backup with files and database, made through the API."""
    with client_for(connection_one) as client:
        cloud_backups.create_cloud_backup(client, SITE_ID, label="Nightly offsite", includes_files=True,
                                          includes_database=True)
    sandbox.state.clock.advance(5)
    [backup_id] = cloud_backups_of(sandbox.state.sites[SITE_ID])
    return backup_id


def test_tab_lists_all_three_kinds(browser_for, connection_one, sandbox, cloud_backup):
    response = browser_for("member").get(url(connection_one, "ws_backups"))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'data-backup="{BACKUP_ID}"' in page
    assert "Pre-launch snapshot" in page
    assert f'data-restore-point="{newest_restore_point(sandbox)}"' in page
    assert f'data-cloud-backup="{cloud_backup}"' in page
    assert "Nightly offsite" in page


def test_create_backup_job_runs(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_backups_create"),
                                          {"label": "Before redesign", "backup_database": "on"})

    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("sites:job_detail", args=[job.pk])
    assert job.kind == JobKind.BACKUP_CREATE
    assert job.params == {"label": "Before redesign", "backup_directory": False, "backup_database": True}
    assert AuditEvent.objects.get(action="backups.create").result == AuditResult.QUEUED

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    [created] = [backup for backup in sandbox.state.sites[SITE_ID].backups.values()
                 if backup.label == "Before redesign"]
    assert created.backup_directory is False
    assert created.status == "DONE"


def test_create_backup_needs_a_part(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_backups_create"), {"label": "Nothing"})

    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-error="create"' in page
    assert "a backup of neither would be empty" in page
    assert Job.objects.count() == 0


def test_restore_backup_job_with_chosen_parts(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_backups_restore", BACKUP_ID),
                                          {"backup_database": "on"})

    job = Job.objects.get()
    assert response.status_code == 302
    assert job.kind == JobKind.BACKUP_RESTORE
    assert job.params["backup_directory"] is False
    assert job.params["backup_database"] is True
    assert job.params["backup_label"] == "Pre-launch snapshot"

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    restore_tasks = [task for task in sandbox.state.tasks.values()
                     if task.task_type == "restore" and task.payload.get("backup_id") == BACKUP_ID]
    assert len(restore_tasks) == 1


def test_restore_needs_a_part(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_backups_restore", BACKUP_ID), {})

    page = response.content.decode()
    assert response.status_code == 400
    assert f'data-error="manual-{BACKUP_ID}"' in page
    assert "a restore of neither would do nothing" in page
    assert Job.objects.count() == 0


def test_restore_unknown_backup_is_404(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_backups_restore", 9999), {"backup_database": "on"})

    assert response.status_code == 404
    assert Job.objects.count() == 0


def test_download_streams_sandbox_bytes(browser_for, connection_one, sandbox):
    backup = sandbox.state.sites[SITE_ID].backups[BACKUP_ID]
    expected = gzip.compress(f"Sandbox backup {BACKUP_ID} of brightbakery.com: {backup.label}\n".encode(), mtime=0)

    response = browser_for("member").get(url(connection_one, "ws_backups_download", BACKUP_ID))

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response.streaming
    assert response["Content-Type"] == "application/gzip"
    assert response["Content-Disposition"] == f'attachment; filename="backup-{SITE_ID}-{BACKUP_ID}.tar.gz"'
    assert b"".join(response.streaming_content) == expected
    event = AuditEvent.objects.get(action="backups.download")
    assert event.result == AuditResult.SUCCEEDED
    assert event.detail == {"backup_id": BACKUP_ID}


def test_download_stream_closes_upstream(connection_one, sandbox):
    backup = backup_services.get_backup(connection_one, SITE_ID, BACKUP_ID)
    stream = backup_services.open_download(connection_one, SITE_ID, backup)
    first_chunk = next(iter(stream))

    stream.close()

    assert first_chunk.startswith(b"\x1f\x8b")
    assert stream.response.raw.closed


def test_download_error_shown_in_row(browser_for, connection_one, sandbox):
    sandbox.state.faults.add(build_fault({"kind": "client_error", "status": 403, "method": "GET",
                                          "path": f"/v1/sites/{SITE_ID}/backup/{BACKUP_ID}"}))

    response = browser_for("member").get(url(connection_one, "ws_backups_download", BACKUP_ID))

    page = response.content.decode()
    assert response.status_code == 502
    assert f'data-error="manual-{BACKUP_ID}"' in page
    assert f"Backup {BACKUP_ID} could not be downloaded" in page
    assert AuditEvent.objects.filter(action="backups.download").count() == 0


def test_delete_backup(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_backups_delete", BACKUP_ID))

    assert response.status_code == 302
    assert BACKUP_ID not in sandbox.state.sites[SITE_ID].backups
    event = AuditEvent.objects.get(action="backups.delete")
    assert event.result == AuditResult.SUCCEEDED
    assert event.target == "Pre-launch snapshot"


def test_delete_error_shown_in_row(browser_for, connection_one, sandbox):
    sandbox.state.faults.add(build_fault({"kind": "client_error", "status": 400, "method": "DELETE",
                                          "path": f"/v1/sites/{SITE_ID}/backup/{BACKUP_ID}"}))

    response = browser_for("member").post(url(connection_one, "ws_backups_delete", BACKUP_ID))

    page = response.content.decode()
    assert response.status_code == 400
    assert f'data-error="manual-{BACKUP_ID}"' in page
    assert "400" in page
    assert BACKUP_ID in sandbox.state.sites[SITE_ID].backups
    assert AuditEvent.objects.get(action="backups.delete").result == AuditResult.FAILED


@pytest.mark.parametrize("scope, sandbox_scope", [("all", "full"), ("files", "files:full"),
                                                  ("database", "database")])
def test_automated_restore_scopes(browser_for, connection_one, sandbox, scope, sandbox_scope):
    point = newest_restore_point(sandbox)

    response = browser_for("member").post(url(connection_one, "ws_backups_automated_restore", point),
                                          {"scope": scope})

    job = Job.objects.get()
    assert response.status_code == 302
    assert job.kind == JobKind.AUTOMATED_RESTORE
    assert job.params["scope"] == scope
    assert job.params["restore_id"] == point
    assert AuditEvent.objects.get(action="backups.automated_restore").result == AuditResult.QUEUED

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    [task] = [task for task in sandbox.state.tasks.values() if task.task_type == "automated_restore"]
    assert task.meta_data == {"restore_id": point, "scope": sandbox_scope}


def test_automated_restore_rejects_unknown_scope(browser_for, connection_one, sandbox):
    point = newest_restore_point(sandbox)

    response = browser_for("member").post(url(connection_one, "ws_backups_automated_restore", point),
                                          {"scope": "themes"})

    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-error="automated"' in page
    assert "themes is not a restore scope" in page
    assert Job.objects.count() == 0


def test_automated_restore_unknown_point_is_404(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_backups_automated_restore", "rp-1001-19990101"),
                                          {"scope": "all"})

    assert response.status_code == 404
    assert Job.objects.count() == 0


def test_cloud_backup_create_job_runs(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url(connection_one, "ws_backups_cloud_create"),
                                          {"label": "Offsite copy", "includes_files": "on", "includes_database": "on"})

    job = Job.objects.get()
    assert response.status_code == 302
    assert job.kind == JobKind.CLOUD_BACKUP_CREATE
    assert job.params == {"label": "Offsite copy", "includes_files": True, "includes_database": True}

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    [created] = cloud_backups_of(sandbox.state.sites[SITE_ID]).values()
    assert created["label"] == "Offsite copy"
    assert created["status"] == "DONE"


def test_cloud_link_fetched_on_click(browser_for, connection_one, sandbox, cloud_backup):
    page = browser_for("member").get(url(connection_one, "ws_backups")).content.decode()
    assert "https://backups.example.com" not in page

    response = browser_for("member").get(url(connection_one, "ws_backups_cloud_link", cloud_backup), headers=HTMX)

    fragment = response.content.decode()
    assert response.status_code == 200
    assert fragment.lstrip().startswith(f'<span id="cloud-link-{cloud_backup}"')
    assert f"https://backups.example.com/{SITE_ID}/brightbakery.com-{cloud_backup[:8]}.zip" in fragment
    assert AuditEvent.objects.get(action="cloud_backups.download_link").target == cloud_backup


def test_cloud_link_error_for_unfinished_backup(browser_for, connection_one, sandbox):
    with client_for(connection_one) as client:
        cloud_backups.create_cloud_backup(client, SITE_ID, label="Still running")
    [backup_id] = cloud_backups_of(sandbox.state.sites[SITE_ID])

    response = browser_for("member").get(url(connection_one, "ws_backups_cloud_link", backup_id), headers=HTMX)

    fragment = response.content.decode()
    assert response.status_code == 400
    assert 'data-error="cloud-link"' in fragment
    assert "only finished backups can be downloaded" in fragment


def test_cloud_restore_job_runs(browser_for, connection_one, sandbox, cloud_backup):
    response = browser_for("member").post(url(connection_one, "ws_backups_cloud_restore", cloud_backup),
                                          {"includes_files": "on"})

    job = Job.objects.get()
    assert response.status_code == 302
    assert job.kind == JobKind.CLOUD_BACKUP_RESTORE
    assert job.params["includes_files"] is True
    assert job.params["includes_database"] is False

    tasks.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert [task.task_type for task in sandbox.state.tasks.values()].count("cloud_backup_restore") == 1


def test_cloud_restore_rejects_missing_part(browser_for, connection_one, sandbox):
    with client_for(connection_one) as client:
        cloud_backups.create_cloud_backup(client, SITE_ID, label="Database only", includes_files=False,
                                          includes_database=True)
    sandbox.state.clock.advance(5)
    [backup_id] = cloud_backups_of(sandbox.state.sites[SITE_ID])

    response = browser_for("member").post(url(connection_one, "ws_backups_cloud_restore", backup_id),
                                          {"includes_files": "on"})

    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-error="cloud"' in page
    assert "This cloud backup has no files." in page
    assert Job.objects.count() == 0


def test_overview_backup_forms_still_work(browser_for, connection_one, sandbox):
    browser = browser_for("member")

    page = browser.get(reverse("sites:site_detail", args=[connection_one.pk, SITE_ID])).content.decode()
    response = browser.post(reverse("sites:backup_create", args=[connection_one.pk, SITE_ID]),
                            {"label": "From overview", "backup_directory": "on"})

    assert "Pre-launch snapshot" in page
    assert response.status_code == 302
    assert Job.objects.get().kind == JobKind.BACKUP_CREATE


def writes(connection, point, cloud_id):
    return [
        ("post", url(connection, "ws_backups_create"), {"label": "x", "backup_directory": "on"}),
        ("post", url(connection, "ws_backups_restore", BACKUP_ID), {"backup_database": "on"}),
        ("post", url(connection, "ws_backups_delete", BACKUP_ID), {}),
        ("get", url(connection, "ws_backups_download", BACKUP_ID), {}),
        ("post", url(connection, "ws_backups_automated_restore", point), {"scope": "all"}),
        ("post", url(connection, "ws_backups_cloud_create"), {"label": "x", "includes_files": "on"}),
        ("post", url(connection, "ws_backups_cloud_restore", cloud_id), {"includes_files": "on"}),
        ("get", url(connection, "ws_backups_cloud_link", cloud_id), {}),
    ]


def test_viewer_reads_but_cannot_act(browser_for, connection_one, sandbox, cloud_backup):
    browser = browser_for("viewer")

    page = browser.get(url(connection_one, "ws_backups")).content.decode()
    assert "Pre-launch snapshot" in page
    assert url(connection_one, "ws_backups_download", BACKUP_ID) not in page

    for method, target, data in writes(connection_one, newest_restore_point(sandbox), cloud_backup):
        response = getattr(browser, method)(target, data)
        assert response.status_code == 403, target

    assert BACKUP_ID in sandbox.state.sites[SITE_ID].backups
    assert Job.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, cloud_backup):
    browser = browser_for("outsider")
    targets = [("get", url(connection_one, "ws_backups"), {})]
    targets += writes(connection_one, newest_restore_point(sandbox), cloud_backup)

    for method, target, data in targets:
        response = getattr(browser, method)(target, data)
        assert response.status_code == 404, target
        assert not isinstance(response, StreamingHttpResponse)
        assert "Pre-launch snapshot" not in response.content.decode()

    assert BACKUP_ID in sandbox.state.sites[SITE_ID].backups
    assert Job.objects.count() == 0
