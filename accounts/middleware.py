import logging

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render, resolve_url
from django_htmx.http import HttpResponseClientRedirect

from accounts import selectors
from accounts.access import NoTeamError

logger = logging.getLogger(__name__)

SESSION_TEAM_KEY = "current_team_id"


class CurrentTeamMiddleware:
    """Set request.team and request.membership from the session, and redirect htmx requests to login.

    It also handles NoTeamError, raised by accounts.access for a user without a team.

    The team is the one stored in the session by the team switcher when the user is still a member
    of it, otherwise the user's first team by name. Both attributes are None for anonymous users and
    for users without a team.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.team = None
        request.membership = None
        request.user_memberships = []
        if request.user.is_authenticated:
            self._choose_team(request)

        response = self.get_response(request)
        return self._redirect_htmx_to_login(request, response)

    def process_exception(self, request, exception):
        """Render a page for NoTeamError that explains it and offers to create a team.

        The page is the same for every URL, so it reveals nothing about other teams to a user without a team.
        """
        if not isinstance(exception, NoTeamError) or not request.user.is_authenticated:
            return None
        return render(request, "accounts/no_team.html", status=200)

    def _choose_team(self, request):
        memberships = selectors.memberships_for_user(request.user)
        request.user_memberships = memberships
        requested_team_id = request.session.get(SESSION_TEAM_KEY)

        chosen = next((m for m in memberships if m.team_id == requested_team_id), None)
        if chosen is None and memberships:
            chosen = memberships[0]

        if chosen is not None:
            request.membership = chosen
            request.team = chosen.team

    def _redirect_htmx_to_login(self, request, response):
        """Turn a login redirect returned to an htmx request into HX-Redirect for the whole page.

        Without this, htmx follows the 302 and swaps the login page into a fragment. The `next`
        parameter points at the page the user was on, not at the fragment URL.
        """
        htmx = getattr(request, "htmx", None)
        if not htmx or response.status_code != 302:
            return response

        login_path = resolve_url(settings.LOGIN_URL)
        if not response.url.startswith(login_path):
            return response

        next_url = htmx.current_url_abs_path or request.get_full_path()
        login_redirect = redirect_to_login(next_url)
        return HttpResponseClientRedirect(login_redirect.url)
