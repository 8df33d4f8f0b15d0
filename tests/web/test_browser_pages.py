"""The htmx behaviour of the pages in a real Chromium: live search, sorting, job polling, expired sessions.

The product runs in pytest-django's live server, the sandbox in a thread, and jobs run by calling the
task function in a thread (no Celery worker).
"""

import re
import threading
import time

import pytest
from django.db import connection as db_connection

from accounts.models import Role
from sites import services, tasks
from sites.models import Job, JobStatus
from tests.browser import chromium_context
from tests.conftest import make_connection, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USER_PASSWORD = "browser-user-password-2468"
UI_TIMEOUT_MS = 15_000


@pytest.fixture
def browser_page(live_server):
    with chromium_context(live_server.url, UI_TIMEOUT_MS) as context:
        yield context.new_page()


@pytest.fixture
def member_with_connections(team, sandbox):
    user = make_user("browser-member@agency-a.example", team, Role.MEMBER)
    user.set_password(USER_PASSWORD)
    user.save()
    make_connection(team, "Client One", sandbox.url, email="agency-one@example.com")
    make_connection(team, "Client Two", sandbox.url, email="agency-two@example.com")
    return user


def log_in(page, user):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", USER_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"^[^?#]*://[^/]+/$"))


def run_job_then_close_connection(job_pk):
    # A thread opens its own database connection; an open one keeps PostgreSQL from dropping the test database.
    try:
        tasks.run_job(job_pk)
    finally:
        db_connection.close()


def table_labels(page):
    return [text.strip() for text in page.locator("#fleet-table tbody tr td:first-child a").all_inner_texts()]


def test_fleet_live_search_and_sort(browser_page, member_with_connections, sandbox):
    page = browser_page
    log_in(page, member_with_connections)
    assert len(table_labels(page)) > 2

    page.fill("#fleet-search", "bakery")
    page.wait_for_url(re.compile(r"q=bakery"))
    page.wait_for_function("document.querySelectorAll('#fleet-table tbody tr').length === 1")
    assert table_labels(page) == ["Bright Bakery"]

    sandbox.state.sites[1001].label = "Bright Bakery Renamed"
    page.click("#fleet-table >> text=Refresh")
    page.wait_for_selector("#fleet-table >> text=Bright Bakery Renamed")
    assert "q=bakery" in page.url
    assert "refresh" not in page.url

    page.fill("#fleet-search", "")
    page.wait_for_url(re.compile(r"q=(&|$)"))
    page.click("#fleet-table th >> text=Label")
    page.wait_for_url(re.compile(r"sort=-label"))
    labels = table_labels(page)
    assert labels == sorted(labels, key=str.lower, reverse=True)


def test_job_page_polls_until_done(browser_page, member_with_connections, sandbox, monkeypatch):
    monkeypatch.setattr(services, "POLL_FIRST_SECONDS", 0.2)
    monkeypatch.setattr(services, "POLL_MAX_SECONDS", 0.3)
    sandbox.state.task_seconds = 5
    page = browser_page
    log_in(page, member_with_connections)

    page.goto("/")
    page.click("#fleet-table >> text=Bright Bakery")
    page.fill("#clone_label", "Browser copy")
    page.click("text=Start clone")
    page.wait_for_url(re.compile(r"/jobs/\d+/$"))
    job = Job.objects.get()
    runner = threading.Thread(target=run_job_then_close_connection, args=[job.pk])
    runner.start()

    page.wait_for_selector("#job-status [data-status=running]")
    page.wait_for_selector("#job-status [data-status=succeeded]", timeout=30_000)
    runner.join(timeout=30)

    polls = []
    page.on("request", lambda request: polls.append(request.url) if "/jobs/" in request.url else None)
    time.sleep(4.5)
    assert polls == []
    assert page.locator("text=Cancel job").count() == 0
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    page.click(f"#job-status a[href$='/sites/{job.result['new_site_id']}/']")
    page.wait_for_selector("h1:has-text('Browser copy')")


def test_expired_session_redirects_polling_page(browser_page, member_with_connections, team):
    page = browser_page
    log_in(page, member_with_connections)
    connection = team.connections.first()
    job = Job.objects.create(team=team, connection=connection, site_id=1001, kind="clone",
                             params={"label": "Never run"}, status=JobStatus.RUNNING, perc=10)
    page.goto(f"/jobs/{job.pk}/")
    page.wait_for_selector("#job-status [data-status=running]")

    page.context.clear_cookies()

    page.wait_for_url(re.compile(r"/accounts/login/\?next=/jobs/\d+/$"), timeout=10_000)
    assert page.locator("input[name=username]").count() == 1
