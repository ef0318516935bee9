"""Slicing a mesh into printed layers on a pixel grid.

Each layer is the section of the mesh at the layer's mid-height (where slicers cut),
filled by the non-zero winding rule so that overlapping shells count once. Everything
is vectorised with numpy: no per-layer Python loop, no polygon library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import ndimage


@dataclass(frozen=True)
class Layers:
    solid: np.ndarray  # bool (layers, rows, columns): pixel centre inside the part
    z0: float  # bottom of the part; layer k is centred at z0 + (k + 0.5) * height
    height: float  # layer height, mm
    origin: tuple[float, float]  # x, y of pixel (0, 0)'s corner, mm
    pixel: float  # pixel size, mm
    contour_mm: np.ndarray  # outline length of each layer, mm
    max_winding: int  # > 1 where shells overlap or a shell intersects itself

    @property
    def pixel_area(self) -> float:
        return self.pixel * self.pixel


@dataclass(frozen=True)
class Sections:
    """The oriented outline segments of every layer, before rasterising."""

    layer: np.ndarray  # layer index of each segment
    start: np.ndarray  # (n, 2) xy, mm
    end: np.ndarray  # (n, 2) xy; the part's inside is on the segment's left
    z0: float
    height: float
    count: int  # number of layers
    low: np.ndarray  # xy of the part's bounding box, mm
    high: np.ndarray

    def areas(self) -> np.ndarray:
        """Area of each layer's section, mm2 (shoelace sum over the oriented segments)."""
        cross = self.start[:, 0] * self.end[:, 1] - self.end[:, 0] * self.start[:, 1]
        return np.bincount(self.layer, weights=cross / 2, minlength=self.count)

    def contours(self) -> np.ndarray:
        """Outline length of each layer, mm."""
        lengths = np.linalg.norm(self.end - self.start, axis=1)
        return np.bincount(self.layer, weights=lengths, minlength=self.count)


def section(triangles: np.ndarray, height: float) -> Sections:
    """Cut `triangles` (n, 3, 3) at the mid-height of every layer of `height` mm."""
    low = triangles.reshape(-1, 3).min(axis=0)
    high = triangles.reshape(-1, 3).max(axis=0)
    count = max(1, round((high[2] - low[2]) / height))
    layer, start, end = _sections(triangles, float(low[2]), height, count)
    return Sections(layer, start, end, float(low[2]), height, count, low[:2], high[:2])


def rasterise(sections: Sections, pixel: float, pad: int) -> Layers:
    """Fill the layers on a grid of `pixel` mm, with `pad` empty pixels around the part."""
    origin = (float(sections.low[0] - pad * pixel), float(sections.low[1] - pad * pixel))
    columns = int(np.ceil((sections.high[0] - sections.low[0]) / pixel)) + 2 * pad
    rows = int(np.ceil((sections.high[1] - sections.low[1]) / pixel)) + 2 * pad
    shape = (sections.count, rows, columns)
    winding = _winding(sections.layer, sections.start, sections.end, origin, pixel, shape)
    max_winding = int(np.abs(winding).max()) if winding.size else 0
    return Layers(
        winding != 0,
        sections.z0,
        sections.height,
        origin,
        pixel,
        sections.contours(),
        max_winding,
    )


def _expand(first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For items with index ranges [first, last]: (item of each pair, index of each pair)."""
    counts = np.maximum(last - first + 1, 0)
    item = np.repeat(np.arange(len(first)), counts)
    offset = np.arange(len(item)) - np.repeat(np.cumsum(counts) - counts, counts)
    return item, first[item] + offset


def _sections(
    triangles: np.ndarray, z0: float, height: float, count: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Oriented segments where each layer's mid-plane cuts the triangles.

    Returns (layer index, start xy, end xy), each segment running with the part's inside
    on its left seen from above, as the face normals (vertex order) say.
    """
    z = triangles[:, :, 2]
    # Plane k cuts a triangle when low <= z_k < high; a vertex exactly on it counts as below.
    first = np.ceil((z.min(axis=1) - z0) / height - 0.5).astype(np.int64)
    last = np.ceil((z.max(axis=1) - z0) / height - 0.5).astype(np.int64) - 1
    face, layer = _expand(np.maximum(first, 0), np.minimum(last, count - 1))
    tri = triangles[face]
    plane = z0 + (layer + 0.5) * height
    above = tri[:, :, 2] > plane[:, None]
    nxt = np.roll(tri, -1, axis=1)
    crosses = above != np.roll(above, -1, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (plane[:, None] - tri[:, :, 2]) / (nxt[:, :, 2] - tri[:, :, 2])
        points = tri[:, :, :2] + t[:, :, None] * (nxt[:, :, :2] - tri[:, :, :2])
    # Exactly two edges cross the plane; take them in edge order.
    pick = np.argsort(~crosses, axis=1, kind="stable")[:, :2]
    ends = np.take_along_axis(points, pick[:, :, None], axis=1)
    start, end = ends[:, 0], ends[:, 1]
    normal = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    backwards = ((end - start) * np.stack([-normal[:, 1], normal[:, 0]], axis=1)).sum(1) < 0
    start, end = np.where(backwards[:, None], end, start), np.where(backwards[:, None], start, end)
    return layer, start, end


def _winding(
    layer: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    origin: tuple[float, float],
    pixel: float,
    shape: tuple[int, int, int],
) -> np.ndarray:
    """Winding number at every pixel centre, by scanline crossings summed along x."""
    count, rows, columns = shape
    y0 = (start[:, 1] - origin[1]) / pixel - 0.5
    y1 = (end[:, 1] - origin[1]) / pixel - 0.5
    # Row j (centre at j) is crossed when min(y) <= j < max(y).
    first = np.ceil(np.minimum(y0, y1)).astype(np.int64)
    last = np.ceil(np.maximum(y0, y1)).astype(np.int64) - 1
    segment, row = _expand(np.clip(first, 0, rows), np.clip(last, -1, rows - 1))
    x0 = (start[segment, 0] - origin[0]) / pixel - 0.5
    x1 = (end[segment, 0] - origin[0]) / pixel - 0.5
    s0, s1 = y0[segment], y1[segment]
    x = x0 + (row - s0) * (x1 - x0) / (s1 - s0)
    column = np.clip(np.ceil(x).astype(np.int64), 0, columns)
    step = np.where(s1 > s0, 1, -1).astype(np.int16)
    crossings = np.zeros((count, rows, columns + 1), dtype=np.int16)
    np.add.at(crossings, (layer[segment], row, column), step)
    return np.cumsum(crossings, axis=2, dtype=np.int16)[:, :, :columns]


def erode(mask: np.ndarray, radius: int) -> np.ndarray:
    """Erode each layer by `radius` pixels with an octagon close to a disc.

    Alternating 3x3 squares and crosses: with about 41 % squares, the octagon's sides
    are all at `radius` from its centre (a disc would need a distance transform, 10x
    slower).
    """
    squares = round(radius * (np.sqrt(2) - 1))
    out = mask
    for step in range(radius):
        use_square = squares > 0 and step * squares // radius != (step + 1) * squares // radius
        out = _erode_once(out, square=use_square)
    return out


def _erode_once(mask: np.ndarray, square: bool) -> np.ndarray:
    along_x = mask.copy()
    along_x[:, :, 1:] &= mask[:, :, :-1]
    along_x[:, :, :-1] &= mask[:, :, 1:]
    source = along_x if square else mask
    out = along_x.copy()
    out[:, 1:, :] &= source[:, :-1, :]
    out[:, :-1, :] &= source[:, 1:, :]
    return out


def dilate(mask: np.ndarray, radius: int) -> np.ndarray:
    return ~erode(~mask, radius)


def dilate_square(mask: np.ndarray, radius: float) -> np.ndarray:
    """Dilate each layer by a square of half-side `radius` pixels, on a coarser grid.

    Used for millimetre-scale margins, where a grid of about `radius` / 4 is fine enough.
    """
    return _square(mask, radius, ndimage.maximum_filter1d, np.logical_or)


def erode_square(mask: np.ndarray, radius: float) -> np.ndarray:
    """Erode each layer by a square of half-side `radius` pixels, on a coarser grid."""
    return _square(mask, radius, ndimage.minimum_filter1d, np.logical_and)


def _square(mask: np.ndarray, radius: float, running: Callable, join: np.ufunc) -> np.ndarray:
    rows, columns = mask.shape[1:]
    factor = max(1, int(radius // 4))
    wide = np.pad(mask, ((0, 0), (0, -rows % factor), (0, -columns % factor)), mode="edge")
    coarse = wide[:, ::factor, ::factor].copy()
    for dy in range(factor):
        for dx in range(factor):
            join(coarse, wide[:, dy::factor, dx::factor], out=coarse)
    size = 2 * max(1, round(radius / factor)) + 1
    coarse = running(running(coarse.view(np.uint8), size, axis=2), size, axis=1).view(bool)
    fine = coarse.repeat(factor, axis=1).repeat(factor, axis=2)
    return fine[:, :rows, :columns]


def shifted(mask: np.ndarray, shift: int) -> np.ndarray:
    """Layer k of the result is layer k + shift of `mask`; layers beyond the part are empty."""
    out = np.zeros_like(mask)
    if abs(shift) >= len(mask):
        return out
    if shift >= 0:
        out[: len(mask) - shift] = mask[shift:]
    else:
        out[-shift:] = mask[: len(mask) + shift]
    return out


def covered(mask: np.ndarray, shifts: range) -> np.ndarray:
    """Where every layer k + s (s in shifts) is solid."""
    out = np.ones_like(mask)
    for shift in shifts:
        out &= shifted(mask, shift)
    return out


def any_of(mask: np.ndarray, shifts: range) -> np.ndarray:
    """Where some layer k + s (s in shifts) is solid."""
    out = np.zeros_like(mask)
    for shift in shifts:
        out |= shifted(mask, shift)
    return out
