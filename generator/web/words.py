"""Numbers, quantities, countries and licences as readers read them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pycountry

from generator.checks.licences import OPEN_LICENCES


def number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def minutes(value: float) -> str:
    """`47 min` or `3 h 05 min`."""
    whole = round(value)
    return f"{whole} min" if whole < 60 else f"{whole // 60} h {whole % 60:02d} min"


def figures(grams: float | None, machine_minutes: float | None) -> str:
    """Material and machine time a product, as cards and search results show them:
    `24 g · 1 h 35 min`, either alone, or "" when neither is known."""
    said = [f"{number(round(grams))} g"] if grams is not None else []
    if machine_minutes is not None:
        said.append(minutes(machine_minutes))
    return " · ".join(said)


def time_left(days: int, day: str) -> str:
    """How long a need has left: `3 weeks left`, `5 days left`, `due today`, or, past its
    day, `expired on 2026-11-02`. Under two weeks, in days (a week and six days is not
    "1 week")."""
    if days < 0:
        return f"expired on {day}"
    if days == 0:
        return "due today"
    if days < 14:
        return f"{days} day{'' if days == 1 else 's'} left"
    return f"{days // 7} weeks left"


def quantity(entry: Mapping[str, Any]) -> str:
    """`1.38 g/cm3` or `160-180 °C`."""
    if "value" in entry:
        amount = number(entry["value"])
    else:
        amount = f"{number(entry.get('min'))}\u2013{number(entry.get('max'))}"
    return f"{amount} {entry.get('unit', '')}".strip()


def country_name(code: str) -> str:
    """`Nigeria` for `NG` (ISO 3166-1, its common name where it has one)."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def keyword(tag: str) -> str:
    """A tag as words: `mask-accessory` is "mask accessory"; `covid-19` keeps its hyphen."""
    return re.sub(r"-(?!\d)", " ", tag)


def licence_name(expression: str) -> str:
    return OPEN_LICENCES.get(expression, expression)


def licence_url(expression: str) -> str | None:
    return f"https://spdx.org/licenses/{expression}.html" if expression in OPEN_LICENCES else None
