"""Report headings in Simplified Chinese use the reporting catalogue's wording, not Django admin's.

Django admin's catalogue translates the bare msgid "Summary" as 概览 and comes first in
INSTALLED_APPS, so the report heading carries its own context.
"""

import pytest
from django.utils import translation


def test_summary_heading_in_chinese():
    with translation.override("zh-hans"):
        assert translation.pgettext("report section", "Summary") == "概要"


def test_summary_heading_in_email_template():
    from django.template import Context, Template

    heading = Template('{% load i18n %}{% translate "Summary" context "report section" %}')
    with translation.override("zh-hans"):
        assert heading.render(Context()) == "概要"


def test_delivery_status_not_billing_column():
    from reporting.models import DeliveryStatus

    with translation.override("zh-hans"):
        assert str(DeliveryStatus.SENT.label) == "已发送"
        assert str(DeliveryStatus.FAILED.label) == "失败"


@pytest.mark.parametrize(("language", "expected"), [("en", "1,505,405"), ("zh-hans", "1,505,405")])
def test_counts_grouped_by_three(language, expected):
    from reporting.formatting import grouped

    with translation.override(language):
        assert grouped(1505405) == expected
        assert grouped(9999) == "9,999"


def test_schedule_form_connection_label_chinese(team):
    from reporting.forms import ReportScheduleForm

    with translation.override("zh-hans"):
        form = ReportScheduleForm(team=team)
        assert str(form.fields["connection"].label) != "Connection"
