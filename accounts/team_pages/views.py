"""The audit log, the member list and the team settings pages.

Anyone in the team can read them. Admins and owners manage members, and only owners rename or delete
the team. The audit log serves its table as a fragment to htmx filter requests.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts import access
from accounts.middleware import SESSION_TEAM_KEY
from accounts.models import Membership, Role
from accounts.team_pages import invitations, selectors, services
from accounts.team_pages.forms import (
    AuditFilterForm, MemberAddForm, MemberRoleForm, TeamDeleteForm, TeamNameForm,
)

logger = logging.getLogger(__name__)

AUDIT_PAGE_SIZE = 50


def _is_fragment_request(request):
    # A history restore request needs the whole page, because htmx swaps it into the body.
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


@login_required
@require_GET
@vary_on_headers("HX-Request")
def audit_log(request):
    team = access.get_current_team(request)
    form = AuditFilterForm(
        request.GET or None,
        actors=selectors.audit_actors(team),
        connections=selectors.team_connections(team),
        actions=selectors.audit_actions(team),
    )

    page = None
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        filters = form.filters() if form.is_bound else {}
        paginator = Paginator(selectors.audit_events(team, **filters), AUDIT_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))

    context = {"form": form, "page": page}
    template = "accounts/audit_log.html#audit-table" if _is_fragment_request(request) else "accounts/audit_log.html"
    return render(request, template, context, status=status)


def _render_members(request, *, add_form=None, role_errors=None, status=200):
    team = request.team
    can_manage = request.membership.has_role(Role.ADMIN)
    context = {
        "memberships": selectors.team_memberships(team),
        "can_manage": can_manage,
        "is_owner": request.membership.has_role(Role.OWNER),
        "add_form": add_form or MemberAddForm(),
        "role_choices": Role.choices,
        "role_errors": role_errors or {},
    }
    return render(request, "accounts/team_members.html", context, status=status)


@login_required
@require_GET
def member_list(request):
    access.get_current_team(request)
    return _render_members(request)


@login_required
@require_POST
def member_add(request):
    team = access.get_current_team(request)
    actor_membership = access.require_role(request, Role.ADMIN)

    form = MemberAddForm(request.POST)
    if not form.is_valid():
        return _render_members(request, add_form=form, status=400)

    try:
        membership = services.add_member(team=team, actor=request.user, actor_membership=actor_membership,
                                         email=form.cleaned_data["email"], role=form.cleaned_data["role"])
    except services.MembershipError as error:
        form.add_error("email", error.message)
        return _render_members(request, add_form=form, status=400)

    if membership.user.has_usable_password():
        messages.success(request, _("%(email)s joined the team as %(role)s.")
                         % {"email": membership.user.email, "role": membership.get_role_display()})
    else:
        _invite(request, membership)
    return redirect("accounts:member_list")


def _invite(request, membership):
    """Email a set-password link to a member without a password, and show the link to the inviter too."""
    url = invitations.set_password_url(request, membership.user)
    sent = invitations.send_invitation(membership=membership, inviter=request.user, url=url)
    values = {"email": membership.user.email, "role": membership.get_role_display(), "url": url,
              "lifetime": invitations.link_lifetime_text()}
    if sent:
        messages.success(request, _(
            "%(email)s was invited as %(role)s. They got an email with a link to set their password, valid for "
            "%(lifetime)s. You can also send them the link yourself: %(url)s") % values)
    else:
        messages.warning(request, _(
            "%(email)s was invited as %(role)s, but the invitation email could not be sent. Send them this link "
            "to set their password, valid for %(lifetime)s: %(url)s") % values)


def _team_membership(request, membership_pk):
    """Return the current team's membership `membership_pk` and the requester's own membership.

    Raises Http404 for outsiders and PermissionDenied for roles below admin.
    """
    team = access.get_current_team(request)
    membership = get_object_or_404(Membership.objects.select_related("user", "team"), pk=membership_pk, team=team)
    return membership, access.require_role(request, Role.ADMIN)


@login_required
@require_POST
def member_role(request, membership_pk):
    membership, actor_membership = _team_membership(request, membership_pk)

    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        return _render_members(request, role_errors={membership.pk: form.errors["role"]}, status=400)

    try:
        services.change_role(membership=membership, actor=request.user, actor_membership=actor_membership,
                             role=form.cleaned_data["role"])
    except services.MembershipError as error:
        return _render_members(request, role_errors={membership.pk: [error.message]}, status=400)

    messages.success(request, _("%(email)s now has the %(role)s role.")
                     % {"email": membership.user.email, "role": membership.get_role_display()})
    return redirect("accounts:member_list")


@login_required
@require_POST
def member_remove(request, membership_pk):
    membership, actor_membership = _team_membership(request, membership_pk)

    try:
        services.remove_member(membership=membership, actor=request.user, actor_membership=actor_membership)
    except services.MembershipError as error:
        return _render_members(request, role_errors={membership.pk: [error.message]}, status=400)

    messages.success(request, _("%(email)s was removed from the team.") % {"email": membership.user.email})
    if membership.user_id == request.user.pk:
        return redirect("sites:fleet")
    return redirect("accounts:member_list")


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request):
    """Create a team owned by the requesting user, who needs no team yet, and switch to it."""
    form = TeamNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        team = services.create_team(name=form.cleaned_data["name"], owner=request.user)
        request.session[SESSION_TEAM_KEY] = team.pk
        messages.success(request, _("Team %(name)s created. You are its owner; add a connection to start.")
                         % {"name": team.name})
        return redirect("accounts:connection_list")

    status = 400 if form.is_bound else 200
    return render(request, "accounts/team_create.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def team_settings(request):
    team = access.get_current_team(request)
    is_owner = request.membership.has_role(Role.OWNER)

    form = TeamNameForm(initial={"name": team.name})
    status = 200
    if request.method == "POST":
        access.require_role(request, Role.OWNER)
        form = TeamNameForm(request.POST)
        if form.is_valid():
            services.rename_team(team=team, actor=request.user, name=form.cleaned_data["name"])
            messages.success(request, _("The team is now called %(name)s.") % {"name": team.name})
            return redirect("accounts:team_settings")
        status = 400

    context = {"form": form, "is_owner": is_owner, "delete_form": TeamDeleteForm(team=team)}
    return render(request, "accounts/team_settings.html", context, status=status)


@login_required
@require_POST
def team_delete(request):
    team = access.get_current_team(request)
    access.require_role(request, Role.OWNER)

    form = TeamDeleteForm(request.POST, team=team)
    if not form.is_valid():
        context = {"form": TeamNameForm(initial={"name": team.name}), "is_owner": True, "delete_form": form}
        return render(request, "accounts/team_settings.html", context, status=400)

    name = team.name
    services.delete_team(team=team, actor=request.user)
    request.session.pop(SESSION_TEAM_KEY, None)
    messages.success(request, _("Team %(name)s was deleted.") % {"name": name})
    return redirect("sites:fleet")
