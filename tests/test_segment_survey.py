"""Segmenter behaviour found by surveying real page and archive copies (issue #7).

Invented text, real structure:

- a forum post copied with its user card printed as a dash list
  (``- Joined`` / ``- May 17, 2026`` / ``- Messages`` / ``- 28``): the dash is
  a bullet, so no card label becomes a speaker;
- a mail archive page of hard-wrapped prose where one paragraph happens to be
  two short lines: blank lines there separate paragraphs, not comments;
- a post with a numbered list under a heading: list rows are not one-line
  paragraphs that would make every blank line a comment boundary.
"""

from __future__ import annotations

import threadparse

CARD = """\
- Joined
- Mar 3, 2021
- Messages
- 412
- Reaction score
- 97
Has anyone tried the new glaze on stoneware? Mine crazed after the second firing
and I cannot tell whether the kiln or the clay body is to blame.
"""


def test_user_card_rows_are_not_sign_offs():
    th = threadparse.parse(CARD)
    names = {c.speaker.name for c in th.comments}
    assert not names & {"Joined", "Messages", "Reaction score"}


def test_dash_signature_still_names_the_writer():
    text = (
        "The shelf brackets arrived bent, so I returned them.\n"
        "— Odile\n"
        "\n"
        "Same here, the second batch was fine though.\n"
        "— Bertrand\n"
    )
    th = threadparse.parse(text)
    assert [c.speaker.name for c in th.comments] == ["Odile", "Bertrand"]


ARCHIVE = """\
On Mar 4, 2019, at 9:12 AM, Tobiah Quill wrote:

> The scheduler already has a hook for this; we only need to decide
> whether it runs before or after the retry queue is drained.

I think after is safer, because a drained queue means nothing is still
holding the old connection, and the hook can then close it without racing
against a retry that was already in flight.

Agreed on the naming.
It reads better.

The one thing I would still change is the timeout: thirty seconds is far
too long for an interactive client, and five would match what the other
transports already use, so nobody has to learn a second default.
"""


def test_hard_wrapped_message_is_not_split_per_paragraph():
    th = threadparse.parse(ARCHIVE)
    bodies = [ARCHIVE[c.span.start : c.span.end] for c in th.comments]
    # the three paragraphs the writer typed stay one message
    owner = [b for b in bodies if "I think after is safer" in b]
    assert owner and "thirty seconds" in owner[0] and "Agreed on the naming" in owner[0]


POST = """\
Allotment rules for the new season

1. Keep the paths clear of tools.
2. Water butts are shared, so close the lids.
3. Bonfires only on Sundays.

Thanks to everyone who came to the meeting, it was good to see new faces and I hope
the list above settles the questions from last year.
"""


def test_numbered_list_rows_are_not_one_line_paragraphs():
    th = threadparse.parse(POST)
    bodies = [POST[c.span.start : c.span.end] for c in th.comments]
    rules = [b for b in bodies if "1. Keep the paths" in b]
    # one post: the rows are one list, and the hard-wrapped paragraph under
    # it is the same writer going on
    assert rules and "3. Bonfires" in rules[0] and "Thanks to everyone" in rules[0]


TOP_POSTED = """\
Thanks, the new gasket fixed it. No more drips since Tuesday.

On Mon, Jun 3, 2024 at 8:15 PM Wendeline Ashcombe <wendeline@example.org> wrote:

> Try replacing the gasket first, it is the usual culprit on that model.
"""


def test_top_posted_reply_keeps_its_bottom_quote():
    th = threadparse.parse(TOP_POSTED)
    assert len(th.comments) == 1
    c = th.comments[0]
    assert TOP_POSTED[c.span.start : c.span.end].rstrip().endswith("on that model.")
    assert any(b.kind == "quote" for b in c.blocks)


BOTTOM_POSTED = """\
The pump hums but no water comes out.

On Mon, Jun 3, 2024 at 8:15 PM Wendeline Ashcombe <wendeline@example.org> wrote:

> The pump hums but no water comes out.

Check the impeller, it may be jammed with grit.
"""


def test_reply_written_under_a_quote_is_not_folded_into_the_text_above():
    # the bottom-quote rule applies only when no words of the writer's own
    # follow the quote: here they do, so the reply is not merged upwards
    th = threadparse.parse(BOTTOM_POSTED)
    first = BOTTOM_POSTED[th.comments[0].span.start : th.comments[0].span.end]
    assert len(th.comments) >= 2 and "Check the impeller" not in first


SMF_PAGE = """\
Canal Boat Owners
March 2, 2015, 08:10:44 pm *
Welcome, Guest. Please login or register.

Login with username, password and session length
   Home   Help Search Login Register
Author Topic: Bilge pump wiring  (Read 412 times)
wenna_k
Newbie

Offline Offline

Posts: 3


View Profile
« on: March 1, 2015, 10:02:11 am »

Which fuse rating do people use for a 12V bilge pump?
Logged
haldor
Global Moderator

Offline Offline

Posts: 2210


View Profile
« Reply #1 on: March 1, 2015, 11:40:05 am »

Check the pump's label, most want 7.5A, and fit the fuse close to the battery.
Logged
"""


def test_page_furniture_above_dialect_headers_is_chrome():
    th = threadparse.parse(SMF_PAGE)
    assert [c.speaker.name for c in th.comments] == ["wenna_k", "haldor"]
    chrome_text = " ".join(ch.text for ch in th.chrome)
    assert "Welcome, Guest" in chrome_text and "Login with username" in chrome_text


ISSUE_COPY = """\
### quillon commented on Apr 2, 2022
More actions
The exporter drops the last row when the sheet ends in a merged cell.

### pavia-r commented on Apr 4, 2022
More actions
Same here, and it also happens with hidden rows at the end.

### tjalling commented on Jan 12, 2023
Last edited by tjalling
More actions
It only happens when the merged cell spans the last two columns.
### mbeck commented on May 9, 2023
More actions
Fixed for me in 2.4, thanks.
[Sign up for free](https://example.org/signup)**to join this conversation.** Already have an account? [Sign in to comment](https://example.org/login)
## Metadata
## Metadata
### Assignees
No one assigned
### Labels
[kind/bug](https://example.org/labels/bug)
No type
### Projects
No projects
### Milestone
No milestone
### Relationships
None yet
### Development
No branches or pull requests
## Issue actions
  * Open in the desktop app


You can't perform that action at this time.
"""


def test_page_footer_after_the_last_comment_is_chrome():
    th = threadparse.parse(ISSUE_COPY)
    assert [c.speaker.name for c in th.comments] == ["quillon", "pavia-r", "tjalling", "mbeck"]
    last = ISSUE_COPY[th.comments[-1].span.start : th.comments[-1].span.end]
    assert "Fixed for me in 2.4" in last and "No milestone" not in last and "at this time" not in last
    assert any(ch.kind == "navigation" and "No one assigned" in ch.text for ch in th.chrome)


LAST_POST_WITH_LIST = ISSUE_COPY.split("[Sign up")[0] + """\
Credits for the fix:
- Anouk Verbeek
- Bastiaan Mol
- Carys Pugh
- Deniz Aral
- Eero Lahti
- Fenna Dijk
- Gudrun Haas
- Hamid Rezaei
- Ines Prado
"""


def test_a_list_ending_the_last_comment_is_not_a_footer():
    th = threadparse.parse(LAST_POST_WITH_LIST)
    last = LAST_POST_WITH_LIST[th.comments[-1].span.start : th.comments[-1].span.end]
    assert "Ines Prado" in last and not any(ch.kind == "navigation" for ch in th.chrome)


WRAPPED_WITH_LIST = """\
Re: Sizing the rainwater tank

42 views
Skip to first unread message

Dear Maelis,

Thanks for the drawings. The roof area you give is larger than the one on
the plan, so I redid the numbers with the plan's figure and the tank comes
out a little smaller than you feared.

Two things you could check before ordering:

1. Measure the gutter run on the north side again, because the plan and
your note disagree by almost two metres and that changes the catchment.
2. Ask the supplier whether the overflow fitting is included, as some of
them sell it separately and it is easy to forget until delivery day.
"""


def test_hard_wrapped_list_rows_and_page_labels_do_not_split_a_message():
    th = threadparse.parse(WRAPPED_WITH_LIST)
    bodies = [WRAPPED_WITH_LIST[c.span.start : c.span.end] for c in th.comments]
    owner = [b for b in bodies if "Thanks for the drawings" in b]
    assert owner and "Two things you could check" in owner[0] and "delivery day" in owner[0]


SINGLE_POST = """\
Post  wenna_k on Sun Mar 1, 2015 10:02 am

Please read this before asking about plot allocations.

The Waiting List
1. Add your name at the office, not by phone.
2. Offers go out in March and September.
3. Reply within two weeks or the plot goes to the next name.

The Fees

Half plots are forty pounds a year, full plots seventy.
"""


def test_one_post_header_at_the_top_makes_one_post():
    th = threadparse.parse(SINGLE_POST)
    assert len(th.comments) == 1
    # "The Waiting List" and "The Fees" are headings, not a signer's name
    assert th.comments[0].speaker.name in (None, "wenna_k")


def test_stripped_dump_without_a_header_still_splits_at_blank_lines():
    text = (
        "I think the new rota is fair.\n"
        "\n"
        "Not to me, I lose every second weekend.\n"
        "\n"
        "Can we swap then? I have no plans in April.\n"
    )
    th = threadparse.parse(text)
    assert len(th.comments) == 3


def test_a_header_of_the_dialects_own_shape_that_it_could_not_read_is_kept():
    # The dialect reads "marta_k · 3 wks ago" but not "Anonymous 45 · 3 wks
    # ago"; induction finds the missed line alone between two of the
    # dialect's headers. It holds the skeleton most of the dialect's headers
    # hold, so it is a header there too, not text of the post above.
    posts = [
        ("marta_k", "3 wks ago", "The frost cloth on the leek bed blew off again last night."),
        ("Anonymous 45", "3 wks ago", "marta_k:\n> The frost cloth blew off\nWeigh the corners down with bricks."),
        ("Pia", "2 wks ago", "marta_k:\n> blew off again\nBricks worked for me too, but mind the slugs."),
        ("marta_k", "2 wks ago", "Pia:\n> mind the slugs\nBeer traps sort the slugs out in a week."),
        ("Anonymous 105", "1 wk ago", "Pia:\n> Bricks worked for me too\nSame here."),
        ("Pia", "1 wk ago", "marta_k:\n> Beer traps\nAnd crushed eggshell for the birds."),
        ("marta_k", "5 days ago", "Pia:\n> crushed eggshell\nGood one, thanks."),
    ]
    text = "It is currently Sun Feb 01, 2026 4:21 pm\nAllotment / General\n29 replies\n\n\n" + "".join(
        f"{n} · {a}\n\n{b}\n\n\n" for n, a, b in posts
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "reddit"
    assert [c.speaker.name for c in thread.comments] == [p[0] for p in posts]


_CARD_POSTS = [
    ("marta_k", "Senior Member", "Frost cloth blew off the leek bed again last night."),
    ("Pia Lund", "Pro Class", "Weigh the corners down with bricks, pegs never hold in wet soil."),
    ("Anon 105", "Newbie", "Bricks worked for me too, but mind the slugs under them."),
    ("marta_k", "Senior Member", "Bricks it is. The slugs can have the corners."),
    ("Pia Lund", "Pro Class", "Beer traps by the bricks sort the slugs out in a week."),
    ("Anon 105", "Newbie", "Copper tape lasted one season here before it peeled."),
]


def _card_forum(row: str, sigs: dict) -> str:
    """A forum copy with a user card under each name; ``sigs`` maps a post's
    number to the line printed under a rule of hyphens after its body."""
    text = "Copper Kettle\nBoard index ‹ Beds\nFrost cloth\n\n\n"
    for k, (who, rank, body) in enumerate(_CARD_POSTS, 1):
        text += (
            f"Post subject: Re: Frost cloth\n\n{who}\n\n01/{k + 10}/2010 6:1{k} AM\n\n{rank}\n\n"
            f"Posts: {k * 40}\n\nJoin Date: Nov 2005\n{body}\n"
        )
        if k in sigs:
            text += f"----------\n{sigs[k]}\n"
        text += f"{row}\n\n\n* * *\n\n\n"
    return text


def test_a_row_of_buttons_of_several_words_is_furniture():
    # "Back to top · Reply With Quote · Edit · Top": four buttons (eight
    # words) after every post, read as buttons between separators.
    row = "Back to top · Reply With Quote · Edit · Top"
    text = _card_forum(row, {})
    th = threadparse.parse(text)
    assert [c.speaker.name for c in th.comments] == [p[0] for p in _CARD_POSTS]
    assert not any(row in b.text for c in th.comments for b in c.blocks)


def test_a_signature_under_a_rule_of_hyphens_recurs_with_its_poster():
    # "----------" over a line a poster prints under each post: a signature.
    # A rule with new words under it each time divides a post's sections.
    sigs = {1: "Opinions are my own", 4: "Opinions are my own", 2: "Sent from my phone", 5: "Sent from my phone"}
    text = _card_forum("Quote · Top", sigs)
    th = threadparse.parse(text)
    signed = [text[c.span.start : c.span.end] for c in th.chrome if c.kind == "signature"]
    assert signed.count("----------\nOpinions are my own") == 2
    assert signed.count("----------\nSent from my phone") == 2
    once = _card_forum("Quote · Top", {1: "Part two follows below", 4: "Part three, the last one"})
    assert not [c for c in threadparse.parse(once).chrome if c.kind == "signature"]


def test_a_name_line_under_each_separator_is_the_posts_header():
    # No dates, no header words: "---" and a button row between posts, and
    # each post opens with its poster's name alone on a line; the names
    # recur. The name line is the header, its name the speaker.
    names = ["marta_k", "Pia Lund", "anon105", "marta_k", "Pia Lund", "anon105", "Pia Lund"]
    bodies = [
        "The frost cloth on the leek bed blew off again last night.",
        "Weigh the corners down with bricks, the pegs never hold in wet soil.",
        "Bricks worked for me too, but mind the slugs that hide under them.",
        "Bricks it is. The slugs can have the corners, I suppose.",
        "Beer traps by the bricks sort the slugs out in a week.",
        "Copper tape lasted one season here before it peeled.",
        "The broad beans are up, sown in October under fleece.",
    ]
    text = "Quiet Signal\nHome » Forums » Beds\nFrost cloth - Quiet Signal\n\n"
    text += "\n\n---\n\n".join(f"{who}\n\n{body}\n\nReply · Quote · Edit · Top" for who, body in zip(names, bodies)) + "\n"
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == names
    # without recurring names, the first lines are the posts' own words
    titles = text
    for k, who in enumerate(names):
        titles = titles.replace(f"\n{who}\n", f"\nNote {k}\n", 1)
    assert all(c.speaker.name is None for c in threadparse.parse(titles).comments)


def test_a_dialect_header_inside_a_larger_induced_block_takes_the_block():
    # "Pia Lund" / "» Thu Jan 08, 2026 7:23 pm  #1" / "Joined: ..." / rank:
    # a known site's date line, which its dialect reads (with no author it
    # can name), inside the header the dump's own recurrence shows. The
    # induced block names the author, and is the header: the name line and
    # the card are no comment text.
    names = ["marta_k", "Pia Lund", "Anon 105", "Bo Lind", "Ines", "cyril", "Wren", "marta_k", "Ines", "Pia Lund"]
    bodies = [p[2] for p in _CARD_POSTS[:5]] + [
        "Copper tape lasted one season here before it peeled off the boards.",
        "The broad beans are up, sown in October under two layers of fleece.",
        "Mine rotted, the clay stayed wet all winter long and the seed went soft.",
        "Next year I will raise that bed another plank and dig in grit first.",
        "Grit helps, though leaf mould did more for my clay than anything else.",
    ]
    text = "It is currently Sat Feb 07, 2026 7:28 am\nFrost cloth\nReplies: 9\n\n\n"
    for k, (who, body) in enumerate(zip(names, bodies), 1):
        text += (
            f"{who}\n\n» Thu Jan {k + 7:02d}, 2026 7:2{k % 10} pm  #{k}\n\nJoined: Mar 8, 2019\n\n"
            f"Junior Member\n\n{names[k - 2]}:\n> ...\n{body}\n\n\n"  # (quoting the post before)
        )
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == names
    for c, who in zip(thread.comments, names):
        assert c.header.text.startswith(who) and "Joined: Mar 8, 2019" in c.header.text


_SCORED_POSTS = [
    ("marta_k", "The clay bed stays wet until May, so I sow the beans late."),
    ("Pia Lund", "Raise it a plank and the water runs off by March, in my plot."),
    ("cyril", "A plank of larch, or will any board rot through in two years?"),
    ("marta_k", "Larch lasts ten years here. Pine went soft in three winters."),
    ("Pia Lund", "Mine is oak from a pallet, still sound after six winters now."),
    ("Wren", "Grit dug in under the plank did more than the plank itself."),
    ("cyril", "Then grit first, and the plank next spring when funds allow."),
]


def test_a_name_with_a_signed_score_and_a_level_is_the_posts_header():
    # "marta_k +24 level 1": a name, then only counts and header words. Its
    # names recur, so it is a header; the same shape with a new word each
    # time ("Step 3 level 1", a list) is not.
    text = "Beds and drainage\n\n"
    for k, (who, body) in enumerate(_SCORED_POSTS):
        text += f"{who} +{k * 3 + 1} level {1 + k % 3}\n\n{body}\n\n"
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == [w for w, _ in _SCORED_POSTS]
    assert all(c.header.text.startswith(w) for c, (w, _) in zip(thread.comments, _SCORED_POSTS))
    listing = "".join(f"{w} {k} level {k}\n\n{b}\n\n" for k, (w, b) in enumerate(
        zip(["Dig", "Rake", "Sow", "Water", "Cover", "Weed", "Pick"], [b for _, b in _SCORED_POSTS]), 1))
    assert all(c.header is None for c in threadparse.parse(listing).comments)


def test_a_word_printed_in_nine_headers_of_ten_is_no_author():
    # The button row that ends each post ("Back to top · Reply With Quote")
    # stands in the header block the dump's recurrence finds; its "With" is
    # one value in nearly every block (a page break stands there once, the
    # page title over the first post), a fixed word, not the writer: the
    # name line over the date is.
    posts = _SCORED_POSTS + [
        ("Tove", "Agreed with the grit, and with raising it too."),
        ("Oskar Berg", "I went with sand, which was a mistake with clay."),
        ("Hedda", "Sand with clay sets like brick, as I learnt with mine."),
        ("Pia Lund", "Grit with leaf mould, then the plank: that did it for me."),
        ("Lars", "With larch boards the bed will see out the decade."),
    ]
    posts += posts[2:12]
    text = "Beds and drainage\n\n"
    for k, (who, body) in enumerate(posts, 1):
        if k == 7:
            text += "Page 2 of 3\n\n"
        elif k > 1:
            text += "Back to top · Reply With Quote\n\n"
        text += f"Re: Beds and drainage\n{who}\n[{k % 28 + 1:02d}.01.2026, 0{k % 10}:17] • Post #{k}\n{body}\n"
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == [w for w, _ in posts]


def _chrome_text(thread) -> list[str]:
    return [c.text for c in thread.chrome]


def test_a_row_of_buttons_printed_without_separators_is_chrome():
    # "Quote Back to top Top Multi-Quote": six button words, no "·" between
    # them, closing every post; furniture, not the posts' last paragraph.
    text = "Beds and drainage - Quiet Signal\n\n"
    for k, (who, body) in enumerate(_SCORED_POSTS, 1):
        text += f"Re: Beds and drainage\nPosted by {who}\nPosts: {100 + k}\nDate: {k + 10:02d}/01/2026 19:23\n\n"
        text += f"{body}\nQuote Back to top Top Multi-Quote\n\n"
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == [w for w, _ in _SCORED_POSTS]
    assert all("Multi-Quote" not in b.text for c in thread.comments for b in c.blocks)


def test_a_row_naming_the_poster_with_buttons_under_the_card_is_the_headers():
    # "Pia Lund's avatar  Top | Thanks" under each user card: the poster's
    # name framed by the same words and buttons in every post; it belongs
    # to the header, and the body starts below it.
    text = "Grand Garage\nBeds and drainage - Grand Garage\n7 replies\n\n"
    for k, (who, rank, body) in enumerate(_CARD_POSTS, 1):
        text += f"By {who}\n{k + 10} Jan 2026, 23:{k + 10}\nPosts: {100 * k}\n{rank}\n{who}'s avatar  Top | Thanks\n\n{body}\n\n"
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == [w for w, _, _ in _CARD_POSTS]
    assert all(c.blocks[0].text == body for c, (_, _, body) in zip(thread.comments, _CARD_POSTS))


def test_buttons_under_a_fixed_header_row_are_chrome():
    # "Back to top" ends each header the dump's recurrence finds; "Flag" and
    # "Permalink" under it recur after it in every post: furniture, although
    # the line before them is always the same.
    text = "Cafe Workshop / General Discussion\nBeds and drainage - Cafe Workshop\n7 comments\n"
    for k, (who, body) in enumerate(_SCORED_POSTS, 1):
        text += f"{who} — {k + 1} wks ago  Edit\nBack to top\nFlag\nPermalink\n\n{body}\n"
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == [w for w, _ in _SCORED_POSTS]
    assert all(c.blocks[0].text == body for c, (_, body) in zip(thread.comments, _SCORED_POSTS))


def test_one_button_a_line_under_a_known_sites_header_is_chrome():
    # A Simple Machines theme printing "Reply", "Like" and "Thanks" one a line
    # after the user card: the dialect does not know them, and they are
    # buttons in a row all the same.
    text = "29 comments\n\n"
    for k, (who, body) in enumerate(_SCORED_POSTS, 1):
        text += (
            f"{who}\n\n« on: {k + 7} Jan 2026, 19:2{k} » · {k} points\n\nPosts: {4000 + k}\n\n"
            f"Member since 202{k % 4}  Edit\nReply\nLike\nThanks\n{body}\n\n"
        )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "smf"
    assert sorted(_chrome_text(thread)).count("Like") == len(_SCORED_POSTS)
    assert not any(b.text in ("Reply", "Like", "Thanks") for c in thread.comments for b in c.blocks)


def test_a_slot_whose_values_the_headers_answer_is_the_author_not_the_rank():
    # "Anon 105 — ↪ Anon 45" over the date, the rank line under the date:
    # both vary with the poster, but the headers name the same people as whom
    # a post answers, never a rank. (Two posters only: their ranks look as
    # much like names as their names do.)
    people = {"Anon 105": "Contributor", "Anon 45": "Banned"}
    bodies = [b for _, b in _SCORED_POSTS]
    order = ["Anon 105", "Anon 45", "Anon 105", "Anon 45", "Anon 45", "Anon 105", "Anon 45"]
    text = "Copper Garage\nCopper Garage / Help\nBeds and drainage\n"
    for k, (who, body) in enumerate(zip(order, bodies)):
        other = "Anon 45" if who == "Anon 105" else "Anon 105"
        text += (
            f"{who} — ↪ {other}\n2025-09-{k + 10}T17:11:53Z\n{people[who]}\n"
            f"Registered: Feb 28, 2024\nUser avatar\n\n{body}\n\n"
        )
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == order
    # The template anchored on "Registered:" reads its author from the name
    # line three lines above, not from the rank line just above.
    from threadparse import induce
    from threadparse.text import split_lines

    induce.TRACE = []
    try:
        induce.induce(text, split_lines(text))
        reasons = [r for sk, _, r in induce.TRACE if sk == ("W", ":", "T") and r.startswith("template")]
    finally:
        induce.TRACE = None
    assert reasons and all(r.startswith("template author=(-3, 0)") for r in reasons)


def test_a_names_number_before_a_header_word_and_its_count_stays_in_the_name():
    # "Author: Anon 45 level 3": the number is the name's; "level 3" is the
    # header's field.
    names = ["elliot", "Anon 45", "Anon 110", "Anon 45", "Anon 110", "elliot", "Anon 45"]
    text = "Page 1 of 8  1 2 3 Next »\n\n"
    for k, (who, (_, body)) in enumerate(zip(names, _SCORED_POSTS), 1):
        text += f"Author: {who} level {1 + k % 3}\n#{k} · 09/2{k}/2025 7:11 PM\n{body}\nMulti-Quote\n\n"
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == names


def test_one_button_closing_every_comment_of_a_known_site_is_chrome():
    # "Multi-Quote" alone after each comment of a page a dialect reads: one
    # button, not a row, but it closes every comment, right before the next
    # header. A one-word reply ("Thanks") that ends a comment now and then
    # stays text.
    posts = [(who.replace(" ", "_"), body) for who, body in _SCORED_POSTS]
    text = "Little Signal\nBeds and drainage\n\n"
    for k, (who, body) in enumerate(posts, 1):
        text += f"{who} · {k} weeks ago\n{body}\n" + ("Thanks\n" if k == 3 else "") + "Multi-Quote\n\n"
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == [w for w, _ in posts]
    assert _chrome_text(thread).count("Multi-Quote") == len(_SCORED_POSTS)
    assert "Thanks" in [b.text for b in thread.comments[2].blocks]


def test_a_name_with_a_particle_is_a_name_and_a_quoted_line_repeated_is_no_header():
    # "Post by Ana de la Cruz": four words, one a particle, still a name. The
    # first post's sentence "by default on ... to ... and ..." quoted in each
    # reply recurs word for word: one line printed again, not a header.
    names = ["Ana de la Cruz", "Bo Lindqvist", "Ludwig van Acker"]
    line = "by default on every allotment. I got to keep some seed trays warm and"
    first = f"The shed stays frost free, which is rare\n{line}\nthe beans came up in a week."
    bodies = [first, f"> {line}\n\nSame here.", f"> {line}\n\nMine stay in."]
    text = "Midnight Signal\nHome » Forums » Beds\n\n"
    for k, (who, body) in enumerate(zip(names, bodies), 1):
        text += f"2009-11-1{k} 23:20 » Post by {who} » #{k}\n{body}\n\n"
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == names


def test_one_line_quoted_in_each_reply_is_no_header_template():
    # The same line three times (written once, quoted twice): a template's
    # candidate whose anchors all read the same words is rejected, since a
    # header's fields vary; its constant "author" would otherwise name posts.
    from threadparse import induce
    from threadparse.text import split_lines

    line = "by default on every allotment. I got to keep some seed trays warm and"
    text = f"The shed stays frost free\n{line}\nthe beans came up.\n\n"
    text += "\n\n".join(f"> {line}\n\nReply number {k} says something else entirely." for k in range(2)) + "\n"
    induce.TRACE = []
    try:
        templates = induce.induce(text, split_lines(text))
        reasons = [r for sk, _, r in induce.TRACE if sk[:2] == ("by", "W")]
    finally:
        induce.TRACE = None
    assert not templates
    assert "one line repeated" in reasons
