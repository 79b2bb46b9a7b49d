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

# Measured at stop 20's code (docs/accuracy.md, section 2): segmentation 0.839, speakers 0.984 (367 of 373),
# speaker_precision 0.997 (367 of 368), chrome 0.955, quotes 0.932, quote_sources 0.945 (52 of 55).
# Since 67b7b7c (0.834, 0.984, 0.997, 0.953, 0.905, 0.962 = 50 of 52): ipb_1's posts that open with
# earlier posts' paragraphs under a 'Share on other sites' row quote them (segmentation 0.909 -> 1.0,
# quotes 0.861 -> 0.961) and its page footer is chrome (0.766 -> 1.0). phpbb_2's nested quote
# 'DENver666 wrote:' inside DENver666's own quote of Franco's reply now keeps Franco's reply (c6) as
# its source, where the gold names DENver666's first print (c4): a label naming the quoting comment's
# own writer keeps the reply the words came back from, as the corpus's quote links do (quotes.jsonl
# matches such a quote to the parent that printed it; on the grammar renders this lifts quote
# sources, docs/accuracy.md); a hand annotator may name the first print, as ours did.
# Since 13d31bd (quotes 0.895): 734bfda's near copies of stock lines (mailinglist_1) and cf4bd6c's
# short unmarked quotes needing a near word-for-word repeat (hn_1).
# Since 98fe094 (0.834, 0.979, 0.997, 0.945, 0.847, 0.943): 574c193's activity lines too long to be
# shaped (hn_1 speakers and quotes), b42aca1's quote-box titles as attribution chrome (phpbb and
# vbulletin chrome and quotes; vbulletin_1's one wrong quote source), h-survey's page footers (github
# chrome). Since 48be078 (0.824, 0.979, 0.997, 0.944, 0.804, 0.902): phpbb_3's segmentation rose
# 0.842 -> 0.940 and its quotes 0.363 -> 0.554 between 37204cb and 4b1be5f, the span that added
# phpBB's linked attributions ('name wrote: ↑date'); h-qs's quote sources (mbox_2's quote of a patch
# that every message of the series holds goes to the one its In-Reply-To names); h-qf's quotes (hn_3:
# replies typed on a '>' line under the quoted one are prose). (Escaped `\>` markers find a quote on
# hn_2 whose source was translated away in the capture: honestly unknown, which quote_sources counts
# as wrong.)
FLOORS = {
    "segmentation": 0.82,
    "speakers": 0.97,
    "speaker_precision": 0.98,
    "chrome": 0.94,
    "quote_sources": 0.94,
    "quotes": 0.92,
}
# Pages whose text shows no thread structure of chat: parent links there are
# judged on the chat logs with human reply links instead (tests/test_chat.py).
CHAT_FAMILIES = {"irc", "chat"}
PARENT_PRECISION_FLOOR = 0.95  # non-chat pages: 95 of 98 links right (0.969) at 13d31bd;
# one link is about a point, so losing one passes (94/98, 0.959) and losing two fails (93/98, 0.949)


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
