"""The ``chat`` dialect: IRC, Slack, Discord, Telegram, WhatsApp and Matrix copies.

- Line-prefixed logs (``tests/fixtures/chat/NAME.log``) are checked against
  ``NAME.chat.json`` here: their header is the start of a line, which the
  line-based ``.expected.json`` format cannot express. Each message gives its
  line, its exact text (header, unprefixed lines that continue it; a
  table row's trailing time is chrome, not text), the header text,
  speaker, parent (``c1``...), parent status and method, ``age`` and
  ``posted_at``; ``chrome`` lists the non-header chrome with its line, kind
  and text. Header-over-body copies (``NAME.txt``) use the common
  ``.expected.json`` format and run in ``tests/test_fixtures.py``.
- Real data from ``../shared`` (read at test time, skipped when absent): the
  annotated #ubuntu logs (reply-link F and speaker floors, measured by
  ``bench/chat_eval.py``) and the captured chat pages (one comment per
  message, the nick as speaker).
- Properties: ``split_points``/``mark_lines`` are total, cut inside lines,
  never overlap, and run in linear time.
"""

from __future__ import annotations

import bisect
import importlib.util
import json
import re
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import threadparse
from threadparse.dialects import DETECTION_THRESHOLD, get
from threadparse.dialects.chat import link_messages
from threadparse.text import split_lines

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "chat"
SHARED = REPO.parent / "shared"
IRC_DEV = SHARED / "realdata" / "irc_ubuntu_dev"
PAGES = SHARED / "realpages"

# Measured with `PYTHONPATH=src python bench/chat_eval.py` on this commit
# (tune pooled F 0.611, held-out pooled F 0.614, speakers 0.957 / 0.956),
# minus 0.02.
F_FLOOR = {"tune": 0.591, "held-out": 0.594}
SPEAKER_FLOOR = 0.936


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


# --------------------------------------------------------------------------- line-prefixed fixtures


def _log_fixtures() -> list[str]:
    return sorted(p.stem for p in FIXTURES.glob("*.log"))


def test_log_fixtures_exist() -> None:
    names = _log_fixtures()
    assert len(names) >= 8
    for name in names:
        assert (FIXTURES / f"{name}.chat.json").exists(), f"{name}.log has no {name}.chat.json"


@pytest.mark.parametrize("name", _log_fixtures())
def test_line_prefixed_fixture(name: str) -> None:
    text = _read(FIXTURES / f"{name}.log")
    want = json.loads((FIXTURES / f"{name}.chat.json").read_text(encoding="utf-8"))
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    def content(first: int, last: int) -> tuple[int, int]:
        a = starts[first - 1]
        b = starts[last] - 1 if last < len(starts) else len(text)
        while text[a].isspace():
            a += 1
        while text[b - 1].isspace():
            b -= 1
        return a, b

    thread = threadparse.parse(text)
    problems = []
    if thread.dialect.name != want["dialect"]:
        problems.append(f"dialect {thread.dialect.name!r}, want {want['dialect']!r}")
    got = list(thread.comments)
    if len(got) != len(want["messages"]):
        problems.append(f"{len(got)} comments, want {len(want['messages'])}")
    for i, (c, w) in enumerate(zip(got, want["messages"]), 1):
        start = content(w["line"], w["line"])[0]
        have = {
            "text": text[c.span.start : c.span.end],
            "start": c.span.start,
            "header": c.header.text if c.header else None,
            "header_start": c.header.span.start if c.header else None,
            "speaker": c.speaker.name,
            "parent": c.parent_id,
            "status": c.parent_status,
            "method": c.parent_evidence.method if c.parent_evidence else None,
            "age": c.header.age if c.header else None,
            "posted_at": c.header.posted_at.isoformat() if c.header and c.header.posted_at else None,
        }
        expect = {**{k: w[k] for k in ("header", "speaker", "parent", "status", "method", "age", "posted_at")},
                  "text": w["text"], "start": start, "header_start": start}
        for key, value in expect.items():
            if have[key] != value:
                problems.append(f"c{i} (line {w['line']}): {key} {have[key]!r}, want {value!r}")
        if c.header and text[c.header.span.start : c.header.span.end] != c.header.text:
            problems.append(f"c{i}: header text is not the text at its span")
    chrome = sorted((line_of(ch.span.start), ch.kind, ch.text) for ch in thread.chrome if ch.kind != "header")
    want_chrome = sorted((ch["line"], ch["kind"], ch["text"]) for ch in want["chrome"])
    if chrome != want_chrome:
        problems.append(f"chrome {chrome}\n  want {want_chrome}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["slack_copy", "discord_copy", "telegram_copy"])
def test_header_over_body_detected(name: str) -> None:
    thread = threadparse.parse(_read(FIXTURES / f"{name}.txt"))
    assert thread.dialect.name == "chat"


def test_system_lines_are_meta_and_offsets_hold() -> None:
    text = (
        "=== ana [~a@host] has joined #x\n"
        "[10:00] <ana> is the mirror down?\n"
        "*** bo quit (Ping timeout)\n"
        "[10:01] <bo> ana: it is back\n"
        "-!- cy is now known as cyd\n"
        "[10:02] <ana> thanks\n"
    )
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == ["ana", "bo", "ana"]
    meta = [ch.text for ch in thread.chrome if ch.kind == "meta"]
    assert meta == ["=== ana [~a@host] has joined #x", "*** bo quit (Ping timeout)", "-!- cy is now known as cyd"]
    assert [c.prose for c in thread.comments] == ["is the mirror down?", "ana: it is back", "thanks"]
    assert thread.comments[1].parent_id == "c1" and thread.comments[1].parent_evidence.method == "addressing"
    assert thread.comments[2].parent_id == "c2" and thread.comments[2].parent_evidence.method == "addressed-reply"
    for c in thread.comments:
        assert text[c.header.span.start : c.header.span.end] == c.header.text


def test_display_names_in_angle_brackets() -> None:
    """A nick field may hold a display name with spaces; a trailing ``@handle``
    is not part of the name."""
    text = (
        "[10/02/2024 9:58 PM] <Rosa Delgado> the kiln is finally fixed\n"
        "[10/02/2024 10:04 PM] <Tomás Ferreira @tomasf> what was wrong with it?\n"
        "[10/02/2024 10:05 PM] <Rosa Delgado> a loose thermocouple\n"
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    assert [c.speaker.name for c in thread.comments] == ["Rosa Delgado", "Tomás Ferreira", "Rosa Delgado"]
    assert [c.prose for c in thread.comments][1] == "what was wrong with it?"


@pytest.mark.parametrize(
    "text",
    [
        # markup pasted into a post: tags are not nicks
        "Here is my material file:\n<material>\n    <technique name=\"Diff.xml\" />\n"
        "    <pass name=\"base\" />\n    <pass name=\"alpha\" />\n</material>\n<material>\n"
        "    <pass name=\"base\" />\n</material>\nDoes it look right?\n",
        # folded mail References: message ids are not nicks
        "References: <a1.22@example.org>\n    <b3.44@example.org>\n    <a1.22@example.org>\n"
        "    <b3.44@example.org>\n    <c5.66@example.net>\n\nThe body.\n",
        # a forum's date line with a labelled score: one label is not a conversation
        "Ana\n2009-11-22 00:11 - Likes: 4\nFirst post.\n\nBo\n2009-11-22 00:20 - Likes: 3\nSecond.\n\n"
        "Cy\n2009-11-22 00:31 - Likes: 6\nThird.\n",
    ],
)
def test_markup_and_labels_are_not_nicks(text: str) -> None:
    assert get("chat").score(text, split_lines(text)) < DETECTION_THRESHOLD



# An invented forum page whose per-post lines look like "nick | text" and
# "nick: text" prefixes: a button row repeated under every post and a
# labelled user card.
_FORUM_BUTTONS = "".join(
    f"Posted by {name} · Mar {day}, 2022 · {age} · +{score}:\n\n{body}\n\nQuote | Top | Multi-Quote\n\n"
    for name, day, age, score, body in [
        ("Marta Quell", 3, "1mo ago", 27, "The nightly build broke again after the toolchain update."),
        ("Oskar Brandt", 3, "1mo ago", 4, "Which version did you pin? The release notes mention a fix."),
        ("Marta Quell", 4, "1mo ago", 9, "The previous minor one. I will try the fix tomorrow."),
        ("Ines Varga", 5, "4w ago", 2, "Same problem here on the older machines, pinning helped."),
        ("Oskar Brandt", 6, "4w ago", 1, "Good to hear. Closing this once the fix lands."),
    ]
)
_FORUM_CARDS = "Home » Forums » Help » Question with threading\n\n" + "".join(
    f"Post subject: {'Re: ' if k else ''}Question with threading\nby {name}\nPost count: {posts}\n"
    f"Reply #{k + 1} · 6 months ago  Report | Share | Quote\n{body}\n\n* * *\n\n"
    for k, (name, posts, body) in enumerate([
        ("Wren_Abbot", 471, "Compliments like that keep a writer going."),
        ("Tamsin", 6884, "Now I regret not posting mine right after reading."),
        ("Olek", 172, "Was that a spoiler?"),
        ("Tamsin", 6884, "Maybe a minor one, if you do not know the source."),
        ("Olek", 172, "Thank you."),
        ("Quill", 7945, "Title or link?"),
    ])
)


@pytest.mark.parametrize("text", [_FORUM_BUTTONS, _FORUM_CARDS], ids=["button-row", "user-card"])
def test_forum_labels_and_buttons_are_not_speakers(text: str) -> None:
    """Without a stamp, a prefix field counts as a nick only when its owner
    speaks: says words, and different things. ``Quote | Top | Multi-Quote``
    (one text over and over), ``Post count: 471`` (numbers) and
    ``Post subject: Re: X`` (one subject) are labels, so a forum page is not
    read as a chat log."""
    assert get("chat").score(text, split_lines(text)) < DETECTION_THRESHOLD
    thread = threadparse.parse(text)
    assert thread.dialect.name != "chat"
    names = {c.speaker.name for c in thread.comments}
    assert not names & {"Quote", "Post subject", "Post count"}


def test_untimed_speakers_still_count_when_labels_are_set_aside() -> None:
    """The label test leaves a real untimed log alone: people who say words."""
    from threadparse.dialects.chat import _speaking

    values = {"ana": ["the build fails at link time", "ok", "lld 17, same with gold"],
              "post count": ["471", "6884", "172"],
              "post subject": ["Re: Question", "Re: Question", "Re: Question"],
              "quote": ["Top | Multi-Quote"] * 4,
              "bo": ["which linker do you use?", "clear the cache first"],
              "cy": ["wow"]}
    assert _speaking(values) == {"ana", "bo", "cy"}
    text = "".join(f"{n}: {b}\n" for n, b in [
        ("ana", "the build fails at link time"), ("bo", "which linker do you use?"), ("ana", "lld 17 and gold"),
        ("bo", "clear the cache first"), ("ana", "ok that did it"), ("bo", "good to hear")])
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    assert [c.speaker.name for c in thread.comments] == ["ana", "bo"] * 3


def test_header_names_without_markup_and_stamps_without_names() -> None:
    """A header name in Markdown bold or italics is the name without the
    asterisks or underscores; a whole header line in emphasis with a 12-hour
    clock is a chat header even when each person speaks once; a day-relative
    stamp (``Yesterday at 1:40 AM``) is never a name."""
    text = ("**Wren Abbot** 18/01/2010 06:17\nThe kiln is fixed.\n\n"
            "**Tamsin** 18/01/2010 06:40\nWhat was wrong with it?\n\n"
            "**Wren Abbot** 18/01/2010 06:52\nA loose thermocouple.\n")
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    assert [c.speaker.name for c in thread.comments] == ["Wren Abbot", "Tamsin", "Wren Abbot"]
    assert thread.comments[1].header.author == "Tamsin"
    text = ("_Sela Okafor  12:44 PM_\nI pinned the compiler for now.\nThe tests pass again.\n"
            "_Dávid Höwélls  12:58 PM_\nWhich version did you pin?\n")
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    assert [c.speaker.name for c in thread.comments] == ["Sela Okafor", "Dávid Höwélls"]
    text = ("Olek\nYesterday at 12:32 AM\nfirst!\n\nQuill\nYesterday at 1:40 AM\nhello there\n\n"
            "Olek\nYesterday at 1:55 AM\nsee you\n\nQuill\nYesterday at 1:41 PM\nbye\n")
    names = {c.speaker.name for c in threadparse.parse(text).comments}
    assert not any(n and n.startswith("Yesterday") for n in names)

def test_a_slack_name_line_with_a_handle_names_the_display_name() -> None:
    """Slack's copy with the name and the clock on lines of their own, the
    name followed by the person's handle: the speaker is the display name."""
    rows = [("Ana Lima @ana_l", "7:13 AM", "the nightly build is red again"),
            ("Bo Reyes", "7:20 AM", "looking, it is the linker step"),
            ("Ana Lima @ana_l", "7:31 AM", "thanks, ping me when it is green"),
            ("Cy Moss @cmoss", "8:02 AM", "green now, a stale cache")]
    text = "#builds\n" + "".join(f"{who}\n{clock}\n{body}\n\n" for who, clock, body in rows)
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    assert [c.speaker.name for c in thread.comments] == ["Ana Lima", "Bo Reyes", "Ana Lima", "Cy Moss"]
    assert thread.comments[0].header.author == "Ana Lima"


def test_a_one_off_speaker_with_a_middle_initial_opens_the_log() -> None:
    """A name of three capitalised words (``Rosa M Delgado``) speaking once
    is a speaker like the others, not the page's intro; a label of three
    words (``Short answer here:``) is not."""
    rows = [("Rosa M Delgado", "Very nice."), ("Tom Reyes", "Agreed, the second half is the best part."),
            ("Ines", "I liked the diagrams more than the text."), ("Tom Reyes", "The diagrams are great, yes."),
            ("Ines", "Short answer here: read it twice."), ("Kai Blom", "Bookmarked for the weekend.")]
    text = "#reading\n" + "".join(f"{who}: {body}\n" for who, body in rows)
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    assert [c.speaker.name for c in thread.comments] == [who for who, _ in rows]


def test_multi_line_messages_and_one_off_speakers() -> None:
    """Messages of several lines each (few prefixed lines) are still a chat log
    when the stamped prefixes run through the whole dump, and a stamped
    ``nick:`` shape does not need each speaker to speak twice."""
    bodies = ["I tried the new build.\nIt fails at link time.\nAny idea?", "Which linker?\nGold or lld?",
              "lld 17.\nSame with gold.", "Clear the cache first.\nThen rebuild.\nWorked for me.",
              "That did it, thanks.\nClosing the ticket."]
    names = ["ana", "bo", "ana", "cy", "dee"]
    text = "".join(f"14/03/2024 10:{10 + 7 * k:02d} - {n}: {b}\n\n" for k, (n, b) in enumerate(zip(names, bodies)))
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    assert [c.speaker.name for c in thread.comments] == names
    assert thread.comments[0].prose.split() == bodies[0].split()
    text = "".join(
        f"[2019-01-01 21:{30 + k}] {n}: {b}\n"
        for k, (n, b) in enumerate([("kestrel_9", "nice"), ("MossyRock", "agreed, the print is lovely"),
                                    ("tin_can", "where is this?"), ("ober", "a lake up north"),
                                    ("lumen", "wow")])
    )
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == ["kestrel_9", "MossyRock", "tin_can", "ober", "lumen"]
    # no stamps: "<nick> text" opening most lines is enough, whoever speaks
    text = "".join(f"<{n}> {b}\n" for n, b in [("Фриттофеет", "paging the host"), ("Лорд Пиратес", "I was there"),
                                              ("Кхрис", "we love you too"), ("Нова", "same"), ("Ирма", "ha")])
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == ["Фриттофеет", "Лорд Пиратес", "Кхрис", "Нова", "Ирма"]


def test_quote_labels_in_a_forums_comments_are_no_untimed_log() -> None:
    """A forum copy whose comments quote each other under ``name:`` labels
    (bare ones over a quote, or run in with the quoted words) has the same
    spread of ``nick:`` lines as an untimed log of long messages: no line is
    a chat prefix. (A guard: an untimed shape spread over the dump by long
    messages is not read as a log, see ``_accepted_shapes``.)"""
    from threadparse.dialects.chat import _analyse
    from threadparse.text import split_lines

    names = ["ana_k", "bo.lind", "cyril"] * 4
    parts = []
    for k, who in enumerate(names):
        other = names[k - 1]
        parts.append(
            f"{who} · {k + 2} points · {k + 1} days ago\n\n"
            + (f"{other}:\n\nThe valve sticks on cold nights, point {k}.\n\n" if k % 4 == 1 else
               f"{other}: The valve sticks on cold nights, point {k}.\n\n")
            + "I replaced the spindle last spring.\nA drop of oil should do for this winter.\n"
            "The yard shed has the yellow can on the left shelf.\nWe can check it in the morning.\n\n"
        )
    text = "".join(parts)
    found = _analyse(text, split_lines(text), 10**6)
    assert not found.prefixes


def test_a_nick_that_speaks_once_between_messages_is_a_message() -> None:
    """In an untimed ``nick: text`` log, a nick seen once is a message when
    it stands between messages (or right under the log's banner), also in a
    run of such nicks; a ``Summary:`` label inside a message is not."""
    rows = [("Wren Abbot", "Compliments like that keep me writing."), ("Cyan", "I should have posted mine sooner."),
            ("Mika Ode", "Was that a spoiler?"), ("Cyan", "A small one, I blurred it now."), ("Mika Ode", "Thank you."),
            ("kpr", "Title/link?"), ("Cyan", "Lost it, found it again: Trust in Kyon."),
            ("Ola Brandt", "How do we balance this with indecision?"), ("Tove", "Same problem when I shop."),
            ("Cyan", "Adjust what you call justified, fun counts."), ("Mika Ode", "Agreed, comfort is a value too.")]
    text = "--- Log opened Tue Aug 03, 2010 12:22 pm\n" + "".join(f"{n}: {b}\n" for n, b in rows)
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    assert [c.speaker.name for c in thread.comments] == [n for n, _ in rows]
    text = "".join(f"{n}: {b}\n" for n, b in rows[1:5]) + "Summary: three of us agree.\nMore text of Cyan's message.\n"
    thread = threadparse.parse(text + "".join(f"{n}: {b}\n" for n, b in rows[9:]))
    assert "Summary" not in [c.speaker.name for c in thread.comments]


def test_an_untimed_log_where_most_people_speak_once() -> None:
    """``nick: text`` on nearly every line, most speakers once and five of
    them again: a log, read to its last line."""
    rows = [("wren_a", "Compliments like that keep me writing."), ("cyan", "I should have posted mine sooner."),
            ("mika", "Was that a spoiler? If so, please hide it."), ("cyan", "A small one, I blurred it now."),
            ("mika", "Thank you."), ("kpr", "Title or link, please?"), ("cyan", "Lost it, found it again."),
            ("ola_b", "How do we balance this with indecision?"), ("tove", "Same problem here when I go shopping."),
            ("vlad_n", "Adjust what you call justified, fun counts too."), ("tom_b", "Skip the bread, save toothpaste."),
            ("mosa", "Few people approve of that, honestly."), ("ada_d", "I do not see why you think so."),
            ("berry", "Thanks for the link, but that comment was random."), ("ada_d", "That was my conclusion as well."),
            ("bind", "I like this post, not the title though."), ("alic", "It means I endorse the contents."),
            ("bind", "I get the joke, it still reads like an ad."), ("alic", "Of course, it is supposed to."),
            ("mika", "I was confused by the title too."), ("rob_z", "I found it odd but clever after reading it."),
            ("lena", "Same here."), ("pim_k", "Great post overall."), ("jo_r", "Agreed with the title crowd."),
            ("uma", "Clever and clear.")]
    text = "--- Log opened Mon Aug 16, 2010 5:36 am\n" + "".join(f"{n}: {b}\n" for n, b in rows)
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    assert thread.dialect.name == "chat"
    assert [c.speaker.name for c in thread.comments] == [n for n, _ in rows]


def test_stamped_placeholder_nick_and_patch_lines() -> None:
    """``12:00 - [deleted]:`` is a speaker when stamped; ``[1]: url`` never is.
    Lines of a pasted patch (``Index:``, ``file | 3 +``) do not outvote a log's
    stamped prefixes."""
    text = "21:30:01 - ana: hi all\n21:31:12 - [deleted]: gone now\n21:32:40 - bo: ana: hello\n"
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == ["ana", "[deleted]", "bo"]
    text = "See [1].\n\n[1]: https://example.org/a\n[2]: https://example.org/b\n[1]: https://example.org/a\n"
    assert get("chat").score(text, split_lines(text)) < DETECTION_THRESHOLD
    patch = "".join(f"Index: src/f{k}.c\n src/f{k}.c | 3 ++-\n+int x{k};\n-int y{k};\n" for k in range(6))
    text = (f"15:23:18 - Ana Lima: the patch:\n{patch}\n15:40:02 - Bo Chen: Looks fine.\n{patch}\n"
            f"16:01:44 - Ana Lima: Bo Chen: thanks, merged\n{patch}")
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    assert [c.speaker.name for c in thread.comments] == ["Ana Lima", "Bo Chen", "Ana Lima"]


def test_pasted_opening_is_one_message_not_furniture() -> None:
    """A copy that starts with the end of someone's message (a code paste whose
    header was not copied) keeps it as text, none of it page furniture; a
    Slack ``8:07`` under a message is chrome inside that author's comment."""
    text = (
        "Changed the guard like this\n\n// ------------\n// CanTrade()\n// ------------\n"
        "function bool CanTrade(Player p)\n{\n\tif (p.IsHostile())\n\t\treturn true;\n\treturn true;\n}\n\n"
        "Mirela Kovač — Yesterday at 11:53 PM\nstill no luck with the trader\n"
        "Jonah Reyes — Today at 12:11 AM\nCanTrade is called twice\n"
    )
    thread = threadparse.parse(text)
    assert [c.speaker.name if c.speaker else None for c in thread.comments] == [None, "Mirela Kovač", "Jonah Reyes"]
    assert [ch.kind for ch in thread.chrome] == ["header", "header"]
    text = "_Mirela Kovač  8:05 PM_\n\nagenda first\n\n8:07\nthen the build\n\n_Jonah Reyes  8:09 PM_\n\nok\n"
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == ["Mirela Kovač", "Jonah Reyes"]
    assert thread.comments[0].prose.split() == ["agenda", "first", "then", "the", "build"]
    assert [(ch.kind, ch.text) for ch in thread.chrome if ch.kind == "meta"] == [("meta", "8:07")]


# --------------------------------------------------------------------------- reply links


def test_links_need_evidence() -> None:
    msgs = [
        (600, "ana", "anyone using zfs on root?"),
        (601, "bo", "ana: yes, for two years"),
        (601, "ana", "any trouble with upgrades?"),
        (602, "cy", "the mirror is slow today"),  # addresses nobody, log too short: unknown
        (602, "bo", "@ana none so far"),
        (610, "ana", "bo, thanks"),
        (620, "dee", "how do I reset my password"),  # silent, unaddressed, 20 min of log: a start
        (621, "dee", "on the forum, I mean"),
    ]
    out = link_messages(msgs)
    assert out[0] is None
    assert out[1][:2] == (0, "addressing")
    assert out[2][:2] == (1, "addressed-reply")
    assert out[3] is None
    assert out[4][:2] == (2, "addressing")
    assert out[5][:2] == (4, "addressing")
    assert out[6][:2] == (None, "new-conversation")
    assert out[7][:2] == (6, "same-speaker")



def test_a_bare_name_line_over_a_quote_is_no_address() -> None:
    """In a thread copied as a chat, ``Olek:`` alone on a line over more of
    the message labels the quote below it (a quote header), so it does not
    link the message to Olek's latest one. ``Tamsin: habit ...`` typed on the
    message's own line addresses Tamsin, but in a thread printed as a chat
    (days apart) an address alone links nothing: see
    test_a_printed_thread_links_an_address_only_over_the_addressed_words."""
    text = (
        "**Wren Abbot** 08/01/2026 19:23\nThe article argues that kindness is a skill you practise.\n\n"
        "**Olek** 09/01/2026 08:10\nI read it twice and I still do not know what the author means by practice.\n\n"
        "**Tamsin** 10/01/2026 20:59\nOlek:\nKindness is mostly habit, not talent, and habits are built slowly.\n"
        "I am not sure habit covers all of it.\n\n"
        "**Olek** 11/01/2026 09:02\nTamsin: habit is most of it, I think.\n"
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    tamsin, olek = thread.comments[2], thread.comments[3]
    assert tamsin.parent_id is None and tamsin.parent_status == "unknown"
    assert olek.parent_id is None and olek.parent_status == "unknown"

def test_addressing_a_name_never_seen_is_unknown() -> None:
    out = link_messages([(600, "ana", "hello"), (601, "bo", "zed: are you there?")])
    assert out[1] is None


def test_no_times_uses_message_distance() -> None:
    out = link_messages([(None, "ana", "q?"), (None, "bo", "ana: a"), (None, "ana", "ok")])
    assert out[1][:2] == (0, "addressing")
    # Without stamps nothing shows the log is live: the addressee's next
    # message is not taken as the answer (it is in a timed live log).
    assert out[2] is None
    timed = link_messages([(600, "ana", "q?"), (601, "bo", "ana: a"), (601, "ana", "ok")])
    assert timed[2][:2] == (1, "addressed-reply")


def test_untimed_log_reads_no_turn_taking() -> None:
    """An untimed log is read like a thread printed as a chat: a name in
    passing and an addressee's next message link nothing; an opening
    address to the message just before still does."""
    msgs = [(None, "Ilka", "has anyone tried the new tram line?"),
            (None, "Ravi", "Ilka: twice, it skips Dorf street"),
            (None, "Ilka", "odd, the map shows a stop there"),
            (None, "Wen", "I think Ravi took the night service")]
    out = link_messages(msgs)
    assert out[1][:2] == (0, "addressing")
    assert out[2] is None and out[3] is None
    # the same messages a minute apart: a live log, where turn-taking counts
    live = link_messages([(600 + k, who, text) for k, (_, who, text) in enumerate(msgs)])
    assert live[2][:2] == (1, "addressed-reply") and live[3][:2] == (1, "mention")


def test_untimed_logs() -> None:
    """Without stamps a one-off speaker counts once someone addresses them,
    and only an uninterrupted run by one speaker is a continuation."""
    text = "ana: anyone around?\nbo: ana: yes\nana: my build fails on arm\ncy: which compiler?\nana: cy: gcc 13\nbo: try clang\n"
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == ["ana", "bo", "ana", "cy", "ana", "bo"]
    # an addressee's next line is no answer without stamps (nothing shows a live log)
    assert [c.parent_id for c in thread.comments] == [None, "c1", None, None, "c4", None]
    text = "Interviewer: How did you start?\nMaria: By accident, really.\nInterviewer: Go on.\nMaria: I answered an ad.\n"
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == ["Interviewer", "Maria", "Interviewer", "Maria"]
    assert all(c.parent_status == "unknown" for c in thread.comments)


def test_thread_printed_as_chat_claims_no_conversation_starts() -> None:
    """Turn-taking is read only in a live log (time order, minutes apart). A
    thread printed as a chat (hours apart, or times going back) shows no
    conversation starts and no same-speaker runs; addressing still links."""
    live = [(600, "ana", "anyone up?"), (601, "bo", "ana: yes"), (602, "ana", "good"), (603, "cy", "hm"),
            (605, "dee", "how do I reset my password"), (606, "dee", "on the wiki")]
    out = link_messages(live)
    assert out[4][:2] == (None, "new-conversation") and out[5][:2] == (4, "same-speaker")
    slow = [(t * 90, a, h) for t, (_, a, h) in enumerate(live)]  # ninety minutes apart
    out = link_messages(slow)
    assert out[1][:2] == (0, "addressing")
    assert out[4] is None and out[5] is None
    shuffled = [(m[0] + (7 if k % 2 else 0), *m[1:]) for k, m in enumerate(live)]  # times go back
    out = link_messages(shuffled)
    assert out[4] is None


def test_addressing_a_display_name_as_typed() -> None:
    """``anonymous45:`` addresses the speaker shown as ``Añöñymöüs 45``."""
    out = link_messages([(600, "Añöñymöüs 45", "first"), (601, "Rosa Delgado", "anonymous45: why?")])
    assert out[1][:2] == (0, "addressing")


def test_midnight_wraps() -> None:
    out = link_messages([(23 * 60 + 58, "ana", "still there?"), (1, "ana", "hello?")])
    assert out[1][:2] == (0, "same-speaker")


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    "text",
    [
        "From: Ana <ana@example.org>\nTo: list@example.org\nSubject: Re: build\nDate: Tue, 4 Mar 2025 09:12:00 +0000\n\n"
        "Note: the build works.\n\nFrom: Bo <bo@example.org>\nTo: list@example.org\nSubject: Re: build\n\nThanks.\n",
        "Note: this is a forum post.\nEdit: fixed a typo.\n\nI think the schedule is too tight.\n"
        "Update: it moved.\n\nReply\nQuote\n",
        "The meeting is at 10:00 tomorrow.\nBring the notes from 9:30.\nWe finish by 11:15.\n",
    ],
)
def test_prose_mail_and_forums_score_low(text: str) -> None:
    assert get("chat").score(text, split_lines(text)) < DETECTION_THRESHOLD


def test_real_non_chat_pages_are_not_chat() -> None:
    if not PAGES.is_dir():
        pytest.skip(f"no real pages at {PAGES}")
    chat = get("chat")
    for path in sorted(PAGES.glob("*.txt")):
        if path.stem.startswith(("irc_", "chat_")):
            continue
        text = _read(path)
        assert chat.score(text, split_lines(text)) < DETECTION_THRESHOLD, path.name


# --------------------------------------------------------------------------- real data


def _bench():
    spec = importlib.util.spec_from_file_location("chat_eval", REPO / "bench" / "chat_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_real_irc_reply_links_and_speakers() -> None:
    if not IRC_DEV.is_dir():
        pytest.skip(f"the annotated IRC logs are not at {IRC_DEV} (clone beside ../shared)")
    bench = _bench()
    groups = bench.run(IRC_DEV)
    for group, scores in groups.items():
        assert all(s.dialect == "chat" for s in scores), [(s.name, s.dialect) for s in scores]
        total = bench.pooled(scores, group)
        p, r, f = total.prf()
        assert f >= F_FLOOR[group], f"{group}: P {p:.3f} R {r:.3f} F {f:.3f} < {F_FLOOR[group]}"
        assert total.speaker_accuracy >= SPEAKER_FLOOR, f"{group}: speakers {total.speaker_accuracy:.3f}"


_PAGE_NICKS = {
    # page: pattern of a message line, read independently of the dialect
    "irc_1": re.compile(r"\[\d\d:\d\d:\d\d\] (?:<(?P<n>[^>]+)>|\* (?P<a>\S+))"),
    "irc_3": re.compile(r"\d\d:\d\d:\d\d <(?P<n>[^>]+)>"),
    "irc_2": re.compile(r"(?!\*\*\*)(?:\* (?P<a>\S+) |(?P<n>[^\s|*-][^\s|]*) \| )"),
}


def _page_messages(page: str) -> tuple[str, list[tuple[int, str]]]:
    """The page text and its messages as (line start offset, nick), read with a
    pattern of that page's own format; empty messages (a bot's blank line) are
    no comment."""
    path = PAGES / f"{page}.txt"
    if not path.exists():
        pytest.skip(f"no real page at {path}")
    text = _read(path)
    want, pos = [], 0
    for line in text.split("\n"):
        m = _PAGE_NICKS[page].match(line)
        if m and line[m.end() :].strip():
            want.append((pos, m.group("n") or m.group("a")))
        pos += len(line) + 1
    return text, want


@pytest.mark.parametrize("page", sorted(_PAGE_NICKS))
def test_real_irc_pages_one_comment_per_message(page: str) -> None:
    text, want = _page_messages(page)
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    got = {c.header.span.start: c.speaker.name for c in thread.comments}
    dups = [d.span for d in thread.duplicates]
    for start, nick in want:
        if start in got:
            assert got[start] == nick, (start, nick, got[start])
        else:  # see test_repeated_chat_lines_are_messages
            assert any(d.start >= start and d.start - start < 80 for d in dups), (start, nick)
    assert len(got) + len(dups) == len(want)


def test_repeated_chat_lines_are_messages() -> None:
    text, want = _page_messages("irc_1")
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == [nick for _, nick in want]


def test_real_slack_and_discord_pages() -> None:
    slack, discord = PAGES / "chat_slack_1.txt", PAGES / "chat_discord_1.txt"
    if not slack.exists() or not discord.exists():
        pytest.skip(f"no real chat pages in {PAGES}")
    text = _read(slack)
    want, stamps = [], set()
    for line in text.splitlines():
        h = re.fullmatch(r"_(.+?)  \d{1,2}:\d\d [AP]M_", line)
        if h:
            want.append(h.group(1))
        elif want and re.fullmatch(r"_?\d{1,2}:\d\d_?", line):
            stamps.add(line)  # the same author goes on under one name header
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    assert [c.speaker.name for c in thread.comments] == want
    assert {ch.text for ch in thread.chrome if ch.kind == "ui"} >= {"1 reply", "View thread", "1"}
    assert stamps and {ch.text for ch in thread.chrome if ch.kind == "meta"} >= stamps
    text = _read(discord)
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    # The pasted code above the first header is somebody's message whose
    # header was not copied: kept, with an unknown speaker.
    assert [c.speaker.name for c in thread.comments] == [None, "Defaultmom001", "Rubber Ducky WCCC"]


# --------------------------------------------------------------------------- properties

_PIECES = [
    "[10:0{d}] <ana> hi", "[10:0{d}] <bo> ana: yes", "10:0{d}:12 <@cy> ok", "* ana waves",
    "=== dee has joined #x", "-!- ed quit", "6/14/20, 8:0{d} PM - Fa Li: hello", "[14/06/2020, 20:0{d}:11] Fa Li: yo",
    "gil | text | 19:0{d} |", "---|---|---|", "_Han Ode  8:0{d} PM_", "8:0{d}", "ivo — Today at 5:1{d} PM",
    "Jo Ko, [04.06.20 20:0{d}]", "2020-06-04 20:0{d}:12\tkim\tmsg", "plain prose line", "", "<", "[", "1:1",
    "\t", " \u00a0", "12:", "<<>>", "* ", "a: b: c:",
]


@st.composite
def chatty(draw):
    parts = draw(st.lists(st.tuples(st.sampled_from(_PIECES), st.integers(0, 9), st.text(max_size=12)), max_size=30))
    seps = st.sampled_from(["\n", "\r\n", "\n\n", "\r", "\u2028"])
    out = ""
    for piece, d, junk in parts:
        out += piece.format(d=d) + (junk if draw(st.booleans()) else "") + draw(seps)
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chatty())
def test_split_points_and_marks_are_total(text: str) -> None:
    dialect = get("chat")
    lines = split_lines(text)
    dialect.score(text, lines)
    cuts = dialect.split_points(text, lines)
    assert cuts == sorted(set(cuts))
    for cut in cuts:
        k = bisect.bisect_right([ln.start for ln in lines], cut) - 1
        assert lines[k].start < cut < lines[k].end, (cut, lines[k])
    from threadparse.segment import _cut_lines

    pieces = _cut_lines(lines, cuts) if cuts else lines
    marks = dialect.mark_lines(text, pieces)
    end = -1
    for k in sorted(marks):
        assert 0 <= k < len(pieces) and k > end
        end = k + max(1, marks[k].lines) - 1
        assert end < len(pieces)
    thread = threadparse.parse(text)  # the whole pipeline never raises
    for c in thread.comments:
        assert 0 <= c.span.start <= c.span.end <= len(text)


@pytest.mark.parametrize(
    "unit",
    ["[" * 50 + "<" * 50 + "\n", "[10:00] <" + "a" * 60 + "\n", "1:11 " * 40 + "\n",
     "[10:00] <ana> " + "nick: " * 30 + "\n", "x" * 3000 + "\n", "6/14/20, 8:05 PM - " + "Ab " * 30 + ":\n"],
)
def test_linear_time(unit: str) -> None:
    dialect = get("chat")

    def run(n: int) -> float:
        text = unit * n
        lines = split_lines(text)
        t0 = time.perf_counter()
        dialect.score(text, lines)
        dialect.split_points(text, lines)
        dialect.mark_lines(text, lines)
        return time.perf_counter() - t0

    run(50)
    # the best of three: the machine may be busy
    small, big = min(run(400) for _ in range(3)), min(run(1600) for _ in range(3))
    assert big < 8 * small + 0.05, (small, big)  # 4x the input, well under 16x the time


def test_module_doctests() -> None:
    import doctest

    from threadparse.dialects import chat

    result = doctest.testmod(chat)
    assert result.attempted >= 1 and result.failed == 0


def test_a_continuation_is_not_read_across_a_conversation() -> None:
    # Two messages by others between: the speaker goes on with their own line.
    # Three: what they answer is unknown (such links were right about a third
    # of the time on the tune logs).
    from threadparse.dialects.chat import link_messages

    two = [(600, "ana", "the build is red again"), (600, "bo", "lunch anyone?"), (601, "cy", "sure"),
           (602, "ana", "it fails in the linker step")]
    assert link_messages(two)[3] == (0, "same-speaker", 0.5)
    three = two[:3] + [(601, "dee", "me too")] + two[3:]
    assert link_messages(three)[4] is None


def test_without_times_a_run_continues_only_when_it_reads_on() -> None:
    # An untimed log may be a thread printed as a chat: two posts in a row by
    # one person are not a continuation unless the second reads on.
    from threadparse.dialects.chat import link_messages

    msgs = [(None, "ana", "the build is red again"), (None, "ana", "the linker fails on arm64")]
    assert link_messages(msgs)[1] is None
    msgs[1] = (None, "ana", "and the linker fails on arm64")
    assert link_messages(msgs)[1] == (0, "same-speaker", 0.5)


def test_field_labels_and_post_counters_are_not_nicks() -> None:
    # "Date: 9/29/2025 1:43 PM" is a field; "Reply #86" a counter.
    forum = "".join(
        f"Posted by {who}\nDate: 9/{d}/2025 1:4{d % 10} PM\nNote {d} on the {plot} bed.\n\n"
        for d, who, plot in [(21, "Pia Lund", "leek"), (22, "Ola B", "bean"), (23, "Pia Lund", "kale"),
                             (24, "Ola B", "pea")]
    )
    assert threadparse.parse(forum).dialect.name != "chat"
    counted = "".join(
        f"2025-09-{d}T13:43:00Z | Reply #{d + 60} |\nNote {d} on the {plot} bed, and the rain.\n"
        for d, plot in [(21, "leek"), (22, "bean"), (23, "kale"), (24, "pea"), (25, "chard")]
    )
    assert not any(c.speaker.name and c.speaker.name.startswith("Reply") for c in threadparse.parse(counted).comments)


def test_a_handle_after_the_display_name_is_not_part_of_the_name() -> None:
    log = "".join(
        f"{who} @{handle}  {h}:{m:02d} PM\n{text}\n"
        for who, handle, h, m, text in [
            ("Ana Lima", "ana_l", 1, 40, "the build is red again on the arm runners"),
            ("Bo Stein", "bo", 1, 42, "looking, it fails in the linker step"),
            ("Ana Lima", "ana_l", 1, 45, "thanks, I will pin the toolchain for now"),
            ("Bo Stein", "bo", 1, 47, "good, and open an issue so we remember"),
        ]
    )
    assert [c.speaker.name for c in threadparse.parse(log).comments] == ["Ana Lima", "Bo Stein", "Ana Lima", "Bo Stein"]


def test_a_reply_context_line_is_part_of_the_header_and_names_the_parent() -> None:
    log = (
        "ana  1:40 PM\nthe build is red again on the arm runners\n\n"
        "bo  1:42 PM\nlunch at one?\n\n"
        "↪ Replying to @ana\ncy  1:44 PM\nit fails in the linker step, I saw it too\n\n"
        "ana  1:45 PM\nthanks, pinning the toolchain\n"
    )
    thread = threadparse.parse(log)
    assert [c.speaker.name for c in thread.comments] == ["ana", "bo", "cy", "ana"]
    cy = thread.comments[2]
    assert cy.header.text.startswith("↪ Replying to @ana")
    assert cy.parent_id == "c1" and cy.parent_evidence.method == "reply-to-header"
    assert "Replying" not in thread.comments[1].prose


def test_a_label_over_an_inline_quote_is_no_address() -> None:
    # A thread printed as a chat, one line a post: "ana: <ana's words>" opens
    # with the label of a quote, so the post answers the quoted post, not
    # ana's latest message.
    first = "the rhubarb bed floods every spring because the path drains straight into it"
    log = (
        f"1:40 PM - ana: {first}\n"
        "1:42 PM - bo: I keep my seed potatoes in the shed loft over winter now\n"
        "1:44 PM - ana: the loft gets too warm in March, they sprout early\n"
        f"1:46 PM - cy: ana: {first} Put a trench along the path side, it worked for plot nine.\n"
    )
    thread = threadparse.parse(log)
    cy = thread.comments[3]
    assert cy.speaker.name == "cy"
    assert cy.parent_id == "c1" and cy.parent_evidence.method == "quote"


def test_a_forum_header_with_a_stamp_is_not_a_chat_line() -> None:
    forum = "".join(
        f"29.09.2025, 1{d}:4{d} | Posted by {who} | #{d}.\n\n{body}\n\n"
        for d, who, body in [
            (1, "Ana Lima", "The leek bed needs lime before March, or so the old hands say."),
            (2, "Bo Stein", "Beans went in late this year and the frost took half of them."),
            (3, "Ana Lima", "Kale survives anything here, even the pigeons leave it alone."),
            (4, "Bo Stein", "Peas want netting from the first day or the birds get them."),
        ]
    )
    thread = threadparse.parse(forum)
    assert thread.dialect.name != "chat"
    assert [c.speaker.name for c in thread.comments] == ["Ana Lima", "Bo Stein", "Ana Lima", "Bo Stein"]


def test_a_colon_nick_may_carry_a_handle() -> None:
    log = "".join(
        f"{who}: {text}\n"
        for who, text in [
            ("Ana Lima @ana_l", "the build is red again on the arm runners"),
            ("Bo Stein @bo", "looking at it now, it fails in the linker step"),
            ("Ana Lima @ana_l", "thanks, I will pin the toolchain for now"),
            ("Bo Stein @bo", "good, and open an issue so we remember it"),
            ("Cy Park @cy", "the same happens on the riscv boards too"),
            ("Cy Park @cy", "and on the old x86 box in the corner"),
        ]
    )
    thread = threadparse.parse(log)
    assert [c.speaker.name for c in thread.comments] == ["Ana Lima", "Bo Stein", "Ana Lima", "Bo Stein", "Cy Park",
                                                          "Cy Park"]


def test_a_thread_printed_as_a_chat_links_only_what_it_shows() -> None:
    # Hours between posts: not a live log. "ana:" answers ana's post only
    # when it is the one just before; a name in passing and an addressee's
    # next post are no evidence there.
    from threadparse.dialects.chat import link_messages

    posts = [(600, "ana", "the rhubarb bed floods every spring"), (780, "bo", "lunch plans for the work party?"),
             (960, "cy", "ana: dig a trench on the path side"), (1140, "ana", "thanks, I will try it"),
             (1320, "bo", "ana: the trench worked for plot nine too"), (1400, "dee", "did cy try it on the leeks?")]
    links = link_messages(posts)
    assert links[2] is None  # ana's post is two posts up
    assert links[3] is None  # no addressed-reply outside a live log
    assert links[4] == (3, "addressing", 0.75)  # ana's post just before
    assert links[5] is None  # a mention in passing


def _printed_thread(third: str) -> str:
    # A forum thread printed as a chat: stamped lines hours apart.
    return (
        "[09:10] <Ilka> the tram to Dorf street skips the stop after nine in the evening\n"
        "[13:40] <Ravi> the night service stops there, the day line does not\n"
        f"[18:05] <Wen> {third}\n"
    )


def test_a_printed_thread_links_an_address_only_over_the_addressed_words():
    # "Ravi:" over Ravi's own words labels a quote of his post: it answers it.
    quoted = threadparse.parse(_printed_thread(
        "Ravi: the night service stops there, the day line does not -- good to know, thanks"))
    assert quoted.dialect.name == "chat"
    wen = quoted.comments[2]
    assert wen.parent_id == quoted.comments[1].id
    assert wen.parent_evidence.method == "addressing"
    # an address alone, hours later, where the site's own reply record is not
    # printed: unknown (no fallback to the generic @mention rule either)
    for text in ("Ravi: thanks, I will take that one tonight", "@Ravi thanks, I will take that one tonight"):
        thread = threadparse.parse(_printed_thread(text))
        assert thread.dialect.name == "chat"
        assert thread.comments[2].parent_id is None, text
        assert thread.comments[2].parent_status == "unknown", text
    # a live log (minutes apart) still reads the address
    live = threadparse.parse(
        "[09:10] <Ilka> the tram to Dorf street skips the stop after nine\n"
        "[09:11] <Ravi> the night service stops there, the day line does not\n"
        "[09:12] <Wen> Ravi: thanks, I will take that one tonight\n"
    )
    assert live.comments[2].parent_id == live.comments[1].id


def test_repeats_needs_five_words_in_order() -> None:
    from threadparse.dialects.chat import _repeats
    post = "the night service stops there,\nthe day line does not"
    assert _repeats("the night service stops there -- thanks", post)
    assert not _repeats("the night service", post)  # too few words to say
    assert not _repeats("there stops service night the", post)


def test_an_untimed_angle_log_is_not_outvoted_by_colon_labels() -> None:
    """``<ana> text`` opening each message of several lines, in a log whose
    messages hold many ``word:`` openings (inline quote labels, ``Note:``):
    those are no nick field of the log, so they do not outvote its ``<nick>``
    lines (before, the log was read as plain text)."""
    people = ["Wren Abbot", "Tamsin", "Wren Abbot", "Ola 45", "Tamsin", "Ola 45", "Wren Abbot", "Tamsin"]
    nouns = "kiln glaze shelf cone slip clay wheel bisque oxide crawl pinhole shivering frit ash rutile".split()
    text = "--- Log opened Thu Jan 01, 2026 2:35 pm\n"
    for k, who in enumerate(people):
        other = people[k - 1] if k else "Tamsin"
        text += f"<{who}> {other.split()[0].lower()}:\n"
        for j in range(5):
            a, b = nouns[(3 * k + j) % len(nouns)], nouns[(5 * k + 2 * j + 1) % len(nouns)]
            label = people[(k + j) % len(people)].split()[0].lower()
            text += f"{label}:\nthe {a} went {k + j} degrees over on batch {k}{j}\nThen the {b} is to blame, I think.\n"
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    assert [c.speaker.name for c in thread.comments] == people


def test_irssi_log_opened_and_closed_lines_are_system_lines() -> None:
    """irssi writes ``--- Log opened <date>``, ``--- Log closed <date>`` and
    ``--- Day changed <date>`` between messages: system lines (meta chrome),
    not text of the message above them."""
    text = (
        "--- Log opened Mon Feb 02 15:55:00 2026\n"
        "15:55 <wren> is the kiln free tonight?\n"
        "15:56 <tamsin> wren: after eight, the glaze class has it till then\n"
        "--- Day changed Tue Feb 03 2026\n"
        "09:02 <wren> tamsin: the shelf cracked, did anyone see it?\n"
        "09:04 <tamsin> wren: it was cracked last week already\n"
        "--- Log closed Tue Feb 03 09:10:00 2026\n"
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    meta = [text[ch.span.start : ch.span.end] for ch in thread.chrome if ch.kind in ("meta", "post")]
    assert any(m.startswith("--- Day changed") for m in meta)
    assert any(m.startswith("--- Log closed") for m in meta)
    assert all("---" not in text[c.span.start : c.span.end] for c in thread.comments)


_KILN_FIRST = "The kiln shelf cracked along the old repair line during the glaze firing last night."


def _kiln_log(writer: str, reply: str) -> tuple[str, "threadparse.Thread", list[str]]:
    """A three-message log: ``writer``'s line, a reply line (``reply`` holds
    ``{first}`` where it quotes that line) and ``writer``'s answer; the text,
    the thread and its attribution chrome."""
    text = (
        "#kiln\n"
        f"[10:01] <{writer}> {_KILN_FIRST}\n"
        f"[10:05] <tamsin_k> {reply.format(first=_KILN_FIRST)}\n"
        f"[10:09] <{writer}> thanks, the cheaper ones are fine\n"
    )
    thread = threadparse.parse(text)
    return text, thread, [text[ch.span.start : ch.span.end] for ch in thread.chrome if ch.kind == "attribution"]


def test_a_label_opening_a_flattened_message_before_its_quote_is_chrome() -> None:
    """``anonymous45: <her words> <the reply>`` on one line: the label is
    attribution chrome by its place, whether or not a header prints that
    name (here the headers print the nicks ``tamsin_k`` and ``wren22``); it
    says nothing of whose words they are, so the reply's parent still comes
    from the quote's source."""
    _, thread, labels = _kiln_log("wren22", "wren: {first} That shelf was due for the skip anyway, I will order two.")
    assert labels == ["wren:"]
    reply = thread.comments[1]
    assert [b.kind for b in reply.blocks][:1] == ["quote"]
    assert reply.parent_id == thread.comments[0].id


def test_a_handle_label_after_a_sentence_before_a_quote_is_chrome() -> None:
    """``… sentence. w_abbot: <her words>`` inside a flattened message: a
    handle label (a digit or an underscore in it) after a sentence end, right
    before quoted words with a source, is attribution chrome (a name no
    header prints: known by its place)."""
    _, _, labels = _kiln_log("wren_22", "I saw the pieces this morning. w_abbot: {first} It was due for the skip anyway.")
    assert labels == ["w_abbot:"]


def _untimed_log(channel: str, rows: list) -> "threadparse.Thread":
    """``#channel`` over ``nick: text`` lines (messages may run on over
    several lines), parsed and verified: read as chat, one comment per row
    with its nick as the speaker."""
    text = f"#{channel}\n" + "".join(f"{n}: {b}\n" for n, b in rows)
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    assert thread.dialect.name == "chat"
    assert [c.speaker.name for c in thread.comments] == [n for n, _ in rows]
    return thread


def test_untimed_nick_colon_log_of_messages_of_several_lines() -> None:
    """No stamps and few prefixed lines (each message runs on over several
    lines, no blank line between messages): ``nick: text`` is still a log
    when its prefixes run through the whole dump and three people or more
    speak again. A ``Note:`` line inside a message stays its text. The same
    lines with paragraphs between them are what a forum's inline quote
    labels look like (``test_quote_labels_in_a_forums_comments_are_no_untimed_log``)."""
    msgs = [
        ("ana", "The east trough valve sticks again.\nIt happens on cold nights.\nNobody checks it before leaving."),
        ("bo", "I replaced the spindle last spring.\nA drop of oil should do for this winter."),
        ("cy", "Which oil did you use?\nThe yard shed has two kinds.\nNote: the blue can is for the mower."),
        ("ana", "The yellow one, I think.\nIt was on the left shelf."),
        ("bo", "Yes, the yellow one.\nThe blue can is too thin for the valve."),
        ("cy", "Thanks, I will oil it tonight.\nThen we can check it in the morning."),
        ("ana", "Good. I will bring the key to the shed.\nIt hangs by the door now."),
        ("bo", "Perfect, see you in the morning.\nDress warm, it will be frosty."),
    ]
    more = "\nWe said we would write it on the board.\nThe board is by the gate.\nI will check the board tomorrow."
    thread = _untimed_log("allotment", [(n, b + more) for n, b in msgs])
    assert "Note: the blue can" in thread.comments[2].prose
    # with paragraphs between them, the same lines are no log
    spaced = "#allotment\n" + "".join(f"{n}: {b}\n\n{more.strip()}\n\n" for n, b in msgs)
    assert threadparse.parse(spaced).dialect.name != "chat"


def test_people_who_speak_once_in_a_row_between_long_messages_are_messages() -> None:
    """Two or more lines in a row, each a different name seen once, are people
    taking turns even where a message of several lines runs on before or
    after them."""
    rows = [
        ("Wren Abbot", "Compliments like that keep me writing.\nThey really do."),
        ("Cyan", "I should have posted mine sooner.\nI kept meaning to."),
        ("Mika Ode", "Was that a spoiler?\nIf so, blur it please."),
        ("Ola Brandt", "How do we balance this with indecision?"),
        ("Tove", "Same problem when I shop.\nI stand in the aisle for ages."),
        ("Cyan", "Adjust what you call justified.\nFun counts too."),
        ("Mika Ode", "Agreed, comfort is a value too.\nSo is sleep."),
        ("Wren Abbot", "I will write that down.\nThanks, both."),
        ("Cyan", "Any time.\nSee you at the next meetup."),
        ("Wren Abbot", "See you there.\nBring the slides."),
    ]
    _untimed_log("reading-group", rows)


def test_a_name_and_a_bracketed_day_relative_stamp_is_a_header() -> None:
    """``Ana, [01/08/2026 7:23 PM]`` over a message, and the same header as a
    later capture prints it, ``Ana, [Yesterday at 7:23 PM]``: both open a
    message (the relative stamp gives no date)."""
    rows = [("Wren Abbot", "7:23 PM", "Compliments like that keep me writing."),
            ("Cyan", "8:59 PM", "I should have posted mine sooner."),
            ("Mika Ode", "9:04 PM", "Was that a spoiler? If so, blur it."),
            ("Cyan", "9:16 PM", "A small one, I blurred it now.")]
    text = "".join(f"{n}, [01/08/2026 {t}]\n{b}\n\n" for n, t, b in rows[:3])
    text += "".join(f"{n}, [Yesterday at {t}]\n{b}\n\n" for n, t, b in rows[3:])  # (once: nothing to induce)
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    assert thread.dialect.name == "chat"
    assert [(c.speaker.name, c.prose) for c in thread.comments] == [(n, b) for n, _, b in rows]
    assert thread.comments[3].header.posted_at is None


def test_a_relative_age_before_a_pipe_is_no_nick() -> None:
    """``about 6 months ago | Posted by Ana | 7 points``: the age opens every
    header of a forum, the way a nick opens a log's lines, but an age in
    words is never a name; the forum's headers are read instead."""
    rows = [("about 6 months ago", "Wren Abbot", "7", "Compliments like that keep me writing."),
            ("about 6 months ago", "Cyan", "1", "I should have posted mine sooner."),
            ("about 5 months ago", "Mika Ode", "-2", "Was that a spoiler? If so, blur it."),
            ("about 5 months ago", "Cyan", "0", "A small one, I blurred it now."),
            ("about 1 month ago", "Mika Ode", "19", "Thank you."),
            ("an hour ago", "Wren Abbot", "6", "I will write that down.")]
    text = "Board index ‹ Reading group\n\n" + "".join(f"{a} | Posted by {n} | {p} points\n{b}\n\n" for a, n, p, b in rows)
    from threadparse.dialects.chat import _analyse
    from threadparse.text import split_lines

    assert not _analyse(text, split_lines(text), 10**6).prefixes
    thread = threadparse.parse(text)
    assert thread.dialect.name != "chat"
    assert [(c.speaker.name, c.prose) for c in thread.comments] == [(n, b) for _, n, _, b in rows]


def test_messages_that_open_by_quoting_someone_and_bare_quote_labels() -> None:
    """An untimed log whose messages often open with a quote label (``ana42:
    bo17:`` over ``> …``), where ``bo17:`` alone over a quote is a label:
    the log is read, and a bare label is no message of its own."""
    rows = [
        ("wren81", "I think the rota is fair.\nIt gives everyone two weekends."),
        ("cyan7", "wren81:\n> It gives everyone two weekends.\nNot the people on nights.\nThey lose a whole week."),
        ("mika404", "cyan7:\n> They lose a whole week.\nWe could swap nights for a weekend.\nThat evens it out."),
        ("wren81", "mika404:\n> We could swap nights for a weekend.\nGood idea.\nI will draft it tonight."),
        ("cyan7", "mika404:\n> That evens it out.\nAlmost, nights are longer.\nBut I can live with it."),
        ("mika404", "wren81:\n> I will draft it tonight.\nThanks.\nSend it to the group when done."),
        ("wren81", "Draft is in the shared folder now.\nComments welcome until Friday."),
        ("cyan7", "wren81:\n> Comments welcome until Friday.\nLooks fine to me.\nShip it."),
        ("mika404", "Same here, thanks wren81.\nSee you on the rota."),
    ]
    _untimed_log("rota", rows)


def test_a_one_off_name_written_like_the_logs_names_next_to_a_long_message() -> None:
    """A name seen once, written the way the log's names are (``emile1675``
    among ``alicorn513``), opens a message even where a message of several
    lines runs on before or after it; a dialogue quoted inside a message
    (``You: …`` / ``Them: …``) opens none."""
    rows = [
        ("alicorn513", "Official beliefs and unofficial ones differ.\nMost people never notice."),
        ("komponisto77", "I notice it in myself.\nEspecially about exercise."),
        ("alicorn513", "Exactly that.\nYou: \"I believe it.\"\nThem: \"But do you?\""),
        ("komponisto77", "Ha, yes."),
        ("emile1675", "Good article!\nI like the terms."),
        ("komponisto77", "So do I.\nThey fit the akrasia posts."),
        ("alicorn513", "I will link those.\nThanks both."),
        ("komponisto77", "Welcome.\nLooking forward to part two."),
        ("orthonormal440", "You might link Moore's paradox too, a close cousin."),
    ]
    thread = _untimed_log("reading", rows)
    assert "Them: \"But do you?\"" in thread.comments[2].prose


def test_a_chat_clients_button_row_under_every_message_is_chrome() -> None:
    """``Permalink Reply With Quote Edit`` under each message of a copy read
    as chat (``Name  date clock`` headers): a recurring row of buttons is
    furniture, not the end of every message."""
    rows = [("Wren Abbot", "17/01/2010 23:13", "Compliments like that keep me writing."),
            ("Cyan", "18/01/2010 06:38", "I should have posted mine sooner."),
            ("Mika Ode", "18/01/2010 09:04", "Was that a spoiler? If so, blur it."),
            ("Cyan", "18/01/2010 09:16", "A small one, I blurred it now."),
            ("Mika Ode", "18/01/2010 09:19", "Thank you.")]
    text = "Thread: Reading group\n\n" + "".join(
        f"{n}  {d}\n{b}\nPermalink Reply With Quote Edit\n\n---\n\n" for n, d, b in rows
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "chat"
    assert [(c.speaker.name, c.prose) for c in thread.comments] == [(n, b) for n, _, b in rows]


def test_profile_fields_under_a_header_are_no_nicks() -> None:
    """``Registered: May 29, 2002`` and ``Messages: 3475  Share | Permalink``
    under every post open lines the way nicks would, in a dump with no blank
    lines; a label whose values open with a number or a date word is a
    profile's field, and the forum's headers are read instead."""
    rows = [("Wren_Abbot", "January 17, 2010, 11:13:30 PM", "May 29, 2002", "3475", "Compliments like that keep me writing."),
            ("Cyan", "January 18, 2010, 06:38:48 AM", "Dec 30, 2006", "3639", "I should have posted mine sooner."),
            ("Mika_Ode", "January 18, 2010, 09:04:06 AM", "Apr 4, 2002", "3702", "Was that a spoiler? If so, blur it."),
            ("Cyan", "January 18, 2010, 09:16:52 AM", "Dec 30, 2006", "3640", "A small one, I blurred it now."),
            ("Mika_Ode", "January 18, 2010, 09:19:13 AM", "Apr 4, 2002", "3703", "Thank you."),
            ("Wren_Abbot", "January 18, 2010, 10:02:40 AM", "May 29, 2002", "3476", "Anytime, both.")]
    text = "Rusty Lantern\nReading group\n" + "".join(
        f"{n}\n« on: {d} » » Score: 5\n{n}\nRegistered: {r}\nMessages: {m}  Share | Permalink | Multi-Quote\n{b}\n"
        for n, d, r, m, b in rows
    )
    from threadparse.dialects.chat import _analyse
    from threadparse.text import split_lines

    assert not _analyse(text, split_lines(text), 10**6).prefixes
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == [r[0] for r in rows]


def test_a_day_relative_stamp_opens_a_line_like_a_dated_one() -> None:
    """``Yesterday at 2:07 AM | ana | text``: a later capture of a log printed
    ``01/20/2026 2:07 AM | ana | text``; the day-relative stamp is a stamp."""
    rows = [("wren81", "Compliments like that keep me writing."), ("cyan7", "I should have posted mine sooner."),
            ("mika404", "Was that a spoiler? If so, blur it."), ("cyan7", "A small one, I blurred it now."),
            ("mika404", "Thank you."), ("wren81", "Anytime, both.")]
    text = "".join(f"01/20/2026 {k + 1}:0{k} AM | {n} | {b}\n" for k, (n, b) in enumerate(rows[:3]))
    text += "".join(f"Yesterday at {k + 4}:1{k} AM | {n} | {b}\n" for k, (n, b) in enumerate(rows[3:]))
    thread = threadparse.parse(text)
    threadparse.verify(thread, text)
    assert thread.dialect.name == "chat"
    assert [(c.speaker.name, c.prose) for c in thread.comments] == rows


def test_a_speakers_name_alone_over_a_quote_is_a_label_not_a_message() -> None:
    """``wren81:`` alone over ``> …`` quotes wren81, who also speaks in the
    log: the line labels the quote inside the current message."""
    rows = [
        ("wren81", "I think the rota is fair.\nIt gives everyone two weekends."),
        ("cyan7", "wren81:\n> It gives everyone two weekends.\nNot the people on nights.\n"
                  "wren81:\n> I think the rota is fair.\nFair for days only."),
        ("mika404", "We could swap nights for a weekend.\nThat evens it out."),
        ("wren81", "mika404:\n> We could swap nights for a weekend.\nGood idea.\nI will draft it tonight."),
        ("cyan7", "Thanks, both.\nSend it round when done."),
        ("mika404", "cyan7:\n> Send it round when done.\nWill do.\n"
                    "cyan7:\n> Thanks, both.\nAnytime."),
        ("wren81", "Draft is in the shared folder now.\nComments welcome until Friday."),
        ("cyan7", "Looks fine to me.\nShip it."),
    ]
    _untimed_log("rota", rows)


def test_a_table_rule_inside_a_pasted_opening_is_its_text() -> None:
    # found by test_split_points_and_marks_are_total: the pasted opening's
    # code mark and the rule's chrome mark overlapped
    text = "10:00:12 <@cy> ok{\n---|---|---|\n[10:00] <ana> hi\n[10:00] <ana> hi\n"
    lines = split_lines(text)
    marks = get("chat").mark_lines(text, lines)
    covered = [i for k, m in marks.items() for i in range(k, k + max(1, m.lines))]
    assert len(covered) == len(set(covered))


def test_a_footnote_row_in_an_untimed_log_is_no_action() -> None:
    """``* I mean the old valve`` inside a message of an untimed log is a
    list row or a footnote, not ``* nick`` acting: an action in a log
    without stamps needs a nick that speaks in it (``* bo waves`` does)."""
    msgs = [
        ("ana", "The east trough valve sticks again.\n* I mean the old brass one, not the new one.\nIt happens on cold nights."),
        ("bo", "I replaced the spindle last spring.\nA drop of oil should do for this winter."),
        ("cy", "Which oil did you use?\n* Some notes say the blue can, some the yellow.\nThe yard shed has two kinds."),
        ("ana", "The yellow one, I think.\nIt was on the left shelf."),
        ("bo", "Yes, the yellow one.\nThe blue can is too thin for the valve."),
        ("cy", "Thanks, I will oil it tonight.\nThen we can check it in the morning."),
    ]
    thread = _untimed_log("allotment", msgs)
    assert "* I mean the old brass one" in thread.comments[0].prose
    acted = "#allotment\n" + "".join(f"{n}: {b}\n" for n, b in msgs) + "* bo waves\n"
    speakers = [c.speaker.name for c in threadparse.parse(acted).comments]
    assert speakers == [n for n, _ in msgs] + ["bo"]


def test_a_one_off_speaker_written_in_lower_case_after_a_long_message() -> None:
    """``mosasaur: ...`` right after a message of several lines, before the
    next message: written in lower case, as two of the log's speakers write
    their names, it is a speaker who speaks once (a label inside a message,
    ``Note:``, opens its sentence with a capital)."""
    msgs = [
        ("cyan", "The east trough valve sticks again.\nIt happens on cold nights."),
        ("Bindbreaker", "I replaced the spindle last spring."),
        ("alicorn", "Which oil did you use?\nThe yard shed has two kinds."),
        ("cyan", "The yellow one, I think.\nIt was on the left shelf."),
        ("mosasaur", "Yellow is the gear oil, the thin one is for the mower blades."),
        ("Bindbreaker", "Then yellow it is."),
        ("alicorn", "Thanks, I will oil it tonight."),
    ]
    _untimed_log("allotment", msgs)


def test_a_one_off_speaker_whose_message_opens_by_quoting_a_speaker() -> None:
    """``Neo: Elliot:`` over Elliot's quoted words, anywhere in a log whose
    messages open so: a one-off speaker quoting, not a label."""
    msgs = [
        ("Elliot", "The east trough valve sticks on cold nights.\nSomebody should oil it."),
        ("Anonymous 45", "Elliot:\nSomebody should oil it.\nWhich oil?"),
        ("Elliot", "The yellow can on the left shelf.\nIt is the gear oil."),
        ("Anonymous 45", "Thanks, I will do it tonight.\nThe shed key is by the door."),
        ("Elliot", "Anonymous 45:\nThe shed key is by the door.\nIt moved to the gate hook."),
        ("Anonymous 45", "Elliot:\nIt moved to the gate hook.\nFound it, thanks."),
        ("Neo", "Elliot:\nIt is the gear oil.\nThe thin one is for the mower blades."),
        ("Elliot", "Good to know, I mixed them up last year."),
    ]
    _untimed_log("allotment", msgs)


def test_bridged_replies_are_linked_in_linear_time() -> None:
    # Every message a bridged reply to words nobody wrote: each reads at
    # most the answered nick's last few messages, not the whole log.
    from threadparse.dialects.chat import link_messages

    def run(n: int) -> float:
        messages = [(600 + k // 10, "ana[m]" if k % 2 else "bo[m]", '<ana[m] "words nobody wrote here"> no') for k in range(n)]
        t0 = time.process_time()
        link_messages(messages)
        return time.process_time() - t0

    run(100)
    small, big = min(run(1000) for _ in range(3)), min(run(8000) for _ in range(3))
    assert big < 8 * small * 2.5 + 0.05, (small, big)


def _read_as_chat(text: str):
    """The thread of ``text``, checked against it, read by the chat dialect."""
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    assert t.dialect.name == "chat"
    return t


def test_a_log_that_lost_its_opening_brackets():
    # A blog post quoting an IRC exchange as 'nick> text' (the copy lost the
    # '<'), with a wrapped line and a quit line; IRC nicks hold no dots, so
    # a mail's '<ana at example.org> wrote:' split over lines is no nick.
    text = (
        "So I had a conversation on IRC the other day.\n\n"
        "kestrel> Hi, I'm looking for a way to descale a kettle without vinegar,\n"
        "           the smell stays for days.\n"
        "ana_v> kestrel: citric acid, two rinses\n"
        "kestrel> ana_v: where do I buy it?\n"
        "ana_v> kestrel: any pharmacy\n"
        "kestrel> thanks\n"
        "* kestrel has quit (Quit: bye)\n\n"
        "Well, there is a reason people tell you that.\n"
    )
    t = _read_as_chat(text)
    assert [c.speaker.name for c in t.comments] == ["kestrel", "ana_v", "kestrel", "ana_v", "kestrel"]
    assert t.comments[0].prose.endswith("the smell stays for days.")
    assert [c.parent_id for c in t.comments[1:4]] == ["c1", "c2", "c3"]
    mail = (
        "On Wed, Nov 18, 2009 at 1:45 PM, Ana Roe\n<ana at example.org> wrote:\n\n> quoted\n\nreply\n\n"
        "On Wed, Nov 18, 2009 at 2:45 PM, Bo Lind <bo at\nexample.org> wrote:\n\n> quoted again\n\nanother reply\n"
    )
    assert threadparse.parse(mail).dialect.name != "chat"


def test_a_markdown_copy_of_a_log_with_bold_nicks():
    # HexChat converted to Markdown: '**nick** : text' paragraphs and an
    # action '* **nick** is taking notes'.
    rows = [
        ("stultus", "hey gem minipa1 :)"),
        ("gem", "stultus, hey :)"),
        ("minipa1", "stultus, hello!"),
        ("stultus", "minipa1, one quick question about the vectors"),
        ("minipa1", "stultus, what do you mean by creating them?"),
    ]
    text = "## Casual IRC Logs from 29-03-2012\n* Now talking on #pears\n\n"
    text += "".join(f"**{nick}** : {said}\n\n" for nick, said in rows)
    text += "* **stultus** is taking notes\n\n**minipa1** : good, notes help\n"
    t = _read_as_chat(text)
    assert [c.speaker.name for c in t.comments] == [n for n, _ in rows] + ["stultus", "minipa1"]
    assert t.comments[1].parent_id == "c1"  # "stultus, hey" addresses stultus


def test_weechat_right_aligns_its_nick_column():
    rows = [("13:18:31", "smcv", "kestrel: you have several issues here"),
            ("13:18:40", "smcv", "kestrel: 1) refcounting channels"),
            ("13:19:02", "kestrel", "smcv: ok, go on"),
            ("13:19:33", "smcv", "kestrel: 2) getting the operation object")]
    text = "".join(f"    {clock}   {nick:>16} | {said}\n" for clock, nick, said in rows)
    t = _read_as_chat(text)
    assert [c.speaker.name for c in t.comments] == [nick for _, nick, _ in rows]


def test_slack_status_emoji_lets_a_24_hour_clock_and_an_age_be_a_header():
    # A Slack copy in a 24-hour locale: 'Ana Lima:turtle:  22:07' (a status
    # emoji's shortcode after the name), bare clocks for the messages that
    # follow, and a later copy's name line over ':spiral: 2 hours ago'.
    text = (
        "Ana Lima:turtle:  22:07\nso I think my biggest issue is a linguistic one\n22:08\ncommit is a verb to me\n\n"
        "Bo Ek  22:15\nit is a noun in git\n\n"
        "Ana Lima:turtle:  22:20\nright, a node on the graph\n\n"
        "Bo Ek\n:spiral: 2 hours ago\nexactly that\n"
    )
    t = _read_as_chat(text)
    assert [c.speaker.name for c in t.comments] == ["Ana Lima", "Bo Ek", "Ana Lima", "Bo Ek"]
    assert "commit is a verb" in t.comments[0].prose  # (a bare clock goes on with the message above)


def test_without_a_slack_status_a_24_hour_clock_or_an_age_is_no_slack_header():
    # Stack Exchange prints a comment's trailer as 'Ana Roe' over '5 days
    # ago', and a card's 'answered Feb 4 at 15:56': no Slack headers.
    text = "Is this on purpose? –\nAna Roe\n5 days ago\nYes. –\nBo Ek\n5 days ago\nanswered Feb 4 at 15:56\nBo Ek\n"
    chat = get("chat")
    assert not any(m.kind == "header" for m in chat.mark_lines(text, split_lines(text)).values())
    # a recaptured forum prints its dates day-relative under the names
    text = "".join(f"{name}\nYesterday at 1:4{k} AM\n{body}\n\n" for k, (name, body) in enumerate(
        [("Ana Roe", "Team Valor!"), ("Bo Ek", "Best show ever."), ("Ana Roe", "Get him on the podcast.")]
    ))
    assert not any(m.kind == "header" for m in chat.mark_lines(text, split_lines(text)).values())


def test_a_slack_name_line_over_a_clock_in_emphasis():
    # A Markdown copy of Slack: the name line over its clock in emphasis
    # ("_8:05 PM_"), as continuation stamps print it too.
    text = "Ana Lima\n_8:05 PM_\nthe build is green again\n\nBo Ek\n_8:07 PM_\ngreat, merging\n\nAna Lima\n_8:09 PM_\nthanks\n"
    t = _read_as_chat(text)
    assert [c.speaker.name for c in t.comments] == ["Ana Lima", "Bo Ek", "Ana Lima"]
