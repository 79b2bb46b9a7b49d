"""Low-level text helpers that never rewrite the input.

Matching works on *copies*: words found with ``\\w+`` in the raw string and
case-folded. Because punctuation, quotes, dashes, NBSP, hair spaces and line
breaks are never part of a word, a second capture with straight quotes, ``--``
instead of an em dash, collapsed spaces or re-wrapped lines yields the same
words, and every word keeps its offsets into the original string.
"""

from __future__ import annotations

import re
from array import array
from itertools import accumulate, chain, count, repeat
from operator import add, eq, index as _as_index, itemgetter
from typing import Iterator, NamedTuple, Optional, Sequence, Union, overload

import regex

# The stdlib engine is used for the two hot, linear patterns below (it is
# measurably faster for them); the `regex` module is used where its Unicode
# features or timeouts matter.
WORD_RE = re.compile(r"\w+")
_LINE_BREAK_RE = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

# The verb of a quote attribution line ("Pia wrote:", "Pia schrieb:"), in the
# languages mailers print; shared by the segmenter and the quote detector.
WROTE = r"(?:wrote|writes|said|schrieb|a[ ]écrit|escribió|scrisse|napisał|написал|schreef|skrev|kirjoitti)"
# "Pia Lund wrote:" / "Pia said:" ending a line (matched from the line start).
NAME_WROTE = regex.compile(r"[^\n]{1,120}?\b" + WROTE + r"[ \t]*:[ \t]*\Z")
# A forum's attribution with a link to the quoted post instead of a colon at
# the end: "ines_v wrote: ↑Wed Mar 02, 2022 9:05 am" (phpBB), the name
# before the verb, the post's date (an arrow or a clock time) after it.
LINKED_WROTE = re.compile(
    r"[ \t]*(?P<name>[^\s:][^\n:]{0,59}?)[ \t]+" + WROTE
    + r"[ \t]*:[ \t]*(?:[↑⇧][^\n]{0,60}|[^\n]{0,40}?\d{1,2}:\d\d[^\n]{0,20})"
)
# The ``>`` marks opening a quoted line (``> > ``, Markdown-escaped ``\>``),
# as the segmenter reads them (possessive: nothing follows, no backtracking).
QUOTE_MARKS = regex.compile(r"[ ]{0,3}(?:\\?>[ \t]?)++")

# A quote's link back to the quoted post before its date, with no verb:
# "Reply from ines_v ↑Wed Mar 02, 2022 9:05 am" (a forum's quote box title).
LINKED_POST = re.compile(r"[^\n↑⇧]{1,80}?[ \t][↑⇧][ \t]?(?=[^\n]{0,24}\d)[^\n]{1,80}")


def attribution_text(s: str) -> bool:
    """Whether one line (no quote marks) introduces a quote: ``Pia wrote:``,
    ``**pia said:**`` (Markdown emphasis around it), a forum's ``ines_v
    wrote: ↑<date>`` or ``Reply from ines_v ↑<date>``."""
    s = s.strip()
    if len(s) > 160:
        return False
    s = s.strip("*_").strip()
    if not s:
        return False
    if s.endswith(":"):
        return NAME_WROTE.match(s) is not None
    if "↑" in s or "⇧" in s:
        return LINKED_WROTE.fullmatch(s) is not None or LINKED_POST.fullmatch(s) is not None
    return ":" in s and LINKED_WROTE.fullmatch(s) is not None


# The label forum software prints over a quoted post, opening its line:
# "Originally Posted by X" (vBulletin), "Quote from: X on <date>" (SMF),
# "Quoting X:" (phpBB, Invision), "Quote (X @ <date>):" (Invision). Such a
# line recurs through a thread like a header, but it introduces a quote.
FORUM_LABEL_OPENER = r"(?i:originally[ ]posted[ ]by|quote[ ]from:?|quoting)"
FORUM_QUOTE_LABEL = re.compile(
    r"[ \t]*(?:" + FORUM_LABEL_OPENER + r"(?=[\s:])|(?i:quote)[ \t]*\([^\n()]{1,80}\)[ \t]*:"
    # (a raw export's BBCode: "[quote="ana, post:3, topic:57"]", "[QUOTE=ana;123]")
    r"|\[(?i:quote)(?:=[^\]\n]{1,200})?\])"
)


# The word a mail client opens a dated attribution with: "On <date>, X wrote:".
ATTRIBUTION_OPENER = r"(?:On|Am|Le|El|Il|Op|Dnia|Den)\b"

# Characters that may close a sentence or a quoted passage and are worth
# carrying into a span that ends on a word.
CLOSING_PUNCT = frozenset(".!?…,;:\"'”’)]»")
OPENING_PUNCT = frozenset("\"'“‘([«")


class Line(NamedTuple):
    """One physical line: ``[start, end)`` excludes the line break."""

    index: int
    start: int
    end: int


_INDEX, _START, _END = itemgetter(0), itemgetter(1), itemgetter(2)


class LineTable(Sequence[Line]):
    """Physical lines kept as two int arrays (starts, ends) instead of a list
    of :class:`Line` tuples: 8 bytes a line (16 past 2^31 characters) instead of about 170. It
    reads like the list it was made from (``Line`` values, made on access),
    for the stages that still read lines once the segmenter is done.
    Read-only; ``lines[i].index == i`` for every line it holds."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, starts: array, ends: array) -> None:
        self._starts = starts
        self._ends = ends

    @classmethod
    def of(cls, lines: list[Line]) -> Union["LineTable", list[Line]]:
        """The table of ``lines``, or ``lines`` itself when they are not
        numbered 0, 1, 2, ... (a table could not give their indices back)."""
        # no intermediate lists or tuples: the list is at its largest here
        if not all(map(eq, map(_INDEX, lines), count())):
            return lines
        # C ints (8 bytes a line) where every offset fits, else 64-bit
        try:
            return cls(array("i", map(_START, lines)), array("i", map(_END, lines)))
        except OverflowError:
            return cls(array("q", map(_START, lines)), array("q", map(_END, lines)))

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, i: int) -> Line: ...
    @overload
    def __getitem__(self, i: slice) -> list[Line]: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [Line(k, self._starts[k], self._ends[k]) for k in range(*i.indices(len(self)))]
        k = _as_index(i)
        if k < 0:
            k += len(self._starts)
        if not 0 <= k < len(self._starts):
            raise IndexError("line index out of range")
        return Line(k, self._starts[k], self._ends[k])

    def __iter__(self) -> Iterator[Line]:
        return map(Line, count(), self._starts, self._ends)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (LineTable, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like the list it stands for

    def __repr__(self) -> str:
        return f"LineTable({list(self)!r})"


_MD_NAME_LINK = re.compile(r"\[(?P<label>[^\[\]\n]{1,80})\]\([^()\s]{0,300}(?:[ \t]+\"[^\"\n]{0,300}\")?\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def unescape_markdown(value: str) -> str:
    """``value`` without Markdown's backslash escapes (``block\\_dagger``,
    ``\\[-\\]``)."""
    return _MD_ESCAPE.sub(r"\1", value) if "\\" in value else value


def plain_name(value: str) -> str:
    """A name as the page shows it: a Markdown clip's link around it
    (``[faul\\_sname](/users/faul_sname "title")``) unwrapped and its
    backslash escapes dropped; anything else unchanged."""
    m = _MD_NAME_LINK.fullmatch(value.strip())
    if m is not None:
        value = m.group("label")
    return unescape_markdown(value)


def split_lines(text: str) -> list[Line]:
    r"""Return the physical lines of ``text`` with their offsets (any line-break style).

    ``str.splitlines`` breaks at exactly the breaks of ``_LINE_BREAK_RE``
    (``\r\n`` as one) and drops the empty piece after a final break, so the
    pieces with their breaks give the starts, and the pieces without them the
    ends, all in C (``tests/test_speed_paths.py`` checks it against the
    pattern's loop)."""
    pieces = text.splitlines(True)
    full = list(map(len, pieces))
    widths = list(map(len, map(str.rstrip, pieces, repeat(_BREAK_CHARS))))  # a piece holds no break but its last
    del pieces
    starts = list(accumulate(chain((0,), full[:-1])))
    return list(map(tuple.__new__, repeat(Line), zip(range(len(full)), starts, map(add, starts, widths))))


_BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

# A Markdown ATX heading's opening ("## Comments"): the hashes are group 1.
MD_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]")

# A line of the dump that opens with text: where one exists, the dump has no margin.
_FLUSH_LINE = re.compile(r"^[^\s]", re.MULTILINE)
_MARGIN = re.compile(r"[ \t]*")
MIN_MARGIN_LINES = 3


def dump_lines(text: str) -> list[Line]:
    """The lines of ``text`` as the stages read them: :func:`split_lines`,
    and when every line with text opens with the same white space (a thread
    pasted into an indented block, two tabs before each line of an old
    Google Groups page), each line starts after that margin. The margin is
    the dump's, no line's own indentation: a reply or a code block indents
    from it. Offsets stay the raw text's; the margin's white space is left
    out of every line, as the line breaks are."""
    lines = split_lines(text)
    if len(lines) < MIN_MARGIN_LINES or _FLUSH_LINE.search(text) is not None:
        return lines
    margin: Optional[str] = None
    for ln in lines:
        if ln.end == ln.start or text[ln.start : ln.end].isspace():
            continue
        lead = _MARGIN.match(text, ln.start, ln.end).group()
        if margin is None:
            margin = lead
        elif not lead.startswith(margin):
            k = 0
            while k < min(len(lead), len(margin)) and lead[k] == margin[k]:
                k += 1
            margin = margin[:k]
        if not margin:
            return lines
    if not margin:
        return lines
    w = len(margin)
    return [
        ln if ln.end - ln.start < w or text[ln.start : ln.end].isspace() else Line(ln.index, ln.start + w, ln.end)
        for ln in lines
    ]


def words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """Case-folded words of ``text[start:end]`` (the matching copy)."""
    if end is None:
        end = len(text)
    piece = text[start:end] if start >= 0 and end >= 0 else ""  # (a negative offset slices from the end)
    if piece.isascii() and piece:
        # ASCII lowering changes no character's class: the words of the
        # lowered piece are the lowered words, without a join and a split
        return WORD_RE.findall(piece.lower())
    found = WORD_RE.findall(text, start, end)
    if not found:
        return found
    # One join/lower/split is much faster than lowering word by word; lowering
    # never introduces spaces, so the word count is preserved.
    return " ".join(found).lower().split(" ")


def word_offsets(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of every word in ``text[start:end]``."""
    return [m.span() for m in WORD_RE.finditer(text, start, end)]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends on whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def widen_to_punct(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """Extend a word-aligned span over adjacent opening/closing punctuation within [lo, hi)."""
    while start > lo and text[start - 1] in OPENING_PUNCT:
        start -= 1
    while end < hi and text[end] in CLOSING_PUNCT:
        end += 1
    return start, end

