"""Domains and CDN cache: main domain validation over time, aliases, edge settings, purges."""

from sandbox_testkit import TASK_SECONDS


def new_site(api):
    """Return the id of a freshly provisioned site that still runs on its CDN URL."""
    site = api.post("/v1/sites", json={"name": "fresh", "location": 1, "admin_username": "admin",
                                       "admin_email": "ops@example.com"}).json()["result"]
    api.advance(TASK_SECONDS + 1)
    return site["id"]


def test_new_site_starts_on_cdn_url(api):
    site_id = new_site(api)

    record = api.get(f"/v1/sites/{site_id}/maindomain").json()["result"]

    assert record["active_wordpress_domain"] == "cdn_url"
    assert record["domain"].endswith(".onrocket.site")
    assert record["show_go_live"] == 1


def test_set_maindomain_validates_over_time(api):
    site_id = new_site(api)

    response = api.post(f"/v1/sites/{site_id}/maindomain", json={"domain": "Launch-Day.example.com"})
    pending = api.get(f"/v1/sites/{site_id}/maindomain/status").json()["result"]["maindomain"]
    api.advance(TASK_SECONDS + 1)
    active = api.get(f"/v1/sites/{site_id}/maindomain/status").json()["result"]["maindomain"]

    assert response.status_code == 200
    assert response.json()["result"]["domain"] == "launch-day.example.com"
    assert response.json()["result"]["hostname_status"] == "pending"
    assert response.json()["result"]["validation_records"][0]["type"] == "cname"
    assert pending["domain_status"] == "pending"
    assert pending["validation_errors"]
    assert active["domain_status"] == "active"
    assert active["validation_errors"] == []
    assert api.get(f"/v1/sites/{site_id}").json()["result"]["domain"] == "launch-day.example.com"


def test_set_maindomain_twice_needs_put(api):
    site_id = api.site_ids()[0]

    response = api.post(f"/v1/sites/{site_id}/maindomain", json={"domain": "other.example.com"})

    assert response.status_code == 400
    assert "PUT" in response.json()["result"]["msg"]


def test_replace_maindomain(api):
    site_id = api.site_ids()[0]

    response = api.put(f"/v1/sites/{site_id}/maindomain", json={"domain": "rebrand.example.org"})

    assert response.json()["result"]["domain"] == "rebrand.example.org"
    assert api.get(f"/v1/sites/{site_id}").json()["result"]["domain"] == "rebrand.example.org"


def test_maindomain_rejects_bad_domains(api):
    site_id = api.site_ids()[0]
    other_domain = api.get(f"/v1/sites/{api.site_ids()[1]}").json()["result"]["domain"]

    for value, expected in (("https://x.com/page", "bare hostname"), ("not a domain", "not a valid hostname"),
                            ("", "required"), (other_domain, "already used")):
        response = api.put(f"/v1/sites/{site_id}/maindomain", json={"domain": value})
        assert response.status_code == 400, value
        assert expected in response.json()["result"]["msg"], value


def test_recheck_force_activates(api):
    site_id = api.site_ids()[0]
    api.put(f"/v1/sites/{site_id}/maindomain", json={"domain": "quick.example.net"})

    waiting = api.get(f"/v1/sites/{site_id}/maindomain/recheck").json()["result"]
    forced = api.get(f"/v1/sites/{site_id}/maindomain/recheck", params={"force": "true"}).json()["result"]
    record = api.get(f"/v1/sites/{site_id}/maindomain").json()["result"]

    assert "pending" in waiting
    assert "active" in forced
    assert record["hostname_status"] == "active"
    assert record["ssl_status"] == "active"


def test_patch_validation_method_to_txt(api):
    site_id = api.site_ids()[0]
    api.put(f"/v1/sites/{site_id}/maindomain", json={"domain": "txt.example.net"})

    result = api.patch(f"/v1/sites/{site_id}/maindomain",
                       json={"validation_method": "txt", "certificate_authority": "lets_encrypt"}).json()["result"]

    assert result["validation_method"] == "txt"
    assert result["certificate_authority"] == "lets_encrypt"
    assert result["validation_records"][0]["type"] == "txt"


def test_patch_maindomain_rejects_unknown_authority(api):
    site_id = api.site_ids()[0]

    response = api.patch(f"/v1/sites/{site_id}/maindomain", json={"certificate_authority": "acme-ca"})

    assert response.status_code == 400
    assert "acme-ca" in response.json()["result"]["msg"]


def test_prefix_switches_www(api):
    site_id = api.site_ids()[0]
    domain = api.get(f"/v1/sites/{site_id}").json()["result"]["domain"]

    api.patch(f"/v1/sites/{site_id}/maindomain/prefix", json={"www": True})
    with_www = api.get(f"/v1/sites/{site_id}/maindomain").json()["result"]
    api.patch(f"/v1/sites/{site_id}/maindomain/prefix", json={"www": False})
    without = api.get(f"/v1/sites/{site_id}/maindomain").json()["result"]

    assert with_www["domain"] == f"www.{domain}"
    assert with_www["domain_type"] == "www"
    assert without["domain"] == domain


def test_alias_lifecycle(api):
    site_id = api.site_ids()[0]

    created = api.post(f"/v1/sites/{site_id}/domains", json={"domain": "alias.example.com"}).json()["result"]
    listed = api.get(f"/v1/sites/{site_id}/domains").json()
    detail = api.get(f"/v1/sites/{site_id}").json()["result"]["domains"][0]["additional_domains"]
    duplicate = api.post(f"/v1/sites/{site_id}/domains", json={"domain": "alias.example.com"})
    deleted = api.delete(f"/v1/sites/{site_id}/domains/{created['id']}")

    assert created["hostname_status"] == "pending"
    assert [item["domain"] for item in listed["result"]["additional_domains"]] == ["alias.example.com"]
    assert listed["metadata"]["total"] == 1
    assert [item["id"] for item in detail] == [created["id"]]
    assert duplicate.status_code == 400
    assert deleted.status_code == 200
    assert api.get(f"/v1/sites/{site_id}/domains").json()["result"]["additional_domains"] == []


def test_delete_unknown_alias_is_404(api):
    site_id = api.site_ids()[0]

    response = api.delete(f"/v1/sites/{site_id}/domains/424242")

    assert response.status_code == 404
    assert "424242" in response.json()["result"]["msg"]


def test_edge_settings_update(api):
    site_id = api.site_ids()[0]

    before = api.get(f"/v1/sites/{site_id}/maindomain/edge_settings").json()["result"]
    updated = api.patch(f"/v1/sites/{site_id}/maindomain/edge_settings",
                        json={"wp_login": {"challenge": {"enabled": True}}}).json()["result"]
    after = api.get(f"/v1/sites/{site_id}/maindomain/edge_settings").json()["result"]

    assert before["wp_login"]["challenge"]["enabled"] is False
    assert updated["wp_login"]["challenge"]["enabled"] is True
    assert after == updated
    assert after["xmlrpc_protection"] == before["xmlrpc_protection"]


def test_edge_settings_reject_bad_input(api):
    site_id = api.site_ids()[0]
    path = f"/v1/sites/{site_id}/maindomain/edge_settings"

    unknown = api.patch(path, json={"teleport": {"enabled": True}})
    not_bool = api.patch(path, json={"managed_challenge": {"enabled": "on"}})

    assert unknown.status_code == 400
    assert "teleport" in unknown.json()["result"]["msg"]
    assert not_bool.status_code == 400
    assert "managed_challenge.enabled" in not_bool.json()["result"]["msg"]
    assert api.get(path).json()["result"]["managed_challenge"]["enabled"] is False


def test_alias_edge_settings(api):
    site_id = api.site_ids()[0]
    alias = api.post(f"/v1/sites/{site_id}/domains", json={"domain": "edge.example.com"}).json()["result"]
    path = f"/v1/sites/{site_id}/domains/{alias['id']}/edge_settings"

    api.patch(path, json={"ai_crawlers": {"allow": False}})

    assert api.get(path).json()["result"]["ai_crawlers"]["allow"] is False
    main = api.get(f"/v1/sites/{site_id}/maindomain/edge_settings").json()["result"]
    assert main["ai_crawlers"]["allow"] is True


def test_cache_purge_files(api, sandbox):
    site_id = api.site_ids()[0]

    response = api.post(f"/v1/sites/{site_id}/cache/purge", json={"files": ["https://example.com/a.css"]})

    assert response.json()["result"] == {"status": "success"}
    purges = sandbox.state.sites[site_id].extras["cache_purges"]
    assert purges[-1]["files"] == ["https://example.com/a.css"]


def test_cache_purge_requires_urls(api):
    site_id = api.site_ids()[0]

    missing = api.post(f"/v1/sites/{site_id}/cache/purge", json={})
    not_url = api.post(f"/v1/sites/{site_id}/cache/purge", json={"files": ["/style.css"]})

    assert missing.status_code == 400
    assert "files" in missing.json()["result"]["msg"]
    assert not_url.status_code == 400
    assert "/style.css" in not_url.json()["result"]["msg"]


def test_cache_purge_everything(api, sandbox):
    site_id = api.site_ids()[0]

    response = api.post(f"/v1/sites/{site_id}/cache/purge_everything")

    assert response.json()["result"]["status"] == "success"
    assert sandbox.state.sites[site_id].extras["cache_purges"][-1]["files"] is None
