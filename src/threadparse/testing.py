"""Render real comment threads as scraped-looking text dumps, with the gold answer.

The parser's job is the inverse of this module: given only the text of a dump,
recover who wrote what, what is quoted from whom, and which stretches are page
furniture or repeated captures. This module starts from the truth (a thread of
comments with known ids, parents, authors and quote sources, as stored in the
corpus under ``shared/corpus``) and prints it the way a scraper, a browser copy or
a web clipper would (see ``shared/FORMATS.md``), recording the character span
of every piece it prints. The result is a :class:`RenderedDump`: the ``text`` and
a JSON-serialisable ``gold`` record::

    >>> from threadparse.testing import CorpusComment, CorpusQuote, render
    >>> a = CorpusComment("demo", "t1", "c1", None, "ann", "2024-01-01T10:00:00Z",
    ...                   "First point.\\n\\nSecond point.")
    >>> b = CorpusComment("demo", "t1", "c2", "c1", "bob", "2024-01-01T11:00:00Z",
    ...                   "> Second point.\\n\\nI disagree.",
    ...                   quotes=(CorpusQuote(block=0, text="Second point.", source="c1"),))
    >>> dump = render([a, b], style="stripped", layout="newline")
    >>> print(dump.text)
    First point.
    Second point.
    Second point.
    I disagree.
    >>> reply = dump.gold["comments"][1]
    >>> [dump.text[s:e] for s, e in reply["prose"]]
    ['I disagree.']
    >>> [(dump.text[q["span"][0]:q["span"][1]], q["source"]) for q in reply["quotes"]]
    [('Second point.', 'c1')]

The corpus text is third-party writing: read it at run time with
:func:`load_corpus`, never copy it into the repository.

Gold record (``schema`` ``"threadparse-gold/1"``), every span ``[start, end]``
being character offsets into ``text``:

* ``comments``: one entry per rendered comment in reading order, with ``id``,
  ``parent`` (null when the parent is not rendered), ``speaker``, ``depth``,
  ``header`` (span or null), ``prose`` (one span per paragraph) and ``quotes``
  (``{"span", "source"}``; ``source`` is null when the quoted comment is not
  rendered, ``earlier`` tells whether it was rendered before the quote).
  A quote span covers the quoted lines with their markers (``>`` or indent) when
  the style keeps them; the ``Name:`` / ``On ..., X wrote:`` line above a quote
  is chrome ``attribution``, a mail signature chrome ``signature``.
* ``duplicates``: every repeated stretch added by an artifact (the second
  occurrence; for ``preview`` the preview before the full text), ``of`` the
  comment it repeats. In a repeated copy the comment's body is one duplicate
  span while its header and trailer lines stay chrome.
* ``chrome``: page furniture, ``kind`` one of ``header``, ``ui``,
  ``navigation``, ``attribution``, ``signature``, ``reference``, ``meta``. A
  comment's header is listed both on the comment and here (kind ``header``).

Together the spans are disjoint, each has non-whitespace text, and they cover
every non-whitespace character of ``text`` exactly once; :func:`gold_problems`
checks this.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import textwrap
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

__all__ = [
    "ARTIFACTS",
    "CHROME_KINDS",
    "GOLD_SCHEMA",
    "STYLES",
    "CorpusComment",
    "CorpusQuote",
    "RenderedDump",
    "gold_problems",
    "gold_spans",
    "load_corpus",
    "render",
]

GOLD_SCHEMA = "threadparse-gold/1"

STYLES: tuple[str, ...] = (
    "stripped",
    "lesswrong-copy",
    "lesswrong-markdown",
    "reddit-old",
    "hackernews",
    "discourse",
    "mail",
    "greaterwrong",
    "stackexchange",
    "substack",
    "reddit-new",
    "lesswrong-lynx",
)
"""Dump shapes :func:`render` can print (see ``shared/FORMATS.md``)."""

ARTIFACTS: tuple[str, ...] = (
    "recapture",
    "pagination",
    "parent-context",
    "typography",
    "rewrap",
    "preview",
)
"""Capture artifacts :func:`render` can add; any combination is allowed."""

CHROME_KINDS: tuple[str, ...] = (
    "header",
    "ui",
    "navigation",
    "attribution",
    "signature",
    "reference",
    "meta",
)

# Artifacts that print a second copy of some comment text. ``typography`` and
# ``rewrap`` only change such copies, so on their own they imply ``recapture``.
_REPEATING = ("recapture", "pagination", "parent-context", "preview")

_LAYOUTS = ("blank", "newline")
_QUOTE_MARKERS = (">", "indent")


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class CorpusQuote:
    """One quote block of a corpus comment and the comment its text was found in.

    ``block`` is the 0-based index of the block among the comment's maximal runs
    of ``>`` lines; ``source`` is the matched comment id or ``None``; ``match``
    says whether the text was found in the source's own text (``"own_text"``) or
    in something the source itself quoted (``"quoted_text"``).
    """

    block: int
    text: str
    source: Optional[str] = None
    match: Optional[str] = None


@dataclass(frozen=True)
class CorpusComment:
    """One comment of the corpus (``shared/corpus/<source>.jsonl``).

    ``body_text`` marks quotes with ``> `` line prefixes (nested ``> > ``) and
    code with a 4-space indent. ``quotes`` holds the rows of
    ``<source>.quotes.jsonl`` for this comment; ``position`` is the comment's
    index in file order within its thread (chronological for Discourse and
    mail), ``depth`` its depth in the reply tree (0 = top level).
    """

    source: str
    thread_id: str
    comment_id: str
    parent_id: Optional[str]
    author: Optional[str]
    posted_at: str
    body_text: str
    quotes: tuple[CorpusQuote, ...] = ()
    position: int = 0
    depth: int = 0


def load_corpus(
    corpus_dir: str | Path,
    *,
    sources: Optional[Iterable[str]] = None,
    order: str = "depth-first",
) -> dict[str, list[CorpusComment]]:
    """Read every ``<source>.jsonl`` (and its ``.quotes.jsonl``) under ``corpus_dir``.

    Returns ``thread_id -> comments``. With ``order="depth-first"`` (the
    default) each thread is laid out the way threaded pages print it: a comment,
    then its replies depth-first, siblings in file order. The corpus files
    themselves are *not* in that order (Discourse and mail are chronological,
    Reddit is listing order); ``order="file"`` keeps file order, in which every
    parent still comes before its children. ``sources`` restricts loading to
    the named files (e.g. ``["discourse_cf"]``).
    """
    if order not in ("depth-first", "file"):
        raise ValueError(f"order must be 'depth-first' or 'file', not {order!r}")
    root = Path(corpus_dir)
    wanted = None if sources is None else set(sources)
    threads: dict[str, list[CorpusComment]] = {}
    for path in sorted(root.glob("*.jsonl")):
        if path.name.endswith(".quotes.jsonl"):
            continue
        source = path.name[: -len(".jsonl")]
        if wanted is not None and source not in wanted:
            continue
        quotes: dict[tuple[str, str], list[CorpusQuote]] = {}
        quotes_path = root / f"{source}.quotes.jsonl"
        if quotes_path.exists():
            with quotes_path.open(encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip():
                        continue
                    row = json.loads(line)
                    quotes.setdefault((row["thread_id"], row["comment_id"]), []).append(
                        CorpusQuote(
                            block=int(row["block"]),
                            text=row["quote_text"],
                            source=row.get("matched_comment_id"),
                            match=row.get("match"),
                        )
                    )
        raw: dict[str, list[dict[str, Any]]] = {}
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    raw.setdefault(row["thread_id"], []).append(row)
        for thread_id, rows in raw.items():
            threads[thread_id] = _build_thread(source, thread_id, rows, quotes, order)
    return threads


def _build_thread(
    source: str,
    thread_id: str,
    rows: list[dict[str, Any]],
    quotes: Mapping[tuple[str, str], list[CorpusQuote]],
    order: str,
) -> list[CorpusComment]:
    ids = {row["comment_id"] for row in rows}
    children: dict[Optional[str], list[int]] = {}
    for i, row in enumerate(rows):
        parent = row.get("parent_id")
        # The corpus guarantees parents resolve; be tolerant of hand-made input.
        children.setdefault(parent if parent in ids else None, []).append(i)
    depth: dict[str, int] = {}
    dfs: list[int] = []
    stack: list[tuple[int, int]] = [(i, 0) for i in reversed(children.get(None, []))]
    while stack:
        i, d = stack.pop()
        dfs.append(i)
        depth[rows[i]["comment_id"]] = d
        stack.extend((j, d + 1) for j in reversed(children.get(rows[i]["comment_id"], [])))
    sequence = dfs if order == "depth-first" else range(len(rows))
    out = []
    for i in sequence:
        row = rows[i]
        cid = row["comment_id"]
        qs = sorted(quotes.get((thread_id, cid), ()), key=lambda q: q.block)
        out.append(
            CorpusComment(
                source=row.get("source", source),
                thread_id=thread_id,
                comment_id=cid,
                parent_id=row.get("parent_id"),
                author=row.get("author"),
                posted_at=row.get("posted_at") or "1970-01-01T00:00:00Z",
                body_text=row.get("body_text") or "",
                quotes=tuple(qs),
                position=i,
                depth=depth.get(cid, 0),
            )
        )
    return out


# --------------------------------------------------------------------------- bodies


@dataclass(frozen=True)
class _Block:
    """A run of body lines: ``prose`` paragraph, ``quote`` block, or chrome.

    ``gap`` tells whether a blank line preceded it in the body; ``quote`` is the
    block's index among the comment's quote blocks.
    """

    kind: str  # prose | quote | attribution | signature | meta
    lines: tuple[str, ...]
    gap: bool
    quote: Optional[int] = None


_WROTE = re.compile(r"(?:\bwrote|\bwrites|\bsaid)\b[^\n]{0,60}:\s*$", re.IGNORECASE)
_DISCOURSE_ATTRIBUTION = re.compile(r"^[\w.\-]{1,40}:\s*$")
_QUOTE_PREFIX = re.compile(r"^(?:>[ \t]?)+")
_ONE_QUOTE_LEVEL = re.compile(r"^>[ \t]?")
_INDENT = re.compile(r"^ {1,3}(?=>)")


def _is_blank(line: str) -> bool:
    return not line.strip()


@lru_cache(maxsize=None)
def _parse_body(comment: CorpusComment) -> tuple[_Block, ...]:
    """Split a body into prose paragraphs, quote blocks and in-body chrome.

    In-body chrome is what a reader would not call the commenter's text: the
    ``Name:`` line Discourse prints above a quote, a mail client's ``On ...,
    X wrote:`` attribution, a mail signature after ``--`` and a list footer.
    """
    lines = comment.body_text.split("\n")
    tail: list[_Block] = []
    if comment.source.startswith("mail"):
        lines, tail = _split_mail_tail(lines)
    blocks: list[_Block] = []
    i, gap, quote_index = 0, False, 0
    while i < len(lines):
        line = lines[i]
        if _is_blank(line):
            gap, i = True, i + 1
            continue
        j = i
        if line.startswith(">"):
            while j < len(lines) and lines[j].startswith(">"):
                j += 1
            blocks.append(_Block("quote", tuple(lines[i:j]), gap, quote_index))
            quote_index += 1
        else:
            while j < len(lines) and not _is_blank(lines[j]) and not lines[j].startswith(">"):
                j += 1
            blocks.append(_Block("prose", tuple(lines[i:j]), gap))
        gap, i = False, j
    return tuple(_mark_attributions(comment, blocks)) + tuple(tail)


def _split_mail_tail(lines: list[str]) -> tuple[list[str], list[_Block]]:
    """Cut a trailing ``--`` signature and a ``____`` list footer off a mail body."""
    footer = None
    for k in range(len(lines) - 1):
        if lines[k].startswith("_____") and "mailing list" in lines[k + 1].lower():
            footer = k
            break
    body_end = footer if footer is not None else len(lines)
    signature = None
    for k in range(body_end - 1, max(-1, body_end - 22), -1):
        if lines[k].rstrip() == "--" or lines[k] == "-- ":
            rest = lines[k + 1 : body_end]
            if not any(r.startswith(">") for r in rest):
                signature = k
            break
    tail: list[_Block] = []
    cut = body_end if signature is None else signature
    if signature is not None:
        sig = list(lines[signature:body_end])
        while sig and _is_blank(sig[-1]):
            sig.pop()
        tail.append(_Block("signature", tuple(sig), True))
    if footer is not None:
        foot = list(lines[footer:])
        while foot and _is_blank(foot[-1]):
            foot.pop()
        tail.append(_Block("meta", tuple(foot), True))
    return lines[:cut], tail


def _mark_attributions(comment: CorpusComment, blocks: list[_Block]) -> list[_Block]:
    out: list[_Block] = []
    discourse = comment.source.startswith("discourse")
    for k, block in enumerate(blocks):
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        if block.kind != "prose" or nxt is None or nxt.kind != "quote":
            out.append(block)
            continue
        if discourse and len(block.lines) == 1 and _DISCOURSE_ATTRIBUTION.match(block.lines[0]):
            out.append(_Block("attribution", block.lines, block.gap))
            continue
        last = block.lines[-1]
        if _WROTE.search(last) and len(last) <= 200:
            start = len(block.lines) - 1
            if start > 0 and not last.lstrip().startswith("On ") and block.lines[start - 1].lstrip().startswith("On "):
                start -= 1
            if start > 0:
                out.append(_Block("prose", block.lines[:start], block.gap))
                out.append(_Block("attribution", block.lines[start:], False))
            else:
                out.append(_Block("attribution", block.lines, block.gap))
            continue
        out.append(block)
    return out


def _strip_markers(lines: Sequence[str]) -> list[str]:
    return [_QUOTE_PREFIX.sub("", ln) for ln in lines]


def _visible_length(comment: CorpusComment) -> int:
    return sum(len(ln.strip()) for b in _parse_body(comment) for ln in _strip_markers(b.lines))


# --------------------------------------------------------------------------- pieces


@dataclass
class _Piece:
    """A run of output text and what it is.

    ``role``: ``sep`` (whitespace between pieces), ``prose``, ``quote``,
    ``header`` (a comment's header; also chrome), ``chrome`` or ``dup``.
    """

    text: str
    role: str
    kind: Optional[str] = None
    source: Optional[str] = None
    of: Optional[str] = None


def _sep(text: str) -> _Piece:
    return _Piece(text, "sep")


@dataclass
class _CommentOut:
    """A comment as a style prints it: header pieces, body pieces, trailer pieces."""

    comment: CorpusComment
    head: list[_Piece]
    body: list[_Piece]
    tail: list[_Piece]
    head_sep: str = "\n"
    tail_sep: str = "\n"


@dataclass
class _Meta:
    """Invented per-comment numbers (scores, ages...), fixed by seed and comment id."""

    karma: int
    agree: int
    af: Optional[int]
    edited: bool
    reactions: Optional[int]
    likes: int
    score: int
    toggle_own_line: bool
    signature: bool


@dataclass
class _Ctx:
    """Everything a style needs about one render: options, tree among rendered comments, clock."""

    style: str
    seed: int
    rng: random.Random
    options: dict[str, Any]
    comments: list[CorpusComment]
    by_id: dict[str, CorpusComment]
    rendered: set[str]
    parent: dict[str, Optional[str]]
    depth: dict[str, int]
    children: dict[Optional[str], list[str]]
    order: dict[str, int]
    now: datetime
    thread_token: str
    list_name: str
    subject: str
    meta_cache: dict[str, _Meta] = field(default_factory=dict)

    def meta(self, c: CorpusComment) -> _Meta:
        cached = self.meta_cache.get(c.comment_id)
        if cached is None:
            r = random.Random(f"{self.seed}|{c.thread_id}|{c.comment_id}")
            karma = int(r.expovariate(1 / 9))
            if r.random() < 0.08:
                karma = -r.randint(1, 6)
            cached = _Meta(
                karma=karma,
                agree=r.randint(-4, 12),
                af=r.randint(0, 25) if self.options.get("alignment_forum") and r.random() < 0.7 else None,
                edited=r.random() < 0.15,
                reactions=r.choice((None, None, None, 1, 2, 3, 5)),
                likes=r.choice((0, 0, 0, 1, 1, 2, 3, 4, 7, 12)),
                score=int(r.expovariate(1 / 14)) + 1 if r.random() > 0.07 else -r.randint(0, 8),
                toggle_own_line=r.random() < 0.2,
                signature=r.random() < 0.3,
            )
            self.meta_cache[c.comment_id] = cached
        return cached

    def siblings(self, cid: str) -> list[str]:
        return self.children.get(self.parent[cid], [])

    def descendants(self, cid: str) -> int:
        total, stack = 0, list(self.children.get(cid, []))
        while stack:
            total += 1
            stack.extend(self.children.get(stack.pop(), []))
        return total


# --------------------------------------------------------------------------- dates


_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _parse_time(value: str) -> datetime:
    text = value.strip().replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        dt = datetime(1970, 1, 1, tzinfo=timezone.utc)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def _age_compact(delta: timedelta) -> str:
    s = max(60, int(delta.total_seconds()))
    if s < 3600:
        return f"{s // 60}m"
    if s < 86400:
        return f"{s // 3600}h"
    days = s // 86400
    if days < 30:
        return f"{days}d"
    if days < 365:
        return f"{days // 30}mo"
    return f"{days // 365}y"


def _age_words(delta: timedelta) -> str:
    s = max(60, int(delta.total_seconds()))
    for size, unit in ((31536000, "year"), (2592000, "month"), (86400, "day"), (3600, "hour"), (60, "minute")):
        if s >= size:
            n = s // size
            return f"{n} {unit}{'' if n == 1 else 's'} ago"
    return "just now"  # pragma: no cover - s is at least 60


def _discourse_date(dt: datetime) -> str:
    hour = dt.hour % 12 or 12
    # Discourse pads a one-digit hour with a space: "2023,  1:34pm".
    return f"{_MONTHS[dt.month - 1]} {dt.day}, {dt.year}, {hour:>2}:{dt.minute:02d}{'am' if dt.hour < 12 else 'pm'}"


def _pipermail_date(dt: datetime) -> str:
    return f"{_DAYS[dt.weekday()]} {_MONTHS[dt.month - 1][:3]} {dt.day:2d} {dt:%H:%M:%S} UTC {dt.year}"


def _attribution_date(dt: datetime, variant: int) -> str:
    if variant == 0:
        return f"{_DAYS[dt.weekday()]}, {dt.day} {_MONTHS[dt.month - 1][:3]} {dt.year} {dt:%H:%M:%S} +0000"
    hour = dt.hour % 12 or 12
    return f"{_DAYS[dt.weekday()]}, {_MONTHS[dt.month - 1][:3]} {dt.day}, {dt.year} at {hour}:{dt.minute:02d} {'AM' if dt.hour < 12 else 'PM'}"


# --------------------------------------------------------------------------- small helpers


def _slug(name: Optional[str]) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", (name or "anonymous").lower()).strip("-")
    return s or "user"


def _token(*parts: object, length: int = 17) -> str:
    digest = hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()
    alphabet = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz"
    n = int(digest, 16)
    out = []
    for _ in range(length):
        n, r = divmod(n, len(alphabet))
        out.append(alphabet[r])
    return "".join(out)


def _plural(n: int, one: str, many: Optional[str] = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _points(n: int) -> str:
    return f"{n} point{'' if n == 1 else 's'}"


_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "--"})
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}")


def _typography(text: str) -> str:
    """Straight quotes, ``--`` for em dash, inner runs of spaces collapsed."""
    return _DOUBLE_SPACE.sub(" ", text.translate(_TYPOGRAPHY))


def _wrap_line(line: str, width: int = 72) -> list[str]:
    if len(line) <= width or line.startswith(("    ", "\t")):
        return [line]
    prefix_match = _QUOTE_PREFIX.match(line)
    prefix = prefix_match.group(0) if prefix_match else ""
    if prefix and not prefix.endswith(" "):
        prefix += " "
    rest = line[len(prefix_match.group(0)) :] if prefix_match else line
    if rest.startswith(("    ", "\t")):
        return [line]
    wrapped = textwrap.wrap(
        rest,
        width=max(20, width - len(prefix)),
        break_long_words=False,
        break_on_hyphens=False,
        expand_tabs=False,
        replace_whitespace=False,
    )
    return [prefix + w for w in wrapped] or [line]


def _rewrap(text: str, width: int = 72) -> str:
    """Hard-wrap every long line at ``width`` columns, keeping ``>`` prefixes and code."""
    return "\n".join(out for line in text.split("\n") for out in _wrap_line(line, width))


# --------------------------------------------------------------------------- bodies -> pieces


def _quote_source(ctx: _Ctx, c: CorpusComment, index: Optional[int]) -> Optional[str]:
    for q in c.quotes:
        if q.block == index:
            return q.source if q.source in ctx.rendered else None
    return None


def _quote_author(ctx: _Ctx, c: CorpusComment, index: Optional[int]) -> Optional[CorpusComment]:
    for q in c.quotes:
        if q.block == index and q.source in ctx.by_id:
            return ctx.by_id[q.source]
    return None


def _body_pieces(
    ctx: _Ctx,
    c: CorpusComment,
    *,
    quote_marker: str,
    para_sep: str,
    keep_gaps: bool = False,
    add_attribution: Optional[str] = None,
    wrap: bool = False,
) -> list[_Piece]:
    """Print a comment body as pieces.

    ``quote_marker``: ``">"`` keeps the body's ``>`` lines, ``"none"`` drops the
    markers (each quote becomes plain paragraphs), ``"indent"`` replaces them by
    a 4-space indent. ``para_sep`` separates blocks; with ``keep_gaps`` a block
    that had no blank line before it in the body follows with a single ``\\n``.
    ``add_attribution`` (``"discourse"`` or ``"mail"``) prints a ``name:`` /
    ``On <date>, <name> wrote:`` line above quotes that have none.
    """
    blocks = _parse_body(c)
    collapse = "\n\n" not in para_sep
    pieces: list[_Piece] = []
    attributed_once = False
    for k, block in enumerate(blocks):
        lines = list(block.lines)
        if block.kind == "quote":
            if quote_marker != ">":
                lines = _strip_markers(lines)
                if quote_marker == "indent":
                    lines = [("    " + ln) if ln.strip() else "" for ln in lines]
        if collapse:
            lines = [ln for ln in lines if not _is_blank(ln)]
        if wrap:
            lines = [w for ln in lines for w in _wrap_line(ln)]
        text = "\n".join(lines)
        if not text.strip():
            continue
        if block.kind == "attribution":
            attributed_once = True
        if block.kind == "quote" and add_attribution and not (k > 0 and blocks[k - 1].kind == "attribution"):
            line = _invented_attribution(ctx, c, block.quote, add_attribution, first=not attributed_once)
            if line:
                if pieces:
                    pieces.append(_sep(para_sep))
                pieces.append(_Piece(line, "chrome", kind="attribution"))
                attributed_once = True
                pieces.append(_sep("\n" if add_attribution == "mail" or collapse else para_sep))
                pieces.append(_Piece(text, "quote", source=_quote_source(ctx, c, block.quote)))
                continue
        if pieces:
            pieces.append(_sep(para_sep if (block.gap or not keep_gaps) else "\n"))
        if block.kind == "prose":
            pieces.append(_Piece(text, "prose"))
        elif block.kind == "quote":
            pieces.append(_Piece(text, "quote", source=_quote_source(ctx, c, block.quote)))
        else:
            pieces.append(_Piece(text, "chrome", kind=block.kind))
    return pieces


def _invented_attribution(ctx: _Ctx, c: CorpusComment, index: Optional[int], how: str, first: bool) -> Optional[str]:
    who = _quote_author(ctx, c, index)
    if how == "discourse":
        # Discourse prints "name:" only for quotes made with its quote button,
        # i.e. of a known post.
        return f"{who.author}:" if who is not None and who.author else None
    if not first:
        return None
    if who is None:
        parent = ctx.parent.get(c.comment_id)
        who = ctx.by_id.get(parent) if parent else None
    if who is None or not who.author:
        return None
    variant = _hash_int(ctx.seed, c.comment_id) % 2
    line = f"On {_attribution_date(_parse_time(who.posted_at), variant)}, {who.author} wrote:"
    if ctx.options.get("wrap") and len(line) > 72:
        cut = line.rfind(" ", 0, 72)
        if cut > 0:
            line = line[:cut] + "\n" + line[cut + 1 :]
    return line


def _hash_int(*parts: object) -> int:
    """A stable non-negative integer from ``parts`` (unlike ``hash``, not salted per process)."""
    return int(hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:12], 16)


def _preview_text(co: "_CommentOut") -> Optional[str]:
    """The first ~100 characters of a printed body on one line, cut at a word, plus ``...``."""
    # Up to three spaces may come before a quote marker (a lynx dump indents every line).
    lines = _strip_markers([_INDENT.sub("", ln) for ln in "".join(p.text for p in co.body).split("\n")])
    words = " ".join(lines).split()
    out = ""
    for w in words:
        candidate = f"{out} {w}" if out else w
        if len(candidate) > 100:
            break
        out = candidate
    if not out:
        return None
    return out.rstrip(".,;:") + "..."


# --------------------------------------------------------------------------- styles


class _Style:
    """How one dump shape prints a page and its comments."""

    name = ""
    comment_sep = "\n"
    # A line the site prints between a truncated preview and the full text.
    preview_more: Optional[str] = None

    def setup(self, ctx: _Ctx) -> None:
        """Choose per-dump options (from ``ctx.options`` or the seed)."""

    def page_open(self, ctx: _Ctx) -> list[_Piece]:
        return []

    def page_break(self, ctx: _Ctx, remaining: int) -> list[_Piece]:
        return []

    def page_close(self, ctx: _Ctx) -> list[_Piece]:
        return []

    def comment(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:  # pragma: no cover
        raise NotImplementedError


class _Stripped(_Style):
    """Shape A: comment bodies only, quote markers lost, no headers."""

    name = "stripped"

    def setup(self, ctx: _Ctx) -> None:
        layout = ctx.options.get("layout") or ctx.rng.choice(_LAYOUTS)
        if layout not in _LAYOUTS:
            raise ValueError(f"layout must be one of {_LAYOUTS}, not {layout!r}")
        ctx.options["layout"] = layout
        self.comment_sep = "\n\n" if layout == "blank" else "\n"

    def comment(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:
        return _CommentOut(c, [], _body_pieces(ctx, c, quote_marker="none", para_sep="\n"), [])


class _LessWrongCopy(_Style):
    """Shape B of LessWrong: glued ``[-]Name13dΩ11213`` headers, ``Reply`` lines."""

    name = "lesswrong-copy"

    def setup(self, ctx: _Ctx) -> None:
        ctx.options.setdefault("alignment_forum", ctx.rng.random() < 0.4)
        ctx.options.setdefault("comment_index", ctx.rng.random() < 0.5)
        marker = ctx.options.get("quote_marker") or (">" if ctx.rng.random() < 0.75 else "indent")
        if marker not in _QUOTE_MARKERS:
            raise ValueError(f"quote_marker must be one of {_QUOTE_MARKERS}, not {marker!r}")
        ctx.options["quote_marker"] = marker
        ctx.options.setdefault("paragraph_gap", ctx.rng.random() < 0.5)

    def page_open(self, ctx: _Ctx) -> list[_Piece]:
        out: list[_Piece] = []
        if ctx.options["comment_index"]:
            index = "\n".join(f"{ctx.meta(c).karma}{c.author or ''}" for c in ctx.comments)
            out += [_Piece(index, "chrome", kind="navigation"), _sep("\n")]
        out += [
            _Piece("New Comment", "chrome", kind="ui"), _sep("\n"),
            _Piece("Submit", "chrome", kind="ui"), _sep("\n"),
            _Piece(f"{_plural(len(ctx.comments), 'comment')}, sorted by", "chrome", kind="ui"), _sep("\n"),
            _Piece("top scoring", "chrome", kind="ui"), _sep("\n"),
            _Piece(f"Click to highlight new comments since: Today at {ctx.rng.randint(1, 12)}:{ctx.rng.randint(0, 59):02d} {ctx.rng.choice(('AM', 'PM'))}", "chrome", kind="ui"),
        ]
        return out

    def page_break(self, ctx: _Ctx, remaining: int) -> list[_Piece]:
        return [_Piece("View more", "chrome", kind="navigation")]

    def page_close(self, ctx: _Ctx) -> list[_Piece]:
        return [_Piece("Moderation Log", "chrome", kind="ui")]

    def header(self, ctx: _Ctx, c: CorpusComment) -> str:
        m = ctx.meta(c)
        age = _age_compact(ctx.now - _parse_time(c.posted_at))
        af = f"\u03a9{m.af}" if m.af is not None else ""
        toggle = "[-]\n" if m.toggle_own_line else "[-]"
        return f"{toggle}{c.author or ''}{age}{'*' if m.edited else ''}{af}{m.karma}{m.agree}"

    def comment(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:
        m = ctx.meta(c)
        body = _body_pieces(
            ctx, c,
            quote_marker=ctx.options["quote_marker"],
            para_sep="\n\n" if ctx.options["paragraph_gap"] else "\n",
        )
        tail = [_Piece("Reply", "chrome", kind="ui")]
        if m.reactions is not None:
            tail += [_sep("\n"), _Piece(str(m.reactions), "chrome", kind="ui")]
        return _CommentOut(c, [_Piece(self.header(ctx, c), "header")], body, tail)


class _LessWrongMarkdown(_LessWrongCopy):
    """Shape C of LessWrong: a web clip with names and ages as markdown links."""

    name = "lesswrong-markdown"

    def setup(self, ctx: _Ctx) -> None:
        ctx.options.setdefault("alignment_forum", ctx.rng.random() < 0.4)
        ctx.options["comment_index"] = False
        ctx.options["quote_marker"] = ">"
        ctx.options["paragraph_gap"] = True
        self.comment_sep = "\n\n"
        ctx.options.setdefault("post_id", _token(ctx.seed, ctx.thread_token, "post"))

    def page_open(self, ctx: _Ctx) -> list[_Piece]:
        return [
            _Piece(f"{_plural(len(ctx.comments), 'comment')}, sorted by", "chrome", kind="ui"), _sep("\n"),
            _Piece("[top scoring](?commentsSort=top)", "chrome", kind="ui"),
        ]

    def page_break(self, ctx: _Ctx, remaining: int) -> list[_Piece]:
        return [_Piece("[View more](#)", "chrome", kind="navigation")]

    def page_close(self, ctx: _Ctx) -> list[_Piece]:
        return [_Piece("[Moderation Log](/moderation)", "chrome", kind="ui")]

    def header(self, ctx: _Ctx, c: CorpusComment) -> str:
        m = ctx.meta(c)
        age = _age_compact(ctx.now - _parse_time(c.posted_at))
        link = f"/posts/{ctx.options['post_id']}/{ctx.thread_token}?commentId={_token(ctx.seed, c.comment_id)}"
        af = f"\u03a9{m.af}" if m.af is not None else ""
        name = c.author or ""
        return f"[-][{name}](/users/{_slug(name)})[{age}]({link}){'*' if m.edited else ''}{af}{m.karma}\n{m.agree}"

    def comment(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:
        body = _body_pieces(ctx, c, quote_marker=">", para_sep="\n\n", keep_gaps=True)
        out = _CommentOut(c, [_Piece(self.header(ctx, c), "header")], body, [_Piece("Reply", "chrome", kind="ui")])
        out.head_sep = out.tail_sep = "\n\n"
        return out


class _RedditOld(_Style):
    """Shape B of old Reddit: ``[–]user 4 points5 points6 points 16 hours ago``."""

    name = "reddit-old"

    def setup(self, ctx: _Ctx) -> None:
        ctx.options.setdefault("paragraph_gap", ctx.rng.random() < 0.5)

    def page_open(self, ctx: _Ctx) -> list[_Piece]:
        return [
            _Piece(f"all {_plural(len(ctx.comments), 'comment')}", "chrome", kind="ui"), _sep("\n"),
            _Piece("sorted by: best", "chrome", kind="ui"),
        ]

    def page_break(self, ctx: _Ctx, remaining: int) -> list[_Piece]:
        return [_Piece(f"load more comments ({_plural(remaining, 'reply', 'replies')})", "chrome", kind="navigation")]

    def comment(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:
        m = ctx.meta(c)
        age = _age_words(ctx.now - _parse_time(c.posted_at))
        n = ctx.descendants(c.comment_id)
        kids = f" ({n} child{'' if n == 1 else 'ren'})" if n else ""
        head = (
            f"[\u2013]{c.author or '[deleted]'} {_points(m.score - 1)}{_points(m.score)}{_points(m.score + 1)}"
            f" {age}{'*' if m.edited else ''}{kids}"
        )
        ui = "permalink embed save " + ("parent " if ctx.parent[c.comment_id] else "") + "report give award reply"
        body = _body_pieces(ctx, c, quote_marker="none", para_sep="\n\n" if ctx.options["paragraph_gap"] else "\n")
        return _CommentOut(c, [_Piece(head, "header")], body, [_Piece(ui, "chrome", kind="ui")])


class _HackerNews(_Style):
    """Shape B of Hacker News: ``user 2 hours ago | root | parent | prev | next [–]``."""

    name = "hackernews"

    def setup(self, ctx: _Ctx) -> None:
        ctx.options.setdefault("paragraph_gap", ctx.rng.random() < 0.5)

    def page_open(self, ctx: _Ctx) -> list[_Piece]:
        return [_Piece(f"hide | past | favorite | {_plural(len(ctx.comments), 'comment')}", "chrome", kind="ui")]

    def page_break(self, ctx: _Ctx, remaining: int) -> list[_Piece]:
        return [_Piece("More", "chrome", kind="navigation")]

    def comment(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:
        cid = c.comment_id
        depth = ctx.depth[cid]
        sibs = ctx.siblings(cid)
        at = sibs.index(cid)
        flags = []
        if depth >= 2:
            flags.append("root")
        if depth >= 1:
            flags.append("parent")
        if at > 0:
            flags.append("prev")
        if at + 1 < len(sibs):
            flags.append("next")
        age = _age_words(ctx.now - _parse_time(c.posted_at))
        head = " | ".join([f"{c.author or '[deleted]'} {age}"] + flags) + " [\u2013]"
        body = _body_pieces(
            ctx, c, quote_marker=">",
            para_sep="\n\n" if ctx.options["paragraph_gap"] else "\n", keep_gaps=True,
        )
        return _CommentOut(c, [_Piece(head, "header")], body, [_Piece("reply", "chrome", kind="ui")])


class _Discourse(_Style):
    """Shape B of Discourse: name / date / post number lines, ``name:`` above quotes."""

    name = "discourse"
    comment_sep = "\n\n"

    def page_break(self, ctx: _Ctx, remaining: int) -> list[_Piece]:
        return [_Piece("next page \u2192", "chrome", kind="navigation")]

    def page_close(self, ctx: _Ctx) -> list[_Piece]:
        return [_Piece("Powered by Discourse, best viewed with JavaScript enabled", "chrome", kind="meta")]

    def comment(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:
        m = ctx.meta(c)
        number = c.position + 1
        head = f"{c.author or 'system'}\n\n{_discourse_date(_parse_time(c.posted_at))}\n\n{number}"
        body = _body_pieces(ctx, c, quote_marker="none", para_sep="\n\n", add_attribution="discourse")
        tail = []
        if m.likes:
            tail = [_Piece("1 Like" if m.likes == 1 else f"{m.likes} Likes", "chrome", kind="ui")]
        out = _CommentOut(c, [_Piece(head, "header")], body, tail)
        out.head_sep = out.tail_sep = "\n\n"
        return out


class _Mail(_Style):
    """Mailing-list archive pages (pipermail-like), concatenated."""

    name = "mail"
    comment_sep = "\n\n"

    def setup(self, ctx: _Ctx) -> None:
        wrap = ctx.options.get("wrap")
        ctx.options["wrap"] = bool(ctx.rng.random() < 0.5 if wrap is None else wrap)

    def subject(self, ctx: _Ctx, c: CorpusComment) -> str:
        return f"[{ctx.list_name}] {'Re: ' if ctx.depth[c.comment_id] else ''}{ctx.subject}"

    def comment(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:
        m = ctx.meta(c)
        name = c.author or "unknown"
        addr = f"{_slug(name).replace('-', '.')} at {ctx.options.setdefault('domain', 'lists.example.org')}"
        head = f"{self.subject(ctx, c)}\n{name} {addr}\n{_pipermail_date(_parse_time(c.posted_at))}"
        idx = ctx.order[c.comment_id]
        nav = []
        if idx > 0:
            nav.append(f"Previous message: {self.subject(ctx, ctx.comments[idx - 1])}")
        if idx + 1 < len(ctx.comments):
            nav.append(f"Next message: {self.subject(ctx, ctx.comments[idx + 1])}")
        nav.append("Messages sorted by: [ date ] [ thread ] [ subject ] [ author ]")
        head_pieces = [_Piece(head, "header"), _sep("\n\n"), _Piece("\n".join(nav), "chrome", kind="navigation")]
        body = _body_pieces(
            ctx, c, quote_marker=">", para_sep="\n\n", keep_gaps=True,
            add_attribution="mail", wrap=ctx.options["wrap"],
        )
        has_signature = any(p.kind == "signature" for p in body)
        if m.signature and not has_signature and body:
            first = name.split()[0] if name.split() else name
            body += [_sep("\n\n"), _Piece(f"-- \n{first}", "chrome", kind="signature")]
        tail = [_Piece(f"More information about the {ctx.list_name} mailing list", "chrome", kind="meta")]
        out = _CommentOut(c, head_pieces, body, tail)
        out.head_sep = out.tail_sep = "\n\n"
        return out


# --------------------------------------------------------------------------- more site styles


def _extra(ctx: _Ctx, c: CorpusComment, what: str) -> random.Random:
    """A per-comment random stream for a style's own invented numbers (fixed by seed and id)."""
    return random.Random(f"{ctx.seed}|{ctx.style}|{c.thread_id}|{c.comment_id}|{what}")


def _edited_at(ctx: _Ctx, c: CorpusComment) -> datetime:
    """When an edited comment was last edited: between its posting and the capture."""
    posted = _parse_time(c.posted_at)
    span = max(0.0, (ctx.now - posted).total_seconds())
    return posted + timedelta(seconds=span * _extra(ctx, c, "edited").uniform(0.02, 0.6))


def _one_line(text: str) -> str:
    """A block as a page prints it inside one inline element: its lines joined by spaces."""
    return " ".join(ln.strip() for ln in text.split("\n") if ln.strip())


def _gw_date(dt: datetime) -> str:
    return f"{dt.day} {_MONTHS[dt.month - 1][:3]} {dt.year} {dt.hour}:{dt.minute:02d} UTC"


def _se_date(dt: datetime, now: datetime, old: bool) -> str:
    """A Stack Exchange date: relative when recent, then ``Mar 14 at 20:10`` (this year),
    ``Mar 14, 2014 at 20:10`` (earlier) or, in the older design, ``Mar 14 '14 at 20:10``."""
    s = int((now - dt).total_seconds())
    if s < 60:
        return "just now"
    if s < 3600:
        return _plural(s // 60, "min") + " ago"
    if s < 86400:
        return _plural(s // 3600, "hour") + " ago"
    if s < 2 * 86400:
        return "yesterday"
    if s < 7 * 86400:
        return f"{s // 86400} days ago"
    day = f"{_MONTHS[dt.month - 1][:3]} {dt.day}"
    clock = f"at {dt.hour}:{dt.minute:02d}"
    if dt.year == now.year:
        return f"{day} {clock}"
    return f"{day} '{dt.year % 100:02d} {clock}" if old else f"{day}, {dt.year} {clock}"


def _se_reputation(r: random.Random, screen_reader: bool) -> str:
    """A user card's reputation and badge counts: ``1,204 3 14 27`` or, with the
    screen-reader labels copied too, ``12.3k44 gold badges55 silver badges…``."""
    rep = int(r.expovariate(1 / 2500)) + 1
    if rep >= 10_000:
        shown = f"{rep / 1000:.1f}k".replace(".0k", "k")
    else:
        shown = f"{rep:,}"
    badges = [(n, kind) for n, kind in (
        (int(rep ** 0.5 / 40 * r.random()), "gold"),
        (int(rep ** 0.5 / 6 * r.random()), "silver"),
        (int(rep ** 0.5 / 3 * r.random()) + (1 if rep > 50 else 0), "bronze"),
    ) if n]
    if screen_reader:
        return shown + "".join(f"{n}{n} {kind} badge{'' if n == 1 else 's'}" for n, kind in badges)
    return " ".join([shown] + [str(n) for n, _ in badges])


def _substack_age(dt: datetime, now: datetime) -> str:
    s = max(60, int((now - dt).total_seconds()))
    if s < 3600:
        return f"{s // 60}m"
    if s < 86400:
        return f"{s // 3600}h"
    if s < 7 * 86400:
        return f"{s // 86400}d"
    day = f"{_MONTHS[dt.month - 1][:3]} {dt.day}"
    return day if dt.year == now.year else f"{day}, {dt.year}"


def _substack_title(dt: datetime) -> str:
    hour = dt.hour % 12 or 12
    return f"{_MONTHS[dt.month - 1][:3]} {dt.day}, {dt.year}, {hour}:{dt.minute:02d} {'AM' if dt.hour < 12 else 'PM'}"


class _GreaterWrong(_Style):
    """GreaterWrong, the LessWrong mirror: ``author  14 Nov 2021 18:01 UTC  12 points``
    (or ``LW: 12 AF: 5``), ``Parent`` above a reply's text and ``Replies: >a >b`` below."""

    name = "greaterwrong"

    def setup(self, ctx: _Ctx) -> None:
        ctx.options.setdefault("alignment_forum", ctx.rng.random() < 0.3)
        ctx.options.setdefault("header_lines", ctx.rng.random() < 0.3)
        marker = ctx.options.get("quote_marker") or (">" if ctx.rng.random() < 0.5 else "none")
        if marker not in (">", "none"):
            raise ValueError(f"quote_marker must be one of ('>', 'none') for greaterwrong, not {marker!r}")
        ctx.options["quote_marker"] = marker
        ctx.options.setdefault("paragraph_gap", ctx.rng.random() < 0.5)
        ctx.options.setdefault("replies_per_line", ctx.rng.random() < 0.25)
        ctx.options.setdefault("unicode_minus", ctx.rng.random() < 0.5)
        self.comment_sep = "\n\n" if ctx.options["paragraph_gap"] else "\n"

    def page_open(self, ctx: _Ctx) -> list[_Piece]:
        return [_Piece(_plural(len(ctx.comments), "comment"), "chrome", kind="meta")]

    def page_break(self, ctx: _Ctx, remaining: int) -> list[_Piece]:
        return [_Piece("Load more", "chrome", kind="navigation")]

    def header(self, ctx: _Ctx, c: CorpusComment) -> str:
        m = ctx.meta(c)
        minus = "\u2212" if ctx.options["unicode_minus"] else "-"
        num = lambda n: f"{minus}{-n}" if n < 0 else str(n)  # noqa: E731
        if ctx.options["alignment_forum"] and m.af is not None:
            score = f"LW: {num(m.karma)} AF: {num(m.af)}"
        else:
            score = f"{num(m.karma)} point{'' if m.karma == 1 else 's'}"
        parts = [c.author or "[deleted]", _gw_date(_parse_time(c.posted_at)), score]
        return "\n".join(parts) if ctx.options["header_lines"] else "  ".join(parts)

    def comment(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:
        gap = "\n\n" if ctx.options["paragraph_gap"] else "\n"
        head = [_Piece(self.header(ctx, c), "header")]
        if ctx.parent[c.comment_id] is not None:
            head += [_sep("\n"), _Piece("Parent", "chrome", kind="navigation")]
        body = _body_pieces(ctx, c, quote_marker=ctx.options["quote_marker"], para_sep=gap)
        tail: list[_Piece] = []
        replies = [ctx.by_id[k].author or "[deleted]" for k in ctx.children.get(c.comment_id, [])]
        if replies:
            if ctx.options["replies_per_line"]:
                line = "Replies:\n" + "\n".join(f">{r}" for r in replies)
            else:
                line = "Replies: " + " ".join(f">{r}" for r in replies)
            tail.append(_Piece(line, "chrome", kind="navigation"))
        out = _CommentOut(c, head, body, tail)
        out.head_sep = out.tail_sep = gap
        return out


class _StackExchange(_Style):
    """Stack Exchange comments (browser copy): the header is a trailer, ``text –`` /
    user / ``Mar 14, 2014 at 20:10``, the score on its own line above the text.

    With ``posts`` the top-level comments print as answers (vote count, text,
    ``Share`` / ``Improve this answer`` / ``Follow``, the ``answered`` card as
    header) and everything below them as the answer's flat comment list."""

    name = "stackexchange"
    _TRAILERS = ("lines", "user-date", "inline")

    def setup(self, ctx: _Ctx) -> None:
        ctx.options.setdefault("posts", ctx.rng.random() < 0.4)
        trailer = ctx.options.get("trailer") or ctx.rng.choice(("lines", "lines", "user-date", "inline"))
        if trailer not in self._TRAILERS:
            raise ValueError(f"trailer must be one of {self._TRAILERS}, not {trailer!r}")
        ctx.options["trailer"] = trailer
        ctx.options.setdefault("old_dates", ctx.rng.random() < 0.3)
        ctx.options.setdefault("paragraph_gap", ctx.rng.random() < 0.5)
        ctx.options.setdefault("action_row", ctx.rng.random() < 0.3)
        ctx.options.setdefault("badge_labels", ctx.rng.random() < 0.5)
        ctx.options.setdefault("avatars", ctx.rng.random() < 0.3)

    def page_open(self, ctx: _Ctx) -> list[_Piece]:
        if not ctx.options["posts"]:
            return []
        answers = sum(1 for c in ctx.comments if ctx.depth[c.comment_id] == 0)
        return [
            _Piece(_plural(answers, "Answer"), "chrome", kind="ui"), _sep("\n"),
            _Piece("Sorted by:\nReset to default\nHighest score (default)", "chrome", kind="ui"),
        ]

    def page_break(self, ctx: _Ctx, remaining: int) -> list[_Piece]:
        return [_Piece(f"Show {_plural(remaining, 'more comment')}", "chrome", kind="ui")]

    def page_close(self, ctx: _Ctx) -> list[_Piece]:
        return [] if ctx.options["posts"] else [_Piece("Add a comment", "chrome", kind="ui")]

    def user(self, c: CorpusComment) -> str:
        if not c.author:
            return f"user{_hash_int(c.comment_id) % 9_000_000 + 1000}"
        return c.author + ("\u2666" if _hash_int("moderator", c.author) % 29 == 0 else "")

    def date(self, ctx: _Ctx, dt: datetime) -> str:
        return _se_date(dt, ctx.now, ctx.options["old_dates"])

    def comment(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:
        if ctx.options["posts"] and ctx.depth[c.comment_id] == 0:
            out = self.answer(ctx, c)
        else:
            out = self.remark(ctx, c)
        if ctx.options["posts"]:
            k = ctx.order[c.comment_id] + 1
            if k == len(ctx.comments) or ctx.depth[ctx.comments[k].comment_id] == 0:
                out.tail += [_sep("\n"), _Piece("Add a comment", "chrome", kind="ui")]
        return out

    def remark(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:
        """A comment: one line of text (comments have no paragraphs) and the trailer."""
        body = []
        for p in _body_pieces(ctx, c, quote_marker="none", para_sep=" "):
            body.append(p if p.role == "sep" else _Piece(_one_line(p.text), p.role, p.kind, p.source, p.of))
        when = self.date(ctx, _parse_time(c.posted_at))
        trailer = ctx.options["trailer"]
        if trailer == "lines":
            head = f"\u2013\n{self.user(c)}\n{when}"
        elif trailer == "user-date":
            head = f"\u2013\n{self.user(c)} {when}"
        else:
            head = f"\u2013 {self.user(c)} {when}"
        likes = ctx.meta(c).likes
        score = [_Piece(str(likes), "chrome", kind="meta")] if likes else []
        out = _CommentOut(c, score, body, [_Piece(head, "header")])
        out.tail_sep = " "
        return out

    def answer(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:
        m = ctx.meta(c)
        r = _extra(ctx, c, "card")
        gap = "\n\n" if ctx.options["paragraph_gap"] else "\n"
        body = _body_pieces(ctx, c, quote_marker="none", para_sep=gap)
        actions = "Share Edit Follow Flag" if ctx.options["action_row"] else "Share\nImprove this answer\nFollow"
        tail = [_Piece(actions, "chrome", kind="ui"), _sep("\n")]
        if m.edited:
            tail += [_Piece(f"edited {self.date(ctx, _edited_at(ctx, c))}", "chrome", kind="meta"), _sep("\n")]
        name = self.user(c)
        card = [f"answered {self.date(ctx, _parse_time(c.posted_at))}"]
        if ctx.options["avatars"]:
            card.append(f"{name.rstrip(chr(0x2666))}'s user avatar")
        card += [name, _se_reputation(r, ctx.options["badge_labels"])]
        tail.append(_Piece("\n".join(card), "header"))
        return _CommentOut(c, [_Piece(str(m.score), "chrome", kind="meta")], body, tail)


class _Substack(_Style):
    """Substack comments: a browser copy (``JaneMar 9·edited Mar 9``) or a markdown
    clip (profile link, then the age linking to the comment, titled with the time);
    ``Like (7)`` / ``Reply`` / ``Share`` under each comment."""

    name = "substack"
    comment_sep = "\n\n"
    preview_more = "Expand full comment"
    _SHAPES = ("copy", "markdown")

    def setup(self, ctx: _Ctx) -> None:
        shape = ctx.options.get("shape") or ctx.rng.choice(self._SHAPES)
        if shape not in self._SHAPES:
            raise ValueError(f"shape must be one of {self._SHAPES}, not {shape!r}")
        ctx.options["shape"] = shape
        if shape == "markdown":
            ctx.options.setdefault("avatars", ctx.rng.random() < 0.5)
            ctx.options.setdefault("age_same_line", ctx.rng.random() < 0.4)
            ctx.options.setdefault("action_gap", ctx.rng.random() < 0.5)
        pubs = ("fieldnotes", "slowreading", "thelongview", "marginalia", "weeklyletter", "examplenews")
        ctx.options.setdefault("publication", ctx.rng.choice(pubs))
        authors = sorted({c.author for c in ctx.comments if c.author})
        self.liker = ctx.rng.choice(authors) if authors else None

    def page_open(self, ctx: _Ctx) -> list[_Piece]:
        return [
            _Piece("Discussion about this post", "chrome", kind="ui"), _sep("\n\n"),
            _Piece("Comments\nRestacks", "chrome", kind="ui"),
        ]

    def page_break(self, ctx: _Ctx, remaining: int) -> list[_Piece]:
        return [_Piece(f"{_plural(remaining, 'more comment')}...", "chrome", kind="navigation")]

    def profile(self, name: str) -> str:
        slug = _slug(name)
        if _hash_int("handle", name) % 3 == 0:
            return f"https://substack.com/@{slug.replace('-', '')}"
        return f"https://substack.com/profile/{_hash_int('profile', name) % 300_000_000 + 1000}-{slug}"

    def header(self, ctx: _Ctx, c: CorpusComment) -> str:
        m = ctx.meta(c)
        name = c.author or "Anonymous"
        posted = _parse_time(c.posted_at)
        age = _substack_age(posted, ctx.now)
        edited = f"\u00b7edited {_substack_age(_edited_at(ctx, c), ctx.now)}" if m.edited else ""
        if ctx.options["shape"] == "copy":
            return f"{name}{age}{edited}"
        cid = _hash_int("comment", c.comment_id) % 90_000_000 + 10_000_000
        link = f"https://{ctx.options['publication']}.substack.com/p/{ctx.thread_token}/comment/{cid}"
        lines = []
        if ctx.options["avatars"]:
            img = f"https://substackcdn.com/image/fetch/w_66,h_66,c_fill/{_token(ctx.seed, name, length=10)}.png"
            lines.append(f"[![{name}'s avatar]({img})]({self.profile(name)})")
        name_link = f"[{name}]({self.profile(name)})"
        age_link = f'[{age}]({link} "{_substack_title(posted)}"){edited}'
        if ctx.options["age_same_line"]:
            lines.append(name_link + age_link)
        else:
            lines += [name_link, age_link]
        return "\n\n".join(lines)

    def comment(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:
        m = ctx.meta(c)
        body = _body_pieces(ctx, c, quote_marker=">", para_sep="\n\n", keep_gaps=True)
        joint = "\n\n" if ctx.options.get("action_gap") else "\n"
        actions = joint.join([f"Like ({m.likes})" if m.likes else "Like", "Reply", "Share"])
        tail = [_Piece(actions, "chrome", kind="ui")]
        if self.liker and m.likes >= 3 and _extra(ctx, c, "liked").random() < 0.4:
            tail += [_sep("\n\n"), _Piece(f"Liked by {self.liker}", "chrome", kind="meta")]
        out = _CommentOut(c, [_Piece(self.header(ctx, c), "header")], body, tail)
        out.head_sep = out.tail_sep = "\n\n"
        return out


class _RedditNew(_Style):
    """New Reddit (browser copy). The 2018 design: ``level N``, the author, then
    ``174 points · 21 days ago`` (``Score hidden``, ``· edited …``), the text and
    ``Reply`` / ``Share`` / ``Report`` / ``Save`` lines; the 2023 design:
    author / ``•`` / ``2y ago``, the text, the vote count above ``Reply`` / ``Award`` / ``Share``."""

    name = "reddit-new"
    _DESIGNS = ("2018", "2023")

    def setup(self, ctx: _Ctx) -> None:
        design = ctx.options.get("design") or ("2018" if ctx.rng.random() < 0.75 else "2023")
        if design not in self._DESIGNS:
            raise ValueError(f"design must be one of {self._DESIGNS}, not {design!r}")
        ctx.options["design"] = design
        if design == "2018":
            ctx.options.setdefault("levels", ctx.rng.random() < 0.6)
            ctx.options.setdefault("follow", ctx.rng.random() < 0.5)
        ctx.options.setdefault("paragraph_gap", ctx.rng.random() < 0.5)

    def page_open(self, ctx: _Ctx) -> list[_Piece]:
        if ctx.options["design"] == "2023":
            return [_Piece("Sort by:\nBest", "chrome", kind="ui")]
        return [
            _Piece(_plural(len(ctx.comments), "comment"), "chrome", kind="ui"), _sep("\n"),
            _Piece("Sort by: best", "chrome", kind="ui"),
        ]

    def page_break(self, ctx: _Ctx, remaining: int) -> list[_Piece]:
        if ctx.options["design"] == "2023":
            return [_Piece("View more comments", "chrome", kind="navigation")]
        return [_Piece(_plural(remaining, "more reply", "more replies"), "chrome", kind="navigation")]

    def comment(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:
        m = ctx.meta(c)
        posted = _parse_time(c.posted_at)
        young = ctx.now - posted < timedelta(hours=6)
        hidden = young and _extra(ctx, c, "hidden").random() < 0.5
        author = c.author or "[deleted]"
        if ctx.options["design"] == "2018":
            meta = f"{'Score hidden' if hidden else _points(m.score)} \u00b7 {_age_words(ctx.now - posted)}"
            if m.edited:
                meta += f" \u00b7 edited {_age_words(ctx.now - _edited_at(ctx, c))}"
            lines = ([f"level {ctx.depth[c.comment_id] + 1}"] if ctx.options["levels"] else []) + [author, meta]
            actions = "Reply\nShare\nReport\nSave" + ("\nFollow" if ctx.options["follow"] else "")
        else:
            lines = [author, "\u2022", f"{_age_compact(ctx.now - posted)} ago"]
            if m.edited:
                lines.append(f"\u2022 Edited {_age_compact(ctx.now - _edited_at(ctx, c))} ago")
            actions = f"{'Vote' if hidden else m.score}\nReply\nAward\nShare"
        body = _body_pieces(ctx, c, quote_marker="none", para_sep="\n\n" if ctx.options["paragraph_gap"] else "\n")
        return _CommentOut(c, [_Piece("\n".join(lines), "header")], body, [_Piece(actions, "chrome", kind="ui")])


class _LessWrongLynx(_LessWrongCopy):
    """Shape D of LessWrong: a lynx dump, ``[-][Jane Roe][30]1y1`` headers with the
    agreement on the next line, text indented and wrapped, a numbered reference list."""

    name = "lesswrong-lynx"
    comment_sep = "\n\n"

    def setup(self, ctx: _Ctx) -> None:
        ctx.options.setdefault("alignment_forum", ctx.rng.random() < 0.4)
        ctx.options["comment_index"] = False
        ctx.options["quote_marker"] = ">"
        ctx.options["paragraph_gap"] = True
        ctx.options.setdefault("first_reference", ctx.rng.randint(12, 60))

    def reference(self, ctx: _Ctx, c: CorpusComment) -> int:
        return ctx.options["first_reference"] + ctx.order[c.comment_id]

    def page_open(self, ctx: _Ctx) -> list[_Piece]:
        return [
            _Piece(f"{_plural(len(ctx.comments), 'comment')}, sorted by", "chrome", kind="ui"), _sep("\n"),
            _Piece("top scoring", "chrome", kind="ui"),
        ]

    def page_close(self, ctx: _Ctx) -> list[_Piece]:
        refs = "\n".join(
            f"  {self.reference(ctx, c)}. https://www.lesswrong.com/users/{_slug(c.author)}" for c in ctx.comments
        )
        return [
            _Piece("Moderation Log", "chrome", kind="ui"), _sep("\n\n"),
            _Piece("References", "chrome", kind="reference"), _sep("\n\n"),
            _Piece(refs, "chrome", kind="reference"),
        ]

    def header(self, ctx: _Ctx, c: CorpusComment) -> str:
        m = ctx.meta(c)
        age = _age_compact(ctx.now - _parse_time(c.posted_at))
        af = f"\u03a9{m.af}" if m.af is not None else ""
        return f"[-][{c.author or ''}][{self.reference(ctx, c)}]{age}{'*' if m.edited else ''}{af}{m.karma}\n{m.agree}"

    def comment(self, ctx: _Ctx, c: CorpusComment) -> _CommentOut:
        body = []
        for p in _body_pieces(ctx, c, quote_marker=">", para_sep="\n\n", keep_gaps=True):
            if p.role == "sep":
                body.append(p)
                continue
            # lynx -width=72: three columns of indent, the text wrapped at 69
            lines = [w for ln in p.text.split("\n") for w in _wrap_line(ln, 69)]
            text = "\n".join(("   " + ln) if ln.strip() else "" for ln in lines)
            body.append(_Piece(text, p.role, p.kind, p.source, p.of))
        out = _CommentOut(c, [_Piece(self.header(ctx, c), "header")], body, [_Piece("Reply", "chrome", kind="ui")])
        out.head_sep = out.tail_sep = "\n\n"
        return out


_STYLE_CLASSES: dict[str, type[_Style]] = {
    cls.name: cls
    for cls in (
        _Stripped, _LessWrongCopy, _LessWrongMarkdown, _RedditOld, _HackerNews, _Discourse, _Mail,
        _GreaterWrong, _StackExchange, _Substack, _RedditNew, _LessWrongLynx,
    )
}


# --------------------------------------------------------------------------- assembly


@dataclass(frozen=True)
class RenderedDump:
    """A rendered dump: the ``text`` and its ``gold`` record (JSON-serialisable)."""

    text: str
    gold: dict

    def to_json(self, **kwargs: Any) -> str:
        """The gold record as JSON text (``kwargs`` go to :func:`json.dumps`)."""
        return json.dumps(self.gold, ensure_ascii=False, **kwargs)


class _Writer:
    """Appends pieces and records the trimmed span of every non-separator piece."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.records: list[tuple[int, int, _Piece, Optional[str]]] = []

    def write(self, piece: _Piece, owner: Optional[str] = None) -> None:
        text = piece.text
        if piece.role == "sep":
            if text.strip():  # pragma: no cover - a bug in a style
                raise AssertionError(f"separator with text: {text!r}")
        else:
            stripped = text.strip()
            if stripped:
                lead = len(text) - len(text.lstrip())
                start = self.pos + lead
                self.records.append((start, start + len(stripped), piece, owner))
            elif not text:
                return
        self.parts.append(text)
        self.pos += len(text)


def _tidy(pieces: list[_Piece], *, keep_leading_sep: bool = False) -> list[_Piece]:
    """Drop empty pieces, merge runs of separators (keep the longest), trim the
    end, and the start too unless ``keep_leading_sep`` (the grammar renderer
    indents pieces whose leading separator is part of the layout)."""
    out: list[_Piece] = []
    for p in pieces:
        if not p.text:
            continue
        if p.role == "sep":
            if not out and not keep_leading_sep:
                continue
            if out and out[-1].role == "sep":
                if p.text.count("\n") > out[-1].text.count("\n"):
                    out[-1] = p
                continue
        out.append(p)
    while out and out[-1].role == "sep":
        out.pop()
    return out


def _primary(co: _CommentOut, preview: Optional[str], more: Optional[str] = None) -> list[_Piece]:
    body = list(co.body)
    if preview:
        gap = "\n" if co.head_sep == "\n" else co.head_sep
        link = [_Piece(more, "chrome", kind="ui"), _sep(gap)] if more else []
        body = [_Piece(preview, "dup", of=co.comment.comment_id), _sep(gap)] + link + body
    return _tidy(_layout(co.head, body, co.tail, co.head_sep, co.tail_sep))


def _layout(head: list[_Piece], body: list[_Piece], tail: list[_Piece], head_sep: str, tail_sep: str) -> list[_Piece]:
    out = list(head)
    if body:
        if out:
            out.append(_sep(head_sep))
        out.extend(body)
    if tail:
        if out:
            out.append(_sep(tail_sep))
        out.extend(tail)
    return out


def _duplicate(co: _CommentOut, *, drop_quotes: bool, typography: bool, rewrap: bool) -> list[_Piece]:
    """A repeated copy of a printed comment: header/trailer stay chrome, the body is one ``dup``."""
    body = co.body
    if drop_quotes:
        body = [p for p in body if p.role != "quote" and p.kind != "attribution"]
    body = _tidy(body)
    text = "".join(p.text for p in body).strip()
    if text and rewrap:
        text = _rewrap(text)
    if text and typography:
        text = _typography(text)

    def chrome(pieces: list[_Piece]) -> list[_Piece]:
        out = []
        for p in pieces:
            if p.role == "sep":
                out.append(p)
                continue
            t = _typography(p.text) if typography else p.text
            out.append(_Piece(t, "chrome", kind="header" if p.role == "header" else p.kind))
        return out

    dup = [_Piece(text, "dup", of=co.comment.comment_id)] if text else []
    return _tidy(_layout(chrome(co.head), dup, chrome(co.tail), co.head_sep, co.tail_sep))


def render(
    comments: Sequence[CorpusComment],
    *,
    style: str = "stripped",
    artifacts: Iterable[str] = (),
    seed: int = 0,
    window: Optional[tuple[int, int] | slice | int] = None,
    layout: Optional[str] = None,
    quote_marker: Optional[str] = None,
    wrap: Optional[bool] = None,
) -> RenderedDump:
    """Print ``comments`` (one thread, in reading order) as a dump of ``style``.

    ``artifacts`` adds capture artifacts from :data:`ARTIFACTS`. Every invented
    string (scores, ages, page chrome, which comments get a preview...) comes
    from ``seed``: the same arguments give the same text. ``window`` renders
    only ``comments[start:stop]`` (a ``(start, stop)`` tuple, a ``slice`` or an
    int ``n`` for the first ``n``); parents and quote sources outside it become
    null in the gold. Options (``None`` = chosen from the seed):

    * ``layout`` (``stripped``): ``"blank"`` puts a blank line between comments
      and ``\\n`` between paragraphs; ``"newline"`` separates everything by ``\\n``.
    * ``quote_marker`` (``lesswrong-copy``): ``">"`` or ``"indent"``;
      (``greaterwrong``): ``">"`` or ``"none"`` (a browser copy drops the marker).
    * ``wrap`` (``mail``): hard-wrap bodies at 72 columns.

    Other per-dump choices come from the seed only: ``greaterwrong``
    (``header_lines``, ``replies_per_line``, ``alignment_forum``...),
    ``stackexchange`` (``posts``: top-level comments as answers; ``trailer``:
    ``"lines"``, ``"user-date"`` or ``"inline"``; ``old_dates``...),
    ``substack`` (``shape``: ``"copy"`` or ``"markdown"``...), ``reddit-new``
    (``design``: ``"2018"`` or ``"2023"``; ``levels``...). The resolved
    options are in ``gold["options"]``.
    """
    if isinstance(comments, (str, bytes)):
        raise TypeError("render() takes a sequence of CorpusComment, not text")
    if style not in _STYLE_CLASSES:
        raise ValueError(f"unknown style {style!r}; choose one of: {', '.join(STYLES)}")
    wanted = list(dict.fromkeys(artifacts))
    unknown = [a for a in wanted if a not in ARTIFACTS]
    if unknown:
        raise ValueError(f"unknown artifact(s) {unknown}; choose from: {', '.join(ARTIFACTS)}")
    if ("typography" in wanted or "rewrap" in wanted) and not any(a in wanted for a in _REPEATING):
        wanted.append("recapture")
    effective = [a for a in ARTIFACTS if a in wanted]

    all_comments = list(comments)
    selected = _apply_window(all_comments, window)
    options: dict[str, Any] = {}
    if layout is not None:
        options["layout"] = layout
    if quote_marker is not None:
        options["quote_marker"] = quote_marker
    if wrap is not None:
        options["wrap"] = wrap
    ctx = _make_ctx(style, seed, options, all_comments, selected)
    styler = _STYLE_CLASSES[style]()
    styler.setup(ctx)

    printed = {c.comment_id: styler.comment(ctx, c) for c in ctx.comments}
    if style == "stripped":
        # A comment with no text at all is invisible in a headerless dump.
        visible = [c for c in ctx.comments if printed[c.comment_id].body]
        if len(visible) != len(ctx.comments):
            ctx = _make_ctx(style, seed, ctx.options, all_comments, visible)
            styler.setup(ctx)
            printed = {c.comment_id: styler.comment(ctx, c) for c in ctx.comments}
    order = ctx.comments

    rng = random.Random(f"{seed}|artifacts|{style}|{len(order)}")
    previews: dict[str, str] = {}
    if "preview" in effective:
        long_ones = [c for c in order if _visible_length(c) >= 250]
        if long_ones:
            k = max(1, len(long_ones) // 4)
            for c in rng.sample(long_ones, min(k, len(long_ones))):
                text = _preview_text(printed[c.comment_id])
                if text:
                    previews[c.comment_id] = text

    typography = "typography" in effective
    rewrap = "rewrap" in effective

    def dup(c: CorpusComment, drop_quotes: bool = False) -> list[_Piece]:
        return _duplicate(printed[c.comment_id], drop_quotes=drop_quotes, typography=typography, rewrap=rewrap)

    # Items: ("primary", comment) or ("pieces", [pieces]); joined by comment_sep.
    items: list[tuple[str, Any]] = []
    context_before: dict[str, list[CorpusComment]] = {}
    if "parent-context" in effective:
        deep = [c for c in order if ctx.depth[c.comment_id] >= 2]
        if not deep:
            deep = [c for c in order if ctx.depth[c.comment_id] >= 1]
        if deep:
            for c in rng.sample(deep, min(len(deep), max(1, min(3, len(order) // 40)))):
                chain: list[CorpusComment] = []
                p = ctx.parent[c.comment_id]
                while p is not None:
                    chain.append(ctx.by_id[p])
                    p = ctx.parent[p]
                context_before[c.comment_id] = chain[::-1]
    for c in order:
        for a in context_before.get(c.comment_id, ()):
            items.append(("pieces", dup(a)))
        items.append(("primary", c))

    if "pagination" in effective and len(order) >= 2:
        m = rng.randint(max(1, len(order) // 3), max(1, (2 * len(order)) // 3))
        k = rng.randint(1, min(3, m))
        # position in items right after the m-th primary comment
        seen, cut = 0, len(items)
        for i, (kind, _) in enumerate(items):
            if kind == "primary":
                seen += 1
                if seen == m:
                    cut = i + 1
                    break
        repeat = [("pieces", dup(c)) for c in order[m - k : m]]
        page2 = [("pieces", styler.page_break(ctx, len(order) - m))] + repeat
        items = items[:cut] + page2 + items[cut:]

    page: list[tuple[str, Any]] = [("pieces", styler.page_open(ctx))] + items + [("pieces", styler.page_close(ctx))]
    if not order:
        page = []  # nothing to print, not even page furniture
    elif "recapture" in effective:
        page += [("pieces", _retype(styler.page_open(ctx), typography))]
        page += [("pieces", dup(c, drop_quotes=True)) for c in order]
        page += [("pieces", _retype(styler.page_close(ctx), typography))]

    writer = _Writer()
    first = True
    for kind, payload in page:
        if kind == "primary":
            pieces = _primary(printed[payload.comment_id], previews.get(payload.comment_id), styler.preview_more)
            owner = payload.comment_id
        else:
            pieces = _tidy(list(payload))
            owner = None
        if not pieces:
            continue
        if not first:
            writer.write(_sep(styler.comment_sep))
        first = False
        for piece in pieces:
            writer.write(piece, owner)
    text = "".join(writer.parts)
    gold = _gold(ctx, writer, text, effective)
    return RenderedDump(text=text, gold=gold)


def _retype(pieces: list[_Piece], typography: bool) -> list[_Piece]:
    if not typography:
        return pieces
    return [_Piece(_typography(p.text), p.role, p.kind, p.source, p.of) for p in pieces]


def _apply_window(comments: list[CorpusComment], window: Any) -> list[CorpusComment]:
    if window is None:
        return comments
    if isinstance(window, slice):
        return comments[window]
    if isinstance(window, int):
        return comments[:window]
    start, stop = window
    return comments[start:stop]


def _make_ctx(
    style: str,
    seed: int,
    options: dict[str, Any],
    all_comments: list[CorpusComment],
    selected: list[CorpusComment],
) -> _Ctx:
    rendered = {c.comment_id for c in selected}
    parent: dict[str, Optional[str]] = {}
    depth: dict[str, int] = {}
    children: dict[Optional[str], list[str]] = {}
    for c in selected:
        p = c.parent_id if c.parent_id in rendered else None
        parent[c.comment_id] = p
        depth[c.comment_id] = depth.get(p, -1) + 1 if p is not None else 0
        children.setdefault(p, []).append(c.comment_id)
    thread_id = selected[0].thread_id if selected else (all_comments[0].thread_id if all_comments else "")
    rng = random.Random(f"{seed}|{style}|{thread_id}")
    times = [_parse_time(c.posted_at) for c in selected] or [datetime(2020, 1, 1, tzinfo=timezone.utc)]
    now = max(times) + timedelta(minutes=rng.randint(30, 60 * 24 * 60))
    words_a = ("Question", "Notes", "Proposal", "Problem", "Thoughts", "Update", "Patch")
    words_b = ("about", "on", "regarding", "for")
    words_c = ("the build", "indexing", "the new release", "threading", "search", "the API", "tags")
    subject = f"{rng.choice(words_a)} {rng.choice(words_b)} {rng.choice(words_c)}"
    return _Ctx(
        style=style,
        seed=seed,
        rng=rng,
        options=dict(options),
        comments=list(selected),
        by_id={c.comment_id: c for c in all_comments},
        rendered=rendered,
        parent=parent,
        depth=depth,
        children=children,
        order={c.comment_id: i for i, c in enumerate(selected)},
        now=now,
        thread_token=_slug(f"thread {_token(seed, thread_id, length=6)}"),
        list_name=rng.choice(("devel", "users", "discuss", "general")),
        subject=subject,
    )


def _first_seen(records) -> dict[str, int]:
    """Where each comment's first printed piece starts, by comment id."""
    first_seen: dict[str, int] = {}
    for start, _end, _piece, owner in records:
        if owner is not None and owner not in first_seen:
            first_seen[owner] = start
    return first_seen


def _gold_spans(records, entries: dict[str, dict[str, Any]], first_seen: dict[str, int]):
    """Spread the printed pieces ``(start, end, piece, owner)`` over the gold
    record: headers, prose and quotes into their comment's entry, duplicates
    and chrome (headers count as chrome too) into the two lists returned."""
    duplicates: list[dict[str, Any]] = []
    chrome: list[dict[str, Any]] = []
    for start, end, piece, owner in records:
        span = [start, end]
        if piece.role == "dup":
            duplicates.append({"span": span, "of": piece.of})
        elif piece.role == "chrome":
            chrome.append({"span": span, "kind": piece.kind})
        elif piece.role == "header":
            chrome.append({"span": span, "kind": "header"})
            if owner is not None:
                entries[owner]["header"] = span
        elif piece.role == "prose":
            entries[owner]["prose"].append(span)
        elif piece.role == "quote":
            src = piece.source
            earlier = src is not None and src in first_seen and first_seen[src] < start
            entries[owner]["quotes"].append({"span": span, "source": src, "earlier": earlier})
    return duplicates, chrome


def _gold(ctx: _Ctx, writer: _Writer, text: str, artifacts: list[str]) -> dict:
    entries: dict[str, dict[str, Any]] = {}
    first_seen = _first_seen(writer.records)
    for c in ctx.comments:
        if c.comment_id not in first_seen:
            continue
        entries[c.comment_id] = {
            "id": c.comment_id,
            "parent": ctx.parent[c.comment_id],
            "speaker": c.author,
            "depth": ctx.depth[c.comment_id],
            "header": None,
            "prose": [],
            "quotes": [],
        }
    duplicates, chrome = _gold_spans(writer.records, entries, first_seen)
    first = ctx.comments[0] if ctx.comments else None
    return {
        "schema": GOLD_SCHEMA,
        "style": ctx.style,
        "artifacts": artifacts,
        "options": {k: v for k, v in sorted(ctx.options.items())},
        "seed": ctx.seed,
        "source": first.source if first else None,
        "thread_id": first.thread_id if first else None,
        "length": len(text),
        "comments": list(entries.values()),
        "duplicates": duplicates,
        "chrome": chrome,
    }


# --------------------------------------------------------------------------- checking


def gold_spans(gold: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """Every covering span of a gold record as ``(start, end, label)``, sorted.

    A comment's header is counted once (from ``chrome``).
    """
    spans: list[tuple[int, int, str]] = []
    for c in gold["comments"]:
        spans += [(s, e, f"{c['id']}/prose") for s, e in c["prose"]]
        spans += [(q["span"][0], q["span"][1], f"{c['id']}/quote") for q in c["quotes"]]
    spans += [(d["span"][0], d["span"][1], "duplicate") for d in gold["duplicates"]]
    spans += [(ch["span"][0], ch["span"][1], f"chrome/{ch['kind']}") for ch in gold["chrome"]]
    spans.sort()
    return spans


def gold_problems(text: str, gold: Mapping[str, Any]) -> list[str]:
    """Check a gold record against its text; return a list of problems (empty = valid).

    Checks: schema and length; spans inside ``[0, len(text)]``, non-empty after
    strip, not overlapping; every non-whitespace character covered; each
    comment's header also listed as chrome ``header``; chrome kinds known.
    """
    problems: list[str] = []
    if gold.get("schema") != GOLD_SCHEMA:
        problems.append(f"schema is {gold.get('schema')!r}, expected {GOLD_SCHEMA!r}")
    if gold.get("length") != len(text):
        problems.append(f"length {gold.get('length')} != len(text) {len(text)}")
    headers = {tuple(ch["span"]) for ch in gold["chrome"] if ch["kind"] == "header"}
    for c in gold["comments"]:
        if c["header"] is not None and tuple(c["header"]) not in headers:
            problems.append(f"header of {c['id']} not listed as chrome")
    for ch in gold["chrome"]:
        if ch["kind"] not in CHROME_KINDS:
            problems.append(f"unknown chrome kind {ch['kind']!r}")
    covered = bytearray(len(text) + 1)
    last_end, last_label = -1, ""
    for s, e, label in gold_spans(gold):
        if not (0 <= s < e <= len(text)):
            problems.append(f"{label} span {[s, e]} outside text of length {len(text)}")
            continue
        if not text[s:e].strip():
            problems.append(f"{label} span {[s, e]} is blank")
        if s < last_end:
            problems.append(f"{label} span {[s, e]} overlaps {last_label} ending at {last_end}")
        if e > last_end:
            last_end, last_label = e, label
        covered[s:e] = b"\x01" * (e - s)
    for m in re.finditer(r"\S+", text):
        s, e = m.span()
        if covered[s:e] != b"\x01" * (e - s):
            at = s + covered[s:e].find(0)
            problems.append(f"uncovered text at {at}: {text[at:at + 40]!r}")
            if len(problems) > 20:
                break
    return problems
