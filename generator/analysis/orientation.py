"""A better resting pose: the stable pose needing clearly less support than the exported one."""

from __future__ import annotations

import time
from typing import NamedTuple

import numpy as np

from generator.analysis.graphs import convex_hull, inside_hull
from generator.analysis.mesh import Mesh, dot3, sum3
from generator.analysis.overhangs import overhangs
from generator.analysis.results import BetterOrientation, OrientationNotSearched, RestingFace

# Resting poses are compared on this many faces drawn by area, so that the search costs
# the same for any mesh; the pose it picks is then measured on every face.
ORIENTATION_SAMPLES = 20_000
RESTING_FACES = 6  # largest flat outer faces tried as the bed face, besides the six sides
UP = np.array([0.0, 0.0, 1.0])


def better_orientation(
    mesh: Mesh, limit: float, deadline: float
) -> BetterOrientation | OrientationNotSearched:
    """Among stable resting poses (the six sides and the largest flat outer faces), the
    one needing least support (for faces steeper than `limit` deg from vertical), if it
    needs clearly less than the exported orientation."""
    if time.monotonic() > deadline:
        return OrientationNotSearched(reason="time budget used up")
    sample = _face_sample(mesh)
    current = _support_proxy(mesh, sample, UP, limit)
    best: tuple[float, float, np.ndarray] | None = None
    tried = 0
    for down in _resting_directions(mesh, sample.which):
        if time.monotonic() > deadline:
            break
        tried += 1
        pose = _support_proxy(mesh, sample, -down, limit)
        if best is None or pose[1] < best[1]:
            best = (pose[0], pose[1], down)
    better = None
    if best is not None and best[1] < 0.5 * current[1] and current[0] - best[0] > 0:
        every = _every_face(mesh)
        current = _support_proxy(mesh, every, UP, limit)
        area, proxy = _support_proxy(mesh, every, -best[2], limit)
        if proxy < 0.5 * current[1] and current[0] - area > 0:
            normal = [round(float(v), 3) for v in best[2]]
            better = RestingFace(
                bed_face_normal=(normal[0], normal[1], normal[2]),
                overhang_area_mm2=round(area, 1),
                support_saving_pct=round(100 * (1 - proxy / current[1]), 0),
            )
    return BetterOrientation(
        poses_tried=tried,
        method="the six sides and the largest flat outer faces as the bed face, "
        f"compared on up to {ORIENTATION_SAMPLES} faces drawn by area",
        better=better,
    )


class _Faces(NamedTuple):
    """Some faces of a mesh: which, their corners (3, 3, k) and normals (3, k), and the
    area each stands for."""

    which: np.ndarray | slice
    corners: np.ndarray
    normals: np.ndarray
    weight: np.ndarray


def _every_face(mesh: Mesh) -> _Faces:
    return _Faces(slice(None), mesh.corners, mesh.normals, mesh.areas)


def _face_sample(mesh: Mesh) -> _Faces:
    """Faces to compare poses on: every face of a small mesh, else ORIENTATION_SAMPLES
    drawn with probability by area."""
    if len(mesh.faces) <= ORIENTATION_SAMPLES:
        return _every_face(mesh)
    sample = mesh.sample_faces(ORIENTATION_SAMPLES, np.random.default_rng(0))
    weight = np.full(ORIENTATION_SAMPLES, mesh.areas.sum() / ORIENTATION_SAMPLES)
    return _Faces(sample, mesh.corners[:, :, sample], mesh.normals[:, sample], weight)


def _support_proxy(mesh: Mesh, faces: _Faces, up: np.ndarray, limit: float) -> tuple[float, float]:
    """Overhang area and overhang area x height above the bed with `up` as up: cheap, for
    comparing poses."""
    z = dot3(faces.corners, up)
    normal_z = dot3(faces.normals, up)
    bed = float(dot3(mesh.vertex_columns, up).min())
    down = overhangs(normal_z, z, bed, limit)
    height = sum3(z[:, down]) / 3 - bed
    area = faces.weight[down]
    return float(area.sum()), float((area * -normal_z[down] * height).sum())


def _resting_directions(mesh: Mesh, sample: np.ndarray | slice) -> list[np.ndarray]:
    """Outward normals of faces the part can rest on: its six sides, and its largest flat
    faces (among the sampled ones) that lie on the part's outside, where it is stable."""
    directions = [
        np.array(v, dtype=float)
        for v in ([0, 0, -1], [0, 0, 1], [1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0])
    ]
    normals = mesh.normals[:, sample].T
    # Coplanar faces share a normal: group them by their normal rounded to 0.001.
    rounded = np.round(normals * 1000).astype(np.int64) + 1000
    key = (rounded[:, 0] * 2001 + rounded[:, 1]) * 2001 + rounded[:, 2]
    _, group = np.unique(key, return_inverse=True)
    totals = np.bincount(group, weights=mesh.areas[sample])
    normal_of = np.empty((len(totals), 3))
    normal_of[group] = normals
    closed = mesh.edge_counts() == (0, 0)
    centre = mesh.centre_of_mass if closed else mesh.centres.mean(axis=1)
    for g in np.argsort(totals)[::-1][:RESTING_FACES]:
        normal = normal_of[g]
        if not normal.any() or np.abs(np.array(directions) - normal).max(axis=1).min() < 1e-3:
            continue
        # On the outside: the faces lie where the part reaches furthest along the normal.
        reach = float(dot3(mesh.vertex_columns, normal).max())
        faces = np.arange(len(mesh.faces))[sample][group == g]
        outside = dot3(mesh.centres[:, faces], normal).max() >= reach - 0.05
        if outside and _stable(mesh, normal, centre):
            directions.append(normal)
    return directions


def _stable(mesh: Mesh, down: np.ndarray, centre: np.ndarray) -> bool:
    """Whether the centre of mass lies over the footprint when resting on face `down`."""
    depth = dot3(mesh.vertex_columns, down)
    contact = mesh.vertices[depth > depth.max() - 0.05]
    if len(contact) < 3:
        return False
    basis = np.linalg.svd(np.eye(3) - np.outer(down, down))[0][:, :2]
    flat = contact @ basis
    hull = flat[convex_hull(flat)]
    return len(hull) >= 3 and inside_hull(hull, centre @ basis)
