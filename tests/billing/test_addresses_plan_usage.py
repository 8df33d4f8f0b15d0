"""Addresses, billing emails, the hosting plan change, usage and account details against the sandbox."""

import datetime

from django.urls import reverse

from accounts.models import AuditEvent, AuditResult
from sandbox.billing_state import PRODUCTS
from tests.billing.conftest import billing_record, invoice_ids

ADDRESS = {
    "first_name": "Avery", "last_name": "Stone", "company_name": "Stone Studio", "email": "Billing@Example.com",
    "address_line_1": "1 Main St", "address_line_2": "", "city": "Springfield", "state": "IL",
    "postal_code": "62701", "country": "us", "telephone": "555-0100", "receive_invoice_emails": "on",
}


def field_errors(response, name):
    return response.context["form"].errors.get(name, [])


def test_address_created(owner_browser, connection_one, sandbox):
    record = billing_record(sandbox)
    before = set(record["addresses"])

    response = owner_browser.post(reverse("billing:address_add", args=[connection_one.pk]), ADDRESS)

    assert response.status_code == 302
    (new_id,) = set(record["addresses"]) - before
    assert record["addresses"][new_id]["country"] == "US"
    assert record["addresses"][new_id]["email"] == "billing@example.com"
    assert AuditEvent.objects.get(action="billing.create_address").result == AuditResult.SUCCEEDED


def test_address_form_validates_before_sending(owner_browser, connection_one, sandbox):
    before = set(billing_record(sandbox)["addresses"])

    response = owner_browser.post(reverse("billing:address_add", args=[connection_one.pk]),
                                  {**ADDRESS, "country": "U1", "city": ""})

    assert response.status_code == 400
    assert "U1 is not a country code" in field_errors(response, "country")[0]
    assert field_errors(response, "city") == ["This field is required."]
    assert set(billing_record(sandbox)["addresses"]) == before
    assert not AuditEvent.objects.filter(action="billing.create_address").exists()


def test_api_email_message_next_to_field(owner_browser, connection_one, sandbox):
    # Django accepts an address without a dot in the domain; the API does not.
    response = owner_browser.post(reverse("billing:address_add", args=[connection_one.pk]),
                                  {**ADDRESS, "email": "billing@localhost"})

    assert response.status_code == 400
    assert "email must be an email address" in field_errors(response, "email")[0]
    assert response.context["form"].non_field_errors() == []
    assert AuditEvent.objects.get(action="billing.create_address").result == AuditResult.FAILED


def test_address_edited(owner_browser, connection_one, sandbox):
    address = next(iter(billing_record(sandbox)["addresses"].values()))
    url = reverse("billing:address_edit", args=[connection_one.pk, address["id"]])

    postal_code_before = address["postal_code"]

    form_page = owner_browser.get(url)
    response = owner_browser.post(url, {**ADDRESS, "city": "Shelbyville"})

    assert f'value="{postal_code_before}"' in form_page.content.decode()
    assert response.status_code == 302
    assert address["city"] == "Shelbyville"
    assert AuditEvent.objects.get(action="billing.update_address").detail == {"address_id": address["id"]}


def test_address_in_use_not_deleted(owner_browser, connection_one, sandbox):
    address = next(iter(billing_record(sandbox)["addresses"].values()))
    url = reverse("billing:address_delete", args=[connection_one.pk, address["id"]])

    confirm_page = owner_browser.get(url)
    response = owner_browser.post(url)

    assert 'id="delete-form"' in confirm_page.content.decode()
    assert response.status_code == 400
    assert "move or delete those first" in response.content.decode()
    assert address["id"] in billing_record(sandbox)["addresses"]


def test_unused_address_deleted(owner_browser, connection_one, sandbox):
    owner_browser.post(reverse("billing:address_add", args=[connection_one.pk]), ADDRESS)
    record = billing_record(sandbox)
    new_id = max(record["addresses"])

    response = owner_browser.post(reverse("billing:address_delete", args=[connection_one.pk, new_id]))

    assert response.status_code == 302
    assert new_id not in record["addresses"]
    assert AuditEvent.objects.get(action="billing.delete_address").result == AuditResult.SUCCEEDED


def test_emails_listed_and_shown(owner_browser, connection_one, sandbox):
    emails = billing_record(sandbox)["emails"]
    email = next(iter(emails.values()))

    listing = owner_browser.get(reverse("billing:email_list", args=[connection_one.pk]))
    detail = owner_browser.get(reverse("billing:email_detail", args=[connection_one.pk, email["id"]]))

    assert all(item["subject"] in listing.content.decode() for item in emails.values())
    assert email["subject"] in detail.content.decode()
    assert "<iframe sandbox" in detail.content.decode()
    assert "&lt;p&gt;" in detail.content.decode()


def test_plan_page_lists_products(owner_browser, connection_one, sandbox):
    response = owner_browser.get(reverse("billing:plan", args=[connection_one.pk]))
    page = response.content.decode()

    assert response.status_code == 200
    assert sandbox.state.account_by_email(connection_one.email).plan in page
    for product in PRODUCTS:
        assert product[1] in page


def test_plan_preview_changes_nothing(owner_browser, connection_one, sandbox):
    account = sandbox.state.account_by_email(connection_one.email)
    plan_before, invoices_before = account.plan, invoice_ids(sandbox)

    response = owner_browser.post(reverse("billing:plan_preview", args=[connection_one.pk]),
                                  {"billing_product_id": 13, "billing_cycle": "Annual"})

    assert response.status_code == 200
    assert "3500.00 USD" in response.content.decode()
    assert 'id="plan-confirm-form"' in response.content.decode()
    assert account.plan == plan_before
    assert invoice_ids(sandbox) == invoices_before
    assert not AuditEvent.objects.filter(action="billing.change_plan").exists()


def test_plan_change_needs_confirmation(owner_browser, connection_one, sandbox):
    account = sandbox.state.account_by_email(connection_one.email)
    plan_before = account.plan

    response = owner_browser.post(reverse("billing:plan_change", args=[connection_one.pk]),
                                  {"billing_product_id": 13, "billing_cycle": "Monthly"})

    assert response.status_code == 400
    assert response.context["form"].errors["confirm"] == ["Tick the box to confirm the plan change; nothing was changed."]
    assert 'id="plan-confirm-form"' in response.content.decode()
    assert "350.00 USD" in response.content.decode()
    assert 'name="billing_product_id" value="13"' in response.content.decode()
    assert account.plan == plan_before


def test_confirmed_plan_change_audited(owner_browser, connection_one, sandbox):
    account = sandbox.state.account_by_email(connection_one.email)
    invoices_before = set(invoice_ids(sandbox))

    response = owner_browser.post(reverse("billing:plan_change", args=[connection_one.pk]),
                                  {"billing_product_id": 13, "billing_cycle": "Monthly", "confirm": "on"},
                                  follow=True)

    (new_invoice,) = set(invoice_ids(sandbox)) - invoices_before
    assert account.plan == "Agency 50"
    assert billing_record(sandbox)["invoices"][new_invoice]["status"] == "Unpaid"
    assert f"Invoice {new_invoice} for 350.00 USD" in response.content.decode()
    event = AuditEvent.objects.get(action="billing.change_plan")
    assert event.result == AuditResult.SUCCEEDED
    assert event.target == "Agency 50"
    assert event.detail == {"billing_product_id": 13, "billing_cycle": "Monthly", "invoice_id": new_invoice,
                            "total": "350.0"}


def test_too_small_plan_shows_412_message(owner_browser, connection_one, sandbox):
    response = owner_browser.post(reverse("billing:plan_preview", args=[connection_one.pk]),
                                  {"billing_product_id": 1, "billing_cycle": "Monthly"})

    assert response.status_code == 400
    assert "delete sites first or choose a larger plan" in " ".join(response.context["form"].non_field_errors())


def test_unknown_product_rejected_by_form(owner_browser, connection_one):
    response = owner_browser.post(reverse("billing:plan_preview", args=[connection_one.pk]),
                                  {"billing_product_id": 999, "billing_cycle": "Monthly"})

    assert response.status_code == 400
    assert "Plan 999 is not on sale" in field_errors(response, "billing_product_id")[0]


def test_usage_for_date_range(owner_browser, connection_one, sandbox):
    url = reverse("billing:usage", args=[connection_one.pk])
    today = datetime.date.today()

    response = owner_browser.get(url, {"date_from": (today - datetime.timedelta(days=6)).isoformat(),
                                       "date_to": today.isoformat()})
    usage = response.context["usage"]
    site_ids = {site.id for site in sandbox.state.sites_of(sandbox.state.account_by_email(connection_one.email))}

    assert response.status_code == 200
    assert {row["site_id"] for row in usage["usage"]} == site_ids
    assert usage["totals"]["visitors"] == sum(row["visitors"] for row in usage["usage"])
    assert f'{round(usage["totals"]["visitors"]):,}' in response.content.decode()


def test_usage_range_reversed_rejected(owner_browser, connection_one):
    response = owner_browser.get(reverse("billing:usage", args=[connection_one.pk]),
                                 {"date_from": "2026-03-10", "date_to": "2026-03-01"})

    assert response.status_code == 400
    assert "2026-03-10 is after the end date 2026-03-01" in field_errors(response, "date_from")[0]


def test_account_page_links_settings(owner_browser, connection_one, sandbox):
    response = owner_browser.get(reverse("billing:account", args=[connection_one.pk]))
    page = response.content.decode()

    assert connection_one.email in page
    assert sandbox.state.account_by_email(connection_one.email).plan in page
    assert reverse("accounts:connection_settings", args=[connection_one.pk]) in page


def test_unknown_address_is_404(owner_browser, connection_one, sandbox):
    for name in ("billing:address_edit", "billing:address_delete"):
        response = owner_browser.get(reverse(name, args=[connection_one.pk, 987654]))

        page = response.content.decode()
        assert response.status_code == 404
        assert "Billing address 987654 does not exist in this Rocket.net account." in page
        assert "HTTP 400" not in page


def test_unknown_billing_email_is_404(owner_browser, connection_one, sandbox):
    response = owner_browser.get(reverse("billing:email_detail", args=[connection_one.pk, 987654]))

    assert response.status_code == 404
    assert "Billing email 987654 does not exist in this Rocket.net account." in response.content.decode()
