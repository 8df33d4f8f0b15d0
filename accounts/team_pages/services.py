"""Writes for team membership and the team itself.

Each write records an audit event, except the team delete, which deletes the audit log with the team.

Rules beyond the plain role ranks: only an owner may grant the owner role or change or remove an
owner's membership, and the last owner can be neither demoted nor removed, so a team always has an
owner.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.audit import record_action
from accounts.models import AuditResult, Membership, Role, User

logger = logging.getLogger(__name__)


class MembershipError(Exception):
    """A membership change that the rules forbid; `message` is shown next to the form."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


def _require_owner_for(actor_membership, *, role=None, target=None):
    """Raise PermissionDenied when a non-owner grants the owner role or touches an owner."""
    if actor_membership.has_role(Role.OWNER):
        return
    if role == Role.OWNER or (target is not None and target.role == Role.OWNER):
        raise PermissionDenied(_("Only an owner can grant the Owner role or change an owner's membership."))


def _is_last_owner(membership):
    """Return True when `membership` is its team's only owner, locking the owner rows until the transaction ends."""
    if membership.role != Role.OWNER:
        return False
    owners = list(Membership.objects.select_for_update().filter(team_id=membership.team_id, role=Role.OWNER))
    return len(owners) <= 1


@transaction.atomic
def add_member(*, team, actor, actor_membership, email, role):
    """Add the dashboard user with `email` to the team with `role`, and return the new membership.

    Raises MembershipError when no user has that email or the user is already a member.
    """
    _require_owner_for(actor_membership, role=role)

    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise MembershipError(
            _("No dashboard user has the email %(email)s. The person needs a dashboard login first.") % {"email": email}
        )

    try:
        with transaction.atomic():
            membership = Membership.objects.create(team=team, user=user, role=role)
    except IntegrityError:
        raise MembershipError(_("%(email)s is already a member of this team.") % {"email": user.email}) from None

    record_action(team=team, user=actor, action="members.add", result=AuditResult.SUCCEEDED, target=user.email,
                  detail={"role": role})
    logger.info("User %s added user %s to team %s as %s", actor.pk, user.pk, team.pk, role)
    return membership


@transaction.atomic
def change_role(*, membership, actor, actor_membership, role):
    """Give `membership` the new `role`. Raises MembershipError when that would leave the team without an owner."""
    _require_owner_for(actor_membership, role=role, target=membership)

    previous = membership.role
    if previous == role:
        return membership
    if _is_last_owner(membership):
        raise MembershipError(
            _("%(email)s is the team's only owner. Make another member an owner first.")
            % {"email": membership.user.email}
        )

    membership.role = role
    membership.save(update_fields=["role"])
    record_action(team=membership.team, user=actor, action="members.change_role", result=AuditResult.SUCCEEDED,
                  target=membership.user.email, detail={"from": previous, "to": role})
    logger.info("User %s changed the role of membership %s from %s to %s", actor.pk, membership.pk, previous, role)
    return membership


@transaction.atomic
def remove_member(*, membership, actor, actor_membership):
    """Delete `membership`. Raises MembershipError when it is the team's last owner."""
    _require_owner_for(actor_membership, target=membership)

    if _is_last_owner(membership):
        raise MembershipError(
            _("%(email)s is the team's only owner and cannot be removed. Make another member an owner first.")
            % {"email": membership.user.email}
        )

    email = membership.user.email
    membership.delete()
    record_action(team=membership.team, user=actor, action="members.remove", result=AuditResult.SUCCEEDED,
                  target=email, detail={"role": membership.role})
    logger.info("User %s removed %s from team %s", actor.pk, email, membership.team_id)


def rename_team(*, team, actor, name):
    previous = team.name
    team.name = name
    team.save(update_fields=["name"])
    record_action(team=team, user=actor, action="team.rename", result=AuditResult.SUCCEEDED, target=name,
                  detail={"from": previous})
    logger.info("User %s renamed team %s", actor.pk, team.pk)
    return team


def delete_team(*, team, actor):
    """Delete the team with its memberships, connections, jobs and audit events (all cascade)."""
    logger.info("User %s deleted team %s (%s)", actor.pk, team.pk, team.slug)
    team.delete()
