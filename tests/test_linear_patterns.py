"""The patterns that run without a regex timeout are linear.

``segment._safe``, ``quotes._match`` and the ``mail`` matchers call their
patterns without ``timeout=`` (a timeout costs 3.3 µs a call against 0.38 µs
without, issue #9). This test feeds every such pattern adversarial inputs
(runs of the characters its own branches loop over) at two sizes and checks
that 4x the input never takes much more than 4x the time.
"""

from __future__ import annotations

import time

import pytest
import regex

from threadparse import quotes, segment, speakers
from threadparse.dialects import mail

SMALL, LARGE = 1_000, 4_000
# Repeated units: the characters quantifiers in these patterns loop over,
# alone and in the pairs that make alternations and lazy scans backtrack.
UNITS = [
    "a", "A", " ", "\t", "a ", "A ", "Aa ", "a.", "a-", "a/", "a:", "0", "0:", "0.", ">", "> ", ">>",
    "-", "_", "=", "*", ",", ", ", "'", "(", ")", "<", "a@", "@", ":", ": ", ".", "..", "a,", "A.", "[",
    "]", "|", "#", "+", "$ ", "a\n", "\n", "wrote ", "On ", "Re: ", "From: ", "a b:", "@@ ", "x/y.c",
]


# Patterns that backtrack quadratically, with the bound their callers put on
# the input: each is only ever matched against at most this many characters.
BOUNDED = {"quotes._CODE_LINE": 240}


def _patterns():
    seen = {}
    for mod in (segment, quotes, mail, speakers):
        for name, value in vars(mod).items():
            if isinstance(value, regex.Pattern) and id(value) not in seen:
                seen[id(value)] = (f"{mod.__name__.rsplit('.', 1)[-1]}.{name}", value)
    return sorted(seen.values(), key=lambda x: x[0])


def _cost(pattern: regex.Pattern, s: str) -> float:
    best = float("inf")
    for _ in range(3):
        t = time.process_time()
        pattern.match(s)
        pattern.fullmatch(s)
        best = min(best, time.process_time() - t)
    return best


@pytest.mark.parametrize("name,pattern", _patterns(), ids=[n for n, _ in _patterns()])
def test_pattern_is_linear(name, pattern):
    if name in BOUNDED:
        limit = BOUNDED[name]
        slowest = max(_cost(pattern, (unit * limit)[:limit - len(tail)] + tail) for unit in UNITS for tail in ("", "!", ":"))
        assert slowest < 0.02, f"{name}: {slowest:.4f} s at its bound of {limit} characters"
        return
    worst = None
    for unit in UNITS:
        for tail in ("", "!", "\n", ":"):
            small_s, large_s = unit * (SMALL // len(unit)) + tail, unit * (LARGE // len(unit)) + tail
            small, large = _cost(pattern, small_s), _cost(pattern, large_s)
            if large < 0.002:  # too fast to tell: linear enough
                continue
            ratio = large / max(small, 1e-6)
            if ratio >= 9:
                # A few milliseconds swing with the other core's load: measure
                # again, longer, before calling it superlinear (a quadratic
                # pattern gives 16 at 4x the size, whatever the noise).
                small = min(_cost(pattern, small_s) for _ in range(5))
                large = min(_cost(pattern, large_s) for _ in range(5))
                ratio = large / max(small, 1e-6)
            if worst is None or ratio > worst[0]:
                worst = (ratio, unit, tail, large)
    assert worst is None or worst[0] < 9, f"{name}: {worst}"
