"""Paying an invoice with a PayPal subscription against the sandbox: create the plan, then confirm."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult, Role
from billing.views.paypal import PLANS_SESSION_KEY
from sandbox.billing_state import invoice_total
from tests.billing.conftest import billing_record, invoice_ids

ORDER_ID = "5O190127TN364715T"
SUBSCRIPTION_ID = "I-BW452GLLEP1G"


def start_url(connection, invoice_id):
    return reverse("billing:invoice_paypal", args=[connection.pk, invoice_id])


def confirm_url(connection, invoice_id):
    return reverse("billing:invoice_paypal_confirm", args=[connection.pk, invoice_id])


def field_errors(response, name):
    return response.context["form"].errors.get(name, [])


def unpaid_invoice(sandbox):
    invoice_id = invoice_ids(sandbox, status="Unpaid")[-1]
    return billing_record(sandbox)["invoices"][invoice_id]


def test_detail_links_to_paypal_steps(owner_browser, connection_one, sandbox):
    invoice = unpaid_invoice(sandbox)

    page = owner_browser.get(reverse("billing:invoice_detail", args=[connection_one.pk, invoice["id"]]))
    text = page.content.decode()

    assert f'href="{start_url(connection_one, invoice["id"])}"' in text
    assert f'href="{confirm_url(connection_one, invoice["id"])}"' in text
    assert "Pay with PayPal" in text
    assert "Confirm PayPal subscription" in text


def test_full_flow_pays_invoice(owner_browser, connection_one, sandbox, owner):
    record = billing_record(sandbox)
    invoice = unpaid_invoice(sandbox)
    methods_before = set(record["payment_methods"])

    started = owner_browser.post(start_url(connection_one, invoice["id"]), {"confirm": "on"})

    assert started.status_code == 302
    assert started.url == confirm_url(connection_one, invoice["id"])
    plan_id = record["paypal_plans"][invoice["id"]]
    assert invoice["status"] == "Unpaid"

    confirm_page = owner_browser.get(started.url)

    assert f"<code>{plan_id}</code>" in confirm_page.content.decode()

    confirmed = owner_browser.post(confirm_url(connection_one, invoice["id"]),
                                   {"paypal_order_id": f" {ORDER_ID} ", "paypal_subscription_id": SUBSCRIPTION_ID})

    assert confirmed.status_code == 302
    assert confirmed.url == reverse("billing:invoice_detail", args=[connection_one.pk, invoice["id"]])
    assert invoice["status"] == "Paid"
    assert invoice["id"] not in record["paypal_plans"]
    (method_id,) = set(record["payment_methods"]) - methods_before
    method = record["payment_methods"][method_id]
    assert method["type"] == "PayPal"
    assert method["active"] is True
    assert method["_paypal_order_id"] == ORDER_ID
    assert invoice["payment_method_id"] == method_id
    assert owner_browser.session[PLANS_SESSION_KEY] == {}

    created = AuditEvent.objects.get(action="billing.create_paypal_subscription")
    assert created.result == AuditResult.SUCCEEDED
    assert created.actor == owner
    assert created.connection == connection_one
    assert created.detail["invoice_id"] == invoice["id"]
    assert created.detail["paypal_plan_id"] == plan_id
    updated = AuditEvent.objects.get(action="billing.update_paypal_subscription")
    assert updated.result == AuditResult.SUCCEEDED
    assert updated.actor == owner
    assert updated.detail["invoice_id"] == invoice["id"]
    assert updated.detail["amount"] == str(invoice_total(invoice))
    assert updated.detail["paypal_order_id"] == ORDER_ID
    assert updated.detail["paypal_subscription_id"] == SUBSCRIPTION_ID


def test_start_requires_confirmation(owner_browser, connection_one, sandbox):
    invoice = unpaid_invoice(sandbox)
    url = start_url(connection_one, invoice["id"])

    page = owner_browser.get(url)
    unconfirmed = owner_browser.post(url, {})

    assert f"{invoice_total(invoice):.2f} USD" in page.content.decode()
    assert 'id="paypal-start-form"' in page.content.decode()
    assert unconfirmed.status_code == 400
    assert "Tick the box to start the PayPal payment" in field_errors(unconfirmed, "confirm")[0]
    assert billing_record(sandbox)["paypal_plans"] == {}
    assert not AuditEvent.objects.filter(action="billing.create_paypal_subscription").exists()


def test_confirm_form_validates_before_sending(owner_browser, connection_one, sandbox):
    invoice = unpaid_invoice(sandbox)
    owner_browser.post(start_url(connection_one, invoice["id"]), {"confirm": "on"})
    plan_id = billing_record(sandbox)["paypal_plans"][invoice["id"]]

    response = owner_browser.post(confirm_url(connection_one, invoice["id"]),
                                  {"paypal_order_id": "5O19 0127", "paypal_subscription_id": plan_id})

    assert response.status_code == 400
    assert "5O19 0127 is not a PayPal ID" in field_errors(response, "paypal_order_id")[0]
    assert "is the plan ID Rocket.net created" in field_errors(response, "paypal_subscription_id")[0]
    assert invoice["status"] == "Unpaid"
    assert billing_record(sandbox)["paypal_plans"][invoice["id"]] == plan_id
    assert not AuditEvent.objects.filter(action="billing.update_paypal_subscription").exists()


def test_confirm_requires_both_ids(owner_browser, connection_one, sandbox):
    invoice = unpaid_invoice(sandbox)

    response = owner_browser.post(confirm_url(connection_one, invoice["id"]), {"paypal_order_id": ORDER_ID})

    assert response.status_code == 400
    assert field_errors(response, "paypal_subscription_id") == ["This field is required."]
    assert field_errors(response, "paypal_order_id") == []
    assert not AuditEvent.objects.filter(action="billing.update_paypal_subscription").exists()


def test_api_length_message_next_to_field(owner_browser, connection_one, sandbox):
    # The form caps ids at 255 characters because the spec sets no limit, while the sandbox allows 100.
    invoice = unpaid_invoice(sandbox)
    owner_browser.post(start_url(connection_one, invoice["id"]), {"confirm": "on"})

    response = owner_browser.post(confirm_url(connection_one, invoice["id"]),
                                  {"paypal_order_id": "A" * 101, "paypal_subscription_id": SUBSCRIPTION_ID})

    assert response.status_code == 400
    assert "paypal_order_id must be at most 100 characters" in field_errors(response, "paypal_order_id")[0]
    assert field_errors(response, "paypal_subscription_id") == []
    assert response.context["form"].non_field_errors() == []
    assert invoice["status"] == "Unpaid"
    assert AuditEvent.objects.get(action="billing.update_paypal_subscription").result == AuditResult.FAILED


def test_confirm_without_plan_shows_api_message(owner_browser, connection_one, sandbox):
    invoice = unpaid_invoice(sandbox)

    page = owner_browser.get(confirm_url(connection_one, invoice["id"]))
    response = owner_browser.post(confirm_url(connection_one, invoice["id"]),
                                  {"paypal_order_id": ORDER_ID, "paypal_subscription_id": SUBSCRIPTION_ID})

    assert "Not created in this session." in page.content.decode()
    assert response.status_code == 400
    assert f"invoice {invoice['id']} has no PayPal plan yet" in " ".join(response.context["form"].non_field_errors())
    assert invoice["status"] == "Unpaid"
    event = AuditEvent.objects.get(action="billing.update_paypal_subscription")
    assert event.result == AuditResult.FAILED
    assert "no PayPal plan yet" in event.detail["error"]


def test_paid_invoice_offers_no_paypal(owner_browser, connection_one, sandbox):
    invoice_id = invoice_ids(sandbox, status="Paid")[0]

    page = owner_browser.get(start_url(connection_one, invoice_id))
    posted = owner_browser.post(start_url(connection_one, invoice_id), {"confirm": "on"})

    assert "nothing to pay" in page.content.decode()
    assert 'id="paypal-start-form"' not in page.content.decode()
    assert posted.status_code == 400
    assert billing_record(sandbox)["paypal_plans"] == {}
    assert not AuditEvent.objects.filter(action="billing.create_paypal_subscription").exists()


def test_admin_can_start_paypal(admin_browser, connection_one, sandbox, users):
    invoice = unpaid_invoice(sandbox)

    response = admin_browser.post(start_url(connection_one, invoice["id"]), {"confirm": "on"})

    assert response.status_code == 302
    assert invoice["id"] in billing_record(sandbox)["paypal_plans"]
    assert AuditEvent.objects.get(action="billing.create_paypal_subscription").actor == users[Role.ADMIN]


@pytest.mark.parametrize("role", [Role.VIEWER, Role.MEMBER])
def test_lower_roles_get_403(browser_for, connection_one, sandbox, role):
    invoice = unpaid_invoice(sandbox)
    browser = browser_for(role)
    ids = {"paypal_order_id": ORDER_ID, "paypal_subscription_id": SUBSCRIPTION_ID}

    for url, data in ((start_url(connection_one, invoice["id"]), {"confirm": "on"}),
                      (confirm_url(connection_one, invoice["id"]), ids)):
        page = browser.get(url)
        posted = browser.post(url, data)

        assert page.status_code == 403, f"GET {url} as {role} gave {page.status_code}"
        assert posted.status_code == 403, f"POST {url} as {role} gave {posted.status_code}"
        assert b"Client One" not in posted.content

    assert billing_record(sandbox)["paypal_plans"] == {}
    assert invoice["status"] == "Unpaid"
    assert not AuditEvent.objects.filter(action__startswith="billing.").exists()


def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox):
    invoice = unpaid_invoice(sandbox)
    browser = browser_for("outsider")
    ids = {"paypal_order_id": ORDER_ID, "paypal_subscription_id": SUBSCRIPTION_ID}

    for url, data in ((start_url(connection_one, invoice["id"]), {"confirm": "on"}),
                      (confirm_url(connection_one, invoice["id"]), ids)):
        page = browser.get(url)
        posted = browser.post(url, data)

        assert page.status_code == 404, f"GET {url} as outsider gave {page.status_code}"
        assert posted.status_code == 404, f"POST {url} as outsider gave {posted.status_code}"
        assert b"Client One" not in posted.content

    assert billing_record(sandbox)["paypal_plans"] == {}
    assert invoice["status"] == "Unpaid"
    assert not AuditEvent.objects.filter(action__startswith="billing.").exists()
