"""The working document the pipeline stages share.

The raw text is never modified. Each stage reads the layers earlier stages
left and adds its own (see ``docs/pipeline.md``):

========== ====================================================================
stage      layer it adds
========== ====================================================================
segment    ``lines``, ``units`` (paragraphs, headers, chrome), ``cues``,
           ``dialect_name``/``dialect_score``
quotes     ``reuse`` (the shared text-reuse index and per-unit matches),
           ``quotes``, ``attributions``
dedup      ``duplicates`` (runs of repeated units), ``duplicate_of``
speakers   ``comments`` (boundaries, speakers, addressees, parents)
========== ====================================================================

The public :class:`~threadparse.models.Thread` is built from these layers once,
at the end, by :mod:`threadparse.build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

from .config import ParseConfig
from .text import Line, LineTable

if TYPE_CHECKING:  # pragma: no cover
    from .reuse import ReuseIndex


@dataclass(slots=True)
class Unit:
    """A piece of the dump the segmenter found: a paragraph, a header or chrome.

    ``start``/``end`` are stripped of surrounding whitespace; ``line_lo``/``line_hi``
    are the physical lines ``[line_lo, line_hi)`` it occupies.
    """

    index: int
    start: int
    end: int
    line_lo: int
    line_hi: int
    kind: str  # "text" | "header" | "chrome"
    marker: str = "none"  # for text units: "none" | ">" | "indent"
    depth: int = 0  # quote depth for ">" units
    block: int = 0  # index of the blank-line-delimited block it sits in
    chrome_kind: Optional[str] = None
    header: Optional[dict[str, Any]] = None
    code: bool = False  # inside an indented/fenced code block: never a quote


def share_unit_ints(units: list[Unit]) -> None:
    """Make equal line numbers, unit numbers and block numbers of ``units``
    one ``int`` object each (values unchanged).

    A unit's ``index``, ``line_lo``, ``line_hi`` and ``block`` come from
    different counters of the segmenter, so the same number is a new object
    in each (one unit's ``line_hi`` is often the next one's ``line_lo``, a
    block's number is every unit's in it): about 0.4 bytes per input byte of
    ``int`` objects that live until the output is built."""
    one: dict[int, int] = {}
    get = one.setdefault
    for u in units:
        u.index = get(u.index, u.index)
        u.line_lo = get(u.line_lo, u.line_lo)
        u.line_hi = get(u.line_hi, u.line_hi)
        u.block = get(u.block, u.block)


@dataclass(frozen=True)
class Cue:
    """Evidence that a new comment starts at a unit."""

    reason: str  # "header" | "layout" | "salutation" | "signoff" | ...
    strength: float  # 1.0 = certain (a header); lower = a hint


@dataclass
class QuoteFinding:
    """A unit the quote detector classified as quoted text."""

    unit: int
    marker: str  # "none" | ">" | "indent" | "attribution"
    depth: int
    source_start: Optional[int] = None  # char span of the source text, if found
    source_end: Optional[int] = None
    source_unit: Optional[int] = None
    score: float = 0.0
    method: str = ""
    attribution_name: Optional[str] = None
    # For a quote inside a paragraph (sentences of someone else's text run in
    # with the writer's own): its character span; None when it is the whole unit.
    start: Optional[int] = None
    end: Optional[int] = None
    # Further inline quotes in the same paragraph (a one-line comment quoting
    # several passages), each a finding of its own, in text order.
    more: list["QuoteFinding"] = field(default_factory=list)
    # An inline quote's ``name:`` label just before it (an author of the
    # dump): attribution chrome inside the paragraph; None when there is none.
    label_start: Optional[int] = None
    label_end: Optional[int] = None
    # The label was read from its place alone (a paragraph opening "name:"
    # before the quote), not from a name a header prints: attribution chrome,
    # but no evidence of whose words these are.
    label_placed: bool = False

    @property
    def inline(self) -> bool:
        return self.start is not None

    def parts(self) -> list["QuoteFinding"]:
        """This finding and the further inline quotes of its paragraph, in text order."""
        return sorted([self, *self.more], key=lambda f: f.start or 0) if self.more else [self]


@dataclass
class Attribution:
    """A line that introduces a quote (``On ... wrote:``, ``name:``)."""

    unit: int
    name: Optional[str]
    style: str  # "on-wrote" | "user-colon" | "original-message" | "mail-header" | "forum-label" | "quoted-title"


@dataclass
class DuplicateRun:
    """Consecutive units that repeat earlier units in their original order."""

    units: list[int]
    sources: list[int]
    scores: list[float]
    exact: list[bool]


@dataclass
class CommentDraft:
    """A comment as the attributor assembled it, before it becomes a model."""

    units: list[int]
    header_unit: Optional[int] = None
    attribution_units: list[int] = field(default_factory=list)  # chrome inside the comment
    speaker_name: Optional[str] = None
    speaker_method: str = "unknown"
    speaker_score: float = 0.0
    addressees: list[str] = field(default_factory=list)
    saluted: list[str] = field(default_factory=list)  # names greeted in a salutation
    mentioned: list[str] = field(default_factory=list)  # names @mentioned
    attributed: list[str] = field(default_factory=list)  # names in attribution lines
    replied_to: list[str] = field(default_factory=list)  # ... of mail-style ones ("X wrote:")
    quoted_speakers: list[tuple[int, str]] = field(default_factory=list)  # (source unit, name)
    parent: Optional[int] = None
    parent_method: Optional[str] = None
    parent_score: float = 0.0


_TABLE_MIN_LINES = 64
_CUES: dict[tuple[str, float, type], Cue] = {}
_CUE_TUPLES: dict[tuple, tuple[Cue, ...]] = {}  # the keys of a unit's cues -> their shared tuple


@dataclass
class Document:
    """Shared state of one parse. Stages add layers; nothing rewrites ``text``."""

    text: str  # the working text: the raw text, or its same-length markup-free copy
    config: ParseConfig
    requested_dialect: Optional[str] = None
    # The raw text when ``text`` is the working copy of a dump with HTML
    # left in it (threadparse.markup: same length, same offsets); else None.
    raw: Optional[str] = None
    # segment
    lines: list[Line] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    cues: dict[int, tuple[Cue, ...]] = field(default_factory=dict)  # shared tuples (add_cue)
    addressing: dict[int, list[tuple[str, Optional[str]]]] = field(default_factory=dict)
    dialect: Any = None  # the Dialect object the segmenter chose
    dialect_name: str = "plain"
    dialect_score: float = 0.0
    late_dialects: list[tuple[str, list[tuple[int, int]]]] = field(default_factory=list)  # (name, line ranges)
    # quotes
    reuse: Optional["ReuseIndex"] = None
    quotes: dict[int, QuoteFinding] = field(default_factory=dict)
    attributions: dict[int, Attribution] = field(default_factory=dict)
    # dedup
    duplicates: list[DuplicateRun] = field(default_factory=list)
    duplicate_of: dict[int, int] = field(default_factory=dict)
    # speakers
    comments: list[CommentDraft] = field(default_factory=list)
    completed: list[str] = field(default_factory=list)

    def __setattr__(self, name: str, value: Any) -> None:
        # A list of lines set as the ``lines`` layer is kept as a LineTable
        # (two int arrays): the segmenter works on its own list, and the
        # layer is what the later stages hold while the reuse index is built.
        if name == "lines" and type(value) is list and len(value) >= _TABLE_MIN_LINES:
            value = LineTable.of(value)
        object.__setattr__(self, name, value)

    def add_cue(self, unit: int, reason: str, strength: float) -> None:
        # Cues are frozen values and a handful of (reason, strength) pairs
        # recur over every unit: one object per pair.
        key = (reason, strength, type(strength))  # 1 and 1.0 stay apart
        cue = _CUES.get(key)
        if cue is None:
            cue = Cue(reason, strength)
            if len(_CUES) < 1024:
                _CUES[key] = cue
        # A unit's cues are a tuple, and equal tuples are one object too: a
        # few combinations recur over every unit (a list each was 0.5 bytes
        # per input byte). Readers iterate them; a stage that rewrites a
        # unit's cues assigns a new sequence. The tuples are keyed by their
        # cues' keys, so that cues of 1 and 1.0 stay apart: a single cue by
        # its own key (a str first), several by the tuple of their keys (a
        # tuple first), so the two kinds of key never meet.
        cues = self.cues
        had = cues.get(unit, ())
        both_key = (*[(c.reason, c.strength, type(c.strength)) for c in had], key) if had else key
        both = _CUE_TUPLES.get(both_key)
        if both is None:
            both = (*had, cue)
            if len(_CUE_TUPLES) < 4096:
                _CUE_TUPLES[both_key] = both
        cues[unit] = both

    def unit_text(self, unit: int) -> str:
        """The raw text of a unit (for custom stages; see docs/pipeline.md)."""
        u = self.units[unit]
        return self.text[u.start : u.end]

    def cue_strength(self, unit: int) -> float:
        """Evidence adds up: two weak hints make a boundary, capped at 1."""
        return min(1.0, sum(c.strength for c in self.cues.get(unit, ())))
