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

import numpy as np

from generator.analysis import bitgrid, print_time, shells
from generator.analysis.fdm_profile import FdmProfile
from generator.analysis.graphs import hull_length
from generator.analysis.slicing import (
    Layers,
    Loops,
    Sections,
    carve_thin_holes,
    outline_loops,
    rasterise,
    section,
)

# Sparse infill: PrusaSlicer's gyroid waves hold a little less than the density asks for,
# and anchors along the perimeters join the waves' ends. A least-squares fit of its path
# per layer on the parts of benchmarks/fdm_accuracy.py (6,000 layers) gives the waves at
# WAVE_SHARE of the density's path over the region (inside the perimeters, without the
# overlap) and the anchors at ANCHOR_SHARE of the region's outline; per part, the fitted
# path is within 13 % of PrusaSlicer's on 8 parts in 10 (median -1.7 %).
WAVE_SHARE = 0.96
ANCHOR_SHARE = 0.375
# Travels: the mean move is this share of the side of a square shared out among a layer's
# travels, the square's area between the layer's bounding box and its own area (their
# geometric mean: a ring's travels do not cross its middle). With the bounding box alone
# a thin 45 mm ring (glia-stethoscope/ring) took 25 % longer than PrusaSlicer says, and 76
# of the 84 parts of benchmarks/fdm_accuracy.py were within 10 %; with the mean, 77.
TRAVEL_SHARE = 1.0
# Regions smaller than a square this many spacings wide are slivers of the grid, not
# pieces of infill a travel goes to.
PIECE_WIDTHS = 3.0
# Pixels across the perimeter band: 3 (0.28 mm for the reference profile) put 31 of the 32
# parts of benchmarks/fdm_accuracy.py within 10 % of PrusaSlicer's grams (mean error 3.7 %);
# 4 and 5 put 30 within it (4.2 % and 3.7 %) at 1.8 and 2.8 times the pixels, 2 put 29
# (4.6 %) and is too coarse for the wall-thickness check.
PIXELS_PER_DEPTH = 3
# Pixels (layers x rows x columns) a part is sliced into, at most about, for bounded time and
# memory (a packed grid holds 8 pixels a byte).
GRID_BUDGET = 150_000_000


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


def estimate(
    layers: Layers, radius: int, profile: FdmProfile, edge_of_side: np.ndarray | None = None
) -> dict[str, float]:
    """Extruded volume (mm3) per feature and print time (min) of a sliced part.

    `edge_of_side` (the mesh's edge of each triangle side, Mesh.edges[0]) lets the time
    model follow the outlines loop by loop."""
    found = shells.regions(layers, radius, profile)
    pixel = layers.pixel
    h = layers.height
    area = pixel * pixel
    spacing = profile.spacing
    per_layer = bitgrid.count(found.part) * area
    plain = found.solid & ~found.top & ~found.bridge
    solid_area = bitgrid.count(plain) * area
    top_area = bitgrid.count(found.top) * area
    bridge_area = bitgrid.count(found.bridge) * area
    sparse_area = bitgrid.count(found.sparse) * area
    # The perimeters' flow covers one spacing each, from (width - spacing) / 2 inside the
    # outline (PerimeterGenerator shrinks the outline by that much first).
    unfilled = layers.contour_mm * (profile.extrusion_width - spacing) / 2
    band_area = np.maximum(per_layer - bitgrid.count(found.infill) * area - unfilled, 0)
    # Infill lines are joined in pairs along the perimeters: anchors cover part of the
    # sparse regions' outline. Counting pixel edges overestimates a slanted or curved
    # outline by 4/pi on average (Cauchy-Crofton), so the count is scaled back.
    outline = bitgrid.edges(found.sparse) * pixel * math.pi / 4
    waves = WAVE_SHARE * sparse_area * profile.infill_density
    anchors = ANCHOR_SHARE * outline * spacing if profile.infill_density > 0 else 0.0
    sparse_fill = np.minimum(waves + anchors, sparse_area)
    # Infill reaches `infill_overlap` of a spacing into the perimeters (PrusaSlicer's fill
    # boundary): that strip along the infill's outline is filled like the infill beside it.
    infill_area = np.maximum(solid_area + top_area + bridge_area + sparse_area, area)
    overlap = bitgrid.edges(found.infill) * pixel * math.pi / 4 * profile.infill_overlap * spacing
    widen = 1 + overlap / infill_area
    solid_area, top_area, bridge_area = solid_area * widen, top_area * widen, bridge_area * widen

    skirt = _skirt_length(layers, profile)
    skirt_section = h * (profile.first_layer_extrusion_width - h * (1 - math.pi / 4))
    volumes = {
        "perimeters_mm3": float(band_area.sum() * h),
        "solid_infill_mm3": float((solid_area + top_area).sum() * h),
        "bridge_infill_mm3": float(bridge_area.sum() * profile.bridge_mm3_per_mm2),
        "sparse_infill_mm3": float(sparse_fill.sum() * h),
        "skirt_mm3": skirt * skirt_section,
    }
    loops = (
        outline_loops(layers.sections, edge_of_side)
        if layers.sections is not None and edge_of_side is not None
        else None
    )
    work = _work(
        layers, found, loops, profile, band_area, plain, (waves, sparse_fill), skirt, widen
    )
    times = print_time.seconds(layers, loops, work, profile)
    volumes["print_time_min"] = times.pop("total") / 60
    volumes.update({f"{name}_s": value for name, value in times.items()})
    return volumes


def _work(
    layers: Layers,
    found: shells.Regions,
    loops: Loops | None,
    profile: FdmProfile,
    band_area: np.ndarray,
    plain: np.ndarray,
    sparse_fill: tuple[np.ndarray, np.ndarray],
    skirt: float,
    widen: np.ndarray,
) -> print_time.LayerWork:
    """What each layer prints, for the time model; `sparse_fill` is the waves' and the
    whole sparse infill's volume over the layer height."""
    pixel = layers.pixel
    area = pixel * pixel
    spacing = profile.spacing
    perimeter_mm = band_area / spacing
    bridge_spacing = profile.nozzle_diameter + print_time.BRIDGE_SPACING_EXTRA

    def lines(grid: np.ndarray, line_spacing: float) -> print_time.Lines:
        chords = bitgrid.per_distinct_layer(grid, bitgrid.diagonal_chords)
        return print_time.Lines.of(bitgrid.count(grid) * area * widen, chords, pixel, line_spacing)

    sparse = found.sparse
    chords = bitgrid.per_distinct_layer(
        sparse, lambda layers: (bitgrid.row_runs(layers) + bitgrid.column_runs(layers)) / 2
    )
    sparse_area = bitgrid.count(sparse) * area
    chord = np.divide(sparse_area, chords * pixel, out=np.zeros(len(chords)), where=chords > 0)
    least = (PIECE_WIDTHS * spacing) ** 2 / area
    pieces = np.sum(
        [
            bitgrid.per_distinct_layer(grid, lambda layers: bitgrid.island_counts(layers, least))
            for grid in (plain, found.top, found.bridge, sparse)
        ],
        axis=0,
    )
    count = len(band_area)
    loop_count = np.bincount(loops.layer, minlength=count) if loops is not None else np.ones(count)
    reach = np.sqrt(bitgrid.bounding_area(found.part) * bitgrid.count(found.part)) * area
    travel_mm = TRAVEL_SHARE * np.sqrt(reach / (1 + loop_count + pieces))
    return print_time.LayerWork(
        perimeter_mm=perimeter_mm,
        external_mm=np.minimum(layers.contour_mm, perimeter_mm),
        solid=lines(plain, spacing),
        top=lines(found.top, profile.top_spacing),
        bridge=lines(found.bridge, bridge_spacing),
        sparse_mm=sparse_fill[1] / spacing,
        wave_mm=np.minimum(sparse_fill[0], sparse_fill[1]) / spacing,
        sparse_chord_mm=chord,
        pieces=pieces.astype(float),
        travel_mm=travel_mm,
        skirt_mm=skirt,
    )


def _skirt_length(layers: Layers, profile: FdmProfile) -> float:
    """Length of the skirt loops around the first layer's convex hull."""
    points = layers.first_outline
    if profile.skirts == 0 or not len(points):
        return 0.0
    hull = hull_length(points)
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
