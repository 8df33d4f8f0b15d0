"""Plugins and themes: seeded installs, comma-separated slugs, activation and updates."""


def plugins_of(api, site_id):
    result = api.get(f"/v1/sites/{site_id}/plugins").json()["result"]
    return {item["name"]: item for item in result}


def themes_of(api, site_id):
    result = api.get(f"/v1/sites/{site_id}/themes").json()["result"]
    return {item["name"]: item for item in result}


def test_seeded_plugins_include_rocket_cdn(api):
    site_id = api.site_ids()[0]

    body = api.get(f"/v1/sites/{site_id}/plugins").json()
    titles = [item["title"] for item in body["result"]]

    assert "rocket-cdn-cache-management" in {item["name"] for item in body["result"]}
    assert body["metadata"]["page_size"] == 500
    assert body["metadata"]["sort"] == "title"
    assert titles == sorted(titles, key=str.lower)


def test_plugin_install_and_delete_by_slugs(api):
    site_id = api.site_ids()[0]
    installed = plugins_of(api, site_id)
    new_slug = next(slug for slug in ("akismet", "classic-editor", "redirection", "updraftplus", "wordfence")
                    if slug not in installed)
    existing = next(iter(installed))

    result = api.post(f"/v1/sites/{site_id}/plugins",
                      json={"plugins": f"{new_slug},{existing},no-such-plugin", "activate": True}).json()["result"]
    notes = {item["name"]: item["note"] for item in result}

    assert notes == {new_slug: "", existing: "Plugin already installed", "no-such-plugin": "404: Plugin not found"}
    assert plugins_of(api, site_id)[new_slug]["status"] == "active"

    deleted = api.delete(f"/v1/sites/{site_id}/plugins", json={"plugins": f"{new_slug},missing-one"}).json()["result"]
    assert {item["name"]: item["note"] for item in deleted} == {new_slug: "deleted", "missing-one": "plugin not found"}
    assert new_slug not in plugins_of(api, site_id)


def test_plugin_slugs_are_validated(api):
    site_id = api.site_ids()[0]

    empty = api.post(f"/v1/sites/{site_id}/plugins", json={"plugins": ""})
    bad = api.post(f"/v1/sites/{site_id}/plugins", json={"plugins": "akismet,../etc"})
    as_list = api.post(f"/v1/sites/{site_id}/plugins", json={"plugins": ["akismet"]})

    assert empty.status_code == 400
    assert "comma-separated" in empty.json()["result"]["msg"]
    assert bad.status_code == 400
    assert "../etc" in bad.json()["result"]["msg"]
    assert as_list.status_code == 400


def test_plugin_activate_and_deactivate(api):
    site_id = api.site_ids()[0]
    slug = next(iter(plugins_of(api, site_id)))

    off = api.patch(f"/v1/sites/{site_id}/plugins", json={"plugin": slug, "status": "deactivate"}).json()["result"]
    assert off == [{"name": slug, "activated": "false"}]
    assert plugins_of(api, site_id)[slug]["status"] == "inactive"

    on = api.patch(f"/v1/sites/{site_id}/plugins", json={"plugin": slug, "status": "activate"}).json()["result"]
    assert on == [{"name": slug, "activated": "true"}]
    assert plugins_of(api, site_id)[slug]["status"] == "active"


def test_plugin_status_rejects_unknown(api):
    site_id = api.site_ids()[0]

    not_installed = api.patch(f"/v1/sites/{site_id}/plugins", json={"plugin": "no-such", "status": "activate"})
    bad_status = api.patch(f"/v1/sites/{site_id}/plugins", json={"plugin": "akismet", "status": "enable"})

    assert not_installed.status_code == 400
    assert "no-such" in not_installed.json()["result"]["msg"]
    assert bad_status.status_code == 400
    assert "enable" in bad_status.json()["result"]["msg"]


def test_plugin_update_reports_versions(api):
    outdated = None
    for site_id in api.site_ids():
        plugins = plugins_of(api, site_id)
        candidates = [item for item in plugins.values() if item["update"] == "available"]
        if candidates:
            outdated = (site_id, candidates[0])
            break
    assert outdated is not None, "seed should leave at least one plugin with an update"
    site_id, item = outdated

    result = api.put(f"/v1/sites/{site_id}/plugins", json={"plugin": item["name"]}).json()["result"]
    again = api.put(f"/v1/sites/{site_id}/plugins", json={"plugin": item["name"]}).json()["result"]

    assert result == [{"name": item["name"], "old_version": item["version"],
                       "new_version": item["update_version"], "note": "Plugin updated successfully"}]
    assert again[0]["note"] == "Plugin already updated"
    assert plugins_of(api, site_id)[item["name"]]["update"] == "none"


def test_plugin_search_marks_installed(api):
    site_id = api.site_ids()[0]
    installed = plugins_of(api, site_id)

    body = api.get(f"/v1/sites/{site_id}/plugins/search", params={"query": "seo", "per_page": 5}).json()
    popular = api.get(f"/v1/sites/{site_id}/plugins/search", params={"browse": "popular"}).json()["result"]

    assert [item["slug"] for item in body["result"]] == ["wordpress-seo"]
    expected = installed["wordpress-seo"]["status"] if "wordpress-seo" in installed else "not_installed"
    assert body["result"][0]["status"] == expected
    installs = [item["active_installs"] for item in popular]
    assert installs == sorted(installs, reverse=True)


def test_featured_plugins_and_rocket_reinstall(api):
    site_id = api.site_ids()[0]
    api.delete(f"/v1/sites/{site_id}/plugins", json={"plugins": "rocket-cdn-cache-management"})

    featured = api.get(f"/v1/sites/{site_id}/featured_plugins").json()["result"]
    reinstall = api.post(f"/v1/sites/{site_id}/plugins/rocket/cdn_cache_management")

    assert featured
    assert all(item["status"] in ("active", "inactive", "not_installed") for item in featured)
    assert reinstall.json()["result"] == {"success": True}
    assert plugins_of(api, site_id)["rocket-cdn-cache-management"]["status"] == "active"


def test_theme_activation_is_exclusive(api):
    site_id = api.site_ids()[0]
    api.post(f"/v1/sites/{site_id}/themes", json={"themes": "astra,kadence"})

    api.patch(f"/v1/sites/{site_id}/themes", json={"theme": "kadence", "status": "activate"})
    themes = themes_of(api, site_id)

    assert [name for name, item in themes.items() if item["status"] == "active"] == ["kadence"]
    deactivate = api.patch(f"/v1/sites/{site_id}/themes", json={"theme": "kadence", "status": "deactivate"})
    assert deactivate.status_code == 400
    assert "active theme" in deactivate.json()["result"]["msg"]


def test_theme_delete_keeps_active(api):
    site_id = api.site_ids()[0]
    api.post(f"/v1/sites/{site_id}/themes", json={"themes": "oceanwp,generatepress", "activate": False})
    api.patch(f"/v1/sites/{site_id}/themes", json={"theme": "generatepress", "status": "activate"})

    result = api.delete(f"/v1/sites/{site_id}/themes", json={"themes": "oceanwp,generatepress"}).json()["result"]
    notes = {item["name"]: item["note"] for item in result}

    assert notes["oceanwp"] == "deleted"
    assert "active theme" in notes["generatepress"]
    assert "generatepress" in themes_of(api, site_id)
    assert "oceanwp" not in themes_of(api, site_id)


def test_theme_update_and_search(api):
    site_id = api.site_ids()[0]
    name = next(iter(themes_of(api, site_id)))

    updated = api.put(f"/v1/sites/{site_id}/themes", json={"theme": name}).json()["result"]
    found = api.get(f"/v1/sites/{site_id}/themes/search", params={"query": "twenty"}).json()["result"]
    bad_browse = api.get(f"/v1/sites/{site_id}/themes/search", params={"browse": "random"})

    assert updated[0]["new_version"] == themes_of(api, site_id)[name]["version"]
    assert {item["name"] for item in found} == {"twentytwentyfive", "twentytwentyfour", "twentytwentythree"}
    assert bad_browse.status_code == 400
