"""Lineage: which designs a design was derived from, and which were derived from it.

Pure: takes each design's data (id -> data) and returns both directions, plus the whole
chain each way, so that an improvement can be traced back and its sources credited.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The chain each way lists at most this many designs, nearest first: enough to trace any
# real lineage, and a catalogue cannot make every page list every other design.
CHAIN_LIMIT = 50
# A circle is spelt out design by design up to this many designs; a bigger one by its size.
CIRCLE_SHOWN = 12


@dataclass(frozen=True)
class Origin:
    """One entry of `derived_from`: a MakeLocal design, or an outside design."""

    design: str | None
    title: str | None
    url: str | None
    licence: str | None
    changes: str | None


@dataclass(frozen=True)
class Lineage:
    parents: tuple[Origin, ...]  # as the design lists them
    children: tuple[str, ...]  # MakeLocal designs that list this one, by id
    ancestors: tuple[str, ...]  # MakeLocal designs up the chain, nearest first (CHAIN_LIMIT)
    descendants: tuple[str, ...]  # MakeLocal designs down the chain, nearest first


def _text(entry: Mapping[str, Any], key: str) -> str | None:
    value = entry.get(key)
    return value if isinstance(value, str) else None


def origins(design: Mapping[str, Any]) -> tuple[Origin, ...]:
    entries = design.get("derived_from")
    return tuple(
        Origin(*(_text(e, k) for k in ("design", "title", "url", "licence", "changes")))
        for e in (entries if isinstance(entries, list) else [])
        if isinstance(e, dict)
    )


def parent_ids(designs: Mapping[str, Mapping[str, Any]]) -> dict[str, list[str]]:
    """Each design's MakeLocal parents that exist, in the order listed, without itself."""
    return {
        design_id: [
            o.design
            for o in origins(data)
            if o.design is not None and o.design in designs and o.design != design_id
        ]
        for design_id, data in designs.items()
    }


def _walk(start: str, edges: Mapping[str, list[str]]) -> tuple[str, ...]:
    """Breadth-first: nearest first, each once, never the start (cycles stop), at most
    CHAIN_LIMIT."""
    seen = {start}
    order: list[str] = []
    frontier = [start]
    while frontier and len(order) < CHAIN_LIMIT:
        following: list[str] = []
        for node in frontier:
            for nxt in edges.get(node, []):
                if nxt not in seen and len(order) < CHAIN_LIMIT:
                    seen.add(nxt)
                    order.append(nxt)
                    following.append(nxt)
        frontier = following
    return tuple(order)


def lineages(designs: Mapping[str, Mapping[str, Any]]) -> dict[str, Lineage]:
    parents = parent_ids(designs)
    children: dict[str, list[str]] = {design_id: [] for design_id in designs}
    for design_id in sorted(designs):
        for parent in parents[design_id]:
            # Designs come in order, so a child named twice is the last one listed: one
            # look, not a search of a list that may hold thousands.
            if not children[parent] or children[parent][-1] != design_id:
                children[parent].append(design_id)
    return {
        design_id: Lineage(
            origins(data),
            tuple(children[design_id]),
            _walk(design_id, parents),
            _walk(design_id, children),
        )
        for design_id, data in designs.items()
    }


def _components(edges: Mapping[str, list[str]]) -> dict[str, int]:
    """Strongly connected components (Tarjan, iterative so deep chains cannot overflow)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    component: dict[str, int] = {}
    stack: list[str] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
            targets = edges.get(node, [])
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target not in component:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    component[member] = index[node]
                    if member == node:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return component


def _path(start: str, goal: str, edges: Mapping[str, list[str]], allowed: set[str]) -> list[str]:
    """Shortest path start -> goal along `edges`, staying inside `allowed`."""
    previous: dict[str, str] = {}
    frontier = [start]
    seen = {start}
    while goal not in seen and frontier:
        following: list[str] = []
        for node in frontier:
            for nxt in edges[node]:
                if nxt in allowed and nxt not in seen:
                    seen.add(nxt)
                    previous[nxt] = node
                    following.append(nxt)
        frontier = following
    path = [goal]
    while path[-1] != start:
        path.append(previous[path[-1]])
    return path[::-1]


@dataclass(frozen=True)
class Circle:
    size: int  # designs in the circle (all that derive from each other, directly or not)
    chain: tuple[str, ...] | None  # parent -> ... -> design, each deriving from the next;
    # None when the circle has more than CIRCLE_SHOWN designs


def circles(designs: Mapping[str, Mapping[str, Any]]) -> dict[tuple[str, str], Circle]:
    """Each `derived_from` link (design, parent) that closes a circle. Linear in the
    number of links, except for spelling out chains of circles up to CIRCLE_SHOWN."""
    parents = parent_ids(designs)
    component = _components(parents)
    members: dict[int, set[str]] = {}
    for design_id, number in component.items():
        members.setdefault(number, set()).add(design_id)
    found = {}
    for design_id in sorted(parents):
        group = members[component[design_id]]
        for parent in parents[design_id]:
            if component[parent] != component[design_id]:
                continue
            small = len(group) <= CIRCLE_SHOWN
            chain = tuple(_path(parent, design_id, parents, group)) if small else None
            found[(design_id, parent)] = Circle(len(group), chain)
    return found
