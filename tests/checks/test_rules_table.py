"""The tables of rules across records: they cover every record type and every field that
names another record, each rule gives only the codes it declares, and a value of the wrong
type in any field the rules read gives a finding, never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.checks.context import NAMED_TYPES, RuleContext
from generator.checks.references import EACH, REFERENCES, Reference, values_at
from generator.checks.rules import RULES
from generator.checks.schema_files import schema_documents
from generator.checks.validate import validate_catalog
from generator.findings.codes import CODES
from generator.records.catalog import RECORD_PLACES, Catalog, load_catalog
from tests.conftest import FIXTURES, make_repo

# Fields holding a slug that name no other record: the record's own id and ids within it,
# checked by the rules named here.
NOT_REFERENCES = {
    "material": {"id", "references[*].id"},
    "process": {"id", "references[*].id", "machines[*].id"},  # _machine_ids_unique
    "maker": {"id", "references[*].id", "machines[*].profile"},  # _machine_profiles
    "design": {
        "id",
        "parts[*].id",  # _part_ids_unique
        "parts[*].alternative_to",  # _alternatives
        "repair.spare_parts[*]",  # _spare_parts
    },
    "make": {"id", "machine.profile"},  # _machine_profiles
    "need": {"id", "references[*].id"},
}
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def slug_fields(node: Any, field: str = "") -> Iterator[str]:
    """Every field below a schema node that holds a slug, as `parts[*].materials[*]`."""
    defs = schema_documents()["common"]["$defs"]
    if not isinstance(node, dict):
        return
    ref = node.get("$ref", "")
    if ref.endswith("/reference_id"):
        return  # a `source`: it cites the record's own references (ML204, numbers.cited_sources)
    if ref.endswith("/slug"):
        yield field
    elif ref:
        yield from slug_fields(defs[ref.rsplit("/", 1)[-1]], field)
    for part in node.get("allOf", []):
        yield from slug_fields(part, field)
    for key, child in node.get("properties", {}).items():
        yield from slug_fields(child, f"{field}.{key}" if field else key)
    if "items" in node:
        yield from slug_fields(node["items"], f"{field}[*]")


def test_every_record_type_has_its_rules() -> None:
    assert {t for rule in RULES for t in rule.record_types} == set(RECORD_PLACES)
    for record_type in RECORD_PLACES:
        codes = {code for rule in RULES if record_type in rule.record_types for code in rule.codes}
        assert {"ML014", "ML201", "ML202", "ML407"} <= codes, record_type


def test_every_rule_declares_known_codes_and_says_what_it_checks() -> None:
    for rule in RULES:
        assert rule.codes and set(rule.codes) <= set(CODES), rule.check.__name__
        assert set(rule.record_types) <= set(RECORD_PLACES)
        assert rule.description and "\n" not in rule.description


@pytest.mark.parametrize("record_type", sorted(RECORD_PLACES))
def test_references_cover_every_field_that_names_a_record(record_type: str) -> None:
    fields = set(slug_fields(schema_documents()[record_type]))
    named = {r.field for r in REFERENCES if r.record_type == record_type}
    assert named.isdisjoint(NOT_REFERENCES[record_type])
    assert fields == named | NOT_REFERENCES[record_type]
    assert all(r.target in NAMED_TYPES for r in REFERENCES)


def test_values_at_steps_into_each_item_and_skips_what_is_missing() -> None:
    data = {
        "parts": [
            {"materials": ["a", "b"]},
            "not a part",
            {"process": "p"},
            {"materials": "not a list"},
        ]
    }
    steps = Reference("design", "parts[*].materials[*]", "material").steps
    assert steps == ("parts", EACH, "materials", EACH)
    assert list(values_at(data, steps)) == [
        (("parts", 0, "materials", 0), "a"),
        (("parts", 0, "materials", 1), "b"),
    ]
    assert list(values_at(data, ("parts", EACH, "process"))) == [(("parts", 2, "process"), "p")]
    assert list(values_at([], ("parts",))) == []


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_each_rule_gives_only_the_codes_it_declares(case: Path, tmp_path: Path) -> None:
    catalog = load_catalog(make_repo(tmp_path, case))
    context = RuleContext.of(catalog)
    for record in catalog.records:
        if not isinstance(record.data, dict):
            continue
        for rule in RULES:
            if record.type in rule.record_types:
                codes = {f.code for f in rule.check(record, context)}
                assert codes <= set(rule.codes), (rule.check.__name__, codes)


def _put(data: dict[str, Any], steps: tuple[str, ...], value: Any) -> None:
    """Set the first value at `steps` (the first item for `[*]`), making what is missing."""
    node: Any = data
    for step, following in zip(steps, (*steps[1:], None), strict=True):
        key: str | int = 0 if step == EACH else step
        if following is None:
            if isinstance(node, list) and not node:
                node.append(value)
            else:
                node[key] = value
        elif isinstance(node, list):
            if not node or not isinstance(node[0], dict | list):
                node[:1] = [[] if following == EACH else {}]
            node = node[0]
        else:
            node = node.setdefault(key, [] if following == EACH else {})


def _with_make_report(tmp_path: Path) -> Catalog:
    """The base with a make report and a need: a record of every type."""
    return load_catalog(
        make_repo(tmp_path, FIXTURES / "valid/make-report", FIXTURES / "valid/need")
    )


@pytest.mark.parametrize(
    "reference",
    [*REFERENCES, Reference("material", "references[*].id", "reference")],
    ids=lambda r: f"{r.record_type}.{r.field}",
)
@pytest.mark.parametrize("wrong", [["a-list"], {"a": "mapping"}, 7, None])
def test_a_wrong_type_where_an_id_belongs_is_a_finding(
    reference: Reference, wrong: Any, tmp_path: Path
) -> None:
    catalog = _with_make_report(tmp_path)
    record = next(r for r in catalog.records if r.type == reference.record_type)
    _put(record.data, reference.steps, wrong)
    codes = {f.code for f in validate_catalog(catalog) if f.file == record.display}
    assert codes & {"ML103", "ML216"}, codes


def test_a_wrong_type_where_a_process_is_named_is_a_finding_in_a_make_report(
    tmp_path: Path,
) -> None:
    catalog = _with_make_report(tmp_path)
    design = next(r for r in catalog.records if r.type == "design")
    make = next(r for r in catalog.records if r.type == "make")
    design.data["parts"][0]["process"] = ["test-printing"]
    make.data["outcome"] = "worked"
    findings = validate_catalog(catalog)
    assert [(f.file, f.code) for f in findings] == [(design.display, "ML103")]
