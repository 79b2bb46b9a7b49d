"""Header lines that look like something else, and lines that look like
headers: a forum header ending ``wrote:``, a header with an optional handle,
Discord's stamp shape without its dash, an mbox separator, and a forum's
quote label (``Quote from: X on <date>``) that recurs like a header.
Invented people and text."""

from __future__ import annotations

import pytest

import threadparse
from threadparse import induce
from threadparse.text import split_lines

POSTS = [
    ("marta_k", "26/09/2025", "16:15", "The frost cloth on the leek bed blew off again last night."),
    ("Pia Lund", "27/09/2025", "20:38", "Weigh the corners down with bricks, the pegs never hold in wet soil."),
    ("Anon 105", "27/09/2025", "21:02", "Bricks worked for me too, but mind the slugs that hide under them."),
    ("marta_k", "28/09/2025", "08:12", "Bricks it is. The slugs can have the corners, I suppose."),
    ("Pia Lund", "28/09/2025", "09:40", "Beer traps by the bricks sort the slugs out in a week."),
]


def _speakers(text: str) -> list:
    return [c.speaker.name for c in threadparse.parse(text).comments]


def _posts(head: str, post) -> str:
    """``head`` and then ``post(k, who, body)`` for each post, numbered from 1."""
    return head + "".join(post(k, who, body) for k, (who, _, _, body) in enumerate(POSTS, 1))


def test_a_forum_header_ending_wrote_indented_by_depth_is_a_header():
    # "Permalink #N Post by X <date> wrote:" opens every post, indented by the
    # reply's depth; the body sits at the header's own indent, so it is no
    # quote, and the line is the post's header, not an attribution.
    text = "Allotment forum\nReplies: 5\n\n"
    for k, (who, day, clock, body) in enumerate(POSTS, 1):
        pad = "  " * (k % 3)
        text += f"{pad}Permalink #{k} Post by {who} {day} {clock} wrote:\n{pad}{body}\n\n"
    assert _speakers(text) == [p[0] for p in POSTS]


def test_header_fields_left_out_of_a_grouped_template_still_count():
    # Names of one and two words give the lines different shapes; grouped by
    # what they share ("… on: DATE"), the template itself no longer shows
    # "Posted by", but every line does.
    text = "Allotment forum\n\n"
    for who, day, clock, body in POSTS:
        d, m, y = day.split("/")
        month = {"09": "Sep"}[m]
        text += f"Posted by {who} « on: {int(d)} {month} {y}, {clock} » wrote:\n\n{body}\n\n---\n\n"
    assert _speakers(text) == [p[0] for p in POSTS]


def test_a_header_with_an_optional_handle_is_one_template():
    # "Posted by Pia Lund @pia" and "Posted by Anon 105" (no handle): one
    # header with an optional part.
    text = "Allotment forum\n\n"
    handles = {"marta_k": " @marta", "Pia Lund": " @pia", "Anon 105": ""}
    for who, _, _, body in POSTS:
        text += f"Posted by {who}{handles[who]}\n{body}\nShare Thanks Quote Report\n\n"
    assert _speakers(text) == [p[0] for p in POSTS]


def test_a_stamp_after_fields_without_a_dash_is_no_discord_header():
    # Discord prints "Name — 09/26/2025 4:15 PM"; without the dash, a name
    # must read as a name: "Post #1 By marta_k 26/09/2025 16:15" and
    # "marta_k · @ 9/26/2025 4:15 PM" are forum header fields.
    a = "Allotment forum\n\n" + "".join(
        f"Post #{k} By {who} {day} {clock}\n\n{body}\nQuote | Share\n\n" for k, (who, day, clock, body) in enumerate(POSTS, 1)
    )
    b = "Allotment forum\n\n" + "".join(
        f"{who} · @ {day} {clock}\n{body}\nReply With Quote | Report\n\n" for who, day, clock, body in POSTS
    )
    for text in (a, b):
        assert _speakers(text) == [p[0] for p in POSTS]
    # Discord's own shapes stay Discord's
    c = "".join(f"{who} — Today at {k}:15 PM\n{body}\n" for k, (who, _, _, body) in enumerate(POSTS, 1))
    thread = threadparse.parse(c)
    assert thread.dialect.name == "chat"
    assert _speakers(c) == [p[0] for p in POSTS]
    # and a copy without the dash whose names read as names, one opening
    # with a digit, stays a chat log
    names = {"marta_k": "3rdbed", "Pia Lund": "Pia Lund", "Anon 105": "Anon 105"}
    d = "".join(f"{names[who]}  12/{k + 10}/2015 {k}:04 AM\n{body}\n" for k, (who, _, _, body) in enumerate(POSTS, 1))
    assert _speakers(d) == [names[p[0]] for p in POSTS]


def test_an_mbox_separator_is_the_mail_dialects_not_an_induced_header():
    # "From <address> <asctime>" recurs over every message, a dated line with
    # a value that repeats: induction took it for a header template, whose
    # author is the address, and on a long archive that template won over the
    # mail dialect's reading (display name of the From: field).
    text = ""
    for k, (who, _, clock, body) in enumerate(POSTS * 6, 1):
        addr = f"{who.split()[0].lower()}@lists.example.net"
        text += (
            f"From {addr} Sat Sep 27 {clock}:{k:02d} 2025\n"
            f"Date: Sat, 27 Sep 2025 {clock}:{k:02d} +0100\n"
            f'From: "{who}" <{addr}>\n'
            f"Subject: [plots] Re: Frost cloth\n"
            f"Message-ID: <{k}.{len(who)}@lists.example.net>\n\n{body} ({k})\n\n"
        )
    assert not [t for t in induce.induce(text, split_lines(text)) if t.key.startswith("from")]
    thread = threadparse.parse(text)
    assert thread.dialect.name == "mail"
    assert [c.speaker.name for c in thread.comments] == [p[0] for p in POSTS * 6]


def test_a_forum_quote_label_recurring_like_a_header_is_no_header():
    # "Quote from: X on <date>" over a quoted post, in most replies: a dated
    # line with a name that recurs, but it introduces a quote.
    text = "Allotment forum\n\n"
    prev = None
    for who, day, clock, body in POSTS:
        text += f"**{who}** ({day} {clock})\n"
        if prev is not None:
            text += f"Quote from: {prev[0]} on {prev[1]} {prev[2]}\n\n    {prev[3]}\n\n"
        text += f"{body}\nMulti-Quote | Thanks | Reply With Quote\n\n"
        prev = (who, day, clock, body)
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == [p[0] for p in POSTS]
    assert not any(c.header is not None and c.header.text.startswith("Quote from") for c in thread.comments)


def test_a_name_line_with_a_reply_arrow_is_the_writers_name_line():
    # "Re: <title>" / "Pia Lund  ↪ marta_k" / "Posts: 12" / "Posted: <date>":
    # the arrow separates the writer from whom they answer, and marta_k, who
    # is answered often, is still a name (she has name lines of her own),
    # not a fixed word of the line.
    rows = [("marta_k", None), ("Pia Lund", "marta_k"), ("Anon 105", "marta_k"), ("marta_k", "Pia Lund"),
            ("Tove Gr", "marta_k"), ("Pia Lund", "marta_k"), ("marta_k", "Tove Gr"), ("Bo Lind", "marta_k")]
    text = "Allotment forum\nForums > Plots\n\n"
    for k, (who, to) in enumerate(rows, 1):
        name = who if to is None else f"{who}  ↪ {to}"
        text += (f"Re: Frost cloth\n{name}\nPosts: {100 + 37 * k}\nPosted: Sep {k + 10}, 2025\n"
                 f"Note {k}: the frost cloth on bed {k} needs weighing down.\nMulti-Quote\n")
    assert _speakers(text) == [who for who, _ in rows]


def test_a_numbered_name_before_in_reply_to_keeps_its_number():
    # "Post by Anon 105 in reply to marta_k": the number is part of the name.
    text = "Allotment forum\n\n"
    prev = None
    for who, day, clock, body in POSTS:
        reply = f" in reply to {prev}" if prev else ""
        text += f"Post by {who}{reply}\n\nJoined: Jul 26, 2024\n\n{day} {clock}\n\n{body}\n\n"
        prev = who
    assert _speakers(text) == [p[0] for p in POSTS]


def test_a_numbered_name_before_a_relative_age_keeps_its_number():
    # "Anon 105 about 2 months ago » Oct 2, 2025"
    text = "40 replies\n\n" + "".join(
        f"{who} about {k} months ago » Oct {k}, 2025\n{body}\nFlag Quote Edit\n\n"
        for k, (who, _, _, body) in enumerate(POSTS, 1)
    )
    assert _speakers(text) == [p[0] for p in POSTS]


def test_name_first_headers_ending_wrote_in_a_grouped_template_are_headers():
    # "marta_k on Thursday, October 2, 2025 - 1:55 pm wrote:", some behind a
    # reply arrow; a quote label ending alike ("Quote from: X on <date>")
    # groups with them, so the template keeps only what they share. What
    # follows each is the post, not a quote.
    text = ""
    for k, (who, _, _, body) in enumerate(POSTS, 1):
        arrow = "↳ " if k % 2 == 0 else ""
        text += f"{arrow}{who} on Thursday, October {k}, 2025 - {k}:55 pm wrote:\n\n{body}\n\n"
        if k == 3:
            text += f"Quote from: {POSTS[0][0]} on Thursday, October 1, 2025 - 1:55 pm\n\n    {POSTS[0][3]}\n\nSame here.\n\n"
    assert _speakers(text) == [p[0] for p in POSTS]


def test_a_user_card_of_five_lines_over_the_dated_line_holds_the_name():
    # Name / rank / "Posts: N" / "Offline" / "Join Date: ..." / "#N. • (date)"
    ranks = ["Moderator", "Member", "Member", "Moderator", "Member"]
    text = "Open Kettle\nThread: Frost cloth\n40 replies\n"
    for k, ((who, _, _, body), rank) in enumerate(zip(POSTS, ranks), 1):
        text += (f"{who}\n{rank}\nPosts: {100 + 37 * k}\nOffline\nJoin Date: Aug 2019\n#{k}. • (Oct {k}, 2025)\n"
                 f"{body}\nMulti-Quote\n")
    assert _speakers(text) == [p[0] for p in POSTS]


def _chrome_lines(text: str, kind: str) -> list:
    thread = threadparse.parse(text)
    return sorted({text[ch.span.start : ch.span.end].strip() for ch in thread.chrome if ch.kind == kind})


def test_a_row_of_buttons_counts_its_buttons_not_its_separators():
    # "Flag · Multi-Quote · Back to top · Report": six words, seven
    # separators, 41 characters; it closes every post.
    text = "Allotment forum\n\n" + "".join(
        f"{who} • {day} {clock}\n{body}\nFlag · Multi-Quote · Back to top · Report\n{k + 3} people like this.\n\n"
        for k, (who, day, clock, body) in enumerate(POSTS)
    )
    assert "Flag · Multi-Quote · Back to top · Report" in _chrome_lines(text, "ui")


def test_a_quote_box_widget_recurs_with_the_quotes_not_the_posts():
    # "Click to expand..." under every quote box: more often than there are
    # posts, after different text each time.
    text = "Allotment forum\n\n"
    for k, (who, day, clock, body) in enumerate(POSTS):
        text += f"{who} • {day} {clock}\n"
        for j in range(4):
            other = POSTS[(k + j + 1) % len(POSTS)]
            text += f"{other[0]}:\n\n{other[3].split('.')[0]} (point {j}).\n\nClick to expand...\n\n"
        text += f"{body}\nReport\n\n"
    assert "Click to expand..." in _chrome_lines(text, "ui")


def test_the_field_printed_in_bold_is_the_author_not_the_rank_before_it():
    # "Senior Member **marta_k** Thursday, January 8, 2026 - 7:23 pm wrote:"
    ranks = {"marta_k": "Senior Member", "Pia Lund": "Veteran", "Anon 105": "Newbie"}
    text = "29 replies\n\n" + "".join(
        f"{ranks[who]} **{who}** Thursday, January {k}, 2026 - {k}:23 pm Depth: 1 wrote:\n\n{body}\n"
        f"Multi-Quote  Thanks  Top  Edit\n\n"
        for k, (who, _, _, body) in enumerate(POSTS, 1)
    )
    assert _speakers(text) == [p[0] for p in POSTS]


def test_post_by_name_alone_is_a_header():
    # "Re: <title>" / "Post by ana" / body / "Reply" / "---": no date at all,
    # but two header words open the line before a name that recurs.
    text = "Frost cloth - Allotment forum\n\n" + "".join(
        f"Re: Frost cloth\nPost by {who}\n\n{body}\nReply\n\n---\n\n" for who, _, _, body in POSTS
    )
    assert _speakers(text) == [p[0] for p in POSTS]


def test_a_permalink_counter_between_pipes_is_no_chat_nick():
    # "01/08/2026 7:23 PM | Permalink #1 | Score: 2  Reply  Share" under a
    # name line: a forum header's fields (a recapture prints "Permalink #1"
    # twice, so the counter repeats like a nick would).
    text = "Open Kettle\nReplies: 10\n\n"
    for k, (who, _, _, body) in enumerate(POSTS * 2, 1):
        n = (k - 1) % len(POSTS) + 1
        text += f"Post subject: Re: Frost cloth\n\n{who} · level 1\n\n01/0{n}/2026 {n}:23 PM | Permalink #{n} | Score: {k}  Reply  Share\n\n{body}\n"
    thread = threadparse.parse(text)
    assert thread.dialect.name != "chat"
    assert not any((c.speaker.name or "").startswith("Permalink") for c in thread.comments)


def test_names_that_share_a_first_word_keep_it():
    # "The Sheep" and "The Comet" over their messages: two people whose names
    # open alike, not a fixed word "The" before a name.
    people = ["The Sheep", "Bo Lind", "The Comet", "The Sheep", "Bo Lind", "The Comet", "The Sheep"]
    text = "--- Log opened Fri Sep 08, 2017 9:32 pm\n" + "".join(
        f"{who}\n{17 + k}:0{k}\nPost {k}: the {POSTS[k % len(POSTS)][3][4:]}\n" for k, who in enumerate(people)
    )
    assert _speakers(text) == people


def test_a_stamp_half_of_the_day_before_a_pipe_is_no_nick():
    # "10/02/2025 1:55 PM | [#1]" under a user card: the stamp's PM is no nick
    text = _posts(
        "Notes on frost cloth\n\n",
        lambda k, who, body: f"Post by {who} | Depth: 1\nRegular\nJoined: Sep 9, 2022\n"
        f"10/0{k}/2025 {k}:55 {'AM' if k % 2 else 'PM'} | [#{k}]\n\n{body}\nPermalink | Top | Back to top\n\n",
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name != "chat"
    assert not {"AM", "PM"} & set(_speakers(text))


def test_a_posted_date_line_is_no_chat_header():
    # "posted 10/02/2025 1:55 PM" under "Posted by ana · in reply to bo":
    # a forum's date line, not a Discord name and stamp
    text = "Home » Forums » Plots\n\n"
    prev = "Tove Gr"
    for k, (who, _, _, body) in enumerate(POSTS, 1):
        text += f"Posted by {who} · in reply to {prev}\n\nposted 10/0{k}/2025 {k}:55 PM\n\nJoined: Nov 19, 2024\n\n{body}\nBack to top\n\n\n"
        prev = who
    thread = threadparse.parse(text)
    assert thread.dialect.name != "chat"
    assert _speakers(text) == [p[0] for p in POSTS]


_RANKS = {"marta_k": "Senior Member", "Pia Lund": "Pro Class", "Anon 105": "Newbie"}
_LEVELS = {"marta_k": "Newbie", "Pia Lund": "Guru", "Anon 105": "Newbie"}
_GRADES = {"marta_k": "Guru", "Pia Lund": "Junior Member", "Anon 105": "Guru"}  # (ranks held by several)


@pytest.mark.parametrize(
    "head, post",
    [
        # "Pia Lund | Guru | Permalink #2  Top | Report": the buttons are
        # no fields, so the line has two slots and a post number, not five
        ("Notes on frost cloth - Allotment forum\n\n",
         lambda k, who, body: f"Subject: Re: Frost cloth\n{who} | {_LEVELS[who]} | Permalink #{k}  Top | Report\n\n{body}\n\n"),
        # "January 08, 2026, 07:23:48 PM **ana** #1 said:" is a forum header;
        # read as a stamped "nick:" line, the nick would open with "PM"
        ("Cafe Workshop / General Discussion\n",
         lambda k, who, body: f"January {k + 7:02d}, 2026, 0{k}:23:48 PM **{who}** #{k} said:  Multi-Quote  Quote  Share\n\n{body}\n"),
        # "#2.  ana  Thu Oct 02, 2025 10:22 pm  Pro Class wrote:": a post
        # number makes a "wrote:" line a header
        ("Home » Forums » Plots\n\n",
         lambda k, who, body: f"#{k}.  {who}  Thu Oct 0{k}, 2025 {k}:22 pm  {_RANKS[who]} wrote:\n{body}\n\n--\n-- grown with love --\n\n\n"),
        # "[#2] - » 29 Sep 2025, 18:49 - Score: 3 - Pia Lund:": the colon
        # after the last field introduces the post (as "Pia Lund said:"
        # would); the name is no label's
        ("Allotment forum\nAllotment forum / Beds\n\n\n",
         lambda k, who, body: f"{'    ' * (k % 2)}[#{k}] - » 2{k} Sep 2025, 18:4{k} - Score: {k * 3} - {who}:\n\n"
                              f"{'    ' * (k % 2)}{body}\nTop\n\n\n"),
        # "posted about 3 weeks ago - by Pia Lund:": a header word before the
        # last field, then the colon that introduces the post
        ("Allotment forum\n29 comments\n\n",
         lambda k, who, body: f"posted about {k + 1} weeks ago - by {who}:\n{body}\nBack to top\n\n"),
        # "Pia Lund — Depth: 2  Reply  Multi-Quote": a labelled depth is a
        # header's field, as a post number is
        ("Allotment forum\nThread: Frost cloth\n\n",
         lambda k, who, body: f"{who} — Depth: {1 + k % 2}  Reply  Multi-Quote\n\n{body}\n\n"),
        # "27/09/2025 20:38, Pia Lund, ▲ 2": the triangle is the score's glyph
        ("Allotment forum\n\n", lambda k, who, body: f"2{k}/09/2025 20:3{k}, {who}, ▲ {k}\n{body}\n\n"),
        # "Score: 2  Junior Member  1 mo ago  Pia Lund  #2" among "Score: 9
        # Guru  1 mo ago  marta_k  #1": the rank's "Member" is a header word,
        # one token more than the other lines' shape, the same header
        ("Topic: Frost cloth\n29 comments\n\n",
         lambda k, who, body: f"Score: {k * 2}  {_GRADES[who]}  {k} wks ago  {who}  #{k}\n"
                              f"{body}\n\n"),
    ],
    ids=["buttons-on-the-header-line", "stamp-half-of-the-day", "post-number-before-wrote", "name-before-closing-colon",
         "by-name-before-closing-colon", "depth-field", "glyph-after-the-name", "header-word-in-a-rank"],
)
def test_forum_header_lines_that_look_like_something_else(head, post):
    assert _speakers(_posts(head, post)) == [p[0] for p in POSTS]


SCORED = [
    ("marta_k", "6", "The frost cloth on the leek bed blew off again last night."),
    ("Pia Lund", "-3", "Weigh the corners down with bricks, the pegs never hold in wet soil."),
    ("Oskar", "0", "Bricks worked for me too, but mind the slugs that hide under them."),
    ("marta_k", "12", "Bricks it is. The slugs can have the corners, I suppose."),
    ("Pia Lund", "-1", "Beer traps by the bricks sort the slugs out in a week."),
    ("Oskar", "4", "Or a ring of crushed eggshell, which the birds leave alone."),
]


def test_a_name_a_separator_and_a_counted_score_is_a_header():
    # "Pia Lund · -3 points": a name, one separator and a score are a header
    # line (no date, no third literal), and a score below zero takes the same
    # shape as one above (the sign is the count's).
    text = "Allotment forum\nBoard index ‹ Beds\n\n"
    for k, (who, score, body) in enumerate(SCORED):
        pad = "  " * (k % 2)
        text += f"{pad}Re: Leek bed\n{pad}{who} · {score} points\n{pad}{body}\n\n"
    assert _speakers(text) == [s[0] for s in SCORED]


@pytest.mark.parametrize("sign", ["-", "+", "\u2212"])
def test_a_signed_count_shapes_like_an_unsigned_one(sign):
    signed, plain = f"ana · {sign}3 points", "ana · 3 points"
    assert induce.shape_of(signed, 0, len(signed)).skeleton == induce.shape_of(plain, 0, len(plain)).skeleton


def test_a_dash_between_fields_stays_a_separator():
    # "ana - 3 points" (spaced) and "12-3" (inside a token) keep their dash
    assert "-" in induce.shape_of("ana - 3 points", 0, 14).skeleton
    assert induce.shape_of("ana 12-3 points", 0, 15).skeleton != ("W", "N", "points")



def test_a_label_after_a_field_separator_without_a_date_stays_a_label():
    sk = induce.shape_of("Location: Gdynia", 0, 16).skeleton
    assert not induce._names_the_post(sk, 0)



def test_a_name_and_a_count_with_one_separator_is_a_header_line():
    # "marta_k | +2" under a "Re: subject" line; "♥ 10 · marta_k", with an
    # optional "· in reply to Pia Lund" on replies: a name and a count, one
    # separator between, recurring at comment intervals
    text = "Allotment forum\n\n"
    for k, (who, _, _, body) in enumerate(POSTS, 1):
        text += f"Re: Frost cloth\n{who} | +{k}\n\n{body}\nFlag | Report\n\n"
    assert _speakers(text) == [p[0] for p in POSTS]
    text = "Allotment forum\nGo to page 1, 2  Next\n\n"
    for k, (who, _, _, body) in enumerate(POSTS, 1):
        answers = f" · in reply to {POSTS[k - 2][0]}" if k % 2 == 0 else ""
        text += f"\n♥ {k * 3} · {who}{answers}\n\n{body}\nBack to top\n\n"
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == [p[0] for p in POSTS]
    assert [c.parent_id for c in thread.comments][1] == thread.comments[0].id


def test_a_bare_number_and_a_word_are_not_enough_for_a_list():
    # "1 · Intro", "2 · Setup": numbered lines at list intervals are no headers
    text = "Guide\n\n" + "".join(f"{k} · Step{k}\nDo the thing number {k} now.\n" for k in range(1, 7))
    assert set(_speakers(text)) <= {None}



def test_a_names_number_before_a_labelled_date_stays_in_the_name():
    # "12 points Anon 105 Date: <date>": the number after a name and before a
    # header word's label ("Date:") is the name's, as before "Score:"; the
    # poster is "Anon 105", not "Anon".
    text = "Allotment forum\nForums > Beds\n\n"
    for k, (who, day, clock, body) in enumerate(POSTS, 1):
        text += f"{k * 3} points {who} Date: {day} {clock}\n\n{body}\n\n"
    assert _speakers(text) == [p[0] for p in POSTS]


def test_a_number_before_a_label_that_is_no_header_word_is_left_alone():
    shape = induce.shape_of("Bed 4 Notes: mulch", 0, len("Bed 4 Notes: mulch"))
    assert shape is None or "N" in shape.skeleton


_MORE = [
    "Copper tape lasted one season here before it peeled off the boards.",
    "The broad beans are up, sown in October under two layers of fleece.",
    "Mine rotted, the clay stayed wet all winter long and the seed went soft.",
    "Next year I will raise that bed another plank and dig in grit first.",
    "Grit helps, though leaf mould did more for my clay than anything else.",
]


def test_a_post_with_no_body_keeps_the_next_posts_name_line():
    # Name over time, every post; one post's body was lost in the capture, so
    # two headers stand back to back. The name between them is the next
    # post's header line, not the empty post's text.
    bodies = [p[3] for p in POSTS] + _MORE
    bodies[3] = ""
    who = [p[0] for p in POSTS] * 2
    text = "Allotment chat\n\n"
    for k, (w, b) in enumerate(zip(who, bodies), 1):
        text += f"{w}\n{8 + k}:{10 + k}:0{k % 10}\n" + (b + "\n" if b else "")
    thread = threadparse.parse(text)
    # (a header with nothing under it is no comment: it stays a header piece of chrome)
    assert [c.speaker.name for c in thread.comments] == [w for w, b in zip(who, bodies) if b]
    assert [c.header.text for c in thread.comments][3] == "Pia Lund\n13:15:05"
    assert "marta_k\n12:14:04" in [text[c.span.start : c.span.end] for c in thread.chrome if c.kind == "header"]


# Names with digits: a reply line "**anonymous110** — in reply to
# anonymous45" is then a line of its own shape, not the age line's name.
_ANON = {"marta_k": "anonymous45", "Pia Lund": "anonymous110", "Anon 105": "Elliot"}
_CARD_RANKS = {"anonymous45": "Enthusiast", "anonymous110": "Pro Class", "Elliot": "Veteran"}
_ANON_POSTS = [(_ANON[p[0]], "", "", p[3]) for p in POSTS] + [
    (_ANON[p[0]], "", "", body) for p, body in zip(POSTS, _MORE)
]


def _reply_line_posts(first_has_reply_line: bool) -> str:
    # "**anonymous110** — in reply to anonymous45" over the age over "Pro
    # Class  Back to top · Quote": one header printed over three lines with
    # blank lines between, a rule between posts; the age line is on every
    # post, the reply line on replies.
    text = "Allotment forum\nBoard index ‹ Beds\n9 replies\n\n"
    prev = None
    for k, (who, _, _, body) in enumerate(_ANON_POSTS):
        line = f"**{who}** — in reply to {prev}" if prev else f"**{who}**"
        if prev or first_has_reply_line:
            text += line + "\n\n"
        text += f"about {k + 1} weeks ago\n\n{_CARD_RANKS[who]}  Back to top · Quote\n{body}\n\n________________\n\n"
        prev = who
    return text


@pytest.mark.parametrize("first_has_reply_line", [False, True])
def test_a_reply_line_over_an_age_line_names_the_poster_not_the_rank(first_has_reply_line):
    # The age line's template reads the rank below it as the author (ranks
    # recur like names); the reply line's template holds the age line in
    # its blocks and reads the poster. Where the two read different authors
    # off the same header, the one that holds the other decides, and the
    # age template keeps the first post (no reply line: nothing over its
    # age line to name it), with no author rather than its rank.
    text = _reply_line_posts(first_has_reply_line)
    assert _speakers(text) == [None] + [p[0] for p in _ANON_POSTS][1:]


def test_name_wrote_opening_every_post_after_the_same_furniture_is_a_header():
    # "Pia Lund wrote:" over each post, every one after "* * *" (the rule
    # between posts) and "Multi-Quote" (the button closing the post above):
    # the post's header, not an attribution of a quote.
    text = "Allotment forum\nPage 1 of 2  1 2 Next »\n\n"
    for who, _, _, body in POSTS + [(p[0], "", "", b) for p, b in zip(POSTS, _MORE)]:
        text += f"{who} wrote:\n{body}\nMulti-Quote\n\n* * *\n\n"
    assert _speakers(text) == [p[0] for p in POSTS] * 2


def test_name_wrote_after_the_writers_own_words_stays_an_attribution():
    # The same lines, each after the replying writer's own words (new each
    # time), introduce what they quote.
    text = "Allotment forum\n\n"
    for (who, _, _, body), more in zip(POSTS, _MORE):
        text += f"{more}\n{who} wrote:\n{body}\nI agree with that.\n\n"
    thread = threadparse.parse(text)
    assert not [c for c in thread.comments if c.speaker.name in {p[0] for p in POSTS}]


def test_a_names_number_before_a_counted_score_stays_in_the_name():
    # "Author: Anon 105 2 points": the count of points is the one before
    # "points"; the number before it is the name's.
    text = "Cafe Workshop\nTopic: Beds\n\n"
    for k, (who, day, clock, body) in enumerate(POSTS, 1):
        text += f"#{k} « on: {day} {clock} » Author: {who} {k % 3} points\n{body}\nQuote · Thanks\n\n\n"
    assert _speakers(text) == [p[0] for p in POSTS]


@pytest.mark.parametrize("line, name", [
    ("**Anon 110 @anon110**  on Sep 26, 2025  4 points  #143.", "Anon 110"),
    ("**Elliot @elliot**  on Sep 26, 2025  4 points  #143.", "Elliot"),
    ("**anon45**  on Sep 26, 2025  1 points  #142.", "anon45"),
])
def test_a_handle_after_the_name_in_a_merged_template_gives_the_name(line, name):
    # A template merged from "**anon45**  on <date>" and "**Anon 110
    # @anon110**  on <date>" reads the author as the slot before the date:
    # where a handle follows the name, the name is the poster (the handle
    # only follows it on some lines).
    sh = induce.shape_of(line, 0, len(line))
    k = induce._slot_index(sh, -1, True)
    a, b = sh.slots[k]
    assert line[a:b] == name


def test_a_names_number_before_a_bracketed_date_stays_in_the_name():
    # "Posted by Anon 105 [27/09/2025 21:02] Newbie"
    text = "Cafe Husky\nForums > Beds\nViewing 5 posts\n\n"
    for who, day, clock, body in POSTS:
        text += f"Posted by {who} [{day} {clock}] {_RANKS[who]}\n{body}\n\n"
    assert _speakers(text) == [p[0] for p in POSTS]


def test_stacked_mail_attributions_quoted_in_posts_stay_attributions():
    # A forum post quoting a mail thread: "Pia Lund <pia@example.org> wrote:"
    # lines, often two stacked, recur with the thread and follow each other:
    # attributions, not post headers.
    text = "Rusty Kettle\n\n\n"
    for k, (who, _, _, body) in enumerate(POSTS * 2, 1):
        other = POSTS[k % len(POSTS)][0]
        third = POSTS[(k + 1) % len(POSTS)][0]
        text += (
            f"Post subject: Re: Frost cloth\nPost by {who}\nJune {k + 3}, 2010 at 4:5{k % 10} PM\nPro Class\n\n"
            f"{other} <{other.replace(' ', '')}@example.org> wrote:\n"
            f"{third} <{third.replace(' ', '')}@example.org> wrote:\n\n"
            f"{POSTS[(k + 2) % len(POSTS)][3]}\n\n{body} ({k})\n\n"
        )
    assert _speakers(text) == [p[0] for p in POSTS * 2]


def test_by_name_alone_on_its_line_is_a_header_when_its_names_recur():
    # "By Pia Lund" over each post: two literals are too few for an anchor
    # in general ("By the way"), but its names recur, as posters' do.
    text = "Little Husky\nFrost cloth - Little Husky\n\n"
    for who, _, _, body in POSTS + [(p[0], "", "", b) for p, b in zip(POSTS, _MORE)]:
        text += f"By {who}\n\n{body}\n\n"
    assert _speakers(text) == [p[0] for p in POSTS] * 2
    once = "Notes\n\n" + "".join(f"By {w}\n\n{b}\n\n" for w, b in (("the way", "x y z."), ("then", "a b c."), ("now", "d e f.")))
    assert threadparse.parse(once).dialect.name == "plain"


def test_replying_to_at_name_and_a_subject_line_over_every_post():
    # "Re: Frost cloth" over "Anon 105 replying to @marta_k:" (a name's number
    # before "replying" stays in it); a post that answers nobody prints
    # "marta_k:" under the same subject line: a header too.
    text = "Blue Husky\nHome » Forums » Beds\n40 comments\nFrost cloth\n"
    posts = POSTS + [(p[0], "", "", b) for p, b in zip(POSTS, _MORE)]
    prev = "Anon 105"
    for k, (who, _, _, body) in enumerate(posts):
        head = f"{who} replying to @{prev}:" if k != 6 else f"{who}:"
        text += ("Re: Frost cloth\n" if k else "") + f"{head}\n\n{body}\n"
        prev = who
    assert _speakers(text) == [p[0] for p in posts]


def test_a_handle_line_over_a_rank_line_names_the_poster():
    # "anon4572 level 3" / "User avatar" / "Online" / "Enthusiast" over
    # "@ <date> | #N": each poster one rank, each rank one poster, and the
    # rank words turn up in posts too ("Ask a Guru"). The handles (a digit or "_"
    # inside the word) are the posters; a rank is a word.
    people = {"marta_k": ("marta_k", "Guru"), "Pia Lund": ("pia_lund", "Veteran"), "Anon 105": ("anon4572", "Enthusiast")}
    text = "Open Garage\nHome » Forums » Beds\nReplies: 10\n\n"
    for k, (who, _, _, body) in enumerate(POSTS + [(p[0], "", "", b) for p, b in zip(POSTS, _MORE)], 1):
        handle, rank = people[who]
        text += (
            f"{handle} level {k % 3 + 1}\nUser avatar\nOnline\n{rank}\n@ {k + 10}/09/2025 19:2{k % 10} | #{k}\n\n"
            f"{body}{' Ask a Guru.' if k in (3, 7) else ''}\n\n________________\n\n"
        )
    assert _speakers(text) == [people[p[0]][0] for p in POSTS] * 2


def test_the_posters_name_again_under_the_date_joins_the_header():
    # "Post by Pia Lund" / "<date> — [#2]" / "Pia Lund" / "Messages: 80": a
    # user card under the header line prints the name again, then its fields.
    # (many posters: a few names shared by many posts would read as ranks)
    names = ["marta_k", "Pia Lund", "Anon 105", "Bo Lind", "Ines", "cyril", "Wren", "Tove", "marta_k", "Ines"]
    posts = [(who, "", "", body) for who, body in zip(names, [p[3] for p in POSTS] + _MORE)]
    text = "Rusty Garage / Beds\n10 comments\n\n"
    for k, (who, _, _, body) in enumerate(posts, 1):
        pad = "    " * (k % 3)  # replies nested by indentation
        text += "".join(
            pad + line + "\n\n"
            for line in (f"Post by {who}", f"{k + 10} Jan 2010 — [#{k}]", who, f"Messages: {k * 40}", body)
        )
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == names
    assert all(c.header.text.endswith(f"Messages: {k * 40}") for k, c in enumerate(thread.comments, 1))


def test_a_button_row_closing_every_post_opens_no_header():
    # "Reply With Quote  Back to top" closes every post, so it stands over
    # every header ("bo · in reply to ana" over the date and a user card):
    # the posts under it that answer nobody print their name line over the
    # date line, and keep their whole card as their header.
    names = ["marta_k", "Pia Lund", "Anon 105", "Bo Lind", "Ines", "cyril", "Wren", "Tove", "marta_k", "Ines"]
    posts = [(who, body) for who, body in zip(names, [p[3] for p in POSTS] + _MORE)]
    text = "Board index ‹ Beds\nFrost cloth\nPage 1 of 2  1 2 Next »\n\n"
    for k, (who, body) in enumerate(posts, 1):
        head = f"{who} · in reply to {names[k - 2]}" if k % 3 else who
        text += (
            f"{head}\n01/{k + 10}/2026 7:2{k % 10} PM — #{k}\nJoin Date: Oct 2022\nOffline\nModerator\n"
            f"{body}\nReply With Quote  Back to top\n\n"
        )
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == names
    assert all("Join Date: Oct 2022" in c.header.text for c in thread.comments)
