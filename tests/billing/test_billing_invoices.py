"""Invoices of one connection against the sandbox: list, filter, paging, detail, PDF and payment."""

import datetime

import requests
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult
from sandbox.billing_state import day_text, invoice_total
from tests.billing.conftest import billing_record, invoice_ids
from tests.conftest import AGENCY_TWO


def list_url(connection, **query):
    url = reverse("billing:invoice_list", args=[connection.pk])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def listed_ids(response):
    return [row.id for row in response.context["page"].rows]


def test_list_shows_every_invoice_newest_first(owner_browser, connection_one, sandbox):
    response = owner_browser.get(list_url(connection_one))
    invoices = billing_record(sandbox)["invoices"].values()
    expected = [invoice["id"] for invoice in sorted(invoices, key=lambda item: item["issued_at"], reverse=True)]

    assert response.status_code == 200
    assert listed_ids(response) == expected
    assert f"{invoice_total(billing_record(sandbox)['invoices'][expected[0]]):.2f}" in response.content.decode()


def test_status_filter_passes_to_api(owner_browser, connection_one, sandbox):
    response = owner_browser.get(list_url(connection_one, status="Paid"))

    assert sorted(listed_ids(response)) == invoice_ids(sandbox, status="Paid")


def test_overdue_filter_keeps_unpaid_past_due(owner_browser, connection_two, sandbox):
    today = datetime.date.today().isoformat()
    record = billing_record(sandbox, AGENCY_TWO)
    expected = sorted(invoice["id"] for invoice in record["invoices"].values()
                      if invoice["status"] in ("Unpaid", "Collections") and day_text(invoice["due_at"]) < today)

    response = owner_browser.get(list_url(connection_two, status="overdue"))

    assert expected, "the sandbox seeds one overdue invoice per account"
    assert sorted(listed_ids(response)) == expected
    assert "overdue" in response.content.decode()


def test_unknown_status_named_in_error(owner_browser, connection_one):
    response = owner_browser.get(list_url(connection_one, status="Lost"))

    assert response.status_code == 400
    assert "Status Lost does not exist" in response.content.decode()


def test_paging_splits_at_ten(owner_browser, connection_one, sandbox):
    record = billing_record(sandbox)
    template = next(iter(record["invoices"].values()))
    for number in range(1, 7):
        copy = dict(template, id=template["id"] + 100 + number, issued_at=template["issued_at"] - number * 86400 * 400)
        record["invoices"][copy["id"]] = copy

    first = owner_browser.get(list_url(connection_one))
    second = owner_browser.get(list_url(connection_one, page=2))

    assert len(listed_ids(first)) == 10
    assert len(listed_ids(second)) == 2
    assert not set(listed_ids(first)) & set(listed_ids(second))
    assert "Page 2 of 2" in second.content.decode()


def test_detail_lists_line_items(owner_browser, connection_one, sandbox):
    invoice_id = invoice_ids(sandbox, status="Unpaid")[-1]
    invoice = billing_record(sandbox)["invoices"][invoice_id]

    response = owner_browser.get(reverse("billing:invoice_detail", args=[connection_one.pk, invoice_id]))
    page = response.content.decode()

    assert response.status_code == 200
    for item in invoice["items"]:
        assert item["description"] in page
        assert f"{item['amount']:.2f}" in page
    assert f"{invoice_total(invoice):.2f}" in page


def test_unknown_invoice_shows_api_message(owner_browser, connection_one):
    response = owner_browser.get(reverse("billing:invoice_detail", args=[connection_one.pk, 12345]))

    assert response.status_code == 502
    assert "invoice 12345 not found" in response.content.decode()


def test_pdf_streams_sandbox_bytes(owner_browser, connection_one, sandbox):
    invoice_id = invoice_ids(sandbox, status="Paid")[0]
    token = billing_record(sandbox)["invoices"][invoice_id]["token"]
    direct = requests.get(f"{sandbox.url}/v1/billing/invoices/{invoice_id}/pdf", params={"token": token}, timeout=10)

    response = owner_browser.get(reverse("billing:invoice_pdf", args=[connection_one.pk, invoice_id]))
    body = b"".join(response.streaming_content)

    assert response.streaming
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="invoice-{invoice_id}.pdf"'
    assert body == direct.content
    assert body.startswith(b"%PDF")


def test_pay_page_asks_confirmation(owner_browser, connection_one, sandbox):
    invoice_id = invoice_ids(sandbox, status="Unpaid")[-1]
    invoice = billing_record(sandbox)["invoices"][invoice_id]
    url = reverse("billing:invoice_pay", args=[connection_one.pk, invoice_id])
    card_id = next(iter(billing_record(sandbox)["payment_methods"]))

    page = owner_browser.get(url)
    unconfirmed = owner_browser.post(url, {"payment_method_id": card_id})

    assert f"{invoice_total(invoice):.2f} USD" in page.content.decode()
    assert "4242" in page.content.decode()
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm the payment" in unconfirmed.content.decode()
    assert invoice["status"] == "Unpaid"
    assert not AuditEvent.objects.filter(action="billing.pay_invoice").exists()


def test_confirmed_payment_is_audited(owner_browser, connection_one, sandbox, owner):
    invoice_id = invoice_ids(sandbox, status="Unpaid")[-1]
    invoice = billing_record(sandbox)["invoices"][invoice_id]
    card_id = next(iter(billing_record(sandbox)["payment_methods"]))
    url = reverse("billing:invoice_pay", args=[connection_one.pk, invoice_id])

    response = owner_browser.post(url, {"payment_method_id": card_id, "confirm": "on"})

    assert response.status_code == 302
    assert invoice["status"] == "Paid"
    event = AuditEvent.objects.get(action="billing.pay_invoice")
    assert event.result == AuditResult.SUCCEEDED
    assert event.actor == owner
    assert event.connection == connection_one
    assert event.detail["invoice_id"] == invoice_id
    assert event.detail["amount"] == str(invoice_total(invoice))
    assert event.detail["last4"] == "4242"


def test_payment_with_other_card_makes_it_default(owner_browser, connection_one, sandbox):
    record = billing_record(sandbox)
    seeded = next(iter(record["payment_methods"].values()))
    second = dict(seeded, id=seeded["id"] + 500, active=False, card_last_four="4444", card_type="MasterCard")
    record["payment_methods"][second["id"]] = second
    invoice_id = invoice_ids(sandbox, status="Unpaid")[-1]

    owner_browser.post(reverse("billing:invoice_pay", args=[connection_one.pk, invoice_id]),
                       {"payment_method_id": second["id"], "confirm": "on"})

    assert record["invoices"][invoice_id]["status"] == "Paid"
    assert record["invoices"][invoice_id]["payment_method_id"] == second["id"]
    assert second["active"] is True
    assert seeded["active"] is False
    assert AuditEvent.objects.filter(action="billing.update_payment_method", result=AuditResult.SUCCEEDED).exists()


def test_expired_card_error_shown_and_audited(owner_browser, connection_one, sandbox):
    card = next(iter(billing_record(sandbox)["payment_methods"].values()))
    card["expiry_date"] = "01/20"
    invoice_id = invoice_ids(sandbox, status="Unpaid")[-1]

    response = owner_browser.post(reverse("billing:invoice_pay", args=[connection_one.pk, invoice_id]),
                                  {"payment_method_id": card["id"], "confirm": "on"})

    assert response.status_code == 400
    assert "expired in 01/20" in response.content.decode()
    assert billing_record(sandbox)["invoices"][invoice_id]["status"] == "Unpaid"
    assert AuditEvent.objects.get(action="billing.pay_invoice").result == AuditResult.FAILED


def test_paid_invoice_has_nothing_to_pay(owner_browser, connection_one, sandbox):
    invoice_id = invoice_ids(sandbox, status="Paid")[0]
    url = reverse("billing:invoice_pay", args=[connection_one.pk, invoice_id])

    page = owner_browser.get(url)
    posted = owner_browser.post(url, {"confirm": "on"})

    assert "nothing to pay" in page.content.decode()
    assert 'id="pay-form"' not in page.content.decode()
    assert posted.status_code == 400
    assert not AuditEvent.objects.filter(action="billing.pay_invoice").exists()
