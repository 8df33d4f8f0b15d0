from django import forms
from django.utils.translation import gettext_lazy as _

LABEL_MAX_LENGTH = 100


class CloneForm(forms.Form):
    label = forms.CharField(label=_("Label of the copy"), max_length=LABEL_MAX_LENGTH)
    location = forms.TypedChoiceField(label=_("Location"), coerce=int, empty_value=None)

    def __init__(self, *args, locations, **kwargs):
        # Both forms share the site page and have a `label` field, so their HTML ids need prefixes.
        kwargs.setdefault("auto_id", "clone_%s")
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [(location.id, location.name or str(location.id)) for location in locations]
        self.fields["location"].error_messages["invalid_choice"] = _(
            "Location %(value)s is not offered for this account. Pick one from the list."
        )
        self.fields["label"].widget.attrs.update({"class": "form-control"})
        self.fields["location"].widget.attrs.update({"class": "form-select"})

    def location_name(self):
        """Return the display name of the chosen location, for the job page."""
        chosen = self.cleaned_data.get("location")
        return dict(self.fields["location"].choices).get(chosen, "")


class BackupForm(forms.Form):
    label = forms.CharField(label=_("Backup label"), max_length=LABEL_MAX_LENGTH)
    backup_directory = forms.BooleanField(label=_("Files"), required=False, initial=True)
    backup_database = forms.BooleanField(label=_("Database"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "backup_%s")
        super().__init__(*args, **kwargs)
        self.fields["label"].widget.attrs.update({"class": "form-control"})
        for name in ("backup_directory", "backup_database"):
            self.fields[name].widget.attrs.update({"class": "form-check-input"})

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("backup_directory") and not cleaned.get("backup_database"):
            raise forms.ValidationError(
                _("Choose files, database or both: a backup of neither would be empty."), code="empty"
            )
        return cleaned
