"""The per-account cap on bulk work, kept in the database so it applies across worker processes.

Each connection has ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT UpstreamSlot rows. A worker claims one
with a conditional UPDATE (`holder IS NULL` -> the item) before it calls Rocket.net for an item,
and frees it afterwards. The database applies each UPDATE atomically, on SQLite and on PostgreSQL,
so two workers never hold the same slot, however many processes run.

NOTE: slots belong to a connection, not to a Rocket.net login. Two connections to the same account
(say, of two teams) each get their own slots, so that account may see twice the cap.
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


def _ensure_slots(connection_id, size):
    existing = set(
        UpstreamSlot.objects.filter(connection_id=connection_id, number__lt=size).values_list("number", flat=True)
    )
    for number in range(size):
        if number in existing:
            continue
        try:
            with transaction.atomic():
                UpstreamSlot.objects.create(connection_id=connection_id, number=number)
        except IntegrityError:
            # Another worker created this slot at the same moment, which is just as good.
            pass


def free_stale_slots(connection_id, *, now=None):
    """Free slots left behind by workers that died; return how many were freed."""
    now = now or timezone.now()
    unused_cutoff = now - datetime.timedelta(seconds=UNUSED_SLOT_GRACE_SECONDS)
    lease_cutoff = now - datetime.timedelta(seconds=SLOT_LEASE_SECONDS)

    held = UpstreamSlot.objects.filter(connection_id=connection_id, holder__isnull=False)
    abandoned = held.filter(claimed_at__lt=unused_cutoff).exclude(holder__status=ItemStatus.RUNNING)
    expired = held.filter(claimed_at__lt=lease_cutoff)

    freed = 0
    for slot in list(abandoned) + list(expired):
        # Conditional on the same holder and claim time, so a slot re-claimed meanwhile stays taken.
        freed += UpstreamSlot.objects.filter(pk=slot.pk, holder_id=slot.holder_id, claimed_at=slot.claimed_at).update(
            holder=None, claimed_at=None,
        )
    if freed:
        logger.warning("Freed %s stale bulk slot(s) of connection %s", freed, connection_id)
    return freed


def claim_slot(item):
    """Claim a free slot of the item's connection for it; return the slot's pk, or None when all are taken."""
    size = slot_count()
    _ensure_slots(item.connection_id, size)
    free_stale_slots(item.connection_id)

    free = UpstreamSlot.objects.filter(connection_id=item.connection_id, number__lt=size, holder__isnull=True)
    for slot_pk in free.values_list("pk", flat=True):
        claimed = UpstreamSlot.objects.filter(pk=slot_pk, holder__isnull=True).update(
            holder=item, claimed_at=timezone.now(),
        )
        if claimed:
            return slot_pk
    return None


def release_slot(slot_pk):
    UpstreamSlot.objects.filter(pk=slot_pk).update(holder=None, claimed_at=None)


def free_slot_count(connection_id):
    """Return how many slots of the connection are free now (an estimate: others may claim them next)."""
    size = slot_count()
    held = UpstreamSlot.objects.filter(connection_id=connection_id, number__lt=size, holder__isnull=False).count()
    return max(0, size - held)
