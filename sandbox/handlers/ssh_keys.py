"""SSH keys: import, list, view, authorize, deauthorize and delete by name."""

import base64
import binascii
import logging
import re

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.serialization import load_ssh_public_key

from ..responses import ApiError, bad_request, envelope, list_envelope
from ..router import route

logger = logging.getLogger(__name__)

KEY_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
KEY_TYPES = ("ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
             "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com")
SSH_SORT_KEYS = {key: (lambda item, key=key: str(item[key])) for key in ("authstatus", "file", "name")}
SEEDED_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPAnXqLh6e95z/Av7d7GOZvtd1xl0etkJR6mZy1/PnqY deploy@agency"


def ssh_keys(state, site):
    if "ssh_keys" not in site.extras:
        keys = {}
        if state.rng("ssh", site.id).random() < 0.5:
            keys["deploy"] = _record("deploy", SEEDED_KEY, authorized=True, now=int(state.now()) - 86_400 * 20)
        site.extras["ssh_keys"] = keys
    return site.extras["ssh_keys"]


def _record(name, key, authorized, now):
    return {"name": name, "key": key, "authstatus": "authorized" if authorized else "not-authorized",
            "status": "active", "haspub": 1, "file": f"{name}.pub", "created": now, "modified": now}


def _validate_key(key):
    """Return the key line stripped, or raise a 400 unless it is a well-formed OpenSSH public key."""
    parts = key.strip().split() if isinstance(key, str) else []
    if len(parts) < 2 or parts[0] not in KEY_TYPES:
        raise bad_request(f"key must be an OpenSSH public key starting with one of {', '.join(KEY_TYPES)}")
    key_type, data = parts[0], parts[1]
    try:
        blob = base64.b64decode(data + "=" * (-len(data) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise bad_request("key data is not valid base64: paste the whole line of the .pub file") from None

    # The key data starts with its own type name as a 4-byte length and the name (RFC 4251 string).
    length = int.from_bytes(blob[:4], "big")
    if len(blob) < 4 or blob[4:4 + length] != key_type.encode("ascii"):
        raise bad_request(f"key data does not match the key type {key_type}: paste the whole line of the .pub file")
    try:
        load_ssh_public_key(f"{key_type} {data}".encode("ascii"))
    except (ValueError, UnsupportedAlgorithm):
        raise bad_request(f"key data is not a valid {key_type} public key: it is truncated or damaged") from None
    return key.strip()


def _key_or_404(ctx, site, name):
    record = ssh_keys(ctx.state, site).get(name)
    if record is None:
        raise ApiError(404, f"SSH key {name!r} not found on site {site.id}")
    return record


def _name_from_body(ctx):
    name = ctx.body().get("name")
    if not isinstance(name, str) or not name:
        raise bad_request("name is required: the name the key was imported under")
    return name


@route("GET", "/v1/sites/{id}/ssh/keys")
def list_ssh_keys(ctx, id):
    site = ctx.site(id)
    items = [dict(item) for item in ssh_keys(ctx.state, site).values()]

    search = ctx.query.get("search", "").strip().lower()
    if search:
        items = [item for item in items if search in item["name"].lower() or search in item["file"].lower()]
    return list_envelope(items, ctx.query, default_per_page=100, sort_keys=SSH_SORT_KEYS)


@route("POST", "/v1/sites/{id}/ssh/keys")
def import_ssh_key(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    name = body.get("name")
    if not isinstance(name, str) or not KEY_NAME.match(name):
        raise bad_request(f"name {name!r} must be 1-64 letters, digits, dashes or underscores")

    keys = ssh_keys(ctx.state, site)
    if name in keys:
        raise bad_request(f"an SSH key named {name!r} already exists on site {site.id}")

    keys[name] = _record(name, _validate_key(body.get("key")), authorized=False, now=int(ctx.state.now()))
    logger.info("SSH key %s imported on site %s", name, site.id)
    return envelope(dict(keys[name]))


@route("GET", "/v1/sites/{id}/ssh/keys/{name}")
def get_ssh_key(ctx, id, name):
    site = ctx.site(id)
    return envelope(dict(_key_or_404(ctx, site, name)))


def _set_authorized(ctx, id, authorized):
    site = ctx.unlocked_site(id)
    record = _key_or_404(ctx, site, _name_from_body(ctx))
    record["authstatus"] = "authorized" if authorized else "not-authorized"
    record["modified"] = int(ctx.state.now())
    return envelope(dict(record))


@route("POST", "/v1/sites/{id}/ssh/keys/authorize")
def authorize_ssh_key(ctx, id):
    return _set_authorized(ctx, id, True)


@route("POST", "/v1/sites/{id}/ssh/keys/deauthorize")
def deauthorize_ssh_key(ctx, id):
    return _set_authorized(ctx, id, False)


@route("DELETE", "/v1/sites/{id}/ssh/keys")
def delete_ssh_key(ctx, id):
    site = ctx.unlocked_site(id)
    name = _name_from_body(ctx)
    record = _key_or_404(ctx, site, name)
    del ssh_keys(ctx.state, site)[name]
    return envelope(dict(record))
