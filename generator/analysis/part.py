"""One part for its own process: a mesh printed, moulded or formed, or an outline cut or
sewn. Chooses the analysis from the process record's `analysis`, runs it, and adds the
mesh's own reasons and the verdict.

Pure: triangles or an outline in, an Analysis out.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from generator.analysis.health import (
    conclude,
    geometry,
    material_notes,
    mesh_health,
    mesh_reasons,
    size_reasons,
)
from generator.analysis.mesh import index
from generator.analysis.options import PartOptions
from generator.analysis.printability import analyse as analyse_print
from generator.analysis.results import Analysis
from generator.records.facts import DRAWING_ANALYSES, MESH_ANALYSES

if TYPE_CHECKING:  # shapely, which reading an outline needs, takes a while to import
    from generator.records.outline import Outline


class WrongKind(ValueError):
    """A file of a kind the process's analysis does not read (a mesh for a cut part...)."""


def analyse_mesh(
    triangles: np.ndarray,
    process: dict[str, Any],
    materials: dict[str, dict[str, Any]],
    options: PartOptions,
    deadline: float = math.inf,
) -> Analysis:
    """A part given as a mesh, by its process's analysis (fdm, mould or forming)."""
    kind = process.get("analysis")
    if kind == "fdm":
        return analyse_print(triangles, process, materials, deadline, options.print_settings)
    if kind not in MESH_ANALYSES:
        raise WrongKind(_wrong(process, "a mesh (STL)"))
    # Imported here, like the other analyses: each needs SciPy's image tools (0.2 s to
    # import), which printing one part does not.
    from generator.analysis.forming import FormingFindings, analyse_forming
    from generator.analysis.moulding import MouldFindings, analyse_mould

    mesh = index(triangles)
    health = mesh_health(mesh)
    shape = geometry(mesh, health.closed)
    moulding = forming = None
    found: MouldFindings | FormingFindings
    if kind == "mould":
        found = analyse_mould(mesh, shape, process, materials, options.opening_direction, deadline)
        moulding = found.moulding
    else:
        found = analyse_forming(mesh, shape, process, materials, options.sheet_thickness_mm)
        forming = found.forming
    reasons = (
        *mesh_reasons(health, overlapping_shells=False),
        *size_reasons(shape),
        *found.reasons,
        *material_notes(found.materials),
    )
    return Analysis(
        process=_process_id(process),
        mesh=health,
        geometry=shape,
        moulding=moulding,
        forming=forming,
        materials=found.materials,
        profile=found.profile,
        verdict=conclude(reasons),
        reasons=reasons,
    )


def analyse_drawing(
    outline: Outline,
    process: dict[str, Any],
    materials: dict[str, dict[str, Any]],
    options: PartOptions,
) -> Analysis:
    """A part given as a 1:1 outline (SVG or DXF), cut or sewn from sheet."""
    if process.get("analysis") not in DRAWING_ANALYSES:
        raise WrongKind(_wrong(process, "a 2D drawing (SVG or DXF)"))
    from generator.analysis.flat import analyse_flat

    found = analyse_flat(outline, process, materials, options.sheet_thickness_mm)
    reasons = (*found.reasons, *material_notes(found.materials))
    return Analysis(
        process=_process_id(process),
        flat=found.flat,
        materials=found.materials,
        profile=found.profile,
        verdict=conclude(reasons),
        reasons=reasons,
    )


def _wrong(process: dict[str, Any], given: str) -> str:
    kind = process.get("analysis")
    name = process.get("name") or process.get("id") or "this process"
    if kind == "none":
        return f"{name} makes no part from a design file, so there is nothing to analyse"
    wants = "a 2D drawing (SVG or DXF)" if kind in DRAWING_ANALYSES else "a mesh (STL)"
    if kind not in (*MESH_ANALYSES, *DRAWING_ANALYSES):
        return f"the process record of {name} names no analysis this version knows ({kind!r})"
    return f"{name} makes parts from {wants}, not from {given}: give the part's file as one"


def _process_id(process: dict[str, Any]) -> str | None:
    value = process.get("id")
    return value if isinstance(value, str) else None
