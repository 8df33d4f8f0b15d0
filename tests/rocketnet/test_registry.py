"""The operation registry matches the published OpenAPI spec, operation for operation."""

from __future__ import annotations

import inspect
import os
import re
import warnings
from pathlib import Path

import pytest
import responses

from rocketnet.registry import registered_operations

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT.parent / "shared" / "reference" / "rocket-openapi.yaml"
HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head")

# Python names for API parameter names that are not valid identifiers or would be unclear.
PYTHON_NAMES = {"id": "site_id", "created_from.site_id": "created_from_site_id",
                "created_from.domain": "created_from_domain"}
PYTHON_NAMES_BY_OPERATION = {("GET", "/v1/billing/products"): {"type": "product_type"}}

# Required query parameters that the client always sends with a default value.
ALWAYS_SENT_WITH_DEFAULT = {("GET", "/v1/sites/{id}/file_manager/files"): {"page", "per_page"}}


def load_spec() -> dict:
    if not SPEC_PATH.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"OpenAPI spec missing at {SPEC_PATH}; CI must provide it")
        pytest.skip(f"OpenAPI spec not found at {SPEC_PATH}; the registry cannot be compared with it")
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(SPEC_PATH.read_text())


@pytest.fixture(scope="module")
def spec():
    return load_spec()


@pytest.fixture(scope="module")
def spec_operations(spec) -> dict[tuple[str, str], dict]:
    found = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                found[(method.upper(), path)] = operation
    return found


def python_name(key, api_name):
    return PYTHON_NAMES_BY_OPERATION.get(key, {}).get(api_name) or PYTHON_NAMES.get(api_name, api_name)


def resolve(spec, node):
    while isinstance(node, dict) and "$ref" in node:
        node = spec["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node or {}


def test_spec_has_198_operations(spec_operations):
    assert len(spec_operations) == 198


def test_every_spec_operation_registered_once(spec_operations):
    registry = registered_operations()

    missing = sorted(set(spec_operations) - set(registry))
    duplicated = sorted(key for key, entries in registry.items() if len(entries) != 1)
    assert missing == []
    assert duplicated == []


def test_registry_has_nothing_extra(spec_operations):
    extra = sorted(set(registered_operations()) - set(spec_operations))

    assert extra == []


def test_functions_take_client_first():
    wrong = []
    for key, (entry,) in registered_operations().items():
        parameters = list(inspect.signature(entry.function).parameters)
        if not parameters or parameters[0] != "client":
            wrong.append((key, entry.function.__qualname__))

    assert wrong == []


def test_function_names_unique():
    names = [entry.function.__name__ for (entry,) in registered_operations().values()]

    assert sorted(name for name in set(names) if names.count(name) > 1) == []


def test_path_parameters_are_positional(spec_operations):
    wrong = []
    for key, (entry,) in registered_operations().items():
        signature = inspect.signature(entry.function)
        for api_name in re.findall(r"{(\w+)}", key[1]):
            parameter = signature.parameters.get(python_name(key, api_name))
            if parameter is None or parameter.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD:
                wrong.append((key, api_name))

    assert wrong == []


def test_required_query_parameters_required(spec_operations):
    wrong = []
    for key, operation in spec_operations.items():
        (entry,) = registered_operations()[key]
        signature = inspect.signature(entry.function)
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query" or not parameter.get("required"):
                continue
            name = python_name(key, parameter["name"])
            found = signature.parameters.get(name)
            if found is None:
                wrong.append((key, name, "missing"))
            elif found.default is not inspect.Parameter.empty and name not in ALWAYS_SENT_WITH_DEFAULT.get(key, ()):
                wrong.append((key, name, "has a default"))

    assert wrong == []


def test_query_parameters_all_accepted(spec_operations):
    wrong = []
    for key, operation in spec_operations.items():
        (entry,) = registered_operations()[key]
        accepted = set(inspect.signature(entry.function).parameters)
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query":
                continue
            name = python_name(key, parameter["name"])
            # Lists walked to the end take per_page only; the client sets page itself.
            if name == "page" and "per_page" in accepted and name not in accepted:
                continue
            if name not in accepted:
                wrong.append((key, name))

    assert wrong == []


def test_deprecated_operations_warn(spec_operations):
    deprecated = {key for key, op in spec_operations.items() if "deprecated" in op.get("summary", "").lower()}
    registry = registered_operations()

    assert len(deprecated) == 6
    for key in deprecated:
        (entry,) = registry[key]
        assert entry.deprecated, key
        assert entry.replacement, key
        assert "Deprecated: use" in entry.function.__doc__, key


def test_deprecated_call_warns_with_replacement(make_client, login, mock_api):
    from rocketnet.services import site_templates

    mock_api.post("http://127.0.0.1:8001/v1/sites/templates", json={"success": True, "result": {}})

    with pytest.warns(DeprecationWarning, match="use site_templates.create_site_template instead"):
        site_templates.create_site_template_now(make_client(), name="Base", site_id=5)


def sample_value(parameter: inspect.Parameter):
    annotation = str(parameter.annotation)
    if "int" in annotation and "str" not in annotation:
        return 1
    if "bool" in annotation:
        return True
    if "list" in annotation or "Iterable" in annotation:
        return ["example"]
    if "dict" in annotation:
        return {"key": "value"}
    if "date" in annotation:
        return "2026-01-01"
    return "example"


def enum_cases(spec, spec_operations):
    """Yield (key, python name, enum) for every enum-typed query or body parameter."""
    for key, operation in spec_operations.items():
        for parameter in operation.get("parameters", []):
            schema = resolve(spec, parameter.get("schema"))
            enum = schema.get("enum") or resolve(spec, schema.get("items")).get("enum")
            if parameter["in"] == "query" and enum:
                yield key, python_name(key, parameter["name"]), enum, schema.get("type") == "array"
        body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        body = resolve(spec, body)
        properties = dict(body.get("properties", {}))
        for part in body.get("allOf", []):
            properties.update(resolve(spec, part).get("properties", {}))
        for name, schema in properties.items():
            schema = resolve(spec, schema)
            if schema.get("enum"):
                yield key, python_name(key, name), schema["enum"], False


def test_enums_checked_before_sending(spec, spec_operations, make_client):
    registry = registered_operations()
    client = make_client()
    unchecked = []

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        for key, name, enum, is_list in enum_cases(spec, spec_operations):
            (entry,) = registry[key]
            signature = inspect.signature(entry.function)
            if name not in signature.parameters:
                unchecked.append((key, name, "not a parameter"))
                continue

            arguments = {}
            for parameter in list(signature.parameters.values())[1:]:
                if parameter.default is inspect.Parameter.empty:
                    arguments[parameter.name] = sample_value(parameter)
            for other_key, other_name, other_enum, other_is_list in enum_cases(spec, {key: spec_operations[key]}):
                if other_name in arguments:
                    arguments[other_name] = [other_enum[0]] if other_is_list else other_enum[0]
            bad = "not-a-choice"
            arguments[name] = [bad] if is_list else bad

            positional = [arguments.pop(p.name) for p in list(signature.parameters.values())[1:]
                          if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.name in arguments]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                try:
                    entry.function(client, *positional, **arguments)
                except ValueError as exc:
                    if bad not in str(exc) or name not in str(exc):
                        unchecked.append((key, name, str(exc)))
                    continue
                except Exception as exc:  # anything else means the value was sent
                    unchecked.append((key, name, type(exc).__name__))
                    continue
            unchecked.append((key, name, "no error"))

        sent = [call.request.url for call in mock.calls]
    assert unchecked == []
    assert sent == []


def test_generated_modules_match_spec(spec):
    from rocketnet.codegen import generate_services

    assert generate_services.stale_files(spec) == []
