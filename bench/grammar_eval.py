#!/usr/bin/env python3
"""Parse dumps in grammar-drawn styles and report accuracy per style family.

    python bench/grammar_eval.py [--n 120] [--seed 0] [--split held-out|dev|tune|all] [--by-style] [--by-artifacts] [--json]
    python bench/grammar_eval.py --styles 1300-1600 --seed 4 [--per-style 2]   # exploratory styles

Renders ``--n`` windows of the corpus threads with ``threadparse.grammar.sample_grammar``
in styles of the chosen split (``dev``, ``tune``: seeds the team may look at while tuning;
``held-out``: seeds that are only reported; ``all``: both, one table each),
parses them with ``threadparse.parse``, scores them with
``threadparse.evaluate.score`` and pools the counts per style family. Because
styles are drawn per seed, a family's held-out row is leave-one-style-out: it
comes only from sites never used in tuning. ``--by-style`` adds a row per style seed,
``--by-artifacts`` a row per artifact set (``recapture`` copies drift: ages, scores,
typography, wrapping).

Two columns are computed here rather than in ``evaluate.score``:

* ``parent_P``: of the predicted non-null parents on comments matched one to
  one with gold comments, the share naming the gold parent. A gold comment whose
  ``parent_status`` is ``unknown`` (the page does not show its parent) counts
  any predicted parent as wrong.
* ``parent_R``: of the gold comments whose parent the page shows, the share
  whose matched predicted comment names it.
* ``status``: of the matched comments, the share whose ``parent_status``
  (``reply`` / ``top-level`` / ``unknown``) is the gold one (``reply`` / ``top`` / ``unknown``).

The corpus is read from ``../shared/corpus`` beside the repository unless
``--corpus`` says otherwise; its text is third-party writing, used at run time only.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from threadparse import parse
from threadparse.evaluate import Score, score
from threadparse.grammar import FAMILIES, SPLITS, sample_grammar
from threadparse.models import Thread

COLUMNS = ("segmentation", "speakers", "chrome", "quotes", "quote_sources", "duplicates", "reply_to")
"""Metrics of ``evaluate.score`` shown in the table, then ``parent_P``, ``parent_R`` and ``status``."""


@dataclass
class ParentLinks:
    """Counts behind parent precision (``right`` of ``asserted``), recall (``found`` of
    ``shown``) and status accuracy (``status_right`` of ``matched``)."""

    asserted: int = 0
    right: int = 0
    shown: int = 0
    found: int = 0
    matched: int = 0
    status_right: int = 0

    def __iadd__(self, other: "ParentLinks") -> "ParentLinks":
        for name in ("asserted", "right", "shown", "found", "matched", "status_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def precision(self) -> Optional[float]:
        return self.right / self.asserted if self.asserted else None

    @property
    def recall(self) -> Optional[float]:
        return self.found / self.shown if self.shown else None

    @property
    def status(self) -> Optional[float]:
        return self.status_right / self.matched if self.matched else None


STATUS_NAMES = {"reply": "reply", "top-level": "top", "unknown": "unknown"}
"""The parser's ``Comment.parent_status`` values by their gold names."""


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_comments(thread: Thread, gold: dict) -> dict[int, int]:
    """Gold comment index -> predicted comment index, one to one, greedily by shared
    characters of gold prose/quote spans and predicted blocks (as ``evaluate.score`` does)."""
    blocks = [(b.span.start, b.span.end, k) for k, c in enumerate(thread.comments) for b in c.blocks]
    blocks.sort()
    shared: dict[tuple[int, int], int] = {}
    for g, c in enumerate(gold["comments"]):
        for span in [tuple(s) for s in c["prose"]] + [tuple(q["span"]) for q in c["quotes"]]:
            for start, end, k in blocks:
                if start >= span[1]:
                    break
                n = _overlap(span, (start, end))
                if n:
                    shared[(g, k)] = shared.get((g, k), 0) + n
    match: dict[int, int] = {}
    taken: set[int] = set()
    for (g, k), _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
        if g not in match and k not in taken:
            match[g] = k
            taken.add(k)
    return match


def parent_links(thread: Thread, gold: dict) -> ParentLinks:
    """Parent precision and recall counts of one parsed dump against its gold record."""
    match = match_comments(thread, gold)
    gold_comments = gold["comments"]
    to_gold = {thread.comments[k].id: gold_comments[g]["id"] for g, k in match.items()}
    out = ParentLinks()
    for g, c in enumerate(gold_comments):
        k = match.get(g)
        predicted = thread.comments[k].parent_id if k is not None else None
        named = to_gold.get(predicted) if predicted is not None else None
        shown = c.get("parent_status") != "unknown" and c.get("parent") is not None
        if predicted is not None:
            out.asserted += 1
            out.right += int(shown and named == c["parent"])
        if shown:
            out.shown += 1
            out.found += int(named == c["parent"])
        if k is not None:
            out.matched += 1
            out.status_right += int(STATUS_NAMES[thread.comments[k].parent_status] == c.get("parent_status"))
    return out


@dataclass
class Row:
    """Pooled counts of one table row."""

    dumps: int = 0
    score: Score = field(default_factory=Score)
    parents: ParentLinks = field(default_factory=ParentLinks)

    def values(self) -> dict[str, Optional[float]]:
        vals = self.score.values()
        out = {name: vals[name] for name in COLUMNS}
        out["parent_P"] = self.parents.precision
        out["parent_R"] = self.parents.recall
        out["status"] = self.parents.status
        return out


def exploratory_cases(corpus: Path, styles: range, per_style: int, seed: int) -> list:
    """``per_style`` dumps in each style seed of ``styles`` (seeds outside every
    split: styles nobody tuned on or reports as held-out)."""
    return [case for st in styles for case in sample_grammar(corpus, n=per_style, seed=seed, styles=[st])]


def evaluate_split(corpus: Path, split: str, n: int, seed: int, *,
                   by_style: bool = False, by_artifacts: bool = False, cases: Optional[list] = None) -> dict[str, Row]:
    """Rows per family and ``all`` (with ``by_style`` per style seed, with ``by_artifacts``
    per artifact set) for ``n`` dumps in the styles of ``split`` (or for ``cases``)."""
    rows: dict[str, Row] = {family: Row() for family in FAMILIES}
    rows["all"] = Row()
    for case in cases if cases is not None else sample_grammar(corpus, n=n, seed=seed, styles=split):
        thread = parse(case.text)
        sc = score(thread, case.gold, case.text)
        links = parent_links(thread, case.gold)
        family = case.gold["family"]
        keys = [family, "all"] + ([f"  {family} s{case.gold['style_seed']}"] if by_style else [])
        keys += [f"  artifacts: {'+'.join(case.gold['artifacts']) or 'none'}"] if by_artifacts else []
        for key in keys:
            rows.setdefault(key, Row())
            rows[key].dumps += 1
            rows[key].score += sc
            rows[key].parents += links
    def place(key: str) -> tuple[int, int]:
        """Families in FAMILIES order, each followed by its styles by seed; ``all``, then
        the artifact sets, last."""
        if key == "all" or key.startswith("  artifacts"):
            return (len(FAMILIES), int(key != "all"))
        family, _, seed = key.strip().partition(" s")
        return (FAMILIES.index(family), int(seed) + 1 if seed else 0)

    return {k: rows[k] for k in sorted(rows, key=place) if rows[k].dumps}


def format_rows(title: str, rows: dict[str, Row]) -> str:
    cols = list(COLUMNS) + ["parent_P", "parent_R", "status"]
    lines = [title, f"{'family':36}{'dumps':>6}" + "".join(f"{c[:13]:>14}" for c in cols)]
    for label, row in rows.items():
        vals = row.values()
        cells = "".join(f"{'—' if vals[c] is None else f'{vals[c]:.3f}':>14}" for c in cols)
        lines.append(f"{label:36}{row.dumps:>6}{cells}")
    return "\n".join(lines)


def as_json(rows: dict[str, Row]) -> dict[str, Any]:
    out = {}
    for label, row in rows.items():
        p = row.parents
        out[label] = {
            "dumps": row.dumps,
            "values": row.values(),
            "counts": row.score.as_dict(),
            "parents": {"asserted": p.asserted, "right": p.right, "shown": p.shown, "found": p.found,
                        "matched": p.matched, "status_right": p.status_right},
        }
    return out


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=120, help="dumps per split (default 120)")
    ap.add_argument("--seed", type=int, default=0, help="sample seed: threads, windows, artifacts")
    ap.add_argument("--split", choices=("held-out", "dev", "tune", "all"), default="held-out")
    ap.add_argument("--by-style", action="store_true", help="add a row per style seed under its family")
    ap.add_argument("--by-artifacts", action="store_true", help="add a row per artifact set under all")
    ap.add_argument("--json", action="store_true", help="print every count as JSON")
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    ap.add_argument("--styles", metavar="LO-HI",
                    help="exploratory style seeds LO..HI-1 instead of a split (none of them in any split), "
                         "--per-style dumps each; e.g. --styles 1300-1600 --seed 4")
    ap.add_argument("--per-style", type=int, default=2, help="dumps per exploratory style (default 2)")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        ap.error(f"no corpus at {args.corpus}; pass --corpus")
    if args.styles:
        lo, _, hi = args.styles.partition("-")
        if not (lo.isdigit() and hi.isdigit() and int(lo) < int(hi)):
            ap.error(f"--styles takes LO-HI, two numbers with LO < HI, not {args.styles!r}")
        styles = range(int(lo), int(hi))
        taken = sorted({s for seeds in SPLITS.values() for s in seeds} & set(styles))
        if taken:
            ap.error(f"--styles {args.styles} overlaps the dev, tune or held-out style seeds "
                     f"({taken[0]}...{taken[-1]}); pick seeds from 300 up")
        cases = exploratory_cases(args.corpus, styles, args.per_style, args.seed)
        label = f"exploratory {args.styles}"
        results = {label: evaluate_split(args.corpus, label, 0, args.seed, by_style=args.by_style,
                                         by_artifacts=args.by_artifacts, cases=cases)}
        if args.json:
            print(json.dumps({k: as_json(rows) for k, rows in results.items()}, indent=1))
        else:
            print(format_rows(f"exploratory styles {args.styles} — {args.per_style} dumps each, seed {args.seed}:",
                              results[label]))
        return 0
    splits = ("dev", "held-out") if args.split == "all" else (args.split,)
    results = {split: evaluate_split(args.corpus, split, args.n, args.seed,
                                     by_style=args.by_style, by_artifacts=args.by_artifacts)
               for split in splits}
    if args.json:
        print(json.dumps({split: as_json(rows) for split, rows in results.items()}, indent=1))
    else:
        for split, rows in results.items():
            print(format_rows(f"{split} styles — {args.n} dumps, seed {args.seed}:", rows))
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
