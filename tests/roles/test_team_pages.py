"""The audit log, member management and team settings pages, for every role and an outsider."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.audit import record_action
from accounts.models import AuditEvent, AuditResult, Connection, Membership, Role, Team
from tests.conftest import make_connection, make_user


def audit_rows(html):
    return html.count("data-audit-event=")


@pytest.fixture
def offline_connection(team):
    """A connection whose API is never called by these tests."""
    return make_connection(team, "Offline client", "http://127.0.0.1:9")


@pytest.fixture
def events(team, users, offline_connection):
    """Six events of team A spread over three days, and one of team B that must never show."""
    member, admin = users[Role.MEMBER], users[Role.ADMIN]
    rows = [
        (member, "plugins.update", AuditResult.SUCCEEDED, 1001, 3),
        (member, "plugins.update", AuditResult.FAILED, 1001, 3),
        (admin, "cache.purge", AuditResult.SUCCEEDED, 1002, 2),
        (admin, "site.clone", AuditResult.QUEUED, 1002, 2),
        (member, "cache.purge", AuditResult.SUCCEEDED, 1003, 1),
        (admin, "members.add", AuditResult.SUCCEEDED, None, 0),
    ]
    created = []
    for actor, action, result, site_id, days_ago in rows:
        event = record_action(team=team, user=actor, action=action, result=result,
                              connection=offline_connection if site_id else None, site_id=site_id,
                              site_label=f"Site {site_id}" if site_id else "", target=f"{action} target")
        AuditEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - datetime.timedelta(days=days_ago))
        created.append(event)

    other_team = Team.objects.get(slug="agency-b")
    record_action(team=other_team, user=users["outsider"], action="cache.purge", result=AuditResult.SUCCEEDED,
                  target="outsider-secret-target")
    return created


def test_audit_log_lists_newest_first(browser_for, events):
    html = browser_for("viewer").get(reverse("accounts:audit_log")).content.decode()

    positions = [html.index(f'data-audit-event="{event.pk}"') for event in reversed(events)]
    assert positions == sorted(positions)
    assert audit_rows(html) == 6
    assert "outsider-secret-target" not in html
    assert "6 events match." in html


@pytest.mark.parametrize("query, expected", [
    ({"action": "cache.purge"}, 2),
    ({"result": "failed"}, 1),
    ({"actor": "admin@agency-a.example"}, 3),
    ({"site": "1002"}, 2),
    ({"action": "plugins.update", "result": "succeeded"}, 1),
])
def test_audit_log_filters(browser_for, events, query, expected):
    html = browser_for("viewer").get(reverse("accounts:audit_log"), query).content.decode()

    assert audit_rows(html) == expected


def test_audit_log_filters_by_connection(browser_for, events, offline_connection):
    html = browser_for("viewer").get(reverse("accounts:audit_log"),
                                     {"connection": offline_connection.pk}).content.decode()

    assert audit_rows(html) == 5


def test_audit_log_date_range_counts_whole_days(browser_for, events):
    today = timezone.localdate()
    query = {"date_from": (today - datetime.timedelta(days=2)).isoformat(),
             "date_to": (today - datetime.timedelta(days=1)).isoformat()}

    html = browser_for("viewer").get(reverse("accounts:audit_log"), query).content.decode()

    assert audit_rows(html) == 3


def test_audit_log_rejects_reversed_dates(browser_for, events):
    response = browser_for("viewer").get(reverse("accounts:audit_log"),
                                         {"date_from": "2026-05-02", "date_to": "2026-05-01"})

    assert response.status_code == 400
    assert "The end date 2026-05-01 is before the start date 2026-05-02." in response.content.decode()
    assert audit_rows(response.content.decode()) == 0


def test_audit_log_rejects_connection_of_other_team(browser_for, events, other_team):
    foreign = make_connection(other_team, "Foreign", "http://127.0.0.1:9")

    response = browser_for("viewer").get(reverse("accounts:audit_log"), {"connection": foreign.pk})

    assert response.status_code == 400
    assert "Foreign" not in response.content.decode()


def test_audit_log_pages_of_fifty(browser_for, team, owner):
    for number in range(120):
        record_action(team=team, user=owner, action="cache.purge", result=AuditResult.SUCCEEDED,
                      target=f"page-target-{number:03d}")
    browser = browser_for("viewer")

    first = browser.get(reverse("accounts:audit_log")).content.decode()
    last = browser.get(reverse("accounts:audit_log"), {"page": 3}).content.decode()

    assert audit_rows(first) == 50
    assert "page-target-119" in first
    assert "Page 1 of 3" in first
    assert audit_rows(last) == 20
    assert "page-target-000" in last


def test_audit_log_query_count_is_flat(browser_for, team, owner, offline_connection,
                                       django_assert_max_num_queries):
    for number in range(60):
        record_action(team=team, user=owner, action=f"action.{number % 7}", result=AuditResult.SUCCEEDED,
                      connection=offline_connection, site_id=1001, target=f"t{number}")
    browser = browser_for("viewer")

    # Session, user, memberships; actors, connections, actions for the filters; count and page rows.
    with django_assert_max_num_queries(8):
        response = browser.get(reverse("accounts:audit_log"), {"action": "action.3"})

    assert audit_rows(response.content.decode()) == 9


def test_audit_log_htmx_gets_table_only(browser_for, events):
    response = browser_for("viewer").get(reverse("accounts:audit_log"), {"result": "queued"},
                                         headers={"HX-Request": "true"})
    html = response.content.decode()

    assert html.lstrip().startswith('<div id="audit-table">')
    assert audit_rows(html) == 1
    assert "navbar" not in html
    assert "HX-Request" in response["Vary"]


def test_outsider_audit_log_shows_own_team_only(browser_for, events):
    html = browser_for("outsider").get(reverse("accounts:audit_log")).content.decode()

    assert audit_rows(html) == 1
    assert "plugins.update" not in html


# -- members -------------------------------------------------------------------------------------


def test_member_list_shows_roles_to_viewer(browser_for, users):
    html = browser_for("viewer").get(reverse("accounts:member_list")).content.decode()

    for role in Role.values:
        assert f"{role}@agency-a.example" in html
    assert "owner@agency-b.example" not in html
    assert "Add member" not in html
    assert "Change role" not in html


def test_admin_adds_existing_user(browser_for, users, team):
    newcomer = make_user("newcomer@example.com")

    response = browser_for("admin").post(reverse("accounts:member_add"),
                                         {"email": "NEWCOMER@example.com", "role": Role.MEMBER})

    assert response.status_code == 302
    assert Membership.objects.get(team=team, user=newcomer).role == Role.MEMBER
    event = AuditEvent.objects.get(action="members.add")
    assert event.target == "newcomer@example.com"
    assert event.actor_email == "admin@agency-a.example"


def test_add_unknown_email_invites(browser_for, users, team):
    response = browser_for("admin").post(reverse("accounts:member_add"),
                                         {"email": "nobody@example.com", "role": Role.MEMBER})

    assert response.status_code == 302
    assert Membership.objects.get(team=team, user__email="nobody@example.com").role == Role.MEMBER
    assert AuditEvent.objects.get().action == "members.invite"


def test_add_existing_member_explained(browser_for, users, team):
    response = browser_for("admin").post(reverse("accounts:member_add"),
                                         {"email": "viewer@agency-a.example", "role": Role.ADMIN})

    assert response.status_code == 400
    assert "viewer@agency-a.example is already a member of this team." in response.content.decode()
    assert Membership.objects.get(user=users[Role.VIEWER]).role == Role.VIEWER


def test_admin_cannot_grant_owner(browser_for, users, team):
    make_user("climber@example.com")

    response = browser_for("admin").post(reverse("accounts:member_add"),
                                         {"email": "climber@example.com", "role": Role.OWNER})
    promote = browser_for("admin").post(
        reverse("accounts:member_role", args=[Membership.objects.get(user=users[Role.ADMIN]).pk]),
        {"role": Role.OWNER},
    )

    assert response.status_code == 403
    assert promote.status_code == 403
    assert not Membership.objects.filter(user__email="climber@example.com").exists()
    assert Membership.objects.get(user=users[Role.ADMIN]).role == Role.ADMIN


def test_admin_cannot_touch_owner(browser_for, users):
    owner_membership = Membership.objects.get(user=users[Role.OWNER])
    browser = browser_for("admin")

    demote = browser.post(reverse("accounts:member_role", args=[owner_membership.pk]), {"role": Role.VIEWER})
    remove = browser.post(reverse("accounts:member_remove", args=[owner_membership.pk]))

    assert demote.status_code == 403
    assert remove.status_code == 403
    owner_membership.refresh_from_db()
    assert owner_membership.role == Role.OWNER


def test_admin_changes_member_role(browser_for, users):
    membership = Membership.objects.get(user=users[Role.VIEWER])

    response = browser_for("admin").post(reverse("accounts:member_role", args=[membership.pk]),
                                         {"role": Role.MEMBER})

    membership.refresh_from_db()
    assert response.status_code == 302
    assert membership.role == Role.MEMBER
    event = AuditEvent.objects.get(action="members.change_role")
    assert event.detail == {"from": "viewer", "to": "member"}


def test_invalid_role_shown_on_row(browser_for, users):
    membership = Membership.objects.get(user=users[Role.VIEWER])

    response = browser_for("admin").post(reverse("accounts:member_role", args=[membership.pk]), {"role": "boss"})

    assert response.status_code == 400
    assert "Select a valid choice. boss is not one of the available choices." in response.content.decode()


def test_last_owner_cannot_be_demoted_or_removed(browser_for, users):
    membership = Membership.objects.get(user=users[Role.OWNER])
    browser = browser_for("owner")

    demote = browser.post(reverse("accounts:member_role", args=[membership.pk]), {"role": Role.ADMIN})
    remove = browser.post(reverse("accounts:member_remove", args=[membership.pk]))

    assert demote.status_code == 400
    assert "owner@agency-a.example is the team&#x27;s only owner." in demote.content.decode()
    assert remove.status_code == 400
    assert "cannot be removed" in remove.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.OWNER


def test_second_owner_allows_removing_first(browser_for, users, team):
    Membership.objects.filter(user=users[Role.ADMIN]).update(role=Role.OWNER)
    first = Membership.objects.get(user=users[Role.OWNER])

    response = browser_for("admin").post(reverse("accounts:member_remove", args=[first.pk]))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=first.pk).exists()
    assert AuditEvent.objects.get(action="members.remove").target == "owner@agency-a.example"


def test_outsider_membership_pk_is_404(browser_for, users, other_team):
    foreign = Membership.objects.get(user=users["outsider"])

    response = browser_for("owner").post(reverse("accounts:member_remove", args=[foreign.pk]))

    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


# -- team settings -------------------------------------------------------------------------------


def test_owner_renames_team(browser_for, users, team):
    response = browser_for("owner").post(reverse("accounts:team_settings"), {"name": "  Agency Renamed "})

    team.refresh_from_db()
    assert response.status_code == 302
    assert team.name == "Agency Renamed"
    assert AuditEvent.objects.get(action="team.rename").detail == {"from": "Agency A"}


def test_admin_cannot_rename_or_delete(browser_for, users, team):
    browser = browser_for("admin")

    rename = browser.post(reverse("accounts:team_settings"), {"name": "Admin's team"})
    delete = browser.post(reverse("accounts:team_delete"), {"confirm_name": "Agency A"})

    team.refresh_from_db()
    assert rename.status_code == 403
    assert delete.status_code == 403
    assert team.name == "Agency A"
    assert "Only an owner can rename or delete the team." in browser.get(reverse("accounts:team_settings")).content.decode()


def test_delete_needs_exact_name(browser_for, users, team):
    response = browser_for("owner").post(reverse("accounts:team_delete"), {"confirm_name": "agency a"})

    assert response.status_code == 400
    assert "agency a is not the team name. Type Agency A exactly to delete the team." in response.content.decode()
    assert Team.objects.filter(pk=team.pk).exists()


def test_owner_deletes_team_and_its_rows(browser_for, users, team, offline_connection):
    response = browser_for("owner").post(reverse("accounts:team_delete"), {"confirm_name": "Agency A"})

    assert response.status_code == 302
    assert not Team.objects.filter(pk=team.pk).exists()
    assert not Connection.objects.filter(pk=offline_connection.pk).exists()
    assert Team.objects.filter(slug="agency-b").exists()


# -- connection changes are audited ----------------------------------------------------------------


def test_connection_changes_audited(browser_for, team, users, sandbox):
    browser = browser_for("admin")
    add = browser.post(reverse("accounts:connection_add"), {
        "label": "Audited", "client_name": "Audit Ltd", "email": "agency-one@example.com",
        "api_base_url": sandbox.url, "password": "web-test-sandbox-password",
    })
    connection = Connection.objects.get(label="Audited")
    edit = browser.post(reverse("accounts:connection_edit", args=[connection.pk]), {
        "label": "Audited two", "client_name": "Audit Ltd", "email": "agency-one@example.com",
        "api_base_url": sandbox.url, "password": "",
    })
    delete = browser.post(reverse("accounts:connection_delete", args=[connection.pk]))

    assert [add.status_code, edit.status_code, delete.status_code] == [302, 302, 302]
    events = list(AuditEvent.objects.order_by("pk"))
    assert [event.action for event in events] == ["connection.add", "connection.edit", "connection.delete"]
    assert [event.connection_label for event in events] == ["Audited", "Audited two", "Audited two"]
    assert all(event.actor_email == "admin@agency-a.example" for event in events)
    assert events[0].detail["login_replaced"] is True
    assert events[1].detail["login_replaced"] is False
    assert "web-test-sandbox-password" not in str([event.detail for event in events])


def test_failed_connection_check_audited(browser_for, team, users, sandbox):
    response = browser_for("admin").post(reverse("accounts:connection_add"), {
        "label": "Wrong password", "email": "agency-one@example.com", "api_base_url": sandbox.url,
        "password": "not-the-password",
    })

    event = AuditEvent.objects.get()
    assert response.status_code == 400
    assert event.action == "connection.add"
    assert event.result == AuditResult.FAILED
    assert "rejected the email agency-one@example.com" in event.detail["error"]
    assert not Connection.objects.filter(label="Wrong password").exists()


def test_team_pages_in_simplified_chinese(browser_for, events):
    browser = browser_for("admin")
    browser.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})

    audit = browser.get(reverse("accounts:audit_log")).content.decode()
    members = browser.get(reverse("accounts:member_list")).content.decode()

    assert "审计日志" in audit
    assert "6 个事件符合条件。" in audit
    assert "添加成员" in members


def test_admin_page_offers_no_owner_controls(browser_for, users):
    owner_membership = Membership.objects.get(user=users[Role.OWNER])
    viewer_membership = Membership.objects.get(user=users[Role.VIEWER])

    html = browser_for("admin").get(reverse("accounts:member_list")).content.decode()

    assert reverse("accounts:member_role", args=[owner_membership.pk]) not in html
    assert reverse("accounts:member_remove", args=[owner_membership.pk]) not in html
    assert reverse("accounts:member_role", args=[viewer_membership.pk]) in html
    assert '<option value="owner"' not in html


def test_owner_page_offers_owner_role(browser_for, users):
    owner_membership = Membership.objects.get(user=users[Role.OWNER])

    html = browser_for("owner").get(reverse("accounts:member_list")).content.decode()

    assert reverse("accounts:member_role", args=[owner_membership.pk]) in html
    assert '<option value="owner"' in html


def test_audit_log_labels_actions(browser_for, events):
    browser = browser_for("viewer")

    english = browser.get(reverse("accounts:audit_log")).content.decode()
    browser.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("accounts:audit_log")})
    chinese = browser.get(reverse("accounts:audit_log")).content.decode()

    assert '<option value="plugins.update">Plugin updated</option>' in english
    assert '<option value="cache.purge">CDN cache purged for some files</option>' in english
    assert 'Plugin updated <code class="small d-block">plugins.update</code>' in english
    assert '<option value="plugins.update">插件已更新</option>' in chinese
    assert '插件已更新 <code class="small d-block">plugins.update</code>' in chinese
