"""Backups of a site: manual backups, automated restore points and cloud backups.

Reads go to Rocket.net directly. Creates and restores become jobs (the job page follows the
upstream task), audited with result QUEUED. A manual backup's archive is streamed to the browser
chunk by chunk through `open_download`, never held in memory whole.
"""

import logging
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from accounts.audit import record_action
from accounts.models import AuditResult
from accounts.services import client_for
from rocketnet.errors import NotFoundError, RocketNetError
from rocketnet.services import backups, cloud_backups
from sites import selectors
from sites import services as job_services
from sites.models import Job, JobKind

logger = logging.getLogger(__name__)

BACKUP_JOB_KINDS = (JobKind.BACKUP_CREATE, JobKind.BACKUP_RESTORE, JobKind.AUTOMATED_RESTORE,
                    JobKind.CLOUD_BACKUP_CREATE, JobKind.CLOUD_BACKUP_RESTORE)
JOBS_SHOWN = 10
DOWNLOAD_CHUNK_BYTES = 64 * 1024


@dataclass
class BackupsPage:
    """The three backup lists of a site; a list that failed to load is empty, with its error in `errors`."""

    manual: list = field(default_factory=list)
    automated: list = field(default_factory=list)
    cloud: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)


def load_page(connection, site_id):
    """Return a BackupsPage with the site's three backup lists, newest first."""
    page = BackupsPage()
    loaders = {
        "manual": lambda client: backups.list_backups(client, site_id, sort="created_at", direction="desc"),
        "automated": lambda client: backups.list_automated_backups(client, site_id, sort="created_at",
                                                                   direction="desc"),
        "cloud": lambda client: [item for item in cloud_backups.list_cloud_backups(
            client, site_id, sort="created_at", direction="desc") if isinstance(item, dict)],
    }
    with client_for(connection) as client:
        for name, load in loaders.items():
            try:
                setattr(page, name, load(client))
            except RocketNetError as error:
                logger.warning("Site %s of connection %s: loading %s backups failed: %s",
                               site_id, connection.pk, name, error)
                page.errors[name] = selectors.describe_error(error)
    return page


def get_backup(connection, site_id, backup_id):
    """Return the manual backup `backup_id` of the site, or None."""
    with client_for(connection) as client:
        return next((backup for backup in backups.list_backups(client, site_id) if backup.id == backup_id), None)


def get_restore_point(connection, site_id, restore_id):
    """Return the automated restore point `restore_id` of the site, or None."""
    with client_for(connection) as client:
        points = backups.list_automated_backups(client, site_id)
    return next((point for point in points if point.recovery_point == restore_id), None)


def get_cloud_backup(connection, site_id, backup_id):
    """Return the cloud backup `backup_id` (a dict) of the site, or None."""
    try:
        with client_for(connection) as client:
            item = cloud_backups.get_cloud_backup(client, site_id, backup_id)
    except NotFoundError:
        return None
    return item if isinstance(item, dict) else None


def delete_backup(connection, site_id, backup_id):
    with client_for(connection) as client:
        backups.delete_backup(client, site_id, backup_id)


def cloud_download_link(connection, site_id, backup_id):
    """Return the temporary download link of a cloud backup."""
    with client_for(connection) as client:
        result = cloud_backups.get_cloud_backup_download_link(client, site_id, backup_id)
    link = result.get("download_link") if isinstance(result, dict) else result
    return str(link or "")


def download_token(backup):
    """Return the `token` query value of the backup's download link, or "" when it has none."""
    query = parse_qs(urlsplit(backup.download_link or "").query)
    return (query.get("token") or [""])[0]


class BackupStream:
    """The open archive download of one backup, read in chunks by StreamingHttpResponse.

    Django calls `close()` when the response ends, also when the browser goes away early, so the
    upstream response and the client's session are always released.
    """

    def __init__(self, client, response):
        self.client = client
        self.response = response
        self.content_type = response.headers.get("Content-Type") or "application/gzip"
        # Content-Length is only right for the bytes iter_content yields when nothing was decoded.
        encoded = response.headers.get("Content-Encoding")
        self.content_length = None if encoded else response.headers.get("Content-Length")

    def __iter__(self):
        return self.response.iter_content(DOWNLOAD_CHUNK_BYTES)

    def close(self):
        self.response.close()
        self.client.close()


def open_download(connection, site_id, backup):
    """Open the backup's archive upstream and return a BackupStream.

    Raises NotFoundError when the backup has no download token yet, and any RocketNetError from
    the download call; the client is closed in both cases.
    """
    token = download_token(backup)
    if not token:
        raise NotFoundError(None, [f"backup {backup.id} has no download link yet (status {backup.status})"])

    client = client_for(connection)
    try:
        response = backups.download_backup(client, site_id, backup.id, token=token)
    except BaseException:
        client.close()
        raise
    return BackupStream(client, response)


def backup_jobs(team, connection, site_id, *, limit=JOBS_SHOWN):
    """Return the latest backup and restore jobs of one site, newest first."""
    return list(Job.objects.filter(team=team, connection=connection, site_id=site_id, kind__in=BACKUP_JOB_KINDS)
                .select_related("created_by")[:limit])


def queue_job(*, request, ctx, kind, params, action, target):
    """Create the job, write the audit row with result QUEUED, and return the job."""
    job = job_services.create_job(connection=ctx.connection, site_id=ctx.site_id, site_label=ctx.site_label,
                                  kind=kind, params=params, user=request.user)
    record_action(team=request.team, user=request.user, action=action, result=AuditResult.QUEUED,
                  connection=ctx.connection, site_id=ctx.site_id, site_label=ctx.site_label,
                  target=target, detail={"job": job.pk, **params})
    return job
