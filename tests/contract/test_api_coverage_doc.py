"""docs/api-coverage.md is what `python -m scripts.api_coverage` writes today.

Regenerating runs every contract check against a fresh in-process sandbox, so these tests also
catch a sample or sandbox change that the committed page does not show yet.
"""

import re

import pytest

from scripts.api_spec import spec_operations
from scripts.api_coverage import DEFAULT_OUTPUT, FAILURES_HEADING, main, render, stable_part

pytestmark = pytest.mark.contract


@pytest.fixture(scope="module")
def fresh_page(spec):
    return render(spec)


def test_committed_totals_current(fresh_page):
    committed = DEFAULT_OUTPUT.read_text(encoding="utf-8")

    assert _totals(committed) == _totals(fresh_page), "run python -m scripts.api_coverage and commit the result"


def test_committed_table_current(fresh_page):
    committed = DEFAULT_OUTPUT.read_text(encoding="utf-8")

    assert stable_part(committed) == stable_part(fresh_page), "run python -m scripts.api_coverage and commit it"


def test_page_has_row_per_operation(spec, fresh_page):
    rows = [line for line in stable_part(fresh_page).splitlines() if line.startswith("| ") and "`/v1/" in line]

    assert len(rows) == len(spec_operations(spec))
    assert len(set(rows)) == len(rows)


def test_rows_follow_spec_tag_order(spec, fresh_page):
    order = [tag["name"] for tag in spec["tags"]]
    rows = [line for line in stable_part(fresh_page).splitlines() if line.startswith("| ") and "`/v1/" in line]

    positions = [order.index(row.split(" | ")[0].removeprefix("| ")) for row in rows]

    assert positions == sorted(positions)


def test_failures_listed_for_each_fail(fresh_page):
    table, failures = fresh_page.split(FAILURES_HEADING, 1)
    failing_cells = sum(row.split(" | ").count("fail") for row in table.splitlines() if row.startswith("| "))

    listed = [line for line in failures.splitlines() if line.startswith("- ")]

    assert len(listed) == failing_cells


def test_check_flags_stale_page(spec, tmp_path):
    stale = tmp_path / "api-coverage.md"
    stale.write_text("# API coverage\n\n**Totals:** 0 operations in the spec.\n", encoding="utf-8")

    assert main(["--check", "--output", str(stale)]) == 1


def _totals(page):
    match = re.search(r"^\*\*Totals:\*\*.*$", page, re.MULTILINE)
    return match.group(0) if match else None
