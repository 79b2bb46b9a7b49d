"""ConvoKit: utterance dicts and a corpus folder in ConvoKit's on-disk format.

The writer needs no ConvoKit; ``convokit.Corpus(filename=out_dir)`` loads what
it writes. See ``docs/export.md#convokit`` for the layout and the choices.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from .. import __version__
from ..models import Comment, Thread
from ._common import Item, check_thread, dumps, posted_at, speaker_key, utterance_id

CORPUS_FILES = ("utterances.jsonl", "speakers.json", "conversations.json", "corpus.json", "index.json")


def _timestamp(comment: Comment) -> Optional[int]:
    when = posted_at(comment)
    return None if when is None else int(when.timestamp())


def _utterances(thread: Thread, dump_name: str, make_id: Callable[[str], str]) -> list[dict[str, Any]]:
    """The thread's comments as ConvoKit utterance dicts, in reading order.

    ``make_id`` turns a comment id into an utterance id. Each top-level or
    unknown-parent comment roots a conversation of its own
    (``conversation_id`` = its utterance id); a reply joins its parent's.
    """
    conversation: dict[str, str] = {}
    out = []
    for c in thread.comments:
        if c.parent_id is None:
            conversation[c.id] = make_id(c.id)
        elif c.parent_id in conversation:
            conversation[c.id] = conversation[c.parent_id]
        else:
            raise ValueError(
                f"{dump_name!r}: comment {c.id} replies to {c.parent_id}, which is not an "
                "earlier comment (the parents of a parsed Thread always are)"
            )
        header = c.header
        out.append(
            {
                "id": make_id(c.id),
                "speaker": speaker_key(c, make_id(c.id)),
                "conversation_id": conversation[c.id],
                "reply_to": None if c.parent_id is None else make_id(c.parent_id),
                "timestamp": _timestamp(c),
                "text": c.prose,
                "meta": {
                    "dump": dump_name,
                    "comment_id": c.id,
                    "parent_status": c.parent_status,
                    "parent_method": c.parent_evidence.method if c.parent_evidence else None,
                    "parent_score": c.parent_evidence.score if c.parent_evidence else None,
                    "speaker_name": c.speaker.name,
                    "speaker_method": c.speaker_evidence.method,
                    "speaker_score": c.speaker_evidence.score,
                    "addressees": list(c.addressees),
                    "posted_at_estimated": bool(header and header.posted_at_estimated),
                    "age": header.age if header else None,
                    "score": header.score if header else None,
                    "start": c.span.start,
                    "end": c.span.end,
                    "quotes": [
                        {
                            "text": q.text,
                            "start": q.span.start,
                            "end": q.span.end,
                            "depth": q.depth,
                            "marker": q.marker,
                            "source": make_id(q.source.comment_id) if q.source else None,
                            "source_score": q.source.score if q.source else None,
                            "source_method": q.source.method if q.source else None,
                        }
                        for q in c.quotes
                    ],
                },
            }
        )
    return out


def convokit_utterances(thread: Thread, *, conversation_prefix: str = "") -> list[dict[str, Any]]:
    """A thread's comments as ``convokit.Utterance`` fields, one dict per comment.

    Build each utterance with
    ``Utterance(**{**d, "speaker": Speaker(id=d["speaker"])})`` (ConvoKit
    wants a ``Speaker`` object). Keys: ``id``, ``speaker`` (a speaker id),
    ``conversation_id``, ``reply_to``, ``timestamp`` (integer POSIX seconds
    in UTC, or ``None``), ``text`` (the comment's own prose) and ``meta`` (as
    in :func:`write_convokit`, with ``dump`` set to the prefix). Ids are
    ``PREFIX + comment id``, so give each thread of one corpus its own
    ``conversation_prefix``; speaker ids are casefolded names, the same in
    every thread (an unnamed speaker gets ``anonymous:`` + its utterance id).
    Each top-level or unknown-parent comment roots its own conversation.
    :func:`write_convokit` writes whole corpora and needs no prefixes.
    """
    check_thread(thread)
    if not isinstance(conversation_prefix, str):
        raise TypeError(f"conversation_prefix must be a str, got {type(conversation_prefix).__name__}")
    return _utterances(thread, conversation_prefix, lambda cid: conversation_prefix + cid)


def _type_index(dicts: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """ConvoKit's metadata index: each key → the Python types of its non-null values."""
    index: dict[str, list[str]] = {}
    for d in dicts:
        for key, value in d.items():
            types = index.setdefault(key, [])
            if value is not None and str(type(value)) not in types:
                types.append(str(type(value)))
    return index


def write_convokit(items: Iterable[Item], out_dir: str | os.PathLike[str]) -> Path:
    """Write a ConvoKit corpus folder from one or many dumps; return its path.

    ``items`` are ``(dump_name, thread, text)`` tuples. The folder holds
    ``utterances.jsonl``, ``speakers.json``, ``conversations.json``,
    ``corpus.json`` and ``index.json`` as ``convokit.Corpus.dump`` writes them,
    so ``convokit.Corpus(filename=out_dir)`` loads it and every conversation
    passes ``check_integrity()``:

    - utterance ids are ``DUMP:COMMENT`` (``hn_1.txt:c3``), with the dump name
      made safe and unique (see ``docs/export.md``);
    - speaker ids are casefolded names, shared by every dump; a comment whose
      author is unknown gets a speaker of its own, ``anonymous:DUMP:COMMENT``;
    - each top-level or unknown-parent comment roots one conversation (its id
      is the root's utterance id), so every conversation has exactly one root;
      ``meta["parent_status"]`` keeps top-level and unknown apart;
    - ``timestamp`` is an integer POSIX time in UTC, or ``None``.

    The folder is created if needed; the five files are replaced.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    utterances: list[dict[str, Any]] = []
    speakers: dict[str, dict[str, Any]] = {}
    conversations: dict[str, dict[str, Any]] = {}
    dump_names: list[str] = []
    for dump in dumps(items):
        dump_names.append(dump.name)
        rows = _utterances(dump.thread, dump.name, lambda cid, key=dump.key: utterance_id(key, cid))
        for c, u in zip(dump.thread.comments, rows):
            # ConvoKit's own files spell the key "reply-to" and carry "vectors"
            reply_to = u.pop("reply_to")
            utterances.append({**u, "reply-to": reply_to, "vectors": []})
            speakers.setdefault(u["speaker"], {"name": c.speaker.name, "anonymous": c.speaker.name is None})
            if c.parent_id is None:
                conversations[u["id"]] = {
                    "dump": dump.name,
                    "dialect": dump.thread.dialect.name,
                    "root_parent_status": c.parent_status,
                }
    corpus_meta = {"generator": f"threadparse {__version__}", "dumps": dump_names}
    index = {
        "utterances-index": _type_index(u["meta"] for u in utterances),
        "speakers-index": _type_index(speakers.values()),
        "conversations-index": _type_index(conversations.values()),
        "overall-index": _type_index([corpus_meta]),
        "version": 1,
        "vectors": [],
    }
    _write_text(out / "utterances.jsonl", "".join(json.dumps(u) + "\n" for u in utterances))
    _write_json(out / "speakers.json", {k: {"meta": v, "vectors": []} for k, v in speakers.items()})
    _write_json(out / "conversations.json", {k: {"meta": v, "vectors": []} for k, v in conversations.items()})
    _write_json(out / "corpus.json", corpus_meta)
    _write_json(out / "index.json", index)
    return out


def _write_json(path: Path, data: Any) -> None:
    _write_text(path, json.dumps(data))


def _write_text(path: Path, text: str) -> None:
    """Write ``text`` atomically: a temporary file in the same folder, then a rename.

    The JSON is ASCII (``json.dumps`` escapes the rest), so ConvoKit, which
    opens the files in the locale's encoding, reads them anywhere, and a lone
    surrogate in the input survives as a ``\\udXXX`` escape.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
