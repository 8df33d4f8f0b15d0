"""Domains: the main domain, domain aliases and their edge settings.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import DIRECTIONS, body_of, check_choice, check_required, list_all


@operation("GET", "/v1/sites/{id}/domains")
def list_domain_aliases(
    client: Client,
    site_id: int,
    *,
    search: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[dict]:
    """Return every additional domain (alias) of the site."""
    check_choice("sort", sort, ("domain", "domain_type", "hostname_status", "ssl_status", "validation_method"))
    check_choice("direction", direction, DIRECTIONS)

    query = {"search": search, "sort": sort, "direction": direction}
    return list_all(
        client,
        "/v1/sites/{id}/domains",
        path_params={"id": site_id},
        query=query,
        per_page=per_page,
        items_key="additional_domains",
    )


@operation("POST", "/v1/sites/{id}/domains")
def create_domain_alias(client: Client, site_id: int, *, domain: str) -> Any:
    """Add an additional domain that serves the same WordPress install."""
    check_required("domain", domain)

    body = body_of(domain=domain)
    return client.send("POST", "/v1/sites/{id}/domains", path_params={"id": site_id}, body=body).result


@operation("DELETE", "/v1/sites/{id}/domains/{domain_id}")
def delete_domain_alias(client: Client, site_id: int, domain_id: int) -> Any:
    return client.send(
        "DELETE",
        "/v1/sites/{id}/domains/{domain_id}",
        path_params={"id": site_id, "domain_id": domain_id},
    ).result


@operation("GET", "/v1/sites/{id}/domains/{domain_id}/edge_settings")
def get_domain_alias_edge_settings(client: Client, site_id: int, domain_id: int) -> Any:
    return client.send(
        "GET",
        "/v1/sites/{id}/domains/{domain_id}/edge_settings",
        path_params={"id": site_id, "domain_id": domain_id},
    ).result


@operation("PATCH", "/v1/sites/{id}/domains/{domain_id}/edge_settings", idempotent=True)
def update_domain_alias_edge_settings(
    client: Client,
    site_id: int,
    domain_id: int,
    *,
    ai_crawlers: dict | None = None,
    logged_in_users: dict | None = None,
    managed_challenge: dict | None = None,
    user_agent: dict | None = None,
    woocommerce: dict | None = None,
    wp_login: dict | None = None,
    xmlrpc_protection: dict | None = None,
) -> Any:
    """Change an alias's edge settings; each group is an object of options."""
    body = body_of(
        ai_crawlers=ai_crawlers,
        logged_in_users=logged_in_users,
        managed_challenge=managed_challenge,
        user_agent=user_agent,
        woocommerce=woocommerce,
        wp_login=wp_login,
        xmlrpc_protection=xmlrpc_protection,
    )
    if not body:
        raise ValueError("update_domain_alias_edge_settings needs at least one of: ai_crawlers, logged_in_users, managed_challenge, user_agent, woocommerce, wp_login, xmlrpc_protection")
    return client.send(
        "PATCH",
        "/v1/sites/{id}/domains/{domain_id}/edge_settings",
        path_params={"id": site_id, "domain_id": domain_id},
        body=body,
    ).result


@operation("GET", "/v1/sites/{id}/maindomain")
def get_main_domain(client: Client, site_id: int) -> Any:
    """Return the main domain with its SSL and validation state."""
    return client.send("GET", "/v1/sites/{id}/maindomain", path_params={"id": site_id}).result


@operation("POST", "/v1/sites/{id}/maindomain")
def set_main_domain(
    client: Client,
    site_id: int,
    *,
    domain: str | None = None,
    keep_cdn_url: bool | None = None,
) -> Any:
    """Give a site that still uses its CDN URL a main domain."""
    body = body_of(domain=domain, keep_cdn_url=keep_cdn_url)
    if not body:
        raise ValueError("set_main_domain needs at least one of: domain, keep_cdn_url")
    return client.send("POST", "/v1/sites/{id}/maindomain", path_params={"id": site_id}, body=body).result


@operation("PATCH", "/v1/sites/{id}/maindomain")
def update_main_domain(
    client: Client,
    site_id: int,
    *,
    domain: str | None = None,
    validation_method: str | None = None,
    hide_go_live: int | None = None,
    certificate_authority: str | None = None,
) -> Any:
    """Change the main domain's validation method (http or txt) or certificate authority."""
    check_choice("validation_method", validation_method, ("http", "txt"))
    check_choice("hide_go_live", hide_go_live, (0, 1))
    check_choice("certificate_authority", certificate_authority, ("google", "lets_encrypt"))

    body = body_of(
        domain=domain,
        validation_method=validation_method,
        hide_go_live=hide_go_live,
        certificate_authority=certificate_authority,
    )
    if not body:
        raise ValueError("update_main_domain needs at least one of: domain, validation_method, hide_go_live, certificate_authority")
    return client.send("PATCH", "/v1/sites/{id}/maindomain", path_params={"id": site_id}, body=body).result


@operation("PUT", "/v1/sites/{id}/maindomain")
def replace_main_domain(
    client: Client,
    site_id: int,
    *,
    domain: str | None = None,
    active_wordpress_domain: str | None = None,
    remove_live_domain: bool | None = None,
    convert_addon_to_maindomain: bool | None = None,
) -> Any:
    """Move the site to a different main domain."""
    check_choice("active_wordpress_domain", active_wordpress_domain, ("cdn_url", "live_domain"))

    body = body_of(
        domain=domain,
        active_wordpress_domain=active_wordpress_domain,
        remove_live_domain=remove_live_domain,
        convert_addon_to_maindomain=convert_addon_to_maindomain,
    )
    if not body:
        raise ValueError("replace_main_domain needs at least one of: domain, active_wordpress_domain, remove_live_domain, convert_addon_to_maindomain")
    return client.send("PUT", "/v1/sites/{id}/maindomain", path_params={"id": site_id}, body=body).result


@operation("GET", "/v1/sites/{id}/maindomain/edge_settings")
def get_main_domain_edge_settings(client: Client, site_id: int) -> Any:
    return client.send("GET", "/v1/sites/{id}/maindomain/edge_settings", path_params={"id": site_id}).result


@operation("PATCH", "/v1/sites/{id}/maindomain/edge_settings", idempotent=True)
def update_main_domain_edge_settings(
    client: Client,
    site_id: int,
    *,
    ai_crawlers: dict | None = None,
    logged_in_users: dict | None = None,
    managed_challenge: dict | None = None,
    user_agent: dict | None = None,
    woocommerce: dict | None = None,
    wp_login: dict | None = None,
    xmlrpc_protection: dict | None = None,
) -> Any:
    """Change the main domain's edge settings; each group is an object of options."""
    body = body_of(
        ai_crawlers=ai_crawlers,
        logged_in_users=logged_in_users,
        managed_challenge=managed_challenge,
        user_agent=user_agent,
        woocommerce=woocommerce,
        wp_login=wp_login,
        xmlrpc_protection=xmlrpc_protection,
    )
    if not body:
        raise ValueError("update_main_domain_edge_settings needs at least one of: ai_crawlers, logged_in_users, managed_challenge, user_agent, woocommerce, wp_login, xmlrpc_protection")
    return client.send(
        "PATCH",
        "/v1/sites/{id}/maindomain/edge_settings",
        path_params={"id": site_id},
        body=body,
    ).result


@operation("PATCH", "/v1/sites/{id}/maindomain/prefix", idempotent=True)
def change_main_domain_prefix(client: Client, site_id: int, *, www: bool | None = None) -> Any:
    """Switch the main domain between its www and apex forms (`www=True` for www)."""
    body = body_of(www=www)
    if not body:
        raise ValueError("change_main_domain_prefix needs at least one of: www")
    return client.send(
        "PATCH",
        "/v1/sites/{id}/maindomain/prefix",
        path_params={"id": site_id},
        body=body,
    ).result


@operation("GET", "/v1/sites/{id}/maindomain/recheck")
def recheck_main_domain(client: Client, site_id: int, *, force: bool | None = None) -> Any:
    """Check the main domain's validation again now."""
    query = {"force": force}
    return client.send(
        "GET",
        "/v1/sites/{id}/maindomain/recheck",
        path_params={"id": site_id},
        query=query,
    ).result


@operation("GET", "/v1/sites/{id}/maindomain/status")
def get_domain_status(client: Client, site_id: int) -> Any:
    """Return the validation and SSL status of the main, alternate and additional domains."""
    return client.send("GET", "/v1/sites/{id}/maindomain/status", path_params={"id": site_id}).result
