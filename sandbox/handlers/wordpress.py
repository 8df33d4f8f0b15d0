"""WordPress: SSO login links, the WordPress status and WP-CLI commands.

WP-CLI commands containing ``;``, ``&``, ``|``, a backtick, ``$`` or a newline are
rejected with 400, as the live API does. Arguments split on spaces and honour double
quotes only. The live API reports ``status`` 1 even for clean runs, so the sandbox does
too, and a failed command shows up as ``Error:`` in the output.
"""

import html
import logging
import secrets

from werkzeug.wrappers import Response

from ..records import stored
from ..responses import bad_request, envelope, parse_int
from ..router import route
from .plugins import installed_plugins
from .themes import installed_themes

logger = logging.getLogger(__name__)

FORBIDDEN_CHARACTERS = {";": "semicolon", "&": "ampersand", "|": "pipe", "`": "backtick",
                        "$": "dollar sign", "\n": "newline", "\r": "carriage return"}
WORDPRESS_VERSION = "6.7.1"


SSO_TOKEN_SECONDS = 10 * 60
SSO_PAGES = {"wp-admin": "WordPress admin", "phpmyadmin": "phpMyAdmin"}


def _issue_sso_token(ctx, site, page):
    """Store a sign-on token for `page` of the site, valid for SSO_TOKEN_SECONDS of sandbox time."""
    token = secrets.token_urlsafe(24)
    stored(site, "sso_tokens")[token] = {"page": page, "expires_at": ctx.state.now() + SSO_TOKEN_SECONDS}
    return token


@route("GET", "/v1/sites/{id}/wp/login")
def wp_login(ctx, id):
    # The link points at a page this sandbox serves, so following it in a demo never leaves the machine.
    site = ctx.site(id)
    token = _issue_sso_token(ctx, site, "wp-admin")
    return envelope({"sign_on_url": f"{ctx.base_url}/_sandbox/sites/{site.id}/wp-admin/?rocket_sso_token={token}"})


@route("GET", "/v1/sites/{id}/pma/login")
def pma_login(ctx, id):
    site = ctx.site(id)
    token = _issue_sso_token(ctx, site, "phpmyadmin")
    return envelope({"phpmyadmin_sign_on_url":
                     f"{ctx.base_url}/_sandbox/sites/{site.id}/phpmyadmin/?sso_token={token}"})


@route("GET", "/_sandbox/sites/{id}/{page}", authenticated=False)
def simulated_sign_on_page(ctx, id, page):
    """Serve a placeholder page for a sign-on link from wp/login or pma/login.

    A valid, unexpired token for that site and page gets 200; anything else gets 403 or 404.
    """
    if page not in SSO_PAGES:
        return html_page(404, "Not found", f"The sandbox serves no page named {page!r}.")
    site = ctx.state.sites.get(parse_int(id, "site id"))
    token = ctx.query.get("rocket_sso_token" if page == "wp-admin" else "sso_token", "")
    grant = site.extras.get("sso_tokens", {}).get(token) if site is not None else None
    if grant is None or grant["page"] != page or grant["expires_at"] < ctx.state.now():
        logger.info("Rejected a %s sign-on for site %s: unknown or expired token", page, id)
        return html_page(403, "Sign-on link not valid",
                          "This sign-on link is unknown or has expired. Open it again from the dashboard.")

    title = f"Simulated {SSO_PAGES[page]} for site {site.id}"
    return html_page(200, title, f"This page stands in for {SSO_PAGES[page]} of {site.label} ({site.domain}). "
                                  "The Rocket.net sandbox serves it so that sign-on links never leave this machine.")


def html_page(status, title, text):
    body = (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"</head><body><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></body></html>")
    return Response(body, status=status, content_type="text/html; charset=utf-8")


@route("GET", "/v1/sites/{id}/wp/status")
def wp_status(ctx, id):
    site = ctx.site(id)
    error = site.extras.get("wordpress_error")
    if error:
        return envelope({"wordpress_status": {"operational_status": "critical_error", "error": error}})
    return envelope({"wordpress_status": {"operational_status": "operational", "error": ""}})


def split_command(command):
    """Validate a WP-CLI command and split it into arguments (double quotes only)."""
    if not isinstance(command, str) or not command.strip():
        raise bad_request('command is required, for example {"command": "plugin list"}')

    for character, name in FORBIDDEN_CHARACTERS.items():
        if character in command:
            raise bad_request(f"command contains a {name} ({character!r}), which the WP-CLI endpoint rejects: "
                              "run one plain command per request, or use SSH")

    arguments, current, quoted = [], "", False
    for character in command.strip():
        if character == '"':
            quoted = not quoted
        elif character == " " and not quoted:
            if current:
                arguments.append(current)
            current = ""
        else:
            current += character
    if quoted:
        raise bad_request(f"command has an unbalanced double quote: {command!r}")
    if current:
        arguments.append(current)

    if arguments and arguments[0] == "wp":
        arguments = arguments[1:]
    if not arguments:
        raise bad_request("command names no WP-CLI subcommand, for example \"plugin list\"")
    return arguments


DEBUG_NOTICE = ("PHP Notice:  Function _load_textdomain_just_in_time was called incorrectly. "
                "in /wp-includes/functions.php on line 6114")
CRITICAL_ERROR = "Error: There has been a critical error on this website."


def run_command(state, site, arguments):
    """Return plausible WP-CLI output, as the live API would show it.

    A site with an injected WordPress error fails every command unless it skips both
    plugins and themes, and a site whose wp-config.php turns WP_DEBUG on prints a PHP
    notice before the output, because the live API behaves that way.
    """
    if site.extras.get("wordpress_error") and not {"--skip-plugins", "--skip-themes"} <= set(arguments):
        return f"{CRITICAL_ERROR}\n{site.extras['wordpress_error']}"

    output = _command_output(state, site, arguments)
    if _debug_enabled(site):
        return f"{DEBUG_NOTICE}\n{output}"
    return output


def _debug_enabled(site):
    tree = site.extras.get("files")
    config = tree.get("wp-config.php") if tree is not None else None
    if config is None:
        return False
    text = config.content.decode("utf-8", "replace").replace(" ", "").lower()
    return "define('wp_debug',true)" in text


def _command_output(state, site, arguments):
    words = [argument for argument in arguments if not argument.startswith("--")]
    head = " ".join(words[:2])

    if head == "core version":
        return WORDPRESS_VERSION
    if head == "plugin list":
        return _table(("name", "status", "update", "version"),
                      [(item["name"], item["status"], "available" if item["version"] != item["latest"] else "none",
                        item["version"]) for item in installed_plugins(state, site).values()])
    if head == "theme list":
        return _table(("name", "status", "update", "version"),
                      [(item["name"], item["status"], "available" if item["version"] != item["latest"] else "none",
                        item["version"]) for item in installed_themes(state, site).values()])
    if head == "option get" and len(words) >= 3:
        return _option(site, words[2])
    if head == "cache flush":
        return "Success: The cache was flushed."
    if head == "cron event" and words[2:3] == ["list"]:
        return _table(("hook", "next_run_relative", "recurrence"),
                      [("wp_version_check", "3 hours", "12 hours"), ("wp_scheduled_delete", "20 hours", "1 day")])
    if words[:1] == ["eval"] or words[:1] == ["shell"]:
        return "Error: This command is disabled on the sandbox."
    return f"Error: '{' '.join(words[:2])}' is not a registered wp command. See 'wp help' for available commands."


def _option(site, name):
    options = {"siteurl": f"https://{site.domain}", "home": f"https://{site.domain}",
               "blogname": site.label or site.domain, "admin_email": f"admin@{site.domain}"}
    if name in options:
        return options[name]
    return f"Error: Could not get '{name}' option. Does it exist?"


def _table(headers, rows):
    lines = ["\t".join(headers)]
    lines.extend("\t".join(str(cell) for cell in row) for row in rows)
    return "\n".join(lines)


@route("POST", "/v1/sites/{id}/wpcli")
def wpcli(ctx, id):
    site = ctx.site(id)
    arguments = split_command(ctx.body().get("command"))
    output = run_command(ctx.state, site, arguments)
    logger.info("WP-CLI on site %s: %s", site.id, arguments[:2])
    return envelope({"response": output, "status": 1})


@route("POST", "/v1/sites/{id}/cli")
def deprecated_cli(ctx, id):
    site = ctx.site(id)
    body = ctx.body()
    parts = [body.get("command"), body.get("action"), body.get("value"), body.get("params")]
    command = " ".join(str(part) for part in parts if part)
    arguments = split_command(command if body.get("command") else None)
    return envelope({"response": run_command(ctx.state, site, arguments), "status": 1})
