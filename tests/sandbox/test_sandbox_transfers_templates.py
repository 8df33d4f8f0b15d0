"""Site transfers between the two seeded accounts, and site templates, over real HTTP."""

from sandbox_testkit import AGENCY_ONE, AGENCY_TWO, TASK_SECONDS, Api

from sandbox.models import Account
from sandbox.state import DEFAULT_PASSWORD


def start_transfer(api, site_id, email=AGENCY_TWO):
    response = api.post(f"/v1/sites/{site_id}/transfer", json={"email": email})
    assert response.status_code == 200, response.text
    return response.json()["result"]


def transfer_path(site_id, transfer, step):
    return f"/v1/sites/{site_id}/transfer/{transfer['transfer_id']}/{step}"


def test_transfer_accept_moves_site(api, api_two, anonymous):
    site_id = api.site_ids()[0]
    transfer = start_transfer(api, site_id)

    assert transfer["status"] == "created"
    assert transfer["transfer_type"] == "outgoing"
    assert transfer["transfer_to_user"] == {"email": AGENCY_TWO}
    notice = anonymous.get("/_sandbox/mailbox", params={"to": AGENCY_TWO}).json()["result"][-1]
    assert notice["token"] == transfer["transfer_id"]

    accepted = api_two.post(transfer_path(site_id, transfer, "accept")).json()["result"]

    assert accepted["status"] == "accepted"
    assert accepted["transfer_type"] == "incoming"
    assert site_id in api_two.site_ids()
    assert site_id not in api.site_ids()
    assert api.get(f"/v1/sites/{site_id}").status_code == 404


def pending(api):
    return api.get("/v1/account/me").json()["result"]["pending_site_transfers"]


def test_seeded_transfer_pending_for_both(api, api_two):
    [incoming] = pending(api)
    [outgoing] = pending(api_two)

    assert incoming["transfer_type"] == "incoming"
    assert incoming["status"] == "created"
    assert incoming["site_id"] == api_two.site_ids()[-1]
    assert incoming["transfer_to_user"] == {"email": AGENCY_ONE}
    assert outgoing["transfer_type"] == "outgoing"
    assert outgoing["transfer_id"] == incoming["transfer_id"]


def test_started_transfer_listed_until_answered(api, api_two):
    site_id = api.site_ids()[0]
    transfer = start_transfer(api, site_id)

    listed = [item for item in pending(api_two) if item["transfer_id"] == transfer["transfer_id"]]
    api_two.post(transfer_path(site_id, transfer, "reject"))

    assert [item["transfer_type"] for item in listed] == ["incoming"]
    assert listed[0]["site_id"] == site_id
    assert transfer["transfer_id"] not in [item["transfer_id"] for item in pending(api_two)]
    assert transfer["transfer_id"] not in [item["transfer_id"] for item in pending(api)]


def test_transfer_reject_keeps_site(api, api_two):
    site_id = api.site_ids()[0]
    transfer = start_transfer(api, site_id)

    rejected = api_two.post(transfer_path(site_id, transfer, "reject")).json()["result"]

    assert rejected["status"] == "rejected"
    assert site_id in api.site_ids()
    late = api_two.post(transfer_path(site_id, transfer, "accept"))
    assert late.status_code == 400
    assert "already rejected" in late.json()["result"]["msg"]


def test_transfer_cancel_by_sender_only(api, api_two):
    site_id = api.site_ids()[0]
    transfer = start_transfer(api, site_id)

    by_recipient = api_two.post(transfer_path(site_id, transfer, "cancel"))
    by_sender_accept = api.post(transfer_path(site_id, transfer, "accept"))
    cancelled = api.post(transfer_path(site_id, transfer, "cancel")).json()["result"]

    assert by_recipient.status_code == 403
    assert by_sender_accept.status_code == 403
    assert cancelled["status"] == "cancelled"
    assert api_two.post(transfer_path(site_id, transfer, "accept")).status_code == 400
    assert api_two.post(transfer_path(site_id, transfer, "reject")).status_code == 403


def test_transfer_accept_needs_free_slot(sandbox, api, api_two):
    recipient = sandbox.state.account_by_email(AGENCY_TWO)
    recipient.site_limit = len(api_two.site_ids())
    site_id = api.site_ids()[0]
    transfer = start_transfer(api, site_id)

    assert transfer["requires_plan_upgrade"] is True
    response = api_two.post(transfer_path(site_id, transfer, "accept"))

    assert response.status_code == 412
    assert "no free slot" in response.json()["result"]["msg"]
    assert site_id in api.site_ids()


def test_transfer_validation(api):
    site_id = api.site_ids()[0]

    to_self = api.post(f"/v1/sites/{site_id}/transfer", json={"email": AGENCY_ONE})
    unknown = api.post(f"/v1/sites/{site_id}/transfer", json={"email": "stranger@example.com"})
    start_transfer(api, site_id)
    twice = api.post(f"/v1/sites/{site_id}/transfer", json={"email": AGENCY_TWO})

    assert to_self.status_code == 400
    assert unknown.status_code == 400
    assert "stranger@example.com" in unknown.json()["result"]["msg"]
    assert twice.status_code == 400
    assert "open transfer" in twice.json()["result"]["msg"]


def test_transfer_hidden_from_outsiders(sandbox, api):
    outsider_email = "outsider@example.com"
    sandbox.state.accounts[outsider_email] = Account(
        id=3, email=outsider_email, password=DEFAULT_PASSWORD, firstname="Olly", lastname="Outsider",
        company="Elsewhere", plan="Agency 10", site_limit=10)
    outsider = Api(sandbox.url, email=outsider_email)
    site_id = api.site_ids()[0]
    transfer = start_transfer(api, site_id)

    response = outsider.post(transfer_path(site_id, transfer, "accept"))
    unknown = api.post(f"/v1/sites/{site_id}/transfer/00000000-0000-4000-8000-000000000000/cancel")

    assert response.status_code == 404
    assert transfer["transfer_id"] in response.json()["result"]["msg"]
    assert unknown.status_code == 404


def test_transfer_malformed_id_is_404(api_two, api):
    site_id = api.site_ids()[0]

    response = api_two.post(f"/v1/sites/{site_id}/transfer/0/reject")

    assert response.status_code == 404
    assert "'0'" in response.json()["result"]["msg"]


# Site templates

def create_template(api, name="Starter", site_id=None, tags=("shop",)):
    site_id = site_id or api.site_ids()[0]
    response = api.post("/v1/site_templates", json={"name": name, "site_id": site_id, "tags": list(tags),
                                                    "notes": "Base setup"})
    assert response.status_code == 200, response.text
    return response.json()["result"]


def account_task(api, task_id):
    items = api.get("/v1/account/tasks", params={"task_id": task_id}).json()["result"]
    assert len(items) == 1
    return items[0]


def test_template_created_by_task(api):
    site_id = api.site_ids()[0]
    started = create_template(api, site_id=site_id)

    assert started["task_level"] == "account"
    assert api.get("/v1/sites/templates").json()["result"]["site_templates"] == []
    api.advance(TASK_SECONDS + 1)

    assert account_task(api, started["task_id"])["task_status"] == "DONE"
    templates = api.get("/v1/sites/templates").json()["result"]["site_templates"]
    assert len(templates) == 1
    template = templates[0]
    assert template["created_from"]["site_id"] == site_id
    plugins = api.get(f"/v1/sites/{site_id}/plugins").json()["result"]
    assert {item["name"] for item in template["config"]["wordpress"]["plugins"]} == {item["name"] for item in plugins}


def test_template_list_filters(api):
    first, second = api.site_ids()[:2]
    api.post("/v1/sites/templates", json={"name": "Shop", "site_id": first, "tags": ["shop", "woo"]})
    api.post("/v1/sites/templates", json={"name": "Blog", "site_id": second, "tags": ["blog"]})

    def names(**params):
        result = api.get("/v1/sites/templates", params=params).json()["result"]["site_templates"]
        return [item["name"] for item in result]

    assert names(sort="name") == ["Blog", "Shop"]
    assert names(tags="woo") == ["Shop"]
    assert names(**{"created_from.site_id": second}) == ["Blog"]
    assert names(tags="shop,blog") == []


def test_template_get_and_delete(api):
    template = api.post("/v1/sites/templates", json={"name": "Shop", "site_id": api.site_ids()[0]}).json()["result"]
    path = f"/v1/sites/templates/{template['template_id']}"

    assert api.get(path).json()["result"] == template
    assert api.delete(path).json()["result"] == {"success": True}
    assert api.get(path).status_code == 404


def test_site_from_template(api):
    source = api.site_ids()[0]
    template = api.post("/v1/sites/templates", json={"name": "Shop", "site_id": source}).json()["result"]
    before = set(api.site_ids())

    started = api.post(f"/v1/sites/templates/{template['template_id']}/sites",
                       json={"name": "New shop", "location": 4, "label": "New shop"})
    task_id = started.json()["result"]["task_id"]
    assert set(api.site_ids()) == before
    api.advance(TASK_SECONDS + 1)

    assert account_task(api, task_id)["task_status"] == "DONE"
    new_ids = set(api.site_ids()) - before
    assert len(new_ids) == 1
    new_id = new_ids.pop()
    site = api.get(f"/v1/sites/{new_id}").json()["result"]
    assert site["label"] == "New shop"
    assert site["location"] == "EU - Frankfurt"
    plugins = {item["name"] for item in api.get(f"/v1/sites/{new_id}/plugins").json()["result"]}
    assert plugins == {item["name"] for item in template["config"]["wordpress"]["plugins"]}


def test_template_validation(api, api_two):
    site_id = api.site_ids()[0]

    missing_site = api.post("/v1/site_templates", json={"name": "X"})
    foreign_site = api.post("/v1/site_templates", json={"name": "X", "site_id": api_two.site_ids()[0]})
    bad_tags = api.post("/v1/site_templates", json={"name": "X", "site_id": site_id, "tags": "shop"})
    api.post("/v1/sites/templates", json={"name": "Dup", "site_id": site_id})
    duplicate = api.post("/v1/sites/templates", json={"name": "dup", "site_id": site_id})

    assert missing_site.status_code == 400
    assert "site_id is required" in missing_site.json()["result"]["msg"]
    assert foreign_site.status_code == 404
    assert bad_tags.status_code == 400
    assert duplicate.status_code == 400


def test_site_from_template_validation(api):
    template = api.post("/v1/sites/templates", json={"name": "Shop", "site_id": api.site_ids()[0]}).json()["result"]
    path = f"/v1/sites/templates/{template['template_id']}/sites"

    no_location = api.post(path, json={"name": "N"})
    bad_location = api.post(path, json={"name": "N", "location": 999})
    bad_replacements = api.post(path, json={"name": "N", "location": 1, "template_replacements": ["a"]})

    assert no_location.status_code == 400
    assert "location is required" in no_location.json()["result"]["msg"]
    assert bad_location.status_code == 400
    assert "999" in bad_location.json()["result"]["msg"]
    assert bad_replacements.status_code == 400


def test_site_from_template_respects_site_limit(sandbox, api):
    template = api.post("/v1/sites/templates", json={"name": "Shop", "site_id": api.site_ids()[0]}).json()["result"]
    sandbox.state.account_by_email(AGENCY_ONE).site_limit = len(api.site_ids()) + 1
    path = f"/v1/sites/templates/{template['template_id']}/sites"

    first = api.post(path, json={"name": "One", "location": 1})
    second = api.post(path, json={"name": "Two", "location": 1})

    assert first.status_code == 200
    assert second.status_code == 400
    assert "being created from templates" in second.json()["result"]["msg"]


def test_templates_are_per_account(api, api_two):
    template = api.post("/v1/sites/templates", json={"name": "Shop", "site_id": api.site_ids()[0]}).json()["result"]

    assert api_two.get(f"/v1/sites/templates/{template['template_id']}").status_code == 404
    assert api_two.get("/v1/sites/templates").json()["result"]["site_templates"] == []
