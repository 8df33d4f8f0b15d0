"""The rocketnet client and the sandbox agree with the spec on a representative set of calls.

Each call goes through a named client function to a live sandbox. The client's requests session
records every response, login included, and openapi-core validates each one against the spec.
The client and the sandbox are independent readings of the spec, so a mismatch on either side
fails here: the client raises, or a response does not match the spec.
"""

import re

import pytest
import requests

from rocketnet import Client, MemoryTokenStore, RetryPolicy
from rocketnet.services import (
    account,
    account_users,
    backups,
    billing,
    cdn_cache,
    domains,
    ftp_accounts,
    plugins,
    site_tasks,
    sites,
    ssh_keys,
    themes,
    visitors,
    wordpress,
)
from rocketnet.services.reporting import cdn, waf
from sandbox.state import DEFAULT_PASSWORD
from scripts.api_contract import validate_response
from scripts.api_spec import spec_operations

pytestmark = pytest.mark.contract

AGENCY_ONE = "agency-one@example.com"

# (label, expected operation, call). Each call takes the client and an existing site id.
CALLS = [
    ("get me", ("GET", "/v1/account/me"), lambda client, site: account.get_me(client)),
    ("list sites, two per page", ("GET", "/v1/sites"), lambda client, site: sites.list_sites(client, per_page=2)),
    ("get site", ("GET", "/v1/sites/{id}"), lambda client, site: sites.get_site(client, site)),
    ("update site", ("PATCH", "/v1/sites/{id}"),
     lambda client, site: sites.update_site(client, site, label="Contract label")),
    ("get settings", ("GET", "/v1/sites/{id}/settings"), lambda client, site: sites.get_settings(client, site)),
    ("list locations", ("GET", "/v1/sites/locations"), lambda client, site: sites.list_locations(client)),
    ("clone site", ("POST", "/v1/sites/{id}/clone"),
     lambda client, site: sites.clone_site(client, site, label="Contract copy")),
    ("list site tasks", ("GET", "/v1/sites/{id}/tasks"), lambda client, site: site_tasks.list_tasks(client, site)),
    ("list backups", ("GET", "/v1/sites/{id}/backup"), lambda client, site: backups.list_backups(client, site)),
    ("create backup", ("POST", "/v1/sites/{id}/backup"),
     lambda client, site: backups.create_backup(client, site, label="Contract", backup_directory=True,
                                                backup_database=True)),
    ("list domain aliases", ("GET", "/v1/sites/{id}/domains"),
     lambda client, site: domains.list_domain_aliases(client, site)),
    ("get main domain", ("GET", "/v1/sites/{id}/maindomain"),
     lambda client, site: domains.get_main_domain(client, site)),
    ("purge cache files", ("POST", "/v1/sites/{id}/cache/purge"),
     lambda client, site: cdn_cache.purge_cache(client, site, files=["https://example.com/"])),
    ("list plugins", ("GET", "/v1/sites/{id}/plugins"), lambda client, site: plugins.list_plugins(client, site)),
    ("list themes", ("GET", "/v1/sites/{id}/themes"), lambda client, site: themes.list_themes(client, site)),
    ("list ftp accounts", ("GET", "/v1/sites/{id}/ftp/accounts"),
     lambda client, site: ftp_accounts.list_ftp_accounts(client, site)),
    ("list ssh keys", ("GET", "/v1/sites/{id}/ssh/keys"), lambda client, site: ssh_keys.list_ssh_keys(client, site)),
    ("wordpress status", ("GET", "/v1/sites/{id}/wp/status"),
     lambda client, site: wordpress.get_wordpress_status(client, site)),
    ("cdn cache status report", ("GET", "/v1/reporting/sites/{id}/cdn/cache-status"),
     lambda client, site: cdn.get_cdn_cache_status_report(client, site, duration="24h")),
    ("waf event list", ("GET", "/v1/reporting/sites/{id}/waf/eventlist"),
     lambda client, site: waf.list_waf_events(client, site, duration="24h")),
    ("account visitors", ("GET", "/v1/account/visitors"),
     lambda client, site: visitors.get_account_visitors(client, date_from="2026-11-01", date_to="2026-11-30")),
    ("list invoices", ("GET", "/v1/billing/invoices"), lambda client, site: billing.list_invoices(client)),
    ("list products", ("GET", "/v1/billing/products"), lambda client, site: billing.list_products(client)),
    ("list account users", ("GET", "/v1/users"), lambda client, site: account_users.list_users(client)),
]


class RecordingSession(requests.Session):
    """A requests session that keeps every response it receives."""

    def __init__(self):
        super().__init__()
        self.responses = []
        self.hooks["response"].append(self._record)

    def _record(self, response, *args, **kwargs):
        self.responses.append(response)


def path_pattern(template):
    return re.compile("^" + re.sub(r"{\w+}", "[^/]+", template) + "$")


@pytest.fixture
def recording_client(sandbox):
    session = RecordingSession()
    client = Client(sandbox.url, AGENCY_ONE, DEFAULT_PASSWORD, token_store=MemoryTokenStore(), timeout=(2, 10),
                    retry=RetryPolicy(max_attempts=1), session=session)
    yield client, session
    client.close()


@pytest.mark.parametrize(("label", "operation", "call"), CALLS, ids=[label for label, _, _ in CALLS])
def test_client_call_matches_spec(label, operation, call, recording_client, site_id, validator):
    client, session = recording_client

    call(client, site_id)

    method, template = operation
    pattern = path_pattern(template)
    sent = [response for response in session.responses
            if response.request.method == method and pattern.match(requests.utils.urlparse(response.url).path)]
    assert sent, f"{label} sent no {method} {template}"
    for response in session.responses:
        assert response.status_code == 200, f"{response.request.method} {response.url}: {response.text[:300]}"
        validate_response(validator, response)


def test_recorded_calls_cover_categories(spec):
    """The representative set spans most of the spec's categories, not only sites."""
    categories = {item.category for item in spec_operations(spec) if item.key in {op for _, op, _ in CALLS}}

    assert len(categories) >= 12, sorted(categories)
