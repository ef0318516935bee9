"""Needs matched to makers: whose profiles can make each open need, and whether the
capacity they state covers the quantity by the date.

Who can make a need is `matching.who_can_make` on the need's designs (the design it
names, or every design of the category it names), each narrowed to the processes and
materials the need allows: a part by another process, or with none of the allowed
materials, cannot be made. The rules and what they leave unchecked are matching's.

Whether a maker can make enough in time is worked out from the capacity the maker states
(records are read as the maker lets them be shown), as products a week x weeks left:

- the rate stated for the design; else for its category (all of it going to this
  design); else, in parts a week, for each process the design's parts need, divided by
  the parts of that process one product takes (the part's quantity; of a set of
  alternatives, the first whose process has a stated rate), the slowest process setting
  the pace. Without a stated rate for every process needed, the rate is unknown;
- the weeks left run from the date the site is built to the day the need is needed by;
- it assumes the maker works on this need alone; their other work and the time to
  deliver are not counted.

A need is open until its `needed_by` day (inclusive), unless its status says it was met
or withdrawn; after that day it is expired.

Pure: record data and a date in, frozen dataclasses out; robust to records that failed
their checks.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from generator.makeit.inputs import Catalogue, DesignSpec
from generator.makeit.matching import who_can_make
from generator.makeit.notes import Note

State = Literal["open", "expired", "met", "withdrawn"]
Basis = Literal["design", "category", "process"]
BASES: tuple[Basis, ...] = ("design", "category", "process")
ASSUMPTION = (
    "Units a week times the weeks left until the day it is needed by, counted from the "
    "date this site was built, at the rate the maker states for the design, else for its "
    "category, else for each process its parts need (the slowest sets the pace). It "
    "assumes the maker works on this need alone; other work and delivery are not counted."
)


@dataclass(frozen=True)
class NeedSpec:
    """What matching reads of a need record."""

    id: str
    title: str
    design: str | None
    category: str | None
    quantity: int
    needed_by: datetime.date
    status: str  # open, met or withdrawn
    processes: frozenset[str] | None  # None: any
    materials: frozenset[str] | None  # None: any


@dataclass(frozen=True)
class Capacity:
    """One entry of a maker's stated capacity."""

    per_week: int
    basis: Basis
    target: str  # the design, category or process it counts
    stated: str  # the day the maker stated it, YYYY-MM-DD


@dataclass(frozen=True)
class Rate:
    """Products of one design a maker can make a week, and what the figure rests on."""

    per_week: float
    basis: Basis
    capacities: tuple[Capacity, ...]  # the entries used
    slowest: str | None = None  # for a rate by process: the process that sets the pace
    parts_a_product: int = 1  # and how many parts by it one product takes


@dataclass(frozen=True)
class Coverage:
    """Whether a maker's rate makes the quantity in the days left."""

    rate: Rate
    days_left: int
    by_date: int  # products made by the day it is needed, at the rate
    enough: bool


@dataclass(frozen=True)
class Candidate:
    """A maker whose profile can make a need."""

    maker: str
    designs: tuple[str, ...]  # the need's designs it can make, the best covered first
    unchecked: tuple[Note, ...]  # what its profile leaves unchecked, for the first design
    coverage: Coverage | None  # for the first design; None: no rate stated for it


@dataclass(frozen=True)
class NeedMatch:
    need: NeedSpec
    state: State
    days_left: int  # from the build's date to the day it is needed by; negative: past
    designs: tuple[str, ...]  # the designs that would do
    candidates: tuple[Candidate, ...]  # for an open need: enough first, then most made


def _date(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _ids(value: Any) -> frozenset[str] | None:
    return frozenset(v for v in value if isinstance(v, str)) if isinstance(value, list) else None


def need_spec(need_id: str, data: Mapping[str, Any]) -> NeedSpec | None:
    """A need as matching reads it; None for one without a date or quantity to go by."""
    needed_by = _date(data.get("needed_by"))
    quantity = data.get("quantity")
    if needed_by is None or not isinstance(quantity, int) or isinstance(quantity, bool):
        return None
    design, category = data.get("design"), data.get("category")
    return NeedSpec(
        need_id,
        str(data.get("title", need_id)),
        design if isinstance(design, str) else None,
        category if isinstance(category, str) and not isinstance(design, str) else None,
        quantity,
        needed_by,
        str(data.get("status", "open")),
        _ids(data.get("processes")),
        _ids(data.get("materials")),
    )


def capacities(maker: Mapping[str, Any]) -> tuple[Capacity, ...]:
    """The capacity a maker states (pass what the maker lets be shown)."""
    found = []
    entries = maker.get("capacity")
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        per_week = entry.get("per_week")
        named = [b for b in BASES if b in entry]
        if isinstance(per_week, bool) or not isinstance(per_week, int):
            continue
        if len(named) == 1 and per_week > 0:
            basis = named[0]
            stated = str(entry.get("stated", ""))
            found.append(Capacity(per_week, basis, str(entry[basis]), stated))
    return tuple(found)


def state(need: NeedSpec, as_of: datetime.date) -> State:
    if need.status == "met":
        return "met"
    if need.status == "withdrawn":
        return "withdrawn"
    return "expired" if need.needed_by < as_of else "open"


def narrowed(design: DesignSpec, need: NeedSpec) -> DesignSpec:
    """The design as the need allows it to be made: a part by a process the need does not
    allow keeps no material (so it cannot be made), and a part's materials are those the
    need allows."""
    parts = []
    for part in design.parts:
        materials = part.materials
        if need.processes is not None and part.process not in need.processes:
            materials = ()
        elif need.materials is not None:
            materials = tuple(m for m in materials if m in need.materials)
        parts.append(replace(part, materials=materials))
    return replace(design, parts=tuple(parts))


def possible(design: DesignSpec) -> bool:
    """Whether anyone could make the (narrowed) design: each set of alternatives has a
    part with a material to make it from."""
    return all(any(design.parts[i].materials for i in group) for group in design.groups)


def _best(entries: Iterable[Capacity]) -> Capacity | None:
    return max(entries, key=lambda c: (c.per_week, c.stated), default=None)


def rate(design: DesignSpec, stated: tuple[Capacity, ...]) -> Rate | None:
    """Products of `design` a week by the stated capacity; None if it cannot be told."""
    for basis, target in (("design", design.id), ("category", design.category)):
        entry = _best(c for c in stated if c.basis == basis and c.target == target)
        if entry is not None:
            return Rate(float(entry.per_week), entry.basis, (entry,))
    by_process = {
        process: entry
        for process in sorted({c.target for c in stated if c.basis == "process"})
        if (entry := _best(c for c in stated if c.basis == "process" and c.target == process))
    }
    parts_a_product: dict[str, int] = {}
    for group in design.groups:
        rated = (design.parts[i] for i in group if design.parts[i].process in by_process)
        chosen = next(rated, None)
        if chosen is None:
            return None
        parts_a_product[chosen.process] = parts_a_product.get(chosen.process, 0) + chosen.quantity
    if not parts_a_product:
        return None
    paces = {p: by_process[p].per_week / n for p, n in parts_a_product.items()}
    slowest = min(sorted(paces), key=lambda p: paces[p])
    used = tuple(by_process[p] for p in sorted(parts_a_product))
    return Rate(paces[slowest], "process", used, slowest, parts_a_product[slowest])


def coverage(found: Rate, quantity: int, days_left: int) -> Coverage:
    """What the rate makes in the days left (whole products, rounded down)."""
    made = math.floor(found.per_week * max(days_left, 0) / 7 + 1e-9)
    return Coverage(found, days_left, made, made >= quantity)


def _candidate(
    maker_id: str,
    can_make: list[tuple[str, tuple[Note, ...]]],
    designs: Mapping[str, DesignSpec],
    stated: tuple[Capacity, ...],
    need: NeedSpec,
    days_left: int,
) -> Candidate:
    options = []
    for design_id, unchecked in can_make:
        found = rate(designs[design_id], stated)
        covered = coverage(found, need.quantity, days_left) if found else None
        options.append((design_id, unchecked, covered))
    options.sort(key=lambda o: -(o[2].by_date if o[2] else -1))  # stable: by id on a tie
    _, unchecked, covered = options[0]
    return Candidate(maker_id, tuple(o[0] for o in options), unchecked, covered)


def _order(candidate: Candidate) -> tuple[int, int, str]:
    covered = candidate.coverage
    return (
        0 if covered and covered.enough else 1 if covered else 2,
        -(covered.by_date if covered else 0),
        candidate.maker,
    )


def match_needs(
    cat: Catalogue,
    makers: Mapping[str, Mapping[str, Any]],
    needs: Mapping[str, Mapping[str, Any]],
    as_of: datetime.date,
) -> list[NeedMatch]:
    """Every need that can be read (see `need_spec`), by id, with its state on `as_of`
    and, if it is open, the makers whose profiles can make it."""
    by_id = {d.id: d for d in cat.designs}
    results = []
    for need_id in sorted(needs):
        need = need_spec(need_id, needs[need_id])
        if need is None:
            continue
        named = (
            [by_id[need.design]]
            if need.design in by_id
            else [d for d in cat.designs if need.category and d.category == need.category]
        )
        designs = {d.id: n for d in named if possible(n := narrowed(d, need))}
        days_left = (need.needed_by - as_of).days
        now = state(need, as_of)
        candidates: list[Candidate] = []
        if now == "open" and designs:
            found = who_can_make(replace(cat, designs=tuple(designs.values())), makers)
            by_maker: dict[str, list[tuple[str, tuple[Note, ...]]]] = {}
            for design_id in sorted(found):
                for maker_id, unchecked in found[design_id]:
                    by_maker.setdefault(maker_id, []).append((design_id, unchecked))
            candidates = [
                _candidate(m, can, designs, capacities(makers[m]), need, days_left)
                for m, can in by_maker.items()
            ]
        results.append(
            NeedMatch(
                need,
                now,
                days_left,
                tuple(designs),
                tuple(sorted(candidates, key=_order)),
            )
        )
    return results
