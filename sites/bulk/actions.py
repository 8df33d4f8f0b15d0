"""What each bulk action does on one site, given a logged-in rocketnet client.

Each action returns an Outcome (succeeded or skipped, with a result to show) or raises an error.
A RocketNetError comes from the API, and the caller decides whether to wait and retry. ItemFailed
is a failure that is not an API error, such as a backup task that ended in ERROR.
"""

import datetime
import logging
import time
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_noop

from rocketnet.models import TaskHandle
from sites.bulk import messages
from rocketnet.services import backups, cdn_cache, plugins, site_tasks, sites, themes
from sites.bulk.models import BulkAction, BulkItem, ItemStatus

logger = logging.getLogger(__name__)

# Polling of a backup task: the schedule reported to work against the live API (first look after
# 3 s, then 1.5 times longer, at most 15 s apart, giving up after 10 minutes).
POLL_FIRST_SECONDS = 3.0
POLL_GROWTH = 1.5
POLL_MAX_SECONDS = 15.0
POLL_GIVE_UP_SECONDS = 600.0
# A backup task created this long before the item asked for it still counts as the item's own, to
# allow for clock differences between this server and Rocket.net.
CLOCK_SKEW_SECONDS = 60

# Settings a bulk job may change: the name in the settings schema -> the update call's parameter.
# The schema reports the PHP version as current_php_version, but the update takes new_php_version.
SETTING_PARAMETERS = {
    "current_php_version": "new_php_version",
    "wp_core_auto_updates": "wp_core_auto_updates",
    "wp_plugin_auto_updates": "wp_plugin_auto_updates",
    "wp_theme_auto_updates": "wp_theme_auto_updates",
    "ssh_access": "ssh_access",
}


class ItemFailed(Exception):
    """The action failed on this site for a reason other than an API error.

    `message` is shown on the item: a stored message (sites.bulk.messages.stored) or plain text.
    """

    def __init__(self, message):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Outcome:
    status: str
    result: dict = field(default_factory=dict)
    # Why the item was skipped, shown next to its status: a stored message (sites.bulk.messages.stored).
    note: dict | None = None


def purge_cache(client, item, params, *, sleep):
    cdn_cache.purge_everything(client, item.site_id)
    return Outcome(ItemStatus.SUCCEEDED, {"purged": "everything"})


@dataclass(frozen=True)
class PackageCalls:
    list_installed: object
    update: object


PACKAGE_CALLS = {
    "plugins": PackageCalls(plugins.list_plugins, lambda client, site_id, slug: plugins.update_plugin(
        client, site_id, plugin=slug)),
    "themes": PackageCalls(themes.list_themes, lambda client, site_id, slug: themes.update_theme(
        client, site_id, theme=slug)),
}


def _update_packages(kind, client, item, params):
    """Update the chosen packages (or every installed one) that have an update available."""
    calls = PACKAGE_CALLS[kind]
    installed = {package.name: package for package in calls.list_installed(client, item.site_id)}
    chosen = params.get("slugs") or []

    if chosen:
        targets = [installed[slug] for slug in chosen if slug in installed]
        missing = [slug for slug in chosen if slug not in installed]
    else:
        targets, missing = list(installed.values()), []
    outdated = [package for package in targets if package.update_available]
    result = {
        "updated": [],
        "up_to_date": sorted(package.name for package in targets if not package.update_available),
        "not_installed": missing,
    }

    if chosen and not targets:
        return Outcome(ItemStatus.SKIPPED, result, messages.stored(
            gettext_noop("Not installed on this site: %(slugs)s."), slugs=", ".join(missing)))
    if not outdated:
        return Outcome(ItemStatus.SKIPPED, result, messages.stored(
            gettext_noop("Nothing to update: every targeted package is up to date.")))

    for package in outdated:
        calls.update(client, item.site_id, package.name)
        result["updated"].append({"slug": package.name, "from": package.version or "",
                                  "to": package.update_version or ""})
        logger.info("Bulk item %s: updated %s %s on site %s", item.pk, kind, package.name, item.site_id)
    return Outcome(ItemStatus.SUCCEEDED, result)


def update_plugins(client, item, params, *, sleep):
    return _update_packages("plugins", client, item, params)


def update_themes(client, item, params, *, sleep):
    return _update_packages("themes", client, item, params)


def change_setting(client, item, params, *, sleep):
    """Set one setting; skip sites where it already has the value."""
    name, value = params["setting"], params["value"]
    current = (sites.get_settings(client, item.site_id) or {}).get(name)
    if current == value:
        return Outcome(ItemStatus.SKIPPED, {"setting": name, "value": value},
                       messages.stored(gettext_noop("%(setting)s is already %(value)s."), setting=name, value=value))

    sites.update_settings(client, item.site_id, **{SETTING_PARAMETERS[name]: value})
    return Outcome(ItemStatus.SUCCEEDED, {"setting": name, "from": current, "to": value})


# -- backups ------------------------------------------------------------------------------------


def create_backup(client, item, params, *, sleep, clock=time.monotonic):
    """Start a backup of files and database, wait for its task and report it.

    A rerun of the same item polls the task it stored instead of starting another backup. When an
    earlier run sent the request but stored no task (the reply was lost), the rerun adopts a
    backup task created since then, because repeating the POST could make two backups.
    """
    handle = _stored_backup_task(item) or _adopt_backup_task(client, item)
    if handle is None:
        _remember(item, backup_requested_at=timezone.now().isoformat())
        handle = backups.create_backup(client, item.site_id, label=params["label"], backup_directory=True,
                                       backup_database=True)
        logger.info("Bulk item %s started backup task %s on site %s", item.pk, handle.task_id, item.site_id)
    _remember(item, task_id=handle.task_id, task_site_id=handle.site_id)

    task = _wait_for_task(client, item, handle, sleep=sleep, clock=clock)
    if task.failed:
        if not task.message:
            raise ItemFailed(messages.stored(gettext_noop("The backup task ended with status %(status)s."),
                                             status=task.status))
        raise ItemFailed(messages.stored(gettext_noop("The backup task ended with status %(status)s: %(message)s"),
                                         status=task.status, message=task.message))
    return Outcome(ItemStatus.SUCCEEDED, {"task_id": task.id, "label": params["label"]})


def _remember(item, **values):
    """Merge values into the running item's result at once, so a rerun after a crash finds them."""
    item.result = {**item.result, **values}
    BulkItem.objects.filter(pk=item.pk, status=ItemStatus.RUNNING).update(result=item.result)


def _stored_backup_task(item):
    task_id = item.result.get("task_id")
    if not task_id:
        return None
    return TaskHandle(site_id=item.result.get("task_site_id") or item.site_id, task_id=task_id, level="site")


def _adopt_backup_task(client, item):
    requested = _parse_time(item.result.get("backup_requested_at"))
    if requested is None:
        return None

    since = requested - datetime.timedelta(seconds=CLOCK_SKEW_SECONDS)
    found = [(created, task) for task in site_tasks.list_tasks(client, item.site_id, task_type="backup")
             if (created := _parse_time(task.created)) is not None and created >= since]
    if not found:
        return None
    _created, task = max(found, key=lambda pair: pair[0])
    logger.info("Bulk item %s adopts backup task %s found on site %s", item.pk, task.id, item.site_id)
    return TaskHandle(site_id=item.site_id, task_id=task.id, level="site")


def _parse_time(value):
    if not value:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def _wait_for_task(client, item, handle, *, sleep, clock):
    deadline = clock() + POLL_GIVE_UP_SECONDS
    delay = POLL_FIRST_SECONDS
    while True:
        sleep(delay)
        task = site_tasks.fetch_task(client, handle)
        if task.is_finished:
            return task
        if clock() + delay > deadline:
            raise ItemFailed(messages.stored(gettext_noop(
                "The backup task %(task)s was still running after %(minutes)d minutes. "
                "Check the site's backups in the Rocket.net dashboard before retrying."
            ), task=handle.task_id, minutes=int(POLL_GIVE_UP_SECONDS // 60)))
        delay = min(POLL_MAX_SECONDS, delay * POLL_GROWTH)


ACTIONS = {
    BulkAction.PURGE_CACHE: purge_cache,
    BulkAction.UPDATE_PLUGINS: update_plugins,
    BulkAction.UPDATE_THEMES: update_themes,
    BulkAction.CREATE_BACKUP: create_backup,
    BulkAction.CHANGE_SETTING: change_setting,
}
