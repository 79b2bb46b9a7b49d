#!/usr/bin/env python3
"""Time ``threadparse.parse`` on large dumps built from the real-thread corpus.

For each requested size (MB = 10**6 bytes of UTF-8) the script renders corpus
threads in the ``stripped`` style with the ``recapture`` and ``pagination``
artifacts (quotes included) and concatenates them until the size is reached.
A 50 MB dump needs several passes over the corpus (about 10 MB rendered per
pass), so each pass uses other seeds, a different contiguous window of each
thread and, from the second pass on, the ``typography``/``rewrap`` artifacts on
the repeated copies: the text is not only exact repeats.

Each size is then parsed in a fresh Python subprocess, so the peak RSS
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) belongs to that size alone. The
child times ``parse`` only: rendering, writing and reading the dump are
excluded. Output is a table (size MB, seconds, MB/s, peak RSS MB, time relative
to the 1 MB run) or, with ``--json``, a JSON document.

Usage::

    python bench/bench_parse.py                      # 1, 10 and 50 MB
    python bench/bench_parse.py --sizes 1,10 --json
    python bench/bench_parse.py --render-only        # no parser needed

The corpus is read from ``../shared/corpus`` beside the repository unless
``--corpus`` says otherwise; its text is third-party writing and is only used
at run time (dumps go to a temporary directory unless ``--out-dir`` is given).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
MB = 1_000_000


def import_testing() -> ModuleType:
    """Import ``threadparse.testing``; fall back to its file if the package does not import.

    The renderer only needs the standard library, so the benchmark can build
    dumps even while the parser package is broken or unfinished.
    """
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))
    try:
        import threadparse.testing as testing  # noqa: PLC0415

        return testing
    except Exception as exc:  # the package __init__ may be mid-rewrite
        print(f"note: 'import threadparse' failed ({exc!r}); loading testing.py directly", file=sys.stderr)
        path = SRC / "threadparse" / "testing.py"
        spec = importlib.util.spec_from_file_location("threadparse_testing_standalone", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module


def build_dump(
    testing: ModuleType, threads: dict[str, list[Any]], size_bytes: int, styles: tuple[str, ...] = ("stripped",)
) -> tuple[str, dict[str, Any]]:
    """Concatenate rendered threads until the dump holds at least ``size_bytes`` of UTF-8.

    Returns the text and a small description (threads used, passes, seconds).
    """
    import random

    started = time.perf_counter()
    ids = sorted(threads)
    parts: list[str] = []
    total = 0
    rendered = 0
    passes = 0
    while total < size_bytes:
        rng = random.Random(f"bench-pass-{passes}")
        order = ids[:]
        rng.shuffle(order)
        for i, thread_id in enumerate(order):
            comments = threads[thread_id]
            artifacts = ["recapture", "pagination"]
            window = None
            if passes:
                if rng.random() < 0.5:
                    artifacts.append("typography")
                if rng.random() < 0.3:
                    artifacts.append("rewrap")
                if len(comments) > 4:
                    start = rng.randrange(0, len(comments) // 3)
                    stop = rng.randrange(start + (len(comments) - start) // 2, len(comments) + 1)
                    window = (start, max(stop, start + 2))
            style = styles[(passes + i) % len(styles)]
            dump = testing.render(
                comments, style=style, artifacts=artifacts, seed=passes * 100_003 + i, window=window
            )
            if not dump.text.strip():
                continue
            parts.append(dump.text)
            total += len(dump.text.encode("utf-8")) + 2
            rendered += 1
            if total >= size_bytes:
                break
        passes += 1
    text = "\n\n".join(parts)
    info = {
        "threads_rendered": rendered,
        "corpus_passes": passes,
        "render_seconds": round(time.perf_counter() - started, 3),
        "bytes": len(text.encode("utf-8")),
        "chars": len(text),
    }
    return text, info


# The child reads the dump, imports the parser, then times parse() alone.
CHILD = r"""
import json, resource, sys, time
path = sys.argv[1]
out = {"ok": False}
try:
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    import threadparse
    parse = getattr(threadparse, "parse", None)
    if parse is None:
        raise RuntimeError("threadparse has no parse() yet")
    out["rss_before_parse_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    result = parse(text)
    out["seconds"] = time.perf_counter() - t0
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    comments = getattr(result, "comments", None)
    out["comments"] = len(comments) if comments is not None else None
    out["ok"] = True
except BaseException as exc:
    out["error"] = f"{type(exc).__name__}: {exc}"
print("BENCH-RESULT " + json.dumps(out))
"""


def run_child(path: Path, timeout: float) -> dict[str, Any]:
    """Parse the dump at ``path`` in a fresh interpreter and return its measurements."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH", "")) if p)
    try:
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return {"ok": False, "error": f"timed out after {timeout:g} s"}
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            return json.loads(line[len("BENCH-RESULT ") :])
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
    return {"ok": False, "error": f"child exited {proc.returncode}: {' | '.join(tail)}"}


def parse_sizes(value: str) -> list[float]:
    try:
        sizes = [float(v) for v in value.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--sizes takes numbers separated by commas, e.g. 1,10,50; got {value!r}")
    if not sizes or any(s <= 0 for s in sizes):
        raise argparse.ArgumentTypeError("--sizes needs at least one positive size in MB")
    return sizes


def format_table(rows: list[dict[str, Any]], base_label: str) -> str:
    header = f"{'size MB':>8}  {'seconds':>9}  {'MB/s':>7}  {'peak RSS MB':>11}  {'x ' + base_label:>10}  comments"
    lines = [header, "-" * len(header)]
    for r in rows:
        size = f"{r['bytes'] / MB:8.2f}"
        if r.get("ok"):
            ratio = f"{r['ratio']:10.2f}" if r.get("ratio") is not None else f"{'-':>10}"
            lines.append(
                f"{size}  {r['seconds']:9.3f}  {r['mb_per_s']:7.2f}  {r['peak_rss_mb']:11.1f}  {ratio}  {r.get('comments')}"
            )
        elif r.get("error"):
            lines.append(f"{size}  error: {r['error']}")
        else:
            lines.append(f"{size}  rendered in {r['render_seconds']:.2f} s (not parsed)")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=parse_sizes, default=parse_sizes("1,10,50"), help="dump sizes in MB (default 1,10,50)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"corpus directory (default {DEFAULT_CORPUS})")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument(
        "--styles", default="stripped",
        help="comma-separated renderer styles to cycle through (default: stripped; 'all' for every style)",
    )
    ap.add_argument("--render-only", action="store_true", help="build the dumps and report rendering, do not parse")
    ap.add_argument("--out-dir", type=Path, help="keep the dumps here (default: a temporary directory)")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds allowed per parse (default 1800)")
    args = ap.parse_args(argv)

    if not args.corpus.is_dir():
        print(f"error: corpus directory {args.corpus} not found; pass --corpus DIR", file=sys.stderr)
        return 2
    testing = import_testing()
    threads = testing.load_corpus(args.corpus)
    if not threads:
        print(f"error: no threads in {args.corpus}", file=sys.stderr)
        return 2

    tmp = None
    out_dir = args.out_dir
    if out_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="threadparse-bench-")
        out_dir = Path(tmp.name)
    out_dir.mkdir(parents=True, exist_ok=True)

    rows: list[dict[str, Any]] = []
    try:
        for size in args.sizes:
            styles = tuple(testing.STYLES) if args.styles == "all" else tuple(args.styles.split(","))
            text, info = build_dump(testing, threads, int(size * MB), styles)
            path = out_dir / f"dump_{size:g}MB.txt"
            path.write_text(text, encoding="utf-8")
            del text
            row: dict[str, Any] = {"size_mb": size, **info}
            if not args.render_only:
                row.update(run_child(path, args.timeout))
                if row.get("ok"):
                    row["mb_per_s"] = row["bytes"] / MB / row["seconds"] if row["seconds"] > 0 else float("inf")
            rows.append(row)
            if not args.json:
                print(f"# {size:g} MB: rendered {info['threads_rendered']} threads in {info['render_seconds']:.2f} s",
                      file=sys.stderr)
    finally:
        if tmp is not None:
            tmp.cleanup()

    ok_rows = [r for r in rows if r.get("ok")]
    base = next((r for r in ok_rows if r["size_mb"] == 1), None)
    base_label = "t(1MB)"
    if base is None and ok_rows:
        base = min(ok_rows, key=lambda r: r["size_mb"])
        base_label = f"t({base['size_mb']:g}MB)"
    for r in ok_rows:
        r["ratio"] = r["seconds"] / base["seconds"] if base and base["seconds"] > 0 else None

    if args.json:
        print(json.dumps({"python": sys.version.split()[0], "corpus": str(args.corpus), "ratio_base": base_label,
                          "results": rows}, indent=2))
    else:
        print(format_table(rows, base_label))
    if args.render_only:
        return 0
    return 0 if len(ok_rows) == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
