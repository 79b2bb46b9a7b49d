"""The pipeline runner: named, ordered, swappable stages over one document.

>>> from threadparse.pipeline import Pipeline
>>> Pipeline().names
['segment', 'quotes', 'dedup', 'speakers']

A stage is any callable taking a :class:`~threadparse.document.Document` with a
``name`` attribute, and optionally ``reads``/``writes`` tuples naming the
layers it uses. The runner checks that every layer a stage reads was written
by an earlier stage, and names the stage when one fails.
"""

from __future__ import annotations

from typing import Iterable, Optional, Protocol

from .config import ParseConfig
from .dedup import Deduplicator
from .document import Document
from .markup import working_copy
from .quotes import QuoteDetector
from .segment import Segmenter
from .speakers import SpeakerAttributor

_BASE_LAYERS = frozenset({"text", "config"})

# Texts from this many characters on give the C heap's free pages back to the
# system after each stage (see release_free_memory).
TRIM_FROM_CHARS = 1 << 18
_TRIM: list = []  # [malloc_trim or None], looked up on first use


def release_free_memory() -> bool:
    """Return the C allocator's free pages to the system (glibc's
    ``malloc_trim(0)``); ``False`` where there is no such call.

    A stage frees its large tables (dictionaries, lists, arrays: C heap
    memory) when it ends, but the many small objects the next stages make
    come from Python's own allocator, which takes fresh pages from the
    system: without this, the freed heap pages stay in the process and the
    peak memory of a parse is their sum (issue #9, docs/speed.md,
    *Memory pass*). It changes no object and takes well under a millisecond.
    """
    if not _TRIM:
        fn = None
        try:
            import ctypes  # noqa: PLC0415

            fn = ctypes.CDLL(None).malloc_trim
            fn.argtypes, fn.restype = [ctypes.c_size_t], ctypes.c_int
        except Exception:  # no ctypes, no C library handle (Windows), no malloc_trim (macOS, musl)
            fn = None
        _TRIM.append(fn)
    if _TRIM[0] is None:
        return False
    _TRIM[0](0)
    return True


class Stage(Protocol):
    name: str

    def __call__(self, doc: Document) -> None: ...


class StageError(RuntimeError):
    """A stage failed or was misplaced; the message names it. When the stage
    raised, the original error is ``__cause__``."""


def default_stages() -> list[Stage]:
    """The four standard stages, in order."""
    return [Segmenter(), QuoteDetector(), Deduplicator(), SpeakerAttributor()]


class Pipeline:
    """An ordered list of named stages.

    Change it with :meth:`add` (``before=``/``after=`` a named stage),
    :meth:`replace` and :meth:`remove`; unknown names raise ``KeyError`` listing
    the names that exist.
    """

    def __init__(self, stages: Optional[Iterable[Stage]] = None) -> None:
        self._stages: list[Stage] = list(default_stages() if stages is None else stages)
        names = [s.name for s in self._stages]
        if len(set(names)) != len(names):
            raise ValueError(f"stage names must be unique, got {names}")

    @property
    def names(self) -> list[str]:
        return [s.name for s in self._stages]

    def _position(self, name: str) -> int:
        for i, s in enumerate(self._stages):
            if s.name == name:
                return i
        raise KeyError(f"no stage named {name!r}; the pipeline has {self.names}")

    def get(self, name: str) -> Stage:
        return self._stages[self._position(name)]

    def add(self, stage: Stage, *, before: Optional[str] = None, after: Optional[str] = None) -> None:
        """Insert ``stage``; at the end unless ``before`` or ``after`` names a stage."""
        if before is not None and after is not None:
            raise ValueError("pass either before= or after=, not both")
        if stage.name in self.names:
            raise ValueError(f"a stage named {stage.name!r} is already in the pipeline")
        if before is not None:
            self._stages.insert(self._position(before), stage)
        elif after is not None:
            self._stages.insert(self._position(after) + 1, stage)
        else:
            self._stages.append(stage)

    def replace(self, name: str, stage: Stage) -> None:
        self._stages[self._position(name)] = stage

    def remove(self, name: str) -> None:
        del self._stages[self._position(name)]

    def run(self, text: str, *, config: Optional[ParseConfig] = None, dialect: Optional[str] = None) -> Document:
        """Run every stage over a new document for ``text`` and return it."""
        config = config or ParseConfig()
        work = working_copy(text) if config.markup else None
        if work is None:
            doc = Document(text=text, config=config, requested_dialect=dialect)
        else:  # left-over HTML: the stages read a same-length copy without it
            doc = Document(text=work, config=config, requested_dialect=dialect, raw=text)
        written = set(_BASE_LAYERS)
        for stage in self._stages:
            missing = [r for r in getattr(stage, "reads", ()) if r not in written]
            if missing:
                raise StageError(
                    f"stage {stage.name!r} reads {missing}, which no earlier stage writes; "
                    f"order is {self.names}"
                )
            try:
                stage(doc)
            except Exception as exc:  # re-raised with the stage named
                raise StageError(f"stage {stage.name!r} failed: {exc}") from exc
            written.update(getattr(stage, "writes", ()))
            doc.completed.append(stage.name)
            if len(text) >= TRIM_FROM_CHARS:
                release_free_memory()
        return doc

