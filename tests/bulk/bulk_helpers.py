"""Helpers for bulk job tests: targets from the sandbox's fleet, and a loop that plays the workers."""

import datetime
import time

import requests
from django.utils import timezone

from sites.bulk import services, tasks
from sites.bulk.models import BulkItem, ItemStatus
from sites.bulk.selection import resolve_selection


def add_fault(sandbox, **fault):
    response = requests.post(f"{sandbox.url}/_sandbox/faults", json=fault, timeout=5)
    assert response.status_code == 200, response.text


def lock_by_running_task(sandbox, site_id, *, seconds):
    """Lock the site with a sandbox clone task that runs for `seconds` and unlocks the site when it ends."""
    state = sandbox.state
    site = state.sites[site_id]

    def release(_state, task):
        site.lock_holders.discard(f"clone:{task.id}")

    task = state.start_task(state.accounts[site.account_email], site_id, "clone_site", on_done=release,
                            on_error=release)
    task.duration = seconds
    site.lock_holders.add(f"clone:{task.id}")
    return task


def fleet_targets(team):
    """Return a SiteTarget for every site of every connection of the team, as "select all" would."""
    selection = resolve_selection(team, select_all=True)
    assert selection.errors == []
    assert selection.unavailable == []
    return selection.targets


def current_items(job):
    return list(BulkItem.objects.filter(bulk_job=job, is_current=True).order_by("pk"))


def drain(job, *, timeout=30.0):
    """Run the job's items through the real task function until none is queued or running.

    Plays the role of the dispatcher and workers: it starts whatever items_to_start() offers, one
    at a time, and waits for items whose not_before lies in the future.
    """
    deadline = time.monotonic() + timeout
    while True:
        items = current_items(job)
        if not any(item.status in (ItemStatus.QUEUED, ItemStatus.RUNNING) for item in items):
            return items
        assert time.monotonic() < deadline, f"bulk job {job.pk} still active: {[i.status for i in items]}"

        started = False
        for connection_id in sorted({item.connection_id for item in items}):
            for item_id in services.items_to_start(connection_id):
                tasks.run_item(item_id)
                started = True
        if not started:
            time.sleep(0.05)


def statuses(items):
    return {(item.connection_id, item.site_id): item.status for item in items}


def past(seconds):
    return timezone.now() - datetime.timedelta(seconds=seconds)
