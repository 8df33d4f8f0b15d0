"""The team billing overview and CSV export, summed against the sandbox's own invoices."""

import csv
import datetime
import io
from collections import defaultdict
from decimal import Decimal

from django.urls import reverse

from accounts.models import Role
from sandbox.billing_state import day_text, invoice_total
from tests.billing.conftest import billing_record
from tests.conftest import AGENCY_ONE, AGENCY_TWO, make_connection

UNPAID = ("Unpaid", "Collections", "Payment Pending")


def sandbox_invoices(sandbox, email):
    return list(billing_record(sandbox, email)["invoices"].values())


def money(value):
    return Decimal(str(value)).quantize(Decimal("0.01"))


def expected_totals(sandbox, emails):
    today = datetime.date.today().isoformat()
    unpaid, overdue, months = Decimal("0.00"), Decimal("0.00"), defaultdict(lambda: Decimal("0.00"))
    for email in emails:
        for invoice in sandbox_invoices(sandbox, email):
            total = money(invoice_total(invoice))
            months[day_text(invoice["issued_at"])[:7]] += total
            if invoice["status"] in UNPAID:
                unpaid += total
                if day_text(invoice["due_at"]) < today:
                    overdue += total
    return unpaid, overdue, dict(months)


def test_totals_match_both_accounts(owner_browser, both_accounts, sandbox):
    unpaid, overdue, months = expected_totals(sandbox, [AGENCY_ONE, AGENCY_TWO])

    response = owner_browser.get(reverse("billing:overview"))
    overview = response.context["overview"]
    page = response.content.decode()

    assert response.status_code == 200
    assert overview.failures == []
    assert overview.unpaid_total == unpaid
    assert overview.overdue_total == overdue
    assert dict(overview.per_month()) == months
    assert f"{unpaid} USD" in page
    assert f"{overdue} USD" in page
    assert overdue > 0


def test_per_client_totals(owner_browser, both_accounts, sandbox):
    response = owner_browser.get(reverse("billing:overview"))
    per_client = {row.connection_id: row for row in response.context["overview"].per_client()}

    for email, connection in both_accounts.items():
        unpaid, overdue, months = expected_totals(sandbox, [email])
        assert per_client[connection.pk].invoiced == sum(months.values())
        assert per_client[connection.pk].unpaid == unpaid
        assert per_client[connection.pk].overdue == overdue


def test_plans_per_account(owner_browser, both_accounts, sandbox):
    response = owner_browser.get(reverse("billing:overview"))
    plans = {plan.connection_id: plan for plan in response.context["overview"].plans}

    for email, connection in both_accounts.items():
        assert plans[connection.pk].name == sandbox.state.account_by_email(email).plan
        assert plans[connection.pk].name in response.content.decode()


def test_failing_connection_named(owner_browser, both_accounts, team, closed_port_url, sandbox):
    make_connection(team, "Broken Client", closed_port_url)
    unpaid, _overdue, _months = expected_totals(sandbox, [AGENCY_ONE, AGENCY_TWO])

    response = owner_browser.get(reverse("billing:overview"))
    overview = response.context["overview"]

    assert [failure.connection_label for failure in overview.failures] == ["Broken Client"]
    assert "Broken Client could not be read" in response.content.decode()
    assert "could not be reached" in response.content.decode()
    assert overview.unpaid_total == unpaid


def test_csv_rows_match_sandbox(owner_browser, both_accounts, sandbox):
    response = owner_browser.get(reverse("billing:export_csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="invoices-agency-a-')
    expected = {}
    for email, connection in both_accounts.items():
        for invoice in sandbox_invoices(sandbox, email):
            expected[invoice["id"]] = (connection.label, connection.client_name, day_text(invoice["issued_at"]),
                                       day_text(invoice["due_at"]), invoice["status"],
                                       f"{invoice_total(invoice):.2f}")
    found = {int(row["invoice_id"]): (row["connection"], row["client"], row["date"], row["due_date"], row["status"],
                                      row["total_usd"]) for row in rows}
    assert found == expected
    overdue_rows = [row for row in rows if row["overdue"] == "yes"]
    assert len(overdue_rows) == 2
    assert all(row["status"] in UNPAID for row in overdue_rows)


def test_csv_neutralises_formulas(owner_browser, team, sandbox):
    make_connection(team, "=HYPERLINK(1)", sandbox.url, client_name="+Client")

    response = owner_browser.get(reverse("billing:export_csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert rows
    assert {row["connection"] for row in rows} == {"'=HYPERLINK(1)"}
    assert {row["client"] for row in rows} == {"'+Client"}


def test_csv_names_failed_connection(owner_browser, connection_one, team, closed_port_url):
    make_connection(team, "Broken Client", closed_port_url)

    response = owner_browser.get(reverse("billing:export_csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    failed = [row for row in rows if row["connection"] == "Broken Client"]
    assert len(failed) == 1
    assert failed[0]["status"].startswith("failed: ")
    assert any(row["connection"] == "Client One" for row in rows)


def test_admin_sees_overview(browser_for, both_accounts):
    response = browser_for(Role.ADMIN).get(reverse("billing:overview"))

    assert response.status_code == 200
    assert len(response.context["overview"].plans) == 2


def test_nav_link_only_for_admins(browser_for, connection_one):
    billing_link = f'href="{reverse("billing:overview")}"'
    account_link = f'href="{reverse("billing:account", args=[connection_one.pk])}"'

    for role, expected_visible in ((Role.OWNER, True), (Role.ADMIN, True), (Role.MEMBER, False), (Role.VIEWER, False)):
        page = browser_for(role).get(reverse("accounts:connection_list")).content.decode()
        assert (billing_link in page) is expected_visible, role
        assert (account_link in page) is expected_visible, role


def test_pages_in_simplified_chinese(owner_browser, connection_one, sandbox):
    owner_browser.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    invoice_id = max(billing_record(sandbox)["invoices"])

    overview = owner_browser.get(reverse("billing:overview")).content.decode()
    pay_page = owner_browser.get(reverse("billing:invoice_pay", args=[connection_one.pk, invoice_id])).content.decode()
    bad_token = owner_browser.post(reverse("billing:card_save", args=[connection_one.pk]),
                                   {"card_token": "4242 4242 4242 4242"}).content.decode()

    assert "导出账单（CSV）" in overview
    assert "未付账单" in overview
    assert "我确认扣款" in pay_page
    assert "这看起来像卡号" in bad_token
