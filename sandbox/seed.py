"""Deterministic seed data: two agency accounts, their sites, backups and past tasks.

The same ``seed`` always yields the same sites, labels, locations, disk usage,
staging sites, backups and task history.
"""

import uuid

from .clock import iso_timestamp
from .models import Account, Backup, Location
from .tasks import Task

DAY = 24 * 3600

LOCATIONS = [
    Location(1, "US - Ashburn", "United States"),
    Location(2, "US - Phoenix", "United States"),
    Location(3, "US - Chicago", "United States"),
    Location(4, "EU - Frankfurt", "Europe"),
    Location(5, "EU - Amsterdam", "Europe"),
    Location(6, "UK - London", "Europe"),
    Location(7, "AP - Singapore", "Asia Pacific"),
    Location(8, "AU - Sydney", "Oceania"),
    Location(21, "US - Ashburn (Enterprise)", "United States", restricted=True),
    Location(22, "EU - Frankfurt (Enterprise)", "Europe", restricted=True),
]

ACCOUNTS = [
    {
        "email": "agency-one@example.com",
        "firstname": "Avery",
        "lastname": "Stone",
        "company": "Stone & Partners Digital",
        "plan": "Agency 25",
        "site_limit": 25,
        "sites": [
            ("Bright Bakery", "brightbakery.com"),
            ("Harbor Dental", "harbordental.co"),
            ("Northwind Outfitters Shop", "shop.northwindoutfitters.com"),
            ("Lumen Law Blog", "lumenlaw.com"),
            ("Maple & Co Portfolio", "mapleandco.studio"),
            ("Trailhead Running Club", "trailheadrunning.org"),
            ("Copper Kettle Cafe", "copperkettlecafe.com"),
        ],
    },
    {
        "email": "agency-two@example.com",
        "firstname": "Jordan",
        "lastname": "Reyes",
        "company": "Reyes Web Studio",
        "plan": "Agency 10",
        "site_limit": 10,
        "sites": [
            ("Atlas Fitness", "atlasfitness.net"),
            ("Blue Fern Florist", "bluefernflorist.com"),
            ("Quill Publishing", "quillpublishing.com"),
            ("Summit Realty", "summitrealty.co"),
            ("Orbit Coffee Roasters", "orbitcoffee.co"),
        ],
    },
]

PAST_TASK_TYPES = ["backup", "clone_site", "restore", "staging", "publish"]


def seeded_uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def site_fields(rng, label, domain, location, created_at, disk_usage_kb=None):
    """Return the constructor fields of a new site, with generated server details."""
    cdn_number = rng.randint(10_000_000, 99_999_999)
    if disk_usage_kb is None:
        disk_usage_kb = rng.randint(150_000, 9_500_000)

    return {
        "label": label,
        "domain": domain or f"{cdn_number}p.onrocket.site",
        "location": location,
        "disk_usage_kb": disk_usage_kb,
        "created_at": created_at,
        "rocket_url": f"{cdn_number}p.onrocket.site",
        "sftp_username": "user" + "".join(rng.choice("abcdef0123456789") for _ in range(8)),
        # Documentation range (RFC 5737): looks real, routes nowhere.
        "ftp_ip_address": f"192.0.2.{rng.randint(10, 250)}",
    }


def seed_accounts(state, rng):
    public_locations = [location for location in LOCATIONS if not location.restricted]

    for number, spec in enumerate(ACCOUNTS, start=1):
        account = Account(
            id=number,
            email=spec["email"],
            password=state.password,
            firstname=spec["firstname"],
            lastname=spec["lastname"],
            company=spec["company"],
            plan=spec["plan"],
            site_limit=spec["site_limit"],
            uuid=f"00000000-0000-4000-8000-{number:012d}",
        )
        state.accounts[account.email] = account

        for label, domain in spec["sites"]:
            _seed_site(state, rng, account, label, domain, rng.choice(public_locations))

    _seed_pending_transfer(state, rng)


def _seed_pending_transfer(state, rng):
    """Open a transfer of the second account's last site to the first account.

    The first account then has one incoming transfer to accept or reject. The record has the
    shape that POST /v1/sites/{id}/transfer stores.
    """
    sender = state.accounts[ACCOUNTS[1]["email"]]
    recipient = state.accounts[ACCOUNTS[0]["email"]]
    site = state.sites_of(sender)[-1]
    created_at = iso_timestamp(state.now() - 2 * DAY)
    site.extras["transfers"] = {}
    transfer_id = seeded_uuid(rng)
    site.extras["transfers"][transfer_id] = {
        "id": transfer_id,
        "from_email": sender.email,
        "from_user": {"firstname": sender.firstname, "lastname": sender.lastname},
        "to_email": recipient.email,
        "status": "created",
        "created_at": created_at,
        "updated_at": created_at,
    }


def _seed_site(state, rng, account, label, domain, location):
    now = state.now()
    created_at = now - rng.randint(30, 900) * DAY
    site = state.add_site(account, **site_fields(rng, label, domain, location, created_at))

    if rng.random() < 0.4:
        _seed_staging(state, rng, account, site)

    for _ in range(rng.randint(0, 3)):
        _seed_backup(state, rng, site)

    for _ in range(rng.randint(1, 4)):
        started_at = now - rng.randint(1, 60) * DAY - rng.randint(0, DAY)
        failed = rng.random() < 0.15
        state.add_past_task(
            site.id,
            rng.choice(PAST_TASK_TYPES),
            started_at,
            seeded_uuid(rng),
            fail_message="Disk quota exceeded while copying files" if failed else None,
        )


def _seed_staging(state, rng, account, site):
    fields = site_fields(rng, f"{site.label} (staging)", None, site.location,
                         site.created_at + rng.randint(1, 20) * DAY,
                         disk_usage_kb=site.disk_usage_kb)
    staging = state.add_site(account, production_id=site.id, **fields)
    site.staging_id = staging.id


def _seed_backup(state, rng, site):
    created_at = state.now() - rng.randint(1, 90) * DAY
    task = Task(site_id=site.id, task_type="backup", started_at=created_at,
                duration=60.0, id=seeded_uuid(rng), settled=True)
    state.tasks[task.id] = task

    backup_id = state.next_backup_id()
    site.backups[backup_id] = Backup(
        id=backup_id,
        site_id=site.id,
        label=rng.choice(["Before plugin updates", "Weekly manual backup",
                          "Before theme change", "Pre-launch snapshot"]),
        created_at=created_at,
        status="DONE",
        task_id=task.id,
    )
