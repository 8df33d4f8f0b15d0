"""Samples for cloud backups and automated restore points."""

from sandbox_testkit import TASK_SECONDS

from .helpers import first_site


def finished_cloud_backup(api):
    site_id = first_site(api)
    created = api.post(f"/v1/sites/{site_id}/cloud_backups", json={"label": "contract"}).json()["result"]
    api.advance(TASK_SECONDS + 1)
    return f"/v1/sites/{site_id}/cloud_backups/{created['backup_id']}"


def first_point(api):
    site_id = first_site(api)
    point = api.get(f"/v1/sites/{site_id}/backup/automated").json()["result"][0]["recoveryPoint"]
    return f"/v1/sites/{site_id}/backup/automated/{point}"


SAMPLES = {
    ("GET", "/v1/sites/{id}/cloud_backups"): lambda api: (
        finished_cloud_backup(api), api.get(f"/v1/sites/{first_site(api)}/cloud_backups"))[1],
    ("POST", "/v1/sites/{id}/cloud_backups"): lambda api: api.post(
        f"/v1/sites/{first_site(api)}/cloud_backups", json={"label": "x", "exclude_paths": ["wp-content/cache"]}),
    ("GET", "/v1/sites/{id}/cloud_backups/{backup_id}"): lambda api: api.get(finished_cloud_backup(api)),
    ("GET", "/v1/sites/{id}/cloud_backups/{backup_id}/download"): lambda api: api.get(
        finished_cloud_backup(api) + "/download"),
    ("POST", "/v1/sites/{id}/cloud_backups/{backup_id}/restore"): lambda api: api.post(
        finished_cloud_backup(api) + "/restore", json={"includes_files": True, "includes_database": True}),
    ("DELETE", "/v1/sites/{id}/cloud_backups/{backup_id}"): lambda api: api.delete(finished_cloud_backup(api)),
    ("GET", "/v1/sites/{id}/backup/automated"): lambda api: api.get(f"/v1/sites/{first_site(api)}/backup/automated"),
    ("POST", "/v1/sites/{id}/backup/automated/{restore_id}/restore"): lambda api: api.post(
        first_point(api) + "/restore"),
    ("POST", "/v1/sites/{id}/backup/automated/{restore_id}/restore/database"): lambda api: api.post(
        first_point(api) + "/restore/database"),
    ("POST", "/v1/sites/{id}/backup/automated/{restore_id}/restore/files"): lambda api: api.post(
        first_point(api) + "/restore/files", json={"restore_type": "full"}),
}
