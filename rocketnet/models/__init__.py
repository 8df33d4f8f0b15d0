"""Parsed API results: frozen dataclasses that also keep the original dict as `.raw`.

Field names follow the spec's schemas. Every field except the id may be missing from a response,
so `from_api` fills absent fields with None (or an empty value) instead of raising.
"""

from rocketnet.models.account import Account
from rocketnet.models.reports import Report
from rocketnet.models.sites import (
    SITE_READY_STATUSES,
    TASK_FAILED_STATUSES,
    TASK_SUCCEEDED_STATUSES,
    AutomatedBackup,
    Backup,
    Location,
    Site,
    Task,
    TaskHandle,
)
from rocketnet.models.wordpress import Plugin, Theme, WPCLIResult

__all__ = [
    "SITE_READY_STATUSES",
    "TASK_FAILED_STATUSES",
    "TASK_SUCCEEDED_STATUSES",
    "Account",
    "AutomatedBackup",
    "Backup",
    "Location",
    "Plugin",
    "Report",
    "Site",
    "Task",
    "TaskHandle",
    "Theme",
    "WPCLIResult",
]
