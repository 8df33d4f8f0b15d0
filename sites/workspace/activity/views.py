"""Views of the Activity tab."""

import logging

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import NotFoundError, RocketNetError
from sites import selectors
from sites.workspace.context import call_api, load_site, render_tab
from sites.workspace.activity import forms, services

logger = logging.getLogger(__name__)

TEMPLATE = "sites/workspace/activity.html"
CONFIRM_TEMPLATE = "sites/workspace/activity_confirm.html"


def _list_url(ctx):
    return reverse("sites:ws_activity", kwargs={"connection_pk": ctx.connection.pk, "site_id": ctx.site.id})


def _render_list(request, ctx, filter_form, *, switch_form=None, status=200):
    """Render the events matching `filter_form` (bound; validated here) and the logging switch."""
    events, enabled, state_error = None, None, None
    if filter_form.is_valid():
        try:
            events = services.list_events(ctx.connection, ctx.site.id, page=filter_form.cleaned_data["page"] or 1,
                                          per_page=filter_form.cleaned_data["per_page"], **filter_form.query())
        except (RocketNetError, DecryptionError) as error:
            logger.warning("Activity: listing events of site %s failed: %s", ctx.site.id, error)
            filter_form.add_error(None, _("The activity log could not be read: %(error)s") % {
                "error": selectors.describe_error(error)})
            status = max(status, 400)
    else:
        status = max(status, 400)

    try:
        enabled = services.logging_enabled(ctx.connection, ctx.site.id)
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Activity: reading the logging setting of site %s failed: %s", ctx.site.id, error)
        state_error = selectors.describe_error(error)

    context = {
        "filter_form": filter_form,
        "events": events,
        "enabled": enabled,
        "state_error": state_error,
        "switch_form": switch_form or forms.SwitchForm(),
    }
    template = f"{TEMPLATE}#activity-events" if request.htmx and not request.htmx.boosted else TEMPLATE
    return render_tab(request, ctx, "activity", template, context, status=status)


@login_required
@require_GET
def activity_list(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)
    return _render_list(request, ctx, forms.ActivityFilterForm(request.GET))


def _switch(request, connection_pk, site_id, *, enable):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form = forms.SwitchForm(request.POST)
    form.is_valid()
    if enable:
        action, call = "activity.enable", lambda: services.enable_logging(ctx.connection, ctx.site.id)
        message = _("Activity logging is on: WordPress events are recorded from now on.")
    else:
        action, call = "activity.disable", lambda: services.disable_logging(ctx.connection, ctx.site.id)
        message = _("Activity logging is off: new WordPress events are not recorded. Past events stay listed.")

    ok, _result = call_api(request, ctx, action=action, target="wp_activity_log", form=form, call=call,
                           success_message=message)
    if ok:
        return redirect(_list_url(ctx))
    return _render_list(request, ctx, forms.ActivityFilterForm({}), switch_form=form, status=400)


@login_required
@require_POST
def activity_enable(request, connection_pk, site_id):
    return _switch(request, connection_pk, site_id, enable=True)


@login_required
@require_POST
def activity_disable(request, connection_pk, site_id):
    return _switch(request, connection_pk, site_id, enable=False)


@login_required
@require_http_methods(["GET", "POST"])
def event_delete(request, connection_pk, site_id):
    """GET shows the event and a confirmation form; POST with the confirmation ticked deletes it."""
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    if request.method == "GET":
        check = forms.EventForm(request.GET)
        if not check.is_valid():
            return _render_confirm(request, ctx, check, None, None, status=400)
        event_id = check.cleaned_data["event"]
        event, load_error, status = _load_event(ctx, event_id)
        return _render_confirm(request, ctx, forms.DeleteEventForm(initial={"event": event_id}), event_id, event,
                               load_error=load_error, status=status)

    form = forms.DeleteEventForm(request.POST)
    valid = form.is_valid()
    event_id = form.cleaned_data.get("event")
    if not valid:
        return _render_confirm(request, ctx, form, event_id, None, status=400)

    ok, _result = call_api(
        request, ctx, action="activity.delete_event", target=event_id, form=form,
        call=lambda: services.delete_event(ctx.connection, ctx.site.id, event_id),
        success_message=_("Deleted the activity event %(event)s.") % {"event": event_id},
    )
    if ok:
        return redirect(_list_url(ctx))
    return _render_confirm(request, ctx, form, event_id, None, status=400)


def _load_event(ctx, event_id):
    """Return (event, error text, status) for the confirmation page."""
    try:
        return services.get_event(ctx.connection, ctx.site.id, event_id), None, 200
    except NotFoundError:
        return None, _("The activity event %(event)s was not found on this site.") % {"event": event_id}, 404
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Activity: reading event %s of site %s failed: %s", event_id, ctx.site.id, error)
        return None, selectors.describe_error(error), 502


def _render_confirm(request, ctx, form, event_id, event, *, load_error=None, status=200):
    context = {"form": form, "event_id": event_id, "event": event, "load_error": load_error}
    return render_tab(request, ctx, "activity", CONFIRM_TEMPLATE, context, status=status)


urlpatterns = [
    path("activity/", activity_list, name="ws_activity"),
    path("activity/enable/", activity_enable, name="ws_activity_enable"),
    path("activity/disable/", activity_disable, name="ws_activity_disable"),
    path("activity/delete/", event_delete, name="ws_activity_delete"),
]
