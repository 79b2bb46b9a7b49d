"""Tables: Parquet with an explicit Arrow schema, and Hugging Face ``datasets`` rows.

Both carry the same columns (``docs/export.md`` lists them); the Arrow schema
is the single definition, and :func:`hf_features` is derived from it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..models import QuoteBlock
from ._common import Dump, Item, dumps, iso_utc, posted_at, require, speaker_key, utterance_id

TABLES = ("comments", "blocks")
_ROWS_PER_GROUP = 65_536


def parquet_schema(table: str = "comments"):
    """The ``pyarrow.Schema`` of a table: ``"comments"`` (one row per comment) or ``"blocks"``."""
    pa = require("pyarrow", "parquet_schema", "parquet")
    _check_table(table)
    string, f64, i64 = pa.string(), pa.float64(), pa.int64()
    if table == "blocks":
        fields = [
            ("dump", string, False),
            ("comment_id", string, False),
            ("index", i64, False),
            ("kind", string, False),
            ("start", i64, False),
            ("end", i64, False),
            ("marker", string, True),
            ("depth", i64, True),
            ("source_comment_id", string, True),
            ("source_start", i64, True),
            ("source_end", i64, True),
            ("source_score", f64, True),
            ("source_method", string, True),
            ("text", string, False),
        ]
    else:
        fields = [
            ("dump", string, False),
            ("dialect", string, False),
            ("comment_id", string, False),
            ("parent_id", string, True),
            ("parent_status", string, False),
            ("parent_method", string, True),
            ("parent_score", f64, True),
            ("speaker", string, True),
            ("speaker_key", string, False),
            ("speaker_method", string, False),
            ("speaker_score", f64, False),
            ("addressees", pa.list_(string), False),
            ("posted_at", pa.timestamp("us", tz="UTC"), True),
            ("posted_at_estimated", pa.bool_(), False),
            ("age", string, True),
            ("score", i64, True),
            ("start", i64, False),
            ("end", i64, False),
            ("n_quotes", i64, False),
            ("quoted_ids", pa.list_(string), False),
            ("text", string, False),
        ]
    return pa.schema([pa.field(name, kind, nullable=null) for name, kind, null in fields])


def _check_table(table: str) -> None:
    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(map(repr, TABLES))}, got {table!r}")


def _comment_rows(dump: Dump) -> Iterator[dict[str, Any]]:
    for c in dump.thread.comments:
        header = c.header
        yield {
            "dump": dump.name,
            "dialect": dump.thread.dialect.name,
            "comment_id": c.id,
            "parent_id": c.parent_id,
            "parent_status": c.parent_status,
            "parent_method": c.parent_evidence.method if c.parent_evidence else None,
            "parent_score": c.parent_evidence.score if c.parent_evidence else None,
            "speaker": c.speaker.name,
            "speaker_key": speaker_key(c, utterance_id(dump.key, c.id)),
            "speaker_method": c.speaker_evidence.method,
            "speaker_score": c.speaker_evidence.score,
            "addressees": list(c.addressees),
            "posted_at": posted_at(c),
            "posted_at_estimated": bool(header and header.posted_at_estimated),
            "age": header.age if header else None,
            "score": header.score if header else None,
            "start": c.span.start,
            "end": c.span.end,
            "n_quotes": len(c.quotes),
            "quoted_ids": sorted({q.source.comment_id for q in c.quotes if q.source}),
            "text": c.prose,
        }


def _block_rows(dump: Dump) -> Iterator[dict[str, Any]]:
    for c in dump.thread.comments:
        for i, b in enumerate(c.blocks):
            quote = b if isinstance(b, QuoteBlock) else None
            src = quote.source if quote else None
            yield {
                "dump": dump.name,
                "comment_id": c.id,
                "index": i,
                "kind": b.kind,
                "start": b.span.start,
                "end": b.span.end,
                "marker": quote.marker if quote else None,
                "depth": quote.depth if quote else None,
                "source_comment_id": src.comment_id if src else None,
                "source_start": src.span.start if src else None,
                "source_end": src.span.end if src else None,
                "source_score": src.score if src else None,
                "source_method": src.method if src else None,
                "text": b.text,
            }


def write_parquet(items: Iterable[Item], path: str | os.PathLike[str], *, table: str = "comments") -> Path:
    """Write one table of one or many dumps to a Parquet file; return its path.

    ``items`` are ``(dump_name, thread, text)`` tuples; ``table`` is
    ``"comments"`` (one row per comment) or ``"blocks"`` (one row per block).
    The file has exactly the schema :func:`parquet_schema` returns (documented
    in ``docs/export.md``): ``posted_at`` is ``timestamp[us, tz=UTC]``, ids and
    texts are strings, offsets are int64. The file is written to a temporary
    name next to ``path`` and renamed, so an error leaves no partial file.
    Needs pyarrow (``pip install 'threadparse[parquet]'``).
    """
    pa = require("pyarrow", "write_parquet", "parquet")
    pq = require("pyarrow.parquet", "write_parquet", "parquet")
    _check_table(table)
    schema = parquet_schema(table)
    rows_of = _block_rows if table == "blocks" else _comment_rows
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        with pq.ParquetWriter(tmp, schema) as writer:
            pending: list[dict[str, Any]] = []
            for dump in dumps(items):
                pending.extend(rows_of(dump))
                if len(pending) >= _ROWS_PER_GROUP:
                    writer.write_table(pa.Table.from_pylist(pending, schema=schema))
                    pending.clear()
            # an empty export still writes the schema
            writer.write_table(pa.Table.from_pylist(pending, schema=schema))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def hf_records(items: Iterable[Item]) -> Iterator[dict[str, Any]]:
    """Rows for a Hugging Face ``datasets`` JSON Lines file, one per comment.

    The columns of the ``comments`` Parquet table, in the same order, with
    ``posted_at`` as an ISO 8601 string in UTC (``"2024-03-03T09:05:00Z"``)
    or ``None``. Every row has every key with one type (or ``None``); lists
    are never ``None``. Write them with ``json.dumps`` one per line and load
    with ``datasets.load_dataset("json", data_files=..., features=hf_features())``:
    the features fix each column's type even when a file holds only nulls
    in a column (without them ``datasets`` infers ``null`` for such a column
    and a naive ``timestamp[s]`` for ``posted_at``).
    """
    for dump in dumps(items):
        for row in _comment_rows(dump):
            row["posted_at"] = iso_utc(row["posted_at"])
            yield row


def hf_features():
    """The ``datasets.Features`` of :func:`hf_records` rows (from the Parquet schema)."""
    datasets = require("datasets", "hf_features", "hf")
    return datasets.Features.from_arrow_schema(parquet_schema("comments"))
