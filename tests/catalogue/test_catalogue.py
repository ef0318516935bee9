"""The real catalogue: complete enough to act on, valid, and every number sourced."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.checks.validate import validate_catalog
from generator.records.catalog import Catalog, load_catalog

ROOT = Path(__file__).resolve().parents[2]
# Numbers that are identifiers or counts, not measured facts.
NOT_MEASUREMENTS = {"resin_code", "year", "quantity", "disassembly_depth", "count", "min", "max"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT)


def test_catalogue_is_valid_without_errors(catalog: Catalog) -> None:
    errors = [f for f in validate_catalog(catalog) if f.severity == "error"]
    assert errors == []


def test_catalogue_has_the_minimum_content(catalog: Catalog) -> None:
    kinds = [m.data["kind"] for m in catalog.materials.values()]
    assert kinds.count("biomaterial") >= 14
    assert kinds.count("recycled-feedstock") >= 8
    assert len(catalog.processes) >= 8
    assert len(catalog.makers) >= 3
    designs = catalog.designs.values()
    assert len(designs) >= 12
    assert sum(any("file" in p for p in d.data["parts"]) for d in designs) >= 10


def test_pvc_is_marked_not_to_be_heated(catalog: Catalog) -> None:
    pvc = catalog.materials["recycled-pvc"].data
    assert pvc["safety"]["do_not_heat"] is True
    assert pvc["identification"]["resin_code"] == 3


def _unsourced_numbers(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        sourced = "source" in value and "unit" in value
        for key, item in value.items():
            if isinstance(item, int | float) and not isinstance(item, bool):
                if not sourced and key not in NOT_MEASUREMENTS:
                    yield (*path, key)
            else:
                yield from _unsourced_numbers(item, (*path, key))
    elif isinstance(value, list):
        if value and all(isinstance(v, int | float) for v in value):
            return  # build volumes: the machine entry around them carries the source
        for index, item in enumerate(value):
            yield from _unsourced_numbers(item, (*path, index))


@pytest.mark.parametrize("record_type", ["material", "process"])
def test_every_measured_number_has_unit_and_source(catalog: Catalog, record_type: str) -> None:
    for record in catalog.of_type(record_type).values():
        assert list(_unsourced_numbers(record.data)) == [], record.display


def test_every_part_is_ready_or_explains_why_not(catalog: Catalog) -> None:
    """Issue 5's rule: each design's parts pass the analysis, or carry an explained warning
    (the part's `notes` say what the analysis flags and why it is acceptable)."""
    from generator.analysis import runner as analyse_run

    jobs = analyse_run.select_jobs(catalog, [], None)
    results = analyse_run.run(jobs, analyse_run.Settings(cache=ROOT / analyse_run.CACHE_FOLDER))
    assert len(results) == sum(
        1 for d in catalog.designs.values() for p in d.data["parts"] if "file" in p
    )
    parts = {
        (design.id, part["id"]): part
        for design in catalog.designs.values()
        for part in design.data["parts"]
    }
    for result in results:
        design, part_id = result.analysed.design, result.analysed.part
        if result.verdict != "ready":
            assert parts[(design, part_id)].get("notes"), f"{design}/{part_id}: {result}"


def test_every_parts_analysis_is_read_back_from_the_cache(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A result the cache cannot read back is analysed again on every build: flat and
    formed parts once were (38 s of CPU a build at 1,000 designs)."""
    from generator.analysis import runner as analyse_run

    jobs = analyse_run.select_jobs(catalog, [], None)
    settings = analyse_run.Settings(cache=ROOT / analyse_run.CACHE_FOLDER, workers=1)
    analyse_run.run(jobs, settings)

    def analysed_again(job: analyse_run.Job, *_: object) -> None:
        raise AssertionError(f"{job.shown}: analysed again, its cached result was not read")

    monkeypatch.setattr(analyse_run, "analyse_job", analysed_again)
    assert len(analyse_run.run(jobs, settings)) == len(jobs)
