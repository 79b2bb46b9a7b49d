"""Left-over HTML: the stages read a same-length copy (threadparse.markup)."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

import threadparse
from threadparse import ParseConfig
from threadparse.markup import working_copy

_HTML = """<div class="comment">
<b>Ines Varga</b> &middot; March 2, 2022
<p>My celadon keeps crawling near the rim. I dip for three seconds &amp; let it dry. Is it too thick?</p>
</div>
<div class="comment">
<b>Bo Lindqvist</b> &middot; March 2, 2022
<p>&gt; I dip for three seconds &amp; let it dry. Is it too thick?</p>
<p>Three seconds is long for celadon &mdash; try two, and sponge the bisque first.</p>
</div>
<div class="comment">
<b>Ines Varga</b> &middot; March 3, 2022
<p>Two seconds and sponging fixed it, thanks!</p>
</div>
"""


def test_an_html_dump_reads_as_its_page_showed_it():
    t = threadparse.parse(_HTML)
    threadparse.verify(t, _HTML)  # every tag is accounted for, text fields are raw
    assert [c.speaker.name for c in t.comments] == ["Ines Varga", "Bo Lindqvist", "Ines Varga"]
    quotes = [b for c in t.comments for b in c.blocks if b.kind == "quote"]
    assert len(quotes) == 1 and quotes[0].source is not None and quotes[0].source.comment_id == "c1"
    assert quotes[0].text.startswith("&gt; I dip")  # the raw text, not the decoded copy
    assert t.comments[1].parent_id == "c1"
    markup = [ch.text for ch in t.chrome if ch.kind == "markup"]
    assert "<p>" in markup and any("</div>" in m for m in markup)
    # no tag is ever a speaker or a block of its own
    assert all(not b.text.startswith("<") for c in t.comments for b in c.blocks)


def test_without_markup_reading_the_tags_make_the_speakers():
    t = threadparse.parse(_HTML, config=ParseConfig(markup=False))
    assert [c.speaker.name for c in t.comments] != ["Ines Varga", "Bo Lindqvist", "Ines Varga"]


def test_an_escaped_quote_marker_is_a_quote_marker():
    text = (
        "Pia Lund, 9:02\nThe kiln reached cone 6 in nine hours, slower than last week.\n\n"
        "Tomas Berg, 9:15\n&gt; The kiln reached cone 6 in nine hours\nCheck the lower element, it may be failing.\n\n"
        "Pia Lund, 9:31\nWill do, thanks.\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    q = [b for b in t.comments[1].blocks if b.kind == "quote"]
    assert q and q[0].marker == ">" and q[0].source is not None and q[0].source.comment_id == "c1"


def test_a_few_tags_in_a_comment_about_html_are_no_evidence():
    text = (
        "Ines Varga wrote:\nUse <b>bold</b> sparingly; <i>italics</i> read better.\n\n"
        "Bo Lindqvist wrote:\nAnd never nest <p> inside <span>.\n"
    )
    assert working_copy(text) is None
    assert working_copy("Fish &amp; chips, twice.") is None  # one stray reference


def test_the_copy_keeps_every_offset():
    copy = working_copy(_HTML)
    assert copy is not None and len(copy) == len(_HTML)
    for i, ch in enumerate(copy):
        if not ch.isspace() and ch != _HTML[i]:
            assert _HTML[i] == "&"  # a decoded reference stands where its "&" was


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/&;#x pdivbrgtamp\n\"=a1")), max_size=300))
def test_any_text_gives_a_same_length_copy_or_none(text):
    copy = working_copy(text)
    assert copy is None or len(copy) == len(text)
    t = threadparse.parse(text)
    threadparse.verify(t, text)


def test_markup_scan_is_linear():
    def cpu(n):
        text = ("<p" + " x" * 40 + "\n<div\n&amp\n") * n
        t0 = time.process_time()
        working_copy(text)
        return time.process_time() - t0

    cpu(200)
    small, big = cpu(2_000), cpu(16_000)
    assert big < 8 * small * 2.5 + 0.05


def test_left_over_tags_on_one_long_line_are_read_in_linear_time():
    # Inline tags only (no block tags: not an HTML page), all on one line:
    # each tag's line start and the backticks before it are found without
    # reading the line again for every tag.
    def cpu(n):
        text = '<a href="https://example.org/u/ana" rel="nofollow">ana</a> said so ' * n
        t0 = time.process_time()
        copy = working_copy(text)
        assert copy is not None and "<a" not in copy
        return time.process_time() - t0

    cpu(200)
    small, big = cpu(2_000), cpu(16_000)
    assert big < 8 * small * 2.5 + 0.05


def test_tags_in_code_stay_when_a_conversion_left_others():
    text = (
        '<a href="https://example.org/u/ana" rel="nofollow">ana</a>   April 1, 2025\n\nhi\n\n'
        '<a href="https://example.org/u/bo" rel="nofollow">bo</a>   April 2, 2025\n\n'
        'use `<a href="x">` here, or\n\n    <a href="y">indented</a>\n\n```\n<a href="z">fenced</a>\n```\n\n'
        '<a href="https://example.org/u/cy" rel="nofollow">cy</a>   April 3, 2025\n'
    )
    copy = working_copy(text)
    assert copy is not None and len(copy) == len(text)
    assert copy.count("<a") == 3  # the inline code, the indented line and the fence keep theirs
