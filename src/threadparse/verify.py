"""The coverage invariant, checkable on any parse result.

Every non-whitespace character of the input lies in exactly one block,
duplicate or chrome span, spans never overlap, and each piece's ``text``
equals ``raw[start:end]``.
"""

from __future__ import annotations

from .models import Thread


class CoverageError(AssertionError):
    """The thread does not account for its input exactly once."""


def verify(thread: Thread, text: str) -> None:
    """Raise :class:`CoverageError` unless ``thread`` covers ``text`` exactly once.

    ``text`` is the very string that was parsed into ``thread``.
    """
    if not isinstance(thread, Thread):
        raise TypeError(
            f"verify expects a threadparse.Thread first, got {type(thread).__name__}; "
            "call verify(threadparse.parse(text), text)"
        )
    if not isinstance(text, str):
        raise TypeError(
            f"verify expects the parsed str second, got {type(text).__name__}; "
            "pass the same text you gave to threadparse.parse"
        )
    if thread.length != len(text):
        raise CoverageError(f"thread.length is {thread.length} but the text has {len(text)} chars")
    spans = thread.covering_spans()
    prev_end, prev_label = 0, "start"
    for span, label in spans:
        if span.end > len(text):
            raise CoverageError(f"{label} span {span.start}-{span.end} runs past the text")
        if span.start < prev_end:
            raise CoverageError(
                f"{label} span {span.start}-{span.end} overlaps {prev_label} ending at {prev_end}"
            )
        gap = text[prev_end : span.start]
        if gap.strip():
            at = prev_end + (len(gap) - len(gap.lstrip()))
            raise CoverageError(f"text at {at} ({text[at:at + 30]!r}) is in no span")
        prev_end, prev_label = span.end, label
    tail = text[prev_end:]
    if tail.strip():
        at = prev_end + (len(tail) - len(tail.lstrip()))
        raise CoverageError(f"text at {at} ({text[at:at + 30]!r}) is in no span")
    for c in thread.comments:
        for b in c.blocks:
            if text[b.span.start : b.span.end] != b.text:
                raise CoverageError(f"{c.id} block text differs from raw[{b.span.start}:{b.span.end}]")
    for ch in thread.chrome:
        if text[ch.span.start : ch.span.end] != ch.text:
            raise CoverageError(f"chrome text differs from raw[{ch.span.start}:{ch.span.end}]")
