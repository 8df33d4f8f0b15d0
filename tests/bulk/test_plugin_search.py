"""The fleet plugin search against the sandbox, and version ordering."""

import re

import pytest
from django.urls import reverse

from bulk_helpers import add_fault, fleet_targets
from sandbox import catalog
from sandbox.handlers.packages import installed_item
from sandbox.handlers.plugins import installed_plugins
from sites.bulk.selectors import search_plugin
from sites.bulk.versions import is_below, is_valid_version, version_key
from tests.conftest import AGENCY_TWO

SLUG = "akismet"


@pytest.fixture
def akismet_sites(team, connection_one, connection_two, sandbox):
    """Give three sites akismet at 5.9, 5.10 and 4.1.2 (inactive); remove it from every other site.

    Returns {version: target}. 5.9 and 4.1.2 are on connection one, 5.10 on connection two.
    """
    targets = fleet_targets(team)
    targets_one = [t for t in targets if t.connection_id == connection_one.pk]
    targets_two = [t for t in targets if t.connection_id == connection_two.pk]
    package = catalog.find(catalog.PLUGINS, SLUG)
    for target in targets:
        installed_plugins(sandbox.state, sandbox.state.sites[target.site_id]).pop(SLUG, None)

    chosen = {"5.9": (targets_one[0], "active"), "5.10": (targets_two[0], "active"),
              "4.1.2": (targets_one[1], "inactive")}
    for version, (target, status) in chosen.items():
        plugins = installed_plugins(sandbox.state, sandbox.state.sites[target.site_id])
        plugins[SLUG] = installed_item(package, status, version)
    return {version: target for version, (target, _status) in chosen.items()}


def found_versions(search):
    return {match.site_id: match.version for match in search.matches}


def test_search_finds_every_site_with_plugin(team, akismet_sites):
    search = search_plugin(team, SLUG)

    assert found_versions(search) == {target.site_id: version for version, target in akismet_sites.items()}
    assert search.failures == []
    assert search.sites_searched == len(fleet_targets(team))
    inactive = next(m for m in search.matches if m.version == "4.1.2")
    assert inactive.active is False
    assert inactive.update_available is True
    assert inactive.update_version == catalog.find(catalog.PLUGINS, SLUG).version


def test_below_version_compares_numerically(team, akismet_sites):
    below_510 = search_plugin(team, SLUG, below="5.10")
    below_591 = search_plugin(team, SLUG, below="5.9.1")
    below_59 = search_plugin(team, SLUG, below="5.9")

    assert sorted(found_versions(below_510).values()) == ["4.1.2", "5.9"]
    assert sorted(found_versions(below_591).values()) == ["4.1.2", "5.9"]
    assert sorted(found_versions(below_59).values()) == ["4.1.2"]


def test_failing_connection_is_reported(team, akismet_sites, sandbox, connection_two):
    add_fault(sandbox, kind="client_error", status=403, account=AGENCY_TWO, method="GET", path="/v1/sites/*/plugins")

    search = search_plugin(team, SLUG)

    assert sorted(found_versions(search).values()) == ["4.1.2", "5.9"]
    assert search.failures
    assert {failure.connection_label for failure in search.failures} == {connection_two.label}
    assert all("403" in failure.message for failure in search.failures)
    assert len(search.failures) == len([t for t in fleet_targets(team) if t.connection_id == connection_two.pk])
    assert search.sites_searched == len(fleet_targets(team)) - len(search.failures)


def test_search_page_lists_results(browser_for, akismet_sites):
    response = browser_for("member").get(reverse("sites:bulk:plugin_search"), {"slug": SLUG, "below": "5.10"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('name="site"') == 2
    assert f':{akismet_sites["5.9"].site_id}"' in html
    assert f':{akismet_sites["5.10"].site_id}"' not in html
    assert 'name="preset_action" value="update_plugins"' in html
    assert "Update this plugin on the 2 sites shown" in html


def test_viewer_gets_no_update_button(browser_for, akismet_sites):
    html = browser_for("viewer").get(reverse("sites:bulk:plugin_search"), {"slug": SLUG}).content.decode()

    assert "Update this plugin on the" not in html
    assert html.count('name="site"') == 3


@pytest.mark.parametrize("below, message", [
    ("5.x", "“5.x” is not a version number"),
    ("latest", "“latest” is not a version number"),
    ("5..1", "“5..1” is not a version number"),
])
def test_invalid_version_is_explained(browser_for, connection_one, sandbox, below, message):
    response = browser_for("viewer").get(reverse("sites:bulk:plugin_search"), {"slug": SLUG, "below": below})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "such as 5.9 or 6.4.2" in response.content.decode()


def test_preset_form_selects_update(browser_for, akismet_sites):
    target = akismet_sites["5.9"]
    response = browser_for("member").post(reverse("sites:bulk:new"), data={
        "site": [f"{target.connection_id}:{target.site_id}"], "preset_action": "update_plugins",
        "preset_slugs": SLUG})

    html = response.content.decode()
    checked = re.findall(r'<input type="radio" name="action" value="(\w+)"[^>]*checked', html)
    assert checked == ["update_plugins"]
    assert f'value="{SLUG}"' in html


@pytest.mark.parametrize("higher, lower", [
    ("5.10", "5.9"), ("5.9.1", "5.9"), ("10.0", "9.99"), ("6.4.2", "6.4.1"), ("1.10.0", "1.9.9"),
])
def test_version_order(higher, lower):
    assert version_key(higher) > version_key(lower)
    assert is_below(lower, higher)
    assert not is_below(higher, lower)


def test_version_edge_cases():
    assert version_key("5.9.0") == version_key("5.9")
    assert not is_below("5.9.0", "5.9")
    assert version_key("2.1-beta") == (2, 1)
    assert version_key("trunk") is None
    assert not is_below("", "5.9")
    assert is_valid_version("6.4.2")
    assert not is_valid_version("6.4.2-rc1")
