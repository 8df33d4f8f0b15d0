"""Validate the sandbox's responses against the response schemas of the published spec.

Every implemented ``/v1`` operation has one sample call below. Each call runs against
a freshly reset sandbox, and openapi-core checks its status code and body.
"""

import copy

import pytest
import requests
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_core.validation.response.exceptions import InvalidData
from contract_samples import all_samples
from contract_samples.helpers import finished_backup, first_site, running_clone
from spec_support import load_spec, spec_operations

from sandbox_testkit import TASK_SECONDS
from sandbox.router import implemented_operations
from sandbox.server import running_sandbox

pytestmark = pytest.mark.contract

SAMPLES = all_samples()

# Error responses use the spec's Error schema. Each status the sandbox sends has a sample.
ERROR_SAMPLES = {
    "400 validation": lambda api: api.post("/v1/sites", json={"name": "only"}),
    "401 no token": lambda api: requests.get(f"{api.base_url}/v1/sites", timeout=5),
    "404 site": lambda api: api.get("/v1/sites/99999"),
    "403 backup token": lambda api: api.get(
        finished_backup(api, first_site(api))["download_link"].split("?")[0].split(api.base_url, 1)[1],
        params={"token": "not-the-token"}),
    "400 locked": lambda api: (running_clone(api, first_site(api)),
                               api.patch(f"/v1/sites/{first_site(api)}", json={"label": "x"}))[1],
}


@pytest.fixture(scope="module")
def spec():
    return load_spec()


@pytest.fixture(scope="module")
def shared_sandbox():
    # One server per module, because building the validator for a new URL takes seconds.
    with running_sandbox(seed=1, task_seconds=TASK_SECONDS) as running:
        yield running


@pytest.fixture
def sandbox(shared_sandbox):
    shared_sandbox.state.reset()
    return shared_sandbox


@pytest.fixture(scope="module")
def validator(spec, shared_sandbox):
    served = copy.deepcopy(spec)
    served["servers"] = [{"url": shared_sandbox.url}]
    return OpenAPI.from_dict(served)


def validate(validator, response):
    validator.validate_response(RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response))


@pytest.mark.parametrize("operation", sorted(SAMPLES), ids=" ".join)
def test_response_matches_spec(operation, api, validator):
    response = SAMPLES[operation](api)

    assert response.status_code == 200, response.text
    validate(validator, response)


@pytest.mark.parametrize("case", sorted(ERROR_SAMPLES))
def test_error_response_matches_spec(case, api, validator):
    response = ERROR_SAMPLES[case](api)

    assert response.status_code == int(case.split()[0]), response.text
    assert response.json()["success"] is False
    validate(validator, response)


def test_validator_rejects_off_spec_body(api, validator):
    response = api.get(f"/v1/sites/{first_site(api)}")
    body = response.json()
    body["result"]["status"] = "provisioning"
    response._content = requests.models.complexjson.dumps(body).encode()

    with pytest.raises(InvalidData) as raised:
        validate(validator, response)

    assert "provisioning" in str(raised.value.__cause__)


def test_every_operation_is_in_spec(spec):
    implemented = {item for item in implemented_operations() if item[1].startswith("/v1/")}

    assert implemented - spec_operations(spec) == set()


def test_every_operation_has_a_sample():
    implemented = {item for item in implemented_operations() if item[1].startswith("/v1/")}

    assert implemented - set(SAMPLES) == set()
