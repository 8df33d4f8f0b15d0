"""Property-based calls against the sandbox, generated from the spec by schemathesis.

Each operation gets a few generated requests (positive data only, derandomized so that a failure
repeats) sent with an agency token. Every response must not be a 5xx, must use a status code and
content type that the spec documents for the operation, and must match the response schema for
that status. The whole module stops generating after TIME_BUDGET_SECONDS; operations reached
after that skip with the reason.
"""

import json
import time

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

import sandbox.app  # noqa: F401  (importing the app registers every handler's route)
from sandbox.router import implemented_operations
from scripts.api_spec import SpecMissing, load_spec

pytestmark = pytest.mark.contract

MAX_EXAMPLES = 8
TIME_BUDGET_SECONDS = 180
CALL_TIMEOUT_SECONDS = 10
CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance)

# Operations where a generated request exposes a sandbox bug, with the request that shows it.
# Once the sandbox is fixed, the strict xfail fails until the entry is removed.
KNOWN_SANDBOX_BUGS: dict[tuple[str, str], str] = {}


def load_schema():
    try:
        raw = load_spec()
    except SpecMissing:
        return None
    # The base URL is the running sandbox's, passed to each call; this one is never contacted.
    return schemathesis.from_dict(raw, base_url="http://127.0.0.1:9")


SCHEMA = load_schema()


@pytest.fixture(scope="module")
def deadline():
    return time.monotonic() + TIME_BUDGET_SECONDS


def operation_key(item):
    """Return (METHOD, path) from a schemathesis test name such as "test_generated_calls[GET /v1/sites]"."""
    method, _, path = item.name.split("[", 1)[1].rstrip("]").partition(" ")
    return (method.upper(), path)


@pytest.fixture
def operation_guard(request, deadline):
    """Skip unimplemented operations and any operation reached after the time budget is spent."""
    key = operation_key(request.node)
    if key not in set(implemented_operations()):
        pytest.skip("the sandbox does not implement this operation; test_error_contract reports it")
    if time.monotonic() > deadline:
        pytest.skip(f"the {TIME_BUDGET_SECONDS} s budget of this module is spent")

    reason = KNOWN_SANDBOX_BUGS.get(key)
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))

if SCHEMA is None:

    def test_generated_calls(spec):
        """Skips (fails under CI=true) through the `spec` fixture: the spec is missing."""

else:

    @SCHEMA.parametrize()
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def test_generated_calls(case, sandbox, token, operation_guard):
        response = case.call(base_url=sandbox.url, headers={"Authorization": f"Bearer {token}"},
                             timeout=CALL_TIMEOUT_SECONDS)

        case.validate_response(response, checks=CHECKS)


@pytest.mark.parametrize(("fault", "status"), [("server_error;status=503", 503), ("rate_limit;retry_after=1", 429)])
def test_checks_reject_off_spec_status(spec, fault, status, sandbox, token):
    """The checks fail on a 5xx and on a status the spec does not list, forced with a sandbox fault."""
    case = SCHEMA["/v1/sites"]["GET"].make_case()

    response = case.call(base_url=sandbox.url, timeout=CALL_TIMEOUT_SECONDS,
                         headers={"Authorization": f"Bearer {token}", "X-Sandbox-Fault": fault})

    assert response.status_code == status
    with pytest.raises(AssertionError):
        case.validate_response(response, checks=CHECKS)


def test_checks_reject_off_spec_body(spec, sandbox, token, site_id):
    case = SCHEMA["/v1/sites/{id}"]["GET"].make_case(path_parameters={"id": site_id})
    response = case.call(base_url=sandbox.url, headers={"Authorization": f"Bearer {token}"},
                         timeout=CALL_TIMEOUT_SECONDS)
    body = response.json()
    body["result"]["status"] = "provisioning"
    response._content = json.dumps(body).encode()

    with pytest.raises(AssertionError, match="provisioning"):
        case.validate_response(response, checks=CHECKS)
