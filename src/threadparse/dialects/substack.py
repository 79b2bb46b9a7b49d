"""Substack comment sections (browser copy and markdown clips).

A browser copy glues the commenter's name to the date, with an optional
edit note after a middle dot::

    Jane RoeMar 9·edited Mar 9
    quark89Mar 9, 2023
    Pia Lund2h

A markdown clip prints the name as a profile link and the age as a link to
the comment whose title is the absolute time; the two share a line or not,
and an avatar link may come first::

    [Jane Roe](https://substack.com/profile/1234-jane-roe)
    [3h](https://example.substack.com/p/slug/comment/98765 "Aug 17, 2025, 12:41 PM")

Header fields: ``author``, ``age`` (the printed date or age), ``posted_at``
(only from a link title: a browser copy shows no time), ``edited``,
``permalink`` (the comment id) and ``score`` (the ``Like (7)`` count below the
text, when there is one before the next header).

A glued compact age after a name that ends in digits is ambiguous
(``quark8912h``); the age then takes the fewest digits that make a valid age
(``quark891`` + ``2h``). A date (``quark89Mar 9``) is never ambiguous.

Chrome: ``Like``/``Like (7)``, ``Reply``, ``Share``, ``Expand full comment``,
``Liked by X``, ``N more comments...``, ``N replies``, the section's own
furniture (``Discussion about this post``, ``Comments``, ``Restacks``…).

The copy shows no nesting (replies are indented only on screen), so a comment
answers the post unless a quote or an ``@mention`` says otherwise; without
them its parent is unknown.
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional

import regex

from ..dates import month_number
from ..text import Line
from . import SAMPLE_LINES, Dialect, LineMark, register
from ._pages import LinePage, chrome_kind

_MAX_LINE = 600
_SAMPLE_LINES = SAMPLE_LINES  # the lines score() reads (dialects by region look past them)
_SP = r"[^\S\n]"
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_DATE = _MON + _SP + r"\d{1,2}(?:," + _SP + r"(?:19|20)\d\d)?"
_EDITED = r"(?P<edited>" + _SP + r"?[·•]" + _SP + r"?edited(?:" + _SP + r"(?:" + _DATE + r"|\d{1,2}[mhdw]))?)?"
# Browser copy: name glued to a date ("Jane RoeMar 9") ...
_GLUED_DATE = regex.compile(
    r"(?P<name>[^\s\[\]()](?:[^\n\[\]()]{0,58}?[^\s\[\]()])?)(?P<age>" + _DATE + r")" + _EDITED
)
# ... or to a compact age ("Pia Lund2h"): digits are split off by _split_age.
_GLUED_AGE = regex.compile(
    r"(?P<head>[^\s\[\]()][^\n\[\]()]{0,59}?\d{1,9})(?P<unit>[mhdw])" + _EDITED
)
_PROFILE = r"https?://(?:[\w.-]{1,80}\.)?substack\.com/(?:profile/|@)[^\s()\]]{1,200}"
# Link text may hold one level of balanced brackets, as Markdown allows:
# ``[[deleted]](…/profile/…)``, ``[![[deleted]'s avatar](…)](…)``.
_LINK_TEXT = r"(?:[^\[\]\n]|\[[^\[\]\n]{0,78}\])"
_AVATAR_LINE = regex.compile(r"\[!\[" + _LINK_TEXT + r"{0,120}\]\([^()\s]{1,400}\)\]\(" + _PROFILE + r"\)")
_NAME_LINK = r"\[(?P<name>" + _LINK_TEXT + r"{1,80})\]\(" + _PROFILE + r"\)"
_AGE_LINK = (
    r"\[(?P<age>[^\[\]\n]{1,40})\]\((?P<url>[^()\s\"]{1,400}?/comment/(?P<cid>\d{1,15})[^()\s\"]{0,100})"
    r"(?:" + _SP + r"\"(?P<title>[^\"\n]{1,60})\")?\)"
)
_NAME_LINE = regex.compile(_NAME_LINK + r"(?:" + _SP + r"{0,3}" + _AGE_LINK + r")?" + _EDITED)
_AGE_LINE = regex.compile(_AGE_LINK + _EDITED)
_TITLE_TIME = regex.compile(
    r"(?P<month>" + _MON + r")[a-z]{0,6}" + _SP + r"(?P<day>\d{1,2}),?" + _SP + r"(?P<year>\d{4}),?"
    + _SP + r"{1,2}(?:at" + _SP + r")?(?P<hour>\d{1,2}):(?P<minute>\d\d)(?:" + _SP + r"?(?P<ampm>[AaPp][Mm]))?"
)
_LIKE = regex.compile(r"\[?Like(?:" + _SP + r"?\((?P<n>\d{1,7})\))?(?:\]\([^()\s]{0,300}\))?")
# Furniture no other site prints this way: evidence for score().
_SPECIFIC = regex.compile(
    r"Like" + _SP + r"?\(\d{1,7}\)|Expand full comment|Liked by " + r"[^\n]{1,80}|\d{1,6}" + _SP
    + r"more" + _SP + r"comments?(?:\.\.\.|…)|Discussion about this post"
)
_CHROME = [
    (_LIKE, "ui"),
    (regex.compile(r"\[?(?:Reply|Share|Expand full comment)"
                   r"(?:\]\([^()\s]{0,300}\))?"), "ui"),
    (regex.compile(r"Liked by " + r"[^\n]{1,80}"), "meta"),
    (regex.compile(r"\d{1,6}" + _SP + r"(?:more" + _SP + r")?(?:comments?|repl(?:y|ies))(?:\.\.\.|…)?"
                   r"(?:" + _SP + r"by" + _SP + r"[^\n]{1,80})?"), "navigation"),
    (regex.compile(r"Discussion about this post|Comments|Restacks|Top|Latest|Discussions|"
                   r"Write a comment\.\.\.|Write a comment…|Load more|See all|Ready for more\?|Subscribe"), "ui"),
]


def _posted_at(title: Optional[str]) -> Optional[datetime]:
    if not title:
        return None
    m = _TITLE_TIME.fullmatch(title.strip())
    if not m:
        return None
    hour = int(m.group("hour"))
    if m.group("ampm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m.group("ampm")[0] in "Pp" else 0)
    try:
        return datetime(int(m.group("year")), month_number(m.group("month")), int(m.group("day")),
                        hour, int(m.group("minute")))
    except ValueError:
        return None


_AGE_LIMIT = {"m": 59, "h": 23, "d": 31, "w": 52}


def _split_age(head: str, unit: str) -> Optional[tuple[str, str]]:
    """Split ``name + digits`` glued to an age unit: ``("Pia Lund", "12h")``.

    A run of one or two digits after a non-digit is the age (``Pia Lund12h``).
    A longer run means the name ends in digits too (``quark8912h``): the age
    then takes the fewest digits that make a valid age (``quark891`` + ``2h``).
    """
    run = len(head) - len(head.rstrip("0123456789"))
    name_end = len(head) - run
    if run == 0 or name_end == 0 or head[name_end - 1].isspace():
        return None
    options = (run,) if run <= 2 else (1, 2)
    for k in options:
        digits = head[-k:]
        if digits[0] != "0" and 1 <= int(digits) <= _AGE_LIMIT[unit]:
            return head[:-k], digits + unit
    if run == 2 and head[-1] != "0" and 1 <= int(head[-1]) <= _AGE_LIMIT[unit]:
        return head[:-1], head[-1] + unit  # "bob72h": 72h is no age, so bob7 + 2h
    return None


def _name_ok(name: str) -> bool:
    return bool(name) and name.count(" ") <= 5 and not name.endswith((".", ",", ":", ";", "?", "!"))


def _glued(s: str) -> Optional[dict]:
    """Fields of a browser-copy header line, or ``None``."""
    if len(s) > 120 or not (s[-1].isdigit() or (s[-1] in "mhdw" and s[-2:-1].isdigit())):
        return None  # every glued header ends in a date's day, a year or an age
    m = _GLUED_DATE.fullmatch(s)
    if m:
        name, age = m.group("name").strip(), m.group("age")
    else:
        m = _GLUED_AGE.fullmatch(s)
        if not m:
            return None
        split = _split_age(m.group("head"), m.group("unit"))
        if split is None:
            return None
        name, age = split
    if not _name_ok(name):
        return None
    fields = {"author": name, "age": age}
    if m.group("edited"):
        fields["edited"] = True
    return fields


def _linked(page, i: int, s: str):
    """A markdown-clip header starting at line ``i``: ``(last line, fields)`` or None."""
    m = _NAME_LINE.fullmatch(s)
    if not m:
        return None
    fields: dict = {"author": m.group("name").strip()}
    last = i
    age_m = m if m.group("age") else None
    if age_m is None:
        j = page.next_nonblank(i, 2)
        t = page.get(j) if j >= 0 else None
        if t:
            am = _AGE_LINE.fullmatch(t)
            if am:
                age_m, last = am, j
    if age_m is not None:
        fields["age"] = age_m.group("age")
        fields["permalink"] = age_m.group("cid")
        when = _posted_at(age_m.group("title"))
        if when is not None:
            fields["posted_at"] = when
        if age_m.group("edited"):
            fields["edited"] = True
    elif m.group("edited"):
        fields["edited"] = True
    return last, fields


def _page(text: str, lines: list[Line], limit: int) -> LinePage:
    return LinePage(text, lines, limit, _MAX_LINE)


_CHROME_FIRST = frozenset("LRSEDCTWlr[0123456789")


def _chrome_kind(s: str) -> Optional[str]:
    if not s or s[0] not in _CHROME_FIRST:
        return None
    return chrome_kind(s, _CHROME, 100)


def _scan(page: LinePage, evidence_only: bool = False):
    """Marks (or, with ``evidence_only``, counts of headers and chrome)."""
    marks: dict[int, LineMark] = {}
    linked = glued = chrome = specific = 0
    current: Optional[dict] = None  # fields of the last header, waiting for a like count
    prev_blank_or_marked = True
    i = 0
    stripped = page.stripped
    while i < page.n:
        s = stripped[i]
        if s is None:
            prev_blank_or_marked = False
            i += 1
            continue
        if not s:
            prev_blank_or_marked = True
            i += 1
            continue
        first = i
        fields = None
        if s[0] == "[":
            if _AVATAR_LINE.fullmatch(s):
                j = page.next_nonblank(i, 2)
                t = page.get(j) if j >= 0 else None
                hit = _linked(page, j, t) if t else None
                if hit is not None:
                    i, fields = hit
                    linked += 1
            else:
                hit = _linked(page, i, s)
                if hit is not None:
                    i, fields = hit
                    linked += 1
        elif prev_blank_or_marked and s[-1].isalnum():
            # a glued header is a short line of its own, after a blank line or chrome
            fields = _glued(s)
            if fields is not None:
                nxt = page.next_nonblank(i, 2)
                if nxt < 0 or _chrome_kind(page.get(nxt) or "") is not None:
                    fields = None  # a header with no text under it is no header
                else:
                    glued += 1
        if fields is not None:
            marks[first] = LineMark("header", lines=i - first + 1, fields=fields)
            current = fields
            prev_blank_or_marked = True
            i += 1
            continue
        kind = _chrome_kind(s)
        if kind is not None:
            chrome += 1
            if _SPECIFIC.fullmatch(s):
                specific += 1
            marks[i] = LineMark("chrome", chrome_kind=kind)
            if current is not None and kind == "ui":
                like = _LIKE.fullmatch(s)
                if like and like.group("n"):
                    current["score"] = int(like.group("n"))
                    current = None
            prev_blank_or_marked = True
        else:
            prev_blank_or_marked = False
        i += 1
        if evidence_only and linked + glued >= 6:
            break
    if evidence_only:
        return linked, glued, chrome, specific
    return marks


@register
class Substack(Dialect):
    name = "substack"
    description = "Substack comments: 'NameMar 9·edited' or profile-link headers, Like/Reply/Share chrome."

    def score(self, text: str, lines: list[Line]) -> float:
        linked, glued, chrome, specific = _scan(_page(text, lines, _SAMPLE_LINES), evidence_only=True)
        if linked:
            return min(1.0, 0.3 + 0.15 * linked + 0.02 * min(chrome, 10))
        if glued and specific:
            # a glued name-date line plus furniture only Substack prints ("Like (7)")
            return min(1.0, 0.15 + 0.1 * min(glued, 5) + 0.05 * min(specific, 4))
        return min(0.25, 0.05 * glued)  # glued lines alone: a short line can end in a date

    def mark_lines(self, text: str, lines: list[Line]) -> dict[int, LineMark]:
        return _scan(_page(text, lines, len(lines)))
