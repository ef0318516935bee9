"""What every part with a mesh gets, whatever its process: the mesh's health (by edge use:
an edge shared by exactly two faces is manifold, trimesh's test), its size and volume, the
reasons they give, and the verdict the reasons add up to."""

from __future__ import annotations

import numpy as np

from generator.analysis.mesh import Mesh
from generator.analysis.results import (
    Geometry,
    Level,
    MaterialUse,
    MeshHealth,
    Reason,
    Verdict,
)
from generator.analysis.said import Clause, Figure, say, series, term, written

# A part whose largest extent is outside this is probably in the wrong units: STL has
# none, and a tool that assumed other units scaled it by theirs. The smallest parts made
# from this catalogue are pins and clips of a few mm; the largest beds are about 1 m.
PLAUSIBLE_SIZE_MM = (3.0, 1500.0)
# The units a mesh may have been drawn in, with their size in mm: a part that looks too
# small was drawn in a larger unit (a 25 mm knob drawn in inches reads as 0.98 "mm"), one
# that looks too large in a smaller unit.
LARGER_UNITS = ((term("cm"), 10.0), (term("inches"), 25.4), (term("metres"), 1000.0))
SMALLER_UNITS = ((term("tenths of a mm"), 0.1), (term("micrometres"), 0.001))
USUAL_SIZE_MM = (5.0, 500.0)  # a scale is suggested when it brings the part into this
# What moulding and forming say when the process record gives no draft rule.
NO_DRAFT_RULE = say("the process record gives no draft rule: draft is measured, not judged")


def mesh_health(mesh: Mesh) -> MeshHealth:
    open_edges, non_manifold = mesh.edge_counts()
    size = float(mesh.extents.max())
    degenerate = int((2 * mesh.areas <= (1e-9 * max(size, 1e-9)) ** 2).sum())
    watertight = open_edges == 0 and non_manifold == 0
    winding = mesh.winding_consistent()
    return MeshHealth(
        faces=len(mesh.faces),
        vertices=len(mesh.vertices),
        bodies=mesh.bodies(),
        watertight=watertight,
        winding_consistent=winding,
        inverted=mesh.flipped,
        degenerate_faces=degenerate,
        open_edges=open_edges,
        non_manifold_edges=non_manifold,
        manifold_test="edge use: every edge shared by exactly two faces",
        merge_tolerance_mm=float(f"{mesh.merge_mm:.3g}"),
        open_edges_exact_match=mesh.exact_open_edges,
    )


def vector3(values: np.ndarray) -> tuple[float, float, float]:
    """Three coordinates rounded to the micrometre, as results give them."""
    x, y, z = (round(float(v), 3) for v in values)
    return x, y, z


def geometry(mesh: Mesh, closed: bool) -> Geometry:
    volume = abs(mesh.signed_volume) if closed else None
    return Geometry(
        size_mm=vector3(mesh.extents),
        volume_cm3=round(volume / 1000, 4) if volume is not None else None,
        surface_area_cm2=round(float(mesh.areas.sum()) / 100, 4),
        centre_of_mass_mm=vector3(mesh.centre_of_mass) if closed else None,
    )


def reason(level: Level, said: Clause) -> Reason:
    return Reason(level=level, message=written(said), said=said)


def mesh_reasons(mesh: MeshHealth, overlapping_shells: bool) -> list[Reason]:
    reasons = []
    if mesh.open_edges or mesh.non_manifold_edges:
        reasons.append(
            reason(
                "attention",
                say(
                    "the mesh is not closed (%(open)s open and %(non_manifold)s non-manifold "
                    "edges): volume and material figures are unreliable; repair it "
                    "(PrusaSlicer's repair, admesh, Meshmixer) and re-export",
                    open=mesh.open_edges,
                    non_manifold=mesh.non_manifold_edges,
                ),
            )
        )
    elif not mesh.winding_consistent:
        reasons.append(
            reason(
                "attention",
                say(
                    "neighbouring faces disagree on which side is out: repair the mesh "
                    "(admesh --fix-normal-directions) and re-export"
                ),
            )
        )
    elif mesh.inverted:
        reasons.append(
            reason(
                "attention",
                say(
                    "the mesh is inside out (negative volume): it was turned the right way out "
                    "for this analysis; flip its normals in the source and re-export"
                ),
            )
        )
    if overlapping_shells:
        reasons.append(
            reason(
                "info",
                say(
                    "shells overlap or the surface crosses itself (layer winding test): "
                    "slicers merge them, but a boolean union in the source is cleaner"
                ),
            )
        )
    if mesh.degenerate_faces:
        reasons.append(
            reason(
                "info",
                say(
                    "%(faces)s faces have no area: harmless, but a sign of a rough export",
                    faces=mesh.degenerate_faces,
                ),
            )
        )
    return reasons


def size_reasons(geometry: Geometry) -> list[Reason]:
    reasons = []
    largest = max(geometry.size_mm)
    if not PLAUSIBLE_SIZE_MM[0] <= largest <= PLAUSIBLE_SIZE_MM[1]:
        reasons.append(reason("attention", units_message(largest)))
    if min(geometry.size_mm) == 0:
        reasons.append(
            reason(
                "blocker",
                say("the part is flat (zero thickness): give it a thickness in its source"),
            )
        )
    return reasons


def units_message(largest: float) -> Clause:
    """What a part `largest` mm across was likely drawn in, and the scale that fixes it."""
    units = LARGER_UNITS if largest < PLAUSIBLE_SIZE_MM[0] else SMALLER_UNITS
    likely = [
        (unit, size)
        for unit, size in units
        if USUAL_SIZE_MM[0] <= largest * size <= USUAL_SIZE_MM[1]
    ]
    if not likely:
        return say(
            "the part is %(size)s mm across: check the units (STL has none): scale it by what "
            "the numbers were drawn in (10 for cm, 25.4 for inches, 1000 for metres, 0.001 for "
            "micrometres) and re-export",
            size=_mm(largest),
        )
    scales = [
        say(
            "scaled by %(scale)s it would be %(size)s mm across",
            scale=size,
            size=_mm(largest * size),
        )
        for _, size in likely
    ]
    return say(
        "the part is %(size)s mm across: drawn in %(units)s? STL has no units: %(scales)s. "
        "Scale it and re-export",
        size=_mm(largest),
        units=series([unit for unit, _ in likely], " or "),
        scales=series(scales, "; "),
    )


def _mm(value: float) -> Figure:
    return Figure(number=value, style=",.0f" if value >= 100 else ".3g")


def material_notes(uses: tuple[MaterialUse, ...]) -> tuple[Reason, ...]:
    """Each material's note on a figure it could not give (no density, no thickness)."""
    return tuple(
        reason("info", say("%(material)s: %(note)s", material=row.material, note=term(row.note)))
        for row in uses
        if row.note
    )


def conclude(reasons: tuple[Reason, ...]) -> Verdict:
    """A blocker makes the part unmakeable as it is; anything for attention needs a look."""
    levels = {r.level for r in reasons}
    if "blocker" in levels:
        return "not-printable"
    return "needs-attention" if "attention" in levels else "ready"
