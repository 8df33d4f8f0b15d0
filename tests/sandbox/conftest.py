"""Fixtures for the sandbox tests: a live sandbox on a loopback port and a small client.

The tests talk to the sandbox with plain ``requests`` over real HTTP, never through
the ``rocketnet`` client, so they check the sandbox's own reading of the spec.
"""

import pytest
import requests

from sandbox.server import running_sandbox
from sandbox.state import DEFAULT_PASSWORD

AGENCY_ONE = "agency-one@example.com"
AGENCY_TWO = "agency-two@example.com"
TASK_SECONDS = 10
TIMEOUT = (2, 10)


class Api:
    """A logged-in ``requests`` session against one sandbox account."""

    def __init__(self, base_url, email=AGENCY_ONE, password=DEFAULT_PASSWORD):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "sandbox-tests/1"
        self.email = email
        if email is not None:
            self.login(email, password)

    def login(self, email, password=DEFAULT_PASSWORD):
        response = self.session.post(f"{self.base_url}/v1/login",
                                     json={"username": email, "password": password}, timeout=TIMEOUT)
        response.raise_for_status()
        self.session.headers["Authorization"] = f"Bearer {response.json()['token']}"
        return response.json()["token"]

    def request(self, method, path, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        return self.session.request(method, f"{self.base_url}{path}", **kwargs)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def patch(self, path, **kwargs):
        return self.request("PATCH", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)

    def control(self, path, payload=None):
        response = requests.post(f"{self.base_url}/_sandbox/{path}", json=payload or {}, timeout=TIMEOUT)
        response.raise_for_status()
        return response.json()

    def advance(self, seconds):
        return self.control("clock", {"advance_seconds": seconds})

    def site_ids(self):
        result = self.get("/v1/sites", params={"per_page": 1000}).json()["result"]
        return [site["id"] for site in result]

    def task(self, site_id, task_id):
        response = self.get(f"/v1/sites/{site_id}/tasks", params={"task_id": task_id})
        items = response.json()["result"]
        assert len(items) == 1, response.text
        return items[0]


@pytest.fixture
def sandbox():
    with running_sandbox(seed=1, task_seconds=TASK_SECONDS) as running:
        yield running


@pytest.fixture
def api(sandbox):
    return Api(sandbox.url)


@pytest.fixture
def api_two(sandbox):
    return Api(sandbox.url, email=AGENCY_TWO)


@pytest.fixture
def anonymous(sandbox):
    return Api(sandbox.url, email=None)
