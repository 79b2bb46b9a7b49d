"""Shapes met on real pages we had not annotated before (a scratch set of
third-party captures, never committed), each reproduced here in invented
text: every person, name and line below is made up, in the structure the
site printed. Each test fails on the commit before the rule it covers."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import threadparse
from threadparse.text import plain_name

# The invented exchange of bench/shape_probe.py.
_SPEC = importlib.util.spec_from_file_location(
    "shape_probe", Path(__file__).resolve().parents[1] / "bench" / "shape_probe.py"
)
_probe = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_probe)
_BODIES = _probe.BODIES


def _parsed(text: str):
    t = threadparse.parse(text)
    threadparse.verify(t, text)
    return t


def _speakers(t) -> list:
    return [c.speaker.name if c.speaker else None for c in t.comments]


def test_a_user_card_over_a_glued_post_by_line_is_one_header():
    # A phpBB copy: the user card ("name" / "Posts:" / "Joined:") stands a
    # few short lines (the subject, a "Quote" button) over "Postby name »
    # <date>", whose "Post by" lost its space. Both name the same poster in
    # every post: one header, one comment, and "Postby" is not the name.
    who = ["maria_k", "tomasz88", "lin wei", "maria_k", "tomasz88"]
    text = "Board index » Repairs\n\n"
    for k, (name, body) in enumerate(zip(who, _BODIES)):
        text += (
            f"{name}\nPosts: {10 + k}\nJoined: Mon Mar 0{k + 1}, 2021 8:25 pm\n\n"
            f"{'Re: ' if k else ''}Cache invalidation\n\n    Quote\n\n"
            f"Postby {name} » Tue Mar 0{k + 2}, 2024 7:55 pm\n{body}\nTop\n\n"
        )
    t = _parsed(text)
    assert _speakers(t) == who
    assert [text[c.span.start : c.span.end].split("\n")[0] for c in t.comments] == who


def test_a_camel_case_handle_is_a_name():
    # GitHub's "magicOz commented on <date>" under "@magicOz" and a badge
    # line: the handle in camel case is the author, not the badge.
    who = ["zebraHat", "pinecone", "zebraHat", "pinecone", "zebraHat"]
    badge = {"zebraHat": "Author", "pinecone": "Owner"}
    text = "".join(
        f"@{name}\n{badge[name]}\n{name} commented on Sep {20 + k}, 2021\n{body}\n\n"
        for k, (name, body) in enumerate(zip(who, _BODIES))
    )
    assert _speakers(_parsed(text)) == who


def test_disqus_second_name_badges_and_lower_case_names():
    # Disqus: "Avatar" / "writer  parent • <age>" on replies, "writer • <age>"
    # on top-level comments; the moderator's name carries a "Mod" badge, which
    # the dump prints without it where others answer him; "dave kolar" is a
    # name in lower case.
    rows = [
        ("dave kolar", None),
        ("Nina Petrova Mod", "dave kolar"),
        ("Ruth Amsel", None),
        ("Nina Petrova Mod", "Ruth Amsel"),
        ("Ruth Amsel", "Nina Petrova"),
        ("Jonas Berg", None),
    ]
    text = "Comments\n\n"
    for k, ((name, parent), body) in enumerate(zip(rows, _BODIES)):
        names = f"{name}  {parent}" if parent else name
        text += f"Avatar\n{names} • {k + 2} days ago\n{body}\n \n•Reply•Share ›\n"
    t = _parsed(text)
    assert _speakers(t) == ["dave kolar", "Nina Petrova", "Ruth Amsel", "Nina Petrova", "Ruth Amsel", "Jonas Berg"]
    assert [c.parent_id for c in t.comments] == [None, "c1", None, "c3", "c4", None]
    assert [c.parent_status for c in t.comments] == ["top-level", "reply", "top-level", "reply", "reply", "top-level"]


def test_a_hacker_news_header_with_the_writers_own_score():
    # Logged in, HN prints the viewer's own comment's score before the name.
    text = (
        "quietfox 5 hours ago | parent | next [–]\n\n" + _BODIES[0] + "\n\nreply\n\n"
        "1 point by maria_k 1 minute ago | root | parent | next | edit | delete [–]\n\n" + _BODIES[1] + "\n\nreply\n"
    )
    t = _parsed(text)
    assert t.dialect.name == "hackernews"
    assert _speakers(t) == ["quietfox", "maria_k"]
    assert t.comments[1].header.score == 1


def test_a_stack_exchange_card_with_a_bare_avatar_line():
    text = (
        "How do I read a symbol property?\nAsked 2 years ago\n\n"
        + _BODIES[0] + "\n\nShare\nEdit\nFollow\n"
        "asked Jul 10, 2020 at 15:39\nuser avatar\nmaria_k\n2,850 7 gold badges\n\n"
        "1 Answer\n\n" + _BODIES[1] + "\n\nShare\nFollow\n"
        "answered Jul 10, 2020 at 18:22\nuser avatar\ntomasz88\n12.3k 4 gold badges\n"
    )
    t = _parsed(text)
    assert t.dialect.name == "stackexchange"
    assert _speakers(t) == ["maria_k", "tomasz88"]


def test_a_markdown_clip_of_lesswrong_with_link_titles_and_plain_ages():
    # "[-][Name](/users/name "title")6mo80": the clipper kept the link's
    # title and did not link the age; the name is the link's text, escapes dropped.
    names = [("maria\\_k", "maria_k"), ("Tomasz Nowak", "tomasz-nowak"), ("maria\\_k", "maria_k")]
    text = "".join(
        f'[-][{name}](/users/{slug} "/users/{slug}")6mo{k + 10}\n\n{body}\n\nReply\n\n'
        for k, ((name, slug), body) in enumerate(zip(names, _BODIES))
    )
    t = _parsed(text)
    assert t.dialect.name == "lesswrong"
    assert _speakers(t) == ["maria_k", "Tomasz Nowak", "maria_k"]


def test_plain_name_unwraps_a_markdown_link_and_drops_escapes():
    assert plain_name('[faul\\_sname](/users/faul_sname "/users/faul_sname")') == "faul_sname"
    assert plain_name("[Ana Roe](https://example.org/u/ana)") == "Ana Roe"
    assert plain_name("ana\\_k") == "ana_k"
    for kept in ("[deleted]", "ana", "Ana [OP]", ""):
        assert plain_name(kept) == kept


def test_a_sign_off_over_the_next_header_makes_no_surname_a_badge():
    # "Ingrid" signs her message right over the next header: the first name
    # alone above "Ingrid Molnar" does not make "Molnar" a badge.
    who = ["Henrik Kretz", "Ingrid Molnar", "Henrik Kretz", "Ingrid Molnar", "Henrik Kretz"]
    sign = {"Henrik Kretz": "Henrik", "Ingrid Molnar": "Ingrid"}
    text = "".join(
        f"{name}\n02/{14 + k}/2011 10:00 AM\n{body}\n\n{sign[name]}\n\n"
        for k, (name, body) in enumerate(zip(who, _BODIES))
    )
    assert _speakers(_parsed(text)) == who


def test_a_video_page_sidebar_is_no_reddit_and_the_comments_are_named():
    # A video page: a list of related videos ("title" / "channel" / "82k
    # views" / "•" / "3 years ago", lengths such as "10:29" between) and then
    # the comments ("@handle" / "2 years ago" / text / likes / "Reply"). The
    # bullet over an age is no Reddit header here (no user name above it),
    # "82k" is a count, and the ages under a handle head comments of their own.
    text = "Caching in practice, part 3\nPlaylist\n\n"
    for k in range(8):
        text += f"{10 + k}:29\nCaching in practice, part {k + 4}\nChannel {'ABCDEFGH'[k]}\n{80 + k}k views\n•\n{k + 1} years ago\n\n"
    text += "134 Comments\nAdd a comment…\n\n"
    who = ["maria_k", "tomasz88", "lin_w", "quietfox", "maria_k"]
    for k, (name, body) in enumerate(zip(who, _BODIES)):
        text += f"@{name}\n{k + 2} years ago\n{body}\n\n{10 + k}\n\n\nReply\n\n\n"
    t = _parsed(text)
    assert t.dialect.name != "reddit"
    names = _speakers(t)
    assert names[-5:] == who
    assert not any(n and n[0].isdigit() for n in names)


def test_a_date_line_under_a_dialects_name_line_is_the_rest_of_its_header():
    # A Substack clip prints the name link, then the commenter's own
    # publication and the date link on one line. The dialect reads the name
    # line; the line under it is the same header, not a comment of its own.
    who = [("Maria Kowal", "maria-kowal"), ("Tomasz Nowak", "tomasz-nowak"), ("Lin Wei", "lin-wei")]
    text = "#### Discussion about this post\n\n"
    for k, ((name, slug), body) in enumerate(zip(who, _BODIES)):
        text += (
            f"[](https://substack.com/profile/{k}-{slug}?utm_source=comment)\n\n"
            f"[{name}](https://substack.com/profile/{k}-{slug}?utm_source=substack-feed-item) \n\n"
            f"[{name.split()[0]}'s Notes](https://{slug}.substack.com/?utm_content=comment_metadata)"
            f'[Nov {20 + k}](https://example.substack.com/p/slug/comment/{1000 + k} "Nov {20 + k}, 2025, 12:32 PM")\n\n'
            f"{body}\n\nLike ({k + 3})\n\nReply\n\nShare\n\n"
        )
    t = _parsed(text)
    assert t.dialect.name == "substack"
    assert _speakers(t) == [n for n, _ in who]


def test_a_public_inbox_thread_view_is_mail():
    # lore.kernel.org and other public-inbox archives print each message
    # under a thread overview ("@ <date> ` Name" marks the message itself)
    # with the date in its From: line and the To: line folded under it.
    text = (
        '* [PATCH] cache: drop stale entries on reload\n'
        '@ 2024-04-05  4:47 Maria Kowalski\n'
        '  2024-04-05  5:07 ` Tomasz Nowak\n'
        '  2024-04-05  5:43   ` Maria Kowalski\n'
        '  0 siblings, 2 replies; 3+ messages in thread\n'
        'From: Maria Kowalski @ 2024-04-05  4:47 UTC (permalink / raw)\n'
        '  To: dev-list\n'
        '\n'
        'The cache keeps entries after a reload. This patch drops them when the\n'
        'configuration changes.\n'
        '\n'
        '* Re: [PATCH] cache: drop stale entries on reload\n'
        '  2024-04-05  4:47 [PATCH] cache: drop stale entries on reload Maria Kowalski\n'
        '@ 2024-04-05  5:07 ` Tomasz Nowak\n'
        '  2024-04-05  5:43   ` Maria Kowalski\n'
        '  2 siblings, 1 reply; 3+ messages in thread\n'
        'From: Tomasz Nowak @ 2024-04-05  5:07 UTC (permalink / raw)\n'
        '  To: Maria Kowalski; +Cc: dev-list\n'
        '\n'
        '> The cache keeps entries after a reload.\n'
        '\n'
        'It does, but only on restart. The docs are wrong about that.\n'
        '\n'
        '* Re: [PATCH] cache: drop stale entries on reload\n'
        '  2024-04-05  4:47 [PATCH] cache: drop stale entries on reload Maria Kowalski\n'
        '  2024-04-05  5:07 ` Tomasz Nowak\n'
        '@ 2024-04-05  5:43   ` Maria Kowalski\n'
        '  0 siblings, 0 replies; 3+ messages in thread\n'
        'From: Maria Kowalski @ 2024-04-05  5:43 UTC (permalink / raw)\n'
        '  To: Tomasz Nowak; +Cc: dev-list\n'
        '\n'
        '> It does, but only on restart.\n'
        '\n'
        'That would explain the stale reads we kept seeing.\n'
    )
    t = _parsed(text)
    assert t.dialect.name == "mail"
    assert _speakers(t) == ["Maria Kowalski", "Tomasz Nowak", "Maria Kowalski"]
    assert [str(c.header.posted_at)[:16] for c in t.comments] == [
        "2024-04-05 04:47", "2024-04-05 05:07", "2024-04-05 05:43"
    ]
    overview = [ch for ch in t.chrome if ch.kind == "navigation"]
    assert any("siblings" in text[ch.span.start : ch.span.end] for ch in overview)


def test_an_old_reddit_copy_glues_the_moderator_label_to_the_name():
    # "[–]helper-botMod[M]": the copy runs the flag's label into the name.
    text = (
        "[–]helper-botMod[M] [score hidden] 4 hours ago stickied comment\n\n" + _BODIES[0] + "\n\n"
        "    permalinkembedsavereportreply\n\n"
        "[–]maria_k 33 points 7 hours ago\n\n" + _BODIES[1] + "\n\n    permalinkembedsavereportreply\n\n"
        "[–]tomasz88[S] 2 points 6 hours ago\n\n" + _BODIES[2] + "\n\n    permalinkembedsavereportreply\n"
    )
    t = _parsed(text)
    assert t.dialect.name == "reddit"
    assert _speakers(t) == ["helper-bot", "maria_k", "tomasz88"]


def test_forum_headers_opening_with_an_iso_date_are_no_thread_overview():
    # Only a run of dated entries closed by "N siblings, N replies; N+
    # messages in thread" is public-inbox's overview; a forum's "2024-03-02
    # 15:37 » Post by ana » #2" lines stay headers.
    who = ["maria_k", "tomasz88", "lin_w", "maria_k"]
    text = "Midnight Signal\nHome » Forums » Cache\n\n" + "".join(
        f"Re: Cache\n2024-03-0{k + 2} 15:37 » Post by {name} » #{k + 1}\n{body}\nMulti-Quote Top Thanks\n* * *\n"
        for k, (name, body) in enumerate(zip(who, _BODIES))
    )
    t = _parsed(text)
    assert t.dialect.name != "mail"
    assert _speakers(t) == who


def test_text_closed_by_the_comments_button_row_is_a_comment_not_the_post():
    # A copy that starts inside the comments: the text above the first
    # header ends with "reply", the row every comment ends with, so it is a
    # comment whose header the copy cut, not the post the comments are about.
    text = (
        "Notes on caching\n\nhttps://news.ycombinator.com/item?id=1\n\n"
        + _BODIES[0] + "\n" + _BODIES[2] + "\nreply\n\t\n"
        "quietfox 5 hours ago | parent | next [–]\n\n" + _BODIES[1] + "\nreply\n\t\n"
        "maria_k 1 hour ago | root | parent | next [–]\n\n" + _BODIES[3] + "\nreply\n"
    )
    t = _parsed(text)
    assert t.dialect.name == "hackernews"
    assert not any(ch.kind == "post" for ch in t.chrome)
    assert t.comments[0].speaker is None or t.comments[0].speaker.name is None
    assert text[t.comments[0].span.start : t.comments[0].span.end].startswith(_BODIES[0])


def _forum(posts) -> str:
    text = "Board index » Repairs\n\n"
    for k, (name, body, tail) in enumerate(posts):
        text += (
            f"{'User avatar' + chr(10) if name == 'lin wei' else ''}{name}\nPosts: {10 + k}\nJoined: Mon Mar 0{k + 1}, 2021 8:25 pm\n\n"
            f"Re: Cache invalidation\n\nPostby {name} » Tue Mar 0{k + 2}, 2024 7:55 pm\n{body}\n{tail}Top\n\n"
        )
    return text


def test_lines_that_end_every_post_of_one_author_are_a_signature():
    # No rule above it: the lines come back under each of lin wei's posts,
    # after text that differs. "User avatar" over a card is furniture, and
    # "lin wei" a name in lower case.
    sig = "Basics - Help menu > Tutorials\nCutting Design Community - FAQ\n"
    posts = [
        ("maria_k", _BODIES[0], ""),
        ("lin wei", _BODIES[1], sig),
        ("tomasz88", _BODIES[2], ""),
        ("lin wei", _BODIES[3], sig),
        ("maria_k", _BODIES[4], ""),
    ]
    text = _forum(posts)
    t = _parsed(text)
    assert _speakers(t) == [p[0] for p in posts]
    signed = [text[ch.span.start : ch.span.end] for ch in t.chrome if ch.kind == "signature"]
    assert signed.count("Basics - Help menu > Tutorials") == 2
    assert not any("User avatar" in c.prose or "Basics" in c.prose for c in t.comments)


def test_a_post_printed_twice_keeps_its_last_lines():
    # A recapture (rewrapped) repeats a whole post: its end is text, not a signature.
    body = "Has anyone tried the new release candidate?\nThe notes say the cache is rebuilt on start.\nSame here on both machines."
    rewrapped = "Has anyone tried the new release candidate? The notes say\nthe cache is rebuilt on start.\nSame here on both machines."
    posts = [("maria_k", _BODIES[0], ""), ("lin_w", body, ""), ("tomasz88", _BODIES[2], ""), ("lin_w", rewrapped, "")]
    t = _parsed(_forum(posts))
    assert not any(ch.kind == "signature" for ch in t.chrome)


def test_the_2024_lesswrong_copy_with_karma_apart_and_collapsed_replies():
    # "[-]" / "Name2y" / karma on its own line for an expanded comment; a
    # collapsed reply prints its karma glued before the name and the age
    # after it, with the whole comment on the next line.
    text = (
        "[-]\nmaria_k2y\n30\n\n" + _BODIES[0] + "\nReply\n"
        "1Tomasz Nowak2y\n" + _BODIES[1] + "\n"
        "[-]\nlin_w171y\n20\n\n" + _BODIES[3] + "\nReply\n"
        "7Maria Kowal1y\n" + _BODIES[4] + "\n"
        "1lin_w171y\n" + _BODIES[5] + "\n"
    )
    t = _parsed(text)
    assert t.dialect.name == "lesswrong"
    assert _speakers(t) == ["maria_k", "Tomasz Nowak", "lin_w17", "Maria Kowal", "lin_w17"]


def test_a_markdown_export_nests_replies_by_heading_level():
    # Each comment is a heading "## [name](profile)" whose level is its
    # depth (## a comment, ### a reply to it), three blank lines, then the
    # date in brackets, then the text; names carry Markdown escapes.
    rows = [("#", "op\\_maria"), ("##", "tomasz88"), ("###", "lin\\_w"), ("##", "quietfox"), ("###", "op\\_maria"), ("####", "tomasz88")]
    text = "---\ntitle: A thread\n---\n\n"
    for k, ((level, name), body) in enumerate(zip(rows, _BODIES)):
        slug = name.replace("\\", "")
        text += f"{level} [{name}](https://www.example.org/user/{slug}/)\n\n\n\n (2025-06-30 14:0{k}:53)\n\n\n{body}\n\n\n\n\n\n"
    t = _parsed(text)
    assert _speakers(t) == ["op_maria", "tomasz88", "lin_w", "quietfox", "op_maria", "tomasz88"]
    assert [c.parent_id for c in t.comments] == [None, None, "c2", None, "c4", "c5"]


def test_a_clipper_that_wraps_every_comment_in_a_blockquote():
    # "> **name** · [date](link)" / "> " / "> text": the ">" wraps each
    # comment (nothing after the first header stands outside it); it is
    # not a quoted post, and the comments are the writers' own text.
    who = ["maria_k", "tomasz88", "lin_w", "quietfox"]
    text = "---\ntitle: A thread\n---\n\n" + _BODIES[5] + "\n\n---\n\n## Comments\n\n" + "".join(
        f"> **{name}** · [2026-09-3{k}](https://www.example.org/r/x/comments/1/c{k}/)\n> \n> {body}\n\n"
        for k, (name, body) in enumerate(zip(who, _BODIES))
    )
    t = _parsed(text)
    assert _speakers(t) == who
    assert not any(b.kind == "quote" for c in t.comments for b in c.blocks)
    assert all(body in c.prose for c, body in zip(t.comments, _BODIES))


def test_a_markdown_mail_archive_prints_header_fields_as_list_items():
    # "- **From:** Ana <ana@x>" / "- **Message-ID:** `<id>`" / "- **In-Reply-To:** `<id>`":
    # the bullet, the emphasis and the code marks are markup.
    people = [("Maria Kowal", "maria@example.org"), ("Tomasz Nowak", "tn@example.org"), ("Maria Kowal", "maria@example.org")]
    text = "# Cache invalidation\n\n---\n\n"
    for k, ((name, addr), body) in enumerate(zip(people, _BODIES)):
        text += (
            f"{'#### ↳ Re: ' if k else '### '}Cache invalidation\n\n"
            f"- **From:** {name} <{addr}>\n- **Date:** 2007-10-2{k}T20:08:40-07:00\n"
            f"- **Message-ID:** `<m{k}@example.org>`\n"
            + (f"- **In-Reply-To:** `<m{k - 1}@example.org>`\n" if k else "")
            + f"\n```\n{body}\n```\n\n"
        )
    t = _parsed(text)
    assert t.dialect.name == "mail"
    assert _speakers(t) == ["Maria Kowal", "Tomasz Nowak", "Maria Kowal"]
    assert [c.parent_id for c in t.comments] == [None, "c1", "c2"]


def test_stack_exchange_comments_with_a_commented_label_glued_to_the_date():
    text = (
        "How do I read a symbol property?\n\n" + _BODIES[0] + "\n\nShare\nFollow\n"
        "asked Apr 3, 2012 at 12:45\nmaria_k's user avatar\nmaria_k\n1,040 7 gold badges\n"
        + _BODIES[1] + " – \ntomasz88\n CommentedApr 3, 2012 at 19:07\n"
        + _BODIES[2] + " – \nmaria_k\n CommentedApr 3, 2012 at 19:13\n"
    )
    t = _parsed(text)
    assert t.dialect.name == "stackexchange"
    assert _speakers(t) == ["maria_k", "tomasz88", "maria_k"]


def test_a_status_emoji_shortcode_after_a_chat_name_is_decoration():
    # A Slack copy: "Maria Kowal:speech_balloon:  9:26" beside "tomasz88 9:19".
    rows = [("tomasz88", ""), ("Maria Kowal", ":speech_balloon:"), ("lin_w", ""), ("Maria Kowal", ":speech_balloon:"), ("tomasz88", "")]
    text = "".join(f"{name}{badge}  9:{20 + k}\n{body}\n\n" for k, ((name, badge), body) in enumerate(zip(rows, _BODIES)))
    assert _speakers(_parsed(text)) == [r[0] for r in rows]


def test_a_date_line_that_names_no_one_over_a_user_card_is_one_header():
    # vBulletin: "05-13-2016, 02:15 PM #6", blank lines, "name" / "name is
    # offline" / rank / "Join Date" … under a row of buttons whose "With" is
    # no name: the dated line names no one, the card under it does, in every
    # post; the two are one header.
    who = ["maria_k", "Tomasz Nowak", "maria_k"]
    text = "".join(
        "Quick reply to this message Reply   Reply With Quote Reply With Quote   Multi-Quote This Message\n"
        f"05-1{k}-2016, 02:15 PM #{k + 6}\n\n\n\n\n{name}\n{name} is offline\nChampion\n\n"
        f"Join Date\nMar 2014\nPosts\n{600 + k}\t\n\n{body}\n\n"
        for k, (name, body) in enumerate(zip(who, _BODIES))
    )
    t = _parsed(text)
    assert _speakers(t) == who
    from threadparse import induce
    from threadparse.text import split_lines

    (template,) = induce.induce(text, split_lines(text))
    assert [b[:2] for b in template.blocks] == [[0, 1], [17, 18], [34, 35]]


def test_a_function_word_is_never_a_name():
    from threadparse import induce

    assert not induce.name_like("With") and not induce.name_like("the")
    assert induce.name_like("Will") and induce.name_like("Ana")


def test_a_lesswrong_clip_with_escaped_toggles_and_edit_marks():
    # A Markdown converter escaped the toggle and the edit mark:
    # "\\[-\\][Name](/users/name)5mo\\*14", the agreement on a line below.
    who = [("Maria Kowal", "maria-kowal", "\\*14"), ("Tomasz Nowak", "tomasz-nowak", "1"), ("Maria Kowal", "maria-kowal", "\\*3")]
    text = "".join(
        f"\\[-\\][{name}](https://www.alignmentforum.org/users/{slug})5mo{tail}\n\n{k + 2}\n\n{body}\n\nReply\n\n"
        for k, ((name, slug, tail), body) in enumerate(zip(who, _BODIES))
    )
    t = _parsed(text)
    assert t.dialect.name == "lesswrong"
    assert _speakers(t) == [w[0] for w in who]
    assert [c.header.edited for c in t.comments] == [True, False, True]


def test_an_avatars_alt_text_glued_to_the_name_is_not_the_name():
    who = ["Maria Kowal", "tomasz88", "Maria Kowal", "lin_w"]
    text = "".join(
        f"User avatar{name}\nPosts: {10 + k}\nJoined: 1{k} Feb 2017\n\nRe: Cache\n\n2{k} Aug 2017, 14:22\n{body}\nTop\n\n"
        for k, (name, body) in enumerate(zip(who, _BODIES))
    )
    assert _speakers(_parsed(text)) == who


def test_an_older_discord_copy_runs_the_name_into_the_day():
    who = ["Maria", "Maria", "Maria", "Tomasz", "Maria", "Tomasz"]
    text = "Notes from the call\n\n\n" + "".join(
        f"{name}{'Today' if k < 3 else ' — Today'} at 1:{35 + k} PM\n{body}\n{_BODIES[(k + 2) % 6]}\n"
        for k, (name, body) in enumerate(zip(who, _BODIES))
    )
    t = _parsed(text)
    assert t.dialect.name == "chat"
    assert _speakers(t) == who


def test_a_digest_quoted_whole_under_its_attribution_is_no_comment_section():
    # A reply on top of a quoted notification mail whose quoted posts print
    # "name <profile>" over "August 15": the quote is under "… wrote:", so
    # its headers are quoted text, not this dump's comments.
    quoted = "".join(
        f">     {name} <https://forum.example.org/users/{name}>\n> August {15 - k}\n>\n> {body}\n>\n"
        for k, (name, body) in enumerate(zip(["maria_k", "tomasz88", "lin_w", "maria_k"], _BODIES))
    )
    text = (
        "Thanks, I will test it in two weeks and let you know.\n"
        'On 16 Aug 2014 05:13, "maria_k" <info@forum.example.org> wrote:\n\n' + quoted
    )
    t = _parsed(text)
    assert t.dialect.name != "induced"
    assert all(c.speaker is None or c.speaker.name is None for c in t.comments)


def test_a_post_printed_again_from_its_middle_keeps_its_last_lines():
    # A page break prints the end of a post again (from "Definitely."): the
    # words before the shared lines are the end of the first print's words.
    body = "> Should it fail or print the usage?\n\nDefinitely.\n\nI pushed a fix for that this morning.\nThanks for the report!"
    again = "Definitely.\n\nI pushed a fix for that this morning.\nThanks for the report!"
    posts = [("maria_k", _BODIES[0], ""), ("lin_w", body, ""), ("tomasz88", _BODIES[2], ""), ("lin_w", again, "")]
    t = _parsed(_forum(posts))
    assert not any(ch.kind == "signature" for ch in t.chrome)


def test_an_archives_navigation_label_names_no_one():
    # "Next by thread:" over a link to the next message reads like "Ana:"
    # over a quote; every word of it is a UI or linking word, so the text it
    # introduces is nobody's.
    from threadparse.speakers import _names_someone

    assert not _names_someone("Next by thread") and not _names_someone("Previous thread")
    assert _names_someone("Ana Roe") and _names_someone("maria_k") and _names_someone("Mod Squad")


# A Stack Exchange question page copied from the browser, invented: the
# site's navigation and the title over "Asked / Modified / Viewed", the
# question, its card, a comment, one answer and its card, then the answer
# form and the "Related" / "Hot Network Questions" sidebars.
_SE_TOP = (
    "Example Exchange\n\n    Products\n\n    Home\n        Public\n\nQuestions\nTags\nUsers\n\n"
    "Why does my kettle click twice before it boils?\n"
    "Asked 3 years ago\nModified 2 years ago\nViewed 912 times\n4\n\n"
    "Every morning the kettle clicks once, goes quiet, and clicks again a minute later.\n\n"
    "Is the thermostat failing, or is this normal?\n\n"
    "Share\nImprove this question\nFollow\nasked Jan 4, 2021 at 7:15\nuser avatar\nnoor_h\n"
)
_SE_ANSWER = (
    "Add a comment\n1 Answer\nSorted by:\n5\n\n"
    "It is normal: the first click is the bimetal disc flexing as the base heats unevenly.\n\n"
    "Share\nImprove this answer\nFollow\nanswered Jan 4, 2021 at 9:40\nuser avatar\nOskar Lind\n"
    "12.1k1313 gold badges101101 silver badges212212 bronze badges\n"
    "Add a comment\nYour Answer\n\n    Links Images Styling/Headers Lists Blockquotes Code\n"
    "    Advanced help\n\nNot the answer you're looking for? Browse other questions tagged kettles.\n\n"
    "Related\n3\nWhy does my toaster hum when it is off?\n0\nKettle scale: vinegar or citric acid?\n"
    "Hot Network Questions\n\n    Can a fridge run on its side for an hour?\n"
)


def test_a_question_page_starts_its_question_below_the_sites_own_meta():
    # The question's header is the card under it (a trailer): nothing opens
    # the question, but "Asked … / Viewed … times" is the site's page meta
    # and the question's text starts below it. The navigation and the title
    # above are the page's chrome, not the question's text.
    text = _SE_TOP + "1,204 2 9\n" + _SE_ANSWER
    t = _parsed(text)
    assert _speakers(t) == ["noor_h", "Oskar Lind"]
    first = t.comments[0]
    assert text[first.span.start : first.span.end].startswith("Every morning")
    chrome = " ".join(text[c.span.start : c.span.end] for c in t.chrome)
    assert "Why does my kettle" in chrome and "Products" in chrome


def test_the_sidebars_below_the_last_answer_are_chrome():
    # Below the last answer's card (it closes the answer): the answer form's
    # labels, then "Related" and "Hot Network Questions" lists. They are the
    # page's, not a comment with no speaker; the badge counts glued to their
    # screen-reader copies ("101101 silver badges") stay in the card.
    text = _SE_TOP + "1,204 2 9\n" + _SE_ANSWER
    t = _parsed(text)
    assert len(t.comments) == 2
    last = t.comments[-1]
    assert "bronze badges" in text[last.header.span.start : last.header.span.end]
    chrome = " ".join(text[c.span.start : c.span.end] for c in t.chrome)
    for line in ("Advanced help", "Why does my toaster hum", "Can a fridge run"):
        assert line in chrome


def test_a_comment_trailer_may_print_the_diamond_and_the_label_on_lines_of_their_own():
    # A newer copy splits the comment's trailer over lines: "text – ", the
    # user, a moderator's diamond, a no-break space, "Commented", the date;
    # and the card's badge counts one per line ("1 gold badge", or "3" over
    # "3 silver badges"). Each comment is still one comment with its user.
    text = (
        _SE_TOP + "3451\n1 gold badge\n3\n3 silver badges\n8\n8 bronze badges\n"
        "2\nHave you descaled it recently? – \nMira Vos\n♦\n\u00a0\nCommented\nJan 4, 2021 at 8:02\n"
        "Not since spring, I'll try that. – \nnoor_h\n\u00a0\nCommented\nJan 4, 2021 at 8:30\n"
        + _SE_ANSWER
    )
    t = _parsed(text)
    assert _speakers(t) == ["noor_h", "Mira Vos", "noor_h", "Oskar Lind"]
    assert t.comments[1].parent_id == t.comments[0].id
    card = t.comments[0].header
    assert "8 bronze badges" in text[card.span.start : card.span.end]


def test_a_public_inbox_page_whose_links_a_clipper_put_on_lines_of_their_own():
    # A web clipper printed every link of a public-inbox page on a line of
    # its own: the From: line stops at "UTC (", "permalink" / "/" / "raw"
    # follow a blank line apart, and each thread overview's entries (date,
    # subject, name) are broken over lines above its "N siblings, N reply;
    # N messages in thread" line. Each message is still a message with its
    # author, and the broken overviews are navigation, not comments.
    def message(name, date, body, overview):
        return (
            "\n\n".join(overview) + "\n\n0 siblings, 1 reply; 3+ messages in thread\n\n"
            f"From: {name} @ {date} UTC (\n\npermalink\n\n/\n\nraw\n\n) To: devlist\n\n{body}\n\n"
            "[-- Attachment #2: Type: text/html, Size: 2210 bytes --]\n\n^\n\npermalink\n\nraw\n\nreply\n\n"
        )
    dates = ["2025-03-02 8:10", "2025-03-03 9:45", "2025-03-04 17:02"]
    who = ["'Ines Alcott' via Dev List", "mpetrov", "'Ines Alcott' via Dev List"]
    text = "public inbox for devlist@example.org\n\nhelp\n\n/\n\nmirror\n\n"
    for k in range(3):
        overview = [f"[devlist] Proposal: shorter release cycles", dates[0], who[0]]
        overview += [f"@ {dates[k]} ` {who[k].split(chr(39))[1] if chr(39) in who[k] else who[k]}"]
        overview += [dates[2] + " `", who[2]]
        text += message(who[k], dates[k], _BODIES[k], overview)
    t = _parsed(text)
    assert _speakers(t) == ["Ines Alcott", "mpetrov", "Ines Alcott"]
    assert all(text[c.header.span.start : c.header.span.end].startswith("From: ") for c in t.comments)
    chrome = " ".join(text[c.span.start : c.span.end] for c in t.chrome)
    assert "Attachment #2" in chrome and "Proposal: shorter release cycles" in chrome


def test_a_forum_copy_that_kept_the_pages_indentation_is_not_code():
    # A browser copy of a vBulletin page kept the page's indentation: every
    # line is indented four spaces, the posts' text eight. The recurring
    # "<date> #N" lines are still headers (an indent of four throughout is
    # code only when the text around it is not indented so).
    who = ["reef_diver", "Tamsin O", "reef_diver", "Tamsin O"]
    text = "Example Boards - Powered by vBulletin\n\n    Register\n    Help\n\n"
    text += "Results 1 to 4 of 4\nThread: Kettle clicks twice\n\n"
    for k, (name, body) in enumerate(zip(who, _BODIES)):
        text += (
            f"    03-0{k + 1}-2011, 0{k + 2}:15 PM #{k + 1}\n    {name}\n    {name} is offline\n    Member\n\n"
            f"    Join Date\n        Jan 2010\n    Posts\n        {12 + k}\n\n"
            f"        {body}\n\n    Reply With Quote Reply With Quote\n"
        )
    t = _parsed(text)
    assert _speakers(t) == who


def test_a_name_with_a_last_initial_over_a_groups_message_is_its_author():
    # A Google Groups page clipped to Markdown: the avatar's image, the
    # name as a heading, "unread," and the date. The first writer's name
    # ends with an initial ("Ana K.": no sentence end), and the two later
    # messages are one other person's. (The first message's sign-off, the
    # same name, is still read into the next header: known, left alone.)
    def msg(name, date, body, sign=""):
        return (
            f"![{name}'s profile photo](//img.example.org/a/{len(name)})\n\n### {name}\n\nunread,\n\n"
            f"{date}\n\nReply to author\n\nForward\n\nto Kettle Makers\n\n{body}\n\n{sign}"
        )
    text = "# Kettle clicks twice\n\n312 views\n\nSkip to first unread message\n\n"
    text += msg("Ana K.", "Mar 2, 2023, 7:28:58 AM3/2/23", _BODIES[0], "Regards\n\nAna K.\n\n")
    text += msg("Deco", "Mar 2, 2023, 7:48:33 AM3/2/23", _BODIES[1])
    text += msg("Deco", "Mar 2, 2023, 7:49:35 AM3/2/23", _BODIES[2])
    t = _parsed(text)
    assert _speakers(t) == ["Ana K.", "Deco", "Deco"]


def test_a_sites_menu_on_one_line_over_the_first_post_is_chrome():
    # A phpBB copy opens with the site's whole menu run onto one line (more
    # words than a sentence, nearly all capitalised labels), then the board's
    # links and the topic's title. That is the page's, not a first comment.
    who = ["Corvin", "Guest_77", "Corvin"]
    text = (
        "/*Home Quick links Forums Members Chat Channel Commands Tutorial Download - 2.0.4 FAQ LoginRegister\n"
        "Search Login Register\n\nSearch…\nBoard indexScriptsTutorials\nKettle Basics\nPost Reply\n"
        "3 posts • Page 1 of 1\n"
    )
    for k, (name, body) in enumerate(zip(who, _BODIES)):
        text += f"User avatar{name}\nPosts: {40 + k}\nJoined: 13 Feb 2017\n{19 + k} Aug 2017, 19:14\n{body}\nTop\n"
    t = _parsed(text)
    assert _speakers(t) == who
    chrome = " ".join(text[c.span.start : c.span.end] for c in t.chrome)
    assert "Quick links" in chrome and "Kettle Basics" in chrome


def test_an_issue_copy_whose_dates_are_glued_to_their_tooltips():
    # A Markdown scrape of an issue tracker: "### name commented on Jan
    # 22on Jan 22, 2026" (the date shown glued to its tooltip's), then the
    # avatar linked with its alt text "@name", the name linked again, the
    # date linked, a role badge. The glued dates are one date, not a name
    # "Jan 22on", and the avatar's "@name" is the writer's own handle, not
    # whom the comment answers.
    who = ["hollis-k", "Marta Ruiz", "hollis-k", "Marta Ruiz"]
    text = "## Activity\n\n"
    for k, (name, body) in enumerate(zip(who, _BODIES)):
        day = 22 + k // 2
        text += (
            f"### {name} commented on Jan {day}on Jan {day}, 2026\n\n"
            f"[![@{name}](https://avatars.example.org/u/{k}?s=48)](https://example.org/{name})\n\n"
            f"[{name}](https://example.org/{name})\n\n"
            f"[on Jan {day}on Jan {day}, 2026](https://example.org/issues/7#issuecomment-{k})\n\n"
            f"{'Author' if k % 2 == 0 else 'Contributor'}\n\nMore actions\n\n{body}\n\n"
        )
    t = _parsed(text)
    assert _speakers(t) == who
    assert all(c.parent_id is None for c in t.comments)
    assert not any(c.parent_evidence and c.parent_evidence.method == "reply-to-header" for c in t.comments)


def test_a_blog_comment_header_that_opens_with_the_avatar_is_no_attribution():
    # WordPress comments clipped into a note app: "![[avatar.jpg]][Name](site)
    # on [<date>](permalink) said:" opens every comment. The line ends like
    # an attribution ("said:"), but the name comes first after the avatar,
    # a date follows, and the comment's text is not quoted: a header.
    # (Replies are indented one tab deeper.)
    who = ["Gideon", "Fenna", "Gideon", "Ruth", "Gideon"]
    text = "### Comments\n\n#### Kettle clicks — 5 Comments\n\n"
    for k, (name, body) in enumerate(zip(who, _BODIES)):
        text += (
            "\t" * (2 + k % 2) + f"![[./_resources/avatar_{name.lower()}.jpg]][{name}](http://example.org/{name.lower()}) "
            f"on [July {13 + k}, 2012 at 8:{10 + k} am](https://example.org/post/#comment-{k}) said:\n\t\n"
            f"\t{body}\n\t\n\t[Reply ↓](https://example.org/post/?replytocom={k}#respond)\n\t\n\n"
        )
    t = _parsed(text)
    assert _speakers(t) == who


def test_a_number_run_into_a_word_or_a_month_and_day_is_no_name():
    from threadparse.induce import _name_like

    for value in ("22on", "5pm", "8h", "Jan 22on", "May 3rd", "Sept 9,"):
        assert not _name_like(value), value
    for value in ("William A.", "May Chen", "1vanK", "June Park"):
        assert _name_like(value), value


def test_a_bridges_relayed_messages_are_their_writers():
    # An IRC log where a Matrix bridge relays people: "<m-relay> <ana:matrix.org>
    # text". Nearly every message of the bridge's nick opens with another
    # nick in brackets: the speaker is that nick, not the bridge.
    rows = [
        ("17:00:54", "<kestrel>", "meeting time, hi all"),
        ("17:01:07", "<m-relay> <ana_k:matrix.org>", "Howdy"),
        ("17:01:12", "<pollux>", "hi"),
        ("17:04:53", "<m-relay> <ana_k:matrix.org>", "I have been rebasing the wallet branch"),
        ("17:05:26", "<m-relay> <boris:example.social>", "kestrel: the notes are up"),
        ("17:06:04", "<kestrel>", "thanks boris"),
    ]
    text = "".join(f"{clock} {who} {said}\n" for clock, who, said in rows)
    t = _parsed(text)
    assert _speakers(t) == ["kestrel", "ana_k:matrix.org", "pollux", "ana_k:matrix.org", "boris:example.social", "kestrel"]


def test_raw_bbcode_quotes_are_quotes_of_the_posts_they_name():
    # A forum topic exported from its raw API: each post's source keeps its
    # BBCode, "[quote="name, post:3, topic:57"]" … "[/quote]", the reply
    # glued right after the closing tag on one post. The opening tag labels
    # a quote of the named post: it is not a header of a post by that
    # person, and the quoted words are a quote of that post.
    who = ["lumen_k", "Dario P", "lumen_k", "Dario P"]
    posts = [
        _BODIES[0],
        _BODIES[1],
        f'[quote="Dario P, post:2, topic:57"]\n{_BODIES[1]}\n[/quote]\n{_BODIES[2]}',
        f'[quote="lumen_k, post:3, topic:57"]\n{_BODIES[2]}\n[/quote]{_BODIES[3]}',
    ]
    text = "# Kettle clicks twice\n\n"
    for k, (name, body) in enumerate(zip(who, posts)):
        text += f"---\n## \\#{k + 1} Posted by: {name} Posted at: 2016-07-07T0{k}:23:04.152Z Reads: {40 - k}\n\n```\n{body}\n```\n\n"
    t = _parsed(text)
    assert _speakers(t) == who
    assert [c.parent_id for c in t.comments[2:]] == [t.comments[1].id, t.comments[2].id]
    quoted = [b for c in t.comments for b in c.blocks if b.kind == "quote"]
    assert {b.source.comment_id for b in quoted if b.source} == {t.comments[1].id, t.comments[2].id}


def _synced_issue(events: bool = True) -> tuple[str, list]:
    # An issue synced to Markdown by a tool: "_Comment by @name on <date>_"
    # over each comment, "---" between items, events ("_Label `bug` added
    # by @name on <date>_", "_Assigned to @name by @name on <date>_") in the
    # same shape but with no text of their own.
    who = ["quill_r", "mbeck", "quill_r", "tovah"]
    text = (
        "---\nnumber: 77\ntitle: Cache is not offline\nstate: closed\n---\n\n"
        "# The cache is not used for \"git+ssh\" sources.\n\n---\n\n"
    )
    for k, (name, body) in enumerate(zip(who, _BODIES)):
        verb = "Issue opened" if k == 0 else "Comment"
        text += f"_{verb} by @{name} on 2025-03-1{k} 09:5{k}_\n\n{body}\n\n---\n\n"
        if events and k == 1:
            text += "_Label `bug` added by @mbeck on 2025-03-11 10:00_\n\n---\n\n"
            text += "_Assigned to @mbeck by @mbeck on 2025-03-11 10:01_\n\n---\n\n"
    return text, who


def test_a_handle_after_by_names_the_writer_not_whom_it_answers():
    # "by @quill_r" names who wrote the comment; "Assigned to @mbeck" names
    # whom an event concerns, and says nothing of replies.
    text, who = _synced_issue()
    t = _parsed(text)
    assert _speakers(t) == who
    assert all(c.parent_id is None for c in t.comments)
    assert not any(c.parent_evidence and c.parent_evidence.method == "no-reply-to-in-header" for c in t.comments)


def test_a_markdown_title_over_the_first_header_is_page_furniture():
    # The synced issue's "# <title>" under its front matter: the page's
    # title, no comment of its own.
    text, who = _synced_issue(events=False)
    t = _parsed(text)
    title = text.index("# The cache is not used")
    assert not any(b.span.start <= title < b.span.end for c in t.comments for b in c.blocks)
    assert any(c.span.start <= title < c.span.end for c in t.chrome)


def test_a_code_fence_never_runs_into_the_next_comment():
    # Code fences the copy closed on a line read as furniture (the "```" that
    # recurs in every comment): the fence still ends at the next header, so a
    # ">" quote in a later comment is a quote, not code.
    who = ["quill_r", "mbeck", "quill_r", "tovah", "mbeck"]
    text = ""
    for k, (name, body) in enumerate(zip(who, _BODIES)):
        text += f"_Comment by @{name} on 2025-03-1{k} 09:5{k}_\n\n"
        if k == 3:
            text += f"> {_BODIES[1]}\n\n"
        text += f"{body}\n\n```\nuv run --offline step{k}.py\n```\n\n---\n\n"
    text = text.replace("```\nuv run --offline step0.py", "```python\nuv run --offline step0.py", 1)
    t = _parsed(text)
    assert _speakers(t) == who
    quoted = [b for b in t.comments[3].blocks if b.kind == "quote"]
    assert quoted and quoted[0].source is not None and quoted[0].source.comment_id == t.comments[1].id


def test_a_counter_glued_to_the_next_name_is_not_part_of_it():
    # A Slack copy: a thread's "3 replies" run into the next message's name
    # ("3 repliesMarc Doyle  [3:45 PM]"). The name is one the dump's other
    # headers print; the counter is no part of it.
    rows = [("Ilse", "3:44"), ("Marc Doyle", "3:45"), ("tarek", "4:06"), ("Marc Doyle", "7:51"),
            ("Ilse", "9:32"), ("Ilse", "11:29"), ("tarek", "1:03")]
    text = ""
    for k, ((name, clock), body) in enumerate(zip(rows, _BODIES * 2)):
        glue = "3 replies" if k == 1 else "10 replies" if k == 5 else ""
        text += f"{glue}{name}  [{clock} PM]\n{body}\n"
    assert _speakers(_parsed(text)) == [name for name, _ in rows]


def test_a_year_is_never_a_name():
    # A note pasting archive messages as reStructuredText line blocks: the
    # date line ends in the year, under the sender's line and its underline.
    # A year, a count or a post number is never the speaker.
    text, rule = "Notes\n=====\n\n", '"' * 20
    for k, (name, body) in enumerate(zip(["Ilse Marr", "Tarek Oduya", "Ilse Marr"], _BODIES)):
        text += (
            f"{name} ilse at example.org\n{rule}\n| Wed Jan 1{k} 10:34:55 PST 201{k}\n\n"
            f"|   Previous message: [Kettle] clicks\n|   Messages sorted by: [ date ] [ thread ]\n\n| {body}\n\n"
        )
    t = _parsed(text)
    assert not any(name and name.isdigit() for name in _speakers(t))


def test_a_badge_line_under_some_names_does_not_move_the_author():
    # A forum whose headers print the name, then "OP" on a line of its own
    # for the thread's starter only, the company, a "·" and the age. Counted
    # back from the age, the name's line holds "OP" in the starter's
    # headers: there the name is the line above, and the company is no name.
    # (Replies open with the name of whom they answer, as the page prints it.)
    rows = [("Ines Varga", "Kettlewise (S23)"), ("Bo Lindqvist", "Hopline (W21)"),
            ("Cato Reyes", "Gauge Labs (S24)"), ("Bo Lindqvist", "Hopline (W21)"),
            ("Ines Varga", "Kettlewise (S23)"), ("Bo Lindqvist", "Hopline (W21)")]
    text = "40 comments\n\nWrite a comment...\n\n"
    for k, ((name, firm), body) in enumerate(zip(rows, _BODIES * 2)):
        badge = "OP\n" if name == "Bo Lindqvist" else ""
        to = f"{rows[k - 1][0]} " if k else ""
        text += f"{name}\n{badge}{firm}\n·\n{k + 2} months ago\n\n{to}{body}\n\nUpvote\n\n({k})\nReply\n\n"
    assert _speakers(_parsed(text)) == [name for name, _ in rows]


def test_a_chat_pasted_into_a_blockquote_is_the_dumps_own_text():
    # A meeting log bridged between IRC and Matrix, written as Markdown with
    # every line behind one ">" and the nick in bold: "> __< ana >__ text".
    # The marker on every line quotes nothing in the dump: the messages are
    # the dump's own, each with its speaker, and "bo:example.org: yes"
    # addresses bo's message.
    rows = [("bo:example.org", "I would rather cap blocks at 32 MB for now."),
            ("ana", "bo:example.org: I agree with that cap."),
            ("kestrel", "6. Proposal: remove the cap after the next release."),
            ("bo:example.org", "I'd like to discuss the cap on its own first."),
            ("ana", "The cap is fine until the fix lands."),
            ("kestrel", "ana: so we are agreed on the cap?")]
    text = "".join(f"> __< {who} >__ {said}     \n\n" for who, said in rows)
    t = _parsed(text)
    assert _speakers(t) == [who for who, _ in rows]
    assert not any(b.kind == "quote" for c in t.comments for b in c.blocks)
    assert t.comments[1].parent_id == t.comments[0].id


def test_a_markdown_clip_of_an_archive_emphasises_only_the_field_name():
    # A Markdown clip of a mail archive page (MHonArc prints each field as
    # "<li><em>From</em>: value</li>"): "* _From_: Ana <[ana@x](mailto:ana@x)>",
    # the colon outside the emphasis. The fields are the message's header.
    people = [("Ines Varga", "ines@example.org"), ("Tomas Ek", "tomas@example.net"), ("Ines Varga", "ines@example.org")]
    text = "# Re: Cache invalidation\n\n"
    for k, ((name, addr), body) in enumerate(zip(people, _BODIES)):
        text += (
            f"* * *\n\n* _To_: cache-list@lists.example.org\n* _Subject_: Re: Cache invalidation\n"
            f"* _From_: {name} <[{addr}](mailto:{addr})>\n* _Date_: Tue, 0{k + 4} Mar 2014 09:12:44 +0100\n\n"
            f"* * *\n\n{body}\n\n"
        )
    t = _parsed(text)
    assert t.dialect.name == "mail"
    assert _speakers(t) == [name for name, _ in people]


def test_a_blog_counts_its_comments_under_a_long_post():
    # A WordPress page clipped as Markdown: a long article, "## 3 thoughts on
    # “Title”", then the comments ("1. ![](avatar) **Name** says:", the date
    # as a link, the text), then the sidebars under "# Recent Posts". The
    # comments fill a small part of the page, but the page says how many
    # follow; the heading of the sidebars closes the section.
    article = "\n\n".join(
        f"Paragraph {k} of the post on kettle descaling, with a sentence that runs on for a while." for k in range(40)
    )
    who = ["Ines Varga", "Tomas Ek", "Cato Reyes"]
    text = "# Descaling a kettle\n\n" + article + "\n\n## 3 thoughts on “Descaling a kettle”\n\n"
    for k, (name, body) in enumerate(zip(who, _BODIES)):
        text += (
            f"{k + 1}. ![](https://avatars.example.org/{k}?s=34) **{name}** says:\n\n"
            f"   [December {k + 3}, 2024 at 10:5{k}](https://blog.example.org/kettle/#comment-{k})\n\n   {body}\n"
        )
    text += "\nComments are closed.\n\n# Recent Posts\n\n" + "".join(
        f"* [Post number {k}](https://blog.example.org/{k}/)\n  September {k + 1}, 2025\n" for k in range(6)
    )
    t = _parsed(text)
    assert _speakers(t) == who
    assert "Recent Posts" not in t.comments[-1].prose
    assert all(body in c.prose for c, body in zip(t.comments, _BODIES))


def test_tags_a_conversion_left_in_running_text_are_markup():
    # A forum converted to Markdown whose user links stayed HTML:
    # '<a href="…/u/ana" itemprop="url" rel="nofollow">ana</a>   April 11, 2025, 1:29am'.
    # The tags are markup (chrome), the name inside is the author.
    who = ["vesna", "auryn_k", "vesna", "delgado"]
    text = "# Kettle roadmap\n\n"
    for k, (name, body) in enumerate(zip(who, _BODIES)):
        text += (
            f'<a href="https://forum.example.org/u/{name}" itemprop="url" rel="nofollow">{name}</a>   '
            f"April 1{k}, 2025, 1:2{k}am\n\n\n{k + 1}\n\n{body}\n\n{k + 2} Likes\n\n\n"
        )
    t = _parsed(text)
    assert _speakers(t) == who
    assert any(x.kind == "markup" for x in t.chrome)
    # a blanked tag does not indent the name after it: no nesting is read
    # from the links' different lengths
    assert [c.parent_id for c in t.comments] == [None] * 4
    assert all(c.header.depth is None for c in t.comments)


def test_a_matrix_reply_bridged_to_irc_names_the_message_it_answers():
    # An irssi log of a channel bridged to Matrix: Matrix users' nicks carry
    # the bridge's "[m]", people address them without it ("ana: ..."), and a
    # Matrix reply opens with the nick and the first 32 characters of the
    # message answered: '<bo[m] "I would rather cap blocks at"> Why?'.
    rows = [
        ("14:19", "ana[m]", "Does the router keep state when you roam between access points?"),
        ("14:23", "bo[m]", "only layer 2 can roam, it is a client thing"),
        ("14:24", "bo[m]", "for many applications roaming would not matter at all"),
        ("14:26", "bo[m]", "i tried bridging two tunnels once and it failed"),
        ("14:37", "ana[m]", '<bo[m] "for many applications roaming wo"> Right, video would break though'),
        ("14:38", "kestrel", "ana: the name of the network has to match, at least on phones"),
        ("14:39", "bo[m]", '<ana[m] "Right, video would break though"> hls would be fine, rtmp not'),
    ]
    text = "```\n" + "".join(f"{clock} < {nick}> {said}\n" for clock, nick, said in rows) + "```\n"
    t = _parsed(text)
    assert _speakers(t) == [nick for _, nick, _ in rows]
    parents = {c.id: (c.parent_id, c.parent_evidence.method if c.parent_evidence else None) for c in t.comments}
    assert parents["c5"] == ("c3", "reply-to-header")  # not bo's latest message, c4
    assert parents["c6"][0] == "c5"  # "ana:" addresses ana[m]
    assert parents["c7"] == ("c5", "reply-to-header")


def test_a_header_a_hard_wrapped_dump_broke_in_two_is_one_header():
    # A forum page converted with lines wrapped at 78 columns: a header with a
    # long name runs past the width, so its clock time went to the next line
    # ('<a href="…/u/kestrel_moderator">kestrel_moderator</a>   May 3, 2025,'
    # / '2:01am'), while shorter ones stayed on one line. Both are headers.
    who = ["ana_v", "kestrel_moderator", "ana_v", "bo", "kestrel_moderator"]
    paragraphs = [
        "I measured the kettle again this morning and the scale came back after only\n"
        "two weeks, which is faster than the manual promises for water this hard. Has\n"
        "anyone tried citric acid instead of vinegar?",
        "Citric acid works, but rinse twice: the first boil after it tastes faintly of\n"
        "lemon. Our building has the same hard water and a sachet every ten days keeps\n"
        "the element clean enough.",
        "Ten days sounds often. Is the element visibly white again by then, or do you\n"
        "descale on a schedule whether it needs it or not? I would rather not buy forty\n"
        "sachets a year.",
        "A jug filter in front of the kettle halves it for us. The cartridges cost\n"
        "money too, though, so in the end it is a question of which consumable you\n"
        "prefer to keep buying.",
        "On a schedule, yes. Once the element looks white the limescale has already\n"
        "cost energy, so waiting for it to show is the more expensive habit, whatever\n"
        "the sachets cost.",
    ]
    text = "# Kettle scale\n\n"
    for k, (name, body) in enumerate(zip(who, paragraphs)):
        head = f'<a href="https://forum.example.org/u/{name}">{name}</a>   May {k + 2}, 2025,'
        text += head + (f" 1:1{k}am\n" if len(head) + 7 <= 78 else f"\n2:0{k}am\n") + f"\n{k + 1}\n\n{body}\n\n"
    assert "\n2:0" in text and " 1:1" in text  # both kinds are there
    t = _parsed(text)
    assert _speakers(t) == who
    assert [c.prose for c in t.comments] == paragraphs
    assert all(c.parent_id is None for c in t.comments)  # nothing shows what answers what


def test_names_a_theme_prints_in_capitals_are_names():
    # A blog theme that sets its comment headers in capitals: 'INES VARGA
    # SAYS:' / 'MAY 2, 2024 AT 9:14 AM'. A name in capitals is a shouted
    # title elsewhere; here every author value is in capitals and a two-word
    # one recurs, so they are names (printed as the page prints them).
    who = ["INES VARGA", "TOMAS EK", "INES VARGA", "CATO", "TOMAS EK"]
    text = "Thanks for reading, the code is in the gist below.\n\n5 THOUGHTS ON “DESCALING A KETTLE”\n"
    for k, (name, body) in enumerate(zip(who, _BODIES)):
        text += f"{name} SAYS:\nMAY {k + 2}, 2024 AT 9:1{k} AM\n{body}\n\nREPLY\n"
    text += "LEAVE A REPLY\nYour email address will not be published.\n"
    t = _parsed(text)
    assert _speakers(t) == who
    assert [c.prose for c in t.comments] == _BODIES[:5]


def test_a_trackers_comment_label_glued_to_the_name_is_no_part_of_it():
    # A bug tracker copied from the browser: the comment label runs into the
    # name ('Comment 1Ines Varga 2014-02-17 11:28:33 UTC',
    # 'DescriptionTomas Ek …'). No header prints a name alone; the same name
    # behind different labels confirms it.
    who = ["Tomas Ek", "Ines Varga", "Tomas Ek", "Tomas Ek", "Ines Varga"]
    text = "Bug 1065 - kettle crashes when descaling\n\nStatus: CLOSED\n\n"
    for k, (name, body) in enumerate(zip(who, _BODIES)):
        label = "Description" if k == 0 else f"Comment {k}"
        text += f"{label}{name} 2014-02-1{k + 5} 1{k}:28:33 UTC\n{body}\n\n"
    t = _parsed(text)
    assert _speakers(t) == who


def test_a_name_with_a_capital_inside_keeps_it():
    from threadparse.induce import _glued_authors

    made = [{"author": "Ann McDonald"}, {"author": "Ron McDonald"}, {"author": "Lea DeShawn"}, {"author": "Bo DeShawn"}]
    _glued_authors(made, {})
    assert [m["author"] for m in made] == ["Ann McDonald", "Ron McDonald", "Lea DeShawn", "Bo DeShawn"]


def test_a_thread_pasted_behind_a_common_margin():
    # An old Google Groups page pasted into an indented block: every line
    # opens with two tabs, the mail fields too. The margin is the dump's, not
    # a code block's: the fields are read as mail headers.
    msgs = [
        ("Ines Varga", "ines@example.org", "4 Sep 2003 17:16:57 -0700", "How do I descale a kettle?\n\nIt is white inside."),
        ("Tomas Ek", "tomas@example.org", "9 Sep 2003 03:25:11 -0700", "Citric acid, two rinses.\n\nThen boil once and pour it away."),
    ]
    text = ""
    for name, addr, date, body in msgs:
        text += (
            f"From: {name} <{addr}>\nDate: {date}\nSubject: Descaling\n\n{body}\n\n"
        )
    text = "".join("\t\t" + line if line.strip() else line for line in text.splitlines(True))
    t = _parsed(text)
    assert _speakers(t) == ["Ines Varga", "Tomas Ek"]
    assert t.comments[1].prose.startswith("Citric acid")


def test_dump_lines_leave_the_common_margin_out():
    from threadparse.text import dump_lines, split_lines

    text = "  a\n\n    b\n  c\n"
    assert [text[ln.start : ln.end] for ln in dump_lines(text)] == ["a", "", "  b", "c"]
    flush = "a\n  b\n  c\n"
    assert dump_lines(flush) == split_lines(flush)
    mixed = "\ta\n  b\n\tc\n"  # (no margin all lines share)
    assert dump_lines(mixed) == split_lines(mixed)


def test_a_small_disqus_section_of_replies_names_each_writer_first():
    # Disqus comments pasted into notes above the article they discuss: three
    # replies, each under "Avatar", each header naming the writer and then
    # whom the reply answers ('abcd  Saha Hinley • a year ago'). The section
    # is a small part of the page; the avatar line over every header says it
    # is a comment section, and the first name is the writer's.
    rows = [("Mara Lind", "Ines Varga"), ("Mara Lind", "Tomas Ek"), ("Cato Reyes", "Tomas Ek")]
    text = "Find the number of subarrays with an even sum\n\npls explain the difference.\n \n•Reply•Share ›\n"
    for (writer, parent), body in zip(rows, _BODIES):
        # (the reply names whom it answers: that name is printed elsewhere too)
        text += f"Avatar\n{writer}  {parent} • a year ago\n{parent}\n{body}\n \n•Reply•Share ›\n"
    text += "\n" + "\n\n".join(
        f"Step {k} of the article: keep a running parity and count the prefixes seen with each parity so far."
        for k in range(30)
    ) + "\n"
    t = _parsed(text)
    assert _speakers(t)[-3:] == [w for w, _ in rows]
    assert [c.prose.split("\n")[-1] for c in t.comments[-3:]][:2] == _BODIES[:2]


def test_a_role_badge_before_the_date_is_no_name():
    # A blog's comments: the name on a line of its own, the date under it; the
    # article's writer gets 'Article author' before the date.
    rows = [("aaurelions", ""), ("lewtun", "Article author "), ("nlpyang", ""), ("mx1024", ""),
            ("lewtun", "Article author "), ("k1z", "")]
    text = "Comments\n\n"
    for k, ((name, badge), body) in enumerate(zip(rows, _BODIES)):
        text += f"{name}\n\n{badge}Mar {k + 11}, 2025 \n\n{body}\n\nSee translation \n\n👍\n\n{k + 2}\n\n+\n\n"
    t = _parsed(text)
    assert _speakers(t) == [name for name, _ in rows]
