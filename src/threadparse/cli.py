"""Command line: ``threadparse parse|export|schema|dialects|eval|render``.

See ``docs/cli.md``. The command never prints a traceback: every error ends
in one line on stderr and an exit status (the ``EXIT_*`` constants, listed in
docs/cli.md).
"""

from __future__ import annotations

import argparse
import codecs
import glob
import json
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence, TextIO, Union

from . import __version__, dialects, example_text
from .batch import InputError, ParsedFile, ParseResult, decode_dump, parse_results, read_dump
from .config import ParseConfig
from .dialects import get as get_dialect
from .models import QuoteBlock, Thread

FORMATS = ("text", "json", "jsonl", "markdown")
EXPORT_TARGETS = ("convokit", "parquet", "hf", "graphml")

EXIT_OK = 0
EXIT_INPUT = 1  # an input could not be read, decoded or scored; the others were processed
EXIT_USAGE = 2  # bad arguments
EXIT_OUTPUT = 3  # the output could not be written
EXIT_INTERNAL = 4  # threadparse itself failed on an input (a bug: please report it)
EXIT_INTERRUPTED = 130  # Ctrl-C


class CLIError(Exception):
    """An error the command reports in one line, then exits with ``status``."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def _usage(message: str) -> CLIError:
    return CLIError(message, EXIT_USAGE)


def _warn(message: str) -> None:
    print(f"threadparse: {message}", file=sys.stderr)


# --- inputs ------------------------------------------------------------------------


def expand_inputs(args: Sequence[str], pattern: str = "*.txt") -> tuple[list[Union[Path, str]], list[str]]:
    """Files, folders (searched recursively for ``pattern``) and globs, in order.

    Returns the inputs (``Path`` objects, and ``"-"`` for stdin) and one-line
    messages for arguments that name nothing. A missing file is kept, so that
    reading it reports why.
    """
    found: list[Union[Path, str]] = []
    problems: list[str] = []
    for arg in args:
        if arg == "-":
            found.append("-")
            continue
        path = Path(arg)
        if path.is_dir():
            files = sorted(p for p in path.rglob(pattern) if p.is_file())
            if not files:
                problems.append(f"{arg} is a folder with no files matching {pattern!r} (see --glob)")
            found.extend(files)
        elif not path.exists() and glob.has_magic(arg):
            matches = sorted(Path(m) for m in glob.glob(arg, recursive=True))
            files = [m for m in matches if m.is_file()]
            for folder in (m for m in matches if m.is_dir()):
                files.extend(sorted(p for p in folder.rglob(pattern) if p.is_file()))
            if not files:
                problems.append(f"no file matches {arg!r}")
            found.extend(files)
        else:
            found.append(path)
    return found, problems


def _read_stdin(encoding: Optional[str]) -> tuple[str, str]:
    decoded = decode_dump(sys.stdin.buffer.read(), encoding=encoding, name="standard input")
    if decoded.detected:
        _warn_detected("-", decoded.encoding)
    return ("-", decoded.text)


def _warn_detected(name: str, encoding: str) -> None:
    _warn(f"warning: {name} is not UTF-8; read it as {encoding} (detected; use --encoding to choose)")


def _read_path(path: str, encoding: Optional[str] = None) -> str:
    """The decoded text of one file (for eval), or a one-line :class:`CLIError`."""
    try:
        decoded = read_dump(path, encoding=encoding)
    except InputError as exc:
        raise CLIError(str(exc), EXIT_INPUT) from None
    if decoded.detected:
        _warn_detected(path, decoded.encoding)
    return decoded.text


def _parse_kwargs(args: argparse.Namespace) -> dict:
    """``dialect=`` and, with --captured-at, a ``config=`` carrying it."""
    kwargs: dict = {"dialect": args.dialect}
    if args.captured_at is not None:
        if "captured_at" not in ParseConfig.model_fields:
            raise _usage("--captured-at needs a threadparse whose ParseConfig has captured_at")
        kwargs["config"] = ParseConfig(captured_at=args.captured_at)
    return kwargs


def _iso_datetime(value: str) -> datetime:
    """argparse type: an ISO 8601 date-time; a naive one is taken as UTC."""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an ISO date-time such as 2024-05-01T12:00:00+00:00"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _results(args: argparse.Namespace, *, with_text: bool = False,
             transform: Optional[Callable[[str, Thread, str], str]] = None) -> Iterator[ParseResult]:
    """Expand, read and parse the inputs of ``parse``/``export``.

    Bad inputs are reported on stderr as they come and skipped; ``args.status``
    ends as the exit status they call for (0 when there were none).
    """
    sources: list = []
    if getattr(args, "example", False):
        sources.append(("<example>", example_text()))
    inputs, problems = expand_inputs(args.inputs, args.glob)
    for message in problems:
        _warn(message)
    args.status = EXIT_INPUT if problems else EXIT_OK
    for item in inputs:
        if item == "-":
            try:
                sources.append(_read_stdin(args.encoding))
            except InputError as exc:
                _warn(str(exc))
                args.status = EXIT_INPUT
        else:
            sources.append(item)
    if not sources:
        if args.status != EXIT_OK:  # the inputs named nothing usable; each was reported
            return
        raise _usage("give one or more FILEs, folders or globs, '-' for stdin"
                     + (", or --example" if args.command == "parse" else ""))
    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    for result in parse_results(
        sources, jobs=args.jobs, encoding=args.encoding, progress=progress,
        with_text=with_text, transform=transform, **_parse_kwargs(args),
    ):
        if result.error is not None:
            _warn(result.error)
            status = EXIT_INTERNAL if result.error_kind == "internal" else EXIT_INPUT
            args.status = max(args.status, status)
            continue
        if result.detected_encoding:
            _warn_detected(result.name, result.encoding or "?")
        yield result


# --- output ------------------------------------------------------------------------


class _Output:
    """Where a command writes: stdout, or a file replaced atomically.

    A file is written to a temporary file beside it and moved over the target
    by :meth:`commit`; until then (and if the command fails) an existing file
    is left as it was.
    """

    def __init__(self, path: Optional[str]) -> None:
        self.path = path
        self._tmp: Optional[str] = None
        if path is None:
            self.stream: TextIO = sys.stdout
            return
        target = Path(path)
        if target.is_dir():
            raise CLIError(f"cannot write {path}: it is a folder", EXIT_OUTPUT)
        try:
            fd, self._tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        except OSError as exc:
            raise CLIError(f"cannot write {path}: {exc.strerror or exc}", EXIT_OUTPUT) from None
        self.stream = open(fd, "w", encoding="utf-8", newline="")

    @property
    def ascii_only(self) -> bool:
        """True when the stream cannot encode all of Unicode (JSON is then \\u-escaped)."""
        encoding = getattr(self.stream, "encoding", None) or "utf-8"
        return codecs.lookup(encoding).name not in ("utf-8", "utf-16", "utf-32")

    def write(self, s: str) -> None:
        self.stream.write(s)

    def commit(self) -> None:
        """Move the finished temporary file over the target (no-op for stdout)."""
        if self._tmp is None:
            self.stream.flush()
            return
        assert self.path is not None
        try:
            self.stream.close()
            _chmod_like_new_file(self._tmp, self.path)
            os.replace(self._tmp, self.path)
        except OSError as exc:
            raise CLIError(f"cannot write {self.path}: {exc.strerror or exc}", EXIT_OUTPUT) from None
        self._tmp = None

    def discard(self) -> None:
        """Drop the temporary file; an existing target stays untouched."""
        if self._tmp is not None:
            self.stream.close()
            with suppress(OSError):
                os.unlink(self._tmp)
            self._tmp = None


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _chmod_like_new_file(tmp: str, target: str) -> None:
    """Give the temporary file the mode the target has, or a new file would get
    (mkstemp creates files readable by the owner only)."""
    try:
        mode = os.stat(target).st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    os.chmod(tmp, mode)


@contextmanager
def _output(path: Optional[str]) -> Iterator[_Output]:
    """An :class:`_Output`, committed when the block ends without an exception."""
    out = _Output(path)
    try:
        yield out
    except BaseException:
        out.discard()
        raise
    out.commit()


def _configure_stdout() -> None:
    """Never fail on a character the terminal cannot show: escape it instead."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


# --- parse -------------------------------------------------------------------------


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
        rel = "parent unknown" if c.parent_status == "unknown" else "top level"
        if c.parent_status == "top-level" and c.parent_evidence:
            rel += f" ({c.parent_evidence.method} {c.parent_evidence.score:.2f})"
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


def format_thread(fmt: str, ascii_only: bool, name: str, thread: Thread, text: str) -> str:
    """One input's output in ``fmt`` (run in the worker processes with ``-j``).

    ``json`` gives one indented ``{file, thread}`` record (the caller puts the
    records in one array), ``jsonl`` the same record on one line. With
    ``ascii_only`` JSON escapes non-ASCII characters as ``\\uXXXX``.
    """
    if fmt == "text":
        return render_text(thread, name) + "\n"
    if fmt == "markdown":
        return _export_function("to_markdown")(thread, text).rstrip("\n") + "\n"
    record = ParsedFile(file=name, thread=thread)
    if fmt == "jsonl":
        return record.model_dump_json(ensure_ascii=ascii_only) + "\n"
    return record.model_dump_json(indent=2, ensure_ascii=ascii_only)


def _cmd_parse(args: argparse.Namespace) -> int:
    if args.format == "markdown":
        _export_function("to_markdown")  # fail before any work when it is missing
    with _output(args.output) as out:
        transform = partial(format_thread, args.format, out.ascii_only)
        first = True
        if args.format == "json":
            out.write("[")
        for result in _results(args, transform=transform):
            if args.format == "json":
                out.write(("\n  " if first else ",\n  ") + result.output.replace("\n", "\n  "))
            else:
                out.write(("" if first or args.format != "markdown" else "\n") + result.output)
            first = False
        if args.format == "json":
            out.write("]\n" if first else "\n]\n")
        if first and args.output:  # nothing parsed: keep an existing file as it was
            raise CLIError(f"no input could be parsed; {args.output} left unchanged", args.status)
    return args.status


# --- export ------------------------------------------------------------------------


def _export_function(name: str):
    """``threadparse.export.NAME``, or a one-line error when this version lacks it."""
    from . import export

    fn = getattr(export, name, None)
    if fn is None:
        raise CLIError(f"this threadparse has no export.{name}; upgrade threadparse", EXIT_USAGE)
    return fn


def _missing_module(exc: ImportError, target: str) -> CLIError:
    module = exc.name or str(exc)
    return CLIError(f"--to {target} needs the package {module}: pip install {module}", EXIT_USAGE)


def _cmd_export(args: argparse.Namespace) -> int:
    writer = {
        "convokit": "write_convokit", "parquet": "write_parquet",
        "hf": "hf_records", "graphml": "to_networkx",
    }[args.to]
    fn = _export_function(writer)
    target = Path(args.output)
    if args.to == "convokit" and target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise _usage(f"{args.output} exists and is not an empty folder; choose a new folder for the corpus")
    items = [(r.name, r.thread, r.text) for r in _results(args, with_text=True)]
    if not items:
        raise CLIError(f"no input could be parsed; nothing written to {args.output}", args.status)
    try:
        if args.to == "convokit":
            _export_convokit(fn, items, target)
        elif args.to == "parquet":
            _replace_atomically(target, lambda tmp: fn(items, tmp))
        elif args.to == "hf":
            with _output(args.output) as out:
                for row in fn(items):
                    out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        else:
            _export_graphml(fn, items, target)
    except ImportError as exc:
        raise _missing_module(exc, args.to) from None
    except OSError as exc:
        raise CLIError(f"cannot write {args.output}: {exc.strerror or exc}", EXIT_OUTPUT) from None
    return args.status


def _replace_atomically(target: Path, write) -> None:
    """Let ``write(tmp_path)`` write beside ``target``, then move it over ``target``."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        _chmod_like_new_file(tmp, str(target))
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def _export_convokit(write_convokit, items: list, target: Path) -> None:
    """Write the corpus into a new folder beside ``target``, then rename it."""
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        write_convokit(items, tmp)
        tmp.chmod(0o777 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _export_graphml(to_networkx, items: list, target: Path) -> None:
    """One GraphML file for all dumps: node ids are ``DUMP:COMMENT_ID``.

    ``to_networkx`` draws reply and quote edges by default.
    """
    import networkx as nx

    graphs = []
    for name, thread, _text in items:
        g = to_networkx(thread)
        g = nx.relabel_nodes(g, {node: f"{name}:{node}" for node in g.nodes})
        nx.set_node_attributes(g, name, "dump")
        graphs.append(g)
    graph = nx.compose_all(graphs)
    _replace_atomically(target, lambda tmp: nx.write_graphml(graph, tmp))


# --- schema, dialects ------------------------------------------------------------------


def _cmd_schema(args: argparse.Namespace) -> int:
    model = {"record": ParsedFile, "thread": Thread}[args.model]
    with _output(args.output) as out:
        out.write(json.dumps(model.model_json_schema(), indent=2, ensure_ascii=out.ascii_only) + "\n")
    return EXIT_OK


def _cmd_dialects(args: argparse.Namespace) -> int:
    for name in dialects():
        print(f"{name:12} {get_dialect(name).description}")
    return EXIT_OK


# --- eval, render ------------------------------------------------------------------


def _eval_pairs(paths: list[str]) -> list[tuple[str, Path, Path]]:
    """``DUMP GOLD``, or directories holding ``NAME.txt`` + ``NAME.gold.json`` pairs."""
    if len(paths) == 2 and Path(paths[0]).is_file() and Path(paths[1]).is_file():
        return [(Path(paths[0]).stem, Path(paths[0]), Path(paths[1]))]
    pairs = []
    for p in paths:
        d = Path(p)
        if not d.is_dir():
            raise _usage(f"eval: {p} is not a directory (give DUMP GOLD, or DIR...)")
        for gold in sorted(d.glob("*.gold.json")):
            dump = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
            if dump.exists():
                pairs.append((dump.stem, dump, gold))
    if not pairs:
        raise _usage("eval: no NAME.txt + NAME.gold.json pairs found")
    return pairs


def _sample(corpus: str, n: int, seed: int) -> list:
    """The evaluation sample of a corpus folder, or a one-line error."""
    from . import evaluate

    try:
        return evaluate.sample(corpus, n=n, seed=seed)
    except evaluate.GoldError as exc:
        raise CLIError(str(exc), EXIT_INPUT) from None


def _cmd_eval(args: argparse.Namespace) -> int:
    from . import evaluate

    if args.sample:
        cases = _sample(args.sample, args.n, args.seed)
    else:
        cases = []
        for name, dump, gold in _eval_pairs(args.paths):
            try:
                record = evaluate.load_gold(gold)
            except evaluate.GoldError as exc:
                raise CLIError(str(exc), EXIT_INPUT) from None
            cases.append(evaluate.Case(name, _read_path(str(dump)), record))
    show = args.progress or (len(cases) > 5 and sys.stderr.isatty() and not args.json)
    from tqdm import tqdm

    with tqdm(total=len(cases), disable=not show, file=sys.stderr, unit="dump") as bar:
        try:
            report = evaluate.run(cases, baselines=args.baselines, progress=lambda done, _total: bar.update(1))
        except evaluate.GoldError as exc:
            raise CLIError(str(exc), EXIT_INPUT) from None
    with _output(args.output) as out:
        if args.json:
            out.write(json.dumps(report.as_dict(), indent=1) + "\n")
        else:
            for system in report.systems:
                out.write(report.table(system) + "\n\n")
    return EXIT_OK


def _cmd_render(args: argparse.Namespace) -> int:
    out_dir = Path(args.out_dir)
    cases = _sample(args.corpus, args.n, args.seed)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for case in cases:
            (out_dir / f"{case.name}.txt").write_text(case.text, encoding="utf-8", newline="")
            (out_dir / f"{case.name}.gold.json").write_text(json.dumps(case.gold, indent=1), encoding="utf-8")
    except OSError as exc:
        raise CLIError(f"cannot write {out_dir}: {exc.strerror or exc}", EXIT_OUTPUT) from None
    print(f"wrote {len(cases)} dumps with gold records to {out_dir}")
    return EXIT_OK


# --- the parser ----------------------------------------------------------------------


def _jobs(value: str) -> int:
    """argparse type for -j: an int >= 0 (0: one per CPU)."""
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a number of processes >= 0, got {value!r}")
    return n or os.cpu_count() or 1


def _add_batch_options(p: argparse.ArgumentParser) -> None:
    """Options shared by ``parse`` and ``export``: inputs, decoding, jobs, progress."""
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="dump files, folders (searched recursively, see --glob), globs; '-' reads stdin")
    p.add_argument("--glob", default="*.txt", metavar="PATTERN",
                   help="files to take from folders (default: *.txt)")
    p.add_argument("--dialect", default=None, metavar="NAME",
                   help="force a dialect instead of detecting it (see `threadparse dialects`)")
    p.add_argument("--encoding", default=None, metavar="ENC",
                   help="decode inputs with this encoding (default: UTF-8, else detected with a warning)")
    p.add_argument("--captured-at", type=_iso_datetime, default=None, metavar="ISO",
                   help="when the dumps were captured, to date relative ages (default: each file's modification time)")
    p.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                   help="parse with N processes (default: 1; 0: one per CPU)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="threadparse",
        description="Turn scraped comment-thread dumps into a typed reply tree.",
    )
    p.add_argument("--version", action="version", version=f"threadparse {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    pp = sub.add_parser("parse", help="parse dumps and print the reply trees")
    _add_batch_options(pp)
    pp.add_argument("--example", action="store_true", help="parse the example dump shipped with the package")
    pp.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    pp.add_argument("-o", "--output", metavar="PATH", help="write here instead of stdout (replaced atomically)")
    pp.set_defaults(func=_cmd_parse)

    px = sub.add_parser("export", help="parse dumps and write them for another tool")
    _add_batch_options(px)
    px.add_argument("--to", choices=EXPORT_TARGETS, required=True, help="what to write")
    px.add_argument("-o", "--output", metavar="PATH", required=True,
                    help="the folder (convokit) or file to write")
    px.set_defaults(func=_cmd_export)

    ps = sub.add_parser("schema", help="print the JSON Schema of the parse output")
    ps.add_argument("--model", choices=("record", "thread"), default="record",
                    help="record: one {file, thread} row of parse --format json/jsonl (default); thread: a Thread")
    ps.add_argument("-o", "--output", metavar="PATH", help="write here instead of stdout")
    ps.set_defaults(func=_cmd_schema)

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
    pr.add_argument("out_dir", metavar="OUT_DIR")
    pr.add_argument("-n", type=int, default=60)
    pr.add_argument("--seed", type=int, default=0)
    pr.set_defaults(func=_cmd_render)
    return p


def _run(parser: argparse.ArgumentParser, argv: Optional[Sequence[str]]) -> int:
    args = parser.parse_args(argv)
    if args.command == "eval" and not args.sample and not args.paths:
        parser.error("eval needs DUMP GOLD, a directory, or --sample CORPUS_DIR")
    if getattr(args, "dialect", None) is not None and args.dialect not in dialects():
        parser.error(f"unknown dialect {args.dialect!r}; choose one of: {', '.join(dialects())}")
    if getattr(args, "encoding", None) is not None:
        import codecs

        try:
            codecs.lookup(args.encoding)
        except LookupError:
            parser.error(f"unknown encoding {args.encoding!r} (try utf-8, latin-1, cp1252, utf-16)")
    try:
        return args.func(args)
    except CLIError as exc:
        print(f"threadparse {args.command}: {exc}", file=sys.stderr)
        return exc.status


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the exit status (``EXIT_*``)."""
    try:
        _configure_stdout()
        return _run(build_parser(), argv)
    except KeyboardInterrupt:
        print("threadparse: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `threadparse parse big.txt | head`
        # Keep Python from complaining again when it flushes stdout at exit.
        with suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except MemoryError:
        print("threadparse: out of memory (try fewer --jobs, or split the input)", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as exc:  # noqa: BLE001 - the promise: no traceback, ever
        print(f"threadparse: internal error: {type(exc).__name__}: {exc} "
              "(a bug in threadparse; please report it with the command and input)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
