"""Simple Machines Forum (SMF 1.x and 2.x) topics, copied from the browser.

Every post is anchored by its date line, which SMF prints in guillemets
under the post's subject; the opening post says ``on:``, replies carry their
number::

    mara_v
    Jr. Member
    **
    Posts: 61

    View Profile Personal Message (Offline)

    Fixing the rear derailleur
    « on: March 09, 2009, 08:42:01 AM »	Reply with quote
    I bent the hanger last week ...
    « Last Edit: March 10, 2009, 07:24:50 AM by mara_v »	Report to moderator   Logged
    olek
    ...
    Re: Fixing the rear derailleur
    « Reply #1 on: March 10, 2009, 07:23:49 AM »

The profile block above the subject (membergroup, stars, ``Posts: N``,
``Location:``, ``View Profile``, ``Thread Starter``, an ``Offline``/``Online``
prefix on the name) belongs to the post below it. The header runs from the
poster's name to the date line. The name is the top line of the short run of
lines that ends at the ``Posts: N`` line (SMF prints it for every member), or,
in a theme that labels it, the name in ``Post by X`` / ``Posted by X`` /
``Author: X`` within that run (buttons such as ``Share`` may stand above it):
the run stops at a blank pair, at a line of text (long, or ending in sentence
punctuation) and at the previous post's closing row (``Logged``, ``« Last
Edit »``). With no ``Posts:`` line (a guest, a trimmed theme) the author is
left unknown rather than guessed.

The subject is the line right over the date line; up to two blank lines
above it, only a ``Re:`` line or a short line at the date line's indent with
no rule (``----``) over it (a theme that nests replies by indent prints the
post above's last sentence or signature there).

Dates as SMF prints them: ``March 09, 2009, 08:42:01 AM``, ``Thu, 06 October
2016, 06:37:58``, ``Today at 10:01:12 AM``; ``posted_at`` is read when the date
is absolute (naive: SMF prints the reader's time zone). The opening post
(``« on:``) is top level; replies are flat, so their parent comes from quotes
or is unknown. The reply number becomes ``post_number``.

A dump that starts inside a post (its header cut off) has no anchor for that
post; when its closing ``« Last Edit: … by X »`` row comes before any anchor,
that row is the post's header, a trailer naming X (the poster, unless a
moderator edited the post).

Chrome: ``« Last Edit: … by X »`` (meta), ``Report to moderator  Logged``,
``Logged``, ``Reply with quote``, ``Quote``, ``Multi-Quote``, ``Code:``,
``Topic: X  (Read N times)`` (meta) and the profile lines.
"""

from __future__ import annotations

from collections import Counter
from typing import Optional

import regex

from ..dates import parse_date
from ..text import Line
from . import SAMPLE_LINES, Dialect, LineMark, register
from ._pages import LinePage, chrome_kind

_MAX_LINE = 300
_SAMPLE_LINES = SAMPLE_LINES  # the lines score() reads (dialects by region look past them)
_SP = r"[^\S\n]"
_RUN = 8  # profile lines between a poster's name and the "Posts:" line, at most

# « on: March 09, 2009, 08:42:01 AM »   « Reply #1 on: Thu, 06 October 2016, 06:37:58 »
_ANCHOR = regex.compile(
    r"«?" + _SP + r"*(?:Reply" + _SP + r"#(?P<num>\d{1,6})" + _SP + r"+)?on:" + _SP
    + r"*(?P<date>[^«»\n]{0,40}?\d{1,2}:\d\d(?::\d\d)?(?:" + _SP + r"*[AaPp][Mm])?)" + _SP
    + r"*»(?P<rest>[^\n]{0,80})"
)
_LAST_EDIT = regex.compile(
    r"«" + _SP + r"*Last" + _SP + r"Edit:[^«»\n]{1,120}»(?:" + _SP
    + r"*(?:Report" + _SP + r"to" + _SP + r"moderator)?" + _SP + r"*(?:Logged)?)?"
)
_EDITOR = regex.compile(r"by" + _SP + r"+(?P<editor>[^«»\n]{1,40}?)" + _SP + r"*»")
_POSTS = regex.compile(r"Posts:" + _SP + r"*[\d,.]{1,9}")
# The row that closes a post: "Logged", or the poster's IP where the viewer may see it.
_CLOSE = regex.compile(
    r"(?:Report" + _SP + r"to" + _SP + r"moderator" + _SP + r"*)?Logged"
    r"|Report" + _SP + r"to" + _SP + r"moderator" + _SP + r"*(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]{3,39})?"
)
_ONLINE = regex.compile(r"(?:Offline|Online)" + _SP + r"+")
# A poster's name under a label, in themes that print one: "Post by ana", "Posted by ana", "Author: ana".
_BY_NAME = regex.compile(r"(?:Post(?:ed)?" + _SP + r"by|Author:)" + _SP + r"+(?P<name>[^\n|·•]{1,60}?)" + _SP + r"*")
_CHROME = [
    (_LAST_EDIT, "meta"),
    (regex.compile(r"Topic:[^\n]{1,200}\(Read" + _SP + r"\d[\d,]{0,12}" + _SP + r"times\)"), "meta"),
    (_CLOSE, "ui"),
    (regex.compile(r"(?:Reply" + _SP + r"with" + _SP + r"quote|Quote|Multi-Quote|QuoteMulti-Quote"
                   r"|Quote" + _SP + r"+Multi-Quote|Code:|Print|Notify|Mark" + _SP + r"unread)"), "ui"),
]
_PROFILE = regex.compile(
    r"(?:Posts|Location|Gender|Karma|Age|Applause|Reputation|Activity|Merit):[^\n]{0,60}"
    r"|View" + _SP + r"Profile[^\n]{0,80}|Personal" + _SP + r"Message[^\n]{0,40}|Thread" + _SP + r"Starter"
    r"|\*{1,7}|Offline|Online"
)


def _page(text: str, lines: list[Line], limit: int) -> LinePage:
    return LinePage(text, lines, limit, _MAX_LINE)


def _anchor(s: str):
    if "on:" not in s or "»" not in s:
        return None
    return _ANCHOR.fullmatch(s)


_RULE = regex.compile(r"[-_=*~]{3,}")


def _indent(page: LinePage, i: int) -> int:
    ln = page.lines[i]
    body = page.text[ln.start : ln.end]
    return len(body) - len(body.lstrip())


def _texty(s: str) -> bool:
    """A line of post text rather than a profile field or a name."""
    return len(s) > 40 or s.endswith((".", "!", "?", ",", ";", ":"))


def _closing(s: str) -> bool:
    return bool(_CLOSE.fullmatch(s) or _LAST_EDIT.fullmatch(s) or s.endswith("Logged"))


def _poster(page: LinePage, title: int, floor: int, run: Optional[list] = None) -> tuple[int, Optional[str]]:
    """The first line of the post's header block and the poster's name.

    Looks above the subject line ``title`` (not below ``floor``) for the
    ``Posts: N`` line, then climbs its run of short profile lines to the name.
    The run's lines (top first) go to ``run`` when the name is not labelled.
    """
    posts, blanks, j = -1, 0, title - 1
    personal = None  # one line of text under "Posts: N": the member's personal text
    while j >= floor and title - j <= 3 * _RUN:
        s = page.get(j)
        if s is None:
            break
        if not s:
            blanks += 1
            if blanks > 3:
                break
        else:
            blanks = 0
            if _POSTS.fullmatch(s):
                posts = j
                break
            if _closing(s):
                break
            if _texty(s) and not _PROFILE.fullmatch(s):
                if personal is not None:
                    break
                personal = j
            elif personal is not None and personal - j > 3:
                break
        j -= 1
    if posts >= 0 and personal is not None and personal - posts > 4:
        posts = -1
    if posts < 0:
        return title, None
    top, blanks, j = posts, 0, posts - 1
    labelled = None
    while j >= floor and posts - j <= _RUN:
        s = page.get(j)
        if s is None:
            break
        if not s:
            blanks += 1
            if blanks > 1:
                break
        else:
            blanks = 0
            if _closing(s) or _texty(s) or _anchor(s):
                break
            top = j
            if labelled is None:
                # "Post by ana" over "Posts: 12": the theme labels the name;
                # what stands above it (buttons, the subject) is not the poster
                labelled = _BY_NAME.fullmatch(s)
        j -= 1
    if labelled is not None:
        return top, labelled.group("name").strip()
    name = _card_name(page, top)
    if name is None or top == posts:
        return title, None
    if run is not None:
        run.extend(j for j in range(top, posts) if page.get(j))
    return top, name


def _card_name(page: LinePage, j: int) -> Optional[str]:
    name = _ONLINE.sub("", page.get(j) or "", count=1).strip()
    return None if not name or _PROFILE.fullmatch(name) else name


def _common_runs(page: LinePage, marks: dict, cards: list) -> None:
    """Profile runs of one length in most cards (name, membergroup, stars,
    ``Online``) tell where the name is: a run that climbed further, over a
    signature's last line or the post above's last words (``sorry``, no
    blank line between), starts at the line that common length puts first.
    ``cards``: ``(first header line, anchor line, run)`` per header."""
    lengths = Counter(len(run) for _, _, run in cards if run)
    if not lengths:
        return
    common, n = lengths.most_common(1)[0]
    if n < 2 or n * 2 < len(cards):
        return
    for first, anchor, run in cards:
        if len(run) <= common or marks.get(first) is None:
            continue
        top = run[-common]
        name = _card_name(page, top)
        if name is None:
            continue
        mark = marks.pop(first)
        marks[top] = LineMark("header", lines=anchor - top + 1, fields=dict(mark.fields, author=name))


def _fields(m) -> dict:
    fields: dict = {"age": m.group("date").strip()}
    when, estimated = parse_date(fields["age"])
    if when is not None and not estimated:
        fields["posted_at"] = when.replace(tzinfo=None)
    if m.group("num"):
        fields["post_number"] = int(m.group("num"))
    else:
        fields["top_level"] = True
    return fields


def _scan(page: LinePage) -> dict[int, LineMark]:
    marks: dict[int, LineMark] = {}
    floor = 0  # nothing above the last header belongs to a later one
    any_header = False
    cards: list = []
    for i in range(page.n):
        s = page.stripped[i]
        if not s:
            continue
        m = _anchor(s)
        if m is None and not any_header and (e := _EDITOR.search(s)) and _LAST_EDIT.fullmatch(s):
            # the dump starts inside a post: its closing row names the editor,
            # who is the poster unless a moderator edited it
            marks[i] = LineMark("header", fields={"author": e.group("editor").strip(), "trailer": True})
            any_header = True
            continue
        if m is None:
            kind = chrome_kind(s, _CHROME, _MAX_LINE)
            if kind is not None:
                marks[i] = LineMark("chrome", chrome_kind=kind)
            continue
        title = page.prev_nonblank(i, floor, 2)
        if title < 0 or len(page.get(title) or "") > 160 or _closing(page.get(title)) or _anchor(page.get(title)):
            title = i
        elif title < i - 1 and not (subject := page.get(title) or "").startswith("Re:") and (
            _texty(subject) or _indent(page, title) != _indent(page, i)
            or _RULE.fullmatch(page.get(page.prev_nonblank(title, floor, 2)) or "")
        ):
            # SMF prints the subject right over the date line; a sentence, a
            # line at another indent or a signature under its rule, with blank
            # lines under it, is the end of the post above
            title = i
        run: list = []
        first, name = _poster(page, title, floor, run)
        fields = _fields(m)
        if name:
            fields["author"] = name
        for j in range(first, i + 1):
            marks.pop(j, None)
        marks[first] = LineMark("header", lines=i - first + 1, fields=fields)
        cards.append((first, i, run))
        floor, any_header = i + 1, True
    _common_runs(page, marks, cards)
    return marks


@register
class SMF(Dialect):
    name = "smf"
    description = "Simple Machines Forum topics: '« Reply #N on: date »' anchors, profile blocks above posts."

    def score(self, text: str, lines: list[Line]) -> float:
        if "on:" not in text[:200_000]:
            return 0.0
        page = _page(text, lines, _SAMPLE_LINES)
        anchors = chrome = 0
        for s in page.stripped:
            if not s:
                continue
            if _anchor(s):
                anchors += 1
            elif chrome_kind(s, _CHROME, _MAX_LINE) is not None or _POSTS.fullmatch(s):
                chrome += 1
            if anchors >= 4:
                break
        if anchors == 0 or chrome == 0:
            return 0.0
        return min(1.0, 0.35 + 0.15 * anchors + 0.05 * min(chrome, 4))

    def mark_lines(self, text: str, lines: list[Line]) -> dict[int, LineMark]:
        return _scan(_page(text, lines, len(lines)))
