"""The verdict on a part, ready / needs-attention / not-printable, with a reason for
everything that counts."""

from __future__ import annotations

from generator.analysis.results import (
    Geometry,
    Level,
    MaterialUse,
    MeshHealth,
    Printability,
    Reason,
    ThinWalls,
    Verdict,
)

PLAUSIBLE_SIZE_MM = (1.0, 2000.0)  # a part outside this is probably in the wrong units
THIN_SHARE = 0.01  # share of the sampled surface on thin walls that needs attention
SUPPORT_AREA_MM2 = 25.0  # less overhang than this is left to the slicer's bridging


def verdict(
    mesh: MeshHealth,
    geometry: Geometry,
    overlapping_shells: bool,
    checks: Printability,
    materials: tuple[MaterialUse, ...],
) -> tuple[Verdict, tuple[Reason, ...]]:
    """ready / needs-attention / not-printable, with a reason for everything that counts."""
    reasons = (
        *_mesh_reasons(mesh, overlapping_shells),
        *_size_reasons(geometry),
        *_overhang_reasons(checks),
        *_wall_reasons(checks),
        *_fit_reasons(checks, geometry),
        *(
            Reason(level="info", message=f"{row.material}: {row.note}")
            for row in materials
            if row.note
        ),
    )
    levels = {r.level for r in reasons}
    if "blocker" in levels:
        return "not-printable", reasons
    return ("needs-attention" if "attention" in levels else "ready"), reasons


def _reason(level: Level, message: str) -> Reason:
    return Reason(level=level, message=message)


def _mesh_reasons(mesh: MeshHealth, overlapping_shells: bool) -> list[Reason]:
    reasons = []
    if mesh.open_edges or mesh.non_manifold_edges:
        reasons.append(
            _reason(
                "attention",
                f"the mesh is not closed ({mesh.open_edges} open and "
                f"{mesh.non_manifold_edges} non-manifold edges): volume and material figures "
                "are unreliable; repair it (PrusaSlicer's repair, admesh, Meshmixer) and "
                "re-export",
            )
        )
    elif not mesh.winding_consistent:
        reasons.append(
            _reason(
                "attention",
                "neighbouring faces disagree on which side is out: repair the mesh "
                "(admesh --fix-normal-directions) and re-export",
            )
        )
    elif mesh.inverted:
        reasons.append(
            _reason(
                "attention",
                "the mesh is inside out (negative volume): flip its normals and re-export",
            )
        )
    if overlapping_shells:
        reasons.append(
            _reason(
                "info",
                "shells overlap or the surface crosses itself (layer winding test): "
                "slicers merge them, but a boolean union in the source is cleaner",
            )
        )
    if mesh.degenerate_faces:
        reasons.append(
            _reason(
                "info",
                f"{mesh.degenerate_faces} faces have no area: harmless, but a sign "
                "of a rough export",
            )
        )
    return reasons


def _size_reasons(geometry: Geometry) -> list[Reason]:
    reasons = []
    largest = max(geometry.size_mm)
    if not PLAUSIBLE_SIZE_MM[0] <= largest <= PLAUSIBLE_SIZE_MM[1]:
        reasons.append(
            _reason(
                "attention",
                f"the part is {largest:g} mm across: check the units (STL has none; "
                "scale by 1000 if it was drawn in metres, by 25.4 if in inches)",
            )
        )
    if min(geometry.size_mm) == 0:
        reasons.append(
            _reason(
                "blocker", "the part is flat (zero thickness): give it a thickness in its source"
            )
        )
    return reasons


def _overhang_reasons(checks: Printability) -> list[Reason]:
    reasons = []
    area = checks.overhang_area_mm2
    if area and area > SUPPORT_AREA_MM2:
        reasons.append(
            _reason(
                "attention",
                f"{area:.0f} mm2 overhangs more than {checks.max_overhang_deg:g} "
                f"deg from vertical: print with supports (about "
                f"{checks.support_volume_cm3:.1f} cm3 to fill under them) or turn the part",
            )
        )
    better = checks.resting_face
    if better is not None:
        reasons.append(
            _reason(
                "info",
                f"another resting face (outward normal {list(better.bed_face_normal)}) needs "
                f"about {better.support_saving_pct:.0f} % less support",
            )
        )
    bridges = checks.bridges
    if bridges is not None and bridges.too_long:
        reasons.append(
            _reason(
                "attention",
                f"{bridges.too_long} flat downward region(s) span up to "
                f"{bridges.longest_mm:.0f} mm, longer than the {bridges.max_bridge_mm:g} mm "
                "bridge rule: add supports, a chamfer or an arch",
            )
        )
    return reasons


def _wall_reasons(checks: Printability) -> list[Reason]:
    walls = checks.thin_walls
    if not isinstance(walls, ThinWalls) or walls.thin_share <= THIN_SHARE:
        return []
    return [
        _reason(
            "attention",
            f"{walls.thin_share:.0%} of the sampled surface is on walls "
            f"thinner than {checks.min_wall_mm:g} mm (thinnest about "
            f"{walls.thinnest_mm} mm): thicken them in the source",
        )
    ]


def _fit_reasons(checks: Printability, geometry: Geometry) -> list[Reason]:
    machines = checks.machines
    if not machines:
        return []
    if not any(m.fits or m.fits_turned for m in machines):
        size = " x ".join(f"{v:g}" for v in geometry.size_mm) + " mm"
        return [
            _reason(
                "blocker",
                f"at {size} the part fits none of the process's machines: "
                "split it into pieces or scale it",
            )
        ]
    reasons = []
    turned = [str(m.id) for m in machines if m.fits_turned and not m.fits]
    missing = [str(m.id) for m in machines if not m.fits_turned]
    if turned:
        reasons.append(_reason("info", f"fits {', '.join(turned)} only when laid on another side"))
    if missing:
        reasons.append(_reason("info", f"too large for {', '.join(missing)}"))
    return reasons
