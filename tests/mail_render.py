"""Render corpus mail threads as raw mail (an mbox or plain RFC 822 messages)
with a gold record, to measure the mail dialect on mail it did not draw.

The project's renderer (``threadparse.testing.render(style="mail")``) prints
archive *pages*; this one prints what a mail client or ``git send-email``
writes: ``From:``/``Date:``/``Subject:``/``Message-ID:``/``In-Reply-To:``/
``References:`` blocks built from the corpus' comment ids and parents, names
encoded by :func:`email.utils.formataddr` (RFC 2047 words for non-ASCII),
dates by :func:`email.utils.format_datetime`, in file (chronological) order.
The gold labels of a body (prose, ``>`` quote blocks, ``On … wrote:`` lines,
``--`` signatures, list footers) are the corpus' own (``_parse_body``).

Run it as a script for the figures (``tests/test_dialect_mail.py`` guards
floors under them)::

    cd tests && PYTHONPATH=../src python mail_render.py ../../shared
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.utils import format_datetime, formataddr
from typing import Any, Optional, Sequence

from threadparse import testing
from threadparse.testing import CorpusComment

SEPARATOR = "From mboxrd@z Thu Jan  1 00:00:00 1970"


def _address(author: Optional[str], cid: str) -> str:
    local = "".join(ch for ch in (author or "").lower() if ch.isascii() and ch.isalnum())[:20]
    if not local:
        local = "user" + hashlib.sha1(cid.encode()).hexdigest()[:6]
    return f"{local}@example.org"


def _msgid(cid: str) -> str:
    cid = cid.strip()
    return cid if cid.startswith("<") else f"<{cid}>"


def _date(value: str) -> str:
    return format_datetime(datetime.fromisoformat(value.replace("Z", "+00:00")))


def _content(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def render_mail(comments: Sequence[CorpusComment], *, mbox: bool = True) -> tuple[str, dict[str, Any]]:
    """``(dump text, threadparse-gold/1 record)`` for one corpus thread, its
    messages in the order given. ``mbox``: each message opens with a ``From ``
    line and body lines starting with ``From `` are escaped (mboxrd)."""
    by_id = {c.comment_id: c for c in comments}
    subject = "Thread " + hashlib.sha1(comments[0].thread_id.encode()).hexdigest()[:8]
    out: list[str] = []
    pos = 0
    gold_comments: list[dict[str, Any]] = []
    chrome: list[dict[str, Any]] = []

    def emit(line: str) -> tuple[int, int]:
        nonlocal pos
        start = pos
        out.append(line + "\n")
        pos += len(line) + 1
        return start, start + len(line)

    for c in comments:
        chain: list[str] = []
        p = c.parent_id
        while p is not None and p in by_id and len(chain) < 200:
            chain.append(_msgid(p))
            p = by_id[p].parent_id
        chain.reverse()
        header = []
        if mbox:
            header.append(SEPARATOR)
        header.append("From: " + formataddr((c.author or "", _address(c.author, c.comment_id))))
        header.append("Date: " + _date(c.posted_at))
        header.append("Subject: " + ("Re: " if c.parent_id else "") + subject)
        header.append("Message-ID: " + _msgid(c.comment_id))
        if c.parent_id is not None:
            header.append("In-Reply-To: " + _msgid(c.parent_id))
            header.append("References: " + " ".join(chain))
        header.append("MIME-Version: 1.0")
        header.append("Content-Type: text/plain; charset=utf-8")
        spans = [emit(h) for h in header]
        head = (spans[0][0], spans[-1][1])
        chrome.append({"span": list(head), "kind": "header"})
        emit("")
        body_lines = c.body_text.split("\n")
        starts: list[tuple[int, int]] = []
        for line in body_lines:
            if mbox and line.lstrip(">").startswith("From "):
                line = ">" + line
            starts.append(emit(line))
        emit("")
        gc: dict[str, Any] = {
            "id": c.comment_id, "parent": c.parent_id, "speaker": c.author,
            "header": list(head), "prose": [], "quotes": [],
        }
        sources = {q.block: q.source for q in c.quotes}
        k = 0
        for block in testing._parse_body(c):
            while k < len(body_lines) and not body_lines[k].strip():
                k += 1
            first, last = k, k + len(block.lines) - 1
            assert [ln.lstrip(">") for ln in body_lines[first : last + 1]] == [
                ln.lstrip(">") for ln in block.lines
            ], (c.comment_id, block)
            a, b = starts[first][0], starts[last][1]
            k = last + 1
            if block.kind == "prose":
                gc["prose"].append([a, b])
            elif block.kind == "quote":
                src = sources.get(block.quote)
                gc["quotes"].append({"span": [a, b], "source": src if src in by_id else None})
            else:
                chrome.append({"span": [a, b], "kind": block.kind})
        gold_comments.append(gc)
    text = "".join(out)
    # every span without surrounding whitespace
    for gc in gold_comments:
        gc["prose"] = [list(_content(text, a, b)) for a, b in gc["prose"]]
        gc["prose"] = [s for s in gc["prose"] if s[0] < s[1]]
        for q in gc["quotes"]:
            q["span"] = list(_content(text, *q["span"]))
    for ch in chrome:
        ch["span"] = list(_content(text, *ch["span"]))
    gold = {
        "schema": "threadparse-gold/1",
        "style": "mail",
        "artifacts": ["mbox" if mbox else "rfc822"],
        "source": comments[0].source,
        "thread_id": comments[0].thread_id,
        "length": len(text),
        "comments": gold_comments,
        "duplicates": [],
        "chrome": sorted((ch for ch in chrome if ch["span"][0] < ch["span"][1]), key=lambda ch: ch["span"]),
    }
    return text, gold


def measure(corpus_dir: str, *, mbox: bool = True, sources: Sequence[str] = ("mail_notmuch",)):
    """Render every corpus mail thread and score the parse: ``(pooled
    Score, {thread_id: Score})``."""
    import threadparse
    from threadparse import evaluate

    threads = testing.load_corpus(corpus_dir, sources=list(sources), order="file")
    total = evaluate.Score()
    per: dict[str, Any] = {}
    for tid, comments in threads.items():
        text, gold = render_mail(comments, mbox=mbox)
        thread = threadparse.parse(text)
        sc = evaluate.score(thread, gold, text)
        per[tid] = sc
        total += sc
    return total, per


def show(text: str) -> str:
    """One line per comment of ``text``'s parse: where it starts, its speaker,
    its parent and how that was found (to judge real dumps by eye)."""
    import threadparse

    thread = threadparse.parse(text)
    out = [f"dialect {thread.dialect.name} ({thread.dialect.score:.2f}), {len(thread.comments)} comments"]
    for c in thread.comments:
        start = c.header.span.start if c.header else c.span.start
        method = c.parent_evidence.method if c.parent_evidence else None
        out.append(
            f"  {c.id:4} L{text.count(chr(10), 0, start) + 1:<4} {c.speaker.name!r:32} "
            f"parent={c.parent_id} ({c.parent_status}, {method})"
        )
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover - a measuring script
    import sys
    from pathlib import Path

    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")
    for name in ("rfc822_1.txt", "mbox_1.txt", "mbox_2.txt"):
        path = shared / "realpages" / name
        if path.exists():
            print(f"== {name}: " + show(path.read_text(encoding="utf-8")))
    for mode in (True, False):
        total, per = measure(str(shared / "corpus"), mbox=mode)
        values = {k: (round(v, 4) if v is not None else None) for k, v in total.values().items()}
        print("corpus as", "mbox" if mode else "rfc822", f"({len(per)} threads):", values)
