"""Stage 1, the segmenter: lines, paragraphs, headers, chrome and boundary cues.

Reads the raw text only. Adds to the document:

- ``lines``: physical lines with offsets (any line-break style);
- ``units``: paragraphs (prose, ``>``-marked or code), headers and chrome, in
  order, covering every non-blank line exactly once;
- ``cues``: evidence that a comment starts at a unit (a header, a layout
  break, a salutation, the unit after a sign-off);
- ``addressing``: names found in salutations, sign-offs and ``@mentions``,
  for the speaker attributor.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from typing import Optional

import regex

from . import dialects, document, induce
from .document import Document, Unit
from .text import LINKED_WROTE, NAME_WROTE, QUOTE_MARKS, WROTE, Line, attribution_text, plain_name, dump_lines, strip_span

# A quote marker is `>` after at most three spaces (as in CommonMark); deeper
# indentation is code. `> >` and `>>` both count two levels. A Markdown clip
# escapes a quote marker it copied as text (`\>`): that is a marker too.
_QUOTE_PREFIX = QUOTE_MARKS
_FENCE = regex.compile(r"[ ]{0,3}(?:```|~~~)")
_SENTENCE_END = (".", "!", "?", ":", '"', "”", ")")
_LIST_ITEM = regex.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]")

_NOT_NAMES = frozenset(
    """i we you all everyone everybody folks guys team the this that for so and
    but again both y'all there here sir madam mate friend friends people""".split()
)
_NAME = r"(?P<name>\p{Lu}[\p{L}\p{M}'’\-]{1,30}(?:[ ]\p{Lu}[\p{L}\p{M}'’\-]{1,30})?)"
_GREETING = (
    r"(?i:hi|hello|hey|dear|greetings|thanks|thank[ ]you|many[ ]thanks|thx|ty)"
    r"(?i:[ ](?:so|very)[ ]much)?(?i:[ ]again)?"
)
_SALUTATION = regex.compile(
    _GREETING + r",?[^\S\n]+" + _NAME + r"(?=[^\S\n]?[,!.:;—–-]|$)"
)
_MORE_NAMES = regex.compile(
    r",?[^\S\n]*(?:(?i:and|&|" + _GREETING + r")[^\S\n]+)?" + _NAME + r"(?=[^\S\n]?[,!.:;—–-]|$)"
)
# "Thanks, both." / "Hello all," / "Hi everyone!": a reply opening with no name.
_OPENER = regex.compile(
    _GREETING + r"(?:,?[^\S\n]+(?i:all|both|everyone|everybody|folks|guys|team|y'all))?[,!.:—–-]"
)
# A line holding only a name, as people sign mail ("Tomás", "Jane Roe").
_NAME_LINE = regex.compile(_NAME + r"[^\S\n]*\Z")
_NOT_SIGNATURES = frozenset(
    """agreed exactly yes no nope yep yeah thanks this same true indeed correct right
    wow interesting done fixed update edit source link quote nice great cool sure
    ok okay hmm lol seconded bump
    the a an my our your their""".split()  # (an article opens a heading, "The Format", not a name)
)
_BARE_NAME_OPENING = regex.compile(_NAME + r",[ ]")
_SIGNOFF = regex.compile(
    r"(?i:cheers|best|thanks|thank[ ]you|regards|best[ ]regards|kind[ ]regards|"
    r"all[ ]the[ ]best|warmly|sincerely|yours|ta)[,!.]?(?:[^\S\n]*\n?[^\S\n]*" + _NAME + r")?[^\S\n]*\Z"
    r"|(?:--|—|–|-)[^\S\n]?" + _NAME + r"[^\S\n]*\Z"
)
_MENTION = regex.compile(r"(?<![\w@.])@(?P<name>[\w][\w.\-]{0,38}\w)")


class Segmenter:
    """Split the dump into units and record where comments may begin."""

    name = "segment"
    reads: tuple[str, ...] = ()
    writes = ("lines", "units", "cues", "addressing", "dialect")

    def __call__(self, doc: Document) -> None:
        text = doc.text
        doc.lines = lines = dump_lines(text)
        secondary: list[dialects.Dialect] = []
        if doc.requested_dialect is not None:
            dialect = dialects.get(doc.requested_dialect)
            doc.dialect_score = 1.0
        else:
            ranked = dialects.scores(text, lines)
            if ranked and ranked[0][1] >= dialects.DETECTION_THRESHOLD:
                dialect, doc.dialect_score = ranked[0]
                # A dump that glues two shapes together: the runners-up mark
                # the lines the winner left alone.
                secondary = [d for d, sc in ranked[1:] if sc >= dialects.DETECTION_THRESHOLD]
            else:
                dialect = dialects.get("plain")
                doc.dialect_score = 1.0 - (ranked[0][1] if ranked else 0.0)
        doc.dialect = dialect
        doc.dialect_name = dialect.name
        cuts = dialect.split_points(text, lines)
        # A one-line-per-message listing (a thread index) where no dialect reads the dump.
        listing = induce.listing(text, lines) if dialect.name == "plain" and doc.config.induce_headers else None
        if listing is not None:
            cuts = list(cuts) + listing.cuts
        if cuts:
            doc.lines = lines = _cut_lines(lines, cuts)
        # In a long dump each dialect reads only the regions where it has
        # evidence (dialects.hint_regions); a requested dialect reads it all.
        by_region = doc.requested_dialect is None and doc.config.late_dialects
        regions = dialects.hint_regions(text, lines, dialect) if by_region else None
        marks = dialects.mark_regions(dialect, text, lines, regions)
        if listing is not None:
            _listing_marks(doc, lines, marks, listing)
        late = []
        if by_region:
            # A long dump that turns into another shape after its first lines:
            # a dialect that scores only there marks only there.
            skip = {dialect.name, "plain"} | {d.name for d in secondary}
            late = dialects.late_regions(text, lines, skip)
        taken = {i for k, m in marks.items() for i in range(k, k + max(1, m.lines))} if secondary or late else set()
        for other in secondary:
            regions = dialects.hint_regions(text, lines, other) if by_region else None
            for k, m in dialects.mark_regions(other, text, lines, regions).items():
                span = range(k, k + max(1, m.lines))
                if not any(i in taken for i in span):
                    marks[k] = m
                    taken.update(span)
        for other, regions in late:
            for lo, hi in regions:
                for k, m in other.mark_lines(text, dialects.window(lines, lo, hi)).items():
                    span = range(lo + k, lo + k + max(1, m.lines))
                    if not any(i in taken for i in span):
                        marks[lo + k] = m
                        taken.update(span)
        doc.late_dialects = [(d.name, regions) for d, regions in late]
        _induced_marks(doc, text, lines, marks)
        _signature_marks(text, lines, marks)
        if dialect.name not in ("mail", "chat"):
            # (mail signs under "-- "; a chat line has no room for one)
            _repeated_signatures(text, lines, marks)
        doc.units = _build_units(
            text, lines, marks, doc.config.max_line_chars, dialect.indent_quotes(text, lines)
        )
        separator_lines = {k for k, m in marks.items() if m.kind == "chrome" and m.fields.get("separator")}
        _layout_cues(doc, {u.index for u in doc.units if u.kind == "chrome" and u.line_lo in separator_lines})
        _bottom_quotes(doc)
        _addressing(doc)
        # The line list and the marks go first: the segmenter's memory peaks
        # while they and the units are all alive.
        del lines, marks
        document.share_unit_ints(doc.units)


def _induced_marks(doc: Document, text: str, lines: list[Line], marks: dict) -> None:
    """Headers learnt from the dump's own recurrence (:mod:`threadparse.induce`)
    join the dialect's marks where they do not collide with them, then
    per-comment furniture and the page furniture above the first header."""
    if not any(i in marks for i in range(min(3, len(lines)))):
        marks.update(induce.front_matter(text, lines))
    furniture = induce.page_furniture(text, lines)
    if furniture:
        inside = {i for k, m in marks.items() if m.lines > 1 for i in range(k, k + m.lines)}
        for k, m in furniture.items():
            if k not in inside:
                marks[k] = m  # a printed page's running head, whatever it looked like
    if doc.config.induce_headers:
        full = _borrow_from_induction(text, lines, marks)
        taken = {i for k, m in marks.items() for i in range(k, k + max(1, m.lines))}
        dialect_headers = sum(1 for m in marks.values() if m.kind == "header")
        if full is None:
            induced = induce.header_marks(text, lines, taken)
        else:
            # (induced over the whole dump already: its blocks the dialect
            # left alone, on the dump's common scale of depths)
            induced = {
                k: m for k, m in full.items() if not any(i in taken for i in range(k, k + max(1, m.lines)))
            }
        if dialect_headers >= 2:
            same = _same_structure(full, induced) if full else _dialect_shape(text, lines, marks, induced)
            induced = _own_regions(induced, marks, same)
            _known_authors(text, lines, marks, induced)
            _continued_headers(text, lines, marks, induced)
        if induced:
            marks.update(induced)
            if doc.dialect_name == "plain" and doc.requested_dialect is None:
                doc.dialect_name = "induced"
            # Per-comment furniture of an unknown site.
            marks.update(induce.recurring_chrome(text, lines, marks))
        elif dialect_headers >= 2:
            # A known site's theme (or a chat client) that prints a row of
            # buttons its dialect does not know: only rows of two buttons or
            # more, since a dialect's messages may repeat a short line
            # ("Thanks,", "ok") that is text.
            marks.update(induce.recurring_chrome(text, lines, marks, rows_only=True))
    _avatar_lines(text, lines, marks)
    marks.update(induce.leading_chrome(text, lines, marks))
    marks.update(induce.trailing_chrome(text, lines, marks))
    marks.update(induce.reprinted_furniture(text, lines, marks))
    marks.update(induce.link_lists(text, lines, marks))
    if doc.config.induce_headers:
        parted = induce.separators(text, lines, marks)
        if not parted:
            parted = induce.names_opening_blocks(text, lines, marks)
        marks.update(parted)
        if any(m.kind == "header" for m in parted.values()):
            # name lines under the separators (induce._names_after_separators):
            # the page furniture above the first of them is chrome now
            marks.update(induce.leading_chrome(text, lines, marks))
            if doc.dialect_name == "plain" and doc.requested_dialect is None:
                doc.dialect_name = "induced"


# An avatar's alternative text on a line of its own: "User avatar", "Avatar",
# "Maria's avatar", "profile picture".
_AVATAR = regex.compile(
    r"[ \t]*(?:[^\n]{1,60}['’]s[ \t]+)?(?:(?i:user|profile|member)[ \t]+)?(?i:avatar|picture|photo)[ \t]*"
)


def _avatar_lines(text: str, lines: list[Line], marks: dict) -> None:
    """A line that is only an avatar's alternative text (``User avatar``,
    ``Avatar``, ``Maria's avatar``), right over a header (blank lines
    between allowed), is ``ui`` chrome, wherever the dialect or the induced
    template left it."""
    headers = [k for k, m in marks.items() if m.kind == "header"]
    covered = {i for k, m in marks.items() for i in range(k, k + max(1, m.lines))}
    for k in headers:
        j = k - 1
        while j >= 0 and k - j <= 3 and not text[lines[j].start : lines[j].end].strip():
            j -= 1
        if j < 0 or j in covered or lines[j].end - lines[j].start > 80:
            continue
        if _AVATAR.fullmatch(text, lines[j].start, lines[j].end):
            marks[j] = dialects.LineMark(kind="chrome", lines=1, chrome_kind="ui")


def _continued_headers(text: str, lines: list[Line], marks: dict, induced: dict) -> None:
    """An induced header that names no author, right under a dialect's
    header that does (only blank lines between), is the rest of that header:
    a site layout whose name line the dialect knows and whose date line
    (``[Pub](…)[Nov 24](…/comment/…)``) it does not. The dialect's mark
    grows over it and takes the fields it lacks; no comment starts there."""
    if not induced:
        return
    ends = {}  # line after a named dialect header -> its first line
    for k, m in marks.items():
        if m.kind == "header" and m.fields.get("author"):
            ends[k + max(1, m.lines)] = k
    for k in sorted(induced):
        m = induced[k]
        if m.kind != "header" or m.fields.get("author"):
            continue
        j = k
        while j - 1 >= 0 and j not in ends and k - j < 3 and not text[lines[j - 1].start : lines[j - 1].end].strip():
            j -= 1
        if j not in ends:
            continue
        h = ends.pop(j)
        head = marks[h]
        fields = {key: value for key, value in m.fields.items() if key not in ("method", "template")}
        fields.update(head.fields)
        marks[h] = dialects.LineMark(kind="header", lines=k + max(1, m.lines) - h, fields=fields)
        del induced[k]


def _known_authors(text: str, lines: list[Line], marks: dict, induced: dict) -> None:
    """An induced header that reads no author (its template's one name
    throughout: ``tomasz88 (Moderator) · 3h`` twice) where the dialect's
    headers have the same shape but for a bracketed badge or flag (see
    :func:`_dialect_shape`) takes the name from the slot where the dialect's
    headers print their authors: ``W · T`` names its author in the first
    ``W``, so ``W ( W ) · T`` does too."""
    missing = [k for k, m in induced.items() if m.kind == "header" and not m.fields.get("author")]
    if not missing:
        return
    headers = [k for k, m in marks.items() if m.kind == "header" and m.fields.get("author")]
    sample = headers[:: max(1, len(headers) // _SHAPE_SAMPLE)]
    where: Counter = Counter()
    for k in sample:
        sh = induce.shape_of(text, lines[k].start, lines[k].end)
        if sh is None:
            continue
        author = marks[k].fields["author"].strip().casefold()
        for n, (a, b) in enumerate(sh.slots):
            if text[a:b].strip().casefold() == author:
                core, places = _core(sh.skeleton)
                where[(core, places[n] if n < len(places) else None)] += 1
                break
    if not where:
        return
    (core, slot), n = where.most_common(1)[0]
    if slot is None or n * 2 < len(sample):
        return
    for k in missing:
        sh = induce.shape_of(text, lines[k].start, lines[k].end)
        if sh is None:
            continue
        own, places = _core(sh.skeleton)
        if own != core or slot not in places or places.index(slot) >= len(sh.slots):
            continue
        n = places.index(slot)
        a, b = sh.slots[n]
        name = text[a:b].strip()
        if induce.name_like(name):
            m = induced[k]
            induced[k] = dialects.LineMark(kind="header", lines=m.lines, fields=dict(m.fields, author=name))


def _listing_marks(doc: Document, lines: list[Line], marks: dict, listing: "induce.Listing") -> None:
    """The marks of a listing (:func:`induce.listing`), on the lines cut at its pieces."""
    for ln in lines:
        fields = listing.headers.get(ln.start)
        if fields is not None:
            marks[ln.index] = dialects.LineMark(kind="header", fields=fields)
        elif ln.start in listing.chrome:
            marks[ln.index] = dialects.LineMark(kind="chrome", chrome_kind=listing.chrome[ln.start])
    if doc.requested_dialect is None:
        doc.dialect_name = "induced"


def _borrow_from_induction(text: str, lines: list[Line], marks: dict) -> Optional[dict]:
    """When a dialect finds the headers but not who wrote most of them (a
    site layout it knows only in part), or prints them at several indents
    without a depth, the template induced over the same lines may name the
    author or read the nesting: evidence decides field by field, too. The
    borrowed author keeps the induced method (``author_method``)."""
    headers = [k for k, m in marks.items() if m.kind == "header"]
    if len(headers) < 2:
        return None
    missing = [k for k in headers if not marks[k].fields.get("author")]
    # Headers printed at several indents with no depth from the dialect: the
    # induced template reads the indentation as nesting.
    flat = not any("depth" in marks[k].fields or "min_depth" in marks[k].fields for k in headers)
    indents = {len(text[lines[k].start : lines[k].end]) - len(text[lines[k].start : lines[k].end].lstrip(" ")) for k in headers}
    nested = flat and len(indents) > 1
    named = len(missing) < len(headers) / 2 and not nested  # the dialect found most authors
    doubt = _doubtful_authors(text, marks, headers) if named else None
    if named and doubt is None:
        return None
    doubtful = doubt is not None
    induced = induce.header_marks(text, lines, set())
    spans = sorted((k, k + max(1, m.lines), m.fields) for k, m in induced.items())
    starts = [a for a, _, _ in spans]
    if doubtful:
        missing = _better_induced_authors(text, marks, headers, spans, starts, doubt)
    wanted = set(missing) | (set(headers) if nested else set())
    for k in sorted(wanted):
        mark = marks[k]
        hi = k + max(1, mark.lines)
        j = bisect.bisect_right(starts, hi - 1) - 1  # the last induced block starting inside or before
        if j < 0 or spans[j][1] <= k:
            continue
        found = spans[j][2]
        fields = dict(mark.fields)
        if (not fields.get("author") or doubtful) and found.get("author"):
            fields.update(author=found["author"], author_method="induced")
        if nested and "depth" in found:
            fields["depth"] = found["depth"]
            if "nest_indent" in found:
                fields["nest_indent"] = found["nest_indent"]
        start, lines_ = k, mark.lines
        lo, hi_induced = spans[j][0], spans[j][1]
        # Above the dialect's header, the block runs from the line that names
        # the author, and over the lines above it that open a paragraph
        # ("Post subject: Re: …"); what the post above ends with (a sign-off
        # or a row of buttons printed before every header) stays that post's.
        author = fields.get("author") or ""
        top = next((i for i in range(lo, k) if author and author in text[lines[i].start : lines[i].end]), k)
        while top > lo and (
            not text[lines[top - 1].start : lines[top - 1].end].strip()
            or top - 1 == 0 or not text[lines[top - 2].start : lines[top - 2].end].strip()
        ):
            top -= 1
        while top < k and not text[lines[top].start : lines[top].end].strip():
            top += 1
        lo = top
        if (
            fields.get("author_method") == "induced" and lo <= k and hi_induced >= hi
            and hi_induced - lo > max(1, mark.lines)
            and not any(i in marks for i in range(lo, hi_induced) if i != k)
        ):
            # the induced block that named the author holds the dialect's
            # header and more of it (the name line above the date, a user
            # card below): the header is that block
            del marks[k]
            start, lines_ = lo, hi_induced - lo
        if fields != mark.fields or start != k:
            marks[start] = dialects.LineMark(kind="header", lines=lines_, fields=fields, chrome_kind=mark.chrome_kind)
    return induced


# At most this many distinct author values are looked up in the whole text
# (one C-level count each) when judging a dialect's authors.
_CONFIRM_VALUES = 20


def _confirmed(text: str, values: list[str], enough: Optional[float] = None) -> float:
    """The share of the distinct ``values`` (the most frequent first) that
    the dump prints more often than in the headers that gave them: a name the
    dump itself confirms (an attribution, a mention, a signature). With
    ``enough``, the share found so far as soon as it reaches ``enough`` (the
    caller only asks whether it does: the rest of the text counts are saved)."""
    counts = Counter(values).most_common(_CONFIRM_VALUES)
    if not counts:
        return 0.0
    found = 0
    for v, c in counts:
        if text.count(v) > c:
            found += 1
            if enough is not None and found / len(counts) >= enough:
                return found / len(counts)  # the full share is at least this
    return found / len(counts)


def _doubtful_authors(text: str, marks: dict, headers: list[int]) -> Optional[tuple[int, float]]:
    """Whether a dialect's authors look like a field that follows the author
    rather than the author (a rank, an online badge: ``Offline`` over every
    post): few values for many headers, and the dump names almost none of
    them anywhere else. ``(distinct values, confirmed share)`` when they do,
    else ``None``."""
    values = [marks[k].fields["author"] for k in headers if marks[k].fields.get("author")]
    distinct = len(set(values))
    if len(values) < 4 or 2 * distinct > len(values):
        return None
    share = _confirmed(text, values, enough=1 / 3)
    return (distinct, share) if share < 1 / 3 else None


def _better_induced_authors(
    text: str, marks: dict, headers: list[int], spans: list, starts: list, ours: tuple[int, float]
) -> list[int]:
    """The dialect headers whose author the induced template over the same
    lines should replace: all of them, when the induced template names an
    author for most of them, with more different names than the dialect's,
    and the dump confirms a larger share of its names than of the dialect's
    (``ours``: the dialect's distinct values and confirmed share); otherwise none."""
    induced: dict[int, str] = {}
    for k in headers:
        hi = k + max(1, marks[k].lines)
        j = bisect.bisect_right(starts, hi - 1) - 1
        if j >= 0 and spans[j][1] > k and spans[j][2].get("author"):
            induced[k] = spans[j][2]["author"]
    if 2 * len(induced) < len(headers):
        return []
    theirs = list(induced.values())
    distinct, share = ours  # the dialect's (see _doubtful_authors)
    if len(set(theirs)) <= distinct or _confirmed(text, theirs) <= share:
        return []
    return list(induced)


def _same_structure(full: dict, free: dict) -> set:
    """Induced headers in ``free`` (lines the dialect left alone) whose
    template also covers most of the dialect's headers: the same header
    shape, which the dialect missed here (a name it could not read), so they
    are headers wherever they stand."""
    total: dict = {}
    for m in full.values():
        key = m.fields.get("template")
        total[key] = total.get(key, 0) + 1
    free_count: dict = {}
    for m in free.values():
        key = m.fields.get("template")
        free_count[key] = free_count.get(key, 0) + 1
    shared = {key for key, n in total.items() if n - free_count.get(key, 0) >= n / 2}
    return {k for k, m in free.items() if m.fields.get("template") in shared}


def _dialect_shape(text: str, lines: list[Line], marks: dict, free: dict) -> set:
    """Induced headers in ``free`` (lines the dialect left alone) that hold
    a line of the skeleton most of the dialect's headers hold: the dialect's
    own header shape, which it could not read there (``Anonymous 45 · 3 wks
    ago`` among its ``Elliot · 3 wks ago``), so they are headers wherever they
    stand."""
    alone = set(free) - set(_own_regions(free, marks))
    if not alone:
        return set()  # (every induced header is kept or dropped whatever its shape)
    counts: Counter = Counter()
    headers = [k for k, m in marks.items() if m.kind == "header"]
    step = max(1, len(headers) // _SHAPE_SAMPLE)  # (an even sample of the dialect's headers)
    sample = headers[::step]
    for k in sample:
        m = marks[k]
        counts.update(list(dict.fromkeys(sk for j in range(k, k + max(1, m.lines)) if (sk := _skeleton(text, lines, j)) is not None)))
    if not counts:
        return set()
    # (counted in line order: where several tie, the one printed first in the
    # first header wins, whatever the order of a set)
    skeleton, n = counts.most_common(1)[0]
    if n * 2 < len(sample):
        return set()
    # (a badge or a flag in brackets is the same header: "Ana (Moderator) ·
    # 3h", "Ana · 3h (edited)" among "Ana · 3h")
    core = _core(skeleton)[0]
    return {
        k for k in alone
        if any((sk := _skeleton(text, lines, j)) is not None and _core(sk)[0] == core
               for j in range(k, k + max(1, free[k].lines)))
    }


_BRACKETS = {"(": ")", "[": "]"}


def _core(skeleton: tuple) -> tuple[tuple, list]:
    """``skeleton`` without its bracketed groups (``( W )``, ``[ edited ]``),
    and for each ``W`` of ``skeleton`` its place among the core's ``W``s
    (``None`` inside brackets). An unclosed bracket leaves the skeleton whole."""
    out: list = []
    places: list = []
    close = None
    for tok in skeleton:
        if close is not None:
            if tok == close:
                close = None
            elif tok == "W":
                places.append(None)
            continue
        if tok in _BRACKETS:
            close = _BRACKETS[tok]
            continue
        if tok == "W":
            places.append(out.count("W"))
        out.append(tok)
    if close is not None:
        return skeleton, list(range(skeleton.count("W")))
    return tuple(out), places


_SHAPE_SAMPLE = 64  # dialect headers whose line shapes are read for their usual skeleton


def _skeleton(text: str, lines: list[Line], j: int) -> Optional[tuple]:
    if j >= len(lines):
        return None
    sh = induce.shape_of(text, lines[j].start, lines[j].end)
    return None if sh is None else sh.skeleton


def _own_regions(induced: dict, marks: dict, keep: set = frozenset()) -> dict:
    """Induced headers where the dialect has none: runs of at least two
    induced headers with no dialect header between them. An induced header
    between two dialect headers would split a comment the dialect already
    delimits, so evidence gives that region to the dialect."""
    events = sorted(
        [(k, False) for k, m in marks.items() if m.kind == "header"] + [(k, True) for k in induced]
    )
    kept: dict = {}
    run: list[int] = []
    for k, is_induced in events + [(-1, False)]:
        if is_induced:
            run.append(k)
            continue
        if len(run) >= 2:
            kept.update({j: induced[j] for j in run})
        else:
            kept.update({j: induced[j] for j in run if j in keep})
        run = []
    return kept


def _cut_lines(lines: list[Line], cuts: list[int]) -> list[Line]:
    """Split lines at the given character offsets (inside a line only)."""
    points = sorted(set(cuts))
    out: list[Line] = []
    k = 0
    for ln in lines:
        start = ln.start
        while k < len(points) and points[k] <= ln.start:
            k += 1
        while k < len(points) and points[k] < ln.end:
            out.append(Line(len(out), start, points[k]))
            start = points[k]
            k += 1
        out.append(Line(len(out), start, ln.end))
    return out


_SIGNATURE_LINES = 8
# "-- " (mail, Usenet), or a forum's rule of underscores above the signature
# ("_________________", phpBB; either indented in a nested reply)
_SIGNATURE_OPENER = regex.compile(induce._SIGNATURE_RULE.pattern + r"|\s*_{8,}\s*")  # (induction's "-- " rule too)


def _signature_marks(text: str, lines: list[Line], marks: dict) -> None:
    """``-- `` (or ``--``), or a rule of eight or more underscores, alone on a
    line opens a signature: it and the short lines after it, up to a blank
    line or a dialect's mark, are chrome."""
    n = len(lines)
    signed = _signed_under_dashes(text, lines, marks)
    i = 0
    while i < n:
        ln = lines[i]
        if (
            ln.end - ln.start > 80
            or (i in marks and (marks[i].kind != "chrome" or marks[i].lines != 1))
            or not (_SIGNATURE_OPENER.fullmatch(text, ln.start, ln.end) or i in signed)
        ):
            i += 1
            continue
        # (a "-- " that recurs in every message is furniture too: it still
        # opens the signature; a nested reply indents the whole signature)
        indent = len(text[ln.start : ln.end]) - len(text[ln.start : ln.end].lstrip(" "))
        j = i + 1
        diff_like = False
        while j < n and j - i <= _SIGNATURE_LINES and j not in marks:
            body = text[lines[j].start : lines[j].end]
            if not body.strip() or len(body) > 100:
                break
            if indent and body[:indent].isspace():
                body = body[indent:]
            # diff lines, or quoted text (a "--" can end a paragraph of prose)
            diff_like = diff_like or body.startswith(("+", "-", "@@", " ", ">"))
            j += 1
        # a lone "--" with nothing under it, or a "--" inside a patch, is no
        # signature; nor is Outlook's rule above an embedded message's "From:"
        mail_block = i + 1 < j and induce._MAIL_FIELD.match(text, lines[i + 1].start, lines[i + 1].end)
        if j - i > 1 and not diff_like and not mail_block:
            marks[i] = dialects.LineMark(kind="chrome", lines=j - i, chrome_kind="signature")
        i = j


_SIGNATURE_TAIL = 6  # a signature's lines, at most
_SIGNATURE_WINDOW = 14  # last text lines of a post searched for another post's signature
_SIGNATURE_LINE = 100  # characters in a signature's line, at most
_SIGNATURE_KEEP = 40  # last text lines of a post read for it


def _repeated_signatures(text: str, lines: list[Line], marks: dict) -> None:
    """The last lines of a post that come back word for word near the end of
    another post by the same author (under its text, over the page's footer
    on the last post), after text that differs, are that author's signature:
    a forum prints it under every post, with no rule above it. Chrome
    ``signature``. A post captured twice (rewrapped, or cut at the top by a
    page break) shares its end and the words before it too: that is left to
    the deduplicator. Lines another author prints as well are quoted, not
    signed."""
    headers = sorted(k for k, m in marks.items() if m.kind == "header" and m.fields.get("author"))
    if len(headers) < 3:
        return
    covered = {i for k, m in marks.items() for i in range(k, k + max(1, m.lines))}
    n = len(lines)
    posts: dict[str, list[tuple[list[int], list[str]]]] = {}
    for h, nxt in zip(headers, headers[1:] + [n]):
        lo = h + max(1, marks[h].lines)
        own: list[int] = []  # the post's last text lines (enough to compare ends), in order
        i = nxt - 1
        while i >= lo and len(own) < _SIGNATURE_KEEP:
            if i not in covered and text[lines[i].start : lines[i].end].strip():
                own.append(i)
            i -= 1
        own.reverse()
        words = [" ".join(text[lines[i].start : lines[i].end].split()) for i in own]
        posts.setdefault(str(marks[h].fields["author"]).casefold(), []).append((own, words))
    # who prints each line: a signature is one author's, a line others print too is quoted
    printed_by: dict[str, set] = {}
    for author, mine in posts.items():
        for _, words in mine:
            for w in words:
                printed_by.setdefault(w, set()).add(author)
    for author, mine in posts.items():
        for (a_lines, a_words), (b_lines, b_words) in zip(mine, mine[1:]):
            for (x_lines, x_words), (y_lines, y_words) in (((a_lines, a_words), (b_lines, b_words)), ((b_lines, b_words), (a_lines, a_words))):
                found = _signature_in(x_words, y_words)
                if found is None:
                    continue
                size, at = found
                if any(printed_by[w] != {author} for w in x_words[len(x_words) - size :]):
                    continue
                if any(_indent(text, lines[i]) > _indent(text, lines[x_lines[0]]) for i in x_lines[len(x_lines) - size :]):
                    continue  # indented under the post's text: a quote or code, not a signature
                for i in x_lines[len(x_lines) - size :] + y_lines[at : at + size]:
                    marks[i] = dialects.LineMark(kind="chrome", lines=1, chrome_kind="signature")
                break


_BARE = regex.compile(r"[^\w]+")


def _only_footer(rest: list[str]) -> bool:
    """What follows a signature in a post: nothing, or a page's footer (a few
    short lines, no sentence), never more of the post's text."""
    return len(rest) <= 8 and all(len(w) <= 100 and not w.endswith((".", "!", "?")) for w in rest)


def _indent(text: str, line: Line) -> int:
    body = text[line.start : line.end]
    return len(body) - len(body.lstrip())


def _signature_in(x: list[str], y: list[str]) -> Optional[tuple[int, int]]:
    """``(size, start in y)`` of the longest run of ``x``'s last lines (one to
    :data:`_SIGNATURE_TAIL`, fifteen characters or more, none longer than
    :data:`_SIGNATURE_LINE`) found in ``y``'s
    last :data:`_SIGNATURE_WINDOW` lines with only a footer after it
    (:func:`_only_footer`), with different text before it in
    both (and more of it in each than the run); ``None`` when there is none."""
    best = None
    lo = max(0, len(y) - _SIGNATURE_WINDOW)
    for size in range(1, min(_SIGNATURE_TAIL, len(x) - 1) + 1):
        tail = x[len(x) - size :]
        if len(tail[0]) > _SIGNATURE_LINE:
            break  # a paragraph, not a signature's line
        if sum(len(w) for w in tail) < 15:
            continue
        at = next((k for k in range(lo, len(y) - size + 1) if y[k : k + size] == tail and _only_footer(y[k + size :])), None)
        if at is None:
            break
        best = (size, at)
    if best is None:
        return None
    size, at = best
    # (letters and digits only: a recapture may rewrap the lines, moving the
    # ">" of quoted ones, and retype the quotes and dashes)
    x_head = [k for w in " ".join(x[: len(x) - size]).split() if (k := _BARE.sub("", w).casefold())]
    y_head = [k for w in " ".join(y[:at]).split() if (k := _BARE.sub("", w).casefold())]
    short, long_ = sorted((x_head, y_head), key=len)
    if not short or long_[len(long_) - len(short) :] == short or x_head[:8] == y_head[:8]:
        return None  # the same post twice (rewrapped, or cut at the top by a page break)
    xs = {tuple(x_head[k : k + 5]) for k in range(max(1, len(x_head) - 4))}
    ys = {tuple(y_head[k : k + 5]) for k in range(max(1, len(y_head) - 4))}
    if len(xs & ys) * 4 > min(len(xs), len(ys)):
        return None  # (or the same post with a line changed: most of its words shared)
    return best


_DASH_RULE = regex.compile(r"[ \t]*-{8,}[ \t]*")


def _signed_under_dashes(text: str, lines: list[Line], marks: dict) -> set[int]:
    """Rules of hyphens (``----------``) that open a signature: the line
    under the rule comes back word for word under another such rule (a
    poster's signature, printed with each post). A rule with new text under
    it each time divides sections of a post, or posts."""
    under: dict[str, list[int]] = defaultdict(list)
    n = len(lines)
    for i, ln in enumerate(lines):
        if ln.end - ln.start < 8 or ln.end - ln.start > 80 or i + 1 >= n or i + 1 in marks:
            continue
        if text[ln.start] not in " \t-" or not _DASH_RULE.fullmatch(text, ln.start, ln.end):
            continue
        nxt = lines[i + 1]
        body = text[nxt.start : nxt.end].strip()
        if body and len(body) <= 100:
            under[body].append(i)
    return {i for where in under.values() if len(where) >= 2 for i in where}


def _content_span(text: str, lines: list[Line], lo: int, hi: int) -> tuple[int, int]:
    start, end = strip_span(text, lines[lo].start, lines[hi - 1].end)
    # New int objects (``x + 0`` makes one; equal values, same offsets): the
    # line list's ints were made together by split_lines, and a unit holding
    # them would keep their allocator pools, and the arenas of the whole
    # list, alive after the list is freed (docs/speed.md, stop 16).
    return start + 0, end + 0


def _header_fields(fields: dict) -> dict:
    """A header's fields for its unit; the author as the page shows it
    (:func:`plain_name`: no Markdown link or escapes around it)."""
    out = dict(fields)
    author = out.get("author")
    if isinstance(author, str) and ("[" in author or "\\" in author):
        out["author"] = plain_name(author)
    return out


def _build_units(text, lines, marks, max_line_chars, quote_indent=False) -> list[Unit]:
    units: list[Unit] = []
    block = 0
    prev_blank = True
    in_fence = False
    run: list[tuple[int, str, int, bool]] = []  # (line, marker, depth, code)

    def flush() -> None:
        if run:
            _emit_paragraphs(text, lines, run, block, units)
            run.clear()

    i, n = 0, len(lines)
    code_until = 0  # lines before this index were marked as code by the dialect
    # A clipper that prints replies as nested blockquotes puts a comment's text
    # behind as many ">" as its header: only deeper ">" lines are quotes.
    nest_level = 0
    # Replies nested by indentation: a comment's text is indented like its
    # header; only lines four deeper than that are code.
    nest_indent = 0
    while i < n:
        line = lines[i]
        mark = marks.get(i)
        if mark is not None and mark.kind == "code":
            code_until = max(code_until, i + max(1, mark.lines))
            mark = None
        if mark is not None:
            if mark.kind == "header":
                nest_level = mark.fields.get("nest_prefix", 0)
                nest_indent = mark.fields.get("nest_indent", 0)
                # A code block never runs on into the next comment: a fence
                # left open (its closing line read as page furniture, or cut
                # by the copy) ends at the next header.
                in_fence = False
            flush()
            hi = min(n, i + max(1, mark.lines))
            start, end = _content_span(text, lines, i, hi)
            if start < end:
                units.append(
                    Unit(
                        index=len(units), start=start, end=end, line_lo=i, line_hi=hi,
                        kind=mark.kind, chrome_kind=mark.chrome_kind,
                        header=_header_fields(mark.fields) if mark.kind == "header" else None,
                        block=block,
                    )
                )
            prev_blank = False
            i = hi
            continue
        raw = text[line.start : line.end]
        if not raw.strip():
            flush()
            if not prev_blank:
                block += 1
            prev_blank = True
            i += 1
            continue
        prev_blank = False
        if i < code_until:
            run.append((i, "none", 0, True))
            i += 1
            continue
        head = raw[:max_line_chars]
        first = head.lstrip()[:1]
        if first in ("`", "~") and _FENCE.match(head):
            in_fence = not in_fence
            run.append((i, "none", 0, True))
            i += 1
            continue
        if in_fence:
            run.append((i, "none", 0, True))
            i += 1
            continue
        if nest_indent and head[:1] in (" ", "\t"):
            head = _dedent(head, nest_indent)
            first = head.lstrip()[:1]
        m = _QUOTE_PREFIX.match(head) if first == ">" or (first == "\\" and head.lstrip()[1:2] == ">") else None
        if m and m.group().count(">") <= nest_level:
            run.append((i, "none", 0, False))  # the comment's own text, nested
        elif m:
            depth = m.group().count(">") - nest_level
            run.append((i, ">", depth, False))
        elif quote_indent and head.startswith("    "):
            run.append((i, "indent", 1, False))  # the dialect indents quotes
        elif head.startswith(("    ", "\t")):
            # Indented four or more (or by a tab): code, whose `>` is no quote marker.
            run.append((i, "none", 0, True))
        else:
            run.append((i, "none", 0, False))
        i += 1
    flush()
    return units


def _dedent(head: str, width: int) -> str:
    """``head`` without up to ``width`` columns of leading indentation."""
    col = k = 0
    while k < len(head) and col < width and head[k] in (" ", "\t"):
        col += 4 - col % 4 if head[k] == "\t" else 1
        k += 1
    return head[k:]


def _emit_paragraphs(text, lines, run, block, units) -> None:
    """Group a run of adjacent content lines into paragraph units."""
    groups: list[list[tuple[int, str, int, bool]]] = []
    for item in run:
        last = groups[-1] if groups else None
        if last is not None and last[-1][1:] == item[1:]:
            last.append(item)
        elif (
            last is not None and last[-1][1] == ">" and item[1] == ">"
            and item[2] > last[-1][2] and _only_attribution(text, lines, last)
        ):
            # "> Pia wrote:" / "> marta_k:" above "> > quoted text": the quoted
            # author's attribution of what they quoted, one block with it.
            last.append(item)
        else:
            groups.append([item])
    for group in groups:
        _, marker, _, code = group[0]
        depth = min(item[2] for item in group)
        head: list = []
        if marker == "none" and not code and len(group) > 1 and _attribution_line(text, lines[group[0][0]]):
            # "ines_v wrote: ↑…" / "Pia wrote:" over the quoted lines: a
            # paragraph of its own, however the lines below are wrapped
            head, group = [group[:1]], group[1:]
        elif (
            marker == ">" and not code and len(group) > 1
            and _quoted_attribution_line(text, lines[group[0][0]])
            and _next_quoted_depth(text, lines, group) in (None, group[0][2])
        ):
            # "> **pia said:**" / "> Reply from pia ↑<date>" opening a quote
            # box: the box's title, a line of its own above what it quotes.
            # (Over deeper quoted text it is the quoted writer's own
            # attribution, part of what is quoted: see _only_attribution.)
            head, group = [group[:1]], group[1:]
        elif marker == "none" and not code and len(group) > 1 and _signed_after_first(text, lines, group):
            # "Quote from Knuth:" over "| quoted" lines: the sign every line
            # below opens with and the first lacks sets the first apart
            head, group = [group[:1]], group[1:]
        if marker != "none" or code or _looks_wrapped(text, lines, group):
            parts = head + [group]
        else:
            parts = head + [[item] for item in group]
        for part in parts:
            lo, hi = part[0][0], part[-1][0] + 1
            start, end = _content_span(text, lines, lo, hi)
            if start >= end:
                continue
            units.append(
                Unit(
                    index=len(units), start=start, end=end, line_lo=lo, line_hi=hi,
                    kind="text", marker=marker, depth=depth, block=block, code=code,
                )
            )


_LINE_SIGN = regex.compile(r"[ ]{0,3}([|»])(?:[ \t]|$)")


def _signed_after_first(text, lines, group) -> bool:
    """Every line of ``group`` but the first opens with the same sign (``|``
    or ``»`` and a space: another quote marker than ``>``); the first does not."""
    first = lines[group[0][0]]
    if _LINE_SIGN.match(text, first.start, first.end) is not None:
        return False
    signs = set()
    for item in group[1:]:
        ln = lines[item[0]]
        m = _LINE_SIGN.match(text, ln.start, ln.end)
        if m is None:
            return False
        signs.add(m.group(1))
    return len(signs) == 1


def _bottom_quotes(doc: Document) -> None:
    """An attribution (``On <date>, Ana wrote:``) whose quote runs to the end
    of the dump or to the next header, with no text of the writer's own after
    it, is the bottom of a top-posted reply: it stays with the text above
    it, so the blank lines around it are no comment boundary (a comment of
    nothing but someone else's quoted words is no comment). An attribution
    followed by a quote and then the writer's own text still opens a
    comment (a reply written under the quote)."""
    units, text = doc.units, doc.text
    for i, u in enumerate(units):
        if u.kind != "text" or u.marker != "none" or u.code or i + 1 >= len(units):
            continue
        if not any(c.reason == "layout" for c in doc.cues.get(i, ())):
            continue
        nxt = units[i + 1]
        if nxt.kind != "text" or nxt.marker == "none":
            continue
        s = text[u.start : u.end]
        if len(s) > 240 or not s.endswith(":") or NAME_WROTE.match(" ".join(s.split())) is None:
            continue
        j = i + 1
        while j < len(units) and units[j].kind != "header" and not (
            units[j].kind == "text" and units[j].marker == "none"
        ):
            j += 1
        if j < len(units) and units[j].kind != "header":
            continue  # the writer's own words follow the quote
        for k in range(i, j):
            if k in doc.cues:
                doc.cues[k] = [c for c in doc.cues[k] if c.reason != "layout"]


def _attribution_line(text: str, ln: Line) -> bool:
    """A line that introduces a quote below it: ``Pia wrote:`` or a forum's
    ``ines_v wrote: ↑<date>``."""
    if ln.end - ln.start > 160:
        return False
    s = text[ln.start : ln.end].rstrip()
    if s.endswith(":"):
        return NAME_WROTE.match(s) is not None
    return ("↑" in s or ":" in s) and LINKED_WROTE.fullmatch(s) is not None


def _next_quoted_depth(text, lines, group) -> Optional[int]:
    """The quote depth of the first `>` line after the group's first that
    holds text, or None."""
    for idx, _, depth, _ in group[1:]:
        ln = lines[idx]
        if _QUOTE_PREFIX.sub("", text[ln.start : ln.end], count=1).strip():
            return depth
    return None


def _quoted_attribution_line(text: str, ln: Line) -> bool:
    """A `>` line whose text introduces the quote it opens (see
    :func:`~threadparse.text.attribution_text`)."""
    if ln.end - ln.start > 200:
        return False
    body = _QUOTE_PREFIX.sub("", text[ln.start : ln.end], count=1)
    return attribution_text(body)


_QUOTED_ATTRIBUTION = regex.compile(r"[^\n]{0,200}" + WROTE + r"[^\n]{0,80}:|[\w.@ \-]{1,60}:")


def _only_attribution(text, lines, group) -> bool:
    """A `>` group holding only empty quote lines and one attribution line."""
    found = 0
    for idx, *_ in group:
        ln = lines[idx]
        body = _QUOTE_PREFIX.sub("", text[ln.start : ln.end], count=1).strip()
        if not body:
            continue
        if len(body) > 300 or not _QUOTED_ATTRIBUTION.fullmatch(body):
            return False
        found += 1
    return found == 1


def _looks_wrapped(text, lines, group) -> bool:
    """Hard-wrapped prose: every line but the last is filled close to one width,
    and most lines break mid-sentence (a line per sentence-final paragraph is not
    wrapping, however even the lengths)."""
    if len(group) < 2:
        return False
    lengths = []
    final_stops = 0
    for idx, *_ in group[:-1]:
        ln = lines[idx]
        raw = text[ln.start : ln.end].rstrip()
        if _LIST_ITEM.match(raw[:20]):
            return False
        lengths.append(len(raw))
        if raw.endswith(_SENTENCE_END):
            final_stops += 1
    width = max(lengths)
    if width > 100 or width < 30 or final_stops * 2 > len(lengths):
        return False
    if len(group) == 2:
        # Two lines are too few to see a width: the second must go on mid-sentence.
        ln = lines[group[1][0]]
        first = text[ln.start : ln.end].lstrip()[:1]
        if not first or first.isupper():
            return False
    return all(length >= width - 30 for length in lengths)


# A list row: a bullet or a number, one space, then the row's text ("- " then
# four spaces is a patch's removed line, not a row).
_LIST_ROW = regex.compile(r"[ \t]*(?P<b>\d{1,3}[.)]|[-*•+])[ ]\S")


def _sentence_line(text: str, start: int, end: int) -> bool:
    """A one-line paragraph that reads as a sentence: six words or more, or a
    closing stop (bounded reads: the first 200 characters and the last)."""
    if len(text[start : min(end, start + 200)].split()) >= 6:
        return True
    return text[end - 1] in ".!?…)\"'’”"


_POST_WORDS = frozenset("post posted by on wrote".split())


def _single_post_header(doc: Document) -> bool:
    """A page that opens with one post header (``Post  Ana on Tue Feb 28,
    2012 5:18 pm``, ``Posted: Sat Feb 16, 2008 1:02 am``: a date and a word
    posts are headed with, on one of the first three lines) and whose
    segmenter found no header at all (none recurs, no dialect reads one) is
    that one post: its blank lines separate paragraphs, not comments."""
    text, units = doc.text, doc.units
    if any(u.kind == "header" for u in units):
        return False
    seen = 0
    for u in units:
        if u.kind != "text":
            continue
        seen += 1
        if seen > 3:
            return False
        if u.line_hi - u.line_lo != 1 or u.end - u.start > 100:
            continue
        line = text[u.start : u.end]
        if induce._TIME.search(line) is None:
            continue
        words = {w.casefold().rstrip(":") for w in line.split()}
        if words & _POST_WORDS and sum(1 for c in line if c.isalpha()) <= 60:
            return True
    return False


def _layout_cues(doc: Document, separators: frozenset[int] | set[int] = frozenset()) -> None:
    """Header cues, and blank-line cues weighted by what blank lines mean here.

    Where recurring separator lines (``separators``: chrome unit indexes)
    delimit the comments of a headerless dump, the text after each opens a
    comment (cue ``separator``, 1.0) and blank lines are only paragraph
    breaks (0.2).

    When some blank-line block holds several one-line paragraphs, the dump
    separates paragraphs with ``\\n`` and comments with blank lines, so a new
    block is strong evidence of a new comment (0.6). When every block is one
    one-line paragraph, stripped dumps mostly put one comment per block (0.5).
    In hard-wrapped prose (mail) blank lines separate paragraphs (0.3: it takes
    another hint, such as a greeting or a sign-off, to open a comment).
    """
    units, text = doc.units, doc.text
    blocks: set[int] = set()
    line_paragraphs: dict[int, int] = {}
    # blocks holding a list row whose kind of bullet recurs in the dump (two
    # rows or more: "1." and "2.", "- " and "- "): a row's hard-wrapped
    # continuation lines are the row's
    bullets: Counter = Counter()
    row_blocks: list[tuple[int, str]] = []
    for u in units:
        if u.kind == "text" and u.marker == "none" and not u.code:
            m = _LIST_ROW.match(text, u.start, u.end)
            if m is not None:
                kind = "9" if m.group("b")[0].isdigit() else m.group("b")
                bullets[kind] += 1
                row_blocks.append((u.block, kind))
    list_blocks = {block for block, kind in row_blocks if bullets[kind] >= 2}
    prose = wrapped = 0  # characters of prose, and of hard-wrapped prose
    for u in units:
        if u.kind == "header":
            doc.add_cue(u.index, "header", 1.0)
        if u.kind != "text":
            continue
        blocks.add(u.block)
        if u.marker != "none" or u.code:
            continue
        prose += u.end - u.start
        if u.line_hi - u.line_lo > 1 or u.block in list_blocks:
            # a list's rows ("1. ...", "- ...") are one paragraph over several
            # lines, as hard-wrapped prose is, not one-line paragraphs
            wrapped += u.end - u.start
        elif text[u.end - 1] != ":" and _sentence_line(text, u.start, u.end):
            # (`name:` lines introduce quotes; a page's labels, "81 views",
            # "Skip to first unread message", are no paragraphs)
            line_paragraphs[u.block] = line_paragraphs.get(u.block, 0) + 1
    if separators:
        after = False
        for u in units:
            if u.index in separators:
                after = True
            elif u.kind == "text" and after:
                doc.add_cue(u.index, "separator", 1.0)
                after = False
    if len(blocks) < 2:
        return
    if separators:
        strength = 0.2  # the separators delimit comments; blank lines, paragraphs
    elif _single_post_header(doc):
        strength = 0.2  # one post under its one header: blank lines are its paragraphs
    elif (multi := sum(1 for c in line_paragraphs.values() if c >= 2)) and (multi >= 2 or wrapped * 2 < prose):
        # paragraphs by newline, comments by blank line; in hard-wrapped prose
        # (mail) one block of two short lines is a wrap, not that evidence
        strength = 0.6
    elif wrapped * 2 >= prose:
        strength = 0.3  # hard-wrapped prose: blank lines separate paragraphs
    else:
        strength = 0.5  # one-line paragraphs, each its own block: mostly comments
    prev_block = None
    for u in units:
        if u.kind != "text":
            continue
        if prev_block is not None and u.block != prev_block:
            doc.add_cue(u.index, "layout", strength)
        prev_block = u.block


def _addressing(doc: Document) -> None:
    """Salutations (cue + addressee), sign-offs (cue on the next unit), @mentions."""
    text, limit = doc.text, doc.config.max_line_chars
    for u in doc.units:
        if u.kind != "text" or u.marker != "none" or u.code:
            continue
        head = text[u.start : min(u.end, u.start + limit)]
        m = _safe(_SALUTATION.match, head)
        if m and m.group("name").split()[0].lower() not in _NOT_NAMES:
            found = doc.addressing.setdefault(u.index, [])
            found.append(("salutation", m.group("name")))
            pos = m.end()
            for _ in range(8):  # "Hi Ilse, hi Joon," / "Dear Ana and Bo,"
                more = _safe(lambda s, **kw: _MORE_NAMES.match(s, pos, **kw), head)
                if not more or more.group("name").split()[0].lower() in _NOT_NAMES:
                    break
                found.append(("salutation", more.group("name")))
                pos = more.end()
            doc.add_cue(u.index, "salutation", 0.5)
        elif _safe(_OPENER.match, head):
            doc.add_cue(u.index, "greeting", 0.3)
        if u.end - u.start <= 60:
            _signoff(doc, u, head)
        if "@" in head:
            for mm in _MENTION.finditer(head):
                doc.addressing.setdefault(u.index, []).append(("mention", mm.group("name")))


def _signoff(doc: Document, u: Unit, head: str) -> None:
    """``Cheers,`` / ``— Pia`` / a lone name line: the writer signing off.

    A sign-off ends its blank-line block (``Thanks!`` followed by more text in
    the same block opens a reply instead), except ``Cheers,`` followed by the
    name on the next line, and in dumps with no blank lines at all.
    """
    nxt = u.index + 1
    units = doc.units
    if nxt < len(units) and units[nxt].kind == "text" and units[nxt].block == u.block:
        single_block = units[-1].block == units[0].block
        name_follows = _safe(_NAME_LINE.match, doc.text[units[nxt].start : units[nxt].end])
        if not single_block and not name_follows:
            return
    s = _safe(_SIGNOFF.match, head)
    if s is not None and head[:1] in "-—–" and _in_bullet_list(doc, u, head[:1]):
        return  # "- Joined" among "- May 17, 2026", "- Messages": a list item, not "— Pia"
    strength = 0.5
    name = s.group("name") if s else None
    kind = "signoff"
    if s is None:
        kind = "signoff-bare"  # a line holding only a name: a title or a signature
        bare = _safe(_NAME_LINE.match, head)
        if not bare or bare.group("name").split()[0].lower() in _NOT_SIGNATURES:
            return
        name, strength = bare.group("name"), 0.3
        prev = doc.units[u.index - 1] if u.index else None
        if prev is not None and prev.kind == "text" and any(
            kind == "signoff" for kind, _ in doc.addressing.get(prev.index, ())
        ):
            strength = 0.5  # "Cheers," then the name on its own line
            kind = "signoff"
            doc.cues[u.index] = [c for c in doc.cues.get(u.index, ()) if c.reason != "signoff"]
    doc.addressing.setdefault(u.index, []).append((kind, name))
    if nxt < len(doc.units):
        doc.add_cue(nxt, "signoff", strength)


def _in_bullet_list(doc: Document, u: Unit, dash: str) -> bool:
    """Whether the line above or below the unit opens with the same dash and a
    space: the dash is then a list bullet (a user card's ``- Joined`` /
    ``- May 17, 2026`` rows, a Markdown list), not a signature's dash."""
    text, lines = doc.text, doc.lines
    for i in (u.line_lo - 1, u.line_hi):
        if 0 <= i < len(lines):
            ln = lines[i]
            s = text[ln.start : min(ln.end, ln.start + 8)].lstrip()
            if s[:1] == dash and s[1:2] == " ":
                return True
    return False


def _safe(method, s: str):
    """Run a pattern (linear by construction: tests/test_linear_patterns.py).

    No ``timeout=``: it cost 3.3 µs a call against 0.38 µs without (issue #9)."""
    return method(s)
