"""A part for a two-part mould (hand injection, compression moulding): draft, undercuts,
wall thickness and the shot, against the process record's own rules and machines.

The mould opens along the part's `opening_direction` (the file's z axis unless the design
says otherwise); generator.analysis.release measures how the part comes out. The shot is
the part's volume (sprue and runners come on top); the cavity is the part grown by the
material's shrinkage; a press's charge is the shot plus the process's `charge_excess`.
Other opening directions along the file's axes are tried, and one is suggested when it
clearly removes undercuts or undrafted faces.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from generator.analysis import release
from generator.analysis.fit import placement
from generator.analysis.health import reason, vector3
from generator.analysis.mesh import Mesh
from generator.analysis.process_results import Moulding, MouldMachine, OpeningDirection
from generator.analysis.quantities import (
    quantity_ends,
    quantity_text,
    quantity_value,
    text_or_none,
)
from generator.analysis.results import (
    Geometry,
    MaterialUse,
    ProfileUsed,
    Reason,
    ShotMass,
    Vector,
)

AXES = ((0.0, 0.0, 1.0), (1.0, 0.0, 0.0), (0.0, 1.0, 0.0))
# Faces and points under these areas are the grid's and the export's noise, not a feature.
LOW_DRAFT_MM2 = 25.0
UNDERCUT_MM2 = 10.0
THIN_SHARE = 0.01  # as for printed walls: more than 1 % of the surface needs attention
# Another opening direction is worth a word when it leaves at most half the trouble.
BETTER_SHARE = 0.5
NO_DENSITY = "the material record gives no density: mass is not estimated"
NO_VOLUME = "the mesh is not closed, so its volume and shot are unknown"


@dataclass(frozen=True)
class MouldFindings:
    moulding: Moulding
    materials: tuple[MaterialUse, ...]
    profile: ProfileUsed
    reasons: tuple[Reason, ...]


def analyse_mould(
    mesh: Mesh,
    shape: Geometry,
    process: dict[str, Any],
    materials: dict[str, dict[str, Any]],
    opening: Vector | None,
    deadline: float = math.inf,
) -> MouldFindings:
    rules = process.get("design_rules") or {}
    direction = np.array(opening or AXES[0], dtype=float)
    direction /= np.linalg.norm(direction)
    grid = release.frame(mesh, direction)
    samples = release.surface_samples(mesh, release.SURFACE_SAMPLES, np.random.default_rng(0))
    released = release.release(mesh, direction, "two-part", grid, samples)
    walls = release.walls(mesh, grid)
    draft = quantity_ends(rules.get("draft_angle"))
    min_wall = quantity_ends(rules.get("min_wall"))
    max_wall = quantity_ends(rules.get("max_wall"))
    low_draft = _low_draft_area(mesh, released, draft[0] if draft else None)
    volume = shape.volume_cm3
    moulding = Moulding(
        opening_direction=vector3(direction),
        release_grid_mm=round(grid.voxel, 3),
        min_draft_deg=draft[0] if draft else None,
        low_draft_area_mm2=round(low_draft, 1),
        undercut_area_mm2=round(released.undercut_area(), 1),
        undercut_at_mm=_rounded(released.undercut_centre()),
        min_wall_rule_mm=min_wall[0] if min_wall else None,
        max_wall_rule_mm=max_wall[1] if max_wall else None,
        wall_min_mm=round(walls.thinnest_mm, 2) if walls.thinnest_mm is not None else None,
        wall_min_at_mm=_rounded(walls.thinnest_at),
        wall_max_mm=round(walls.thickest_mm, 2),
        wall_max_at_mm=vector3(np.array(walls.thickest_at)),
        thin_wall_share=round(walls.thinner_than(min_wall[0]), 4) if min_wall else None,
        shot_volume_cm3=volume,
        better_direction=_better_direction(
            mesh, direction, released, low_draft, draft, samples, deadline
        ),
        mould_machines=tuple(_machine(shape, machine) for machine in process.get("machines") or []),
    )
    excess = quantity_value((process.get("parameters") or {}).get("charge_excess"))
    uses = tuple(
        _use(material_id, record, shape, excess) for material_id, record in materials.items()
    )
    return MouldFindings(moulding, uses, _profile(moulding, excess), _reasons(moulding, rules))


def _low_draft_area(mesh: Mesh, released: release.Release, rule: float | None) -> float:
    """Faces with less draft than the rule; without a rule, faces with none (within 0.5
    deg). Faces square to the opening direction (the parting plane's) have 90."""
    limit = rule if rule is not None else 0.5
    return float(mesh.areas[released.draft_deg < limit].sum())


def _better_direction(
    mesh: Mesh,
    current: np.ndarray,
    released: release.Release,
    low_draft: float,
    draft: tuple[float, float] | None,
    samples: release.Samples,
    deadline: float,
) -> OpeningDirection | None:
    """The file axis along which the part comes out with the least trouble, undercuts
    first (they need a side core), then undrafted faces (a few degrees of taper fix them):
    one that leaves at most BETTER_SHARE of the undercut, or as little undercut and at most
    BETTER_SHARE of the undrafted area."""
    undercut = released.undercut_area()
    if undercut < UNDERCUT_MM2 and low_draft < LOW_DRAFT_MM2:
        return None
    best: OpeningDirection | None = None
    for axis in AXES:
        if time.monotonic() > deadline:
            break
        direction = np.array(axis)
        if abs(float(direction @ current)) > 0.999:
            continue
        other = release.release(mesh, direction, "two-part", samples=samples)
        low = _low_draft_area(mesh, other, draft[0] if draft else None)
        found = OpeningDirection(
            direction=vector3(direction),
            undercut_area_mm2=round(other.undercut_area(), 1),
            low_draft_area_mm2=round(low, 1),
        )
        if best is None or _trouble(found) < _trouble(best):
            best = found
    if best is None:
        return None
    fewer_undercuts = undercut >= UNDERCUT_MM2 and best.undercut_area_mm2 <= BETTER_SHARE * undercut
    less_undrafted = (
        best.undercut_area_mm2 <= max(undercut, UNDERCUT_MM2)
        and best.low_draft_area_mm2 <= BETTER_SHARE * low_draft
    )
    return best if fewer_undercuts or less_undrafted else None


def _trouble(found: OpeningDirection) -> tuple[float, float]:
    """Undercuts first, the grid's noise aside; then undrafted faces."""
    return (round(found.undercut_area_mm2 / UNDERCUT_MM2), found.low_draft_area_mm2)


def _machine(shape: Geometry, machine: dict[str, Any]) -> MouldMachine:
    space = [float(v) for v in machine.get("build_volume_mm") or []]
    shot = quantity_value(machine.get("shot_volume"))
    fits = len(space) == 3 and placement(shape.size_mm, (space[0], space[1], space[2])) is not None
    return MouldMachine(
        id=text_or_none(machine.get("id")),
        name=text_or_none(machine.get("name")),
        mould_space_mm=tuple(space),
        cavity_fits=fits,
        shot_volume_cm3=shot,
        shot_fits=(shape.volume_cm3 <= shot)
        if shot is not None and shape.volume_cm3 is not None
        else None,
    )


def _use(
    material_id: str, record: dict[str, Any], shape: Geometry, excess: float | None
) -> MaterialUse:
    properties = record.get("properties") or {}
    density = quantity_value(properties.get("density"))
    price = quantity_value(properties.get("price"))
    shrinkage = quantity_value(properties.get("shrinkage"))
    volume = shape.volume_cm3
    mass = round(volume * density, 2) if density and volume else None
    note = NO_VOLUME if volume is None else (NO_DENSITY if density is None else None)
    return MaterialUse(
        material=material_id,
        density_g_cm3=density,
        price_usd_kg=price,
        note=note,
        shot=ShotMass(
            volume_cm3=volume,
            mass_g=mass,
            charge_g=round(mass * (1 + excess / 100), 1) if mass and excess else None,
            shrinkage_pct=shrinkage,
            cavity_size_mm=vector3(np.array(shape.size_mm) * (1 + shrinkage / 100))
            if shrinkage is not None
            else None,
        ),
        cost_usd=round(mass / 1000 * price, 3) if price is not None and mass else None,
    )


def _profile(moulding: Moulding, excess: float | None) -> ProfileUsed:
    x, y, z = moulding.opening_direction
    grid = moulding.release_grid_mm
    return ProfileUsed(
        model="mould",
        name=f"two-part mould opening along ({x:g}, {y:g}, {z:g})",
        assumptions=(
            "each face goes with the mould half it faces; draft is its angle with the "
            "opening direction",
            f"undercuts: points on every face moved one {grid:g} mm voxel out of the surface "
            "and looked up along their way out in a voxel grid of the part; features "
            "thinner than two voxels shadow nothing",
            "walls: the thin end is the 1st percentile of 4,000 surface points marched "
            "inward; the thickest is the diameter of the largest ball inside the part",
            "shot = the part's volume; sprue, runners and flash come on top"
            + (f"; a press's charge is {excess:g} % more (the process record)" if excess else ""),
            "mould cavity = the part grown by the material's shrinkage (the middle of its "
            "range); density: each material record's own, or the middle of its range",
        ),
    )


def _reasons(moulding: Moulding, rules: dict[str, Any]) -> tuple[Reason, ...]:
    found: list[Reason] = []
    if moulding.min_draft_deg is None:
        found.append(
            reason("info", "the process record gives no draft rule: draft is measured, not judged")
        )
    if moulding.low_draft_area_mm2 > LOW_DRAFT_MM2:
        asked = (
            f"the process asks for {quantity_text(rules.get('draft_angle'))}"
            if moulding.min_draft_deg is not None
            else "give them a few degrees of taper"
        )
        rule = moulding.min_draft_deg
        what = f"less than {rule:g} deg of draft" if rule is not None else "no draft"
        found.append(
            reason(
                "attention",
                f"{moulding.low_draft_area_mm2:,.0f} mm2 of faces have {what} against the "
                f"opening direction: the part will stick in the mould; {asked}",
            )
        )
    if moulding.undercut_area_mm2 > UNDERCUT_MM2:
        found.append(
            reason(
                "attention",
                f"undercut: {moulding.undercut_area_mm2:,.0f} mm2 of the surface is shadowed by "
                f"the part along the opening direction (around {_where(moulding.undercut_at_mm)}), "
                "such as a hole across it or a lip: it needs a side core or a split mould, or "
                "a change in the source",
            )
        )
    found.extend(_wall_reasons(moulding))
    found.extend(_machine_reasons(moulding))
    better = moulding.better_direction
    if better is not None:
        found.append(
            reason(
                "info",
                f"opening along {list(better.direction)} leaves "
                f"{better.undercut_area_mm2:,.0f} mm2 of undercut and "
                f"{better.low_draft_area_mm2:,.0f} mm2 of undrafted faces: consider turning the "
                "part in its mould",
            )
        )
    return tuple(found)


def _wall_reasons(moulding: Moulding) -> list[Reason]:
    found = []
    share = moulding.thin_wall_share
    if share is not None and share > THIN_SHARE and moulding.min_wall_rule_mm is not None:
        found.append(
            reason(
                "attention",
                f"{share:.0%} of the surface is on walls thinner than "
                f"{moulding.min_wall_rule_mm:g} mm (the thin end about {moulding.wall_min_mm} mm, "
                f"around {_where(moulding.wall_min_at_mm)}): the plastic may not fill them; "
                "thicken them in the source",
            )
        )
    if moulding.max_wall_rule_mm is not None and moulding.wall_max_mm > moulding.max_wall_rule_mm:
        found.append(
            reason(
                "attention",
                f"the thickest wall is about {moulding.wall_max_mm:g} mm (around "
                f"{_where(moulding.wall_max_at_mm)}), over the {moulding.max_wall_rule_mm:g} mm "
                "rule: it sinks and shrinks more and cools slowly; hollow it out or add ribs",
            )
        )
    return found


def _machine_reasons(moulding: Moulding) -> list[Reason]:
    machines = moulding.mould_machines
    if not machines:
        return []
    found = []
    if not any(m.cavity_fits for m in machines):
        found.append(
            reason(
                "blocker", "the part is larger than the mould space of every machine of the process"
            )
        )
    shots = [m for m in machines if m.shot_fits is not None]
    volume = moulding.shot_volume_cm3
    if shots and volume is not None and not any(m.shot_fits for m in shots):
        largest = max(m.shot_volume_cm3 or 0 for m in shots)
        found.append(
            reason(
                "blocker",
                f"one shot must fill {volume:g} cm3, more than the {largest:g} cm3 of the largest "
                "machine's barrel: split the part, or use a bigger machine",
            )
        )
    elif shots and volume is not None:
        spare = max((m.shot_volume_cm3 or 0) - volume for m in shots if m.shot_fits)
        found.append(
            reason("info", f"the shot leaves {spare:.0f} cm3 of the barrel for sprue and runners")
        )
    return found


def _where(point: Vector | None) -> str:
    return "(?)" if point is None else "(" + ", ".join(f"{v:.0f}" for v in point) + ") mm"


def _rounded(point: tuple[float, float, float] | None) -> Vector | None:
    return None if point is None else vector3(np.array(point))
