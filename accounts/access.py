"""The tenant gate: every view reaches its team and its objects through these helpers.

Outsiders get Http404, so they cannot even learn that an object exists; members whose role is too
low for the action get PermissionDenied (403). Roles rank viewer < member < admin < owner.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.models import Connection, Role


class NoTeamError(Http404):
    """The logged-in user belongs to no team. CurrentTeamMiddleware renders a page for it that offers to create one."""


def get_current_team(request):
    """Return the team chosen for this request; raise NoTeamError when the user belongs to no team."""
    team = getattr(request, "team", None)
    if team is None:
        raise NoTeamError(_("You are not a member of any team."))
    return team


def require_role(request, role):
    """Return the membership in the current team when its role is at least `role`, else raise 403."""
    get_current_team(request)

    membership = request.membership
    if not membership.has_role(role):
        raise PermissionDenied(
            _("This action needs the %(role)s role or higher; your role is %(current)s.")
            % {"role": Role(role).label, "current": membership.get_role_display()}
        )
    return membership


def get_team_object(request, queryset, pk, *, role=Role.VIEWER):
    """Return the object with `pk` from `queryset` limited to the current team.

    `queryset` must have a `team` foreign key. An object of another team is Http404; a role below
    `role` is PermissionDenied, checked after the lookup so that outsiders always see 404.
    """
    team = get_current_team(request)
    obj = get_object_or_404(queryset.filter(team=team), pk=pk)
    require_role(request, role)
    return obj


def get_connection_for(request, pk, *, role=Role.VIEWER):
    """Return the current team's connection `pk` for an action needing `role`."""
    return get_team_object(request, Connection.objects.all(), pk, role=role)
