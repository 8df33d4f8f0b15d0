"""Fixtures for the sandbox tests: a live sandbox on a loopback port and a small client.

The tests talk to the sandbox with plain ``requests`` over real HTTP, never through
the ``rocketnet`` client, so they check the sandbox's own reading of the spec.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

from sandbox.server import running_sandbox


def _load_testkit():
    """Import ``sandbox_testkit`` from beside this file, even when its folder is not on sys.path.

    Tools outside pytest (the API contract script) execute this conftest by file location.
    """
    loaded = sys.modules.get("sandbox_testkit")
    if loaded is not None:
        return loaded

    module_spec = importlib.util.spec_from_file_location("sandbox_testkit", Path(__file__).with_name("sandbox_testkit.py"))
    module = importlib.util.module_from_spec(module_spec)
    sys.modules["sandbox_testkit"] = module
    module_spec.loader.exec_module(module)
    return module


_testkit = _load_testkit()
# Re-exported for code that reads these names from this conftest.
AGENCY_ONE = _testkit.AGENCY_ONE
AGENCY_TWO = _testkit.AGENCY_TWO
TASK_SECONDS = _testkit.TASK_SECONDS
TIMEOUT = _testkit.TIMEOUT
Api = _testkit.Api


@pytest.fixture
def sandbox():
    with running_sandbox(seed=1, task_seconds=TASK_SECONDS) as running:
        yield running


@pytest.fixture
def api(sandbox):
    return Api(sandbox.url)


@pytest.fixture
def api_two(sandbox):
    return Api(sandbox.url, email=AGENCY_TWO)


@pytest.fixture
def anonymous(sandbox):
    return Api(sandbox.url, email=None)
