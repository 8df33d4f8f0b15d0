"""The transport: headers, timeouts, login and token reuse, 401 handling, retries."""

from __future__ import annotations

import email.utils
import logging
import threading
import time

import pytest
import requests
import responses
import urllib3
from apimock import BASE_URL, PASSWORD, envelope, login_calls, make_token, request_json

from rocketnet import USER_AGENT, Client, MemoryTokenStore, RetryPolicy
from rocketnet import errors
from rocketnet.services import backups, sites
from rocketnet.tokens import token_expiry

SITE_URL = f"{BASE_URL}/v1/sites/123"
SITE = {"id": 123, "domain": "shop.example.com", "label": "Shop", "status": "active", "disk_usage": 2048}


def site_calls(mock):
    return [call for call in mock.calls if not call.request.url.endswith("/v1/login")]


def test_envelope_result_unwrapped(mock_api, login, client):
    mock_api.get(SITE_URL, json=envelope(SITE))

    site = sites.get_site(client, 123)

    assert site.id == 123
    assert site.domain == "shop.example.com"
    assert site.disk_usage_kb == 2048
    assert site.raw == SITE


def test_headers_and_timeouts_on_every_call(mock_api, login, make_client, token):
    client = make_client(timeout=(3, 17))
    mock_api.get(SITE_URL, json=envelope(SITE))

    sites.get_site(client, 123)
    sites.get_site(client, 123)

    assert len(mock_api.calls) == 3
    for call in mock_api.calls:
        assert call.request.headers["User-Agent"] == USER_AGENT
        assert call.request.req_kwargs["timeout"] == (3.0, 17.0)
    assert USER_AGENT.startswith("rocketdash/")
    for call in site_calls(mock_api):
        assert call.request.headers["Authorization"] == f"Bearer {token}"


def test_login_body_and_token_reused(mock_api, login, client):
    mock_api.get(SITE_URL, json=envelope(SITE))

    sites.get_site(client, 123)
    sites.get_site(client, 123)

    calls = login_calls(mock_api)
    assert len(calls) == 1
    assert request_json(calls[0]) == {"username": "agency-one@example.com", "password": PASSWORD}
    assert calls[0].request.headers["Content-Type"] == "application/json"


def test_token_expiry_read_from_exp():
    token = make_token(1_900_000_000)

    assert token_expiry(token, now=1_000) == 1_900_000_000.0
    assert token_expiry(make_token(None), now=1_000) == 1_000 + 3600
    assert token_expiry("not-a-jwt", now=1_000) == 1_000 + 3600


def test_token_renewed_shortly_before_expiry(mock_api, make_client):
    now = [1_000_000.0]
    first = make_token(now[0] + 600)
    second = make_token(now[0] + 7 * 24 * 3600)
    mock_api.post(f"{BASE_URL}/v1/login", json={"token": first})
    mock_api.post(f"{BASE_URL}/v1/login", json={"token": second})
    mock_api.get(SITE_URL, json=envelope(SITE))
    store = MemoryTokenStore()
    client = make_client(token_store=store, clock=lambda: now[0])

    sites.get_site(client, 123)
    assert store.get() == (first, now[0] + 600)

    # 400 s later the token has 200 s left, inside the renewal margin.
    now[0] += 400
    sites.get_site(client, 123)

    assert len(login_calls(mock_api)) == 2
    assert store.get()[0] == second
    assert site_calls(mock_api)[-1].request.headers["Authorization"] == f"Bearer {second}"


def test_stored_token_used_without_login(mock_api, make_client):
    stored = make_token(time.time() + 3600)
    store = MemoryTokenStore()
    store.save(stored, time.time() + 3600)
    mock_api.get(SITE_URL, json=envelope(SITE))

    sites.get_site(make_client(token_store=store), 123)

    assert login_calls(mock_api) == []
    assert mock_api.calls[0].request.headers["Authorization"] == f"Bearer {stored}"


def test_401_logs_in_once_and_repeats(mock_api, make_client):
    stale = make_token(time.time() + 3600, subject="stale")
    fresh = make_token(time.time() + 3600, subject="fresh")
    store = MemoryTokenStore()
    store.save(stale, time.time() + 3600)
    mock_api.post(f"{BASE_URL}/v1/login", json={"token": fresh})
    mock_api.get(SITE_URL, status=401, json=envelope(success=False, messages=["Token expired"]))
    mock_api.get(SITE_URL, json=envelope(SITE))

    site = sites.get_site(make_client(token_store=store), 123)

    assert site.id == 123
    assert len(login_calls(mock_api)) == 1
    tried = [call.request.headers["Authorization"] for call in site_calls(mock_api)]
    assert tried == [f"Bearer {stale}", f"Bearer {fresh}"]
    assert store.get()[0] == fresh


def test_401_twice_raises_without_loop(mock_api, login, client):
    mock_api.get(SITE_URL, status=401, json=envelope(success=False, messages=["Not allowed"]))

    with pytest.raises(errors.AuthenticationError) as caught:
        sites.get_site(client, 123)

    assert caught.value.status == 401
    assert len(login_calls(mock_api)) == 2
    assert len(site_calls(mock_api)) == 2


def test_bad_login_raises_authentication_error(mock_api, client):
    mock_api.post(f"{BASE_URL}/v1/login", status=400, json=envelope(success=False, messages=["Invalid credentials"]))

    with pytest.raises(errors.AuthenticationError) as caught:
        sites.get_site(client, 123)

    assert "agency-one@example.com" in str(caught.value)
    assert "Invalid credentials" in str(caught.value)
    assert PASSWORD not in str(caught.value)
    assert len(mock_api.calls) == 1


def test_concurrent_callers_share_one_login(mock_api, token):
    def slow_login(request):
        time.sleep(0.05)
        return 200, {}, '{"token": "%s"}' % token

    mock_api.add_callback(responses.POST, f"{BASE_URL}/v1/login", callback=slow_login)
    mock_api.get(SITE_URL, json=envelope(SITE))
    store = MemoryTokenStore(key="connection-7")
    results, failures = [], []

    def worker():
        # One client per thread, as separate Celery workers would have, sharing the store.
        client = Client(BASE_URL, "agency-one@example.com", PASSWORD, token_store=store)
        try:
            results.append(sites.get_site(client, 123).id)
        except Exception as exc:  # collected so the assertion below can show it
            failures.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert results == [123] * 8
    assert len(login_calls(mock_api)) == 1


def test_get_retried_honouring_retry_after_seconds(mock_api, login, client, sleeps):
    mock_api.get(SITE_URL, status=503, headers={"Retry-After": "2"}, body="busy")
    mock_api.get(SITE_URL, status=429, headers={"Retry-After": "1"}, json=envelope(success=False))
    mock_api.get(SITE_URL, json=envelope(SITE))

    assert sites.get_site(client, 123).id == 123

    assert sleeps.waits == [2.0, 1.0]
    assert len(site_calls(mock_api)) == 3


def test_retry_after_http_date(mock_api, login, client, sleeps):
    when = email.utils.formatdate(time.time() + 5, usegmt=True)
    mock_api.get(SITE_URL, status=503, headers={"Retry-After": when})
    mock_api.get(SITE_URL, json=envelope(SITE))

    sites.get_site(client, 123)

    assert len(sleeps.waits) == 1
    assert 3 <= sleeps.waits[0] <= 5


def test_retry_after_over_cap_raises(mock_api, login, client, sleeps):
    mock_api.get(SITE_URL, status=429, headers={"Retry-After": "3600"}, json=envelope(success=False))

    with pytest.raises(errors.RateLimitedError) as caught:
        sites.get_site(client, 123)

    assert caught.value.retry_after == 3600
    assert caught.value.retryable is True
    assert sleeps.waits == []
    assert len(site_calls(mock_api)) == 1


def test_backoff_grows_with_full_jitter(mock_api, login, make_client, sleeps):
    bounds = []

    def uniform(low, high):
        bounds.append((low, high))
        return high / 2

    client = make_client(uniform=uniform)
    mock_api.get(SITE_URL, status=502)

    with pytest.raises(errors.ServerError) as caught:
        sites.get_site(client, 123)

    assert bounds == [(0.0, 0.5), (0.0, 1.0), (0.0, 2.0)]
    assert sleeps.waits == [0.25, 0.5, 1.0]
    assert len(site_calls(mock_api)) == 4
    assert caught.value.retryable is True


def test_retry_logged_without_token(mock_api, login, client, token, caplog):
    mock_api.get(SITE_URL, status=504)
    mock_api.get(SITE_URL, json=envelope(SITE))

    with caplog.at_level(logging.DEBUG, logger="rocketnet"):
        sites.get_site(client, 123)

    retries = [record.getMessage() for record in caplog.records if "Retrying" in record.getMessage()]
    assert retries == ["Retrying GET /v1/sites/123 after attempt 1 failed (HTTP 504); waiting 0.50 s"]
    assert token not in caplog.text
    assert PASSWORD not in caplog.text


def test_post_not_repeated_after_read_timeout(mock_api, login, client, sleeps):
    mock_api.post(f"{SITE_URL}/clone", body=requests.exceptions.ReadTimeout("read timed out"))

    with pytest.raises(errors.APITimeoutError) as caught:
        sites.clone_site(client, 123, label="Copy")

    assert caught.value.retryable is True
    assert caught.value.request_sent is True
    assert len(site_calls(mock_api)) == 1
    assert sleeps.waits == []


def test_post_not_repeated_after_502(mock_api, login, client, sleeps):
    mock_api.post(f"{SITE_URL}/clone", status=502, body="<html><body><h1>502 Bad Gateway</h1></body></html>")

    with pytest.raises(errors.ServerError) as caught:
        sites.clone_site(client, 123, label="Copy")

    assert caught.value.status == 502
    assert caught.value.messages == ["502 Bad Gateway"]
    assert len(site_calls(mock_api)) == 1
    assert sleeps.waits == []


def test_post_repeated_after_connect_error(mock_api, login, client, sleeps):
    never_sent = requests.exceptions.ConnectionError(
        urllib3.exceptions.MaxRetryError(None, "/v1/sites/123/clone",
                                         urllib3.exceptions.NewConnectionError(None, "refused")),
    )
    mock_api.post(f"{SITE_URL}/clone", body=never_sent)
    mock_api.post(f"{SITE_URL}/clone", json=envelope({"task_id": "t-1", "task_level": "site"}))

    handle = sites.clone_site(client, 123, label="Copy")

    assert handle.task_id == "t-1"
    assert len(site_calls(mock_api)) == 2
    assert len(sleeps.waits) == 1


def test_connect_failure_marked_not_sent(mock_api, login, make_client):
    client = make_client(retry=RetryPolicy(max_attempts=1))
    mock_api.post(f"{SITE_URL}/clone", body=requests.exceptions.ConnectTimeout("no route"))

    with pytest.raises(errors.APITimeoutError) as caught:
        sites.clone_site(client, 123, label="Copy")

    assert caught.value.request_sent is False
    assert "connect timeout" in str(caught.value)


def test_post_not_repeated_after_dropped_connection(mock_api, login, client):
    dropped = requests.exceptions.ConnectionError("Connection aborted: RemoteDisconnected")
    mock_api.post(f"{SITE_URL}/clone", body=dropped)

    with pytest.raises(errors.APIUnreachableError):
        sites.clone_site(client, 123, label="Copy")

    assert len(site_calls(mock_api)) == 1


def test_get_repeated_after_connection_error(mock_api, login, client, sleeps):
    mock_api.get(SITE_URL, body=requests.exceptions.ConnectionError("reset"))
    mock_api.get(SITE_URL, body=requests.exceptions.ReadTimeout("slow"))
    mock_api.get(SITE_URL, json=envelope(SITE))

    assert sites.get_site(client, 123).id == 123
    assert len(site_calls(mock_api)) == 3
    assert sleeps.waits == [0.5, 1.0]


def test_unreachable_after_all_attempts(mock_api, login, make_client):
    client = make_client(retry=RetryPolicy(max_attempts=2))
    mock_api.get(SITE_URL, body=requests.exceptions.ConnectionError("refused"))

    with pytest.raises(errors.APIUnreachableError) as caught:
        sites.get_site(client, 123)

    assert caught.value.retryable is True
    assert caught.value.status is None
    assert caught.value.request_sent is True
    assert len(site_calls(mock_api)) == 2


def test_download_error_hides_token_in_url(mock_api, login, make_client):
    client = make_client(retry=RetryPolicy(max_attempts=1))
    secret_url = f"{SITE_URL}/backup/5?token=download-secret"
    mock_api.get(f"{SITE_URL}/backup/5",
                 body=requests.exceptions.ConnectionError(f"Max retries exceeded with url: {secret_url}"))

    with pytest.raises(errors.APIUnreachableError) as caught:
        backups.download_backup(client, 123, 5, token="download-secret")

    assert "download-secret" not in str(caught.value)


def test_client_rejects_bad_options():
    with pytest.raises(ValueError, match="base_url 'api.rocket.net'"):
        Client("api.rocket.net", "user", "pw")
    with pytest.raises(ValueError, match="timeout"):
        Client(BASE_URL, "user", "pw", timeout=(0, 30))


def test_client_repr_hides_password(client):
    assert PASSWORD not in repr(client)
    assert "agency-one@example.com" in repr(client)


def test_concurrent_requests_capped_per_connection(mock_api, token):
    in_flight, peak = [0], [0]
    guard = threading.Lock()

    def slow_site(request):
        with guard:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        time.sleep(0.03)
        with guard:
            in_flight[0] -= 1
        return 200, {}, '{"success": true, "result": {"id": 123}}'

    mock_api.post(f"{BASE_URL}/v1/login", json={"token": token})
    mock_api.add_callback(responses.GET, SITE_URL, callback=slow_site)
    store = MemoryTokenStore(key="capped-connection")
    failures = []

    def worker():
        client = Client(BASE_URL, "agency-one@example.com", PASSWORD, token_store=store, max_concurrent_requests=2)
        try:
            sites.get_site(client, 123)
        except Exception as exc:  # collected so the assertion below can show it
            failures.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert len(site_calls(mock_api)) == 6
    assert peak[0] == 2


def test_idempotent_patch_retried(mock_api, login, client, sleeps):
    mock_api.patch(SITE_URL, status=503)
    mock_api.patch(SITE_URL, json=envelope(SITE))

    site = sites.update_site(client, 123, label="Shop")

    assert site.label == "Shop"
    assert len(site_calls(mock_api)) == 2
    assert len(sleeps.waits) == 1


def test_non_idempotent_delete_not_retried(mock_api, login, client, sleeps):
    mock_api.delete(SITE_URL, status=503)

    with pytest.raises(errors.ServerError):
        sites.delete_site(client, 123)

    assert len(site_calls(mock_api)) == 1
    assert sleeps.waits == []


def test_retry_policy_rejects_zero_attempts():
    with pytest.raises(ValueError, match="max_attempts=0 must be at least 1"):
        RetryPolicy(max_attempts=0)
