"""Payment methods against the sandbox: the setup-intent card flow, edits and deletion."""

import logging

from django.urls import reverse

from accounts.models import AuditEvent, AuditResult
from tests.billing.conftest import billing_record

CARD_NUMBER = "4242424242424242"


def add_card(browser, connection, token, **fields):
    """Run both steps of adding a card; return the second step's response."""
    browser.post(reverse("billing:card_setup", args=[connection.pk]))
    address_id = fields.pop("address_id", None)
    data = {"card_token": token, "address_id": address_id, "intent_id": "seti_test", **fields}
    return browser.post(reverse("billing:card_save", args=[connection.pk]), data)


def field_errors(response, name):
    return response.context["form"].errors.get(name, [])


def test_card_form_has_no_card_number_field(owner_browser, connection_one, sandbox):
    setup = owner_browser.post(reverse("billing:card_setup", args=[connection_one.pk]))
    page = setup.content.decode()

    assert setup.status_code == 200
    assert 'name="card_token"' in page
    assert "cc-number" not in page
    assert 'name="card_number"' not in page
    assert "_secret_" not in page
    assert len(billing_record(sandbox)["setup_intents"]) == 1


def test_card_added_through_setup_intent(owner_browser, connection_one, sandbox, caplog):
    record = billing_record(sandbox)
    address_id = next(iter(record["addresses"]))
    before = set(record["payment_methods"])

    with caplog.at_level(logging.DEBUG):
        response = add_card(owner_browser, connection_one, "tok_mastercard", address_id=address_id,
                            description="Backup card", active="on")

    assert response.status_code == 302
    new_ids = set(record["payment_methods"]) - before
    assert len(new_ids) == 1
    method = record["payment_methods"][new_ids.pop()]
    assert method["card_last_four"] == "4444"
    assert method["description"] == "Backup card"
    assert method["active"] is True
    assert record["setup_intents"] == []
    event = AuditEvent.objects.get(action="billing.add_payment_method")
    assert event.result == AuditResult.SUCCEEDED
    assert "tok_mastercard" not in str(event.detail)
    assert "tok_mastercard" not in caplog.text


def test_card_number_rejected_before_sending(owner_browser, connection_one, sandbox, caplog):
    record = billing_record(sandbox)
    address_id = next(iter(record["addresses"]))
    before = set(record["payment_methods"])

    with caplog.at_level(logging.DEBUG):
        response = add_card(owner_browser, connection_one, CARD_NUMBER, address_id=address_id)

    assert response.status_code == 400
    assert "looks like a card number" in field_errors(response, "card_token")[0]
    assert CARD_NUMBER not in response.content.decode()
    assert CARD_NUMBER not in caplog.text
    assert set(record["payment_methods"]) == before
    assert len(record["setup_intents"]) == 1
    assert not AuditEvent.objects.filter(action="billing.add_payment_method").exists()


def test_api_token_error_next_to_field(owner_browser, connection_one, sandbox):
    address_id = next(iter(billing_record(sandbox)["addresses"]))

    response = add_card(owner_browser, connection_one, "tok_chargeDeclined", address_id=address_id)

    assert response.status_code == 400
    assert field_errors(response, "card_token") == []
    assert "declined" in " ".join(response.context["form"].non_field_errors())
    assert AuditEvent.objects.get(action="billing.add_payment_method").result == AuditResult.FAILED


def test_unknown_token_message_on_field(owner_browser, connection_one, sandbox):
    address_id = next(iter(billing_record(sandbox)["addresses"]))

    response = add_card(owner_browser, connection_one, "tok_unknownbrand", address_id=address_id)

    assert response.status_code == 400
    assert "tok_unknownbrand" in field_errors(response, "card_token")[0]
    assert "is not a card token the sandbox knows" in field_errors(response, "card_token")[0]


def test_card_without_setup_intent_shows_api_message(owner_browser, connection_one, sandbox):
    address_id = next(iter(billing_record(sandbox)["addresses"]))

    response = owner_browser.post(reverse("billing:card_save", args=[connection_one.pk]),
                                  {"card_token": "tok_visa", "address_id": address_id})

    assert response.status_code == 400
    assert "no open setup intent" in " ".join(response.context["form"].non_field_errors())


def test_edit_sets_expiry_and_description(owner_browser, connection_one, sandbox):
    method = next(iter(billing_record(sandbox)["payment_methods"].values()))
    url = reverse("billing:method_edit", args=[connection_one.pk, method["id"]])

    response = owner_browser.post(url, {"description": "Office Visa", "expiry_date": "04/39",
                                        "address_id": method["address_id"], "active": "on"})

    assert response.status_code == 302
    assert method["expiry_date"] == "04/39"
    assert method["description"] == "Office Visa"
    event = AuditEvent.objects.get(action="billing.update_payment_method")
    assert event.detail == {"payment_method_id": method["id"], "description": "Office Visa", "expiry_date": "04/39"}


def test_edit_rejects_past_expiry(owner_browser, connection_one, sandbox):
    method = next(iter(billing_record(sandbox)["payment_methods"].values()))
    before = method["expiry_date"]
    url = reverse("billing:method_edit", args=[connection_one.pk, method["id"]])

    malformed = owner_browser.post(url, {"description": "x", "expiry_date": "13/30", "address_id": method["address_id"]})
    past = owner_browser.post(url, {"description": "x", "expiry_date": "01/20", "address_id": method["address_id"]})

    assert "13/30 is not a valid expiry date" in field_errors(malformed, "expiry_date")[0]
    assert "01/20 is in the past" in field_errors(past, "expiry_date")[0]
    assert method["expiry_date"] == before
    assert not AuditEvent.objects.filter(action="billing.update_payment_method").exists()


def test_make_default_switches_active_card(owner_browser, connection_one, sandbox):
    record = billing_record(sandbox)
    seeded = next(iter(record["payment_methods"].values()))
    add_card(owner_browser, connection_one, "tok_amex", address_id=seeded["address_id"])
    added = next(method for method in record["payment_methods"].values() if method["card_last_four"] == "8431")

    owner_browser.post(reverse("billing:method_edit", args=[connection_one.pk, added["id"]]),
                       {"description": added["description"], "expiry_date": added["expiry_date"],
                        "address_id": added["address_id"], "active": "on"})

    assert added["active"] is True
    assert seeded["active"] is False


def test_delete_asks_then_deletes(owner_browser, connection_one, sandbox):
    record = billing_record(sandbox)
    seeded = next(iter(record["payment_methods"].values()))
    add_card(owner_browser, connection_one, "tok_discover", address_id=seeded["address_id"])
    added = next(method for method in record["payment_methods"].values() if method["card_last_four"] == "1117")
    url = reverse("billing:method_delete", args=[connection_one.pk, added["id"]])

    confirm_page = owner_browser.get(url)
    assert added["id"] in record["payment_methods"]
    response = owner_browser.post(url)

    assert 'id="delete-form"' in confirm_page.content.decode()
    assert response.status_code == 302
    assert added["id"] not in record["payment_methods"]
    assert AuditEvent.objects.get(action="billing.delete_payment_method").result == AuditResult.SUCCEEDED


def test_delete_default_card_with_open_invoices(owner_browser, connection_one, sandbox):
    method = next(iter(billing_record(sandbox)["payment_methods"].values()))

    response = owner_browser.post(reverse("billing:method_delete", args=[connection_one.pk, method["id"]]))

    assert response.status_code == 400
    assert "activate another payment method first" in response.content.decode()
    assert method["id"] in billing_record(sandbox)["payment_methods"]
    assert AuditEvent.objects.get(action="billing.delete_payment_method").result == AuditResult.FAILED
