"""Hand a parsed thread to analysis tools, with no extra dependencies.

>>> import threadparse
>>> from threadparse import export
>>> thread = threadparse.parse(threadparse.example_text())
>>> export.comment_records(thread)[1]["parent_id"]
'c1'
>>> export.reply_edges(thread)
[('c2', 'c1', {'method': 'quote', 'score': 0.9}), ('c3', 'c2', {'method': 'addressing', 'score': 0.7})]

- :func:`comment_records` / :func:`block_records`: flat dicts, one per comment
  or block, for ``pandas.DataFrame(records)``;
- :func:`reply_edges` and :func:`to_networkx`: the reply tree as edges
  (child → parent) or a ``networkx.DiGraph`` (networkx imported only then);
- :func:`convokit_utterances`: dicts with ConvoKit's utterance fields (``id``,
  ``speaker``, ``conversation_id``, ``reply_to``, ``timestamp``, ``text``,
  ``meta``), ready for ``convokit.Utterance``.
"""

from __future__ import annotations

from typing import Any

from .models import QuoteBlock, Thread


def comment_records(thread: Thread) -> list[dict[str, Any]]:
    """One flat dict per comment (text = own prose, quotes listed separately)."""
    rows = []
    for c in thread.comments:
        quotes = c.quotes
        rows.append(
            {
                "id": c.id,
                "parent_id": c.parent_id,
                "parent_method": c.parent_evidence.method if c.parent_evidence else None,
                "parent_score": c.parent_evidence.score if c.parent_evidence else None,
                "speaker_id": c.speaker.id,
                "speaker": c.speaker.name,
                "speaker_method": c.speaker_evidence.method,
                "addressees": list(c.addressees),
                "posted_at": c.header.posted_at if c.header else None,
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
                    "source_comment_id": src.comment_id if src else None,
                    "source_start": src.span.start if src else None,
                    "source_end": src.span.end if src else None,
                    "source_score": src.score if src else None,
                    "text": b.text,
                }
            )
    return rows


def reply_edges(thread: Thread) -> list[tuple[str, str, dict[str, Any]]]:
    """``(child, parent, {"method", "score"})`` for every comment with a parent."""
    return [
        (c.id, c.parent_id, {"method": c.parent_evidence.method, "score": c.parent_evidence.score}
         if c.parent_evidence else {})
        for c in thread.comments
        if c.parent_id is not None
    ]


def to_networkx(thread: Thread):
    """A ``networkx.DiGraph``: a node per comment (with its record as attributes),
    an edge child → parent per reply link. Needs ``pip install networkx``."""
    try:
        import networkx as nx
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "to_networkx needs networkx: pip install networkx "
            "(or use threadparse.export.reply_edges, which needs nothing)"
        ) from exc
    g = nx.DiGraph()
    for row in comment_records(thread):
        g.add_node(row["id"], **{k: v for k, v in row.items() if k != "id"})
    g.add_edges_from(reply_edges(thread))
    return g


def convokit_utterances(thread: Thread, *, conversation_prefix: str = "") -> list[dict[str, Any]]:
    """Comments as dicts with ConvoKit's seven utterance fields.

    ``conversation_id`` is the id of the root of each comment's reply chain, as
    ConvoKit expects; ids are prefixed with ``conversation_prefix`` so several
    threads can share one corpus. ``speaker`` is the speaker id (``s1``...);
    the name, offsets, evidence and quotes go into ``meta``. ``timestamp`` is
    a POSIX time when the header gave an absolute date, else ``None``.
    """
    by_id = {c.id: c for c in thread.comments}

    def root(cid: str) -> str:
        seen = set()
        while by_id[cid].parent_id is not None and cid not in seen:
            seen.add(cid)
            cid = by_id[cid].parent_id
        return cid

    out = []
    for c in thread.comments:
        posted = c.header.posted_at if c.header else None
        out.append(
            {
                "id": conversation_prefix + c.id,
                "speaker": conversation_prefix + c.speaker.id,
                "conversation_id": conversation_prefix + root(c.id),
                "reply_to": conversation_prefix + c.parent_id if c.parent_id else None,
                "timestamp": posted.timestamp() if posted is not None else None,
                "text": c.prose,
                "meta": {
                    "speaker_name": c.speaker.name,
                    "speaker_method": c.speaker_evidence.method,
                    "parent_method": c.parent_evidence.method if c.parent_evidence else None,
                    "parent_score": c.parent_evidence.score if c.parent_evidence else None,
                    "addressees": list(c.addressees),
                    "start": c.span.start,
                    "end": c.span.end,
                    "quotes": [
                        {
                            "text": q.text,
                            "source": conversation_prefix + q.source.comment_id if q.source else None,
                            "score": q.source.score if q.source else None,
                        }
                        for q in c.quotes
                    ],
                },
            }
        )
    return out
