"""Site tasks: list with filters and pagination, and cancel a running task."""

import logging

from ..responses import ApiError, envelope, list_envelope, not_found
from ..router import route
from ..tasks import NEW, PROGRESS
from .account import TASK_SORT_KEYS

logger = logging.getLogger(__name__)

TASK_STATUSES = ("DONE", "ERROR", "NEW", "PROGRESS")


@route("GET", "/v1/sites/{id}/tasks")
def list_site_tasks(ctx, id):
    site = ctx.site(id)
    now = ctx.state.now()

    status = ctx.query.get("task_status")
    if status and status not in (*TASK_STATUSES, ctx.account.progress_label):
        raise ApiError(400, f"task_status must be one of {', '.join(TASK_STATUSES)}, got {status!r}")

    tasks = sorted(ctx.state.tasks_of_site(site.id), key=lambda task: task.started_at)
    items = [task.to_api(now, ctx.account.progress_label) for task in tasks]
    for name, key in (("task_id", "id"), ("task_type", "task_type"), ("task_status", "task_status")):
        wanted = ctx.query.get(name)
        if wanted:
            items = [item for item in items if item[key] == wanted]

    return list_envelope(items, ctx.query, default_per_page=100, sort_keys=TASK_SORT_KEYS)


@route("POST", "/v1/sites/{id}/tasks/{task_id}/cancel")
def cancel_site_task(ctx, id, task_id):
    site = ctx.site(id)
    task = ctx.state.tasks.get(task_id)
    if task is None or task.site_id != site.id or task.hidden:
        raise not_found(f"task {task_id} not found on site {site.id}")

    now = ctx.state.now()
    status = task.progress(now)[0]
    if status not in (NEW, PROGRESS):
        raise ApiError(400, f"task {task_id} cannot be cancelled because it is {status}; only NEW or PROGRESS tasks can")

    task.cancelled_at = now
    ctx.state.settle()
    logger.info("Task %s on site %s cancelled", task_id, site.id)
    return envelope({"success": True})
