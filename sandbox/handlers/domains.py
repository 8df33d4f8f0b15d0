"""Domains: the main domain, its validation over time, aliases and edge settings.

A newly set main domain or alias starts ``pending`` with ``pending_validation`` SSL and
turns ``active`` once ``task_seconds`` have passed on the sandbox clock, or at once on
``GET .../maindomain/recheck?force=true``.
"""

import copy
import logging
import re

from ..models import default_maindomain
from ..responses import ApiError, bad_request, envelope, paginate, parse_int
from ..router import route

logger = logging.getLogger(__name__)

HOSTNAME = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
VALIDATION_METHODS = ("http", "txt")
CERTIFICATE_AUTHORITIES = ("google", "lets_encrypt")

DEFAULT_EDGE_SETTINGS = {
    "ai_crawlers": {"allow": True, "available": True},
    "logged_in_users": {"waf_bypass": {"enabled": False, "available": True}},
    "managed_challenge": {"enabled": False, "available": True},
    "user_agent": {
        "empty": {"allow": True, "available": True},
        "go_http_client": {"allow": True, "available": True},
    },
    "woocommerce": {"login_and_registration_protection": {"enabled": False, "available": True}},
    "wp_login": {"challenge": {"enabled": False, "available": True}},
    "xmlrpc_protection": {"enabled": True, "available": True},
}


def normalize_domain(value, name="domain"):
    """Return a lower-case hostname, or raise a 400 naming the invalid value."""
    if not isinstance(value, str) or not value.strip():
        raise bad_request(f"{name} is required, for example example.com")

    domain = value.strip().lower().rstrip(".")
    if domain.startswith(("http://", "https://")) or "/" in domain:
        raise bad_request(f"{name} {value!r} must be a bare hostname such as example.com, without scheme or path")
    if not HOSTNAME.match(domain):
        raise bad_request(f"{name} {value!r} is not a valid hostname")
    return domain


def domain_in_use(state, domain):
    for site in state.sites.values():
        if site.domain == domain:
            return site
        if any(alias["domain"] == domain for alias in site.extras.get("aliases", [])):
            return site
    return None


def validation_records(site, domain, method):
    if method == "txt":
        return [{"type": "txt", "name": f"_acme-challenge.{domain}",
                 "value": f"sandbox-validation-{site.id}-{len(domain)}"}]
    return [{"type": "cname", "name": domain, "value": site.rocket_url}]


def start_validation(state, site, record, method="http"):
    """Mark ``record`` pending and schedule it to turn active after task_seconds."""
    record.update({
        "hostname_status": "pending",
        "ssl_status": "pending_validation",
        "validation_method": method,
        "validation_records": validation_records(site, record["domain"], method),
    })
    record["_generation"] = record.get("_generation", 0) + 1
    generation = record["_generation"]

    def finish(_state):
        if record.get("_generation") == generation:
            activate(record)

    state.schedule(state.task_seconds, finish)


def activate(record):
    record["hostname_status"] = "active"
    record["ssl_status"] = "active"
    record["validation_records"] = []


def public(record):
    return {key: value for key, value in record.items() if not key.startswith("_")}


def aliases_of(site):
    return site.extras.setdefault("aliases", [])


# Main domain

@route("GET", "/v1/sites/{id}/maindomain")
def get_maindomain(ctx, id):
    site = ctx.site(id)
    return envelope(public(site.maindomain()))


@route("POST", "/v1/sites/{id}/maindomain")
def set_maindomain(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    domain = normalize_domain(body.get("domain"))

    current = site.maindomain()
    if current["active_wordpress_domain"] == "live_domain":
        raise bad_request(f"site {site.id} already has main domain {site.domain}: use PUT to replace it")

    return envelope(_switch_maindomain(ctx, site, domain, keep_cdn=bool(body.get("keep_cdn_url"))))


@route("PUT", "/v1/sites/{id}/maindomain")
def replace_maindomain(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    domain = normalize_domain(body.get("domain"))

    wordpress_domain = body.get("active_wordpress_domain", "live_domain")
    if wordpress_domain not in ("cdn_url", "live_domain"):
        raise bad_request(f"active_wordpress_domain must be 'cdn_url' or 'live_domain', got {wordpress_domain!r}")

    if body.get("convert_addon_to_maindomain"):
        aliases = aliases_of(site)
        site.extras["aliases"] = [alias for alias in aliases if alias["domain"] != domain]

    return envelope(_switch_maindomain(ctx, site, domain, keep_cdn=wordpress_domain == "cdn_url"))


def _switch_maindomain(ctx, site, domain, keep_cdn):
    owner = domain_in_use(ctx.state, domain)
    if owner is not None and owner.id != site.id:
        raise bad_request(f"domain {domain} is already used by another site")
    if owner is not None and site.domain == domain:
        raise bad_request(f"domain {domain} is already the main domain of site {site.id}")

    site.domain = domain
    record = default_maindomain(site)
    record["active_wordpress_domain"] = "cdn_url" if keep_cdn else "live_domain"
    record["show_go_live"] = 1 if keep_cdn else 0
    start_validation(ctx.state, site, record)
    site.extras["maindomain"] = record
    logger.info("Site %s main domain set to %s", site.id, domain)
    return public(record)


@route("PATCH", "/v1/sites/{id}/maindomain")
def update_maindomain(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body(required=True)
    record = site.maindomain()

    method = body.get("validation_method")
    if method is not None:
        if method not in VALIDATION_METHODS:
            raise bad_request(f"validation_method must be 'http' or 'txt', got {method!r}")
        if record["hostname_status"] == "active":
            record["validation_method"] = method
        else:
            start_validation(ctx.state, site, record, method)

    authority = body.get("certificate_authority")
    if authority is not None:
        if authority not in CERTIFICATE_AUTHORITIES:
            raise bad_request(f"certificate_authority must be 'google' or 'lets_encrypt', got {authority!r}")
        record["certificate_authority"] = authority

    hide = body.get("hide_go_live")
    if hide is not None:
        if hide not in (0, 1) or isinstance(hide, bool):
            raise bad_request(f"hide_go_live must be 0 or 1, got {hide!r}")
        record["show_go_live"] = 0 if hide else 1

    return envelope({
        "validation_records": record["validation_records"],
        "certificate_authority": record["certificate_authority"],
        "hide_go_live": record["show_go_live"] == 0,
        "validation_method": record["validation_method"],
    })


@route("PATCH", "/v1/sites/{id}/maindomain/prefix")
def change_prefix(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    www = body.get("www")
    if not isinstance(www, bool):
        raise bad_request(f"www must be true or false, got {www!r}")

    record = site.maindomain()
    base = record["base_domain"].removeprefix("www.")
    domain = f"www.{base}" if www else base
    site.domain = domain
    record.update({"domain": domain, "display_domain": domain,
                   "domain_type": "www" if www else "normal", "base_domain": base})
    return envelope({"success": True})


@route("GET", "/v1/sites/{id}/maindomain/recheck")
def recheck_maindomain(ctx, id):
    site = ctx.site(id)
    record = site.maindomain()
    force = ctx.query.get("force", "false").lower()
    if force not in ("true", "false", "1", "0"):
        raise bad_request(f"force must be true or false, got {ctx.query.get('force')!r}")

    if record["hostname_status"] == "active":
        return envelope(f"{record['domain']} is already active")

    if force in ("true", "1"):
        activate(record)
        return envelope(f"{record['domain']} validated and active")
    return envelope(f"{record['domain']} is still pending validation; retry later or pass force=true")


@route("GET", "/v1/sites/{id}/maindomain/status")
def maindomain_status(ctx, id):
    site = ctx.site(id)
    return envelope({
        "maindomain": _status_entry(site, site.maindomain()),
        # An empty object, not null: the spec allows null here but its anyOf rejects it.
        "alternate_maindomain": {},
        "additional_domains": [_status_entry(site, alias) for alias in aliases_of(site)],
        "errors": [],
    })


def _status_entry(site, record):
    expected = [{"name": record["domain"], "type": "CNAME", "value": site.rocket_url}]
    active = record["hostname_status"] == "active"
    return {
        "hostname": record["domain"],
        "domain_status": record["hostname_status"],
        "validation_method": record["validation_method"],
        "validation_errors": [] if active else ["DNS record not found yet: add the expected CNAME"],
        "ssl_rate_limit": None,
        "expected_dns_records": expected,
        "found_dns_records": expected if active else [],
        "records_to_remove": [],
    }


# Aliases (additional domains)

@route("GET", "/v1/sites/{id}/domains")
def list_aliases(ctx, id):
    site = ctx.site(id)
    items = [public(alias) for alias in aliases_of(site)]

    search = ctx.query.get("search", "").strip().lower()
    if search:
        items = [item for item in items if search in item["domain"]]

    page_items, metadata = paginate(items, ctx.query, default_per_page=100)
    return envelope({"additional_domains": page_items}, metadata)


@route("POST", "/v1/sites/{id}/domains")
def create_alias(ctx, id):
    site = ctx.unlocked_site(id)
    domain = normalize_domain(ctx.body().get("domain"))
    if domain_in_use(ctx.state, domain) is not None:
        raise bad_request(f"domain {domain} is already used by a site")

    alias_id = ctx.state.next_id("domain", start=3001)
    alias = default_maindomain(site)
    for key in ("active_wordpress_domain", "show_go_live"):
        alias.pop(key)
    alias.update({"id": alias_id, "domain_id": alias_id, "domain": domain, "display_domain": domain,
                  "base_domain": domain.removeprefix("www."),
                  "domain_type": "subdomain" if domain.count(".") > 1 else "normal"})
    start_validation(ctx.state, site, alias)
    aliases_of(site).append(alias)
    logger.info("Alias %s (%s) added to site %s", alias_id, domain, site.id)
    return envelope(public(alias))


def _alias(site, domain_id):
    number = parse_int(domain_id, "domain id")
    for alias in aliases_of(site):
        if alias["id"] == number:
            return alias
    raise ApiError(404, f"additional domain {number} not found on site {site.id}")


@route("DELETE", "/v1/sites/{id}/domains/{domain_id}")
def delete_alias(ctx, id, domain_id):
    site = ctx.unlocked_site(id)
    alias = _alias(site, domain_id)
    aliases_of(site).remove(alias)
    return envelope({"success": f"domain {alias['domain']} removed"})


# Edge settings

def _edge_settings(holder):
    if "_edge_settings" not in holder:
        holder["_edge_settings"] = copy.deepcopy(DEFAULT_EDGE_SETTINGS)
    return holder["_edge_settings"]


def _merge_edge_settings(current, changes, prefix=""):
    """Apply ``changes`` onto ``current``; reject unknown keys and non-boolean values."""
    if not isinstance(changes, dict):
        raise bad_request(f"edge setting {prefix or 'body'} must be a JSON object, got {changes!r}")

    for key, value in changes.items():
        name = f"{prefix}.{key}" if prefix else key
        if key not in current:
            raise bad_request(f"unknown edge setting {name!r}")
        if isinstance(current[key], dict):
            _merge_edge_settings(current[key], value, name)
        elif key == "available":
            continue  # read-only: whether the plan offers the setting
        elif not isinstance(value, bool):
            raise bad_request(f"edge setting {name} must be true or false, got {value!r}")
        else:
            current[key] = value


@route("GET", "/v1/sites/{id}/maindomain/edge_settings")
def get_maindomain_edge(ctx, id):
    site = ctx.site(id)
    return envelope(copy.deepcopy(_edge_settings(site.maindomain())))


@route("PATCH", "/v1/sites/{id}/maindomain/edge_settings")
def update_maindomain_edge(ctx, id):
    site = ctx.unlocked_site(id)
    settings = _edge_settings(site.maindomain())
    updated = copy.deepcopy(settings)
    _merge_edge_settings(updated, ctx.body(required=True))
    settings.update(updated)
    return envelope(copy.deepcopy(settings))


@route("GET", "/v1/sites/{id}/domains/{domain_id}/edge_settings")
def get_alias_edge(ctx, id, domain_id):
    site = ctx.site(id)
    return envelope(copy.deepcopy(_edge_settings(_alias(site, domain_id))))


@route("PATCH", "/v1/sites/{id}/domains/{domain_id}/edge_settings")
def update_alias_edge(ctx, id, domain_id):
    site = ctx.unlocked_site(id)
    settings = _edge_settings(_alias(site, domain_id))
    updated = copy.deepcopy(settings)
    _merge_edge_settings(updated, ctx.body(required=True))
    settings.update(updated)
    return envelope(copy.deepcopy(settings))
