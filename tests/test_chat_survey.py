"""Chat shapes found by surveying real logger and messenger outputs (issue #7).

Every fixture here is invented (invented people, invented words); the
structure is that of real tools' output:

- an IRC bouncer log whose stamps print a day and a month name
  (``[14 Jan 12:36]``) and whose nick field is the whole IRC source prefix
  (``<nick!user@host>``), with an identify-msg flag (``+``/``-``) opening the
  messages;
- a short messenger export where each person speaks once, between system
  lines that carry the same dated stamp, one sender saved as a phone number.
"""

from __future__ import annotations

import threadparse

BOUNCER = """\
[3 Mar 09:10] --> pellow (n=pellow@10-1-2-3.dyn.example.net) joined the channel
[3 Mar 09:12] <pellow!n=pellow@10-1-2-3.dyn.example.net> -does anyone know how to rotate the build logs?
[3 Mar 09:13] <quenby!n=quenby@203.0.113.7> +No idea, logrotate maybe
[3 Mar 09:13] <quenby!n=quenby@203.0.113.7> +but I never tried it on that box
[3 Mar 09:14] <pellow!n=pellow@10-1-2-3.dyn.example.net> -ok, I will look at logrotate then
[3 Mar 09:20] *** You disconnected
[3 Mar 09:31] *** You connected
[3 Mar 11:02] <ravel!n=ravel@host-4.example.org> +pellow: logrotate with copytruncate works fine
[3 Mar 11:03] <pellow!n=pellow@10-1-2-3.dyn.example.net> -ravel: thanks, that did it
[3 Mar 11:05] <quenby!n=quenby@203.0.113.7> +nice
[3 Mar 11:06] <ravel!n=ravel@host-4.example.org> +quenby: are you coming on Thursday?
[3 Mar 11:07] <quenby!n=quenby@203.0.113.7> +ravel: yes, after lunch
"""


def test_bouncer_log_with_hostmasks_and_month_names():
    th = threadparse.parse(BOUNCER)
    assert th.dialect.name == "chat"
    speakers = [c.speaker.name for c in th.comments]
    assert speakers == [
        "pellow", "quenby", "quenby", "pellow", "ravel", "pellow", "quenby", "ravel", "quenby",
    ]
    # no part of a hostmask is ever a speaker
    assert not any("@" in (s or "") or "!" in (s or "") for s in speakers)
    # join/part lines are chrome, not comments
    assert sum(1 for ch in th.chrome if ch.kind == "meta") >= 3
    by_id = {c.id: c for c in th.comments}
    # "+pellow: ..." and "-ravel: ..." address the named nick: the flag column
    # opens nearly every message, so it is part of the prefix
    ravel = th.comments[4]
    assert ravel.parent_status == "reply" and by_id[ravel.parent_id].speaker.name == "pellow"
    assert ravel.parent_evidence.method == "addressing"
    thanks = th.comments[5]
    assert thanks.parent_status == "reply" and by_id[thanks.parent_id].speaker.name == "ravel"
    last = th.comments[8]
    assert by_id[last.parent_id].speaker.name == "ravel"
    # the header names the age as printed
    assert th.comments[0].header.age == "3 Mar 09:12"


def test_flag_column_needs_recurrence():
    # a log where one message happens to open with "-" keeps it as text
    log = "\n".join(
        f"[0{h}:1{m}] <{nick}> {text}"
        for h, m, nick, text in [
            (1, 0, "tamsin", "morning all"),
            (1, 1, "orrin", "morning"),
            (1, 2, "tamsin", "-5 degrees outside today"),
            (1, 3, "orrin", "tamsin: stay in then"),
            (1, 4, "tamsin", "orrin: I will"),
            (1, 5, "orrin", "good"),
            (1, 6, "tamsin", "the heating works at least"),
            (1, 7, "orrin", "lucky you"),
        ]
    )
    th = threadparse.parse(log)
    third = th.comments[2]
    assert log[third.blocks[0].span.start : third.blocks[0].span.end].startswith("-5 degrees")


MESSENGER = """\
11/07/2019, 20:15 - Messages to this group are now secured with end-to-end encryption. Tap for more info.
11/07/2019, 20:15 - Ilse Marten created group "Allotment"
11/07/2019, 20:16 - Ilse Marten: Welcome, this group is for the watering rota
12/07/2019, 08:02 - Corwin Aldous: Thanks! I can do Mondays
12/07/2019, 08:40 - +44 7700 900123: Who is this? Sorry, new phone
which plot are you on?
"""


def test_short_messenger_export_everyone_speaks_once():
    th = threadparse.parse(MESSENGER)
    assert th.dialect.name == "chat"
    assert [c.speaker.name for c in th.comments] == ["Ilse Marten", "Corwin Aldous", "+44 7700 900123"]
    # the continuation line stays with its message
    last = th.comments[-1]
    assert MESSENGER[last.span.start : last.span.end].rstrip().endswith("which plot are you on?")
    # system lines with the same stamp are chrome
    kinds = [ch.kind for ch in th.chrome if "group" in ch.text]
    assert kinds and all(k == "meta" for k in kinds)


def test_dated_stamp_alone_does_not_make_a_schedule_a_chat():
    # one stamped name-colon line in a page of prose is no chat log
    text = (
        "Notes from the allotment meeting.\n"
        "We agreed to share the water butts and to rebuild the shed before winter.\n"
        "11/07/2019, 20:16 - Ilse Marten: bring gloves\n"
        "The next meeting is in the community hall, after the summer fair.\n"
        "Everyone is welcome, including people on the waiting list.\n"
    )
    th = threadparse.parse(text)
    assert th.dialect.name != "chat"


def test_numbered_anonymised_names_that_speak_twice_are_people():
    # an anonymised export ("Member 1", "Member 2") is not a post counter:
    # a counter prints each number once, a person speaks more than once
    text = (
        "[02/03/24, 9:14:05 PM] Member 1: is the ferry running tomorrow?\n"
        "[02/03/24, 9:14:40 PM] Member 1: the site says nothing\n"
        "[02/03/24, 9:20:11 PM] Member 2: only the early one\n"
        "the late one was cancelled\n"
    )
    th = threadparse.parse(text)
    assert [c.speaker.name for c in th.comments] == ["Member 1", "Member 1", "Member 2"]


def test_post_counter_is_still_no_speaker():
    text = (
        "Reply #1 - 12/03/2020, 10:00: the pump was replaced last spring\n"
        "Reply #2 - 12/03/2020, 11:30: and the filter in the autumn\n"
        "Reply #3 - 12/03/2020, 12:45: which model did they fit?\n"
    )
    th = threadparse.parse(text)
    assert all((c.speaker.name or "").startswith("Reply") is False for c in th.comments)


def test_day_in_its_own_brackets_before_the_clock():
    # a logger that prints the day and the clock in two bracket pairs
    log = (
        "[Mon Jan 14 2019] [12:36:00] <ursula>\tanyone around?\n"
        "[Mon Jan 14 2019] [12:36:10] <bramwell>\tmorning ursula\n"
        "[Mon Jan 14 2019] [12:36:40] <ursula>\tbramwell: is the glaze order in yet?\n"
        "[Mon Jan 14 2019] [12:37:02] <bramwell>\tursula: arrives thursday\n"
    )
    th = threadparse.parse(log)
    assert th.dialect.name == "chat"
    assert [c.speaker.name for c in th.comments] == ["ursula", "bramwell", "ursula", "bramwell"]
    assert th.comments[0].header.age == "Mon Jan 14 2019 12:36:00"


def test_month_name_day_before_the_clock():
    # "Jan 14 12:36:00 <nick>\ttext": a month name and a day, no year
    log = (
        "Jan 14 12:36:00 <ursula>\tanyone around?\n"
        "Jan 14 12:36:10 <bramwell>\tmorning ursula\n"
        "Jan 14 12:36:40 <ursula>\tbramwell: is the glaze order in yet?\n"
        "Jan 14 12:37:02 <bramwell>\tursula: arrives thursday\n"
    )
    th = threadparse.parse(log)
    assert [c.speaker.name for c in th.comments] == ["ursula", "bramwell", "ursula", "bramwell"]
    assert th.comments[0].header.age == "Jan 14 12:36:00"


SLACK_TWO_LINE = """\
Ilse Marten
  12:36 PM
is the shed key still under the pot?
Corwin Aldous
  12:40 PM
no, Petra has it now
12:41
she took it on Sunday
Ilse Marten
  12:45 PM
ok thanks
"""


def test_slack_copy_with_name_and_clock_on_separate_lines():
    th = threadparse.parse(SLACK_TWO_LINE)
    assert th.dialect.name == "chat"
    assert [c.speaker.name for c in th.comments] == ["Ilse Marten", "Corwin Aldous", "Ilse Marten"]
    # the bare "12:41" continues Corwin's message; it is no header and no nesting
    second = SLACK_TWO_LINE[th.comments[1].span.start : th.comments[1].span.end]
    assert "she took it on Sunday" in second
    assert not any(c.parent_evidence and c.parent_evidence.method == "depth-marker" for c in th.comments)


def test_bare_name_lines_in_a_log_of_inline_messages_label_quotes():
    # Messages say their text on the name's line; a quoting thread printed
    # this way puts a bare "Ines:" over each quote, whose ">" was lost.
    # Those lines are the quotes' labels, inside the quoting message.
    lines = [
        "Ines: The clay bed stays wet until May, so I sow the beans late. Raise it? I might.",
        "Bo: Ines:",
        "The clay bed stays wet until May.",
        "Raise it a plank and the water runs off by March.",
        "Ines:",
        "Raise it? I might.",
        "Do it before the frost, the boards warp in the wet.",
        "Ines: Bo:",
        "Raise it a plank",
        "A plank of larch, or will any board do?",
        "Bo:",
        "Do it before the frost",
        "Which frost, the first one?",
        "Cyril: Larch lasts ten years here. Pine does not.",
        "Bo: Cyril:",
        "Larch lasts ten years here.",
        "Pine went soft in three winters for me.",
        "Cyril:",
        "Pine does not.",
        "Mine neither, three winters and it was mush.",
        "Ines: Then larch it is.",
    ]
    thread = threadparse.parse("\n".join(lines) + "\n")
    assert [c.speaker.name for c in thread.comments] == ["Ines", "Bo", "Ines", "Cyril", "Bo", "Ines"]


def test_a_separator_after_the_stamp_opens_no_nick():
    # "January 08, 2026, 07:23:48 PM · Reply #1 · Likes: 3": a forum
    # header's date and fields; a recapture prints some of them twice, but no
    # nick opens with "· ".
    posts = [("ana_k", "First post text here about the beds."), ("bo", "A reply about the beds."),
             ("cyril", "Another reply, on larch."), ("ana_k", "Larch it is then.")]
    page = ""
    for k, (who, body) in enumerate(posts + posts[:2], 1):
        n = k if k <= len(posts) else k - len(posts)
        page += f"Re: Beds\n\n{who}\n\nJanuary 0{n}, 2026, 07:23:4{n} PM · Reply #{n} · Likes: {n}\n\n{body}\n\n"
    thread = threadparse.parse(page)
    assert thread.dialect.name != "chat"
    assert all(c.speaker is None or not c.speaker.name.startswith("·") for c in thread.comments)
