import re

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from rocketnet.services.files import COMPRESS_TYPES
from sites.workspace.files.paths import normalize_path

PER_PAGE_CHOICES = [(25, "25"), (50, "50"), (100, "100")]
DEFAULT_PER_PAGE = 50
# The API takes an upload base64-encoded inside one JSON body, so a file costs about 1.4 times its
# size in memory while it is sent; this cap keeps that small.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# The view call returns a file's whole content in one JSON body, so larger files are offered
# for download only instead of being loaded into the editor.
MAX_EDIT_BYTES = 1024 * 1024
PERMISSIONS_PATTERN = re.compile(r"^[0-7]{3,4}$")
ARCHIVE_SUFFIXES = tuple(f".{kind}" for kind in COMPRESS_TYPES)


class SitePathField(forms.CharField):
    """A path relative to the site root; ".." is rejected, leading and trailing slashes dropped."""

    def __init__(self, *, allow_root=True, **kwargs):
        self.allow_root = allow_root
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        path = normalize_path(value)
        if not path and not self.allow_root:
            raise forms.ValidationError(
                _("Give a path inside the site, like wp-content/uploads/notes.txt; the site root itself is not allowed here."),
                code="root",
            )
        return path


class TickedRowsInput(forms.MultipleHiddenInput):
    """Reads repeated values like MultipleHiddenInput but renders nothing.

    The values come from checkboxes in the listing table, so re-rendering them as hidden inputs
    after an error would send rows the user has since unticked.
    """

    def render(self, name, value, attrs=None, renderer=None):
        return ""


class SitePathListField(forms.Field):
    """Several site-root-relative paths, sent as repeated form values (one per ticked row)."""

    widget = TickedRowsInput

    def clean(self, value):
        values = [item for item in (value or []) if item.strip()]
        if not values:
            raise forms.ValidationError(_("Tick at least one file or folder to compress."), code="required")
        paths = [normalize_path(item) for item in values]
        if "" in paths:
            raise forms.ValidationError(_("The site root cannot be compressed; tick files or folders inside it."))
        return paths


class EntryNameField(forms.CharField):
    """One file or folder name, without slashes."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 255)
        super().__init__(**kwargs)

    def clean(self, value):
        name = super().clean(value)
        if "/" in name or "\\" in name or "\0" in name or name in (".", ".."):
            raise forms.ValidationError(
                _("“%(name)s” is not a single file or folder name: leave out slashes and “..”."),
                code="invalid_name", params={"name": name},
            )
        return name


def _style(form):
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select form-select-sm")
        elif isinstance(widget, (forms.TextInput, forms.NumberInput, forms.Textarea, forms.ClearableFileInput)):
            widget.attrs.setdefault("class", "form-control form-control-sm")


class BrowseForm(forms.Form):
    path = SitePathField(label=_("Folder"))
    search = forms.CharField(label=_("Name contains"), required=False, max_length=200)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1)
    per_page = forms.TypedChoiceField(label=_("Per page"), choices=PER_PAGE_CHOICES, coerce=int, required=False,
                                      empty_value=DEFAULT_PER_PAGE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["per_page"].error_messages["invalid_choice"] = _(
            "%(value)s entries per page is not offered: choose 25, 50 or 100."
        )
        _style(self)


class EntryForm(forms.Form):
    path = SitePathField(label=_("Path"), allow_root=False)


class SaveForm(forms.Form):
    path = SitePathField(allow_root=False, widget=forms.HiddenInput)
    content = forms.CharField(label=_("Content"), required=False, strip=False,
                              widget=forms.Textarea(attrs={"rows": 24, "class": "form-control font-monospace",
                                                           "spellcheck": "false"}))


class UploadForm(forms.Form):
    directory = SitePathField(widget=forms.HiddenInput)
    upload = forms.FileField(label=_("File to upload"))
    overwrite = forms.BooleanField(
        label=_("Overwrite"), required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        help_text=_("Replace a text file of the same name in this folder. Other files must be deleted first."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "upload_%s")
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("%(name)s is %(size)s; files up to %(limit)s can be uploaded here. Upload larger files over SFTP."),
                code="too_large",
                params={"name": upload.name, "size": filesizeformat(upload.size),
                        "limit": filesizeformat(MAX_UPLOAD_BYTES)},
            )
        EntryNameField().clean(upload.name)
        return upload


class NewEntryForm(forms.Form):
    KIND_FILE = "file"
    KIND_FOLDER = "folder"

    directory = SitePathField(widget=forms.HiddenInput)
    name = EntryNameField(label=_("Name"))
    kind = forms.ChoiceField(label=_("Type"), choices=[(KIND_FILE, _("Empty file")), (KIND_FOLDER, _("Folder"))])

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "new_%s")
        super().__init__(*args, **kwargs)
        _style(self)


class DeleteForm(forms.Form):
    path = SitePathField(allow_root=False, widget=forms.HiddenInput)
    confirm = forms.BooleanField(label=_("Yes, delete it"), required=True,
                                 widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))


class ChmodForm(forms.Form):
    path = SitePathField(allow_root=False, widget=forms.HiddenInput)
    permissions = forms.CharField(label=_("Permissions (octal)"), max_length=10,
                                  help_text=_("Three or four digits from 0 to 7, like 644 for files or 755 for folders."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "chmod_%s")
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_permissions(self):
        value = self.cleaned_data["permissions"].strip()
        if not PERMISSIONS_PATTERN.match(value):
            raise forms.ValidationError(
                _("“%(value)s” is not an octal permission mode: use three or four digits from 0 to 7, like 644 or 0755."),
                code="invalid_mode", params={"value": value},
            )
        return value


class CompressForm(forms.Form):
    directory = SitePathField(widget=forms.HiddenInput)
    sourcefiles = SitePathListField()
    destfiles = SitePathField(label=_("Archive path"), allow_root=False,
                              help_text=_("Relative to the site root; the type's suffix is added when missing."))
    compress_type = forms.ChoiceField(label=_("Archive type"), choices=[(kind, kind) for kind in COMPRESS_TYPES],
                                      initial="zip")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "compress_%s")
        super().__init__(*args, **kwargs)
        _style(self)


class ExtractForm(forms.Form):
    path = SitePathField(allow_root=False, widget=forms.HiddenInput)
    destination = SitePathField(label=_("Extract into folder"), allow_root=False,
                                help_text=_("Relative to the site root; the folder is created when missing."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "extract_%s")
        super().__init__(*args, **kwargs)
        _style(self)


def is_archive(path):
    return path.endswith(ARCHIVE_SUFFIXES)


def default_extract_folder(path):
    """Return the archive's path without its suffix, e.g. "backups/site" for "backups/site.tar.gz"."""
    for suffix in sorted(ARCHIVE_SUFFIXES, key=len, reverse=True):
        if path.endswith(suffix):
            return path[: -len(suffix)]
    return path
