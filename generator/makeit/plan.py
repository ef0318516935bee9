"""A batch: what N of a design take in material, machine time, sheets and money.

From a design's parts (one part of each set of alternatives: the first listed), each in its
first listed material that the analysis gave a mass for, and the analysis of each part:
- material: the part's mass (a press's charge for compression moulding, the sheet a
  vacuum former takes, the pieces of a flat part) x its quantity;
- machine time: the print time of a printed part, or the process record's `cycle_time`
  (or `oven_time`) per moulded part; other processes' times are not estimated, and the
  plan says so;
- stock: sheets for flat and formed parts (whole sheets: a batch rounds up), or metres
  of fabric from a roll;
- cost: each material's kg x a price per kg, the user's (any currency), or a reference
  price on record with its place, date and source; none is ever assumed.

Pure: records and analyses in, a Plan out. The design page's batch calculator
(generator/web/assets/plan.js) computes the same from the per-unit figures it is given;
a test checks both agree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.analysis.quantities import quantity_value
from generator.analysis.results import Analysis, MaterialUse, PartAnalysis, PartResult
from generator.records.alternatives import groups


@dataclass(frozen=True)
class Price:
    """A price per kg: the user's, or a reference on record."""

    amount: float
    currency: str | None  # None: the user's own currency, not named
    place: str | None = None
    date: str | None = None
    source: str | None = None  # the reference's title


@dataclass(frozen=True)
class PartPlan:
    part: str
    name: str
    process: str
    per_unit: int  # how many one product takes
    material: str | None
    grams_each: float | None
    minutes_each: float | None
    time_basis: str | None  # what the minutes are: print time, a cycle...
    sheet: str | None  # the stock one part is cut or formed from, in words
    parts_per_sheet: int | None  # None for a roll, or a part not from sheet
    roll_mm_each: float | None  # length of roll one part takes


@dataclass(frozen=True)
class MaterialTotal:
    material: str
    name: str
    kg_per_unit: float
    kg_batch: float
    price: Price | None
    cost_per_unit: float | None
    cost_batch: float | None


@dataclass(frozen=True)
class MachineTotal:
    process: str
    name: str
    hours_per_unit: float
    hours_batch: float


@dataclass(frozen=True)
class StockTotal:
    process: str
    what: str
    batch: float  # sheets (whole) or metres of roll
    unit: str  # "sheets" or "m"


@dataclass(frozen=True)
class Plan:
    design: str
    title: str
    quantity: int
    parts: tuple[PartPlan, ...]
    materials: tuple[MaterialTotal, ...]
    machines: tuple[MachineTotal, ...]
    stock: tuple[StockTotal, ...]
    not_estimated: tuple[str, ...]

    @property
    def cost_batch(self) -> float | None:
        """The batch's material cost, when every material has a price in one currency."""
        costs = [m.cost_batch for m in self.materials]
        currencies = {m.price.currency for m in self.materials if m.price}
        if not costs or None in costs or len(currencies) > 1:
            return None
        return sum(c for c in costs if c is not None)


class PlanError(ValueError):
    """A quantity or price that cannot make a plan; the message says what to give."""


def plan(
    design_id: str,
    design: Mapping[str, Any],
    analyses: Mapping[str, PartResult],
    processes: Mapping[str, Mapping[str, Any]],
    materials: Mapping[str, Mapping[str, Any]],
    quantity: int,
    prices: Mapping[str, Price] | None = None,
) -> Plan:
    """The plan for `quantity` of a design; `prices` by material id override references."""
    if quantity < 1:
        raise PlanError(f"the quantity must be a whole number from 1, not {quantity}")
    listed = [p for p in design.get("parts") or [] if isinstance(p, dict)]
    chosen = [listed[group[0]] for group in groups(listed)]
    parts = tuple(
        _part(part, analyses.get(f"{design_id}/{part.get('id')}"), processes) for part in chosen
    )
    missing = tuple(_not_estimated(parts, processes))
    return Plan(
        design=design_id,
        title=str(design.get("title", design_id)),
        quantity=quantity,
        parts=parts,
        materials=_materials(parts, materials, quantity, prices or {}),
        machines=_machines(parts, processes, quantity),
        stock=_stock(parts, quantity),
        not_estimated=missing,
    )


def _part(
    part: Mapping[str, Any], result: PartResult | None, processes: Mapping[str, Mapping[str, Any]]
) -> PartPlan:
    process_id = str(part.get("process"))
    process = processes.get(process_id) or {}
    analysis = result.analysis if isinstance(result, PartAnalysis) else None
    use = _first_with_mass(part, analysis)
    quantity = part.get("quantity")
    minutes, basis = _minutes(analysis, use, process)
    sheet, per_sheet, roll = _sheet(analysis, use)
    grams = None
    if use is not None:
        charge = use.shot.charge_g if use.shot else None
        grams = charge or use.mass_g
    return PartPlan(
        part=str(part.get("id")),
        name=str(part.get("name", part.get("id"))),
        process=process_id,
        per_unit=quantity if isinstance(quantity, int) and quantity > 0 else 1,
        material=use.material if use else None,
        grams_each=grams,
        minutes_each=minutes,
        time_basis=basis,
        sheet=sheet,
        parts_per_sheet=per_sheet,
        roll_mm_each=roll,
    )


def _first_with_mass(part: Mapping[str, Any], analysis: Analysis | None) -> MaterialUse | None:
    """The part's first listed material that the analysis weighed."""
    if analysis is None:
        return None
    by_material = {row.material: row for row in analysis.materials}
    for material in part.get("materials") or []:
        row = by_material.get(material)
        if row is not None and row.mass_g is not None:
            return row
    return None


def _minutes(
    analysis: Analysis | None, use: MaterialUse | None, process: Mapping[str, Any]
) -> tuple[float | None, str | None]:
    if use is not None and use.filament is not None:
        return use.filament.print_time_min, "print time"
    parameters = process.get("parameters") or {}
    if analysis is not None and analysis.moulding is not None:
        for name, basis in (("cycle_time", "one injection"), ("oven_time", "oven time")):
            minutes = quantity_value(parameters.get(name))
            if minutes is not None:
                return minutes, basis
    return None, None


def _sheet(
    analysis: Analysis | None, use: MaterialUse | None
) -> tuple[str | None, int | None, float | None]:
    """The stock one part comes from: (what, parts per sheet, mm of roll per part)."""
    if analysis is None:
        return None, None, None
    if analysis.flat is not None and analysis.flat.layouts:
        layout = analysis.flat.layouts[0]
        if layout.pieces_per_sheet:
            return layout.sheet, layout.pieces_per_sheet, None
        if layout.roll_mm_per_100 is not None:
            return layout.sheet, None, layout.roll_mm_per_100 / 100
    if analysis.forming is not None and use is not None and use.sheet is not None:
        return f"sheets of {use.sheet.sheet_area_mm2 / 100:g} cm2", 1, None
    return None, None, None


def _materials(
    parts: tuple[PartPlan, ...],
    records: Mapping[str, Mapping[str, Any]],
    quantity: int,
    prices: Mapping[str, Price],
) -> tuple[MaterialTotal, ...]:
    grams: dict[str, float] = {}
    for part in parts:
        if part.material is not None and part.grams_each is not None:
            grams[part.material] = grams.get(part.material, 0.0) + part.grams_each * part.per_unit
    totals = []
    for material, per_unit in grams.items():
        record = records.get(material) or {}
        price = prices.get(material) or reference_price(record)
        kg = per_unit / 1000
        totals.append(
            MaterialTotal(
                material=material,
                name=str(record.get("name", material)),
                kg_per_unit=kg,
                kg_batch=kg * quantity,
                price=price,
                cost_per_unit=kg * price.amount if price else None,
                cost_batch=kg * quantity * price.amount if price else None,
            )
        )
    return tuple(totals)


def reference_price(record: Mapping[str, Any]) -> Price | None:
    """The material's first reference price per kg on record, with where, when and whence."""
    references = {r.get("id"): r for r in record.get("references") or [] if isinstance(r, dict)}
    for entry in record.get("reference_prices") or []:
        if isinstance(entry, dict) and entry.get("per") == "kg":
            source = references.get(entry.get("source")) or {}
            return Price(
                amount=float(entry["amount"]),
                currency=str(entry.get("currency")),
                place=str(entry.get("place")),
                date=str(entry.get("date")),
                source=str(source.get("title", entry.get("source"))),
            )
    return None


def _machines(
    parts: tuple[PartPlan, ...], processes: Mapping[str, Mapping[str, Any]], quantity: int
) -> tuple[MachineTotal, ...]:
    minutes: dict[str, float] = {}
    for part in parts:
        if part.minutes_each is not None:
            minutes[part.process] = (
                minutes.get(part.process, 0.0) + part.minutes_each * part.per_unit
            )
    return tuple(
        MachineTotal(
            process=process,
            name=str((processes.get(process) or {}).get("name", process)),
            hours_per_unit=total / 60,
            hours_batch=total / 60 * quantity,
        )
        for process, total in minutes.items()
    )


def _stock(parts: tuple[PartPlan, ...], quantity: int) -> tuple[StockTotal, ...]:
    totals = []
    for part in parts:
        count = part.per_unit * quantity
        if part.sheet is None:
            continue
        if part.parts_per_sheet:
            totals.append(
                StockTotal(
                    part.process, part.sheet, math.ceil(count / part.parts_per_sheet), "sheets"
                )
            )
        elif part.roll_mm_each is not None:
            totals.append(
                StockTotal(part.process, part.sheet, part.roll_mm_each * count / 1000, "m")
            )
    return tuple(totals)


def _not_estimated(
    parts: tuple[PartPlan, ...], processes: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    """What the plan leaves out, in words."""
    said = []
    for part in parts:
        if part.grams_each is None:
            said.append(f"material for {part.name}: no mass from the analysis")
        if part.minutes_each is None:
            process = (processes.get(part.process) or {}).get("name", part.process)
            said.append(f"time for {part.name}: {process} gives no time per part")
    return said
