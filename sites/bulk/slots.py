"""The per-account cap on bulk work, kept in the database so it applies across worker processes.

Each Rocket.net account has ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT UpstreamSlot rows, keyed by
Connection.account_key, so connections of different teams that log in to the same account share
them. A worker claims one with a conditional UPDATE (`holder IS NULL` -> the item) before it calls
Rocket.net for an item, and frees it afterwards. The database applies each UPDATE atomically, on
SQLite and on PostgreSQL, so two workers never hold the same slot, however many processes run.
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from sites.bulk.models import ItemStatus, UpstreamSlot

logger = logging.getLogger(__name__)

# A slot claimed this long ago whose holder is not running was left by a worker that died between
# claiming it and starting the item, or before it could free it.
UNUSED_SLOT_GRACE_SECONDS = 60
# A slot held longer than this is freed even if its item still counts as running: the longest item
# (a backup) polls its task for at most 10 minutes.
SLOT_LEASE_SECONDS = 20 * 60


def slot_count():
    return settings.ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT


def _ensure_slots(account_key, size):
    existing = set(
        UpstreamSlot.objects.filter(account_key=account_key, number__lt=size).values_list("number", flat=True)
    )
    for number in range(size):
        if number in existing:
            continue
        try:
            with transaction.atomic():
                UpstreamSlot.objects.create(account_key=account_key, number=number)
        except IntegrityError:
            # Another worker created this slot at the same moment, which is just as good.
            pass


def free_stale_slots(account_key, *, now=None):
    """Free the account's slots left behind by workers that died, and return how many were freed."""
    now = now or timezone.now()
    unused_cutoff = now - datetime.timedelta(seconds=UNUSED_SLOT_GRACE_SECONDS)
    lease_cutoff = now - datetime.timedelta(seconds=SLOT_LEASE_SECONDS)

    held = UpstreamSlot.objects.filter(account_key=account_key, holder__isnull=False)
    abandoned = held.filter(claimed_at__lt=unused_cutoff).exclude(holder__status=ItemStatus.RUNNING)
    expired = held.filter(claimed_at__lt=lease_cutoff)

    freed = 0
    for slot in list(abandoned) + list(expired):
        # Conditional on the same holder and claim time, so a slot re-claimed meanwhile stays taken.
        freed += UpstreamSlot.objects.filter(pk=slot.pk, holder_id=slot.holder_id, claimed_at=slot.claimed_at).update(
            holder=None, claimed_at=None,
        )
    if freed:
        logger.warning("Freed %s stale bulk slot(s) of account %s", freed, account_key)
    return freed


def claim_slot(item):
    """Claim a free slot of the item's Rocket.net account for it.

    Returns the slot's pk, or None when every slot of the account is taken.
    """
    account_key = item.connection.account_key
    size = slot_count()
    _ensure_slots(account_key, size)
    free_stale_slots(account_key)

    free = UpstreamSlot.objects.filter(account_key=account_key, number__lt=size, holder__isnull=True)
    for slot_pk in free.values_list("pk", flat=True):
        claimed = UpstreamSlot.objects.filter(pk=slot_pk, holder__isnull=True).update(
            holder=item, claimed_at=timezone.now(),
        )
        if claimed:
            return slot_pk
    return None


def release_slot(slot_pk):
    UpstreamSlot.objects.filter(pk=slot_pk).update(holder=None, claimed_at=None)


def free_slot_count(account_key):
    """Return how many slots of the account are free now, an estimate because other workers may claim them next."""
    size = slot_count()
    held = UpstreamSlot.objects.filter(account_key=account_key, number__lt=size, holder__isnull=False).count()
    return max(0, size - held)
