"""Discourse forums (crawler view, browser copy, text-browser and markdown clips).

A post header is the username, an optional ``(Full Name)``, the absolute date
and the post number, each on its own line with blank lines between::

    marta_k

    September 26, 2023,  1:34pm

    1

(Discourse pads a one-digit hour with a space.) Text browsers and some
extractors glue the pieces onto one line (``marta_k (Marta K) September 26,
2023,  1:34pm #1``); markdown clips print the name as a link
(``[marta_k](https://forum.example/u/marta_k)``). The date line anchors the
header: the name is the non-blank line before it, the post number the bare
integer after it.

No time zone is printed (the crawler view prints UTC, a browser copy the
reader's local time), so ``posted_at`` is a *naive* ``datetime`` of the time as
printed.

Quotes are a ``user:`` line followed by the quoted text with no marker; the
quote detector recognises those when the text is found earlier in the dump.
When the line names a poster of this dump but the next line is not an
earlier line (the quoted post is on another page, or only part of it is
quoted), the dialect marks the ``user:`` line as ``attribution`` chrome itself.
Posts are flat: a reply's target is only recoverable from quotes and
``@mentions``; a post with neither has an unknown parent.

Chrome: ``N Likes``/``1 Like`` (the count also becomes the header's
``score``), ``N Replies``, ``next page →``, ``Powered by Discourse…``, image
lightbox captions (``screenshot1060×1134 146 KB``, meta), ``This file has been
truncated. show original``, the crawler footer links (as a run of two or
more), and the topic title and category above the first post (meta, when
they are at most three short lines).
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional

import regex

from ..dates import month_number
from ..text import Line
from . import SAMPLE_LINES, Dialect, LineMark, register
from ._pages import LinePage, chrome_kind

_MAX_LINE = 300  # longer lines are never header or chrome lines
_SAMPLE_LINES = SAMPLE_LINES  # the lines score() reads (dialects by region look past them)
_GAP = 3  # blank lines allowed between the parts of a header

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_SP = r"[^\S\n]"
# "September 26, 2023,  1:34pm" (also "Sep 26, 2023 1:34 PM"). Always a
# 12-hour clock: "Mar 14, 2014 at 20:10" is Stack Exchange's.
_DATE_BODY = (
    _MONTH + _SP + r"{1,3}(?P<day>\d{1,2}),?" + _SP + r"{1,3}(?P<year>(?:19|20)\d\d),?"
    + _SP + r"{1,3}(?P<hour>\d{1,2}):(?P<minute>[0-5]\d)"
    + _SP + r"{0,2}(?P<ampm>[aApP]\.?[mM]\.?)"
)
_DATE_LINE = regex.compile(_DATE_BODY)
_NUMBER_LINE = regex.compile(r"#?(?P<num>\d{1,6})")
_FULL_NAME_LINE = regex.compile(r"\((?P<full>[^()\n]{1,80})\)")
_LINKED_NAME = regex.compile(r"\[(?P<name>[^\[\]\n]{1,60})\]\([^()\s]{1,300}\)")
# The whole header on one line: name, optional (Full Name), date, optional number.
_INLINE = regex.compile(
    r"(?P<author>\[[^\[\]\n]{1,60}\]\([^()\s]{1,300}\)|[^\s()\[\]][^()\n]{0,58}?)"
    r"(?:" + _SP + r"{1,3}\((?P<full>[^()\n]{1,80})\))?" + _SP + r"{1,3}" + _DATE_BODY
    + r"(?:" + _SP + r"{1,3}#?(?P<num>\d{1,6}))?"
)
_YEAR_TIME = regex.compile(r"(?:19|20)\d\d,?" + _SP + r"{1,3}\d{1,2}:[0-5]\d" + _SP + r"{0,2}[aApP]")

_CHROME = [
    (regex.compile(r"\d{1,7}" + _SP + r"Likes?"), "ui"),
    (regex.compile(r"\d{1,7}" + _SP + r"Repl(?:y|ies)"), "ui"),
    (regex.compile(r"(?:next page|nächste Seite)" + _SP + r"?→|←" + _SP + r"?previous page"), "navigation"),
    (regex.compile(r"Powered by Discourse\b.{0,120}"), "meta"),
    (regex.compile(r"This file has been truncated\.(?:" + _SP + r"{1,3}show original)?|show original"), "ui"),
    # Lightbox caption of an uploaded image: "screenshot1060×1134 146 KB".
    (regex.compile(r"[^\n]{0,160}?\d{1,5}" + _SP + r"?×" + _SP + r"?\d{1,5}" + _SP + r"{1,3}\d{1,5}(?:[.,]\d{1,3})?"
                   + _SP + r"?(?:[KMG]B|bytes)"), "meta"),
    (regex.compile(r"Related [Tt]opics|Topic" + _SP + r"+Replies" + _SP + r"+Views" + _SP + r"+Activity"
                   + r"|Reply|Solution"), "ui"),
]
# Footer links of the crawler view; only a run of two or more is chrome.
_FOOTER_LINE = regex.compile(r"(?i:Home|Categories|Guidelines|FAQ/Guidelines|FAQ|Terms of Service|Privacy Policy)")
_NOT_AUTHOR_END = (".", ",", ";", "!", "?", ":", "…", '"', "”")


def _posted_at(m) -> Optional[datetime]:
    try:
        hour = int(m.group("hour"))
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m.group("ampm")[0] in "pP" else 0)
        return datetime(
            int(m.group("year")), month_number(m.group("month")), int(m.group("day")),
            hour, int(m.group("minute")),
        )
    except ValueError:  # an impossible date such as February 30
        return None


def _author_name(s: str) -> Optional[str]:
    """The username an author line holds, or ``None`` when the line cannot be one."""
    if len(s) > 80 or s.count(" ") > 6 or s[0] in ">#*-•" or s.endswith(_NOT_AUTHOR_END):
        return None
    if s.isdigit() or _chrome_kind(s) is not None:
        return None  # "2 Likes" of the post above, or its number: no name line here
    link = _LINKED_NAME.fullmatch(s)
    if link:
        return link.group("name").strip() or None
    if "](" in s or "http" in s:
        return None
    return s


def _page(text: str, lines: list[Line], limit: int) -> LinePage:
    return LinePage(text, lines, limit, _MAX_LINE)


def _is_date_candidate(s: str) -> bool:
    return 12 <= len(s) <= 40 and s[0] in "JFMASOND" and ":" in s


def _find_headers(page: LinePage) -> list[tuple[int, int, dict, bool]]:
    """Headers as ``(first line, last line, fields, complete)`` in order.

    ``complete`` means name, date and post number were all seen (strong
    evidence for :meth:`Discourse.score`).
    """
    found: list[tuple[int, int, dict, bool]] = []
    floor = 0  # lines before this belong to an earlier header
    i = 0
    stripped = page.stripped
    while i < page.n:
        s = stripped[i]
        if not s:
            i += 1
            continue
        hit = None
        if _is_date_candidate(s):
            m = _DATE_LINE.fullmatch(s)
            if m:
                hit = _stacked(page, i, m, floor)
        if hit is None and ":" in s and len(s) <= 200 and _YEAR_TIME.search(s):
            hit = _inline(i, s)
        if hit is not None:
            found.append(hit)
            floor = hit[1] + 1
            i = hit[1] + 1
            continue
        i += 1
    return found


def _stacked(page: LinePage, i: int, m, floor: int):
    fields: dict = {"age": m.group(0)}
    when = _posted_at(m)
    if when is not None:
        fields["posted_at"] = when
    first = i
    j = page.prev_nonblank(i, floor, _GAP)
    author = None
    if j >= 0:
        above = page.get(j)
        full = _FULL_NAME_LINE.fullmatch(above)
        if full:
            j2 = page.prev_nonblank(j, floor, _GAP)
            name = _author_name(page.get(j2)) if j2 >= 0 else None
            if name:
                author, first = name, j2
        else:
            author = _author_name(above)
            if author:
                first = j
    last = i
    k = page.next_nonblank(i, _GAP)
    number = None
    if k >= 0:
        num = _NUMBER_LINE.fullmatch(page.get(k))
        if num:
            number, last = int(num.group("num")), k
    if author is None and number is None:
        return None  # a date on its own line is not enough
    if author is not None:
        fields["author"] = author
    if number is not None:
        fields["post_number"] = number
    return first, last, fields, author is not None and number is not None


def _inline(i: int, s: str):
    m = _INLINE.fullmatch(s)
    if not m or (m.group("num") is None and m.group("full") is None):
        return None
    author = _author_name(m.group("author").strip())
    if author is None or author.count(" ") > 3:
        return None
    fields: dict = {"author": author, "age": s[m.start("month") : m.end("ampm")]}
    when = _posted_at(m)
    if when is not None:
        fields["posted_at"] = when
    if m.group("num") is not None:
        fields["post_number"] = int(m.group("num"))
    return i, i, fields, m.group("num") is not None


def _title(page: LinePage, first_header: int, marks: dict, taken: set) -> None:
    """The topic title and category above the first post (a few short lines) are ``meta``."""
    above: list[int] = []
    for i in range(first_header):
        s = page.get(i)
        if s is None or len(s) > 150 or (s and len(above) == 3):
            return
        if s:
            above.append(i)
    for i in above:
        marks[i] = LineMark("chrome", chrome_kind="meta")
        taken.add(i)


def _chrome_kind(s: str) -> Optional[str]:
    return chrome_kind(s, _CHROME, 200)


@register
class Discourse(Dialect):
    name = "discourse"
    description = "Discourse forums: name / date / post-number headers, 'user:' quote attributions."
    # Every header holds its date, a 12-hour clock time (":34pm", _YEAR_TIME).
    mark_hint = (r":[0-5]\d[^\S\n]{0,2}[aApP]",)

    def score(self, text: str, lines: list[Line]) -> float:
        page = _page(text, lines, _SAMPLE_LINES)
        complete = partial = chrome = 0
        for _, _, _, full in _find_headers(page):
            if full:
                complete += 1
            else:
                partial += 1
        if complete + partial == 0:
            return 0.0
        if text.find("Powered by Discourse", 0, 2_000_000) >= 0:
            chrome += 2
        for i in range(page.n):
            s = page.get(i)
            if s and len(s) <= 12 and s[0].isdigit() and s.endswith(("Like", "Likes")):
                chrome += 1
                if chrome >= 4:
                    break
        # a complete header (name, date, number) is near proof; a partial one is a hint
        return min(1.0, 0.2 * complete + 0.05 * partial + 0.05 * chrome + (0.2 if complete else 0.0))

    def mark_lines(self, text: str, lines: list[Line]) -> dict[int, LineMark]:
        page = _page(text, lines, len(lines))
        marks: dict[int, LineMark] = {}
        headers = _find_headers(page)
        taken = set()
        for first, last, fields, _ in headers:
            marks[first] = LineMark("header", lines=last - first + 1, fields=fields)
            taken.update(range(first, last + 1))
        if headers:
            _title(page, headers[0][0], marks, taken)
        header_at = {first: fields for first, _, fields, _ in headers}
        current: Optional[dict] = None  # the last header's fields, until its like count
        # "name:" above a quote whose text is not an earlier line: the quoted
        # post is off the page (or only partly quoted), so the quote detector
        # cannot confirm the attribution by text reuse; the name alone does.
        authors = {f["author"] for _, _, f, _ in headers if f.get("author")}
        seen: set[int] = set()  # hashes of the whitespace-normalised lines so far
        footer_run: list[int] = []

        def flush_footer() -> None:
            if len(footer_run) >= 2:
                for j in footer_run:
                    marks[j] = LineMark("chrome", chrome_kind="navigation")
            footer_run.clear()

        for i, s in enumerate(page.stripped):
            if i in taken:
                flush_footer()
                current = header_at.get(i, current)
                continue
            if not s:
                continue
            if authors:
                seen.add(hash(" ".join(s.split())))
            if len(s) <= 20 and _FOOTER_LINE.fullmatch(s):
                footer_run.append(i)
                continue
            flush_footer()
            if s.endswith(":") and s[:-1] in authors:
                k = page.next_nonblank(i, _GAP)
                nxt = page.get(k) if k >= 0 else None
                if not nxt or hash(" ".join(nxt.split())) not in seen:
                    marks[i] = LineMark("chrome", chrome_kind="attribution")
                    continue
            kind = _chrome_kind(s)
            if kind is not None:
                marks[i] = LineMark("chrome", chrome_kind=kind)
                if current is not None and kind == "ui" and s[0].isdigit() and "Like" in s:
                    current["score"] = int(s.split()[0])  # "12 Likes" under the post
                    current = None
        flush_footer()
        return marks
