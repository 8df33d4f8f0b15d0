"""The usage page's date range: no end date after today, and the typed dates kept on errors."""

import datetime

from django.urls import reverse
from django.utils import timezone

from billing.forms import UsageForm


def usage_url(connection):
    return reverse("billing:usage", args=[connection.pk])


def test_future_end_date_rejected(owner_browser, connection_one, sandbox):
    today = timezone.localdate()
    future = today + datetime.timedelta(days=12)
    start = today - datetime.timedelta(days=3)

    response = owner_browser.get(usage_url(connection_one),
                                 {"date_from": start.isoformat(), "date_to": future.isoformat()})
    page = response.content.decode()

    assert response.status_code == 400
    assert response.context["usage"] is None
    assert 'id="usage-totals"' not in page
    assert (f"The end date {future.isoformat()} is in the future, so it has no traffic yet. "
            f"Choose {today.isoformat()} or an earlier day.") in response.context["form"].errors["date_to"]
    assert f'value="{future.isoformat()}"' in page
    assert f'value="{start.isoformat()}"' in page


def test_future_range_shows_one_error(owner_browser, connection_one, sandbox):
    today = timezone.localdate()
    start = today + datetime.timedelta(days=5)
    end = today + datetime.timedelta(days=9)

    response = owner_browser.get(usage_url(connection_one), {"date_from": start.isoformat(), "date_to": end.isoformat()})
    errors = response.context["form"].errors

    assert response.status_code == 400
    assert list(errors) == ["date_to"]
    assert len(errors["date_to"]) == 1


def test_today_as_end_date_accepted(owner_browser, connection_one, sandbox):
    today = timezone.localdate()

    response = owner_browser.get(usage_url(connection_one), {"date_to": today.isoformat()})

    assert response.status_code == 200
    assert response.context["date_to"] == today
    assert response.context["date_from"] == today - datetime.timedelta(days=29)
    assert 'id="usage-totals"' in response.content.decode()


def test_date_inputs_stop_at_today(owner_browser, connection_one, sandbox):
    page = owner_browser.get(usage_url(connection_one)).content.decode()

    assert page.count(f'max="{timezone.localdate().isoformat()}"') == 2


def test_form_uses_given_today():
    today = datetime.date(2026, 3, 15)

    accepted = UsageForm({"date_from": "2026-03-01", "date_to": "2026-03-15"}, today=today)
    rejected = UsageForm({"date_from": "2026-03-01", "date_to": "2026-03-16"}, today=today)

    assert accepted.is_valid()
    assert not rejected.is_valid()
    assert rejected.errors["date_to"] == [
        "The end date 2026-03-16 is in the future, so it has no traffic yet. Choose 2026-03-15 or an earlier day."]
    assert rejected.fields["date_to"].widget.attrs["max"] == "2026-03-15"
