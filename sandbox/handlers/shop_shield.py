"""ShopShield: URIs (such as /checkout) that get the extra bot and abuse protection.

A URI is a path on the site starting with ``/``, and enabling the same URI twice is a 400.
With ``notify_site_owner`` the account owner gets a notice in the sandbox mailbox.
"""

import logging
import uuid

from .. import mailbox
from ..clock import iso_timestamp
from ..records import list_query, optional_bool, record_by_uuid, stored, text
from ..responses import bad_request, envelope, list_envelope
from ..router import route

logger = logging.getLogger(__name__)

URI_SORT_KEYS = {
    "id": lambda item: item["id"],
    "uri": lambda item: item["uri"],
    "created_at": lambda item: item["created_at"],
    "updated_at": lambda item: item["updated_at"],
}


def shield_uris(site):
    return stored(site, "shop_shield")


@route("GET", "/v1/sites/{id}/shop_shield")
def list_uris(ctx, id):
    site = ctx.site(id)
    items = list(shield_uris(site).values())

    if ctx.query.get("uri_id"):
        items = [item for item in items if item["id"] == ctx.query["uri_id"]]
    if ctx.query.get("uri"):
        needle = ctx.query["uri"].lower()
        items = [item for item in items if needle in item["uri"].lower()]

    return list_envelope(items, list_query(ctx.query), default_per_page=100,
                         sort_keys=URI_SORT_KEYS, default_sort="created_at")


@route("POST", "/v1/sites/{id}/shop_shield")
def enable_uri(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    uri = text(body, "uri", max_length=2048)
    if not uri.startswith("/") or " " in uri:
        raise bad_request(f"uri must be a path on the site starting with '/', such as /checkout, got {uri!r}")
    notify = optional_bool(body, "notify_site_owner", default=False)

    uris = shield_uris(site)
    if any(item["uri"] == uri for item in uris.values()):
        raise bad_request(f"ShopShield is already enabled for {uri} on site {site.id}")

    now = iso_timestamp(ctx.state.now())
    item = {"id": str(uuid.uuid4()), "uri": uri, "created_at": now, "updated_at": now}
    uris[item["id"]] = item
    if notify:
        mailbox.send(ctx.state, ctx.account, ctx.account.email, f"ShopShield now protects {uri} on {site.domain}",
                     "shop_shield_enabled")
    logger.info("ShopShield enabled for %s on site %s", uri, site.id)
    return envelope(dict(item))


@route("GET", "/v1/sites/{id}/shop_shield/{uri_id}")
def get_uri(ctx, id, uri_id):
    site = ctx.site(id)
    return envelope(dict(record_by_uuid(shield_uris(site), uri_id, "ShopShield URI")))


@route("DELETE", "/v1/sites/{id}/shop_shield/{uri_id}")
def disable_uri(ctx, id, uri_id):
    site = ctx.unlocked_site(id)
    item = record_by_uuid(shield_uris(site), uri_id, "ShopShield URI")
    del shield_uris(site)[item["id"]]
    return envelope({"success": True})
