"""How much ``threadparse.parse_many(jobs=N)`` gains over one process.

    python bench/bench_parse_many.py [--dumps 300] [--jobs 1 2] [--repeat 3]

Renders ``--dumps`` dumps from the real threads in ``../shared/corpus`` (the
evaluation sample, every style and artifact set) into a temporary folder, then
parses them all from their files with each ``--jobs`` value, ``--repeat``
times, two ways: ``parse_many`` (every Thread comes back to the parent) and
``parse_results`` with the JSONL formatter running in the workers (what
``threadparse parse -j N --format jsonl`` does: only strings come back). It
prints the best wall time, the speedup over the first ``--jobs`` value, and
the CPU time spent in the parent and in worker processes, and the speedup
that CPU time allows on idle cores: one process's CPU time divided by
max(all CPU time / jobs, the parent's CPU time), the parent being one
process that cannot be split. Last, the parts of that CPU time measured in
one process (parse, a worker's serialisation, the parent's rebuilding), and
the 2-core speedup they allow.

The machine's load average is printed before and after: on a shared machine
wall time only means something when the other processes were quiet. The CPU
columns say whether the work itself grew with more processes (pickling,
start-up): with ``jobs=N`` on N idle cores the ideal wall time is the
one-process CPU time divided by N.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from functools import partial  # noqa: E402

import threadparse  # noqa: E402
from threadparse import evaluate  # noqa: E402
from threadparse.batch import parse_results  # noqa: E402
from threadparse.cli import format_thread  # noqa: E402

WAYS = {
    "parse_many": lambda paths, jobs: threadparse.parse_many(paths, jobs=jobs),
    "cli jsonl": lambda paths, jobs: parse_results(
        paths, jobs=jobs, transform=partial(format_thread, "jsonl", False)
    ),
}


def render(corpus: Path, n: int, folder: Path) -> list[Path]:
    """Write ``n`` rendered dumps into ``folder``; return their paths."""
    paths = []
    for case in evaluate.sample(corpus, n=n, seed=0):
        path = folder / f"{case.name}.txt"
        path.write_text(case.text, encoding="utf-8", newline="")
        paths.append(path)
    return paths


def cpu_seconds() -> tuple[float, float]:
    """(this process, reaped child processes) user+system CPU seconds."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def run(way: str, paths: list[Path], jobs: int) -> tuple[float, float, float]:
    """Parse every file once; return wall, parent CPU and worker CPU seconds."""
    own0, kids0 = cpu_seconds()
    start = time.perf_counter()
    n = sum(1 for _ in WAYS[way](paths, jobs))
    wall = time.perf_counter() - start
    own1, kids1 = cpu_seconds()
    assert n == len(paths)
    return wall, own1 - own0, kids1 - kids0


def components(paths: list[Path]) -> tuple[float, float, float]:
    """In this process, CPU seconds to parse every file, to serialise the threads
    as a worker does, and to rebuild them as the parent does (shared-machine
    proof: no two processes compete while it is measured)."""
    texts = [threadparse.batch.read_dump(p).text for p in paths]
    start = time.process_time()
    threads = [threadparse.parse(t) for t in texts]
    parsed = time.process_time()
    payloads = [t.model_dump_json().encode("utf-8") for t in threads]
    serialised = time.process_time()
    for payload in payloads:
        threadparse.Thread.model_validate_json(payload, strict=True)
    rebuilt = time.process_time()
    return parsed - start, serialised - parsed, rebuilt - serialised


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--dumps", type=int, default=300)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        paths = render(args.corpus, args.dumps, Path(tmp))
        size = sum(p.stat().st_size for p in paths)
        print(f"{len(paths)} dumps, {size / 1e6:.1f} MB; {os.cpu_count()} CPUs; "
              f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"{'way':>10} {'jobs':>4} {'best wall s':>11} {'speedup':>8} {'parent CPU s':>12} "
              f"{'worker CPU s':>12} {'CPU speedup':>11}")
        for way in WAYS:
            base_wall = base_cpu = None
            for jobs in args.jobs:
                runs = [run(way, paths, jobs) for _ in range(args.repeat)]
                wall = min(r[0] for r in runs)
                parent, workers = min((r[1], r[2]) for r in runs)  # the run with the least CPU
                base_wall = base_wall or wall
                base_cpu = base_cpu or parent + workers
                cpu_speedup = base_cpu / max((parent + workers) / jobs, parent)
                print(f"{way:>10} {jobs:>4} {wall:>11.2f} {base_wall / wall:>7.2f}x "
                      f"{parent:>12.2f} {workers:>12.2f} {cpu_speedup:>10.2f}x")
        parse_s, serialise_s, rebuild_s = components(paths)
        print(f"one process, CPU s: parse {parse_s:.2f}, serialise {serialise_s:.2f}, rebuild {rebuild_s:.2f}; "
              f"ideal parse_many speedup on 2 idle cores {2 * parse_s / (parse_s + serialise_s + rebuild_s):.2f}x")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
