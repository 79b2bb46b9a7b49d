"""Helpers several dialects share (a private module: not a dialect itself)."""

from __future__ import annotations

import re
from typing import Iterable, Optional

from ..text import Line

_NONSPACE = re.compile(r"\S")


class LinePage:
    """Stripped line contents, computed once per line.

    Lines longer than ``max_line`` are never headers or chrome: ``get`` returns
    ``None`` for them (and past the first ``limit`` lines), ``""`` for blank
    lines, so callers never run a pattern over a huge line.
    """

    def __init__(self, text: str, lines: list[Line], limit: int, max_line: int) -> None:
        self.text, self.lines, self.n = text, lines, min(len(lines), limit)
        self.max_line = max_line
        self._cache: dict[int, str] = {}

    def get(self, i: int) -> Optional[str]:
        """The stripped line, ``""`` when blank, ``None`` when out of range or too long."""
        if i < 0 or i >= self.n:
            return None
        s = self._cache.get(i)
        if s is None:
            ln = self.lines[i]
            if ln.end - ln.start > self.max_line:
                s = "\0" if _NONSPACE.search(self.text, ln.start, ln.end) else ""
            else:
                s = self.text[ln.start : ln.end].strip()
            self._cache[i] = s
        return None if s == "\0" else s

    def tail(self, i: int, width: int = 16) -> Optional[str]:
        """The stripped end of line ``i`` however long it is (``None`` when out of
        range): enough to see how a long line of text ends."""
        if i < 0 or i >= self.n:
            return None
        ln = self.lines[i]
        return self.text[max(ln.start, ln.end - width - 64) : ln.end].strip()[-width:]

    def next_nonblank(self, i: int, gap: int) -> int:
        """The next non-blank line after ``i`` within ``gap`` blank lines, or -1."""
        k, blanks = i + 1, 0
        while k < self.n and blanks <= gap:
            s = self.get(k)
            if s is None:
                return -1
            if s:
                return k
            blanks += 1
            k += 1
        return -1

    def prev_nonblank(self, i: int, floor: int, gap: int) -> int:
        """The previous non-blank line before ``i`` (not below ``floor``), or -1."""
        j, blanks = i - 1, 0
        while j >= floor and blanks <= gap:
            s = self.get(j)
            if s is None:
                return -1
            if s:
                return j
            blanks += 1
            j -= 1
        return -1


def chrome_kind(s: str, patterns: Iterable[tuple[re.Pattern, str]], max_len: int) -> Optional[str]:
    """The kind of the first chrome pattern that matches the whole line."""
    if len(s) > max_len:
        return None
    for pattern, kind in patterns:
        if pattern.fullmatch(s):
            return kind
    return None
