"""threadparse: scraped comment-thread dumps back into a typed reply tree.

>>> import threadparse
>>> thread = threadparse.parse(threadparse.example_text())
>>> [c.id for c in thread.comments][:3]
['c1', 'c2', 'c3']

Every block, duplicate, header and chrome piece carries ``start``/``end``
offsets into the string you passed; the text itself is never rewritten.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from importlib import resources
from typing import Iterator, Optional

from . import dialects as _dialects
from .batch import InputError, ParsedFile, parse_many
from .build import build_thread
from .config import ParseConfig
from .models import (
    SCHEMA_VERSION,
    Block,
    Chrome,
    Comment,
    DialectInfo,
    Duplicate,
    Evidence,
    Header,
    ProseBlock,
    QuoteBlock,
    QuoteSource,
    Span,
    Speaker,
    SpeakerEntry,
    Thread,
)
from .pipeline import TRIM_FROM_CHARS, Pipeline, StageError, release_free_memory
from .verify import CoverageError, verify

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION", "Block", "Chrome", "Comment", "CoverageError", "DialectInfo",
    "Duplicate", "Evidence", "Header", "InputError", "ParseConfig", "ParsedFile", "Pipeline",
    "ProseBlock", "QuoteBlock", "QuoteSource", "Span", "Speaker", "SpeakerEntry", "StageError",
    "Thread", "dialects", "example_text", "parse", "parse_many", "verify", "__version__",
]


def dialects() -> list[str]:
    """Names accepted by ``parse(..., dialect=...)``."""
    return _dialects.available()


def parse(
    text: str,
    *,
    dialect: Optional[str] = None,
    config: Optional[ParseConfig] = None,
    pipeline: Optional[Pipeline] = None,
) -> Thread:
    """Parse a raw thread dump into a :class:`Thread`.

    ``dialect`` forces a format (see :func:`dialects`); by default it is
    detected from the text. Any ``str`` is accepted: empty or whitespace-only
    text gives an empty thread. ``config`` tunes the stages
    (:class:`ParseConfig`); ``pipeline`` replaces the standard stages
    (:class:`Pipeline`). Wrong argument types raise ``TypeError``.

    For many dumps, or files, see :func:`parse_many`.
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise TypeError(
            "threadparse.parse expects str, got bytes; decode it first, "
            "e.g. parse(data.decode('utf-8', errors='replace'))"
        )
    if not isinstance(text, str):
        raise TypeError(f"threadparse.parse expects str, got {type(text).__name__}")
    if dialect is not None:
        if not isinstance(dialect, str):
            raise TypeError(f"dialect must be a str or None, got {type(dialect).__name__}")
        _dialects.get(dialect)  # raises ValueError listing the valid names
    if config is not None and not isinstance(config, ParseConfig):
        raise TypeError(
            f"config must be a threadparse.ParseConfig, got {type(config).__name__}; "
            "build one with ParseConfig(**options)"
        )
    if pipeline is not None and not isinstance(pipeline, Pipeline):
        raise TypeError(
            f"pipeline must be a threadparse.Pipeline, got {type(pipeline).__name__}; "
            "build one with Pipeline() and edit it with .add/.replace/.remove "
            "(to force a dump format, pass dialect=NAME)"
        )
    with _gc_paused():
        doc = (pipeline or Pipeline()).run(text, config=config, dialect=dialect)
        _drop_working_state(doc)
        if len(text) >= TRIM_FROM_CHARS:
            release_free_memory()  # the working state's tables, before the models are made
        return build_thread(doc)


def _drop_working_state(doc) -> None:
    """Free the layers only the stages read (the reuse index, physical lines,
    cues, addressing) before the output models are built, so the two are not
    in memory at once. :func:`~threadparse.build.build_thread` reads units,
    quotes, attributions, duplicates and comments only."""
    doc.reuse = None
    doc.lines = []
    doc.cues = {}
    doc.addressing = {}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one parse.

    A parse allocates millions of small, long-lived, acyclic objects; the
    collector rescans them again and again, which made a 50 MB mixed-style
    dump take 32 s instead of 23 s (bench/bench_parse.py --styles all).
    Reference counting still frees everything; the caller's setting is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def example_text() -> str:
    """The invented example dump shipped with the package (used by the README)."""
    return resources.files("threadparse").joinpath("examples/forum_dump.txt").read_text("utf-8")
