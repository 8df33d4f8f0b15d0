import base64
import binascii
import re

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.serialization import load_ssh_public_key
from django import forms
from django.utils.translation import gettext_lazy as _

# OpenSSH public key types (the first word of a .pub line).
KEY_TYPES = (
    "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
)
# The name becomes part of the key's URL (/ssh/keys/{name}), so it is limited to URL-safe characters.
KEY_NAME_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def clean_key_name(value):
    name = (value or "").strip()
    if not KEY_NAME_PATTERN.match(name):
        raise forms.ValidationError(
            _("“%(value)s” is not a valid key name: use 1 to 64 letters, digits, dashes or underscores."),
            code="invalid_name", params={"value": name},
        )
    return name


class KeyNameField(forms.CharField):
    def clean(self, value):
        return clean_key_name(super().clean(value))


class ImportKeyForm(forms.Form):
    name = KeyNameField(label=_("Key name"), max_length=64,
                        help_text=_("Letters, digits, dashes or underscores, like laptop-anna."))
    key = forms.CharField(label=_("Public key"), max_length=16000,
                          widget=forms.Textarea(attrs={"rows": 4, "class": "form-control font-monospace",
                                                       "spellcheck": "false"}),
                          help_text=_("The whole line of the .pub file, starting with its type, like ssh-ed25519 AAAA… you@laptop."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "ssh_import_%s")
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.setdefault("class", "form-control form-control-sm")

    def clean_key(self):
        text = " ".join(self.cleaned_data["key"].split())
        parts = text.split(" ")
        key_type = parts[0]
        if key_type not in KEY_TYPES:
            raise forms.ValidationError(
                _("The key starts with “%(start)s”, which is not an OpenSSH public key type. Paste the .pub line, "
                  "which starts with one of: %(types)s."),
                code="unknown_type", params={"start": key_type[:40], "types": ", ".join(KEY_TYPES)},
            )
        blob = _decode_base64(parts[1]) if len(parts) > 1 else None
        if blob is None:
            raise forms.ValidationError(
                _("The key data after “%(type)s” is missing or not base64. Paste the whole line of the .pub file."),
                code="bad_data", params={"type": key_type},
            )
        embedded_type = _embedded_key_type(blob)
        if embedded_type != key_type:
            raise forms.ValidationError(
                _("The key data after “%(type)s” does not match that type: it is not OpenSSH key data, or it "
                  "belongs to another key type. Paste the whole line of the .pub file unchanged."),
                code="type_mismatch", params={"type": key_type},
            )
        try:
            load_ssh_public_key(f"{key_type} {parts[1]}".encode("ascii"))
        except (ValueError, UnsupportedAlgorithm):
            raise forms.ValidationError(
                _("The key data after “%(type)s” is truncated or damaged, so it is not a valid public key. "
                  "Paste the whole line of the .pub file again."),
                code="invalid_key", params={"type": key_type},
            ) from None
        return text


def _decode_base64(text):
    # Copying a key sometimes drops its trailing "=" padding, so it is restored before decoding.
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None


def _embedded_key_type(blob):
    """Return the key type that the OpenSSH key data starts with (an RFC 4251 string), or None."""
    if len(blob) < 4:
        return None
    length = int.from_bytes(blob[:4], "big")
    name = blob[4:4 + length]
    if len(name) != length:
        return None
    return name.decode("ascii", errors="replace")


class KeyActionForm(forms.Form):
    name = KeyNameField(widget=forms.HiddenInput, max_length=64)


class DeleteKeyForm(forms.Form):
    name = KeyNameField(widget=forms.HiddenInput, max_length=64)
    confirm = forms.BooleanField(label=_("Yes, delete this key"), required=True,
                                 widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
