"""Hacker News: ``user 2 hours ago | root | parent | prev | next [–]``, body, ``reply``.

The header line never prints the depth, only navigation links: no ``parent``
means a top-level comment, ``parent`` alone depth 1, ``root | parent`` depth 2
or more; ``prev``/``next`` say that the comment has an earlier/later sibling.
The speaker stage turns these into parents (``min_depth``, ``has_prev``,
``has_next``). Users type ``>`` quote markers themselves, so they survive a
copy, and the reply often follows the quote line with no blank line: the
segmenter already splits those by marker.

Page chrome: ``reply`` under every comment, ``hide | past | favorite | N
comments`` (with the story's ``N points by user …`` in front on the real page),
``More`` at a page break, the site's top and bottom navigation, ``add comment``.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Optional

from ..dates import month_or_none
from ..text import Line
from . import SAMPLE_LINES, Dialect, LineMark, register

_SAMPLE_LINES = SAMPLE_LINES  # the lines score() reads (dialects by region look past them)
_MAX_LINE = 400  # longer lines are never headers or chrome

_SP = r"[ \t\u00a0]"  # a space as copied: NBSP and tabs too
_AGE = (
    r"(?:(?:\d{1,4}|an?|one)" + _SP + r"(?:second|minute|hour|day|week|month|year)s?" + _SP + r"ago"
    r"|just" + _SP + r"now"
    r"|on" + _SP + r"(?P<date>[A-Z][a-z]{2}" + _SP + r"\d{1,2},?" + _SP + r"\d{4}))"
)
# Links that follow the age. `on: Story title` is the /threads and /newcomments view.
_FLAG = r"(?:root|parent|prev|next|context|flag|unflag|favorite|unvote|undown|vouch|edit|delete|link|on:" + _SP + r"[^|\n]{1,200}?)"
_TOGGLE = r"\[(?:[–—−-]|\+|\d{1,5}" + _SP + r"more)\]"
_HEADER = re.compile(
    # (a comment's score is printed only to its writer: "1 point by ana 1 minute ago | ... | edit")
    _SP + r"{0,8}(?:(?P<score>\d{1,6})" + _SP + r"points?" + _SP + r"by" + _SP + r"+)?(?P<author>[^\s|](?:[^\n|]{0,78}[^\s|])?)" + _SP + r"+(?P<age>" + _AGE + r")"
    r"(?P<flags>(?:" + _SP + r"*\|" + _SP + r"*" + _FLAG + r"){0,12})"
    + _SP + r"*(?P<toggle>" + _TOGGLE + r")?[\s]*\Z"
)
_FLAG_WORD = re.compile(r"\|" + _SP + r"*(root|parent|prev|next)\b")

# Story line: "123 points by someuser 4 hours ago | hide | past | favorite | 56 comments".
_STORY_BAR = re.compile(
    r"\s*(?:(?:\d{1,7}" + _SP + r"points?" + _SP + r"by" + _SP + r"\S{1,40}" + _SP + r"[^|\n]{1,40}?" + _SP + r"*\|" + _SP + r"*)?"
    r"(?:flag" + _SP + r"*\|" + _SP + r"*)?hide" + _SP + r"*\|" + _SP + r"*past" + _SP + r"*\|"
    r"[^\n]{0,120}?(?:\d{1,7}" + _SP + r"comments?|discuss))\s*\Z"
)
_NAV = re.compile(
    r"\s*(?:Hacker" + _SP + r"News" + _SP + r"+new" + _SP + r"*\|" + _SP + r"*past" + _SP + r"*\|[^\n]{0,120}"
    r"|Guidelines" + _SP + r"*\|" + _SP + r"*FAQ" + _SP + r"*\|[^\n]{0,200})\s*\Z"
)
_UI_LINES = frozenset({"reply", "add comment", "Search:", "login", "[–]", "[-]", "[+]"})
_NAV_LINES = frozenset({"More"})


def parse_header(line: str) -> Optional[dict]:
    """Header fields of one Hacker News header line, or ``None`` if it is not one.

    >>> f = parse_header("pg_fan42 2 hours ago | root | parent | next [–]")
    >>> f["author"], f["age"], f["min_depth"], f["has_prev"], f["has_next"]
    ('pg_fan42', '2 hours ago', 2, False, True)
    >>> f = parse_header("1 point by pg_fan42 1 minute ago | root | parent | next | edit | delete [–]")
    >>> f["author"], f["score"]
    ('pg_fan42', 1)
    """
    if len(line) > _MAX_LINE or ("|" not in line and "[" not in line):
        return None  # a header has links after the age or a toggle, or both
    if "ago" not in line and "now" not in line and "on" not in line:
        return None
    m = _HEADER.match(line)
    if m is None:
        return None
    flags = set(_FLAG_WORD.findall(m.group("flags")))
    if m.group("toggle") is None and not m.group("flags"):
        return None  # "someone 2 hours ago" alone is prose, not a header
    author = m.group("author")
    # "[deleted]" is kept as printed: it is what the page names the speaker.
    fields: dict = {"author": author, "age": m.group("age")}
    if m.group("score"):
        fields["score"] = int(m.group("score"))
    posted = _parse_date(m.group("date"))
    if posted is not None:
        fields["posted_at"] = posted
    if "root" in flags:
        fields["min_depth"] = 2
    elif "parent" in flags:
        fields["depth"] = 1
    else:
        fields["depth"] = 0
    fields["has_prev"] = "prev" in flags
    fields["has_next"] = "next" in flags
    return fields


def _parse_date(text: Optional[str]) -> Optional[datetime]:
    """``Oct 19, 2021`` as a UTC midnight, or ``None``."""
    if not text:
        return None
    parts = text.replace(",", " ").split()
    month = month_or_none(parts[0])
    try:
        return datetime(int(parts[2]), month, int(parts[1]), tzinfo=timezone.utc) if month else None
    except (ValueError, IndexError):
        return None


def _chrome_kind(stripped: str) -> Optional[str]:
    """The chrome kind of a line that is furniture wherever it stands."""
    if stripped in _UI_LINES:
        return "ui"
    if "|" in stripped:
        if "hide" in stripped and _STORY_BAR.match(stripped):
            return "ui"
        if _NAV.match(stripped):
            return "navigation"
    return None


@register
class HackerNews(Dialect):
    name = "hackernews"
    description = "Hacker News: 'user 2 hours ago | parent | next [–]' headers, 'reply' links."
    # score() needs a header: its age ("... ago", "just now", "on Mar 3,
    # 2021") is followed by a "|" link or a "[" toggle (parse_header refuses
    # neither).
    # (Three patterns that start with a literal: one alternation was 15x slower.)
    region_hint = (
        r"ago[ \t\u00a0]*[|\[]", r"now[ \t\u00a0]*[|\[]",
        r"on[ \t\u00a0][A-Z][a-z]{2}[ \t\u00a0]\d{1,2},?[ \t\u00a0]\d{4}[ \t\u00a0]*[|\[]",
    )

    def score(self, text: str, lines: list[Line]) -> float:
        headers = chrome = replies = 0
        for ln in lines[:_SAMPLE_LINES]:
            if ln.end - ln.start > _MAX_LINE:
                continue
            s = text[ln.start : ln.end]
            if "|" in s or "[" in s:
                if ("ago" in s or "on" in s) and parse_header(s) is not None:
                    headers += 1
                    continue
                if _chrome_kind(s.strip()) is not None:
                    chrome += 1
            elif s.strip() == "reply":
                replies += 1
        if not headers:
            return 0.0
        return min(1.0, 0.2 * headers + 0.2 * min(chrome, 1) + 0.1 * min(replies, 1))

    def mark_lines(self, text: str, lines: list[Line]) -> dict[int, LineMark]:
        marks: dict[int, LineMark] = {}
        prev_marked = False  # the previous non-blank line was a header or chrome
        story_bar_at: Optional[int] = None
        first_content: Optional[int] = None
        for ln in lines:
            if ln.end - ln.start > _MAX_LINE:
                prev_marked = False
                if first_content is None:
                    first_content = ln.index
                continue
            s = text[ln.start : ln.end]
            stripped = s.strip()
            if not stripped:
                continue
            if first_content is None:
                first_content = ln.index
            fields = parse_header(s)
            if fields is not None:
                marks[ln.index] = LineMark("header", fields=fields)
                prev_marked = True
                continue
            kind = _chrome_kind(stripped)
            if kind is None and stripped in _NAV_LINES and prev_marked:
                kind = "navigation"  # "More" after the last comment of a page
            if kind is not None:
                marks[ln.index] = LineMark("chrome", chrome_kind=kind)
                if story_bar_at is None and "hide" in stripped:
                    story_bar_at = ln.index
                prev_marked = True
                continue
            prev_marked = False
        # The story title sits right above the "N points by … | hide | past" bar.
        if story_bar_at is not None and story_bar_at > 0 and "points" in _line(text, lines, story_bar_at):
            above = story_bar_at - 1
            if above not in marks and first_content is not None and above >= first_content:
                title = _line(text, lines, above).strip()
                if title and len(title) <= 200:
                    marks[above] = LineMark("chrome", chrome_kind="meta")
        mark_signatures(text, lines, marks)
        return marks


_SIGNATURE_MAX_LINES = 8  # non-blank lines a signature may hold
_SIGNATURE_SPAN = 16  # physical lines it may span


def mark_signatures(text: str, lines: list[Line], marks: dict[int, LineMark]) -> None:
    """A ``--`` line and what follows it up to the comment's ``reply`` link (or
    the next header, or the end): a mail-style signature.

    Bounded: each ``--`` line looks at most ``_SIGNATURE_SPAN`` lines ahead.
    """
    n = len(lines)
    covered = 0  # lines before this index already belong to a signature
    for i, ln in enumerate(lines):
        if i < covered or ln.end - ln.start > 4 or i in marks or text[ln.start : ln.end].strip() != "--":
            continue
        last, filled = None, 0
        j = i + 1
        while j < n and j not in marks and j - i <= _SIGNATURE_SPAN:
            if text[lines[j].start : lines[j].end].strip():
                last, filled = j, filled + 1
            j += 1
        closed = j >= n or j in marks
        if last is not None and closed and filled <= _SIGNATURE_MAX_LINES:
            marks[i] = LineMark("chrome", lines=last - i + 1, chrome_kind="signature")
            covered = last + 1


def _line(text: str, lines: list[Line], i: int) -> str:
    return text[lines[i].start : lines[i].end]
