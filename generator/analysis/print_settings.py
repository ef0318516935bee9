"""The FDM print settings a design recommends (its `print_settings`, and each part's own),
as the estimate takes them: the reference profile with the process record's parameters,
then the design's settings over them.

Light on purpose, like generator.analysis.options: read before the runner knows whether
any part needs analysing. The bounds come from the schema (common.schema.json's
print_settings), the single place they are written; a value outside them is left out here
and reported by the validator.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

from generator.analysis.codec import OMITTED_WHEN_NONE
from generator.analysis.said import Clause, say

# The design's setting -> the profile's field and the factor into its unit.
PROFILE_FIELDS: dict[str, tuple[str, float]] = {
    "layer_height_mm": ("layer_height", 1.0),
    "perimeters": ("perimeters", 1.0),
    "infill_percent": ("infill_density", 0.01),
    "top_solid_layers": ("top_solid_layers", 1.0),
    "bottom_solid_layers": ("bottom_solid_layers", 1.0),
}


@dataclass(frozen=True)
class PrintSettings:
    """What a design recommends for printing one part; None where it says nothing."""

    layer_height_mm: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    perimeters: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    infill_percent: float | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    top_solid_layers: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    bottom_solid_layers: int | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    supports: bool | None = field(default=None, metadata=OMITTED_WHEN_NONE)

    @classmethod
    def of(cls, *stated: object) -> PrintSettings:
        """The settings of the given `print_settings` mappings, each later one overriding
        the earlier field by field (the design's, then the part's). A value of the wrong
        type or outside the schema's bounds is left out: the validator reports it."""
        values: dict[str, Any] = {}
        for mapping in stated:
            if not isinstance(mapping, dict):
                continue
            for name, rule in _bounds().items():
                value = _admitted(rule, mapping.get(name))
                if value is not None:
                    values[name] = value
        return cls(**values)

    @property
    def given(self) -> bool:
        return any(getattr(self, each.name) is not None for each in fields(self))

    def profile_changes(self) -> dict[str, float | int]:
        """The profile's fields these settings set, in the profile's units."""
        changes: dict[str, float | int] = {}
        for name, (target, factor) in PROFILE_FIELDS.items():
            value = getattr(self, name)
            if value is not None:
                changes[target] = value if factor == 1.0 else value * factor
        return changes


NOT_GIVEN = PrintSettings()  # a part whose design recommends nothing


@cache
def _bounds() -> dict[str, Mapping[str, Any]]:
    """Each setting's schema: its type and bounds."""
    from generator.checks.schema_files import schema_node

    properties = schema_node("common", "/$defs/print_settings")["properties"]
    return {name: properties[name] for name in (*PROFILE_FIELDS, "supports")}


def _admitted(rule: Mapping[str, Any], value: object) -> bool | int | float | None:
    """The value if the schema's `rule` admits it (a count written 3.0 as the count 3),
    else None."""
    kind = rule.get("type")
    if kind == "boolean":
        return value if isinstance(value, bool) else None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    if kind == "integer":
        if not float(value).is_integer():
            return None
        value = int(value)
    inside = rule.get("minimum", -math.inf) <= value <= rule.get("maximum", math.inf)
    return value if inside else None


def phrases(settings: Mapping[str, Any], names: Iterable[str]) -> list[Clause]:
    """The named profile settings in words, in the order a slicer lists them:
    `0.2 mm layers`, `3 perimeters`, `20 % infill`, `5 top and 4 bottom solid layers`."""
    wanted = set(names)
    words: list[Clause] = []
    if "layer_height" in wanted:
        words.append(say("%(height)s mm layers", height=_number(settings["layer_height"])))
    if "perimeters" in wanted:
        count = settings["perimeters"]
        if count == 1:
            words.append(say("%(count)s perimeter", count=count))
        else:
            words.append(say("%(count)s perimeters", count=count))
    if "infill_density" in wanted:
        density = _number(settings["infill_density"] * 100)
        words.append(say("%(density)s %% infill", density=density))
    top, bottom = ("top_solid_layers" in wanted), ("bottom_solid_layers" in wanted)
    if top and bottom:
        words.append(
            say(
                "%(top)s top and %(bottom)s bottom solid layers",
                top=settings["top_solid_layers"],
                bottom=settings["bottom_solid_layers"],
            )
        )
    elif top:
        words.append(say("%(count)s top solid layers", count=settings["top_solid_layers"]))
    elif bottom:
        words.append(say("%(count)s bottom solid layers", count=settings["bottom_solid_layers"]))
    if "extrusion_width" in wanted:
        words.append(say("%(width)s mm lines", width=_number(settings["extrusion_width"])))
    return words


def recommended_phrases(used: Mapping[str, Any], recommended: PrintSettings) -> list[Clause]:
    """What the design recommends, in words, with the values of `used` (the profile the
    estimate used, which holds them): `0.2 mm layers, 3 perimeters, without supports`."""
    words = phrases(used, recommended.profile_changes())
    if recommended.supports is not None:
        words.append(say("with supports") if recommended.supports else say("without supports"))
    return words


def _number(value: float) -> float:
    """0.2, 15, 0.45: rounded to what a slicer's settings show."""
    return round(value, 3)
