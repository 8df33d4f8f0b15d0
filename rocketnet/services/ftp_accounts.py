"""FTP accounts of a site.

The API rejects a create without username, password, homedir, quota and domain although the
schema describes them loosely, so all five are required here.
"""

from __future__ import annotations

import logging

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import DIRECTIONS, body_of, check_choice, check_required, list_all

logger = logging.getLogger(__name__)

FTP_SORTS = ("dir", "diskquota", "diskused", "reldir", "user")


def _check_quota(quota: int | None) -> None:
    if quota is None:
        return
    if isinstance(quota, bool) or not isinstance(quota, int) or quota < 0:
        raise ValueError(f"quota={quota!r} must be a whole number of megabytes, 0 for unlimited")


@operation("GET", "/v1/sites/{id}/ftp/accounts")
def list_ftp_accounts(
    client: Client,
    site_id: int,
    *,
    username: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[dict]:
    """Return every FTP account of the site; each has user, dir, reldir, diskquota and diskused."""
    check_choice("sort", sort, FTP_SORTS)
    check_choice("direction", direction, DIRECTIONS)
    query = {"username": username, "sort": sort, "direction": direction}
    return list_all(
        client, "/v1/sites/{id}/ftp/accounts", path_params={"id": site_id}, query=query,
        per_page=per_page, id_key="user",
    )


@operation("POST", "/v1/sites/{id}/ftp/accounts")
def create_ftp_account(
    client: Client,
    site_id: int,
    *,
    username: str,
    password: str,
    homedir: str,
    quota: int,
    domain: str,
) -> dict:
    """Create an FTP account limited to `homedir` with a `quota` in megabytes (0 = unlimited)."""
    for name, value in (("username", username), ("password", password), ("homedir", homedir), ("domain", domain)):
        check_required(name, value)
    check_required("quota", quota)
    _check_quota(quota)
    body = {"username": username, "password": password, "homedir": homedir, "quota": quota, "domain": domain}
    result = client.send("POST", "/v1/sites/{id}/ftp/accounts", path_params={"id": site_id}, body=body).result
    logger.info("Created FTP account %s on site %s", username, site_id)
    return result


@operation("PATCH", "/v1/sites/{id}/ftp/accounts", idempotent=True)
def update_ftp_account(
    client: Client,
    site_id: int,
    *,
    username: str,
    new_password: str | None = None,
    quota: int | None = None,
    homedir: str | None = None,
) -> dict:
    """Change an FTP account's password, quota or home directory (the account is named in the query)."""
    check_required("username", username)
    _check_quota(quota)
    body = body_of(new_password=new_password, quota=quota, homedir=homedir)
    if not body:
        raise ValueError("update_ftp_account needs at least one of new_password, quota or homedir")
    return client.send(
        "PATCH", "/v1/sites/{id}/ftp/accounts", path_params={"id": site_id}, query={"username": username}, body=body,
    ).result


@operation("DELETE", "/v1/sites/{id}/ftp/accounts")
def delete_ftp_account(client: Client, site_id: int, *, username: str) -> dict:
    check_required("username", username)
    result = client.send("DELETE", "/v1/sites/{id}/ftp/accounts", path_params={"id": site_id}, body={"username": username})
    logger.info("Deleted FTP account %s on site %s", username, site_id)
    return result.result
