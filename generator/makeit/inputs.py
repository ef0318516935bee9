"""What matching compares: the designs' parts as matching needs them (from the records
and the parts' sizes), and what someone has (from a maker's profile).

Pure: record data in, frozen dataclasses out; robust to records that failed their schema.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.analysis.fit import placement
from generator.analysis.quantities import quantity_value
from generator.records.alternatives import groups
from generator.records.facts import heats, never_heat, suited_processes

Size = tuple[float, float, float]
# A part names at most this many of the parts it can replace or be replaced by, on its
# design page ("make this part or A or B") and in what matching answers. Named in full, a
# set of 4,800 alternatives made a 712 MB design page and a 172 MB match.js; capped, what
# names them grows with the number of parts, not with its square. Smaller sets are named
# in full.
NAMED_ALTERNATIVES = 8


# A machine that works on an area (a laser's bed, a former with no stated depth) takes
# parts of any height up to this, the schemas' largest dimension.
UNLIMITED_MM = 100_000.0


@dataclass(frozen=True)
class Machine:
    process: str
    name: str
    build_volume_mm: Size | None  # for an area machine: the area, and its depth if known
    profile: str | None = None  # id of the machine profile in the process record
    shot_volume_cm3: float | None = None  # an injection machine's barrel

    def placement(self, part: PartSpec) -> str | None:
        """How the part fits this machine (generator.analysis.fit), or None: its size in
        the machine's space, and its volume in one shot."""
        if self.build_volume_mm is None or part.size_mm is None:
            return None
        if (
            self.shot_volume_cm3 is not None
            and part.volume_cm3 is not None
            and part.volume_cm3 > self.shot_volume_cm3
        ):
            return None
        return placement(part.size_mm, self.build_volume_mm)


@dataclass(frozen=True)
class PartFigures:
    """What the analysis says of a part that matching uses."""

    size_mm: Size | None
    volume_cm3: float | None = None


@dataclass(frozen=True)
class Have:
    """What someone has. `materials` None means not stated (not checked)."""

    processes: frozenset[str]
    machines: tuple[Machine, ...] = ()
    materials: frozenset[str] | None = None

    @property
    def all_processes(self) -> frozenset[str]:
        return self.processes | {m.process for m in self.machines}


@dataclass(frozen=True)
class PartSpec:
    id: str
    name: str
    process: str
    materials: tuple[str, ...]  # its listed materials whose records list its process
    size_mm: Size | None
    # Ids of the parts it can replace or be replaced by (see `named_alternatives`).
    alternatives: tuple[str, ...]
    volume_cm3: float | None = None  # a closed mesh's, for a machine's shot
    quantity: int = 1  # how many of it a product takes


@dataclass(frozen=True)
class DesignSpec:
    id: str
    title: str
    parts: tuple[PartSpec, ...]
    # Its sets of alternatives, each a part and those that can replace it, as positions in
    # `parts`: the parts without alternatives first (what they need is needed anyway), then
    # the others in design order.
    groups: tuple[tuple[int, ...], ...]
    category: str | None = None  # what kind of product it is (a need may ask for any of one)


@dataclass(frozen=True)
class Catalogue:
    designs: tuple[DesignSpec, ...]
    profiles: dict[str, Machine]  # machine profiles of the process records, by id
    processes: dict[str, str]  # id -> name
    materials: dict[str, str]  # id -> name
    heated: frozenset[str] = frozenset()  # processes that heat the material
    never_heat: frozenset[str] = frozenset()  # materials that must never be heated

    def name(self, record_id: str) -> str:
        return self.processes.get(record_id) or self.materials.get(record_id) or record_id


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in _list(value) if isinstance(v, dict)]


def _size(value: Any) -> Size | None:
    if (
        isinstance(value, list | tuple)
        and len(value) == 3
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        return (float(value[0]), float(value[1]), float(value[2]))
    return None


def machine_space(machine: Mapping[str, Any]) -> Size | None:
    """The space a machine profile takes parts in: its build volume, or its working area
    with its depth (any height where it states none)."""
    volume = _size(machine.get("build_volume_mm"))
    if volume is not None:
        return volume
    area, depth = machine.get("work_area_mm"), machine.get("max_depth_mm")
    if not (isinstance(area, list) and len(area) == 2):
        return None
    height = float(depth) if isinstance(depth, int | float) else UNLIMITED_MM
    return _size([*area, height])


def named_alternatives(group: Sequence[int], position: int) -> Sequence[int]:
    """The parts a part names as its alternatives: the others of its set (`group`, parts'
    positions in design order, the part itself at `position`), all of them in a set of up
    to NAMED_ALTERNATIVES + 1, else the NAMED_ALTERNATIVES nearest to it in design order
    (as many before it as after, where there are)."""
    size = NAMED_ALTERNATIVES + 1
    start = max(0, min(position - NAMED_ALTERNATIVES // 2, len(group) - size))
    window = group[start : start + size]
    return [*window[: position - start], *window[position - start + 1 :]]


def catalogue(
    designs: Mapping[str, Mapping[str, Any]],
    processes: Mapping[str, Mapping[str, Any]],
    materials: Mapping[str, Mapping[str, Any]],
    figures: Mapping[str, PartFigures],
) -> Catalogue:
    """What matching needs from the records (id -> data) and what the analysis says of
    each part ("design-id/part-id" -> its size and volume)."""
    suits = {material_id: suited_processes(m) for material_id, m in materials.items()}
    specs = []
    for design_id in sorted(designs):
        data = designs[design_id]
        listed = _dicts(data.get("parts"))
        sets = sorted(groups(listed), key=lambda group: len(group) > 1)
        alternatives = {
            i: tuple(str(listed[j].get("id")) for j in named_alternatives(group, position))
            for group in sets
            for position, i in enumerate(group)
        }
        parts = tuple(
            PartSpec(
                str(part.get("id")),
                str(part.get("name", part.get("id"))),
                str(part.get("process")),
                tuple(
                    m
                    for m in _list(part.get("materials"))
                    if isinstance(m, str) and part.get("process") in suits.get(m, set())
                ),
                _figures(figures, design_id, part).size_mm,
                alternatives[i],
                _figures(figures, design_id, part).volume_cm3,
                _count(part.get("quantity")),
            )
            for i, part in enumerate(listed)
        )
        specs.append(
            DesignSpec(
                design_id,
                str(data.get("title", design_id)),
                parts,
                tuple(tuple(group) for group in sets),
                data["category"] if isinstance(data.get("category"), str) else None,
            )
        )
    profiles = {
        str(machine["id"]): Machine(
            process_id,
            str(machine.get("name")),
            machine_space(machine),
            str(machine["id"]),
            quantity_value(machine.get("shot_volume")),
        )
        for process_id, process in sorted(processes.items())
        for machine in _dicts(process.get("machines"))
        if "id" in machine
    }
    return Catalogue(
        tuple(specs),
        profiles,
        {i: str(r.get("name", i)) for i, r in sorted(processes.items())},
        {i: str(r.get("name", i)) for i, r in sorted(materials.items())},
        frozenset(i for i, r in processes.items() if heats(r)),
        frozenset(i for i, r in materials.items() if never_heat(r)),
    )


def _count(value: Any) -> int:
    """A part's quantity per product; 1 where the record (which failed its checks) gives
    no whole number of at least one."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else 1


def _figures(figures: Mapping[str, PartFigures], design: str, part: dict[str, Any]) -> PartFigures:
    return figures.get(f"{design}/{part.get('id')}") or PartFigures(None)


def maker_have(maker: Mapping[str, Any], profiles: Mapping[str, Machine]) -> Have:
    """What a maker's profile says they have. Pass the fields the maker lets be shown:
    a field left out (materials, machines) is not checked rather than taken as none."""
    machines = []
    for machine in _dicts(maker.get("machines")):
        profile = profiles.get(str(machine.get("profile")))
        volume = _size(machine.get("build_volume_mm")) or (
            profile.build_volume_mm if profile else None
        )
        machines.append(
            Machine(
                str(machine.get("process")),
                str(machine.get("name")),
                volume,
                profile.profile if profile else None,
                profile.shot_volume_cm3 if profile else None,
            )
        )
    listed = maker.get("materials")
    return Have(
        frozenset(p for p in _list(maker.get("processes")) if isinstance(p, str)),
        tuple(machines),
        frozenset(m for m in listed if isinstance(m, str)) if isinstance(listed, list) else None,
    )
