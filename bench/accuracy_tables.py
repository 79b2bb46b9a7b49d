#!/usr/bin/env python3
"""Print the Markdown tables of docs/accuracy.md that no other bench script prints.

    python bench/accuracy_tables.py [--only renderer|realpages|methods] [CORPUS_DIR]

Three sections, each a set of Markdown tables:

* ``renderer``: the project renderer's standard sample
  (``threadparse.evaluate.sample(corpus, n=60, seed=0)``, 12 styles) for
  threadparse and both baselines, plus stripped dumps split by layout. This is
  the regression guard of ``tests/test_accuracy.py``, not an accuracy claim.
* ``realpages``: the hand-annotated real pages (``bench/realpages_eval.py``'s
  cases), per family, pooled, and pooled without the chat families (``irc``,
  ``chat``), whose annotators marked parents ``unknown`` unless addressed.
* ``methods``: parent-link precision per method (``Score.parent_by_method``),
  pooled over the standard render sample and the grammar renders of the dev
  and held-out styles (``sample_grammar(corpus, n=120, seed=0)`` each), with
  the real pages alongside; then the sites with no dialect pooled (held-out
  invented-site families, and real-page families no dialect is written for).

The grammar renders take a few minutes on two cores.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from threadparse import evaluate as ev
from threadparse import parse
from threadparse.evaluate import Ratio, Score, format_markdown

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import realpages_eval  # noqa: E402  (a sibling bench script)

CHAT_FAMILIES = ("irc", "chat")
"""Real-page families whose parents the page annotators left ``unknown`` unless addressed."""

REAL_COLUMNS = realpages_eval.COLUMNS + ("reply_to",)

NO_DIALECT_PAGES = ("disqus", "github", "ipb", "phpbb", "vbulletin", "xenforo")
"""Real-page families no dialect module is written for (``eaforum`` is left out: it is
the LessWrong software, though the ``lesswrong`` dialect does not name it; ``slashdot``
and ``smf`` have dialects of their own)."""

INVENTED_FAMILIES = ("forum-single-line", "forum-multi-line", "chat-header", "chat-prefix")
"""Grammar families that are invented sites (``rfc822`` and ``mbox`` are read by the mail dialect)."""

TARGET_COLUMNS = ("segmentation", "speakers", "chrome", "quotes", "quote_sources", "duplicates",
                  "parent_precision", "parent_recall")


def _fmt(v) -> str:
    return "—" if v is None else f"{v:.3f}"


def _markdown(rows: dict[str, Score], columns) -> str:
    out = ["| | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for label, sc in rows.items():
        vals = sc.values()
        out.append(f"| {label} | " + " | ".join(_fmt(vals[c]) for c in columns) + " |")
    return "\n".join(out)


def renderer(corpus: Path) -> tuple[list[str], dict[str, Score]]:
    """The standard sample with both baselines; returns the lines and the per-case scores."""
    cases = ev.sample(corpus, n=60, seed=0)
    rep = ev.run(cases, baselines=True)
    out = []
    for system, rows in rep.systems.items():
        out.append(f"#### {system} — 60 dumps, seed 0\n\n{format_markdown(rows)}\n")
    for layout in ("blank", "newline"):
        sub = [c for c in cases if c.gold["style"] == "stripped" and c.gold["options"].get("layout") == layout]
        if sub:
            total = Score()
            for case in sub:
                total += rep.per_case["threadparse"][case.name]
            values = ", ".join(f"{k} {v:.3f}" for k, v in total.values().items() if v is not None)
            out.append(f"stripped, `{layout}` layout ({len(sub)} dumps): {values}\n")
    return out, rep.per_case["threadparse"]


def realpages() -> tuple[list[str], Score]:
    """Per-family and pooled real-page tables; returns the lines and the pooled score."""
    rows, _ = realpages_eval.evaluate()
    families: dict[str, Score] = {}
    pages: dict[str, int] = {}
    pooled, outside_chat, chat = Score(), Score(), Score()
    for name, (family, sc) in rows.items():
        families.setdefault(family, Score())
        families[family] += sc
        pages[family] = pages.get(family, 0) + 1
        pooled += sc
        if family in CHAT_FAMILIES:
            chat += sc
        else:
            outside_chat += sc
    n_chat = sum(pages.get(f, 0) for f in CHAT_FAMILIES)
    labelled = {f"{f} ({pages[f]})": families[f] for f in sorted(families)}
    labelled[f"all ({len(rows)} pages)"] = pooled
    labelled[f"without irc, chat ({len(rows) - n_chat} pages)"] = outside_chat
    labelled[f"irc, chat only ({n_chat} pages)"] = chat
    out = [f"#### real pages per family (pages in brackets)\n\n{_markdown(labelled, REAL_COLUMNS)}\n"]
    counts = ["| | parent links asserted | right | parent_precision | gold parents shown | found | parent_recall |",
              "|---|---|---|---|---|---|---|"]
    for label in list(labelled)[-3:]:
        sc = labelled[label]
        p, r = sc.parent_precision, sc.parent_recall
        counts.append(f"| {label} | {p.total} | {p.hits} | {_fmt(p.value)} | {r.total} | {r.hits} | {_fmt(r.value)} |")
    out.append("#### real-page parent links, counts\n\n" + "\n".join(counts) + "\n")
    return out, pooled


def grammar_scores(corpus: Path, split: str) -> tuple[Score, Score]:
    """All 120 dumps of ``split`` pooled, and the invented-site families alone."""
    from threadparse.grammar import sample_grammar

    total, invented = Score(), Score()
    for case in sample_grammar(corpus, n=120, seed=0, styles=split):
        sc = ev.score(parse(case.text), case.gold, case.text)
        total += sc
        if case.gold["family"] in INVENTED_FAMILIES:
            invented += sc
    return total, invented


def no_dialect(invented: Score) -> list[str]:
    """Sites with no dialect: held-out invented sites and the real pages of such families."""
    rows, _ = realpages_eval.evaluate()
    pages = Score()
    n = 0
    for name, (family, sc) in rows.items():
        if family in NO_DIALECT_PAGES:
            pages += sc
            n += 1
    table = {"grammar held-out, invented sites (80 dumps)": invented,
             f"real pages, families without a dialect ({n} pages)": pages}
    return [f"#### sites with no dialect\n\n{_markdown(table, TARGET_COLUMNS)}\n"]


def methods(sources: dict[str, Score], real: Score | None) -> list[str]:
    """Parent precision per method: one column per source, pooled over ``sources``."""
    pooled: dict[str, Ratio] = {}
    for sc in sources.values():
        for m, r in sc.parent_by_method.items():
            pooled.setdefault(m, Ratio())
            pooled[m] += r
    cols = list(sources) + ["pooled"] + (["real pages"] if real is not None else [])
    names = sorted(set(pooled) | set(real.parent_by_method if real else {}),
                   key=lambda m: (-pooled.get(m, Ratio()).total, m))

    def cell(r: Ratio | None) -> str:
        return "—" if r is None or not r.total else f"{r.value:.3f} ({r.hits}/{r.total})"

    out = ["| method | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for m in names:
        cells = [cell(sources[s].parent_by_method.get(m)) for s in sources] + [cell(pooled.get(m))]
        if real is not None:
            cells.append(cell(real.parent_by_method.get(m)))
        out.append(f"| {m} | " + " | ".join(cells) + " |")
    total = [sources[s].parent_precision for s in sources]
    all_links = Ratio()
    for r in total:
        all_links += r
    cells = [cell(r) for r in total] + [cell(all_links)] + ([cell(real.parent_precision)] if real is not None else [])
    out.append("| all methods | " + " | ".join(cells) + " |")
    return ["#### parent precision by method: precision (right/asserted)\n\n" + "\n".join(out) + "\n"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=HERE.parents[1] / "shared" / "corpus")
    ap.add_argument("--only", choices=("renderer", "realpages", "methods"))
    args = ap.parse_args(argv)
    out: list[str] = []
    real = None
    rendered: dict[str, Score] = {}
    if args.only in (None, "renderer", "methods"):
        lines, per_case = renderer(args.corpus)
        if args.only != "methods":
            out += ["### Project renderer (regression guard)\n"] + lines
        total = Score()
        for sc in per_case.values():
            total += sc
        rendered["renders (60)"] = total
    if args.only in (None, "realpages", "methods") and realpages_eval.PAGES_DIR.exists():
        lines, real = realpages()
        if args.only != "methods":
            out += ["### Real pages\n"] + lines
    if args.only in (None, "methods"):
        rendered["grammar dev (120)"], _ = grammar_scores(args.corpus, "dev")
        rendered["grammar held-out (120)"], invented = grammar_scores(args.corpus, "held-out")
        out += ["### Parent links by method\n"] + methods(rendered, real)
        out += ["### Sites with no dialect\n"] + no_dialect(invented)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
