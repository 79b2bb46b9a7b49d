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
