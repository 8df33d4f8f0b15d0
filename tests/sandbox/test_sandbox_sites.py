"""Sites: envelope, pagination, filters, create/update/delete and locations."""

from sandbox_testkit import TASK_SECONDS

ENVELOPE_KEYS = {"success", "errors", "messages", "result"}


def test_list_envelope_and_metadata(api):
    body = api.get("/v1/sites").json()

    assert ENVELOPE_KEYS <= set(body)
    assert body["success"] is True
    assert body["errors"] == []
    assert body["metadata"] == {"page": 1, "page_size": 10, "total": 7, "sort": "", "direction": "asc"}
    assert len(body["result"]) == 7


def test_list_pages_cover_every_site_once(api):
    first = api.get("/v1/sites", params={"per_page": 3, "page": 1}).json()
    second = api.get("/v1/sites", params={"per_page": 3, "page": 2}).json()
    third = api.get("/v1/sites", params={"per_page": 3, "page": 3}).json()
    beyond = api.get("/v1/sites", params={"per_page": 3, "page": 4}).json()

    ids = [site["id"] for body in (first, second, third) for site in body["result"]]
    assert len(ids) == 7
    assert len(set(ids)) == 7
    assert third["metadata"]["page"] == 3
    assert third["metadata"]["total"] == 7
    assert beyond["result"] == []


def test_list_rejects_bad_per_page(api):
    for value, expected in (("abc", "integer"), ("0", "at least 1"), ("1001", "at most 1000")):
        response = api.get("/v1/sites", params={"per_page": value})
        assert response.status_code == 400, value
        assert "per_page" in response.json()["result"]["msg"]
        assert expected in response.json()["result"]["msg"]


def test_list_accepts_max_per_page(api):
    body = api.get("/v1/sites", params={"per_page": 1000}).json()

    assert body["metadata"]["page_size"] == 1000


def test_list_search_matches_label_and_domain(api):
    by_label = api.get("/v1/sites", params={"search": "bakery"}).json()["result"]
    by_domain = api.get("/v1/sites", params={"domain": "harbordental"}).json()["result"]

    assert [site["label"] for site in by_label] == ["Bright Bakery"]
    assert [site["domain"] for site in by_domain] == ["harbordental.co"]


def test_list_search_by_id(api):
    site_id = api.site_ids()[2]

    result = api.get("/v1/sites", params={"search": str(site_id)}).json()["result"]

    assert [site["id"] for site in result] == [site_id]


def test_list_sort_by_label_desc(api):
    body = api.get("/v1/sites", params={"sort": "label", "direction": "desc"}).json()
    labels = [site["label"] for site in body["result"]]

    assert labels == sorted(labels, key=str.lower, reverse=True)
    assert body["metadata"]["sort"] == "label"
    assert body["metadata"]["direction"] == "desc"


def test_list_rejects_unknown_sort(api):
    response = api.get("/v1/sites", params={"sort": "colour"})

    assert response.status_code == 400
    assert "colour" in response.json()["result"]["msg"]


def test_seed_is_deterministic(sandbox):
    from sandbox.state import SandboxState

    again = SandboxState(seed=1)
    other = SandboxState(seed=2)

    def summary(state):
        return [(site.id, site.label, site.location.id, site.disk_usage_kb, site.staging_id)
                for site in state.sites.values()]

    assert summary(sandbox.state) == summary(again)
    assert summary(sandbox.state) != summary(other)
    assert len([site for site in again.sites.values() if not site.is_staging]) == 12


def test_get_site_has_domains(api):
    site_id = api.site_ids()[0]

    body = api.get(f"/v1/sites/{site_id}").json()

    assert body["result"]["id"] == site_id
    maindomain = body["result"]["domains"][0]["maindomain"]
    assert maindomain["domain"] == body["result"]["domain"]


def test_get_site_rejects_malformed_id(api):
    response = api.get("/v1/sites/abc")

    assert response.status_code == 400
    assert "'abc'" in response.json()["result"]["msg"]


def test_unknown_path_and_method(api):
    missing = api.get("/v1/no_such_thing")
    wrong_method = api.put("/v1/sites")

    assert missing.status_code == 404
    assert "/v1/no_such_thing" in missing.json()["result"]["msg"]
    assert wrong_method.status_code == 405
    assert wrong_method.json()["success"] is False


def test_create_requires_practical_fields(api):
    response = api.post("/v1/sites", json={"name": "newsite"})

    assert response.status_code == 400
    message = response.json()["result"]["msg"]
    for field in ("location", "admin_username", "admin_email"):
        assert field in message


def test_create_rejects_unknown_location(api):
    response = api.post("/v1/sites", json={"name": "n", "location": 999, "admin_username": "a",
                                           "admin_email": "a@example.com"})

    assert response.status_code == 400
    assert "999" in response.json()["result"]["msg"]


def test_create_provisions_then_active(api):
    response = api.post("/v1/sites", json={"name": "launch", "label": "Launch Site", "location": 4,
                                           "admin_username": "admin", "admin_email": "ops@example.com"})
    site = response.json()["result"]

    assert response.status_code == 200
    assert site["status"] == "pending"
    assert site["location"] == "EU - Frankfurt"
    assert site["id"] in api.site_ids()

    api.advance(TASK_SECONDS + 1)
    assert api.get(f"/v1/sites/{site['id']}").json()["result"]["status"] == "active"


def test_update_label_and_metadata(api):
    site_id = api.site_ids()[0]

    response = api.patch(f"/v1/sites/{site_id}", json={"label": "Renamed", "metadata": {"client": "acme"}})

    assert response.status_code == 200
    stored = api.get(f"/v1/sites/{site_id}").json()["result"]
    assert stored["label"] == "Renamed"
    assert stored["metadata"] == {"client": "acme"}


def test_update_rejects_unknown_field(api):
    site_id = api.site_ids()[0]

    response = api.patch(f"/v1/sites/{site_id}", json={"colour": "red"})

    assert response.status_code == 400
    assert "colour" in response.json()["result"]["msg"]


def test_delete_site(api):
    site_id = api.site_ids()[-1]

    response = api.delete(f"/v1/sites/{site_id}")

    assert response.json()["result"] == {"id": site_id}
    assert site_id not in api.site_ids()
    assert api.get(f"/v1/sites/{site_id}").status_code == 404


def test_locations(api):
    public = api.get("/v1/sites/locations").json()["result"]
    everything = api.get("/v1/sites/all_locations").json()["result"]

    assert {"id", "location", "region", "supported_site_types"} <= set(public[0])
    assert [item["id"] for item in everything["locations"]] == [item["id"] for item in public]
    assert everything["restricted_locations"]
    assert not {item["id"] for item in public} & {item["id"] for item in everything["restricted_locations"]}


def test_reset_restores_seed(api):
    site_id = api.site_ids()[0]
    api.delete(f"/v1/sites/{site_id}")

    api.control("reset")

    assert site_id in api.site_ids()


def test_required_body_missing_is_400(api):
    site_id = api.site_ids()[0]

    responses = [api.patch("/v1/account/me"), api.patch(f"/v1/sites/{site_id}"),
                 api.post(f"/v1/sites/{site_id}/clone"), api.patch(f"/v1/sites/{site_id}/maindomain")]
    empty_object = api.post(f"/v1/sites/{site_id}/clone", json={})

    for response in responses:
        assert response.status_code == 400, response.request.url
        assert "request body is required" in response.json()["result"]["msg"]
    assert empty_object.status_code == 200


def test_create_respects_plan_site_limit(api_two):
    body = {"name": "extra", "location": 1, "admin_username": "admin", "admin_email": "ops@example.com"}
    statuses = [api_two.post("/v1/sites", json=body).status_code for _ in range(5)]

    over_limit = api_two.post("/v1/sites", json=body)
    clone = api_two.post(f"/v1/sites/{api_two.site_ids()[0]}/clone", json={})

    assert statuses == [200] * 5
    assert over_limit.status_code == 400
    assert "Agency 10 plan allows 10 sites" in over_limit.json()["result"]["msg"]
    assert clone.status_code == 400
