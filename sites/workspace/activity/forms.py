import re

from django import forms
from django.utils.translation import gettext_lazy as _

PER_PAGE_CHOICES = [(25, "25"), (50, "50"), (100, "100")]
DEFAULT_PER_PAGE = 25
# Event ids become part of the event's URL (/activity/events/{event_id}), so only URL-safe ids are sent.
EVENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")


class ActivityFilterForm(forms.Form):
    author = forms.CharField(label=_("Author"), required=False, max_length=200)
    event_type = forms.CharField(label=_("Event type"), required=False, max_length=100,
                                 help_text=_("For example plugin, post, user or theme."))
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ip = forms.GenericIPAddressField(label=_("IP address"), required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    per_page = forms.TypedChoiceField(label=_("Per page"), choices=PER_PAGE_CHOICES, coerce=int, required=False,
                                      empty_value=DEFAULT_PER_PAGE)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "activity_%s")
        super().__init__(*args, **kwargs)
        self.fields["per_page"].error_messages["invalid_choice"] = _(
            "%(value)s is not one of the offered values. Pick one from the list."
        )
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = _("Enter a date like 2026-11-30.")
        self.fields["ip"].error_messages["invalid"] = _("Enter a valid IPv4 or IPv6 address, like 198.51.100.7.")
        for field in self.fields.values():
            css = "form-select form-select-sm" if isinstance(field.widget, forms.Select) else "form-control form-control-sm"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", forms.ValidationError(
                _("The end date %(end)s is before the start date %(start)s. Swap them or pick a later end date."),
                code="reversed", params={"start": start.isoformat(), "end": end.isoformat()},
            ))
        return cleaned

    def query(self):
        """Return the filters as keyword arguments of list_activity_events, leaving out empty ones."""
        data = self.cleaned_data
        query = {
            "author": data["author"].strip() or None,
            "event_type": data["event_type"].strip() or None,
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "ip": data["ip"] or None,
        }
        return {name: value for name, value in query.items() if value is not None}


def clean_event_id(value):
    event_id = (value or "").strip()
    if not EVENT_ID_PATTERN.match(event_id):
        raise forms.ValidationError(
            _("“%(value)s” is not an activity event ID: IDs contain only letters, digits, dots, dashes and underscores."),
            code="invalid_event", params={"value": event_id},
        )
    return event_id


class EventIdField(forms.CharField):
    def clean(self, value):
        return clean_event_id(super().clean(value))


class DeleteEventForm(forms.Form):
    event = EventIdField(widget=forms.HiddenInput, max_length=100)
    confirm = forms.BooleanField(label=_("Yes, delete this event"), required=True,
                                 widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))


class EventForm(forms.Form):
    event = EventIdField(max_length=100)


class SwitchForm(forms.Form):
    """The enable or disable button; it has no fields, and API errors are shown on it."""
