"""Exporters, each checked by loading its output with the real consumer.

ConvoKit (``Corpus(filename=...)`` + ``check_integrity()``), pandas/pyarrow
(Parquet with the documented dtypes), Hugging Face ``datasets``
(``load_dataset("json", ...)``), networkx (GraphML and GEXF written and read
back) and markdown-it-py (Markdown parsed to a token stream). ConvoKit is
not in the ``test`` extra (its install pulls PyTorch and CUDA); its loading
tests are skipped without it, and a format test that needs no ConvoKit
checks the same rules always.
"""

from __future__ import annotations

import doctest
import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import threadparse
from threadparse import ParseConfig, export
from threadparse.export import _convokit

from .conftest import REPO, SEED, SHARED, read_text

UTC = timezone.utc
CAPTURED = datetime(2025, 8, 17, 15, 0, tzinfo=UTC)
FIXTURES = REPO / "tests" / "fixtures"
# Three dumps that are always there: ages to estimate, nested '>' quotes and a
# quote-only link (c3 quotes c1 but answers c2), marker-less quotes.
FIXTURE_DUMPS = [
    FIXTURES / "hackernews" / "basic.txt",
    FIXTURES / "mail" / "hypermail_depth.txt",
    FIXTURES / "plain" / "near_verbatim_quotes.txt",
]
REALPAGES = SHARED / "realpages"


def _item(path: Path, name: str | None = None) -> export.Item:
    text = read_text(path)
    thread = threadparse.parse(text, config=ParseConfig(captured_at=CAPTURED))
    return (name or path.relative_to(path.parents[1]).as_posix(), thread, text)


@pytest.fixture(scope="module")
def thread():
    return threadparse.parse(threadparse.example_text())


@pytest.fixture(scope="module")
def items() -> list[export.Item]:
    """The three fixture dumps, plus every real page and the seed dump when ../shared is there."""
    paths = list(FIXTURE_DUMPS)
    if REALPAGES.is_dir():
        paths += sorted(REALPAGES.glob("*.txt"))
    if SEED.exists():
        paths.append(SEED)
    return [_item(p) for p in paths]


@pytest.fixture(scope="module")
def shared_items() -> list[export.Item]:
    """Three real dumps from ../shared (a real page, another real page, the seed dump)."""
    paths = [REALPAGES / "hn_1.txt", REALPAGES / "mbox_1.txt", SEED]
    if not all(p.exists() for p in paths):
        pytest.skip(f"the shared dumps are not in {SHARED}")
    return [_item(p) for p in paths]


def test_module_doctests():
    result = doctest.testmod(export)
    assert result.attempted >= 3 and result.failed == 0


# --------------------------------------------------------------------------- records


def test_comment_records_are_flat_and_json_ready(thread):
    rows = export.comment_records(thread)
    assert [r["id"] for r in rows] == ["c1", "c2", "c3"]
    assert rows[1]["quoted_ids"] == ["c1"] and rows[1]["n_quotes"] == 2
    assert rows[1]["speaker"] == "Marta" and rows[1]["speaker_method"] == "addressed-by-parent"
    assert [r["parent_status"] for r in rows] == ["unknown", "reply", "reply"]
    json.dumps(rows, default=str)


def test_block_records_point_back_into_the_text(thread):
    text = threadparse.example_text()
    for row in export.block_records(thread):
        assert text[row["start"] : row["end"]] == row["text"]
        if row["kind"] == "quote":
            assert row["source_comment_id"] == "c1"


def test_records_reject_what_is_not_a_thread():
    for fn in (export.comment_records, export.block_records, export.reply_edges, export.to_networkx):
        with pytest.raises(TypeError, match="Thread"):
            fn({"comments": []})


# --------------------------------------------------------------------------- ConvoKit


def test_convokit_utterances(thread):
    utts = export.convokit_utterances(thread, conversation_prefix="garden:")
    assert {tuple(sorted(u)) for u in utts} == {
        ("conversation_id", "id", "meta", "reply_to", "speaker", "text", "timestamp")
    }
    assert [u["reply_to"] for u in utts] == [None, "garden:c1", "garden:c2"]
    assert {u["conversation_id"] for u in utts} == {"garden:c1"}
    assert utts[1]["meta"]["quotes"][0]["source"] == "garden:c1"
    assert [u["speaker"] for u in utts] == ["anonymous:garden:c1", "marta", "pia"]
    assert utts[0]["meta"]["parent_status"] == "unknown"


def test_convokit_utterances_build_a_corpus(thread):
    convokit = pytest.importorskip("convokit")
    utts = [
        convokit.Utterance(**{**u, "speaker": convokit.Speaker(id=u["speaker"])})
        for u in export.convokit_utterances(thread, conversation_prefix="garden:")
    ]
    corpus = convokit.Corpus(utterances=utts)
    assert all(c.check_integrity(verbose=False) for c in corpus.iter_conversations())


def _check_convokit_folder(folder: Path, items: list[export.Item]) -> list[dict]:
    """The rules ConvoKit's loader and check_integrity() apply, without ConvoKit."""
    assert sorted(p.name for p in folder.iterdir()) == sorted(_convokit.CORPUS_FILES)
    for name in _convokit.CORPUS_FILES:
        (folder / name).read_bytes().decode("ascii")  # loads under any locale
    lines = (folder / "utterances.jsonl").read_text().splitlines()
    utts = [json.loads(line) for line in lines]
    assert len(utts) == sum(len(th.comments) for _, th, _ in items)
    keys = {"id", "conversation_id", "text", "speaker", "meta", "reply-to", "timestamp", "vectors"}
    assert all(set(u) == keys for u in utts)
    by_id = {u["id"]: u for u in utts}
    assert len(by_id) == len(utts), "utterance ids must be unique"
    speakers = json.loads((folder / "speakers.json").read_text())
    conversations = json.loads((folder / "conversations.json").read_text())
    assert {u["speaker"] for u in utts} == set(speakers)
    assert {u["conversation_id"] for u in utts} == set(conversations)
    roots: dict[str, list[str]] = {}
    for u in utts:
        assert u["timestamp"] is None or type(u["timestamp"]) is int
        if u["reply-to"] is None:
            roots.setdefault(u["conversation_id"], []).append(u["id"])
            assert u["conversation_id"] == u["id"]
        else:
            assert by_id[u["reply-to"]]["conversation_id"] == u["conversation_id"]
    assert all(len(r) == 1 for r in roots.values()) and set(roots) == set(conversations)
    index = json.loads((folder / "index.json").read_text())
    assert {"utterances-index", "speakers-index", "conversations-index", "overall-index", "version"} <= set(index)
    for u in utts:
        for key, value in u["meta"].items():
            if value is not None:
                assert str(type(value)) in index["utterances-index"][key]
    return utts


def test_write_convokit_follows_the_corpus_format(tmp_path, items):
    folder = export.write_convokit(items, tmp_path / "corpus")
    utts = _check_convokit_folder(folder, items)
    statuses = {u["meta"]["parent_status"] for u in utts}
    assert statuses == {"reply", "top-level", "unknown"}
    estimated = [u for u in utts if u["meta"]["posted_at_estimated"]]
    assert estimated and all(isinstance(u["timestamp"], int) for u in estimated)
    assert export.write_convokit(items, folder) == folder  # rewriting replaces the files


def test_write_convokit_ids_and_speakers_across_dumps(tmp_path):
    path = FIXTURE_DUMPS[0]
    items = [_item(path, "one/basic.txt"), _item(path, "one basic.txt"), _item(path, "one/basic.txt")]
    folder = export.write_convokit(items, tmp_path)
    utts = _check_convokit_folder(folder, items)
    dumps = sorted({u["id"].rsplit(":", 1)[0] for u in utts})
    assert dumps == ["one_basic.txt", "one_basic.txt-2", "one_basic.txt-3"]
    n = len(items[0][1].comments)
    first, second = utts[:n], utts[n : 2 * n]
    # the same people in two dumps are the same speakers
    assert [u["speaker"] for u in first] == [u["speaker"] for u in second]
    assert {u["meta"]["dump"] for u in utts} == {"one/basic.txt", "one basic.txt"}


def test_write_convokit_keeps_unknown_speakers_apart(tmp_path, thread):
    text = threadparse.example_text()
    utts = _check_convokit_folder(
        export.write_convokit([("a", thread, text), ("b", thread, text)], tmp_path),
        [("a", thread, text), ("b", thread, text)],
    )
    assert [u["speaker"] for u in utts] == ["anonymous:a:c1", "marta", "pia", "anonymous:b:c1", "marta", "pia"]
    speakers = json.loads((tmp_path / "speakers.json").read_text())
    assert speakers["marta"]["meta"] == {"name": "Marta", "anonymous": False}
    assert speakers["anonymous:a:c1"]["meta"] == {"name": None, "anonymous": True}


def test_convokit_loads_three_dumps_and_every_conversation_is_intact(tmp_path, items):
    convokit = pytest.importorskip("convokit")
    folder = export.write_convokit(items, tmp_path / "corpus")
    corpus = convokit.Corpus(filename=str(folder))
    assert len(list(corpus.iter_utterances())) == sum(len(th.comments) for _, th, _ in items)
    conversations = list(corpus.iter_conversations())
    assert conversations and all(c.check_integrity(verbose=False) for c in conversations)
    dated = [c for c in conversations if all(u.timestamp is not None for u in c.iter_utterances())]
    assert len(dated) > 1
    for c in dated:  # ConvoKit sorts replies by timestamp: undated ones cannot be sorted
        c.initialize_tree_structure()  # raises unless the reply-to links form one tree
        assert [u.id for u in c.get_chronological_utterance_list()]
    hn = corpus.get_utterance("hackernews_basic.txt:c2")
    assert hn.reply_to == "hackernews_basic.txt:c1" and hn.meta["parent_status"] == "reply"
    assert isinstance(hn.timestamp, int) and hn.meta["posted_at_estimated"] is True


def test_convokit_loads_three_shared_dumps(tmp_path, shared_items):
    convokit = pytest.importorskip("convokit")
    corpus = convokit.Corpus(filename=str(export.write_convokit(shared_items, tmp_path)))
    assert len(list(corpus.iter_utterances())) == sum(len(th.comments) for _, th, _ in shared_items)
    assert all(c.check_integrity(verbose=False) for c in corpus.iter_conversations())
    assert corpus.meta["dumps"] == [name for name, _, _ in shared_items]


def test_export_functions_check_their_items(tmp_path, thread):
    text = threadparse.example_text()
    with pytest.raises(TypeError, match="iterable of"):
        export.write_convokit(("x", thread, text), tmp_path)
    with pytest.raises(TypeError, match="item 0"):
        export.write_convokit([thread], tmp_path)
    with pytest.raises(TypeError, match="dump_name"):
        list(export.hf_records([(1, thread, text)]))
    with pytest.raises(ValueError, match="characters"):
        export.write_convokit([("x", thread, text + "!")], tmp_path)
    with pytest.raises(ValueError, match="table"):
        export.write_parquet([], tmp_path / "x.parquet", table="rows")


# --------------------------------------------------------------------------- Parquet

# The dtypes docs/export.md promises for pd.read_parquet(path) (default backend).
PANDAS_DTYPES = {
    "comments": {
        "parent_score": "float64", "speaker_score": "float64", "posted_at": "datetime64[us, UTC]",
        "posted_at_estimated": "bool", "score": "float64", "start": "int64", "end": "int64",
        "n_quotes": "int64", "addressees": "object", "quoted_ids": "object",
    },
    "blocks": {
        "index": "int64", "start": "int64", "end": "int64", "depth": "float64",
        "source_start": "float64", "source_end": "float64", "source_score": "float64",
    },
}


def _doc_table(heading: str) -> dict[str, tuple[str, str]]:
    """Rows ``column → (arrow type, pandas dtype)`` of the table under ``heading`` in docs/export.md."""
    doc = (REPO / "docs" / "export.md").read_text(encoding="utf-8")
    section = doc.split(f"\n{heading}\n", 1)[1].split("\n#", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if line.startswith("| `"):
            rows[cells[0]] = (cells[1], cells[2])
    return rows


@pytest.mark.parametrize("table", ["comments", "blocks"])
def test_parquet_schema_is_documented(table):
    pa = pytest.importorskip("pyarrow")
    schema = export.parquet_schema(table)
    documented = _doc_table(f"### The `{table}` table")
    assert list(documented) == schema.names
    for field in schema:
        arrow, _ = documented[field.name]
        assert arrow == f"{field.type}{'' if field.nullable else ' not null'}", field.name
    assert schema.field("comment_id").type == pa.string()


@pytest.mark.parametrize("table", ["comments", "blocks"])
def test_pandas_reads_the_parquet_with_the_documented_dtypes(tmp_path, items, table):
    pd = pytest.importorskip("pandas")
    pq = pytest.importorskip("pyarrow.parquet")
    path = export.write_parquet(items, tmp_path / f"{table}.parquet", table=table)
    assert pq.read_schema(path).equals(export.parquet_schema(table), check_metadata=False)
    df = pd.read_parquet(path)
    documented = _doc_table(f"### The `{table}` table")
    for column in df.columns:
        want = documented[column][1]
        if want == "str":
            assert pd.api.types.is_string_dtype(df[column]), column
        else:
            assert str(df[column].dtype) == want == PANDAS_DTYPES[table].get(column, want), column
    if table == "comments":
        assert len(df) == sum(len(th.comments) for _, th, _ in items)
        assert set(df["parent_status"]) == {"reply", "top-level", "unknown"}
        dated = df[df["posted_at"].notna()]
        assert dated["posted_at_estimated"].any() and not dated["posted_at_estimated"].all()
        assert str(pd.read_parquet(path, dtype_backend="numpy_nullable")["score"].dtype) == "Int64"
    else:
        quotes = df[df["kind"] == "quote"]
        assert set(quotes["marker"]) >= {">", "none"} and quotes["depth"].max() >= 2


def test_parquet_of_nothing_still_has_the_schema(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = export.write_parquet([], tmp_path / "empty.parquet")
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.schema.equals(export.parquet_schema(), check_metadata=False)
    assert [p.name for p in tmp_path.iterdir()] == ["empty.parquet"]  # no temporary file left


# --------------------------------------------------------------------------- Hugging Face


def test_hf_records_have_one_type_per_column(items):
    pa = pytest.importorskip("pyarrow")
    schema = export.parquet_schema("comments")
    python_type = {pa.string(): str, pa.int64(): int, pa.float64(): float, pa.bool_(): bool,
                   pa.list_(pa.string()): list, pa.timestamp("us", tz="UTC"): str}
    rows = list(export.hf_records(items))
    assert rows and all(list(r) == schema.names for r in rows)
    for field in schema:
        values = [r[field.name] for r in rows]
        assert field.nullable or None not in values, field.name
        assert all(type(v) is python_type[field.type] for v in values if v is not None), field.name
    dated = [r["posted_at"] for r in rows if r["posted_at"]]
    assert dated and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", d) for d in dated)


def test_datasets_loads_the_jsonl_with_the_documented_features(tmp_path, items):
    datasets = pytest.importorskip("datasets")
    path = tmp_path / "comments.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for row in export.hf_records(items):
            fh.write(json.dumps(row) + "\n")
    features = export.hf_features()
    ds = datasets.load_dataset(
        "json", data_files=str(path), features=features, split="train", cache_dir=str(tmp_path / "cache")
    )
    assert ds.features == features and ds.num_rows == sum(len(th.comments) for _, th, _ in items)
    assert str(ds.features["posted_at"].dtype) == "timestamp[us, tz=UTC]"
    first = ds[0]
    assert first["posted_at"].utcoffset() == timedelta(0) and first["dump"] == "hackernews/basic.txt"
    # a file whose score column is all null still gets the int64 column
    plain = tmp_path / "plain.jsonl"
    plain.write_text("".join(json.dumps(r) + "\n" for r in export.hf_records(items[2:3])))
    ds = datasets.load_dataset(
        "json", data_files=str(plain), features=features, split="train", cache_dir=str(tmp_path / "cache")
    )
    assert ds.features["score"].dtype == "int64" and set(ds["score"]) == {None}


# --------------------------------------------------------------------------- Markdown


def _blockquote_depths(tokens) -> list[int]:
    """The nesting depth of each top-level blockquote, in order."""
    depth, out = 0, []
    for tok in tokens:
        if tok.type == "blockquote_open":
            depth += 1
            if depth == 1:
                out.append(1)
            out[-1] = max(out[-1], depth)
        elif tok.type == "blockquote_close":
            depth -= 1
    return out


def test_markdown_round_trip(items):
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark")
    extra = [_item(p) for p in sorted(FIXTURES.glob("*/*.txt"))]
    for name, thread, text in items + extra:
        md = export.to_markdown(thread, text)
        tokens = parser.parse(md)
        headings = [
            "".join(child.content for child in tokens[i + 1].children if child.type == "text")
            for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h3"
        ]
        speakers = [" ".join(c.speaker.name.split()) if c.speaker.name else "unknown speaker"
                    for c in thread.comments]
        assert headings == [f"{c.id} · {s}" for c, s in zip(thread.comments, speakers)], name
        quotes = [q for c in thread.comments for q in c.quotes]
        # one blockquote per quote block, nested as deep as the quote
        assert _blockquote_depths(tokens) == [q.depth for q in quotes], name
        sources = re.findall(r"^(?:> )+— quoting (c\d+)$", md, flags=re.M)
        assert sources == [q.source.comment_id for q in quotes if q.source is not None], name
        # (blocks as printed: one per paragraph, so a piece may span two)
        own_text = "\n\n".join(b.text for c in thread.comments for b in c.blocks)
        for piece in [ch.text for ch in thread.chrome] + [text[d.span.start : d.span.end] for d in thread.duplicates]:
            if len(piece) > 30 and piece not in own_text and piece not in own_text.replace("\n\n", "\n"):
                assert piece not in md, (name, piece)


def test_markdown_nests_and_attributes_quotes():
    name, thread, text = _item(FIXTURES / "mail" / "hypermail_depth.txt")
    md = export.to_markdown(thread, text)
    assert "> > The council wants to remove the two benches at the Wick Street stop\n> >\n> > — quoting c1" in md
    assert "\n>> " not in md and "> > >" not in md  # the dump's own markers are replaced, not kept
    assert "### c2 · " in md and "*2025-06-12 07:15 UTC · reply to c1*" in md


def test_markdown_escapes_structure_in_prose_and_checks_the_text(thread):
    text = "Ana wrote this.\n\n# not a heading\n\n---\n"
    plain = threadparse.parse(text)
    md = export.to_markdown(plain, text)
    assert "\n\\# not a heading\n" in md and "\n\\---\n" in md
    with pytest.raises(ValueError, match="characters"):
        export.to_markdown(thread, text)


# --------------------------------------------------------------------------- networkx


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networkx_graph_round_trips_through_graphml_and_gexf(tmp_path, items, fmt):
    nx = pytest.importorskip("networkx")
    write, read = getattr(nx, f"write_{fmt}"), getattr(nx, f"read_{fmt}")
    for name, thread, _ in items:
        g = export.to_networkx(thread)
        for _, attrs in list(g.nodes(data=True)) + [(None, e) for *_, e in g.edges(data=True)]:
            assert None not in attrs.values()
        path = tmp_path / f"{re.sub(r'[^a-z0-9]+', '_', name)}.{fmt}"
        write(g, path)
        back = read(path)
        assert set(back.nodes) == set(g.nodes) and set(back.edges) == set(g.edges), name
        for u, v, attrs in g.edges(data=True):
            assert back.edges[u, v]["kind"] == attrs["kind"]
        for node, attrs in g.nodes(data=True):
            assert back.nodes[node]["parent_status"] == attrs["parent_status"]
            assert back.nodes[node]["text"] == attrs["text"]


def test_to_networkx(thread):
    nx = pytest.importorskip("networkx")
    g = export.to_networkx(thread)
    assert isinstance(g, nx.DiGraph)
    assert set(g.edges) == {("c2", "c1"), ("c3", "c2")}
    assert g.nodes["c2"]["speaker"] == "Marta" and "speaker" not in g.nodes["c1"]
    assert g.edges["c2", "c1"] == {"kind": "reply", "quotes": 2, "method": "quote", "score": 0.9}
    assert g.graph == {"dialect": "plain", "schema_version": "2"}


def test_to_networkx_quote_edges():
    pytest.importorskip("networkx")
    _, thread, _ = _item(FIXTURES / "mail" / "hypermail_depth.txt")
    g = export.to_networkx(thread)
    quote_only = [(u, v, a) for u, v, a in g.edges(data=True) if a["kind"] == "quote"]
    assert quote_only, "this dump has a quote with no reply link"
    for u, v, a in quote_only:
        assert thread.comment(u).parent_id != v and a["quotes"] >= 1 and 0 < a["score"] <= 1
    without = export.to_networkx(thread, quotes=False)
    assert {a["kind"] for *_, a in without.edges(data=True)} <= {"reply"}
    assert without.number_of_edges() == sum(c.parent_id is not None for c in thread.comments)


def test_to_networkx_text_that_xml_cannot_hold(tmp_path):
    nx = pytest.importorskip("networkx")
    text = "First line with a form feed \x0c and a lone surrogate \ud800 inside.\n"
    g = export.to_networkx(threadparse.parse(text))
    nx.write_graphml(g, tmp_path / "g.graphml")
    nx.write_gexf(g, tmp_path / "g.gexf")
    assert "\ufffd" in nx.read_graphml(tmp_path / "g.graphml").nodes["c1"]["text"]
