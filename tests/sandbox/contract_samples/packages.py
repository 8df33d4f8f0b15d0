"""Samples for plugins and themes."""

from .helpers import first_site


def site_path(api, suffix):
    return f"/v1/sites/{first_site(api)}{suffix}"


def first_plugin(api):
    return api.get(site_path(api, "/plugins")).json()["result"][0]["name"]


def first_theme(api):
    return api.get(site_path(api, "/themes")).json()["result"][0]["name"]


SAMPLES = {
    ("GET", "/v1/sites/{id}/plugins"): lambda api: api.get(site_path(api, "/plugins")),
    ("POST", "/v1/sites/{id}/plugins"): lambda api: api.post(
        site_path(api, "/plugins"), json={"plugins": "akismet,no-such-plugin", "activate": True}),
    ("DELETE", "/v1/sites/{id}/plugins"): lambda api: api.delete(
        site_path(api, "/plugins"), json={"plugins": f"{first_plugin(api)},missing"}),
    ("PATCH", "/v1/sites/{id}/plugins"): lambda api: api.patch(
        site_path(api, "/plugins"), json={"plugin": first_plugin(api), "status": "deactivate"}),
    ("PUT", "/v1/sites/{id}/plugins"): lambda api: api.put(
        site_path(api, "/plugins"), json={"plugin": first_plugin(api)}),
    ("GET", "/v1/sites/{id}/plugins/search"): lambda api: api.get(
        site_path(api, "/plugins/search"), params={"query": "form"}),
    ("GET", "/v1/sites/{id}/featured_plugins"): lambda api: api.get(site_path(api, "/featured_plugins")),
    ("POST", "/v1/sites/{id}/plugins/rocket/cdn_cache_management"): lambda api: api.post(
        site_path(api, "/plugins/rocket/cdn_cache_management")),
    ("GET", "/v1/sites/{id}/themes"): lambda api: api.get(site_path(api, "/themes")),
    ("POST", "/v1/sites/{id}/themes"): lambda api: api.post(
        site_path(api, "/themes"), json={"themes": "astra", "activate": True}),
    ("DELETE", "/v1/sites/{id}/themes"): lambda api: api.delete(
        site_path(api, "/themes"), json={"themes": "no-such-theme"}),
    ("PATCH", "/v1/sites/{id}/themes"): lambda api: api.patch(
        site_path(api, "/themes"), json={"theme": first_theme(api), "status": "activate"}),
    ("PUT", "/v1/sites/{id}/themes"): lambda api: api.put(
        site_path(api, "/themes"), json={"theme": first_theme(api)}),
    ("GET", "/v1/sites/{id}/themes/search"): lambda api: api.get(
        site_path(api, "/themes/search"), params={"browse": "popular"}),
}
