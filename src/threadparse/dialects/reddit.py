"""Reddit: old Reddit, new Reddit and redlib-style mirrors.

**Old Reddit** (browser copy): ``[–]user 4 points5 points6 points 16 hours ago*
(3 children)``. The score is printed three times (score-1, score, score+1: the
page pre-renders the vote states), so the middle one is the score; ``*`` marks
an edit; ``(N children)`` counts the comment's descendants, which is what
gives the tree (``descendants``: the next N comments are its subtree). A
collapsed comment shows ``[+]``; ``[score hidden]`` replaces young scores.
Chrome: ``permalink embed save parent report give award reply`` under each
comment, ``load more comments (N replies)``, ``continue this thread →``,
``all N comments`` / ``sorted by: best`` above them.

**New Reddit** (2018 redesign): an optional ``level N`` line (depth N-1), the
author on its own line, then ``174 points · 21 days ago`` (``Score hidden ·``,
``· edited 20 days ago``); the 2023 design prints ``author`` / ``·`` / ``2y ago``
and the vote count on a line of its own above ``Reply`` / ``Share`` … lines.

**Mirrors** (redlib, libreddit): the score on its own line (``41``, ``•`` when
hidden, ``41 Upvotes``), then ``u/author Flair 2y ago edited 2y ago`` or an
absolute date (``Oct 19 '21``), which becomes ``posted_at``.

Markdown ``>`` quotes are lost in copies of all three.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Optional

from ..dates import month_number
from ..text import Line
from . import SAMPLE_LINES, Dialect, LineMark, register
from .hackernews import mark_signatures

_SAMPLE_LINES = SAMPLE_LINES  # the lines score() reads (dialects by region look past them)
_MAX_LINE = 400  # longer lines are never headers or chrome

_SP = r"[ \t\u00a0]"  # a space as copied: NBSP and tabs too
_INT = r"[-−–]?\d{1,3}(?:,\d{3}){0,3}|[-−–]?\d{1,9}"

# Ages as old Reddit ("16 hours ago"), new Reddit ("5 hr. ago", "2y ago", "21d
# ago") and mirrors print them.
_AGE = (
    r"(?:(?:\d{1,4}|an?|one)" + _SP + r"?"
    r"(?:years?|yrs?\.?|y|months?|mos?\.?|weeks?|wks?\.?|w|days?|d|hours?|hrs?\.?|h"
    r"|minutes?|mins?\.?|m|seconds?|secs?\.?|s)" + _SP + r"ago"
    r"|just" + _SP + r"now)"
)
# Absolute dates: "Oct 19 '21", "Oct 19, 2021", "19 Oct 2021".
_DATE = (
    r"(?:(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?" + _SP + r"(?P<day>\d{1,2}),?"
    + _SP + r"(?:'(?P<yy>\d{2})|(?P<yyyy>\d{4}))"
    r"|(?P<day2>\d{1,2})" + _SP + r"(?P<mon2>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
    + _SP + r"(?P<yyyy2>\d{4}))"
)

_OLD_HEADER = re.compile(
    _SP + r"{0,8}\[(?P<toggle>[–—−+-])\]" + _SP + r"?(?P<author>[^\s\[](?:[^\n]{0,78}?[^\s])?|\[deleted\]|\[removed\])"
    # submitter/mod/admin tag; a copy may glue the tag's label ("ana_kMod[M]", "ana_kAdmin[A]")
    r"(?:(?<=\S)(?:Mod|Admin)(?=\[[MA]\]))?(?:" + _SP + r"*\[(?:S|M|A)\])?"
    + _SP + r"+(?:(?P<s1>" + _INT + r")" + _SP + r"points?"
    r"(?:" + _SP + r"?(?P<s2>" + _INT + r")" + _SP + r"points?" + _SP + r"?(?P<s3>" + _INT + r")" + _SP + r"points?)?"
    r"|(?P<hidden>\[score" + _SP + r"hidden\]))"
    + _SP + r"*(?P<age>" + _AGE + r")(?P<edited>\*)?"
    r"(?:" + _SP + r"*\((?P<kids>\d{1,6})" + _SP + r"child(?:ren)?\))?"
    r"[^\n]{0,60}?\s*\Z"
)
_OLD_UI = re.compile(
    r"\s*permalink(?:" + _SP + r"*(?:embed|save|unsave|saved|parent|report|give" + _SP + r"(?:award|gold)|gild"
    r"|reply|edit|delete|source|context|share|crosspost|full" + _SP + r"comments(?:" + _SP + r"\(\d{1,7}\))?"
    r"|hide" + _SP + r"child" + _SP + r"comments|disable" + _SP + r"inbox" + _SP + r"replies)){0,20}\s*\Z"
)
_OLD_NAV = re.compile(
    r"\s*(?:load" + _SP + r"more" + _SP + r"comments" + _SP + r"*\(\d{1,7}" + _SP + r"repl(?:y|ies)\)"
    r"|continue" + _SP + r"this" + _SP + r"thread" + _SP + r"*(?:→|->)?"
    r"|view" + _SP + r"the" + _SP + r"rest" + _SP + r"of" + _SP + r"the" + _SP + r"comments" + _SP + r"*(?:→|->)?"
    r"|→" + _SP + r"*More" + _SP + r"replies" + _SP + r"*\(\d{1,7}\)"
    r"|\d{1,7}" + _SP + r"more" + _SP + r"repl(?:y|ies)"
    r"|Continue" + _SP + r"this" + _SP + r"thread"
    r"|View" + _SP + r"entire" + _SP + r"discussion" + _SP + r"*\(" + _SP + r"*\d{1,7}" + _SP + r"comments?\)"
    r"|View" + _SP + r"all" + _SP + r"comments|Show" + _SP + r"parent" + _SP + r"comments"
    r"|View" + _SP + r"more" + _SP + r"comments)\s*\Z",
)
_PAGE_UI = re.compile(
    r"\s*(?:all" + _SP + r"\d{1,7}" + _SP + r"comments?"
    r"|sorted" + _SP + r"by:?" + _SP + r"*(?:best|top|new|controversial|old|q&a|random|live)?"
    r"|top" + _SP + r"\d{1,5}" + _SP + r"comments(?:" + _SP + r"show" + _SP + r"all" + _SP + r"\d{1,7})?"
    r"|\d{1,7}" + _SP + r"comments?(?:" + _SP + r"sorted" + _SP + r"by[^\n]{0,30})?"
    r"|Posted" + _SP + r"by" + _SP + r"u/[A-Za-z0-9_-]{2,20}(?:" + _SP + r"+(?:" + _AGE + r"))?"
    r"|Sort" + _SP + r"by:?[^\n]{0,30})\s*\Z"
)

# New Reddit: "174 points · 21 days ago · edited 20 days ago", "Score hidden · 2 hours ago".
_NEW_META = re.compile(
    r"\s*(?:(?:(?P<score>" + _INT + r")(?:\.\d)?(?P<k>k)?" + _SP + r"points?|Score" + _SP + r"hidden|Vote)"
    + _SP + r"*)?[·•]" + _SP + r"*(?P<age>" + _AGE + r")"
    r"(?:" + _SP + r"*[·•]?" + _SP + r"*(?P<edited>[Ee]dited)" + _SP + r"*(?:" + _AGE + r")?)?\s*\Z"
)
# One line: "jane_doe42 · 5 hr. ago" (optionally with OP/MOD tags).
_NEW_INLINE = re.compile(
    r"\s*(?P<author>[A-Za-z0-9_-]{3,20})(?:" + _SP + r"+(?:OP|MOD|Mod|Admin))?" + _SP + r"*[·•]" + _SP + r"*"
    r"(?P<age>" + _AGE + r")(?:" + _SP + r"*[·•]?" + _SP + r"*(?P<edited>[Ee]dited)" + _SP + r"*(?:" + _AGE + r")?)?\s*\Z"
)
_NEW_AGE_LINE = re.compile(r"\s*(?P<age>" + _AGE + r")(?:" + _SP + r"*[·•]?" + _SP + r"*(?P<edited>[Ee]dited)" + _SP + r"*(?:" + _AGE + r")?)?\s*\Z")
_EDITED_LINE = re.compile(r"\s*[·•]?" + _SP + r"*[Ee]dited(?:" + _SP + r"+" + _AGE + r")?\s*\Z")
_LEVEL = re.compile(r"\s*level" + _SP + r"(?P<n>\d{1,3})\s*\Z")
_USERNAME = re.compile(r"\s*(?:u/)?(?P<author>[A-Za-z0-9_-]{3,20}|\[deleted\])\s*\Z")
_TAG_LINE = re.compile(r"\s*(?:OP|MOD|Mod|Admin|Top" + _SP + r"\d{1,2}%" + _SP + r"(?:Commenter|Poster)|[·•])\s*\Z")

# Mirrors: "u/jane_doe Flair 2y ago edited 2y ago", "u/jane_doe Oct 19 '21".
_MIRROR_HEADER = re.compile(
    r"\s*u/(?P<author>[A-Za-z0-9_-]{2,20}|\[deleted\])(?P<flair>(?:" + _SP + r"[^\n]{0,80}?)??)" + _SP + r"+"
    r"(?:(?P<age>" + _AGE + r")|(?P<date>" + _DATE + r"))"
    r"(?:" + _SP + r"+(?P<edited>edited)" + _SP + r"+(?:" + _AGE + r"|[^\n]{1,30}?))?\s*\Z"
)
_SCORE_LINE = re.compile(
    r"\s*(?:(?P<score>" + _INT + r")(?:\.\d)?(?P<k>k)?(?:" + _SP + r"(?:Upvotes?|upvotes?|points?|votes?))?|•)\s*\Z"
)
_SUB_LINE = re.compile(r"\s*r/[A-Za-z0-9_]{2,21}\b[^\n]{0,120}?" + _SP + r"(?:" + _AGE + r"|" + _DATE + r")\s*\Z")

_SORT_ORDERS = frozenset({"best", "top", "new", "controversial", "old", "q&a", "open comment sort options"})
_NEW_UI_WORDS = frozenset(
    """Reply Share Report Save Follow Award Vote Upvote Downvote Edit Delete Permalink Embed
    Unsave Copy""".split()
) | {"Give Award", "Copy link", "More replies", "Reply Share Report Save Follow"}


_MAX_NESTING = 100  # deeper descendant-count nesting is not believed
_HIDDEN = "_hidden_replies"  # working key, removed before the marks leave the dialect


def _int(text: Optional[str]) -> Optional[int]:
    if text is None:
        return None
    t = text.replace(",", "")
    if t[:1] in "−–":
        t = "-" + t[1:]
    return int(t)


def parse_old_header(line: str) -> Optional[dict]:
    """Header fields of an old-Reddit header line, or ``None``.

    >>> f = parse_old_header("[–]quark89 4 points5 points6 points 16 hours ago* (3 children)")
    >>> f["author"], f["score"], f["edited"], f["descendants"]
    ('quark89', 5, True, 3)
    >>> parse_old_header("[–]helper-botMod[M] [score hidden] 4 hours ago stickied comment")["author"]
    'helper-bot'
    """
    if len(line) > _MAX_LINE or "]" not in line:
        return None
    m = _OLD_HEADER.match(line)
    if m is None:
        return None
    author = m.group("author")
    # "[deleted]" is kept as printed: it is what the page names the speaker.
    fields: dict = {"author": author, "age": m.group("age")}
    s1, s2, s3 = _int(m.group("s1")), _int(m.group("s2")), _int(m.group("s3"))
    if s2 is not None:
        fields["score"] = s2
        if not (s1 == s2 - 1 and s3 == s2 + 1):
            fields["score_blob"] = f"{s1} {s2} {s3}"
    elif s1 is not None:
        fields["score"] = s1
    fields["edited"] = m.group("edited") is not None
    # A collapsed comment ([+]) hides its replies: none of them follow it
    # (``_HIDDEN`` keeps the count until ``_discount_hidden`` has used it).
    kids = int(m.group("kids") or 0)
    if m.group("toggle") == "+":
        fields["descendants"], fields[_HIDDEN] = 0, kids
    else:
        fields["descendants"] = kids
    return fields


def parse_mirror_header(line: str) -> Optional[dict]:
    """Header fields of a mirror's ``u/author Flair 2y ago`` line, or ``None``."""
    if len(line) > _MAX_LINE or "u/" not in line:
        return None
    m = _MIRROR_HEADER.match(line)
    if m is None:
        return None
    author = m.group("author")
    fields: dict = {"author": author}
    if m.group("age"):
        fields["age"] = m.group("age")
    else:
        fields["age"] = m.group("date")
        posted = _parse_date(m)
        if posted is not None:
            fields["posted_at"] = posted
    fields["edited"] = m.group("edited") is not None
    return fields


def _parse_date(m: "re.Match[str]") -> Optional[datetime]:
    mon = m.group("mon") or m.group("mon2")
    day = m.group("day") or m.group("day2")
    year = m.group("yyyy") or m.group("yyyy2")
    if year is None and m.group("yy") is not None:
        year = str(2000 + int(m.group("yy")))
    try:
        return datetime(int(year), month_number(mon), int(day), tzinfo=timezone.utc)
    except (TypeError, ValueError, KeyError):
        return None


def _new_meta(line: str) -> Optional[dict]:
    """Fields of a new-Reddit ``174 points · 21 days ago`` line (no author), or ``None``."""
    if ("·" not in line and "•" not in line) or "ago" not in line and "now" not in line:
        return None
    m = _NEW_META.match(line)
    if m is None:
        return None
    fields: dict = {"age": m.group("age"), "edited": m.group("edited") is not None}
    if m.group("score") is not None and m.group("k") is None:
        fields["score"] = _int(m.group("score"))
    return fields


def _strip(text: str, lines: list[Line], i: int) -> str:
    ln = lines[i]
    if ln.end - ln.start > _MAX_LINE:
        return "\x00"  # too long to be anything but text
    return text[ln.start : ln.end].strip()


@register
class Reddit(Dialect):
    name = "reddit"
    description = "Reddit: old ('[–]user 4 points5 points6 points 16 hours ago'), new and mirror copies."
    # score() counts only lines holding "point" (old headers), a bullet (new
    # ones) or "u/" (mirrors).
    region_hint = ("point", "•", "·", "u/")
    # Reddit threads are trees; with no structure printed (new Reddit without
    # `level N`, mirrors) the previous comment is the likeliest parent.

    def score(self, text: str, lines: list[Line]) -> float:
        old = new = mirror = chrome = 0
        bullet_above = False  # the previous line was a lone "•" under a user name (2023 design)
        above = ""  # the last line before this one that is no tag line
        for ln in lines[:_SAMPLE_LINES]:
            if ln.end - ln.start > _MAX_LINE:
                bullet_above, above = False, ""
                continue
            s = text[ln.start : ln.end]
            if bullet_above and "ago" in s and _NEW_AGE_LINE.match(s):
                new += 1
            # ("82k views" / "•" / "3 years ago" under a video is no comment header;
            # tag lines, "OP", may stand between the name and the bullet)
            bullet_above = len(s) < 6 and s.strip() in ("•", "·") and _USERNAME.match(above) is not None
            if len(s) > 30 or not _TAG_LINE.match(s):
                above = s
            if "point" in s:
                if "]" in s and parse_old_header(s) is not None:
                    old += 1
                    continue
                if ("·" in s or "•" in s) and _new_meta(s) is not None:
                    new += 1
                    continue
            if "u/" in s and "ago" in s or "'" in s:
                if "u/" in s and parse_mirror_header(s) is not None:
                    mirror += 1
                    continue
            if ("·" in s or "•" in s) and "ago" in s and (_new_meta(s) or _NEW_INLINE.match(s)):
                new += 1
                continue
            if "permalink" in s and _OLD_UI.match(s) or "comments" in s and _OLD_NAV.match(s):
                chrome += 1
        evidence = 0.35 * old + 0.2 * new + 0.2 * mirror
        if not evidence:
            return 0.0
        return min(1.0, evidence + 0.1 * min(chrome, 2))

    def mark_lines(self, text: str, lines: list[Line]) -> dict[int, LineMark]:
        marks: dict[int, LineMark] = {}
        n = len(lines)
        skip_to = 0  # lines before this belong to a header already marked
        for i, ln in enumerate(lines):
            if i < skip_to or ln.end - ln.start > _MAX_LINE or i in marks:
                continue
            s = text[ln.start : ln.end]
            stripped = s.strip()
            if not stripped:
                continue
            if "]" in s and ("point" in s or "[score" in s):
                fields = parse_old_header(s)
                if fields is not None:
                    marks[i] = LineMark("header", fields=fields)
                    continue
            if "u/" in s:
                fields = parse_mirror_header(s)
                if fields is not None:
                    self._mirror(text, lines, marks, i, fields)
                    continue
            if "·" in s or "•" in s:
                fields = _new_meta(s)
                if fields is not None:
                    skip_to = self._new_with_author(text, lines, marks, i, fields)
                    continue
                m = _NEW_INLINE.match(s) if "ago" in s else None
                if m is not None:
                    fields = {"author": m.group("author"), "age": m.group("age"), "edited": m.group("edited") is not None}
                    skip_to = self._new_with_author(text, lines, marks, i, fields, has_author=True)
                    continue
            if "ago" in s or "now" in s:
                m = _NEW_AGE_LINE.match(s)
                if m is not None and i > 0 and (i - 1) in marks and marks[i - 1].chrome_kind == "meta":
                    marks[i] = LineMark("chrome", chrome_kind="meta")  # "Posted by u/x" / "3 days ago"
                    continue
                if m is not None and i > 0:
                    # The 2023 design: "author" / "•" / "2y ago" on three lines.
                    fields = {"age": m.group("age"), "edited": m.group("edited") is not None}
                    end = self._new_with_author(text, lines, marks, i, fields, need_bullet=True)
                    if end:
                        skip_to = end
                        continue
            kind = self._chrome(stripped)
            if kind is None and stripped.lower() in _SORT_ORDERS and i > 0 and (i - 1) in marks:
                kind = "ui" if _strip(text, lines, i - 1).lower().startswith("sort") else None
            if kind is not None:
                marks[i] = LineMark("chrome", chrome_kind=kind)
        self._new_ui(text, lines, marks, n)
        mark_signatures(text, lines, marks)
        _discount_hidden(text, lines, marks)
        return marks

    # -- header shapes spread over several lines ---------------------------------

    def _mirror(self, text, lines, marks, i, fields) -> None:
        """``u/author … 2y ago``; the score line right above belongs to the header."""
        first = i
        if i > 0 and (i - 1) not in marks:
            above = _strip(text, lines, i - 1)
            sm = _SCORE_LINE.match(above) if above else None
            if sm is not None:
                first = i - 1
                if sm.group("score") is not None and sm.group("k") is None:
                    fields["score"] = _int(sm.group("score"))
        marks[first] = LineMark("header", lines=i - first + 1, fields=fields)

    def _new_with_author(self, text, lines, marks, i, fields, has_author=False, need_bullet=False) -> int:
        """A new-Reddit meta/age line at ``i``: walk up over tag lines (``OP``,
        ``•``) to the author line and an optional ``level N`` line above it.

        Returns the index after the header's last line, or 0 when
        ``need_bullet`` (the 2023 design) finds no author above a bullet."""
        first = i
        j = i - 1
        bullet = False
        if not has_author:
            for _ in range(4):  # tags between the author and the age
                if j < 0 or j in marks:
                    break
                above = _strip(text, lines, j)
                if not above or not _TAG_LINE.match(above):
                    break
                bullet = bullet or above in ("·", "•")
                j -= 1
            if need_bullet and not bullet:
                return 0
            above = _strip(text, lines, j) if j >= 0 and j not in marks else ""
            um = _USERNAME.match(above) if above else None
            if um is None:
                if need_bullet:
                    return 0
            else:
                author = um.group("author")
                fields = {"author": author, **fields}
                first = j
                j -= 1
        else:
            j = i - 1
        if j >= 0 and j not in marks:
            lm = _LEVEL.match(_strip(text, lines, j))
            if lm is not None:
                fields["depth"] = max(0, int(lm.group("n")) - 1)
                first = j
        # "· edited 2y ago" printed on the line after the age
        end = i
        if end + 1 < len(lines) and _EDITED_LINE.match(_strip(text, lines, end + 1)):
            fields["edited"] = True
            end += 1
        for k in range(first, end + 1):
            marks.pop(k, None)
        marks[first] = LineMark("header", lines=end - first + 1, fields=fields)
        return end + 1

    # -- chrome ----------------------------------------------------------------------

    @staticmethod
    def _chrome(stripped: str) -> Optional[str]:
        if stripped.startswith("permalink") and _OLD_UI.match(stripped):
            return "ui"
        if ("comment" in stripped or "thread" in stripped or "repl" in stripped) and _OLD_NAV.match(stripped):
            return "navigation"
        if ("comment" in stripped or "sort" in stripped.lower() or "Posted" in stripped) and _PAGE_UI.match(stripped):
            return "meta" if stripped.startswith("Posted") else "ui"
        if stripped.startswith("r/") and _SUB_LINE.match(stripped):
            return "meta"
        return None

    @staticmethod
    def _new_ui(text, lines, marks, n) -> None:
        """Runs of new-Reddit action lines (``Reply`` / ``Share`` / ``Report`` …),
        with the vote count printed just above them, are chrome. A lone ``Reply``
        counts only right before a header or at the end."""
        i = 0
        while i < n:
            if i in marks:
                i += max(1, marks[i].lines)
                continue
            s = _strip(text, lines, i)
            if s not in _NEW_UI_WORDS:
                i += 1
                continue
            run = [i]
            j = i + 1
            while j < n and j not in marks:
                t = _strip(text, lines, j)
                if t in _NEW_UI_WORDS:
                    run.append(j)
                elif t:
                    break
                j += 1
            nxt = j
            while nxt < n and nxt not in marks and not _strip(text, lines, nxt):
                nxt += 1
            before_header = nxt >= n or (nxt in marks and marks[nxt].kind == "header")
            if len(run) >= 2 or before_header:
                marks[run[0]] = LineMark("chrome", lines=run[-1] - run[0] + 1, chrome_kind="ui")
                # the vote count printed just above the actions
                p = i - 1
                while p >= 0 and p not in marks and not _strip(text, lines, p):
                    p -= 1
                if p >= 0 and p not in marks:
                    sm = _SCORE_LINE.match(_strip(text, lines, p))
                    if sm is not None and sm.group("score") is not None:
                        marks[p] = LineMark("chrome", chrome_kind="ui")
            i = j


def _discount_hidden(text: str, lines: list[Line], marks: dict[int, LineMark]) -> None:
    """Keep old Reddit's ``(N children)`` counts true to what the dump shows.

    The count includes replies the page does not print: those of a collapsed
    ``[+]`` comment, those behind ``continue this thread →``, and the comment
    itself when its header has no text under it (the speaker stage drops such
    a comment). Replaying the counts in reading order (as the speaker stage
    does) finds the ancestors whose counts include them, and takes them off.
    ``load more comments (N replies)`` is left alone: whether the N replies
    follow later in the dump (a second page) cannot be told.

    Old Reddit nests at most ten levels on a page (then ``continue this
    thread``); counts that would nest deeper than ``_MAX_NESTING`` are not
    believed, which also bounds the work here and in the speaker stage.
    """
    n = len(lines)
    keys = sorted(marks)
    pending: list[list] = []  # [fields, descendants still to come]
    last: Optional[list] = None
    for pos, k in enumerate(keys):
        mark = marks[k]
        if mark.kind == "header" and "descendants" in mark.fields:
            fields = mark.fields
            hidden = fields.pop(_HIDDEN, 0)
            while pending and pending[-1][1] <= 0:
                pending.pop()
            ancestors = [e for e in pending if e[1] > 0]
            for e in pending:
                e[1] -= 1
            j = k + max(1, mark.lines)
            while j < n and j not in marks and not text[lines[j].start : lines[j].end].strip():
                j += 1
            if j >= n or j in marks:  # no text: the speaker stage will drop it
                _take(ancestors, 1, replay=False)
            _take(ancestors, hidden)
            if len(pending) >= _MAX_NESTING:
                fields["descendants"] = 0  # implausible counts: keep the replay (and the speaker stage's) linear
            last = [fields, int(fields["descendants"])]
            pending.append(last)
        elif mark.kind == "chrome" and last is not None and last[1] > 0:
            line = text[lines[k].start : lines[k].end].strip().lower()
            if line.startswith("continue this thread"):
                _take([e for e in pending if e[1] > 0], last[1])


def _take(entries: list[list], count: int, replay: bool = True) -> None:
    """Take ``count`` unseen comments off each entry's count (and, with
    ``replay``, off what the replay still expects: a dropped comment has
    already taken its place in the replay, hidden replies never will)."""
    if count <= 0:
        return
    for e in entries:
        if replay:
            e[1] -= count
        e[0]["descendants"] = max(0, int(e[0]["descendants"]) - count)
