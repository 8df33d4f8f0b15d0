"""The per-connection (account-wide) reports, which take a date range rather than a duration."""

from dataclasses import dataclass
from typing import Callable

from django.utils.translation import gettext_lazy as _

from accounts.services import client_for
from rocketnet.services import account as account_api
from rocketnet.services import bandwidth as bandwidth_api
from rocketnet.services import visitors as visitors_api
from reporting.tables import BAR, LINE, ChartSpec, Column, Table, Total, number

# NOTE: the account endpoints report bandwidth and disk in KiB: the plan limits they return
# (1310720000 and 262144000) are 1,250 GB and 250 GB in KiB. The pages and CSVs show bytes.
KIB = 1024

DATE = Column("date", _("Date"))
BYTES = Column("bytes", _("Bandwidth"), unit="bytes")


def _items(result, key):
    result = result if isinstance(result, dict) else {}
    return [item for item in result.get(key) or [] if isinstance(item, dict)]


def _bandwidth(result):
    rows = [{"date": item.get("date", ""), "bytes": number(item.get("bandwidth")) * KIB}
            for item in _items(result, "usages")]
    totals = [Total(_("Bandwidth"), sum(row["bytes"] for row in rows), "bytes")]
    return Table(_("Account bandwidth"), [DATE, BYTES], rows, ChartSpec(LINE, x="date", y="bytes"), totals)


def _visitors(result):
    rows = [{"date": item.get("date", ""), "visitors": number(item.get("visitors"))}
            for item in _items(result, "visitors")]
    totals = [Total(_("Unique visitors"), sum(row["visitors"] for row in rows))]
    columns = [DATE, Column("visitors", _("Unique visitors"))]
    return Table(_("Account visitors"), columns, rows, ChartSpec(LINE, x="date", y="visitors"), totals)


def _usage(result):
    rows = [
        {"site": str(item.get("site_id", "")), "visitors": number(item.get("visitors")),
         "bytes": number(item.get("bandwidth")) * KIB, "disk": number(item.get("disk")) * KIB}
        for item in _items(result, "usage")
    ]
    body = result.get("totals") if isinstance(result, dict) and isinstance(result.get("totals"), dict) else {}
    totals = [
        Total(_("Unique visitors"), number(body.get("visitors"))),
        Total(_("Bandwidth"), number(body.get("bandwidth")) * KIB, "bytes"),
        Total(_("Disk"), number(body.get("disk")) * KIB, "bytes"),
    ]
    columns = [Column("site", _("Site ID"), unit="id"), Column("visitors", _("Unique visitors")), BYTES,
               Column("disk", _("Disk"), unit="bytes")]
    return Table(_("Account usage"), columns, rows, ChartSpec(BAR, x="site", y="bytes"), totals)


@dataclass(frozen=True)
class ConnectionReport:
    slug: str
    title: str
    fetch: Callable
    to_table: Callable


REPORTS = [
    ConnectionReport("bandwidth", _("Bandwidth"), bandwidth_api.get_account_bandwidth, _bandwidth),
    ConnectionReport("visitors", _("Unique visitors"), visitors_api.get_account_visitors, _visitors),
    ConnectionReport("usage", _("Usage by site"), account_api.get_account_usage, _usage),
]
REPORTS_BY_SLUG = {report.slug: report for report in REPORTS}


def load_connection_table(connection, report: ConnectionReport, date_from, date_to) -> Table:
    """Call the report's account operation for [date_from, date_to] and return its table."""
    with client_for(connection) as client:
        body = report.fetch(client, date_from=date_from, date_to=date_to)
    return report.to_table(body)
