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
