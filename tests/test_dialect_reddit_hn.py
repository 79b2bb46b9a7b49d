"""The ``reddit`` and ``hackernews`` dialects: header parsing, chrome, detection.

The fixture files in ``tests/fixtures/reddit/`` and ``tests/fixtures/hackernews/``
are run by ``tests/test_fixtures.py``; here are the unit tests of the pieces and
the detection scores against other shapes of dump.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import threadparse
from threadparse.dialects import DETECTION_THRESHOLD, LineMark, get
from threadparse.dialects.hackernews import parse_header as hn_header
from threadparse.dialects.reddit import parse_mirror_header, parse_old_header
from threadparse.text import split_lines

from .conftest import SEED, read_text
from .test_fixtures import FIXTURES_DIR, fixture_names

HN = get("hackernews")
REDDIT = get("reddit")


def marks_of(dialect, text: str) -> dict[int, LineMark]:
    return dialect.mark_lines(text, split_lines(text))


def score_of(dialect, text: str) -> float:
    return dialect.score(text, split_lines(text))


# --------------------------------------------------------------------------- Hacker News headers


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            "pg_fan42 2 hours ago | root | parent | prev | next [–]",
            {"author": "pg_fan42", "age": "2 hours ago", "min_depth": 2, "has_prev": True, "has_next": True},
        ),
        ("emdave 1 month ago | next [–]", {"author": "emdave", "depth": 0, "has_prev": False, "has_next": True}),
        ("x_1 1 minute ago | parent [–]", {"author": "x_1", "depth": 1, "has_prev": False, "has_next": False}),
        ("Jane Roe 3 years ago [–]", {"author": "Jane Roe", "age": "3 years ago", "depth": 0}),
        ("[deleted] 1 month ago | root | parent [–]", {"author": "[deleted]", "min_depth": 2}),
        ("tess_99 3 days ago | parent | prev | next [3 more]", {"author": "tess_99", "depth": 1, "has_next": True}),
        ("tess_99 3 days ago | parent [+]", {"author": "tess_99", "depth": 1}),
        ("tess_99 3 days ago | parent [-]", {"author": "tess_99", "depth": 1}),
        ("bob 2 hours ago | on: Show HN: A thing | parent [–]", {"author": "bob", "depth": 1}),
        ("bob 2 hours ago | parent | next", {"author": "bob", "depth": 1, "has_next": True}),
        ("bob\u00a05\u00a0hours\u00a0ago |\u00a0parent [–]", {"author": "bob", "depth": 1}),
        (
            "jo_ng on Mar 3, 2019 | parent [–]",
            {"age": "on Mar 3, 2019", "posted_at": datetime(2019, 3, 3, tzinfo=timezone.utc)},
        ),
    ],
)
def test_hn_header_fields(line: str, expected: dict) -> None:
    fields = hn_header(line)
    assert fields is not None, line
    for key, value in expected.items():
        assert fields.get(key) == value, (key, fields)
    # exactly one of depth / min_depth: root|parent never claims an exact depth
    assert ("depth" in fields) != ("min_depth" in fields)


@pytest.mark.parametrize(
    "line",
    [
        "I posted about this 2 hours ago and nobody answered.",
        "someone 2 hours ago",  # no links, no toggle: prose
        "hide | past | favorite | 12 comments",
        "a | b | c",
        "reply",
        "",
        "x" * 500 + " 2 hours ago | parent [–]",  # too long to be a header
    ],
)
def test_hn_header_rejects(line: str) -> None:
    assert hn_header(line) is None


def test_hn_chrome_lines() -> None:
    text = (
        "Hacker News new | past | comments | ask | show | jobs | submit login\n"
        "Tide tables in the terminal (example.com)\n"
        "87 points by saltmarsh 5 hours ago | hide | past | favorite | 3 comments\n"
        "add comment\n"
        "kelpie 4 hours ago [–]\n"
        "Nice work.\n"
        "reply\n"
        "More\n"
        "Guidelines | FAQ | Lists | API | Security | Legal | Apply to YC | Contact\n"
        "Search:\n"
    )
    marks = marks_of(HN, text)
    kinds = {i: (m.kind, m.chrome_kind) for i, m in marks.items()}
    assert kinds == {
        0: ("chrome", "navigation"),
        1: ("chrome", "meta"),
        2: ("chrome", "ui"),
        3: ("chrome", "ui"),
        4: ("header", None),
        6: ("chrome", "ui"),
        7: ("chrome", "navigation"),
        8: ("chrome", "navigation"),
        9: ("chrome", "ui"),
    }


def test_hn_more_is_chrome_only_after_chrome() -> None:
    text = "kelpie 4 hours ago [–]\nWhat else?\nMore\nof the same, please.\nreply\n"
    marks = marks_of(HN, text)
    assert 2 not in marks  # "More" inside a comment is its text


def test_hn_signature_runs_to_reply() -> None:
    text = "kelpie 4 hours ago [–]\nThanks.\n--\nKel\nkelpie.example.org\nreply\n"
    marks = marks_of(HN, text)
    assert marks[2].chrome_kind == "signature" and marks[2].lines == 3


def test_hn_parents_from_links() -> None:
    text = (
        "a1 5 hours ago | next [–]\nfirst\nreply\n"
        "b2 4 hours ago | parent | next [–]\nsecond\nreply\n"
        "c3 3 hours ago | root | parent | next [–]\nthird\nreply\n"
        "d4 3 hours ago | root | parent [–]\nfourth\nreply\n"
        "e5 2 hours ago | root | parent | prev [–]\nfifth\nreply\n"
        "f6 2 hours ago | parent | prev [–]\nsixth\nreply\n"
        "g7 1 hour ago | prev [–]\nseventh\nreply\n"
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "hackernews"
    parents = {c.speaker.name: c.parent_id for c in thread.comments}
    ids = {c.speaker.name: c.id for c in thread.comments}
    assert parents == {
        "a1": None,
        "b2": ids["a1"],
        "c3": ids["b2"],
        "d4": ids["c3"],
        "e5": ids["b2"],  # c3 said `next`: its later sibling
        "f6": ids["a1"],
        "g7": None,
    }


# --------------------------------------------------------------------------- Reddit headers


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            "[–]quark89 4 points5 points6 points 16 hours ago* (3 children)",
            {"author": "quark89", "age": "16 hours ago", "score": 5, "edited": True, "descendants": 3},
        ),
        ("[–]saintofhate 0 points1 point2 points 1 month ago (1 child)", {"score": 1, "descendants": 1}),
        ("[–]Jane Roe -3 points-2 points-1 points 2 years ago", {"author": "Jane Roe", "score": -2, "descendants": 0}),
        ("[–]sea_urchin \u22122 points\u22121 points0 points 1 day ago", {"score": -1}),
        ("[–][deleted] 1 point2 points3 points 1 month ago", {"author": "[deleted]", "score": 2}),
        ("[–]someone [score hidden] 2 hours ago (2 children)", {"author": "someone", "descendants": 2}),
        ("[–]op_user [S] 12 points13 points14 points 3 days ago* (1 child)", {"author": "op_user", "score": 13}),
        ("[–]foo 3 4 points5 points6 points 1 day ago", {"author": "foo 3", "score": 5}),
        ("[–]bar 4 points 5 points 6 points 1 day ago", {"author": "bar", "score": 5}),
        ("[-]ascii_dash 1,204 points1,205 points1,206 points 1 day ago", {"score": 1205}),
        ("[+]collapsed_1 3 points4 points5 points 2 hours ago (2 children)", {"descendants": 0}),
        ("[+]collapsed_2 3 points 2 hours ago", {"score": 3}),
    ],
)
def test_old_reddit_header_fields(line: str, expected: dict) -> None:
    fields = parse_old_header(line)
    assert fields is not None, line
    for key, value in expected.items():
        assert fields.get(key) == value, (key, fields)
    if "score" not in expected and "[score hidden]" in line:
        assert "score" not in fields


def test_old_reddit_odd_score_triple_keeps_blob() -> None:
    fields = parse_old_header("[–]odd 4 points9 points6 points 1 hour ago")
    assert fields["score"] == 9 and fields["score_blob"] == "4 9 6"


@pytest.mark.parametrize(
    "line",
    [
        "[–]no_score 2 hours ago",
        "I had 4 points5 points6 points 16 hours ago",  # no toggle
        "[1] see the footnote, 3 points 2 hours ago is not a header either",
        "permalink embed save parent report give award reply",
        "[–]" + "a " * 300 + "4 points5 points6 points 1 hour ago",
    ],
)
def test_old_reddit_header_rejects(line: str) -> None:
    assert parse_old_header(line) is None


def test_mirror_header_fields() -> None:
    assert parse_mirror_header("u/Op_Tilde 2y ago edited 2y ago") == {
        "author": "Op_Tilde", "age": "2y ago", "edited": True,
    }
    dated = parse_mirror_header("u/fern_77 Plant nerd Oct 19 '21")
    assert dated["author"] == "fern_77"
    assert dated["posted_at"] == datetime(2021, 10, 19, tzinfo=timezone.utc)
    assert parse_mirror_header("u/fern_77 Oct 19, 2021")["posted_at"] == datetime(2021, 10, 19, tzinfo=timezone.utc)
    assert parse_mirror_header("see u/fern_77 2y ago") is None
    assert parse_mirror_header("u/fern_77 said so") is None


def test_new_reddit_multi_line_headers() -> None:
    text = (
        "level 1\nfern_77\n174 points · 21 days ago\nBody one.\nReply\nShare\n"
        "level 2\nleafy_0\nOP\nScore hidden · 2 hours ago · edited 1 hour ago\nBody two.\nReply\nShare\n"
        "cactus-carl\n•\n3d ago\nBody three.\n41\nReply\nAward\nShare\n"
    )
    marks = marks_of(REDDIT, text)
    headers = {i: m for i, m in marks.items() if m.kind == "header"}
    assert sorted(headers) == [0, 6, 13]
    assert headers[0].lines == 3 and headers[0].fields == {
        "author": "fern_77", "age": "21 days ago", "edited": False, "score": 174, "depth": 0,
    }
    assert headers[6].lines == 4 and headers[6].fields["depth"] == 1 and headers[6].fields["edited"]
    assert "score" not in headers[6].fields
    assert headers[13].lines == 3 and headers[13].fields["author"] == "cactus-carl"
    assert marks[17].chrome_kind == "ui"  # the vote count above Reply
    assert marks[18].lines == 3  # Reply / Award / Share: one chrome run


def test_lone_reply_word_is_text_unless_before_a_header() -> None:
    text = "fern_77 · 5 hr. ago\nShould I?\nReply\nWe will see.\nleafy_0 · 4 hr. ago\nYes.\nReply\n"
    marks = marks_of(REDDIT, text)
    assert 2 not in marks and marks[6].kind == "chrome"


def test_hidden_replies_are_discounted() -> None:
    text = (
        "[–]a1 7 points8 points9 points 2 days ago (5 children)\ntop\n"
        "[–]b2 1 point2 points3 points 2 days ago (4 children)\nmiddle\n"
        "[+]c3 0 points1 point2 points 2 days ago (1 child)\n"
        "[–]d4 3 points4 points5 points 1 day ago (1 child)\ndeep\n"
        "continue this thread →\n"
        "[–]e5 1 point2 points3 points 1 day ago\nanother top-level comment\n"
    )
    marks = marks_of(REDDIT, text)
    counts = {m.fields["author"]: m.fields["descendants"] for m in marks.values() if m.kind == "header"}
    assert counts == {"a1": 2, "b2": 1, "c3": 0, "d4": 0, "e5": 0}
    assert all("_hidden_replies" not in m.fields for m in marks.values())
    thread = threadparse.parse(text)
    parents = {c.speaker.name: c.parent_id for c in thread.comments}
    assert parents["e5"] is None and parents["d4"] == "c2"


# --------------------------------------------------------------------------- detection

HN_DUMP = (
    "hide | past | favorite | 2 comments\n"
    "kelpie 4 hours ago | next [–]\nNice work.\nreply\n"
    "dune_buggy7 2 hours ago | prev [–]\nDoes it handle half-day tides?\nreply\n"
)
OLD_REDDIT_DUMP = (
    "all 2 comments\nsorted by: best\n"
    "[–]fjord_runner 15 points16 points17 points 5 hours ago (1 child)\nFerries beat the bridge.\n"
    "permalink embed save report give award reply\n"
    "[–]kayak_lena 4 points5 points6 points 4 hours ago\nOnly the northern span.\n"
    "permalink embed save parent report give award reply\n"
)
MIRROR_DUMP = "174\nu/fern_77 Plant nerd Oct 19 '21\nSnake plants.\n41\nu/leafy_0 2y ago\nZZ plants.\n"
SHREDDIT_DUMP = "fern_77\n•\n3d ago\nSnake plants.\n174\nReply\nShare\nleafy_0\n•\n2d ago\nZZ plants.\n"


@pytest.mark.parametrize(
    "text, winner",
    [(HN_DUMP, "hackernews"), (OLD_REDDIT_DUMP, "reddit"), (MIRROR_DUMP, "reddit"), (SHREDDIT_DUMP, "reddit")],
)
def test_detection(text: str, winner: str) -> None:
    own, other = (HN, REDDIT) if winner == "hackernews" else (REDDIT, HN)
    assert score_of(own, text) >= DETECTION_THRESHOLD
    assert score_of(other, text) < DETECTION_THRESHOLD
    assert threadparse.parse(text).dialect.name == winner


def _plain_fixture_texts() -> list[tuple[str, str]]:
    out = [(p.name, read_text(p)) for p in sorted((FIXTURES_DIR / "plain").glob("*.txt"))]
    if SEED.exists():
        out.append(("seed", read_text(SEED)))
    return out


@pytest.mark.parametrize("name, text", _plain_fixture_texts(), ids=lambda v: v if len(v) < 60 else "")
def test_headerless_text_is_neither(name: str, text: str) -> None:
    assert score_of(HN, text) < DETECTION_THRESHOLD
    assert score_of(REDDIT, text) < DETECTION_THRESHOLD


def _other_dialect_fixtures() -> list[str]:
    return [n for n in fixture_names() if "/" in n and n.split("/")[0] not in ("reddit", "hackernews")]


@pytest.mark.parametrize("name", _other_dialect_fixtures())
def test_other_sites_are_neither(name: str) -> None:
    folder, _, stem = name.partition("/")
    text = read_text(FIXTURES_DIR / folder / f"{stem}.txt")
    assert score_of(HN, text) < DETECTION_THRESHOLD
    assert score_of(REDDIT, text) < DETECTION_THRESHOLD


def _rendered(style: str) -> str:
    from threadparse.testing import CorpusComment, render

    bodies = [
        "Ferries beat the bridge in winter.\n\nThe bridge closes in strong wind.",
        "> The bridge closes in strong wind.\n\nOnly the northern span closes.",
        "Is the timetable online anywhere?",
        "It is on the county site, under transport.",
    ]
    comments = [
        CorpusComment(
            source="invented", thread_id="t1", comment_id=f"c{k}", parent_id=(None, "c0", None, "c2")[k],
            author=("fjord_runner", "kayak_lena", "mossback", "harbour_pilot")[k],
            posted_at=f"2024-03-0{k + 1}T10:00:00Z", body_text=body, position=k, depth=(0, 1, 0, 1)[k],
        )
        for k, body in enumerate(bodies)
    ]
    return render(comments, style=style, seed=3).text


@pytest.mark.parametrize(
    "style", ["stripped", "lesswrong-copy", "lesswrong-markdown", "reddit-old", "hackernews", "discourse", "mail"]
)
def test_rendered_styles(style: str) -> None:
    text = _rendered(style)
    hn, rd = score_of(HN, text), score_of(REDDIT, text)
    assert (hn >= DETECTION_THRESHOLD) == (style == "hackernews"), hn
    assert (rd >= DETECTION_THRESHOLD) == (style == "reddit-old"), rd


@pytest.mark.parametrize("style, dialect", [("hackernews", "hackernews"), ("reddit-old", "reddit")])
def test_rendered_threads_parse(style: str, dialect: str) -> None:
    thread = threadparse.parse(_rendered(style))
    assert thread.dialect.name == dialect
    assert [c.speaker.name for c in thread.comments] == ["fjord_runner", "kayak_lena", "mossback", "harbour_pilot"]
    assert [c.parent_id for c in thread.comments] == [None, "c1", None, "c3"]


# --------------------------------------------------------------------------- totality and cost

_ALPHABET = st.sampled_from(
    list("ab1 \t\u00a0|[]–+-*()·•>/'\n\r") + ["points", " ago", "reply", "permalink", "u/", "level 2", "--"]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_mark_lines_total(text: str) -> None:
    lines = split_lines(text)
    for dialect in (HN, REDDIT):
        score = dialect.score(text, lines)
        assert 0.0 <= score <= 1.0
        taken: set[int] = set()
        for k, mark in dialect.mark_lines(text, lines).items():
            assert 0 <= k < len(lines) and mark.lines >= 1 and k + mark.lines <= len(lines)
            assert mark.kind in ("header", "chrome")
            span = set(range(k, k + mark.lines))
            assert not span & taken
            taken |= span


@pytest.mark.parametrize(
    "text",
    [
        "[–]" + "a" * 200_000 + " 4 points5 points6 points 1 hour ago",
        ("[–]x " + "1 points" * 40 + " ago\n") * 2000,
        ("u/a " + "b " * 150 + "\n") * 2000,
        ("x " * 190 + "| parent " * 20 + "\n") * 2000,
        ("fern\n•\n" * 5000),
        ("Reply\nShare\n" * 20000),
    ],
    ids=["one-long-line", "score-runs", "mirror-prefixes", "pipes", "bullets", "action-runs"],
)
def test_pathological_inputs_are_fast(text: str) -> None:
    lines = split_lines(text)
    start = time.perf_counter()
    for dialect in (HN, REDDIT):
        dialect.score(text, lines)
        dialect.mark_lines(text, lines)
    assert time.perf_counter() - start < 5.0


def test_score_reads_a_bounded_sample() -> None:
    body = "A plain sentence that goes on for a while, as people write.\n" * 200_000
    lines = split_lines(body)
    start = time.perf_counter()
    HN.score(body, lines)
    REDDIT.score(body, lines)
    assert time.perf_counter() - start < 0.5


# --------------------------------------------------------------------------- the fixture files


@pytest.mark.parametrize("name", [n for n in fixture_names() if n.split("/")[0] in ("reddit", "hackernews")])
def test_fixture_files_well_formed(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the fixture consistency check on these fixtures with the per-comment
    ``header`` expectation set aside (it is checked by ``test_fixture_parse``)."""
    from . import test_fixtures as tf

    load = tf.load_fixture

    def without_headers(n: str):
        raw, data = load(n)
        for c in data["comments"]:
            c.pop("header", None)
        return raw, data

    monkeypatch.setattr(tf, "load_fixture", without_headers)
    tf.test_fixture_is_consistent(name)


def test_fixture_shapes_are_covered() -> None:
    names = set(fixture_names())
    for needed in (
        "hackernews/basic", "hackernews/crlf_nbsp_tabs", "reddit/old_basic", "reddit/old_hidden_crlf",
        "reddit/new_reddit", "reddit/new_reddit_2023", "reddit/mirror_redlib",
    ):
        assert needed in names
    assert Path(FIXTURES_DIR / "reddit").is_dir() and Path(FIXTURES_DIR / "hackernews").is_dir()
