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
from generator.analysis.health import NO_DRAFT_RULE, reason, vector3
from generator.analysis.material_use import DENSITY
from generator.analysis.mesh import Mesh
from generator.analysis.process_results import Moulding, MouldMachine, OpeningDirection
from generator.analysis.quantities import (
    quantity_ends,
    quantity_said,
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
from generator.analysis.said import Figure, Name, Value, measured, say, series, term_words

AXES = ((0.0, 0.0, 1.0), (1.0, 0.0, 0.0), (0.0, 1.0, 0.0))
# Faces and points under these areas are the grid's and the export's noise, not a feature.
LOW_DRAFT_MM2 = 25.0
UNDERCUT_MM2 = 10.0
THIN_SHARE = 0.01  # as for printed walls: more than 1 % of the surface needs attention
# Another opening direction is worth a word when it leaves at most half the trouble.
BETTER_SHARE = 0.5
NO_DENSITY = term_words("the material record gives no density: mass is not estimated")
NO_VOLUME = term_words("the mesh is not closed, so its volume and shot are unknown")


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
            say(
                "each face goes with the mould half it faces; draft is its angle with the "
                "opening direction"
            ),
            say(
                "undercuts: points on every face moved one %(grid)s mm voxel out of the "
                "surface and looked up along their way out in a voxel grid of the part; "
                "features thinner than two voxels shadow nothing",
                grid=grid,
            ),
            say(
                "walls: the thin end is the 1st percentile of %(points)s surface points "
                "marched inward; the thickest is the diameter of the largest ball inside the "
                "part",
                points=Figure(number=4000, style=",.0f"),
            ),
            say(
                "shot = the part's volume; sprue, runners and flash come on top; a press's "
                "charge is %(excess)s %% more (the process record)",
                excess=excess,
            )
            if excess
            else say("shot = the part's volume; sprue, runners and flash come on top"),
            say(
                "mould cavity = the part grown by the material's shrinkage (the middle of its "
                "range); %(density)s",
                density=DENSITY,
            ),
        ),
    )


def _reasons(moulding: Moulding, rules: dict[str, Any]) -> tuple[Reason, ...]:
    found: list[Reason] = []
    if moulding.min_draft_deg is None:
        found.append(reason("info", NO_DRAFT_RULE))
    if moulding.low_draft_area_mm2 > LOW_DRAFT_MM2:
        rule = moulding.min_draft_deg
        found.append(
            reason(
                "attention",
                say(
                    "%(area)s mm2 of faces have %(what)s against the opening direction: the "
                    "part will stick in the mould; %(asked)s",
                    area=Figure(number=moulding.low_draft_area_mm2, style=",.0f"),
                    what=say("less than %(rule)s deg of draft", rule=rule)
                    if rule is not None
                    else say("no draft"),
                    asked=say(
                        "the process asks for %(rule)s",
                        rule=quantity_said(rules.get("draft_angle")),
                    )
                    if rule is not None
                    else say("give them a few degrees of taper"),
                ),
            )
        )
    if moulding.undercut_area_mm2 > UNDERCUT_MM2:
        found.append(
            reason(
                "attention",
                say(
                    "undercut: %(area)s mm2 of the surface is shadowed by the part along the "
                    "opening direction (around %(where)s), such as a hole across it or a lip: "
                    "it needs a side core or a split mould, or a change in the source",
                    area=Figure(number=moulding.undercut_area_mm2, style=",.0f"),
                    where=_where(moulding.undercut_at_mm),
                ),
            )
        )
    found.extend(_wall_reasons(moulding))
    found.extend(_machine_reasons(moulding))
    better = moulding.better_direction
    if better is not None:
        found.append(
            reason(
                "info",
                say(
                    "opening along %(direction)s leaves %(undercut)s mm2 of undercut and "
                    "%(undrafted)s mm2 of undrafted faces: consider turning the part in its "
                    "mould",
                    direction=str(list(better.direction)),
                    undercut=Figure(number=better.undercut_area_mm2, style=",.0f"),
                    undrafted=Figure(number=better.low_draft_area_mm2, style=",.0f"),
                ),
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
                say(
                    "%(share)s %% of the surface is on walls thinner than %(rule)s mm (the thin "
                    "end about %(thinnest)s mm, around %(where)s): the plastic may not fill "
                    "them; thicken them in the source",
                    share=Figure(number=share * 100, style=".0f"),
                    rule=moulding.min_wall_rule_mm,
                    thinnest=measured(moulding.wall_min_mm),
                    where=_where(moulding.wall_min_at_mm),
                ),
            )
        )
    if moulding.max_wall_rule_mm is not None and moulding.wall_max_mm > moulding.max_wall_rule_mm:
        found.append(
            reason(
                "attention",
                say(
                    "the thickest wall is about %(thickest)s mm (around %(where)s), over the "
                    "%(rule)s mm rule: it sinks and shrinks more and cools slowly; hollow it "
                    "out or add ribs",
                    thickest=moulding.wall_max_mm,
                    where=_where(moulding.wall_max_at_mm),
                    rule=moulding.max_wall_rule_mm,
                ),
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
                "blocker",
                say("the part is larger than the mould space of every machine of the process"),
            )
        )
    shots = [m for m in machines if m.shot_fits is not None]
    volume = moulding.shot_volume_cm3
    if shots and volume is not None and not any(m.shot_fits for m in shots):
        largest = max(m.shot_volume_cm3 or 0 for m in shots)
        found.append(
            reason(
                "blocker",
                say(
                    "one shot must fill %(volume)s cm3, more than the %(largest)s cm3 of the "
                    "largest machine's barrel: split the part, or use a bigger machine",
                    volume=volume,
                    largest=largest,
                ),
            )
        )
    elif shots and volume is not None:
        spare = max((m.shot_volume_cm3 or 0) - volume for m in shots if m.shot_fits)
        found.append(
            reason(
                "info",
                say(
                    "the shot leaves %(spare)s cm3 of the barrel for sprue and runners",
                    spare=Figure(number=spare, style=".0f"),
                ),
            )
        )
    return found


def _where(point: Vector | None) -> Value:
    if point is None:
        return Name(text="(?)")
    return say(
        "(%(point)s) mm",
        point=series([Figure(number=v, style=".0f") for v in point], ", "),
    )


def _rounded(point: tuple[float, float, float] | None) -> Vector | None:
    return None if point is None else vector3(np.array(point))
