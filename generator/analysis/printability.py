"""Printability and material use of one part: triangles + process + materials -> Analysis.

Pure: no file access. Every figure carries its unit in its name; every judgement comes
with a reason a person can act on. Meshes are checked by edge use (an edge shared by
exactly two faces is manifold, trimesh's test); one layer grid (generator.analysis.slicing)
serves the FDM estimate, the support estimate, the wall-thickness samples and the overlap
test.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from generator.analysis import fdm
from generator.analysis.bridges import bridges
from generator.analysis.fdm_profile import FdmProfile
from generator.analysis.fit import STANDING, fits_on_any_side, placement
from generator.analysis.health import (
    PLAUSIBLE_SIZE_MM,
    conclude,
    geometry,
    mesh_health,
    mesh_reasons,
    size_reasons,
)
from generator.analysis.material_use import Extras, fdm_profile, material_use
from generator.analysis.mesh import Mesh, index
from generator.analysis.orientation import better_orientation
from generator.analysis.overhangs import OVERHANG_TOLERANCE_DEG, overhangs
from generator.analysis.print_settings import NOT_GIVEN, PrintSettings
from generator.analysis.quantities import quantity_value, text_or_none
from generator.analysis.results import (
    Analysis,
    Geometry,
    MachineFit,
    MeshHealth,
    Printability,
    ProfileUsed,
    SupportMaterial,
)
from generator.analysis.slicing import Layers
from generator.analysis.support import SUPPORT_METHOD, Support, support
from generator.analysis.verdict import verdict
from generator.analysis.walls import thin_walls

NOT_SLICED = "no estimate: at this size the part is most likely in the wrong units"


def analyse(
    triangles: np.ndarray,
    process: dict[str, Any],
    materials: dict[str, dict[str, Any]],
    deadline: float = math.inf,
    settings: PrintSettings = NOT_GIVEN,
) -> Analysis:
    """Everything the catalogue shows about one part, printed with the design's recommended
    `settings` where it gives them. `deadline` is a time.monotonic() value after which
    optional searches (other orientations) are skipped."""
    profile, profile_notes = fdm_profile(process, settings)
    mesh = index(triangles)
    health = mesh_health(mesh)
    shape = geometry(mesh, health.closed)
    if max(shape.size_mm) > PLAUSIBLE_SIZE_MM[1]:
        return _not_sliced(process, health, shape)
    layers, radius = fdm.slice_for_fdm(mesh.corners, profile)
    overlapping = layers.max_winding > 1
    rules = process.get("design_rules") or {}
    checks, held = printability(
        mesh, layers, profile, rules, process.get("machines") or [], deadline
    )
    uses, used = material_use(
        layers,
        radius,
        profile,
        profile_notes,
        process,
        materials,
        shape.volume_cm3,
        settings,
        Extras(edge_of_side=mesh.edges[0], support=printed_with(held, settings)),
    )
    judged, reasons = verdict(health, shape, overlapping, checks, uses, settings.supports)
    process_id = process.get("id")
    return Analysis(
        process=process_id if isinstance(process_id, str) else None,
        mesh=health,
        geometry=shape,
        overlapping_shells=overlapping,
        grid_mm=round(layers.pixel, 4),
        printability=checks,
        materials=uses,
        profile=used,
        verdict=judged,
        reasons=reasons,
    )


def printed_with(held: Support | None, settings: PrintSettings) -> Support | None:
    """The support the part is printed with, whose material is in its figures: what the
    design recommends (with or without supports), else support where it is needed."""
    if held is None or settings.supports is False:
        return None
    if settings.supports:
        return held if held.volume_mm3 > 0 else None
    return held if held.needed else None


def _not_sliced(process: dict[str, Any], health: MeshHealth, shape: Geometry) -> Analysis:
    """A part far too large to print, most likely in the wrong units: its mesh and size
    and why, without slicing it at that size."""
    reasons = (*mesh_reasons(health, overlapping_shells=False), *size_reasons(shape))
    process_id = process.get("id")
    return Analysis(
        process=process_id if isinstance(process_id, str) else None,
        mesh=health,
        geometry=shape,
        materials=(),
        profile=ProfileUsed(model="fdm", name=NOT_SLICED),
        verdict=conclude(reasons),
        reasons=reasons,
    )


def printability(
    mesh: Mesh,
    layers: Layers,
    profile: FdmProfile,
    rules: dict[str, Any],
    machines: list[dict[str, Any]],
    deadline: float,
) -> tuple[Printability, Support | None]:
    """The checks, and the support the overhangs need (None without an overhang rule)."""
    max_overhang = quantity_value(rules.get("max_overhang"))
    min_wall = quantity_value(rules.get("min_wall"))
    area = held = material = search = spans = None
    if max_overhang is not None:
        limit = max_overhang + OVERHANG_TOLERANCE_DEG
        z = mesh.corners[2]
        down = overhangs(mesh.normals[2], z, float(z.min()), limit)
        area = round(float(mesh.areas[down].sum()), 1)
        held = support(mesh, down, layers, profile)
        material = SupportMaterial(
            support_needed=held.needed,
            support_contact_mm2=round(held.contact_mm2, 1),
            support_print_time_min=round(held.seconds / 60, 1),
            support_method=SUPPORT_METHOD,
        )
        search = better_orientation(mesh, limit, deadline)
        spans = bridges(mesh, quantity_value(rules.get("max_bridge")), layers)
    checks = Printability(
        orientation=STANDING,
        max_overhang_deg=max_overhang,
        overhang_area_mm2=area,
        support_volume_cm3=round(held.volume_mm3 / 1000, 3) if held else None,
        support=material,
        better_orientation=search,
        bridges=spans,
        min_wall_mm=min_wall,
        thin_walls=thin_walls(mesh, layers, min_wall) if min_wall else None,
        machines=tuple(_fit(mesh.extents, machine) for machine in machines),
    )
    return checks, held


def _fit(size: np.ndarray, machine: dict[str, Any]) -> MachineFit:
    volume = [float(v) for v in machine.get("build_volume_mm") or []]
    known = len(volume) == 3
    extents = (float(size[0]), float(size[1]), float(size[2]))
    how = placement(extents, (volume[0], volume[1], volume[2])) if known else None
    return MachineFit(
        id=text_or_none(machine.get("id")),
        name=text_or_none(machine.get("name")),
        build_volume_mm=tuple(volume),
        fits=how is not None,
        placement=how,
        fits_turned=known and fits_on_any_side(extents, (volume[0], volume[1], volume[2])),
    )
