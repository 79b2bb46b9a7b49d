"""Command line: ``threadparse parse FILE...`` and ``threadparse dialects``.

See ``docs/cli.md``. Exit status: 0 on success, 1 when an input file cannot be
read, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Optional, Sequence, TextIO

from . import __version__, dialects, example_text, parse
from .dialects import get as get_dialect
from .models import QuoteBlock, Thread

FORMATS = ("text", "json", "jsonl")


def _read(path: str) -> str:
    """Read a dump as UTF-8 (undecodable bytes become U+FFFD) keeping line endings,
    so offsets in the output index the decoded text exactly."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        data = Path(path).read_bytes()
    return data.decode("utf-8", errors="replace")


def _one_line(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def render_text(thread: Thread, name: str = "", width: int = 100) -> str:
    """A human-readable outline of a parsed thread."""
    out = []
    title = f"{name}: " if name else ""
    out.append(
        f"{title}dialect {thread.dialect.name} ({thread.dialect.score:.2f}) · "
        f"{len(thread.comments)} comments · {len(thread.duplicates)} duplicates · "
        f"{len(thread.chrome)} chrome · {thread.length} chars"
    )
    depth: dict[str, int] = {}
    for c in thread.comments:
        d = depth[c.id] = depth.get(c.parent_id, -1) + 1 if c.parent_id else 0
        pad = "  " * d
        who = c.speaker.name or "?"
        if c.speaker.name and c.speaker_evidence.method != "header":
            who += f" ({c.speaker_evidence.method} {c.speaker_evidence.score:.2f})"
        rel = "top level"
        if c.parent_id:
            ev = c.parent_evidence
            rel = f"reply to {c.parent_id}" + (f" ({ev.method} {ev.score:.2f})" if ev else "")
        to = f" → {', '.join(c.addressees)}" if c.addressees else ""
        out.append(f"{pad}{c.id} [{c.speaker.id} {who}]{to} · {rel} · {c.span.start}–{c.span.end}")
        for b in c.blocks:
            if isinstance(b, QuoteBlock):
                src = (
                    f"quote of {b.source.comment_id} {b.source.span.start}–{b.source.span.end}"
                    f" {b.source.score:.2f}"
                    if b.source
                    else "quote, source not in dump"
                )
                out.append(f"{pad}  > [{src}] {_one_line(b.text, width - len(pad) - 30)}")
            else:
                out.append(f"{pad}  | {_one_line(b.text, width - len(pad) - 4)}")
    if thread.duplicates:
        out.append("duplicates:")
        for dup in thread.duplicates:
            of = f"of {dup.of}" if dup.of else "of ?"
            out.append(
                f"  {dup.span.start}–{dup.span.end} {dup.kind} {of} ({dup.method} {dup.score:.2f})"
            )
    if thread.chrome:
        out.append("chrome:")
        for ch in thread.chrome:
            out.append(f"  {ch.span.start}–{ch.span.end} {ch.kind}: {_one_line(ch.text, 60)}")
    return "\n".join(out)


def _emit(thread: Thread, name: str, fmt: str, out: TextIO) -> None:
    if fmt == "text":
        out.write(render_text(thread, name) + "\n")
    elif fmt == "json":
        out.write(json.dumps(thread.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
    else:  # jsonl
        payload = {"file": name, **thread.model_dump(mode="json")}
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")


def _cmd_parse(args: argparse.Namespace) -> int:
    sources: list[tuple[str, Optional[str]]] = []
    if args.example:
        sources.append(("<example>", example_text()))
    sources.extend((p, None) for p in args.files)
    if not sources:
        print("threadparse parse: give one or more FILEs, '-' for stdin, or --example", file=sys.stderr)
        return 2
    status = 0
    many = len(sources) > 1
    collected: list[dict] = []  # --format json with several inputs: one array
    for name, text in sources:
        if text is None:
            try:
                text = _read(name)
            except OSError as exc:
                print(f"threadparse: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
                status = 1
                continue
        thread = parse(text, dialect=args.dialect)
        if many and args.format == "json":
            collected.append({"file": name, "thread": thread.model_dump(mode="json")})
        else:
            _emit(thread, name, args.format, args.out)
    if many and args.format == "json":
        args.out.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    return status


def _cmd_dialects(args: argparse.Namespace) -> int:
    for name in dialects():
        print(f"{name:12} {get_dialect(name).description}")
    return 0


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _eval_pairs(paths: list[str]) -> list[tuple[str, Path, Path]]:
    """``DUMP GOLD``, or directories holding ``NAME.txt`` + ``NAME.gold.json`` pairs."""
    if len(paths) == 2 and Path(paths[0]).is_file() and Path(paths[1]).is_file():
        return [(Path(paths[0]).stem, Path(paths[0]), Path(paths[1]))]
    pairs = []
    for p in paths:
        d = Path(p)
        if not d.is_dir():
            raise FileNotFoundError(f"{p} is not a directory (give DUMP GOLD, or DIR...)")
        for gold in sorted(d.glob("*.gold.json")):
            dump = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
            if dump.exists():
                pairs.append((dump.stem, dump, gold))
    return pairs


def _cmd_eval(args: argparse.Namespace) -> int:
    from . import evaluate

    if args.sample:
        cases = evaluate.sample(args.sample, n=args.n, seed=args.seed)
    else:
        try:
            pairs = _eval_pairs(args.paths)
        except FileNotFoundError as exc:
            print(f"threadparse eval: {exc}", file=sys.stderr)
            return 2
        if not pairs:
            print("threadparse eval: no NAME.txt + NAME.gold.json pairs found", file=sys.stderr)
            return 2
        cases = [
            evaluate.Case(name, _read(str(dump)), json.loads(gold.read_text(encoding="utf-8")))
            for name, dump, gold in pairs
        ]
    show = args.progress or (len(cases) > 5 and sys.stderr.isatty() and not args.json)
    report = evaluate.run(
        cases, baselines=args.baselines, progress=_progress if show else None
    )
    if args.json:
        json.dump(report.as_dict(), args.out, indent=1)
        args.out.write("\n")
    else:
        for system in report.systems:
            args.out.write(report.table(system) + "\n\n")
    return 0


def _cmd_render(args: argparse.Namespace) -> int:
    from . import evaluate

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cases = evaluate.sample(args.corpus, n=args.n, seed=args.seed)
    for case in cases:
        (out / f"{case.name}.txt").write_text(case.text, encoding="utf-8", newline="")
        (out / f"{case.name}.gold.json").write_text(json.dumps(case.gold, indent=1), encoding="utf-8")
    print(f"wrote {len(cases)} dumps with gold records to {out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="threadparse",
        description="Turn scraped comment-thread dumps into a typed reply tree.",
    )
    p.add_argument("--version", action="version", version=f"threadparse {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    pp = sub.add_parser("parse", help="parse dump files and print the reply tree")
    pp.add_argument("files", nargs="*", metavar="FILE", help="dump files ('-' reads stdin)")
    pp.add_argument("--example", action="store_true", help="parse the example dump shipped with the package")
    pp.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    pp.add_argument(
        "--dialect", default=None, metavar="NAME",
        help="force a dialect instead of detecting it (see `threadparse dialects`)",
    )
    pp.add_argument("-o", "--output", metavar="PATH", help="write here instead of stdout")
    pp.set_defaults(func=_cmd_parse)

    pd = sub.add_parser("dialects", help="list the dump dialects threadparse knows")
    pd.set_defaults(func=_cmd_dialects)

    pe = sub.add_parser("eval", help="score parses against gold records (see docs/accuracy.md)")
    pe.add_argument("paths", nargs="*", metavar="PATH", help="DUMP GOLD, or directories of NAME.txt + NAME.gold.json")
    pe.add_argument("--sample", metavar="CORPUS_DIR", help="render and score the standard sample from a corpus instead")
    pe.add_argument("-n", type=int, default=60, help="dumps in the --sample (default: 60)")
    pe.add_argument("--seed", type=int, default=0, help="seed of the --sample (default: 0)")
    pe.add_argument("--baselines", action="store_true", help="also score the two line-based baselines")
    pe.add_argument("--json", action="store_true", help="machine-readable output")
    pe.add_argument("--progress", action="store_true", help="always show the progress bar on stderr")
    pe.add_argument("-o", "--output", metavar="PATH", help="write here instead of stdout")
    pe.set_defaults(func=_cmd_eval)

    pr = sub.add_parser("render", help="write the standard sample of dumps + gold records from a corpus")
    pr.add_argument("corpus", metavar="CORPUS_DIR", help="folder of <source>.jsonl threads (see docs/accuracy.md)")
    pr.add_argument("out", metavar="OUT_DIR")
    pr.add_argument("-n", type=int, default=60)
    pr.add_argument("--seed", type=int, default=0)
    pr.set_defaults(func=_cmd_render)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "eval" and not args.sample and not args.paths:
        parser.error("eval needs DUMP GOLD, a directory, or --sample CORPUS_DIR")
    if getattr(args, "dialect", None) is not None and args.dialect not in dialects():
        parser.error(f"unknown dialect {args.dialect!r}; choose one of: {', '.join(dialects())}")
    # The output file is opened only now, after every usage check passed.
    path = getattr(args, "output", None)
    try:
        with (open(path, "w", encoding="utf-8") if path else contextlib.nullcontext(sys.stdout)) as out:
            args.out = out
            return args.func(args)
    except BrokenPipeError:  # e.g. `threadparse parse big.txt | head`
        return 0
    except OSError as exc:
        print(f"threadparse: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

