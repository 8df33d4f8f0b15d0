from django.urls import NoReverseMatch, reverse

from accounts import selectors


def _reports_url():
    # The reporting app may not define its list page yet; the navbar then leaves the link out.
    try:
        return reverse("reporting:list")
    except NoReverseMatch:
        return None


def current_team(request):
    """Add the current team, membership, the user's teams for the switcher and optional nav links."""
    context = {
        "current_team": getattr(request, "team", None),
        "current_membership": getattr(request, "membership", None),
        "user_teams": [],
        "reports_url": _reports_url(),
    }

    memberships = getattr(request, "user_memberships", None)
    if memberships is None and getattr(request, "user", None) is not None and request.user.is_authenticated:
        memberships = selectors.memberships_for_user(request.user)
    context["user_teams"] = [membership.team for membership in memberships or []]
    return context
