#!/usr/bin/env python3
"""Accuracy on one long dump that changes shape many times (issue #9, dialects by region).

Concatenates ``threadparse.evaluate.sample(corpus, n=60, seed=s)`` renders for
seeds 0, 1, 2, ... (every renderer style, as ``bench/bench_cpu.py`` builds its
dumps), keeping each source thread **once** (a thread rendered twice would be
a real duplicate in the dump, which the per-render gold records do not know
about), until ``--size`` bytes or ``--max-seed`` seeds. The renders' gold
records are shifted to their place in the dump and joined into one, and the
parse of the whole dump is scored with :func:`threadparse.evaluate.score`.

Dialect detection reads the first 3,000 lines only; this dump runs to tens of
thousands of lines, so it measures what happens past them.

Usage::

    python bench/mixed_eval.py                          # about 2.5 MB, late dialects on and off
    python bench/mixed_eval.py --size 1 --json

The corpus (third-party text) is read at run time from ``--corpus``
(default ``../shared/corpus`` beside the repository, else /work/shared/corpus).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("threadparse") is None:
    sys.path.insert(0, str(REPO / "src"))  # (an installed or PYTHONPATH copy wins: measure any checkout)

import threadparse  # noqa: E402
from threadparse import ParseConfig  # noqa: E402
from threadparse.evaluate import GOLD_SCHEMA, sample, score  # noqa: E402

MB = 1_000_000
_ID_KEYS = ("id", "parent", "source")


def default_corpus() -> Path:
    here = REPO.parent / "shared" / "corpus"
    return here if here.is_dir() else Path("/work/shared/corpus")


def _moved(obj: Any, offset: int, prefix: str) -> Any:
    """A copy of a gold record's piece with spans moved by ``offset`` and
    comment ids (and the ids that name them) made unique with ``prefix``."""
    if isinstance(obj, list):
        return [_moved(v, offset, prefix) for v in obj]
    if not isinstance(obj, dict):
        return obj
    out = {}
    for key, value in obj.items():
        if key == "span" and isinstance(value, list):
            out[key] = [value[0] + offset, value[1] + offset]
        elif key == "prose":
            out[key] = [[a + offset, b + offset] for a, b in value]
        elif key in _ID_KEYS and isinstance(value, (str, int)) and not isinstance(value, bool):
            out[key] = f"{prefix}/{value}"
        else:
            out[key] = _moved(value, offset, prefix)
    return out


def mixed_case(corpus: Path, size: int, max_seed: int = 30) -> tuple[str, dict, int]:
    """(dump, joined gold record, renders in it)."""
    parts: list[str] = []
    gold: dict = {"schema": GOLD_SCHEMA, "comments": [], "duplicates": [], "chrome": []}
    seen: set = set()
    offset = nbytes = 0
    for seed in range(max_seed + 1):
        for k, case in enumerate(sample(corpus, n=60, seed=seed)):
            thread_id = case.gold.get("thread_id")
            if thread_id in seen:
                continue
            seen.add(thread_id)
            moved = _moved(case.gold, offset, f"{seed}.{k}")
            for key in ("comments", "duplicates", "chrome"):
                gold[key] += moved[key]
            parts.append(case.text)
            offset += len(case.text) + 1
            nbytes += len(case.text.encode("utf-8")) + 1
            if nbytes >= size:
                break
        if nbytes >= size:
            break
    text = "\n".join(parts)
    gold["length"] = len(text)
    return text, gold, len(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=float, default=8.0, help="MB to stop at (each thread once caps it lower)")
    ap.add_argument("--max-seed", type=int, default=30)
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    text, gold, renders = mixed_case(args.corpus, int(args.size * MB), args.max_seed)
    rows = {}
    for late in (False, True):
        thread = threadparse.parse(text, config=ParseConfig(late_dialects=late))
        rows[f"late_dialects={late}"] = {
            "comments": len(thread.comments),
            **{k: v for k, v in score(thread, gold, text).values().items() if k != "dialect"},
        }
    info = {"bytes": len(text.encode("utf-8")), "lines": text.count("\n") + 1, "renders": renders}
    if args.json:
        print(json.dumps({**info, "rows": rows}, indent=1))
        return 0
    print(f"mixed dump: {info['bytes'] / MB:.2f} MB, {info['lines']} lines, {renders} renders (each thread once)")
    keys = list(next(iter(rows.values())))
    print(f"{'':22}" + "".join(f"{k[:12]:>13}" for k in keys))
    for name, row in rows.items():
        print(f"{name:22}" + "".join(
            f"{row[k]:>13}" if isinstance(row[k], int) else f"{row[k]:>13.3f}" if row[k] is not None else f"{'-':>13}"
            for k in keys
        ))
    return 0


if __name__ == "__main__":
    sys.exit(main())
