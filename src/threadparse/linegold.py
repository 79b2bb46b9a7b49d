"""A line-based gold format for annotating real dumps by hand.

Character spans are tedious to write by hand; line numbers are not. A
``threadparse-linegold/1`` file labels the lines of one dump and is converted
to a ``threadparse-gold/1`` record (see ``docs/accuracy.md``) against the
dump's text, so the same scorer (:func:`threadparse.evaluate.score`) judges
rendered and real dumps alike. The annotations live in ``tests/realgold/``;
the pages they describe stay in ``../shared/realpages`` (third-party text).

The format, one statement per line (``#`` starts a comment line)::

    # threadparse-linegold/1
    # file: phpbb_1.txt
    # family: phpbb
    comment c1 speaker="Jane Roe" parent=top
    comment c2 speaker=? parent=c1
    1-4 chrome meta
    5 header c1
    6-20 prose c1
    21 chrome attribution
    22-24 quote c2 source=c1
    25 quote c2 source=none
    26:0-26:14 header c2
    26:14-30 prose c2
    31-40 dup c1

- Lines are the dump's ``\\n``-separated lines, numbered from 1 (as ``nl -ba``
  and ``sed -n`` count them). ``A-B`` is lines A to B inclusive. ``A:C`` is
  column C (0-based, in characters) of line A, for the rare piece that shares
  a line with another (a header glued to its text); ``A:C-B:D`` runs from
  column C of line A to column D of line B (exclusive; ``B`` alone means to
  the end of line B). Every span is stripped of surrounding whitespace.
- ``comment ID speaker=NAME|? parent=ID|top|unknown`` declares a comment in
  reading order. ``speaker=?``: the page does not say who wrote it.
  ``parent=top``: the page shows it is not a reply (a thread's first post, a
  top-level comment on a nested page). ``parent=unknown``: the page does not
  show what it answers (a flat page without quotes or addressing).
- ``header ID``, ``prose ID``, ``quote ID source=ID|none``: the comment's
  header (also scored as chrome), its own text, and text it quotes.
- ``chrome KIND``: page furniture, KIND one of ``header``, ``ui``,
  ``navigation``, ``attribution``, ``signature``, ``reference``, ``meta``,
  ``post`` (the article or post body above a comment section).
- ``dup ID``: a stretch repeating comment ID's text (a second capture).

Every non-whitespace character must be labelled exactly once;
:func:`problems` lists violations.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any, Optional, Union

SCHEMA = "threadparse-linegold/1"
CHROME_KINDS = frozenset(
    {"header", "ui", "navigation", "attribution", "signature", "reference", "meta", "post"}
)
PARENT_WORDS = frozenset({"top", "unknown"})


class LineGoldError(ValueError):
    """A line-gold file that cannot be read; the message names the line."""


def _line_table(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every ``\\n``-separated line, ``end`` before the ``\\n``."""
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            out.append((pos, len(text)))
            return out
        out.append((pos, nl))
        pos = nl + 1


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _position(token: str, lines: list[tuple[int, int]], end: bool, where: str) -> int:
    line_s, _, col_s = token.partition(":")
    try:
        line = int(line_s)
    except ValueError:
        raise LineGoldError(f"{where}: {token!r} is not a line number") from None
    if not 1 <= line <= len(lines):
        raise LineGoldError(f"{where}: line {line} is outside the dump (1..{len(lines)})")
    start, stop = lines[line - 1]
    if col_s:
        try:
            col = int(col_s)
        except ValueError:
            raise LineGoldError(f"{where}: {token!r} has a bad column") from None
        if not 0 <= col <= stop - start:
            raise LineGoldError(f"{where}: column {col} is outside line {line}")
        return start + col
    return stop if end else start


def _span(token: str, text: str, lines, where: str) -> tuple[int, int]:
    first, sep, last = token.partition("-")
    a = _position(first, lines, end=False, where=where)
    if sep:
        b = _position(last, lines, end=True, where=where)
    elif ":" in first:
        b = lines[int(first.split(":")[0]) - 1][1]
    else:
        b = _position(first, lines, end=True, where=where)
    if b < a:
        raise LineGoldError(f"{where}: span {token!r} ends before it starts")
    return _strip(text, a, b)


def _fields(words: list[str], where: str) -> dict[str, str]:
    out = {}
    for w in words:
        key, eq, value = w.partition("=")
        if not eq:
            raise LineGoldError(f"{where}: expected key=value, got {w!r}")
        out[key] = value
    return out


def convert(source: str, text: str, *, name: str = "<linegold>") -> dict[str, Any]:
    """Turn a line-gold file's content into a ``threadparse-gold/1`` record for ``text``."""
    lines = _line_table(text)
    meta: dict[str, str] = {}
    comments: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    chrome: list[dict[str, Any]] = []
    duplicates: list[dict[str, Any]] = []
    pending_refs: list[tuple[str, str]] = []
    for no, raw in enumerate(source.splitlines(), 1):
        where = f"{name}:{no}"
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            key, colon, value = line[1:].partition(":")
            if colon and key.strip() in ("file", "family", "note"):
                meta[key.strip()] = value.strip()
            continue
        try:
            words = shlex.split(line)
        except ValueError as exc:
            raise LineGoldError(f"{where}: {exc}") from None
        if words[0] == "comment":
            if len(words) < 2:
                raise LineGoldError(f"{where}: 'comment' needs an id")
            cid = words[1]
            if cid in comments:
                raise LineGoldError(f"{where}: comment {cid!r} declared twice")
            f = _fields(words[2:], where)
            parent = f.get("parent", "unknown")
            speaker = f.get("speaker", "?")
            comments[cid] = {
                "id": cid,
                "parent": None if parent in PARENT_WORDS else parent,
                "parent_status": parent if parent in PARENT_WORDS else "known",
                "speaker": None if speaker == "?" else speaker,
                "header": None,
                "prose": [],
                "quotes": [],
            }
            order.append(cid)
            if parent not in PARENT_WORDS:
                pending_refs.append((parent, where))
            continue
        if len(words) < 2:
            raise LineGoldError(f"{where}: expected 'SPAN LABEL ...'")
        span = _span(words[0], text, lines, where)
        label, rest = words[1], words[2:]
        if span[0] == span[1]:
            raise LineGoldError(f"{where}: span {words[0]} holds only whitespace")
        if label == "chrome":
            kind = rest[0] if rest else ""
            if kind not in CHROME_KINDS:
                raise LineGoldError(f"{where}: chrome kind {kind!r} is not one of {sorted(CHROME_KINDS)}")
            chrome.append({"span": list(span), "kind": kind})
            continue
        if label not in ("header", "prose", "quote", "dup") or not rest:
            raise LineGoldError(f"{where}: unknown label {label!r} (header, prose, quote, dup, chrome)")
        cid = rest[0]
        if cid not in comments:
            raise LineGoldError(f"{where}: comment {cid!r} is not declared above")
        c = comments[cid]
        if label == "header":
            if c["header"] is not None:
                a, _ = c["header"]
                c["header"] = [min(a, span[0]), max(c["header"][1], span[1])]
            else:
                c["header"] = list(span)
            chrome.append({"span": list(span), "kind": "header"})
        elif label == "prose":
            c["prose"].append(list(span))
        elif label == "quote":
            f = _fields(rest[1:], where)
            src = f.get("source", "none")
            if src != "none":
                pending_refs.append((src, where))
            c["quotes"].append({"span": list(span), "source": None if src == "none" else src})
        else:
            duplicates.append({"span": list(span), "of": cid})
    for ref, where in pending_refs:
        if ref not in comments:
            raise LineGoldError(f"{where}: {ref!r} names no declared comment")
    return {
        "schema": "threadparse-gold/1",
        "style": "real:" + meta.get("family", "unknown"),
        "family": meta.get("family", "unknown"),
        "file": meta.get("file"),
        "artifacts": [],
        "length": len(text),
        "comments": [comments[c] for c in order],
        "duplicates": sorted(duplicates, key=lambda d: d["span"]),
        "chrome": sorted(chrome, key=lambda d: d["span"]),
    }


def load(gold_path: Union[str, Path], text: str) -> dict[str, Any]:
    """Read a line-gold file and convert it against ``text``."""
    path = Path(gold_path)
    return convert(path.read_text(encoding="utf-8"), text, name=path.name)


def problems(gold: dict[str, Any], text: str) -> list[str]:
    """Coverage problems of a converted record: overlapping spans and
    non-whitespace characters no span labels (header spans count once)."""
    spans: list[tuple[int, int, str]] = []
    for c in gold["comments"]:
        spans.extend((a, b, f"{c['id']}/prose") for a, b in c["prose"])
        spans.extend((q["span"][0], q["span"][1], f"{c['id']}/quote") for q in c["quotes"])
    spans.extend((d["span"][0], d["span"][1], "dup") for d in gold["duplicates"])
    spans.extend((ch["span"][0], ch["span"][1], f"chrome/{ch['kind']}") for ch in gold["chrome"])
    spans.sort()
    out: list[str] = []
    covered = 0
    prev: Optional[tuple[int, int, str]] = None
    for a, b, what in spans:
        if prev is not None and a < prev[1]:
            out.append(f"{what} [{a},{b}) overlaps {prev[2]} [{prev[0]},{prev[1]})")
        gap = text[covered:a] if a > covered else ""
        if gap.strip():
            out.append(f"unlabelled text at {covered}: {gap.strip()[:60]!r}")
        covered = max(covered, b)
        prev = (a, b, what)
    if text[covered:].strip():
        out.append(f"unlabelled text at {covered}: {text[covered:].strip()[:60]!r}")
    return out
