"""The published Rocket.net OpenAPI spec: where it lives, its operations and sample values.

The spec lives outside the repository, in ``shared/reference`` beside it, unless
``$ROCKETNET_SPEC`` names another file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPEC_PATH = REPO_ROOT.parent / "shared" / "reference" / "rocket-openapi.yaml"
SPEC_PATH_VARIABLE = "ROCKETNET_SPEC"
HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head")
# A uuid that no sandbox record uses, for uuid-format ids and sample values.
UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000"


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
    # True when the operation, or the spec as a whole, requires a security scheme such as bearerAuth.
    secured: bool = field(compare=False, default=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.path)

    @property
    def statuses(self) -> set[int]:
        return {int(code) for code in self.definition.get("responses", {}) if code.isdigit()}

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
            secured = bool(definition.get("security", spec.get("security", [])))
            found.append(SpecOperation(method.upper(), path, category, definition, parameters, secured))

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


def dereference(spec: dict, node: Any) -> Any:
    """Return ``node`` with every local ``$ref`` replaced by its target. The spec's Error schema has no cycles."""
    node = resolve(spec, node)
    if isinstance(node, dict):
        return {key: dereference(spec, value) for key, value in node.items()}
    if isinstance(node, list):
        return [dereference(spec, value) for value in node]
    return node
