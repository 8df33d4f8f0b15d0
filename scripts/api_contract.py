"""Contract checks of the sandbox against the published Rocket.net OpenAPI spec.

The contract tests in ``tests/contract`` and the coverage command ``scripts.api_coverage`` share
this module. It reads the spec, picks one representative invalid call per operation by rule
(see ``invalid_case_for``), and runs the valid sample calls from ``tests/sandbox/contract_samples``
and those invalid calls against an in-process sandbox. openapi-core validates each response
against the response schema that the spec declares for its status.
"""

from __future__ import annotations

import contextlib
import copy
import importlib.util
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import requests
import yaml
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_schema_validator import OAS30Validator

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPEC_PATH = REPO_ROOT.parent / "shared" / "reference" / "rocket-openapi.yaml"
SPEC_PATH_VARIABLE = "ROCKETNET_SPEC"
SANDBOX_TESTS_DIR = REPO_ROOT / "tests" / "sandbox"

HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head")
REQUEST_TIMEOUT = (2, 10)
USER_AGENT = "rocketdash-contract-checks/1"

# Ids that no seeded sandbox account owns. The site id is far above the seeded ids.
UNKNOWN_SITE_ID = 987654321
UNKNOWN_INTEGER_ID = 987654321
UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000"
UNKNOWN_STRING_ID = "does-not-exist"
MALFORMED_INTEGER_ID = "not-a-number"

# Operations that act for a site user, who logs in with POST /v1/sites/users/login. The agency
# token these checks hold is the wrong kind of caller there, so their invalid call leaves the
# token out instead of naming an unknown id.
SITE_USER_OPERATIONS = frozenset({
    ("GET", "/v1/sites/users"),
    ("POST", "/v1/sites/{id}/users/accept"),
})


class SpecMissing(Exception):
    """The spec file does not exist at the configured path."""


def spec_path() -> Path:
    """Return the spec's path: $ROCKETNET_SPEC when set, else shared/reference beside the repository."""
    configured = os.environ.get(SPEC_PATH_VARIABLE)
    return Path(configured) if configured else DEFAULT_SPEC_PATH


def load_spec() -> dict:
    """Parse the spec, or raise SpecMissing naming the path that was tried."""
    path = spec_path()
    if not path.is_file():
        raise SpecMissing(f"Rocket.net OpenAPI spec not found at {path}; set {SPEC_PATH_VARIABLE} to its path")

    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


# -- the spec's operations ---------------------------------------------------------------------


@dataclass(frozen=True)
class SpecOperation:
    method: str
    path: str
    category: str
    definition: dict = field(compare=False, repr=False)
    parameters: tuple = field(compare=False, repr=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.path)

    @property
    def statuses(self) -> set[int]:
        return {int(code) for code in self.definition.get("responses", {}) if code.isdigit()}

    @property
    def secured(self) -> bool:
        return bool(self.definition.get("security"))

    def path_parameters(self) -> list[dict]:
        return [parameter for parameter in self.parameters if parameter["in"] == "path"]

    def required_query_parameters(self) -> list[dict]:
        return [parameter for parameter in self.parameters
                if parameter["in"] == "query" and parameter.get("required")]

    @property
    def body_schema(self) -> dict | None:
        content = self.definition.get("requestBody", {}).get("content", {})
        return content.get("application/json", {}).get("schema")

    @property
    def body_required(self) -> bool:
        return bool(self.definition.get("requestBody", {}).get("required"))


def category_order(spec: dict) -> list[str]:
    """Return the category names in the order of the spec's top-level ``tags`` list."""
    return [tag["name"] for tag in spec.get("tags", [])]


def spec_operations(spec: dict) -> list[SpecOperation]:
    """Return every operation of the spec, sorted by category (spec tag order), path and method."""
    order = {name: index for index, name in enumerate(category_order(spec))}
    found = []
    for path, item in spec["paths"].items():
        shared_parameters = item.get("parameters", [])
        for method, definition in item.items():
            if method not in HTTP_METHODS:
                continue
            parameters = tuple(resolve(spec, parameter)
                               for parameter in [*shared_parameters, *definition.get("parameters", [])])
            category = (definition.get("tags") or ["Untagged"])[0]
            found.append(SpecOperation(method.upper(), path, category, definition, parameters))

    return sorted(found, key=lambda item: (order.get(item.category, len(order)), item.path, item.method))


def resolve(spec: dict, node: Any) -> Any:
    """Follow local ``$ref`` pointers (``#/components/...``) until a plain node remains."""
    while isinstance(node, dict) and "$ref" in node:
        target = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


# -- sample values from schemas ----------------------------------------------------------------


def example_value(spec: dict, schema: Any) -> Any:
    """Return a small value that the schema accepts: its example, enum, default or a typed stand-in."""
    schema = resolve(spec, schema) or {}

    if "allOf" in schema:
        return minimal_object(spec, schema)
    for choice in ("oneOf", "anyOf"):
        if schema.get(choice):
            return example_value(spec, schema[choice][0])
    if "example" in schema:
        return schema["example"]
    if schema.get("enum"):
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]

    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return minimal_object(spec, schema)
    if kind == "array":
        return [example_value(spec, schema.get("items", {}))]
    if kind == "integer":
        return max(1, int(schema.get("minimum", 1)))
    if kind == "number":
        return max(1.0, float(schema.get("minimum", 1)))
    if kind == "boolean":
        return True
    return _string_for_format(schema.get("format"))


def minimal_object(spec: dict, schema: dict) -> dict:
    """Return an object holding only the required properties of ``schema`` (allOf parts merged)."""
    properties, required = _merged_properties(spec, schema)
    return {name: example_value(spec, properties.get(name, {})) for name in required}


def _merged_properties(spec: dict, schema: dict) -> tuple[dict, list[str]]:
    schema = resolve(spec, schema) or {}
    properties = dict(schema.get("properties", {}))
    required = list(schema.get("required", []))
    for part in schema.get("allOf", []):
        part_properties, part_required = _merged_properties(spec, part)
        properties.update(part_properties)
        required.extend(name for name in part_required if name not in required)
    return properties, required


def _string_for_format(string_format: str | None) -> str:
    return {
        "uuid": UNKNOWN_UUID,
        "date": "2026-01-01",
        "date-time": "2026-01-01T00:00:00Z",
        "email": "contract@example.com",
        "uri": "https://contract.example.com/",
    }.get(string_format, "contract")


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


# -- invalid calls -----------------------------------------------------------------------------

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
    path_parameters = operation.path_parameters()
    names = [parameter["name"] for parameter in path_parameters]
    other_ids = [parameter for parameter in path_parameters if parameter["name"] != "id"]

    base_values = {parameter["name"]: unknown_id(spec, parameter) for parameter in path_parameters}
    if "id" in names:
        base_values["id"] = EXISTING_SITE
    query = {parameter["name"]: example_value(spec, parameter.get("schema"))
             for parameter in operation.required_query_parameters()}
    body = _valid_body(spec, operation)

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

    path_values = {parameter["name"]: unknown_id(spec, parameter) for parameter in operation.path_parameters()}
    if "id" in path_values:
        path_values["id"] = EXISTING_SITE
    query = {parameter["name"]: example_value(spec, parameter.get("schema"))
             for parameter in operation.required_query_parameters()}
    return InvalidCase("no bearer token", 401, path_values, query, _valid_body(spec, operation), send_token=False)


def _valid_body(spec: dict, operation: SpecOperation) -> Any:
    if operation.body_schema is None or operation.method in ("GET", "HEAD"):
        return NO_BODY
    return example_value(spec, operation.body_schema)


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


# -- validation --------------------------------------------------------------------------------


def make_validator(spec: dict, base_url: str) -> OpenAPI:
    """Return an openapi-core validator of ``spec`` served at ``base_url``. Building one takes seconds."""
    served = copy.deepcopy(spec)
    served["servers"] = [{"url": base_url}]
    return OpenAPI.from_dict(served)


def validate_response(validator: OpenAPI, response: requests.Response) -> None:
    """Raise openapi-core's error when the response's status or body does not match the spec."""
    validator.validate_response(RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response))


def describe_validation_error(error: Exception) -> str:
    cause = error.__cause__
    if cause is not None and getattr(cause, "schema_errors", None):
        return "; ".join(schema_error.message[:200] for schema_error in cause.schema_errors)
    return f"{type(error).__name__}: {str(cause or error)[:200]}"


def dereference(spec: dict, node: Any) -> Any:
    """Return ``node`` with every local ``$ref`` replaced by its target. The spec's Error schema has no cycles."""
    node = resolve(spec, node)
    if isinstance(node, dict):
        return {key: dereference(spec, value) for key, value in node.items()}
    if isinstance(node, list):
        return [dereference(spec, value) for value in node]
    return node


def error_schema_problems(spec: dict, body: Any) -> list[str]:
    """Return the messages of every way ``body`` breaks the spec's ``Error`` schema."""
    schema = dereference(spec, spec["components"]["schemas"]["Error"])
    return [error.message for error in OAS30Validator(schema).iter_errors(body)]


def error_envelope_problems(spec: dict, response: requests.Response) -> list[str]:
    """Return what is wrong with ``response`` as an error envelope; an empty list means nothing."""
    try:
        body = response.json()
    except ValueError:
        return ["body is not JSON"]

    if not isinstance(body, dict):
        return [f"body is a JSON {type(body).__name__}, not an object"]

    problems = [f"body does not match the Error schema: {message}" for message in error_schema_problems(spec, body)]
    if body.get("success") is not False:
        problems.append(f"success is {body.get('success')!r}, expected false")
    for name in ("errors", "messages"):
        if not isinstance(body.get(name), list):
            problems.append(f"{name} is missing or not a list")
    if not (body.get("errors") or body.get("messages")):
        problems.append("errors and messages are both empty, so nothing explains the error")
    return problems


# -- the valid samples of the sandbox tests ----------------------------------------------------


@dataclass
class SandboxSamples:
    samples: dict[tuple[str, str], Callable]
    api_class: type
    task_seconds: float


def load_sandbox_samples() -> SandboxSamples:
    """Import the valid sample calls and the ``Api`` session class of ``tests/sandbox``."""
    sandbox_conftest = _sandbox_conftest_module()
    samples_package = sys.modules.get("contract_samples")
    if samples_package is None:
        with sandbox_tests_importable():
            samples_package = importlib.import_module("contract_samples")

    return SandboxSamples(samples_package.all_samples(), sandbox_conftest.Api, sandbox_conftest.TASK_SECONDS)


_SANDBOX_CONFTEST_NAME = "rocketdash_sandbox_test_conftest"


def _sandbox_conftest_module():
    loaded = sys.modules.get(_SANDBOX_CONFTEST_NAME)
    if loaded is not None:
        return loaded

    location = SANDBOX_TESTS_DIR / "conftest.py"
    module_spec = importlib.util.spec_from_file_location(_SANDBOX_CONFTEST_NAME, location)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    sys.modules[_SANDBOX_CONFTEST_NAME] = module
    return module


@contextlib.contextmanager
def sandbox_tests_importable():
    """Make ``import contract_samples`` and ``from conftest import ...`` resolve as in tests/sandbox.

    The samples import names from ``conftest``, some of them only when a sample runs. Pytest imports
    each directory's conftest.py as the module ``conftest`` in turn, so this binds that name to the
    sandbox tests' file while the block runs and then restores whatever was there before.
    """
    directory = str(SANDBOX_TESTS_DIR)
    added_path = directory not in sys.path
    if added_path:
        sys.path.insert(0, directory)
    previous = sys.modules.get("conftest")
    sys.modules["conftest"] = _sandbox_conftest_module()
    try:
        yield
    finally:
        if previous is None:
            sys.modules.pop("conftest", None)
        else:
            sys.modules["conftest"] = previous
        if added_path:
            sys.path.remove(directory)


# -- running every check -----------------------------------------------------------------------

PASS = "pass"
FAIL = "fail"
MISSING = "missing"


@dataclass(frozen=True)
class CheckOutcome:
    result: str
    detail: str = ""


@dataclass(frozen=True)
class OperationChecks:
    valid: CheckOutcome
    invalid: CheckOutcome
    invalid_rule: str

    @property
    def passed(self) -> bool:
        return self.valid.result == PASS and self.invalid.result == PASS


def first_site_id(base_url: str, token: str) -> int:
    """Return the id of the first site that the token's account owns."""
    response = requests.get(f"{base_url}/v1/sites", params={"per_page": 1},
                            headers={"Authorization": f"Bearer {token}", "User-Agent": USER_AGENT},
                            timeout=REQUEST_TIMEOUT)
    response.raise_for_status()
    return response.json()["result"][0]["id"]


def check_invalid_case(spec: dict, validator: OpenAPI, operation: SpecOperation, case: InvalidCase | None,
                       implemented: bool, send: Callable[[], requests.Response]) -> CheckOutcome:
    """Send the invalid call and return whether the response is the documented error envelope."""
    if case is None:
        return CheckOutcome(FAIL, "no rule picks an invalid call for this operation")
    if not implemented:
        return CheckOutcome(FAIL, "the sandbox does not implement this operation")

    response = send()
    problems = []
    if response.status_code != case.expected_status:
        problems.append(f"status {response.status_code}, expected {case.expected_status} ({case.rule})")
    problems.extend(error_envelope_problems(spec, response))
    if response.status_code in operation.statuses:
        try:
            validate_response(validator, response)
        except Exception as error:  # openapi-core raises several unrelated types
            problems.append("body does not match the spec: " + describe_validation_error(error))
    else:
        problems.append(f"status {response.status_code} is not listed in the spec")

    return CheckOutcome(FAIL, "; ".join(problems)) if problems else CheckOutcome(PASS)


def check_valid_sample(validator: OpenAPI, sample: Callable | None, api: Any) -> CheckOutcome:
    """Run the valid sample call and check that it returns 200 with a body that matches the spec."""
    if sample is None:
        return CheckOutcome(MISSING, "no valid sample call in tests/sandbox/contract_samples")

    try:
        response = sample(api)
    except Exception as error:  # a sample's own setup steps may fail in any way
        return CheckOutcome(FAIL, f"the sample call raised {type(error).__name__}: {str(error)[:200]}")

    if response.status_code != 200:
        return CheckOutcome(FAIL, f"status {response.status_code}, expected 200: {response.text[:200]}")
    try:
        validate_response(validator, response)
    except Exception as error:  # openapi-core raises several unrelated types
        return CheckOutcome(FAIL, "body does not match the spec: " + describe_validation_error(error))
    return CheckOutcome(PASS)


def run_contract_checks(spec: dict) -> dict[tuple[str, str], OperationChecks]:
    """Start a sandbox in this process and run the valid and the invalid check of every operation.

    The sandbox state is reset before each call, so one check cannot break the next.
    """
    import sandbox.app  # noqa: F401  (importing the app registers every handler's route)
    from sandbox.router import implemented_operations
    from sandbox.server import running_sandbox

    loaded = load_sandbox_samples()
    implemented = set(implemented_operations())
    results = {}

    with running_sandbox(seed=1, task_seconds=loaded.task_seconds) as sandbox, sandbox_tests_importable():
        validator = make_validator(spec, sandbox.url)
        for operation in spec_operations(spec):
            case = invalid_case_for(spec, operation)

            sandbox.state.reset()
            api = loaded.api_class(sandbox.url)
            token = api.session.headers["Authorization"].removeprefix("Bearer ")
            site_id = first_site_id(sandbox.url, token)
            invalid = check_invalid_case(
                spec, validator, operation, case, operation.key in implemented,
                lambda: send_invalid_case(sandbox.url, token, site_id, operation, case),
            )

            sandbox.state.reset()
            valid = check_valid_sample(validator, loaded.samples.get(operation.key), loaded.api_class(sandbox.url))

            results[operation.key] = OperationChecks(valid, invalid, case.rule if case else "")

    return results


def dump_case(case: InvalidCase) -> str:
    """Return a short, stable description of an invalid case, for test ids and reports."""
    body = "no body" if case.body is NO_BODY else f"body {json.dumps(case.body, sort_keys=True)[:60]}"
    token = "token" if case.send_token else "no token"
    return f"{case.rule} -> {case.expected_status} ({token}, {body})"
