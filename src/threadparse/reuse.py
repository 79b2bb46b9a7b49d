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

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional

from rapidfuzz.distance import Indel

from .document import Document
from .text import word_offsets, words, widen_to_punct


@dataclass
class ReuseMatch:
    """The best earlier passage one unit repeats.

    Target offsets are inside the unit; ``source_start``/``source_end`` are in
    the earlier text; ``source_units`` are the units the passage spans.
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


@dataclass
class ReuseIndex:
    """Per-unit reuse matches plus the lookup tables that produced them."""

    matches: dict[int, ReuseMatch] = field(default_factory=dict)
    word_count: dict[int, int] = field(default_factory=dict)
    _unit_first_word: list[int] = field(default_factory=list)
    _unit_ids: list[int] = field(default_factory=list)
    _slot: dict[int, int] = field(default_factory=dict)
    # Words and offsets of recently used source units: a paragraph quoted many
    # times is read once, not once per quote (bounded, so memory stays flat).
    _source_cache: dict[int, tuple[list[str], list[tuple[int, int]]]] = field(default_factory=dict)

    def source_words(self, doc: Document, unit: int) -> tuple[list[str], list[tuple[int, int]]]:
        """Matching words and their offsets for an indexed ``unit``."""
        hit = self._source_cache.get(unit)
        if hit is None:
            u = doc.units[unit]
            hit = (words(doc.text, u.start, u.end), word_offsets(doc.text, u.start, u.end))
            if len(self._source_cache) >= 256:
                self._source_cache.pop(next(iter(self._source_cache)))
            self._source_cache[unit] = hit
        return hit

    def first_word_of(self, unit: int) -> int:
        """Global position of the first word of an indexed ``unit``."""
        return self._unit_first_word[self._slot[unit]]

    def unit_at_word(self, position: int) -> int:
        """The unit holding global word ``position``."""
        k = bisect_right(self._unit_first_word, position) - 1
        return self._unit_ids[max(k, 0)]


def build_reuse_index(doc: Document, units: list[int]) -> ReuseIndex:
    """Index ``units`` (indices into ``doc.units``, in reading order) for reuse."""
    cfg = doc.config
    k = cfg.shingle_size
    text = doc.text
    index = ReuseIndex()
    first_seen: dict[int, int] = {}
    exact_by_hash: dict[int, list[int]] = {}
    first_word: dict[int, int] = {}
    pos = 0
    for uid in units:
        u = doc.units[uid]
        w = words(text, u.start, u.end)
        n = len(w)
        index.word_count[uid] = n
        if n == 0:
            continue
        index._slot[uid] = len(index._unit_ids)
        index._unit_first_word.append(pos)
        index._unit_ids.append(uid)
        first_word[uid] = pos
        key = hash(tuple(w))
        earlier = exact_by_hash.get(key)
        if earlier is not None:
            src = earlier[0]
            su = doc.units[src]
            index.matches[uid] = ReuseMatch(
                unit=uid, target_start=u.start, target_end=u.end, target_words=n,
                unit_words=n, source_start=su.start, source_end=su.end,
                source_units=(src,), source_words=n, source_unit_words=n,
                score=1.0, method="exact-words", exact_sources=tuple(earlier),
                source_word_start=first_word[src], source_word_end=first_word[src] + n,
            )
            if len(earlier) < 16:
                earlier.append(uid)
            pos += n
            continue
        exact_by_hash[key] = [uid]
        if n >= k:
            shingles = list(map(hash, zip(*(w[i:] for i in range(k)))))
            sources = list(map(first_seen.setdefault, shingles, range(pos, pos + len(shingles))))
            if min(sources) < pos:
                hits = [(i, s) for i, s in enumerate(sources) if s < pos]
                match = _confirm(doc, index, uid, w, pos, hits, first_word)
                if match is not None:
                    index.matches[uid] = match
        pos += n
    return index


def _best_chain(hits: list[tuple[int, int]], gap: int) -> tuple[int, int, int, int, int]:
    """Chain shingle hits along near-diagonals; return (i0, j0, i1, j1, hits) of the best."""
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


def _confirm(doc, index, uid, w, pos, hits, first_word) -> Optional[ReuseMatch]:
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
    lo_first = first_word[src_lo]
    hi_first = first_word[src_hi]
    hi_count = index.word_count[src_hi]
    grow_left = min(t0, s0 - lo_first)
    grow_right = min(n - t1, hi_first + hi_count - s1)
    t0 -= grow_left
    s0 -= grow_left
    t1 += grow_right
    s1 += grow_right

    u = doc.units[uid]
    t_offs = word_offsets(text, u.start, u.end)
    src_words: list[str] = []
    src_offsets: list[tuple[int, int]] = []
    src_units = []
    src_unit_words = 0
    for su_id in _units_between(index, src_lo, src_hi):
        src_units.append(su_id)
        src_unit_words += index.word_count[su_id]
        unit_words, unit_offsets = index.source_words(doc, su_id)
        src_words.extend(unit_words)
        src_offsets.extend(unit_offsets)
    a = s0 - lo_first
    b = s1 - lo_first
    if not (0 <= a < b <= len(src_offsets)) or len(t_offs) != n:
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
    s_start, s_end = src_offsets[a][0], src_offsets[b - 1][1]
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
    if not (0 <= t0 < t1 <= len(t_offs) and 0 <= a < b <= len(src_offsets)):
        return None
    t_start, t_end = t_offs[t0][0], t_offs[t1 - 1][1]
    s_start, s_end = src_offsets[a][0], src_offsets[b - 1][1]
    wt_start, wt_end = widen_to_punct(text, t_start, t_end, u.start, u.end)
    ws_start, ws_end = widen_to_punct(text, s_start, s_end, first_su.start, last_su.end)
    s_start -= min(s_start - ws_start, t_start - wt_start)
    s_end += min(ws_end - s_end, wt_end - t_end)
    return wt_start, wt_end, s_start, s_end


def _units_between(index: ReuseIndex, lo: int, hi: int) -> list[int]:
    return index._unit_ids[index._slot[lo] : index._slot[hi] + 1]
