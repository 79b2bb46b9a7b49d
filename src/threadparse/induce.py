"""Header induction: learn a dump's own comment-header template from recurrence.

A site nobody wrote a dialect for still prints every comment the same way:
the author, a date or an age, maybe a post number, a rank or a score, on one
line or a few, at comment-like intervals. This module finds that template the
way Drain mines log templates, in one linear pass over the lines:

1. **Mask.** Each short line becomes a *skeleton*: dates, times and ages
   become ``T``, numbers ``N``, runs of ordinary words one slot ``W``;
   punctuation and the small vocabulary headers are written in (``by``,
   ``on``, ``posted``, ``commented``, ``score``…) stay literal. ``Post by
   alice » Tue Nov 10, 2009 5:16 pm`` and ``Post by Bob Stone » Wed Nov 11,
   2009 9:02 am`` share the skeleton ``post by W » T``.
2. **Anchors.** A skeleton that recurs, holds a time or two structural
   literals, and is not prose is an *anchor template*.
3. **Header blocks.** Around each anchor, the short lines found at the same
   offset in most occurrences (a name line above a date line, ``#21`` below
   it, a rank, an avatar's alt text) belong to the header.
4. **The author field** is the slot whose values look like names and recur:
   the same value twice in one block (avatar and name), a value that comes
   back in another block, in an attribution (``alice said:``) or a mention,
   or a ``Username:`` label. A slot that never varies over many comments is a
   fixed word (a rank, a site name), not an author.
5. **Per-comment chrome**: short lines that recur verbatim between headers
   (``Top``, ``Reply With Quote``, ``Like``) are page furniture.

The result is a list of :class:`~threadparse.dialects.LineMark`, the same
interface dialects use, so the segmenter can weigh a dialect's marks against
induced ones region by region (``docs/pipeline.md``). Every mark records
``method: "induced"`` and the template's skeleton, so a user can see why a
line became a header.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Optional

from .dates import parse_date
from .dialects import LineMark
from .dialects.mail import mbox_separator
from .text import ATTRIBUTION_OPENER, FORUM_QUOTE_LABEL, MD_HEADING, WROTE, Line, unescape_markdown

# Lines longer than this are never looked at as header lines.
MAX_HEADER_LINE = 160
# A header block spans at most this many non-blank lines around its anchor.
MAX_BEFORE, MAX_AFTER = 6, 3
# Further "Label: value" lines below that (a forum's user card: "Join Date:",
# "Location:", "Posts:") still join the header, up to this many.
MAX_CARD_FIELDS = 4
# Median lines between two headers of one template, at most: a line that
# recurs further apart is content. Posts of a few hundred lines happen (a
# patch pasted into a forum post), so the bound is generous.
MAX_COMMENT_LINES = 400
# Share of the dump's non-blank lines (those no dialect took) that the lines
# from a template's first to its last header must span.
COVERAGE = 0.3
# Lines with text under them a dump needs before its wrap width is read (see
# _wrap_width).
WRAP_LINES = 10
# Blank lines a header block may step over between two of its lines (Discourse
# prints each header field as its own paragraph).
MAX_GAP = 3

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"  # a day of the month ("Anonymous 45  September 29": 45 is none)
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"
_UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|mths?|years?|yrs?)"  # (the spellings dates._UNITS reads)
# Every shape of date, clock time or age a header prints, as one alternation
# (longest shapes first). Linear: no nested quantifiers.
_TIME = re.compile(
    r"(?i)(?<![\w])(?:"
    r"\d{4}(?:-\d\d-\d\d|[./]\d{1,2}[./]\d{1,2})(?:[T ]\d\d?:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)?"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:,?\s+\d{1,2}:\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?)?"
    # a copy glues the short date shown to its tooltip's: "Jan 22on Jan 22, 2026" (GitHub)
    r"|" + _MONTH + r"\s+" + _DAY + r"on\s+" + _MONTH + r"\s+" + _DAY + r"(?:,?\s+\d{4})?"
    r"|(?:" + _WEEKDAY + r",?\s+)?" + _MONTH + r"\s+" + _DAY + r"(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
    r"|(?:" + _WEEKDAY + r",?\s+)?" + _DAY + r"(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+\d{4})?"
    r"|" + _MONTH + r"\s+'\d\d"
    # a browser copy glues a tooltip's short date to the clock: "7:32 AM1/18/22"
    r"|\d{1,2}:\d\d(?::\d\d)?\s*[ap]\.?m\.?\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
    r"|\d{1,2}:\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?(?:\s*(?:utc|gmt|[ecmp][sd]t))?"
    r"|(?:(?:over|about|almost|nearly|less\s+than)\s+)?\d+\s*" + _UNIT + r"(?:\s+ago)?"
    r"|\d{1,3}(?:mo|[ywdhms])(?:\s+ago)?"  # compact ages: "3w", "13d", "5h ago"
    r"|(?:(?:over|about|almost|nearly|less\s+than)\s+)?(?:an?|one)\s+" + _UNIT + r"\s+ago"
    r"|yesterday|today|just\s+now|last\s+(?:week|month|year)"
    r"|" + _WEEKDAY +
    r")(?![\w])"
)
# Cheap test before the date alternation: a date holds a digit or a month,
# weekday or relative word.
_TIME_HINT = re.compile(
    r"(?i)\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|yesterday|today|just|ago|last"
)
_TOKEN = re.compile(r"[^\W_][\w'’.\-@+]*|\d+|_+\w*|\S")
# Buttons printed on a header's line ("ana | Guru | Permalink #2  Top | Report"):
# fixed words, not fields; they frame no field (see _anchor_skeleton).
_BUTTON_WORDS = frozenset("permalink top report share flag edit thanks multi-quote".split())
# Words headers are written in: kept literal in skeletons, never part of a name slot.
KEYWORDS = frozenset(
    """by on at posted post from wrote said says commented replied reply edited
    via in score points point likes like ago joined posts username user author
    replying
    date re quote quoted to and am pm utc gmt reputation rep karma votes vote
    message messages member level rank answered asked modified created
    updated sent depth""".split()
) | _BUTTON_WORDS
# A count's unit in the singular and the plural is one field ("1 point",
# "3 points"): after a number, the skeleton spells it one way.
_COUNT_UNITS = {"point": "points", "vote": "votes", "like": "likes"}
# Header words that rarely frame a field in prose: a skeleton without a date
# needs one of them to be an anchor.
STRONG_KEYWORDS = frozenset(
    """by posted post wrote said says commented replied edited score points point
    likes joined posts username author reputation rep karma votes answered
    asked modified member depth""".split()
)
# Labels whose value is the author in a ``label: value`` header line.
AUTHOR_LABELS = frozenset({"username", "user", "author", "from", "name", "poster", "by", "posted by"})
# Words sites print as buttons and widgets: never an author.
UI_WORDS = frozenset(
    """reply quote share report top like likes unlike edit delete flag permalink
    link save hide follow unfollow subscribe login log register submit cancel
    back next previous prev more less expand collapse show view load print
    offline online avatar profile member members moderator admin administrator
    guest user users thread threads topic topics forum forums post posts home
    menu search help faq contents frontpage reactions award embed parent root
    source code attachment attachments image images quote multi-quote
    unregistered new today yesterday thanks thank you ok op mod
    comment comments replies messages""".split()
)
# What a button acts on ("Load More Comments", "View Replies").
_BUTTON_OBJECTS = frozenset("comment comments reply replies message messages page pages all".split())
_ON_OPENER = re.compile(r"[ \t]*" + ATTRIBUTION_OPENER)  # "On Fri, 25 Jun 2010 ..." over "X wrote:"
_ATTRIBUTION = re.compile(r"(?i)\b" + WROTE + r"\b[^\n]{0,60}:\s*$")
# (and a note app's embedded image, "![[./_resources/avatar.jpg]]": a link to a file)
_URL = re.compile(
    r"\((?:https?://|www\.|/|#)[^\s()]*\)|\b(?:https?://|www\.)[^\s<>()\[\]]+|!\[\[[^\[\]\n]{1,300}\]\]"
)
_ARROW_CHARS = "↳↪⤷└"
_ARROW_CHARS_SET = frozenset(_ARROW_CHARS)
_REPLY_ARROWS = re.compile(r"(?:[↳↪⤷└][ \t]*)+(?:[—–-][ \t]+)?")
_TREE_RULES = frozenset("│┃")
_TREE_GUTTER = re.compile(r"[│┃ \t]+(?=[├└┣┗╰][─━╴]*[ \t]*\S)")
_NEST_PREFIX = re.compile(r"[ ]{0,3}(?:>[ \t]?)+")
_MAIL_FIELD = re.compile(r"(?i)\s*(?:from|sent|to|cc|bcc|date|subject|reply-to|message-id|in-reply-to|references):\s")
_SENTENCE = re.compile(r"[.!?](?:\s|$)")
# Punctuation that separates header fields; any other punctuation is part of
# the text around it (a title's "!", a name's apostrophe).
STRUCTURAL = frozenset("|·•»«—–:#[]()<>/*~=-@›‹→▸►↪↳⤷")  # (a reply arrow inside a line separates fields)


@dataclass(slots=True)
class _Shape:
    """A line's skeleton and the text of each ``W`` slot and ``T`` token."""

    skeleton: tuple[str, ...]
    slots: list[tuple[int, int]]  # character spans (absolute) of W slots
    times: list[tuple[int, int]]
    words: int  # ordinary words in the line
    longest: int = 0  # words in the longest slot


class _RelShape(NamedTuple):
    """A :class:`_Shape` with offsets relative to the line start: what the
    cache holds for a line text, shared by every line with that text."""

    skeleton: tuple[str, ...]
    slots: tuple[tuple[int, int], ...]
    times: tuple[tuple[int, int], ...]
    words: int
    longest: int


class _LineShapes:
    """The shape of each line of the dump (``None`` for lines not shaped), as
    :func:`induce` reads it. It keeps the cached relative shape of each line
    and makes the :class:`_Shape` (absolute offsets) when a line is read:
    most lines are never read again, and a list of ``_Shape`` objects cost
    about 2.5 bytes per input byte."""

    __slots__ = ("_items", "_lines", "_starts")

    def __init__(self, lines: list[Line]) -> None:
        self._items: list[Any] = [None] * len(lines)  # None, a _RelShape or a _Shape
        self._lines = lines
        self._starts: dict[int, int] = {}  # where the shaped text starts, when not at the line start

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i: int) -> Optional[_Shape]:
        item = self._items[i]
        if item is None or item.__class__ is _Shape:
            return item
        start = self._starts.get(i)
        return _absolute(item, self._lines[i].start if start is None else start)

    def __setitem__(self, i: int, shape: _Shape) -> None:
        self._items[i] = shape

    def __iter__(self):
        return (self[i] for i in range(len(self._items)))

    def slot(self, i: int, s: int) -> tuple[int, int]:
        """Span of slot ``s`` of line ``i`` (a shaped line), without making its shape."""
        item = self._items[i]
        a, b = item.slots[s]
        if item.__class__ is _Shape:
            return a, b
        start = self._starts.get(i)
        if start is None:
            start = self._lines[i].start
        return start + a, start + b

    def slot_spans(self):
        """Spans of every slot of every shaped line, in line order, without making shapes."""
        starts, lines = self._starts, self._lines
        for i, item in enumerate(self._items):
            if item is None:
                continue
            if item.__class__ is _Shape:
                yield from item.slots
                continue
            start = starts.get(i)
            if start is None:
                start = lines[i].start
            for a, b in item.slots:
                yield start + a, start + b

    def set_relative(self, i: int, rel: _RelShape, start: int) -> None:
        """Line ``i`` has the shape ``rel`` for its text from ``start`` on."""
        self._items[i] = rel
        if start != self._lines[i].start:
            self._starts[i] = start


# Shapes of line texts already seen, relative to the line start (``None`` for
# lines that cannot be headers): dumps repeat lines (recaptures, pagination,
# quotes, per-comment furniture), and header_marks and leading_chrome ask again
# for lines induce already shaped. A pure function of the line's text, so a
# module-level cache is safe; header_marks clears it when it returns, and it is
# also cleared when it grows past its bound.
_SHAPE_CACHE: dict[str, Optional[_RelShape]] = {}
_SHAPE_CACHE_MAX = 200_000
# On an ASCII line once lower-cased, what every _TIME match holds: a digit
# (each date, clock time and count-with-unit shape has one), "ago", "today",
# "yesterday", "just", or a weekday at the start of a word (a weekday alone);
# a month name is never a match without a digit. Faster than the ``(?i)``
# _TIME_HINT (which also folds the Kelvin sign and the long s, so other lines
# keep it), and true on fewer lines, so _TIME runs on fewer.
_DIGIT = re.compile(r"\d")
_WEEKDAY_START_ASCII = re.compile(r"(?<![a-z0-9_])(?:mon|tue|wed|thu|fri|sat|sun)")


def _time_hint(line: str, digit: bool) -> bool:
    """Whether ``line`` may hold a ``_TIME`` match (``digit``: it holds a ``\\d``)."""
    if line.isascii():
        low = line.lower()
        return digit or "ago" in low or "today" in low or "yesterday" in low or "just" in low or "last " in low or (
            _WEEKDAY_START_ASCII.search(low) is not None
        )
    return _TIME_HINT.search(line) is not None


# _TOKEN with each branch named (its ``\d+`` branch can never match: a digit is
# a word character, so the first branch takes it).
_TOKEN_KIND = re.compile(r"(?P<w>[^\W_][\w'’.\-@+]*)|(?P<u>_+\w*)|(?P<p>\S)")


def shape_of(text: str, start: int, end: int) -> Optional[_Shape]:
    """The skeleton of ``text[start:end]``, or ``None`` for lines that cannot be headers."""
    if end - start > 4 * MAX_HEADER_LINE:
        return None
    return _shape_from(text[start:end], start)


def _shape_from(line: str, start: int) -> Optional[_Shape]:
    """:func:`shape_of` of ``line``, which starts at ``start`` in the text
    (at most ``4 * MAX_HEADER_LINE`` characters long)."""
    rel = _rel_shape(line)
    return None if rel is None else _absolute(rel, start)


def _rel_shape(line: str) -> Optional[_RelShape]:
    """The shape of ``line`` relative to its start, through the cache."""
    try:
        return _SHAPE_CACHE[line]
    except KeyError:
        rel = _line_shape(line)
        if rel is not None:
            rel = _RelShape._make(rel)
        if len(_SHAPE_CACHE) >= _SHAPE_CACHE_MAX:
            _SHAPE_CACHE.clear()
        _SHAPE_CACHE[line] = rel
        return rel


def _absolute(rel: _RelShape, start: int) -> _Shape:
    """``rel`` with its offsets moved to a line starting at ``start``."""
    skeleton, slots, times, words, longest = rel
    if start:
        slots = [(start + a, start + b) for a, b in slots]
        if times:
            times = [(start + a, start + b) for a, b in times]
    # (at offset 0 the cached tuples serve as they are: shapes are only read)
    return _Shape(skeleton, slots, times, words, longest)


_PLACEHOLDER = re.compile(r"\[([^\W\d_][\w-]{0,30})\](?!\()")
_GLUED_COUNT = re.compile(r"[^\W\d_]+\d+")
_COLUMN_GAP = re.compile(r"[ ]{2}|\t")
# ``_Cyan  06:38_``: underscores around several words are emphasis; around
# one word they may be part of a handle (``_boffin_``).
_EMPHASIS = re.compile(r"(?:(?<=^)|(?<=\s))(_+)(?=[^\s_])[^\n]*?\s[^\n]*?(?<=[^\s_])(_+)(?=\s|$)")


def _placeholder(m: "re.Match[str]") -> str:
    """``[deleted]`` as a name (brackets blanked), unless it follows a name
    as its badge (``maria_k [OP]``: kept, a bracketed group of the skeleton)."""
    before = m.string[: m.start()].rstrip()
    last = before.rsplit(None, 1)[-1] if before else ""
    if last and last[-1:].isalnum() and last.casefold().rstrip(".:") not in KEYWORDS:
        return m.group()
    return " " + m.group(1) + " "


def _blank_emphasis(m: "re.Match[str]") -> str:
    a, b = m.span()
    (o1, o2), (c1, c2) = m.span(1), m.span(2)
    return " " * (o2 - o1) + m.string[o2:c1] + " " * (c2 - c1)


# Markdown strong emphasis in underscores (``__Ana__ —``): the delimiters are
# markup, the words inside are the field. (Asterisks stay literals of the
# skeleton: a bold name is the site's mark for its author, see _choose_author.)
_MD_EMPHASIS = re.compile(r"(?<![\w_])__(?=[^\s_])[^\n]*?(?<=[^\s_])__(?![\w_])")


_SHORTCODE = re.compile(r"(?<=[\w)])(?::[a-z0-9_+\-]{2,30}:)+(?=\s|$)")


def _blank_delimiters(m: "re.Match[str]") -> str:
    return "  " + m.group()[2:-2] + "  "


def _line_shape(line: str) -> Optional[tuple]:
    """:func:`shape_of` of one line, offsets relative to its start:
    ``(skeleton, slots, times, words, longest)`` or ``None``."""
    original = line
    if "_" in line:
        # Emphasis (``_Cyan  06:38_``) is markup: blanked, offsets kept.
        line = _EMPHASIS.sub(_blank_emphasis, line)
    if "__" in line:
        line = _MD_EMPHASIS.sub(_blank_delimiters, line)
    if line.count(":") >= 2 and _SHORTCODE.search(line):
        # "Chris Bobbe:speech_balloon:  9:26": a status emoji's shortcode after
        # a chat name is decoration, blanked, offsets kept
        line = _SHORTCODE.sub(lambda m: " " * len(m.group()), line)
    if "[" in line and _PLACEHOLDER.search(line):
        # "by [deleted]": a bracketed word that links nowhere fills a name
        # slot like a name (the slot keeps its brackets, see _trimmed).
        line = _PLACEHOLDER.sub(_placeholder, line)
    n = len(line)
    has_link = "(" in line or "://" in line or "www." in line or "![[" in line
    if n > MAX_HEADER_LINE and not has_link:
        return None
    spaces = line.count(" ")
    if spaces > 30 and len(line.split()) > 24:
        return None  # a sentence's worth of words: prose, whatever else it holds
    if spaces > 6 and line.rstrip().endswith((".", "!", "?", ";")):
        if sum(1 for w in line.split() if w.strip(".,;:!?\"'()").isalpha()) > 7:
            return None  # a sentence (see _is_prose), not "Date: May 8, 2026 at 7:23 PM · #56."
    # Link targets of a Markdown clip or a bare URL are one literal ``U``:
    # ``[alice](/users/alice)`` and ``[bob](/users/bob)`` share a shape.
    urls = [m.span() for m in _URL.finditer(line)] if has_link else []
    if n - sum(b - a for a, b in urls) > MAX_HEADER_LINE:
        return None
    times: list[tuple[int, int]] = []
    specials: list[tuple[int, int, str]] = [(a, b, "U") for a, b in urls]
    digit = _DIGIT.search(line) is not None
    if _time_hint(line, digit):
        for m in _TIME.finditer(line):
            a, b = m.span()
            if not any(ua <= a < ub for ua, ub in urls):
                times.append((a, b))
                specials.append((a, b, "T"))
        specials.sort()
    if digit and " " in line and (_NAME_NUMBER.search(line) or (times and _NAME_NUMBER_DATED.search(line))):
        line = _name_numbers(line, specials)
    if specials:
        return _line_shape_specials(line, specials, times, original)
    # No link or date: one pass over the tokens, the word runs kept in locals.
    skeleton: list[str] = []
    slots: list[tuple[int, int]] = []
    words = 0
    longest = 0
    run_a = -1  # start of the current W run (-1: none)
    run_b = run_n = 0
    append = skeleton.append
    keywords = KEYWORDS
    structural = STRUCTURAL
    for m in _TOKEN_KIND.finditer(line):
        kind = m.lastgroup
        tok = m.group()
        # What the token adds to the skeleton: a literal that closes the
        # current W run (punctuation, "_" rules, "N", header words), or a word.
        if kind == "p":
            if tok in _SIGNS and _signed_count(line, m.start(), m.end()):
                continue  # "-3 points": the sign is the count's, not a separator
            if tok not in structural:
                if run_a >= 0:
                    run_b = m.end()  # "That's it!": punctuation inside a slot
                continue
            literal, repeat = tok, False
        elif kind == "u" and len(tok) >= 3 and not tok.strip("_"):
            literal, repeat = "_", False  # a rule of underscores is a separator, not a word
        elif kind == "w" and tok[0].isdigit() and tok.rstrip(".").isdigit():  # "12", "#1."
            literal, repeat = "N", True
        else:
            low = tok.casefold().rstrip(".:")
            if low[-1:].isdigit() and _GLUED_COUNT.fullmatch(low) and low.rstrip("0123456789") in keywords:
                low = low.rstrip("0123456789")  # "points39": a label glued to its count
            elif low in _COUNT_UNITS and run_a < 0 and skeleton and skeleton[-1] == "N":
                low = _COUNT_UNITS[low]  # "1 point" and "3 points": one count field
            if low in keywords:
                literal, repeat = low, True
            else:
                words += 1
                # Two spaces or a tab between words: a column boundary
                # ("Frittofeet  Flag | Like"), so the slot ends there.
                if run_a >= 0 and not _COLUMN_GAP.search(line, run_b, m.start()):
                    run_b = m.end()
                    run_n += 1
                    continue
                literal = None
        if run_a >= 0:
            append("W")
            slots.append((run_a, run_b))
            if run_n > longest:
                longest = run_n
            run_a = -1
        if literal is None:
            run_a, run_b, run_n = m.start(), m.end(), 1
        elif repeat or not skeleton or skeleton[-1] != literal:
            append(literal)
    if run_a >= 0:
        append("W")
        slots.append((run_a, run_b))
        if run_n > longest:
            longest = run_n
    if not skeleton:
        return None
    return (tuple(skeleton), _trimmed(line, slots, original), (), words, longest)


_SIGNS = frozenset("+-\u2212\u00b1")


def _signed_count(line: str, a: int, b: int) -> bool:
    """Is the sign at ``line[a:b]`` glued to a count after it, with a space or
    the line start before it (``ana · -3 points``, ``+6``)? Then it belongs to
    the number, so a score below zero gives the same shape as one above."""
    return b < len(line) and line[b].isdigit() and (a == 0 or line[a - 1].isspace())


def _trimmed(line: str, slots: list[tuple[int, int]], original: str) -> tuple[tuple[int, int], ...]:
    """Slots without the punctuation that ends them (``Elliot,`` in
    ``[#1], Elliot, on …``): inside a slot it joins words, at its end it is
    the field separator."""
    out = []
    for a, b in slots:
        # (a symbol glued to the next field, "Elliot, ▲ 2", is that field's glyph)
        while b > a + 1 and (line[b - 1] in ",; " or unicodedata.category(line[b - 1])[0] == "S"):
            b -= 1
        # A sign glued to the count after the slot ("anonymous45 +6") is the
        # count's, not the name's.
        if b > a + 1 and line[b - 1] in _SIGNS and b < len(line) and line[b].isdigit():
            b -= 1
            while b > a + 1 and line[b - 1] in " \t":
                b -= 1
        if a and b < len(original) and original[a - 1] == "[" and original[b] == "]" and line[a - 1] == " ":
            a, b = a - 1, b + 1  # "[deleted]" (its brackets were blanked)
        out.append((a, b))
    return tuple(out)


# A number after a word, before a field separator, a post number or the line
# end: part of a name ("Anonymous 45 •", "Guest 3 |", "Anonymous 45 #3", "**Anonymous 45** said:", "Anonymous 45 (reply
# to …)"), not a count field.
_NAME_NUMBER = re.compile(
    r"(?<=[^\W\d_])[ ](\d{1,6})(?=[ ]?(?:[•·|«»‹›—–:@,\]\)(]|\#\d|$)|[ ]{2}|[ ]-[ ]|(?:\*\*?|__?)(?![\w*])"
    r"|[ ](?i:in[ ]reply|replying|on|at|wrote|writes|said|says|replied|commented|posted)\b|[ ](?P<label>[^\W\d_]{2,12})[ ]?:(?=\s|$)"
    r"|[ ][+\-\u2212]?\d{1,7}[ ](?P<unit>[^\W\d_]{2,12})\b"
    r"|[ ](?P<field>[^\W\d_]{2,12})[ ][+\-\u2212]?\d)"
)  # ("Anon 105 Score: 59", "Anon 105 Date: <date>": a labelled field after the name,
#    its label a header word, see _name_numbers; "Anon 105 2 points": a count
#    of a header word's unit after it; "Anon 105 level 2": a header word and
#    its count)
# A name's number right before a date token ("Anon 105 27/09/2025", "Anon 105
# about 2 months ago"): tried on lines that hold a date only.
_NAME_NUMBER_DATED = re.compile(r"(?<=[^\W\d_])[ ](\d{1,6})(?=[ ]\S)")


def _name_numbers(line: str, specials: list) -> str:
    """``line`` with such numbers written as letters of the same length
    (offsets unchanged), so they join the name's slot, as Drain would merge
    ``Anonymous 45`` and ``Apricus`` into one field."""
    out = line
    found = [
        (m.span(1), False) for m in _NAME_NUMBER.finditer(line)
        if (m.group("label") is None or m.group("label").casefold() in KEYWORDS)
        and (m.group("unit") is None or m.group("unit").casefold() in KEYWORDS)
        and (m.group("field") is None or m.group("field").casefold() in KEYWORDS)
    ]
    if any(kind == "T" for _, _, kind in specials):
        seen = {span for span, _ in found}
        found += [(m.span(1), True) for m in _NAME_NUMBER_DATED.finditer(line) if m.span(1) not in seen]
    for (a, b), dated in found:
        if any(sa <= a < sb for sa, sb, _ in specials):
            continue
        if dated and not any(
            kind == "T" and (sa == b + 1 or (sa == b + 2 and line[b + 1] in "[(")) for sa, _, kind in specials
        ):
            continue  # "Anon 105 27/09/2025", "Anon 105 [27/09/2025 21:38]": a name's number before the date
        k = a - 1
        while k > 0 and not line[k - 1].isspace():
            k -= 1
        if line[k : a - 1].casefold().rstrip(".:") in KEYWORDS:
            continue  # "score 5 |": a labelled count
        out = out[:a] + "x" * (b - a) + out[b:]
    return out


def _line_shape_specials(line: str, specials: list, times: list, original: str) -> Optional[tuple]:
    """:func:`_line_shape` for a line holding links or dates (the general loop)."""
    start = 0
    skeleton: list[str] = []
    slots: list[tuple[int, int]] = []
    words = 0
    run: Optional[list[int]] = None  # [start, end, words] of the current W run
    longest = 0
    si = 0  # next special span
    skip_to = 0  # tokens before this offset lie inside a special span

    def close_run() -> None:
        nonlocal run, longest
        if run is not None:
            skeleton.append("W")
            slots.append((start + run[0], start + run[1]))
            longest = max(longest, run[2])
            run = None

    for m in _TOKEN.finditer(line):
        a = m.start()
        if a < skip_to:
            continue
        while si < len(specials) and specials[si][1] <= a:
            si += 1
        if si < len(specials) and specials[si][0] <= a:
            close_run()
            skeleton.append(specials[si][2])
            skip_to = specials[si][1]
            si += 1
            continue
        tok = m.group()
        first = tok[0]
        if first == "_" and len(tok) >= 3 and not tok.strip("_"):
            close_run()
            if not skeleton or skeleton[-1] != "_":
                skeleton.append("_")
        elif first.isdigit() and tok.rstrip(".").isdigit():
            close_run()
            skeleton.append("N")
        elif first.isalnum() or first == "_":
            low = tok.casefold().rstrip(".:")
            if low[-1:].isdigit() and _GLUED_COUNT.fullmatch(low) and low.rstrip("0123456789") in KEYWORDS:
                low = low.rstrip("0123456789")  # "points39": a label glued to its count
            elif low in _COUNT_UNITS and run is None and skeleton and skeleton[-1] == "N":
                low = _COUNT_UNITS[low]  # "1 point" and "3 points": one count field
            if low in KEYWORDS:
                close_run()
                skeleton.append(low)
            else:
                words += 1
                if run is not None and _COLUMN_GAP.search(line, run[1], a):
                    close_run()  # a column boundary
                if run is None:
                    run = [a, m.end(), 1]
                else:
                    run[1] = m.end()
                    run[2] += 1
                if tok.endswith(":"):  # "Username:" ends a label
                    close_run()
                    skeleton.append(":")
        elif tok in _SIGNS and _signed_count(line, a, m.end()):
            continue  # the sign of a count ("-3 points")
        elif tok in STRUCTURAL:
            close_run()
            if not skeleton or skeleton[-1] != tok:
                skeleton.append(tok)
        elif run is not None:
            run[1] = m.end()  # "That's it!": punctuation inside a slot
    close_run()
    if not skeleton:
        return None
    return (tuple(skeleton), _trimmed(line, slots, original), tuple(times), words, longest)


_WROTE_WORDS = frozenset({"wrote", "said", "says", "writes"})
# Separators that print a header's fields side by side; a mailer's
# "On <date>, <name> <address> wrote:" uses none of them.
_FIELD_SEPARATORS = frozenset("|·•»—–")


def _header_not_attribution(
    skeleton, where: list[int], text: str, lines: list[Line], blank: list[bool], shapes=None, indent=None
) -> bool:
    """A recurring line ending ``wrote:`` is an attribution (``On <date>,
    Pia wrote:``) that introduces a quote, unless it is a header that says
    so: it holds header fields besides the verb (``Posted by``, a ``|``
    separator, a score) and what follows it is not ``>``-quoted text."""
    fields = [tok for tok in skeleton if tok in STRONG_KEYWORDS and tok not in _WROTE_WORDS]
    if _post_counter(skeleton):
        fields.append("#")  # "#2.  ana  <date>  Pro Class wrote:": a post number is a header's field
    # "alice on 08/01/2026 19:23 wrote:" opening every comment (the name
    # first, a date, at least four times) is a header too, if what follows
    # is not quoted.
    name_first = _first_field(skeleton) == "W" and "T" in skeleton and len(where) >= 4
    separated = any(tok in _FIELD_SEPARATORS for tok in skeleton)  # "4 wks ago — on DATE — X wrote:"
    if not fields and not separated and not name_first and shapes is not None and "…" in skeleton:
        # A template grouped by what its lines share ("… on: DATE") may have
        # left the fields out: each line's own shape says what it holds
        # ("Posted by Ana Roe « on: <date> » wrote:").
        own = first = 0
        for i in where:
            shape = shapes[i]
            if shape is None:
                continue
            if _post_counter(shape.skeleton) or any(
                (tok in STRONG_KEYWORDS and tok not in _WROTE_WORDS) or tok in _FIELD_SEPARATORS
                for tok in shape.skeleton
            ):
                own += 1
            if _first_field(shape.skeleton) == "W" and "T" in shape.skeleton:
                first += 1
        fields = ["own"] if own >= 0.8 * len(where) else []
        name_first = first >= 0.8 * len(where) and len(where) >= 4
    # "ana wrote:" or "2w Ana Roe +20 wrote:" opening every post right after
    # the furniture between posts ("* * *"); an "On <date>, X wrote:" is the
    # mail attribution however it is placed.
    after_furniture = (
        not fields
        and not separated
        and not name_first
        and not any(_ON_OPENER.match(text, lines[i].start, lines[i].end) for i in where[:20])
        and _after_one_line(where, text, lines, blank)
    )
    if not fields and not separated and not name_first and not after_furniture:
        return False
    quoted = 0
    for k, i in enumerate(where):
        j = _neighbour(i, 1, blank, 0, len(lines))
        if j is not None:
            after = text[lines[j].start : lines[j].end]
            said = after.strip()
            if after.lstrip().startswith(">"):
                quoted += 1
            elif k < 20 and len(said) >= 20 and text.find(said, 0, lines[i].start) >= 0:
                # the line under it was printed earlier in the dump: the
                # quoted words of an earlier post (a quote that lost its ">")
                quoted += 1
            elif name_first and after.startswith(("    ", "\t")) and (indent is None or indent[j] >= indent[i] + 4):
                # Indented deeper than the line itself: a quote. A header
                # indented by its depth has its body at the same indent.
                quoted += 1
    return quoted <= 0.3 * len(where)


def _first_field(skeleton) -> str:
    """The first token of ``skeleton`` past Markdown emphasis (``**ana** wrote``: ``W``),
    an avatar's image and a link's bracket (``![](avatar.png)[ana](/u/ana) on …``: ``W``)."""
    return next((tok for tok in skeleton if tok not in ("*", "U", "[")), "")


def _after_one_line(where: list[int], text: str, lines: list[Line], blank: list[bool]) -> bool:
    """Do most of these lines (four or more) come right after a short line
    that comes before three of them or more (``* * *``, ``Multi-Quote``: the
    furniture between posts; not another attribution)? A
    ``Pia wrote:`` that opens every post so is the post's header; one that
    introduces a quote comes after the writer's own words, new each time."""
    if len(where) < 4:
        return False
    before = Counter()
    anchors = set(where)
    for i in where:
        j = _neighbour(i, -1, blank, 0, len(lines))
        if j is not None and j not in anchors and lines[j].end - lines[j].start <= 40:
            line = " ".join(text[lines[j].start : lines[j].end].split())
            if not line.endswith(":"):
                before[line] += 1
    recurring = sum(count for line, count in before.items() if line and count >= 3)
    return recurring >= 0.6 * len(where)


def _post_counter(skeleton: tuple[str, ...]) -> bool:
    """A post number (``#12``) among the skeleton's tokens."""
    return any(a == "#" and b == "N" for a, b in zip(skeleton, skeleton[1:]))


def _opens_mail_block(text: str, lines: list[Line], i: int, body: str) -> bool:
    """An mbox ``From <sender> <asctime>`` separator with a mail header field
    on the next line."""
    if i + 1 >= len(lines) or not mbox_separator(body.rstrip()):
        return False
    nxt = lines[i + 1]
    return _MAIL_FIELD.match(text, nxt.start, nxt.end) is not None


def _in_mail_block(text: str, lines: list[Line], i: int) -> bool:
    """A ``Date:``/``Subject:`` line next to another mail field (``From:``,
    ``To:``...) is part of a mail header block, the mail dialect's; alone it
    is one field of a forum header (``Date: 8 Jan 2026 - Posted by ...``)."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines):
            prefix = _NEST_PREFIX.match(text, lines[j].start, lines[j].end)  # "> Sent:" under "> From:"
            if _MAIL_FIELD.match(text, prefix.end() if prefix else lines[j].start, lines[j].end):
                return True
    return False


def _is_prose(text: str, shape: "_Shape | _RelShape", start: int, end: int) -> bool:
    """Sentences, not fields: many words, or a sentence end inside the line."""
    if shape.words > 14 or shape.longest > 8:
        return True
    body = text[start:end].rstrip()
    if shape.words > 6 and body.endswith((".", "!", "?", ",", ";")):
        return True
    if shape.words >= 5 and body.endswith((".", ",", ";")) and _CONTINUED.match(text, start, end):
        return True  # "when I read the announcement today.": a wrapped sentence's last line
    return len(_SENTENCE.findall(body)) >= 2


_CONTINUED = re.compile(r"[ \t]*[a-z]{2,} \w")  # a lower-case word opens the line: a sentence goes on
_ABBREVIATED_COUNT = re.compile(r"\d{1,4}(?:[.,]\d{1,2})?[kKmMbB]")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|e|er|re|\.)\+?", re.IGNORECASE)


def _name_like(value: str) -> bool:
    """A user name or a display name: one to three name tokens, no sentence;
    four when a middle one is a short particle (``Adrian Perez de Castro``,
    ``Ludwig van Beethoven``: at most three letters)."""
    parts = value.split()
    if not 1 <= len(parts) <= 4 or len(value) > 40 or len(value) < 2:
        return False
    particle = len(parts) >= 3 and any(p.isalpha() and len(p) <= 3 for p in parts[1:-1])
    if len(parts) == 4 and not particle:
        return False
    if value.casefold() in UI_WORDS:
        return False
    if parts[0].casefold() in UI_WORDS and all(
        p.casefold() in UI_WORDS or p.casefold() in _BUTTON_OBJECTS
        or not (p[0].isupper() or any(ch.isdigit() or ch in "_.-@" for ch in p))
        for p in parts[1:]
    ):
        return False  # "Reply Quote", "Load more", "View Replies": a button; "Ok Reddit Bot",
        # "Moderator ana_k" (a badge before a handle) are names
    if value.isupper() and len(value) > 3 and " " in value:
        return False  # SHOUTED TITLES
    if all(p.isdigit() for p in parts):
        return False  # "2012": a year, a count or a post number, no name
    if len(parts) == 1 and _GLUED_NUMBER.fullmatch(value):
        return False  # "22on", "5pm", "8h": a number run into a word or a unit, no handle
    if _ORDINAL.fullmatch(value):
        return False  # "2nd", "3rd+", "1st": a rank or a connection degree, never a name
    if len(parts) >= 2 and _MONTH_WORD.fullmatch(parts[0]) and _DAY_TOKEN.fullmatch(parts[1]):
        return False  # "Jan 22on" (a date glued to the next one's "on"), "May 3rd": a date
    if _ABBREVIATED_COUNT.fullmatch(parts[0]):
        return False  # "130k views", "1.2M": a count
    if parts[-1].endswith(("'s", "’s")):
        return False  # "Maria's" (Notes, avatar): whose, not who
    if len(parts) == 1 and value.casefold() in _FUNCTION_WORDS:
        return False  # "With" of a "Reply With Quote" row
    for k, p in enumerate(parts):
        handle = any(ch.isdigit() or ch in "_.-@" for ch in p)
        middle = particle and 0 < k < len(parts) - 1 and p.isalpha() and len(p) <= 3
        caseless = len(p) <= 12 and p[0].isalpha() and not p[0].isupper() and not p[0].islower()  # 林伟, محمد
        camel = len(parts) == 1 and p[0].islower() and p.isalpha() and not p.islower()  # "magicOz"
        if not (p[0].isupper() or handle or caseless or camel or (p.islower() and (len(parts) == 1 or middle))):
            return False  # "removing the" is a fragment; "raulpetru" and "magicOz" are handles
        if not all(ch.isalnum() or ch in "_.-@'’+" for ch in p):
            return False
    if len(parts) >= 2 and _LAST_INITIAL.search(value):
        return True  # "William A.": a last initial
    return not value.endswith((".", "!", "?", ","))


# A name's last initial, "William A." (the full stop ends no sentence).
_LAST_INITIAL = re.compile(r"\w[ \t]+[A-Z]\.\Z")
_MONTH_WORD = re.compile(_MONTH, re.IGNORECASE)  # (the month names the date patterns read)
_GLUED_NUMBER = re.compile(r"\d{1,2}[a-z]{1,3}")
_DAY_TOKEN = re.compile(_DAY + r"(?:st|nd|rd|th)?[a-z,.]{0,3}")
_FUNCTION_WORDS = frozenset(
    """a an the of to in on at for with by from and or but not no is are was were be been
    it its this that these those my your his her our their i you he she we they me him us them
    what which who how why when where if so as than then there here all any some just""".split()
)


def _lower_case_name(value: str) -> bool:
    """Two or three lower-case words without a function word (``dave
    guandalino``): a display name typed in lower case, read only in the slot
    a template's other headers name their authors in (``removing the`` is a
    fragment)."""
    parts = value.split()
    return 2 <= len(parts) <= 3 and all(
        p.isalpha() and p.islower() and len(p) >= 2 and p not in _FUNCTION_WORDS for p in parts
    )


def _upper_case_name(value: str) -> bool:
    """A name printed in capitals (``JAMES THOMSON``), as :func:`_name_like`
    would read it in ordinary case; read only in the author slot of a
    template whose every author value is in capitals."""
    return value.isupper() and _name_like(value.title())


name_like = _name_like  # (read by the segmenter for names it takes from an induced header's slots)


@dataclass
class Template:
    """An induced header template: its anchor skeleton and what it found."""

    skeleton: tuple[str, ...]
    anchors: list[int]  # line indexes of the anchor lines
    blocks: list[list[int]] = field(default_factory=list)  # header lines per anchor
    author_slot: Optional[tuple[int, int]] = None  # (offset from anchor, slot index)
    author_slots: list[tuple[int, int]] = field(default_factory=list)  # best first
    # For nested blockquotes (a clipper's reply tree): each anchor's depth
    # below the shallowest one, and its raw ">" count; empty otherwise.
    depths: list[int] = field(default_factory=list)
    prefix_depths: list[int] = field(default_factory=list)
    indents: list[int] = field(default_factory=list)  # for replies nested by indentation
    shapes: Any = field(default_factory=list, repr=False)  # per line of the dump (a _LineShapes)
    rank_lines: set = field(default_factory=set, repr=False)  # rank lines joined below the date: never the author
    author_prefix: frozenset = frozenset()  # words author values open with, not the name's ("Regular anonymous45")
    author_suffix: int = 0  # words every author value ends with, the template's ("Ana Roe added a comment")
    author_badges: frozenset = frozenset()  # last words some author values end with, a badge's ("Ana Roe Mod")
    # a badge some headers print on a line of its own right under the name
    # ("OP"): where the author's line holds it, the name is the line above
    badge_line: str = ""
    author_lead: str = ""  # text every author value opens with, run into the name ("Postby", "User avatar")
    author_upper: bool = False  # the site prints its author names in capitals ("JAMES THOMSON")
    score: float = 0.0
    banner: bool = False  # a page banner printed once per capture: chrome, no comment header
    # block -> the only text line between its anchor and the anchor before
    # (left out of the block while growing it; see _name_line_between)
    squeezed: dict = field(default_factory=dict, repr=False)
    # a template whose author field read something else than the template
    # holding its lines (see _containers_first): its own blocks name no author
    demoted: bool = False
    # a line printed word for word right above the anchor in most blocks
    # (a "Re: <subject>" line): one of them, see _fixed_line_headers
    fixed_above: Optional[int] = field(default=None, repr=False)
    # anchor -> the line its header ran on to when the dump was hard-wrapped
    # (see _wrapped_groups): that line belongs to the block
    continued: dict = field(default_factory=dict, repr=False)

    @property
    def key(self) -> str:
        return " ".join(self.skeleton)


def _line_class(shape: Optional[_Shape], text: str, ln: Line) -> str:
    """Coarse class of a context line: ``T`` (holds a date), ``name``,
    ``num``, ``kv`` (``label: value``), ``short`` or ``other``."""
    if shape is None or _is_prose(text, shape, ln.start, ln.end):
        return "other"
    sk = shape.skeleton
    if "T" in sk:
        return "T"
    if ":" in sk[:4] and len(sk) <= 6 and sk[-1] != ":":
        return "kv"
    if all(s in ("N", "#", "+", "-", "(", ")", "[", "]", "|", "·", "•") or s in KEYWORDS for s in sk):
        # "#21", "12 points": counts; "Member": a rank label, like a name line
        return "num" if "N" in sk else "name"
    body = text[ln.start : ln.end].strip()  # (an indented reply's header is as short as any)
    # (a link's target is no text a reader sees: "## [ana](https://…/user/ana/)";
    # a link around no word, "- [−](…)", is a widget, and keeps its length)
    seen = _visible(body) if "](" in body else body
    size = len(seen) if any(ch.isalpha() for ch in seen) else len(body)
    if body.endswith((".", "!", "?", ",", ";")) and not (shape.words <= 4 and _LAST_INITIAL.search(body)):
        return "sentence"  # a comment's last or first line, never a header field
        # (a name's last initial, "William A.", ends no sentence)
    if (sk[0] in ("W", "@") or sk[0][:1] == "~") and shape.words <= 6 and size <= 60:
        # "alice", "alice · in reply to bob", "@alice"; "~ana ↪ W": a name that
        # recurs as a fixed word elsewhere (ana is often answered) is still a name
        return "name"
    if sk == ("N", "W") and shape.words <= 3 and size <= 40:
        return "name"  # "1 Van K": a name that starts with a digit
    if sk[0] in KEYWORDS and "W" in sk[1:3] and shape.words <= 6 and size <= 80:
        return "name"  # "Post by alice", "by alice | replying to @bob"
    if size <= 40 and shape.words <= 4:
        return "short"
    return "other"


TRACE: Optional[list] = None
"""Set to a list to record, per candidate skeleton, why :func:`induce` kept or
rejected it (``(skeleton, occurrences, reason)``); for debugging a dump."""


def _trace(skeleton: tuple[str, ...], where: list[int], reason: str) -> None:
    if TRACE is not None:
        TRACE.append((skeleton, len(where), reason))


def induce(text: str, lines: list[Line], taken: Optional[set[int]] = None) -> list[Template]:
    """Find header templates in ``text``; lines in ``taken`` are left alone."""
    taken = taken or set()
    n = len(lines)
    shapes = _LineShapes(lines)
    blank = [True] * n
    depth = [0] * n  # ">" prefix depth of each line
    indent = [0] * n  # leading spaces of each line (a tab counts as four)
    attribution: set[int] = set()  # lines ending "... wrote:"
    quote_labels: set[int] = set()  # "Quote from: X on <date>", "Originally Posted by X"
    arrows = [0] * n  # reply arrows before the line ("↳ ↳ ")
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    content_lines = 0
    page_indents: Optional[Counter] = None  # text lines per indent (see _page_indented)
    max_line = 4 * MAX_HEADER_LINE
    prose_of: dict[str, bool] = {}  # line text -> _is_prose (lines repeat)
    counted: Optional[list[tuple[int, int]]] = None  # "N comments" lines (see _comment_counts)
    for i, ln in enumerate(lines):
        body = text[ln.start : ln.end]
        if not body or body.isspace():
            continue
        blank[i] = False
        if i in taken:
            continue
        content_lines += 1
        start = ln.start
        # (cheap tests first: each pattern needs the character tested for)
        prefix = _NEST_PREFIX.match(body) if ">" in body[:4] else None
        if prefix:
            # Clippers print nested replies as nested blockquotes: a header
            # may stand behind "> > ". Whether that is nesting or quoting is
            # decided per template below.
            depth[i] = prefix.group().count(">")
            start += prefix.end()
            body = text[start : ln.end]
            if not body.strip():
                continue
        if body[:1] in (" ", "\t"):
            # Indented: code, or a reply nested by indentation (decided per
            # template below: nesting comes back at several indents).
            stripped = body.lstrip(" \t")
            indent[i] = len(body[: len(body) - len(stripped)].expandtabs(4))
        elif body[:1] in _TREE_RULES:
            # A tree drawn in box characters ("│  ├─ ana (date)"): the
            # branch's column is the reply's indentation.
            gutter = _TREE_GUTTER.match(body)
            if gutter is not None:
                indent[i] = len(gutter.group().expandtabs(4))
        marker = _REPLY_ARROWS.match(text, start, ln.end) if body.lstrip(" \t")[:1] in _ARROW_CHARS else None
        if marker:
            # "↳ ↳ — 1 month ago — By …": one arrow a level.
            arrows[i] = sum(1 for ch in marker.group() if ch in _ARROW_CHARS)
            start = marker.end()
            body = text[start : ln.end]
        sh = _rel_shape(body) if len(body) <= max_line else None  # (made absolute when read)
        if sh is None:
            continue
        colon = ":" in body
        if colon and _MAIL_FIELD.match(body) and _in_mail_block(text, lines, i):
            continue  # mail headers are the mail dialect's
        if body.startswith("From ") and colon and _opens_mail_block(text, lines, i, body):
            continue  # an mbox "From <sender> <date>" line over a header block: the mail dialect's
        if body.lstrip(" \t")[:1] in "OoQq[" and FORUM_QUOTE_LABEL.match(body):
            quote_labels.add(i)
        if colon and _ATTRIBUTION.search(body):
            attribution.add(i)  # "On <date>, X wrote:" introduces a quote (unless shown otherwise below)
            if i and not blank[i - 1] and _ON_OPENER.match(text, lines[i - 1].start, lines[i - 1].end):
                attribution.add(i - 1)  # "On <date>" / "X <x@example.org> wrote:" on two lines
        shapes.set_relative(i, sh, start)
        if start == ln.start:  # (then whether it is prose depends on the line's text only)
            prose = prose_of.get(body)
            if prose is None:
                prose = prose_of[body] = _is_prose(text, sh, ln.start, ln.end)
        else:
            prose = _is_prose(text, sh, ln.start, ln.end)
        if prose:
            continue
        groups[sh.skeleton].append(i)

    wrapped = _wrapped_groups(text, lines, shapes, blank, groups)
    _affix_groups(text, lines, shapes, groups)
    _inner_word_groups(groups)
    _role_badge_groups(groups)
    _suffix_groups(groups)
    _prefix_groups(groups)
    _tail_groups(groups)
    word_counts = _Counts(text, shapes)
    templates: list[Template] = []
    for skeleton, where in groups.items():
        if len(where) < 2 or not _anchor_skeleton(skeleton):
            continue
        if TRACE is not None:
            TRACE.append((skeleton, len(where), "candidate"))
        if any(shapes[i].longest > 6 or shapes[i].words > 10 for i in where[:50]):
            _trace(skeleton, where, "long fields")
            continue  # header fields are short; this is a sentence with a date in it
        # Occurrences must be spread out, with content between them, and come
        # back at comment-like intervals (a line recurring a few times across
        # a long dump is content, not the structure of the dump).
        gaps = sorted(b - a for a, b in zip(where, where[1:]))
        spread = sum(1 for g in gaps if g >= 2)
        if spread < max(1, (len(where) - 1) * 0.6) or gaps[len(gaps) // 2] > MAX_COMMENT_LINES:
            _trace(skeleton, where, "gaps")
            continue
        # A header line may repeat word for word (one author, "1 point 1
        # month ago"), but not together with what follows it: that is a
        # recapture or a quote.
        distinct = {_words_of(text, lines, i) + "\n" + _following_words(text, lines, i, blank, n) for i in where}
        if len(distinct) < max(2, min(len(where) / 2, 4)):
            _trace(skeleton, where, "repeated with context")
            continue
        labelled = quote_labels.intersection(where)
        if 2 * len(labelled) >= len(where):
            _trace(skeleton, where, "quote label")
            continue
        if labelled:
            where = [i for i in where if i not in labelled]  # a quote's label grouped with the headers
        if attribution.intersection(where) and not _header_not_attribution(
            skeleton, where, text, lines, blank, shapes, indent
        ):
            _trace(skeleton, where, "attribution")
            continue
        anchor_texts = {_words_of(text, lines, i) for i in where}
        same_line = len(anchor_texts) == 1
        if same_line and "T" not in skeleton and len(skeleton) > 4:
            # one sentence's line printed again and again (quoted in each
            # reply: "> by default on most ... to ... and"), not a header,
            # whose fields would vary
            _trace(skeleton, where, "one line repeated")
            continue
        if any(tok.startswith("~") for tok in skeleton) and len(anchor_texts) < max(2, len(where) / 2):
            _trace(skeleton, where, "name line repeated")
            continue  # a name line repeated is a signature or a recapture
        # Headers tile the dump: a template confined to a sliver of a long
        # text is a local repetition (a list, a pasted log), not its structure.
        if where[-1] - where[0] + 1 < COVERAGE * content_lines:
            if counted is None:
                counted = _comment_counts(text, lines, blank)
            if not _counted_section(where, counted) and not _furnished(where, text, lines, blank):
                _trace(skeleton, where, "coverage")
                continue
            # the page says how many comments follow, and they are these: a
            # comment section under a long post (a blog's "3 thoughts on ...")
        depths = {depth[i] for i in where}
        if max(depths) > 0 and len(depths) < 2 and not _wrapped(where, depth, blank, text, lines):
            _trace(skeleton, where, "quoted")
            continue  # headers all behind one ">" depth are quoted, not nested
        indents = sorted({indent[i] for i in where})
        if indents[0] >= 4 and len(indents) < 2:
            if page_indents is None:
                page_indents = _indent_counts(indent, blank)
            indented = not _page_indented(indents[0], page_indents)
        else:
            indented = False
        if indented:
            _trace(skeleton, where, "indented")
            continue  # one indent of four or more throughout: code, not nesting
        def grow(where: list[int]) -> Template:
            t = Template(skeleton=skeleton, anchors=where, shapes=shapes)
            if wrapped:
                t.continued = {i: wrapped[i] for i in where if i in wrapped}
            depths = {depth[i] for i in where}
            indents = sorted({indent[i] for i in where})
            if max(depths) > 0:
                base = min(depths)
                t.depths = [depth[i] - base for i in where]
                t.prefix_depths = [depth[i] for i in where]
            elif len(indents) > 1:
                # Replies nested by indentation: each indent is one level deeper.
                level = {w: k for k, w in enumerate(indents)}
                t.depths = [level[indent[i]] for i in where]
                t.indents = [indent[i] for i in where]
            elif len({arrows[i] for i in where}) > 1:
                base = min(arrows[i] for i in where)
                t.depths = [arrows[i] - base for i in where]
            _expand(t, text, lines, shapes, blank, taken)
            _badge_tops(t, text, lines, shapes, blank, taken)
            if not t.depths:
                t.depths = _labelled_depths(t, text, lines)
            _choose_author(t, text, lines, shapes, word_counts)
            if t.indents:
                _author_line_indents(t, indent)
            if not t.depths:
                _heading_depths(t, text, lines)
            _name_line_between(t, text, lines, shapes)
            _fixed_line_headers(t, text, lines, shapes, blank, taken)
            return t

        t = grow(where)
        if t.author_slot is None and skeleton == ("T",):
            # A date alone on its line is printed in two places (a list of
            # videos with their lengths, the comments with their ages): the
            # ones under a name line may be headers of their own.
            named = _under_a_name(where, text, lines, shapes, blank)
            if 3 <= len(named) < len(where):
                sub = grow(named)
                if sub.author_slot is not None:
                    t, where = sub, named
        if t.author_slot is None and ("T" not in skeleton or same_line or skeleton[0] == "…"):
            _trace(skeleton, where, "no author")
            continue  # (one timestamp printed again and again is a page footer)
        if same_line and len(where) < 3:
            _trace(skeleton, where, "same line")
            continue
        if _name_and_count(skeleton) or skeleton == ("by", "W"):
            authors = Counter(_block_author(t, k, text) for k in range(len(t.blocks)))
            authors.pop(None, None)
            if len(authors) < 2 or max(authors.values()) < 2:
                _trace(skeleton, where, "authors never recur")
                continue
            if _numbered_name(skeleton) and sum(
                n for a, n in authors.items() if not _not_a_word(a)
            ) * 5 > sum(authors.values()):
                # "#1 Python" ... "#4 Python": a ranked list; a post number
                # with a name needs names that cannot be a word (a handle,
                # two or three words)
                _trace(skeleton, where, "numbered words")
                continue
        _trace(skeleton, where, f"template author={t.author_slot} score={t.score:.2f}")
        templates.append(t)
    _common_indent_levels(templates)
    kept = _resolve(templates, text, lines)
    _pooled_depths(kept, text, lines)
    return kept


# A line that counts the comments under it: "3 thoughts on “Title”", "## 12
# Comments", "Responses (6)", "40 replies".
_COMMENT_COUNT = re.compile(
    r"(?i)[ \t]*(?:#{1,6}[ \t]+)?(?:(?P<n>\d{1,5})[ \t]+(?:comments?|replies|repl(?:y|ies)|responses?|thoughts?|answers?)\b[^\n]{0,100}"
    r"|(?:comments?|replies|responses|answers)[ \t]*\((?P<m>\d{1,5})\))[ \t]*"
)
# Lines from a count line down to the first header it counts.
COUNT_REACH = 20
# Occurrences that must all have the same widget line right above them (see _furnished).
FURNISHED_MIN = 3


def _comment_counts(text: str, lines: list[Line], blank: list[bool]) -> list[tuple[int, int]]:
    """``(line, N)`` for each line of ``text`` that counts N comments."""
    out = []
    for i, ln in enumerate(lines):
        if blank[i] or ln.end - ln.start > MAX_HEADER_LINE:
            continue
        m = _COMMENT_COUNT.fullmatch(text, ln.start, ln.end)
        if m is not None:
            out.append((i, int(m.group("n") or m.group("m"))))
    return out


def _furnished(where: list[int], text: str, lines: list[Line], blank: list[bool]) -> bool:
    """Every one of three or more occurrences has the same short line right
    above it (``Avatar``, an avatar's alternative text), a widget the page
    prints over each comment: the lines are a comment section's headers,
    however small a part of the page it fills (a list or a pasted log has
    no furniture over each of its lines)."""
    if len(where) < FURNISHED_MIN:
        return False
    above: Optional[str] = None
    for i in where:
        j = i - 1
        if j < 0 or blank[j] or lines[j].end - lines[j].start > 24:
            return False
        words = _words_of(text, lines, j)
        if not words or len(words.split()) > 3 or (above is not None and words != above):
            return False
        above = words
    return len({_words_of(text, lines, i) for i in where}) > 1


def _counted_section(where: list[int], counted: list[tuple[int, int]]) -> bool:
    """The page counts the comments right above the first of ``where`` (within
    COUNT_REACH lines), and ``where`` are that many, or at least half of them
    (a copy cut short): a comment section confined to a part of a long page."""
    at = bisect_left(counted, (where[0],))
    if not at:
        return False
    i, k = counted[at - 1]
    return where[0] - i <= COUNT_REACH and len(where) <= k <= 2 * len(where)


def _under_a_name(where: list[int], text: str, lines: list[Line], shapes, blank: list[bool]) -> list[int]:
    """The anchors whose line above (a blank line between allowed) is a name
    line holding a name (``@ana_k``; not a lone ``•``)."""
    out = []
    for a in where:
        j = a - 1
        if j >= 0 and blank[j]:
            j -= 1
        if j >= 0 and not blank[j] and _line_class(shapes[j], text, lines[j]) == "name" and _name_like(
            text[lines[j].start : lines[j].end].strip().lstrip("@")
        ):
            out.append(a)
    return out




def _wrapped(where: list[int], depth: list[int], blank: list[bool], text: str, lines: list[Line]) -> bool:
    """Headers all behind one ``>`` depth, with every line of text from the
    first to the end of the dump behind it too (nine lines in ten): a
    clipper that wraps each comment in a blockquote, not a quoted post,
    which has the reply's own text around it, nor a message quoted whole
    under its attribution line (``… wrote:``, ``… geschreven:``)."""
    if len(where) < 3:
        return False
    d = depth[where[0]]
    j = where[0]
    while j > 0 and where[0] - j < _WRAP_LOOKBACK and (blank[j - 1] or depth[j - 1] >= d):
        j -= 1
    while j > 0 and blank[j - 1]:
        j -= 1
    if j > 0 and text[lines[j - 1].start : lines[j - 1].end].rstrip().endswith(":"):
        return False  # "… wrote:" over the quoted run: a message quoted whole
    # (text lines from the first header to the end, and those behind the
    # depth: stops as soon as one in ten of the whole could no longer be)
    n = len(depth)
    total = deep = 0
    for i in range(where[0], n):
        if blank[i]:
            continue
        total += 1
        deep += depth[i] >= d
        if (total - deep) * 10 > (n - where[0]):
            return False
    return deep * 10 >= total * 9


_WRAP_LOOKBACK = 2000  # lines walked back over a quoted run for its attribution line


def _heading_depths(t: Template, text: str, lines: list[Line]) -> None:
    """A Markdown clip that makes each header a heading nests replies by its
    level (``## [ana](…)`` a comment, ``### [bo](…)`` a reply to it): the
    depth is the author line's level less the least level, not counting a
    first block alone at a level above all others (``# [op](…)``: the
    submission the comments are under, at depth 0)."""
    if t.author_slot is None:
        return
    levels = []
    for a, b in zip(t.anchors, t.blocks):
        pos = b.index(a) + t.author_slot[0]
        m = MD_HEADING.match(text, lines[b[pos]].start, lines[b[pos]].end) if 0 <= pos < len(b) else None
        if m is None:
            return
        levels.append(len(m.group(1)))
    rest = levels[1:] if len(levels) > 2 and levels[0] < min(levels[1:]) else levels
    base = min(rest)
    if len(set(rest)) < 2:
        return
    t.depths = [max(0, v - base) for v in levels]


def _names_in_a_row(text: str, lines: list[Line], cand: list[Optional[int]]) -> bool:
    """Whether the lines ``cand`` (one per block) are all names: the later
    blocks' line is one person's (who wrote every later comment), and the
    first block's another's, not page furniture over the first comment."""
    return all(
        j is None or _name_like(_slot_text(text[lines[j].start : lines[j].end].strip().lstrip("#*>-• ").strip()))
        for j in cand
    )


def _indent_counts(indent: list[int], blank: list[bool]) -> Counter:
    """How many of the dump's text lines stand at each indent (counted once
    per dump, when a template first needs it)."""
    return Counter(w for w, b in zip(indent, blank) if not b)


def _page_indented(width: int, counts: Counter) -> bool:
    """Whether most of the dump's text lines are indented ``width`` or more
    (``counts``: :func:`_indent_counts`): a copy that kept the page's own
    indentation, where a header indented so is not a line of code."""
    total = sum(counts.values())
    return total > 0 and 2 * sum(n for w, n in counts.items() if w >= width) >= total


def _author_line_indents(t: Template, indent: list[int]) -> None:
    """A header nests by the indent of the line that names its author. When
    that line is not the anchor (``[–]ana`` over `` 1 point 1 month ago``),
    the anchor's indent can be an accident of the copy (a flag that was not
    printed left its space); the depths are then read from the author's
    lines, and a template whose author lines share one indent is flat."""
    if t.author_slot is None or t.author_slot[0] == 0:
        return
    firsts = []
    for a, b in zip(t.anchors, t.blocks):
        pos = b.index(a) + t.author_slot[0]
        firsts.append(indent[b[pos]] if 0 <= pos < len(b) else indent[a])
    if firsts == t.indents:
        return
    widths = sorted(set(firsts))
    if len(widths) < 2:
        t.depths, t.indents = [], []
        return
    level = {w: k for k, w in enumerate(widths)}
    t.depths = [level[w] for w in firsts]
    t.indents = firsts


def _common_indent_levels(templates: list[Template]) -> None:
    """Depths from indentation on one scale for every template of the dump:
    two templates (names with and without a number, say) nest by the same
    indent, so a level is the indent step they share, counted from the
    smallest indent any of them prints."""
    nested = [t for t in templates if t.indents]
    if len(nested) < 2:
        return
    widths = sorted({w for t in nested for w in t.indents})
    base = widths[0]
    step = 0
    for w in widths:
        step = math.gcd(step, w - base)
    if step <= 0:
        return
    for t in nested:
        t.depths = [(w - base) // step for w in t.indents]


_POSSESSIVE = re.compile(r"['’]s$")
_DEPTH_FIELD = re.compile(r"(?i)(?<!\w)(?:level|depth|lvl)\s*[:#]?\s*(\d{1,2})(?!\w)")


def _labelled_depths(t: Template, text: str, lines: list[Line]) -> list[int]:
    """Depths printed as a labelled count in each header (``level 3``,
    ``depth: 2``), if the values behave like depths in reading order (see
    :func:`_depth_sequence`)."""
    values = _depth_values(t, text, lines)
    return _depth_sequence(values) if values else []


def _depth_values(t: Template, text: str, lines: list[Line]) -> list[int]:
    """The labelled count (``level 3``, ``depth: 2``) of each of ``t``'s
    blocks, or ``[]`` if a block has none."""
    values: list[int] = []
    for block in t.blocks:
        found = None
        for j in block:
            m = _DEPTH_FIELD.search(text, lines[j].start, lines[j].end)
            if m:
                found = int(m.group(1))
                break
        if found is None:
            return []
        values.append(found)
    return values


def _depth_sequence(values: list[int]) -> list[int]:
    """``values`` as depths from 0, if they behave like depths in reading
    order: a reply is at most one level deeper than the comment before it
    (but for a few comments a capture missed), and the thread comes back up
    at least once. (A user's rank, ``level 12``, does not.)"""
    if len(values) < 3:
        return []
    steps = list(zip(values, values[1:]))
    jumps = sum(1 for a, b in steps if b > a + 1)  # (a capture may miss a comment)
    if jumps > max(1, 0.15 * len(steps)) or not any(b < a for a, b in steps):
        return []
    base = min(values)
    if base > 1:
        return []
    return [v - base for v in values]


def _pooled_depths(kept: list[Template], text: str, lines: list[Line]) -> None:
    """Templates that share one dump's headers between them (the name line
    with a handle and without: ``Eternity @eternity · Depth: 2`` and ``dface
    · Depth: 1``) read their labelled depths as one sequence in reading
    order; alone, each sees only every other comment and its steps jump.
    (A template whose blocks grew or shrank when templates were resolved
    reads its own again.)"""
    rows: list[tuple[int, Template, int, int]] = []
    for t in kept:
        if t.depths or t.banner:
            continue
        values = _depth_values(t, text, lines)
        rows.extend((b[0], t, k, v) for k, (b, v) in enumerate(zip(t.blocks, values)))
    if not rows:
        return
    rows.sort(key=lambda r: r[0])
    depths = _depth_sequence([r[3] for r in rows])
    if not depths:
        return
    for _, t, _, _ in rows:
        t.depths = [0] * len(t.blocks)
    for (_, t, k, _), d in zip(rows, depths):
        t.depths[k] = d


def _affix_groups(text: str, lines: list[Line], shapes: list, groups: dict) -> None:
    """Name lines with a fixed word before or after the name (``Meli's
    avatar``, ``Posted by Meli``): Drain keeps a token that every member
    shares as a literal; here the shared first or last word becomes one, and
    the rest of the line the slot."""
    plain = groups.pop(("W",), [])
    by_affix: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in plain:
        a, b = shapes.slot(i, 0)
        parts = text[a:b].split()
        if 2 <= len(parts) <= 5 and not text[a:b].rstrip().endswith((".", "!", "?", ",", ";", ":")):
            by_affix[("suffix", parts[-1].casefold())].append(i)
            by_affix[("prefix", parts[0].casefold())].append(i)
    # A word that fills a whole name line of its own elsewhere ("ana" over her
    # posts) is a name, however often it frames another ("bo ↪ ana").
    alone = {text[slice(*shapes.slot(i, 0))].strip().casefold() for i in plain}
    used: set[int] = set()
    for (side, word), where in sorted(by_affix.items(), key=lambda kv: -len(kv[1])):
        where = [i for i in where if i not in used]
        if len(where) < 3 or word in KEYWORDS or word in alone:
            continue
        # The shared word frames different names ("Meli's avatar", "Jo's
        # avatar"); one name line repeated ("Michael Gr" over each of his
        # posts) has no fixed part.
        if len({text[slice(*shapes.slot(i, 0))].casefold() for i in where[:50]}) < 2:
            continue
        # What is left must be a name: "Анонымоус 45" / "Анонымоус 105" share
        # a word, but 45 and 105 are no names (the number belongs to the name).
        rests = [text[slice(*shapes.slot(i, 0))].split() for i in where[:50]]
        rests = [r[:-1] if side == "suffix" else r[1:] for r in rests]
        if sum(1 for r in rests if any(ch.isalpha() for w in r for ch in w)) * 2 < len(rests):
            continue
        if side == "prefix" and not any(" ".join(r).casefold() in alone for r in rests):
            # "The Sheep", "The Comet": names that share a first word; a fixed
            # word before a name ("Moderator ana") leaves names the dump
            # prints alone elsewhere
            continue
        for i in where:
            sh = shapes[i]
            a, b = sh.slots[0]
            body = text[a:b]
            if side == "suffix":
                rest_end = a + len(body.rstrip()[: body.rstrip().casefold().rfind(word)].rstrip())
                m = _POSSESSIVE.search(text, a, rest_end)
                slot = (a, m.start() if m else rest_end)
                skeleton = ("W", "~" + word)
            else:
                rest_start = a + len(body.split()[0])
                while rest_start < b and text[rest_start].isspace():
                    rest_start += 1
                slot = (rest_start, b)
                skeleton = ("~" + word, "W")
            shapes[i] = _Shape(skeleton, [slot], sh.times, sh.words - 1, sh.longest - 1)
            groups[skeleton].append(i)
            used.add(i)
    leftover = [i for i in plain if i not in used]
    if leftover:
        groups[("W",)] = leftover


def _wrap_width(text: str, lines: list[Line], blank: list[bool]) -> int:
    """The width a hard-wrapped dump was wrapped at: the 90th percentile of
    the lengths of lines that a paragraph goes on from (a line with text
    under it); 0 when too few lines go on for the dump to be wrapped."""
    widths = sorted(
        lines[i].end - lines[i].start for i in range(len(lines) - 1) if not blank[i] and not blank[i + 1]
    )
    if len(widths) < WRAP_LINES:
        return 0
    return widths[(len(widths) * 9) // 10]


def _printed_width(text: str, lines: list[Line], i: int) -> int:
    """The width line ``i`` had when the dump was wrapped: its length, with
    the tag the working copy blanked in front of it (a line of spaces right
    above, see markup._line_openers) counted in."""
    ln = lines[i]
    width = len(text[ln.start : ln.end].rstrip())
    if i:
        above = lines[i - 1]
        if above.end == ln.start - 1 and above.end > above.start and text[above.start : above.end].isspace():
            width += above.end - above.start + 1
    return width


def _wrapped_groups(text: str, lines: list[Line], shapes: _LineShapes, blank: list[bool], groups: dict) -> dict:
    """A header line that a hard-wrapped dump broke in two (``ana  April 11,
    2025,`` / ``2:02am``, where others print ``bo  April 11, 2025, 1:29am``
    on one line): the first part's skeleton opens a dated skeleton that
    other lines carry whole, the next line's skeleton is the rest, and the
    first part could not have taken the next line's first word within the
    dump's wrap width. The first line joins the whole skeleton's group with
    the two lines' fields as one shape; returns first line -> next line."""
    joined: dict[int, int] = {}
    seconds: set[int] = set()  # (the lines joined to the line above)
    whole = [sk for sk, where in groups.items() if len(where) >= 2 and "T" in sk and len(sk) >= 2]
    if not whole:
        return joined
    heads: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for sk in whole:
        for k in range(1, len(sk)):
            if sk[:k] in groups and sk[k:] in groups:
                heads[sk[:k]].append(sk)
    if not heads:
        return joined
    width = _wrap_width(text, lines, blank)
    if not width:
        return joined
    for head, fulls in heads.items():
        if len(fulls) != 1:
            continue  # (a head that opens two skeletons: which one is not known)
        full = fulls[0]
        rest = full[len(head) :]
        if head not in groups or rest not in groups or full not in groups:
            continue  # (emptied by an earlier join)
        moved = []
        for i in groups[head]:
            j = i + 1
            if j >= len(lines) or blank[j] or j in seconds:
                continue
            second = shapes[j]
            if second is None or second.skeleton != rest:
                continue
            first_word = text[lines[j].start : lines[j].end].split(None, 1)
            if _printed_width(text, lines, i) + 1 + len(first_word[0] if first_word else "") <= width:
                continue  # the next word would have fit: two lines, not one wrapped
            first = shapes[i]
            shapes[i] = _Shape(
                full,
                list(first.slots) + list(second.slots),
                list(first.times) + list(second.times),
                first.words + second.words,
                max(first.longest, second.longest),
            )
            joined[i] = j
            seconds.add(j)
            moved.append(i)
        if moved:
            gone = set(moved)
            groups[head] = [i for i in groups[head] if i not in gone]
            if not groups[head]:
                del groups[head]
            tails = {joined[i] for i in moved}
            groups[rest] = [i for i in groups[rest] if i not in tails]
            if not groups[rest]:
                del groups[rest]
            groups[full] = sorted(groups[full] + moved)
    return joined


def _inner_word_groups(groups: dict) -> None:
    """``Score: 2  Junior Member  1 mo ago  ana  #83`` among ``Score: 9  Guru
    1 mo ago  bo  #60``: a header word right after a name slot (a rank
    that says ``Member``) splits the field into a slot and a literal. A
    skeleton that is another one with such a word added joins the other's
    group when that one is larger and dated: one token apart, as Drain
    merges by token similarity; the slots keep their order."""
    for sk in sorted(groups, key=lambda k: len(groups[k])):
        if sk not in groups or "T" not in sk:
            continue
        for k in range(1, len(sk)):
            if sk[k - 1] == "W" and sk[k] in KEYWORDS and (sk[k] not in STRONG_KEYWORDS or sk[k] in UI_WORDS):
                base = sk[:k] + sk[k + 1 :]
                if base in groups and len(groups[base]) > len(groups[sk]):
                    groups[base] = sorted(groups[base] + groups.pop(sk))
                    break


def _role_badge_groups(groups: dict) -> None:
    """``Article author Mar 18, 2025`` among ``Mar 12, 2025``: a role badge
    (a word and ``author``: the article's or the topic's writer) printed
    before the date in some headers joins the larger group of the date
    without it; the name is where the other headers print theirs."""
    for sk in list(groups):
        if len(sk) < 3 or sk[0] != "W" or sk[1] != "author" or sk[2] != "T":
            continue
        base = sk[2:]
        if base in groups and len(groups[base]) > len(groups[sk]):
            groups[base] = sorted(groups[base] + groups.pop(sk))


def _suffix_groups(groups: dict) -> None:
    """``Posted March 2, 2022 (edited)`` among ``Posted March 2, 2022``: a
    skeleton that is another one plus trailing header words and punctuation
    after its date (an ``edited`` mark) joins that one's group."""
    for sk in list(groups):
        if sk not in groups or "T" not in sk:
            continue
        last = max(k for k, tok in enumerate(sk) if tok in ("T", "W", "N"))
        if sk[last] != "T" or last == len(sk) - 1:
            continue
        if not all(tok in KEYWORDS or (len(tok) == 1 and not tok.isalnum()) for tok in sk[last + 1 :]):
            continue
        base = sk[: last + 1]
        if base in groups:
            groups[base] = sorted(groups[base] + groups.pop(sk))


def _prefix_groups(groups: dict) -> None:
    """``Posted by Ana`` among ``Posted by Bo @bo``: a skeleton that opens
    with a strong header word and ends in a name slot, where another
    skeleton goes on from that slot with optional fields (a handle, a
    badge), joins that one's group when that one could carry a header: the
    same header with its optional part left out."""
    longer: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for other in groups:
        if "T" in other or len(other) > 12:
            continue
        strong = other[0] in STRONG_KEYWORDS
        for k in range(2, len(other)):
            if other[k - 1] == "W" and other[k] in STRUCTURAL and other[:k] in groups:
                # (or a short anchor of its own: "♥ 10 · ana" among "♥ 8 · bo · in reply to ana")
                if strong or (_answers_phrase(other[k:]) and _anchor_skeleton(other[:k])):
                    longer[other[:k]].append(other)
    for sk, others in longer.items():
        if len(others) != 1 or sk not in groups or others[0] not in groups or not _anchor_skeleton(others[0]):
            continue
        groups[others[0]] = sorted(groups[others[0]] + groups.pop(sk))


def _tail_groups(groups: dict) -> None:
    """Header lines with optional parts (a "Mod" badge, a "> parent" link)
    have several skeletons that end alike around the date: Drain would put
    them in one cluster by token similarity; here skeletons that share the
    tokens from just before the date to the end of the line are merged."""
    tails: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for sk in groups:
        if "T" in sk and sk.count("W") <= 4:
            t = sk.index("T")
            tail = sk[max(0, t - 2) : t + 1]
            if len(tail) >= 3:
                tails[("…",) + tail].append(sk)
    for key, members in tails.items():
        if len(members) < 2:
            continue
        merged = sorted(i for sk in members for i in groups[sk])
        if len(merged) < 3:
            continue
        for sk in members:
            del groups[sk]
        groups[key] = merged


def _words_of(text: str, lines: list[Line], i: Optional[int]) -> str:
    if i is None:
        return ""
    return " ".join(_WORD.findall(text, lines[i].start, lines[i].end)).casefold()


def _following_words(text: str, lines: list[Line], i: int, blank: list[bool], n: int) -> str:
    """The words of the next few non-blank lines after ``i`` (past the rest
    of a header block, into the comment)."""
    found: list[str] = []
    for j in range(i + 1, min(n, i + 13)):
        if not blank[j]:
            found.append(_words_of(text, lines, j))
            if len(found) == 5:
                break
    return "\n".join(found)


def _anchor_skeleton(sk: tuple[str, ...]) -> bool:
    """Could lines of this skeleton carry a comment header? A date, or a slot
    framed by at least three literals (``by``, ``·``, ``Score``...), one of
    them a strong header word or a post number (``#12``)."""
    slots = sk.count("W")
    if slots > 4:
        # A header has a few fields, not a sentence's worth; a dated line
        # cut into many short fields (inline buttons: "| Top | Report") is
        # still one, when its separators outnumber its fields.
        separators = sum(1 for s in sk if s in STRUCTURAL)
        if slots > 8 or "T" not in sk or separators < slots:
            return False
    if any(s.startswith("~") for s in sk):
        return True  # a name with a fixed word, on three lines or more
    if "T" in sk:
        return True
    if "W" not in sk:
        return False
    literals = [s for s in sk if s not in ("W", "N") and s not in _BUTTON_WORDS]  # ("Share this post": a widget)
    strong = [s for s in literals if s in STRONG_KEYWORDS]
    if _answers_phrase(sk):
        strong.append("reply")  # "· in reply to bo": whom a header's post answers
    # a post number ("#12 · ana · Depth: 2") is a header's field like a keyword
    counter = _post_counter(sk)
    if len(literals) == 2 and len(strong) == 2 and sk[:2] == tuple(literals) and "edited" not in strong:
        return True  # "Post by ana", "Posted by ana": two header words opening the line
    if len(literals) == 2 and slots == 1 and _counted_score(sk) and any(s in STRUCTURAL for s in literals):
        return True  # "ana · 6 points": a name, a separator and a counted score
    if _name_and_count(sk) or sk == ("by", "W"):
        # "ana | +2", "♥ 10 · ana": a name and a count; "By ana" on a line of
        # its own (its authors must recur: induce)
        return True
    if len(sk) == 3 and sk[0] == "W" and sk[1] in _WROTE_WORDS and sk[2] == ":":
        return True  # "ana wrote:": an attribution, unless it opens every post (_header_not_attribution)
    return len(literals) >= 3 and (len(strong) >= 1 or counter)


def _name_and_count(sk: tuple[str, ...]) -> bool:
    """A skeleton of a name and a count with one separator between (``W | N``,
    ``N · W``), a post number and a name (``#3 ana``, ``#3 · ana``, ``ana
    #3``), or a name followed by counts and header words only (``ana +24
    level 1``, ``ana 3 points``): a header line only when its names recur (a
    numbered list, ``1 · Intro``, has a new word every line)."""
    if len(sk) == 3 and sk[1] in STRUCTURAL and sorted((sk[0], sk[2])) == ["N", "W"]:
        return True
    if _numbered_name(sk):
        return True
    rest = sk[1:]
    return (
        2 <= len(rest) <= 5 and sk[0] == "W" and "N" in rest
        and any(s in KEYWORDS for s in rest)
        and all(s == "N" or s in KEYWORDS or s in STRUCTURAL for s in rest)
    )


def _numbered_name(sk: tuple[str, ...]) -> bool:
    """A post number and a name and nothing else (``#3 ana``, ``#3 · ana``, ``ana #3``)."""
    return sk in (("#", "N", "W"), ("W", "#", "N")) or (
        len(sk) == 4 and sk[:2] == ("#", "N") and sk[2] in STRUCTURAL and sk[3] == "W"
    )


def _answers_phrase(sk: tuple[str, ...]) -> bool:
    """Does the skeleton say whom the post answers (``in reply to W``,
    ``reply to W``, ``replying to @W``)?"""
    return any(
        sk[j] in ("reply", "replying") and sk[j + 1] == "to"
        and (sk[j + 2] == "W" or (sk[j + 2] == "@" and j + 3 < len(sk) and sk[j + 3] == "W"))
        for j in range(len(sk) - 2)
    )


_SCORE_WORDS = frozenset({"points", "point", "votes", "karma", "likes", "score", "reputation", "rep"})


def _counted_score(sk: tuple[str, ...]) -> bool:
    """Does the skeleton hold a count next to a score word (``6 points``,
    ``score 12``)?"""
    return any(
        tok == "N" and ((j + 1 < len(sk) and sk[j + 1] in _SCORE_WORDS) or (j and sk[j - 1] in _SCORE_WORDS))
        for j, tok in enumerate(sk)
    )


_WORD = re.compile(r"[^\W_][\w.\-]*\w|[^\W_]")


class _Counts:
    """Evidence that a value is a name people use: how often it fills a slot
    of any shaped line, and how often a word appears anywhere in the dump.
    Each count is taken on first use: most dumps have no template that asks."""

    def __init__(self, text: str, shapes: _LineShapes) -> None:
        self._text, self._shapes = text, shapes
        self._slots: Optional[Counter] = None
        self._words: Optional[Counter] = None

    def slot(self, value: str) -> int:
        """Slots (of any template) holding ``value``, case-folded."""
        if self._slots is None:
            text = self._text
            self._slots = Counter(text[a:b].strip().casefold() for a, b in self._shapes.slot_spans())
        return self._slots[value]

    def word(self, word: str) -> int:
        """Occurrences of ``word`` (case-folded) in the whole dump."""
        if self._words is None:
            self._words = _word_counter(self._text)
        return self._words[word]


# Characters of text counted at a time by _word_counter: a list of every word
# of a whole dump costs ~14 bytes per input byte; a chunk's list is bounded.
_COUNT_CHUNK = 1 << 16
# Distinct whitespace-separated pieces _word_counter holds before it turns
# them into word counts (bounds its memory on text that never repeats).
_COUNT_PIECES = 100_000


def _word_counter(text: str) -> Counter:
    """``Counter(_WORD.findall(text.casefold()))``, computed without a list of
    every word. Chunks end just after a line break, and ``str.casefold`` folds
    each character on its own, so chunk by chunk gives the same words. Within
    a chunk the whitespace-separated pieces are counted first and each
    distinct piece is tokenised once: no word holds whitespace, so the words
    of the text are the words of its pieces, and dumps repeat pieces (about
    45 words per distinct piece on the mixed benchmark dump)."""
    counts: Counter = Counter()
    pieces: Counter = Counter()
    n = len(text)
    start = 0
    while start < n:
        end = text.find("\n", start + _COUNT_CHUNK) + 1 if start + _COUNT_CHUNK < n else n
        if end <= 0:
            end = n
        pieces.update(text[start:end].casefold().split())
        start = end
        if len(pieces) > _COUNT_PIECES:
            _add_words(counts, pieces)
            pieces.clear()
    _add_words(counts, pieces)
    return counts


def _add_words(counts: Counter, pieces: Counter) -> None:
    findall = _WORD.findall
    for piece, k in pieces.items():
        for word in findall(piece):
            counts[word] += k


_JOINED = frozenset({"joined", "registered", "member"})
BUTTONS = frozenset(
    """reply quote share report top like likes unlike permalink save hide flag
    edit delete thanks multi-quote with back up""".split()
)


_LINK_NUMBER = re.compile(r"\[\d{1,5}\]")



def _buttons(text: str, ln: Line) -> bool:
    """A line of buttons only (``Top``, ``Reply With Quote``, ``Like``)."""
    line = text[ln.start : ln.end].casefold()
    if "[" in line:
        line = _LINK_NUMBER.sub(" ", line)  # "[4]Reply": a text browser's link number
    words = re.findall(r"[\w-]+", line)
    return bool(words) and len(words) <= 5 and all(w in BUTTONS for w in words)


def _neighbour(i: int, step: int, blank: list[bool], lo: int, hi: int) -> Optional[int]:
    """The next non-blank line from ``i`` in direction ``step``, over at most
    ``MAX_GAP`` blank lines, inside ``[lo, hi)``."""
    j = i + step
    gaps = 0
    while lo <= j < hi and blank[j]:
        gaps += 1
        if gaps > MAX_GAP:
            return None
        j += step
    return j if lo <= j < hi else None


# "-- " over a mail signature (a rule of underscores may instead open a header:
# a forum prints one above each post).
_SIGNATURE_RULE = re.compile(r"[ ]{0,8}--[ ]*")


def _expand(t: Template, text, lines, shapes, blank, taken) -> None:
    """Grow each anchor into a header block: the offsets at which most
    occurrences have a header-like line of the same class."""
    n = len(lines)
    anchors = t.anchors
    continued = t.continued
    blocks: list[list[int]] = [[a, continued[a]] if a in continued else [a] for a in anchors]
    for step, limit in ((-1, MAX_BEFORE), (1, MAX_AFTER + MAX_CARD_FIELDS)):
        frontier = list(anchors) if step < 0 or not continued else [continued.get(a, a) for a in anchors]
        for grown in range(limit):
            cand: list[Optional[int]] = []
            unshaped: list[Optional[int]] = []  # lines dropped only for having no shape
            for k, a in enumerate(frontier):
                lo = anchors[k - 1] + 1 if k > 0 else 0
                hi = anchors[k + 1] if k + 1 < len(anchors) else n
                j = _neighbour(a, step, blank, lo, hi) if a is not None else None
                if j is not None and step < 0 and _SIGNATURE_RULE.fullmatch(text, lines[j].start, lines[j].end):
                    # "-- " opens the last message's signature: the lines
                    # under it, up to a blank line, are that signature.
                    e = j + 1
                    while e < n and not blank[e]:
                        e += 1
                    blocks[k] = [b for b in blocks[k] if not j < b < min(e, anchors[k])]
                    j = None
                unshaped.append(None)
                if j is not None and (j in taken or shapes[j] is None or _buttons(text, lines[j])):
                    if j not in taken and shapes[j] is None and not _buttons(text, lines[j]):
                        unshaped[-1] = j  # a long line: may still be an activity line
                    j = None  # buttons end a comment; they are furniture, not header
                if j is not None and step < 0 and k > 0 and not any(not blank[x] for x in range(lo, j)):
                    # the only text after the previous anchor: that comment's
                    # body (a chat of one-line messages), not this header's
                    # (unless most headers have their name line there: below)
                    if grown == 0:
                        t.squeezed[k] = j
                    j = None
                cand.append(j)
            classes = [
                _line_class(shapes[j], text, lines[j]) if j is not None else None for j in cand
            ]
            # A line printed word for word just above the anchor in most
            # blocks ("posted a comment.") is part of the template, whatever
            # its class.
            fixed: Optional[str] = None
            if step < 0:
                same = Counter(_words_of(text, lines, j) for j in cand if j is not None)
                if same:
                    words, count = same.most_common(1)[0]
                    if words and count >= max(2, 0.6 * len(anchors)):
                        fixed = words
                        if grown == 0:
                            t.fixed_above = next(j for j in cand if j is not None and _words_of(text, lines, j) == words)
                        if (
                            cand[0] is not None
                            and all(j is None or _words_of(text, lines, j) == fixed for j in cand[1:])
                            and not set(_words_of(text, lines, cand[0]).split()) & set(fixed.split())
                            and not _names_in_a_row(text, lines, cand)
                        ):
                            # every later header has this same line above it
                            # (buttons closing the comment before) and the
                            # first has other words there: page furniture
                            # above the first comment, no header field
                            cand[0] = None
                            classes[0] = None
            # A field under the same label in most blocks ("- Post Title:
            # ..."), whatever its value, is one of the header's.
            label: Optional[str] = None
            labels = Counter(_field_label(text, lines[j]) for j in cand if j is not None)
            labels.pop(None, None)
            if labels:
                top, count = labels.most_common(1)[0]
                if count >= max(2, 0.6 * len(anchors)):
                    label = top
            # Below the anchor comes the comment: only counts, dates and
            # labelled fields ("#21", "12 points", "Posts: 6") join the header.
            allowed = ("num", "T", "kv") if step > 0 else ("num", "T", "kv", "name", "short")
            counted = Counter(c for c in classes if c in allowed)
            best, votes = counted.most_common(1)[0] if counted else (None, 0)
            if votes < max(2, 0.6 * len(anchors)):
                best = None
            if step > 0 and grown >= MAX_AFTER and best != "kv" and label is None:
                break  # past the usual header, only a user card's "Label: value" fields
            if best is None and fixed is None and label is None and step < 0:
                above = _action_rows(cand, blocks, text, lines, shapes, blank, taken, anchors, unshaped)
                if above is not None:
                    frontier = above
                    continue
            # A rank under the name ("Moderator", "Regular", "Pro Class"): a
            # short line whose few values are shared by several authors.
            ranks: Optional[set] = None
            framed: Optional[tuple] = None
            if best is None and fixed is None and label is None and step > 0:
                ranks = _rank_values(cand, classes, text, lines, len(anchors))
                # a line with a fixed word around the name ("Cyan's avatar")
                # in most blocks belongs to the header, below it too
                # (or with buttons: "Cyan's avatar  Top | Thanks")
                affixed = Counter(
                    shapes[j].skeleton for j in cand
                    if j is not None and shapes[j] is not None and (
                        any(x[:1] == "~" for x in shapes[j].skeleton)
                        or ("W" in shapes[j].skeleton and sum(1 for x in shapes[j].skeleton if x in BUTTONS) >= 2)
                    )
                )
                if affixed:
                    top_sk, count = affixed.most_common(1)[0]
                    if count >= max(2, 0.6 * len(anchors)):
                        framed = top_sk
            echoes: Optional[set] = None
            if best is None and fixed is None and label is None and ranks is None and framed is None and step > 0:
                # the poster's name printed again under the header, alone on
                # its line (a user card: "Post by Cyan" / <date> / "Cyan" /
                # "Messages: 3475"), in most blocks
                echoes = {
                    k for k, j in enumerate(cand)
                    if j is not None and shapes[j] is not None and shapes[j].skeleton == ("W",)
                    and _words_of(text, lines, j) in _slot_words(text, blocks[k], shapes)
                }
                if len(echoes) < max(2, 0.6 * len(anchors)):
                    echoes = None
            if best is None and fixed is None and label is None and ranks is None and framed is None and echoes is None:
                break
            nxt: list[Optional[int]] = []
            for k, (j, c) in enumerate(zip(cand, classes)):
                if j is not None and (
                    c == best
                    or (fixed is not None and _words_of(text, lines, j) == fixed)
                    or (label is not None and _field_label(text, lines[j]) == label)
                    or (ranks is not None and _words_of(text, lines, j) in ranks)
                    or (framed is not None and shapes[j] is not None and shapes[j].skeleton == framed)
                    or (echoes is not None and k in echoes)
                ):
                    if ranks is not None:
                        t.rank_lines.add(j)
                    blocks[k].append(j)
                    nxt.append(j)
                else:
                    nxt.append(None)
            frontier = nxt
    _card_fields_below(blocks, text, lines, blank, taken, anchors)
    _mail_fields_below(blocks, text, lines, blank, taken, anchors)
    t.blocks = [sorted(b) for b in blocks]


def _rank_values(cand, classes, text, lines, anchors: int) -> Optional[set]:
    """The values of a rank line below most anchors, or None: short name-like
    lines (no sentence) whose distinct values are few (at most three, or a
    third of them), so that they are shared by several comments' authors."""
    values = [
        _words_of(text, lines, j)
        for j, c in zip(cand, classes)
        if j is not None and c in ("name", "short") and not text[lines[j].start : lines[j].end].rstrip().endswith(":")
    ]  # ("anonymous45:" over a quote opens the comment: a label, no rank)
    values = [v for v in values if v]  # (a "---" rule under the header is no rank, nor votes for one)
    if len(values) < max(3, 0.6 * anchors):
        return None
    distinct = Counter(values)
    if len(distinct) > max(3, len(values) / 3) or distinct.most_common(1)[0][1] < 2:
        return None
    return {v for v, n in distinct.items() if v}


_FIELD_LABEL = re.compile(r"[ \t]*(?:[-*•][ \t]+)?([^\W\d_][^\W\d_ ]{0,20}(?:[ ][^\W\d_]{1,20}){0,2}):[ \t]+\S")


def _field_label(text: str, ln: Line) -> Optional[str]:
    """The label of a ``Label: value`` line (``- Post Title: ...``), case-folded."""
    if ln.end - ln.start > MAX_HEADER_LINE:
        return None
    m = _FIELD_LABEL.match(text, ln.start, ln.end)
    return m.group(1).casefold() if m is not None else None


def _card_fields_below(blocks, text, lines, blank, taken, anchors) -> None:
    """A user card prints its fields only when set ("Location:" for some
    users): the blocks grew in step, so a block whose card has an extra field
    stopped short. A ``Label: value`` line right below a block, whose label
    is one the template's blocks already hold, is the rest of its header."""
    known = {
        lab for b in blocks for j in b[1:] for lab in (_field_label(text, lines[j]),) if lab is not None
    }
    if not known:
        return
    n = len(lines)
    for k, block in enumerate(blocks):
        hi = anchors[k + 1] if k + 1 < len(anchors) else n
        j = max(block) + 1
        added = 0
        while j < hi and added < MAX_CARD_FIELDS and not blank[j] and j not in taken:
            if _field_label(text, lines[j]) not in known:
                break
            block.append(j)
            added += 1
            j += 1


def _mail_fields_below(blocks, text, lines, blank, taken, anchors) -> None:
    """A header line over a block of mail fields (``Subject:``, ``To:``,
    ``Date:``, as a mail client shows a message under its sender line): in
    most blocks, the fields that follow without a blank line join the header."""
    n = len(lines)
    found: list[list[int]] = []
    for k, block in enumerate(blocks):
        hi = anchors[k + 1] if k + 1 < len(anchors) else n
        run: list[int] = []
        j = max(block) + 1
        while j < hi and not blank[j] and j not in taken and len(run) < 12:
            ln = lines[j]
            prefix = _NEST_PREFIX.match(text, ln.start, ln.end)
            if not _MAIL_FIELD.match(text, prefix.end() if prefix else ln.start, ln.end):
                break
            run.append(j)
            j += 1
        found.append(run)
    if sum(1 for run in found if run) >= max(2, 0.6 * len(blocks)):
        for block, run in zip(blocks, found):
            block.extend(run)


# An activity line: a verb phrase whose subject is the name line above it
# (" posted a comment.", "Staff  closed the report."): a lowercase word opens
# it, or opens its last column.
_ACTION = re.compile(r"(?:[^\n]*?(?:[ ]{2}|\t))?[ \t]*[a-z][a-z'’\-]+[ ][^\n]{0,80}")


def _action_rows(cand, blocks, text, lines, shapes, blank, taken, anchors, unshaped=None) -> Optional[list]:
    """Above the anchor, in most blocks, an activity line under a name line
    (a timeline: ``alice`` / `` posted a comment.`` / ``Mar 4th``): both join
    the header, so the name line can give the author. A comment's last line
    over a one-line header is not this: the line above it is text, not a
    short name. Returns the name lines (the next frontier), or ``None``.

    ``unshaped`` holds, per block, a line too long to have a header shape
    (``closed the report and changed the status to Resolved.``): once most
    blocks show the pattern with shaped lines, it completes the blocks that
    lack one."""
    pairs = _action_pairs(cand, text, lines, shapes, blank, taken, anchors)
    if sum(1 for p in pairs if p is not None) < max(2, 0.6 * len(anchors)):
        return None
    if unshaped is not None:
        fill = _action_pairs(
            [u if p is None else None for p, u in zip(pairs, unshaped)], text, lines, shapes, blank, taken, anchors
        )
        cand = [u if f is not None else j for j, u, f in zip(cand, unshaped, fill)]
        pairs = [p if p is not None else f for p, f in zip(pairs, fill)]
    for k, above in enumerate(pairs):
        if above is not None:
            blocks[k].extend([cand[k], above])
    return pairs


def _action_pairs(cand, text, lines, shapes, blank, taken, anchors) -> list:
    """Per block, the name line above its candidate activity line, or None."""
    pairs: list[Optional[int]] = []
    for k, j in enumerate(cand):
        above = None
        if j is not None and len(_WORD.findall(text, lines[j].start, lines[j].end)) <= 10:
            if _ACTION.fullmatch(text, lines[j].start, lines[j].end) and not _SENTENCE.search(
                text[lines[j].start : lines[j].end].rstrip()[:-1]
            ):
                lo = anchors[k - 1] + 1 if k > 0 else 0
                above = _neighbour(j, -1, blank, lo, j)
                if above is not None and (
                    above in taken or shapes[above] is None
                    or _line_class(shapes[above], text, lines[above]) != "name"
                ):
                    above = None
        pairs.append(above)
    return pairs


# A mark before a name that says whom the comment answers ("@bob", "> bob",
# "› bob", "→ bob").
_ANSWERS = frozenset(("@", ">", "›", "→", "▸", "►"))


def _slot_words(text: str, block: list[int], shapes) -> set[str]:
    """The words of each slot of a block's lines, as :func:`_words_of` reads a line."""
    out = set()
    for j in block:
        sh = shapes[j]
        if sh is not None:
            out.update(" ".join(_WORD.findall(text, a, b)).casefold() for a, b in sh.slots)
    return out


def _line_start(ln: Line) -> int:
    return ln.start


def _fixed_line_headers(t: Template, text, lines, shapes, blank, taken) -> None:
    """Where most headers open with the same line (``Re: <subject>`` over
    ``ana replying to @bo:``), that line opens a header wherever it stands:
    under the ones the template missed is a short line that names the
    poster in another shape (``bo:`` on a post that answers nobody). Found
    with ``str.find`` on the line's text, so it costs nothing elsewhere."""
    i = t.fixed_above
    t.fixed_above = None
    if i is None or t.depths or t.author_slot is None or t.author_slot[0] != 0:
        return
    line = text[lines[i].start : lines[i].end]
    if len(line.strip()) < 3 or _buttons(text, lines[i]) or _button_row(" ".join(line.split()).casefold()):
        return  # ("Reply With Quote  Back to top": the post above ends there, no header opens)
    held = {j for b in t.blocks for j in b}
    found: list[tuple[int, int]] = []
    pos = text.find(line)
    while pos != -1 and len(found) <= len(t.anchors):
        k = bisect_left(lines, pos, key=_line_start)
        if k < len(lines) and lines[k].start == pos and lines[k].end - pos == len(line) and k not in held:
            j = _neighbour(k, 1, blank, 0, len(lines))
            sh = shapes[j] if j is not None else None
            after = _neighbour(j, 1, blank, 0, len(lines)) if j is not None else None
            if (
                j is not None and j not in held and j not in taken and sh is not None
                and sh.words <= 4 and sh.slots and _name_like(text[sh.slots[0][0] : sh.slots[0][1]].strip())
                and sh.skeleton[0] == "W"
                # (a name over a dated line is another template's header)
                and not (after is not None and shapes[after] is not None and "T" in shapes[after].skeleton)
            ):
                found.append((k, j))
        pos = text.find(line, pos + 1)
    if not found or len(found) > len(t.anchors):
        return
    s = t.author_slot[1]
    pairs = sorted(list(zip(t.anchors, t.blocks)) + [(j, [k, j]) for k, j in found if s < len(shapes[j].slots)])
    t.anchors = [a for a, _ in pairs]
    t.blocks = [b for _, b in pairs]


def _name_line_between(t: Template, text, lines, shapes) -> None:
    """A template whose author is on the line above its anchor, in most
    blocks, takes that line into the few blocks that left it out because it
    was the only text since the anchor before: two headers back to back, the
    post between them has no body (deleted, or lost in the capture), and the
    line is the next header's name, not that post's text."""
    squeezed, t.squeezed = t.squeezed, {}
    if not squeezed or t.author_slot is None or t.author_slot[0] != -1 or len(squeezed) * 5 > len(t.anchors):
        return
    above = sum(1 for a, b in zip(t.anchors, t.blocks) if b.index(a) >= 1)
    if above * 5 < 4 * (len(t.anchors) - len(squeezed)):
        return
    for k, j in squeezed.items():
        b = t.blocks[k]
        if b.index(t.anchors[k]) == 0 and _line_class(shapes[j], text, lines[j]) == "name":
            t.blocks[k] = [j] + b


def _choose_author(t: Template, text, lines, shapes, counts: "_Counts") -> None:
    """Pick the slot (offset from the anchor, slot index) that holds the author.

    Lines taken for a rank below the date are never the author, unless no
    other slot names one: among few writers (three people in six posts) the
    name line under the date looks like a rank too, and the line nearest
    the date with the most different values is then the author."""
    _choose_author_among(t, text, lines, shapes, counts, skip_ranks=True)
    if t.author_slot is None and t.rank_lines:
        _choose_author_among(t, text, lines, shapes, counts, skip_ranks=False)
        if t.author_slot is not None and len({_block_author(t, k, text) for k in range(len(t.blocks))}) < 2:
            # one value over and over (a quote label a recapture repeats): no writers
            t.author_slot, t.author_slots, t.score = None, [], 0.0
        if t.author_slot is not None:
            offset = t.author_slot[0]
            for anchor, block in zip(t.anchors, t.blocks):
                k = block.index(anchor) + offset
                if 0 <= k < len(block):
                    t.rank_lines.discard(block[k])


_HANDLE = re.compile(r"[^\W\d_][\d_]|[\d_][^\W\d_]")
_HANDLE_AFTER = re.compile(r"[ \t]+@[^\W\d][\w.\-]{0,38}(?![\w@])")  # " @anonymous45" after a name


def _choose_author_among(t: Template, text, lines, shapes, counts: "_Counts", skip_ranks: bool) -> None:
    candidates: dict[tuple[int, int], list[str]] = defaultdict(list)
    spans: dict[tuple[int, int], list[int]] = defaultdict(list)  # slot -> where each value ends
    twice: Counter = Counter()  # slot -> blocks where its value appears twice
    emphasised: Counter = Counter()  # slot -> values printed in bold or italics ("**ana**")
    merged = t.skeleton[0] == "…"
    per_block: list[dict] = []  # slot -> value (case-folded), per block
    owners: dict[tuple[int, int], list[int]] = defaultdict(list)  # slot -> the block of each value
    answered: set = set()  # whom the headers say their posts answer ("↪ bob", "in reply to bob")
    for anchor, block in zip(t.anchors, t.blocks):
        pos = {j: k for k, j in enumerate(block)}
        base = pos[anchor]
        in_block: Counter = Counter()
        found: list[tuple[tuple[int, int], str]] = []
        for j in block:
            sh = shapes[j]
            if sh is None or sh.skeleton[:2] == ("re", ":") or (skip_ranks and j in t.rank_lines):
                continue  # ("Re: subject" names a topic, never the author; nor does a rank)
            if j != anchor and FORUM_QUOTE_LABEL.match(text, lines[j].start, lines[j].end):
                continue  # "Quote from: Ana on <date>" names whom a quote is from, not who writes
            before, after = _slot_before(sh.skeleton), _slot_after(sh.skeleton)
            before2 = _slot_before(sh.skeleton, 2)
            subject = _after_re(sh.skeleton)
            # Merged shapes share the tokens just before their date: there
            # the slots are counted back from the date (-1: the last before it).
            back = _slots_before_date(sh.skeleton) if merged and j == anchor else None
            numbered = [(s, s, span) for s, span in enumerate(sh.slots)]
            if back is not None:
                # the first field (as before merging), the fields back from
                # the date (-1, -2, ...) and on from it (_AFTER_DATE + 0, + 1, ...)
                numbered = (
                    numbered[:1]
                    + [(s - back, s, span) for s, _, span in numbered[:back]]
                    + [(_AFTER_DATE + s - back, s, span) for s, _, span in numbered[back:]]
                )
            for key, s, (a, b) in numbered:
                if s >= subject:
                    continue  # "Post subject: Re: Question on indexing": the topic, never the author
                if (
                    before[s] in _ANSWERS
                    and not (s == 0 and _handle_opens_line(text, a))
                    and not (before[s] == "@" and before2[s] == "by")
                ) or (
                    s and (before[s] == "to" or (before[s] == "*" and (before2[s] in _ANSWERS or before2[s] == "to")))
                ) or (s and _after_arrow(text, a)):
                    answered.add(text[a:b].strip().casefold())
                    continue  # "@bob", "in reply to bob", "> bob", "> *bob*", "↪ bob": whom it answers
                    # (a handle opening the line, "@kilnrat 2 years ago", is the writer's;
                    # so is one after "by": "Comment by @kilnrat on <date>")
                if after[s] == ":" and not _names_the_post(sh.skeleton, s):
                    continue  # "Subject:": a label, not a value
                if before[s] == "N" and before2[s] == "(":
                    continue  # "(14 children)": what a count counts
                if before[s] == ":" and not _label_before_slot(text, a):
                    continue  # "Location: China": a labelled field, not the author
                value = _slot_text(text[a:b].strip())
                candidates[(pos[j] - base, key)].append(value)
                owners[(pos[j] - base, key)].append(len(per_block))
                spans[(pos[j] - base, key)].append(b)
                if a > 0 and text[a - 1] in "*_" and text[b : b + 1] in ("*", "_"):
                    emphasised[(pos[j] - base, key)] += 1
                found.append(((pos[j] - base, key), value.casefold()))
                if key == s:  # (a merged anchor's first field is also counted back from the date)
                    in_block[value.casefold()] += 1
        for slot, value in found:
            if in_block[value] >= 2:
                twice[slot] += 1
        per_block.append(dict(found))
    badge_line = _badge_line_values(candidates, owners, per_block)
    block_words: Counter = Counter(
        m.group().casefold()
        for block in t.blocks
        for j in block
        for m in _WORD.finditer(text, lines[j].start, lines[j].end)
    )
    ranked: list = []
    total = len(t.anchors)
    suffixes: dict = {}
    for slot, values in candidates.items() if "T" in t.skeleton else ():
        # (in a dated template only: "Thoughts with the API", "Patch with the
        # API" in an undated list of links share words too)
        n = _shared_last_words(values)
        if n:
            # "Maria Kowalski added a comment", "Tomasz Nowak added a
            # comment": words every value ends with are the template's
            values[:] = [_without_suffix(v, n) for v in values]
            suffixes[slot] = n
    glued: dict = {}
    upper: dict = {}  # slots whose values are names printed in capitals
    for slot, values in candidates.items() if "T" in t.skeleton else ():
        lead = _glued_lead(values)
        if lead:
            # "Postby mar_gian60", "User avatartomasz88": the template's text
            # run into the name (a copy that lost a space, an avatar's alt text)
            values[:] = [v[len(lead) :].strip() for v in values]
            glued[slot] = lead
    for slot, values in candidates.items():
        if len(values) < max(2, 0.6 * total):
            continue
        # (a display name typed in lower case, "dave kolar", counts among two
        # or more other names, where the dump prints it in a field twice or
        # more: "typedef enum" opens one line of code, "work party" ends one
        # sentence printed again and again)
        proper = {v.casefold() for v in values if _name_like(v)}
        # (names in capitals, "JAMES THOMSON", where the site prints every
        # value of the slot so and a name of two words recurs: a theme's
        # capitals; a list of shouted titles has no title twice)
        shouted = all(v.isupper() for v in values) and any(
            " " in v and counts.slot(v.casefold()) >= 2 for v in values
        )
        if shouted:
            upper[slot] = True
        named = sum(
            1 for v in values
            if v.casefold() in proper
            or (len(proper) >= 2 and _lower_case_name(v) and counts.slot(v.casefold()) >= 2)
            or (shouted and _upper_case_name(v))
        ) / len(values)
        if named < 0.7:
            continue
        folded = Counter(v.casefold() for v in values)
        distinct = len(folded)
        # (a slot some blocks lack names no author there: "Ana Roe  Bo Lind •
        # <age>" counted back from the date has no second name on "Bo Lind • <age>")
        score = named * len(values) / total
        # a fixed word (a rank, the site, "With" of a "Reply With Quote" row
        # the blocks hold), unless nothing else varies: one value throughout,
        # or in nine blocks of ten where the other values are a few strays
        fixed = distinct == 1 or (len(values) >= 10 and folded.most_common(1)[0][1] * 10 >= 9 * len(values))
        if fixed and total >= 3:
            score -= 0.5
        recurring = sum(1 for v in values if counts.slot(v.casefold()) >= 2) / len(values)
        score += 0.5 * recurring
        # Named outside the headers too (an attribution, a mention, a greeting).
        first_words = [v.split()[0].casefold() for v in values if v.split()]
        elsewhere = sum(
            1 for v in first_words if counts.word(v) > block_words[v]
        ) / max(1, len(first_words))
        score += 0.5 * elsewhere
        score += 0.5 * twice[slot] / total  # the avatar's alt text and the name
        # Handles (a digit or "_" inside the word: "anonymous457293",
        # "ana_k"): user names; a rank, a badge or a label is a word.
        score += 0.25 * sum(1 for v in values if _HANDLE.search(v)) / len(values)
        if answered:
            # people the headers say are answered ("↪ Anonymous 45"): a
            # slot of the same values names people, a rank never does
            score += 0.5 * sum(1 for v in values if v.casefold() in answered) / len(values)
        labelled = _label_before(t, slot, text, shapes)
        if labelled:
            score += 1.0
        if emphasised[slot] >= 0.8 * len(values):
            score += 1.0  # the header prints this field in bold: the site's own mark for its author
        varies = (distinct > 1 and not fixed) or total < 2
        # A handle printed after the value ("Anonymous 45 @anonymous45"):
        # the value is a person's display name, one person's in every block.
        handled = sum(1 for j in spans[slot] if _HANDLE_AFTER.match(text, j)) >= 0.8 * len(values)
        if not varies and not labelled and not handled and elsewhere < 0.5:
            continue  # the same value in every block, and nothing says it is a name
        ranked.append((varies, score, slot, distinct))
    # The slot with more different values is likelier the author than one
    # whose values follow the author (a rank, a badge: fewer of them).
    most = max((r[3] for r in ranked), default=1)
    keys = _determining(per_block, [r[2] for r in ranked if r[0]])
    ranked = [
        (varies, score + 0.5 * distinct / most + (0.5 if slot in keys else 0.0), slot)
        for varies, score, slot, distinct in ranked
    ]
    ranked = [r for r in ranked if r[1] > 0]
    # A slot that varies beats one that never does (a subject line, the site
    # name) whatever their scores. On a tie, a merged shape's first field
    # beats the one counted back from the date: where two names share a line
    # ("Bo Lindqvist  Ines Varga • 2 years ago" among "Ines Varga • …"),
    # the one read first is the writer, the one before the date whom it answers.
    ranked.sort(key=lambda x: (-x[0], -x[1], abs(x[2][0]), x[2][1] < 0, x[2]))
    _writer_first(ranked, t.skeleton)
    t.author_slots = [slot for _, _, slot in ranked]
    t.author_slot = t.author_slots[0] if ranked else None
    t.score = ranked[0][1] if ranked else 0.0
    if t.author_slot is not None:
        t.author_suffix = suffixes.get(t.author_slot, 0)
        t.author_prefix = _shared_first_word(candidates[t.author_slot], counts, block_words)
        t.author_lead = glued.get(t.author_slot, "")
        t.author_upper = upper.get(t.author_slot, False)
        t.author_badges = _badges(candidates, t.author_slot)
        t.badge_line = badge_line.get(t.author_slot, "")


def _writer_first(ranked: list, skeleton: tuple[str, ...]) -> None:
    """Two names side by side on the anchor line, nothing between them
    (``abcd  Saha Hinley • a year ago``: Disqus prints the writer, then whom
    the reply answers): the first is the writer, whatever the scores of a
    few blocks say. The slot ranked first moves behind the one just before
    it when that one varies too. (A merged shape counts its slots back
    from the date: there the tie-break above already reads the first.)"""
    if len(ranked) < 2 or skeleton[:1] == ("…",):
        return
    varies, _, (off, k) = ranked[0]
    if off != 0 or k < 1 or not varies:
        return
    words = [x for x, tok in enumerate(skeleton) if tok == "W"]
    if k >= len(words) or words[k] != words[k - 1] + 1:
        return
    for r, (v, _, slot) in enumerate(ranked[1:], 1):
        if slot == (0, k - 1) and v:
            ranked.insert(0, ranked.pop(r))
            return


def _is_badge(value: str) -> bool:
    """A badge printed on a line of its own: ``OP``, ``MOD`` (a word in
    upper case of two to five letters)."""
    return 2 <= len(value) <= 5 and value.isalpha() and value.isupper()


def _badge_value(text: str, ln: Line) -> Optional[str]:
    """The text of a line holding one badge (:func:`_is_badge`), or ``None``."""
    if ln.end - ln.start > 12:
        return None
    body = text[ln.start : ln.end].strip()
    return body if _is_badge(body) else None


def _badge_tops(t: Template, text, lines, shapes, blank, taken) -> None:
    """Headers whose badge line (``OP``) stands under the name in some
    blocks grow up to the badge and stop there in those blocks (fewer of
    them print it than the share a header line needs): where two blocks or
    more open with the same badge, the name-like line right above each such
    badge (no blank line between) joins its block."""
    tops = Counter(_badge_value(text, lines[b[0]]) for b in t.blocks)
    tops.pop(None, None)
    if not tops or max(tops.values()) < 2:
        return
    anchors = set(t.anchors)
    for k, block in enumerate(t.blocks):
        j = block[0] - 1
        if j < 0 or tops.get(_badge_value(text, lines[block[0]]) or "", 0) < 2:
            continue
        if blank[j] or j in taken or j in anchors or (k and j <= t.blocks[k - 1][-1]):
            continue
        sh = shapes[j]
        if sh is not None and sh.skeleton == ("W",) and _name_like(text[lines[j].start : lines[j].end].strip()):
            block.insert(0, j)


def _badge_line_values(candidates: dict, owners: dict, per_block: list[dict]) -> dict:
    """A badge alone on its line under the name in some headers (``Ana
    Roe`` / ``OP`` / ``Acme (S23)`` / ``5 months ago``) shifts the name one
    line up there: counted back from the date, the name's slot holds the
    badge in those blocks and the name in the others. A badge
    (:func:`_is_badge`) printed in two blocks or more of a slot whose
    other values differ is such a badge: in its blocks the value of the
    slot above stands in for it. Returns slot -> the badge (case-folded)."""
    found: dict = {}
    for slot, values in list(candidates.items()):
        offset, key = slot
        above = (offset - 1, key)
        if key != 0 or len(values) < 3:
            continue
        counts = Counter(values)
        badge, n = counts.most_common(1)[0]
        if n < 2 or len(counts) < 3 or not _is_badge(badge):
            continue
        if counts.most_common(2)[1][1] > n:
            continue
        lifted = [per_block[k].get(above) for k, v in zip(owners[slot], values) if v == badge]
        if any(v is None for v in lifted):
            continue  # some badge has no line above it in the header
        originals = {v.casefold(): v for v in candidates.get(above, [])}
        candidates[slot] = [
            originals.get(per_block[k][above], per_block[k][above]) if v == badge else v
            for k, v in zip(owners[slot], values)
        ]
        found[slot] = badge.casefold()
    return found


def _shared_last_words(values: list[str]) -> int:
    """How many words (one to four, letters only) every one of three or more
    values ends with, each value holding more words than that; 0 when none."""
    if len(values) < 3:
        return 0
    split = [v.split() for v in values]
    shortest = min(len(p) for p in split)
    n = 0
    while n < min(4, shortest - 1):
        word = split[0][-1 - n].casefold()
        if not word.isalpha() or any(p[-1 - n].casefold() != word for p in split):
            break
        n += 1
    if n and len({" ".join(p[: len(p) - n]).casefold() for p in split}) < 2:
        return 0  # one value throughout: the whole field is fixed text
    return n


def _badges(candidates: dict, slot: tuple[int, int]) -> frozenset:
    """Last words (case-folded, letters only, at most six) that author values
    end with where the headers also print the rest alone, in another field of
    the author's line: ``Nick Mavrakis Mod`` beside ``Camilo  Nick Mavrakis •
    <age>``. A badge printed after the name, not part of it. (A line above,
    a sign-off ``Ingo`` over ``Ingo Molnar``, says nothing; nor does a
    handle, ``Pia Lund @pia``.)"""
    known = {
        v.casefold() for other, values in candidates.items() if other != slot and other[0] == slot[0] for v in values
    }
    out = set()
    for v in candidates[slot]:
        parts = v.split()
        last = parts[-1]
        if len(parts) >= 2 and last.isalpha() and len(last) <= 6 and " ".join(parts[:-1]).casefold() in known:
            out.add(last.casefold())
    return frozenset(out)


def _without_badge(value: str, badges: frozenset) -> str:
    """``value`` without a last word in ``badges`` (see :func:`_badges`)."""
    if badges:
        head, _, last = value.rpartition(" ")
        if head.strip() and last.casefold() in badges:
            return head.strip()
    return value


def _glued_lead(values: list[str]) -> str:
    """The text every one of three or more values opens with (letters and
    spaces, ending in a letter), when the values are no names with it and are
    names without it (``Postby brynn``, ``User avatartomasz88``); ``""``
    otherwise."""
    if len(values) < 3:
        return ""
    lead = values[0]
    for v in values[1:]:
        k = 0
        while k < min(len(lead), len(v)) and lead[k].casefold() == v[k].casefold():
            k += 1
        lead = lead[:k]
    lead = lead.rstrip()
    while lead and not lead[-1].isalpha():
        lead = lead[:-1]
    if len(lead) < 3 or not all(ch.isalpha() or ch == " " for ch in lead):
        return ""
    rests = [v[len(lead) :].strip() for v in values]
    if any(not r for r in rests) or len({r.casefold() for r in rests}) < 2:
        return ""
    named = sum(1 for v in values if _name_like(v))
    again = Counter(r.casefold() for r in rests)
    proper = {r.casefold() for r in rests if _name_like(r)}
    named_rest = sum(
        1 for r in rests
        if r.casefold() in proper or (len(proper) >= 2 and _lower_case_name(r) and again[r.casefold()] >= 2)
    )
    return lead if named < 0.7 * len(values) <= named_rest else ""


def _without_lead(value: str, lead: str) -> str:
    """``value`` without the text ``lead`` it opens with (case ignored)."""
    if lead and value[: len(lead)].casefold() == lead.casefold() and value[len(lead) :].strip():
        return value[len(lead) :].strip()
    return value


def _without_suffix(value: str, n: int) -> str:
    """``value`` without its last ``n`` words."""
    return " ".join(value.split()[:-n]) if n else value


def _shared_first_word(values: list[str], counts: "_Counts", block_words: Counter) -> frozenset:
    """Words author values open with that are no part of the name: a rank or
    a label printed in the name's field (``Regular anonymous45``, ``Regular
    anonymous105``, ``Supporter dface``). Like a rank in a field of its own,
    such a word is held by several names, and there are fewer of them than
    names; and the dump names what follows them on its own outside the headers
    (an attribution ``anonymous105:``, a mention) for most of the values. A
    shared first name fails that test. Case-folded; empty when none."""
    if len(values) < 3:
        return frozenset()
    parts = [v.split() for v in values]
    if sum(1 for p in parts if len(p) >= 2) < 0.9 * len(parts):
        return frozenset()
    framed: dict[str, set] = defaultdict(set)
    for p in parts:
        rest = " ".join(p[1:]).casefold()
        if len(p) >= 2 and any(ch.isalpha() for ch in rest) and _name_like(rest):
            framed[p[0].casefold()].add(rest)  # ("Anonymous 111": a number is no name)
    rests = set().union(*framed.values()) if framed else set()
    if len(framed) >= len(rests) or not any(len(r) >= 2 for r in framed.values()):
        return frozenset()
    confirmed = sum(
        1 for p in parts if len(p) >= 2 and counts.word(p[1].casefold()) > block_words[p[1].casefold()]
    )
    return frozenset(framed) if confirmed * 2 > len(parts) else frozenset()


def _without_prefix(value: str, prefix: frozenset) -> str:
    """``value`` without its first word when that word is in ``prefix``."""
    if prefix:
        head, _, rest = value.partition(" ")
        if head.casefold() in prefix and rest.strip():
            return rest.strip()
    return value


_AFTER_DATE = 100  # merged templates: slot keys from here count on from the date


def _determining(per_block: list[dict], slots: list) -> set:
    """Slots whose value fixes another slot's but not the other way round:
    each author has one rank, but a rank is held by several authors. A
    person's name is the key of a user card; a rank, a badge or a post
    count of theirs follows from it."""
    keys: set = set()
    for a in slots:
        for b in slots:
            if a == b:
                continue
            a_to_b: dict = {}
            b_to_a: dict = {}
            for row in per_block:
                if a in row and b in row:
                    a_to_b.setdefault(row[a], set()).add(row[b])
                    b_to_a.setdefault(row[b], set()).add(row[a])
            if len(a_to_b) >= 3 and all(len(v) == 1 for v in a_to_b.values()) and any(
                len(v) > 1 for v in b_to_a.values()
            ):
                keys.add(a)
    return keys


def _slots_before_date(skeleton: tuple[str, ...]) -> int:
    """How many ``W`` slots come before the first date of a skeleton."""
    return skeleton[: skeleton.index("T")].count("W") if "T" in skeleton else len(skeleton)


def _slot_index(sh: "_Shape", s: int, merged: bool) -> Optional[int]:
    """The index into ``sh.slots`` of template slot ``s`` (negative: counted
    back from the date, for merged templates). A merged template's slot
    that is a handle printed after the name (``Anonymous 110 @anonymous110``,
    where other lines print the name alone) gives the name's slot."""
    if s >= _AFTER_DATE and merged:
        return _slots_before_date(sh.skeleton) + s - _AFTER_DATE
    if s >= 0:
        return s
    k = _slots_before_date(sh.skeleton) + s
    if not merged or k < 0:
        return None
    return k - 1 if k >= 1 and _handle_after_name(sh.skeleton, k) else k


def _handle_after_name(skeleton: tuple[str, ...], k: int) -> bool:
    """Is the ``k``-th ``W`` of ``skeleton`` right after ``W @``?"""
    seen = -1
    for p, tok in enumerate(skeleton):
        if tok == "W":
            seen += 1
            if seen == k:
                return p >= 2 and skeleton[p - 1] == "@" and skeleton[p - 2] == "W"
    return False


def _label_before_slot(text: str, a: int) -> bool:
    """The words before the slot starting at ``a`` on its line end with an
    author label (``Username:``, ``Posted by``)."""
    before = text[text.rfind("\n", 0, a) + 1 : a].strip().rstrip(":").strip("-*# ").casefold()
    return before.endswith(tuple(AUTHOR_LABELS))


def _label_before(t: Template, slot: tuple[int, int], text, shapes) -> bool:
    """``Username: alice``: the slot follows an author label on its line."""
    offset, s = slot
    anchor, block = t.anchors[0], t.blocks[0]
    pos = block.index(anchor) + offset
    if not 0 <= pos < len(block):
        return False
    sh = shapes[block[pos]]
    k = _slot_index(sh, s, t.skeleton[0] == "…") if sh is not None else None
    if k is None or k >= len(sh.slots):
        return False
    a = sh.slots[k][0]
    before = text[text.rfind("\n", 0, a) + 1 : a].strip().rstrip(":").strip("-*# ").casefold()
    return before.endswith(tuple(AUTHOR_LABELS))


def _block_author(t: Template, k: int, text: str) -> Optional[str]:
    """The author value of block ``k`` of ``t``, case-folded (as
    :func:`_header_marks` reads it), or ``None``."""
    if t.author_slot is None:
        return None
    offset, s = t.author_slot
    block = t.blocks[k]
    pos = _lift_badge(t, block, block.index(t.anchors[k]) + offset, text)
    if not 0 <= pos < len(block) or t.shapes[block[pos]] is None:
        return None
    sh = t.shapes[block[pos]]
    idx = _slot_index(sh, s, t.skeleton[0] == "…")
    if idx is None or idx >= len(sh.slots):
        return None
    a, b = sh.slots[idx]
    value = _without_suffix(_without_lead(_slot_text(text[a:b].strip()), t.author_lead), t.author_suffix)
    return _without_badge(_without_prefix(value, t.author_prefix), t.author_badges).casefold() or None


def _lift_badge(t: Template, block: list[int], pos: int, text: str) -> int:
    """``pos``, or the line above it where the line at ``pos`` is the
    template's badge line (see :func:`_badge_line_values`)."""
    if t.badge_line and 1 <= pos < len(block):
        sh = t.shapes[block[pos]]
        if sh is not None and len(sh.slots) == 1:
            a, b = sh.slots[0]
            if text[a:b].strip().casefold() == t.badge_line:
                return pos - 1
    return pos


def _resolve(templates: list[Template], text: str, lines: list[Line]) -> list[Template]:
    """Keep the best templates whose blocks do not overlap better ones."""
    # ("By ana" alone is the weakest anchor: it gives way to a template whose
    # blocks hold it, whatever their numbers)
    templates.sort(
        key=lambda t: (-(t.author_slot is not None), t.skeleton == ("by", "W"), -len(t.anchors), -t.score, t.key)
    )
    _containers_first(templates, text)
    used: set[int] = set()
    kept: list[Template] = []
    last_of: dict[int, tuple[list[int], Optional[str]]] = {}  # last line of a kept block -> (block, author)
    first_of: dict[int, tuple[Template, int]] = {}  # first line of a kept block -> (template, block)
    for t in templates:
        gaps = _lockstep_gaps(t, last_of, first_of, used, text, lines)
        for k, b in enumerate(t.blocks):
            if k in gaps and gaps[k][0] == "above":
                # A block a few lines over a kept header naming the same
                # author: the top of that header (see _lockstep_gaps).
                _, (owner, ko), between = gaps[k]
                inner = owner.blocks[ko]
                del first_of[inner[0]]
                inner[:0] = b + between
                first_of[inner[0]] = (owner, ko)
                used.update(range(inner[0], inner[-1] + 1))
                continue
            # A block that holds a kept block whole and adds lines above it
            # (the poster's name line over the age line a kept template
            # anchors on, where that first header stood apart): the kept
            # block takes those lines.
            # Only where the lines then name the same author in both (not
            # a page banner over the first header).
            held = next((first_of[j] for j in b if j in first_of), None)
            if held is not None and t.author_slot is not None:
                owner, ko = held
                inner = owner.blocks[ko]
                pos = b.index(t.anchors[k]) + t.author_slot[0]
                if (
                    b[0] < inner[0] and set(inner) <= set(b) and 0 <= pos < len(b) and b[pos] < inner[0]
                    and not any(j in used for j in range(b[0], inner[0]))
                ):
                    # (the author's line is one of those above: a banner
                    # template reading the header's own line takes nothing)
                    extra = [j for j in b if j < inner[0]]
                    inner[:0] = extra
                    author = _block_author(t, k, text)
                    if author is not None and _block_author(owner, ko, text) == author:
                        del first_of[inner[len(extra)]]
                        first_of[inner[0]] = held
                        used.update(range(inner[0], inner[-1] + 1))
                    else:
                        del inner[: len(extra)]
            # A block that runs on from the end of a kept block, line after
            # line, and names its author again (GitHub's "alice commented on
            # DATE" over "alice" / "on DATE · edited by alice") is the rest
            # of that header: the kept block takes it.
            host, author = next((last_of[j] for j in b if j in last_of), (None, None))
            rest = [j for j in b if j not in used]
            if k in gaps and gaps[k][0] == "below":
                # (or a few lines below it: see _lockstep_gaps)
                _, host, author, between = gaps[k]
                rest = between + b
            if (
                host is not None and author and rest and t.anchors[k] in rest
                and rest[0] == host[-1] + 1 and _unbroken(rest, text, lines)
                and (
                    any(author in text[lines[j].start : lines[j].end].casefold() for j in rest)
                    or (k in gaps and t.author_slot is None)
                )
            ):
                del last_of[host[-1]]
                host.extend(rest)
                last_of[host[-1]] = (host, author)
                used.update(range(host[0], host[-1] + 1))
        keep = [k for k, b in enumerate(t.blocks) if not any(j in used for j in b)]
        # (one block left is kept when the others' anchors lie inside kept
        # headers: the line is a header's, as the first post's age line
        # where only replies print a reply line over it)
        inside = sum(1 for k, a in enumerate(t.anchors) if a in used) if len(keep) == 1 else 0
        if len(keep) < 2 and inside < 2:
            continue
        if len(keep) < len(t.anchors):
            # (per-anchor lists stay aligned with the anchors kept)
            t.anchors = [t.anchors[k] for k in keep]
            t.blocks = [t.blocks[k] for k in keep]
            for name in ("depths", "prefix_depths", "indents"):
                values = getattr(t, name)
                if values:
                    setattr(t, name, [values[k] for k in keep])
        for k, b in enumerate(t.blocks):
            used.update(range(b[0], b[-1] + 1))
            last_of[b[-1]] = (b, _block_author(t, k, text))
            first_of[b[0]] = (t, k)
        kept.append(t)
    return _banners_flagged(kept, text, lines)


_LOCKSTEP_GAP = 6  # lines allowed between two header parts of one comment


def _unbroken(rest: list[int], text: str, lines: list[Line]) -> bool:
    """Whether the sorted lines ``rest`` leave out only blank lines between
    their first and their last (a Markdown clip parts a header's lines by
    blank ones)."""
    held = set(rest)
    return all(
        j in held or not text[lines[j].start : lines[j].end].strip() for j in range(rest[0], rest[-1] + 1)
    )


def _lockstep_gaps(t: Template, last_of: dict, first_of: dict, used: set, text: str, lines: list[Line]) -> dict:
    """Blocks of ``t`` a few lines away from a kept header that names the
    same author, with only short lines between: a user card ``brynn`` /
    ``Posts: 10309`` over ``Re: subject`` / ``Quote`` / ``Postby brynn »
    <date>``. Block -> ``("below", host block, author, lines between)`` for a
    block under a kept header, ``("above", (template, block), lines between)``
    for one over it. Only when four in five of ``t``'s blocks, and two or
    more, do so: two headers of one comment in lockstep, not two messages in
    a row by one writer."""
    found: dict = {}
    # (a dated template that names no one, "05-13-2016, 02:15 PM #6" over the
    # card that names the poster, joins it on the lockstep alone)
    anonymous = t.author_slot is None and "T" in t.skeleton
    for k, b in enumerate(t.blocks):
        if any(j in used for j in b):
            continue
        for j in range(b[0] - 1, max(-1, b[0] - 2 - _LOCKSTEP_GAP), -1):
            if j in last_of:
                host, author = last_of[j]
                between = list(range(j + 1, b[0]))
                if author and _only_furniture(between, text, lines) and (
                    anonymous or any(author in text[lines[i].start : lines[i].end].casefold() for i in b)
                ):
                    found[k] = ("below", host, author, between)
                break
            if j in used:
                break
        if k in found:
            continue
        for j in range(b[-1] + 1, min(len(lines), b[-1] + 2 + _LOCKSTEP_GAP)):
            if j in first_of:
                owner, ko = first_of[j]
                author = _block_author(owner, ko, text)
                between = list(range(b[-1] + 1, j))
                if author and (not between or _only_furniture(between, text, lines)) and (
                    anonymous or any(author.casefold() in text[lines[i].start : lines[i].end].casefold() for i in b)
                ):
                    found[k] = ("above", (owner, ko), between)
                break
            if j in used:
                break
    if len(found) < 2 or len(found) * 5 < 4 * len(t.blocks):
        return {}
    if anonymous and len(found) * 2 < len(first_of):
        return {}  # (a line printed once per capture, "--- Log opened <date>", is a banner)
    return found


def _only_furniture(between: list[int], text: str, lines: list[Line]) -> bool:
    return bool(between) and all(_furniture_line(text, lines[i]) for i in between)


def _furniture_line(text: str, line: Line) -> bool:
    """A blank line, or a short one that ends no sentence (a subject line, a
    button): what may sit between two lines of one header."""
    body = text[line.start : line.end].strip()
    if "](" in body:
        body = _visible(body).strip()  # (a link's target is no text: "[![@ana](avatar)](/u/ana)")
    return not body or (len(body) <= 60 and len(body.split()) <= 8 and not body.endswith((".", "!", "?")))


def _containers_first(templates: list[Template], text: str) -> None:
    """A template whose blocks hold another's anchors in most of them (a
    name line ``**ana** — in reply to bo`` whose block runs on over the age
    line below it) is one header read from its first line: it goes before
    the template of the line it holds, which keeps only the blocks that had
    nothing over them. (The sort puts the more frequent line first: the age
    line is printed on every comment, the reply line on replies only.)"""
    for i in range(len(templates)):
        inner = templates[i]
        if inner.author_slot is None:
            continue
        anchor_of = {a: k for k, a in enumerate(inner.anchors)}
        for j in range(i + 1, len(templates)):
            outer = templates[j]
            if outer.author_slot is None or outer.banner or len(outer.blocks) < 3 or outer.score <= inner.score:
                continue
            held = [
                (k, anchor_of[a]) for k, b in enumerate(outer.blocks) for a in b[1:] if a in anchor_of
            ]
            if len(held) * 5 < 4 * len(outer.blocks):
                continue
            # Only where the two read different authors off the same header
            # (the line below names a rank, the line above the poster).
            # (an inner block that reads no author there says nothing: the
            # date line under a name line it cannot reach)
            differ = sum(
                1
                for ko, ki in held
                if (author := _block_author(inner, ki, text)) is not None and _block_author(outer, ko, text) != author
            )
            if differ * 2 > len(held):
                templates.insert(i, templates.pop(j))
                inner.demoted = True
                break


_BANNER_GAP = 3  # short furniture lines allowed between a banner and the header under it


def _banners_flagged(kept: list[Template], text: str, lines: list[Line]) -> list[Template]:
    """A template seen twice, first above every header, whose every block
    sits right above a header of a template seen four times or more (the
    first of a capture), with nothing between but a few short
    lines of furniture (``Cafe Husky`` / ``It is currently <date>`` over
    ``Home » Forums`` over ``#1 · ana``), is a page banner printed once per
    capture, not a comment header: a header owns body text. It is flagged
    ``banner``: its lines are ``meta`` chrome."""
    starts = {b[0] for t in kept if len(t.anchors) >= 4 for b in t.blocks}
    if not starts:
        return kept
    first = min(starts)  # a banner opens the page: above every header
    n = len(lines)

    def over_header(block: list[int]) -> bool:
        j, skipped = block[-1] + 1, 0
        while j < n:
            if j in starts:
                return True
            body = text[lines[j].start : lines[j].end].strip()
            if body:
                if skipped >= _BANNER_GAP or len(body) > 80 or body.endswith((".", "!", "?")):
                    return False
                skipped += 1
            j += 1
        return False

    for t in kept:
        if len(t.anchors) <= 2 and t.blocks[0][-1] < first and all(over_header(b) for b in t.blocks):
            t.banner = True
    return kept


def header_marks(text: str, lines: list[Line], taken: Optional[set[int]] = None) -> dict[int, LineMark]:
    """Induced header marks keyed by first line, in the dialect interface."""
    try:
        return _header_marks(text, lines, taken)
    finally:
        _SHAPE_CACHE.clear()  # line shapes are worth keeping within one dump only


def _footer_row(t: Template, text: str, lines: list[Line]) -> bool:
    """A template of buttons and an age with no name (``Like · Reply · 3h``)
    printed under each comment's text rather than over it: four in five of
    its lines come right after a line of text and right before a blank line
    or a short line (the next comment's name), text stands above the first
    and at most two short lines below the last. Such a row reads no author;
    its comments are the text above each row."""
    if t.author_slot is not None or "W" in t.skeleton or len(t.anchors) < 3:
        return False
    if not any(tok in UI_WORDS for tok in t.skeleton):
        return False

    def filled(i: int) -> bool:
        return 0 <= i < len(lines) and bool(text[lines[i].start : lines[i].end].strip())

    def opener(i: int) -> bool:  # a blank line, or a short line that may open the next comment (a name)
        if not filled(i):
            return True
        words = text[lines[i].start : lines[i].end].split()
        return len(words) <= 3 and not words[-1].endswith((".", "!", "?", ":", ","))

    above = sum(1 for a in t.anchors if filled(a - 1))
    below = sum(1 for a in t.anchors[:-1] if opener(a + 1))
    if above * 5 < 4 * len(t.anchors) or below * 5 < 4 * (len(t.anchors) - 1):
        return False
    first, last = t.anchors[0], t.anchors[-1]
    rest = list(itertools.islice((i for i in range(last + 1, len(lines)) if filled(i)), 3))
    short = all(len(text[lines[i].start : lines[i].end].split()) <= 4 for i in rest)
    return len(rest) <= 2 and short and any(filled(i) for i in range(first))


def _header_marks(text: str, lines: list[Line], taken: Optional[set[int]]) -> dict[int, LineMark]:
    marks: dict[int, LineMark] = {}
    for t in induce(text, lines, taken):
        if t.banner:
            for block in t.blocks:
                marks[block[0]] = LineMark(kind="chrome", lines=block[-1] - block[0] + 1, chrome_kind="meta")
            continue
        if _footer_row(t, text, lines):
            # "Like · Reply · 3h" under every comment: it closes the comment
            # above it, as a separator does; it heads nothing
            for anchor in t.anchors:
                marks[anchor] = LineMark(kind="chrome", chrome_kind="ui", fields={"separator": True})
            continue
        second = _second_names(t, text)
        made: list[dict] = []
        unnamed: dict[int, str] = {}  # block -> an author value that read as no name
        for k, (anchor, block) in enumerate(zip(t.anchors, t.blocks)):
            fields: dict[str, Any] = {"method": "induced", "template": t.key}
            if t.depths:
                fields["depth"] = t.depths[k]
                if t.prefix_depths:
                    fields["nest_prefix"] = t.prefix_depths[k]
                elif t.indents:
                    fields["nest_indent"] = t.indents[k]
            for offset, s in () if t.demoted else t.author_slots:
                pos = block.index(anchor) + offset
                if (offset, s) == t.author_slot:
                    pos = _lift_badge(t, block, pos, text)
                if not 0 <= pos < len(block):
                    continue
                sh = t.shapes[block[pos]] or _shape_at(text, lines[block[pos]])
                idx = _slot_index(sh, s, t.skeleton[0] == "…") if sh is not None else None
                if idx is not None and idx < len(sh.slots):
                    a, b = sh.slots[idx]
                    value = _slot_text(text[a:b].strip())
                    if (offset, s) == t.author_slot:
                        value = _without_lead(value, t.author_lead)
                        value = _without_prefix(_without_suffix(value, t.author_suffix), t.author_prefix)
                        value = _without_badge(value, t.author_badges)
                    if _name_like(value) or ((offset, s) == t.author_slot and (
                        _lower_case_name(value) or (t.author_upper and _upper_case_name(value))
                    )):
                        fields["author"] = value
                        break
                    if (offset, s) == t.author_slot:
                        unnamed[k] = value
            for j in block:
                sh = t.shapes[j] or _shape_at(text, lines[j])
                if sh is None:
                    continue
                if sh.times and "age" not in fields and not _JOINED.intersection(sh.skeleton):
                    # (a user card's join date is not the comment's)
                    # "Tue Mar 04, 2025 9:12 am": the date and the clock time
                    # are two matches; the age runs from the first to the last
                    # of a run of them. Two runs apart ("(2018-03-28 19:37) |
                    # posted 2 weeks ago"): the first that reads as a date.
                    fields["age"] = _age_field(text, sh.times)
                target = _reply_target(text, sh)
                if target and "reply_to_author" not in fields:
                    fields["reply_to_author"] = target
            if k in second and "reply_to_author" not in fields:
                fields["reply_to_author"] = second[k]
            if "age" in fields:
                # An absolute date tells two comments of one author apart
                # (dedup keys recaptures on author and date); ages stay text.
                posted, estimated = parse_date(fields["age"])
                if posted is not None and not estimated:
                    fields["posted_at"] = posted
            made.append(fields)
            marks[block[0]] = LineMark(kind="header", lines=block[-1] - block[0] + 1, fields=fields)
        _glued_authors(made, unnamed)
        if any("reply_to_author" in fields for fields in made) and not t.depths:
            # The site prints whom a reply answers: a header without it is top level.
            for fields in made:
                if "reply_to_author" not in fields:
                    fields["top_level"] = True
    return marks


def _glued_authors(made: list[dict], unnamed: dict[int, str]) -> None:
    """An author value that is another block's author with a widget's text
    run into it (``3 repliesMarc Alloul``, ``10 repliesStephen``: a thread
    counter the copy glued to the next header) is that author: the dump's
    own headers confirm the name, and the glue is no part of it. The run-in
    text must end in a lower-case letter or a digit right before the
    capitalised name; other values stay as read."""
    authors = Counter(f["author"] for f in made if f.get("author"))
    if not authors:
        return
    # A name that no header prints alone is confirmed when two or more
    # values run different text into it ("Comment 1Ana Roe", "Comment
    # 4Ana Roe", "DescriptionAna Roe": a tracker's comment label glued to
    # the name). The run-in text must be a word of four letters or more or
    # end in a digit ("McDonald" is no "Mc" glued to "Donald").
    leads: dict[str, set] = defaultdict(set)
    for k, fields in enumerate(made):
        value = fields.get("author") or unnamed.get(k)
        if value and authors.get(value, 0) < 2:
            for i in _glued_tails(value):
                lead = value[:i]
                if lead[-1].isdigit() or len(lead.split()[-1]) >= 4:
                    leads[value[i:]].add(lead)
    for k, fields in enumerate(made):
        value = fields.get("author") or unnamed.get(k)
        if not value or authors.get(value, 0) >= 2:
            continue
        for i in _glued_tails(value):
            tail = value[i:]
            if tail in authors or (len(leads.get(tail, ())) >= 2 and value[:i] in leads[tail] and _name_like(tail)):
                fields["author"] = tail
                break


def _glued_tails(value: str) -> list[int]:
    """Where the value's tails open that start with a capital right after a
    lower-case letter or a digit (a few per value), first to last."""
    return [
        i for i in range(1, len(value))
        if value[i].isupper() and (value[i - 1].islower() or value[i - 1].isdigit())
    ]


# An avatar's alternative text run into a name ("User avatarDelta Pythagorean",
# "User avatartomasz88"; a copy drops the space between the image and the name).
_AVATAR_GLUED = re.compile(r"(?i:user[ ]?)?avatar(?=\S)")


def _slot_text(value: str) -> str:
    """A slot's value as a name: Markdown escapes dropped, and an avatar's
    alternative text glued before it."""
    value = unescape_markdown(value)
    if "vatar" in value[:12] and _AVATAR_GLUED.match(value):
        value = _AVATAR_GLUED.sub("", value, count=1)
    return value


def _slot_before(sk: tuple[str, ...], back: int = 1) -> list[str]:
    """The skeleton token ``back`` places before each ``W`` slot ("" at the start)."""
    return [sk[k - back] if k >= back else "" for k, tok in enumerate(sk) if tok == "W"]


def _after_re(sk: tuple[str, ...]) -> int:
    """The index of the first ``W`` slot after a ``Re:`` anywhere in the
    skeleton (a subject line's topic), or a number past every slot."""
    slot = 0
    seen = False
    for k, tok in enumerate(sk):
        if tok == "W":
            if seen:
                return slot
            slot += 1
        elif tok == "re" and k + 1 < len(sk) and sk[k + 1] == ":":
            seen = True
    return 1 << 30


def _names_the_post(sk: tuple[str, ...], s: int) -> bool:
    """Is slot ``s``, followed by a colon, the last field of a dated line
    after a separator or a header word (``[#5] - » 2 Oct 2025, 13:55 -
    Score: 18 - Ana:``, ``posted 3 weeks ago - by Ana:``)? Then the colon
    introduces the post, as ``Ana said:`` would: the name is the writer's,
    not a label's."""
    if "T" not in sk:
        return False
    k = [j for j, tok in enumerate(sk) if tok == "W"][s]
    return sk[k + 1 :] == (":",) and k > 0 and (sk[k - 1] in STRUCTURAL or sk[k - 1] in KEYWORDS) and sk[k - 1] != ":"


def _slot_after(sk: tuple[str, ...]) -> list[str]:
    """The skeleton token just after each ``W`` slot ("" at the end)."""
    return [sk[k + 1] if k + 1 < len(sk) else "" for k, tok in enumerate(sk) if tok == "W"]


_BETWEEN_TIMES = re.compile(r"[\s,]*(?:at|um|à|,)?[\s,]*", re.I)


def _age_field(text: str, times) -> str:
    """The date a header line prints: its time matches grouped into runs
    (matches apart only by spaces, a comma or "at"), the first run that reads
    as an absolute date, else the first run."""
    runs: list[tuple[int, int]] = []
    for a, b in times:
        if runs and _BETWEEN_TIMES.fullmatch(text, runs[-1][1], a):
            runs[-1] = (runs[-1][0], b)
        else:
            runs.append((a, b))
    if len(runs) > 1:
        for a, b in runs:
            posted, estimated = parse_date(text[a:b])
            if posted is not None and not estimated:
                return text[a:b]
    return text[runs[0][0] : runs[0][1]]


def _handle_opens_line(text: str, a: int) -> bool:
    """The slot starting at ``a`` is a handle that opens its line (``@kilnrat
    2 years ago``): the writer's, not whom it answers (``↳ @bob``)."""
    if a < 1 or text[a - 1] != "@":
        return False
    return not text[text.rfind("\n", 0, a - 1) + 1 : a - 1].strip()


def _after_arrow(text: str, a: int) -> bool:
    """Whether a reply arrow (``↪ ana``) stands just before offset ``a``."""
    return text[max(0, a - 3) : a].rstrip()[-1:] in _ARROW_CHARS_SET


def _second_names(t: Template, text: str) -> dict[int, str]:
    """Block -> whom it answers, for a merged template whose author is the
    line's first field and whose lines print, on replies, a second name
    right before the date (Disqus: ``Nick Mavrakis  Camilo • a month ago``
    beside ``Camilo • a month ago``). Only names the template's own headers
    print as authors: the dump confirms the person."""
    if t.skeleton[0] != "…" or t.author_slot is None or t.author_slot[1] != 0:
        return {}
    authors = {a for k in range(len(t.blocks)) if (a := _block_author(t, k, text))}
    found: dict[int, str] = {}
    for k, (anchor, block) in enumerate(zip(t.anchors, t.blocks)):
        pos = block.index(anchor) + t.author_slot[0]
        if not 0 <= pos < len(block) or (sh := t.shapes[block[pos]]) is None:
            continue
        last = _slots_before_date(sh.skeleton) - 1
        if last < 1 or last >= len(sh.slots):
            continue
        a, b = sh.slots[last]
        value = _slot_text(text[a:b].strip())
        if value.casefold() in authors and value.casefold() != _block_author(t, k, text):
            found[k] = value
    return found


_REPLY_WORDS = frozenset(("reply", "replying", "replied"))  # before "to": whom a post answers


def _reply_target(text: str, sh: _Shape) -> Optional[str]:
    """``in reply to bob`` / ``replying to bob`` / ``↳ @bob``: the name a
    header says the comment answers (the slot after ``reply to`` or ``@``)."""
    sk = sh.skeleton
    slot = -1
    for k, tok in enumerate(sk):
        if tok == "W":
            slot += 1
        after_reply = tok == "to" and k >= 1 and sk[k - 1] in _REPLY_WORDS
        # "@bob", or a "> bob" / "› bob" link inside the header (Disqus): the parent's author
        # ("Ana Lima @ana_l": a handle right after the name is the writer's own,
        # as is one after "by": "Comment by @ana_l on <date>"; "Assigned to
        # @ana_l" names whom an event concerns, "in reply to @ana_l" whom it answers)
        pointer = (
            tok == "@" and not (k > 0 and sk[k - 1] in ("W", "by"))
            and not (k > 1 and sk[k - 1] == "to" and sk[k - 2] not in _REPLY_WORDS)
            and not (k == 0 and slot + 1 < len(sh.slots) and _handle_opens_line(text, sh.slots[slot + 1][0]))
        ) or (tok in _ANSWERS and tok != "@" and k > 0)
        nxt = k + 1
        while pointer and nxt < len(sk) and sk[nxt] == "*":
            nxt += 1
        if (after_reply or pointer) and nxt < len(sk) and sk[nxt] == "W":
            a, b = sh.slots[slot + 1]
            if text[max(0, a - 3) : a] == "![@":
                continue  # an avatar's alternative text, "[![@ana_k](…)](…)": the writer's own handle
            value = unescape_markdown(text[a:b].strip())
            return value if _name_like(value) else None
    # "Posted by bob — ↪ ana": a reply arrow inside the header points at the
    # parent's author (arrows opening a line are depth, read elsewhere).
    for a, b in sh.slots[1:]:
        if _after_arrow(text, a):
            value = unescape_markdown(text[a:b].strip())
            return value if _name_like(value) else None
    return None


def _shape_at(text: str, ln: Line) -> Optional[_Shape]:
    """The shape of a line behind its ``>`` prefix, if any."""
    prefix = _NEST_PREFIX.match(text, ln.start, ln.end)
    return shape_of(text, prefix.end() if prefix else ln.start, ln.end)


# A line of these only closes a block of code ("}", "});"): code, not furniture.
_CODE_PUNCTUATION = frozenset("{}();,")


_WIDGET_WORDS = frozenset("expand collapse click to show more less hide".split())
_SEPARATOR_WORD = re.compile(r"[^\w]+")  # "·", "|", "-": between buttons, no button


def _buttons_of(words: list[str]) -> list[int]:
    """The number of words of each item of a row cut at its separators."""
    items = [0]
    for w in words:
        if _SEPARATOR_WORD.fullmatch(w):
            if items[-1]:
                items.append(0)
        else:
            items[-1] += 1
    return [n for n in items if n]


def _last_lines(text: str, lines: list[Line], starts: set[int]) -> set[int]:
    """The last non-blank line before each header, and the dump's last one:
    where each comment ends."""
    out = set()
    for h in list(starts) + [len(lines)]:
        j = h - 1
        while j >= 0 and not text[lines[j].start : lines[j].end].strip():
            j -= 1
        if j >= 0:
            out.add(j)
    return out


def _button_row(key: str) -> bool:
    """Is ``key`` (a line's words, lower-cased) a row of two buttons or more
    and nothing else but separators, or a rule (``---``, ``* * *``) between
    posts?"""
    if len(key) >= 3 and not key.replace(" ", "").strip("-_*=~"):
        return True
    buttons = 0
    for w in key.split():
        if _SEPARATOR_WORD.fullmatch(w):
            continue
        w = w.strip(".…")
        if w not in BUTTONS and w not in _WIDGET_WORDS:  # ("Back to top": "to")
            return False
        buttons += w in BUTTONS
    return buttons >= 2


def recurring_chrome(
    text: str, lines: list[Line], marks: dict[int, LineMark], rows_only: bool = False
) -> dict[int, LineMark]:
    """Short lines that come back verbatim in many comments (``Top``, ``Reply
    With Quote``, ``Like``): per-comment page furniture. With ``rows_only``
    (a known site's theme, whose dialect reads the rest), only rows of two
    buttons or more (``Quote · Back to top · Thanks``)."""
    headers = sum(1 for m in marks.values() if m.kind == "header")
    if headers < 2:
        return {}
    taken = {i for k, m in marks.items() for i in range(k, k + max(1, m.lines))}
    # "anonymous105:" over the passages quoted from anonymous105: a label
    # naming one of the dump's authors, printed wherever they are quoted,
    # not furniture (one indented inside a quote box, over the quote's own
    # quote, is judged with the box's furniture)
    authors = {
        " ".join(str(m.fields["author"]).split()).casefold() + ":"
        for m in marks.values() if m.kind == "header" and m.fields.get("author")
    }
    seen: dict[str, list[int]] = defaultdict(list)
    contexts: dict[str, set[str]] = defaultdict(set)
    held: Counter = Counter()  # lines inside headers, by their words
    previous = ""
    under: Optional[int] = None  # the header line just above, if the last text was one
    single: set[str] = set()  # on a dialect's dump, one button alone on its line ("Multi-Quote")
    for i, ln in enumerate(lines):
        body = text[ln.start : ln.end].strip()
        if body and not body.startswith(">") and ln.end - ln.start <= 400 and ("](" in body or "[" in body):
            body = _visible(body)  # "- [−](https://…)": the widget, not its link
        if i in taken or not body or len(body) > 64 or body.startswith(">"):
            if body:
                previous = body
                under = i if i in taken else None
                if i in taken and len(body) <= 64:
                    held[" ".join(body.split()).casefold()] += 1
            continue
        words = body.split()
        # a row of buttons counts its buttons, not the separators between
        # them ("Report · Quote · Top · Flag"); a widget may end in an
        # ellipsis ("Click to expand...")
        short = len(words) <= 5 and len(body) <= 40
        if not short and len(words) <= 15:
            named = sum(1 for w in words if not _SEPARATOR_WORD.fullmatch(w))
            short = named <= 7 and named < len(words)
            if not short and named < len(words):
                # buttons of two or three words ("Back to top · Reply With
                # Quote · Edit · Top"): counted as buttons, not words
                items = _buttons_of(words)
                short = 2 <= len(items) <= 7 and max(items) <= 3
        if not short and len(words) <= 12 and _button_row(" ".join(words).casefold()):
            short = True  # buttons printed with no separator ("Quote Back to top Top Multi-Quote")
        plain = body.rstrip(".…") if body[-1] in ".…" and body.endswith(("...", "…")) else body
        if short and not _SENTENCE.search(plain):
            if _CODE_PUNCTUATION.issuperset(body.replace(" ", "")):
                continue  # "}", "});": the end of a block of code
            key = " ".join(words).casefold()
            if key in authors and ln.start < len(text) and text[ln.start] not in " \t":
                previous, under = body, None
                continue
            if rows_only and key not in seen and not _button_row(key) and not (
                key in BUTTONS and any(0 <= j < len(lines) and _buttons(text, lines[j]) for j in (i - 1, i + 1))
            ):
                # (only rows are asked about, so only rows are kept: a row
                # may print one button a line, "Reply" / "Like" / "Thanks";
                # one button alone is asked about too, and kept only where
                # it closes most comments, see below)
                if key not in BUTTONS:
                    continue
                single.add(key)
            seen[key].append(i)
            # A recaptured page repeats lines with their neighbours; furniture
            # recurs after different text each time. (The text before a row
            # of widgets, "- [−]" under "-", is the comment's, not the row's.)
            # (a button under a header has that header for context: the
            # header's last row may be fixed, "Back to top" over "Flag")
            lone = under is not None and (key in BUTTONS or _button_row(key))
            contexts[key].add(f"\x00{under}" if lone else previous)
            continue
        previous = body
        under = None
    out: dict[int, LineMark] = {}
    need = max(3, int(0.3 * headers))
    furniture: list[list[int]] = []
    # On a dialect's dump, one button alone on its line is furniture only
    # where it closes half the comments or more, nine times in ten right
    # before the next header (a reply "Thanks" now and then does not).
    ends = _last_lines(text, lines, {k for k, m in marks.items() if m.kind == "header"}) if single else set()
    for key, where in seen.items():
        if key in single and (
            len(where) * 2 < headers or sum(1 for i in where if i in ends) * 10 < 9 * len(where)
        ):
            continue
        # a widget every quote box prints ("Expand", "Click to expand...")
        # recurs with the quotes, not with the comments
        widget = all(w.strip(".…") in BUTTONS or w.strip(".…") in _WIDGET_WORDS for w in key.split())
        if len(contexts[key]) >= (3 if widget else need) and (widget or len(where) <= 3 * headers):
            for i in where:
                out[i] = LineMark(kind="chrome", chrome_kind="ui")
            furniture.append(where)
        elif held[key] >= need and (_buttons_of(key.split())[1:] or _button_row(key)):
            # a row of buttons the header template took in as its fixed
            # line over each header ("Back to top · Quote" closing the post
            # before): the same row after the last post is furniture too
            for i in where:
                out[i] = LineMark(kind="chrome", chrome_kind="ui")
    # Furniture that closes every comment ("Top", "Like") stands after its
    # text, just before the next header (other furniture aside); a user card
    # line under each header ("Pro Member") recurs as often but opens it.
    before_header: set[int] = set()
    for h in (k for k, m in marks.items() if m.kind == "header"):
        j = h - 1
        while j >= 0 and (j in out or not text[lines[j].start : lines[j].end].strip()):
            before_header.add(j)
            j -= 1
    closing: list[int] = []
    for where in furniture:
        if len(where) >= headers - 1 and sum(1 for i in where[:-1] if i in before_header) >= 0.8 * (len(where) - 1):
            closing.append(where[-1])
    # After the last comment's closing furniture comes the page footer.
    last_header = max(k for k, m in marks.items() if m.kind == "header")
    if closing and max(closing) > last_header:
        for i in range(max(closing) + 1, len(lines)):
            if i not in taken and text[lines[i].start : lines[i].end].strip():
                out[i] = LineMark(kind="chrome", chrome_kind="navigation")
    return out


# Markdown a clipper leaves around a line's words: list bullets, heading
# marks, emphasis, image and link brackets, link targets; a text browser's
# link numbers ("[4]Reply" in a lynx dump).
_MARKUP = re.compile(r"\]\([^()\s]*\)|!\[|^[ \t]*(?:[-*+][ \t]+|#+[ \t]+)|" + _LINK_NUMBER.pattern + r"|[\[\]*_`]")


def _visible(line: str) -> str:
    """The words of a line as a reader saw them: ``- [66 comments]()`` is
    ``66 comments``, ``[![Avatar](a.png)](/u/x)`` is ``Avatar``."""
    return " ".join(_MARKUP.sub(" ", line).split())


def separators(text: str, lines: list[Line], marks: dict[int, LineMark]) -> dict[int, LineMark]:
    """In a dump with no headers, a short line that comes back after
    different text, across the whole dump (``Share on other sites`` under
    every post, ``* * *`` between them), separates the comments: it is
    furniture, and the evidence that a comment ends there. Returns chrome
    marks (``ui``) for its lines, or nothing."""
    if any(m.kind == "header" for m in marks.values()):
        return {}
    taken = {i for k, m in marks.items() for i in range(k, k + max(1, m.lines))}
    seen: dict[str, list[int]] = defaultdict(list)
    contexts: dict[str, set[str]] = defaultdict(set)
    previous = ""
    content = blocks = 0
    blank = True
    key_of: dict[str, Optional[str]] = {}
    for i, ln in enumerate(lines):
        if ln.end - ln.start > 400:
            previous, content, blocks, blank = "long", content + 1, blocks + blank, False
            continue
        body = text[ln.start : ln.end].strip()
        if not body:
            blank = True
            continue
        content += 1
        blocks += blank
        blank = False
        if i in taken:
            continue
        if len(body) <= 80:  # (short lines repeat: their keys are remembered)
            key = key_of.get(body, _UNSEEN)
            if key is _UNSEEN:
                key = key_of[body] = _separator_key(body)
        else:
            key = _separator_key(body)
        if key is None:
            continue
        if key:
            seen[key].append(i)
            contexts[key].add(previous)
        previous = body
    best: Optional[str] = None
    for key, where in seen.items():
        if len(where) < 3 or len(contexts[key]) < 3:
            continue
        if where[-1] - where[0] + 1 < COVERAGE * len(lines) or len(where) > max(3, content // 3):
            continue  # a local list, or a line that is most of the dump
        if len(where) < 0.2 * blocks:
            continue  # a line some comments hold ("[deleted]"), not one that ends each
        if best is None or len(where) > len(seen[best]):
            best = key
    if best is None:
        return {}
    out = {i: LineMark(kind="chrome", chrome_kind="ui", fields={"separator": True}) for i in seen[best]}
    out.update(_names_after_separators(text, lines, seen[best], taken))
    if any(ch.isalpha() for ch in best):
        out.update(_footer_after(text, lines, seen[best][-1], taken))
    return out


def names_opening_blocks(text: str, lines: list[Line], marks: dict[int, LineMark]) -> dict[int, LineMark]:
    """In a dump with no headers, each comment a blank-line block that opens
    with a short line naming its writer (``Maria Kowalski`` over her text, as
    a copied comment section prints it when the copy lost the rest of the
    header), that line is the comment's header and its author the name. The
    name line may be a block of its own, over the block it heads.

    Needs three such blocks or more, four comments in five opening so, two
    names or more, most of the lines holding a name printed at least twice,
    and names that cannot be a word of prose: two or three words, or a
    handle (a digit or ``_`` in it). ``Thanks`` over a paragraph is no
    header."""
    if any(m.kind == "header" for m in marks.values()):
        return {}
    taken = {i for k, m in marks.items() for i in range(k, k + max(1, m.lines))}
    blocks: list[list[int]] = []
    run: list[int] = []
    for i, ln in enumerate(lines):
        if i in taken or not text[ln.start : ln.end].strip():
            if run:
                blocks.append(run)
                run = []
            continue
        run.append(i)
    if run:
        blocks.append(run)
    if len(blocks) < 3:
        return {}
    found: list[tuple[int, str]] = []
    comments = 0
    k = 0
    while k < len(blocks):
        block = blocks[k]
        j = block[0]
        value = text[lines[j].start : lines[j].end].strip()
        named = _opening_name(value)
        alone = len(block) == 1
        if named and alone and k + 1 < len(blocks) and not _opening_name(
            text[lines[blocks[k + 1][0]].start : lines[blocks[k + 1][0]].end].strip()
        ):
            found.append((j, value))
            k += 2  # the name's own block, then the text it heads
        else:
            if named and not alone:
                found.append((j, value))
            k += 1
        comments += 1
    counts = Counter(v.casefold() for _, v in found)
    recurring = sum(c for c in counts.values() if c >= 2)
    if len(found) < 3 or len(found) * 5 < 4 * comments or len(counts) < 2 or recurring * 2 < len(found):
        return {}
    return {
        j: LineMark(kind="header", fields={"method": "induced", "template": "W", "author": value})
        for j, value in found
    }


def _opening_name(value: str) -> bool:
    """A line that can open a comment as its writer's name (see
    :func:`names_opening_blocks`)."""
    return 1 <= len(value.split()) <= 3 and _name_like(value) and _not_a_word(value)


def _not_a_word(value: str) -> bool:
    """A name no word of prose could be: two words or more, or a handle (a
    digit or ``_`` inside: ``tomasz88``, ``maria_k``)."""
    return len(value.split()) >= 2 or _HANDLE.search(value) is not None


_FOOTER_ITEM = re.compile(r"[ \t]*(?:#{1,6}[ \t]|[•·*+\-][ \t]|\d[\d,.]*[ \t]*\Z)")


def _footer_after(text: str, lines: list[Line], last: int, taken: set) -> dict[int, LineMark]:
    """The page footer under the last of a row of buttons that closes every
    comment (``Share on other sites`` under each post): what follows the last
    one is no comment (each comment ends with the row) when it reads as page
    furniture: three lines or more, three in five of them headings, list
    items, bare numbers or a few words (``## Create an account``, ``• Total
    Posts``, ``2984411``). A last comment whose row a capture cut off is
    sentences, and stays."""
    rest = [
        i for i in range(last + 1, len(lines))
        if i not in taken and text[lines[i].start : lines[i].end].strip()
    ]
    if len(rest) < 3:
        return {}
    furniture = 0
    for i in rest:
        body = text[lines[i].start : lines[i].end]
        if _FOOTER_ITEM.match(body) or len(body.split()) <= 4:
            furniture += 1
    if furniture * 5 < 3 * len(rest):
        return {}
    return {i: LineMark(kind="chrome", chrome_kind="navigation") for i in rest}


def _names_after_separators(text: str, lines: list[Line], where: list[int], taken: set) -> dict[int, LineMark]:
    """The first line of each comment, when it is a short name line whose
    names recur (``eternity`` under the ``---`` before each post, a poster
    printed with no date): the comment's header, its author that name. Needs
    four in five comments to open so, two names or more, and most of those
    lines to hold a name printed at least twice. (The first comment's name
    line, above the first separator, is the first line that is one of
    those names.)"""
    n = len(lines)
    rows = {" ".join(text[lines[i].start : lines[i].end].split()) for i in where}
    found: list[tuple[int, str]] = []
    for i in where:
        j = i + 1
        while j < n and (
            j in taken or not text[lines[j].start : lines[j].end].strip()
            or " ".join(text[lines[j].start : lines[j].end].split()) in rows
            or not text[lines[j].start : lines[j].end].strip("-*_=~#·•. \t")
        ):
            j += 1
        if j >= n or j + 1 >= n:
            continue
        value = text[lines[j].start : lines[j].end].strip()
        if len(value.split()) <= 3 and _name_like(value):
            found.append((j, value))
    counts = Counter(v for _, v in found)
    recurring = sum(c for c in counts.values() if c >= 2)
    if len(found) < 3 or len(found) * 5 < 4 * len(where) or len(counts) < 2 or recurring * 2 < len(found):
        return {}
    first = where[0]
    names = set(counts)
    for j in range(first):
        value = text[lines[j].start : lines[j].end].strip()
        if value in names and j + 1 < n:
            found.insert(0, (j, value))
            break
    return {
        j: LineMark(kind="header", fields={"method": "induced", "template": "W", "author": value})
        for j, value in found
    }


_UNSEEN = object()


def _separator_key(body: str) -> Optional[str]:
    """What :func:`separators` counts a stripped line under: ``None`` for a
    line it passes over (code, a label, a placeholder), ``""`` for one that
    cannot separate (too long, a sentence)."""
    if body.strip("-*_=~#·•. "):
        key = _visible(body).casefold()
        if not any(ch.isalpha() for ch in key) or key.endswith(":"):
            return None  # code ("}"), or a label that introduces a quote ("Elliot:")
        if body[0] + body[-1] in ("[]", "()"):
            return None  # "[deleted]", "(image)": a placeholder for a comment's content
    else:
        key = body  # a rule: "---", "* * *"
    # (a row of buttons counts its words, not the separators between them:
    # "Reply · Quote · Edit · Top")
    if key and len(key) <= 40 and sum(1 for w in key.split() if not _SEPARATOR_WORD.fullmatch(w)) <= 6:
        if not _SENTENCE.search(key):
            return key
    return ""


_COMMENTS_LINE = re.compile(r"(?i)\s*(?:#+\s*)?(?:\d[\d,.]*\s+)?(?:comments?|replies|responses|discussion)\b[^\n]{0,40}")


def _heads_comments(text: str, ln: Line) -> bool:
    """Whether line ``ln`` heads a comment section: it names it (``N
    comments``, ``### Discussion``, a link's label read) or counts it
    (``3 thoughts on “Title”``, ``Responses (6)``: :data:`_COMMENT_COUNT`)."""
    return ln.end - ln.start <= 200 and (
        _COMMENTS_LINE.fullmatch(_visible(text[ln.start : ln.end])) is not None
        or _COMMENT_COUNT.fullmatch(text, ln.start, ln.end) is not None
    )


def front_matter(text: str, lines: list[Line]) -> dict[int, LineMark]:
    """A clipper's metadata block at the very top (YAML between ``---``
    lines, TOML between ``+++``): page furniture, one ``meta`` mark."""
    first = next((i for i, ln in enumerate(lines) if text[ln.start : ln.end].strip()), None)
    if first is None:
        return {}
    fence = text[lines[first].start : lines[first].end].strip()
    if fence not in ("---", "+++"):
        return {}
    for j in range(first + 1, min(len(lines), first + 400)):
        if text[lines[j].start : lines[j].end].strip() == fence:
            if j - first < 2:
                return {}
            return {first: LineMark(kind="chrome", lines=j - first + 1, chrome_kind="meta")}
    return {}


def leading_chrome(text: str, lines: list[Line], marks: dict[int, LineMark]) -> dict[int, LineMark]:
    """Page furniture above the first comment header: the site name, the
    title, navigation, breadcrumbs (short lines). When a ``N comments`` line
    stands between a long text and the first header, that text is the post the
    comments are about (chrome ``post``)."""
    headers = sorted(k for k, m in marks.items() if m.kind == "header")
    if len(headers) < 2 or headers[0] == 0:
        return {}
    if marks[headers[0]].fields.get("trailer"):
        return _above_a_trailer(text, lines, marks, headers[0])
    first = headers[0]
    taken = {i for k, m in marks.items() for i in range(k, k + max(1, m.lines))}
    out: dict[int, LineMark] = {}
    comments_line = None
    for i in range(first):
        if _heads_comments(text, lines[i]):
            comments_line = i
    in_text = False  # short lines after the first sentence belong to that text
    # A whole page (it opens with furniture: the site's name, navigation,
    # two lines or more)
    # prints every comment's header, so when the headers are the dump's own
    # (induced, three or more) the text between that furniture and the first
    # header is the page's: the post, a banner. A clip that opens with text
    # may have cut the first comment's header, so there the text stays.
    # A dialect's headers are evidence by themselves (not learnt from
    # recurrence): two of them make the page a whole page too.
    induced_only = all(marks[k].fields.get("method") == "induced" for k in headers)
    whole_page = len(headers) >= 3 if induced_only else len(headers) >= 2
    if whole_page and _closed_like_a_comment(text, lines, marks, first):
        # The text right above the first header ends with the row of buttons
        # the comments end with ("reply"): a comment whose header the copy
        # cut, not the post.
        whole_page = False
    for i in range(first):
        if i in taken:
            continue
        ln = lines[i]
        body = text[ln.start : ln.end].strip()
        if not body:
            continue
        if comments_line is not None:
            # The post above "N comments"; the widgets between it and the
            # first comment (sort, login, "Join the discussion…").
            out[i] = LineMark(kind="chrome", chrome_kind="post" if i < comments_line else "meta")
            continue
        sh = shape_of(text, ln.start, ln.end)
        prose = sh is None or _is_prose(text, sh, ln.start, ln.end)
        if prose and not in_text and (_menu_row(body) or MD_HEADING.match(body)):
            prose = False  # "Home Quick links Forums Members FAQ Login": a menu, not a sentence;
            # "# Offline mode is not offline": the page's title as a Markdown heading
        if prose and not in_text and len(out) < 2:
            whole_page = False  # the dump opens with text, or a title over text
        if prose:
            in_text = True
        if not in_text:
            out[i] = LineMark(kind="chrome", chrome_kind="meta")
        elif whole_page:
            out[i] = LineMark(kind="chrome", chrome_kind="post" if prose else "meta")
    return out


def _menu_row(body: str) -> bool:
    """A site's menu printed on one line: many words, nearly all of them
    capitalised labels or symbols, and no sentence end."""
    words = body.split()
    if len(words) < 6 or len(body) > 300 or body.rstrip().endswith((".", "!", "?", ",", ";", ":")):
        return False
    lower = sum(1 for w in words if w[0].islower())
    return lower * 5 <= len(words)


def _above_a_trailer(text: str, lines: list[Line], marks: dict[int, LineMark], first: int) -> dict[int, LineMark]:
    """A trailer header follows its comment's text, so the first comment has
    no line that opens it. When the site's own page meta (``Asked 2 years
    ago`` / ``Viewed 453 times``: chrome the dialect marked, not a button)
    stands above that text, the comment starts below it and the unmarked
    lines above the meta are the page's (navigation, the title: ``meta``,
    as :func:`leading_chrome` marks them). Without
    such a line the text from the dump's top stays the comment's."""
    taken = {i for k, m in marks.items() for i in range(k, k + max(1, m.lines))}
    j = first - 1
    seen_text = False  # unmarked text between the candidate and the header
    while j >= 0:
        m = marks.get(j)
        if m is None:
            if j not in taken and text[lines[j].start : lines[j].end].strip():
                seen_text = True
        elif m.kind == "chrome" and m.chrome_kind in ("meta", "navigation") and seen_text:
            break
        j -= 1
    if j < 0:
        return {}
    out: dict[int, LineMark] = {}
    for i in range(j):
        if i not in taken and text[lines[i].start : lines[i].end].strip():
            out[i] = LineMark(kind="chrome", chrome_kind="meta")
    return out


def _closed_like_a_comment(text: str, lines: list[Line], marks: dict[int, LineMark], first: int) -> bool:
    """The last line above header line ``first`` is ``ui`` chrome whose text
    closes a comment further down too (a per-comment row of buttons)."""
    j = first - 1
    while j >= 0 and not text[lines[j].start : lines[j].end].strip():
        j -= 1
    m = marks.get(j)
    if j < 0 or m is None or m.kind != "chrome" or m.chrome_kind != "ui":
        return False
    row = text[lines[j].start : lines[j].end].strip()
    return any(
        k > first and mk.kind == "chrome" and mk.chrome_kind == "ui" and text[lines[k].start : lines[k].end].strip() == row
        for k, mk in marks.items()
    )


# A line that is a link and nothing else ("[Terms](/terms)", "<https://x>").
_LINK_ONLY = re.compile(r"\s*(?:[*\-•]\s+)?(?:\[[^\]\n]{0,80}\]\([^)\n]{0,300}\)\s*)+\Z")
_FOOTER_MIN = 8  # labels a page footer needs before it is read as one
_LABEL_CHARS = 40  # a footer label ("Terms", "No one assigned", "© 2023 Site, Inc.")
_FOOTER_SOFT = 80  # a short sentence or list row between labels ("You can't do that at this time.")
_FOOTER_GAP = 2  # soft lines in a row the run may cross
_ROW = re.compile(r"\s*(?:[*\-•+]|\d{1,3}[.)])\s")


def _label_line(body: str) -> bool:
    """A line of page furniture: a link alone, a heading, or a short label
    that is not a sentence (no closing stop, few words) nor a list row."""
    if _LINK_ONLY.match(body):
        return True
    if _ROW.match(body):
        return False
    vis = _visible(body).lstrip("#> ").strip()
    if not vis or len(vis) > _LABEL_CHARS or vis.endswith((".", "!", "?", ",", ";", ":")):
        return False
    return len(vis.split()) <= 5 and (vis[0].isupper() or not vis[0].isalnum())


def trailing_chrome(text: str, lines: list[Line], marks: dict[int, LineMark]) -> dict[int, LineMark]:
    """Page furniture after the last comment: a page's footer (site links,
    an issue tracker's side panel printed below the thread, ``Terms``,
    ``Privacy``, ``© 2023 …``). Read from the dump's end back to the last
    header: labels, links alone and lines already marked continue the run;
    up to two short sentences or list rows in a row (``Attach files by
    dragging…``) are kept only when a label stands above them; anything else
    ends it. A run of at least eight labels is chrome (``navigation``); a
    shorter one is left to the comment (a sign-off, a list of names). Only
    for a dump with two headers or more: without headers there is no "after
    the last comment"."""
    headers = [k for k, m in marks.items() if m.kind == "header"]
    if len(headers) < 2:
        return {}
    last = max(k + max(1, marks[k].lines) for k in headers)
    taken = {i for k, m in marks.items() for i in range(k, k + max(1, m.lines))}
    if marks[max(headers)].fields.get("trailer"):
        below = _below_a_trailer(text, lines, marks, last, taken)
        if below:
            return below
    closed = _section_closed(text, lines, min(headers), last, taken)
    if closed:
        return closed
    run: list[int] = []  # unmarked furniture lines, bottom up
    labels = 0
    soft: list[int] = []  # short sentences or rows waiting for a label above them
    for i in range(len(lines) - 1, last - 1, -1):
        ln = lines[i]
        body = text[ln.start : min(ln.end, ln.start + 400)]
        if not body.strip():
            continue
        if i in taken:
            continue
        if _label_line(body):
            run.extend(soft)
            soft = []
            run.append(i)
            labels += 1
        elif len(soft) < _FOOTER_GAP and len(_visible(body)) <= _FOOTER_SOFT:
            soft.append(i)
        else:
            break
    if labels < _FOOTER_MIN:
        return {}
    return {i: LineMark(kind="chrome", chrome_kind="navigation") for i in run}


def _section_closed(text: str, lines: list[Line], first: int, last: int, taken: set) -> dict[int, LineMark]:
    """A page that opens its comment section with a heading that names it
    (``## 3 thoughts on “Title”``, ``### Comments``) closes the section with
    the next heading of that level or above (``# Recent Posts``): from that
    heading on, after the last header, the lines are the page's sidebars and
    footer (``navigation``)."""
    level = 0
    for i in range(first - 1, max(-1, first - COUNT_REACH - 1), -1):
        m = MD_HEADING.match(text, lines[i].start, lines[i].end)
        if m is None:
            continue
        if _heads_comments(text, lines[i]):
            level = len(m.group(1))
        break  # (the nearest heading above the first header names the section, or not)
    if not level:
        return {}
    out: dict[int, LineMark] = {}
    for i in range(last, len(lines)):
        ln = lines[i]
        if i in taken:
            continue
        if not out:
            m = MD_HEADING.match(text, ln.start, ln.end)
            if m is None or len(m.group(1)) > level or ln.end - ln.start > MAX_HEADER_LINE:
                continue
        if text[ln.start : ln.end].strip():
            out[i] = LineMark(kind="chrome", chrome_kind="navigation")
    return out


def _below_a_trailer(text: str, lines: list[Line], marks: dict[int, LineMark], last: int, taken: set) -> dict[int, LineMark]:
    """Below the last trailer header (it closes its comment) a line of the
    site's own navigation (``Not the answer you're looking for?``,
    ``Related``, ``Hot Network Questions``) opens the page's furniture:
    every unmarked line after it is chrome, and so are the short lines
    between the header and it (the answer form's labels). A longer line
    there is text a cut trailer left behind, and the dump keeps it."""
    nav = next(
        (i for i in range(last, len(lines)) if (m := marks.get(i)) is not None
         and m.kind == "chrome" and m.chrome_kind == "navigation"),
        None,
    )
    if nav is None:
        return {}
    out: dict[int, LineMark] = {}
    for i in range(last, len(lines)):
        ln = lines[i]
        if i in taken or not text[ln.start : ln.end].strip():
            continue
        if i < nav and len(_visible(text[ln.start : min(ln.end, ln.start + 400)])) > _FOOTER_SOFT:
            return {}
        out[i] = LineMark(kind="chrome", chrome_kind="navigation")
    return out


def _furniture_key(body: str) -> str:
    """How a furniture line is compared between captures: case and digits
    dropped, and a labelled line by its label (``Users browsing this
    thread: …`` lists whoever was online at each capture)."""
    key = " ".join(body.split()).casefold()
    head, colon, _ = key.partition(":")
    if colon and 0 < len(head) <= 40:
        key = head + ":"
    return key.translate(_NO_DIGITS)


_NO_DIGITS = str.maketrans("", "", "0123456789")


def _opening(body: str) -> str:
    """A line's first four characters but digits, case-folded."""
    return body[:12].translate(_NO_DIGITS)[:4].casefold()


def reprinted_furniture(text: str, lines: list[Line], marks: dict[int, LineMark]) -> dict[int, LineMark]:
    """A page captured again prints its furniture again. Lines after the
    first header that print the page furniture above it (the site banner,
    ``Grand Lantern`` / ``40 comments``, a breadcrumb) are that banner again
    (``meta``), when a header follows them (at most three marked lines
    between): two or more in a row, or one whose footer is known too. The
    short lines right above such a banner (one group, set apart by a blank
    line) are the page's footer when the dump ends with the same group,
    three lines or more (``Similar threads`` … ``All times are UTC``
    closing each capture; a recapture also ends with the same last comment,
    and one or two short lines may close it): those lines, at every
    capture's end, are ``navigation``. A footer too short for :func:`trailing_chrome`
    to take alone is known by its reprint. Linear: one pass over the lines,
    dictionary look-ups, and a bounded look back from each reprint."""
    headers = [k for k, m in marks.items() if m.kind == "header"]
    if len(headers) < 2:
        return {}
    first = min(headers)
    taken = {i for k, m in marks.items() for i in range(k, k + max(1, m.lines))}
    # (the page's top and the lines right above the comments: a banner and
    # a breadcrumb, not a long intro)
    above = [
        i for i in range(first) if i in taken and text[lines[i].start : lines[i].end].strip()
        and lines[i].end - lines[i].start <= _REPRINT_MAX
    ]
    if len(above) > 2 * _BANNER_LINES:
        above = above[:_BANNER_LINES] + above[-_BANNER_LINES:]
    banner = {_furniture_key(text[lines[i].start : lines[i].end]) for i in above}
    if not banner:
        return {}
    # (a line is keyed only when it opens as a banner line does, digits
    # aside: most lines are passed over by one set look-up)
    openings = {_opening(text[lines[i].start : lines[i].end].strip()) for i in above}
    runs: list[list[int]] = []
    run: list[int] = []
    for i in range(first, len(lines)):
        ln = lines[i]
        if ln.end == ln.start:
            continue
        if i in taken or ln.end - ln.start > _REPRINT_MAX:
            body = None  # (a marked or long line: no banner's, and it ends a run)
        else:
            body = text[ln.start : ln.end].strip()
            if not body:
                continue
        if body is not None and _opening(body) in openings and _furniture_key(body) in banner:
            run.append(i)
            continue
        if run:
            runs.append(run)
        run = []
    if run:
        runs.append(run)
    out: dict[int, LineMark] = {}
    end = _short_block(text, lines, len(lines), taken)
    end_keys = [_furniture_key(text[lines[i].start : lines[i].end]) for i in end]
    header_at = {k for k, m in marks.items() if m.kind == "header"}
    for r in runs:
        # A banner opens a capture: a header follows it, at most three
        # furniture lines down (a comment quoting the article's lines is
        # followed by the comment's own words).
        j, seen = r[-1] + 1, 0
        while j < len(lines) and j not in header_at and seen <= _BANNER_GAP:
            if text[lines[j].start : lines[j].end].strip():
                if j not in taken:
                    break
                seen += 1
            j += 1
        if j not in header_at:
            continue
        # The footer: the short lines above the reprint, when the dump ends
        # with the same ones.
        block = _short_block(text, lines, r[0], taken)
        keys = [_furniture_key(text[lines[i].start : lines[i].end]) for i in block]
        n = 0
        while n < min(len(keys), len(end_keys)) and keys[-1 - n] == end_keys[-1 - n]:
            n += 1
        footer = n >= _FOOTER_REPRINT and n == len(keys) == len(end_keys)
        if not footer and len(r) < 2:
            continue  # one line printed again, and no footer above it: text may say "Home"
        for i in r:
            out[i] = LineMark(kind="chrome", chrome_kind="meta")
        if footer:
            for i in block[len(block) - n :] + end[len(end) - n :]:
                out[i] = LineMark(kind="chrome", chrome_kind="navigation")
    return out


_REPRINT_MAX = 100  # characters: a furniture line
_BANNER_LINES = 12  # furniture lines a banner may have, at the page's top and right above the comments
_FOOTER_REPRINT = 3  # lines of a footer known by its reprint (two short lines may close a comment)


def _short_block(text: str, lines: list[Line], stop: int, taken: set) -> list[int]:
    """The unmarked short lines right above line ``stop`` (blank lines
    before ``stop`` skipped), top down: one group with no blank line inside,
    and a blank line (or a marked line) above it, none of them long or
    ending a sentence; else ``[]`` (the text of the comment above)."""
    i = stop - 1
    while i >= 0 and not text[lines[i].start : lines[i].end].strip():
        i -= 1
    block: list[int] = []
    while i >= 0 and len(block) < 40:
        ln = lines[i]
        body = text[ln.start : ln.end].strip()
        if not body or i in taken:
            break
        if ln.end - ln.start > _REPRINT_MAX or body[-1] in ".!?":
            return []
        block.append(i)
        i -= 1
    block.reverse()
    return block


# --------------------------------------------------------------------------- one-line listings

# A listing's date field, then a name padded to a column: "  2009-11-18  Ann Lee   Subject".
_LISTING_NAME = re.compile(r"[ ]{2,}([^\W\d_][^\s]{0,30}(?:[ ][^\s]{1,30}){0,4})[ ]{2,}(?=\S)")
# Thread-drawing glyphs before a listing's text (box drawing, arrows,
# triangles: "╰─►", "├┬►", "`->" is not read): the tree of replies.
_TREE_GLYPHS = re.compile(r"[\u2500-\u257f\u2190-\u21ff\u25a0-\u25ff][\u2500-\u257f\u2190-\u21ff\u25a0-\u25ff ]*")
_TRAILING_TAGS = re.compile(r"[ ]\(([^()\n]{1,60})\)[ \t]*\Z")
# A listing covers at least this many lines and this share of the dump's non-blank lines.
LISTING_MIN_LINES = 4
LISTING_SHARE = 0.5


class Listing(NamedTuple):
    """A one-line-per-message listing (a mail client's thread index, a
    column-aligned log): where to cut its lines, and what each piece is."""

    cuts: list[int]
    headers: dict[int, dict[str, Any]]  # offset where a header piece starts -> header fields
    chrome: dict[int, str]  # offset where a chrome piece starts -> chrome kind


def listing(text: str, lines: list[Line]) -> Optional[Listing]:
    """Find a listing: a run of consecutive lines that each print a date,
    then a name padded to a fixed column, then the message's text (a subject)
    starting at one column on most lines, with names that come back. The
    padding and the recurring names are the evidence; each such line is one
    message (a header piece: date, name and any reply-tree glyphs, then the
    text). A parenthesised tail that recurs verbatim (``(inbox unread)``) is
    ``meta`` chrome, and lines outside the run are page furniture. Returns
    ``None`` when the dump holds no listing."""
    rows: list[Optional[tuple]] = []
    content = 0
    for ln in lines:
        a, b = ln.start, ln.end
        if a == b or text[a:b].isspace():
            rows.append(None)
            continue
        content += 1
        row = None
        if b - a <= 4 * MAX_HEADER_LINE and text.find("  ", a, b) >= 0:
            s = a
            while s < b and text[s] in " \t":
                s += 1
            if s - a <= 8 and s < b and _time_hint(text[s : min(b, s + 24)], True):
                t = _TIME.match(text, s, b)
                if t is not None:
                    m = _LISTING_NAME.match(text, t.end(), b)
                    if m is not None:
                        row = (t.start(), t.end(), m.start(1), m.end(1), m.end())
        rows.append(row)
    # The longest run of listing rows (blank lines may stand between them).
    best: list[int] = []
    run: list[int] = []
    for i, row in enumerate(rows + [None]):
        if row is not None:
            run.append(i)
        elif i < len(rows) and (text[lines[i].start : lines[i].end].strip() == ""):
            continue
        else:
            if len(run) > len(best):
                best = run
            run = []
    if len(best) < max(LISTING_MIN_LINES, LISTING_SHARE * content):
        return None
    columns = Counter(rows[i][4] - lines[i].start for i in best)
    column, aligned = columns.most_common(1)[0]
    if aligned < 0.8 * len(best):
        return None  # no padding to one column: not a listing
    names = Counter(text[rows[i][2] : rows[i][3]].casefold() for i in best)
    if names.most_common(1)[0][1] < 2 or any(name in UI_WORDS for name in names):
        return None  # an author field's values come back
    glyphs: dict[int, tuple[int, int]] = {}
    for i in best:
        g = _TREE_GLYPHS.match(text, rows[i][4], lines[i].end)
        if g is not None:
            glyphs[i] = (g.end(), g.start() - lines[i].start + len(g.group().rstrip()))  # (the column the tree reaches)
    base = min((w for _, w in glyphs.values()), default=0)
    tags = {i: _TRAILING_TAGS.search(text, rows[i][4], lines[i].end) for i in best}
    tag_values = Counter(m.group(1) for m in tags.values() if m is not None)
    recurring_tags = tag_values and tag_values.most_common(1)[0][1] >= max(2, len(best) // 4)
    cuts: list[int] = []
    headers: dict[int, dict[str, Any]] = {}
    chrome: dict[int, str] = {}
    for i in best:
        ln = lines[i]
        ts_a, ts_b, na, nb, body = rows[i]
        fields: dict[str, Any] = {
            "method": "induced", "template": "listing: T W | text", "author": text[na:nb],
            "age": text[ts_a:ts_b],
        }
        posted, estimated = parse_date(fields["age"])
        if posted is not None and not estimated:
            fields["posted_at"] = posted
        if i in glyphs:
            body, width = glyphs[i]
            fields["depth"] = width - base
        elif glyphs:
            fields["depth"] = 0
        end = ln.end
        tag = tags[i]
        if recurring_tags and tag is not None and tag.start() > body and tag_values[tag.group(1)] >= 2:
            end = tag.start()
            chrome[end] = "meta"
            cuts.append(end)
        if body >= end or not text[body:end].strip():
            continue  # no text: leave the line whole
        headers[ln.start] = fields
        cuts.append(body)
    if len(headers) < LISTING_MIN_LINES:
        return None
    first, last = best[0], best[-1]
    for i, ln in enumerate(lines):
        if (i < first or i > last) and rows[i] is None and text[ln.start : ln.end].strip():
            chrome[ln.start] = "meta"  # outside the listing: the page's
    return Listing(sorted(cuts), headers, chrome)


# --------------------------------------------------------------------------- printed pages

# A printed page's counter: "3 of 7", "Page 3 of 7", "3/7".
_PAGE_COUNTER = re.compile(r"[ \t]*(?:[Pp]age[ ]+)?(\d{1,4})[ ]?(?:of|/)[ ]?(\d{1,4})[ \t]*\Z")
PAGE_WINDOW = 4  # non-blank lines on each side of a page counter that may be the page's running head


# A text browser's list of the page's links (lynx, w3m, html2text with
# reference links): "References" or "Visible links:" over numbered addresses,
# "   4. https://…". Each line is one link; the list is the page's, never a
# comment's text.
_LINK_LIST_ITEMS = re.compile(
    r"^[ \t]*\[?\d{1,5}[.\]:][ \t]+(?:[a-z][a-z0-9+.-]{1,15}:|www\.)\S*[ \t\r]*$", re.I | re.M
)
_LINK_LIST_HEAD = re.compile(r"[ \t]*(?:references|(?:visible|hidden) links:?|links:)[ \t]*", re.I)
_LINK_LIST_MIN = 2  # numbered address lines in a row, under a heading (4 without one)


def link_lists(text: str, lines: list[Line], marks: dict[int, LineMark]) -> dict[int, LineMark]:
    """Chrome marks (``reference``) for a text browser's numbered link list:
    at least two ``N. address`` lines in a row under a ``References`` /
    ``Visible links`` heading, or four without one that end the dump (a
    comment may list its own links). Lines already marked are left alone."""
    found = [m.end() for m in _LINK_LIST_ITEMS.finditer(text)]  # (one scan of the text; the end is inside the line, past a margin)
    if len(found) < _LINK_LIST_MIN:
        return {}
    starts = [ln.start for ln in lines]
    items = [bisect_right(starts, a) - 1 for a in found]

    def blank(k: int) -> bool:
        return not text[lines[k].start : lines[k].end].strip()

    out: dict[int, LineMark] = {}
    n = len(lines)
    r = 0
    while r < len(items):
        run = [items[r]]
        while r + 1 < len(items) and all(blank(x) for x in range(run[-1] + 1, items[r + 1])):
            r += 1
            run.append(items[r])
        r += 1
        k = run[0] - 1
        while k >= 0 and blank(k):
            k -= 1
        head = k if k >= 0 and k not in marks and _LINK_LIST_HEAD.fullmatch(text, lines[k].start, lines[k].end) else None
        at_end = all(blank(x) for x in range(run[-1] + 1, n))
        if len(run) >= (_LINK_LIST_MIN if head is not None else 4 if at_end else n + 1):
            for x in ([head] if head is not None else []) + run:
                if x not in marks:
                    out[x] = LineMark(kind="chrome", chrome_kind="reference")
    return out


def page_furniture(text: str, lines: list[Line]) -> dict[int, LineMark]:
    """A capture printed to pages (a browser's PDF print) repeats a running
    head or foot on every page: the print date, the page title, the URL and
    a ``N of M`` counter. The counter is the evidence (``N`` counts up, ``M``
    stays, on three pages or more); the lines near it that come back near
    most counters are the running head. All are ``meta`` chrome, so a page
    break neither starts a comment nor splits one."""
    counters: list[int] = []
    last: Optional[tuple[int, int]] = None
    for i, ln in enumerate(lines):
        if ln.end - ln.start > 24 or ln.end == ln.start:
            continue
        m = _PAGE_COUNTER.match(text, ln.start, ln.end)
        if m is None:
            continue
        page, total = int(m.group(1)), int(m.group(2))
        if not 1 <= page <= total:
            continue
        if last is not None and (total != last[1] or page <= last[0]):
            return {}  # counters that do not count the pages of one print
        counters.append(i)
        last = (page, total)
    if len(counters) < 3:
        return {}
    near: dict[str, set[int]] = defaultdict(set)  # line text -> counters it stands near
    where: dict[str, list[int]] = defaultdict(list)
    for c in counters:
        for step in (-1, 1):
            j, seen = c + step, 0
            while 0 <= j < len(lines) and seen < PAGE_WINDOW:
                body = text[lines[j].start : lines[j].end].strip()
                if body:
                    seen += 1
                    if len(body) <= MAX_HEADER_LINE:
                        near[body].add(c)
                        where[body].append(j)
                j += step
    out = {c: LineMark(kind="chrome", chrome_kind="meta") for c in counters}
    need = max(2, 0.6 * len(counters))
    for body, cs in near.items():
        if len(cs) >= need and len(set(where[body])) >= need:  # (printed again on each page)
            for j in where[body]:
                out[j] = LineMark(kind="chrome", chrome_kind="meta")
    return out
