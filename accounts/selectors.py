"""Reads for users, teams and connections."""

from accounts.models import Connection, Membership


def memberships_for_user(user):
    """Return the user's memberships with their teams, ordered by team name."""
    return list(Membership.objects.filter(user=user).select_related("team").order_by("team__name", "team_id"))


def connections_for_team(team):
    return list(Connection.objects.filter(team=team).order_by("label", "pk"))
