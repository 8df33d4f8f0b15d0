"""Every URL pattern of the project against an outsider and against each role below its minimum.

The URL list comes from Django's resolver when the tests are collected, so a view added later is
checked without editing this file, unless it takes a URL keyword that KWARG_VALUES cannot fill or
its name matches no entry of MINIMUM_WRITE_ROLE: then its test fails and says what to add.

For each pattern, with real objects of team A behind every keyword:
- an outsider (the owner of team B) gets 404 for GET and POST, or 405 when the view does not take
  that method from anyone; a pattern without keywords must not show team A's data to them;
- each role below the view's minimum gets 403 for POST, and no database row changes;
- the minimum role itself is not rejected with 403.
Upstream calls go to the sandbox, so no view is mocked.
"""

import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Membership, Role, WorkerHeartbeat
from reporting.models import ReportSchedule
from sites.bulk.models import BulkAction, BulkJob
from sites.models import Job, JobKind
from sandbox.server import running_sandbox
from tests.conftest import SANDBOX_PASSWORD, SANDBOX_TASK_SECONDS, make_connection, make_user

SKIPPED_NAMES = {"healthz", "set_language", "accounts:login", "accounts:logout"}
SKIPPED_NAMESPACES = ("admin:",)

# The lowest role allowed to POST, by exact URL name or by name prefix (the longest match wins).
# The roles are viewer < member < admin < owner.
MINIMUM_WRITE_ROLE = {
    "sites:": Role.MEMBER,
    "reporting:": Role.MEMBER,
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
    "accounts:member_": Role.ADMIN,
    "accounts:team_settings": Role.OWNER,
    "accounts:team_delete": Role.OWNER,
}

ROLE_ORDER = [Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER]
SITE_ID = 1001
TEAM_A_MARKER = "Matrix Client A"
# The models whose row counts must not change when a request is rejected.
UNCHANGED_APPS = ("accounts", "sites", "reporting", "billing")


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern)


def project_patterns():
    """Return (URL name, route) for every named pattern the matrix covers, sorted by name."""
    found = {}
    for name, route in _walk(get_resolver()):
        if name in SKIPPED_NAMES or name.startswith(SKIPPED_NAMESPACES):
            continue
        found.setdefault(name, route)
    return sorted(found.items())


def route_kwargs(route):
    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def minimum_write_role(name):
    matches = [key for key in MINIMUM_WRITE_ROLE if name == key or (key.endswith((":", "_")) and name.startswith(key))]
    if not matches:
        pytest.fail(f"URL {name} has no entry in MINIMUM_WRITE_ROLE in tests/roles/test_role_matrix.py. Add its "
                    f"name (or a prefix) with the lowest role allowed to POST to it.")
    return MINIMUM_WRITE_ROLE[max(matches, key=len)]


class World:
    """Team A's objects behind every URL keyword, with one logged-in client per role."""

    def __init__(self, team, users, sandbox, browser_for):
        self.sandbox = sandbox
        self.browser_for = browser_for
        self.connection = make_connection(team, TEAM_A_MARKER, sandbox.url, client_name="Matrix Client Ltd")
        owner = users[Role.OWNER]
        self.job = Job.objects.create(team=team, connection=self.connection, site_id=SITE_ID, site_label="Matrix site",
                                      kind=JobKind.CLONE, params={"label": "Matrix copy"}, created_by=owner)
        self.bulk_job = BulkJob.objects.create(team=team, action=BulkAction.PURGE_CACHE, created_by=owner)
        self.schedule = ReportSchedule.objects.create(team=team, connection=self.connection,
                                                      recipients=["client@example.com"])
        self.target_membership = Membership.objects.get(user=make_user("target@agency-a.example", team,
                                                                       Role.VIEWER))
        site = sandbox.state.sites[SITE_ID]
        self.backup_id = next(iter(site.backups))

    # Keyword values; `pk` depends on the URL name, and ids not tied to a real upstream object are
    # only checked for the gate, which runs before any lookup.
    def value_for(self, name, kwarg):
        values = {
            "connection_pk": self.connection.pk,
            "site_id": SITE_ID,
            "membership_pk": self.target_membership.pk,
            "backup_id": self.backup_id,
            "domain_id": 1,
            "certificate_id": "1",
            "restore_id": "1",
            "user_id": "1",
            "uri_id": "1",
            "template_id": "1",
        }
        if kwarg == "pk":
            for prefix, value in (("accounts:connection_", self.connection.pk), ("reporting:", self.schedule.pk),
                                  ("sites:bulk:", self.bulk_job.pk), ("sites:job_", self.job.pk)):
                if name.startswith(prefix):
                    return value
        elif kwarg in values:
            return values[kwarg]
        pytest.fail(f"URL {name} takes the keyword {kwarg!r}, which the role matrix cannot fill. Add it to "
                    f"World.value_for in tests/roles/test_role_matrix.py, pointing at a real object of team A.")

    def url(self, name, route):
        kwargs = {kwarg: self.value_for(name, kwarg) for kwarg in route_kwargs(route)}
        return reverse(name, kwargs=kwargs)


def row_counts():
    counts = {}
    for app_label in UNCHANGED_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model is not WorkerHeartbeat:
                counts[model._meta.label] = model._default_manager.count()
    return counts


def changed_rows(before, after):
    return {label: (before[label], after[label]) for label in before if before[label] != after[label]}


PATTERNS = project_patterns()


@pytest.fixture(scope="module")
def shared_sandbox():
    # Building the sandbox's URL map takes about 0.4 s, too long to repeat for hundreds of tests.
    with running_sandbox(seed=1, task_seconds=SANDBOX_TASK_SECONDS, password=SANDBOX_PASSWORD) as running:
        yield running


@pytest.fixture
def sandbox(shared_sandbox):
    """The module's sandbox, reset to its seeded accounts before each test."""
    shared_sandbox.state.reset()
    return shared_sandbox


@pytest.fixture
def world(team, users, sandbox, browser_for):
    return World(team, users, sandbox, browser_for)


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

    for method in ("get", "post"):
        response = getattr(outsider, method)(url)
        if not route_kwargs(route):
            assert TEAM_A_MARKER not in response.content.decode(errors="replace"), (
                f"{method.upper()} {url} ({name}) shows team A's connection to an outsider")
            continue
        if response.status_code == 405:
            assert getattr(owner, method)(url).status_code == 405, (
                f"{method.upper()} {url} ({name}) gave the outsider 405 but takes {method.upper()} from the owner")
            continue
        assert response.status_code == 404, (
            f"{method.upper()} {url} ({name}) gave the outsider {response.status_code}, expected 404")
        assert TEAM_A_MARKER not in response.content.decode(errors="replace")


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
