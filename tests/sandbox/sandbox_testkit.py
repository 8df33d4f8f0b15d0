"""Shared helpers of the sandbox tests: the seeded accounts and a small ``requests`` client.

The module has a unique name, so ``from sandbox_testkit import ...`` resolves the same way
whichever other test directories pytest loads in the same run (every directory has its
own ``conftest``).
"""

import requests

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
