"""Report headings in Simplified Chinese use the reporting catalogue's wording, not Django admin's."""

from django.utils import translation


def test_summary_heading_in_chinese():
    with translation.override("zh-hans"):
        assert translation.gettext("Summary") == "概要"
