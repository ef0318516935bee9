"""Overhangs: faces steeper than the process allows."""

from __future__ import annotations

import numpy as np

from generator.analysis.fdm_profile import FdmProfile
from generator.analysis.mesh import max3

# Designers draw overhangs at exactly the rule's angle (45 deg), and an STL's float32
# corners put such faces a hair steeper (45.0001 deg): faces within this of the rule pass.
OVERHANG_TOLERANCE_DEG = 0.5


def overhangs(normal_z: np.ndarray, z: np.ndarray, bed: float, max_overhang: float) -> np.ndarray:
    """Faces facing down more steeply than `max_overhang` from vertical, off the bed.

    `normal_z` (n) and `z` (3, n) are the faces' normal and corner heights along the up
    direction. Faces lower than one layer above the bed rest on the first layer.
    """
    angle = np.degrees(np.arcsin(np.clip(-normal_z, -1, 1)))
    on_bed = (max3(z) - bed) < FdmProfile.layer_height
    return (angle > max_overhang) & ~on_bed
