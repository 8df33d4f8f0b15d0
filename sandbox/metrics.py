"""Deterministic traffic numbers per site and day, for usage and reporting endpoints.

The same seed, site and day always give the same visitors and bandwidth, with a
weekly rhythm (quieter weekends) and a per-site size, so charts look plausible.
"""

import random
from datetime import date, datetime, time, timedelta, timezone

from .responses import bad_request

MAX_RANGE_DAYS = 366


def site_scale(state, site):
    """Return the typical daily visitors of a site (fixed by seed and site id)."""
    return random.Random(f"{state.seed}-scale-{site.id}").randint(80, 2500)


def daily_visitors(state, site, day):
    rng = random.Random(f"{state.seed}-visitors-{site.id}-{day.isoformat()}")
    weekend = 0.7 if day.weekday() >= 5 else 1.0
    return int(site_scale(state, site) * weekend * rng.uniform(0.75, 1.25))


def daily_bandwidth_kb(state, site, day):
    rng = random.Random(f"{state.seed}-bandwidth-{site.id}-{day.isoformat()}")
    return daily_visitors(state, site, day) * rng.randint(900, 2600)


def today(state):
    return datetime.fromtimestamp(state.now(), tz=timezone.utc).date()


def parse_day(value, name):
    """Parse ``YYYY-MM-DD`` (optionally followed by ``Thh:mm:ss...``) or raise a 400."""
    try:
        return date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        raise bad_request(f"{name} must be a date like 2024-05-21, got {value!r}") from None


def date_range(state, query, required=False, default_days=30):
    """Return the inclusive list of days between ``date_from`` and ``date_to``."""
    for name in ("date_from", "date_to"):
        if required and not query.get(name):
            raise bad_request(f"{name} is required: pass a date like 2024-05-21")

    end = parse_day(query["date_to"], "date_to") if query.get("date_to") else today(state)
    start = parse_day(query["date_from"], "date_from") if query.get("date_from") else end - timedelta(days=default_days - 1)

    if start > end:
        raise bad_request(f"date_from {start} is after date_to {end}")
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise bad_request(f"the date range covers {(end - start).days + 1} days; request at most {MAX_RANGE_DAYS}")
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]


def day_start(day):
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc).timestamp()
