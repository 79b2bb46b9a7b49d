#!/usr/bin/env python3
"""Check that parsing output is byte-identical to a recorded reference.

Parses a fixed set of inputs (the fixtures under tests/fixtures, the real
pages, the seed dump, the IRC logs, 30 ``evaluate.sample`` renders and 30
``grammar.sample_grammar`` renders) and hashes each ``thread.model_dump_json()``.

Usage::

    python bench/check_identical.py --write ref.json   # record
    python bench/check_identical.py --check ref.json   # compare (exit 1 on a difference)

Third-party inputs (../shared) are read at run time only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
import os

SHARED = Path(os.environ.get("THREADPARSE_SHARED", "/work/shared"))


def inputs() -> list[tuple[str, str]]:
    from threadparse import evaluate, grammar

    out: list[tuple[str, str]] = []
    fx = REPO / "tests" / "fixtures"
    for p in sorted(list(fx.rglob("*.txt")) + list(fx.rglob("*.log"))):
        out.append((str(p.relative_to(REPO)), p.read_text(encoding="utf-8", errors="replace")))
    for p in sorted((SHARED / "realpages").glob("*.txt")):
        out.append(("realpages/" + p.name, p.read_text(encoding="utf-8", errors="replace")))
    seed = SHARED / "seed" / "thread_dump.txt"
    out.append(("seed", seed.read_text(encoding="utf-8")))
    for p in sorted((SHARED / "realdata" / "irc_ubuntu_dev").glob("*.raw.txt")):
        out.append(("irc/" + p.name, p.read_text(encoding="utf-8", errors="replace")))
    corpus = SHARED / "corpus"
    for c in evaluate.sample(corpus, n=30, seed=0):
        out.append(("sample/" + c.name, c.text))
    for c in grammar.sample_grammar(corpus, n=30, seed=3, styles="dev"):
        out.append(("grammar/" + c.name, c.text))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--write")
    g.add_argument("--check")
    args = ap.parse_args()
    import threadparse

    hashes: dict[str, str] = {}
    for name, text in inputs():
        key = name
        k = 2
        while key in hashes:
            key = f"{name}#{k}"
            k += 1
        js = threadparse.parse(text).model_dump_json()
        hashes[key] = hashlib.sha256(js.encode("utf-8")).hexdigest()
    if args.write:
        Path(args.write).write_text(json.dumps(hashes, indent=1, sort_keys=True))
        print(f"wrote {len(hashes)} hashes to {args.write}")
        return 0
    ref = json.loads(Path(args.check).read_text())
    bad = [k for k in ref if hashes.get(k) != ref[k]]
    missing = set(ref) ^ set(hashes)
    print(f"{len(hashes)} inputs, {len(bad)} differ, {len(missing)} missing/extra")
    for k in bad:
        print("  DIFF", k)
    return 1 if bad or missing else 0


if __name__ == "__main__":
    sys.exit(main())
