from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

# The API rejects a purge of more URLs than this in one request.
MAX_URLS_PER_PURGE = 500


class PurgeUrlsForm(forms.Form):
    urls = forms.CharField(
        label=_("URLs to purge"),
        error_messages={"required": _("Enter at least one URL.")},
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control font-monospace"}),
        help_text=_("One full URL per line, on one of this site's domains, for example https://example.com/style.css."),
    )

    def __init__(self, *args, hostnames, **kwargs):
        super().__init__(*args, **kwargs)
        self.hostnames = set(hostnames)

    def clean_urls(self):
        """Return the list of URLs, or raise an error naming the first bad line and its number."""
        lines = [(number, line.strip()) for number, line in enumerate(self.cleaned_data["urls"].splitlines(), 1)]
        urls = []
        for number, line in lines:
            if not line:
                continue
            self._check_line(number, line)
            urls.append(line)

        if not urls:
            raise forms.ValidationError(_("Enter at least one URL."), code="required")
        if len(urls) > MAX_URLS_PER_PURGE:
            raise forms.ValidationError(
                _("%(count)d URLs entered; purge at most %(max)d at a time, or purge everything.")
                % {"count": len(urls), "max": MAX_URLS_PER_PURGE},
                code="too_many",
            )
        return urls

    def _check_line(self, number, line):
        parts = urlsplit(line)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise forms.ValidationError(
                _("Line %(number)d, “%(line)s”, is not a full URL: start it with https:// and the domain.")
                % {"number": number, "line": line},
                code="invalid_url",
            )
        if parts.hostname.lower() not in self.hostnames:
            raise forms.ValidationError(
                _("Line %(number)d, “%(line)s”, is on %(host)s, which is not a domain of this site. "
                  "Use one of: %(domains)s.")
                % {"number": number, "line": line, "host": parts.hostname,
                   "domains": ", ".join(sorted(self.hostnames))},
                code="foreign_host",
            )


class PurgeEverythingForm(forms.Form):
    include_aliases = forms.BooleanField(
        label=_("Purge the domain aliases too"), required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that every cached page and file of this site will be fetched again from the server."),
        error_messages={"required": _("Tick the box to confirm that you want to purge the whole cache.")},
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
