"""The verdict on a part, ready / needs-attention / not-printable, with a reason for
everything that counts."""

from __future__ import annotations

from generator.analysis.health import conclude, mesh_reasons, reason, size_reasons
from generator.analysis.results import (
    Geometry,
    MaterialUse,
    MeshHealth,
    Printability,
    Reason,
    ThinWalls,
    Verdict,
)
from generator.analysis.support import NEEDED_CONTACT_MM2

THIN_SHARE = 0.01  # share of the sampled surface on thin walls that needs attention


def verdict(
    mesh: MeshHealth,
    geometry: Geometry,
    overlapping_shells: bool,
    checks: Printability,
    materials: tuple[MaterialUse, ...],
    supports: bool | None = None,
) -> tuple[Verdict, tuple[Reason, ...]]:
    """ready / needs-attention / not-printable, with a reason for everything that counts;
    `supports` is what the design recommends (None: it says nothing)."""
    reasons = (
        *mesh_reasons(mesh, overlapping_shells),
        *size_reasons(geometry),
        *_overhang_reasons(checks, materials, supports),
        *_wall_reasons(checks),
        *_fit_reasons(checks, geometry),
        *(
            Reason(level="info", message=f"{row.material}: {row.note}")
            for row in materials
            if row.note
        ),
    )
    return conclude(reasons), reasons


def _overhang_reasons(
    checks: Printability, materials: tuple[MaterialUse, ...], supports: bool | None
) -> list[Reason]:
    reasons = []
    area = checks.overhang_area_mm2 or 0.0
    held = checks.support
    steep = f"{area:.0f} mm2 overhangs more than {checks.max_overhang_deg or 0:g} deg from vertical"
    if held is not None and supports is not None:
        reasons += _as_recommended(checks, materials, supports)
    elif held is not None and held.support_needed:
        reasons.append(
            reason(
                "attention",
                f"needs supports: {steep}, and support would hold up "
                f"{held.support_contact_mm2:.0f} mm2 of the part (more than "
                f"{NEEDED_CONTACT_MM2:g} mm2): print with supports "
                f"({_support_amount(checks, materials)}, counted in the figures) "
                "or turn the part",
            )
        )
    elif held is not None and area > NEEDED_CONTACT_MM2:
        reasons.append(
            reason(
                "info",
                f"{steep}, but support would hold up only {held.support_contact_mm2:.0f} mm2 "
                f"of it (not more than {NEEDED_CONTACT_MM2:g} mm2): the rest is bridged or "
                "rests on the part below, so no supports are needed",
            )
        )
    better = checks.resting_face
    if better is not None:
        reasons.append(
            reason(
                "info",
                f"another resting face (outward normal {list(better.bed_face_normal)}) needs "
                f"about {better.support_saving_pct:.0f} % less support",
            )
        )
    bridges = checks.bridges
    if bridges is not None and bridges.too_long:
        reasons.append(
            reason(
                "attention",
                f"{bridges.too_long} flat downward region(s) span up to "
                f"{bridges.longest_mm:.0f} mm, longer than the {bridges.max_bridge_mm:g} mm "
                "bridge rule: add supports, a chamfer or an arch",
            )
        )
    return reasons


def _as_recommended(
    checks: Printability, materials: tuple[MaterialUse, ...], supports: bool
) -> list[Reason]:
    """What the overhangs come to for a design that says whether to print with supports."""
    held = checks.support
    if held is None:
        return []
    if supports and (checks.support_volume_cm3 or 0) > 0:
        return [
            reason(
                "info",
                "printed with supports, as the design recommends: "
                f"{_support_amount(checks, materials)}, counted in the figures",
            )
        ]
    if not supports and held.support_needed:
        return [
            reason(
                "info",
                "printed without supports, as the design recommends, although support "
                f"would hold up {held.support_contact_mm2:.0f} mm2 of it (more than "
                f"{NEEDED_CONTACT_MM2:g} mm2): the figures leave support out",
            )
        ]
    return []


def _support_amount(checks: Printability, materials: tuple[MaterialUse, ...]) -> str:
    """The support's volume, its grams (in each material with a density, as a range) and
    its minutes."""
    held = checks.support
    minutes = f" and {held.support_print_time_min:g} min" if held else ""
    grams = sorted(
        row.filament.support_g
        for row in materials
        if row.filament is not None and row.filament.support_g is not None
    )
    weight = ""
    if grams:
        weight = f"{grams[0]:g} g" if grams[0] == grams[-1] else f"{grams[0]:g} to {grams[-1]:g} g"
        weight = f" ({weight})"
    return f"about {checks.support_volume_cm3:g} cm3 of support material{weight}{minutes}"


def _wall_reasons(checks: Printability) -> list[Reason]:
    walls = checks.thin_walls
    if not isinstance(walls, ThinWalls) or walls.thin_share <= THIN_SHARE:
        return []
    return [
        reason(
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
            reason(
                "blocker",
                f"at {size} the part fits none of the process's machines: "
                "split it into pieces or scale it",
            )
        ]
    reasons = []
    turned = [str(m.id) for m in machines if m.fits_turned and not m.fits]
    missing = [str(m.id) for m in machines if not m.fits_turned]
    if turned:
        reasons.append(reason("info", f"fits {', '.join(turned)} only when laid on another side"))
    if missing:
        reasons.append(reason("info", f"too large for {', '.join(missing)}"))
    return reasons
