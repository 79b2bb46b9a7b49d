"""Score a parsed :class:`~threadparse.models.Thread` against a gold record.

The gold format (``"schema": "threadparse-gold/1"``, documented in
``docs/accuracy.md``) lists, for one dump, each comment's id, parent, speaker
name and the character spans of its header, its own text and each quote (with
the quote's source comment), plus the duplicate and chrome spans.
:mod:`threadparse.testing` renders real threads into dumps with such records.

Metrics (all character counts ignore whitespace):

- ``segmentation``: pairwise F1 of "same comment" over gold text units (each
  prose or quote span of a gold comment is a unit), and ``comments_exact``,
  the share of gold comments whose units form exactly one predicted comment;
- ``quotes``: character F1 of quote vs not quote; text of gold quotes whose
  source is not in the dump counts neither way; ``quote_sources``: of the
  predicted quotes that overlap a sourced gold quote, the share whose source
  is the right comment (predicted comments mapped to gold one to one, so a
  segmentation error costs here too); ``quote_source_spans``: the share whose
  source *span* lies in the right gold comment's text, whatever the
  segmentation;
- ``duplicates`` and ``chrome``: character F1;
- ``reply_to``: share of gold comments whose parent is right, after matching
  predicted to gold comments one to one by shared characters (a gold comment
  whose parent is not in the dump is right when predicted top-level);
- ``parent_precision``: of the parent links the parser asserts (on matched
  comments), the share that name the right comment; a link where the gold
  record says the parent is unknown (``parent_status: "unknown"``, as in
  hand-annotated flat pages) or outside the dump counts as wrong;
  ``parent_recall``: of the gold comments whose parent is in the dump, the
  share linked to it;
- ``speakers``: share of gold comments with a known author whose matched
  predicted comment names that author (case-insensitive);
  ``speaker_precision``: of the names the parser gives matched comments, the
  share that are right (a name where the gold author is unknown is wrong);
- ``dialect``: whether the detected dialect is the one the style implies.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from tabulate import tabulate

from .models import Thread

GOLD_SCHEMA = "threadparse-gold/1"

# Which dialect each renderer style should be detected as.
STYLE_DIALECT = {
    "stripped": "plain",
    "lesswrong-copy": "lesswrong",
    "lesswrong-markdown": "lesswrong",
    "reddit-old": "reddit",
    "hackernews": "hackernews",
    "discourse": "discourse",
    "mail": "mail",
    "greaterwrong": "greaterwrong",
    "stackexchange": "stackexchange",
    "substack": "substack",
    "reddit-new": "reddit",
    "lesswrong-lynx": "lesswrong",
}
HEADER_STYLES = frozenset(STYLE_DIALECT) - {"stripped"}

METRICS = (
    "segmentation", "comments_exact", "quotes", "quote_sources", "quote_source_spans",
    "duplicates", "chrome", "reply_to", "parent_precision", "parent_recall",
    "speakers", "speaker_precision", "dialect",
)

_NONSPACE = re.compile(r"\S+")

# The keys every gold record must have (docs/accuracy.md).
_GOLD_KEYS = ("comments", "duplicates", "chrome")


class GoldError(ValueError):
    """A gold record or corpus folder that cannot be used; the message is one line."""


def check_gold(gold: Any, name: str = "gold record") -> dict:
    """Return ``gold`` if it is a ``threadparse-gold/1`` record, else raise :class:`GoldError`."""
    if not isinstance(gold, dict):
        raise GoldError(
            f"{name} holds a JSON {type(gold).__name__}, not a gold record "
            f"(an object with \"schema\": \"{GOLD_SCHEMA}\")"
        )
    if gold.get("schema") != GOLD_SCHEMA:
        raise GoldError(f"{name}: gold record schema is {gold.get('schema')!r}, expected {GOLD_SCHEMA!r}")
    missing = [k for k in _GOLD_KEYS if not isinstance(gold.get(k), list)]
    if missing:
        raise GoldError(f"{name}: gold record has no list {', '.join(repr(k) for k in missing)}")
    return gold


def load_gold(path: "str | Path") -> dict:
    """Read and check a ``NAME.gold.json`` file; :class:`GoldError` says what is wrong."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"cannot read gold file {path}: {getattr(exc, 'strerror', None) or exc}") from None
    if not raw.strip():
        raise GoldError(f"gold file {path} is empty")
    try:
        gold = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GoldError(f"gold file {path} is not valid JSON ({exc.msg} at line {exc.lineno})") from None
    return check_gold(gold, f"gold file {path}")


@dataclass
class Ratio:
    """``hits`` out of ``total`` (micro-averaged when pooled)."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> Optional[float]:
        return self.hits / self.total if self.total else None

    def __iadd__(self, other: "Ratio") -> "Ratio":
        self.hits += other.hits
        self.total += other.total
        return self


@dataclass
class F1:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> Optional[float]:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> Optional[float]:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def value(self) -> Optional[float]:
        if self.tp + self.fp + self.fn == 0:
            return None  # nothing to find and nothing found: not scored
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def __iadd__(self, other: "F1") -> "F1":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self


@dataclass
class Score:
    """The metrics of one dump (or, summed, of many)."""

    segmentation: F1 = field(default_factory=F1)
    comments_exact: Ratio = field(default_factory=Ratio)
    quotes: F1 = field(default_factory=F1)
    quote_sources: Ratio = field(default_factory=Ratio)
    quote_source_spans: Ratio = field(default_factory=Ratio)
    duplicates: F1 = field(default_factory=F1)
    chrome: F1 = field(default_factory=F1)
    reply_to: Ratio = field(default_factory=Ratio)
    parent_precision: Ratio = field(default_factory=Ratio)
    parent_recall: Ratio = field(default_factory=Ratio)
    speakers: Ratio = field(default_factory=Ratio)
    speaker_precision: Ratio = field(default_factory=Ratio)
    dialect: Ratio = field(default_factory=Ratio)
    # Parent-link precision split by the method that found the link: how far
    # each kind of evidence can be trusted (docs/format.md).
    parent_by_method: dict[str, Ratio] = field(default_factory=dict)

    def __iadd__(self, other: "Score") -> "Score":
        for name in METRICS:
            part = getattr(self, name)
            part += getattr(other, name)
        for method, ratio in other.parent_by_method.items():
            mine = self.parent_by_method.setdefault(method, Ratio())
            mine += ratio
        return self

    def values(self) -> dict[str, Optional[float]]:
        return {name: getattr(self, name).value for name in METRICS}

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in METRICS:
            part = getattr(self, name)
            if isinstance(part, F1):
                out[name] = {"f1": part.value, "precision": part.precision, "recall": part.recall,
                             "tp": part.tp, "fp": part.fp, "fn": part.fn}
            else:
                out[name] = {"value": part.value, "hits": part.hits, "total": part.total}
        return out


class _Chars:
    """Sets of character positions as big-integer bitmaps (one byte a char)."""

    def __init__(self, text: str) -> None:
        self.n = len(text)
        self.nonspace = self.of(m.span() for m in _NONSPACE.finditer(text))

    def of(self, spans: Iterable[tuple[int, int]]) -> int:
        buf = bytearray(self.n)
        for a, b in spans:
            a, b = max(0, a), min(self.n, b)
            if b > a:
                buf[a:b] = b"\x01" * (b - a)
        return int.from_bytes(buf, "little")

    def f1(self, gold: int, pred: int, ignore: int = 0) -> F1:
        keep = self.nonspace & ~ignore
        g, p = gold & keep, pred & keep
        both = (g & p).bit_count()
        return F1(tp=both, fp=p.bit_count() - both, fn=g.bit_count() - both)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


class _Locator:
    """Find predicted comments/blocks overlapping a span, in O(log n)."""

    def __init__(self, items: list[tuple[int, int, Any]]) -> None:
        self.items = sorted(items, key=lambda x: x[0])
        self.starts = [x[0] for x in self.items]
        self.max_len = max((b - a for a, b, _ in self.items), default=0)

    def overlapping(self, a: int, b: int) -> list[tuple[int, Any]]:
        lo = bisect_left(self.starts, a - self.max_len)
        hi = bisect_left(self.starts, b)
        return [(_overlap((s, e), (a, b)), v) for s, e, v in self.items[lo:hi] if _overlap((s, e), (a, b)) > 0]


def score(thread: Thread, gold: dict, text: Optional[str] = None) -> Score:
    """Compare ``thread`` to a gold record; ``text`` (the dump) sharpens character
    metrics to non-whitespace characters, and is required for them."""
    check_gold(gold)
    if text is None:
        raise ValueError("score() needs the dump text to count characters; pass text=...")
    if len(text) != gold.get("length", len(text)) or len(text) != thread.length:
        raise GoldError("the text, the gold record and the thread disagree on the dump's length")
    chars = _Chars(text)
    out = Score()

    # --- character metrics -------------------------------------------------
    gold_quotes_sourced = [tuple(q["span"]) for c in gold["comments"] for q in c["quotes"] if q.get("source")]
    gold_quotes_unsourced = [tuple(q["span"]) for c in gold["comments"] for q in c["quotes"] if not q.get("source")]
    pred_quotes = [(b.span.start, b.span.end) for c in thread.comments for b in c.blocks if b.kind == "quote"]
    out.quotes = chars.f1(chars.of(gold_quotes_sourced), chars.of(pred_quotes), chars.of(gold_quotes_unsourced))
    out.duplicates = chars.f1(
        chars.of(tuple(d["span"]) for d in gold["duplicates"]),
        chars.of((d.span.start, d.span.end) for d in thread.duplicates),
    )
    out.chrome = chars.f1(
        chars.of(tuple(c["span"]) for c in gold["chrome"]),
        chars.of((c.span.start, c.span.end) for c in thread.chrome),
    )

    # --- segmentation: gold units -> predicted comments ----------------------
    blocks = _Locator(
        [(b.span.start, b.span.end, k) for k, c in enumerate(thread.comments) for b in c.blocks]
    )
    gold_ids = [c["id"] for c in gold["comments"]]
    overlap: dict[tuple[int, int], int] = {}  # (gold comment, predicted comment) -> chars
    cells: dict[tuple[int, Optional[int]], int] = {}
    gold_sizes: dict[int, int] = {}
    pred_sizes: dict[int, int] = {}
    units_of_gold: dict[int, set] = {}
    for g, c in enumerate(gold["comments"]):
        spans = [tuple(s) for s in c["prose"]] + [tuple(q["span"]) for q in c["quotes"]]
        for a, b in spans:
            hits: dict[int, int] = {}
            for ov, k in blocks.overlapping(a, b):
                hits[k] = hits.get(k, 0) + ov
                overlap[(g, k)] = overlap.get((g, k), 0) + ov
            pred = max(hits, key=lambda k: (hits[k], -k)) if hits else None
            units_of_gold.setdefault(g, set()).add(pred)
            gold_sizes[g] = gold_sizes.get(g, 0) + 1
            cells[(g, pred)] = cells.get((g, pred), 0) + 1
            if pred is not None:
                pred_sizes[pred] = pred_sizes.get(pred, 0) + 1

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    both = sum(pairs(n) for (g, p), n in cells.items() if p is not None)
    gold_pairs = sum(pairs(n) for n in gold_sizes.values())
    pred_pairs = sum(pairs(n) for n in pred_sizes.values())
    out.segmentation = F1(tp=both, fp=pred_pairs - both, fn=gold_pairs - both)
    pred_gold_count: dict[int, int] = {}
    for (g, p), n in cells.items():
        if p is not None:
            pred_gold_count[p] = pred_gold_count.get(p, 0) + 1  # gold comments touching p
    for g, preds in units_of_gold.items():
        (p,) = preds if len(preds) == 1 else (None,)
        exact = p is not None and pred_gold_count.get(p) == 1 and cells[(g, p)] == pred_sizes[p]
        out.comments_exact += Ratio(int(exact), 1)

    # --- one-to-one matching by shared characters -----------------------------
    match: dict[int, int] = {}
    taken: set[int] = set()
    for (g, k), _ in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])):
        if g not in match and k not in taken:
            match[g] = k
            taken.add(k)
    pred_to_gold = {f"c{k + 1}": gold_ids[g] for g, k in match.items()}

    # --- quote sources -----------------------------------------------------------
    gold_quote_loc = _Locator(
        [(q["span"][0], q["span"][1], q["source"]) for c in gold["comments"] for q in c["quotes"] if q.get("source")]
    )
    gold_text_loc = _Locator(
        [(a, b, c["id"]) for c in gold["comments"]
         for a, b in [tuple(s) for s in c["prose"]] + [tuple(q["span"]) for q in c["quotes"]]]
    )
    for c in thread.comments:
        for b in c.blocks:
            if b.kind != "quote":
                continue
            hits = gold_quote_loc.overlapping(b.span.start, b.span.end)
            if not hits:
                continue
            _, gold_source = max(hits, key=lambda h: h[0])
            got = pred_to_gold.get(b.source.comment_id) if b.source else None
            out.quote_sources += Ratio(int(got == gold_source), 1)
            owners = gold_text_loc.overlapping(b.source.span.start, b.source.span.end) if b.source else []
            owner = max(owners, key=lambda h: h[0])[1] if owners else None
            out.quote_source_spans += Ratio(int(owner == gold_source), 1)

    # --- reply-to and speakers ------------------------------------------------
    present = set(gold_ids)
    for g, c in enumerate(gold["comments"]):
        if not c["prose"] and not c["quotes"]:
            continue  # nothing of this comment is in the dump to be found
        k = match.get(g)
        pc = thread.comments[k] if k is not None else None
        gold_parent = c.get("parent") if c.get("parent") in present else None
        if pc is None:
            right = False
        elif gold_parent is None:
            right = pc.parent_id is None
        else:
            right = pc.parent_id is not None and pred_to_gold.get(pc.parent_id) == gold_parent
        out.reply_to += Ratio(int(right), 1)
        known_parent = gold_parent is not None and c.get("parent_status", "known") in ("known", "reply")
        if pc is not None and pc.parent_id is not None:
            linked_right = known_parent and pred_to_gold.get(pc.parent_id) == gold_parent
            out.parent_precision += Ratio(int(linked_right), 1)
            method = pc.parent_evidence.method if pc.parent_evidence else "none"
            ratio = out.parent_by_method.setdefault(method, Ratio())
            ratio += Ratio(int(linked_right), 1)
        if known_parent:
            out.parent_recall += Ratio(int(right), 1)
        name = pc.speaker.name if pc is not None else None
        gold_name = (c.get("speaker") or "").strip().casefold()
        ok = name is not None and name.strip().casefold() == gold_name
        if gold_name:
            out.speakers += Ratio(int(ok), 1)
        if name is not None:
            out.speaker_precision += Ratio(int(ok and bool(gold_name)), 1)

    expected = STYLE_DIALECT.get(gold.get("style", ""))
    if expected is not None:
        out.dialect = Ratio(int(thread.dialect.name == expected), 1)
    return out


# --- baselines -------------------------------------------------------------------

def baseline_lines(text: str, *, dedup: bool = False) -> Thread:
    """Every non-blank line its own comment replying to the previous one;
    with ``dedup``, a line identical to an earlier one is an exact duplicate."""
    from .models import Comment, DialectInfo, Duplicate, Evidence, ProseBlock, Span, Speaker

    comments: list = []
    duplicates: list = []
    seen: dict[str, str] = {}
    for m in re.finditer(r"[^\n\r]+", text):
        a, b = m.span()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a == b:
            continue
        line = text[a:b]
        if dedup and line in seen:
            duplicates.append(Duplicate(span=Span(start=a, end=b), of=seen[line], kind="exact", score=1.0, method="line"))
            continue
        cid = f"c{len(comments) + 1}"
        seen.setdefault(line, cid)
        comments.append(
            Comment(
                id=cid,
                parent_id=comments[-1].id if comments else None,
                parent_evidence=Evidence(method="order", score=0.0) if comments else None,
                speaker=Speaker(id=f"s{len(comments) + 1}"),
                speaker_evidence=Evidence(method="unknown", score=0.0),
                span=Span(start=a, end=b),
                blocks=(ProseBlock(span=Span(start=a, end=b), text=line),),
            )
        )
    return Thread(
        dialect=DialectInfo(name="baseline", score=0.0), length=len(text),
        comments=tuple(comments), duplicates=tuple(duplicates),
    )


BASELINES: dict[str, Callable[[str], Thread]] = {
    "every line a comment": lambda t: baseline_lines(t),
    "every line + exact-line dedup": lambda t: baseline_lines(t, dedup=True),
}


# --- tables ----------------------------------------------------------------------

def _table_rows(rows: dict[str, Score]) -> list[list]:
    return [[label, *(sc.values()[c] for c in METRICS)] for label, sc in rows.items()]


def format_table(rows: dict[str, Score], title: str = "") -> str:
    """A plain-text table: one row per label, one column per metric
    (laid out by ``tabulate``; a dash where a metric had nothing to score)."""
    table = tabulate(_table_rows(rows), headers=["", *METRICS], tablefmt="plain",
                     floatfmt=".3f", missingval="—")
    return f"{title}\n{table}" if title else table


def format_markdown(rows: dict[str, Score]) -> str:
    """The same table as Markdown (GitHub pipe tables)."""
    return tabulate(_table_rows(rows), headers=["", *METRICS], tablefmt="github",
                    floatfmt=".3f", missingval="—")


# --- a fixed, seeded evaluation sample ---------------------------------------------

ARTIFACT_SETS: tuple[tuple[str, ...], ...] = (
    (),
    ("recapture",),
    ("pagination",),
    ("parent-context",),
    ("recapture", "typography"),
    ("recapture", "rewrap"),
    ("preview",),
    ("pagination", "preview"),
)


@dataclass
class Case:
    """One rendered dump of the evaluation sample."""

    name: str
    text: str
    gold: dict


def sample(corpus_dir, *, n: int = 60, seed: int = 0, max_comments: int = 40) -> list[Case]:
    """Render a fixed sample of ``n`` dumps from the real-thread corpus.

    Every (style, source) pair appears (7 x 5 = 35 when ``n >= 35``), artifact
    sets rotate through :data:`ARTIFACT_SETS`, and each dump shows a window of
    at most ``max_comments`` consecutive comments of one thread. The same
    arguments always give the same dumps.
    """
    import random

    from . import testing

    if not Path(corpus_dir).is_dir():
        raise GoldError(f"corpus folder {corpus_dir} does not exist")
    try:
        threads = testing.load_corpus(corpus_dir)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GoldError(f"cannot read the corpus in {corpus_dir}: {type(exc).__name__}: {exc}") from None
    by_source: dict[str, list[str]] = {}
    for tid, comments in threads.items():
        if len(comments) >= 2:
            by_source.setdefault(comments[0].source, []).append(tid)
    if not by_source:
        raise GoldError(f"{corpus_dir} holds no threads of two or more comments (<source>.jsonl files)")
    sources = sorted(by_source)
    styles = list(testing.STYLES)
    rng = random.Random(seed)
    combos = [(st, so) for so in sources for st in styles]
    rng.shuffle(combos)
    while len(combos) < n:
        combos.append((styles[len(combos) % len(styles)], rng.choice(sources)))
    cases = []
    for i, (style, source) in enumerate(combos[:n]):
        tid = rng.choice(sorted(by_source[source]))
        comments = threads[tid]
        size = min(len(comments), max_comments)
        start = rng.randrange(0, len(comments) - size + 1)
        artifacts = ARTIFACT_SETS[i % len(ARTIFACT_SETS)]
        dump = testing.render(
            comments, style=style, artifacts=artifacts, seed=seed * 1000 + i, window=(start, start + size)
        )
        label = "+".join(artifacts) or "none"
        cases.append(Case(f"{i:02d}-{style}-{source}-{label}", dump.text, dump.gold))
    return cases


@dataclass
class Report:
    """Pooled scores per style (``"all"``, ``"with headers"`` too) per system."""

    systems: dict[str, dict[str, Score]]
    per_case: dict[str, dict[str, Score]]

    def table(self, system: str = "threadparse") -> str:
        return format_table(self.systems[system], title=f"{system}:")

    def as_dict(self) -> dict[str, Any]:
        return {
            "systems": {s: {k: v.as_dict() for k, v in rows.items()} for s, rows in self.systems.items()},
            "cases": {s: {k: v.as_dict() for k, v in rows.items()} for s, rows in self.per_case.items()},
        }


def run(
    cases: list[Case],
    *,
    parser: Optional[Callable[[str], Thread]] = None,
    baselines: bool = True,
    progress: Optional[Callable[[int, int], None]] = None,
) -> Report:
    """Parse and score every case; pool micro-averaged scores per style."""
    from . import parse

    systems: dict[str, Callable[[str], Thread]] = {"threadparse": parser or parse}
    if baselines:
        systems.update(BASELINES)
    pooled: dict[str, dict[str, Score]] = {s: {} for s in systems}
    per_case: dict[str, dict[str, Score]] = {s: {} for s in systems}
    for done, case in enumerate(cases):
        style = case.gold.get("style", "unknown")
        groups = [style, "all"] + (["with headers"] if style in HEADER_STYLES else [])
        for system, fn in systems.items():
            sc = score(fn(case.text), case.gold, case.text)
            per_case[system][case.name] = sc
            for g in groups:
                pooled[system].setdefault(g, Score())
                pooled[system][g] += sc
        if progress is not None:
            progress(done + 1, len(cases))
    order = list(STYLE_DIALECT) + ["with headers", "all"]
    for system in systems:
        pooled[system] = {k: pooled[system][k] for k in order if k in pooled[system]} | {
            k: v for k, v in pooled[system].items() if k not in order
        }
    return Report(pooled, per_case)
