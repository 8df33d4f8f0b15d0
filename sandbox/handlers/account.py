"""Account: the caller's own profile, plan, usage and account-level tasks."""

from ..billing_state import next_billing_at
from ..clock import iso_date
from ..metrics import date_range
from ..responses import bad_request, envelope, list_envelope
from ..router import route
from ..tasks import NEW, PROGRESS
from .site_transfers import pending_transfers
from .usage import account_limits, site_totals

DAY = 24 * 3600
EDITABLE_TEXT_FIELDS = ("firstname", "lastname", "email", "tax_id")


def account_api(state, account):
    sites = state.sites_of(account)
    now = state.now()
    # Usage covers the last 30 days; disk and bandwidth are in kilobytes, as documented.
    last_month = date_range(state, {})
    month = [site_totals(state, site, last_month) for site in sites]

    return {
        "client": {
            "firstname": account.firstname,
            "lastname": account.lastname,
            "email": account.email,
            "id": account.uuid,
            "password_set": True,
            "twofactor_enabled": account.twofactor_enabled,
            "twofactor_required": False,
            "roles": ["account_owner"],
            "access_level": "user",
            "tax_id": account.tax_id,
        },
        "package": {
            "package_id": 100 + account.id,
            "account_balance": 0.0,
            "account_type": "reseller",
            "plan": account.plan,
            "start_date": iso_date(now - 400 * DAY),
            "next_due_date": iso_date(next_billing_at(state, account)),
            "over_due_invoices": [],
        },
        "usage": {
            "visitors": float(sum(usage["visitors"] for usage in month)),
            "disk": float(sum(site.disk_usage_kb for site in sites)),
            "bandwidth": float(sum(usage["bandwidth"] for usage in month)),
            "sites": len(sites),
        },
        "limits": {**account_limits(account), "sites": account.site_limit},
        "tasks": running_tasks(state, account),
        "pending_site_transfers": pending_transfers(state, account),
    }


def running_tasks(state, account):
    now = state.now()
    tasks = []
    for task in state.tasks.values():
        site = state.sites.get(task.site_id)
        if site is None or site.account_email != account.email:
            continue
        if task.progress(now)[0] not in (NEW, PROGRESS):
            continue

        item = task.to_api(now, account.progress_label)
        item["meta_data"] = ""
        item["site_info"] = {"id": site.id, "domain": site.domain, "display_domain": site.domain}
        tasks.append(item)
    return tasks


@route("GET", "/v1/account/me")
def get_me(ctx):
    return envelope(account_api(ctx.state, ctx.account))


@route("PATCH", "/v1/account/me")
def update_me(ctx):
    body = ctx.body(required=True)
    account = ctx.account

    for name in EDITABLE_TEXT_FIELDS:
        if name in body and not isinstance(body[name], str):
            raise bad_request(f"{name} must be a string, got {body[name]!r}")

    if "email" in body:
        _change_email(ctx, body["email"])

    for name in ("firstname", "lastname", "tax_id"):
        if name in body:
            setattr(account, name, body[name].strip())

    if "twofactor_enabled" in body:
        if not isinstance(body["twofactor_enabled"], bool):
            raise bad_request(f"twofactor_enabled must be true or false, got {body['twofactor_enabled']!r}")
        account.twofactor_enabled = body["twofactor_enabled"]

    return envelope(account_api(ctx.state, account))


def _change_email(ctx, email):
    email = email.strip().lower()
    if "@" not in email or "." not in email.split("@")[-1]:
        raise bad_request(f"email {email!r} is not a valid email address")

    if email != ctx.account.email:
        # NOTE: the sandbox keys accounts by login email. A change would orphan the
        # account's sites and tokens, so the sandbox rejects it instead.
        raise bad_request(f"email cannot be changed in the sandbox (requested {email!r})")


@route("GET", "/v1/account/tasks")
def list_account_tasks(ctx):
    # Account-level tasks (site templates) have site_id 0, task_level "account" and the
    # owner's email in meta_data["account"].
    now = ctx.state.now()
    tasks = [
        task for task in ctx.state.tasks.values()
        if task.task_level == "account" and task.meta_data.get("account") == ctx.account.email
    ]
    items = [_account_task_api(task, now, ctx.account.progress_label) for task in tasks]
    items = _filter_tasks(items, ctx.query)
    return list_envelope(items, ctx.query, default_per_page=100,
                         sort_keys=TASK_SORT_KEYS, default_sort="updated")


def _account_task_api(task, now, progress_label):
    item = task.to_api(now, progress_label)
    item.pop("site_id")
    item["account_user_id"] = 0
    item["user_id"] = ""
    item["meta_data"] = ""
    return item


TASK_SORT_KEYS = {
    "id": lambda item: item["id"],
    "perc": lambda item: item["perc"],
    "task_status": lambda item: item["task_status"],
    "task_type": lambda item: item["task_type"],
    "updated": lambda item: item["updated"],
}


def _filter_tasks(items, query):
    for name in ("task_id", "task_type", "task_status"):
        wanted = query.get(name)
        if wanted:
            key = "id" if name == "task_id" else name
            items = [item for item in items if item[key] == wanted]
    return items
