"""Turn the finished working document into the public :class:`Thread`, once."""

from __future__ import annotations

from array import array
from typing import get_args

from .dates import posted_time
from .document import Document
from .text import strip_span
from .models import (
    ChromeKind,
    Chrome,
    Comment,
    DialectInfo,
    Duplicate,
    Evidence,
    Header,
    ProseBlock,
    QuoteBlock,
    QuoteSource,
    Span,
    Speaker,
    SpeakerEntry,
    Thread,
)

_HEADER_FIELDS = frozenset(Header.model_fields) - {"span", "text"}

# Spans and blocks are built from offsets this module computed itself; skipping
# pydantic re-validation for them halves the cost of building large threads.
# ``threadparse.verify`` and the test suite check these invariants instead.
#
# Models made with ``model_construct`` here share one fields-set per model
# class instead of a new ``set`` each (about 200 of a Span's 550 bytes).
# pydantic only reads it (``model_copy`` copies it before adding to it), and
# its contents are what validation would record, so the models compare, dump
# and copy as before; do not mutate ``model_fields_set`` of a built model.
_SPAN_FIELDS = {"start", "end"}
_PROSE_FIELDS = {"span", "text"}

# A model's field values live in its ``__dict__``. pydantic gives each model a
# dictionary of its own key table (184 bytes for two to five fields, 650 for
# a header's fourteen); the models built here get a dictionary that shares
# one key table per model class instead, as a plain object's attributes do
# (a dictionary object and its values: 88 bytes for a span). It is made by
# setting the fields, in the model's field order, as attributes of an object
# of a plain class (one class per model class: its instances share the keys)
# and taking that object's ``__dict__``. The contents, their order and every
# dictionary operation are as before, so the models compare, dump and copy
# alike (tests/test_speed_paths.py checks them against ``model_construct``
# and validation); on a Python without key-sharing dictionaries the
# dictionary is an ordinary one.
_set = object.__setattr__
_new = object.__new__


def _values_class(model: type) -> type:
    return type(f"_{model.__name__}Values", (), {"__module__": __name__, "__doc__": None})


_SpanValues = _values_class(Span)
_ProseValues = _values_class(ProseBlock)
_ChromeValues = _values_class(Chrome)
_PROSE_KIND = ProseBlock.model_fields["kind"].default


def _constructed(cls, values: object, fields_set: set):
    """A ``cls`` as ``cls.model_construct(fields_set, ...)`` makes it, its
    field values the attributes of ``values`` (see above)."""
    m = _new(cls)
    _set(m, "__dict__", values.__dict__)
    _set(m, "__pydantic_fields_set__", fields_set)
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m


def _span(*, start: int, end: int) -> Span:
    v = _SpanValues()
    v.start = start
    v.end = end
    return _constructed(Span, v, _SPAN_FIELDS)


def _prose_block(span: Span, text: str) -> ProseBlock:
    v = _ProseValues()
    v.kind = _PROSE_KIND
    v.span = span
    v.text = text
    return _constructed(ProseBlock, v, _PROSE_FIELDS)


_CHROME_FIELDS = {"span", "kind", "text"}
_CHROME_KINDS = frozenset(get_args(ChromeKind))


def _chrome_piece(span: Span, kind: str, text: str) -> Chrome:
    """``Chrome(span=span, kind=kind, text=text)``; a kind the model does not
    know still goes through validation (and fails there, as before)."""
    if kind in _CHROME_KINDS and type(kind) is str and type(text) is str:
        v = _ChromeValues()
        v.span = span
        v.kind = kind
        v.text = text
        return _constructed(Chrome, v, _CHROME_FIELDS)
    return Chrome(span=span, kind=kind, text=text)


# Validated models get a new fields-set each from pydantic (216 bytes, a fifth
# of a thread's memory); the ones built here share one set per distinct
# content instead (see _SPAN_FIELDS above for why sharing is safe), and a
# values dictionary of shared keys (see _constructed).
_SHARED_FIELDS: dict[frozenset, set] = {}
_VALUES_CLASSES: dict[type, type] = {}


def _shared_fields(model):
    """``model``, its ``model_fields_set`` replaced by an equal shared set
    and its ``__dict__`` by an equal one of shared keys."""
    own = model.__pydantic_fields_set__
    key = frozenset(own)
    shared = _SHARED_FIELDS.get(key)
    if shared is None:
        if len(_SHARED_FIELDS) >= 4096:  # field combinations are few; stay bounded
            return model
        shared = _SHARED_FIELDS[key] = set(own)
    _set(model, "__pydantic_fields_set__", shared)
    holder = _VALUES_CLASSES.get(type(model))
    if holder is None:
        holder = _VALUES_CLASSES[type(model)] = _values_class(type(model))
    v = holder()
    for name, value in model.__dict__.items():  # (in field order, as validation made it)
        setattr(v, name, value)
    _set(model, "__dict__", v.__dict__)
    return model


class _Texts(dict):
    """One ``str`` per distinct piece of text in a thread: chrome lines and
    stock paragraphs recur, and equal strings serialise alike."""

    def __init__(self, raw: str | None = None) -> None:
        super().__init__()
        # the raw text, when the stages read a markup-free working copy: the
        # output's text fields are always the raw text's (same offsets)
        self.raw = raw

    def __call__(self, text: str, start: int, end: int) -> str:
        piece = (text if self.raw is None else self.raw)[start:end]
        if end - start > 160:  # long paragraphs seldom recur: not worth an entry
            return piece
        return self.setdefault(piece, piece)


def _unit_comments(doc: Document) -> array:
    """Per unit id, the index of the comment listing it (the last one, as a
    dictionary filled in order would keep), or -1."""
    top = max((u for c in doc.comments for u in c.units), default=-1)
    out = array("i", [-1]) * max(len(doc.units), top + 1)
    for k, c in enumerate(doc.comments):
        for u in c.units:
            out[u] = k
    return out


def build_thread(doc: Document) -> Thread:
    """Assemble the frozen output model from the stage layers of ``doc``."""
    text = doc.text
    cut = _Texts(doc.raw)
    # unit -> index of the comment holding it, -1 for none: one int array
    # (4 bytes a unit) instead of a dictionary (about 100)
    unit_comment = _unit_comments(doc)
    units_known = len(unit_comment)

    def comment_of(unit: int) -> str | None:
        u = doc.duplicate_of.get(unit, unit)
        k = unit_comment[u] if 0 <= u < units_known else -1
        return None if k < 0 else f"c{k + 1}"

    speaker_ids: dict[str, str] = {}
    speaker_comments: dict[str, list[str]] = {}
    speaker_names: dict[str, str | None] = {}
    comments = []
    labels: list[Chrome] = []  # inline quotes' "name:" labels (attribution chrome)
    for k, c in enumerate(doc.comments):
        cid = f"c{k + 1}"
        key = c.speaker_name.casefold() if c.speaker_name else f"\0anonymous-{k}"
        sid = speaker_ids.setdefault(key, f"s{len(speaker_ids) + 1}")
        speaker_names.setdefault(sid, c.speaker_name)
        speaker_comments.setdefault(sid, []).append(cid)

        blocks = []
        for uid in c.units:
            u = doc.units[uid]
            span = _span(start=u.start, end=u.end)
            q = doc.quotes.get(uid)
            if q is None:
                blocks.append(_prose_block(span, cut(text, u.start, u.end)))
                continue
            cursor = u.start
            for part in q.parts():  # one quote, or several inline in one paragraph
                quote_start, quote_end = (part.start, part.end) if part.inline else (u.start, u.end)
                if part.inline:  # the writer's own text before the quote
                    if part.label_start is not None:  # ... up to the quote's "name:" label
                        blocks.extend(_prose(text, cursor, part.label_start, cut))
                        labels.append(_chrome_piece(
                            _span(start=part.label_start, end=part.label_end), "attribution",
                            cut(text, part.label_start, part.label_end),
                        ))
                        cursor = part.label_end
                    blocks.extend(_prose(text, cursor, quote_start, cut))
                    span = _span(start=quote_start, end=quote_end)
                source = None
                if part.source_unit is not None and part.source_start is not None:
                    src_id = comment_of(part.source_unit)
                    if src_id is not None:
                        source = _shared_fields(QuoteSource(
                            comment_id=src_id,
                            span=_shared_fields(Span(start=part.source_start, end=part.source_end)),
                            score=part.score,
                            method=part.method,
                        ))
                blocks.append(
                    _shared_fields(QuoteBlock(
                        span=span, text=cut(text, quote_start, quote_end), marker=part.marker,
                        depth=part.depth, source=source,
                    ))
                )
                cursor = quote_end
            if q.inline:  # ... and after the last
                blocks.extend(_prose(text, cursor, u.end, cut))
        header = None
        starts = [b.span.start for b in blocks] + [doc.units[a].start for a in c.attribution_units]
        ends = [b.span.end for b in blocks] + [doc.units[a].end for a in c.attribution_units]
        if c.header_unit is not None:
            hu = doc.units[c.header_unit]
            fields = {k2: v for k2, v in (hu.header or {}).items() if k2 in _HEADER_FIELDS}
            fields["posted_at"], fields["posted_at_estimated"] = posted_time(
                fields.get("posted_at"), fields.get("age"), doc.config.captured_at
            )
            header = _shared_fields(Header(span=_span(start=hu.start, end=hu.end), text=cut(text, hu.start, hu.end), **fields))
            starts.append(hu.start)
            ends.append(hu.end)
        parent_id = None if c.parent is None else f"c{c.parent + 1}"
        if c.parent is not None:
            status = "reply"
        else:
            status = "top-level" if c.parent_method else "unknown"
        evidence = (
            _shared_fields(Evidence(method=c.parent_method, score=c.parent_score)) if c.parent_method else None
        )
        comments.append(
            _shared_fields(Comment(
                id=cid,
                parent_id=parent_id,
                parent_status=status,
                parent_evidence=evidence,
                speaker=_shared_fields(Speaker(id=sid, name=c.speaker_name)),
                speaker_evidence=_shared_fields(Evidence(method=c.speaker_method, score=c.speaker_score)),
                addressees=tuple(
                    a for a in c.addressees
                    if not c.speaker_name or a.casefold() != c.speaker_name.casefold()
                ),
                header=header,
                span=_span(start=min(starts), end=max(ends)),
                blocks=tuple(blocks),
            ))
        )

    absorbed: set[int] = set()  # furniture inside a repeated stretch (filled by _duplicates)
    # (before the chrome, which reads absorbed; in reading order, as the
    # format promises, also where runs interleave)
    duplicates = tuple(sorted(_duplicates(doc, comment_of, absorbed), key=lambda d: (d.span.start, d.span.end)))
    return Thread(
        dialect=DialectInfo(
            name=doc.dialect_name,
            score=round(min(1.0, max(0.0, doc.dialect_score)), 4),
            forced=doc.requested_dialect is not None,
        ),
        length=len(text),
        comments=tuple(comments),
        duplicates=duplicates,
        chrome=tuple(_with_markup(doc.raw, comments, duplicates, _with_labels(_chrome(doc, absorbed, cut), labels))),
        speakers=tuple(
            _shared_fields(SpeakerEntry(id=sid, name=speaker_names[sid], comment_ids=tuple(cids)))
            for sid, cids in speaker_comments.items()
        ),
    )


def _prose(text: str, start: int, end: int, cut=None) -> list[ProseBlock]:
    """A prose block for ``text[start:end]`` without surrounding whitespace, if any
    (its text made by ``cut(text, start, end)`` when given: see :class:`_Texts`)."""
    start, end = strip_span(text, start, end)
    if start >= end:
        return []
    return [_prose_block(_span(start=start, end=end), text[start:end] if cut is None else cut(text, start, end))]


def _confirmation_rank(method: str) -> int:
    """Order of strength of a repeat's confirmation, weakest first."""
    return _RANK.get(method.removeprefix("header-key+"), -1)


_RANK = {m: k for k, m in enumerate(("shingles", "shingles+rapidfuzz", "continuation", "exact-words", "normalised", "exact"))}


def _furniture(doc: Document, i: int) -> bool:
    """A chrome unit other than a header, or a quote's attribution line."""
    u = doc.units[i]
    return (u.kind == "chrome" and u.header is None) or i in doc.attributions


def _duplicates(doc: Document, comment_of, absorbed: set[int]) -> list[Duplicate]:
    """One entry per contiguous repeated stretch per source comment; the
    furniture units inside a stretch are added to ``absorbed``."""
    out: list[Duplicate] = []
    for run in doc.duplicates:
        group: list[int] = []  # positions in the run
        method = "preview" if run.sources[0] > run.units[0] else (
            "run" if len(run.units) > 1 else "single"
        )
        of = [comment_of(s) for s in run.sources]  # once per unit, not per comparison

        def flush() -> None:
            if not group:
                return
            units = [doc.units[run.units[g]] for g in group]
            srcs = [doc.units[run.sources[g]] for g in group]
            # How each repeat was confirmed (exact, normalised, header-key+…):
            # the weakest confirmation in the stretch is the one reported.
            methods = getattr(run, "methods", None) or []
            confirmed = [methods[g] for g in group] if len(methods) == len(run.units) else []
            how = f"{method}:{min(confirmed, key=_confirmation_rank)}" if confirmed else method
            out.append(
                _shared_fields(Duplicate(
                    span=_span(start=units[0].start, end=units[-1].end),
                    of=of[group[0]],
                    of_span=_shared_fields(Span(start=min(s.start for s in srcs), end=max(s.end for s in srcs))),
                    kind="exact" if all(run.exact[g] for g in group) else "near",
                    score=round(min(run.scores[g] for g in group), 4),
                    method=how,
                ))
            )
            group.clear()

        for g, uid in enumerate(run.units):
            if group:
                prev_uid = run.units[group[-1]]
                # a header between two repeated units splits the stretch; the
                # page furniture of the repeated comment ("Reply With Quote",
                # a quote's "Name:" label) is part of the repeat
                between = range(prev_uid + 1, uid)  # empty for back-to-back repeats
                # (a unit between that repeats something else is another
                # run's: its own stretch would overlap this one)
                adjacent = not between or all(i not in doc.duplicate_of and _furniture(doc, i) for i in between)
                same = of[group[-1]] == of[g]
                if not (adjacent and same) or uid < prev_uid:  # (a run out of reading order restarts)
                    flush()
                elif between:
                    absorbed.update(i for i in between if i not in doc.duplicate_of)
            group.append(g)
        flush()
    return out


def _with_labels(chrome: list[Chrome], labels: list[Chrome]) -> list[Chrome]:
    """``chrome`` with the inline labels merged in, in text order."""
    if not labels:
        return chrome
    return sorted(chrome + labels, key=lambda ch: ch.span.start)


def _with_markup(raw: str | None, comments, duplicates, chrome: list[Chrome]) -> list[Chrome]:
    """``chrome`` with a ``markup`` piece for each stretch of the raw text that
    no block, duplicate or chrome covers: the tags and references the working
    copy blanked (:mod:`threadparse.markup`), so that nothing is lost."""
    if raw is None:
        return chrome
    spans = [(b.span.start, b.span.end) for c in comments for b in c.blocks]
    spans += [(d.span.start, d.span.end) for d in duplicates]
    spans += [(ch.span.start, ch.span.end) for ch in chrome]
    spans.sort()
    extra: list[Chrome] = []
    at = 0
    for a, b in spans + [(len(raw), len(raw))]:
        if a > at:
            start, end = strip_span(raw, at, a)
            if start < end:
                extra.append(_chrome_piece(_span(start=start, end=end), "markup", raw[start:end]))
        at = max(at, b)
    if not extra:
        return chrome
    return sorted(chrome + extra, key=lambda ch: ch.span.start)


def _chrome(doc: Document, absorbed: set[int], cut=None) -> list[Chrome]:
    cut = cut or _Texts()
    out = []
    text = doc.text
    for u in doc.units:
        if u.index in doc.duplicate_of or u.index in absorbed:
            continue
        if u.kind == "header":
            kind = "header"
        elif u.kind == "chrome":
            kind = u.chrome_kind or "ui"
        elif u.index in doc.attributions:
            kind = "attribution"
        else:
            continue
        out.append(_chrome_piece(_span(start=u.start, end=u.end), kind, cut(text, u.start, u.end)))
    return out
