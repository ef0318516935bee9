"""Print settings that cannot be printed (ML220): the schema bounds each setting alone
(common.schema.json's print_settings); here a part's layer height is checked against the
nozzle of the process it is printed by. PrusaSlicer refuses a layer thicker than the
nozzle ("Layer height can't be greater than nozzle diameter", Print::validate), and so
would the estimate's flow model, which squeezes each line flatter than the nozzle."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.checks.context import RuleContext, finding_at, items
from generator.checks.plausibility import number
from generator.findings import Finding
from generator.records.catalog import Record
from generator.records.loader import JsonPath


def print_settings_findings(record: Record, context: RuleContext) -> Iterator[Finding]:
    """Each printed part whose layer height (its own, or the design's) is thicker than its
    process record's nozzle; the design's setting is reported once, at its own line."""
    design_settings = record.data.get("print_settings")
    reported: set[JsonPath] = set()
    for index, part in enumerate(items(record.data, "parts")):
        if not isinstance(part, dict):
            continue
        process = context.named("process", part.get("process"))
        nozzle = _nozzle_mm(process.data) if process and isinstance(process.data, dict) else None
        where, layer = _layer_height(part, index, design_settings)
        if nozzle is None or where is None or not number(layer) or layer <= nozzle:
            continue
        if where in reported:
            continue
        reported.add(where)
        yield finding_at(
            record,
            where,
            "ML220",
            f"the layer height of {layer:g} mm is thicker than the {nozzle:g} mm nozzle of "
            f"{part.get('process')}, which prints part {part.get('id')!r}: a slicer lays no "
            f"layer thicker than its nozzle; give at most {nozzle:g} mm",
        )


def _layer_height(
    part: dict[str, Any], index: int, design_settings: object
) -> tuple[JsonPath | None, object]:
    """The layer height a part is printed at and where it is written: its own setting,
    else the design's."""
    own = part.get("print_settings")
    if isinstance(own, dict) and "layer_height_mm" in own:
        return ("parts", index, "print_settings", "layer_height_mm"), own["layer_height_mm"]
    if isinstance(design_settings, dict) and "layer_height_mm" in design_settings:
        return ("print_settings", "layer_height_mm"), design_settings["layer_height_mm"]
    return None, None


def _nozzle_mm(process: dict[str, Any]) -> float | None:
    """The process record's nozzle diameter in mm (the largest, for a range); None if it
    gives none, and then nothing is checked: the process has no nozzle, or does not say."""
    if process.get("analysis") != "fdm":
        return None
    quantity = (process.get("parameters") or {}).get("nozzle_diameter")
    if not isinstance(quantity, dict) or quantity.get("unit") != "mm":
        return None
    largest = quantity.get("max", quantity.get("value"))
    return float(largest) if number(largest) and largest > 0 else None
