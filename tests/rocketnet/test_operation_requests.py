"""Every registered function sends exactly one request, with its operation's method and path."""

from __future__ import annotations

import inspect
import json
import re
import warnings

import pytest
import responses
from apimock import BASE_URL

from rocketnet.registry import registered_operations

# A result that the parsing of every non-list operation accepts.
GENERIC_RESULT = {
    "id": 7, "task_id": "t-1", "task_level": "site", "token": "abc", "phpmyadmin_sign_on_url": "https://pma",
    "sign_on_url": "https://wp", "client": {}, "response": "Success", "locations": [],
}

# Arguments for functions that need one of several optional fields, or a value of a given form.
ARGUMENTS = {
    "update_site": {"label": "Shop"},
    "update_me": {"firstname": "Ada"},
    "update_settings": {"ssh_access": 1},
    "install_plugins": {"plugins": ["akismet"]},
    "install_themes": {"themes": ["astra"]},
    "delete_plugins": {"plugins": ["akismet"]},
    "delete_themes": {"themes": ["astra"]},
    "purge_cache": {"files": ["https://shop.example.com/"]},
    "update_ftp_account": {"quota": 10},
    "upload_certificate": {"domains": ["shop.example.com"], "certificate": "-----BEGIN CERTIFICATE-----"},
    "change_permissions": {"permissions": "644"},
    "compress_files": {"sourcefiles": ["wp-content"], "compress_type": "zip"},
    "restore_automated_backup_files": {"restore_type": "full"},
    "run_wpcli": {"command": "plugin list"},
    "create_staging": {"vanity_domain": False},
    "create_backup": {"backup_directory": True, "backup_database": True},
    "restore_backup": {"backup_directory": True, "backup_database": False},
    "create_site": {"location": 1},
    "set_hosting_plan": {"billing_cycle": "Monthly", "payment_type": "stripe", "billing_product_id": 3},
    "change_hosting_plan": {"billing_product_id": 3},
    "request_cancellation": {"timeline": "immediate"},
    "get_billing_sso": {"destination": "clientarea.php"},
    "change_plugin_status": {"status": "activate"},
    "change_theme_status": {"status": "activate"},
    "get_account_visitors": {"date_from": "2026-01-01", "date_to": "2026-01-31"},
    "list_access_logs_legacy": {"duration": 24},
}
# Functions whose every body field is optional but which need at least one.
FIRST_OPTIONAL_FIELD = "needs at least one of: "


def sample(parameter: inspect.Parameter):
    annotation = str(parameter.annotation)
    if parameter.name == "duration":
        return "24h"
    if parameter.name in ("date_from", "date_to"):
        return "2026-01-01"
    if annotation.startswith("int"):
        return 7
    if annotation.startswith("bool"):
        return True
    if annotation.startswith("list") or "Iterable" in annotation:
        return ["example"]
    if annotation.startswith("dict"):
        return {"key": "value"}
    return "example"


def build_arguments(function) -> tuple[list, dict]:
    parameters = list(inspect.signature(function).parameters.values())[1:]
    overrides = ARGUMENTS.get(function.__name__, {})
    positional, keywords = [], {}
    for parameter in parameters:
        if parameter.name in overrides:
            value = overrides[parameter.name]
        elif parameter.default is inspect.Parameter.empty:
            value = sample(parameter)
        else:
            continue
        if parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            positional.append(value)
        else:
            keywords[parameter.name] = value
    return positional, keywords


def expected_path(template: str, positional: list) -> str:
    names = re.findall(r"{(\w+)}", template)
    return template.format(**dict(zip(names, positional)))


def reply(request):
    query = request.url.split("?", 1)[1] if "?" in request.url else ""
    if "page=" in query or request.path_url.split("?")[0].endswith("/sites/locations"):
        body = {"success": True, "result": [], "metadata": {"page": 1, "page_size": 100, "total": 0}}
    else:
        body = {"success": True, "result": GENERIC_RESULT}
    return 200, {}, json.dumps(body)


def call_with_fields(function, positional, keywords):
    try:
        return function(*positional, **keywords)
    except ValueError as exc:
        text = str(exc)
        if FIRST_OPTIONAL_FIELD not in text:
            raise
        field = text.split(FIRST_OPTIONAL_FIELD, 1)[1].split(",")[0].strip()
        parameter = inspect.signature(function).parameters[field]
        keywords[field] = sample(parameter)
        return function(*positional, **keywords)


@pytest.mark.parametrize("key", sorted(registered_operations()), ids=lambda key: f"{key[0]} {key[1]}")
def test_function_sends_its_operation(make_client, token, key):
    method, template = key
    (entry,) = registered_operations()[key]
    client = make_client()
    positional, keywords = build_arguments(entry.function)

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add(responses.POST, f"{BASE_URL}/v1/login", json={"token": token})
        for verb in (responses.GET, responses.POST, responses.PUT, responses.PATCH, responses.DELETE):
            mock.add_callback(verb, re.compile(rf"{re.escape(BASE_URL)}/v1/(?!login$).*"), callback=reply)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            outcome = call_with_fields(entry.function, [client, *positional], keywords)
        if hasattr(outcome, "close"):
            outcome.close()

        sent = [call.request for call in mock.calls]

    path = expected_path(template, positional)
    if template == "/v1/login":
        assert [(request.method, request.path_url) for request in sent] == [("POST", "/v1/login")]
        return
    operation_requests = [request for request in sent if request.path_url.split("?")[0] != "/v1/login"]
    assert len(operation_requests) == 1
    assert operation_requests[0].method == method
    assert operation_requests[0].path_url.split("?")[0] == path


def test_argument_table_names_real_functions():
    names = {entry.function.__name__ for (entry,) in registered_operations().values()}

    assert sorted(set(ARGUMENTS) - names) == []
