"""Render corpus threads in dump styles drawn from a grammar, with the gold answer.

:mod:`threadparse.testing` prints a dozen hand-written site styles, written by
the same hands as the parser and sharing its assumptions. This module measures
the parser on shapes nobody wrote for it: :func:`draw_style` draws an invented
site from declarative tables (header fields and their shapes, date formats,
relative ages, separators, name shapes, quoting, page chrome, nesting) and
:func:`render_grammar` prints corpus comments in it, recording a gold record in
the ``threadparse-gold/1`` format of :mod:`threadparse.testing`::

    >>> from threadparse.testing import CorpusComment, gold_problems
    >>> a = CorpusComment("demo", "t1", "c1", None, "ann", "2024-01-01T10:00:00Z", "First point.")
    >>> b = CorpusComment("demo", "t1", "c2", "c1", "bob", "2024-01-01T11:00:00Z", "@ann I disagree.")
    >>> dump = render_grammar([a, b], draw_style(4))
    >>> draw_style(4).family
    'rfc822'
    >>> gold_problems(dump.text, dump.gold)
    []
    >>> [(c["speaker"], c["parent"], c["parent_status"]) for c in dump.gold["comments"]]
    [('Ann', None, 'top'), ('Böb', 'c1', 'reply')]

Style seeds fall into families (``FAMILIES[seed % 6]``): one-line forum
headers, multi-line forum user cards, chat messages under a header line, chat
lines with a ``[time] <nick>`` prefix, RFC 822 messages and mbox files. Seeds
are split (:data:`SPLITS`) into ``dev`` and ``tune`` styles that may be looked
at while tuning the parser and ``held-out`` styles that are only reported, so
each family's held-out figure comes from sites the parser was never tuned on.

Gold additions: each comment has ``parent_status``. ``"reply"``: the page shows
its parent (nesting, a depth or reply-to field, mail In-Reply-To/References, a
quote of the parent, ``@name`` addressing), and ``parent`` names it.
``"top"``: the page shows it answers nothing in the dump. ``"unknown"``: the
page does not show what it answers; ``parent`` is then null whatever the true
parent, and a parser asserting any parent there is wrong.

The corpus text is third-party writing: it is read at run time, never stored.
"""

from __future__ import annotations

import random
import re
import string
import textwrap
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from .evaluate import Case
from .testing import (
    GOLD_SCHEMA,
    CorpusComment,
    RenderedDump,
    _parse_body,  # the corpus body split into prose, quote and in-body chrome blocks
    _first_seen,
    _gold_spans,
    _parse_time,
    _Piece,  # a run of output text and its role, as the hand-written styles use
    _sep,
    _tidy,
    load_corpus,
)

__all__ = [
    "ARTIFACTS",
    "FAMILIES",
    "SPLITS",
    "HeaderLine",
    "MailSpec",
    "StyleSpec",
    "draw_style",
    "family_of",
    "render_grammar",
    "sample_grammar",
    "split_seeds",
]

FAMILIES: tuple[str, ...] = (
    "forum-single-line",
    "forum-multi-line",
    "chat-header",
    "chat-prefix",
    "rfc822",
    "mbox",
)
"""Style families; a style seed belongs to ``FAMILIES[seed % len(FAMILIES)]``."""

SPLITS: dict[str, range] = {"dev": range(0, 12), "tune": range(200, 260), "held-out": range(100, 160)}
"""Style seeds per split: ``dev`` (2 per family) and ``tune`` (10 per family,
added when 2 styles per family proved too few to tune on without overfitting)
may be inspected while tuning;
``held-out`` (10 per family) are only ever reported."""

ARTIFACTS: tuple[str, ...] = ("recapture", "pagination", "parent-context")
"""Capture artifacts :func:`render_grammar` can add. ``recapture`` prints the
page a second time, later: ages shift, scores move, typography, wrapping and
spaces change."""

Table = Mapping[str, float]
"""Options with their weights, drawn by :func:`_pick`."""


def _pick(rng: random.Random, table: Table) -> str:
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


# --------------------------------------------------------------------------- dates

_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _mon(d: datetime) -> str:
    return _MONTHS[d.month - 1][:3]


def _dow(d: datetime) -> str:
    return _DAYS[d.weekday()][:3]


def _h12(d: datetime) -> int:
    return d.hour % 12 or 12


def _pm(d: datetime) -> str:
    return "pm" if d.hour >= 12 else "am"


ABSOLUTE_DATES: dict[str, Callable[[datetime], str]] = {
    "phpbb": lambda d: f"{_dow(d)} {_mon(d)} {d.day:02d}, {d.year} {_h12(d)}:{d.minute:02d} {_pm(d)}",
    "iso-minute": lambda d: f"{d:%Y-%m-%d %H:%M}",
    "dotted": lambda d: f"{d:%d.%m.%Y}, {d:%H:%M}",
    "long-at": lambda d: f"{_MONTHS[d.month - 1]} {d.day}, {d.year} at {_h12(d)}:{d.minute:02d} {_pm(d).upper()}",
    "day-month-year": lambda d: f"{d.day} {_mon(d)} {d.year}",
    "smf": lambda d: f"{_MONTHS[d.month - 1]} {d.day:02d}, {d.year}, {_h12(d):02d}:{d:%M:%S} {_pm(d).upper()}",
    "us-slash": lambda d: f"{d.month}/{d.day}/{d.year} {_h12(d)}:{d.minute:02d} {_pm(d).upper()}",
    "eu-slash": lambda d: f"{d:%d/%m/%Y %H:%M}",
    "rfc2822": lambda d: format_datetime(d),
    "iso-t": lambda d: f"{d:%Y-%m-%dT%H:%M:%SZ}",
    "month-day-year": lambda d: f"{_mon(d)} {d.day}, {d.year}",
    "weekday-long": lambda d: f"{_DAYS[d.weekday()]}, {_MONTHS[d.month - 1]} {d.day}, {d.year} - {_h12(d)}:{d.minute:02d} {_pm(d)}",
    "day-month-clock": lambda d: f"{d.day} {_mon(d)} {d.year}, {d:%H:%M}",
    "comma-long": lambda d: f"{_dow(d)}, {d:%d} {_MONTHS[d.month - 1]} {d.year}, {d:%H:%M:%S}",
}
"""Absolute date formats (English names, independent of the locale)."""

FORUM_DATES: Table = {
    "phpbb": 3, "iso-minute": 2, "dotted": 2, "long-at": 2, "day-month-year": 1, "smf": 1,
    "us-slash": 1, "eu-slash": 1, "iso-t": 0.5, "month-day-year": 1, "weekday-long": 1,
    "day-month-clock": 1, "comma-long": 0.5,
}


def _age_parts(delta: timedelta) -> tuple[int, str]:
    s = max(60, int(delta.total_seconds()))
    for size, unit in ((31536000, "year"), (2592000, "month"), (604800, "week"),
                       (86400, "day"), (3600, "hour"), (60, "minute")):
        if s >= size:
            return s // size, unit
    return 1, "minute"  # pragma: no cover - s is at least 60


_ABBREV = {"year": "yr", "month": "mo", "week": "wk", "day": "day", "hour": "hr", "minute": "min"}
_LETTER = {"year": "y", "month": "mo", "week": "w", "day": "d", "hour": "h", "minute": "m"}


def _words(delta: timedelta) -> str:
    n, unit = _age_parts(delta)
    return f"{n} {unit}{'' if n == 1 else 's'} ago"


def _day_at(d: datetime, now: datetime) -> str:
    """``Today at 5:16 PM`` / ``Yesterday at 5:16 PM``, else the date with the time."""
    clock = f"{_h12(d)}:{d.minute:02d} {_pm(d).upper()}"
    days = (now.date() - d.date()).days
    if days == 0:
        return f"Today at {clock}"
    if days == 1:
        return f"Yesterday at {clock}"
    return f"{d.month:02d}/{d.day:02d}/{d.year} {clock}"


RELATIVE_AGES: dict[str, Callable[[datetime, datetime], str]] = {
    "words": lambda d, now: _words(now - d),
    "about": lambda d, now: "about " + _words(now - d),
    "compact": lambda d, now: "{0}{1}".format(*_compact(now - d)),
    "compact-ago": lambda d, now: "{0}{1} ago".format(*_compact(now - d)),
    "abbrev": lambda d, now: "{0} {1}{2} ago".format(*_abbrev(now - d)),
    "day-at": _day_at,
}
"""Relative ages: ``3 hours ago``, ``3h``, ``3 hrs ago``, ``Yesterday at 5:16 PM``..."""


def _compact(delta: timedelta) -> tuple[int, str]:
    n, unit = _age_parts(delta)
    return n, _LETTER[unit]


def _abbrev(delta: timedelta) -> tuple[int, str, str]:
    n, unit = _age_parts(delta)
    return n, _ABBREV[unit], "" if n == 1 else "s"


CLOCKS: dict[str, Callable[[datetime], str]] = {
    "24h": lambda d: f"{d:%H:%M}",
    "24h-seconds": lambda d: f"{d:%H:%M:%S}",
    "12h": lambda d: f"{_h12(d)}:{d.minute:02d} {_pm(d).upper()}",
    "12h-tight": lambda d: f"{_h12(d)}:{d.minute:02d}{_pm(d)}",
}

# --------------------------------------------------------------------------- fields

FIELD_SHAPES: dict[str, Table] = {
    "author": {"{author}": 8, "Post by {author}": 2, "Posted by {author}": 2, "By {author}": 1,
               "by {author}": 1, "Author: {author}": 1, "**{author}**": 1},
    "date": {"{date}": 6, "on {date}": 2, "Posted: {date}": 1, "» {date}": 1, "« on: {date} »": 1,
             "({date})": 1, "[{date}]": 1, "Date: {date}": 1, "@ {date}": 0.5},
    "age": {"{age}": 6, "({age})": 1, "posted {age}": 1},
    "postno": {"#{n}": 4, "Post #{n}": 1, "#{n}.": 1, "Reply #{n}": 1, "[#{n}]": 1, "Permalink #{n}": 0.5},
    "score": {"{score} points": 3, "Score: {score}": 2, "{signed}": 2, "▲ {score}": 1, "{score} likes": 1,
              "Likes: {score}": 1, "♥ {score}": 1, "Reputation: {score}": 1},
    "rank": {"{rank}": 1},
    "posts": {"Posts: {posts}": 3, "{posts_grouped} posts": 1, "Messages: {posts}": 1, "Post count: {posts}": 0.5},
    "joined": {"Joined: {joined}": 3, "Join Date: {joined_month}": 1, "Member since {joined_year}": 1,
               "Registered: {joined}": 1},
    "status": {"{status}": 1},
    "avatar": {"{author}": 2, "{author}'s avatar": 1, "User avatar": 2},
    "subject": {"{subject}": 3, "Subject: {subject}": 1, "Post subject: {subject}": 1},
    "level": {"level {level}": 2, "Depth: {level}": 1, "[L{level}]": 1},
    "arrows": {"{arrows}": 1},
    "replyref": {"in reply to {parent_name}": 2, "↪ {parent_name}": 1, "replying to @{parent_name}": 1,
                 "(reply to {parent_name})": 1},
}
"""How each header field prints; ``{...}`` are per-comment values (see ``_values``)."""

SEPARATORS: Table = {" · ": 3, " | ": 3, " — ": 2, " » ": 1, ", ": 1, "  ": 2, " - ": 1, " • ": 1, " ": 2}
LINE_SUFFIXES: Table = {"": 10, " said:": 1, " wrote:": 1, ":": 1}
RANKS = ("Member", "Senior Member", "Junior Member", "Newbie", "Moderator", "Administrator", "Regular",
         "Veteran", "Contributor", "Pro Class", "Enthusiast", "Site Supporter", "Banned", "Guru")

CHAT_HEADERS: Table = {
    "{author} — {time}": 3, "{author}  {time}": 2, "**{author}** {time}": 1, "_{author}  {time}_": 1,
    "{author}, [{time}]": 1, "{author} ({time})": 1, "{time} {author}": 1, "{author}\n{time}": 1,
}
"""Header lines of chat copies (Discord, Slack, Telegram, Matrix)."""

CHAT_PREFIXES: Table = {
    "[{time}] <{author}>": 3, "{time} <{author}>": 2, "[{time}] {author}:": 2, "{time} - {author}:": 2,
    "<{author}>": 1, "{author}:": 1, "{time} | {author} |": 1, "({time}) {author}:": 1,
}
"""Line prefixes of chat logs (IRC, WhatsApp, exported Slack)."""

CHAT_TIMES: Table = {"24h": 2, "24h-seconds": 2, "12h": 1, "day-at": 1, "dotted": 1, "iso-minute": 1, "eu-slash": 1}

NAME_SHAPES: Table = {"as-is": 6, "spaced": 2, "underscore": 1, "camel": 1, "digits": 1, "accented": 1,
                      "cyrillic": 0.5, "handle": 1}
"""How an author's name is shown: ``Carl Worth``, ``carl_worth``, ``CarlWorth``,
``carlworth1987``, ``Cárl Wörth``, ``Карл Ворт``, ``Carl Worth @carlworth``..."""

ANONYMOUS: Table = {"Guest": 2, "[deleted]": 2, "Anonymous": 2, "deleted user": 1, "Unregistered": 1}

QUOTE_STYLES: Table = {">": 3, "wrote-indent": 2, "quote-from": 2, "bare": 1}
QUOTE_LABELS: dict[str, Table] = {
    ">": {"": 3, "{name} wrote:": 2, "On {date}, {name} wrote:": 1},
    "wrote-indent": {"{name} wrote:": 3, "Originally Posted by {name}": 1, "Quote from: {name} on {date}": 1,
                     "Quoting {name}:": 1},
    "quote-from": {"Quote from {name}": 2, "{name} said:": 2, "Quote ({name} @ {date}):": 1, "Quote from: {name}": 1},
    "bare": {"": 1},
}
GENERIC_QUOTE_LABELS: Table = {"Quote:": 2, "Quote": 1, "Quoted text:": 1}
QUOTE_AFTER: Table = {"": 4, "Click to expand...": 1, "Expand": 0.5}

BUTTONS = ("Quote", "Reply", "Report", "Top", "Like", "Share", "Reply With Quote", "Multi-Quote",
           "Back to top", "Permalink", "Flag", "Edit", "Thanks")
BUTTON_SEPARATORS: Table = {" ": 2, " | ": 2, "\n": 1, " · ": 1, "  ": 1}

SIGNATURE_RULES: Table = {"_________________": 2, "--": 1, "----------": 1}
SIGNATURES = ("Sent from my phone", "My rig: a slow laptop and a fast kettle", "Keep it simple.",
              "Proud owner of three unfinished projects", "Opinions are my own", "-- posted with love --",
              "Currently reading: too much", "Check my profile for the FAQ")

SITE_WORDS_A = ("Cafe", "Open", "Quiet", "Rusty", "Blue", "Northern", "Little", "Grand", "Midnight", "Copper")
SITE_WORDS_B = ("Husky", "Garage", "Harbour", "Workshop", "Lantern", "Orchard", "Signal", "Kettle", "Foundry")
BOARDS = ("General Discussion", "Help & Support", "Off Topic", "Announcements", "Development", "Hardware")
SOFTWARE = ("BoardKit 3.2", "ThreadWorks", "OpenForum 1.9", "TalkEngine 5", "Chatterbox 2.0")
SUBJECT_A = ("Question", "Notes", "Proposal", "Problem", "Thoughts", "Update", "Patch", "Help")
SUBJECT_B = ("about", "on", "regarding", "for", "with")
SUBJECT_C = ("the build", "indexing", "the new release", "threading", "search", "the API", "tags", "my setup")

PAGE_OPEN: tuple[tuple[str, str, float], ...] = (
    ("meta", "{site}", 0.6),
    ("meta", "It is currently {now_date}", 0.15),
    ("navigation", "{nav}", 0.5),
    ("meta", "{title}", 0.6),
    ("ui", "{count}", 0.4),
    ("navigation", "{pagination}", 0.35),
)
"""Page furniture above the comments: (chrome kind, template, probability)."""

PAGE_CLOSE: tuple[tuple[str, str, float], ...] = (
    ("navigation", "{pagination}", 0.35),
    ("navigation", "{jump}", 0.2),
    ("navigation", "Similar threads\n{similar}", 0.2),
    ("meta", "Users browsing this thread: {browsing}", 0.15),
    ("meta", "{footer}", 0.6),
)
"""Page furniture below the comments."""

CHROME_SHAPES: dict[str, Table] = {
    "nav": {"Home » Forums » {board} » {subject}": 2, "Board index ‹ {board}": 1, "Forums > {board}": 1,
            "{site} / {board}": 1},
    "title": {"{subject}": 3, "Topic: {subject}  (Read {views} times)": 1, "Thread: {subject}": 1,
              "{subject} - {site}": 1},
    "count": {"{n} replies": 2, "{n} comments": 2, "Replies: {n}": 1, "Viewing {n} posts - 1 through {n}": 1},
    "pagination": {"Page 1 of {pages}  1 2 3 Next »": 2, "Go to page 1, 2, 3  Next": 1, "« Prev  1  2  3  Next »": 1,
                   "Pages: [1] 2 3": 1},
    "jump": {"Jump to: {board}": 1, "Back to top": 1, "Return to {board}": 1},
    "footer": {"Powered by {software}": 2, "© {year} {site} · Contact us · Privacy · Terms": 2,
               "All times are UTC": 1, "Powered by {software}\nAll times are UTC": 1},
}
CHAT_PAGE_OPEN: tuple[tuple[str, str, float], ...] = (
    ("meta", "#{channel}", 0.5),
    ("meta", "--- Log opened {now_date}", 0.3),
)
CHAT_PAGE_CLOSE: tuple[tuple[str, str, float], ...] = (("meta", "--- Log closed {now_date}", 0.2),)
CHANNELS = ("general", "dev", "help", "random", "support", "ubuntu-devel")

COMMENT_RULES: Table = {"": 8, "---": 1, "________________": 1, "* * *": 0.5}

MAIL_FROM: Table = {'"{name}" <{addr}>': 2, "{name} <{addr}>": 3, "{addr} ({name})": 1}
MAIL_DOMAINS = ("example.org", "mail.example.com", "lists.example.net", "example.edu", "post.example.de")
MAIL_ORDERS: tuple[tuple[str, ...], ...] = (
    ("From", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To", "References", "User-Agent", "MIME"),
    ("Date", "From", "To", "Cc", "Subject", "Message-ID", "In-Reply-To", "References", "MIME", "User-Agent"),
    ("Received", "From", "Subject", "Date", "Message-ID", "In-Reply-To", "References", "To", "Cc", "MIME"),
    ("From", "Subject", "Date", "Message-ID", "References", "In-Reply-To", "To", "User-Agent"),
)
MAIL_OPTIONAL: dict[str, float] = {"Received": 0.5, "To": 0.8, "Cc": 0.3, "User-Agent": 0.4, "MIME": 0.4}
MAIL_THREADING: Table = {"both": 6, "in-reply-to": 2, "references": 1, "none": 0.5}
MAIL_QUOTE_LABELS: Table = {"On {date}, {name} wrote:": 4, "{name} wrote:": 2, "On {date} {name} <{addr}> wrote:": 1,
                            "Quoting {name} ({date}):": 1}

# --------------------------------------------------------------------------- the spec


@dataclass(frozen=True)
class HeaderLine:
    """One header line: field templates (:data:`FIELD_SHAPES`) joined by ``sep``, then ``suffix``.

    A field whose values are missing (no parent, depth 0...) is left out.
    """

    fields: tuple[str, ...]
    sep: str = " "
    suffix: str = ""


@dataclass(frozen=True)
class MailSpec:
    """How a mail dump prints its messages (``rfc822`` and ``mbox`` families)."""

    mbox: bool
    headers: tuple[str, ...]
    from_shape: str
    list_tag: str
    fold: str
    threading: str


@dataclass(frozen=True)
class StyleSpec:
    """An invented site's dump style, drawn by :func:`draw_style` (JSON-able with ``as_dict``).

    ``header`` lines print above the body, or with ``body_inline`` start the
    body's line (chat prefixes; ``join_lines`` puts the whole message on it).
    The formats name entries of :data:`ABSOLUTE_DATES`, :data:`RELATIVE_AGES`
    and :data:`CLOCKS`; ``name_shapes`` (:data:`NAME_SHAPES`) are drawn per
    author. ``quote_style`` is ``>`` (markers kept), ``wrote-indent`` (a label,
    then the text indented), ``quote-from`` (a label, then the bare text) or
    ``bare``. ``nesting`` is how the page shows the tree: ``indent``,
    ``level`` / ``arrows`` / ``replyref`` header fields, or ``none``. The
    ``page_open`` / ``page_close`` chrome are ``(kind, template)`` pairs filled
    from ``chrome_values`` (:data:`CHROME_SHAPES`). ``mail`` is set for the
    ``rfc822`` and ``mbox`` families, whose headers are mail header blocks.
    """

    seed: int
    family: str
    header: tuple[HeaderLine, ...]
    header_line_sep: str = "\n"
    date_format: str = "iso-minute"
    age_format: str = "words"
    clock_format: str = "24h"
    name_shapes: tuple[str, ...] = ("as-is",)
    anonymous: str = "Guest"
    body_inline: bool = False
    join_lines: bool = False
    quote_style: str = ">"
    quote_label: str = ""
    generic_quote_label: str = "Quote:"
    quote_after: str = ""
    nesting: str = "none"
    indent: str = "    "
    buttons: str = ""
    buttons_on_header: bool = False
    signature_rule: str = ""
    head_sep: str = "\n"
    para_sep: str = "\n\n"
    comment_sep: str = "\n\n"
    comment_rule: str = ""
    page_open: tuple[tuple[str, str], ...] = ()
    page_close: tuple[tuple[str, str], ...] = ()
    chrome_values: tuple[tuple[str, str], ...] = ()
    mail: Optional[MailSpec] = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def shows_tree(self) -> bool:
        """Whether every comment's place in the tree is visible (nesting shown)."""
        return self.nesting != "none"


def family_of(seed: int) -> str:
    """The family a style seed draws from."""
    return FAMILIES[seed % len(FAMILIES)]


def draw_style(seed: int) -> StyleSpec:
    """Draw an invented site's style from the grammar; the same seed gives the same style."""
    family = family_of(seed)
    rng = random.Random(f"grammar-style|{seed}")
    common = dict(
        seed=seed,
        family=family,
        name_shapes=_draw_name_shapes(rng),
        anonymous=_pick(rng, ANONYMOUS),
        date_format=_pick(rng, FORUM_DATES),
        age_format=_pick(rng, {k: 1 for k in RELATIVE_AGES}),
    )
    return _DRAWERS[family](rng, common)


def _draw_name_shapes(rng: random.Random) -> tuple[str, ...]:
    """A site's user base: one main name shape, sometimes mixed with others."""
    main = _pick(rng, NAME_SHAPES)
    extra = [_pick(rng, NAME_SHAPES) for _ in range(rng.choice((0, 0, 1, 2)))]
    return (main, main, *extra)


def _field(rng: random.Random, kind: str) -> str:
    return _pick(rng, FIELD_SHAPES[kind])


def _draw_nesting(rng: random.Random) -> str:
    return _pick(rng, {"none": 5, "indent": 2, "level": 1, "arrows": 1, "replyref": 1})


def _draw_quoting(rng: random.Random) -> dict[str, str]:
    style = _pick(rng, QUOTE_STYLES)
    return dict(
        quote_style=style,
        quote_label=_pick(rng, QUOTE_LABELS[style]),
        generic_quote_label=_pick(rng, GENERIC_QUOTE_LABELS) if style in ("wrote-indent", "quote-from") else "",
        quote_after=_pick(rng, QUOTE_AFTER) if style == "quote-from" else "",
    )


def _draw_buttons(rng: random.Random) -> dict[str, Any]:
    if rng.random() < 0.3:
        return {}
    names = rng.sample(BUTTONS, rng.randint(1, 4))
    return dict(buttons=_pick(rng, BUTTON_SEPARATORS).join(names), buttons_on_header=rng.random() < 0.25)


def _draw_page(rng: random.Random, opening: Sequence[tuple[str, str, float]],
               closing: Sequence[tuple[str, str, float]]) -> dict[str, Any]:
    values = {name: _pick(rng, shapes) for name, shapes in CHROME_SHAPES.items()}
    return dict(
        page_open=tuple((kind, t) for kind, t, p in opening if rng.random() < p),
        page_close=tuple((kind, t) for kind, t, p in closing if rng.random() < p),
        chrome_values=tuple(sorted(values.items())),
    )


def _draw_layout(rng: random.Random) -> dict[str, str]:
    return dict(
        head_sep=_pick(rng, {"\n": 3, "\n\n": 2}),
        para_sep=_pick(rng, {"\n\n": 3, "\n": 2}),
        comment_sep=_pick(rng, {"\n\n": 3, "\n": 1, "\n\n\n": 1}),
        comment_rule=_pick(rng, COMMENT_RULES),
    )


def _nesting_fields(rng: random.Random, nesting: str) -> list[str]:
    return [_field(rng, nesting)] if nesting in ("level", "arrows", "replyref") else []


def _draw_forum_single(rng: random.Random, common: dict[str, Any]) -> StyleSpec:
    """``Post by alice » Tue Nov 10, 2009 5:16 pm``, ``#12 alice · 3 hours ago · 12 points``..."""
    nesting = _draw_nesting(rng)
    when = _pick(rng, {"date": 6, "age": 3, "both": 1, "none": 0.3})
    kinds = ["author"] + {"date": ["date"], "age": ["age"], "both": ["date", "age"], "none": []}[when]
    kinds += [kind for kind, p in (("score", 0.3), ("rank", 0.15)) if rng.random() < p]
    fields = [_field(rng, kind) for kind in kinds]
    if rng.random() < 0.2:
        rng.shuffle(fields)
    if rng.random() < 0.35:
        number = _field(rng, "postno")
        fields.insert(0 if rng.random() < 0.5 else len(fields), number)
    nest = _nesting_fields(rng, nesting)
    fields = (nest + fields) if nesting == "arrows" else (fields + nest)
    lines = [HeaderLine(tuple(fields), _pick(rng, SEPARATORS), suffix=_pick(rng, LINE_SUFFIXES))]
    if rng.random() < 0.25:
        lines.insert(0, HeaderLine((_field(rng, "subject"),)))
    return StyleSpec(
        header=tuple(lines), nesting=nesting, indent=rng.choice(("  ", "    ", "      ")),
        **common, **_draw_quoting(rng), **_draw_buttons(rng), **_draw_layout(rng),
        **_draw_page(rng, PAGE_OPEN, PAGE_CLOSE),
        signature_rule=_pick(rng, SIGNATURE_RULES) if rng.random() < 0.25 else "",
    )


def _draw_forum_multi(rng: random.Random, common: dict[str, Any]) -> StyleSpec:
    """A user card over the post: name / rank / ``Posts: 3342`` / ``Joined: …`` / date / ``#21``."""
    nesting = _pick(rng, {"none": 4, "level": 1, "replyref": 1, "indent": 1})
    card = [HeaderLine((kind,)) for kind, p in (("avatar", 0.2), ("rank", 0.5), ("status", 0.2),
                                                 ("posts", 0.4), ("joined", 0.35)) if rng.random() < p]
    card = [HeaderLine((_field(rng, line.fields[0]),)) for line in card]
    rng.shuffle(card)
    when = [_field(rng, _pick(rng, {"date": 4, "age": 1}))]
    if rng.random() < 0.4:
        when.append(_field(rng, "postno"))
        if rng.random() < 0.5:
            when.reverse()
    if rng.random() < 0.2:
        when.append(_field(rng, "score"))
    date_line = HeaderLine(tuple(when), _pick(rng, SEPARATORS))
    author = HeaderLine((_field(rng, "author"),) + tuple(_nesting_fields(rng, nesting)), _pick(rng, SEPARATORS))
    lines = [author] + card
    lines.insert(1 if rng.random() < 0.5 else len(lines), date_line)
    if rng.random() < 0.35:
        lines.insert(0, HeaderLine((_field(rng, "subject"),)))
    return StyleSpec(
        header=tuple(lines), header_line_sep=_pick(rng, {"\n": 3, "\n\n": 1}), nesting=nesting,
        indent=rng.choice(("    ", "        ")),
        **common, **_draw_quoting(rng), **_draw_buttons(rng), **_draw_layout(rng),
        **_draw_page(rng, PAGE_OPEN, PAGE_CLOSE),
        signature_rule=_pick(rng, SIGNATURE_RULES) if rng.random() < 0.35 else "",
    )


def _chat_time(rng: random.Random, common: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Chat copies print a clock, a day-relative time or a short date: the format and its field."""
    fmt = _pick(rng, CHAT_TIMES)
    if fmt in CLOCKS:
        return {**common, "clock_format": fmt, "age_format": "words", "date_format": "iso-minute"}, "{clock}"
    if fmt in RELATIVE_AGES:
        return {**common, "age_format": fmt}, "{age}"
    return {**common, "date_format": fmt}, "{date}"


def _draw_chat_header(rng: random.Random, common: dict[str, Any]) -> StyleSpec:
    """``alice — Today at 5:16 PM`` over the message (Discord, Slack, Telegram, Matrix copies)."""
    common, time_field = _chat_time(rng, common)
    template = _pick(rng, CHAT_HEADERS).replace("{time}", time_field)
    lines = [HeaderLine((line,)) for line in template.split("\n")]
    nesting = "replyref" if rng.random() < 0.25 else "none"
    if nesting == "replyref":
        lines.insert(0, HeaderLine((_pick(rng, {"↪ Replying to @{parent_name}": 1, "┌ @{parent_name}": 1}),)))
    return StyleSpec(
        header=tuple(lines), nesting=nesting, quote_style=_pick(rng, {">": 2, "bare": 1}),
        head_sep="\n", para_sep=_pick(rng, {"\n": 3, "\n\n": 1}), comment_sep=_pick(rng, {"\n": 2, "\n\n": 1}),
        **common, **_draw_page(rng, CHAT_PAGE_OPEN, CHAT_PAGE_CLOSE),
    )


def _draw_chat_prefix(rng: random.Random, common: dict[str, Any]) -> StyleSpec:
    """``[17:16] <alice> text``: every message starts its own line with a prefix."""
    common, time_field = _chat_time(rng, common)
    template = _pick(rng, CHAT_PREFIXES).replace("{time}", time_field)
    join = rng.random() < 0.6
    return StyleSpec(
        header=(HeaderLine((template,)),), body_inline=True, join_lines=join,
        quote_style="bare" if join else _pick(rng, {">": 1, "bare": 1}),
        head_sep=" ", para_sep="\n", comment_sep="\n",
        **common, **_draw_page(rng, CHAT_PAGE_OPEN, CHAT_PAGE_CLOSE),
    )


def _draw_mail(rng: random.Random, common: dict[str, Any], mbox: bool) -> StyleSpec:
    order = list(rng.choice(MAIL_ORDERS))
    headers = [h for h in order if rng.random() < MAIL_OPTIONAL.get(h, 1.0)]
    threading = _pick(rng, MAIL_THREADING)
    drop = {"both": (), "in-reply-to": ("References",), "references": ("In-Reply-To",),
            "none": ("References", "In-Reply-To")}[threading]
    mail = MailSpec(
        mbox=mbox,
        headers=tuple(h for h in headers if h not in drop),
        from_shape=_pick(rng, MAIL_FROM),
        list_tag=rng.choice(("", "", "[devel] ", "[users] ", "[discuss] ")),
        fold=rng.choice(("\t", " ", "    ")),
        threading=threading,
    )
    return StyleSpec(
        header=(), mail=mail, quote_style=">", quote_label=_pick(rng, MAIL_QUOTE_LABELS),
        head_sep="\n\n", para_sep="\n\n", comment_sep="\n\n",
        signature_rule="-- " if rng.random() < 0.5 else "",
        **{**common, "name_shapes": _mail_names(common["name_shapes"]), "date_format": "rfc2822"},
    )


def _mail_names(shapes: tuple[str, ...]) -> tuple[str, ...]:
    """Mail shows display names; an ``@handle`` suffix belongs to web pages."""
    return tuple("spaced" if s == "handle" else s for s in shapes)


_DRAWERS: dict[str, Callable[[random.Random, dict[str, Any]], StyleSpec]] = {
    "forum-single-line": _draw_forum_single,
    "forum-multi-line": _draw_forum_multi,
    "chat-header": _draw_chat_header,
    "chat-prefix": _draw_chat_prefix,
    "rfc822": lambda rng, common: _draw_mail(rng, common, mbox=False),
    "mbox": lambda rng, common: _draw_mail(rng, common, mbox=True),
}

# --------------------------------------------------------------------------- names

_NAME_SPLIT = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_PLAIN_NAME = re.compile(r"^[A-Za-z0-9 _.\-]+$")
_ACCENTS = str.maketrans({"a": "á", "e": "é", "o": "ö", "u": "ü", "n": "ñ", "c": "ç"})
_CYRILLIC = {"a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "й",
             "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р", "s": "с", "t": "т",
             "u": "у", "v": "в", "w": "в", "x": "кс", "y": "ы", "z": "з"}


def _shape_name(name: str, shape: str, salt: int) -> str:
    """``name`` in one of :data:`NAME_SHAPES`; names with other characters stay as they are."""
    words = [w.lower() for w in _NAME_SPLIT.findall(name)]
    if shape == "as-is" or not words or not _PLAIN_NAME.match(name):
        return name
    title = [w.capitalize() for w in words]
    return {
        "spaced": " ".join(title),
        "underscore": "_".join(words),
        "camel": "".join(title),
        "digits": "".join(words) + str(salt % 9000 + 10),
        "accented": " ".join(title).translate(_ACCENTS),
        "cyrillic": " ".join("".join(_CYRILLIC.get(ch, ch) for ch in w).capitalize() for w in words),
        "handle": f"{' '.join(title)} @{''.join(words)}",
    }[shape]


def _display_name(shown: str) -> str:
    """The name part of a shown name (``Carl Worth @carlworth`` -> ``Carl Worth``)."""
    return shown.split(" @", 1)[0]


# --------------------------------------------------------------------------- pieces


@dataclass
class _Printed:
    """A comment as the style prints it: header, body and trailer pieces and the joints."""

    head: list[_Piece]
    body: list[_Piece]
    tail: list[_Piece]
    head_sep: str
    tail_sep: str = "\n"


def _joined(pieces: list[_Piece], sep: str) -> list[_Piece]:
    out: list[_Piece] = []
    for p in pieces:
        if out:
            out.append(_sep(sep))
        out.append(p)
    return out


def _layout(co: _Printed) -> list[_Piece]:
    out = list(co.head)
    if co.body:
        out += ([_sep(co.head_sep)] if out else []) + co.body
    if co.tail:
        out += ([_sep(co.tail_sep)] if out else []) + co.tail
    return out


def _indent(pieces: list[_Piece], pad: str) -> list[_Piece]:
    """Indent every non-blank line of a printed comment by ``pad`` (nesting shown by indentation)."""
    if not pad:
        return pieces
    out = []
    line_start = True  # the comment starts a line; later, whether the previous piece ended one
    for p in pieces:
        text = re.sub(r"\n(?=[^\n])", "\n" + pad, p.text)
        if line_start and text[:1] not in ("", "\n"):
            text = pad + text  # leading whitespace stays outside the piece's recorded span
        out.append(replace(p, text=text))
        line_start = text.endswith("\n") if text else line_start
    return out


# --------------------------------------------------------------------------- one render


@dataclass
class _View:
    """One render: the spec, the rendered comments and their tree, invented values."""

    spec: StyleSpec
    seed: int
    comments: list[CorpusComment]
    by_id: dict[str, CorpusComment]
    parent: dict[str, Optional[str]]
    depth: dict[str, int]
    number: dict[str, int]
    now: datetime
    later: timedelta
    subject: str
    names: dict[Optional[str], str] = field(default_factory=dict)

    def rng(self, *parts: object) -> random.Random:
        return random.Random("|".join(map(str, (self.spec.seed, self.seed, *parts))))

    def name(self, author: Optional[str]) -> str:
        """The author's shown name, one per author and distinct across authors."""
        if author not in self.names:
            if not author:
                shown = self.spec.anonymous
            else:
                r = random.Random(f"{self.spec.seed}|name|{author}")
                shown = _shape_name(author, r.choice(self.spec.name_shapes), r.randrange(10**6))
                if shown in self.names.values():
                    shown = author
            self.names[author] = shown
        return self.names[author]

    def speaker(self, c: CorpusComment) -> Optional[str]:
        return _display_name(self.name(c.author)) if c.author else None


def _values(view: _View, c: CorpusComment, capture: int) -> dict[str, Optional[str]]:
    """Every value a header template may name, for one comment in one capture.

    The second capture (``capture=1``) is taken later: ages grow, scores move.
    """
    spec = view.spec
    posted = _parse_time(c.posted_at)
    now = view.now + view.later * capture
    r = view.rng("comment", c.comment_id)
    score = int(r.expovariate(1 / 9)) - (r.randint(0, 4) if r.random() < 0.1 else 0)
    if capture and r.random() < 0.6:
        score += r.choice((-3, -2, -1, 1, 1, 2, 2, 3))
    user = random.Random(f"{spec.seed}|user|{c.author}")
    joined = posted - timedelta(days=user.randint(3, 3000))
    posts = user.randint(1, 9000)
    parent_author = view.by_id[c.parent_id].author if c.parent_id in view.by_id else None
    depth = view.depth[c.comment_id]
    return {
        "author": view.name(c.author),
        "date": ABSOLUTE_DATES[spec.date_format](posted),
        "age": RELATIVE_AGES[spec.age_format](posted, now),
        "clock": CLOCKS[spec.clock_format](posted),
        "n": str(view.number[c.comment_id]),
        "score": str(score),
        "signed": f"{score:+d}",
        "rank": RANKS[user.randrange(len(RANKS))],
        "posts": str(posts),
        "posts_grouped": f"{posts:,}",
        "joined": ABSOLUTE_DATES["month-day-year"](joined),
        "joined_month": f"{_mon(joined)} {joined.year}",
        "joined_year": str(joined.year),
        "status": "Online" if user.random() < 0.3 else "Offline",
        "subject": ("Re: " if view.number[c.comment_id] > 1 else "") + view.subject,
        "level": str(depth + 1),
        "arrows": "↳ " * depth or None,
        "parent_name": _display_name(view.name(parent_author)) if c.parent_id is not None else None,
    }


_FORMATTER = string.Formatter()


def _fill(template: str, values: Mapping[str, Optional[str]]) -> Optional[str]:
    """``template`` with ``values`` filled in, or None when a value it names is missing."""
    names = [name for _, name, _, _ in _FORMATTER.parse(template) if name]
    if any(values.get(n) is None for n in names):
        return None
    out = template.format_map(values).strip()
    if "score" in names and values["score"] in ("1", "-1"):
        out = _SINGULAR_COUNT.sub(r"\1", out)  # "1 point", as sites write it
    return out


_SINGULAR_COUNT = re.compile(r"(?<![\d.,])(-?1 (?:point|like|vote))s\b")


def _header_text(spec: StyleSpec, values: Mapping[str, Optional[str]]) -> str:
    lines = []
    for line in spec.header:
        parts = [t for t in (_fill(f, values) for f in line.fields) if t]
        if parts:
            lines.append(line.sep.join(parts) + line.suffix)
    return spec.header_line_sep.join(lines)


def _quote_label(view: _View, c: CorpusComment, block: int, template: str) -> Optional[str]:
    """The attribution line above a quote, naming the quoted comment's author when known."""
    if not template:
        return None
    source = next((q.source for q in c.quotes if q.block == block), None)
    quoted = view.by_id.get(source) if source else None
    if quoted is None and view.spec.mail is not None:
        quoted = view.by_id.get(c.parent_id) if c.parent_id else None  # mail clients name the parent
    if quoted is None or quoted.author is None:
        return view.spec.generic_quote_label or None
    shown = _display_name(view.name(quoted.author))
    when = _parse_time(quoted.posted_at)
    date = format_datetime(when) if view.spec.mail else ABSOLUTE_DATES[view.spec.date_format](when)
    return template.format(name=shown, date=date, addr=_address(shown))


def _quote_text(lines: Sequence[str], spec: StyleSpec) -> str:
    if spec.quote_style == ">":
        return "\n".join(lines)
    bare = [re.sub(r"^(?:>[ \t]?)+", "", ln) for ln in lines]
    if spec.quote_style == "wrote-indent":
        return "\n".join(("    " + ln) if ln.strip() else "" for ln in bare)
    return "\n".join(bare)


def _body(view: _View, c: CorpusComment) -> list[_Piece]:
    """The comment's blocks as pieces, quotes in the style's quoting."""
    spec = view.spec
    blocks = _parse_body(c)
    pieces: list[_Piece] = []
    labelled = False
    for k, block in enumerate(blocks):
        if block.kind == "quote":
            source = next((q.source for q in c.quotes if q.block == block.quote), None)
            source = source if source in view.parent else None
            after_attribution = k > 0 and blocks[k - 1].kind == "attribution"
            once = spec.mail is not None and labelled  # a mail client writes one attribution
            label = None if after_attribution or once else _quote_label(view, c, block.quote, spec.quote_label)
            if label:
                pieces.append(_Piece(label, "chrome", kind="attribution"))
                labelled = True
            pieces.append(_Piece(_quote_text(block.lines, spec), "quote", source=source))
            if spec.quote_after:
                pieces.append(_Piece(spec.quote_after, "chrome", kind="ui"))
        elif block.kind == "prose":
            text = "\n".join(block.lines)
            if spec.mail is not None and spec.mail.mbox:
                text = re.sub(r"(?m)^From ", ">From ", text)  # mboxo escaping
            pieces.append(_Piece(text, "prose"))
        else:
            pieces.append(_Piece("\n".join(block.lines), "chrome", kind=block.kind))
    if spec.join_lines:
        pieces = [replace(p, text=" ".join(ln.strip() for ln in p.text.split("\n") if ln.strip())) for p in pieces]
        return _joined([p for p in pieces if p.text], " ")
    return _joined([p for p in pieces if p.text.strip()], spec.para_sep)


def _signature(view: _View, c: CorpusComment) -> list[_Piece]:
    spec = view.spec
    if not spec.signature_rule or not c.author:
        return []
    r = random.Random(f"{spec.seed}|signature|{c.author}")
    if spec.mail is not None:
        if r.random() < 0.5:
            return []
        first = view.speaker(c).split()[:1]
        return [_Piece("\n".join([spec.signature_rule, *first]), "chrome", kind="signature")] if first else []
    if r.random() < 0.6:
        return []
    return [_Piece(f"{spec.signature_rule}\n{r.choice(SIGNATURES)}", "chrome", kind="signature")]


def _print_comment(view: _View, c: CorpusComment, capture: int = 0) -> _Printed:
    spec = view.spec
    body = _body(view, c)
    signature = _signature(view, c)
    if signature and not any(p.kind == "signature" for p in body):
        body += [_sep(spec.para_sep)] + signature if body else signature
    if spec.mail is not None:
        return _Printed([_Piece(_mail_header(view, c), "header")], body, [], spec.head_sep)
    head = [_Piece(_header_text(spec, _values(view, c, capture)), "header")]
    tail: list[_Piece] = []
    if spec.buttons and spec.buttons_on_header:
        head += [_sep("  "), _Piece(spec.buttons, "chrome", kind="ui")]
    elif spec.buttons:
        tail = [_Piece(spec.buttons, "chrome", kind="ui")]
    return _Printed(head, body, tail, spec.head_sep)


# --------------------------------------------------------------------------- mail


def _address(shown: str) -> str:
    """An invented mail address for a shown name (ASCII local part, stable domain)."""
    ascii_name = unicodedata.normalize("NFKD", shown).encode("ascii", "ignore").decode()
    local = ".".join(w.lower() for w in _NAME_SPLIT.findall(ascii_name)) or f"user{sum(map(ord, shown)) % 10000}"
    return f"{local}@{MAIL_DOMAINS[sum(map(ord, shown)) % len(MAIL_DOMAINS)]}"


def _message_id(view: _View, cid: str) -> str:
    r = random.Random(f"{view.spec.seed}|msgid|{cid}")
    return f"<{r.getrandbits(48):012x}.{r.randrange(10**5)}@{r.choice(MAIL_DOMAINS)}>"


def _fold(name: str, items: Sequence[str], fold: str, width: int = 72) -> str:
    """A header line, folded (continuation lines start with whitespace) past ``width``."""
    lines, line = [], f"{name}:"
    for item in items:
        if len(line) + 1 + len(item) > width and line != f"{name}:":
            lines.append(line)
            line = fold + item
        else:
            line += " " + item
    return "\n".join(lines + [line])


def _mail_header(view: _View, c: CorpusComment) -> str:
    mail = view.spec.mail
    assert mail is not None
    shown = _display_name(view.name(c.author))
    addr = _address(shown)
    r = view.rng("mail", c.comment_id)
    offset = timezone(timedelta(hours=random.Random(f"tz|{c.author}").choice((-8, -5, 0, 1, 2, 5.5))))
    posted = _parse_time(c.posted_at).astimezone(offset)
    ancestors: list[str] = []
    p = c.parent_id
    while p in view.by_id and len(ancestors) < 12:
        ancestors.append(_message_id(view, p))
        p = view.by_id[p].parent_id
    others = sorted({view.name(x.author) for x in view.comments if x.author and x.author != c.author})[:3]
    subject = f"{mail.list_tag}{'Re: ' if c.parent_id else ''}{view.subject}"
    lines = {
        "Received": _fold("Received", [f"from mx{r.randint(1, 9)}.{addr.split('@')[1]}",
                                       f"(mx.{addr.split('@')[1]} [192.0.2.{r.randint(1, 254)}])",
                                       "by lists.example.net with ESMTP", f"id {r.getrandbits(40):010X};",
                                       format_datetime(posted)], mail.fold, 60),
        "From": "From: " + mail.from_shape.format(name=shown, addr=addr),
        "To": f"To: {mail.list_tag.strip(' []') or 'devel'}@lists.example.net",
        "Cc": _fold("Cc", [f"{o} <{_address(o)}>," for o in others] or ["archive@lists.example.net"], mail.fold),
        "Subject": f"Subject: {subject}",
        "Date": f"Date: {format_datetime(posted)}",
        "Message-ID": f"Message-ID: {_message_id(view, c.comment_id)}",
        "In-Reply-To": f"In-Reply-To: {ancestors[0]}" if ancestors else None,
        "References": _fold("References", ancestors[::-1], mail.fold) if ancestors else None,
        "User-Agent": f"User-Agent: {r.choice(('Mutt/1.5.20', 'Thunderbird 2.0', 'Gnus/5.13', 'Evolution 2.28'))}",
        "MIME": "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8",
    }
    header = "\n".join(lines[h].rstrip(",") for h in mail.headers if lines[h])
    if mail.mbox:
        header = f"From {addr} {posted.astimezone(timezone.utc).ctime()}\n{header}"
    return header


# --------------------------------------------------------------------------- drift


_STRAIGHTEN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "--"})
_OPENING_QUOTE = re.compile(r'(^|[\s(\[])"', re.MULTILINE)


def _retype(text: str) -> str:
    """The other typography: curly quotes and dashes become straight, or straight ones curly."""
    if any(ch in text for ch in "\u2018\u2019\u201c\u201d\u2014"):
        return text.translate(_STRAIGHTEN)
    text = _OPENING_QUOTE.sub("\\1\u201c", text.replace("--", "\u2014"))
    return text.replace('"', "\u201d").replace("'", "\u2019")


def _drift_text(text: str, r: random.Random) -> str:
    """A recaptured body: typography flips, lines re-wrap, some spaces become NBSP."""
    if r.random() < 0.6:
        text = _retype(text)
    if r.random() < 0.5:
        width = r.randint(56, 80)
        text = "\n".join(
            out for line in text.split("\n")
            for out in (textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
                        if len(line) > width and not line.startswith((" ", "\t", ">")) else [line])
        )
    if r.random() < 0.4:
        text = re.sub(r"(?<=\b\w\w) (?=\w)", lambda m: "\u00a0" if r.random() < 0.3 else " ", text)
    return text


def _copy(view: _View, c: CorpusComment, capture: int, drop_quotes: bool) -> list[_Piece]:
    """A repeated copy of a comment: header and trailer as chrome, the body one duplicate."""
    printed = _print_comment(view, c, capture)
    body = [p for p in printed.body if not (drop_quotes and (p.role == "quote" or p.kind == "attribution"))]
    text = "".join(p.text for p in _tidy(body, keep_leading_sep=True)).strip()
    if capture and text:
        text = _drift_text(text, view.rng("drift", c.comment_id))
    dup = [_Piece(text, "dup", of=c.comment_id)] if text else []
    copy = _Printed(_as_chrome(printed.head), dup, _as_chrome(printed.tail), printed.head_sep, printed.tail_sep)
    return _indent(_tidy(_layout(copy), keep_leading_sep=True), _pad(view, c))


def _as_chrome(pieces: list[_Piece]) -> list[_Piece]:
    """Header and trailer pieces of a repeated copy: page furniture, not a comment's own."""
    return [p if p.role == "sep" else _Piece(p.text, "chrome", kind="header" if p.role == "header" else p.kind)
            for p in pieces]


def _pad(view: _View, c: CorpusComment) -> str:
    return view.spec.indent * view.depth[c.comment_id] if view.spec.nesting == "indent" else ""


# --------------------------------------------------------------------------- page


def _page_chrome(view: _View, parts: Sequence[tuple[str, str]], capture: int) -> list[_Piece]:
    spec = view.spec
    r = view.rng("page")
    authors = sorted({view.name(c.author) for c in view.comments})
    now = view.now + view.later * capture
    values = {
        "site": f"{SITE_WORDS_A[spec.seed % len(SITE_WORDS_A)]} {SITE_WORDS_B[spec.seed % len(SITE_WORDS_B)]}",
        "board": BOARDS[spec.seed % len(BOARDS)],
        "software": SOFTWARE[spec.seed % len(SOFTWARE)],
        "subject": view.subject,
        "n": str(len(view.comments)),
        "pages": str(r.randint(2, 9)),
        "views": str(r.randint(40, 9000)),
        "year": str(now.year),
        "now_date": ABSOLUTE_DATES["phpbb"](now),
        "channel": CHANNELS[spec.seed % len(CHANNELS)],
        "similar": "\n".join(f"{r.choice(SUBJECT_A)} {r.choice(SUBJECT_B)} {r.choice(SUBJECT_C)}" for _ in range(3)),
        "browsing": ", ".join(r.sample(authors, min(3, len(authors)))),
    }
    shapes = {name: shape.format_map(values) for name, shape in spec.chrome_values}
    out = [_Piece(template.format_map({**values, **shapes}), "chrome", kind=kind) for kind, template in parts]
    return _joined(out, "\n")


def _make_view(spec: StyleSpec, seed: int, all_comments: list[CorpusComment],
               selected: list[CorpusComment]) -> _View:
    rendered = {c.comment_id for c in selected}
    parent: dict[str, Optional[str]] = {}
    depth: dict[str, int] = {}
    for c in selected:
        p = c.parent_id if c.parent_id in rendered else None
        parent[c.comment_id] = p
        depth[c.comment_id] = depth[p] + 1 if p is not None else 0
    r = random.Random(f"{spec.seed}|{seed}|view")
    times = [_parse_time(c.posted_at) for c in selected] or [datetime(2020, 1, 1, tzinfo=timezone.utc)]
    first_number = r.choice((1, 1, r.randint(2, 200)))
    now = max(times) + timedelta(minutes=r.randint(20, 60 * 24 * 20))
    return _View(
        spec=spec, seed=seed, comments=list(selected), by_id={c.comment_id: c for c in all_comments},
        parent=parent, depth=depth,
        number={c.comment_id: first_number + i for i, c in enumerate(selected)},
        now=now,
        # A recapture comes one to two times the newest comment's age later, so its age changes.
        later=(now - max(times)) * r.uniform(1.0, 2.0) + timedelta(hours=1),
        subject=f"{r.choice(SUBJECT_A)} {r.choice(SUBJECT_B)} {r.choice(SUBJECT_C)}",
    )


def render_grammar(
    comments: Sequence[CorpusComment],
    spec: StyleSpec,
    *,
    artifacts: Iterable[str] = (),
    seed: int = 0,
    window: Optional[tuple[int, int]] = None,
) -> RenderedDump:
    """Print ``comments`` (one thread, reading order) in ``spec``'s style, with the gold record.

    ``artifacts`` (from :data:`ARTIFACTS`) add repeated captures; ``seed`` fixes
    every per-render value (the capture time, scores, which comments repeat).
    ``window=(start, stop)`` prints only ``comments[start:stop]``; comments
    outside it can still be named (a quote's author, a reply's parent).
    """
    if isinstance(comments, (str, bytes)):
        raise TypeError("render_grammar() takes a sequence of CorpusComment, not text")
    wanted = list(dict.fromkeys(artifacts))
    unknown = [a for a in wanted if a not in ARTIFACTS]
    if unknown:
        raise ValueError(f"unknown artifact(s) {unknown}; choose from: {', '.join(ARTIFACTS)}")
    all_comments = list(comments)
    selected = all_comments[window[0]:window[1]] if window else all_comments
    view = _make_view(spec, seed, all_comments, selected)
    if not selected:
        return RenderedDump(text="", gold=_gold(view, [], "", wanted))

    items: list[list[tuple[_Piece, Optional[str]]]] = []

    def add(pieces: list[_Piece], owner: Optional[str] = None) -> None:
        pieces = _tidy(pieces, keep_leading_sep=True)
        if pieces:
            items.append([(p, owner) for p in pieces])

    r = view.rng("artifacts")
    context: dict[str, list[CorpusComment]] = {}
    if "parent-context" in wanted:
        deep = [c for c in selected if view.depth[c.comment_id] >= 1]
        for c in r.sample(deep, min(len(deep), 2)):
            chain, p = [], view.parent[c.comment_id]
            while p is not None:
                chain.append(view.by_id[p])
                p = view.parent[p]
            context[c.comment_id] = chain[::-1]
    cut = r.randint(max(1, len(selected) // 3), max(1, 2 * len(selected) // 3))
    add(_page_chrome(view, spec.page_open, 0))
    for i, c in enumerate(selected):
        for ancestor in context.get(c.comment_id, ()):
            add(_copy(view, ancestor, 0, drop_quotes=False))
        if i and spec.comment_rule:
            add([_Piece(spec.comment_rule, "chrome", kind="meta")])
        add(_indent(_layout(_print_comment(view, c)), _pad(view, c)), c.comment_id)
        if "pagination" in wanted and i + 1 == cut and len(selected) >= 2:
            add([_Piece(f"Page 2 of {r.randint(2, 9)}", "chrome", kind="navigation")])
            for again in selected[max(0, cut - r.randint(1, 3)):cut]:
                add(_copy(view, again, 0, drop_quotes=False))
    add(_page_chrome(view, spec.page_close, 0))
    if "recapture" in wanted:
        drop_quotes = r.random() < 0.3
        add(_page_chrome(view, spec.page_open, 1))
        for c in selected:
            add(_copy(view, c, 1, drop_quotes))
        add(_page_chrome(view, spec.page_close, 1))

    flat: list[tuple[_Piece, Optional[str]]] = []
    for k, item in enumerate(items):
        if k:
            flat.append((_sep(spec.comment_sep), None))
        flat += item
    return _write(view, flat, wanted)


# --------------------------------------------------------------------------- gold


def _write(view: _View, flat: list[tuple[_Piece, Optional[str]]], artifacts: list[str]) -> RenderedDump:
    records: list[tuple[int, int, _Piece, Optional[str]]] = []
    parts, pos = [], 0
    for piece, owner in flat:
        stripped = piece.text.strip()
        if piece.role != "sep" and stripped:
            start = pos + len(piece.text) - len(piece.text.lstrip())
            records.append((start, start + len(stripped), piece, owner))
        parts.append(piece.text)
        pos += len(piece.text)
    text = "".join(parts)
    return RenderedDump(text=text, gold=_gold(view, records, text, artifacts))


_ADDRESSING = "(?:^|\\W)@{name}\\b|^\\s*{name}\\s*[:,]"


def _addresses(view: _View, c: CorpusComment, parent: CorpusComment) -> bool:
    """Whether ``c``'s own text addresses the parent's author (``@name``, ``name:`` at the start)."""
    if parent.author is None:
        return False
    text = "\n".join("\n".join(b.lines) for b in _parse_body(c) if b.kind == "prose")
    for name in {parent.author, _display_name(view.name(parent.author))}:
        if re.search(_ADDRESSING.format(name=re.escape(name)), text, re.IGNORECASE):
            return True
    return False


def _parent_shown(view: _View, c: CorpusComment) -> tuple[Optional[str], str]:
    """The gold ``(parent, parent_status)``: the parent only where the page shows it."""
    spec = view.spec
    parent = view.parent[c.comment_id]
    threaded_mail = spec.mail is not None and spec.mail.threading != "none"
    if spec.shows_tree or threaded_mail:
        if parent is not None:
            return parent, "reply"
        return None, ("unknown" if c.parent_id is not None and (threaded_mail or spec.nesting == "replyref")
                      else "top")
    if parent is not None:
        quoted = any(q.source == parent for q in c.quotes)
        if quoted or _addresses(view, c, view.by_id[parent]):
            return parent, "reply"
    return None, "unknown"


def _gold(view: _View, records: list[tuple[int, int, _Piece, Optional[str]]], text: str,
          artifacts: list[str]) -> dict[str, Any]:
    first_seen = _first_seen(records)
    entries: dict[str, dict[str, Any]] = {}
    for c in view.comments:
        parent, status = _parent_shown(view, c)
        entries[c.comment_id] = {
            "id": c.comment_id, "parent": parent, "parent_status": status, "speaker": view.speaker(c),
            "depth": view.depth[c.comment_id], "header": None, "prose": [], "quotes": [],
        }
    duplicates, chrome = _gold_spans(records, entries, first_seen)
    first = view.comments[0] if view.comments else None
    return {
        "schema": GOLD_SCHEMA,
        "style": f"grammar/{view.spec.family}",
        "family": view.spec.family,
        "style_seed": view.spec.seed,
        "artifacts": artifacts,
        "options": view.spec.as_dict(),
        "seed": view.seed,
        "source": first.source if first else None,
        "thread_id": first.thread_id if first else None,
        "length": len(text),
        "comments": list(entries.values()),
        "duplicates": duplicates,
        "chrome": chrome,
    }


# --------------------------------------------------------------------------- sample

ARTIFACT_SETS: tuple[tuple[str, ...], ...] = (
    (), ("recapture",), ("pagination",), ("parent-context",), ("recapture", "pagination"),
)


def split_seeds(split: str | Sequence[int]) -> list[int]:
    """The style seeds of a split name (``dev``, ``held-out``, ``all``) or an explicit list."""
    if isinstance(split, str):
        if split == "all":
            return [s for seeds in SPLITS.values() for s in seeds]
        if split not in SPLITS:
            raise ValueError(f"split must be one of {', '.join([*SPLITS, 'all'])}, not {split!r}")
        return list(SPLITS[split])
    return list(split)


def sample_grammar(corpus_dir: str | Path, n: int = 120, seed: int = 0, *,
                   styles: str | Sequence[int] = "held-out", max_comments: int = 40) -> list[Case]:
    """Render ``n`` windows (at most ``max_comments`` comments) of corpus threads in drawn styles.

    Style seeds come from ``styles`` (a split name or seeds) in turn, so the
    families rotate evenly; the thread, window and artifact set of each dump
    come from ``seed``. Returns :class:`threadparse.evaluate.Case` objects whose
    gold records carry ``family`` and ``style_seed``.
    """
    seeds = split_seeds(styles)
    threads = load_corpus(corpus_dir)
    by_source: dict[str, list[str]] = {}
    for tid, comments in sorted(threads.items()):
        if len(comments) >= 2:
            by_source.setdefault(comments[0].source, []).append(tid)
    sources = sorted(by_source)
    rng = random.Random(f"grammar-sample|{seed}")
    cases = []
    for i in range(n):
        style_seed = seeds[i % len(seeds)]
        source = sources[(i + i // len(seeds)) % len(sources)]
        comments = threads[rng.choice(by_source[source])]
        size = min(len(comments), max_comments)
        start = rng.randrange(0, len(comments) - size + 1)
        artifacts = rng.choice(ARTIFACT_SETS)
        spec = draw_style(style_seed)
        dump = render_grammar(comments, spec, artifacts=artifacts, seed=seed * 1000 + i,
                              window=(start, start + size))
        label = "+".join(artifacts) or "none"
        cases.append(Case(f"{i:03d}-{spec.family}-s{style_seed}-{source}-{label}", dump.text, dump.gold))
    return cases
