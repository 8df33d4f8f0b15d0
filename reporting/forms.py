from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Connection
from reporting.models import ReportSchedule
from reporting.validators import parse_recipients, timezone_names, validate_recipients, validate_timezone


class RecipientsField(forms.CharField):
    """Email addresses typed one per line or separated by commas; cleans to a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        return parse_recipients(super().to_python(value))

    def validate(self, value):
        validate_recipients(value)


class ReportScheduleForm(forms.ModelForm):
    """Create or edit a weekly report schedule for one of the team's connections."""

    recipients = RecipientsField(
        label=_("Recipients"),
        help_text=_("Email addresses, one per line or separated by commas."),
    )
    timezone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        validators=[validate_timezone],
        widget=forms.TextInput(attrs={"list": "report-timezones", "autocomplete": "off"}),
        help_text=_("An IANA time zone name such as Europe/Berlin, America/New_York or Asia/Shanghai."),
    )

    class Meta:
        model = ReportSchedule
        fields = ["connection", "recipients", "weekday", "hour", "timezone", "language", "enabled"]
        help_texts = {
            "weekday": _("Day of the week on which the report is sent, in the schedule's time zone."),
            "language": _("Language of the report email."),
            "enabled": _("Clear to stop sending without deleting the schedule."),
        }

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.team = team
        self.fields["connection"].queryset = Connection.objects.filter(team=team).order_by("label", "pk")
        self.fields["connection"].empty_label = None
        self.fields["connection"].error_messages["invalid_choice"] = _(
            "Connection %(value)s is not one of your team's connections. Choose one from the list."
        )
        self.fields["timezone"].strip = True

        for field in self.fields.values():
            field.widget.attrs.setdefault("class", _css_class(field.widget))

    @staticmethod
    def timezone_choices():
        return sorted(timezone_names())


def _css_class(widget):
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


DURATION_LABELS = {
    "30m": _("Last 30 minutes"), "1h": _("Last hour"), "6h": _("Last 6 hours"), "12h": _("Last 12 hours"),
    "24h": _("Last 24 hours"), "72h": _("Last 3 days"), "7d": _("Last 7 days"), "30d": _("Last 30 days"),
}

# The longest range an account report page asks for; the API has no documented limit.
MAX_RANGE_DAYS = 366


class DurationForm(forms.Form):
    """The time window of a site report, as the `duration` enum that the report operations accept."""

    duration = forms.ChoiceField(label=_("Time range"), choices=list(DURATION_LABELS.items()))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duration"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["duration"].error_messages["invalid_choice"] = _(
            "%(value)s is not a valid time range. Choose one of 30m, 1h, 6h, 12h, 24h, 72h, 7d or 30d."
        )


class DateRangeForm(forms.Form):
    """The first and last day (inclusive) of an account report, as date_from and date_to."""

    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-sm"

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to:
            if date_to < date_from:
                raise forms.ValidationError(_("The end date %(to)s is before the start date %(from)s."),
                                            params={"to": date_to, "from": date_from})
            if (date_to - date_from).days >= MAX_RANGE_DAYS:
                raise forms.ValidationError(_("Choose a range of at most %(days)s days."),
                                            params={"days": MAX_RANGE_DAYS})
        return cleaned
