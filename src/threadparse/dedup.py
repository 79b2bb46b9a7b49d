"""Stage 3, the fuzzy deduplicator: repeated stretches that are not quotes.

Reads ``units``, ``cues``, ``quotes`` and the shared ``reuse`` index (it builds
no index of its own). Adds ``duplicates`` (runs of units) and ``duplicate_of``.

A *repeat* is a unit whose words come, nearly all, from earlier text. What
separates a duplicate from a quote is context (FORMATS.md, "Why paragraphs
repeat"):

- a run of repeats whose sources advance in the original order (gaps allowed:
  a second capture may have lost its quotes) is a duplicate capture, when it
  reproduces whole source paragraphs and is not merely a short run of quotes
  followed by new text;
- a single repeat followed by new text in the same comment is a quote; one
  followed by the end of the dump, a comment header or another duplicate is a
  duplicate (a one-paragraph comment captured twice);
- a truncated preview (ending ``...`` or ``…``) whose words open the next unit
  is a duplicate of that unit.

In a dump with headers, a unit repeats earlier text *as a capture* only when
its source sits under a header of the same comment (``HeaderOwners``: the
parsed author, and the absolute date where one is printed; relative ages and
scores drift between captures and are ignored). Runs break where the
governing header changes, and a run whose every step is so keyed is a
duplicate even when the second capture lost the quotes inside a one-line
comment. Each step records how it was confirmed (``LinkedRun.methods``:
``exact``, ``normalised``, ``continuation`` or the reuse method, prefixed
``header-key+`` when keyed; ``header-key+earlier-print`` when the unit was
found in an earlier print of its own comment, see :class:`_EarlierPrints`). A short stock line printed three or more times
after different text (``Sent from my phone``, a share link) is no duplicate
and opens no run, and quotes whose source lies in a second capture are
pointed at the original.

Repeats that are no capture (docs/pipeline.md, "Repeats that are no
capture"): a run above the first header (page furniture); a run inside a
comment that holds more new words than repeated ones (a recapture reproduces
a body, so this is a self-quote, a signature, a re-posted snippet); a run
right under a first-printed ``On …, X wrote:`` line, or right after a stock
separator line, that new text follows (a quote).
"""

from __future__ import annotations

from bisect import bisect_right
from array import array
from dataclasses import dataclass, field

from .document import Document, DuplicateRun
from .reuse import (
    HeaderOwners, ReuseMatch, _header_key, _same_comment, same_normalised, shingle_hashes, words_settle_normalised,
)
from .text import word_offsets, words

_ELLIPSIS = ("...", "…", "…", "[...]")


@dataclass(slots=True)
class _Step:
    unit: int
    source: int  # source unit
    start: int  # source word positions
    end: int
    score: float
    exact: bool
    whole: bool  # covers (nearly) all of its source unit
    method: str = ""


@dataclass
class LinkedRun(DuplicateRun):
    """A duplicate run that also records, per unit, how the repeat was
    confirmed: ``exact`` (same text after collapsing whitespace),
    ``normalised`` (same after typography, quote markers and wrapping are
    normalised, see :func:`threadparse.reuse.normalise`), or the reuse
    index's method (``exact-words``, ``shingles+rapidfuzz``, ``shingles``);
    prefixed ``header-key+`` when the unit and its source sit under headers of
    the same comment (same author, and the same absolute date where one is
    printed), whatever ages and scores drifted. ``header-key+earlier-print``: found in
    an earlier print of the unit's own comment when the index pointed
    elsewhere (:class:`_EarlierPrints`)."""

    methods: list[str] = field(default_factory=list)


_KEYED: dict[str, str] = {}


def _keyed_method(method: str) -> str:
    """``"header-key+" + method``, one string per method (a step records one
    for every repeated unit, and the methods are a handful)."""
    keyed = _KEYED.get(method)
    if keyed is None:
        keyed = "header-key+" + method
        if len(_KEYED) < 64:
            _KEYED[method] = keyed
    return keyed


class Deduplicator:
    """Mark repeated stretches as duplicates, leaving single quoted repeats alone."""

    name = "dedup"
    reads = ("units", "cues", "quotes", "attributions", "reuse")
    writes = ("duplicates", "duplicate_of")

    def __call__(self, doc: Document) -> None:
        if doc.reuse is None:
            raise RuntimeError(
                "the dedup stage needs the reuse index that the quotes stage builds; "
                "keep 'quotes' before 'dedup' in the pipeline"
            )
        content = [
            u.index
            for u in doc.units
            if u.kind == "text" and u.index not in doc.attributions
        ]
        previews = self._previews(doc, content)
        owners = doc.reuse.owners or HeaderOwners(doc)
        runs = self._runs(doc, content, previews, owners)
        position = _positions(content, len(doc.units))
        repeated = previews.union(s.unit for run in runs for s in run)
        fresh = _regions_with_new_text(doc, content, repeated, owners)
        reprinted = _reprinted_attributions(doc)
        first_header = next((u.index for u in doc.units if u.kind == "header"), -1)
        for run in runs:
            region = owners.owner.get(run[0].unit)
            if (
                (region is None and run[-1].unit < first_header)  # page furniture above the comments
                or region in fresh
                or (
                    (_introduced(doc, run, reprinted) or _after_stock(doc, run, content, position, first_header < 0))
                    and _new_text_follows(doc, run, content, position, repeated, first_header < 0)
                )
            ):
                continue  # earlier words inside a comment that says something new: quoted, not recaptured
            whole = _whole_body_under_header(doc, run, content, position)
            if whole is not None and not _short_body_among_repeats(doc, run, content, position, repeated):
                whole = None
            if whole is not None or self._is_duplicate(doc, run, content, position):
                dup = LinkedRun(
                    units=[s.unit for s in run],
                    sources=[s.source for s in run],
                    scores=[s.score for s in run],
                    exact=[s.exact for s in run],
                    methods=[s.method for s in run],
                )
                if whole is not None:
                    _join_attributions(doc, dup, whole)
                doc.duplicates.append(dup)
        _absorb_wordless(doc, content)
        doc.duplicates.sort(key=lambda r: r.units[0])
        # Point every duplicate at an original, never at another repeat (a third
        # capture may match the second). Previews point forward and stay as they are.
        for run in doc.duplicates:
            for k, (uid, src) in enumerate(zip(run.units, run.sources)):
                src = doc.duplicate_of.get(src, src)
                run.sources[k] = src
                doc.duplicate_of[uid] = src
        _sources_to_originals(doc)

    def _step(
        self, doc: Document, uid: int, m: ReuseMatch, prev: "_Step | None", options: tuple[int, ...], keyed: bool
    ) -> "_Step":
        """Pick the source occurrence that continues the previous step in order.

        ``options`` are the source units the header check allows (in reading
        order); ``keyed`` says the unit and its source sit under headers of the
        same comment (same author, same absolute date where printed)."""
        reuse = doc.reuse
        chosen = options[0]
        start, end = m.source_word_start, m.source_word_end
        if m.exact_sources:
            first_word, slot = reuse._unit_first_word, reuse._slot  # reuse.first_word_of, inlined
            # options are in reading order: when the last starts before
            # prev.end, so do all, and the first option stays chosen
            if prev is not None and first_word[slot[options[-1]]] >= prev.end:
                for opt in options:
                    if first_word[slot[opt]] >= prev.end:
                        chosen = opt
                        break
            start = reuse.first_word_of(chosen)
            end = start + m.unit_words
        text = doc.text
        su, tu = doc.units[chosen], doc.units[uid]
        a, b = text[su.start : su.end], text[tu.start : tu.end]
        exact = a == b or " ".join(a.split()) == " ".join(b.split())  # the same text needs no collapsing
        method = "exact" if exact else m.method
        # A fuzzy match's unit and source have different words (equal words
        # would have made it an exact-words repeat), which settles it unless
        # a dropped character could join words (words_settle_normalised).
        if not exact and (
            m.exact_sources or not words_settle_normalised(text, su.start, su.end, tu.start, tu.end)
        ) and same_normalised(text, su.start, su.end, tu.start, tu.end):
            exact, method = True, "normalised"
        if keyed:
            method = _keyed_method(method)
        whole = m.source_coverage >= doc.config.duplicate_coverage
        return _Step(uid, chosen, start, end, m.score, exact, whole, method)

    def _runs(self, doc: Document, content: list[int], previews: set[int], owners: HeaderOwners) -> list[list[_Step]]:
        cfg = doc.config
        matches = doc.reuse.matches
        word_count, latest, owner = doc.reuse.word_count, doc.reuse.latest, owners.owner
        runs: list[list[_Step]] = []
        current: list[_Step] = []
        earlier = _EarlierPrints(doc, owners, content)
        labels = _labels(doc)
        for uid in content:
            if not word_count.get(uid, 0) or uid in labels:
                continue  # a lone "+" or "}" neither extends nor breaks a run (see _absorb_wordless)
            m = matches.get(uid)
            if m is not None and m.source_unit in previews and uid in latest:
                m = latest[uid]  # the words' first print is a preview: match the full text
            allowed = ()
            found = None
            if (
                m is None
                or m.target_coverage < cfg.duplicate_coverage
                or m.score < cfg.score_cutoff
                or uid in previews  # already a preview of what follows
                or m.source_unit in previews  # the full text after its own preview
                or not (allowed := owners.allowed(uid, m.exact_sources or (m.source_unit,)))
            ):
                # A re-wrapped capture leaves short tails ("understand it.")
                # too short to match on their own: one that continues the
                # run's source word for word joins the run (whatever else the
                # index found for it: "feminine." may stand alone elsewhere).
                step = self._continuation(doc, uid, current[-1], owners) if current else None
                if step is not None:
                    current.append(step)
                    continue
                # The index found the words elsewhere, or too little of them
                # (a recaptured quote's words stand first in the quoted
                # comment; a re-wrapped line is part of a longer passage):
                # the same passage in an earlier print of this comment makes
                # it a capture.
                if m is not None and not allowed and uid not in previews and m.source_unit not in previews:
                    found = earlier.step(uid)
                if found is None:
                    # not a repeat; or, under a header, its source is no earlier
                    # capture of the same comment: somebody quoting
                    if current:
                        runs.append(current)
                        current = []
                    continue
            prev = current[-1] if current else None
            if found is not None:
                step = found
            else:
                keyed = owners.keyed(uid, allowed[0])
                if not current and not keyed and doc.reuse.stock(uid):
                    # a stock line (a share link, a sign-off, a patch's "+}")
                    # printed after many texts opens no capture (inside one, it
                    # is part of the copied body)
                    continue
                step = self._step(doc, uid, m, prev, allowed, keyed)
            slack = cfg.shingle_size
            same_comment = prev is None or owner.get(prev.unit) == owner.get(uid)
            if prev is not None and same_comment and step.start >= prev.end - slack and step.start > prev.start:
                current.append(step)
            else:
                if current:
                    runs.append(current)
                current = [step]
        if current:
            runs.append(current)
        return runs

    def _continuation(self, doc: Document, uid: int, prev: "_Step", owners: HeaderOwners) -> "_Step | None":
        """A step for a unit whose words are exactly the source words right
        after ``prev``'s source (method ``continuation``), else ``None``."""
        reuse = doc.reuse
        n = reuse.word_count.get(uid, 0)
        if not 0 < n < 2 * doc.config.shingle_size or uid in doc.quotes:
            return None
        src = reuse.unit_at_word(prev.end)
        offset = prev.end - reuse.first_word_of(src)
        src_words, _ = reuse.source_words_flat(doc, src)  # the words only
        if offset < 0 or src_words[offset : offset + n] != words(doc.text, doc.units[uid].start, doc.units[uid].end):
            return None
        if not owners.allowed(uid, (src,)):
            return None
        method = _keyed_method("continuation") if prev.method.startswith("header-key+") else "continuation"
        return _Step(uid, src, prev.end, prev.end + n, 1.0, False, False, method)

    def _is_duplicate(self, doc, run: list[_Step], content, position) -> bool:
        cfg = doc.config
        first, last = run[0], run[-1]
        # Under headers of the same comment, a second capture that lost the
        # quotes inside a one-line comment still repeats that comment.
        keyed = all(s.method.startswith("header-key+") for s in run)
        marked = [s for s in run if doc.units[s.unit].marker != "none"]
        if marked and not all(s.exact for s in (marked if keyed else run)):
            # a marked quote repeated: only a faithful copy (after normalising
            # typography and wrapping) is a second capture. Under headers of
            # the same comment, the marked units must be faithful; the prose
            # around them may have drifted further (a recapture re-wraps it)
            return False
        whole = all(s.whole for s in run) or _covers_sources(doc, run, cfg.duplicate_coverage)
        if not (whole or keyed):
            return False
        if len(run) >= 3:
            return True
        if any(s.unit in doc.quotes and doc.quotes[s.unit].marker != "none" for s in run):
            return False  # introduced by `name:` or marked: a quote, however it ends
        if len(run) == 1 and doc.reuse.word_count.get(first.unit, 0) < cfg.min_quote_words:
            return False  # "Thanks!" said twice is two people being polite
        if len(run) == 1 and doc.reuse.stock(first.unit):
            return False  # a stock line ("Sent from my phone") under several comments
        # Short runs: a duplicate only if nothing new follows in the same comment.
        k = position[last.unit] + 1
        if k >= len(content):
            return True
        nxt = content[k]
        if doc.cue_strength(nxt) >= 0.5 or _has_header_between(doc, last.unit, nxt):
            return True
        nm = doc.reuse.matches.get(nxt)
        if nm is not None and nm.target_coverage >= cfg.duplicate_coverage:
            return True  # another repeat follows: part of a longer, broken capture
        if len(run) == 1 and first.unit in doc.quotes:
            return False
        return len(run) >= 2 and all(s.unit not in doc.quotes for s in run)

    def _previews(self, doc: Document, content: list[int]) -> set[int]:
        """A truncated preview directly followed by its full text; returns the previews.

        The full text may run over several units (a preview collapses lines,
        ``name:`` attribution lines included), so the preview's words are
        compared with the words of the text units that follow it, up to the
        next header.
        """
        text, units = doc.text, doc.units
        taken: set[int] = set()
        is_content = set(content)
        for a in content:
            ua = units[a]
            head = text[max(ua.start, ua.end - 8) : ua.end].rstrip()
            if not head.endswith(_ELLIPSIS):
                continue
            wa = words(text, ua.start, ua.end)
            if len(wa) < 4:
                continue
            full = wa[:-1]  # the last word may be cut mid-word
            following: list[str] = []
            target = None
            j = a + 1
            while j < len(units) and len(following) <= len(full) and units[j].kind != "header":
                u = units[j]
                if u.kind == "text":
                    if target is None and j in is_content:
                        target = j
                    following.extend(words(text, u.start, min(u.end, u.start + 8 * (ua.end - ua.start) + 64)))
                j += 1
            if target is not None and following[: len(full)] == full and len(following) > len(full):
                doc.duplicates.append(DuplicateRun([a], [target], [1.0], [False]))
                taken.add(a)
        return taken


def _is_new(doc: Document, uid: int, repeated: set[int]) -> bool:
    """A unit that says something of its own: words that repeat no earlier
    text (whoever printed it), enough of them to be evidence (a signed name,
    a stock line such as a share link or ``Sent from my phone`` says nothing)."""
    if uid in repeated or doc.reuse.word_count.get(uid, 0) < doc.config.min_quote_words:
        return False
    m = doc.reuse.matches.get(uid)
    return m is None or m.target_coverage < doc.config.duplicate_coverage or m.score < doc.config.score_cutoff


def _regions_with_new_text(doc: Document, content: list[int], repeated: set[int], owners: HeaderOwners) -> set:
    """Headers whose comment says more that is new than it repeats. A
    recapture reproduces a comment's body (less, at most, its quotes), so the
    repeated units of a comment that is mostly new text are a self-quote, a
    signature or a re-posted snippet, not a second capture. (Mostly, not
    only: a page-closing line the segmenter left as text may follow the
    last recaptured comment.)"""
    wc = doc.reuse.word_count
    balance: dict[int, int] = {}  # header -> new words minus repeated words
    for uid in content:
        h = owners.owner.get(uid)
        if h is None:
            continue
        if uid in repeated:
            balance[h] = balance.get(h, 0) - wc.get(uid, 0)
        elif _is_new(doc, uid, repeated):
            balance[h] = balance.get(h, 0) + wc.get(uid, 0)
    return {h for h, b in balance.items() if b > 0}


def _introduced(doc: Document, run: list["_Step"], reprinted: set[int]) -> bool:
    """The run opens right under an ``On …, Pia wrote:`` line printed for
    the first time (``reprinted`` holds those printed before, with the same
    letters; numbers are left out, as an age printed in the line drifts):
    the attribution introduces a quote. A reprinted one is part of a copy."""
    units = doc.units
    i = run[0].unit - 1
    while i >= 0 and units[i].kind == "chrome" and i not in doc.attributions:
        i -= 1
    if i < 0 or i not in doc.attributions or doc.attributions[i].style != "on-wrote" or i in reprinted:
        return False  # (a bare ``name:`` line is taken for an attribution because a repeat follows)
    # a run across several attribution lines: headers that say "wrote:"
    return not any(k in doc.attributions for k in range(run[0].unit + 1, run[-1].unit))


def _reprinted_attributions(doc: Document, budget: int = 128) -> set[int]:
    """``On … wrote:`` lines printed before in the dump: with the same letters
    (numbers left out, an age in the line drifts) as an earlier attribution,
    or word for word anywhere in the text before them (an earlier copy the
    quote detector did not take for an attribution). At most ``budget``
    text look-ups (each a C-speed ``rfind``), so the work stays linear."""
    seen: set[tuple] = set()
    out: set[int] = set()
    text = doc.text
    for i in sorted(doc.attributions):
        if doc.attributions[i].style != "on-wrote":
            continue
        u = doc.units[i]
        key = _header_key(text[u.start : u.end])
        if key in seen:
            out.add(i)
        elif budget > 0:
            budget -= 1
            if text.rfind(text[u.start : u.end].strip(), 0, u.start) >= 0:
                out.add(i)
        seen.add(key)
    return out


def _positions(content: list[int], units: int) -> array:
    """Per unit id, its position in ``content`` (-1 for a unit not in it): an
    int array, read like the dictionary ``{uid: k for k, uid in
    enumerate(content)}`` for the units of ``content`` (runs hold nothing
    else), 4 bytes a unit instead of a table entry and an int each."""
    code = "i" if max(len(content), units) < 1 << 31 else "q"
    out = array(code, [-1]) * max(units, max(content, default=-1) + 1)
    for k, uid in enumerate(content):
        out[uid] = k
    return out


def _after_stock(doc: Document, run: list["_Step"], content, position, headerless: bool = False) -> bool:
    """The run opens right after a stock line (a share link printed under
    every post): in a dump that parts its comments with such lines, the
    stock line, not blank-line layout, says where a comment starts. In a
    dump with no headers, the segmenter's separator lines (chrome ``ui``
    between the run and the text before it) say so too."""
    k = position[run[0].unit] - 1
    if k >= 0 and doc.reuse.stock(content[k]):
        # (with a header between them the header says where the comment
        # starts: a signature closing the comment above is no separator)
        return not _has_header_between(doc, content[k], run[0].unit)
    if not headerless:
        return False
    return _separator_between(doc, content[k] if k >= 0 else -1, run[0].unit)


def _new_text_follows(
    doc: Document, run: list["_Step"], content, position, repeated: set[int], headerless: bool = False,
) -> bool:
    """New text comes right after the run, with no header between them (in
    a dump with no headers, no separator line either: the text after one
    is the next comment's)."""
    k = position[run[-1].unit] + 1
    if k >= len(content):
        return False
    nxt = content[k]
    return (
        _is_new(doc, nxt, repeated)
        and not _has_header_between(doc, run[-1].unit, nxt)
        and not (headerless and _separator_between(doc, run[-1].unit, nxt))
    )


def _covers_sources(doc: Document, run: list[_Step], share: float) -> bool:
    """Whether the run together reproduces most of the source units it draws on
    (a re-wrapped capture splits one source paragraph over several units)."""
    if len(run) < 2:
        return False
    covered = sum(s.end - s.start for s in run)
    reuse = doc.reuse
    sources = sorted({s.source for s in run})
    total = sum(reuse.word_count.get(u, 0) for u in sources)
    return total > 0 and covered >= share * total


def _sources_to_originals(doc: Document) -> None:
    """A quote whose source text lies in a second capture or a preview is
    pointed at the original (the full text): the same words are looked up in
    the original unit, and the span becomes the whole original unit when they
    are not there. Its method gets the suffix ``+original``."""
    units, text = doc.units, doc.text
    for f in (part for q in doc.quotes.values() for part in q.parts()):
        src = f.source_unit
        if src is None or src not in doc.duplicate_of or f.source_start is None:
            continue
        orig = doc.duplicate_of[src]
        su, ou = units[src], units[orig]
        s_offs = word_offsets(text, su.start, su.end)
        o_offs = word_offsets(text, ou.start, ou.end)
        first = next((k for k, (a, b) in enumerate(s_offs) if b > f.source_start), None)
        last = next((k for k in range(len(s_offs) - 1, -1, -1) if s_offs[k][0] < f.source_end), None)
        start, end = ou.start, ou.end
        if first is not None and last is not None and first <= last < len(o_offs):
            sw = words(text, s_offs[first][0], s_offs[last][1])
            ow = words(text, o_offs[first][0], o_offs[last][1])
            if sw == ow:
                start, end = o_offs[first][0], o_offs[last][1]
        f.source_start, f.source_end, f.source_unit = start, end, orig
        f.method += "+original"


def _skippable(doc: Document, i: int) -> bool:
    """Chrome, attribution lines and text without a word (a lone ``—``)."""
    u = doc.units[i]
    return u.kind == "chrome" or i in doc.attributions or (u.kind == "text" and not doc.reuse.word_count.get(i, 0))


def _whole_body_under_header(doc: Document, run: list["_Step"], content, position):
    """The header index when ``run`` is the whole body under a (repeated) header:
    nothing but chrome or attribution lines between the header and the run,
    inside the run, and nothing of the same comment after it."""
    units = doc.units
    if all(units[s.unit].marker != "none" for s in run) and not all(
        s.exact and s.method.startswith("header-key+") for s in run
    ):
        # nothing but quoted lines: the comment quotes, whatever else it lost;
        # unless each is a faithful copy of the same lines under an earlier
        # print of the same comment (a recaptured comment that only quoted)
        return None
    i = run[0].unit - 1
    while i >= 0 and _skippable(doc, i):
        i -= 1
    if i < 0 or units[i].kind != "header" or (units[i].header or {}).get("trailer"):
        return None
    inside = {s.unit for s in run}
    if any(j not in inside and not _skippable(doc, j) for j in range(i + 1, run[-1].unit + 1)):
        return None
    k = position[run[-1].unit] + 1
    wc = doc.reuse.word_count
    while k < len(content) and not wc.get(content[k], 0) and not _has_header_between(doc, run[-1].unit, content[k]):
        k += 1  # a closing "…" or "—" says nothing of its own
    if k < len(content) and not _has_header_between(doc, run[-1].unit, content[k]):
        return None
    return i


def _short_body_among_repeats(doc: Document, run: list["_Step"], content, position, repeated: set[int]) -> bool:
    """A body of fewer than ``min_quote_words`` words ("Thanks :)") counts as a
    capture only inside a captured stretch: the text before or after it repeats
    too (one author thanking twice is no second capture)."""
    if sum(doc.reuse.word_count.get(s.unit, 0) for s in run) >= doc.config.min_quote_words:
        return True
    wc = doc.reuse.word_count
    k = position[run[0].unit] - 1
    while k >= 0 and not wc.get(content[k], 0):
        k -= 1
    if k >= 0 and content[k] in repeated:
        return True
    k = position[run[-1].unit] + 1
    while k < len(content) and not wc.get(content[k], 0):
        k += 1
    return k < len(content) and content[k] in repeated


def _join_attributions(doc: Document, dup: DuplicateRun, header: int) -> None:
    """``name:`` lines inside a repeated body belong to the repeat, not to chrome."""
    for j in range(header + 1, dup.units[-1]):
        if j in doc.attributions and j not in dup.units:
            at = next(k for k, u in enumerate(dup.units) if u > j)
            dup.units.insert(at, j)
            dup.sources.insert(at, dup.sources[at])
            dup.scores.insert(at, dup.scores[at])
            dup.exact.insert(at, False)
            if isinstance(dup, LinkedRun) and len(dup.methods) == len(dup.units) - 1:
                dup.methods.insert(at, dup.methods[at])


def _labels(doc: Document) -> set[int]:
    """Bare labels quoted with the passage under them (``anonymous45:`` in a
    quote of a quote; the quote stage sources them with that passage, method
    suffix ``+label``): in a run they count as units without words do."""
    return {uid for uid, f in doc.quotes.items() if f.method.endswith("+label")}


def _absorb_wordless(doc: Document, content: list[int]) -> None:
    """Units without a word (a lone dash, a patch's ``+}``), and bare quoted
    labels (:func:`_labels`), between repeated units join the duplicate."""
    labels = _labels(doc)
    counts = doc.reuse.word_count

    def worded(uid: int) -> bool:
        return bool(counts.get(uid, 0)) and uid not in labels

    run_of = {uid: run for run in doc.duplicates for uid in run.units}
    after: dict[int, list[int]] = {}  # repeated unit -> word-less units that follow it
    worded_after: list = [None] * len(content)  # the next unit with words, per position
    nxt = None
    for k in range(len(content) - 1, -1, -1):
        worded_after[k] = nxt
        if worded(content[k]):
            nxt = content[k]
    for k, uid in enumerate(content):
        if uid in run_of or worded(uid) or k == 0:
            continue
        prev = content[k - 1]
        nxt = worded_after[k]
        run = run_of.get(prev)
        if run is None or (nxt is not None and nxt not in run_of and doc.units[nxt].kind == "text"
                           and not _has_header_between(doc, uid, nxt)):
            continue
        after.setdefault(prev, []).append(uid)
        run_of[uid] = run
    if not after:
        return
    # Rebuild each touched run once (inserting one by one was quadratic).
    for run in doc.duplicates:
        if not any(u in after for u in run.units):
            continue
        units, sources, scores, exact = [], [], [], []
        for u, src, sc, ex in zip(run.units, run.sources, run.scores, run.exact):
            units.append(u), sources.append(src), scores.append(sc), exact.append(ex)
            for added in after.get(u, ()):
                units.append(added), sources.append(src), scores.append(sc), exact.append(False)
        run.units, run.sources, run.scores, run.exact = units, sources, scores, exact


def _has_header_between(doc: Document, a: int, b: int) -> bool:
    return any(doc.units[i].kind == "header" for i in range(a + 1, b))


def _separator_between(doc: Document, a: int, b: int) -> bool:
    """A line of page furniture (chrome ``ui``: the separator lines of a dump
    with no headers) between units ``a`` and ``b``."""
    return any(doc.units[i].kind == "chrome" and doc.units[i].chrome_kind == "ui" for i in range(a + 1, b))


# Positions kept per shingle in an author's table of earlier prints: a phrase
# an author repeats in every comment cannot make the lookup quadratic.
_EARLIER_PER_SHINGLE = 16


class _EarlierPrints:
    """Where a recaptured unit's words stand in an earlier print of its own
    comment, when the reuse index points elsewhere.

    The index keeps, per shingle, its first and its latest occurrence. A
    recaptured quote's words occur first in the quoted comment, then in the
    original print of the quoting comment, then perhaps in a recapture of the
    quoted comment: neither end is the print the recapture copies. So, for a
    unit under a header whose comment was printed before, the shingles of the
    text under every header of the same author are indexed once per author,
    lazily (up to 16 global word positions per shingle), and the unit is
    looked up there: the first position under a header of the same comment
    (same author, same absolute date where one is printed) counts. Only units
    that repeat earlier text themselves are indexed (a passage the index
    already finds first in this comment needs no second look). Linear: each
    indexed unit is read once."""

    def __init__(self, doc: Document, owners: HeaderOwners, content: list[int]) -> None:
        self.doc, self.owners = doc, owners
        self._content = content
        self._tables: dict[tuple, list] = {}  # author -> [table, units read so far]
        self._same: dict[tuple, bool] = {}  # (header, comment identity) -> the same comment
        self._units: "dict[tuple, list[int]] | None" = None  # (kind, author) -> repeating units, in order
        # Words read into tables: each unit is read once (one table per
        # author), so this only bounds pathological input.
        self._budget = 2 * sum(doc.reuse.word_count.values())
        # An author's table maps a shingle to its one position (an int) or,
        # once it recurs, to an int array of its positions: no list and int
        # object per position (docs/speed.md, "Memory pass (stop 15)").
        # Positions stay below the word count, so 32-bit ints hold them
        # unless the dump has 2**31 words.
        self._wide = "q" if self._budget >= 2**32 else "i"
        # (last unit that may look author up, author), latest first: an
        # author's table is dropped once the lookups have passed it.
        self._ends: list[tuple[int, tuple]] = []
        # Comments with a repeat of an earlier print of the same comment
        # (header-keyed): from the first of them on, a recapture may be under
        # way. Only there is a unit looked up (a quote before it, in a chat
        # where every speaker talks often, costs nothing).
        cfg, matches, owner = doc.config, doc.reuse.matches, owners.owner
        self._recaptured: set[int] = set()
        for uid in content:
            m = matches.get(uid)
            h = owner.get(uid)
            if (
                m is None or h is None or h in self._recaptured or not owners.seen_before.get(h)
                or m.target_coverage < cfg.duplicate_coverage or m.score < cfg.score_cutoff
            ):
                continue
            allowed = owners.allowed(uid, m.exact_sources or (m.source_unit,))
            if allowed and owners.keyed(uid, allowed[0]):
                self._recaptured.add(h)
        self._first_recaptured = min(self._recaptured, default=len(doc.units))

    def _table(self, key: tuple, upto: int) -> dict[int, list[int]]:
        """Per shingle, the global word positions (ascending, at most
        ``_EARLIER_PER_SHINGLE``) where it occurs in the repeating units under
        the headers of author ``key`` (``(kind, author)``) that come before
        unit ``upto``: one table per author, filled as the lookups advance
        through the dump, each unit hashed once.

        A unit with the same words as one already in the author's table (the
        reuse index's list of copies is shared by the units whose word
        sequences hash alike) has the same shingles at the same offsets: it is
        not hashed again, its first position is kept with that unit's
        (the table's later copies, at most ``_EARLIER_PER_SHINGLE`` per unit) and
        :meth:`_positions` puts its positions back in when a shingle is looked
        up. The table itself then holds the first printed copies only."""
        doc, owners, reuse = self.doc, self.owners, self.doc.reuse
        if self._units is None:
            self._units = {}
            matches = reuse.matches
            for v in self._content:
                h = owners.owner.get(v)
                if h is not None and v in reuse._slot and v in matches:
                    # (words printed here first are found by the index itself)
                    self._units.setdefault(owners.identity[h][:2], []).append(v)
            # step() looks up only such units, in reading order: after an
            # author's last one, its table is never read again.
            self._ends = sorted(((todo[-1], a) for a, todo in self._units.items()), reverse=True)
        ends = self._ends
        while ends and ends[-1][0] < upto:
            self._tables.pop(ends.pop()[1], None)
        entry = self._tables.get(key)
        if entry is None:
            # table, units read, {copies list id: first unit's slot}, {slot: later copies' first positions}
            entry = self._tables[key] = [{}, 0, {}, {}]
        table, done, bases, reps = entry
        todo = self._units.get(key, ())
        if done >= len(todo) or todo[done] >= upto:
            return table
        k = doc.config.shingle_size
        text, units = doc.text, doc.units
        word_count, copies, slot_of, first_word = reuse.word_count, reuse.copies, reuse._slot, reuse._unit_first_word
        cap = _EARLIER_PER_SHINGLE
        wide = self._wide
        while done < len(todo) and todo[done] < upto:
            v = todo[done]
            done += 1
            n = word_count[v]  # len(words(...)) of the unit, as the index counted them
            self._budget -= n
            if self._budget < 0:
                done = len(todo)
                break
            if n < k:
                continue
            slot = slot_of[v]
            same = copies.get(v)
            if same is not None:
                base = bases.setdefault(id(same), slot)
                if base != slot:  # the same words as a unit already read
                    later = reps.setdefault(base, [])
                    if len(later) < cap:
                        later.append(first_word[slot])
                    continue
            hashes = reuse.repeat_shingles(v)
            if hashes is None:
                hashes = shingle_hashes(words(text, units[v].start, units[v].end), k)
            get = table.get
            for s, p in zip(hashes, range(first_word[slot], first_word[slot] + n)):
                at = get(s)
                if at is None:
                    table[s] = p
                elif type(at) is int:
                    table[s] = array(wide, (at, p))
                elif len(at) < cap:
                    at.append(p)
        entry[1] = done
        return table

    def _positions(self, key: tuple, at: list[int]) -> list[int]:
        """The positions of a shingle in author ``key``'s units read so far,
        from its positions ``at`` in the table: those of the later copies of
        the units they fall in added, ascending, the first
        ``_EARLIER_PER_SHINGLE`` kept (as a table that held every copy would
        hold them: a later copy's position follows its first copy's, and a
        first copy's beyond the cap follows ``_EARLIER_PER_SHINGLE`` others)."""
        reps = self._tables[key][3]
        if not reps:
            return at
        first_word = self.doc.reuse._unit_first_word
        out = None
        for j in at:
            slot = bisect_right(first_word, j) - 1
            later = reps.get(slot)
            if later:
                if out is None:
                    out = list(at)
                off = j - first_word[slot]
                out.extend(p + off for p in later)
        if out is None:
            return at
        out.sort()
        del out[_EARLIER_PER_SHINGLE:]
        return out

    def _first_in_comment(self, at: list[int], ident: tuple, here: int) -> "int | None":
        """The first of positions ``at`` before ``here`` under a header of the
        comment ``ident`` (same author, same absolute date where printed)."""
        owners, reuse = self.owners, self.doc.reuse
        same = self._same
        for j in at:
            if j >= here:
                return None
            h = owners.owner.get(reuse.unit_at_word(j))
            if h is None:
                continue
            key = (h, ident)
            ok = same.get(key)
            if ok is None:
                ok = same[key] = _same_comment(owners.identity[h], ident)
            if ok:
                return j
        return None

    def step(self, uid: int) -> "_Step | None":
        """A step for ``uid`` whose source is the same passage in an earlier
        print of its comment (method ``header-key+earlier-print``), else ``None``."""
        doc, owners, reuse = self.doc, self.owners, self.doc.reuse
        cfg = doc.config
        k = cfg.shingle_size
        hu = owners.owner.get(uid)
        if hu is None or not owners.seen_before.get(hu) or uid not in reuse._slot:
            return None
        if hu < self._first_recaptured:
            return None  # no comment printed again so far: no recapture under way
        if reuse.word_count.get(uid, 0) < max(2 * k, cfg.min_quote_words):
            return None  # a shorter line joins a run only as its continuation (a few words match anywhere)
        u = doc.units[uid]
        shingles = reuse.repeat_shingles(uid)  # a text printed before: hashed by the index
        if shingles is None:
            w = words(doc.text, u.start, u.end)
            shingles = shingle_hashes(w, k)
        n = reuse.word_count[uid]  # len(w)
        ident = owners.identity[hu]
        table = self._table(ident[:2], uid)
        here = reuse.first_word_of(uid)
        hits = []
        for i, s in enumerate(shingles):
            at = table.get(s)
            if at is not None:
                j = self._first_in_comment(self._positions(ident[:2], (at,) if type(at) is int else at), ident, here)
                if j is not None:
                    hits.append((i, j))
        if not hits:
            return None
        # The source is the unit most hits fall in; the hits kept are those
        # that advance through it in order. A recapture that lost the quotes
        # of its comment reproduces its source with gaps, so no one chain
        # need span it: what counts is how much of the unit is found, in order.
        votes: dict[int, int] = {}
        unit_of = [reuse.unit_at_word(j) for _, j in hits]
        for v in unit_of:
            votes[v] = votes.get(v, 0) + 1
        src = max(votes, key=lambda v: (votes[v], -v))
        kept: list[tuple[int, int]] = []
        for (i, j), v in zip(hits, unit_of):
            if v == src and (not kept or j > kept[-1][1]):
                kept.append((i, j))
        score = round(len(kept) / (n - k + 1), 4)
        i0, j0, i1, j1 = kept[0][0], kept[0][1], kept[-1][0], kept[-1][1]
        if min(n, i1 + k) - i0 < cfg.duplicate_coverage * n or score < cfg.score_cutoff:
            return None
        if not owners.keyed(uid, src):
            return None  # the passage must lie in another print of the comment
        su = doc.units[src]
        exact = same_normalised(doc.text, su.start, su.end, u.start, u.end)
        whole = (j1 + k - j0) >= cfg.duplicate_coverage * reuse.word_count.get(src, 0)
        return _Step(uid, src, j0, j1 + k, score, exact, whole, "header-key+earlier-print")
