"""On-demand and automated backups of a site. Cloud backups live in cloud_backups."""

from __future__ import annotations

import logging

import requests

from rocketnet.client import Client
from rocketnet.models import AutomatedBackup, Backup, TaskHandle
from rocketnet.registry import operation
from rocketnet.services._common import DIRECTIONS, body_of, check_choice, check_required, list_all, task_handle

logger = logging.getLogger(__name__)

BACKUP_SORTS = ("created_at", "id", "label", "status")
AUTOMATED_STATUSES = ("DONE", "RESTORING")
AUTOMATED_SORTS = ("created_at", "status")
RESTORE_TYPES = ("full", "partial")


def _check_flags(backup_directory: bool, backup_database: bool) -> None:
    for name, value in (("backup_directory", backup_directory), ("backup_database", backup_database)):
        if not isinstance(value, bool):
            raise ValueError(f"{name}={value!r} must be True or False")
    if not (backup_directory or backup_database):
        raise ValueError("backup_directory and backup_database are both False; choose at least one")


@operation("GET", "/v1/sites/{id}/backup")
def list_backups(
    client: Client,
    site_id: int,
    *,
    task_id: str | None = None,
    search: str | None = None,
    status: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[Backup]:
    check_choice("sort", sort, BACKUP_SORTS)
    check_choice("direction", direction, DIRECTIONS)
    query = {"task_id": task_id, "search": search, "status": status, "sort": sort, "direction": direction}
    return list_all(
        client, "/v1/sites/{id}/backup", path_params={"id": site_id}, query=query,
        per_page=per_page, parse=Backup.from_api,
    )


@operation("POST", "/v1/sites/{id}/backup")
def create_backup(
    client: Client,
    site_id: int,
    *,
    label: str,
    backup_directory: bool,
    backup_database: bool,
) -> TaskHandle:
    """Start a backup. The API requires all three fields although the schema marks only `label`."""
    check_required("label", label)
    _check_flags(backup_directory, backup_database)
    body = {"label": label, "backup_directory": backup_directory, "backup_database": backup_database}
    result = client.send("POST", "/v1/sites/{id}/backup", path_params={"id": site_id}, body=body).result
    return task_handle(result, site_id)


@operation("POST", "/v1/sites/{id}/backup/{backup_id}/restore")
def restore_backup(
    client: Client,
    site_id: int,
    backup_id: int,
    *,
    backup_directory: bool,
    backup_database: bool,
) -> TaskHandle:
    """Start restoring a backup's files, database or both over the site."""
    _check_flags(backup_directory, backup_database)
    body = {"backup_directory": backup_directory, "backup_database": backup_database}
    result = client.send(
        "POST", "/v1/sites/{id}/backup/{backup_id}/restore",
        path_params={"id": site_id, "backup_id": backup_id}, body=body,
    ).result
    return task_handle(result, site_id)


@operation("DELETE", "/v1/sites/{id}/backup/{backup_id}")
def delete_backup(client: Client, site_id: int, backup_id: int) -> None:
    client.send("DELETE", "/v1/sites/{id}/backup/{backup_id}", path_params={"id": site_id, "backup_id": backup_id})
    logger.info("Deleted backup %s of site %s", backup_id, site_id)


@operation("GET", "/v1/sites/{id}/backup/{backup_id}")
def download_backup(client: Client, site_id: int, backup_id: int, *, token: str) -> requests.Response:
    """Open a backup archive for download and return the streaming response.

    `token` is the download token the API requires in the query (see sites.create_access_token).
    Read the body with `response.iter_content(chunk_size)` and close the response (it is a
    context manager), so the archive never sits in memory whole. A 410 (expired) raises NotFoundError.
    """
    check_required("token", token)
    return client.stream(
        "GET", "/v1/sites/{id}/backup/{backup_id}",
        path_params={"id": site_id, "backup_id": backup_id}, query={"token": token},
    )


@operation("GET", "/v1/sites/{id}/backup/automated")
def list_automated_backups(
    client: Client,
    site_id: int,
    *,
    search: str | None = None,
    status: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[AutomatedBackup]:
    check_choice("status", status, AUTOMATED_STATUSES)
    check_choice("sort", sort, AUTOMATED_SORTS)
    check_choice("direction", direction, DIRECTIONS)
    query = {"search": search, "status": status, "sort": sort, "direction": direction}
    return list_all(
        client, "/v1/sites/{id}/backup/automated", path_params={"id": site_id}, query=query,
        per_page=per_page, parse=AutomatedBackup.from_api, id_key="recoveryPoint",
    )


@operation("POST", "/v1/sites/{id}/backup/automated/{restore_id}/restore")
def restore_automated_backup(client: Client, site_id: int, restore_id: str) -> TaskHandle:
    """Start restoring files and database from an automated restore point."""
    result = client.send(
        "POST", "/v1/sites/{id}/backup/automated/{restore_id}/restore",
        path_params={"id": site_id, "restore_id": restore_id},
    ).result
    return task_handle(result, site_id)


@operation("POST", "/v1/sites/{id}/backup/automated/{restore_id}/restore/database")
def restore_automated_backup_database(client: Client, site_id: int, restore_id: str) -> TaskHandle:
    result = client.send(
        "POST", "/v1/sites/{id}/backup/automated/{restore_id}/restore/database",
        path_params={"id": site_id, "restore_id": restore_id},
    ).result
    return task_handle(result, site_id)


@operation("POST", "/v1/sites/{id}/backup/automated/{restore_id}/restore/files")
def restore_automated_backup_files(
    client: Client,
    site_id: int,
    restore_id: str,
    *,
    restore_type: str,
    files: list[str] | None = None,
) -> TaskHandle:
    """Restore files from a restore point: all of them ("full") or the listed paths ("partial")."""
    check_choice("restore_type", check_required("restore_type", restore_type), RESTORE_TYPES)
    if restore_type == "partial" and not files:
        raise ValueError("restore_type='partial' needs files, the list of paths to restore")
    body = body_of(restore_type=restore_type, files=list(files) if files else None)
    result = client.send(
        "POST", "/v1/sites/{id}/backup/automated/{restore_id}/restore/files",
        path_params={"id": site_id, "restore_id": restore_id}, body=body,
    ).result
    return task_handle(result, site_id)
