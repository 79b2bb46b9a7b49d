"""The public API: types, options, errors, the pipeline runner, empty input."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

import threadparse
from threadparse import ParseConfig, Pipeline, StageError, parse


def test_bytes_raise_type_error_that_says_decode():
    with pytest.raises(TypeError, match="decode"):
        parse(b"some bytes")
    with pytest.raises(TypeError, match="decode"):
        parse(bytearray(b"x"))


@pytest.mark.parametrize("bad", [None, 3, ["a"], object()])
def test_non_str_raises_type_error(bad):
    with pytest.raises(TypeError, match="expects str"):
        parse(bad)


def test_unknown_dialect_lists_valid_ones():
    with pytest.raises(ValueError) as err:
        parse("hello", dialect="myspace")
    assert "plain" in str(err.value)
    assert "myspace" in str(err.value)


def test_dialect_must_be_str():
    with pytest.raises(TypeError, match="dialect"):
        parse("hello", dialect=3)


def test_config_type_and_unknown_option():
    with pytest.raises(TypeError, match="ParseConfig"):
        parse("x", config={"shingle_size": 3})
    with pytest.raises(ValidationError, match="shingle_sise"):
        ParseConfig(shingle_sise=3)
    with pytest.raises(ValidationError):
        ParseConfig(shingle_size=1)


def test_config_is_frozen():
    cfg = ParseConfig()
    with pytest.raises(ValidationError):
        cfg.shingle_size = 5


@pytest.mark.parametrize("text", ["", " ", "\n\n\t \r\n", "\u00a0\u2003\n"])
def test_empty_or_whitespace_gives_empty_thread(text):
    t = parse(text)
    assert t.comments == () and t.duplicates == () and t.chrome == ()
    assert t.length == len(text)
    threadparse.verify(t, text)


def test_dialects_listed_and_forcing_plain():
    assert "plain" in threadparse.dialects()
    t = parse("Just one comment here.", dialect="plain")
    assert t.dialect.name == "plain" and t.dialect.forced


def test_models_are_frozen():
    t = parse(threadparse.example_text())
    with pytest.raises(ValidationError):
        t.comments[0].id = "x"


def test_json_round_trip():
    t = parse(threadparse.example_text())
    data = json.loads(json.dumps(t.model_dump(mode="json")))
    assert data["schema_version"] == "2"
    again = threadparse.Thread.model_validate(data)
    assert again == t


def test_thread_helpers():
    t = parse(threadparse.example_text())
    assert t.comment("c2").parent_id == "c1"
    assert [c.id for c in t.children("c1")] == ["c2"]
    assert [c.id for c in t.children(None)] == ["c1"]
    with pytest.raises(KeyError, match="c1..c3"):
        t.comment("c9")
    assert t.comment("c2").quotes and "You are right" in t.comment("c2").prose


def test_pipeline_names_and_editing():
    p = Pipeline()
    assert p.names == ["segment", "quotes", "dedup", "speakers"]

    class Count:
        name = "count"
        reads = ("units",)
        writes = ("unit_count",)

        def __call__(self, doc):
            doc.unit_count = len(doc.units)

    p.add(Count(), after="segment")
    assert p.names == ["segment", "count", "quotes", "dedup", "speakers"]
    doc = p.run("one line\nanother line")
    assert doc.unit_count == 2
    other = Count()
    other.name = "other"
    with pytest.raises(KeyError, match="segment"):
        p.add(other, before="nope")
    with pytest.raises(ValueError, match="already"):
        p.add(Count())
    p.remove("count")
    assert p.names == ["segment", "quotes", "dedup", "speakers"]


def test_pipeline_checks_reads_and_names_failing_stage():
    p = Pipeline()
    p.remove("quotes")
    with pytest.raises(StageError, match="dedup.*reuse"):
        p.run("text")

    class Boom:
        name = "boom"

        def __call__(self, doc):
            raise ZeroDivisionError("no")

    p = Pipeline()
    p.add(Boom(), before="quotes")
    with pytest.raises(StageError, match="'boom' failed") as err:
        parse("text", pipeline=p)
    assert isinstance(err.value.__cause__, ZeroDivisionError)


def test_parse_is_deterministic():
    text = threadparse.example_text()
    assert parse(text) == parse(text)


def test_config_replace_validates():
    cfg = ParseConfig().replace(shingle_size=5)
    assert cfg.shingle_size == 5
    with pytest.raises(ValidationError):
        ParseConfig().replace(shingle_size=1)


def test_greeting_inside_a_quote_is_not_the_quoting_comments():
    text = (
        "Hi Marta, the new rota looks fine to me and I can take the first Saturday.\n"
        "Hi Marta, the new rota looks fine to me and I can take the first Saturday.\n"
        "I will swap with you if the first Saturday clashes with the market.\n"
    )
    t = parse(text)
    assert [c.addressees for c in t.comments] == [("Marta",), ()]
    assert t.comments[1].quotes and t.comments[0].speaker.name is None


def test_attributed_quote_followed_by_a_greeting_stays_a_quote():
    text = (
        "The hinge on the shed door squeaks every time somebody opens it in the morning.\n\n"
        "joon:\n"
        "The hinge on the shed door squeaks every time somebody opens it in the morning.\n\n"
        "Thanks Joon, a drop of oil fixed it.\n"
    )
    t = parse(text)
    assert not t.duplicates
    quotes = [b for c in t.comments for b in c.quotes]
    assert len(quotes) == 1 and quotes[0].marker == "attribution"
    assert t.comments[0].speaker.name == "joon"


def test_a_paragraph_quoted_many_times_is_read_once():
    import time

    source = " ".join(f"word{i}" for i in range(20_000)) + "\n"
    quotes = "".join(" ".join(f"word{i}" for i in range(k, k + 10)) + "\nMy reply here.\n" for k in range(0, 10_000, 10))
    start = time.perf_counter()
    t = parse(source + quotes)
    elapsed = time.perf_counter() - start
    assert sum(len(c.quotes) for c in t.comments) == 1_000
    assert elapsed < 10  # was ~9 s before source words were cached; now well under 1 s


def test_parse_restores_the_callers_gc_setting():
    import gc

    assert gc.isenabled()
    parse("some text")
    assert gc.isenabled()
    gc.disable()
    try:
        parse("some text")
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("order", ["hn-first", "reddit-first"])
def test_a_dump_gluing_two_shapes_parses_both(order):
    """Detection picks one dialect; the runner-up marks the lines it leaves."""
    from .conftest import REPO, read_text

    hn = read_text(REPO / "tests/fixtures/hackernews/basic.txt")
    rd = read_text(REPO / "tests/fixtures/reddit/old_basic.txt")
    parts = [hn, rd] if order == "hn-first" else [rd, hn]
    text = parts[0] + "\n\n" + parts[1]
    glued = parse(text)
    threadparse.verify(glued, text)
    alone = [c.speaker.name for p in parts for c in parse(p).comments]
    assert [c.speaker.name for c in glued.comments] == alone
    assert glued.dialect.name in ("hackernews", "reddit")


# --- every public function checks its arguments --------------------------------------


def test_pipeline_must_be_a_pipeline():
    with pytest.raises(TypeError, match="pipeline must be a threadparse.Pipeline.*dialect=NAME"):
        parse("x", pipeline="fast")


@pytest.mark.parametrize("args, message", [
    ((None, "x"), "Thread first"),
    (("thread", "x"), "Thread first"),
    ("text-none", "str second"),
    ("text-bytes", "str second"),
])
def test_verify_checks_its_arguments(args, message):
    thread = parse("x")
    if args == "text-none":
        args = (thread, None)
    elif args == "text-bytes":
        args = (thread, b"x")
    with pytest.raises(TypeError, match=message):
        threadparse.verify(*args)


@pytest.mark.parametrize("text", ["\ud800", "a \udfff b\n\nHi Marta, \ud83d here.\n", "\udc80" * 50])
def test_json_for_any_str(text):
    """Lone surrogates become U+FFFD in JSON, one for one: spans still hold."""
    thread = parse(text)
    threadparse.verify(thread, text)
    again = threadparse.Thread.model_validate_json(thread.model_dump_json())
    assert again.length == len(text)
    replaced = "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
    threadparse.verify(again, replaced)
    assert json.loads(thread.model_dump_json(indent=2, ensure_ascii=True))["length"] == len(text)
    assert thread.model_dump(mode="json")["length"] == len(text)  # the models keep the text as given


# --- parse_many ------------------------------------------------------------------------


def test_parse_many_texts_paths_and_pairs(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_text(threadparse.example_text(), encoding="utf-8", newline="")
    inputs = [threadparse.example_text(), path, ("named", "Just one comment."), "a.txt"]
    threads = list(threadparse.parse_many(inputs))
    assert [len(t.comments) for t in threads] == [3, 3, 1, 1]
    assert threads[3].length == len("a.txt")  # a str is always a text, never a file name
    assert threads[1] == parse(threadparse.example_text())


def test_parse_many_is_lazy_ordered_and_parallel():
    texts = [f"Comment number {i} here.\n\nHi Ann, reply number {i}.\n" * (1 + i % 5) for i in range(40)]
    seen = []

    def generate():
        for t in texts:
            seen.append(t)
            yield t

    stream = threadparse.parse_many(generate(), jobs=2)
    first = next(stream)
    assert first == parse(texts[0]) and len(seen) < len(texts)  # bounded read-ahead
    rest = list(stream)
    assert [first, *rest] == [parse(t) for t in texts]
    assert list(threadparse.parse_many(texts[:3], dialect="plain", config=ParseConfig(shingle_size=5)))[0].dialect.forced


def test_parse_many_round_trips_surrogates_across_processes():
    texts = ["x \ud800 y", "fine text"]
    assert list(threadparse.parse_many(texts, jobs=2)) == [parse(t) for t in texts]


def test_parse_many_errors(tmp_path):
    with pytest.raises(TypeError, match="input 0 is bytes"):
        list(threadparse.parse_many([b"raw"]))
    with pytest.raises(TypeError, match="input 1 is int"):
        list(threadparse.parse_many(["ok", 3]))
    with pytest.raises(TypeError, match="jobs"):
        list(threadparse.parse_many(["ok"], jobs=-1))
    with pytest.raises(ValueError, match="plain"):
        list(threadparse.parse_many(["ok"], dialect="myspace"))
    with pytest.raises(TypeError, match="ParseConfig"):
        list(threadparse.parse_many(["ok"], config={"shingle_size": 3}))
    with pytest.raises(TypeError, match="unexpected keyword"):
        list(threadparse.parse_many(["ok"], dialects="plain"))
    with pytest.raises(ValueError, match="unknown encoding"):
        list(threadparse.parse_many(["ok"], encoding="klingon"))
    from threadparse.batch import parse_results, read_dump

    with pytest.raises(TypeError, match="transform must be a function"):
        list(parse_results(["ok"], transform="jsonl"))
    with pytest.raises(TypeError, match="read_dump expects a file path"):
        read_dump(3)
    with pytest.raises(threadparse.InputError, match="cannot read .*missing.txt"):
        list(threadparse.parse_many([tmp_path / "missing.txt"], jobs=2))
    blob = tmp_path / "blob.bin"
    blob.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(threadparse.InputError, match="binary"):
        list(threadparse.parse_many([blob]))


def test_parse_results_go_on_past_bad_inputs(tmp_path):
    from threadparse.batch import parse_results

    latin = tmp_path / "latin.txt"
    latin.write_bytes("Grüße aus Köln, schöne Grüße an alle Mitglieder des Vereins.\n".encode("latin-1") * 3)
    results = list(parse_results([tmp_path / "missing.txt", latin, "text"], jobs=2, with_text=True))
    assert results[0].error_kind == "input" and results[0].thread is None
    assert results[1].detected_encoding and results[1].text.startswith("Grüße")
    assert results[2].thread == parse("text") and results[2].text == "text"


def test_parse_many_names_the_input_the_parser_failed_on(monkeypatch):
    def boom(text, **kwargs):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(threadparse, "parse", boom)
    with pytest.raises(RuntimeError, match=r"internal error while parsing <text 0>: ZeroDivisionError"):
        list(threadparse.parse_many(["x"]))
