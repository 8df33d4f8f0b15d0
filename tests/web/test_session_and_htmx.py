"""Login, logout, the team switcher, language switching and htmx session handling."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.models import Connection, Membership, Role, Team, User
from sites.models import Job, JobKind
from tests.conftest import make_user


def test_login_with_email_and_password(client, owner):
    response = client.post(reverse("accounts:login"),
                           {"username": owner.email, "password": "user-password-for-tests"})

    assert response.status_code == 302
    assert response.url == reverse("sites:fleet")


def test_login_wrong_password_explained(client, owner):
    response = client.post(reverse("accounts:login"), {"username": owner.email, "password": "wrong"})

    assert response.status_code == 200
    assert "Please enter a correct email address and password." in response.content.decode()


def test_logout_is_post_and_ends_session(browser_for):
    browser = browser_for("owner")

    response = browser.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert browser.get(reverse("sites:job_list")).status_code == 302


def test_expired_session_htmx_gets_hx_redirect(client, team):
    response = client.get(
        reverse("sites:job_list"),
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/jobs/?page=2"},
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{reverse('accounts:login')}?next=/jobs/%3Fpage%3D2"


def test_expired_session_plain_request_redirects(client, team):
    response = client.get(reverse("sites:job_list"))

    assert response.status_code == 302
    assert "HX-Redirect" not in response


def test_body_sends_csrf_token_to_htmx(browser_for, team):
    html = browser_for("viewer").get(reverse("sites:job_list")).content.decode()

    assert "hx-headers='{\"X-CSRFToken\": \"" in html
    assert "vendor/htmx.min.js" in html
    assert "vendor/bootstrap.min.css" in html


def test_connection_form_opts_out_of_htmx_history(browser_for, team):
    html = browser_for("owner").get(reverse("accounts:connection_add")).content.decode()

    assert 'hx-history="false"' in html


def test_team_switcher_changes_current_team(client, team, other_team, users):
    user = make_user("both@example.com", team, Role.VIEWER)
    Membership.objects.create(team=other_team, user=user, role=Role.MEMBER)
    connection = Connection(team=other_team, label="Only in B", email="b@example.com", api_base_url="http://127.0.0.1:9")
    connection.password = "unused-password"
    connection.save()
    job = Job.objects.create(team=other_team, connection=connection, site_id=1, kind=JobKind.CLONE)
    client.force_login(user)

    before = client.get(reverse("sites:job_detail", args=[job.pk]))
    switch = client.post(reverse("accounts:switch_team"), {"team": other_team.pk})
    after = client.get(reverse("sites:job_detail", args=[job.pk]))

    assert before.status_code == 404
    assert switch.status_code == 302
    assert after.status_code == 200
    assert 'id="team-switch"' in after.content.decode()


def test_team_switcher_hidden_for_single_team(browser_for, team):
    html = browser_for("owner").get(reverse("sites:job_list")).content.decode()

    assert 'id="team-switch"' not in html
    assert "Agency A" in html


def test_language_switch_to_chinese(browser_for, team):
    browser = browser_for("owner")

    browser.post(reverse("set_language"), {"language": "zh-hans", "next": "/jobs/"})
    html = browser.get(reverse("sites:job_list")).content.decode()

    assert '<html lang="zh-hans">' in html
    assert "任务" in html


def test_seed_demo_is_idempotent(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    call_command("seed_demo", "--sandbox-url", "http://127.0.0.1:8099", stdout=open("/dev/null", "w"))

    user = User.objects.get(email="demo@example.com")
    team = Team.objects.get(name="Demo Agency")
    connections = list(Connection.objects.filter(team=team).order_by("email"))
    assert User.objects.count() == 1
    assert Membership.objects.get(user=user, team=team).role == Role.OWNER
    assert [c.email for c in connections] == ["agency-one@example.com", "agency-two@example.com"]
    assert all(c.api_base_url == "http://127.0.0.1:8099" for c in connections)
    assert all(c.password == "sandbox-demo-password" for c in connections)
    assert user.check_password("demo-password-for-tests")


def test_seed_demo_requires_password(db, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="pass --password or set DEMO_PASSWORD"):
        call_command("seed_demo")
