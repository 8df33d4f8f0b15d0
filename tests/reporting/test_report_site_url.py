"""The unsubscribe link's base address: the REPORT_SITE_URL setting first, else where the schedule was saved."""

import pytest

from reporting.unsubscribe import read_token, unsubscribe_url
from reporting_helpers import make_schedule


@pytest.mark.django_db
def test_setting_overrides_saved_address(settings, connection_one):
    settings.REPORT_SITE_URL = "https://dash.example.com"
    schedule = make_schedule(connection_one)

    url = unsubscribe_url(schedule, "client@example.org")

    assert url.startswith("https://dash.example.com/reports/")
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert read_token(token) == (schedule.pk, "client@example.org")


@pytest.mark.django_db
def test_saved_address_used_without_setting(settings, connection_one):
    settings.REPORT_SITE_URL = ""
    schedule = make_schedule(connection_one)

    assert unsubscribe_url(schedule, "client@example.org").startswith("http://testserver/reports/")
