"""Slicing a mesh into printed layers on a pixel grid.

Each layer is the section of the mesh at the layer's mid-height (where slicers cut),
filled by the non-zero winding rule so that overlapping shells count once, into a packed
grid (generator.bitgrid). Everything is vectorised with numpy: no per-layer Python loop,
no polygon library.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from generator.analysis import bitgrid
from generator.analysis.graphs import components
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
    sections: Sections | None = None  # the outlines the grid was filled from

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

    def occupied_in(self, grid: np.ndarray, layer: np.ndarray, xy: np.ndarray) -> np.ndarray:
        """Whether each point (xy as (2, n), on the given layers) lies in a set pixel of
        `grid` (a grid of this shape)."""
        count, rows, columns = self.shape
        column = np.floor((xy[0] - self.origin[0]) / self.pixel).astype(np.int64)
        row = np.floor((xy[1] - self.origin[1]) / self.pixel).astype(np.int64)
        valid = (column >= 0) & (column < columns) & (row >= 0) & (row < rows)
        found = bitgrid.get(
            grid,
            np.clip(layer, 0, count - 1),
            np.clip(row, 0, rows - 1),
            np.clip(column, 0, columns - 1),
        )
        return found & valid

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
    face: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # cut face
    # (2, n): the triangle side (face * 3 + corner) each segment starts and ends on; the
    # segment that follows a segment of a closed outline starts on its end side's edge.
    sides: np.ndarray = field(default_factory=lambda: np.zeros((2, 0), dtype=np.int64))
    # Of each segment's face: the normal's z over its horizontal length, which is how far
    # the outline moves per mm of height on a slope (positive where the face looks up, 0 on
    # a vertical face): a slope's top or bottom strip on each layer is height x |run| wide.
    run: np.ndarray = field(default_factory=lambda: np.zeros(0))

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
    layer, start, end, face, sides, run = _sections(corners, float(low[2]), height, count)
    return Sections(
        layer, start, end, float(low[2]), height, count, low[:2], high[:2], face, sides, run
    )


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
        sections,
    )


def carve_thin_holes(layers: Layers) -> Layers:
    """The layers with the holes and slits narrower than a pixel opened up.

    A pixel is solid when its centre lies inside the part, so a slot or hole narrower than
    a pixel can vanish from the grid, although a slicer lays perimeters round it (designers
    cut such slots to add walls inside a part). Outline points that fall on a pixel whose
    neighbours are all solid belong to such a hole: those pixels are cleared.
    """
    sections = layers.sections
    if sections is None or not len(sections.layer):
        return layers
    inner = bitgrid.erode_square(layers.solid, 1)
    ends = [layers.occupied_in(inner, sections.layer, xy) for xy in (sections.start, sections.end)]
    suspect = np.flatnonzero(ends[0] | ends[1])
    if not len(suspect):
        return layers
    start, end = sections.start[:, suspect], sections.end[:, suspect]
    steps = np.ceil(np.hypot(*(end - start)) / (layers.pixel / 2)).astype(np.int64) + 1
    which, step = bitgrid.expand(np.zeros(len(suspect), dtype=np.int64), steps - 1)
    t = step / (steps[which] - 1).clip(min=1)
    points = start[:, which] + t * (end - start)[:, which]
    layer = sections.layer[suspect][which]
    hit = layers.occupied_in(inner, layer, points)
    _, rows, columns = layers.shape
    _, row, column, _ = layers.index(np.vstack([points[:, hit], np.zeros(int(hit.sum()))]))
    flat = np.unique((layer[hit] * rows + row) * columns + column)
    line, column = np.divmod(flat, columns)
    holes = bitgrid.fill(layers.solid.shape, line, column, column + 1)
    return replace(layers, solid=layers.solid & ~holes)


@dataclass(frozen=True)
class Loops:
    """The outline segments put in order along each loop (a closed outline of a layer, or
    a run of segments an open mesh leaves unclosed)."""

    order: np.ndarray  # segment indices (into the Sections), loop by loop, in path order
    loop: np.ndarray  # the loop of each ordered segment (non-decreasing)
    layer: np.ndarray  # the layer of each loop
    length: np.ndarray  # mm, of each loop


def outline_loops(sections: Sections, edge_of_side: np.ndarray) -> Loops:
    """Chain the segments: the segment after another starts on the mesh edge it ends on
    (`edge_of_side` maps a triangle side, face * 3 + corner, to its edge). Each chain is
    ranked by pointer jumping, a few numpy passes for any number of segments."""
    count = len(sections.layer)
    if not count:
        empty = np.zeros(0, dtype=np.int64)
        return Loops(empty, empty, empty, np.zeros(0))
    edges = int(edge_of_side.max()) + 1
    begin = sections.layer * edges + edge_of_side[sections.sides[0]]
    finish = sections.layer * edges + edge_of_side[sections.sides[1]]
    by_start = np.argsort(begin, kind="stable")
    found = np.minimum(np.searchsorted(begin[by_start], finish), count - 1)
    after = np.where(begin[by_start][found] == finish, by_start[found], -1)
    # Each segment has one successor at most; keep one predecessor per segment too (a
    # non-manifold edge may offer two).
    before = np.full(count, -1)
    has = np.flatnonzero(after >= 0)
    before[after[has]] = has
    after[has[before[after[has]] != has]] = -1
    has = np.flatnonzero(after >= 0)
    _, label = components(count, has, after[has])
    # Open each closed loop before its lowest segment, so every chain has a head.
    heads = np.full(label.max() + 1, count)
    np.minimum.at(heads, label, np.arange(count))
    open_chain = np.zeros(len(heads), dtype=bool)
    open_chain[label[before < 0]] = True
    cut = ~open_chain
    after[before[heads[cut]]] = -1
    rank = _ranks(after)
    order = np.lexsort((-rank, label))
    loop = label[order]
    lengths = np.hypot(*(sections.end - sections.start))
    return Loops(
        order,
        loop,
        np.asarray(sections.layer[heads]),
        np.bincount(label, weights=lengths, minlength=len(heads)),
    )


def _ranks(after: np.ndarray) -> np.ndarray:
    """Links from each node to the end of its chain, by pointer jumping."""
    step = after.copy()
    distance = (after >= 0).astype(np.int64)
    while (step >= 0).any():
        live = np.flatnonzero(step >= 0)
        nxt = step[live]
        distance[live] += distance[nxt]
        step[live] = step[nxt]
    return distance


def fill_polygons(
    layer: np.ndarray, start: np.ndarray, end: np.ndarray, like: Layers, count: int
) -> np.ndarray:
    """A packed grid of `count` layers of `like`'s rows and columns holding the oriented
    polygons given as segments (layer index, start and end xy as (2, n), inside on the
    left), by non-zero winding."""
    _, rows, columns = like.shape
    grid, _ = _fill(layer, start, end, like.origin, like.pixel, (count, rows, columns - 1))
    return grid


def _sections(
    corners: np.ndarray, z0: float, height: float, count: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Oriented segments where each layer's mid-plane cuts the triangles.

    Returns (layer index, start xy, end xy, face, sides, run) (xy and sides as (2, n)),
    each segment running with the part's inside on its left seen from above, as the face
    normals (vertex order) say.
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
    above = [corners[2, i, face] > plane for i in range(3)]
    crosses = [above[i] != above[(i + 1) % 3] for i in range(3)]
    # A plane crosses two sides of a triangle or none. The layer range above comes from a
    # division that can land one ulp off the plane's own value when a corner lies on the
    # plane: such a plane crosses no side, and gives no segment (nor NaN points).
    cut = crosses[0] | crosses[1]
    face, layer, plane = face[cut], layer[cut], plane[cut]
    crosses = [c[cut] for c in crosses]
    points = []
    for i in range(3):
        p, q = corners[:, i, face], corners[:, (i + 1) % 3, face]
        rise = np.where(crosses[i], q[2] - p[2], 1.0)  # only crossing sides are used
        t = np.where(crosses[i], (plane - p[2]) / rise, 0.0)
        points.append(p[:2] + t * (q[:2] - p[:2]))
    # Exactly two sides cross the plane; take them in side order.
    start = np.where(crosses[0], points[0], points[1])
    end = np.where(crosses[2], points[2], points[1])
    side = face * 3
    start_side = np.where(crosses[0], side, side + 1)
    end_side = np.where(crosses[2], side + 2, side + 1)
    nx, ny, nz = cross_of(corners)[:, face]  # the face normal, not unit
    backwards = (end[0] - start[0]) * -ny + (end[1] - start[1]) * nx < 0
    sides = np.stack(
        [np.where(backwards, end_side, start_side), np.where(backwards, start_side, end_side)]
    )
    horizontal = np.hypot(nx, ny)  # > 0: a face the plane cuts is not horizontal
    run = nz / np.where(horizontal > 0, horizontal, 1.0)
    return (
        layer,
        np.where(backwards, end, start),
        np.where(backwards, start, end),
        face,
        sides,
        run,
    )


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
