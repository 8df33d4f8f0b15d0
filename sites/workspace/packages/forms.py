import re

from django import forms
from django.utils.translation import gettext_lazy as _

# WordPress.org slugs: lower-case letters, digits, dots, hyphens and underscores.
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
MAX_SLUGS = 20


def check_slug(slug):
    """Return `slug`, or raise ValidationError naming it when it is not a WordPress.org slug."""
    if not SLUG_PATTERN.match(slug):
        raise forms.ValidationError(
            _("%(slug)s is not a valid slug: use the lower-case name from WordPress.org, such as akismet."),
            code="invalid_slug", params={"slug": slug},
        )
    return slug


class InstallForm(forms.Form):
    slugs = forms.CharField(
        label=_("Slugs"), max_length=1000,
        help_text=_("One or more WordPress.org slugs, separated by commas, for example akismet, classic-editor."),
    )
    activate = forms.BooleanField(label=_("Activate after installing"), required=False)

    def __init__(self, *args, for_themes=False, **kwargs):
        kwargs.setdefault("auto_id", "install_%s")
        super().__init__(*args, **kwargs)
        self.for_themes = for_themes
        placeholder = "akismet, classic-editor"
        if for_themes:
            # The default help text names plugins, which a theme install rejects.
            self.fields["slugs"].help_text = _(
                "One or more WordPress.org slugs, separated by commas, for example twentytwentyfour, astra.")
            placeholder = "twentytwentyfour, astra"
        self.fields["slugs"].widget.attrs.update({"class": "form-control", "placeholder": placeholder})
        self.fields["activate"].widget.attrs.update({"class": "form-check-input"})

    def clean_slugs(self):
        slugs = [part.strip() for part in self.cleaned_data["slugs"].split(",") if part.strip()]
        if not slugs:
            example = "twentytwentyfour" if self.for_themes else "akismet"
            raise forms.ValidationError(_("Enter at least one slug, for example %(example)s."), code="empty",
                                        params={"example": example})
        if len(slugs) > MAX_SLUGS:
            raise forms.ValidationError(
                _("%(count)d slugs given; install at most %(max)d at a time."),
                code="too_many", params={"count": len(slugs), "max": MAX_SLUGS},
            )
        return list(dict.fromkeys(check_slug(slug) for slug in slugs))


class SlugForm(forms.Form):
    """One package picked by a row button (activate, deactivate, update one, delete one)."""

    slug = forms.CharField(max_length=200)

    def clean_slug(self):
        return check_slug(self.cleaned_data["slug"].strip())


class SelectionForm(forms.Form):
    """Packages picked for update or delete: one row (`slug`), the checked rows, or (update) all."""

    ONE, SELECTED, ALL = "one", "selected", "all"

    scope = forms.ChoiceField(choices=[(ONE, ONE), (SELECTED, SELECTED), (ALL, ALL)], required=False)
    slug = forms.CharField(max_length=200, required=False)
    selected = forms.MultipleChoiceField(required=False)

    def __init__(self, *args, installed, allow_all, noun, **kwargs):
        super().__init__(*args, **kwargs)
        self.allow_all = allow_all
        self.noun = noun
        self.fields["selected"].choices = [(name, name) for name in installed]
        self.fields["selected"].error_messages["invalid_choice"] = _(
            "%(value)s is not installed on this site. Reload the page and pick from the list."
        )

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope") or (self.SELECTED if not cleaned.get("slug") else self.ONE)
        cleaned["scope"] = scope

        if scope == self.ALL and not self.allow_all:
            raise forms.ValidationError(_("Pick the rows to act on: this action has no 'all' option."), code="no_all")
        if scope == self.ONE:
            slug = (cleaned.get("slug") or "").strip()
            if not slug:
                raise forms.ValidationError(_("No %(noun)s was named. Use the button in its row."),
                                            code="missing", params={"noun": self.noun})
            cleaned["slugs"] = [check_slug(slug)]
        elif scope == self.SELECTED:
            if not cleaned.get("selected") and "selected" not in self.errors:
                raise forms.ValidationError(_("Tick at least one %(noun)s in the list first."),
                                            code="none_selected", params={"noun": self.noun})
            cleaned["slugs"] = list(cleaned.get("selected") or [])
        return cleaned


# Labels for the directory orders the API accepts; an order missing here shows its API value.
ORDER_LABELS = {
    "featured": _("Featured"),
    "new": _("Newest"),
    "popular": _("Most popular"),
    "top-rated": _("Top rated"),
    "updated": _("Recently updated"),
}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the WordPress directory"), max_length=100, required=False)
    browse = forms.ChoiceField(label=_("Order"), required=False)

    def __init__(self, *args, orders, **kwargs):
        kwargs.setdefault("auto_id", "search_%s")
        super().__init__(*args, **kwargs)
        self.fields["browse"].choices = [("", _("Best match"))] + [(order, ORDER_LABELS.get(order, order)) for order in orders]
        self.fields["browse"].error_messages["invalid_choice"] = _(
            "%(value)s is not a directory order. Pick one from the list."
        )
        self.fields["q"].widget.attrs.update({"class": "form-control", "type": "search"})
        self.fields["browse"].widget.attrs.update({"class": "form-select"})

    @property
    def requested(self):
        """True when the request contains a search (a query or an order)."""
        return bool(self.data.get("q") or self.data.get("browse"))
