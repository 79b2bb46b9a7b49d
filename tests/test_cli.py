"""The command line, every sub-command and its error paths.

Most tests call ``main(argv)`` in-process; the ones about the process itself
(stdout encodings, Ctrl-C, hash seeds, ``python -m``) run it as a child with
this tree's ``src`` on ``PYTHONPATH``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import threadparse
from threadparse import ParseConfig, ParsedFile, Thread, cli
from threadparse.cli import main

from .conftest import CORPUS, REPO

SRC = REPO / "src"
EXAMPLE = threadparse.example_text()
LATIN1_TEXT = (
    "Bonjour à tous, je pense que la crème brûlée de la réunion était délicieuse.\n"
    "Merci beaucoup, Hélène, pour l'organisation du goûter de Noël à l'école.\n"
)


def run_cli(*args: str, env: dict | None = None, input: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    """``python -m threadparse ARGS`` in a child that imports this tree."""
    child_env = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "threadparse", *args], capture_output=True, input=input,
        env=child_env, cwd=cwd, timeout=120,
    )


def one_line_error(err: str) -> str:
    """The stderr of a failed command: one line, no traceback."""
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def dumps(tmp_path: Path) -> Path:
    """A folder: two dumps at the top, one in a subfolder, and a non-.txt file."""
    folder = tmp_path / "dumps"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(EXAMPLE, encoding="utf-8", newline="")
    (folder / "b.txt").write_text("Just one comment here.\n", encoding="utf-8")
    (folder / "sub" / "c.txt").write_text("Another dump, in a subfolder.\n", encoding="utf-8")
    (folder / "notes.md").write_text("not a dump\n", encoding="utf-8")
    return folder


# --- parse: inputs and output shapes -------------------------------------------------


def test_parse_example_text(capsys):
    assert main(["parse", "--example"]) == 0
    out = capsys.readouterr().out
    assert "3 comments" in out and "reply to c1 (quote" in out


@pytest.mark.parametrize("n_inputs", [1, 3])
def test_json_is_always_an_array_of_records(dumps, capsys, n_inputs):
    files = [str(dumps / "a.txt"), str(dumps / "b.txt"), str(dumps / "sub" / "c.txt")][:n_inputs]
    assert main(["parse", "--format", "json", *files]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and [r["file"] for r in data] == files
    records = [ParsedFile.model_validate(r) for r in data]
    assert records[0].thread == threadparse.parse(EXAMPLE)


def test_jsonl_rows_validate_against_the_published_schema(dumps, capsys):
    assert main(["parse", "--format", "jsonl", "--example", str(dumps)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    rows = [ParsedFile.model_validate_json(line) for line in lines]
    assert [r.file for r in rows][:2] == ["<example>", str(dumps / "a.txt")]
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema == ParsedFile.model_json_schema()
    assert schema["required"] == ["file", "thread"] and schema["additionalProperties"] is False
    assert main(["schema", "--model", "thread"]) == 0
    assert json.loads(capsys.readouterr().out) == Thread.model_json_schema()


def test_folders_are_searched_recursively_with_glob(dumps, capsys):
    assert main(["parse", "--format", "jsonl", str(dumps)]) == 0
    names = [json.loads(line)["file"] for line in capsys.readouterr().out.splitlines()]
    assert names == [str(dumps / "a.txt"), str(dumps / "b.txt"), str(dumps / "sub" / "c.txt")]
    assert main(["parse", "--format", "jsonl", "--glob", "*.md", str(dumps)]) == 0
    assert [json.loads(line)["file"] for line in capsys.readouterr().out.splitlines()] == [str(dumps / "notes.md")]


def test_quoted_globs_are_expanded(dumps, capsys):
    assert main(["parse", "--format", "jsonl", str(dumps / "*.txt")]) == 0
    names = [json.loads(line)["file"] for line in capsys.readouterr().out.splitlines()]
    assert names == [str(dumps / "a.txt"), str(dumps / "b.txt")]
    assert main(["parse", "--format", "jsonl", str(dumps / "**" / "c.txt")]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_inputs_that_name_nothing(dumps, tmp_path, capsys):
    assert main(["parse", str(dumps / "*.csv")]) == 1
    assert "no file matches" in one_line_error(capsys.readouterr().err)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["parse", str(empty), str(dumps / "b.txt")]) == 1
    captured = capsys.readouterr()
    assert "no files matching '*.txt'" in one_line_error(captured.err)
    assert "1 comments" in captured.out  # the other input is still parsed


def test_missing_file_and_usage_errors(tmp_path, capsys):
    assert main(["parse", str(tmp_path / "missing.txt")]) == 1
    assert "cannot read" in one_line_error(capsys.readouterr().err)
    assert main(["parse"]) == 2
    assert one_line_error(capsys.readouterr().err) == (
        "threadparse parse: give one or more FILEs, folders or globs, '-' for stdin, or --example"
    )
    with pytest.raises(SystemExit) as exc:
        main(["parse", "--dialect", "nope", "x"])
    assert exc.value.code == 2
    assert "plain" in capsys.readouterr().err
    for bad in (["-j", "-1"], ["-j", "two"], ["--captured-at", "yesterday"], ["--encoding", "klingon"],
                ["--format", "yaml"]):
        with pytest.raises(SystemExit) as exc:
            main(["parse", "--example", *bad])
        assert exc.value.code == 2, bad
        assert "Traceback" not in capsys.readouterr().err


def test_stdin(capsys, monkeypatch):
    class FakeStdin:
        buffer = __import__("io").BytesIO(LATIN1_TEXT.encode("latin-1"))

    monkeypatch.setattr(sys, "stdin", FakeStdin)
    assert main(["parse", "-", "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    row = json.loads(captured.out)
    assert row["file"] == "-" and row["thread"]["length"] == len(LATIN1_TEXT)
    assert "- is not UTF-8; read it as cp1252" in one_line_error(captured.err)
    FakeStdin.buffer = __import__("io").BytesIO(b"odd")
    assert main(["parse", "-", "--encoding", "utf-16"]) == 1
    assert "standard input is not valid utf-16" in one_line_error(capsys.readouterr().err)


def test_jobs_give_the_same_bytes(dumps, tmp_path):
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.json"
        assert main(["parse", "--format", "json", "-j", jobs, "--example", str(dumps), "-o", str(out)]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_three_hundred_dumps_with_two_jobs(tmp_path, capsys):
    """Issue #10's batch: a folder of 300 dumps, -j 2, a progress bar, one
    JSONL row per dump in input order."""
    folder = tmp_path / "dumps"
    folder.mkdir()
    for i in range(300):
        (folder / f"{i:03d}.txt").write_text(
            f"Post by ana_r » Tue Mar 04, 2025 9:{i % 60:02d} am\nDump {i}, first post.\n"
            f"Post by bo » Tue Mar 04, 2025 10:{i % 60:02d} am\n@ana_r a reply in dump {i}.\n",
            encoding="utf-8",
        )
    assert main(["parse", str(folder), "-j", "2", "--progress", "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [Path(r["file"]).name for r in rows] == [f"{i:03d}.txt" for i in range(300)]
    assert all(r["thread"]["comments"][1]["parent_id"] == "c1" for r in rows)
    assert "300/300" in captured.err


def test_a_folder_with_jobs_and_a_progress_bar(tmp_path, capsys):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(30):
        (folder / f"{i:03d}.txt").write_text(f"Comment {i} here.\n\nHi Ann, a reply {i}.\n", encoding="utf-8")
    assert main(["parse", str(folder), "-j", "2", "--progress", "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 30
    assert "30/30" in captured.err and "100%" in captured.err  # tqdm's bar, on stderr
    assert main(["parse", str(folder), "-j", "2", "--format", "jsonl"]) == 0
    assert capsys.readouterr().err == ""  # no bar when stderr is not a terminal


# --- encodings and binary files ------------------------------------------------------


def test_latin1_is_detected_with_a_warning(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes(LATIN1_TEXT.encode("latin-1"))
    assert main(["parse", "--format", "jsonl", str(path)]) == 0
    captured = capsys.readouterr()
    warning = one_line_error(captured.err)
    assert "not UTF-8" in warning and "cp1252" in warning and "--encoding" in warning
    thread = ParsedFile.model_validate_json(captured.out).thread
    assert thread.comments[0].blocks[0].text.startswith("Bonjour à tous")
    assert main(["parse", "--format", "jsonl", "--encoding", "latin-1", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and ParsedFile.model_validate_json(captured.out).thread == thread


def test_wrong_encoding_is_a_one_line_error(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes(LATIN1_TEXT.encode("latin-1"))
    assert main(["parse", "--encoding", "utf-8", str(path)]) == 1
    assert "is not valid utf-8" in one_line_error(capsys.readouterr().err)


def test_utf16_with_bom_is_read(tmp_path, capsys):
    path = tmp_path / "utf16.txt"
    path.write_bytes("Hello there, a dump in UTF-16.\n".encode("utf-16"))
    assert main(["parse", "--format", "jsonl", str(path)]) == 0
    captured = capsys.readouterr()
    assert "utf_16" in captured.err
    assert ParsedFile.model_validate_json(captured.out).thread.length == 31


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    b"some text\x00with a NUL byte\n",
    bytes(range(256)) * 16,
], ids=["png", "nul-in-utf8", "all-bytes"])
def test_binary_files_are_refused(tmp_path, capsys, data):
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    assert main(["parse", str(path)]) == 1
    captured = capsys.readouterr()
    assert "is binary" in one_line_error(captured.err) and captured.out == ""


# --- -o is atomic --------------------------------------------------------------------


def test_output_file_is_replaced_atomically(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("precious", encoding="utf-8")
    assert main(["parse", "--example", "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))[0]["thread"]["dialect"]["name"] == "plain"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary file left


def test_output_file_untouched_when_every_input_fails(tmp_path, capsys):
    out = tmp_path / "keep.json"
    out.write_text("precious", encoding="utf-8")
    assert main(["parse", "--format", "json", str(tmp_path / "missing.txt"), "-o", str(out)]) == 1
    assert "left unchanged" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.json"]


def test_output_file_untouched_on_usage_error(tmp_path):
    out = tmp_path / "keep.txt"
    out.write_text("precious", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["parse", "--dialect", "nope", "x", "-o", str(out)])
    assert out.read_text(encoding="utf-8") == "precious"


def test_new_output_file_gets_the_usual_mode(tmp_path):
    out = tmp_path / "new.txt"
    assert main(["parse", "--example", "-o", str(out)]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_unwritable_output_is_exit_3(tmp_path, capsys):
    assert main(["parse", "--example", "-o", str(tmp_path / "no" / "such" / "dir" / "out.txt")]) == 3
    assert "cannot write" in one_line_error(capsys.readouterr().err)
    assert main(["parse", "--example", "-o", str(tmp_path)]) == 3
    assert "is a folder" in one_line_error(capsys.readouterr().err)


# --- never a traceback -----------------------------------------------------------------


def test_a_parser_bug_is_one_line_and_exit_4(dumps, capsys, monkeypatch):
    def boom(text, **kwargs):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(threadparse, "parse", boom)
    assert main(["parse", str(dumps / "b.txt")]) == 4
    assert "internal error while parsing" in one_line_error(capsys.readouterr().err)


def test_unexpected_errors_are_one_line(capsys, monkeypatch):
    def boom(args):
        raise RuntimeError("simulated")

    monkeypatch.setattr(cli, "_cmd_dialects", boom)
    monkeypatch.setattr(cli, "build_parser", _parser_with(dialects=boom))
    assert main(["dialects"]) == 4
    assert "internal error: RuntimeError: simulated" in one_line_error(capsys.readouterr().err)


def _parser_with(dialects):
    original = cli.build_parser

    def build():
        parser = original()
        parser._subparsers._group_actions[0].choices["dialects"].set_defaults(func=dialects)
        return parser

    return build


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_any_stdout_encoding(encoding):
    text = run_cli("parse", "--example", env={"PYTHONIOENCODING": encoding})
    assert text.returncode == 0, text.stderr
    assert b"\\u2014 Pia" in text.stdout or b"\\u2026" in text.stdout  # escaped, not a crash
    as_json = run_cli("parse", "--example", "--format", "json", env={"PYTHONIOENCODING": encoding})
    assert as_json.returncode == 0 and max(as_json.stdout) < 128  # \uXXXX escapes
    utf8 = run_cli("parse", "--example", "--format", "json", env={"PYTHONIOENCODING": "utf-8"})
    assert json.loads(as_json.stdout) == json.loads(utf8.stdout)


def test_ctrl_c_exits_130_without_traceback(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("a\n" * 300_000, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "threadparse", "parse", "-j", "2", "--progress", str(big), str(big), str(big)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True,
    )
    first = os.read(proc.stderr.fileno(), 200)  # the progress bar: the workers are parsing
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole group
    _, rest = proc.communicate(timeout=60)
    err = (first + rest).decode()
    assert proc.returncode == 130
    assert "Traceback" not in err and err.rstrip().endswith("\nthreadparse: interrupted")


def test_json_bytes_do_not_depend_on_the_hash_seed(dumps):
    realpages = REPO.parent / "shared" / "realpages"
    inputs = [str(dumps)] + ([str(realpages)] if realpages.is_dir() else [])
    outputs = {
        run_cli("parse", "--format", "jsonl", "--example", *inputs, env={"PYTHONHASHSEED": seed}).stdout
        for seed in ("0", "1", "4242")
    }
    assert len(outputs) == 1 and next(iter(outputs))


def test_json_of_a_grammar_render_does_not_depend_on_the_hash_seed(tmp_path):
    # A forum page that a dialect reads in part, where the induced headers'
    # usual line shapes tie: the kept headers once hung on a set's order.
    corpus = REPO.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"the corpus is not at {corpus}: clone the repo beside ../shared to run this test")
    from threadparse.grammar import sample_grammar

    case = sample_grammar(corpus, n=2, seed=14, styles=[4423])[1]
    dump = tmp_path / "render.txt"
    dump.write_text(case.text, encoding="utf-8")
    outputs = {
        run_cli("parse", "--format", "jsonl", str(dump), env={"PYTHONHASHSEED": seed}).stdout
        for seed in ("0", "1", "6", "7")
    }
    assert len(outputs) == 1 and next(iter(outputs))


# --- captured-at --------------------------------------------------------------------


def test_captured_at(capsys):
    if "captured_at" in ParseConfig.model_fields:
        assert main(["parse", "--example", "--captured-at", "2024-05-01T12:00:00"]) == 0
    else:
        assert main(["parse", "--example", "--captured-at", "2024-05-01T12:00:00"]) == 2
        assert "captured_at" in one_line_error(capsys.readouterr().err)


def test_captured_at_reaches_the_parser(monkeypatch):
    from datetime import datetime
    from typing import Optional

    from threadparse import batch

    class Config(ParseConfig):
        """ParseConfig as the exports branch extends it."""

        captured_at: Optional[datetime] = None

        def replace(self, **changes):
            return Config(**{**self.model_dump(), **changes})

    monkeypatch.setattr(cli, "ParseConfig", Config)
    args = cli.build_parser().parse_args(["parse", "--captured-at", "2024-05-01T12:00:00"])
    config = cli._parse_kwargs(args)["config"]
    assert config.captured_at.isoformat() == "2024-05-01T12:00:00+00:00"
    monkeypatch.setattr(batch, "ParseConfig", Config)
    path = Path(threadparse.__file__).parent / "examples" / "forum_dump.txt"
    from_mtime = batch._with_capture_time(path, None)
    assert from_mtime.captured_at.timestamp() == pytest.approx(path.stat().st_mtime)
    assert batch._with_capture_time(path, config) is config  # an explicit time wins


# --- markdown and export ------------------------------------------------------------------


@pytest.fixture
def stand_in_exports(monkeypatch):
    """The exporters' interface, recorded (threadparse.export may not have them yet)."""
    from threadparse import export

    calls: dict = {}

    def write_convokit(items, out_dir):
        calls["convokit"] = (list(items), Path(out_dir))
        (Path(out_dir) / "utterances.jsonl").write_text("{}\n", encoding="utf-8")
        return Path(out_dir)

    def write_parquet(items, path, *, table="comments"):
        calls["parquet"] = (list(items), Path(path))
        Path(path).write_bytes(b"PAR1")
        return Path(path)

    def hf_records(items):
        calls["hf"] = list(items)
        for name, thread, _text in items:
            yield {"dump": name, "comments": len(thread.comments)}

    def to_markdown(thread, text):
        return f"# {len(thread.comments)} comments, {len(text)} chars\n"

    for fn in (write_convokit, write_parquet, hf_records, to_markdown):
        monkeypatch.setattr(export, fn.__name__, fn, raising=False)
    return calls


def test_markdown_format(dumps, capsys, stand_in_exports):
    assert main(["parse", "--format", "markdown", str(dumps / "a.txt"), str(dumps / "b.txt")]) == 0
    assert capsys.readouterr().out == f"# 3 comments, {len(EXAMPLE)} chars\n\n# 1 comments, 23 chars\n"


def test_export_targets(dumps, tmp_path, capsys, stand_in_exports):
    corpus = tmp_path / "corpus"
    assert main(["export", str(dumps), "--to", "convokit", "-o", str(corpus)]) == 0
    items, out_dir = stand_in_exports["convokit"]
    assert [name for name, _, _ in items] == [str(dumps / "a.txt"), str(dumps / "b.txt"), str(dumps / "sub" / "c.txt")]
    assert items[0][2] == EXAMPLE and items[0][1] == threadparse.parse(EXAMPLE)
    assert out_dir != corpus and (corpus / "utterances.jsonl").exists()  # written aside, then renamed
    assert main(["export", str(dumps), "--to", "convokit", "-o", str(corpus)]) == 2
    assert "not an empty folder" in one_line_error(capsys.readouterr().err)

    parquet = tmp_path / "t.parquet"
    parquet.write_bytes(b"old")
    assert main(["export", str(dumps), "--to", "parquet", "-o", str(parquet)]) == 0
    assert parquet.read_bytes() == b"PAR1"

    hf = tmp_path / "hf.jsonl"
    assert main(["export", str(dumps / "a.txt"), "--to", "hf", "-o", str(hf)]) == 0
    assert json.loads(hf.read_text(encoding="utf-8")) == {"dump": str(dumps / "a.txt"), "comments": 3}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "dumps", "hf.jsonl", "t.parquet"]


def test_export_graphml(dumps, tmp_path, monkeypatch):
    nx = pytest.importorskip("networkx")
    from threadparse import export

    def to_networkx(thread, *, quotes=True):
        g = nx.DiGraph()
        g.add_nodes_from((c.id, {"speaker": c.speaker.id}) for c in thread.comments)
        g.add_edges_from((c.id, c.parent_id) for c in thread.comments if c.parent_id)
        return g

    monkeypatch.setattr(export, "to_networkx", to_networkx)
    out = tmp_path / "g.graphml"
    assert main(["export", str(dumps / "a.txt"), str(dumps / "b.txt"), "--to", "graphml", "-o", str(out)]) == 0
    graph = nx.read_graphml(out)
    assert graph.number_of_nodes() == 4 and f"{dumps / 'a.txt'}:c2" in graph


def test_export_errors(dumps, tmp_path, capsys, monkeypatch, stand_in_exports):
    from threadparse import export

    monkeypatch.delattr(export, "write_parquet", raising=False)
    assert main(["export", str(dumps), "--to", "parquet", "-o", str(tmp_path / "x.parquet")]) == 2
    assert "no export.write_parquet" in one_line_error(capsys.readouterr().err)

    def needs_pyarrow(items, path, *, table="comments"):
        raise ModuleNotFoundError("No module named 'pyarrow'", name="pyarrow")

    monkeypatch.setattr(export, "write_parquet", needs_pyarrow, raising=False)
    assert main(["export", str(dumps), "--to", "parquet", "-o", str(tmp_path / "x.parquet")]) == 2
    assert "pip install pyarrow" in one_line_error(capsys.readouterr().err)
    assert not list(tmp_path.glob("*.parquet*")) and not list(tmp_path.glob(".x.parquet*"))

    assert main(["export", str(dumps), "--to", "parquet", "-o", str(tmp_path / "no" / "x.parquet")]) == 3
    assert "cannot write" in one_line_error(capsys.readouterr().err)
    assert main(["export", str(tmp_path / "missing.txt"), "--to", "hf", "-o", str(tmp_path / "hf.jsonl")]) == 1
    assert "nothing written" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["export", str(dumps), "--to", "excel", "-o", "x"])
    assert exc.value.code == 2


def test_export_for_real(dumps, tmp_path):
    from threadparse import export

    if not hasattr(export, "write_parquet"):
        pytest.skip("threadparse.export.write_parquet is not there yet (exports branch)")
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "t.parquet"
    assert main(["export", str(dumps), "--to", "parquet", "-o", str(out)]) == 0
    assert len(pd.read_parquet(out)) == 5


# --- schema, dialects, eval, render --------------------------------------------------------


def test_dialects_command(capsys):
    assert main(["dialects"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert "plain" in names and names == sorted(names)


def test_schema_to_a_file(tmp_path):
    out = tmp_path / "schema.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "ParsedFile"


@pytest.mark.skipif(shutil.which("threadparse") is None, reason="console script not installed")
def test_console_script_reads_stdin():
    proc = subprocess.run(
        ["threadparse", "parse", "-", "--format", "jsonl"],
        input=EXAMPLE.encode("utf-8"), capture_output=True, check=True,
    )
    assert json.loads(proc.stdout)["thread"]["length"] == len(EXAMPLE)


@pytest.mark.parametrize("module", ["threadparse", "threadparse.cli"])
def test_module_entry_point(module):
    proc = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(SRC)})
    assert proc.returncode == 0 and threadparse.__version__ in proc.stdout


def _gold_pair(folder: Path, gold: str) -> tuple[Path, Path]:
    folder.mkdir(exist_ok=True)
    dump = folder / "d.txt"
    dump.write_text("Just one comment.\n", encoding="utf-8")
    gold_path = folder / "d.gold.json"
    gold_path.write_text(gold, encoding="utf-8")
    return dump, gold_path


@pytest.mark.parametrize("gold, message", [
    ("", "is empty"),
    ("{not json", "not valid JSON"),
    ("[]", "holds a JSON list"),
    ('{"schema": "other/1"}', "schema is 'other/1'"),
    ('{"schema": "threadparse-gold/1", "comments": []}', "no list 'duplicates'"),
], ids=["empty", "invalid", "list", "schema", "keys"])
def test_eval_bad_gold_files(tmp_path, capsys, gold, message):
    dump, gold_path = _gold_pair(tmp_path / "g", gold)
    assert main(["eval", str(dump), str(gold_path)]) == 1
    assert message in one_line_error(capsys.readouterr().err)
    assert main(["eval", str(tmp_path / "g")]) == 1
    assert message in one_line_error(capsys.readouterr().err)


def test_eval_gold_of_another_dump(tmp_path, capsys):
    gold = {"schema": "threadparse-gold/1", "length": 5, "comments": [], "duplicates": [], "chrome": []}
    dump, gold_path = _gold_pair(tmp_path / "g", json.dumps(gold))
    assert main(["eval", str(dump), str(gold_path)]) == 1
    assert "disagree on the dump's length" in one_line_error(capsys.readouterr().err)


def test_eval_usage_errors(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["eval", "--sample", str(empty)]) == 1
    assert "holds no threads" in one_line_error(capsys.readouterr().err)
    assert main(["eval", "--sample", str(tmp_path / "missing")]) == 1
    assert "does not exist" in one_line_error(capsys.readouterr().err)
    assert main(["eval", str(empty)]) == 2
    assert "no NAME.txt" in one_line_error(capsys.readouterr().err)
    assert main(["eval", str(tmp_path / "nope.txt")]) == 2
    assert "not a directory" in one_line_error(capsys.readouterr().err)
    with pytest.raises(SystemExit) as exc:
        main(["eval"])
    assert exc.value.code == 2


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the real-thread corpus is not at {CORPUS}")
def test_render_then_eval(tmp_path, capsys):
    out = tmp_path / "rendered"
    assert main(["render", str(CORPUS), str(out), "-n", "3"]) == 0
    assert capsys.readouterr().out == f"wrote 3 dumps with gold records to {out}\n"
    assert len(list(out.glob("*.gold.json"))) == 3
    report = tmp_path / "report.json"
    assert main(["eval", str(out), "--json", "-o", str(report)]) == 0
    assert "threadparse" in json.loads(report.read_text(encoding="utf-8"))["systems"]
    assert main(["render", str(tmp_path / "missing"), str(out)]) == 1
    assert "does not exist" in one_line_error(capsys.readouterr().err)
