"""Report subscriptions and the record of every report sent or attempted."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reporting import scheduling
from reporting.validators import (
    validate_accent_colour,
    validate_external_recipients,
    validate_https_url,
    validate_site_ids,
    validate_timezone,
)


class Frequency(models.TextChoices):
    WEEKLY = scheduling.WEEKLY, _("Weekly")
    MONTHLY = scheduling.MONTHLY, _("Monthly")


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
    site_ids = models.JSONField(
        _("sites"), default=list, blank=True, validators=[validate_site_ids],
        help_text=_("Rocket.net IDs of the sites the report covers; empty means every site of the connection."),
    )
    recipients = models.JSONField(
        _("external recipients"), default=list, blank=True, validators=[validate_external_recipients]
    )
    member_recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("team members")
    )
    day_of_month = models.PositiveSmallIntegerField(
        _("day of the month"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("For monthly reports. In a shorter month, a day past its end means the month's last day."),
    )
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
    brand_name = models.CharField(_("agency name"), max_length=120, blank=True)
    # The uploaded logo, decoded and saved again as PNG by reporting.branding, so no uploaded bytes are sent as is.
    brand_logo_png = models.BinaryField(_("logo"), blank=True, default=b"", editable=False)
    brand_logo_url = models.URLField(
        _("logo URL"), blank=True, max_length=500, validators=[validate_https_url],
        help_text=_("An https:// image URL, used when no logo is uploaded. The dashboard never fetches it."),
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#0d6efd", validators=[validate_accent_colour],
        help_text=_("Colour of headings and charts, as #RRGGBB."),
    )
    footer_text = models.TextField(_("footer text"), max_length=500, blank=True)
    site_url = models.CharField(
        max_length=300, blank=True, editable=False,
        help_text=_("Scheme and host of the dashboard when the schedule was saved; unsubscribe links point there."),
    )
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
        if self.frequency == Frequency.MONTHLY:
            return scheduling.next_monthly_send(self.day_of_month, self.hour, self.zone, after)
        return scheduling.next_weekly_send(self.weekday, self.hour, self.zone, after)

    def period_for(self, send_at: dt.datetime) -> scheduling.Period:
        """Return the period that a scheduled send at `send_at` reports on."""
        if self.frequency == Frequency.MONTHLY:
            return scheduling.monthly_period(send_at, self.zone)
        return scheduling.weekly_period(send_at, self.zone)


class DeliveryStatus(models.TextChoices):
    # A context of their own, because billing uses "Sent" as a date column and means "sent on".
    QUEUED = "queued", pgettext_lazy("report delivery status", "Queued")
    SENDING = "sending", pgettext_lazy("report delivery status", "Sending")
    SENT = "sent", pgettext_lazy("report delivery status", "Sent")
    FAILED = "failed", pgettext_lazy("report delivery status", "Failed")


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


class RecipientStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class DeliveryRecipient(models.Model):
    """One recipient of one delivery. A retry sends only to the rows still pending."""

    delivery = models.ForeignKey(ReportDelivery, on_delete=models.CASCADE, related_name="recipient_rows")
    email = models.EmailField()
    # External recipients get an unsubscribe link; team members manage their subscription in the dashboard.
    external = models.BooleanField(default=True)
    status = models.CharField(max_length=16, choices=RecipientStatus, default=RecipientStatus.PENDING)
    error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "email"], name="reporting_recipient_once_per_delivery"),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.status})"


class Unsubscribe(models.Model):
    """An external address that asked, through the email's link, to stop receiving one schedule's reports."""

    schedule = models.ForeignKey(ReportSchedule, on_delete=models.CASCADE, related_name="unsubscribes")
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["schedule", "email"], name="reporting_unsubscribe_once"),
        ]

    def __str__(self) -> str:
        return f"{self.email} left schedule {self.schedule_id}"
