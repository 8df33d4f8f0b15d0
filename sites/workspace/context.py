"""Shared plumbing for workspace tabs: loading the site, calling the API, rendering a tab."""

import logging
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts import access
from accounts.audit import record_action
from accounts.crypto import DecryptionError
from accounts.models import AuditResult, Role
from rocketnet.errors import NotFoundError, RocketNetError, ValidationError
from sites import selectors
from sites.workspace.tabs import tab_links

logger = logging.getLogger(__name__)


@dataclass
class SiteContext:
    """The connection and the upstream site a workspace request acts on."""

    connection: object
    site: object
    can_write: bool

    @property
    def site_id(self):
        return self.site.id

    @property
    def site_label(self):
        return self.site.label or self.site.domain or str(self.site.id)


class UpstreamUnavailable(Exception):
    """Rocket.net could not be reached or refused to show the site; the view renders `response`."""

    def __init__(self, response):
        self.response = response


def load_site(request, connection_pk, site_id, *, role=Role.VIEWER):
    """Return a SiteContext for the current team's connection and one of its sites.

    Outsiders get Http404 (before any upstream call); a role below `role` gets PermissionDenied;
    a site the account does not have is Http404; an unreachable API raises UpstreamUnavailable
    carrying a 502 page.
    """
    connection = access.get_connection_for(request, connection_pk, role=role)
    try:
        site = selectors.get_site(connection, site_id)
    except NotFoundError:
        raise Http404(_("Site %(site)s was not found in this account.") % {"site": site_id}) from None
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Site %s of connection %s could not be read: %s", site_id, connection.pk, error)
        context = {"connection": connection, "site_id": site_id, "error": selectors.describe_error(error)}
        raise UpstreamUnavailable(render(request, "sites/site_unavailable.html", context, status=502)) from error

    return SiteContext(connection=connection, site=site, can_write=request.membership.has_role(Role.MEMBER))


def render_tab(request, ctx, tab, template, context=None, *, status=200):
    """Render `template` (a whole tab page, or a `#partial` of it for htmx) with the site, tab bar and role."""
    full_context = {
        "connection": ctx.connection,
        "site": ctx.site,
        "can_write": ctx.can_write,
        "active_tab": tab,
        "tabs": tab_links(ctx.connection.pk, ctx.site.id, tab),
    }
    full_context.update(context or {})
    response = render(request, template, full_context, status=status)
    response.headers["Vary"] = "HX-Request"
    return response


def call_api(request, ctx, *, action, target, call, detail=None, form=None, success_message=None,
             explain_error=None):
    """Run one mutating Rocket.net call, audit it, and report the outcome to the user.

    Returns (ok, result). On a RocketNetError the error is added to `form` as a non-field error
    when a form is given (so it shows next to that form), otherwise as a message; the audit row
    records the failure either way. `explain_error(error)` may return a sentence for the user
    that replaces the API's text as the headline; the API's own messages then follow as detail.
    """
    try:
        result = call()
    except (RocketNetError, DecryptionError) as error:
        text = selectors.describe_error(error)
        explanation = explain_error(error) if explain_error is not None else None
        lines = [text]
        if explanation:
            lines = [explanation]
            if getattr(error, "messages", None):
                lines.append(_("Message from Rocket.net: %(message)s") % {"message": "; ".join(error.messages)})
        if isinstance(error, ValidationError) and form is not None and not explanation:
            for field, problems in (getattr(error, "field_errors", None) or {}).items():
                if field in form.fields:
                    for problem in problems:
                        form.add_error(field, problem)
        for line in lines:
            if form is not None:
                form.add_error(None, line)
            else:
                messages.error(request, line)
        record_action(team=request.team, user=request.user, action=action, result=AuditResult.FAILED,
                      connection=ctx.connection, site_id=ctx.site.id, site_label=ctx.site_label,
                      target=target, detail={**(detail or {}), "error": text})
        return False, None

    record_action(team=request.team, user=request.user, action=action, result=AuditResult.SUCCEEDED,
                  connection=ctx.connection, site_id=ctx.site.id, site_label=ctx.site_label,
                  target=target, detail=detail)
    if success_message:
        messages.success(request, success_message)
    return True, result
