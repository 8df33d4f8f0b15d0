from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Connection, Team


class JobKind(models.TextChoices):
    CLONE = "clone", _("Clone site")
    BACKUP_CREATE = "backup_create", _("Create backup")
    BACKUP_RESTORE = "backup_restore", _("Restore backup")
    AUTOMATED_RESTORE = "automated_restore", _("Restore an automated restore point")
    CLOUD_BACKUP_CREATE = "cloud_backup_create", _("Create cloud backup")
    CLOUD_BACKUP_RESTORE = "cloud_backup_restore", _("Restore cloud backup")
    STAGING_CREATE = "staging_create", _("Create staging site")
    STAGING_DELETE = "staging_delete", _("Delete staging site")
    STAGING_PUBLISH = "staging_publish", _("Publish staging site")
    SITE_CREATE = "site_create", _("Create site")
    TEMPLATE_CREATE = "template_create", _("Create site template")
    TEMPLATE_SITE_CREATE = "template_site_create", _("Create site from template")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)
FINAL_STATUSES = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)


class Job(models.Model):
    """A long operation on a Rocket.net site, and the record of how it went.

    Moves queued -> running -> succeeded | failed | cancelled, only through the conditional
    updates in sites.services. `params` are the operation's inputs and never hold a secret, because
    they are shown on the job page.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="jobs")
    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="jobs")
    site_id = models.PositiveBigIntegerField(_("site ID"))
    site_label = models.CharField(_("site label"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=JobKind.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    perc = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    upstream_task_id = models.CharField(_("Rocket.net task ID"), max_length=100, blank=True)
    # The site whose task list contains the upstream task, usually site_id.
    upstream_site_id = models.PositiveBigIntegerField(null=True, blank=True)
    # "site" or "account": where rocketnet looks the task up.
    upstream_task_level = models.CharField(max_length=20, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["team", "-created_at"], name="job_team_created"),
            models.Index(fields=["status", "created_at"], name="job_status_created"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of site {self.site_id} ({self.status})"

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES

    @property
    def is_finished(self):
        return self.status in FINAL_STATUSES

    @property
    def new_site_id(self):
        return self.result.get("new_site_id")


class WPCLIRun(models.Model):
    """One WP-CLI command run on a site from the workspace console, with its output.

    `succeeded` is judged from the output (no line starting with "Error:"), because the API's own
    status field is 1 even after clean runs. `command` is stored with secret-looking option values
    masked.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="wpcli_runs")
    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="wpcli_runs")
    site_id = models.PositiveBigIntegerField(_("site ID"))
    command = models.TextField(_("command"))
    output = models.TextField(_("output"), blank=True)
    succeeded = models.BooleanField(_("succeeded"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["team", "connection", "site_id", "-created"], name="wpcli_run_site_created")]

    def __str__(self):
        return f"wp {self.command} on site {self.site_id}"


# Bulk jobs live in their own module; importing them here registers them with the sites app.
from sites.bulk.models import BulkItem, BulkJob, UpstreamSlot  # noqa: E402,F401
