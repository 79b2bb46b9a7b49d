"""Stage 4, the speaker attributor: comments, who wrote them, whom they answer.

Reads every earlier layer and adds ``comments``. In order:

1. **Comments.** Units between duplicates and chrome are grouped into
   comments. With headers, each header opens a comment. Without them, a new
   comment opens at a strong cue from the segmenter (a layout break, a
   salutation, the unit after a sign-off), after a duplicate stretch, and at a
   quote of text from the comment being built (nobody quotes themselves).
2. **Speakers and addressees.** Names from headers and sign-offs; addressees
   from salutations and ``@mentions``.
3. **Parents**, each with its evidence: a depth cue from the header
   (``depth-marker``), mail In-Reply-To/References, the chat dialect's
   reply links, a header's "in reply to bob" (``reply-to-header``), the
   comment that wrote the words it quotes (``quote``; a quote inside a
   paragraph, after the writer's own words, only of the comment just
   before), the author named in an
   attribution line (``attribution``), an ``@name`` opening a paragraph
   (``mention``), a greeting to the writer of the comment just before
   (``addressing``), a ``Re:`` subject (``topic``). A name-based method links
   only when the name singles out one comment. Without evidence the parent is
   unknown: reading order alone is no evidence of a reply.
4. **Inferred speakers** for comments without a name: a reply written in the
   second person to a comment that addressed exactly one person is by that
   person (``addressed-by-parent``); in a back-and-forth, a reply to X's reply
   to Y is Y's (``alternation``).
"""

from __future__ import annotations

import unicodedata
from bisect import insort
from datetime import datetime

import regex

from .document import CommentDraft, Document
from .induce import UI_WORDS
from .text import WROTE

_SECOND_PERSON = regex.compile(r"\b(?:you|your|yours|yourself)\b", regex.I)
_BOUNDARY = 0.5  # summed cue strength at which a headerless comment starts
_ATTRIBUTION_CUE = 0.3


class SpeakerAttributor:
    """Assemble comments, then attribute speakers, addressees and parents."""

    name = "speakers"
    reads = ("units", "cues", "addressing", "dialect", "quotes", "attributions", "duplicate_of")
    writes = ("comments",)

    def __call__(self, doc: Document) -> None:
        comments, unit_comment = _assemble(doc)
        doc.comments = comments
        confirmed = _confirmed_names(doc)
        headerless = not any(u.kind == "header" for u in doc.units)
        for c in comments:
            _names(doc, c, confirmed, headerless)
        # One pass in reading order: a comment's parent may depend on speakers
        # inferred for earlier comments, and its own inferred speaker on its parent.
        _parents(doc, comments, unit_comment)


def _assemble(doc: Document) -> tuple[list[CommentDraft], dict[int, int]]:
    """Group units into comments, in one pass over the units."""
    has_headers = any(u.kind == "header" for u in doc.units)
    comments: list[CommentDraft] = []
    unit_comment: dict[int, int] = {}
    cur: CommentDraft | None = None
    after_dup = False
    pending_names: list[str] = []  # from attribution lines, for the next comment text
    pending_replied: list[str] = []  # ... of the "On <date>, X wrote:" kind
    pending_units: list[int] = []  # attribution lines waiting for their comment
    pending_cue = 0.0
    last_quote: tuple[int, int] | None = None  # (source comment, source start) in cur
    for u in doc.units:
        if u.index in doc.duplicate_of:
            after_dup = True
            continue
        att = doc.attributions.get(u.index)
        if att is not None:
            if not pending_units:
                # an attribution line at a block start hints at a new reply
                pending_cue += _ATTRIBUTION_CUE + doc.cue_strength(u.index)
            pending_units.append(u.index)
            if att.name and att.name not in pending_names:
                pending_names.append(att.name)
            if att.name and att.style != "user-colon" and att.name not in pending_replied:
                pending_replied.append(att.name)  # mail answers the message it quotes
            continue
        if u.kind == "chrome":
            continue
        if u.kind == "header":
            fields = u.header or {}
            if fields.get("trailer"):
                if cur is not None and cur.header_unit is None and cur.units:
                    cur.header_unit = u.index  # the header closes the comment it follows
                # else: the trailer of a duplicated comment; it stays chrome
                cur = None
                continue
            cur = CommentDraft(units=[], header_unit=u.index)
            comments.append(cur)
            after_dup, pending_cue, last_quote = False, 0.0, None
            continue
        q = doc.quotes.get(u.index)
        src_comment = None
        if q is not None and q.source_unit is not None:
            src_comment = unit_comment.get(doc.duplicate_of.get(q.source_unit, q.source_unit))
        new = cur is None
        opener_only = cur is not None and len(cur.units) == 1 and _is_opener(doc, cur.units[0])
        continues = (  # the next point of a point-by-point reply
            src_comment is not None
            and last_quote is not None
            and last_quote[0] == src_comment
            and q.source_start >= last_quote[1]
        )
        if not new and not has_headers and not opener_only and (cur.units or pending_units):
            if after_dup:
                new = True
            elif not continues and doc.cue_strength(u.index) + pending_cue >= _BOUNDARY:
                new = True
            elif src_comment is not None and src_comment == len(comments) - 1:
                new = True  # nobody quotes themselves: this is a reply
            elif (
                src_comment is not None
                and last_quote is not None
                and last_quote[0] == src_comment
                and q.source_start < last_quote[1]
            ):
                new = True  # a point-by-point reply walks forward through its source
        if new:
            cur = CommentDraft(units=[])
            comments.append(cur)
            last_quote = None
        cur.units.append(u.index)
        cur.attribution_units.extend(pending_units)
        unit_comment[u.index] = len(comments) - 1
        if src_comment is not None:
            last_quote = (src_comment, q.source_start)
            name = q.attribution_name or (pending_names[-1] if pending_names else None)
            if name:
                cur.quoted_speakers.append((q.source_unit, name))
        if q is not None and q.attribution_name and q.attribution_name not in pending_names:
            pending_names.append(q.attribution_name)
        if pending_names:
            cur.attributed.extend(n for n in pending_names if n not in cur.attributed)
        cur.replied_to.extend(n for n in pending_replied if n not in cur.replied_to)
        pending_names, pending_units, pending_cue, pending_replied = [], [], 0.0, []
        after_dup = False
    if pending_units and cur is not None:
        cur.attribution_units.extend(pending_units)
    # A header whose whole body was a duplicate (a recaptured comment) is no
    # comment of its own: its header stays chrome.
    kept = [c for c in comments if c.units]
    if len(kept) != len(comments):
        unit_comment = {u: k for k, c in enumerate(kept) for u in c.units}
    return kept, unit_comment


def _is_opener(doc: Document, uid: int) -> bool:
    """A short unit that only greets ("Hi Pia,"): a comment cannot end on it."""
    u = doc.units[uid]
    return u.end - u.start <= 40 and any(
        kind == "salutation" for kind, _ in doc.addressing.get(uid, ())
    )


_LINKING_WORDS = frozenset("by on of to in at for from the a an and or".split())


def _names_someone(label: str) -> bool:
    """An attribution's label names a person unless every word of it is a UI
    word or a linking word (``Next by thread:`` over an archive's link)."""
    words = [w.casefold() for w in regex.findall(r"\w+", label)]
    return any(w not in UI_WORDS and w not in _LINKING_WORDS for w in words)


def _confirmed_names(doc: Document) -> set[str]:
    """Names the dump itself vouches for: header authors, greetings,
    @mentions, explicit sign-offs and attribution lines (case-folded, whole
    and first word). A line holding only a capitalised phrase is a speaker
    only when one of these confirms it: titles and UI words are not names."""
    names: list[str] = []
    for u in doc.units:
        if u.kind == "header" and u.header and u.header.get("author"):
            names.append(u.header["author"])
    for found in doc.addressing.values():
        names.extend(name for kind, name in found if name and kind != "signoff-bare")
    names.extend(a.name for a in doc.attributions.values() if a.name)
    out: set[str] = set()
    for name in names:
        folded = name.casefold().strip()
        out.add(folded)
        if folded.split():
            out.add(folded.split()[0])
    return out


def _names(doc: Document, c: CommentDraft, confirmed: set[str], headerless: bool) -> None:
    if c.header_unit is not None:
        fields = doc.units[c.header_unit].header or {}
        author = fields.get("author")
        if author:
            if fields.get("method") == "induced" or fields.get("author_method") == "induced":
                c.speaker_name, c.speaker_method, c.speaker_score = author, "induced-header", 0.85
            else:
                c.speaker_name, c.speaker_method, c.speaker_score = author, "header", 1.0
    seen: set[str] = set()
    for uid in c.units:
        if uid in doc.quotes and not doc.quotes[uid].inline:
            continue  # a greeting inside quoted text is the quoted author's
        for kind, name in doc.addressing.get(uid, ()):
            if not name:
                continue
            if kind in ("signoff", "signoff-bare"):
                # A bare name line signs a headerless message after its text
                # (mail); where headers name the authors, it is a title or a
                # button unless the dump confirms the name elsewhere.
                vouched = (
                    kind == "signoff"
                    or name.casefold() in confirmed
                    or (headerless and len(c.units) >= 2
                        and name.casefold() not in UI_WORDS)
                )
                if c.speaker_name is None and uid == c.units[-1] and vouched:
                    c.speaker_name, c.speaker_method, c.speaker_score = name, "signoff", 0.8
                continue
            key = name.casefold()
            if kind == "salutation" and name not in c.saluted:
                c.saluted.append(name)
            if kind == "mention" and name not in c.mentioned:
                c.mentioned.append(name)
            if key not in seen:
                seen.add(key)
                c.addressees.append(name)
    if c.speaker_name:
        me = c.speaker_name.casefold()
        c.addressees = [a for a in c.addressees if a.casefold() != me]


def _parents(doc: Document, comments: list[CommentDraft], unit_comment: dict[int, int]) -> None:
    structure = _Structure()
    by_name = _NameIndex(doc, comments)
    by_message_id: dict[str, int] = {}  # mail Message-ID -> comment
    by_topic: dict[str, list[int]] = {}  # mail subject -> comments on it
    linker = getattr(doc.dialect, "link_replies", None)
    linked = linker(doc, comments) if linker is not None else None
    quoters: dict[int, set[int]] = {}  # comment -> comments quoting its words
    for uid, q in doc.quotes.items():
        written = _written_in(doc, q) if q.source_unit is not None else None
        j, src = unit_comment.get(uid), unit_comment.get(written) if written is not None else None
        if j is not None and src is not None and j != src:
            quoters.setdefault(src, set()).add(j)
    for k, c in enumerate(comments):
        if k:
            by_name.note(k - 1)  # earlier comments only: names seen so far
        # Attribution lines name the author of the comment they quote.
        for source_unit, name in c.quoted_speakers:
            src = unit_comment.get(doc.duplicate_of.get(source_unit, source_unit))
            if src is not None and src != k and comments[src].speaker_name is None and _names_someone(name):
                s_ = comments[src]
                s_.speaker_name, s_.speaker_method, s_.speaker_score = name, "attribution", 0.8
                if src < k:
                    by_name.note(src)
        fields = (doc.units[c.header_unit].header or {}) if c.header_unit is not None else {}
        if fields.get("message_id"):
            by_message_id.setdefault(fields["message_id"], k)
        found = structure.place(k, fields)
        if found is None:
            found = _mail_parent(fields, by_message_id, k)
        if found is None and linked is not None and not fields.get("reply_to_author"):
            found = linked[k]  # (a header that names whom it answers is read below first)
            if found is not None and found[0] is None and found[1] == "new-conversation":
                # silence before it says nothing against a quote of an earlier message
                found = _quoted_parent(doc, c, k, unit_comment, comments, quoters, by_name=by_name) or found
        named_only = False  # the header names whom it answers, but not which comment
        if found is None and fields.get("reply_to_author"):
            # The header names whom it answers ("in reply to bob").
            found = _reply_to_header(doc, c, k, unit_comment, comments,
                                     by_name.candidates([fields["reply_to_author"]], k))
            named_only = found is None and bool(by_name.candidates([fields["reply_to_author"]], k))
        if found is None and fields.get("top_level"):
            found = (None, "no-reply-to-in-header", 0.8)
        if found is not None:
            parent, method, score = found
            if parent is None:
                c.parent_method, c.parent_score = method, score
            else:
                _set_parent(c, parent, method, score)
        elif named_only:
            pass  # several comments by the person it answers, none singled out: unknown
        elif (quoted := _quoted_parent(doc, c, k, unit_comment, comments, quoters, by_name=by_name)) is not None:
            # An attribution line names whom the writer answers; when it names
            # someone other than the author of the quoted comment, believe it.
            others = _others(c.replied_to, c.speaker_name)
            named = _single_out(by_name.candidates(others, k), k) if others else None
            quoted_author = comments[quoted[0]].speaker_name
            if named is not None and (
                quoted_author is None
                or quoted_author.casefold() != (comments[named].speaker_name or "").casefold()
            ):
                _set_parent(c, named, "attribution", 0.8)
            else:
                _set_parent(c, *quoted)
        elif (others := _others(c.replied_to, c.speaker_name)) and not any(
            (f := doc.quotes.get(u)) is not None and f.source_unit is not None for u in c.units
        ) and (named := _single_out(by_name.candidates(others, k), k)) is not None:
            # "On ..., Omar wrote:" over a quote the dump does not hold: the
            # writer answers Omar's message. (When the dump holds what it
            # quotes, the quote decided above; "Quote from <the writer>" over
            # the writer's own earlier words answers nobody.)
            _set_parent(c, named, "attribution", 0.7)
        elif c.addressees and linked is None:
            # Addressing someone answers them only when their comment is the
            # one just before: a greeting (``Hi Marta,``) or an ``@marta`` that
            # opens the comment. A name further up the thread, or an @mention
            # inside the text ("thanks to @bo"), may point at any of their
            # comments or at none, and the parent then stays unknown. Where
            # the dialect links replies itself (chat), its reading of an
            # address stands: what it left unknown stays unknown.
            target = by_name.latest(c.addressees, k)
            mentioned = _single_out(by_name.candidates(c.mentioned, k), k) if c.mentioned else None
            if mentioned is not None and _opens_with_mention(doc, c, comments[mentioned].speaker_name or ""):
                _set_parent(c, mentioned, "mention", 0.7)
            elif target is not None and target == k - 1 and any(
                same_person(n, comments[target].speaker_name or "") for n in c.saluted
            ):
                _set_parent(c, target, "addressing", 0.7)
        elif len(on_topic := by_topic.get(fields.get("topic") or "", ())) == 1 and _opens_topic(doc, comments[on_topic[0]]):
            # "Re: <subject>" with a single earlier message on that subject,
            # and that message opened it (no "Re:" of its own): a "Re:" before
            # it means the conversation began outside the dump, where this
            # message may answer any of it.
            _set_parent(c, on_topic[0], "topic", 0.7)
            # Nothing else: the parent stays unknown. Reading order alone is no
            # evidence of a reply (flat pages put unrelated comments in a row).
        if fields.get("topic"):
            by_topic.setdefault(fields["topic"], []).append(k)
        _infer_speaker(doc, comments, c)
        if c.parent is not None:
            by_name.note(c.parent)  # the parent may just have been named


def _reply_to_header(doc, c, k, unit_comment, comments, candidates):
    """The comment a header's "in reply to bob" points at, among bob's earlier
    comments (latest first), or ``None`` when the header does not single one out.

    One comment by bob: that one. Several: the one this comment quotes, else
    bob's comment just before this one (0.85), unless an earlier comment by
    bob is that comment's ancestor (:func:`_answered_higher_up`); otherwise
    the page does not show which of bob's comments is answered (the latest is
    often wrong on pages in time order, where bob's replies elsewhere come
    between).
    """
    if not candidates:
        return None
    quoted = _quoted_parent(doc, c, k, unit_comment, comments, among=set(candidates))
    if quoted is not None:
        return quoted[0], "reply-to-header", 0.9
    if len(candidates) == 1:
        return candidates[0], "reply-to-header", 0.9
    if candidates[0] == k - 1 and not _answered_higher_up(doc, comments, k):
        return candidates[0], "reply-to-header", 0.85
    return None


_ANCESTOR_HOPS = 64  # parent links followed up from the comment just before


def _answered_higher_up(doc: Document, comments: list[CommentDraft], k: int) -> bool:
    """Whether "in reply to bob" on comment ``k`` may answer an earlier
    comment by bob than bob's comment ``k - 1`` just before it.

    In a thread printed in tree order, a reply follows its parent's earlier
    replies: the comment before it is its parent or one of its parent's
    descendants. When bob wrote ``k - 1`` and also an ancestor of ``k - 1``
    (bob answered someone in a branch under his own comment), both are
    answered as often as not, and the page does not show which. Unless
    ``k - 1`` answers the writer of ``k`` (a back-and-forth: bob answered
    them, they answer bob), the comment just before is then no evidence.

    Nor is it when bob answers himself twice in a row: a series of replies
    to one earlier comment of his (patches under their cover letter) are
    siblings as often as a chain.
    """
    prev = comments[k - 1]
    bob, me = prev.speaker_name or "", comments[k].speaker_name or ""
    if not bob:
        return False
    fields = (doc.units[prev.header_unit].header or {}) if prev.header_unit is not None else {}
    answered = fields.get("reply_to_author") or (
        comments[prev.parent].speaker_name if prev.parent is not None else None
    )
    if me and same_person(me, bob) and answered and same_person(answered, bob):
        return True
    if me and not same_person(me, bob) and answered and same_person(answered, me):
        return False
    j = prev.parent
    for _ in range(_ANCESTOR_HOPS):
        if j is None:
            return False
        if same_person(comments[j].speaker_name or "", bob):
            return True
        j = comments[j].parent
    return False


def _opens_topic(doc: Document, c: CommentDraft) -> bool:
    """Whether a mail's subject starts its conversation (no ``Re:``): the
    header gives it depth 0."""
    fields = (doc.units[c.header_unit].header or {}) if c.header_unit is not None else {}
    return fields.get("depth") == 0


def _single_out(candidates: list[int], k: int) -> int | None:
    """The one comment a name points at among its writer's earlier comments
    (latest first): the only one, or the one just before comment ``k``."""
    if len(candidates) == 1 or (candidates and candidates[0] == k - 1):
        return candidates[0]
    return None


def _opens_with_mention(doc: Document, c: CommentDraft, name: str) -> bool:
    """Whether a paragraph of the comment's own text (quotes set aside) opens
    with ``@name``: the writer turns to that person. An @mention inside a
    sentence ("thanks to @bo") may only refer to them."""
    if not name:
        return False
    for uid in c.units:
        if uid in doc.quotes and not doc.quotes[uid].inline:
            continue
        u = doc.units[uid]
        m = _MENTION_HEAD.match(doc.text, u.start, min(u.end, u.start + 80))
        if m is not None and same_person(m.group("name"), name):
            return True
    return False


_MENTION_HEAD = regex.compile(r"[ \t]*@(?P<name>[\w][\w.\-]{0,38})")


def _mail_parent(fields: dict, by_message_id: dict[str, int], k: int):
    """In-Reply-To, then the nearest References entry in the dump, name the
    parent exactly; a message with a Message-ID and neither header starts a
    thread. A parent outside the dump is unknown (``None`` is returned)."""
    if not fields.get("message_id") and not fields.get("in_reply_to") and not fields.get("references"):
        return None
    target = fields.get("in_reply_to")
    if target:
        j = by_message_id.get(target)
        if j is not None and j != k:
            return j, "in-reply-to", 0.99
        return None  # the parent is named but not in the dump: unknown
    refs = fields.get("references") or ()
    if refs:
        # Without In-Reply-To, the last References entry is the parent.
        j = by_message_id.get(refs[-1])
        if j is not None and j != k:
            return j, "references", 0.95
        return None
    if not target and not fields.get("references") and not fields.get("reply_subject"):
        return None, "no-in-reply-to", 0.9
    return None


def _quoted_parent(doc, c, k, unit_comment, comments, quoters=None, among=None, by_name=None):
    """The earlier comment this one answers by quoting it: the one its first
    quote comes from, among the quotes that name their author.

    Only the outermost quotes count: text under ``> >`` is what the quoted
    author quoted, from further up the thread. A quote is evidence of a reply
    only to the comment that *wrote* the quoted words (:func:`_written_in`):
    words found inside another comment's quote were written elsewhere; a quote
    introduced by a name (``Omar wrote:``, ``Omar:``) that is not the writer's
    name, and a quote of the comment's own speaker, answer nobody in the dump.
    With ``quoters`` (comment -> the comments quoting its words), a comment
    that also quoted the other quoted words is credited with them: a reply
    quoting its parent and what the parent quoted answers the parent. With
    ``among``, only quotes of those comments count.

    Without ``among``, a quote set inside a paragraph (inline) is that
    evidence only where it comes before the writer's own words
    (:func:`_own_start`) or quotes the comment just before: words quoted in
    passing after the writer has spoken ("as Elliot put it: ...") cite a
    comment further up as often as they answer it. A quote set apart (a
    block) is a reply's own device, wherever it stands.
    """
    quoted: dict[int, tuple[int, float]] = {}
    opens: set[int] = set()  # quoted comments whose first quote comes before the writer's own words
    own: int | None = -1  # where the writer's own words begin; -1: not read yet
    direct = min((doc.quotes[u].depth for u in c.units if u in doc.quotes), default=1)
    introduced = {unit: name for unit, name in c.quoted_speakers}
    me = c.speaker_name
    order: list[int] = []  # quoted comments, in the order of their first quote
    for uid, q, first in ((uid, part, part is doc.quotes[uid]) for uid in c.units if uid in doc.quotes
                          for part in doc.quotes[uid].parts()):
        if q.source_unit is None or q.depth > direct:
            continue
        label = _inline_label(doc, q)
        written = _written_in(doc, q)
        held = unit_comment.get(q.source_unit)
        if (
            label is not None and held is not None and held != unit_comment.get(written)
            and comments[held].speaker_name and same_person(label, comments[held].speaker_name)
        ):
            # "Eternity: Apricus: <words>": the label names the comment the
            # words were taken from (which quoted them): that one is answered
            written = q.source_unit
        elif label is None and by_name is not None and (
            (opening := _NAME_LINE.match(doc.text, q.start if q.inline else doc.units[uid].start)) is not None
            and by_name.candidates([opening.group("name")], k)
        ):
            # the quoted words open with an author's label ("Elliot: <words>"):
            # the writer quotes that person, through whoever printed it here
            label = opening.group("name")
        src = unit_comment.get(written) if written is not None else None
        if src is None or src >= k or (among is not None and src not in among):
            continue
        author = comments[src].speaker_name
        other = _introduced_by(doc, written)
        if other is not None and (author is None or not same_person(other, author)):
            continue  # "Elliot:" over the words there: Elliot wrote them, elsewhere
        name = (
            q.attribution_name or label or introduced.get(q.source_unit)
            or (_introduced_by(doc, uid) if first else None)
        )
        if author is not None and (
            (name is not None and not same_person(name, author))
            or (me is not None and same_person(me, author))
        ):
            continue
        if src not in quoted:
            order.append(src)
            if q.inline and among is None and own == -1:
                own = _own_start(doc, c)  # read once, for the first inline quote
            if not q.inline or among is not None or own is None or q.start < own:
                opens.add(src)
        chars, score = quoted.get(src, (0, 0.0))
        size = (q.end - q.start) if q.inline else doc.units[uid].end - doc.units[uid].start
        quoted[src] = (chars + size, max(score, q.score))
    if not quoted:
        return None
    # A reply opens by quoting what it answers: the comment quoted first is
    # the parent, however much more of others it quotes further down.
    src = order[0]
    if quoters and len(quoted) > 1:
        # A reply that quotes its parent and, beside it, words the parent
        # itself quoted from further up answers the parent: when another
        # quoted comment had quoted the first words too, it is answered.
        holders = [j for j in quoters.get(src, ()) if j in quoted and j != src and j < k]
        if holders:
            src = max(holders, key=lambda j: (quoted[j][0], j))
    if among is None and src != k - 1 and src not in opens:
        return None
    return src, "quote", round(0.9 * quoted[src][1], 4)


def _own_start(doc: Document, c: CommentDraft) -> int | None:
    """Where the writer's own words in comment ``c`` begin (quotes and their
    ``name:`` labels set aside), or ``None`` when it holds none."""
    text = doc.text
    for uid in c.units:
        u = doc.units[uid]
        q = doc.quotes.get(uid)
        if q is None:
            if text[u.start : u.end].strip():
                return u.start
            continue
        if not q.inline:
            continue
        cursor = u.start
        for part in q.parts():
            before = part.label_start if part.label_start is not None else part.start
            if text[cursor:before].strip() and not _only_labels(text[cursor:before]):
                return cursor
            cursor = part.end
        if text[cursor : u.end].strip():
            return cursor
    return None


_CHAIN_HOPS = 8  # quotes of quotes followed back to the words' writer


def _written_in(doc: Document, q) -> int | None:
    """The unit whose writer wrote the words ``q`` quotes, or ``None``.

    The quote detector points a quote at the first place its words occur. When
    that place is itself quoted text (the words were quoted there from a post
    the dump does not hold, or from further up), the chain is followed back;
    if it ends in quoted text whose own source is not in the dump, nobody in
    the dump wrote the words. Bounded by ``_CHAIN_HOPS``.
    """
    unit, start, end = q.source_unit, q.source_start, q.source_end
    for _ in range(_CHAIN_HOPS):
        unit = doc.duplicate_of.get(unit, unit)
        there = doc.quotes.get(unit)
        if there is None:
            return unit
        if there.inline and start is not None and end is not None:
            inside = next((p for p in there.parts() if not (end <= p.start or start >= p.end)), None)
            if inside is None:
                return unit  # the words are the writer's own, beside the inline quotes
            there = inside
        if there.source_unit is None:
            return None
        unit, start, end = there.source_unit, there.source_start, there.source_end
    return None


_NAME_LINE = regex.compile(r"[ \t]*@?(?P<name>[\w][\w.\-]{0,38}(?:[ ][\w][\w.\-]{0,38}){0,2})[ \t]*:[ \t]*")
_LABEL_NAME = regex.compile(r"@?[\w][\w.\-]{0,38}(?:[ ][\w][\w.\-]{0,38}){0,2}")
_MAX_LABELS = 4


def _only_labels(piece: str) -> bool:
    """Whether ``piece`` is only quote labels: one to four names, each
    followed by a colon (``Eternity: ana45:``)."""
    piece = piece.strip()
    if not piece.endswith(":") or len(piece) > 200:
        return False
    names = piece[:-1].split(":")
    return len(names) <= _MAX_LABELS and all(_LABEL_NAME.fullmatch(n.strip()) for n in names)


_INTRO_LINE = regex.compile(r"(?P<name>\S{1,40}(?:[ ]\S{1,40}){0,3})[ ]" + WROTE + r":?")


def _inline_label(doc: Document, q) -> str | None:
    """The name of an inline quote's ``name:`` label (the quote detector
    records the label's span), or ``None``."""
    if not q.inline or q.label_start is None or q.label_placed:
        return None  # (a label known by its place only names nobody the dump confirms)
    m = _NAME_LINE.match(doc.text, q.label_start, q.label_end)  # "Eternity: Apricus:": the first
    return m.group("name") if m else None


def _introduced_by(doc: Document, unit: int) -> str | None:
    """The name on the line just before ``unit`` when that line only
    introduces a quote (``Elliot:``, ``Elliot said:``, an attribution line):
    the words of ``unit`` are then that person's, wherever they stand."""
    if unit <= 0:
        return None
    att = doc.attributions.get(unit - 1)
    if att is not None:
        return att.name
    before = doc.units[unit - 1]
    if before.kind not in ("text", "chrome") or before.end - before.start > 80:
        return None
    line = doc.text[before.start : before.end].strip()
    m = _INTRO_LINE.fullmatch(line) or _NAME_LINE.fullmatch(line)
    return m.group("name") if m else None


def _squash(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in plain if ch.isalnum())


squash_name = _squash
"""A name's letters and digits only, case-folded and without accents: two
written forms of one name compare equal (``Anonymous 105`` / ``anonymous105``)."""


def same_person(a: str, b: str) -> bool:
    """Whether two written forms of a name may be one person: equal once case,
    accents, spaces and marks are dropped (``Anonymous 105`` / ``anonymous105``),
    one a prefix of the other of at least three characters (``Enhex`` /
    ``enhex5631``), or the same first word (``Pia`` / ``Pia Lund``)."""
    x, y = _squash(a), _squash(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    if len(short) >= 3 and long_.startswith(short):
        return True
    wa, wb = a.casefold().split(), b.casefold().split()
    return bool(wa and wb and _squash(wa[0]) == _squash(wb[0]) and len(_squash(wa[0])) >= 2)


class _Structure:
    """Parents from the nesting cues headers print, in reading order.

    - ``depth``: exact depth; the parent is the latest comment one level up.
    - ``min_depth`` with ``has_prev``/``has_next`` (Hacker News prints
      ``parent`` and ``root | parent`` but not the depth): a deep comment with
      no earlier sibling is the first child of the comment before it; one with
      an earlier sibling sits at the depth of the nearest comment still
      expecting a later sibling.
    - ``descendants`` (Reddit's "(N children)"): the next N comments are the
      subtree, so the parent is the nearest ancestor with descendants to come.
    """

    def __init__(self) -> None:
        self.path: list[tuple[int, int]] = []  # (depth, comment) from the root down
        self.on_path: set[int] = set()
        self.open_next: dict[int, int] = {}  # depth -> comment awaiting a later sibling
        self.pending: list[list[int]] = []  # [comment, descendants still to come]

    def place(self, k: int, fields: dict):
        if "descendants" in fields:
            return self._by_descendants(k, fields)
        depth = fields.get("depth")
        method, score = "depth-marker", 0.95
        if depth is None and fields.get("min_depth") is not None:
            depth = self._infer_depth(fields)
            method, score = "depth-marker+siblings", 0.85
        if depth is None:
            return None
        depth = max(0, int(depth))
        # A layout that cannot nest deeper (``last_level``: Stack Exchange's
        # comment lists) prints a reply to an earlier comment at this level
        # next to it: after a sibling, the page does not show which is answered.
        after_sibling = bool(fields.get("last_level")) and bool(self.path) and self.path[-1][0] == depth
        while self.path and self.path[-1][0] >= depth:
            self.on_path.discard(self.path.pop()[1])
        for d in [d for d in self.open_next if d > depth]:
            del self.open_next[d]
        parent = self.path[-1][1] if self.path and self.path[-1][0] == depth - 1 else None
        self.path.append((depth, k))
        self.on_path.add(k)
        if fields.get("has_next"):
            self.open_next[depth] = k
        else:
            self.open_next.pop(depth, None)
        if parent is None and depth > 0:
            return None  # a reply whose parent is not in the dump (a skipped level)
        if after_sibling:
            return None  # other evidence (an @name, a quote) may still name it
        return parent, method, score

    def _infer_depth(self, fields: dict) -> int:
        floor = int(fields["min_depth"])
        prev_depth = self.path[-1][0] if self.path else -1
        if not fields.get("has_prev"):
            return max(floor, prev_depth + 1)
        candidates = [d for d, c in self.open_next.items() if d >= floor and c in self.on_path]
        return max(candidates) if candidates else max(floor, prev_depth)

    def _by_descendants(self, k: int, fields: dict):
        while self.pending and self.pending[-1][1] <= 0:
            self.pending.pop()
        parent = self.pending[-1][0] if self.pending else None
        for entry in self.pending:
            entry[1] -= 1
        self.pending.append([k, max(0, int(fields.get("descendants") or 0))])
        return parent, "descendant-count", 0.9


def _others(names, speaker):
    """``names`` without the speaker's own name."""
    if not names or not speaker:
        return names
    own = speaker.casefold()
    return [n for n in names if n.casefold() != own]


def _set_parent(c: CommentDraft, parent: int, method: str, score: float) -> None:
    c.parent, c.parent_method, c.parent_score = parent, method, score


class _NameIndex:
    """Earlier comments by each name, kept as comments are placed.

    A name is found by its spaceless fold, its first word, or its letters and
    digits without accents, so "@PiaLund" and "Pia" both name "Pia Lund" and
    "Elliot" names "Elliöt". Each name keeps its latest ``KEEP`` comments,
    so a lookup costs O(1) and a dump whose addressees match nobody stays
    linear (a backwards scan made it quadratic).

    A comment dated after the one being placed cannot be its parent: when
    both headers print an absolute time, such candidates are passed over.
    """

    KEEP = 8

    def __init__(self, doc: Document, comments: list[CommentDraft]) -> None:
        self.comments = comments
        self.by_key: dict[str, list[int]] = {}
        self.posted = [_posted(doc, c) for c in comments]

    def note(self, j: int) -> None:
        name = self.comments[j].speaker_name
        if not name:
            return
        folded = name.casefold()
        keys = {folded.replace(" ", ""), folded.split()[0] if folded.split() else folded}
        if (squashed := _squash(name)) and squashed not in keys:
            keys.add("~" + squashed)  # accents and marks dropped: "Elliot" for "Elliöt"
        for key in keys:
            found = self.by_key.setdefault(key, [])
            if j not in found:
                insort(found, j)
                if len(found) > self.KEEP:
                    del found[0]

    def candidates(self, names: list[str], k: int) -> list[int]:
        """Earlier comments by any of ``names`` not dated after comment ``k``, latest first."""
        found: set[int] = set()
        for n in names:
            key = n.casefold().replace(" ", "")
            found.update(self.by_key.get(key, ()))
            if squashed := _squash(n):
                found.update(self.by_key.get("~" + squashed, ()))
        when = self.posted[k]
        return sorted((j for j in found if j < k and not _later(self.posted[j], when)), reverse=True)

    def latest(self, names: list[str], k: int) -> int | None:
        found = self.candidates(names, k)
        return found[0] if found else None


def _posted(doc: Document, c: CommentDraft):
    fields = (doc.units[c.header_unit].header or {}) if c.header_unit is not None else {}
    when = fields.get("posted_at")
    return when if isinstance(when, datetime) else None


def _later(a, b) -> bool:
    """Whether time ``a`` is after time ``b`` (both known and comparable)."""
    if a is None or b is None or (a.tzinfo is None) != (b.tzinfo is None):
        return False
    return a > b


def _infer_speaker(doc: Document, comments: list[CommentDraft], c: CommentDraft) -> None:
    """Name anonymous authors from who addresses whom, once ``c`` has its parent.

    A reply that greets one person by name names its parent's author
    (``addressed-by-reply``). A reply that answers in the second person (or by
    the parent author's name) a comment that addressed exactly one person is
    by that person (``addressed-by-parent``); failing that, a reply to X's
    reply to Y is Y's (``alternation``).
    """
    if c.parent is None:
        return
    parent = comments[c.parent]
    mine = c.speaker_name.casefold() if c.speaker_name else None
    if parent.speaker_name is None and len(c.saluted) == 1 and c.saluted[0].casefold() != mine:
        parent.speaker_name = c.saluted[0]
        parent.speaker_method, parent.speaker_score = "addressed-by-reply", 0.5
    if c.speaker_name is not None:
        return
    text = doc.text
    own = parent.speaker_name.casefold() if parent.speaker_name else None
    names_parent = own is not None and any(a.casefold() == own for a in c.addressees)
    if not names_parent and not any(
        _SECOND_PERSON.search(text, doc.units[u].start, doc.units[u].end)
        for u in c.units
        if u not in doc.quotes
    ):
        return
    others = [a for a in parent.addressees if a.casefold() != own]
    if len(others) == 1:
        c.speaker_name, c.speaker_method, c.speaker_score = others[0], "addressed-by-parent", 0.6
    elif parent.speaker_name and parent.parent is not None:
        grand = comments[parent.parent]
        if grand.speaker_name and grand.speaker_name.casefold() != own:
            c.speaker_name, c.speaker_method, c.speaker_score = grand.speaker_name, "alternation", 0.4
