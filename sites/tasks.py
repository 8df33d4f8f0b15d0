"""Celery tasks for jobs. They take ids only: brokers, logs and monitors show task arguments."""

import logging

from celery import shared_task
from django.utils.translation import gettext as _

from rocketnet.errors import RateLimitedError, RocketNetError
from sites import services

logger = logging.getLogger(__name__)

MAX_TRANSIENT_RETRIES = 6
MAX_RETRY_DELAY_SECONDS = 300


def retry_delay(retries, error):
    """Return seconds to wait before retry number `retries` + 1: 10 s doubling up to 5 minutes."""
    delay = min(MAX_RETRY_DELAY_SECONDS, 10 * 2**retries)
    if isinstance(error, RateLimitedError) and error.retry_after:
        delay = min(MAX_RETRY_DELAY_SECONDS, max(delay, error.retry_after))
    return delay


@shared_task(bind=True, name="sites.run_job", max_retries=MAX_TRANSIENT_RETRIES, acks_late=True)
def run_job(self, job_id):
    """Run one job to its end. A redelivered message resumes the stored upstream task."""
    try:
        services.run_job(job_id)
    except RocketNetError as error:
        # services.run_job raises only retryable errors; the rest already failed the job.
        if self.request.retries >= self.max_retries:
            services.mark_failed(job_id, _("Rocket.net kept failing after %(count)d retries: %(error)s")
                                 % {"count": self.max_retries, "error": error})
            return

        countdown = retry_delay(self.request.retries, error)
        logger.warning("Job %s hit a transient error (%s); retry %s in %s s",
                       job_id, error, self.request.retries + 1, countdown)
        raise self.retry(exc=error, countdown=countdown)


@shared_task(name="sites.sweep_stuck_jobs")
def sweep_stuck_jobs():
    return services.sweep_stuck_jobs()


# Celery's autodiscovery imports sites.tasks only; this registers the bulk job tasks too.
from sites.bulk import tasks as bulk_tasks  # noqa: E402,F401
