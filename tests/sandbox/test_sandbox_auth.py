"""Login, bearer tokens, their expiry on the sandbox clock and revocation."""

import urllib.error
import urllib.request

import jwt
import pytest

from sandbox_testkit import AGENCY_ONE, AGENCY_TWO

SEVEN_DAYS = 7 * 24 * 3600


def test_login_returns_bare_token(anonymous):
    response = anonymous.post("/v1/login", json={"username": AGENCY_ONE, "password": "sandbox-demo-password"})

    assert response.status_code == 200
    assert set(response.json()) == {"token"}
    claims = jwt.decode(response.json()["token"], options={"verify_signature": False})
    assert claims["sub"] == AGENCY_ONE
    assert claims["exp"] - claims["iat"] == SEVEN_DAYS


def test_login_wrong_password_is_401_envelope(anonymous):
    response = anonymous.post("/v1/login", json={"username": AGENCY_ONE, "password": "wrong"})

    assert response.status_code == 401
    body = response.json()
    assert body["success"] is False
    assert "wrong username or password" in body["result"]["msg"]
    assert body["errors"] == body["messages"]


def test_login_missing_fields_names_them(anonymous):
    response = anonymous.post("/v1/login", json={"username": AGENCY_ONE})

    assert response.status_code == 400
    assert "password" in response.json()["result"]["msg"]


def test_login_rejects_invalid_json(anonymous):
    response = anonymous.post("/v1/login", data="{not json", headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert "not valid JSON" in response.json()["result"]["msg"]


def test_missing_token_is_401(anonymous):
    response = anonymous.get("/v1/sites")

    assert response.status_code == 401
    assert response.json()["success"] is False
    assert "Authorization" in response.json()["result"]["msg"]


def test_forged_token_is_401(anonymous):
    forged = jwt.encode({"sub": AGENCY_ONE, "exp": 9999999999}, "a-signing-secret-that-the-sandbox-never-uses-0123", algorithm="HS256")
    response = anonymous.get("/v1/sites", headers={"Authorization": f"Bearer {forged}"})

    assert response.status_code == 401
    assert "invalid" in response.json()["result"]["msg"]


def test_token_expires_after_seven_days_on_clock(api):
    assert api.get("/v1/account/me").status_code == 200

    api.advance(SEVEN_DAYS - 60)
    assert api.get("/v1/account/me").status_code == 200

    api.advance(120)
    response = api.get("/v1/account/me")
    assert response.status_code == 401
    assert "expired" in response.json()["result"]["msg"]

    api.login(AGENCY_ONE)
    assert api.get("/v1/account/me").status_code == 200


def test_expire_tokens_fault_revokes_one_account(api, api_two):
    api.control("faults", {"kind": "expire_tokens", "account": AGENCY_ONE})

    assert api.get("/v1/sites").status_code == 401
    assert api_two.get("/v1/sites").status_code == 200

    api.login(AGENCY_ONE)
    assert api.get("/v1/sites").status_code == 200


def test_accounts_see_only_their_sites(api, api_two):
    own = set(api.site_ids())
    other = set(api_two.site_ids())

    assert own and other
    assert not own & other
    response = api_two.get(f"/v1/sites/{min(own)}")
    assert response.status_code == 404
    assert str(min(own)) in response.json()["result"]["msg"]


def test_account_me_matches_login(api_two):
    body = api_two.get("/v1/account/me").json()

    assert body["success"] is True
    assert body["result"]["client"]["email"] == AGENCY_TWO
    assert body["result"]["usage"]["sites"] == len(api_two.site_ids())


def test_account_me_update_names(api):
    response = api.patch("/v1/account/me", json={"firstname": "Robin", "twofactor_enabled": True})

    assert response.status_code == 200
    client = api.get("/v1/account/me").json()["result"]["client"]
    assert client["firstname"] == "Robin"
    assert client["twofactor_enabled"] is True


def test_account_me_update_rejects_bad_type(api):
    response = api.patch("/v1/account/me", json={"twofactor_enabled": "yes"})

    assert response.status_code == 400
    assert "twofactor_enabled" in response.json()["result"]["msg"]


def test_default_urllib_agent_is_blocked(sandbox):
    request = urllib.request.Request(f"{sandbox.url}/v1/login", method="POST", data=b"{}",
                                     headers={"Content-Type": "application/json"})

    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=5)

    assert raised.value.code == 403
    assert raised.value.read() == b"error code: 1010"


def test_explicit_urllib_agent_is_allowed(sandbox):
    request = urllib.request.Request(
        f"{sandbox.url}/v1/login", method="POST",
        data=b'{"username": "agency-one@example.com", "password": "sandbox-demo-password"}',
        headers={"Content-Type": "application/json", "User-Agent": "rocketdash/0.1"})

    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200
