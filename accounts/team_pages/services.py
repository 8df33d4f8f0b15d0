"""Writes for team membership and the team itself.

Each write records an audit event, except the team delete, which deletes the audit log with the team.

Rules beyond the plain role ranks: only an owner may grant the owner role or change or remove an
owner's membership, and the last owner can be neither demoted nor removed, so a team always has an
owner.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.audit import record_action
from accounts.models import AuditResult, Membership, Role, Team, User

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
    """Add the person with `email` to the team with `role`, and return the new membership.

    When no dashboard user has that email, one is created with an unusable password, and the audit
    row says so. The caller sends such a user (membership.user.has_usable_password() is False) a
    link to set a password. Inviting again a member who has not set a password yet returns their
    membership unchanged, so the caller sends a new link. Raises MembershipError when the user is
    already a member with a password.
    """
    _require_owner_for(actor_membership, role=role)

    email = email.strip()
    user = User.objects.filter(email__iexact=email).first()
    login_created = user is None
    if login_created:
        user = User.objects.create_user(email=email, password=None)
        logger.info("User %s created a login %s for an invitation to team %s", actor.pk, user.pk, team.pk)

    try:
        with transaction.atomic():
            membership = Membership.objects.create(team=team, user=user, role=role)
    except IntegrityError:
        if user.has_usable_password():
            raise MembershipError(_("%(email)s is already a member of this team.") % {"email": user.email}) from None
        membership = Membership.objects.get(team=team, user=user)
        record_action(team=team, user=actor, action="members.reinvite", result=AuditResult.SUCCEEDED,
                      target=user.email, detail={"role": membership.role})
        logger.info("User %s invited pending member %s of team %s again", actor.pk, user.pk, team.pk)
        return membership

    action = "members.add" if user.has_usable_password() else "members.invite"
    record_action(team=team, user=actor, action=action, result=AuditResult.SUCCEEDED, target=user.email,
                  detail={"role": role, "login_created": login_created})
    logger.info("User %s added user %s to team %s as %s", actor.pk, user.pk, team.pk, role)
    return membership


def _unique_team_slug(name):
    # A name of only non-Latin letters has an empty ASCII slug, so such teams are called team, team-2, ...
    base = slugify(name)[:100] or "team"
    slug, number = base, 1
    while Team.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def create_team(*, name, owner):
    """Create a team called `name` with `owner` as its only owner, record it, and return the team."""
    team = Team.objects.create(name=name, slug=_unique_team_slug(name))
    Membership.objects.create(team=team, user=owner, role=Role.OWNER)
    record_action(team=team, user=owner, action="team.create", result=AuditResult.SUCCEEDED, target=name,
                  detail={"owner": owner.email})
    logger.info("User %s created team %s (%s)", owner.pk, team.pk, team.slug)
    return team


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
