"""Samples for domains, edge settings and the CDN cache."""

from .helpers import first_site, new_alias


def site_path(api, suffix):
    return f"/v1/sites/{first_site(api)}{suffix}"


def set_on_new_site(api):
    site = api.post("/v1/sites", json={"name": "d", "location": 1, "admin_username": "a",
                                       "admin_email": "a@example.com"}).json()["result"]
    return api.post(f"/v1/sites/{site['id']}/maindomain", json={"domain": "new.example.com"})


def alias_path(api, suffix=""):
    site_id = first_site(api)
    alias = new_alias(api, site_id)
    return f"/v1/sites/{site_id}/domains/{alias['id']}{suffix}"


SAMPLES = {
    ("GET", "/v1/sites/{id}/maindomain"): lambda api: api.get(site_path(api, "/maindomain")),
    ("POST", "/v1/sites/{id}/maindomain"): set_on_new_site,
    ("PUT", "/v1/sites/{id}/maindomain"): lambda api: api.put(
        site_path(api, "/maindomain"), json={"domain": "replaced.example.com"}),
    ("PATCH", "/v1/sites/{id}/maindomain"): lambda api: api.patch(
        site_path(api, "/maindomain"), json={"validation_method": "txt", "hide_go_live": 1}),
    ("PATCH", "/v1/sites/{id}/maindomain/prefix"): lambda api: api.patch(
        site_path(api, "/maindomain/prefix"), json={"www": True}),
    ("GET", "/v1/sites/{id}/maindomain/recheck"): lambda api: api.get(
        site_path(api, "/maindomain/recheck"), params={"force": "true"}),
    ("GET", "/v1/sites/{id}/maindomain/status"): lambda api: (
        new_alias(api, first_site(api)), api.get(site_path(api, "/maindomain/status")))[1],
    ("GET", "/v1/sites/{id}/maindomain/edge_settings"): lambda api: api.get(
        site_path(api, "/maindomain/edge_settings")),
    ("PATCH", "/v1/sites/{id}/maindomain/edge_settings"): lambda api: api.patch(
        site_path(api, "/maindomain/edge_settings"), json={"xmlrpc_protection": {"enabled": False}}),
    ("GET", "/v1/sites/{id}/domains"): lambda api: (
        new_alias(api, first_site(api)), api.get(site_path(api, "/domains")))[1],
    ("POST", "/v1/sites/{id}/domains"): lambda api: api.post(
        site_path(api, "/domains"), json={"domain": "extra.example.com"}),
    ("DELETE", "/v1/sites/{id}/domains/{domain_id}"): lambda api: api.delete(alias_path(api)),
    ("GET", "/v1/sites/{id}/domains/{domain_id}/edge_settings"): lambda api: api.get(
        alias_path(api, "/edge_settings")),
    ("PATCH", "/v1/sites/{id}/domains/{domain_id}/edge_settings"): lambda api: api.patch(
        alias_path(api, "/edge_settings"), json={"ai_crawlers": {"allow": False}}),
    ("POST", "/v1/sites/{id}/cache/purge"): lambda api: api.post(
        site_path(api, "/cache/purge"), json={"files": ["https://example.com/a.css"]}),
    ("POST", "/v1/sites/{id}/cache/purge_everything"): lambda api: api.post(
        site_path(api, "/cache/purge_everything")),
}
