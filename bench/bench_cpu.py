#!/usr/bin/env python3
"""CPU speed and peak memory of ``threadparse.parse`` on mixed-style dumps (issue #9).

Each dump concatenates ``threadparse.evaluate.sample(corpus, n=60, seed=s)``
renders for seeds 0, 1, 2, ... until the size is reached, so every renderer
style (all header dialects, stripped, with the artifact sets) is in it. Each
size is parsed in a fresh Python process, ``--repeat`` times (fresh processes
each), and the minimum is reported. Figures are **CPU time**
(``time.process_time``) of ``parse()`` alone, not wall time: the reference
machine has 2 cores shared with other work, and wall time swings by 2x.

Memory: ``peak RSS`` is the process's ``ru_maxrss``; ``B/B`` is
``(peak RSS - RSS before parse) / input bytes``: what parsing adds per byte of
UTF-8 input (the input string itself is counted in the RSS before parse).

With the ``bench`` extra installed (``pip install threadparse[bench]``), the same
dump also goes through email_reply_parser (per message) and a datasketch
MinHashLSH over paragraphs, for scale.

Usage::

    python bench/bench_cpu.py                       # 1, 8 and 32 MB, min of 3
    python bench/bench_cpu.py --sizes 1,8 --repeat 1 --json
    python bench/bench_cpu.py --peers               # also the peer libraries

The corpus (third-party text) is read at run time from ``--corpus``
(default ``../shared/corpus`` beside the repository, else /work/shared/corpus).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
MB = 1_000_000

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
import threadparse
def rss():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * resource.getpagesize()
text = open(sys.argv[1], encoding='utf-8').read()
threadparse.parse(text[:5000])  # imports and caches outside the timing
before = rss()
t = time.process_time()
thread = threadparse.parse(text)
cpu = time.process_time() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"cpu": cpu, "peak": peak, "before": before, "comments": len(thread.comments)}))
"""

PEERS = r"""
import json, sys, time
text = open(sys.argv[1], encoding='utf-8').read()
out = {}
try:
    from email_reply_parser import EmailReplyParser
    t = time.process_time()
    for part in text.split('\n\n\n'):
        EmailReplyParser.parse_reply(part)
    out['email_reply_parser'] = time.process_time() - t
except ImportError:
    pass
try:
    from datasketch import MinHash, MinHashLSH
    t = time.process_time()
    lsh = MinHashLSH(threshold=0.8, num_perm=64)
    for k, para in enumerate(p for p in text.split('\n\n') if p.strip()):
        m = MinHash(num_perm=64)
        w = para.lower().split()
        m.update_batch([' '.join(w[i:i + 4]).encode() for i in range(max(1, len(w) - 3))])
        lsh.query(m)
        lsh.insert(str(k), m)
    out['datasketch MinHashLSH'] = time.process_time() - t
except ImportError:
    pass
print(json.dumps(out))
"""


def default_corpus() -> Path:
    here = REPO.parent / "shared" / "corpus"
    return here if here.is_dir() else Path("/work/shared/corpus")


def mixed_dump(corpus: Path, size: int) -> str:
    """Concatenated evaluate.sample renders (every style) of at least ``size`` bytes."""
    sys.path.insert(0, str(SRC))
    from threadparse import evaluate  # noqa: PLC0415

    parts: list[str] = []
    total = 0
    seed = 0
    while total < size:
        for case in evaluate.sample(corpus, n=60, seed=seed):
            parts.append(case.text)
            total += len(case.text.encode("utf-8")) + 1
            if total >= size:
                break
        seed += 1
    return "\n".join(parts)


def run(cmd: list[str]) -> dict:
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,8,32", help="comma-separated sizes in MB (10**6 bytes)")
    ap.add_argument("--repeat", type=int, default=3, help="fresh processes per size; the minimum is kept")
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--src", type=Path, default=SRC, help="threadparse source folder to time")
    ap.add_argument("--peers", action="store_true", help="also time email_reply_parser and datasketch")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size_mb in [float(s) for s in args.sizes.split(",")]:
            text = mixed_dump(args.corpus, int(size_mb * MB))
            path = Path(tmp) / f"mixed_{size_mb:g}MB.txt"
            path.write_text(text, encoding="utf-8")
            nbytes = path.stat().st_size
            runs = [run([sys.executable, "-c", CHILD, str(path), str(args.src)]) for _ in range(args.repeat)]
            best = min(runs, key=lambda r: r["cpu"])
            row = {
                "size_mb": nbytes / MB,
                "cpu_s": best["cpu"],
                "mb_per_s": nbytes / MB / best["cpu"],
                "peak_rss_mb": max(r["peak"] for r in runs) / MB,
                "bytes_per_byte": min((r["peak"] - r["before"]) / nbytes for r in runs),
                "comments": best["comments"],
            }
            if args.peers:
                row["peers"] = run([sys.executable, "-c", PEERS, str(path)])
            rows.append(row)
            os.remove(path)
    base = rows[0]["cpu_s"] / rows[0]["size_mb"] if rows else 1.0
    for r in rows:
        r["per_byte_vs_first"] = (r["cpu_s"] / r["size_mb"]) / base
    if args.json:
        print(json.dumps({"cpu_count": os.cpu_count(), "python": sys.version.split()[0], "rows": rows}, indent=1))
        return 0
    print(f"CPU time of parse(), min of {args.repeat} fresh processes; {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    print(f"{'size MB':>8} {'CPU s':>8} {'MB/s':>7} {'peak RSS MB':>12} {'B/B':>6} {'per-byte x':>10}")
    for r in rows:
        print(
            f"{r['size_mb']:8.2f} {r['cpu_s']:8.2f} {r['mb_per_s']:7.2f} {r['peak_rss_mb']:12.0f}"
            f" {r['bytes_per_byte']:6.1f} {r['per_byte_vs_first']:10.2f}"
        )
        for name, sec in r.get("peers", {}).items():
            print(f"{'':8} {name}: {r['size_mb'] / sec:.2f} MB/s (CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
