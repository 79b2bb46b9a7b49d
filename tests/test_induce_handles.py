"""Header induction: ``X wrote:`` headers after the furniture between posts,
display names with a ``@handle``, and labelled depths read after the
templates are resolved. All text is invented."""

from __future__ import annotations

import threadparse
from threadparse import induce
from threadparse.text import split_lines


def _by_id(t):
    return {c.id: k for k, c in enumerate(t.comments)}


def test_a_wrote_header_with_an_age_and_a_score_after_each_separator_is_the_posts_header():
    # "2w Ana Roe +20 wrote:" opens every post, right after the "* * *" between
    # posts: not a mail attribution ("On <date>, X wrote:" over quoted text).
    rows = [("", "2w", "Ana Roe", 20, "The east trough valve sticks on cold nights, I tap it loose every morning."),
            ("", "2w", "Bo Lind", 15, "Same here since the frost came. I started wrapping mine in an old towel."),
            ("↳ ", "1w", "Cy Moss", 2, "A towel holds the damp against the brass, it will corrode faster that way."),
            ("↳ ↳ ", "1w", "Bo Lind", 25, "Fair point, I will try the foam sleeve from the hardware shop instead."),
            ("", "2w", "Dee Park", 16, "Has anyone tried a heat cable on the feed line itself?"),
            ("↳ ", "1w", "Ana Roe", 4, "I have one on mine, it draws very little and the valve has been fine since.")]
    text = "Board index ‹ Workshop\nPage 1 of 2\n\n" + "\n* * *\n\n".join(
        f"{arrows}{age} {who} +{score} wrote:\n\n{body}\n" for arrows, age, who, score, body in rows)
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    assert [c.speaker.name for c in t.comments] == [who for _, _, who, _, _ in rows]


def test_an_on_date_attribution_after_a_recurring_line_stays_an_attribution():
    # The same placement with "On <date>, X wrote:" over quoted text: a mail
    # attribution wherever it stands, never a header.
    posts = []
    for k, (who, quoted) in enumerate((("Ana Roe", "The valve sticks."), ("Bo Lind", "Wrap it."),
                                       ("Cy Moss", "Use foam."), ("Dee Park", "Try a cable."))):
        posts.append(f"On Mon, {k + 3} Mar 2025 at 10:0{k}, {who} wrote:\n> {quoted}\n\nNoted, thanks {k}.\n")
    text = "\n* * *\n\n".join(posts)
    lines = split_lines(text)
    assert [t.key for t in induce.induce(text, lines, set())] == []


def test_a_date_line_that_cannot_reach_the_name_over_it_does_not_demote_itself():
    # Two templates over one header ("Ana Roe @anaroe · Depth: 1" over
    # "Date: Jan 8"): the date line's template reads its author two lines up,
    # but the blocks it shares with the name line's template hold only the
    # date line, so it reads nobody there. Reading nobody is no disagreement.
    rows = [("Ana Roe @anaroe", "Jan 8"), ("bo_lind", "Jan 9"), ("Cy Moss @cmoss", "Jan 9"), ("dee_p", "Jan 10")]
    text = "".join(f"{who} · Depth: 1\nJoined: May 2020\nDate: {d}\n\nBody {k}.\n\n" for k, (who, d) in enumerate(rows))
    lines = split_lines(text)
    shapes = [induce.shape_of(text, ln.start, ln.end) for ln in lines]
    # lines: 0 name, 1 joined, 2 date, 3 blank, 4 body, 5 blank, 6 name, ...
    names = [6 * k for k in range(4)]
    outer = induce.Template(("W", "·", "depth", ":", "N"), anchors=[0, 12, 18],
                            blocks=[[0, 1, 2], [12, 13, 14], [18, 19, 20]], author_slot=(0, 0), score=2.5,
                            shapes=shapes)
    inner = induce.Template(("date", ":", "T"), anchors=[n + 2 for n in names],
                            blocks=[[2], [6, 7, 8], [14], [20]], author_slot=(-2, 0), score=2.0, shapes=shapes)
    assert induce._block_author(inner, 1, text) == "bo_lind"
    assert induce._block_author(inner, 0, text) is None
    templates = [inner, outer]
    induce._containers_first(templates, text)
    assert not inner.demoted


def test_labelled_depths_are_read_over_the_headers_after_the_templates_are_resolved():
    # "Depth: N" on the name line, the date two lines below it: the depth a
    # header prints gives the parent (method depth-marker).
    rows = [("Ana Roe @anaroe", 1, "Jan 8, 2026", "The east trough valve sticks on cold nights."),
            ("bo_lind", 2, "Jan 9, 2026", "Same here since the frost came, I wrap mine in a towel."),
            ("Ana Roe @anaroe", 3, "Jan 9, 2026", "A towel holds the damp against the brass."),
            ("cy_moss", 2, "Jan 10, 2026", "A heat cable on the feed line works for me."),
            ("Dee Park @dpark", 1, "Jan 11, 2026", "Has anyone replaced the whole valve instead?"),
            ("bo_lind", 2, "Jan 12, 2026", "I did, the new ones have the same problem."),
            ("Dee Park @dpark", 3, "Jan 12, 2026", "Good to know, I will keep the old one then.")]
    text = "Help for tags\n\n" + "".join(
        f"{who} · Depth: {d}\nJoined: Oct 12, 2021\nDate: {date}\n\n{body}\nReply With Quote Share Top\n\n"
        for who, d, date, body in rows)
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    ids = _by_id(t)
    assert [c.speaker.name for c in t.comments] == ["Ana Roe", "bo_lind", "Ana Roe", "cy_moss", "Dee Park",
                                                   "bo_lind", "Dee Park"]
    assert [ids.get(c.parent_id) for c in t.comments] == [None, 0, 1, 0, None, 4, 5]
    assert {c.parent_evidence.method for c in t.comments} == {"depth-marker"}


def test_templates_sharing_the_headers_read_their_labelled_depths_as_one_sequence():
    # Each template alone holds every other header: its depths jump (1, 3)
    # and are no depths. Together, in reading order, they step as depths do.
    text = "".join(f"line level {d}\n" for d in (1, 2, 3, 4, 3, 2, 1, 2, 3, 4))
    lines = split_lines(text)
    a = induce.Template(("W",), anchors=[0, 2, 4, 6, 8], blocks=[[0], [2], [4], [6], [8]], author_slot=(0, 0))
    b = induce.Template(("N",), anchors=[1, 3, 5, 7, 9], blocks=[[1], [3], [5], [7], [9]], author_slot=(0, 0))
    assert induce._labelled_depths(a, text, lines) == []
    assert induce._labelled_depths(b, text, lines) == []
    induce._pooled_depths([a, b], text, lines)
    assert (a.depths, b.depths) == ([0, 2, 2, 0, 2], [1, 3, 1, 1, 3])


def test_pooled_depths_that_do_not_step_like_depths_are_left_alone():
    # a rank ("level 12", "level 30"): no depths
    text = "".join(f"line level {d}\n" for d in (12, 30, 12, 30, 40, 12))
    lines = split_lines(text)
    a = induce.Template(("W",), anchors=[0, 2, 4], blocks=[[0], [2], [4]], author_slot=(0, 0))
    b = induce.Template(("N",), anchors=[1, 3, 5], blocks=[[1], [3], [5]], author_slot=(0, 0))
    induce._pooled_depths([a, b], text, lines)
    assert (a.depths, b.depths) == ([], [])


def test_one_writers_display_name_with_a_handle_is_an_author_though_it_never_varies():
    # Only Ana prints a handle after her name, so the template of her
    # header lines holds one value throughout; the handle says it is a
    # person's display name, not a fixed word of the site.
    rows = [("Ana Roe @anaroe", 1, "The east trough valve sticks on cold nights."),
            ("bo_lind", 2, "Same here since the frost came, I wrap mine in a towel."),
            ("Ana Roe @anaroe", 3, "A towel holds the damp against the brass."),
            ("cy_moss", 1, "A heat cable on the feed line works for me."),
            ("Ana Roe @anaroe", 2, "Which cable, the grey one or the orange one?"),
            ("cy_moss", 3, "The orange one, the grey one is for roofs."),
            ("Ana Roe @anaroe", 4, "Thanks, ordered it."),
            ("bo_lind", 1, "Mine is fixed now, the foam sleeve did it.")]
    text = "Pages: [1] 2\n\n\n" + "".join(
        f"{who}, 1 wk ago, level {d}\n{body}\nBack to top Flag\n\n\n" for who, d, body in rows)
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    assert [c.speaker.name for c in t.comments] == [
        "Ana Roe", "bo_lind", "Ana Roe", "cy_moss", "Ana Roe", "cy_moss", "Ana Roe", "bo_lind"]


def test_a_fixed_value_without_a_handle_still_names_nobody():
    # the same layout where every header opens with the site's word: no author
    rows = ["The east trough valve sticks.", "Same here since the frost came.", "A towel holds the damp.",
            "A heat cable works for me."]
    text = "".join(f"Member, 1 wk ago, level 1\n{body}\nBack to top Flag\n\n\n" for body in rows)
    t = threadparse.parse(text)
    assert all(c.speaker is None or c.speaker.name != "Member" for c in t.comments)


def test_a_line_over_a_forum_quote_label_takes_no_author_from_the_label():
    # "And near the end of the post:" recurs over "Quote from: Bo Lind on
    # <date>" in three posts: the label names whom the quote is from, so the
    # recurring line is no header with Bo as its author.
    posts = [("Ana Roe", "8 Jan 2026", "The east trough valve sticks on cold nights, I tap it loose every morning."),
             ("Bo Lind", "10 Jan 2026", "Same here since the frost came. I wrap mine in an old towel now."),
             ("Cy Moss", "11 Jan 2026", "And near the end of the post:\nQuote from: Bo Lind on 10 Jan 2026\n"
              "    I wrap mine in an old towel now.\nA towel holds the damp against the brass."),
             ("Ana Roe", "12 Jan 2026", "And near the end of the post:\nQuote from: Bo Lind on 10 Jan 2026\n"
              "    Same here since the frost came.\nThe frost came early this year, mine froze in October."),
             ("Dee Park", "13 Jan 2026", "A heat cable on the feed line works for me."),
             ("Bo Lind", "14 Jan 2026", "And near the end of the post:\nQuote from: Dee Park on 13 Jan 2026\n"
              "    A heat cable on the feed line works for me.\nWhich cable, the grey or the orange one?")]
    text = "Rusty Garage\nBoard index ‹ Help & Support\n\n" + "".join(
        f"{who}\n{date}\nMessages: {n + 40}  Multi-Quote\n\n{body}\n\n" for n, (who, date, body) in enumerate(posts))
    assert [t.key for t in induce.induce(text, split_lines(text), set())] == ["T"]
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    assert [c.speaker.name for c in thread.comments] == [who for who, _, _ in posts]
