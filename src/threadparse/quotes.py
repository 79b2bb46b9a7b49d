"""Stage 2, the quote detector: marked quotes, attribution lines, and quotes
whose markers were lost, found by text reuse against all earlier text.

Reads ``units`` from the segmenter. Adds:

- ``reuse``: the shared :class:`~threadparse.reuse.ReuseIndex` (the
  deduplicator reads it; nothing builds a second one);
- ``attributions``: lines that introduce a quote (``On … wrote:``, a bare
  ``name:`` line before quoted text, ``-----Original Message-----``);
- ``quotes``: every unit that is quoted text, with its marker and, when the
  quoted passage is in the dump, its source span and score.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Optional

import regex
from rapidfuzz.distance import Indel

from .document import Attribution, Document, QuoteFinding
from .reuse import HeaderOwners, ReuseMatch, _best_chain, build_reuse_index, shingle_hashes
from .speakers import same_person, squash_name
from .text import (
    ATTRIBUTION_OPENER, FORUM_LABEL_OPENER, LINKED_WROTE, NAME_WROTE, QUOTE_MARKS, WROTE, attribution_text,
    widen_to_punct, word_offsets, words,
)

_WROTE = WROTE
_ON_WROTE = regex.compile(
    ATTRIBUTION_OPENER + r"[^\n]{0,300}?(?:\n[^\n]{0,300}?)?" + _WROTE + r"[ \t]*:[ \t]*\Z"
)
_NAME_WROTE = NAME_WROTE
_USER_COLON = regex.compile(r"@?(?P<name>[\w][\w.\-]{0,38}(?:[ ][\w][\w.\-]{0,38}){0,2}):\Z")
_ORIGINAL_MESSAGE = regex.compile(
    r"-{2,}[ ]?(?:Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine"
    r"|Oprindelig meddelelse|Opprinnelig melding|Originalmeddelande|Oorspronkelijk bericht"
    r"|Wiadomość oryginalna|Исходное сообщение|Mensaje original|Messaggio originale)[ ]?-{2,}"
    # "---- On Tue, 22 Dec 2015, Sam wrote ----": a separator, not an inline attribution
    r"|-{2,}[ ]?On\b[^\n]{0,300}?" + _WROTE + r"[ ]?:?[ ]?-{2,}[ \t]*\Z",
    regex.I,
)
# Header fields of an embedded message, as mailers print them in several languages.
_FROM_FIELDS = ("from", "von", "de", "fra", "van", "od", "от", "från", "da", "lähettäjä")
_MAIL_FIELDS = (
    "From|Sent|To|Cc|Subject|Date|Von|Gesendet|An|Betreff|Datum|De|Envoyé|À|Objet|Date|"
    "Fra|Sendt|Til|Emne|Dato|Van|Verzonden|Aan|Onderwerp|Od|Wysłano|Do|Temat|Data|"
    "От|Отправлено|Кому|Тема|Дата|Från|Skickat|Till|Ämne|Enviado|Para|Asunto|Inviato|A|Oggetto"
)
_MAIL_HEADER_LINE = regex.compile(r"\*?(?i:" + _MAIL_FIELDS + r")\*?:\*?[ \t]")
_RULE_LINE = regex.compile(r"[ \t]*(?:-{10,}|_{10,})[ \t]*\Z")
_ATTRIBUTION_NAME = regex.compile(
    r"(?:,[ ]|^)(?P<name>[\p{Lu}][\p{L}.'\-]*(?:[ ][\p{Lu}][\p{L}.'\-]*){0,3})[ ]*(?:<[^>\n]{0,100}>|\([^)\n]{0,100}\))?[ ]*\n?[ ]*"
    + _WROTE
)


def _match(pattern: regex.Pattern, s: str):
    """``pattern.match(s)`` without ``timeout=`` (3.3 µs a call against 0.38 µs):
    every pattern here is linear, or matched on bounded input only
    (tests/test_linear_patterns.py)."""
    return pattern.match(s)


class QuoteDetector:
    """Find quoted text and where it came from."""

    name = "quotes"
    reads = ("units", "cues")
    writes = ("reuse", "quotes", "attributions")

    def __call__(self, doc: Document) -> None:
        cfg = doc.config
        units = doc.units
        text = doc.text
        limit = cfg.max_line_chars

        # Attribution lines are recognised first so they never enter the index.
        for u in units:
            if u.kind != "text" or u.code or u.end - u.start > 400:
                continue
            if u.marker != "none":
                if u.marker == ">" and u.line_hi - u.line_lo == 1:
                    # "> **pia said:**" / "> Reply from pia ↑<date>": a quote
                    # box's title, split off by the segmenter
                    body = QUOTE_MARKS.sub("", text[u.start : u.end], count=1)
                    if attribution_text(body):
                        core = body.strip().strip("*_").strip()
                        m = LINKED_WROTE.fullmatch(core)
                        name = m.group("name").strip() if m else _attribution_name(core)
                        doc.attributions[u.index] = Attribution(u.index, name, "quoted-title")
                continue
            s = text[u.start : min(u.end, u.start + limit)]
            if "--" in s[:12] and _match(_ORIGINAL_MESSAGE, s):
                doc.attributions[u.index] = Attribution(u.index, None, "original-message")
            elif s.rstrip().endswith(":") and (_match(_ON_WROTE, s) or _match(_NAME_WROTE, s)):
                name = _attribution_name(s)
                doc.attributions[u.index] = Attribution(u.index, name, "on-wrote")
            elif "\n" not in s and len(s) <= 160 and (m := LINKED_WROTE.fullmatch(s.rstrip())) is not None:
                # "ines_v wrote: ↑Wed Mar 02, 2022 9:05 am": the quoted post's writer
                doc.attributions[u.index] = Attribution(u.index, m.group("name").strip(), "on-wrote")
        _two_line_attributions(doc)
        _original_message_headers(doc)

        indexed = [
            u.index for u in units if u.kind == "text" and u.index not in doc.attributions
        ]
        doc.reuse = reuse = build_reuse_index(doc, indexed)
        reuse.owners = owners = HeaderOwners(doc)

        # parsed authors, case-folded: when every header gives the same one,
        # the parse is not to be trusted (see below)
        header_names = {i[1] for i in owners.identity.values() if i[0] == "author"}
        _user_colon_attributions(doc, header_names if len(header_names) > 1 else frozenset())
        _forum_quote_labels(doc)
        _original_message_blocks(doc)

        first_header = next((u.index for u in units if u.kind == "header"), -1)
        # parsed authors: when every header gives the same one, the parse is not to be trusted,
        # unless every header is a mail message's (its author is the From: field)
        authors = len(header_names)
        mail = bool(owners.identity) and all((units[h].header or {}).get("message_id") for h in owners.identity)
        trust_authors = authors > 1 or (authors == 1 and mail)
        named = set(header_names)  # header authors, case-folded
        # ... and squashed (accents, spaces and marks dropped): text names
        # "Anonymous 45" or "Eternity" where the header prints "Añöñymöüs 45"
        named |= {sq for sq in map(squash_name, named) if len(sq) >= 2}
        for uid in indexed:
            u = units[uid]
            m = _source_for(doc, owners, u, reuse.matches.get(uid))
            if (
                u.marker == "none" and m is not None and authors > 1 and owners.keyed(uid, m.source_unit)
                and (late := reuse.latest.get(uid)) is not None
                and not owners.keyed(uid, late.source_unit) and not owners.same_region(uid, late.source_unit)
            ):
                # the words' first print is the author's own earlier quote of
                # them; their latest print is someone else's: quoted again
                m = late
            if u.marker != "none":  # ">" or, in dialects that indent quotes, "indent"
                f = _finding(uid, u.marker, u.depth, m, cfg.score_cutoff, 0.5)
                if f.source_unit is None and m is not None:
                    _marked_part(doc, f, m)  # the quoted part alone, when the block runs on past it
                    if f.source_unit is None:  # else lines of the source elided inside the quote
                        f = _finding(uid, u.marker, u.depth, m, cfg.score_cutoff, 0.5, doc.text)
                    elif u.marker == ">":
                        _marked_run_on(doc, u, f, m)
                doc.quotes[uid] = f
            elif uid in doc.quotes:  # introduced by an attribution line
                continue
            elif u.code and _indented_quote(doc, u, m, named):
                doc.quotes[uid] = _finding(uid, "indent", 1, m, cfg.score_cutoff, 0.5, doc.text)
            elif not u.code and _prefixed_quote(doc, u):
                doc.quotes[uid] = _finding(uid, "attribution", 1, m, cfg.score_cutoff, 0.5, doc.text)
            elif m is None or u.code or _boilerplate(doc, u, m):
                continue  # code, logs, patches and repeated stock lines are nobody's quote
            elif uid < first_header:
                continue  # above the first comment header: page furniture repeating itself (a title twice)
            elif trust_authors and _own_words(owners, uid, m.source_unit, mail):
                # the author's own earlier words unmarked: a signature, a PGP
                # line, a sign-off, a resend, a recapture. Unless their "own"
                # copy is itself a quote (the author quoted the passage before
                # and quotes it again): then it is a quote of the passage's
                # first print elsewhere. Not where both headers print one
                # absolute date: that is the same comment captured again.
                if not mail and m.source_unit in doc.quotes and not _dated_alike(owners, uid, m.source_unit) and (
                    f := _inline_elsewhere(doc, owners, u, trust_authors, mail, named, whole=True)
                ) is not None:
                    doc.quotes[uid] = f
                    _inline_labels(doc, u, f, named)
                continue
            elif self._is_unmarked_quote(doc, u, m):
                doc.quotes[uid] = _finding(uid, "none", 1, m, cfg.score_cutoff, cfg.quote_coverage)
            elif (span := _inline_span(doc, u, m)) is not None:
                f = _finding(uid, "none", 1, m, cfg.score_cutoff, 0.0)
                f.start, f.end, score, f.source_start, f.source_end = span
                if f.source_unit is None:  # confirmed by its chain alone
                    f.source_unit = _chain_source_unit(doc, m)
                    f.score, f.method = score, m.method
                doc.quotes[uid] = f
                _further_inline(doc, owners, u, f, trust_authors, mail, named)
                _inline_labels(doc, u, f, named)
            elif (
                # (the longest reused stretch shorter than a quote: no other one is a quote either)
                m.core is not None and m.target_words >= cfg.min_quote_words
                and m.core[1] - m.core[0] >= cfg.min_quote_chars
                and (f := _inline_elsewhere(doc, owners, u, trust_authors, mail, named))
            ):
                doc.quotes[uid] = f
                _inline_labels(doc, u, f, named)

        _short_quote_sources(doc, owners)
        _answered_holders(doc, owners)
        _answered_inline(doc, owners)
        _relayed_inline(doc, owners)
        _fellow_quotes(doc, owners)
        if trust_authors:
            _named_sources(doc, owners)
            _chained_label_sources(doc, owners, named)
        _label_sources(doc, owners)
        _codeish_text.cache_clear()  # per parse: no dump's text outlives it here
        # The first-occurrence table is read by this stage only (further inline
        # passages, above); the later stages never need it, so it goes now.
        reuse.first_seen = {}

    @staticmethod
    def _is_unmarked_quote(doc: Document, u, m: ReuseMatch) -> bool:
        cfg = doc.config
        return (
            m.unit_words >= cfg.min_quote_words
            and (u.end - u.start) >= cfg.min_quote_chars
            and m.target_coverage >= cfg.quote_coverage
            and m.score >= cfg.score_cutoff
            # a short line repeats its source nearly word for word: a few
            # words that only resemble an earlier sentence ("This report has
            # been disclosed." against "... until this report has been closed
            # out") are no quote
            and (m.unit_words >= 2 * cfg.min_quote_words or m.score >= _SHORT_QUOTE_SCORE)
        )


_SHORT_QUOTE_SCORE = 0.97  # (typography and a letter or two may differ; a word may not)

_MARKER_PREFIX = regex.compile(r"[ \t]{0,3}(?:>[ \t]?)+")


def _deepest(doc: Document, u) -> int:
    """The deepest ``>`` level among a marked unit's lines (an attribution
    line ``> Pia:`` joins the deeper quote it introduces, so a unit's own
    depth can be one less than its text's)."""
    if u.marker != ">":
        return max(1, u.depth)
    text = doc.text[u.start : min(u.end, u.start + doc.config.max_line_chars)]
    deepest = u.depth
    for line in text.splitlines():
        m = _match(_MARKER_PREFIX, line)
        if m is not None:
            deepest = max(deepest, m.group().count(">"))
    return max(1, deepest)


def _short_quote_sources(doc: Document, owners: HeaderOwners, budget: int = 128) -> None:
    """Sources for one-line ``>`` quotes too short for the shingle index
    (``> I want kids``): the quoted line's text is looked up in the raw text
    before it, latest occurrence first, outside the quote's own comment, on
    word boundaries. At most ``budget`` lookups per dump (each one a C-speed
    ``rfind``), so the work stays linear; method ``marked+short-exact``."""
    units, text = doc.units, doc.text
    k = doc.config.shingle_size
    starts = [u.start for u in units]
    for uid, f in doc.quotes.items():
        if f.source_unit is not None or f.marker not in (">", "indent") or f.inline:
            continue
        u = units[uid]
        if not 2 <= doc.reuse.word_count.get(uid, 0) < 2 * k:
            continue
        if u.line_hi - u.line_lo == 1:
            m = _match(_MARKER_PREFIX, text[u.start : u.end]) if u.marker == ">" else None
            needle = text[u.start + (m.end() if m else 0) : u.end].strip()
        elif u.marker == ">" and u.line_hi - u.line_lo <= 6:
            needle = _labelled_line(text[u.start : u.end])
            if needle is None:
                continue
        else:
            continue
        budget -= 1
        if budget < 0:
            return
        if len(needle) < 8:
            continue
        end = u.start
        for _ in range(8):
            p = text.rfind(needle, 0, end)
            if p < 0:
                break
            end = p
            q = p + len(needle)
            if (p > 0 and text[p - 1].isalnum()) or (q < len(text) and text[q].isalnum()):
                continue
            src = max(0, bisect_right(starts, p) - 1)
            su = units[src]
            if su.kind != "text" or not (su.start <= p and q <= su.end) or src == uid:
                continue
            if owners.same_region(uid, src) or src in doc.attributions:
                continue
            f.source_start, f.source_end, f.source_unit = p, q, src
            f.score, f.method = 1.0, "marked+short-exact"
            break


def _labelled_line(block: str) -> Optional[str]:
    """The one line of text in a short ``>`` block whose other lines are
    blank or label lines (``> Pia:`` / ``>`` / ``> > I want kids``: a quote of
    a quote, the inner one short), without its markers; else ``None``."""
    found = None
    for line in block.splitlines():
        m = _match(_MARKER_PREFIX, line)
        rest = line[m.end() if m else 0 :].strip()
        if not rest or (rest.endswith(":") and (_match(_USER_COLON, rest) or _match(_NAME_WROTE, rest))):
            continue
        if found is not None:
            return None
        found = rest
    return found


def _source_for(doc: Document, owners: HeaderOwners, u, m: Optional[ReuseMatch]) -> Optional[ReuseMatch]:
    """The reuse match a quote may take its source from, or ``None``.

    A comment never quotes itself: a source under the same header as the unit
    is dropped (in a dump with headers). When the same words occur several
    times earlier (``exact_sources``), a ``>`` quote of depth *d* takes the
    first occurrence one level less deep (text under ``> >`` was quoted from
    a comment that quoted it under ``>``), else the first occurrence outside
    its own comment.
    """
    if m is None:
        return None
    # not owners.same_region(u.index, s), with the unit's header looked up once
    hu = owners.owner.get(u.index)
    if hu is None:
        options = list(m.exact_sources or (m.source_unit,))
    else:
        owner = owners.owner
        options = [s for s in (m.exact_sources or (m.source_unit,)) if owner.get(s) != hu]
    if not options:
        return None
    chosen = options[0]
    if m.exact_sources and u.marker != "none":
        units = doc.units
        want = max(0, _deepest(doc, u) - 1)
        level = [s for s in options if (units[s].depth if units[s].marker != "none" else 0) == want]
        if level:
            chosen = level[0]
    elif u.marker != "none" and u.depth >= 1:
        # a fuzzy match: when the passage's first occurrence is not one level
        # less deep but its latest is, the latest is where it was quoted from
        units = doc.units
        late = doc.reuse.latest.get(u.index)

        def level(s: int) -> int:
            return units[s].depth if units[s].marker != "none" else 0

        want = _deepest(doc, u) - 1
        if (
            late is not None
            and level(chosen) != want
            and level(late.source_unit) == want
            and not owners.same_region(u.index, late.source_unit)
            and late.score >= doc.config.score_cutoff
            and late.target_words >= m.target_words - doc.config.shingle_size
        ):
            return late
    if chosen == m.source_unit:
        return m
    su = doc.units[chosen]
    first = doc.reuse.first_word_of(chosen)
    return dataclasses.replace(
        m, source_start=su.start, source_end=su.end, source_units=(chosen,),
        source_word_start=first, source_word_end=first + m.unit_words, core=None,
    )


# Lines of code, logs, patches and build output: they repeat, but nobody quotes them.
_CODE_LINE = regex.compile(
    r"[ \t]*(?:[-+]{3}[ \t]|@@[ \t]|diff[ \t]|index[ \t][0-9a-f]|[+\-](?![-+ ])\S|[+\-](?:[ \t]{2,}|\t)|\$[ \t]|#[ \t]*include\b"
    r"|(?:CC|LD|AR|CXX|LINK|GEN)[ \t]{2,})"
    r"|.*?(?:[\w.\-]+/)+[\w.\-]+\.\w{1,5}(?::\d+)"
    r"|(?i:.*?\b(?:looking for|checking (?:for|whether|if))\b.*?(?:\.\.\.|[ \t]-[ \t]))"
    r"|[ \t]*(?:\S+:\d+(?::\d+)?:[ \t]*)?(?:(?:fatal )?error|warning|note|ERROR|WARN|WARNING|INFO|DEBUG|TRACE)\b:?[ \t]"
    r"|(?i:.*?(?:\d{1,2}:\d{2}:\d{2}|\[\s*\d+\.\d+\]))"
    r"|.*?[;{}][ \t]*\Z"  # a statement or a brace ends the line
)


# What a line needs to hold for a branch of _CODE_LINE to match: its first
# non-blank character opens a patch, prompt or build line; or it holds a
# character a branch requires; or one of the words the other branches spell.
# Those words are matched case-insensitively; ``lower()`` folds every
# character that matches one of their letters to that letter (checked over all
# of Unicode in tests/test_linear_patterns.py) except U+0130 (İ, which lowers
# to two characters): a line holding it skips the cheap test.
_CODE_FIRST = frozenset("+-@di$#CLAG")
_CODE_CHARS = re.compile(r"[/:\[;{}]|error|warning|note|ERROR|WARN|INFO|DEBUG|TRACE")


def _code_line(ln: str) -> bool:
    """``_CODE_LINE`` matches ``ln``, with a cheap test that rules most prose out first."""
    if ln.isascii() or "\u0130" not in ln:
        first = ln.lstrip(" \t")[:1]
        if (
            first not in _CODE_FIRST
            and _CODE_CHARS.search(ln) is None
            and "looking" not in (low := ln.lower())
            and "checking" not in low
        ):
            return False
    return _match(_CODE_LINE, ln) is not None


def _own_words(owners: HeaderOwners, uid: int, src: int, mail: bool) -> bool:
    """``src`` is the same author's text: under a header of the same comment
    (a recapture's signature, sign-off or PGP line), or, between mail messages,
    under any message of the same sender. A mail client marks what it quotes,
    so a sender's earlier words repeated unmarked are a resend (a patch series'
    cover letter again), not a quote; forum authors do quote their own posts."""
    hu, hs = owners.owner.get(uid), owners.owner.get(src)
    if hu is None or hs is None or hu == hs or owners.identity[hu][0] != "author":
        return False
    if mail:
        return owners.identity[hu][:2] == owners.identity[hs][:2]
    return owners.keyed(uid, src)


def _dated_alike(owners: HeaderOwners, uid: int, src: int) -> bool:
    """The headers over ``uid`` and ``src`` both print an absolute date, the
    same one (their comments are one comment, not one author's two)."""
    hu, hs = owners.owner.get(uid), owners.owner.get(src)
    if hu is None or hs is None:
        return False
    a, b = owners.identity[hu][2], owners.identity[hs][2]
    return a is not None and a == b


def _boilerplate(doc: Document, u, m: ReuseMatch) -> bool:
    """Whether a repeated plain unit is stock text rather than a quote: code,
    log, patch or table lines (mostly, by line), text that is mostly not
    letters, or a short stock line printed three times or more after different
    text (:meth:`~threadparse.reuse.ReuseIndex.stock`), or a near copy of one."""
    if doc.reuse.stock(u.index):
        return True  # printed over and over: a stock line, not a quote
    if len(m.source_units) == 1 and doc.reuse.stock(m.source_units[0]):
        # a near copy of a stock line ("[ 2-line signature. Click to show. ]"
        # after the "[ 4-line …" printed under every message): stock too
        return True
    return _codeish(doc, u)


_URL = regex.compile(r"(?:https?://|www\.)\S+")
_WORD_RUN = re.compile(r"\w+")


def _codeish(doc: Document, u) -> bool:
    """Code, log, patch or table lines (by line), text mostly punctuation, or
    text mostly URLs."""
    return _codeish_text(doc.text[u.start : min(u.end, u.start + doc.config.max_line_chars)])


# A pure function of the (bounded) text: repeated units, which are what this
# is asked about, are looked at once (a bounded cache, so memory stays flat,
# emptied at the end of each quote detection).
@lru_cache(maxsize=1024)
def _codeish_text(text: str) -> bool:
    # Characters that are not whitespace, and those that are letters, digits
    # or "_" (stdlib re: ``\s`` is str.isspace, ``\w`` is str.isalnum or "_").
    visible = sum(map(len, text.split()))  # str.split() splits on str.isspace
    if visible and sum(map(len, _WORD_RUN.findall(text))) < 0.6 * visible:
        return True
    if visible and ("http" in text or "www." in text) and sum(len(m) for m in _URL.findall(text)) >= 0.5 * visible:
        return True  # a link line: page furniture or a shared link, not a quote
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return True
    coded = sum(1 for ln in lines if len(ln) <= 240 and _code_line(ln))
    return 2 * coded >= len(lines) + (1 if len(lines) > 1 else 0) or (len(lines) == 1 and coded == 1)


# A line that introduces a quote printed below it: ``name:``, ``X wrote:`` /
# ``X said:``, and the labels forum software prints (``Originally Posted by X``,
# ``Quote from: X on DATE``, ``Quoting X:``, ``Quote:``).
_QUOTE_LABEL = regex.compile(
    r"[^\n]{1,120}?\b" + _WROTE + r"[ \t]*:[ \t]*\Z"
    r"|(?:" + FORUM_LABEL_OPENER + r"|(?i:quote(?:d[ ]text)?[ ]?(?:\(|:)))[^\n]{0,120}\Z"
)


def _indented_quote(doc: Document, u, m: Optional[ReuseMatch], named: set) -> bool:
    """Whether a unit the segmenter read as indented code is a quote printed by
    indentation (forums that indent quoted text under ``X wrote:``): its text is
    not code, and it repeats another comment's earlier text (``m`` is already
    restricted to other comments), or it opens right under a line that
    introduces a quote (``X wrote:``, a forum's quote label, or ``name:`` where
    the name is an author some header of the dump prints: ``My code:`` is
    no attribution), or it continues an indented quote just found."""
    units, text = doc.units, doc.text
    ls = text.rfind("\n", 0, u.start) + 1
    if text[ls : ls + 4] != "    " and text[ls : ls + 1] != "\t":
        return False  # fenced or dialect-marked code, not indentation
    if _codeish(doc, u):
        return False
    cfg = doc.config
    if m is not None and m.score >= cfg.score_cutoff and m.target_coverage >= 0.5:
        src = units[m.source_unit]
        if not src.code or m.source_unit in doc.quotes:
            return True
    # Without a repeat, the text must sit deeper than the line above the
    # indented run (a whole comment printed at one indent is no quote).
    k = u.index - 1
    while k >= 0 and u.index - k <= 64 and units[k].code and k in doc.quotes:
        k -= 1
    if k < 0 or units[k].kind == "header" or _indent(text, units[k].start) >= _indent(text, u.start):
        return False
    prev = units[u.index - 1]
    if k < prev.index:
        return True  # the next paragraph of the same indented quote
    if prev.code or prev.marker != "none" or prev.end - prev.start > 160 or prev.line_hi - prev.line_lo != 1:
        return False
    if prev.index in doc.attributions:
        return True
    label = text[prev.start : prev.end]
    if _match(_QUOTE_LABEL, label) is not None:
        return True
    name = _match(_USER_COLON, label)
    if name is None:
        return False
    folded = " ".join(name.group("name").casefold().split())
    return folded in named or squash_name(folded) in named


# A quote marker other than ">" opening every line: "| ", "» ", ": ".
_LINE_MARK = re.compile(r"[ ]{0,3}([|»:])(?:[ \t]|$)", re.MULTILINE)


def _prefixed_quote(doc: Document, u) -> bool:
    """Whether a paragraph is a quote marked by another sign than ``>``: every
    line opens with the same one of ``|``, ``»``, ``:`` and a space, and the
    paragraph stands right under a line that introduces a quote (``X
    wrote:``, a forum's quote label) or goes on from a paragraph quoted so.
    Where the quoted text is in the dump, reuse finds it with or without the
    sign; this reads the quotes of text from outside the dump."""
    text, units = doc.text, doc.units
    if text[u.start] not in "|»:":
        return False  # (a unit starts at its first visible character)
    sign = _line_sign(text, u)
    if sign is None or u.index == 0:
        return False
    prev = units[u.index - 1]
    if prev.index in doc.quotes:
        return doc.quotes[prev.index].marker == "attribution" and _line_sign(text, prev) == sign
    if prev.kind != "text" or prev.code or prev.line_hi - prev.line_lo != 1 or prev.end - prev.start > 160:
        return False
    return prev.index in doc.attributions or _match(_QUOTE_LABEL, text[prev.start : prev.end]) is not None


def _line_sign(text: str, u) -> Optional[str]:
    """The sign every line of ``u`` opens with (``|``, ``»``, ``:``), if one."""
    body = text[text.rfind("\n", 0, u.start) + 1 : u.end]
    lines = body.split("\n")
    signs = {m.group(1) if (m := _LINE_MARK.match(line)) else None for line in lines}
    if len(signs) != 1:
        return None
    return signs.pop()


def _indent(text: str, pos: int) -> int:
    """Columns of whitespace before ``pos`` on its line (a tab to the next multiple of four)."""
    col = 0
    for ch in text[text.rfind("\n", 0, pos) + 1 : pos]:
        col = col + 4 - col % 4 if ch == "\t" else col + 1
    return col


_SENTENCE_STOP = frozenset(".!?…")
_QUOTE_OPENS_AFTER = frozenset(".!?…:;\"“”)]–—-")


def _inline_span(doc: Document, u, m: ReuseMatch) -> Optional[tuple[int, int, float, int, int]]:
    """Sentences of earlier text inside a paragraph of new text (a flattened
    comment, a one-line comment format): the reused stretch counts as an inline
    quote when it is long enough, confirmed, and starts and ends at sentence
    boundaries (after a sentence end or a ``name:``, and before a sentence end
    or a capitalised next sentence)."""
    cfg = doc.config
    if m.core is None:
        return None
    a, b, c, d = m.core
    if m.target_words < cfg.min_quote_words or b - a < cfg.min_quote_chars:
        return None
    text = doc.text
    if not _at_sentence_bounds(text, u, a, b):
        # The chain starts at its first shingle first printed in the source:
        # a common opening ("I'm not sure if") first printed elsewhere drops
        # the quote's first words from it (and so at its end). The words both
        # sides share next to the chain belong to it.
        a, b, c, d = _grown_core(doc, u, m)
        if b - a < cfg.min_quote_chars or not _at_sentence_bounds(text, u, a, b):
            return None
    if m.score >= cfg.score_cutoff:
        return a, b, m.score, c, d
    # The match's score judges the passage grown to the paragraph's edges
    # (new text included); a quote inside new text is judged by the chain
    # itself, which is what the cut keeps. The text around it differs, so the
    # chain must be long enough not to be a stock phrase met by chance
    # ("Good to have you back!"): twice the shortest quote.
    score = _chain_alone(doc, m)
    return None if score is None else (a, b, score, c, d)


def _at_sentence_bounds(text: str, u, a: int, b: int) -> bool:
    """``text[a:b]`` lies inside unit ``u`` (not the whole of it) after a
    sentence end or a ``name:``, and before a sentence end or a capitalised
    next sentence."""
    before = text[u.start : a].rstrip()
    after = text[b : u.end].lstrip()
    if not before and not after:
        return False  # the whole paragraph: not inline
    if before and before[-1] not in _QUOTE_OPENS_AFTER:
        return False
    return not (after and text[b - 1] not in _SENTENCE_STOP and not after[:1].isupper())


def _grown_core(doc: Document, u, m: ReuseMatch) -> tuple[int, int, int, int]:
    """``m.core`` fitted to sentence bounds (:func:`_fitted`), or as it is
    when its words cannot be placed."""
    a, b, c, d = m.core
    text = doc.text
    w, offs = words(text, u.start, u.end), word_offsets(text, u.start, u.end)
    src = _chain_source_unit(doc, m)
    sw, soffs = doc.reuse.source_words(doc, src)
    if len(w) != len(offs) or len(sw) != len(soffs):
        return a, b, c, d
    i0 = bisect_left([o[0] for o in offs], a)
    i1 = bisect_right([o[1] for o in offs], b)
    j0 = bisect_left([o[0] for o in soffs], c)
    j1 = bisect_right([o[1] for o in soffs], d)
    if not (i0 < i1 and j0 < j1 and soffs[j0][0] <= d):
        return a, b, c, d
    # the chain may end in a later source unit: then its end stays
    ends_here = j1 < len(soffs) and soffs[j1][0] >= d
    return _fitted(doc, u, doc.units[src], w, offs, i0, i1, sw, soffs, j0, j1, ends_here, (a, b, c, d))


def _fitted(doc: Document, u, su, w, offs, i0: int, i1: int, sw, soffs, j0: int, j1: int, ends_here: bool,
            spans: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """A chain (words ``w[i0:i1]`` of unit ``u``, copied from ``sw[j0:j1]`` of
    unit ``su``; ``spans`` its character spans in both) fitted to sentence
    bounds: grown at each end over the words both sides share next to it
    (and the punctuation both print around them), then, where an end still
    falls inside a sentence, cut back to the nearest bound inside the chain.
    At most ``shingle_size`` words move at an end: fewer than that many can
    be lost (a common opening first printed elsewhere), or met by chance,
    where the index's chain starts and ends. The end moves only when
    ``ends_here`` (the chain ends in ``su``)."""
    a, b, c, d = spans
    text, k = doc.text, doc.config.shingle_size
    n = 0
    while n < k and i0 > 0 and j0 > 0 and w[i0 - 1] == sw[j0 - 1]:
        i0, j0, n = i0 - 1, j0 - 1, n + 1
    if n:
        a, c = offs[i0][0], soffs[j0][0]
    if ends_here:
        n = 0
        while n < k and i1 < len(w) and j1 < len(sw) and w[i1] == sw[j1]:
            i1, j1, n = i1 + 1, j1 + 1, n + 1
        if n:
            b, d = offs[i1 - 1][1], soffs[j1 - 1][1]
    # the punctuation both sides print around the passage
    wa, wb = widen_to_punct(text, a, b, u.start, u.end)
    wc, wd = widen_to_punct(text, c, d, su.start, su.end)
    a, b, c, d = a - min(a - wa, c - wc), b + min(wb - b, wd - d), c - min(a - wa, c - wc), d + min(wb - b, wd - d)
    before = text[u.start : a].rstrip()
    if before and before[-1] not in _QUOTE_OPENS_AFTER:
        for i in range(i0 + 1, min(i1, i0 + k + 1)):  # start at the next sentence inside the chain
            j = j0 + i - i0
            if j < len(sw) and w[i] == sw[j] and text[u.start : offs[i][0]].rstrip()[-1:] in _SENTENCE_STOP:
                a, c = offs[i][0], soffs[j][0]
                break
    after = text[b : u.end].lstrip()
    if ends_here and after and text[b - 1] not in _SENTENCE_STOP and not after[:1].isupper():
        for i in range(i1 - 2, max(i0, i1 - 1 - k) - 1, -1):  # end at a sentence end inside the chain
            j = j1 - (i1 - i)
            e = widen_to_punct(text, offs[i][0], offs[i][1], u.start, u.end)[1]
            if 0 <= j and w[i] == sw[j] and text[e - 1] in _SENTENCE_STOP:
                se = widen_to_punct(text, soffs[j][0], soffs[j][1], su.start, su.end)[1]
                b, d = e, se
                break
    return a, b, c, d


def _further_inline(
    doc: Document, owners: HeaderOwners, u, f: QuoteFinding, trust_authors: bool, mail: bool = False,
    named: frozenset = frozenset(), whole: bool = False,
) -> None:
    """Further quoted passages in a paragraph that holds an inline quote (a
    one-line comment quoting several passages of others): the paragraph's
    shingles outside the quotes found so far are looked up in the reuse
    index's first-occurrence table, chained as the index chains them, and each
    chain is an inline quote under the rules for a chain confirmed alone (at
    least ``2 × min_quote_words`` words, similarity to its source of at least
    ``score_cutoff``, sentence boundaries, never from the same comment or from
    the author's own words). At most eight per paragraph (more in a long one,
    see below); linear in its words. With ``whole``, a chain may be the
    whole paragraph (an unmarked quote of a passage first printed inside a
    longer paragraph)."""
    cfg, reuse, text = doc.config, doc.reuse, doc.text
    k = cfg.shingle_size
    w = words(text, u.start, u.end)
    offs = word_offsets(text, u.start, u.end)
    n = len(w)
    if n != len(offs) or n < 2 * cfg.min_quote_words + 1 or u.index not in reuse._slot:
        return
    pos = reuse.first_word_of(u.index)
    taken = [(f.start, f.end)]
    hits = []
    for i, h in enumerate(shingle_hashes(w, k)):
        if offs[i][0] < f.end and offs[i + k - 1][1] > f.start:
            continue
        j = reuse.first_seen.get(h)
        if j is not None and j < pos:
            hits.append((i, j))
    # At most eight more per paragraph; a long one-line comment answering a
    # whole post passage by passage may quote one per fifty words, up to 64
    # (each round is one pass over the remaining hits: linear in its words).
    for _ in range(8 if n < 400 else min(_MORE_MAX, n // 50)):
        if len(hits) < 2:
            break
        i0, j0, i1, j1, _count = _best_chain(hits, cfg.max_gap_words)
        t0, t1, s0, s1 = i0, min(n, i1 + k), j0, j1 + k
        hits = [(i, j) for i, j in hits if not t0 <= i < t1]
        if t1 - t0 < 2 * cfg.min_quote_words and not (
            # after an author's "name:" label, a passage as short as a quote may be
            t1 - t0 >= cfg.min_quote_words and _author_label(text, u.start, offs[t0][0], named) is not None
        ):
            continue
        src = reuse.unit_at_word(s0)
        if reuse.unit_at_word(s1 - 1) != src or src == u.index or src in doc.attributions:
            continue
        if owners.same_region(u.index, src) or (
            trust_authors and _own_words(owners, u.index, src, mail)
        ):
            continue  # a comment never quotes itself; the author's own words are a signature
        src_words, src_offs = reuse.source_words(doc, src)
        a, b = s0 - reuse.first_word_of(src), s1 - reuse.first_word_of(src)
        if not 0 <= a < b <= len(src_offs):
            continue
        ts, te, ss, se = offs[t0][0], offs[t1 - 1][1], src_offs[a][0], src_offs[b - 1][1]
        if (te - ts) + (se - ss) > 2 * cfg.max_fuzzy_chars:
            continue
        score = round(Indel.normalized_similarity(" ".join(w[t0:t1]), " ".join(src_words[a:b])), 4)
        if score < cfg.score_cutoff:
            continue
        su = doc.units[src]
        wts, wte = widen_to_punct(text, ts, te, u.start, u.end)
        wss, wse = widen_to_punct(text, ss, se, su.start, su.end)
        ss, se = ss - min(ss - wss, ts - wts), se + min(wse - se, wte - te)
        ts, te = wts, wte
        if not _at_sentence_bounds(text, u, ts, te) and not (whole and _whole_unit(text, u, ts, te)):
            # fitted as a paragraph's best chain is (_inline_span)
            ts, te, ss, se = _fitted(doc, u, su, w, offs, t0, t1, src_words, src_offs, a, b, True, (ts, te, ss, se))
            if te - ts < cfg.min_quote_chars or not (
                _at_sentence_bounds(text, u, ts, te) or (whole and _whole_unit(text, u, ts, te))
            ):
                continue
        if any(ts < e and te > s for s, e in taken):
            continue
        taken.append((ts, te))
        f.more.append(QuoteFinding(
            unit=u.index, marker="none", depth=1, source_start=ss, source_end=se, source_unit=src,
            score=score, method="shingles+rapidfuzz", start=ts, end=te,
        ))
    f.more.sort(key=lambda g: g.start)


_MORE_MAX = 64


def _whole_unit(text: str, u, a: int, b: int) -> bool:
    """``text[a:b]`` is all of unit ``u`` but for white space."""
    return not text[u.start : a].strip() and not text[b : u.end].strip()


def _inline_elsewhere(
    doc: Document, owners: HeaderOwners, u, trust_authors: bool, mail: bool, named: frozenset,
    whole: bool = False,
) -> Optional[QuoteFinding]:
    """Inline quotes of a paragraph whose best chain is none (it does not fit
    sentence bounds: a quoted passage whose opening was first printed in
    another comment splits into two chains, the best one starting
    mid-sentence): the paragraph's other chains, found and judged as
    :func:`_further_inline` finds and judges them. The first becomes the
    finding, the rest its ``more``; ``None`` when there is none."""
    probe = QuoteFinding(unit=u.index, marker="none", depth=1, start=u.start, end=u.start)
    _further_inline(doc, owners, u, probe, trust_authors, mail, named, whole)
    if not probe.more:
        return None
    first, *rest = probe.more
    first.more = rest
    return first

def _author_label(text: str, lo: int, pos: int, named) -> Optional[tuple[int, int]]:
    """The span of a ``name:`` label ending just before ``pos`` (after ``lo``)
    whose name is an author some header of the dump prints, or ``None``."""
    if not named:
        return None
    a = max(lo, pos - 80)
    before = text[a:pos]
    stripped = before.rstrip()
    if not stripped.endswith(":"):
        return None
    words_ = stripped[:-1].split()
    for k in (1, 2, 3):
        if len(words_) < k:
            break
        name = " ".join(words_[-k:])
        if name.casefold() in named or squash_name(name) in named:
            start = a + stripped.rfind(words_[-k]) if k == 1 else a + stripped.rfind(name)
            if start >= a and (start == lo or text[start - 1].isspace()):
                return start, a + len(stripped)
    return None


_HANDLE_LABEL = regex.compile(r"(?<=[.!?…][ ]{1,2})@?[\w][\w.\-]{0,38}:[ ]{0,2}\Z")


def _placed_label(text: str, lo: int, pos: int, first: bool) -> Optional[tuple[int, int]]:
    """A ``name:`` label standing right before a quote that has a source, by
    its place alone (whether or not a header prints the name that way):
    everything between ``lo`` (the paragraph's start) and the quote
    (``anonymous45: <her words> <the reply>``), or, after a sentence end, a
    handle with a digit or an underscore (``… I agree. anonymous_45: <her
    words>``)."""
    if first:
        opening = text[lo:pos]
        label = opening.strip()
        if 2 <= len(label) <= 60 and _match(_USER_COLON, label) is not None:
            a = lo + (len(opening) - len(opening.lstrip()))
            return a, a + len(label)
    a = max(lo, pos - 44)
    m = _HANDLE_LABEL.search(text, a, pos)
    if m is None:
        return None
    label = m.group().rstrip()
    if not any(ch.isdigit() or ch == "_" for ch in label):
        return None
    return m.start(), m.start() + len(label)


def _inline_labels(doc: Document, u, f: QuoteFinding, named) -> None:
    """Each inline quote of ``u`` right after an author's ``name:`` label
    records the label's span (attribution chrome inside the paragraph)."""
    cursor = u.start
    text = doc.text
    for part in f.parts():
        if part.start is None:
            return
        span = _author_label(text, cursor, part.start, named)
        if span is None and part.source_unit is not None:
            span = _placed_label(text, cursor, part.start, first=cursor == u.start)
            part.label_placed = span is not None
        if span is not None:
            part.label_start, part.label_end = span
        cursor = part.end


def _chain_alone(doc: Document, m: ReuseMatch) -> Optional[float]:
    """The score of a match's chain (before its edges were grown) judged on
    its own, when it can stand alone: at least ``2 × min_quote_words`` words
    (shorter chains are stock phrases met by chance as often as quotes) and a
    similarity to its source passage, on the matching copies (case-folded
    words, bounded like the reuse index's own scoring), of at least
    ``score_cutoff``; else ``None``."""
    cfg, text = doc.config, doc.text
    a, b, c, d = m.core
    mine = words(text, a, b)
    if len(mine) < 2 * cfg.min_quote_words:
        return None
    if (b - a) + (d - c) > 2 * cfg.max_fuzzy_chars:
        return None  # (scored 0.0)
    score = round(Indel.normalized_similarity(" ".join(mine), " ".join(words(text, c, d))), 4)
    return score if score >= cfg.score_cutoff else None


def _chain_source_unit(doc: Document, m: ReuseMatch) -> int:
    """The source unit holding the start of a match's chain."""
    units, c = doc.units, m.core[2]
    return next((s for s in m.source_units if units[s].end > c), m.source_unit)


# A marked quote that trims its source (lines elided, as mail clients' users
# do) scores low as a whole; an exact run of this many words, covering this
# share of the quote, still names where it came from.
_ELIDED_CORE_WORDS = 12
_ELIDED_CORE_SHARE = 0.3


def _finding(uid, marker, depth, m, cutoff, coverage, text: str = "") -> QuoteFinding:
    f = QuoteFinding(unit=uid, marker=marker, depth=max(1, depth))
    if m is not None and (
        (m.score >= cutoff and m.target_coverage >= coverage)
        or (marker != "none" and text and _elided_source(m, text))
    ):
        f.source_start, f.source_end = m.source_start, m.source_end
        f.source_unit = m.source_unit
        f.score = m.score
        f.method = ("marked+" if marker != "none" else "") + m.method
    else:
        f.method = "marker" if marker != "none" else "reuse"
        f.score = 1.0 if marker != "none" else 0.0
    return f


def _elided_source(m: ReuseMatch, text: str) -> bool:
    """The match's exact core is long enough, and a large enough share of the
    quote, to name its source although the whole scores below the cutoff."""
    if m.core is None:
        return False
    core = len(text[m.core[0] : m.core[1]].split())
    return core >= _ELIDED_CORE_WORDS and core >= _ELIDED_CORE_SHARE * max(1, m.unit_words)


def _attribution_name(s: str):
    m = _ATTRIBUTION_NAME.search(s[-400:])
    if not m:
        return None
    name = m.group("name").strip()
    return name or None


def _two_line_attributions(doc: Document) -> None:
    """``On Tue, 4 Mar 2025 at 09:12, Pia Lund`` / ``<pia@example.org> wrote:`` on two lines."""
    units, text = doc.units, doc.text
    for a, b in zip(units, units[1:]):
        if a.index in doc.attributions or b.index in doc.attributions:
            continue
        if a.kind != "text" or b.kind != "text" or a.marker != "none" or b.marker != "none":
            continue
        if b.line_lo != a.line_hi or a.end - a.start > 300 or b.end - b.start > 300:
            continue
        joined = text[a.start : b.end]
        if joined.rstrip().endswith(":") and _match(_ON_WROTE, joined):
            name = _attribution_name(joined)
            doc.attributions[a.index] = Attribution(a.index, name, "on-wrote")
            doc.attributions[b.index] = Attribution(b.index, name, "on-wrote")


def _user_colon_attributions(doc: Document, authors=frozenset()) -> None:
    """A bare ``name:`` line counts only when quoted text follows it, or
    when it names one of the dump's header ``authors`` (case-folded; the
    caller passes them when the headers name two or more: ``anonymous45:``
    over a passage quoted from a post the capture left out; the passage,
    found nowhere, stays the quoting comment's text)."""
    units, text, reuse = doc.units, doc.text, doc.reuse
    for u in units:
        if u.kind != "text" or u.marker != "none" or u.code or u.end - u.start > 120:
            continue
        if text[u.end - 1] != ":" or u.index in doc.attributions:
            continue  # an "On ... wrote:" line keeps the name it already gave
        m = _match(_USER_COLON, text[u.start : u.end])
        if not m or u.index + 1 >= len(units):
            continue
        nxt = units[u.index + 1]
        if nxt.kind != "text":
            continue
        follow = reuse.matches.get(nxt.index) if reuse else None
        if nxt.marker == "none" and _codeish(doc, nxt):
            continue  # "Creating the players:" above a code block shared by several comments
        if nxt.marker != "none" or (
            follow is not None
            and follow.target_coverage >= doc.config.quote_coverage
            and follow.score >= doc.config.score_cutoff
        ) or " ".join(m.group("name").lstrip("@").casefold().split()) in authors:
            doc.attributions[u.index] = Attribution(u.index, m.group("name"), "user-colon")
            if nxt.marker == "none" and follow is not None:
                f = _finding(nxt.index, "attribution", 1, follow, doc.config.score_cutoff, 0.0)
                f.attribution_name = m.group("name")
                doc.quotes[nxt.index] = f


# The label forum software prints over a quote box whose border a copy lost:
# "Quote:" over "Originally Posted by X" (vBulletin), "Quote from: X on DATE"
# (SMF), "Quoting X:" (phpBB), with the name of the quoted writer.
_FORUM_LABEL = regex.compile(
    FORUM_LABEL_OPENER + r"[ \t]+(?P<name>[^\n:]{1,60}?)"
    r"(?:[ \t]+(?i:on)[ \t][^\n]{1,60})?[ \t]*:?[ \t]*\Z"
    r"|(?i:quote|quoted[ ]text)[ \t]*:[ \t]*\Z"
)


def _forum_quote_labels(doc: Document) -> None:
    """A forum's quote label on its own line (``Quote:`` /
    ``Originally Posted by X``) right above text that repeats an earlier
    comment (or is marked as quoted) is attribution chrome, and the name it
    gives is whom the quote is from. A label over text found nowhere earlier
    stays the comment's text."""
    units, text, reuse = doc.units, doc.text, doc.reuse
    cfg = doc.config
    for u in units:
        if u.kind != "text" or u.marker != "none" or u.code or u.end - u.start > 160:
            continue
        if u.index in doc.attributions or u.line_hi - u.line_lo != 1:
            continue
        m = _match(_FORUM_LABEL, text[u.start : u.end])
        if m is None:
            continue
        # "Quote:" over "Originally Posted by X": both label the quote below
        labels = [u.index]
        k = u.index + 1
        while k < len(units) and len(labels) < 3 and units[k].kind == "text" and units[k].marker == "none" and (
            units[k].end - units[k].start <= 160 and units[k].line_hi - units[k].line_lo == 1
            and _match(_FORUM_LABEL, text[units[k].start : units[k].end]) is not None
        ):
            labels.append(k)
            k += 1
        if k >= len(units) or units[k].kind != "text":
            continue
        nxt = units[k]
        follow = reuse.matches.get(nxt.index) if reuse else None
        quoted = nxt.marker != "none" or (
            follow is not None and follow.target_coverage >= cfg.quote_coverage and follow.score >= cfg.score_cutoff
        )
        if not quoted or (nxt.marker == "none" and _codeish(doc, nxt)):
            continue
        name = None
        for j in labels:
            g = _match(_FORUM_LABEL, text[units[j].start : units[j].end])
            if g is not None and g.group("name"):
                name = g.group("name").strip()
        for j in labels:
            doc.attributions[j] = Attribution(j, name, "forum-label")
        if nxt.marker == "none" and nxt.index not in doc.quotes:
            f = _finding(nxt.index, "attribution", 1, follow, cfg.score_cutoff, 0.0)
            f.attribution_name = name
            doc.quotes[nxt.index] = f


def _original_message_headers(doc: Document) -> None:
    """The ``From:``/``Sent:``/``To:``/``Subject:`` lines under an Outlook separator.

    Such a block with no separator above it (at least ``From:`` and one more
    field, as mailers print an embedded message) opens one itself; a rule of
    dashes or underscores right above it belongs to it.
    """
    units, text = doc.units, doc.text
    i = 0
    while i < len(units):
        j = i
        fields = []
        while (
            j < len(units) and units[j].kind == "text" and units[j].marker == "none"
            and j not in doc.attributions and units[j].end - units[j].start <= 1200
        ):
            # a unit may hold several header lines (they can look hard-wrapped)
            lines = text[units[j].start : units[j].end].splitlines()
            if j == i and len(lines) > 1 and _match(_RULE_LINE, lines[0]):
                lines = lines[1:]  # the separator rule grouped with the fields
            if not all(_match(_MAIL_HEADER_LINE, ln.strip()[:30]) for ln in lines):
                break
            fields.extend(ln.strip().lstrip("*").split(":")[0].strip("*").lower() for ln in lines)
            j += 1
        if len(fields) >= 2 and any(f in _FROM_FIELDS for f in fields) and len(set(fields)) >= 2:
            start = i
            if i > 0 and units[i - 1].kind == "text" and _match(_RULE_LINE, text[units[i - 1].start : units[i - 1].end]):
                start = i - 1
            if not (start > 0 and doc.attributions.get(start - 1, None) is not None
                    and doc.attributions[start - 1].style == "original-message"):
                doc.attributions[start] = Attribution(start, None, "original-message")
            for k in range(start + 1, j):
                doc.attributions[k] = Attribution(k, None, "mail-header")
            i = j
        else:
            i = max(j, i + 1)
    for uid, att in list(doc.attributions.items()):
        if att.style != "original-message":
            continue
        j = uid + 1
        while j < len(units) and units[j].kind == "text" and _match(
            _MAIL_HEADER_LINE, text[units[j].start : units[j].start + 20]
        ):
            doc.attributions[j] = Attribution(j, None, "mail-header")
            j += 1


def _original_message_blocks(doc: Document) -> None:
    """Outlook-style: after ``-----Original Message-----`` and its header lines, the
    rest of the message (up to the next comment header) is quoted."""
    units = doc.units
    for uid, att in list(doc.attributions.items()):
        if att.style != "original-message":
            continue
        j = uid + 1
        while j < len(units) and j in doc.attributions:
            j += 1
        while j < len(units) and units[j].kind == "text" and units[j].index not in doc.attributions:
            if any(c.reason == "header" for c in doc.cues.get(j, ())):
                break
            m = doc.reuse.matches.get(j) if doc.reuse else None
            doc.quotes[j] = _finding(j, "attribution", 1, m, doc.config.score_cutoff, 0.5)
            j += 1


def _answered_holders(doc: Document, owners: HeaderOwners) -> None:
    """When several earlier comments hold a quoted passage word for word (its
    author and others who quoted it), the quote was taken from the comment
    its writer answers. The dump shows which one that is when the same
    comment quotes another passage that only one comment holds: among the
    holders, the one quoted so elsewhere in the quoting comment (most such
    quotes; the earliest on a tie) becomes the source, method suffix
    ``+answered``. A ``>`` quote keeps to the holders one level less deep,
    when there are any. A passage nobody holds word for word but two
    comments print closely (the match's first print, and its latest earlier
    print as good and as long, give or take ``shingle_size`` words) is
    settled the same way: the latest print wins when the quoting comment's
    other quotes name its comment more often than the first print's. In
    mail, a holder that is the message the quoting one's In-Reply-To (else
    last References entry) names is the source outright, method suffix
    ``+in-reply-to``. Linear: one pass over the quotes, each holder list at
    most 16 long."""
    reuse, units, owner = doc.reuse, doc.units, owners.owner
    cutoff, k = doc.config.score_cutoff, doc.config.shingle_size
    anchors: dict[int, dict[int, int]] = {}  # quoting header -> source header -> unambiguous quotes
    ambiguous: list[tuple[int, QuoteFinding, list[int]]] = []
    fuzzy: list[tuple[int, QuoteFinding, ReuseMatch]] = []
    for uid, f in doc.quotes.items():
        hu = owner.get(uid)
        if hu is None or f.source_unit is None:
            continue
        m = reuse.matches.get(uid)
        holders = [s for s in (m.exact_sources if m is not None and not f.inline else ()) if owner.get(s) not in (None, hu)]
        if len({owner[s] for s in holders}) > 1:
            u = units[uid]
            if u.marker != "none":
                want = max(0, _deepest(doc, u) - 1)
                level = [s for s in holders if (units[s].depth if units[s].marker != "none" else 0) == want]
                holders = level or holders
            if len({owner[s] for s in holders}) > 1:
                ambiguous.append((uid, f, holders))
                continue
        late = reuse.latest.get(uid)
        if (
            late is not None and m is not None and not m.exact_sources and not f.inline
            and f.source_unit == m.source_unit and f.method in (m.method, "marked+" + m.method)
            and late.score >= cutoff and late.target_words >= m.target_words - k
            and owner.get(late.source_unit) not in (None, hu, owner.get(f.source_unit))
        ):
            fuzzy.append((uid, f, late))  # a second print as close as the first
        votes = anchors.setdefault(hu, {})
        for part in f.parts():
            hs = owner.get(part.source_unit) if part.source_unit is not None else None
            if hs is not None and hs != hu:
                votes[hs] = votes.get(hs, 0) + 1
    replied = _replied_headers(doc, owners) if ambiguous or fuzzy else {}
    for uid, f, holders in ambiguous:
        target = replied.get(owner[uid])
        named = [s for s in holders if owner[s] == target]
        if named:  # the message this one answers, by its In-Reply-To or References
            if target != owner.get(f.source_unit):
                su = units[named[0]]
                f.source_start, f.source_end, f.source_unit = su.start, su.end, named[0]
                f.method += "+in-reply-to"
            continue
        votes = anchors.get(owner[uid])
        if not votes:
            continue
        best = max(holders, key=lambda s: (votes.get(owner[s], 0), -s))
        if not votes.get(owner[best]) or owner[best] == owner.get(f.source_unit):
            continue
        su = units[best]
        f.source_start, f.source_end, f.source_unit = su.start, su.end, best
        f.method += "+answered"
    for uid, f, late in fuzzy:
        # (the first print may stand before any header: no comment owns it)
        first_owner = owner.get(f.source_unit) if f.source_unit is not None else None
        target = replied.get(owner[uid])
        if target is not None and target in (first_owner, owner[late.source_unit]):
            if target == owner[late.source_unit]:
                f.source_start, f.source_end, f.source_unit = late.source_start, late.source_end, late.source_unit
                f.score = late.score
                f.method += "+in-reply-to"
            continue
        votes = anchors[owner[uid]]
        # this quote's own vote for its first print does not count
        first, second = votes.get(first_owner, 0) - 1, votes.get(owner[late.source_unit], 0)
        if second > first:
            f.source_start, f.source_end, f.source_unit = late.source_start, late.source_end, late.source_unit
            f.score = late.score
            f.method += "+answered"


def _replied_headers(doc: Document, owners: HeaderOwners) -> dict[int, int]:
    """Mail header -> the header of the message it answers, when its
    In-Reply-To (else its last References entry) names a Message-ID printed
    in the dump."""
    by_id: dict[str, int] = {}
    for h in owners.identity:
        mid = (doc.units[h].header or {}).get("message_id")
        if mid and mid not in by_id:
            by_id[mid] = h
    out: dict[int, int] = {}
    if not by_id:
        return out
    for h in owners.identity:
        fields = doc.units[h].header or {}
        target = fields.get("in_reply_to") or (list(fields.get("references") or ())[-1:] or [None])[0]
        j = by_id.get(target) if target else None
        if j is not None and j != h:
            out[h] = j
    return out


def _narrowed(doc: Document, a: int, b: int, c: int, d: int) -> tuple[int, int]:
    """The part of the source span ``c:d`` that holds the words of ``a:b``
    (a passage quoted from a quote: its words inside the quote's source), or
    ``c:d`` itself when they are not there word for word (one ``str.find``
    on the joined words; spans longer than ``max_fuzzy_chars`` are not
    searched)."""
    text, limit = doc.text, doc.config.max_fuzzy_chars
    if (b - a) > limit or (d - c) > limit:
        return c, d
    mine = words(text, a, b)
    offs = word_offsets(text, c, d)
    theirs = words(text, c, d)
    if not mine or len(theirs) != len(offs) or len(mine) > len(theirs):
        return c, d
    hay = " " + " ".join(theirs) + " "
    at = hay.find(" " + " ".join(mine) + " ")
    if at < 0:
        return c, d
    i = hay.count(" ", 0, at + 1) - 1  # words before the match
    return offs[i][0], offs[i + len(mine) - 1][1]


def _fellow_quotes(doc: Document, owners: HeaderOwners) -> None:
    """A quote whose source is another comment's quote of the same passage at
    the same quote depth (two comments quoting one post, the later copied
    word for word from the earlier quote or not) does not quote that comment:
    both quote the passage's source. When the earlier quote has a source in
    the dump (outside the quoting comment), it becomes this quote's too, with
    the lower of the two scores and method suffix ``+fellow``. Depth is
    compared as the pair (shallowest, deepest ``>`` level), so a quote one
    level deeper than its source (a quote of a quote) keeps it. Quotes are
    visited in reading order, so an earlier quote's source is already
    final: one pass, each step one lookup."""
    units, owner = doc.units, owners.owner
    for uid in sorted(doc.quotes):
        f = doc.quotes[uid]
        if f.inline:
            continue
        s = f.source_unit
        g = doc.quotes.get(s) if s is not None else None
        if g is None or g.inline or g.source_unit is None or g.source_start is None:
            continue
        if f.marker != ">" or g.marker != ">":
            continue  # without ">" levels on both, a quote of a quote looks like a fellow quote
        if "+part" in f.method or "+part" in g.method or "short-exact" in f.method:
            continue  # a source for part of the block, or a line found inside a longer one
        hu = owner.get(uid)
        if hu is not None and owner.get(g.source_unit) == hu:
            continue  # a comment never quotes itself
        if (f.depth, _deepest(doc, units[uid])) != (g.depth, _deepest(doc, units[s])):
            continue
        f.source_start, f.source_end = _narrowed(doc, f.source_start, f.source_end, g.source_start, g.source_end)
        f.source_unit = g.source_unit
        f.score = min(f.score, g.score)
        f.method += "+fellow"


def _label_of(doc: Document, owners: HeaderOwners, uid: int) -> Optional[str]:
    """The name on the attribution line that introduces the quote block
    ``uid`` belongs to (``Pia:``, ``On …, Pia Lund wrote:``): the nearest
    attribution above it with only quote units of the same comment between
    (at most 64 units back), or ``None``. Labels stacked right on top of each
    other (``Ola:`` / ``Pia:`` / text: Ola's quote of Pia, its markers lost)
    name the block by the top one: the comment the block was copied from."""
    units, quotes, atts, owner = doc.units, doc.quotes, doc.attributions, owners.owner
    hu = owner.get(uid)
    k = uid - 1
    while k >= 0 and uid - k <= 64:
        att = atts.get(k)
        if att is not None:
            name = att.name
            while k - 1 >= 0 and uid - k < 64 and (owner.get(k - 1) == hu or units[k - 1].kind == "chrome"):
                up = _stacked_label(doc, k - 1)
                if up is None:
                    break
                k -= 1
                name = up
            return name
        if k not in quotes or units[k].kind != "text" or owner.get(k) != hu:
            return None
        k -= 1
    return None


def _stacked_label(doc: Document, k: int) -> Optional[str]:
    """The name of unit ``k`` when it is a label line: an attribution with a
    name, or a bare ``name:`` line (which introduces the label under it, not
    quoted text, so the attribution pass left it alone; or which the page
    furniture pass took for furniture, printed over so many quotes)."""
    att = doc.attributions.get(k)
    if att is not None:
        return att.name
    u = doc.units[k]
    if u.kind not in ("text", "chrome") or u.marker != "none" or u.end - u.start > 120 or doc.text[u.end - 1] != ":":
        return None
    m = _match(_USER_COLON, doc.text[u.start : u.end])
    return m.group("name") if m else None


def _named_sources(doc: Document, owners: HeaderOwners) -> None:
    """A quote block introduced by a line naming whom it quotes (``Pia:``,
    ``On …, Pia Lund wrote:``) is sourced to a comment of that author when its
    words are in one: when the source chosen so far is not a comment by the
    named person, and exactly one other comment holding the passage is (among
    the comments holding it word for word, the passage's latest earlier print,
    and the sources of the quotes it was found in, followed up to four
    steps), that comment becomes the source, method suffix ``+named``. The
    name must equal the header's author once case, accents, spaces and marks
    are dropped, or else be the same person by
    :func:`~threadparse.speakers.same_person` with no other candidate
    matching as well. Only the shallowest level of a block is named by its
    line: a deeper ``>`` unit is left alone; so are ``+part`` sources and
    ``+fellow`` ones (the label then names a fellow quoter of the passage,
    not its writer). Needs at least two distinct
    parsed authors (the caller checks). Linear: a bounded walk per quote."""
    units, owner, identity, reuse = doc.units, owners.owner, owners.identity, doc.reuse
    cutoff = doc.config.score_cutoff

    def author(s: int) -> Optional[str]:
        h = owner.get(s)
        ident = identity.get(h) if h is not None else None
        return ident[1] if ident is not None and ident[0] == "author" else None

    for uid in sorted(doc.quotes):
        f = doc.quotes[uid]
        if f.inline or f.source_unit is None or f.depth != 1 or "+part" in f.method or "+fellow" in f.method:
            continue
        label = _label_of(doc, owners, uid) or f.attribution_name
        if not label or not squash_name(label):
            continue
        current = author(f.source_unit)
        if current is not None and same_person(label, current):
            continue
        me = author(uid)
        if current is not None and me is not None and same_person(label, me):
            # the label names the quoting comment's own writer: their words
            # come back from a comment that quoted them, which is the source
            continue
        hu = owner.get(uid)
        # candidates: (unit, source start, source end, score)
        cands: list[tuple[int, int, int, float]] = []
        m = reuse.matches.get(uid)
        for s in (m.exact_sources if m is not None else ()):
            su = units[s]
            cands.append((s, su.start, su.end, 1.0))
        late = reuse.latest.get(uid)
        if late is not None and late.score >= cutoff:
            cands.append((late.source_unit, late.source_start, late.source_end, late.score))
        s, score, start, end = f.source_unit, f.score, f.source_start, f.source_end
        for _ in range(4):
            g = doc.quotes.get(s)
            if g is None or g.inline or g.source_unit is None or g.source_start is None or "+part" in g.method:
                break
            start, end = _narrowed(doc, start, end, g.source_start, g.source_end)
            s, score = g.source_unit, min(score, g.score)
            cands.append((s, start, end, score))
        best: dict[int, tuple[int, tuple[int, int, int, float]]] = {}  # header -> (strength, candidate)
        for c in cands:
            h = owner.get(c[0])
            name = author(c[0])
            if h is None or h == hu or name is None or h in best:
                continue
            strength = 2 if squash_name(name) == squash_name(label) else int(same_person(label, name))
            if strength:
                best[h] = (strength, c)
        if not best:
            continue
        top = max(v[0] for v in best.values())
        chosen = [v[1] for v in best.values() if v[0] == top]
        if len(chosen) != 1:
            continue
        s, start, end, score = chosen[0]
        f.source_unit, f.source_start, f.source_end = s, start, end
        f.score = score
        f.method += "+named"


def _label_sources(doc: Document, owners: HeaderOwners) -> None:
    """A bare ``name:`` label quoted with the passage under it (``anonymous45:``
    inside a quote of a comment that quoted anonymous45) comes from where that
    passage comes from: when the label's own match names no comment (an
    earlier label line, chrome) or is only another print of the same label,
    it takes the source of the quote right under it, in the same comment, with the
    label's print just above that source's passage when the source comment
    prints it there (one bounded ``rfind``), method suffix ``+label``."""
    units, owner, text = doc.units, owners.owner, doc.text
    for uid, f in doc.quotes.items():
        if f.inline:
            continue
        u = units[uid]
        label = text[u.start : u.end].strip()
        if not _match(_USER_COLON, label):
            continue
        if f.source_unit is not None and owner.get(f.source_unit) is not None and f.source_unit not in doc.attributions:
            su = units[f.source_unit]
            if text[su.start : su.end].strip() != label:
                continue  # (a label matched to an earlier print of the same label says nothing of its source)
        nxt = doc.quotes.get(uid + 1)
        if nxt is None or nxt.inline or nxt.source_unit is None or nxt.source_start is None:
            continue
        if owner.get(uid + 1) != owner.get(uid) or units[uid + 1].kind != "text":
            continue
        hs = owner.get(nxt.source_unit)
        if hs is None:
            continue
        start, end, src = nxt.source_start, nxt.source_end, nxt.source_unit
        p = text.rfind(label, max(0, nxt.source_start - 200), nxt.source_start)
        if p >= 0 and not text[p + len(label) : nxt.source_start].strip(" \t\n>"):
            k = nxt.source_unit
            while k > 0 and units[k].start > p:
                k -= 1  # (the label's unit: one of the few units just before the source's)
            if units[k].start <= p < units[k].end and owner.get(k) == hs:
                # (a label line there is an attribution, chrome of no
                # comment: the passage's unit stands for the comment)
                start, end, src = p, p + len(label), (nxt.source_unit if k in doc.attributions else k)
        f.source_unit, f.source_start, f.source_end = src, start, end
        f.score = nxt.score
        f.method = nxt.method + "+label"


def _header_spans(units, owner: dict[int, int]) -> dict[int, list[int]]:
    """Header -> [first start, last end] of the text units under it."""
    spans: dict[int, list[int]] = {}
    for uid, h in owner.items():
        span = spans.get(h)
        if span is None:
            spans[h] = [units[uid].start, units[uid].end]
        else:
            span[0], span[1] = min(span[0], units[uid].start), max(span[1], units[uid].end)
    return spans


_CHAINED_LOOKBACK = 3  # the named author's latest comments searched for the passage


def _chained_label_sources(doc: Document, owners: HeaderOwners, named) -> None:
    """``Eternity: Apricus: <words>`` in a flattened copy: the writer quotes
    Eternity's comment, which quoted Apricus. An inline quote whose author
    label follows another author's label, when its source is not a comment
    of the outer label's author and one of that author's latest comments
    before it (up to :data:`_CHAINED_LOOKBACK`) prints the passage word for
    word, is sourced there (method suffix ``+named``); the label then spans
    both names. Each look-up is a bounded ``str.find`` over a few comments."""
    text, units, owner, identity = doc.text, doc.units, owners.owner, owners.identity
    wanted = []
    for uid, f in doc.quotes.items():
        for part in f.parts():
            if not part.inline or part.label_start is None or part.source_unit is None:
                continue
            outer = _author_label(text, units[uid].start, part.label_start, named)
            if outer is not None:
                wanted.append((uid, part, outer))
    if not wanted:
        return
    by_author: dict[str, list[int]] = {}  # squashed author -> their headers, in order
    for h in sorted(identity):
        ident = identity[h]
        if ident[0] == "author":
            by_author.setdefault(squash_name(ident[1]), []).append(h)
    spans = _header_spans(units, owner)
    starts = [u.start for u in units]
    for uid, part, (a, b) in wanted:
        name = text[a:b].rstrip()[:-1].strip()
        hu = owner.get(uid)
        hs = owner.get(part.source_unit)
        src_ident = identity.get(hs) if hs is not None else None
        if hu is None:
            continue
        if src_ident is not None and src_ident[0] == "author" and same_person(name, src_ident[1]):
            part.label_start = a  # sourced to the named comment already
            continue
        headers = by_author.get(squash_name(name), [])
        k = bisect_right(headers, hu - 1)
        for h in reversed(headers[max(0, k - _CHAINED_LOOKBACK) : k]):
            if h != hu and _source_in(doc, owner, spans, starts, h, part, "+named"):
                part.label_start = a
                break


def _answered_inline(doc: Document, owners: HeaderOwners) -> None:
    """The rule of :func:`_answered_holders` for inline quotes, whose passage
    the index knows by its first print only: when most of the quoting
    comment's quotes come from one other comment, and that comment prints
    an inline quote's passage word for word too (it quoted the first print
    itself), the passage was taken from it: it becomes the source, method
    suffix ``+answered``. Each look-up reads that comment's text once, at C
    speed (``str.find``), so the work stays linear in the quoting comments."""
    units, owner = doc.units, owners.owner
    votes: dict[int, dict[int, int]] = {}  # quoting header -> source header -> quotes
    inline: list[tuple[int, QuoteFinding]] = []
    for uid, f in doc.quotes.items():
        hu = owner.get(uid)
        if hu is None:
            continue
        mine = votes.setdefault(hu, {})
        for part in f.parts():
            hs = owner.get(part.source_unit) if part.source_unit is not None else None
            if hs is not None and hs != hu:
                mine[hs] = mine.get(hs, 0) + 1
                if part.inline:
                    inline.append((hu, part))
    wanted = []
    for hu, part in inline:
        mine = votes[hu]
        best = max(mine, key=lambda h: (mine[h], -h))
        hs = owner[part.source_unit]
        if best != hs and mine[best] > mine.get(hs, 0):
            wanted.append((best, part))
    if not wanted:
        return
    spans = _header_spans(units, owner)
    starts = [u.start for u in units]
    for best, part in wanted:
        _source_in(doc, owner, spans, starts, best, part, "+answered")


def _source_in(doc: Document, owner: dict, spans: dict, starts: list[int], h: int, part: QuoteFinding,
               suffix: str) -> bool:
    """Source the inline quote ``part`` in comment ``h`` when that comment,
    before the quote, prints its passage word for word (one ``str.find`` over
    the comment), outside any attribution; the method gains ``suffix``."""
    if h not in spans:
        return False
    lo, hi = spans[h]
    needle = doc.text[part.start : part.end]
    p = doc.text.find(needle, lo, min(hi, part.start))
    if p < 0:
        return False
    src = max(0, bisect_right(starts, p) - 1)
    if owner.get(src) != h or src in doc.attributions:
        return False
    part.source_start, part.source_end, part.source_unit = p, p + len(needle), src
    part.method += suffix
    return True


_LABEL_BEFORE = regex.compile(r"(?:^|(?<=\s))[\w][\w.\-]{0,38}:[ \t]*\Z")


def _relayed_inline(doc: Document, owners: HeaderOwners, budget: int = 64) -> None:
    """An inline quote under two ``name:`` labels (``omar_k: alice_w: …``, a
    one-line format's quote of a quote) copies the inner label with the
    passage from the comment the outer label names: the latest print of
    label and passage together before the quote, under a header whose author
    may be that name (:func:`threadparse.speakers.same_person`: ``Omar`` /
    ``omar_k``), becomes the source instead of the passage's first print.
    Method suffix ``+relayed``. At most ``budget`` quotes per dump, each at
    most six C-speed ``rfind`` look-ups, so the work stays linear."""
    units, owner, identity, text = doc.units, owners.owner, owners.identity, doc.text
    starts: list[int] = []  # unit starts, made at the first look-up
    for uid, f in doc.quotes.items():
        if not f.inline:
            continue
        u, hu = units[uid], owner.get(uid)
        for part in f.parts():
            if part.source_unit is None:
                continue
            inner = _match_label(text, u.start, part.start)
            outer = None if inner is None else _match_label(text, u.start, inner)
            if outer is None:
                continue
            budget -= 1
            if budget < 0:
                return
            name = text[outer:inner].rstrip(" \t:")
            needle = text[inner : part.end]
            starts = starts or [x.start for x in units]
            end, chosen = u.start, None
            for _ in range(6):
                p = text.rfind(needle, 0, end)
                if p < 0:
                    break
                end = p
                src = max(0, bisect_right(starts, p) - 1)
                h = owner.get(src)
                ident = identity.get(h) if h is not None else None
                if ident is not None and ident[0] == "author" and h != hu and same_person(name, ident[1]):
                    chosen = (p, src)
                    break
            if chosen is None:
                continue
            p, src = chosen
            su = units[src]
            if su.kind != "text" or p + len(needle) > su.end or owner[src] == owner.get(part.source_unit):
                continue
            part.source_start, part.source_end = p + (part.start - inner), p + len(needle)
            part.source_unit = src
            part.method += "+relayed"


def _match_label(text: str, lo: int, pos: int) -> Optional[int]:
    """The start of a ``name:`` label (one word) ending just before ``pos``
    (spaces between), not before ``lo``; else ``None``."""
    before = text[max(lo, pos - 48) : pos]
    m = _LABEL_BEFORE.search(before.rstrip(" \t"))
    if m is None:
        return None
    return max(lo, pos - 48) + m.start()


def _marked_run_on(doc: Document, u, f: QuoteFinding, m: ReuseMatch) -> None:
    """A ``>`` block whose quoted part (the chain :func:`_marked_part` took the
    source of, because the whole block's match fell short) opens the block
    and ends with a line, followed by lines of at least ``min_quote_words``
    words that repeat no earlier text (no shingle of theirs was printed
    before): the writer's reply, typed under the same marker (a copy that
    flattened a quote box and the answer below it). The quote ends with its last line
    (``f.start``/``f.end``); the build keeps the rest as the writer's prose."""
    a, b = m.core[0], m.core[1]
    text = doc.text
    if text[u.start : a].strip(" \t>"):
        return  # the quoted part does not open the block
    nl = text.find("\n", b, u.end)
    if nl < 0 or any(ch.isalnum() for ch in text[b:nl]):
        return  # it runs to the block's end, or ends inside a line
    tail = words(text, nl, u.end)
    if len(tail) < doc.config.min_quote_words:
        return
    reuse = doc.reuse
    if u.index in reuse._slot:
        pos = reuse.first_word_of(u.index)
        seen = reuse.first_seen
        if any(seen.get(h, pos) < pos for h in shingle_hashes(tail, doc.config.shingle_size)):
            return  # the lines below repeat earlier text: more of the quote (a patch the chain left out)
    f.start, f.end = u.start, b + len(text[b:nl].rstrip())


def _marked_part(doc: Document, f: QuoteFinding, m: ReuseMatch) -> None:
    """A ``>`` block that holds more than the passage it quotes (the writer's
    reply run on under the same marker): the match's chain, before its edges
    were grown to the block's, is the quoted passage. When the chain holds at
    least ``2 × min_quote_words`` words and ``min_quote_chars`` characters and
    is similar enough to its source on its own (``score_cutoff``), its source
    becomes the block's, method suffix ``+part``."""
    cfg = doc.config
    if m.core is None:
        return
    a, b, c, d = m.core
    if b - a < cfg.min_quote_chars:
        return
    score = _chain_alone(doc, m)  # (shorter chains are stock lines as often as quotes: a sign-off under a patch series)
    if score is None:
        return
    f.source_start, f.source_end = c, d
    f.source_unit = _chain_source_unit(doc, m)
    f.score, f.method = score, "marked+" + m.method + "+part"
