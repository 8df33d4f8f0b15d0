"""In-memory records of the sandbox: accounts, sites and backups.

Category modules that need more per-site or per-account data keep it in the
``extras`` dict of the record under their own key, so categories can be added
without touching these classes.
"""

import uuid
from dataclasses import dataclass, field
from typing import Optional

from .clock import iso_timestamp


@dataclass
class Location:
    id: int
    location: str
    region: str
    restricted: bool = False

    def to_api(self):
        return {
            "id": self.id,
            "location": self.location,
            "region": self.region,
            "supported_site_types": [0, 1],
        }


@dataclass
class Backup:
    id: int
    site_id: int
    label: str
    created_at: float
    status: str
    task_id: str
    backup_directory: bool = True
    backup_database: bool = True

    def to_api(self, base_url=""):
        return {
            "id": self.id,
            "label": self.label,
            "download_link": f"{base_url}/v1/sites/{self.site_id}/backup/{self.id}?token={self.task_id}",
            "status": self.status,
            "created": iso_timestamp(self.created_at),
            "site_id": self.site_id,
            "task_id": self.task_id,
        }


@dataclass
class Site:
    id: int
    account_email: str
    label: str
    domain: str
    location: Location
    disk_usage_kb: int
    created_at: float
    rocket_url: str
    sftp_username: str
    ftp_ip_address: str
    status: str = "active"
    status_reason: int = 0
    production_id: int = 0
    staging_id: Optional[int] = None
    site_type: int = 0
    metadata: dict = field(default_factory=dict)
    # Who holds the lock: "clone:<task id>", "publish:<task id>", "fault" or "user" (POST /lock).
    lock_holders: set = field(default_factory=set)
    backups: dict = field(default_factory=dict)
    extras: dict = field(default_factory=dict)

    @property
    def is_locked(self):
        return bool(self.lock_holders)

    @property
    def is_staging(self):
        return self.production_id != 0

    def maindomain(self):
        """Return the main domain record, creating the default one on first use."""
        if "maindomain" not in self.extras:
            self.extras["maindomain"] = default_maindomain(self)
        return self.extras["maindomain"]

    def to_api(self, staging_site=None):
        status, reason = self.status, self.status_reason
        if any(holder.startswith("clone:") for holder in self.lock_holders):
            status, reason = "pending", 8
        elif any(holder.startswith("publish:") for holder in self.lock_holders):
            status, reason = "pending", 0
        elif self.is_locked:
            status, reason = "locked", 5

        staging = {}
        if staging_site is not None:
            staging = {"staging_id": staging_site.id, "staging_status": staging_site.status}

        return {
            "id": self.id,
            "domain": self.domain,
            "display_domain": self.domain,
            "rocket_url": self.rocket_url,
            "location": self.location.location,
            "ftp_ip_address": self.ftp_ip_address,
            "sftp_username": self.sftp_username,
            "disk_usage": self.disk_usage_kb,
            "created_at": iso_timestamp(self.created_at),
            "production": self.production_id,
            "staging": staging,
            "site_type": self.site_type,
            "label": self.label,
            "metadata": dict(self.metadata),
            "status": status,
            "status_reason": reason,
        }

    def to_api_detail(self, staging_site=None):
        detail = self.to_api(staging_site)
        detail["domains"] = [{
            "maindomain": _public_fields(self.maindomain()),
            "alternate_domain": None,
            "additional_domains": [_public_fields(alias) for alias in self.extras.get("aliases", [])],
        }]
        detail["site_users"] = []
        return detail


def _public_fields(record):
    """Drop the sandbox's own bookkeeping keys (those starting with "_") from a record."""
    return {key: value for key, value in record.items() if not key.startswith("_")}


def default_maindomain(site):
    on_cdn = site.domain == site.rocket_url
    return {
        "active_wordpress_domain": "cdn_url" if on_cdn else "live_domain",
        "base_domain": site.domain,
        "custom_ssl": None,
        "certificate_authority": "google",
        "display_domain": site.domain,
        "domain": site.domain,
        "domain_type": "subdomain" if site.domain.count(".") > 1 else "normal",
        "dns_provider": "Cloudflare",
        "hostname_status": "active",
        "ssl_status": "active",
        "show_go_live": 1 if on_cdn else 0,
        "sub_domain": "",
        "validation_method": "http",
        "validation_records": [],
    }


@dataclass
class Account:
    id: int
    email: str
    password: str
    firstname: str
    lastname: str
    company: str
    plan: str
    site_limit: int
    uuid: str = field(default_factory=lambda: str(uuid.uuid4()))
    # Raised by the token-expiry fault: tokens carrying an older generation get 401.
    token_generation: int = 0
    # Messages for the next tasks of this account, which will fail with them.
    fail_next_tasks: list = field(default_factory=list)
    # Status shown for running tasks; a fault can switch it to IN_PROGRESS.
    progress_label: str = "PROGRESS"
    # Added to every list's metadata.total by the pagination fault.
    total_offset: int = 0
    twofactor_enabled: bool = False
    tax_id: str = ""
    extras: dict = field(default_factory=dict)
