"""Automated backups: daily restore points of the last 14 days, restored as tasks."""

import logging
from datetime import timedelta

from ..clock import iso_timestamp
from ..metrics import day_start, today
from ..responses import ApiError, bad_request, envelope, list_envelope
from ..router import route

logger = logging.getLogger(__name__)

RETENTION_DAYS = 14
RESTORE_TYPES = ("full", "partial")


def restore_points(state, site):
    """Return the site's restore points, newest first, keyed by recovery point id."""
    restoring = site.extras.setdefault("restoring_points", {})
    points = {}
    for offset in range(RETENTION_DAYS):
        day = today(state) - timedelta(days=offset + 1)
        point_id = f"rp-{site.id}-{day.strftime('%Y%m%d')}"
        created = day_start(day) + 3 * 3600
        points[point_id] = {
            "recoveryPoint": point_id,
            "created_at": iso_timestamp(created),
            "status": "RESTORING" if point_id in restoring else "DONE",
        }
    return points


def _point(ctx, site, restore_id):
    point = restore_points(ctx.state, site).get(restore_id)
    if point is None:
        raise ApiError(404, f"restore point {restore_id!r} not found on site {site.id}")
    if point["status"] == "RESTORING":
        raise bad_request(f"restore point {restore_id} is already being restored")
    return point


@route("GET", "/v1/sites/{id}/backup/automated")
def list_automated(ctx, id):
    site = ctx.site(id)
    items = list(restore_points(ctx.state, site).values())

    status = ctx.query.get("status")
    if status:
        items = [item for item in items if item["status"] == status]
    search = ctx.query.get("search", "").strip()
    if search:
        items = [item for item in items if search in item["created_at"]]

    sort_keys = {"created_at": lambda item: item["created_at"], "status": lambda item: item["status"]}
    return list_envelope(items, ctx.query, default_per_page=100, sort_keys=sort_keys)


def _start_restore(ctx, site, restore_id, scope, files=None):
    _point(ctx, site, restore_id)
    restoring = site.extras.setdefault("restoring_points", {})

    def finish(state, task):
        restoring.pop(restore_id, None)

    task = ctx.state.start_task(ctx.account, site.id, "automated_restore", on_done=finish, on_error=finish,
                                meta_data={"restore_id": restore_id, "scope": scope})
    if files:
        task.meta_data["files"] = list(files)
    restoring[restore_id] = task.id
    logger.info("Automated restore %s (%s) on site %s started as task %s", restore_id, scope, site.id, task.id)
    return envelope({"task_id": task.id, "task_level": "site"})


@route("POST", "/v1/sites/{id}/backup/automated/{restore_id}/restore")
def restore_automated(ctx, id, restore_id):
    site = ctx.unlocked_site(id)
    return _start_restore(ctx, site, restore_id, "full")


@route("POST", "/v1/sites/{id}/backup/automated/{restore_id}/restore/database")
def restore_automated_database(ctx, id, restore_id):
    site = ctx.unlocked_site(id)
    return _start_restore(ctx, site, restore_id, "database")


@route("POST", "/v1/sites/{id}/backup/automated/{restore_id}/restore/files")
def restore_automated_files(ctx, id, restore_id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    restore_type = body.get("restore_type")
    if restore_type not in RESTORE_TYPES:
        raise bad_request(f"restore_type must be 'full' or 'partial', got {restore_type!r}")

    files = body.get("files") or []
    if restore_type == "partial":
        if not isinstance(files, list) or not files or not all(isinstance(path, str) and path for path in files):
            raise bad_request("files must list at least one path for a partial restore, for example [\"wp-content/uploads\"]")
        for path in files:
            if path.startswith("/") or ".." in path.split("/"):
                raise bad_request(f"files entry {path!r} must be relative to the site root and must not contain '..'")

    return _start_restore(ctx, site, restore_id, f"files:{restore_type}", files)
