"""Quote detection details: embedded messages, attribution lines, sources."""

from __future__ import annotations

import pytest

import threadparse


def kinds(text: str) -> list[tuple[str, str]]:
    """(kind, first words) for every block, and chrome, in text order."""
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    out = [(b.span.start, b.kind, b.text.split("\n")[0][:20]) for c in t.comments for b in c.blocks]
    out += [(ch.span.start, "chrome:" + ch.kind, ch.text.split("\n")[0][:20]) for ch in t.chrome]
    return [(k, s) for _, k, s in sorted(out)]


@pytest.mark.parametrize(
    "separator",
    [
        "-----Original Message-----",
        "-----Ursprüngliche Nachricht-----",
        "________________________________",
        "",  # a header block with no separator at all
    ],
)
def test_embedded_message_below_a_reply_is_quoted(separator):
    head = f"{separator}\n" if separator else ""
    text = (
        "Saturday works for me, see you at the gate.\n\n"
        + head
        + "From: Pia Lund <pia@example.org>\nSent: Tuesday, 4 March 2025 09:12\n"
        "To: Garden list\nSubject: Compost rota\n\n"
        "Who can take the first Saturday of April?\n"
    )
    got = kinds(text)
    assert got[0] == ("prose", "Saturday works for m")
    assert got[-1] == ("quote", "Who can take the fir")
    assert all(k.startswith("chrome:attribution") for k, _ in got[1:-1])


def test_localized_header_block():
    text = (
        "Danke, passt.\n\n"
        "Von: Pia Lund <pia@example.org>\nGesendet: Dienstag, 4. März 2025 09:12\n"
        "An: Gartenliste\nBetreff: Kompost\n\n"
        "Wer übernimmt den ersten Samstag im April?\n"
    )
    assert kinds(text)[-1] == ("quote", "Wer übernimmt den er")


def test_dashed_on_wrote_separator_quotes_what_follows():
    text = (
        "Thanks, that endpoint works.\n\n"
        "---- On Tue, 4 Mar 2025 09:12:00 +0100 Pia Lund <pia@example.org> wrote ----\n\n"
        "Use the badges endpoint under the user profile instead.\n"
    )
    got = kinds(text)
    assert got == [
        ("prose", "Thanks, that endpoin"),
        ("chrome:attribution", "---- On Tue, 4 Mar 2"),
        ("quote", "Use the badges endpo"),
    ]


def test_from_line_in_running_text_is_not_a_header_block():
    text = "From: the garden committee, with thanks.\nWe meet on Saturday at ten.\n"
    assert [k for k, _ in kinds(text)] == ["prose", "prose"]


def test_inline_quote_of_earlier_sentences_is_split_out():
    text = (
        "The compost bays are full again. The third bay has not been turned since January.\n\n"
        "pia_l: The third bay has not been turned since January. I turned it on Sunday, so it should be fine.\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    blocks = [(b.kind, b.text) for c in t.comments for b in c.blocks]
    assert ("quote", "The third bay has not been turned since January.") in blocks
    quote = next(b for c in t.comments for b in c.quotes)
    assert text[quote.source.span.start : quote.source.span.end] == quote.text
    assert ("prose", "I turned it on Sunday, so it should be fine.") in blocks


def test_reused_words_mid_sentence_are_not_an_inline_quote():
    text = (
        "The third bay has not been turned since January.\n\n"
        "Honestly the third bay has not been turned since january and nobody cares about it.\n"
    )
    t = threadparse.parse(text)
    assert not [b for c in t.comments for b in c.quotes]


def test_nested_quote_takes_its_source_one_level_up():
    """Text under ``> >`` was quoted from the comment that quoted it under ``>``."""
    text = (
        "The compost bays are full again and the third bay has not been turned since January.\n\n"
        "> The compost bays are full again and the third bay has not been turned since January.\n"
        "I turned the third bay on Sunday, so there is room now.\n\n"
        "> > The compost bays are full again and the third bay has not been turned since January.\n"
        "> I turned the third bay on Sunday, so there is room now.\n"
        "Thank you, I will bring the kitchen scraps on Saturday.\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    second = text.index("> The compost")
    third = text.index("> > The compost")
    nested = [q for c in t.comments for q in c.quotes if q.span.start == third]
    assert nested and nested[0].source is not None
    assert second <= nested[0].source.span.start < third


def test_a_comment_never_quotes_itself_under_its_header():
    text = (
        "[-]Ines Varga3d4\n"
        "Rotate the crops every year: beans after potatoes, potatoes after brassicas.\n"
        "Rotate the crops every year: beans after potatoes, potatoes after brassicas, as I said.\n"
        "Reply\n"
        "[-]Lumak2d1\n"
        "Rotate the crops every year: beans after potatoes, potatoes after brassicas.\n"
        "Good rule, but my plot is too small for four beds.\n"
        "Reply\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    quotes = [(c.speaker.name, q.source.comment_id if q.source else None) for c in t.comments for q in c.quotes]
    assert ("Ines Varga", "c1") not in quotes
    assert ("Lumak", "c1") in quotes


def test_quote_sources_record_method_and_score():
    text = (
        "The third bay has not been turned since January, and the lid is broken too.\n\n"
        "> The third bay has not been turned since January, and the lid is broken too.\n"
        "I can fix the lid on Saturday.\n"
    )
    t = threadparse.parse(text)
    q = next(q for c in t.comments for q in c.quotes)
    assert q.source is not None and q.source.method.startswith("marked+") and q.source.score >= 0.85


SIGNED = """Pia Lund \u2014 7:02 PM

The rain gauge by the shed overflowed again last night, so the reading is useless.

Pia Lund, plot 14, north allotments \u2014 ask me about the rain gauge

Tomas Berg \u2014 7:40 PM

I can put a bigger funnel on it at the weekend if you like.

Pia Lund \u2014 8:15 PM

Yes please, and maybe move it away from the drip line of the roof.

Pia Lund, plot 14, north allotments \u2014 ask me about the rain gauge
"""


def test_the_authors_own_signature_closing_a_comment_is_no_quote():
    t = threadparse.parse(SIGNED)
    threadparse.verify(t, SIGNED)
    assert [c.speaker.name for c in t.comments] == ["Pia Lund", "Tomas Berg", "Pia Lund"]
    assert not [q for c in t.comments for q in c.quotes]
    assert not t.duplicates  # the third comment says something new: no second capture either


def test_the_authors_own_words_unmarked_are_no_quote_but_someone_elses_are():
    # Pia repeats her own first sentence, Tomas repeats it too: only Tomas quotes.
    text = SIGNED.replace(
        "Yes please, and maybe move it away from the drip line of the roof.\n\n"
        "Pia Lund, plot 14, north allotments \u2014 ask me about the rain gauge\n",
        "The rain gauge by the shed overflowed again last night, so the reading is useless.\n\n"
        "Yes please, and maybe move it away from the drip line of the roof while you are at it, "
        "since that is where most of the extra water comes from.\n",
    ).replace(
        "I can put a bigger funnel on it at the weekend if you like.\n",
        "The rain gauge by the shed overflowed again last night, so the reading is useless.\n\n"
        "I can put a bigger funnel on it at the weekend if you like.\n",
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    quotes = [(c.speaker.name, q.source.comment_id if q.source else None) for c in t.comments for q in c.quotes]
    assert quotes == [("Tomas Berg", "c1")]


def test_text_repeated_above_the_first_header_is_no_quote():
    text = (
        "Reading lamps for a small allotment shed\n\n"
        "Which lamp runs best off a small roof panel on a shed?\n\n"
        "Reading lamps for a small allotment shed\n\n"
        "Which lamp runs best off a small roof panel on a shed?\n\n"
        "hollis_b \u2014 8:10 PM\n\n"
        "I want a lamp in the shed that runs off the small solar panel on the roof. Any suggestions?\n\n"
        "marta.k \u2014 9:02 PM\n\n"
        "A USB desk lamp and a power bank charged from the panel works well for me.\n"
    )
    t = threadparse.parse(text)
    assert not [q for c in t.comments for q in c.quotes]
    assert not t.duplicates


INDENTED_QUOTES = """Posted by marta_k | March 3, 2024 at 9:12 AM

The community garden needs a new rota for watering in the summer months.
I can take Mondays and Thursdays if somebody else covers the weekends.

Posted by joon.lee | March 3, 2024 at 10:40 AM

marta_k:

    I can take Mondays and Thursdays if somebody else covers the weekends.

    That leaves only the weekend open

I'll cover Saturdays, but Sundays are hard for me.

Posted by pia_l | March 3, 2024 at 11:02 AM

joon.lee wrote:

    Sundays are hard for me

Sundays are fine for me. My notes from last year:

    Water early, before the sun is on the beds.

Posted by marta_k | March 4, 2024 at 8:15 AM

Thanks both, the rota is settled then.
"""


def test_quotes_printed_by_indentation():
    """A forum that prints quotes indented under ``name:`` or ``X wrote:``: the
    segmenter reads four-space indentation as code, but indented text that
    repeats another comment, or opens under a line introducing a quote, or
    continues such a quote, is a quote (marker ``indent``) with its source."""
    t = threadparse.parse(INDENTED_QUOTES)
    threadparse.verify(t, INDENTED_QUOTES)
    blocks = {c.id: [(b.kind, b.text[:24], b.source.comment_id if getattr(b, "source", None) else None)
                     for b in c.blocks] for c in t.comments}
    assert blocks["c2"][0] == ("quote", "I can take Mondays and T", "c1")  # repeats c1
    assert blocks["c2"][1][:2] == ("quote", "That leaves only the wee")  # the same indented quote, next paragraph
    assert blocks["c2"][2][0] == "prose"
    # three words under "joon.lee wrote:": too short for the reuse index, found by the label
    assert blocks["c3"][0] == ("quote", "Sundays are hard for me", "c2")
    # the first is introduced by "marta_k:" (marker "attribution"), the others are marked by their indent
    assert [b.marker for c in t.comments for b in c.blocks if b.kind == "quote"] == ["attribution", "indent", "indent"]
    # "My notes from last year:" names no author: the indented line under it is no quote
    assert blocks["c3"][-1][:2] == ("prose", "Water early, before the ")


def test_indented_text_at_the_labels_own_indent_is_no_quote():
    """A label and text printed at the same indentation (a nested comment whose
    header was missed) give no quote unless the text repeats earlier text."""
    text = INDENTED_QUOTES.replace("marta_k:\n\n    I can take Mondays and Thursdays if somebody else covers the weekends.\n\n", "")
    text = text.replace("joon.lee wrote:\n\n    Sundays are hard for me", "    joon.lee wrote:\n\n    Weekends suit nobody")
    t = threadparse.parse(text)
    c3 = next(c for c in t.comments if c.speaker.name == "pia_l")
    assert all(b.kind == "prose" for b in c3.blocks), [(b.kind, b.text[:20]) for b in c3.blocks]


def test_inline_quote_is_judged_by_its_own_passage():
    """A sentence quoted from the middle of a long line, inside a line of new
    text: the reuse match grown to both lines' edges scores low (the new text
    differs), but the quoted passage itself is verbatim, so it is an inline
    quote with its source and the passage's own score."""
    text = (
        "[09:01] <alice_w> I tried the new bus route on Monday morning. The number 14 now stops at the"
        " library and at the market every twenty minutes. It was late both times though, by ten minutes or so.\n"
        "[09:03] <omar_k> did anyone else try it?\n"
        "[09:05] <bob_r> alice_w: The number 14 now stops at the library and at the market every twenty"
        " minutes. That is great news for our whole street, thanks for checking it out for us.\n"
        "[09:06] <alice_w> you're welcome\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    bob = t.comments[2]
    # ("alice_w:" before the quote is its label: attribution chrome)
    assert [b.kind for b in bob.blocks] == ["quote", "prose"]
    assert [ch.text for ch in t.chrome if ch.kind == "attribution"] == ["alice_w:"]
    q = bob.blocks[0]
    assert q.text == "The number 14 now stops at the library and at the market every twenty minutes."
    assert q.source.comment_id == "c1" and q.source.score >= 0.85
    src = text[q.source.span.start : q.source.span.end]
    assert src == q.text


def test_short_stock_phrase_inside_new_text_is_no_inline_quote():
    """Two people saying the same five words in different lines of their own
    ("good to have you back") do not quote each other: when the text around a
    shared passage differs, the passage must be at least twice the shortest
    quote to be one."""
    text = (
        "[09:01] <alice_w> I'm so happy the market reopened this spring. So good to have you back\n"
        "[09:03] <omar_k> Fresh bread on a Saturday morning again, the whole street smells of it. Good to have you back!\n"
        "[09:06] <alice_w> you're welcome\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    assert all(b.kind == "prose" for c in t.comments for b in c.blocks)


def test_one_line_comment_quoting_two_comments():
    """A one-line comment that quotes passages of two earlier comments, each
    after its author's ``name:``: every passage is an inline quote with its
    own source, each label is attribution chrome, and the writer's text
    between and after them stays prose."""
    text = (
        "[09:01] <alice_w> I tried the new bus route on Monday morning. The number 14 now stops at the"
        " library and at the market every twenty minutes. It was late both times though, by ten minutes or so.\n"
        "[09:03] <omar_k> The council says the old depot on Mill Lane will become a covered bike park with"
        " room for two hundred bikes. Work starts in May.\n"
        "[09:05] <bob_r> alice_w: The number 14 now stops at the library and at the market every twenty"
        " minutes. That is great news for our whole street. omar_k: The council says the old depot on Mill Lane"
        " will become a covered bike park with room for two hundred bikes. About time too, the racks by the"
        " station are always full.\n"
        "[09:06] <alice_w> you're welcome\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    bob = t.comments[2]
    # (each "name:" before a quote is its label: attribution chrome)
    assert [b.kind for b in bob.blocks] == ["quote", "prose", "quote", "prose"]
    assert [ch.text for ch in t.chrome if ch.kind == "attribution"] == ["alice_w:", "omar_k:"]
    first, second = bob.blocks[0], bob.blocks[2]
    assert first.text.startswith("The number 14") and first.source.comment_id == "c1"
    assert second.text.startswith("The council says") and second.source.comment_id == "c2"
    for q in (first, second):
        assert text[q.source.span.start : q.source.span.end] == q.text
        assert q.source.score >= 0.85 and q.source.method == "shingles+rapidfuzz"
    assert bob.blocks[1].text == "That is great news for our whole street."


def test_markdown_escaped_quote_marker_is_a_quote_marker():
    # A Markdown clip copies a `>` typed as text as `\>`. The reply quotes a
    # line of the timetable the first comment only links to: the marker is
    # the only evidence, and the quote's source is honestly unknown.
    text = (
        "**marta_k** • 2 hours ago\n\n"
        "The ferry timetable changes next month, see the harbour site.\n\n"
        "**oskar_b** • 1 hour ago\n\n"
        "\\> Sailings on Sundays stop after the six o'clock crossing\n\n"
        "Good to know, I had the old one printed.\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    blocks = [(c.speaker.name if c.speaker else None, b) for c in t.comments for b in c.blocks]
    quotes = [(who, b) for who, b in blocks if b.kind == "quote"]
    assert len(quotes) == 1
    who, q = quotes[0]
    assert who == "oskar_b"
    assert q.text.startswith("\\> Sailings on Sundays")
    assert q.source is None
    assert [b.text for who, b in blocks if who == "oskar_b" and b.kind == "prose"] == [
        "Good to know, I had the old one printed."
    ]


def test_a_senders_earlier_words_resent_unmarked_are_no_quote_in_mail():
    # A patch series sent twice: the second cover letter repeats the first one's
    # paragraph without `>`. A mail client marks what it quotes, so this is a
    # resend by the same sender, not a quote; another sender's `>` quote is one.
    cover = (
        "This series moves the rota export to the new calendar format and drops\n"
        "the old spreadsheet writer, which nobody has used since the spring.\n"
    )
    text = (
        "From: Pia Lund <pia@example.org>\nDate: Mon, 3 Mar 2025 09:00:00 +0000\n"
        "Subject: [PATCH 0/2] rota export\nMessage-ID: <a1@example.org>\n\n"
        + cover + "\nPia\n\n"
        "From: Pia Lund <pia@example.org>\nDate: Tue, 4 Mar 2025 09:00:00 +0000\n"
        "Subject: [PATCH v2 0/2] rota export\nMessage-ID: <b1@example.org>\n\n"
        + cover + "\nChanges since v1: the calendar file now names the plot.\n\nPia\n\n"
        "From: Tomas Berg <tomas@example.org>\nDate: Tue, 4 Mar 2025 11:30:00 +0000\n"
        "Subject: Re: [PATCH v2 0/2] rota export\nMessage-ID: <c1@example.org>\n"
        "In-Reply-To: <b1@example.org>\n\n"
        "> Changes since v1: the calendar file now names the plot.\n\n"
        "Thanks, that was the part I needed.\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    assert [c.speaker.name for c in t.comments] == ["Pia Lund", "Pia Lund", "Tomas Berg"]
    quotes = [(c.speaker.name, q.source.comment_id if q.source else None) for c in t.comments for q in c.quotes]
    assert quotes == [("Tomas Berg", t.comments[1].id)]


def _mail(name: str, addr: str, date: str, mid: str, body: str, reply_to: str = "") -> str:
    head = f"From: {name} <{addr}>\nDate: {date}\nSubject: Re: greenhouse heater\nMessage-ID: <{mid}>\n"
    if reply_to:
        head += f"In-Reply-To: <{reply_to}>\n"
    return head + "\n" + body + "\n"


LOG = [f"03:{10 + 3 * i} heater: thermostat read failed on sensor {i % 4}, retrying\n" for i in range(12)]


def test_a_quote_that_elides_lines_keeps_its_source():
    # Tomas quotes Pia's report but keeps two of its twelve log lines: the
    # whole scores low against her text, the long exact opening names it.
    pia = (
        "The greenhouse heater switched itself off twice last night and the seedlings on the\n"
        "north bench got cold. The controller log shows the same line again and again:\n\n"
        + "".join(LOG)
        + "\nI will look at the wiring on Saturday unless someone gets there first, and bring the spare fuse box from the shed as well.\n"
    )
    tomas = (
        "> The greenhouse heater switched itself off twice last night and the seedlings on the\n"
        "> north bench got cold. The controller log shows the same line again and again:\n"
        "> " + LOG[0] + "> " + LOG[1] + ">\n"
        + "> I will look at the wiring on Saturday unless someone gets there first, and bring the spare fuse box from the shed as well.\n\n"
        "The sensor cable runs under the door and gets trodden on; I will bring a spare.\n"
    )
    text = (
        _mail("Pia Lund", "pia@example.org", "Mon, 3 Mar 2025 09:00:00 +0000", "p1@example.org", pia)
        + "\n"
        + _mail("Tomas Berg", "tomas@example.org", "Mon, 3 Mar 2025 12:00:00 +0000", "t1@example.org",
                tomas, reply_to="p1@example.org")
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    assert [c.speaker.name for c in t.comments] == ["Pia Lund", "Tomas Berg"]
    quotes = [q for q in t.comments[1].quotes]
    assert quotes and all(q.source is not None and q.source.comment_id == t.comments[0].id for q in quotes)



def test_name_labels_before_inline_quotes_in_a_one_line_message():
    # A chat copy flattens a reply that answers two passages, each after its
    # author's "name:" label. The short question (seven words, under the ten
    # a passage needs alone) counts because the label says so; the labels are
    # attribution chrome.
    text = (
        "#allotment\n"
        "(09:12:40) pia_l: The shed roof leaks again over the seed trays. Should we patch it or replace it? I "
        "can get a quote from the builder on Monday.\n"
        "(10:03:11) tomas_b: pia_l: Should we patch it or replace it? Replace it, the patch "
        "from last year did not hold. pia_l: I can get a quote from the builder on Monday. Please do, and "
        "ask about gutters too.\n"
        "(10:20:05) lene_h: Does anyone know who has the key to the water tap?\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    reply = t.comments[1]
    assert [q.text for q in reply.quotes] == [
        "Should we patch it or replace it?",
        "I can get a quote from the builder on Monday.",
    ]
    assert all(q.source is not None and q.source.comment_id == t.comments[0].id for q in reply.quotes)
    labels = [
        ch.text for ch in t.chrome if ch.kind == "attribution" and reply.span.start <= ch.span.start < reply.span.end
    ]
    assert labels == ["pia_l:", "pia_l:"]


# --------------------------------------------------------------------------- which holder a quote came from

_HOLDERS = """ana_k — 7:02 PM

The east trough valve sticks on cold nights and nobody checks it before leaving the yard.

bo.lind — 7:15 PM

ana_k:
The east trough valve sticks on cold nights and nobody checks it before leaving the yard.

I replaced the spindle last spring, so a drop of oil on it should be enough for this winter.

cyril — 7:30 PM

bo.lind:
The east trough valve sticks on cold nights and nobody checks it before leaving the yard.
"""
_HOLDERS_MORE = """
bo.lind:
I replaced the spindle last spring, so a drop of oil on it should be enough for this winter.

Then who checks the west trough when the frost comes early?
"""


def _cyril_sources(text):
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    cyril = next(c for c in thread.comments if c.speaker and c.speaker.name == "cyril")
    return [(text[q.span.start:q.span.start + 9], q.source.comment_id, q.source.method) for q in cyril.quotes]


def test_a_passage_several_comments_hold_is_sourced_to_the_one_the_quoter_otherwise_quotes():
    # ana_k wrote it, bo.lind quoted it; cyril also quotes bo.lind's own
    # words (only bo.lind holds them), so cyril took the passage from bo.lind.
    found = _cyril_sources(_HOLDERS + _HOLDERS_MORE)
    assert found[0][0] == "The east " and found[0][1] == "c2" and found[0][2].endswith("+answered")
    assert found[1][0] == "I replace" and found[1][1] == "c2"


def test_without_other_evidence_a_passage_several_hold_is_sourced_to_its_first_print():
    # cyril's copy has no label line: nothing says whose print it came from
    unlabelled = _HOLDERS.replace("cyril — 7:30 PM\n\nbo.lind:\n", "cyril — 7:30 PM\n\n")
    found = _cyril_sources(unlabelled + "\nThen who checks the west trough when the frost comes early?\n")
    assert [(f[0], f[1]) for f in found] == [("The east ", "c1")]
    assert "+answered" not in found[0][2] and "+named" not in found[0][2]


def test_a_passage_several_hold_is_sourced_to_the_holder_its_label_names():
    # cyril's "bo.lind:" line names whose print the passage was copied from;
    # ana_k's paragraph is the first print, bo.lind's the named one.
    found = _cyril_sources(_HOLDERS + "\nThen who checks the west trough when the frost comes early?\n")
    assert [(f[0], f[1]) for f in found] == [("The east ", "c2")]
    assert found[0][2].endswith("+named")


def test_stacked_labels_name_the_block_by_the_top_one():
    # cyril quotes bo.lind's quote of ana_k with its markers lost: the top
    # label names whom the block was copied from.
    # (bo.lind printed no label: the inner "ana_k:" line matches nothing)
    text = _HOLDERS.replace("7:15 PM\n\nana_k:\n", "7:15 PM\n\n")
    text = text.replace("cyril — 7:30 PM\n\nbo.lind:\n", "cyril — 7:30 PM\n\nbo.lind:\nana_k:\n")
    found = _cyril_sources(text + "\nThen who checks the west trough when the frost comes early?\n")
    assert [(f[0], f[1]) for f in found] == [("The east ", "c2")]
    assert found[0][2].endswith("+named")


def test_a_label_naming_the_first_print_keeps_it():
    text = _HOLDERS.replace("cyril — 7:30 PM\n\nbo.lind:\n", "cyril — 7:30 PM\n\nana_k:\n")
    found = _cyril_sources(text + "\nThen who checks the west trough when the frost comes early?\n")
    assert [(f[0], f[1]) for f in found] == [("The east ", "c1")]
    assert "+named" not in found[0][2]


_RUN_ON = """ana_k — 7:02 PM

The east trough valve sticks on cold nights and nobody checks it before leaving the yard. By morning the lower path is under water again, and the gravel washes onto the lane.

bo.lind — 7:15 PM

> The east trough valve sticks on cold nights and nobody checks it before leaving the yard.
> I replaced the spindle last spring, so a drop of oil on it should be enough for this winter; the gravel is the council's problem, not ours, and they know it.
"""


def test_a_marked_block_that_runs_on_past_the_quoted_words_takes_the_source_of_its_quoted_part():
    # The writer's reply went on under the same '>' marker: the block as a
    # whole repeats too little to match, but its first line is ana_k's.
    thread = threadparse.parse(_RUN_ON)
    threadparse.verify(thread, _RUN_ON)
    (quote,) = [q for c in thread.comments for q in c.quotes]
    assert quote.source is not None and quote.source.comment_id == "c1"
    assert quote.source.method.endswith("+part")
    src = _RUN_ON[quote.source.span.start:quote.source.span.end]
    assert src.startswith("The east trough") and "By morning" not in src


_AGAIN_X = "The east trough valve sticks on cold nights and nobody checks it before leaving the yard."
_QUOTED_AGAIN = (
    f"12:00:10 - cyril: ana_k: {_AGAIN_X} I doubt it, because that valve was replaced in the spring.\n"
    "12:05:41 - ana_k: Replaced or not, it froze again on Sunday and the path was flooded by morning.\n"
    f"12:10:22 - bo.lind: {_AGAIN_X} That is what I keep saying at every single meeting of the committee.\n"
    f"12:20:05 - cyril: bo.lind: {_AGAIN_X} And I still doubt it, the valve is new and the frost was mild.\n"
)


def test_words_the_author_quoted_before_are_a_quote_again_when_someone_else_printed_them_since():
    # The passage's first print is cyril's own earlier quote of it (an
    # author's own words are no quote); its latest print is bo.lind's, which
    # cyril's last line quotes.
    thread = threadparse.parse(_QUOTED_AGAIN)
    threadparse.verify(thread, _QUOTED_AGAIN)
    last = thread.comments[-1]
    assert last.speaker.name == "cyril"
    assert [q.source.comment_id for q in last.quotes if q.source] == ["c3"]


def test_an_author_repeating_their_own_words_is_still_no_quote():
    text = _QUOTED_AGAIN.replace("12:10:22 - bo.lind: ", "12:10:22 - cyril: ")
    thread = threadparse.parse(text)
    assert not thread.comments[-1].quotes


def test_a_forum_attribution_with_a_link_to_the_quoted_post_opens_the_quote():
    # phpBB prints "name wrote: ↑<date>" over a quote whose box a copy lost;
    # the quoted line and the reply follow with no blank line between.
    text = (
        "Crawling glaze on the rim\nPost by ines_v » Wed Mar 02, 2022 9:05 am\n"
        "My celadon keeps crawling near the rim. Is it too thick?\nTop\n\n"
        "Re: Crawling glaze on the rim\nPost by bo_l » Wed Mar 02, 2022 9:40 am\n"
        "ines_v wrote: ↑Wed Mar 02, 2022 9:05 am\nMy celadon keeps crawling near the rim. Is it too thick?\n"
        "Probably dust on the bisque. Sponge it first.\nTop\n\n"
        "Re: Crawling glaze on the rim\nPost by ines_v » Wed Mar 02, 2022 10:12 am\nSponging fixed it, thanks!\nTop\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    reply = t.comments[1]
    assert reply.speaker.name == "bo_l" and reply.parent_id == "c1"
    assert [b.kind for b in reply.blocks] == ["quote", "prose"]
    assert reply.blocks[0].source is not None and reply.blocks[0].source.comment_id == "c1"
    labels = [text[ch.span.start : ch.span.end] for ch in t.chrome if ch.kind == "attribution"]
    assert labels == ["ines_v wrote: ↑Wed Mar 02, 2022 9:05 am"]


def test_a_quote_box_title_inside_the_quote_marks_is_an_attribution():
    # Markdown copies of forum pages keep the quote box's title inside the
    # box: "> **ines_v said:**" or "> Reply from ines_v ↑<date>". It is the
    # box's label, not quoted text: attribution chrome, the quote below it.
    first = "Post by ines_v » Wed Mar 02, 2022 9:05 am\nMy celadon keeps crawling near the rim. Is it too thick?\n\n"
    for title in ("> **ines_v said:**", "> Reply from ines_v ↑Wed Mar 02, 2022 9:05 am at Wed Mar 02, 2022 9:05 am"):
        text = (
            first + "Post by bo_l » Wed Mar 02, 2022 9:40 am\n"
            + title + "\n> My celadon keeps crawling near the rim. Is it too thick?\n\n"
            "Probably dust on the bisque. Sponge it first.\n\n"
            "Post by ines_v » Wed Mar 02, 2022 10:12 am\nSponging fixed it, thanks!\n"
        )
        t = threadparse.parse(text)
        threadparse.verify(t, text)
        reply = t.comments[1]
        assert reply.speaker.name == "bo_l" and reply.parent_id == "c1", title
        assert [b.kind for b in reply.blocks] == ["quote", "prose"], title
        assert reply.blocks[0].text == "> My celadon keeps crawling near the rim. Is it too thick?", title
        assert reply.blocks[0].source is not None and reply.blocks[0].source.comment_id == "c1", title
        labels = [text[ch.span.start : ch.span.end] for ch in t.chrome if ch.kind == "attribution"]
        assert labels == [title], title


def test_a_quoted_writers_own_attribution_over_deeper_quotes_stays_quoted():
    # "> Pia wrote:" over "> > ...": what the quoted mail itself said, so it
    # is part of the quote (a guard: the quote box title above must not take it).
    text = (
        "From: Pia Lund <pia@example.org>\nDate: Tue, 4 Mar 2025 09:12:00 +0000\nSubject: kiln\n\n"
        "The kiln cools too fast below 600 degrees, is the lid seal worn?\n\n"
        "From: Bo Lind <bo@example.org>\nDate: Tue, 4 Mar 2025 10:02:00 +0000\nSubject: Re: kiln\n\n"
        "Pia wrote:\n> The kiln cools too fast below 600 degrees, is the lid seal worn?\n\n"
        "Probably the seal, yes.\n\n"
        "From: Cy Rao <cy@example.org>\nDate: Tue, 4 Mar 2025 11:30:00 +0000\nSubject: Re: kiln\n\n"
        "Bo Lind wrote:\n> Pia wrote:\n>\n> > The kiln cools too fast below 600 degrees, is the lid seal worn?\n>\n"
        "> Probably the seal, yes.\n\nI had the same, a new seal fixed it.\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    last = t.comments[-1]
    quoted = [b.text for b in last.blocks if b.kind == "quote"]
    assert any(q.startswith("> Pia wrote:") for q in quoted), quoted
    labels = [text[ch.span.start : ch.span.end] for ch in t.chrome if ch.kind == "attribution"]
    assert "> Pia wrote:" not in labels


def test_naming_oneself_in_an_attribution_is_no_reply_to_oneself():
    # Dana quotes Ari's comment, which quoted Dana: the label inside names
    # Dana, the writer; the parent is the comment quoted (Ari's), not Dana's own.
    text = (
        "Post by dana_r » Mon Jul 25, 2022 10:56 am\n"
        "How do I unpack the textures and put them back into the game?\nTop\n\n"
        "Post by ari_m » Tue Jul 26, 2022 4:26 am\n"
        "dana_r wrote: ↑Mon Jul 25, 2022 10:56 am\nHow do I unpack the textures and put them back into the game?\n"
        "Put the edited file in the localization folder and drag the folder onto the packer script.\nTop\n\n"
        "Post by dana_r » Wed Jul 27, 2022 5:50 am\n"
        "ari_m wrote: ↑Tue Jul 26, 2022 4:26 am\n"
        "dana_r wrote: ↑Mon Jul 25, 2022 10:56 am\nHow do I unpack the textures and put them back into the game?\n"
        "Put the edited file in the localization folder and drag the folder onto the packer script.\n"
        "That worked, thank you.\nTop\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    assert [c.speaker.name for c in t.comments] == ["dana_r", "ari_m", "dana_r"]
    assert t.comments[2].parent_id == "c2"


_FELLOW = """ana_k — 7:02 PM

The east trough valve sticks on cold nights and nobody checks it before leaving the yard. By morning the lower path is under water again, and the gravel washes onto the lane.

bo.lind — 7:15 PM

> The east trough valve sticks on cold nights and nobody checks it before leaving the yard.

I replaced the spindle last spring, so a drop of oil on it should be enough for this winter.

cyril — 7:30 PM

"""


def test_a_quote_whose_words_match_a_fellow_quote_at_its_depth_is_sourced_to_that_quote_source():
    # bo.lind and cyril both quote ana_k's sentence under one '>'; cyril's
    # block matches bo.lind's block word for word (ana_k's paragraph goes on),
    # but bo.lind did not write it: the source is ana_k's comment.
    text = _FELLOW + "> The east trough valve sticks on cold nights and nobody checks it before leaving the yard.\n\nThen who checks the west trough when the frost comes early?\n"
    found = _cyril_sources(text)
    assert [(f[0], f[1]) for f in found] == [("> The eas", "c1")]
    assert found[0][2].endswith("+fellow")
    thread = threadparse.parse(text)
    (quote,) = thread.comments[2].quotes
    src = text[quote.source.span.start:quote.source.span.end]
    assert src.startswith("The east trough") and "By morning" not in src


def test_a_quote_one_level_deeper_than_its_source_keeps_the_quoting_comment():
    # cyril quotes bo.lind's message, ana_k's line nested one level deeper
    # (as bo.lind printed it): that block came from bo.lind, not a fellow quote.
    text = _FELLOW + (
        "> > The east trough valve sticks on cold nights and nobody checks it before leaving the yard.\n"
        ">\n> I replaced the spindle last spring, so a drop of oil on it should be enough for this winter.\n\n"
        "Then who checks the west trough when the frost comes early?\n"
    )
    found = _cyril_sources(text)
    assert found and all(f[1] == "c2" and "+fellow" not in f[2] for f in found)


_SHORT_INNER = """ana_k — 7:02 PM

We could always use the culvert trick again and save the gravel for the lane.

bo.lind — 7:15 PM

ana_k:

> the culvert trick

What is that? I was not here last winter.

cyril — 7:30 PM

> ana_k:
>
> > the culvert trick
>
> What is that? I was not here last winter.

A pipe under the path, so the water goes to the ditch.
"""


def test_a_short_inner_quote_under_a_label_inside_a_quote_is_sourced_by_its_line():
    # cyril quotes bo.lind's message: a "name:" label and a three-word inner
    # quote, too short for the shingle index; the inner line is found in the
    # latest earlier comment that prints it (bo.lind's), not cyril's own.
    thread = threadparse.parse(_SHORT_INNER)
    threadparse.verify(thread, _SHORT_INNER)
    cyril = thread.comments[2]
    first = cyril.quotes[0]
    assert "the culvert trick" in first.text
    assert first.source is not None and first.source.comment_id == "c2"
    assert first.source.method == "marked+short-exact"
    assert _SHORT_INNER[first.source.span.start:first.source.span.end] == "the culvert trick"


_TWO_PRINTS = """ana_k — 3 March 2025, 7:02 PM

The east trough valve sticks on cold nights and nobody checks it before leaving the yard. That is all I wanted to say about the yard today.

bo.lind — 3 March 2025, 7:30 PM

Thanks, I will bring oil for the spindle when I come round on the weekend with the trailer.

ana_k — 4 March 2025, 8:40 PM

The east trough valve sticks on cold nights and nobody checks it before leaving the yard. I said so yesterday, and I will say it again at the meeting on Thursday evening.

cyril — 4 March 2025, 9:10 PM

> The east trough valve sticks on cold nights and nobody checks it before leaving the yard.

Who checks it then? Not me, I leave at noon.
"""


def test_a_passage_printed_twice_inside_longer_paragraphs_is_sourced_to_the_print_the_quoter_answers():
    # ana_k wrote the sentence in two comments, each time inside a longer
    # paragraph (no exact holder); cyril also quotes a passage only her second
    # comment holds, so the sentence was taken from that one too.
    text = _TWO_PRINTS + "\n> I will say it again at the meeting on Thursday evening.\n\nFine, I will come too.\n"
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    first, second = thread.comments[3].quotes
    assert second.source.comment_id == "c3"
    assert first.source.comment_id == "c3" and first.source.method.endswith("+answered")
    assert text[first.source.span.start:first.source.span.end].startswith("The east trough valve")


def test_without_another_quote_a_passage_printed_twice_keeps_its_first_print():
    thread = threadparse.parse(_TWO_PRINTS)
    (quote,) = thread.comments[3].quotes
    assert quote.source.comment_id == "c1" and "+answered" not in quote.source.method


def test_a_label_naming_a_fellow_quoter_does_not_undo_the_fellow_source():
    # cyril's '>' block repeats bo.lind's '>' block at the same depth (so it is
    # ana_k's sentence, +fellow), under a "bo.lind:" label: the label names
    # the fellow quoter, and the source stays with the sentence's writer.
    text = _FELLOW + (
        "bo.lind:\n\n"
        "> The east trough valve sticks on cold nights and nobody checks it before leaving the yard.\n\n"
        "Then who checks the west trough when the frost comes early?\n"
    )
    found = _cyril_sources(text)
    assert [(f[0], f[1]) for f in found] == [("> The eas", "c1")]
    assert found[0][2].endswith("+fellow")


def test_a_passage_several_messages_hold_is_sourced_to_the_one_in_reply_to_names():
    # Pia and Tomas both end their reports with the same line; Ines answers
    # Tomas (In-Reply-To) and quotes it: the first print is Pia's, the
    # message answered is Tomas's.
    line = "The controller resets itself whenever the mains voltage dips below the limit."
    text = (
        _mail("Pia Lund", "pia@example.org", "Mon, 3 Mar 2025 09:00:00 +0000", "p1@example.org",
              "The heater went off twice in the night and the seedlings got cold.\n\n" + line)
        + "\n"
        + _mail("Tomas Berg", "tomas@example.org", "Mon, 3 Mar 2025 10:00:00 +0000", "t1@example.org",
                "Same here with the pump in the east shed since Friday.\n\n" + line, reply_to="p1@example.org")
        + "\n"
        + _mail("Ines Moll", "ines@example.org", "Mon, 3 Mar 2025 11:00:00 +0000", "i1@example.org",
                "> " + line + "\n\nThen the pump needs its own fuse, not the shed circuit.", reply_to="t1@example.org")
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    (quote,) = t.comments[2].quotes
    assert quote.source.comment_id == t.comments[1].id
    assert quote.source.method.endswith("+in-reply-to")



def test_an_inline_quote_keeps_an_opening_first_printed_elsewhere():
    """The quoted sentence opens with words ("I'm not sure if the") that
    another comment printed first: the index's chain starts after them, but
    the words both sides share next to the chain are part of the quote, which
    then starts at the sentence (after bob_r's ``alice_w:`` label)."""
    text = (
        "[08:40] <omar_k> I'm not sure if the library opens early on Mondays, does anyone know?\n"
        "[09:01] <alice_w> I tried the new bus route on Monday morning. I'm not sure if the number 14 really"
        " stops at the library and at the market every twenty minutes now. It was late both times though.\n"
        "[09:05] <bob_r> alice_w: I'm not sure if the number 14 really stops at the library and at the market"
        " every twenty minutes now. Yes, I took it twice yesterday and it was on time, both ways, with a"
        " new driver who waited for everyone at the market.\n"
        "[09:06] <alice_w> good to know\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    bob = t.comments[2]
    assert [b.kind for b in bob.blocks] == ["quote", "prose"]
    q = bob.blocks[0]
    assert q.text == ("I'm not sure if the number 14 really stops at the library and at the market"
                      " every twenty minutes now.")
    assert q.source.comment_id == "c2" and text[q.source.span.start : q.source.span.end] == q.text


def test_an_inline_quote_ends_at_its_sentence_when_the_next_word_matches_by_chance():
    """The reply's next sentence opens with the same word as the source's
    ("It does" / "It was"): the chain runs one word past the quoted sentence,
    and is cut back to the sentence end inside it."""
    text = (
        "[09:01] <alice_w> I tried the new bus route on Monday morning. The number 14 really stops at the"
        " library and at the market every twenty minutes now. It was late both times though, by ten minutes.\n"
        "[09:05] <bob_r> alice_w: The number 14 really stops at the library and at the market every"
        " twenty minutes now. It does, I took it twice yesterday and it was on time.\n"
        "[09:06] <alice_w> good to know\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    bob = t.comments[1]
    assert [b.kind for b in bob.blocks] == ["quote", "prose"]
    q = bob.blocks[0]
    assert q.text == "The number 14 really stops at the library and at the market every twenty minutes now."
    assert text[q.source.span.start : q.source.span.end] == q.text
    assert bob.blocks[1].text == "It does, I took it twice yesterday and it was on time."


def _blocks(comment):
    return [(b.kind, b.text, getattr(b, "source", None) and b.source.comment_id) for b in comment.blocks]


def test_a_paragraph_whose_longest_reuse_is_no_quote_may_still_quote_elsewhere():
    """bob_r restates alice_w's sentence inside his own ("So what you mean is
    that ..."): the paragraph's longest reused stretch starts and ends
    mid-sentence, so it is no quote. His quote of omar_k after ``omar_k:``
    is one all the same."""
    text = (
        "[09:01] <alice_w> I tried the new bus route on Monday morning. The number 14 now stops at the library"
        " and at the market every twenty minutes and it was late both times, by ten minutes or so.\n"
        "[09:03] <omar_k> The council says the old depot on Mill Lane will become a covered bike park."
        " Work starts in May.\n"
        "[09:05] <bob_r> So what you mean is that the number 14 now stops at the library and at the market every"
        " twenty minutes and it was late both times, which is odd. omar_k: The council says the old depot on"
        " Mill Lane will become a covered bike park. About time too, the racks by the station are always full.\n"
        "[09:06] <alice_w> you're welcome\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    bob = _blocks(t.comments[2])
    assert [k for k, _, _ in bob] == ["prose", "quote", "prose"]
    assert bob[0][1].startswith("So what you mean is that the number 14")
    assert bob[1] == ("quote", "The council says the old depot on Mill Lane will become a covered bike park.", "c2")
    assert [ch.text for ch in t.chrome if ch.kind == "attribution"] == ["omar_k:"]


def test_a_further_inline_quote_keeps_an_opening_first_printed_elsewhere():
    """The second passage bob_r quotes opens with words omar_k printed first:
    fitted to its sentence as the first quote of a paragraph is."""
    text = (
        "[08:40] <omar_k> I'm not sure if the library opens early on Mondays, does anyone know?\n"
        "[08:50] <cyril> The council says the old depot on Mill Lane will become a covered bike park with room"
        " for two hundred bikes.\n"
        "[09:01] <alice_w> I tried the new bus route on Monday morning. I'm not sure if the number 14 really"
        " stops at the library and at the market every twenty minutes now. It was late both times though.\n"
        "[09:05] <bob_r> cyril: The council says the old depot on Mill Lane will become a covered bike park with"
        " room for two hundred bikes. About time too, the racks by the station are always full."
        " alice_w: I'm not sure if the number 14 really stops at the library and at the market"
        " every twenty minutes now. Yes, I took it twice yesterday and it was on time, both ways.\n"
        "[09:06] <alice_w> good to know\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    bob = _blocks(t.comments[3])
    assert [k for k, _, _ in bob] == ["quote", "prose", "quote", "prose"]
    assert bob[2] == ("quote", "I'm not sure if the number 14 really stops at the library and at the market"
                      " every twenty minutes now.", "c3")


RUN_ON = """ana_k — 7:02 PM

I can keep the ledgers in any shed that has a dry shelf and a lock. Like the one behind the chapel. But the small details of the rota still need more attention from everyone.

bo.lind — 7:15 PM

> I can keep the ledgers in any shed that has a dry shelf and a lock. Like the one behind the chapel.
> That shed is a fine choice and I am glad the new rota makes it possible for you to use it.

cyril — 7:20 PM

I will bring the key on Thursday.
"""


def test_a_reply_typed_under_the_quote_marker_is_the_writers_prose():
    """bo.lind's answer sits on a '>' line right under the quoted one (a copy
    that flattened a quote box and the reply below it): the quote ends with
    the quoted line; the next line, marker included, is bo.lind's prose."""
    t = threadparse.parse(RUN_ON)
    threadparse.verify(t, RUN_ON)
    bo = _blocks(t.comments[1])
    assert bo == [
        ("quote", "> I can keep the ledgers in any shed that has a dry shelf and a lock. Like the one behind the chapel.",
         "c1"),
        ("prose", "> That shed is a fine choice and I am glad the new rota makes it possible for you to use it.", None),
    ]


def test_a_quote_of_several_lines_stays_whole():
    """Every line of the '>' block is the source's: nothing runs on."""
    text = RUN_ON.replace(
        "> That shed is a fine choice and I am glad the new rota makes it possible for you to use it.",
        "> But the small details of the rota still need more attention from everyone.\n\nA fine choice.",
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    bo = _blocks(t.comments[1])
    assert bo[0][0] == "quote" and bo[0][1].endswith("need more attention from everyone.") and bo[0][2] == "c1"


_P14 = "The number 14 now stops at the library and at the market every twenty minutes."
_DEPOT = "The council says the old depot on Mill Lane will become a covered bike park with room for two hundred bikes."
_LIGHTS = "The lights on the towpath are also going to be replaced before the winter, according to the same letter."


def _answering(last_quote: str) -> str:
    return (
        f"[09:01] <alice_w> I tried the new bus route on Monday morning. {_P14} It was late both times though.\n"
        f"[09:03] <omar_k> alice_w: {_P14} Good news for the market stalls. {_DEPOT} {_LIGHTS} Work starts in May.\n"
        f"[09:05] <bob_r> omar_k: {_DEPOT} About time too, the racks by the station are always full."
        f" {_LIGHTS} Finally, it has been dark there for years."
        f" {last_quote} I will believe it when I see it on a rainy Monday.\n"
        "[09:06] <alice_w> fair enough\n"
    )


def test_an_inline_passage_two_comments_hold_comes_from_the_one_answered():
    """bob_r answers omar_k passage by passage; the bus sentence omar_k quoted
    from alice_w is held by both, and bob_r took it from omar_k's message."""
    text = _answering(f"alice_w: {_P14}")
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    quotes = [b for b in t.comments[2].blocks if b.kind == "quote"]
    assert [q.source.comment_id for q in quotes] == ["c2", "c2", "c2"]
    last = quotes[-1]
    assert last.text == _P14 and last.source.method.endswith("+answered")
    assert text[last.source.span.start : last.source.span.end] == _P14
    assert last.source.span.start > text.index("<omar_k>")


def test_an_inline_passage_only_its_first_print_holds_keeps_that_source():
    """A sentence of alice_w's that omar_k did not quote stays hers, however
    much of omar_k's message bob_r answers."""
    own = "It was late both times though, by ten minutes or so on each of the two days."
    text = _answering(f"alice_w: {own}").replace("It was late both times though.", own, 1)
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    quotes = [b for b in t.comments[2].blocks if b.kind == "quote"]
    assert [q.source.comment_id for q in quotes] == ["c2", "c2", "c1"]
    assert not quotes[-1].source.method.endswith("+answered")



QUOTED_PATCH = """ana_k — 7:02 PM

The gate latch sticks on cold nights because the spring is too weak for it, so it needs moving.

cyril — 7:09 PM

--- a/gate/latch.conf
+++ b/gate/latch.conf
-spring_hole = inner
+spring_hole = outer
-spring_turns = three
+spring_turns = four
-latch_plate = thin steel
+latch_plate = thick steel
-check_every = never
+check_every = first frost
-oil_with = water
+oil_with = light machine oil
-owner = nobody in particular
+owner = whoever locks up last

bo.lind — 7:15 PM

> The gate latch sticks on cold nights because the spring is too weak for it, so it needs moving.
> --- a/gate/latch.conf
> +++ b/gate/latch.conf
> -spring_hole = inner
> +spring_hole = outer
> -spring_turns = three
> +spring_turns = four
> -latch_plate = thin steel
> +latch_plate = thick steel
> -check_every = never
> +check_every = first frost
> -oil_with = water
> +oil_with = light machine oil
> -owner = nobody in particular
> +owner = whoever locks up last

Why not replace the spring instead? The outer hole bends the latch plate over a winter.
"""


def test_lines_under_the_quote_marker_that_repeat_earlier_text_stay_quoted():
    """bo.lind quotes ana_k's sentence and then cyril's patch in one '>' block:
    the block's source is ana_k's sentence (the chain), but the patch lines
    below it repeat earlier text: they are quoted too, not bo.lind's prose."""
    t = threadparse.parse(QUOTED_PATCH)
    threadparse.verify(t, QUOTED_PATCH)
    bo = _blocks(t.comments[2])
    assert [k for k, _, _ in bo] == ["quote", "prose"]
    assert bo[0][1].endswith("> +owner = whoever locks up last") and bo[0][2] == "c1"
    assert bo[1][1].startswith("Why not replace the spring instead?")


def _relay(outer: str) -> str:
    return (
        f"[09:01] <alice_w> I tried the new bus route on Monday morning. {_P14} It was late both times though.\n"
        f"[09:03] <omar_k> Good news for the market stalls, they have been asking for it. alice_w: {_P14}"
        " I hope it lasts past the summer.\n"
        f"[09:05] <dora> Does anyone know when the library opens on Mondays? alice_w: {_P14} That would help me.\n"
        f"[09:07] <bob_r> {outer}: alice_w: {_P14} It will not last, the council never keeps a route for long.\n"
        "[09:08] <alice_w> fair enough\n"
    )


def test_a_quote_of_a_quote_comes_from_the_comment_its_outer_label_names():
    """``Omar: alice_w: …``: bob_r copied omar_k's quote of alice_w, label
    and all; dora printed the same later, but the outer label names omar_k."""
    text = _relay("Omar")
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    (q,) = [b for b in t.comments[3].blocks if b.kind == "quote"]
    assert q.text == _P14 and q.source.comment_id == "c2" and q.source.method.endswith("+relayed")
    assert text[q.source.span.start : q.source.span.end] == _P14
    assert text.index("<omar_k>") < q.source.span.start < text.index("<dora>")


def test_a_quote_of_a_quote_naming_nobody_who_printed_it_keeps_its_first_print():
    text = _relay("Yusuf")
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    (q,) = [b for b in t.comments[3].blocks if b.kind == "quote"]
    assert q.source.comment_id == "c1" and not q.source.method.endswith("+relayed")


def test_a_near_copy_of_a_stock_line_is_no_quote():
    # "[ 4-line signature. Click to show. ]" under most messages is a stock
    # line; "[ 2-line signature. Click to show. ]" under one differs by a
    # digit: a near copy of stock text, not a quote of the message above.
    posts = [
        ("Pia Lund", "The frost cloth on the leek bed blew off again last night.", 4),
        ("Bo Lind", "Weigh the corners down with bricks, the pegs never hold in wet soil.", 2),
        ("Ines Moll", "Bricks worked for me too, but mind the slugs that hide under them.", 4),
        ("Pia Lund", "Beer traps by the bricks sort the slugs out in a week.", 4),
        ("Bo Lind", "Or a ring of crushed eggshell, which the birds leave alone.", 4),
    ]
    text = "".join(
        f"From: {who} <{who.split()[0].lower()}@example.org>\nDate: Mon, 0{k + 1} Mar 2025 10:0{k}:00 +0000\n"
        f"Subject: Re: Frost cloth\n\n{body}\n\n[ {n}-line signature. Click to show. ]\n\n"
        for k, (who, body, n) in enumerate(posts)
    )
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == [p[0] for p in posts]
    assert not [b.text for c in thread.comments for b in c.blocks if b.kind == "quote"]


def _short_line_thread(line: str) -> "threadparse.Thread":
    """Three forum posts; the third ends with ``line`` on its own."""
    posts = [
        ("Pia Lund", "Please do not revoke any other tokens until this report has been closed out. We will track it."),
        ("Bo Lind", "Agreed, the tokens stay as they are for now and we will wait for the fix."),
        ("Ines Moll", f"The fix is deployed and verified on every host.\n\n{line}"),
    ]
    text = "Security tracker\n\n" + "".join(
        f"Posted by {who} on 0{k + 1}/03/2025 10:0{k}\n{body}\n\n" for k, (who, body) in enumerate(posts)
    )
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == [p[0] for p in posts]
    return thread


def test_a_short_line_that_only_resembles_an_earlier_sentence_is_no_quote():
    # "This report has been disclosed." is five words close to "... until this
    # report has been closed out": too short a line to be a quote on a
    # resemblance; word for word, the same five words are one.
    thread = _short_line_thread("This report has been disclosed.")
    assert not [b for c in thread.comments for b in c.blocks if b.kind == "quote"]
    thread = _short_line_thread("Until this report has been closed out.")
    quotes = [b for c in thread.comments for b in c.blocks if b.kind == "quote"]
    assert len(quotes) == 1 and quotes[0].source.comment_id == thread.comments[0].id


def _level_posts(rows) -> str:
    """Forum posts under one-line headers ``name, age ago, level N``."""
    return "Pump Talk\n\n" + "".join(
        f"{who}, 1 wk ago, level {lvl}\n{body}\nBack to top Flag\n\n\n" for who, lvl, body in rows)


def _kinds_and_sources(thread):
    return [[(b.kind, b.source.comment_id if b.kind == "quote" and b.source else None) for b in c.blocks]
            for c in thread.comments]


def test_an_author_quoting_a_passage_again_quotes_its_first_print_not_their_own_copy():
    # Ana quoted a sentence of Bo's paragraph once; she quotes it again in a
    # later comment (same author, same age: her own copy looks like her own
    # words). Someone else printed the words first: a quote of that print.
    sentence = "It seems like the spring is what wears out first on these old garden pumps."
    rows = [("Bo Lind", 1, "I took the housing apart twice this winter and the seals looked fine both times. "
             + sentence),
            ("Ana Roe", 2, sentence + "\n\nMine failed at the float, the spring was still good after ten years."),
            ("Bo Lind", 3, "Then the float is the next thing I will check on mine this weekend."),
            ("Cy Moss", 1, "Does anyone sell replacement floats for the brass model anymore?"),
            ("Ana Roe", 2, "I went back to the first thread.\n\n" + sentence
             + "\nExpand\nI still doubt it, the float goes long before the spring does.")]
    text = _level_posts(rows)
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    assert _kinds_and_sources(thread)[4][:2] == [("prose", None), ("quote", "c1")]


def test_an_authors_own_line_printed_again_is_still_no_quote():
    # the author's own earlier words unmarked, printed by nobody else: a
    # signature or a resend, not a quote
    sig = "Pump repairs and spare parts, open on weekdays from eight until five in the old mill yard."
    rows = [("Ana Roe", 1, "The float sticks on cold nights.\n\n" + sig),
            ("Bo Lind", 2, "Mine too, I wrap it in foam now."),
            ("Ana Roe", 3, "Foam did it, thanks.\n\n" + sig)]
    text = _level_posts(rows)
    thread = threadparse.parse(text)
    assert all(kind != "quote" for kind, _ in _kinds_and_sources(thread)[2])


def test_the_same_comment_captured_again_does_not_quote_what_its_first_capture_quoted():
    # Ana's comment printed twice under one header (author and absolute date
    # alike), edited between the captures: the repeated paragraph is her
    # comment's own text again, not a new quote of Bo.
    sentence = "It seems like the spring is what wears out first on these old garden pumps."
    rows = [("Bo Lind", "2026-01-08 09:00", "I took the housing apart twice this winter and the seals looked fine "
             "both times. " + sentence),
            ("Ana Roe", "2026-01-09 10:00", "I went back to the first thread.\n\n" + sentence
             + "\n\nMine failed at the float, the spring was still good after ten years."),
            ("Cy Moss", "2026-01-10 11:00", "Does anyone sell replacement floats for the brass model anymore?"),
            ("Ana Roe", "2026-01-09 10:00", "Edit: moved my notes to the wiki page.\n\n" + sentence
             + "\n\nSee the wiki for the rest of the story, with photos of the float.")]
    text = "Pump Talk\n\n" + "".join(f"{who} · {when}\n{body}\nReply Share\n\n" for who, when, body in rows)
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    kinds = _kinds_and_sources(thread)
    assert kinds[1][1] == ("quote", "c1")
    assert ("quote", "c1") not in kinds[3]


_LABELLED_POSTS = [
    ("bo_lind", "The east trough valve sticks on cold nights, I tap it loose every morning before work."),
    ("ana_r", "bo_lind:\n\n    The east trough valve sticks on cold nights, I tap it loose every morning before work."
     "\n\nMine too, a heat cable on the feed line fixed it for good."),
    ("bo_lind", "ana_r:\n\n    Mine too, a heat cable on the feed line fixed it for good.\n\n"
     "Which cable did you buy, the grey one or the orange one from the shop?"),
    ("cy_moss", "bo_lind:\n\n    Which cable did you buy, the grey one or the orange one from the shop?\n\n"
     "The orange one is rated for outdoor use, the grey one is not."),
    ("ana_r", "cy_moss:\n\n    The orange one is rated for outdoor use, the grey one is not.\n\n"
     "Right, mine is the orange one, it has lasted three winters so far."),
    ("dee_p", "ana_r:\n\n    bo_lind:\n\n    Which cable did you buy, the grey one or the orange one from the shop?"
     "\n\n    The orange one is rated for outdoor use, the grey one is not.\n\n"
     "Good to know, I will order one for the north plot as well."),
    ("bo_lind", "cy_moss:\n\n    The orange one is rated for outdoor use, the grey one is not.\n\n"
     "Ordered the orange one, thanks to both of you for the advice."),
]


def _labelled_thread():
    text = "Allotment Forum\n\n" + "".join(
        f"#{k + 1}.  Posted by {who}  (January {k + 3}, 2026 at 1:47 PM)\n{body}\nReport\nReply With Quote\n\n"
        for k, (who, body) in enumerate(_LABELLED_POSTS))
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    return thread, text


def test_a_label_naming_an_author_printed_over_many_quotes_is_no_page_furniture():
    # "bo_lind:" over each quote of bo_lind recurs like a button row, but it
    # names one of the dump's authors: an attribution, never "ui" chrome
    thread, _ = _labelled_thread()
    labels = {(ch.kind, ch.text) for ch in thread.chrome if ch.text.endswith(":")}
    assert labels == {("attribution", "bo_lind:"), ("attribution", "ana_r:"), ("attribution", "cy_moss:")}


def test_a_label_quoted_with_its_passage_comes_from_where_the_passage_comes_from():
    # dee_p quotes a quote: the inner "bo_lind:" label comes with the passage
    # under it, from the comment that passage is quoted from
    thread, text = _labelled_thread()
    dee = thread.comments[5]
    label, passage = dee.blocks[0], dee.blocks[1]
    assert (label.kind, label.text) == ("quote", "bo_lind:")
    assert label.source is not None and label.source.method.endswith("+label")
    assert label.source.comment_id == passage.source.comment_id == "c3"
    # bo_lind's own comment does not print the label over its words: the
    # label's source span is the passage's
    assert label.source.span == passage.source.span


def test_a_label_naming_an_author_over_a_passage_found_nowhere_is_still_an_attribution():
    # "bo_lind:" over words of a post the capture left out: the label names
    # one of the dump's authors, so it is the quote's attribution (chrome);
    # the passage, with no source to show, stays the comment's text
    rows = [("ana_r", "The east trough valve sticks on cold nights, I tap it loose every morning."),
            ("bo_lind", "Mine too, a heat cable on the feed line fixed it for good."),
            ("ana_r", "bo_lind:\nI tried the foam sleeve first and it slipped off in the first storm.\n"
             "Same here, the foam never stays on in the wind."),
            ("cy_moss", "Which cable did you buy, the grey one or the orange one?")]
    text = "Allotment Forum\n\n" + "".join(
        f"#{k + 1}.  Posted by {who}  (January {k + 3}, 2026 at 1:47 PM)\n{body}\n\n"
        for k, (who, body) in enumerate(rows))
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    assert ("attribution", "bo_lind:") in {(ch.kind, ch.text) for ch in thread.chrome}
    assert all(b.text != "bo_lind:" for b in thread.comments[2].blocks)
    assert not thread.comments[2].quotes


def test_a_label_the_furniture_pass_took_still_tops_a_stack_of_labels():
    # "zed:" is printed over so many quotes that it reads as furniture (zed
    # has no header in the capture); over "bo_lind:" it still says whose
    # copy of bo's words the block is: the stack is named by its top
    from threadparse.pipeline import Pipeline
    from threadparse.quotes import _label_of
    from threadparse.reuse import HeaderOwners

    rows = [("bo_lind", "The east trough valve sticks on cold nights, I tap it loose every morning before work.")]
    for k, who in enumerate(("ana_r", "cy_moss", "ana_r", "cy_moss", "ana_r")):
        rows.append((who, f"zed:\n\nA passage number {k} from zed's old post about the south plot gate.\n\n"
                          f"Reply number {k}, the gate is still broken."))
    rows.append(("dee_p", "zed:\n\nbo_lind:\n\nThe east trough valve sticks on cold nights, I tap it loose every "
                          "morning before work.\n\nZed had the same valve, it was the spring."))
    text = "Allotment Forum\n\n" + "".join(
        f"#{k + 1}.  Posted by {who}  (January {k + 3}, 2026 at 1:47 PM)\n{body}\n\n" for k, (who, body) in enumerate(rows))
    doc = Pipeline().run(text)
    owners = HeaderOwners(doc)
    zed = [u for u in doc.units if text[u.start:u.end] == "zed:"]
    assert zed and all(u.kind == "chrome" for u in zed)
    passage = max(u.index for u in doc.units if text[u.start:u.end].startswith("The east trough"))
    assert _label_of(doc, owners, passage) == "zed"


def test_a_label_naming_the_quoting_writer_keeps_the_reply_that_quoted_them_as_source():
    # ana answers bo's reply passage by passage; bo had quoted ana's first
    # line under "ana_r:", and ana copies it with the label: her words come
    # back from bo's reply, which stays the source (not her own first post)
    rows = [
        ("ana_r", "The east trough valve sticks on cold nights, I tap it loose every morning before work."),
        ("bo_lind", "ana_r:\n\n    The east trough valve sticks on cold nights, I tap it loose every morning before "
         "work.\n\nTapping it will crack the housing sooner or later, I would fit a heat cable.\n\n"
         "The orange cable from the shop is rated for outdoor use."),
        ("cy_moss", "Does anyone sell replacement floats for the brass model anymore?"),
        ("ana_r", "ana_r:\n\n    The east trough valve sticks on cold nights, I tap it loose every morning before "
         "work.\n\n    Tapping it will crack the housing sooner or later, I would fit a heat cable.\n\n"
         "Fair, I will stop tapping it.\n\n    The orange cable from the shop is rated for outdoor use.\n\n"
         "Ordered one today."),
    ]
    text = "Allotment Forum\n\n" + "".join(
        f"#{k + 1}.  Posted by {who}  (January {k + 3}, 2026 at 1:47 PM)\n{body}\n\n" for k, (who, body) in enumerate(rows))
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    assert [q.source.comment_id for q in thread.comments[3].quotes] == ["c2", "c2", "c2"]


def test_a_quoted_label_in_a_second_capture_is_part_of_the_duplicate():
    # the labelled thread captured twice: dee's quote of a quote, label and
    # all, is a duplicate the second time, with no stray label left as a quote
    page = "Allotment Forum\n\n" + "".join(
        f"#{k + 1}.  Posted by {who}  (January {k + 3}, 2026 at 1:47 PM)\n{body}\nReport\nReply With Quote\n\n"
        for k, (who, body) in enumerate(_LABELLED_POSTS))
    text = page + page
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    second = text.index("bo_lind:", len(page) + page.index("Posted by dee_p"))
    assert any(d.span.start <= second < d.span.end for d in thread.duplicates)
    assert not [b for c in thread.comments for b in c.blocks if b.span.start == second]
