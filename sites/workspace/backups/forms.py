from django import forms
from django.utils.translation import gettext_lazy as _

from sites.forms import LABEL_MAX_LENGTH


NOTHING_TO_RESTORE = _("Choose files, database or both: a restore of neither would do nothing.")
NOTHING_TO_BACK_UP = _("Choose files, database or both: a backup of neither would be empty.")


def _check_parts(cleaned, files_field, database_field, message):
    if not cleaned.get(files_field) and not cleaned.get(database_field):
        raise forms.ValidationError(message, code="empty")


class _CheckboxStyleMixin:
    def _style(self):
        for field in self.fields.values():
            css = "form-check-input" if isinstance(field, forms.BooleanField) else "form-control"
            field.widget.attrs.setdefault("class", css)


class RestoreForm(_CheckboxStyleMixin, forms.Form):
    """The parts of a manual backup to restore: files, database or both."""

    backup_directory = forms.BooleanField(label=_("Files"), required=False)
    backup_database = forms.BooleanField(label=_("Database"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()

    def clean(self):
        cleaned = super().clean()
        _check_parts(cleaned, "backup_directory", "backup_database", NOTHING_TO_RESTORE)
        return cleaned


class AutomatedRestoreForm(forms.Form):
    ALL, FILES, DATABASE = "all", "files", "database"

    scope = forms.ChoiceField(
        label=_("Restore"),
        choices=[(ALL, _("Files and database")), (FILES, _("Files only")), (DATABASE, _("Database only"))],
        error_messages={"invalid_choice": _("%(value)s is not a restore scope. Choose all, files or database.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].widget.attrs.update({"class": "form-select form-select-sm"})


class CloudBackupForm(_CheckboxStyleMixin, forms.Form):
    label = forms.CharField(label=_("Cloud backup label"), max_length=LABEL_MAX_LENGTH)
    includes_files = forms.BooleanField(label=_("Files"), required=False, initial=True)
    includes_database = forms.BooleanField(label=_("Database"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "cloud_%s")
        super().__init__(*args, **kwargs)
        self._style()

    def clean(self):
        cleaned = super().clean()
        _check_parts(cleaned, "includes_files", "includes_database", NOTHING_TO_BACK_UP)
        return cleaned


class CloudRestoreForm(_CheckboxStyleMixin, forms.Form):
    includes_files = forms.BooleanField(label=_("Files"), required=False)
    includes_database = forms.BooleanField(label=_("Database"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()

    def clean(self):
        cleaned = super().clean()
        _check_parts(cleaned, "includes_files", "includes_database", NOTHING_TO_RESTORE)
        return cleaned
