"""Filament use and print time of an FDM part, from its sliced layers.

The model follows what PrusaSlicer prints with the reference profile
(shared/reference/prusaslicer-0.20mm-quality-pla.ini):
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
from scipy import ndimage
from scipy.spatial import ConvexHull, QhullError

from generator.slicing import (
    Layers,
    Sections,
    any_of,
    dilate,
    dilate_square,
    erode,
    erode_square,
    rasterise,
    section,
    shifted,
)

# Connectivity within one layer only, for labelling the infill islands of every layer at once.
IN_LAYER = np.zeros((3, 3, 3), dtype=bool)
IN_LAYER[1] = [[0, 1, 0], [1, 1, 1], [0, 1, 0]]
ANCHOR_SHARE = 0.5
# Pixels (layers x rows x columns) a part is sliced into, at most about: inside the part, and
# in all (its bounding box), for bounded time and memory.
OCCUPIED_BUDGET = 3_000_000
GRID_BUDGET = 12_000_000


@dataclass(frozen=True)
class FdmProfile:
    """Slicing settings; defaults are the reference PrusaSlicer profile and its defaults."""

    name: str = "PrusaSlicer 0.20mm QUALITY, 0.4 mm nozzle (shared/reference profile)"
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
    def perimeter_depth(self) -> float:
        """How far inside the outline the perimeters reach, mm.

        The external perimeter's outer edge lies on the outline (width/2 to its centre),
        each further loop adds one spacing.
        """
        return self.extrusion_width / 2 + (self.perimeters - 0.5) * self.spacing

    def facts(self) -> dict[str, object]:
        return asdict(self)


def pixel_for(profile: FdmProfile, sections: Sections) -> tuple[float, int]:
    """Pixel size and the perimeter depth in whole pixels.

    Fine enough for the perimeters (0.1 mm where the budget allows), with at most about
    OCCUPIED_BUDGET pixels inside the part and GRID_BUDGET in all, so that time and memory
    stay bounded; the pixel divides the perimeter depth exactly.
    """
    inside = float(np.abs(sections.areas()).sum())
    extent = np.maximum(sections.high - sections.low, profile.extrusion_width)
    grid = float(extent[0] * extent[1]) * sections.count
    wanted = max(0.1, math.sqrt(inside / OCCUPIED_BUDGET), math.sqrt(grid / GRID_BUDGET))
    radius = max(1, round(profile.perimeter_depth / wanted))
    return profile.perimeter_depth / radius, radius


def estimate(layers: Layers, radius: int, profile: FdmProfile) -> dict[str, float]:
    """Extruded volume (mm3) per feature and print time (min) of a sliced part."""
    part = layers.solid
    pixel = layers.pixel
    h = layers.height
    inner = erode(part, radius)
    # Arachne widens the perimeters over strips too narrow for one more extrusion.
    # (On a grid coarser than the strip's width there is nothing to remove.)
    narrow = round(profile.spacing / 2 / pixel)
    wide = inner & dilate(erode(inner, narrow), narrow) if narrow else inner
    shell = wide & (
        any_of(_exposed(part, wide, 1, pixel, profile), range(profile.top_solid_layers))
        | any_of(
            _exposed(part, wide, -1, pixel, profile), range(0, -profile.bottom_solid_layers, -1)
        )
    )
    # Shells too narrow to fill well grow by three solid widths (PrusaSlicer's
    # discover_horizontal_shells); square filters of pi/4 the size reach as far on average.
    grow = max(1, round(3 * profile.extrusion_width * math.pi / 4 / pixel))
    narrow_shell = shell & ~dilate_square(erode_square(shell, grow), grow)
    shell |= wide & dilate_square(narrow_shell, grow)
    solid = wide & shell
    sparse = wide & ~shell
    labels, _ = ndimage.label(sparse, structure=IN_LAYER)
    sizes = np.bincount(labels.ravel()) * pixel * pixel
    small = sizes < profile.solid_infill_below_area
    small[0] = False
    solid |= small[labels]
    sparse &= ~small[labels]

    area = pixel * pixel
    per_layer = part.sum(axis=(1, 2)) * area
    solid_area = solid.sum(axis=(1, 2)) * area
    sparse_area = sparse.sum(axis=(1, 2)) * area
    top_area = (solid & ~shifted(part, 1)).sum(axis=(1, 2)) * area
    band_area = per_layer - wide.sum(axis=(1, 2)) * area
    # Infill lines are joined in pairs along the perimeters: anchors cover about half the
    # sparse regions' outline.
    anchors = ANCHOR_SHARE * _outline_length(sparse, pixel) * profile.spacing
    sparse_fill = np.minimum(sparse_area * profile.infill_density + anchors, sparse_area)

    skirt = _skirt_length(part[0], layers, profile)
    skirt_section = h * (profile.first_layer_extrusion_width - h * (1 - math.pi / 4))
    volumes = {
        "perimeters_mm3": float(band_area.sum() * h),
        "solid_infill_mm3": float(solid_area.sum() * h),
        "sparse_infill_mm3": float(sparse_fill.sum() * h),
        "skirt_mm3": skirt * skirt_section,
    }

    # Print time: path length of each feature over its speed, layer by layer.
    spacing = profile.spacing
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


def _exposed(
    part: np.ndarray, wide: np.ndarray, side: int, pixel: float, profile: FdmProfile
) -> np.ndarray:
    """Top (side 1) or bottom (side -1) surfaces of each layer, as the shells propagate them.

    The surface is the part of the slice not covered by the next layer, perimeter area
    included; where it reaches the infill area it also grows by the external infill margin.
    """
    surface = part & ~shifted(part, side)
    margin = max(1, round(profile.external_infill_margin * math.pi / 4 / pixel))
    return surface | (wide & dilate_square(wide & surface, margin))


def _outline_length(mask: np.ndarray, pixel: float) -> np.ndarray:
    """Outline length of each layer's regions, mm, from pixel edges.

    Counting pixel edges overestimates a slanted or curved outline by 4/pi on average
    (Cauchy-Crofton), so the count is scaled back.
    """
    edges = np.count_nonzero(mask[:, :, 1:] != mask[:, :, :-1], axis=(1, 2))
    edges += np.count_nonzero(mask[:, 1:, :] != mask[:, :-1, :], axis=(1, 2))
    return edges * pixel * math.pi / 4


def _skirt_length(first: np.ndarray, layers: Layers, profile: FdmProfile) -> float:
    """Length of the skirt loops around the first layer's convex hull."""
    if profile.skirts == 0 or not first.any():
        return 0.0
    rows, columns = np.nonzero(first)
    points = np.column_stack([columns, rows]).astype(float) * layers.pixel
    try:
        hull = ConvexHull(points).area  # in 2-D, "area" is the perimeter
    except QhullError:
        hull = 2 * float(np.ptp(points, axis=0).sum())
    loops = range(profile.skirts)
    return float(
        sum(hull + 2 * math.pi * (profile.skirt_distance + i * profile.spacing) for i in loops)
    )


def slice_for_fdm(triangles: np.ndarray, profile: FdmProfile) -> tuple[Layers, int]:
    """Slice at the profile's layer height, on a grid fine enough for the perimeters."""
    sections = section(triangles, profile.layer_height)
    pixel, radius = pixel_for(profile, sections)
    return rasterise(sections, pixel, pad=radius + 2), radius


def extruded_mm3(figures: dict[str, float]) -> float:
    """Total extruded volume from `estimate`'s figures."""
    return sum(value for name, value in figures.items() if name.endswith("_mm3"))
