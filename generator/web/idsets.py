"""Sets of positions (designs, records) written as short text for the site's scripts.

A set of positions below `size` is written whichever way is shorter: "d" then the gaps
between its members in base 36, comma-separated (the first counted from -1), or "b" then a
bitmap in base64 (bit i of byte i // 8, lowest bit first). A set of a few members stays a
few bytes, a set of most of 50,000 designs 8.4 KB. assets/makelocal/data.js reads both.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(number: int) -> str:
    if number < 0:
        raise ValueError(f"{number} is negative")
    if number < len(_TWO_DIGITS):
        return _TWO_DIGITS[number]
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = _DIGITS[digit] + text
        if not number:
            return text


# Most gaps between members are short: written once (a site build writes millions).
_TWO_DIGITS = [_DIGITS[n] for n in range(36)] + [
    _DIGITS[n // 36] + _DIGITS[n % 36] for n in range(36, 36 * 36)
]


def encode(members: Iterable[int], size: int) -> str:
    """The set of `members` (each at least 0 and below `size`) as text."""
    ordered = sorted(set(members))
    if ordered and not 0 <= ordered[0] <= ordered[-1] < size:
        raise ValueError(f"members of a set of positions must lie in 0..{size - 1}")
    bitmap_length = 1 + 4 * -(-((size + 7) // 8) // 3)  # "b" and the base64 of its bytes
    short_enough = max(2 + size // 6, bitmap_length)  # the gaps are written if not longer
    # The gaps take a digit and a comma a member (the first "d"): when that is longer,
    # they are not written out to be measured.
    if 2 * len(ordered) <= short_enough:
        gaps = "d" + ",".join(
            base36(b - a - 1) for a, b in zip([-1, *ordered], ordered, strict=False)
        )
        if len(gaps) <= short_enough:
            return gaps
    bitmap = bytearray((size + 7) // 8)
    for member in ordered:
        bitmap[member >> 3] |= 1 << (member & 7)
    return "b" + base64.b64encode(bytes(bitmap)).decode("ascii")


def decode(text: str) -> list[int]:
    """The members of a set `encode` wrote, in order (the tests' check of the scripts)."""
    if text.startswith("b"):
        bitmap = base64.b64decode(text[1:])
        return [i for i in range(len(bitmap) * 8) if bitmap[i >> 3] >> (i & 7) & 1]
    members, last = [], -1
    for gap in filter(None, text[1:].split(",")):
        last += int(gap, 36) + 1
        members.append(last)
    return members
