"""The verdict on a part, ready / needs-attention / not-printable, with a reason for
everything that counts."""

from __future__ import annotations

from generator.analysis.health import conclude, material_notes, mesh_reasons, reason, size_reasons
from generator.analysis.results import (
    Geometry,
    MaterialUse,
    MeshHealth,
    Printability,
    Reason,
    ThinWalls,
    Verdict,
)
from generator.analysis.said import Clause, Figure, Name, measured, say, series
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
        *material_notes(materials),
    )
    return conclude(reasons), reasons


def _overhang_reasons(
    checks: Printability, materials: tuple[MaterialUse, ...], supports: bool | None
) -> list[Reason]:
    reasons = []
    area = checks.overhang_area_mm2 or 0.0
    held = checks.support
    steep = say(
        "%(area)s mm2 overhangs more than %(angle)s deg from vertical",
        area=Figure(number=area, style=".0f"),
        angle=checks.max_overhang_deg or 0,
    )
    if held is not None and supports is not None:
        reasons += _as_recommended(checks, materials, supports)
    elif held is not None and held.support_needed:
        reasons.append(
            reason(
                "attention",
                say(
                    "needs supports: %(steep)s, and support would hold up %(held)s mm2 of the "
                    "part (more than %(needed)s mm2): print with supports (%(amount)s, counted "
                    "in the figures) or turn the part",
                    steep=steep,
                    held=Figure(number=held.support_contact_mm2, style=".0f"),
                    needed=NEEDED_CONTACT_MM2,
                    amount=_support_amount(checks, materials),
                ),
            )
        )
    elif held is not None and area > NEEDED_CONTACT_MM2:
        reasons.append(
            reason(
                "info",
                say(
                    "%(steep)s, but support would hold up only %(held)s mm2 of it (not more "
                    "than %(needed)s mm2): the rest is bridged or rests on the part below, so "
                    "no supports are needed",
                    steep=steep,
                    held=Figure(number=held.support_contact_mm2, style=".0f"),
                    needed=NEEDED_CONTACT_MM2,
                ),
            )
        )
    better = checks.resting_face
    if better is not None:
        reasons.append(
            reason(
                "info",
                say(
                    "another resting face (outward normal %(normal)s) needs about %(saving)s %% "
                    "less support",
                    normal=str(list(better.bed_face_normal)),
                    saving=Figure(number=better.support_saving_pct, style=".0f"),
                ),
            )
        )
    bridges = checks.bridges
    if bridges is not None and bridges.too_long:
        reasons.append(
            reason(
                "attention",
                say(
                    "%(count)s flat downward region(s) span up to %(longest)s mm, longer than "
                    "the %(rule)s mm bridge rule: add supports, a chamfer or an arch",
                    count=bridges.too_long,
                    longest=Figure(number=bridges.longest_mm, style=".0f"),
                    rule=bridges.max_bridge_mm or 0,
                ),
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
                say(
                    "printed with supports, as the design recommends: %(amount)s, counted in "
                    "the figures",
                    amount=_support_amount(checks, materials),
                ),
            )
        ]
    if not supports and held.support_needed:
        return [
            reason(
                "info",
                say(
                    "printed without supports, as the design recommends, although support "
                    "would hold up %(held)s mm2 of it (more than %(needed)s mm2): the figures "
                    "leave support out",
                    held=Figure(number=held.support_contact_mm2, style=".0f"),
                    needed=NEEDED_CONTACT_MM2,
                ),
            )
        ]
    return []


def _support_amount(checks: Printability, materials: tuple[MaterialUse, ...]) -> Clause:
    """The support's volume, its grams (in each material with a density, as a range) and
    its minutes."""
    held = checks.support
    grams = sorted(
        row.filament.support_g
        for row in materials
        if row.filament is not None and row.filament.support_g is not None
    )
    volume = checks.support_volume_cm3 or 0
    weight = (
        None
        if not grams
        else say("%(grams)s g", grams=grams[0])
        if grams[0] == grams[-1]
        else say("%(low)s to %(high)s g", low=grams[0], high=grams[-1])
    )
    if held is None:
        return say("about %(volume)s cm3 of support material", volume=volume)
    if weight is None:
        return say(
            "about %(volume)s cm3 of support material and %(minutes)s min",
            volume=volume,
            minutes=held.support_print_time_min,
        )
    return say(
        "about %(volume)s cm3 of support material (%(weight)s) and %(minutes)s min",
        volume=volume,
        weight=weight,
        minutes=held.support_print_time_min,
    )


def _wall_reasons(checks: Printability) -> list[Reason]:
    walls = checks.thin_walls
    if not isinstance(walls, ThinWalls) or walls.thin_share <= THIN_SHARE:
        return []
    return [
        reason(
            "attention",
            say(
                "%(share)s %% of the sampled surface is on walls thinner than %(rule)s mm "
                "(thinnest about %(thinnest)s mm): thicken them in the source",
                share=Figure(number=walls.thin_share * 100, style=".0f"),
                rule=checks.min_wall_mm or 0,
                thinnest=measured(walls.thinnest_mm),
            ),
        )
    ]


def _fit_reasons(checks: Printability, geometry: Geometry) -> list[Reason]:
    machines = checks.machines
    if not machines:
        return []
    if not any(m.fits or m.fits_turned for m in machines):
        return [
            reason(
                "blocker",
                say(
                    "at %(size)s mm the part fits none of the process's machines: split it "
                    "into pieces or scale it",
                    size=series([Figure(number=v) for v in geometry.size_mm], " x "),
                ),
            )
        ]
    reasons = []
    turned = [Name(text=str(m.id)) for m in machines if m.fits_turned and not m.fits]
    missing = [Name(text=str(m.id)) for m in machines if not m.fits_turned]
    if turned:
        reasons.append(
            reason(
                "info",
                say(
                    "fits %(machines)s only when laid on another side",
                    machines=series(turned, ", "),
                ),
            )
        )
    if missing:
        reasons.append(
            reason("info", say("too large for %(machines)s", machines=series(missing, ", ")))
        )
    return reasons
