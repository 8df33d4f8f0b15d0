"""A clone from the browser, end to end: Chromium drives the real web server, worker, beat and sandbox.

The product runs on its own VAR_DIR (SQLite file, filesystem broker, mail folder) and free ports,
as `make demo` would start it, with sandbox tasks that take TASK_SECONDS.
"""

import re
import time
import uuid

import pytest
from cryptography.fernet import Fernet

from config.demo import child_commands
from tests.browser import chromium_context, require_chromium
from e2e_processes import (
    PYTHON, ChildProcesses, child_env, free_port, run_command, wait_for_http, wait_for_port,
)

pytestmark = pytest.mark.browser

DEMO_EMAIL = "e2e-demo@example.com"
DEMO_PASSWORD = "e2e-demo-password-5813"
SANDBOX_PASSWORD = "e2e-sandbox-password"
# The job polls its upstream task after 3 s and then 4.5 s later, so a 6 s task is seen running
# at about half way for several seconds: longer than the page's 2 s polling interval.
TASK_SECONDS = 6
JOB_TIMEOUT_SECONDS = 90
QUIET_SECONDS = 6
UI_TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def product(tmp_path_factory):
    """Migrate, start the sandbox, seed the demo user, then start web, worker and beat."""
    require_chromium()
    var_dir = tmp_path_factory.mktemp("e2e-product")
    port, sandbox_port = free_port(), free_port()
    sandbox_url = f"http://127.0.0.1:{sandbox_port}"
    env = child_env(
        DJANGO_SETTINGS_MODULE="config.settings",
        ENV_FILE=var_dir / "no-env-file",
        VAR_DIR=var_dir,
        DEBUG="true",
        SECRET_KEY="e2e-secret-key-that-is-long-enough-0123456789",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        EMAIL_BACKEND="file",
        SANDBOX_URL=sandbox_url,
        SANDBOX_PASSWORD=SANDBOX_PASSWORD,
        DEMO_EMAIL=DEMO_EMAIL,
        DEMO_PASSWORD=DEMO_PASSWORD,
    )
    commands = child_commands(port, sandbox_port, TASK_SECONDS)
    children = ChildProcesses(var_dir / "logs")
    try:
        run_command([PYTHON, "manage.py", "migrate", "--noinput"], env)
        children.start("sandbox", commands["sandbox"], env)
        wait_for_port(sandbox_port, children)
        run_command([PYTHON, "manage.py", "seed_demo"], env)
        for name in ("web", "worker", "beat"):
            children.start(name, commands[name], env)
        base_url = f"http://127.0.0.1:{port}"
        wait_for_http(f"{base_url}/accounts/login/", children)
        yield {"url": base_url, "children": children, "var_dir": var_dir}
    finally:
        exit_seconds = children.stop_all()
        leftovers = children.leftover_pids()
        assert leftovers == [], f"processes {leftovers} still run after stopping; exit times {exit_seconds}"


@pytest.fixture
def page(product):
    with chromium_context(product["url"], UI_TIMEOUT_MS) as context:
        yield context.new_page()


def heading_label(page):
    """Return the site label of the page heading, without the domain shown beside it."""
    return page.locator("h1").evaluate("heading => heading.firstChild.textContent.trim()")


def log_in(page):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", DEMO_EMAIL)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"^[^?#]*://[^/]+/$"))


def fleet_rows(page):
    """Return (label, client) for each row of the fleet table."""
    rows = []
    for row in page.locator("#fleet-table tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        if len(cells) == 6:
            rows.append((cells[0].strip(), cells[2].strip()))
    return rows


def job_state(page):
    """Return (status, percentage) as the job page shows them now."""
    status = page.locator("#job-status [data-status]").get_attribute("data-status")
    perc = page.locator("#job-status .progress").get_attribute("aria-valuenow")
    return status, int(perc)


def test_clone_from_the_browser(product, page, tmp_path):
    children = product["children"]
    try:
        run_clone_journey(page, product)
    except Exception as error:
        screenshot = tmp_path / "failure.png"
        try:
            page.screenshot(path=str(screenshot), full_page=True)
            error.add_note(f"Screenshot of the page: {screenshot} ({page.url})")
        except Exception as screenshot_error:  # The browser itself may be what failed.
            error.add_note(f"No screenshot: {screenshot_error}")
        error.add_note(children.report())
        raise


def run_clone_journey(page, product):
    log_in(page)

    # The fleet lists sites of both client accounts.
    page.wait_for_selector("#fleet-table tbody tr td a")
    rows = fleet_rows(page)
    clients = {client for _label, client in rows}
    assert {"Client One", "Client Two"} <= clients, rows
    source_label = next(label for label, client in rows if client == "Client Two")

    page.get_by_role("link", name=source_label, exact=True).click()
    page.wait_for_url(re.compile(r"/connections/\d+/sites/\d+/$"))
    assert heading_label(page) == source_label
    source_url = page.url

    # Start the clone; the form redirects to the job page.
    clone_label = f"E2E copy {uuid.uuid4().hex[:8]}"
    clone_form = page.locator("form[action$='/clone/']")
    clone_form.locator("input[name=label]").fill(clone_label)
    clone_form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/jobs/(\d+)/$"))
    job_path = re.search(r"/jobs/\d+/$", page.url).group(0)

    # From here on the page must update itself: count htmx requests for the fragment and any
    # navigation of the main frame, and leave a marker that a reload would wipe out.
    fragment_requests, fragment_statuses, navigations = [], [], []
    page.on("request", lambda request: fragment_requests.append(time.monotonic())
            if request.url.endswith(job_path) and request.headers.get("hx-request") == "true" else None)
    page.on("response", lambda response: fragment_statuses.append(response.status)
            if response.url.endswith(job_path) and response.request.headers.get("hx-request") == "true" else None)
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    page.evaluate("window.__e2eNotReloaded = true")

    seen = [job_state(page)]
    assert seen[0][0] in ("queued", "running"), seen
    deadline = time.monotonic() + JOB_TIMEOUT_SECONDS
    while seen[-1][0] != "succeeded":
        assert time.monotonic() < deadline, f"job did not succeed within {JOB_TIMEOUT_SECONDS} s; seen {seen}"
        assert seen[-1][0] in ("queued", "running"), f"job ended as {seen[-1][0]}; seen {seen}"
        product["children"].assert_running()
        page.wait_for_timeout(200)
        state = job_state(page)
        if state != seen[-1]:
            seen.append(state)

    assert seen[-1] == ("succeeded", 100), seen
    assert any(0 < perc < 100 for _status, perc in seen), f"no progress between 0 and 100% was shown: {seen}"
    assert navigations == [], f"the job page navigated away or reloaded: {navigations}"
    assert page.evaluate("window.__e2eNotReloaded") is True
    assert len(fragment_requests) >= 2, fragment_requests

    # htmx stops polling: the last fragment response has status 286 and no request follows it.
    requests_at_success = len(fragment_requests)
    page.wait_for_timeout(QUIET_SECONDS * 1000)
    assert len(fragment_requests) == requests_at_success, (
        f"{len(fragment_requests) - requests_at_success} fragment request(s) after the job succeeded"
    )
    assert fragment_statuses[-1] == 286, fragment_statuses
    assert page.locator("#job-status[hx-get]").count() == 0

    # The success message links to the new site, whose page shows the clone's label.
    new_site_link = page.locator("#job-status .alert-success a")
    new_site_href = new_site_link.get_attribute("href")
    assert re.fullmatch(r"/connections/\d+/sites/\d+/", new_site_href), new_site_href
    assert not source_url.endswith(new_site_href), "the link points at the source site, not the copy"
    new_site_link.click()
    page.wait_for_url(re.compile(re.escape(new_site_href) + "$"))
    assert heading_label(page) == clone_label
