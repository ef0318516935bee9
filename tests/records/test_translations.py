"""Translations of records: recognised by their place, read beside their record, laid over
it by path, with what stays English said."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from generator.checks.schema_files import schema_documents
from generator.checks.validate import validate_catalog
from generator.records.catalog import load_catalog, record_files, record_type_at
from generator.records.loader import Document, load
from generator.records.reader_text import (
    fingerprint,
    is_text,
    reader_part,
    reader_schema,
    reader_text,
)
from generator.records.translations import (
    ENGLISH,
    Place,
    Translations,
    align,
    languages,
    metadata_fields,
    translation_place,
)
from tests.conftest import FIXTURES, make_repo

TRANSLATED = FIXTURES / "valid" / "translated"
RECORD_TYPES = ("design", "maker", "material", "process", "make", "need")


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", TRANSLATED)


def test_a_translation_is_known_by_its_place() -> None:
    assert translation_place(PurePosixPath("designs/face-mask-shell/design.fr.yml")) == Place(
        "design", PurePosixPath("designs/face-mask-shell/design.yml"), "fr"
    )
    assert translation_place(PurePosixPath("catalog/materials/pla.fr.yml")) == Place(
        "material", PurePosixPath("catalog/materials/pla.yml"), "fr"
    )
    assert translation_place(PurePosixPath("catalog/materials/pla.yml")) is None
    assert translation_place(PurePosixPath("catalog/material/pla.fr.yml")) is None
    assert translation_place(PurePosixPath("designs/x/notes.fr.yaml")) is None
    # Not records either: a record loaded as `pla.fr` would be a second, broken PLA.
    assert record_type_at(PurePosixPath("catalog/materials/pla.fr.yml")) is None
    assert record_type_at(PurePosixPath("designs/x/design.fr.yml")) is None


def test_translations_are_read_beside_their_records_and_not_as_records(translated: Path) -> None:
    catalog = load_catalog(translated)
    assert catalog.findings == []
    assert {t.file.display for t in catalog.translations} == {
        "designs/test-clip/design.fr.yml",
        "catalog/materials/test-plastic.fr.yml",
    }
    assert all(".fr." not in p.name for _, p in record_files(translated))
    material = next(t for t in catalog.translations if t.place.record_type == "material")
    assert (material.language, material.status, material.reviewed_by) == (
        "fr",
        "reviewed",
        "Fixture reviewer",
    )
    assert material.record_display == "catalog/materials/test-plastic.yml"
    assert validate_catalog(catalog) == []


def test_a_record_read_alone_brings_its_translations(translated: Path) -> None:
    design = translated / "designs/test-clip/design.yml"
    catalog = load_catalog(translated, [("design", design)])
    assert [t.file.display for t in catalog.translations] == ["designs/test-clip/design.fr.yml"]


def test_a_record_in_french_falls_back_to_english_where_untranslated(translated: Path) -> None:
    catalog = load_catalog(translated)
    translations = Translations.of(catalog)
    design = catalog.designs["test-clip"]
    french = translations.localised(design, "fr")
    assert french.data["title"] == "Attache d'essai"
    assert french.data["parts"][0]["name"] == "Attache"
    assert french.data["parts"][0]["file"] == "parts/clip.stl"  # not text: as in English
    assert french.data["instructions"] == [{"step": "Imprimez l'attache."}]
    assert french.fallback == {("description",)}
    assert french.language_at(("description",)) == ENGLISH
    assert french.language_at(("safety",)) == "fr"
    assert (french.status, french.reviewed, french.current) == ("translated", False, True)
    assert design.data["title"] == "Test clip", "the English record is left as it was"
    # A record nobody translated is English throughout, every text marked as such.
    maker = translations.localised(catalog.makers["test-maker"], "fr")
    assert maker.translation is None and maker.fallback == {("summary",)}
    english = translations.localised(design, ENGLISH)
    assert english.data is design.data and english.fallback == frozenset()


def test_a_translation_of_an_older_english_text_is_not_current(translated: Path) -> None:
    record = translated / "designs/test-clip/design.yml"
    record.write_text(record.read_text().replace("Print the clip.", "Print two clips."))
    catalog = load_catalog(translated)
    french = Translations.of(catalog).localised(catalog.designs["test-clip"], "fr")
    assert not french.current
    assert french.data["instructions"][0]["step"] == "Imprimez l'attache."


def test_a_list_of_another_length_or_another_item_stays_english() -> None:
    english = {
        "title": "T",
        "tools": ["Scissors", "Glue"],
        "parts": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    }
    translated = {
        "title": "T fr",
        "tools": ["Ciseaux"],
        "parts": [{"id": "a", "name": "A fr"}, {"id": "c", "name": "C fr"}],
        "safety": "Rien",
    }
    aligned = align("design", english, translated)
    assert aligned.pairs == {("title",): ("T", "T fr"), ("parts", 0, "name"): ("A", "A fr")}
    assert {(m.path, m.kind) for m in aligned.mismatches} == {
        (("tools",), "length"),
        (("parts", 1, "id"), "item"),
        (("safety",), "absent"),
    }


def test_a_list_where_the_english_has_text_is_a_mismatch_of_shape() -> None:
    english = {"tools": "Scissors", "repair": "Unclip it", "title": "T"}
    translated = {"tools": ["Ciseaux"], "repair": {"disassembly": "Tirez"}, "title": "T fr"}
    aligned = align("design", english, translated)
    assert {(m.path, m.kind) for m in aligned.mismatches} == {
        (("tools",), "shape"),
        (("repair",), "shape"),
    }


def test_a_translated_value_of_the_wrong_type_is_left_to_the_schema() -> None:
    english = {"tools": ["Scissors"], "title": "T", "repair": {"disassembly": "Unclip it"}}
    translated = {"tools": "Ciseaux", "title": ["T", "fr"], "repair": "Tirez"}
    assert align("design", english, translated).mismatches == ()


def _text_leaves(node: dict[str, Any], path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if is_text(node):
        yield path, node
    for key, child in node.get("properties", {}).items():
        yield from _text_leaves(child, f"{path}.{key}")
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            yield from _text_leaves(node[key], f"{path}[{key}]")


@pytest.mark.parametrize("record_type", RECORD_TYPES)
def test_the_schema_types_every_text_a_translation_holds(record_type: str) -> None:
    """The structure check leaves a wrong type to the translation's schema: sound only
    while the schema says each text's type."""
    leaves = dict(_text_leaves(reader_schema(record_type), record_type))
    assert leaves
    assert {path for path, leaf in leaves.items() if leaf.get("type") != "string"} == set()


def test_the_fingerprint_follows_the_reader_text_only() -> None:
    data = {"title": "Clip", "version": "1.0", "parts": [{"id": "a", "name": "A", "quantity": 1}]}
    other_numbers = {**data, "version": "2.0", "parts": [{"id": "a", "name": "A", "quantity": 3}]}
    assert fingerprint("design", data) == fingerprint("design", other_numbers)
    assert fingerprint("design", data) != fingerprint("design", {**data, "title": "Clip!"})
    assert len(fingerprint("design", data)) == 12


@pytest.mark.parametrize("record_type", RECORD_TYPES)
def test_each_record_type_marks_its_reader_text(record_type: str) -> None:
    schema = reader_schema(record_type)
    assert schema["properties"], record_type
    # The fields a translation holds about itself never name reader text.
    assert not metadata_fields() & set(schema["properties"])


def test_the_reader_text_is_what_the_schemas_mark() -> None:
    design = reader_schema("design")["properties"]
    assert {"title", "summary", "description", "safety", "instructions", "repair"} <= set(design)
    assert "licence" not in design and "id" not in design and "tags" not in design
    part = design["parts"]["items"]["properties"]
    assert set(part) == {"id", "name", "orientation", "notes"}
    assert not part["id"].get("x-translatable"), "an id names the item; it is not text"
    # Quantities' conditions are marked once, in the shared definitions, for every quantity.
    text = reader_text(
        "material",
        {"properties": {"density": {"value": 1, "unit": "g/cm3", "conditions": "at 23 °C"}}},
    )
    assert text == {("properties", "density", "conditions"): "at 23 °C"}


def _texts_of(projected: Any, path: tuple[str | int, ...] = ()) -> dict[Any, str]:
    """The text a `reader_part` projection holds, by path (list items' ids left out)."""
    if isinstance(projected, str):
        return {path: projected}
    steps = projected.items() if isinstance(projected, dict) else enumerate(projected or [])
    found: dict[Any, str] = {}
    for step, value in steps:
        if not (step == "id" and path and isinstance(path[-1], int)):
            found.update(_texts_of(value, (*path, step)))
    return found


def test_the_reader_text_is_what_the_projection_holds() -> None:
    # Two walks of the schema, written apart: every record of the repository and of the
    # fixtures, valid or not, has the same text by both, in the same order.
    checked = 0
    for root in (FIXTURES.parent.parent, *FIXTURES.glob("*/*")):
        for record_type, path in record_files(root):
            document = load(path)  # the invalid fixtures' broken files come back as findings
            if not isinstance(document, Document) or record_type not in RECORD_TYPES:
                continue
            data = document.data
            if not isinstance(data, dict):
                continue
            text = reader_text(record_type, data)
            assert text == _texts_of(reader_part(record_type, data)), path
            checked += 1
    assert checked > 50


def test_the_languages_are_those_the_schema_allows() -> None:
    assert languages() == {"fr": "French"}
    assert set(metadata_fields()) == set(schema_documents()["translation"]["properties"])


def test_a_translation_ending_in_yaml_is_to_be_renamed(translated: Path) -> None:
    design = translated / "designs/test-clip"
    (design / "design.fr.yml").rename(design / "design.fr.yaml")
    findings = validate_catalog(load_catalog(translated))
    assert [(f.file, f.code) for f in findings] == [("designs/test-clip/design.fr.yaml", "ML019")]
    assert "rename the file to design.fr.yml" in findings[0].message


def test_a_translation_of_a_missing_design_names_the_nearest(translated: Path) -> None:
    moved = translated / "designs/test-clp"
    moved.mkdir()
    (translated / "designs/test-clip/design.fr.yml").rename(moved / "design.fr.yml")
    findings = validate_catalog(load_catalog(translated))
    assert [(f.file, f.code) for f in findings] == [("designs/test-clp/design.fr.yml", "ML701")]
    assert "move it to designs/test-clip/design.fr.yml" in findings[0].message
