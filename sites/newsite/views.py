"""The new-site page: choose a client account, fill in the site, and queue a site_create job."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import access
from accounts import selectors as account_selectors
from accounts.audit import record_action
from accounts.crypto import DecryptionError
from accounts.models import AuditResult, Role
from rocketnet.errors import RocketNetError
from sites import selectors
from sites.newsite import services
from sites.newsite.forms import ConnectionChoiceForm, NewSiteForm

logger = logging.getLogger(__name__)

TEMPLATE = "sites/newsite.html"


def _page(request, *, connection=None, form=None, locations_error=None, status=200):
    connections = account_selectors.connections_for_team(request.team)
    choice = ConnectionChoiceForm(connections=connections, initial={"connection": connection.pk if connection else None})
    context = {
        "connections": connections, "choice_form": choice, "connection": connection,
        "form": form, "locations_error": locations_error,
    }
    return render(request, TEMPLATE, context, status=status)


def _locations(connection):
    """Return (locations, error text or None) for the connection's account."""
    try:
        return selectors.list_locations(connection), None
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Locations of connection %s could not be read: %s", connection.pk, error)
        return [], selectors.describe_error(error)


@login_required
@require_GET
def new_site(request):
    """Show the account choice and, once `?connection=` names one, the site form with its locations."""
    access.require_role(request, Role.MEMBER)
    raw = request.GET.get("connection", "").strip()
    if not raw:
        return _page(request)
    if not raw.isdigit():
        messages.error(request, _("“%(value)s” is not a client account ID. Choose an account from the list.")
                       % {"value": raw})
        return _page(request, status=400)

    connection = access.get_connection_for(request, int(raw), role=Role.MEMBER)
    locations, error = _locations(connection)
    return _page(request, connection=connection, form=NewSiteForm(locations=locations), locations_error=error,
                 status=502 if error else 200)


@login_required
@require_POST
def create_site(request, connection_pk):
    connection = access.get_connection_for(request, connection_pk, role=Role.MEMBER)
    locations, error = _locations(connection)
    form = NewSiteForm(request.POST, locations=locations)
    if error or not form.is_valid():
        return _page(request, connection=connection, form=form, locations_error=error, status=502 if error else 400)

    data = form.cleaned_data
    try:
        site = services.create_site(connection, name=data["name"], label=data["label"], location=data["location"],
                                    admin_username=data["admin_username"], admin_email=data["admin_email"])
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Creating site %s in connection %s failed: %s", data["name"], connection.pk, error)
        _add_api_error(form, error)
        record_action(team=request.team, user=request.user, action="site.create", result=AuditResult.FAILED,
                      connection=connection, site_label=data["label"] or data["name"], target=data["name"],
                      detail={"location": form.location_name(), "error": selectors.describe_error(error)})
        return _page(request, connection=connection, form=form, status=400)

    job = services.queue_site_create(connection=connection, user=request.user, location_name=form.location_name(),
                                     site=site, **data)
    record_action(team=request.team, user=request.user, action="site.create", result=AuditResult.QUEUED,
                  connection=connection, site_id=site.id, site_label=job.site_label, target=data["name"],
                  detail={"job_id": job.pk, "location": form.location_name(), "admin_username": data["admin_username"]})
    messages.success(request, _("Site %(site)s was created and is being set up. This page follows it until it is ready.")
                     % {"site": job.site_label})
    return redirect("sites:job_detail", pk=job.pk)


def _add_api_error(form, error):
    """Put a Rocket.net error on the form: on the fields it names, and the whole text above the form."""
    for field, problems in (getattr(error, "field_errors", None) or {}).items():
        if field in form.fields:
            for problem in problems:
                form.add_error(field, problem)
    form.add_error(None, selectors.describe_error(error))
