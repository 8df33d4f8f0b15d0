"""Fixtures for the reporting tests: a sandbox connection, a real SMTP server on loopback and
Celery tasks run in the calling thread. Teams, users and the sandbox come from tests/conftest.py."""


import pytest
from aiosmtpd.controller import Controller

from config.celery import app as celery_app
from reporting_helpers import CollectingHandler, free_port
from tests.conftest import make_connection


@pytest.fixture
def report_sandbox(sandbox):
    return sandbox


@pytest.fixture
def sandbox_connection(connection_one):
    """The team's connection to the sandbox account agency-one@example.com (seven sites)."""
    return connection_one


@pytest.fixture
def down_connection(team, closed_port_url):
    """A connection whose API base URL is a loopback port with nothing listening."""
    return make_connection(team, "Unreachable account", closed_port_url)




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
