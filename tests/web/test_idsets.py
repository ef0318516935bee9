"""Sets of positions as the site's scripts read them: every set comes back as it went in,
written whichever way is shorter (the gaps on a tie, or while no bitmap of the size could
be shorter)."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.web.idsets import base36, decode, encode


def both_forms(members: set[int], size: int) -> tuple[str, str]:
    """The two ways of writing a set, each written out in full."""
    ordered = sorted(members)
    gaps = "d" + ",".join(base36(b - a - 1) for a, b in zip([-1, *ordered], ordered, strict=False))
    bitmap = bytearray((size + 7) // 8)
    for member in ordered:
        bitmap[member // 8] |= 1 << (member % 8)
    return gaps, "b" + base64.b64encode(bytes(bitmap)).decode("ascii")


@st.composite
def sets(draw: st.DrawFn) -> tuple[set[int], int]:
    size = draw(st.integers(0, 3000))
    if size == 0:
        return set(), 0
    density = draw(st.sampled_from([0.0, 0.01, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0]))
    seed = draw(st.integers(0, 2**32))
    step = seed % 997 + 1
    members = {i for i in range(size) if (i * step + seed) % 1000 < density * 1000}
    members |= set(draw(st.lists(st.integers(0, size - 1), max_size=40)))
    return members, size


@given(sets())
def test_a_set_is_written_the_shorter_way_and_read_back(case: tuple[set[int], int]) -> None:
    members, size = case
    written = encode(members, size)
    assert decode(written) == sorted(members)
    gaps, bitmap = both_forms(members, size)
    shorter = gaps if len(gaps) <= max(2 + size // 6, len(bitmap)) else bitmap
    assert written == shorter


@pytest.mark.parametrize("size", range(1, 120))
def test_every_small_size_at_every_count(size: int) -> None:
    for count in range(size + 1):
        members = set(range(0, size, max(1, size // max(count, 1))))
        members = set(sorted(members)[:count])
        gaps, bitmap = both_forms(members, size)
        shorter = gaps if len(gaps) <= max(2 + size // 6, len(bitmap)) else bitmap
        assert encode(members, size) == shorter, (size, count)


@pytest.mark.parametrize("number", [0, 9, 35, 36, 1295, 1296, 46655, 46656, 10**9])
def test_base36_writes_every_number(number: int) -> None:
    assert int(base36(number), 36) == number
    assert base36(number) == base36(number).lower()
