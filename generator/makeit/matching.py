"""Feasibility: which designs can be made with the processes, machines and materials you have.

A part can be made when
- its process is one you have (a machine of a process counts as having it);
- one of your machines for that process fits it: the part's bounding box (`size_mm` from
  the STL analysis) stands as exported, z up, and may be turned by any angle about the
  vertical axis: as exported, a quarter turn, or diagonally across the bed. It is never
  tipped onto another face (the design chose how it stands), and no margin is kept for a
  skirt or brim;
- one of its listed materials suits that process (the material's record lists the
  process) and is one you have.

What you do not state is not checked, and the result says so: with no material chosen,
materials are not checked; with no machine of known size for a process, sizes on it are
not checked; a part without an STL has no size.

A design needs one part of each set of alternatives (parts that name each other in
`alternative_to`, see generator/records/alternatives.py); a part without alternatives is a
set of its own. It can be made when every set has a part that can be made.

A design that cannot be made is a near miss when it lacks at most NEAR_MISS_NEEDS things,
each one thing to get: a process, one of a set of materials, or a bigger machine for a
process. Where no part of a set of alternatives can be made, what is missing is counted
for the one that lacks least.

Pure: records and part sizes in (arranged by generator/makeit/inputs.py), results out.
The site's "What can I make?" page runs the same rules in the browser
(generator/web/assets/match.js) on the data of `generator.web.match_page.script_data()`,
with the wording from MESSAGES; a test drives both and compares them.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, NamedTuple

from generator.makeit.inputs import (
    Catalogue,
    DesignSpec,
    Have,
    Machine,
    PartSpec,
    Size,
    maker_have,
)
from generator.makeit.notes import Note, note

Status = Literal["can-make", "near-miss", "out-of-reach"]

NEAR_MISS_NEEDS = 2
ROTATION = (
    "Parts stand as exported (z up) and may be turned by any angle about the vertical axis, "
    "diagonally too; they are not tipped onto another face, and no margin is kept for a "
    "skirt or brim."
)
# Every sentence the results use; the site's script fills in the same templates.
MESSAGES = {
    "process": "needs the process {process}",
    "material": "needs {materials} for {process}",
    "no-material": "none of its listed materials suits {process}",
    "machine": "needs a machine for {process} that fits {parts}",
    "part-size": "{part} ({size} mm)",
    "materials-unchecked": "materials not checked: none given",
    "sizes-unchecked": "sizes for {process} not checked: no machine of known size given",
    "no-size": "size of {part} unknown (no STL analysis), so not checked",
    "alternative": "what is missing is counted for {part}; {others} would do in its place",
    "never-heat": "{material} must never be heated, and {processes} would heat it: "
    "read its safety notes before anything else",
}


def _say(key: str, **values: str) -> str:
    return MESSAGES[key].format(**values)


def _note(key: str, **values: str) -> Note:
    return note(MESSAGES[key], **values)


def join(items: Sequence[str], word: str) -> str:
    """`A`, `A or B`, `A, B or C`."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def size_text(size: Size) -> str:
    return " x ".join(f"{round(v, 1):g}" for v in size)


class ChoiceError(ValueError):
    """A choice names something the catalogue does not have; the message says what."""


def _known(kind: str, value: str, pool: Iterable[str]) -> str:
    pool = sorted(pool)
    if value in pool:
        return value
    guess = difflib.get_close_matches(value, pool, n=1)
    hint = f"did you mean {guess[0]!r}?" if guess else f"known: {', '.join(pool) or 'none'}"
    raise ChoiceError(f"no {kind} {value!r}; {hint}")


def choose(
    cat: Catalogue,
    makers: Mapping[str, Mapping[str, Any]],
    *,
    maker: str | None = None,
    processes: Sequence[str] = (),
    machines: Sequence[str] = (),
    materials: Sequence[str] = (),
    bed: Size | None = None,
) -> Have:
    """What someone has: a maker's profile (visible fields), plus processes, machine
    profiles and materials by id, plus a machine of build volume `bed` for each process."""
    base = (
        maker_have(makers[_known("maker", maker, makers)], cat.profiles)
        if maker
        else Have(frozenset())
    )
    chosen = frozenset(_known("process", p, cat.processes) for p in processes)
    profiles = tuple(cat.profiles[_known("machine profile", m, cat.profiles)] for m in machines)
    extra = frozenset(_known("material", m, cat.materials) for m in materials)
    stated = base.materials is not None or bool(extra)
    have = Have(
        base.processes | chosen,
        base.machines + profiles,
        (base.materials or frozenset()) | extra if stated else None,
    )
    if bed is not None:
        if not have.all_processes:
            raise ChoiceError("a bed size needs a process: give --process, --machine or --maker")
        if not all(math.isfinite(v) and v > 0 for v in bed):
            raise ChoiceError(f"a bed size must be three positive numbers, not {size_text(bed)}")
        own = tuple(
            Machine(p, f"your machine ({size_text(bed)} mm)", bed)
            for p in sorted(have.all_processes)
        )
        have = replace(have, machines=have.machines + own)
    return have


# --- matching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Need:
    kind: str  # "process", "material" or "machine"
    process: str
    materials: tuple[str, ...]  # for a material: any one of these
    parts: tuple[str, ...]  # ids of the parts that need it
    message: str


@dataclass(frozen=True)
class PartResult:
    part: str
    process: str
    materials: tuple[str, ...]  # suitable materials you have (all suitable, if unchecked)
    machines: tuple[tuple[str, str], ...]  # (machine name, placement) it fits on
    made: bool
    alternatives: tuple[str, ...]  # ids of the parts it can replace or be replaced by


@dataclass(frozen=True)
class DesignResult:
    design: str
    title: str
    status: Status
    parts: tuple[PartResult, ...]  # every part, in design order, alternatives too
    needs: tuple[Need, ...]
    unchecked: tuple[Note, ...]
    # For each set of alternatives none of which can be made: which one the needs are for.
    alternatives: tuple[str, ...]


NeedKey = tuple[str, str, tuple[str, ...]]  # (kind, process, material options)


@dataclass(frozen=True)
class _Ready:
    """What someone has, arranged once for matching every design."""

    processes: frozenset[str]
    machines: dict[str, list[Machine]]  # process -> its machines of known size, by name
    materials: frozenset[str] | None


def _ready(have: Have) -> _Ready:
    machines: dict[str, list[Machine]] = {}
    for machine in sorted(have.machines, key=lambda m: m.name):
        if machine.build_volume_mm:
            machines.setdefault(machine.process, []).append(machine)
    return _Ready(have.all_processes, machines, have.materials)


@dataclass
class _Assessment:
    """One design against what someone has, before any sentence is written."""

    parts: list[PartResult] = field(default_factory=list)
    needs: dict[NeedKey, list[PartSpec]] = field(default_factory=dict)  # in order found
    unchecked: dict[tuple[str, str], None] = field(default_factory=dict)  # (message, value)
    # Sets of alternatives none of which can be made: the part the needs are counted for,
    # and the others.
    fallbacks: list[tuple[PartSpec, tuple[PartSpec, ...]]] = field(default_factory=list)


class _Tried(NamedTuple):
    """One part against what someone has."""

    needs: list[NeedKey]
    unchecked: list[tuple[str, str]]
    materials: tuple[str, ...]
    machines: list[tuple[str, str]]


def _try(part: PartSpec, ready: _Ready) -> _Tried:
    needs: list[NeedKey] = []
    unchecked: list[tuple[str, str]] = []
    if part.process not in ready.processes:
        needs.append(("process", part.process, ()))
    materials = part.materials
    if ready.materials is not None:
        materials = tuple(m for m in part.materials if m in ready.materials)
    if not materials:
        needs.append(("material", part.process, part.materials))
    machines: list[tuple[str, str]] = []
    # With no machine of known size for the process, sizes are not checked (have_notes says
    # so once, not for every part).
    own = ready.machines.get(part.process, []) if part.process in ready.processes else []
    if own:
        if part.size_mm is None:
            unchecked.append(("no-size", part.name))
        else:
            for machine in own:
                how = machine.placement(part)
                if how:
                    machines.append((machine.name, how))
            if not machines:
                needs.append(("machine", part.process, ()))
    return _Tried(needs, unchecked, materials, machines)


def _can_make(design: DesignSpec, ready: _Ready) -> bool:
    """Whether every set of alternatives has a part that can be made: the quick answer
    when only that matters (it stops at the first set that has none)."""
    for group in design.groups:
        if all(_try(design.parts[i], ready).needs for i in group):
            return False
    return True


def _assess(design: DesignSpec, ready: _Ready) -> _Assessment:
    """Each set of alternatives counts the parts of it that can be made; where none can,
    the one that adds the fewest needs to those counted so far (the first, on a tie)."""
    tried = {i: _try(part, ready) for i, part in enumerate(design.parts)}
    counted: set[int] = set()
    needed: set[NeedKey] = set()
    fallbacks: list[tuple[PartSpec, tuple[PartSpec, ...]]] = []
    for group in design.groups:
        made = [i for i in group if not tried[i].needs]
        if not made:
            cheapest = min(group, key=lambda i: sum(key not in needed for key in tried[i].needs))
            made = [cheapest]
            needed.update(tried[cheapest].needs)
            if len(group) > 1:
                others = tuple(design.parts[i] for i in group if i != cheapest)
                fallbacks.append((design.parts[cheapest], others))
        counted.update(made)
    found = _Assessment(fallbacks=fallbacks)
    for i, part in enumerate(design.parts):  # in design order, as the needs are listed
        attempt = tried[i]
        found.parts.append(
            PartResult(
                part.id,
                part.process,
                attempt.materials,
                tuple(attempt.machines),
                not attempt.needs,
                part.alternatives,
            )
        )
        if i in counted:
            for key in attempt.needs:
                found.needs.setdefault(key, []).append(part)
            found.unchecked.update(dict.fromkeys(attempt.unchecked))
    return found


def _need(key: NeedKey, parts: list[PartSpec], cat: Catalogue) -> Need:
    kind, process, options = key
    name = cat.name(process)
    if kind == "process":
        message = _say("process", process=name)
    elif kind == "material" and options:
        materials = join([cat.name(m) for m in options], "or")
        message = _say("material", materials=materials, process=name)
    elif kind == "material":
        message = _say("no-material", process=name)
    else:
        fits = [
            _say("part-size", part=p.name, size=size_text(p.size_mm)) for p in parts if p.size_mm
        ]
        message = _say("machine", process=name, parts=join(fits, "and"))
    return Need(kind, process, options, tuple(p.id for p in parts), message)


def _unchecked(found: _Assessment, cat: Catalogue) -> tuple[Note, ...]:
    return tuple(_note(key, part=value) for key, value in found.unchecked)


def have_notes(
    cat: Catalogue, have: Have, processes: Iterable[str] | None = None
) -> tuple[Note, ...]:
    """What matching cannot check for what someone has left unsaid, once for all designs:
    materials when none is given, sizes for each of the `processes` (all they have, by
    default) with no machine of known size."""
    ready = _ready(have)
    notes = [_note("materials-unchecked")] if have.materials is None else []
    wanted = ready.processes if processes is None else ready.processes & set(processes)
    notes += [
        _note("sizes-unchecked", process=cat.name(p))
        for p in sorted(wanted, key=cat.name)
        if p not in ready.machines
    ]
    return tuple(notes)


def warnings(cat: Catalogue, have: Have) -> tuple[str, ...]:
    """Dangers in what someone has: a material that must never be heated beside processes
    that heat it."""
    heating = sorted((p for p in have.all_processes if p in cat.heated), key=cat.name)
    if not heating:
        return ()
    return tuple(
        _say(
            "never-heat",
            material=cat.name(m),
            processes=join([cat.name(p) for p in heating], "and"),
        )
        for m in sorted(have.materials or (), key=cat.name)
        if m in cat.never_heat
    )


def _fallbacks(found: _Assessment) -> tuple[str, ...]:
    return tuple(
        _say("alternative", part=part.name, others=join([o.name for o in others], "or"))
        for part, others in found.fallbacks
    )


def _status(found: _Assessment) -> Status:
    if not found.needs:
        return "can-make"
    return "near-miss" if len(found.needs) <= NEAR_MISS_NEEDS else "out-of-reach"


def match(cat: Catalogue, have: Have) -> list[DesignResult]:
    """Every design of the catalogue against what someone has."""
    ready = _ready(have)
    results = []
    for design in cat.designs:
        found = _assess(design, ready)
        results.append(
            DesignResult(
                design.id,
                design.title,
                _status(found),
                tuple(found.parts),
                tuple(_need(key, parts, cat) for key, parts in found.needs.items()),
                _unchecked(found, cat),
                _fallbacks(found),
            )
        )
    return results


def who_can_make(
    cat: Catalogue, makers: Mapping[str, Mapping[str, Any]]
) -> dict[str, list[tuple[str, tuple[Note, ...]]]]:
    """For each design, the makers (id, what was not checked) whose profiles cover it."""
    found: dict[str, list[tuple[str, tuple[Note, ...]]]] = {d.id: [] for d in cat.designs}
    for maker_id in sorted(makers):
        have = maker_have(makers[maker_id], cat.profiles)
        ready = _ready(have)
        for design in cat.designs:
            if _can_make(design, ready):
                notes = have_notes(cat, have, {p.process for p in design.parts})
                unchecked = notes + _unchecked(_assess(design, ready), cat)
                found[design.id].append((maker_id, unchecked))
    return found


# --- output -----------------------------------------------------------------------------------


def _design_json(result: DesignResult) -> dict[str, Any]:
    return {
        "design": result.design,
        "title": result.title,
        "parts": [
            {
                "part": p.part,
                "process": p.process,
                "materials": list(p.materials),
                "machines": [{"machine": name, "placement": how} for name, how in p.machines],
                "made": p.made,
                "alternatives": list(p.alternatives),
            }
            for p in result.parts
        ],
        "needs": [
            {
                "kind": n.kind,
                "process": n.process,
                "materials": list(n.materials),
                "parts": list(n.parts),
                "message": n.message,
            }
            for n in result.needs
        ],
        "unchecked": [note.english for note in result.unchecked],
        "alternatives": list(result.alternatives),
    }


def report(cat: Catalogue, results: Iterable[DesignResult], have: Have) -> dict[str, Any]:
    """The answer of `makelocal match`, as JSON-ready data."""
    results = list(results)
    near = [r for r in results if r.status == "near-miss"]
    return {
        "have": {
            "processes": sorted(have.all_processes),
            "machines": [
                {
                    "process": m.process,
                    "name": m.name,
                    "profile": m.profile,
                    "build_volume_mm": list(m.build_volume_mm) if m.build_volume_mm else None,
                }
                for m in have.machines
            ],
            "materials": sorted(have.materials) if have.materials is not None else None,
        },
        "rotation": ROTATION,
        "warnings": list(warnings(cat, have)),
        "unchecked": [note.english for note in have_notes(cat, have)],
        "near_miss_needs": NEAR_MISS_NEEDS,
        "can_make": [_design_json(r) for r in results if r.status == "can-make"],
        "near_misses": [
            _design_json(r) for r in sorted(near, key=lambda r: (len(r.needs), r.design))
        ],
        "out_of_reach": sum(r.status == "out-of-reach" for r in results),
    }
