"""Activity: the WordPress activity log of a site, with filters, and its on/off switch.

Each site starts with a dozen seeded events from the last 30 days. The switch is the site's
`wp_activity_log` setting (0 or 1), which the spec documents as the control of activity logging,
so enable and disable change that setting and GET /v1/sites/{id}/settings shows the result.
While logging is disabled, inserting an event is a 400; listing still shows the events recorded before.
"""

import logging

from ..clock import iso_timestamp
from ..records import duration_seconds, parse_instant, text
from ..responses import bad_request, envelope, list_envelope, not_found
from ..router import route
from .settings import site_settings

logger = logging.getLogger(__name__)

DAY = 24 * 3600
SEED_EVENT_COUNT = 12
SEED_AUTHORS = [
    ("admin", "Site Admin", "admin@example.com", "administrator"),
    ("editor", "Erin Editor", "erin@example.com", "editor"),
    ("shopmanager", "Sam Shop", "sam@example.com", "shop_manager"),
]
SEED_ACTIONS = [
    ("plugin", "activated", "Plugin Akismet Anti-spam activated"),
    ("plugin", "updated", "Plugin Yoast SEO updated to 23.1"),
    ("post", "published", "Post \"Spring opening hours\" published"),
    ("post", "updated", "Page \"Contact\" updated"),
    ("user", "login", "User logged in"),
    ("user", "failed_login", "Failed login attempt"),
    ("theme", "switched", "Theme switched to Astra"),
    ("option", "updated", "Setting \"Site Title\" changed"),
]
TEXT_FILTERS = {
    "author": "author",
    "ip": "ip",
    "event_type": "type",
    "action": "action",
    "display_name": "display_name",
    "user_email": "user_email",
    "user_login": "user_login",
    "label": "label",
}
EVENT_FIELDS = ("author", "display_name", "user_login", "user_email", "roles", "ip", "type", "label", "action",
                "description")


def activity_log(state, site):
    """Return the site's activity record (its events by id)."""
    if "activity" not in site.extras:
        site.extras["activity"] = {"events": _seed_events(state, site)}
    return site.extras["activity"]


def logging_enabled(state, site):
    return bool(site_settings(state, site)["wp_activity_log"])


def _set_logging(state, site, enabled):
    site_settings(state, site)["wp_activity_log"] = 1 if enabled else 0


def _seed_events(state, site):
    rng = state.rng("activity", site.id)
    events = {}
    now = state.now()
    for number in range(SEED_EVENT_COUNT):
        login, name, mail, role = rng.choice(SEED_AUTHORS)
        event_type, action, label = rng.choice(SEED_ACTIONS)
        created = now - rng.randint(0, 30 * DAY)
        event_id = f"{site.id}-{number + 1}"
        events[event_id] = {
            "id": event_id,
            "author": login,
            "site_id": site.id,
            "display_name": name,
            "user_login": login,
            "user_email": mail,
            "roles": role,
            # Documentation range (RFC 5737).
            "ip": f"198.51.100.{rng.randint(2, 250)}",
            "type": event_type,
            "label": label,
            "action": action,
            "description": f"{label} by {name}",
            "created_at": iso_timestamp(created),
            "_created": created,
        }
    return events


def _public(event):
    return {key: value for key, value in event.items() if not key.startswith("_")}


def _event(state, site, event_id):
    events = activity_log(state, site)["events"]
    if event_id not in events:
        raise not_found(f"activity event {event_id!r} not found on site {site.id}")
    return events[event_id]


def _time_window(ctx):
    """Return the (start, end) epoch seconds the filters allow; None means unbounded."""
    start = end = None
    seconds = duration_seconds(ctx.query, required=False)
    if seconds is not None:
        start = ctx.state.now() - seconds
    if ctx.query.get("date_from"):
        start = max(start or 0, parse_instant(ctx.query["date_from"], "date_from"))
    if ctx.query.get("date_to"):
        end = parse_instant(ctx.query["date_to"], "date_to", end_of_day=True)
    if start is not None and end is not None and start > end:
        raise bad_request(f"date_from {ctx.query.get('date_from')} is after date_to {ctx.query.get('date_to')}")
    return start, end


@route("GET", "/v1/sites/{id}/activity/events")
def list_events(ctx, id):
    site = ctx.site(id)
    events = sorted(activity_log(ctx.state, site)["events"].values(),
                    key=lambda event: event["_created"], reverse=True)

    for parameter, field in TEXT_FILTERS.items():
        wanted = ctx.query.get(parameter, "").strip().lower()
        if wanted:
            events = [event for event in events if wanted in str(event[field]).lower()]

    start, end = _time_window(ctx)
    if start is not None:
        events = [event for event in events if event["_created"] >= start]
    if end is not None:
        events = [event for event in events if event["_created"] <= end]

    return list_envelope([_public(event) for event in events], ctx.query, default_per_page=25)


@route("POST", "/v1/sites/{id}/activity/events")
def insert_event(ctx, id):
    site = ctx.site(id)
    log = activity_log(ctx.state, site)
    if not logging_enabled(ctx.state, site):
        raise bad_request(f"activity logging is disabled on site {site.id}: "
                          f"enable it with POST /v1/sites/{site.id}/activity/enable")

    body = ctx.body()
    fields = {name: text(body, name, required=name in ("type", "action"), max_length=2000) or ""
              for name in EVENT_FIELDS}
    now = ctx.state.now()
    event_id = f"{site.id}-{ctx.state.next_id('activity_event', start=SEED_EVENT_COUNT + 1)}"
    event = {"id": event_id, "site_id": site.id, **fields,
             "created_at": iso_timestamp(now), "_created": now}
    log["events"][event_id] = event
    return envelope(_public(event))


@route("GET", "/v1/sites/{id}/activity/events/{event_id}")
def get_event(ctx, id, event_id):
    site = ctx.site(id)
    return envelope(_public(_event(ctx.state, site, event_id)))


@route("DELETE", "/v1/sites/{id}/activity/events/{event_id}")
def delete_event(ctx, id, event_id):
    site = ctx.site(id)
    event = _event(ctx.state, site, event_id)
    del activity_log(ctx.state, site)["events"][event_id]
    return envelope(_public(event))


@route("POST", "/v1/sites/{id}/activity/enable")
def enable_logging(ctx, id):
    site = ctx.unlocked_site(id)
    _set_logging(ctx.state, site, True)
    logger.info("Activity logging enabled on site %s", site.id)
    return envelope({"success": True})


@route("POST", "/v1/sites/{id}/activity/disable")
def disable_logging(ctx, id):
    site = ctx.unlocked_site(id)
    _set_logging(ctx.state, site, False)
    logger.info("Activity logging disabled on site %s", site.id)
    return envelope({"success": True})
