"""Samples for site templates."""

from .helpers import first_site


def template_now(api, name="Starter"):
    return api.post("/v1/sites/templates", json={
        "name": name, "site_id": first_site(api), "notes": "Base shop", "tags": ["shop"]}).json()["result"]


SAMPLES = {
    ("POST", "/v1/site_templates"): lambda api: api.post(
        "/v1/site_templates", json={"name": "Starter", "site_id": first_site(api), "tags": ["shop"]}),
    ("POST", "/v1/sites/templates"): lambda api: api.post(
        "/v1/sites/templates", json={"name": "Starter", "site_id": first_site(api)}),
    ("GET", "/v1/sites/templates"): lambda api: (template_now(api), api.get(
        "/v1/sites/templates", params={"tags": "shop", "sort": "name"}))[1],
    ("GET", "/v1/sites/templates/{template_id}"): lambda api: api.get(
        f"/v1/sites/templates/{template_now(api)['template_id']}"),
    ("DELETE", "/v1/sites/templates/{template_id}"): lambda api: api.delete(
        f"/v1/sites/templates/{template_now(api)['template_id']}"),
    ("POST", "/v1/sites/templates/{template_id}/sites"): lambda api: api.post(
        f"/v1/sites/templates/{template_now(api)['template_id']}/sites",
        json={"name": "From template", "location": 1, "template_replacements": [{"key": "Acme", "value": "Beta"}]}),
}
