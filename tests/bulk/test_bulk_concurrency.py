"""The per-account cap applies however many workers run items at once.

Worker threads here call the run_item task function directly and greedily, without the dispatcher,
so only the database slots stand between them and the sandbox. The sandbox's WSGI app is wrapped
to count requests in flight per account.
"""

import io
import threading
import time
from collections import Counter

import pytest
from django.db import connection as db_connection
from werkzeug.wrappers import Request

from bulk_helpers import add_fault, current_items, fleet_targets
from sandbox.auth import account_email_hint
from sites.bulk import actions, services, tasks
from sites.bulk.models import BulkAction, ItemStatus, UpstreamSlot
from tests.conftest import AGENCY_ONE, AGENCY_TWO

WORKER_THREADS = 6
CAP = 2


class InFlightCounter:
    """WSGI middleware that records the maximum number of concurrent /v1 requests per account."""

    def __init__(self, app, state):
        self.app = app
        self.state = state
        self.lock = threading.Lock()
        self.current = Counter()
        self.maximum = Counter()

    def __call__(self, environ, start_response):
        request = Request(environ)
        if not request.path.startswith("/v1/"):
            return self.app(environ, start_response)

        # The login's account is in its body: read it, then give the app a fresh copy.
        body = request.get_data(cache=True)
        account = account_email_hint(self.state, request)
        environ["wsgi.input"] = io.BytesIO(body)
        with self.lock:
            self.current[account] += 1
            self.maximum[account] = max(self.maximum[account], self.current[account])
        try:
            # Read the whole body here, so the request counts as in flight until its response is built.
            return list(self.app(environ, start_response))
        finally:
            with self.lock:
                self.current[account] -= 1


@pytest.fixture
def counter(sandbox):
    counting = InFlightCounter(sandbox.server.app, sandbox.state)
    sandbox.server.app = counting
    return counting


class SharedCacheGuard:
    """Keep worker threads' database statements apart on SQLite, while their API calls overlap.

    The test database on SQLite is an in-memory database in shared-cache mode, where a write
    while another connection reads fails at once with "database table is locked" instead of
    waiting. So on SQLite a worker holds this lock except while an action calls Rocket.net.
    Slots still decide how many workers call Rocket.net at once. On PostgreSQL the lock is not
    used and the workers' statements really run concurrently.
    """

    def __init__(self, monkeypatch):
        self.lock = threading.Lock() if db_connection.vendor == "sqlite" else None
        if self.lock is None:
            return
        for action, function in list(actions.ACTIONS.items()):
            monkeypatch.setitem(actions.ACTIONS, action, self._unlocked(function))

    def _unlocked(self, function):
        def call(*args, **kwargs):
            self.lock.release()
            try:
                return function(*args, **kwargs)
            finally:
                self.lock.acquire()
        return call

    def __enter__(self):
        if self.lock is not None:
            self.lock.acquire()

    def __exit__(self, *exc_info):
        if self.lock is not None:
            self.lock.release()


def run_workers(jobs, guard, *, timeout=60.0):
    errors = []
    deadline = time.monotonic() + timeout

    def work():
        try:
            while time.monotonic() < deadline:
                with guard:
                    items = [item for job in jobs for item in current_items(job)]
                if all(item.is_finished for item in items):
                    return
                for item in items:
                    if item.status == ItemStatus.QUEUED:
                        with guard:
                            tasks.run_item(item.pk)
        except Exception as error:  # collected so the main thread can report it
            errors.append(error)
        finally:
            db_connection.close()

    threads = [threading.Thread(target=work) for _ in range(WORKER_THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout + 10)
    return errors


@pytest.mark.django_db(transaction=True)
def test_cap_holds_across_workers(team, owner, connection_one, connection_two, sandbox, counter, settings,
                                  monkeypatch):
    settings.ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT = CAP
    # Slow purges make the workers overlap; the client's own in-process cap (4) is above CAP.
    add_fault(sandbox, kind="latency", seconds=0.3, path="/v1/sites/*/cache/purge_everything")
    targets = fleet_targets(team)
    job = services.create_bulk_job(team=team, user=owner, action=BulkAction.PURGE_CACHE, params={},
                                   targets=targets)

    errors = run_workers([job], SharedCacheGuard(monkeypatch))

    items = current_items(job)
    assert errors == []
    assert {item.status for item in items} == {ItemStatus.SUCCEEDED}
    assert counter.maximum[AGENCY_ONE] == CAP
    assert counter.maximum[AGENCY_TWO] == CAP
    assert UpstreamSlot.objects.filter(holder__isnull=False).count() == 0
    for target in targets:
        assert len(sandbox.state.sites[target.site_id].extras["cache_purges"]) == 1


@pytest.mark.django_db(transaction=True)
def test_cap_holds_across_teams_of_one_account(team, owner, connection_one, outsider, outsider_connection, sandbox,
                                               counter, settings, monkeypatch):
    settings.ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT = CAP
    add_fault(sandbox, kind="latency", seconds=0.3, path="/v1/sites/*/cache/purge_everything")
    targets = fleet_targets(team)
    jobs = [
        services.create_bulk_job(team=team, user=owner, action=BulkAction.PURGE_CACHE, params={}, targets=targets),
        services.create_bulk_job(team=outsider_connection.team, user=outsider, action=BulkAction.PURGE_CACHE,
                                 params={}, targets=fleet_targets(outsider_connection.team)),
    ]

    errors = run_workers(jobs, SharedCacheGuard(monkeypatch))

    items = [item for job in jobs for item in current_items(job)]
    assert errors == []
    assert {item.status for item in items} == {ItemStatus.SUCCEEDED}
    assert counter.maximum[AGENCY_ONE] == CAP
    assert UpstreamSlot.objects.filter(holder__isnull=False).count() == 0
    # Both teams' connections log in to the same account, so each site was purged once per team.
    for target in targets:
        assert len(sandbox.state.sites[target.site_id].extras["cache_purges"]) == 2


@pytest.mark.django_db(transaction=True)
def test_items_to_start_offers_free_slots_only(team, owner, connection_one, sandbox, settings):
    settings.ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT = CAP
    targets = [t for t in fleet_targets(team) if t.connection_id == connection_one.pk]
    job = services.create_bulk_job(team=team, user=owner, action=BulkAction.PURGE_CACHE, params={},
                                   targets=targets)
    first, second, *_rest = current_items(job)
    from sites.bulk import slots

    held = [slots.claim_slot(first), slots.claim_slot(second)]

    assert None not in held
    assert slots.claim_slot(first) is None
    assert services.items_to_start(connection_one.pk) == []
    slots.release_slot(held[0])
    assert len(services.items_to_start(connection_one.pk)) == 1
