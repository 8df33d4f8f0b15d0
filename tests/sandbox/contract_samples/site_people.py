"""Samples for account users, site users, password strength and site transfers."""

from .helpers import first_site

PASSWORD = "Correct-Horse-42-Battery"


def mailbox_token(api, to, kind):
    messages = api.get("/_sandbox/mailbox", params={"to": to}).json()["result"]
    return [message["token"] for message in messages if message["kind"] == kind][-1]


def invited_user(api, email="helper@example.com"):
    return api.post("/v1/users", json={"firstname": "Hana", "lastname": "Helper", "email": email}).json()["result"]


def accept_account_invite(api):
    invited_user(api)
    token = mailbox_token(api, "helper@example.com", "account_user_invite")
    return api.get("/v1/users/accept", params={"token": token})


def site_user_with_password(api, email="viewer@example.com"):
    user = api.post("/v1/sites/users", json={"name": "Vera Viewer", "email": email}).json()["result"]
    api.post(f"/v1/sites/users/{user['id']}/password", json={"password": PASSWORD, "token": user["token"]})
    return user


def site_user_token(api, email="viewer@example.com"):
    site_user_with_password(api, email)
    return api.post("/v1/sites/users/login", json={"username": email, "password": PASSWORD}).json()["token"]


def invited_to_site(api):
    site_id = first_site(api)
    invite = api.post(f"/v1/sites/{site_id}/users", json={"name": "Vera Viewer", "email": "viewer@example.com"})
    return site_id, invite.json()["result"]["id"]


def sites_of_site_user(api):
    token = site_user_token(api)
    site_id, _ = invited_to_site(api)
    invite = mailbox_token(api, "viewer@example.com", "site_user_invite")
    api.get(f"/v1/sites/{site_id}/users/accept", params={"token": invite})
    return api.get("/v1/sites/users", headers={"Authorization": f"Bearer {token}"})


def accept_as_site_user(api):
    token = site_user_token(api)
    site_id, _ = invited_to_site(api)
    return api.post(f"/v1/sites/{site_id}/users/accept", headers={"Authorization": f"Bearer {token}"})


def accept_site_invite_by_token(api):
    site_id, _ = invited_to_site(api)
    token = mailbox_token(api, "viewer@example.com", "site_user_invite")
    return api.get(f"/v1/sites/{site_id}/users/accept", params={"token": token})


def open_transfer(api):
    site_id = first_site(api)
    transfer = api.post(f"/v1/sites/{site_id}/transfer", json={"email": "agency-two@example.com"}).json()["result"]
    return site_id, transfer["transfer_id"]


def as_agency_two(api, method, path):
    from sandbox_testkit import AGENCY_TWO, Api

    return getattr(Api(api.base_url, email=AGENCY_TWO), method)(path)


def transfer_step(step):
    def sample(api):
        site_id, transfer_id = open_transfer(api)
        path = f"/v1/sites/{site_id}/transfer/{transfer_id}/{step}"
        if step == "cancel":
            return api.post(path)
        return as_agency_two(api, "post", path)

    return sample


SAMPLES = {
    ("GET", "/v1/users"): lambda api: (invited_user(api), api.get("/v1/users", params={"sort": "email"}))[1],
    ("POST", "/v1/users"): lambda api: api.post("/v1/users", json={
        "firstname": "Hana", "lastname": "Helper", "email": "helper@example.com", "roles": ["billing_admin"]}),
    ("GET", "/v1/users/{user_id}"): lambda api: api.get(f"/v1/users/{invited_user(api)['id']}"),
    ("PATCH", "/v1/users/{user_id}"): lambda api: api.patch(
        f"/v1/users/{invited_user(api)['id']}", json={"roles": ["user_admin"], "twofactor_required": True}),
    ("DELETE", "/v1/users/{user_id}"): lambda api: api.delete(f"/v1/users/{invited_user(api)['id']}"),
    ("POST", "/v1/users/{user_id}/reinvite"): lambda api: api.post(f"/v1/users/{invited_user(api)['id']}/reinvite"),
    ("POST", "/v1/users/{user_id}/password"): lambda api: api.post(
        f"/v1/users/{invited_user(api)['id']}/password", json={"password": PASSWORD}),
    ("GET", "/v1/users/accept"): accept_account_invite,
    ("POST", "/v1/password_strength"): lambda api: api.post("/v1/password_strength", json={"password": "hunter2"}),
    ("POST", "/v1/users/password_strength"): lambda api: api.post(
        "/v1/users/password_strength", json={"password": "short"}),
    ("POST", "/v1/users/generate_password"): lambda api: api.post("/v1/users/generate_password", json={"length": 16}),
    ("POST", "/v1/sites/users"): lambda api: api.post(
        "/v1/sites/users", json={"name": "Vera Viewer", "email": "viewer@example.com"}),
    ("GET", "/v1/sites/users"): sites_of_site_user,
    ("POST", "/v1/sites/users/login"): lambda api: (site_user_with_password(api), api.post(
        "/v1/sites/users/login", json={"username": "viewer@example.com", "password": PASSWORD}))[1],
    ("POST", "/v1/sites/users/reset-password"): lambda api: (site_user_with_password(api), api.post(
        "/v1/sites/users/reset-password", json={"email": "viewer@example.com"}))[1],
    ("PATCH", "/v1/sites/users/{user_id}"): lambda api: api.patch(
        f"/v1/sites/users/{site_user_with_password(api)['id']}", json={"name": "Vera V."}),
    ("POST", "/v1/sites/users/{user_id}/password"): lambda api: (lambda user: api.post(
        f"/v1/sites/users/{user['id']}/password", json={"password": PASSWORD, "token": user["token"]}))(
        api.post("/v1/sites/users", json={"name": "Vera", "email": "vera@example.com"}).json()["result"]),
    ("GET", "/v1/sites/{id}/users"): lambda api: (invited_to_site(api), api.get(f"/v1/sites/{first_site(api)}/users"))[1],
    ("POST", "/v1/sites/{id}/users"): lambda api: api.post(
        f"/v1/sites/{first_site(api)}/users", json={"name": "Vera Viewer", "email": "viewer@example.com"}),
    ("GET", "/v1/sites/{id}/users/accept"): accept_site_invite_by_token,
    ("POST", "/v1/sites/{id}/users/accept"): accept_as_site_user,
    ("DELETE", "/v1/sites/{id}/users/{user_id}"): lambda api: (lambda pair: api.delete(
        f"/v1/sites/{pair[0]}/users/{pair[1]}"))(invited_to_site(api)),
    ("POST", "/v1/sites/{id}/users/{user_id}/reinvite"): lambda api: (lambda pair: api.post(
        f"/v1/sites/{pair[0]}/users/{pair[1]}/reinvite"))(invited_to_site(api)),
    ("POST", "/v1/sites/{id}/transfer"): lambda api: api.post(
        f"/v1/sites/{first_site(api)}/transfer", json={"email": "agency-two@example.com"}),
    ("POST", "/v1/sites/{id}/transfer/{transfer_id}/accept"): transfer_step("accept"),
    ("POST", "/v1/sites/{id}/transfer/{transfer_id}/reject"): transfer_step("reject"),
    ("POST", "/v1/sites/{id}/transfer/{transfer_id}/cancel"): transfer_step("cancel"),
}
