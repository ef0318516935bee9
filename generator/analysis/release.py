"""Taking a part out of its mould: draft, undercuts and wall thickness, on a voxel grid.

A two-part mould (hand injection, compression moulding) opens along one direction, the
*opening direction* d: each face goes with the half it looks towards and must slide out
of it, along +d for faces that look along d and along -d for those that look against it
(a face parallel to d may go either way). A vacuum-forming buck has one side only: the
sheet comes down along -d and the buck leaves it along -d, so every face must be free
along +d. The part is voxelised with d as the grid's z axis (generator.analysis.slicing,
cubic voxels) and each question is a walk through that grid:

- draft: the angle between a face and d, asin(|n . d|) for its unit normal n, exact per
  face (no grid);
- undercut: a point of a face is shadowed when the part lies ahead of it along its way
  out. Points are drawn on every face in proportion to its area, moved one voxel out of
  the surface along the normal, and looked up in the grid's columns (the highest and
  lowest solid voxel of each): a point below a column's top cannot leave upwards;
- wall thickness: the thinnest from surface points marched inward along the inverted
  normal until they leave the part on the wall's other side; a march that runs beside a
  neighbouring face and leaves through it (a point near an edge) measures no wall and is
  dropped, as ray-based wall tools drop rays that do not meet the opposite face. The
  thickest is the diameter of the largest ball that fits inside (the Euclidean distance
  transform of the voxels), so a rib seen end-on does not count as thick.

Every figure is as fine as the grid: the result states the voxel size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import edt
import numpy as np
from scipy import ndimage

from generator.analysis import bitgrid
from generator.analysis.mesh import Mesh, dot3
from generator.analysis.slicing import Layers, rasterise, section

# Voxels per grid: the distance transform of 2 million voxels took 0.33 s here, of 8
# million 1.7 s; 3 million keeps a 100,000-face part under the analysis's 2 s.
GRID_VOXELS = 3_000_000
FINEST_VOXEL_MM = 0.1
# Surface points for the undercut and wall tests: at least one per face, and about this
# many over the whole part.
SURFACE_SAMPLES = 40_000
WALL_SAMPLES = 4_000
WALK_BLOCK = 16  # steps of half a voxel taken at once by the points still inside
THIN_PERCENTILE = 1
# A march measures a wall when the wall's middle along it is at least this share of the
# march's half length from the surface: 1 across a flat wall met square, cos(45 deg) for
# one met at 45 degrees; a march beside a neighbouring face (from a point near an edge)
# stays far below it. 0.5 still let marches of a few voxels near an edge through (the
# grid rounds their clearance up): a strap moulded in one half with 5 deg of draft showed
# 1 % of "thin" surface at 0.5, 0.3 % at 0.7.
WALL_CROSSING = 0.7
# A face within this angle of the opening direction is parallel to it: it may leave either
# way (the sign of so small a tilt is noise from the export).
PARALLEL_DEG = 0.05
Sides = Literal["two-part", "one-sided"]


@dataclass(frozen=True)
class Frame:
    """The part voxelised with the opening direction as z."""

    layers: Layers
    rotation: np.ndarray  # (3, 3): part coordinates -> grid coordinates
    solid: np.ndarray  # (layers, rows, columns) bool
    top: np.ndarray  # (rows, columns): highest solid layer of each column, -1 if none
    bottom: np.ndarray  # (rows, columns): lowest solid layer, `layers` if none

    @property
    def voxel(self) -> float:
        return self.layers.pixel

    def to_grid(self, points: np.ndarray) -> np.ndarray:
        """Points (3, n) in the part's coordinates, in the grid's."""
        return self.rotation @ points

    def from_grid(self, points: np.ndarray) -> np.ndarray:
        return self.rotation.T @ points


def rotation_to_z(direction: np.ndarray) -> np.ndarray:
    """A rotation taking the unit vector `direction` to +z (exact for the axes)."""
    d = np.asarray(direction, dtype=float)
    d = d / np.linalg.norm(d)
    if np.allclose(d, [0, 0, 1]):
        return np.eye(3)
    if np.allclose(d, [0, 0, -1]):
        return np.diag([1.0, -1.0, -1.0])
    axis = np.cross(d, [0.0, 0.0, 1.0])
    sin, cos = np.linalg.norm(axis), float(d[2])
    k = axis / sin
    cross = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    return np.eye(3) + sin * cross + (1 - cos) * cross @ cross


def voxel_size(extents: np.ndarray, voxels: int = GRID_VOXELS) -> float:
    """The cube edge that fills the part's bounding box with about `voxels` voxels."""
    box = float(np.prod(np.maximum(extents, FINEST_VOXEL_MM)))
    return max(FINEST_VOXEL_MM, (box / voxels) ** (1 / 3))


def frame(mesh: Mesh, direction: np.ndarray, voxels: int = GRID_VOXELS) -> Frame:
    """Voxelise the part with `direction` as z, in cubic voxels."""
    rotation = rotation_to_z(direction)
    corners = np.einsum("ij,jkn->ikn", rotation, mesh.corners)
    extents = np.array([np.ptp(corners[axis]) for axis in range(3)])
    size = voxel_size(extents, voxels)
    layers = rasterise(section(corners, size), size, pad=2)
    count, _, columns = layers.shape
    solid = bitgrid.unpack(layers.solid, columns)
    # The columns are read from the part shrunk by one voxel, so that a point within a
    # voxel of a wall rising beside it (the grid's ragged edge) is not taken for one under
    # it; a feature thinner than two voxels then shadows nothing.
    core = ndimage.binary_erosion(solid, ndimage.generate_binary_structure(3, 1))
    filled = core.any(axis=0)
    top = np.where(filled, count - 1 - np.argmax(core[::-1], axis=0), -1)
    bottom = np.where(filled, np.argmax(core, axis=0), count)
    return Frame(layers, rotation, solid, top, bottom)


def draft_degrees(mesh: Mesh, direction: np.ndarray) -> np.ndarray:
    """Each face's draft: its angle with the opening direction, in degrees (0: parallel
    to it, 90: square to it)."""
    along = np.clip(np.abs(dot3(mesh.normals, direction)), 0, 1)
    return np.degrees(np.arcsin(along))


@dataclass(frozen=True)
class Samples:
    """Points on the surface: which face each lies on, where (3, n), and the area each
    stands for."""

    face: np.ndarray
    points: np.ndarray
    area: np.ndarray


def surface_samples(mesh: Mesh, count: int, rng: np.random.Generator) -> Samples:
    """At least one point on every face with area, more on large faces, about `count` in
    all, each standing for its share of its face's area: every face is looked at."""
    areas = mesh.areas
    per_face = np.where(areas > 0, np.maximum(1, np.ceil(areas / areas.sum() * count)), 0)
    face = np.repeat(np.arange(len(areas)), per_face.astype(np.int64))
    return Samples(face, _points_on(mesh, face, rng), areas[face] / per_face[face])


def random_samples(mesh: Mesh, count: int, rng: np.random.Generator) -> Samples:
    """`count` points drawn by area, whatever the number of faces: a survey of the
    surface, each point standing for the same area."""
    face = mesh.sample_faces(count, rng)
    return Samples(face, _points_on(mesh, face, rng), np.full(count, mesh.areas.sum() / count))


def _points_on(mesh: Mesh, face: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A point drawn uniformly on each of the given faces, (3, n)."""
    u, v = rng.random((2, len(face)))
    flip = u + v > 1
    u[flip], v[flip] = 1 - u[flip], 1 - v[flip]
    tri = mesh.corners[:, :, face]
    return tri[:, 0] + u * (tri[:, 1] - tri[:, 0]) + v * (tri[:, 2] - tri[:, 0])


def blocked(grid: Frame, points: np.ndarray, way: int) -> np.ndarray:
    """Whether the part lies ahead of each point (3, n, grid coordinates, already moved out
    of the surface) along +z (`way` 1) or -z (`way` -1)."""
    layer, row, column, _ = grid.layers.index(points)
    _, rows, columns = grid.layers.shape
    r = np.clip(row, 0, rows - 1)
    c = np.clip(column, 0, columns - 1)
    # A point beside the grid has nothing ahead of it; above or below it, the grid's
    # column still tells.
    beside = (row < 0) | (row >= rows) | (column < 0) | (column >= columns)
    ahead = grid.top[r, c] > layer if way > 0 else grid.bottom[r, c] < layer
    return ahead & ~beside


@dataclass(frozen=True)
class Release:
    """How the part comes out of its mould along one opening direction."""

    direction: tuple[float, float, float]
    voxel_mm: float
    draft_deg: np.ndarray  # per face
    undercut: np.ndarray  # per sample: shadowed along its way out
    samples: Samples

    def undercut_area(self) -> float:
        return float(self.samples.area[self.undercut].sum())

    def undercut_centre(self) -> tuple[float, float, float] | None:
        """Where the undercuts are: the area-weighted centre of the shadowed points."""
        if not self.undercut.any():
            return None
        weights = self.samples.area[self.undercut]
        centre = (self.samples.points[:, self.undercut] * weights).sum(axis=1) / weights.sum()
        return (float(centre[0]), float(centre[1]), float(centre[2]))


def release(
    mesh: Mesh,
    direction: np.ndarray,
    sides: Sides,
    grid: Frame | None = None,
    samples: Samples | None = None,
) -> Release:
    """Draft of every face and undercut of every sample along `direction`."""
    direction = np.asarray(direction, dtype=float) / np.linalg.norm(direction)
    grid = grid or frame(mesh, direction)
    samples = samples or surface_samples(mesh, SURFACE_SAMPLES, np.random.default_rng(0))
    normals = mesh.normals[:, samples.face]
    along = dot3(normals, direction)
    moved = grid.to_grid(samples.points + grid.voxel * normals)
    up, down = blocked(grid, moved, 1), blocked(grid, moved, -1)
    parallel = np.abs(along) <= math.sin(math.radians(PARALLEL_DEG))
    if sides == "two-part":
        shadowed = np.where(parallel, up & down, np.where(along > 0, up, down))
    else:
        # The buck stands on the table: its base (faces looking straight down, on the
        # lowest layer) is not formed.
        height = grid.to_grid(samples.points)[2]
        base = (along < -math.cos(math.radians(PARALLEL_DEG))) & (
            height <= grid.layers.z0 + grid.voxel / 2
        )
        shadowed = ((along < 0) & ~parallel & ~base) | up
        shadowed &= ~base
    return Release(
        (float(direction[0]), float(direction[1]), float(direction[2])),
        grid.voxel,
        draft_degrees(mesh, direction),
        shadowed,
        samples,
    )


@dataclass(frozen=True)
class Walls:
    """Wall thickness: the thin end (a low percentile of the surface points' measures) and
    the thickest, each with where it is (part coordinates, mm)."""

    thinnest_mm: float | None
    thinnest_at: tuple[float, float, float] | None
    thickest_mm: float
    thickest_at: tuple[float, float, float]
    thickness: np.ndarray  # per measured surface point, mm
    voxel_mm: float

    def thinner_than(self, limit: float) -> float:
        """Share of the measured surface on walls thinner than `limit` mm."""
        return float((self.thickness < limit).mean()) if len(self.thickness) else 0.0


def walls(mesh: Mesh, grid: Frame, rng: np.random.Generator | None = None) -> Walls:
    """The thickest wall (the largest ball inside the part) and the thickness under each
    of WALL_SAMPLES surface points (marched inward along the inverted normal across the
    wall to its other side). The thin end is the
    THIN_PERCENTILE-th percentile of those, against the few marches the grid's steps
    still cut short."""
    rng = rng or np.random.default_rng(0)
    distance = _inside_distance(grid)
    thickest, thickest_at = _largest_ball(grid, distance)
    samples = random_samples(mesh, WALL_SAMPLES, rng)
    inward = -mesh.normals[:, samples.face]
    depths = thickness_along(grid, samples.points, inward, float(np.max(mesh.extents)))
    measured = np.isfinite(depths)
    measured[measured] = _across_a_wall(
        grid, distance, samples.points[:, measured], inward[:, measured], depths[measured]
    )
    if not measured.any():
        return Walls(None, None, thickest, thickest_at, np.zeros(0), grid.voxel)
    values = depths[measured]
    thin = float(np.percentile(values, THIN_PERCENTILE))
    nearest = int(np.argmin(np.abs(values - thin)))
    point = samples.points[:, measured][:, nearest] + inward[:, measured][:, nearest] * thin / 2
    return Walls(thin, _point(point), thickest, thickest_at, values, grid.voxel)


def _inside_distance(grid: Frame) -> np.ndarray:
    """Each voxel's distance to the part's surface, in voxels (0 outside): the Euclidean
    distance transform (the `edt` package computed it 6.4 times faster than scipy's on 3
    million voxels, with the same values)."""
    # The grid has no empty layer above or below the part: add one, or the transform would
    # take the part's top and bottom faces for inner ones.
    distance: np.ndarray = edt.edt(np.pad(grid.solid, ((1, 1), (0, 0), (0, 0))), parallel=1)
    return distance[1:-1]


def _across_a_wall(
    grid: Frame, distance: np.ndarray, points: np.ndarray, inward: np.ndarray, depths: np.ndarray
) -> np.ndarray:
    """Whether each march (from `points` along `inward`, `depths` mm) crossed a wall to
    its other side: then its middle lies about half the march from the surface (less for a
    wall met at a slant). A march that runs beside a neighbouring face,
    from a point near an edge, stays close to that face all the way."""
    middle = grid.to_grid(points + inward * depths / 2)
    origin = grid.layers.origin
    index = np.stack(
        [
            (middle[2] - grid.layers.z0) / grid.voxel,
            (middle[1] - origin[1]) / grid.voxel,
            (middle[0] - origin[0]) / grid.voxel,
        ]
    )
    shape = np.array(distance.shape)[:, None]
    at = np.clip(np.floor(index).astype(np.int64), 0, shape - 1)
    # The transform measures to voxel centres: half a voxel more to the surface.
    clearance = (distance[tuple(at)] + 0.5) * grid.voxel
    return np.asarray(2 * clearance >= WALL_CROSSING * depths)


def _largest_ball(grid: Frame, distance: np.ndarray) -> tuple[float, tuple[float, float, float]]:
    """Diameter and centre of the largest ball inside the part."""
    layer, row, column = np.unravel_index(int(np.argmax(distance)), distance.shape)
    # A ball of radius r voxels around a voxel centre spans 2r - 1 voxels across.
    diameter = max(2 * float(distance[layer, row, column]) - 1, 0) * grid.voxel
    origin = grid.layers.origin
    centre = np.array(
        [
            [origin[0] + (column + 0.5) * grid.voxel],
            [origin[1] + (row + 0.5) * grid.voxel],
            [grid.layers.z0 + (layer + 0.5) * grid.voxel],
        ]
    )
    return diameter, _point(grid.from_grid(centre)[:, 0])


def thickness_along(
    grid: Frame, points: np.ndarray, inward: np.ndarray, reach: float
) -> np.ndarray:
    """How far each surface point (3, n) can go along `inward` (3, n) before it leaves the
    part, mm (inf where it never entered or never left within `reach`)."""
    step = grid.voxel / 2
    steps = int(reach / step) + 1
    found = np.full(points.shape[1], np.inf)
    inside_steps = np.zeros(points.shape[1], dtype=np.int64)
    walking = np.arange(points.shape[1])
    start = grid.to_grid(points)
    direction = grid.to_grid(inward)
    # Steps in blocks, for the points still inside: most walls are a few voxels thick, so
    # most points are done after the first block.
    for first in range(1, steps + 1, WALK_BLOCK):
        depths = np.arange(first, min(first + WALK_BLOCK, steps + 1)) * step
        walk = start[:, None, walking] + depths[None, :, None] * direction[:, None, walking]
        inside = grid.layers.occupied(walk.reshape(3, -1)).reshape(walk.shape[1:])
        # Entered once a whole voxel (two steps) was inside: a single step inside at the
        # surface is the grid's ragged edge, not a wall.
        entered = inside_steps[walking] + inside.cumsum(axis=0) >= 2
        left = entered & ~inside
        crossed = left.any(axis=0)
        found[walking[crossed]] = depths[np.argmax(left[:, crossed], axis=0)]
        inside_steps[walking] += inside.sum(axis=0)
        walking = walking[~crossed]
        if not len(walking):
            break
    return found


def _point(values: np.ndarray) -> tuple[float, float, float]:
    return (float(values[0]), float(values[1]), float(values[2]))
