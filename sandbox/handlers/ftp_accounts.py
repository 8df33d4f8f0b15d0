"""FTP accounts: list, create, update and delete; users are named ``username@domain``."""

import logging
import re

from ..responses import ApiError, bad_request, envelope, list_envelope
from ..router import route

logger = logging.getLogger(__name__)

USERNAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9._-]{2,31}$")
FTP_SORT_KEYS = {key: (lambda item, key=key: str(item[key])) for key in ("dir", "diskquota", "diskused", "reldir", "user")}


def ftp_accounts(state, site):
    """Return the site's FTP accounts by user, seeding one designer account on first use."""
    if "ftp_accounts" not in site.extras:
        accounts = {}
        if state.rng("ftp", site.id).random() < 0.5:
            _add(accounts, site, "designer", "wp-content/themes", 500, "seeded-password-1")
        site.extras["ftp_accounts"] = accounts
    return site.extras["ftp_accounts"]


def _add(accounts, site, username, homedir, quota, password, domain=None):
    user = f"{username}@{domain or site.domain}"
    accounts[user] = {"user": user, "reldir": homedir, "quota": quota, "diskused": "0.00", "_password": password,
                      "_root": f"/home/{site.sftp_username}"}
    return accounts[user]


def _public(item):
    return {
        "dir": f"{item['_root']}/{item['reldir']}".rstrip("/"),
        "diskquota": "unlimited" if item["quota"] == 0 else item["quota"],
        "diskused": item["diskused"],
        "reldir": item["reldir"],
        "user": item["user"],
    }


def _homedir(value):
    if not isinstance(value, str):
        raise bad_request(f"homedir must be a path relative to the site root, got {value!r}")
    homedir = value.strip().strip("/")
    if ".." in homedir.split("/") or "\\" in homedir or "\0" in homedir:
        raise bad_request(f"homedir {value!r} must stay inside the site root: remove '..'")
    return homedir


def _quota(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise bad_request(f"quota must be a whole number of MB, 0 for unlimited, got {value!r}")
    return value


def _password(value, name):
    if not isinstance(value, str) or len(value) < 8 or not re.search(r"[A-Za-z]", value) or not re.search(r"\d", value):
        raise bad_request(f"{name} must have at least 8 characters with letters and digits")
    return value


@route("GET", "/v1/sites/{id}/ftp/accounts")
def list_ftp_accounts(ctx, id):
    site = ctx.site(id)
    items = [_public(item) for item in ftp_accounts(ctx.state, site).values()]

    username = ctx.query.get("username", "").strip().lower()
    if username:
        items = [item for item in items if username in item["user"].lower()]
    return list_envelope(items, ctx.query, default_per_page=10, sort_keys=FTP_SORT_KEYS)


@route("POST", "/v1/sites/{id}/ftp/accounts")
def create_ftp_account(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    # The live API needs all five fields even where the schema is vague.
    missing = [name for name in ("username", "password", "homedir", "quota", "domain") if body.get(name) is None]
    if missing:
        raise bad_request(f"missing required field(s): {', '.join(missing)}")

    username = body["username"]
    if not isinstance(username, str) or not USERNAME.match(username):
        raise bad_request(f"username {username!r} must be 3-32 letters, digits, dots, dashes or underscores")

    domains = {site.domain, *(alias["domain"] for alias in site.extras.get("aliases", []))}
    if body["domain"] not in domains:
        raise bad_request(f"domain {body['domain']!r} is not a domain of site {site.id}; use one of {', '.join(sorted(domains))}")

    accounts = ftp_accounts(ctx.state, site)
    if f"{username}@{body['domain']}" in accounts:
        raise bad_request(f"FTP user {username}@{body['domain']} already exists")

    item = _add(accounts, site, username, _homedir(body["homedir"]), _quota(body["quota"]),
                _password(body["password"], "password"), body["domain"])
    logger.info("FTP account %s created on site %s", item["user"], site.id)
    public = _public(item)
    return envelope({"dir": public["dir"], "diskquota": public["diskquota"], "user": public["user"]})


def _account_or_404(ctx, site, user):
    item = ftp_accounts(ctx.state, site).get(user)
    if item is None:
        raise ApiError(404, f"FTP user {user!r} not found on site {site.id}: pass the full name, user@domain")
    return item


@route("PATCH", "/v1/sites/{id}/ftp/accounts")
def update_ftp_account(ctx, id):
    site = ctx.unlocked_site(id)
    user = ctx.query.get("username")
    if not user:
        raise bad_request("username is required as a query parameter, for example ?username=designer@example.com")
    item = _account_or_404(ctx, site, user)
    body = ctx.body(required=True)

    if "new_password" in body:
        item["_password"] = _password(body["new_password"], "new_password")
    if "quota" in body:
        item["quota"] = _quota(body["quota"])
    if "homedir" in body:
        item["reldir"] = _homedir(body["homedir"])
    return envelope({"quota": item["quota"], "homedir": item["reldir"]})


@route("DELETE", "/v1/sites/{id}/ftp/accounts")
def delete_ftp_account(ctx, id):
    site = ctx.unlocked_site(id)
    user = ctx.body().get("username")
    if not user:
        raise bad_request("username is required in the body, for example {\"username\": \"designer@example.com\"}")
    _account_or_404(ctx, site, user)
    del ftp_accounts(ctx.state, site)[user]
    return envelope({})
