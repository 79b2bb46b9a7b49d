"""Chat exports: IRC logs, Slack, Discord, Telegram, WhatsApp and Matrix copies.

Two families of shapes, both learnt from the dump's own recurrence rather
than one pattern per site:

**Line-prefixed logs.** A message is one line: an optional time stamp, a nick
field, then the text::

    [03:10] <yohannes> can anyone recommend any app to create/open *.rar file?
    18:58:14 <AlanBell> #startmeeting IRC team
    [2020-06-04 20:05:12] <@alice:example.org> hello
    6/4/20, 8:05 PM - Diego Molina: the agenda will be:
    [04.06.20, 20:05:12] Diego Molina: the agenda will be:
    2020-06-04 20:05:12	alice	tab-separated (WeeChat)
    clarkb | Anyone else here for the meeting? | 19:00 |
    [13:30:54] * popey pokes AlanBell
    [14 Jan 12:36] <pia!n=pia@host.example> +morning all
    [Mon Jan 14 2019] [12:36:00] <pia>	morning all

Every line's prefix is read into a *shape*: the time stamp with its digits
folded (``[9:9]``, ``9/9/9, 9:9 PM -``) and the kind of nick field (``<nick>``,
``nick:``, ``nick |``, ``nick<TAB>``). A nick field may hold a display name of
up to five words (``<Rosa Delgado>``; a trailing ``@handle`` is not part of
the name); markup (``<pass name="x" />``, ``</p>``) and mail addresses or ids
in angle brackets are not nicks. Shapes are counted over the dump (stamped
shapes against stamped ones only, so a pasted patch's ``Index:`` lines do not
outvote a log's stamps), and a shape is accepted when it recurs with nick
values that repeat, or, for a stamped shape, when its lines *spread* over the
dump (from near its first line to near its last: messages of several lines
each, or a thread where most people speak once). A short export where
each person speaks once is read when its dated stamp opens at least half of
the dump's lines, messages and system lines (``You created group``) alike.
One value throughout
(``2009-11-22 00:11 - Likes: 4``) is a field label, not a conversation;
``Reply #86``, ``Reply #87`` (each number once) is a post counter, while
``Person 1`` speaking twice is an anonymised name. The nick of an IRC
source prefix (``<pia!n=pia@host>``) is the part before ``!``; a sender
printed as a phone number (``+41 79 123 45 67:``) is a speaker; a
one-character flag opening three messages in four of a shape (a bouncer's
identify-msg ``+``/``-``) is part of the prefix, so ``+ana: hi`` addresses
ana.
Without a stamp, a ``nick:``/``nick |`` field counts only when its owner
*speaks*: at least a third of their lines say words (two or more), and
different things. A forum page's labels and button rows (``Post count: 471``,
``Post subject: Re: X``, ``Quote | Top | Multi-Quote``) print numbers or one
text over and over, so they do not make the page a chat. Where a third of
the ``name:`` lines or more say something on the line, a bare ``name:``
line is a quote's label (a quoting thread printed as a chat, its quotes'
``>`` lost), not a message. No nick opens with a separator and a space
(``07:23:48 PM · Reply #1 · Likes:``: a forum header's fields).
``* nick`` actions and system lines are accepted as companions of an
accepted shape with the same time stamp (in a log without stamps, an action
only when its nick speaks in the log: ``* I don't mean ...`` is a list row).
:meth:`Chat.split_points` cuts an accepted line after its prefix, so the
prefix becomes a ``header`` mark (``author``, ``age``, and ``posted_at`` when a full date is printed: naive
unless a zone is printed, then aware UTC) and the rest is the message text.
System lines (``=== x has joined #ubuntu``, ``*** x quit``, ``-!- ...``, nick
changes, a WhatsApp line with a stamp and no name) are ``meta`` chrome. Lines
before the first message (a page intro) are ``post`` chrome; unprefixed lines
after a message continue it.

**Header over body.** A header line, then one or more lines of text::

    _Diego Molina  8:05 PM_          (Slack; a bare ``8:07`` under it is
                                      ``meta`` chrome: the same author's
                                      message goes on under one name header)
    Diego Molina                     (Slack, the name and a 12-hour clock
      8:05 PM                         on lines of their own: one header)
    Defaultmom001 — Yesterday at 11:53 PM      (Discord)
    Diego Molina, [04.06.20 20:05]             (Telegram)
    **Diego Molina** 04/06/2020 20:05          (Markdown copy: the name is
                                                without the asterisks)

A whole header line in emphasis with a 12-hour clock (``_Diego Molina  8:05
PM_``) is a header even when each person speaks once; a day-relative stamp
(``Yesterday at 1:40 AM``) is never a name.
A line-prefixed message that opens with ``Name:`` over a quote of Name's words
(a thread printed as a chat) opens with the quote's label, not an address;
and a conversation start gives way to a quote of an earlier message.
A reply context printed over a message (Discord's ``↪ Replying to @ana``, a
``╭ @ana: words`` preview) is part of that message's header and names whom it
answers (``reply-to-header``, read before turn-taking).
Slack reaction counts (a lone number), ``1 reply``, ``View thread`` and
``4 days ago`` under a message are ``ui`` chrome.

Reply links (:meth:`Chat.link_replies`) come from evidence only: a Matrix
reply relayed to IRC (``<ana[m] "the first 32 characters"> text``) answers
ana's latest message that opens with those words (``reply-to-header``, and
a bridge's ``[m]`` tag is dropped when a nick is addressed); a message
that opens with ``nick:``/``nick,``/``@nick`` answers that nick's latest
message, or their message to this speaker a moment before when the latest went
to someone else (``addressing``); one that names a recent speaker elsewhere
answers them (``mention``); a message addressed to someone, or replying to
them, is answered by that person's next message (``addressed-reply``); a
speaker's message a few minutes after their own last one continues it
(``same-speaker``; one opening with ``and``/``but``/``...`` always does),
unless more than two messages by others came between (then it is unknown).
Without time stamps nothing shows that a log is live, and it is read like a
thread printed as a chat (below). A message that addresses nobody, from a speaker who was neither
speaking nor spoken to in the minutes the log shows before it, starts a
conversation (``new-conversation``: top-level). Turn-taking is read only in
a *live* log: messages in time order, the median gap between them at most
five minutes. A thread printed as a chat (hours between posts, or posts in
tree order so that times go back) shows no conversation starts, and there a
speaker continues their own message only in an uninterrupted run that reads
on (``and ...``), a name in passing and an addressee's next post link
nothing, and ``ana:`` links only when ana's post is the one just before (her
latest post further up was right a quarter of the time on exploratory
styles); an untimed log is read the same way. In a thread printed as a chat
(timed, hours apart) ``ana:`` links only when the first five words after it
repeat words of ana's post (the label of a quote of it): an address alone,
where the site's own reply record was not printed, was right about half the
time on exploratory styles. An address may be typed without a
display name's accents and spaces (``anonymous45:`` for ``Añöñymöüs 45``).
A bare ``Name:`` line over more of a message, and quoted text, are not
the writer's own opening (a copied thread's quote header and its quote), so
they address nobody; in a line-prefixed log the message is what its line says.
Everything else is unknown.
The minutes were tuned on five of the ten annotated #ubuntu logs;
``bench/chat_eval.py`` measures them on all ten.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Optional

from ..dates import estimate
from ..text import Line
from . import SAMPLE_LINES, Dialect, LineMark, register

_SAMPLE_LINES = SAMPLE_LINES  # the lines score() reads (dialects by region look past them)
_PREFIX_CHARS = 160  # only the start of a line is read for a prefix
_MAX_HEADER_LINE = 120  # header-over-body header lines are short
_MAX_NICK_WORDS = 5  # a display name in a nick field: "<Ana Lima @analima>"
_VALUE_CHARS = 120  # how much of the text after a prefix is kept to tell a speaker from a label

# --------------------------------------------------------------------------- time stamps

_CLOCK = r"\d{1,2}:[0-5]\d(?::[0-5]\d)?(?:[.,]\d{1,6})?"
_AMPM = r"(?:[ \u202f\u00a0]?[AaPp]\.?[Mm]\.?)"
_MONTH_NAME = r"(?:[A-Z][a-z]{2}|[A-Z][a-z]{3,8})"
_DATE = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})"
    # "14 Jan", "14 Jan 2008", "Jan 14": a logger's day and month name (dircproxy, ZNC);
    # "Sat, Mar 2, 2024": Element's plain-text export, a weekday first
    r"|(?:[A-Z][a-z]{2,8},?[ ])?(?:\d{1,2}[ ]" + _MONTH_NAME + r"(?:[ ]\d{4})?|" + _MONTH_NAME + r"[ ]\d{1,2}(?:,?[ ]\d{4})?))"
)
_ZONE = r"(?:[ ]?(?:Z|UTC|GMT|[+-]\d\d:?\d\d)(?![\w:]))"
# A day-relative date before a clock ("Yesterday at 2:07 AM"), as a later
# capture prints the same stamp: one spelling for every stamp shape below.
_DAY_AT = r"(?:Today|Yesterday)[ ]at[ ]"
_STAMP = rf"(?:{_DATE}(?:,?[ ]{{1,2}}|T)|{_DAY_AT})?{_CLOCK}{_AMPM}?{_ZONE}?"

_STAMP_PARTS = re.compile(
    r"(?:(?P<date>" + _DATE + r")(?:,?[ ]{1,2}|T))?(?P<h>\d{1,2}):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?"
    r"(?:[.,]\d{1,6})?(?P<ampm>" + _AMPM + r")?(?P<zone>" + _ZONE + r")?"
)

# --------------------------------------------------------------------------- line-prefixed shapes

# A day printed in brackets of its own before the clock's ("[Mon Jan 14 2019] [12:36:00]").
_DAY_BRACKET = (
    r"\[(?P<tday>(?:[A-Z][a-z]{2,8},?[ ])?(?:" + _MONTH_NAME + r"[ ]\d{1,2},?[ ]\d{4}"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}))\][ ]{1,2}"
)
_PREFIX = re.compile(
    r"[ \t]{0,8}"
    rf"(?:(?:{_DAY_BRACKET})?(?P<ts>\[(?P<tb>{_STAMP})\]|\((?P<tp>{_STAMP})\)|(?P<tn>{_STAMP}))"
    r"(?P<tsep>[ \t]{0,24}(?:[-–|][ \t]{1,4})?))?"  # (WeeChat right-aligns nicks in a column)
    r"(?:"
    r"(?P<em>__|\*\*)?<(?P<mode>[ @+%&~!]?)(?P<angle>[^\s<>](?:[^<>\t]{0,62}[^\s<>])?)[ ]?>(?(em)(?P=em))"
    r"|(?P<gt>[^\W\d][\w\-`^{}]{0,29})>(?=[ ])"  # ("ana> hi": a copy that lost the "<"; IRC's nick characters)
    r"|\*\*(?P<bold>[^\s*:<>|][^*:<>|\t\n]{0,38}?)\*\*[ ]?:(?=[ \t]|$)"  # ("**ana** : hi": a Markdown copy)
    r"|(?P<sys>={3,}|\*{3}|-!-|-->|<--|---(?=[ ](?:Log|Day)[ ])|--|!)(?=[ ])"  # ("--- Log opened <date>": irssi)
    r"|\*[ ]{1,2}(?P<aem>\*\*)?(?P<actor>[^\s*]{1,40})(?(aem)\*\*)(?=[ ]|$)"
    r"|(?P<colon>[^\s:<>\[\]|*=][^:<>\[\]|\t]{0,48}?|\[[^\s\[\]:]{1,30}\])(?:[ ]\(@[^\s()@]{1,40}:[^\s()]{1,60}\))?:(?=[ \t]|$)"  # ("ana (@ana:example.org):", a Matrix ID)
    r"|(?P<pipe>[^\s|*][^|\t]{0,38}?)[ ]{1,3}\|(?=[ ]|$)"
    r"|(?P<tab>[^\t\s*][^\t]{0,38})\t"
    r")"
    r"[ \t]{0,8}"
)
# The nick first, then the stamp, then the text: "ana | 10:14 | hi",
# "ana (10:14): hi", "ana [10:14]: hi", "<ana> [10:14] hi", "**ana** 10:14: hi".
_NICK_THEN_STAMP = re.compile(
    r"[ \t]{0,8}(?P<cell>\|[ ]{1,3})?(?:<(?P<angle>[^\s<>](?:[^<>\t]{0,62}[^\s<>])?)>"
    r"|\*{0,2}(?P<name>[^\W\d_][^:<>\[\]|*=()\t]{0,38}?)\*{0,2})"
    r"(?P<nsep>,?[ ]{1,2}(?:[-|@·–—][ ]{1,2})?)"
    rf"(?P<ts>\[(?P<tb>{_STAMP})\]|\((?P<tp>{_STAMP})\)|(?P<tn>{_STAMP}))"
    r"(?P<tsep>[ ]?[:|\-–][ ]{1,3}|(?<=[\])])[ \t]{1,4})(?=\S)"
)
# What a client prints after "* nick" about someone's membership: a system
# line, no action the nick typed (HexChat, XChat, mIRC).
_MEMBERSHIP = re.compile(
    r"(?:has[ ](?:quit|joined|left|been[ ]kicked)|is[ ]now[ ]known[ ]as|(?:has[ ])?changed[ ]the[ ]topic|sets[ ]mode|"
    r"was[ ]kicked)\b"
)
# A stamp followed by text with no nick field: a system line of a stamped log.
_STAMP_ONLY = re.compile(
    rf"[ \t]{{0,8}}(?:\[(?P<tb>{_STAMP})\]|\((?P<tp>{_STAMP})\)|(?P<tn>{_STAMP}))"
    r"(?P<tsep>[ \t]{0,4}(?:[-–|][ \t]{1,4})?)"
)
# The time a flattened HTML table prints at the end of a row: "| 19:00 |".
_TRAILING_STAMP = re.compile(rf"[ ]?\|[ ]?(?P<t>{_STAMP})[ ]?\|(?:[ ]?\|)?[ \t]*\Z")
_TABLE_RULE = re.compile(r"[ \t]*(?:-{3,}\|){2,}[ \t-]*\Z")
# Words that print "Word: value" lines in mail and forms, never nicks.
_NOT_NICKS = frozenset(
    """from to cc bcc date subject sent re fwd reply-to message-id in-reply-to references
    note edit edited update updated ps p.s source http https quote warning error example
    q a answer question summary title author tags tl;dr
    i me you him her us them we they it""".split()  # ("Me: … / Them: …", a dialogue quoted in a message)
)
# An IRC source prefix in a nick field: the nick, then "!user@host".
_HOSTMASK = re.compile(r"(?P<nick>[^\s!@<>]{1,40})![^\s@<>]{1,64}@[^\s<>]{1,120}")
# A sender printed as a phone number (a contact not in the address book).
_PHONE = re.compile(r"\+\d[\d \-()\u00a0\u202a\u202c]{5,22}\d")
_STRONG_SYSTEM = frozenset({"===", "====", "***", "-!-", "-->", "<--", "---"})

_HTML_TAGS = frozenset(
    "a b i p u br hr li ol ul em tt dd dl dt td th tr div span pre code html head body table img".split()
)
# "<pass name="base" />", "</p>", "<!-- x -->", "<ana@example.org>", "<id.123@host>":
# markup in a pasted file or a mail address, not a nick.
_MARKUP = re.compile(r"[/!?]|[^\n]*(?:=[\"']|/\Z|[^\s@]@[^\s@]+\.\w)")


@dataclass
class _Prefix:
    """One line's prefix as read by :data:`_PREFIX`."""

    line: int
    kind: str  # angle | colon | pipe | tab | action | system | stamp
    nick: Optional[str]
    stamp: Optional[str]  # time text without brackets
    tshape: str  # the stamp with digits folded, brackets and separator kept
    cut: int  # offset where the message text starts
    tail: Optional[tuple[int, str]] = None  # (offset, stamp) of a trailing "| 19:00 |"
    sysmark: str = ""  # "===", "***", "-!-"... of a system line
    value: str = ""  # the start of the text after the prefix
    nick_first: bool = False  # read by _NICK_THEN_STAMP (the nick before the stamp)

    @property
    def key(self) -> tuple[str, str]:
        return self.tshape, self.kind


_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[^\W\d_]+")


def _fold_shape(s: str) -> str:
    return _LETTERS.sub("A", _DIGITS.sub("9", s)).strip()


def _stamp_shape(ts: Optional[str], sep: Optional[str]) -> str:
    """``[03:10]`` -> ``[9:9]``; ``6/4/20, 8:05 PM -`` -> ``9/9/9, 9:9 A -``."""
    if not ts:
        return ""
    sep = (sep or "").strip()
    return _fold_shape(ts) + (" " + sep if sep else "")


def _nick_then_stamp(text: str, ln: Line, m: "re.Match[str]") -> Optional[_Prefix]:
    """A :data:`_NICK_THEN_STAMP` prefix, read as the stamp-first ones are
    (the shape marks the nick's place first: ``N [9:9] :``)."""
    nick = (m.group("angle") or m.group("name") or "").strip()
    words = nick.split()
    if (
        not words or len(words) > _MAX_NICK_WORDS or not any(ch.isalpha() for ch in nick)
        or _opens_with_separator(nick) or words[-1].casefold() in _NOT_NICK_TAILS
        or nick.casefold() in _NOT_NICKS
    ):
        return None  # "Today at 10:14: ...", "Posted on 10:14 | ...": a date's words, not a nick
    if " @" in nick:
        nick = _unwrap(nick)
    cut = m.end()
    tail = None
    if m.group("cell"):
        # a row of a Markdown table ("| ana | 10:14 | text |"): its closing
        # cell delimiter is no part of the message
        close = text.rfind("|", cut, ln.end)
        if close < 0 or text[close + 1 : ln.end].strip():
            return None
        while close > cut and text[close - 1] in " \t":
            close -= 1
        tail = (close, "")
    rest = text[cut : min(tail[0] if tail else ln.end, cut + _VALUE_CHARS)]
    first = rest.split(None, 1)[0].casefold().strip(".,:;!?") if rest.strip() else ""
    if (
        not (rest[:1].isalpha() or rest[:1] in _MESSAGE_OPENERS) or first in _FIELD_WORDS
        or rest[:16].casefold().startswith(("in reply to", "replying to", "reply to", "re:"))
    ):
        # "Elliot | 01/08/2026 7:23 PM | #1", "Ana - <date> - +1 - Senior
        # Member", "ana (<date>) Reply", "ana [<date>] in reply to bo": a
        # forum header's fields after its date, not a message
        return None
    if not m.group("angle") and len(rest.split()) < 2:
        # "Ana - 2010-01-17 20:34 - Veteran": one word after a bare name and
        # a stamp is a header's field (a rank), as far as one line can tell
        return None
    stamp = m.group("tb") or m.group("tp") or m.group("tn")
    kind = "angle" if m.group("angle") else ("pipe" if "|" in m.group("tsep") else "colon")
    tshape = "N" + m.group("nsep").strip() + " " + _stamp_shape(m.group("ts"), m.group("tsep"))
    if m.group("cell"):
        tshape = "| " + tshape
    return _Prefix(ln.index, kind, nick, stamp, tshape, cut, tail, "", rest, nick_first=True)


# What a message may open with besides a letter; and header words that open
# a forum header's next field rather than a message.
_MESSAGE_OPENERS = frozenset("\"'“‘«(@¿¡*_`")
_FIELD_WORDS = frozenset(
    "posted post reply quote permalink report edit edited share level score points likes top link flag".split()
)
# Last words of a phrase before a time, not of a name ("Today at 10:14:").
_NOT_NICK_TAILS = frozenset(
    """at on by from since until till to posted sent edited updated today yesterday
    mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday""".split()
)  # ("Sat, Mar 2, 2024, 10:14 - ana:": a weekday before the date, no nick)


def _read_prefix(text: str, ln: Line) -> Optional[_Prefix]:
    end = min(ln.end, ln.start + _PREFIX_CHARS)
    n = _NICK_THEN_STAMP.match(text, ln.start, end)
    if n is not None:
        nick_first = _nick_then_stamp(text, ln, n)
        if nick_first is not None:
            return nick_first
    m = _PREFIX.match(text, ln.start, end)
    stamp = tshape = None
    if m is not None:
        stamp = m.group("tb") or m.group("tp") or m.group("tn")
        tshape = _stamp_shape(m.group("ts"), m.group("tsep"))
        if m.group("tday"):
            stamp = m.group("tday") + " " + stamp
            tshape = "[" + _fold_shape(m.group("tday")) + "] " + tshape
        if m.group("angle"):
            kind, nick = "angle", m.group("angle")
        elif m.group("gt"):
            kind, nick = "angle", m.group("gt")
        elif m.group("bold"):
            kind, nick = "colon", m.group("bold").strip()
        elif m.group("sys"):
            kind, nick = "system", None
        elif m.group("actor"):
            kind, nick = "action", m.group("actor")
            if _MEMBERSHIP.match(text, m.end(), ln.end):
                kind, nick = "system", None  # "* ana has quit (Quit: bye)": the client's, not ana's
        elif m.group("colon"):
            kind, nick = "colon", m.group("colon").strip()
        elif m.group("pipe"):
            kind, nick = "pipe", m.group("pipe").strip()
        else:
            kind, nick = "tab", m.group("tab").strip()
        if nick and kind in ("colon", "pipe", "tab") and " @" in nick:
            nick = _unwrap(nick)  # "Ana Lima @ana_l:": the display name and a handle
        if kind == "angle":
            h = _HOSTMASK.fullmatch(nick)
            if h is not None:
                nick = h.group("nick")  # "<ana!~ana@host.example>": IRC's nick!user@host
        # "6/3/17, 00:45 - +41 79 123 45 67:": a messenger contact saved as a number
        phone = bool(nick) and kind == "colon" and bool(m.group("ts")) and _PHONE.fullmatch(nick) is not None
        if nick is not None and not phone and (not nick or not any(ch.isalpha() for ch in nick)):
            m = None  # "12:" is no nick
        elif kind in ("colon", "pipe", "tab") and _opens_with_separator(nick):
            m = None  # "07:23:48 PM · Reply #1 · Likes:": a separator, then a header's fields; no nick opens so
        elif kind == "colon" and nick.startswith("[") and not m.group("ts"):
            m = None  # "[1]: https://..." is a link reference; "12:00 - [deleted]:" a nick
        elif kind in ("colon", "pipe", "tab") and m.group("ts") and nick.split()[0].casefold().rstrip(".") in ("am", "pm", "a.m", "p.m"):
            # "07:23:48 PM **Ana** #1 said:": the stamp's half of the day read
            # as a nick's first word (the stamp and a forum header's fields)
            m = None
        elif kind == "angle" and (
            len(nick.split()) > _MAX_NICK_WORDS or nick.casefold() in _HTML_TAGS or _MARKUP.match(nick)
        ):
            m = None  # "<a remark in angle brackets>", "<p>", "<ana@example.org>" are no nicks
        else:
            cut = m.end()
            tail = None
            if kind in ("pipe", "action") and text[ln.end - 1 : ln.end] == "|":
                t = _TRAILING_STAMP.search(text, max(cut, ln.end - 60), ln.end)
                if t is not None:
                    tail = (t.start(), t.group("t"))
            sysmark = m.group("sys") or ""
            if tail is not None and not tshape:
                tshape = "| " + _fold_shape(tail[1]) + " |"
            value = text[cut : min(tail[0] if tail else ln.end, cut + _VALUE_CHARS)]
            return _Prefix(ln.index, kind, nick, stamp, tshape or "", cut, tail, sysmark, value)
    s = _STAMP_ONLY.match(text, ln.start, end)
    if s is not None and s.end() < ln.end:
        stamp = s.group("tb") or s.group("tp") or s.group("tn")
        tshape = _stamp_shape(text[s.start() : s.start("tsep")].strip(), s.group("tsep"))
        return _Prefix(ln.index, "stamp", None, stamp, tshape, s.end())
    return None


_EMPHASIS = re.compile(r"(?P<mk>\*{1,2})(?P<name>[^\s*](?:[^*]{0,60}[^\s*])?)(?P=mk)\Z")


def _unwrap(name: str) -> str:
    """A header name printed in Markdown bold or italics (``**Ana Lima**``)
    without the asterisks: they are the page's markup, not the name.
    Underscores stay (``_mike_`` is an IRC nick); a header line wrapped in
    them as a whole is read by :data:`_SLACK`."""
    m = _EMPHASIS.match(name.strip())
    name = m.group("name") if m is not None else name.strip()
    # "Ana Lima @ana_l": a display name and its handle; the person is named
    # by the display name (an address may use either: see _fold/_squash).
    display, sep, handle = name.rpartition(" @")
    if sep and display.strip() and handle and " " not in handle:
        return display.strip()
    return name


# Words of a day-relative time ("Yesterday at 1:40 AM"): a header of such words
# and a clock has no name in it.
_TIME_WORDS = frozenset(
    """today yesterday tomorrow at on am pm noon midnight last this next ago
    monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)


def _is_time_words(name: str) -> bool:
    if _HANDLE_DIGITS.search(name):
        return False  # "pm5": a handle ("5pm" is a time)
    words = re.findall(r"[^\W\d_]+", name.casefold())
    return bool(words) and all(w in _TIME_WORDS for w in words)


_HANDLE_DIGITS = re.compile(r"(?<![\w])[^\W\d_]+\d+(?![\w])")
_AGE_HEDGE = re.compile(r"(?:about|over|almost|nearly|around|roughly)[ ]+")
_CAPTURED = datetime(2000, 1, 1, tzinfo=timezone.utc)  # (any instant: only whether an age is read matters)


def _is_age(nick: str) -> bool:
    """Is ``nick`` a relative age in words (``about 6 months ago``,
    ``an hour ago``, ``Yesterday at 1:40 AM``), never a name?"""
    k = nick.casefold().strip()
    if " " not in k:
        return False  # ("3h", "2d": glued forms are names too often)
    if _is_time_words(k):
        return True
    return estimate(_AGE_HEDGE.sub("", k, count=1), _CAPTURED) is not None


def _clean_nick(nick: str) -> str:
    """The speaker's name in a nick field: IRC modes (``@+%&~!``) dropped, and a
    display name's trailing ``@handle`` (``Ana Lima @analima``) left out."""
    if _PHONE.fullmatch(nick.strip()):
        return nick.strip()  # "+41 79 123 45 67": the "+" is the number's
    nick = nick.strip().lstrip("@+%&~!")
    name, sep, handle = nick.rpartition(" @")
    if sep and name.strip() and handle and " " not in handle:
        return name.strip()
    return nick


# --------------------------------------------------------------------------- header over body

_NAME_TAIL = r"[\w.'’\-]{0,30}(?:[ ][\w.'’\-@()]{1,30}){0,4}"  # after a name's first character
_NAME_WORDS = r"[^\W\d_]" + _NAME_TAIL
_SLACK = re.compile(
    r"[ \t]{0,4}(?P<mk>[_*]{0,2})(?P<name>" + _NAME_WORDS + r")(?P<status>:[a-z0-9_+\-]{1,30}:)?[ \u00a0]{1,4}"
    r"(?P<t>\d{1,2}:[0-5]\d(?P<ampm>" + _AMPM + r")?)(?P=mk)[ \t]*\Z"
)  # (a status emoji's shortcode may follow the name, "Ana Lima:turtle:  22:07")
# A Slack status emoji's shortcode before a header's clock or age, after the
# name ("Ana Lima:turtle:  22:07") or opening the clock line under it
# (":winc-round: 11:20 AM"): where the dump prints one, its other headers may
# print a 24-hour clock ("Bo  10:16") or an age ("19 hours ago") too;
# elsewhere a 12-hour clock is the evidence ("answered Feb 4 at 15:56" is a
# Stack Exchange card's date line, "Ana Roe" over "5 days ago" a comment's
# trailer).
_SLACK_STATUS = re.compile(
    r":[a-z0-9_+\-]{1,30}:[ \u00a0]{1,4}(?:\d{1,2}:[0-5]\d|\d{1,3}[ ](?:minute|hour|day)s?[ ]ago)[ \t]*$",
    re.MULTILINE,
)  # (opening with its literal ":", the search skips through the dump at C speed: 9 ms on 8 MB)
_NAME_LINE = re.compile(r"[ \t]{0,4}(?P<name>" + _NAME_WORDS + r")[ \t]*")
_SLACK_CONT = re.compile(
    r"[ \t]{0,4}(?P<mk>[_*]{0,2})\[?(?P<t>\d{1,2}:[0-5]\d(?:" + _AMPM + r")?)\]?(?P=mk)[ \t]*\Z"
)
# The clock line under a Slack name line: a 12-hour clock, after the
# workspace's status emoji (":winc-round: 11:20 AM"); in a dump with such a
# status, also after a day ("Yesterday at 3:16 PM"), or the age a later copy
# prints ("19 hours ago"): a recaptured forum prints those under its names too.
_SLACK_UNDER = re.compile(
    r"[ \t]{0,4}(?::[a-z0-9_+\-]{1,30}:[ \u00a0]{1,2})?(?P<mk>[_*]{0,2})\[?"
    r"(?:(?P<t>(?P<day>" + _DAY_AT + r")?\d{1,2}:[0-5]\d(?P<ampm>" + _AMPM + r")?)"
    r"|(?P<ago>\d{1,3}[ ](?:minute|hour|day)s?[ ]ago))\]?(?P=mk)[ \t]*"
)  # (as a continuation stamp, _SLACK_CONT, the clock may be in emphasis or brackets: "_8:05 PM_")
_DISCORD_STAMP = (
    r"(?P<t>" + _DAY_AT + r"\d{1,2}:[0-5]\d" + _AMPM + r"?"
    r"|\d{1,2}/\d{1,2}/\d{2,4},?[ ]\d{1,2}:[0-5]\d" + _AMPM + r"?)[ \t]*\Z"
)
# "Ana — Today at 5:16 PM": behind Discord's dash a display name may hold
# anything; with a plain space before the stamp the name must read as one
# ("Post #1 By Ana 26/09/2025 16:15" and "Ana · @ 9/26/2025 4:15 PM" are a
# forum header's fields, which header induction reads).
_DISCORD = re.compile(
    r"[ \t]{0,4}(?P<name>[^\s—–][^\n—–]{0,40}?)[ ]{0,2}[—–][ ]{0,2}" + _DISCORD_STAMP
)
_DISCORD_SPACED = re.compile(
    r"[ \t]{0,4}(?P<name>(?P<mk>[*_]{0,2})(?!\d+[ ])[^\W_]" + _NAME_TAIL + r"(?P=mk))"
    r"[ ]{1,2}" + _DISCORD_STAMP
)  # (a name may open with a digit, "1vanK  12/19/2015 1:04 AM", or be in emphasis, "**Ana** 18/01/2010 06:17")
_DISCORD_GLUED = re.compile(
    r"[ \t]{0,4}(?P<name>[^\s—–\d][^\n—–]{0,38}?[^\s—–])(?=(?:Today|Yesterday)[ ]at[ ])" + _DISCORD_STAMP
)  # (an older copy runs the name into the day: "RakopsToday at 1:35 PM")
_TELEGRAM = re.compile(
    r"[ \t]{0,4}(?P<name>" + _NAME_WORDS + r"),[ ]\[(?P<t>(?:" + _DATE + r"[ ,]{1,2}|" + _DAY_AT + r")"
    + _CLOCK + _AMPM + r"?)\][ \t]*\Z"
)  # (a day-relative stamp, "Ana, [Yesterday at 2:07 AM]", as a recapture prints the same header)
_SLACK_CHROME = re.compile(
    r"[ \t]{0,4}(?:\d{1,3}|\d{1,4}[ ]repl(?:y|ies)|View[ ]thread|Last[ ]reply[^\n]{0,40}|\(edited\)"
    r"|\d{1,3}[ ](?:second|minute|hour|day|week|month|year)s?[ ]ago)[ \t]*\Z"
)


# --------------------------------------------------------------------------- analysis


@dataclass
class _Found:
    """What the dialect found in a dump (or in its first lines, for scoring)."""

    prefixes: dict[int, _Prefix] = field(default_factory=dict)  # accepted line-prefixed lines
    heads: dict[int, dict[str, Any]] = field(default_factory=dict)  # header-over-body headers
    chrome: dict[int, str] = field(default_factory=dict)
    nonblank: int = 0
    strong_heads: int = 0
    day_first: Optional[bool] = None
    spread: float = 0.0  # the widest spread (_spread) of an accepted prefix shape
    stamped: bool = False  # whether an accepted prefix shape prints a time stamp
    paste: Optional[tuple[int, int]] = None  # (first line, lines) of a headerless pasted opening


def _messages_vary(seen: list[_Prefix]) -> list[_Prefix]:
    """Nick-first prefixes (:data:`_NICK_THEN_STAMP`) of a shape
    whose texts come back word for word (``Cannibal Smith | (<date>) |
    Senior Member``, the same few ranks again and again) are a forum header's
    fields, not chat messages: such lines are left unread. Messages differ
    (four in five distinct)."""
    texts: dict = defaultdict(list)
    for p in seen:
        if p.nick_first:
            texts[p.key].append(" ".join(p.value.split()).casefold())
    fields = {key for key, vs in texts.items() if len(vs) >= 3 and len(set(vs)) * 5 < 4 * len(vs)}
    return [p for p in seen if p.key not in fields] if fields else seen


def _analyse(text: str, lines: list[Line], limit: int) -> _Found:
    found = _Found()
    n = min(len(lines), limit)
    seen: list[_Prefix] = []
    ordinal: dict[int, int] = {}  # line -> its rank among the non-blank lines
    for i in range(n):
        ln = lines[i]
        if ln.end == ln.start or not text[ln.start : min(ln.end, ln.start + 200)].strip():
            continue
        ordinal[i] = found.nonblank
        found.nonblank += 1
        p = _read_prefix(text, ln)
        if p is not None:
            seen.append(p)
    seen = _messages_vary(seen)
    found.day_first = _day_first([p.stamp for p in seen if p.stamp])
    accepted = _accepted_shapes(seen, found.nonblank, ordinal, n - found.nonblank)
    found.spread = max(accepted.values(), default=0.0)
    found.stamped = any(ts for ts, _ in accepted)
    if accepted:
        stamps = {ts for ts, _ in accepted}
        repeated = _repeated_nicks(seen) | _addressed_nicks(text, lines, seen, accepted)
        known = {(p.kind, p.nick) for p in seen if p.key in accepted}
        speakers = {nick.casefold() for kind, nick in known if nick and kind != "action"}
        # Untimed "name:" lines that never say anything on the line: labels
        # over quotes ("anonymous45:" over "> …"), not a speaker's messages.
        speaks = {p.nick for p in seen if p.kind == "colon" and not p.tshape and p.value.strip()}
        # Where messages say their text on the prefix's line, a bare "Elliot:"
        # line (nothing after the colon) is the label of a quote that lost its
        # ">", not a message (a quoting thread may print more labels than
        # messages): it is one only in a log of which under a third of the
        # "name:" lines say something on the line.
        untimed = [p for p in seen if p.kind == "colon" and not p.tshape and p.key in accepted]
        said = sum(1 for p in untimed if p.value.strip())
        bare_labels = said >= 3 and said * 2 >= len(untimed) - said
        one_off: list[_Prefix] = []
        for p in seen:
            if p.key in accepted:
                if p.kind == "colon" and not p.tshape and (
                    p.nick.casefold() in _NOT_NICKS or not _one_off_name(p.nick) or p.nick not in speaks
                    or (not p.value.strip() and (bare_labels or _quoted_next(text, lines, p.line)))
                ):
                    continue  # "Note:", "This query is useful:", "ana:" over "> …": a label, no speaker
                if p.kind in ("colon", "pipe") and not p.tshape and p.nick not in repeated:
                    one_off.append(p)
                    continue  # a one-off "Note:" line inside an untimed "nick: text" log
            elif p.kind == "pipe" and not p.tshape and (p.kind, p.nick) in known:
                pass  # a row of a stamped table that lost its stamp (a cut-off last line)
            elif p.kind == "system" and p.sysmark in _STRONG_SYSTEM:
                pass  # "=== x has joined", "*** x quit", "-!- ...": with or without a stamp
            elif p.kind in ("action", "system", "stamp") and p.tshape and p.tshape in stamps:
                pass  # "* nick waves" and system lines printed with the log's own stamp
            elif p.kind == "action" and not p.tshape and "" in stamps and p.nick.casefold() in speakers:
                pass  # "* ana waves" in a log without stamps: ana speaks in it ("* I don't mean" is a list row)
            else:
                continue
            found.prefixes[p.line] = p
        if one_off and found.prefixes:
            _one_off_speakers(one_off, found, ordinal)
        _relayed(text, found.prefixes)
        _flag_column(found.prefixes)
        if found.prefixes:
            for i in range(n):
                ln = lines[i]
                if i not in found.prefixes and _TABLE_RULE.match(text, ln.start, min(ln.end, ln.start + 200)):
                    found.chrome[i] = "ui"
    _header_over_body(text, lines, n, found)
    _preamble(text, lines, found)
    return found


# A bridge's relayed message: "<m-relay> <ana:matrix.org> hello", "<dbot> [ana] hello".
_RELAYED = re.compile(r"[ \t]*(?:<(?P<a>[^<>\s]{1,60})>|\[(?P<b>[^\[\]\s]{1,60})\])[ \t]+(?=\S)")


def _relayed(text: str, prefixes: dict[int, _Prefix]) -> None:
    """A nick whose messages nearly all open with another nick in brackets
    (``<m-relay_> <ana:matrix.org> hello``) is a bridge relaying other
    people: each message's speaker is the nick it relays, whose brackets
    join the header. Only for a nick with two messages or more, four in
    five of them so (a person may quote an IRC line once)."""
    by_nick: dict[str, list[tuple[_Prefix, Any]]] = {}
    for p in prefixes.values():
        if p.kind in ("angle", "colon", "pipe", "tab") and p.nick:
            by_nick.setdefault(p.nick, []).append((p, _RELAYED.match(text, p.cut)))
    for nick, seen in by_nick.items():
        inner = [(p, m) for p, m in seen if m is not None]
        if len(seen) < 2 or len(inner) * 5 < 4 * len(seen):
            continue
        for p, m in inner:
            p.nick = m.group("a") or m.group("b")
            p.value = p.value[m.end() - p.cut :]  # (the text after the relayed nick)
            p.cut = m.end()


def _opens_with_separator(nick: str) -> bool:
    """Does the field open with punctuation or a symbol and a space (``· Reply #1``)?"""
    return len(nick) > 1 and nick[1].isspace() and unicodedata.category(nick[0])[0] in "PS"


def _message_at(found: _Found, k: Optional[int]) -> bool:
    """Is line ``k`` a message's line (a prefix, not a system line)?"""
    return k is not None and k in found.prefixes and found.prefixes[k].kind != "system"


def _quoted_next(text: str, lines: list[Line], i: int) -> bool:
    """Does the line after ``i`` open with a ``>`` quote marker?"""
    if i + 1 >= len(lines):
        return False
    ln = lines[i + 1]
    return text[ln.start : min(ln.end, ln.start + 8)].lstrip(" \t")[:1] == ">"


def _one_off_speakers(one_off: list[_Prefix], found: _Found, ordinal: dict[int, int]) -> None:
    """Nicks that speak once, on lines between messages, are messages too: a
    run of such lines (one or more) with a message (or the log's end, after a
    message) after it, and a message, a system line, the log's start or its
    preamble before it. A label inside
    a message of several lines has that message's text around it, not other
    messages. Labels that are never nicks (``Note:``), names of more than two
    words (but for three capitalised ones, see :func:`_one_off_name`) and
    lines with nothing after the colon stay out."""
    by_rank = {r: i for i, r in ordinal.items()}
    first = min(ordinal[i] for i in found.prefixes)  # above it: the log's preamble
    tentative = {
        ordinal[p.line]: p
        for p in one_off
        if p.nick is not None and p.nick.casefold() not in _NOT_NICKS
        and _one_off_name(p.nick) and p.value.strip()
    }
    shapes = Counter(_nick_shape(p.nick) for p in found.prefixes.values() if p.nick)
    # how many different speakers write their name in each shape
    shared = Counter(_nick_shape(nick) for nick in {p.nick for p in found.prefixes.values() if p.nick})
    known = {p.nick.casefold() for p in found.prefixes.values() if p.nick}
    usual = None
    if shapes:
        top, n = shapes.most_common(1)[0]
        usual = top if n * 10 >= sum(shapes.values()) * 8 else None  # (the names of four in five messages)
    for r in sorted(tentative):
        if r - 1 in tentative:
            continue  # inside a run: decided with its first line
        run_end = r
        while run_end + 1 in tentative:
            run_end += 1
        after = by_rank.get(run_end + 1)
        before = by_rank.get(r - 1)
        run = [tentative[k] for k in range(r, run_end + 1)]
        # Two or more lines in a row, each a different name that speaks once:
        # people taking turns, not a label inside a message, even where a
        # message of several lines runs on around them.
        turns = (
            len(run) > 1 and r > first and len({p.nick for p in run}) == len(run)
            and (usual is None or all(_nick_shape(p.nick) == usual for p in run))
        )
        # Between messages: a message after the run (or, at the log's end,
        # before it), and a message, the log's start or its preamble before it.
        closed = _message_at(found, before) if after is None else _message_at(found, after)
        if not turns and not (closed and (before is None or r <= first or before in found.prefixes)):
            # In a log of messages of several lines a message runs on before
            # or after a one-off speaker's line: a message on one side is
            # enough when the name is written the way the log's names are
            # ("mosasaur4807" among "alicorn513", "emile1675"), which a
            # label inside a message ("Result:") is not.
            beside = after is None or after in found.prefixes or (before is not None and before in found.prefixes)
            shape = _nick_shape(run[0].nick)
            lower = run[0].nick[:1].islower() and shared[shape] >= 2
            # (or written in lower case, as two of the log's speakers write
            # theirs: a label opens its sentence with a capital, "Note:")
            if not (beside and r > first and ((usual is not None and shape == usual) or lower)):
                # "Neo: Elliot:": a message that opens by quoting one of the
                # log's speakers, as the log's messages do, wherever it stands
                if not (r > first and all(_quote_label(p.value, known) for p in run)):
                    continue
        for p in run:
            found.prefixes[p.line] = p


def _one_off_name(nick: str) -> bool:
    """A name a one-off speaker may have: one or two words, or three written
    as a person's name is (``David J Balan``: each word capitalised; a
    label of three words is a phrase, ``Short answer here:``)."""
    parts = nick.split()
    return len(parts) <= 2 or (len(parts) == 3 and all(w[:1].isupper() for w in parts))


_SHAPE_RUNS = re.compile(r"(.)\1+")


def _nick_shape(nick: str) -> str:
    """How a name is written: ``alicorn513`` -> ``a9``, ``Wren Abbot`` ->
    ``Aa Aa``, ``Tove`` -> ``Aa`` (letter case and digits, runs folded)."""
    folded = "".join("9" if ch.isdigit() else ("A" if ch.isupper() else "a") if ch.isalpha() else ch for ch in nick)
    return _SHAPE_RUNS.sub(r"\1", folded)


def _flag_column(prefixes: dict[int, _Prefix]) -> None:
    """A one-character column that opens nearly every message of a shape
    (``<ana> +thanks``, ``<bo> -hi``: a logger's identify-msg flag) belongs
    to the prefix, not to the message, so ``+ana: ...`` still addresses ana.
    Read from the dump's own recurrence: at least three messages in four of
    that shape, and eight or more, open with the same kind of flag."""
    by_key: dict[tuple[str, str], list[_Prefix]] = {}
    for p in prefixes.values():
        if p.kind == "angle":
            by_key.setdefault(p.key, []).append(p)
    for group in by_key.values():
        flagged = [p for p in group if p.value[:1] in ("+", "-") and p.value[1:2] != " "]
        if len(group) < 8 or len(flagged) * 4 < len(group) * 3:
            continue
        for p in flagged:
            p.cut += 1
            p.value = p.value[1:]


_CODE_LINE = re.compile(r"[ \t]*(?://|#include|/\*|\*/|[{}])|.*[;{}][ \t]*\Z")


def _preamble(text: str, lines: list[Line], found: _Found) -> None:
    """Lines above the first message are a page intro (``post`` chrome), unless
    they look like code: a chat copy that starts mid-message (a paste whose
    header was not copied) keeps it as a comment with an unknown speaker,
    marked ``code`` so that the core reads none of it as page furniture."""
    starts = [min(found.prefixes)] if found.prefixes else []
    if found.heads:
        starts.append(min(found.heads))
    if not starts:
        return
    first = min(starts)
    intro = []
    for i in range(first):
        ln = lines[i]
        s = text[ln.start : min(ln.end, ln.start + 200)]
        if s.strip() and i not in found.chrome:
            intro.append((i, s))
    code = sum(1 for _, s in intro if _CODE_LINE.match(s))
    if code * 4 >= len(intro) and intro:
        # one message, a paste: its text, never page furniture or quotes
        found.paste = (intro[0][0], first - intro[0][0])
        for i in range(intro[0][0], first):
            found.chrome.pop(i, None)  # (a table rule inside it, "---|---|", is its text too)
        return
    for i, _ in intro:
        found.chrome[i] = "post"


_ADDRESSED = re.compile(r"@?(?P<nick>[^\s:,;<>\[\]|]{1,40})[:,][ \t]")


def _addressed_nicks(text: str, lines: list[Line], seen: list[_Prefix], accepted: set) -> set[str]:
    """Names that messages of an accepted shape open with (``cy: gcc 13``): a
    speaker who wrote once is confirmed by being addressed."""
    out = set()
    for p in seen:
        if p.key in accepted:
            m = _ADDRESSED.match(text, p.cut, min(lines[p.line].end, p.cut + 60))
            if m is not None:
                out.add(m.group("nick"))
    return out


def _repeated_nicks(seen: list[_Prefix]) -> set[str]:
    counts = Counter(p.nick for p in seen if p.nick)
    return {k for k, v in counts.items() if v >= 2}


def _spread(ordinals: list[int], nonblank: int) -> float:
    """The share of the dump's non-blank lines that lie between the first and the
    last of these lines (their non-blank ordinals): a log whose messages run on
    over several lines spreads over the whole dump, a log quoted inside a post
    does not."""
    if not ordinals or not nonblank:
        return 0.0
    return (max(ordinals) - min(ordinals) + 1) / nonblank




def _accepted_shapes(
    seen: list[_Prefix], nonblank: int, ordinal: dict[int, int], blank: int = 0
) -> dict[tuple[str, str], float]:
    """Prefix shapes that recur with repeating nick values, each with its spread
    (:func:`_spread`).

    A time stamp at the start of a line in one recurring shape is strong
    evidence by itself: a stamped ``<nick>`` shape needs two lines, a stamped
    ``nick:`` shape three lines whose nicks repeat, or that spread over the dump
    (a thread where most people speak once), or two lines that are half the
    dump. Without a stamp the nick field must carry the evidence: repeating
    nicks on a large share of the lines, or, for ``<nick>``, on lines spread
    over the whole dump (messages of several lines), or ``<nick>`` opening
    most lines of the dump whoever speaks; an untimed ``nick:`` shape that
    opens most lines needs four people who speak again. An untimed
    ``nick:`` shape spread over the dump by messages of several lines counts
    only in a dump with (almost) no blank lines: in a dump of paragraphs,
    inline quote labels, ``anonymous45: <quoted words>``, in a forum's
    comments look the same, and reading them as a log cost held-out forum
    styles 0.05 of their speakers."""
    by_key: dict[tuple[str, str], Counter] = {}
    where: dict[tuple[str, str], list[int]] = {}
    values: dict[tuple[str, str], dict[str, list[str]]] = {}
    # Lines with the same dated stamp and no nick field (a messenger's system
    # lines, "You created group"): the stamp's share of the dump.
    unnamed: Counter = Counter()
    for p in seen:
        if p.kind in ("stamp", "system", "action") and p.tshape:
            unnamed[p.tshape] += 1
        if p.kind in ("angle", "colon", "pipe", "tab"):
            nick = (p.nick or "").casefold()
            by_key.setdefault(p.key, Counter())[nick] += 1
            where.setdefault(p.key, []).append(ordinal[p.line])
            values.setdefault(p.key, {}).setdefault(nick, []).append(p.value)
    # A shape must be a fair share of the lines of its kind: stamped shapes are
    # compared with stamped ones only ("Index:" and "file | 3 +" lines of a
    # pasted patch do not outvote a log's stamps).
    # Untimed, a "<nick>" field is compared with the other nick fields but not
    # with "word:" openings, which any prose has ("Note:", an inline quote's
    # "ana:" label): those do not outvote a log's "<ana>" lines.
    total: Counter = Counter()
    untimed_not_colon = 0
    for (ts, kind), c in by_key.items():
        total[bool(ts)] += sum(c.values())
        if not ts and kind != "colon":
            untimed_not_colon += sum(c.values())
    out = {}
    for key, nicks in by_key.items():
        tshape, kind = key
        count = sum(nicks.values())
        repeats = sum(v for v in nicks.values() if v >= 2)
        if count < 2 or count * 5 < (untimed_not_colon if not tshape and kind == "angle" else total[bool(tshape)]):
            continue
        if len(nicks) < 2 and (kind != "angle" or not tshape):
            continue  # one value throughout: a field label ("Likes: 4"), not a conversation
        if len({_COUNTER_DIGITS.sub("", k).strip() for k in nicks}) == 1 and max(nicks.values()) < 2:
            # "Reply #86", "Reply #87": a post counter, not people (each number
            # once); "Person 1" speaking twice is an anonymised name
            continue
        if sum(n for k, n in nicks.items() if k.split()[:1] and k.split()[0].casefold() in _FORUM_WORDS) * 2 >= count:
            continue  # "13:43 | Posted by Ana |": a forum header's field, not a nick
        if sum(n for k, n in nicks.items() if _is_age(k)) * 2 >= count:
            continue  # "about 6 months ago | Posted by Ana | 2 points": a forum header's age, not a nick
        spread = _spread(where[key], nonblank)
        if kind == "colon":
            good = {k: v for k, v in nicks.items() if k not in _NOT_NICKS and len(k.split()) <= (5 if tshape else 2)}
            repeats = sum(v for v in good.values() if v >= 2)
            if tshape and len(good) * 2 < len(nicks):
                continue  # "12:00 Note:", "10:30 Coffee break and more:": not nicks
        if not tshape and kind != "angle":
            # Without a stamp, only names that speak count: "Post count: 471",
            # "Post subject: Re: X", "Quote | Top | Multi-Quote" are labels
            # whose values are numbers or one text over and over.
            speaking = _speaking(values[key])
            repeats = sum(v for k, v in nicks.items() if v >= 2 and k in speaking and (kind != "colon" or k in good))
        if tshape and kind == "angle":
            ok = True
        elif tshape:
            ok = (count >= 3 and (repeats * 2 >= count or spread >= _SPREAD)) or count * 2 >= nonblank
            if not ok and _DATED_SHAPE.search(tshape) and len(nicks) >= 2:
                # a short export where everyone speaks once: its dated stamp
                # opens most lines of the dump, messages and system lines alike
                ok = (count + unnamed[tshape]) * 2 >= nonblank + 1
        else:
            # no time stamp: the nick field alone must dominate the dump
            ok = count >= 4 and (
                (repeats * 2 >= count and (repeats * 10 >= nonblank * 3 or (kind == "angle" and spread >= _SPREAD)))
                or (kind == "angle" and count * 2 >= nonblank)  # "<nick> text" on most lines
            )
            if (
                not ok and kind == "colon" and count >= 8 and count * 10 >= nonblank * 6 and repeats * 3 >= count
                and sum(1 for k, v in nicks.items() if v >= 2 and k in speaking and k in good) >= 4
            ):
                # "ana: text" opening most lines of the dump, where many
                # people speak once: four or more speak again
                ok = True
            if not ok and kind == "colon" and count >= 8 and spread >= _SPREAD and blank * 4 <= count:
                # "ana: text" opening messages of several lines each, in a
                # log with no blank lines between them (a forum's comments,
                # whose inline quote labels "anonymous45: <quoted words>"
                # run through the dump the same way, have paragraphs): the
                # prefixes run through the whole dump, and three people or
                # more speak again (on lines of their own words: a bare
                # "Elliot:" over a quote is the quote's label)
                # Of the lines that say something (bare labels aside), half
                # or more are by people who speak again.
                said = {k: sum(1 for v in vals if v.strip()) for k, vals in values[key].items()}
                again = [k for k in nicks if said.get(k, 0) >= 2 and k in speaking and k in good]
                ok = len(again) >= 3 and sum(said[k] for k in again) * 2 >= sum(said.values())
        if ok:
            out[key] = spread
    return out


_REPLY_UNDER = re.compile(r"[ \t]{0,4}\[(?:[Ii]n )?[Rr]epl(?:y|ying) to @?(?P<name>[^\s\]@][^\n\]]{0,40}?)\][ \t]*\Z")
_REPLY_CONTEXT = re.compile(
    r"[ \t]{0,4}[↪↳⤷╭┌└][─ \t]{0,4}(?:[Rr]eplying[ ]to[ ])?@(?P<name>[^\s:@][^\n:@]{0,40}?)(?::[^\n]*)?[ \t]*\Z"
)
# Words that open a forum header's fields, never a chat nick.
_FORUM_WORDS = frozenset("posted post by reply replied replying quote author from written submitted permalink".split())
_COUNTER_DIGITS = re.compile(r"[#№]?\d+")
# A folded stamp that prints a date ("9/9/9, 9:9 -", "[9-9-9 9:9:9]"), not a bare clock.
_DATED_SHAPE = re.compile(r"9[./-]9[./-]9|9 A 9|A 9, 9")
_SPREAD = 0.6  # a shape whose lines span this share of the dump spreads over it

_WORD = re.compile(r"[\"'(\[]*[^\W\d_]+(?:[-'’][^\W\d_]+)*[\"')\].,!?;:…]*\Z")


def _says_words(value: str) -> bool:
    """Whether a message reads as words: at least two tokens that are words
    (``needs a rebuild``), not a number, a path, an identifier or a date."""
    return sum(1 for t in value.split()[:12] if _WORD.match(t)) >= 2


def _speaking(by_nick: dict[str, list[str]]) -> set[str]:
    """The nicks that speak: a name whose lines say words (at least a third
    of them) and say different things. A nick seen once is given the benefit
    of the doubt; a label's values are numbers or one text repeated."""
    # A message may open by quoting someone: "ana: bo:" over "> …", bo one
    # of the names of the shape (a speaker, or a bare label over quotes
    # elsewhere). Such a value says something (what it quotes, on the next
    # lines), and each says something different.
    quoted = {nick.casefold() for nick in by_nick}
    out = set()
    for nick, vals in by_nick.items():
        if len(vals) < 2:
            out.add(nick)
            continue
        if sum(1 for v in vals if _field_value(v)) * 2 >= len(vals):
            continue  # "Registered: May 29, 2002", "Messages: 3475  Share": a profile's fields
        said = [" ".join(v.split()).casefold() for v in vals if _says_words(v)]
        said += [f"{k}:{v}" for k, v in enumerate(vals) if _quote_label(v, quoted)]
        if len(said) * 3 >= len(vals) and len(set(said)) * 2 > len(said):
            out.add(nick)
    return out


def _field_value(value: str) -> bool:
    """Does ``value`` open with a number or a date word (``3475  Share``,
    ``May 29, 2002``, ``January 17, 2010, 11:13 PM``), as a labelled field's
    value does and a person's words seldom do?"""
    first = value.split(maxsplit=1)[:1]
    if not first:
        return False
    tok = first[0].strip(".,:;()[]").casefold()
    return tok[:1].isdigit() or (tok in _TIME_WORDS and tok not in ("at", "on", "this", "last", "next"))


def _quote_label(value: str, quoted: set[str]) -> bool:
    """Is ``value`` only ``name:``, where ``name`` is one of ``quoted`` (the
    names of the shape)?"""
    v = value.strip()
    return len(v) > 1 and v.endswith(":") and v[:-1].strip().casefold() in quoted


def _day_first(stamps: list[str]) -> Optional[bool]:
    """Whether ``1/2/20`` dates of this dump are day-first (None: cannot tell)."""
    day_first = month_first = False
    for stamp in stamps:
        if "/" not in stamp:
            continue
        m = _STAMP_PARTS.search(stamp[:60])
        if m is None or not m.group("date"):
            continue
        a, b, _ = re.split(r"[./]", m.group("date"))
        if int(a) > 12:
            day_first = True
        elif int(b) > 12:
            month_first = True
    if day_first != month_first:
        return day_first
    return None


def _header_over_body(text: str, lines: list[Line], n: int, found: _Found) -> None:
    """Slack, Discord and Telegram headers, with Slack's continuation stamps and chrome."""
    heads: dict[int, dict[str, Any]] = {}
    names: Counter = Counter()
    last_author, last_head = None, -1
    under: set[int] = set()  # the clock lines of two-line headers
    status = ":" in text and _SLACK_STATUS.search(text, 0, lines[n - 1].end if n else 0) is not None
    for i in range(n):
        if i in found.prefixes or i in found.chrome or i in under:
            continue
        ln = lines[i]
        if ln.end - ln.start > _MAX_HEADER_LINE or ln.end == ln.start:
            continue
        s = text[ln.start : ln.end]
        if ":" not in s and i + 1 < n and s.strip():
            # Slack's copy with the name and the clock on lines of their own:
            # "Ana Lima" over "  8:05 PM" (a 12-hour clock, as Slack prints it)
            nx = lines[i + 1]
            c = _SLACK_UNDER.fullmatch(text, nx.start, nx.end) if nx.end - nx.start <= 60 else None
            name = _NAME_LINE.fullmatch(s)
            if c is not None and name is not None and (
                (c.group("ampm") and not c.group("day")) or (status and (c.group("ago") or c.group("ampm")))
            ):
                nm = _unwrap(name.group("name"))  # "Ana Lima @ana_l" over its clock: the display name
                if nm.casefold() not in _NOT_NICKS and not _is_time_words(nm) and len(nm) >= 2:
                    last_author, last_head = nm, i
                    heads[i] = {"author": nm, "age": c.group("t") or c.group("ago"), "lines": 2}
                    clock = _clock_minutes(c.group("t"))
                    if clock is not None:
                        heads[i]["clock"] = clock
                    names[nm] += 1
                    found.strong_heads += 1
                    under.add(i + 1)
                    continue
        if not s.strip() or not (":" in s):
            continue
        m = _DISCORD.match(s) or _DISCORD_SPACED.match(s) or _TELEGRAM.match(s) or _DISCORD_GLUED.match(s)
        strong = m is not None
        if m is None:
            m = _SLACK.match(s)
            if m is not None and not m.group("ampm") and not status:
                m = None  # a 24-hour clock only where the dump prints a Slack status header
            # a whole line in emphasis, a name and a 12-hour clock
            # ("_Ana Lima  8:05 PM_"): the copy's own header markup
            strong = m is not None and bool(m.group("mk"))
        if m is not None:
            name = _unwrap(m.group("name"))
            if (
                name.casefold() in _NOT_NICKS or len(name) < 2 or _is_time_words(name) or name.endswith(":")
                or name.split()[0].casefold() in _FORUM_WORDS
            ):
                continue  # "Yesterday at 1:40 AM" is a stamp, not a name and a stamp; "Date: 9/29/2025 1:43 PM"
                # a field; "posted 10/02/2025 1:55 PM" a forum header's date line
            last_author, last_head = name, i
            heads[i] = {"author": name, "age": m.group("t")}
            clock = _clock_minutes(m.group("t"))
            if clock is not None:
                heads[i]["clock"] = clock
            names[name] += 1
            found.strong_heads += strong
            continue
        if last_author is not None:
            c = _SLACK_CONT.match(s)
            if c is not None:
                fields = {"author": last_author, "age": c.group("t"), "continuation": True}
                clock, before = _clock_minutes(c.group("t")), heads[last_head].get("clock")
                if clock is not None and before is not None and not re.search("[AaPp]", c.group("t")):
                    # "8:07" under "8:05 PM": the same half of the day
                    if before >= 720 and clock < 720:
                        clock += 720
                    elif before < 60 and clock >= 720:
                        clock -= 720  # "12:30" under "12:05 AM"
                if clock is not None:
                    fields["clock"] = clock
                heads[i] = fields
    real = [i for i, f in heads.items() if not f.get("continuation")]
    repeats = any(v >= 2 for v in names.values())
    conts = len(heads) - len(real)
    if len(real) < 2 or not (found.strong_heads >= 2 or repeats or conts):
        return
    found.heads = heads
    if found.day_first is None:
        found.day_first = _day_first([f["age"] for f in heads.values()])
    for f in heads.values():
        posted = _posted_at(f["age"], found.day_first)
        if posted is not None:
            f["posted_at"] = posted
    first = min(heads)
    for i in range(first, n):
        if i in heads or i in found.prefixes:
            continue
        ln = lines[i]
        if 0 < ln.end - ln.start <= 60 and _SLACK_CHROME.match(text, ln.start, ln.end):
            found.chrome[i] = "ui"


# --------------------------------------------------------------------------- fields


def _clock_minutes(stamp: Optional[str]) -> Optional[int]:
    """Minutes since midnight of a time stamp (``None`` without one)."""
    if not stamp:
        return None
    m = _STAMP_PARTS.search(stamp[:60])
    if m is None:
        return None
    h, mi = int(m.group("h")), int(m.group("m"))
    ampm = m.group("ampm")
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm.strip()[0] in "pP" else 0)
    if h > 23:
        return None
    return h * 60 + mi


def _posted_at(stamp: Optional[str], day_first: Optional[bool]) -> Optional[datetime]:
    """A datetime when the stamp prints a full date: aware UTC when it prints a zone."""
    if not stamp:
        return None
    m = _STAMP_PARTS.fullmatch(stamp.strip())
    if m is None or not m.group("date"):
        return None
    date = m.group("date")
    try:
        if "-" in date:
            y, mo, d = (int(x) for x in date.split("-"))
        else:
            a, b, c = (int(x) for x in re.split(r"[./]", date))
            if "." in date:
                d, mo = a, b  # dotted dates are day-first
            elif day_first is None:
                return None  # 1/2/20: January or February? the dump does not say
            else:
                d, mo = (a, b) if day_first else (b, a)
            y = c + 2000 if c < 100 else c
        minutes = _clock_minutes(stamp)
        if minutes is None:
            return None
        sec = int(m.group("s") or 0)
        when = datetime(y, mo, d, minutes // 60, minutes % 60, sec)
    except ValueError:
        return None
    zone = (m.group("zone") or "").strip()
    if not zone:
        return when
    if zone in ("Z", "UTC", "GMT"):
        return when.replace(tzinfo=timezone.utc)
    sign = 1 if zone[0] == "+" else -1
    digits = zone[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return (when - sign * offset).replace(tzinfo=timezone.utc)


def _prefix_fields(p: _Prefix, day_first: Optional[bool]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if p.nick:
        fields["author"] = _clean_nick(p.nick)
    stamp = p.stamp or (p.tail[1] if p.tail else None)
    if stamp:
        fields["age"] = stamp
        posted = _posted_at(stamp, day_first)
        if posted is not None:
            fields["posted_at"] = posted
        clock = _clock_minutes(stamp)
        if clock is not None:
            fields["clock"] = clock
    if p.kind == "action":
        fields["action"] = True
    return fields


# --------------------------------------------------------------------------- the dialect


@register
class Chat(Dialect):
    name = "chat"
    description = "chat logs: IRC, Slack, Discord, Telegram, WhatsApp and Matrix copies"

    def __init__(self) -> None:
        # score(), split_points() and mark_lines() read the same physical lines
        # of one parse: the last analysis is kept for the very same string.
        self._last: Optional[tuple[str, Any, _Found]] = None

    def _found(self, text: str, lines: list[Line], limit: int) -> _Found:
        key = (len(lines), lines[-1] if lines else None)
        last = self._last
        if last is not None and last[0] is text and last[1] == key and limit >= len(lines):
            return last[2]
        found = _analyse(text, lines, limit)
        if limit >= len(lines):
            self._last = (text, key, found)
        return found

    def score(self, text: str, lines: list[Line]) -> float:
        found = self._found(text, lines, _SAMPLE_LINES)
        if found.nonblank == 0:
            return 0.0
        line_score = 0.0
        if len(found.prefixes) >= 3:
            share = len(found.prefixes) / found.nonblank
            line_score = min(0.95, 1.1 * share) if share >= 0.25 else 0.3 * share
            if found.spread >= _SPREAD:
                # messages of several lines each: fewer prefixed lines, but they
                # run through the whole dump
                messages = sum(1 for p in found.prefixes.values() if p.nick)
                line_score = max(line_score, min(0.8, 0.3 + (0.05 if found.stamped else 0.03) * messages))
        head_score = 0.0
        if found.heads:
            real = sum(1 for f in found.heads.values() if not f.get("continuation"))
            head_score = min(0.9, 0.25 * found.strong_heads + 0.15 * (real - found.strong_heads)
                             + 0.05 * (len(found.heads) - real))
        return round(max(line_score, head_score), 4)

    def split_points(self, text: str, lines: list[Line]) -> list[int]:
        found = self._found(text, lines, len(lines))
        cuts = []
        for i, p in found.prefixes.items():
            ln = lines[i]
            body_end = p.tail[0] if p.tail else ln.end
            if p.kind not in ("system", "stamp") and ln.start < p.cut < body_end and text[p.cut : body_end].strip():
                cuts.append(p.cut)
            if p.tail and ln.start < p.tail[0] < ln.end:
                cuts.append(p.tail[0])
        return sorted(cuts)

    def mark_lines(self, text: str, lines: list[Line]) -> dict[int, LineMark]:
        # The lines may be the cut pieces: read the physical lines again and
        # find each physical line's pieces by offset.
        from ..text import dump_lines

        physical = dump_lines(text)
        found = self._found(text, physical, len(physical))
        by_start = {ln.start: ln.index for ln in lines}
        marks: dict[int, LineMark] = {}
        for i, p in found.prefixes.items():
            k = by_start.get(physical[i].start)
            if k is None:
                continue
            if p.kind in ("system", "stamp"):
                marks[k] = LineMark("chrome", chrome_kind="meta")
                continue
            marks[k] = LineMark("header", fields=_prefix_fields(p, found.day_first))
            if p.tail:
                t = by_start.get(p.tail[0])
                if t is not None and t != k:
                    marks[t] = LineMark("chrome", chrome_kind="meta")
        for i, fields in found.heads.items():
            k = by_start.get(physical[i].start)
            if k is None:
                continue
            if not fields.get("continuation") and i > 0:
                # Discord's reply context over a message ("↪ Replying to
                # @ana", "╭ @ana: the words answered"): part of its header,
                # naming whom it answers.
                above = physical[i - 1]
                m = _REPLY_CONTEXT.match(text, above.start, above.end)
                k0 = by_start.get(above.start)
                if m is not None and k0 is not None and k0 not in marks and k0 == k - 1:
                    fields = dict(fields, reply_to_author=_unwrap(m.group("name")))
                    marks[k0] = LineMark("header", lines=2, fields=fields)
                    continue
            if not fields.get("continuation"):
                # Telegram's "[In reply to ana]" under a message's header:
                # part of the header, naming whom the message answers.
                n = fields.get("lines", 1)
                below = physical[i + n] if i + n < len(physical) else None
                m = _REPLY_UNDER.match(text, below.start, below.end) if below is not None else None
                if m is not None and by_start.get(below.start) == k + n:
                    fields = dict(fields, reply_to_author=_unwrap(m.group("name")), lines=n + 1)
            if fields.get("continuation"):
                # Slack's bare "8:07" under a message: the same author's
                # message goes on under the one name header (as the page
                # groups it); the stamp is furniture of that comment.
                marks[k] = LineMark("chrome", chrome_kind="meta")
            else:
                marks[k] = LineMark("header", lines=fields.get("lines", 1), fields=fields)
        for i, kind in found.chrome.items():
            k = by_start.get(physical[i].start)
            if k is not None and k not in marks:
                marks[k] = LineMark("chrome", chrome_kind=kind)
        if found.paste is not None:
            k = by_start.get(physical[found.paste[0]].start)
            if k is not None and k not in marks:
                marks[k] = LineMark("code", lines=found.paste[1])
        return marks

    def link_replies(self, doc: Any, comments: list[Any]) -> list[Optional[tuple]]:
        messages = []
        for c in comments:
            fields = (doc.units[c.header_unit].header or {}) if c.header_unit is not None else {}
            messages.append((fields.get("clock"), fields.get("author"), _own_opening(doc, c)))
        return link_messages(messages, texts=_MessageTexts(doc, comments))


class _MessageTexts:
    """Each message's whole text, cut from the dump only when asked for (the
    linker reads few of them: only in a thread printed as a chat)."""

    def __init__(self, doc: Any, comments: list[Any]) -> None:
        self.doc, self.comments = doc, comments

    def __getitem__(self, k: int) -> str:
        units = self.comments[k].units
        if not units:
            return ""
        return self.doc.text[self.doc.units[units[0]].start : self.doc.units[units[-1]].end]


_LABEL_LINE = re.compile(r"[ \t]{0,4}@?[^\s:,;<>\[\]|][^\n:<>\[\]|]{0,40}:[ \t]*\Z")


def _own_opening(doc: Any, c: Any) -> str:
    """The start of the writer's own words in a message. Quoted text is
    someone else's, and a bare ``Name:`` line over more of the message labels
    the quote below it (a copied forum thread's quote header), so neither
    opens an address: the writer's first own paragraph is then passed after a
    newline, read for mentions only. An IRC line ``bo: try this`` is a message
    of its own and still opens with an address: in a line-prefixed log the
    message is what its line says."""
    units = c.units
    if not units:
        return ""
    first = doc.units[units[0]]
    if c.header_unit is not None and "\n" not in doc.text[doc.units[c.header_unit].end : first.start]:
        # a line-prefixed log: the message is the text on the header's line,
        # unless it opens with "Name:" over a quote of Name's words (a thread
        # printed as a chat: the label of the quote, not an address)
        q = doc.quotes.get(units[0])
        if q is not None and q.inline and q.start - first.start <= 45 and _LABEL_LINE.fullmatch(
            doc.text, first.start, q.start
        ):
            return "\n" + doc.text[q.end : min(first.end, q.end + 300)]
        return doc.text[first.start : min(first.end, first.start + 300)]
    late = bool(c.attribution_units) and min(c.attribution_units) < units[0]
    k = 0
    if not late and len(units) > 1:
        u = doc.units[units[0]]
        if _LABEL_LINE.match(doc.text, u.start, u.end):
            late, k = True, 1
    while k < len(units) and units[k] in doc.quotes:
        late, k = True, k + 1
    if k >= len(units):
        return ""
    u = doc.units[units[k]]
    return ("\n" if late else "") + doc.text[u.start : min(u.end, u.start + 300)]


# --------------------------------------------------------------------------- reply links

# A bridged Matrix ID's server after the nick ("ana:matrix.org").
_MATRIX_SERVER = r":[\w-]{1,40}(?:\.[\w-]{1,40}){1,4}"
_ADDRESS = re.compile(
    r"[ \t]{0,4}(?:@?(?P<nick>[^\s:,;>]{1,40})(?:" + _MATRIX_SERVER + r")?[ ]?[:,;>](?:[ \t]|\Z)"
    r"|@(?P<at>[^\s:,;>]{1,40}))"
)  # ("ana:matrix.org: hi": a bridged Matrix ID addressed, server and all)
_SERVER = re.compile(_MATRIX_SERVER + r"\Z")
_TOKEN = re.compile(r"@?[^\s:,.!?()\"'<>\[\]{}]{2,40}")
# Common words that are also nicks in real channels: never read as a mention
# unless they open the message as an address.
_COMMON = frozenset(
    """the and you your for not but all any can how what why who when where this that with
    have has had was are is it its home help here there then them they just like yes no
    ok okay thanks thank hi hello hey well sure good bad new old one two some time work
    linux ubuntu windows root user file files server install boot sudo apt get make""".split()
)

# A message that opens like the rest of a sentence continues its speaker's own.
_CONTINUES = re.compile(r"[ \t]{0,4}(?:(?i:and|but|or|also|so|because|plus|then|though|which)\b|\.\.\.|…)")
SAME_SPEAKER_MINUTES = 5  # a speaker's next message within this continues their own
ADDRESSED_MINUTES = 8  # a reply to a message addressed to the speaker within this
MENTION_MINUTES = 10  # a nick named mid-message is addressed if they spoke within this
ADDRESSEE_TURN_MINUTES = 2  # ... unless they turned to someone else within this
LIVE_MINUTES = 5  # a log whose median gap between messages is at most this is live
# A speaker continues their own message across at most this many messages
# by others; past it the link was right about a third of the time (tune logs).
MAX_BETWEEN = 2
RECENT_MESSAGES = 8  # without time stamps, "recent" means within this many messages


REPEAT_WORDS = 5  # words after an address that must recur in the addressed post


def _repeats(rest: str, text: str) -> bool:
    """Whether the first ``REPEAT_WORDS`` words of ``rest`` recur, in order,
    in ``text`` (spacing aside)."""
    words = rest.split()[:REPEAT_WORDS]
    return len(words) == REPEAT_WORDS and " ".join(words) in " ".join(text.split())


def _fold(nick: str) -> str:
    """A nick as addressed: case-folded, without decoration, and without a
    bridged Matrix ID's server (``ana:matrix.org`` is addressed ``ana:``)."""
    if ":" in nick:
        nick = _SERVER.sub("", nick)
    return nick.casefold().strip("_`|^-@")


def _squash(name: str) -> str:
    """A display name as people type it when they address its owner:
    ``Añöñymöüs 45`` -> ``anonymous45`` (accents, spaces and marks dropped)."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in plain if ch.isalnum())


# The tag a bridge puts after a nick it relays ("ana[m]" from Matrix, "bo[d]"
# from Discord).
_BRIDGE_TAG = re.compile(r"\[[a-z]{1,3}\]\Z")
# A Matrix message bridged to IRC as a reply opens with the nick answered and
# the first words of the message answered, cut at 32 characters:
# '<ana "I would rather cap blocks at"> Why?'
_BRIDGED_REPLY = re.compile(r'<(?P<nick>[^\s<>"]{1,60}) "(?P<words>[^"\n]{1,80})">[ \t]')
BRIDGED_REACH = 50  # the answered nick's latest messages read for those words


def _bridged_reply(head: str, said_by: dict, messages: list, resolve) -> Optional[tuple]:
    """``(j, "reply-to-header", 0.95)`` when a message opens with a bridged
    reply whose words open message ``j`` by that nick (the latest such, among
    their last :data:`BRIDGED_REACH`); else ``None``."""
    m = _BRIDGED_REPLY.match(head)
    if m is None:
        return None
    nick = resolve(m.group("nick"))
    if nick is None:
        return None
    words = " ".join(m.group("words").split())
    for j in reversed(said_by.get(nick, ())[-BRIDGED_REACH:]):
        said = messages[j][2]
        own = _BRIDGED_REPLY.match(said)
        if own is not None:
            said = said[own.end():]
        if " ".join(said.split()).startswith(words):
            return (j, "reply-to-header", 0.95)
    return None


def link_messages(messages: list[tuple[Optional[int], Optional[str], str]],
                  texts: Optional[Any] = None) -> list[Optional[tuple]]:
    """Reply links for chat messages ``(clock minutes or None, author or None, text)``.

    Returns, per message, ``None`` (unknown) or ``(parent index or None,
    method, score)``; see the module docstring for the evidence used.
    ``texts``, when given, gives each message's whole text by index: in a thread
    printed as a chat, an opening ``ana:`` then links only when the words
    after it repeat ana's post (:func:`_repeats`).

    >>> link_messages([(600, "ana", "anyone using zfs?"), (601, "bo", "ana: yes"),
    ...                (601, "ana", "thanks")])
    [None, (0, 'addressing', 0.75), (1, 'addressed-reply', 0.65)]
    """
    # Absolute minutes: a clock that jumps back by more than six hours passed midnight.
    times: list[Optional[int]] = []
    day, prev = 0, None
    for clock, _, _ in messages:
        if clock is None:
            times.append(None)
            continue
        if prev is not None and clock < prev - 360:
            day += 1440
        prev = clock
        times.append(clock + day)
    first_time = next((t for t in times if t is not None), None)
    # A live log: messages in time order, following each other within minutes
    # (the median gap), so the minutes before a message are shown. A thread
    # printed as a chat (hours between posts, or posts in tree order, times
    # going back) does not show what a message may answer.
    timed = [t for t in times if t is not None]
    gaps = sorted(b - a for a, b in zip(timed, timed[1:]))
    backwards = sum(1 for g in gaps if g < 0)
    live = bool(gaps) and 0 <= gaps[len(gaps) // 2] <= LIVE_MINUTES and backwards * 20 <= len(gaps)
    cache: dict[str, str] = {}

    def fold(nick: str) -> str:
        f = cache.get(nick)
        if f is None:
            f = cache[nick] = _fold(nick)
        return f

    speakers: dict[str, str] = {}  # folded name -> the speaker's folded nick; first words of names too
    for _, author, _ in messages:
        if author:
            me = fold(author)
            speakers.setdefault(me, me)
            parts = author.split()
            if len(parts) > 1:
                speakers.setdefault(fold(parts[0]), me)
            local = author.lstrip("@").split(":", 1)[0]
            if local != author and local:
                speakers.setdefault(fold(local), me)  # a Matrix id "@ana:example.org"
            if author[-1:] == "]" and (bare := _BRIDGE_TAG.sub("", author)) and bare != author:
                speakers.setdefault(fold(bare), me)  # a bridge's tag: "ana[m]" is addressed "ana:"
            squashed = _squash(author)
            if len(squashed) >= 3:
                speakers.setdefault(squashed, me)
    who = [(fold(a) if a else None) for _, a, _ in messages]

    def recent(j: int, k: int, minutes: int, window: int = RECENT_MESSAGES) -> bool:
        if times[j] is not None and times[k] is not None:
            return 0 <= times[k] - times[j] <= minutes
        return k - j <= window

    def resolve(nick: str) -> Optional[str]:
        return speakers.get(fold(nick))

    out: list[Optional[tuple]] = []
    last_by: dict[str, int] = {}
    addressed_to: dict[str, int] = {}  # nick -> latest message addressed or replying to them
    partner: dict[int, str] = {}  # message -> the nick it is directed at
    to_from: dict[tuple[str, str], int] = {}  # (speaker, partner) -> latest such message
    spoken: dict[int, int] = {}  # message -> its rank among messages with a speaker
    said_by: dict[str, list[int]] = {}  # speaker -> their messages so far
    for k, (_, author, head) in enumerate(messages):
        me = who[k]
        if me is None:
            out.append(None)
            continue
        spoken[k] = len(spoken)
        target, how = None, "addressing"
        bridged = _bridged_reply(head, said_by, messages, resolve) if head[:1] == "<" else None
        if bridged is not None:
            target = who[bridged[0]]
        m = _ADDRESS.match(head) if bridged is None else None
        if m is not None:
            r = resolve(m.group("nick") or m.group("at"))
            if r is not None and r != me:
                target = r
        # Only a live log (timed) reads names in passing and replies to the
        # addressed: in a thread printed as a chat, or an untimed log, which
        # is read like one, a name in passing says nothing of what it answers.
        tokens = [(speakers.get(f), f) for f in map(fold, _TOKEN.findall(head))] if live else ()
        if target is None:
            for r, f in tokens:
                if f == me or f in _COMMON or len(f) < 3:
                    continue
                if r is not None and r != me and r in last_by and recent(last_by[r], k, MENTION_MINUTES):
                    target, how = r, "mention"
                    break
        result: Optional[tuple] = None
        if target is not None:
            j = last_by.get(target)
            j_me = to_from.get((target, me))
            if (
                j_me is not None and j is not None and j_me != j
                and partner.get(j) not in (None, me) and recent(j_me, k, ADDRESSEE_TURN_MINUTES)
            ):
                # the addressee's latest message went to someone else; their
                # message to this speaker a moment before is the one answered
                result = (j_me, how, 0.7 if how == "addressing" else 0.55)
            elif j is not None:
                result = (j, how, 0.75 if how == "addressing" else 0.6)
            if result is not None and not live and spoken[k] - spoken[result[0]] != 1:
                # A thread printed as a chat (tree order, hours apart): "ana:"
                # answers ana's message just before; her latest one further up
                # was right a quarter of the time on exploratory styles. Unknown.
                result = None
            elif (
                result is not None and not live and times[k] is not None and texts is not None
                and not _repeats(head[m.end():] if m is not None else "", texts[result[0]])
            ):
                # A thread printed as a chat (timed, hours apart): "ana:" over
                # words of ana's post just before labels a quote of it, and
                # answers it; an address alone ("@ana thanks"), where the
                # site's own reply record was not printed, was right about
                # half the time on exploratory styles. Unknown.
                result = None
        else:
            j2 = addressed_to.get(me)
            j1 = last_by.get(me)
            to_me = j2 is not None and recent(j2, k, ADDRESSED_MINUTES)
            # without times only an uninterrupted run is a continuation
            mine = j1 is not None and recent(j1, k, SAME_SPEAKER_MINUTES, window=1)
            continues = mine and _CONTINUES.match(head) is not None
            if mine and (times[k] is None or not live):
                # posts of a thread printed as a chat, or a log without times
                # (nothing shows it is live): only a run by one speaker that
                # reads on ("and ...") continues their own
                mine = continues and j1 == k - 1
            if to_me and (not mine or j2 > j1) and not continues and live:
                result = (j2, "addressed-reply", 0.65)
            elif mine:
                # the speaker was not silent: their own line goes on, unless a
                # conversation of others came between (then unknown)
                if spoken[k] - spoken[j1] <= MAX_BETWEEN + 1:
                    result = (j1, "same-speaker", 0.5)
            elif (
                times[k] is not None
                and first_time is not None
                and times[k] - first_time >= SAME_SPEAKER_MINUTES
                and not (j2 is not None and recent(j2, k, ADDRESSED_MINUTES))
                and live
            ):
                # The log shows the minutes before it: the speaker was silent and
                # unaddressed, and addresses nobody.
                result = (None, "new-conversation", 0.65)
        if bridged is not None:
            result = bridged
        out.append(result)
        last_by[me] = k
        said_by.setdefault(me, []).append(k)
        if target is not None:
            addressed_to[target] = k
            partner[k] = target
        elif result is not None and result[0] is not None and result[1] != "same-speaker":
            parent_author = who[result[0]]
            if parent_author and parent_author != me:
                addressed_to[parent_author] = k
                partner[k] = parent_author
        elif result is not None and result[0] is not None and partner.get(result[0]):
            partner[k] = partner[result[0]]
        if k in partner:
            to_from[(me, partner[k])] = k
        for r, f in tokens:
            if r is not None and r != me and r != target and f not in _COMMON:
                addressed_to[r] = max(addressed_to.get(r, -1), k)
    return out
