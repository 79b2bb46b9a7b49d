"""Tests of ``threadparse.grammar``, the renderer that draws dump styles from a grammar.

Corpus-backed tests read real threads from ``../shared/corpus`` and are skipped
when it is absent; the synthetic ones use invented comments and always run.

Checked: the gold invariant (``gold_problems`` empty) on 200 drawn styles times
corpus windows with rotating artifacts; determinism; that every family renders
edge cases (no text, no author, only a quote, ``From `` lines); that recaptures
really drift (ages, scores, typography); the parent-visibility rules of the
gold; the splits; and that parse + score + the bench's parent counts run.
"""

from __future__ import annotations

import doctest
import importlib.util
import re
import sys

import pytest

from threadparse import grammar, parse
from threadparse.evaluate import score
from threadparse.grammar import FAMILIES, SPLITS, draw_style, family_of, render_grammar, sample_grammar
from threadparse.testing import CorpusComment, CorpusQuote, gold_problems, load_corpus

from .conftest import CORPUS, REPO

STATUSES = {"reply", "top", "unknown"}


@pytest.fixture(scope="module")
def threads() -> list[list[CorpusComment]]:
    if not CORPUS.is_dir():
        pytest.skip(f"the corpus is not at {CORPUS}: clone the repo beside ../shared to run this test")
    loaded = load_corpus(CORPUS)
    return [loaded[tid] for tid in sorted(loaded) if len(loaded[tid]) >= 2]


def _thread() -> list[CorpusComment]:
    """An invented thread with the edge cases a style must survive."""
    return [
        CorpusComment("demo", "t", "a", None, "Ann Example", "2024-03-01T10:00:00Z",
                      "First point -- with \"quotes\".\n\nSecond point."),
        CorpusComment("demo", "t", "b", "a", "bob_42", "2024-03-01T11:30:00Z",
                      "> Second point.\n\n@Ann Example I disagree.",
                      quotes=(CorpusQuote(block=0, text="Second point.", source="a"),)),
        CorpusComment("demo", "t", "c", "b", None, "2024-03-01T12:00:00Z", ""),
        CorpusComment("demo", "t", "d", "a", "Zoë", "2024-03-02T08:00:00Z", "> Second point."),
        CorpusComment("demo", "t", "e", None, "", "2024-03-02T09:00:00Z",
                      "From the top:\nFrom here on\n\n    code line\n\n--\nsig"),
    ]


def test_doctests() -> None:
    assert doctest.testmod(grammar).failed == 0


def test_gold_invariants_on_200_styles(threads: list[list[CorpusComment]]) -> None:
    seeds = [*SPLITS["dev"], *SPLITS["held-out"], *range(300, 428)]
    assert len(seeds) >= 200
    for k, seed in enumerate(seeds):
        comments = threads[(k * 7) % len(threads)]
        size = min(len(comments), 4 + k % 9)
        start = (k * 13) % (len(comments) - size + 1)
        artifacts = grammar.ARTIFACT_SETS[k % len(grammar.ARTIFACT_SETS)]
        dump = render_grammar(comments, draw_style(seed), artifacts=artifacts, seed=k, window=(start, start + size))
        assert gold_problems(dump.text, dump.gold) == [], (seed, artifacts)
        gold = dump.gold
        assert gold["family"] == family_of(seed) and len(gold["comments"]) == size
        ids = {c["id"] for c in gold["comments"]}
        for c in gold["comments"]:
            assert c["parent_status"] in STATUSES
            assert (c["parent"] is not None) == (c["parent_status"] == "reply")
            assert c["parent"] is None or c["parent"] in ids
            assert c["header"] is not None


def test_same_seed_same_dump(threads: list[list[CorpusComment]]) -> None:
    for seed in (0, 3, 104, 155):
        assert draw_style(seed) == draw_style(seed)
        one = render_grammar(threads[1], draw_style(seed), artifacts=("recapture",), seed=5, window=(0, 6))
        two = render_grammar(threads[1], draw_style(seed), artifacts=("recapture",), seed=5, window=(0, 6))
        assert one.text == two.text and one.gold == two.gold
    assert draw_style(1) != draw_style(7)
    first = [c.text for c in sample_grammar(CORPUS, n=6, seed=2, styles="dev", max_comments=6)]
    assert first == [c.text for c in sample_grammar(CORPUS, n=6, seed=2, styles="dev", max_comments=6)]


@pytest.mark.parametrize("family", FAMILIES)
def test_total_over_styles(family: str) -> None:
    comments = _thread()
    for seed in [s for s in range(60) if family_of(s) == family]:
        for artifacts in grammar.ARTIFACT_SETS:
            dump = render_grammar(comments, draw_style(seed), artifacts=artifacts, seed=seed)
            assert gold_problems(dump.text, dump.gold) == [], (seed, artifacts)
            speakers = [c["speaker"] for c in dump.gold["comments"]]
            assert speakers[2] is None and speakers[4] is None  # no author, empty author
    assert render_grammar([], draw_style(0)).text == ""


def test_mbox_escapes_from_lines() -> None:
    spec = next(draw_style(s) for s in range(100, 160) if family_of(s) == "mbox")
    text = render_grammar(_thread(), spec).text
    assert ">From the top:" in text and ">From here on" in text
    assert len(re.findall(r"(?m)^From \S+@\S+ ", text)) == len(_thread())


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unknown artifact"):
        render_grammar(_thread(), draw_style(0), artifacts=("typo",))
    with pytest.raises(TypeError):
        render_grammar("text", draw_style(0))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="split must be"):
        grammar.split_seeds("tuning")


def _captures(dump) -> tuple[list[str], list[str]]:
    """Header texts of the first capture's comments and of the recaptured copies."""
    text, gold = dump.text, dump.gold
    own = {tuple(c["header"]) for c in gold["comments"]}
    first = [text[a:b] for a, b in sorted(own)]
    last_own = max(own)[0]
    later = [text[ch["span"][0]:ch["span"][1]] for ch in gold["chrome"]
             if ch["kind"] == "header" and tuple(ch["span"]) not in own and ch["span"][0] > last_own]
    return first, later


def test_recapture_drifts(threads: list[list[CorpusComment]]) -> None:
    ages = scores = typography = 0
    for seed in range(0, 120):
        spec = draw_style(seed)
        fields = " ".join(f for line in spec.header for f in line.fields)
        comments = threads[seed % len(threads)]
        dump = render_grammar(comments, spec, artifacts=("recapture",), seed=seed, window=(0, min(8, len(comments))))
        first, later = _captures(dump)
        assert len(first) == len(later)
        changed = sum(a != b for a, b in zip(first, later))
        if "{age}" in fields and spec.age_format != "day-at":
            ages += 1
            assert changed, f"style {seed}: the ages did not move between captures"
        if "{score}" in fields or "{signed}" in fields:
            scores += 1
            assert changed, f"style {seed}: the scores did not move between captures"
        originals = "".join(dump.text[a:b] for c in dump.gold["comments"] for a, b in c["prose"])
        copies = "".join(dump.text[d["span"][0]:d["span"][1]] for d in dump.gold["duplicates"])
        typography += ("\u2019" in copies) != ("\u2019" in originals) or "\u00a0" in copies
    assert ages >= 5 and scores >= 5 and typography >= 5


def test_parent_status_follows_what_the_page_shows() -> None:
    comments = _thread()
    flat = next(draw_style(s) for s in range(200) if family_of(s) == "forum-single-line"
                and draw_style(s).nesting == "none")
    gold = {c["id"]: c for c in render_grammar(comments, flat).gold["comments"]}
    assert (gold["b"]["parent"], gold["b"]["parent_status"]) == ("a", "reply")  # quotes and addresses Ann
    assert (gold["c"]["parent"], gold["c"]["parent_status"]) == (None, "unknown")
    assert (gold["d"]["parent"], gold["d"]["parent_status"]) == (None, "unknown")  # quotes a, but no parent link
    assert gold["a"]["parent_status"] == "unknown"  # nothing shows it is top-level
    nested = next(draw_style(s) for s in range(200) if draw_style(s).nesting == "indent")
    gold = {c["id"]: c for c in render_grammar(comments, nested).gold["comments"]}
    assert [(gold[k]["parent"], gold[k]["parent_status"]) for k in "acde"] == [
        (None, "top"), ("b", "reply"), ("a", "reply"), (None, "top")]
    mail = next(draw_style(s) for s in range(200) if draw_style(s).mail and draw_style(s).mail.threading == "both")
    dump = render_grammar(comments, mail, window=(1, 5))  # b's parent a is not in the dump
    gold = {c["id"]: c for c in dump.gold["comments"]}
    assert gold["b"]["parent_status"] == "unknown" and gold["c"]["parent"] == "b"
    assert gold["e"]["parent_status"] == "top"
    assert "In-Reply-To: " in dump.text


def test_splits_cover_every_family() -> None:
    assert not set(SPLITS["dev"]) & set(SPLITS["held-out"])
    for split in ("dev", "held-out"):
        assert {family_of(s) for s in SPLITS[split]} == set(FAMILIES)


def test_parse_and_score_smoke(threads: list[list[CorpusComment]]) -> None:
    spec = importlib.util.spec_from_file_location("grammar_eval", REPO / "bench" / "grammar_eval.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules["grammar_eval"] = bench  # dataclasses look their module up while the class is built
    spec.loader.exec_module(bench)
    for case in sample_grammar(CORPUS, n=3, seed=1, styles="dev", max_comments=8):
        thread = parse(case.text)
        sc = score(thread, case.gold, case.text)
        assert sc.segmentation.value is not None
        links = bench.parent_links(thread, case.gold)
        assert 0 <= links.right <= links.asserted and 0 <= links.found <= links.shown


def test_exploratory_styles_stay_outside_the_splits(capsys) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the corpus is not at {CORPUS}: clone the repo beside ../shared to run this test")
    spec = importlib.util.spec_from_file_location("grammar_eval", REPO / "bench" / "grammar_eval.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules["grammar_eval"] = bench
    spec.loader.exec_module(bench)
    with pytest.raises(SystemExit):
        bench.main(["--styles", "150-170", "--corpus", str(CORPUS)])  # held-out seeds: refused
    assert "overlaps" in capsys.readouterr().err
    assert bench.main(["--styles", "1300-1302", "--per-style", "1", "--seed", "4", "--corpus", str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("exploratory styles 1300-1302 — 1 dumps each, seed 4:") and "\nall " in out


def test_indentation_shows_depth() -> None:
    spec = next(draw_style(s) for s in range(200) if draw_style(s).nesting == "indent")
    dump = render_grammar(_thread(), spec, artifacts=("pagination",))
    for c in dump.gold["comments"]:
        pad = spec.indent * c["depth"]
        a = c["header"][0]
        b = max([a] + [e for _, e in c["prose"]] + [q["span"][1] for q in c["quotes"]])
        start = dump.text.rfind("\n", 0, a) + 1
        for line in dump.text[start:b].split("\n"):
            assert not line.strip() or line.startswith(pad), line
