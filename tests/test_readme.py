"""The README's example prints exactly what the README says it prints."""

from __future__ import annotations

import contextlib
import io
import re

from .conftest import REPO


def test_readme_example_output_is_true():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code, printed = re.search(r"```python\n(.*?)```\n\nThis prints:\n\n```text\n(.*?)```", readme, re.S).groups()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue() == printed


def test_readme_setup_commands_match_ci():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    assert commands == [
        "pip install -e . && threadparse parse --example",
        'pip install -e ".[test]" && python -m pytest',
    ]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()
