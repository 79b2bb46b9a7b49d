"""Shortcuts of the segment stage give the answers of the plain computation.

``_pages.chrome_kind`` runs a chrome branch that may start anywhere (a
``[^\\n]{1,80}`` prefix) only on lines holding the literal every match of that
branch holds; these tests check the literal extraction and that the guarded
combined pattern answers as the one-pattern-at-a-time loop does.
"""

from __future__ import annotations

import importlib
import random
import re

import pytest
import regex

from threadparse.text import split_lines

from .conftest import read_text
from .test_fixtures import FIXTURES_DIR

_pages = importlib.import_module("threadparse.dialects._pages")


@pytest.mark.parametrize(
    "source, literal",
    [
        (r"[^\n]{1,80}[ \t]is[ \t]a[ \t]question[ \t]and[ \t]answer[ \t]site", "question"),
        (r"[^\n]{0,160}?\d{1,5}[ ]?×[ ]?\d{1,5}[ ]{1,3}\d{1,5}[ ]?(?:[KMG]B|bytes)", "×"),
        (r".{0,9}abc", "abc"),
        (r"[^x]*yz(?:q|r)w", "yz"),
        (r"\d{1,5} Likes?", None),  # starts with a digit, not anywhere: no guard needed
        (r"Reply|Share", None),
        (r"[^\n]{1,80}(?:a|b)", None),  # no literal outside the alternation
        (r"[^\n]{1,80}\p{Lu}", None),  # not a `re` pattern: no guard
    ],
)
def test_guard_literal(source: str, literal) -> None:
    assert _pages._guard_literal(source) == literal


def _loop(s: str, patterns) -> object:
    for pattern, kind in patterns:
        if pattern.fullmatch(s):
            return kind
    return None


def _lines() -> list[str]:
    out = []
    for path in sorted(FIXTURES_DIR.glob("*/*.txt")):
        text = read_text(path)
        out += [text[a:b].strip() for _, a, b in split_lines(text)]
    rng = random.Random(7)
    pieces = ["Askew Spire is a question and answer site for people who build kites",
              "diagram 1060×1134 146 KB", "photo_3.png 800 × 600  12.5 KB", "question", "×", "12 Likes",
              "Reply", "Share Edit Follow", "show 3 more comments", "Hot Network Questions", "a question", "KB"]
    for _ in range(3000):
        out.append(" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 3))))
    return out


@pytest.mark.parametrize("dialect", ["stackexchange", "discourse"])
def test_guarded_chrome_answers_as_the_loop(dialect: str) -> None:
    patterns = importlib.import_module(f"threadparse.dialects.{dialect}")._CHROME
    combined = _pages._combined(patterns)
    assert combined is not None and combined[4], "this list has a branch that may start anywhere"
    _pages._COMBINED.pop(id(patterns), None)  # a fresh memo
    guarded = unguarded = 0
    for s in _lines():
        if len(s) > 2000:
            continue
        assert _pages.chrome_kind(s, patterns, 2000) == _loop(s, patterns), s
        if any(lit in s for lit in combined[4]):
            guarded += 1
        else:
            unguarded += 1
    assert guarded > 50 and unguarded > 50


def test_guard_skips_flagged_lists() -> None:
    # a case-insensitive list: literals cannot be tested with `in`; no guard
    patterns = [(regex.compile(r"[^\n]{1,40}QUESTION", regex.I), "meta"), (regex.compile(r"reply", regex.I), "ui")]
    combined = _pages._combined(patterns)
    assert combined is not None and combined[4] == ()
    assert _pages.chrome_kind("A Question", patterns, 100) == "meta"
    assert _pages.chrome_kind("REPLY", patterns, 100) == "ui"
    # and a `re` list whose every branch is guarded: no reduced pattern left
    only = [(re.compile(r".{0,20}needle"), "meta")]
    assert _pages.chrome_kind("hay needle", only, 100) == "meta"
    assert _pages.chrome_kind("hay only", only, 100) is None
