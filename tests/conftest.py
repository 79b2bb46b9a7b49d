"""Shared test helpers: where ../shared lives, and the coverage check."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "thread_dump.txt"
CORPUS = SHARED / "corpus"


def read_text(path: Path) -> str:
    """Read a dump keeping its line endings (offsets depend on them)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed dump is not at {SEED}: clone the repo beside ../shared to run this test")
    return read_text(SEED)
