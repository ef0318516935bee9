"""Slicing a mesh into printed layers on a pixel grid.

Each layer is the section of the mesh at the layer's mid-height (where slicers cut),
filled by the non-zero winding rule so that overlapping shells count once, into a packed
grid (generator.bitgrid). Everything is vectorised with numpy: no per-layer Python loop,
no polygon library.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.analysis import bitgrid
from generator.analysis.mesh import cross_of, max3, min3

# Outline segments (a face cut by a layer's plane) and row crossings (a segment crossing a
# pixel row's centre line) a part may be sliced into: the analysis of a part at these
# limits peaked at 1.2-1.3 GB and took up to 5 s (measured). The catalogue's parts need at
# most 100,000 and 260,000; 400,000 random triangles through a 200 mm box (a 20 MB STL)
# need 200 million segments, and billions of crossings.
MAX_SEGMENTS = 6_000_000
MAX_CROSSINGS = 10_000_000


class TooComplex(ValueError):
    """A part whose slicing would take more memory and time than the analysis allows."""


@dataclass(frozen=True)
class Layers:
    solid: np.ndarray  # packed grid (generator.bitgrid): pixel centre inside the part
    z0: float  # bottom of the part; layer k is centred at z0 + (k + 0.5) * height
    height: float  # layer height, mm
    origin: tuple[float, float]  # x, y of pixel (0, 0)'s corner, mm
    pixel: float  # pixel size, mm
    contour_mm: np.ndarray  # outline length of each layer, mm
    max_winding: int  # > 1 where shells overlap or a shell intersects itself
    first_outline: np.ndarray  # (n, 2) xy of the first layer's section points, mm

    @property
    def shape(self) -> tuple[int, int, int]:
        """Layers, rows and columns (a whole number of words per row)."""
        count, rows, words = self.solid.shape
        return count, rows, words * bitgrid.WORD

    def index(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Layer, row and column of each point (3, n), and whether it lies in the grid."""
        count, rows, columns = self.shape
        column = np.floor((points[0] - self.origin[0]) / self.pixel).astype(np.int64)
        row = np.floor((points[1] - self.origin[1]) / self.pixel).astype(np.int64)
        layer = np.floor((points[2] - self.z0) / self.height).astype(np.int64)
        valid = (
            (column >= 0)
            & (column < columns)
            & (row >= 0)
            & (row < rows)
            & (layer >= 0)
            & (layer < count)
        )
        return layer, row, column, valid

    def occupied(self, points: np.ndarray) -> np.ndarray:
        """Whether each point (3, n) lies in a solid pixel."""
        layer, row, column, valid = self.index(points)
        count, rows, columns = self.shape
        found = bitgrid.get(
            self.solid,
            np.clip(layer, 0, count - 1),
            np.clip(row, 0, rows - 1),
            np.clip(column, 0, columns - 1),
        )
        return found & valid


@dataclass(frozen=True)
class Sections:
    """The oriented outline segments of every layer, before rasterising."""

    layer: np.ndarray  # layer index of each segment
    start: np.ndarray  # (2, n) x and y, mm
    end: np.ndarray  # (2, n); the part's inside is on the segment's left
    z0: float
    height: float
    count: int  # number of layers
    low: np.ndarray  # xy of the part's bounding box, mm
    high: np.ndarray

    def contours(self) -> np.ndarray:
        """Outline length of each layer, mm."""
        lengths = np.hypot(self.end[0] - self.start[0], self.end[1] - self.start[1])
        return np.bincount(self.layer, weights=lengths, minlength=self.count)


def section(corners: np.ndarray, height: float) -> Sections:
    """Cut the triangles (generator.mesh.corners_of) at the mid-height of every layer of
    `height` mm."""
    low = np.array([corners[axis].min() for axis in range(3)])
    high = np.array([corners[axis].max() for axis in range(3)])
    count = max(1, round((high[2] - low[2]) / height))
    layer, start, end = _sections(corners, float(low[2]), height, count)
    return Sections(layer, start, end, float(low[2]), height, count, low[:2], high[:2])


def rasterise(sections: Sections, pixel: float, pad: int) -> Layers:
    """Fill the layers on a grid of `pixel` mm, with `pad` empty pixels around the part."""
    origin = (float(sections.low[0] - pad * pixel), float(sections.low[1] - pad * pixel))
    columns = int(np.ceil((sections.high[0] - sections.low[0]) / pixel)) + 2 * pad
    rows = int(np.ceil((sections.high[1] - sections.low[1]) / pixel)) + 2 * pad
    solid, max_winding = _fill(
        sections.layer, sections.start, sections.end, origin, pixel, (sections.count, rows, columns)
    )
    return Layers(
        solid,
        sections.z0,
        sections.height,
        origin,
        pixel,
        sections.contours(),
        max_winding,
        sections.start[:, sections.layer == 0].T,
    )


def _sections(
    corners: np.ndarray, z0: float, height: float, count: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Oriented segments where each layer's mid-plane cuts the triangles.

    Returns (layer index, start xy, end xy) (xy as (2, n)), each segment running with the
    part's inside on its left seen from above, as the face normals (vertex order) say.
    """
    z = corners[2]
    # Plane k cuts a triangle when low <= z_k < high; a vertex exactly on it counts as below.
    first = np.ceil((min3(z) - z0) / height - 0.5).astype(np.int64)
    last = np.ceil((max3(z) - z0) / height - 0.5).astype(np.int64) - 1
    face, layer = _expand_at_most(
        np.maximum(first, 0),
        np.minimum(last, count - 1),
        MAX_SEGMENTS,
        f"outline segments at {height:g} mm layers",
    )
    plane = z0 + (layer + 0.5) * height
    points, crosses = [], []
    for i in range(3):
        p, q = corners[:, i, face], corners[:, (i + 1) % 3, face]
        crosses.append((p[2] > plane) != (q[2] > plane))
        # An edge along the plane gives nan here; it does not cross, so it is never used.
        with np.errstate(divide="ignore", invalid="ignore"):
            t = (plane - p[2]) / (q[2] - p[2])
            points.append(p[:2] + t * (q[:2] - p[:2]))
    # Exactly two edges cross the plane; take them in edge order.
    start = np.where(crosses[0], points[0], points[1])
    end = np.where(crosses[2], points[2], points[1])
    nx, ny = cross_of(corners)[:2, face]  # the face normal's x and y
    backwards = (end[0] - start[0]) * -ny + (end[1] - start[1]) * nx < 0
    return layer, np.where(backwards, end, start), np.where(backwards, start, end)


def _fill(
    layer: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    origin: tuple[float, float],
    pixel: float,
    shape: tuple[int, int, int],
) -> tuple[np.ndarray, int]:
    """The packed grid of pixel centres with a non-zero winding number, and its largest value.

    Each row's crossings, sorted along x, give the winding number between them; runs of
    non-zero winding are set by toggling a bit at each end and a prefix XOR along the row.
    """
    count, rows, columns = shape
    y0 = (start[1] - origin[1]) / pixel - 0.5
    y1 = (end[1] - origin[1]) / pixel - 0.5
    # Row j (centre at j) is crossed when min(y) <= j < max(y).
    first = np.ceil(np.minimum(y0, y1)).astype(np.int64)
    last = np.ceil(np.maximum(y0, y1)).astype(np.int64) - 1
    segment, row = _expand_at_most(
        np.clip(first, 0, rows),
        np.clip(last, -1, rows - 1),
        MAX_CROSSINGS,
        f"pixel row crossings on a {pixel:.3g} mm grid",
    )
    x0 = (start[0, segment] - origin[0]) / pixel - 0.5
    x1 = (end[0, segment] - origin[0]) / pixel - 0.5
    s0, s1 = y0[segment], y1[segment]
    x = x0 + (row - s0) * (x1 - x0) / (s1 - s0)
    column = np.clip(np.ceil(x).astype(np.int64), 0, columns)
    # One sort (numpy's sort is vectorised, argsort is not): line, then column, then the
    # crossing's direction in the lowest bit.
    line = layer[segment] * rows + row
    key = np.sort((line * (columns + 1) + column) * 2 + (s1 > s0))
    step = (key & 1) * 2 - 1
    key >>= 1
    line, column = np.divmod(key, columns + 1)
    winding = np.cumsum(step)
    new_line = np.ones(len(line), dtype=bool)
    new_line[1:] = line[1:] != line[:-1]
    starts = np.flatnonzero(new_line)
    before = (winding - step)[starts]
    winding -= np.repeat(before, np.diff(np.append(starts, len(line))))
    # After crossing i the winding holds until the line's next crossing, or the row's end.
    stop = np.full(len(line), columns)
    stop[:-1] = np.where(new_line[1:], columns, column[1:])
    spans = stop > column
    max_winding = int(np.abs(winding[spans]).max()) if spans.any() else 0
    inside = (winding != 0) & spans
    shape = (count, rows, bitgrid.words_for(columns))
    return bitgrid.fill(shape, line[inside], column[inside], stop[inside]), max_winding


def _expand_at_most(
    first: np.ndarray, last: np.ndarray, limit: int, what: str
) -> tuple[np.ndarray, np.ndarray]:
    """bitgrid.expand, refused (TooComplex) before it would make more than `limit` pairs."""
    total = int(np.maximum(last - first + 1, 0).sum())
    if total > limit:
        raise TooComplex(
            f"part too large or complex for the analysis budget: slicing it takes {total:,} "
            f"{what}, over the limit of {limit:,} (the catalogue's parts take under "
            "300,000); long thin triangles crossing the whole part, as in a scrambled or "
            "randomly generated mesh, cause this: check the export, or simplify the mesh"
        )
    return bitgrid.expand(first, last)
