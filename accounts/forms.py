from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import Connection, default_api_base_url


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
