"""The public output of threadparse: frozen pydantic models, schema version "2".

Every piece that covers input text carries a :class:`Span` of character offsets
into the original string, so ``raw[span.start:span.end]`` is always the text it
stands for. ``Thread.model_dump(mode="json")`` is the documented JSON contract
(see ``docs/format.md``).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticSerializationError

SCHEMA_VERSION = "2"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any) -> Any:
    """``value`` (JSON-mode data) with each lone surrogate replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_without_surrogates(v) for v in value]
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def model_dump_json(self, **kwargs: Any) -> str:
        """JSON text of the model, for any ``str`` the parser accepted.

        UTF-8 cannot encode a lone surrogate (``"\\ud800"``, which a Python
        ``str`` may hold), so in JSON output each one becomes U+FFFD: one code
        point for one, so every span and length still holds. The models
        themselves keep the text as given.
        """
        try:
            return super().model_dump_json(**kwargs)
        except PydanticSerializationError as exc:
            if "surrogates not allowed" not in str(exc):
                raise
            clean = type(self).model_validate(_without_surrogates(self.model_dump(mode="json")))
            return BaseModel.model_dump_json(clean, **kwargs)


class Span(_Frozen):
    """Half-open character range ``[start, end)`` into the raw input."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        return self

    def __len__(self) -> int:
        return self.end - self.start


class Evidence(_Frozen):
    """How a decision was reached (``method``) and how sure it is (``score`` in 0..1)."""

    method: str
    score: float = Field(ge=0.0, le=1.0)


class Speaker(_Frozen):
    """Who wrote a comment.

    ``id`` (``s1``, ``s2``...) is assigned per distinct speaker within a thread:
    comments attributed to the same name share it; a comment whose author is
    unknown gets an id of its own, so ids exist even when ``name`` is null.
    """

    id: str
    name: Optional[str] = None


class SpeakerEntry(_Frozen):
    """One participant of the thread and the comments attributed to them."""

    id: str
    name: Optional[str] = None
    comment_ids: tuple[str, ...] = ()


class Header(_Frozen):
    """A comment header as printed in the dump (only for dialects that have headers)."""

    span: Span
    text: str
    author: Optional[str] = None
    age: Optional[str] = None
    posted_at: Optional[datetime] = None
    posted_at_estimated: bool = False
    score: Optional[int] = None
    scores: dict[str, int] = Field(default_factory=dict)
    score_blob: Optional[str] = None
    edited: bool = False
    post_number: Optional[int] = None
    permalink: Optional[str] = None
    depth: Optional[int] = None


class QuoteSource(_Frozen):
    """Where a quote's text was found earlier in the dump."""

    comment_id: str
    span: Span
    score: float = Field(ge=0.0, le=1.0)
    method: str


class ProseBlock(_Frozen):
    """The commenter's own text."""

    kind: Literal["prose"] = "prose"
    span: Span
    text: str


class QuoteBlock(_Frozen):
    """Text the commenter quoted. ``source`` is null when the quoted text is not in the dump."""

    kind: Literal["quote"] = "quote"
    span: Span
    text: str
    marker: Literal["none", ">", "indent", "attribution"]
    depth: int = 1
    source: Optional[QuoteSource] = None


Block = Annotated[Union[ProseBlock, QuoteBlock], Field(discriminator="kind")]


class Comment(_Frozen):
    """One comment of the reply tree, in reading order.

    ``parent_status`` says what ``parent_id`` means: ``"reply"`` (it answers
    ``parent_id``), ``"top-level"`` (the dump shows it answers no comment: a
    depth-0 header, a mail without In-Reply-To, the first post of a topic) or
    ``"unknown"`` (nothing in the dump says what it answers; ``parent_id`` is
    then null, never a guess). ``parent_evidence`` records how a reply or a
    top-level status was found.
    """

    id: str
    parent_id: Optional[str] = None
    parent_status: Literal["reply", "top-level", "unknown"] = "unknown"
    parent_evidence: Optional[Evidence] = None
    speaker: Speaker
    speaker_evidence: Evidence
    addressees: tuple[str, ...] = ()
    header: Optional[Header] = None
    span: Span
    blocks: tuple[Block, ...] = ()

    @property
    def quotes(self) -> tuple[QuoteBlock, ...]:
        return tuple(b for b in self.blocks if isinstance(b, QuoteBlock))

    @property
    def prose(self) -> str:
        """The comment's own text, paragraphs joined by blank lines."""
        return "\n\n".join(b.text for b in self.blocks if isinstance(b, ProseBlock))


class Duplicate(_Frozen):
    """A stretch of the dump that repeats earlier text (a second capture, an overlap...)."""

    span: Span
    of: Optional[str] = None
    of_span: Optional[Span] = None
    kind: Literal["exact", "near"]
    score: float = Field(ge=0.0, le=1.0)
    method: str


ChromeKind = Literal[
    "header", "ui", "navigation", "attribution", "signature", "reference", "meta", "post", "markup"
]


class Chrome(_Frozen):
    """Page furniture that is not anybody's comment text."""

    span: Span
    kind: ChromeKind
    text: str


class DialectInfo(_Frozen):
    """Which dump format was recognised, and how strongly the text supported it."""

    name: str
    score: float = Field(ge=0.0, le=1.0)
    forced: bool = False


class Thread(_Frozen):
    """The parsed thread: comments in reading order plus what was set aside."""

    schema_version: Literal["2"] = SCHEMA_VERSION
    dialect: DialectInfo
    length: int = Field(ge=0)
    comments: tuple[Comment, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    chrome: tuple[Chrome, ...] = ()
    speakers: tuple[SpeakerEntry, ...] = ()

    def comment(self, comment_id: str) -> Comment:
        """Return the comment with this id, or raise ``KeyError``."""
        for c in self.comments:
            if c.id == comment_id:
                return c
        raise KeyError(f"no comment {comment_id!r}; ids run c1..c{len(self.comments)}")

    def children(self, comment_id: Optional[str]) -> tuple[Comment, ...]:
        """Comments whose parent is ``comment_id`` (``None`` for top-level comments)."""
        return tuple(c for c in self.comments if c.parent_id == comment_id)

    def covering_spans(self) -> list[tuple[Span, str]]:
        """Every span that accounts for input text: blocks, duplicates and chrome, sorted."""
        spans: list[tuple[Span, str]] = []
        for c in self.comments:
            spans.extend((b.span, f"{c.id}/{b.kind}") for b in c.blocks)
        spans.extend((d.span, "duplicate") for d in self.duplicates)
        spans.extend((ch.span, f"chrome/{ch.kind}") for ch in self.chrome)
        spans.sort(key=lambda item: (item[0].start, item[0].end))
        return spans
