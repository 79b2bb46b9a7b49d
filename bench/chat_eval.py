#!/usr/bin/env python3
"""Reply links and speakers of the ``chat`` dialect on real annotated IRC logs.

    PYTHONPATH=src python bench/chat_eval.py [DATA_DIR] [--json]

``DATA_DIR`` defaults to ``../shared/realdata/irc_ubuntu_dev`` next to the
repository: ten hour-long #ubuntu logs (``NAME.raw.txt``) with gold reply links
(``NAME.annotation.txt``: lines ``P C -``, 0-based raw line numbers, C answers
P; ``C C -``: C starts a conversation; only lines from 1000 on are annotated),
from Kummerfeld et al., ACL 2019 (CC BY 4.0; never copied into this repository).

Each raw log goes through the whole pipeline (``threadparse.parse``, dialect
detected, not forced). A comment is mapped back to its raw line through its
header span. Reply links are scored as in the paper, over the annotated
*messages* (system lines such as ``=== x has joined`` are left out: the parser
makes them chrome): a predicted link ``(p, c)`` is right when it is in the gold
set of ``c``; a message predicted to start a conversation (``top-level``) is
the link ``(c, c)``. A message can have several gold parents; recall is over
all gold links.

Unknown parents are counted two ways:

- ``abstain``: no prediction (the honest reading: lowers recall, not precision);
- ``as-new``: an unknown parent counted as a predicted conversation start,
  as a system that must link every message would.

The ten logs are split in sorted order: logs 1, 3, 5, 7, 9 tuned the linker's
rules and minutes (``tune``), logs 2, 4, 6, 8, 10 were only measured
(``held-out``). Speaker accuracy is the share of all message lines whose
comment has the nick of the line as its speaker. Time is ``parse`` alone.
"""

from __future__ import annotations

import bisect
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "irc_ubuntu_dev"
ANNOTATED_FROM = 1000
# The raw logs' own format, read independently of the parser to make the gold side.
_GOLD_MESSAGE = re.compile(r"\[\d\d:\d\d\] (?:<(?P<nick>[^>]{1,64})>|\* (?P<actor>\S{1,64}))")


@dataclass
class LogScore:
    name: str
    dialect: str = ""
    messages: int = 0  # annotated message lines
    gold_links: int = 0
    predicted: int = 0
    correct: int = 0
    unknown: int = 0
    unknown_correct_as_new: int = 0  # unknowns whose gold includes the self-link
    speakers: int = 0
    speakers_right: int = 0
    seconds: float = 0.0
    size: int = 0
    methods: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add(self, other: "LogScore") -> None:
        for key in ("messages", "gold_links", "predicted", "correct", "unknown", "unknown_correct_as_new",
                    "speakers", "speakers_right", "seconds", "size"):
            setattr(self, key, getattr(self, key) + getattr(other, key))
        for m, (n, ok) in other.methods.items():
            self.methods[m][0] += n
            self.methods[m][1] += ok

    def prf(self, as_new: bool = False) -> tuple[float, float, float]:
        pred = self.predicted + (self.unknown if as_new else 0)
        ok = self.correct + (self.unknown_correct_as_new if as_new else 0)
        p = ok / pred if pred else 0.0
        r = ok / self.gold_links if self.gold_links else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.speakers if self.speakers else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.size / 1e6 / self.seconds if self.seconds else 0.0


def read_gold(path: Path) -> dict[int, set[int]]:
    gold: dict[int, set[int]] = defaultdict(set)
    for row in path.read_text(encoding="utf-8").splitlines():
        parts = row.split()
        if len(parts) >= 2:
            gold[int(parts[1])].add(int(parts[0]))
    return gold


def score_log(raw_path: Path) -> LogScore:
    import threadparse

    name = raw_path.name[: -len(".raw.txt")]
    text = raw_path.read_text(encoding="utf-8")
    gold = read_gold(raw_path.with_name(name + ".annotation.txt"))
    t0 = time.perf_counter()
    thread = threadparse.parse(text)
    out = LogScore(name, thread.dialect.name, seconds=time.perf_counter() - t0, size=len(text.encode("utf-8")))

    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    raw_lines = text.split("\n")
    line_of = {}  # comment id -> raw line of its header
    by_line = {}
    for c in thread.comments:
        if c.header is None:
            continue
        ln = bisect.bisect_right(starts, c.header.span.start) - 1
        line_of[c.id] = ln
        by_line[ln] = c

    for ln, raw in enumerate(raw_lines):
        g = _GOLD_MESSAGE.match(raw)
        if g is None:
            continue
        c = by_line.get(ln)
        out.speakers += 1
        nick = g.group("nick") or g.group("actor")
        if c is not None and c.speaker.name is not None and c.speaker.name == nick.lstrip("@+"):
            out.speakers_right += 1
        if ln < ANNOTATED_FROM or ln not in gold:
            continue
        out.messages += 1
        out.gold_links += len(gold[ln])
        parent: Optional[int] = None
        method = "unknown"
        if c is not None and c.parent_status == "reply" and c.parent_id in line_of:
            parent, method = line_of[c.parent_id], c.parent_evidence.method
        elif c is not None and c.parent_status == "top-level":
            parent, method = ln, c.parent_evidence.method if c.parent_evidence else "top-level"
        right = parent is not None and parent in gold[ln]
        out.methods[method][0] += 1
        if parent is None:
            out.unknown += 1
            out.unknown_correct_as_new += ln in gold[ln]
            out.methods[method][1] += ln in gold[ln]
            continue
        out.predicted += 1
        out.correct += right
        out.methods[method][1] += right
    return out


def run(data_dir: Path) -> dict[str, list[LogScore]]:
    logs = sorted(data_dir.glob("*.raw.txt"))
    scores = [score_log(p) for p in logs]
    return {"tune": scores[0::2], "held-out": scores[1::2]}


def pooled(scores: list[LogScore], name: str) -> LogScore:
    total = LogScore(name, dialect=",".join(sorted({s.dialect for s in scores})))
    for s in scores:
        total.add(s)
    return total


def _row(s: LogScore) -> str:
    p, r, f = s.prf()
    p2, r2, f2 = s.prf(as_new=True)
    return (f"| {s.name} | {s.dialect} | {s.messages} | {p:.3f} | {r:.3f} | {f:.3f} | {p2:.3f} | {r2:.3f} | "
            f"{f2:.3f} | {s.unknown} | {s.speaker_accuracy:.3f} | {s.mb_per_s:.2f} |")


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    data_dir = Path(args[0]) if args else DEFAULT_DIR
    if not data_dir.is_dir():
        print(f"no chat logs at {data_dir}: pass the folder holding NAME.raw.txt and NAME.annotation.txt")
        return 2
    groups = run(data_dir)
    if "--json" in argv:
        doc = {}
        for group, scores in groups.items():
            for s in scores + [pooled(scores, group)]:
                p, r, f = s.prf()
                p2, r2, f2 = s.prf(as_new=True)
                doc[s.name] = {"group": group, "dialect": s.dialect, "messages": s.messages,
                               "abstain": [p, r, f], "as_new": [p2, r2, f2], "unknown": s.unknown,
                               "speaker_accuracy": s.speaker_accuracy, "mb_per_s": s.mb_per_s}
        print(json.dumps(doc, indent=1))
        return 0
    print("| log | dialect | messages | P | R | F | P as-new | R as-new | F as-new | unknown | speakers | MB/s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    everything = []
    for group, scores in groups.items():
        for s in scores:
            print(_row(s))
        print(_row(pooled(scores, f"**{group} pooled**")))
        everything.extend(scores)
    total = pooled(everything, "**all 10 pooled**")
    print(_row(total))
    print()
    print("Links by method (all logs): method, messages, right, precision")
    for m, (n, ok) in sorted(total.methods.items(), key=lambda kv: -kv[1][0]):
        label = "unknown (right if counted as new)" if m == "unknown" else m
        print(f"  {label}: {n} {ok} {ok / n if n else 0:.3f}")
    seconds = total.seconds
    print(f"\nparse time: {seconds:.2f} s for {total.size / 1e6:.2f} MB, {seconds / (total.size / 1e6):.2f} s/MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
