"""The index serve's preview builds for edited designs, taking from the last build what it
worked out for every other design (PerDesign), is the index built afresh."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import cache
from typing import Any

import pytest

from generator.analysis.results import PartResult
from generator.records.catalog import Catalog, Record
from generator.records.documents import Document
from generator.web.index import Index, build_index, per_design
from generator.web.sources import PROJECT, analyse, load_valid_catalog

DESIGN = "face-shield-headband"
AS_OF = datetime.date(2026, 12, 7)
Data = dict[str, Any]


@cache
def before() -> tuple[Catalog, Mapping[str, PartResult], Index]:
    catalog = load_valid_catalog(PROJECT)
    analyses = analyse(catalog, PROJECT)
    return catalog, analyses, build_index(catalog, analyses, AS_OF)


def _one_material(data: Data) -> None:
    data["parts"][0]["materials"] = ["petg"]


def _no_parts_printed(data: Data) -> None:
    data["parts"][0]["process"] = "injection-moulding"


def _made_and_tested(data: Data) -> None:
    data["maturity"] = "production"
    data["evidence"] = [
        {"kind": "use", "date": "2026-12-01", "summary": "Worn through a shift.", "by": "x"}
    ]


def _other_category(data: Data) -> None:
    data["category"] = "household"


EDITS: dict[str, tuple[Callable[[Data], None], Callable[[Index], object]]] = {
    # the edit, and what it changes in the index (the test's edit must change something)
    "materials": (_one_material, lambda index: index.match_catalogue),
    "process": (_no_parts_printed, lambda index: index.who_can_make[DESIGN]),
    "evidence": (_made_and_tested, lambda index: index.ladders[DESIGN]),
    "category": (_other_category, lambda index: index.designs_by_category),
}


def edited(catalog: Catalog, edit: Callable[[Data], None]) -> Catalog:
    records = []
    for record in catalog.records:
        if record.type == "design" and record.id == DESIGN:
            data = copy.deepcopy(record.data)
            edit(data)
            record = Record(record.type, record.path, record.display, Document(record.path, data))
        records.append(record)
    return replace(catalog, records=records)


@pytest.mark.parametrize("name", EDITS)
def test_the_index_of_an_edited_design_is_the_one_built_afresh(name: str) -> None:
    catalog, analyses, last = before()
    edit, changes = EDITS[name]
    catalog = edited(catalog, edit)
    afresh = build_index(catalog, analyses, AS_OF)
    assert changes(afresh) != changes(last), "the edit changes nothing the index holds"
    kept = build_index(catalog, analyses, AS_OF, per_design(last), {DESIGN})
    assert kept == afresh


def test_a_design_not_said_to_be_edited_keeps_the_last_builds_work() -> None:
    catalog, analyses, last = before()
    catalog = edited(catalog, _no_parts_printed)
    kept = build_index(catalog, analyses, AS_OF, per_design(last), set())
    assert kept.who_can_make[DESIGN] == last.who_can_make[DESIGN]
    assert kept != build_index(catalog, analyses, AS_OF)
