"""Reading a record's quantities (`{value, unit, source}` or `{min, max, unit, source}`)."""

from __future__ import annotations

import math
from typing import Any, TypeGuard

from generator.analysis.said import Name, Value, say


def quantity_value(quantity: Any) -> float | None:
    """A quantity's value, or the middle of its range; None if it has neither."""
    if not isinstance(quantity, dict):
        return None
    if isinstance(quantity.get("value"), int | float):
        return float(quantity["value"])
    low, high = quantity.get("min"), quantity.get("max")
    if isinstance(low, int | float) and isinstance(high, int | float):
        return (low + high) / 2
    return None


def quantity_ends(quantity: Any) -> tuple[float, float] | None:
    """A quantity's range (low, high); a single value is both ends. None if it has neither
    or either end is not a finite number."""
    if not isinstance(quantity, dict):
        return None
    value, low, high = quantity.get("value"), quantity.get("min"), quantity.get("max")
    if _number(value):
        return float(value), float(value)
    if _number(low) and _number(high):
        return float(low), float(high)
    return None


def quantity_said(quantity: Any) -> Value:
    """`2-5 deg` or `2.5 mm`, as a reason quotes a rule (`?` where it has no number)."""
    ends = quantity_ends(quantity)
    unit = quantity.get("unit", "") if isinstance(quantity, dict) else ""
    if ends is None:
        return Name(text="?")
    low, high = ends
    if low == high:
        return say("%(value)s %(unit)s", value=low, unit=str(unit))
    return say("%(low)s-%(high)s %(unit)s", low=low, high=high, unit=str(unit))


def _number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def text_or_none(value: object) -> str | None:
    """A record's text field, or None where it holds something else."""
    return value if isinstance(value, str) else None
