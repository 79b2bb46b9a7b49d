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
