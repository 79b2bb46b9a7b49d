"""Parent links only where the dump shows them (speakers.py, docs/format.md).

Invented people and invented threads in an ordinary forum layout (a name line,
a date line, the text), one behaviour per test.
"""

from __future__ import annotations

import threadparse
from threadparse.speakers import same_person


def _post(name: str, day: int, hour: int, body: str, reply_to: str | None = None) -> str:
    head = f"{name} · in reply to {reply_to}" if reply_to else name
    return f"{head}\n» Mon, {day} March 2025, {hour:02d}:00\n{body}\n\n"


def _parse(*posts: str):
    thread = threadparse.parse("".join(posts))
    return thread


def _parents(thread):
    return [c.parent_id for c in thread.comments]


def _methods(thread):
    return [c.parent_evidence.method if c.parent_evidence else None for c in thread.comments]


GATE = ("The gate lock on the north side of the allotment has been broken since the storm "
        "and the chain rattles every time the wind picks up at night.")
WATER = ("Separately, the water to plots nine through fourteen will be off on Friday morning "
         "while the council replaces the old meter by the shed.")


def test_a_quote_links_to_the_comment_that_wrote_the_words():
    thread = _parse(
        _post("ana_r", 3, 10, GATE),
        _post("pia_l", 3, 11, WATER),
        _post("joon", 3, 12, f"> {GATE}\n\nI will bring oil for the lock tomorrow."),
    )
    assert _parents(thread)[2] == "c1"
    assert thread.comments[2].parent_evidence.method == "quote"


def test_words_a_comment_itself_quoted_from_outside_the_dump_link_to_nobody():
    # ana_r quotes a notice the dump does not hold; joon quotes the same notice:
    # the words were not written by ana_r, so joon's comment does not answer her.
    thread = _parse(
        _post("ana_r", 3, 10, f"> {WATER}\n\nDoes anyone know if this includes plot eight?"),
        _post("pia_l", 3, 11, "Plot eight is on the other meter, as far as I know."),
        _post("joon", 3, 12, f"> {WATER}\n\nThen I will water my beans on Thursday evening."),
    )
    assert _parents(thread)[2] is None
    assert thread.comments[2].parent_status == "unknown"


def test_a_quote_of_words_another_reply_also_quoted_links_to_their_writer():
    thread = _parse(
        _post("ana_r", 3, 10, GATE),
        _post("pia_l", 3, 11, f"> {GATE}\n\nI reported it to the council this morning."),
        _post("pia_l", 3, 12, "They said someone will come next week."),
        _post("joon", 3, 13, f"> {GATE}\n\nI will bring oil for the lock tomorrow."),
    )
    assert _parents(thread)[3] == "c1"


def test_a_quote_introduced_by_someone_elses_name_links_to_nobody():
    # "Mira:" says the words are Mira's; ana_r's comment only carried them.
    thread = _parse(
        _post("ana_r", 3, 10, f"Mira:\n\n> {WATER}\n\nGood to know, thanks for passing it on."),
        _post("pia_l", 3, 11, "Plot eight is on the other meter, as far as I know."),
        _post("joon", 3, 12, f"Mira:\n\n> {WATER}\n\nThen I will water my beans on Thursday evening."),
    )
    assert _parents(thread)[2] is None


def test_a_quote_of_the_writers_own_earlier_comment_is_no_reply():
    thread = _parse(
        _post("ana_r", 3, 10, GATE),
        _post("pia_l", 3, 11, WATER),
        _post("ana_r", 3, 12, f"> {GATE}\n\nUpdate: the council fixed it this morning."),
    )
    assert _parents(thread)[2] is None


def test_in_reply_to_a_name_with_several_comments_needs_more_than_the_name():
    posts = [
        _post("ana_r", 3, 10, "The gate lock is broken again."),
        _post("pia_l", 3, 11, "The water is off on Friday.", reply_to=None),
        _post("ana_r", 3, 12, "Also, the compost bins are full."),
        _post("joon", 3, 13, "I can take some compost home.", reply_to="pia_l"),
    ]
    # joon answers pia_l, who has one comment: linked
    thread = _parse(*posts)
    assert _parents(thread)[3] == "c2"
    assert thread.comments[3].parent_evidence.method == "reply-to-header"
    # bo answers ana_r, who has two earlier comments, neither just before: unknown
    thread = _parse(*posts, _post("bo", 3, 14, "I have a spare padlock.", reply_to="ana_r"))
    assert _parents(thread)[4] is None
    assert thread.comments[4].parent_status == "unknown"
    # ... unless bo quotes one of them
    thread = _parse(*posts, _post("bo", 3, 14, f"> {GATE}\n\nI have a spare padlock.", reply_to="ana_r"))
    assert _parents(thread)[4] is None  # the quoted words are in no comment of ana_r
    thread = _parse(
        _post("ana_r", 3, 10, GATE),
        *posts[1:],
        _post("bo", 3, 14, f"> {GATE}\n\nI have a spare padlock.", reply_to="ana_r"),
    )
    assert _parents(thread)[4] == "c1"
    assert thread.comments[4].parent_evidence.method == "reply-to-header"


def test_a_comment_dated_after_the_reply_is_not_its_parent():
    # reading order is not time order here (a recapture spliced pages): ana_r's
    # later comment, printed before joon's reply, was posted two days after it.
    thread = _parse(
        _post("ana_r", 3, 10, "The gate lock is broken again."),
        _post("ana_r", 5, 10, "Also, the compost bins are full."),
        _post("pia_l", 3, 11, "The water is off on Friday."),
        _post("joon", 3, 13, "I will bring oil.", reply_to="ana_r"),
    )
    assert _parents(thread)[3] == "c1"


def test_an_at_mention_links_only_when_it_opens_a_paragraph():
    opening = _parse(
        _post("ana_r", 3, 10, "The gate lock is broken again."),
        _post("pia_l", 3, 11, "The water is off on Friday."),
        _post("joon", 3, 12, "@ana_r I will bring oil for the lock tomorrow."),
    )
    assert _parents(opening)[2] == "c1"
    assert opening.comments[2].parent_evidence.method == "mention"
    inside = _parse(
        _post("ana_r", 3, 10, "The gate lock is broken again."),
        _post("pia_l", 3, 11, "The water is off on Friday."),
        _post("joon", 3, 12, "I talked to the council, and @ana_r was right about the lock."),
    )
    assert _parents(inside)[2] is None


def test_an_at_mention_of_someone_with_several_comments_picks_none_of_them():
    thread = _parse(
        _post("ana_r", 3, 10, "The gate lock is broken again."),
        _post("ana_r", 3, 11, "Also, the compost bins are full."),
        _post("pia_l", 3, 12, "The water is off on Friday."),
        _post("joon", 3, 13, "@ana_r I will bring oil for the lock tomorrow."),
    )
    assert _parents(thread)[3] is None


def test_every_parent_link_keeps_its_method_and_score():
    thread = _parse(
        _post("ana_r", 3, 10, GATE),
        _post("pia_l", 3, 11, WATER),
        _post("joon", 3, 12, f"> {GATE}\n\nI will bring oil."),
        _post("bo", 3, 13, "@joon thanks, I have a spare padlock too."),
    )
    for c in thread.comments:
        if c.parent_id is not None:
            assert c.parent_evidence is not None and 0 < c.parent_evidence.score <= 1
        elif c.parent_status == "unknown":
            assert c.parent_evidence is None


def test_same_person_matches_the_forms_a_name_is_written_in():
    assert same_person("Anonymous 105", "anonymous105")
    assert same_person("Enhex", "enhex5631")
    assert same_person("Pia", "Pia Lund")
    assert same_person("Añöñymöüs", "anonymous")
    assert not same_person("Elliot", "Eternity")
    assert not same_person("bo", "bob_k")  # a prefix needs three characters
    assert not same_person("", "ana")


def test_comments_that_cannot_nest_answer_the_post_only_when_first():
    # Stack Exchange comment lists are one level deep: the first comment
    # answers the post; a later one may answer the post or a comment above it,
    # so only an @mention (or a quote) says which.
    page = (
        "How do I keep the greenhouse vents from sticking in frost?\n"
        "Asked 2 years ago Modified 1 year ago Viewed 3k times\n"
        "7\n"
        "Every cold morning the automatic vent openers on my greenhouse jam half open.\n"
        "Share\nImprove this question\nFollow\n"
        "asked Jan 4, 2022 at 7:10\nmarit.s\n211 2 8\n"
        "Which opener model is it, wax cylinder or electric? –\nJonas Eke\nJan 4, 2022 at 7:30\n"
        "Have you tried a drop of silicone grease on the hinge? –\nRuth Amsel\nJan 4, 2022 at 8:02\n"
        "@Jonas wax cylinder, the cheap kind from the garden centre. –\nmarit.s\nJan 4, 2022 at 8:15\n"
        "Add a comment\n"
    )
    thread = threadparse.parse(page)
    assert thread.dialect.name == "stackexchange"
    assert [c.speaker.name for c in thread.comments] == ["marit.s", "Jonas Eke", "Ruth Amsel", "marit.s"]
    assert _parents(thread) == [None, "c1", None, "c2"]
    assert [c.parent_status for c in thread.comments] == ["top-level", "reply", "unknown", "reply"]
    assert _methods(thread)[1:] == ["depth-marker", None, "mention"]


def test_a_reply_quoting_its_parent_and_what_the_parent_quoted_answers_the_parent():
    # pia quotes ana's GATE paragraph and answers it; omar quotes pia's answer
    # and, longer, the GATE words pia had quoted: omar answers pia, not ana.
    answer = "A new padlock costs less than the chain did, so I will buy one on Saturday."
    thread = _parse(
        _post("ana_r", 3, 10, GATE),
        _post("pia_l", 3, 11, f"> {GATE}\n\n{answer}"),
        _post("omar_b", 3, 12, f"> {GATE}\n\n> {answer}\n\nThe hardware shop by the station has them in brass."),
    )
    assert [c.speaker.name for c in thread.comments] == ["ana_r", "pia_l", "omar_b"]
    assert _parents(thread) == [None, "c1", "c2"]
    assert _methods(thread)[1:] == ["quote", "quote"]


def test_a_reply_answers_the_comment_it_quotes_first():
    # omar opens by quoting ana's short question and answers it; further down
    # he quotes more of pia's notice in passing: he answers ana, not pia.
    question = "Has anyone got a spare key for the tool shed this week?"
    thread = _parse(
        _post("ana_r", 3, 10, question),
        _post("pia_l", 3, 11, WATER),
        _post("omar_b", 3, 12, f"> {question}\n\nI have one, I will leave it under the pot.\n\n"
                               f"> {WATER}\n\nAnd thanks, Pia, I had not seen that."),
    )
    assert [c.speaker.name for c in thread.comments] == ["ana_r", "pia_l", "omar_b"]
    assert _parents(thread)[2] == "c1"
    assert _methods(thread)[2] == "quote"


def test_a_reply_arrow_inside_the_header_names_the_parents_author():
    # "— ↪ ana_r" points at ana_r's comment; a header without the arrow, on a
    # site that prints it on replies, is top level.
    def post(who, to, day, body):
        head = f"Posted by {who} — ↪ {to}" if to else f"Posted by {who}"
        return f"{head}\n\nposted {day} days ago\n\n{body}\n\n"

    thread = _parse(
        post("ana_r", None, 9, GATE),
        post("pia_l", "ana_r", 8, "A new padlock costs less than the chain did."),
        post("omar_b", None, 7, WATER),
        post("ana_r", "pia_l", 6, "Brass ones do not rust, get one of those."),
    )
    assert [c.speaker.name for c in thread.comments] == ["ana_r", "pia_l", "omar_b", "ana_r"]
    assert _parents(thread) == [None, "c1", None, "c2"]
    assert [c.parent_status for c in thread.comments] == ["top-level", "reply", "top-level", "reply"]


def test_a_handle_after_the_name_points_at_nobody():
    # "Ana Lima @ana_l" names the writer twice; it is no "@bob" reply pointer.
    def post(who, handle, hh, body):
        return f"{who} @{handle}\n{hh}:05\n{body}\n"

    thread = _parse(
        post("Ana Lima", "analima", 13, GATE), post("Pia Lund", "pialund", 14, WATER),
        post("Ana Lima", "analima", 15, "The council says Friday for the water, so plan around it."),
        post("Pia Lund", "pialund", 16, "Friday suits me, I will bring the spare hose."),
    )
    assert [c.speaker.name for c in thread.comments] == ["Ana Lima", "Pia Lund", "Ana Lima", "Pia Lund"]
    assert not any(c.parent_evidence and c.parent_evidence.method == "reply-to-header" for c in thread.comments)


def test_a_forum_label_over_the_writers_own_earlier_words_answers_nobody():
    # "Quote from <writer>" over the writer's own earlier paragraph: the label
    # is attribution chrome, and naming oneself is no reply to oneself. (A
    # guard: before forum labels were attributions this had no parent either.)
    text = (
        "Posted by ilse_k | 2024-03-01 10:00\nThe kiln log says the element draws 18 amps at full power, which seems high.\n\n"
        "Posted by tomas_b | 2024-03-01 11:00\nEighteen is normal for that model, check the plate.\n\n"
        "Posted by ilse_k | 2024-03-01 12:00\nQuote from ilse_k\n\n"
        "The kiln log says the element draws 18 amps at full power, which seems high.\n\n"
        "Checked the plate: 16 amps rated. So it is high after all.\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    assert [c.speaker.name for c in t.comments] == ["ilse_k", "tomas_b", "ilse_k"]
    assert "Quote from ilse_k" in [text[ch.span.start : ch.span.end] for ch in t.chrome if ch.kind == "attribution"]
    assert t.comments[2].parent_id != "c1"


def test_in_reply_to_the_author_just_before_is_unknown_when_they_wrote_an_ancestor_too():
    # Tree order: ana_r's post, pia_l's reply to it, ana_r's answer to pia_l.
    # joon then answers ana_r: her answer just before, or her first post (as a
    # later sibling of pia_l's reply)? The page does not show which.
    posts = [
        _post("ana_r", 3, 10, "The gate lock is broken again."),
        _post("pia_l", 3, 11, "Is it the chain or the lock itself?", reply_to="ana_r"),
        _post("ana_r", 3, 12, "The lock, the chain is fine.", reply_to="pia_l"),
    ]
    thread = _parse(*posts, _post("joon", 3, 13, "I can bring a spare padlock.", reply_to="ana_r"))
    assert _parents(thread)[:3] == [None, "c1", "c2"]
    assert _parents(thread)[3] is None
    assert thread.comments[3].parent_status == "unknown"
    # a back-and-forth: ana_r's comment just before answered pia_l, and pia_l
    # answers ana_r: that comment is the one answered
    thread = _parse(*posts, _post("pia_l", 3, 13, "Then a new lock it is.", reply_to="ana_r"))
    assert _parents(thread)[3] == "c3"
    assert thread.comments[3].parent_evidence.method == "reply-to-header"
    # without an earlier ana_r comment above hers, the one just before is answered
    thread = _parse(
        _post("ana_r", 3, 9, "The water is off on Friday."),
        _post("omar_b", 3, 10, "The compost bins are full."),
        _post("ana_r", 3, 11, "I can take some compost home.", reply_to="omar_b"),
        _post("joon", 3, 12, "Me too, if there is enough.", reply_to="ana_r"),
    )
    assert _parents(thread) == [None, None, "c2", "c3"]


def test_a_run_of_replies_to_oneself_does_not_chain():
    # ana_r posts a series, each "in reply to ana_r": siblings under her first
    # post as often as a chain, so the one just before is no evidence.
    thread = _parse(
        _post("pia_l", 3, 8, "Are there written rules for the plots?"),
        _post("joon", 3, 9, "I would like to know that too.", reply_to="pia_l"),
        _post("ana_r", 3, 10, "Plot rules, part one: watering times.", reply_to="pia_l"),
        _post("ana_r", 3, 11, "Part two: the compost bins.", reply_to="ana_r"),
        _post("ana_r", 3, 12, "Part three: the tool shed.", reply_to="ana_r"),
        _post("omar_b", 3, 13, "Thanks, that helps.", reply_to="pia_l"),
    )
    assert [c.speaker.name for c in thread.comments] == ["pia_l", "joon", "ana_r", "ana_r", "ana_r", "omar_b"]
    assert _parents(thread)[:4] == [None, "c1", "c1", "c3"]  # her only earlier comment
    assert _parents(thread)[4] is None
    assert thread.comments[4].parent_status == "unknown"


def test_words_quoted_in_passing_after_the_writers_own_of_a_comment_further_up_are_no_reply():
    # omar speaks first, then quotes ana's notice from further up inside his
    # paragraph: that cites it as often as it answers it.
    question = "Has anyone got a spare key for the tool shed this week?"
    passing = f"I fixed the hinge on the shed door this morning. ana_r: {GATE} The lock needs the same."

    def thread(*posts):
        return _parse(*posts)

    first = thread(_post("ana_r", 3, 10, GATE), _post("pia_l", 3, 11, question), _post("omar_b", 3, 12, passing))
    assert first.comments[2].blocks[1].kind == "quote"  # the quote is found, inline
    assert _parents(first)[2] is None
    assert first.comments[2].parent_status == "unknown"
    # opening with the quote, it answers ana's comment
    opening = thread(_post("ana_r", 3, 10, GATE), _post("pia_l", 3, 11, question),
                     _post("omar_b", 3, 12, f"ana_r: {GATE} The lock needs oil, I think."))
    assert _parents(opening)[2] == "c1"
    assert _methods(opening)[2] == "quote"
    # ... and so does a quote of the comment just before, wherever it stands
    before = thread(_post("pia_l", 3, 10, question), _post("ana_r", 3, 11, GATE), _post("omar_b", 3, 12, passing))
    assert _parents(before)[2] == "c2"
    # a quote set apart after the writer's words is a reply's own device
    block = thread(_post("ana_r", 3, 10, GATE), _post("pia_l", 3, 11, question),
                   _post("omar_b", 3, 12, f"I fixed the hinge this morning.\n\n> {GATE}\n\nThe lock needs oil too."))
    assert _parents(block)[2] == "c1"


def test_quote_labels_before_an_inline_quote_are_not_the_writers_own_words():
    from threadparse.speakers import _only_labels
    assert _only_labels("Eternity: anonymous45: ")
    assert _only_labels("@Pia Lund:")
    assert not _only_labels("I fixed the hinge this morning and as I said:")
    assert not _only_labels("thanks")


_CHAINED = (
    "10.01.2026, 20:59 <Elliöt> The kiln post is up, comments welcome.\n"
    "11.01.2026, 02:07 <Apriçüs> I think the real cause is the thickness of the glaze layer on the rim, honestly,"
    " more than the dust.\n"
    "19.01.2026, 03:35 <Etérñity> Apricus: I think the real cause is the thickness of the glaze layer on the rim,"
    " honestly, more than the dust. Maybe, but dust matters too in my experience. Elliot: thin the glaze before it"
    " goes on the rim of every pot you fire in the old kiln. That line from the post helped me most.\n"
    "20.01.2026, 18:13 <Mïra> Off topic, but the new wheel in the studio runs very quietly now.\n"
    "21.01.2026, 01:30 <Járröd> Eternity: Apricus: I think the real cause is the thickness of the glaze layer on the"
    " rim, honestly, more than the dust. I agree with both of you here.\n"
    "22.01.2026, 09:10 <Dfáçé> Elliot: thin the glaze before it goes on the rim of every pot you fire in the old"
    " kiln. I never thin mine, should I start?\n"
)


def test_chained_quote_labels_name_the_comment_answered():
    # "Eternity: Apricus: <words>": Járröd quotes Eternity's comment, which
    # quoted Apricus; the labels are typed without the headers' accents.
    t = threadparse.parse(_CHAINED)
    threadparse.verify(t, _CHAINED)
    by = {c.speaker.name: c for c in t.comments}
    assert by["Járröd"].parent_id == by["Etérñity"].id
    labels = [ch.text for ch in t.chrome if ch.kind == "attribution"]
    assert "Eternity: Apricus:" in labels and "Apricus:" in labels


def test_words_quoted_under_another_authors_label_answer_nobody_here():
    # Dfáçé quotes Elliot's post (not in the dump) under "Elliot:"; the only
    # print of the words is Eternity's quote of them, which Dfáçé does not answer.
    t = threadparse.parse(_CHAINED)
    by = {c.speaker.name: c for c in t.comments}
    assert by["Dfáçé"].parent_id is None


def _valve_posts(last: str) -> str:
    def post(n, who, body):
        return f"---\n\n#{n}. • {who} • Tue Mar 2{n}, 2017 9:4{n} pm • Likes: 0\n{body}\n\n"

    return ("Trough valve\n\n" + post(1, "Slápiñ", "The east trough valve sticks on cold nights.")
            + post(2, "Súncaller", "I oiled the spindle last spring, it should be fine.")
            + post(3, "Slápiñ", "It still sticks, I checked this morning.")
            + post(4, "Lümák", last))


def test_an_opening_mention_typed_without_accents_names_the_parent():
    t = threadparse.parse(_valve_posts("@slapin thanks for checking, I will bring the oil."))
    assert [c.speaker.name for c in t.comments] == ["Slápiñ", "Súncaller", "Slápiñ", "Lümák"]
    assert t.comments[3].parent_id == "c3" and t.comments[3].parent_evidence.method == "mention"

