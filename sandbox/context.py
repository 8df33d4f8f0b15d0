"""The request context passed to handlers: state, request, caller's account and helpers."""

import json

from .responses import ApiError, bad_request, not_found, parse_int

LOCKED_MESSAGE = "site is currently locked: wait for the running task to finish, then retry"


class RequestContext:
    def __init__(self, state, request, account=None):
        self.state = state
        self.request = request
        self.account = account

    @property
    def query(self):
        return self.request.args

    @property
    def base_url(self):
        return self.request.host_url.rstrip("/")

    def body(self, required=False):
        """Return the JSON body as a dict, or raise a 400.

        An empty body counts as ``{}`` unless ``required``, for operations whose spec
        requires a body even when every field in it is optional.
        """
        raw = self.request.get_data(as_text=True)
        if not raw.strip():
            if required:
                raise bad_request("request body is required: send a JSON object, for example {}")
            return {}

        try:
            body = json.loads(raw)
        except json.JSONDecodeError as error:
            raise bad_request(f"request body is not valid JSON: {error.msg} at position {error.pos}") from None

        if not isinstance(body, dict):
            raise bad_request(f"request body must be a JSON object, got {type(body).__name__}")
        return body

    def site(self, site_id):
        """Return the caller's site ``site_id`` or raise 400 (malformed) / 404 (not theirs)."""
        # An integer that no site has (0 or negative too) is "not found", not malformed.
        number = parse_int(site_id, "site id")
        site = self.state.site_for(self.account, number)
        if site is None:
            raise not_found(f"site {number} not found for this account")
        return site

    def unlocked_site(self, site_id):
        """Return the site for a mutating call, or raise the 400 a locked site gets."""
        site = self.site(site_id)
        if site.is_locked:
            raise ApiError(400, LOCKED_MESSAGE)
        return site
