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
