"""Every billing URL: owners and admins get in, viewers and members get 403, outsiders get 404.

The URLs point at real objects of agency one's sandbox account, so a leak would show real data.
"""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, Role
from tests.billing.conftest import billing_record, invoice_ids
from tests.roles.url_world import project_patterns

# URL name -> the methods the view takes.
BILLING_URLS = {
    "billing:overview": ("get",),
    "billing:export_csv": ("get",),
    "billing:account": ("get",),
    "billing:invoice_list": ("get",),
    "billing:invoice_detail": ("get",),
    "billing:invoice_pdf": ("get",),
    "billing:invoice_pay": ("get", "post"),
    "billing:invoice_paypal": ("get", "post"),
    "billing:invoice_paypal_confirm": ("get", "post"),
    "billing:payment_methods": ("get",),
    "billing:card_add": ("get",),
    "billing:card_setup": ("post",),
    "billing:card_save": ("post",),
    "billing:method_edit": ("get", "post"),
    "billing:method_delete": ("get", "post"),
    "billing:address_list": ("get",),
    "billing:address_add": ("get", "post"),
    "billing:address_edit": ("get", "post"),
    "billing:address_delete": ("get", "post"),
    "billing:email_list": ("get",),
    "billing:email_detail": ("get",),
    "billing:plan": ("get",),
    "billing:plan_preview": ("post",),
    "billing:plan_change": ("post",),
    "billing:usage": ("get",),
}
TEAM_LEVEL = {"billing:overview", "billing:export_csv"}


def billing_url(name, connection, sandbox):
    if name in TEAM_LEVEL:
        return reverse(name)

    record = billing_record(sandbox)
    values = {
        "connection_pk": connection.pk,
        "invoice_id": invoice_ids(sandbox, status="Unpaid")[0],
        "payment_method_id": next(iter(record["payment_methods"])),
        "address_id": next(iter(record["addresses"])),
        "email_id": next(iter(record["emails"])),
    }
    route = dict(project_patterns())[name]
    kwargs = {key: value for key, value in values.items() if f"<int:{key}>" in route}
    return reverse(name, kwargs=kwargs)


def test_list_covers_every_billing_url():
    names = {name for name, _route in project_patterns() if name.startswith("billing:")}

    assert names == set(BILLING_URLS)


@pytest.mark.parametrize("name", sorted(BILLING_URLS))
@pytest.mark.parametrize("role", [Role.VIEWER, Role.MEMBER])
def test_lower_roles_get_403(browser_for, connection_one, sandbox, name, role):
    url = billing_url(name, connection_one, sandbox)
    browser = browser_for(role)
    methods_before = dict(billing_record(sandbox)["payment_methods"])

    for method in BILLING_URLS[name]:
        response = getattr(browser, method)(url, {"confirm": "on"} if method == "post" else None)

        assert response.status_code == 403, f"{method.upper()} {url} as {role} gave {response.status_code}"
        assert b"Client One" not in response.content

    assert billing_record(sandbox)["payment_methods"] == methods_before
    assert not AuditEvent.objects.filter(action__startswith="billing.").exists()


@pytest.mark.parametrize("name", sorted(set(BILLING_URLS) - TEAM_LEVEL))
def test_outsider_gets_404(browser_for, connection_one, outsider_connection, sandbox, name):
    url = billing_url(name, connection_one, sandbox)
    browser = browser_for("outsider")
    unpaid_before = invoice_ids(sandbox, status="Unpaid")

    for method in BILLING_URLS[name]:
        response = getattr(browser, method)(url, {"confirm": "on"} if method == "post" else None)

        assert response.status_code == 404, f"{method.upper()} {url} as outsider gave {response.status_code}"
        assert b"Client One" not in response.content

    assert invoice_ids(sandbox, status="Unpaid") == unpaid_before


def test_outsider_overview_shows_only_own_team(browser_for, connection_one, outsider_connection):
    browser = browser_for("outsider")

    page = browser.get(reverse("billing:overview"))
    csv_text = b"".join(browser.get(reverse("billing:export_csv")).streaming_content).decode()

    assert page.status_code == 200
    assert "Agency B account" in page.content.decode()
    assert "Client One" not in page.content.decode()
    assert "Agency B account" in csv_text
    assert "Client One" not in csv_text


@pytest.mark.parametrize("role", [Role.ADMIN, Role.OWNER])
@pytest.mark.parametrize("name", sorted(name for name, methods in BILLING_URLS.items() if "get" in methods))
def test_admins_and_owners_see_pages(browser_for, connection_one, sandbox, name, role):
    url = billing_url(name, connection_one, sandbox)

    response = browser_for(role).get(url)

    assert response.status_code == 200, f"GET {url} as {role} gave {response.status_code}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if name == "billing:invoice_pdf":
        assert body.startswith(b"%PDF")
    else:
        assert "Client One" in body.decode()
