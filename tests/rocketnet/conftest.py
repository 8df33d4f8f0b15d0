"""Fixtures for the rocketnet unit tests: a client whose waits and jitter are recorded."""

from __future__ import annotations

import time

import pytest
import responses
from apimock import BASE_URL, PASSWORD, USERNAME, Recorder, make_token

from rocketnet import Client, MemoryTokenStore, RetryPolicy


@pytest.fixture
def mock_api():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def token():
    return make_token(time.time() + 7 * 24 * 3600)


@pytest.fixture
def login(mock_api, token):
    """Register a login that always succeeds with `token`."""
    return mock_api.add(responses.POST, f"{BASE_URL}/v1/login", json={"token": token})


@pytest.fixture
def sleeps():
    return Recorder()


@pytest.fixture
def make_client(sleeps):
    def build(**options) -> Client:
        options.setdefault("token_store", MemoryTokenStore())
        options.setdefault("retry", RetryPolicy(max_attempts=4, base_backoff=0.5, max_backoff=8, max_retry_after=30))
        options.setdefault("sleep", sleeps)
        options.setdefault("uniform", lambda low, high: high)
        return Client(BASE_URL, USERNAME, PASSWORD, **options)

    return build


@pytest.fixture
def client(make_client):
    return make_client()
