"""Stack Exchange question pages and their comment threads (browser copy).

A comment's header is a *trailer*: it follows the text. The text line ends
with an en dash, the user is on the next line and the date on the one after::

    3
    Did you try rebuilding the index first? –
    Pia Lund
    Mar 14, 2014 at 20:10

The bare integer above the text is the comment's score (comments with no
votes show none); it is marked ``meta`` chrome and its value goes into the
header's ``score``. The dash may also start the user line (``– Pia Lund``) or
stand on a line of its own; user and date may share a line. Dates are
``Mar 14, 2014 at 20:10``, ``Mar 14 at 20:10`` (this year: no ``posted_at``),
``Mar 14 '14 at 20:10`` or relative (``2 days ago``, ``yesterday``). A
moderator's ``♦`` is dropped from the author.

Questions and answers end with a signature card, also a trailer::

    Share
    Improve this answer
    Follow
    edited Mar 15, 2014 at 9:02
    Ola Berg
    1,204 3 14 27
    answered Mar 14, 2014 at 20:30
    Pia Lund
    12.3k44 gold badges55 silver badges67 bronze badges

The ``asked``/``answered`` card (date, optional ``X's user avatar`` or bare ``user avatar`` line, name,
reputation and badge blob) is the post's header; the ``edited`` card is
``meta`` chrome. When a page shows such cards, posts get ``depth`` 0 and
comments ``depth`` 1. The first comment under a post answers that post.
Comments do not nest (``last_level``), so a later one may answer the post or
an earlier comment printed above it: its parent comes from an ``@mention``,
a quote or a greeting, and is unknown without one. A dump of comments alone
has no depth: parents then come from ``@mentions`` too.

A comment copied onto one line, ``text – Pia Lund Mar 14, 2014 at 20:10``, is
cut after the dash (:meth:`StackExchange.split_points`) so that user and date
become the trailer. The dash itself stays at the end of the comment's prose,
as it does when the user is on the next line.
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional

import regex

from ..dates import month_number
from ..text import Line
from . import SAMPLE_LINES, Dialect, LineMark, register
from ._pages import LinePage, chrome_kind

_MAX_LINE = 2000  # comments run up to 600 characters; patterns are bounded
_SAMPLE_LINES = SAMPLE_LINES  # the lines score() reads (dialects by region look past them)
_SP = r"[^\S\n]"

_ABS_DATE = (
    r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)" + _SP + r"(?P<day>\d{1,2})"
    r"(?:,?" + _SP + r"(?P<year>(?:19|20)\d\d)|" + _SP + r"'(?P<yy>\d\d))?"
    + _SP + r"{1,2}at" + _SP + r"{1,2}(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)"
)
_REL_DATE = (
    r"(?:\d{1,2}" + _SP + r"(?:secs?|seconds?|mins?|minutes?|hours?|days?)" + _SP + r"ago"
    r"|yesterday|just" + _SP + r"now)"
)
_DATE = r"(?P<date>" + _ABS_DATE + r"|" + _REL_DATE + r")(?P<edited>" + _SP + r"{0,2}(?i:edited))?"
# (the 2023 layout labels a comment's date: "Commented Apr 3, 2012 at 19:07", glued in a copy)
_DATE_LINE = regex.compile(r"(?:Commented" + _SP + r"?)?" + _DATE)
_DASHES = ("–", "—")
_USER = r"(?P<user>[^\s–—][^\n–—]{0,48}?)" + _SP + r"?♦?"
_USER_LINE = regex.compile(r"(?:[–—]" + _SP + r"{0,2})?" + _USER)
_USER_DATE_LINE = regex.compile(r"(?:[–—]" + _SP + r"{0,2})?" + _USER + _SP + r"{1,3}" + _DATE)
# The tail of a comment copied onto one line: "… – Pia Lund Mar 14, 2014 at 20:10".
# A date's clock that a print copy's wrap put on a line of its own.
_WRAPPED_CLOCK = regex.compile(_SP + r"*at" + _SP + r"{1,2}(?:[01]?\d|2[0-3]):[0-5]\d" + _SP + r"*")
_ONE_LINE_TAIL = regex.compile(r"[–—]" + _SP + r"{1,3}" + _USER + _SP + r"{1,3}" + _DATE + _SP + r"*\Z")
_SCORE_LINE = regex.compile(r"[-−]?\d{1,6}")

# Post signature cards.
_CARD = regex.compile(r"(?P<verb>asked|answered|edited)" + _SP + r"{1,2}" + _DATE)
_AVATAR = regex.compile(r"(?:[^\n]{1,60}'s" + _SP + r")?[Uu]ser" + _SP + r"avatar")  # (alt text without the name, too)
# (a copy glues the shown badge count to the screen reader's: "906906 silver badges")
_REPUTATION = regex.compile(
    r"(?:[\d,.]{1,9}k?)(?:(?:" + _SP + r"{0,2}\d{1,10}" + _SP + r"{0,2}(?:gold|silver|bronze)" + _SP
    + r"badges?)+|(?:" + _SP + r"{1,2}\d{1,5}){1,3})?"
)
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# "Asked 5 years, 2 months ago", "Modified today", "Viewed 12k times" (one line or several)
_ASKED = (
    r"(?:(?:Asked|Modified|Active)" + _SP + r"{1,2}(?:today|yesterday|[\w ,]{1,40}?" + _SP + r"ago|"
    + _MON + _SP + r"\d{1,2}(?:,?" + _SP + r"\d{4})?(?:" + _SP + r"at" + _SP + r"\d{1,2}:\d\d)?)"
    r"|Viewed" + _SP + r"{1,2}[\d,.]{1,9}k?" + _SP + r"times)"
)
_CHROME = [
    (regex.compile(r"(?:Share|Edit|Follow|Flag|Improve this (?:question|answer)|Cite)"
                   r"(?:" + _SP + r"{1,3}(?:Share|Edit|Follow|Flag|Improve this (?:question|answer)|Cite)){0,5}"), "ui"),
    # the 2010s layout: "share|improve this answer", "up vote 12 down vote accepted"
    (regex.compile(r"(?:share|edit|follow|flag|cite|improve" + _SP + r"this" + _SP + r"(?:question|answer))"
                   r"(?:" + _SP + r"?\|" + _SP + r"?(?:share|edit|follow|flag|cite|improve" + _SP + r"this" + _SP
                   + r"(?:question|answer))){1,5}"
                   r"|up" + _SP + r"vote" + _SP + r"[-−]?\d{1,6}" + _SP + r"down" + _SP + r"vote(?:" + _SP
                   + r"(?:accepted|favorite))?(?:" + _SP + r"\d{1,6})?"
                   r"|add" + _SP + r"a" + _SP + r"comment(?:" + _SP + r"\|[^\n]{0,60})?"
                   r"|show" + _SP + r"\d{1,5}" + _SP + r"more" + _SP + r"comments?"
                   r"|Take" + _SP + r"the" + _SP + r"\d-minute" + _SP + r"tour" + _SP + r"*×?"), "ui"),
    (regex.compile(r"[^\n]{1,80}" + _SP + r"is" + _SP + r"a" + _SP + r"question" + _SP + r"and" + _SP + r"answer"
                   + _SP + r"site" + _SP + r"for" + _SP + r"[^\n]{1,400}"), "meta"),
    (regex.compile(r"Reply|Copy|Sign up to request clarification or add additional context in comments\.?"), "ui"),
    (regex.compile(r"\d{1,5}" + _SP + r"Comments?"), "meta"),
    (regex.compile(r"Add a comment|Show" + _SP + r"\d{1,5}" + _SP + r"more comments?|Show more comments"
                   r"|Sorted by:|Reset to default|Highest score \(default\)|Trending \(recent votes count more\)"
                   r"|Date modified \(newest first\)|Date created \(oldest first\)"
                   r"|Post Your Answer|Your Answer|Sign up or log in"), "ui"),
    (regex.compile(r"\d{1,5}" + _SP + r"Answers?"), "ui"),
    (regex.compile(_ASKED + r"(?:" + _SP + r"{1,3}" + _ASKED + r"){0,2}"), "meta"),
    (regex.compile(r"community wiki|\d{1,4}" + _SP + r"revs?(?:,?" + _SP + r"\d{1,4}" + _SP + r"users?" + _SP
                   + r"\d{1,3}%)?"), "meta"),
    (regex.compile(r"Not the answer you're looking for\?[^\n]{0,300}|Hot Network Questions|Linked|Related"
                   r"|Start asking to get answers|Find the answer to your question by asking\.?|Ask question"
                   r"|Explore related questions"), "navigation"),
]


def _posted_at(m) -> Optional[datetime]:
    if m.group("month") is None:
        return None
    year = m.group("year") or (f"20{m.group('yy')}" if m.group("yy") else None)
    if year is None:
        return None  # "Mar 14 at 20:10": this year, whichever that was
    try:
        return datetime(
            int(year), month_number(m.group("month")), int(m.group("day")),
            int(m.group("hour")), int(m.group("minute")),
        )
    except ValueError:
        return None


def _date_fields(m) -> dict:
    fields = {"age": m.group("date")}
    when = _posted_at(m)
    if when is not None:
        fields["posted_at"] = when
    if m.group("edited"):
        fields["edited"] = True
    return fields


def _page(text: str, lines: list[Line], limit: int) -> LinePage:
    return LinePage(text, lines, limit, _MAX_LINE)


def _user(m) -> Optional[str]:
    name = m.group("user").strip().rstrip("♦").strip()
    if not name or name.endswith((".", ",", ":", ";", "?", "!")) or name.count(" ") > 4:
        return None
    return name


def _maybe_date(s: str) -> bool:
    """Cheap test before the date patterns: every date form has one of these."""
    return ":" in s or s.endswith(("ago", "yesterday", "now", "edited", "Edited"))


def _one_line_cut(text: str, ln: Line, following: Optional[Line] = None) -> Optional[int]:
    """Where a one-line comment's trailer (user and date) starts, or ``None``.

    The trailer ends the line, so only the line's last 300 characters are
    searched, however long the comment is. A print copy may wrap the date's
    clock onto the ``following`` line (``… – Ana Roe Sep 12, 2022`` /
    ``at 13:42``): the two are read as one.
    """
    start = max(ln.start, ln.end - 300)
    s = text[start : ln.end]
    if "–" not in s and "—" not in s:
        return None
    clock = (
        _wrapped_clock(text[following.start : following.end])
        if following is not None and following.end - following.start <= 40 else None
    )
    wrapped = " " + clock if clock else ""
    if not _maybe_date((s + wrapped).rstrip()):
        return None
    m = _ONE_LINE_TAIL.search(s + wrapped) if wrapped else None
    if m is None or m.start("user") >= len(s):
        m = _ONE_LINE_TAIL.search(s)
    if m is None or _user(m) is None:
        return None
    if start == ln.start and not s[: m.start()].strip():
        return None  # a trailer with no comment text before it
    return start + m.start("user")


def _wrapped_clock(line: Optional[str]) -> Optional[str]:
    """The line, stripped, when it is a date's clock that a print copy
    wrapped onto a line of its own (``at 13:42``), else ``None``."""
    if not line or len(line) > 40 or _WRAPPED_CLOCK.fullmatch(line) is None:
        return None
    return line.strip()


def _dash_above(page: LinePage, j: int) -> Optional[str]:
    """Whether line ``j`` is the trailer's dash on its own line (``"alone"``),
    ends with it (``"end"``: the dash stays in the comment's text), or neither."""
    above = page.get(j)
    if above is None:
        above = page.tail(j)  # a long comment: only its final dash matters
    if not above:
        return None
    if above in _DASHES:
        return "alone"
    return "end" if above.endswith(_DASHES) else None


# What a copy may print between a comment's user and its date, one per line:
# the moderator's diamond, a no-break space, the date's label.
_BETWEEN = ("♦", "Commented", "")


def _user_above(page: LinePage, i: int) -> int:
    """The line of the user above date line ``i``: the line right above, or
    above a diamond, a blank line and a ``Commented`` label (up to three
    lines, each of those once)."""
    k = i - 1
    for _ in range(3):
        s = page.get(k)
        if s is None or s not in _BETWEEN or (not s and page.get(k - 1) == ""):
            break  # (two blank lines in a row part the comment from the date)
        k -= 1
    return k


def _comment_trailer(page: LinePage, i: int, s: str):
    """A trailer whose date line is ``i``: ``(first, last, dash line, fields)`` or None."""
    wrapped = None  # the clock a print wrapped onto the next line, read when needed
    if not _maybe_date(s):
        wrapped = _wrapped_clock(page.get(i + 1))
        if wrapped is None:
            return None
    m = _DATE_LINE.fullmatch(s)
    if m is not None:
        k = _user_above(page, i)
        u = page.get(k)
        if not u:
            return None
        um = _USER_LINE.fullmatch(u)
        name = _user(um) if um else None
        if name is None:
            return None
        first = k
        if u[0] in _DASHES:
            dash = first  # "– Pia Lund"
        else:
            where = _dash_above(page, k - 1)
            if where is None:
                return None
            dash = k - 1
            if where == "alone":
                first = dash
        fields = {"author": name, **_date_fields(m), "trailer": True}
        return first, i, dash, fields
    m = _USER_DATE_LINE.fullmatch(s)
    last = i
    if m is None:
        wrapped = wrapped or _wrapped_clock(page.get(i + 1))
        if wrapped is not None:
            # "– Ana Roe Sep 12, 2022" / "at 13:42": a print copy's wrap
            m = _USER_DATE_LINE.fullmatch(s + " " + wrapped)
            last = i + 1
    if m is None:
        return None
    name = _user(m)
    if name is None:
        return None
    if s[0] in _DASHES:
        dash = first = i
    else:
        where = _dash_above(page, i - 1)
        if where is None:
            return None
        dash, first = i - 1, (i - 1 if where == "alone" else i)
    return first, last, dash, {"author": name, **_date_fields(m), "trailer": True}


def _card(page: LinePage, i: int, m) -> tuple[int, Optional[str]]:
    """The last line of a signature card that starts at ``i``, and the user's name.

    The card's lines may stand one blank line apart (a print or a reader-mode
    copy); the reputation and badge counts may be one line (``593 1 6 18``)
    or, in a print, one bare number per line a blank line apart (up to four)."""
    last, name = i, None
    j = page.next_nonblank(i, 1)
    s = page.get(j) if j >= 0 else None
    if s and _AVATAR.fullmatch(s):
        last, j = j, page.next_nonblank(j, 1)
        s = page.get(j) if j >= 0 else None
    if s and not _CARD.fullmatch(s) and not _DATE_LINE.fullmatch(s) and len(s) <= 60 \
            and not _REPUTATION.fullmatch(s) and _chrome_kind(s) is None:
        name, last = s.rstrip("♦").strip(), j
        j = page.next_nonblank(j, 1)
        s = page.get(j) if j >= 0 else None
        if s and _chrome_kind(s) == "ui" and s.startswith("Follow"):  # a print splits the button row
            last, j = j, page.next_nonblank(j, 1)
            s = page.get(j) if j >= 0 else None
        if s and _REPUTATION.fullmatch(s):
            last = _badge_lines(page, j)
            # a bare reputation with its badge counts one per line, each a
            # blank line apart (a print); a comment's score sits right above its text
            for _ in range(3 if s.replace(",", "").isdigit() else 0):
                k = page.next_nonblank(last, 1)
                t = page.get(k) if k >= 0 else None
                if k != last + 2 or not t or not t.isdigit() or len(t) > 5:
                    break
                last = k
    return last, name


_BADGE_LINE = regex.compile(r"\d{1,10}" + _SP + r"{1,2}(?:gold|silver|bronze)" + _SP + r"badges?")


def _badge_lines(page: LinePage, j: int) -> int:
    """The last line of the badge counts under reputation line ``j``, when
    a copy prints them one per line (``1 gold badge``, or the screen
    reader's ``3`` over ``3 silver badges``); ``j`` itself when it does not."""
    last = j
    for _ in range(6):
        k = page.next_nonblank(last, 1)
        t = page.get(k) if k >= 0 else None
        if not t:
            break
        if not _BADGE_LINE.fullmatch(t):
            n = page.next_nonblank(k, 1)
            u = page.get(n) if n >= 0 else None
            if not (t.isdigit() and u and _BADGE_LINE.fullmatch(u) and u.startswith(t)):
                break
        last = k
    return last


def _card_follows(page: LinePage, i: int) -> bool:
    """Whether a signature card comes within the next few lines after ``i``."""
    j = i
    for _ in range(3):
        j = page.next_nonblank(j, 2)
        s = page.get(j) if j >= 0 else None
        if not s:
            return False
        if len(s) <= 120 and _CARD.fullmatch(s):
            return True
    return False


def _scan(page: LinePage) -> dict[int, LineMark]:
    """Headers and chrome in one pass over the lines."""
    marks: dict[int, LineMark] = {}
    boundary = -1  # the last line of the last header
    prev_marked = True  # whether the previous non-blank line was a header or chrome
    score_line: Optional[int] = None  # a bare integer opening the current post or comment
    posts = False
    i = 0

    def header(first: int, last: int, text_end: int, fields: dict) -> None:
        nonlocal boundary, prev_marked, score_line
        if score_line is not None and score_line < text_end:
            fields["score"] = int(page.get(score_line).replace("−", "-"))
            marks[score_line] = LineMark("chrome", chrome_kind="meta")
        for j in range(first, last + 1):
            marks.pop(j, None)  # a user line read as chrome is the header's now
        marks[first] = LineMark("header", lines=last - first + 1, fields=fields)
        boundary, prev_marked, score_line = last, True, None

    stripped = page.stripped
    while i < page.n:
        s = stripped[i]
        if s is None:  # too long to be anything but text
            prev_marked = False
            i += 1
            continue
        if not s:
            i += 1
            continue
        if len(s) <= 120:
            card = _CARD.fullmatch(s)
            if card:
                last, name = _card(page, i, card)
                if card.group("verb") == "edited":
                    marks[i] = LineMark("chrome", lines=last - i + 1, chrome_kind="meta")
                    prev_marked = True
                    boundary = max(boundary, last)  # (a trailer read next starts below the card)
                else:
                    fields = {**_date_fields(card), "trailer": True, "post": True}
                    if name:
                        fields["author"] = name
                    header(i, last, i, fields)
                    posts = True
                i = last + 1
                continue
            if s in _DASHES and i > 0 and page.lines[i].start == page.lines[i - 1].end:
                header(i, i, i, {"trailer": True})  # the cut trailer's dash, glued to its text
                i += 1
                continue
            if s[0].isalnum() or s[0] in _DASHES or s[0] == "[":  # "1vanK", "5 days ago", "[deleted]"
                t = _comment_trailer(page, i, s)
                if t is not None and t[0] > boundary:
                    first, last, dash, fields = t
                    header(first, last, dash, fields)
                    i = last + 1
                    continue
        kind = _chrome_kind(s)
        if kind == "ui" and "improve this" in s.casefold() and not _card_follows(page, i):
            # the post's button row with no signature card under it (the dump
            # is cut there): the row still ends the post, as a trailer
            header(i, i, i, {"trailer": True, "post": True})
            posts = True
        elif kind is not None:
            marks[i] = LineMark("chrome", chrome_kind=kind)
            prev_marked = True
        else:
            if prev_marked and score_line is None and _SCORE_LINE.fullmatch(s):
                score_line = i
            prev_marked = False
        i += 1
    if posts:
        for m in marks.values():
            if m.kind == "header":
                m.fields["depth"] = 0 if m.fields.get("post") else 1
                if not m.fields.get("post"):
                    m.fields["last_level"] = True  # comments do not nest
    for m in marks.values():
        if m.kind == "header":
            m.fields.pop("post", None)
    return marks


def _chrome_kind(s: str) -> Optional[str]:
    return chrome_kind(s, _CHROME, _MAX_LINE)


@register
class StackExchange(Dialect):
    name = "stackexchange"
    description = "Stack Exchange pages: comments with trailer headers ('text –' / user / date), post cards."
    # Every header's last line ends with its date (" at 20:10", "5 mins ago",
    # "yesterday", "just now", each maybe "edited"), or is the "improve this"
    # button row; a cut trailer's lone dash has its date on the next line.
    mark_hint = tuple(
        date + r"(?:[^\S\n]{0,2}(?i:edited))?[^\S\n\r]*(?:[\n\r]|\Z)"
        for date in (r"at[^\S\n]{1,2}\d{1,2}:[0-5]\d", "ago", "yesterday", "now")
    ) + (r"mprove[ ][Tt]his", "MPROVE THIS")

    def score(self, text: str, lines: list[Line]) -> float:
        page = _page(text, lines, _SAMPLE_LINES)
        trailers = cards = chrome = old_rows = 0
        for i in range(page.n):
            s = page.get(i)
            if not s:
                continue
            if len(s) <= 120 and s[0] in "AaSse" and s.startswith(("Add a comment", "Share", "share|")):
                chrome += 1
                if s.startswith("share|") and _chrome_kind(s) == "ui":
                    old_rows += 1  # "share|improve this question": Stack Exchange's own wording
            elif len(s) <= 120 and s[0] in "ae" and _CARD.fullmatch(s):
                cards += 1
            elif len(s) <= 120 and (s[0].isalnum() or s[0] in _DASHES or s[0] == "[") and _comment_trailer(page, i, s):
                trailers += 1
            elif _one_line_cut(text, lines[i], lines[i + 1] if i + 1 < len(lines) else None) is not None:
                trailers += 1
            if trailers + cards >= 5:
                break
        if trailers + cards == 0:
            return 0.4 if old_rows else 0.0
        return min(1.0, 0.2 + 0.15 * trailers + 0.15 * cards + 0.05 * min(chrome, 4))

    def split_points(self, text: str, lines: list[Line]) -> list[int]:
        """Cut ``text – user date`` lines after the dash: the trailer gets a line of its own."""
        cuts = []
        for k, ln in enumerate(lines):
            at = _one_line_cut(text, ln, lines[k + 1] if k + 1 < len(lines) else None)
            if at is not None:
                cuts.append(at)
        # A dump cut right after a comment's dash ("… text –" and nothing
        # more): the dash is all that is left of the trailer.
        end = len(text.rstrip())
        if end >= 2 and text[end - 1] in _DASHES and text[end - 2] in " \t\u00a0":
            k = len(lines) - 1
            while k > 0 and lines[k].start >= end:
                k -= 1
            if lines and lines[k].start < end - 1 and text[lines[k].start : end - 1].strip():
                cuts.append(end - 1)
        return sorted(set(cuts))

    def mark_lines(self, text: str, lines: list[Line]) -> dict[int, LineMark]:
        return _scan(_page(text, lines, len(lines)))
