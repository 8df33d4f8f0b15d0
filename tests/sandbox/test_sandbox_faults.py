"""Fault injection through /_sandbox/faults and the X-Sandbox-Fault header."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from sandbox_testkit import AGENCY_ONE, AGENCY_TWO, Api


def test_rate_limit_with_retry_after(api):
    api.control("faults", {"kind": "rate_limit", "retry_after": 7, "count": 1, "path": "/v1/sites"})

    limited = api.get("/v1/sites")
    after = api.get("/v1/sites")

    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "7"
    assert limited.json()["success"] is False
    assert after.status_code == 200


def test_server_error_status_for_n_requests(api):
    api.control("faults", {"kind": "server_error", "status": 503, "count": 2, "method": "GET"})

    statuses = [api.get("/v1/account/me").status_code for _ in range(3)]

    assert statuses == [503, 503, 200]


def test_fault_path_pattern_matches_only_its_paths(api):
    site_id = api.site_ids()[0]
    api.control("faults", {"kind": "server_error", "path": "/v1/sites/*/backup"})

    assert api.get(f"/v1/sites/{site_id}/backup").status_code == 500
    assert api.get(f"/v1/sites/{site_id}").status_code == 200


def test_fault_per_account(api, api_two):
    api.control("faults", {"kind": "server_error", "status": 502, "account": AGENCY_TWO})

    assert api.get("/v1/sites").status_code == 200
    assert api_two.get("/v1/sites").status_code == 502


def test_clearing_faults(api):
    api.control("faults", {"kind": "server_error"})
    assert api.get("/v1/sites").status_code == 500

    requests.delete(f"{api.base_url}/_sandbox/faults", timeout=5)

    assert api.get("/v1/sites").status_code == 200


def test_latency_fault_delays_response(api):
    api.control("faults", {"kind": "latency", "seconds": 0.6, "count": 1})

    started = time.monotonic()
    response = api.get("/v1/sites")
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert elapsed >= 0.6


def test_hang_fault_outlasts_client_timeout(api):
    api.control("faults", {"kind": "hang", "seconds": 3, "count": 1})

    with pytest.raises(requests.exceptions.ReadTimeout):
        api.get("/v1/sites", timeout=(2, 0.5))


def test_header_fault_affects_one_request(api):
    limited = api.get("/v1/sites", headers={"X-Sandbox-Fault": "rate_limit;retry_after=3"})
    failed = api.get("/v1/sites", headers={"X-Sandbox-Fault": "server_error;status=504"})
    normal = api.get("/v1/sites")

    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "3"
    assert failed.status_code == 504
    assert normal.status_code == 200


def test_lock_site_fault(api):
    site_id = api.site_ids()[0]
    api.control("faults", {"kind": "lock_site", "site_id": site_id})

    locked = api.patch(f"/v1/sites/{site_id}", json={"label": "x"})
    api.control("faults", {"kind": "lock_site", "site_id": site_id, "locked": False})
    unlocked = api.patch(f"/v1/sites/{site_id}", json={"label": "x"})

    assert locked.status_code == 400
    assert "site is currently locked" in locked.json()["result"]["msg"]
    assert unlocked.status_code == 200


def test_fault_control_rejects_bad_input(api):
    unknown = requests.post(f"{api.base_url}/_sandbox/faults", json={"kind": "meteor"}, timeout=5)
    bad_status = requests.post(f"{api.base_url}/_sandbox/faults",
                               json={"kind": "server_error", "status": 200}, timeout=5)
    bad_account = requests.post(f"{api.base_url}/_sandbox/faults",
                                json={"kind": "expire_tokens", "account": "nobody@example.com"}, timeout=5)

    assert unknown.status_code == 400
    assert "meteor" in unknown.json()["result"]["msg"]
    assert bad_status.status_code == 400
    assert "status" in bad_status.json()["result"]["msg"]
    assert bad_account.status_code == 400
    assert AGENCY_ONE in bad_account.json()["result"]["msg"]


def test_control_api_is_not_under_v1(api):
    response = api.post("/v1/_sandbox/reset")

    assert response.status_code == 404


def test_faults_never_hit_control_api(api):
    api.control("faults", {"kind": "server_error"})

    response = requests.get(f"{api.base_url}/_sandbox/faults", timeout=5)

    assert response.status_code == 200
    assert response.json()["result"][0]["kind"] == "server_error"


def test_clock_rejects_negative_advance(api):
    response = requests.post(f"{api.base_url}/_sandbox/clock", json={"advance_seconds": -5}, timeout=5)

    assert response.status_code == 400
    assert "-5" in response.json()["result"]["msg"]


def test_hung_request_does_not_block_others(api):
    site_id = api.site_ids()[0]
    api.control("faults", {"kind": "hang", "seconds": 2, "count": 1, "path": "/v1/account/me"})

    with ThreadPoolExecutor(max_workers=1) as pool:
        hung = pool.submit(api.get, "/v1/account/me", timeout=(2, 5))
        time.sleep(0.2)
        started = time.monotonic()
        other = api.get(f"/v1/sites/{site_id}")
        elapsed = time.monotonic() - started

        assert other.status_code == 200
        assert elapsed < 1.0
        assert hung.result().status_code == 504


def test_concurrent_backups_get_distinct_ids(api):
    site_ids = api.site_ids()[:4]
    body = {"label": "parallel", "backup_directory": True, "backup_database": True}

    def create(site_id):
        session_api = Api(api.base_url)
        return session_api.post(f"/v1/sites/{site_id}/backup", json=body).json()["result"]["task_id"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        task_ids = list(pool.map(create, site_ids * 4))

    assert len(set(task_ids)) == 16
    backups = [item for site_id in site_ids
               for item in api.get(f"/v1/sites/{site_id}/backup", params={"search": "parallel"}).json()["result"]]
    assert len(backups) == 16
    assert len({item["id"] for item in backups}) == 16


def test_client_error_fault(api):
    api.control("faults", {"kind": "client_error", "count": 1})
    forbidden = api.get("/v1/sites")
    api.control("faults", {"kind": "client_error", "status": 412, "count": 1})
    precondition = api.get("/v1/sites")
    out_of_range = requests.post(f"{api.base_url}/_sandbox/faults", json={"kind": "client_error", "status": 503},
                                 timeout=5)

    assert forbidden.status_code == 403
    assert forbidden.json()["success"] is False
    assert precondition.status_code == 412
    assert out_of_range.status_code == 400
    assert "at most 499" in out_of_range.json()["result"]["msg"]


def test_inflated_total_fault(api, api_two):
    api.control("faults", {"kind": "inflated_total", "account": AGENCY_ONE, "extra": 50})

    inflated = api.get("/v1/sites", params={"per_page": 5, "page": 2}).json()
    empty_page = api.get("/v1/sites", params={"per_page": 5, "page": 3}).json()
    other_account = api_two.get("/v1/sites").json()
    requests.delete(f"{api.base_url}/_sandbox/faults", timeout=5)
    restored = api.get("/v1/sites").json()

    assert inflated["metadata"]["total"] == 57
    assert len(inflated["result"]) == 2
    assert empty_page["result"] == []
    assert other_account["metadata"]["total"] == 5
    assert restored["metadata"]["total"] == 7
