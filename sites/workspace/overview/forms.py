import datetime
import json

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The API rejects longer labels and date ranges.
SITE_LABEL_MAX_LENGTH = 255
USAGE_MAX_DAYS = 366
USAGE_DEFAULT_DAYS = 30


class UsageRangeForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}))
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}))

    @classmethod
    def from_query(cls, query):
        """Bind to the query string, or to the last USAGE_DEFAULT_DAYS days when it names no dates."""
        if "date_from" in query or "date_to" in query:
            return cls(query)
        today = timezone.localdate()
        start = today - datetime.timedelta(days=USAGE_DEFAULT_DAYS - 1)
        return cls({"date_from": start.isoformat(), "date_to": today.isoformat()})

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(
                _("The start date %(start)s is after the end date %(end)s: swap them.") % {"start": start, "end": end},
                code="reversed",
            )
        if start and end and (end - start).days + 1 > USAGE_MAX_DAYS:
            raise forms.ValidationError(
                _("The range covers %(days)d days; choose at most %(max)d.")
                % {"days": (end - start).days + 1, "max": USAGE_MAX_DAYS},
                code="too_long",
            )
        return cleaned


class SiteEditForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=SITE_LABEL_MAX_LENGTH,
                            widget=forms.TextInput(attrs={"class": "form-control"}))
    metadata = forms.CharField(
        label=_("Metadata (JSON object)"), required=False,
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control font-monospace"}),
        help_text=_('Free-form data kept with the site, as a JSON object such as {"client": "ACME", "tier": "gold"}. '
                    "Leave empty for none."),
    )

    def clean_metadata(self):
        text = self.cleaned_data["metadata"].strip()
        if not text:
            return {}
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("Metadata is not valid JSON (line %(line)d, column %(column)d: %(problem)s). "
                  'Enter an object such as {"client": "ACME"}.')
                % {"line": error.lineno, "column": error.colno, "problem": error.msg},
                code="invalid_json",
            ) from None
        if not isinstance(value, dict):
            raise forms.ValidationError(
                _('Metadata must be a JSON object such as {"client": "ACME"}, not %(value)s.') % {"value": text[:80]},
                code="not_object",
            )
        return value


class SiteDeleteForm(forms.Form):
    confirm_name = forms.CharField(
        label=_("Type the site's label or domain to confirm"), strip=False,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
        error_messages={"required": _("Type the site's label or domain to confirm the deletion.")},
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.accepted = [value for value in (site.label, site.domain) if value]

    def clean_confirm_name(self):
        typed = self.cleaned_data["confirm_name"]
        if typed not in self.accepted:
            raise forms.ValidationError(
                _("“%(typed)s” does not match. Type the label or the domain exactly as shown: %(names)s.")
                % {"typed": typed, "names": " / ".join(f"“{name}”" for name in self.accepted)},
                code="mismatch",
            )
        return typed
