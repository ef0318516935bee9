"""Whether points lie inside a sliced part's layers, decided on the exact outline segments
where the grid's pixel is too coarse: a point within a pixel of an outline takes the side
of the nearest segment; farther from every outline, the pixel it lies in says (its centre
is then on the same side)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.analysis import bitgrid
from generator.analysis.slicing import Layers

# The 3 x 3 cells around a point's cell: every segment within a pixel of the point.
NEIGHBOURS = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]


@dataclass(frozen=True)
class SegmentCells:
    """The outline segments of some layers by the grid cells (pixels) they pass through."""

    layers: Layers
    key: np.ndarray  # (layer x rows + row) x columns + column of each (segment, cell), sorted
    segment: np.ndarray

    @classmethod
    def of(cls, layers: Layers, wanted: np.ndarray) -> SegmentCells:
        """The segments of the `wanted` layers (indices), each in every cell a point along
        it every half pixel falls in (the cells around a point are looked at too: none
        within a pixel is missed)."""
        sections = layers.sections
        if sections is None:
            empty = np.zeros(0, dtype=np.int64)
            return cls(layers, empty, empty)
        chosen = np.flatnonzero(np.isin(sections.layer, wanted))
        start, end = sections.start[:, chosen], sections.end[:, chosen]
        # A segment's end is the next one's start: points from the start on, half a
        # pixel apart at most.
        steps = np.ceil(np.hypot(*(end - start)) / (layers.pixel / 2)).astype(np.int64)
        steps = np.maximum(steps, 1)
        item, step = bitgrid.expand(np.zeros(len(chosen), dtype=np.int64), steps - 1)
        share = step / np.maximum(steps[item], 1)
        points = start[:, item] + share * (end - start)[:, item]
        key = cell_key(layers, sections.layer[chosen][item], points)
        # Points along a segment fall in one cell after another: each cell once.
        new = np.ones(len(key), dtype=bool)
        new[1:] = (key[1:] != key[:-1]) | (item[1:] != item[:-1])
        key, segment = key[new], chosen[item[new]]
        order = np.argsort(key)
        return cls(layers, key[order], segment[order])

    def inside(self, layer: np.ndarray, xy: np.ndarray) -> np.ndarray:
        """Whether each point (xy as (2, n), on the given layers, which may lie beyond the
        part's: nothing is there) lies inside its layer of the part."""
        count = self.layers.shape[0]
        found = np.zeros(len(layer), dtype=bool)
        real = np.flatnonzero((layer >= 0) & (layer < count))
        layer, xy = layer[real], xy[:, real]
        # Where the pixel centres around a point all agree, no outline passes near it (but
        # a notch narrower than a pixel): the segments are looked at near outlines only.
        around = np.stack(
            [
                self.layers.occupied_in(self.layers.solid, layer, xy + offset)
                for offset in np.array(NEIGHBOURS)[:, ::-1, None] * self.layers.pixel
            ]
        )
        grid = around[len(NEIGHBOURS) // 2]
        mixed = np.flatnonzero(around.any(axis=0) & ~around.all(axis=0))
        near, side = self._nearest_side(layer[mixed], xy[:, mixed])
        grid[mixed] = np.where(near, side, grid[mixed])
        found[real] = grid
        return found

    def _nearest_side(self, layer: np.ndarray, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Whether a segment lies within a pixel of each point, and whether the point is on
        the inside (left) of the nearest; at a corner two segments are as near, and the one
        whose line lies farther from the point tells its side right."""
        sections = self.layers.sections
        near = np.zeros(len(layer), dtype=bool)
        side = np.zeros(len(layer), dtype=bool)
        if sections is None or not len(self.key) or not len(layer):
            return near, side
        pairs = []
        for dy, dx in NEIGHBOURS:
            moved = xy + np.array([[dx], [dy]]) * self.layers.pixel
            wanted = cell_key(self.layers, layer, moved)
            pairs.append(
                bitgrid.expand(
                    np.searchsorted(self.key, wanted, "left"),
                    np.searchsorted(self.key, wanted, "right") - 1,
                )
            )
        point = np.concatenate([p for p, _ in pairs])
        segment = self.segment[np.concatenate([at for _, at in pairs])]
        a, b = sections.start[:, segment], sections.end[:, segment]
        q = xy[:, point]
        along = b - a
        length2 = np.maximum(along[0] ** 2 + along[1] ** 2, 1e-24)
        t = np.clip(((q - a) * along).sum(axis=0) / length2, 0, 1)
        distance = np.hypot(*(q - a - t * along))
        cross = along[0] * (q - a)[1] - along[1] * (q - a)[0]  # > 0: on the left
        line = np.abs(cross) / np.sqrt(length2)
        nearest = np.full(len(layer), np.inf)
        np.minimum.at(nearest, point, distance)
        tied = distance <= nearest[point]
        farthest_line = np.zeros(len(layer))
        np.maximum.at(farthest_line, point[tied], line[tied])
        best = tied & (line >= farthest_line[point])
        near[point[best]] = distance[best] <= self.layers.pixel
        side[point[best]] = cross[best] > 0
        return near, side


def cell_key(layers: Layers, layer: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """(layer x rows + row) x columns + column of each point's cell; points beyond the grid
    get keys no cell has (-1)."""
    _, rows, columns = layers.shape
    column = np.floor((xy[0] - layers.origin[0]) / layers.pixel).astype(np.int64)
    row = np.floor((xy[1] - layers.origin[1]) / layers.pixel).astype(np.int64)
    valid = (column >= 0) & (column < columns) & (row >= 0) & (row < rows)
    return np.where(valid, (layer * rows + row) * columns + column, -1)
