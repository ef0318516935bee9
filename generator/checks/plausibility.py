"""Quantities that cannot be right: a value outside the plausible range of its kind
(ML220), or a unit its kind is never given in (ML221), by the table in
generator/checks/quantity_kinds.py. Each finding names the range and why it ends there,
and the value that was likely meant when a unit slipped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeGuard

from generator.checks.context import RuleContext, finding_at
from generator.checks.quantity_kinds import Kind, QuantityKinds, quantity_kinds
from generator.checks.schema_files import EACH_ITEM, fixed_units
from generator.checks.text_rules import field_name, walk
from generator.findings import Finding
from generator.records.catalog import Record
from generator.records.loader import JsonPath

ENDS = ("value", "min", "max")


def number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def quantities(data: Any) -> Iterator[tuple[JsonPath, str, dict[str, Any]]]:
    """Each quantity of a record (a mapping with a `unit` and a value or a range) with its
    path and its name: the last field name on its path (`window.nozzle_temperature` ->
    `nozzle_temperature`)."""
    for path, value in walk(data):
        if (
            isinstance(value, dict)
            and "unit" in value
            and any(end in value for end in ENDS)
            and path[:1] != ("references",)
        ):
            names = [step for step in path if isinstance(step, str)]
            if names:
                yield path, names[-1], value


def _pattern(path: JsonPath) -> tuple[str, ...]:
    return tuple(EACH_ITEM if isinstance(step, int) else step for step in path)


def _figure(value: float) -> str:
    return f"{value:.4g}" if abs(value) < 1e6 else f"{value:.3e}"


def conversion_text(table: QuantityKinds, quantity: dict[str, Any], unit: str) -> str | None:
    """`1180 kg/m3 is 1.18 g/cm3`: the quantity's value (or range) in `unit`, if the table
    converts its unit into that one."""
    given = quantity.get("unit")
    ends = [quantity[end] for end in ENDS if number(quantity.get(end))]
    if not isinstance(given, str) or not ends:
        return None
    converted = [table.convert(value, given, unit) for value in ends]
    if any(value is None for value in converted):
        return None
    written = "-".join(f"{value:g}" for value in ends)
    return f"{written} {given} is {'-'.join(_figure(v) for v in converted if v is not None)} {unit}"


def _outside(table: QuantityKinds, kind: Kind, path: JsonPath, value: float, unit: str) -> str:
    message = (
        f"{field_name(path)} is {value:g} {unit}, outside the plausible range of a "
        f"{kind.name}: {kind.range_text()} ({kind.why_text()})"
    )
    meant = [(v, u) for v, u in table.meant(kind, value) if u != unit][:2]
    if meant:
        message += (
            "; did you mean "
            + " or ".join(f"{_figure(v)} {kind.unit} ({value:g} {u})" for v, u in meant)
            + "?"
        )
    return message


def plausibility_findings(record: Record, context: RuleContext) -> Iterator[Finding]:
    """Every quantity of the record whose unit does not suit its kind, or whose value (each
    end of a range) lies outside the kind's plausible range."""
    table = quantity_kinds()
    fixed = fixed_units(record.type)
    for path, name, quantity in quantities(record.data):
        unit = quantity.get("unit")
        kind = table.kind_of(name, unit)
        if kind is None or not isinstance(unit, str):
            continue
        if unit not in kind.units:
            if _pattern(path) not in fixed:  # there the schema reports it (ML104)
                converted = conversion_text(table, quantity, kind.unit)
                yield finding_at(
                    record,
                    (*path, "unit"),
                    "ML221",
                    f"{field_name(path)} is given in {unit!r}, but a {kind.name} is given in "
                    f"{' or '.join(kind.units)}" + (f" ({converted})" if converted else ""),
                )
            continue
        for end in ENDS:
            value = quantity.get(end)
            if not number(value):
                continue
            in_unit = value if unit == kind.unit else table.convert(value, unit, kind.unit)
            if in_unit is not None and not kind.admits(in_unit):
                where = (*path, end)
                yield finding_at(record, where, "ML220", _outside(table, kind, path, value, unit))
