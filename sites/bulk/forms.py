import re

from django import forms
from django.utils.translation import gettext_lazy as _

from sites.bulk.models import BulkAction
from sites.bulk.versions import is_valid_version

LABEL_MAX_LENGTH = 100
SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
SLUGS_MAX = 50


def parse_slugs(text):
    """Split comma- or space-separated slugs; raise ValidationError naming the first invalid one."""
    slugs = [slug for slug in re.split(r"[\s,]+", text.strip().lower()) if slug]
    for slug in slugs:
        if not SLUG.match(slug):
            raise forms.ValidationError(
                _("“%(slug)s” is not a WordPress slug: use lower-case letters, digits, dots, hyphens and "
                  "underscores, for example akismet or woocommerce."), code="invalid_slug", params={"slug": slug},
            )
    if len(slugs) > SLUGS_MAX:
        raise forms.ValidationError(_("Enter at most %(max)d slugs; you entered %(count)d."), code="too_many",
                                    params={"max": SLUGS_MAX, "count": len(slugs)})
    return list(dict.fromkeys(slugs))


class BulkActionForm(forms.Form):
    """The action of a new bulk job and its inputs. `settings` is the schema from changeable_settings()."""

    action = forms.ChoiceField(label=_("Action"), choices=BulkAction.choices, widget=forms.RadioSelect)
    slugs = forms.CharField(
        label=_("Slugs"), required=False,
        help_text=_("Plugin or theme slugs separated by commas, such as akismet, woocommerce. "
                    "Leave empty to update every plugin or theme that has an update available."),
    )
    backup_label = forms.CharField(label=_("Backup label"), max_length=LABEL_MAX_LENGTH, required=False)
    setting = forms.ChoiceField(label=_("Setting"), required=False)
    value = forms.CharField(label=_("New value"), required=False, max_length=50,
                            help_text=_("One of the values listed next to the setting."))

    def __init__(self, *args, settings=None, settings_error="", **kwargs):
        super().__init__(*args, **kwargs)
        self.settings = settings or {}
        self.settings_error = settings_error
        self.fields["setting"].choices = [("", "---")] + [
            (name, f"{name}: {description}") for name, (description, _options) in self.settings.items()
        ]
        for name in ("slugs", "backup_label", "value"):
            self.fields[name].widget.attrs.update({"class": "form-control"})
        self.fields["setting"].widget.attrs.update({"class": "form-select"})

    def clean_slugs(self):
        return parse_slugs(self.cleaned_data["slugs"])

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == BulkAction.CREATE_BACKUP and not cleaned.get("backup_label", "").strip():
            self.add_error("backup_label", _("Enter a label for the backups, such as “Before the June updates”."))
        if action == BulkAction.CHANGE_SETTING:
            self._clean_setting(cleaned)
        return cleaned

    def _clean_setting(self, cleaned):
        if self.settings_error:
            raise forms.ValidationError(self.settings_error, code="no_schema")
        name = cleaned.get("setting")
        if not name:
            self.add_error("setting", _("Choose the setting to change."))
            return

        raw = cleaned.get("value", "").strip()
        _description, options = self.settings[name]
        for value, _label in options:
            if str(value) == raw:
                cleaned["typed_value"] = value
                return
        allowed = ", ".join(f"{value} ({label})" for value, label in options)
        self.add_error("value", _("“%(value)s” is not a value of %(setting)s. Use one of: %(allowed)s.") % {
            "value": raw, "setting": name, "allowed": allowed})

    def job_params(self):
        """Return the bulk job's params for the chosen action: only the inputs that action uses."""
        action = self.cleaned_data["action"]
        if action in (BulkAction.UPDATE_PLUGINS, BulkAction.UPDATE_THEMES):
            return {"slugs": self.cleaned_data["slugs"]}
        if action == BulkAction.CREATE_BACKUP:
            return {"label": self.cleaned_data["backup_label"].strip()}
        if action == BulkAction.CHANGE_SETTING:
            return {"setting": self.cleaned_data["setting"], "value": self.cleaned_data["typed_value"]}
        return {}


class PluginSearchForm(forms.Form):
    slug = forms.CharField(label=_("Plugin slug"), max_length=100,
                           widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "akismet"}))
    below = forms.CharField(
        label=_("Below version (optional)"), required=False, max_length=30,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "5.9"}),
        help_text=_("Show only sites whose installed version is lower than this, such as 5.9 or 6.4.2."),
    )

    def clean_slug(self):
        slugs = parse_slugs(self.cleaned_data["slug"])
        if len(slugs) != 1:
            raise forms.ValidationError(_("Enter one plugin slug, such as akismet."), code="one_slug")
        return slugs[0]

    def clean_below(self):
        below = self.cleaned_data["below"].strip()
        if below and not is_valid_version(below):
            raise forms.ValidationError(
                _("“%(value)s” is not a version number: use digits separated by dots, such as 5.9 or 6.4.2."),
                code="invalid_version", params={"value": below},
            )
        return below
