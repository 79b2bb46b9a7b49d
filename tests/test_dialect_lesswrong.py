"""The LessWrong-family and GreaterWrong dialects: header reading, score splitting, detection.

All names and text here are invented; the corpus-based checks read
``../shared/corpus`` at run time and are skipped when it is absent.
"""

from __future__ import annotations

import importlib
import time
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import threadparse
from threadparse import parse, testing
from threadparse.text import split_lines

from .conftest import CORPUS, read_text

dialects = importlib.import_module("threadparse.dialects")
lesswrong = importlib.import_module("threadparse.dialects.lesswrong")
greaterwrong = importlib.import_module("threadparse.dialects.greaterwrong")

LW = dialects.get("lesswrong")
GW = dialects.get("greaterwrong")


def marks(dialect, text: str) -> list[tuple[int, str, int, object]]:
    """(line, kind, lines, fields or chrome kind) of every mark, in line order."""
    found = dialect.mark_lines(text, split_lines(text))
    return [
        (k, m.kind, m.lines, m.fields if m.kind == "header" else m.chrome_kind)
        for k, m in sorted(found.items())
    ]


def headers(dialect, text: str) -> list[dict]:
    return [f for _, kind, _, f in marks(dialect, text) if kind == "header"]


def score(dialect, text: str) -> float:
    return dialect.score(text, split_lines(text))


# --------------------------------------------------------------------------- splitting score runs


def test_split_scores_lists_every_canonical_reading() -> None:
    assert lesswrong.split_scores("213", af=False) == [{"karma": 2, "agree": 13}, {"karma": 21, "agree": 3}]
    assert lesswrong.split_scores("12", af=False) == [{"karma": 1, "agree": 2}]


def test_split_scores_rejects_leading_zeros_and_minus_zero() -> None:
    # 105 = 10 and 5 (1 and 05 is not how a site prints 5)
    assert lesswrong.split_scores("105", af=False) == [{"karma": 10, "agree": 5}]
    assert lesswrong.split_scores("0-3", af=False) == [{"karma": 0, "agree": -3}]
    assert lesswrong.split_scores("-0-3", af=False) == []
    assert lesswrong.split_scores("7-4", af=False) == [{"karma": 7, "agree": -4}]
    assert lesswrong.split_scores("-4-2", af=False) == [{"karma": -4, "agree": -2}]


def test_split_scores_with_af_karma_and_a_known_karma() -> None:
    readings = lesswrong.split_scores("11213", af=True)
    assert {"af": 11, "karma": 21, "agree": 3} in readings and len(readings) > 1
    assert lesswrong.split_scores("11213", af=True, karma=21) == [{"af": 11, "karma": 21, "agree": 3}]
    assert all(r["af"] >= 0 for r in lesswrong.split_scores("5-4-2", af=True))


def test_split_scores_without_agreement_in_the_run() -> None:
    # markdown and lynx print agreement on its own line: the run is [AF] karma
    assert lesswrong.split_scores("-2", af=False, agree=False) == [{"karma": -2}]
    assert lesswrong.split_scores("614", af=True, agree=False) == [{"af": 6, "karma": 14}, {"af": 61, "karma": 4}]


def test_split_scores_is_bounded() -> None:
    assert lesswrong.split_scores("", af=False) == []
    assert lesswrong.split_scores("1" * 200, af=True) == []


def test_split_glued_gives_every_age_reading() -> None:
    assert lesswrong.split_glued("quark8912d0-3") == ([("quark891", "2d"), ("quark89", "12d")], "0-3")
    assert lesswrong.split_glued("Jane Roe13dΩ11213") == ([("Jane Roe1", "3d"), ("Jane Roe", "13d")], "Ω11213")
    # an age is 1-59m, 1-23h, 1-31d, 1-12mo, without a leading zero: 24h and 0h are no ages
    assert lesswrong.split_glued("Tom5mo*12") == ([("Tom", "5mo")], "*12")
    assert lesswrong.split_glued("Ann24h12") == ([("Ann2", "4h")], "12")
    assert lesswrong.split_glued("Ann0h12") is None
    assert lesswrong.split_glued("plain words") is None
    assert lesswrong.split_glued("") is None


# --------------------------------------------------------------------------- LessWrong headers


def test_comment_index_splits_blobs_and_settles_names() -> None:
    text = "\n".join([
        "21Jane Roe", "0quark89", "New Comment", "Submit",
        "[-]Jane Roe13dΩ11213", "A point.", "Reply",
        "[-]quark8912d0-3", "Another point.", "Reply", "",
    ])
    found = marks(LW, text)
    assert found[0] == (0, "chrome", 2, "navigation")  # the index lines
    first, second = headers(LW, text)
    assert first["author"] == "Jane Roe" and first["age"] == "13d"
    assert first["scores"] == {"af": 11, "karma": 21, "agree": 3} and first["score"] == 21
    assert "score_blob" not in first
    assert second["author"] == "quark89" and second["age"] == "12d"
    assert second["scores"] == {"karma": 0, "agree": -3}


def test_without_index_an_ambiguous_run_stays_raw() -> None:
    text = "[-]Jane Roe13dΩ11213\nA point.\nReply\n"
    (h,) = headers(LW, text)
    assert h["author"] == "Jane Roe" and h["age"] == "13d"
    assert h["score_blob"] == "Ω11213"
    assert "scores" not in h and "score" not in h


def test_without_index_a_name_ending_in_digits_prefers_the_longer_age() -> None:
    (h,) = headers(LW, "[-]quark8912d0-3\nText.\nReply\n")
    assert (h["author"], h["age"]) == ("quark89", "12d")
    assert h["scores"] == {"karma": 0, "agree": -3} and h["score"] == 0


def test_a_name_seen_in_another_header_wins() -> None:
    # GoogleBot4212d: GoogleBot421 + 2d or GoogleBot42 + 12d; GoogleBot423d:
    # GoogleBot42 + 3d or GoogleBot4 + 23d. Only GoogleBot42 is in both.
    text = "[-]GoogleBot4212d52\nOne.\nReply\n[-]GoogleBot423d7-1\nTwo.\nReply\n"
    first, second = headers(LW, text)
    assert (first["author"], first["age"]) == ("GoogleBot42", "12d")
    assert (second["author"], second["age"]) == ("GoogleBot42", "3d")


def test_edited_mark_minus_signs_and_toggle_on_its_own_line() -> None:
    text = "[-]\nTomás Ruiz9d*\u221221\nText.\nReply\n2\n"
    found = marks(LW, text)
    assert found[0][:3] == (0, "header", 2)
    h = found[0][3]
    assert h["author"] == "Tomás Ruiz" and h["edited"] is True
    assert h["scores"] == {"karma": -2, "agree": 1}
    assert found[-1] == (3, "chrome", 2, "ui")  # Reply and its reaction count


def test_markdown_clip_header() -> None:
    text = (
        "[-][Jane Roe](/users/jane-roe)[2mo](/posts/ID7/slug?commentId=Cid123)Ω614\n"
        "3\n\nThe body.\n\nReply\n\n"
        "[-][quark89](/users/quark89)[1mo](/posts/ID7/slug?commentId=Cid456)*-2\n-1\n\nMore.\n"
    )
    found = marks(LW, text)
    assert found[0][:3] == (0, "header", 2)
    first, second = headers(LW, text)
    assert first["permalink"] == "Cid123" and first["age"] == "2mo"
    assert first["scores"] == {"agree": 3} and first["score_blob"] == "Ω614"
    assert second == {
        "age": "1mo", "author": "quark89", "permalink": "Cid456", "edited": True,
        "scores": {"karma": -2, "agree": -1}, "score": -2,
    }


def test_deleted_author_in_brackets_is_a_glued_name() -> None:
    (h,) = headers(LW, "[-][deleted]24d21\nText.\nReply\n")
    assert h["author"] == "[deleted]" and h["age"] == "24d"


def test_lynx_header_and_reference_list() -> None:
    text = (
        "[-][Jane Roe][30]1y1\n4\n\n   Body.\n\nReply\n\nReferences\n\n"
        "  30. https://www.lesswrong.com/users/jane-roe\n"
    )
    found = marks(LW, text)
    h = found[0][3]
    assert found[0][:3] == (0, "header", 2)
    assert h["author"] == "Jane Roe" and h["scores"] == {"karma": 1, "agree": 4}
    assert [f[3] for f in found[-2:]] == ["reference", "reference"]


def test_flattened_header_only_when_it_fills_its_line() -> None:
    (h,) = headers(LW, "[ - ] Jane Roe 2d Ω3 4 2\nBody text.\n")
    assert h["author"] == "Jane Roe" and h["scores"] == {"af": 3, "karma": 4, "agree": 2}
    # header and body on one line: no header mark (the core would need a
    # sub-line mark), but the dump is still recognised
    shared = "[ - ] Jane Roe 2d 4 2 Body text on the same line.\n[ - ] Bo 1d 0 1 Reply text.\n"
    assert headers(LW, shared) == []
    assert score(LW, shared) >= dialects.DETECTION_THRESHOLD


def test_ea_forum_headers_without_toggle_need_context() -> None:
    text = "2 comments, sorted by\ntop scoring\nPriya Natarajan6d124\nText.\nReply\nSam Okoro5d3-1\nMore.\nReply\n"
    assert [h["author"] for h in headers(LW, text)] == ["Priya Natarajan", "Sam Okoro"]
    # the same shape in running text is no header
    assert headers(LW, "We met on day 3d12\nand talked.\n") == []


def test_page_chrome_kinds() -> None:
    text = "\n".join([
        "New Comment", "Submit", "12 comments, sorted by", "top scoring",
        "Click to highlight new comments since: Today at 9:14 AM",
        "[-]Ann Lee3d12", "Body.", "Reply", "5", "View more", "More from Ann Lee",
        "Mentioned in", "Moderation Log", "^", "\u21a9\ufe0e",
    ])
    kinds = [(k, kind, span, extra) for k, kind, span, extra in marks(LW, text) if kind == "chrome"]
    assert kinds == [
        (0, "chrome", 2, "ui"), (2, "chrome", 1, "ui"), (3, "chrome", 1, "ui"), (4, "chrome", 1, "ui"),
        (7, "chrome", 2, "ui"), (9, "chrome", 1, "navigation"), (10, "chrome", 1, "navigation"),
        (11, "chrome", 1, "navigation"), (12, "chrome", 1, "ui"), (13, "chrome", 1, "reference"),
        (14, "chrome", 1, "reference"),
    ]
    # a sentence that starts like chrome is text
    assert marks(LW, "More from the same survey would help.\n") == []


# --------------------------------------------------------------------------- detection


LW_SHAPES = {
    "copy": "[-]Jane Roe13dΩ11213\nText.\nReply\n3\n[-]quark8912d0-3\nMore.\nReply\n",
    "copy-toggle-line": "[-]\nJane Roe13d21\nText.\nReply\n",
    "markdown": "[-][Jane Roe](/users/jane-roe)[2mo](/posts/ID/s?commentId=C1)5\n3\n\nText.\n\nReply\n",
    "lynx": "[-][Jane Roe][30]1y1\n4\n\n   Text.\n\nReply\n",
    "flattened": "[ - ] Jane Roe 2d 4 2 text of the comment\n[ - ] Bo 1d 0 1 another\n",
    "ea-forum": "3 comments, sorted by\ntop scoring\nJane Roe13d21\nText.\nReply\n2\nBo Lind2d4-1\nMore.\nReply\n",
}
GW_DUMP = (
    "Mira Okafor  14 Nov 2021 18:01 UTC  12 points\nText.\nReplies: >tobias_k\n"
    "tobias_k  14 Nov 2021 19:30 UTC  \u22123 points\nParent\nMore.\n"
)
PLAIN = (
    "I think the argument assumes the conclusion.\n\n"
    "Not really; it only assumes the premise about priors. Reply to that, please.\n"
    "> I think the argument assumes the conclusion.\nSee above. 3 comments so far, 12 points made.\n"
)


@pytest.mark.parametrize("shape", sorted(LW_SHAPES))
def test_lesswrong_shapes_are_detected(shape: str) -> None:
    text = LW_SHAPES[shape]
    assert score(LW, text) >= dialects.DETECTION_THRESHOLD
    assert score(GW, text) < dialects.DETECTION_THRESHOLD


def test_greaterwrong_is_detected_and_not_lesswrong() -> None:
    assert score(GW, GW_DUMP) >= dialects.DETECTION_THRESHOLD
    assert score(LW, GW_DUMP) < dialects.DETECTION_THRESHOLD


@pytest.mark.parametrize("dialect", [LW, GW], ids=lambda d: d.name)
def test_plain_text_and_empty_input_are_not_detected(dialect) -> None:
    for text in (PLAIN, "", "\n\n", "Reply\n", "[-]\n", "New Comment\nSubmit\n"):
        assert score(dialect, text) < dialects.DETECTION_THRESHOLD, text


@pytest.mark.parametrize("dialect", [LW, GW], ids=lambda d: d.name)
def test_seed_is_not_detected(dialect, seed_text: str) -> None:
    assert score(dialect, seed_text) < dialects.DETECTION_THRESHOLD


def _invented_thread() -> list:
    C = testing.CorpusComment
    return [
        C("demo", "t1", "a1", None, "ann", "2024-01-01T10:00:00Z", "First point about the build.\n\nSecond point."),
        C("demo", "t1", "a2", "a1", "bob42", "2024-01-01T11:00:00Z", "> Second point.\n\nI disagree with that."),
        C("demo", "t1", "a3", "a2", "Cleo Park", "2024-01-02T09:30:00Z", "Both of you should try the release build."),
    ]


@pytest.mark.parametrize(
    "style", [s for s in testing.STYLES if not s.startswith("lesswrong") and s != "greaterwrong"]
)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_other_styles_are_not_detected(style: str, seed: int) -> None:
    dump = testing.render(_invented_thread(), style=style, seed=seed, artifacts=("recapture",))
    assert score(LW, dump.text) < dialects.DETECTION_THRESHOLD
    assert score(GW, dump.text) < dialects.DETECTION_THRESHOLD


@pytest.mark.parametrize("style", ["lesswrong-copy", "lesswrong-markdown"])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_rendered_lesswrong_dumps_parse_with_their_authors(style: str, seed: int) -> None:
    dump = testing.render(_invented_thread(), style=style, seed=seed)
    assert score(GW, dump.text) < dialects.DETECTION_THRESHOLD
    thread = parse(dump.text)
    assert thread.dialect.name == "lesswrong"
    assert [c.speaker.name for c in thread.comments] == ["ann", "bob42", "Cleo Park"]
    # the same characters are chrome (the dialect may mark adjacent pieces as one)
    def chars(spans):
        return {k for a, b in spans for k in range(a, b) if not dump.text[k].isspace()}

    gold_chrome = chars(c["span"] for c in dump.gold["chrome"])
    assert chars((c.span.start, c.span.end) for c in thread.chrome) == gold_chrome


# --------------------------------------------------------------------------- GreaterWrong


def test_greaterwrong_header_fields() -> None:
    first, second = headers(GW, GW_DUMP)
    assert first["author"] == "Mira Okafor" and first["score"] == 12 and first["depth"] == 0
    assert first["posted_at"] == datetime(2021, 11, 14, 18, 1, tzinfo=timezone.utc)
    assert first["age"] == "14 Nov 2021 18:01 UTC"
    assert second["score"] == -3 and second["depth"] == 1


def test_greaterwrong_lw_and_af_scores_and_multiline_header() -> None:
    text = "Ana Lima\n3 Mar 2023 14:05 UTC\nLW: 6 AF: \u22121\nBody.\n"
    found = marks(GW, text)
    assert found[0][:3] == (0, "header", 3)
    assert found[0][3]["scores"] == {"karma": 6, "af": -1} and found[0][3]["score"] == 6


def test_greaterwrong_replies_line_is_navigation_not_a_quote() -> None:
    assert greaterwrong.reply_names("Replies: >alice >Bob Ray") == ["alice", "Bob Ray"]
    assert greaterwrong.reply_names("Replies:") == []
    thread = parse(GW_DUMP)
    assert thread.dialect.name == "greaterwrong"
    nav = [c.text for c in thread.chrome if c.kind == "navigation"]
    assert nav == ["Replies: >tobias_k", "Parent"]
    assert not any(b.kind == "quote" for c in thread.comments for b in c.blocks)
    assert [c.parent_id for c in thread.comments] == [None, "c1"]


def test_greaterwrong_replies_one_name_per_line() -> None:
    text = (
        "Ana  3 Mar 2023 14:05 UTC  2 points\nBody.\nReplies:\n>Kai\n>Lu\n"
        "Kai  3 Mar 2023 15:00 UTC  1 point\nParent\nOk.\n"
    )
    found = marks(GW, text)
    assert (2, "chrome", 3, "navigation") in found


def test_greaterwrong_date_in_running_text_is_no_header() -> None:
    assert headers(GW, "The numbers were final as of 14 Nov 2021 18:01 UTC\n") == []
    assert headers(GW, "the update went out at 14 Nov 2021 18:01 UTC  12 points\n") == []
    assert headers(GW, "We shipped it on time.\n14 Nov 2021 18:01 UTC\n") == []


def test_greaterwrong_impossible_date_keeps_the_raw_text() -> None:
    (h,) = headers(GW, "Ana  31 Feb 2023 14:05 UTC  2 points\nBody.\n")
    assert h["age"] == "31 Feb 2023 14:05 UTC" and "posted_at" not in h


# --------------------------------------------------------------------------- totality and speed


@pytest.mark.parametrize("dialect", [LW, GW], ids=lambda d: d.name)
def test_pathological_inputs_are_fast(dialect) -> None:
    texts = [
        ("[-]" + "1" * 497 + "\n") * 2000,
        ("[-]" + "a1" * 240 + "d12\n") * 2000,
        "[-]" + "x" * 200_000,
        ("[ - ] " + "a " * 240 + "\n") * 2000,
        ("1" * 7 + "name\n") * 5000 + "New Comment\n" + "[-]name3d12\n",
        ("Reply\n" + "Name5d" + "9" * 30 + "\n") * 2000,
        ("Replies: " + ">a " * 160 + "\n") * 1000,
        ("x  1 Jan 2020 1:00 UTC  " + "1" * 400 + "\n") * 1000,
        ("[-][" + "[" * 200 + "](" + "(" * 200 + "\n") * 1000,
    ]
    for text in texts:
        lines = split_lines(text)
        t0 = time.perf_counter()
        dialect.score(text, lines)
        dialect.mark_lines(text, lines)
        assert time.perf_counter() - t0 < 2.0


_ALPHABET = list("[-+] \n\tΩ*−>0123456789dmhoyUTCaJnReplyNw:.\u00a0\r")


@pytest.mark.parametrize("dialect", [LW, GW], ids=lambda d: d.name)
@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(_ALPHABET), max_size=300))
def test_marks_are_total_and_stay_in_range(dialect, text: str) -> None:
    lines = split_lines(text)
    s = dialect.score(text, lines)
    assert 0.0 <= s <= 1.0
    found = dialect.mark_lines(text, lines)
    taken: set[int] = set()
    for k, m in found.items():
        assert m.kind in ("header", "chrome") and m.lines >= 1
        span = set(range(k, k + m.lines))
        assert span <= set(range(len(lines))) and not span & taken
        taken |= span


# --------------------------------------------------------------------------- rendered corpus threads


@pytest.fixture(scope="module")
def corpus_cases():
    if not CORPUS.is_dir():
        pytest.skip(f"the corpus is not at {CORPUS}")
    from threadparse import evaluate

    return [c for c in evaluate.sample(CORPUS, n=42, seed=0) if c.gold["style"].startswith("lesswrong")]


def test_corpus_headers_name_their_authors(corpus_cases) -> None:
    """Every gold header is marked, with the gold author (the dialect alone, no core stage)."""
    total = right = 0
    for case in corpus_cases:
        lines = split_lines(case.text)
        found = LW.mark_lines(case.text, lines)
        at = {lines[k].start: m for k, m in found.items() if m.kind == "header"}
        for c in case.gold["comments"]:
            if c["header"] is None:
                continue
            total += 1
            m = at.get(c["header"][0])
            right += m is not None and m.fields.get("author") == (c["speaker"] or None)
    assert total and right / total >= 0.99


def test_corpus_scores_meet_targets(corpus_cases) -> None:
    from threadparse import evaluate

    report = evaluate.run(corpus_cases, baselines=False)
    values = report.systems["threadparse"]["with headers"].values()
    assert values["dialect"] == 1.0
    assert values["speakers"] >= 0.97
    assert values["chrome"] >= 0.97
    assert values["segmentation"] >= 0.97


def test_fixture_dumps_read_back(tmp_path) -> None:
    # the fixtures are read byte for byte (CRLF kept): a CRLF dump parses like its LF twin
    from pathlib import Path

    path = Path(__file__).parent / "fixtures" / "lesswrong" / "crlf_nbsp_tabs_code.txt"
    raw = read_text(path)
    assert "\r\n" in raw
    crlf = [c.speaker.name for c in parse(raw).comments]
    lf = [c.speaker.name for c in parse(raw.replace("\r\n", "\n")).comments]
    assert crlf == lf == ["Lea Wong", "Bo Lindqvist"]


def test_flattened_dump_with_headers_inside_lines():
    """Shape E: newlines collapsed, so headers sit inside lines (split_points)."""
    text = (
        "[ - ] Jane Roe 2d 4 2 The second table undercounts replications, I think.\n"
        "[ - ] quark89 1d 0 -3 It is fixed in the new draft. [ - ] Jane Roe 20h 3 1 Thanks, that reads better."
    )
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    assert thread.dialect.name == "lesswrong"
    got = [(c.speaker.name, c.header.age, c.header.scores, c.prose) for c in thread.comments]
    assert got == [
        ("Jane Roe", "2d", {"karma": 4, "agree": 2}, "The second table undercounts replications, I think."),
        ("quark89", "1d", {"karma": 0, "agree": -3}, "It is fixed in the new draft."),
        ("Jane Roe", "20h", {"karma": 3, "agree": 1}, "Thanks, that reads better."),
    ]
    assert [ch.text for ch in thread.chrome if ch.kind == "header"] == [
        "[ - ] Jane Roe 2d 4 2", "[ - ] quark89 1d 0 -3", "[ - ] Jane Roe 20h 3 1"
    ]
