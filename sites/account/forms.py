from django import forms
from django.utils.translation import gettext_lazy as _

from rocketnet.services.account import ACCOUNT_TASK_TYPES, TASK_STATUSES
from sites.account.services import ASSIGNABLE_ROLES
from sites.workspace.transfers.forms import clean_transfer_id

ROLE_LABELS = {
    "account_user": _("Account user: manages sites"),
    "billing_admin": _("Billing admin: manages invoices and the plan"),
    "user_admin": _("User admin: manages the account's users"),
}
ROLE_CHOICES = [(role, ROLE_LABELS[role]) for role in ASSIGNABLE_ROLES]


def _roles_field():
    return forms.MultipleChoiceField(
        label=_("Roles"), choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one role."),
            "invalid_choice": _("Role %(value)s does not exist; choose from the listed roles."),
        },
    )


class InviteAccountUserForm(forms.Form):
    firstname = forms.CharField(label=_("First name"), max_length=100,
                                widget=forms.TextInput(attrs={"class": "form-control"}))
    lastname = forms.CharField(label=_("Last name"), max_length=100,
                               widget=forms.TextInput(attrs={"class": "form-control"}))
    email = forms.EmailField(
        label=_("Email"), help_text=_("Rocket.net emails an invitation with a link to set a password."),
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "off"}),
        error_messages={"invalid": _("Enter a valid email address, such as name@example.com.")},
    )
    roles = _roles_field()
    twofactor_required = forms.BooleanField(label=_("Require two-factor authentication"), required=False,
                                            widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "invite_%s")
        kwargs.setdefault("initial", {"roles": ["account_user"]})
        super().__init__(*args, **kwargs)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class ChangeRolesForm(forms.Form):
    roles = _roles_field()


class AccountSettingsForm(forms.Form):
    """The account/me fields the API lets the account change."""

    firstname = forms.CharField(label=_("First name"), max_length=100,
                                widget=forms.TextInput(attrs={"class": "form-control"}))
    lastname = forms.CharField(label=_("Last name"), max_length=100,
                               widget=forms.TextInput(attrs={"class": "form-control"}))
    email = forms.EmailField(
        label=_("Login email"),
        help_text=_("Also the connection's login. After a change, this dashboard logs in with the new email."),
        widget=forms.EmailInput(attrs={"class": "form-control"}),
        error_messages={"invalid": _("Enter a valid email address, such as name@example.com.")},
    )
    tax_id = forms.CharField(label=_("Tax ID"), max_length=100, required=False,
                             widget=forms.TextInput(attrs={"class": "form-control"}))
    twofactor_enabled = forms.BooleanField(label=_("Two-factor authentication on"), required=False,
                                           widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def changes(self):
        """Return only the fields whose value differs from the initial one, for a PATCH."""
        changed = {}
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if value != self.initial.get(name):
                changed[name] = value
        return changed


class TaskFilterForm(forms.Form):
    task_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any type"))] + [(value, value) for value in ACCOUNT_TASK_TYPES],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        error_messages={"invalid_choice": _("Task type %(value)s does not exist; choose one from the list.")},
    )
    task_status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status"))] + [(value, value) for value in TASK_STATUSES],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        error_messages={"invalid_choice": _("Task status %(value)s does not exist; choose one from the list.")},
    )
    direction = forms.ChoiceField(
        label=_("Order"), required=False, choices=[("desc", _("Newest first")), ("asc", _("Oldest first"))],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        error_messages={"invalid_choice": _("Order %(value)s does not exist; use newest or oldest first.")},
    )


class IncomingTransferForm(forms.Form):
    site_id = forms.IntegerField(
        label=_("Site ID"), min_value=1,
        help_text=_("The number of the site being offered, from the transfer email."),
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        error_messages={"invalid": _("Enter the site ID as a whole number, for example 1001.")},
    )
    transfer_id = forms.CharField(
        label=_("Transfer ID"), max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control font-monospace", "autocomplete": "off"}),
    )
    decision = forms.ChoiceField(
        label=_("Answer"), choices=[("accept", _("Accept: move the site into this account")),
                                    ("reject", _("Reject: leave the site where it is"))],
        widget=forms.RadioSelect,
    )

    def clean_transfer_id(self):
        return clean_transfer_id(self.cleaned_data["transfer_id"])
