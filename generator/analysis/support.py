"""Support material under overhangs, as material: where PrusaSlicer would build it, and the
filament and time it takes.

PrusaSlicer 2.5 with `support_material = 1` and its other support settings as the
reference profile leaves them (src/libslic3r/SupportMaterial.cpp, tag version_2.5.0):
rectilinear base lines `support_material_spacing` (2.5 mm) apart with a sheath round each
island, `support_material_interface_layers` (3) solid interface layers under the part and
as many over a part it rests on, a `support_material_contact_distance` (0.2 mm) gap below
the part and above a part below, and `support_material_xy_spacing` (50 % of the external
perimeter's width) beside it. Support is built under the faces the process's overhang rule
flags (PrusaSlicer's `support_material_threshold` one degree below the rule, as it adds one
to make its threshold inclusive), from the part down to the bed or to the part below.
Flat downward regions are bridged rather than supported where a bridge can cross them
from the part to the part (`dont_support_bridges`, on by default: PrusaSlicer supports a
shelf held on one side in full, and a slab between two walls not at all); on the grid, a
pixel is bridged when its run of air along the rows or the columns of the layer has the
part at both ends.

On the layer grid: each flagged face's outline, seen from above, is drawn on every layer
its height spans; where it falls outside the part it is air under the face. Sweeping from
the top layer down, a column carries on below that air until the part stops it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from generator.analysis import bitgrid
from generator.analysis.fdm_profile import FdmProfile
from generator.analysis.mesh import Mesh, max3, min3
from generator.analysis.print_time import support_seconds
from generator.analysis.slicing import Layers, carve_thin_holes, fill_polygons, rasterise

SUPPORT_SPACING_MM = 2.5  # support_material_spacing, PrusaSlicer default
INTERFACE_LAYERS = 3  # support_material_interface_layers (bottom: -1, the same)
CONTACT_DISTANCE_MM = 0.2  # support_material_contact_distance (bottom: 0, the same)
XY_SPACING = 0.5  # support_material_xy_spacing, of the external perimeter's width
SUPPORT_SPEED = 60.0  # support_material_speed, mm/s (interface: 100 % of it)
# The first layer of support is a flange: grown by raft_first_layer_expansion (3 mm) and
# laid at raft_first_layer_density (90 %).
FLANGE_MM = 3.0
FLANGE_DENSITY = 0.9
# Faces drawn on many layers are bounded like outline segments (generator.slicing).
MAX_FACE_LAYERS = 4_000_000
# Downward faces flatter than this from vertical are bridged (generator.analysis.bridges).
FLAT_DEG = 80.0
# Support is needed when it holds up more of the part than this; less is a few lines a
# slicer may add, or an overhang that sags a little.
NEEDED_CONTACT_MM2 = 25.0
SUPPORT_METHOD = (
    "PrusaSlicer 2.5's support with the reference profile's settings: lines 2.5 mm apart "
    "on a grid, 3 solid interface layers, 0.2 mm gaps under and over the part, flat "
    "regions bridged; needed where it holds up more than "
    f"{NEEDED_CONTACT_MM2:g} mm2 of the part"
)


@dataclass(frozen=True)
class Support:
    """The support a part needs, per layer and in all."""

    contact_mm2: float  # area of the interface right under the part
    base_mm3: np.ndarray  # per layer: sparse base, sheath included
    interface_mm3: np.ndarray  # per layer: solid interface
    lines: np.ndarray  # per layer: support lines (for the time model)
    line_mm: np.ndarray  # per layer: their mean length
    islands: np.ndarray  # per layer: support islands, each a travel
    travel_mm: np.ndarray  # per layer: the mean travel to an island
    seconds: float  # print time (generator.analysis.print_time)

    @property
    def needed(self) -> bool:
        return self.contact_mm2 > NEEDED_CONTACT_MM2

    @property
    def volume_mm3(self) -> float:
        return float(self.base_mm3.sum() + self.interface_mm3.sum())


def support(mesh: Mesh, down: np.ndarray, sliced: Layers, profile: FdmProfile) -> Support:
    """The support under the faces `down` (overhangs beyond the process's rule)."""
    count = sliced.shape[0]
    none = np.zeros(count)
    if not down.any():
        return Support(0.0, none, none, none, none, none, none, 0.0)
    layers = _with_room(sliced, profile)
    part = layers.solid
    pixel = layers.pixel
    flat = down & (-mesh.normals[2] > math.sin(math.radians(FLAT_DEG)))
    air = _air_under(mesh, down & ~flat, layers)
    # Flat regions a bridge crosses from the part to the part on that layer are bridged;
    # the rest of them (a shelf held on one side, a floating island) is supported.
    bridged = _air_under(mesh, flat, layers)
    air |= bridged & ~bitgrid.anchored(bridged, part)
    if not air.any():
        return Support(0.0, none, none, none, none, none, none, 0.0)
    gap = max(1, round(XY_SPACING * profile.extrusion_width / pixel))
    clear = ~bitgrid.dilate_square(part, gap)
    # PrusaSlicer's grid style stretches each support layer onto a grid of the lines'
    # pitch (any cell the support touches is filled), then keeps it clear of the part: on
    # average half a pitch wider all round, even where the air under an overhang is a
    # sliver along the part's side.
    pitch = SUPPORT_SPACING_MM + profile.spacing
    columns = bitgrid.where_set(
        _columns(air, part),
        lambda layer, index: bitgrid.dilate_square(layer, pitch / 2 / pixel) & clear[index],
    )
    if len(columns) and columns[0].any():
        columns[0] = bitgrid.dilate_square(columns[:1], FLANGE_MM / pixel)[0] & clear[0]
    columns[..., -1] &= np.uint64((1 << 63) - 1)  # the spare column past every row stays empty
    # The gaps: no support right under the part, nor right on a part below.
    below = max(1, round(CONTACT_DISTANCE_MM / profile.layer_height))
    columns &= ~bitgrid.any_of(part, range(1, below + 1))
    columns &= ~bitgrid.any_of(part, range(-1, -below - 1, -1))
    reach = range(below + 1, below + 1 + INTERFACE_LAYERS)
    interface = columns & (
        bitgrid.any_of(part, reach) | bitgrid.any_of(part, range(-reach.start, -reach.stop, -1))
    )
    base = columns & ~interface
    area = pixel * pixel
    h = profile.layer_height
    spacing = profile.spacing
    density = min(1.0, spacing / (SUPPORT_SPACING_MM + spacing))
    sheath = bitgrid.edges(columns) * pixel * math.pi / 4 * spacing
    base_area = bitgrid.count(base) * area
    fill = np.full(count, density)
    fill[:1] = FLANGE_DENSITY
    interface_area = bitgrid.count(interface) * area
    top_contact = interface & bitgrid.any_of(part, range(below + 1, below + 2))
    chords = (bitgrid.row_runs(columns) + bitgrid.column_runs(columns)) / 2
    islands = bitgrid.island_counts(columns, 4).astype(float)
    path = (base_area * fill + sheath) / spacing + interface_area / spacing
    lines = chords * pixel * (density / spacing)
    lines += bitgrid.row_runs(interface) * pixel / spacing
    line_mm = np.divide(path, lines, out=np.zeros(count), where=lines > 0)
    travel_mm = np.sqrt(bitgrid.bounding_area(columns) * area / np.maximum(islands, 1))
    return Support(
        contact_mm2=float(bitgrid.count(top_contact).sum() * area),
        base_mm3=(base_area * fill + sheath) * h,
        interface_mm3=interface_area * h,
        lines=lines,
        line_mm=line_mm,
        islands=islands,
        travel_mm=travel_mm,
        seconds=support_seconds(lines, line_mm, islands, travel_mm, SUPPORT_SPEED, profile),
    )


def _with_room(layers: Layers, profile: FdmProfile) -> Layers:
    """The layers on a grid with room round the part for the support, which reaches past
    it (overhangs are often at the part's outside): the part's own grid ends a pixel past
    it."""
    if layers.sections is None:
        return layers
    reach = (SUPPORT_SPACING_MM + profile.spacing) / 2 + FLANGE_MM + profile.extrusion_width
    return carve_thin_holes(
        rasterise(layers.sections, layers.pixel, math.ceil(reach / layers.pixel) + 1)
    )


def _air_under(mesh: Mesh, down: np.ndarray, layers: Layers) -> np.ndarray:
    """On each layer from just below a flagged face's lowest corner to its highest, the
    part of the face above the layer's top seen from above, less the part: the air the
    face overhangs there."""
    count = layers.shape[0]
    faces = np.flatnonzero(down)
    if not len(faces):
        return np.zeros_like(layers.solid)
    z = mesh.corners[2][:, faces]
    low = np.floor((min3(z) - layers.z0) / layers.height).astype(np.int64) - 1
    high = np.floor((max3(z) - layers.z0) / layers.height).astype(np.int64)
    low, high = np.clip(low, 0, count - 1), np.clip(high, 0, count - 1)
    total = int((high - low + 1).sum())
    if total > MAX_FACE_LAYERS:
        # Coarser: each face on its lowest layer only (tall overhangs are rare).
        high = low
    which, layer = bitgrid.expand(low, high)
    top = layers.z0 + (layer + 1) * layers.height
    begin, finish, owner = _above(mesh.corners[:, :, faces[which]], top)
    drawn = fill_polygons(layer[owner], begin, finish, layers, count)
    return drawn & ~layers.solid


def _above(corners: np.ndarray, height: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The outline seen from above of the part of each triangle (corners (3, 3, n)) at
    or above its `height`, as segments (start and end xy (2, m), and the triangle of
    each): the corners above, and where the sides cross the height, in order round it."""
    z = corners[2]
    above = z >= height
    following = np.roll(np.arange(3), -1)
    z_next = z[following]
    crosses = above != above[following]
    t = np.divide(height - z, z_next - z, out=np.zeros_like(z), where=crosses)
    crossing = corners[:2] + t * (corners[:2, following] - corners[:2])
    # Up to six points round each triangle: corner 0, side 0-1, corner 1, side 1-2...
    points = np.stack([corners[:2], crossing], axis=2).reshape(2, 6, -1)
    kept = np.stack([above, crosses], axis=1).reshape(6, -1)
    # The kept points of each triangle first, in order (a stable sort of the others last).
    order = np.argsort(~kept, axis=0, kind="stable")
    points = np.take_along_axis(points, order[None], axis=1)
    number = kept.sum(axis=0)
    owner, slot = bitgrid.expand(np.zeros_like(number), number - 1)
    following_slot = np.where(slot + 1 < number[owner], slot + 1, 0)
    return points[:, slot, owner], points[:, following_slot, owner], owner


def _columns(air: np.ndarray, part: np.ndarray) -> np.ndarray:
    """From the top layer down: support under the air, carried down until the part
    stops it."""
    out = np.zeros_like(air)
    carried = np.zeros_like(air[0])
    for k in range(len(air) - 1, -1, -1):
        carried = (carried | air[k]) & ~part[k]
        out[k] = carried
    return out
