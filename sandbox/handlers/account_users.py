"""Account users: people who help manage an account, invited by email.

Each account starts with its owner (status ``active``, role ``account_owner``). A new
user is ``invited`` with an invite token; ``GET /v1/users/accept?token=...`` or setting
a first password makes them ``active``. Invitations land in the sandbox mailbox
(``GET /_sandbox/mailbox?to=...``), where tests read the token. The owner can be neither changed nor removed.
"""

import logging
import secrets
import uuid

from .. import mailbox
from ..records import email, list_query, optional_bool, record_by_uuid, stored, text
from ..responses import ApiError, bad_request, envelope, list_envelope, not_found
from ..router import route
from .password_strength import missed_requirements

logger = logging.getLogger(__name__)

ASSIGNABLE_ROLES = ("account_user", "billing_admin", "user_admin")
OWNER_ROLE = "account_owner"
INVITED = "invited"
ACTIVE = "active"
USER_SORT_KEYS = {
    "first_name": lambda user: user["firstname"].lower(),
    "last_name": lambda user: user["lastname"].lower(),
    "email": lambda user: user["email"],
}


def account_users(account):
    """Return the account's users by id, starting with its owner."""
    def with_owner():
        owner_id = str(uuid.UUID(int=account.id, version=4))
        return {owner_id: {
            "id": owner_id,
            "firstname": account.firstname,
            "lastname": account.lastname,
            "email": account.email,
            "roles": [OWNER_ROLE],
            "twofactor_enabled": account.twofactor_enabled,
            "twofactor_required": False,
            "status": ACTIVE,
            "_invite_token": None,
        }}

    return stored(account, "users", with_owner)


def _public(user):
    return {key: value for key, value in user.items() if not key.startswith("_")}


def _roles(body):
    roles = body.get("roles")
    if not isinstance(roles, list) or not roles:
        raise bad_request(f"roles must be a non-empty list drawn from {', '.join(ASSIGNABLE_ROLES)}, got {roles!r}")
    unknown = [role for role in roles if role not in ASSIGNABLE_ROLES]
    if unknown:
        raise bad_request(f"unknown role(s) {unknown!r}: use {', '.join(ASSIGNABLE_ROLES)}")
    return sorted(set(roles))


def _user(ctx, user_id):
    return record_by_uuid(account_users(ctx.account), user_id, "user")


def _not_owner(user, action):
    if OWNER_ROLE in user["roles"]:
        raise ApiError(403, f"user {user['id']} is the account owner and cannot be {action}")


def _send_invite(ctx, user):
    token = user["_invite_token"]
    mailbox.send(ctx.state, ctx.account, user["email"], f"{ctx.account.company} invited you to Rocket.net",
                 "account_user_invite", token=token, link=f"{ctx.base_url}/v1/users/accept?token={token}")


@route("GET", "/v1/users")
def list_users(ctx):
    users = [_public(user) for user in account_users(ctx.account).values()]

    search = ctx.query.get("search", "").strip().lower()
    if search:
        users = [user for user in users
                 if search in f"{user['firstname']} {user['lastname']} {user['email']}".lower()]

    return list_envelope(users, list_query(ctx.query), default_per_page=25, sort_keys=USER_SORT_KEYS)


@route("POST", "/v1/users")
def create_user(ctx):
    body = ctx.body()
    address = email(body)
    users = account_users(ctx.account)
    if any(user["email"] == address for user in users.values()):
        raise bad_request(f"a user with email {address} already exists in this account")

    user = {
        "id": str(uuid.uuid4()),
        "firstname": text(body, "firstname", max_length=100),
        "lastname": text(body, "lastname", max_length=100),
        "email": address,
        "roles": _roles(body) if "roles" in body else ["account_user"],
        "twofactor_enabled": False,
        "twofactor_required": optional_bool(body, "twofactor_required", default=False),
        "status": INVITED,
        "_invite_token": secrets.token_urlsafe(24),
    }
    users[user["id"]] = user
    _send_invite(ctx, user)
    logger.info("User %s invited to account %s", user["id"], ctx.account.id)
    return envelope(_public(user))


@route("GET", "/v1/users/{user_id}")
def get_user(ctx, user_id):
    return envelope(_public(_user(ctx, user_id)))


@route("PATCH", "/v1/users/{user_id}")
def update_user(ctx, user_id):
    user = _user(ctx, user_id)
    body = ctx.body()
    unknown = sorted(set(body) - {"twofactor_required", "roles"})
    if unknown:
        raise bad_request(f"unknown field(s): {', '.join(unknown)}; allowed: twofactor_required, roles")
    _not_owner(user, "changed")

    if "roles" in body:
        user["roles"] = _roles(body)
    if "twofactor_required" in body:
        user["twofactor_required"] = optional_bool(body, "twofactor_required")
    return envelope(_public(user))


@route("DELETE", "/v1/users/{user_id}")
def delete_user(ctx, user_id):
    user = _user(ctx, user_id)
    _not_owner(user, "removed")
    del account_users(ctx.account)[user["id"]]
    logger.info("User %s removed from account %s", user["id"], ctx.account.id)
    return envelope({"success": True})


@route("POST", "/v1/users/{user_id}/reinvite")
def reinvite_user(ctx, user_id):
    user = _user(ctx, user_id)
    if user["status"] != INVITED:
        raise bad_request(f"user {user['id']} has already accepted the invitation; only invited users can be re-invited")

    # A new invitation replaces the old link, as a resent email would.
    user["_invite_token"] = secrets.token_urlsafe(24)
    _send_invite(ctx, user)
    return envelope({"success": True})


@route("POST", "/v1/users/{user_id}/password")
def set_first_password(ctx, user_id):
    user = _user(ctx, user_id)
    if user["status"] != INVITED:
        raise bad_request(f"user {user['id']} already has a password; a first password can be set only once")

    password = ctx.body().get("password")
    if not isinstance(password, str) or not password:
        raise bad_request("password is required: pass it as a string in the JSON body")
    missed = missed_requirements(password)
    if "minimum_length" in missed or "avoid_common_passwords" in missed:
        raise bad_request(f"password is too weak (missed: {', '.join(missed)}); "
                          "check it first with POST /v1/users/password_strength")

    user["status"] = ACTIVE
    user["_invite_token"] = None
    return envelope({"success": True})


# The invitee follows a link from an email and has no token for this account, so the
# invite token alone identifies the invitation.
@route("GET", "/v1/users/accept", authenticated=False)
def accept_invite(ctx):
    token = ctx.query.get("token", "").strip()
    if not token:
        raise bad_request("token is required: pass the invite token from the invitation email")

    for account in ctx.state.accounts.values():
        for user in account_users(account).values():
            if user["_invite_token"] and secrets.compare_digest(user["_invite_token"], token):
                user["status"] = ACTIVE
                user["_invite_token"] = None
                logger.info("User %s accepted the invitation to account %s", user["id"], account.id)
                return envelope({"success": True})

    raise not_found("invite token not found: it was already used or replaced by a newer invitation")
