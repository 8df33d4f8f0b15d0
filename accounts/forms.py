from urllib.parse import urlsplit

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import Connection, default_api_base_url, rocketnet_account_key

# The client adds /v1 to every path, so a base URL typed with it would reach /v1/v1/...
API_VERSION_SUFFIX = "/v1"


class EmailLoginForm(AuthenticationForm):
    """Django's login form with the email label and Bootstrap classes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email")
        self.fields["username"].widget.attrs.update({"class": "form-control", "autocomplete": "email"})
        self.fields["password"].widget.attrs.update({"class": "form-control"})


class ConnectionForm(forms.ModelForm):
    """Add or edit a connection. The stored password is never rendered back into the form.

    On edit an empty password keeps the stored one; on add it is required.
    """

    password = forms.CharField(
        label=_("Rocket.net account password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    api_base_url = forms.URLField(
        label=_("API base URL"),
        assume_scheme="https",
        initial=default_api_base_url,
        help_text=_("The API root without /v1. Change it only for a test server."),
        error_messages={
            "invalid": _("“%(value)s” is not a valid URL. Enter the API root, for example https://api.rocket.net."),
        },
    )

    class Meta:
        model = Connection
        fields = ["label", "client_name", "email", "api_base_url"]
        help_texts = {
            "label": _("A short name shown in the fleet table, unique within your team."),
            "client_name": _("The client who owns this Rocket.net account."),
        }

    def __init__(self, *args, team, **kwargs):
        self.team = team
        super().__init__(*args, **kwargs)
        self.instance.team = team

        if self.instance.pk:
            self.fields["password"].help_text = _("Leave empty to keep the stored password.")
        self.fields["email"].error_messages["invalid"] = _(
            "“%(value)s” is not a valid email address. Enter the email you log in to Rocket.net with, "
            "such as name@example.com."
        )
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

    def clean_label(self):
        label = self.cleaned_data["label"].strip()
        duplicates = Connection.objects.filter(team=self.team, label__iexact=label).exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError(
                _("Your team already has a connection labelled %(label)s. Choose another label."),
                params={"label": label},
                code="duplicate",
            )
        return label

    def clean_api_base_url(self):
        """Accept only http and https URLs, and drop a trailing /v1 because the client adds it."""
        url = self.cleaned_data["api_base_url"].strip()
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            raise forms.ValidationError(
                _("“%(url)s” does not start with http:// or https://. Enter the API root, for example "
                  "https://api.rocket.net."),
                params={"url": url},
                code="invalid_scheme",
            )

        parts = urlsplit(url)
        if "@" in parts.netloc:
            # The field is shown again with the error, so it must not show the password typed in the URL.
            without_userinfo = parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
            self.data = self.data.copy()
            self.data[self.add_prefix("api_base_url")] = without_userinfo
            raise forms.ValidationError(
                _("An API base URL cannot contain a user name and password, so they were removed. Check "
                  "%(url)s and save again; Rocket.net logs in with the email and password fields."),
                params={"url": without_userinfo},
                code="userinfo",
            )

        url = url.rstrip("/")
        if url.lower().endswith(API_VERSION_SUFFIX):
            url = url[: -len(API_VERSION_SUFFIX)].rstrip("/")
        return url

    def clean(self):
        cleaned = super().clean()
        url, email = cleaned.get("api_base_url"), cleaned.get("email")
        if url and email:
            self._reject_second_connection_to(url, email)
        return cleaned

    def _reject_second_connection_to(self, url, email):
        """Add a form error when another connection of the team logs in to the same Rocket.net account."""
        account_key = rocketnet_account_key(url, email)
        others = Connection.objects.filter(team=self.team).exclude(pk=self.instance.pk).order_by("label")
        existing = next((other for other in others if other.account_key == account_key), None)
        if existing is not None:
            self.add_error("email", forms.ValidationError(
                _("Your team already reaches the Rocket.net account %(email)s at %(url)s through the connection "
                  "%(label)s. Edit that connection instead of adding it twice."),
                params={"email": email, "url": url, "label": existing.label},
                code="duplicate_account",
            ))

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not password and not self.instance.pk:
            raise forms.ValidationError(_("Enter the password of the Rocket.net account."), code="required")
        return password


class TeamSwitchForm(forms.Form):
    team = forms.IntegerField()

    def __init__(self, *args, teams, **kwargs):
        self.teams = {team.pk: team for team in teams}
        super().__init__(*args, **kwargs)

    def clean_team(self):
        team_id = self.cleaned_data["team"]
        if team_id not in self.teams:
            raise forms.ValidationError(
                _("Team %(team)s is not one of your teams."), params={"team": team_id}, code="invalid"
            )
        return self.teams[team_id]
