"""Shapes no renderer of ours drew: Telegram's "[In reply to X]", chat
lines with the nick before the time stamp, quotes marked with "| " or "» ".
Every person and line is invented."""

from __future__ import annotations

import pytest

import threadparse

_BODIES = [
    "I think the bigger question is whether the cache ever gets invalidated at all.",
    "It does, but only on restart. The docs are wrong about that.",
    "That would explain the stale reads we kept seeing.",
    "Has anyone tried the new release candidate?",
    "Yes, same behaviour there.",
    "Restarting nightly is what we ended up doing.",
]
_WHO = ["maria_k", "tomasz88", "maria_k", "lin_w", "tomasz88", "quietfox"]


def _speakers(text: str) -> list:
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    return [c.speaker.name if c.speaker else None for c in t.comments]


def test_telegrams_in_reply_to_line_is_header_and_names_whom_the_message_answers():
    text = (
        "maria_k, [02.03.24 10:14]\nI think the bigger question is whether the cache ever gets invalidated.\n\n"
        "tomasz88, [02.03.24 10:20]\nIt does, but only on restart. The docs are wrong about that.\n\n"
        "lin_w, [02.03.24 10:25]\nHas anyone tried the new release candidate?\n\n"
        "maria_k, [02.03.24 10:31]\n[In reply to tomasz88]\nThat would explain the stale reads we kept seeing.\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
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
    t = threadparse.parse(text)
    threadparse.verify(t, text)
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
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    assert [c.speaker.name for c in t.comments if c.speaker and c.speaker.name] == []


def test_a_forum_header_with_the_date_after_the_name_is_no_chat_line():
    # "anonymous105 (29.09.2025, 17:11) #1" over a post: the post number is a
    # header field, not a chat message after a nick and a stamp.
    text = "Question with search\n\n" + "".join(
        f"{w} (2{k}.09.2025, 17:1{k}) #{k + 1}\n{b}\n\nSecond paragraph of post {k + 1}, a little longer.\n\n"
        for k, (w, b) in enumerate(zip(_WHO, _BODIES))
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    assert t.dialect.name != "chat"
    assert [c.speaker.name for c in t.comments] == _WHO


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
    t = threadparse.parse(text)
    threadparse.verify(t, text)
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
