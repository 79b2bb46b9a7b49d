"""What every exporter shares: the input items, dump keys, speaker keys, optional imports."""

from __future__ import annotations

import importlib
import re
from datetime import datetime
from typing import Any, Iterable, Iterator, NamedTuple, Optional

from ..models import Comment, Thread

Item = tuple[str, Thread, str]
"""``(dump_name, thread, text)``: a stable name for the dump (its path or
stem), the thread parsed from it, and the text it was parsed from."""


class Dump(NamedTuple):
    """One validated input item, with ``key``: its name made safe and unique in the export."""

    name: str
    key: str
    thread: Thread
    text: str


_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def dumps(items: Iterable[Item]) -> Iterator[Dump]:
    """Check each ``(dump_name, thread, text)`` item and give it a unique, safe key.

    The key is the name with every run of characters other than ASCII letters,
    digits, ``_``, ``.`` and ``-`` replaced by ``_``; a key already taken by an
    earlier item gets ``-2``, ``-3``... appended, so keys stay unique and
    depend only on the order of the items.
    """
    if isinstance(items, (str, bytes, Thread)) or (
        isinstance(items, tuple) and len(items) == 3 and isinstance(items[1], Thread)
    ):
        raise TypeError(
            "expected an iterable of (dump_name, thread, text) items; "
            "wrap a single dump in a list: [(name, thread, text)]"
        )
    taken: set[str] = set()
    for n, item in enumerate(items):
        if not (isinstance(item, tuple) and len(item) == 3):
            raise TypeError(
                f"item {n}: expected a (dump_name, thread, text) tuple, got {type(item).__name__}"
            )
        name, thread, text = item
        if not isinstance(name, str):
            raise TypeError(f"item {n}: dump_name must be a str, got {type(name).__name__}")
        check_thread(thread, text, where=f"item {n} ({name!r})")
        base = _UNSAFE.sub("_", name).strip("_") or "dump"
        key, k = base, 1
        while key in taken:
            k += 1
            key = f"{base}-{k}"
        taken.add(key)
        yield Dump(name, key, thread, text)


def check_thread(thread: Thread, text: Optional[str] = None, *, where: str = "") -> None:
    """Raise ``TypeError``/``ValueError`` unless ``thread`` is a Thread (and ``text`` the str it was parsed from)."""
    prefix = f"{where}: " if where else ""
    if not isinstance(thread, Thread):
        raise TypeError(f"{prefix}expected a threadparse.Thread, got {type(thread).__name__}")
    if text is None:
        return
    if not isinstance(text, str):
        raise TypeError(f"{prefix}text must be the str the thread was parsed from, got {type(text).__name__}")
    if len(text) != thread.length:
        raise ValueError(
            f"{prefix}text has {len(text)} characters but the thread was parsed from "
            f"{thread.length}: pass the text the thread was parsed from"
        )


def speaker_key(comment: Comment, utterance: str) -> str:
    """A speaker id that is the same in every dump: the casefolded name with
    whitespace runs collapsed; ``anonymous:`` + the comment's export-wide id
    (``utterance``) when the name is unknown, so unknown authors stay apart."""
    if comment.speaker.name:
        return " ".join(comment.speaker.name.split()).casefold()
    return f"anonymous:{utterance}"


def utterance_id(dump_key: str, comment_id: str) -> str:
    """The export-wide id of a comment: ``DUMP:COMMENT`` (``hn_1.txt:c3``)."""
    return f"{dump_key}:{comment_id}"


def posted_at(comment: Comment) -> Optional[datetime]:
    """The comment's posting time (aware UTC) or ``None``."""
    return comment.header.posted_at if comment.header else None


def iso_utc(when: Optional[datetime]) -> Optional[str]:
    """An aware UTC datetime as ISO 8601 with a ``Z`` (``2024-03-03T09:05:00Z``), or ``None``."""
    return None if when is None else when.isoformat().replace("+00:00", "Z")


def require(module: str, feature: str, extra: str) -> Any:
    """Import an optional dependency, or raise ``ImportError`` saying how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            f"{feature} needs {module}: pip install 'threadparse[{extra}]'"
        ) from exc
