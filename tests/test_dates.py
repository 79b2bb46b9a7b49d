"""threadparse.dates: every date aware UTC, relative ages estimated from the capture time."""

from __future__ import annotations

import doctest
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import threadparse
from threadparse import ParseConfig, dates

UTC = timezone.utc
CAPTURED = datetime(2025, 8, 17, 15, 0, tzinfo=UTC)  # a Sunday

# Datetimes far enough from years 1 and 9999 that any UTC offset stays in range.
_safe = dict(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31))
any_datetime = st.one_of(
    st.datetimes(**_safe),
    st.datetimes(**_safe, timezones=st.timezones()),
    st.datetimes(**_safe, timezones=st.builds(
        timezone, st.timedeltas(min_value=timedelta(hours=-23, minutes=-59),
                                max_value=timedelta(hours=23, minutes=59)))),
)


def test_module_doctests():
    result = doctest.testmod(dates)
    assert result.attempted >= 6 and result.failed == 0


@given(any_datetime)
def test_to_utc_is_always_aware_utc_and_keeps_the_instant(dt):
    got = dates.to_utc(dt)
    assert got.tzinfo is UTC and got.utcoffset() == timedelta(0)
    if dt.tzinfo is not None and dt.utcoffset() is not None:
        # aware: the same instant (compared as timestamps: PEP 495 makes a time in a
        # daylight-saving gap or fold unequal to every time in another zone)
        assert got.timestamp() == dt.timestamp()
    else:
        assert got.replace(tzinfo=None) == dt  # naive: taken to be UTC


def test_to_utc_none_and_type_errors():
    assert dates.to_utc(None) is None
    with pytest.raises(TypeError, match="datetime"):
        dates.to_utc("2024-01-01")


@pytest.mark.parametrize(
    "age, delta",
    [
        ("13d", timedelta(days=13)),
        ("3h", timedelta(hours=3)),
        ("20m", timedelta(minutes=20)),
        ("45s", timedelta(seconds=45)),
        ("2w", timedelta(weeks=2)),
        ("2 hours ago", timedelta(hours=2)),
        ("1 hour ago", timedelta(hours=1)),
        ("an hour ago", timedelta(hours=1)),
        ("a minute ago", timedelta(minutes=1)),
        ("a few seconds ago", timedelta(seconds=2)),
        ("5 hr. ago", timedelta(hours=5)),
        ("2d ago", timedelta(days=2)),
        ("3 days ago", timedelta(days=3)),
        ("20 minutes ago", timedelta(minutes=20)),
        ("last week", timedelta(weeks=1)),
        ("just now", timedelta(0)),
        ("  2   HOURS  ago ", timedelta(hours=2)),
    ],
)
def test_estimate_fixed_units(age, delta):
    assert dates.estimate(age, CAPTURED) == CAPTURED - delta


@pytest.mark.parametrize(
    "age, expected",
    [
        ("2mo", datetime(2025, 6, 17, 15, 0, tzinfo=UTC)),
        ("11mo", datetime(2024, 9, 17, 15, 0, tzinfo=UTC)),
        ("1y", datetime(2024, 8, 17, 15, 0, tzinfo=UTC)),
        ("2y ago", datetime(2023, 8, 17, 15, 0, tzinfo=UTC)),
        ("7 months ago", datetime(2025, 1, 17, 15, 0, tzinfo=UTC)),
        ("Yesterday", datetime(2025, 8, 16, 0, 0, tzinfo=UTC)),
        ("Yesterday at 5:16 PM", datetime(2025, 8, 16, 17, 16, tzinfo=UTC)),
        ("yesterday 17:16", datetime(2025, 8, 16, 17, 16, tzinfo=UTC)),
        ("Today at 09:12", datetime(2025, 8, 17, 9, 12, tzinfo=UTC)),
        ("Friday at 3:04 pm", datetime(2025, 8, 15, 15, 4, tzinfo=UTC)),
        ("Sunday", datetime(2025, 8, 10, 0, 0, tzinfo=UTC)),  # the capture day is a Sunday
    ],
)
def test_estimate_calendar_ages_and_named_days(age, expected):
    assert dates.estimate(age, CAPTURED) == expected


def test_estimate_reads_clock_times_in_the_capture_zone():
    cest = timezone(timedelta(hours=2))
    captured = datetime(2025, 8, 17, 17, 0, tzinfo=cest)
    assert dates.estimate("Yesterday at 5:16 PM", captured) == datetime(2025, 8, 16, 15, 16, tzinfo=UTC)
    assert dates.estimate("2 hours ago", captured) == datetime(2025, 8, 17, 13, 0, tzinfo=UTC)
    naive = datetime(2025, 8, 17, 15, 0)  # naive capture time: UTC
    assert dates.estimate("3h", naive) == datetime(2025, 8, 17, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text", ["", "Mar 10, 2023", "edited", "am", "as", "2021", "hello world", "13 apples", "99999999d"]
)
def test_estimate_is_none_for_what_is_not_a_relative_age(text):
    assert dates.estimate(text, CAPTURED) is None


@given(
    n=st.integers(min_value=0, max_value=500),
    unit=st.sampled_from(["s", "m", "h", "d", "w", "mo", "y", "sec", "min", "hr", "hour",
                          "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"]),
    spaced=st.booleans(),
    ago=st.booleans(),
    captured=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1),
                          timezones=st.none() | st.timezones()),
)
@settings(max_examples=300)
def test_estimate_many_age_shapes(n, unit, spaced, ago, captured):
    text = f"{n}{' ' if spaced else ''}{unit}{' ago' if ago else ''}"
    got = dates.estimate(text, captured)
    assert got is not None and got.tzinfo is UTC
    assert got <= dates.to_utc(captured)
    if n == 0:
        assert got == dates.to_utc(captured)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sun, 11 Sep 2016 23:22:02 +0100", datetime(2016, 9, 11, 22, 22, 2, tzinfo=UTC)),
        ("Tue Mar  4 09:12:00 UTC 2025", datetime(2025, 3, 4, 9, 12, tzinfo=UTC)),
        ("14 Nov 2021 18:01 UTC", datetime(2021, 11, 14, 18, 1, tzinfo=UTC)),
        ("March 28, 2022,  8:59pm", datetime(2022, 3, 28, 20, 59, tzinfo=UTC)),
        ("October 1, 2023,\xa0 9:07pm", datetime(2023, 10, 1, 21, 7, tzinfo=UTC)),
        ("Sep 1, 2022 at 16:47", datetime(2022, 9, 1, 16, 47, tzinfo=UTC)),
        ("Mar 15 '14 at 9:02", datetime(2014, 3, 15, 9, 2, tzinfo=UTC)),
        ("Oct 19 '21", datetime(2021, 10, 19, tzinfo=UTC)),
        ("on Mar 3, 2019", datetime(2019, 3, 3, tzinfo=UTC)),
        ("2024-03-03T09:05:00+02:00", datetime(2024, 3, 3, 7, 5, tzinfo=UTC)),
        ("12/03/2021", datetime(2021, 12, 3, tzinfo=UTC)),  # month first
    ],
)
def test_parse_date_absolute(text, expected):
    assert dates.parse_date(text) == (expected, False)
    assert dates.parse_date(text, captured_at=CAPTURED) == (expected, False)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "7", "2021", "March 2021", "31 Feb 2023 14:05 UTC", "13d", "2 hours ago",
     "Mar 16 at 8:05", "Thu Jun 12 2025 - 08:02:11 CEST", "posted by someone", "5:16 PM"],
)
def test_parse_date_gives_no_date_without_enough_information(text):
    assert dates.parse_date(text) == (None, False)


def test_parse_date_without_a_year_takes_the_latest_year_before_capture():
    assert dates.parse_date("Mar 16 at 8:05", captured_at=CAPTURED) == (
        datetime(2025, 3, 16, 8, 5, tzinfo=UTC), True)
    assert dates.parse_date("Dec 24", captured_at=CAPTURED) == (datetime(2024, 12, 24, tzinfo=UTC), True)
    assert dates.parse_date("Feb 29", captured_at=CAPTURED) == (datetime(2024, 2, 29, tzinfo=UTC), True)


@pytest.mark.parametrize("tz", ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"])
def test_parse_date_does_not_depend_on_the_machine_time_zone(tz):
    script = (
        "from threadparse.dates import parse_date\n"
        "for t in ['March 3, 2024 10:00 CET', 'March 3, 2024 10:00 EST', 'March 3, 2024 10:00 IST',\n"
        "          'March 3, 2024 10:00', 'Sun, 03 Mar 2024 10:00:00 -0000']:\n"
        "    print(parse_date(t))\n"
    )
    env = {**os.environ, "TZ": tz, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [
        "(None, False)",
        "(datetime.datetime(2024, 3, 3, 15, 0, tzinfo=datetime.timezone.utc), False)",
        "(None, False)",
        "(datetime.datetime(2024, 3, 3, 10, 0, tzinfo=datetime.timezone.utc), False)",
        "(datetime.datetime(2024, 3, 3, 10, 0, tzinfo=datetime.timezone.utc), False)",
    ]


def test_parse_date_type_errors():
    with pytest.raises(TypeError):
        dates.parse_date(None)
    with pytest.raises(TypeError):
        dates.parse_date("2 hours ago", captured_at="2025-01-01")
    with pytest.raises(TypeError):
        dates.estimate("2h", None)


@given(st.text(max_size=40), st.none() | st.just(CAPTURED))
@settings(max_examples=300)
def test_parse_date_never_raises_and_is_always_aware_utc(text, captured):
    got, estimated = dates.parse_date(text, captured_at=captured)
    assert got is None or got.tzinfo is UTC
    assert not (estimated and got is None)
    assert not (estimated and captured is None)


# ------------------------------------------------------------------ wired into parse()

_HN = """\
alice 2 hours ago | parent | next [–]

First comment of the thread, with enough words to stand alone.

reply
bob on Mar 3, 2019 | root | parent | prev [–]

Second comment, answering the first one in a few words.

reply
"""


def test_parse_gives_aware_utc_and_estimates_ages_only_with_a_capture_time():
    plain = threadparse.parse(_HN, dialect="hackernews")
    heads = [c.header for c in plain.comments]
    assert [h.posted_at for h in heads] == [None, datetime(2019, 3, 3, tzinfo=UTC)]
    assert [h.posted_at_estimated for h in heads] == [False, False]

    captured = datetime(2025, 8, 17, 17, 0, tzinfo=timezone(timedelta(hours=2)))
    dated = threadparse.parse(_HN, dialect="hackernews", config=ParseConfig(captured_at=captured))
    heads = [c.header for c in dated.comments]
    assert heads[0].posted_at == datetime(2025, 8, 17, 13, 0, tzinfo=UTC)
    assert [h.posted_at_estimated for h in heads] == [True, False]
    data = dated.model_dump(mode="json")["comments"][0]["header"]
    assert data["posted_at"] == "2025-08-17T13:00:00Z" and data["posted_at_estimated"] is True
