"""Mail: raw RFC 822 messages, mbox files and digests, and mailing-list
archive pages (pipermail, hypermail, mail-archive.com, MHonArc, public-inbox),
copied as text and concatenated.

**Raw mail.** A header block is a run of ``Field-Name: value`` lines (names in
RFC 5322 ``ftext`` starting with a letter, in the first column) with their
continuation lines (starting with a space or tab), optionally opened by an
mbox ``From <sender> <asctime>`` line; every field in the block (Received,
X-*, MIME-Version, Content-Type, Digest ``Message: N``…) belongs to it. The
block is one ``header`` mark with ``author`` (:func:`email.utils.parseaddr`,
RFC 2047 words decoded, ``via list``/``[list]`` decorations stripped; the
address when no name is printed), ``age`` (the date as printed), ``posted_at``
(aware dates in UTC), ``message_id``/``in_reply_to`` (``<id>``),
``references`` (ids in order), ``topic``, ``reply_subject`` and, for a
message that answers nothing, ``depth`` 0. The speaker attributor links a
message to the one its In-Reply-To names (``in-reply-to``).

A block after a message's text is a new message when it names a sender and
the message (``Date:`` or ``Message-ID:``) and is not an embedded copy:
quoted or indented lines never match; a block under ``---------- Forwarded
message ---------``, ``-----Original Message-----`` or ``Begin forwarded
message:`` (a line of a few words: a sentence about "the original entry"
introduces no copy), one with Outlook's ``Sent:``, or, after text, one whose date no
mailer wrote (``Monday, 3 March 2025 at 10:00``) stays text. git's in-body
``From:`` line joins its header's mark. A digest's list boilerplate and
``Today's Topics:`` are chrome (``meta``, ``navigation``), as are the rows of
dashes between its messages.

**Archive pages.** A message page prints a header, then navigation, then the
message body::

    [devel] Re: Notes on the build              <- subject (``[List] `` optional)
    Pia Lund pia.lund at example.org            <- name + address (``x at y``, ``<x@y>``, ``(x@y)``)
    Tue Mar  4 09:12:00 UTC 2025                <- date (ctime, RFC 2822, hypermail or ISO)

    Previous message: [devel] Notes on the build
    Next message: [devel] Re: Notes on the build
    Messages sorted by: [ date ] [ thread ] [ subject ] [ author ]

    ...body, with ``>`` quotes and ``On <date>, <name> wrote:`` lines...

    --
    Pia

    More information about the devel mailing list

Hypermail and public-inbox print ``From:``/``Date:``/``Subject:`` lines
instead (``From: Pia Lund (pia@example.org)``), read as header blocks above;
public-inbox's thread view (lore.kernel.org) puts the date in the ``From:``
line, ``From: Pia Lund @ 2024-04-05  4:47 UTC (permalink / raw)``, a header
by itself, under a thread overview (``@ 2024-04-05  4:47 Pia Lund`` …
``2 siblings, 1 reply; 8+ messages in thread``) that is navigation;
mail-archive.com the bare name over the date. Each header becomes one
``header`` mark with ``author``, ``age``, ``posted_at``, ``permalink`` (a
shown ``Message-ID``) and ``depth`` 0 for a subject without ``Re:`` (a thread
root). Navigation lines are chrome ``navigation``; list footers (``More
information about…``, a ``____`` line over ``… mailing list``,
scrubbed-attachment notes, hypermail's generator line) are ``meta``; the last
``-- ``/``--`` block of a body with no ``>`` line after it (as in a ``git
format-patch`` trailer) and trailing ``Sent from my …`` lines are
``signature``.

Archive dates (ctime with a zone name, hypermail's, ``3:28 PM``) are read by
:func:`parse_date`: :func:`email.utils.parsedate_tz` reads ``BST`` and
``CEST`` as UTC, ignores ``PM`` and accepts 31 November. Obfuscated senders
(``pia at example.org (Pia)``, ``Name x at y``), which ``parseaddr`` misreads,
by :func:`parse_sender`.

Quotes, ``On … wrote:`` lines and Outlook ``-----Original Message-----``
blocks are left to the core quote detector; without threading headers,
parents come from what a reply quotes and whom its attribution line names.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message
from email.utils import parseaddr, parsedate_to_datetime, parsedate_tz
from typing import Any, Optional

import regex

from ..dates import month_number
from ..text import Line
from . import SAMPLE_LINES, Dialect, LineMark, register

# Lines longer than this are never headers, navigation or footers.
_MAX_LINE = 300
# Lines the detector looks at.
_SAMPLE_LINES = SAMPLE_LINES  # the lines score() reads (dialects by region look past them)
# A signature is the last ``--`` block of a body: at most this many lines long
# (mail clients and archives cut longer "signatures"; the renderer's rule too).
_MAX_SIGNATURE_LINES = 21

_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6}\.?"
_MON = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
_TIME = r"(?P<H>\d{1,2}):(?P<M>\d\d)(?::(?P<S>\d\d))?"
_TZ = r"(?P<tz>[A-Z]{1,5}|[+-]\d\d:?\d\d)"

# ``Tue Nov 17 15:28:38 UTC 2009`` (pipermail, ctime) and ``Tue Nov 17 15:28:38 2009``.
_DATE_CTIME = _DAY + r",?[ ]{1,3}" + _MON + r"[ ]{1,3}(?P<d>\d{1,2}),?[ ]{1,3}" + _TIME + r"(?:[ ]{1,3}" + _TZ + r")?[ ]{1,3}(?P<y>\d{4})"
# ``Tue, 17 Nov 2009 15:28:38 +0000 (UTC)`` (RFC 2822, mail-archive.com, public-inbox).
_DATE_RFC = r"(?:" + _DAY + r",?[ ]{1,3})?(?P<d>\d{1,2})[ ]{1,3}" + _MON + r"[ ]{1,3}(?P<y>\d{4}),?[ ]{1,3}" + _TIME + r"(?:[ ]{1,3}" + _TZ + r")?(?:[ ]{1,3}\([A-Za-z0-9 +:\-]{1,20}\))?"
# ``Tue Nov 17 2009 - 15:28:38 EST`` (hypermail).
_DATE_HYPER = r"(?:" + _DAY + r",?[ ]{1,3})?" + _MON + r"[ ]{1,3}(?P<d>\d{1,2}),?[ ]{1,3}(?P<y>\d{4})(?:[ ]{1,3}-|,|[ ]at)?[ ]{1,3}" + _TIME + r"(?:[ ]?(?P<ampm>[AaPp][Mm]))?(?:[ ]{1,3}" + _TZ + r")?"
# ``2009-11-17 15:28:38 +0000`` / ``2009-11-17T15:28:38Z``.
_DATE_ISO = r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)[ T]" + _TIME + r"(?:[ ]?" + r"(?P<tz>Z|UTC|GMT|[+-]\d\d:?\d\d))?"

_DATES = [regex.compile(p) for p in (_DATE_CTIME, _DATE_RFC, _DATE_HYPER, _DATE_ISO)]
_DATE_HINT = regex.compile(r"\d:\d\d")

_LOCAL = r"[\w.+\-=']{1,64}"
_DOMAIN = r"[\w\-]{1,63}(?:\.[\w\-]{1,63}){1,6}"
_LOCAL_PART = regex.compile(_LOCAL)
_ADDR = r"(?:" + _LOCAL + r"[ ]{1,2}at[ ]{1,2}" + _DOMAIN + r"|" + _LOCAL + r"@" + _DOMAIN + r")"
# ``Pia Lund pia.lund at example.org``, ``Pia Lund <pia@example.org>``, ``"pia at example.org"``.
_NAME_ADDR = regex.compile(
    r"(?:From:[ \t]{1,8})?(?P<name>[^\n<>()]{0,100}?)[ \t]*"
    r"(?P<open>[\"<(]?)(?P<addr>" + _ADDR + r")(?P<close>[\">)]?)[ \t]*"
)
# ``From: pia at example.org (Pia Lund)`` (older hypermail).
_ADDR_NAME = regex.compile(
    r"(?:From:[ \t]{1,8})?<?(?P<addr>" + _ADDR + r")>?[ \t]{1,4}\((?P<name>[^()\n]{1,100})\)[ \t]*"
)
# mail-archive.com prints the bare name: a short line of name words.
_BARE_NAME = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}.'’\-_]{0,40}(?:[ ][\p{L}\p{M}\p{N}.'’\-_(),]{1,40}){0,4}")

# Words of a byline ("Posted by X", "Post by X"): never part of a bare sender name.
_BYLINE_WORDS = frozenset({"by", "posted"})

_KEY_LINE = regex.compile(
    r"(?P<key>From|Date|Subject|To|Cc|CC|Message-I[Dd]|In-Reply-To|References|Reply-To|"
    r"Organization|Sender|List-Id|Newsgroups|Sent)[ \t]*:[ \t]*(?P<value>[^\n]{0,280})"
)
# public-inbox (lore.kernel.org) prints the date in the From: line:
# "From: Ana Roe @ 2024-04-05  4:47 UTC (permalink / raw)".
_INBOX_FROM = regex.compile(
    r"(?P<name>[^\n]{1,200}?)[ \t]+@[ \t]+(?P<date>\d{4}-\d\d-\d\d[ \t]+\d{1,2}:\d\d(?::\d\d)?[ \t]+UTC)"
    r"(?:[ \t]*\([ \t]*permalink[ \t]*/[ \t]*raw[ \t]*\)(?:[ \t][^\n]*)?"  # (its indented To: line folds in)
    r"|[ \t]*\(?)"  # (a clipper that puts each link on a line of its own leaves "UTC (")
)
_MESSAGE_ID = regex.compile(r"<?(?P<id>[^\s<>@]{1,200}@[^\s<>]{1,200}?)>?(?:[ \t].{0,40})?")
_RE_SUBJECT = regex.compile(
    r"(?:Subject:[ \t]*)?(?:\[[^\]\n]{1,80}\][ \t]*)?(?i:re|aw|sv|vs|antw|odp|ref|fwd?|r)[ \t]?(?:\[\d{1,3}\])?:"
    # the 2nd..nth patch of a series answers its cover letter
    r"|[^\n]{0,120}?\[[^\]\n]{0,60}PATCH[^\]\n]{0,40}?[ ]0{0,3}[1-9]\d{0,3}/\d{1,4}\]"
)

_NAV = regex.compile(
    r"[ \t]{0,8}(?:[*•·\-][ \t]{1,4})?"
    r"(?:(?:Previous|Next|Prev)[ ]message(?:[ ]\(by[ ]thread\))?:"
    r"|Messages[ ]sorted[ ]by:"
    r"|(?:Next|Previous|Prev)[ ]in[ ]thread:"
    r"|(?:Maybe[ ])?(?:In[ ]reply[ ]to|Reply):[ ][^\n]{0,200}?(?:\"|:)[^\n]{0,200}"
    r"|Contemporary[ ]messages[ ]sorted:"
    r"|Follow-Ups?:"
    r"|<?Prev[ ]in[ ]Thread\]"
    r"|\^[ ]permalink[ ]raw[ ]reply\b"
    # whole lines only: these words also begin sentences
    r"|(?:Reply[ ]via[ ]email[ ]to[ ][^\n]{1,80}"
    r"|(?:Previous|Next)[ ]message"
    r"|(?:Thread|Date|Author|Subject)[ ]Index"
    r"|View[ ]by[ ](?:thread|date)"
    r"|(?:\[[ ]?(?:Date|Thread|Author|Subject)[ ](?:Prev|Next|Index)[ ]?\][ \t]*){2,}"
    r")[ \t]*\Z"
    r")"
)
# public-inbox's thread overview over each message: entries ("@ 2024-04-05  5:07 ` Ana Roe"
# marks the message itself, "  2024-04-05  4:47 [PATCH] subject Ana Roe") closed by the
# "2 siblings, 1 reply; 8+ messages in thread" line; only a run that closes so is one.
_OVERVIEW_ENTRY = regex.compile(r"(?:@[ ]|[ ]{2})[ ]?\d{4}-\d\d-\d\d[ ]{1,2}\d{1,2}:\d\d[ ][^\n]{1,300}")
_OVERVIEW_END = regex.compile(
    r"[ ]{0,4}\d{1,5}[ ]siblings?,[ ]\d{1,5}[ ]repl(?:y|ies);[ ]\d{1,6}\+?[ ]messages?[ ]in[ ]thread[ \t]*"
)
# A MIME part's label in a mutt or public-inbox print: "[-- Attachment #2: signature.asc --]",
# "[-- Type: text/plain, Size: 3239 bytes --]".
_MIME_PART = regex.compile(r"[ \t]{0,8}\[--[ ][^\n]{1,200}?[ ]--\][ \t]*")
_MORE_INFO = regex.compile(r"[ \t]{0,8}More[ ]information[ ]about[ ]the[ ][^\n]{1,120}[ ]mailing[ ]list[ \t.]*")
_GENERATED = regex.compile(
    r"[ \t]{0,8}(?:This[ ]archive[ ]was[ ]generated[ ]by[ ](?:hypermail|MHonArc)\b"
    r"|This[ ]message:[ ]\[[ ]Message[ ]body[ ]\])"
)
_UNDERSCORES = regex.compile(r"[ \t]{0,8}_{5,}[ \t]*")
_LIST_FOOTER_HINT = regex.compile(
    r"(?i:mailing[ ]list|listinfo|unsubscribe|lists?[.@]|@lists\b|mail(?:man)?/listinfo)"
)
_NEXT_PART = regex.compile(r"-{3,}[ ]?(?:next[ ]part|Next[ ]part)[ ]?-{3,}")
_SCRUBBED = regex.compile(
    r"(?:A[ ]non-text[ ]attachment[ ]was[ ]scrubbed|An[ ]HTML[ ]attachment[ ]was[ ]scrubbed"
    r"|An[ ]embedded[ ](?:and[ ]charset-unspecified[ ]text|message)[ ]was[ ]scrubbed"
    r"|(?:Name|Type|Size|Desc|URL|Url)[ ]?:|<https?://)"
)
_SIGNATURE_DASHES = regex.compile(r"--[ \t\u00a0]{0,8}")
_MOBILE_SIGNATURE = regex.compile(
    r"[ \t]{0,8}(?:\(|<<)?(?i:sent[ ](?:from|with|via|by)[ ][^\n]{1,80}|get[ ]\[?outlook[ ]for[ ][^\n]{1,80}"
    r"|envoyé[ ]de(?:puis)?[ ]mon[ ][^\n]{1,40}|von[ ]meinem[ ][^\n]{1,40}[ ]gesendet"
    r"|verzonden[ ](?:met|vanaf)[ ][^\n]{1,40}|enviado[ ]desde[ ]mi[ ][^\n]{1,40}"
    r"|inviato[ ]da[ ][^\n]{1,40}|skickat[ ]från[ ]min[ ][^\n]{1,40}|從我的[ ]?[^\n]{1,20}傳送"
    r"|diese[ ]nachricht[ ]wurde[ ]von[ ]meinem[ ][^\n]{1,80}gesendet)(?:\)|>>)?[ \t.]*"
)
_NAV_FIRST = frozenset("PNMRCTDVFIAS<[*•·-^")

_TZ_HOURS = {
    "UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "WET": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
    "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
    "CET": 1, "CEST": 2, "MET": 1, "MEST": 2, "BST": 1, "WEST": 1, "EET": 2, "EEST": 3,
    "MSK": 3, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}


def _fullmatch(pattern: regex.Pattern, s: str):
    """No ``timeout=``: the patterns are linear (tests/test_linear_patterns.py)."""
    return pattern.fullmatch(s)


def _match(pattern: regex.Pattern, s: str):
    """No ``timeout=``: the patterns are linear (tests/test_linear_patterns.py)."""
    return pattern.match(s)


def parse_date(s: str) -> Optional[tuple[str, Optional[datetime]]]:
    """``(the date as printed, datetime or None)`` when ``s`` is only a date.

    The archive formats (ctime with a zone name, hypermail, ISO, ``3:28 PM``)
    are read here: :func:`email.utils.parsedate_tz` reads ``BST`` as UTC,
    ignores ``PM`` and accepts 31 November. An aware result keeps the
    printed offset (mail header blocks convert it to UTC).
    """
    s = s.strip()
    if not (8 <= len(s) <= 80) or not _DATE_HINT.search(s):
        return None
    for pattern in _DATES:
        m = _fullmatch(pattern, s)
        if m:
            return s, _to_datetime(m)
    return None


def _to_datetime(m) -> Optional[datetime]:
    g = m.groupdict()
    try:
        month = int(g["m"]) if g.get("m") else month_number(g["mon"])
        hour = int(g["H"])
        ampm = (g.get("ampm") or "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        dt = datetime(int(g["y"]), month, int(g["d"]), hour, int(g["M"]), int(g["S"] or 0))
    except (ValueError, KeyError, TypeError):
        return None
    tz = g.get("tz")
    if not tz:
        return dt
    if tz[0] in "+-":
        digits = tz[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        try:
            return dt.replace(tzinfo=timezone(-offset if tz[0] == "-" else offset))
        except ValueError:
            return dt
    hours = _TZ_HOURS.get(tz)
    if hours is None:
        return dt
    return dt.replace(tzinfo=timezone(timedelta(hours=hours)) if hours else timezone.utc)


def parse_sender(s: str) -> Optional[tuple[str, str]]:
    """``(display name, address)`` for a line that is a sender: ``Name x at y``,
    ``Name <x@y>``, ``x at y (Name)``; the name is the address when none is printed."""
    s = s.strip()
    if not s or len(s) > 200 or ("@" not in s and " at " not in s and not s.endswith(" at")):
        return None
    m = _fullmatch(_ADDR_NAME, s) or _fullmatch(_NAME_ADDR, s)
    if not m:
        return _truncated_sender(s)
    addr = m.group("addr")
    name = " ".join(m.group("name").split()).strip("\"'").strip(" ,;:").strip()
    if name.casefold().startswith("from:"):
        name = name[5:].strip()
    if not name or name.casefold() in ("from", "by"):
        name = addr
    if name.endswith(("wrote", "said", "writes")):
        return None
    return strip_list_decoration(name), addr


def _truncated_sender(s: str) -> Optional[tuple[str, str]]:
    """``Laura Czajkowski laura at``: a pipermail sender whose obfuscated
    address lost its domain in the copy (the domain was a link)."""
    if not s.endswith(" at"):
        return None
    words = s[:-3].split()
    # two capitalised name words at least: ``We met at`` is prose
    if len(words) < 3 or not _fullmatch(_LOCAL_PART, words[-1]) or not all(w[:1].isupper() for w in words[:-1]):
        return None
    name = " ".join(words[:-1])
    if name.casefold() in ("at", "from", "by") or name.endswith(("wrote", "said", "writes")):
        return None
    return strip_list_decoration(name), words[-1] + " at"


def _is_subject(s: str) -> bool:
    t = s.strip()
    return bool(t) and len(t) <= _MAX_LINE and parse_date(t) is None and not _match(_NAV, s) and not _match(_KEY_LINE, t)


# A subject is a title: a few words, not a sentence closed by a full stop.
_TITLE_WORDS = 16


def _reads_as_title(s: str) -> bool:
    t = s.strip()
    return len(t.split()) <= _TITLE_WORDS and not (t.endswith(".") and not t.endswith(".."))


class _Lines:
    """Line texts on demand (``None`` for a line too long to be structure)."""

    def __init__(self, text: str, lines: list[Line]) -> None:
        self.text, self.lines = text, lines
        # (public-inbox's thread overview closes with this; without it, no line is one)
        self.overview = "in thread" in text

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, i: int) -> Optional[str]:
        ln = self.lines[i]
        if ln.end - ln.start > _MAX_LINE:
            return None
        return self.text[ln.start : ln.end]

    def raw(self, i: int) -> Optional[str]:
        """Line ``i`` up to the longest header line (``None`` beyond, or past
        the last line: a MIME delimiter may end the dump)."""
        if not 0 <= i < len(self.lines):
            return None
        ln = self.lines[i]
        if ln.end - ln.start > _MAX_FIELD_LINE:
            return None
        return self.text[ln.start : ln.end]

    def blank(self, i: int) -> bool:
        ln = self.lines[i]
        if ln.end - ln.start > 64:
            return False
        return not self.text[ln.start : ln.end].strip()


def _header_at(ls: _Lines, i: int, boundary: bool = True, before: bool = True) -> Optional[tuple[int, int, dict[str, Any]]]:
    """A header whose sender line is ``i``: ``(first line, line count, fields)``.

    ``boundary``: the last non-blank line above ``i`` ends a message (or there
    is none); ``before``: the same for the line above that one.
    """
    n = len(ls)
    s = ls[i]
    if s is None or not s.strip():
        return None
    if _match(_KEY_LINE, s.strip()) is not None:
        return None  # ``Name: value`` lines are read by rfc_header
    sender = parse_sender(s)
    j = i + 1
    if j < n and ls.blank(j) and j + 1 < n:
        j += 1  # a blank line between the sender and the date
    nxt = ls[j] if j < n else None
    date = parse_date(nxt) if nxt is not None else None
    if date is None:
        return None
    lo = i
    heading = False
    if sender is None:
        # mail-archive.com: subject, bare name, date.
        t = s.strip()
        if len(t) > 60 or not _fullmatch(_BARE_NAME, t) or i == 0:
            return None
        if _BYLINE_WORDS.intersection(t.casefold().split()):
            return None  # "Post by Cyan": a forum's byline, not a bare sender name
        prev = ls[i - 1]
        if prev is None or not _is_subject(prev) or not (i == 1 or ls.blank(i - 2)):
            return None
        if not (i == 1 or prev.lstrip().startswith("[") or _match(_RE_SUBJECT, prev.strip())) or not _reads_as_title(prev):
            # A paragraph's last line over a name and a date is no archive's
            # subject: that opens the page, or says it is a list's or a reply.
            return None
        name, addr = t, None
        lo = i - 1
    else:
        name, addr = sender
        if i > 0 and ls[i - 1] is not None and _is_subject(ls[i - 1]) and (
            i == 1 or ls.blank(i - 2) or (ls[i - 1] or "").lstrip().startswith("[")
        ):
            lo = i - 1
        elif (
            before
            and i >= 2
            and ls.blank(i - 1)
            and ls[i - 2] is not None
            and len(ls[i - 2].strip()) <= 160
            and _is_subject(ls[i - 2])
            and (i == 2 or ls.blank(i - 3))
        ):
            # pipermail prints the subject as the page's heading, a blank
            # line above the sender: it opens the dump or follows chrome. The
            # heading drops ``Re:``, so it says nothing of the depth.
            lo = i - 2
            heading = True
    fields: dict[str, Any] = {"author": name, "age": date[0]}
    if addr is not None:
        fields["addressed"] = True
    if date[1] is not None:
        fields["posted_at"] = date[1]
    hi = j + 1
    if hi < n and ls[hi] is not None:
        mid = _match(_KEY_LINE, ls[hi].strip())
        if mid is not None and mid.group("key").lower() == "message-id":
            m = _fullmatch(_MESSAGE_ID, mid.group("value").strip())
            if m:
                fields["permalink"] = m.group("id")
                hi += 1
    if lo < i:
        subject = ls[lo] or ""
        fields["topic"] = _topic(subject)
        if not heading and not _match(_RE_SUBJECT, subject.strip()):
            fields["depth"] = 0
    return lo, hi - lo, fields


# ---------------------------------------------------------------------- RFC 822

# A header line longer than this ends a header block (a References line of a
# long thread runs to a few thousand characters).
_MAX_FIELD_LINE = 8000
# A header block is at most this many lines (Received chains included).
_MAX_BLOCK_LINES = 400
# The fields that thread a message: a block holding one of them is a message
# even after text with a human date, or without a subject.
_THREADING = ("message-id", "in-reply-to", "references")
# Subject prefixes: ``Re: subject`` starting a line is a subject, no field.
_REPLY_WORDS = frozenset({"re", "aw", "sv", "vs", "antw", "odp", "ref", "fw", "fwd", "r", "tr", "wg", "rv", "res"})
# Zones ``email.utils`` reads exactly (RFC 2822 §4.3); others it reads as UTC.
_RFC_ZONES = frozenset({"UT", "UTC", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT"})


# A mail field as a Markdown archive prints it: "- **From:** Ana <ana@x>",
# "**Message-ID:** `<id@x>`" (list bullet and emphasis are markup).
_MD_FIELD = regex.compile(
    r"(?:[-*+][ \t]+)?(?P<em>\*\*|__|\*|_)(?P<name>[A-Za-z][A-Za-z0-9-]{0,40})(?::(?P=em)|(?P=em):)[ \t]*(?P<value>[^\n]*)"
)


def field_line(s: str) -> Optional[tuple[str, str]]:
    """``(lower-cased name, value)`` when ``s`` is an RFC 822 ``Field-Name: value``
    line: the name starts in the first column with a letter and is printable
    ASCII without spaces or colons (RFC 5322 ``ftext``). A Markdown archive's
    ``- **From:** value`` is one too (the value's code marks dropped)."""
    if s[:1] in "-*+_" and "**:" not in s[:4] and (m := _MD_FIELD.match(s)) is not None:
        name = m.group("name")
        if name.casefold() in _REPLY_WORDS:
            return None
        return name.lower(), m.group("value").strip().strip("`").strip()
    colon = s.find(":", 0, 78)
    if colon <= 0:
        return None
    name = s[:colon].rstrip(" \t")
    if not name or not ("a" <= name[0] <= "z" or "A" <= name[0] <= "Z"):
        return None
    if name.casefold() in _REPLY_WORDS:
        return None  # ``Re: subject``: a subject line, no field
    for ch in name:
        if not "!" <= ch <= "~":
            return None
    value = s[colon + 1 :]
    if value.startswith("//"):  # ``http://…`` starting a line of prose
        return None
    return name.lower(), value.strip()


def mbox_separator(s: str) -> bool:
    """An mbox ``From `` line: ``From <sender> <asctime date>``
    (``From mboxrd@z Thu Jan  1 00:00:00 1970``)."""
    if not s.startswith("From ") or len(s) > 200:
        return False
    parts = s[5:].split(None, 1)
    if len(parts) != 2 or ":" not in parts[1] or "@" in parts[1]:
        return False
    try:
        return parsedate_tz(parts[1]) is not None
    except (ValueError, IndexError, TypeError, OverflowError):  # pragma: no cover - defensive
        return False


def decode_words(value: str) -> str:
    """``value`` with RFC 2047 encoded words (``=?utf-8?q?…?=``) decoded; as
    printed when they cannot be."""
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (HeaderParseError, LookupError, UnicodeError, ValueError, AssertionError):
        return value


def strip_list_decoration(name: str) -> str:
    """A display name without what a list adds to it: ``Pia via llvm-dev``,
    ``'Pia Lund' via Compost Group``, ``[devel] Pia``, ``Pia [devel]``."""
    n = " ".join(name.split())
    low = n.casefold()
    k = low.rfind(" via ")
    if k > 0:
        n = n[:k]
    if n.startswith("[") and "]" in n:
        rest = n[n.index("]") + 1 :].strip()
        if rest:
            n = rest
    if n.endswith("]") and "[" in n:
        rest = n[: n.rindex("[")].strip()
        if rest:
            n = rest
    n = n.strip()
    if len(n) > 2 and n[0] == n[-1] and n[0] in "\"'":
        n = n[1:-1].strip()  # ``'Pia Lund' via Group``: the quotes Google Groups adds
    return n


def message_ids(value: str) -> list[str]:
    """The ``<id>`` tokens of a Message-ID/In-Reply-To/References value, in
    order, whitespace removed (a folded id keeps no space); a bare ``x@y``
    token when there are no angle brackets."""
    out: list[str] = []
    pos = 0
    while True:
        a = value.find("<", pos)
        if a < 0:
            break
        b = value.find(">", a + 1)
        if b < 0:
            break
        inner = "".join(value[a + 1 : b].split())
        if inner and "<" not in inner:
            out.append(f"<{inner}>")
        pos = b + 1
    if not out:
        for tok in value.split():
            if "@" in tok and len(tok) > 2:
                out.append(f"<{tok.strip('<>()[],;')}>")
                break
    return out


def to_utc(dt: Optional[datetime]) -> Optional[datetime]:
    """An aware datetime in UTC; a naive one unchanged."""
    if dt is None or dt.tzinfo is None:
        return dt
    try:
        return dt.astimezone(timezone.utc)
    except (OverflowError, ValueError):  # pragma: no cover - year 1 or 9999 at an offset
        return dt


def parse_mail_date(value: str) -> tuple[str, Optional[datetime]]:
    """``(the date as printed, datetime or None)`` for a ``Date:`` value.

    RFC 2822 dates go through :func:`email.utils.parsedate_to_datetime`; a
    zone it does not know (``CEST``, ``BST``: it reads them as UTC) and the
    archive formats it cannot read (hypermail's ``Thu Jun 12 2025 - 08:02:11
    CEST``, ISO) go through :func:`parse_date`. Archive decorations after the
    date (public-inbox's ``\\t[thread overview]``) are not part of it.
    """
    raw = value.strip()
    for cut in ("\t", " [", "  "):
        pos = raw.find(cut, 8)
        if pos > 0:
            raw = raw[:pos].rstrip()
    raw = raw[:120]
    dt: Optional[datetime] = None
    try:
        dt = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        dt = None
    tokens = raw.replace("(", " ").replace(")", " ").split()
    numeric_zone = any(t[:1] in "+-" and t[1:].isdigit() and len(t) == 5 for t in tokens)
    if dt is None or not (numeric_zone or any(t in _RFC_ZONES for t in tokens)):
        archive = parse_date(raw)
        if archive is not None and archive[1] is not None:
            dt = archive[1]
        elif dt is not None:
            dt = dt.replace(tzinfo=None)  # a zone nobody here knows: local time
    return raw, to_utc(dt)


def _iso_date(value: str) -> bool:
    """``value`` is an ISO 8601 date and time (``2025-03-04T09:12:00Z``)."""
    if len(value) < 16 or not value[:4].isdigit() or value[4:5] != "-":
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


_AT_OBFUSCATED = regex.compile(r"(?<=[\w.\-+])_at_(?=[\w\-]+\.[\w.\-]+)")


def parse_from(value: str) -> Optional[str]:
    """The author a ``From:`` value names: the display name (encoded words
    decoded, list decorations stripped) or, with none, the address as printed."""
    v = " ".join(value.split())
    if not v:
        return None
    if "_at_" in v:
        v = _AT_OBFUSCATED.sub("@", v)  # hypermail's ``(pia_at_example.org)``
    name, addr = parseaddr(v)
    if "@" not in addr:
        # ``[devel] Pia <pia@x>``: specials in an unquoted name defeat parseaddr
        lt = v.rfind("<")
        gt = v.find(">", lt + 1)
        if lt >= 0 and gt > lt and "@" in v[lt:gt]:
            name, addr = v[:lt].strip(), v[lt + 1 : gt].strip()
    if "@" not in addr or (name and "@" in name and "<" not in v):
        # an archive's obfuscated form (``pia at example.org (Pia)``,
        # ``Name (x@y)``): email.utils reads these wrong
        sender = parse_sender(v)
        if sender is not None:
            return sender[0]
        if not addr and not name:
            return strip_list_decoration(decode_words(v)) or None
    name = strip_list_decoration(decode_words(name)) if name else ""
    if name:
        return name
    return addr or strip_list_decoration(decode_words(v)) or None


class _Block:
    """An RFC 822 header block: ``fields`` in order (names lower-cased,
    continuation lines unfolded), from line ``lo`` to ``hi`` (exclusive)."""

    __slots__ = ("lo", "hi", "fields", "separator", "keys")

    def __init__(self, lo: int, hi: int, fields: list[tuple[str, str]], separator: bool) -> None:
        self.lo, self.hi, self.fields, self.separator = lo, hi, fields, separator
        self.keys: dict[str, str] = {}
        for k, v in fields:
            self.keys.setdefault(k, v)


def read_block(ls: "_Lines", i: int) -> _Block:
    """The run of header lines starting at line ``i``: an optional mbox ``From ``
    line, then ``Name: value`` lines and their continuation lines (starting
    with a space or tab). Linear in the lines read."""
    n = len(ls)
    j = i
    first = ls.raw(i)
    separator = False
    if first is not None and first.startswith("From ") and i + 1 < n:
        nxt = ls.raw(i + 1)
        # an mbox ``From `` line is followed by the header's first field
        separator = nxt is not None and field_line(nxt) is not None and mbox_separator(first)
    if separator:
        j += 1
    fields: list[tuple[str, str]] = []
    parts: list[str] = []
    while j < n and j - i < _MAX_BLOCK_LINES:
        s = ls.raw(j)
        if s is None:
            break
        if fields and s[:1] in (" ", "\t") and s.strip():
            if len(parts) < 64:
                parts.append(s.strip())
            j += 1
            continue
        f = field_line(s)
        if f is None:
            break
        if parts:
            fields[-1] = (fields[-1][0], " ".join([fields[-1][1], *parts]))
            parts = []
        fields.append(f)
        j += 1
    if parts:
        fields[-1] = (fields[-1][0], " ".join([fields[-1][1], *parts]))
    return _Block(i, j, fields, separator)


def is_forward(subject: str) -> bool:
    """The subject starts (after ``[list]`` tags) with a forward prefix
    (``Fwd:``, ``Fw:``, ``WG:``, ``TR:``): a forward opens a thread."""
    t = subject.strip()[:300]
    if t[:8].casefold() == "subject:":
        t = t[8:].lstrip()
    while t.startswith("[") and "]" in t:
        t = t[t.index("]") + 1 :].lstrip()
    head, colon, _ = t.partition(":")
    return bool(colon) and head.strip().casefold() in ("fwd", "fw", "wg", "tr")


def _in_body_header(ls: "_Lines", j: int) -> int:
    """git's in-body header (``From:``/``Date:``/``Subject:`` lines, then a
    blank line and no quote, first thing in the body): the line after it,
    else ``j``."""
    n = len(ls)
    k = j
    while k < n and k - j < 2 and ls.blank(k):
        k += 1
    if k == j or k >= n:
        return j
    m = k
    while m < n and m - k < 3:
        s = ls.raw(m)
        f = field_line(s) if s is not None else None
        if f is None or f[0] not in ("from", "date", "subject"):
            break
        m += 1
    if m == k or (m < n and not ls.blank(m)):
        return j
    q = m
    while q < n and q - m < 3 and ls.blank(q):
        q += 1
    if q < n and (ls[q] or "").lstrip().startswith(">"):
        return j  # ``From: X`` / ``Date: Y`` over a quote: an attribution
    return m


# Words of the line a mailer prints over a forwarded or quoted message
# (``-----Original Message-----``, ``---------- Forwarded message ---------``,
# ``-------- Weitergeleitete Nachricht --------``, ``Message d'origine``).
_FORWARD_WORDS = (
    "forward", "original", "weitergeleitet", "ursprüngliche", "d'origine", "transféré", "reenviado",
    "inoltrato", "doorgestuurd", "oorspronkelijk", "vidarebefordrat", "videresendt",
)


def _forward_marker(ls: "_Lines", i: int) -> bool:
    """The last non-blank line above ``i`` (within two blank lines) introduces
    an embedded message: ``---------- Forwarded message ---------``,
    ``-----Original Message-----``, ``Begin forwarded message:``."""
    k = i - 1
    while k >= 0 and i - k <= 3 and ls.blank(k):
        k -= 1
    if k < 0 or i - k > 3:
        return False
    s = ls[k]
    if s is None:
        return False
    t = s.strip()
    if not any(ch.isalpha() for ch in t):
        return False  # a digest's row of dashes separates messages
    low = t.casefold()
    # a separator line of a dump (``----- Message 2 -----``) introduces no copy,
    # nor does a line that ends in an emoji shortcode (``Nice! :+1:``)
    # The marker is a line of its own, a few words: a sentence that mentions
    # "the original entry" introduces nothing.
    return (t.endswith(":") and not _SHORTCODE_END.search(t)) or (
        any(word in low for word in _FORWARD_WORDS) and len(_WORDS.findall(t)) <= 5
    )


_WORDS = regex.compile(r"[^\W\d_][\w'’]*")


_SHORTCODE_END = regex.compile(r"(?<![^\s]):[\w+\-]+:\Z")


def rfc_header(ls: "_Lines", i: int, boundary: bool = True, before: bool = True) -> Optional[tuple[int, int, dict[str, Any]]]:
    """A mail header block starting at line ``i``: ``(first line, line count, fields)``.

    A block is a header when an mbox ``From `` line opens it, or when it
    names a sender (``From:``) and the message (``Date:``, ``Message-ID:``)
    and is not an embedded copy: a forwarded or Outlook-quoted message
    (``Sent:``, a forward or ``-----Original Message-----`` line above), or,
    after a message's text, one with neither threading fields nor a date a
    mailer wrote (RFC 2822, ctime or ISO). A
    ``Subject:``-less ``From:``/``Date:`` pair is a hypermail header only
    under a subject line; otherwise it is a mailer's attribution.
    """
    n = len(ls)
    if i > 0:
        prev = ls[i - 1]
        if prev is None:
            return None
        p = prev.strip()
        if p and (field_line(prev) is not None or p.startswith("__") or p.endswith(":")):
            # inside a block that starts higher up, or a copy under Outlook's
            # row of underscores; forward lines are _forward_marker's
            return None
    block = read_block(ls, i)
    keys = block.keys
    if not block.fields:
        return None
    inbox = _INBOX_FROM.fullmatch(keys["from"]) if "from" in keys and "UTC" in keys["from"] else None
    if inbox is not None:
        keys = {**keys, "from": inbox.group("name"), "date": " ".join(inbox.group("date").split())}
    if not block.separator:
        if "from" not in keys or "sent" in keys:
            return None  # Outlook's quoted header block prints ``Sent:``
        if "date" not in keys and "message-id" not in keys:
            return None
        if _forward_marker(ls, i):
            return None
    if inbox is not None:
        author = strip_list_decoration(decode_words(" ".join(inbox.group("name").split()))) or None
    else:
        author = parse_from(keys["from"]) if "from" in keys else None
    raw_date, posted = parse_mail_date(keys["date"]) if "date" in keys else (None, None)
    # a mailer writes an RFC 2822 (or ctime) date; a quoted copy in a body
    # prints a localised one (``Monday, 3 March 2025 at 10:00``)
    machine_date = bool(raw_date) and (parsedate_tz(raw_date) is not None or _iso_date(raw_date))
    threaded = any(k in keys for k in _THREADING) or inbox is not None  # (an archive's own header)
    subject = keys.get("subject")
    # hypermail prints the subject above From:/Date:
    # (a page's title may stand one blank line above the block)
    above = i - 2 if i > 1 and ls.blank(i - 1) else i - 1
    under_subject = (
        subject is None
        and not block.separator
        and not threaded
        and above >= 0
        and ls[above] is not None
        and _is_subject(ls[above])
        and (above == 0 or ls.blank(above - 1))
    )
    if not block.separator:
        if author is None and raw_date is None:
            return None
        if not (before if under_subject else boundary) and not threaded and not machine_date:
            # ``From:``/``Date:``/``To:``/``Subject:`` after a message's text
            # with a human date: a quoted (top-posted) message, as Outlook
            # and Gmail print it without a separator
            return None
    fields: dict[str, Any] = {"keyed": True, "rfc": True}
    if block.separator or "message-id" in keys:
        fields["strong"] = True
    if machine_date:
        fields["machine_date"] = True
    if "content-type" in keys or "content-transfer-encoding" in keys:
        fields["mime"] = (keys.get("content-type", "text/plain"), keys.get("content-transfer-encoding", ""))
    if author:
        fields["author"] = author
    if raw_date is not None:
        fields["age"] = raw_date or None
        if posted is not None:
            fields["posted_at"] = posted
    if "message-id" in keys:
        ids = message_ids(keys["message-id"])
        if ids:
            fields["message_id"] = ids[0]
            fields["permalink"] = ids[0][1:-1]
    if "in-reply-to" in keys:
        ids = message_ids(keys["in-reply-to"])
        if ids:
            fields["in_reply_to"] = ids[0]
    if "references" in keys:
        ids = message_ids(keys["references"])
        if ids:
            fields["references"] = ids
    if "x-bugzilla-who" in keys and author is not None and "@" in author and _ROBOT.match(author):
        # A bug tracker's notification: the daemon sends it, the comment's
        # writer is named on the body's first line and in X-Bugzilla-Who.
        fields["author"] = _tracker_writer(ls, block.hi) or " ".join(keys["x-bugzilla-who"].split()) or author
    lo = i
    if subject is None and not block.separator and not threaded:
        # Without a subject, the lines are a mailer's attribution over quoted
        # text (``From: X`` / ``Date: Y`` / blank / ``> ...``), not a header.
        if not (under_subject and before):
            return None
        k = block.hi
        while k < n and k - block.hi < 3 and ls.blank(k):
            k += 1
        if k < n and (ls[k] or "").lstrip().startswith(">"):
            return None
        lo, subject = above, ls[above]
    hi = block.hi
    answers = "in_reply_to" in fields or "references" in fields
    if subject is not None:
        subject = decode_words(subject)
        if not answers:
            # With In-Reply-To/References the parent is exactly named; when
            # it is not in the dump it is unknown, not the latest message on
            # the same subject.
            fields["topic"] = _topic(subject)
        reply = bool(_match(_RE_SUBJECT, subject.strip()[:300])) and not is_forward(subject)
        fields["reply_subject"] = reply
        if not reply and not answers:
            fields["depth"] = 0  # a thread's first message (a forward starts one)
    if block.separator or threaded or "subject" in keys:
        hi = _in_body_header(ls, hi)
    return lo, hi - lo, fields


# A mail robot's address: a notification's sender, never its comment's writer.
_ROBOT = regex.compile(r"(?i)[\w.+\-]*(?:daemon|no-?reply|notifications?)@")
# Bugzilla's line over a notified comment: "--- Comment #3 from Ana Roe (ana@x) ---".
_TRACKER_COMMENT = regex.compile(r"[ \t]*---[ \t]+Comment[ \t]+#\d{1,6}[ \t]+from[ \t]+(?P<who>[^\n]{1,120}?)[ \t]+---[ \t]*")
# How many lines under a notification's header block its comment line is looked for.
TRACKER_REACH = 12


def _tracker_writer(ls: "_Lines", k: int) -> Optional[str]:
    """The writer a Bugzilla notification's body names in its first lines
    (``--- Comment #3 from Ana Roe (ana@x) ---``: the name, or the address
    when no name is printed), or ``None``."""
    for j in range(k, min(len(ls), k + TRACKER_REACH)):
        line = ls[j]
        if line is None or not line.strip():
            continue
        m = _TRACKER_COMMENT.fullmatch(line)
        if m is None:
            if line.lstrip().startswith(">"):
                return None  # (a quoted comment line names whom the reply quotes)
            continue
        who = m.group("who").strip()
        if who.endswith(")") and "(" in who:
            name = who[: who.rfind("(")].strip()
            return name or who[who.rfind("(") + 1 : -1].strip() or None
        return who
    return None


_TOPIC_PREFIX = regex.compile(
    r"[ \t]*(?:Subject:[ \t]*)?(?:(?:\[[^\]\n]{1,80}\]|(?i:re|aw|sv|vs|antw|odp|ref|fwd?)(?:\[\d{1,3}\])?:)[ \t]*)*"
)


def _topic(subject: str) -> str:
    """The subject without list tags and ``Re:``/``Fwd:`` prefixes, case-folded:
    messages of one conversation share it."""
    s = subject.strip()[:300]
    m = _TOPIC_PREFIX.match(s)
    return " ".join(s[m.end() if m else 0 :].split()).casefold()


def _maybe_date(ls: _Lines, j: int) -> bool:
    """A cheap test: line ``j`` is short and holds a clock time."""
    ln = ls.lines[j]
    if not 8 <= ln.end - ln.start <= 90:
        return False
    s = ls.text[ln.start : ln.end]
    return ":" in s and _DATE_HINT.search(s) is not None


def _place_header(marks: dict[int, LineMark], found: tuple[int, int, dict[str, Any]], i: int, marked_end: int) -> int:
    """Record a header found at line ``i`` and return the line after it. A
    header that reaches back over lines already marked (chrome, not a
    subject) starts at ``i`` instead, and no longer claims a thread root."""
    lo, count, fields = found
    if lo < marked_end:
        lo, count = i, count - (i - lo)
        fields.pop("depth", None)
    marks[lo] = LineMark("header", count, fields=fields)
    return lo + count


def _structure(ls: _Lines, n: int) -> dict[int, LineMark]:
    """Headers, navigation and one-line footers in the first ``n`` lines."""
    marks: dict[int, LineMark] = {}
    # whether the last non-blank line ended a message (or there is none), and
    # the same before it
    boundary = before = True
    marked_end = 0  # lines before this one are taken by a mark
    i = 0
    while i < n:
        s = ls[i]
        if s is None:
            boundary, before = False, boundary
            i += 1
            continue
        t = s.lstrip()
        if not t:
            i += 1
            continue
        c = t[0]
        if ls.overview and (c == "@" or c.isdigit()) and _match(_OVERVIEW_ENTRY, s):
            j = i + 1
            while j < n and j - i < 40 and ls[j] is not None and _match(_OVERVIEW_ENTRY, ls[j]):
                j += 1
            if j < n and ls[j] is not None and _match(_OVERVIEW_END, ls[j]):
                marks[i] = LineMark("chrome", j + 1 - i, "navigation")
                boundary = before = True
                i = marked_end = j + 1
                continue
        if c in _NAV_FIRST and _match(_NAV, s):
            j = i + 1
            while j < n and ls[j] is not None and _match(_NAV, ls[j]):
                j += 1
            marks[i] = LineMark("chrome", j - i, "navigation")
            boundary = before = True
            i = marked_end = j
            continue
        if ls.overview and c.isdigit() and _match(_OVERVIEW_END, s) and i not in marks:
            # an overview whose entries a clipper broke over lines (date,
            # subject and name each on a line of its own): it is still the
            # run of short lines above its closing line
            top = _overview_top(ls, i, marked_end)
            if top is not None:
                for k in [k for k in marks if top <= k < i]:
                    del marks[k]
                marks[top] = LineMark("chrome", i + 1 - top, "navigation")
                boundary = before = True
                i = marked_end = i + 1
                continue
        if c == "[" and _match(_MIME_PART, s):
            marks[i] = LineMark("chrome", 1, "meta")
            boundary = before = True
            i += 1
            marked_end = i
            continue
        if c in "MT" and (_match(_MORE_INFO, s) or _match(_GENERATED, s)):
            marks[i] = LineMark("chrome", 1, "meta")
            boundary = before = True
            i += 1
            marked_end = i
            continue
        if (s[:1].isalpha() or s[:1] in "-*+_") and (s.startswith("From ") or field_line(s) is not None):
            found = rfc_header(ls, i, boundary, before)
            if found is not None:
                i = marked_end = _place_header(marks, found, i, marked_end)
                boundary = before = True
                continue
        if i + 1 < n and (
            (c in "FDS" and _match(_KEY_LINE, t))
            or _maybe_date(ls, i + 1)
            or (i + 2 < n and ls.blank(i + 1) and _maybe_date(ls, i + 2))
        ):
            found = _header_at(ls, i, boundary, before)
            if found is not None:
                i = marked_end = _place_header(marks, found, i, marked_end)
                boundary = before = True
                continue
        boundary, before = False, boundary
        i += 1
    return marks


_OVERVIEW_DATE = regex.compile(r"[^\n]{0,8}\d{4}-\d\d-\d\d[ ]{1,2}\d{1,2}:\d\d\b[^\n]{0,300}")


def _overview_top(ls, end: int, floor: int) -> Optional[int]:
    """The first line of a thread overview closed by line ``end``, read
    upwards over short lines (an entry's date, subject or name; at most 300
    characters, no sentence end) and blank ones, not past line ``floor``;
    ``None`` unless two of them carry an entry's date."""
    k, top, dates = end - 1, None, 0
    while k >= floor and end - k <= 40:
        s = ls[k]
        if s is None:
            break
        t = s.strip()
        if t:
            if t.endswith((".", "?", "!", ":")) or len(t) > 300:
                break
            if _match(_OVERVIEW_DATE, t):
                dates += 1
            top = k
        k -= 1
    return top if dates >= 2 else None


@register
class Mail(Dialect):
    name = "mail"
    description = (
        "Mail: raw RFC 822 messages, mbox files and digests, and mailing-list archive pages "
        "(pipermail, hypermail, mail-archive, public-inbox): header, navigation, body, footer."
    )
    # Every header holds a clock time (each date form has one; an mbox
    # ``From `` line's asctime too) or a ``From:`` field.
    mark_hint = (r":\d\d", r"[Ff][Rr][Oo][Mm][ \t]*:")

    # ------------------------------------------------------------------ detection

    def score(self, text: str, lines: list[Line]) -> float:
        ls = _Lines(text, lines)
        marks = _structure(ls, min(len(lines), _SAMPLE_LINES))
        headers = keyed = nav = footers = 0
        rfc = 0.0
        for k, m in marks.items():
            if m.kind == "header":
                if m.fields.get("rfc"):
                    # an mbox separator, a Message-ID or a whole header block
                    # opening the dump is mail; a From/Date/Subject block
                    # inside a dump may be a pasted one
                    # (0.1 when no mailer wrote its date: an archive's or a paste's)
                    if m.fields.get("strong") or k == 0 or _opens(ls, k):
                        rfc += 0.35  # (an archive page's block under its title opens it too)
                    else:
                        rfc += 0.2 if m.fields.get("machine_date") else 0.1
                elif m.fields.get("keyed"):
                    keyed += 1
                else:
                    headers += 1
                    if headers == 1 and m.fields.get("addressed") and _opens(ls, k):
                        # one archive page: a sender with an address over a
                        # date, under nothing but the page's title
                        rfc += 0.15
            elif m.chrome_kind == "navigation":
                nav += 1
            else:
                footers += 1
        evidence = (
            0.2 * min(headers, 5) + 0.1 * min(keyed, 5) + min(rfc, 1.0) + 0.1 * min(nav, 5) + 0.15 * min(footers, 3)
        )
        if headers + keyed == 0 and rfc == 0:
            evidence = min(evidence, 0.25 if nav + footers < 4 else 0.6)
        return min(1.0, evidence)

    # ------------------------------------------------------------------ marking

    def mark_lines(self, text: str, lines: list[Line]) -> dict[int, LineMark]:
        ls = _Lines(text, lines)
        n = len(lines)
        marks = _structure(ls, n)
        mime: dict[int, tuple[str, str]] = {}
        for k, m in marks.items():
            if "mime" in m.fields:
                mime[k] = m.fields.pop("mime")
            for private in ("keyed", "rfc", "strong", "addressed", "machine_date"):
                m.fields.pop(private, None)
        taken = bytearray(n)
        for k, m in marks.items():
            taken[k : k + m.lines] = b"\x01" * m.lines

        def put(lo: int, count: int, mark: LineMark) -> None:
            marks[lo] = mark
            taken[lo : lo + count] = b"\x01" * count

        # 2. bodies: the stretches between marks; footers and signatures at their
        # ends. A body under a header printed before (a second capture of the
        # page) is a repeat as a whole, signature included: the deduplicator's.
        seen: set[str] = set()
        repeat = False
        content: Optional[tuple[str, str]] = None
        i = 0
        while i < n:
            if taken[i]:
                mark = marks.get(i)
                if mark is not None and mark.kind == "header":
                    key = " ".join(text[lines[i].start : lines[i + mark.lines - 1].end].split())
                    repeat = key in seen
                    seen.add(key)
                    content = mime.get(i)
                i += 1
                continue
            j = i
            while j < n and not taken[j]:
                j += 1
            if content is not None and not repeat:
                parts = _mime_parts(ls, i, j, content[0], content[1], put)
            else:
                parts = [(i, j)]
            content = None  # the next stretch after a chrome line is no MIME body
            for lo, hi in parts:
                self._body_tail(ls, lo, hi, put, repeat)
            i = j
        # 3. patches inside bodies: their `>`/`-`/`+` lines are code
        for lo, hi in diff_lines(text, lines):
            if hi > lo and not any(taken[lo:hi]):
                marks[lo] = LineMark("code", hi - lo)
        return marks

    @staticmethod
    def _body_tail(ls: _Lines, lo: int, hi: int, put, repeat: bool = False) -> None:
        """Footer, signature and trailing ``Sent from`` lines of the body ``[lo, hi)``.

        A body under a repeated header is left alone: it is a second capture,
        the deduplicator's to find, signature and footer included.
        """
        if repeat:
            return
        end = hi
        # a list footer: a ``____`` line over a line naming the list, to the
        # end of the body or to a signature printed after it
        for k in range(lo, hi - 1):
            s = ls[k]
            if s is None or not s.lstrip().startswith("_____") or not _fullmatch(_UNDERSCORES, s):
                continue
            nxt = ls[k + 1]
            if nxt is not None and _LIST_FOOTER_HINT.search(nxt):
                last = _last_content(ls, k, hi)
                stop = next((j for j in range(k + 2, last + 1) if _is_dashes(ls, j)), last + 1)
                top = _last_content(ls, k, stop)
                put(k, top - k + 1, LineMark("chrome", top - k + 1, "meta"))
                if stop <= last:
                    put(stop, last - stop + 1, LineMark("chrome", last - stop + 1, "signature"))
                end = k
                break
        # scrubbed attachments
        for k in range(lo, end):
            s = ls[k]
            if s is None or not s.startswith("---") or not _fullmatch(_NEXT_PART, s.strip()):
                continue
            j = k + 1
            while j < end and (ls.blank(j) or (ls[j] is not None and _match(_SCRUBBED, ls[j].lstrip()))):
                j += 1
            last = _last_content(ls, k, j)
            put(k, last - k + 1, LineMark("chrome", last - k + 1, "meta"))
            end = k
            break
        lo = _digest_contents(ls, lo, end, put)
        last = _last_content(ls, lo, end)
        trailer = _digest_trailer(ls, lo, last)
        if trailer is not None:
            put(trailer, last - trailer + 1, LineMark("chrome", last - trailer + 1, "meta"))
            end = trailer
            last = _last_content(ls, lo, end)
        if last >= lo and _is_rule(ls, last):
            # a digest's row of dashes between two messages
            put(last, 1, LineMark("chrome", 1, "meta"))
            end = last
            last = _last_content(ls, lo, end)
        if last < lo:
            return
        # the last ``--`` line of the body, with no quote after it
        sig = None
        for k in range(last, max(lo - 1, last - _MAX_SIGNATURE_LINES), -1):
            if _is_dashes(ls, k):
                sig = k
                break
        if sig is not None:
            if any(
                (s := ls[k]) is not None and s.startswith(">") for k in range(sig + 1, last + 1)
            ):
                sig = None
        if sig is None:
            # ``Sent from my phone`` lines closing the body
            k = last
            while k >= lo and ls[k] is not None and _fullmatch(_MOBILE_SIGNATURE, ls[k]):
                k -= 1
                while k >= lo and ls.blank(k):
                    k -= 1
            if k < last:
                sig = k + 1
                while ls.blank(sig):
                    sig += 1
        if sig is not None and sig <= last:
            put(sig, last - sig + 1, LineMark("chrome", last - sig + 1, "signature"))


# MIME nesting followed (multipart/mixed > multipart/alternative > text).
_MAX_MIME_DEPTH = 4


def mime_boundary(content_type: str) -> Optional[str]:
    """The ``boundary`` parameter of a multipart ``Content-Type`` value
    (:meth:`email.message.Message.get_boundary`)."""
    if "boundary" not in content_type.lower() or len(content_type) > 2000:
        return None
    msg = Message()
    try:
        msg["Content-Type"] = content_type
        boundary = msg.get_boundary()
    except (HeaderParseError, ValueError, TypeError, IndexError):  # pragma: no cover - defensive
        return None
    return boundary if boundary and len(boundary) <= 200 else None


def _mime_parts(ls: _Lines, lo: int, hi: int, content_type: str, encoding: str, put) -> list[tuple[int, int]]:
    """The text parts of a MIME body ``[lo, hi)``; the rest is chrome ``meta``.

    A multipart body's preamble (``This is a multi-part message in MIME
    format.``), each ``--boundary`` line with the part's own header block,
    the closing ``--boundary--`` and the epilogue are ``meta``; so is a part
    that is no plain text (an HTML alternative, an attachment, base64) when
    the message has a plain text part. A body that is not multipart is text
    whatever its type: the message's only words.
    """
    plan: list[tuple[int, int, str]] = []  # (first line, end, text|other|meta)
    _mime_plan(ls, lo, hi, content_type, encoding, plan, 0)
    has_text = any(kind == "text" for _, _, kind in plan)
    out: list[tuple[int, int]] = []
    for a, b, kind in plan:
        if kind == "text" or (kind == "other" and not has_text):
            out.append((a, b))
            continue
        last = _last_content(ls, a, b)
        first = a
        while first <= last and ls.blank(first):
            first += 1
        if first <= last:
            put(first, last - first + 1, LineMark("chrome", last - first + 1, "meta"))
    return out


def _mime_plan(ls: _Lines, lo: int, hi: int, content_type: str, encoding: str, plan: list, depth: int) -> None:
    ctype = content_type.strip().lower()
    boundary = mime_boundary(content_type) if ctype.startswith("multipart/") else None
    if boundary is None or depth >= _MAX_MIME_DEPTH:
        plain = (not ctype or ctype.startswith("text/plain")) and "base64" not in encoding.lower()
        plan.append((lo, hi, "text" if plain or depth == 0 else "other"))
        return
    delim, close = "--" + boundary, "--" + boundary + "--"
    cuts: list[int] = []
    closed = hi
    for k in range(lo, hi):
        ln = ls.lines[k]
        if ln.end - ln.start > len(close) + 8 or ls.text[ln.start : ln.start + 2] != "--":
            continue
        t = ls.text[ln.start : ln.end].rstrip()
        if t == close:
            closed = k
            break
        if t == delim:
            cuts.append(k)
    if not cuts:
        plan.append((lo, hi, "text" if depth == 0 else "other"))
        return
    plan.append((lo, cuts[0], "meta"))  # the preamble
    for idx, k in enumerate(cuts):
        end = cuts[idx + 1] if idx + 1 < len(cuts) else closed
        block = read_block(ls, k + 1)
        head_end = block.hi if block.fields else k + 1
        plan.append((k, head_end, "meta"))
        _mime_plan(
            ls, head_end, end, block.keys.get("content-type", "text/plain"),
            block.keys.get("content-transfer-encoding", ""), plan, depth + 1,
        )
    if closed < hi:
        plan.append((closed, hi, "meta"))  # the closing line and the epilogue


# A digest prints its table of contents under this line (Mailman, RFC 1153).
_TOPICS = frozenset({"today's topics:", "today\u2019s topics:", "topics:", "topics in this digest:"})
# A row of dashes at least this long separates a digest's messages.
_MIN_RULE = 20


def _is_rule(ls: _Lines, k: int) -> bool:
    """Line ``k`` is a row of dashes only (RFC 1153 uses 70, then 30)."""
    s = ls[k]
    if s is None:
        return False
    t = s.strip()
    return len(t) >= _MIN_RULE and t.count("-") == len(t)


def _digest_trailer(ls: _Lines, lo: int, last: int) -> Optional[int]:
    """``End of X Digest …`` and an optional row of ``*`` closing a digest
    (RFC 1153, Mailman): the trailer's first line."""
    k = last
    s = ls[k] if k >= lo else None
    if s is not None and len(s.strip()) >= 10 and s.strip().count("*") == len(s.strip()):
        k = _last_content(ls, lo, k)
        s = ls[k] if k >= lo else None
    if s is None or k < lo:
        return None
    t = s.strip()
    if t.startswith("End of ") and "digest" in t.casefold() and len(t) <= 120:
        return k
    return None


def _digest_contents(ls: _Lines, lo: int, hi: int, put) -> int:
    """A digest's own body: the list's boilerplate (``meta``), then ``Today's
    Topics:`` and its numbered list down to the first row of dashes
    (``navigation``). Returns the first line after them (``lo`` without)."""
    toc = None
    for k in range(lo, min(hi, lo + 60)):
        s = ls[k]
        if s is not None and s.strip().casefold() in _TOPICS:
            toc = k
            break
    if toc is None:
        return lo
    stop = next((j for j in range(toc + 1, min(hi, toc + 400)) if _is_rule(ls, j)), None)
    if stop is None:
        return lo
    first = lo
    while first < toc and ls.blank(first):
        first += 1
    if first < toc:
        top = _last_content(ls, first, toc)
        put(first, top - first + 1, LineMark("chrome", top - first + 1, "meta"))
    put(toc, stop - toc + 1, LineMark("chrome", stop - toc + 1, "navigation"))
    return stop + 1


def _opens(ls: _Lines, k: int) -> bool:
    """At most one non-blank line (a title) stands above line ``k``."""
    if k > 8:
        return False
    return sum(not ls.blank(j) for j in range(k)) <= 1


def _is_dashes(ls: _Lines, k: int) -> bool:
    """Line ``k`` is a signature separator: ``--`` or ``-- ``."""
    s = ls[k]
    return s is not None and s.startswith("--") and _fullmatch(_SIGNATURE_DASHES, s) is not None


def _last_content(ls: _Lines, lo: int, hi: int) -> int:
    k = hi - 1
    while k >= lo and ls.blank(k):
        k -= 1
    return k


# ---------------------------------------------------------------------- patches

_HUNK = regex.compile(r"@@[ ]-(?P<a>\d{1,9})(?:,(?P<b>\d{1,9}))?[ ]\+(?P<c>\d{1,9})(?:,(?P<d>\d{1,9}))?[ ]@@")
_DIFF_META = regex.compile(
    r"(?:diff[ ]--git[ ]|diff[ ]-[a-zA-Z]|index[ ][0-9a-f]{4,40}\.\.[0-9a-f]{4,40}|---[ ]\S|\+\+\+[ ]\S"
    r"|new[ ]file[ ]mode[ ]|deleted[ ]file[ ]mode[ ]|old[ ]mode[ ]|new[ ]mode[ ]|similarity[ ]index[ ]"
    r"|rename[ ](?:from|to)[ ]|copy[ ](?:from|to)[ ]|Binary[ ]files[ ]|Index:[ ]\S|={20,}\s*$)"
)


def diff_lines(text: str, lines: list[Line]) -> list[tuple[int, int]]:
    """Unified-diff stretches ``[lo, hi)`` of physical lines (file headers and
    hunks, each hunk exactly as long as its ``@@ -a,b +c,d @@`` line says).

    Their ``+``/``-``/`` `` lines are code, not quotes, list items or
    signatures: a context line may start with ``>`` and a removed line be ``--``.
    """
    out: list[tuple[int, int]] = []
    n = len(lines)
    i = 0
    while i < n:
        ln = lines[i]
        if ln.end - ln.start > 2000:
            i += 1
            continue
        s = text[ln.start : ln.end]
        first = s[:1]
        if first not in ("d", "i", "-", "+", "@", "n", "o", "s", "r", "c", "B", "I", "="):
            i += 1
            continue
        lo = i
        # file-header lines, then hunks
        j = i
        while j < n and j - i < 12:
            t = text[lines[j].start : min(lines[j].end, lines[j].start + 300)]
            if t.startswith("@@") or not _match(_DIFF_META, t):
                break
            j += 1
        if j < n and text[lines[j].start : lines[j].start + 2] == "@@":
            k = j
            while k < n:
                h = _match(_HUNK, text[lines[k].start : min(lines[k].end, lines[k].start + 200)])
                if h is None:
                    break
                old = int(h.group("b")) if h.group("b") is not None else 1
                new = int(h.group("d")) if h.group("d") is not None else 1
                k += 1
                while k < n and (old > 0 or new > 0):
                    c = text[lines[k].start : min(lines[k].end, lines[k].start + 1)]
                    if c == "\\":  # "\ No newline at end of file"
                        k += 1
                        continue
                    if c == "+":
                        new -= 1
                    elif c == "-":
                        old -= 1
                    elif c in (" ", ""):  # context (a blank line: its space was stripped)
                        old -= 1
                        new -= 1
                    else:
                        break
                    k += 1
                while k < n and text[lines[k].start : min(lines[k].end, lines[k].start + 1)] == "\\":
                    k += 1
                # the next file of the same patch
                m = k
                while m < n and m - k < 12:
                    t = text[lines[m].start : min(lines[m].end, lines[m].start + 300)]
                    if t.startswith("@@") or not _match(_DIFF_META, t):
                        break
                    m += 1
                if m < n and text[lines[m].start : lines[m].start + 2] == "@@":
                    k = m
            out.append((lo, k))
            i = max(k, i + 1)
            continue
        i += 1
    return out
