"""Hand parsed threads to the tools people analyse conversations with.

>>> import threadparse
>>> from threadparse import export
>>> thread = threadparse.parse(threadparse.example_text())
>>> export.comment_records(thread)[1]["parent_id"]
'c1'
>>> export.reply_edges(thread)
[('c2', 'c1', {'method': 'quote', 'score': 0.9}), ('c3', 'c2', {'method': 'addressing', 'score': 0.7})]
>>> markdown = export.to_markdown(thread, threadparse.example_text())
>>> [line for line in markdown.splitlines() if line.startswith("###")]
['### c1 · unknown speaker', '### c2 · Marta', '### c3 · Pia']

One thread, no extra dependencies:

- :func:`comment_records` / :func:`block_records`: flat dicts, one per comment
  or block, for ``pandas.DataFrame(records)``;
- :func:`reply_edges`: the reply tree as ``(child, parent, attrs)`` edges;
- :func:`convokit_utterances`: dicts for ``convokit.Utterance(**d)``;
- :func:`to_markdown`: a Markdown document with nested ``>`` quotes.

Many dumps at once, as ``(dump_name, thread, text)`` items (:data:`Item`):

- :func:`write_convokit`: a ConvoKit corpus folder (no ConvoKit needed to write it);
- :func:`write_parquet`: a Parquet file with the schema :func:`parquet_schema`
  (needs pyarrow);
- :func:`hf_records`: rows for a Hugging Face ``datasets`` JSON Lines file,
  typed by :func:`hf_features` (which needs ``datasets``).

And :func:`to_networkx` (needs networkx): a ``DiGraph`` with reply and quote
edges that GraphML and GEXF accept. Every ``posted_at`` is aware UTC.
``docs/export.md`` documents each format, its schema and its choices.
"""

from __future__ import annotations

from ._common import Item
from ._convokit import convokit_utterances, write_convokit
from ._graph import to_networkx
from ._markdown import to_markdown
from ._records import block_records, comment_records, reply_edges
from ._tables import hf_features, hf_records, parquet_schema, write_parquet

__all__ = [
    "Item",
    "block_records",
    "comment_records",
    "convokit_utterances",
    "hf_features",
    "hf_records",
    "parquet_schema",
    "reply_edges",
    "to_markdown",
    "to_networkx",
    "write_convokit",
    "write_parquet",
]
