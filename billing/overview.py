"""The team-wide billing overview: every connection's invoices and plan, fetched concurrently.

A connection that fails is named in `failures` and the other connections are still summed.
"""

import logging
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from accounts import selectors as account_selectors
from accounts.crypto import DecryptionError
from accounts.services import client_for
from billing.selectors import fetch_invoice_rows, to_decimal
from rocketnet.errors import RocketNetError
from rocketnet.services import account
from sites.selectors import describe_error

logger = logging.getLogger(__name__)

# Rocket.net publishes no rate limit; a few accounts at once keeps the page fast without bursts.
MAX_THREADS = 8


@dataclass(frozen=True)
class ConnectionFailure:
    connection_id: int
    connection_label: str
    message: str


@dataclass(frozen=True)
class PlanRow:
    connection_id: int
    connection_label: str
    client_name: str
    name: str
    billing_cycle: str
    cost: Decimal
    next_billing_date: str


@dataclass(frozen=True)
class ClientTotals:
    connection_id: int
    connection_label: str
    client_name: str
    invoiced: Decimal
    unpaid: Decimal
    overdue: Decimal


@dataclass
class Overview:
    today: object
    connection_count: int = 0
    invoices: list = field(default_factory=list)
    plans: list = field(default_factory=list)
    failures: list = field(default_factory=list)

    @property
    def unpaid(self):
        return [row for row in self.invoices if row.is_unpaid]

    @property
    def overdue(self):
        return [row for row in self.invoices if row.is_overdue(self.today)]

    @property
    def unpaid_total(self):
        return sum((row.total for row in self.unpaid), Decimal("0.00"))

    @property
    def overdue_total(self):
        return sum((row.total for row in self.overdue), Decimal("0.00"))

    def per_month(self):
        """Return (YYYY-MM, invoiced amount) pairs, newest month first."""
        months = defaultdict(lambda: Decimal("0.00"))
        for row in self.invoices:
            months[row.month] += row.total
        return sorted(months.items(), reverse=True)

    def per_client(self):
        totals = {}
        for row in self.invoices:
            invoiced, unpaid, overdue = totals.get(row.connection_id, (Decimal("0.00"),) * 3)
            invoiced += row.total
            if row.is_unpaid:
                unpaid += row.total
            if row.is_overdue(self.today):
                overdue += row.total
            totals[row.connection_id] = (invoiced, unpaid, overdue)

        labels = {row.connection_id: (row.connection_label, row.client_name) for row in self.invoices}
        return [ClientTotals(pk, *labels[pk], *amounts) for pk, amounts in totals.items()]


def _plan_row(connection, plan):
    current = plan.get("current_plan") or {}
    pricing = current.get("pricing") or {}
    return PlanRow(
        connection_id=connection.pk, connection_label=connection.label, client_name=connection.client_name,
        name=str(current.get("name") or ""), billing_cycle=str(pricing.get("billing_cycle") or ""),
        cost=to_decimal(pricing.get("cost")),
        next_billing_date=str(current.get("next_billing_date") or ""),
    )


def _fetch_connection(client, connection):
    # Runs in a worker thread: no database access here (the token is saved later, in the caller).
    with client:
        rows = fetch_invoice_rows(client, connection)
        plan = account.get_hosting_plan(client)
    return rows, _plan_row(connection, plan)


def _record_failure(overview, team, connection, error):
    logger.warning("Billing overview: connection %s of team %s failed: %s", connection.pk, team.pk, error)
    overview.failures.append(ConnectionFailure(connection.pk, connection.label, describe_error(error)))


def build_overview(team):
    """Return the Overview of every connection of `team`, newest invoices first."""
    connections = account_selectors.connections_for_team(team)
    overview = Overview(today=timezone.localdate(), connection_count=len(connections))

    clients = {}
    for connection in connections:
        try:
            clients[connection.pk] = client_for(connection, deferred_token_save=True)
        except DecryptionError as error:
            _record_failure(overview, team, connection, error)
    if not clients:
        return overview

    by_pk = {connection.pk: connection for connection in connections}
    with ThreadPoolExecutor(max_workers=min(MAX_THREADS, len(clients))) as pool:
        futures = {pk: pool.submit(_fetch_connection, client, by_pk[pk]) for pk, client in clients.items()}

    for connection in connections:
        if connection.pk not in futures:
            continue
        clients[connection.pk].token_store.persist()
        try:
            rows, plan = futures[connection.pk].result()
        except RocketNetError as error:
            _record_failure(overview, team, connection, error)
            continue
        overview.invoices.extend(rows)
        overview.plans.append(plan)

    overview.invoices.sort(key=lambda row: (row.date is not None, row.date, row.id), reverse=True)
    return overview
