"""The file manager: list, view, download, upload, save, delete, compress, extract, chmod.

Paths are relative to the site root (for example "wp-content/plugins"). Two body keys differ
between calls although they mean the same: uploading a new file takes `filename`, saving an
existing file takes `file`. The functions keep the API's names so each request is plain to read.
"""

from __future__ import annotations

import base64
import logging
import re

import requests

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import (
    DIRECTIONS,
    body_of,
    check_choice,
    check_positive,
    check_required,
    list_all,
)

logger = logging.getLogger(__name__)

FILE_SORTS = ("created_at", "ctime", "mtime", "name", "size", "type", "updated_at")
COMPRESS_TYPES = ("bz2", "gz", "tar", "tar.gz", "tar.bz2", "zip")
PERMISSIONS_PATTERN = re.compile(r"^[0-7]{3,4}$")


def _relative(name: str, path: str | None) -> str | None:
    if path is not None and path.startswith("/"):
        raise ValueError(f"{name}={path!r} must be relative to the site root, like 'wp-content/uploads'")
    return path


@operation("GET", "/v1/sites/{id}/file_manager/files")
def list_files(
    client: Client,
    site_id: int,
    *,
    path: str | None = None,
    search: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    page: int = 1,
    per_page: int = 100,
) -> list[dict]:
    """Return one page of the directory at `path` (the API requires page and per_page).

    Each entry has name, path, type ("dir" or "file"), size, human_size, mode and times.
    """
    _relative("path", path)
    check_choice("sort", sort, FILE_SORTS)
    check_choice("direction", direction, DIRECTIONS)
    check_positive("page", page)
    check_positive("per_page", per_page)
    query = {
        "path": path, "search": search, "sort": sort, "direction": direction,
        "page": page, "per_page": per_page,
    }
    return client.send("GET", "/v1/sites/{id}/file_manager/files", path_params={"id": site_id}, query=query).result or []


def list_all_files(
    client: Client,
    site_id: int,
    *,
    path: str | None = None,
    search: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[dict]:
    """Return every entry of the directory at `path`, walking all pages of list_files."""
    _relative("path", path)
    check_choice("sort", sort, FILE_SORTS)
    check_choice("direction", direction, DIRECTIONS)
    query = {"path": path, "search": search, "sort": sort, "direction": direction}
    return list_all(
        client, "/v1/sites/{id}/file_manager/files", path_params={"id": site_id}, query=query,
        per_page=per_page, id_key="path",
    )


@operation("GET", "/v1/sites/{id}/files", deprecated=True, replacement="files.list_files")
def list_files_legacy(client: Client, site_id: int, *, path: str | None = None) -> dict:
    """List a directory with the old call.

    Deprecated: use files.list_files (GET /v1/sites/{id}/file_manager/files) instead.
    """
    _relative("path", path)
    return client.send("GET", "/v1/sites/{id}/files", path_params={"id": site_id}, query={"path": path}).result


@operation("GET", "/v1/sites/{id}/files/view")
def view_file(client: Client, site_id: int, *, filename: str, directory: str | None = None) -> dict:
    """Return {"content", "content_type", "binary"} of one file."""
    check_required("filename", filename)
    _relative("directory", directory)
    query = {"filename": filename, "directory": directory}
    return client.send("GET", "/v1/sites/{id}/files/view", path_params={"id": site_id}, query=query).result


@operation("GET", "/v1/sites/{id}/files/download")
def download_file(client: Client, site_id: int, *, filename: str, directory: str | None = None) -> requests.Response:
    """Open one file for download and return the streaming response.

    Read it with iter_content() and close it, so a large file never sits in memory whole.
    """
    check_required("filename", filename)
    _relative("directory", directory)
    query = {"filename": filename, "directory": directory}
    return client.stream("GET", "/v1/sites/{id}/files/download", path_params={"id": site_id}, query=query)


@operation("POST", "/v1/sites/{id}/files")
def upload_file(
    client: Client,
    site_id: int,
    *,
    path: str,
    filename: str,
    content: str | bytes,
    binary: bool | None = None,
) -> dict:
    """Create the file `filename` in directory `path` (this call names the file `filename`).

    Bytes are sent base64-encoded with binary=True; text is sent as is.
    """
    _relative("path", check_required("path", path))
    check_required("filename", filename)
    if isinstance(content, bytes):
        content = base64.b64encode(content).decode("ascii")
        binary = True
    body = body_of(path=path, filename=filename, content=content, binary=binary)
    return client.send("POST", "/v1/sites/{id}/files", path_params={"id": site_id}, body=body).result


@operation("PUT", "/v1/sites/{id}/files", idempotent=True)
def save_file(client: Client, site_id: int, *, path: str, file: str, content: str) -> dict:
    """Overwrite the file `file` in directory `path` (this call names the file `file`)."""
    _relative("path", check_required("path", path))
    check_required("file", file)
    if not isinstance(content, str):
        raise ValueError(f"content must be text for save_file, got {type(content).__name__}; use upload_file for bytes")
    body = {"path": path, "file": file, "content": content}
    return client.send("PUT", "/v1/sites/{id}/files", path_params={"id": site_id}, body=body).result


@operation("DELETE", "/v1/sites/{id}/files")
def delete_file(client: Client, site_id: int, *, file: str) -> None:
    """Delete one file or folder, given by its path from the site root."""
    _relative("file", check_required("file", file))
    client.send("DELETE", "/v1/sites/{id}/files", path_params={"id": site_id}, body={"file": file})
    logger.info("Deleted %s on site %s", file, site_id)


@operation("POST", "/v1/sites/{id}/files/folder")
def create_folder(client: Client, site_id: int, *, name: str, path: str) -> dict:
    """Create the folder `name` inside directory `path`."""
    check_required("name", name)
    _relative("path", check_required("path", path))
    body = {"name": name, "path": path}
    return client.send("POST", "/v1/sites/{id}/files/folder", path_params={"id": site_id}, body=body).result


@operation("POST", "/v1/sites/{id}/files/compress")
def compress_files(
    client: Client,
    site_id: int,
    *,
    sourcefiles: list[str],
    destfiles: str,
    compress_type: str,
) -> dict:
    """Pack `sourcefiles` into the archive `destfiles` of type `compress_type` (zip, tar.gz, ...)."""
    if isinstance(sourcefiles, str) or not sourcefiles:
        raise ValueError(f"sourcefiles must be a non-empty list of paths, got {sourcefiles!r}")
    check_required("destfiles", destfiles)
    check_choice("compress_type", check_required("compress_type", compress_type), COMPRESS_TYPES)
    body = {"sourcefiles": list(sourcefiles), "destfiles": destfiles, "compress_type": compress_type}
    return client.send("POST", "/v1/sites/{id}/files/compress", path_params={"id": site_id}, body=body).result


@operation("POST", "/v1/sites/{id}/files/extract")
def extract_file(client: Client, site_id: int, *, file: str, destination: str) -> dict:
    """Unpack the archive `file` into the directory `destination`."""
    check_required("file", file)
    check_required("destination", destination)
    body = {"file": file, "destination": destination}
    return client.send("POST", "/v1/sites/{id}/files/extract", path_params={"id": site_id}, body=body).result


@operation("PATCH", "/v1/sites/{id}/files/chmod", idempotent=True)
def change_permissions(client: Client, site_id: int, *, file: str, permissions: str) -> dict:
    """Set a file's mode; `permissions` is octal text such as "644" or "0755"."""
    check_required("file", file)
    if not isinstance(permissions, str) or not PERMISSIONS_PATTERN.match(permissions):
        raise ValueError(f"permissions={permissions!r} is not an octal mode; use text like '644' or '0755'")
    body = {"file": file, "permissions": permissions}
    return client.send("PATCH", "/v1/sites/{id}/files/chmod", path_params={"id": site_id}, body=body).result
