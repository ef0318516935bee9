"""Lineage: which designs a design was derived from, and which were derived from it.

Pure: takes each design's data (id -> data) and returns both directions, plus the whole
chain each way, so that an improvement can be traced back and its sources credited.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


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
    ancestors: tuple[str, ...]  # every MakeLocal design up the chain, nearest first
    descendants: tuple[str, ...]  # every MakeLocal design down the chain, nearest first


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
            o.design for o in origins(data) if o.design in designs and o.design != design_id
        ]
        for design_id, data in designs.items()
    }


def _walk(start: str, edges: Mapping[str, list[str]]) -> tuple[str, ...]:
    """Breadth-first: nearest first, each once, never the start (cycles stop)."""
    seen = {start}
    order: list[str] = []
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for nxt in edges.get(node, []):
                if nxt not in seen:
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
            if design_id not in children[parent]:
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


def circles(designs: Mapping[str, Mapping[str, Any]]) -> dict[tuple[str, str], list[str]]:
    """Each `derived_from` link (design, parent) that closes a circle, with the chain
    parent -> ... -> design that leads back (each one derives from the next)."""
    parents = parent_ids(designs)
    component = _components(parents)
    members: dict[int, set[str]] = {}
    for design_id, number in component.items():
        members.setdefault(number, set()).add(design_id)
    return {
        (design_id, parent): _path(parent, design_id, parents, members[component[design_id]])
        for design_id in sorted(parents)
        for parent in parents[design_id]
        if component[parent] == component[design_id]
    }
