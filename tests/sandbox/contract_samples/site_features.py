"""Samples for password protection, ShopShield, custom SSL and activity events."""

from .helpers import first_site

CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIBsandbox\n-----END CERTIFICATE-----\n"
KEY = "-----BEGIN PRIVATE KEY-----\nMIIEsandbox\n-----END PRIVATE KEY-----\n"


def site_path(api, suffix):
    return f"/v1/sites/{first_site(api)}{suffix}"


def protection_user(api):
    api.post(site_path(api, "/password_protection/users"), json={"username": "client", "password": "s3cret-pass"})
    return api.get(site_path(api, "/password_protection/users")).json()["result"]["users"][0]["user_id"]


def shielded_uri(api):
    return api.post(site_path(api, "/shop_shield"), json={"uri": "/checkout"}).json()["result"]["id"]


def upload_certificate(api):
    site_id = first_site(api)
    domain = api.get(f"/v1/sites/{site_id}").json()["result"]["domain"]
    return api.post(f"/v1/sites/{site_id}/ssl/certificates",
                    json={"domains": [domain], "certificate": CERTIFICATE, "key": KEY})


def uploaded_certificate(api):
    return upload_certificate(api).json()["id"]


def first_event(api):
    return api.get(site_path(api, "/activity/events")).json()["result"][0]["id"]


SAMPLES = {
    ("GET", "/v1/sites/{id}/password_protection"): lambda api: api.get(site_path(api, "/password_protection")),
    ("POST", "/v1/sites/{id}/password_protection"): lambda api: (
        protection_user(api), api.post(site_path(api, "/password_protection")))[1],
    ("DELETE", "/v1/sites/{id}/password_protection"): lambda api: api.delete(site_path(api, "/password_protection")),
    ("GET", "/v1/sites/{id}/password_protection/users"): lambda api: (
        protection_user(api), api.get(site_path(api, "/password_protection/users"), params={"direction": "DESC"}))[1],
    ("POST", "/v1/sites/{id}/password_protection/users"): lambda api: api.post(
        site_path(api, "/password_protection/users"), json={"username": "client", "password": "s3cret-pass"}),
    ("DELETE", "/v1/sites/{id}/password_protection/users/{user_id}"): lambda api: api.delete(
        site_path(api, f"/password_protection/users/{protection_user(api)}")),
    ("GET", "/v1/sites/{id}/shop_shield"): lambda api: (shielded_uri(api), api.get(site_path(api, "/shop_shield")))[1],
    ("POST", "/v1/sites/{id}/shop_shield"): lambda api: api.post(
        site_path(api, "/shop_shield"), json={"uri": "/cart", "notify_site_owner": True}),
    ("GET", "/v1/sites/{id}/shop_shield/{uri_id}"): lambda api: api.get(
        site_path(api, f"/shop_shield/{shielded_uri(api)}")),
    ("DELETE", "/v1/sites/{id}/shop_shield/{uri_id}"): lambda api: api.delete(
        site_path(api, f"/shop_shield/{shielded_uri(api)}")),
    ("GET", "/v1/sites/{id}/ssl/certificates"): lambda api: (
        uploaded_certificate(api), api.get(site_path(api, "/ssl/certificates")))[1],
    ("POST", "/v1/sites/{id}/ssl/certificates"): upload_certificate,
    ("GET", "/v1/sites/{id}/ssl/certificates/{certificate_id}"): lambda api: api.get(
        site_path(api, f"/ssl/certificates/{uploaded_certificate(api)}")),
    ("DELETE", "/v1/sites/{id}/ssl/certificates/{certificate_id}"): lambda api: api.delete(
        site_path(api, f"/ssl/certificates/{uploaded_certificate(api)}")),
    ("GET", "/v1/sites/{id}/activity/events"): lambda api: api.get(
        site_path(api, "/activity/events"), params={"duration": "30d", "per_page": 5}),
    ("POST", "/v1/sites/{id}/activity/events"): lambda api: api.post(
        site_path(api, "/activity/events"), json={"type": "plugin", "action": "installed", "label": "Plugin added"}),
    ("GET", "/v1/sites/{id}/activity/events/{event_id}"): lambda api: api.get(
        site_path(api, f"/activity/events/{first_event(api)}")),
    ("DELETE", "/v1/sites/{id}/activity/events/{event_id}"): lambda api: api.delete(
        site_path(api, f"/activity/events/{first_event(api)}")),
    ("POST", "/v1/sites/{id}/activity/enable"): lambda api: api.post(site_path(api, "/activity/enable")),
    ("POST", "/v1/sites/{id}/activity/disable"): lambda api: api.post(site_path(api, "/activity/disable")),
}
