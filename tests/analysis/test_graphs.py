"""generator.analysis.graphs against SciPy, which it replaces on the FDM path."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from scipy.sparse import csgraph
from scipy.spatial import ConvexHull

from generator.analysis.graphs import components, convex_hull, hull_length, inside_hull


def scipy_components(count: int, a: np.ndarray, b: np.ndarray) -> tuple[int, np.ndarray]:
    graph = sparse.coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), (count, count))
    found, label = csgraph.connected_components(graph, directed=False)
    return int(found), label


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    count=st.integers(1, 60),
    pairs=st.lists(st.tuples(st.integers(0, 59), st.integers(0, 59)), max_size=120),
)
def test_components_are_scipys(count: int, pairs: list[tuple[int, int]]) -> None:
    edges = np.array([(a, b) for a, b in pairs if a < count and b < count], dtype=np.int64)
    a, b = (edges[:, 0], edges[:, 1]) if len(edges) else (np.zeros(0, int), np.zeros(0, int))
    ours, theirs = components(count, a, b), scipy_components(count, a, b)
    assert ours[0] == theirs[0]
    np.testing.assert_array_equal(ours[1], theirs[1])


@pytest.mark.parametrize("kind", ["chain", "shuffled chain", "random"])
def test_large_graphs_are_scipys(kind: str) -> None:
    rng = np.random.default_rng(3)
    count = 200_000
    if kind == "random":
        a, b = rng.integers(0, count, (2, 150_000))
    else:
        order = np.arange(count) if kind == "chain" else rng.permutation(count)
        a, b = order[:-1], order[1:]
    ours, theirs = components(count, a, b), scipy_components(count, a, b)
    assert ours[0] == theirs[0]
    np.testing.assert_array_equal(ours[1], theirs[1])


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    points=st.lists(st.tuples(st.integers(-20, 20), st.integers(-20, 20)), min_size=3, max_size=60),
    scale=st.sampled_from([1.0, 0.1, 1e-3, 137.5]),
)
def test_convex_hull_is_qhulls(points: list[tuple[int, int]], scale: float) -> None:
    xy = np.array(points, dtype=float) * scale
    if np.linalg.matrix_rank(xy - xy[0]) < 2:
        assert len(convex_hull(xy)) < 3  # on one line: no polygon
        return
    theirs = ConvexHull(xy)
    ours = convex_hull(xy)
    assert set(map(tuple, xy[ours])) == set(map(tuple, xy[theirs.vertices]))
    assert hull_length(xy) == pytest.approx(theirs.area)  # in 2-D, "area" is the perimeter
    ring = xy[ours]
    signed = np.sum(ring[:, 0] * np.roll(ring[:, 1], -1) - np.roll(ring[:, 0], -1) * ring[:, 1])
    assert signed > 0  # counter-clockwise


def test_inside_hull() -> None:
    square = np.array([[0, 0], [2, 0], [2, 2], [0, 2]], dtype=float)
    assert inside_hull(square, np.array([1.0, 1.0])) and inside_hull(square, np.array([2.0, 1]))
    assert not inside_hull(square, np.array([2.1, 1.0]))
