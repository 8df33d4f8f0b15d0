"""Date checks shared by the forms of the feature apps that pick a range of days."""

from django import forms
from django.utils.translation import gettext_lazy as _


def validate_end_date_not_future(date_to, today):
    """Raise ValidationError (code "future") when `date_to` is after `today`, the user's local date.

    The API returns figures for a day that has not happened yet (the sandbox invents them), so a
    range ending after today would show traffic that never happened.
    """
    if date_to > today:
        raise forms.ValidationError(
            _("The end date %(to)s is in the future, so it has no traffic yet. Choose %(today)s or an earlier day."),
            code="future", params={"to": date_to.isoformat(), "today": today.isoformat()})


def limit_date_inputs(form, today):
    """Set `max` on every date input of `form` to `today`, so the browser's date picker stops there."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.widget.attrs["max"] = today.isoformat()
