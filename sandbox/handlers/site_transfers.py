"""Site transfers: hand a site to another Rocket.net account.

The owner initiates a transfer to the email of another sandbox account, which gets a
notice in the sandbox mailbox carrying the transfer id. The recipient accepts or
rejects, and the owner can cancel while the transfer is open. Accepting moves the site
(and its staging site) to the recipient, or fails with 412 when the recipient's plan
has no free site slot. The API has no transfer list endpoint, but GET /v1/account/me lists
the open ones as ``pending_site_transfers``; ``transfer_type`` is ``outgoing`` for the owner
and ``incoming`` for the recipient.
"""

import logging
import uuid

from .. import mailbox
from ..clock import iso_timestamp
from ..records import email, stored
from ..responses import ApiError, bad_request, envelope, not_found, parse_int
from ..router import route

logger = logging.getLogger(__name__)

CREATED, ACCEPTED, REJECTED, CANCELLED = "created", "accepted", "rejected", "cancelled"


def transfers(site):
    return stored(site, "transfers")


def _has_free_slot(state, account):
    return len(state.sites_of(account)) < account.site_limit


def _api(state, site, transfer, viewer):
    recipient = state.account_by_email(transfer["to_email"])
    return {
        "transfer_id": transfer["id"],
        "domain": site.domain,
        "requires_plan_upgrade": transfer["status"] == CREATED and not _has_free_slot(state, recipient),
        "transferring_user": dict(transfer["from_user"]),
        "transfer_to_user": {"email": transfer["to_email"]},
        "transfer_type": "incoming" if viewer.email == transfer["to_email"] else "outgoing",
        "site_id": site.id,
        "status": transfer["status"],
        "created_at": transfer["created_at"],
        "updated_at": transfer["updated_at"],
    }


def pending_transfers(state, account):
    """Return the open transfers that `account` sends or receives, as CustomerSiteTransfer items.

    GET /v1/account/me lists them as `pending_site_transfers`, so a recipient can find the
    transfer id there as well as in the sandbox mailbox.
    """
    pending = []
    for site in state.sites.values():
        for transfer in transfers(site).values():
            if transfer["status"] != CREATED:
                continue
            is_sender = transfer["from_email"] == account.email and site.account_email == account.email
            if is_sender or transfer["to_email"] == account.email:
                pending.append(_api(state, site, transfer, account))
    return pending


def _open_transfer(ctx, id, transfer_id, role, closed_status=400):
    """Return (site, transfer) when the caller plays ``role`` ("sender" or "recipient").

    A transfer that is no longer open raises ``closed_status``.
    """
    # Unknown or malformed ids are a 404 because reject lists no 400 in the spec.
    number = parse_int(id, "site id")
    site = ctx.state.sites.get(number)
    if site is None:
        raise not_found(f"site {number} not found")

    transfer = transfers(site).get(transfer_id.lower())
    if transfer is None:
        raise not_found(f"transfer {transfer_id!r} not found on site {number}")
    is_sender = transfer["from_email"] == ctx.account.email and site.account_email == ctx.account.email
    is_recipient = transfer["to_email"] == ctx.account.email
    if not (is_sender or is_recipient):
        # Outsiders learn nothing about the transfer.
        raise not_found(f"transfer {transfer['id']} not found")
    if role == "sender" and not is_sender:
        raise ApiError(403, f"only the sending account can cancel transfer {transfer['id']}; reject it instead")
    if role == "recipient" and not is_recipient:
        raise ApiError(403, f"only {transfer['to_email']} can accept or reject transfer {transfer['id']}; cancel it instead")
    if transfer["status"] != CREATED:
        raise ApiError(closed_status, f"transfer {transfer['id']} is already {transfer['status']}")
    return site, transfer


def _finish(ctx, transfer, status):
    transfer["status"] = status
    transfer["updated_at"] = iso_timestamp(ctx.state.now())


@route("POST", "/v1/sites/{id}/transfer")
def initiate_transfer(ctx, id):
    site = ctx.unlocked_site(id)
    if site.is_staging:
        raise bad_request(f"site {site.id} is a staging site: transfer its production site {site.production_id}")

    address = email(ctx.body())
    if address == ctx.account.email:
        raise bad_request(f"site {site.id} already belongs to {address}: pass the other account's email")
    recipient = ctx.state.account_by_email(address)
    if recipient is None:
        known = ", ".join(sorted(ctx.state.accounts))
        raise bad_request(f"no Rocket.net account has the email {address}; sandbox accounts: {known}")
    if any(item["status"] == CREATED for item in transfers(site).values()):
        raise bad_request(f"site {site.id} already has an open transfer: cancel it first")

    now = iso_timestamp(ctx.state.now())
    transfer = {
        "id": str(uuid.uuid4()),
        "from_email": ctx.account.email,
        "from_user": {"firstname": ctx.account.firstname, "lastname": ctx.account.lastname},
        "to_email": address,
        "status": CREATED,
        "created_at": now,
        "updated_at": now,
    }
    transfers(site)[transfer["id"]] = transfer
    mailbox.send(ctx.state, ctx.account, address, f"{ctx.account.company} wants to transfer {site.domain} to you",
                 "site_transfer", token=transfer["id"],
                 link=f"{ctx.base_url}/v1/sites/{site.id}/transfer/{transfer['id']}/accept")
    logger.info("Transfer %s of site %s to %s initiated", transfer["id"], site.id, address)
    return envelope(_api(ctx.state, site, transfer, ctx.account))


@route("POST", "/v1/sites/{id}/transfer/{transfer_id}/accept")
def accept_transfer(ctx, id, transfer_id):
    site, transfer = _open_transfer(ctx, id, transfer_id, "recipient")
    if site.is_locked:
        raise bad_request(f"site {site.id} is currently locked: wait for its running task to finish, then retry")
    if not _has_free_slot(ctx.state, ctx.account):
        raise ApiError(412, f"your plan {ctx.account.plan} allows {ctx.account.site_limit} sites and has no free slot: "
                            "upgrade the hosting plan, then accept again")

    _finish(ctx, transfer, ACCEPTED)
    site.account_email = ctx.account.email
    staging = ctx.state.staging_of(site)
    if staging is not None:
        staging.account_email = ctx.account.email
    logger.info("Transfer %s accepted: site %s now belongs to %s", transfer["id"], site.id, ctx.account.email)
    return envelope(_api(ctx.state, site, transfer, ctx.account))


@route("POST", "/v1/sites/{id}/transfer/{transfer_id}/reject")
def reject_transfer(ctx, id, transfer_id):
    # The spec lists no 400 for reject, so rejecting a closed transfer is a 403.
    site, transfer = _open_transfer(ctx, id, transfer_id, "recipient", closed_status=403)
    _finish(ctx, transfer, REJECTED)
    return envelope(_api(ctx.state, site, transfer, ctx.account))


@route("POST", "/v1/sites/{id}/transfer/{transfer_id}/cancel")
def cancel_transfer(ctx, id, transfer_id):
    site, transfer = _open_transfer(ctx, id, transfer_id, "sender")
    _finish(ctx, transfer, CANCELLED)
    return envelope(_api(ctx.state, site, transfer, ctx.account))
