"""Disk usage arrives in kilobytes and is shown in readable units."""

from django.utils import translation

from sites.templatetags.sites_format import kilobytes


def test_kilobytes_as_readable_size():
    with translation.override("en"):
        assert kilobytes(4429348) == "4.2\xa0GB"
        assert kilobytes(512) == "512.0\xa0KB"
        assert kilobytes(0) == "0\xa0bytes"


def test_kilobytes_missing_value_blank():
    assert kilobytes(None) == ""
    assert kilobytes("not a number") == ""
