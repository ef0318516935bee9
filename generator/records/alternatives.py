"""Parts that are alternatives to each other: make one or the other.

A part's `alternative_to` names another part of the same design that it can replace (a
specimen printed, or cut from a pressed sheet). The links join parts into groups, either
way and through chains: if b is an alternative to a and c to b, then a, b and c are one
group. A part without alternatives is a group of its own. A design needs one part of
every group.

Pure, and robust to a record that failed its checks: links to an unknown part or to the
part itself (which the validator reports) join nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def groups(parts: Sequence[Mapping[str, Any]]) -> list[list[int]]:
    """Indexes of `parts`, grouped: groups in the order of their first part, the parts of
    a group in the design's order."""
    first: dict[str, int] = {}
    for i, part in enumerate(parts):
        if isinstance(part.get("id"), str):
            first.setdefault(part["id"], i)
    leader = list(range(len(parts)))

    def find(i: int) -> int:
        while leader[i] != i:
            leader[i] = leader[leader[i]]  # path halving: long chains stay cheap
            i = leader[i]
        return i

    for i, part in enumerate(parts):
        target = part.get("alternative_to")
        if isinstance(target, str) and target in first:
            a, b = find(i), find(first[target])
            leader[max(a, b)] = min(a, b)  # a group's leader is its first part
    grouped: dict[int, list[int]] = {}
    for i in range(len(parts)):
        grouped.setdefault(find(i), []).append(i)
    return list(grouped.values())
