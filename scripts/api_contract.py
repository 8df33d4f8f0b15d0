"""Contract checks of the sandbox against the published Rocket.net OpenAPI spec.

The contract tests in ``tests/contract`` and the coverage command ``scripts.api_coverage`` share
this module. It runs the valid sample calls from ``tests/sandbox/contract_samples`` and the
rule-based invalid calls of ``scripts.api_invalid_calls`` against an in-process sandbox.
openapi-core validates each response against the response schema that the spec declares for
its status.
"""

from __future__ import annotations

import contextlib
import copy
import importlib
import sys
from dataclasses import dataclass
from typing import Any, Callable

import requests
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_schema_validator import OAS30Validator

from scripts.api_invalid_calls import REQUEST_TIMEOUT, USER_AGENT, InvalidCase, invalid_case_for, send_invalid_case
from scripts.api_spec import REPO_ROOT, SpecOperation, dereference, spec_operations

SANDBOX_TESTS_DIR = REPO_ROOT / "tests" / "sandbox"


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
    with sandbox_tests_importable():
        testkit = importlib.import_module("sandbox_testkit")
        samples_package = importlib.import_module("contract_samples")

    return SandboxSamples(samples_package.all_samples(), testkit.Api, testkit.TASK_SECONDS)


@contextlib.contextmanager
def sandbox_tests_importable():
    """Put ``tests/sandbox`` on sys.path while the block runs, as pytest does for that folder.

    The samples import ``sandbox_testkit`` from there, some of them only when a sample runs.
    """
    directory = str(SANDBOX_TESTS_DIR)
    added_path = directory not in sys.path
    if added_path:
        sys.path.insert(0, directory)
    try:
        yield
    finally:
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
