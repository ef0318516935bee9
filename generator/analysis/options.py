"""What a design says about making one part, beside its process: read once from the
record, kept in the analysis job and its cache key. Light on purpose: the runner imports it
before it knows whether any part needs analysing."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from generator.analysis.print_settings import PrintSettings

Vector = tuple[float, float, float]


@dataclass(frozen=True)
class PartOptions:
    """What a design says about making one part, beside its process."""

    opening_direction: Vector | None = None  # moulded parts; the file's z axis if None
    sheet_thickness_mm: float | None = None  # flat and formed parts
    units: str | None = None  # of a drawing that does not state its own
    print_settings: PrintSettings = field(default_factory=PrintSettings)  # printed parts

    @classmethod
    def of(cls, part: dict[str, Any], design: dict[str, Any] | None = None) -> PartOptions:
        """Read from a design's part (and the design's settings for all its printed parts),
        ignoring what has the wrong type (the validator reports it)."""
        direction = part.get("opening_direction")
        thickness = part.get("sheet_thickness_mm")
        units = part.get("units")
        opening: Vector | None = None
        if isinstance(direction, list) and len(direction) == 3:
            x, y, z = direction
            if _finite(x) and _finite(y) and _finite(z) and (x, y, z) != (0, 0, 0):
                opening = (float(x), float(y), float(z))
        return cls(
            opening_direction=opening,
            sheet_thickness_mm=float(thickness) if _finite(thickness) and thickness > 0 else None,
            units=units if isinstance(units, str) else None,
            print_settings=PrintSettings.of(
                (design or {}).get("print_settings"), part.get("print_settings")
            ),
        )


def _finite(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
