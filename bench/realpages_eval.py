"""Score threadparse on the hand-annotated real pages, per family.

The pages are third-party captures in ``../shared/realpages``; the annotations
(``threadparse-linegold/1``) are ours, in ``tests/realgold``. Usage::

    python bench/realpages_eval.py            # per-family table, pooled last
    python bench/realpages_eval.py --pages    # one row per page
    python bench/realpages_eval.py --names    # also list predicted speaker names that are wrong
    python bench/realpages_eval.py --json
    python bench/realpages_eval.py --gold-dir G --pages-dir P   # your own annotated pages

Metrics are those of :func:`threadparse.evaluate.score` (character counts
ignore whitespace).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import threadparse
from threadparse import linegold
from threadparse.evaluate import Score, format_table, score

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE.parent / "tests" / "realgold"
PAGES_DIR = HERE.parent.parent / "shared" / "realpages"

COLUMNS = (
    "segmentation", "speakers", "speaker_precision", "chrome", "quotes", "quote_sources",
    "duplicates", "parent_precision", "parent_recall",
)


def load_cases(gold_dir: Path = GOLD_DIR, pages_dir: Path = PAGES_DIR):
    """Yield ``(page name, family, text, gold record)`` for every annotated page."""
    for path in sorted(gold_dir.glob("*.gold")):
        page = pages_dir / f"{path.stem}.txt"
        if not page.exists():
            continue
        with open(page, encoding="utf-8", newline="") as fh:
            text = fh.read()
        gold = linegold.load(path, text)
        yield path.stem, gold["family"], text, gold


def evaluate(gold_dir: Path = GOLD_DIR, pages_dir: Path = PAGES_DIR):
    """Per-page scores and the wrong speaker names, as ``(rows, wrong_names)``."""
    rows: dict[str, tuple[str, Score]] = {}
    wrong: dict[str, list[str]] = {}
    for name, family, text, gold in load_cases(gold_dir, pages_dir):
        thread = threadparse.parse(text)
        rows[name] = (family, score(thread, gold, text))
        truth = {(c.get("speaker") or "").casefold() for c in gold["comments"]}
        wrong[name] = sorted(
            {c.speaker.name for c in thread.comments if c.speaker.name and c.speaker.name.casefold() not in truth}
        )
    return rows, wrong


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", action="store_true", help="one row per page")
    ap.add_argument("--names", action="store_true", help="list wrong speaker names per page")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--gold-dir", type=Path, default=GOLD_DIR,
                    help="directory of NAME.gold annotations (default tests/realgold)")
    ap.add_argument("--pages-dir", type=Path, default=PAGES_DIR,
                    help="directory of the NAME.txt pages they describe (default ../shared/realpages)")
    args = ap.parse_args(argv)
    if not args.pages_dir.exists():
        print(f"no real pages at {args.pages_dir}", file=sys.stderr)
        return 2
    rows, wrong = evaluate(args.gold_dir, args.pages_dir)
    groups: dict[str, Score] = {}
    pooled = Score()
    for name, (family, sc) in rows.items():
        key = name if args.pages else family
        groups.setdefault(key, Score())
        groups[key] += sc
        pooled += sc
    groups["ALL"] = pooled
    if args.json:
        print(json.dumps({k: v.as_dict() for k, v in groups.items()}, indent=1))
        return 0
    print(_table(groups))
    if args.names:
        for name, names in wrong.items():
            if names:
                print(f"{name}: {names}")
    return 0


def _table(groups: dict[str, Score]) -> str:
    head = f"{'group':<16}" + "".join(f"{c[:10]:>11}" for c in COLUMNS)
    out = [head]
    for key, sc in groups.items():
        vals = sc.values()
        out.append(f"{key:<16}" + "".join(
            f"{'-' if vals[c] is None else format(vals[c], '.3f'):>11}" for c in COLUMNS))
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
