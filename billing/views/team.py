"""The team-wide billing overview and its CSV export of every invoice."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts import access
from billing.overview import build_overview
from billing.views.common import BILLING_ROLE

CSV_HEADER = ["connection", "client", "invoice_id", "date", "due_date", "status", "overdue", "total_usd"]
# Spreadsheets run a cell that starts with one of these as a formula; a leading quote stops that.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write() returns the line, so csv.writer can feed a generator."""

    def write(self, value):
        return value


def _cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


@login_required
@require_GET
def overview(request):
    access.require_role(request, BILLING_ROLE)
    result = build_overview(request.team)
    return render(request, "billing/overview.html", {"overview": result})


@login_required
@require_GET
def export_csv(request):
    """Stream every invoice of every connection as CSV, one row per invoice."""
    access.require_role(request, BILLING_ROLE)
    result = build_overview(request.team)
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(CSV_HEADER)
        for row in result.invoices:
            yield writer.writerow([
                _cell(row.connection_label), _cell(row.client_name), row.id,
                row.date.isoformat() if row.date else "", row.due_date.isoformat() if row.due_date else "",
                _cell(row.status), "yes" if row.is_overdue(result.today) else "no", f"{row.total:.2f}",
            ])
        for failure in result.failures:
            # A failed connection still gets a line, so a spreadsheet total is never silently short.
            yield writer.writerow([_cell(failure.connection_label), "", "", "", "",
                                   _cell(f"failed: {failure.message}"), "", ""])

    filename = f"invoices-{request.team.slug}-{timezone.localdate().isoformat()}.csv"
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
