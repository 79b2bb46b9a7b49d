#!/usr/bin/env python3
"""Print the Markdown tables of docs/accuracy.md (standard and larger sample).

    python bench/accuracy_tables.py [CORPUS_DIR]

Adds two views `threadparse eval` does not print: the seven styles issue #3
named pooled together, and stripped dumps split by layout.
"""

from __future__ import annotations

import sys
from pathlib import Path

from threadparse import evaluate as ev
from threadparse.evaluate import Score, format_markdown

ORIGINAL = ("stripped", "lesswrong-copy", "lesswrong-markdown", "reddit-old", "hackernews", "discourse", "mail")


def section(corpus: Path, n: int, seed: int, baselines: bool) -> list[str]:
    out = []
    cases = ev.sample(corpus, n=n, seed=seed)
    rep = ev.run(cases, baselines=baselines)
    for system, rows in rep.systems.items():
        original = Score()
        for case in cases:
            if case.gold["style"] in ORIGINAL:
                original += rep.per_case[system][case.name]
        rows = {**rows, "7 original styles": original}
        out.append(f"#### {system} — {n} dumps, seed {seed}\n\n{format_markdown(rows)}\n")
    for layout in ("blank", "newline"):
        sub = [c for c in cases if c.gold["style"] == "stripped" and c.gold["options"].get("layout") == layout]
        if sub:
            total = Score()
            for case in sub:
                total += rep.per_case["threadparse"][case.name]
            values = ", ".join(f"{k} {v:.3f}" for k, v in total.values().items() if v is not None)
            out.append(f"stripped, `{layout}` layout ({len(sub)} dumps): {values}\n")
    return out


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    print("\n".join(section(corpus, 60, 0, True) + section(corpus, 240, 7, False)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
