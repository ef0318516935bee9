"""Every process of the catalogue is put to use: a design is made by it (or its record says
why none is), the analysis of its parts reads the design rules CHECKED_RULES says it
checks and no others, and what its machines state about their size and capacity is read
by the analysis or by matching."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.analysis.runner import Settings, analyse_job, select_jobs
from generator.makeit.inputs import catalogue
from generator.records.catalog import Catalog, load_catalog
from generator.records.facts import CHECKED_RULES, data_of, parts_of

ROOT = Path(__file__).resolve().parents[2]
# What a machine profile says about itself rather than about what it can take.
DESCRIPTIVE = {"id", "name", "notes", "source", "open_design"}


class Reads(dict[str, Any]):
    """A mapping that notes each key read from it."""

    def __init__(self, data: dict[str, Any], seen: set[str]) -> None:
        super().__init__(data)
        self.seen = seen

    def get(self, key: str, default: Any = None) -> Any:
        self.seen.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self.seen.add(key)
        return super().__getitem__(key)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT)


@pytest.fixture(scope="module")
def reads(catalog: Catalog) -> dict[str, tuple[set[str], set[str]]]:
    """For each process a design uses: the design rules and machine fields the analysis
    of its parts read."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    with tempfile.TemporaryDirectory() as cache:
        for job in select_jobs(catalog, [], None):
            rules, machines = found.setdefault(str(job.process["id"]), (set(), set()))
            process = dict(job.process)
            process["design_rules"] = Reads(process.get("design_rules") or {}, rules)
            process["machines"] = [Reads(m, machines) for m in process.get("machines") or []]
            analyse_job(replace(job, process=process), "0" * 64, Settings(cache=Path(cache)))
    return found


def test_every_process_makes_a_design_or_says_why_not(catalog: Catalog) -> None:
    used = {p.get("process") for d in catalog.designs.values() for p in parts_of(data_of(d))}
    idle = [
        i
        for i, r in catalog.processes.items()
        if i not in used and not data_of(r).get("no_designs_reason")
    ]
    assert idle == []


def test_each_analysis_reads_the_rules_it_says_it_checks(
    catalog: Catalog, reads: dict[str, tuple[set[str], set[str]]]
) -> None:
    for process_id, (rules, _) in reads.items():
        data = data_of(catalog.processes[process_id])
        stated = set(data.get("design_rules") or {})
        assert rules & stated == CHECKED_RULES[data["analysis"]] & stated, process_id


def test_what_machines_can_take_is_read(
    catalog: Catalog, reads: dict[str, tuple[set[str], set[str]]]
) -> None:
    """By the analysis of the parts made on them, or by matching parts to machines."""
    matched: set[str] = set()
    processes = {
        i: {**data_of(r), "machines": [Reads(m, matched) for m in data_of(r).get("machines") or []]}
        for i, r in catalog.processes.items()
    }
    catalogue({}, processes, {}, {})
    for process_id, record in catalog.processes.items():
        analysed = reads.get(process_id, (set(), set()))[1]
        for machine in data_of(record).get("machines") or []:
            unread = set(machine) - DESCRIPTIVE - analysed - matched
            assert unread == set(), (process_id, machine["id"])
