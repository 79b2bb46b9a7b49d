"""Parse invented copies of comment sections in shapes no renderer of ours
draws, and say which come back with the right comments and speakers.

Each shape prints the same invented exchange (four to six comments, names
that recur) the way some site or export might; the probe checks the number
of comments, each comment's speaker and, where the shape prints a tree, the
parent links. It is a probe, not a benchmark: a shape is either read right
or not, and the list includes shapes that are still not read (they say what
to look at next).

    python bench/shape_probe.py            # one row per shape
    python bench/shape_probe.py --failing  # only the shapes read wrong
    PYTHONPATH=<other checkout>/src python bench/shape_probe.py   # compare

All people and text are invented.
"""

from __future__ import annotations

import argparse

from threadparse import parse

BODIES = [
    "I think the bigger question is whether the cache ever gets invalidated at all.",
    "It does, but only on restart. The docs are wrong about that.",
    "That would explain the stale reads we kept seeing.",
    "Has anyone tried the new release candidate?",
    "Yes, same behaviour there.",
    "Restarting nightly is what we ended up doing.",
]
HANDLES = ["maria_k", "tomasz88", "maria_k", "lin_w", "tomasz88", "quietfox"]
NAMES = ["Maria Kowalski", "Tomasz Nowak", "Maria Kowalski", "Lin Wei", "Tomasz Nowak", "Ken Ota"]
CLOCKS = ["10:14", "10:15", "10:16", "10:18", "10:19", "10:20"]


def per_comment(fmt: str, who: list[str] = HANDLES, n: int = 6) -> str:
    """``fmt`` filled for each comment: {h} handle or name, {n} a number from
    2, {k} from 1, {c} a clock, {b} the body, {s} a score."""
    return "".join(
        fmt.format(h=w, n=i + 2, k=i + 1, c=CLOCKS[i], b=b, s=7 + i) for i, (w, b) in enumerate(zip(who[:n], BODIES[:n]))
    )


TREE = (
    "├─ maria_k (2024-03-02 10:14)\n│  " + BODIES[0] + "\n"
    "│  ├─ tomasz88 (2024-03-02 10:20)\n│  │  " + BODIES[1] + "\n"
    "│  │  └─ maria_k (2024-03-02 10:31)\n│  │     " + BODIES[2] + "\n"
    "│  └─ quietfox (2024-03-02 11:02)\n│     " + BODIES[5] + "\n"
    "└─ lin_w (2024-03-02 12:40)\n   " + BODIES[3] + "\n"
    "   └─ tomasz88 (2024-03-02 13:05)\n      " + BODIES[4] + "\n"
)
INDENTED = (
    "maria_k · 14 points · 3 hours ago\n  " + BODIES[0] + "\n\n"
    "    tomasz88 · 6 points · 2 hours ago\n      " + BODIES[1] + "\n\n"
    "        maria_k · 3 points · 2 hours ago\n          " + BODIES[2] + "\n\n"
    "    quietfox · 2 points · 1 hour ago\n      " + BODIES[5] + "\n\n"
    "lin_w · 9 points · 3 hours ago\n  " + BODIES[3] + "\n\n"
    "    tomasz88 · 1 point · 40 minutes ago\n      " + BODIES[4] + "\n"
)
TREE_WHO = ["maria_k", "tomasz88", "maria_k", "quietfox", "lin_w", "tomasz88"]
TREE_PARENTS = [None, "c1", "c2", "c1", None, "c5"]


TITLES = {"Maria Kowalski": "Senior Engineer at Example Co", "Tomasz Nowak": "Platform Lead",
          "Lin Wei": "CTO at Small Startup", "Ken Ota": "Student"}


def _singular(i: int) -> str:
    return "1 point" if i in (1, 4) else f"{i + 3} points"


# name: (text, expected speakers, expected parents or None)
SHAPES: dict[str, tuple[str, list, list | None]] = {
    # forum and comment-section headers
    "name · N points · age": (per_comment("{h} · {s} points · {n} hours ago\n{b}\n\n"), HANDLES, None),
    "singular count (1 point)": (
        "".join(f"{w} · {_singular(i)} · {i + 2} hours ago\n{b}\n\n" for i, (w, b) in enumerate(zip(HANDLES, BODIES))),
        HANDLES, None),
    "indented tree": (INDENTED, TREE_WHO, TREE_PARENTS),
    "box-drawn tree": (TREE, TREE_WHO, TREE_PARENTS),
    "**name** wrote on date:": (per_comment("**{h}** wrote on {n} Mar 2024:\n\n{b}\n\n"), HANDLES, None),
    "*name* wrote on date:": (per_comment("*{h}* wrote on {n} Mar 2024:\n\n{b}\n\n"), HANDLES, None),
    "__name__ — date": (per_comment("__{h}__ — {n} Mar 2024\n\n{b}\n\n"), HANDLES, None),
    "WordPress 'says:'": (per_comment("{h} says:\nMarch {n}, 2024 at 10:14 am\n{b}\nReply\n", NAMES), NAMES, None),
    "YouTube @handle over age": (per_comment("@{h}\n{n} months ago\n{b}\n{s}\nReply\n"), HANDLES, None),
    "Google Groups": (per_comment("{h}\nunread,\nMar {n}, 2024, 10:14:02 AM\nto cache-users\n{b}\n"), HANDLES, None),
    "GitLab name @handle · age": (per_comment("{h} @x{k} · {n} weeks ago\n{b}\n\n", NAMES), NAMES, None),
    "Jira 'added a comment'": (per_comment("{h} added a comment - 0{n}/Mar/24 10:14\n{b}\n\n", NAMES), NAMES, None),
    "Bugzilla": (per_comment("{h} 2024-03-0{n} 10:14:02 UTC\nComment {k}\n{b}\n\n", NAMES), NAMES, None),
    "Launchpad": (per_comment("Someone ({h}) wrote on 2024-03-0{n}: #{k}\n{b}\n\n"), HANDLES, None),
    "Trac": (per_comment("comment:{k} Changed {n} years ago by {h}\n{b}\n\n"), HANDLES, None),
    "GitHub 'commented on'": (per_comment("{h} commented on Mar {n}, 2024\n{b}\n\n"), HANDLES, None),
    "Disqus": (per_comment("{h}\n• {n} years ago\n{b}\n{s}\nReply\n\n", NAMES), NAMES, None),
    "badge (Moderator)": (
        "".join(f"{w}{' (Moderator)' if w == 'tomasz88' else ''} · {i + 2} hours ago\n{b}\n\n"
                for i, (w, b) in enumerate(zip(HANDLES, BODIES))), HANDLES, None),
    "badge [OP]": (
        "".join(f"{w}{' [OP]' if w == 'maria_k' else ''} · {i + 2} hours ago\n{b}\n\n"
                for i, (w, b) in enumerate(zip(HANDLES, BODIES))), HANDLES, None),
    "(edited) flag": (
        "".join(f"{w} · {i + 2} hours ago{' (edited)' if i % 2 else ''}\n{b}\n\n"
                for i, (w, b) in enumerate(zip(HANDLES, BODIES))), HANDLES, None),
    "names without case (林伟)": (
        per_comment("{h} · {n} hours ago\n{b}\n\n", ["Mária Kovács", "Томаш", "Mária Kovács", "林伟", "Томаш", "Ōta Ken"]),
        ["Mária Kovács", "Томаш", "Mária Kovács", "林伟", "Томаш", "Ōta Ken"], None),
    "name line over text": (per_comment("{h}\n{b}\n\n", NAMES), NAMES, None),
    "name line, blank, text": (per_comment("{h}\n\n{b}\n\n", NAMES), NAMES, None),
    "Facebook: Like · Reply · age under text": (per_comment("{h}\n{b}\nLike · Reply · {n}h\n\n", NAMES), NAMES, None),
    "LinkedIn: name • 2nd / title / age": (
        "".join(f"{w} • 2nd\n{TITLES[w]}\n{i + 2}h\n{b}\nLike\nReply\n" for i, (w, b) in enumerate(zip(NAMES, BODIES))),
        NAMES, None),
    "Instagram: name glued to text": (per_comment("{h} {b}\n{n}h {s} likes Reply\n"), HANDLES, None),
    "Mastodon: name / @handle@instance / age": (
        per_comment("{h}\n@x{k}@example.social\n{n}h\n{b}\n\n", NAMES), NAMES, None),
    "#N name": (per_comment("#{k} {h}\n{b}\n\n"), HANDLES, None),
    # chat exports
    "[clock] <nick>": (per_comment("[{c}] <{h}> {b}\n"), HANDLES, None),
    "nick | clock | text": (per_comment("{h} | {c} | {b}\n"), HANDLES, None),
    "nick (clock): text": (per_comment("{h} ({c}): {b}\n"), HANDLES, None),
    "nick [clock]: text": (per_comment("{h} [{c}]: {b}\n"), HANDLES, None),
    "<nick> [clock] text": (per_comment("<{h}> [{c}] {b}\n"), HANDLES, None),
    "nick - clock: text": (per_comment("{h} - {c}: {b}\n"), HANDLES, None),
    "**nick** clock: text": (per_comment("**{h}** {c}: {b}\n"), HANDLES, None),
    "| nick | clock | text | (Markdown table)": (per_comment("| {h} | 2024-03-02 {c} | {b} |\n"), HANDLES, None),
    "Telegram name, [date]": (per_comment("{h}, [02.03.24 {c}]\n{b}\n\n"), HANDLES, None),
    "WhatsApp date, clock - name: text": (per_comment("02/03/2024, {c} - {h}: {b}\n", NAMES), NAMES, None),
    "Matrix name / clock / text": (per_comment("{h}\n{c}\n{b}\n"), HANDLES, None),
    "name: text (no clock)": (per_comment("{h}: {b}\n"), HANDLES, None),
}


def check(text: str, who: list, parents: list | None) -> tuple[bool, str]:
    t = parse(text)
    got = [c.speaker.name if c.speaker else None for c in t.comments]
    if got != who:
        return False, f"{t.dialect.name}: {len(t.comments)} comments, speakers {got}"
    if parents is not None:
        par = [c.parent_id for c in t.comments]
        if par != parents:
            return False, f"{t.dialect.name}: parents {par}"
    return True, t.dialect.name


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--failing", action="store_true", help="list only the shapes read wrong")
    args = ap.parse_args()
    right = 0
    for name, (text, who, parents) in SHAPES.items():
        ok, what = check(text, who, parents)
        right += ok
        if ok and args.failing:
            continue
        print(f"{'ok ' if ok else 'BAD'}  {name:45s} {what}")
    print(f"\n{right} of {len(SHAPES)} shapes read right")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
