"""The examples in README.md and docs/*.md must keep working.

One test per Markdown file and per kind of check:

- ``test_python_blocks``: every ```` ```python ```` fenced block is executed. The
  blocks of one file run in order, in one namespace (a module of their own), so
  a later block may use what an earlier one defined. A block whose first line is
  ``# not-run`` is not executed. A block whose first line is
  ``# requires: MOD[, MOD...]`` runs only when those modules can be imported
  (for optional tools such as pandas); keep such blocks self-contained, since
  later blocks cannot rely on them. Blocks run in a temporary working
  directory, and dialects a block registers are unregistered afterwards.
- ``test_json_excerpts``: a ```` ```json ```` block directly after a line
  ``<!-- example-json: EXPR -->`` must equal the Python expression ``EXPR``
  evaluated with ``data`` bound to
  ``threadparse.parse(threadparse.example_text()).model_dump(mode="json")``.
- ``test_command_outputs``: a ```` ```text ```` block directly after a line
  ``<!-- output-of: threadparse ARGS -->`` must equal what that command prints
  on stdout (run as ``python -m threadparse.cli ARGS``), and the command must
  exit with status 0.

Two more tests keep reference tables complete: the ParseConfig table in
docs/pipeline.md against ``ParseConfig.model_fields``, and docs/cli.md against
every sub-command and option of the argument parser.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
import types
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

import threadparse
from threadparse import ParseConfig

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DOC_FILES = sorted(
    [p for p in [ROOT / "README.md"] if p.is_file()] + sorted(DOCS.glob("*.md")),
    key=lambda p: p.relative_to(ROOT).as_posix(),
)
IDS = [p.relative_to(ROOT).as_posix() for p in DOC_FILES]
_TEXTS = {p: p.read_text(encoding="utf-8") for p in DOC_FILES}
JSON_FILES = [p for p in DOC_FILES if "<!-- example-json:" in _TEXTS[p]]
OUTPUT_FILES = [p for p in DOC_FILES if "<!-- output-of:" in _TEXTS[p]]


def _ids(paths: list[Path]) -> list[str]:
    return [p.relative_to(ROOT).as_posix() for p in paths]

_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*?)[ \t]*$")
_EXAMPLE_JSON = re.compile(r"^<!--\s*example-json:\s*(?P<expr>.+?)\s*-->$")
_OUTPUT_OF = re.compile(r"^<!--\s*output-of:\s*(?P<cmd>.+?)\s*-->$")


@dataclass
class Block:
    lang: str  # first word of the info string, lower-cased ("" if none)
    code: str  # the content, without the fences
    line: int  # 1-based line number of the first content line
    before: str  # the last non-blank line before the opening fence


def fenced_blocks(markdown: str) -> list[Block]:
    """Fenced code blocks of a CommonMark document (backtick or tilde fences)."""
    lines = markdown.splitlines()
    blocks: list[Block] = []
    before = ""
    i = 0
    while i < len(lines):
        m = _OPEN.match(lines[i])
        if not m or (m["fence"][0] == "`" and "`" in m["info"]):
            if lines[i].strip():
                before = lines[i].strip()
            i += 1
            continue
        indent, fence = len(m["indent"]), m["fence"]
        close = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            text = lines[j]
            strip = len(text) - len(text.lstrip(" "))
            body.append(text[min(indent, strip):])
            j += 1
        info = m["info"].split()
        blocks.append(Block(info[0].lower() if info else "", "\n".join(body) + "\n", i + 2, before))
        before = ""
        i = j + 1
    return blocks


def _first_line(code: str) -> str:
    return code.lstrip("\n").split("\n", 1)[0].strip()


def _missing_modules(code: str) -> list[str]:
    first = _first_line(code)
    if not first.startswith("# requires:"):
        return []
    wanted = [m.strip() for m in first[len("# requires:"):].split(",") if m.strip()]
    return [m for m in wanted if importlib.util.find_spec(m) is None]


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """A scratch working directory, and the dialect registry restored afterwards."""
    registry = importlib.import_module("threadparse.dialects")._REGISTRY
    saved = dict(registry)
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    registry.clear()
    registry.update(saved)


@pytest.mark.parametrize("path", DOC_FILES, ids=IDS)
def test_python_blocks(path: Path, isolated) -> None:
    blocks = [b for b in fenced_blocks(path.read_text(encoding="utf-8")) if b.lang == "python"]
    if not blocks:
        pytest.skip(f"{path.name} has no python blocks")
    name = "docs_example_" + re.sub(r"\W", "_", path.stem)
    module = types.ModuleType(name)
    module.__file__ = str(path)
    sys.modules[name] = module  # dataclasses and pydantic look classes' modules up here
    ran, skipped = 0, []
    try:
        for block in blocks:
            if _first_line(block.code).startswith("# not-run"):
                continue
            missing = _missing_modules(block.code)
            if missing:
                skipped.append(f"line {block.line} (needs {', '.join(missing)})")
                continue
            # Pad so that tracebacks point at the right line of the Markdown file.
            source = "\n" * (block.line - 1) + block.code
            exec(compile(source, str(path), "exec"), module.__dict__)
            ran += 1
    finally:
        sys.modules.pop(name, None)
    if skipped:
        message = f"{path.name}: skipped python block(s) at {'; '.join(skipped)}"
        if not ran:
            pytest.skip(message)
        warnings.warn(message)


@pytest.mark.parametrize("path", JSON_FILES, ids=_ids(JSON_FILES))
def test_json_excerpts(path: Path) -> None:
    blocks = [
        b for b in fenced_blocks(path.read_text(encoding="utf-8"))
        if b.lang == "json" and _EXAMPLE_JSON.match(b.before)
    ]
    assert blocks, f"{path.name}: no ```json block directly after its example-json comment"
    data = threadparse.parse(threadparse.example_text()).model_dump(mode="json")
    for block in blocks:
        expr = _EXAMPLE_JSON.match(block.before)["expr"]
        expected = eval(expr, {"__builtins__": {}, "data": data})  # noqa: S307 - our own docs
        shown = json.loads(block.code)
        assert shown == expected, f"{path.name} line {block.line}: excerpt differs from {expr}"


@pytest.mark.parametrize("path", OUTPUT_FILES, ids=_ids(OUTPUT_FILES))
def test_command_outputs(path: Path, tmp_path) -> None:
    blocks = [
        b for b in fenced_blocks(path.read_text(encoding="utf-8"))
        if b.lang == "text" and _OUTPUT_OF.match(b.before)
    ]
    assert blocks, f"{path.name}: no ```text block directly after its output-of comment"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    for block in blocks:
        argv = shlex.split(_OUTPUT_OF.match(block.before)["cmd"])
        assert argv[0] == "threadparse", f"{path.name} line {block.line}: not a threadparse command"
        proc = subprocess.run(
            [sys.executable, "-m", "threadparse.cli", *argv[1:]],
            capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path,
        )
        assert proc.returncode == 0, f"{' '.join(argv)} exited {proc.returncode}: {proc.stderr}"
        assert proc.stdout.rstrip("\n") == block.code.rstrip("\n"), (
            f"{path.name} line {block.line}: output of {' '.join(argv)} differs:\n{proc.stdout}"
        )


def _table_rows(markdown: str) -> dict[str, list[str]]:
    """Markdown table rows keyed by the first cell with backticks removed."""
    rows = {}
    for line in markdown.splitlines():
        if line.startswith("|") and not set(line) <= set("|-: "):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows[cells[0].strip("`")] = cells
    return rows


def test_config_table_matches_parseconfig() -> None:
    rows = _table_rows((DOCS / "pipeline.md").read_text(encoding="utf-8"))
    for name, field in ParseConfig.model_fields.items():
        assert name in rows, f"ParseConfig.{name} is missing from the table in docs/pipeline.md"
        row = " | ".join(rows[name])
        assert f"`{field.default!r}`" in row or f"`{field.default:_}`" in row, (
            f"docs/pipeline.md gives the wrong default for {name} (code: {field.default!r})"
        )
        assert field.description in row, f"docs/pipeline.md: description of {name} is out of date"


def test_cli_doc_names_every_command_and_option() -> None:
    from threadparse.cli import build_parser

    doc = (DOCS / "cli.md").read_text(encoding="utf-8")
    parser = build_parser()
    missing = []

    def walk(p: argparse.ArgumentParser, prefix: str) -> None:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, sub in action.choices.items():
                    if f"{prefix} {sub_name}" not in doc:
                        missing.append(f"{prefix} {sub_name}")
                    walk(sub, f"{prefix} {sub_name}")
            elif action.option_strings:
                missing.extend(
                    f"{prefix} {o}" for o in action.option_strings
                    if o not in ("-h", "--help")
                    and not re.search(r"(?<![\w-])" + re.escape(o) + r"(?![\w-])", doc)
                )
            elif action.metavar and action.metavar not in doc:
                missing.append(f"{prefix} {action.metavar}")

    walk(parser, "threadparse")
    assert not missing, f"docs/cli.md does not document: {missing}"


def test_fenced_blocks_parser() -> None:
    md = "\n".join([
        "<!-- note -->",
        "```python",
        "x = 1",
        "```",
        "````markdown",
        "```python",
        "not a block of its own",
        "```",
        "````",
        "  ~~~ Python  extra",
        "  y = 2",
        "  ~~~",
    ])
    blocks = fenced_blocks(md)
    assert [(b.lang, b.line, b.before) for b in blocks] == [
        ("python", 3, "<!-- note -->"), ("markdown", 6, ""), ("python", 11, ""),
    ]
    assert blocks[1].code == "```python\nnot a block of its own\n```\n"
    assert blocks[2].code == "y = 2\n"
