"""Site users: people with access to single sites, invited per site by an agency account.

A site user belongs to the account that created it and logs in with
``POST /v1/sites/users/login``, which returns a site-user token. That token works only on
the routes meant for site users: their site list, accepting an invite and changing their
own details. The agency routes reject it with 401 because it names no account. Invitations
and password tokens land in the sandbox mailbox (``GET /_sandbox/mailbox?to=...``).
"""

import hashlib
import json
import logging
import secrets

import jwt

from .. import mailbox
from ..auth import TOKEN_LIFETIME_SECONDS, authenticate, bearer_token, decode_claims
from ..clock import iso_timestamp
from ..records import email, list_query, stored, text
from ..responses import ApiError, bad_request, envelope, json_response, list_envelope, not_found
from ..responses import parse_int
from ..router import route

logger = logging.getLogger(__name__)

INVITED, ACTIVE, DECLINED = "Invited", "Active", "Declined"
INVITE_LIFETIME_SECONDS = 7 * 24 * 3600
MINIMUM_PASSWORD_LENGTH = 8
SUBJECT_PREFIX = "site-user:"
GRANT_SORT_KEYS = {
    "email": lambda item: item["email"],
    "user_id": lambda item: item["id"],
    "status": lambda item: item["status"],
}
SITE_SORT_KEYS = {
    "created_at": lambda site: site["created_at"],
    "domain": lambda site: site["domain"],
    "label": lambda site: (site["label"] or "").lower(),
    "disk_usage": lambda site: site["disk_usage"],
}


# Records

def site_users(account):
    return stored(account, "site_users")


def grants(site):
    """Return the site's access list: site user id -> status, invite token, dates."""
    return stored(site, "site_user_grants")


def _all_site_users(state):
    for account in state.accounts.values():
        yield from site_users(account).values()


def _by_email(state, address):
    return next((user for user in _all_site_users(state) if user["email"] == address), None)


def _by_id(state, user_id):
    number = parse_int(user_id, "site user id", minimum=1)
    user = next((user for user in _all_site_users(state) if user["id"] == number), None)
    if user is None:
        raise not_found(f"site user {number} not found")
    return user


def _hash(password, salt=None):
    salt = salt or secrets.token_hex(8)
    return salt + ":" + hashlib.sha256((salt + password).encode()).hexdigest()


def _password_matches(user, password):
    if not user["_password_hash"]:
        return False
    salt = user["_password_hash"].split(":", 1)[0]
    return secrets.compare_digest(_hash(password, salt), user["_password_hash"])


def _new_user(ctx, name, address):
    user = {
        "id": ctx.state.next_id("site_user", start=301),
        "name": name,
        "email": address,
        "created_at": iso_timestamp(ctx.state.now()),
        "_owner": ctx.account.email,
        "_password_hash": None,
        "_password_token": secrets.token_urlsafe(24),
    }
    site_users(ctx.account)[user["id"]] = user
    mailbox.send(ctx.state, ctx.account, address, "Set your Rocket.net site access password",
                 "site_user_password", token=user["_password_token"])
    return user


def _valid_password(body):
    password = body.get("password")
    if not isinstance(password, str) or len(password) < MINIMUM_PASSWORD_LENGTH:
        raise bad_request(f"password is required and must be a string of at least {MINIMUM_PASSWORD_LENGTH} characters")
    return password


# Who is calling

def _site_user_from_token(ctx):
    """Return the site user of the bearer token, or None when it is not a site-user token."""
    token = bearer_token(ctx.request)
    claims = decode_claims(ctx.state, token) if token else None
    if claims is None or not str(claims.get("sub", "")).startswith(SUBJECT_PREFIX):
        return None
    if claims["exp"] <= ctx.state.now():
        raise ApiError(401, "Authentication failed: the site user token has expired, log in again")
    user = next((user for user in _all_site_users(ctx.state) if user["id"] == claims.get("site_user_id")), None)
    if user is None:
        raise ApiError(401, "Authentication failed: the site user no longer exists")
    return user


def _require_site_user(ctx):
    if bearer_token(ctx.request) is None:
        raise ApiError(401, "Authentication failed: missing Authorization: Bearer <site user token> header")
    user = _site_user_from_token(ctx)
    if user is None:
        raise ApiError(403, "this operation is for site users: log in with POST /v1/sites/users/login "
                            "and send that token")
    return user


def _issue_token(state, user):
    now = int(state.now())
    claims = {"sub": f"{SUBJECT_PREFIX}{user['id']}", "site_user_id": user["id"],
              "iat": now, "exp": now + TOKEN_LIFETIME_SECONDS}
    return jwt.encode(claims, state.jwt_secret, algorithm="HS256")


# Responses

def _user_api(user, site_id=0, grant=None):
    return {
        "id": user["id"],
        "site_id": site_id,
        "name": user["name"],
        "email": user["email"],
        "status": grant["status"] if grant else (ACTIVE if user["_password_hash"] else INVITED),
        "token": (grant or {}).get("token") or "",
        "created_at": grant["created_at"] if grant else user["created_at"],
    }


def _site_for_user_api(state, site, grant):
    item = site.to_api(state.staging_of(site))
    item["metadata"] = json.dumps(item["metadata"])
    item["status"] = grant["status"]
    return item


def _invite(ctx, site, user):
    token = secrets.token_urlsafe(24)
    grants(site)[user["id"]] = {"status": INVITED, "token": token,
                                "created_at": iso_timestamp(ctx.state.now()),
                                "invited_at": ctx.state.now()}
    mailbox.send(ctx.state, ctx.account, user["email"], f"You were invited to manage {site.domain}",
                 "site_user_invite", token=token,
                 link=f"{ctx.base_url}/v1/sites/{site.id}/users/accept?token={token}")


# Agency routes

@route("POST", "/v1/sites/users")
def create_site_user(ctx):
    body = ctx.body()
    name = text(body, "name", max_length=100)
    address = email(body)
    if _by_email(ctx.state, address) is not None:
        raise bad_request(f"a site user with email {address} already exists")

    user = _new_user(ctx, name, address)
    logger.info("Site user %s created by account %s", user["id"], ctx.account.id)
    result = _user_api(user)
    result["token"] = user["_password_token"]
    return envelope(result)


@route("GET", "/v1/sites/{id}/users")
def list_site_site_users(ctx, id):
    site = ctx.site(id)
    items = []
    for user_id, grant in grants(site).items():
        user = _by_id(ctx.state, user_id)
        items.append(_user_api(user, site.id, grant))

    search = ctx.query.get("search", "").strip().lower()
    if search:
        items = [item for item in items if search in item["name"].lower() or search in item["email"]]

    return list_envelope(items, list_query(ctx.query), default_per_page=25, sort_keys=GRANT_SORT_KEYS)


@route("POST", "/v1/sites/{id}/users")
def invite_site_user(ctx, id):
    site = ctx.site(id)
    body = ctx.body()
    name = text(body, "name", max_length=100)
    address = email(body)

    user = _by_email(ctx.state, address) or _new_user(ctx, name, address)
    grant = grants(site).get(user["id"])
    if grant is not None and grant["status"] == ACTIVE:
        raise bad_request(f"{address} already has access to site {site.id}")

    _invite(ctx, site, user)
    logger.info("Site user %s invited to site %s", user["id"], site.id)
    return envelope({"success": True, "id": user["id"]})


@route("DELETE", "/v1/sites/{id}/users/{user_id}")
def remove_site_user(ctx, id, user_id):
    site = ctx.site(id)
    user = _by_id(ctx.state, user_id)
    if user["id"] not in grants(site):
        raise not_found(f"site user {user['id']} has no access to site {site.id}")

    del grants(site)[user["id"]]
    logger.info("Site user %s removed from site %s", user["id"], site.id)
    return envelope({"success": True})


@route("POST", "/v1/sites/{id}/users/{user_id}/reinvite")
def reinvite_site_user(ctx, id, user_id):
    site = ctx.site(id)
    user = _by_id(ctx.state, user_id)
    grant = grants(site).get(user["id"])
    if grant is None:
        raise not_found(f"site user {user['id']} was never invited to site {site.id}: invite them with POST /v1/sites/{site.id}/users")
    if grant["status"] == ACTIVE:
        raise bad_request(f"site user {user['id']} already has access to site {site.id}")

    # The new invitation replaces the old token.
    _invite(ctx, site, user)
    return envelope({"success": True, "id": user["id"]})


# Invitee and site user routes

@route("GET", "/v1/sites/{id}/users/accept", authenticated=False)
def accept_invite_by_token(ctx, id):
    number = parse_int(id, "site id", minimum=1)
    token = ctx.query.get("token", "").strip()
    if not token:
        raise bad_request("token is required: pass the invite token from the invitation email")

    site = ctx.state.sites.get(number)
    for grant in (grants(site).values() if site else []):
        if grant["token"] and secrets.compare_digest(grant["token"], token):
            _accept(ctx, site, grant)
            return envelope({"success": True})

    raise not_found(f"invite token not found for site {number}: it was used, replaced or never issued")


@route("POST", "/v1/sites/{id}/users/accept", authenticated=False)
def accept_invite_as_site_user(ctx, id):
    user = _require_site_user(ctx)
    number = parse_int(id, "site id", minimum=1)
    site = ctx.state.sites.get(number)
    grant = grants(site).get(user["id"]) if site else None
    if grant is None:
        raise not_found(f"site user {user['id']} has no invitation to site {number}")
    if grant["status"] == ACTIVE:
        raise bad_request(f"site user {user['id']} has already accepted the invitation to site {number}")

    _accept(ctx, site, grant)
    return envelope({"success": True})


def _accept(ctx, site, grant):
    if ctx.state.now() - grant["invited_at"] > INVITE_LIFETIME_SECONDS:
        raise bad_request("the invitation expired after 7 days: ask the site owner to re-invite you")
    grant["status"] = ACTIVE
    grant["token"] = ""


@route("GET", "/v1/sites/users", authenticated=False)
def list_sites_of_site_user(ctx):
    user = _require_site_user(ctx)
    pairs = [(site, grants(site)[user["id"]]) for site in ctx.state.sites.values()
             if not site.is_staging and user["id"] in grants(site)]
    items = [_site_for_user_api(ctx.state, site, grant) for site, grant in sorted(pairs, key=lambda pair: pair[0].id)]

    domain = ctx.query.get("domain", "").strip().lower()
    if domain:
        items = [item for item in items if domain in item["domain"].lower()]
    search = ctx.query.get("search", "").strip().lower()
    if search:
        items = [item for item in items if search in item["domain"].lower() or search in (item["label"] or "").lower()]
    statuses = {value for raw in ctx.query.getlist("status") for value in raw.split(",") if value}
    unknown = statuses - {INVITED, ACTIVE, DECLINED}
    if unknown:
        raise bad_request(f"status must be Active, Invited or Declined, got {sorted(unknown)}")
    if statuses:
        items = [item for item in items if item["status"] in statuses]

    return list_envelope(items, list_query(ctx.query), default_per_page=10, sort_keys=SITE_SORT_KEYS)


@route("POST", "/v1/sites/users/login", authenticated=False)
def login_site_user(ctx):
    body = ctx.body()
    username = text(body, "username").lower()
    password = body.get("password")
    user = _by_email(ctx.state, username)
    if user is None or not isinstance(password, str) or not _password_matches(user, password):
        raise ApiError(401, "Authentication failed: wrong site user email or password")
    return json_response({"token": _issue_token(ctx.state, user)})


@route("POST", "/v1/sites/users/reset-password", authenticated=False)
def reset_site_user_password(ctx):
    address = email(ctx.body())
    user = _by_email(ctx.state, address)
    if user is None:
        raise not_found(f"no site user has the email {address}")

    user["_password_token"] = secrets.token_urlsafe(24)
    owner = ctx.state.account_by_email(user["_owner"])
    mailbox.send(ctx.state, owner, address, "Reset your Rocket.net site access password",
                 "site_user_password", token=user["_password_token"])
    return envelope({"success": True})


@route("POST", "/v1/sites/users/{user_id}/password", authenticated=False)
def set_site_user_password(ctx, user_id):
    user = _by_id(ctx.state, user_id)
    body = ctx.body()
    token = text(body, "token")
    password = _valid_password(body)
    if not user["_password_token"] or not secrets.compare_digest(user["_password_token"], token):
        raise ApiError(403, f"token is not valid for site user {user['id']}: request a new one with "
                            "POST /v1/sites/users/reset-password")

    user["_password_hash"] = _hash(password)
    user["_password_token"] = None
    return envelope({"success": True})


@route("PATCH", "/v1/sites/users/{user_id}", authenticated=False)
def update_site_user(ctx, user_id):
    # Authenticate first, so an anonymous caller cannot learn which user ids exist.
    caller = _site_user_from_token(ctx)
    account = authenticate(ctx.state, ctx.request) if caller is None else None
    user = _by_id(ctx.state, user_id)
    if caller is None:
        if user["_owner"] != account.email:
            raise not_found(f"site user {user['id']} not found for this account")
    elif caller["id"] != user["id"]:
        raise ApiError(403, "a site user can change only their own details")

    body = ctx.body()
    unknown = sorted(set(body) - {"name", "email", "password"})
    if unknown:
        raise bad_request(f"unknown field(s): {', '.join(unknown)}; allowed: name, email, password")

    if "email" in body:
        address = email(body)
        other = _by_email(ctx.state, address)
        if other is not None and other["id"] != user["id"]:
            raise bad_request(f"another site user already has the email {address}")
        user["email"] = address
    if "name" in body:
        user["name"] = text(body, "name", max_length=100)
    if "password" in body:
        user["_password_hash"] = _hash(_valid_password(body))
    return envelope({"success": True})
