"""Dialects by region for the dialects that run (the winner and the runners-up):
in a long dump each reads only the windows where its ``mark_hint`` matches,
widened by a margin (``dialects.hint_regions``), in one ``mark_lines`` call
over those regions (``dialects.mark_regions``).

The dumps are invented: invented people and topics, the sites' real header shapes.
"""

from __future__ import annotations

import importlib

import pytest

import threadparse
from threadparse.config import ParseConfig
from threadparse.text import Line, split_lines

from .conftest import read_text
from .test_fixtures import FIXTURES_DIR

dialects = importlib.import_module("threadparse.dialects")  # (threadparse.dialects is also a function)

_NAMES = ["ilka_m", "bram.v", "soraya", "teodor_k", "maelle", "quint9"]
_TOPICS = ["the ferry timetable", "tide tables", "the harbour wall", "winter moorings", "the keeper's log"]


def _prose(paragraphs: int) -> str:
    """Headerless paragraphs, a blank line apart (two lines each), with no
    clock time, year or ``From:`` in them."""
    return "\n".join(
        f"Someone wrote about {_TOPICS[i % 5]} on day {i}, and asked whether the bay would freeze early.\n"
        for i in range(paragraphs)
    )


def _discourse(posts: int, first: int = 1) -> str:
    """Discourse posts: name, date, post number, text, likes."""
    return "".join(
        f"{_NAMES[k % 6]}\n{('Sep', 'Oct', 'Nov')[(first + k) // 28 % 3]} {(first + k) % 28 + 1}, 2023,  "
        f"{k % 12 + 1}:{k % 50 + 10}pm\n{first + k}\n"
        f"A post on {_TOPICS[k % 5]}, number {first + k}, and what the harbour master said.\n\n"
        f"{k % 4 + 2} Likes\n\n"
        for k in range(posts)
    )


def _greaterwrong(comments: int) -> str:
    return "".join(
        f"{_NAMES[(k + 2) % 6]}  {k % 27 + 1} Nov 2021 {k % 24}:{k % 50 + 10} UTC  {k + 3} points\n"
        f"A comment on {_TOPICS[k % 5]}, number {k}, about the tide gauge.\n\n"
        for k in range(comments)
    )


def _mbox(messages: int, body_lines: int = 3) -> str:
    body = "".join(f"Line {j} of the notes on {_TOPICS[j % 5]}.\n" for j in range(body_lines))
    return "".join(
        f"From {_NAMES[k % 6]}@example.org Tue Mar  4 09:{k % 50 + 10}:00 2025\n"
        f"From: {_NAMES[k % 6]} <{_NAMES[k % 6]}@example.org>\n"
        f"Date: Tue, 4 Mar 2025 09:{k % 50 + 10}:00 +0000\n"
        f"Subject: Re: ferry notes {k}\n"
        f"Message-ID: <m{k}@example.org>\n\n"
        f"{body}\n-- \n{_NAMES[k % 6]}\n\n"
        for k in range(messages)
    )


def _headers(marks: dict) -> list[int]:
    return sorted(k for k, m in marks.items() if m.kind == "header")


def test_short_dumps_are_read_whole() -> None:
    text = _discourse(40) + _prose(100) + _discourse(10, first=41)
    lines = split_lines(text)
    assert len(lines) <= dialects.SAMPLE_LINES
    assert dialects.hint_regions(text, lines, dialects.get("discourse")) is None


def test_a_dialect_without_a_hint_reads_the_whole_dump() -> None:
    text = _discourse(5) + _prose(2000)
    lines = split_lines(text)
    assert not dialects.get("lesswrong").mark_hint
    assert dialects.hint_regions(text, lines, dialects.get("lesswrong")) is None


def test_second_half_in_another_dialect_gets_its_headers() -> None:
    # Discourse first (it wins detection), then a long stretch of prose, then
    # GreaterWrong: each dialect reads its own region, and the second half's
    # comments get GreaterWrong's headers.
    text = _discourse(60) + "\n" + _prose(1700) + "\n" + _greaterwrong(30)
    lines = split_lines(text)
    assert len(lines) > dialects.SAMPLE_LINES + 400
    gw_lines = [i for i, ln in enumerate(lines) if " UTC " in text[ln.start : ln.end]]
    disc = dialects.hint_regions(text, lines, dialects.get("discourse"))
    assert disc is not None and disc[-1][1] < gw_lines[0]  # Discourse never reads the GreaterWrong half
    gw = dialects.hint_regions(text, lines, dialects.get("greaterwrong"))
    assert gw is not None and gw[0][0] > 2000
    thread = threadparse.parse(text)
    late = [c for c in thread.comments if c.span.start >= lines[gw_lines[0]].start]
    assert len(late) == 30
    assert all(c.header is not None and c.header.author == c.speaker.name for c in late)
    assert [c.header.score for c in late] == [k + 3 for k in range(30)]
    early = [c for c in thread.comments if c.header is not None and c.header.post_number]
    assert [c.header.post_number for c in early] == list(range(1, 61))


def test_region_scan_marks_what_the_full_scan_would_on_one_shape() -> None:
    # One Discourse thread with a long stretch of text in the middle (a post
    # that pastes a long document): the region scan skips windows of that
    # stretch and still marks exactly what the full scan marks.
    text = _discourse(80) + "\n" + _prose(1800) + "\n" + _discourse(80, first=81)
    lines = split_lines(text)
    d = dialects.get("discourse")
    regions = dialects.hint_regions(text, lines, d)
    assert regions is not None and len(regions) == 2
    skipped = regions[1][0] - regions[0][1]
    assert skipped > 2 * dialects.HINT_WINDOW
    full = d.mark_lines(text, lines)
    assert dialects.mark_regions(d, text, lines, regions) == full
    assert len(_headers(full)) == 160


def test_region_scan_of_a_long_mbox_matches_the_full_scan() -> None:
    # one message with a body of 2,500 lines between short ones
    text = _mbox(60) + _mbox(1, body_lines=2500) + _mbox(60)
    lines = split_lines(text)
    d = dialects.get("mail")
    regions = dialects.hint_regions(text, lines, d)
    assert regions is not None and len(regions) == 2
    full = d.mark_lines(text, lines)
    assert dialects.mark_regions(d, text, lines, regions) == full
    assert len(_headers(full)) == 121


def test_late_dialects_off_reads_the_whole_dump() -> None:
    text = _discourse(60) + "\n" + _prose(1700) + "\n" + _discourse(5, first=61)
    on = threadparse.parse(text)
    off = threadparse.parse(text, config=ParseConfig(late_dialects=False))
    assert [c.header.post_number for c in on.comments if c.header] == list(range(1, 66))
    assert [c.header.post_number for c in off.comments if c.header] == list(range(1, 66))


class _Spanning(dialects.Dialect):
    name = "spanning-test"

    def mark_lines(self, text: str, lines: list[Line]) -> dict:
        # a three-line mark at every line holding "MARK"
        return {
            i: dialects.LineMark("chrome", lines=3, chrome_kind="ui")
            for i, ln in enumerate(lines)
            if "MARK" in text[ln.start : ln.end]
        }


def test_a_mark_across_the_seam_of_two_regions_is_dropped() -> None:
    body = [f"line {i}" for i in range(40)]
    body[8] = "MARK here"  # inside the first region
    body[19] = "MARK at the seam"  # its three lines would run into line 30
    body[31] = "MARK inside the second"
    text = "\n".join(body)
    lines = split_lines(text)
    marks = dialects.mark_regions(_Spanning(), text, lines, [(0, 21), (30, 40)])
    assert sorted(marks) == [8, 31]


@pytest.mark.parametrize("name", [n for n in dialects.available() if dialects.get(n).mark_hint])
def test_mark_hint_is_necessary_for_a_header(name: str) -> None:
    """Every header the dialect marks on a fixture (whole dump read) holds a
    match of one of its hints in its lines or on the line after them."""
    d = dialects.get(name)
    hints = dialects.hint_patterns(d.mark_hint)
    texts = [read_text(p) for p in sorted(FIXTURES_DIR.glob("*/*.txt"))]
    texts += [_discourse(5), _greaterwrong(5), _mbox(5)]
    headers = 0
    for text in texts:
        lines = split_lines(text)
        for k, m in d.mark_lines(text, lines).items():
            if m.kind != "header":
                continue
            headers += 1
            hi = min(len(lines), k + max(1, m.lines) + 1)
            assert any(h.search(text, lines[k].start, lines[hi - 1].end) for h in hints), (
                text[lines[k].start : lines[hi - 1].end]
            )
    assert headers >= 5


def _renumbered(lines: list[Line]) -> list[Line]:
    return [Line(i, a, b) for i, (_, a, b) in enumerate(lines)]


@pytest.mark.parametrize(
    "name", [n for n in dialects.available() if dialects.get(n).mark_hint or dialects.get(n).region_hint]
)
def test_hinted_dialects_read_positions_not_line_indexes(name: str) -> None:
    """Regions are passed as the dump's own lines (``index`` is the dump's):
    a hinted dialect marks and scores them as it would lines numbered from 0."""
    d = dialects.get(name)
    texts = [read_text(p) for p in sorted(FIXTURES_DIR.glob("*/*.txt"))]
    text = "\n".join([_prose(40)] + texts + [_discourse(5), _greaterwrong(5), _mbox(5)])
    lines = split_lines(text)
    for lo in range(0, len(lines), 700):
        part = lines[lo : lo + 1400]
        if d.region_hint:
            assert d.score(text, part) == d.score(text, _renumbered(part))
        if d.mark_hint:
            assert d.mark_lines(text, part) == d.mark_lines(text, _renumbered(part))
