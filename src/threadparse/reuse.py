"""The text-reuse index shared by the quote detector and the deduplicator.

One pass over the text units, in reading order, finds for each unit the
earlier text it repeats:

1. **Hashing.** The unit's case-folded word sequence is hashed; an identical
   earlier sequence is an exact repeat (typography, spacing and line wrapping
   do not change the words, see :mod:`threadparse.text`).
2. **Shingle index.** Otherwise every run of ``shingle_size`` words is looked up
   in a dictionary from shingle hash to the position where it first occurred
   (and inserted if new). Hits are chained along near-diagonals, allowing
   ``max_gap_words`` of edits, so one chain is one reused passage.
3. **Confirmation.** The best chain is extended to the unit's edges, mapped back
   to character offsets in both places, and scored with rapidfuzz's normalised
   Indel similarity on the word copies (or by shingle agreement for passages
   longer than ``max_fuzzy_chars``, which keeps the work linear).

No pair of paragraphs is ever compared unless they share a shingle or a hash,
so the cost grows linearly with the input.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Mapping
from itertools import chain
from dataclasses import dataclass, field
from typing import Iterator, Optional

import re

from rapidfuzz.distance import Indel

from .document import Document
from .text import WORD_RE, word_offsets, words, widen_to_punct


@dataclass(slots=True)
class ReuseMatch:
    """The best earlier passage one unit repeats.

    Target offsets are inside the unit; ``source_start``/``source_end`` are in
    the earlier text; ``source_units`` are the units the passage spans.
    Slotted: one is kept per repeated unit, and a ``__dict__`` each was
    most of their memory.
    """

    unit: int
    target_start: int
    target_end: int
    target_words: int  # words of the unit covered by the passage
    unit_words: int
    source_start: int
    source_end: int
    source_units: tuple[int, ...]
    source_words: int  # words of the source units covered
    source_unit_words: int  # all words of the source units touched
    score: float
    method: str  # "exact-words" | "shingles+rapidfuzz" | "shingles"
    source_word_start: int = 0  # global word positions of the source passage
    source_word_end: int = 0
    exact_sources: tuple[int, ...] = ()
    # The chain itself, before its edges were grown to the unit's edges: what
    # an inline quote (a passage inside a paragraph) is cut from.
    core: Optional[tuple[int, int, int, int]] = None  # target start/end, source start/end

    @property
    def target_coverage(self) -> float:
        return self.target_words / self.unit_words if self.unit_words else 0.0

    @property
    def source_coverage(self) -> float:
        return self.source_words / self.source_unit_words if self.source_unit_words else 0.0

    @property
    def source_unit(self) -> int:
        return self.source_units[0]


class ReuseMatches(Mapping):
    """unit -> :class:`ReuseMatch`, read like the dictionary it replaces.

    An exact repeat (``exact-words``) is stored as how many copies of its
    text came before it (a small int, 1 to 15: no object of its own), or,
    once its text has 16 copies (as many as are kept), as the pair of tuples
    ``((first copy,), copies)`` that every later repeat of the text shares;
    its match is made when it is read, from the unit offsets, the index's
    word tables and the copies: in a dump that
    repeats itself most matches are exact repeats, and a ``ReuseMatch`` each
    was the largest part of the index. Every read of one gives a new, equal
    object; matches are values, nobody changes them.
    """

    __slots__ = ("_store", "_units", "_word_count", "_slot", "_first_word", "_copies")

    def __init__(
        self, units: list, word_count: dict[int, int], slot: dict[int, int], first_word,
        copies: Optional[dict[int, list[int]]] = None,
    ) -> None:
        self._store: dict[int, object] = {}
        self._units = units
        self._word_count = word_count
        self._slot = slot
        self._first_word = first_word
        self._copies = {} if copies is None else copies

    def __setitem__(self, uid: int, match: ReuseMatch) -> None:
        self._store[uid] = match

    def set_exact(self, uid: int, before) -> None:
        """Record ``uid`` as an exact repeat of the first ``before`` units of
        its list of copies (``copies[uid]``, which only grows by appending),
        or of the copies in ``before``, a pair ``((first,), copies)``."""
        self._store[uid] = before

    def _made(self, uid: int, value):
        """The match stored as ``value``: itself, or made from the copies."""
        kind = type(value)
        if kind is tuple:
            first, copies = value
        elif kind is int:
            same = self._copies[uid]
            first, copies = (same[0],), tuple(same[:value])
        else:
            return value
        u = self._units[uid]
        su = self._units[first[0]]
        n = self._word_count[uid]
        fw = self._first_word[self._slot[first[0]]]
        # positional (the fields in their order), as keywords cost twice as much:
        # unit, target start/end/words, unit words, source start/end/units/words,
        # source unit words, score, method, source word start/end, exact sources
        return ReuseMatch(
            uid, u.start, u.end, n, n, su.start, su.end, first, n, n,
            1.0, "exact-words", fw, fw + n, copies,
        )

    def __getitem__(self, uid: int) -> ReuseMatch:
        return self._made(uid, self._store[uid])

    def get(self, uid: int, default=None):
        value = self._store.get(uid)
        kind = type(value)  # _made, inlined: read once or twice per unit
        if kind is tuple:
            first, copies = value
        elif kind is int:
            same = self._copies[uid]
            first, copies = (same[0],), tuple(same[:value])
        else:  # a fuzzy match, or nothing
            return default if value is None else value
        u = self._units[uid]
        su = self._units[first[0]]
        n = self._word_count[uid]
        fw = self._first_word[self._slot[first[0]]]
        return ReuseMatch(uid, u.start, u.end, n, n, su.start, su.end, first, n, n, 1.0, "exact-words", fw, fw + n, copies)

    def __contains__(self, uid: object) -> bool:
        return uid in self._store

    def __iter__(self) -> Iterator[int]:
        return iter(self._store)

    def __len__(self) -> int:
        return len(self._store)


@dataclass
class ReuseIndex:
    """Per-unit reuse matches plus the lookup tables that produced them."""

    # build_reuse_index fills a ReuseMatches (exact repeats made when read)
    matches: Mapping = field(default_factory=dict)
    # For a fuzzy match: the match against the *latest* earlier occurrence of
    # its shingles, when that lies in other units than the first occurrence.
    latest: dict[int, ReuseMatch] = field(default_factory=dict)
    word_count: dict[int, int] = field(default_factory=dict)
    # unit -> every unit with the same words, in reading order (the list is
    # shared by all of them and holds at most 16): how often a line is printed
    copies: dict[int, list[int]] = field(default_factory=dict)
    # global position of each indexed unit's first word, by slot (an int array: no int object each)
    _unit_first_word: array = field(default_factory=lambda: array("q"))
    _unit_ids: list[int] = field(default_factory=list)
    _slot: dict[int, int] = field(default_factory=dict)
    # Words and offsets of recently used source units: a paragraph quoted many
    # times is read once, not once per quote (bounded, so memory stays flat).
    # Offsets are flat (start, end, start, end, ...) int arrays: 16 bytes a word,
    # where a list of tuples took about 120.
    _source_cache: dict[int, tuple[list[str], array]] = field(default_factory=dict)
    # Which header governs each unit (set by the quote detector; the
    # deduplicator reads the same one).
    owners: Optional["HeaderOwners"] = None
    # shingle hash -> global word position of its first occurrence (the quote
    # detector looks up further passages of a paragraph here)
    first_seen: dict[int, int] = field(default_factory=dict)
    # stock() per shared copies list (and word count): every unit of a list
    # gets the same answer, and a line printed 10,000 times is asked 10,000 times.
    _stock: dict[tuple[int, int], bool] = field(default_factory=dict)
    # first copy -> the shingle hashes of its words, for a text printed at
    # least twice (made at its first repeat, 8 bytes a shingle): every later
    # copy has them at the same offsets (see repeat_shingles)
    _repeat_shingles: dict[int, array] = field(default_factory=dict)

    def repeat_shingles(self, unit: int) -> Optional[array]:
        """The shingle hashes of ``unit``'s words when the text is printed
        more than once and has a shingle (shared: read them, do not change
        them), else ``None``."""
        same = self.copies.get(unit)
        return None if same is None else self._repeat_shingles.get(same[0])

    def source_words(self, doc: Document, unit: int) -> tuple[list[str], list[tuple[int, int]]]:
        """Matching words and their offsets for an indexed ``unit`` (the words
        list is shared with a cache: read it, do not change it)."""
        found, flat = self.source_words_flat(doc, unit)
        return found, list(zip(flat[0::2], flat[1::2]))

    def source_words_flat(self, doc: Document, unit: int) -> tuple[list[str], array]:
        """:meth:`source_words` with the offsets flat, as cached: word ``i``
        spans ``offsets[2 * i]`` to ``offsets[2 * i + 1]``. Both are shared
        with the cache: read them, do not change them."""
        hit = self._source_cache.get(unit)
        if hit is None:
            u = doc.units[unit]
            hit = (words(doc.text, u.start, u.end), _flat_offsets(doc.text, u.start, u.end))
            if len(self._source_cache) >= 256:
                self._source_cache.pop(next(iter(self._source_cache)))
            self._source_cache[unit] = hit
        return hit

    def printed(self, unit: int) -> int:
        """How many times the unit's words are printed in the dump (at most 16)."""
        return len(self.copies.get(unit, ())) or 1

    def stock(self, unit: int) -> bool:
        """A stock line: the same (at most twelve) words printed at least three
        times, each time after different text (``Sent from my phone`` under several comments).
        A recaptured paragraph is printed after the same text as its original,
        so a quote plus two captures of its source is no stock line."""
        same = self.copies.get(unit, ())
        if len(same) < 3 or self.word_count.get(unit, 0) > 12:
            return False  # a stock line is short; a paragraph printed thrice was quoted
        key = (id(same), self.word_count.get(unit, 0))
        hit = self._stock.get(key)
        if hit is None:
            before = {id(self.copies[u - 1]) if u - 1 in self.copies else -u for u in same}
            hit = self._stock[key] = len(before) >= 3
        return hit

    def first_word_of(self, unit: int) -> int:
        """Global position of the first word of an indexed ``unit``."""
        return self._unit_first_word[self._slot[unit]]

    def unit_at_word(self, position: int) -> int:
        """The unit holding global word ``position``."""
        k = bisect_right(self._unit_first_word, position) - 1
        return self._unit_ids[max(k, 0)]


# --- the normalised matching copy ---------------------------------------------------
#
# Whole-text comparisons ("is this repeat a faithful copy?") run on a copy in
# which typography, quote markers and wrapping no longer differ. Each character
# of the copy remembers the offset of the raw character it came from, so a
# position found in the copy maps back to the raw text, which is never changed.

_CHAR_MAP = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    "\u2026": "...",
    "\u00ad": "",  # soft hyphen
    "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",  # zero-width
}
# a quote prefix at the start of a line: up to three spaces, then ">" runs
_LINE_PREFIX = re.compile(r"[ \t]{0,3}(?:>[ \t]?)+")
_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def normalise(text: str, start: int = 0, end: Optional[int] = None) -> tuple[str, list[int]]:
    """The matching copy of ``text[start:end]`` and, per character of the copy,
    the offset in ``text`` of the raw character it came from.

    Curly quotes become straight, every dash (``—``, ``–``, ``−``, ``--``)
    one ``-`` with no space around it, ``…`` three dots; ``>`` quote prefixes
    at line starts are dropped; every run of whitespace (NBSP, hair spaces,
    tabs, line breaks: re-wrapping) becomes one space; zero-width characters
    go. The raw text is not touched.
    """
    end = len(text) if end is None else end
    out: list[str] = []
    offs: list[int] = []
    i = start
    line_start = True
    pending_space = -1  # offset of a whitespace run not yet written
    while i < end:
        if line_start:
            m = _LINE_PREFIX.match(text, i, end)
            if m is not None and ">" in m.group():
                if pending_space < 0:
                    pending_space = i
                i = m.end()
            line_start = False
            continue
        ch = text[i]
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            if ch in _BREAKS:
                line_start = True
            i += 1
            continue
        ch = _CHAR_MAP.get(ch, ch)
        if ch == "-":
            pending_space = -1  # no space before a dash
            if not out or out[-1] != "-":  # "--" and "—" are one dash
                out.append("-")
                offs.append(i)
            i += 1
            # no space after it either
            while i < end and text[i].isspace() and text[i] not in _BREAKS:
                i += 1
            continue
        if not ch:
            i += 1
            continue
        if pending_space >= 0:
            if out:
                out.append(" ")
                offs.append(pending_space)
            pending_space = -1
        for c in ch:
            out.append(c)
            offs.append(i)
        i += 1
    return "".join(out), offs


def same_normalised(text: str, a0: int, a1: int, b0: int, b1: int) -> bool:
    """Whether ``text[a0:a1]`` and ``text[b0:b1]`` are the same after :func:`normalise`."""
    if abs((a1 - a0) - (b1 - b0)) > 0.25 * max(a1 - a0, b1 - b0) + 16:
        return False  # cheap: the copies cannot be equal
    return _normalised_string(text, a0, a1) == _normalised_string(text, b0, b1)


def words_settle_normalised(text: str, a0: int, a1: int, b0: int, b1: int) -> bool:
    """Whether different words (:func:`~threadparse.text.words`) of the two
    spans already mean :func:`same_normalised` is false. :func:`normalise`
    keeps every ``\\w`` character in order and maps, collapses or drops only
    others, and nothing it writes between two words is removed; only a
    dropped character (soft hyphen, zero-width) can join two words. So unless
    one of the spans holds such a character, equal copies have equal words.
    (True too when the lengths alone rule equal copies out, as in
    :func:`same_normalised`, before either span is read.)"""
    if abs((a1 - a0) - (b1 - b0)) > 0.25 * max(a1 - a0, b1 - b0) + 16:
        return True
    return _DROPPED.search(text, a0, a1) is None and _DROPPED.search(text, b0, b1) is None


# Characters normalise() does more with than collapse whitespace around them.
_NOT_PLAIN = re.compile("[>\\-" + "".join(sorted(_CHAR_MAP)) + "]")


def _normalised_string(text: str, start: int, end: int) -> str:
    """``normalise(text, start, end)[0]``. Text without ``>``, dashes or mapped
    characters only has its whitespace runs collapsed (str.split splits on
    str.isspace, as normalise does), without the per-character loop."""
    if _NOT_PLAIN.search(text, start, end) is None:
        return " ".join(text[start:end].split())
    if _DROPPED.search(text, start, end) is not None:
        return normalise(text, start, end)[0]  # a dropped character may part a dash from a space
    # Quote prefixes at line starts count as whitespace; then map characters.
    s = _PREFIX_AT_LINE_START.sub(" ", text[start:end]).translate(_TRANSLATE)
    out: list[str] = []
    last_dash = False  # the copy so far ends with "-"
    parts = _WS_SPLIT.split(s)  # chunk, whitespace, chunk, ...
    for k in range(0, len(parts), 2):
        chunk = parts[k]
        if not chunk:
            continue
        if "--" in chunk:
            chunk = _DASHES.sub("-", chunk)
        if out:
            if chunk[0] == "-":  # no space before a dash; "- -" is one dash
                if last_dash:
                    chunk = chunk[1:]
                    if not chunk:
                        continue
            elif not last_dash or any(c in _BREAKS for c in parts[k - 1]):
                out.append(" ")  # after a dash, only a line break keeps a space
        out.append(chunk)
        last_dash = chunk[-1] == "-"
    return "".join(out)


_DROPPED = re.compile("[" + "".join(sorted(c for c, v in _CHAR_MAP.items() if not v)) + "]")
_TRANSLATE = str.maketrans(_CHAR_MAP)
_PREFIX_AT_LINE_START = re.compile(r"(?:\A|(?<=[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]))[ \t]{0,3}(?:>[ \t]?)+")
_WS_SPLIT = re.compile(r"(\s+)")
_DASHES = re.compile(r"-{2,}")


# --- which header governs a unit, and which headers are one comment ------------------

def _header_key(text: str) -> tuple[str, ...]:
    """A header's letters without digits: ages and scores change in a recapture,
    glued to the name or not (``Lumak12d305``), and typography does not count."""
    return tuple(k for k in (_DIGITS.sub("", w) for w in words(text)) if k)


_DIGITS = re.compile(r"\d+")


class HeaderOwners:
    """Which header governs each text unit, and which headers are the same comment.

    A comment is identified by its parsed header (``unit.header``): the author,
    case-folded and with spaces collapsed, and the absolute ``posted_at`` where
    the dialect found one (two headers of the same author match unless both
    print an absolute date and the dates differ). Relative ages, scores and the
    rest of the header text are ignored: they drift between captures. A header
    without an author falls back to its letters (:func:`_header_key`).

    Text under a header repeats earlier text *as a capture* only when the
    source sits under a header of the same comment (or, for a source before
    any header, when the unit's header was printed before); otherwise it is
    somebody quoting. A header with the field ``trailer`` governs the text
    before it (Stack Exchange comments).
    """

    def __init__(self, doc: Document) -> None:
        self.owner: dict[int, int] = {}
        self.identity: dict[int, tuple] = {}
        self.seen_before: dict[int, bool] = {}  # header -> its comment was printed earlier
        self.trailer: dict[int, bool] = {}
        seen: dict[tuple, set] = {}
        pending: list[int] = []
        last: Optional[int] = None
        for u in doc.units:
            if u.kind == "header":
                ident = _identity(doc, u.index)
                self.identity[u.index] = ident
                dates = seen.get(ident[:2])
                self.seen_before[u.index] = dates is not None and (
                    ident[2] is None or None in dates or ident[2] in dates
                )
                seen.setdefault(ident[:2], set()).add(ident[2])
                self.trailer[u.index] = bool((u.header or {}).get("trailer"))
                if (u.header or {}).get("trailer"):
                    for t in pending:
                        self.owner[t] = u.index
                else:
                    if last is not None:
                        for t in pending:
                            self.owner[t] = last
                    last = u.index
                pending = []
            elif u.kind == "text":
                pending.append(u.index)
        if last is not None:
            for t in pending:
                self.owner[t] = last

    def same_region(self, uid: int, src: int) -> bool:
        """``uid`` and ``src`` sit under the same header: one comment."""
        hu = self.owner.get(uid)
        return hu is not None and self.owner.get(src) == hu

    def keyed(self, uid: int, src: int) -> bool:
        """The unit and its source sit under headers of the same comment."""
        hu, hs = self.owner.get(uid), self.owner.get(src)
        return hu is not None and hs is not None and hu != hs and _same_comment(self.identity[hu], self.identity[hs])

    def allowed(self, uid: int, options: tuple[int, ...]) -> tuple[int, ...]:
        """The source units among ``options`` that ``uid`` may be a recapture of."""
        owner = self.owner.get
        hu = owner(uid)
        if hu is None:
            return options  # no header governs it: text alone decides
        identity = self.identity
        kind, key, date = identity[hu]  # _same_comment against it, inlined (asked per copy of every repeat)
        before = self.seen_before[hu]
        # A trailer header that was missed leaves its text to the next
        # trailer (one-line Stack Exchange comments): there, a trailer
        # printed before is all the header can tell.
        trailing = self.trailer[hu] and before
        out = []
        for src in options:
            hs = owner(src)
            if hs is None:
                if before:
                    out.append(src)  # a source before any header: the old rule
            elif hs != hu:
                other = identity[hs]
                if trailing or (other[1] == key and other[0] == kind and (date is None or other[2] is None or other[2] == date)):
                    out.append(src)
        return tuple(out)


def _identity(doc: Document, h: int) -> tuple:
    u = doc.units[h]
    fields = u.header or {}
    author = fields.get("author")
    if isinstance(author, str) and author.strip():
        return ("author", " ".join(author.casefold().split()), fields.get("posted_at"))
    return ("text", _header_key(doc.text[u.start : u.end]), None)


def _same_comment(a: tuple, b: tuple) -> bool:
    return a[:2] == b[:2] and (a[2] is None or b[2] is None or a[2] == b[2])



def shingle_hashes(w: list[str], k: int):
    """The hash of each run of ``k`` consecutive words of ``w``, in order
    (an iterator; nothing when ``w`` is shorter than ``k``): the reuse index's
    shingles, as every stage that looks a unit up in it must compute them."""
    return map(hash, zip(*(w[i:] for i in range(k))))


def build_reuse_index(doc: Document, units: list[int]) -> ReuseIndex:
    """Index ``units`` (indices into ``doc.units``, in reading order) for reuse."""
    cfg = doc.config
    k = cfg.shingle_size
    text = doc.text
    index = ReuseIndex()
    index.matches = matches = ReuseMatches(
        doc.units, index.word_count, index._slot, index._unit_first_word, index.copies
    )
    first_seen = index.first_seen
    last_seen: dict[int, int] = {}  # shingle -> where it occurred last, before this unit
    exact_by_hash: dict[int, list[int]] = {}
    full_copies: dict[int, tuple[tuple[int], tuple[int, ...]]] = {}  # hash -> ((first,), its 16 copies)
    all_units = doc.units
    pos = 0
    for uid in units:
        u = all_units[uid]
        w = words(text, u.start, u.end)
        n = len(w)
        index.word_count[uid] = n
        if n == 0:
            continue
        slot = len(index._unit_ids)
        if slot < len(all_units) and all_units[slot].index == slot:
            slot = all_units[slot].index  # the same number, an int object the units already hold
        index._slot[uid] = slot
        index._unit_first_word.append(pos)
        index._unit_ids.append(uid)
        key = hash(tuple(w))
        earlier = exact_by_hash.get(key)
        if earlier is not None:
            src = earlier[0]
            if len(earlier) < 16:
                matches.set_exact(uid, len(earlier))  # made when read: ReuseMatches
            else:  # (the list is full: every later repeat shares one pair)
                full = full_copies.get(key)
                if full is None:
                    full = full_copies[key] = ((src,), tuple(earlier))
                matches.set_exact(uid, full)
            if len(earlier) < 16:
                earlier.append(uid)
            index.copies[uid] = earlier
            if n >= k:
                # the same words as the first copy: the same shingles, hashed once per text
                hashes = index._repeat_shingles.get(src)
                if hashes is None:
                    hashes = index._repeat_shingles[src] = array("q", shingle_hashes(w, k))
                last_seen.update(zip(hashes, range(pos, pos + n - k + 1)))
            pos += n
            continue
        exact_by_hash[key] = index.copies[uid] = [uid]
        if n >= k:
            shingles = list(shingle_hashes(w, k))
            # one int object per position, held by both tables (a shingle
            # printed once has the same first and last position)
            at = list(range(pos, pos + len(shingles)))
            sources = list(map(first_seen.setdefault, shingles, at))
            if min(sources) < pos:
                hits = [(i, s) for i, s in enumerate(sources) if s < pos]
                match = _confirm(doc, index, uid, w, pos, hits)
                if match is not None:
                    index.matches[uid] = match
                    # The same passage's latest earlier occurrence, when it lies
                    # in other units: a quote of a quote may come from there.
                    late = [(i, last_seen[h]) for i, h in enumerate(shingles) if h in last_seen]
                    if late and late != hits and _chain_units(index, late, cfg) != match.source_units:
                        alt = _confirm(doc, index, uid, w, pos, late)
                        if alt is not None and alt.source_units != match.source_units:
                            index.latest[uid] = alt
            last_seen.update(zip(shingles, at))
        pos += n
    # The latest-occurrence table is as large as the first-occurrence one
    # and is read here only: its pages go back to the system before the
    # quote detector's own allocations (see pipeline.release_free_memory).
    del last_seen, exact_by_hash, full_copies
    _release_free_memory(len(text))
    return index


def _release_free_memory(chars: int) -> None:
    """The pipeline's ``release_free_memory()``, for a text as long as it
    gives memory back for (``TRIM_FROM_CHARS``)."""
    from . import pipeline  # noqa: PLC0415  (pipeline imports this module)

    if chars >= pipeline.TRIM_FROM_CHARS:
        pipeline.release_free_memory()


def _chain_units(index: ReuseIndex, hits: list[tuple[int, int]], cfg) -> tuple[int, ...]:
    """The source units :func:`_confirm` would report for ``hits`` (the units
    its best chain spans): when they are the match's own, the confirmation of
    the latest occurrence is skipped, as its result would be dropped."""
    _, j0, _, j1, _ = _best_chain(hits, cfg.max_gap_words)
    lo = index.unit_at_word(j0)
    hi = index.unit_at_word(j1 + cfg.shingle_size - 1)
    return tuple(_units_between(index, lo, hi))


def _best_chain(hits: list[tuple[int, int]], gap: int) -> tuple[int, int, int, int, int]:
    """Chain shingle hits along near-diagonals; return (i0, j0, i1, j1, hits) of the best."""
    i0, j0 = hits[0]
    i1, j1 = hits[-1]
    n = len(hits)
    if gap >= 0 and i1 - i0 == j1 - j0 == n - 1 and hits == list(zip(range(i0, i1 + 1), range(j0, j1 + 1))):
        # One unbroken diagonal (a passage copied without edits): every hit
        # extends the one chain, so _chain_hits would return this.
        return i0, j0, i1, j1, n
    return _chain_hits(hits, gap)


def _chain_hits(hits: list[tuple[int, int]], gap: int) -> tuple[int, int, int, int, int]:
    """:func:`_best_chain` without its shortcut: each hit extends the most
    recently opened active chain it continues (both steps in ``1..gap+1``, differing by at most
    ``gap``), or opens a chain; the chain with most hits wins, the earliest on a tie."""
    chains: list[list[int]] = []  # [i0, j0, i_last, j_last, count]
    active: list[list[int]] = []
    for i, j in hits:
        placed = False
        for ch in reversed(active):
            di, dj = i - ch[2], j - ch[3]
            if 0 < di <= gap + 1 and 0 < dj <= gap + 1 and abs(di - dj) <= gap:
                ch[2], ch[3] = i, j
                ch[4] += 1
                placed = True
                break
        if not placed:
            ch = [i, j, i, j, 1]
            chains.append(ch)
            active.append(ch)
        if len(active) > 2 * gap + 4:
            active = [c for c in active if i - c[2] <= gap + 1]
    best = max(chains, key=lambda c: (c[4], -(c[0])))
    return best[0], best[1], best[2], best[3], best[4]


def _confirm(doc, index, uid, w, pos, hits) -> Optional[ReuseMatch]:
    cfg = doc.config
    k = cfg.shingle_size
    text = doc.text
    n = len(w)
    i0, j0, i1, j1, count = _best_chain(hits, cfg.max_gap_words)
    # word ranges [t0, t1) in the unit and [s0, s1) globally
    t0, t1 = i0, min(n, i1 + k)
    s0, s1 = j0, j1 + k  # global word positions
    core_words = (t0, t1, s0, s1)
    src_lo = index.unit_at_word(s0)
    src_hi = index.unit_at_word(s1 - 1)
    # Map the uncovered edges of the target onto the source when the source has
    # words there too: an edited first or last word should not cut the quote.
    lo_first = index.first_word_of(src_lo)
    hi_first = index.first_word_of(src_hi)
    hi_count = index.word_count[src_hi]
    grow_left = min(t0, s0 - lo_first)
    grow_right = min(n - t1, hi_first + hi_count - s1)
    t0 -= grow_left
    s0 -= grow_left
    t1 += grow_right
    s1 += grow_right

    u = doc.units[uid]
    t_offs = word_offsets(text, u.start, u.end)  # (start, end) pairs; the source's are flat
    src_units = _units_between(index, src_lo, src_hi)
    if len(src_units) == 1:  # the cached lists themselves, not copies
        src_unit_words = index.word_count[src_lo]
        src_words, src_offsets = index.source_words_flat(doc, src_lo)
    else:
        src_words = []
        src_offsets = array("q")
        src_unit_words = 0
        for su_id in src_units:
            src_unit_words += index.word_count[su_id]
            unit_words, unit_offsets = index.source_words_flat(doc, su_id)
            src_words.extend(unit_words)
            src_offsets.extend(unit_offsets)
    a = s0 - lo_first
    b = s1 - lo_first
    if not (0 <= a < b <= len(src_offsets) // 2) or len(t_offs) != n:
        return None
    target_string = " ".join(w[t0:t1])
    source_string = " ".join(src_words[a:b])
    if len(target_string) + len(source_string) <= 2 * cfg.max_fuzzy_chars:
        score = Indel.normalized_similarity(target_string, source_string)
        method = "shingles+rapidfuzz"
    else:
        score = min(1.0, count / max(1, (t1 - t0) - k + 1))
        method = "shingles"
    t_start, t_end = t_offs[t0][0], t_offs[t1 - 1][1]
    s_start, s_end = src_offsets[2 * a], src_offsets[2 * b - 1]
    # Carry punctuation into the source span only where the reusing text has it
    # too: "...the time," quoted as "...the time" should not take the comma.
    first_su, last_su = doc.units[src_units[0]], doc.units[src_units[-1]]
    wt_start, wt_end = widen_to_punct(text, t_start, t_end, u.start, u.end)
    ws_start, ws_end = widen_to_punct(text, s_start, s_end, first_su.start, last_su.end)
    s_start = s_start - min(s_start - ws_start, t_start - wt_start)
    s_end = s_end + min(ws_end - s_end, wt_end - t_end)
    t_start, t_end = wt_start, wt_end
    core = _core_span(text, u, t_offs, src_offsets, core_words, lo_first, first_su, last_su)
    return ReuseMatch(
        core=core,
        unit=uid, target_start=t_start, target_end=t_end, target_words=t1 - t0,
        unit_words=n, source_start=s_start, source_end=s_end,
        source_units=tuple(src_units), source_words=b - a,
        source_unit_words=src_unit_words, score=round(score, 4), method=method,
        source_word_start=s0, source_word_end=s1,
    )


def _core_span(text, u, t_offs, src_offsets, core_words, lo_first, first_su, last_su):
    """Character spans of the chain before edge growing, with punctuation
    carried over as for the grown span."""
    t0, t1, s0, s1 = core_words
    a, b = s0 - lo_first, s1 - lo_first
    if not (0 <= t0 < t1 <= len(t_offs) and 0 <= a < b <= len(src_offsets) // 2):
        return None
    t_start, t_end = t_offs[t0][0], t_offs[t1 - 1][1]
    s_start, s_end = src_offsets[2 * a], src_offsets[2 * b - 1]  # flat, see _flat_offsets
    wt_start, wt_end = widen_to_punct(text, t_start, t_end, u.start, u.end)
    ws_start, ws_end = widen_to_punct(text, s_start, s_end, first_su.start, last_su.end)
    s_start -= min(s_start - ws_start, t_start - wt_start)
    s_end += min(ws_end - s_end, wt_end - t_end)
    return wt_start, wt_end, s_start, s_end


def _flat_offsets(text: str, start: int, end: int) -> array:
    """:func:`~threadparse.text.word_offsets` flattened into one int array
    (start, end, start, end, ...): no tuple and no int object per word."""
    return array("q", chain.from_iterable(map(_SPAN, WORD_RE.finditer(text, start, end))))


_SPAN = re.Match.span


def _units_between(index: ReuseIndex, lo: int, hi: int) -> list[int]:
    return index._unit_ids[index._slot[lo] : index._slot[hi] + 1]
