"""Header induction on shapes found by surveying real page copies (issue #7).

Invented text, real structure: a Google Groups conversation copied from the
browser, where each message's header is the sender's name, ``unread,``, the
date with a tooltip's short date glued to the clock (``7:32:15 AM1/18/22``),
and the list address. A clock glued to a short date is one time field, so a
message sent in the afternoon (``PM``) has the same header shape as the
morning ones.
"""

from __future__ import annotations

from pathlib import Path

import threadparse
from threadparse import induce

GROUP_COPY = """\
Allotment water rota

3 views
Skip to first unread message

Ilse Marten

unread,
Jan 18, 2022, 7:32:15 AM1/18/22
to allotment...@googlegroups.com
Hello all,

I have put the new rota in the shared folder. Please check your weeks and
tell me by Friday if anything clashes.

Corwin Aldous

unread,
Jan 18, 2022, 9:05:40 AM1/18/22
to allotment...@googlegroups.com
Thanks Ilse. I cannot do the first week of March, could someone swap with
me? I can take any week in April instead.

Ilse Marten

unread,
Jan 19, 2022, 6:12:03 PM1/19/22
to allotment...@googlegroups.com
Corwin, I swapped you with Petra, she was happy to move to March.

Petra Vinck

unread,
Jan 20, 2022, 8:00:12 AM1/20/22
to allotment...@googlegroups.com
Fine by me, March suits me better anyway because of the school holidays.

Corwin Aldous

unread,
Jan 20, 2022, 8:31:55 AM1/20/22
to allotment...@googlegroups.com
Great, thanks both.
"""


def test_clock_glued_to_a_short_date_is_one_time_field():
    am = "Jan 18, 2022, 7:32:15 AM1/18/22"
    pm = "Jan 19, 2022, 6:12:03 PM1/19/22"
    assert induce.shape_of(am, 0, len(am)).skeleton == induce.shape_of(pm, 0, len(pm)).skeleton == ("T", "T")


def test_group_copy_finds_every_message():
    th = threadparse.parse(GROUP_COPY)
    assert [c.speaker.name for c in th.comments] == [
        "Ilse Marten", "Corwin Aldous", "Ilse Marten", "Petra Vinck", "Corwin Aldous",
    ]
