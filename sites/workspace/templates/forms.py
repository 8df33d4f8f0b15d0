from django import forms
from django.utils.translation import gettext_lazy as _

NAME_MAX_LENGTH = 100
NOTES_MAX_LENGTH = 2000


class TemplateCreateForm(forms.Form):
    name = forms.CharField(label=_("Template name"), max_length=NAME_MAX_LENGTH,
                           widget=forms.TextInput(attrs={"class": "form-control"}))
    notes = forms.CharField(label=_("Notes"), max_length=NOTES_MAX_LENGTH, required=False,
                            widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}))
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=500,
        help_text=_("Separate tags with commas, for example shop, woocommerce."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, existing_names=(), **kwargs):
        kwargs.setdefault("auto_id", "template_%s")
        super().__init__(*args, **kwargs)
        self.existing_names = {name.lower() for name in existing_names}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if name.lower() in self.existing_names:
            raise forms.ValidationError(
                _("This account already has a template named “%(name)s”; choose another name.") % {"name": name},
                code="duplicate",
            )
        return name

    def clean_tags(self):
        """Return the tags as a sorted list without duplicates or empty entries."""
        return sorted({tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()})


class SiteFromTemplateForm(forms.Form):
    name = forms.CharField(
        label=_("Site name"), max_length=NAME_MAX_LENGTH,
        help_text=_("The new site's name in Rocket.net, for example client-shop."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    label = forms.CharField(
        label=_("Label"), max_length=NAME_MAX_LENGTH, required=False,
        help_text=_("Shown in the dashboard. Leave empty to use the site name."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    location = forms.TypedChoiceField(label=_("Location"), coerce=int, empty_value=None,
                                      widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, locations, **kwargs):
        kwargs.setdefault("auto_id", "from_template_%s")
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [(location.id, location.name or str(location.id)) for location in locations]
        self.fields["location"].error_messages["invalid_choice"] = _(
            "Location %(value)s is not offered for this account. Pick one from the list."
        )

    def location_name(self):
        chosen = self.cleaned_data.get("location")
        return str(dict(self.fields["location"].choices).get(chosen, ""))
