"""Cloud backups: create, list, get, download link, restore (tasks) and delete.

A cloud backup's status follows its task while the task runs, then stays DONE or ERROR.
"""

import logging
import uuid

from ..clock import iso_timestamp
from ..responses import ApiError, bad_request, envelope, list_envelope
from ..router import route
from ..tasks import DONE, ERROR
from .plugins import installed_plugins
from .settings import site_settings
from .themes import installed_themes
from .wordpress import WORDPRESS_VERSION

logger = logging.getLogger(__name__)

RESTORING = "RESTORING"
CLOUD_SORT_KEYS = {key: (lambda item, key=key: str(item[key]))
                   for key in ("created_at", "status", "id", "label", "task_id")}


def cloud_backups_of(site):
    return site.extras.setdefault("cloud_backups", {})


def _live_status(ctx, backup):
    if backup["status"] in (DONE, ERROR, RESTORING):
        return backup["status"]
    task = ctx.state.tasks.get(backup["task_id"])
    return task.progress(ctx.state.now())[0] if task else backup["status"]


def _public(ctx, backup):
    return {**{key: value for key, value in backup.items() if not key.startswith("_")},
            "status": _live_status(ctx, backup)}


def _find(ctx, site, backup_id):
    backup = cloud_backups_of(site).get(backup_id)
    if backup is None:
        raise ApiError(404, f"cloud backup {backup_id!r} not found on site {site.id}")
    return backup


def _wordpress_metadata(state, site):
    def entries(items):
        return [{"name": item["name"], "title": item["title"], "version": item["version"],
                 "activated": item["status"] == "active"} for item in items.values()]

    return {"wordpress": {
        "version": WORDPRESS_VERSION,
        "php_version": site_settings(state, site)["current_php_version"],
        "plugins": entries(installed_plugins(state, site)),
        "themes": entries(installed_themes(state, site)),
    }}


def _flag(body, name, default=None):
    value = body.get(name, default)
    if not isinstance(value, bool):
        raise bad_request(f"{name} must be true or false, got {value!r}")
    return value


@route("GET", "/v1/sites/{id}/cloud_backups")
def list_cloud_backups(ctx, id):
    site = ctx.site(id)
    items = [_public(ctx, backup) for backup in cloud_backups_of(site).values()]

    for name in ("status", "task_id"):
        wanted = ctx.query.get(name)
        if wanted:
            items = [item for item in items if item[name] == wanted]

    search = ctx.query.get("search", "").strip().lower()
    if search:
        items = [item for item in items if search in item["label"].lower() or search in item["id"]]

    return list_envelope(items, ctx.query, default_per_page=100, sort_keys=CLOUD_SORT_KEYS,
                         default_sort="created_at")


@route("POST", "/v1/sites/{id}/cloud_backups")
def create_cloud_backup(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    label = body.get("label")
    if not isinstance(label, str) or not label.strip():
        raise bad_request("label is required: a short name for the backup")

    files = _flag(body, "includes_files", True)
    database = _flag(body, "includes_database", True)
    if not (files or database):
        raise bad_request("includes_files and includes_database are both false: set at least one to true")

    excluded = body.get("exclude_paths", [])
    if not isinstance(excluded, list) or not all(isinstance(path, str) for path in excluded):
        raise bad_request(f"exclude_paths must be a list of path strings, got {excluded!r}")

    backup_id = str(uuid.uuid4())
    task = ctx.state.start_task(ctx.account, site.id, "cloud_backup_create",
                                on_done=_set_status(DONE), on_error=_set_status(ERROR),
                                meta_data={"backup_id": backup_id})
    task.payload["backup_id"] = backup_id
    cloud_backups_of(site)[backup_id] = {
        "id": backup_id,
        "includes_files": files,
        "includes_database": database,
        "created_at": iso_timestamp(ctx.state.now()),
        "label": label.strip(),
        "status": "NEW",
        "site_id": site.id,
        "size": site.disk_usage_kb * 1024 if files else 40 * 1024 * 1024,
        "task_id": task.id,
        "wordpress_metadata": _wordpress_metadata(ctx.state, site),
        "zip_file_name": f"{site.domain}-{backup_id[:8]}.zip",
        "_exclude_paths": list(excluded),
    }
    logger.info("Cloud backup %s of site %s started as task %s", backup_id, site.id, task.id)
    return envelope({"backup_id": backup_id, "task_id": task.id, "task_level": "site"})


def _set_status(status):
    def callback(state, task):
        site = state.sites.get(task.site_id)
        backup = cloud_backups_of(site).get(task.payload["backup_id"]) if site else None
        if backup is not None:
            backup["status"] = status

    return callback


@route("GET", "/v1/sites/{id}/cloud_backups/{backup_id}")
def get_cloud_backup(ctx, id, backup_id):
    site = ctx.site(id)
    return envelope(_public(ctx, _find(ctx, site, backup_id)))


@route("GET", "/v1/sites/{id}/cloud_backups/{backup_id}/download")
def cloud_backup_download(ctx, id, backup_id):
    site = ctx.site(id)
    backup = _find(ctx, site, backup_id)
    status = _live_status(ctx, backup)
    if status not in (DONE, RESTORING):
        raise bad_request(f"cloud backup {backup_id} is {status}: only finished backups can be downloaded")

    link = f"https://backups.example.com/{site.id}/{backup['zip_file_name']}?expires={int(ctx.state.now()) + 3600}"
    return envelope({"download_link": link})


@route("POST", "/v1/sites/{id}/cloud_backups/{backup_id}/restore")
def restore_cloud_backup(ctx, id, backup_id):
    site = ctx.unlocked_site(id)
    backup = _find(ctx, site, backup_id)
    body = ctx.body()
    for name in ("includes_files", "includes_database"):
        if name not in body:
            raise bad_request(f"{name} is required: true or false")
    files = _flag(body, "includes_files")
    database = _flag(body, "includes_database")
    if not (files or database):
        raise bad_request("includes_files and includes_database are both false: set at least one to true")
    if files and not backup["includes_files"]:
        raise bad_request(f"cloud backup {backup_id} has no files to restore")
    if database and not backup["includes_database"]:
        raise bad_request(f"cloud backup {backup_id} has no database to restore")

    status = _live_status(ctx, backup)
    if status != DONE:
        raise bad_request(f"cloud backup {backup_id} is {status}: wait for DONE before restoring")

    backup["status"] = RESTORING
    task = ctx.state.start_task(ctx.account, site.id, "cloud_backup_restore",
                                on_done=_set_status(DONE), on_error=_set_status(DONE),
                                meta_data={"backup_id": backup_id})
    task.payload["backup_id"] = backup_id
    return envelope({"task_id": task.id, "task_level": "site"})


@route("DELETE", "/v1/sites/{id}/cloud_backups/{backup_id}")
def delete_cloud_backup(ctx, id, backup_id):
    site = ctx.unlocked_site(id)
    backup = _find(ctx, site, backup_id)
    status = _live_status(ctx, backup)
    if status not in (DONE, ERROR):
        raise bad_request(f"cloud backup {backup_id} is {status}: wait for it to finish before deleting")

    del cloud_backups_of(site)[backup_id]
    return envelope({"id": backup_id})
