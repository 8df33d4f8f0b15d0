"""Staging sites: read the staging state of a site and queue create, publish and delete jobs."""

from accounts.audit import record_action
from accounts.models import AuditResult
from sites import services as job_services
from sites.models import ACTIVE_STATUSES, Job, JobKind

STAGING_KINDS = (JobKind.STAGING_CREATE, JobKind.STAGING_PUBLISH, JobKind.STAGING_DELETE)
JOBS_SHOWN = 10


def staging_jobs(team, connection, site_id, *, limit=JOBS_SHOWN):
    """Return the latest staging jobs of one site, newest first."""
    return list(Job.objects.filter(team=team, connection=connection, site_id=site_id, kind__in=STAGING_KINDS)
                .select_related("created_by")[:limit])


def active_staging_job(team, connection, site_id):
    """Return a queued or running staging job of the site, or None."""
    return (Job.objects.filter(team=team, connection=connection, site_id=site_id, kind__in=STAGING_KINDS,
                               status__in=list(ACTIVE_STATUSES)).order_by("created_at").first())


def queue_staging_job(*, request, ctx, kind, params, action):
    """Create the job, write the audit row with result QUEUED, and return the job."""
    job = job_services.create_job(connection=ctx.connection, site_id=ctx.site_id, site_label=ctx.site_label,
                                  kind=kind, params=params, user=request.user)
    record_action(team=request.team, user=request.user, action=action, result=AuditResult.QUEUED,
                  connection=ctx.connection, site_id=ctx.site_id, site_label=ctx.site_label,
                  target=ctx.site.domain or ctx.site_label, detail={"job": job.pk, **params})
    return job
