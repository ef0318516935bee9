"""The schemas themselves: valid Draft 2020-12, choices written as a `oneOf` of titled
`const`s, and those choices checked exactly as an `enum` would be, with the same messages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.checks.schema import inline_refs, schema_validators
from generator.checks.schema_files import (
    CHOICE_ANNOTATIONS,
    choices,
    const_alternatives,
    schema_documents,
    schema_node,
)
from generator.checks.validate import validate_catalog
from generator.records.catalog import RECORD_PLACES, load_catalog

SCHEMAS = sorted(schema_documents())


def nodes(node: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object below `node`, with its JSON pointer."""
    if isinstance(node, dict):
        yield pointer, node
        for key, value in node.items():
            yield from nodes(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from nodes(value, f"{pointer}/{index}")


def choice_nodes() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for name in SCHEMAS:
        for pointer, node in nodes(schema_documents()[name]):
            if any(isinstance(a, dict) and "const" in a for a in node.get("oneOf", [])):
                yield name, pointer, node


CHOICES = list(choice_nodes())


@pytest.mark.parametrize("name", SCHEMAS)
def test_each_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = schema_documents()[name]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_the_schemas_define_titled_choices() -> None:
    assert len(CHOICES) >= 14
    assert {name for name, _, _ in CHOICES} == {
        "common",
        "design",
        "make",
        "material",
        "need",
        "process",
        "translation",
    }


@pytest.mark.parametrize(
    ("name", "pointer", "node"), CHOICES, ids=[f"{n}#{p}" for n, p, _ in CHOICES]
)
def test_each_choice_is_a_distinct_titled_const(name: str, pointer: str, node: Any) -> None:
    alternatives = const_alternatives(node)
    assert alternatives is not None, "a oneOf here is made only of consts"
    values = [a["const"] for a in alternatives]
    assert len(values) == len(set(values)), "as an enum, a repeated const would be allowed"
    for alternative in alternatives:
        assert set(alternative) - {"const"} <= CHOICE_ANNOTATIONS
        assert alternative.get("title"), alternative
    assert node.get("type") == "string" and "enum" not in node


@pytest.mark.parametrize(
    ("name", "pointer", "node"), CHOICES, ids=[f"{n}#{p}" for n, p, _ in CHOICES]
)
def test_a_choice_allows_what_its_oneof_allows(name: str, pointer: str, node: Any) -> None:
    as_written = Draft202012Validator(node)
    as_checked = Draft202012Validator(inline_refs(node, {}))
    assert "oneOf" not in as_checked.schema
    assert as_checked.schema["enum"] == [c.value for c in choices(node)]
    for value in [*(c.value for c in choices(node)), "other", "", 3, None, ["x"]]:
        assert as_written.is_valid(value) == as_checked.is_valid(value), value


def test_the_validators_hold_no_oneof_of_consts() -> None:
    for record_type, validator in schema_validators().items():
        for pointer, node in nodes(validator.schema):
            assert const_alternatives(node) is None, f"{record_type}#{pointer}"


def test_choices_read_a_oneof_or_an_enum() -> None:
    maturity = choices(schema_node("design", "/properties/maturity"))
    assert [c.value for c in maturity] == ["concept", "prototype", "tested", "production"]
    assert (maturity[0].title, maturity[0].description) == ("Concept", "drawn, never made")
    outcome = choices(schema_node("make", "/properties/outcome"))
    assert (outcome[0].value, outcome[0].title) == ("worked", "Worked")
    shown = choices(schema_node("maker", "/properties/visible/items"))
    assert (shown[0].value, shown[0].title) == ("region", None)
    assert choices(schema_node("design", "/properties/title")) == ()
    mixed = {"oneOf": [{"const": "a"}, {"type": "string", "maxLength": 3}]}
    assert const_alternatives(mixed) is None and choices(mixed) == ()


@pytest.mark.parametrize(
    ("path", "old", "new", "message"),
    [
        (
            "designs/test-clip/design.yml",
            "maturity: concept",
            "maturity: concpt",
            "maturity does not allow 'concpt'; did you mean 'concept'?",
        ),
        (
            "designs/test-clip/design.yml",
            "fasteners: reusable",
            "fasteners: glue",
            "repair.fasteners does not allow 'glue'; use one of: none-needed, reusable, "
            "removable, permanent",
        ),
        (
            "catalog/processes/test-printing.yml",
            "analysis: fdm",
            "analysis: cnc",
            "analysis does not allow 'cnc'; use one of: fdm, mould, forming, flat, none",
        ),
    ],
)
def test_a_wrong_choice_is_ml104_with_did_you_mean_or_the_values(
    repo: Path, path: str, old: str, new: str, message: str
) -> None:
    record = repo / path
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new), encoding="utf-8")
    findings = [f for f in validate_catalog(load_catalog(repo)) if f.file == path]
    assert [(f.code, f.message) for f in findings] == [("ML104", message)]


def test_every_record_type_has_a_schema() -> None:
    assert set(RECORD_PLACES) | {"common", "translation"} == set(SCHEMAS)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    url: https://example.org/handbook\n",
            "",
            "references[0] is missing the field 'url' or 'doi'",
        ),
        ("    accessed: 2026-12-06\n", "", "references[0] is missing the field 'accessed'"),
        ("    url: https://example.org/handbook\n", "    doi: 10.1234/handbook\n", None),
    ],
)
def test_a_reference_says_where_and_when_it_was_read(
    repo: Path, old: str, new: str, message: str | None
) -> None:
    path = "catalog/materials/test-plastic.yml"
    record = repo / path
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new), encoding="utf-8")
    findings = [f for f in validate_catalog(load_catalog(repo)) if f.file == path]
    expected = [] if message is None else [("ML101", message)]
    assert [(f.code, f.message) for f in findings] == expected
