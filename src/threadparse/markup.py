"""A working copy of a dump that carries left-over HTML, at the same offsets.

A page saved as source, or a converter that gave up half way, leaves tags and
character references in the text: ``<p>``, ``<b>Ines Varga</b>``, ``&gt; I
dip for three seconds``, ``&amp;``. Read as they are, a tag becomes a speaker
("div") and an escaped ``&gt;`` hides a quote marker.

:func:`working_copy` returns a copy of the text **of the same length**, in
which

- each character reference (``&amp;``, ``&#39;``, ``&#x2014;``) is the
  character it stands for, followed by spaces up to the reference's length,
  when a conversion left them (several, at least one per 5,000 characters,
  or an escaped quote marker ``&gt;`` opening a line);
- when the dump is HTML (tags on at least a fifth of its lines, and several
  block tags), each tag is blanked with spaces; a block tag (``<p>``,
  ``</div>``, ``<br>``, ``<li>``) ends with a line break, so paragraphs and
  header lines stay apart as the page showed them; comments (``<!-- -->``)
  are blanked whole;
- when the dump is no HTML page but a conversion left tags in its running
  text, three or more of them with attributes, at least one per 5,000
  characters (``<a href="…/u/ana" rel="nofollow">ana</a>``: a forum's user
  links that stayed HTML), each tag outside code (a fenced block, an
  indented line, a backtick before it on its line) is blanked with spaces,
  its line breaks kept, and one that opens a line under a blank line ends
  in a line break (blanked to spaces, it would indent the text after it);
- when (nearly) every text line opens with a ``>`` (a chat or a thread pasted
  into a blockquote), that first ``>`` of each line is blanked: the dump's own
  text, not a quote of anything in it.

Every offset of the copy is the offset of the raw text: the stages read the
copy, and every span, and every ``text`` field of the output, index the raw
text, which is never changed. A dump without references or HTML gives
``None`` (the raw text is the working text). A few tags in a comment about
HTML (``<b>x</b>`` in a code sample) are no evidence: they stay.
"""

from __future__ import annotations

import html
import re
from typing import Optional

# A character reference: named (&amp;), decimal (&#39;) or hexadecimal (&#x2014;).
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

_BLOCK_TAGS = (
    "p div br blockquote li ul ol dl dt dd h1 h2 h3 h4 h5 h6 hr pre table tr thead tbody tfoot "
    "article section header footer nav aside main figure figcaption form center"
).split()
_INLINE_TAGS = (
    "a abbr b big cite code del em font i img ins kbd mark q s small span strike strong sub sup "
    "td th time tt u label button input"
).split()
# A tag of HTML's own vocabulary (not "<color:green>" or "<nick>"), attributes
# bounded and never holding another "<" (so each scan stops at the next one).
_TAG = re.compile(
    r"</?(" + "|".join(sorted(_BLOCK_TAGS + _INLINE_TAGS, key=len, reverse=True)) + r")(?=[\s/>])"
    r"(?:\s[^<>]{0,2000})?/?>",
    re.IGNORECASE,
)
_BLOCK = frozenset(_BLOCK_TAGS)
_COMMENT = re.compile(r"<!--.{0,10000}?-->", re.DOTALL)

# Evidence that references were left by a conversion: at least this many, and
# one per this many characters, or an escaped quote marker opening a line.
MIN_REFERENCES = 3
REFERENCE_CHARS = 5000
_QUOTE_REFERENCE = re.compile(r"^[ \t]{0,3}&gt;", re.MULTILINE)

# Evidence that the dump is HTML: tags on this share of its non-blank lines,
# and at least this many block tags.
MIN_TAG_LINES = 0.2
MIN_BLOCK_TAGS = 3


def working_copy(text: str) -> Optional[str]:
    """The same-length working copy of ``text`` (see the module), or ``None``
    when ``text`` holds nothing to blank or decode."""
    pieces: list[tuple[int, int, str]] = []  # (start, end, replacement of the same length)
    if "&" in text:
        for m in _REFERENCE.finditer(text):
            ch = html.unescape(m.group())
            if ch != m.group() and len(ch) <= m.end() - m.start():
                pieces.append((m.start(), m.end(), ch.ljust(m.end() - m.start())))
    tags = _html_tags(text) if "<" in text else []
    if tags:
        pieces.extend(tags)  # (in an HTML page every reference is one)
    elif len(pieces) < max(MIN_REFERENCES, len(text) / REFERENCE_CHARS) and not (
        "&gt;" in text and _QUOTE_REFERENCE.search(text)
    ):
        pieces = []  # a stray "&amp;" in a long dump: no evidence of a conversion
    if _OPENS_QUOTED.match(text):
        pieces.extend(_quoted_margin(text))
    if not pieces:
        return None
    pieces.sort()
    out: list[str] = []
    at = 0
    for a, b, rep in pieces:
        if a < at:
            continue  # (a reference inside a tag's attributes: the tag blanks it)
        out.append(text[at:a])
        out.append(rep)
        at = b
    out.append(text[at:])
    copy = "".join(out)
    return copy if copy != text else None


# A whole dump behind one quote marker: this share of its non-blank lines at least.
WHOLE_QUOTE_LINES = 0.95
MIN_WHOLE_QUOTE_LINES = 5
_MARGIN = re.compile(r"^[ ]{0,3}>", re.MULTILINE)
_OPENS_QUOTED = re.compile(r"\s*>")  # (the dump's first text is a quote marker)


def _quoted_margin(text: str) -> list[tuple[int, int, str]]:
    """The first ``>`` of every line, blanked, when (nearly) every text line
    of the dump opens with one: a chat or a thread pasted into a blockquote
    (``> __< ana >__ hi``) is the dump's own text, not a quote of anything
    in it; deeper markers stay. Else ``[]``."""
    marks = [m.end() - 1 for m in _MARGIN.finditer(text)]
    if len(marks) < MIN_WHOLE_QUOTE_LINES:
        return []
    non_blank = _text_lines(text)
    if len(marks) < WHOLE_QUOTE_LINES * non_blank:
        return []
    return [(k, k + 1, " ") for k in marks]


def _html_tags(text: str) -> list[tuple[int, int, str]]:
    """The blanked tags and comments of ``text``, when it is HTML; else the
    tags a conversion left in running text (:func:`_left_over_tags`)."""
    found = list(_TAG.finditer(text))
    blocks = sum(1 for m in found if m.group(1).casefold() in _BLOCK)
    if blocks < MIN_BLOCK_TAGS:
        return _left_over_tags(text, found)
    tag_lines = _lines_of(text, found)
    non_blank = sum(1 for line in text.splitlines() if line.strip())
    if tag_lines < MIN_TAG_LINES * non_blank:
        return _left_over_tags(text, found)
    out = []
    for m in found:
        a, b = m.span()
        if m.group(1).casefold() in _BLOCK:
            out.append((a, b, " " * (b - a - 1) + "\n"))
        else:
            out.append((a, b, " " * (b - a)))
    for m in _COMMENT.finditer(text):
        a, b = m.span()
        out.append((a, b, _blanked(m.group())))
    return out


def _blanked(s: str) -> str:
    """``s`` as spaces, its line breaks kept."""
    return "".join(c if c in "\r\n" else " " for c in s)


# Tags with attributes (``<a href="…" rel="nofollow">``) in running text, at
# least this many and one per REFERENCE_CHARS characters: a converter left the
# page's markup (a Markdown copy of a forum whose user links stayed HTML).
# Hand-written HTML sits in code.
MIN_LEFT_OVER_TAGS = 3
_FENCE = re.compile(r"^[ ]{0,3}(?:```|~~~)", re.MULTILINE)


def _left_over_tags(text: str, found: list) -> list[tuple[int, int, str]]:
    """The tags of ``found`` outside code (fences, indented lines, backticks
    on the tag's line before it), blanked (line breaks kept), when at least
    :data:`MIN_LEFT_OVER_TAGS` of them, and one per :data:`REFERENCE_CHARS`
    characters, carry attributes; else ``[]``."""
    # (as for references: a few tags in a long dump are no evidence of a
    # conversion, and would cost a copy of the whole dump)
    needed = max(MIN_LEFT_OVER_TAGS, len(text) / REFERENCE_CHARS)
    if len(found) < needed:
        return []
    fences = [m.start() for m in _FENCE.finditer(text)]
    out = []
    attributed = 0
    k = 0  # fences before the tag
    line_start = 0  # of the tag's line
    ticked = False  # a backtick on that line before the tag
    at = 0  # the text is read up to here (each character once, tags in order)
    for m in found:
        a, b = m.span()
        nl = text.rfind("\n", at, a)
        if nl >= 0:
            line_start, ticked, at = nl + 1, False, nl + 1
        ticked = ticked or text.find("`", at, a) >= 0
        at = max(at, a)
        while k < len(fences) and fences[k] < a:
            k += 1
        if k % 2 or ticked or text.startswith(("    ", "\t"), line_start):
            continue  # inside a fenced block, inline code or an indented (code) line
        if len(m.group()) > len(m.group(1)) + 3:
            attributed += 1
        out.append((a, b, _blanked(m.group())))
    return _line_openers(text, out) if attributed >= needed else []


def _line_openers(text: str, pieces: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The blanked tags ``pieces`` (in order), where a tag that opens a line
    under a blank line (``<a href="…/u/ana">ana</a>   May 2``) ends with a
    line break instead of a space: blanked to spaces, it would indent the
    text after it by its own length, and an indent is read as nesting or
    code. The copy's line then starts where the page's text does, and the
    tag's spaces are a blank line above it."""
    out = []
    prev_end = 0
    opened = False  # the copy's line is blank up to prev_end
    for a, b, rep in pieces:
        nl = text.rfind("\n", prev_end, a)
        if nl >= 0 or not prev_end:
            start = nl + 1 if nl >= 0 else text.rfind("\n", 0, a) + 1
            before = text.rfind("\n", 0, max(start - 1, 0)) + 1
            opens = (not text[start:a].strip()) and (start == 0 or not text[before : start - 1].strip())
        else:
            opens = opened and not text[prev_end:a].strip()
        if opens and rep[-1:] != "\n":
            rep = rep[:-1] + "\n"
        opened = opens or rep[-1:] == "\n"
        out.append((a, b, rep))
        prev_end = b
    return out


_TEXT_LINE = re.compile(r"^[^\S\n]*\S", re.MULTILINE)


def _text_lines(text: str) -> int:
    """How many lines of ``text`` hold text, counted without splitting it
    (lines end at ``\n``, as :data:`_MARGIN` reads them)."""
    return sum(1 for _ in _TEXT_LINE.finditer(text))


def _lines_of(text: str, found: list) -> int:
    """How many lines hold at least one of the matches in ``found`` (in order)."""
    lines, last_line, pos, line = 0, -1, 0, 0
    for m in found:
        line += text.count("\n", pos, m.start())
        pos = m.start()
        if line != last_line:
            lines += 1
            last_line = line
    return lines
