"""Bulk job pages: tenant gate, roles, the create flow from the fleet page, progress polling."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEvent
from bulk_helpers import drain, fleet_targets
from sites.bulk import services
from sites.bulk.models import BulkAction, BulkItem, BulkJob, ItemStatus


@pytest.fixture
def team_bulk_job(team, owner, connection_one, connection_two, sandbox):
    """A bulk job of team A over three sites, created directly so no worker runs it."""
    targets = fleet_targets(team)[:3]
    return services.create_bulk_job(team=team, user=owner, action=BulkAction.CREATE_BACKUP,
                                    params={"label": "Secret label"}, targets=targets)


def site_values(job):
    return [f"{item.connection_id}:{item.site_id}" for item in job.items.all()]


def bulk_requests(job):
    """(method, url, data, headers) for every bulk URL that takes a team object."""
    detail = reverse("sites:bulk:detail", args=[job.pk])
    return [
        ("get", detail, None, {}),
        ("get", detail, None, {"HX-Request": "true"}),
        ("post", reverse("sites:bulk:retry", args=[job.pk]), {}, {}),
        ("post", reverse("sites:bulk:cancel", args=[job.pk]), {}, {}),
        ("post", reverse("sites:bulk:new"), {"site": site_values(job)}, {}),
        ("post", reverse("sites:bulk:new"), {"site": site_values(job), "step": "create", "action": "purge_cache"}, {}),
    ]


def test_outsider_gets_404_on_every_bulk_url(browser_for, team_bulk_job, outsider_connection):
    browser = browser_for("outsider")

    for method, url, data, headers in bulk_requests(team_bulk_job):
        response = getattr(browser, method)(url, data=data, headers=headers)
        assert response.status_code == 404, f"{method.upper()} {url} {data} gave {response.status_code}"
        assert "Secret label" not in response.content.decode()

    assert BulkJob.objects.count() == 1
    assert set(BulkItem.objects.values_list("status", flat=True)) == {ItemStatus.QUEUED}


def test_outsider_list_hides_other_team(browser_for, team_bulk_job, outsider_connection):
    html = browser_for("outsider").get(reverse("sites:bulk:list")).content.decode()

    assert reverse("sites:bulk:detail", args=[team_bulk_job.pk]) not in html


@pytest.mark.parametrize("name", ["retry", "cancel"])
def test_viewer_cannot_retry_or_cancel(browser_for, team_bulk_job, name):
    BulkItem.objects.filter(bulk_job=team_bulk_job).update(status=ItemStatus.FAILED)

    response = browser_for("viewer").post(reverse(f"sites:bulk:{name}", args=[team_bulk_job.pk]))

    assert response.status_code == 403
    assert BulkItem.objects.filter(bulk_job=team_bulk_job).count() == 3
    assert set(BulkItem.objects.values_list("status", flat=True)) == {ItemStatus.FAILED}


def test_viewer_cannot_create(browser_for, team_bulk_job):
    data = {"site": site_values(team_bulk_job), "step": "create", "action": "purge_cache"}

    response = browser_for("viewer").post(reverse("sites:bulk:new"), data=data)

    assert response.status_code == 403
    assert BulkJob.objects.count() == 1


def test_viewer_sees_progress_without_buttons(browser_for, team_bulk_job):
    html = browser_for("viewer").get(reverse("sites:bulk:detail", args=[team_bulk_job.pk])).content.decode()

    assert "Secret label" in html
    assert reverse("sites:bulk:cancel", args=[team_bulk_job.pk]) not in html
    assert html.count('data-status="queued"') == 3


def test_member_creates_job_from_fleet_selection(browser_for, team, connection_one, connection_two, sandbox):
    targets = fleet_targets(team)
    chosen = [targets[0], targets[-1]]
    values = [f"{t.connection_id}:{t.site_id}" for t in chosen]
    browser = browser_for("member")

    form_page = browser.post(reverse("sites:bulk:new"), data={"site": values})
    response = browser.post(reverse("sites:bulk:new"), data={
        "site": values, "step": "create", "action": "update_plugins", "slugs": "akismet, Hello-Dolly"})

    job = BulkJob.objects.get()
    assert form_page.status_code == 200
    assert "2 sites chosen across 2 connection(s)." in form_page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == reverse("sites:bulk:detail", args=[job.pk])
    assert job.action == BulkAction.UPDATE_PLUGINS
    assert job.params == {"slugs": ["akismet", "hello-dolly"]}
    assert sorted(job.items.values_list("site_id", flat=True)) == sorted(t.site_id for t in chosen)
    assert AuditEvent.objects.get(action="bulk.update_plugins").detail["sites"] == 2


def test_select_all_matching_filter(browser_for, team, connection_one, connection_two, sandbox):
    label = fleet_targets(team)[0].site_label

    response = browser_for("member").post(reverse("sites:bulk:new"), data={
        "select_all": "1", "q": label, "step": "create", "action": "purge_cache"})

    job = BulkJob.objects.get()
    assert response.status_code == 302
    labels = list(job.items.values_list("site_label", flat=True))
    assert label in labels
    assert len(labels) < len(fleet_targets(team))


@pytest.mark.parametrize("data, message", [
    ({"action": "create_backup", "backup_label": ""}, "Enter a label for the backups"),
    ({"action": "update_themes", "slugs": "Bad Slug!"}, "“slug!” is not a WordPress slug"),
    ({"action": "change_setting", "setting": "wp_core_auto_updates", "value": "7"},
     "“7” is not a value of wp_core_auto_updates"),
    ({"action": "change_setting", "setting": "", "value": "1"}, "Choose the setting to change."),
    ({"action": "explode"}, "explode is not one of the available choices"),
])
def test_invalid_action_input_is_explained(browser_for, team, connection_one, sandbox, data, message):
    value = f"{fleet_targets(team)[0].connection_id}:{fleet_targets(team)[0].site_id}"

    response = browser_for("member").post(reverse("sites:bulk:new"), data={"site": [value], "step": "create", **data})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert BulkJob.objects.count() == 0


def test_unknown_site_is_named(browser_for, connection_one, sandbox):
    response = browser_for("member").post(reverse("sites:bulk:new"), data={
        "site": [f"{connection_one.pk}:424242"], "step": "create", "action": "purge_cache"})

    assert response.status_code == 400
    assert "Site 424242 of connection" in response.content.decode()
    assert BulkJob.objects.count() == 0


def test_fragment_stops_polling_when_done(browser_for, team_bulk_job, sandbox, monkeypatch):
    from sites.bulk import actions

    monkeypatch.setattr(actions, "POLL_FIRST_SECONDS", 0.1)
    url = reverse("sites:bulk:detail", args=[team_bulk_job.pk])
    browser = browser_for("viewer")

    running = browser.get(url, headers={"HX-Request": "true"})
    drain(team_bulk_job)
    done = browser.get(url, headers={"HX-Request": "true"})

    assert running.status_code == 200
    assert 'hx-trigger="every 2s"' in running.content.decode()
    assert done.status_code == 286
    assert "hx-get" not in done.content.decode()
    assert done.content.decode().count('data-status="succeeded"') == 3
    assert "HX-Request" in done["Vary"]


def test_fleet_shows_selection_to_members_only(browser_for, connection_one, sandbox):
    member_html = browser_for("member").get(reverse("sites:fleet")).content.decode()
    viewer_html = browser_for("viewer").get(reverse("sites:fleet")).content.decode()

    assert 'id="fleet-bulk-form"' in member_html
    assert f'value="{connection_one.pk}:' in member_html
    assert 'id="fleet-bulk-form"' not in viewer_html
    assert "data-fleet-select" not in viewer_html


def test_empty_selection_is_explained(browser_for, connection_one, sandbox):
    response = browser_for("member").post(reverse("sites:bulk:new"), data={})

    html = response.content.decode()
    assert response.status_code == 200
    assert "No sites were chosen." in html
    assert "disabled" in html.split("Start bulk job")[0].rsplit("<button", 1)[1]


def test_item_results_follow_viewer_language(browser_for, team, owner, connection_one, sandbox):
    # The worker runs without a viewer, so it must not store the results as English text.
    from bulk_helpers import add_fault

    missing, failing = fleet_targets(team)[:2]
    add_fault(sandbox, kind="client_error", status=403,
              path=f"/v1/sites/{failing.site_id}/plugins")
    job = services.create_bulk_job(team=team, user=owner, action=BulkAction.UPDATE_PLUGINS,
                                   params={"slugs": ["no-such-plugin"]}, targets=[missing, failing])
    drain(job)
    browser = browser_for("viewer")
    url = reverse("sites:bulk:detail", args=[job.pk])

    english = browser.get(url).content.decode()
    browser.post(reverse("set_language"), {"language": "zh-hans", "next": url})
    chinese = browser.get(url).content.decode()

    assert "Not installed on this site: no-such-plugin." in english
    assert "Rocket.net returned an error: " in english
    assert "此站点未安装：no-such-plugin。" in chinese
    assert "Rocket.net 返回了错误：" in chinese
    assert "Not installed on this site" not in chinese
    assert "Rocket.net returned an error" not in chinese


def test_audit_target_same_in_every_language(team, owner, connection_one, sandbox):
    with translation.override("zh-hans"):
        job = services.create_bulk_job(team=team, user=owner, action=BulkAction.PURGE_CACHE, params={},
                                            targets=fleet_targets(team))

    assert AuditEvent.objects.get(action=services.audit_action_name(BulkAction.PURGE_CACHE)).target == f"#{job.pk}"
