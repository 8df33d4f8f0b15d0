"""Password protection: HTTP basic auth in front of a site, and its users.

Users can be added while protection is off; they take effect once it is enabled.
Passwords are kept only as a salted SHA-256 hash, never returned.
"""

import hashlib
import logging
import secrets

from ..records import list_query, stored, text
from ..responses import bad_request, envelope, not_found, paginate
from ..router import route

logger = logging.getLogger(__name__)

USER_SORT_KEYS = {"username": lambda user: user["username"].lower()}
MINIMUM_PASSWORD_LENGTH = 6


def protection(site):
    return stored(site, "password_protection", lambda: {"enabled": False, "users": {}})


@route("GET", "/v1/sites/{id}/password_protection")
def get_protection(ctx, id):
    site = ctx.site(id)
    return envelope({"enabled": protection(site)["enabled"]})


@route("POST", "/v1/sites/{id}/password_protection")
def enable_protection(ctx, id):
    site = ctx.unlocked_site(id)
    record = protection(site)
    if not record["users"]:
        raise bad_request(f"site {site.id} has no password protection users: add one with "
                          f"POST /v1/sites/{site.id}/password_protection/users first")
    record["enabled"] = True
    logger.info("Password protection enabled on site %s", site.id)
    return envelope({"success": True})


@route("DELETE", "/v1/sites/{id}/password_protection")
def disable_protection(ctx, id):
    site = ctx.unlocked_site(id)
    protection(site)["enabled"] = False
    logger.info("Password protection disabled on site %s", site.id)
    return envelope({"success": True})


@route("GET", "/v1/sites/{id}/password_protection/users")
def list_users(ctx, id):
    site = ctx.site(id)
    users = [{"user_id": user["user_id"], "username": user["username"]}
             for user in protection(site)["users"].values()]

    search = ctx.query.get("search", "").strip().lower()
    if search:
        users = [user for user in users if search in user["username"].lower()]

    page, metadata = paginate(users, list_query(ctx.query), default_per_page=100, sort_keys=USER_SORT_KEYS,
                              default_sort="username")
    return envelope({"users": page}, metadata)


@route("POST", "/v1/sites/{id}/password_protection/users")
def add_user(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    username = text(body, "username", max_length=64)
    if ":" in username or " " in username:
        raise bad_request(f"username must not contain a colon or a space, got {username!r}")
    password = body.get("password")
    if not isinstance(password, str) or len(password) < MINIMUM_PASSWORD_LENGTH:
        raise bad_request(f"password is required and must be a string of at least {MINIMUM_PASSWORD_LENGTH} characters")

    users = protection(site)["users"]
    if any(user["username"] == username for user in users.values()):
        raise bad_request(f"username {username!r} already exists on site {site.id}: remove it first to change its password")

    salt = secrets.token_hex(8)
    user_id = secrets.token_hex(8)
    users[user_id] = {
        "user_id": user_id,
        "username": username,
        "password_hash": salt + ":" + hashlib.sha256((salt + password).encode()).hexdigest(),
    }
    return envelope({"success": True})


@route("DELETE", "/v1/sites/{id}/password_protection/users/{user_id}")
def remove_user(ctx, id, user_id):
    site = ctx.unlocked_site(id)
    record = protection(site)
    if user_id not in record["users"]:
        raise not_found(f"password protection user {user_id!r} not found on site {site.id}")

    del record["users"][user_id]
    if not record["users"] and record["enabled"]:
        # Basic auth without any user would lock everyone out, so it turns off.
        record["enabled"] = False
        logger.info("Password protection of site %s turned off with its last user", site.id)
    return envelope({"success": True})
