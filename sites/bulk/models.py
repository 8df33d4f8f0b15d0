"""Bulk jobs: one action run on many sites across connections, with one item per site.

Imported from sites.models, so these models belong to the `sites` app and its migrations.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Connection, Team
from sites.bulk import messages


class BulkAction(models.TextChoices):
    PURGE_CACHE = "purge_cache", _("Purge the whole CDN cache")
    UPDATE_PLUGINS = "update_plugins", _("Update plugins")
    UPDATE_THEMES = "update_themes", _("Update themes")
    CREATE_BACKUP = "create_backup", _("Create a backup")
    CHANGE_SETTING = "change_setting", _("Change a site setting")


class ItemStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")
    SKIPPED = "skipped", _("Skipped")


ITEM_ACTIVE_STATUSES = (ItemStatus.QUEUED, ItemStatus.RUNNING)
ITEM_FINAL_STATUSES = (ItemStatus.SUCCEEDED, ItemStatus.FAILED, ItemStatus.CANCELLED, ItemStatus.SKIPPED)


class BulkJob(models.Model):
    """One action on many sites. Its progress is the sum of its current items' statuses.

    `params` are the action's inputs (slugs, a backup label, a setting and its value) and never hold
    a secret, because they are shown on the job page and copied into audit rows.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="bulk_jobs")
    action = models.CharField(_("action"), max_length=40, choices=BulkAction.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by Cancel: items still queued then are cancelled, and no new item of this job starts.
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["team", "-created_at"], name="bulkjob_team_created")]

    def __str__(self):
        return f"{self.get_action_display()} on {self.items.count()} site(s)"


class BulkItem(models.Model):
    """One attempt of a bulk job's action on one site.

    Retrying a failed item adds a new row with `attempt` + 1 and sets `is_current` False on the
    old one, which stays as history. Status moves only through conditional UPDATEs in
    sites.bulk.services.
    """

    bulk_job = models.ForeignKey(BulkJob, on_delete=models.CASCADE, related_name="items")
    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="bulk_items")
    site_id = models.PositiveBigIntegerField(_("site ID"))
    site_label = models.CharField(_("site label"), max_length=200, blank=True)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    is_current = models.BooleanField(default=True)
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.QUEUED)
    error = models.TextField(_("error"), blank=True)
    # The same message untranslated (sites.bulk.messages.stored), when a worker wrote it, so that
    # pages show it in the viewer's language. Empty when `error` was written in a request.
    error_message = models.JSONField(default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    # A queued item does not start before this time: set while it waits for a locked site or
    # after a transient error.
    not_before = models.DateTimeField(null=True, blank=True)
    # When Rocket.net first returned "site is locked" for this attempt. The item fails once it has
    # waited sites.bulk.services.LOCKED_GIVE_UP_SECONDS from here.
    locked_since = models.DateTimeField(null=True, blank=True)
    transient_errors = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["bulk_job", "pk"]
        indexes = [
            models.Index(fields=["connection", "status", "is_current"], name="bulkitem_conn_status"),
            models.Index(fields=["bulk_job", "is_current", "status"], name="bulkitem_job_status"),
        ]

    def __str__(self):
        return f"Site {self.site_id} of bulk job {self.bulk_job_id} ({self.status})"

    @property
    def is_finished(self):
        return self.status in ITEM_FINAL_STATUSES

    @property
    def error_text(self):
        """The error or waiting reason in the active language."""
        return messages.render(self.error_message) if self.error_message else self.error

    @property
    def note_text(self):
        """Why the item was skipped, in the active language."""
        return messages.render(self.result.get("note"))


class UpstreamSlot(models.Model):
    """One of the ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT places for bulk work on one Rocket.net account.

    Slots are keyed by Connection.account_key, so every connection that logs in to the same account,
    in any team, shares them. A worker may call Rocket.net for an item only while it holds a slot of
    the item's account, claimed with a conditional UPDATE (holder NULL -> item). The database
    decides, so the cap applies across worker processes.
    """

    # accounts.models.rocketnet_account_key(): a sha256 hex digest of the API base URL and login email.
    account_key = models.CharField(max_length=64)
    number = models.PositiveSmallIntegerField()
    holder = models.ForeignKey(BulkItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account_key", "number"], name="upstreamslot_unique_account_number"),
        ]

    def __str__(self):
        return f"Slot {self.number} of account {self.account_key[:12]}"
