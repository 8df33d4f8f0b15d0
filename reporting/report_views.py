"""Report pages: per site (duration picker) and per connection (date range), each a chart, its table and a CSV."""

import base64
import csv
import datetime as dt
import logging

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts import access
from accounts.crypto import DecryptionError
from reporting import charts, connection_reports, site_reports
from reporting.forms import DateRangeForm, DurationForm
from reporting.overview import build_overview
from rocketnet.errors import NotFoundError, RocketNetError
from sites.selectors import describe_error
from sites.workspace.context import UpstreamUnavailable, load_site, render_tab

logger = logging.getLogger(__name__)

# Account reports default to the last 30 days, ending today.
DEFAULT_RANGE_DAYS = 30


def _site_report(slug):
    try:
        return site_reports.REPORTS_BY_SLUG[slug]
    except KeyError:
        raise Http404(_("There is no report named %(slug)s.") % {"slug": slug}) from None


def _connection_report(slug):
    try:
        return connection_reports.REPORTS_BY_SLUG[slug]
    except KeyError:
        raise Http404(_("There is no report named %(slug)s.") % {"slug": slug}) from None


def _duration_form(request):
    data = request.GET.copy()
    data.setdefault("duration", site_reports.DEFAULT_DURATION)
    return DurationForm(data)


def _range_form(request):
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("date_from", (today - dt.timedelta(days=DEFAULT_RANGE_DAYS - 1)).isoformat())
    data.setdefault("date_to", today.isoformat())
    return DateRangeForm(data, today=today)


def _load(load, form, log_ids):
    """Run `load()` and return (table, error text); an API error becomes a message under the form."""
    try:
        return load(), ""
    except NotFoundError:
        raise Http404(_("This report is not available for this site or account.")) from None
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Report %s could not be read: %s", log_ids, error)
        return None, _("The report could not be read: %(error)s") % {"error": describe_error(error)}


def _chart_context(table):
    png = charts.render_png(table) if table is not None else None
    return {"table": table, "chart_src": "data:image/png;base64," + base64.b64encode(png).decode() if png else ""}


@login_required
@require_GET
def site_report(request, connection_pk, site_id, slug=site_reports.REPORTS[0].slug):
    report = _site_report(slug)
    try:
        ctx = load_site(request, connection_pk, site_id)
    except UpstreamUnavailable as unavailable:
        return unavailable.response

    form = _duration_form(request)
    table, error, status = None, "", 400
    if form.is_valid():
        duration = form.cleaned_data["duration"]
        table, error = _load(lambda: site_reports.load_site_table(ctx.connection, ctx.site.id, report, duration),
                             form, (connection_pk, site_id, slug))
        status = 502 if error else 200

    context = {"report": report, "reports": site_reports.REPORTS, "form": form, "error": error,
               **_chart_context(table)}
    return render_tab(request, ctx, "reports", "reporting/site_report.html", context, status=status)


@login_required
@require_GET
def site_report_csv(request, connection_pk, site_id, slug):
    report = _site_report(slug)
    connection = access.get_connection_for(request, connection_pk)
    form = _duration_form(request)
    if not form.is_valid():
        return HttpResponse(form.errors["duration"][0], status=400, content_type="text/plain; charset=utf-8")

    duration = form.cleaned_data["duration"]
    table, error = _load(lambda: site_reports.load_site_table(connection, site_id, report, duration),
                         form, (connection_pk, site_id, slug))
    if error:
        return HttpResponse(error, status=502, content_type="text/plain; charset=utf-8")
    return _csv_response(table, f"site-{site_id}-{slug}-{duration}.csv")


@login_required
@require_GET
def connection_report(request, connection_pk, slug=connection_reports.REPORTS[0].slug):
    report = _connection_report(slug)
    connection = access.get_connection_for(request, connection_pk)

    form = _range_form(request)
    table, error, status = None, "", 400
    if form.is_valid():
        date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        table, error = _load(
            lambda: connection_reports.load_connection_table(connection, report, date_from, date_to),
            form, (connection_pk, slug))
        status = 502 if error else 200

    context = {"connection": connection, "report": report, "reports": connection_reports.REPORTS, "form": form,
               "error": error, **_chart_context(table)}
    return render(request, "reporting/connection_report.html", context, status=status)


@login_required
@require_GET
def connection_report_csv(request, connection_pk, slug):
    report = _connection_report(slug)
    connection = access.get_connection_for(request, connection_pk)
    form = _range_form(request)
    if not form.is_valid():
        text = " ".join(str(message) for messages in form.errors.values() for message in messages)
        return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")

    date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    table, error = _load(lambda: connection_reports.load_connection_table(connection, report, date_from, date_to),
                         form, (connection_pk, slug))
    if error:
        return HttpResponse(error, status=502, content_type="text/plain; charset=utf-8")
    return _csv_response(table, f"connection-{connection.pk}-{slug}-{date_from}-{date_to}.csv")


def _csv_response(table, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([str(column.label) for column in table.columns])
    for values in table.values():
        writer.writerow([_csv_cell(value) for value in values])
    return response


def _csv_cell(value):
    """Return `value` safe to open in a spreadsheet: text starting with = + - @ gets a leading quote.

    WAF events carry paths and user agents chosen by the HTTP client, so a cell such as
    `=HYPERLINK(...)` must not become a formula.
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@login_required
@require_GET
def team_overview(request):
    team = access.get_current_team(request)
    form = _range_form(request)
    overview, status = None, 400
    if form.is_valid():
        overview = build_overview(team, form.cleaned_data["date_from"], form.cleaned_data["date_to"],
                                  zone=timezone.get_current_timezone())
        status = 200
    return render(request, "reporting/overview.html", {"form": form, "overview": overview}, status=status)
