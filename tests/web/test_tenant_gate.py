"""Every view against outsiders (404) and lower roles (403), with data that could leak created first."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult, Membership, Role
from sites import selectors
from sites.models import Job, JobKind, JobStatus
from tests.conftest import make_user

SITE_ID = 1001


@pytest.fixture
def team_job(connection_one, owner):
    """A job of team A, created directly so no worker runs it."""
    return Job.objects.create(team=connection_one.team, connection=connection_one, site_id=SITE_ID,
                              site_label="Bright Bakery", kind=JobKind.CLONE,
                              params={"label": "Secret copy", "location": None}, created_by=owner)


def outsider_requests(connection, job):
    """(method, url, data, headers) for every view that takes a team object."""
    site = (connection.pk, SITE_ID)
    htmx = {"HX-Request": "true"}
    return [
        ("get", reverse("sites:site_detail", args=site), None, {}),
        ("post", reverse("sites:site_clone", args=site), {"label": "x", "location": "1"}, {}),
        ("post", reverse("sites:backup_create", args=site), {"label": "x", "backup_directory": "on"}, {}),
        ("post", reverse("sites:backup_restore", args=(*site, 5001)), {}, {}),
        ("get", reverse("sites:job_detail", args=[job.pk]), None, {}),
        ("get", reverse("sites:job_detail", args=[job.pk]), None, htmx),
        ("post", reverse("sites:job_cancel", args=[job.pk]), {}, {}),
        ("get", reverse("accounts:connection_edit", args=[connection.pk]), None, {}),
        ("post", reverse("accounts:connection_delete", args=[connection.pk]), {}, {}),
    ]


def test_outsider_gets_404_everywhere(browser_for, connection_one, outsider_connection, team_job):
    browser = browser_for("outsider")

    for method, url, data, headers in outsider_requests(connection_one, team_job):
        response = getattr(browser, method)(url, data=data, headers=headers)
        assert response.status_code == 404, f"{method.upper()} {url} with {headers} gave {response.status_code}"
        assert "Secret copy" not in response.content.decode()

    team_job.refresh_from_db()
    assert team_job.status == JobStatus.QUEUED
    assert Job.objects.count() == 1


def test_outsider_job_list_hides_other_team(browser_for, team_job, outsider_connection):
    html = browser_for("outsider").get(reverse("sites:job_list")).content.decode()

    assert reverse("sites:job_detail", args=[team_job.pk]) not in html
    assert "Bright Bakery" not in html


def test_outsider_cannot_switch_into_team(browser_for, team, team_job):
    browser = browser_for("outsider")

    response = browser.post(reverse("accounts:switch_team"), {"team": team.pk}, follow=True)

    assert f"Team {team.pk} is not one of your teams." in response.content.decode()
    assert browser.get(reverse("sites:job_detail", args=[team_job.pk])).status_code == 404


def test_site_of_another_account_is_404(browser_for, connection_one, connection_two, sandbox):
    other_account_site = next(iter(sandbox.state.sites_of(sandbox.state.account_by_email(connection_two.email))))

    response = browser_for("owner").get(reverse("sites:site_detail", args=[connection_one.pk, other_account_site.id]))

    assert response.status_code == 404


@pytest.mark.parametrize("url_name, data", [
    ("sites:site_clone", {"label": "Viewer copy", "location": "1"}),
    ("sites:backup_create", {"label": "Viewer backup", "backup_directory": "on"}),
])
def test_viewer_cannot_start_jobs(browser_for, connection_one, url_name, data):
    response = browser_for("viewer").post(reverse(url_name, args=[connection_one.pk, SITE_ID]), data)

    assert response.status_code == 403
    assert "needs the Member role or higher; your role is Viewer" in response.content.decode()
    assert not Job.objects.exists()


def test_viewer_cannot_restore_or_cancel(browser_for, connection_one, team_job):
    browser = browser_for("viewer")

    restore = browser.post(reverse("sites:backup_restore", args=[connection_one.pk, SITE_ID, 5001]))
    cancel = browser.post(reverse("sites:job_cancel", args=[team_job.pk]))

    assert restore.status_code == 403
    assert cancel.status_code == 403
    assert Job.objects.get().status == JobStatus.QUEUED


def test_viewer_site_page_has_no_forms(browser_for, connection_one):
    html = browser_for("viewer").get(reverse("sites:site_detail", args=[connection_one.pk, SITE_ID])).content.decode()

    assert "Bright Bakery" in html
    assert "Start clone" not in html
    assert "Your role can view this site but not change it." in html


def test_member_can_clone(browser_for, connection_one, sandbox, django_capture_on_commit_callbacks):
    location = sandbox.state.locations[0]

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = browser_for("member").post(
            reverse("sites:site_clone", args=[connection_one.pk, SITE_ID]),
            {"label": "Member copy", "location": str(location.id)},
        )

    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("sites:job_detail", args=[job.pk])
    assert job.kind == JobKind.CLONE
    assert job.params == {"label": "Member copy", "location": location.id, "location_name": location.location}
    assert job.created_by.email == "member@agency-a.example"
    assert len(callbacks) == 1
    event = AuditEvent.objects.get(action="site.clone")
    assert event.result == AuditResult.QUEUED
    assert event.target == "Member copy"
    assert event.detail == {"job": job.pk}
    assert event.actor_email == "member@agency-a.example"


def test_clone_with_unknown_location_explained(browser_for, connection_one, sandbox):
    response = browser_for("member").post(
        reverse("sites:site_clone", args=[connection_one.pk, SITE_ID]), {"label": "Copy", "location": "987654"}
    )

    assert response.status_code == 400
    assert "Location 987654 is not offered for this account." in response.content.decode()
    assert not Job.objects.exists()


def test_backup_without_files_or_database_explained(browser_for, connection_one, sandbox):
    response = browser_for("member").post(
        reverse("sites:backup_create", args=[connection_one.pk, SITE_ID]), {"label": "Empty"}
    )

    assert response.status_code == 400
    assert "Choose files, database or both" in response.content.decode()
    assert not Job.objects.exists()


def test_member_can_queue_restore(browser_for, connection_one, sandbox, django_capture_on_commit_callbacks):
    backup = next(iter(sandbox.state.sites[SITE_ID].backups.values()))

    with django_capture_on_commit_callbacks(execute=False):
        response = browser_for("member").post(
            reverse("sites:backup_restore", args=[connection_one.pk, SITE_ID, backup.id]),
        )

    job = Job.objects.get()
    assert response.status_code == 302
    assert job.kind == JobKind.BACKUP_RESTORE
    assert job.params["backup_id"] == backup.id
    assert job.params["backup_label"] == backup.label


def test_user_without_team_sees_no_team_page(client, db):
    client.force_login(make_user("lonely@example.com"))

    for name in ("sites:fleet", "sites:job_list"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "You are not in a team yet" in response.content.decode()


def test_role_order():
    membership = Membership(role=Role.ADMIN)

    assert membership.has_role(Role.VIEWER)
    assert membership.has_role(Role.MEMBER)
    assert membership.has_role(Role.ADMIN)
    assert not membership.has_role(Role.OWNER)


def test_services_job_queries_scoped(connection_one, outsider_connection, owner, team_job):
    assert selectors.jobs_for_team(outsider_connection.team) == []
    assert selectors.jobs_for_team(connection_one.team) == [team_job]


def test_job_list_query_count_is_flat(browser_for, connection_one, owner, django_assert_max_num_queries):
    for number in range(15):
        Job.objects.create(team=connection_one.team, connection=connection_one, site_id=SITE_ID,
                           kind=JobKind.CLONE, params={"label": f"Copy {number}"}, created_by=owner)
    browser = browser_for("viewer")

    # Session, user, memberships, jobs (with connection and creator joined): no query per row.
    with django_assert_max_num_queries(6):
        response = browser.get(reverse("sites:job_list"))

    assert response.content.decode().count("/jobs/") >= 15


def test_restore_unknown_backup_is_404(browser_for, connection_one, sandbox):
    response = browser_for("member").post(reverse("sites:backup_restore", args=[connection_one.pk, SITE_ID, 999999]))

    assert response.status_code == 404
    assert not Job.objects.exists()
