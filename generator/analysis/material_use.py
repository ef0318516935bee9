"""Material use of one part: for each material it may be made of, mass (and for FDM
filament and print time), under the process's model and profile."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, cast

import numpy as np

from generator.analysis import fdm
from generator.analysis.fdm_profile import FdmProfile
from generator.analysis.print_settings import PrintSettings
from generator.analysis.quantities import quantity_value
from generator.analysis.results import FilamentUse, MaterialUse, ProfileUsed, ShotMass
from generator.analysis.said import Clause, say, term_words
from generator.analysis.slicing import Layers
from generator.analysis.support import NEEDED_CONTACT_MM2, Support

PARAMETERS = {  # process `parameters` that change the FDM profile: name -> (field, unit, scale)
    "layer_height": ("layer_height", "mm", 1.0),
    "extrusion_width": ("extrusion_width", "mm", 1.0),
    "first_layer_extrusion_width": ("first_layer_extrusion_width", "mm", 1.0),
    "filament_diameter": ("filament_diameter", "mm", 1.0),
    "fill_density": ("infill_density", "%", 0.01),
}
AS_EXPORTED = say(
    "the part is printed as exported, without brim; with supports where they would hold "
    "up more than %(area)s mm2 of it, and then the support material is in the figures",
    area=NEEDED_CONTACT_MM2,
)
WITH_SUPPORTS = say(
    "the part is printed as exported, with supports as the design recommends: the support "
    "material is in the figures; without brim"
)
WITHOUT_SUPPORTS = say(
    "the part is printed as exported, without supports as the design recommends, and without brim"
)
# Said of every part whose figures take a material's density.
DENSITY = say("density: each material record's own, or the middle of its range")
FDM_ASSUMPTIONS = (
    AS_EXPORTED,
    say(
        "infill: gyroid at the profile's density; top/bottom shells, perimeters, "
        "small-area solid infill and the skirt as PrusaSlicer 2.5 makes them"
    ),
    say(
        "print time as PrusaSlicer's normal-mode estimate: the profile's speeds per feature "
        "and machine limits (accelerations, jerk, feedrates), travels with retractions, "
        "layer changes and cooling slowdown"
    ),
    DENSITY,
)
SOLID = ProfileUsed(
    model="solid",
    name="solid part: the mould or press is filled",
    assumptions=(
        say(
            "shot or charge mass = part volume x density; runners, sprues and flash are not "
            "included"
        ),
    ),
)
NO_DENSITY = term_words("the material record gives no density: mass is not estimated")
NO_VOLUME = term_words("the mesh is not closed, so its volume and shot mass are unknown")


def fdm_profile(process: dict[str, Any], settings: PrintSettings) -> tuple[FdmProfile, list[str]]:
    """The reference profile with the process record's parameters applied, then the
    settings the design recommends, and what the process record changed."""
    changes: dict[str, float | int] = {}
    notes: list[str] = []
    for name, quantity in (process.get("parameters") or {}).items():
        if name not in PARAMETERS or not isinstance(quantity, dict):
            continue
        field, unit, scale = PARAMETERS[name]
        value = quantity_value(quantity)
        if value is not None and quantity.get("unit") == unit and value > 0:
            changes[field] = value * scale
            notes.append(f"{name} = {value:g} {unit} from the process record")
    changes.update(settings.profile_changes())  # ProfileUsed.recommended records them
    # Each change sets a number field of the profile: counts are ints, the rest floats.
    return replace(FdmProfile(), **cast(dict[str, Any], changes)), notes


@dataclass(frozen=True)
class Extras:
    """What the FDM estimate takes from the mesh and the printability checks."""

    edge_of_side: np.ndarray | None = None  # Mesh.edges[0]: outlines loop by loop
    support: Support | None = None  # the support the part is printed with, in its figures


def material_use(
    layers: Layers,
    radius: int,
    profile: FdmProfile,
    profile_notes: list[str],
    process: dict[str, Any],
    materials: dict[str, dict[str, Any]],
    volume_cm3: float | None,
    settings: PrintSettings,
    extras: Extras | None = None,
) -> tuple[tuple[MaterialUse, ...], ProfileUsed]:
    """Per material: mass, filament and time (FDM) or shot mass (solid), and the profile
    with the settings the design recommends."""
    model = process.get("analysis")
    figures = None
    extras = extras or Extras()
    if model == "fdm":
        figures = fdm.estimate(layers, radius, profile, extras.edge_of_side)
        if extras.support is not None:
            figures["support_mm3"] = extras.support.volume_mm3
            figures["support_s"] = extras.support.seconds
            figures["print_time_min"] += extras.support.seconds / 60
    if figures is not None:
        used = ProfileUsed(
            model="fdm",
            name=profile.name,
            settings=profile.facts(),
            changes=tuple(profile_notes),
            recommended=settings if settings.given else None,
            assumptions=_fdm_assumptions(settings),
            extruded_cm3=round(fdm.extruded_mm3(figures) / 1000, 3),
            breakdown_cm3={
                k[:-4]: round(v / 1000, 3) for k, v in figures.items() if k.endswith("_mm3")
            },
            time_breakdown_min={
                k[:-2]: round(v / 60, 2) for k, v in figures.items() if k.endswith("_s")
            },
        )
    elif model == "solid":
        used = SOLID
    else:
        used = ProfileUsed(
            model=model if isinstance(model, str) else None,
            name="no estimate from the mesh for this process",
        )
    rows = tuple(
        _use(material_id, record, model, profile, figures, volume_cm3)
        for material_id, record in materials.items()
    )
    return rows, used


def _fdm_assumptions(settings: PrintSettings) -> tuple[Clause, ...]:
    if settings.supports is None:
        return FDM_ASSUMPTIONS
    return (WITH_SUPPORTS if settings.supports else WITHOUT_SUPPORTS, *FDM_ASSUMPTIONS[1:])


def _use(
    material_id: str,
    record: dict[str, Any],
    model: object,
    profile: FdmProfile,
    figures: dict[str, float] | None,
    volume_cm3: float | None,
) -> MaterialUse:
    """One material's row: `figures` are the FDM estimate's, for an FDM process."""
    properties = record.get("properties") or {}
    density = quantity_value(properties.get("density"))
    price = quantity_value(properties.get("price"))
    note = NO_DENSITY if density is None else None
    filament = shot = None
    mass = None
    if figures is not None:
        extruded = fdm.extruded_mm3(figures)
        mass = round(extruded / 1000 * density, 2) if density else None
        filament = FilamentUse(
            volume_cm3=round(extruded / 1000, 3),
            filament_m=round(extruded / (math.pi * profile.filament_diameter**2 / 4) / 1000, 3),
            print_time_min=round(figures["print_time_min"], 1),
            filament_g=mass,
            mass_g=mass,
            support_g=(
                round(figures["support_mm3"] / 1000 * density, 2)
                if density and "support_mm3" in figures
                else None
            ),
        )
    elif model == "solid":
        mass = round(volume_cm3 * density, 2) if density and volume_cm3 else None
        shot = ShotMass(volume_cm3=volume_cm3, mass_g=mass)
        note = NO_VOLUME if volume_cm3 is None else note
    return MaterialUse(
        material=material_id,
        density_g_cm3=density,
        price_usd_kg=price,
        note=note,
        filament=filament,
        shot=shot,
        cost_usd=round(mass / 1000 * price, 3) if price is not None and mass else None,
    )
