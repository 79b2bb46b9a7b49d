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
   (``depth-marker``), the comment it quotes (``quote``), the author named in
   an attribution line (``attribution``), a comment by someone it addresses
   (``addressing``), and, as the last resort, the previous comment (``order``).
4. **Inferred speakers** for comments without a name: a reply written in the
   second person to a comment that addressed exactly one person is by that
   person (``addressed-by-parent``); in a back-and-forth, a reply to X's reply
   to Y is Y's (``alternation``).
"""

from __future__ import annotations

import regex

from .document import CommentDraft, Document

_SECOND_PERSON = regex.compile(r"\b(?:you|your|yours|yourself)\b", regex.I)


class SpeakerAttributor:
    """Assemble comments, then attribute speakers, addressees and parents."""

    name = "speakers"
    reads = ("units", "cues", "addressing", "quotes", "attributions", "duplicate_of")
    writes = ("comments",)

    def __call__(self, doc: Document) -> None:
        comments, unit_comment = _assemble(doc)
        doc.comments = comments
        for c in comments:
            _names(doc, c)
        _parents(doc, comments, unit_comment)
        _infer_speakers(doc, comments)


def _assemble(doc: Document) -> tuple[list[CommentDraft], dict[int, int]]:
    has_headers = any(u.kind == "header" for u in doc.units)
    comments: list[CommentDraft] = []
    unit_comment: dict[int, int] = {}
    cur: CommentDraft | None = None
    after_dup = False
    pending: list[str] = []  # names from attribution lines, for the next comment text
    for u in doc.units:
        if u.index in doc.duplicate_of:
            after_dup = True
            continue
        att = doc.attributions.get(u.index)
        if att is not None:
            if att.name and att.name not in pending:
                pending.append(att.name)
            continue
        if u.kind == "chrome":
            continue
        if u.kind == "header":
            cur = CommentDraft(units=[], header_unit=u.index)
            comments.append(cur)
            after_dup = False
            continue
        new = cur is None
        if not new and not has_headers and cur.units:
            if after_dup or doc.cue_strength(u.index) >= 0.5:
                new = True
            else:
                q = doc.quotes.get(u.index)
                if q is not None and q.source_unit is not None:
                    new = unit_comment.get(q.source_unit) == len(comments) - 1
        if new:
            cur = CommentDraft(units=[])
            comments.append(cur)
        cur.units.append(u.index)
        unit_comment[u.index] = len(comments) - 1
        q = doc.quotes.get(u.index)
        if q is not None and q.attribution_name and q.attribution_name not in pending:
            pending.append(q.attribution_name)
        if pending:
            cur.attributed.extend(n for n in pending if n not in cur.attributed)
            pending = []
        after_dup = False
    return comments, unit_comment


def _names(doc: Document, c: CommentDraft) -> None:
    if c.header_unit is not None:
        author = (doc.units[c.header_unit].header or {}).get("author")
        if author:
            c.speaker_name, c.speaker_method, c.speaker_score = author, "header", 1.0
    seen: set[str] = set()
    for uid in c.units:
        for kind, name in doc.addressing.get(uid, ()):
            if not name:
                continue
            if kind == "signoff":
                if c.speaker_name is None and uid == c.units[-1]:
                    c.speaker_name, c.speaker_method, c.speaker_score = name, "signoff", 0.8
                continue
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                c.addressees.append(name)
    if c.speaker_name:
        me = c.speaker_name.casefold()
        c.addressees = [a for a in c.addressees if a.casefold() != me]


def _parents(doc: Document, comments: list[CommentDraft], unit_comment: dict[int, int]) -> None:
    depth_stack: list[tuple[int, int]] = []  # (depth, comment index)
    for k, c in enumerate(comments):
        # 1. explicit depth from the header
        depth = None
        if c.header_unit is not None:
            depth = (doc.units[c.header_unit].header or {}).get("depth")
        if depth is not None:
            while depth_stack and depth_stack[-1][0] >= depth:
                depth_stack.pop()
            if depth_stack:
                _set_parent(c, depth_stack[-1][1], "depth-marker", 0.95)
            else:
                c.parent_method, c.parent_score = "depth-marker", 0.95
            depth_stack.append((depth, k))
            continue
        # 2. the comment it quotes most
        quoted: dict[int, tuple[int, float]] = {}
        for uid in c.units:
            q = doc.quotes.get(uid)
            if q is None or q.source_unit is None:
                continue
            src = unit_comment.get(doc.duplicate_of.get(q.source_unit, q.source_unit))
            if src is None or src >= k:
                continue
            chars, score = quoted.get(src, (0, 0.0))
            size = doc.units[uid].end - doc.units[uid].start
            quoted[src] = (chars + size, max(score, q.score))
        if quoted:
            src = max(quoted, key=lambda s: (quoted[s][0], s))
            _set_parent(c, src, "quote", round(0.9 * quoted[src][1], 4))
            continue
        # 3. the author named by an attribution line, 4. an addressee
        named = c.attributed or c.addressees
        method = "attribution" if c.attributed else "addressing"
        target = _latest_by_speaker(comments, k, named)
        if target is not None:
            _set_parent(c, target, method, 0.7)
            continue
        # 5. reading order
        if k > 0:
            _set_parent(c, k - 1, "order", 0.3)


def _set_parent(c: CommentDraft, parent: int, method: str, score: float) -> None:
    c.parent, c.parent_method, c.parent_score = parent, method, score


def _latest_by_speaker(comments: list[CommentDraft], k: int, names: list[str]) -> int | None:
    if not names:
        return None
    wanted = {n.casefold() for n in names}
    for j in range(k - 1, -1, -1):
        name = comments[j].speaker_name
        if name and (name.casefold() in wanted or name.casefold().split()[0] in wanted):
            return j
    return None


def _infer_speakers(doc: Document, comments: list[CommentDraft]) -> None:
    text = doc.text
    for c in comments:
        if c.speaker_name is not None or c.parent is None:
            continue
        parent = comments[c.parent]
        body = " ".join(
            text[doc.units[u].start : doc.units[u].end] for u in c.units if u not in doc.quotes
        )
        if not _SECOND_PERSON.search(body):
            continue
        others = [a for a in parent.addressees if not parent.speaker_name or a.casefold() != parent.speaker_name.casefold()]
        if len(others) == 1:
            c.speaker_name, c.speaker_method, c.speaker_score = others[0], "addressed-by-parent", 0.6
            continue
        if parent.speaker_name and parent.parent is not None:
            grand = comments[parent.parent]
            if grand.speaker_name and grand.speaker_name.casefold() != parent.speaker_name.casefold():
                c.speaker_name, c.speaker_method, c.speaker_score = grand.speaker_name, "alternation", 0.4
