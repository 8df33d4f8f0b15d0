"""Sites, locations, tasks and backups."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rocketnet.errors import UnexpectedResponseError
from rocketnet.models._parsing import dict_or_empty, int_or_none, require_dict, str_or_none

# Task statuses. The spec lists NEW, PROGRESS, DONE and ERROR; IN_PROGRESS has been seen live.
# Any status not in the two final sets counts as still running.
TASK_SUCCEEDED_STATUSES = frozenset({"DONE"})
TASK_FAILED_STATUSES = frozenset({"ERROR", "FAILED", "CANCELLED", "CANCELED"})

SITE_READY_STATUSES = frozenset({"active"})


@dataclass(frozen=True)
class Location:
    id: int | None
    name: str | None
    region: str | None
    supported_site_types: tuple[int, ...] = ()
    restricted: bool = False
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_api(cls, data: dict, *, restricted: bool = False) -> Location:
        data = require_dict(data, "location")
        return cls(
            id=int_or_none(data.get("id")),
            name=str_or_none(data.get("location")),
            region=str_or_none(data.get("region")),
            supported_site_types=tuple(data.get("supported_site_types") or ()),
            restricted=restricted,
            raw=data,
        )


@dataclass(frozen=True)
class Site:
    """A site (SiteDetails and Site schemas). `disk_usage_kb` is in kilobytes, as the API sends it."""

    id: int
    domain: str | None = None
    display_domain: str | None = None
    label: str | None = None
    status: str | None = None
    status_reason: int | None = None
    location: str | None = None
    rocket_url: str | None = None
    disk_usage_kb: int | None = None
    created_at: str | None = None
    site_type: int | None = None
    production_site_id: int | None = None
    staging_site_id: int | None = None
    staging_status: str | None = None
    sftp_username: str | None = None
    ftp_ip_address: str | None = None
    metadata: dict = field(default_factory=dict, compare=False)
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_api(cls, data: dict) -> Site:
        data = require_dict(data, "site")
        site_id = int_or_none(data.get("id"))
        if site_id is None:
            raise UnexpectedResponseError(None, [f"site object has no usable id: {data.get('id')!r}"])

        staging = dict_or_empty(data.get("staging"))
        return cls(
            id=site_id,
            domain=str_or_none(data.get("domain")),
            display_domain=str_or_none(data.get("display_domain")),
            label=str_or_none(data.get("label")),
            status=str_or_none(data.get("status")),
            status_reason=int_or_none(data.get("status_reason")),
            location=str_or_none(data.get("location")),
            rocket_url=str_or_none(data.get("rocket_url")),
            disk_usage_kb=int_or_none(data.get("disk_usage")),
            created_at=str_or_none(data.get("created_at")),
            site_type=int_or_none(data.get("site_type")),
            # The API sends `production: 0` on production sites; only a staging site names its parent.
            production_site_id=int_or_none(data.get("production")) or None,
            staging_site_id=int_or_none(staging.get("staging_id")),
            staging_status=str_or_none(staging.get("staging_status")),
            sftp_username=str_or_none(data.get("sftp_username")),
            ftp_ip_address=str_or_none(data.get("ftp_ip_address")),
            metadata=dict_or_empty(data.get("metadata")),
            raw=data,
        )

    @property
    def is_ready(self) -> bool:
        return self.status in SITE_READY_STATUSES

    @property
    def is_staging(self) -> bool:
        return self.production_site_id is not None


@dataclass(frozen=True)
class TaskHandle:
    """A reference to a background task started by a call. `level` is "site" or "account"."""

    site_id: int | None
    task_id: str
    level: str = "site"

    @classmethod
    def from_api(cls, result: Any, *, site_id: int | None) -> TaskHandle:
        result = require_dict(result, "task reference")
        task_id = result.get("task_id")
        if not task_id:
            raise UnexpectedResponseError(None, [f"response has no task_id; its keys are {sorted(result)}"])
        level = result.get("task_level") or "site"
        return cls(site_id=site_id, task_id=str(task_id), level=str(level))


@dataclass(frozen=True)
class Task:
    id: str
    status: str
    perc: int | None = None
    message: str | None = None
    task_type: str | None = None
    site_id: int | None = None
    level: str | None = None
    created: str | None = None
    updated: str | None = None
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_api(cls, data: dict) -> Task:
        data = require_dict(data, "task")
        return cls(
            id=str(data.get("id") or data.get("task_id") or ""),
            status=str(data.get("task_status") or data.get("status") or "").upper(),
            perc=int_or_none(data.get("perc")),
            message=str_or_none(data.get("message")),
            task_type=str_or_none(data.get("task_type")),
            site_id=int_or_none(data.get("site_id")),
            level=str_or_none(data.get("task_level")),
            created=str_or_none(data.get("created")),
            updated=str_or_none(data.get("updated")),
            raw=data,
        )

    @property
    def succeeded(self) -> bool:
        return self.status in TASK_SUCCEEDED_STATUSES

    @property
    def failed(self) -> bool:
        return self.status in TASK_FAILED_STATUSES

    @property
    def is_finished(self) -> bool:
        return self.succeeded or self.failed


@dataclass(frozen=True)
class Backup:
    id: int | None
    label: str | None = None
    status: str | None = None
    created: str | None = None
    site_id: int | None = None
    task_id: str | None = None
    download_link: str | None = field(default=None, repr=False)
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_api(cls, data: dict) -> Backup:
        data = require_dict(data, "backup")
        return cls(
            id=int_or_none(data.get("id")),
            label=str_or_none(data.get("label")),
            status=str_or_none(data.get("status")),
            created=str_or_none(data.get("created")),
            site_id=int_or_none(data.get("site_id")),
            task_id=str_or_none(data.get("task_id")),
            download_link=str_or_none(data.get("download_link")),
            raw=data,
        )


@dataclass(frozen=True)
class AutomatedBackup:
    """An automated restore point; `recovery_point` is its id in restore calls."""

    recovery_point: str
    created_at: str | None = None
    status: str | None = None
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_api(cls, data: dict) -> AutomatedBackup:
        data = require_dict(data, "automated backup")
        return cls(
            recovery_point=str(data.get("recoveryPoint") or ""),
            created_at=str_or_none(data.get("created_at")),
            status=str_or_none(data.get("status")),
            raw=data,
        )
