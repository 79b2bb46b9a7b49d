"""Flat records and reply edges of one thread, with no extra dependencies."""

from __future__ import annotations

from typing import Any

from ..models import QuoteBlock, Thread
from ._common import check_thread


def comment_records(thread: Thread) -> list[dict[str, Any]]:
    """One flat dict per comment (text = own prose, quotes listed separately).

    ``posted_at`` is an aware UTC ``datetime`` or ``None``; ``parent_status``
    is ``"reply"``, ``"top-level"`` or ``"unknown"``.
    """
    check_thread(thread)
    rows = []
    for c in thread.comments:
        quotes = c.quotes
        rows.append(
            {
                "id": c.id,
                "parent_id": c.parent_id,
                "parent_status": c.parent_status,
                "parent_method": c.parent_evidence.method if c.parent_evidence else None,
                "parent_score": c.parent_evidence.score if c.parent_evidence else None,
                "speaker_id": c.speaker.id,
                "speaker": c.speaker.name,
                "speaker_method": c.speaker_evidence.method,
                "addressees": list(c.addressees),
                "posted_at": c.header.posted_at if c.header else None,
                "posted_at_estimated": bool(c.header and c.header.posted_at_estimated),
                "age": c.header.age if c.header else None,
                "score": c.header.score if c.header else None,
                "start": c.span.start,
                "end": c.span.end,
                "n_blocks": len(c.blocks),
                "n_quotes": len(quotes),
                "quoted_ids": sorted({q.source.comment_id for q in quotes if q.source}),
                "text": c.prose,
            }
        )
    return rows


def block_records(thread: Thread) -> list[dict[str, Any]]:
    """One flat dict per block, with its comment and, for quotes, the source."""
    check_thread(thread)
    rows = []
    for c in thread.comments:
        for i, b in enumerate(c.blocks):
            src = b.source if isinstance(b, QuoteBlock) else None
            rows.append(
                {
                    "comment_id": c.id,
                    "index": i,
                    "kind": b.kind,
                    "start": b.span.start,
                    "end": b.span.end,
                    "marker": b.marker if isinstance(b, QuoteBlock) else None,
                    "depth": b.depth if isinstance(b, QuoteBlock) else None,
                    "source_comment_id": src.comment_id if src else None,
                    "source_start": src.span.start if src else None,
                    "source_end": src.span.end if src else None,
                    "source_score": src.score if src else None,
                    "source_method": src.method if src else None,
                    "text": b.text,
                }
            )
    return rows


def reply_edges(thread: Thread) -> list[tuple[str, str, dict[str, Any]]]:
    """``(child, parent, {"method", "score"})`` for every comment with a parent."""
    check_thread(thread)
    return [
        (c.id, c.parent_id, {"method": c.parent_evidence.method, "score": c.parent_evidence.score}
         if c.parent_evidence else {})
        for c in thread.comments
        if c.parent_id is not None
    ]
