"""Filament use and print time of an FDM part, from its sliced layers.

The model follows what PrusaSlicer prints with the reference profile
(generator/analysis/profiles/prusaslicer-0.20mm-quality-pla.ini):
- perimeters fill a band of `perimeter_depth` inside each layer's outline;
- top and bottom shells: inside the perimeters, a layer is solid wherever one of the
  `top_solid_layers` layers above or the `bottom_solid_layers` below is not part;
- infill islands smaller than `solid_infill_below_area` are solid (PrusaSlicer's default);
- the rest is sparse infill at `infill_density`;
- one skirt loop `skirt_distance` around the first layer.
Extrusions laid side by side at their spacing fill the area they cover, so the volume of a
solid region is its area times the layer height: flow h(w - h(1 - pi/4)) over spacing
w - h(1 - pi/4) (PrusaSlicer's Flow model).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
from scipy.spatial import ConvexHull, QhullError

from generator.analysis import bitgrid, shells
from generator.analysis.slicing import Layers, Sections, carve_thin_holes, rasterise, section

# Sparse infill beyond its density: the anchors joining line ends along the perimeters and
# the waves' ends, as a share of the sparse regions' outline times the spacing. Fitted on
# the parts of benchmarks/fdm_accuracy.py: a least-squares fit of PrusaSlicer's gyroid
# volume per layer gives 0.38 (with the density term at 0.97 of its nominal value); a
# rectangular block's middle layers, 0.3.
ANCHOR_SHARE = 0.35
# Pixels across the perimeter band: 3 (0.28 mm for the reference profile) put 31 of the 32
# parts of benchmarks/fdm_accuracy.py within 10 % of PrusaSlicer's grams (mean error 3.7 %);
# 4 and 5 put 30 within it (4.2 % and 3.7 %) at 1.8 and 2.8 times the pixels, 2 put 29
# (4.6 %) and is too coarse for the wall-thickness check.
PIXELS_PER_DEPTH = 3
# Pixels (layers x rows x columns) a part is sliced into, at most about, for bounded time and
# memory (a packed grid holds 8 pixels a byte).
GRID_BUDGET = 150_000_000


@dataclass(frozen=True)
class FdmProfile:
    """Slicing settings; defaults are the reference PrusaSlicer profile and its defaults."""

    name: str = "PrusaSlicer 0.20mm QUALITY, 0.4 mm nozzle (MakeLocal reference profile)"
    layer_height: float = 0.2  # mm
    perimeters: int = 2
    top_solid_layers: int = 5
    bottom_solid_layers: int = 4
    infill_density: float = 0.15  # gyroid
    extrusion_width: float = 0.45  # mm
    first_layer_extrusion_width: float = 0.42  # mm, also the skirt's
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
    infill_speed: float = 80.0
    solid_infill_speed: float = 20.0
    top_solid_infill_speed: float = 15.0
    first_layer_speed: float = 30.0
    min_layer_time: float = 5.0  # s, slowdown_below_layer_time
    min_print_speed: float = 10.0

    @property
    def spacing(self) -> float:
        """Distance between neighbouring extrusions of one layer, mm."""
        return self.extrusion_width - self.layer_height * (1 - math.pi / 4)

    @property
    def bridge_mm3_per_mm2(self) -> float:
        """Volume a bridge lays per mm2: round threads of the nozzle's diameter, spaced
        by it plus PrusaSlicer's BRIDGE_EXTRA_SPACING (0.05 mm)."""
        return math.pi * self.nozzle_diameter**2 / 4 / (self.nozzle_diameter + 0.05)

    @property
    def perimeter_depth(self) -> float:
        """How far inside the outline the perimeters reach, mm.

        The external perimeter's outer edge lies on the outline (width/2 to its centre),
        each further loop adds one spacing.
        """
        return self.extrusion_width / 2 + (self.perimeters - 0.5) * self.spacing

    def facts(self) -> dict[str, float | int | str]:
        return asdict(self)


def pixel_for(profile: FdmProfile, sections: Sections) -> tuple[float, int]:
    """Pixel size and the perimeter depth in whole pixels.

    PIXELS_PER_DEPTH pixels across the perimeter band, coarser only where the part would
    take more than GRID_BUDGET pixels; the pixel divides the perimeter depth exactly.
    """
    extent = np.maximum(sections.high - sections.low, profile.extrusion_width)
    grid = float(extent[0] * extent[1]) * sections.count
    wanted = max(profile.perimeter_depth / PIXELS_PER_DEPTH, math.sqrt(grid / GRID_BUDGET))
    radius = max(1, round(profile.perimeter_depth / wanted))
    return profile.perimeter_depth / radius, radius


def estimate(layers: Layers, radius: int, profile: FdmProfile) -> dict[str, float]:
    """Extruded volume (mm3) per feature and print time (min) of a sliced part."""
    found = shells.regions(layers, radius, profile)
    pixel = layers.pixel
    h = layers.height
    area = pixel * pixel
    per_layer = bitgrid.count(found.part) * area
    solid_area = bitgrid.count(found.solid) * area
    bridge_area = bitgrid.count(found.bridge) * area
    sparse_area = bitgrid.count(found.sparse) * area
    top_area = bitgrid.count(found.top) * area
    spacing = profile.spacing
    # The perimeters' flow covers one spacing each, from (width - spacing) / 2 inside the
    # outline (PerimeterGenerator shrinks the outline by that much first).
    unfilled = layers.contour_mm * (profile.extrusion_width - profile.spacing) / 2
    band_area = np.maximum(per_layer - bitgrid.count(found.infill) * area - unfilled, 0)
    # Infill lines are joined in pairs along the perimeters: anchors cover about half the
    # sparse regions' outline. Counting pixel edges overestimates a slanted or curved
    # outline by 4/pi on average (Cauchy-Crofton), so the count is scaled back.
    outline = bitgrid.edges(found.sparse) * pixel * math.pi / 4
    anchors = ANCHOR_SHARE * outline * profile.spacing
    sparse_fill = np.minimum(sparse_area * profile.infill_density + anchors, sparse_area)
    # Infill reaches `infill_overlap` of a spacing into the perimeters (PrusaSlicer's fill
    # boundary): that strip along the infill's outline is filled like the infill beside it.
    infill_area = np.maximum(solid_area + sparse_area, area)
    overlap = bitgrid.edges(found.infill) * pixel * math.pi / 4 * profile.infill_overlap * spacing
    solid_area = solid_area * (1 + overlap / infill_area)
    sparse_fill = sparse_fill * (1 + overlap / infill_area)

    skirt = _skirt_length(layers, profile)
    skirt_section = h * (profile.first_layer_extrusion_width - h * (1 - math.pi / 4))
    volumes = {
        "perimeters_mm3": float(band_area.sum() * h),
        "solid_infill_mm3": float((solid_area - bridge_area).sum() * h),
        "bridge_infill_mm3": float(bridge_area.sum() * profile.bridge_mm3_per_mm2),
        "sparse_infill_mm3": float(sparse_fill.sum() * h),
        "skirt_mm3": skirt * skirt_section,
    }

    # Print time: path length of each feature over its speed, layer by layer.
    path = band_area / spacing
    external = np.minimum(layers.contour_mm, path)
    seconds = (
        external / profile.external_perimeter_speed
        + (path - external) / profile.perimeter_speed
        + top_area / spacing / profile.top_solid_infill_speed
        + (solid_area - top_area) / spacing / profile.solid_infill_speed
        + sparse_fill / spacing / profile.infill_speed
    )
    length = path + (solid_area + sparse_fill) / spacing
    if len(seconds):
        seconds[0] = (length[0] + skirt) / profile.first_layer_speed
    # Cooling slows short layers down to the minimum layer time, not below the minimum speed.
    seconds = np.maximum(
        seconds, np.minimum(profile.min_layer_time, length / profile.min_print_speed)
    )
    volumes["print_time_min"] = float(seconds.sum() / 60)
    return volumes


def _skirt_length(layers: Layers, profile: FdmProfile) -> float:
    """Length of the skirt loops around the first layer's convex hull."""
    points = layers.first_outline
    if profile.skirts == 0 or not len(points):
        return 0.0
    try:
        hull = ConvexHull(points).area  # in 2-D, "area" is the perimeter
    except QhullError:
        hull = 2 * float(np.ptp(points, axis=0).sum())
    loops = range(profile.skirts)
    return float(
        sum(hull + 2 * math.pi * (profile.skirt_distance + i * profile.spacing) for i in loops)
    )


def slice_for_fdm(corners: np.ndarray, profile: FdmProfile) -> tuple[Layers, int]:
    """Slice the triangles (generator.mesh.corners_of) at the profile's layer height, on a
    grid fine enough for the perimeters. One empty pixel around the part is enough: every
    grid operation treats what lies beyond the grid as empty."""
    sections = section(corners, profile.layer_height)
    pixel, radius = pixel_for(profile, sections)
    return carve_thin_holes(rasterise(sections, pixel, pad=1)), radius


def extruded_mm3(figures: dict[str, float]) -> float:
    """Total extruded volume from `estimate`'s figures."""
    return sum(value for name, value in figures.items() if name.endswith("_mm3"))
