"""Site templates of the account: read them, delete one, and queue the jobs that create them or sites.

Making a template and creating a site from one are account-level Rocket.net tasks, so both run as
jobs (sites.services.JOB_KINDS defines how each starts and is followed).
"""

from accounts.audit import record_action
from accounts.models import AuditResult
from accounts.services import client_for
from rocketnet.services import site_templates, sites
from sites import services as job_services
from sites.models import Job, JobKind

TEMPLATE_JOB_KINDS = (JobKind.TEMPLATE_CREATE, JobKind.TEMPLATE_SITE_CREATE)
RECENT_JOBS_SHOWN = 10


def list_templates(connection):
    with client_for(connection) as client:
        return site_templates.list_site_templates(client, sort="name", direction="asc")


def get_template(connection, template_id):
    with client_for(connection) as client:
        return site_templates.get_site_template(client, template_id)


def delete_template(connection, template_id):
    with client_for(connection) as client:
        return site_templates.delete_site_template(client, template_id)


def list_locations(connection):
    with client_for(connection) as client:
        return sites.list_locations(client)


def recent_template_jobs(team, connection, site_id):
    jobs = Job.objects.filter(team=team, connection=connection, site_id=site_id, kind__in=TEMPLATE_JOB_KINDS)
    return list(jobs[:RECENT_JOBS_SHOWN])


def queue_template_create(ctx, *, team, user, name, notes, tags):
    """Queue a job that saves the site as template `name`, and audit it as queued."""
    params = {"name": name, "notes": notes, "tags": ", ".join(tags)}
    job = job_services.create_job(connection=ctx.connection, site_id=ctx.site_id, site_label=ctx.site_label,
                                  kind=JobKind.TEMPLATE_CREATE, params=params, user=user)
    _audit_queued(ctx, job, team=team, user=user, action="templates.create", target=name)
    return job


def queue_site_from_template(ctx, *, team, user, template, name, label, location, location_name):
    """Queue a job that creates a site from `template` (a dict from the API), and audit it as queued.

    The job is filed under the workspace site it was started from, because a job needs a site.
    """
    params = {
        "template_id": template["template_id"], "template_name": template.get("name") or "",
        "name": name, "label": label or name, "location": location, "location_name": location_name,
    }
    job = job_services.create_job(connection=ctx.connection, site_id=ctx.site_id, site_label=ctx.site_label,
                                  kind=JobKind.TEMPLATE_SITE_CREATE, params=params, user=user)
    _audit_queued(ctx, job, team=team, user=user, action="templates.create_site", target=name)
    return job


def _audit_queued(ctx, job, *, team, user, action, target):
    record_action(team=team, user=user, action=action, result=AuditResult.QUEUED,
                  connection=ctx.connection, site_id=ctx.site_id, site_label=ctx.site_label, target=target,
                  detail={"job_id": job.pk, **job.params})
