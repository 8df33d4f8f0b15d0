"""Backups: create, list, restore, download and delete over the sandbox clock."""

import gzip

from sandbox_testkit import TASK_SECONDS


def create_backup(api, site_id, label="Before update"):
    response = api.post(f"/v1/sites/{site_id}/backup",
                        json={"label": label, "backup_directory": True, "backup_database": True})
    assert response.status_code == 200, response.text
    return response.json()["result"]["task_id"]


def find_backup(api, site_id, task_id):
    items = api.get(f"/v1/sites/{site_id}/backup", params={"task_id": task_id}).json()["result"]
    assert len(items) == 1
    return items[0]


def test_backup_lifecycle(api):
    site_id = api.site_ids()[0]
    task_id = create_backup(api, site_id, label="Before plugin update")

    assert find_backup(api, site_id, task_id)["status"] == "NEW"
    api.advance(TASK_SECONDS + 1)
    backup = find_backup(api, site_id, task_id)
    assert backup["status"] == "DONE"
    assert backup["label"] == "Before plugin update"
    assert api.task(site_id, task_id)["task_type"] == "backup"

    restore = api.post(f"/v1/sites/{site_id}/backup/{backup['id']}/restore",
                       json={"backup_directory": True, "backup_database": False})
    assert restore.status_code == 200
    assert find_backup(api, site_id, task_id)["status"] == "RESTORING"
    restore_task = api.task(site_id, restore.json()["result"]["task_id"])
    assert restore_task["task_type"] == "restore"

    api.advance(TASK_SECONDS + 1)
    assert api.task(site_id, restore_task["id"])["task_status"] == "DONE"
    assert find_backup(api, site_id, task_id)["status"] == "DONE"

    deleted = api.delete(f"/v1/sites/{site_id}/backup/{backup['id']}")
    assert deleted.json()["result"] == {"success": True}
    remaining = api.get(f"/v1/sites/{site_id}/backup").json()["result"]
    assert backup["id"] not in [item["id"] for item in remaining]


def test_backup_create_requires_flags(api):
    site_id = api.site_ids()[0]

    response = api.post(f"/v1/sites/{site_id}/backup", json={"label": "x"})

    assert response.status_code == 400
    message = response.json()["result"]["msg"]
    assert "backup_directory" in message
    assert "backup_database" in message


def test_backup_create_rejects_non_boolean(api):
    site_id = api.site_ids()[0]

    response = api.post(f"/v1/sites/{site_id}/backup",
                        json={"label": "x", "backup_directory": "yes", "backup_database": True})

    assert response.status_code == 400
    assert "'yes'" in response.json()["result"]["msg"]


def test_restore_requires_finished_backup(api):
    site_id = api.site_ids()[0]
    task_id = create_backup(api, site_id)
    backup_id = find_backup(api, site_id, task_id)["id"]

    response = api.post(f"/v1/sites/{site_id}/backup/{backup_id}/restore",
                        json={"backup_directory": True, "backup_database": True})

    assert response.status_code == 400
    assert "NEW" in response.json()["result"]["msg"]


def test_failed_backup_shows_error(api):
    site_id = api.site_ids()[0]
    api.control("faults", {"kind": "fail_task", "account": api.email, "message": "Database dump failed"})
    task_id = create_backup(api, site_id)

    api.advance(TASK_SECONDS)

    assert find_backup(api, site_id, task_id)["status"] == "ERROR"
    assert api.task(site_id, task_id)["message"] == "Database dump failed"


def test_backup_download_needs_token(api):
    site_id = api.site_ids()[0]
    task_id = create_backup(api, site_id)
    api.advance(TASK_SECONDS + 1)
    backup = find_backup(api, site_id, task_id)

    path = backup["download_link"].split(api.base_url, 1)[1]
    download = api.get(path)
    no_token = api.get(f"/v1/sites/{site_id}/backup/{backup['id']}")
    bad_token = api.get(f"/v1/sites/{site_id}/backup/{backup['id']}", params={"token": "nope"})

    assert download.headers["Content-Type"] == "application/gzip"
    assert b"Sandbox backup" in gzip.decompress(download.content)
    assert no_token.status_code == 400
    assert bad_token.status_code == 403


def test_backup_list_filters(api):
    site_id = api.site_ids()[0]
    create_backup(api, site_id, label="Alpha snapshot")
    create_backup(api, site_id, label="Beta snapshot")

    searched = api.get(f"/v1/sites/{site_id}/backup", params={"search": "alpha"}).json()["result"]
    running = api.get(f"/v1/sites/{site_id}/backup", params={"status": "NEW,PROGRESS"}).json()["result"]
    by_label = api.get(f"/v1/sites/{site_id}/backup", params={"sort": "label", "direction": "desc"}).json()

    assert [item["label"] for item in searched] == ["Alpha snapshot"]
    assert {item["label"] for item in running} == {"Alpha snapshot", "Beta snapshot"}
    labels = [item["label"] for item in by_label["result"]]
    assert labels == sorted(labels, key=str.lower, reverse=True)
    assert by_label["metadata"]["page_size"] == 100


def test_delete_unknown_backup_is_404(api):
    site_id = api.site_ids()[0]

    response = api.delete(f"/v1/sites/{site_id}/backup/999999")

    assert response.status_code == 404
    assert "999999" in response.json()["result"]["msg"]
