"""Dump dialects: how one family of sites prints headers, chrome and quotes.

A dialect is one module in this package that defines a :class:`Dialect`
subclass and decorates it with :func:`register`. Modules here are discovered
automatically, so adding a dialect means adding one file (see
``docs/pipeline.md``).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Optional

from ..text import Line

_REGISTRY: dict[str, "Dialect"] = {}


@dataclass
class LineMark:
    """What a dialect says about one or more physical lines.

    ``kind`` is ``"header"`` (a comment header; ``fields`` holds parsed values) or
    ``"chrome"`` (page furniture of ``chrome_kind``). ``lines`` is how many
    physical lines, starting at the marked one, belong to it.
    """

    kind: str
    lines: int = 1
    chrome_kind: Optional[str] = None
    fields: dict[str, Any] = field(default_factory=dict)


class Dialect:
    """Base class. Subclasses override :meth:`score` and :meth:`mark_lines`."""

    name: str = ""
    description: str = ""

    def score(self, text: str, lines: list[Line]) -> float:
        """How strongly ``text`` looks like this dialect, 0..1."""
        return 0.0

    def mark_lines(self, text: str, lines: list[Line]) -> dict[int, LineMark]:
        """Headers and chrome, keyed by the index of their first physical line."""
        return {}


def register(cls: type[Dialect]) -> type[Dialect]:
    """Class decorator that makes a dialect available by its ``name``."""
    if not cls.name:
        raise ValueError(f"dialect class {cls.__name__} needs a non-empty `name`")
    _REGISTRY[cls.name] = cls()
    return cls


def _load_builtin() -> None:
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


def available() -> list[str]:
    """Names of the known dialects, sorted."""
    return sorted(_REGISTRY)


def get(name: str) -> Dialect:
    """Return the dialect called ``name`` or raise a ``ValueError`` listing valid names."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ValueError(
            f"unknown dialect {name!r}; choose one of {', '.join(available())} "
            f"or pass dialect=None to detect it"
        ) from None


def detect(text: str, lines: list[Line]) -> tuple[Dialect, float]:
    """Pick the dialect with the most evidence; ``plain`` when nothing else fits."""
    best, best_score = _REGISTRY["plain"], 0.0
    for name in available():
        if name == "plain":
            continue
        s = _REGISTRY[name].score(text, lines)
        if s > best_score:
            best, best_score = _REGISTRY[name], s
    if best_score < 0.3:
        return _REGISTRY["plain"], 1.0 - best_score
    return best, best_score


_load_builtin()
