"""Golden tests for headerless ("plain") dumps.

Every ``tests/fixtures/plain/NAME.txt`` is parsed with ``threadparse.parse`` and compared with
``NAME.expected.json`` (format: ``tests/fixtures/plain/README.md``). Expectations are written in
line numbers; they are turned into character spans that start at the first non-whitespace
character of the first line and end just after the last non-whitespace character of the last
line, so a parser is free in how it treats blank lines but not in where text starts and ends.

A second test family checks the seed dump in the shared folder next to the repository
(``../shared/seed/thread_dump.txt``) against its known parse; it is skipped when absent. The
seed text itself is never copied here: its expected quote sources are derived from line
numbers and sentence boundaries.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import pytest

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
PLAIN_DIR = FIXTURES_DIR / "plain"
SEED_PATH = Path(__file__).resolve().parents[2] / "shared" / "seed" / "thread_dump.txt"
EXPECTED_SUFFIX = ".expected.json"
CHROME_KINDS = {"header", "ui", "navigation", "attribution", "signature", "reference", "meta", "post"}


# --------------------------------------------------------------------------- raw text helpers


def read_raw(path: Path) -> str:
    """Read a dump exactly as stored: no newline translation, so CRLF stays CRLF."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def collapse_ws(text: str) -> str:
    """Whitespace-insensitive form used to compare quote-source text."""
    return " ".join(text.split())


class LineTable:
    """Maps 1-based line numbers of a raw text to character offsets and back.

    Lines are split on ``\\n`` only; a ``\\r`` before it stays in the line and counts as
    whitespace, like NBSP and tabs (``str.isspace``).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def __len__(self) -> int:
        return len(self.starts)

    def bounds(self, n: int) -> tuple[int, int]:
        """Offsets of line ``n`` without its ``\\n``."""
        if not 1 <= n <= len(self.starts):
            raise ValueError(f"line {n} out of range 1..{len(self.starts)}")
        start = self.starts[n - 1]
        end = self.starts[n] - 1 if n < len(self.starts) else len(self.text)
        return start, end

    def line(self, n: int) -> str:
        start, end = self.bounds(n)
        return self.text[start:end]

    def is_blank(self, n: int) -> bool:
        return self.line(n).isspace() or not self.line(n)

    def content_span(self, first: int, last: int) -> tuple[int, int]:
        """Span from the first non-whitespace char of ``first`` to after the last of ``last``."""
        if first > last:
            raise ValueError(f"line range {first}-{last} is reversed")
        start, end = self.bounds(first)
        line = self.text[start:end]
        stripped = len(line) - len(line.lstrip())
        if stripped == len(line):
            raise ValueError(f"line {first} is blank; a range must start on a non-blank line")
        span_start = start + stripped
        start, end = self.bounds(last)
        line = self.text[start:end]
        if not line.strip():
            raise ValueError(f"line {last} is blank; a range must end on a non-blank line")
        span_end = start + len(line.rstrip())
        return span_start, span_end

    def region(self, first: int, last: int) -> tuple[int, int]:
        """Whole lines ``first``..``last`` without the final line break."""
        return self.bounds(first)[0], self.bounds(last)[1]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        n = bisect.bisect_right(self.starts, offset)
        return n, offset - self.starts[n - 1] + 1

    def describe(self, span: Optional[tuple[int, int]]) -> str:
        """Readable ``L3:1-L7:40 [120:455]`` form of a span (end column is inclusive)."""
        if span is None:
            return "-"
        start, end = span
        if end <= start:
            line, col = self.position(start)
            return f"L{line}:{col} (empty) [{start}:{end}]"
        l1, c1 = self.position(start)
        l2, c2 = self.position(end - 1)
        return f"L{l1}:{c1}-L{l2}:{c2} [{start}:{end}]"

    def snippet(self, span: tuple[int, int], width: int = 60) -> str:
        text = self.text[span[0] : span[1]]
        if len(text) > width:
            text = text[: width // 2 - 2] + " … " + text[-(width // 2 - 2) :]
        return repr(text)


# --------------------------------------------------------------------------- expectations


@dataclass
class ExpectedQuote:
    span: tuple[int, int]
    source: Optional[str]
    # Either the exact source span, or (region the span must lie in, its collapsed text).
    source_span: Optional[tuple[int, int]] = None
    source_region: Optional[tuple[int, int]] = None
    source_text: Optional[str] = None


@dataclass
class ExpectedComment:
    id: str
    span: tuple[int, int]
    speaker: Optional[str]
    addressees: tuple[str, ...]
    parent: Optional[str]
    quotes: list[ExpectedQuote] = field(default_factory=list)
    header: Optional[dict[str, Any]] = None  # subset of header fields that must match


@dataclass
class Expected:
    comments: list[ExpectedComment]
    duplicates: list[tuple[int, int, Optional[str]]]
    chrome: list[tuple[int, int, str]]
    dialect: Optional[str] = None


def expected_from_json(data: dict[str, Any], table: LineTable) -> Expected:
    comments = []
    for i, c in enumerate(data["comments"], 1):
        quotes = []
        for q in c.get("quotes", []):
            eq = ExpectedQuote(span=table.content_span(*q["lines"]), source=q["source"])
            if q["source"] is not None:
                if q.get("source_text") is not None:
                    eq.source_region = table.region(*q["source_lines"])
                    eq.source_text = q["source_text"]
                else:
                    eq.source_span = table.content_span(*q["source_lines"])
            quotes.append(eq)
        comments.append(
            ExpectedComment(
                id=f"c{i}",
                span=table.content_span(*c["lines"]),
                speaker=c["speaker"],
                addressees=tuple(c["addressees"]),
                parent=c["parent"],
                quotes=quotes,
                header=c.get("header"),
            )
        )
    duplicates = sorted((*table.content_span(*d["lines"]), d["of"]) for d in data["duplicates"])
    chrome = sorted((*table.content_span(*ch["lines"]), ch["kind"]) for ch in data["chrome"])
    return Expected(comments, duplicates, chrome, data.get("dialect"))


def load_fixture(name: str) -> tuple[str, dict[str, Any]]:
    """``name`` is ``NAME`` (a plain fixture) or ``DIALECT/NAME``."""
    folder, _, stem = name.rpartition("/")
    base = FIXTURES_DIR / (folder or "plain")
    raw = read_raw(base / f"{stem}.txt")
    data = json.loads((base / f"{stem}{EXPECTED_SUFFIX}").read_text(encoding="utf-8"))
    return raw, data


def fixture_names() -> list[str]:
    """Plain fixtures by bare name, the other dialects' as ``DIALECT/NAME``."""
    names = []
    for path in sorted(FIXTURES_DIR.glob(f"*/*{EXPECTED_SUFFIX}")):
        stem = path.name[: -len(EXPECTED_SUFFIX)]
        folder = path.parent.name
        names.append(stem if folder == "plain" else f"{folder}/{stem}")
    return names


def fixture_params(honour_xfail: bool) -> list[Any]:
    params = []
    for name in fixture_names():
        marks = []
        if honour_xfail:
            try:
                _, data = load_fixture(name)
                reason = data.get("xfail")
            except (OSError, ValueError):
                reason = None  # test_fixture_is_consistent reports the broken file
            if reason:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
        params.append(pytest.param(name, marks=marks, id=name))
    return params


# --------------------------------------------------------------------------- the parser


def _threadparse() -> Any:
    try:
        module = importlib.import_module("threadparse")
    except ModuleNotFoundError as exc:
        if exc.name != "threadparse":
            raise
        # Running from a checkout that was not `pip install -e .`-ed.
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
        module = importlib.import_module("threadparse")
    if not hasattr(module, "parse"):
        pytest.fail("threadparse.parse does not exist (yet)", pytrace=False)
    return module


@functools.lru_cache(maxsize=None)
def parse_cached(text: str) -> Any:
    return _threadparse().parse(text)


def _span(obj: Any) -> tuple[int, int]:
    return (obj.span.start, obj.span.end)


# --------------------------------------------------------------------------- comparison


def compare(thread: Any, expected: Expected, table: LineTable) -> list[str]:
    """Return readable problem lines (empty when the parse matches)."""
    out: list[str] = []
    if expected.dialect is not None and thread.dialect.name != expected.dialect:
        out.append(f"dialect: expected {expected.dialect!r}, got {thread.dialect.name!r}")
    got_comments = list(thread.comments)
    if len(got_comments) != len(expected.comments):
        out.append(f"comment count: expected {len(expected.comments)}, got {len(got_comments)}")
    for i in range(max(len(got_comments), len(expected.comments))):
        exp = expected.comments[i] if i < len(expected.comments) else None
        got = got_comments[i] if i < len(got_comments) else None
        out.extend(_compare_comment(i, exp, got, table))

    got_dups = sorted((d.span.start, d.span.end, d.of) for d in thread.duplicates)
    if got_dups != expected.duplicates:
        out.append("duplicates differ:")
        out.extend(_span_rows("expected", expected.duplicates, table, "of"))
        out.extend(_span_rows("got     ", got_dups, table, "of"))

    got_chrome = sorted((ch.span.start, ch.span.end, ch.kind) for ch in thread.chrome)
    if got_chrome != expected.chrome:
        out.append("chrome differs:")
        out.extend(_span_rows("expected", expected.chrome, table, "kind"))
        out.extend(_span_rows("got     ", got_chrome, table, "kind"))
    return out


def _span_rows(label: str, rows: list[tuple[int, int, Any]], table: LineTable, key: str) -> list[str]:
    if not rows:
        return [f"  {label}: (none)"]
    return [
        f"  {label}: {table.describe((s, e))} {key}={v!r} {table.snippet((s, e), 40)}"
        for s, e, v in rows
    ]


def _describe_comment(c: Any, table: LineTable, got: bool) -> str:
    if got:
        quotes = [
            f"{table.describe(_span(q))}<-{q.source.comment_id if q.source else None}"
            for q in c.quotes
        ]
        return (
            f"{c.id} {table.describe(_span(c))} speaker={c.speaker.name!r} "
            f"addressees={list(c.addressees)} parent={c.parent_id!r} quotes={quotes}"
        )
    quotes = [f"{table.describe(q.span)}<-{q.source}" for q in c.quotes]
    return (
        f"{c.id} {table.describe(c.span)} speaker={c.speaker!r} "
        f"addressees={list(c.addressees)} parent={c.parent!r} quotes={quotes}"
    )


def _compare_comment(i: int, exp: Optional[ExpectedComment], got: Any, table: LineTable) -> list[str]:
    head = f"comment #{i + 1}"
    if exp is None:
        return [f"{head}: unexpected  {_describe_comment(got, table, True)}"]
    if got is None:
        return [f"{head}: missing     {_describe_comment(exp, table, False)}"]
    diffs: list[str] = []
    if got.id != exp.id:
        diffs.append(f"id: expected {exp.id!r}, got {got.id!r}")
    if _span(got) != exp.span:
        diffs.append(
            f"span: expected {table.describe(exp.span)} {table.snippet(exp.span)}\n"
            f"          got {table.describe(_span(got))} {table.snippet(_span(got))}"
        )
    if got.speaker.name != exp.speaker:
        diffs.append(f"speaker: expected {exp.speaker!r}, got {got.speaker.name!r}")
    if tuple(got.addressees) != exp.addressees:
        diffs.append(f"addressees: expected {list(exp.addressees)}, got {list(got.addressees)}")
    if got.parent_id != exp.parent:
        diffs.append(f"parent: expected {exp.parent!r}, got {got.parent_id!r}")
    if exp.header is not None:
        if got.header is None:
            diffs.append(f"header: expected {exp.header}, got none")
        else:
            have = got.header.model_dump(mode="json")
            for key, want in exp.header.items():
                if have.get(key) != want:
                    diffs.append(f"header.{key}: expected {want!r}, got {have.get(key)!r}")
    for block in got.blocks:
        if not (got.span.start <= block.span.start <= block.span.end <= got.span.end):
            diffs.append(f"{block.kind} block {table.describe(_span(block))} lies outside the comment")
    diffs.extend(_compare_quotes(list(got.quotes), exp.quotes, table))
    if not diffs:
        return []
    lines = [
        f"{head}:",
        f"  expected {_describe_comment(exp, table, False)}",
        f"  got      {_describe_comment(got, table, True)}",
    ]
    lines.extend(f"  ✗ {d}" for d in diffs)
    return lines


def _compare_quotes(got: list[Any], exp: list[ExpectedQuote], table: LineTable) -> list[str]:
    got_keys = [(_span(q), q.source.comment_id if q.source else None) for q in got]
    exp_keys = [(q.span, q.source) for q in exp]
    if got_keys != exp_keys:
        return [
            "quotes: expected "
            + (", ".join(f"{table.describe(s)}<-{src}" for s, src in exp_keys) or "(none)")
            + "\n          got "
            + (", ".join(f"{table.describe(s)}<-{src}" for s, src in got_keys) or "(none)")
        ]
    diffs = []
    for g, e in zip(got, exp):
        if e.source is None:
            continue
        src = _span(g.source)
        where = f"source of quote {table.describe(e.span)}"
        if e.source_span is not None:
            if src != e.source_span:
                diffs.append(
                    f"{where}: expected {table.describe(e.source_span)} {table.snippet(e.source_span)},"
                    f" got {table.describe(src)} {table.snippet(src)}"
                )
        else:
            lo, hi = e.source_region
            text = table.text[src[0] : src[1]]
            if not (lo <= src[0] <= src[1] <= hi) or collapse_ws(text) != collapse_ws(e.source_text):
                diffs.append(
                    f"{where}: expected text {e.source_text!r} within {table.describe((lo, hi))},"
                    f" got {table.describe(src)} {text!r}"
                )
    return diffs


def coverage_problems(thread: Any, table: LineTable, limit: int = 12) -> list[str]:
    """Every non-whitespace char in exactly one block/duplicate/chrome span; no overlaps."""
    spans: list[tuple[int, int, str]] = []
    for c in thread.comments:
        spans.extend((b.span.start, b.span.end, f"{c.id}/{b.kind}") for b in c.blocks)
    spans.extend((d.span.start, d.span.end, f"duplicate of {d.of}") for d in thread.duplicates)
    spans.extend((ch.span.start, ch.span.end, f"chrome/{ch.kind}") for ch in thread.chrome)
    spans.sort()
    text = table.text
    problems = []
    for s, e, label in spans:
        if not 0 <= s <= e <= len(text):
            problems.append(f"{label} span [{s}:{e}] is outside the input (length {len(text)})")
    for (s1, e1, l1), (s2, e2, l2) in zip(spans, spans[1:]):
        if s2 < e1:
            problems.append(
                f"overlap: {l1} {table.describe((s1, e1))} and {l2} {table.describe((s2, e2))}"
            )
    covered = [0] * len(text)
    for s, e, _ in spans:
        for k in range(max(s, 0), min(e, len(text))):
            covered[k] += 1
    uncovered_lines: dict[int, int] = {}
    for k, ch in enumerate(text):
        if not ch.isspace() and covered[k] == 0:
            line, col = table.position(k)
            uncovered_lines.setdefault(line, col)
    for line, col in list(uncovered_lines.items())[:limit]:
        problems.append(f"uncovered text at L{line}:{col}: {table.line(line)[col - 1 :][:60]!r}")
    if len(uncovered_lines) > limit:
        problems.append(f"... and uncovered text on {len(uncovered_lines) - limit} more lines")
    return problems


def _fail(title: str, problems: list[str]) -> None:
    pytest.fail(title + "\n" + "\n".join(problems), pytrace=False)


# --------------------------------------------------------------------------- tests: helpers


def test_line_table_spans_skip_surrounding_whitespace() -> None:
    text = "  ab \n\ncd\t\r\n\u00a0ef\u00a0\r\n   \nlast"
    table = LineTable(text)
    assert len(table) == 6
    assert table.line(3) == "cd\t\r"
    assert table.content_span(1, 1) == (2, 4)
    assert text[slice(*table.content_span(1, 1))] == "ab"
    assert text[slice(*table.content_span(3, 3))] == "cd"
    assert text[slice(*table.content_span(4, 4))] == "ef"  # NBSP is whitespace
    assert text[slice(*table.content_span(1, 4))] == "ab \n\ncd\t\r\n\u00a0ef"
    assert text[slice(*table.content_span(6, 6))] == "last"  # no final newline
    assert table.is_blank(2) and table.is_blank(5) and not table.is_blank(4)
    for blank in (2, 5):
        with pytest.raises(ValueError):
            table.content_span(blank, blank)
    assert table.region(3, 4) == (7, 17)
    assert table.position(0) == (1, 1)
    assert table.position(7) == (3, 1)
    assert table.describe(table.content_span(1, 3)) == "L1:3-L3:2 [2:9]"


def test_line_table_trailing_newline_gives_empty_last_line() -> None:
    table = LineTable("a\r\nb\r\n")
    assert len(table) == 3 and table.line(3) == ""
    assert table.content_span(1, 2) == (0, 4)


def test_read_raw_keeps_crlf(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes("x\r\ny".encode("utf-8"))
    assert read_raw(path) == "x\r\ny"


# --------------------------------------------------------------------------- tests: fixtures


def test_fixtures_exist() -> None:
    assert len(fixture_names()) >= 10, f"expected the plain fixtures in {PLAIN_DIR}"
    dumps = {
        p.stem if p.parent.name == "plain" else f"{p.parent.name}/{p.stem}"
        for p in FIXTURES_DIR.glob("*/*.txt")
    }
    orphans = dumps - set(fixture_names())
    assert not orphans, f"dumps without an .expected.json: {sorted(orphans)}"


@pytest.mark.parametrize("name", fixture_params(honour_xfail=False))
def test_fixture_is_consistent(name: str) -> None:
    """The expectation file is well-formed and accounts for every non-blank line once."""
    raw, data = load_fixture(name)
    table = LineTable(raw)
    problems: list[str] = []

    known = {"description", "comments", "duplicates", "chrome", "raw", "xfail", "dialect"}
    problems += [f"unknown top-level key {k!r}" for k in sorted(set(data) - known)]
    if not isinstance(data.get("description"), str) or not data["description"]:
        problems.append("missing description")

    rawspec = {"crlf": False, "final_newline": True, "contains": [], **data.get("raw", {})}
    has_cr = "\r" in raw
    if rawspec["crlf"]:
        if raw.count("\n") != raw.count("\r\n") or not has_cr:
            problems.append("raw file should use CRLF for every line break")
    elif has_cr:
        problems.append("raw file contains \\r but the fixture does not declare crlf")
    if raw.endswith("\n") != rawspec["final_newline"]:
        problems.append(f"raw file final newline should be {rawspec['final_newline']}")
    problems += [f"raw file lacks {c!r}" for c in rawspec["contains"] if c not in raw]

    def check_range(label: str, rng: Any) -> Optional[tuple[int, int]]:
        if not (isinstance(rng, list) and len(rng) == 2 and all(isinstance(n, int) for n in rng)):
            problems.append(f"{label}: {rng!r} is not [first, last]")
            return None
        try:
            table.content_span(*rng)
        except ValueError as exc:
            problems.append(f"{label}: {exc}")
            return None
        return rng[0], rng[1]

    owner: dict[int, str] = {}

    def claim(label: str, rng: Optional[tuple[int, int]]) -> None:
        if rng is None:
            return
        for n in range(rng[0], rng[1] + 1):
            if n in owner and not table.is_blank(n):
                problems.append(f"line {n} claimed by both {owner[n]} and {label}")
            owner.setdefault(n, label)

    comment_ranges: dict[str, tuple[int, int]] = {}
    previous_end = 0
    for i, c in enumerate(data.get("comments", []), 1):
        cid = f"c{i}"
        extra = set(c) - {"lines", "speaker", "addressees", "parent", "quotes", "header"}
        problems += [f"{cid}: unknown key {k!r}" for k in sorted(extra)]
        rng = check_range(cid, c.get("lines"))
        if rng is None:
            continue
        if rng[0] <= previous_end:
            problems.append(f"{cid} starts before the previous comment ends")
        previous_end = rng[1]
        comment_ranges[cid] = rng
        claim(cid, rng)
        if c.get("speaker") is not None and not isinstance(c["speaker"], str):
            problems.append(f"{cid}: speaker must be a string or null")
        if not isinstance(c.get("addressees"), list):
            problems.append(f"{cid}: addressees must be a list")
        parent = c.get("parent")
        if parent is not None and (parent not in comment_ranges or parent == cid):
            problems.append(f"{cid}: parent {parent!r} is not an earlier comment")
        last_quote_end = rng[0] - 1
        for q in c.get("quotes", []):
            qlabel = f"{cid} quote {q.get('lines')}"
            qrng = check_range(qlabel, q.get("lines"))
            if qrng is None:
                continue
            if not (rng[0] <= qrng[0] and qrng[1] <= rng[1]):
                problems.append(f"{qlabel} lies outside its comment {list(rng)}")
            if qrng[0] <= last_quote_end:
                problems.append(f"{qlabel} overlaps or precedes the previous quote")
            last_quote_end = qrng[1]
            src = q.get("source")
            if src is None:
                continue
            if src not in comment_ranges or src == cid:
                problems.append(f"{qlabel}: source {src!r} is not an earlier comment")
                continue
            srng = check_range(f"{qlabel} source_lines", q.get("source_lines"))
            if srng is None:
                continue
            crng = comment_ranges[src]
            if not (crng[0] <= srng[0] and srng[1] <= crng[1]):
                problems.append(f"{qlabel}: source_lines {list(srng)} are not inside {src}")
            if q.get("source_text") is not None:
                region = table.text[slice(*table.region(*srng))]
                if collapse_ws(q["source_text"]) not in collapse_ws(region):
                    problems.append(f"{qlabel}: source_text not found in lines {list(srng)}")

    for d in data.get("duplicates", []):
        label = f"duplicate {d.get('lines')}"
        if d.get("of") is not None and d["of"] not in comment_ranges:
            problems.append(f"{label}: 'of' {d['of']!r} is not a comment")
        rng = check_range(label, d.get("lines"))
        if rng and d.get("of") in comment_ranges and rng[0] <= comment_ranges[d["of"]][1]:
            problems.append(f"{label} does not come after the comment it repeats")
        claim(label, rng)

    for ch in data.get("chrome", []):
        label = f"chrome {ch.get('lines')}"
        if ch.get("kind") not in CHROME_KINDS:
            problems.append(f"{label}: kind {ch.get('kind')!r} not in {sorted(CHROME_KINDS)}")
        rng = check_range(label, ch.get("lines"))
        if rng is None:
            continue
        inside = [cid for cid, c in comment_ranges.items() if c[0] <= rng[0] and rng[1] <= c[1]]
        if not inside:  # stand-alone chrome owns its lines; chrome inside a comment does not
            claim(label, rng)

    for n in range(1, len(table) + 1):
        if not table.is_blank(n) and n not in owner:
            problems.append(f"line {n} is not accounted for: {table.line(n)[:60]!r}")

    if problems:
        _fail(f"fixture {name} is inconsistent:", problems)


@pytest.mark.parametrize("name", fixture_params(honour_xfail=True))
def test_fixture_parse(name: str) -> None:
    raw, data = load_fixture(name)
    table = LineTable(raw)
    expected = expected_from_json(data, table)
    thread = parse_cached(raw)
    problems = compare(thread, expected, table)
    if problems:
        _fail(f"fixture {name}: {data['description']}", problems)


@pytest.mark.parametrize("name", fixture_params(honour_xfail=False))
def test_fixture_coverage(name: str) -> None:
    raw, _ = load_fixture(name)
    table = LineTable(raw)
    problems = coverage_problems(parse_cached(raw), table)
    if problems:
        _fail(f"fixture {name}: coverage invariant broken", problems)


# --------------------------------------------------------------------------- tests: the seed

_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def _sentence_spans(table: LineTable, n: int) -> list[tuple[int, int]]:
    """Sentences of line ``n`` as spans (naive split at ., ! or ? before whitespace)."""
    start, _ = table.content_span(n, n)
    line_start, _ = table.bounds(n)
    line = table.line(n)
    spans = []
    cursor = start - line_start
    for m in _SENTENCE_END.finditer(line):
        if m.end() > cursor:
            spans.append((line_start + cursor, line_start + m.end()))
            rest = line[m.end() :]
            cursor = m.end() + len(rest) - len(rest.lstrip())
    return spans


def seed_expected(table: LineTable) -> Expected:
    """The seed's known parse, written in line numbers and sentence positions only."""
    first_sentence_of_5 = _sentence_spans(table, 5)[0]
    sentences_of_7 = _sentence_spans(table, 7)
    last_two_of_7 = (sentences_of_7[-2][0], sentences_of_7[-1][1])
    return Expected(
        comments=[
            ExpectedComment("c1", table.content_span(1, 7), None, ("Erik",), None),
            ExpectedComment(
                "c2",
                table.content_span(8, 17),
                "Erik",
                (),
                "c1",
                quotes=[
                    ExpectedQuote(table.content_span(8, 8), "c1", source_span=table.content_span(2, 2)),
                    ExpectedQuote(table.content_span(10, 10), "c1", source_span=first_sentence_of_5),
                    ExpectedQuote(table.content_span(12, 12), "c1", source_span=last_two_of_7),
                ],
            ),
        ],
        duplicates=[(*table.content_span(18, 24), "c1"), (*table.content_span(25, 31), "c2")],
        chrome=[],
    )


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED_PATH.is_file():
        pytest.skip(f"seed dump not found at {SEED_PATH} (it lives outside the repository)")
    return read_raw(SEED_PATH)


def test_seed_expectation_matches_dump(seed_text: str) -> None:
    """Guard: the seed on disk is the one the expectation describes (31 lines, exact quotes)."""
    table = LineTable(seed_text)
    assert len(table) == 31 and not any(table.is_blank(n) for n in range(1, 32))
    exp = seed_expected(table)
    for quote in exp.comments[1].quotes:
        assert seed_text[slice(*quote.span)] == seed_text[slice(*quote.source_span)]
    text = seed_text[slice(*exp.comments[1].quotes[2].source_span)]
    assert text.endswith("?") and text.count("?") == 2


def test_seed_parse(seed_text: str) -> None:
    table = LineTable(seed_text)
    problems = compare(parse_cached(seed_text), seed_expected(table), table)
    if problems:
        _fail("seed thread_dump.txt", problems)


def test_seed_coverage(seed_text: str) -> None:
    table = LineTable(seed_text)
    problems = coverage_problems(parse_cached(seed_text), table)
    if problems:
        _fail("seed thread_dump.txt: coverage invariant broken", problems)
