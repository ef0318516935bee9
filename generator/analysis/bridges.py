"""Bridges: flat downward regions off the bed, and the span a bridge over each must cross."""

from __future__ import annotations

import math

import numpy as np

from generator.analysis.graphs import components, convex_hull
from generator.analysis.mesh import Mesh
from generator.analysis.overhangs import overhangs
from generator.analysis.results import Bridges
from generator.analysis.slicing import Layers

FLAT_DEG = 80.0  # downward faces flatter than this (from vertical) count as bridges
# A flat face with the part this close below it rests on that part across a gap (a stack
# printed without support: PrusaSlicer's support contact distance, 0.2 mm, and a layer).
RESTING_GAP_MM = 0.4


def bridges(mesh: Mesh, max_bridge: float | None, layers: Layers | None = None) -> Bridges:
    """Flat downward regions off the bed (bridges or unsupported ceilings) and their
    spans; with the layers, those resting on the part below across a small gap are none."""
    z = mesh.corners[2]
    flat = np.flatnonzero(overhangs(mesh.normals[2], z, float(z.min()), FLAT_DEG))
    if layers is not None and len(flat):
        flat = flat[~_resting(mesh, flat, layers)]
    groups = _connected(mesh, flat)
    # A region's span is at most 2 sqrt(area / pi) (see _span): measure the largest
    # regions first and stop when no region left can be longer than the longest found.
    areas = np.array([mesh.areas[g].sum() for g in groups])
    longest, too_long = 0.0, 0
    for g in np.argsort(areas)[::-1]:
        bound = 2 * math.sqrt(areas[g] / math.pi)
        if bound <= longest and (not max_bridge or bound <= max_bridge):
            break
        span = _span(mesh, groups[g])
        longest = max(longest, span)
        too_long += bool(max_bridge and span > max_bridge)
    return Bridges(
        count=len(groups),
        longest_mm=round(longest, 2),
        max_bridge_mm=max_bridge,
        too_long=too_long,
    )


def _resting(mesh: Mesh, faces: np.ndarray, layers: Layers) -> np.ndarray:
    """Whether the part lies RESTING_GAP_MM under each face's centre."""
    centre = mesh.centres[:, faces]
    layer = np.floor((centre[2] - RESTING_GAP_MM - layers.z0) / layers.height).astype(np.int64)
    inside = (layer >= 0) & (layer < layers.shape[0])
    found = np.zeros(len(faces), dtype=bool)
    found[inside] = layers.occupied_in(layers.solid, layer[inside], centre[:2, inside])
    return found


def _connected(mesh: Mesh, faces: np.ndarray) -> list[np.ndarray]:
    """`faces` grouped into regions joined by shared edges."""
    if not len(faces):
        return []
    edge = mesh.edges[0]
    sides = edge.reshape(-1, 3)[faces].reshape(-1)
    owner = np.repeat(np.arange(len(faces)), 3)
    order = np.argsort(sides)
    shared = np.flatnonzero(sides[order][1:] == sides[order][:-1])
    a, b = owner[order][shared], owner[order][shared + 1]
    _, label = components(len(faces), a, b)
    order = np.argsort(label)
    return np.split(faces[order], np.flatnonzero(np.diff(label[order])) + 1)


def _span(mesh: Mesh, group: np.ndarray) -> float:
    """About the distance a bridge over these faces must cross, seen from below.

    The narrowest strip holding the region, or for a ring or other non-convex region
    4 x area / outline (the width of a square, twice that of a long strip; for a region of
    a given area, a disc has the shortest outline, so this is at most 2 sqrt(area / pi)).
    """
    points = mesh.corners[:2, :, group].reshape(2, -1).T
    # The region's outline: the sides of its faces whose edge no other face of it shares
    # (the mesh's edge ids, numbered once for the whole part).
    edge, _, _, keys = mesh.edges
    sides = edge.reshape(-1, 3)[group].reshape(-1)
    used, uses = np.unique(sides, return_counts=True)
    low, high = np.divmod(keys[used[uses == 1]], len(mesh.vertices))
    ends = np.stack([mesh.vertices[low], mesh.vertices[high]], axis=1)[:, :, :2]
    length = np.linalg.norm(ends[:, 1] - ends[:, 0], axis=1).sum()
    area = float((mesh.areas[group] * -mesh.normals[2, group]).sum())
    compact = 4 * area / length if length > 0 else math.inf
    return float(min(_short_side(points), compact))


def _short_side(points: np.ndarray) -> float:
    """Width of the narrowest strip holding the points."""
    hull = points[convex_hull(points)]
    if len(hull) < 3:
        return float(np.ptp(points, axis=0).min())
    edges = np.roll(hull, -1, axis=0) - hull
    lengths = np.linalg.norm(edges, axis=1)
    edges, lengths = edges[lengths > 0], lengths[lengths > 0]
    normals = np.stack([-edges[:, 1], edges[:, 0]], axis=1) / lengths[:, None]
    return float(np.ptp(hull @ normals.T, axis=0).min())
