import inspect
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from rocketnet.services import domains

# A host name of dot-separated labels ending in a top-level domain of letters, as the API accepts.
HOSTNAME = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
CERTIFICATE_MARKER = "-----BEGIN CERTIFICATE-----"
KEY_MARKERS = ("-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----")
# The edge setting groups the client can send, read from its function so the two never drift apart.
EDGE_GROUPS = tuple(
    name for name, parameter in inspect.signature(domains.update_main_domain_edge_settings).parameters.items()
    if parameter.kind is inspect.Parameter.KEYWORD_ONLY
)
# Separates the path parts of an edge setting in a form field name, e.g. "user_agent__empty__allow".
PATH_SEPARATOR = "__"


def clean_hostname(value):
    """Return `value` as a lower-case host name, or raise a ValidationError naming it."""
    domain = value.strip().lower().rstrip(".")
    if domain.startswith(("http://", "https://")) or "/" in domain or not HOSTNAME.match(domain):
        raise forms.ValidationError(
            _("“%(value)s” is not a valid domain name. Enter a bare host name such as example.com, "
              "without https:// or a path.") % {"value": value},
            code="invalid_domain",
        )
    return domain


class DomainForm(forms.Form):
    domain = forms.CharField(label=_("Domain"), max_length=253,
                             widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "example.com"}))

    def clean_domain(self):
        return clean_hostname(self.cleaned_data["domain"])


class PrefixForm(forms.Form):
    www = forms.TypedChoiceField(
        label=_("Main domain form"), coerce=lambda value: value == "www",
        choices=[("www", _("With www (www.example.com)")), ("apex", _("Without www (example.com)"))],
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class ValidationMethodForm(forms.Form):
    validation_method = forms.ChoiceField(
        label=_("Validation method"),
        choices=[("http", _("HTTP (a CNAME record to the site)")), ("txt", _("TXT record"))],
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class RecheckForm(forms.Form):
    force = forms.BooleanField(label=_("Force validation now"), required=False,
                               widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))


class EdgeSettingsForm(forms.Form):
    """One checkbox per on/off option that the API returned; options the plan lacks are disabled.

    The API sends nested groups such as {"wp_login": {"challenge": {"enabled": false, "available": true}}}.
    Every boolean leaf except "available" is an option, and a sibling "available": false marks it
    unavailable.
    """

    def __init__(self, *args, settings, **kwargs):
        super().__init__(*args, **kwargs)
        self.settings = settings
        for group in EDGE_GROUPS:
            if isinstance(settings.get(group), dict):
                self._add_fields([group], settings[group])

    def _add_fields(self, path, node):
        available = node.get("available", True) is not False
        for key, value in node.items():
            if key == "available":
                continue
            if isinstance(value, dict):
                self._add_fields(path + [key], value)
            elif isinstance(value, bool):
                name = PATH_SEPARATOR.join(path + [key])
                self.fields[name] = forms.BooleanField(
                    label=" › ".join(part.replace("_", " ") for part in path + [key]),
                    required=False, initial=value, disabled=not available,
                    widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
                    help_text="" if available else _("Not available on this plan."),
                )

    def changed_groups(self):
        """Return {group: nested changes} for the options whose value differs from what the API sent."""
        groups = {}
        for name in self.changed_data:
            field = self.fields[name]
            if field.disabled:
                continue
            path = name.split(PATH_SEPARATOR)
            node = groups.setdefault(path[0], {})
            for part in path[1:-1]:
                node = node.setdefault(part, {})
            node[path[-1]] = self.cleaned_data[name]
        return groups


class SecretTextarea(forms.Textarea):
    """A textarea that never renders its value, so a re-shown form does not echo a private key."""

    def format_value(self, value):
        return None


class CertificateForm(forms.Form):
    domains = forms.MultipleChoiceField(label=_("Domains"), widget=forms.CheckboxSelectMultiple,
                                        error_messages={"required": _("Choose at least one domain for the certificate.")})
    certificate = forms.CharField(
        label=_("Certificate (PEM)"), strip=True,
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control font-monospace",
                                     "placeholder": CERTIFICATE_MARKER}),
        help_text=_("Include the intermediate certificates after the site's own certificate."),
    )
    key = forms.CharField(
        label=_("Private key (PEM)"), strip=True,
        widget=SecretTextarea(attrs={"rows": 6, "class": "form-control font-monospace", "autocomplete": "off",
                                     "placeholder": "-----BEGIN PRIVATE KEY-----"}),
        help_text=_("Sent to Rocket.net only. It is never stored here or shown again, so paste it again after an error."),
    )

    def __init__(self, *args, hostnames, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].choices = [(name, name) for name in hostnames]
        self.fields["domains"].error_messages["invalid_choice"] = _(
            "%(value)s is not a domain of this site. Choose from the list."
        )

    def clean_certificate(self):
        text = self.cleaned_data["certificate"]
        if CERTIFICATE_MARKER not in text:
            raise forms.ValidationError(
                _("This is not a PEM certificate: paste the block that starts with %(marker)s.")
                % {"marker": CERTIFICATE_MARKER},
                code="not_pem",
            )
        return text

    def clean_key(self):
        text = self.cleaned_data["key"]
        if not any(marker in text for marker in KEY_MARKERS):
            raise forms.ValidationError(
                _("This is not a PEM private key: paste the block that starts with -----BEGIN PRIVATE KEY-----."),
                code="not_pem",
            )
        return text
