"""Whether a part fits a machine: one rule for the analysis and for matching.

A part stands as exported (z up) and may be turned by any angle about the vertical axis,
diagonally too; tipping it onto another face changes its overhangs, so that is reported
apart by the analysis and never assumed by matching.
"""

from __future__ import annotations

import math
from functools import lru_cache

Size = tuple[float, float, float]

# Sizes are compared to the micrometre: an STL exported at exactly the bed size fits.
TOLERANCE_MM = 0.001
AS_EXPORTED = "as exported"
QUARTER_TURN = "turned a quarter turn"
# The orientation the analysis measures a printed part in.
STANDING = "as exported (z up)"
DIAGONAL = "turned {angle}°, diagonally"


@lru_cache(maxsize=1 << 16)  # many designs and makers meet the same profiles
def placement(size: Size, volume: Size) -> str | None:
    """How a part of bounding box `size` fits in `volume`, or None if it does not.

    Turning about z only changes the footprint. A p x q footprint (p >= q) fits an a x b
    bed (a >= b) straight if p <= a and q <= b. If q > b it never fits: at every angle its
    extent across the bed is at least q. If p > a, the smallest angle that brings its
    extent along the bed down to a is the best one (its extent across only grows from
    there until the quarter turn, which is already too wide), so one check decides.
    """
    x, y, z = size
    bed_x, bed_y, height = volume
    if z > height + TOLERANCE_MM:
        return None
    if x <= bed_x + TOLERANCE_MM and y <= bed_y + TOLERANCE_MM:
        return AS_EXPORTED
    if y <= bed_x + TOLERANCE_MM and x <= bed_y + TOLERANCE_MM:
        return QUARTER_TURN
    p, q = max(x, y), min(x, y)
    a, b = max(bed_x, bed_y), min(bed_x, bed_y)
    if p <= a + TOLERANCE_MM:
        return None
    angle = math.atan2(q, p) + math.acos(a / math.hypot(p, q))
    if angle >= math.pi / 2 or p * math.sin(angle) + q * math.cos(angle) > b + TOLERANCE_MM:
        return None
    return DIAGONAL.format(angle=f"{math.degrees(angle):.0f}")


def fits_on_any_side(size: Size, volume: Size) -> bool:
    """Whether the part fits when it may also be laid on another side."""
    return all(s <= b + TOLERANCE_MM for s, b in zip(sorted(size), sorted(volume), strict=True))
