"""Render once with slots, cut once, fill for each request: how a page's shell and a step's form are kept.

What differs from one request to the next (the CSRF token, an answer checked, the place typed) is rendered as a
slot: a plain word that autoescaping leaves as it is and that no template or catalogue holds. The HTML is cut at
the slots once; each request fills them with its own values in one pass, so a value that happens to spell a slot
is shown as it is, never filled in turn. A shell holds only what everyone asking for its shape is shown.
"""

import re
from itertools import repeat

from markupsafe import Markup

_CUT = re.compile(r"slot-6d0b-([0-9]+)-")  # ASCII digits: \d takes other scripts' digits too


class Shell:
    """HTML cut at its slots: `texts` around them (one more than `keys`), `keys` in the order they are shown."""

    __slots__ = ("_join", "keys", "texts")

    def __init__(self, texts: list, keys: list):
        self.texts, self.keys = texts, keys
        self._join = (b"" if texts and isinstance(texts[0], bytes) else "").join

    def fill(self, values: dict, blank=None):
        """The HTML with each slot's value from `values` (HTML, in the texts' type); a key `values` lacks is
        an error, or `blank` when given."""
        parts = [None] * (2 * len(self.keys) + 1)
        parts[::2] = self.texts
        parts[1::2] = map(values.__getitem__, self.keys) if blank is None else map(values.get, self.keys, repeat(blank))
        return self._join(parts)


class Slots:
    """The slots of one rendering: `slots(key)` is the word that stands for `key` (the same word each time)."""

    def __init__(self):
        self._numbers: dict = {}  # key -> its number, in the order made

    def __call__(self, key) -> Markup:
        number = self._numbers.setdefault(key, len(self._numbers))
        return Markup(f"slot-6d0b-{number}-")  # noqa: S704  # nosec B704  # a plain word

    def __len__(self) -> int:
        return len(self._numbers)

    def cut(self, html: str, utf8: bool = False) -> Shell:
        """`html` (rendered with these slots) cut at them; its texts in UTF-8 if `utf8`."""
        pieces = _CUT.split(html)
        made = list(self._numbers)
        texts = [text.encode() for text in pieces[::2]] if utf8 else pieces[::2]
        return Shell(texts, [made[int(number)] for number in pieces[1::2]])
