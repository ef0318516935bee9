"""The FDM slicing profile the model follows: the reference PrusaSlicer profile
(generator/analysis/profiles/prusaslicer-0.20mm-quality-pla.ini) and, for what it leaves
unset, PrusaSlicer 2.5's defaults as its G-code lists them in its config block."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class FdmProfile:
    """Slicing settings; defaults are the reference PrusaSlicer profile and its defaults.
    Field names are PrusaSlicer's where it has the setting."""

    name: str = "PrusaSlicer 0.20mm QUALITY, 0.4 mm nozzle (MakeLocal reference profile)"
    layer_height: float = 0.2  # mm
    perimeters: int = 2
    top_solid_layers: int = 5
    bottom_solid_layers: int = 4
    infill_density: float = 0.15  # gyroid
    extrusion_width: float = 0.45  # mm
    first_layer_extrusion_width: float = 0.42  # mm, also the skirt's
    top_infill_extrusion_width: float = 0.4  # mm
    filament_diameter: float = 1.75  # mm
    solid_infill_below_area: float = 70.0  # mm2, PrusaSlicer default
    external_infill_margin: float = 3.0  # mm, PrusaSlicer's EXTERNAL_INFILL_MARGIN
    infill_overlap: float = 0.25  # of the perimeter spacing, PrusaSlicer default
    nozzle_diameter: float = 0.4  # mm; bridges are round threads this wide (thick_bridges)
    skirt_distance: float = 6.0  # mm, PrusaSlicer default
    skirts: int = 1
    # Speeds, mm/s: PrusaSlicer defaults (the reference profile sets none).
    perimeter_speed: float = 60.0
    external_perimeter_speed: float = 30.0  # 50 % of perimeter_speed
    small_perimeter_speed: float = 15.0  # loops up to a 6.5 mm radius circle's length
    infill_speed: float = 80.0
    solid_infill_speed: float = 20.0
    top_solid_infill_speed: float = 15.0
    bridge_speed: float = 60.0
    first_layer_speed: float = 30.0
    travel_speed: float = 130.0
    min_layer_time: float = 5.0  # s, slowdown_below_layer_time
    min_print_speed: float = 10.0
    # Retraction (PrusaSlicer defaults): before every travel longer than
    # retract_before_travel, then back at the same speed (deretract_speed = 0).
    retract_length: float = 2.0  # mm of filament
    retract_speed: float = 40.0  # mm/s
    retract_before_travel: float = 2.0  # mm
    # Machine limits for the time estimate (machine_limits_usage = time_estimate_only):
    # PrusaSlicer 2.5's defaults, normal mode; accelerations mm/s2, feedrates and jerk mm/s.
    machine_max_acceleration_extruding: float = 1500.0
    machine_max_acceleration_retracting: float = 1500.0
    machine_max_acceleration_travel: float = 1500.0
    machine_max_acceleration_x: float = 9000.0
    machine_max_acceleration_y: float = 9000.0
    machine_max_acceleration_z: float = 500.0
    machine_max_acceleration_e: float = 10000.0
    machine_max_feedrate_x: float = 500.0
    machine_max_feedrate_y: float = 500.0
    machine_max_feedrate_z: float = 12.0
    machine_max_feedrate_e: float = 120.0
    machine_max_jerk_x: float = 10.0
    machine_max_jerk_y: float = 10.0
    machine_max_jerk_z: float = 0.2
    machine_max_jerk_e: float = 2.5

    @property
    def spacing(self) -> float:
        """Distance between neighbouring extrusions of one layer, mm."""
        return self.extrusion_width - self.layer_height * (1 - math.pi / 4)

    @property
    def top_spacing(self) -> float:
        """Distance between neighbouring lines of the top skin, mm."""
        return self.top_infill_extrusion_width - self.layer_height * (1 - math.pi / 4)

    @property
    def bridge_mm3_per_mm2(self) -> float:
        """Volume a bridge lays per mm2: round threads of the nozzle's diameter, spaced
        by it plus PrusaSlicer's BRIDGE_EXTRA_SPACING (0.05 mm)."""
        return math.pi * self.nozzle_diameter**2 / 4 / (self.nozzle_diameter + 0.05)

    @property
    def filament_area(self) -> float:
        """mm2"""
        return math.pi * self.filament_diameter**2 / 4

    @property
    def perimeter_depth(self) -> float:
        """How far inside the outline the perimeters reach, mm.

        The external perimeter's outer edge lies on the outline (width/2 to its centre),
        each further loop adds one spacing.
        """
        return self.extrusion_width / 2 + (self.perimeters - 0.5) * self.spacing

    def facts(self) -> dict[str, float | int | str]:
        return asdict(self)
