"""The account's next_due_date carries the same label on the billing and the connection settings pages."""

from django.urls import reverse

LABEL = "Next billing period starts"


def test_settings_page_uses_billing_label(owner_browser, connection_one, sandbox):
    settings_page = owner_browser.get(reverse("accounts:connection_settings", args=[connection_one.pk]))
    billing_page = owner_browser.get(reverse("billing:account", args=[connection_one.pk]))

    assert settings_page.status_code == 200
    assert billing_page.status_code == 200
    assert LABEL in billing_page.content.decode()
    assert LABEL in settings_page.content.decode()
    assert "Next invoice due" not in settings_page.content.decode()
