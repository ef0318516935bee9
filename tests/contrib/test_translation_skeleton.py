"""`makelocal translate`: a skeleton with the record's text in the record's structure, that
validates once its translator is named, for every record of the catalogue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.checks.validate import validate_catalog
from generator.cli import main
from generator.contrib.translation_skeleton import skeleton
from generator.findings import has_errors
from generator.records.catalog import Record, load_catalog
from generator.records.loader import parse
from generator.records.reader_text import fingerprint, reader_text
from generator.records.translations import align

PROJECT = Path(__file__).resolve().parents[2]
RECORDS = load_catalog(PROJECT).records


@pytest.mark.parametrize("record", RECORDS, ids=[r.display for r in RECORDS])
def test_a_skeleton_lays_over_its_record_exactly(record: Record) -> None:
    text = skeleton(record, "fr", "Tester", date(2026, 12, 8))
    data = parse(text.encode("utf-8"), record.path).data
    assert data["translated_from"] == fingerprint(record.type, record.data)
    aligned = align(record.type, record.data, data)
    assert aligned.mismatches == ()
    assert {p: e for p, (e, _) in aligned.pairs.items()} == reader_text(record.type, record.data)


def test_translate_writes_a_skeleton_that_validates_once_named(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    design = repo / "designs/test-clip/design.yml"
    assert main(["--root", str(repo), "translate", str(design)]) == 0
    assert "Created designs/test-clip/design.fr.yml" in capsys.readouterr().out
    written = repo / "designs/test-clip/design.fr.yml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/translation.schema.json")
    assert "parts:\n  - id: clip\n    name: Clip\n" in text
    codes = {f.code for f in validate_catalog(load_catalog(repo))}
    assert codes == {"ML407", "ML710"}  # translated_by: TODO; text still English
    written.write_text(text.replace("translated_by: TODO", "translated_by: Awa"), "utf-8")
    findings = validate_catalog(load_catalog(repo))
    assert {f.code for f in findings} == {"ML710"} and not has_errors(findings)
    # A second run would overwrite the translation: it refuses.
    assert main(["--root", str(repo), "translate", str(design)]) == 2
    assert "exists already" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["catalog/materials/test-plastic.yml", "--lang", "de"], "no 'de' text"),
        (["catalog/materials/nothing.yml"], "is not a record"),
        (["README.md"], "is not a record"),
    ],
)
def test_translate_refuses_what_it_cannot_do(
    repo: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], words: str
) -> None:
    (repo / "README.md").write_text("# readme\n", encoding="utf-8")
    record, *rest = arguments
    assert main(["--root", str(repo), "translate", str(repo / record), *rest]) == 2
    assert words in capsys.readouterr().err
