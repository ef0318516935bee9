"""Property-based tests: whatever a contributor writes, loading and validating end in a
Document or findings, never an exception."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checks.validate import validate_catalog
from generator.findings import Finding
from generator.records.catalog import load_catalog
from generator.records.loader import Document, LoadError, parse
from tests.conftest import BASE

RECORD_NAMES = [
    "catalog/materials/test-plastic.yml",
    "designs/test-clip/design.yml",
    "catalog/makers/test-maker.yml",
    "catalog/processes/test-printing.yml",
]
RECORDS = {name: (BASE / name).read_bytes() for name in RECORD_NAMES}
YAML_SPECIAL = [
    b":",
    b"-",
    b"[",
    b"]",
    b"{",
    b"}",
    b"&a",
    b"*a",
    b"!!",
    b"<<",
    b"#",
    b"'",
    b'"',
    b"|",
    b">",
    b"\t",
    b"\r",
    b"\n",
    b"  ",
    b"\x00",
    b"\xff",
    b"---",
    b"%YAML 1.1",
    b"~",
    b"NO",
    b".nan",
    b"1e999",
    b"0x1F",
    b"2020-01-01",
    b"?",
]
SUITE = settings(
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _parse_never_crashes(data: bytes) -> None:
    try:
        result = parse(data, Path("fuzz.yml"))
    except LoadError as error:
        assert error.code.startswith("ML0") and error.mark.line >= 1
    else:
        assert isinstance(result, Document)


@SUITE
@given(st.binary(max_size=400))
def test_random_bytes_load_or_give_a_finding(data: bytes) -> None:
    _parse_never_crashes(data)


@st.composite
def mutated_record(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(RECORDS)))
    data = bytearray(RECORDS[name])
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate-line"]))
        if action == "insert":
            data[position:position] = draw(st.sampled_from(YAML_SPECIAL))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 20))]
        elif action == "replace" and position < len(data):
            data[position] = draw(st.integers(0, 255))
        else:
            lines = bytes(data).split(b"\n")
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[index])
            data = bytearray(b"\n".join(lines))
    return name, bytes(data)


@SUITE
@given(mutated_record())
def test_mutated_records_parse_or_give_a_finding(record: tuple[str, bytes]) -> None:
    _parse_never_crashes(record[1])


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(mutated_record())
def test_mutated_records_validate_to_findings(tmp_path: Path, record: tuple[str, bytes]) -> None:
    root = tmp_path / "repo"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(BASE, root)
    name, data = record
    (root / name).write_bytes(data)
    findings = validate_catalog(load_catalog(root))
    assert all(isinstance(f, Finding) and f.line >= 1 for f in findings)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=25,
)
FIELDS = [
    "id",
    "title",
    "parts",
    "materials",
    "licence",
    "version",
    "repair",
    "properties",
    "references",
    "processes",
    "machines",
    "derived_from",
    "evidence",
    "safety",
]


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), json_values, max_size=8),
    st.sampled_from(sorted(RECORDS)),
)
def test_generated_records_validate_to_findings(tmp_path: Path, data: dict, name: str) -> None:
    root = tmp_path / "repo"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(BASE, root)
    (root / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    findings = validate_catalog(load_catalog(root))
    assert all(isinstance(f, Finding) for f in findings)
