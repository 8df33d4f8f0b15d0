"""Reads for the audit log and the member list."""

import datetime

from django.utils import timezone

from accounts.models import ROLE_RANK, AuditEvent, Connection, Membership, Role


def audit_events(team, *, actor_email="", connection=None, site_id=None, action="", result="", date_from=None,
                 date_to=None):
    """Return the team's audit events, newest first, narrowed by the filters that are set.

    `date_from` and `date_to` are dates in the current time zone, and both days count in full.
    """
    events = AuditEvent.objects.filter(team=team)
    if actor_email:
        events = events.filter(actor_email=actor_email)
    if connection is not None:
        events = events.filter(connection=connection)
    if site_id is not None:
        events = events.filter(site_id=site_id)
    if action:
        events = events.filter(action=action)
    if result:
        events = events.filter(result=result)
    if date_from is not None:
        events = events.filter(created_at__gte=_start_of_day(date_from))
    if date_to is not None:
        events = events.filter(created_at__lt=_start_of_day(date_to + datetime.timedelta(days=1)))
    return events.order_by("-created_at", "-pk")


def _start_of_day(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_actors(team):
    """Return the distinct actor emails recorded for the team, sorted. Former members are included."""
    events = AuditEvent.objects.filter(team=team).exclude(actor_email="")
    return list(events.order_by("actor_email").values_list("actor_email", flat=True).distinct())


def audit_actions(team):
    """Return the distinct action names recorded for the team, sorted, for the action filter."""
    return list(AuditEvent.objects.filter(team=team).order_by("action").values_list("action", flat=True).distinct())


def team_memberships(team):
    """Return the team's memberships with their users, owners first, then by email."""
    memberships = Membership.objects.filter(team=team).select_related("user")
    return sorted(memberships, key=lambda membership: (-ROLE_RANK[Role(membership.role)], membership.user.email))


def team_connections(team):
    return list(Connection.objects.filter(team=team).order_by("label", "pk"))
