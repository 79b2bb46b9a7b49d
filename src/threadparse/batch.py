"""Many dumps at once: :func:`parse_many`, :func:`parse_results` and :func:`read_dump`.

>>> import threadparse
>>> texts = [threadparse.example_text(), "Just one comment."]
>>> [len(t.comments) for t in threadparse.parse_many(texts)]
[3, 1]

How an input is told apart: a ``str`` is always the **text** of a dump; an
``os.PathLike`` (``pathlib.Path``) is a **file** to read; a ``(name, text)``
pair is a text with a name for messages. So ``parse_many(["a.txt"])`` parses
the five characters ``a.txt``; write ``parse_many([Path("a.txt")])`` for the
file. ``bytes`` are refused: decode them, or write them to a file.

Files are read as bytes and decoded by :func:`read_dump`: as UTF-8, or as
``encoding=`` when given; text that is not UTF-8 is decoded with the encoding
that charset-normalizer detects (the result says so), and binary files
(NUL characters, or no text encoding fits) are refused with
:class:`BinaryInputError`.

With ``jobs=N`` (N > 1) the dumps are parsed by N worker processes. Results
come back in input order, as a stream: at most a few chunks per worker are in
flight, so memory stays bounded however many inputs there are, and ``inputs``
may be a lazy iterator.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from pydantic import BaseModel, Field
from pydantic_core import PydanticSerializationError

from .config import ParseConfig
from .models import Thread, _Frozen

Input = Union[str, "os.PathLike[str]", tuple[str, str]]

# Chunks of work kept in flight per worker process: enough to keep every
# worker busy while the parent unpickles results, few enough to bound memory.
_CHUNKS_PER_WORKER = 3


class InputError(Exception):
    """An input could not be turned into text (unreadable, undecodable, binary)."""


class BinaryInputError(InputError):
    """The input is binary data, not text."""


class ParsedFile(_Frozen):
    """One dump as the command line prints it: its name and its parsed thread.

    ``threadparse parse --format jsonl`` prints one of these per line, and
    ``--format json`` prints an array of them; ``threadparse schema`` prints
    this model's JSON Schema.
    """

    file: str = Field(description="The input's name: the path as given, '-' for stdin, '<example>'.")
    thread: Thread


@dataclass(frozen=True)
class Decoded:
    """A dump decoded to text, and how."""

    text: str
    encoding: str
    detected: bool = False  # True when the encoding was guessed because UTF-8 failed


@dataclass(frozen=True)
class ParseResult:
    """The outcome for one input of :func:`parse_results`.

    ``error`` is a one-line message when the input failed; ``error_kind`` is
    then ``"input"`` (the input could not be read or decoded) or
    ``"internal"`` (the parser failed: a bug worth reporting). Otherwise
    ``thread`` is set (unless a ``transform`` ran in a worker process: then
    only its ``output`` comes back), ``text`` is the decoded dump when
    ``with_text=True`` was asked, and ``encoding`` says how a file was decoded
    (None for a text given as a ``str``).
    """

    name: str
    thread: Optional[Thread] = None
    text: Optional[str] = None
    encoding: Optional[str] = None
    detected_encoding: bool = False
    error: Optional[str] = None
    error_kind: Optional[str] = None
    output: Any = None


def decode_dump(data: bytes, *, encoding: Optional[str] = None, name: str = "input") -> Decoded:
    """Decode a dump's bytes to text, keeping line endings and a BOM.

    With ``encoding`` the bytes must decode with it (strictly). Without, they
    are read as UTF-8; if that fails, charset-normalizer picks the encoding and
    the result has ``detected=True``. NUL characters, or bytes no text encoding
    fits, raise :class:`BinaryInputError`; an ``encoding`` that does not fit
    raises :class:`InputError`.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode_dump expects bytes, got {type(data).__name__}")
    data = bytes(data)
    if encoding is not None:
        try:
            decoded = Decoded(data.decode(encoding), encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name} is not valid {encoding} ({exc.reason} at byte {exc.start}); "
                "leave out --encoding to detect the encoding"
            ) from None
    else:
        try:
            decoded = Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            decoded = _detect(data, name)
        if "\x00" in decoded.text and not decoded.detected:
            decoded = _detect(data, name)  # e.g. UTF-16 text is valid UTF-8 full of NULs
    if "\x00" in decoded.text:
        raise BinaryInputError(f"{name} is binary (it holds NUL characters), not a text dump")
    return decoded


def _detect(data: bytes, name: str) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BinaryInputError(f"{name} is binary (no text encoding fits its bytes), not a text dump")
    return Decoded(str(best), best.encoding, detected=True)


def read_dump(path: Union[str, "os.PathLike[str]"], *, encoding: Optional[str] = None) -> Decoded:
    """Read a dump file and decode it with :func:`decode_dump`.

    Raises :class:`InputError` (or its subclass :class:`BinaryInputError`)
    with a one-line message when the file cannot be read or decoded.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"read_dump expects a file path (str or pathlib.Path), got {type(path).__name__}")
    name = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
    return decode_dump(data, encoding=encoding, name=name)


def _with_capture_time(path: Path, config: Optional[ParseConfig]) -> Optional[ParseConfig]:
    """``config`` with ``captured_at`` set to the file's modification time, when
    ParseConfig has that field and it is not set yet (relative ages such as
    "2 hours ago" are dated from it)."""
    if "captured_at" not in ParseConfig.model_fields:
        return config
    config = config or ParseConfig()
    if getattr(config, "captured_at") is not None:
        return config
    mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    return config.replace(captured_at=mtime)


@dataclass(frozen=True)
class _Options:
    """What every input of one batch is parsed with (sent to each worker)."""

    encoding: Optional[str]
    with_text: bool
    keep_thread: bool
    transform: Optional[Callable[[str, Thread, str], Any]]
    parse_kwargs: dict[str, Any]


def _parse_one(item: tuple[str, Optional[Path], Optional[str]], options: _Options) -> ParseResult:
    """Read (if a file), decode, parse and transform one input; never raises for a bad input."""
    from . import parse

    name, path, text = item
    kwargs = options.parse_kwargs
    encoding, detected = None, False
    if path is not None:
        try:
            decoded = read_dump(path, encoding=options.encoding)
            kwargs = {**kwargs, "config": _with_capture_time(path, kwargs.get("config"))}
        except InputError as exc:
            return ParseResult(name, error=str(exc), error_kind="input")
        except OSError as exc:  # the file vanished between reading and stat()
            return ParseResult(name, error=f"cannot read {name}: {exc.strerror or exc}", error_kind="input")
        text, encoding, detected = decoded.text, decoded.encoding, decoded.detected
    assert text is not None
    try:
        thread = parse(text, **kwargs)
        output = options.transform(name, thread, text) if options.transform else None
    except Exception as exc:  # noqa: BLE001 - reported per input, the batch goes on
        return ParseResult(
            name, error=f"internal error while parsing {name}: {type(exc).__name__}: {exc}",
            error_kind="internal",
        )
    return ParseResult(
        name, thread=thread, text=text if options.with_text else None,
        encoding=encoding, detected_encoding=detected, output=output,
    )


def _parse_chunk(chunk: list[tuple[str, Optional[Path], Optional[str]]],
                 options: _Options) -> list[tuple[ParseResult, Any]]:
    """Worker side: parse a chunk; each thread travels as JSON bytes.

    Rebuilding a Thread from JSON (``model_validate_json``) costs the parent
    about half of what unpickling the models costs; a thread whose text JSON
    cannot carry (lone surrogates) travels pickled, so it comes back exact.
    """
    out = []
    for item in chunk:
        result = _parse_one(item, options)
        payload: Any = None
        if result.thread is not None and options.keep_thread:
            try:
                payload = BaseModel.model_dump_json(result.thread).encode("utf-8")
            except PydanticSerializationError:
                payload = result.thread
        out.append((replace(result, thread=None), payload))
    return out


def _rebuild(result: ParseResult, payload: Any) -> ParseResult:
    """Parent side: put the thread a worker sent back into its result."""
    if payload is None:
        return result
    # strict: the payload is our own serialisation, so no coercion is needed (and skipping it is faster)
    thread = Thread.model_validate_json(payload, strict=True) if isinstance(payload, bytes) else payload
    return replace(result, thread=thread)


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops them (no tracebacks from children)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _normalise(inputs: Iterable[Input]) -> Iterator[tuple[str, Optional[Path], Optional[str]]]:
    """``(name, path, text)`` per input, lazily; a TypeError for anything else."""
    for i, item in enumerate(inputs):
        if isinstance(item, str):
            yield f"<text {i}>", None, item
        elif isinstance(item, os.PathLike):
            yield os.fspath(item), Path(item), None
        elif (isinstance(item, tuple) and len(item) == 2
              and isinstance(item[0], str) and isinstance(item[1], str)):
            yield item[0], None, item[1]
        elif isinstance(item, (bytes, bytearray, memoryview)):
            raise TypeError(
                f"input {i} is bytes; decode it (threadparse.batch.decode_dump) or pass a pathlib.Path"
            )
        else:
            raise TypeError(
                f"input {i} is {type(item).__name__}; give a str (the dump's text), "
                "a pathlib.Path (a file) or a (name, text) pair"
            )


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    """Lists of ``size`` consecutive items (the last one may be shorter)."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _check_options(jobs: Any, chunksize: Any, encoding: Any, parse_kwargs: dict[str, Any]) -> int:
    """Check the arguments before any work starts (not in a worker); return
    the number of processes."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise TypeError(f"jobs must be an int >= 0 (0: one per CPU), got {jobs!r}")
    if chunksize is not None and (isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1):
        raise TypeError(f"chunksize must be an int >= 1 or None, got {chunksize!r}")
    if encoding is not None:
        if not isinstance(encoding, str):
            raise TypeError(f"encoding must be a str such as 'latin-1', or None, got {type(encoding).__name__}")
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValueError(f"unknown encoding {encoding!r}") from None
    unknown = set(parse_kwargs) - {"dialect", "config", "pipeline"}
    if unknown:
        raise TypeError(f"unexpected keyword argument(s) {sorted(unknown)}; parse() takes dialect, config, pipeline")
    from . import Pipeline, dialects

    dialect = parse_kwargs.get("dialect")
    if dialect is not None:
        if not isinstance(dialect, str):
            raise TypeError(f"dialect must be a str or None, got {type(dialect).__name__}")
        if dialect not in dialects():
            raise ValueError(f"unknown dialect {dialect!r}; choose one of: {', '.join(dialects())}")
    config = parse_kwargs.get("config")
    if config is not None and not isinstance(config, ParseConfig):
        raise TypeError(f"config must be a threadparse.ParseConfig, got {type(config).__name__}")
    pipeline = parse_kwargs.get("pipeline")
    if pipeline is not None and not isinstance(pipeline, Pipeline):
        raise TypeError(f"pipeline must be a threadparse.Pipeline, got {type(pipeline).__name__}")
    return jobs or os.cpu_count() or 1


def parse_results(
    inputs: Iterable[Input],
    *,
    jobs: int = 1,
    encoding: Optional[str] = None,
    progress: bool = False,
    with_text: bool = False,
    transform: Optional[Callable[[str, Thread, str], Any]] = None,
    chunksize: Optional[int] = None,
    **parse_kwargs: Any,
) -> Iterator[ParseResult]:
    """Like :func:`parse_many`, but one :class:`ParseResult` per input, in order,
    never stopping at a bad input (the command line's engine).

    ``transform(name, thread, text)``, when given, runs right after each parse,
    in the worker process, and its return value becomes ``output``; with
    ``jobs > 1`` the thread itself then stays in the worker (the command line
    formats its output this way, so the parent only writes strings).
    ``parse_kwargs`` (``dialect=``, ``config=``, ``pipeline=``) go to
    :func:`threadparse.parse`. With ``jobs > 1``, ``transform`` and
    ``parse_kwargs`` must be picklable (a module-level function, a
    ``functools.partial`` of one). ``progress=True`` shows a tqdm progress
    bar on stderr.
    """
    jobs = _check_options(jobs, chunksize, encoding, parse_kwargs)
    if transform is not None and not callable(transform):
        raise TypeError(f"transform must be a function (name, thread, text) -> value, got {type(transform).__name__}")
    options = _Options(encoding, with_text, transform is None, transform, parse_kwargs)
    total = len(inputs) if hasattr(inputs, "__len__") else None  # type: ignore[arg-type]
    if chunksize is None:
        # Chunks amortise the cost of a task; small enough to balance the load.
        chunksize = max(1, min(8, (total or 0) // (jobs * 16))) if jobs > 1 else 1
    items = _normalise(inputs)
    from tqdm import tqdm

    if jobs == 1:
        with tqdm(total=total, disable=not progress, file=sys.stderr, unit="dump") as bar:
            for item in items:
                yield _parse_one(item, options)
                bar.update(1)
        return

    import multiprocessing

    # The pool forks its workers now, before tqdm starts its monitor thread.
    pool = multiprocessing.Pool(jobs, initializer=_ignore_sigint)
    try:
        with tqdm(total=total, disable=not progress, file=sys.stderr, unit="dump") as bar:
            pending: deque = deque()
            for chunk in _chunks(items, chunksize):
                pending.append(pool.apply_async(_parse_chunk, (chunk, options)))
                if len(pending) < jobs * _CHUNKS_PER_WORKER:
                    continue
                for result, payload in pending.popleft().get():
                    yield _rebuild(result, payload)
                    bar.update(1)
            while pending:
                for result, payload in pending.popleft().get():
                    yield _rebuild(result, payload)
                    bar.update(1)
        pool.close()
    finally:
        pool.terminate()  # stops workers at once on Ctrl-C, an error, or when the caller stops early
        pool.join()


def parse_many(
    inputs: Iterable[Input],
    *,
    jobs: int = 1,
    dialect: Optional[str] = None,
    encoding: Optional[str] = None,
    progress: bool = False,
    **parse_kwargs: Any,
) -> Iterator[Thread]:
    """Parse many dumps; yield their :class:`~threadparse.Thread` s in input order.

    ``inputs``: ``str`` texts, ``pathlib.Path`` files (any ``os.PathLike``) or
    ``(name, text)`` pairs; a ``str`` is never taken for a file name (see the
    module docstring). ``jobs``: worker processes (1: parse here, in this
    process; 0: one per CPU). ``encoding``: how files are decoded (default:
    UTF-8, else detected; see :func:`read_dump`). ``progress``: a progress bar
    on stderr. Other keywords (``config=``, ``pipeline=``) go to
    :func:`threadparse.parse`. When ``ParseConfig`` has a ``captured_at`` field
    and the config leaves it unset, a file's modification time is used.

    It is a generator: inputs are read lazily and at most a few per worker
    are in flight. The first input that cannot be read or decoded raises
    :class:`InputError` naming it, and one the parser fails on raises
    ``RuntimeError`` naming it (a bug worth reporting); use
    :func:`parse_results` to go on past bad inputs.
    """
    for result in parse_results(
        inputs, jobs=jobs, dialect=dialect, encoding=encoding, progress=progress, **parse_kwargs
    ):
        if result.error_kind == "input":
            raise InputError(result.error)
        if result.error is not None:
            raise RuntimeError(result.error)
        assert result.thread is not None
        yield result.thread
