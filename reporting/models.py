"""Report subscriptions and the record of every report sent or attempted."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reporting import scheduling
from reporting.validators import validate_recipients, validate_timezone


class Frequency(models.TextChoices):
    # NOTE: only weekly exists so far; a monthly frequency needs its own next-send and period rules in scheduling.py.
    WEEKLY = scheduling.WEEKLY, _("Weekly")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ReportLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SIMPLIFIED_CHINESE = "zh-hans", _("Simplified Chinese")


class ReportSchedule(models.Model):
    """A connection's subscription to a periodic report email."""

    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="report_schedules")
    connection = models.ForeignKey(
        "accounts.Connection", on_delete=models.CASCADE, related_name="report_schedules"
    )
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency, default=Frequency.WEEKLY)
    recipients = models.JSONField(_("recipients"), default=list, validators=[validate_recipients])
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday, default=Weekday.MONDAY)
    hour = models.PositiveSmallIntegerField(
        _("hour"),
        default=8,
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
        help_text=_("Hour of the day, in the schedule's time zone, at which the report is sent."),
    )
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC", validators=[validate_timezone])
    language = models.CharField(
        _("language"), max_length=8, choices=ReportLanguage, default=ReportLanguage.ENGLISH
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    next_send_at = models.DateTimeField(
        _("next send time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("UTC instant of the next scheduled send, empty while the schedule is disabled."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["connection__label", "pk"]
        verbose_name = _("report schedule")
        verbose_name_plural = _("report schedules")

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} report for {self.connection}"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def compute_next_send_at(self, after: dt.datetime) -> dt.datetime | None:
        """Return the first send time strictly after `after`, or None while disabled."""
        if not self.enabled:
            return None
        return scheduling.next_weekly_send(self.weekday, self.hour, self.zone, after)


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class DeliveryTrigger(models.TextChoices):
    SCHEDULE = "schedule", _("Schedule")
    MANUAL = "manual", _("Send now")


class ReportDelivery(models.Model):
    """One report for one period, claimed before sending.

    The (schedule, period_key) pair is unique, so a second beat process or a repeated
    claim for the same period fails on insert instead of sending a second email.
    """

    schedule = models.ForeignKey(ReportSchedule, on_delete=models.CASCADE, related_name="deliveries")
    trigger = models.CharField(max_length=16, choices=DeliveryTrigger, default=DeliveryTrigger.SCHEDULE)
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    period_key = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=DeliveryStatus, default=DeliveryStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    recipients = models.JSONField(default=list)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "period_key"], name="reporting_delivery_once_per_period"),
        ]
        verbose_name = _("report delivery")
        verbose_name_plural = _("report deliveries")

    def __str__(self) -> str:
        return f"{self.period_key} for schedule {self.schedule_id} ({self.status})"

    @property
    def period(self) -> scheduling.Period:
        return scheduling.Period(start=self.period_start, end=self.period_end, key=self.period_key)
