"""Shapes no renderer of ours drew, each found by parsing an invented copy
of it: singular counts ("1 point"), Markdown emphasis around a name, a reply
tree drawn in box characters, Telegram's "[In reply to X]", chat lines with
the nick before the time stamp, quotes marked with "| " or "» ", a badge or
flag the dialect does not know, names in scripts without case, name lines
opening the blocks of a headerless copy, and a row of buttons under each
comment. Every person and line is invented."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import threadparse

# The invented exchange and shapes of bench/shape_probe.py.
_SPEC = importlib.util.spec_from_file_location(
    "shape_probe", Path(__file__).resolve().parents[1] / "bench" / "shape_probe.py"
)
probe = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(probe)

_BODIES = probe.BODIES
_WHO = probe.HANDLES
# Shapes the probe reads wrong today; every other one must stay right.
_STILL_WRONG = {
    "LinkedIn: name • 2nd / title / age",
    "Instagram: name glued to text",
    "Mastodon: name / @handle@instance / age",
}


@pytest.mark.parametrize("name", [n for n in probe.SHAPES if n not in _STILL_WRONG])
def test_every_probe_shape_read_right_stays_right(name):
    text, who, parents = probe.SHAPES[name]
    ok, what = probe.check(text, who, parents)
    assert ok, what


def _parsed(text: str):
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    return t


def _speakers(text: str) -> list:
    return [c.speaker.name if c.speaker else None for c in _parsed(text).comments]


def test_a_count_of_one_is_the_same_field_as_a_count_of_several():
    # "1 point" and "14 points" are one score field: the headers with a
    # singular count are the template's too and name their author.
    scores = [14, 1, 3, 2, 1, 5]  # (tomasz88 has both singular counts)
    text = "".join(
        f"{who} · {n} {'point' if n == 1 else 'points'} · {k + 1} hours ago\n{body}\n\n"
        for k, (who, n, body) in enumerate(zip(_WHO, scores, _BODIES))
    )
    assert _speakers(text) == _WHO


@pytest.mark.parametrize("shape", ["**{name}** wrote on {date}:", "*{name}* wrote on {date}:", "__{name}__ — {date}"])
def test_markdown_emphasis_around_the_name_is_markup(shape):
    # The asterisks or underscores are the copy's Markdown, not part of the
    # name, and do not make the header a quote's attribution.
    text = "".join(
        shape.format(name=who, date=f"{k + 2} Mar 2024") + "\n\n" + body + "\n\n"
        for k, (who, body) in enumerate(zip(_WHO[:4], _BODIES))
    )
    assert _speakers(text) == _WHO[:4]


def test_a_reply_tree_drawn_in_box_characters_nests_by_the_branch_column():
    text = (
        "├─ maria_k (2024-03-02 10:14)\n"
        "│  I think the bigger question is whether the cache ever gets invalidated.\n"
        "│  ├─ tomasz88 (2024-03-02 10:20)\n"
        "│  │  It does, but only on restart. The docs are wrong about that.\n"
        "│  │  └─ maria_k (2024-03-02 10:31)\n"
        "│  │     That would explain the stale reads we kept seeing.\n"
        "│  └─ quietfox (2024-03-02 11:02)\n"
        "│     Restarting nightly is what we ended up doing.\n"
        "└─ lin_w (2024-03-02 12:40)\n"
        "   Has anyone tried the new release candidate?\n"
        "   └─ tomasz88 (2024-03-02 13:05)\n"
        "      Yes, same behaviour there.\n"
    )
    t = _parsed(text)
    assert [c.speaker.name for c in t.comments] == ["maria_k", "tomasz88", "maria_k", "quietfox", "lin_w", "tomasz88"]
    assert [c.parent_id for c in t.comments] == [None, "c1", "c2", "c1", None, "c5"]
    assert {c.parent_evidence.method for c in t.comments if c.parent_id} == {"depth-marker"}


def test_telegrams_in_reply_to_line_is_header_and_names_whom_the_message_answers():
    text = (
        "maria_k, [02.03.24 10:14]\nI think the bigger question is whether the cache ever gets invalidated.\n\n"
        "tomasz88, [02.03.24 10:20]\nIt does, but only on restart. The docs are wrong about that.\n\n"
        "lin_w, [02.03.24 10:25]\nHas anyone tried the new release candidate?\n\n"
        "maria_k, [02.03.24 10:31]\n[In reply to tomasz88]\nThat would explain the stale reads we kept seeing.\n"
    )
    t = _parsed(text)
    last = t.comments[-1]
    assert [c.speaker.name for c in t.comments] == ["maria_k", "tomasz88", "lin_w", "maria_k"]
    assert last.header.text == "maria_k, [02.03.24 10:31]\n[In reply to tomasz88]"
    assert (last.parent_id, last.parent_evidence.method) == ("c2", "reply-to-header")
    assert [b.text for b in last.blocks] == ["That would explain the stale reads we kept seeing."]


_CLOCKS = ["10:14", "10:15", "10:16", "10:18", "10:19", "10:20"]  # a live log


@pytest.mark.parametrize(
    "prefix",
    ["{0} | {1} | ", "{0} ({1}): ", "{0} [{1}]: ", "{0} [{1}] ", "<{0}> [{1}] ", "{0} - {1}: ", "{0} {1}: ",
     "**{0}** {1}: ", "{0}, [{1}]: "],
)
def test_a_chat_line_may_print_the_nick_before_the_time(prefix):
    bodies = list(_BODIES)
    bodies[2] = "tomasz88: that would explain the stale reads we kept seeing."
    text = "".join(prefix.format(who, clock) + body + "\n" for who, clock, body in zip(_WHO, _CLOCKS, bodies))
    t = _parsed(text)
    assert [c.speaker.name for c in t.comments] == _WHO
    assert [b.text for b in t.comments[0].blocks] == [_BODIES[0]]
    assert t.comments[0].header.text == prefix.format(_WHO[0], _CLOCKS[0]).rstrip()
    assert t.comments[2].parent_id == "c2"  # "tomasz88: ..." answers tomasz88


def test_the_words_before_a_time_are_no_nick_when_they_say_when():
    # "Today at 10:14:", "Posted on 12:10 |": a date's words before a time,
    # recurring as a nick would; no line here is a chat message.
    lines = ["Today at 10:14: the lab is booked", "Yesterday at 09:02: we cleaned the bench",
             "Today at 11:30: the rig is back", "Yesterday at 16:45: nobody came in",
             "Posted on 10:14 | nothing new", "Posted on 12:10 | the fridge broke",
             "Sent at 10:50 | checked it again", "Sent at 14:50 | all fine now"]
    text = "\n".join(lines) + "\n"
    t = _parsed(text)
    assert [c.speaker.name for c in t.comments if c.speaker and c.speaker.name] == []


@pytest.mark.parametrize("sign", ["| ", "» "])
@pytest.mark.parametrize("label", ["Knuth wrote:", "On 1 Mar 2024, Knuth wrote:", "Quote from Knuth:"])
def test_a_quote_marked_by_another_sign_under_an_attribution_is_a_quote_from_outside(sign, label):
    # Every line opens with "| " or "» " under "X wrote:": a quote, though
    # its source is not in the dump (reuse cannot find it).
    text = (
        "maria_k · 2 Mar 2024 10:14\nI think the bigger question is whether the cache is ever invalidated.\n\n"
        "tomasz88 · 2 Mar 2024 10:20\nIt does, but only on restart. The docs are wrong about that.\n\n"
        f"lin_w · 2 Mar 2024 12:40\n{label}\n{sign}Caches are a lie we tell ourselves\n{sign}about memory.\n\n"
        "Has anyone tried the new release candidate?\n"
    )
    t = _parsed(text)
    quotes = [b for c in t.comments for b in c.blocks if b.kind == "quote"]
    assert [(q.text, q.marker, q.source) for q in quotes] == [
        (f"{sign}Caches are a lie we tell ourselves\n{sign}about memory.", "attribution", None)
    ]
    assert t.comments[-1].blocks[-1].kind == "prose"


def test_a_table_under_a_label_that_introduces_no_quote_is_no_quote():
    text = (
        "maria_k · 2 Mar 2024 10:14\nHere are the timings I got:\n| run | ms |\n| one | 12 |\n\n"
        "tomasz88 · 2 Mar 2024 10:20\nIt does, but only on restart. The docs are wrong about that.\n"
    )
    t = threadparse.parse(text)
    assert [b.kind for c in t.comments for b in c.blocks if b.kind == "quote"] == []


def test_words_every_author_value_ends_with_are_the_templates():
    # "Maria Kowalski added a comment - 02/Mar/24 10:14": the words after the
    # name are the same in every header, so they are template text.
    who = ["Maria Kowalski", "Tomasz Nowak", "Maria Kowalski", "Lin Wei"]
    text = "".join(
        f"{w} added a comment - 0{k + 2}/Mar/24 10:14\n{b}\n\n" for k, (w, b) in enumerate(zip(who, _BODIES))
    )
    t = _parsed(text)
    assert [c.speaker.name for c in t.comments] == who
    assert [c.header.author for c in t.comments] == who


@pytest.mark.parametrize("badge", [" (Moderator)", " [OP]"])
def test_a_badge_after_some_names_is_the_dialects_header_shape_still(badge):
    # A dialect reads "maria_k · 2 hours ago"; two headers carry a badge it
    # does not know. They are the same headers (the bracketed group aside),
    # and their author stands where the dialect's headers print theirs.
    text = "".join(
        f"{w}{badge if w == 'tomasz88' else ''} · {k + 2} hours ago\n{b}\n\n"
        for k, (w, b) in enumerate(zip(_WHO, _BODIES))
    )
    assert _speakers(text) == _WHO


def test_an_edited_flag_after_some_headers_keeps_them_headers():
    text = "".join(
        f"{w} · {k + 2} hours ago{' (edited)' if k % 2 else ''}\n{b}\n\n"
        for k, (w, b) in enumerate(zip(_WHO, _BODIES))
    )
    assert _speakers(text) == _WHO


def test_a_name_in_a_script_without_case_is_a_name():
    who = ["Mária Kovács", "Томаш", "Mária Kovács", "林伟", "Томаш", "Ōta Ken"]
    text = "".join(f"{w} · {k + 2} hours ago\n{b}\n\n" for k, (w, b) in enumerate(zip(who, _BODIES)))
    assert _speakers(text) == who


_FULL = ["Maria Kowalski", "Tomasz Nowak", "Maria Kowalski", "Lin Wei", "Tomasz Nowak", "Ken Ota"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_name_line_opening_every_block_of_a_headerless_copy_is_its_header(gap):
    # A comment section copied without its dates: each block opens with the
    # writer's name (on its own line, or as a block of its own); names recur.
    text = "".join(f"{w}{gap}{b}\n\n" for w, b in zip(_FULL, _BODIES))
    t = _parsed(text)
    assert [c.speaker.name for c in t.comments] == _FULL
    assert [c.header.text for c in t.comments] == _FULL
    assert [[b.text for b in c.blocks] for c in t.comments] == [[b] for b in _BODIES]


def test_short_words_opening_blocks_are_no_names():
    # "Thanks" over a paragraph, again and again: words, not writers.
    text = "Thanks\nThat fixed it for me.\n\nAgreed\nSame here, it works now.\n\nThanks\nGreat tip.\n\nAgreed\nWorks.\n"
    t = threadparse.parse(text)
    assert all(c.header is None for c in t.comments)


def test_a_forum_header_with_the_date_after_the_name_is_no_chat_line():
    # "anonymous105 (29.09.2025, 17:11) #1" over a post: the post number is a
    # header field, not a chat message after a nick and a stamp.
    text = "Question with search\n\n" + "".join(
        f"{w} (2{k}.09.2025, 17:1{k}) #{k + 1}\n{b}\n\nSecond paragraph of post {k + 1}, a little longer.\n\n"
        for k, (w, b) in enumerate(zip(_WHO, _BODIES))
    )
    t = _parsed(text)
    assert t.dialect.name != "chat"
    assert [c.speaker.name for c in t.comments] == _WHO


@pytest.mark.parametrize("gap", ["\n", ""])
@pytest.mark.parametrize("row", ["Like · Reply · {a}h", "{a}h  Like  Reply"])
def test_a_row_of_buttons_and_an_age_under_each_comment_closes_it(row, gap):
    # A copied comment section: name, text, then "Like · Reply · 3h" under
    # the text. The row ends the comment above it; the name opens the next.
    text = "".join(f"{w}\n{b}\n{row.format(a=k + 1)}\n{gap}" for k, (w, b) in enumerate(zip(_FULL, _BODIES)))
    t = _parsed(text)
    assert [c.speaker.name for c in t.comments] == _FULL
    assert [[b.text for b in c.blocks] for c in t.comments] == [[b] for b in _BODIES]
    rows = [row.format(a=k + 1) for k in range(len(_FULL))]
    assert [text[p.span.start : p.span.end] for p in t.chrome if p.kind == "ui"] == rows


def test_a_post_number_and_a_name_that_recurs_is_a_header():
    text = "".join(f"#{k + 1} {w}\n{b}\n\n" for k, (w, b) in enumerate(zip(_WHO, _BODIES)))
    assert _speakers(text) == _WHO


def test_a_ranked_list_whose_items_recur_names_no_one():
    # "#1 Python" ... "#4 Python": the items of a list, plain words.
    text = "Top 5 tools\n\n" + "".join(
        f"#{k + 1} {w}\n{b}\n\n"
        for k, (w, b) in enumerate(zip(["Python", "Rust", "Go", "Python", "Bash"], _BODIES))
    )
    t = _parsed(text)
    assert all(c.speaker is None or c.speaker.name is None for c in t.comments)


def test_a_single_word_name_before_a_post_number_and_buttons_stays_a_header():
    # The ranked-list guard is for "#3 word" alone: "Cyan Post #179  Like
    # Edit" is a header with other fields, whatever the names look like.
    who = ["Cyan", "Elliot", "Cyan", "Eternity", "Elliot", "Apricus"]
    text = "Quiet Husky\n\n" + "".join(
        f"Post subject: Re: Problem with my setup\n{w} Post #{k + 177}  Like Edit\n\n{b}\n\n"
        for k, (w, b) in enumerate(zip(who, _BODIES))
    )
    assert _speakers(text) == who


@pytest.mark.parametrize(
    ("date", "day"), [("2024/03/0{d}", "2024-03-0{d}"), ("0{d}.03.2024", "2024-03-0{d}"), ("2024.03.0{d} 10:14", "2024-03-0{d}")]
)
def test_year_first_and_dotted_dates_are_dates_read_day_first_with_dots(date, day):
    # "2024/03/02" is a date (it was read as two numbers and a slash);
    # "02.03.2024" is 2 March, as the countries that print dots write it.
    text = "".join(f"{w} · {date.format(d=k + 2)}\n{b}\n\n" for k, (w, b) in enumerate(zip(_WHO, _BODIES)))
    t = _parsed(text)
    assert [c.speaker.name for c in t.comments] == _WHO
    assert [c.header.posted_at.date().isoformat() for c in t.comments] == [day.format(d=k + 2) for k in range(6)]


def test_last_week_is_an_age():
    ages = ["last week", "last week", "last month", "last week", "yesterday", "last year"]
    text = "".join(f"{w} · {a}\n{b}\n\n" for w, a, b in zip(_WHO, ages, _BODIES))
    t = _parsed(text)
    assert [c.speaker.name for c in t.comments] == _WHO
    assert [c.header.age for c in t.comments] == ages


@pytest.mark.parametrize("nick", ["{w}", "{w} (@{w}:example.org)"])
def test_elements_plain_text_export_is_a_chat_log(nick):
    # Element's plain-text room export: a weekday before the date, a dash,
    # the display name (with the Matrix ID when asked for), a colon.
    who = ["maria", "tomasz", "maria", "lin", "tomasz", "ken"]
    text = "Sat, Mar 2, 2024, 10:10:00 - maria joined the room\n" + "".join(
        f"Sat, Mar 2, 2024, 10:1{k}:00 - {nick.format(w=w)}: {b}\n" for k, (w, b) in enumerate(zip(who, _BODIES))
    )
    t = _parsed(text)
    assert t.dialect.name == "chat"
    assert [c.speaker.name for c in t.comments] == who
    assert [[b.text for b in c.blocks] for c in t.comments] == [[b] for b in _BODIES]
    assert t.comments[0].header.posted_at.isoformat() == "2024-03-02T10:10:00+00:00"
    assert [p.kind for p in t.chrome if p.kind != "header"] == ["meta"]  # the "joined" line


def test_a_year_first_stamp_with_slashes_opens_a_chat_line():
    text = "".join(f"2024/03/02 10:1{k} {w}: {b}\n" for k, (w, b) in enumerate(zip(_WHO, _BODIES)))
    t = threadparse.parse(text)
    assert [c.speaker.name for c in t.comments] == _WHO


def test_chat_rows_of_a_markdown_table_are_messages_without_the_cell_delimiters():
    rows = "".join(f"| {w} | 2024-03-02 10:1{k} | {b} |\n" for k, (w, b) in enumerate(zip(_WHO, _BODIES)))
    text = "| nick | time | message |\n|---|---|---|\n" + rows
    t = _parsed(text)
    assert t.dialect.name == "chat"
    assert [c.speaker.name for c in t.comments] == _WHO
    assert [[b.text for b in c.blocks] for c in t.comments] == [[b] for b in _BODIES]


def test_a_missing_flag_leaves_a_space_that_is_not_a_reply_level():
    # An old-reddit copy prints the poster's flag "[S]" before the score
    # line; where the flag is absent the line keeps its leading space. The
    # header's first line ("[–]name") is flush left in every block: the page
    # shows no nesting, so no comment is made a reply by that space.
    who = ["maria_k", "maria_k", "tomasz88", "maria_k", "ana_s"]
    text = "".join(
        f"[–]{name}\n\n{'[S]' if name == 'maria_k' else ''} {k + 1} points {k + 2} days ago\n\n{body}\n\n"
        "permalinkembedsavereportreply\n\n"
        for k, (name, body) in enumerate(zip(who, _BODIES))
    )
    t = _parsed(text)
    assert [c.speaker.name for c in t.comments] == who
    assert [c.parent_id for c in t.comments] == [None] * len(who)
