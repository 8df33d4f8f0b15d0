"""Report headings in Simplified Chinese use the reporting catalogue's wording, not Django admin's.

Django admin's catalogue translates the bare msgid "Summary" as 概览 and comes first in
INSTALLED_APPS, so the report heading carries its own context.
"""

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
