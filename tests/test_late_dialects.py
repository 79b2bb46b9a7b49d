"""Dialects by region: a long dump that turns into Hacker News or Reddit after
its first 3,000 lines (the lines detection reads) gets those headers marked by
the dialect, in the windows where it scores (``dialects.late_regions``).

The dumps are invented: invented people and topics, the sites' real header shapes.
"""

from __future__ import annotations


import pytest

import importlib

import threadparse
from threadparse.config import ParseConfig
from threadparse.text import split_lines

from .conftest import read_text
from .test_fixtures import FIXTURES_DIR

dialects = importlib.import_module("threadparse.dialects")  # (threadparse.dialects is also a function)

_NAMES = ["Ilka", "Bram", "Soraya", "Teodor", "Maelle", "Quint"]
_TOPICS = ["the ferry timetable", "tide tables", "the harbour wall", "winter moorings", "the keeper's log"]


def _prose(paragraphs: int) -> str:
    """Headerless paragraphs, a blank line apart (two lines each)."""
    return "\n".join(
        f"{_NAMES[i % 6]} wrote about {_TOPICS[i % 5]} on day {i}, and asked whether the bay would freeze early.\n"
        for i in range(paragraphs)
    )


def _hn(threads: int) -> str:
    return "".join(
        f"kelp_{k} {k + 2} hours ago | next [–]\nA note, number {k}, on tidal power and ferries.\nreply\n"
        f"dune_{k} {k + 1} hours ago | parent | next [–]\nA reply to note {k}: the turbines silt up.\nreply\n"
        f"moss_{k} {k} hours ago | root | parent | prev [–]\nDeeper still, under note {k}.\nreply\n"
        for k in range(threads)
    )


def _old_reddit(threads: int) -> str:
    return "".join(
        f"[–]fjord_{k} {k + 5} points{k + 6} points{k + 7} points 5 hours ago (1 child)\n"
        f"The northern crossing, take {k}.\n"
        "permalink embed save report give award reply\n"
        f"    [–]kayak_{k} {k + 1} points{k + 2} points{k + 3} points 4 hours ago\n"
        f"    Only the span at the far end, take {k}.\n"
        "    permalink embed save parent report give award reply\n"
        for k in range(threads)
    )


def _late(text: str) -> list[str]:
    lines = split_lines(text)
    return [d.name for d, _ in dialects.late_regions(text, lines, {"plain"})]


def test_late_hacker_news_headers_are_marked() -> None:
    text = _prose(1700) + "\n" + _hn(12)
    assert len(split_lines(text)) > dialects.SAMPLE_LINES + 400
    assert _late(text) == ["hackernews"]
    thread = threadparse.parse(text)
    by_name = {c.speaker.name: c for c in thread.comments}
    for k in range(12):
        top, reply, deeper = by_name[f"kelp_{k}"], by_name[f"dune_{k}"], by_name[f"moss_{k}"]
        assert top.header is not None and top.header.depth == 0 and top.parent_id is None
        assert reply.parent_id == top.id and reply.parent_evidence.method == "depth-marker"
        assert deeper.parent_id == reply.id
    # Without the windows, detection read only prose: none of these is a comment.
    off = threadparse.parse(text, config=ParseConfig(late_dialects=False))
    assert not any(c.speaker.name and c.speaker.name.startswith("kelp_") for c in off.comments)


def test_late_old_reddit_headers_are_marked() -> None:
    text = _prose(1700) + "\n" + _old_reddit(15)
    assert _late(text) == ["reddit"]
    thread = threadparse.parse(text)
    by_name = {c.speaker.name: c for c in thread.comments}
    for k in range(15):
        top, reply = by_name[f"fjord_{k}"], by_name[f"kayak_{k}"]
        assert top.header.score == k + 6
        assert reply.parent_id == top.id
    off = threadparse.parse(text, config=ParseConfig(late_dialects=False))
    assert "fjord_3" not in {c.speaker.name for c in off.comments}


def test_late_region_is_only_where_the_dialect_scores() -> None:
    # prose, then Hacker News, then a long stretch of prose again
    text = _prose(1700) + "\n" + _hn(12) + "\n" + _prose(2000)
    lines = split_lines(text)
    [(d, regions)] = dialects.late_regions(text, lines, {"plain"})
    hn_lines = [i for i, ln in enumerate(lines) if " hours ago | " in text[ln.start : ln.end]]
    assert d.name == "hackernews" and len(regions) == 1
    lo, hi = regions[0]
    assert lo <= hn_lines[0] and hn_lines[-1] < hi
    assert hi - lo <= 3 * dialects.REGION_LINES  # not the whole tail of the dump


def test_short_dumps_and_one_shape_dumps_have_no_late_regions() -> None:
    short = _prose(100) + "\n" + _hn(3)
    assert dialects.late_regions(short, split_lines(short), {"plain"}) == []
    only_prose = _prose(4000)
    assert _late(only_prose) == []
    # a dialect already running over the whole dump is not looked for again
    hn_first = _hn(12) + "\n" + _prose(1700) + "\n" + _hn(12)
    assert "hackernews" not in [
        d.name for d, _ in dialects.late_regions(hn_first, split_lines(hn_first), {"hackernews", "plain"})
    ]


def _fixture_texts() -> list[str]:
    out = [read_text(p) for p in sorted(FIXTURES_DIR.glob("*/*.txt"))]
    return out + [_hn(5), _old_reddit(5), _prose(50)]


@pytest.mark.parametrize("name", [n for n in dialects.available() if dialects.get(n).region_hint])
def test_region_hint_is_necessary_for_a_score(name: str) -> None:
    """A window the hint misses is skipped: wherever the dialect reaches the
    detection threshold on a 1,000-line window of a fixture, the hint matches."""
    d = dialects.get(name)
    hints = dialects.hint_patterns(d.region_hint)
    scored = 0
    for text in _fixture_texts():
        lines = split_lines(text)
        for lo in range(0, len(lines), dialects.REGION_LINES):
            hi = min(len(lines), lo + dialects.REGION_LINES)
            if d.score(text, dialects.window(lines, lo, hi)) >= dialects.DETECTION_THRESHOLD:
                scored += 1
                assert any(h.search(text, lines[lo].start, lines[hi - 1].end) for h in hints)
    assert scored >= 2


def test_late_dialects_keep_offsets() -> None:
    text = _prose(1700) + "\n" + _old_reddit(15) + "\n" + _hn(12)
    thread = threadparse.parse(text)
    for c in thread.comments:
        if c.header is not None:
            assert text[c.header.span.start : c.header.span.end] == c.header.text
