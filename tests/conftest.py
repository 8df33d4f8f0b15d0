"""Shared fixtures: one team with a user per role, an outsider with a team of their own, a live
sandbox on a loopback port and connections to it."""

import socket
import threading

import pytest
from django.core.cache import cache
from django.test import Client as BrowserClient
from django.utils import translation

from accounts.models import Connection, Membership, Role, Team, User
from sandbox.server import running_sandbox

SANDBOX_PASSWORD = "web-test-sandbox-password"
AGENCY_ONE = "agency-one@example.com"
AGENCY_TWO = "agency-two@example.com"
# Sandbox tasks finish this many seconds after they start.
SANDBOX_TASK_SECONDS = 0.4


@pytest.fixture(autouse=True)
def _clear_cache():
    # The fleet is cached per team id, and ids repeat between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _reset_language():
    # The test client runs LocaleMiddleware in this thread, and the language it activates for a request
    # stays active afterwards, so a later test that formats text without a request would get Chinese.
    yield
    translation.deactivate()


def make_user(email, team=None, role=None):
    user = User.objects.create_user(email=email, password="user-password-for-tests")
    if team is not None:
        Membership.objects.create(team=team, user=user, role=role)
    return user


@pytest.fixture
def team(db):
    return Team.objects.create(name="Agency A", slug="agency-a")


@pytest.fixture
def other_team(db):
    return Team.objects.create(name="Agency B", slug="agency-b")


@pytest.fixture
def users(team, other_team):
    """A user per role in `team`, keyed by role, plus "outsider", the owner of `other_team`."""
    result = {role: make_user(f"{role}@agency-a.example", team, role) for role in Role.values}
    result["outsider"] = make_user("owner@agency-b.example", other_team, Role.OWNER)
    return result


@pytest.fixture
def owner(users):
    return users[Role.OWNER]


@pytest.fixture
def outsider(users):
    return users["outsider"]


@pytest.fixture
def browser_for(users):
    """Return a function giving a logged-in Django test client for a role name or "outsider"."""

    def build(who):
        browser = BrowserClient()
        browser.force_login(users[who])
        return browser

    return build


@pytest.fixture
def sandbox():
    with running_sandbox(seed=1, task_seconds=SANDBOX_TASK_SECONDS, password=SANDBOX_PASSWORD) as running:
        yield running


def make_connection(team, label, url, email=AGENCY_ONE, password=SANDBOX_PASSWORD, client_name=""):
    connection = Connection(team=team, label=label, client_name=client_name or f"{label} Ltd", email=email,
                            api_base_url=url)
    connection.password = password
    connection.save()
    return connection


@pytest.fixture
def connection_one(team, sandbox):
    return make_connection(team, "Client One", sandbox.url, email=AGENCY_ONE)


@pytest.fixture
def connection_two(team, sandbox):
    return make_connection(team, "Client Two", sandbox.url, email=AGENCY_TWO)


@pytest.fixture
def outsider_connection(other_team, sandbox):
    """A connection of the other team to the same sandbox account: data an outsider must not reach."""
    return make_connection(other_team, "Agency B account", sandbox.url, email=AGENCY_ONE)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def closed_port_url():
    """A loopback URL where nothing listens, so connecting is refused at once."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture
def silent_server_url():
    """A loopback server that accepts connections and never responds, for read timeouts."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted = []
    stop = threading.Event()

    def accept_forever():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _address = listener.accept()
            except OSError:
                continue
            accepted.append(connection)

    thread = threading.Thread(target=accept_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"

    stop.set()
    thread.join(timeout=2)
    for connection in accepted:
        connection.close()
    listener.close()
