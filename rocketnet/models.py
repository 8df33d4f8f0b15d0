"""Parsed API results: frozen dataclasses that also keep the original dict as `.raw`.

Field names follow the spec's schemas. Every field except the id may be missing from a response,
so `from_api` fills absent fields with None (or an empty value) instead of raising.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Task statuses. The spec lists NEW, PROGRESS, DONE and ERROR; IN_PROGRESS has been seen live.
# Any status not in the two final sets counts as still running.
TASK_SUCCEEDED_STATUSES = frozenset({"DONE"})
TASK_FAILED_STATUSES = frozenset({"ERROR", "FAILED", "CANCELLED", "CANCELED"})

SITE_READY_STATUSES = frozenset({"active"})


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _require(data: Any, kind: str) -> dict:
    if not isinstance(data, dict):
        raise TypeError(f"expected a {kind} object from the API, got {type(data).__name__}")
    return data


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
        data = _require(data, "location")
        return cls(
            id=_int_or_none(data.get("id")),
            name=_str_or_none(data.get("location")),
            region=_str_or_none(data.get("region")),
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
        data = _require(data, "site")
        site_id = _int_or_none(data.get("id"))
        if site_id is None:
            raise ValueError(f"site object has no usable id: {data.get('id')!r}")

        staging = _dict(data.get("staging"))
        return cls(
            id=site_id,
            domain=_str_or_none(data.get("domain")),
            display_domain=_str_or_none(data.get("display_domain")),
            label=_str_or_none(data.get("label")),
            status=_str_or_none(data.get("status")),
            status_reason=_int_or_none(data.get("status_reason")),
            location=_str_or_none(data.get("location")),
            rocket_url=_str_or_none(data.get("rocket_url")),
            disk_usage_kb=_int_or_none(data.get("disk_usage")),
            created_at=_str_or_none(data.get("created_at")),
            site_type=_int_or_none(data.get("site_type")),
            production_site_id=_int_or_none(data.get("production")),
            staging_site_id=_int_or_none(staging.get("staging_id")),
            staging_status=_str_or_none(staging.get("staging_status")),
            sftp_username=_str_or_none(data.get("sftp_username")),
            ftp_ip_address=_str_or_none(data.get("ftp_ip_address")),
            metadata=_dict(data.get("metadata")),
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
        result = _require(result, "task reference")
        task_id = result.get("task_id")
        if not task_id:
            raise ValueError(f"response has no task_id: keys are {sorted(result)}")
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
        data = _require(data, "task")
        return cls(
            id=str(data.get("id") or data.get("task_id") or ""),
            status=str(data.get("task_status") or data.get("status") or "").upper(),
            perc=_int_or_none(data.get("perc")),
            message=_str_or_none(data.get("message")),
            task_type=_str_or_none(data.get("task_type")),
            site_id=_int_or_none(data.get("site_id")),
            level=_str_or_none(data.get("task_level")),
            created=_str_or_none(data.get("created")),
            updated=_str_or_none(data.get("updated")),
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
        data = _require(data, "backup")
        return cls(
            id=_int_or_none(data.get("id")),
            label=_str_or_none(data.get("label")),
            status=_str_or_none(data.get("status")),
            created=_str_or_none(data.get("created")),
            site_id=_int_or_none(data.get("site_id")),
            task_id=_str_or_none(data.get("task_id")),
            download_link=_str_or_none(data.get("download_link")),
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
        data = _require(data, "automated backup")
        return cls(
            recovery_point=str(data.get("recoveryPoint") or ""),
            created_at=_str_or_none(data.get("created_at")),
            status=_str_or_none(data.get("status")),
            raw=data,
        )


@dataclass(frozen=True)
class Account:
    """The logged-in user and their plan (GetAccountMeResponse)."""

    id: str | None
    email: str | None
    firstname: str | None = None
    lastname: str | None = None
    access_level: str | None = None
    twofactor_enabled: bool | None = None
    plan: str | None = None
    account_type: str | None = None
    next_due_date: str | None = None
    usage: dict = field(default_factory=dict, compare=False)
    limits: dict = field(default_factory=dict, compare=False)
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_api(cls, data: dict) -> Account:
        data = _require(data, "account")
        client = _dict(data.get("client"))
        package = _dict(data.get("package"))
        return cls(
            id=_str_or_none(client.get("id")),
            email=_str_or_none(client.get("email")),
            firstname=_str_or_none(client.get("firstname")),
            lastname=_str_or_none(client.get("lastname")),
            access_level=_str_or_none(client.get("access_level")),
            twofactor_enabled=client.get("twofactor_enabled"),
            plan=_str_or_none(package.get("plan")),
            account_type=_str_or_none(package.get("account_type")),
            next_due_date=_str_or_none(package.get("next_due_date")),
            usage=_dict(data.get("usage")),
            limits=_dict(data.get("limits")),
            raw=data,
        )
