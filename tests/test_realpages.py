"""Accuracy on real captured pages, annotated by hand (the real-page dev set).

The pages are third-party captures in ``../shared/realpages``; the annotations
are ours, in ``tests/realgold`` (``threadparse-linegold/1``, see
``threadparse.linegold``). Floors are the pooled values measured when they were
set, less 0.01 and rounded down to two decimals (``python bench/realpages_eval.py``
prints the full table per family); the pages are few, so one page moves a figure
by a point or two.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import threadparse
from threadparse import linegold
from threadparse.evaluate import Score, score

HERE = Path(__file__).resolve().parent
GOLD = HERE / "realgold"
PAGES = HERE.parents[1] / "shared" / "realpages"

# Re-measured after merging h-lnk (docs/accuracy.md, section 2): segmentation 0.824, speakers 0.979,
# speaker_precision 0.997, chrome 0.944, quotes 0.804, quote_sources 0.902. (Escaped `\>` markers find
# a quote on hn_2 whose source was translated away in the capture: honestly unknown, which quote_sources
# counts as wrong; h-lnk's '+part' and '+answered' sources raised it again.) Quote sources 0.922 on
# branch h-qs (mbox_2's quote of a patch that every message of the series holds is sourced to the one
# its In-Reply-To names); quotes 0.828 at h-qf (hn_3: replies typed on a '>' line under the quoted one
# are prose). Both merged, with phpBB's linked attributions: see docs/accuracy.md for the current figures.
FLOORS = {
    "segmentation": 0.81,
    "speakers": 0.96,
    "speaker_precision": 0.98,
    "chrome": 0.93,
    "quote_sources": 0.91,
    "quotes": 0.81,
}
# Pages whose text shows no thread structure of chat: parent links there are
# judged on the chat logs with human reply links instead (tests/test_chat.py).
CHAT_FAMILIES = {"irc", "chat"}
PARENT_PRECISION_FLOOR = 0.94  # non-chat pages: 93 of 97 links right (0.959) at 48be078;
# one link is about a point, so losing one passes and losing two fails


def _cases():
    if not PAGES.exists():
        pytest.skip(f"the real pages are not at {PAGES}: clone the repo beside ../shared")
    for path in sorted(GOLD.glob("*.gold")):
        page = PAGES / f"{path.stem}.txt"
        with open(page, encoding="utf-8", newline="") as fh:
            text = fh.read()
        yield path.stem, text, linegold.load(path, text)


@pytest.fixture(scope="module")
def scored():
    return [(name, text, gold, threadparse.parse(text)) for name, text, gold in _cases()]


def test_every_annotation_covers_its_page():
    for name, text, gold in _cases():
        assert linegold.problems(gold, text) == [], name


def test_real_page_floors(scored):
    pooled, outside_chat = Score(), Score()
    for _, text, gold, thread in scored:
        sc = score(thread, gold, text)
        pooled += sc
        if gold["family"] not in CHAT_FAMILIES:
            outside_chat += sc
    values = pooled.values()
    low = {m: values[m] for m, floor in FLOORS.items() if values[m] is None or values[m] < floor}
    assert not low, low
    assert outside_chat.parent_precision.value >= PARENT_PRECISION_FLOOR


def test_no_ui_word_url_or_title_is_a_speaker(scored):
    """A speaker name comes from an author field or a name the dump confirms."""
    from threadparse.induce import UI_WORDS

    for name, _, gold, thread in scored:
        truth = {(c.get("speaker") or "").casefold() for c in gold["comments"]}
        for c in thread.comments:
            who = c.speaker.name
            if who is None or who.casefold() in truth:
                continue
            assert who.casefold() not in UI_WORDS, (name, who)
            assert "://" not in who and not who.startswith("www."), (name, who)
            assert not (who.isupper() and " " in who), (name, who)  # SHOUTED TITLES
