"""Error responses become typed errors with status, messages and the retryable flag."""

from __future__ import annotations

import pickle

import pytest
from apimock import BASE_URL, PASSWORD, envelope

from rocketnet import RetryPolicy, errors
from rocketnet.services import sites

SITE_URL = f"{BASE_URL}/v1/sites/123"
LOCKED = "You cannot perform this action because the site is currently locked."


@pytest.fixture
def single_try_client(make_client):
    return make_client(retry=RetryPolicy(max_attempts=1))


@pytest.mark.parametrize(
    ("status", "error_class", "retryable"),
    [
        (400, errors.ValidationError, False),
        (403, errors.PermissionDeniedError, False),
        (404, errors.NotFoundError, False),
        (405, errors.ValidationError, False),
        (410, errors.NotFoundError, False),
        (412, errors.ValidationError, False),
        (429, errors.RateLimitedError, True),
        (500, errors.ServerError, True),
        (503, errors.ServerError, True),
        (418, errors.RocketNetError, False),
    ],
)
def test_status_maps_to_error_class(mock_api, login, single_try_client, status, error_class, retryable):
    mock_api.patch(SITE_URL, status=status, json=envelope(
        success=False, errors=["bf095f43"], messages=["Something went wrong"], result={"msg": "Detail here"},
    ))

    with pytest.raises(errors.RocketNetError) as caught:
        sites.update_site(single_try_client, 123, label="New")

    error = caught.value
    assert type(error) is error_class
    assert error.status == status
    assert error.retryable is retryable
    assert error.messages == ["Something went wrong", "Detail here"]
    assert error.error_codes == ["bf095f43"]
    assert str(error) == (
        f"HTTP {status} on PATCH /v1/sites/123: Something went wrong; Detail here (error codes: bf095f43)"
    )


def test_locked_site_is_retryable(mock_api, login, client):
    mock_api.post(f"{SITE_URL}/clone", status=400, json=envelope(success=False, messages=[LOCKED]))

    with pytest.raises(errors.SiteLockedError) as caught:
        sites.clone_site(client, 123)

    assert caught.value.retryable is True
    assert isinstance(caught.value, errors.ValidationError)
    assert LOCKED in str(caught.value)


def test_locked_message_in_result_msg(mock_api, login, client):
    mock_api.post(f"{SITE_URL}/lock", status=400, json=envelope(success=False, result={"msg": "Site is locked"}))

    with pytest.raises(errors.SiteLockedError):
        sites.lock_site(client, 123)


def test_message_in_errors_shown_once(mock_api, login, single_try_client):
    mock_api.get(SITE_URL, status=404, json=envelope(success=False, errors=["site 123 not found"]))

    with pytest.raises(errors.NotFoundError) as caught:
        sites.get_site(single_try_client, 123)

    assert caught.value.messages == ["site 123 not found"]
    assert caught.value.error_codes == []
    assert str(caught.value) == "HTTP 404 on GET /v1/sites/123: site 123 not found"


def test_locked_status_423(mock_api, login, client):
    mock_api.post(f"{SITE_URL}/lock", status=423, json=envelope(success=False, messages=["Busy"]))

    with pytest.raises(errors.SiteLockedError) as caught:
        sites.lock_site(client, 123)

    assert caught.value.status == 423


def test_field_errors_collected(mock_api, login, client):
    body = envelope(success=False, messages=["Invalid input"], result={"errors": {"label": ["too long"]}})
    mock_api.patch(SITE_URL, status=400, json=body)

    with pytest.raises(errors.ValidationError) as caught:
        sites.update_site(client, 123, label="x" * 500)

    assert caught.value.field_errors == {"label": ["too long"]}
    assert "label: too long" in str(caught.value)


def test_cloudflare_1010_explained(mock_api, login, single_try_client):
    page = "<html><head><title>Access denied | api.rocket.net</title></head><body>Error code 1010</body></html>"
    mock_api.get(SITE_URL, status=403, body=page, content_type="text/html")

    with pytest.raises(errors.PermissionDeniedError) as caught:
        sites.get_site(single_try_client, 123)

    assert "User-Agent" in str(caught.value)
    assert "<html>" not in str(caught.value)


def test_html_error_page_trimmed(mock_api, login, single_try_client):
    page = "<html><body>" + "<p>Internal failure</p>" * 200 + "</body></html>"
    mock_api.get(SITE_URL, status=500, body=page, content_type="text/html")

    with pytest.raises(errors.ServerError) as caught:
        sites.get_site(single_try_client, 123)

    message = caught.value.messages[0]
    assert len(message) == 300
    assert message.startswith("Internal failure Internal failure")
    assert message.endswith("...")
    assert "<p>" not in message


def test_success_false_on_200_raises(mock_api, login, client):
    mock_api.get(SITE_URL, json=envelope(success=False, messages=["Site not ready"]))

    with pytest.raises(errors.ValidationError) as caught:
        sites.get_site(client, 123)

    assert caught.value.messages == ["Site not ready"]


def test_rate_limit_error_carries_retry_after(mock_api, login, single_try_client):
    mock_api.get(SITE_URL, status=429, headers={"Retry-After": "7"}, json=envelope(success=False))

    with pytest.raises(errors.RateLimitedError) as caught:
        sites.get_site(single_try_client, 123)

    assert caught.value.retry_after == 7.0
    assert "retry after 7 s" in str(caught.value)


def test_errors_never_show_password(mock_api, client):
    mock_api.post(f"{BASE_URL}/v1/login", status=401, json=envelope(success=False, messages=["Bad credentials"]))

    with pytest.raises(errors.AuthenticationError) as caught:
        sites.get_site(client, 123)

    assert PASSWORD not in str(caught.value)
    assert PASSWORD not in repr(caught.value.args)


def test_task_failed_error_text():
    error = errors.TaskFailedError("t-9", "ERROR", "Disk quota exceeded")

    assert error.retryable is False
    assert error.message == "Disk quota exceeded"
    assert str(error) == "task t-9 ended with status ERROR: Disk quota exceeded"


def test_transport_errors_are_retryable():
    assert errors.APITimeoutError().retryable is True
    assert errors.APIUnreachableError().retryable is True
    assert issubclass(errors.APITimeoutError, errors.TransportError)
    assert issubclass(errors.APIUnreachableError, errors.TransportError)


@pytest.mark.parametrize("error", [
    errors.RateLimitedError(429, ["Slow down"], retry_after=12.0, method="GET", path="/v1/sites"),
    errors.SiteLockedError(400, ["site is locked"], field_errors={"id": ["locked"]}),
    errors.TaskFailedError("t-1", "ERROR", "Disk full"),
    errors.WPCLICommandRejected(";"),
    errors.APITimeoutError(None, ["read timeout"]),
])
def test_errors_survive_pickling(error):
    copy = pickle.loads(pickle.dumps(error))

    assert type(copy) is type(error)
    assert copy.__dict__ == error.__dict__
    assert str(copy) == str(error)
    assert copy.retryable is error.retryable


def test_unexpected_shape_raises_typed_error(mock_api, login, client):
    mock_api.get(f"{BASE_URL}/v1/sites", json=envelope({"sites": []}))
    mock_api.get(SITE_URL, json=envelope(["not", "a", "site"]))

    with pytest.raises(errors.UnexpectedResponseError, match="expected a list of items, got dict"):
        sites.list_sites(client)
    with pytest.raises(errors.UnexpectedResponseError, match="expected a site object, got list"):
        sites.get_site(client, 123)
