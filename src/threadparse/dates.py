"""Comment dates as timezone-aware UTC: absolute dates, relative ages, capture time.

Dumps print dates in many shapes: RFC 2822 mail dates
(``Sun, 11 Sep 2016 23:22:02 +0100``), forum dates (``March 28, 2022,  8:59pm``,
``Oct 19 '21``, ``Sep 1, 2022 at 16:47``) and relative ages (``2 hours ago``,
``13d``, ``2mo``, ``Yesterday at 5:16 PM``). This module reads them with the
standard library (:func:`email.utils.parsedate_to_datetime`) and python-dateutil
rather than month tables, and returns every date as an aware ``datetime`` in
UTC.

>>> from datetime import datetime, timezone
>>> parse_date("Sun, 11 Sep 2016 23:22:02 +0100")
(datetime.datetime(2016, 9, 11, 22, 22, 2, tzinfo=datetime.timezone.utc), False)
>>> captured = datetime(2025, 8, 17, 15, 0, tzinfo=timezone.utc)
>>> parse_date("2 hours ago", captured_at=captured)
(datetime.datetime(2025, 8, 17, 13, 0, tzinfo=datetime.timezone.utc), True)
>>> parse_date("2 hours ago")  # no capture time: a relative age gives no date
(None, False)

Conventions (also in ``docs/format.md``):

- **Naive datetimes are UTC.** A date printed without a time zone
  (Discourse, Stack Exchange, most forums) is taken to be UTC. Stack Exchange
  prints UTC; sites that print the reader's local time are off by the
  reader's offset, which the dump does not record.
- **Estimates are the latest consistent time.** ``2 hours ago`` means at
  least two hours before the capture, so the estimate is exactly
  ``captured_at - 2 hours``; months and years are calendar months and years.
- **A date must name its day.** Text that gives no day, month and year (``7``,
  ``2021``, ``March 2021``) gives no date. A date without a year (``Mar 16 at
  8:05``, printed by sites for the current year) is the latest such date not
  after the capture time, and counts as estimated; without a capture time it
  gives no date.
- Numeric offsets (``+0100``) are exact. Of zone names, only ``UTC``,
  ``GMT``, ``UT``, ``Z`` and, in RFC 2822 dates, the US zones that RFC 822
  defines (``EST``, ``PDT``...) are read; others (``CEST``, ``IST``) are
  ambiguous and give no date. Nothing depends on the machine's time zone.
- Numeric dates are read month first (``12/03/2021`` is December 3),
  except with dots, which the countries that print the day first use
  (``02.03.2024`` is 2 March); a year first is read year, month, day
  (``2024/03/02``).
"""

from __future__ import annotations

import email.utils
import functools
import re
from datetime import datetime, time, timedelta, timezone
from typing import Optional

from dateutil import parser as _dateutil_parser
from dateutil.relativedelta import relativedelta

__all__ = ["estimate", "parse_date", "posted_time", "to_utc"]


def to_utc(dt: Optional[datetime]) -> Optional[datetime]:
    """``dt`` as an aware ``datetime`` in UTC (``tzinfo=timezone.utc``); ``None`` stays ``None``.

    A naive ``dt`` is taken to be UTC already (the dump printed no zone); an
    aware one is converted. Raises ``OverflowError`` when the converted
    instant falls outside ``datetime``'s range (years 1..9999).

    >>> to_utc(datetime(2024, 3, 3, 9, 5))
    datetime.datetime(2024, 3, 3, 9, 5, tzinfo=datetime.timezone.utc)
    """
    if dt is None:
        return None
    if not isinstance(dt, datetime):
        raise TypeError(f"to_utc expects a datetime or None, got {type(dt).__name__}")
    if dt.tzinfo is None or dt.utcoffset() is None:
        return dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


# ------------------------------------------------------------------ relative ages

_UNITS: dict[str, str] = {}
for _unit, _names in {
    "seconds": ("s", "sec", "secs", "second", "seconds"),
    "minutes": ("m", "min", "mins", "minute", "minutes"),
    "hours": ("h", "hr", "hrs", "hour", "hours"),
    "days": ("d", "day", "days"),
    "weeks": ("w", "wk", "wks", "week", "weeks"),
    "months": ("mo", "mos", "mth", "mths", "month", "months"),
    "years": ("y", "yr", "yrs", "year", "years"),
}.items():
    _UNITS.update(dict.fromkeys(_names, _unit))

# "13d", "2mo", "5 hr. ago", "an hour ago", "a few seconds ago", "last week"
_AGE = re.compile(
    r"(?:(?P<n>\d{1,6})\s*|(?P<one>an?|one|last)\s+|(?P<few>a\s+few)\s+)"
    r"(?P<unit>[a-z]+)\.?(?:\s+ago)?",
    re.IGNORECASE,
)
_NOW = re.compile(r"just\s+now|now|moments?\s+ago|a\s+moment\s+ago", re.IGNORECASE)
# "Yesterday", "Today at 09:12", "yesterday 5:16 PM", "Monday at 3:04 pm"
_DAYS_BACK = {"today": 0, "yesterday": 1}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NAMED_DAY = re.compile(
    r"(?P<day>today|yesterday|" + "|".join(_WEEKDAYS) + r")"
    r"(?:\s*,?\s*(?:at\s+)?(?P<time>\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?)?))?",
    re.IGNORECASE,
)


def estimate(age_text: str, captured_at: datetime) -> Optional[datetime]:
    """The posting time a relative age implies, given when the page was captured.

    Understands counts of a unit (``13d``, ``2mo``, ``1y``, ``3h``, ``20m``,
    ``2 hours ago``, ``5 hr. ago``, ``an hour ago``, ``a few seconds ago``,
    ``last week``), ``just now``, and named days with an optional time
    (``Yesterday``, ``Today at 09:12``, ``Yesterday at 5:16 PM``, ``Monday at
    3:04 PM`` = the latest Monday before the capture day). ``m`` is minutes,
    ``mo`` months; ``a few`` counts as two. Counts are subtracted from the
    capture instant in UTC (months and years as calendar months and years);
    the clock time of a named day is read in ``captured_at``'s zone (UTC when
    naive). Returns an aware UTC ``datetime``, or ``None`` when the
    text is not a relative age (absolute dates are :func:`parse_date`'s job).

    >>> captured = datetime(2025, 8, 17, 15, 0, tzinfo=timezone.utc)
    >>> estimate("13d", captured)
    datetime.datetime(2025, 8, 4, 15, 0, tzinfo=datetime.timezone.utc)
    >>> estimate("Yesterday at 5:16 PM", captured)
    datetime.datetime(2025, 8, 16, 17, 16, tzinfo=datetime.timezone.utc)
    """
    if not isinstance(age_text, str):
        raise TypeError(f"estimate expects age_text as str, got {type(age_text).__name__}")
    if not isinstance(captured_at, datetime):
        raise TypeError(f"estimate expects captured_at as datetime, got {type(captured_at).__name__}")
    text = " ".join(age_text.split())
    now = to_utc(captured_at)

    if _NOW.fullmatch(text):
        return now
    m = _AGE.fullmatch(text)
    if m and m["unit"].lower() in _UNITS:
        count = int(m["n"]) if m["n"] else (2 if m["few"] else 1)
        try:  # in UTC, so that daylight-saving changes do not shift the result
            return now - relativedelta(**{_UNITS[m["unit"].lower()]: count})
        except (OverflowError, ValueError):  # an age reaching before year 1
            return None
    m = _NAMED_DAY.fullmatch(text)
    if m:
        local_now = captured_at if captured_at.tzinfo is not None else now
        word = m["day"].lower()
        if word in _DAYS_BACK:
            days_back = _DAYS_BACK[word]
        else:  # the latest such weekday before the capture day
            days_back = (local_now.weekday() - _WEEKDAYS.index(word) - 1) % 7 + 1
        day = local_now - timedelta(days=days_back)
        at = time(0, 0)
        if m["time"]:
            try:
                at = _dateutil_parser.parse(m["time"]).time()
            except (ValueError, OverflowError):
                return None
        return to_utc(datetime.combine(day.date(), at, tzinfo=local_now.tzinfo))
    return None


# ------------------------------------------------------------------ absolute dates

# Two defaults that differ in year, month and day: a field the text does not
# give comes out different in the two readings.
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2004, 2, 2)
_UTC_NAMES = frozenset({"UTC", "GMT", "UT", "Z"})


class _AmbiguousZone(ValueError):
    """A zone name other than UTC's (``CEST``, ``EST``): its offset is not certain."""


def _zone(name: Optional[str], offset: Optional[int]) -> Optional[timezone]:
    """dateutil's ``tzinfos`` hook: a numeric offset or a UTC name, else no date.

    Always passing a hook keeps dateutil from reading a zone name that matches
    the machine's own zone as local time, so results never depend on the machine.
    """
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    if name is None:
        return None
    if name.upper() in _UTC_NAMES:
        return timezone.utc
    raise _AmbiguousZone(name)


def parse_date(text: str, *, captured_at: Optional[datetime] = None) -> tuple[Optional[datetime], bool]:
    """Read a date or age as printed; return ``(aware UTC datetime or None, estimated)``.

    Tried in order: a relative age (:func:`estimate`, only with
    ``captured_at``), an RFC 2822 date (:func:`email.utils.parsedate_to_datetime`),
    then python-dateutil without fuzzy matching, so text with words that are
    not part of a date gives ``None``. ``estimated`` is ``True`` when the result
    depends on ``captured_at`` (a relative age, or a date printed without its
    year). See the module docstring for the conventions.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_date expects text as str, got {type(text).__name__}")
    if captured_at is not None and not isinstance(captured_at, datetime):
        raise TypeError(
            f"parse_date expects captured_at as datetime or None, got {type(captured_at).__name__}"
        )
    return _parse_date_cached(" ".join(text.split()), captured_at)


_DOTTED = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}\b")


@functools.lru_cache(maxsize=4096)
def _parse_date_cached(text: str, captured_at: Optional[datetime]) -> tuple[Optional[datetime], bool]:
    # Dumps repeat the same ages ("2 hours ago") and dates many times.
    if not text:
        return None, False
    if captured_at is not None:
        relative = estimate(text, captured_at)
        if relative is not None:
            return relative, True
    try:
        mail_date = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        mail_date = None
    # a naive result means no zone or one email.utils does not know ("CET"):
    # dateutil tells the two apart below
    if mail_date is not None and mail_date.tzinfo is not None:
        return to_utc(mail_date), False
    dayfirst = _DOTTED.match(text) is not None  # "02.03.2024": the dot is the day-first countries' separator
    try:
        a = _dateutil_parser.parse(text, default=_DEFAULT_A, tzinfos=_zone, dayfirst=dayfirst)
        b = _dateutil_parser.parse(text, default=_DEFAULT_B, tzinfos=_zone, dayfirst=dayfirst)
    except (ValueError, OverflowError):  # _AmbiguousZone is a ValueError
        return None, False
    if a.month != b.month or a.day != b.day:
        return None, False
    if a.year == b.year:
        try:
            return to_utc(a), False
        except OverflowError:
            return None, False
    if captured_at is None:
        return None, False
    return _latest_in_a_year(a, captured_at), True


def _latest_in_a_year(partial: datetime, captured_at: datetime) -> Optional[datetime]:
    """``partial`` (its year unknown) in the latest year that puts it no later than ``captured_at``."""
    captured = to_utc(captured_at)
    # this year or last year; 29 February may need up to eight years back
    for year in range(captured.year, max(captured.year - 8, 0), -1):
        try:
            candidate = to_utc(partial.replace(year=year))
        except (ValueError, OverflowError):
            continue
        if candidate <= captured:
            return candidate
    return None


def posted_time(
    posted_at: Optional[datetime], age: Optional[str], captured_at: Optional[datetime]
) -> tuple[Optional[datetime], bool]:
    """A header's ``(posted_at, posted_at_estimated)``: the dialect's date in UTC, else ``age`` read by :func:`parse_date`."""
    if posted_at is not None:
        return to_utc(posted_at), False
    if age:
        return parse_date(age, captured_at=captured_at)
    return None, False


def month_number(name: str) -> int:
    """The month (1–12) of an English month name or its abbreviation
    (``Sep``, ``Sept``, ``september``), read by the standard library's
    ``strptime`` (in the C locale Python starts in) rather than a table per
    dialect. Raises ``ValueError`` for anything else."""
    return datetime.strptime(name.strip(".")[:3].title(), "%b").month


def month_or_none(name: str) -> Optional[int]:
    """:func:`month_number`, or ``None`` when ``name`` is no month."""
    try:
        return month_number(name)
    except ValueError:
        return None
