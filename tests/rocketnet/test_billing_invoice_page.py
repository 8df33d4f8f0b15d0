"""billing.list_invoices with `page`: one request, the page's items and the API's total."""

from __future__ import annotations

import pytest
import responses
from apimock import BASE_URL, envelope

from rocketnet.pagination import Page
from rocketnet.services import billing

INVOICES_URL = f"{BASE_URL}/v1/billing/invoices"


def invoice_items(first_id: int, count: int) -> list[dict]:
    return [{"id": first_id + offset, "date": "2026-03-01", "total": "10.00"} for offset in range(count)]


def invoice_calls(mock) -> list:
    return [call for call in mock.calls if "/v1/login" not in call.request.url]


def test_page_sends_one_request(mock_api, login, client):
    mock_api.get(INVOICES_URL, match=[responses.matchers.query_param_matcher(
        {"page": "2", "per_page": "3", "status": "Unpaid", "sort": "date", "direction": "desc"})],
        json=envelope(invoice_items(4, 3), metadata={"page": 2, "page_size": 3, "total": 11}))

    found = billing.list_invoices(client, status="Unpaid", sort="date", direction="desc", page=2, per_page=3)

    assert found == Page(invoice_items(4, 3), 11, 2, 3)
    assert len(invoice_calls(mock_api)) == 1


def test_page_without_total_estimated(mock_api, login, client):
    mock_api.get(INVOICES_URL, json=envelope(invoice_items(1, 3)))
    mock_api.get(INVOICES_URL, json=envelope(invoice_items(7, 2)))

    full = billing.list_invoices(client, page=3, per_page=3)
    short = billing.list_invoices(client, page=4, per_page=3)

    assert full.total == 10
    assert short.total == 11


def test_empty_page_keeps_total(mock_api, login, client):
    mock_api.get(INVOICES_URL, json=envelope([], metadata={"page": 5, "page_size": 20, "total": 42}))

    found = billing.list_invoices(client, page=5, per_page=20)

    assert found.items == []
    assert found.total == 42


def test_without_page_walks_all(mock_api, login, client):
    for page, first_id in ((1, 1), (2, 3)):
        mock_api.get(INVOICES_URL, match=[responses.matchers.query_param_matcher(
            {"page": str(page), "per_page": "2"})],
            json=envelope(invoice_items(first_id, 2), metadata={"page": page, "page_size": 2, "total": 4}))

    found = billing.list_invoices(client, per_page=2)

    assert [item["id"] for item in found] == [1, 2, 3, 4]
    assert len(invoice_calls(mock_api)) == 2


@pytest.mark.parametrize("page", [0, -1, True, "2"])
def test_invalid_page_rejected_before_sending(mock_api, client, page):
    with pytest.raises(ValueError, match=f"page={page!r}"):
        billing.list_invoices(client, page=page)

    assert len(mock_api.calls) == 0
