"""Every URL pattern of the project against an outsider and against each role below its minimum.

The URL list comes from Django's resolver when the tests are collected, so a view added later is
checked without editing this file. A pattern whose URL keyword World.value_for (in url_world.py)
cannot fill, or whose name matches no entry of MINIMUM_WRITE_ROLE, fails with a message naming what to add.

For each pattern, with real objects of team A behind every keyword:
- an outsider (the owner of team B) gets 404 for GET and POST, or 405 when the view does not take
  that method from anyone; a pattern without keywords must not show team A's data to them;
- each role below the view's minimum gets 403 for POST, and no database row changes;
- the minimum role itself is not rejected with 403.
Upstream calls go to the sandbox, so no view is mocked.
"""

import pytest
from django.apps import apps

from accounts.models import Role, WorkerHeartbeat
from tests.roles.url_world import (  # noqa: F401 (sandbox, shared_sandbox and world are fixtures)
    SKIPPED_NAMES, TEAM_A_MARKER, project_patterns, route_kwargs, sandbox, shared_sandbox, world,
)

# The lowest role allowed to POST, by exact URL name or by name prefix (the longest match wins).
# The roles are viewer < member < admin < owner.
MINIMUM_WRITE_ROLE = {
    "sites:": Role.MEMBER,
    "reporting:": Role.MEMBER,
    # Billing pages, GET included, are for owners and admins only.
    "billing:": Role.ADMIN,
    "accounts:connection_add": Role.ADMIN,
    "accounts:connection_edit": Role.ADMIN,
    "accounts:connection_delete": Role.ADMIN,
    "accounts:connection_user_": Role.ADMIN,
    "accounts:connection_settings": Role.ADMIN,
    "accounts:connection_transfer_answer": Role.MEMBER,
    # GET-only pages: a POST gets 405 from every role, which the test checks.
    "accounts:connection_list": Role.VIEWER,
    "accounts:connection_users": Role.VIEWER,
    "accounts:connection_tasks": Role.VIEWER,
    "accounts:connection_transfers": Role.VIEWER,
    "accounts:audit_log": Role.VIEWER,
    "accounts:member_list": Role.VIEWER,
    # Any member may switch to another of their own teams.
    "accounts:switch_team": Role.VIEWER,
    # Any logged-in user may create a team, which they then own.
    "accounts:team_create": Role.VIEWER,
    "accounts:member_": Role.ADMIN,
    "accounts:team_settings": Role.OWNER,
    "accounts:team_delete": Role.OWNER,
}

ROLE_ORDER = [Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER]
# The models whose row counts must not change when a request is rejected.
UNCHANGED_APPS = ("accounts", "sites", "reporting", "billing")


def minimum_write_role(name):
    matches = [key for key in MINIMUM_WRITE_ROLE if name == key or (key.endswith((":", "_")) and name.startswith(key))]
    if not matches:
        pytest.fail(f"URL {name} has no entry in MINIMUM_WRITE_ROLE in tests/roles/test_role_matrix.py. Add its "
                    f"name (or a prefix) with the lowest role allowed to POST to it.")
    return MINIMUM_WRITE_ROLE[max(matches, key=len)]


def row_counts():
    counts = {}
    for app_label in UNCHANGED_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model is not WorkerHeartbeat:
                counts[model._meta.label] = model._default_manager.count()
    return counts


def changed_rows(before, after):
    return {label: (before[label], after[label]) for label in before if before[label] != after[label]}


def response_text(response):
    # Downloads such as the billing CSV are streamed and have no `content`.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode(errors="replace")


PATTERNS = project_patterns()


def test_matrix_covers_the_project():
    names = {name for name, _route in PATTERNS}

    assert {"sites:fleet", "sites:site_detail", "accounts:connection_edit", "accounts:audit_log",
            "reporting:edit", "sites:bulk:detail", "sites:job_cancel"} <= names
    assert not names & SKIPPED_NAMES


@pytest.mark.parametrize("name, route", PATTERNS, ids=[name for name, _route in PATTERNS])
def test_outsider_gets_404(world, name, route):
    url = world.url(name, route)
    outsider = world.browser_for("outsider")
    owner = world.browser_for(Role.OWNER)

    for method, headers in (("get", {}), ("get", {"HX-Request": "true"}), ("post", {})):
        response = getattr(outsider, method)(url, headers=headers)
        if not route_kwargs(route):
            assert TEAM_A_MARKER not in response_text(response), (
                f"{method.upper()} {url} ({name}) shows team A's connection to an outsider")
            continue
        if response.status_code == 405:
            assert getattr(owner, method)(url).status_code == 405, (
                f"{method.upper()} {url} ({name}) gave the outsider 405 but takes {method.upper()} from the owner")
            continue
        assert response.status_code == 404, (
            f"{method.upper()} {url} ({name}) with {headers} gave the outsider {response.status_code}, expected 404")
        assert TEAM_A_MARKER not in response_text(response)


@pytest.mark.parametrize("name, route", PATTERNS, ids=[name for name, _route in PATTERNS])
def test_roles_below_minimum_get_403(world, name, route, django_capture_on_commit_callbacks):
    url = world.url(name, route)
    minimum = minimum_write_role(name)

    for role in ROLE_ORDER[:ROLE_ORDER.index(minimum)]:
        before = row_counts()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = world.browser_for(role).post(url)
        if response.status_code == 405:
            # The view takes no POST at all; its GET is checked by the outsider test.
            return

        assert response.status_code == 403, f"POST {url} ({name}) as {role} gave {response.status_code}, expected 403"
        assert changed_rows(before, row_counts()) == {}, f"POST {url} ({name}) as {role} changed rows"
        assert callbacks == [], f"POST {url} ({name}) as {role} queued work after commit"


@pytest.mark.parametrize("name, route", PATTERNS, ids=[name for name, _route in PATTERNS])
def test_minimum_role_is_let_in(world, name, route, django_capture_on_commit_callbacks):
    url = world.url(name, route)
    role = minimum_write_role(name)

    with django_capture_on_commit_callbacks(execute=False):
        response = world.browser_for(role).post(url)

    assert response.status_code != 403, (
        f"POST {url} ({name}) as {role} gave 403: {response.content.decode(errors='replace')[:2000]}")
    if role == Role.VIEWER:
        get_response = world.browser_for(role).get(url)
        assert get_response.status_code not in (403, 404), f"GET {url} ({name}) as viewer gave {get_response.status_code}"
