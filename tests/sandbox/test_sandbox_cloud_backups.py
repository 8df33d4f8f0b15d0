"""Cloud backups and automated restore points."""

from sandbox_testkit import TASK_SECONDS


def create_cloud_backup(api, site_id, **fields):
    body = {"label": "Nightly offsite", **fields}
    response = api.post(f"/v1/sites/{site_id}/cloud_backups", json=body)
    assert response.status_code == 200, response.text
    return response.json()["result"]


def test_cloud_backup_lifecycle(api):
    site_id = api.site_ids()[0]
    created = create_cloud_backup(api, site_id, exclude_paths=["wp-content/cache"])
    path = f"/v1/sites/{site_id}/cloud_backups/{created['backup_id']}"

    early = api.get(path).json()["result"]
    early_download = api.get(f"{path}/download")
    api.advance(TASK_SECONDS + 1)
    done = api.get(path).json()["result"]
    link = api.get(f"{path}/download").json()["result"]["download_link"]

    assert early["status"] == "NEW"
    assert early_download.status_code == 400
    assert done["status"] == "DONE"
    assert done["task_id"] == created["task_id"]
    assert done["wordpress_metadata"]["wordpress"]["plugins"]
    assert "_exclude_paths" not in done
    assert done["zip_file_name"] in link

    restore = api.post(f"{path}/restore", json={"includes_files": True, "includes_database": False})
    assert restore.status_code == 200
    assert api.get(path).json()["result"]["status"] == "RESTORING"
    assert api.task(site_id, restore.json()["result"]["task_id"])["task_type"] == "cloud_backup_restore"
    api.advance(TASK_SECONDS + 1)
    assert api.get(path).json()["result"]["status"] == "DONE"

    assert api.delete(path).json()["result"] == {"id": created["backup_id"]}
    assert api.get(path).status_code == 404


def test_cloud_backup_validation(api):
    site_id = api.site_ids()[0]

    no_label = api.post(f"/v1/sites/{site_id}/cloud_backups", json={})
    nothing = api.post(f"/v1/sites/{site_id}/cloud_backups",
                       json={"label": "x", "includes_files": False, "includes_database": False})
    created = create_cloud_backup(api, site_id, includes_files=False)
    api.advance(TASK_SECONDS + 1)
    restore_files = api.post(f"/v1/sites/{site_id}/cloud_backups/{created['backup_id']}/restore",
                             json={"includes_files": True, "includes_database": True})
    missing_flags = api.post(f"/v1/sites/{site_id}/cloud_backups/{created['backup_id']}/restore", json={})

    assert no_label.status_code == 400
    assert "label" in no_label.json()["result"]["msg"]
    assert nothing.status_code == 400
    assert restore_files.status_code == 400
    assert "no files" in restore_files.json()["result"]["msg"]
    assert missing_flags.status_code == 400
    assert "includes_files" in missing_flags.json()["result"]["msg"]


def test_cloud_backup_list_filters(api):
    site_id = api.site_ids()[0]
    first = create_cloud_backup(api, site_id, label="Alpha")
    api.advance(TASK_SECONDS + 1)
    create_cloud_backup(api, site_id, label="Beta")

    done = api.get(f"/v1/sites/{site_id}/cloud_backups", params={"status": "DONE"}).json()["result"]
    by_task = api.get(f"/v1/sites/{site_id}/cloud_backups", params={"task_id": first["task_id"]}).json()["result"]
    searched = api.get(f"/v1/sites/{site_id}/cloud_backups", params={"search": "beta"}).json()

    assert [item["label"] for item in done] == ["Alpha"]
    assert [item["id"] for item in by_task] == [first["backup_id"]]
    assert [item["label"] for item in searched["result"]] == ["Beta"]
    assert searched["metadata"]["total"] == 1


def test_automated_points_cover_two_weeks(api):
    site_id = api.site_ids()[0]

    body = api.get(f"/v1/sites/{site_id}/backup/automated").json()

    assert body["metadata"]["total"] == 14
    assert all(item["status"] == "DONE" for item in body["result"])
    assert body["result"][0]["created_at"] > body["result"][-1]["created_at"]


def test_automated_restore_variants(api):
    site_id = api.site_ids()[0]
    points = [item["recoveryPoint"] for item in api.get(f"/v1/sites/{site_id}/backup/automated").json()["result"]]
    base = f"/v1/sites/{site_id}/backup/automated"

    full = api.post(f"{base}/{points[0]}/restore").json()["result"]
    busy = api.post(f"{base}/{points[0]}/restore/database")
    database = api.post(f"{base}/{points[1]}/restore/database").json()["result"]
    partial = api.post(f"{base}/{points[2]}/restore/files",
                       json={"restore_type": "partial", "files": ["wp-content/uploads"]}).json()["result"]

    assert api.task(site_id, full["task_id"])["task_type"] == "automated_restore"
    assert api.task(site_id, partial["task_id"])["meta_data"]["files"] == ["wp-content/uploads"]
    assert busy.status_code == 400
    restoring = api.get(base, params={"status": "RESTORING"}).json()["result"]
    assert {item["recoveryPoint"] for item in restoring} == {points[0], points[1], points[2]}

    api.advance(TASK_SECONDS + 1)
    assert api.task(site_id, database["task_id"])["task_status"] == "DONE"
    assert api.get(base, params={"status": "RESTORING"}).json()["result"] == []


def test_automated_restore_validation(api):
    site_id = api.site_ids()[0]
    point = api.get(f"/v1/sites/{site_id}/backup/automated").json()["result"][0]["recoveryPoint"]
    base = f"/v1/sites/{site_id}/backup/automated"

    unknown = api.post(f"{base}/rp-missing/restore")
    bad_type = api.post(f"{base}/{point}/restore/files", json={"restore_type": "some"})
    no_files = api.post(f"{base}/{point}/restore/files", json={"restore_type": "partial"})
    traversal = api.post(f"{base}/{point}/restore/files", json={"restore_type": "partial", "files": ["../etc"]})

    assert unknown.status_code == 404
    assert bad_type.status_code == 400
    assert "'some'" in bad_type.json()["result"]["msg"]
    assert no_files.status_code == 400
    assert traversal.status_code == 400
    assert "../etc" in traversal.json()["result"]["msg"]
