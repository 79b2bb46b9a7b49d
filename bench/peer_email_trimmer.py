#!/usr/bin/env python3
"""Compare threadparse with a peer's judgement of what in a reply email is not the reply.

The peer suite (``email_reply_trimmer``, MIT, in ``../shared/peers`` beside the
repository) holds real-world-style reply emails, each split by the peer into
the part it keeps (``test/trimmed/NAME.txt``: the new reply) and the part it
removes (``test/elided/NAME.txt``: quoted text, attribution lines, signatures).
The emails are read from there at run time; nothing of them is copied here.

For every email the script maps the kept and the removed text back onto the
email by locating their non-blank lines in order (whitespace-insensitive; a
line that cannot be found is counted as unmatched), parses the email with
``threadparse.parse``, and reports, counting non-whitespace characters:

- ``removed→quote/chrome``: of the characters the peer removes, the share
  threadparse marks as quote or chrome (signature, attribution...);
- ``kept→prose``: of the characters the peer keeps, the share threadparse
  leaves as prose (not quote, chrome or duplicate).

Each email is parsed twice: with the dialect threadparse detects (a lone email
has no archive header, so this is normally ``plain``) and with the ``mail``
dialect forced. Usage::

    python bench/peer_email_trimmer.py              # totals and the worst cases
    python bench/peer_email_trimmer.py --all        # one row per email
    python bench/peer_email_trimmer.py --json
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PEER = REPO.parent / "shared" / "peers" / "email_reply_trimmer" / "test"
_QUOTE_PREFIX = re.compile(r"^[ \t]*(?:[\w.\-]{0,20}[>|][ \t]?)+")


def read_raw(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _norm(line: str) -> str:
    return " ".join(line.split())


def _unquoted(line: str) -> str:
    return _norm(_QUOTE_PREFIX.sub("", line))


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text`` (``\\r\\n``, ``\\r`` or ``\\n`` breaks)."""
    spans, pos = [], 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def locate(email: str, part: str, taken: set[int]) -> tuple[list[int], int]:
    """Email line numbers holding the non-blank lines of ``part``, in order.

    A line matches an email line with the same words (whitespace collapsed);
    failing that, the same words once quote prefixes (``>``, ``Name>``, ``|``)
    are dropped on both sides, or a run of up to six email lines that the
    peer joined into one (a wrapped attribution). Returns the matched line numbers and how many
    lines of ``part`` were not found.
    """
    spans = line_spans(email)
    lines = [email[a:b] for a, b in spans]
    found: list[int] = []
    missing = 0
    cursor = 0
    for raw in re.split(r"\r\n|\r|\n", part):
        want = _norm(raw)
        if not want:
            continue
        hit: Optional[int] = None
        for norm in (_norm, _unquoted):
            target = norm(raw)
            for k in range(cursor, len(lines)):
                if k not in taken and norm(lines[k]) == target:
                    hit = k
                    break
            if hit is not None:
                break
        if hit is not None:
            found.append(hit)
            taken.add(hit)
            cursor = hit + 1
            continue
        # the peer joins an attribution wrapped over several lines into one
        joined = None
        for k in range(cursor, len(lines)):
            if k in taken or not _norm(lines[k]) or not want.startswith(_norm(lines[k])[:20]):
                continue
            for size in range(2, 7):
                group = range(k, min(len(lines), k + size))
                if any(g in taken for g in group):
                    break
                if _norm(" ".join(lines[g] for g in group)).replace("< ", "<").replace(" >", ">") == want.replace("< ", "<").replace(" >", ">"):
                    joined = list(group)
                    break
            if joined:
                break
        if joined is None:
            missing += 1
            continue
        found.extend(joined)
        taken.update(joined)
        cursor = joined[-1] + 1
    return found, missing


@dataclass
class Tally:
    removed: int = 0
    removed_hit: int = 0
    kept: int = 0
    kept_hit: int = 0
    unmatched_lines: int = 0
    labels: dict[str, int] = field(default_factory=dict)

    def add(self, other: "Tally") -> None:
        self.removed += other.removed
        self.removed_hit += other.removed_hit
        self.kept += other.kept
        self.kept_hit += other.kept_hit
        self.unmatched_lines += other.unmatched_lines

    @property
    def removed_share(self) -> Optional[float]:
        return self.removed_hit / self.removed if self.removed else None

    @property
    def kept_share(self) -> Optional[float]:
        return self.kept_hit / self.kept if self.kept else None


def char_labels(thread, n: int) -> bytearray:
    """One byte per character: p = prose, q = quote, c = chrome, d = duplicate, 0 = none."""
    out = bytearray(n)
    for c in thread.comments:
        for b in c.blocks:
            out[b.span.start : b.span.end] = (b"q" if b.kind == "quote" else b"p") * (b.span.end - b.span.start)
    for d in thread.duplicates:
        out[d.span.start : d.span.end] = b"d" * (d.span.end - d.span.start)
    for ch in thread.chrome:
        out[ch.span.start : ch.span.end] = b"c" * (ch.span.end - ch.span.start)
    return out


def score_email(email: str, trimmed: str, elided: str, dialect: Optional[str]) -> tuple[Tally, str]:
    import threadparse

    thread = threadparse.parse(email, dialect=dialect)
    labels = char_labels(thread, len(email))
    spans = line_spans(email)
    taken: set[int] = set()
    kept_lines, kept_missing = locate(email, trimmed, taken)
    removed_lines, removed_missing = locate(email, elided, taken)
    t = Tally(unmatched_lines=kept_missing + removed_missing)
    for lines, removed in ((kept_lines, False), (removed_lines, True)):
        for k in lines:
            a, b = spans[k]
            for i in range(a, b):
                if email[i].isspace():
                    continue
                lab = labels[i]
                if removed:
                    t.removed += 1
                    t.removed_hit += lab in (ord("q"), ord("c"))
                else:
                    t.kept += 1
                    t.kept_hit += lab == ord("p")
    return t, thread.dialect.name


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--peer", type=Path, default=DEFAULT_PEER, help="the peer's test directory")
    ap.add_argument("--all", action="store_true", help="one row per email")
    ap.add_argument("--worst", type=int, default=8, help="how many worst cases to list")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if importlib.util.find_spec("threadparse") is None and str(REPO / "src") not in sys.path:
        sys.path.insert(0, str(REPO / "src"))  # (an installed or PYTHONPATH copy wins: measure any checkout)
    emails = sorted((args.peer / "emails").glob("*.txt"))
    if not emails:
        print(f"no emails under {args.peer / 'emails'}", file=sys.stderr)
        return 2
    modes = {"detected": None, "mail": "mail"}
    rows = []
    totals = {m: Tally() for m in modes}
    detected: dict[str, int] = {}
    for path in emails:
        email = read_raw(path)
        trimmed = read_raw(args.peer / "trimmed" / path.name)
        elided = read_raw(args.peer / "elided" / path.name)
        row = {"email": path.stem}
        for mode, dialect in modes.items():
            t, name = score_email(email, trimmed, elided, dialect)
            totals[mode].add(t)
            if mode == "detected":
                detected[name] = detected.get(name, 0) + 1
            row[mode] = {
                "removed": t.removed, "removed_share": t.removed_share,
                "kept": t.kept, "kept_share": t.kept_share,
                "unmatched_lines": t.unmatched_lines, "dialect": name,
            }
        rows.append(row)

    def fmt(x: Optional[float]) -> str:
        return "   —  " if x is None else f"{x:6.3f}"

    summary = {
        m: {"removed_chars": t.removed, "removed_quote_or_chrome": t.removed_share,
            "kept_chars": t.kept, "kept_prose": t.kept_share, "unmatched_lines": t.unmatched_lines}
        for m, t in totals.items()
    }
    if args.json:
        print(json.dumps({"emails": len(emails), "detected_dialects": detected, "totals": summary, "rows": rows}, indent=1))
        return 0
    print(f"{len(emails)} emails from {args.peer}; detected dialects: {detected}")
    print(f"{'mode':10} {'removed chars':>14} {'→quote/chrome':>14} {'kept chars':>11} {'→prose':>8} {'unmatched lines':>16}")
    for m, t in totals.items():
        print(f"{m:10} {t.removed:14d} {fmt(t.removed_share):>14} {t.kept:11d} {fmt(t.kept_share):>8} {t.unmatched_lines:16d}")
    for m in modes:
        bad = sorted(
            rows,
            key=lambda r: min(
                r[m]["removed_share"] if r[m]["removed_share"] is not None else 1.0,
                r[m]["kept_share"] if r[m]["kept_share"] is not None else 1.0,
            ),
        )
        print(f"\nworst cases ({m}): email, removed chars →quote/chrome, kept chars →prose")
        for r in (rows if args.all else bad[: args.worst]):
            x = r[m]
            print(f"  {r['email']:32} {x['removed']:6d} {fmt(x['removed_share'])}   {x['kept']:6d} {fmt(x['kept_share'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
