"""Overhangs: faces steeper than the process allows, and the support volume under them."""

from __future__ import annotations

import numpy as np

from generator.analysis import bitgrid, fdm
from generator.analysis.mesh import Mesh, max3
from generator.analysis.slicing import Layers

# Designers draw overhangs at exactly the rule's angle (45 deg), and an STL's float32
# corners put such faces a hair steeper (45.0001 deg): faces within this of the rule pass.
OVERHANG_TOLERANCE_DEG = 0.5


def overhangs(normal_z: np.ndarray, z: np.ndarray, bed: float, max_overhang: float) -> np.ndarray:
    """Faces facing down more steeply than `max_overhang` from vertical, off the bed.

    `normal_z` (n) and `z` (3, n) are the faces' normal and corner heights along the up
    direction. Faces lower than one layer above the bed rest on the first layer.
    """
    angle = np.degrees(np.arcsin(np.clip(-normal_z, -1, 1)))
    on_bed = (max3(z) - bed) < fdm.FdmProfile.layer_height
    return (angle > max_overhang) & ~on_bed


def support_volume(mesh: Mesh, down: np.ndarray, layers: Layers) -> float:
    """Volume under the overhangs down to the part below them or the bed, mm3.

    Layer by layer from the bed, each column of the grid remembers its highest solid
    layer so far; an overhang face reads it when the sweep reaches the layer below it.
    """
    if not down.any():
        return 0.0
    centre = mesh.centres[:, down]
    layer, row, column, _ = layers.index(centre)
    row = np.clip(row, 0, layers.shape[1] - 1)
    column = np.clip(column, 0, layers.shape[2] - 1)
    below = np.full(centre.shape[1], -1)
    under = layer - 1  # the layer below the face's own
    highest = np.full(layers.shape[1:], -1, dtype=np.int32)
    order = np.argsort(under)
    bounds = np.searchsorted(under[order], np.arange(layers.shape[0] + 1))
    for k in range(min(int(under.max()) + 1, layers.shape[0])):
        solid = bitgrid.unpack(layers.solid[k], layers.shape[2])
        highest[solid] = k
        faces = order[bounds[k] : bounds[k + 1]]
        below[faces] = highest[row[faces], column[faces]]
    floor = layers.z0 + (below + 1) * layers.height
    height = np.maximum(centre[2] - floor, 0)
    projected = mesh.areas[down] * -mesh.normals[2, down]
    return float((projected * height).sum())
