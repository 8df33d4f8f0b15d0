from django import forms
from django.utils.translation import gettext_lazy as _

from rocketnet.errors import WPCLICommandRejected
from rocketnet.services.wordpress import build_wpcli_command

MAX_COMMAND_LENGTH = 2000

# Names shown for the characters the WP-CLI endpoint rejects.
CHARACTER_NAMES = {
    ";": _("a semicolon (;)"),
    "&": _("an ampersand (&)"),
    "|": _("a pipe (|)"),
    "`": _("a backtick (`)"),
    "$": _("a dollar sign ($)"),
    "\n": _("a line break"),
    "\r": _("a carriage return"),
}


class WPCLIForm(forms.Form):
    command = forms.CharField(
        label=_("WP-CLI command"), max_length=MAX_COMMAND_LENGTH, strip=False,
        help_text=_('Without the leading "wp", for example: plugin list --format=table. '
                    "Quote arguments with double quotes; one command per run."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["command"].widget.attrs.update({
            "class": "form-control font-monospace", "autocomplete": "off", "spellcheck": "false",
            "placeholder": "plugin list",
        })

    def clean_command(self):
        """Return the command line to send, rejecting what the API would reject, before any request."""
        raw = self.cleaned_data["command"]
        try:
            line = build_wpcli_command(raw)
        except WPCLICommandRejected as error:
            raise forms.ValidationError(
                _("The command contains %(character)s, which the WP-CLI endpoint rejects. "
                  "Run one plain command at a time, or use SSH for pipes and chains."),
                code="forbidden_character", params={"character": CHARACTER_NAMES.get(error.character, error.character)},
            ) from None
        except ValueError:
            raise forms.ValidationError(
                _("Enter a WP-CLI command after \"wp\", for example: plugin list."), code="empty",
            ) from None
        if line.count('"') % 2:
            raise forms.ValidationError(
                _("The command %(command)s has an unbalanced double quote. Close the quoted argument."),
                code="unbalanced_quote", params={"command": line},
            )
        return line
