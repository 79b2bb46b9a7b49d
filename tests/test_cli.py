"""The command line, run in-process and as a console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

import threadparse
from threadparse.cli import main


def test_parse_example_text(capsys):
    assert main(["parse", "--example"]) == 0
    out = capsys.readouterr().out
    assert "3 comments" in out and "reply to c1 (quote" in out


def test_parse_files_json_and_jsonl(tmp_path, capsys):
    a = tmp_path / "a.txt"
    a.write_text(threadparse.example_text(), encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_bytes(b"caf\xe9 au lait\r\nsecond line\r\n")  # not UTF-8; CRLF kept
    assert main(["parse", "--format", "json", str(a)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == "1" and len(data["comments"]) == 3
    assert main(["parse", "--format", "jsonl", str(a), str(b)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["file"] for line in lines] == [str(a), str(b)]
    second = json.loads(lines[1])
    assert second["length"] == len("caf\ufffd au lait\r\nsecond line\r\n")
    assert main(["parse", "--format", "json", str(a), str(b)]) == 0
    both = json.loads(capsys.readouterr().out)
    assert [x["file"] for x in both] == [str(a), str(b)]


def test_output_file(tmp_path):
    out = tmp_path / "out.json"
    assert main(["parse", "--example", "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["dialect"]["name"] == "plain"


def test_missing_file_and_usage_errors(tmp_path, capsys):
    assert main(["parse", str(tmp_path / "missing.txt")]) == 1
    assert "cannot read" in capsys.readouterr().err
    assert main(["parse"]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["parse", "--dialect", "nope", "x"])
    assert exc.value.code == 2
    assert "plain" in capsys.readouterr().err


def test_dialects_command(capsys):
    assert main(["dialects"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert "plain" in names and names == sorted(names)


@pytest.mark.skipif(shutil.which("threadparse") is None, reason="console script not installed")
def test_console_script_reads_stdin():
    proc = subprocess.run(
        ["threadparse", "parse", "-", "--format", "jsonl"],
        input=threadparse.example_text().encode("utf-8"),
        capture_output=True,
        check=True,
    )
    assert json.loads(proc.stdout)["length"] == len(threadparse.example_text())


@pytest.mark.parametrize("module", ["threadparse", "threadparse.cli"])
def test_module_entry_point(module):
    proc = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and threadparse.__version__ in proc.stdout


def test_json_with_no_readable_input_is_an_empty_array(tmp_path, capsys):
    assert main(["parse", "--format", "json", str(tmp_path / "a"), str(tmp_path / "b")]) == 1
    assert json.loads(capsys.readouterr().out) == []


def test_output_file_untouched_on_usage_error(tmp_path):
    out = tmp_path / "keep.txt"
    out.write_text("precious", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["parse", "--dialect", "nope", "x", "-o", str(out)])
    assert out.read_text(encoding="utf-8") == "precious"
