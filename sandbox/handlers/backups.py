"""Backups: list, create and restore (background tasks), delete and download."""

import gzip
import logging

from werkzeug.wrappers import Response

from ..models import Backup
from ..responses import ApiError, bad_request, envelope, list_envelope, not_found, parse_int
from ..responses import require_bool, require_fields
from ..router import route
from ..tasks import DONE, ERROR

logger = logging.getLogger(__name__)

BACKUP_SORT_KEYS = {
    "created_at": lambda item: item["created"],
    "id": lambda item: item["id"],
    "label": lambda item: item["label"].lower(),
    "status": lambda item: item["status"],
}
RESTORING = "RESTORING"


def backup_api(ctx, backup):
    """Return the backup with its live status: a running backup follows its task."""
    item = backup.to_api(ctx.base_url)
    task = ctx.state.tasks.get(backup.task_id)
    if backup.status not in (DONE, ERROR, RESTORING) and task is not None:
        item["status"] = task.progress(ctx.state.now())[0]
    return item


def _backup(ctx, site, backup_id):
    number = parse_int(backup_id, "backup id")
    backup = site.backups.get(number)
    if backup is None:
        raise not_found(f"backup {number} not found on site {site.id}")
    return backup


@route("GET", "/v1/sites/{id}/backup")
def list_backups(ctx, id):
    site = ctx.site(id)
    items = [backup_api(ctx, backup) for backup in sorted(site.backups.values(), key=lambda b: b.id)]

    task_id = ctx.query.get("task_id")
    if task_id:
        items = [item for item in items if item["task_id"] == task_id]

    search = ctx.query.get("search", "").strip().lower()
    if search:
        items = [item for item in items if search in item["label"].lower()]

    statuses = {value.strip().upper() for value in ctx.query.get("status", "").split(",") if value.strip()}
    if statuses:
        items = [item for item in items if item["status"] in statuses]

    return list_envelope(items, ctx.query, default_per_page=100, sort_keys=BACKUP_SORT_KEYS)


@route("POST", "/v1/sites/{id}/backup")
def create_backup(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    # The schema marks only label required; the live API needs all three.
    require_fields(body, "label", "backup_directory", "backup_database")
    directory = require_bool(body, "backup_directory")
    database = require_bool(body, "backup_database")
    if not (directory or database):
        raise bad_request("backup_directory and backup_database are both false: set at least one to true")

    task = ctx.state.start_task(ctx.account, site.id, "backup",
                                on_done=_set_backup_status(DONE), on_error=_set_backup_status(ERROR))
    backup = Backup(
        id=ctx.state.next_backup_id(),
        site_id=site.id,
        label=str(body["label"]),
        created_at=ctx.state.now(),
        status="NEW",
        task_id=task.id,
        backup_directory=directory,
        backup_database=database,
    )
    site.backups[backup.id] = backup
    task.payload["backup_id"] = backup.id
    logger.info("Backup %s of site %s started as task %s", backup.id, site.id, task.id)
    return envelope({"task_id": task.id, "task_level": "site"})


def _set_backup_status(status):
    def callback(state, task):
        site = state.sites.get(task.site_id)
        backup = site.backups.get(task.payload.get("backup_id")) if site else None
        if backup is not None:
            backup.status = status

    return callback


@route("POST", "/v1/sites/{id}/backup/{backup_id}/restore")
def restore_backup(ctx, id, backup_id):
    site = ctx.unlocked_site(id)
    backup = _backup(ctx, site, backup_id)
    body = ctx.body()
    require_fields(body, "backup_directory", "backup_database")
    directory = require_bool(body, "backup_directory")
    database = require_bool(body, "backup_database")
    if not (directory or database):
        raise bad_request("backup_directory and backup_database are both false: set at least one to true")

    if backup_api(ctx, backup)["status"] != DONE:
        raise bad_request(f"backup {backup.id} cannot be restored while its status is {backup_api(ctx, backup)['status']}; wait for DONE")

    backup.status = RESTORING
    task = ctx.state.start_task(ctx.account, site.id, "restore",
                                on_done=_set_backup_status(DONE), on_error=_set_backup_status(DONE),
                                meta_data={"backup_id": backup.id})
    task.payload["backup_id"] = backup.id
    logger.info("Restore of backup %s on site %s started as task %s", backup.id, site.id, task.id)
    return envelope({"task_id": task.id, "task_level": "site"})


@route("DELETE", "/v1/sites/{id}/backup/{backup_id}")
def delete_backup(ctx, id, backup_id):
    site = ctx.unlocked_site(id)
    backup = _backup(ctx, site, backup_id)

    status = backup_api(ctx, backup)["status"]
    if status not in (DONE, ERROR):
        raise bad_request(f"backup {backup.id} cannot be deleted while its status is {status}")

    del site.backups[backup.id]
    return envelope({"success": True})


@route("GET", "/v1/sites/{id}/backup/{backup_id}")
def download_backup(ctx, id, backup_id):
    site = ctx.site(id)
    backup = _backup(ctx, site, backup_id)

    token = ctx.query.get("token")
    if not token:
        raise bad_request("token is required: use the download_link from the backup list")
    if token != backup.task_id:
        raise ApiError(403, f"token is not valid for backup {backup.id}")
    if backup_api(ctx, backup)["status"] != DONE:
        raise bad_request(f"backup {backup.id} is not finished yet")

    content = f"Sandbox backup {backup.id} of {site.domain}: {backup.label}\n".encode()
    return Response(gzip.compress(content, mtime=0), content_type="application/gzip",
                    headers={"Content-Disposition": f'attachment; filename="backup-{backup.id}.tar.gz"'})
