"""What the sheet meets on a vacuum-forming buck: pockets (female regions), their depth
against their width, and how much the sheet thins.

Seen from the sheet's side, the buck is a height map: the top of each column of the
voxel grid (generator.analysis.release.Frame), or the table where there is nothing. A
*pocket* is where that map lies below every way out to the edge of the table, like a
basin that would hold water: the sheet must be drawn down into it, a female mould. Its
depth is how far the map lies below the basin's rim, its width the diameter of the
largest circle that fits in its opening.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import edt
import numpy as np
from scipy import ndimage

from generator.analysis import release
from generator.analysis.fit import placement
from generator.analysis.health import NO_DRAFT_RULE, reason, vector3
from generator.analysis.material_use import DENSITY
from generator.analysis.mesh import Mesh
from generator.analysis.process_results import Former, Forming, Pocket
from generator.analysis.quantities import quantity_ends, quantity_said, quantity_value, text_or_none
from generator.analysis.release import Frame
from generator.analysis.results import (
    Geometry,
    MaterialUse,
    ProfileUsed,
    Reason,
    SheetUse,
    Vector,
)
from generator.analysis.said import Clause, Figure, say, term_words

# A basin shallower than this many voxels, or narrower, is the grid's roughness or a
# detail finer than it can tell, not a pocket.
POCKET_VOXELS = 2
POCKET_WIDTH_VOXELS = 4


@dataclass(frozen=True)
class Basin:
    depth_mm: float
    width_mm: float  # diameter of the largest circle inside its opening
    centre: tuple[float, float]  # x, y in the grid's frame, mm

    @property
    def depth_ratio(self) -> float:
        return self.depth_mm / self.width_mm if self.width_mm > 0 else float("inf")


@dataclass(frozen=True)
class Basins:
    """The height map (mm above the table, per column), its rims (the map with every
    basin filled to its brim) and the pockets."""

    height: np.ndarray
    filled: np.ndarray
    pockets: tuple[Basin, ...]

    def in_pocket(self, grid: Frame, points: np.ndarray) -> np.ndarray:
        """Whether each point (3, n, grid frame) lies inside a pocket, below its brim."""
        layer, row, column, _ = grid.layers.index(points)
        rows, columns = self.height.shape
        valid = (row >= 0) & (row < rows) & (column >= 0) & (column < columns)
        r, c = np.clip(row, 0, rows - 1), np.clip(column, 0, columns - 1)
        deep = self.filled[r, c] - self.height[r, c] >= POCKET_VOXELS * grid.voxel
        below = points[2] - grid.layers.z0 < self.filled[r, c]
        del layer
        return valid & deep & below


def basins(grid: Frame) -> Basins:
    """The pockets of a buck whose sheet comes down along the grid's -z."""
    count = grid.layers.shape[0]
    height = np.where(grid.top >= 0, (grid.top + 1) * grid.voxel, 0.0)
    # Fill every basin to its rim: from the table's edge inwards, a column's water level is
    # the lowest, over every way out, of the highest ground on that way (morphological
    # reconstruction by erosion, repeated until nothing changes).
    filled = np.full(height.shape, float(count + 1) * grid.voxel)
    filled[0, :], filled[-1, :], filled[:, 0], filled[:, -1] = (
        height[0, :],
        height[-1, :],
        height[:, 0],
        height[:, -1],
    )
    while True:
        lowered = np.maximum(height, ndimage.grey_erosion(filled, size=(3, 3)))
        lowered = np.minimum(lowered, filled)
        if np.array_equal(lowered, filled):
            break
        filled = lowered
    depth = filled - height
    mask = depth >= POCKET_VOXELS * grid.voxel
    labels, found = ndimage.label(mask)
    pockets = []
    if found:
        radius = edt.edt(mask.astype(np.uint32) * labels.astype(np.uint32), parallel=1)
        for number in range(1, found + 1):
            region = labels == number
            inside = np.where(region, radius, 0)
            row, column = np.unravel_index(int(np.argmax(inside)), inside.shape)
            if 2 * float(inside[row, column]) - 1 < POCKET_WIDTH_VOXELS:
                continue
            origin = grid.layers.origin
            pockets.append(
                Basin(
                    float(depth[region].max()),
                    max(2 * float(inside[row, column]) - 1, 1) * grid.voxel,
                    (
                        origin[0] + (column + 0.5) * grid.voxel,
                        origin[1] + (row + 0.5) * grid.voxel,
                    ),
                )
            )
    return Basins(height, filled, tuple(pockets))


def footprint_mm2(grid: Frame) -> float:
    """The buck's area seen from the sheet's side."""
    return float(grid.solid.any(axis=0).sum()) * grid.voxel**2


# Below these areas, surface is the grid's and the export's noise, not a feature.
LOW_DRAFT_MM2 = 25.0
UNDERCUT_MM2 = 10.0
UP = np.array([0.0, 0.0, 1.0])


@dataclass(frozen=True)
class FormingFindings:
    forming: Forming
    materials: tuple[MaterialUse, ...]
    profile: ProfileUsed
    reasons: tuple[Reason, ...]


def analyse_forming(
    mesh: Mesh,
    shape: Geometry,
    process: dict[str, Any],
    materials: dict[str, dict[str, Any]],
    sheet_thickness: float | None,
) -> FormingFindings:
    """A buck standing on the former's table, the sheet coming down along -z."""
    rules = process.get("design_rules") or {}
    grid = release.frame(mesh, UP)
    samples = release.surface_samples(mesh, release.SURFACE_SAMPLES, np.random.default_rng(0))
    released = release.release(mesh, UP, "one-sided", grid, samples)
    found = basins(grid)
    normals = mesh.normals[:, samples.face]
    moved = grid.to_grid(samples.points + grid.voxel * normals)
    female = found.in_pocket(grid, moved)
    base = (normals[2] < -0.999) & (samples.points[2] <= float(mesh.corners[2].min()) + grid.voxel)
    formed = ~base & ~released.undercut
    male_rule = quantity_ends(rules.get("draft_angle"))
    female_rule = quantity_ends(rules.get("draft_angle_female")) or male_rule
    draft = released.draft_deg[samples.face]
    # Without a rule, only walls with no draft at all (within half a degree) count.
    limit = np.where(
        female, female_rule[0] if female_rule else 0.5, male_rule[0] if male_rule else 0.5
    )
    low = formed & (draft < limit)
    footprint = footprint_mm2(grid)
    formed_area = float(samples.area[formed].sum())
    ratio = formed_area / footprint if footprint > 0 else 0.0
    depth_rule = quantity_value(rules.get("max_depth_ratio"))
    forming = Forming(
        forming_grid_mm=round(grid.voxel, 3),
        male_draft_deg=male_rule[0] if male_rule else None,
        female_draft_deg=female_rule[0] if female_rule else None,
        low_draft_area_mm2=round(float(samples.area[low].sum()), 1),
        female_area_mm2=round(float(samples.area[female & formed].sum()), 1),
        undercut_area_mm2=round(released.undercut_area(), 1),
        undercut_at_mm=_rounded(released.undercut_centre()),
        pockets=tuple(
            Pocket(
                depth_mm=round(p.depth_mm, 2),
                width_mm=round(p.width_mm, 2),
                depth_ratio=round(p.depth_ratio, 3),
                at_mm=(round(p.centre[0], 1), round(p.centre[1], 1)),
            )
            for p in found.pockets
        ),
        max_depth_ratio_pct=depth_rule,
        footprint_mm2=round(footprint, 1),
        formed_area_mm2=round(formed_area, 1),
        areal_draw_ratio=round(ratio, 3),
        sheet_thickness_mm=sheet_thickness,
        average_wall_mm=round(sheet_thickness / ratio, 3) if sheet_thickness and ratio else None,
        formers=tuple(_former(shape, machine) for machine in process.get("machines") or []),
    )
    sheet_area, sheet_name = _sheet(forming, shape)
    uses = tuple(
        _use(material_id, record, sheet_area, sheet_thickness)
        for material_id, record in materials.items()
    )
    return FormingFindings(forming, uses, _profile(forming, sheet_name), _reasons(forming, rules))


def _former(shape: Geometry, machine: dict[str, Any]) -> Former:
    area = [float(v) for v in machine.get("work_area_mm") or []]
    depth = machine.get("max_depth_mm")
    sheet = machine.get("sheet_size_mm")
    how = None
    if len(area) == 2:
        height = float(depth) if isinstance(depth, int | float) else math.inf
        how = placement(shape.size_mm, (area[0], area[1], height))
    return Former(
        id=text_or_none(machine.get("id")),
        name=text_or_none(machine.get("name")),
        work_area_mm=tuple(area),
        fits=how is not None,
        placement=how,
        max_depth_mm=float(depth) if isinstance(depth, int | float) else None,
        sheet_size_mm=tuple(float(v) for v in sheet) if isinstance(sheet, list) else None,
    )


def _sheet(forming: Forming, shape: Geometry) -> tuple[float, Clause]:
    """The sheet one forming takes: the first fitting former's, else the buck's outline."""
    for former in forming.formers:
        if former.fits and former.sheet_size_mm:
            x, y = former.sheet_size_mm
            said = say(
                "the %(x)s x %(y)s mm sheet of %(former)s", x=x, y=y, former=former.name or "?"
            )
            return x * y, said
    x, y, _ = shape.size_mm
    return x * y, say(
        "a sheet the size of the buck's outline, %(x)s x %(y)s mm (no former's sheet known)",
        x=x,
        y=y,
    )


def _use(
    material_id: str, record: dict[str, Any], sheet_area: float, thickness: float | None
) -> MaterialUse:
    properties = record.get("properties") or {}
    density = quantity_value(properties.get("density"))
    price = quantity_value(properties.get("price"))
    mass = round(sheet_area * thickness / 1000 * density, 2) if thickness and density else None
    note = (
        term_words("the design states no sheet thickness: the sheet's mass is not estimated")
        if thickness is None
        else (
            term_words("the material record gives no density: mass is not estimated")
            if density is None
            else None
        )
    )
    return MaterialUse(
        material=material_id,
        density_g_cm3=density,
        price_usd_kg=price,
        note=note,
        sheet=SheetUse(
            sheet_area_mm2=round(sheet_area, 1), sheet_thickness_mm=thickness or 0.0, mass_g=mass
        ),
        cost_usd=round(mass / 1000 * price, 3) if price is not None and mass else None,
    )


def _profile(forming: Forming, sheet: Clause) -> ProfileUsed:
    return ProfileUsed(
        model="forming",
        name="vacuum forming over the buck as exported (the sheet comes down along -z)",
        assumptions=(
            say(
                "a face is female when it lies in a pocket (a basin of the buck's height map "
                "below its rim), male otherwise; draft is its angle with the vertical"
            ),
            say(
                "undercuts and pockets measured on a %(grid)s mm voxel grid of the buck; the "
                "base standing on the table is not formed",
                grid=forming.forming_grid_mm,
            ),
            say(
                "average wall of the formed part = sheet thickness / areal draw ratio (formed "
                "area over the buck's footprint), SPE Thermoforming Division; corners and deep "
                "pockets are thinner than that"
            ),
            say("sheet: %(sheet)s; %(density)s", sheet=sheet, density=DENSITY),
        ),
    )


def _reasons(forming: Forming, rules: dict[str, Any]) -> tuple[Reason, ...]:
    found: list[Reason] = []
    if forming.male_draft_deg is None:
        found.append(reason("info", NO_DRAFT_RULE))
    elif forming.low_draft_area_mm2 > LOW_DRAFT_MM2:
        found.append(
            reason(
                "attention",
                say(
                    "%(area)s mm2 of walls have less draft than the rule (%(outside)s outside, "
                    "%(inside)s in pockets): the formed sheet grips the buck as it cools; "
                    "taper them",
                    area=Figure(number=forming.low_draft_area_mm2, style=",.0f"),
                    outside=quantity_said(rules.get("draft_angle")),
                    inside=quantity_said(
                        rules.get("draft_angle_female") or rules.get("draft_angle")
                    ),
                ),
            )
        )
    if forming.undercut_area_mm2 > UNDERCUT_MM2:
        found.append(
            reason(
                "attention",
                say(
                    "undercut: %(area)s mm2 of the buck is hidden from the sheet or faces down "
                    "(under a lip or an overhang): the sheet cannot reach it and the part locks "
                    "onto the buck; remove the overhang or split the buck",
                    area=Figure(number=forming.undercut_area_mm2, style=",.0f"),
                ),
            )
        )
    limit = forming.max_depth_ratio_pct
    deep = [p for p in forming.pockets if limit is not None and p.depth_ratio * 100 > limit]
    for pocket in deep:
        found.append(
            reason(
                "attention",
                say(
                    "a pocket %(depth)s mm deep and %(width)s mm wide (at %(x)s, %(y)s mm) is "
                    "deeper than %(limit)s %% of its width: the sheet thins too much at its "
                    "bottom",
                    depth=pocket.depth_mm,
                    width=pocket.width_mm,
                    x=Figure(number=pocket.at_mm[0], style=".0f"),
                    y=Figure(number=pocket.at_mm[1], style=".0f"),
                    limit=limit or 0,
                ),
            )
        )
    if forming.formers and not any(f.fits for f in forming.formers):
        found.append(
            reason(
                "blocker",
                say("the buck is larger than the forming area of every machine of the process"),
            )
        )
    if forming.sheet_thickness_mm is None:
        found.append(
            reason(
                "info",
                say("the design states no sheet thickness: the formed wall is not estimated"),
            )
        )
    return tuple(found)


def _rounded(point: tuple[float, float, float] | None) -> Vector | None:
    return None if point is None else vector3(np.array(point))
