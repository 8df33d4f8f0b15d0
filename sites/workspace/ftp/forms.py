import re

from django import forms
from django.utils.translation import gettext_lazy as _

from sites.workspace.files.paths import normalize_path

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$")
PASSWORD_MIN_LENGTH = 8


def _style(form):
    for field in form.fields.values():
        if isinstance(field.widget, forms.Select):
            field.widget.attrs.setdefault("class", "form-select form-select-sm")
        else:
            field.widget.attrs.setdefault("class", "form-control form-control-sm")


def _clean_homedir(value):
    return normalize_path(value)


def _check_password(value):
    if len(value) < PASSWORD_MIN_LENGTH or not re.search(r"[A-Za-z]", value) or not re.search(r"\d", value):
        raise forms.ValidationError(
            _("Use at least %(count)s characters with both letters and digits."),
            code="weak_password", params={"count": PASSWORD_MIN_LENGTH},
        )
    return value


class FtpAccountForm(forms.Form):
    """A new FTP account; the API needs all five fields although its schema marks fewer."""

    username = forms.CharField(label=_("Username"), max_length=32,
                               help_text=_("3 to 32 letters, digits, dots, dashes or underscores; the login is username@domain."))
    domain = forms.ChoiceField(label=_("Domain"))
    # render_value=False: the password is never sent back to the browser, not even after an error.
    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(render_value=False),
                               help_text=_("At least 8 characters with letters and digits."))
    homedir = forms.CharField(label=_("Home folder"), required=False, max_length=1000,
                              help_text=_("Relative to the site root; empty means the whole site."))
    quota = forms.IntegerField(label=_("Quota (MB)"), min_value=0, initial=0, help_text=_("0 means unlimited."))

    def __init__(self, *args, domains, **kwargs):
        kwargs.setdefault("auto_id", "ftp_new_%s")
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [(domain, domain) for domain in domains]
        self.fields["domain"].error_messages["invalid_choice"] = _(
            "%(value)s is not a domain of this site. Pick one from the list."
        )
        _style(self)

    def clean_username(self):
        value = self.cleaned_data["username"].strip()
        if not USERNAME_PATTERN.match(value):
            raise forms.ValidationError(
                _("“%(value)s” is not a valid FTP username: use 3 to 32 letters, digits, dots, dashes or underscores, "
                  "starting with a letter or digit."),
                code="invalid_username", params={"value": value},
            )
        return value

    def clean_password(self):
        return _check_password(self.cleaned_data["password"])

    def clean_homedir(self):
        return _clean_homedir(self.cleaned_data["homedir"])


class FtpUpdateForm(forms.Form):
    """Changes to one account. An empty password keeps the current one, an empty home folder is the site root."""

    user = forms.CharField(widget=forms.HiddenInput, max_length=300)
    new_password = forms.CharField(label=_("New password"), required=False, strip=False,
                                   widget=forms.PasswordInput(render_value=False),
                                   help_text=_("Leave empty to keep the current password."))
    homedir = forms.CharField(label=_("Home folder"), required=False, max_length=1000,
                              help_text=_("Relative to the site root; empty means the whole site."))
    quota = forms.IntegerField(label=_("Quota (MB)"), required=False, min_value=0, help_text=_("0 means unlimited."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "ftp_edit_%s")
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_new_password(self):
        value = self.cleaned_data["new_password"]
        return _check_password(value) if value else None

    def clean_homedir(self):
        return _clean_homedir(self.cleaned_data["homedir"])

    def changes(self, current):
        """Return the fields that differ from `current` (the account as listed), for the update call."""
        data = self.cleaned_data
        changes = {}
        if data["new_password"]:
            changes["new_password"] = data["new_password"]
        if data["homedir"] != (current.get("reldir") or "").strip("/"):
            changes["homedir"] = api_homedir(data["homedir"])
        if data["quota"] is not None and data["quota"] != current_quota(current):
            changes["quota"] = data["quota"]
        return changes


def api_homedir(path):
    """Return the homedir value to send: the site root is "/", because rocketnet rejects an empty homedir."""
    return path or "/"


def current_quota(account):
    """Return the account's quota in MB as a number; the list shows "unlimited" for 0."""
    value = account.get("diskquota")
    if value in ("unlimited", None, ""):
        return 0
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


class FtpDeleteForm(forms.Form):
    user = forms.CharField(widget=forms.HiddenInput, max_length=300)
    confirm = forms.BooleanField(label=_("Yes, delete this FTP account"), required=True,
                                 widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
