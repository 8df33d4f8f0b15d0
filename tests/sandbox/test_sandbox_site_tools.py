"""Staging, settings, WordPress tools, access, locks and usage numbers."""

import pytest

from sandbox_testkit import TASK_SECONDS


def site_without_staging(api, sandbox):
    return next(site_id for site_id in api.site_ids() if sandbox.state.sites[site_id].staging_id is None)


def test_staging_create_publish_delete(api, sandbox):
    site_id = site_without_staging(api, sandbox)

    created = api.post(f"/v1/sites/{site_id}/staging", json={"vanity_domain": True}).json()["result"]
    pending = api.get(f"/v1/sites/{site_id}").json()["result"]["staging"]
    api.advance(TASK_SECONDS + 1)
    ready = api.get(f"/v1/sites/{site_id}").json()["result"]["staging"]
    staging_site = api.get(f"/v1/sites/{ready['staging_id']}").json()["result"]

    assert api.task(site_id, created["task_id"])["task_type"] == "staging"
    assert pending["staging_status"] == "pending"
    assert ready["staging_status"] == "active"
    assert staging_site["production"] == site_id
    assert staging_site["domain"].startswith("staging.")
    assert ready["staging_id"] not in api.site_ids()

    publish = api.post(f"/v1/sites/{site_id}/staging/publish").json()["result"]
    locked = api.patch(f"/v1/sites/{site_id}", json={"label": "x"})
    api.advance(TASK_SECONDS + 1)

    assert locked.status_code == 400
    assert api.task(site_id, publish["task_id"])["task_status"] == "DONE"
    assert api.patch(f"/v1/sites/{site_id}", json={"label": "x"}).status_code == 200

    deleted = api.delete(f"/v1/sites/{site_id}/staging")
    assert deleted.json()["result"] == {"success": True}
    assert api.get(f"/v1/sites/{site_id}").json()["result"]["staging"] == {}
    assert api.get(f"/v1/sites/{ready['staging_id']}").status_code == 404


def test_staging_rules(api, sandbox):
    site_id = site_without_staging(api, sandbox)

    missing_flag = api.post(f"/v1/sites/{site_id}/staging", json={})
    no_staging_delete = api.delete(f"/v1/sites/{site_id}/staging")
    no_staging_publish = api.post(f"/v1/sites/{site_id}/staging/publish")
    api.post(f"/v1/sites/{site_id}/staging", json={"vanity_domain": False})
    twice = api.post(f"/v1/sites/{site_id}/staging", json={"vanity_domain": False})

    assert missing_flag.status_code == 400
    assert "vanity_domain" in missing_flag.json()["result"]["msg"]
    assert no_staging_delete.status_code == 404
    assert no_staging_publish.status_code == 404
    assert twice.status_code == 400
    assert "already has staging" in twice.json()["result"]["msg"]


def test_failed_staging_is_removed(api, sandbox):
    site_id = site_without_staging(api, sandbox)
    api.control("faults", {"kind": "fail_task", "account": api.email, "message": "Copy failed"})

    task_id = api.post(f"/v1/sites/{site_id}/staging", json={"vanity_domain": False}).json()["result"]["task_id"]
    api.advance(TASK_SECONDS)

    assert api.task(site_id, task_id)["message"] == "Copy failed"
    assert api.get(f"/v1/sites/{site_id}").json()["result"]["staging"] == {}


def test_settings_update_and_validation(api):
    site_id = api.site_ids()[0]
    path = f"/v1/sites/{site_id}/settings"

    updated = api.patch(path, json={"new_php_version": "8.3", "ssh_access": 1}).json()["result"]
    bad_php = api.patch(path, json={"new_php_version": "9.9"})
    bad_flag = api.patch(path, json={"ssh_access": True})
    unknown = api.patch(path, json={"memory_limit": "1G"})

    assert updated["current_php_version"] == "8.3"
    assert updated["ssh_access"] == 1
    assert api.get(path).json()["result"] == updated
    assert bad_php.status_code == 400
    assert "9.9" in bad_php.json()["result"]["msg"]
    assert bad_flag.status_code == 400
    assert unknown.status_code == 400
    assert "memory_limit" in unknown.json()["result"]["msg"]


def test_settings_schema_lists_php_versions(api):
    site_id = api.site_ids()[0]

    schema = api.get(f"/v1/sites/{site_id}/settings/schema").json()["result"]

    values = [option["value"] for option in schema["current_php_version"]["options"]]
    assert "8.3" in values
    assert [option["value"] for option in schema["wp_core_auto_updates"]["options"]] == [0, 1, 2]


@pytest.mark.parametrize("command, character", [
    ("plugin list; rm -rf /", ";"), ("plugin list && ls", "&"), ("plugin list | grep a", "|"),
    ("option get `id`", "`"), ("option get $HOME", "$"), ("plugin list\ncore version", "\n"),
])
def test_wpcli_rejects_shell_characters(api, command, character):
    site_id = api.site_ids()[0]

    response = api.post(f"/v1/sites/{site_id}/wpcli", json={"command": command})

    assert response.status_code == 400
    assert repr(character) in response.json()["result"]["msg"]


def test_wpcli_outputs(api):
    site_id = api.site_ids()[0]
    domain = api.get(f"/v1/sites/{site_id}").json()["result"]["domain"]

    def run(command):
        return api.post(f"/v1/sites/{site_id}/wpcli", json={"command": command}).json()["result"]

    plugin_list = run("plugin list --skip-plugins --skip-themes")
    siteurl = run('wp option get "siteurl"')
    unknown = run("frobnicate now")

    assert plugin_list["status"] == 1
    assert plugin_list["response"].splitlines()[0] == "name\tstatus\tupdate\tversion"
    assert "rocket-cdn-cache-management" in plugin_list["response"]
    assert siteurl["response"] == f"https://{domain}"
    assert unknown["status"] == 1
    assert unknown["response"].startswith("Error:")


def test_wpcli_rejects_empty_and_unbalanced(api):
    site_id = api.site_ids()[0]

    empty = api.post(f"/v1/sites/{site_id}/wpcli", json={"command": "  "})
    unbalanced = api.post(f"/v1/sites/{site_id}/wpcli", json={"command": 'option get "home'})

    assert empty.status_code == 400
    assert "command is required" in empty.json()["result"]["msg"]
    assert unbalanced.status_code == 400
    assert "double quote" in unbalanced.json()["result"]["msg"]


def test_wp_status_reports_injected_error(api):
    site_id = api.site_ids()[0]
    healthy = api.get(f"/v1/sites/{site_id}/wp/status").json()["result"]["wordpress_status"]

    api.control("faults", {"kind": "wordpress_error", "site_id": site_id, "error": "PHP Fatal error in functions.php"})
    broken = api.get(f"/v1/sites/{site_id}/wp/status").json()["result"]["wordpress_status"]

    assert healthy["operational_status"] == "operational"
    assert broken == {"operational_status": "critical_error", "error": "PHP Fatal error in functions.php"}


def test_sso_links_and_credentials(api):
    site_id = api.site_ids()[0]
    site = api.get(f"/v1/sites/{site_id}").json()["result"]

    wp_link = api.get(f"/v1/sites/{site_id}/wp/login").json()["result"]["sign_on_url"]
    pma_link = api.get(f"/v1/sites/{site_id}/pma/login").json()["result"]["phpmyadmin_sign_on_url"]
    first = api.get(f"/v1/sites/{site_id}/credentials").json()["result"]
    second = api.get(f"/v1/sites/{site_id}/credentials").json()["result"]

    assert wp_link.startswith(f"{api.base_url}/_sandbox/sites/{site_id}/wp-admin/?rocket_sso_token=")
    assert pma_link.startswith(f"{api.base_url}/_sandbox/sites/{site_id}/phpmyadmin/?sso_token=")
    assert first["username"] == site["sftp_username"]
    assert len(first["password"]) == 20
    assert first == second


def test_sso_links_open_simulated_pages(api, anonymous):
    site_id = api.site_ids()[0]
    wp_link = api.get(f"/v1/sites/{site_id}/wp/login").json()["result"]["sign_on_url"]
    pma_link = api.get(f"/v1/sites/{site_id}/pma/login").json()["result"]["phpmyadmin_sign_on_url"]

    wp_page = anonymous.get(wp_link.removeprefix(api.base_url))
    pma_page = anonymous.get(pma_link.removeprefix(api.base_url))
    forged = anonymous.get(f"/_sandbox/sites/{site_id}/wp-admin/", params={"rocket_sso_token": "forged"})
    swapped = anonymous.get(f"/_sandbox/sites/{site_id}/phpmyadmin/",
                            params={"sso_token": wp_link.split("rocket_sso_token=")[1]})

    assert wp_page.status_code == 200
    assert f"Simulated WordPress admin for site {site_id}" in wp_page.text
    assert wp_page.headers["Content-Type"].startswith("text/html")
    assert pma_page.status_code == 200
    assert f"Simulated phpMyAdmin for site {site_id}" in pma_page.text
    assert forged.status_code == 403
    assert swapped.status_code == 403


def test_sso_link_expires(api, anonymous):
    site_id = api.site_ids()[0]
    wp_link = api.get(f"/v1/sites/{site_id}/wp/login").json()["result"]["sign_on_url"]

    anonymous.post("/_sandbox/clock", json={"advance_seconds": 11 * 60})
    expired = anonymous.get(wp_link.removeprefix(api.base_url))

    assert expired.status_code == 403
    assert "has expired" in expired.text


def test_access_token_ttl_validation(api):
    site_id = api.site_ids()[0]

    token = api.post(f"/v1/sites/{site_id}/access_token", json={"ttl": 600}).json()["result"]["token"]
    too_short = api.post(f"/v1/sites/{site_id}/access_token", json={"ttl": 5})

    assert len(token) > 20
    assert too_short.status_code == 400
    assert "ttl" in too_short.json()["result"]["msg"]


def test_lock_my_site(api):
    site_id = api.site_ids()[0]

    api.post(f"/v1/sites/{site_id}/lock")
    locked_site = api.get(f"/v1/sites/{site_id}").json()["result"]
    rejected = api.patch(f"/v1/sites/{site_id}", json={"label": "x"})
    api.delete(f"/v1/sites/{site_id}/lock")
    second_unlock = api.delete(f"/v1/sites/{site_id}/lock")

    assert locked_site["status"] == "locked"
    assert locked_site["status_reason"] == 5
    assert rejected.status_code == 400
    assert api.patch(f"/v1/sites/{site_id}", json={"label": "x"}).status_code == 200
    assert second_unlock.status_code == 400


def test_usage_and_visitors_are_consistent(api):
    site_id = api.site_ids()[0]
    params = {"date_from": "2026-11-01", "date_to": "2026-11-07"}

    usage = api.get(f"/v1/sites/{site_id}/usage", params=params).json()["result"]["totals"]
    visitors = api.get(f"/v1/sites/{site_id}/visitors", params=params).json()["result"]
    bandwidth = api.get(f"/v1/sites/{site_id}/reporting/bandwidth", params=params).json()["result"]
    again = api.get(f"/v1/sites/{site_id}/visitors", params=params).json()["result"]

    assert [item["date"] for item in visitors["visitors"]][0] == "2026-11-01"
    assert len(visitors["visitors"]) == 7
    assert visitors["total"] == sum(item["visitors"] for item in visitors["visitors"])
    assert usage["visitors"] == visitors["total"]
    assert usage["bandwidth"] == bandwidth["total"]
    assert again == visitors


def test_account_usage_sums_sites(api):
    params = {"date_from": "2026-11-01", "date_to": "2026-11-30"}

    body = api.get("/v1/account/usage", params=params).json()["result"]
    visitors = api.get("/v1/account/visitors", params=params).json()["result"]
    bandwidth = api.get("/v1/account/bandwidth", params=params).json()["result"]

    assert {item["site_id"] for item in body["usage"]} == set(api.site_ids())
    assert body["totals"]["visitors"] == sum(item["visitors"] for item in body["usage"])
    assert visitors["total"] == body["totals"]["visitors"]
    assert bandwidth["total"] == body["totals"]["bandwidth"]
    assert body["limits"]["disk"] > body["totals"]["disk"]


def test_date_range_validation(api):
    missing = api.get("/v1/account/visitors", params={"date_from": "2026-11-01"})
    malformed = api.get("/v1/account/usage", params={"date_from": "yesterday"})
    reversed_range = api.get("/v1/account/usage", params={"date_from": "2026-11-10", "date_to": "2026-11-01"})

    assert missing.status_code == 400
    assert "date_to" in missing.json()["result"]["msg"]
    assert malformed.status_code == 400
    assert "'yesterday'" in malformed.json()["result"]["msg"]
    assert reversed_range.status_code == 400
    assert "after" in reversed_range.json()["result"]["msg"]


def test_wpcli_on_broken_site_needs_skip_flags(api):
    site_id = api.site_ids()[0]
    api.control("faults", {"kind": "wordpress_error", "site_id": site_id, "error": "PHP Fatal error: boom"})

    plain = api.post(f"/v1/sites/{site_id}/wpcli", json={"command": "core version"}).json()["result"]
    skipped = api.post(f"/v1/sites/{site_id}/wpcli",
                       json={"command": "core version --skip-plugins --skip-themes"}).json()["result"]

    assert plain["response"].startswith("Error: There has been a critical error")
    assert "PHP Fatal error: boom" in plain["response"]
    assert plain["status"] == 1
    assert skipped["response"] == "6.7.1"


def test_wpcli_shows_notice_with_wp_debug(api):
    site_id = api.site_ids()[0]
    before = api.post(f"/v1/sites/{site_id}/wpcli", json={"command": "core version"}).json()["result"]
    config = api.get(f"/v1/sites/{site_id}/files/view", params={"filename": "wp-config.php"}).json()["result"]
    api.put(f"/v1/sites/{site_id}/files", json={"path": "/", "file": "wp-config.php",
                                                "content": config["content"].replace("false", "true")})

    after = api.post(f"/v1/sites/{site_id}/wpcli", json={"command": "core version"}).json()["result"]

    assert before["response"] == "6.7.1"
    assert after["response"].startswith("PHP Notice:")
    assert after["response"].endswith("\n6.7.1")
