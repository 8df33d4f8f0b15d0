"""Fixtures for the contract tests: the published spec, one sandbox per module and its validator.

The spec lives outside the repository (``shared/reference`` beside it, or ``$ROCKETNET_SPEC``).
Without it these tests skip, except under CI (``CI=true``), where a missing spec is a failure.
"""

import os

import pytest
import requests

from scripts.api_contract import first_site_id, load_sandbox_samples, make_validator
from scripts.api_spec import SpecMissing, load_spec, spec_operations
from sandbox.server import running_sandbox
from sandbox.state import DEFAULT_PASSWORD

AGENCY_ONE = "agency-one@example.com"
LOGIN_TIMEOUT = (2, 10)


def spec_or_skip():
    """Return the parsed spec, or skip (fail under CI=true) with the path that was tried."""
    try:
        return load_spec()
    except SpecMissing as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{error} (required when CI=true)")
        pytest.skip(str(error))


def pytest_generate_tests(metafunc):
    """Parametrize ``spec_operation`` with every operation of the spec, ids "METHOD path"."""
    if "spec_operation" not in metafunc.fixturenames:
        return

    try:
        operations = spec_operations(load_spec())
    except SpecMissing:
        # One placeholder case, whose `spec` fixture then skips or fails with the reason.
        metafunc.parametrize("spec_operation", [None], ids=["spec-missing"])
        return

    metafunc.parametrize("spec_operation", operations, ids=[f"{item.method} {item.path}" for item in operations])


@pytest.fixture(scope="session")
def spec():
    return spec_or_skip()


@pytest.fixture(scope="module")
def shared_sandbox():
    # One server per module: building an openapi-core validator for a new URL takes seconds.
    with running_sandbox(seed=1, task_seconds=load_sandbox_samples().task_seconds) as running:
        yield running


@pytest.fixture
def sandbox(shared_sandbox):
    shared_sandbox.state.reset()
    return shared_sandbox


@pytest.fixture(scope="module")
def validator(spec, shared_sandbox):
    return make_validator(spec, shared_sandbox.url)


def login(base_url, email=AGENCY_ONE, password=DEFAULT_PASSWORD):
    response = requests.post(f"{base_url}/v1/login", json={"username": email, "password": password},
                             timeout=LOGIN_TIMEOUT)
    response.raise_for_status()
    return response.json()["token"]


@pytest.fixture
def token(sandbox):
    """A fresh agency-one token for the reset sandbox."""
    return login(sandbox.url)


@pytest.fixture
def site_id(sandbox, token):
    """The id of the first site that agency one owns."""
    return first_site_id(sandbox.url, token)
