"""The settings form, built at runtime from the settings-schema operation.

The schema describes each setting with a description and, for choices, `options` of
{value, label}; a JSON-Schema-like `type`, `enum`, `minimum`, `maximum` or `maxLength` is
honoured too. Form fields are named after the keys the update call takes, so API errors naming
a key land on the right field.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

# Schema keys that the update call spells differently.
UPDATE_KEYS = {"current_php_version": "new_php_version"}
# Settings the update call does not take, with where to change them instead.
READ_ONLY = {"wp_activity_log": _("Turn activity logging on or off on the Activity tab.")}
# Settings the update call takes that the schema operation leaves out, described after the OpenAPI
# spec's UpdateSettingsRequest, in a sentence marked for translation.
SUPPLEMENT = {
    "wp_admin_sso_default_user_id": {
        "type": "integer", "minimum": 1,
        "description": _("ID of the WordPress user that wp-admin single sign-on logs in as."),
    },
}
LABELS = {
    "new_php_version": _("PHP version"),
    "wp_activity_log": _("WordPress activity log"),
    "wp_core_auto_updates": _("WordPress core auto-updates"),
    "wp_plugin_auto_updates": _("Plugin auto-updates"),
    "wp_theme_auto_updates": _("Theme auto-updates"),
    "ssh_access": _("SSH access"),
    "wp_admin_sso_default_user_id": _("Default wp-admin single sign-on user ID"),
}


def _choices(spec):
    options = spec.get("options")
    if isinstance(options, list) and options:
        return [(option.get("value"), option.get("label") or str(option.get("value")))
                for option in options if isinstance(option, dict) and "value" in option]
    if isinstance(spec.get("enum"), list):
        return [(value, str(value)) for value in spec["enum"]]
    return None


def _is_integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


def build_field(key, spec):
    """Return a form field for one schema entry; the API's description becomes the help text."""
    label = LABELS.get(key, key.replace("_", " ").capitalize())
    help_text = spec.get("description") or ""
    choices = _choices(spec)

    if choices:
        numeric = all(_is_integer(value) for value, _label in choices)
        field = forms.TypedChoiceField(
            label=label, help_text=help_text, coerce=int if numeric else str,
            choices=[(str(value), text) for value, text in choices],
        )
        field.error_messages["invalid_choice"] = _("%(value)s is not one of the offered values. Pick one from the list.")
        field.widget.attrs["class"] = "form-select form-select-sm"
        return field

    kind = spec.get("type")
    if kind == "integer":
        field = forms.IntegerField(label=label, help_text=help_text, min_value=spec.get("minimum"),
                                   max_value=spec.get("maximum"))
    elif kind == "boolean":
        field = forms.BooleanField(label=label, help_text=help_text, required=False)
        field.widget.attrs["class"] = "form-check-input"
        return field
    else:
        field = forms.CharField(label=label, help_text=help_text, max_length=spec.get("maxLength"))
    field.widget.attrs["class"] = "form-control form-control-sm"
    return field


def _offer_current_value(field):
    """Add the current value to a choice field whose options lack it, so saving other fields still works."""
    choices = getattr(field, "choices", None)
    if choices is None or field.initial is None:
        return
    if str(field.initial) not in {str(value) for value, _label in choices}:
        field.choices = [*choices, (str(field.initial), str(field.initial))]


class SettingsForm(forms.Form):
    """One field per setting in the schema; read-only settings are shown disabled."""

    def __init__(self, *args, schema, current, **kwargs):
        kwargs.setdefault("auto_id", "settings_%s")
        super().__init__(*args, **kwargs)
        entries = dict(schema or {})
        for key, spec in SUPPLEMENT.items():
            if key not in entries and key in current:
                entries[key] = spec

        for key, spec in entries.items():
            if not isinstance(spec, dict):
                continue
            name = UPDATE_KEYS.get(key, key)
            field = build_field(name, spec)
            if key in READ_ONLY:
                field.disabled = True
                field.help_text = READ_ONLY[key]
            field.initial = current.get(key)
            _offer_current_value(field)
            self.fields[name] = field

    def changes(self):
        """Return {update key: new value} for the editable fields the user changed."""
        return {name: self.cleaned_data[name] for name in self.changed_data if not self.fields[name].disabled}
