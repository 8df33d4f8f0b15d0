"""Creating a site as a job: POST /v1/sites returns the site at once, then its status is followed.

Rocket.net starts no task for a new site. The new-site page creates the site itself, so that the
API's validation errors show next to the form, and queues a job that follows the site. A job
queued without a site creates it first. It stores the new id on the job row (`upstream_site_id`,
and `site_id`, which is 0 until then) right after the call, so a re-run follows that site
instead of creating a second one.
"""

import datetime
import logging

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import client_for
from rocketnet.services import sites as rocket_sites
from sites import services
from sites.models import Job, JobKind, JobStatus

logger = logging.getLogger(__name__)

# Progress shown while the site provisions, since the API reports no percentage for it.
PROVISIONING_PERC = 50


def create_site(connection, *, name, label, location, admin_username, admin_email):
    """Create the site at Rocket.net and return it; it is still provisioning (status pending)."""
    with client_for(connection) as client:
        return rocket_sites.create_site(client, name=name, label=label or None, location=location,
                                        admin_username=admin_username, admin_email=admin_email)


def queue_site_create(*, connection, user, name, label, location, location_name, admin_username, admin_email,
                      site=None):
    """Queue a site_create job that follows `site`, or that creates the site first when `site` is None.

    Without a site the job's site_id is 0 until the job has created it.
    """
    params = {
        "name": name, "label": label, "location": location, "location_name": location_name,
        "admin_username": admin_username, "admin_email": admin_email,
    }
    job = services.create_job(connection=connection, site_id=site.id if site else 0, site_label=label or name,
                              kind=JobKind.SITE_CREATE, params=params, user=user)
    if site is not None:
        Job.objects.filter(pk=job.pk).update(upstream_site_id=site.id)
        job.upstream_site_id = site.id
    return job


def record_created_site(job_id, site_id):
    """Store the new site on the running job, once; return True when this call stored it."""
    return Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).filter(
        Q(upstream_site_id__isnull=True) | Q(upstream_site_id=0)
    ).update(upstream_site_id=site_id, site_id=site_id, perc=PROVISIONING_PERC, updated_at=timezone.now()) == 1


def run_site_create(client, job, *, resumed, sleep, clock):
    """Create the site unless an earlier run did, then wait until its status is ready.

    Rocket.net errors propagate to sites.services, which retries retryable ones and fails the job
    on the rest.
    """
    site_id = job.upstream_site_id or None
    if site_id is None and resumed:
        # An earlier run may have created the site and died before storing its id: read state back
        # first, because repeating the POST would create a second site.
        site_id = _find_created_site(client, job)
        if site_id is not None:
            logger.info("Job %s adopts site %s found by its label", job.pk, site_id)
            record_created_site(job.pk, site_id)

    if site_id is None:
        site = rocket_sites.create_site(
            client, name=job.params["name"], label=job.params.get("label") or None,
            location=job.params["location"], admin_username=job.params["admin_username"],
            admin_email=job.params["admin_email"],
        )
        site_id = site.id
        if not record_created_site(job.pk, site_id):
            # NOTE: the site now exists although the job was cancelled or swept meanwhile. It is left
            # in place, because deleting a site that no user asked to delete is worse than an extra one.
            logger.warning("Job %s ended while site %s was being created; the site is kept", job.pk, site_id)
            return
        logger.info("Job %s created site %s; waiting until it is ready", job.pk, site_id)

    _wait_until_ready(client, job, site_id, sleep=sleep, clock=clock)


def _find_created_site(client, job):
    """Return the id of the newest site with the job's label created since the job started, or None."""
    label = job.params.get("label") or job.params["name"]
    since = job.started_at - datetime.timedelta(seconds=services.CLOCK_SKEW_SECONDS)
    matches = []
    for site in rocket_sites.list_sites(client, search=label):
        created = services._parse_time(site.created_at)
        if site.label == label and created is not None and created >= since:
            matches.append(site.id)
    return max(matches) if matches else None


def _wait_until_ready(client, job, site_id, *, sleep, clock):
    deadline = clock() + services.POLL_GIVE_UP_SECONDS
    delay = services.POLL_FIRST_SECONDS

    while True:
        site = rocket_sites.get_site(client, site_id)
        if site.is_ready:
            services.mark_succeeded(job.pk, {"new_site_id": site.id})
            logger.info("Job %s: site %s is ready", job.pk, site.id)
            return
        # NOTE: the API documents no failed provisioning status, so any status other than ready
        # counts as still provisioning until the time limit below.
        if not services.record_progress(job.pk, PROVISIONING_PERC):
            logger.info("Job %s was ended elsewhere while site %s provisioned; stopping", job.pk, site_id)
            return
        if clock() + delay > deadline:
            services.mark_failed(job.pk, _(
                "Site %(site)s still had status %(status)s after %(minutes)d minutes. "
                "Check it in the Rocket.net dashboard."
            ) % {"site": site_id, "status": site.status, "minutes": services.POLL_GIVE_UP_SECONDS // 60})
            return
        sleep(delay)
        delay = min(services.POLL_MAX_SECONDS, delay * services.POLL_GROWTH)
