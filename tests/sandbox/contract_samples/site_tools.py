"""Samples for staging, settings, WordPress tools, access, locks and usage."""

from .helpers import first_site

DATES = {"date_from": "2026-11-01", "date_to": "2026-11-07"}


def site_path(api, suffix):
    return f"/v1/sites/{first_site(api)}{suffix}"


def site_with_staging(api):
    site_id = next(site_id for site_id in api.site_ids()
                   if api.get(f"/v1/sites/{site_id}").json()["result"]["staging"])
    return site_id


def site_without_staging(api):
    return next(site_id for site_id in api.site_ids()
                if not api.get(f"/v1/sites/{site_id}").json()["result"]["staging"])


def locked_site(api):
    api.post(site_path(api, "/lock"))
    return api.delete(site_path(api, "/lock"))


SAMPLES = {
    ("POST", "/v1/sites/{id}/staging"): lambda api: api.post(
        f"/v1/sites/{site_without_staging(api)}/staging", json={"vanity_domain": True}),
    ("DELETE", "/v1/sites/{id}/staging"): lambda api: api.delete(f"/v1/sites/{site_with_staging(api)}/staging"),
    ("POST", "/v1/sites/{id}/staging/publish"): lambda api: api.post(
        f"/v1/sites/{site_with_staging(api)}/staging/publish"),
    ("GET", "/v1/sites/{id}/settings"): lambda api: api.get(site_path(api, "/settings")),
    ("PATCH", "/v1/sites/{id}/settings"): lambda api: api.patch(
        site_path(api, "/settings"), json={"new_php_version": "8.3", "wp_core_auto_updates": 2}),
    ("GET", "/v1/sites/{id}/settings/schema"): lambda api: api.get(site_path(api, "/settings/schema")),
    ("GET", "/v1/sites/{id}/credentials"): lambda api: api.get(site_path(api, "/credentials")),
    ("GET", "/v1/sites/{id}/wp/login"): lambda api: api.get(site_path(api, "/wp/login")),
    ("GET", "/v1/sites/{id}/pma/login"): lambda api: api.get(site_path(api, "/pma/login")),
    ("GET", "/v1/sites/{id}/wp/status"): lambda api: api.get(site_path(api, "/wp/status")),
    ("POST", "/v1/sites/{id}/wpcli"): lambda api: api.post(
        site_path(api, "/wpcli"), json={"command": "plugin list"}),
    ("POST", "/v1/sites/{id}/cli"): lambda api: api.post(
        site_path(api, "/cli"), json={"command": "core", "action": "version"}),
    ("POST", "/v1/sites/{id}/access_token"): lambda api: api.post(
        site_path(api, "/access_token"), json={"ttl": 900}),
    ("POST", "/v1/sites/{id}/lock"): lambda api: api.post(site_path(api, "/lock")),
    ("DELETE", "/v1/sites/{id}/lock"): locked_site,
    ("GET", "/v1/sites/{id}/usage"): lambda api: api.get(site_path(api, "/usage"), params=DATES),
    ("GET", "/v1/account/usage"): lambda api: api.get("/v1/account/usage", params=DATES),
    ("GET", "/v1/sites/{id}/visitors"): lambda api: api.get(site_path(api, "/visitors"), params=DATES),
    ("GET", "/v1/account/visitors"): lambda api: api.get("/v1/account/visitors", params=DATES),
    ("GET", "/v1/sites/{id}/reporting/bandwidth"): lambda api: api.get(
        site_path(api, "/reporting/bandwidth"), params=DATES),
    ("GET", "/v1/account/bandwidth"): lambda api: api.get("/v1/account/bandwidth", params=DATES),
}
