"""MediaWiki talk pages: comments signed at their end (invented text)."""

from __future__ import annotations

import threadparse
from threadparse.dialects import get

_PAGE = """From Kettle Wiki

This talk page is for discussing Descaling.

- Sign and date your posts by typing four tildes (~~~~).
- Put new text below old text.

## Citric acid or vinegar

The article recommends vinegar, but the manufacturers I checked all say citric acid. Should we change it? Ines Varga (talk) 19:51, 12 November 2021 (UTC)

Citric acid is gentler on the seals, so yes. --Tomas_Ek (talk) 20:36, 12 November 2021 (UTC)

I agree, but keep vinegar as the fallback.

It is what most people have at home. —cato42 (Discussion) 09:52, 13 November 2021 (UTC)

## Rinsing

How many times should the kettle be rinsed after descaling? I could not find a source.
Tomas_Ek (talk) 21:39, 14 November 2021 (UTC)

Twice is what the manuals say. ^kestrel[tea time] 12:09, 15 November 2021 (UTC)[reply]

Retrieved from "https://kettle.example.org/index.php?title=Talk:Descaling&oldid=1234"

Category:

- Talk pages
"""


def _speakers(t):
    return [c.speaker.name if c.speaker else None for c in t.comments]


def test_signatures_close_their_comments():
    t = threadparse.parse(_PAGE)
    threadparse.verify(t, _PAGE)
    assert t.dialect.name == "mediawiki"
    assert _speakers(t) == ["Ines Varga", "Tomas_Ek", "cato42", "Tomas_Ek", "^kestrel"]
    first = t.comments[0]
    assert first.prose.startswith("The article recommends vinegar")
    assert first.prose.endswith("Should we change it?")
    assert first.header.text == "Ines Varga (talk) 19:51, 12 November 2021 (UTC)"
    assert first.header.posted_at.isoformat() == "2021-11-12T19:51:00+00:00"
    # a signature's dashes are the signature's; two paragraphs signed once are one comment
    assert t.comments[1].header.text.startswith("--Tomas_Ek")
    assert "keep vinegar as the fallback" in t.comments[2].prose
    assert "most people have at home" in t.comments[2].prose
    # the reply link stays with the signature
    assert t.comments[4].header.text.endswith("(UTC)[reply]")


def test_headings_open_discussions_and_page_furniture_is_chrome():
    t = threadparse.parse(_PAGE)
    parents = [(c.parent_id, c.parent_evidence.method if c.parent_evidence else None) for c in t.comments]
    # the first signed comment under a heading is top level; the rest show
    # nothing of what they answer (the copy lost the indentation)
    assert [p for p, _ in parents] == [None] * 5
    assert t.comments[0].parent_evidence is not None and t.comments[3].parent_evidence is not None
    assert t.comments[1].parent_evidence is None
    chrome = " ".join(_PAGE[x.span.start : x.span.end] for x in t.chrome)
    for furniture in ("This talk page is for discussing", "## Citric acid", "## Rinsing", "Retrieved from", "Talk pages"):
        assert furniture in chrome
    assert all("Retrieved" not in c.prose and "Rinsing" not in c.prose for c in t.comments)


def test_a_signature_a_hard_wrap_broke_over_two_lines():
    text = (
        "> Rinsing\n\n"
        "How many times should the kettle be rinsed after descaling? I could not find\n"
        "a source for it anywhere. -- Ines Varga (talk) 11:58, 12 August\n"
        "2013 (UTC)\n\n"
        "Twice is what the manuals say, and once more if the water still smells of\n"
        "vinegar. MichaelRpdx (talk) 20:07, 17\n"
        "February 2014 (UTC)\n\n"
        "> Seals\n\n"
        "Do the seals need replacing after ten descalings? Ines Varga 21:52, 29 August 2011 (EDT)\n\n"
        "> Lids\n\n"
        "The lid hinge broke on mine. MichaelRpdx (talk) 10:07, 18 February 2014 (UTC)\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    assert _speakers(t) == ["Ines Varga", "MichaelRpdx", "Ines Varga", "MichaelRpdx"]
    assert t.comments[0].header.text == "-- Ines Varga (talk) 11:58, 12 August\n2013 (UTC)"
    assert t.comments[1].prose.endswith("smells of\nvinegar.")
    assert t.comments[2].header.posted_at is None  # a zone other than UTC: the text only
    assert t.comments[2].header.age == "21:52, 29 August 2011 (EDT)"
    # "> Rinsing" is a heading, no quote: "> Seals" and "> Lids" follow a
    # signature as headings do, and share its prefix
    assert not any(c.quotes for c in t.comments)


def test_a_glued_sentence_and_a_name_that_signs_alone():
    text = (
        "Please add me to the list, the form did not work.Ladsgroup (talk) 22:52, 18 July 2013 (UTC)\n\n"
        "Done. Ladsgroup (talk) 23:01, 18 July 2013 (UTC)\n\n"
        "Thanks, Ines Varga (talk) 23:15, 18 July 2013 (UTC)\n"
    )
    t = threadparse.parse(text)
    assert _speakers(t) == ["Ladsgroup", "Ladsgroup", "Ines Varga"]
    assert t.comments[0].prose.endswith("did not work.")


def test_a_timestamp_in_running_text_is_no_talk_page():
    text = (
        "ana: the outage started at 19:51, 12 November 2021 (UTC) and lasted an hour\n"
        "bo: ok thanks\n"
        "ana: the report is on the wiki\n"
    )
    lines = threadparse.text.split_lines(text)
    assert get("mediawiki").score(text, lines) == 0.0


def test_total_on_odd_text():
    for text in ["", "(UTC)", "12:00, 1 May 2020 (UTC)", "x (talk) 12:00, 1 May 2020 (UTC)\n" * 3, "—\n(talk) 1:00, 1 May 2020 (UTC)"]:
        t = threadparse.parse(text, dialect="mediawiki")
        threadparse.verify(t, text)


def test_linear_time_on_signatures_in_one_long_line_and_many_lines():
    import time

    from threadparse.text import split_lines

    d = get("mediawiki")

    def cpu(n, sep):
        text = sep.join(f"point {k} (talk) ((( Ana Roe (talk) 12:{k % 60:02d}, 5 May 2020 (UTC)" for k in range(n))
        lines = split_lines(text)
        t0 = time.process_time()
        d.score(text, lines)
        cuts = d.split_points(text, lines)
        d.mark_lines(text, lines)
        assert cuts
        return time.process_time() - t0

    for sep in (" ", "\n"):
        cpu(200, sep)
        small, big = cpu(1_000, sep), cpu(8_000, sep)
        assert big < 8 * small * 2.5 + 0.05
