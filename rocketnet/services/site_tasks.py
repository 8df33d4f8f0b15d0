"""Background tasks of a site: list, look one up, cancel, and wait for one to end."""

from __future__ import annotations

import logging
import time
from typing import Callable

from rocketnet.client import Client
from rocketnet.errors import NotFoundError, TaskFailedError, TaskTimeoutError
from rocketnet.models import Task, TaskHandle
from rocketnet.registry import operation
from rocketnet.services._common import DIRECTIONS, TASK_STATUSES, check_choice, list_all
from rocketnet.services.account import get_account_task

logger = logging.getLogger(__name__)

SITE_TASK_TYPES = (
    "automated_restore", "backup", "clone_site", "cloud_backup_create", "cloud_backup_restore",
    "publish", "restore", "staging",
)
TASK_SORTS = ("id", "perc", "task_status", "task_type", "updated")

# Polling schedule reported to work against the live API: start near 3 s, grow 1.5x, cap at 15 s.
FIRST_POLL_SECONDS = 3.0
POLL_GROWTH = 1.5
MAX_POLL_SECONDS = 15.0


@operation("GET", "/v1/sites/{id}/tasks")
def list_tasks(
    client: Client,
    site_id: int,
    *,
    task_id: str | None = None,
    task_type: str | None = None,
    task_status: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[Task]:
    """Return the site's tasks (all pages), optionally filtered."""
    check_choice("task_type", task_type, SITE_TASK_TYPES)
    check_choice("task_status", task_status, TASK_STATUSES)
    check_choice("sort", sort, TASK_SORTS)
    check_choice("direction", direction, DIRECTIONS)
    query = {
        "task_id": task_id, "task_type": task_type, "task_status": task_status,
        "sort": sort, "direction": direction,
    }
    return list_all(
        client, "/v1/sites/{id}/tasks", path_params={"id": site_id}, query=query,
        per_page=per_page, parse=Task.from_api,
    )


def get_task(client: Client, site_id: int, task_id: str) -> Task:
    """Return one site task, found through the list's task_id filter (there is no single-task call).

    Raises NotFoundError when no task has that id.
    """
    for task in list_tasks(client, site_id, task_id=task_id):
        if task.id == str(task_id):
            return task
    raise NotFoundError(None, [f"site {site_id} has no task {task_id}"])


@operation("POST", "/v1/sites/{id}/tasks/{task_id}/cancel")
def cancel_task(client: Client, site_id: int, task_id: str) -> None:
    client.send("POST", "/v1/sites/{id}/tasks/{task_id}/cancel", path_params={"id": site_id, "task_id": task_id})
    logger.info("Cancelled task %s of site %s", task_id, site_id)


def fetch_task(client: Client, handle: TaskHandle) -> Task:
    """Return the current state of the task behind `handle`, at site or account level."""
    if handle.level == "account" or handle.site_id is None:
        return get_account_task(client, handle.task_id)
    return get_task(client, handle.site_id, handle.task_id)


def wait_for_task(
    client: Client,
    handle: TaskHandle,
    *,
    timeout: float = 600,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    on_progress: Callable[[Task], None] | None = None,
) -> Task:
    """Poll a task until it ends and return it.

    Polls after 3 s, then 1.5 times longer each time, at most 15 s apart. Raises TaskFailedError
    when the task ends in ERROR, FAILED or CANCELLED, and TaskTimeoutError when it is still running
    after `timeout` seconds. Unknown statuses count as still running. `on_progress` receives every
    state seen, for progress bars.
    """
    deadline = clock() + timeout
    delay = FIRST_POLL_SECONDS

    while True:
        task = fetch_task(client, handle)
        if on_progress is not None:
            on_progress(task)
        if task.succeeded:
            return task
        if task.failed:
            raise TaskFailedError(task.id, task.status, task.message)

        if clock() + delay > deadline:
            raise TaskTimeoutError(
                None, [f"task {handle.task_id} still has status {task.status} after {timeout:g} s"],
            )
        logger.debug("Task %s is %s (%s%%); checking again in %.1f s", task.id, task.status, task.perc, delay)
        sleep(delay)
        delay = min(MAX_POLL_SECONDS, delay * POLL_GROWTH)
