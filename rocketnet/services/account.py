"""The account: the logged-in user, usage, account-level tasks, hosting plan and cancellation."""

from __future__ import annotations

import datetime
import logging

from rocketnet.client import Client
from rocketnet.errors import NotFoundError
from rocketnet.models import Account, Task
from rocketnet.registry import operation
from rocketnet.services._common import (
    DIRECTIONS,
    TASK_STATUSES,
    body_of,
    check_choice,
    check_required,
    date_param,
    list_all,
)

logger = logging.getLogger(__name__)

ACCOUNT_TASK_TYPES = ("create_site_from_template", "create_site_template")
TASK_SORTS = ("id", "perc", "task_status", "task_type", "updated")
BILLING_CYCLES = ("Monthly", "Annual")
PAYMENT_TYPES = ("paypal", "stripe")
CANCEL_TIMELINES = ("immediate", "end_of_billing_period")
BILLING_SSO_DESTINATIONS = (
    "clientarea.php", "index.php", "feature-requests.php", "registration.php", "upgrade.php", "zendesk.php",
)


@operation("GET", "/v1/account/me")
def get_me(client: Client) -> Account:
    return Account.from_api(client.send("GET", "/v1/account/me").result)


@operation("PATCH", "/v1/account/me", idempotent=True)
def update_me(
    client: Client,
    *,
    firstname: str | None = None,
    lastname: str | None = None,
    email: str | None = None,
    twofactor_enabled: bool | None = None,
    tax_id: str | None = None,
) -> Account:
    body = body_of(
        firstname=firstname, lastname=lastname, email=email, twofactor_enabled=twofactor_enabled, tax_id=tax_id,
    )
    if not body:
        raise ValueError("update_me needs at least one field to change")
    return Account.from_api(client.send("PATCH", "/v1/account/me", body=body).result)


@operation("GET", "/v1/account/tasks")
def list_account_tasks(
    client: Client,
    *,
    task_id: str | None = None,
    task_type: str | None = None,
    task_status: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[Task]:
    check_choice("task_type", task_type, ACCOUNT_TASK_TYPES)
    check_choice("task_status", task_status, TASK_STATUSES)
    check_choice("sort", sort, TASK_SORTS)
    check_choice("direction", direction, DIRECTIONS)
    query = {
        "task_id": task_id, "task_type": task_type, "task_status": task_status,
        "sort": sort, "direction": direction,
    }
    return list_all(client, "/v1/account/tasks", query=query, per_page=per_page, parse=Task.from_api)


def get_account_task(client: Client, task_id: str) -> Task:
    """Return one account-level task through the list's task_id filter; NotFoundError if absent."""
    for task in list_account_tasks(client, task_id=task_id):
        if task.id == str(task_id):
            return task
    raise NotFoundError(None, [f"the account has no task {task_id}"])


@operation("GET", "/v1/account/usage")
def get_account_usage(
    client: Client,
    *,
    date_from: str | datetime.date | None = None,
    date_to: str | datetime.date | None = None,
) -> dict:
    """Return {"usage": [per site], "totals": {...}, "limits": {...}} for the period."""
    query = {"date_from": date_param("date_from", date_from), "date_to": date_param("date_to", date_to)}
    return client.send("GET", "/v1/account/usage", query=query).result


@operation("GET", "/v1/account/hosting_plan")
def get_hosting_plan(client: Client) -> dict:
    return client.send("GET", "/v1/account/hosting_plan").result


@operation("POST", "/v1/account/hosting_plan")
def set_hosting_plan(
    client: Client,
    *,
    firstname: str,
    lastname: str,
    billing_cycle: str,
    billing_product_id: int,
    payment_type: str,
    coupon_code: str | None = None,
    payment_token: str | None = None,
) -> dict:
    check_required("firstname", firstname)
    check_required("lastname", lastname)
    check_choice("billing_cycle", check_required("billing_cycle", billing_cycle), BILLING_CYCLES)
    check_required("billing_product_id", billing_product_id)
    check_choice("payment_type", check_required("payment_type", payment_type), PAYMENT_TYPES)
    body = body_of(
        firstname=firstname, lastname=lastname, billing_cycle=billing_cycle,
        billing_product_id=billing_product_id, payment_type=payment_type,
        coupon_code=coupon_code, payment_token=payment_token,
    )
    return client.send("POST", "/v1/account/hosting_plan", body=body).result


@operation("PUT", "/v1/account/hosting_plan")
def change_hosting_plan(
    client: Client,
    *,
    billing_product_id: int,
    billing_cycle: str | None = None,
    preview: bool | None = None,
) -> dict:
    """Change the plan; with preview=True the API only returns what the change would cost."""
    check_required("billing_product_id", billing_product_id)
    check_choice("billing_cycle", billing_cycle, BILLING_CYCLES)
    body = body_of(billing_product_id=billing_product_id, billing_cycle=billing_cycle)
    return client.send("PUT", "/v1/account/hosting_plan", query={"preview": preview}, body=body).result


@operation("POST", "/v1/account/cancel")
def request_cancellation(client: Client, *, description: str, timeline: str) -> None:
    """Ask the billing team to cancel the account ("immediate" or "end_of_billing_period")."""
    check_required("description", description)
    check_choice("timeline", check_required("timeline", timeline), CANCEL_TIMELINES)
    client.send("POST", "/v1/account/cancel", body={"description": description, "timeline": timeline})


@operation("POST", "/v1/account/billing_sso")
def get_billing_sso(client: Client, *, destination: str, params: str | None = None) -> dict:
    """Return a single sign-on link into the billing area at `destination`."""
    check_choice("destination", check_required("destination", destination), BILLING_SSO_DESTINATIONS)
    return client.send("POST", "/v1/account/billing_sso", body=body_of(destination=destination, params=params)).result


@operation("POST", "/v1/account/password")
def change_password(client: Client, *, current_password: str, new_password: str) -> None:
    """Set a new account password. The caller must then update the stored connection password."""
    check_required("current_password", current_password)
    check_required("new_password", new_password)
    body = {
        "current_password": current_password,
        "new_password": new_password,
        "new_password_confirm": new_password,
    }
    client.send("POST", "/v1/account/password", body=body)
