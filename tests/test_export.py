"""Exporters: records for pandas, edges/graphs for networkx, ConvoKit utterances."""

from __future__ import annotations

import doctest
import json

import pytest

import threadparse
from threadparse import export


@pytest.fixture(scope="module")
def thread():
    return threadparse.parse(threadparse.example_text())


def test_module_doctests():
    result = doctest.testmod(export)
    assert result.attempted >= 2 and result.failed == 0


def test_comment_records_are_flat_and_json_ready(thread):
    rows = export.comment_records(thread)
    assert [r["id"] for r in rows] == ["c1", "c2", "c3"]
    assert rows[1]["quoted_ids"] == ["c1"] and rows[1]["n_quotes"] == 2
    assert rows[1]["speaker"] == "Marta" and rows[1]["speaker_method"] == "addressed-by-parent"
    json.dumps(rows, default=str)


def test_block_records_point_back_into_the_text(thread):
    text = threadparse.example_text()
    for row in export.block_records(thread):
        assert text[row["start"] : row["end"]] == row["text"]
        if row["kind"] == "quote":
            assert row["source_comment_id"] == "c1"


def test_convokit_utterances(thread):
    utts = export.convokit_utterances(thread, conversation_prefix="garden:")
    assert {tuple(sorted(u)) for u in utts} == {
        ("conversation_id", "id", "meta", "reply_to", "speaker", "text", "timestamp")
    }
    assert [u["reply_to"] for u in utts] == [None, "garden:c1", "garden:c2"]
    assert {u["conversation_id"] for u in utts} == {"garden:c1"}
    assert utts[1]["meta"]["quotes"][0]["source"] == "garden:c1"


def test_to_networkx(thread):
    nx = pytest.importorskip("networkx")
    g = export.to_networkx(thread)
    assert isinstance(g, nx.DiGraph)
    assert set(g.edges) == {("c2", "c1"), ("c3", "c2")}
    assert g.nodes["c2"]["speaker"] == "Marta"
