"""An indexed triangle mesh from an STL's triangles, with the checks the analysis reports.

STL stores every triangle's corners separately; shared corners are merged here in two
steps, as admesh (PrusaSlicer's repair) does: first those whose coordinates round alike to
8 decimals (an exporter mostly writes a shared corner identically each time, but not
always near zero: trimesh's loader merges the same way); then, only if edges are still
open, the corners of open edges that lie within MERGE_TOLERANCE of the part's size of
each other (meshes from several tools differ by float noise). Faces that the second step
collapses are dropped; the first step's open edges are kept for contributors who want
them. Real features finer than the tolerance elsewhere in the mesh are never merged. A
closed mesh whose faces all point inwards (negative volume) is turned the right way out
before anything is measured, as slicers do.

On the catalogue's largest part (mask-buck.stl, 5,094 faces; trimesh 5.2, medians of 15
runs on a 2-core machine), reading and merging it and counting its open edges, winding,
bodies and volume take 2.3 ms here, against 5.6 ms for `trimesh.load_mesh` alone and 10 ms
with the same checks; both are small next to the whole analysis of that part (210 ms).
What trimesh would add is its import: 0.2 s on top of numpy and scipy, as much as that
whole analysis, in every process that analyses parts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from generator.analysis.graphs import components

# SplitMix64's finaliser constants: mixes every bit of a 64-bit word into every other.
_MIX = (np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))
MERGE_DECIMALS = 8  # corners closer than 1e-8 mm are one; nothing printed is finer
# Corners of open edges closer than this share of the part's largest extent merge (1e-5:
# 1 micrometre on a 100 mm part; float32 corners of a 100 mm part are 8 nanometres apart).
MERGE_TOLERANCE = 1e-5


def corners_of(triangles: np.ndarray) -> np.ndarray:
    """Triangles (n, 3 corners, 3 axes) laid out as (3 axes, 3 corners, n): each coordinate
    of each corner one contiguous array, which numpy works through several times faster
    than the interleaved coordinates of an STL."""
    return np.ascontiguousarray(triangles.transpose(2, 1, 0))


def dot3(columns: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """Vectors given as their three coordinates' arrays (3, ...), dotted with `direction`."""
    return columns[0] * direction[0] + columns[1] * direction[1] + columns[2] * direction[2]


def cross_of(corners: np.ndarray) -> np.ndarray:
    """(b - a) x (c - a) of each triangle of `corners` (3, 3, n), as (3, n): twice the
    triangle's area along its normal."""
    u, v = corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]
    return np.stack(
        [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
    )


def max3(values: np.ndarray) -> np.ndarray:
    """The largest of three arrays stacked on the first axis (a reduction along an axis this
    short is several times slower than two elementwise maxima)."""
    return np.maximum(np.maximum(values[0], values[1]), values[2])


def min3(values: np.ndarray) -> np.ndarray:
    """The smallest of three arrays stacked on the first axis."""
    return np.minimum(np.minimum(values[0], values[1]), values[2])


def sum3(values: np.ndarray) -> np.ndarray:
    """The sum of three arrays stacked on the first axis."""
    return values[0] + values[1] + values[2]


@dataclass(frozen=True)
class Mesh:
    corners: np.ndarray  # (3 axes, 3 corners, n) float64, mm: see corners_of
    vertices: np.ndarray  # (v, 3) distinct corners
    faces: np.ndarray  # (n, 3) vertex indices
    merge_mm: float = 0.0  # corners of open edges this close were merged
    exact_open_edges: int = 0  # open edges when only (nearly) identical corners merge
    flipped: bool = False  # the mesh was inside out and has been turned the right way out

    @cached_property
    def cross(self) -> np.ndarray:
        """(b - a) x (c - a) of each triangle (3, n): twice its area along its normal."""
        return cross_of(self.corners)

    @cached_property
    def areas(self) -> np.ndarray:
        return np.sqrt(sum3(self.cross**2)) / 2

    @cached_property
    def normals(self) -> np.ndarray:
        """Unit normals (3, n); zero for faces without area."""
        lengths = 2 * self.areas
        return self.cross / np.where(lengths > 0, lengths, 1)

    @cached_property
    def centres(self) -> np.ndarray:
        """(3, n)"""
        return sum3(self.corners.transpose(1, 0, 2)) / 3

    @cached_property
    def vertex_columns(self) -> np.ndarray:
        """The vertices as (3, v)."""
        return np.ascontiguousarray(self.vertices.T)

    @cached_property
    def signed_volume(self) -> float:
        """mm3: positive for a closed mesh whose normals point out."""
        return float(self._tetrahedra.sum() / 6)

    @cached_property
    def _tetrahedra(self) -> np.ndarray:
        """Six times the signed volume of each face's tetrahedron with the origin."""
        return sum3(self.corners[:, 0] * self.cross)

    @cached_property
    def centre_of_mass(self) -> np.ndarray:
        """Of the solid a closed mesh bounds: tetrahedra from the origin, weighted."""
        weights = self._tetrahedra
        total = weights.sum()
        if total == 0:
            return self.centres.mean(axis=1)
        return (sum3(self.corners.transpose(1, 0, 2)) * weights).sum(axis=1) / (4 * total)

    @cached_property
    def extents(self) -> np.ndarray:
        return np.ptp(self.vertex_columns, axis=1)

    @cached_property
    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Each triangle side's edge id and direction (+1 or -1; 0 for a side of no length,
        which has no direction), and each edge's use count and key (low vertex * vertices
        + high vertex)."""
        start = self.faces.reshape(-1)
        end = self.faces[:, [1, 2, 0]].reshape(-1)
        low, high = np.minimum(start, end), np.maximum(start, end)
        keys, edge, uses = np.unique(
            low * len(self.vertices) + high, return_inverse=True, return_counts=True
        )
        return edge, np.sign(end - start), uses, keys

    def sample_faces(self, count: int, rng: np.random.Generator) -> np.ndarray:
        """`count` faces drawn with probability by area (as rng.choice(p=...) draws them,
        without its checks of p, which cost more than the drawing)."""
        cumulative = np.cumsum(self.areas)
        drawn = np.searchsorted(cumulative, rng.random(count) * cumulative[-1], side="right")
        return np.minimum(drawn, len(self.faces) - 1)

    def edge_counts(self) -> tuple[int, int]:
        """Open edges (used by one face) and non-manifold edges (by more than two)."""
        uses = self.edges[2]
        return int((uses == 1).sum()), int((uses > 2).sum())

    def winding_consistent(self) -> bool:
        """Every edge two faces share runs opposite ways in them (trimesh's test)."""
        edge, direction, uses, _ = self.edges
        balance = np.bincount(edge, weights=direction, minlength=len(uses))
        return bool((balance[uses == 2] == 0).all())

    def bodies(self) -> int:
        """Groups of vertices connected by edges (trimesh's body_count)."""
        count = len(self.vertices)
        low, high = np.divmod(self.edges[3], count)
        return components(count, low, high)[0]


def index(triangles: np.ndarray, tolerance: float = MERGE_TOLERANCE) -> Mesh:
    """Merge the corners the triangles share (module docstring), and turn a closed mesh
    that is inside out the right way out."""
    # Adding 0.0 turns -0.0 into 0.0, which compares equal.
    corners = np.round(corners_of(triangles), MERGE_DECIMALS) + 0.0
    size = float(max(np.ptp(corners[axis]) for axis in range(3))) if corners.size else 0.0
    mesh = _merged(corners)
    exact_open = mesh.edge_counts()[0]
    step = tolerance * size
    if exact_open and step > 0:
        nearby = _merged_nearby(mesh, step)
        if sum(nearby.edge_counts()) < sum(mesh.edge_counts()):
            mesh = nearby
    closed = mesh.edge_counts() == (0, 0) and mesh.winding_consistent()
    flipped = closed and mesh.signed_volume < 0
    if flipped:
        mesh = Mesh(
            np.ascontiguousarray(mesh.corners[:, ::-1]),
            mesh.vertices,
            np.ascontiguousarray(mesh.faces[:, ::-1]),
        )
    return replace(mesh, merge_mm=step, exact_open_edges=exact_open, flipped=flipped)


def _merged_nearby(mesh: Mesh, step: float) -> Mesh:
    """`mesh` with the corners of its open edges merged where they lie within `step` mm of
    each other (as admesh's stl_check_facets_nearby), less the faces that collapse."""
    count = len(mesh.vertices)
    _, _, uses, keys = mesh.edges
    ends = np.unique(np.concatenate(np.divmod(keys[uses == 1], count)))
    # Imported here: only a mesh with open edges needs it (0.25 s of start-up otherwise).
    from scipy.spatial import cKDTree

    pairs = cKDTree(mesh.vertices[ends]).query_pairs(step, output_type="ndarray")
    group = components(len(ends), pairs[:, 0], pairs[:, 1])[1]
    target = np.arange(count)
    first = np.full(len(ends), count)
    np.minimum.at(first, group, ends)  # each group's lowest vertex stands for it
    target[ends] = first[group]
    used, faces = np.unique(target[mesh.faces], return_inverse=True)
    faces = faces.reshape(-1, 3)
    keep = ~_collapsed(faces) | _collapsed(mesh.faces)
    return Mesh(
        np.ascontiguousarray(mesh.corners[:, :, keep]),
        mesh.vertices[used],
        np.ascontiguousarray(faces[keep]),
    )


def _collapsed(faces: np.ndarray) -> np.ndarray:
    """Faces with a repeated corner."""
    return (
        (faces[:, 0] == faces[:, 1]) | (faces[:, 1] == faces[:, 2]) | (faces[:, 0] == faces[:, 2])
    )


def _merged(corners: np.ndarray) -> Mesh:
    """The mesh with identical corners merged."""
    flat = corners.reshape(3, -1)  # every corner of every face, as three coordinate arrays
    bits = flat.view(np.uint64)
    key = _mix(_mix(_mix(bits[0]) ^ bits[1]) ^ bits[2])
    # (return_index would make numpy use a stable sort, several times slower.)
    distinct, inverse = np.unique(key, return_inverse=True)
    columns = np.empty((3, len(distinct)))
    columns[:, inverse] = flat
    if np.array_equal(columns[:, inverse], flat):
        vertices = columns.T
    else:  # two corners share a hash
        vertices, inverse = np.unique(flat.T, axis=0, return_inverse=True)
    faces = np.ascontiguousarray(inverse.reshape(3, -1).T)
    return Mesh(corners, np.ascontiguousarray(vertices), faces)


def _mix(word: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each word. Coordinates read from float32 end in 29 zero bits, so a
    plain multiply would leave the low bits of every key alike."""
    word = (word ^ (word >> np.uint64(30))) * _MIX[0]
    word = (word ^ (word >> np.uint64(27))) * _MIX[1]
    return word ^ (word >> np.uint64(31))
