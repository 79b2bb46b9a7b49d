"""Fast paths taken for speed (issue #9) give the answers of the slow ones.

Each test compares a shortcut with the plain computation it replaces, on
invented inputs built to hit the shortcut's edges.
"""

from __future__ import annotations

import regex

from threadparse import quotes


def test_lower_folds_every_letter_the_code_words_match():
    """``_code_line`` rules out a line by ``"looking"``/``"checking"`` not being
    in ``line.lower()``; that is sound when every character the pattern's
    ``(?i:...)`` matches to one of those letters lowers to exactly that letter.
    Checked over all of Unicode; U+0130 is the one exception, and the fast
    path steps aside for lines holding it."""
    letters = sorted(set("lookingchecking"))
    every_char = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    exceptions = set()
    for letter in letters:
        for c in regex.compile(f"(?i:{letter})").findall(every_char):
            if c.lower() != letter:
                exceptions.add(c)
    assert exceptions == {"\u0130"}


LINES = [
    "Just a plain sentence about the weather.",
    "Ünïcödé prose with no code at all, naïve café.",
    "LOOKING FOR a fix ... done",
    "Still LOOKING FOR a fix ... done",
    "Looking for libfoo ... yes",
    "Still LOOK\u0130NG FOR libbar ... no",    # dotted capital I: regex folds it to i
    "checking whether to build shared libraries... yes",
    "Chécking \u0130F the thing - ok",
    "so CHECK\u0130NG for x - yes",
    "  +added line",
    "- removed line",
    "@@ -1,3 +1,4 @@",
    "$ make install",
    "  CC      src/main.o",
    "src/ünï/file.c:42: error: oops",
    "warning: something odd",
    "Zeit 12:03:44 im Log",
    "[   12.345] kernel message",
    "int main() {",
    "café;",
    "Grüße aus dem Süden, Jörg",
    "\u212aelvin sign: loo\u212aing for it ... found",
    "lo\u212aing for nothing",
    "İstanbul is lovely in spring",
]


def test_code_line_agrees_with_the_pattern():
    for line in LINES:
        assert quotes._code_line(line) == (quotes._CODE_LINE.match(line) is not None), line


def test_codeish_text_counts_visible_characters_like_the_pattern():
    import re

    for s in LINES + ["a\u00a0b\u2009c\n\n d", "\u3000\u2028x\x1cy", ""]:
        assert sum(map(len, s.split())) == len(s) - sum(map(len, re.findall(r"\s+", s)))


def test_line_page_reads_lines_as_before():
    from threadparse.dialects._pages import LinePage
    from threadparse.text import split_lines

    text = "  Mara Quell  \n\n" + "x" * 300 + "\n" + " " * 300 + "\r\nReply\n\t2 Likes\t"
    lines = split_lines(text)
    for limit in (2, len(lines), 100):
        page = LinePage(text, lines, limit, 200)
        for i in range(-2, len(lines) + 2):
            if not 0 <= i < min(limit, len(lines)):
                expected = None
            elif lines[i].end - lines[i].start > 200:
                expected = None if text[lines[i].start : lines[i].end].strip() else ""
            else:
                expected = text[lines[i].start : lines[i].end].strip()
            assert page.get(i) == expected, (limit, i)
        assert page.stripped == [page.get(i) for i in range(page.n)]


def test_chrome_kind_memo_answers_as_the_pattern_list():
    from threadparse.dialects import _pages

    patterns = [
        (regex.compile(r"Reply|Share"), "ui"),
        (regex.compile(r"\d+ Likes?"), "ui-count"),
        (regex.compile(r"Load more|Share"), "navigation"),
    ]
    lines = ["Reply", "Share", "3 Likes", "Load more", "Reply to Ilse", "", "Share"] * 3
    for s in lines:
        looped = next((kind for p, kind in patterns if p.fullmatch(s)), None)
        assert _pages.chrome_kind(s, patterns, 50) == looped, s
    assert _pages.chrome_kind("Reply", patterns, 3) is None  # longer than max_len


def test_models_are_built_without_the_dropped_working_state():
    """``parse`` frees the reuse index, lines, cues and addressing before
    ``build_thread``; the models must come out the same as with them."""
    import threadparse
    from threadparse import _drop_working_state
    from threadparse.build import build_thread
    from threadparse.pipeline import Pipeline

    text = threadparse.example_text()
    text = text + "\n\n" + text  # a second capture: duplicates and reuse
    kept = build_thread(Pipeline().run(text)).model_dump_json()
    doc = Pipeline().run(text)
    _drop_working_state(doc)
    assert doc.reuse is None and not doc.lines
    assert build_thread(doc).model_dump_json() == kept == threadparse.parse(text).model_dump_json()


# --- quote detection, the reuse index, dedup and build (fourth speed pass) ---------


def _plain_stock(index, unit):
    """``ReuseIndex.stock`` as it was before its answers were memoised."""
    same = index.copies.get(unit, ())
    if len(same) < 3 or index.word_count.get(unit, 0) > 12:
        return False
    return len({id(index.copies[u - 1]) if u - 1 in index.copies else -u for u in same}) >= 3


def _repeats_dump() -> str:
    """Invented comments with a stock line under each (printed after different text), a recaptured paragraph
    and a one-word line printed forty times (more than the 16 copies kept)."""
    people = ["Ilse Varga", "Tomas Brenn", "Odile Marsh", "Kaito Renn"]
    topics = ["fence", "hedge", "shed", "pond", "gate", "path"]
    parts = []
    for k in range(24):
        parts.append(f"Hi {people[k % 4]}, the {topics[k % 6]} needs work after the rain, {k} days of it.")
        if k % 3 == 0:
            parts.append("The fence went up in spring and fell down by the autumn storms again.")
        parts.append("Count me in for the Saturday work party")
    parts += ["ok"] * 40
    return "\n\n".join(parts)


def test_stock_memo_answers_as_the_plain_computation():
    from threadparse.pipeline import Pipeline

    doc = Pipeline().run(_repeats_dump())
    index = doc.reuse
    units = [u.index for u in doc.units if u.kind == "text"]
    assert any(_plain_stock(index, u) for u in units)  # the fixture has stock lines
    for _ in range(2):  # the second round reads the memo
        for u in units:
            assert index.stock(u) == _plain_stock(index, u), u


def test_exact_repeats_share_tuples_that_hold_the_earlier_copies():
    """Each exact repeat's ``exact_sources`` lists the first (at most 16)
    units with its words, in reading order, as a tuple made per repeat would."""
    from threadparse.pipeline import Pipeline
    from threadparse.text import words

    doc = Pipeline().run(_repeats_dump())
    index, text = doc.reuse, doc.text
    seen: dict[tuple, list[int]] = {}
    checked = 0
    for uid in sorted(index.word_count):
        u = doc.units[uid]
        w = tuple(words(text, u.start, u.end))
        if not w:
            continue
        m = index.matches.get(uid)
        if w in seen:
            assert m is not None and m.method == "exact-words"
            assert m.exact_sources == tuple(seen[w][:16]) and m.source_units == (seen[w][0],)
            checked += 1
            first = [index.first_word_of(s) for s in m.exact_sources]
            assert first == sorted(first)  # reading order: dedup's _step relies on it
        seen.setdefault(w, []).append(uid)
    assert checked > 40


def test_best_chain_shortcut_agrees_with_the_chaining_loop():
    import random

    from threadparse.reuse import _best_chain, _chain_hits

    rng = random.Random(7)
    cases = [[(0, 5)], [(3, 10), (4, 11), (5, 12)], [(3, 10), (4, 11), (5, 13)], [(0, 0), (1, 1), (3, 3)]]
    for _ in range(2000):
        n = rng.randint(1, 30)
        i0, j0 = rng.randint(0, 50), rng.randint(0, 500)
        hits = [(i0 + k, j0 + k) for k in range(n)]
        if rng.random() < 0.5:  # break the diagonal somewhere
            k = rng.randrange(n)
            hits[k] = (hits[k][0], hits[k][1] + rng.choice([-3, -1, 1, 2, 40]))
            hits = sorted({i: (i, j) for i, j in hits}.values())
        cases.append(hits)
    for hits in cases:
        for gap in (-1, 0, 1, 3):
            assert _best_chain(hits, gap) == _chain_hits(hits, gap), (hits, gap)


def test_dedup_steps_call_exact_what_collapsing_whitespace_calls_exact():
    """``_step`` takes identical raw text as exact before collapsing whitespace;
    every step must agree with the plain collapsed comparison."""
    from threadparse.dedup import Deduplicator
    from threadparse.pipeline import Pipeline

    para = "Nadia Okafor planted the beans too early this year, and the frost took half of them in May."
    wrapped = para.replace(" the frost", "\nthe  frost")
    text = "\n\n".join(["Opening words from Bruno Vale about his allotment plans for spring.", para,
                        "A reply about something else entirely, with its own new words in it.",
                        para, wrapped, para.replace("beans", "peas")])
    doc = Pipeline().run(text)
    content = [u.index for u in doc.units if u.kind == "text" and u.index not in doc.attributions]
    dd = Deduplicator()
    runs = dd._runs(doc, content, set(), doc.reuse.owners)
    steps = [s for run in runs for s in run]
    assert len(steps) >= 2
    for s in steps:
        su, tu = doc.units[s.source], doc.units[s.unit]
        plain = " ".join(text[su.start : su.end].split()) == " ".join(text[tu.start : tu.end].split())
        assert (s.method == "exact") == plain, s
    assert {s.method for s in steps} >= {"exact"}


def test_flat_offsets_are_word_offsets_flattened():
    from threadparse.reuse import _flat_offsets
    from threadparse.text import word_offsets

    text = "Żaneta's naïve café — ok?\u00a0ΟΔΟΣ 12:30 snake_case x\n\n  last\u200bword "
    for start, end in [(0, len(text)), (3, 20), (5, 5), (len(text) - 6, len(text))]:
        flat = _flat_offsets(text, start, end)
        assert list(zip(flat[0::2], flat[1::2])) == word_offsets(text, start, end)


def test_constructed_models_equal_validated_ones_and_copy_apart():
    """build.py's models share one fields-set per class; they must dump,
    compare and copy like validated models, and a copy with an update must
    not change the set the others hold."""
    import pytest

    from threadparse.build import _chrome_piece, _prose_block, _span
    from threadparse.models import Chrome, ProseBlock, Span

    a, b = _span(start=3, end=9), _span(start=10, end=12)
    assert a == Span(start=3, end=9) and a.model_dump_json() == Span(start=3, end=9).model_dump_json()
    assert a.model_fields_set == Span(start=3, end=9).model_fields_set
    moved = a.model_copy(update={"end": 11})
    assert moved.end == 11 and b.model_fields_set == {"start", "end"}
    p = _prose_block(a, "Hello Wren")
    assert p == ProseBlock(span=Span(start=3, end=9), text="Hello Wren")
    assert p.model_fields_set == ProseBlock(span=a, text="Hello Wren").model_fields_set
    c = _chrome_piece(b, "ui", "Reply")
    v = Chrome(span=Span(start=10, end=12), kind="ui", text="Reply")
    assert c == v and c.model_dump_json() == v.model_dump_json() and c.model_fields_set == v.model_fields_set
    with pytest.raises(Exception):
        _chrome_piece(b, "no-such-kind", "Reply")  # validated, as Chrome(...) was


def test_different_words_settle_normalised_comparison():
    """dedup skips ``same_normalised`` for a fuzzy repeat (its words differ
    from its source's) unless a dropped character could join two words."""
    import random
    import re as stdre

    from threadparse.reuse import _CHAR_MAP, same_normalised, words_settle_normalised
    from threadparse.text import words

    assert not any(stdre.fullmatch(r"\w", c) for c in _CHAR_MAP)  # normalise maps no word character
    rng = random.Random(11)
    alphabet = ["a", "B", "é", "ß", "1", "_", " ", "  ", "\n", "\n> ", "> ", "-", "--", "\u2014", "\u2013 ",
                "\u201c", "\u2019", "\u2026", ".", ",", "\u00a0", "\t", "\u00ad", "\u200b", "x"]
    settled = 0
    for _ in range(8_000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        text = a + "|" + b
        spans = (0, len(a), len(a) + 1, len(text))
        if words(text, 0, len(a)) != words(text, len(a) + 1, len(text)) and words_settle_normalised(text, *spans):
            settled += 1
            assert not same_normalised(text, *spans), (a, b)
    assert settled > 400
    # a soft hyphen joins words in the copy: not settled by the words
    text = "co\u00adoperate|cooperate"
    assert same_normalised(text, 0, 10, 11, 20) and not words_settle_normalised(text, 0, 10, 11, 20)
    assert words(text, 0, 10) != words(text, 11, 20)


def test_source_words_keeps_pairs_and_the_flat_form_agrees():
    from threadparse.pipeline import Pipeline
    from threadparse.text import word_offsets, words

    doc = Pipeline().run(_repeats_dump())
    index, text = doc.reuse, doc.text
    for uid in list(index._unit_ids)[:20]:
        u = doc.units[uid]
        found, pairs = index.source_words(doc, uid)
        flat_words, flat = index.source_words_flat(doc, uid)
        assert found == flat_words == words(text, u.start, u.end)
        assert pairs == word_offsets(text, u.start, u.end) == list(zip(flat[0::2], flat[1::2]))


# --- memory pass: compact working state, shared output pieces -------------------------


def test_line_table_reads_like_the_list_it_was_made_from():
    """``LineTable`` (two int arrays) answers every read a list of ``Line``
    answers: length, indexing (negative too), slices, iteration, equality."""
    import pytest

    from threadparse.text import LineTable, split_lines

    text = "Hello Wren,\r\n\nthe gate is fixed.\u2028Odile\n\n  -- Tomas\n" * 30
    lines = split_lines(text)
    table = LineTable.of(lines)
    assert isinstance(table, LineTable) and len(table) == len(lines)
    assert list(table) == lines and table == lines and table == LineTable.of(lines)
    for i in (0, 1, 5, len(lines) - 1, -1, -len(lines)):
        assert table[i] == lines[i] and type(table[i]) is type(lines[i])
    for sl in (slice(None), slice(3, 9), slice(-4, None), slice(2, 40, 3), slice(9, 3)):
        assert table[sl] == lines[sl]
    for bad in (len(lines), -len(lines) - 1):
        with pytest.raises(IndexError):
            table[bad]
    assert table != lines[:-1] and not table[:0]
    # lines not numbered 0, 1, 2, ... (a window of a longer list) stay a list
    window = lines[4:10]
    assert LineTable.of(window) is window


def test_document_keeps_a_long_lines_layer_as_a_table():
    """The segmenter's list of lines becomes a ``LineTable`` on the document
    (short lists and other values stay as given), and a parse reads the same."""
    import threadparse
    from threadparse.config import ParseConfig
    from threadparse.document import Document
    from threadparse.pipeline import Pipeline
    from threadparse.text import LineTable, split_lines

    text = "\n\n".join([threadparse.example_text()] * 6)
    doc = Document(text=text, config=ParseConfig())
    lines = split_lines(text)
    assert len(lines) >= 64
    doc.lines = lines
    assert isinstance(doc.lines, LineTable) and doc.lines == lines
    doc.lines = lines[:3]
    assert type(doc.lines) is list
    doc = Pipeline().run(text)
    assert isinstance(doc.lines, LineTable) and list(doc.lines) == split_lines(text)


def test_cues_are_shared_values_and_sum_as_before():
    """``add_cue`` hands out one frozen ``Cue`` per (reason, strength), keeping
    1 and 1.0 apart; the strengths add up as separate objects did."""
    from threadparse.config import ParseConfig
    from threadparse.document import Cue, Document

    doc = Document(text="Hi Ilse\n\nHi Kaito\n", config=ParseConfig())
    doc.add_cue(0, "salutation", 0.4)
    doc.add_cue(1, "salutation", 0.4)
    doc.add_cue(1, "layout", 0.3)
    doc.add_cue(0, "header", 1)
    doc.add_cue(1, "header", 1.0)
    assert doc.cues[0][0] is doc.cues[1][0] and doc.cues[0][0] == Cue("salutation", 0.4)
    assert type(doc.cues[0][1].strength) is int and type(doc.cues[1][2].strength) is float
    assert doc.cue_strength(1) == min(1.0, 0.4 + 0.3 + 1.0) and doc.cue_strength(0) == 1.0


def test_validated_models_share_fields_sets_and_copy_apart():
    """build.py hands validated models a shared fields-set: they compare,
    dump and copy as before, and a copy with an update leaves the shared set alone."""
    from threadparse.build import _shared_fields
    from threadparse.models import Evidence, Speaker

    a = _shared_fields(Evidence(method="header", score=1.0))
    b = _shared_fields(Evidence(method="layout", score=0.5))
    assert a.model_fields_set is b.model_fields_set == {"method", "score"}
    assert a == Evidence(method="header", score=1.0)
    assert a.model_dump_json() == Evidence(method="header", score=1.0).model_dump_json()
    moved = b.model_copy(update={"score": 0.25})
    assert moved.score == 0.25 and a.model_fields_set == {"method", "score"}
    s = _shared_fields(Speaker(id="s1"))  # name left out: another set
    assert s.model_fields_set == {"id"} and s.model_fields_set is not a.model_fields_set


def test_equal_text_pieces_are_one_string():
    from threadparse.build import _Texts

    text = "Reply\nShare\nReply\nShare\n"
    cut = _Texts()
    first, again = cut(text, 0, 5), cut(text, 12, 17)
    assert first == again == "Reply" and first is again
    assert cut(text, 6, 11) == "Share" and cut(text, 0, 0) == ""


def test_keyed_methods_are_the_concatenation():
    from threadparse.dedup import _keyed_method

    for m in ("exact", "normalised", "continuation", "shingles+rapidfuzz"):
        assert _keyed_method(m) == "header-key+" + m and _keyed_method(m) is _keyed_method(m)


def test_first_seen_table_is_emptied_when_quote_detection_ends():
    """No stage after quote detection reads ``ReuseIndex.first_seen``; it is
    emptied when the quote stage ends, and the parse reads the same as with it kept."""
    import threadparse
    from threadparse import quotes as q
    from threadparse.pipeline import Pipeline

    text = _repeats_dump()
    doc = Pipeline().run(text)
    assert doc.reuse.first_seen == {} and doc.reuse.matches

    class Keeping(q.QuoteDetector):  # the stage as it was: the table kept
        def __call__(self, d):
            kept = {}
            real = q.build_reuse_index

            def build(*a, **k):
                index = real(*a, **k)
                kept["table"] = index.first_seen
                return index

            q.build_reuse_index = build
            try:
                super().__call__(d)
            finally:
                q.build_reuse_index = real
            d.reuse.first_seen = kept["table"]

    p = Pipeline()
    p.replace("quotes", Keeping())
    from threadparse.build import build_thread

    doc = p.run(text)
    assert doc.reuse.first_seen
    assert build_thread(doc).model_dump_json() == threadparse.parse(text).model_dump_json()


def test_heap_release_changes_no_output(monkeypatch):
    """Giving free heap pages back (after each stage of a long text) changes no
    output: the same parse with and without it."""
    import threadparse
    from threadparse import pipeline

    text = _repeats_dump()
    plain = threadparse.parse(text).model_dump_json()
    calls = []
    real = pipeline.release_free_memory

    def counting():
        calls.append(1)
        return real()

    monkeypatch.setattr(pipeline, "TRIM_FROM_CHARS", 1)
    monkeypatch.setattr(pipeline, "release_free_memory", counting)
    monkeypatch.setattr(threadparse, "TRIM_FROM_CHARS", 1)
    monkeypatch.setattr(threadparse, "release_free_memory", counting)
    assert threadparse.parse(text).model_dump_json() == plain
    # after each stage, after the working state is dropped, and once the
    # reuse index is built (its latest-occurrence table)
    assert len(calls) == len(pipeline.Pipeline().names) + 2
    assert real() in (True, False)


def test_exact_repeats_are_made_on_read_as_they_were_stored():
    """``ReuseMatches`` keeps an exact repeat as the number of copies before
    it (a small int), or as the pair of tuples all repeats share once the
    list of copies is full, and makes the ``ReuseMatch`` when read: every
    read gives an equal match, with the unit's and its first copy's offsets
    and the word positions of the copy."""
    from threadparse.pipeline import Pipeline, default_stages
    from threadparse.reuse import ReuseMatch, ReuseMatches
    from threadparse.text import words

    doc = Pipeline(default_stages()[:2]).run(_repeats_dump())  # segment, quotes
    matches, index, units = doc.reuse.matches, doc.reuse, doc.units
    assert isinstance(matches, ReuseMatches)
    exact = [uid for uid in matches if matches[uid].method == "exact-words"]
    stored, pairs = set(), {}
    assert len(exact) > 40 and len(matches) == len(list(matches)) == len(dict(matches.items()))
    for uid in exact:
        m = matches[uid]
        assert isinstance(m, ReuseMatch) and m == matches.get(uid) and m is not matches.get(uid)
        src = m.source_unit
        n = index.word_count[uid]
        assert m.source_units == (src,) == (m.exact_sources[0],) and src in index.copies[uid]
        assert (m.target_start, m.target_end) == (units[uid].start, units[uid].end)
        assert (m.source_start, m.source_end) == (units[src].start, units[src].end)
        assert m.target_words == m.unit_words == m.source_words == m.source_unit_words == n
        assert (m.source_word_start, m.source_word_end) == (index.first_word_of(src), index.first_word_of(src) + n)
        assert words(doc.text, units[uid].start, units[uid].end) == words(doc.text, units[src].start, units[src].end)
        assert m.score == 1.0 and uid in matches
        before = matches._store[uid]
        if type(before) is int:
            assert 0 < before < 16 and m.exact_sources == tuple(index.copies[uid][:before])
            stored.add("count")
        else:
            assert before == ((src,), tuple(index.copies[uid])) and len(index.copies[uid]) == 16
            assert pairs.setdefault(src, before) is before  # one pair for all later repeats of a text
            stored.add("pair")
    assert stored == {"count", "pair"} and len(pairs) == 2  # "ok" and the work-party line, printed 40 and 24 times
    assert matches.get(-1) is None and matches.get(-1, "none") == "none" and -1 not in matches


def test_unit_comment_array_answers_as_the_dictionary():
    """build.py's unit -> comment table is an int array; it answers as the
    dictionary it replaces (the last comment listing a unit wins, -1 for none)."""
    from threadparse.build import _unit_comments
    from threadparse.document import CommentDraft
    from threadparse.pipeline import Pipeline

    doc = Pipeline().run(_repeats_dump())
    plain = {u: k for k, c in enumerate(doc.comments) for u in c.units}
    table = _unit_comments(doc)
    assert len(table) == len(doc.units)
    assert all(table[u] == plain.get(u, -1) for u in range(len(doc.units)))
    doc.comments.append(CommentDraft(units=[doc.comments[0].units[0], len(doc.units) + 2]))
    table = _unit_comments(doc)
    plain = {u: k for k, c in enumerate(doc.comments) for u in c.units}
    assert len(table) == len(doc.units) + 3
    assert all(table[u] == plain.get(u, -1) for u in range(len(table)))


def test_long_text_pieces_are_not_kept_in_the_memo():
    from threadparse.build import _Texts

    text = "x" * 400
    cut = _Texts()
    assert cut(text, 0, 200) == "x" * 200 and not cut  # long: cut, not kept
    assert cut(text, 0, 160) is cut(text, 1, 161) and len(cut) == 1


# --- speed pass (stop 15): shared shingle hashes, compact earlier-print tables ----


def _recaptured_chat() -> str:
    """An invented chat printed four times (recaptures), the third print
    re-wrapped, with one person repeating a phrase more often than an
    earlier-print table keeps positions of a shingle (16), and a reply that
    quotes an earlier message."""
    talk = [
        ("11:40", "ana_k", "The east trough valve sticks on cold nights and nobody checks it before leaving. "
         "By morning the water floods the whole lower path, and the gravel washes out onto the lane."),
        ("11:44", "cyril", "Has anyone told the council about the lane yet? They asked about the gravel last week."),
        ("11:50", "bo.lind", "ana_k:\nBy morning the water floods the whole lower path, and the gravel washes out onto the lane.\n"
         "I replaced the spindle last spring, so a drop of oil on it should be enough for this winter."),
        ("11:58", "ana_k", " ".join(["check the gate latch twice"] * 20)),
        ("12:03", "cyril", "The council wrote back that the lane is on their list for the spring, after the bridge."),
    ]
    prints = []
    for p in range(4):
        lines = []
        for clock, who, said in talk:
            if p == 2:  # re-wrapped: the same words, other line breaks
                said = said.replace(", and ", ",\nand ").replace(". ", ".\n")
            lines.append(f"30.09.2025, {clock} <{who}> {said}")
        prints.append("\n".join(lines))
    return "\n\n".join(prints) + "\n"


def _plain_table(ep, key, upto):
    """``_EarlierPrints._table`` before it shared hashes: every repeating unit
    of the author read up to ``upto`` tokenised, hashed and inserted."""
    from threadparse.dedup import _EARLIER_PER_SHINGLE
    from threadparse.reuse import shingle_hashes
    from threadparse.text import words

    doc, reuse = ep.doc, ep.doc.reuse
    k = doc.config.shingle_size
    table: dict[int, list[int]] = {}
    budget = 2 * sum(reuse.word_count.values())
    for v in ep._units.get(key, ()):
        if v >= upto:
            break
        w = words(doc.text, doc.units[v].start, doc.units[v].end)
        budget -= len(w)
        if budget < 0:
            break
        if len(w) < k:
            continue
        pos = reuse.first_word_of(v)
        for i, s in enumerate(shingle_hashes(w, k)):
            at = table.setdefault(s, [])
            if len(at) < _EARLIER_PER_SHINGLE:
                at.append(pos + i)
    return table


def _dedup_ready(text):
    """The document after quote detection, and the content list dedup reads."""
    from threadparse.config import ParseConfig
    from threadparse.document import Document
    from threadparse.pipeline import default_stages

    doc = Document(text=text, config=ParseConfig(), requested_dialect=None)
    for stage in default_stages():
        if stage.name == "dedup":
            break
        stage(doc)
    content = [u.index for u in doc.units if u.kind == "text" and u.index not in doc.attributions]
    return doc, content


def test_earlier_print_tables_read_as_tables_of_every_copy():
    """The compact table (later exact copies kept as first positions only)
    plus :meth:`_positions` gives, for every shingle and at every point the
    lookups reach, the positions a table that hashed every copy holds,
    the cap of 16 included (one author repeats a phrase 80 times)."""
    from threadparse.dedup import _EarlierPrints
    from threadparse.reuse import HeaderOwners

    doc, content = _dedup_ready(_recaptured_chat())
    owners = doc.reuse.owners or HeaderOwners(doc)
    ep = _EarlierPrints(doc, owners, content)
    ep._table(("author", "ana_k"), 0)  # fills ep._units
    ep._ends = []  # keep every table (dropping them is tested apart)
    assert ep._units, "the fixture has repeating units under headers"
    capped = reps = 0
    for key, todo in ep._units.items():
        # every unit boundary the lookups may stop at, advancing as they do
        for upto in sorted(set(todo)) + [len(doc.units)]:
            table = ep._table(key, upto)
            plain = _plain_table(ep, key, upto)
            assert set(table) == set(plain), (key, upto)
            for s, at in plain.items():
                one = table[s]
                assert type(one) is int or len(one) >= 2  # an int, or an int array once it recurs
                assert list(ep._positions(key, (one,) if type(one) is int else one)) == at, (key, upto, s)
                capped += len(at) == 16
        reps += sum(len(r) for r in ep._tables[key][3].values())
    assert capped and reps  # the cap and the copies kept by position were both exercised


def test_shared_shingle_hashes_are_the_units_own():
    """``ReuseIndex.repeat_shingles``: for a text printed more than once, the
    hashes of the unit's own words, for every copy; ``None`` for a text
    printed once or too short for a shingle."""
    from threadparse.reuse import shingle_hashes
    from threadparse.text import words

    doc, _ = _dedup_ready(_recaptured_chat())
    index, k = doc.reuse, doc.config.shingle_size
    shared = alone = 0
    for uid, n in index.word_count.items():
        got = index.repeat_shingles(uid)
        u = doc.units[uid]
        mine = list(shingle_hashes(words(doc.text, u.start, u.end), k))
        if n >= k and len(index.copies.get(uid, ())) > 1:
            assert got is not None and list(got) == mine, uid
            shared += 1
        elif got is None:
            alone += 1
        else:  # printed more than once, but first seen as a fuzzy match's unit
            assert list(got) == mine, uid
    assert shared and alone


def test_dedup_with_shared_hashes_gives_the_plain_output(monkeypatch):
    """The whole parse with the compact tables and the index's hashes equals
    the parse with the plain tables (every copy tokenised and hashed)."""
    import threadparse
    from threadparse import dedup, reuse

    text = _recaptured_chat()
    fast = threadparse.parse(text).model_dump_json()
    assert "header-key+earlier-print" in fast  # the earlier-print lookup decides something here

    def plain_table(self, key, upto):
        if self._units is None:
            self._units = {}
            for v in self._content:
                h = self.owners.owner.get(v)
                if h is not None and v in self.doc.reuse._slot and v in self.doc.reuse.matches:
                    self._units.setdefault(self.owners.identity[h][:2], []).append(v)
        return _plain_table(self, key, upto)

    monkeypatch.setattr(dedup._EarlierPrints, "_table", plain_table)
    monkeypatch.setattr(dedup._EarlierPrints, "_positions", lambda self, key, at: at)
    monkeypatch.setattr(reuse.ReuseIndex, "repeat_shingles", lambda self, unit: None)
    assert threadparse.parse(text).model_dump_json() == fast


def _plain_allowed(owners, uid, options):
    """``HeaderOwners.allowed`` as written before it was inlined."""
    from threadparse.reuse import _same_comment

    hu = owners.owner.get(uid)
    if hu is None:
        return options
    out = []
    for src in options:
        hs = owners.owner.get(src)
        if hs is None:
            if owners.seen_before[hu]:
                out.append(src)
        elif hs != hu and (
            _same_comment(owners.identity[hu], owners.identity[hs]) or (owners.trailer[hu] and owners.seen_before[hu])
        ):
            out.append(src)
    return tuple(out)


def test_allowed_sources_answer_as_the_plain_comparison():
    """Headers with and without dates, the same author on other dates, text
    above the first header and a trailer header: every unit against every
    other as a source gives the plain computation's answer."""
    from threadparse.reuse import HeaderOwners

    dated = _recaptured_chat().replace("30.09.2025, 12:03", "01.10.2025, 12:03", 2)
    dates = set()
    undated = (
        "mapreader \u2014 7:02 PM\n\nI keep a road atlas in the car, the phone loses signal in the valley.\n\n"
        "okapi_7 \u2014 7:15 PM\n\nPaper maps never need charging at all.\n\n"
    ) * 3
    for text in (dated, "Notes pinned above the chat.\n\n" + dated, undated, _repeats_dump()):
        doc, content = _dedup_ready(text)
        owners = HeaderOwners(doc)
        dates |= {ident[2] for ident in owners.identity.values()}
        units = [u.index for u in doc.units if u.kind == "text"]
        for flip in (False, True):
            if flip and owners.trailer:
                owners.trailer = {h: True for h in owners.trailer}  # every header a trailer
            for uid in units:
                for options in (tuple(units), tuple(reversed(units)), ()):
                    assert owners.allowed(uid, options) == _plain_allowed(owners, uid, options)
    assert None in dates and len(dates) >= 3  # undated headers, and one author on two dates


def _plain_split_lines(text):
    """``text.split_lines`` as the loop over the line-break pattern it was."""
    from threadparse.text import _LINE_BREAK_RE, Line

    lines, pos = [], 0
    for m in _LINE_BREAK_RE.finditer(text):
        lines.append(Line(len(lines), pos, m.start()))
        pos = m.end()
    if pos < len(text):
        lines.append(Line(len(lines), pos, len(text)))
    return lines


def test_split_lines_agrees_with_the_break_pattern():
    """Every break the pattern knows (``\\r\\n`` as one, a lone ``\\r``, the
    Unicode separators), a final break or none, empty lines and the empty text."""
    import random

    from threadparse.text import Line, split_lines

    rnd = random.Random(9)
    alphabet = "ab \t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\u00e9"
    cases = ["", "\n", "\r\n", "\r\r\n\n", "a", "a\n", "a\nb", "\n\na\r\n"]
    cases += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16))) for _ in range(20000)]
    for text in cases:
        got = split_lines(text)
        assert got == _plain_split_lines(text), repr(text)
        assert all(type(line) is Line for line in got)


def test_confirmed_share_stops_only_once_it_is_enough():
    """``segment._confirmed(..., enough=x)`` returns the full share when it is
    below ``x``, and something at least ``x`` exactly when the full share is:
    what ``_doubtful_authors`` asks. Invented names, each printed in headers
    and a random number of times elsewhere."""
    import random

    from threadparse import segment

    rnd = random.Random(21)
    names = ["Ilse Varga", "Tomas", "odile_m", "Kaito R.", "Wren", "Pia Lund", "B0b", "Ana-Maria"]
    for _ in range(300):
        values = [rnd.choice(names) for _ in range(rnd.randint(0, 40))]
        text = " ".join(values + [rnd.choice(names) for _ in range(rnd.randint(0, 12))])
        full = segment._confirmed(text, values)
        for enough in (1 / 3, 0.5, 1.0):
            got = segment._confirmed(text, values, enough=enough)
            if full < enough:
                assert got == full
            else:
                assert enough <= got <= full


def test_words_of_ascii_pieces_are_the_lowered_words():
    """``text.words`` lowers an ASCII piece before finding its words; the
    answer is the general path's (every word found, then lowered) on random
    ASCII and non-ASCII texts and sub-ranges."""
    import random

    from threadparse import text as text_mod

    def plain(text, start=0, end=None):
        found = text_mod.WORD_RE.findall(text, start, len(text) if end is None else end)
        return " ".join(found).lower().split(" ") if found else found

    rnd = random.Random(4)
    for alphabet in ("aZ_9 .-'\n\t", "aZ_9 \u0130\u00c9\u00df\u212a\u0307 .\n"):
        for _ in range(3000):
            t = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
            a = rnd.randint(0, len(t))
            b = rnd.randint(a, len(t))
            assert text_mod.words(t) == plain(t)
            assert text_mod.words(t, a, b) == plain(t, a, b), (t, a, b)
            assert text_mod.words(t, a - 3, b - 5) == plain(t, a - 3, b - 5), (t, a, b)  # offsets past the ends


def _chat_recaptured_without_quotes(people: tuple[str, str, str], lines: tuple[str, str, str, str]) -> str:
    """A chat log in which the third speaker quotes the other two inline, then
    the whole log printed again with those quotes lost (dedup's earlier-print lookup)."""
    a, b, c = people
    trough, council, oil, gravel = lines
    return (
        f"12:23:13 - {a}: {trough}\n"
        f"12:31:40 - {b}: {council}\n"
        f"12:40:02 - {c}: {a}: {trough} {oil} {b}: {council} {gravel}\n"
        "\n"
        f"12:23:13 - {a}: {trough}\n"
        f"12:31:40 - {b}: {council}\n"
        f"12:40:02 - {c}: {oil} {gravel}\n"
    )


_SAID = "and then we all went home before the rain set in again, as we always do"


def _earlier_prints_dump() -> str:
    first = _chat_recaptured_without_quotes(
        ("ana_k", "cyril", "bo.lind"),
        (
            "The east trough valve sticks on cold nights and nobody checks it before leaving the yard, "
            "so by morning the lower path is under water again.",
            "Has anyone told the council about the lane yet? They were asking about the gravel last week.",
            "I replaced the spindle last spring, so a drop of oil on it should be enough for this winter.",
            "The gravel that washed onto the lane is another matter; I will bring the barrow up on Thursday "
            "and rake it back before the council notices.",
        ),
    )
    second = _chat_recaptured_without_quotes(
        ("dora.v", "emil", "fritzi"),
        (
            "The orchard ladder lost a rung in the storm and the spare one in the shed is far too short, "
            "so nobody can reach the top branches this week.",
            "Did the bakery ever send the invoice for the harvest party? Their van was here on Monday.",
            "My cousin can plane a new rung from the ash offcuts if someone drops them at her workshop.",
            "The invoice went to the old address; I will ask them to send it again and pay it from the "
            "club account on Friday.",
        ),
    )
    # one phrase said over and over by one speaker: more positions than a table keeps per shingle
    chatter = "".join(f"13:{m:02d}:00 - emil: {_SAID}, number {m} of many\n" for m in range(20))
    return first + "\n" + second + "\n" + chatter + "\n" + chatter


def test_earlier_print_tables_are_dropped_after_their_last_lookup():
    """An author's table is dropped once the lookups (in reading order) pass
    that author's last repeating unit; every lookup answers as with every
    table kept."""
    from threadparse import dedup
    from threadparse.pipeline import Pipeline
    from threadparse.reuse import HeaderOwners

    p = Pipeline()
    p.remove("dedup")
    p.remove("speakers")
    doc = p.run(_earlier_prints_dump())
    owners = doc.reuse.owners or HeaderOwners(doc)
    content = [u.index for u in doc.units if u.kind == "text" and u.index not in doc.attributions]
    dropping = dedup._EarlierPrints(doc, owners, content)
    keeping = dedup._EarlierPrints(doc, owners, content)
    keeping._table(("none",), 0)
    keeping._ends = []
    steps = [(dropping.step(uid), keeping.step(uid)) for uid in content]
    assert [a for a, _ in steps] == [b for _, b in steps]
    assert any(a is not None and a.method == "header-key+earlier-print" for a, _ in steps)
    assert len(dropping._tables) < len(keeping._tables)


# --- memory pass (stop 16) ---------------------------------------------------


def test_unit_offsets_and_numbers_are_the_plain_ones(monkeypatch):
    """The segmenter gives units offsets of their own (not the line list's
    int objects) and shares equal line, unit and block numbers: the units
    equal those of the plain computation, field by field."""
    from threadparse import document, segment
    from threadparse.pipeline import Pipeline, default_stages

    text = _repeats_dump() + "\n\n> quoted by Odile\n> over two lines\n\n    indented code 12345\n"
    doc = Pipeline(default_stages()[:1]).run(text)
    monkeypatch.setattr(document, "share_unit_ints", lambda units: None)
    monkeypatch.setattr(
        segment, "_content_span", lambda text, lines, lo, hi: segment.strip_span(text, lines[lo].start, lines[hi - 1].end)
    )
    plain = Pipeline(default_stages()[:1]).run(text)
    assert doc.units == plain.units and len(doc.units) > 60
    one: dict[int, int] = {}
    for u in doc.units:
        for v in (u.index, u.line_lo, u.line_hi, u.block):
            assert one.setdefault(v, v) is v  # an equal number is the same object
    lines = segment.dump_lines(text)
    u = doc.units[-1]
    start, end = segment._content_span(text, lines, u.line_lo, u.line_hi)
    assert (start, end) == (u.start, u.end) and start is not lines[u.line_lo].start


def test_share_unit_ints_changes_no_value():
    from threadparse.document import Unit, share_unit_ints

    units = [Unit(index=k, start=1000 + k, end=2000 + k, line_lo=300 + k, line_hi=301 + k, kind="text", block=500) for k in range(400)]
    before = [(u.index, u.start, u.end, u.line_lo, u.line_hi, u.block) for u in units]
    share_unit_ints(units)
    assert [(u.index, u.start, u.end, u.line_lo, u.line_hi, u.block) for u in units] == before
    assert units[300].index is units[0].line_lo and units[5].line_hi is units[6].line_lo


def test_cue_tuples_are_shared_and_hold_what_lists_held():
    """``add_cue`` keeps a unit's cues as a tuple shared by every unit with
    the same cues; it holds the cues a list would have, in order, 1 and 1.0
    apart, and a stage may still replace a unit's cues with a list."""
    from threadparse.config import ParseConfig
    from threadparse.document import Cue, Document

    doc = Document(text="", config=ParseConfig())
    plain: dict[int, list[Cue]] = {}
    adds = [(0, "header", 1), (1, "header", 1.0), (2, "header", 1), (0, "layout", 0.3), (2, "layout", 0.3), (3, "layout", 0.3)]
    for unit, reason, strength in adds:
        doc.add_cue(unit, reason, strength)
        plain.setdefault(unit, []).append(Cue(reason, strength))
    assert {u: list(c) for u, c in doc.cues.items()} == plain
    assert all(type(c) is tuple for c in doc.cues.values())
    assert doc.cues[0] is doc.cues[2] and doc.cues[0] is not doc.cues[1]
    assert type(doc.cues[0][0].strength) is int and type(doc.cues[1][0].strength) is float
    doc.cues[3] = [c for c in doc.cues[3] if c.reason != "layout"]  # as the segmenter drops sign-offs
    doc.add_cue(3, "salutation", 0.4)
    assert doc.cues[3] == (Cue("salutation", 0.4),) and doc.cue_strength(2) == min(1.0, 1 + 0.3)


def test_line_table_uses_c_ints_until_offsets_need_more():
    from threadparse.text import Line, LineTable

    small = [Line(0, 0, 5), Line(1, 6, 2**31 - 1)]
    big = [Line(0, 0, 5), Line(1, 6, 2**31), Line(2, 2**40, 2**40 + 3)]
    for lines, code in ((small, "i"), (big, "q")):
        table = LineTable.of(lines)
        assert table._starts.typecode == code and list(table) == lines and table[-1] == lines[-1]


def test_index_word_positions_and_slots_answer_as_plain_lists():
    """The reuse index keeps first-word positions in an int array and its
    slot numbers as the units' own int objects: they read as the plain
    lists did (slot = position in ``_unit_ids``; unit_at_word by bisection)."""
    from threadparse.pipeline import Pipeline, default_stages
    from threadparse.text import words

    doc = Pipeline(default_stages()[:2]).run(_repeats_dump())
    index, text = doc.reuse, doc.text
    assert index._unit_first_word.typecode == "q"
    pos, firsts = 0, []
    for k, uid in enumerate(index._unit_ids):
        assert index._slot[uid] == k and index.first_word_of(uid) == pos
        firsts.append(pos)
        u = doc.units[uid]
        n = len(words(text, u.start, u.end))
        assert index.unit_at_word(pos) == uid and index.unit_at_word(pos + n - 1) == uid
        pos += n
    assert list(index._unit_first_word) == firsts and len(firsts) > 60


def test_dedup_positions_answer_as_the_dictionary():
    from threadparse.dedup import _positions

    content = [0, 2, 3, 7, 9, 3]  # (a repeated id keeps its last position, as a dictionary would)
    plain = {uid: k for k, uid in enumerate(content)}
    table = _positions(content, 8)
    assert len(table) == 10 and all(table[uid] == k for uid, k in plain.items())
    assert [table[u] for u in (1, 4, 5, 6, 8)] == [-1] * 5
    assert list(_positions([], 3)) == [-1, -1, -1]


def test_index_build_gives_pages_back_only_for_long_texts(monkeypatch):
    from threadparse import pipeline
    from threadparse.pipeline import Pipeline, default_stages

    calls = []
    monkeypatch.setattr(pipeline, "release_free_memory", lambda: calls.append(1))
    Pipeline(default_stages()[:2]).run(_repeats_dump())
    assert calls == []  # shorter than TRIM_FROM_CHARS: no stage, no index build gives pages back
    monkeypatch.setattr(pipeline, "TRIM_FROM_CHARS", 1)
    Pipeline(default_stages()[:2]).run(_repeats_dump())
    assert len(calls) == 3  # after each of the two stages and after the index


def _model_state(m):
    return (
        type(m), list(m.__dict__.items()), m.model_fields_set, m.__pydantic_extra__, m.__pydantic_private__,
        m.model_dump_json(),
    )


def test_models_with_shared_key_dictionaries_are_the_constructed_ones():
    """build.py's spans, prose blocks and chrome pieces hold their values in
    dictionaries of shared keys; they are what ``model_construct`` makes (the
    same items in the same order, fields-set, extra and private), and they
    compare, hash, dump, pickle and copy alike."""
    import copy
    import pickle

    from threadparse.build import _PROSE_FIELDS, _SPAN_FIELDS, _CHROME_FIELDS, _chrome_piece, _prose_block, _span
    from threadparse.models import Chrome, ProseBlock, Span

    a = _span(start=3, end=900)
    plain_a = Span.model_construct(_SPAN_FIELDS, start=3, end=900)
    assert _model_state(a) == _model_state(plain_a) and a == plain_a and hash(a) == hash(plain_a)
    p = _prose_block(a, "Hello Wren")
    plain_p = ProseBlock.model_construct(_PROSE_FIELDS, span=plain_a, text="Hello Wren")
    assert _model_state(p) == _model_state(plain_p) and p == plain_p
    c = _chrome_piece(a, "ui", "Reply")
    plain_c = Chrome.model_construct(_CHROME_FIELDS, span=plain_a, kind="ui", text="Reply")
    assert _model_state(c) == _model_state(plain_c) and c == plain_c
    for m in (a, p, c):
        assert pickle.loads(pickle.dumps(m)) == m and copy.deepcopy(m) == m and copy.copy(m) == m
    moved = a.model_copy(update={"end": 950})
    assert moved.end == 950 and a.end == 900 and _span(start=3, end=900) == a
    assert Span.model_validate(a.model_dump()) == a


def test_validated_models_keep_their_values_in_shared_key_dictionaries():
    from threadparse.build import _shared_fields
    from threadparse.models import Comment, Evidence, Header, Span, Speaker

    def made():
        return Comment(
            id="c1", parent_id=None, parent_status="top-level",
            parent_evidence=Evidence(method="header-depth", score=1.0),
            speaker=Speaker(id="s1", name="Ilse Varga"), speaker_evidence=Evidence(method="header", score=1.0),
            addressees=("Kaito",), span=Span(start=0, end=40),
            header=Header(span=Span(start=0, end=12), text="Ilse Varga 2h", author="Ilse Varga", age="2h"),
        )

    plain = made()
    shared = made()
    _shared_fields(shared.header)
    _shared_fields(shared)
    assert _model_state(shared) == _model_state(plain) and shared == plain
    assert _model_state(shared.header) == _model_state(plain.header)
    assert shared.model_dump() == plain.model_dump() and hash(shared.speaker) == hash(plain.speaker)
