"""A bulk plugin update from the browser, end to end: Chromium, web server, worker, beat and sandbox.

Reuses the product and page fixtures of the clone test, which start the processes as `make demo`
would, on their own VAR_DIR and free ports.
"""

import re
import time

import pytest

from test_browser_clone import log_in, page, product  # noqa: F401  (fixtures used by name)

pytestmark = pytest.mark.browser

BULK_TIMEOUT_SECONDS = 90


def fleet_row_per_client(page):
    """Return {client: row locator} with the first fleet row of each client account."""
    chosen = {}
    for row in page.locator("#fleet-table tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        if len(cells) == 6:
            chosen.setdefault(cells[2].strip(), row)
    return chosen


def test_bulk_plugin_update_from_the_browser(product, page, tmp_path):  # noqa: F811
    try:
        run_bulk_journey(page, product)
    except Exception as error:
        screenshot = tmp_path / "failure.png"
        try:
            page.screenshot(path=str(screenshot), full_page=True)
            error.add_note(f"Screenshot of the page: {screenshot} ({page.url})")
        except Exception as screenshot_error:  # The browser itself may be what failed.
            error.add_note(f"No screenshot: {screenshot_error}")
        error.add_note(product["children"].report())
        raise


def run_bulk_journey(page, product):
    log_in(page)

    # Tick one site of each client account on the fleet page.
    page.wait_for_selector("#fleet-table tbody tr td a")
    rows = fleet_row_per_client(page)
    assert {"Client One", "Client Two"} <= set(rows), list(rows)
    chosen_labels = {}
    for client in ("Client One", "Client Two"):
        rows[client].locator("input[data-fleet-select]").check()
        chosen_labels[client] = rows[client].locator("td").first.inner_text().strip()
    assert page.locator("#fleet-bulk-submit").get_attribute("data-chosen") == "2"
    page.click("#fleet-bulk-submit")

    # The action form lists the selection; choose "Update plugins" for every plugin with an update.
    page.wait_for_url(re.compile(r"/bulk/new/$"))
    assert "2 sites chosen across 2 connection(s)." in page.locator("#bulk-selection-summary").inner_text()
    page.check("input[name=action][value=update_plugins]")
    page.click("#bulk-new-form button[type=submit]")
    page.wait_for_url(re.compile(r"/bulk/\d+/$"))

    # The progress fragment polls until both sites have finished, without reloading the page.
    page.evaluate("window.__e2eNotReloaded = true")
    deadline = time.monotonic() + BULK_TIMEOUT_SECONDS
    while page.locator("#bulk-progress[data-done=true]").count() == 0:
        assert time.monotonic() < deadline, f"bulk job not done within {BULK_TIMEOUT_SECONDS} s"
        product["children"].assert_running()
        page.wait_for_timeout(300)
    assert page.evaluate("window.__e2eNotReloaded") is True

    results = {}
    for row in page.locator("#bulk-items tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        status = row.locator("[data-status]").get_attribute("data-status")
        results[cells[1].strip()] = (cells[0].strip(), status, cells[4].strip())
    assert set(results) == {"Client One", "Client Two"}, results
    for client, (label, status, detail) in results.items():
        assert label == chosen_labels[client], results
        assert status in ("succeeded", "skipped"), results
        # A succeeded site lists "slug: old → new" per updated plugin, and a skipped one gives the reason.
        assert ("→" in detail) if status == "succeeded" else ("up to date" in detail), results
