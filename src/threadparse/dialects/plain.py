"""The headerless dialect: comment bodies only (shape A in FORMATS.md).

Nothing in a plain dump is a header; comment boundaries come from layout and
content (quotes, salutations, duplicate captures), which the stages after the
segmenter supply.
"""

from __future__ import annotations

from . import Dialect, register


@register
class Plain(Dialect):
    name = "plain"
    description = "Headerless dump: comment bodies only, quote markers usually lost."
