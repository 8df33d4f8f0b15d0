"""The Activity tab against the sandbox over real HTTP."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult
from sandbox.faults import Fault

SITE_ID = 1001  # Bright Bakery, on agency-one's account


def url(name, connection, query=""):
    address = reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID})
    return f"{address}?{query}" if query else address


def log(sandbox):
    from sandbox.handlers.activity import activity_log

    return activity_log(sandbox.state, sandbox.state.sites[SITE_ID])


def logging_setting(sandbox):
    from sandbox.handlers.settings import site_settings

    return site_settings(sandbox.state, sandbox.state.sites[SITE_ID])["wp_activity_log"]


def events(sandbox):
    return sorted(log(sandbox)["events"].values(), key=lambda event: event["_created"], reverse=True)


def guard_activity(sandbox, methods=("POST", "DELETE")):
    faults = [Fault(kind="client_error", path="/v1/sites/*/activity/*", method=method, count=1, status=400)
              for method in methods]
    for fault in faults:
        sandbox.state.faults.add(fault)
    return faults


def unused(sandbox, faults):
    return all(fault in sandbox.state.faults.faults for fault in faults)


def day_of(event):
    return datetime.datetime.fromtimestamp(event["_created"], tz=datetime.UTC).date()


def test_list_shows_events(browser_for, connection_one, sandbox):
    newest = events(sandbox)[0]

    html = browser_for("viewer").get(url("ws_activity", connection_one)).content.decode()

    assert newest["label"].replace('"', "&quot;") in html
    assert newest["ip"] in html
    assert "Activity logging is on, according to the site's settings." in html
    assert 'aria-current="page">Activity<' in html
    assert "Turn off" not in html
    assert "Delete…" not in html


def test_filter_by_author_and_type(browser_for, connection_one, sandbox):
    target = events(sandbox)[0]
    expected = [event for event in events(sandbox) if target["author"] in event["author"] and event["type"] == target["type"]]

    html = browser_for("viewer").get(url("ws_activity", connection_one,
                                         f"author={target['author']}&event_type={target['type']}")).content.decode()

    body = html.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == len(expected)
    assert body.count(f"<td>{target['type']}</td>") == len(expected)


def test_filter_by_date_range(browser_for, connection_one, sandbox):
    newest_day = day_of(events(sandbox)[0])
    expected = [event for event in events(sandbox) if day_of(event) == newest_day]

    html = browser_for("viewer").get(url("ws_activity", connection_one,
                                         f"date_from={newest_day}&date_to={newest_day}")).content.decode()

    body = html.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == len(expected)


def test_paging(browser_for, connection_one, sandbox):
    browser = browser_for("viewer")
    all_events = events(sandbox)

    first = browser.get(url("ws_activity", connection_one, "per_page=25")).content.decode()
    assert all_events[-1]["created_at"] in first
    assert "Next" not in first

    from sandbox.handlers.activity import _seed_events
    extra = _seed_events(sandbox.state, sandbox.state.sites[SITE_ID])
    for key, event in extra.items():
        log(sandbox)["events"][f"x{key}"] = {**event, "id": f"x{key}"}
        log(sandbox)["events"][f"y{key}"] = {**event, "id": f"y{key}"}
    second_page = browser.get(url("ws_activity", connection_one, "per_page=25&page=2")).content.decode()
    first_page = browser.get(url("ws_activity", connection_one, "per_page=25")).content.decode()

    assert "Next" in first_page
    assert "Previous" in second_page
    assert second_page.split("<tbody>")[1].count("<tr>") == 36 - 25


@pytest.mark.parametrize(("query", "field", "message"), [
    ("date_from=2026-13-01", "date_from", "Enter a date like 2026-11-30."),
    ("date_from=2026-11-20&date_to=2026-11-10", "date_to", "The end date 2026-11-10 is before the start date 2026-11-20."),
    ("ip=300.1.1.1", "ip", "Enter a valid IPv4 or IPv6 address"),
    ("per_page=7", "per_page", "7 is not one of the offered values."),
])
def test_bad_filter_named_without_request(browser_for, connection_one, sandbox, query, field, message):
    faults = guard_activity(sandbox, methods=("GET",))
    faults[0].path = "/v1/sites/*/activity/events"

    response = browser_for("viewer").get(url("ws_activity", connection_one, query))

    assert response.status_code == 400
    assert f'id="activity_{field}_error">{message}' in response.content.decode()
    assert unused(sandbox, faults)


def test_disable_then_enable(browser_for, connection_one, sandbox):
    browser = browser_for("member")

    off = browser.post(url("ws_activity_disable", connection_one), follow=True)
    disabled = logging_setting(sandbox)
    reloaded = browser.get(url("ws_activity", connection_one)).content.decode()
    settings_tab = browser.get(url("ws_settings", connection_one)).content.decode()
    on = browser.post(url("ws_activity_enable", connection_one), follow=True)

    assert disabled == 0
    assert logging_setting(sandbox) == 1
    assert "Activity logging is off:" in off.content.decode()
    assert "Activity logging is off, according to the site's settings." in off.content.decode()
    assert "Activity logging is off, according to the site's settings." in reloaded
    assert '<option value="0" selected>Disabled</option>' in settings_tab.split('name="wp_activity_log"')[1]
    assert "Activity logging is on, according to the site's settings." in on.content.decode()
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", "result"))
    assert actions == [("activity.disable", AuditResult.SUCCEEDED), ("activity.enable", AuditResult.SUCCEEDED)]


def test_switch_error_shown_by_buttons(browser_for, connection_one, sandbox):
    log(sandbox)
    sandbox.state.sites[SITE_ID].lock_holders.add("fault")

    response = browser_for("member").post(url("ws_activity_disable", connection_one))

    html = response.content.decode()
    assert response.status_code == 400
    assert '<div class="w-100 text-danger small" role="alert">' in html
    assert "locked" in html.split('<div class="w-100 text-danger small" role="alert">')[1].split("</div>")[0]
    assert logging_setting(sandbox) == 1
    assert AuditEvent.objects.get(action="activity.disable").result == AuditResult.FAILED


def test_delete_event_needs_confirmation(browser_for, connection_one, sandbox):
    event = events(sandbox)[0]
    browser = browser_for("member")

    page = browser.get(url("ws_activity_delete", connection_one, f"event={event['id']}")).content.decode()
    unconfirmed = browser.post(url("ws_activity_delete", connection_one), {"event": event["id"]})

    assert f"Delete the activity event {event['id']}?" in page
    assert event["display_name"] in page
    assert unconfirmed.status_code == 400
    assert event["id"] in log(sandbox)["events"]


def test_delete_event_confirmed(browser_for, connection_one, sandbox):
    event_id = events(sandbox)[0]["id"]

    response = browser_for("member").post(url("ws_activity_delete", connection_one),
                                          {"event": event_id, "confirm": "on"}, follow=True)

    assert event_id not in log(sandbox)["events"]
    assert f"Deleted the activity event {event_id}." in response.content.decode()
    audit = AuditEvent.objects.get(action="activity.delete_event")
    assert audit.target == event_id
    assert audit.result == AuditResult.SUCCEEDED


def test_delete_unknown_event_api_error(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_activity_delete", connection_one), {"event": "1001-999", "confirm": "on"})

    assert response.status_code == 400
    assert "activity event &#x27;1001-999&#x27; not found" in response.content.decode()
    assert AuditEvent.objects.get(action="activity.delete_event").result == AuditResult.FAILED


def test_delete_bad_event_id_rejected(browser_for, connection_one, sandbox):
    faults = guard_activity(sandbox, methods=(None,))

    response = browser_for("member").post(url("ws_activity_delete", connection_one), {"event": "../../x", "confirm": "on"})

    assert response.status_code == 400
    assert "“../../x” is not an activity event ID" in response.content.decode()
    assert unused(sandbox, faults)


WRITES = [
    ("ws_activity_enable", {}),
    ("ws_activity_disable", {}),
    ("ws_activity_delete", {"event": "1001-1", "confirm": "on"}),
]


@pytest.mark.parametrize(("name", "data"), WRITES)
def test_viewer_cannot_write(browser_for, connection_one, sandbox, name, data):
    before = set(log(sandbox)["events"])
    faults = guard_activity(sandbox)

    response = browser_for("viewer").post(url(name, connection_one), data)

    assert response.status_code == 403
    assert unused(sandbox, faults)
    assert set(log(sandbox)["events"]) == before
    assert not AuditEvent.objects.exists()


def test_viewer_cannot_open_delete_confirmation(browser_for, connection_one, sandbox):
    assert browser_for("viewer").get(url("ws_activity_delete", connection_one, "event=1001-1")).status_code == 403


@pytest.mark.parametrize("name", ["ws_activity", "ws_activity_delete"])
def test_outsider_read_gets_404(browser_for, connection_one, outsider_connection, sandbox, name):
    newest = events(sandbox)[0]
    faults = guard_activity(sandbox, methods=(None,))

    response = browser_for("outsider").get(url(name, connection_one, f"event={newest['id']}"))

    assert response.status_code == 404
    assert newest["ip"] not in response.content.decode()
    assert unused(sandbox, faults)


@pytest.mark.parametrize(("name", "data"), WRITES)
def test_outsider_write_gets_404(browser_for, connection_one, outsider_connection, sandbox, name, data):
    before = set(log(sandbox)["events"])
    faults = guard_activity(sandbox, methods=(None,))

    response = browser_for("outsider").post(url(name, connection_one), data)

    assert response.status_code == 404
    assert unused(sandbox, faults)
    assert set(log(sandbox)["events"]) == before
    assert logging_setting(sandbox) == 1
    assert not AuditEvent.objects.exists()
