"""Site access: SFTP credentials, site access tokens and Lock My Site."""

import logging
import secrets

from ..responses import bad_request, envelope
from ..router import route

logger = logging.getLogger(__name__)

USER_LOCK = "user"
DEFAULT_TOKEN_TTL = 3600
MAX_TOKEN_TTL = 30 * 24 * 3600


@route("GET", "/v1/sites/{id}/credentials")
def credentials(ctx, id):
    site = ctx.site(id)
    if "sftp_password" not in site.extras:
        rng = ctx.state.rng("credentials", site.id)
        alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        site.extras["sftp_password"] = "".join(rng.choice(alphabet) for _ in range(20))
    return envelope({"username": site.sftp_username, "password": site.extras["sftp_password"]})


@route("POST", "/v1/sites/{id}/access_token")
def access_token(ctx, id):
    site = ctx.site(id)
    ttl = ctx.body().get("ttl", DEFAULT_TOKEN_TTL)
    if isinstance(ttl, bool) or not isinstance(ttl, int) or not 60 <= ttl <= MAX_TOKEN_TTL:
        raise bad_request(f"ttl must be a number of seconds between 60 and {MAX_TOKEN_TTL}, got {ttl!r}")

    token = secrets.token_urlsafe(32)
    site.extras.setdefault("access_tokens", {})[token] = ctx.state.now() + ttl
    return envelope({"token": token})


@route("POST", "/v1/sites/{id}/lock")
def lock_site(ctx, id):
    site = ctx.site(id)
    site.lock_holders.add(USER_LOCK)
    logger.info("Site %s locked by %s", site.id, ctx.account.email)
    return envelope({"success": True})


@route("DELETE", "/v1/sites/{id}/lock")
def unlock_site(ctx, id):
    site = ctx.site(id)
    if USER_LOCK not in site.lock_holders:
        raise bad_request(f"site {site.id} is not locked with Lock My Site")

    site.lock_holders.discard(USER_LOCK)
    logger.info("Site %s unlocked by %s", site.id, ctx.account.email)
    return envelope({"success": True})
