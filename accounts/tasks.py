import logging

from celery import shared_task
from django.utils import timezone

from accounts.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


@shared_task(name="accounts.record_worker_heartbeat", bind=True, ignore_result=True)
def record_worker_heartbeat(self):
    """Store the time this worker last ran a task, keyed by the worker's node name.

    Beat schedules this task every WORKER_HEARTBEAT_SECONDS (30 by default), so a fresh row proves
    that beat, the broker and at least one worker all work. /healthz reads these rows.
    """
    name = self.request.hostname or "unknown-worker"
    WorkerHeartbeat.objects.update_or_create(name=name[:100], defaults={"seen_at": timezone.now()})
    logger.debug("Recorded heartbeat for worker %s", name)
