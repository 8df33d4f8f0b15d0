"""One representative invalid call per operation, chosen by rule from the spec.

``invalid_case_for`` picks the call; ``send_invalid_case`` sends it to a running sandbox.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import requests

from scripts.api_spec import UNKNOWN_UUID, SpecOperation, example_value, resolve

REQUEST_TIMEOUT = (2, 10)
USER_AGENT = "rocketdash-contract-checks/1"

# Ids that no seeded sandbox account owns. The site id is far above the seeded ids.
UNKNOWN_SITE_ID = 987654321
UNKNOWN_INTEGER_ID = 987654321
UNKNOWN_STRING_ID = "does-not-exist"
MALFORMED_INTEGER_ID = "not-a-number"

# Operations that act for a site user, who logs in with POST /v1/sites/users/login. The agency
# token these checks hold is the wrong kind of caller there, so their invalid call leaves the
# token out instead of naming an unknown id.
SITE_USER_OPERATIONS = frozenset({
    ("GET", "/v1/sites/users"),
    ("POST", "/v1/sites/{id}/users/accept"),
})


def unknown_id(spec: dict, parameter: dict) -> Any:
    """Return a well-formed id for ``parameter`` that the sandbox has never issued."""
    schema = resolve(spec, parameter.get("schema")) or {}
    if parameter["name"] == "id":
        return UNKNOWN_SITE_ID
    if schema.get("type") == "integer":
        return UNKNOWN_INTEGER_ID
    if schema.get("format") == "uuid":
        return UNKNOWN_UUID
    return UNKNOWN_STRING_ID


# A path value to replace with a site the logged-in account owns, known only once a sandbox runs.
EXISTING_SITE = object()
# A request body left out entirely, as opposed to an empty JSON object.
NO_BODY = object()


@dataclass(frozen=True)
class InvalidCase:
    """One representative invalid call and the error status the spec documents for it."""

    rule: str
    expected_status: int
    path_values: dict
    query: dict
    body: Any = NO_BODY
    send_token: bool = True

    def url_path(self, operation: SpecOperation, site_id: int) -> str:
        values = {name: site_id if value is EXISTING_SITE else value for name, value in self.path_values.items()}
        return re.sub(r"{(\w+)}", lambda match: str(values[match.group(1)]), operation.path)


def invalid_case_for(spec: dict, operation: SpecOperation) -> InvalidCase | None:
    """Choose the invalid call for ``operation`` by the first rule whose error status the spec lists.

    1. A path with a site ``{id}`` and 404 listed: a site id that does not exist -> 404.
    2. Other path ids and 404 listed: an existing site, an unknown other id -> 404.
    3. An integer path id without 404 but with 400 listed: a malformed id -> 400.
    4. A required request body and 400 listed: leave the body out -> 400.
    5. Required query parameters and 400 listed: leave them out -> 400.
    6. A secured operation with 401 listed: no bearer token -> 401.

    Operations in SITE_USER_OPERATIONS skip to rule 6.

    Every other part of the call is valid (required query values and a body with the schema's
    required fields), so the one flaw is the only reason to reject it. Returns None when no rule fits.
    """
    statuses = operation.statuses
    names = [parameter["name"] for parameter in operation.path_parameters()]
    other_ids = [parameter for parameter in operation.path_parameters() if parameter["name"] != "id"]
    base_values, query, body = _valid_parts(spec, operation)

    def case(rule, status, path_values=None, query_values=None, body_value=body, send_token=True):
        return InvalidCase(rule, status, path_values if path_values is not None else dict(base_values),
                           query_values if query_values is not None else dict(query), body_value, send_token)

    if operation.key in SITE_USER_OPERATIONS and 401 in statuses:
        return case("no bearer token", 401, send_token=False)

    if "id" in names and 404 in statuses:
        return case("unknown site id", 404, {**base_values, "id": UNKNOWN_SITE_ID})

    if other_ids and 404 in statuses:
        return case(f"unknown {other_ids[0]['name']}", 404)

    integer_ids = [parameter["name"] for parameter in other_ids
                   if (resolve(spec, parameter.get("schema")) or {}).get("type") == "integer"]
    if integer_ids and 400 in statuses:
        return case(f"malformed {integer_ids[0]}", 400, {**base_values, integer_ids[0]: MALFORMED_INTEGER_ID})

    if operation.body_required and 400 in statuses:
        return case("missing request body", 400, body_value=NO_BODY)

    if query and 400 in statuses:
        return case(f"missing query {', '.join(sorted(query))}", 400, query_values={})

    if operation.secured and 401 in statuses:
        return case("no bearer token", 401, send_token=False)

    return None


def missing_token_case_for(spec: dict, operation: SpecOperation) -> InvalidCase | None:
    """Return a call that is valid except for its missing bearer token, or None for open operations.

    Only operations that declare security and list 401 get one. The path names a site the caller
    owns and unknown other ids, so the token check must come first for the call to get 401.
    """
    if not operation.secured or 401 not in operation.statuses:
        return None

    path_values, query, body = _valid_parts(spec, operation)
    return InvalidCase("no bearer token", 401, path_values, query, body, send_token=False)


def _valid_parts(spec: dict, operation: SpecOperation) -> tuple[dict, dict, Any]:
    """Return path values (an existing site, unknown other ids), required query values and a body."""
    path_values = {parameter["name"]: unknown_id(spec, parameter) for parameter in operation.path_parameters()}
    if "id" in path_values:
        path_values["id"] = EXISTING_SITE

    query = {parameter["name"]: example_value(spec, parameter.get("schema"))
             for parameter in operation.required_query_parameters()}

    body = NO_BODY
    if operation.body_schema is not None and operation.method not in ("GET", "HEAD"):
        body = example_value(spec, operation.body_schema)
    return path_values, query, body


def send_invalid_case(base_url: str, token: str, site_id: int, operation: SpecOperation,
                      case: InvalidCase) -> requests.Response:
    """Send ``case`` over HTTP with ``token`` (unless the case leaves it out) and return the response."""
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    if case.send_token:
        headers["Authorization"] = f"Bearer {token}"

    options = {"params": case.query, "headers": headers, "timeout": REQUEST_TIMEOUT}
    if case.body is not NO_BODY:
        options["json"] = case.body

    return requests.request(operation.method, base_url + case.url_path(operation, site_id), **options)
