import re

from django import forms
from django.utils.translation import gettext_lazy as _

from rocketnet.services._common import DURATIONS

DURATION_LABELS = {
    "30m": _("Last 30 minutes"), "1h": _("Last hour"), "6h": _("Last 6 hours"), "12h": _("Last 12 hours"),
    "24h": _("Last 24 hours"), "72h": _("Last 3 days"), "7d": _("Last 7 days"), "30d": _("Last 30 days"),
}
DEFAULT_DURATION = "24h"
# The values the access log operation accepts for cache_status and device_type.
CACHE_STATUSES = ("hit", "miss", "dynamic", "expired", "bypass", "stable", "none")
DEVICE_TYPES = ("desktop", "mobile", "tablet")
PER_PAGE_CHOICES = [(25, "25"), (50, "50"), (100, "100")]
DEFAULT_PER_PAGE = 50
HOSTNAME_PATTERN = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}$")


class AccessLogFilterForm(forms.Form):
    duration = forms.ChoiceField(label=_("Time range"), choices=[(value, DURATION_LABELS[value]) for value in DURATIONS])
    domain = forms.CharField(label=_("Domain"), required=False, max_length=253)
    ip = forms.GenericIPAddressField(label=_("Client IP"), required=False)
    cache_status = forms.ChoiceField(label=_("Cache status"), required=False,
                                     choices=[("", _("Any"))] + [(value, value) for value in CACHE_STATUSES])
    status_code = forms.IntegerField(label=_("Status code"), required=False, min_value=100, max_value=599)
    device_type = forms.ChoiceField(label=_("Device"), required=False,
                                    choices=[("", _("Any"))] + [(value, value) for value in DEVICE_TYPES])
    uri = forms.CharField(label=_("URI contains"), required=False, max_length=500)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, widget=forms.HiddenInput)
    per_page = forms.TypedChoiceField(label=_("Per page"), choices=PER_PAGE_CHOICES, coerce=int, required=False,
                                      empty_value=DEFAULT_PER_PAGE)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "logs_%s")
        super().__init__(*args, **kwargs)
        self.fields["duration"].error_messages["required"] = _("Choose a time range: the access log is read for one window.")
        for name in ("duration", "cache_status", "device_type", "per_page"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "%(value)s is not one of the offered values. Pick one from the list."
            )
        self.fields["ip"].error_messages["invalid"] = _("Enter a valid IPv4 or IPv6 address, like 203.0.113.7.")
        for field in self.fields.values():
            css = "form-select form-select-sm" if isinstance(field.widget, forms.Select) else "form-control form-control-sm"
            field.widget.attrs.setdefault("class", css)

    def clean_domain(self):
        value = self.cleaned_data["domain"].strip().lower()
        if value and not HOSTNAME_PATTERN.match(value):
            raise forms.ValidationError(
                _("“%(value)s” is not a domain name: enter a host like www.example.com, without https:// or a path."),
                code="invalid_domain", params={"value": value},
            )
        return value

    def query(self):
        """Return the filters as keyword arguments of list_access_logs, leaving out empty ones."""
        data = self.cleaned_data
        query = {
            "duration": data["duration"],
            "domain": data["domain"] or None,
            "ip": data["ip"] or None,
            "cache_status": data["cache_status"] or None,
            "status_code": str(data["status_code"]) if data["status_code"] is not None else None,
            "device_type": data["device_type"] or None,
            "uri": data["uri"].strip() or None,
        }
        return {name: value for name, value in query.items() if value is not None}
