"""Test controls under ``/_sandbox/``: reset, faults and the clock. Never under /v1.

- ``POST /_sandbox/reset``: rebuild the seed, clear faults, zero the clock offset.
- ``POST /_sandbox/clock {"advance_seconds": N}``: move the sandbox clock forward.
- ``GET /_sandbox/faults``: list the request faults.
- ``DELETE /_sandbox/faults``: clear request faults and every account-level fault.
- ``POST /_sandbox/faults``: add one fault. Request faults (``latency``, ``rate_limit``,
  ``server_error``, ``hang``) are described in ``sandbox.faults``. These kinds act at once:

  - ``expire_tokens {"account"}`` revokes the account's tokens.
  - ``fail_task {"account", "message", "count"}`` makes its next task(s) fail.
  - ``lock_site {"site_id", "locked"}`` locks or unlocks a site.
  - ``wordpress_error {"site_id", "error"}`` makes ``wp/status`` report a critical error
    (an empty ``error`` clears it).
  - ``task_status_alias {"account", "status"}`` shows running tasks as ``IN_PROGRESS``
    (or the given text) instead of ``PROGRESS``.
  - ``inflated_total {"account", "extra"}`` adds ``extra`` (default 1000) to the
    ``metadata.total`` of every list the account reads.
"""

import logging

from .faults import build_fault
from .responses import bad_request, envelope, not_found, parse_int
from .router import route

logger = logging.getLogger(__name__)

FAULT_LOCK_HOLDER = "fault"


@route("POST", "/_sandbox/reset", authenticated=False)
def reset(ctx):
    ctx.state.reset()
    return envelope({"reset": True})


@route("GET", "/_sandbox/clock", authenticated=False)
def get_clock(ctx):
    return envelope(_clock_result(ctx.state))


@route("POST", "/_sandbox/clock", authenticated=False)
def advance_clock(ctx):
    body = ctx.body()
    seconds = body.get("advance_seconds")
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
        raise bad_request(f"advance_seconds must be a number of seconds >= 0, got {seconds!r}")

    ctx.state.clock.advance(seconds)
    ctx.state.settle()
    logger.info("Sandbox clock advanced by %s s", seconds)
    return envelope(_clock_result(ctx.state))


def _clock_result(state):
    return {"now": state.now(), "offset_seconds": state.clock.offset_seconds}


@route("GET", "/_sandbox/faults", authenticated=False)
def list_faults(ctx):
    return envelope([fault.to_api() for fault in ctx.state.faults.faults])


@route("DELETE", "/_sandbox/faults", authenticated=False)
def clear_faults(ctx):
    ctx.state.faults.clear()
    for account in ctx.state.accounts.values():
        account.fail_next_tasks.clear()
        account.progress_label = "PROGRESS"
        account.total_offset = 0
    return envelope({"cleared": True})


@route("POST", "/_sandbox/faults", authenticated=False)
def add_fault(ctx):
    body = ctx.body()
    kind = body.get("kind")

    if kind == "expire_tokens":
        account = _account(ctx, body)
        account.token_generation += 1
        return envelope({"kind": kind, "account": account.email})

    if kind == "fail_task":
        account = _account(ctx, body)
        message = body.get("message") or "Task failed: simulated error"
        count = parse_int(body.get("count", 1), "count", minimum=1)
        account.fail_next_tasks.extend([message] * count)
        return envelope({"kind": kind, "account": account.email, "count": count})

    if kind == "lock_site":
        return envelope(_lock_site(ctx, body))

    if kind == "inflated_total":
        account = _account(ctx, body)
        account.total_offset = parse_int(body.get("extra", 1000), "extra", minimum=1)
        return envelope({"kind": kind, "account": account.email, "extra": account.total_offset})

    if kind == "task_status_alias":
        account = _account(ctx, body)
        label = body.get("status", "IN_PROGRESS")
        if not isinstance(label, str) or not label.strip():
            raise bad_request(f"status must be the text to show for running tasks, got {label!r}")
        account.progress_label = label.strip()
        return envelope({"kind": kind, "account": account.email, "status": account.progress_label})

    if kind == "wordpress_error":
        return envelope(_wordpress_error(ctx, body))

    fault = build_fault(body)
    ctx.state.faults.add(fault)
    logger.info("Fault added: %s", fault.to_api())
    return envelope(fault.to_api())


def _account(ctx, body):
    email = body.get("account")
    account = ctx.state.account_by_email(email)
    if account is None:
        known = ", ".join(sorted(ctx.state.accounts))
        raise bad_request(f"account must be the email of a seeded account ({known}), got {email!r}")
    return account


def _lock_site(ctx, body):
    site_id = parse_int(body.get("site_id"), "site_id", minimum=1)
    site = ctx.state.sites.get(site_id)
    if site is None:
        raise not_found(f"site {site_id} not found")

    if body.get("locked", True):
        site.lock_holders.add(FAULT_LOCK_HOLDER)
    else:
        site.lock_holders.discard(FAULT_LOCK_HOLDER)
    return {"kind": "lock_site", "site_id": site_id, "locked": site.is_locked}


def _wordpress_error(ctx, body):
    site_id = parse_int(body.get("site_id"), "site_id", minimum=1)
    site = ctx.state.sites.get(site_id)
    if site is None:
        raise not_found(f"site {site_id} not found")

    error = body.get("error", "")
    if not isinstance(error, str):
        raise bad_request(f"error must be a string, got {error!r}")
    site.extras["wordpress_error"] = error
    return {"kind": "wordpress_error", "site_id": site_id, "error": error}
