"""Paging stop conditions, task statuses and the task polling schedule."""

from __future__ import annotations

import pytest
import responses
from apimock import BASE_URL, Recorder, envelope

from rocketnet import errors
from rocketnet.models import Site, Task, TaskHandle
from rocketnet.services import account, backups, site_tasks, sites

SITES_URL = f"{BASE_URL}/v1/sites"
TASKS_URL = f"{BASE_URL}/v1/sites/123/tasks"


def site_items(first_id: int, count: int) -> list[dict]:
    return [{"id": first_id + offset, "domain": f"s{first_id + offset}.example.com"} for offset in range(count)]


def page_numbers(mock) -> list[str]:
    return [call.request.params.get("page") for call in mock.calls if "/v1/login" not in call.request.url]


def test_pages_walked_until_total(mock_api, login, client):
    for page, first_id in ((1, 1), (2, 3), (3, 5)):
        mock_api.get(SITES_URL, match=[responses.matchers.query_param_matcher(
            {"page": str(page), "per_page": "2"})],
            json=envelope(site_items(first_id, 2 if page < 3 else 1),
                          metadata={"page": page, "page_size": 2, "total": 5}))

    found = sites.list_sites(client, per_page=2)

    assert [site.id for site in found] == [1, 2, 3, 4, 5]
    assert page_numbers(mock_api) == ["1", "2", "3"]


def test_pages_stop_on_empty_page(mock_api, login, client):
    mock_api.get(SITES_URL, json=envelope(site_items(1, 2), metadata={"page": 1, "page_size": 2, "total": 99}))
    mock_api.get(SITES_URL, json=envelope([], metadata={"page": 2, "page_size": 2, "total": 99}))

    found = sites.list_sites(client, per_page=2)

    assert [site.id for site in found] == [1, 2]
    assert page_numbers(mock_api) == ["1", "2"]


def test_pages_stop_when_page_ignored(mock_api, login, client):
    # This server returns page 1 for any `page` value, and a total that never ends the walk.
    mock_api.get(SITES_URL, json=envelope(site_items(1, 2), metadata={"page": 1, "page_size": 2, "total": 99}))

    found = sites.list_sites(client, per_page=2)

    assert [site.id for site in found] == [1, 2]
    assert page_numbers(mock_api) == ["1", "2"]


def test_pages_without_total_stop_on_short_page(mock_api, login, client):
    mock_api.get(SITES_URL, json=envelope(site_items(1, 2)))
    mock_api.get(SITES_URL, json=envelope(site_items(3, 1)))

    found = sites.list_sites(client, per_page=2)

    assert [site.id for site in found] == [1, 2, 3]


def test_list_filters_sent(mock_api, login, client):
    mock_api.get(SITES_URL, json=envelope([], metadata={"total": 0}))

    sites.list_sites(client, search="shop", sort="domain", direction="asc")

    params = mock_api.calls[-1].request.params
    assert params["search"] == "shop"
    assert params["sort"] == "domain"
    assert params["direction"] == "asc"
    assert "domain" not in params


def test_enum_checked_before_sending(mock_api, client):
    with pytest.raises(ValueError) as caught:
        sites.list_sites(client, sort="size")

    assert str(caught.value) == "sort='size' is not allowed; use one of 'created_at', 'domain', 'label', 'disk_usage'"
    assert len(mock_api.calls) == 0


@pytest.mark.parametrize(
    ("status", "finished", "succeeded", "failed"),
    [
        ("NEW", False, False, False),
        ("PROGRESS", False, False, False),
        ("IN_PROGRESS", False, False, False),
        ("QUEUED_SOMEWHERE", False, False, False),
        ("", False, False, False),
        ("DONE", True, True, False),
        ("ERROR", True, False, True),
        ("FAILED", True, False, True),
        ("CANCELLED", True, False, True),
        ("canceled", True, False, True),
    ],
)
def test_task_status_meaning(status, finished, succeeded, failed):
    task = Task.from_api({"id": "t-1", "task_status": status, "perc": 40})

    assert task.is_finished is finished
    assert task.succeeded is succeeded
    assert task.failed is failed


def test_get_task_uses_list_filter(mock_api, login, client):
    item = {"id": "t-1", "task_status": "PROGRESS", "perc": 40, "task_type": "clone_site", "site_id": 123,
            "message": None, "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:01:00Z"}
    mock_api.get(TASKS_URL, json=envelope([item], metadata={"page": 1, "page_size": 100, "total": 1}))

    task = site_tasks.get_task(client, 123, "t-1")

    assert task == Task.from_api(item)
    assert task.perc == 40
    assert task.site_id == 123
    assert mock_api.calls[-1].request.params["task_id"] == "t-1"


def test_get_task_missing_raises(mock_api, login, client):
    mock_api.get(TASKS_URL, json=envelope([], metadata={"total": 0}))

    with pytest.raises(errors.NotFoundError, match="site 123 has no task t-404"):
        site_tasks.get_task(client, 123, "t-404")


def test_wait_for_task_schedule(mock_api, login, client):
    for status in ("NEW", "PROGRESS", "IN_PROGRESS", "PROGRESS", "PROGRESS", "PROGRESS", "PROGRESS", "DONE"):
        mock_api.get(TASKS_URL, json=envelope([{"id": "t-1", "task_status": status}], metadata={"total": 1}))
    waits = Recorder()
    seen = []

    task = site_tasks.wait_for_task(
        client, TaskHandle(123, "t-1"), sleep=waits, clock=lambda: 0.0, on_progress=seen.append,
    )

    assert task.succeeded
    assert waits.waits == [3.0, 4.5, 6.75, 10.125, 15.0, 15.0, 15.0]
    assert [item.status for item in seen][-1] == "DONE"


def test_wait_for_task_failure(mock_api, login, client):
    mock_api.get(TASKS_URL, json=envelope(
        [{"id": "t-1", "task_status": "ERROR", "message": "Clone failed: disk full"}], metadata={"total": 1}))

    with pytest.raises(errors.TaskFailedError) as caught:
        site_tasks.wait_for_task(client, TaskHandle(123, "t-1"), sleep=Recorder())

    assert caught.value.message == "Clone failed: disk full"
    assert caught.value.task_status == "ERROR"


def test_wait_for_task_timeout(mock_api, login, client):
    mock_api.get(TASKS_URL, json=envelope([{"id": "t-1", "task_status": "PROGRESS"}], metadata={"total": 1}))
    now = [0.0]

    def sleep(seconds):
        now[0] += seconds

    with pytest.raises(errors.TaskTimeoutError, match="still has status PROGRESS after 20 s"):
        site_tasks.wait_for_task(client, TaskHandle(123, "t-1"), timeout=20, sleep=sleep, clock=lambda: now[0])

    assert now[0] == 3.0 + 4.5 + 6.75


def test_account_level_task_polled_on_account(mock_api, login, client):
    mock_api.get(f"{BASE_URL}/v1/account/tasks",
                 json=envelope([{"id": "a-1", "task_status": "DONE", "task_level": "account"}],
                               metadata={"total": 1}))

    task = site_tasks.wait_for_task(client, TaskHandle(None, "a-1", "account"), sleep=Recorder())

    assert task.level == "account"
    assert mock_api.calls[-1].request.params["task_id"] == "a-1"


def test_clone_returns_handle(mock_api, login, client):
    mock_api.post(f"{BASE_URL}/v1/sites/123/clone", json=envelope({"task_id": "t-7", "task_level": "site"}))

    handle = sites.clone_site(client, 123, label="Copy")

    assert handle == TaskHandle(site_id=123, task_id="t-7", level="site")
    assert mock_api.calls[-1].request.body == b'{"label": "Copy"}'


def test_create_backup_sends_required_fields(mock_api, login, client):
    mock_api.post(f"{BASE_URL}/v1/sites/123/backup", json=envelope({"task_id": "t-8", "task_level": "site"}))

    handle = backups.create_backup(client, 123, label="Before update", backup_directory=True, backup_database=False)

    assert handle.task_id == "t-8"
    assert mock_api.calls[-1].request.body == (
        b'{"label": "Before update", "backup_directory": true, "backup_database": false}'
    )


def test_create_backup_needs_some_content(mock_api, client):
    with pytest.raises(ValueError, match="choose at least one"):
        backups.create_backup(client, 123, label="x", backup_directory=False, backup_database=False)

    assert len(mock_api.calls) == 0


def test_create_site_returns_site(mock_api, login, client):
    mock_api.post(SITES_URL, json=envelope({"id": 555, "domain": "new.rocket.net"}))

    site = sites.create_site(client, name="new", location=4, admin_username="admin", admin_email="a@example.com")

    assert site == Site(id=555, domain="new.rocket.net")
    assert site.status is None


def test_wait_for_site_ready(mock_api, login, client):
    mock_api.get(f"{SITES_URL}/555", json=envelope({"id": 555, "status": "pending", "status_reason": 9}))
    mock_api.get(f"{SITES_URL}/555", json=envelope({"id": 555, "status": "active"}))
    waits = Recorder()

    site = sites.wait_for_site_ready(client, 555, sleep=waits)

    assert site.is_ready
    assert waits.waits == [3]


def test_site_staging_fields():
    site = Site.from_api({"id": 1, "staging": {"staging_id": 2, "staging_status": "active"}, "production": None})

    assert site.staging_site_id == 2
    assert site.staging_status == "active"
    assert site.is_staging is False


def test_account_me_parsed(mock_api, login, client):
    me = {"client": {"id": "c1", "email": "owner@example.com", "access_level": "user"},
          "package": {"plan": "Agency", "account_type": "reseller"}, "usage": {"sites": 3}, "limits": {"sites": 10}}
    mock_api.get(f"{BASE_URL}/v1/account/me", json=envelope(me))

    found = account.get_me(client)

    assert found.email == "owner@example.com"
    assert found.plan == "Agency"
    assert found.usage == {"sites": 3}
    assert found.raw == me
