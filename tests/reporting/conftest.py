"""Fixtures for the reporting tests: a team with one user per role, a sandbox connection,
a real SMTP server on loopback and Celery tasks run in the calling thread."""

import email
import email.policy
import threading

import pytest
from aiosmtpd.controller import Controller

from accounts.models import Connection, Membership, Role, Team, User
from config.celery import app as celery_app
from reporting_helpers import SANDBOX_EMAIL, SANDBOX_PASSWORD, free_port
from sandbox.server import running_sandbox


def make_user(email_address, team=None, role=None):
    user = User.objects.create_user(email=email_address, password="pw-for-tests-only")
    if team is not None:
        Membership.objects.create(team=team, user=user, role=role)
    return user


@pytest.fixture
def report_team(db):
    return Team.objects.create(name="Stone Digital", slug="stone-digital")


@pytest.fixture
def report_users(report_team):
    """One user per role in report_team, an outsider with a team of their own, and a user with no team."""
    other_team = Team.objects.create(name="Other Agency", slug="other-agency")
    users = {role: make_user(f"{role}@stone.example", report_team, role) for role in Role.values}
    users["outsider"] = make_user("outsider@other.example", other_team, Role.OWNER)
    users["teamless"] = make_user("teamless@nowhere.example")
    return users


@pytest.fixture
def report_sandbox():
    with running_sandbox(seed=1, task_seconds=0, password=SANDBOX_PASSWORD) as sandbox:
        yield sandbox


@pytest.fixture
def sandbox_connection(report_team, report_sandbox):
    connection = Connection(
        team=report_team,
        label="Stone main account",
        client_name="Stone & Partners",
        email=SANDBOX_EMAIL,
        api_base_url=report_sandbox.url,
    )
    connection.password = SANDBOX_PASSWORD
    connection.save()
    return connection


@pytest.fixture
def down_connection(report_team):
    """A connection whose API base URL is a loopback port with nothing listening."""
    connection = Connection(
        team=report_team, label="Unreachable account", email=SANDBOX_EMAIL, api_base_url=f"http://127.0.0.1:{free_port()}"
    )
    connection.password = SANDBOX_PASSWORD
    connection.save()
    return connection


class CollectingHandler:
    """An aiosmtpd handler that keeps every accepted message with its envelope recipients."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free loopback port, with Django's SMTP backend pointed at it."""
    handler = CollectingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def eager_celery(monkeypatch):
    """Run tasks in the calling thread when they are enqueued, raising their errors."""
    monkeypatch.setattr(celery_app.conf, "task_always_eager", True)
    monkeypatch.setattr(celery_app.conf, "task_eager_propagates", True)
