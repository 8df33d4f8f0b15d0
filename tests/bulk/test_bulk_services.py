"""Bulk jobs run by the real task functions against the sandbox over HTTP, across both accounts."""

import datetime

from django.utils import timezone

from accounts.models import AuditEvent, AuditResult
from bulk_helpers import add_fault, current_items, drain, fleet_targets, lock_by_running_task, statuses
from sandbox.handlers.plugins import installed_plugins
from sandbox.handlers.settings import site_settings
from sites.bulk import services, tasks
from sites.bulk.models import BulkAction, BulkItem, ItemStatus


def create(team, owner, action, targets, **params):
    return services.create_bulk_job(team=team, user=owner, action=action, params=params, targets=targets)


def site_of(sandbox, target):
    return sandbox.state.sites[target.site_id]


def test_purge_cache_on_every_site_of_both_accounts(team, owner, connection_one, connection_two, sandbox):
    targets = fleet_targets(team)
    job = create(team, owner, BulkAction.PURGE_CACHE, targets)

    items = drain(job)

    assert {target.connection_id for target in targets} == {connection_one.pk, connection_two.pk}
    assert len(items) == len(targets)
    assert set(statuses(items).values()) == {ItemStatus.SUCCEEDED}
    for target in targets:
        purges = site_of(sandbox, target).extras.get("cache_purges", [])
        assert len(purges) == 1, target
        assert purges[0]["files"] is None


def test_plugin_update_updates_only_outdated(team, owner, connection_one, connection_two, sandbox):
    targets = fleet_targets(team)
    before = {t.site_id: {slug: dict(item) for slug, item in installed_plugins(sandbox.state, site_of(sandbox, t)).items()}
              for t in targets}
    job = create(team, owner, BulkAction.UPDATE_PLUGINS, targets, slugs=[])

    items = drain(job)

    for item in items:
        outdated = sorted(slug for slug, plugin in before[item.site_id].items() if plugin["version"] != plugin["latest"])
        after = installed_plugins(sandbox.state, sandbox.state.sites[item.site_id])
        assert all(plugin["version"] == plugin["latest"] for plugin in after.values())
        assert sorted(entry["slug"] for entry in item.result["updated"]) == outdated
        expected = ItemStatus.SUCCEEDED if outdated else ItemStatus.SKIPPED
        assert item.status == expected, item.site_id


def test_chosen_slug_missing_skips_site(team, owner, connection_one, sandbox):
    targets = fleet_targets(team)[:3]
    job = create(team, owner, BulkAction.UPDATE_PLUGINS, targets, slugs=["no-such-plugin"])

    items = drain(job)

    assert {item.status for item in items} == {ItemStatus.SKIPPED}
    assert all("no-such-plugin" in item.note_text for item in items)


def test_backup_waits_for_its_task(team, owner, connection_one, connection_two, sandbox):
    targets = [fleet_targets(team)[0], fleet_targets(team)[-1]]
    job = create(team, owner, BulkAction.CREATE_BACKUP, targets, label="Before June updates")

    items = drain(job)

    assert [item.status for item in items] == [ItemStatus.SUCCEEDED, ItemStatus.SUCCEEDED]
    for target in targets:
        labels = [backup.label for backup in site_of(sandbox, target).backups.values()]
        assert labels.count("Before June updates") == 1


def test_failed_backup_task_fails_item(team, owner, connection_one, sandbox):
    target = fleet_targets(team)[0]
    add_fault(sandbox, kind="fail_task", account=connection_one.email, message="disk quota exceeded")
    job = create(team, owner, BulkAction.CREATE_BACKUP, [target], label="Nightly")

    [item] = drain(job)

    assert item.status == ItemStatus.FAILED
    assert "disk quota exceeded" in item.error


def test_change_setting_skips_sites_already_set(team, owner, connection_one, connection_two, sandbox):
    targets = fleet_targets(team)[:4]
    site_settings(sandbox.state, site_of(sandbox, targets[0]))["wp_plugin_auto_updates"] = 1
    site_settings(sandbox.state, site_of(sandbox, targets[1]))["wp_plugin_auto_updates"] = 0
    job = create(team, owner, BulkAction.CHANGE_SETTING, targets, setting="wp_plugin_auto_updates", value=1)

    items = {item.site_id: item for item in drain(job)}

    assert items[targets[0].site_id].status == ItemStatus.SKIPPED
    assert items[targets[1].site_id].status == ItemStatus.SUCCEEDED
    assert items[targets[1].site_id].result["from"] == 0
    for target in targets:
        assert site_settings(sandbox.state, site_of(sandbox, target))["wp_plugin_auto_updates"] == 1


def test_php_version_uses_update_parameter(team, owner, connection_one, sandbox):
    target = fleet_targets(team)[0]
    site_settings(sandbox.state, site_of(sandbox, target))["current_php_version"] = "8.1"
    job = create(team, owner, BulkAction.CHANGE_SETTING, [target], setting="current_php_version", value="8.3")

    [item] = drain(job)

    assert item.status == ItemStatus.SUCCEEDED
    assert site_settings(sandbox.state, site_of(sandbox, target))["current_php_version"] == "8.3"


def test_rejected_item_fails_and_others_succeed(team, owner, connection_one, connection_two, sandbox):
    targets = fleet_targets(team)[:3]
    bad = targets[1]
    add_fault(sandbox, kind="client_error", status=403, path=f"/v1/sites/{bad.site_id}/cache/purge_everything")
    job = create(team, owner, BulkAction.PURGE_CACHE, targets)

    items = {item.site_id: item for item in drain(job)}

    assert items[bad.site_id].status == ItemStatus.FAILED
    assert "403" in items[bad.site_id].error
    assert [items[t.site_id].status for t in targets if t != bad] == [ItemStatus.SUCCEEDED] * 2


def test_retry_creates_attempts_for_failed_only(team, owner, connection_one, connection_two, sandbox):
    targets = fleet_targets(team)[:3]
    bad = targets[0]
    add_fault(sandbox, kind="client_error", status=403, path=f"/v1/sites/{bad.site_id}/cache/purge_everything",
              count=1)
    job = create(team, owner, BulkAction.PURGE_CACHE, targets)
    drain(job)

    retried = services.retry_failed_items(job, user=owner)
    items = drain(job)

    assert retried == 1
    assert len(items) == 3
    assert set(statuses(items).values()) == {ItemStatus.SUCCEEDED}
    retried_item = next(item for item in items if item.site_id == bad.site_id)
    assert retried_item.attempt == 2
    old = BulkItem.objects.get(bulk_job=job, site_id=bad.site_id, is_current=False)
    assert old.status == ItemStatus.FAILED
    # The sites that had succeeded were not purged a second time.
    for target in targets[1:]:
        assert len(site_of(sandbox, target).extras["cache_purges"]) == 1
    assert len(site_of(sandbox, bad).extras["cache_purges"]) == 1


def test_retry_without_failures_is_rejected(team, owner, connection_one, sandbox):
    job = create(team, owner, BulkAction.PURGE_CACHE, fleet_targets(team)[:1])
    drain(job)

    try:
        services.retry_failed_items(job, user=owner)
    except services.BulkActionError as error:
        assert "No failed sites" in error.message
    else:
        raise AssertionError("retry of a job without failures was accepted")


def test_cancel_stops_queued_items(team, owner, connection_one, connection_two, sandbox):
    targets = fleet_targets(team)[:5]
    job = create(team, owner, BulkAction.PURGE_CACHE, targets)
    first = current_items(job)[0]
    tasks.run_item(first.pk)

    cancelled = services.cancel_bulk_job(job, user=owner)
    items = drain(job)

    assert cancelled == 4
    assert statuses(items)[(first.connection_id, first.site_id)] == ItemStatus.SUCCEEDED
    assert sorted(item.status for item in items) == [ItemStatus.CANCELLED] * 4 + [ItemStatus.SUCCEEDED]
    purged = [t for t in targets if site_of(sandbox, t).extras.get("cache_purges")]
    assert purged == [t for t in targets if t.site_id == first.site_id]


def test_cancel_lets_running_item_finish(team, owner, connection_one, sandbox):
    targets = fleet_targets(team)[:2]
    job = create(team, owner, BulkAction.PURGE_CACHE, targets)
    running, queued = current_items(job)
    # As if a worker had started this item just before Cancel was pressed.
    BulkItem.objects.filter(pk=running.pk).update(status=ItemStatus.RUNNING)

    services.cancel_bulk_job(job, user=owner)

    running.refresh_from_db()
    queued.refresh_from_db()
    assert running.status == ItemStatus.RUNNING
    assert queued.status == ItemStatus.CANCELLED


def toggle_ssh_access(team, owner, sandbox, target):
    """Create a bulk job that flips the site's SSH access, a call that a locked site rejects."""
    current = site_settings(sandbox.state, site_of(sandbox, target))["ssh_access"]
    job = create(team, owner, BulkAction.CHANGE_SETTING, [target], setting="ssh_access", value=1 - current)
    [item] = current_items(job)
    return job, item


def test_locked_site_waits_then_succeeds(team, owner, connection_one, sandbox):
    target = fleet_targets(team)[0]
    lock_by_running_task(sandbox, target.site_id, seconds=1.5)
    job, item = toggle_ssh_access(team, owner, sandbox, target)

    tasks.run_item(item.pk)
    item.refresh_from_db()
    assert item.status == ItemStatus.QUEUED
    assert item.locked_since is not None
    assert item.not_before > timezone.now() - datetime.timedelta(seconds=1)
    assert "locked by another task" in item.error

    [item] = drain(job)

    assert item.status == ItemStatus.SUCCEEDED
    assert item.error == ""


def test_manually_locked_site_fails_at_once(team, owner, connection_one, sandbox):
    target = fleet_targets(team)[0]
    site_of(sandbox, target).lock_holders.add("user")
    before = site_settings(sandbox.state, site_of(sandbox, target))["ssh_access"]
    _job, item = toggle_ssh_access(team, owner, sandbox, target)

    tasks.run_item(item.pk)

    item.refresh_from_db()
    assert site_settings(sandbox.state, site_of(sandbox, target))["ssh_access"] == before
    assert item.status == ItemStatus.FAILED
    assert item.locked_since is None
    assert f"Site {target.site_label} is locked with Lock site, and no task is running on it." in item.error
    assert "Unlock it on the site's Overview tab, then retry this site." in item.error


def test_manual_lock_after_task_ends_fails(team, owner, connection_one, sandbox):
    # The site is locked by a person and also runs a task: wait for the task, then fail.
    target = fleet_targets(team)[0]
    site_of(sandbox, target).lock_holders.add("user")
    lock_by_running_task(sandbox, target.site_id, seconds=1.0)
    job, item = toggle_ssh_access(team, owner, sandbox, target)

    tasks.run_item(item.pk)
    item.refresh_from_db()
    assert item.status == ItemStatus.QUEUED

    [item] = drain(job)

    assert item.status == ItemStatus.FAILED
    assert "is locked with Lock site" in item.error


def test_locked_site_fails_after_max_wait(team, owner, connection_one, sandbox, monkeypatch):
    monkeypatch.setattr(services, "LOCKED_GIVE_UP_SECONDS", 0.5)
    target = fleet_targets(team)[0]
    lock_by_running_task(sandbox, target.site_id, seconds=60)
    job = create(team, owner, BulkAction.UPDATE_PLUGINS, [target], slugs=[])

    [item] = drain(job)

    assert item.status == ItemStatus.FAILED
    assert "stayed locked" in item.error
    assert "Retry this site" in item.error


def test_transient_error_is_retried_on_the_item(team, owner, connection_one, sandbox):
    target = fleet_targets(team)[0]
    add_fault(sandbox, kind="server_error", status=500, method="POST",
              path=f"/v1/sites/{target.site_id}/cache/purge_everything", count=1)
    job = create(team, owner, BulkAction.PURGE_CACHE, [target])

    [item] = drain(job)

    assert item.status == ItemStatus.SUCCEEDED
    assert item.transient_errors == 1


def test_outcomes_are_audited_per_site(team, owner, connection_one, connection_two, sandbox):
    targets = fleet_targets(team)[:3]
    bad = targets[2]
    add_fault(sandbox, kind="client_error", status=403, path=f"/v1/sites/{bad.site_id}/cache/purge_everything")
    job = create(team, owner, BulkAction.PURGE_CACHE, targets)
    drain(job)

    queued = AuditEvent.objects.get(action="bulk.purge_cache", result=AuditResult.QUEUED)
    per_site = AuditEvent.objects.filter(action="bulk.purge_cache", site_id__isnull=False)
    assert queued.detail["bulk_job"] == job.pk
    assert queued.detail["sites"] == 3
    assert queued.actor == owner
    assert sorted(event.site_id for event in per_site) == sorted(t.site_id for t in targets)
    results = {event.site_id: event.result for event in per_site}
    assert results[bad.site_id] == AuditResult.FAILED
    assert [results[t.site_id] for t in targets[:2]] == [AuditResult.SUCCEEDED] * 2


def test_stuck_running_item_is_failed(team, owner, connection_one, sandbox, settings):
    job = create(team, owner, BulkAction.PURGE_CACHE, fleet_targets(team)[:1])
    [item] = current_items(job)
    long_ago = timezone.now() - datetime.timedelta(minutes=settings.JOB_STUCK_AFTER_MINUTES + 1)
    BulkItem.objects.filter(pk=item.pk).update(status=ItemStatus.RUNNING, updated_at=long_ago)

    count = services.fail_stuck_items()

    item.refresh_from_db()
    assert count == 1
    assert item.status == ItemStatus.FAILED
    assert "No result after" in item.error


def test_selection_rejects_unknown_site(team, connection_one, sandbox):
    from sites.bulk.selection import resolve_selection

    selection = resolve_selection(team, values=[f"{connection_one.pk}:999999", "abc"])

    assert selection.targets == []
    assert len(selection.errors) == 2
    assert "999999" in selection.errors[0]
    assert "“abc”" in selection.errors[1]


def test_select_all_uses_filter(team, connection_one, connection_two, sandbox):
    from sites.bulk.selection import resolve_selection

    everything = resolve_selection(team, select_all=True)
    label = everything.targets[0].site_label
    filtered = resolve_selection(team, select_all=True, query=label)

    assert label in [target.site_label for target in filtered.targets]
    assert len(filtered.targets) < len(everything.targets)
