"""Site transfers between Rocket.net accounts, and the states this dashboard has seen them in.

The API has no list of transfers, so the states shown come from the audit rows of the transfer
actions taken here: a transfer accepted or rejected in Rocket.net's own dashboard still shows
its last state seen here.
"""

from dataclasses import dataclass

from accounts.models import AuditEvent, AuditResult
from accounts.services import client_for
from rocketnet.services import site_transfers

TRANSFER_ACTIONS = ("transfers.start", "transfers.cancel", "transfers.accept", "transfers.reject")


@dataclass
class KnownTransfer:
    """A transfer as last seen through this dashboard."""

    transfer_id: str
    to_email: str
    status: str
    started_at: object
    updated_at: object

    @property
    def is_open(self):
        return self.status == "created"


def summary(result):
    """Return the audit detail for a transfer response: its id, status and recipient."""
    result = result if isinstance(result, dict) else {}
    return {
        "transfer_id": str(result.get("transfer_id") or ""),
        "status": str(result.get("status") or ""),
        "to_email": str((result.get("transfer_to_user") or {}).get("email") or ""),
    }


def start(connection, site_id, email):
    with client_for(connection) as client:
        return site_transfers.start_site_transfer(client, site_id, email=email)


def cancel(connection, site_id, transfer_id):
    with client_for(connection) as client:
        return site_transfers.cancel_site_transfer(client, site_id, transfer_id)


def accept(connection, site_id, transfer_id):
    with client_for(connection) as client:
        return site_transfers.accept_site_transfer(client, site_id, transfer_id)


def reject(connection, site_id, transfer_id):
    with client_for(connection) as client:
        return site_transfers.reject_site_transfer(client, site_id, transfer_id)


def known_transfers(team, site_id):
    """Return the transfers of `site_id` seen in the team's audit log, newest first.

    Rows of every connection of the team count, because the receiving side answers through its own
    connection, and Rocket.net site IDs do not repeat between accounts.
    """
    events = AuditEvent.objects.filter(team=team, site_id=site_id, action__in=TRANSFER_ACTIONS,
                                       result=AuditResult.SUCCEEDED)

    transfers = {}
    for event in events.order_by("created_at", "pk"):
        transfer_id = event.detail.get("transfer_id")
        if not transfer_id:
            continue
        known = transfers.get(transfer_id)
        if known is None:
            known = transfers[transfer_id] = KnownTransfer(
                transfer_id=transfer_id, to_email=event.detail.get("to_email", ""), status="",
                started_at=event.created_at, updated_at=event.created_at,
            )
        known.status = event.detail.get("status") or known.status
        known.to_email = event.detail.get("to_email") or known.to_email
        known.updated_at = event.created_at
    return sorted(transfers.values(), key=lambda item: item.started_at, reverse=True)
