"""Load the published Rocket.net OpenAPI spec for the contract tests.

The spec lives outside the repository, beside it in ``shared/reference``. Without it the
contract tests skip, except under CI (``CI=true``), where a missing spec is a failure.
"""

import os
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT.parent / "shared" / "reference" / "rocket-openapi.yaml"


def load_spec():
    if not SPEC_PATH.is_file():
        reason = f"Rocket.net OpenAPI spec not found at {SPEC_PATH}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (required when CI=true)")
        pytest.skip(reason)

    with SPEC_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def spec_operations(spec):
    methods = {"get", "post", "put", "patch", "delete"}
    return {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in methods
    }
