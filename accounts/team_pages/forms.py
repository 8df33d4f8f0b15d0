from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.audit_labels import describe_action
from accounts.models import AuditResult, Role

SELECT = {"class": "form-select form-select-sm"}
INPUT = {"class": "form-control form-control-sm"}


class AuditFilterForm(forms.Form):
    """Filters of the audit log. Every field is optional, and the choices come from the team's own rows."""

    actor = forms.ChoiceField(label=_("Actor"), required=False, widget=forms.Select(attrs=SELECT))
    connection = forms.ChoiceField(label=_("Connection"), required=False, widget=forms.Select(attrs=SELECT))
    site = forms.IntegerField(label=_("Site ID"), required=False, min_value=1,
                              widget=forms.NumberInput(attrs=INPUT))
    action = forms.ChoiceField(label=_("Action"), required=False, widget=forms.Select(attrs=SELECT))
    result = forms.ChoiceField(label=_("Result"), required=False, widget=forms.Select(attrs=SELECT),
                               choices=[("", _("Any result")), *AuditResult.choices])
    date_from = forms.DateField(label=_("From"), required=False,
                                widget=forms.DateInput(attrs={**INPUT, "type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False,
                              widget=forms.DateInput(attrs={**INPUT, "type": "date"}))

    def __init__(self, *args, actors, connections, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections = {str(connection.pk): connection for connection in connections}
        self.fields["actor"].choices = [("", _("Anyone")), *[(email, email) for email in actors]]
        self.fields["connection"].choices = [
            ("", _("Any connection")), *[(pk, connection.label) for pk, connection in self.connections.items()]
        ]
        labelled = sorted(((action, describe_action(action)) for action in actions), key=lambda choice: choice[1])
        self.fields["action"].choices = [("", _("Any action")), *labelled]

    def clean_connection(self):
        value = self.cleaned_data["connection"]
        return self.connections[value] if value else None

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date %(end)s is before the start date %(start)s.")
                           % {"end": date_to.isoformat(), "start": date_from.isoformat()})
        return cleaned

    def filters(self):
        """Return the keyword arguments for selectors.audit_events. Call it after is_valid()."""
        data = self.cleaned_data
        return {
            "actor_email": data["actor"],
            "connection": data["connection"],
            "site_id": data["site"],
            "action": data["action"],
            "result": data["result"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs=INPUT),
        error_messages={
            "invalid": _("“%(value)s” is not a valid email address. Enter the person's email, such as "
                         "name@example.com."),
        },
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER,
                             widget=forms.Select(attrs=SELECT))


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.Select(attrs=SELECT))


class TeamNameForm(forms.Form):
    """The name of a new team, or the new name of the current one."""

    name = forms.CharField(label=_("Team name"), max_length=120, widget=forms.TextInput(attrs=INPUT),
                           error_messages={"required": _("Enter a team name.")})


class TeamDeleteForm(forms.Form):
    """Deleting a team needs its name typed again, because it deletes every connection and job with it."""

    confirm_name = forms.CharField(label=_("Type the team name to confirm"), widget=forms.TextInput(attrs=INPUT))

    def __init__(self, *args, team, **kwargs):
        self.team = team
        super().__init__(*args, **kwargs)

    def clean_confirm_name(self):
        typed = self.cleaned_data["confirm_name"].strip()
        if typed != self.team.name:
            raise forms.ValidationError(
                _("%(typed)s is not the team name. Type %(name)s exactly to delete the team."),
                params={"typed": typed, "name": self.team.name}, code="mismatch",
            )
        return typed
