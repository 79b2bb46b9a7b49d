"""networkx: comments as nodes, reply and quote links as edges, GraphML/GEXF-safe attributes."""

from __future__ import annotations

import re
from typing import Any

from ..models import Comment, Thread
from ._common import check_thread, iso_utc, posted_at, require

# Characters XML 1.0 cannot hold (C0 controls but tab/LF/CR, U+FFFE/U+FFFF) and
# lone surrogates (not encodable as UTF-8): GraphML and GEXF files are XML.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _node_attributes(c: Comment) -> dict[str, Any]:
    """A comment's attributes: str, int, float or bool only; unknown values are left out."""
    header = c.header
    attrs: dict[str, Any] = {
        "speaker_id": c.speaker.id,
        "speaker_method": c.speaker_evidence.method,
        "parent_status": c.parent_status,
        "start": c.span.start,
        "end": c.span.end,
        "n_quotes": len(c.quotes),
        "posted_at_estimated": bool(header and header.posted_at_estimated),
        "text": _xml_text(c.prose),
    }
    when = posted_at(c)
    optional = {
        "speaker": c.speaker.name,
        "posted_at": iso_utc(when),
        "timestamp": None if when is None else int(when.timestamp()),
        "age": header.age if header else None,
        "score": header.score if header else None,
    }
    attrs.update({k: _xml_text(v) if isinstance(v, str) else v for k, v in optional.items() if v is not None})
    return attrs


def to_networkx(thread: Thread, *, quotes: bool = True):
    """The thread as a ``networkx.DiGraph`` that GraphML and GEXF can store.

    One node per comment (its id; attributes below), one edge per link, from
    the later comment to the earlier one:

    - ``kind="reply"``: child → parent, with the parent evidence's ``method``
      and ``score`` (reply links always have evidence);
    - ``kind="quote"`` (when ``quotes``): quoting comment → quoted comment, for
      a pair with no reply link, with the best quote source's ``method`` and
      ``score``. A comment that quotes its own parent gets the reply edge
      only; quotes of a comment's own earlier text make no edge.

    Every edge also has ``quotes``: how many quote blocks the child takes
    from that comment (0 on a reply edge that quotes nothing); ``quotes=False``
    leaves out the quote-only edges, not these counts.

    Node attributes are ``speaker_id``, ``speaker_method``, ``parent_status``,
    ``start``, ``end``, ``n_quotes``, ``posted_at_estimated`` and ``text``
    (own prose) on every node, plus ``speaker``, ``posted_at`` (ISO 8601 UTC
    string), ``timestamp`` (POSIX seconds), ``age`` and ``score`` when known.
    **An unknown value is left out, never ``None``**, so
    ``networkx.write_graphml`` and ``networkx.write_gexf`` accept the graph;
    characters XML cannot hold become U+FFFD in text attributes. Graph
    attributes: ``dialect`` and ``schema_version``. Needs networkx
    (``pip install 'threadparse[graph]'``).
    """
    nx = require("networkx", "to_networkx", "graph")
    check_thread(thread)
    g = nx.DiGraph(dialect=thread.dialect.name, schema_version=thread.schema_version)
    for c in thread.comments:
        g.add_node(c.id, **_node_attributes(c))
    for c in thread.comments:
        if c.parent_id is not None:
            evidence = c.parent_evidence
            g.add_edge(c.id, c.parent_id, kind="reply", quotes=0,
                       **({"method": evidence.method, "score": evidence.score} if evidence else {}))
        for q in c.quotes:
            source = q.source
            if source is None or source.comment_id == c.id:
                continue
            edge = g.edges.get((c.id, source.comment_id))
            if edge is None:
                if quotes:
                    g.add_edge(c.id, source.comment_id, kind="quote", quotes=1,
                               method=source.method, score=source.score)
                continue
            edge["quotes"] += 1
            if edge["kind"] == "quote" and source.score > edge["score"]:
                edge.update(method=source.method, score=source.score)
    return g
