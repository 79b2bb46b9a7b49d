"""Header induction's fast paths (issue #9) give the answers of the plain computations.

Each test compares a shortcut in :mod:`threadparse.induce` with what it
replaces, on invented lines built to hit the shortcut's edges.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from threadparse import induce
from threadparse.text import split_lines

# Fragments that make dates, ages, names, links and tricky case folds likely.
PIECES = [
    "a", "Zed", "9", "12", " ", "  ", "\t", "_", "-", ".", "'", "’", "@", "+", ":", "|", "»", "·",
    "#", "(", ")", "[", "]", "/", "*", ">", "\n", "Σ", "ΑΣ", "İ", "ß", "ſ", "\u212a", "\u00a0", "٣",
    "Mon", "SAT", "sun,", "Tuesday", "xmon", "_sun", "an hour ago", "about a day ago", "Yesterday",
    "just now", "TODAY", "Tue.", "Mar '09", "Mar 3", "3 wKs", "5h", "12:30 pm", "2024-01-05",
    "Guest 45 |", "by ", "posted ", "Reply", "Wesley Ng", "http://x.y ", "[nia](/u/nia)",
]
lines_st = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(lines_st, max_size=12).map("\n".join), st.integers(1, 40), st.integers(0, 6))
def test_word_counts_taken_by_chunks_equal_the_whole_text(text, chunk, pieces):
    old = induce._COUNT_CHUNK, induce._COUNT_PIECES
    induce._COUNT_CHUNK, induce._COUNT_PIECES = chunk, pieces
    try:
        assert induce._word_counter(text) == Counter(induce._WORD.findall(text.casefold()))
    finally:
        induce._COUNT_CHUNK, induce._COUNT_PIECES = old


def test_word_counts_of_repeated_pieces_are_multiplied_out():
    text = "wes said: hi-fi _nia_ wes. (wes)\u2003wes\u00a0nia\n" * 50 + "Wes-"
    assert induce._word_counter(text) == Counter(induce._WORD.findall(text.casefold()))
    assert induce._word_counter(text)["wes"] == 50 * 4 + 1


def test_word_counts_fold_final_sigma_and_dotted_i_as_the_whole_text():
    text = "ΟΔΥΣΣΕΥΣ met Odysseus\nİstanbul STRASSE Straße\n" * 3 + "ΟΔΥΣΣΕΥΣ."
    old = induce._COUNT_CHUNK, induce._COUNT_PIECES
    induce._COUNT_CHUNK, induce._COUNT_PIECES = 3, 2
    try:
        assert induce._word_counter(text) == Counter(induce._WORD.findall(text.casefold()))
    finally:
        induce._COUNT_CHUNK, induce._COUNT_PIECES = old


DATED = [
    "an hour ago",
    "posted about a day ago by wes",
    "Yesterday at 9:14",
    "edited just now",
    "TODAY",
    "Mon",
    "(sat) · Reply",
    "Tue. · nia",
    "Tuesday, Wesley Ng",
    "Mar '09",
    "5h",
    "3 wKs ago",
    "Posted by Guest 45 | 2024-01-05",
    "monday morning meeting",  # "monday" at a word start
    "summary of the month",    # a month inside a word: no date
    "xmon and _sun",            # weekdays inside words: no date
]


@settings(max_examples=800, deadline=None)
@given(lines_st.map(lambda s: s.replace("\n", " ").replace("(", "").replace("/", "")))
def test_every_date_the_pattern_finds_is_in_the_shape(line):
    _check_times(line)


def test_dates_ages_and_lone_weekdays_are_in_the_shape():
    for line in DATED:
        _check_times(line)
    assert not induce._time_hint("a summary of the year in March", False)  # a month alone is no date
    assert induce._rel_shape("an hour ago").times == ((0, 11),)
    assert induce._rel_shape("(sat) · Reply").times == ((1, 4),)


def _check_times(line: str) -> None:
    """The cheap test before the date pattern never skips a line the pattern
    finds a date in."""
    if induce._TIME.search(line) is not None:
        assert induce._time_hint(line, induce._DIGIT.search(line) is not None), line


FORUM = (
    "Allotment forum\n"
    "Post by marta_k » Tue Mar 04, 2025 9:12 am\n"
    "The third bay has not been turned since January.\n"
    "> > Post by Pia Lund » Tue Mar 04, 2025 10:47 am\n"
    "\n"
    "Reply\n"
)


def test_line_shapes_read_as_shape_of_at_each_line():
    lines = split_lines(FORUM)
    shapes = induce._LineShapes(lines)
    for ln in lines:
        body = FORUM[ln.start : ln.end]
        start = ln.start + (4 if body.startswith("> > ") else 0)
        rel = induce._rel_shape(FORUM[start : ln.end])
        if rel is not None:
            shapes.set_relative(ln.index, rel, start)
    assert len(shapes) == len(lines)
    for ln, got in zip(lines, shapes):
        start = ln.start + (4 if FORUM[ln.start : ln.end].startswith("> > ") else 0)
        want = induce.shape_of(FORUM, start, ln.end)
        assert (got is None) == (want is None)
        if got is not None:
            assert (got.skeleton, list(got.slots), list(got.times), got.words, got.longest) == (
                want.skeleton, list(want.slots), list(want.times), want.words, want.longest
            )
    made = [span for sh in shapes if sh is not None for span in sh.slots]
    assert list(shapes.slot_spans()) == made and made
    nested = shapes[3]
    assert [FORUM[a:b] for a, b in nested.slots] == ["Pia Lund"]
    replaced = induce._Shape(("W",), [(0, 9)], [], 2, 2)
    shapes[0] = replaced
    assert shapes[0] is replaced
    assert list(shapes.slot_spans()) == [span for sh in shapes if sh is not None for span in sh.slots]
    assert shapes[4] is None  # a blank line has no shape


def test_separator_keys_of_stripped_lines():
    """What separators() counts a line under, now computed once per distinct line."""
    assert induce._separator_key("---") == "---"
    assert induce._separator_key("* * *") == "* * *"
    assert induce._separator_key("Share on other sites") == "share on other sites"
    assert induce._separator_key("- [Reply](#r)") == "reply"
    assert induce._separator_key("}") is None              # code
    assert induce._separator_key("Elliot:") is None        # a label before a quote
    assert induce._separator_key("[deleted]") is None      # a placeholder
    assert induce._separator_key("We met at noon. Then we left.") == ""  # a sentence
    assert induce._separator_key("one two three four five six seven") == ""  # too many words


def test_separators_count_a_repeated_line_at_every_place():
    post = "Wren says the hedges need cutting back before {}.\n"
    parts = []
    for k in range(8):
        parts.append(post.format(["May", "June", "July", "August"][k % 4]) + f"Thanks, Ola {k}\n")
        parts.append("Share on other sites\n")
    text = "\n".join(parts)
    lines = split_lines(text)
    marks = induce.separators(text, lines, {})
    rule = [ln.index for ln in lines if text[ln.start : ln.end] == "Share on other sites"]
    assert sorted(marks) == rule and len(rule) == 8
    assert all(m.fields.get("separator") for m in marks.values())
