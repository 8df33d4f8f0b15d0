"""Cloud backups of a site (kept off the server), with restore and download links.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

from rocketnet.client import Client
from rocketnet.models import TaskHandle
from rocketnet.registry import operation
from rocketnet.services._common import (
    DIRECTIONS,
    body_of,
    check_choice,
    check_required,
    list_all,
    task_handle,
)


@operation("GET", "/v1/sites/{id}/cloud_backups")
def list_cloud_backups(
    client: Client,
    site_id: int,
    *,
    search: str | None = None,
    status: str | None = None,
    task_id: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[dict]:
    """Return every cloud backup of the site."""
    check_choice("status", status, ("NEW", "PROGRESS", "DONE", "ERROR", "RESTORING"))
    check_choice("sort", sort, ("created_at", "status", "id", "label", "task_id"))
    check_choice("direction", direction, DIRECTIONS)

    query = {"search": search, "status": status, "task_id": task_id, "sort": sort, "direction": direction}
    return list_all(
        client,
        "/v1/sites/{id}/cloud_backups",
        path_params={"id": site_id},
        query=query,
        per_page=per_page,
    )


@operation("POST", "/v1/sites/{id}/cloud_backups")
def create_cloud_backup(
    client: Client,
    site_id: int,
    *,
    label: str,
    includes_files: bool | None = None,
    includes_database: bool | None = None,
    exclude_paths: list | None = None,
) -> TaskHandle:
    """Start a cloud backup; `exclude_paths` leaves directories out.

    Starts a background task; follow it with site_tasks.wait_for_task().
    """
    check_required("label", label)

    body = body_of(
        label=label,
        includes_files=includes_files,
        includes_database=includes_database,
        exclude_paths=exclude_paths,
    )
    result = client.send(
        "POST",
        "/v1/sites/{id}/cloud_backups",
        path_params={"id": site_id},
        body=body,
    ).result
    return task_handle(result, site_id)


@operation("GET", "/v1/sites/{id}/cloud_backups/{backup_id}")
def get_cloud_backup(client: Client, site_id: int, backup_id: str) -> Any:
    return client.send(
        "GET",
        "/v1/sites/{id}/cloud_backups/{backup_id}",
        path_params={"id": site_id, "backup_id": backup_id},
    ).result


@operation("DELETE", "/v1/sites/{id}/cloud_backups/{backup_id}")
def delete_cloud_backup(client: Client, site_id: int, backup_id: str) -> Any:
    return client.send(
        "DELETE",
        "/v1/sites/{id}/cloud_backups/{backup_id}",
        path_params={"id": site_id, "backup_id": backup_id},
    ).result


@operation("GET", "/v1/sites/{id}/cloud_backups/{backup_id}/download")
def get_cloud_backup_download_link(client: Client, site_id: int, backup_id: str) -> Any:
    """Return a temporary download link for a cloud backup (not the file itself)."""
    return client.send(
        "GET",
        "/v1/sites/{id}/cloud_backups/{backup_id}/download",
        path_params={"id": site_id, "backup_id": backup_id},
    ).result


@operation("POST", "/v1/sites/{id}/cloud_backups/{backup_id}/restore")
def restore_cloud_backup(
    client: Client,
    site_id: int,
    backup_id: str,
    *,
    includes_files: bool,
    includes_database: bool,
    restore_paths: list | None = None,
) -> TaskHandle:
    """Restore a cloud backup's files, database or both; `restore_paths` limits a file restore.

    Starts a background task; follow it with site_tasks.wait_for_task().
    """
    check_required("includes_files", includes_files)
    check_required("includes_database", includes_database)

    body = body_of(
        includes_files=includes_files,
        includes_database=includes_database,
        restore_paths=restore_paths,
    )
    result = client.send(
        "POST",
        "/v1/sites/{id}/cloud_backups/{backup_id}/restore",
        path_params={"id": site_id, "backup_id": backup_id},
        body=body,
    ).result
    return task_handle(result, site_id)
