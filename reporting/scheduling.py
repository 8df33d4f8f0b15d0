"""Send times and report periods, computed in the schedule's own time zone.

Pure functions with no database access. Every datetime passed in or returned is
timezone-aware, and returned send times are in UTC.
"""

import calendar
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

WEEKLY = "weekly"
MONTHLY = "monthly"


@dataclass(frozen=True)
class Period:
    """A half-open interval [start, end) in UTC and the key that names it for one schedule."""

    start: dt.datetime
    end: dt.datetime
    key: str


def local_send_time(day: dt.date, hour: int, zone: ZoneInfo) -> dt.datetime:
    """Return the UTC instant of `hour`:00 wall-clock time on `day` in `zone`.

    A wall-clock time skipped by a DST jump (02:30 on the spring-forward day in
    Berlin) resolves with the offset from before the jump, so the report goes out
    one hour later in local time instead of being skipped. A time that occurs
    twice (autumn fall-back) resolves to its first occurrence (fold=0).
    """
    local = dt.datetime.combine(day, dt.time(hour), tzinfo=zone)
    return local.astimezone(dt.UTC)


def next_weekly_send(weekday: int, hour: int, zone: ZoneInfo, after: dt.datetime) -> dt.datetime:
    """Return the first send time strictly after `after`, in UTC.

    `weekday` counts from Monday = 0, like `date.weekday()`. `hour` is 0-23 in `zone`.
    """
    local_after = after.astimezone(zone)
    days_ahead = (weekday - local_after.weekday()) % 7
    day = local_after.date() + dt.timedelta(days=days_ahead)

    candidate = local_send_time(day, hour, zone)
    if candidate <= after:
        candidate = local_send_time(day + dt.timedelta(days=7), hour, zone)
    return candidate


def weekly_period(send_at: dt.datetime, zone: ZoneInfo) -> Period:
    """Return the week that a send at `send_at` reports on: the 7 local days before it.

    The start is the same wall-clock time one week earlier, so a week that contains a
    DST change is 167 or 169 hours long. The key is the ISO week of the local send
    date, so the unique (schedule, period_key) constraint stops a second scheduled
    send in the same ISO week even if the weekday or hour is edited after a send.
    """
    local_end = send_at.astimezone(zone)
    local_start = dt.datetime.combine(
        local_end.date() - dt.timedelta(days=7), local_end.time(), tzinfo=zone
    )
    iso_year, iso_week, _ = local_end.isocalendar()
    return Period(
        start=local_start.astimezone(dt.UTC),
        end=local_end.astimezone(dt.UTC),
        key=f"{WEEKLY}:{iso_year}-W{iso_week:02d}",
    )


def manual_period(now: dt.datetime, zone: ZoneInfo, token: str, frequency: str = WEEKLY) -> Period:
    """Return the period ending at `now` for a 'send now' delivery: 7 local days, or one month when monthly.

    `token` makes the key unique, so a manual send never collides with the scheduled
    one for the same period or with another manual send.
    """
    scheduled = monthly_period(now, zone) if frequency == MONTHLY else weekly_period(now, zone)
    return Period(start=scheduled.start, end=scheduled.end, key=f"manual:{token}")


def clamped_day(year: int, month: int, day_of_month: int) -> dt.date:
    """Return `day_of_month` in that month, or the month's last day when the month is shorter.

    A schedule for day 31 sends on 30 April, 28 February (29 in a leap year) and 31 May, so
    every month gets exactly one report.
    """
    last_day = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day_of_month, last_day))


def _add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def next_monthly_send(day_of_month: int, hour: int, zone: ZoneInfo, after: dt.datetime) -> dt.datetime:
    """Return the first monthly send time strictly after `after`, in UTC.

    `day_of_month` is 1-31 and is clamped to each month's length (see clamped_day). The
    wall-clock `hour` in `zone` follows the same DST rules as weekly sends (local_send_time).
    """
    local_after = after.astimezone(zone)
    candidate = local_send_time(clamped_day(local_after.year, local_after.month, day_of_month), hour, zone)
    if candidate > after:
        return candidate

    # Any send time in the next month is later than every instant of this one.
    year, month = _add_months(local_after.year, local_after.month, 1)
    return local_send_time(clamped_day(year, month, day_of_month), hour, zone)


def monthly_period(send_at: dt.datetime, zone: ZoneInfo) -> Period:
    """Return the month that a send at `send_at` reports on: from the same wall-clock time one month earlier.

    The start day is clamped like the send day, so a send on 31 March covers 28 (or 29)
    February to 31 March. The key is the local year and month of the send, so the unique
    (schedule, period_key) constraint allows one scheduled monthly report per calendar month.
    """
    local_end = send_at.astimezone(zone)
    start_year, start_month = _add_months(local_end.year, local_end.month, -1)
    start_day = clamped_day(start_year, start_month, local_end.day)
    local_start = dt.datetime.combine(start_day, local_end.time().replace(tzinfo=None), tzinfo=zone)
    return Period(
        start=local_start.astimezone(dt.UTC),
        end=local_end.astimezone(dt.UTC),
        key=f"{MONTHLY}:{local_end.year}-{local_end.month:02d}",
    )
