"""The mail dialect (mailing-list archives): detection, headers, chrome, patches.

Fixtures with expected parses are in ``tests/fixtures/mail`` (run by
``tests/test_fixtures.py``); these are unit tests of the pieces and of the
dialect on dumps rendered from invented threads by ``threadparse.testing``.
"""

from __future__ import annotations

import importlib
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import threadparse
from threadparse import evaluate
from threadparse.testing import CorpusComment, CorpusQuote, render
from threadparse.text import split_lines

mail = importlib.import_module("threadparse.dialects.mail")
dialects = importlib.import_module("threadparse.dialects")

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SHARED = HERE.parents[1] / "shared"
MAIL = mail.Mail()


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def score(text: str) -> float:
    return MAIL.score(text, split_lines(text))


def marks(text: str) -> dict[int, tuple[str, int, object]]:
    """``{first line: (kind or chrome kind, line count, fields)}``."""
    out = {}
    for k, m in MAIL.mark_lines(text, split_lines(text)).items():
        out[k] = (m.chrome_kind if m.kind == "chrome" else m.kind, m.lines, m.fields)
    return out


def _thread() -> list[CorpusComment]:
    """An invented mailing-list thread (depth-first order, as archives are rendered)."""
    def c(cid, parent, author, minute, body, quotes=()):
        return CorpusComment(
            "mail_invented", "t1", cid, parent, author, f"2025-03-04T09:{minute:02d}:00Z", body, quotes=quotes
        )

    return [
        c("m1", None, "Pia Lund", 0,
          "The compost bays at the allotment are full again, and the third bay has not been turned since "
          "January. I would like to set up a rota so that each plot holder takes one Saturday a month.\n\n"
          "Reply with the months that suit you.\n\n-- \nPia Lund\nplot 14"),
        c("m2", "m1", "tomas88", 10,
          "> I would like to set up a rota so that each plot holder takes one Saturday a month.\n\n"
          "April and September work for me. Could we also buy a shredder for the woody prunings?",
          quotes=(CorpusQuote(0, "I would like to set up a rota so that each plot holder takes one Saturday a month.", "m1"),)),
        c("m3", "m2", "Henrik Aas 2", 20,
          "> Could we also buy a shredder for the woody prunings?\n\n"
          "The association already has one; it lives in the locked half of the tool shed.\n\n"
          "_______________________________________________\ngarden mailing list\ngarden at example.org",
          quotes=(CorpusQuote(0, "Could we also buy a shredder for the woody prunings?", "m2"),)),
        c("m4", "m1", "Ilse Vos", 30,
          "May is fine for me, but not the first Saturday: the market is on that day and I run the stall.\n\n"
          "Ilse\n--\nSent from a phone with a small screen"),
        c("m5", "m4", "Pia Lund", 40,
          "> May is fine for me, but not the first Saturday\n\n"
          "Noted, I will put you down for the second Saturday in May.",
          quotes=(CorpusQuote(0, "May is fine for me, but not the first Saturday", "m4"),)),
    ]


PAGE = """\
[devel] Re: Notes on the build
Pia Lund pia.lund at example.org
Tue Mar  4 09:12:00 UTC 2025

Previous message: [devel] Notes on the build
Next message: [devel] Re: Notes on the build
Messages sorted by: [ date ] [ thread ] [ subject ] [ author ]

The nightly build has been red since Tuesday; the linker runs out of
memory on the small runner.

More information about the devel mailing list
"""


# --------------------------------------------------------------------------- detection


def test_registered_and_detected():
    assert "mail" in threadparse.dialects()
    thread = threadparse.parse(PAGE)
    assert thread.dialect.name == "mail" and thread.dialect.score >= 0.3
    assert not thread.dialect.forced


@pytest.mark.parametrize("path", sorted((FIXTURES / "mail").glob("*.txt")), ids=lambda p: p.stem)
def test_detects_every_mail_fixture(path):
    assert score(read(path)) >= dialects.DETECTION_THRESHOLD


@pytest.mark.parametrize("path", sorted((FIXTURES / "plain").glob("*.txt")), ids=lambda p: p.stem)
def test_not_detected_on_plain_fixtures(path):
    assert score(read(path)) < dialects.DETECTION_THRESHOLD


def test_not_detected_on_the_shipped_example():
    assert score(threadparse.example_text()) < dialects.DETECTION_THRESHOLD


def test_not_detected_on_the_seed():
    seed = SHARED / "seed" / "thread_dump.txt"
    if not seed.exists():
        pytest.skip("the shared seed dump is not beside the repository")
    assert score(read(seed)) < dialects.DETECTION_THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "I agree.\n\n> The schedule is too tight.\n\nIt really is.\n",
        "On Tue, 4 Mar 2025 at 09:12, Pia Lund <pia@example.org> wrote:\n> The schedule is too tight.\n\nAgreed.\n",
        "Thanks!\n\n-- \nPia\n",
        # one pasted Outlook block and one forwarded message are no archive
        "See below.\n\n-----Original Message-----\nFrom: Bo <bo@example.org>\nSent: Monday, 3 March 2025 10:00\n"
        "To: team@example.org\nSubject: Rota\n\nPlease fill in the rota.\n",
        "FYI\n\n---------- Forwarded message ---------\nFrom: Bo <bo@example.org>\nDate: Mon, 3 Mar 2025 10:00:00 +0000\n"
        "Subject: Rota\nTo: <team@example.org>\n\nPlease fill in the rota.\n",
        # a mailer's From:/Date: attribution over a quote
        "From: Joe Bloggs <joe@example.org>\nDate: Sun, 14 Nov 2010 19:04:34 -0800\n\n> Signed-off-by: Joe\n\nApplied.\n",
        # a reply whose text carries an address and a date, one each
        "Write to pia.lund at example.org\nTue Mar  4 09:12:00 UTC 2025 is when it broke.\n",
        "",
        "\n\n\n",
    ],
)
def test_not_detected_on_plain_text_with_mail_traits(text):
    assert score(text) < dialects.DETECTION_THRESHOLD


def _styles_other_than_mail():
    comments = _thread()
    for style in ("stripped", "lesswrong-copy", "lesswrong-markdown", "reddit-old", "hackernews", "discourse"):
        for seed in range(3):
            yield style, seed, render(comments, style=style, seed=seed, artifacts=("recapture",)).text


@pytest.mark.parametrize("style,seed,text", list(_styles_other_than_mail()), ids=lambda v: str(v)[:20])
def test_not_detected_on_other_rendered_styles(style, seed, text):
    assert score(text) < dialects.DETECTION_THRESHOLD


def test_score_is_bounded_and_cheap():
    big = PAGE * 5000  # 60k lines: only a sample is read
    lines = split_lines(big)
    start = time.perf_counter()
    s = MAIL.score(big, lines)
    assert 0.0 <= s <= 1.0 and s >= 0.3
    assert time.perf_counter() - start < 1.0


# --------------------------------------------------------------------------- dates and senders


UTC = timezone.utc


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Tue Nov 17 15:28:38 UTC 2009", datetime(2009, 11, 17, 15, 28, 38, tzinfo=UTC)),
        ("Tue Mar  4 09:12:00 UTC 2025", datetime(2025, 3, 4, 9, 12, tzinfo=UTC)),
        ("Tue Nov 17 15:28:38 2009", datetime(2009, 11, 17, 15, 28, 38)),
        ("Tue, 17 Nov 2009 07:28:38 -0800", datetime(2009, 11, 17, 7, 28, 38, tzinfo=timezone(timedelta(hours=-8)))),
        ("17 Nov 2009 07:28 +0530 (IST)", datetime(2009, 11, 17, 7, 28, tzinfo=timezone(timedelta(hours=5, minutes=30)))),
        ("Thu Jun 12 2025 - 08:02:11 CEST", datetime(2025, 6, 12, 8, 2, 11, tzinfo=timezone(timedelta(hours=2)))),
        ("Thu Jun 12 2025 - 08:02:11 XYZT", datetime(2025, 6, 12, 8, 2, 11)),  # unknown zone: naive
        ("Nov 17, 2009, 3:28 PM", datetime(2009, 11, 17, 15, 28)),
        ("2009-11-17 15:28:38", datetime(2009, 11, 17, 15, 28, 38)),
        ("2009-11-17T15:28:38Z", datetime(2009, 11, 17, 15, 28, 38, tzinfo=UTC)),
        ("  Tue Nov 17 15:28:38 EST 2009\t", datetime(2009, 11, 17, 15, 28, 38, tzinfo=timezone(timedelta(hours=-5)))),
    ],
)
def test_parse_date(text, expected):
    raw, dt = mail.parse_date(text)
    assert raw == text.strip()
    assert dt == expected and (dt.tzinfo is None) == (expected.tzinfo is None)


@pytest.mark.parametrize(
    "text",
    ["Tuesday", "the build broke at 15:28", "Tue Nov 31 15:28:38 UTC 2009", "Tue Nov 17 25:28:38 UTC 2009 and more",
     "x" * 500, ""],
)
def test_parse_date_rejects(text):
    result = mail.parse_date(text)
    assert result is None or result[1] is None  # an impossible day is kept as text, not as a datetime


@pytest.mark.parametrize(
    "line,name,addr",
    [
        ("Pia Lund pia.lund at example.org", "Pia Lund", "pia.lund at example.org"),
        ("tomas88 tomas88 at example.org", "tomas88", "tomas88 at example.org"),
        ("Henrik Aas 2 henrik.aas2 at example.org", "Henrik Aas 2", "henrik.aas2 at example.org"),
        ('Pia Lund "pia.lund at example.org"', "Pia Lund", "pia.lund at example.org"),
        ('"pia.lund at example.org"', "pia.lund at example.org", "pia.lund at example.org"),
        ("Pia Lund <pia@example.org>", "Pia Lund", "pia@example.org"),
        ('"Lund, Pia" <pia@example.org>', "Lund, Pia", "pia@example.org"),
        ("From: Marta K (marta@example.net)", "Marta K", "marta@example.net"),
        ("pia at example.org (Pia Lund)", "Pia Lund", "pia at example.org"),
        ("[deleted] deleted at lists.example.org", "[deleted]", "deleted at lists.example.org"),
        ("Zo\u00eb\u00a0Achterberg  zoe at example.nl", "Zo\u00eb Achterberg", "zoe at example.nl"),
        ("Pia Lund via devel devel at lists.example.org", "Pia Lund", "devel at lists.example.org"),
        ("Laura Vos laura at", "Laura Vos", "laura at"),  # the domain was a link, lost in the copy
    ],
)
def test_parse_sender(line, name, addr):
    assert mail.parse_sender(line) == (name, addr)


@pytest.mark.parametrize(
    "line",
    ["Pia Lund", "We met at the station at noon", "Pia Lund <pia@example.org> wrote", "", "at at at",
     "We met at", "She wrote at"],
)
def test_parse_sender_rejects(line):
    assert mail.parse_sender(line) is None


# --------------------------------------------------------------------------- headers and chrome


def test_pipermail_page_marks():
    m = marks(PAGE)
    assert m[0][:2] == ("header", 3)
    fields = m[0][2]
    assert fields["author"] == "Pia Lund"
    assert fields["posted_at"] == datetime(2025, 3, 4, 9, 12, tzinfo=UTC)
    assert fields["age"] == "Tue Mar  4 09:12:00 UTC 2025"
    assert "depth" not in fields  # "Re:": a reply, depth unknown
    assert m[4][:2] == ("navigation", 3)
    assert m[11][:2] == ("meta", 1)
    assert len(m) == 3


def test_thread_root_has_depth_zero():
    m = marks(PAGE.replace("[devel] Re: Notes", "[devel] Notes", 1))
    assert m[0][2]["depth"] == 0


@pytest.mark.parametrize("prefix", ["Re:", "RE:", "AW:", "Sv:", "Fwd:", "Re[2]:"])
def test_reply_prefixes_have_no_depth(prefix):
    m = marks(PAGE.replace("[devel] Re:", f"[devel] {prefix}", 1))
    assert "depth" not in m[0][2]


def test_header_without_subject_line():
    text = "Pia Lund pia.lund at example.org\nTue Mar  4 09:12:00 UTC 2025\n\nHello.\n"
    m = marks(text)
    assert m[0][:2] == ("header", 2) and m[0][2]["author"] == "Pia Lund"


def test_message_id_is_the_permalink():
    text = PAGE.replace("UTC 2025\n", "UTC 2025\nMessage-ID: <abc.123@example.org>\n", 1)
    m = marks(text)
    assert m[0][:2] == ("header", 4) and m[0][2]["permalink"] == "abc.123@example.org"


def test_hypermail_header():
    text = (
        "Re: Benches\nFrom: Marta K (marta@example.net)\nDate: Thu Jun 12 2025 - 08:02:11 CEST\n\n"
        "    * Next message: Joon: \"Re: Benches\"\n"
        "    * Messages sorted by: [ date ] [ thread ] [ subject ] [ author ] [ attachment ]\n\n"
        "Keep them.\n\nThis archive was generated by hypermail 2.4.0 : Thu Jun 12 2025 - 08:05:00 CEST\n"
    )
    m = marks(text)
    assert m[0][:2] == ("header", 3) and m[0][2]["author"] == "Marta K"
    assert m[4][:2] == ("navigation", 2)
    assert m[9][:2] == ("meta", 1)


def test_outlook_block_is_not_a_header():
    text = PAGE.replace(
        "More information",
        "-----Original Message-----\nFrom: Bo Lindqvist [mailto:bo at example.org]\n"
        "Sent: Monday, March 3, 2025 10:00 AM\nTo: devel at example.org\nSubject: Notes on the build\n\n"
        "Is the build green?\n\nMore information",
    )
    kinds = {v[0] for v in marks(text).values()}
    assert sum(v[0] == "header" for v in marks(text).values()) == 1, kinds


def test_embedded_message_after_text_is_not_a_header():
    text = PAGE.replace(
        "More information",
        "Cheers,\nPia\n\n\nFrom: Bo Lindqvist <bo@example.org>\nReply-To: Bo <bo+1@example.org>\n"
        "Date: Monday, 3 March 2025 at 10:00\nTo: Pia <pia@example.org>\nSubject: Notes on the build\n\n"
        "Is the build green?\n\nMore information",
    )
    assert sum(v[0] == "header" for v in marks(text).values()) == 1


def test_mailer_attribution_over_a_quote_is_not_a_header():
    text = PAGE.replace(
        "The nightly build",
        "From: Bo Lindqvist <bo@example.org>\nDate: Mon, 3 Mar 2025 10:00:00 +0000\n\n"
        "> Is the build green?\n\nThe nightly build",
    )
    assert sum(v[0] == "header" for v in marks(text).values()) == 1


def test_mail_archive_bare_name_header():
    text = "Re: [bikes] Ride\nIlse Vos\nSat, 08 Feb 2025 07:31:12 -0800\n\nCount me in.\n\nView by thread\n"
    m = marks(text)
    assert m[0][:2] == ("header", 3) and m[0][2]["author"] == "Ilse Vos"
    assert m[6][0] == "navigation"


def test_a_paragraphs_last_line_over_a_bare_name_and_date_is_no_subject():
    # Name-over-date headers (a chat or forum copy, no addresses): the line
    # above a name is the previous post's last paragraph, not an archive
    # page's subject, which opens the page or reads "Re:" / "[list]".
    text = (
        "Ilse Vos\n2025-02-08 07:31\nCount me in for Saturday.\n\n"
        "I can bring the track pump and two spare tubes if anyone needs them\n"
        "Bo Lindqvist\n2025-02-08 08:02\nGreat, see you at the bridge.\n\n"
        "Is anyone else coming from the north side\n"
        "Pia Lund\n2025-02-08 09:40\nMe, I will wait at the station.\n"
    )
    assert [v for v in marks(text).values() if v[0] == "header"] == []
    assert threadparse.parse(text).dialect.name != "mail"


def test_a_date_line_in_a_body_is_no_header():
    text = PAGE.replace("memory on the small runner.", "memory on the small runner:\n$ date\nTue Mar  4 09:30:00 UTC 2025")
    assert sum(v[0] == "header" for v in marks(text).values()) == 1


# --------------------------------------------------------------------------- signatures and footers


def body(text: str) -> str:
    return PAGE.replace("The nightly build has been red since Tuesday; the linker runs out of\nmemory on the small runner.\n", text)


def test_signature_after_dash_dash_space():
    m = marks(body("Red again.\n\n-- \nPia Lund\nRelease team\n"))
    sig = [(k, v[1]) for k, v in m.items() if v[0] == "signature"]
    assert sig == [(10, 3)]


def test_bare_dash_dash_signature_and_patch_trailer():
    m = marks(body("Patch below.\n--\n2.43.0\n"))
    assert [(k, v[1]) for k, v in m.items() if v[0] == "signature"] == [(9, 2)]


def test_only_the_last_dash_dash_counts():
    m = marks(body("First part.\n--\nSecond part.\n\n-- \nPia\n"))
    assert [(k, v[1]) for k, v in m.items() if v[0] == "signature"] == [(12, 2)]


def test_dash_dash_followed_by_a_quote_is_no_signature():
    m = marks(body("My answer.\n\n--\n> your question\nPia\n"))
    assert not any(v[0] == "signature" for v in m.values())


def test_a_long_tail_after_dash_dash_is_no_signature():
    tail = "\n".join(f"line {k} of a long appendix" for k in range(30))
    m = marks(body(f"Intro.\n--\n{tail}\n"))
    assert not any(v[0] == "signature" for v in m.values())


def test_sent_from_my_phone_closing_a_body():
    m = marks(body("On my way.\n\nSent from my iPhone\n"))
    assert [(k, v[1]) for k, v in m.items() if v[0] == "signature"] == [(10, 1)]
    m = marks(body("Sent from my iPhone, I read your mail: it is fine.\n\nMore text follows here.\n"))
    assert not any(v[0] == "signature" for v in m.values())


def test_list_footer_is_meta():
    m = marks(body(
        "Red again.\n\n_______________________________________________\n"
        "devel mailing list\ndevel at lists.example.org\nhttps://lists.example.org/mailman/listinfo/devel\n"
    ))
    assert (10, 4) in [(k, v[1]) for k, v in m.items() if v[0] == "meta"]


def test_underscores_without_a_list_line_are_prose():
    m = marks(body("Red again.\n\n_____________\nNot a footer at all.\n"))
    assert [k for k, v in m.items() if v[0] == "meta"] == [13]


def test_scrubbed_attachment_is_meta():
    m = marks(body(
        "Red again.\n-------------- next part --------------\nA non-text attachment was scrubbed...\n"
        "Name: signature.asc\nType: application/pgp-signature\nSize: 833 bytes\nDesc: not available\nURL:\n"
        "<http://lists.example.org/pipermail/devel/attachments/20250304/0a1b/attachment.pgp>\n"
    ))
    assert (9, 8) in [(k, v[1]) for k, v in m.items() if v[0] == "meta"]


def test_a_repeated_page_leaves_its_signature_to_the_deduplicator():
    page = body("Red again.\n\n-- \nPia\n")
    m = marks(page + "\n" + page)
    sigs = [k for k, v in m.items() if v[0] == "signature"]
    assert sigs == [10]  # the second capture's signature is part of its repeated body


# --------------------------------------------------------------------------- patches


PATCH = """\
Fix the install page.
---
 docs/install.txt | 4 ++--

diff --git a/docs/install.txt b/docs/install.txt
index 3f2a1c0..9b7e4d2 100644
--- a/docs/install.txt
+++ b/docs/install.txt
@@ -1,4 +1,4 @@
 Installing
--
-Run ./bootstrap.sh first.
+Run make setup first.

 > a context line that starts with a quote marker
-- 
2.43.0
"""


def test_diff_lines_follow_the_hunk_counts():
    lines = split_lines(PATCH)
    assert mail.diff_lines(PATCH, lines) == [(4, 15)]  # ends before the '-- ' trailer
    m = marks(PATCH)
    assert [(k, v[1]) for k, v in m.items() if v[0] == "signature"] == [(15, 2)]


def test_diff_lines_several_files_and_hunks():
    text = (
        "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n@@ -9,2 +9,2 @@\n c\n-d\n+e\n"
        "diff --git a/y b/y\nnew file mode 100644\n--- /dev/null\n+++ b/y\n@@ -0,0 +1,2 @@\n+f\n+g\n"
        "\\ No newline at end of file\nAfter the patch.\n"
    )
    lines = split_lines(text)
    assert mail.diff_lines(text, lines) == [(0, 18)]


def test_diff_lines_need_a_hunk():
    text = "--- a/x\n+++ b/x\nno hunk here\n-- \nsig\n"
    assert mail.diff_lines(text, split_lines(text)) == []


# --------------------------------------------------------------------------- totality and speed


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("ab @.:->_[]\n\r\t\u00a0") + [
    "at", "Re:", "--", "From:", "Date:", "Subject:", "Tue Mar  4 09:12:00 UTC 2025", "x at y.z", "Pia <p@x.org>",
    "Messages sorted by:", "@@ -1 +1 @@", "More information about the x mailing list", "-- \n", "\n> ",
    "_____\nx mailing list\n", "Sent from my phone", "Message-ID: <a@b.c>",
]), max_size=120).map("".join))
def test_mark_lines_total_on_any_text(text):
    lines = split_lines(text)
    m = MAIL.mark_lines(text, lines)
    assert 0.0 <= MAIL.score(text, lines) <= 1.0
    covered = set()
    for k, mark in m.items():
        assert 0 <= k < len(lines) and mark.lines >= 1 and k + mark.lines <= len(lines)
        span = set(range(k, k + mark.lines))
        assert not covered & span
        covered |= span
    thread = threadparse.parse(text, dialect="mail")
    threadparse.verify(thread, text)


@pytest.mark.parametrize(
    "text",
    [
        "a" * 200_000,
        ("x at " * 50_000) + "\n",
        "Pia Lund pia at example.org\n" * 20_000,
        ("-" * 10_000 + "\n") * 20,
        "--\n" * 50_000,
        ("@@ -1,99999999 +1,99999999 @@\n" + " c\n" * 1000) * 20,
        "From: a@b.c\nDate: Tue Mar  4 09:12:00 UTC 2025\n" * 10_000,
        "Tue Mar  4 09:12:00 UTC 2025 " * 10_000,
    ],
    ids=["long-line", "many-at", "sender-lines", "dashes", "dash-dash", "huge-hunks", "key-blocks", "dates"],
)
def test_pathological_inputs_stay_fast(text):
    lines = split_lines(text)
    start = time.perf_counter()
    MAIL.score(text, lines)
    MAIL.mark_lines(text, lines)
    mail.diff_lines(text, lines)
    assert time.perf_counter() - start < 5.0


def test_forced_on_a_lone_email():
    text = (
        "Thursday works for me.\n\nOn Tue, 4 Mar 2025 at 09:12, Pia Lund <pia@example.org> wrote:\n"
        "> Does Thursday work?\n\n-- \nBo\n"
    )
    thread = threadparse.parse(text, dialect="mail")
    assert thread.dialect.forced
    kinds = sorted(ch.kind for ch in thread.chrome)
    assert kinds == ["attribution", "signature"]
    # without headers the core decides boundaries: the quote under the
    # attribution line opens a second comment, as in a headerless dump
    assert [b.kind for c in thread.comments for b in c.blocks] == ["prose", "quote"]


# --------------------------------------------------------------------------- rendered dumps


@pytest.mark.parametrize("wrap", [False, True])
@pytest.mark.parametrize("artifacts", [(), ("recapture",), ("pagination",), ("preview",)])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_rendered_mail_dumps(wrap, artifacts, seed):
    dump = render(_thread(), style="mail", seed=seed, artifacts=artifacts, wrap=wrap)
    thread = threadparse.parse(dump.text)
    threadparse.verify(thread, dump.text)
    sc = evaluate.score(thread, dump.gold, dump.text)
    values = sc.values()
    assert values["dialect"] == 1.0
    assert values["speakers"] == 1.0
    assert values["chrome"] >= 0.97, sc.as_dict()["chrome"]
    assert values["segmentation"] >= 0.97, sc.as_dict()["segmentation"]
    assert values["reply_to"] >= 0.8  # m4 answers m1 with no quote: order says m3


def test_rendered_headers_carry_dates_and_depth():
    dump = render(_thread(), style="mail", seed=0)
    thread = threadparse.parse(dump.text)
    heads = [c.header for c in thread.comments]
    assert [h.author for h in heads] == ["Pia Lund", "tomas88", "Henrik Aas 2", "Ilse Vos", "Pia Lund"]
    assert heads[0].posted_at == datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
    assert heads[0].depth == 0 and all(h.depth is None for h in heads[1:])
    parents = [c.parent_id for c in thread.comments]
    assert parents[:3] == [None, "c1", "c2"] and parents[4] == "c4"


def test_interleaved_threads_reply_to_the_same_topic():
    """A date-sorted archive interleaves conversations: with no quote, a reply
    answers the latest earlier message on its topic, not the previous one."""
    text = (
        "[garden] Compost rota\nPia Lund pia at example.org\nTue Mar  4 09:12:00 UTC 2025\n\n"
        "Who takes the first Saturday of April?\n\n"
        "[garden] Shed key\nTomas Ruiz tomas at example.org\nTue Mar  4 09:30:00 UTC 2025\n\n"
        "The shed key is missing again.\n\n"
        "[garden] Re: Compost rota\nIlse Berg ilse at example.org\nTue Mar  4 10:02:00 UTC 2025\n\n"
        "I can take it.\n"
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "mail"
    assert [(c.speaker.name, c.parent_id) for c in thread.comments] == [
        ("Pia Lund", None), ("Tomas Ruiz", None), ("Ilse Berg", "c1")
    ]
    assert thread.comments[2].parent_evidence.method == "topic"


def test_topic_links_only_to_the_message_that_opened_it():
    """A "Re:" subject answers the conversation's first message when that is
    in the dump. When the only earlier message on the subject is itself a
    "Re:", the conversation began outside the dump and the reply may answer
    any of it: the parent is unknown."""
    text = (
        "[garden] Re: Compost rota\nPia Lund pia at example.org\nTue Mar  4 09:12:00 UTC 2025\n\n"
        "I took March already.\n\n"
        "[garden] Re: Compost rota\nIlse Berg ilse at example.org\nTue Mar  4 10:02:00 UTC 2025\n\n"
        "Then I can take April.\n"
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "mail"
    assert [c.speaker.name for c in thread.comments] == ["Pia Lund", "Ilse Berg"]
    assert thread.comments[1].parent_id is None
    assert thread.comments[1].parent_status == "unknown"


# --------------------------------------------------------------------------- RFC 822 header blocks and mbox


from .mail_render import measure, render_mail  # noqa: E402

REALPAGES = SHARED / "realpages"


def rfc(text: str):
    """The header marks of ``text``: ``[(first line, line count, fields)]``."""
    return [(k, v[1], v[2]) for k, v in sorted(marks(text).items()) if v[0] == "header"]


MESSAGE = (
    "From: Alice Example <alice@example.org>\n"
    "To: garden@lists.example.org\n"
    "Subject: Compost rota\n"
    "Date: Tue, 4 Mar 2025 09:12:00 +0100\n"
    "Message-ID: <rota-1@example.org>\n"
    "\n"
    "Can everyone take one Saturday a month?\n"
)


def test_field_line_follows_the_rfc_token_grammar():
    assert mail.field_line("X-Mailer: git-send-email 2.7.4") == ("x-mailer", "git-send-email 2.7.4")
    assert mail.field_line("Message-Id : <a@b>") == ("message-id", "<a@b>")
    assert mail.field_line("Content-Type:text/plain") == ("content-type", "text/plain")
    for line in ("> From: a@b", " From: a@b", "Two words: no field", "Re: a subject line", "https://example.org/x",
                 "\u00dcber: x", ":", "", "From a@b Thu Jan  1 00:00:00 1970"):
        assert mail.field_line(line) is None, line


def test_header_block_is_one_mark_with_the_fields():
    (k, count, f), = rfc(MESSAGE)
    assert (k, count) == (0, 5)
    assert f["author"] == "Alice Example"
    assert f["age"] == "Tue, 4 Mar 2025 09:12:00 +0100"
    assert f["posted_at"] == datetime(2025, 3, 4, 8, 12, tzinfo=UTC) and f["posted_at"].tzinfo == UTC
    assert f["message_id"] == "<rota-1@example.org>" and f["permalink"] == "rota-1@example.org"
    assert f["topic"] == "compost rota" and f["reply_subject"] is False and f["depth"] == 0
    assert "in_reply_to" not in f and "references" not in f


def test_folded_lines_encoded_words_and_other_fields_belong_to_the_block():
    text = (
        "Received: from mx.example.org (mx.example.org [192.0.2.1])\n"
        "\tby lists.example.org with ESMTP id 42\n"
        "\tfor <garden@lists.example.org>; Tue, 4 Mar 2025 09:12:05 +0100\n"
        "From: =?utf-8?q?Zo=C3=AB_Achterberg?= <zoe@example.nl>\n"
        "Subject: =?iso-8859-1?q?Re=3A_Caf=E9?= rota and a subject\n"
        " folded over two lines\n"
        "Date: Tue, 4 Mar 2025 09:12:00 -0500 (EST)\n"
        "Message-ID:\n <rota-2@\n example.nl>\n"
        "In-Reply-To: <rota-1@example.org> (Alice Example's message of \"Tue, 4 Mar 2025\")\n"
        "References: <rota-0@example.org>\n\t<rota-1@example.org>\n"
        "X-Mailing-List: garden@lists.example.org\n"
        "MIME-Version: 1.0\n"
        "\n"
        "Fine by me.\n"
    )
    (k, count, f), = rfc(text)
    assert (k, count) == (0, 15)
    assert f["author"] == "Zoë Achterberg"
    assert f["reply_subject"] is True
    assert f["posted_at"] == datetime(2025, 3, 4, 14, 12, tzinfo=UTC)
    assert f["message_id"] == "<rota-2@example.nl>"
    assert f["in_reply_to"] == "<rota-1@example.org>"
    assert f["references"] == ["<rota-0@example.org>", "<rota-1@example.org>"]
    # In-Reply-To names the parent: no depth, and no topic to fall back on
    assert "depth" not in f and "topic" not in f
    unthreaded = text.replace("In-Reply-To: <rota-1@example.org> (Alice Example's message of \"Tue, 4 Mar 2025\")\n", "")
    unthreaded = unthreaded.replace("References: <rota-0@example.org>\n\t<rota-1@example.org>\n", "")
    (k, count, f), = rfc(unthreaded)
    assert count == 12 and f["topic"] == "café rota and a subject folded over two lines"


def test_header_without_date_needs_a_message_id():
    no_date = MESSAGE.replace("Date: Tue, 4 Mar 2025 09:12:00 +0100\n", "")
    (k, count, f), = rfc(no_date)
    assert count == 4 and "age" not in f and "posted_at" not in f and f["author"] == "Alice Example"
    neither = no_date.replace("Message-ID: <rota-1@example.org>\n", "")
    assert rfc(neither) == []


@pytest.mark.parametrize(
    "date,expected",
    [
        ("Date: not a date at all", None),  # kept as printed, no datetime
        ("Date: Tue, 31 Nov 2025 09:12:00 +0100", None),  # an impossible day
        ("Date: Tue, 4 Mar 2025 09:12:00 +2500", datetime(2025, 3, 4, 9, 12)),  # an impossible zone: naive
        ("Date: Tue Mar  4 09:12:00 BST 2025", datetime(2025, 3, 4, 8, 12, tzinfo=UTC)),  # a zone email.utils reads as UTC
        ("Date: Thu Jun 12 2025 - 08:02:11 CEST", datetime(2025, 6, 12, 6, 2, 11, tzinfo=UTC)),  # hypermail
        ("Date: Tue, 4 Mar 2025 09:12:00", datetime(2025, 3, 4, 9, 12)),  # no zone: naive
    ],
)
def test_garbage_and_odd_dates_never_raise(date, expected):
    found = rfc(MESSAGE.replace("Date: Tue, 4 Mar 2025 09:12:00 +0100", date))
    assert len(found) == 1
    f = found[0][2]
    assert f["age"] == date[6:]
    assert f.get("posted_at") == expected
    if expected is not None:
        assert (f["posted_at"].tzinfo is None) == (expected.tzinfo is None)


@pytest.mark.parametrize(
    "value,author",
    [
        ("Alice Example <alice@example.org>", "Alice Example"),
        ('"Lund, Pia" <pia@example.org>', "Lund, Pia"),
        ("alice@example.org", "alice@example.org"),
        ("<alice@example.org>", "alice@example.org"),
        ("alice@example.org (Alice Example)", "Alice Example"),
        ("Alice Example via llvm-dev <llvm-dev@lists.llvm.org>", "Alice Example"),
        ('"Alice Example via groups.io" <noreply@groups.io>', "Alice Example"),
        ("'Pia Lund' via Compost Group <compost@googlegroups.com>", "Pia Lund"),
        ("[devel] Pia Lund <pia@example.org>", "Pia Lund"),
        ("Pia Lund [devel] <pia@example.org>", "Pia Lund"),
        ("Michiel Buddingh' <m@example.org>", "Michiel Buddingh'"),
        ("=?utf-8?b?Wm/DqyBBY2h0ZXJiZXJn?= <zoe@example.nl>", "Zoë Achterberg"),
        ("=?x-unknown?q?Zo=C3=AB?= <zoe@example.nl>", "=?x-unknown?q?Zo=C3=AB?="),
        ("Pia Lund pia.lund at example.org", "Pia Lund"),  # an archive's obfuscated form
        ("Marta K (marta at example.net)", "Marta K"),
    ],
)
def test_sender_names(value, author):
    assert mail.parse_from(value) == author


def test_message_ids():
    assert mail.message_ids("<a@b> <c@d>\t<e@\n f>") == ["<a@b>", "<c@d>", "<e@f>"]
    assert mail.message_ids("a@b") == ["<a@b>"]
    assert mail.message_ids("<yes>\t<a@b>") == ["<yes>", "<a@b>"]
    assert mail.message_ids("no ids here") == [] and mail.message_ids("<unclosed@x") == ["<unclosed@x>"]


@pytest.mark.parametrize(
    "line,ok",
    [
        ("From mboxrd@z Thu Jan  1 00:00:00 1970", True),
        ("From alice@example.org Tue Mar  4 09:12:00 2025", True),
        ("From stephenfinucane@gmail.com Sun Sep 11 23:22:13 2016", True),
        ("From MAILER-DAEMON Fri Jul  8 12:08:34 2011", True),
        ("From my experience the oven is at 10:30 too hot", False),
        ("From: alice@example.org", False),
        (">From mboxrd@z Thu Jan  1 00:00:00 1970", False),
        ("From mboxrd@z", False),
    ],
)
def test_mbox_separator(line, ok):
    assert mail.mbox_separator(line) is ok


def test_mbox_separator_opens_the_header_mark():
    text = "From alice@example.org Tue Mar  4 09:12:00 2025\n" + MESSAGE
    (k, count, f), = rfc(text)
    assert (k, count) == (0, 6) and f["author"] == "Alice Example"
    # with a separator, a block without From:/Date: is still a message
    text = "From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: Compost rota\n\nHello.\n"
    (k, count, f), = rfc(text)
    assert (k, count) == (0, 2) and "author" not in f


def test_a_header_block_after_a_body_is_a_new_message():
    reply = (
        "\nFrom: Bob Stone <bob@example.org>\nSubject: Re: Compost rota\nDate: Tue, 4 Mar 2025 10:40:12 +0000\n"
        "\n> Can everyone take one Saturday a month?\n\nYes.\n"
    )
    found = rfc(MESSAGE + reply)
    assert [(k, n) for k, n, _ in found] == [(0, 5), (8, 3)]
    assert found[1][2]["author"] == "Bob Stone" and found[1][2]["reply_subject"] is True


@pytest.mark.parametrize(
    "embedded",
    [
        # quoted or indented
        "> From: Bob Stone <bob@example.org>\n> Subject: Re: Compost rota\n> Date: Tue, 4 Mar 2025 10:40:12 +0000\n",
        "    From: Bob Stone <bob@example.org>\n    Subject: Re: Compost rota\n    Date: Tue, 4 Mar 2025 10:40:12 +0000\n",
        # forwarded, Outlook
        "---------- Forwarded message ---------\nFrom: Bob Stone <bob@example.org>\n"
        "Date: Tue, 4 Mar 2025 10:40:12 +0000\nSubject: Compost rota\nTo: <garden@lists.example.org>\n",
        "-----Original Message-----\nFrom: Bob Stone <bob@example.org>\nSent: Tuesday, March 4, 2025 10:40 AM\n"
        "To: garden\nSubject: Compost rota\n",
        "Begin forwarded message:\n\nFrom: Bob Stone <bob@example.org>\nSubject: Compost rota\n"
        "Date: Tue, 4 Mar 2025 10:40:12 +0000\n",
        # a top-posted copy with a human date
        "From: Bob Stone <bob@example.org>\nDate: Tuesday, 4 March 2025 at 10:40\nSubject: Compost rota\n",
    ],
    ids=["quoted", "indented", "forwarded", "outlook", "apple", "human-date"],
)
def test_embedded_header_blocks_stay_text(embedded):
    text = MESSAGE + "\nSee below.\n\n" + embedded + "\nPlease fill in the rota.\n"
    assert [k for k, _, _ in rfc(text)] == [0]


@pytest.mark.parametrize(
    "separator", ["", "----- Message 2 -----\n", "========================================\n", "* * *\n"]
)
@pytest.mark.parametrize("date", ["Tue, 4 Mar 2025 10:40:12 +0000", "2025-03-04T10:40:12Z", "2025-03-04 10:40:12"])
def test_dump_separators_and_machine_dates_open_a_new_message(separator, date):
    reply = f"\n{separator}From: Bob Stone <bob@example.org>\nSubject: Re: Compost rota\nDate: {date}\n\nYes.\n"
    found = rfc(MESSAGE + reply)
    assert len(found) == 2 and found[1][2]["author"] == "Bob Stone"
    assert found[1][2]["posted_at"].replace(tzinfo=None) == datetime(2025, 3, 4, 10, 40, 12)


def test_in_body_header_of_a_patch_joins_the_mark():
    text = (
        "From mboxrd@z Thu Jan  1 00:00:00 1970\n" + MESSAGE.split("\n\n")[0] + "\n\n"
        "From: Alice Other <alice@example.com>\n\nFix the oven timer.\n"
    )
    (k, count, f), = rfc(text)
    assert count == 8 and f["author"] == "Alice Example"
    quoted = text.replace("Fix the oven timer.", "> the timer is broken\n\nApplied.")
    assert rfc(quoted)[0][1] == 6


def test_forward_prefix_starts_a_thread():
    (_, _, f), = rfc(MESSAGE.replace("Subject: Compost rota", "Subject: [garden] Fwd: Compost rota"))
    assert f["reply_subject"] is False and f["depth"] == 0
    (_, _, f), = rfc(MESSAGE.replace("Subject: Compost rota", "Subject: AW: [garden] Compost rota"))
    assert f["reply_subject"] is True and "depth" not in f


def test_digest_contents_and_separators_are_chrome():
    text = read(FIXTURES / "mail" / "mailman_digest.txt")
    m = marks(text)
    kinds = [(k + 1, v[0], v[1]) for k, v in sorted(m.items())]
    assert (7, "meta", 10) in kinds and (19, "navigation", 8) in kinds
    assert [k for k, kind, _ in kinds if kind == "header"] == [1, 28, 42, 56]
    assert [k for k, kind, n in kinds if kind == "meta" and n == 1] == [40, 54, 68]


def test_mime_boundary():
    assert mail.mime_boundary('multipart/mixed;\n boundary="------------abc123"') == "------------abc123"
    assert mail.mime_boundary("multipart/alternative; boundary=alt-42; charset=x") == "alt-42"
    assert mail.mime_boundary("text/plain; charset=utf-8") is None
    assert mail.mime_boundary("multipart/mixed; boundary=") is None


def test_mime_parts_are_meta_and_the_plain_part_is_text():
    text = read(FIXTURES / "mail" / "mime_multipart.txt")
    thread = threadparse.parse(text)
    c1, c2 = thread.comments
    assert [b.kind for b in c1.blocks] == ["prose"] and "every morning" in c1.blocks[0].text
    assert sum(ch.kind == "meta" for ch in thread.chrome) == 9
    assert c2.blocks[0].text == "<p>I take Mondays.</p>"  # an HTML-only message keeps its words
    # an unclosed multipart keeps its text too
    cut = text[: text.index("--------------abc123\nContent-Type: application/pdf")]
    assert "every morning" in threadparse.parse(cut).comments[0].blocks[0].text


# --------------------------------------------------------------------------- detection of raw mail


def test_two_plain_emails_are_mail_and_two_comments():
    text = (
        "From: Alice Example <alice@example.org>\nDate: Tue, 4 Mar 2025 09:12:00 +0000\nSubject: Compost rota\n\n"
        "Can everyone take one Saturday a month at the compost bays?\n\nAlice\n\n"
        "From: Bob Stone <bob@example.org>\nDate: Tue, 4 Mar 2025 10:40:00 +0000\nSubject: Re: Compost rota\n\n"
        "> Can everyone take one Saturday a month at the compost bays?\n\nYes, put me down for April.\n\nBob\n"
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "mail"
    assert [(c.speaker.name, c.parent_id) for c in thread.comments] == [("Alice Example", None), ("Bob Stone", "c1")]


def test_a_forum_post_quoting_one_from_line_is_not_mail():
    text = (
        "Posted by pia on 4 March\n\nMy mail client shows this header:\n\nFrom: Alice Example <alice@example.org>\n\n"
        "and then nothing. Any idea?\n\nPosted by tomas on 5 March\n\nCheck the spam folder.\n"
    )
    assert score(text) < dialects.DETECTION_THRESHOLD


@pytest.mark.parametrize("name", ["rfc822_1.txt", "mbox_1.txt", "mbox_2.txt"])
def test_real_raw_mail_is_detected(name):
    path = REALPAGES / name
    if not path.exists():
        pytest.skip("the shared real pages are not beside the repository")
    assert threadparse.parse(read(path)).dialect.name == "mail"


# --------------------------------------------------------------------------- threads end to end


def test_plain_pair_parent_by_in_reply_to():
    thread = threadparse.parse(read(FIXTURES / "mail" / "rfc822_plain_pair.txt"))
    c1, c2 = thread.comments
    assert c1.parent_status == "top-level" and c2.parent_status == "reply"
    assert c2.parent_id == "c1" and c2.parent_evidence.method == "in-reply-to"


def test_mbox_tree_every_parent_exact():
    thread = threadparse.parse(read(FIXTURES / "mail" / "mbox_branching.txt"))
    assert [c.parent_id for c in thread.comments] == [None, "c1", "c1", "c2", "c3", "c4"]
    assert [c.parent_evidence.method for c in thread.comments[1:]] == ["in-reply-to"] * 5
    assert [c.speaker.name for c in thread.comments] == [
        "Pia Lund", "Zoë Achterberg", "Tomas Ruiz", "Pia Lund", "Ilse Vos", "Ilse Vos"
    ]


def test_parent_outside_the_dump_is_unknown():
    thread = threadparse.parse(read(FIXTURES / "mail" / "missing_parent.txt"))
    c1, c2 = thread.comments
    assert c1.parent_status == "top-level"
    assert c2.parent_id is None and c2.parent_status == "unknown"


def test_references_ancestor_is_not_the_parent():
    text = read(FIXTURES / "mail" / "missing_parent.txt").replace(
        "In-Reply-To: <benches-2@example.com>\n",
        "In-Reply-To: <benches-2@example.com>\nReferences: <benches-1@example.org> <benches-2@example.com>\n",
    )
    assert threadparse.parse(text).comments[1].parent_status == "unknown"


def test_real_mbox_parents():
    path = REALPAGES / "mbox_2.txt"
    if not path.exists():
        pytest.skip("the shared real pages are not beside the repository")
    thread = threadparse.parse(read(path))
    assert [c.parent_id for c in thread.comments] == [None, "c1", "c1", "c1", "c1", "c5", "c1"]
    assert [c.speaker.name for c in thread.comments][-2:] == ["Follow Upper", "Cover Upper"]


# --------------------------------------------------------------------------- corpus threads as raw mail


@pytest.mark.parametrize("mbox", [True, False], ids=["mbox", "rfc822"])
def test_corpus_threads_as_raw_mail(mbox):
    corpus = SHARED / "corpus"
    if not (corpus / "mail_notmuch.jsonl").exists():
        pytest.skip("the shared corpus is not beside the repository")
    total, per = measure(str(corpus), mbox=mbox)
    values = total.values()
    assert len(per) >= 20
    # measured 0.993 / 1.0 / 1.0 (docs: the report of the mail branch)
    assert values["segmentation"] >= 0.98, values
    assert values["speakers"] >= 0.99, values
    assert values["reply_to"] >= 0.99, values
    assert values["dialect"] == 1.0


def test_rendered_corpus_gold_is_valid():
    corpus = SHARED / "corpus"
    if not (corpus / "mail_notmuch.jsonl").exists():
        pytest.skip("the shared corpus is not beside the repository")
    from threadparse.testing import gold_problems, load_corpus

    threads = load_corpus(corpus, sources=["mail_notmuch"], order="file")
    for comments in list(threads.values())[:8]:
        text, gold = render_mail(comments, mbox=True)
        assert gold_problems(text, gold) == []


# --------------------------------------------------------------------------- totality on mail-ish text


_MAILISH = st.lists(
    st.sampled_from([
        "From: Pia Lund <pia@example.org>", "From: =?utf-8?q?Zo=C3=AB?= <z@x.nl>", "From: a@b", "From:",
        "Date: Tue, 4 Mar 2025 09:12:00 +0100", "Date: Tue Mar  4 09:12:00 UTC 2025", "Date: garbage",
        "Date: Tue, 31 Nov 2025 99:99:99 +9999", "Subject: Re: x", "Subject: [l] Fwd: y", "Subject: =?bad?q?x?=",
        "Message-ID: <a@b>", "Message-ID: <", "In-Reply-To: <a@b>", "In-Reply-To: <zz@b>", "References: <a@b> <c@d>",
        "Received: from x", " by y", "\tfor z", "X-Mailer: m", "Message: 1",
        "From mboxrd@z Thu Jan  1 00:00:00 1970", "From x Tue Mar  4 09:12:00 2025", "From here on",
        "---------- Forwarded message ---------", "-----Original Message-----", "Sent: Monday",
        "------------------------------", "Today's Topics:", "   1. Re: x (Pia)", "End of x Digest",
        "> From: q@r", "> quoted", "-- ", "--", "Pia", "text", "", "", "", "On Tue, Pia wrote:",
        "Content-Type: multipart/mixed; boundary=b", "Content-Type: multipart/alternative;", ' boundary="b"',
        "Content-Type: text/html", "Content-Transfer-Encoding: base64", "--b", "--b--",
    ]),
    max_size=60,
).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MAILISH)
def test_mark_lines_total_on_mailish_text(text):
    lines = split_lines(text)
    m = MAIL.mark_lines(text, lines)
    assert 0.0 <= MAIL.score(text, lines) <= 1.0
    taken = bytearray(len(lines))
    for k, mark in m.items():
        assert 0 <= k < len(lines) and mark.lines >= 1 and k + mark.lines <= len(lines)
        assert not any(taken[k : k + mark.lines]), (k, mark)
        taken[k : k + mark.lines] = b"\x01" * mark.lines
    thread = threadparse.parse(text, dialect="mail")
    threadparse.verify(thread, text)


@pytest.mark.parametrize(
    "text",
    [
        "From: a@b\nDate: Tue, 4 Mar 2025 09:12:00 +0000\nSubject: x\n" * 10_000,
        "From: a@b\n" + " folded\n" * 100_000,
        "X-A: b\n" * 100_000,
        "From mboxrd@z Thu Jan  1 00:00:00 1970\n" * 10_000,
        "References: " + "<a@b> " * 200_000 + "\n",
        "From: " + "=?utf-8?q?" * 20_000 + "\n",
        ("Today's Topics:\n" + "   1. x\n" * 300) * 100,
        MESSAGE.replace("Message-ID", "Content-Type: multipart/mixed; boundary=b\nMessage-ID")
        + ("--b\nContent-Type: multipart/alternative; boundary=b\n\n" * 30_000),
    ],
    ids=["many-blocks", "long-fold", "many-fields", "separators", "long-references", "encoded-words", "topics",
         "mime-parts"],
)
def test_pathological_mail_inputs_stay_fast(text):
    lines = split_lines(text)
    start = time.perf_counter()
    MAIL.score(text, lines)
    MAIL.mark_lines(text, lines)
    assert time.perf_counter() - start < 5.0


def test_one_pipermail_page_with_its_heading_is_mail():
    text = (
        "Benches at the Wick Street stop\n\nMarta Kowalczyk marta.k at example.net\nThu Jun 12 08:02:11 BST 2025\n\n"
        "On Wed, Jun 11, 2025 at 9:40 PM, Henrik Aas <henrik at example.org> wrote:\n> Does anyone object?\n\n"
        "Yes: the older residents use them every morning.\n"
    )
    thread = threadparse.parse(text)
    assert thread.dialect.name == "mail"
    (c,) = thread.comments
    assert c.header.span.start == 0 and c.speaker.name == "Marta Kowalczyk"
    # the heading drops "Re:": no depth, so no top-level claim
    assert c.header.depth is None and c.parent_status == "unknown"
    assert c.header.posted_at == datetime(2025, 6, 12, 7, 2, 11, tzinfo=UTC)


def test_a_body_ending_in_an_emoji_shortcode_does_not_make_the_next_message_a_forward():
    # "... :+1:" ends with a colon like "Begin forwarded message:", but it is
    # an emoji: the header block under it is the next message.
    text = (
        "Date: Fri, 29 Nov 2019 04:41:02 +0530\nFrom: Pia Lund <pia@example.org>\n"
        "To: garden@lists.example.net\nSubject: Re: rota\nMessage-ID: <p1@example.org>\n\n"
        "Nice! Glad the new rota works for everyone. :+1:\n\n"
        "Date: Wed, 20 May 2020 07:52:16 -0800\nFrom: Tomas Berg <tomas@example.org>\n"
        "To: garden@lists.example.net\nSubject: Re: rota\nMessage-ID: <t1@example.org>\n\n"
        "Can we swap the first two weeks of June?\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    assert [c.speaker.name for c in t.comments] == ["Pia Lund", "Tomas Berg"]
    assert not [q for c in t.comments for q in c.quotes]


def test_a_hypermail_page_with_its_title_a_blank_line_above_the_sender():
    # One archived message: the subject as the page title, a blank line, then
    # From:/Date: with the address obfuscated, navigation around the body.
    text = (
        "Re: Crawling glaze\n\n"
        "From: Bo Lindqvist (bo_at_example.org)\nDate: Wed Mar 02 2022 - 09:40:02 CET\n\n"
        '    * Next message: Ines Varga: "Re: Crawling glaze"\n'
        '    * Previous message: Ines Varga: "Crawling glaze"\n\n'
        "Ines Varga wrote:\n> My celadon keeps crawling near the rim. Is it too thick?\n\n"
        "Probably dust on the bisque. Sponge it first.\n"
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    assert t.dialect.name == "mail"
    (c,) = t.comments
    assert c.speaker.name == "Bo Lindqvist"
    assert c.header is not None and c.header.text.startswith("Re: Crawling glaze")
    assert c.parent_status == "unknown"  # "Re:": a reply to a message not in the dump, not a thread's root


def test_a_sentence_that_mentions_the_original_is_no_forward_line():
    # "-----Original Message-----" and "Begin forwarded message:" are lines of
    # a few words; a message that ends on a sentence about "the original
    # entry" introduces no embedded copy: the next header block is a message.
    text = (
        "Date: Thu, 08 Jan 2026 20:23:48 +0100\nFrom: \"Wren Abbot\" <wren@lists.example.net>\n"
        "Subject: [garden] Raised beds\nMessage-ID: <a1@example.net>\n\n"
        "This thread is a companion to the original entry at https://example.net/raised-beds\n\n"
        "Date: Sun, 11 Jan 2026 02:29:07 +0530\nFrom: \"Ines Varga\" <ines@lists.example.net>\n"
        "Subject: [garden] Raised beds\nMessage-ID: <a2@example.net>\n\n"
        "Larch lasts ten years here; pine went soft in three winters.\n"
    )
    thread = threadparse.parse(text)
    assert [c.speaker.name for c in thread.comments] == ["Wren Abbot", "Ines Varga"]
    forwarded = text.replace("This thread is a companion to the original entry at https://example.net/raised-beds",
                             "See below.\n\n-------- Original Message --------")
    assert len(threadparse.parse(forwarded).comments) == 1


def test_a_bug_trackers_notification_is_the_commenters():
    # Bugzilla mails a comment from its daemon; the writer is in
    # X-Bugzilla-Who and on the body's first line, with a name or without.
    def mail(who_line, who_addr, body, mid):
        return (
            "From: bugzilla-daemon@bugs.example.org\nTo: kettle-devel@lists.example.org\n"
            f"Subject: [Bug 2064] kettle scale sensor reads zero\nDate: Wed, 12 Feb 2020 15:57:05 +0000\n"
            f"X-Bugzilla-Who: {who_addr}\nMessage-ID: <bug-2064-{mid}@bugs.example.org/>\n\n"
            f"https://bugs.example.org/show_bug.cgi?id=2064\n\n--- Comment #{mid} from {who_line} ---\n{body}\n\n"
        )

    text = "From bugzilla-daemon@bugs.example.org Wed Feb 12 15:57:05 2020\n" + mail(
        "Ines Varga (ines@example.org)", "ines@example.org", "The sensor reads zero after descaling.", 3
    ) + "From bugzilla-daemon@bugs.example.org Wed Feb 12 16:20:00 2020\n" + mail(
        "tomas@example.org", "tomas@example.org", "> The sensor reads zero after descaling.\n\nDry it first.", 4
    )
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    assert t.dialect.name == "mail"
    assert [c.speaker.name for c in t.comments] == ["Ines Varga", "tomas@example.org"]
    # a daemon's mail without the tracker's field keeps its sender
    plain = text.replace("X-Bugzilla-Who", "X-Mailer")
    assert [c.speaker.name for c in threadparse.parse(plain).comments] == ["bugzilla-daemon@bugs.example.org"] * 2
