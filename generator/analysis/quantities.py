"""Reading a record's quantities (`{value, unit, source}` or `{min, max, unit, source}`)."""

from __future__ import annotations

from typing import Any


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
