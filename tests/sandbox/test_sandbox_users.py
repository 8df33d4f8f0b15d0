"""Account users, site users and password strength over real HTTP, with the sandbox mailbox."""

import pytest

PASSWORD = "Correct-Horse-42-Battery"


def mailbox(client, to):
    return client.get("/_sandbox/mailbox", params={"to": to}).json()["result"]


def latest_token(client, to, kind):
    return [message["token"] for message in mailbox(client, to) if message["kind"] == kind][-1]


def invite(api, email="helper@example.com", **fields):
    body = {"firstname": "Hana", "lastname": "Helper", "email": email, **fields}
    response = api.post("/v1/users", json=body)
    assert response.status_code == 200, response.text
    return response.json()["result"]


# Account users

def test_owner_is_listed_first(api):
    users = api.get("/v1/users").json()["result"]

    assert len(users) == 1
    assert users[0]["email"] == api.email
    assert users[0]["roles"] == ["account_owner"]
    assert users[0]["status"] == "active"


def test_account_user_invite_and_accept(api, anonymous):
    user = invite(api, roles=["billing_admin", "user_admin"], twofactor_required=True)

    assert user["status"] == "invited"
    assert user["roles"] == ["billing_admin", "user_admin"]
    assert user["twofactor_required"] is True
    message = mailbox(anonymous, "helper@example.com")[-1]
    assert message["kind"] == "account_user_invite"
    assert message["link"].endswith(f"token={message['token']}")

    accepted = anonymous.get("/v1/users/accept", params={"token": message["token"]})

    assert accepted.json()["result"] == {"success": True}
    assert api.get(f"/v1/users/{user['id']}").json()["result"]["status"] == "active"
    reused = anonymous.get("/v1/users/accept", params={"token": message["token"]})
    assert reused.status_code == 404


def test_reinvite_replaces_token(api, anonymous):
    user = invite(api)
    old = latest_token(anonymous, "helper@example.com", "account_user_invite")

    assert api.post(f"/v1/users/{user['id']}/reinvite").json()["result"] == {"success": True}
    new = latest_token(anonymous, "helper@example.com", "account_user_invite")

    assert new != old
    assert anonymous.get("/v1/users/accept", params={"token": old}).status_code == 404
    assert anonymous.get("/v1/users/accept", params={"token": new}).status_code == 200
    again = api.post(f"/v1/users/{user['id']}/reinvite")
    assert again.status_code == 400
    assert "already accepted" in again.json()["result"]["msg"]


def test_first_password_activates_user(api):
    user = invite(api)

    weak = api.post(f"/v1/users/{user['id']}/password", json={"password": "password"})
    strong = api.post(f"/v1/users/{user['id']}/password", json={"password": PASSWORD})

    assert weak.status_code == 400
    assert "too weak" in weak.json()["result"]["msg"]
    assert strong.json()["result"] == {"success": True}
    assert api.get(f"/v1/users/{user['id']}").json()["result"]["status"] == "active"
    assert api.post(f"/v1/users/{user['id']}/password", json={"password": PASSWORD}).status_code == 400


def test_account_user_update_search_delete(api):
    user = invite(api)
    invite(api, email="other@example.com", firstname="Olga")

    updated = api.patch(f"/v1/users/{user['id']}", json={"roles": ["user_admin"], "twofactor_required": True})
    found = api.get("/v1/users", params={"search": "olga"}).json()["result"]

    assert updated.json()["result"]["roles"] == ["user_admin"]
    assert [item["email"] for item in found] == ["other@example.com"]
    assert api.delete(f"/v1/users/{user['id']}").json()["result"] == {"success": True}
    assert api.get(f"/v1/users/{user['id']}").status_code == 404


def test_account_owner_is_protected(api):
    owner = api.get("/v1/users").json()["result"][0]

    change = api.patch(f"/v1/users/{owner['id']}", json={"roles": ["account_user"]})
    remove = api.delete(f"/v1/users/{owner['id']}")

    assert change.status_code == 403
    assert remove.status_code == 403
    assert "account owner" in remove.json()["result"]["msg"]


@pytest.mark.parametrize(("body", "message"), [
    ({"firstname": "A", "lastname": "B", "email": "not-an-email"}, "not-an-email"),
    ({"firstname": "A", "email": "a@example.com"}, "lastname is required"),
    ({"firstname": "A", "lastname": "B", "email": "a@example.com", "roles": ["root"]}, "root"),
])
def test_account_user_validation(api, body, message):
    response = api.post("/v1/users", json=body)

    assert response.status_code == 400
    assert message in response.json()["result"]["msg"]


def test_account_user_duplicate_email(api):
    invite(api)

    response = api.post("/v1/users", json={"firstname": "A", "lastname": "B", "email": "HELPER@example.com"})

    assert response.status_code == 400
    assert "already exists" in response.json()["result"]["msg"]


def test_account_users_are_per_account(api, api_two):
    user = invite(api)

    assert api_two.get(f"/v1/users/{user['id']}").status_code == 404
    assert [item["email"] for item in api_two.get("/v1/users").json()["result"]] == [api_two.email]


def test_malformed_user_id(api):
    response = api.get("/v1/users/42")

    assert response.status_code == 400
    assert "UUID" in response.json()["result"]["msg"]


# Site users

def create_site_user(api, email="viewer@example.com"):
    user = api.post("/v1/sites/users", json={"name": "Vera Viewer", "email": email}).json()["result"]
    api.post(f"/v1/sites/users/{user['id']}/password", json={"password": PASSWORD, "token": user["token"]})
    return user


def site_user_login(client, email="viewer@example.com", password=PASSWORD):
    return client.post("/v1/sites/users/login", json={"username": email, "password": password})


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_site_user_invite_accept_and_list(api, anonymous):
    site_id = api.site_ids()[0]
    invited = api.post(f"/v1/sites/{site_id}/users", json={"name": "Vera Viewer", "email": "viewer@example.com"})
    user_id = invited.json()["result"]["id"]

    listed = api.get(f"/v1/sites/{site_id}/users").json()["result"]
    assert [(item["id"], item["status"]) for item in listed] == [(user_id, "Invited")]

    token = latest_token(anonymous, "viewer@example.com", "site_user_invite")
    accepted = anonymous.get(f"/v1/sites/{site_id}/users/accept", params={"token": token})
    assert accepted.json()["result"] == {"success": True}
    listed = api.get(f"/v1/sites/{site_id}/users").json()["result"]
    assert listed[0]["status"] == "Active"
    assert listed[0]["token"] == ""


def test_site_user_login_and_site_list(api, anonymous):
    create_site_user(api)
    first, second = api.site_ids()[:2]
    for site_id in (first, second):
        api.post(f"/v1/sites/{site_id}/users", json={"name": "Vera", "email": "viewer@example.com"})
    token = site_user_login(anonymous).json()["token"]

    accepted = anonymous.post(f"/v1/sites/{first}/users/accept", headers=bearer(token))
    sites = anonymous.get("/v1/sites/users", headers=bearer(token)).json()["result"]
    active = anonymous.get("/v1/sites/users", params={"status": "Active"}, headers=bearer(token)).json()["result"]

    assert accepted.json()["result"] == {"success": True}
    assert {site["id"]: site["status"] for site in sites} == {first: "Active", second: "Invited"}
    assert [site["id"] for site in active] == [first]
    assert isinstance(sites[0]["metadata"], str)


def test_site_user_token_is_not_an_agency_token(api, anonymous):
    create_site_user(api)
    token = site_user_login(anonymous).json()["token"]

    response = anonymous.get("/v1/sites", headers=bearer(token))

    assert response.status_code == 401


def test_site_list_needs_site_user_token(api):
    response = api.get("/v1/sites/users")

    assert response.status_code == 403
    assert "/v1/sites/users/login" in response.json()["result"]["msg"]


def test_site_user_login_rejects_wrong_password(api, anonymous):
    create_site_user(api)

    response = site_user_login(anonymous, password="wrong-password")

    assert response.status_code == 401


def test_site_user_reset_password(api, anonymous):
    user = create_site_user(api)

    reset = anonymous.post("/v1/sites/users/reset-password", json={"email": "viewer@example.com"})
    token = latest_token(anonymous, "viewer@example.com", "site_user_password")
    wrong = anonymous.post(f"/v1/sites/users/{user['id']}/password", json={"password": "New-Pass-123", "token": "x"})
    right = anonymous.post(f"/v1/sites/users/{user['id']}/password", json={"password": "New-Pass-123", "token": token})

    assert reset.json()["result"] == {"success": True}
    assert wrong.status_code == 403
    assert right.json()["result"] == {"success": True}
    assert site_user_login(anonymous, password="New-Pass-123").status_code == 200
    assert site_user_login(anonymous).status_code == 401
    unknown = anonymous.post("/v1/sites/users/reset-password", json={"email": "nobody@example.com"})
    assert unknown.status_code == 404


def test_site_user_update_by_owner_and_self(api, api_two, anonymous):
    user = create_site_user(api)
    token = site_user_login(anonymous).json()["token"]

    by_owner = api.patch(f"/v1/sites/users/{user['id']}", json={"name": "Vera V."})
    by_self = anonymous.patch(f"/v1/sites/users/{user['id']}", json={"email": "vera@example.com"},
                              headers=bearer(token))
    by_outsider = api_two.patch(f"/v1/sites/users/{user['id']}", json={"name": "Mallory"})

    assert by_owner.json()["result"] == {"success": True}
    assert by_self.json()["result"] == {"success": True}
    assert by_outsider.status_code == 404
    assert site_user_login(anonymous, email="vera@example.com").status_code == 200


def test_site_user_reinvite_and_remove(api, anonymous):
    site_id = api.site_ids()[0]
    user_id = api.post(f"/v1/sites/{site_id}/users", json={"name": "V", "email": "viewer@example.com"}).json()["result"]["id"]
    old = latest_token(anonymous, "viewer@example.com", "site_user_invite")

    reinvited = api.post(f"/v1/sites/{site_id}/users/{user_id}/reinvite")
    stale = anonymous.get(f"/v1/sites/{site_id}/users/accept", params={"token": old})
    removed = api.delete(f"/v1/sites/{site_id}/users/{user_id}")

    assert reinvited.json()["result"] == {"success": True, "id": user_id}
    assert stale.status_code == 404
    assert removed.json()["result"] == {"success": True}
    assert api.get(f"/v1/sites/{site_id}/users").json()["result"] == []
    assert api.delete(f"/v1/sites/{site_id}/users/{user_id}").status_code == 404


def test_site_invite_expires_after_seven_days(api, anonymous):
    site_id = api.site_ids()[0]
    api.post(f"/v1/sites/{site_id}/users", json={"name": "V", "email": "viewer@example.com"})
    token = latest_token(anonymous, "viewer@example.com", "site_user_invite")
    api.advance(8 * 24 * 3600)

    response = anonymous.get(f"/v1/sites/{site_id}/users/accept", params={"token": token})

    assert response.status_code == 400
    assert "expired" in response.json()["result"]["msg"]


def test_site_user_validation(api):
    response = api.post(f"/v1/sites/{api.site_ids()[0]}/users", json={"name": "V", "email": "nope"})

    assert response.status_code == 400
    assert "nope" in response.json()["result"]["msg"]


# Password strength

@pytest.mark.parametrize(("password", "strength", "strong"), [
    ("password", 0, False),
    ("short1!", 0, False),
    ("alllowercaseletters", 2, False),
    ("Correct-Horse-42-Battery", 4, True),
])
def test_password_strength_scores(api, password, strength, strong):
    result = api.post("/v1/password_strength", json={"password": password}).json()["result"]

    assert result == {"strength": strength, "strong": strong}


def test_user_password_strength_lists_missed(api):
    result = api.post("/v1/users/password_strength", json={"password": "abcdefgh"}).json()["result"]

    assert result["strong"] is False
    assert "mixed_case" in result["missed_requirements"]
    assert set(result["missed_requirements"]) <= set(result["requirements"])


def test_generated_password_is_strong(api):
    password = api.post("/v1/users/generate_password", json={"length": 24}).json()["result"]["password"]

    assert len(password) == 24
    check = api.post("/v1/users/password_strength", json={"password": password}).json()["result"]
    assert check["missed_requirements"] == []


@pytest.mark.parametrize("length", [4, 500, "long", True])
def test_generate_password_rejects_bad_length(api, length):
    response = api.post("/v1/users/generate_password", json={"length": length})

    assert response.status_code == 400
    assert "length" in response.json()["result"]["msg"]


def test_password_strength_requires_password(api):
    response = api.post("/v1/password_strength", json={})

    assert response.status_code == 400
    assert "password is required" in response.json()["result"]["msg"]


def test_site_list_without_token_is_401(anonymous):
    response = anonymous.get("/v1/sites/users")

    assert response.status_code == 401
    assert "Bearer" in response.json()["result"]["msg"]
