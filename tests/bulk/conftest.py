import pytest

from sites.bulk import actions, services


@pytest.fixture(autouse=True)
def fast_waits(monkeypatch):
    """Shrink the waits: sandbox tasks here end in well under a second."""
    monkeypatch.setattr(actions, "POLL_FIRST_SECONDS", 0.1)
    monkeypatch.setattr(actions, "POLL_MAX_SECONDS", 0.2)
    monkeypatch.setattr(services, "LOCKED_FIRST_WAIT_SECONDS", 0.1)
    monkeypatch.setattr(services, "LOCKED_MAX_WAIT_BETWEEN_SECONDS", 0.2)
    monkeypatch.setattr(services, "TRANSIENT_FIRST_WAIT_SECONDS", 0.05)
    monkeypatch.setattr(services, "TRANSIENT_MAX_WAIT_SECONDS", 0.1)
