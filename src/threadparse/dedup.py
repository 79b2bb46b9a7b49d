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
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import Document, DuplicateRun
from .reuse import ReuseMatch
from .text import words

_ELLIPSIS = ("...", "…", "…", "[...]")


@dataclass
class _Step:
    unit: int
    source: int  # source unit
    start: int  # source word positions
    end: int
    score: float
    exact: bool
    whole: bool  # covers (nearly) all of its source unit


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
        runs = self._runs(doc, content)
        position = {uid: k for k, uid in enumerate(content)}
        for run in runs:
            if self._is_duplicate(doc, run, content, position):
                doc.duplicates.append(
                    DuplicateRun(
                        units=[s.unit for s in run],
                        sources=[s.source for s in run],
                        scores=[s.score for s in run],
                        exact=[s.exact for s in run],
                    )
                )
        self._previews(doc, content)
        doc.duplicates.sort(key=lambda r: r.units[0])
        # Point every duplicate at an original, never at another repeat (a third
        # capture may match the second). Previews point forward and stay as they are.
        for run in doc.duplicates:
            for k, (uid, src) in enumerate(zip(run.units, run.sources)):
                src = doc.duplicate_of.get(src, src)
                run.sources[k] = src
                doc.duplicate_of[uid] = src

    def _step(self, doc: Document, uid: int, m: ReuseMatch, prev: "_Step | None") -> "_Step":
        """Pick the source occurrence that continues the previous step in order."""
        reuse = doc.reuse
        options = m.exact_sources or (m.source_unit,)
        chosen = options[0]
        start, end = m.source_word_start, m.source_word_end
        if m.exact_sources:
            if prev is not None:
                for opt in options:
                    if reuse.first_word_of(opt) >= prev.end:
                        chosen = opt
                        break
            start = reuse.first_word_of(chosen)
            end = start + m.unit_words
        text = doc.text
        su, tu = doc.units[chosen], doc.units[uid]
        exact = " ".join(text[su.start : su.end].split()) == " ".join(text[tu.start : tu.end].split())
        whole = m.source_coverage >= doc.config.duplicate_coverage
        return _Step(uid, chosen, start, end, m.score, exact, whole)

    def _runs(self, doc: Document, content: list[int]) -> list[list[_Step]]:
        cfg = doc.config
        matches = doc.reuse.matches
        runs: list[list[_Step]] = []
        current: list[_Step] = []
        for uid in content:
            m = matches.get(uid)
            if m is None or m.target_coverage < cfg.duplicate_coverage or m.score < cfg.score_cutoff:
                if current:
                    runs.append(current)
                    current = []
                continue
            prev = current[-1] if current else None
            step = self._step(doc, uid, m, prev)
            slack = cfg.shingle_size
            if prev is not None and step.start >= prev.end - slack and step.start > prev.start:
                current.append(step)
            else:
                if current:
                    runs.append(current)
                current = [step]
        if current:
            runs.append(current)
        return runs

    def _is_duplicate(self, doc, run: list[_Step], content, position) -> bool:
        cfg = doc.config
        first, last = run[0], run[-1]
        if any(doc.units[s.unit].marker != "none" for s in run) and not all(s.exact for s in run):
            return False
        whole = all(s.whole for s in run) or _covers_sources(doc, run, cfg.duplicate_coverage)
        if not whole:
            return False
        if len(run) >= 3:
            return True
        if any(s.unit in doc.quotes and doc.quotes[s.unit].marker != "none" for s in run):
            return False  # introduced by `name:` or marked: a quote, however it ends
        if len(run) == 1 and doc.reuse.word_count.get(first.unit, 0) < cfg.min_quote_words:
            return False  # "Thanks!" said twice is two people being polite
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

    def _previews(self, doc: Document, content: list[int]) -> None:
        """A truncated preview directly followed by its full text."""
        text = doc.text
        taken = {u for r in doc.duplicates for u in r.units}
        for a, b in zip(content, content[1:]):
            if a in taken or b in taken:
                continue
            ua, ub = doc.units[a], doc.units[b]
            head = text[max(ua.start, ua.end - 8) : ua.end].rstrip()
            if not head.endswith(_ELLIPSIS):
                continue
            wa = words(text, ua.start, ua.end)
            if len(wa) < 4:
                continue
            wb = words(text, ub.start, min(ub.end, ub.start + 4 * (ua.end - ua.start) + 64))
            full = wa[:-1]  # the last word may be cut mid-word
            if wb[: len(full)] == full and len(wb) > len(full):
                doc.duplicates.append(DuplicateRun([a], [b], [1.0], [False]))
                taken.add(a)


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


def _has_header_between(doc: Document, a: int, b: int) -> bool:
    return any(doc.units[i].kind == "header" for i in range(a + 1, b))
