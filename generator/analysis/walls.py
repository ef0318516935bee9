"""Thin walls: wall thickness sampled at surface points, marching inward through the layer
grid."""

from __future__ import annotations

import numpy as np

from generator.analysis.mesh import Mesh
from generator.analysis.results import ThinWalls, WallsNotChecked
from generator.analysis.slicing import Layers

WALL_SAMPLES = 2000


def thin_walls(mesh: Mesh, layers: Layers, min_wall: float) -> ThinWalls | WallsNotChecked:
    """Wall thickness sampled at surface points, marching inward through the layer grid."""
    step = min(layers.pixel, layers.height) / 2
    if max(layers.pixel, layers.height) > min_wall / 2:
        return WallsNotChecked(
            reason=f"layer grid of {layers.pixel:.2f} mm is too coarse "
            f"to measure {min_wall:g} mm walls",
        )
    rng = np.random.default_rng(0)
    faces = mesh.sample_faces(WALL_SAMPLES, rng)
    u, v = rng.random((2, WALL_SAMPLES))
    flip = u + v > 1
    u[flip], v[flip] = 1 - u[flip], 1 - v[flip]
    tri = mesh.corners[:, :, faces]
    start = tri[:, 0] + u * (tri[:, 1] - tri[:, 0]) + v * (tri[:, 2] - tri[:, 0])
    inward = -mesh.normals[:, faces]
    depths = np.arange(1, int(1.5 * min_wall / step) + 2) * step
    # (3, depths, samples): each depth's samples side by side, numpy's fast layout.
    points = start[:, None, :] + depths[:, None] * inward[:, None, :]
    inside = layers.occupied(points.reshape(3, -1)).reshape(points.shape[1:])
    entered = inside.cumsum(axis=0) > 0
    left = entered & ~inside
    # Thickness: depth of the first empty sample after the wall was entered.
    measured = entered.any(axis=0)
    exits = np.where(left.any(axis=0), depths[np.argmax(left, axis=0)], np.inf)
    thin = measured & (exits < min_wall)
    share = float(thin.sum() / max(measured.sum(), 1))
    thickness = exits[thin]
    return ThinWalls(
        samples=int(measured.sum()),
        thin_share=round(share, 4),
        thinnest_mm=round(float(thickness.min()), 2) if len(thickness) else None,
        method=f"{WALL_SAMPLES} surface samples marched inward on a "
        f"{layers.pixel:.2f} x {layers.pixel:.2f} x {layers.height:.2f} mm grid",
    )
