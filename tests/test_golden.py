"""Golden snapshots of whole outputs for representative dumps.

Regenerate after an intended change with
``THREADPARSE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and
review the diff like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import threadparse

from .conftest import read_text

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
FIXTURES = HERE / "fixtures" / "plain"

CASES = {
    "example": lambda: threadparse.example_text(),
    "mail_gt_quoting": lambda: read_text(FIXTURES / "mail_gt_quoting.txt"),
    "hard_wrapped_recapture": lambda: read_text(FIXTURES / "hard_wrapped_recapture.txt"),
    "discourse_attribution": lambda: read_text(FIXTURES / "discourse_attribution.txt"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name):
    text = CASES[name]()
    got = threadparse.parse(text).model_dump(mode="json")
    path = GOLDEN / f"{name}.json"
    if os.environ.get("THREADPARSE_UPDATE_GOLDEN") == "1" or not path.exists():
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if os.environ.get("THREADPARSE_UPDATE_GOLDEN") != "1":
            pytest.fail(f"wrote missing snapshot {path.name}; review and commit it")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got == expected, f"output for {name} changed; diff against {path}"
