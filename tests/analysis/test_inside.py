"""Points against a sliced part's exact outlines (generator.analysis.inside), where the
grid's pixel centres are too coarse to tell."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import Polygon

from generator.analysis.fdm import slice_for_fdm
from generator.analysis.fdm_profile import FdmProfile
from generator.analysis.inside import SegmentCells
from generator.analysis.mesh import index
from tests.analysis import shapes

# A plate with a slanted, notched outline and a hole: edges at every angle, convex and
# concave corners.
OUTLINE = Polygon(
    [(0, 0), (20, 0), (23, 9), (14, 10), (14, 14), (20, 20), (0, 20)],
    [[(5, 5), (5, 12), (9, 15), (10, 6)]],
)


def test_points_a_fraction_of_a_pixel_from_the_outline_are_told_right() -> None:
    mesh = shapes._extrude(OUTLINE, 2)
    layers, _ = slice_for_fdm(index(mesh.triangles.copy()).corners, FdmProfile())
    placed = shapely.affinity.translate(OUTLINE, *(mesh.bounds[0][:2] - OUTLINE.bounds[:2]))
    rng = np.random.default_rng(1)
    # Points on both sides of every edge, 0.005 to 0.1 mm from it (a pixel is 0.28 mm).
    boundary = placed.boundary
    along = rng.random(4000) * boundary.length
    on = np.array([boundary.interpolate(d).coords[0] for d in along]).T
    xy = on + rng.choice([-1, 1], (2, 4000)) * rng.uniform(0.005, 0.1, (2, 4000))
    truth = shapely.contains_xy(placed, xy[0], xy[1])
    clear = shapely.distance(shapely.points(xy.T), boundary) > 1e-4
    layer = np.ones(4000, dtype=np.int64)
    found = SegmentCells.of(layers, np.array([1])).inside(layer, xy)
    assert (found == truth)[clear].all()
    pixels = layers.occupied_in(layers.solid, layer, xy)  # the grid alone
    assert (pixels != truth)[clear].mean() > 0.1
    # Beyond the part's layers there is nothing.
    assert not SegmentCells.of(layers, np.array([50])).inside(layer * 50, xy).any()
