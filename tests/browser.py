"""Debian's Chromium driven by Playwright's sync API, shared by the browser tests."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Root needs --no-sandbox, and the other flags keep Chromium from calling outside hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def require_chromium():
    """Skip without Chromium, except in CI, where a missing browser is a failure."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing, and CI=true: install Debian's chromium package.")
    pytest.skip(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` to run browser tests.")


@contextmanager
def allow_orm_beside_playwright():
    """Set DJANGO_ALLOW_ASYNC_UNSAFE while Playwright's sync API runs an event loop in this thread.

    Django raises SynchronousOnlyOperation on ORM calls from a thread with a running loop unless that
    variable is set. The tests' own queries are sequential, so allowing them is safe.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@contextmanager
def chromium_context(base_url, timeout_ms):
    """Yield a Playwright browser context whose relative URLs start at `base_url`."""
    require_chromium()
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with allow_orm_beside_playwright(), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(base_url=base_url)
            context.set_default_timeout(timeout_ms)
            yield context
        finally:
            browser.close()
            # ORM calls made while Playwright's event loop runs get a database connection of their own, and
            # Django does not close it. An open connection keeps PostgreSQL from dropping the test database.
            connections.close_all()
