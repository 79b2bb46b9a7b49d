"""The forum dialects: Discourse, Stack Exchange comments and Substack.

The golden fixtures in ``tests/fixtures/{discourse,stackexchange,substack}/`` are run by
``test_fixtures.py``; this module adds what those files cannot say: detection (each dialect
fires on its own dumps and stays below the threshold on everything else, rendered dumps of
every style included), the parsing details of each header form, and totality and cost
bounds of ``score``/``mark_lines`` on hostile input.
"""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import threadparse
from threadparse import evaluate, testing
from threadparse.text import split_lines

dialects = importlib.import_module("threadparse.dialects")

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "thread_dump.txt"
MINE = ("discourse", "stackexchange", "substack")
THRESHOLD = dialects.DETECTION_THRESHOLD


def raw(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def marks(name: str, text: str) -> dict:
    return dialects.get(name).mark_lines(text, split_lines(text))


def score(name: str, text: str) -> float:
    return dialects.get(name).score(text, split_lines(text))


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# --------------------------------------------------------------------------- fixtures


@pytest.mark.parametrize("name", MINE)
def test_every_forum_fixture_names_its_dialect_and_headers(name):
    """``test_fixtures.py`` runs these files; here: each pins its dialect and every comment's
    header fields (a subset of the public ``Header``), so a header regression cannot hide."""
    import json

    paths = sorted((FIXTURES / name).glob("*.expected.json"))
    assert len(paths) >= 3
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data.get("dialect") == name, path.name
        for c in data["comments"]:
            assert c.get("header", {}).get("author") == c["speaker"], (path.name, c["lines"])


# --------------------------------------------------------------------------- detection


def _other_fixtures(name: str) -> list[Path]:
    return [p for p in sorted(FIXTURES.glob("*/*.txt")) if p.parent.name != name]


@pytest.mark.parametrize("name", MINE)
def test_detected_on_own_fixtures(name):
    paths = sorted((FIXTURES / name).glob("*.txt"))
    assert len(paths) >= 3
    for path in paths:
        assert score(name, raw(path)) >= THRESHOLD, path.name


@pytest.mark.parametrize("name", MINE)
def test_quiet_on_other_fixtures(name):
    for path in _other_fixtures(name):
        assert score(name, raw(path)) < THRESHOLD, path


@pytest.mark.parametrize("name", MINE)
def test_quiet_on_seed_and_plain_text(name):
    texts = [
        "",
        "Just one comment here.",
        "Hi Joon,\n\nthe pallets are behind the shop.\n\nCheers,\nPia\n",
        "I'll be there on Mar 9.\n\nSee you Mar 9\n\nMeeting moved to March 3, 2024, 9:05am\n",
    ]
    if SEED.is_file():
        texts.append(raw(SEED))
    for text in texts:
        assert score(name, text) < THRESHOLD, text[:40]


def _invented_thread() -> list[testing.CorpusComment]:
    rows = [
        ("c1", None, "marta_k", "2023-09-26T13:34:00Z",
         "Is there a way to dim the hallway lights after 23:00 without a second automation?\n\n"
         "Right now I have two automations and they keep fighting each other."),
        ("c2", "c1", "bjorn2000", "2023-09-26T14:05:00Z",
         "> Right now I have two automations and they keep fighting each other.\n\n"
         "You only need one: a single motion trigger with a brightness template that checks the time."),
        ("c3", None, "ilse.v", "2023-09-27T10:41:00Z",
         "Same problem with the porch lights here; the template approach fixed it for me too."),
        ("c4", "c2", "marta_k", "2023-09-27T18:02:00Z",
         "@bjorn2000 that worked, thank you. The lights no longer flicker at eleven."),
    ]
    quotes = {"c2": (testing.CorpusQuote(block=0, text=rows[0][4].split("\n\n")[1], source="c1", match="own_text"),)}
    return [
        testing.CorpusComment(
            source="invented", thread_id="t1", comment_id=cid, parent_id=parent, author=author,
            posted_at=when, body_text=body, quotes=quotes.get(cid, ()), position=k,
            depth=0 if parent is None else 1,
        )
        for k, (cid, parent, author, when, body) in enumerate(rows)
    ]


@pytest.mark.parametrize("style", testing.STYLES)
def test_rendered_styles_pick_the_right_forum_dialect(style):
    for seed in range(3):
        dump = testing.render(_invented_thread(), style=style, seed=seed)
        for name in MINE:
            got = score(name, dump.text)
            if name == style:
                assert got >= THRESHOLD, (name, seed)
            else:
                assert got < THRESHOLD, (name, style, seed)




@pytest.mark.parametrize(
    "artifacts",
    [(), ("recapture",), ("pagination",)],
)
def test_rendered_discourse_dump_scores(artifacts):
    dump = testing.render(_invented_thread(), style="discourse", artifacts=artifacts, seed=5)
    thread = threadparse.parse(dump.text)
    assert thread.dialect.name == "discourse"
    sc = evaluate.score(thread, dump.gold, dump.text)
    assert sc.speakers.value == 1.0
    assert sc.chrome.value == 1.0
    assert sc.segmentation.value in (None, 1.0)
    assert sc.dialect.value == 1.0
    heads = [c.header for c in thread.comments]
    assert [h.post_number for h in heads] == [1, 2, 3, 4]
    assert heads[0].posted_at.isoformat() == "2023-09-26T13:34:00+00:00"
    # the quote after "marta_k:" is found and links c2 to c1; the @mention links c4 to c2
    assert thread.comments[1].parent_id == "c1" and thread.comments[1].quotes
    assert thread.comments[3].parent_id == "c2"
    assert thread.comments[2].parent_id is None  # flat forum: no cue, top-level


# --------------------------------------------------------------------------- discourse details


def test_discourse_clock():
    text = "a\n\nJanuary 1, 2024, 12:05am\n\n1\n\nx\n\nb\n\nJanuary 1, 2024, 12:30pm\n\n2\n\ny\n"
    thread = threadparse.parse(text, dialect="discourse")
    assert [c.header.posted_at.hour for c in thread.comments] == [0, 12]
    assert [c.header.posted_at.minute for c in thread.comments] == [5, 30]


def test_discourse_impossible_date_keeps_the_header():
    text = "wren\n\nFebruary 30, 2024,  1:00pm\n\n3\n\nBody text here.\n"
    (mark,) = [m for m in marks("discourse", text).values() if m.kind == "header"]
    assert mark.fields["author"] == "wren" and "posted_at" not in mark.fields
    assert mark.lines == 5


def test_discourse_date_in_prose_is_no_header():
    text = (
        "I posted it on January 17, 2019, 11:42am and nobody answered.\n\n"
        "January 17, 2019, 11:42am\n\n"
        "Twenty-four hours is a long time on this forum, is it not?\n"
    )
    assert not any(m.kind == "header" for m in marks("discourse", text).values())


def test_discourse_inline_header_needs_number_or_full_name():
    assert marks("discourse", "ada March 3, 2024, 10:12am #2\n\nText.\n")[0].fields["post_number"] == 2
    assert marks("discourse", "ada (Ada Rossi) March 3, 2024, 10:12am\n\nText.\n")[0].fields["author"] == "ada"
    assert 0 not in marks("discourse", "ada went home March 3, 2024, 10:12am\n\nText.\n")


def test_discourse_user_colon_lines():
    head = "pia_l\n\nMay 2, 2024,  8:15am\n\n1\n\nThe restore takes three hours.\n\n"
    head += "tomas.r\n\nMay 2, 2024,  9:02am\n\n2\n\n"
    at = head.count("\n")  # the line after the head
    # the quoted text is an earlier line: left to the quote detector (text reuse)
    found = marks("discourse", head + "pia_l:\n\nThe restore takes three hours.\n\nDefer the constraints.\n")
    assert at not in found
    # not found earlier (an earlier page): the dialect marks the attribution itself
    found = marks("discourse", head + "pia_l:\n\nSomething from page one.\n\nDefer the constraints.\n")
    assert found[at].chrome_kind == "attribution"
    # a name that posts nowhere in the dump is not an attribution ("EDIT:", "restore:")
    found = marks("discourse", head + "restore:\n\nSomething from page one.\n")
    assert at not in found


# --------------------------------------------------------------------------- stack exchange details


def test_stackexchange_one_line_comment_is_cut_after_the_dash():
    """``text – user date`` on one line: the line is cut after the dash, user and date
    become the trailer, the dash stays with the text (as in the two-line form)."""
    text = (
        "Did you try a clean profile? – Pia Lund Mar 14, 2014 at 20:10\n"
        "Yes, twice – and a new install. – \ntove.n\nMar 14, 2014 at 20:31\n"
        "Then it is the GPU driver — see the bug tracker. – Ola Berg♦ yesterday\n"
    )
    lines = split_lines(text)
    cuts = dialects.get("stackexchange").split_points(text, lines)
    assert [text[c:].split("\n")[0] for c in cuts] == ["Pia Lund Mar 14, 2014 at 20:10", "Ola Berg♦ yesterday"]
    assert score("stackexchange", text) >= THRESHOLD
    thread = threadparse.parse(text)
    assert thread.dialect.name == "stackexchange"
    got = [(c.speaker.name, c.prose, c.header.text) for c in thread.comments]
    assert got == [
        ("Pia Lund", "Did you try a clean profile? –", "Pia Lund Mar 14, 2014 at 20:10"),
        ("tove.n", "Yes, twice – and a new install. –", "tove.n\nMar 14, 2014 at 20:31"),
        ("Ola Berg", "Then it is the GPU driver — see the bug tracker. –", "Ola Berg♦ yesterday"),
    ]
    assert thread.comments[0].header.posted_at.isoformat() == "2014-03-14T20:10:00+00:00"


def test_stackexchange_one_line_comment_whose_clock_a_print_wrapped():
    """A print copy wraps a long comment's trailer: ``… – Pia Lund Sep 12,
    2022`` / ``at 13:42``. The two lines are one trailer."""
    text = (
        "Did you try a clean profile? The installer keeps the old settings otherwise, and the\n"
        "cache with them. There is no need to remove the application itself. – Pia Lund Sep 12, 2022\n"
        "at 13:42\n"
        "Yes, twice. – Ola Berg Sep 12, 2022 at 14:01\n"
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "stackexchange"
    got = [(c.speaker.name, c.header.text) for c in thread.comments]
    assert got == [("Pia Lund", "Pia Lund Sep 12, 2022\nat 13:42"), ("Ola Berg", "Ola Berg Sep 12, 2022 at 14:01")]
    assert thread.comments[0].prose.endswith("remove the application itself. –")
    assert thread.comments[0].header.posted_at.isoformat() == "2022-09-12T13:42:00+00:00"


def test_stackexchange_scores_and_cards():
    text = (
        "−2\nThis will not work on Windows. –\nOla Berg\nyesterday\n"
        "Share\nedited Mar 15, 2021 at 9:02\nasked Mar 14, 2021 at 20:00\n"
        "Jane Doe's user avatar\nJane Doe\n1,234 5 15 30\n"
    )
    found = marks("stackexchange", text)
    assert found[0].chrome_kind == "meta"
    assert found[2].fields == {"author": "Ola Berg", "age": "yesterday", "trailer": True, "score": -2, "depth": 1,
                               "last_level": True}
    assert found[5].kind == "chrome" and found[5].lines == 1  # no editor card: "asked" follows
    assert found[6].fields["author"] == "Jane Doe" and found[6].lines == 4 and found[6].fields["depth"] == 0


def test_stackexchange_trailer_needs_the_dash():
    text = "Pia Lund\nMar 14, 2014 at 20:10\nSome words.\n"
    assert not any(m.kind == "header" for m in marks("stackexchange", text).values())


# --------------------------------------------------------------------------- substack details


@pytest.mark.parametrize(
    "line, author, age",
    [
        ("Jane RoeMar 9·edited Mar 9", "Jane Roe", "Mar 9"),
        ("OmarMar 9", "Omar", "Mar 9"),
        ("Nico MayMay 3, 2024", "Nico May", "May 3, 2024"),
        ("Pia Lund12h", "Pia Lund", "12h"),
        ("quark8912h", "quark891", "2h"),
        ("user20243h", "user2024", "3h"),
        ("bob72h", "bob7", "2h"),
    ],
)
def test_substack_glued_headers(line, author, age):
    found = marks("substack", f"{line}\n\nThe comment text.\n\nLike (2)\n")
    assert found[0].fields["author"] == author and found[0].fields["age"] == age


@pytest.mark.parametrize(
    "text",
    [
        "Intro.\n\nSee you on Mar 9\n\nMore text.\n",  # a space before the date: prose
        "Intro.\n\nTested for 12h\n\nMore text.\n",
        "Jane RoeMar 9\n\nReply\n",  # nothing under it but chrome
        "Intro.\n\nJane Roe went home 3h\n",  # no text under it
    ],
)
def test_substack_prose_is_no_header(text):
    assert not any(m.kind == "header" for m in marks("substack", text).values())


def test_substack_preview_is_a_duplicate():
    full = "We tried a clipboard too, but the pages went missing within a month, so we chained a ledger to the shelf."
    text = (
        "Joon Park2h\n\nWe tried a clipboard too, but the pages went missing within a month, so...\n\n"
        f"Expand full comment\n\n{full}\n\nLike (3)\nReply\nShare\n"
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "substack"
    (c,) = thread.comments
    assert c.speaker.name == "Joon Park" and c.prose == full
    assert [line_of(text, d.span.start) for d in thread.duplicates] == [3]


def test_substack_link_text_may_hold_brackets():
    # Markdown link text may hold balanced brackets: a deleted account's clip.
    text = (
        "[![[deleted]'s avatar](https://substackcdn.com/image/a.png)](https://substack.com/profile/7-deleted)\n\n"
        "[[deleted]](https://substack.com/profile/7-deleted)"
        '[Dec 8](https://x.substack.com/p/t/comment/42 "Dec 8, 2011, 3:12 AM")\n\n'
        "i bet the ferry was late again.\n\nLike (1)\n\nReply\n\nShare\n\n"
        "[![Ola's avatar](https://substackcdn.com/image/b.png)](https://substack.com/profile/8-ola)\n\n"
        "[Ola](https://substack.com/profile/8-ola)"
        '[Dec 9](https://x.substack.com/p/t/comment/43 "Dec 9, 2011, 4:00 AM")\n\n'
        "It was on time for once.\n\nLike\n\nReply\n\nShare\n"
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "substack"
    assert [c.speaker.name for c in thread.comments] == ["[deleted]", "Ola"]
    assert thread.comments[0].prose == "i bet the ferry was late again."


# --------------------------------------------------------------------------- totality and cost

PIECES = [
    "marta_k", "(Marta K)", "September 26, 2023,  1:34pm", "#1", "1", "2 Likes", "next page →",
    "pia_l:", "Some text – ", "–", "– Pia Lund", "Pia Lund", "Mar 14, 2014 at 20:10", "Mar 14 '14 at 9:02",
    "asked Mar 14, 2021 at 20:00", "edited Mar 15, 2021 at 9:02", "12.3k44 gold badges", "Add a comment",
    "JaneMar 9·edited Mar 9", "quark8912h", "[Jane](https://substack.com/profile/1-jane)",
    '[3h](https://x.substack.com/p/s/comment/9 "Aug 17, 2025, 12:41 PM")', "Like (7)", "Reply", "",
    "[![a](https://cdn/x.png)](https://substack.com/profile/1-jane)", "\u00a0", "\t", "> quoted",
]


@st.composite
def forum_soup(draw):
    parts = draw(st.lists(st.sampled_from(PIECES) | st.text(max_size=30), max_size=60))
    sep = draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
    return sep.join(parts)


def _check_marks(name: str, text: str) -> None:
    lines = split_lines(text)
    found = dialects.get(name).mark_lines(text, lines)
    covered: set[int] = set()
    for k, m in found.items():
        assert 0 <= k < len(lines) and m.lines >= 1 and k + m.lines <= len(lines)
        span = set(range(k, k + m.lines))
        assert not span & covered
        covered |= span
        assert m.kind in ("header", "chrome")
    assert 0.0 <= dialects.get(name).score(text, lines) <= 1.0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forum_soup())
def test_marks_are_total_and_disjoint(text):
    for name in MINE:
        _check_marks(name, text)
    threadparse.verify(threadparse.parse(text), text)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_text_is_marked(text):
    for name in MINE:
        _check_marks(name, text)


HOSTILE = {
    "1 MB line of brackets": lambda: "[" * 1_000_000,
    "1 MB line of dates": lambda: "Mar 14, 2014 at 20:10 " * 45_000,
    "50k stacked discourse headers": lambda: "u\n\nMay 2, 2024,  8:15am\n\n1\n\nx\n\n" * 50_000,
    "50k comment trailers": lambda: "text –\nPia Lund\nMar 14, 2014 at 20:10\n" * 50_000,
    "50k glued names": lambda: "JaneMar 9\n\nx\n\nLike (1)\n\n" * 50_000,
    "long near-headers": lambda: ("a" * 250 + "Mar 9\n\n" + "[" * 250 + "](https://substack.com/@x)\n") * 2_000,
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_is_linear(case):
    text = HOSTILE[case]()
    lines = split_lines(text)
    for name in MINE:
        start = time.perf_counter()
        dialects.get(name).score(text, lines)
        dialects.get(name).mark_lines(text, lines)
        assert time.perf_counter() - start < 20, name


@pytest.mark.parametrize("name", MINE)
def test_score_reads_a_bounded_sample(name):
    """Evidence after the first few thousand lines does not count: score stays cheap."""
    own = raw(sorted((FIXTURES / name).glob("*.txt"))[0])
    late = "plain line\n" * 5_000 + own
    assert score(name, own) >= THRESHOLD
    assert score(name, late) < THRESHOLD


def test_an_edited_card_and_a_trailer_under_it_do_not_overlap():
    # found by test_marks_are_total_and_disjoint: the edited card's lines
    # were read again as the start of a comment's trailer
    _check_marks("stackexchange", "edited Mar 15, 2021 at 9:02\n–\nmarta_k\nMar 14, 2014 at 20:10")
