"""Tests of the dump renderer in ``threadparse.testing`` (the gold-answer generator).

Corpus-backed tests read real threads from ``../shared/corpus`` beside the repository
and are skipped when it is absent; no corpus text is stored here. The synthetic tests
use invented comments and always run.

What is checked: the gold invariant (spans in range, disjoint, non-blank, covering every
non-whitespace character exactly once) for every style with several artifact sets,
determinism, that quoted text really occurs earlier when its source is rendered, that
every duplicate repeats its comment's text, every per-dump choice of the later site styles
(GreaterWrong, Stack Exchange, Substack, new Reddit, lynx), their header shapes, and the
option/validation errors.
"""

from __future__ import annotations

import bisect
import doctest
import json
import re
import sys
from pathlib import Path

import pytest

try:
    from threadparse import testing as tpt
except ImportError:  # not installed: use the source tree
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from threadparse import testing as tpt

from threadparse.testing import (
    ARTIFACTS,
    STYLES,
    CorpusComment,
    CorpusQuote,
    gold_problems,
    load_corpus,
    render,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"real-thread corpus not found at {CORPUS} (it lives in shared/ beside the repo)",
)

# Small and medium threads from every source, chosen for quotes and depth.
THREAD_IDS = (
    "cf:2144",  # Discourse, Name: attributions, quotes of other comments
    "urho3d:3557",  # Discourse, code blocks inside quotes
    "t3_54hhwl",  # Reddit, code, a duplicated body
    "t3_1mu",  # LessWrong 1.0, deep tree
)
# Mail thread ids are Message-IDs (with addresses); mail threads are picked by size instead.
MAIL_THREAD_SIZES = (7, 98)  # a short discussion with signatures; the long patch series
# Styles added after the first seven, and the per-dump choices each makes from the seed
# (every value of each must render valid gold).
NEW_STYLES = ("greaterwrong", "stackexchange", "substack", "reddit-new", "lesswrong-lynx")
STYLE_CHOICES = {
    "greaterwrong": {"header_lines": (False, True), "quote_marker": (">", "none"),
                     "replies_per_line": (False, True), "alignment_forum": (False, True)},
    "stackexchange": {"posts": (False, True), "trailer": ("lines", "user-date", "inline"),
                      "old_dates": (False, True), "badge_labels": (False, True)},
    "substack": {"shape": ("copy", "markdown"), "avatars": (False, True), "age_same_line": (False, True)},
    "reddit-new": {"design": ("2018", "2023"), "levels": (False, True)},
    "lesswrong-lynx": {"alignment_forum": (False, True)},
}
ARTIFACT_SETS = (
    (),
    ("recapture",),
    ("pagination", "parent-context"),
    ("preview", "typography", "rewrap"),
    ARTIFACTS,
)

_TYPO = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "--",
                       "\u2013": "-", "\u2026": "..."})


def norm(text: str) -> str:
    """Compare texts modulo quote markers, list bullets, typography, case and whitespace."""
    text = re.sub(r"(?m)^[ \t]*(?:>[ \t]?)+", "", text)
    text = re.sub(r"(?m)^[ \t]*[-*] ", "", text)
    return re.sub(r"\s+", "", text.translate(_TYPO)).casefold()


class NormalizedPrefixes:
    """``norm`` of every prefix of ``text`` that ends at a line start, computed once."""

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        self.line_starts, self.ends, parts, pos, total = [], [], [], 0, 0
        for line in lines:
            self.line_starts.append(pos)
            self.ends.append(total)
            piece = norm(line)
            parts.append(piece)
            total += len(piece)
            pos += len(line) + 1
        self.normalized = "".join(parts)

    def occurs_before(self, needle: str, offset: int) -> bool:
        """Whether ``needle`` (normalised) occurs in the lines before the one holding ``offset``."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return self.normalized.find(needle, 0, self.ends[line]) != -1


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[CorpusComment]]:
    if not CORPUS.is_dir():
        pytest.skip(f"real-thread corpus not found at {CORPUS}")
    return load_corpus(CORPUS)


def _mail_thread(corpus: dict[str, list[CorpusComment]], size: int) -> str:
    for thread_id, comments in sorted(corpus.items()):
        if comments[0].source.startswith("mail") and len(comments) == size:
            return thread_id
    raise AssertionError(f"corpus has no mail thread of {size} messages; update MAIL_THREAD_SIZES")


def _threads(corpus: dict[str, list[CorpusComment]]) -> list[tuple[str, list[CorpusComment]]]:
    missing = [t for t in THREAD_IDS if t not in corpus]
    assert not missing, f"corpus no longer has threads {missing}; update THREAD_IDS"
    ids = list(THREAD_IDS) + [_mail_thread(corpus, MAIL_THREAD_SIZES[0])]
    return [(t, corpus[t]) for t in ids]


def _assert_valid(dump: tpt.RenderedDump, label: str) -> None:
    problems = gold_problems(dump.text, dump.gold)
    assert not problems, f"{label}: " + "; ".join(problems[:5])


# --------------------------------------------------------------------------- corpus-backed


@needs_corpus
def test_corpus_loads_depth_first_with_quotes(corpus):
    assert len(corpus) >= 90
    total_quotes = 0
    for thread_id, comments in corpus.items():
        seen: set[str] = set()
        for c in comments:
            assert c.thread_id == thread_id
            assert c.parent_id is None or c.parent_id in seen, "parent must precede child"
            seen.add(c.comment_id)
            total_quotes += len(c.quotes)
        # depth-first: each comment's parent is the previous comment or one of its ancestors
        stack: list[str] = []
        for c in comments:
            while stack and stack[-1] != c.parent_id:
                stack.pop()
            assert (c.parent_id is None) == (not stack), f"{c.comment_id} breaks depth-first order"
            stack.append(c.comment_id)
    assert total_quotes > 1000


@needs_corpus
@pytest.mark.parametrize("style", STYLES)
def test_gold_invariant_every_style_and_artifacts(corpus, style):
    for thread_id, comments in _threads(corpus):
        for i, artifacts in enumerate(ARTIFACT_SETS):
            dump = render(comments, style=style, artifacts=artifacts, seed=i)
            _assert_valid(dump, f"{style} {artifacts} {thread_id}")
            gold = dump.gold
            assert gold["style"] == style and gold["thread_id"] == thread_id
            assert set(artifacts) <= set(gold["artifacts"])
            json.loads(json.dumps(gold))  # JSON-serialisable
            ids = [c["id"] for c in gold["comments"]]
            assert len(ids) == len(set(ids))
            rendered_before: set[str] = set()
            for c in gold["comments"]:
                assert c["parent"] is None or c["parent"] in rendered_before
                rendered_before.add(c["id"])
                if style != "stripped":
                    assert c["header"] is not None, f"{style}: comment {c['id']} has no header"
                    if c["speaker"]:
                        head = dump.text[c["header"][0] : c["header"][1]]
                        assert c["speaker"] in head
            if "recapture" in gold["artifacts"] or "pagination" in gold["artifacts"]:
                assert gold["duplicates"], f"{style} {artifacts}: no duplicates recorded"


@needs_corpus
@pytest.mark.parametrize("style", STYLES)
def test_render_is_deterministic(corpus, style):
    comments = corpus["cf:2144"]
    a = render(comments, style=style, artifacts=ARTIFACTS, seed=11)
    b = render(comments, style=style, artifacts=ARTIFACTS, seed=11)
    assert a.text == b.text and a.gold == b.gold
    others = {render(comments, style=style, artifacts=ARTIFACTS, seed=s).text for s in (12, 13, 14)}
    assert len(others | {a.text}) > 1, "the seed should change the rendering"


@needs_corpus
@pytest.mark.parametrize("style", STYLES)
def test_quotes_occur_earlier_when_source_rendered(corpus, style):
    """A quote whose source is rendered before it repeats text printed earlier.

    The corpus matched quotes to sources with a normalised (partly fuzzy) match, and
    quoters elide (``…``, ``[…]``) or retype code, so a sentence or line of the quote
    must be found; a few corpus matches are not verbatim at all, hence the threshold.
    """
    checked, failures = 0, []
    for thread_id in ("cf:2144", "cf:2108", "urho3d:6605", "urho3d:3482",
                      _mail_thread(corpus, MAIL_THREAD_SIZES[1]), "t3_fo7p5b"):
        dump = render(corpus[thread_id], style=style, seed=5)
        prefixes = NormalizedPrefixes(dump.text)
        for c in dump.gold["comments"]:
            for q in c["quotes"]:
                if q["source"] is None:
                    assert q["earlier"] is False
                    continue
                if not q["earlier"]:
                    continue
                s, e = q["span"]
                quote = dump.text[s:e]
                pieces = [norm(p) for p in re.split(r"\n|(?<=[.!?:])\s", quote)]
                pieces = [p for p in pieces if len(p) >= 12] or [norm(quote)]
                checked += 1
                if not any(prefixes.occurs_before(p, s) for p in pieces):
                    failures.append((thread_id, c["id"], q["source"], quote[:80]))
    assert checked >= 150
    assert len(failures) <= 0.05 * checked, failures[:10]


@needs_corpus
def test_duplicates_repeat_their_comment(corpus):
    for thread_id, comments in _threads(corpus):
        for style in ("stripped", "reddit-old", "mail") + NEW_STYLES:
            dump = render(comments, style=style, artifacts=ARTIFACTS, seed=3)
            # A comment's printed body: its prose and quotes plus the in-body chrome
            # around them (a repeated copy keeps attributions and signatures in its span).
            attributions = sorted(ch["span"] for ch in dump.gold["chrome"] if ch["kind"] == "attribution")
            trailers = sorted(ch["span"] for ch in dump.gold["chrome"] if ch["kind"] in ("signature", "meta"))
            regions, first_span = {}, {}
            for c in dump.gold["comments"]:
                spans = c["prose"] + [q["span"] for q in c["quotes"]]
                if spans:
                    start, end = min(s for s, _ in spans), max(e for _, e in spans)
                    for a_start, a_end in reversed(attributions):
                        if a_end <= start and not dump.text[a_end:start].strip():
                            start = a_start
                    for t_start, t_end in trailers:
                        if t_start >= end and not dump.text[end:t_start].strip():
                            end = t_end
                    regions[c["id"]] = norm(dump.text[start:end])
                    first_span[c["id"]] = start
            assert dump.gold["duplicates"]
            for d in dump.gold["duplicates"]:
                s, e = d["span"]
                text, region = dump.text[s:e], regions[d["of"]]
                where = f"{style} {thread_id}: duplicate of {d['of']} at {s}"
                if e <= first_span[d["of"]]:  # a preview: the start of the comment, cut
                    assert text.endswith("...") and norm(text[:-3])[:40] in region, where
                    continue
                # Each line of the copy (quotes may be dropped, lines rewrapped) in order.
                pos = 0
                for line in filter(None, map(str.strip, text.split("\n"))):
                    if style in ONE_LINE_STYLES:
                        pos = _runs_in_order(line.split(), region, pos)
                        assert pos != -1, f"{where}: {norm(line)[:60]!r}"
                        continue
                    found = region.find(norm(line), pos)
                    assert found != -1, f"{where}: {norm(line)[:60]!r}"
                    pos = found + len(norm(line))


# Styles that print a comment's paragraphs and quotes on one line: a copy that drops
# the quotes joins the text around them.
ONE_LINE_STYLES = ("stackexchange",)


def _runs_in_order(words: list[str], region: str, pos: int) -> int:
    """Find ``words`` in ``region`` from ``pos`` as consecutive runs, in order, each
    run as long as possible; return where the last run ends, or -1."""
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            chunk = norm(" ".join(words[i:j]))
            found = region.find(chunk, pos)
            if found != -1:
                pos, i = found + len(chunk), j
                break
        else:
            return -1
    return pos


@needs_corpus
@pytest.mark.parametrize("style", NEW_STYLES)
def test_new_styles_every_choice_renders_valid_gold(corpus, style):
    """Each value of each per-dump choice, with every artifact, on a Discourse and a deep Reddit-like thread."""
    seen: dict[str, set] = {k: set() for k in STYLE_CHOICES[style]}
    for thread_id in ("cf:2144", "t3_1mu"):
        for seed in range(40):
            dump = render(corpus[thread_id], style=style, artifacts=ARTIFACTS, seed=seed, window=(0, 30))
            _assert_valid(dump, f"{style} seed {seed} {thread_id} {dump.gold['options']}")
            for key in seen:
                if key in dump.gold["options"]:
                    seen[key].add(dump.gold["options"][key])
    for key, values in STYLE_CHOICES[style].items():
        assert seen[key] == set(values), f"{style}: {key} took only {seen[key]}"


@needs_corpus
def test_window_nulls_parents_and_sources_outside(corpus):
    comments = corpus["cf:2108"]
    dump = render(comments, style="discourse", window=(10, 40), seed=2)
    _assert_valid(dump, "window")
    inside = {c.comment_id for c in comments[10:40]}
    assert {c["id"] for c in dump.gold["comments"]} == inside
    by_id = {c.comment_id: c for c in comments}
    for c in dump.gold["comments"]:
        true_parent = by_id[c["id"]].parent_id
        assert c["parent"] == (true_parent if true_parent in inside else None)
        for q in c["quotes"]:
            assert q["source"] is None or q["source"] in inside


@needs_corpus
def test_stripped_layouts(corpus):
    comments = corpus["t3_54hhwl"]
    newline = render(comments, style="stripped", layout="newline")
    blank = render(comments, style="stripped", layout="blank")
    assert "\n\n" not in newline.text
    assert blank.text.count("\n\n") == len(blank.gold["comments"]) - 1
    assert newline.gold["options"]["layout"] == "newline"


# --------------------------------------------------------------------------- synthetic


def _demo_thread() -> list[CorpusComment]:
    """An invented three-comment thread with a quote, a nested reply and a long body."""
    long_text = " ".join(["This sentence is filler written for the renderer tests \u2014 \u201cquoted\u201d."] * 8)
    return [
        CorpusComment("demo", "t", "c1", None, "ann", "2024-03-01T10:00:00Z",
                      "Opening claim here.\n\nA second paragraph with detail."),
        CorpusComment("demo", "t", "c2", "c1", "bob", "2024-03-01T11:30:00Z",
                      "> A second paragraph with detail.\n\nI am not sure that holds.",
                      quotes=(CorpusQuote(0, "A second paragraph with detail.", "c1", "own_text"),)),
        CorpusComment("demo", "t", "c3", "c2", "cyd", "2024-03-02T08:00:00Z", long_text),
    ]


@pytest.mark.parametrize("style", STYLES)
def test_synthetic_thread_every_style(style):
    thread = _demo_thread()
    for artifacts in ARTIFACT_SETS:
        dump = render(thread, style=style, artifacts=artifacts, seed=1)
        _assert_valid(dump, f"{style} {artifacts}")
        gold = dump.gold
        assert [c["id"] for c in gold["comments"]] == ["c1", "c2", "c3"]
        assert [c["parent"] for c in gold["comments"]] == [None, "c1", "c2"]
        quote = gold["comments"][1]["quotes"][0]
        assert quote["source"] == "c1" and quote["earlier"] is True
        assert "A second paragraph with detail." in dump.text[quote["span"][0] : quote["span"][1]]


def test_stripped_drops_markers_and_recapture_drops_quotes():
    dump = render(_demo_thread(), style="stripped", artifacts=["recapture"], layout="blank", seed=4)
    assert ">" not in dump.text
    second = dump.text.split("\n\n", 3)[3]
    assert "I am not sure that holds." in second
    assert second.count("A second paragraph with detail.") == 1  # from c1 only, c2's quote dropped
    assert {d["of"] for d in dump.gold["duplicates"]} == {"c1", "c2", "c3"}


def test_typography_and_rewrap_change_only_repeated_copies():
    dump = render(_demo_thread(), style="stripped", artifacts=["typography", "rewrap"], seed=2)
    assert "recapture" in dump.gold["artifacts"]  # implied: they need a repeated copy
    c3 = dump.gold["comments"][2]
    first = dump.text[c3["prose"][0][0] : c3["prose"][0][1]]
    assert "\u2014" in first and "\u201c" in first and "\n" not in first
    (dup,) = [d for d in dump.gold["duplicates"] if d["of"] == "c3"]
    again = dump.text[dup["span"][0] : dup["span"][1]]
    assert "\u2014" not in again and "--" in again and '"quoted"' in again
    assert max(len(line) for line in again.split("\n")) <= 72


def test_preview_precedes_full_text():
    dump = render(_demo_thread(), style="hackernews", artifacts=["preview"], seed=0)
    (preview,) = dump.gold["duplicates"]
    assert preview["of"] == "c3"
    c3 = dump.gold["comments"][2]
    assert preview["span"][1] < c3["prose"][0][0]
    text = dump.text[preview["span"][0] : preview["span"][1]]
    assert text.endswith("...") and len(text) <= 103


def test_headers_follow_the_formats():
    thread = _demo_thread()
    reddit = render(thread, style="reddit-old", seed=0).text
    assert re.search(r"^\[\u2013\]bob (-?\d+) points?(-?\d+) points?(-?\d+) points? .* ago", reddit, re.M)
    hn = render(thread, style="hackernews", seed=0).text
    assert re.search(r"^cyd .* ago \| root \| parent \[\u2013\]$", hn, re.M)
    discourse = render(thread, style="discourse", seed=0).text
    assert "March 1, 2024, 10:00am" in discourse and "ann:" in discourse
    lw = render(thread, style="lesswrong-copy", seed=0).text
    assert re.search(r"^\[-\]\n?ann\d+(?:m|h|d|mo|y)\*?(?:\u03a9\d+)?-?\d+-?\d+$", lw, re.M)
    md = render(thread, style="lesswrong-markdown", seed=0).text
    assert re.search(r"^\[-\]\[bob\]\(/users/bob\)\[\w+\]\(/posts/\w+/[\w-]+\?commentId=\w+\)", md, re.M)
    mail = render(thread, style="mail", seed=0).text
    assert re.search(r"^On .+, ann wrote:$", mail, re.M) and "Messages sorted by:" in mail


def _render_with(thread, style: str, want: dict, **kwargs) -> tpt.RenderedDump:
    """The first seed whose per-dump choices include ``want``."""
    for seed in range(200):
        dump = render(thread, style=style, seed=seed, **kwargs)
        if all(dump.gold["options"].get(k) == v for k, v in want.items()):
            return dump
    raise AssertionError(f"no seed below 200 gives {style} {want}")


def test_new_style_headers_follow_the_formats():
    thread = _demo_thread()
    gw = _render_with(thread, "greaterwrong", {"header_lines": False, "alignment_forum": False})
    assert re.search(r"^bob  1 Mar 2024 11:30 UTC  [-\u2212]?\d+ points?$", gw.text, re.M)
    gw_lines = _render_with(thread, "greaterwrong", {"header_lines": True})
    assert re.search(r"^ann\n1 Mar 2024 10:00 UTC\n(?:[-\u2212]?\d+ points?|LW: .+)$", gw_lines.text, re.M)
    se = _render_with(thread, "stackexchange", {"posts": False, "trailer": "lines"})
    assert re.search(r"I am not sure that holds\. \u2013\nbob\u2666?\nMar 1(?:, 2024)? at 11:30$", se.text, re.M)
    se_inline = _render_with(thread, "stackexchange", {"posts": False, "trailer": "inline"})
    assert re.search(r"^Opening claim here\. A second paragraph with detail\. \u2013 ann\u2666? Mar 1(?:, 2024)? at 10:00$",
                     se_inline.text, re.M)
    copy = _render_with(thread, "substack", {"shape": "copy"})
    assert re.search(r"^annMar 1(?:, 2024)?(?:\u00b7edited .+)?$", copy.text, re.M)
    assert re.search(r"^Like(?: \(\d+\))?\nReply\nShare$", copy.text, re.M)
    clip = _render_with(thread, "substack", {"shape": "markdown", "age_same_line": False})
    assert re.search(r'^\[bob\]\(https://substack\.com/(?:profile/\d+-|@)bob\)\n\n'
                     r'\[Mar 1(?:, 2024)?\]\(https://\w+\.substack\.com/p/[\w-]+/comment/\d+ "Mar 1, 2024, 11:30 AM"\)',
                     clip.text, re.M)
    new = _render_with(thread, "reddit-new", {"design": "2018", "levels": True})
    assert re.search(r"^level 3\ncyd\n(?:-?\d+ points?|Score hidden) \u00b7 .+ ago(?: \u00b7 edited .+ ago)?$",
                     new.text, re.M)
    shreddit = _render_with(thread, "reddit-new", {"design": "2023"})
    assert re.search(r"^bob\n\u2022\n\d+(?:m|h|d|mo|y) ago$", shreddit.text, re.M)
    assert re.search(r"^(?:-?\d+|Vote)\nReply\nAward\nShare$", shreddit.text, re.M)
    lynx = render(thread, style="lesswrong-lynx", seed=0)
    assert re.search(r"^\[-\]\[bob\]\[\d+\]\d+(?:m|h|d|mo|y)\*?(?:\u03a9\d+)?-?\d+\n-?\d+$", lynx.text, re.M)
    assert re.search(r"^   > A second paragraph with detail\.$", lynx.text, re.M)
    assert re.search(r"^References\n\n  \d+\. https://www\.lesswrong\.com/users/ann$", lynx.text, re.M)


def test_stackexchange_trailer_is_the_header():
    """The trailer (dash, user, date) after the text is the comment's header; the score line is meta."""
    for trailer in ("lines", "user-date", "inline"):
        dump = _render_with(_demo_thread(), "stackexchange", {"posts": False, "trailer": trailer})
        for c in dump.gold["comments"]:
            head = dump.text[c["header"][0] : c["header"][1]]
            assert head.startswith("\u2013") and c["speaker"] in head
            assert c["header"][0] > max(e for _, e in c["prose"] + [q["span"] for q in c["quotes"]])
            assert "\n" not in dump.text[c["prose"][0][0] : c["header"][0]]  # comments print on one line
    posts = _render_with(_demo_thread(), "stackexchange", {"posts": True})
    first = posts.gold["comments"][0]
    card = posts.text[first["header"][0] : first["header"][1]]
    assert card.startswith("answered ") and "\nann" in card
    assert "Improve this answer" in posts.text or "Share Edit Follow Flag" in posts.text
    assert posts.text.rstrip().endswith("Add a comment")


def test_greaterwrong_navigation_links():
    dump = _render_with(_demo_thread(), "greaterwrong", {"replies_per_line": False, "quote_marker": ">"})
    assert re.search(r"^Replies: >bob$", dump.text, re.M) and re.search(r"^Replies: >cyd$", dump.text, re.M)
    assert dump.text.count("\nParent\n") == 2  # bob and cyd reply; ann is top level
    kinds = {dump.text[s:e]: k for s, e, k in ((*ch["span"], ch["kind"]) for ch in dump.gold["chrome"])}
    assert kinds["Parent"] == "navigation" and kinds["Replies: >bob"] == "navigation"
    per_line = _render_with(_demo_thread(), "greaterwrong", {"replies_per_line": True})
    assert re.search(r"^Replies:\n>bob$", per_line.text, re.M)


def test_substack_preview_is_followed_by_expand_link():
    dump = _render_with(_demo_thread(), "substack", {"shape": "copy"}, artifacts=["preview"])
    (preview,) = dump.gold["duplicates"]
    after = dump.text[preview["span"][1] :].lstrip()
    assert after.startswith("Expand full comment")
    assert any(dump.text[s:e] == "Expand full comment" for s, e in (ch["span"] for ch in dump.gold["chrome"]))


def test_errors_name_the_valid_choices():
    thread = _demo_thread()
    with pytest.raises(ValueError, match="stripped"):
        render(thread, style="myspace")
    with pytest.raises(ValueError, match="recapture"):
        render(thread, artifacts=["screenshot"])
    with pytest.raises(ValueError, match="blank"):
        render(thread, layout="sideways")
    with pytest.raises(ValueError, match="none"):
        render(thread, style="greaterwrong", quote_marker="indent")
    with pytest.raises(TypeError):
        render("raw text")  # type: ignore[arg-type]


def test_gold_problems_catches_broken_gold():
    dump = render(_demo_thread(), style="stripped", seed=0)
    gold = json.loads(json.dumps(dump.gold))
    assert gold_problems(dump.text, gold) == []
    gold["comments"][0]["prose"].pop()
    assert any("uncovered" in p for p in gold_problems(dump.text, gold))
    gold = json.loads(json.dumps(dump.gold))
    gold["chrome"].append({"span": list(gold["comments"][1]["prose"][0]), "kind": "ui"})
    assert any("overlaps" in p for p in gold_problems(dump.text, gold))


def test_module_doctests():
    result = doctest.testmod(tpt, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
