"""The top of a design's page: its best picture, the figures a maker decides on (material,
time, the verdict, how far it is proven), and the data of the batch calculator.

The calculator (generator/web/assets/plan.js) is given the per-product figures of
generator.makeit.plan and multiplies them out in the browser; `makelocal plan` prints the
same for any quantity and price.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.analysis.results import PartAnalysis, Verdict
from generator.makeit.plan import Plan, plan
from generator.records.catalog import Record
from generator.records.facts import data_of, parts_of
from generator.web.index import Index
from generator.web.markup import script_json
from generator.web.settings_box import SettingsBox, settings_box

# Worst first: a design is as makeable as its least makeable part.
VERDICT_ORDER: tuple[Verdict, ...] = ("not-printable", "needs-attention", "ready")


@dataclass(frozen=True)
class Summary:
    verdict: str | None  # the worst verdict of the analysed parts, or None
    grams: float | None  # material per product, all materials
    minutes: float | None  # machine time per product, where estimated
    part_count: int  # parts per product (one of each set of alternatives)
    print_settings: SettingsBox | None  # the FDM settings the estimate used
    batch: Plan  # for one product
    calculator: str  # JSON for plan.js


def summary(index: Index, design: Record) -> Summary:
    """The design's summary, made once per build (cards and its page share it)."""
    found = index.summaries.get(design.id)
    if found is None:
        found = index.summaries[design.id] = _summarise(index, design)
    return found


def _summarise(index: Index, design: Record) -> Summary:
    data = data_of(design)
    # The design's own parts' analyses, looked up by key (not by scanning every analysis
    # of the catalogue for the design's prefix, which made a build quadratic).
    analyses = {
        f"{design.id}/{part.get('id')}": result
        for part in parts_of(data)
        if (result := index.analysis(design.id, str(part.get("id")))) is not None
    }
    one = plan(
        design.id,
        data,
        analyses,
        {i: data_of(r) for i, r in index.processes.items()},
        {i: data_of(r) for i, r in index.materials.items()},
        1,
    )
    verdicts = [r.analysis.verdict for r in analyses.values() if isinstance(r, PartAnalysis)]
    worst = next((v for v in VERDICT_ORDER if v in verdicts), None)
    grams = [p.grams_each * p.per_unit for p in one.parts if p.grams_each is not None]
    minutes = [p.minutes_each * p.per_unit for p in one.parts if p.minutes_each is not None]
    return Summary(
        verdict=worst,
        grams=sum(grams) if grams else None,
        minutes=sum(minutes) if minutes else None,
        part_count=sum(p.per_unit for p in one.parts),
        print_settings=settings_box(
            parts_of(data), {p: index.analysis(design.id, p) for p in _part_ids(data)}
        ),
        batch=one,
        calculator=script_json(calculator_data(one)),
    )


def calculator_data(one: Plan) -> dict[str, Any]:
    """The per-product figures the page's calculator multiplies out."""
    return {
        "materials": [
            {
                "id": m.material,
                "name": m.name,
                "kgPerUnit": m.kg_per_unit,
                "price": None
                if m.price is None
                else {
                    "amount": m.price.amount,
                    "currency": m.price.currency,
                    "place": m.price.place,
                    "date": m.price.date,
                    "source": m.price.source,
                },
            }
            for m in one.materials
        ],
        "machines": [{"name": m.name, "hoursPerUnit": m.hours_per_unit} for m in one.machines],
        "stock": [
            {
                "what": p.sheet,
                "perUnit": p.per_unit,
                "perSheet": p.parts_per_sheet,
                "mmEach": p.roll_mm_each,
            }
            for p in one.parts
            if p.sheet is not None
        ],
        "notEstimated": list(one.not_estimated),
    }


def _part_ids(data: Mapping[str, Any]) -> list[str]:
    return [str(part.get("id")) for part in parts_of(data)]
