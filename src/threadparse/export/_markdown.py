"""Markdown: one section per comment, quotes as nested ``>`` blocks with their sources."""

from __future__ import annotations

import re
import textwrap
from datetime import datetime

from ..models import Comment, QuoteBlock, Thread
from ._common import check_thread

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A line that Markdown would read as a quote, a heading, a setext underline, a
# code fence or HTML: the last two can swallow the rest of the document.
_STRUCTURAL = re.compile(r"^( {0,3})(?=[>#<]|```|~~~|[-=]+[ \t]*$)")
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def to_markdown(thread: Thread, text: str) -> str:
    """The thread as a Markdown document.

    ``text`` is the dump the thread was parsed from (checked against
    ``thread.length``). Each comment is a ``###`` heading with its id and
    speaker, then a line with its date and parent (``reply to c1``,
    ``top-level`` or ``parent unknown``), then its blocks in order. A quote
    becomes a ``>`` block nested as deep as it was quoted (``> >`` for depth
    2), its own markers removed, closed by ``> — quoting c3`` when its source
    is known. Duplicates and chrome are not comment text and are left out.
    Text is copied as it is, except that a backslash goes before a line that
    Markdown would otherwise read as a quote, heading, underline, code fence
    or HTML, so that the dump's text never changes the document's structure.
    """
    check_thread(thread, text)
    n = len(thread.comments)
    parts = [f"# Thread ({thread.dialect.name}, {n} comment{'' if n == 1 else 's'})"]
    for c in thread.comments:
        parts.append(_heading(c))
        for block in c.blocks:
            parts.append(_quote(block) if isinstance(block, QuoteBlock) else _escape(_lines(block.text)))
    return "\n\n".join(parts) + "\n"


def _heading(c: Comment) -> str:
    speaker = _inline(c.speaker.name) if c.speaker.name else "unknown speaker"
    facts = []
    header = c.header
    if header is not None and header.posted_at is not None:
        when = _format_time(header.posted_at)
        facts.append(f"≈ {when} (from “{_inline(header.age)}”)" if header.posted_at_estimated else when)
    elif header is not None and header.age:
        facts.append(f"“{_inline(header.age)}”")
    facts.append(
        f"reply to {c.parent_id}" if c.parent_id is not None
        else "top-level" if c.parent_status == "top-level" else "parent unknown"
    )
    return f"### {c.id} · {speaker}\n\n*{' · '.join(facts)}*"


def _inline(text: str) -> str:
    """``text`` on one line, with the characters Markdown would format escaped."""
    return _INLINE_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _format_time(when: datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M UTC")


def _lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def _escape(lines: list[str]) -> str:
    return "\n".join(_STRUCTURAL.sub(r"\1\\", line) for line in lines)


def _quote(block: QuoteBlock) -> str:
    lines = _lines(block.text)
    if block.marker == ">":
        strip = re.compile(rf"^[ \t]*(?:>[ \t]?){{0,{block.depth}}}")
        lines = [strip.sub("", line, count=1) for line in lines]
    elif block.marker == "indent":
        lines = _lines(textwrap.dedent("\n".join(lines)))
    body = _escape(lines).split("\n")
    if block.source is not None:
        body += ["", f"— quoting {block.source.comment_id}"]
    prefix = "> " * block.depth
    return "\n".join((prefix + line).rstrip() for line in body)
