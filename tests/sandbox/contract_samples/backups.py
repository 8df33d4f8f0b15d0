"""Samples for backups."""

from .helpers import BACKUP_FLAGS, finished_backup, first_site


def download(api):
    backup = finished_backup(api, first_site(api))
    return api.get(backup["download_link"].split(api.base_url, 1)[1])


def restore(api):
    site_id = first_site(api)
    backup = finished_backup(api, site_id)
    return api.post(f"/v1/sites/{site_id}/backup/{backup['id']}/restore", json=BACKUP_FLAGS)


def delete(api):
    site_id = first_site(api)
    backup = finished_backup(api, site_id)
    return api.delete(f"/v1/sites/{site_id}/backup/{backup['id']}")


SAMPLES = {
    ("GET", "/v1/sites/{id}/backup"): lambda api: api.get(f"/v1/sites/{first_site(api)}/backup"),
    ("POST", "/v1/sites/{id}/backup"): lambda api: api.post(
        f"/v1/sites/{first_site(api)}/backup", json={"label": "x", **BACKUP_FLAGS}),
    ("GET", "/v1/sites/{id}/backup/{backup_id}"): download,
    ("POST", "/v1/sites/{id}/backup/{backup_id}/restore"): restore,
    ("DELETE", "/v1/sites/{id}/backup/{backup_id}"): delete,
}
