"""MediaWiki talk pages (Wikipedia, Fandom, ArchWiki, mediawiki.org copies).

A talk page prints no comment headers. A writer signs at the end of a
comment with four tildes, which the wiki expands into a signature: the
user's name, an optional link label and a timestamp in one fixed format,
``HH:MM, D Month YYYY (TZ)``::

    I think a separate page is better. -- Fengchao (talk) 11:58, 12 August 2013 (UTC)
    Added. Legoktm (talk) 21:08, 28 June 2013 (UTC)[reply]
    -- Charly (talk) 20:36, 12 November 2021 (UTC)

The signature is the comment's header, a *trailer*: it closes the text above
it, back to the previous signature or section heading. It may end a line of
text (the line is cut where it starts, :meth:`MediaWiki.split_points`), stand
on a line of its own, or run onto the next line where a copy was hard-wrapped
(``... MichaelRpdx (talk) 20:07, 17`` / ``February 2014 (UTC)``).

- **The name** is the word before the link label (``(talk)``,
  ``(Discussion)``, a custom signature's ``[omg plz]``), or before the
  timestamp when there is no label, without the dashes in front of it. Words
  in capitals before it join it (``Jane Doe (talk)``) unless the name alone
  signs elsewhere on the page; a word that ends a sentence never does. A
  timestamp with no name before it (``… done. 12:34, 5 May 2020 (UTC)``, five
  tildes) closes its comment with no author.
- **Section headings** open a new discussion: the first signed comment under
  a heading is top level; later ones answer something the copy no longer
  shows (indentation is lost), so their parent stays unknown. A heading is
  a Markdown heading, a line followed by an ``Edit`` line or ending in
  ``[edit]`` (the wiki's own link), or a short line right after a signature
  and before a blank line; a prefix two such lines share (``> `` in a copy
  that turned headings into quotes) marks the other headings too. Headings
  are ``meta`` chrome, and so is the page's text above the first heading
  when the first signature is below it (the talk page's notice box).

The timestamp gives ``posted_at`` (UTC when the zone is UTC; other zones
keep the printed text in ``age`` only).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from datetime import datetime, timezone
from typing import Optional

from ..dates import month_number
from ..text import MD_HEADING, Line
from . import SAMPLE_LINES, Dialect, LineMark, register

_MONTHS = ("January February March April May June July August September October November December").split()
# A space, or the line break a hard wrap left there (one per gap).
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_STAMP = re.compile(
    r"(?<![\d:])(?P<hour>[0-2]?\d):(?P<minute>[0-5]\d),"
    + _GAP
    + r"(?P<day>[0-3]?\d)"
    + _GAP
    + r"(?P<month>" + "|".join(_MONTHS) + r")"
    + _GAP
    + r"(?P<year>(?:19|20)\d\d)"
    + _GAP + r"?"
    + r"\((?P<zone>[A-Z]{2,5}|UTC[+\-−]\d{1,2}(?::?\d\d)?)\)"
)
# Text after the timestamp on its line that still belongs to the signature
# (the reply link "[reply]", a bracket the writer closed, a space).
_TAIL_CHARS = 16
# How far before the timestamp the name and its label are looked for.
_REACH = 120
_LABEL_CHARS = 40
_SENTENCE_END = ".,;:!?\"'”’)]}"
# Signatures in the lines score() reads before the page counts as a talk page.
MIN_SIGNATURES = 2
_MAX_HEADING = 80
# A sentence's end glued to the name after it: "interested.Ladsgroup".
_GLUED_SENTENCE = re.compile(r"[a-z][.!?]+(?=[A-Z][^.!?]*\Z)")
# The wiki's page footer: "Retrieved from "https://…"" and the categories.
_FOOTER = re.compile(r"[ \t]*Retrieved from[ \t]+[\"“]?https?://")
_EDIT_LINK = re.compile(r"(?i)[ \t]*(?:edit|\[edit\]|edit source)[ \t]*")


class _Signature:
    __slots__ = ("start", "end", "name", "stamp")

    def __init__(self, start: int, end: int, name: Optional[str], stamp: "re.Match[str]") -> None:
        self.start, self.end, self.name, self.stamp = start, end, name, stamp


def _label_start(window: str) -> int:
    """Where a link label (``(talk)``, ``[omg plz]``) closing ``window``
    starts, or ``len(window)`` when it ends otherwise."""
    closer = window[-1:]
    opener = {")": "(", "]": "["}.get(closer)
    if opener is None:
        return len(window)
    k = window.rfind(opener, max(0, len(window) - _LABEL_CHARS - 2))
    if k < 0 or "\n" in window[k:]:
        return len(window)
    return k


def _signatures(text: str, limit: Optional[int] = None, end: Optional[int] = None) -> list[_Signature]:
    """Every signature of ``text`` whose timestamp ends by ``end`` (up to
    ``limit`` of them), in order."""
    found: list[_Signature] = []
    floor = 0  # (a name never reaches back into the previous signature)
    for m in _STAMP.finditer(text, 0, len(text) if end is None else end):
        a = m.start()
        lo = max(floor, a - _REACH)
        window = text[lo:a].rstrip()
        cut = _label_start(window)
        labelled = cut < len(window)
        rest = window[:cut].rstrip()
        # the last word before the label (a line break may part them)
        k = max(rest.rfind(" "), rest.rfind("\t"), rest.rfind("\n")) + 1
        word = rest[k:]
        bare = word.lstrip("-—–~")
        start = lo + k
        name: Optional[str] = None
        glued = _GLUED_SENTENCE.search(bare)
        if glued is not None:
            # "interested.Ladsgroup": a copy that lost the space after a sentence
            k += len(word) - len(bare) + glued.end()
            word = bare = bare[glued.end() :]
            start = lo + k
        if bare and (labelled or not bare.endswith(tuple(_SENTENCE_END))) and any(ch.isalnum() for ch in bare):
            name = bare
        if name is None:
            if labelled and not word:
                start = lo + cut  # a label alone: "(talk) 12:34, ..."
            else:
                start = a
        elif word == bare:
            start = _dash_before(text, start)  # "-- Fengchao": the dash opens the signature
        sig_end = m.end()
        reach = min(len(text), sig_end + 4 * _TAIL_CHARS)  # (a long line's rest is never read)
        line_end = text.find("\n", sig_end, reach)
        line_end = reach if line_end < 0 and reach == len(text) else line_end
        if line_end >= 0 and len(text[sig_end:line_end].strip()) <= _TAIL_CHARS:
            sig_end = line_end  # "[reply]", a closing bracket
        found.append(_Signature(start, sig_end, name, m))
        floor = m.end()
        if limit is not None and len(found) >= limit:
            break
    _longer_names(text, found)
    return found


def _longer_names(text: str, found: list[_Signature]) -> None:
    """A name of two or three words (``Ines Varga (talk)``): capitalised
    words right before the name join it, unless the one word signs alone
    elsewhere on the page (``Done. Ladsgroup (talk)``: a sentence's last
    word before it)."""
    longer: list[Optional[int]] = []
    for s in found:
        k = None
        if s.name is not None and text[s.start : s.start + len(s.name)] == s.name:
            k = s.start
            for _ in range(2):
                j = k
                while j > 0 and text[j - 1] in " \t":
                    j -= 1
                if j == k or j == 0:
                    break
                i = j
                while i > 0 and not text[i - 1].isspace():
                    i -= 1
                w = text[i:j]
                if not (w[:1].isupper() and w.isalpha() and len(w) > 1):
                    break
                k = i
        longer.append(k if k is not None and k < s.start else None)
    alone = {s.name for s, k in zip(found, longer) if s.name and k is None}
    for s, k in zip(found, longer):
        if k is None or s.name in alone:
            continue
        s.name = " ".join(text[k : s.start].split() + [s.name])
        s.start = _dash_before(text, k)


def _dash_before(text: str, k: int) -> int:
    """``k``, or where the dashes in front of a name at ``k`` start (``-- Ines``)."""
    j = k
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    i = j
    while i > 0 and text[i - 1] in "-—–~":
        i -= 1
    if i < j and (i == 0 or text[i - 1].isspace()):
        return i
    return k


def _posted(m: "re.Match[str]") -> Optional[datetime]:
    if m.group("zone") != "UTC":
        return None
    try:
        return datetime(
            int(m.group("year")), month_number(m.group("month")), int(m.group("day")),
            int(m.group("hour")), int(m.group("minute")), tzinfo=timezone.utc,
        )
    except ValueError:
        return None


@register
class MediaWiki(Dialect):
    name = "mediawiki"
    description = "MediaWiki talk pages: comments signed 'Name (talk) 12:34, 5 May 2020 (UTC)' at their end"
    region_hint = None

    def __init__(self) -> None:
        # split_points() and mark_lines() of one parse read the same
        # signatures: split_points keeps them for mark_lines of the very same
        # string, which lets them go.
        self._last: Optional[tuple[str, list[_Signature]]] = None

    def _all_signatures(self, text: str) -> list[_Signature]:
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        found = _signatures(text)
        self._last = (text, found)
        return found

    def score(self, text: str, lines: list[Line]) -> float:
        if not lines or ", " not in text:
            return 0.0
        end = lines[min(len(lines), SAMPLE_LINES) - 1].end
        if text.find("(", 0, end) < 0:
            return 0.0
        found = _signatures(text, limit=20, end=end)
        named = Counter(s.name for s in found if s.name)
        if len(found) < MIN_SIGNATURES or not named:
            return 0.0
        # a name that signs twice, or two who sign: a discussion
        if len(named) < 2 and max(named.values()) < 2:
            return 0.0
        return min(0.95, 0.3 + 0.15 * len(found))

    def split_points(self, text: str, lines: list[Line]) -> list[int]:
        """Cut a line where a signature after text starts, and after a
        signature that text follows on its line."""
        cuts = []
        for s in self._all_signatures(text):
            if not _blank_to(text, s.start, -1):
                cuts.append(s.start)
            if not _blank_to(text, s.end, 1):
                cuts.append(s.end)
        return sorted(set(cuts))

    def mark_lines(self, text: str, lines: list[Line]) -> dict[int, LineMark]:
        marks: dict[int, LineMark] = {}
        if not lines:
            return marks
        base = lines[0].start
        stop = lines[-1].end
        starts = [ln.start for ln in lines]
        sigs = [s for s in self._all_signatures(text) if base <= s.start and s.stamp.end() <= stop]
        self._last = None  # (split_points ran first, if it ran: the dump is not kept past its parse)
        if not sigs:
            return marks
        for s in sigs:
            i = bisect.bisect_right(starts, s.start) - 1
            j = bisect.bisect_right(starts, max(s.start, s.end - 1)) - 1
            if i < 0 or i in marks:
                continue
            fields: dict = {"trailer": True, "age": " ".join(s.stamp.group().split())}
            if s.name:
                fields["author"] = s.name
            posted = _posted(s.stamp)
            if posted is not None:
                fields["posted_at"] = posted
            marks[i] = LineMark("header", lines=j - i + 1, fields=fields)
        headings = _headings(text, lines, marks)
        for h in headings:
            marks[h] = LineMark("chrome", chrome_kind="meta")
            nxt = h + 1
            if nxt < len(lines) and _EDIT_LINK.fullmatch(text, lines[nxt].start, lines[nxt].end):
                marks[nxt] = LineMark("chrome", chrome_kind="ui")
        # the first signature under each heading opens a discussion
        header_lines = sorted(i for i, m in marks.items() if m.kind == "header")
        for h in headings:
            k = bisect.bisect_right(header_lines, h)
            if k < len(header_lines):
                marks[header_lines[k]].fields["top_level"] = True
        for i in range(header_lines[-1] + 1 if header_lines else 0, len(lines)):
            if _FOOTER.match(text, lines[i].start, lines[i].end):
                # the page footer: everything below it is the wiki's
                for k in range(i, len(lines)):
                    if text[lines[k].start : lines[k].end].strip():
                        marks[k] = LineMark("chrome", chrome_kind="navigation")
                break
        if headings and header_lines and headings[0] < header_lines[0]:
            # the notice box and the page's own text above the first heading
            for i in range(headings[0]):
                if i not in marks and text[lines[i].start : lines[i].end].strip():
                    marks[i] = LineMark("chrome", chrome_kind="meta")
        return marks


def _blank_to(text: str, at: int, step: int) -> bool:
    """Whether only spaces and tabs stand between ``at`` and the line's start
    (``step`` -1) or end (``step`` 1): read up to the first other character."""
    k = at - 1 if step < 0 else at
    while 0 <= k < len(text) and text[k] in " \t":
        k += step
    return not 0 <= k < len(text) or text[k] in "\r\n"


def _short_title(s: str) -> bool:
    s = s.strip()
    return 0 < len(s) <= _MAX_HEADING and len(s.split()) <= 12 and s[-1] not in ".,;:!?"


def _prefix(s: str) -> str:
    k = 0
    while k < len(s) and not s[k].isalnum():
        k += 1
    return s[:k]


def _headings(text: str, lines: list[Line], marks: dict[int, LineMark]) -> list[int]:
    n = len(lines)

    def body(i: int) -> str:
        return text[lines[i].start : lines[i].end] if 0 <= i < n else ""

    def blank(i: int) -> bool:
        return not body(i).strip()

    found: set[int] = set()
    after_signature: list[int] = []
    for i in range(n):
        if i in marks:
            continue
        s = body(i)
        if not s.strip():
            continue
        if MD_HEADING.match(s) and _short_title(s.lstrip(" #")):
            found.add(i)
        elif _short_title(s) and (
            (i + 1 < n and _EDIT_LINK.fullmatch(body(i + 1)) and body(i + 1).strip())
            or s.rstrip().endswith("[edit]")
        ):
            found.add(i)
    for i, m in marks.items():
        if m.kind != "header":
            continue
        k = i + m.lines
        while k < n and blank(k):
            k += 1
        if k < n and k not in marks and k > i + m.lines and _short_title(body(k)) and (k + 1 >= n or blank(k + 1)):
            after_signature.append(k)
    prefixes = Counter(_prefix(body(k)) for k in after_signature)
    shared = {p for p, c in prefixes.items() if p.strip() and c >= 2}
    found.update(after_signature)
    if shared:
        for i in range(n):
            s = body(i)
            if (
                i not in marks
                and _prefix(s) in shared
                and _short_title(s[len(_prefix(s)):])
                and blank(i - 1)
                and (i + 1 >= n or blank(i + 1))
            ):
                found.add(i)
    return sorted(found)
