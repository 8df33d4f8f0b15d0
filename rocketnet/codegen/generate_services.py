"""Write the plain service modules (one function per operation) from the OpenAPI spec.

    .venv/bin/python -m rocketnet.codegen.generate_services path/to/rocket-openapi.yaml [--check]

Only the modules in tables.OPERATIONS are written. Categories with API quirks (plugins, themes,
files, cdn_cache, ftp_accounts, wordpress, custom_ssl) and the core categories (sites,
site_tasks, backups, account) are written by hand and never touched by this script. To change a
generated module, change tables.py and run the script again. `--check` only reports
whether the files on disk match what the script would write.

Needs PyYAML (a dev dependency).
"""

from __future__ import annotations

import argparse
import json
import keyword
import re
import sys
import textwrap
from pathlib import Path

import yaml

from rocketnet.codegen.tables import (
    DEPRECATED,
    DIRECTIONS,
    DOCS,
    DURATIONS,
    ID_KEYS,
    IDEMPOTENT,
    MODULE_DOCS,
    OPERATIONS,
    PAGE_OPTION,
    PYTHON_TYPES,
    RENAMES,
    RENAMES_BY_OPERATION,
    SINGLE_PAGE,
    TASK_RESPONSES,
)

SERVICES_DIR = Path(__file__).resolve().parent.parent / "services"


class Spec:
    def __init__(self, data: dict) -> None:
        self.data = data
        self.schemas = data["components"]["schemas"]

    def resolve(self, node: dict | None) -> dict:
        while node and "$ref" in node:
            node = self.schemas[node["$ref"].rsplit("/", 1)[-1]]
        return node or {}

    def properties(self, node: dict) -> tuple[dict, list]:
        node = self.resolve(node)
        props, required = dict(node.get("properties", {})), list(node.get("required", []))
        for part in node.get("allOf", []):
            more, more_required = self.properties(part)
            props.update(more)
            required += more_required
        return props, required

    def operation(self, method: str, path: str) -> dict:
        return self.data["paths"][path][method.lower()]


class Param:
    def __init__(self, api_name, python_name, location, required, type_name, enum, description):
        self.api_name = api_name
        self.python_name = python_name
        self.location = location
        self.required = required
        self.type_name = type_name
        self.enum = enum
        self.description = description


def python_name(api_name: str, key: tuple[str, str]) -> str:
    name = RENAMES_BY_OPERATION.get(key, {}).get(api_name) or RENAMES.get(api_name) or api_name
    name = re.sub(r"\W", "_", name)
    if keyword.iskeyword(name):
        name += "_"
    return name


def collect_params(spec: Spec, key: tuple[str, str]) -> tuple[list[Param], list[Param], list[Param]]:
    op = spec.operation(*key)
    path_params, query_params, body_params = [], [], []

    for raw in op.get("parameters", []):
        schema = spec.resolve(raw.get("schema"))
        enum = schema.get("enum") or spec.resolve(schema.get("items")).get("enum")
        param = Param(
            raw["name"], python_name(raw["name"], key), raw["in"], bool(raw.get("required")),
            PYTHON_TYPES.get(schema.get("type"), "str"), enum, raw.get("description"),
        )
        (path_params if raw["in"] == "path" else query_params).append(param)

    body = op.get("requestBody")
    if body:
        schema = body.get("content", {}).get("application/json", {}).get("schema")
        props, required = spec.properties(schema)
        for name, prop in props.items():
            prop = spec.resolve(prop)
            body_params.append(Param(
                name, python_name(name, key), "body", name in required,
                PYTHON_TYPES.get(prop.get("type"), "str"), prop.get("enum"), prop.get("description"),
            ))

    clash = {p.python_name for p in query_params} & {p.python_name for p in body_params}
    if clash:
        raise SystemExit(f"{key}: query and body share names {sorted(clash)}; add a rename")
    return path_params, query_params, body_params


def response_kind(spec: Spec, key: tuple[str, str]) -> str:
    op = spec.operation(*key)
    content = op.get("responses", {}).get("200", {}).get("content", {})
    for content_type, media in content.items():
        ref = media.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
        if content_type != "application/json":
            return "stream"
        if ref in TASK_RESPONSES:
            return "task"
        props, _ = spec.properties(media.get("schema", {}))
        if "data" in props and "result" not in props:
            return "graphql"
    return "result"


def list_shape(spec: Spec, key: tuple[str, str]) -> tuple[str | None, str]:
    """Return (items_key, id_key) of a paged list: where its items sit in `result`, and their id.

    Most lists return `result` as the array itself (items_key None). A few wrap it in an object
    with one array field, such as {"additional_domains": [...]}.
    """
    content = spec.operation(*key)["responses"]["200"]["content"]["application/json"]
    props, _ = spec.properties(content["schema"])
    result = spec.resolve(props.get("result"))
    items_key = None
    if result.get("type") != "array":
        result_props, _ = spec.properties(result)
        arrays = [name for name, prop in result_props.items() if spec.resolve(prop).get("type") == "array"]
        if len(arrays) != 1:
            raise SystemExit(
                f"{key}: result has no single array field to read items from (fields: {sorted(result_props)}); "
                "teach list_shape() where this list's items are"
            )
        items_key = arrays[0]
        result = spec.resolve(result_props[items_key])

    item_props, _ = spec.properties(result.get("items", {}))
    if key in ID_KEYS:
        return items_key, ID_KEYS[key]
    if "id" in item_props:
        return items_key, "id"
    id_fields = [name for name in item_props if name.endswith("_id")]
    return items_key, (id_fields[0] if id_fields else "id")


def choices_expression(enum: list) -> str:
    if enum == DURATIONS:
        return "DURATIONS"
    if enum == DIRECTIONS:
        return "DIRECTIONS"
    shown = [json.dumps(value) for value in enum]
    return "(" + ", ".join(shown) + ("," if len(enum) == 1 else "") + ")"


def render_function(spec: Spec, key: tuple[str, str], name: str) -> tuple[str, set[str]]:
    method, path = key
    op = spec.operation(*key)
    path_params, query_params, body_params = collect_params(spec, key)
    kind = response_kind(spec, key)
    query_names = {p.api_name for p in query_params}
    walk_all = {"page", "per_page"} <= query_names and key not in SINGLE_PAGE and method == "GET"
    helpers: set[str] = set()

    signature = ["client: Client"]
    signature += [f"{p.python_name}: {'int' if p.type_name == 'int' else 'str'}" for p in path_params]
    keyword_params = [p for p in query_params + body_params if not (walk_all and p.api_name in ("page", "per_page"))]
    keyword_params.sort(key=lambda p: not p.required)
    if keyword_params or walk_all:
        signature.append("*")
    for p in keyword_params:
        annotation = p.type_name
        if p.api_name in ("date_from", "date_to"):
            annotation = "str | datetime.date"
        if p.required:
            signature.append(f"{p.python_name}: {annotation}")
        else:
            signature.append(f"{p.python_name}: {annotation} | None = None")
    page_option = walk_all and key in PAGE_OPTION
    if page_option:
        signature.append("page: int | None = None")
    if walk_all:
        signature.append("per_page: int = 100")

    list_type = "list[dict] | Page" if page_option else "list[dict]"
    return_type = {"stream": "requests.Response", "task": "TaskHandle", "graphql": "Report"}.get(kind, list_type if walk_all else "Any")
    lines = []
    decorator_items = [f'"{method}"', f'"{path}"']
    if key in IDEMPOTENT:
        decorator_items.append("idempotent=True")
    if key in DEPRECATED:
        replacement = DEPRECATED[key].split(" ")[0]
        decorator_items += ["deprecated=True", f'replacement="{replacement}"']
    lines += fit("@operation(", decorator_items, ")", indent=0)
    lines += fit(f"def {name}(", signature, f") -> {return_type}:", indent=0)
    text = docstring(name, key, kind)
    if text:
        lines.append(f'    """{text}"""')

    checks = []
    for p in keyword_params:
        if p.required and p.type_name == "str":
            helpers.add("check_required")
            checks.append(f'check_required("{p.python_name}", {p.python_name})')
        elif p.required:
            helpers.add("check_required")
            checks.append(f'check_required("{p.python_name}", {p.python_name})')
        if p.enum:
            helpers.add("check_choice")
            expression = choices_expression(p.enum)
            if expression in ("DURATIONS", "DIRECTIONS"):
                helpers.add(expression)
            if p.type_name == "list":
                checks.append(f"for value in {p.python_name} or []:")
                checks.append(f'    check_choice("{p.python_name}", value, {expression})')
            else:
                checks.append(f'check_choice("{p.python_name}", {p.python_name}, {expression})')
    if checks:
        lines += ["    " + line for line in checks]
        lines.append("")

    call_options = []
    if path_params:
        pairs = ", ".join(f'"{p.api_name}": {p.python_name}' for p in path_params)
        call_options.append(f"path_params={{{pairs}}}")
    query_items = [p for p in query_params if not (walk_all and p.api_name in ("page", "per_page"))]
    if query_items:
        parts = []
        for p in query_items:
            value = p.python_name
            if p.api_name in ("date_from", "date_to"):
                helpers.add("date_param")
                value = f'date_param("{p.python_name}", {p.python_name})'
            parts.append(f'"{p.api_name}": {value}')
        lines += fit("    query = {", parts, "}", indent=4)
        call_options.append("query=query")
    if body_params:
        helpers.add("body_of")
        parts = [f"{p.api_name}={p.python_name}" for p in body_params]
        lines += fit("    body = body_of(", parts, ")", indent=4)
        call_options.append("body=body")
        if not any(p.required for p in body_params) and op.get("requestBody", {}).get("required"):
            names = ", ".join(p.python_name for p in body_params)
            lines.append("    if not body:")
            lines.append(f'        raise ValueError("{name} needs at least one of: {names}")')

    site_arg = "site_id" if any(p.api_name == "id" for p in path_params) else "None"
    if page_option:
        helpers.add("fetch_page")
        items = ["client", f'"{path}"'] + call_options + ["page=page", "per_page=per_page"]
        lines.append("    if page is not None:")
        lines += fit("        return fetch_page(", items, ")", indent=8)
    if walk_all:
        helpers.add("list_all")
        items_key, id_key = list_shape(spec, key)
        items = ["client", f'"{path}"'] + call_options + ["per_page=per_page"]
        if items_key:
            items.append(f'items_key="{items_key}"')
        if id_key != "id":
            items.append(f'id_key="{id_key}"')
        lines += fit("    return list_all(", items, ")", indent=4)
    elif kind == "stream":
        items = [f'"{method}"', f'"{path}"'] + [option for option in call_options if not option.startswith("body")]
        lines += fit("    return client.stream(", items, ")", indent=4)
    elif kind == "task":
        helpers.add("task_handle")
        lines += fit("    result = client.send(", [f'"{method}"', f'"{path}"'] + call_options, ").result", indent=4)
        lines.append(f"    return task_handle(result, {site_arg})")
    elif kind == "graphql":
        lines += fit("    body = client.send(", [f'"{method}"', f'"{path}"'] + call_options, ").body", indent=4)
        lines.append("    return Report.from_api(body)")
    else:
        lines += fit("    return client.send(", [f'"{method}"', f'"{path}"'] + call_options, ").result", indent=4)

    return "\n".join(lines), helpers


def docstring(name: str, key: tuple[str, str], kind: str) -> str | None:
    """Return the docstring text for a generated function, or None when its name says enough."""
    paragraphs = []
    if name in DOCS:
        paragraphs.append(DOCS[name])
    if kind == "task":
        paragraphs.append("Starts a background task; follow it with site_tasks.wait_for_task().")
    if kind == "stream":
        paragraphs.append(
            "Returns the open streaming response. Read it with iter_content() and close it, so the\n"
            "    file never sits in memory whole."
        )
    if kind == "graphql":
        paragraphs.append("Returns a Report: the body is GraphQL-like, with zones instead of a `result`.")
    if key in DEPRECATED:
        advice = f"Deprecated: use {DEPRECATED[key]} instead."
        paragraphs.append("\n".join(textwrap.wrap(advice, width=96, subsequent_indent="    ")))

    if not paragraphs:
        return None
    text = "\n\n    ".join(paragraphs)
    return text + ("\n    " if "\n" in text else "")


def fit(opening: str, items: list[str], closing: str, *, indent: int, limit: int = 110) -> list[str]:
    """Return `opening items closing` on one line, or one item per line when that is too long."""
    line = opening + ", ".join(items) + closing
    if len(line) <= limit:
        return [line]
    inner = " " * (indent + 4)
    return [opening] + [f"{inner}{item}," for item in items] + [" " * indent + closing]


def render_module(spec: Spec, module: str) -> str:
    functions, helpers = [], set()
    for key, name in OPERATIONS[module].items():
        text, used = render_function(spec, key, name)
        functions.append(text)
        helpers |= used

    body = "\n\n\n".join(functions)
    imports = ["from __future__ import annotations", ""]
    if "datetime.date" in body:
        imports.append("import datetime")
    if "-> Any" in body:
        imports.append("from typing import Any")
    if "datetime.date" in body or "-> Any" in body:
        imports.append("")
    if "requests.Response" in body:
        imports += ["import requests", ""]
    imports.append("from rocketnet.client import Client")
    models = [name for name in ("Report", "TaskHandle") if f"-> {name}" in body]
    if models:
        imports.append(f"from rocketnet.models import {', '.join(models)}")
    if "| Page:" in body:
        imports.append("from rocketnet.pagination import Page")
    imports.append("from rocketnet.registry import operation")
    if helpers:
        plain = f"from rocketnet.services._common import {', '.join(sorted(helpers))}"
        if len(plain) <= 110:
            imports.append(plain)
        else:
            imports += fit("from rocketnet.services._common import (", sorted(helpers), ")", indent=0, limit=0)

    header = (
        f'"""{MODULE_DOCS[module]}\n\n'
        "Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in\n"
        'that script and run it again rather than editing this file.\n"""\n\n'
    )
    return header + "\n".join(imports) + "\n\n\n" + body + "\n"


def render_package_init(package: str) -> str:
    """Return a package __init__ that re-exports every function of its generated modules."""
    lines = [f'"""{MODULE_DOCS[package]}\n\nWritten by rocketnet/codegen/generate_services.py.\n"""', ""]
    names = []
    for module, operations in OPERATIONS.items():
        if not module.startswith(package + "/"):
            continue
        dotted = module.replace("/", ".")
        functions = list(operations.values())
        names += functions
        lines += fit(f"from rocketnet.services.{dotted} import (", functions, ")", indent=0, limit=0)
    lines += ["", "__all__ = ["] + [f'    "{name}",' for name in sorted(names)] + ["]"]
    return "\n".join(lines) + "\n"


def render_all(spec_data: dict) -> dict[Path, str]:
    """Return the text of every generated file, keyed by its path."""
    spec = Spec(spec_data)
    outputs = {SERVICES_DIR / f"{module}.py": render_module(spec, module) for module in OPERATIONS}
    outputs[SERVICES_DIR / "reporting" / "__init__.py"] = render_package_init("reporting")
    return outputs


def stale_files(spec_data: dict) -> list[str]:
    """Return the generated files (relative to services/) whose text differs from the spec's."""
    stale = []
    for target, text in render_all(spec_data).items():
        if not target.exists() or target.read_text() != text:
            stale.append(str(target.relative_to(SERVICES_DIR)))
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", type=Path, help="path to rocket-openapi.yaml")
    parser.add_argument("--check", action="store_true", help="report modules that differ from the spec; write nothing")
    args = parser.parse_args(argv)

    spec_data = yaml.safe_load(args.spec.read_text())
    if args.check:
        stale = stale_files(spec_data)
        if stale:
            print(f"out of date: {', '.join(stale)}; run without --check to rewrite them", file=sys.stderr)
            return 1
        return 0

    for target, text in render_all(spec_data).items():
        target.parent.mkdir(exist_ok=True)
        target.write_text(text)
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
