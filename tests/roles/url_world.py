"""Team A's objects behind every URL keyword of the project, for tests that walk all URL patterns.

project_patterns() lists the named URL patterns from Django's resolver; World.url() fills each
pattern's keywords with real objects of team A and fails the test, saying what to add, for a
keyword it does not know.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Membership, Role
from reporting import connection_reports, site_reports
from reporting.models import ReportSchedule
from sandbox.server import running_sandbox
from sites.bulk.models import BulkAction, BulkJob
from sites.models import Job, JobKind
from tests.conftest import SANDBOX_PASSWORD, SANDBOX_TASK_SECONDS, make_connection, make_user

# Public pages that take no team: the unsubscribe link in report emails and the invitation's
# set-password link work without a login, because their signed tokens say whom they are for.
SKIPPED_NAMES = {"healthz", "set_language", "accounts:login", "accounts:logout", "reporting:unsubscribe",
                 "accounts:invitation_accept"}
SKIPPED_NAMESPACES = ("admin:",)

SITE_ID = 1001
TEAM_A_MARKER = "Matrix Client A"


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

    # The value of `pk` depends on the URL name. Ids set to 1 name no real upstream object, which is
    # enough here because the tenant gate and the role check run before any upstream lookup.
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
            "invoice_id": 1,
            "payment_method_id": 1,
            "address_id": 1,
            "email_id": 1,
        }
        if kwarg == "pk":
            for prefix, value in (("accounts:connection_", self.connection.pk), ("reporting:", self.schedule.pk),
                                  ("sites:bulk:", self.bulk_job.pk), ("sites:job_", self.job.pk)):
                if name.startswith(prefix):
                    return value
        elif kwarg == "slug":
            for prefix, reports in (("reporting:site_report", site_reports.REPORTS),
                                    ("reporting:connection_report", connection_reports.REPORTS)):
                if name.startswith(prefix):
                    return reports[0].slug
        elif kwarg in values:
            return values[kwarg]
        pytest.fail(f"URL {name} takes the keyword {kwarg!r}, which the role matrix cannot fill. Add it to "
                    f"World.value_for in tests/roles/url_world.py, pointing at a real object of team A.")

    def url(self, name, route):
        kwargs = {kwarg: self.value_for(name, kwarg) for kwarg in route_kwargs(route)}
        return reverse(name, kwargs=kwargs)


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
