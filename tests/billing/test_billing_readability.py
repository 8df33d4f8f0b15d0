"""Billing pages a person can read: address checks, consistent billing dates, translated API values,
readable usage numbers and invoice paging, against the sandbox."""

import copy
import datetime
import html
import re

from django.urls import reverse

from billing.forms import AddressForm, add_api_error
from billing.labels import api_label
from rocketnet.errors import ValidationError
from sandbox.billing_state import DAY, day_text
from tests.billing.conftest import billing_record
from tests.conftest import AGENCY_ONE

ADDRESS = {
    "first_name": "Avery", "last_name": "Stone", "company_name": "", "email": "billing@example.com",
    "address_line_1": "1 Main St", "address_line_2": "", "city": "Springfield", "state": "IL",
    "postal_code": "62701", "country": "US", "telephone": "555-0100",
}


def address_url(connection, sandbox):
    address_id = next(iter(billing_record(sandbox)["addresses"]))
    return reverse("billing:address_edit", args=[connection.pk, address_id]), address_id


def text_of(response, element_id):
    match = re.search(rf'id="{element_id}"[^>]*>([^<]*)<', response.content.decode())
    assert match, element_id
    return match.group(1).strip()


# Addresses

def test_bad_telephone_and_postal_code_rejected(owner_browser, connection_one, sandbox):
    url, address_id = address_url(connection_one, sandbox)
    stored_before = dict(billing_record(sandbox)["addresses"][address_id])

    response = owner_browser.post(url, {**ADDRESS, "telephone": "abc", "postal_code": "-5"})

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["telephone"][0].startswith("abc is not a telephone number")
    assert errors["postal_code"][0].startswith("-5 is not a postal code")
    assert 'value="abc"' in response.content.decode()
    assert billing_record(sandbox)["addresses"][address_id] == stored_before


def test_address_form_value_table():
    cases = [
        ("telephone", "+1 (877) 374-0764", True), ("telephone", "555 0100", True),
        ("telephone", "abc", False), ("telephone", "+-()", False), ("telephone", "555-0100 ext 2", False),
        ("postal_code", "33469", True), ("postal_code", "SW1A 1AA", True), ("postal_code", "1234-567", True),
        ("postal_code", "-5", False), ("postal_code", " - ", False), ("postal_code", "62_701", False),
    ]
    for field, value, accepted in cases:
        form = AddressForm({**ADDRESS, field: value})
        assert form.is_valid() is accepted, (field, value, form.errors)


def test_api_address_message_next_to_field():
    form = AddressForm({**ADDRESS, "postal_code": "99999"})
    assert form.is_valid()

    add_api_error(form, ValidationError(400, ["postal_code 99999 does not exist in US"]))

    assert form.errors["postal_code"] == ["postal_code 99999 does not exist in US"]
    assert form.non_field_errors() == []


def test_good_address_values_saved(owner_browser, connection_one, sandbox):
    url, address_id = address_url(connection_one, sandbox)

    response = owner_browser.post(url, {**ADDRESS, "telephone": "+44 (20) 7946-0958", "postal_code": "SW1A 1AA"})

    assert response.status_code == 302
    stored = billing_record(sandbox)["addresses"][address_id]
    assert stored["telephone"] == "+44 (20) 7946-0958"
    assert stored["postal_code"] == "SW1A 1AA"


# Billing dates

def test_billing_dates_agree(owner_browser, connection_one, sandbox):
    invoices = billing_record(sandbox)["invoices"].values()
    newest = max(invoices, key=lambda invoice: invoice["issued_at"])
    expected = day_text(newest["issued_at"] + 30 * DAY)

    account_page = owner_browser.get(reverse("billing:account", args=[connection_one.pk]))
    plan_page = owner_browser.get(reverse("billing:plan", args=[connection_one.pk]))
    overview = owner_browser.get(reverse("billing:overview")).content.decode()

    assert text_of(account_page, "next-due-date") == expected
    assert text_of(plan_page, "plan-renews-on") == expected
    assert f"<td>{expected}</td>" in overview
    assert "Next billing period starts" in account_page.content.decode()
    assert "Plan renews on" in plan_page.content.decode()


def test_annual_plan_moves_renewal(owner_browser, connection_one, sandbox):
    owner_browser.post(reverse("billing:plan_change", args=[connection_one.pk]),
                       {"billing_product_id": 13, "billing_cycle": "Annual", "confirm": "on"})
    expected = day_text(sandbox.state.now() + 365 * DAY)

    account_page = owner_browser.get(reverse("billing:account", args=[connection_one.pk]))
    plan_page = owner_browser.get(reverse("billing:plan", args=[connection_one.pk]))

    assert text_of(plan_page, "plan-renews-on") == expected
    assert text_of(account_page, "next-due-date") == expected


# Translated API values

def test_api_values_translated_in_chinese(owner_browser, connection_one, sandbox):
    owner_browser.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})

    invoices = owner_browser.get(reverse("billing:invoice_list", args=[connection_one.pk])).content.decode()
    plan = owner_browser.get(reverse("billing:plan", args=[connection_one.pk])).content.decode()

    assert "<td>未付" in invoices
    assert "<td>Unpaid" not in invoices
    assert '<option value="Unpaid">未付</option>' in invoices
    assert "按月" in plan
    assert ">Monthly<" not in plan


def test_unknown_api_value_shown_raw():
    assert api_label("invoice_status", "On Hold") == "On Hold"
    assert api_label("billing_cycle", "") == ""
    assert str(api_label("billing_cycle", "Annual")) == "Annual"


# Usage

def test_usage_names_sites_and_sizes(owner_browser, connection_one, sandbox):
    response = owner_browser.get(reverse("billing:usage", args=[connection_one.pk]))
    page = response.content.decode()
    usage = response.context["usage"]
    sites = sandbox.state.sites_of(sandbox.state.account_by_email(AGENCY_ONE))

    assert response.status_code == 200
    for site in sites:
        assert html.escape(site.label) in page
        assert f"Site {site.id}" not in page
    total_kb = usage["totals"]["bandwidth"]
    assert total_kb > 1024 * 1024
    assert f">{round(total_kb)}<" not in page
    assert re.search(r'class="text-end">[\d.,]+\xa0(MB|GB|TB)<', page)


# Invoice paging

def add_invoices(sandbox, count):
    """Add `count` older copies of the oldest invoice, as a long-standing account would have."""
    invoices = billing_record(sandbox)["invoices"]
    oldest = min(invoices.values(), key=lambda invoice: invoice["issued_at"])
    for number in range(1, count + 1):
        invoice = copy.deepcopy(oldest)
        invoice.update(id=oldest["id"] - 100 - number, issued_at=oldest["issued_at"] - number * 30 * DAY,
                       due_at=oldest["due_at"] - number * 30 * DAY, status="Paid")
        invoices[invoice["id"]] = invoice
    return sorted(invoices.values(), key=lambda invoice: invoice["issued_at"], reverse=True)


def test_invoice_pages_follow_api(owner_browser, connection_one, sandbox):
    newest_first = [invoice["id"] for invoice in add_invoices(sandbox, 25)]
    url = reverse("billing:invoice_list", args=[connection_one.pk])

    pages = [owner_browser.get(url, {"page": number}) for number in (1, 2, 3, 4)]

    assert [[row.id for row in page.context["page"].rows] for page in pages] == [
        newest_first[0:10], newest_first[10:20], newest_first[20:30], newest_first[30:31]]
    assert 'rel="next" href="?status=&amp;page=2"' in pages[0].content.decode()
    assert 'rel="prev"' not in pages[0].content.decode()
    assert "Page 2 of 4" in pages[1].content.decode()
    assert 'rel="prev" href="?status=&amp;page=1"' in pages[1].content.decode()
    assert 'rel="next"' not in pages[3].content.decode()


def test_invoice_paging_keeps_status(owner_browser, connection_one, sandbox):
    paid = [invoice["id"] for invoice in add_invoices(sandbox, 25) if invoice["status"] == "Paid"]
    url = reverse("billing:invoice_list", args=[connection_one.pk])

    second = owner_browser.get(url, {"status": "Paid", "page": 2})

    assert [row.id for row in second.context["page"].rows] == paid[10:20]
    assert 'href="?status=Paid&amp;page=3"' in second.content.decode()
    assert 'href="?status=Paid&amp;page=1"' in second.content.decode()


def test_overdue_filter_pages(owner_browser, connection_one, sandbox):
    today = datetime.date.today().isoformat()
    invoices = add_invoices(sandbox, 12)
    for invoice in invoices[2:]:
        invoice["status"] = "Unpaid"
    overdue = [invoice["id"] for invoice in invoices if day_text(invoice["due_at"]) < today
               and invoice["status"] == "Unpaid"]
    url = reverse("billing:invoice_list", args=[connection_one.pk])

    second = owner_browser.get(url, {"status": "overdue", "page": 2})

    assert len(overdue) > 10
    assert [row.id for row in second.context["page"].rows] == overdue[10:20]


def test_invoice_page_out_of_range(owner_browser, connection_one, sandbox):
    url = reverse("billing:invoice_list", args=[connection_one.pk])

    beyond = owner_browser.get(url, {"page": 99})
    negative = owner_browser.get(url, {"page": -1})

    assert beyond.status_code == 404
    assert "Page 99 does not exist: this list has 1 page." in beyond.content.decode()
    assert 'href="?status=&amp;page=1">Show the last page' in beyond.content.decode()
    assert negative.status_code == 400
    assert "Page -1 does not exist; pages are numbered from 1." in negative.content.decode()
