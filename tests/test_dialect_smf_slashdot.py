"""SMF and Slashdot dialects, and Stack Exchange's older and cut layouts.

Every fixture is invented (invented people and text) in the structure the
site software prints.
"""

from __future__ import annotations

import importlib

import threadparse
from threadparse.text import split_lines

dialects = importlib.import_module("threadparse.dialects")


def _marks(name: str, text: str):
    return dialects.get(name).mark_lines(text, split_lines(text))


SMF = (
    "\t Topic: Fixing the rear derailleur  (Read 412 times)\n"
    "mara_v\n"
    "Jr. Member\n"
    "**\n"
    "Posts: 61\n"
    "\n"
    "View Profile Personal Message (Offline)\n"
    "\n"
    "Fixing the rear derailleur\n"
    "« on: March 09, 2009, 08:42:01 AM »\tReply with quote\n"
    "I bent the hanger last week and now the chain skips.\n"
    "\n"
    "Any idea where to start?\n"
    "« Last Edit: March 10, 2009, 07:24:50 AM by mara_v »\tReport to moderator   Logged\n"
    "Offline olek\n"
    "Thread Starter\n"
    "\n"
    "Posts: 1,193\n"
    "Location: Gdynia\n"
    "View Profile  Personal Message (Offline)\n"
    "\n"
    "Re: Fixing the rear derailleur\n"
    "« Reply #1 on: Thu, 10 March 2009, 07:23:49 »\n"
    "QuoteMulti-Quote\n"
    "Straighten the hanger first, then index the gears again.\n"
    "Report to moderator   Logged\n"
)


def test_smf_posts_take_the_name_above_the_posts_line():
    thread = threadparse.parse(SMF)
    assert thread.dialect.name == "smf"
    got = [(c.speaker.name, c.header.post_number, c.prose) for c in thread.comments]
    assert got == [
        ("mara_v", None, "I bent the hanger last week and now the chain skips.\n\nAny idea where to start?"),
        ("olek", 1, "Straighten the hanger first, then index the gears again."),
    ]
    assert thread.comments[0].parent_status == "top-level"
    assert thread.comments[0].header.posted_at.replace(tzinfo=None).isoformat() == "2009-03-09T08:42:01"
    kinds = {ch.text.split("\n")[0][:12]: ch.kind for ch in thread.chrome}
    assert kinds["« Last Edit:"] == "meta" and kinds["Report to mo"] == "ui"


def test_smf_theme_that_labels_the_name_gives_the_labelled_name():
    # "Post by olek" over "Posts: N" in a theme that prints buttons between
    # posts: the run climbed from the Posts line to the buttons ("Share"),
    # whose top line became the poster.
    text = "Gear Garage\nFixing the rear derailleur\nReplies: 2\n"
    for k, (who, rank, body) in enumerate([
        ("mara_v", "Jr. Member", "I bent the hanger last week and now the chain skips."),
        ("olek", "Site Supporter", "Straighten the hanger first, then index the gears again."),
        ("mara_v", "Jr. Member", "That did it, thank you. The chain runs quiet now."),
    ]):
        subject = "Re: Fixing the rear derailleur" if k else "Fixing the rear derailleur"
        when = f"« Reply #{k} on: 2025-09-29 1{k}:36 »" if k else "« on: 2025-09-29 18:36 »"
        text += f"{subject}\nPost by {who}\nPosts: {61 + 900 * k}\n{rank}\n{when}\n{body}\nShare\nReport\nReply\n"
    thread = threadparse.parse(text)
    assert thread.dialect.name == "smf"
    assert [c.speaker.name for c in thread.comments] == ["mara_v", "olek", "mara_v"]


def test_smf_without_a_posts_line_leaves_the_author_unknown():
    text = "Guest\n\nHello there\n« Reply #4 on: March 09, 2009, 08:42:01 AM »\nSome text.\n"
    m = _marks("smf", text)
    header = [v for v in m.values() if v.kind == "header"]
    assert len(header) == 1 and "author" not in header[0].fields


def test_smf_cut_opening_post_is_named_by_its_last_edit_row():
    text = SMF[SMF.index("I bent"):]
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == ["mara_v", "olek"]


def test_smf_needs_its_anchor():
    assert dialects.get("smf").score("on: Monday » we met\nPosts: 4\n", split_lines("on: Monday » we met\nPosts: 4\n")) == 0.0


SLASHDOT = (
    "Slashdot Mirror\n\nKernel history revisited\n\n"
    'dana writes "An old mailing list post resurfaced this week."\n\n'
    "12 of 90 comments (clear)\n\n"
    "  1. Old news by kiri_t · · Score: 5, Funny\n\n"
    "    It was news in 1991.\n\n"
    "    --\n"
    "    Sigs are free.\n"
    "  2. Re: Old news by Anonymous Coward · · Score: 2\n\n"
    "    Still news to me.\n"
)


def test_slashdot_mirror_list():
    thread = threadparse.parse(SLASHDOT)
    assert thread.dialect.name == "slashdot"
    got = [(c.speaker.name, c.header.score, c.prose) for c in thread.comments]
    assert got == [("kiri_t", 5, "It was news in 1991."), ("Anonymous Coward", 2, "Still news to me.")]
    kinds = {ch.kind for ch in thread.chrome}
    assert {"post", "signature", "meta"} <= kinds
    assert all(c.parent_status == "top-level" for c in thread.comments)


def test_slashdot_classic_and_one_line_headers():
    text = (
        "Kernel trivia (Score:5, Insightful)\n"
        "by dana_q (102938) on Friday July 27, 2007 @06:12AM (#19995243)\n"
        "(http://example.org/ | Last Journal: Friday July 20, 2007 @10:01PM)\n\n"
        "The first release had no networking.\n\n"
        "Re: Kernel trivia (Score: 4, Funny) by olek ( 5521 ) writes: on Friday July 27, 2007 @07:01AM (#19995400)\n\n"
        "And yet here we are.\n"
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "slashdot"
    c1, c2 = thread.comments
    assert (c1.speaker.name, c1.header.score, c1.header.permalink) == ("dana_q", 5, "19995243")
    assert c1.header.posted_at.replace(tzinfo=None).isoformat() == "2007-07-27T06:12:00"
    assert (c2.speaker.name, c2.header.score) == ("olek", 4)
    assert c1.prose == "The first release had no networking."


def test_slashdot_score_in_prose_is_no_header():
    text = "We kept score: 5 to 3 by the end.\nThe film (Score: great) by all accounts.\n"
    assert not any(m.kind == "header" for m in _marks("slashdot", text).values())


def test_stackexchange_2010s_rows_and_a_cut_comment():
    text = (
        "Take the 2-minute tour ×\n"
        "Ask Ubuntu is a question and answer site for Ubuntu users and developers.\n\n"
        "How do I mount a second disk at boot?\n\n"
        "I tried fstab but it hangs.\n\n"
        "share|improve this question\n\n"
        "Which filesystem is on it? –\n"
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "stackexchange"
    q, c = thread.comments
    assert q.prose == "How do I mount a second disk at boot?\n\nI tried fstab but it hangs."
    assert c.prose == "Which filesystem is on it?" and c.parent_id == q.id
    assert {ch.text for ch in thread.chrome} >= {"Take the 2-minute tour ×", "–"}


def test_stackexchange_card_lines_a_blank_apart():
    text = (
        "Share Improve this question\n\nasked Sep 1, 2022 at 16:47\n\nmina_k\n\nFollow\n\n593\n\n1\n\n6\n\n"
        "Looks fine to me. –\nOla Berg\nSep 2, 2022 at 10:00\n"
    )
    found = _marks("stackexchange", text)
    card = found[2]
    assert card.kind == "header" and card.fields["author"] == "mina_k"
    assert card.lines == 11  # through the last badge count


def _theme_page(row: str) -> str:
    posts = [
        ("mara_v", "Mon Mar 09, 2009 8:42 am", "I bent the hanger last week and now the chain skips."),
        ("olek", "Mon Mar 09, 2009 9:15 am", "Straighten the hanger first, then index the gears again."),
        ("mara_v", "Tue Mar 10, 2009 7:02 pm", "The hanger is straight now but the skipping is the same."),
        ("Jonna P", "Tue Mar 10, 2009 8:30 pm", "Then the chain is worn. Measure it before buying a cassette."),
        ("olek", "Wed Mar 11, 2009 6:45 am", "A chain checker costs less than a new cassette, too."),
    ]
    out = "Fixing the rear derailleur\n5 replies\n\n"
    for who, when, body in posts:
        out += f"\n{who}\n\n« on: {when} »\n\nPosts: 61\n\nJr. Member\n\n{body}\n{row}\n"
    return out


def test_a_row_of_buttons_the_smf_dialect_does_not_know_is_chrome():
    # A theme prints its own button row under each post: the dialect reads the
    # headers, the row's recurrence makes it furniture, not the post's text.
    text = _theme_page("Quote · Back to top · Thanks · Edit")
    thread = threadparse.parse(text)
    assert thread.dialect.name == "smf"
    assert [c.prose.endswith(("skips.", "again.", "same.", "cassette.", "too.")) for c in thread.comments] == [True] * 5
    rows = [ch for ch in thread.chrome if text[ch.span.start : ch.span.end] == "Quote · Back to top · Thanks · Edit"]
    assert len(rows) == 5 and {ch.kind for ch in rows} == {"ui"}


def test_a_recurring_short_line_in_a_known_dialects_posts_stays_text():
    # Only rows of buttons are taken from a known site's posts: a one-word
    # line the posters write again and again is theirs.
    text = _theme_page("Cheers")
    thread = threadparse.parse(text)
    assert thread.dialect.name == "smf"
    assert all(c.prose.endswith("Cheers") for c in thread.comments)


def test_smf_subject_is_the_line_right_over_the_date_not_the_post_above():
    # A theme that nests replies by indent and prints the poster after the
    # date: the line two blanks above "« on: »" is the post above's last
    # sentence or its signature, not the subject of the post.
    text = (
        "« on: January 17, 2010 at 11:13 PM » mara_v\n\nThe hanger is bent.\n----------\nRiding since 1990\n\n\n"
        "    « on: January 18, 2010 at 6:17 AM » olek\n\n    Straighten it first.\n\n\n"
        "        « on: January 18, 2010 at 6:38 AM » mara_v\n\n        Did that, it still skips.\n"
    )
    marks = _marks("smf", text)
    lines = split_lines(text)
    headers = {k: v for k, v in marks.items() if v.kind == "header"}
    assert [text[lines[k].start : lines[k].end].strip()[:5] for k in sorted(headers)] == ["« on:"] * 3


def _smf_card(name: str, rank: str, posts: int, personal: str = "") -> str:
    return (
        f"{name}\n{rank}\n**\nOffline Offline\n\nPosts: {posts}\n\n"
        + (f"{personal}\n\n" if personal else "")
        + "View Profile Email Personal Message (Offline)\n\n"
    )


def _smf_post(number: int, text: str, close: str) -> str:
    when = f"« Reply #{number} on: March {9 + number:02d}, 2009, 08:42:01 AM »" if number else (
        "« on: March 09, 2009, 08:42:01 AM »"
    )
    return f"Re: Fixing the rear derailleur\n{when}\tReply with quote\n{text}\n\t{close}\n"


def test_smf_cards_read_the_name_at_the_length_most_cards_share():
    # The viewer sees each poster's IP on the closing row; a signature's
    # last line or the post's last words right over the next card (no blank
    # line between) are not the next poster's name: most cards run four
    # lines from the name to "Posts:", and so does this one. A member's
    # personal text under "Posts:" is part of the card.
    text = (
        _smf_card("mara_v", "Jr. Member", 61)
        + _smf_post(0, "I bent the hanger last week and now the chain skips.", "Report to moderator   10.0.3.7")
        + _smf_card("olek", "Hero Member", 1193, "Ride more, worry less ...")
        + _smf_post(1, "Straighten the hanger first, then index the gears again.", "Report to moderator   Logged")
        + "Gdynia cycling club\n"
        + _smf_card("mara_v", "Jr. Member", 61)
        + _smf_post(2, "That worked, thank you.\n\nsorry", "Report to moderator   10.0.3.7")
        + _smf_card("olek", "Hero Member", 1193, "Ride more, worry less ...")
        + _smf_post(3, "Good to hear.", "Report to moderator   Logged")
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "smf"
    assert [c.speaker.name for c in thread.comments] == ["mara_v", "olek", "mara_v", "olek"]
    assert [c.header.post_number for c in thread.comments] == [None, 1, 2, 3]
    threadparse.verify(thread, text)
