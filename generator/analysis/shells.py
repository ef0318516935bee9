"""Which pixels of each layer PrusaSlicer fills with what: perimeters, solid infill (top,
bottom, internal), bridges, and sparse infill.

The rules follow PrusaSlicer 2.5 (src/libslic3r/PrintObject.cpp and LayerRegion.cpp, tag
version_2.5.0) with the reference profile, where `ensure_vertical_shell_thickness` is off
(PrusaSlicer's default), so the shells come from discover_horizontal_shells():
- a layer's top (bottom) surface is what the layer above (below) does not cover;
- each top (bottom) surface becomes internal solid infill on the `top_solid_layers` - 1
  layers below it (`bottom_solid_layers` - 1 above), wherever it meets their infill area;
- a solid region narrower than twice three solid-infill widths grows by three widths
  into the infill area ("make sure the new internal solid is wide enough");
- top and bottom surfaces inside the infill area also grow by EXTERNAL_INFILL_MARGIN
  (3 mm) in process_external_surfaces();
- infill islands smaller than `solid_infill_below_area` are solid;
- bottom surfaces off the bed are bridges (stBottomBridge), and internal solid infill
  right above sparse infill is an internal bridge (bridge_over_infill(), areas narrower than
  twice three bridge widths excepted): both are laid with the bridge flow.

On a slope the top (bottom) surface of each layer is a strip as wide as the slope's run
per layer (height / tan(slope)), often narrower than a pixel: for those, the solid band it
leaves inside the layers below (above) is drawn in closed form from each outline segment
(`slope_bands`), which is what the rules above give for a uniform slope.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from generator.analysis import bitgrid
from generator.analysis.fdm_profile import FdmProfile
from generator.analysis.inside import SegmentCells, cell_key
from generator.analysis.slicing import Layers, fill_polygons

# PrusaSlicer's detect_surfaces_type() opens top and bottom surfaces by a tenth of the
# external perimeter's width: strips narrower than twice that are no surface.
SURFACE_OPENING = 0.1
# discover_horizontal_shells() widens solid regions narrower than 2 x this many solid
# infill widths by as many widths; bridge_over_infill() drops internal bridges narrower
# than 2 x this many bridge widths.
NARROW_WIDTHS = 3.0


@dataclass(frozen=True)
class Regions:
    """Packed layer grids (generator.bitgrid), each a subset of `part`."""

    part: np.ndarray  # inside the outline
    infill: np.ndarray  # inside the perimeters
    solid: np.ndarray  # solid infill of every kind, bridges included
    top: np.ndarray  # top skin (solid not covered by the layer above)
    bridge: np.ndarray  # solid laid with the bridge flow: over air or over sparse infill
    sparse: np.ndarray  # sparse infill


def regions(layers: Layers, radius: int, profile: FdmProfile) -> Regions:
    """The regions of every layer of a sliced part; `radius` is the perimeter band in
    pixels (generator.analysis.fdm.pixel_for)."""
    part = layers.solid
    pixel = layers.pixel
    # Arachne widens the perimeters over strips too narrow for one more extrusion. An
    # opening of n pixels removes strips narrower than 2n + 1: take the widest that removes
    # no strip wider than one extrusion spacing (none on grids coarser than spacing / 3).
    narrow = int((profile.spacing / pixel - 1) // 2)
    wide = bitgrid.per_layer(part, lambda layer: _infill_area(layer, radius, narrow))
    bands = slope_bands(layers, profile)
    tops = _exposed(part, wide, 1, pixel, profile) | (wide & bands.top)
    bottoms = _exposed(part, wide, -1, pixel, profile) | (wide & bands.bottom)
    shell = wide & (
        bitgrid.any_of(tops, range(profile.top_solid_layers))
        | bitgrid.any_of(bottoms, range(0, -profile.bottom_solid_layers, -1))
    )
    # Shells too narrow to fill well grow by three solid widths (PrusaSlicer's
    # discover_horizontal_shells); square filters of pi/4 the size reach as far on average.
    # The bands along slopes have grown already.
    grow = _pixels(NARROW_WIDTHS * profile.extrusion_width, pixel)
    shell |= bitgrid.where_set(
        shell,
        lambda layer, index: (
            wide[index]
            & bitgrid.dilate_square(
                layer & ~bitgrid.dilate_square(bitgrid.erode_square(layer, grow), grow), grow
            )
        ),
    )
    shell |= wide & bands.solid
    sparse = wide & ~shell
    below = profile.solid_infill_below_area / pixel**2
    small = bitgrid.per_layer(sparse, lambda layer: bitgrid.small_islands(layer, below))
    solid = shell | small
    sparse &= ~small
    # Top and bottom surfaces are printed as such where they have grown into the infill
    # area too (bottoms off the bed as bridges, which win over tops).
    over_air = solid & bottoms
    if len(over_air):
        over_air[0] = 0  # the first layer lies on the bed
    top = solid & tops & ~over_air
    return Regions(
        part=part,
        infill=wide,
        solid=solid,
        top=top,
        bridge=over_air | _over_sparse(solid & ~top, sparse, pixel, profile),
        sparse=sparse,
    )


@dataclass(frozen=True)
class SlopeBands:
    """Packed grids of what sloped outlines add to each layer: solid infill, and the top
    and bottom skins of the layer itself."""

    solid: np.ndarray
    top: np.ndarray
    bottom: np.ndarray


def slope_bands(layers: Layers, profile: FdmProfile) -> SlopeBands:
    """What top and bottom surfaces on slopes leave in their own layer and the layers
    below and above them, drawn along each outline segment of a sloped face.

    On a slope whose run per layer is w, each layer's top (bottom) surface is a strip w
    wide along the outline. Layer n's infill area starts d = perimeter depth - infill
    overlap inside the outline: where w > d the strip reaches into it, is a top (bottom)
    skin there and grows by EXTERNAL_INFILL_MARGIN. Layer n meets the strip of layer n + k
    (n - k below a slope that overhangs), at depth k w to (k + 1) w, when (k + 1) w > d,
    k reaching top_solid_layers - 1 (bottom_solid_layers - 1). A strip it meets grows by
    the margin where it reached the infill area, else by three solid widths as too narrow:
    the band runs from d down to N w plus that growth, N the number of solid layers. Runs
    too wide to count as narrow are left to the grid.

    That holds where the slope runs on for the N layers. Where it turns back sooner (the
    flanks of a thread, a knurl, ridges shallower than the perimeters are deep), the strips
    of the layers above (below) stay within layer n's perimeters and PrusaSlicer fills
    nothing there: a segment's band is drawn only where one of those layers leaves a point
    just inside layer n's infill area uncovered (`_strips_reach`).
    """
    sections = layers.sections
    empty = np.zeros_like(layers.solid)
    if sections is None or not len(sections.layer):
        return SlopeBands(empty, empty, empty)
    run = profile.layer_height * np.abs(sections.run)
    count = np.where(sections.run > 0, profile.top_solid_layers, profile.bottom_solid_layers)
    grow = NARROW_WIDTHS * profile.extrusion_width
    start_depth = profile.perimeter_depth - profile.infill_overlap * profile.spacing
    reaches = run > start_depth
    end_depth = count * run + np.where(reaches, profile.external_infill_margin, grow)
    narrowest = 2 * SURFACE_OPENING * profile.extrusion_width
    sloped = (run >= narrowest) & (run < 2 * grow)
    skin_depth = run + profile.external_infill_margin
    banded = sloped & (count * run > start_depth)
    banded &= _strips_reach(layers, banded, count, start_depth + _opening(profile))
    return SlopeBands(
        solid=_bands(layers, banded, start_depth, end_depth),
        top=_bands(layers, sloped & reaches & (sections.run > 0), start_depth, skin_depth),
        bottom=_bands(layers, sloped & reaches & (sections.run < 0), start_depth, skin_depth),
    )


def _strips_reach(layers: Layers, use: np.ndarray, count: np.ndarray, depth: float) -> np.ndarray:
    """Which of the chosen outline segments have a strip of one of the `count` layers above
    (a top slope) or below (a bottom slope) at `depth` mm inside their middle: whether one
    of those layers leaves that point uncovered, tested on the exact outlines near it (a
    grid's pixel is coarser than the differences that decide it)."""
    sections = layers.sections
    reached = np.zeros(len(use), dtype=bool)
    chosen = np.flatnonzero(use)
    if sections is None or not len(chosen):
        return reached
    start, end = sections.start[:, chosen], sections.end[:, chosen]
    along = end - start
    length = np.maximum(np.hypot(along[0], along[1]), 1e-12)
    points = (start + end) / 2 + depth * np.stack([-along[1], along[0]]) / length
    # One point a pixel for each layer and side: a fine mesh has many segments a pixel.
    # (Points beyond the grid, which no cell holds, each stand for themselves.)
    up = sections.run[chosen] > 0
    cell = cell_key(layers, sections.layer[chosen], points)
    alone = -1 - np.arange(len(chosen))
    _, first, group = np.unique(
        np.where(cell >= 0, cell * 2 + up, alone), return_index=True, return_inverse=True
    )
    points, step = points[:, first], np.where(up[first], 1, -1)
    layer, reach = sections.layer[chosen[first]], count[chosen[first]]
    others = layer[:, None] + step[:, None] * np.arange(1, int(reach.max()) + 1)
    cells = SegmentCells.of(layers, np.unique(others))
    hits = np.zeros(len(first), dtype=bool)
    # The farthest layer first: on a slope that runs on, its strip is the one that reaches.
    for k in range(int(reach.max()), 0, -1):
        look = np.flatnonzero(~hits & (k <= reach))
        other = layer[look] + k * step[look]
        hits[look] = ~cells.inside(other, points[:, look])
    reached[chosen] = hits[group.reshape(-1)]
    return reached


def _bands(layers: Layers, use: np.ndarray, near: float, far: np.ndarray) -> np.ndarray:
    """A grid of the bands from `near` to `far` mm inside the chosen outline segments."""
    sections = layers.sections
    if sections is None or not use.any():
        return np.zeros_like(layers.solid)
    start, end = sections.start[:, use], sections.end[:, use]
    along = end - start
    length = np.hypot(along[0], along[1])
    keep = length > 0
    start, end, along, length = start[:, keep], end[:, keep], along[:, keep], length[keep]
    inward = np.stack([-along[1], along[0]]) / length
    inner = near * inward
    outer = far[use][keep] * inward
    # The band beside a segment, as a quadrilateral with the inside on the left, drawn on
    # the layers that have one only.
    corners = [start + inner, end + inner, end + outer, start + outer]
    used, local = np.unique(sections.layer[use][keep], return_inverse=True)
    begin = np.concatenate(corners, axis=1)
    finish = np.concatenate(corners[1:] + corners[:1], axis=1)
    out = np.zeros_like(layers.solid)
    out[used] = fill_polygons(np.tile(local, 4), begin, finish, layers, len(used))
    return out


def _exposed(
    part: np.ndarray, wide: np.ndarray, side: int, pixel: float, profile: FdmProfile
) -> np.ndarray:
    """Top (side 1) or bottom (side -1) surfaces of each layer, as the shells propagate them.

    The surface is the part of the slice not covered by the next layer, perimeter area
    included; where it reaches the infill area it also grows by the external infill margin.
    """
    surface = part & ~bitgrid.shifted(part, side)
    margin = _pixels(profile.external_infill_margin, pixel)
    return surface | bitgrid.where_set(
        wide & surface, lambda layer, index: wide[index] & bitgrid.dilate_square(layer, margin)
    )


def _over_sparse(
    solid: np.ndarray, sparse: np.ndarray, pixel: float, profile: FdmProfile
) -> np.ndarray:
    """Internal solid infill laid as a bridge over the sparse infill of the layer below,
    where the area is wide enough (PrusaSlicer's bridge_over_infill)."""
    width = _pixels(NARROW_WIDTHS * profile.nozzle_diameter, pixel)
    over = bitgrid.where_set(
        solid & bitgrid.shifted(sparse, -1),
        lambda layer, index: bitgrid.dilate_square(bitgrid.erode_square(layer, width), width),
    )
    return over & solid


def _infill_area(part: np.ndarray, radius: int, narrow: int) -> np.ndarray:
    """Inside the perimeters, less strips narrower than 2 `narrow` + 1 pixels."""
    inner = bitgrid.erode(part, radius)
    return inner & bitgrid.dilate(bitgrid.erode(inner, narrow), narrow) if narrow else inner


def _opening(profile: FdmProfile) -> float:
    """How far a strip must reach into the infill area to count: strips narrower than twice
    this are opened away (SURFACE_OPENING)."""
    return SURFACE_OPENING * profile.extrusion_width


def _pixels(length: float, pixel: float) -> int:
    """A distance as the half-side of a square filter reaching as far on average as a disc
    of that radius (pi/4 of it), in whole pixels, at least 1."""
    return max(1, round(length * math.pi / 4 / pixel))
