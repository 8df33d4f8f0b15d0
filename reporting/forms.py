from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.dates import limit_date_inputs, validate_end_date_not_future
from accounts.models import Connection, User
from reporting.branding import normalise_logo
from reporting.models import ReportSchedule
from reporting.validators import (
    parse_recipients,
    timezone_names,
    validate_external_recipients,
    validate_https_url,
    validate_timezone,
)


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
        validate_external_recipients(value)


class ReportScheduleForm(forms.ModelForm):
    """Create or edit a report schedule for one of the team's connections.

    `site_choices` lists (connection_pk, site_id, label) for every site of the team. An empty
    selection of sites means every site of the connection.
    """

    recipients = RecipientsField(
        label=_("External recipients"),
        required=False,
        help_text=_("Email addresses outside the team, one per line or separated by commas. "
                    "Each email to them has an unsubscribe link."),
    )
    sites = forms.MultipleChoiceField(
        label=_("Sites"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to report on every site of the connection."),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A PNG, JPEG, GIF or WebP image of at most 1 MB; it is resized to fit 480 × 160 pixels."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the uploaded logo"), required=False)
    brand_logo_url = forms.URLField(
        label=_("Logo URL"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[validate_https_url],
        help_text=_("An https:// image URL, used when no logo is uploaded. The dashboard never fetches it."),
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
        fields = [
            "connection", "member_recipients", "recipients", "frequency", "weekday", "day_of_month", "hour",
            "timezone", "language", "enabled", "brand_name", "brand_logo_url", "accent_colour", "footer_text",
        ]
        widgets = {
            "member_recipients": forms.CheckboxSelectMultiple,
            "footer_text": forms.Textarea(attrs={"rows": 2}),
            "accent_colour": forms.TextInput(attrs={"type": "color"}),
        }
        labels = {"connection": _("Connection")}
        help_texts = {
            "weekday": _("For weekly reports: the day of the week on which the report is sent, in the schedule's time zone."),
            "language": _("Language of the report email."),
            "enabled": _("Clear to stop sending without deleting the schedule."),
        }

    def __init__(self, *args, team, site_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.team = team
        self.site_choices = list(site_choices)
        self.fields["sites"].choices = [
            (f"{connection_pk}:{site_id}", label) for connection_pk, site_id, label in self.site_choices
        ]
        if not self.instance.brand_logo_png:
            # There is nothing to remove until a logo is stored.
            del self.fields["remove_logo"]
        if self.instance.pk:
            self.initial["sites"] = [f"{self.instance.connection_id}:{site_id}" for site_id in self.instance.site_ids]
        self.fields["member_recipients"].queryset = (
            User.objects.filter(memberships__team=team).order_by("email").distinct()
        )
        self.fields["member_recipients"].label = _("Team members")
        self.fields["member_recipients"].help_text = _("Members of your team who receive the report.")
        self.fields["connection"].queryset = Connection.objects.filter(team=team).order_by("label", "pk")
        for name in self.OPTIONAL_WITH_DEFAULT:
            self.fields[name].required = False
        self.fields["connection"].empty_label = None
        self.fields["connection"].error_messages["invalid_choice"] = _(
            "Connection %(value)s is not one of your team's connections. Choose one from the list."
        )
        self.fields["timezone"].strip = True

        for field in self.fields.values():
            field.widget.attrs.setdefault("class", _css_class(field.widget))
        self.fields["accent_colour"].widget.attrs["class"] = "form-control form-control-color"

    # Fields added after the first version of the form default to the model's value when a
    # submission leaves them out, so older bookmarked or scripted posts stay valid.
    OPTIONAL_WITH_DEFAULT = ("frequency", "day_of_month", "accent_colour")

    def _default_for(self, name):
        value = self.cleaned_data.get(name)
        if value in (None, ""):
            return ReportSchedule._meta.get_field(name).get_default()
        return value

    def clean_frequency(self):
        return self._default_for("frequency")

    def clean_day_of_month(self):
        return self._default_for("day_of_month")

    def clean_accent_colour(self):
        return self._default_for("accent_colour")

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        return normalise_logo(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("recipients") and not cleaned.get("member_recipients") and "recipients" not in self.errors:
            self.add_error("recipients", forms.ValidationError(
                _("Enter at least one recipient email address."), code="recipients_missing"))

        connection = cleaned.get("connection")
        site_ids = []
        for value in cleaned.get("sites") or []:
            connection_pk, _separator, site_id = value.partition(":")
            if connection is None or connection_pk != str(connection.pk):
                self.add_error("sites", _("Choose only sites of the chosen connection."))
                break
            site_ids.append(int(site_id))
        cleaned["site_ids"] = site_ids
        return cleaned

    def save(self, commit=True):
        schedule = super().save(commit=False)
        schedule.site_ids = self.cleaned_data.get("site_ids", [])
        if self.cleaned_data.get("logo"):
            schedule.brand_logo_png = self.cleaned_data["logo"]
        elif self.cleaned_data.get("remove_logo"):
            schedule.brand_logo_png = b""
        if commit:
            schedule.save()
            self.save_m2m()
        return schedule

    @staticmethod
    def timezone_choices():
        return sorted(timezone_names())


def _css_class(widget):
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "list-unstyled"
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


DURATION_LABELS = {
    "30m": _("Last 30 minutes"), "1h": _("Last hour"), "6h": _("Last 6 hours"), "12h": _("Last 12 hours"),
    "24h": _("Last 24 hours"), "72h": _("Last 3 days"), "7d": _("Last 7 days"), "30d": _("Last 30 days"),
}

# The maximum range an account report page requests, because the API documents no limit.
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
    """The first and last day (inclusive) of an account report, as date_from and date_to.

    `today` is the user's local date. A range ending after it is rejected, because the API returns
    figures for a day that has not happened yet (the sandbox invents them).
    """

    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-sm"
        limit_date_inputs(self, today)

    def clean_date_to(self):
        date_to = self.cleaned_data["date_to"]
        validate_end_date_not_future(date_to, self.today)
        return date_to

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
