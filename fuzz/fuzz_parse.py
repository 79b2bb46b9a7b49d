"""Coverage-guided fuzzing of ``threadparse.parse`` with atheris (libFuzzer).

    pip install atheris
    python fuzz/fuzz_parse.py -max_total_time=60 [-dict=fuzz/parse.dict] [CORPUS_DIR ...]

Each input is decoded three ways (UTF-8 with replacement, UTF-16 with
surrogates passed through, and bytes as Latin-1), parsed (half of the time with
a forced dialect chosen by the input's first byte), and checked: the spans
cover the text exactly once (``threadparse.verify``), comment ids, parents and
quote sources point where they should, the JSON text round-trips, and parsing
the same text twice gives the same thread. Any exception or failed check is a
crash that libFuzzer saves as ``crash-*`` for replay
(``python fuzz/fuzz_parse.py crash-FILE``).

Seed inputs: pass folders (e.g. ``tests/fixtures/*`` or ``../shared/realpages``)
as ``CORPUS_DIR``; libFuzzer adds what it finds to the first one, so give it a
scratch copy. ``-max_len`` defaults to 4096 bytes; raise it for slower, deeper
runs. Always bound a run with ``-max_total_time`` or ``-runs``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import threadparse
    from threadparse import Thread

DIALECTS = threadparse.dialects()


def decode(data: bytes) -> str:
    """Turn fuzzer bytes into a str, reaching every kind of str (even lone surrogates)."""
    if not data:
        return ""
    way, body = data[0] % 3, data[1:]
    if way == 0:
        return body.decode("utf-8", errors="replace")
    if way == 1:
        return body.decode("utf-16-le", errors="surrogatepass") if len(body) % 2 == 0 else body.decode("latin-1")
    return body.decode("latin-1")


def check(thread: Thread, text: str) -> None:
    """The invariants every parse must keep."""
    threadparse.verify(thread, text)
    ids = [c.id for c in thread.comments]
    assert ids == [f"c{i + 1}" for i in range(len(ids))], ids
    for position, c in enumerate(thread.comments):
        assert c.parent_id is None or c.parent_id in ids[:position], (c.id, c.parent_id)
        for b in c.blocks:
            assert c.span.start <= b.span.start <= b.span.end <= c.span.end, (c.id, b.span)
            if b.kind == "quote" and b.source is not None:
                assert b.source.comment_id in ids and b.source.span.end <= len(text)
    again = Thread.model_validate_json(thread.model_dump_json())
    assert again.length == thread.length and len(again.comments) == len(thread.comments)


def test_one_input(data: bytes) -> None:
    text = decode(data)
    dialect = None
    if len(data) > 1 and data[1] % 2:
        dialect = DIALECTS[data[1] // 2 % len(DIALECTS)]
    thread = threadparse.parse(text, dialect=dialect)
    check(thread, text)
    assert threadparse.parse(text, dialect=dialect) == thread, "parse is not deterministic"


def main() -> None:
    args = list(sys.argv)
    if not any(a.startswith("-max_len") for a in args):
        args.append("-max_len=4096")
    dictionary = Path(__file__).with_name("parse.dict")
    if dictionary.exists() and not any(a.startswith("-dict") for a in args):
        args.append(f"-dict={dictionary}")
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
