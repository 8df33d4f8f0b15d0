"""Send times and periods across time zones and DST changes, without a database."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from reporting import scheduling

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY, SUNDAY = 0, 6


def utc(*args):
    return dt.datetime(*args, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("weekday", "hour", "zone", "after", "expected"),
    [
        # Berlin in winter is UTC+1: Monday 08:00 local is 07:00 UTC.
        (MONDAY, 8, BERLIN, utc(2026, 1, 7, 12), utc(2026, 1, 12, 7)),
        # Berlin in summer is UTC+2.
        (MONDAY, 8, BERLIN, utc(2026, 7, 1, 12), utc(2026, 7, 6, 6)),
        # Shanghai has no DST and is UTC+8, so Monday 08:00 local is Monday 00:00 UTC.
        (MONDAY, 8, SHANGHAI, utc(2026, 7, 1, 12), utc(2026, 7, 6, 0)),
        # Monday 07:00 Shanghai is Sunday 23:00 UTC: the local weekday decides, not the UTC one.
        (MONDAY, 7, SHANGHAI, utc(2026, 7, 1, 12), utc(2026, 7, 5, 23)),
        # New York in winter is UTC-5, so Sunday 22:00 local is Monday 03:00 UTC.
        (SUNDAY, 22, NEW_YORK, utc(2026, 1, 7, 12), utc(2026, 1, 12, 3)),
    ],
)
def test_next_weekly_send_in_zone(weekday, hour, zone, after, expected):
    assert scheduling.next_weekly_send(weekday, hour, zone, after) == expected


def test_next_weekly_send_same_day_before_hour():
    # Monday 2026-01-12 06:59 UTC is 07:59 in Berlin, one minute before the 08:00 send.
    after = utc(2026, 1, 12, 6, 59)

    assert scheduling.next_weekly_send(MONDAY, 8, BERLIN, after) == utc(2026, 1, 12, 7)


def test_next_weekly_send_strictly_after():
    send = utc(2026, 1, 12, 7)

    assert scheduling.next_weekly_send(MONDAY, 8, BERLIN, send) == utc(2026, 1, 19, 7)


def test_next_weekly_send_crosses_spring_forward_berlin():
    # Clocks go from 02:00 to 03:00 on Sunday 2026-03-29. The Monday after keeps 08:00 local.
    before = scheduling.next_weekly_send(MONDAY, 8, BERLIN, utc(2026, 3, 20))
    after = scheduling.next_weekly_send(MONDAY, 8, BERLIN, before)

    assert before == utc(2026, 3, 23, 7)
    assert after == utc(2026, 3, 30, 6)
    assert after.astimezone(BERLIN).hour == 8


def test_next_weekly_send_skipped_hour_moves_later():
    # 02:00 does not exist in Berlin on 2026-03-29, so the send happens at 03:00 CEST (01:00 UTC).
    send = scheduling.next_weekly_send(SUNDAY, 2, BERLIN, utc(2026, 3, 25))

    assert send == utc(2026, 3, 29, 1)
    assert send.astimezone(BERLIN).hour == 3


def test_next_weekly_send_repeated_hour_sends_once():
    # 02:00 occurs twice in Berlin on 2026-10-25, and only the first occurrence (CEST, 00:00 UTC) is used.
    first = scheduling.next_weekly_send(SUNDAY, 2, BERLIN, utc(2026, 10, 20))
    following = scheduling.next_weekly_send(SUNDAY, 2, BERLIN, first)

    assert first == utc(2026, 10, 25, 0)
    assert following == utc(2026, 11, 1, 1)


def test_next_weekly_send_crosses_fall_back_new_york():
    # New York falls back on Sunday 2026-11-01: Monday 09:00 local moves from 13:00 to 14:00 UTC.
    before = scheduling.next_weekly_send(MONDAY, 9, NEW_YORK, utc(2026, 10, 22))
    after = scheduling.next_weekly_send(MONDAY, 9, NEW_YORK, before)

    assert before == utc(2026, 10, 26, 13)
    assert after == utc(2026, 11, 2, 14)


def test_next_weekly_send_skipped_hour_new_york():
    # 02:30 does not exist in New York on 2026-03-08, so hour 2 resolves to 03:00 EDT (07:00 UTC).
    send = scheduling.next_weekly_send(SUNDAY, 2, NEW_YORK, utc(2026, 3, 3))

    assert send == utc(2026, 3, 8, 7)


def test_next_weekly_send_every_week_of_year():
    zone = BERLIN
    send = scheduling.next_weekly_send(MONDAY, 8, zone, utc(2026, 1, 1))

    for _ in range(60):
        following = scheduling.next_weekly_send(MONDAY, 8, zone, send)
        local = following.astimezone(zone)

        assert local.weekday() == MONDAY
        assert (local.hour, local.minute) == (8, 0)
        assert following.astimezone(zone).date() - send.astimezone(zone).date() == dt.timedelta(days=7)
        send = following


def test_weekly_period_is_seven_local_days():
    send = utc(2026, 3, 30, 6)  # Monday 08:00 CEST, the week before contains the spring-forward change.

    period = scheduling.weekly_period(send, BERLIN)

    assert period.end == send
    assert period.start == utc(2026, 3, 23, 7)  # Monday 08:00 CET
    assert period.end - period.start == dt.timedelta(hours=167)
    assert period.key == "weekly:2026-W14"


def test_weekly_period_key_uses_local_date():
    # Sunday 23:00 UTC is already Monday in Shanghai, so the ISO week is the next one.
    period = scheduling.weekly_period(utc(2026, 7, 5, 23), SHANGHAI)

    assert period.key == "weekly:2026-W28"


def test_manual_period_has_unique_key():
    now = utc(2026, 7, 8, 10, 15)

    first = scheduling.manual_period(now, BERLIN, "a1")
    second = scheduling.manual_period(now, BERLIN, "b2")

    assert first.key != second.key
    assert first.end == now
    assert first.start == now - dt.timedelta(days=7)
