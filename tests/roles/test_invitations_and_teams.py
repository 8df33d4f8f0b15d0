"""Invitations by email, team creation and the page for users without a team."""

import re

from django.core import mail
from django.core.management import call_command
from django.test import Client as BrowserClient
from django.urls import reverse

from accounts.models import AuditEvent, Membership, Role, Team, User
from tests.conftest import make_user


def invite(browser, email, role=Role.MEMBER):
    return browser.post(reverse("accounts:member_add"), {"email": email, "role": role}, follow=True)


def invitation_link(message_body):
    return re.search(r"http://testserver(/accounts/invitation/\S+/)", message_body).group(1)


def test_admin_invites_new_person(browser_for, team, users):
    response = invite(browser_for(Role.ADMIN), "new.person@example.com")

    user = User.objects.get(email="new.person@example.com")
    html = response.content.decode()
    assert not user.has_usable_password()
    assert Membership.objects.get(team=team, user=user).role == Role.MEMBER
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.com"]
    assert invitation_link(mail.outbox[0].body) in html
    assert "invited, no password set yet" in html
    assert AuditEvent.objects.get(team=team, action="members.invite").target == "new.person@example.com"


def test_invited_person_sets_password_and_lands_in_team(browser_for, team, users):
    invite(browser_for(Role.OWNER), "new.person@example.com", Role.VIEWER)
    link = invitation_link(mail.outbox[0].body)
    visitor = BrowserClient()

    form_page = visitor.get(link, follow=True)
    response = visitor.post(form_page.redirect_chain[-1][0],
                            {"new_password1": "a-long-new-password-7", "new_password2": "a-long-new-password-7"},
                            follow=True)

    assert response.status_code == 200
    assert "Agency A" in response.content.decode()
    assert User.objects.get(email="new.person@example.com").check_password("a-long-new-password-7")
    assert visitor.get(link, follow=True).context["validlink"] is False


def test_bad_invitation_link_explained(client, db):
    response = client.get(reverse("accounts:invitation_accept", kwargs={"uidb64": "MQ", "token": "bad-token"}))

    assert "This link is not valid" in response.content.decode()


def test_pending_member_invited_again(browser_for, team, users):
    invite(browser_for(Role.ADMIN), "new.person@example.com")

    response = invite(browser_for(Role.ADMIN), "new.person@example.com")

    assert response.status_code == 200
    assert len(mail.outbox) == 2
    assert AuditEvent.objects.filter(team=team, action="members.reinvite").count() == 1


def test_existing_login_added_without_email(browser_for, team, users):
    make_user("has.login@example.com")

    invite(browser_for(Role.ADMIN), "has.login@example.com")

    assert Membership.objects.filter(team=team, user__email="has.login@example.com").exists()
    assert mail.outbox == []


def test_member_cannot_invite(browser_for, team, users):
    response = invite(browser_for(Role.MEMBER), "new.person@example.com")

    assert response.status_code == 403
    assert not User.objects.filter(email="new.person@example.com").exists()


def test_invalid_member_email_names_value(browser_for, users):
    response = invite(browser_for(Role.ADMIN), "nobody-at-example")

    assert response.status_code == 400
    assert "“nobody-at-example” is not a valid email address" in response.content.decode()


def test_user_without_team_gets_friendly_page(client, db):
    client.force_login(make_user("lonely@example.com"))

    for name in ("sites:fleet", "accounts:connection_list", "accounts:member_list"):
        response = client.get(reverse(name))
        html = response.content.decode()
        assert response.status_code == 200, name
        assert "You are not in a team yet" in html
        assert reverse("accounts:team_create") in html
        assert reverse("accounts:logout") in html


def test_user_creates_team_and_owns_it(client, db):
    user = make_user("lonely@example.com")
    client.force_login(user)

    response = client.post(reverse("accounts:team_create"), {"name": "Lonely Agency"}, follow=True)

    team = Team.objects.get(name="Lonely Agency")
    assert Membership.objects.get(team=team, user=user).role == Role.OWNER
    assert response.context["current_team"] == team
    assert AuditEvent.objects.get(team=team, action="team.create").actor == user


def test_team_create_needs_name(browser_for, users):
    response = browser_for(Role.VIEWER).post(reverse("accounts:team_create"), {"name": "  "})

    assert response.status_code == 400
    assert "Enter a team name." in response.content.decode()


def test_team_slugs_stay_unique(browser_for, users):
    for _attempt in range(2):
        browser_for(Role.VIEWER).post(reverse("accounts:team_create"), {"name": "Agency A"})

    assert sorted(Team.objects.filter(name="Agency A").values_list("slug", flat=True)) == [
        "agency-a", "agency-a-2", "agency-a-3"]


def test_switcher_links_team_create(browser_for, users):
    html = browser_for(Role.VIEWER).get(reverse("accounts:member_list")).content.decode()

    assert reverse("accounts:team_create") in html


def test_commands_create_user_and_team(db, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("an-operator-password-9\n"))

    call_command("create_user", "operator@example.com", "--password-stdin")
    call_command("create_team", "Operator Agency", "--owner", "operator@example.com")

    user = User.objects.get(email="operator@example.com")
    assert user.check_password("an-operator-password-9")
    assert not user.is_superuser
    assert Membership.objects.get(team__name="Operator Agency", user=user).role == Role.OWNER
