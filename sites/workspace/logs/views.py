"""Views of the Access logs tab (read only)."""

import logging

from django.contrib.auth.decorators import login_required
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.crypto import DecryptionError
from rocketnet.errors import RocketNetError
from sites import selectors
from sites.workspace.context import load_site, render_tab
from sites.workspace.logs import forms, services

logger = logging.getLogger(__name__)

TEMPLATE = "sites/workspace/logs.html"


@login_required
@require_GET
def access_logs(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)

    # Without a duration parameter (a first visit) the default window is shown; an empty one is an error.
    data = request.GET.copy()
    data.setdefault("duration", forms.DEFAULT_DURATION)
    data.setdefault("per_page", str(forms.DEFAULT_PER_PAGE))
    form = forms.AccessLogFilterForm(data)
    log, status = None, 200
    if form.is_valid():
        page = form.cleaned_data["page"] or 1
        try:
            log = services.read_access_log(ctx.connection, ctx.site.id, page=page,
                                           per_page=form.cleaned_data["per_page"], **form.query())
        except (RocketNetError, DecryptionError) as error:
            logger.warning("Access logs: reading site %s failed: %s", ctx.site.id, error)
            form.add_error(None, _("The access log could not be read: %(error)s") % {
                "error": selectors.describe_error(error)})
            status = 400
    else:
        status = 400

    template = f"{TEMPLATE}#log-results" if request.htmx and not request.htmx.boosted else TEMPLATE
    return render_tab(request, ctx, "logs", template, {"form": form, "log": log}, status=status)


urlpatterns = [
    path("logs/", access_logs, name="ws_logs"),
]
