"""Background tasks: clone lock, progress over the clock, failure and cancel."""

from sandbox_testkit import AGENCY_ONE, TASK_SECONDS


def start_clone(api, site_id, label="Clone of site"):
    response = api.post(f"/v1/sites/{site_id}/clone", json={"label": label})
    assert response.status_code == 200, response.text
    return response.json()["result"]


def test_clone_returns_task_handle(api):
    site_id = api.site_ids()[0]

    result = start_clone(api, site_id)

    assert result["task_level"] == "site"
    assert len(result["task_id"]) == 36


def test_clone_locks_source_until_done(api):
    site_id = api.site_ids()[0]
    start_clone(api, site_id)

    locked = api.patch(f"/v1/sites/{site_id}", json={"label": "x"})
    delete = api.delete(f"/v1/sites/{site_id}")
    backup = api.post(f"/v1/sites/{site_id}/backup",
                      json={"label": "b", "backup_directory": True, "backup_database": True})

    for response in (locked, delete, backup):
        assert response.status_code == 400
        assert "site is currently locked" in response.json()["result"]["msg"]
    assert api.get(f"/v1/sites/{site_id}").json()["result"]["status"] == "pending"

    api.advance(TASK_SECONDS + 1)
    assert api.patch(f"/v1/sites/{site_id}", json={"label": "x"}).status_code == 200


def test_clone_progresses_to_done_and_lists_new_site(api):
    site_id = api.site_ids()[0]
    before = set(api.site_ids())
    task_id = start_clone(api, site_id, label="Bakery copy")["task_id"]

    first = api.task(site_id, task_id)
    api.advance(TASK_SECONDS * 0.5)
    middle = api.task(site_id, task_id)
    api.advance(TASK_SECONDS * 0.6)
    last = api.task(site_id, task_id)

    assert first["task_status"] == "NEW"
    assert first["perc"] == 0
    assert middle["task_status"] == "PROGRESS"
    assert 40 <= middle["perc"] <= 60
    assert last["task_status"] == "DONE"
    assert last["perc"] == 100
    assert last["task_type"] == "clone_site"
    assert {"id", "task_status", "perc", "message", "task_type", "site_id", "created", "updated"} <= set(last)

    new_ids = set(api.site_ids()) - before
    assert len(new_ids) == 1
    new_site = api.get(f"/v1/sites/{new_ids.pop()}").json()["result"]
    assert new_site["label"] == "Bakery copy"
    assert new_site["status"] == "active"


def test_failing_task_reports_message_and_unlocks(api):
    site_id = api.site_ids()[1]
    before = set(api.site_ids())
    api.control("faults", {"kind": "fail_task", "account": AGENCY_ONE, "message": "Out of disk space"})
    task_id = start_clone(api, site_id)["task_id"]

    api.advance(TASK_SECONDS)
    task = api.task(site_id, task_id)

    assert task["task_status"] == "ERROR"
    assert task["message"] == "Out of disk space"
    assert set(api.site_ids()) == before
    assert api.patch(f"/v1/sites/{site_id}", json={"label": "after"}).status_code == 200


def test_fail_task_fault_applies_once(api):
    site_id = api.site_ids()[1]
    api.control("faults", {"kind": "fail_task", "account": AGENCY_ONE})
    first = start_clone(api, site_id)["task_id"]
    api.advance(TASK_SECONDS)
    second = start_clone(api, site_id)["task_id"]
    api.advance(TASK_SECONDS)

    assert api.task(site_id, first)["task_status"] == "ERROR"
    assert api.task(site_id, second)["task_status"] == "DONE"


def test_cancel_running_task(api):
    site_id = api.site_ids()[2]
    before = set(api.site_ids())
    task_id = start_clone(api, site_id)["task_id"]
    api.advance(TASK_SECONDS * 0.3)

    response = api.post(f"/v1/sites/{site_id}/tasks/{task_id}/cancel")
    api.advance(TASK_SECONDS)

    assert response.json()["result"] == {"success": True}
    task = api.task(site_id, task_id)
    assert task["task_status"] == "ERROR"
    assert "cancelled" in task["message"]
    assert set(api.site_ids()) == before
    assert api.patch(f"/v1/sites/{site_id}", json={"label": "free"}).status_code == 200


def test_cancel_finished_task_is_400(api):
    site_id = api.site_ids()[2]
    task_id = start_clone(api, site_id)["task_id"]
    api.advance(TASK_SECONDS + 1)

    response = api.post(f"/v1/sites/{site_id}/tasks/{task_id}/cancel")

    assert response.status_code == 400
    assert "DONE" in response.json()["result"]["msg"]


def test_cancel_unknown_task_is_404(api):
    site_id = api.site_ids()[2]

    response = api.post(f"/v1/sites/{site_id}/tasks/00000000-0000-4000-8000-000000000000/cancel")

    assert response.status_code == 404


def test_task_list_filters_and_pagination(api):
    site_id = api.site_ids()[3]
    task_id = start_clone(api, site_id)["task_id"]

    everything = api.get(f"/v1/sites/{site_id}/tasks").json()
    running = api.get(f"/v1/sites/{site_id}/tasks", params={"task_status": "NEW"}).json()
    clones = api.get(f"/v1/sites/{site_id}/tasks", params={"task_type": "clone_site"}).json()
    one_page = api.get(f"/v1/sites/{site_id}/tasks", params={"per_page": 1}).json()

    assert everything["metadata"]["page_size"] == 100
    assert everything["metadata"]["total"] >= 2
    assert [item["id"] for item in running["result"]] == [task_id]
    assert task_id in [item["id"] for item in clones["result"]]
    assert all(item["task_type"] == "clone_site" for item in clones["result"])
    assert len(one_page["result"]) == 1
    assert one_page["metadata"]["total"] == everything["metadata"]["total"]


def test_task_list_rejects_unknown_status(api):
    site_id = api.site_ids()[3]

    response = api.get(f"/v1/sites/{site_id}/tasks", params={"task_status": "FINISHED"})

    assert response.status_code == 400
    assert "FINISHED" in response.json()["result"]["msg"]


def test_running_task_shows_in_account_me(api):
    site_id = api.site_ids()[0]
    task_id = start_clone(api, site_id)["task_id"]

    tasks = api.get("/v1/account/me").json()["result"]["tasks"]

    assert [task["id"] for task in tasks] == [task_id]
    assert tasks[0]["site_info"]["id"] == site_id


def test_status_alias_fault_shows_in_progress(api):
    site_id = api.site_ids()[0]
    api.control("faults", {"kind": "task_status_alias", "account": AGENCY_ONE, "status": "IN_PROGRESS"})
    task_id = start_clone(api, site_id)["task_id"]
    api.advance(TASK_SECONDS * 0.5)

    listed = api.task(site_id, task_id)
    filtered = api.get(f"/v1/sites/{site_id}/tasks", params={"task_status": "IN_PROGRESS"}).json()["result"]
    requests_delete = api.session.delete(f"{api.base_url}/_sandbox/faults", timeout=5)
    restored = api.task(site_id, task_id)

    assert listed["task_status"] == "IN_PROGRESS"
    assert [item["id"] for item in filtered] == [task_id]
    assert requests_delete.status_code == 200
    assert restored["task_status"] == "PROGRESS"
