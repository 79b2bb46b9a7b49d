"""Slashdot story pages and their comments (slashdot.org copies and mirrors).

A comment's header always names its poster after ``by`` and carries the
moderation score (``Score:5, Funny``). Slashdot has printed it three ways:

classic slashdot.org, title and score on one line, the poster on the next::

    Re:Kernel trivia (Score:5, Insightful)
    by dana_q (102938) on Friday July 27, 2007 @06:12AM (#19995243)
    (http://example.org/ | Last Journal: Friday July 20, 2007 @10:01PM)

the later layout, everything on one line (``writes:`` after the name)::

    Re: Kernel trivia (Score: 5, Insightful) by dana_q ( 102938 ) writes: on Friday July 27, 2007 @06:12AM (#19995243)

and numbered mirror lists, fields between middle dots, empty ones kept::

      1. Kernel trivia by dana_q · · Score: 5, Funny

The title is part of the header; the numeric user id, the comment id (the
``permalink``) and a ``Homepage``/``Journal`` tail are dropped from the name.
``Anonymous Coward`` is what Slashdot prints for a poster without an account
and is kept as printed. ``posted_at`` is read when the date has a year.
In a numbered list, comments at the smallest indentation are top level and a
deeper indentation is a deeper reply (``depth``); the other layouts print no
nesting in text, so parents come from quotes or stay unknown.

Chrome: ``N of M comments``, ``Reply to This``, ``Parent``, ``Share``,
``Flag as Inappropriate``, the ``(homepage | Last Journal: …)`` line under a
classic header (meta), a ``--`` signature with the lines under it (up to a
blank line or the next header), and before the first comment the story's
``Posted by X on DATE from the Y dept.`` line (meta) and the story text that
starts ``NAME writes`` (``post``).
"""

from __future__ import annotations

from typing import Optional

import regex

from ..dates import parse_date
from ..text import Line
from . import SAMPLE_LINES, Dialect, LineMark, register
from ._pages import LinePage, chrome_kind

_MAX_LINE = 400
_SAMPLE_LINES = SAMPLE_LINES  # the lines score() reads (dialects by region look past them)
_SP = r"[^\S\n]"
_SCORE = (r"Score:" + _SP + r"*(?P<score>-?\d)(?:," + _SP + r"*(?P<label>[A-Z][a-z]{2,14}(?:" + _SP
          + r"[A-Za-z][a-z]{1,14})?))?")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
_WHEN = (
    r"on" + _SP + r"+(?P<date>(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6},?" + _SP + r"+)?" + _MONTH
    + _SP + r"+\d{1,2},?(?:" + _SP + r"+\d{4})?" + _SP + r"*@?" + _SP + r"*\d{1,2}:\d\d(?:" + _SP
    + r"*[AaPp][Mm])?)"
)
_CID = r"\(#(?P<cid>\d{1,12})\)"
_USER = r"(?P<user>[^\s(·][^\n(·]{0,40}?)" + _SP + r"*(?:\(" + _SP + r"*\d{1,9}" + _SP + r"*\))?"
_WRITES = r"(?:" + _SP + r"*writes:)?"
# "by dana_q (102938) on Friday July 27, 2007 @06:12AM (#19995243)"
_REST = r"(?P<rest>(?:Homepage|Journal|Subscriber|Friend|Fan|Foe|Freak|Alert|" + _SP + r"){0,12})"
_BY = (r"by" + _SP + r"+" + _USER + _WRITES + r"(?:" + _SP + r"*" + _WHEN + r")?(?:" + _SP + r"*" + _CID
       + r")?" + _SP + r"*" + _REST)
_BY_LINE = regex.compile(_BY)
_SCORE_TITLE = regex.compile(
    r"(?P<title>[^\n]{1,200}?)" + _SP + r"*\(" + _SCORE + r"\)(?:" + _SP + r"*" + _BY + r")?"
)
_MIRROR = regex.compile(
    r"(?:(?P<num>\d{1,5})\." + _SP + r"+)?(?P<title>[^\n]{1,200})" + _SP + r"+by" + _SP
    + r"+(?P<user>[^·\n]{1,60}?)" + _SP + r"*(?P<tail>·[^\n]{0,200})"
)
_MIRROR_SCORE = regex.compile(_SCORE)
_CHROME = [
    (regex.compile(r"\d{1,6}" + _SP + r"+of" + _SP + r"+\d{1,6}" + _SP + r"+comments?(?:" + _SP
                   + r"*\((?:clear|show all)\))?"), "meta"),
    (regex.compile(r"(?:\[" + _SP + r"*)?(?:Reply" + _SP + r"+to" + _SP + r"+This|Parent|Share|Flag"
                   + _SP + r"+as" + _SP + r"+Inappropriate|Read" + _SP + r"+the" + _SP
                   + r"+rest" + _SP + r"+of" + _SP + r"+this" + _SP + r"+comment\.{0,3})(?:" + _SP
                   + r"*\])?"), "ui"),
    (regex.compile(r"Posted" + _SP + r"+by" + _SP + r"+[^\n]{1,60}?" + _SP + r"+" + _WHEN
                   + r"(?:[^\n]{0,80}dept\.?)?"), "meta"),
]
_JOURNAL = regex.compile(r"\([^\n]{0,200}(?:Last" + _SP + r"+Journal|https?://)[^\n]{0,200}\)")
_WRITES_STORY = regex.compile(r"[^\n]{1,60}?" + _SP + r"+writes(?::|" + _SP + r"+(?:in" + _SP + r"+)?[\"“'])")


def _page(text: str, lines: list[Line], limit: int) -> LinePage:
    return LinePage(text, lines, limit, _MAX_LINE)


def _name(raw: Optional[str]) -> Optional[str]:
    if not raw:
        return None
    name = raw.strip()
    if not name or len(name) > 40 or name.endswith((".", ",", ":", ";", "?", "!")):
        return None
    return name


def _date(fields: dict, m) -> None:
    date = m.group("date") if "date" in m.groupdict() else None
    if not date:
        return
    fields["age"] = date
    when, estimated = parse_date(date.replace("@", ""))
    if when is not None and not estimated:
        fields["posted_at"] = when.replace(tzinfo=None)


def _score(fields: dict, m) -> None:
    if m.group("score") is not None:
        fields["score"] = int(m.group("score"))


def _header(page: LinePage, i: int, s: str) -> Optional[tuple[int, dict, Optional[int]]]:
    """A header starting at line ``i``: ``(last line, fields, indent)`` or None."""
    if "Score:" in s:
        m = _SCORE_TITLE.fullmatch(s)
        if m is not None:
            fields: dict = {}
            _score(fields, m)
            last = i
            by = m if m.group("user") else None
            if by is None:
                k = page.next_nonblank(i, 1)
                t = page.get(k) if k >= 0 else None
                if t and t.startswith("by"):
                    by = _BY_LINE.fullmatch(t)
                    if by is not None:
                        last = k
            if by is not None:
                name = _name(by.group("user"))
                if name is None:
                    return None
                fields["author"] = name
                _date(fields, by)
                if by.group("cid"):
                    fields["permalink"] = by.group("cid")
                return last, fields, None
            return None
        m = _MIRROR.fullmatch(s)
        if m is not None:
            sm = _MIRROR_SCORE.search(m.group("tail"))
            name = _name(regex.sub(r"\(" + _SP + r"*\d{1,9}" + _SP + r"*\)", "", m.group("user")))
            if sm is None or name is None:
                return None
            fields = {"author": name}
            _score(fields, sm)
            wm = regex.search(_WHEN, m.group("tail"))
            if wm is not None:
                _date(fields, wm)
            ln = page.lines[i]
            raw = page.text[ln.start:ln.end]
            indent = len(raw) - len(raw.lstrip()) if m.group("num") else None
            return i, fields, indent
        return None
    if s.startswith("by") and ("(#" in s or "@" in s):
        m = _BY_LINE.fullmatch(s)
        if m is not None and (m.group("date") or m.group("cid")):
            name = _name(m.group("user"))
            if name is None:
                return None
            fields = {"author": name}
            _date(fields, m)
            if m.group("cid"):
                fields["permalink"] = m.group("cid")
            return i, fields, None
    return None


def _scan(page: LinePage) -> dict[int, LineMark]:
    marks: dict[int, LineMark] = {}
    indents: dict[int, int] = {}
    first_header = -1
    i = 0
    while i < page.n:
        s = page.stripped[i]
        if not s:
            i += 1
            continue
        h = _header(page, i, s)
        if h is not None:
            last, fields, indent = h
            marks[i] = LineMark("header", lines=last - i + 1, fields=fields)
            if indent is not None:
                indents[i] = indent
            if first_header < 0:
                first_header = i
            k = page.next_nonblank(last, 0)
            if k >= 0 and _JOURNAL.fullmatch(page.get(k) or ""):
                marks[k] = LineMark("chrome", chrome_kind="meta")
                last = k
            i = last + 1
            continue
        if s == "--":
            j = i + 1
            while j < page.n and page.stripped[j] and _header(page, j, page.stripped[j]) is None and j - i <= 4:
                j += 1
            marks[i] = LineMark("chrome", lines=j - i, chrome_kind="signature")
            i = j
            continue
        kind = chrome_kind(s, _CHROME, _MAX_LINE)
        if kind is not None:
            marks[i] = LineMark("chrome", chrome_kind=kind)
        i += 1
    if first_header > 0:
        for j in range(first_header):
            ln = page.lines[j]
            head = page.text[ln.start : min(ln.end, ln.start + 120)].strip()
            if head and j not in marks and _WRITES_STORY.match(head):
                k = j  # the story runs to the next blank line (long lines included)
                while k < first_header and page.stripped[k] != "" and k not in marks:
                    k += 1
                marks[j] = LineMark("chrome", lines=k - j, chrome_kind="post")
                break
    if indents and len(indents) == sum(1 for m in marks.values() if m.kind == "header"):
        levels = sorted(set(indents.values()))
        for k, ind in indents.items():
            marks[k].fields["depth"] = levels.index(ind)
    return marks


@register
class Slashdot(Dialect):
    name = "slashdot"
    description = "Slashdot comments: 'Title (Score:5, Funny)' / 'by user (uid) on DATE (#id)', mirror lists."

    def score(self, text: str, lines: list[Line]) -> float:
        if "Score:" not in text[:300_000]:
            return 0.0
        page = _page(text, lines, _SAMPLE_LINES)
        headers = 0
        for i, s in enumerate(page.stripped):
            if s and ("Score:" in s or s.startswith("by")) and _header(page, i, s) is not None:
                headers += 1
                if headers >= 4:
                    break
        if headers == 0:
            return 0.0
        return min(1.0, 0.3 + 0.15 * headers)

    def mark_lines(self, text: str, lines: list[Line]) -> dict[int, LineMark]:
        return _scan(_page(text, lines, len(lines)))
