"""Connected components and 2-D convex hulls in numpy alone.

The FDM analysis needs these two and nothing else of SciPy on its way: importing
scipy.sparse.csgraph and scipy.spatial costs 0.2-0.25 s of processor time (measured,
medians of 5 fresh processes, SciPy 1.17), more than the whole analysis of a 10k-face
part, in every `makelocal analyse` that starts for one file. tests/analysis/test_graphs.py
checks both against SciPy's.
"""

from __future__ import annotations

import numpy as np


def components(count: int, a: np.ndarray, b: np.ndarray) -> tuple[int, np.ndarray]:
    """The connected components of the undirected graph of `count` nodes and the edges
    a[i]-b[i]: their number, and each node's component (0 to number - 1, numbered in
    the order of each component's lowest node).

    Each round hooks the larger of two joined labels to the smaller and then jumps
    pointers until every label is a root, so that a chain of n nodes takes about
    log2(n) jumps, not n steps.
    """
    label = np.arange(count)
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    while len(a):
        low, high = label[a], label[b]
        low, high = np.minimum(low, high), np.maximum(low, high)
        apart = low != high
        if not apart.any():
            break
        a, b, low, high = a[apart], b[apart], low[apart], high[apart]
        np.minimum.at(label, high, low)
        while True:
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped
    roots, numbered = np.unique(label, return_inverse=True)
    return len(roots), numbered.reshape(-1)


def convex_hull(points: np.ndarray) -> np.ndarray:
    """The indices of the points (n, 2) on their convex hull, counter-clockwise, without
    points in the middle of a side (Andrew's monotone chain); fewer than three for
    points on one line."""
    points = np.asarray(points, dtype=float)
    if len(points) < 3:
        return np.arange(len(points))
    candidates = _outside_extremes(points)
    order = candidates[np.lexsort((points[candidates, 1], points[candidates, 0]))]
    lower = _chain(points, order)
    upper = _chain(points, order[::-1])
    hull = np.array(lower[:-1] + upper[:-1], dtype=np.int64)
    if len(hull) < 3:
        return np.unique(hull)
    return hull


def _outside_extremes(points: np.ndarray) -> np.ndarray:
    """The points not strictly inside the quadrilateral of the extreme points along x + y
    and x - y (Akl-Toussaint): none of those can be on the hull."""
    sum_, difference = points[:, 0] + points[:, 1], points[:, 0] - points[:, 1]
    corners = points[
        [np.argmin(sum_), np.argmax(difference), np.argmax(sum_), np.argmin(difference)]
    ]
    inside = np.ones(len(points), dtype=bool)
    for start, end in zip(corners, np.roll(corners, -1, axis=0), strict=True):
        edge = end - start
        inside &= edge[0] * (points[:, 1] - start[1]) - edge[1] * (points[:, 0] - start[0]) > 0
    return np.flatnonzero(~inside)


def _chain(points: np.ndarray, order: np.ndarray) -> list[int]:
    """One half of the monotone chain: the points of `order` turning left only."""
    chain: list[int] = []
    xy = points.tolist()
    for index in order.tolist():
        x, y = xy[index]
        while len(chain) >= 2:
            (ox, oy), (ax, ay) = xy[chain[-2]], xy[chain[-1]]
            if (ax - ox) * (y - oy) - (ay - oy) * (x - ox) > 0:
                break
            chain.pop()
        chain.append(index)
    return chain


def hull_length(points: np.ndarray) -> float:
    """The perimeter of the points' convex hull (for points on one line, twice the
    sides of their bounding box)."""
    hull = points[convex_hull(points)]
    if len(hull) < 3:
        return 2 * float(np.ptp(points, axis=0).sum()) if len(points) else 0.0
    return float(np.linalg.norm(np.roll(hull, -1, axis=0) - hull, axis=1).sum())


def inside_hull(hull: np.ndarray, point: np.ndarray, tolerance: float = 1e-6) -> bool:
    """Whether `point` lies in the convex polygon `hull` (counter-clockwise corners)."""
    edge = np.roll(hull, -1, axis=0) - hull
    offset = point - hull
    cross = edge[:, 0] * offset[:, 1] - edge[:, 1] * offset[:, 0]
    lengths = np.linalg.norm(edge, axis=1)
    return bool((cross >= -tolerance * np.maximum(lengths, 1e-12)).all())
