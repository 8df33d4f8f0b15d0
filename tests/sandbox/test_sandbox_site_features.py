"""Password protection, ShopShield, custom SSL and activity events over real HTTP."""

import pytest

CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIBsandbox\n-----END CERTIFICATE-----\n"
KEY = "-----BEGIN PRIVATE KEY-----\nMIIEsandbox\n-----END PRIVATE KEY-----\n"


@pytest.fixture
def site_id(api):
    return api.site_ids()[0]


# Password protection

def test_password_protection_lifecycle(api, site_id):
    base = f"/v1/sites/{site_id}/password_protection"

    assert api.get(base).json()["result"] == {"enabled": False}
    assert api.post(base).status_code == 400
    api.post(f"{base}/users", json={"username": "client", "password": "s3cret-pass"})
    api.post(f"{base}/users", json={"username": "agency", "password": "s3cret-pass"})
    assert api.post(base).json()["result"] == {"success": True}
    assert api.get(base).json()["result"] == {"enabled": True}

    users = api.get(f"{base}/users", params={"sort": "username"}).json()["result"]["users"]
    assert [user["username"] for user in users] == ["agency", "client"]
    assert all("password" not in str(user) for user in users)
    found = api.get(f"{base}/users", params={"search": "cli"}).json()["result"]["users"]
    assert [user["username"] for user in found] == ["client"]

    for user in users:
        assert api.delete(f"{base}/users/{user['user_id']}").json()["result"] == {"success": True}
    # Removing the last user turns protection off, or nobody could get in.
    assert api.get(base).json()["result"] == {"enabled": False}


def test_password_protection_disable(api, site_id):
    base = f"/v1/sites/{site_id}/password_protection"
    api.post(f"{base}/users", json={"username": "client", "password": "s3cret-pass"})
    api.post(base)

    assert api.delete(base).json()["result"] == {"success": True}
    assert api.get(base).json()["result"] == {"enabled": False}


@pytest.mark.parametrize(("body", "message"), [
    ({"password": "s3cret-pass"}, "username is required"),
    ({"username": "a:b", "password": "s3cret-pass"}, "colon"),
    ({"username": "client", "password": "123"}, "at least 6"),
])
def test_password_protection_user_validation(api, site_id, body, message):
    response = api.post(f"/v1/sites/{site_id}/password_protection/users", json=body)

    assert response.status_code == 400
    assert message in response.json()["result"]["msg"]


def test_password_protection_duplicate_and_missing_user(api, site_id):
    base = f"/v1/sites/{site_id}/password_protection/users"
    api.post(base, json={"username": "client", "password": "s3cret-pass"})

    duplicate = api.post(base, json={"username": "client", "password": "other-pass"})
    missing = api.delete(f"{base}/nobody")

    assert duplicate.status_code == 400
    assert missing.status_code == 404


# ShopShield

def test_shop_shield_lifecycle(api, site_id):
    base = f"/v1/sites/{site_id}/shop_shield"
    checkout = api.post(base, json={"uri": "/checkout", "notify_site_owner": True}).json()["result"]
    api.post(base, json={"uri": "/cart"})
    notices = [message for message in api.get("/_sandbox/mailbox", params={"to": api.email}).json()["result"]
               if message["kind"] == "shop_shield_enabled"]
    assert len(notices) == 1
    assert "/checkout" in notices[0]["subject"]

    listed = api.get(base, params={"sort": "uri", "direction": "ASC"}).json()["result"]
    assert [item["uri"] for item in listed] == ["/cart", "/checkout"]
    assert api.get(base, params={"uri": "check"}).json()["result"] == [checkout]
    assert api.get(base, params={"uri_id": checkout["id"]}).json()["result"] == [checkout]
    assert api.get(f"{base}/{checkout['id']}").json()["result"] == checkout

    assert api.delete(f"{base}/{checkout['id']}").json()["result"] == {"success": True}
    assert api.get(f"{base}/{checkout['id']}").status_code == 404
    assert [item["uri"] for item in api.get(base).json()["result"]] == ["/cart"]


@pytest.mark.parametrize(("body", "message"), [
    ({}, "uri is required"),
    ({"uri": "checkout"}, "starting with '/'"),
    ({"uri": "/checkout", "notify_site_owner": "yes"}, "notify_site_owner"),
])
def test_shop_shield_validation(api, site_id, body, message):
    response = api.post(f"/v1/sites/{site_id}/shop_shield", json=body)

    assert response.status_code == 400
    assert message in response.json()["result"]["msg"]


def test_shop_shield_duplicate_and_bad_id(api, site_id):
    base = f"/v1/sites/{site_id}/shop_shield"
    api.post(base, json={"uri": "/checkout"})

    assert api.post(base, json={"uri": "/checkout"}).status_code == 400
    bad_id = api.get(f"{base}/42")
    assert bad_id.status_code == 400
    assert "UUID" in bad_id.json()["result"]["msg"]


# Custom SSL

def test_custom_ssl_empty_list_is_bare_array(api, site_id):
    response = api.get(f"/v1/sites/{site_id}/ssl/certificates")

    assert response.status_code == 200
    assert response.json() == []


def test_custom_ssl_lifecycle(api, site_id):
    domain = api.get(f"/v1/sites/{site_id}").json()["result"]["domain"]
    base = f"/v1/sites/{site_id}/ssl/certificates"

    uploaded = api.post(base, json={"domains": [domain, f"www.{domain}"], "certificate": CERTIFICATE, "key": KEY})

    certificate = uploaded.json()
    assert "result" not in certificate
    assert certificate["domains"] == [domain, f"www.{domain}"]
    assert certificate["expires_on"] > certificate["issued_on"]
    assert api.get(base).json() == [certificate]
    assert api.get(f"{base}/{certificate['id']}").json() == certificate

    deleted = api.delete(f"{base}/{certificate['id']}")
    assert deleted.status_code == 200
    assert api.get(base).json() == []
    assert api.get(f"{base}/{certificate['id']}").status_code == 404


@pytest.mark.parametrize(("change", "message"), [
    ({"domains": []}, "domains is required"),
    ({"domains": ["example.org"]}, "example.org"),
    ({"certificate": "not a pem"}, "BEGIN CERTIFICATE"),
    ({"key": "not a key"}, "BEGIN PRIVATE KEY"),
])
def test_custom_ssl_validation(api, site_id, change, message):
    domain = api.get(f"/v1/sites/{site_id}").json()["result"]["domain"]
    body = {"domains": [domain], "certificate": CERTIFICATE, "key": KEY, **change}

    response = api.post(f"/v1/sites/{site_id}/ssl/certificates", json=body)

    assert response.status_code == 400
    assert message in response.json()["result"]["msg"]


# Activity

def events(api, site_id, **params):
    return api.get(f"/v1/sites/{site_id}/activity/events", params={"per_page": 100, **params}).json()


def test_activity_seeded_events_newest_first(api, site_id):
    body = events(api, site_id)

    assert body["metadata"]["total"] == 12
    stamps = [event["created_at"] for event in body["result"]]
    assert stamps == sorted(stamps, reverse=True)


def test_activity_insert_get_delete(api, site_id):
    created = api.post(f"/v1/sites/{site_id}/activity/events", json={
        "type": "plugin", "action": "installed", "label": "Plugin Akismet installed", "author": "agency",
        "user_email": "ops@example.com", "ip": "192.0.2.10", "description": "Installed from the dashboard",
    }).json()["result"]

    assert created["site_id"] == site_id
    assert events(api, site_id)["result"][0] == created
    assert api.get(f"/v1/sites/{site_id}/activity/events/{created['id']}").json()["result"] == created
    assert api.delete(f"/v1/sites/{site_id}/activity/events/{created['id']}").json()["result"] == created
    assert api.get(f"/v1/sites/{site_id}/activity/events/{created['id']}").status_code == 404


def test_activity_filters(api, site_id):
    api.post(f"/v1/sites/{site_id}/activity/events", json={
        "type": "backup", "action": "created", "author": "robot", "ip": "192.0.2.99"})

    by_type = events(api, site_id, event_type="backup")["result"]
    by_author = events(api, site_id, author="robot", ip="192.0.2.99")["result"]
    recent = events(api, site_id, duration="30m")["result"]

    assert [event["type"] for event in by_type] == ["backup"]
    assert [event["author"] for event in by_author] == ["robot"]
    assert [event["author"] for event in recent] == ["robot"]


def test_activity_date_filters(api, site_id):
    everything = events(api, site_id)["result"]
    oldest_day = everything[-1]["created_at"][:10]

    until_oldest = events(api, site_id, date_to=oldest_day)["result"]
    after_oldest = events(api, site_id, date_from=everything[-2]["created_at"])["result"]

    assert all(event["created_at"][:10] <= oldest_day for event in until_oldest)
    assert everything[-1] in until_oldest
    assert everything[-1] not in after_oldest
    bad = api.get(f"/v1/sites/{site_id}/activity/events", params={"date_from": "yesterday"})
    assert bad.status_code == 400
    assert "yesterday" in bad.json()["result"]["msg"]


def test_activity_disable_blocks_inserts(api, site_id):
    base = f"/v1/sites/{site_id}/activity"

    assert api.post(f"{base}/disable").json()["result"] == {"success": True}
    blocked = api.post(f"{base}/events", json={"type": "plugin", "action": "installed"})
    assert blocked.status_code == 400
    assert "activity/enable" in blocked.json()["result"]["msg"]
    assert events(api, site_id)["metadata"]["total"] == 12

    api.post(f"{base}/enable")
    assert api.post(f"{base}/events", json={"type": "plugin", "action": "installed"}).status_code == 200


def test_activity_switch_sets_wp_activity_log(api, site_id):
    base = f"/v1/sites/{site_id}/activity"

    api.post(f"{base}/disable")
    after_disable = api.get(f"/v1/sites/{site_id}/settings").json()["result"]["wp_activity_log"]
    api.post(f"{base}/enable")
    after_enable = api.get(f"/v1/sites/{site_id}/settings").json()["result"]["wp_activity_log"]

    assert after_disable == 0
    assert after_enable == 1


def test_activity_insert_needs_type_and_action(api, site_id):
    response = api.post(f"/v1/sites/{site_id}/activity/events", json={"label": "x"})

    assert response.status_code == 400
    assert "type is required" in response.json()["result"]["msg"]


def test_site_features_hidden_from_other_account(api, api_two, site_id):
    for path in ("/password_protection", "/shop_shield", "/ssl/certificates", "/activity/events"):
        response = api_two.get(f"/v1/sites/{site_id}{path}")
        assert response.status_code == 404, path
