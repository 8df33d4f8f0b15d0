from django import forms
from django.utils.translation import gettext_lazy as _


class StagingCreateForm(forms.Form):
    vanity_domain = forms.BooleanField(
        label=_("Use a staging.<domain> name"), required=False, initial=True,
        help_text=_("Off: the staging site gets a Rocket.net CDN address instead."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "staging_create_%s")
        super().__init__(*args, **kwargs)
        self.fields["vanity_domain"].widget.attrs.update({"class": "form-check-input"})


class ConfirmForm(forms.Form):
    """A checkbox the user must tick before a publish or delete, checked on the server too."""

    confirm = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick the box to confirm, then submit again.")},
    )

    def __init__(self, *args, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = label
        self.fields["confirm"].widget.attrs.update({"class": "form-check-input"})
