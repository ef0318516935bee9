"""Acceptance tests over fixture folders: every invalid case must give the finding it
declares (`# expect: CODE line N` in the case's files), every valid case none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.checks.validate import validate_catalog
from generator.findings import has_errors
from generator.records.catalog import load_catalog
from tests.conftest import FIXTURES, make_repo

EXPECT = re.compile(rb"# expect: (ML\d{3}) line (\d+)")
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (FIXTURES / "valid").iterdir() if p.is_dir())


def expectations(case: Path) -> set[tuple[str, str, int]]:
    found = set()
    for path in sorted(case.rglob("*")):
        if path.is_file():
            for code, line in EXPECT.findall(path.read_bytes()):
                found.add((path.relative_to(case).as_posix(), code.decode(), int(line)))
    return found


def test_there_are_enough_distinct_invalid_cases() -> None:
    codes = {code for case in INVALID for _, code, _ in expectations(case)}
    assert len(INVALID) >= 25
    assert len(codes) >= 25


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case_gives_its_finding(case: Path, tmp_path: Path) -> None:
    expected = expectations(case)
    assert expected, f"{case.name} declares no `# expect:` line"
    findings = validate_catalog(load_catalog(make_repo(tmp_path, case)))
    got = {(f.file, f.code, f.line) for f in findings}
    assert expected <= got, f"expected {sorted(expected)}, got {sorted(got)}"
    assert has_errors(findings) or all(code == "ML014" for _, code, _ in expected)


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_case_has_no_findings(case: Path, tmp_path: Path) -> None:
    findings = validate_catalog(load_catalog(make_repo(tmp_path, case)))
    assert findings == []


def test_base_catalogue_is_valid(repo: Path) -> None:
    assert validate_catalog(load_catalog(repo)) == []


WARNINGS = sorted(p for p in (FIXTURES / "warnings").iterdir() if p.is_dir())


@pytest.mark.parametrize(
    "case",
    INVALID + VALID + WARNINGS,
    ids=[f"{p.parent.name}/{p.name}" for p in INVALID + VALID + WARNINGS],
)
def test_the_same_errors_are_found_without_the_positions_of_values(
    case: Path, tmp_path: Path
) -> None:
    """A first build validates records without their values' positions (and reads them
    again with them only when there are errors): no error may depend on them."""
    repo = make_repo(tmp_path, case)
    with_positions = validate_catalog(load_catalog(repo))
    without = validate_catalog(load_catalog(repo, positions=False))
    errors = {(f.file, f.code) for f in with_positions if f.severity == "error"}
    assert {(f.file, f.code) for f in without if f.severity == "error"} == errors
