"""GreaterWrong, the plain-HTML LessWrong mirror (FORMATS.md).

A comment header is the author, an absolute UTC date and the score, on one
line or on consecutive lines::

    Jane Roe  14 Nov 2021 18:01 UTC  12 points
    quark89  2 Jan 2022 9:15 UTC  LW: 12 AF: 5

Negative scores may use U+2212 (``−3 points``). Around the comment text the
mirror prints ``Parent`` (a link to the parent comment, on replies only) and
``Replies: >alice >bob`` (links to the replies): both are navigation, and
that ``>`` is no quote marker. When the dump keeps those links they give the
nesting: a comment without ``Parent`` is top level, and one by a name its
predecessor's ``Replies:`` list is waiting for is that comment's reply, so the
dialect emits an exact ``depth``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Optional

from ..dates import month_number
from ..text import Line
from . import SAMPLE_LINES, Dialect, LineMark, register

_MAX_LINE = 500
_SAMPLE_LINES = SAMPLE_LINES  # the lines score() reads (dialects by region look past them)
_SP = r"[ \t\u00a0]"
_DATE = (
    r"(?P<date>(?P<day>[0-9]{1,2})" + _SP + r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    + _SP + r"(?P<year>[0-9]{4})" + _SP + r"(?P<hh>[0-9]{1,2}):(?P<mm>[0-9]{2})" + _SP + r"UTC)"
)
_NUM = r"[-\u2212]?[0-9]{1,6}"
_SCORE = (
    r"(?P<score>(?:(?P<points>" + _NUM + r")" + _SP + r"points?)"
    r"|(?:LW:" + _SP + r"{0,2}(?P<lw>" + _NUM + r"))(?:" + _SP + r"{1,4}AF:" + _SP + r"{0,2}(?P<af>" + _NUM + r"))?"
    r"|(?:AF:" + _SP + r"{0,2}(?P<af_only>" + _NUM + r")))"
)
_ONE_LINE = re.compile(
    r"(?P<author>\S(?:[^\n]{0,78}?\S)?)" + _SP + r"{1,8}" + _DATE + r"(?:" + _SP + r"{1,8}" + _SCORE + r")?"
)
_DATE_LINE = re.compile(_DATE + r"(?:" + _SP + r"{1,8}" + _SCORE + r")?")
_SCORE_LINE = re.compile(_SCORE)
_AUTHOR_LINE = re.compile(r"[^\s.!?:;,\"“”][^\n]{0,78}")
_REPLIES = re.compile(r"Replies:(?P<names>(?:" + _SP + r"{0,4}>[^>\n]{1,60}){0,200})" + _SP + r"*")
_REPLY_NAME = re.compile(r">" + _SP + r"?(?P<name>[^>\n]{1,60}?)" + _SP + r"*(?=>|$)")
_NAV_NAME = re.compile(r">" + _SP + r"?\S[^\n]{0,59}")
_CHROME_LINES = {
    "Parent": "navigation",
    "Reply": "ui",
    "Load more": "navigation",
    "Show more": "ui",
}
_COMMENT_COUNT = re.compile(r"[0-9]{1,6} comments?")


@dataclass
class _Found:
    line: int
    author: str
    has_parent: bool = False
    replies: list[str] = field(default_factory=list)
    fields: dict = field(default_factory=dict)


def _text(text: str, line: Line) -> Optional[str]:
    if line.end - line.start > _MAX_LINE:
        return None
    return text[line.start : line.end].strip()


def _int(s: Optional[str]) -> Optional[int]:
    return None if s is None else int(s.replace("\u2212", "-"))


def _fields(author: Optional[str], m: re.Match, score: Optional[re.Match]) -> dict:
    """Header fields from a date match and an optional score match."""
    out: dict = {"age": m.group("date")}
    if author:
        out["author"] = author
    try:
        out["posted_at"] = datetime(
            int(m.group("year")), month_number(m.group("mon")), int(m.group("day")),
            int(m.group("hh")), int(m.group("mm")), tzinfo=timezone.utc,
        )
    except ValueError:  # 31 Feb, 25:00: keep the raw text only
        pass
    if score is not None and score.group("score"):
        points, lw = _int(score.group("points")), _int(score.group("lw"))
        af = _int(score.group("af")) if score.group("af") is not None else _int(score.group("af_only"))
        karma = points if points is not None else lw
        scores = {}
        if karma is not None:
            out["score"] = karma
            scores["karma"] = karma
        if af is not None:
            scores["af"] = af
        out["scores"] = scores
    return out


def _name_like(s: str, strict: bool) -> bool:
    """A short run of words that does not end a sentence (shorter still when no score follows)."""
    words = 3 if strict else 4
    return len(s) <= (40 if strict else 80) and len(s.split()) <= words and s[-1] not in ".,:;!?)"


def reply_names(line: str) -> list[str]:
    """The names of a ``Replies: >alice >bob`` line.

    >>> reply_names("Replies: >alice >Bob Ray")
    ['alice', 'Bob Ray']
    """
    m = _REPLIES.fullmatch(line.strip())
    if m is None:
        return []
    return [r.group("name").strip() for r in _REPLY_NAME.finditer(m.group("names").strip())]


@register
class GreaterWrong(Dialect):
    name = "greaterwrong"
    description = "GreaterWrong (LessWrong mirror): 'author  14 Nov 2021 18:01 UTC  12 points' headers."
    quote_indent = False
    # score() reaches the detection threshold only with a header, and every
    # header line it counts holds "UTC" (nav lines alone stay below 0.3).
    region_hint = "UTC"
    mark_hint = ("UTC",)  # every header holds its UTC date

    def score(self, text: str, lines: list[Line]) -> float:
        headers = nav = 0
        for line in lines[:_SAMPLE_LINES]:
            if line.end - line.start > _MAX_LINE or line.end == line.start:
                continue
            s = text[line.start : line.end]
            if "UTC" in s:
                s = s.strip()
                if _ONE_LINE.fullmatch(s) or _DATE_LINE.fullmatch(s):
                    headers += 1
            elif s.startswith("Replies:") and reply_names(s):
                nav += 1
            elif s.strip() == "Parent":
                nav += 1
        evidence = 0.3 * headers + 0.1 * min(nav, 4)
        if headers == 0:
            evidence = min(evidence, 0.25)
        return min(1.0, evidence)

    def mark_lines(self, text: str, lines: list[Line]) -> dict[int, LineMark]:
        n = len(lines)
        marks: dict[int, LineMark] = {}
        found: list[_Found] = []
        i = 0
        while i < n:
            s = _text(text, lines[i])
            if not s:
                i += 1
                continue
            head = self._header_at(text, lines, i, s)
            if head is not None:
                span, item = head
                found.append(item)
                marks[i] = LineMark("header", lines=span)
                i += span
                continue
            kind = _CHROME_LINES.get(s)
            if kind is not None:
                marks[i] = LineMark("chrome", chrome_kind=kind)
                if s == "Parent" and found:
                    found[-1].has_parent = True
                i += 1
                continue
            if s.startswith("Replies:"):
                names = reply_names(s)
                span = 1
                if s == "Replies:":
                    # `Replies:` with one `>name` link per line after it.
                    while i + span < n:
                        nxt = _text(text, lines[i + span])
                        if not nxt or not _NAV_NAME.fullmatch(nxt):
                            break
                        names.append(nxt[1:].strip())
                        span += 1
                if names or span > 1:
                    marks[i] = LineMark("chrome", lines=span, chrome_kind="navigation")
                    if found:
                        found[-1].replies.extend(names)
                    i += span
                    continue
            if _COMMENT_COUNT.fullmatch(s):
                marks[i] = LineMark("chrome", chrome_kind="meta")
            i += 1
        self._depths(found, any_parent=any(f.has_parent for f in found))
        for f in found:
            marks[f.line].fields = f.fields
        return marks

    def _header_at(self, text, lines, i, s) -> Optional[tuple[int, _Found]]:
        n = len(lines)
        if "UTC" in s:
            m = _ONE_LINE.fullmatch(s)
            if m is not None:
                span = 1
                score = m if m.group("score") else None
                if score is None:
                    span, score = self._score_after(text, lines, i + 1, span)
                author = m.group("author")
                if not _name_like(author, strict=score is None):
                    return None  # "... as of 14 Nov 2021 18:01 UTC" in running text
                return span, _Found(i, author, fields=_fields(author, m, score))
            return None
        # The author alone on a line, the date (and score) on the next.
        if i + 1 < n and _AUTHOR_LINE.fullmatch(s) and _name_like(s, strict=False):
            nxt = _text(text, lines[i + 1])
            if nxt and "UTC" in nxt:
                m = _DATE_LINE.fullmatch(nxt)
                if m is not None:
                    span = 2
                    score = m if m.group("score") else None
                    if score is None:
                        span, score = self._score_after(text, lines, i + 2, span)
                    return span, _Found(i, s, fields=_fields(s, m, score))
        return None

    def _score_after(self, text, lines, j, span):
        if j < len(lines):
            nxt = _text(text, lines[j])
            if nxt:
                m = _SCORE_LINE.fullmatch(nxt)
                if m is not None:
                    return span + 1, m
        return span, None

    def _depths(self, found: list[_Found], any_parent: bool) -> None:
        """Exact depths from ``Parent`` and ``Replies:`` links, when the dump keeps them."""
        any_replies = any(f.replies for f in found)
        if not any_parent and not any_replies:
            return
        frames: list[list] = []  # [depth or None, pending reply names (casefolded)]
        for f in found:
            me = f.author.casefold()
            depth: Optional[int] = None
            if any_parent and not f.has_parent:
                depth = 0
                frames.clear()
            else:
                while frames and not frames[-1][1]:
                    frames.pop()
                for k in range(len(frames) - 1, -1, -1):
                    pending = frames[k][1]
                    if me in pending:
                        pending.remove(me)
                        del frames[k + 1 :]
                        depth = None if frames[k][0] is None else frames[k][0] + 1
                        break
                else:
                    if not any_parent:
                        depth = 0  # listed nowhere: top level
                        frames.clear()
            if depth is not None:
                f.fields["depth"] = depth
            frames.append([depth, [r.casefold() for r in f.replies]])
