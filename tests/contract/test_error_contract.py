"""Every operation rejects a representative invalid call with the spec's error envelope.

``scripts.api_invalid_calls.invalid_case_for`` picks the call by rule (unknown id -> 404, malformed id,
missing body or missing required query -> 400, no token -> 401). The valid calls live in
tests/sandbox/test_sandbox_contract.py; this file adds the invalid side for all 198 operations.
"""

import pytest
from openapi_core.contrib.requests import RequestsOpenAPIRequest

import sandbox.app  # noqa: F401  (importing the app registers every handler's route)
from sandbox.router import implemented_operations
from scripts.api_contract import error_schema_problems, validate_response
from scripts.api_invalid_calls import (
    EXISTING_SITE,
    NO_BODY,
    UNKNOWN_SITE_ID,
    invalid_case_for,
    missing_token_case_for,
    send_invalid_case,
)
from scripts.api_spec import spec_operations

pytestmark = pytest.mark.contract

# Operations where the sandbox responds to the invalid call differently from the spec. Each entry
# is a sandbox bug. Once it is fixed, the strict xfail fails until the entry is removed.
KNOWN_SANDBOX_BUGS: dict[tuple[str, str], str] = {}

# The same for the call without a bearer token.
KNOWN_MISSING_TOKEN_BUGS: dict[tuple[str, str], str] = {}

# Rules whose call is valid by the spec's request schema: only the sandbox's data rejects it.
SCHEMA_VALID_RULES = ("unknown ",)


def operation_by_key(spec, method, path):
    return next(item for item in spec_operations(spec) if item.key == (method, path))


@pytest.fixture
def known_bug(request, spec_operation):
    reason = KNOWN_SANDBOX_BUGS.get(spec_operation.key) if spec_operation else None
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))


def test_invalid_call_returns_error_envelope(spec_operation, spec, sandbox, token, site_id, validator, known_bug):
    case = invalid_case_for(spec, spec_operation)
    assert case is not None, "no rule picks an invalid call for this operation"
    if spec_operation.key not in set(implemented_operations()):
        pytest.fail("the sandbox does not implement this operation", pytrace=False)

    response = send_invalid_case(sandbox.url, token, site_id, spec_operation, case)
    body = response.json()

    assert response.status_code == case.expected_status, f"{case.rule}: {response.text[:300]}"
    assert response.status_code in spec_operation.statuses
    assert body["success"] is False
    assert isinstance(body["errors"], list)
    assert isinstance(body["messages"], list)
    assert body["errors"] or body["messages"], "no message explains the error"
    assert error_schema_problems(spec, body) == []
    validate_response(validator, response)


def test_missing_token_returns_401(spec_operation, spec, sandbox, token, site_id, validator, request):
    """Every secured operation that lists 401 returns it to an otherwise valid call without a token."""
    case = missing_token_case_for(spec, spec_operation)
    if case is None:
        pytest.skip("the operation declares no bearer security or does not list 401")
    if spec_operation.key in KNOWN_MISSING_TOKEN_BUGS:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_MISSING_TOKEN_BUGS[spec_operation.key], strict=True))

    response = send_invalid_case(sandbox.url, token, site_id, spec_operation, case)
    body = response.json()

    assert response.status_code == 401, response.text[:300]
    assert body["success"] is False
    assert error_schema_problems(spec, body) == []
    validate_response(validator, response)


def test_invalid_call_has_one_flaw(spec_operation, spec, validator):
    """The request is valid by the spec's request schema exactly when the rule is an unknown id."""
    case = invalid_case_for(spec, spec_operation)
    prepared = _prepared_request(spec_operation, case, validator)

    errors = validator.unmarshal_request(RequestsOpenAPIRequest(prepared)).errors

    if case.rule.startswith(SCHEMA_VALID_RULES):
        assert errors == []
    else:
        assert errors != []


def _prepared_request(operation, case, validator):
    import requests

    base_url = validator.spec["servers"][0]["url"]
    headers = {"Authorization": "Bearer header.payload.signature"} if case.send_token else {}
    options = {"params": case.query, "headers": headers}
    if case.body is not NO_BODY:
        options["json"] = case.body
    return requests.Request(operation.method, base_url + case.url_path(operation, 1001), **options).prepare()


def test_rules_cover_every_operation(spec):
    uncovered = []
    undocumented = []
    for operation in spec_operations(spec):
        case = invalid_case_for(spec, operation)
        if case is None:
            uncovered.append(operation.key)
        elif case.expected_status not in operation.statuses:
            undocumented.append((operation.key, case.expected_status))

    assert uncovered == []
    assert undocumented == []


@pytest.mark.parametrize(("method", "path", "rule", "status"), [
    ("GET", "/v1/sites/{id}", "unknown site id", 404),
    ("DELETE", "/v1/sites/{id}/backup/{backup_id}", "unknown site id", 404),
    ("GET", "/v1/users/{user_id}", "unknown user_id", 404),
    ("GET", "/v1/billing/addresses/{address_id}", "malformed address_id", 400),
    ("POST", "/v1/sites", "missing request body", 400),
    ("POST", "/v1/login", "missing request body", 400),
    ("GET", "/v1/account/visitors", "missing query date_from, date_to", 400),
    ("GET", "/v1/sites", "no bearer token", 401),
    ("GET", "/v1/sites/users", "no bearer token", 401),
])
def test_rule_choice(spec, method, path, rule, status):
    case = invalid_case_for(spec, operation_by_key(spec, method, path))

    assert case.rule == rule
    assert case.expected_status == status


def test_unknown_site_case_keeps_rest_valid(spec):
    operation = operation_by_key(spec, "GET", "/v1/reporting/sites/{id}/waf/eventlist")

    case = invalid_case_for(spec, operation)

    assert case.path_values["id"] == UNKNOWN_SITE_ID
    assert case.query["duration"] in ("30m", "1h", "6h", "12h", "24h", "72h", "7d", "30d")
    assert case.send_token


def test_unknown_other_id_uses_existing_site(spec):
    operation = operation_by_key(spec, "POST", "/v1/sites/templates/{template_id}/sites")

    case = invalid_case_for(spec, operation)

    assert "id" not in case.path_values
    assert case.url_path(operation, 1001).startswith("/v1/sites/templates/")
    assert case.body["name"]
    assert EXISTING_SITE not in case.path_values.values()
