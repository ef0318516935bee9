"""Print settings that go unused (ML223) or cannot be printed (ML220). The schema bounds
each setting alone (common.schema.json's print_settings); here they are checked against
the parts' processes: only a part printed by FDM takes them, and its layer height no
thicker than its process's nozzle. PrusaSlicer refuses a layer thicker than the
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
    """Print settings on parts that are not printed (ML223), and layers thicker than the
    nozzle (ML220)."""
    yield from _unprinted(record, context)
    yield from _thicker_than_the_nozzle(record, context)


def _unprinted(record: Record, context: RuleContext) -> Iterator[Finding]:
    """A part's print settings when its process is not FDM printing, and the design's
    when none of its parts is printed (a part of an unknown process is ML203's)."""
    printed = False
    for index, part in enumerate(items(record.data, "parts")):
        process = context.named("process", part.get("process")) if isinstance(part, dict) else None
        if process is None or not isinstance(process.data, dict):
            printed = True  # unknown: the design's settings may be for it
            continue
        if process.data.get("analysis") == "fdm":
            printed = True
        elif isinstance(part.get("print_settings"), dict):
            name = process.data.get("name") or part.get("process")
            yield finding_at(
                record,
                ("parts", index, "print_settings"),
                "ML223",
                f"part {part.get('id')!r} is made by {name}, not printed: its print settings "
                "are not used",
                key=True,
            )
    if not printed and isinstance(record.data.get("print_settings"), dict):
        yield finding_at(
            record,
            ("print_settings",),
            "ML223",
            "no part of this design is printed: its print settings are not used",
            key=True,
        )


def _thicker_than_the_nozzle(record: Record, context: RuleContext) -> Iterator[Finding]:
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
