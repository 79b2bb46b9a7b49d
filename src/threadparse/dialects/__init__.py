"""Dump dialects: how one family of sites prints headers, chrome and quotes.

A dialect is one module in this package that defines a :class:`Dialect`
subclass and decorates it with :func:`register`. Modules here are discovered
automatically, so adding a dialect means adding one file (see
``docs/pipeline.md``).
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..text import Line

_REGISTRY: dict[str, "Dialect"] = {}


@dataclass
class LineMark:
    """What a dialect says about one or more physical lines.

    ``kind`` is ``"header"`` (a comment header), ``"chrome"`` (page furniture
    of ``chrome_kind``: ``ui``, ``navigation``, ``attribution``, ``signature``,
    ``reference`` or ``meta``) or ``"code"`` (comment text that is code, such
    as a patch: never a quote, whatever its first character). ``lines`` is how many physical lines, starting
    at the marked one, belong to it (a multi-line header is one mark).

    ``fields`` of a header, all optional:

    ========================= ===================================================
    ``author``                the commenter's name as printed
    ``age``                   the raw age or date text (``13d``, ``2 hours ago``)
    ``posted_at``             a ``datetime`` when the date is absolute
    ``score``                 the comment's score (karma, points), an ``int``
    ``scores``                named scores, e.g. ``{"karma": 21, "af": 11, "agree": 3}``
    ``score_blob``            the raw digits when they could not be split surely
    ``edited``                ``True`` when marked as edited
    ``post_number``           Discourse post number
    ``permalink``             a comment id or URL from the header
    ``depth``                 exact nesting depth, 0 = top level (drives parents)
    ``min_depth``             a lower bound when only that is known (HN ``root``)
    ``has_prev``/``has_next`` the comment has an earlier/later sibling (HN)
    ``descendants``           how many comments follow in its subtree (Reddit)
    ``topic``                 the conversation's subject without ``Re:``
                              (mail): with no other cue, a reply answers the
                              latest earlier comment on the same topic
    ``trailer``               ``True`` when the header *follows* its comment's
                              text (Stack Exchange comments)
    ``message_id``            mail Message-ID, ``<id@host>``
    ``in_reply_to``           mail In-Reply-To: names the parent exactly
    ``references``            mail References, oldest first (the last is the
                              parent when In-Reply-To is missing)
    ``reply_subject``         ``True`` for a ``Re:`` subject (a reply whose
                              parent the headers do not name)
    ``reply_to_author``       a header's "in reply to NAME" (induced headers)
    ``top_level``             the site prints whom replies answer and this
                              header names nobody (induced headers)
    ``method``                ``"induced"`` for headers learnt from the dump
    ========================= ===================================================

    Keys the public :class:`~threadparse.models.Header` knows are exported;
    the others are parent cues read by the speaker attributor.
    """

    kind: str
    lines: int = 1
    chrome_kind: Optional[str] = None
    fields: dict[str, Any] = field(default_factory=dict)


class Dialect:
    """Base class. Subclasses override :meth:`score` and :meth:`mark_lines`.

    Class attributes:

    - ``quote_indent``: lines indented by four spaces are quotes (marker
      ``indent``), not code (LessWrong's browser copy);

    A dialect may also define ``link_replies(doc, comments)`` returning, for
    each comment draft, ``None`` (no opinion) or ``(parent_index_or_None,
    method, score)``: chat logs link replies by addressing, turn-taking and
    time. Structural header cues and mail headers take precedence over it.
    """

    name: str = ""
    description: str = ""
    quote_indent: bool = False
    # A pattern that matches somewhere in every window of lines on which
    # ``score`` can reach DETECTION_THRESHOLD (a necessary condition, not
    # evidence): with one, the dialect is also looked for past the first
    # lines of a long dump (:func:`late_regions`). ``None``: looked for in
    # the first lines only.
    # (A tuple of patterns: one of them matches. Each is searched on its own.)
    # Windows are scored on slices of the dump's lines: ``score`` must not
    # read ``Line.index``.
    region_hint: Optional[str | tuple[str, ...]] = None
    # Patterns one of which matches inside the lines of every header
    # ``mark_lines`` finds, or on the line after them (the date, the field
    # name: a necessary condition, not evidence): with them, a long dump is
    # read by this dialect only in the regions around the lines they match
    # (:func:`hint_regions`). Each is searched on its own: start each with a
    # literal, which ``re`` scans for at C speed (an alternation is 3-10x
    # slower). ``()``: the dialect reads the whole dump. A dialect with a
    # hint gets its regions' lines as the dump's own ``Line`` tuples: its
    # ``mark_lines`` keys marks by position and never reads ``Line.index``.
    mark_hint: tuple[str, ...] = ()

    def score(self, text: str, lines: list[Line]) -> float:
        """How strongly ``text`` looks like this dialect, 0..1.

        Called on every parse for every dialect: keep it cheap (look at a
        bounded sample of lines, e.g. the first few thousand).
        """
        return 0.0

    def mark_lines(self, text: str, lines: list[Line]) -> dict[int, LineMark]:
        """Headers and chrome, keyed by the index of their first line.

        Must be linear in the text and total: any ``str`` may come in.
        """
        return {}

    def split_points(self, text: str, lines: list[Line]) -> list[int]:
        """Character offsets where a physical line should be cut in two before
        :meth:`mark_lines` runs, for shapes that put a header and text on one
        line (a flattened dump). ``lines`` passed to ``mark_lines`` are then
        the cut pieces. Default: none."""
        return []

    def indent_quotes(self, text: str, lines: list[Line]) -> bool:
        """Whether this dump marks quotes by indenting four spaces (rather than
        code). Default: the class attribute ``quote_indent``."""
        return self.quote_indent


def register(cls: type[Dialect]) -> type[Dialect]:
    """Class decorator that makes a dialect available by its ``name``."""
    if not cls.name:
        raise ValueError(f"dialect class {cls.__name__} needs a non-empty `name`")
    _REGISTRY[cls.name] = cls()
    return cls


def _load_builtin() -> None:
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


def available() -> list[str]:
    """Names of the known dialects, sorted."""
    return sorted(_REGISTRY)


def get(name: str) -> Dialect:
    """Return the dialect called ``name`` or raise a ``ValueError`` listing valid names."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ValueError(
            f"unknown dialect {name!r}; choose one of {', '.join(available())} "
            f"or pass dialect=None to detect it"
        ) from None


DETECTION_THRESHOLD = 0.3


def scores(text: str, lines: list[Line]) -> list[tuple[Dialect, float]]:
    """Every non-plain dialect's evidence score, best first (ties by name)."""
    out = [(_REGISTRY[n], _REGISTRY[n].score(text, lines)) for n in available() if n != "plain"]
    out.sort(key=lambda ds: (-ds[1], ds[0].name))
    return out


def detect(text: str, lines: list[Line]) -> tuple[Dialect, float]:
    """Pick the dialect with the most evidence; ``plain`` when nothing else fits."""
    ranked = scores(text, lines)
    if not ranked or ranked[0][1] < DETECTION_THRESHOLD:
        best = ranked[0][1] if ranked else 0.0
        return _REGISTRY["plain"], 1.0 - best
    return ranked[0]


# Windows of a long dump past the first SAMPLE_LINES (the lines ``score``
# reads) in which a dialect that did not score there is looked for again.
SAMPLE_LINES = 3000
REGION_LINES = 1000


def late_regions(text: str, lines: list[Line], skip: set[str]) -> list[tuple[Dialect, list[tuple[int, int]]]]:
    """Dialects (not in ``skip``) that score at least the detection threshold
    in some window of ``REGION_LINES`` lines past the first ``SAMPLE_LINES``,
    with the line ranges ``(lo, hi)`` where they do: runs of such windows,
    widened by half a window on each side (a region rarely starts on a
    window's edge). Only dialects with a ``region_hint`` are looked for, and
    only in windows the hint matches, so a dump with none of their text costs
    one pattern search per dialect.

    Each window is scored as a dump of its own: ``score`` gets the window's
    lines (a slice of ``lines``: their ``index`` is the dump's, so a score
    must read positions and offsets, not ``Line.index``), with the dump's
    text.
    """
    n = len(lines)
    if n <= SAMPLE_LINES:
        return []
    out = []
    for name in available():
        d = _REGISTRY[name]
        if name in skip or not d.region_hint:
            continue
        hints = hint_patterns(d.region_hint)
        ranges: list[tuple[int, int]] = []
        # the windows holding a match, on the grid of windows from SAMPLE_LINES
        for w in _hint_windows(text, lines, hints, REGION_LINES, SAMPLE_LINES):
            lo = SAMPLE_LINES + w * REGION_LINES
            hi = min(n, lo + REGION_LINES)
            # (a slice of the dump's own lines: ``score`` reads line offsets
            # only, and renumbering 1,000 lines cost more than scoring them)
            if d.score(text, lines[lo:hi]) >= DETECTION_THRESHOLD:
                _add_range(ranges, max(0, lo - REGION_LINES // 2), min(n, hi + REGION_LINES // 2))
        if ranges:
            out.append((d, ranges))
    return out


# Dialects by region for the dialects that run (the winner and the
# runners-up): the dump is cut into windows of HINT_WINDOW lines; a window
# where the dialect's ``mark_hint`` matches holds evidence, and the dialect
# reads it with HINT_MARGIN lines on each side (so runs of evidence closer
# than twice the margin are read as one region, with the text between them).
HINT_WINDOW = 100
HINT_MARGIN = 200
# Regions that cover more than this share of the dump: the dialect reads the
# whole dump (nothing worth skipping).
HINT_COVER = 0.75


def hint_regions(text: str, lines: list[Line], d: Dialect) -> Optional[list[tuple[int, int]]]:
    """The line ranges ``(lo, hi)`` of a long dump where ``d`` has evidence
    (its ``mark_hint`` matches, widened by HINT_MARGIN lines), or ``None``
    when it should read the whole dump: a dump of at most SAMPLE_LINES lines
    (the lines detection reads), a dialect with no ``mark_hint``, or regions
    covering most of the dump. An empty list: no evidence anywhere.

    One C-level search per window with a match (the search resumes at the
    next window), so a dump with none of the dialect's text costs one scan.
    """
    n = len(lines)
    if n <= SAMPLE_LINES or not d.mark_hint:
        return None
    out: list[tuple[int, int]] = []
    for w in _hint_windows(text, lines, hint_patterns(d.mark_hint), HINT_WINDOW, 0):
        _add_range(out, max(0, w * HINT_WINDOW - HINT_MARGIN), min(n, (w + 1) * HINT_WINDOW + HINT_MARGIN))
    if sum(b - a for a, b in out) > HINT_COVER * n:
        return None
    return out


@functools.lru_cache(maxsize=None)
def hint_patterns(hint: Optional[str | tuple[str, ...]]) -> tuple["re.Pattern[str]", ...]:
    """A dialect's ``region_hint`` or ``mark_hint`` as compiled patterns
    (compiled once per hint)."""
    if not hint:
        return ()
    return tuple(re.compile(p) for p in ((hint,) if isinstance(hint, str) else hint))


def _add_range(ranges: list[tuple[int, int]], a: int, b: int) -> None:
    """Append ``(a, b)`` to ``ranges`` (in order), merged with the last range
    when they touch or overlap."""
    if ranges and a <= ranges[-1][1]:
        ranges[-1] = (ranges[-1][0], b)
    else:
        ranges.append((a, b))


def _hint_windows(text: str, lines: list[Line], hints: tuple, size: int, origin: int) -> list[int]:
    """The windows (of ``size`` lines, numbered from line ``origin``) in which
    one of ``hints`` matches, in order. Per pattern, one C-level search per
    window with a match: the search resumes at the next window."""
    n = len(lines)
    found: set[int] = set()
    for hint in hints:
        lo = origin
        while lo < n:
            m = hint.search(text, lines[lo].start)
            if m is None:
                break
            w = (_line_at(lines, m.start(), lo) - origin) // size
            found.add(w)
            lo = origin + (w + 1) * size
    return sorted(found)


def mark_regions(d: Dialect, text: str, lines: list[Line], regions: Optional[list[tuple[int, int]]]) -> dict[int, LineMark]:
    """``d.mark_lines`` over ``regions`` only (the whole dump for ``None``),
    keyed by the dump's line indexes.

    The regions' lines are passed to one ``mark_lines`` call, one after the
    other, so what a dialect gathers over the dump (the authors it has seen,
    the topics of a mail thread) it gathers over all its regions together.
    They are the dump's own ``Line`` tuples (making renumbered copies cost
    as much as a third of the marks): a dialect with a ``mark_hint`` keys its
    marks by position in ``lines`` and never reads ``Line.index``
    (``tests/test_dialect_regions.py`` checks the built-in ones). A mark that
    would run across the seam of two regions is dropped (it would cover lines
    that are not consecutive in the dump).
    """
    if regions is None:
        return d.mark_lines(text, lines)
    if not regions:
        return {}
    picked: list[Line] = []
    orig: list[int] = []
    for lo, hi in regions:
        picked += lines[lo:hi]
        orig += range(lo, hi)
    out: dict[int, LineMark] = {}
    last = len(orig) - 1
    for k, m in d.mark_lines(text, picked).items():
        j = orig[k]
        span = max(1, m.lines)
        if span > 1 and (k + span - 1 > last or orig[k + span - 1] != j + span - 1):
            continue
        out[j] = m
    return out


def window(lines: list[Line], lo: int, hi: int) -> list[Line]:
    """Lines ``lo:hi`` numbered from 0 (offsets into the same text)."""
    return [Line(i - lo, a, b) for i, a, b in lines[lo:hi]]


def _line_at(lines: list[Line], pos: int, lo: int) -> int:
    """The index of the line holding offset ``pos`` (at or after line ``lo``)."""
    a, b = lo, len(lines) - 1
    while a < b:
        mid = (a + b + 1) // 2
        if lines[mid].start <= pos:
            a = mid
        else:
            b = mid - 1
    return a


_load_builtin()
