"""Setup steps shared by the contract samples."""

from sandbox_testkit import TASK_SECONDS

BACKUP_FLAGS = {"backup_directory": True, "backup_database": True}


def first_site(api):
    return api.site_ids()[0]


def finished_backup(api, site_id):
    response = api.post(f"/v1/sites/{site_id}/backup", json={"label": "contract", **BACKUP_FLAGS})
    task_id = response.json()["result"]["task_id"]
    api.advance(TASK_SECONDS + 1)
    return api.get(f"/v1/sites/{site_id}/backup", params={"task_id": task_id}).json()["result"][0]


def running_clone(api, site_id):
    return api.post(f"/v1/sites/{site_id}/clone", json={"label": "contract"}).json()["result"]["task_id"]


def new_alias(api, site_id, domain="alias.example.com"):
    return api.post(f"/v1/sites/{site_id}/domains", json={"domain": domain}).json()["result"]
