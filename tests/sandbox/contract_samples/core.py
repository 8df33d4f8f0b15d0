"""Samples for login, account, sites and site tasks."""

from .helpers import first_site, running_clone


def cancel_task(api):
    site_id = first_site(api)
    task_id = running_clone(api, site_id)
    return api.post(f"/v1/sites/{site_id}/tasks/{task_id}/cancel")


SAMPLES = {
    ("POST", "/v1/login"): lambda api: api.post(
        "/v1/login", json={"username": api.email, "password": "sandbox-demo-password"}),
    ("GET", "/v1/account/me"): lambda api: api.get("/v1/account/me"),
    ("PATCH", "/v1/account/me"): lambda api: api.patch("/v1/account/me", json={"lastname": "Lee"}),
    ("GET", "/v1/account/tasks"): lambda api: api.get("/v1/account/tasks"),
    ("GET", "/v1/sites"): lambda api: api.get("/v1/sites", params={"per_page": 3, "sort": "label"}),
    ("POST", "/v1/sites"): lambda api: api.post("/v1/sites", json={
        "name": "contract", "location": 1, "admin_username": "admin", "admin_email": "a@example.com"}),
    ("GET", "/v1/sites/{id}"): lambda api: api.get(f"/v1/sites/{first_site(api)}"),
    ("PATCH", "/v1/sites/{id}"): lambda api: api.patch(f"/v1/sites/{first_site(api)}", json={"label": "New"}),
    ("DELETE", "/v1/sites/{id}"): lambda api: api.delete(f"/v1/sites/{first_site(api)}"),
    ("POST", "/v1/sites/{id}/clone"): lambda api: api.post(f"/v1/sites/{first_site(api)}/clone", json={}),
    ("GET", "/v1/sites/locations"): lambda api: api.get("/v1/sites/locations"),
    ("GET", "/v1/sites/all_locations"): lambda api: api.get("/v1/sites/all_locations"),
    ("GET", "/v1/sites/{id}/tasks"): lambda api: api.get(f"/v1/sites/{first_site(api)}/tasks"),
    ("POST", "/v1/sites/{id}/tasks/{task_id}/cancel"): cancel_task,
}
