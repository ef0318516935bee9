"""The quick schema check (jsonschema-rs, generator/checks/schema.py) passes exactly the
records in which jsonschema finds no error: over every record of the fixture folders and
of the repository. A record it passes is not looked at again, so one it passed wrongly
would lose its findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks import schema
from generator.records.catalog import Record, load_catalog
from generator.web.sources import PROJECT
from tests.conftest import FIXTURES, make_repo

CASES = sorted(
    case
    for kind in ("invalid", "valid", "warnings")
    for case in (FIXTURES / kind).iterdir()
    if case.is_dir()
)


def records(root: Path) -> list[Record]:
    return [r for r in load_catalog(root).records if r.type in schema.schema_validators()]


def agree(record: Record) -> bool:
    errors = list(schema.schema_validators()[record.type].iter_errors(record.data))
    return schema._passes(record) == (not errors)


def test_the_quick_check_agrees_on_every_fixture_record(tmp_path: Path) -> None:
    looked_at, failed = 0, 0
    for number, case in enumerate(CASES):
        for record in records(make_repo(tmp_path / str(number), case)):
            assert agree(record), f"{case.name}: {record.display}"
            looked_at += 1
            failed += not schema._passes(record)
    assert looked_at > 500 and failed >= 25  # the invalid cases' schema errors among them


def test_the_quick_check_agrees_on_the_repository_s_records() -> None:
    found = records(PROJECT)
    assert len(found) > 50
    assert all(schema._passes(record) for record in found)


@pytest.mark.parametrize(
    "title",
    ["A title\n", "A title\udcff", "x" * 2000, 10**25, 1.0, True, None],
    ids=["line-break", "lone-surrogate", "too-long", "huge-number", "float", "bool", "null"],
)
def test_the_quick_check_agrees_on_edge_values(title: object, tmp_path: Path) -> None:
    record = records(make_repo(tmp_path))[0]
    record.doc.data = {**record.data, "title": title}
    assert agree(record)
