"""All sandbox data, in memory, behind one lock.

``SandboxState(seed=..., task_seconds=..., password=...)`` builds two seeded agency
accounts. Handlers run while holding ``state.lock``, and every request first calls
``settle()`` so tasks whose time is up apply their effects (a clone creates its site,
a backup turns DONE) before anything is read.
"""

import logging
import random
import secrets
import threading

from .clock import Clock
from .faults import FaultRegistry
from .models import Site
from .seed import LOCATIONS, seed_accounts
from .tasks import DONE, ERROR, Task

logger = logging.getLogger(__name__)

DEFAULT_PASSWORD = "sandbox-demo-password"


class SandboxState:
    def __init__(self, seed=1, task_seconds=20.0, password=DEFAULT_PASSWORD):
        if task_seconds < 0:
            raise ValueError(f"task_seconds must not be negative, got {task_seconds}")

        self.seed = seed
        self.task_seconds = float(task_seconds)
        self.password = password
        # A fresh signing secret per process: tokens never outlive the sandbox.
        self.jwt_secret = secrets.token_hex(32)
        self.lock = threading.RLock()
        self.clock = Clock()
        self.faults = FaultRegistry()
        self.locations = list(LOCATIONS)
        self.reset()

    def reset(self):
        """Rebuild the seeded accounts and clear faults and the clock offset."""
        with self.lock:
            self.clock.offset_seconds = 0.0
            self.faults.clear()
            self.accounts = {}
            self.sites = {}
            self.tasks = {}
            self.timers = []
            self._next_site_id = 1001
            self._next_backup_id = 5001
            self._next_ids = {}
            seed_accounts(self, random.Random(self.seed))
        logger.info("Sandbox state reset with seed %s", self.seed)

    def now(self):
        return self.clock.now()

    def rng(self, *parts):
        """Return a random generator fixed by the seed and ``parts`` (for lazy data)."""
        return random.Random("-".join(str(part) for part in (self.seed, *parts)))

    def next_id(self, kind, start=1):
        """Return the next integer id of ``kind`` (a name chosen by the category)."""
        value = self._next_ids.get(kind, start)
        self._next_ids[kind] = value + 1
        return value

    # Accounts and sites

    def account_by_email(self, email):
        return self.accounts.get((email or "").strip().lower())

    def add_site(self, account, **fields):
        site_id = self._next_site_id
        self._next_site_id += 1
        site = Site(id=site_id, account_email=account.email, **fields)
        self.sites[site_id] = site
        return site

    def delete_site(self, site):
        self.sites.pop(site.id, None)
        if site.staging_id is not None:
            self.sites.pop(site.staging_id, None)
        if site.is_staging and site.production_id in self.sites:
            self.sites[site.production_id].staging_id = None

    def sites_of(self, account):
        """Return the account's production sites (staging sites are reached by id)."""
        return [
            site for site in self.sites.values()
            if site.account_email == account.email and not site.is_staging
        ]

    def site_for(self, account, site_id):
        site = self.sites.get(site_id)
        if site is None or site.account_email != account.email:
            return None
        return site

    def staging_of(self, site):
        if site.staging_id is None:
            return None
        return self.sites.get(site.staging_id)

    def site_api(self, site, detail=False):
        staging = self.staging_of(site)
        if detail:
            return site.to_api_detail(staging)
        return site.to_api(staging)

    def location_by_id(self, location_id):
        for location in self.locations:
            if location.id == location_id:
                return location
        return None

    def next_backup_id(self):
        backup_id = self._next_backup_id
        self._next_backup_id += 1
        return backup_id

    # Tasks

    def start_task(self, account, site_id, task_type, on_done=None, on_error=None,
                   meta_data=None, task_level="site", hidden=False):
        """Start a background task; it fails if a failing-task fault is queued."""
        task = Task(
            hidden=hidden,
            site_id=site_id,
            task_type=task_type,
            started_at=self.now(),
            duration=self.task_seconds,
            task_level=task_level,
            on_done=on_done,
            on_error=on_error,
            meta_data=meta_data or {},
        )
        if account.fail_next_tasks and not hidden:
            task.fail_message = account.fail_next_tasks.pop(0)

        self.tasks[task.id] = task
        logger.info("Task %s (%s) started on site %s", task.id, task_type, site_id)
        return task

    def add_past_task(self, site_id, task_type, started_at, task_id, fail_message=None):
        task = Task(site_id=site_id, task_type=task_type, started_at=started_at,
                    duration=60.0, id=task_id, fail_message=fail_message, settled=True)
        self.tasks[task.id] = task
        return task

    def tasks_of_site(self, site_id):
        return [
            task for task in self.tasks.values()
            if task.site_id == site_id and not task.hidden
        ]

    def schedule(self, delay_seconds, callback):
        """Call ``callback(state)`` on the first request at or after ``now + delay_seconds``."""
        self.timers.append((self.now() + delay_seconds, callback))

    def settle(self):
        """Apply the effects of tasks and timers that have come due since the last request."""
        now = self.now()
        due = [timer for timer in self.timers if timer[0] <= now]
        self.timers = [timer for timer in self.timers if timer[0] > now]
        for _, callback in sorted(due, key=lambda timer: timer[0]):
            callback(self)

        for task in list(self.tasks.values()):
            if task.settled:
                continue

            status = task.progress(now)[0]
            if status not in (DONE, ERROR):
                continue

            task.settled = True
            callback = task.on_done if status == DONE else task.on_error
            logger.info("Task %s (%s) finished with %s", task.id, task.task_type, status)
            if callback is not None:
                callback(self, task)
