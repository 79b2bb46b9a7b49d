"""Stage 1, the segmenter: lines, paragraphs, headers, chrome and boundary cues.

Reads the raw text only. Adds to the document:

- ``lines``: physical lines with offsets (any line-break style);
- ``units``: paragraphs (prose, ``>``-marked or code), headers and chrome, in
  order, covering every non-blank line exactly once;
- ``cues``: evidence that a comment starts at a unit (a header, a layout
  break, a salutation, the unit after a sign-off);
- ``addressing``: names found in salutations, sign-offs and ``@mentions``,
  for the speaker attributor.
"""

from __future__ import annotations

import regex

from . import dialects
from .document import Document, Unit
from .text import Line, split_lines

# A quote marker is `>` after at most three spaces (as in CommonMark); deeper
# indentation is code. `> >` and `>>` both count two levels.
_QUOTE_PREFIX = regex.compile(r"[ \t]{0,3}(?:>[ \t]?)+")
_FENCE = regex.compile(r"[ \t]{0,3}(?:```|~~~)")
_LIST_ITEM = regex.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]")

_NOT_NAMES = frozenset(
    """i we you all everyone everybody folks guys team the this that for so and
    but again both y'all there here sir madam mate friend friends people""".split()
)
_NAME = r"(?P<name>\p{Lu}[\p{L}\p{M}'’\-]{1,30}(?:[ ]\p{Lu}[\p{L}\p{M}'’\-]{1,30})?)"
_SALUTATION = regex.compile(
    r"(?i:hi|hello|hey|dear|greetings|thanks|thank[ ]you|many[ ]thanks|thx|ty)"
    r"(?i:[ ](?:so|very)[ ]much)?(?i:[ ]again)?,?[ ]+" + _NAME + r"(?=[ ]?[,!.:;—–-]|$)"
)
_BARE_NAME_OPENING = regex.compile(_NAME + r",[ ]")
_SIGNOFF = regex.compile(
    r"(?i:cheers|best|thanks|thank[ ]you|regards|best[ ]regards|kind[ ]regards|"
    r"all[ ]the[ ]best|warmly|sincerely|yours|ta)[,!.]?(?:[ \t]*\n?[ \t]*" + _NAME + r")?[ \t]*\Z"
    r"|(?:--|—|–|-)[ ]?" + _NAME + r"[ \t]*\Z"
)
_MENTION = regex.compile(r"(?<![\w@.])@(?P<name>[\w][\w.\-]{0,38}\w)")


class Segmenter:
    """Split the dump into units and record where comments may begin."""

    name = "segment"
    reads: tuple[str, ...] = ()
    writes = ("lines", "units", "cues", "addressing", "dialect")

    def __call__(self, doc: Document) -> None:
        text = doc.text
        doc.lines = lines = split_lines(text)
        if doc.requested_dialect is not None:
            dialect = dialects.get(doc.requested_dialect)
            doc.dialect_score = 1.0
        else:
            dialect, doc.dialect_score = dialects.detect(text, lines)
        doc.dialect_name = dialect.name
        marks = dialect.mark_lines(text, lines)
        doc.units = _build_units(text, lines, marks, doc.config.max_line_chars)
        _layout_cues(doc)
        _addressing(doc)


def _content_span(text: str, lines: list[Line], lo: int, hi: int) -> tuple[int, int]:
    start, end = lines[lo].start, lines[hi - 1].end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _build_units(text, lines, marks, max_line_chars) -> list[Unit]:
    units: list[Unit] = []
    block = 0
    prev_blank = True
    in_fence = False
    run: list[tuple[int, str, int, bool]] = []  # (line, marker, depth, code)

    def flush() -> None:
        if run:
            _emit_paragraphs(text, lines, run, block, units)
            run.clear()

    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        mark = marks.get(i)
        if mark is not None:
            flush()
            hi = min(n, i + max(1, mark.lines))
            start, end = _content_span(text, lines, i, hi)
            if start < end:
                units.append(
                    Unit(
                        index=len(units), start=start, end=end, line_lo=i, line_hi=hi,
                        kind=mark.kind, chrome_kind=mark.chrome_kind,
                        header=dict(mark.fields) if mark.kind == "header" else None,
                        block=block,
                    )
                )
            prev_blank = False
            i = hi
            continue
        raw = text[line.start : line.end]
        if not raw.strip():
            flush()
            if not prev_blank:
                block += 1
            prev_blank = True
            i += 1
            continue
        prev_blank = False
        head = raw[:max_line_chars]
        if _FENCE.match(head):
            in_fence = not in_fence
            run.append((i, "none", 0, True))
            i += 1
            continue
        if in_fence:
            run.append((i, "none", 0, True))
            i += 1
            continue
        m = _QUOTE_PREFIX.match(head)
        if m:
            depth = m.group().count(">")
            run.append((i, ">", depth, False))
        elif raw.startswith(("    ", "\t")) and (not run or run[-1][3] or prev_line_blank(lines, text, i)):
            run.append((i, "none", 0, True))
        else:
            run.append((i, "none", 0, False))
        i += 1
    flush()
    return units


def prev_line_blank(lines: list[Line], text: str, i: int) -> bool:
    """Whether the physical line before ``i`` is blank (or there is none)."""
    if i == 0:
        return True
    p = lines[i - 1]
    return not text[p.start : p.end].strip()


def _emit_paragraphs(text, lines, run, block, units) -> None:
    """Group a run of adjacent content lines into paragraph units."""
    groups: list[list[tuple[int, str, int, bool]]] = []
    for item in run:
        if groups and (groups[-1][-1][1:] == item[1:]):
            groups[-1].append(item)
        else:
            groups.append([item])
    for group in groups:
        _, marker, depth, code = group[0]
        if marker == ">" or code or _looks_wrapped(text, lines, group):
            parts = [group]
        else:
            parts = [[item] for item in group]
        for part in parts:
            lo, hi = part[0][0], part[-1][0] + 1
            start, end = _content_span(text, lines, lo, hi)
            if start >= end:
                continue
            units.append(
                Unit(
                    index=len(units), start=start, end=end, line_lo=lo, line_hi=hi,
                    kind="text", marker=marker, depth=depth, block=block, code=code,
                )
            )


def _looks_wrapped(text, lines, group) -> bool:
    """Hard-wrapped prose: every line but the last is filled close to one width."""
    if len(group) < 2:
        return False
    lengths = []
    for idx, *_ in group:
        ln = lines[idx]
        raw = text[ln.start : ln.end]
        if _LIST_ITEM.match(raw[:20]):
            return False
        lengths.append(len(raw.rstrip()))
    width = max(lengths)
    if width > 100 or width < 30:
        return False
    return all(length >= width - 30 for length in lengths[:-1])


def _layout_cues(doc: Document) -> None:
    """Header cues, and blank-line cues when blank lines separate comments.

    When some blank-line blocks hold several single-line paragraphs, the dump
    separates paragraphs with ``\\n`` and comments with blank lines, so a new
    block is strong evidence of a new comment. When every block is one
    paragraph, blank lines separate paragraphs and say little.
    """
    units = doc.units
    per_block: dict[int, int] = {}
    for u in units:
        if u.kind == "header":
            doc.add_cue(u.index, "header", 1.0)
        if u.kind == "text":
            per_block[u.block] = per_block.get(u.block, 0) + 1
    if len(per_block) < 2:
        return
    multi = sum(1 for c in per_block.values() if c >= 2)
    strength = 0.6 if multi >= max(1, len(per_block) // 4) else 0.15
    prev_block = None
    for u in units:
        if u.kind != "text":
            continue
        if prev_block is not None and u.block != prev_block:
            doc.add_cue(u.index, "layout", strength)
        prev_block = u.block


def _addressing(doc: Document) -> None:
    """Salutations (cue + addressee), sign-offs (cue on the next unit), @mentions."""
    text, limit = doc.text, doc.config.max_line_chars
    for u in doc.units:
        if u.kind != "text" or u.marker != "none" or u.code:
            continue
        head = text[u.start : min(u.end, u.start + limit)]
        m = _SALUTATION.match(head, timeout=1.0)
        if m and m.group("name").split()[0].lower() not in _NOT_NAMES:
            doc.addressing.setdefault(u.index, []).append(("salutation", m.group("name")))
            doc.add_cue(u.index, "salutation", 0.5)
        if u.end - u.start <= 60:
            s = _SIGNOFF.match(head, timeout=1.0)
            if s:
                name = s.group("name")
                doc.addressing.setdefault(u.index, []).append(("signoff", name))
                nxt = u.index + 1
                if nxt < len(doc.units):
                    doc.add_cue(nxt, "signoff", 0.5)
        if "@" in head:
            for mm in _MENTION.finditer(head, timeout=1.0):
                doc.addressing.setdefault(u.index, []).append(("mention", mm.group("name")))
