"""The rocketnet client against the sandbox over real HTTP on a loopback port."""

from __future__ import annotations

import pytest
import requests

from rocketnet import Client, MemoryTokenStore, RetryPolicy, errors
from rocketnet.services import account, backups, site_tasks, sites

AGENCY_ONE = "agency-one@example.com"
CONTROL_TIMEOUT = (2, 10)


@pytest.fixture
def sandbox():
    # Imported here so that a broken sandbox fails these tests only, not the collection of the
    # client's unit tests.
    from sandbox.server import running_sandbox

    with running_sandbox(seed=1, task_seconds=10) as running:
        yield running


def sandbox_password() -> str:
    from sandbox.state import DEFAULT_PASSWORD

    return DEFAULT_PASSWORD


def control(sandbox, path: str, payload: dict | None = None) -> dict:
    response = requests.post(f"{sandbox.url}/_sandbox/{path}", json=payload or {}, timeout=CONTROL_TIMEOUT)
    response.raise_for_status()
    return response.json()


def sandbox_client(sandbox, **options) -> Client:
    options.setdefault("token_store", MemoryTokenStore())
    options.setdefault("timeout", (2, 10))
    options.setdefault("retry", RetryPolicy(max_attempts=3, base_backoff=0.01, max_backoff=0.05))
    return Client(sandbox.url, AGENCY_ONE, sandbox_password(), **options)


def advance_clock(sandbox):
    """Return a sleep function that moves the sandbox clock instead of waiting."""

    def sleep(seconds: float) -> None:
        control(sandbox, "clock", {"advance_seconds": seconds})

    return sleep


def test_lists_every_site_page_by_page(sandbox):
    client = sandbox_client(sandbox)

    walked = sites.list_sites(client, per_page=2)
    at_once = sites.list_sites(client, per_page=1000)

    assert len(walked) >= 3
    assert [site.id for site in walked] == [site.id for site in at_once]
    assert len({site.id for site in walked}) == len(walked)


def test_get_site_matches_list(sandbox):
    client = sandbox_client(sandbox)
    listed = sites.list_sites(client)[0]

    site = sites.get_site(client, listed.id)

    assert site.id == listed.id
    assert site.domain == listed.domain
    assert site.status is not None


def test_clone_followed_to_done(sandbox):
    client = sandbox_client(sandbox)
    source = sites.list_sites(client)[0]

    handle = sites.clone_site(client, source.id, label="Client copy")
    task = site_tasks.wait_for_task(client, handle, sleep=advance_clock(sandbox))

    assert task.succeeded
    assert task.id == handle.task_id
    labels = [site.label for site in sites.list_sites(client)]
    assert "Client copy" in labels


def test_failed_task_raises(sandbox):
    client = sandbox_client(sandbox)
    source = sites.list_sites(client)[0]
    control(sandbox, "faults", {"kind": "fail_task", "account": AGENCY_ONE, "message": "Disk full"})

    handle = backups.create_backup(client, source.id, label="Nightly", backup_directory=True, backup_database=True)
    with pytest.raises(errors.TaskFailedError) as caught:
        site_tasks.wait_for_task(client, handle, sleep=advance_clock(sandbox))

    assert "Disk full" in caught.value.message


def test_backup_created_and_listed(sandbox):
    client = sandbox_client(sandbox)
    source = sites.list_sites(client)[0]

    handle = backups.create_backup(client, source.id, label="Before update", backup_directory=True,
                                   backup_database=True)
    site_tasks.wait_for_task(client, handle, sleep=advance_clock(sandbox))

    labels = [backup.label for backup in backups.list_backups(client, source.id)]
    assert "Before update" in labels


def test_revoked_token_renewed_once(sandbox):
    store = MemoryTokenStore()
    client = sandbox_client(sandbox, token_store=store)
    me = account.get_me(client)
    first_token = store.get()[0]
    control(sandbox, "faults", {"kind": "expire_tokens", "account": AGENCY_ONE})

    again = account.get_me(client)

    assert again.email == me.email == AGENCY_ONE
    assert store.get()[0] != first_token


def test_wrong_password_raises(sandbox):
    client = Client(sandbox.url, AGENCY_ONE, "not-the-password", timeout=(2, 10))

    with pytest.raises(errors.AuthenticationError):
        sites.list_sites(client)


def test_server_error_retried_on_get(sandbox):
    waits = []
    client = sandbox_client(sandbox, sleep=waits.append)
    control(sandbox, "faults", {"kind": "server_error", "status": 503, "method": "GET", "path": "/v1/sites",
                                "count": 1})

    found = sites.list_sites(client)

    assert found
    assert len(waits) == 1


def test_server_error_not_retried_on_post(sandbox):
    client = sandbox_client(sandbox, sleep=lambda seconds: None)
    source = sites.list_sites(client)[0]
    control(sandbox, "faults", {"kind": "server_error", "status": 502, "method": "POST",
                                "path": f"/v1/sites/{source.id}/clone", "count": 1})

    with pytest.raises(errors.ServerError):
        sites.clone_site(client, source.id, label="Never sent twice")

    labels = [site.label for site in sites.list_sites(client)]
    assert "Never sent twice" not in labels


def test_locked_site_rejects_backup(sandbox):
    client = sandbox_client(sandbox)
    source = sites.list_sites(client)[0]
    control(sandbox, "faults", {"kind": "lock_site", "site_id": source.id, "locked": True})

    with pytest.raises(errors.SiteLockedError) as caught:
        backups.create_backup(client, source.id, label="While locked", backup_directory=True, backup_database=True)

    assert caught.value.retryable is True
