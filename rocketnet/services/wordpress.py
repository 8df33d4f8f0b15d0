"""WordPress on a site: WP-CLI commands, single sign-on and health status.

The API rejects WP-CLI commands containing ; & | ` $ or a newline with a 400, so they are
rejected here before sending (WPCLICommandRejected names the character). The server splits the
command on spaces and honours double quotes only. Its `status` field is 1 even after clean runs,
so a result is judged by its output: a line starting with "Error:" means the command failed.
"""

from __future__ import annotations

import logging
from typing import Iterable

from rocketnet.client import Client
from rocketnet.errors import WPCLICommandRejected
from rocketnet.models import WPCLIResult
from rocketnet.registry import operation
from rocketnet.services._common import body_of, check_required

logger = logging.getLogger(__name__)

FORBIDDEN_CHARACTERS = (";", "&", "|", "`", "$", "\n", "\r")


def check_wpcli_text(text: str) -> str:
    """Return `text`, or raise WPCLICommandRejected naming the first forbidden character in it."""
    for character in text:
        if character in FORBIDDEN_CHARACTERS:
            raise WPCLICommandRejected(character)
    return text


def build_wpcli_command(command: str | Iterable[str]) -> str:
    """Return the command line to send: a string as given, or arguments joined with spaces.

    An argument containing spaces is wrapped in double quotes, because that is the only quoting
    the server understands. A leading "wp" is dropped, since the API adds it.
    """
    if isinstance(command, str):
        line = command.strip()
    else:
        line = " ".join(_quote_argument(str(argument)) for argument in command)
    check_wpcli_text(line)

    if line == "wp" or line.startswith("wp "):
        line = line[2:].strip()
    if not line:
        raise ValueError("WP-CLI command is empty; pass something like 'plugin list --format=json'")
    return line


def _quote_argument(argument: str) -> str:
    if '"' in argument:
        raise ValueError(f"WP-CLI argument {argument!r} contains a double quote, which the API cannot pass through")
    if argument == "" or any(character.isspace() for character in argument):
        return f'"{argument}"'
    return argument


@operation("POST", "/v1/sites/{id}/wpcli")
def run_wpcli(client: Client, site_id: int, *, command: str | Iterable[str]) -> WPCLIResult:
    """Run a WP-CLI command (without the leading "wp") and return its output.

    Check `result.succeeded`: the HTTP call succeeding does not mean the command did.
    Adding --skip-plugins --skip-themes still works on a site with a PHP fatal error.
    """
    line = build_wpcli_command(command)
    result = client.send("POST", "/v1/sites/{id}/wpcli", path_params={"id": site_id}, body={"command": line}).result
    outcome = WPCLIResult.from_api(line, result)
    if not outcome.succeeded:
        logger.info("WP-CLI command on site %s reported errors: %s", site_id, "; ".join(outcome.error_lines)[:300])
    return outcome


@operation("POST", "/v1/sites/{id}/cli", deprecated=True, replacement="wordpress.run_wpcli")
def run_cli_legacy(
    client: Client,
    site_id: int,
    *,
    command: str,
    action: str | None = None,
    value: str | None = None,
    params: str | None = None,
) -> WPCLIResult:
    """Run a WP-CLI command split into command, action, value and params (the old call).

    Deprecated: use wordpress.run_wpcli (POST /v1/sites/{id}/wpcli) instead.
    """
    check_required("command", command)
    for text in (command, action, value, params):
        if text is not None:
            check_wpcli_text(text)
    body = body_of(command=command, action=action, value=value, params=params)
    result = client.send("POST", "/v1/sites/{id}/cli", path_params={"id": site_id}, body=body).result
    line = " ".join(part for part in (command, action, value, params) if part)
    return WPCLIResult.from_api(line, result)


@operation("GET", "/v1/sites/{id}/wp/login")
def get_wordpress_login(client: Client, site_id: int) -> str:
    """Return a single sign-on URL into wp-admin."""
    result = client.send("GET", "/v1/sites/{id}/wp/login", path_params={"id": site_id}).result
    return result["sign_on_url"]


@operation("GET", "/v1/sites/{id}/wp/status")
def get_wordpress_status(client: Client, site_id: int) -> dict:
    """Return {"operational_status", "error"}; the status is operational, critical_error,
    not_applicable or unknown."""
    result = client.send("GET", "/v1/sites/{id}/wp/status", path_params={"id": site_id}).result or {}
    return result.get("wordpress_status", result)
