"""One frozen, documented configuration object for every tuning knob."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field


class ParseConfig(BaseModel):
    """Tuning knobs shared by the pipeline stages.

    The defaults are the values the test suite and the accuracy evaluation were
    measured with. Create a variant with ``ParseConfig(shingle_size=5)`` or
    ``config.replace(shingle_size=5)`` (both validate; pydantic's
    ``model_copy(update=...)`` does not). An unknown name raises a
    ``ValidationError`` naming it; the accepted names are the fields below.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    shingle_size: int = Field(
        4, ge=2, le=12, description="Words per shingle in the text-reuse index."
    )
    min_quote_words: int = Field(
        5, ge=2, description="A marker-less quote must have at least this many words."
    )
    min_quote_chars: int = Field(
        18, ge=1, description="...and at least this many characters."
    )
    quote_coverage: float = Field(
        0.8,
        ge=0.0,
        le=1.0,
        description="Share of a paragraph's words that must come from earlier text "
        "for a marker-less paragraph to count as a quote.",
    )
    score_cutoff: float = Field(
        0.85,
        ge=0.0,
        le=1.0,
        description="Minimum rapidfuzz similarity (0..1) between a reused passage "
        "and its source for the link to be kept.",
    )
    duplicate_coverage: float = Field(
        0.8,
        ge=0.0,
        le=1.0,
        description="A paragraph repeats an earlier one when each covers at least "
        "this share of the other.",
    )
    max_gap_words: int = Field(
        6, ge=0, description="Words a near-verbatim match may skip and still be one passage."
    )
    max_fuzzy_chars: int = Field(
        20_000,
        ge=100,
        description="Longest passage compared character by character with rapidfuzz; "
        "longer passages are scored by shingle agreement (keeps time linear).",
    )
    max_line_chars: int = Field(
        2_000,
        ge=80,
        description="Only the first this-many characters of a line or paragraph are "
        "read when looking for quote markers, salutations and attribution lines "
        "(bounds regex work on pathological input).",
    )
    captured_at: Optional[datetime] = Field(
        None,
        description="When the dump was captured: relative ages (2 hours ago, 13d) and "
        "dates printed without a year become estimated posting times; None leaves them "
        "without a date (a naive datetime is taken to be UTC).",
    )

    induce_headers: bool = Field(
        True,
        description="Learn comment-header templates from the dump's own recurrence "
        "(threadparse.induce) in addition to the dialect's header grammar.",
    )
    late_dialects: bool = Field(
        True,
        description="In a dump longer than the lines dialect detection reads (3,000), "
        "also look for dialects in later windows of 1,000 lines and let one that scores "
        "there mark the headers of those regions only (dialects.late_regions); and let the winner "
        "and the runners-up read only the regions where their mark_hint finds evidence "
        "(dialects.hint_regions).",
    )

    markup: bool = Field(
        True,
        description="Read a dump with left-over HTML (character references such as &gt; and "
        "&amp;; tags on many lines, or tags with attributes left in running text) through a "
        "same-length copy with the references decoded and the tags blanked (threadparse.markup); "
        "offsets and text fields stay those of the raw text, and tags outside any block become "
        "'markup' chrome.",
    )

    def replace(self, **changes: object) -> "ParseConfig":
        """A validated copy with ``changes`` applied."""
        return ParseConfig(**{**self.model_dump(), **changes})
