"""Monthly schedules: the day-of-month clamp, DST in the schedule's zone, and the period each send covers."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from reporting import scheduling

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")
UTC = dt.UTC


def utc(*args):
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("year, month, day, expected", [
    (2026, 2, 31, dt.date(2026, 2, 28)),
    (2028, 2, 31, dt.date(2028, 2, 29)),
    (2026, 4, 31, dt.date(2026, 4, 30)),
    (2026, 5, 31, dt.date(2026, 5, 31)),
    (2026, 2, 15, dt.date(2026, 2, 15)),
])
def test_clamped_day(year, month, day, expected):
    assert scheduling.clamped_day(year, month, day) == expected


def test_day_31_sends_once_every_month():
    after = utc(2026, 1, 1)
    sends = []
    for _ in range(12):
        after = scheduling.next_monthly_send(31, 9, BERLIN, after)
        sends.append(after.astimezone(BERLIN))

    assert [send.month for send in sends] == list(range(1, 13))
    assert [send.day for send in sends] == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    assert all(send.hour == 9 for send in sends)


def test_monthly_send_keeps_local_hour_across_dst():
    march = scheduling.next_monthly_send(1, 8, BERLIN, utc(2026, 2, 15))
    april = scheduling.next_monthly_send(1, 8, BERLIN, march)

    assert march == utc(2026, 3, 1, 7)   # CET, UTC+1
    assert april == utc(2026, 4, 1, 6)   # CEST, UTC+2


def test_monthly_send_on_spring_forward_skipped_hour():
    # 8 March 2026, 02:00 in New York does not exist; the send goes out at 03:00 EDT.
    send = scheduling.next_monthly_send(8, 2, NEW_YORK, utc(2026, 3, 1))

    assert send == utc(2026, 3, 8, 7)
    assert send.astimezone(NEW_YORK).hour == 3


def test_monthly_send_on_fall_back_repeated_hour_sends_once():
    # 1 November 2026, 01:00 happens twice in New York; the first one (EDT) is used.
    first = scheduling.next_monthly_send(1, 1, NEW_YORK, utc(2026, 10, 15))
    second = scheduling.next_monthly_send(1, 1, NEW_YORK, first)

    assert first == utc(2026, 11, 1, 5)
    assert second.astimezone(NEW_YORK).month == 12


def test_monthly_send_strictly_after():
    # 06:00 UTC is exactly 08:00 CEST on 15 June, so that send is not "after" and July's is next.
    send = scheduling.next_monthly_send(15, 8, BERLIN, utc(2026, 6, 15, 6))

    assert send == utc(2026, 7, 15, 6)
    assert scheduling.next_monthly_send(15, 8, BERLIN, send) == utc(2026, 8, 15, 6)


def test_monthly_send_uses_local_date_not_utc():
    # 1 July 00:30 in Sydney is still 30 June in UTC.
    send = scheduling.next_monthly_send(1, 0, SYDNEY, utc(2026, 6, 20))

    assert send == utc(2026, 6, 30, 14)
    assert send.astimezone(SYDNEY).date() == dt.date(2026, 7, 1)


def test_monthly_period_covers_previous_month():
    send = utc(2026, 4, 1, 6)  # 08:00 CEST
    period = scheduling.monthly_period(send, BERLIN)

    assert period.start == utc(2026, 3, 1, 7)  # 08:00 CET
    assert period.end == send
    assert period.key == "monthly:2026-04"
    assert period.end - period.start == dt.timedelta(days=31, hours=-1)


def test_monthly_period_start_is_clamped():
    send = dt.datetime(2026, 3, 31, 9, tzinfo=BERLIN)
    period = scheduling.monthly_period(send.astimezone(UTC), BERLIN)

    assert period.start.astimezone(BERLIN) == dt.datetime(2026, 2, 28, 9, tzinfo=BERLIN)


def test_monthly_period_key_uses_local_month():
    send = scheduling.next_monthly_send(1, 0, SYDNEY, utc(2026, 6, 20))

    assert scheduling.monthly_period(send, SYDNEY).key == "monthly:2026-07"


def test_manual_period_of_monthly_schedule_is_a_month():
    now = utc(2026, 5, 20, 12)
    period = scheduling.manual_period(now, UTC, "abc", scheduling.MONTHLY)

    assert period.start == utc(2026, 4, 20, 12)
    assert period.key == "manual:abc"
