"""Helpers several dialects share (a private module: not a dialect itself)."""

from __future__ import annotations

import importlib
import re
from typing import Iterable, Optional

from ..text import Line

_NONSPACE = re.compile(r"\S")


class LinePage:
    """Stripped line contents, computed once per line.

    Lines longer than ``max_line`` are never headers or chrome: ``get`` returns
    ``None`` for them (and past the first ``limit`` lines), ``""`` for blank
    lines, so callers never run a pattern over a huge line.

    ``stripped`` holds what ``get`` returns for each line below ``n``, computed
    in one pass up front (every dialect reads nearly every line).
    """

    def __init__(self, text: str, lines: list[Line], limit: int, max_line: int) -> None:
        self.text, self.lines, self.n = text, lines, min(len(lines), limit)
        self.max_line = max_line
        self.stripped: list[Optional[str]] = [
            text[a:b].strip() if b - a <= max_line
            else (None if _NONSPACE.search(text, a, b) else "")
            for _, a, b in (lines if self.n == len(lines) else lines[: self.n])
        ]

    def get(self, i: int) -> Optional[str]:
        """The stripped line, ``""`` when blank, ``None`` when out of range or too long."""
        return self.stripped[i] if 0 <= i < self.n else None

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
    entry = _COMBINED.get(id(patterns))
    if entry is not None and entry[0] is patterns:
        combined = entry[1]
    else:
        combined = _combined(patterns) if isinstance(patterns, (list, tuple)) else None
    if combined is not None:
        pattern, names, memo, reduced, guards = combined
        short = len(s) <= _MEMO_CHARS
        if short:
            kind = memo.get(s, _UNSEEN)
            if kind is not _UNSEEN:
                return kind
        for lit in guards:
            if lit in s:
                break
        else:
            if guards:
                # no branch that needs one of these literals can match: the
                # others alone (same order, same first match)
                pattern, names = reduced
        m = pattern.fullmatch(s) if pattern is not None else None
        # (branches hold no groups of their own: the last group is the branch)
        kind = names[m.lastgroup] if m is not None else None
        if short:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[s] = kind
        return kind
    for pattern, kind in patterns:
        if pattern.fullmatch(s):
            return kind
    return None


# Chrome lines recur ("Reply", "Share", "12 Likes"): each combined list keeps
# its answers for the short lines it has seen (a pure function of the line),
# up to _MEMO_SIZE of them. Long lines are mostly prose, seen once.
_UNSEEN = object()
_MEMO_SIZE = 4096
_MEMO_CHARS = 40


# A dialect's chrome list as one alternation, ``(?P<_c0>p0)|(?P<_c1>p1)|...``:
# one fullmatch instead of one per pattern. A fullmatch of an alternation takes
# the first branch that matches the whole line, as the loop does. Lists whose
# patterns differ in flags, hold groups or inline flags keep the loop.
_COMBINED: dict[int, tuple] = {}
_INLINE_FLAGS = re.compile(r"\(\?[a-zA-Z]+\)")


def _combined(patterns) -> Optional[tuple]:
    entry = _COMBINED.get(id(patterns))
    if entry is not None and entry[0] is patterns:
        return entry[1]
    combined = None
    pats = list(patterns)
    if pats and all(isinstance(p, tuple) and len(p) == 2 for p in pats):
        first = pats[0][0]
        kind_ok = all(
            type(p) is type(first) and p.flags == first.flags and p.groups == 0
            and isinstance(p.pattern, str) and not _INLINE_FLAGS.search(p.pattern)
            for p, _ in pats
        )
        if kind_ok:
            try:
                module = importlib.import_module(type(first).__module__.lstrip("_").split(".")[0])
                source = "|".join(f"(?P<_c{i}>{p.pattern})" for i, (p, _) in enumerate(pats))
                pattern = module.compile(source, first.flags)
                # Branches that may start anywhere ("[^\n]{1,80} is a question
                # and answer site ...") cost most of a failed fullmatch: they
                # run only on lines holding a literal every match of theirs holds.
                guard = [None if first.flags & _CASE_FLAGS else _guard_literal(p.pattern) for p, _ in pats]
                rest = [i for i, lit in enumerate(guard) if lit is None]
                reduced: tuple = (None, {})
                if len(rest) < len(pats) and rest:
                    reduced = (
                        module.compile("|".join(f"(?P<_c{i}>{pats[i][0].pattern})" for i in rest), first.flags),
                        {f"_c{i}": pats[i][1] for i in rest},
                    )
                guards = tuple(lit for lit in guard if lit is not None)
                combined = (pattern, {f"_c{i}": kind for i, (_, kind) in enumerate(pats)}, {}, reduced, guards)
            except Exception:  # noqa: BLE001 - any doubt: keep the loop
                combined = None
    _COMBINED[id(patterns)] = (patterns, combined)
    return combined


_CASE_FLAGS = re.IGNORECASE | re.VERBOSE


def _guard_literal(source: str) -> Optional[str]:
    """For a pattern that may start with any character (its first item is a
    repeat of a negated class or of ``.``), the longest run of literal
    characters at its top level: every match holds it. ``None`` for other
    patterns, or when the source does not parse as a ``re`` pattern."""
    try:
        from re import _parser  # noqa: PLC0415
        items = list(_parser.parse(source))
    except Exception:  # noqa: BLE001 - any doubt: no guard
        return None
    if not items or items[0][0] not in (_parser.MAX_REPEAT, _parser.MIN_REPEAT):
        return None
    body = items[0][1][2]
    if not (len(body) == 1 and (body[0][0] in (_parser.NOT_LITERAL, _parser.ANY)
                                or (body[0][0] == _parser.IN and body[0][1][:1] == [(_parser.NEGATE, None)]))):
        return None
    best, run = "", []
    for op, arg in items + [(None, None)]:
        if op == _parser.LITERAL:
            run.append(chr(arg))
            continue
        if len(run) > len(best):
            best = "".join(run)
        run = []
    return best or None
