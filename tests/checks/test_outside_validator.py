"""The record schemas in another validator's hands: check-jsonschema, run as anyone would
run it (the schema file and the records, no other option), from another folder and with
no network, resolves the schemas' references between them and agrees with
`makelocal validate` on every record of the real catalogue and on the fixtures."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.checks.schema_files import SCHEMA_COMMENT, SCHEMA_DIR
from generator.records.catalog import TRANSLATION_NAME
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
RECORD_FOLDERS = {
    "design": "designs/*/design.yml",
    "material": "catalog/materials/*.yml",
    "process": "catalog/processes/*.yml",
    "maker": "catalog/makers/*.yml",
    "make": "catalog/makes/*.yml",
    "need": "catalog/needs/*.yml",
}
# Codes of findings the schemas alone make (generator/checks/schema.py); the others come
# from the loader or from rules across records and files, which no schema can express.
SCHEMA_CODES = re.compile(r"ML10[1-8]")
EXPECT = re.compile(rb"# expect: (ML\d{3}) line \d+")
# Where the two disagree, and why. MakeLocal's loader keeps a plain 0755 as text, as it
# keeps every number with a leading zero; check-jsonschema's YAML reader (ruamel.yaml,
# YAML 1.2's core schema) reads it as the integer 755.
KNOWN_DIFFERENCES = {"valid/yaml11-lookalikes-stay-text/catalog/materials/norway.yml"}


def check_jsonschema(
    schema: Path, records: list[Path], cwd: Path, *options: str
) -> subprocess.CompletedProcess[str]:
    dead = "http://127.0.0.1:9"  # any download through it fails: the check is offline
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), *options, "--schemafile", str(schema), *map(str, records)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HTTP_PROXY": dead, "HTTPS_PROXY": dead},
        check=False,
    )


def named_schema(record: Path) -> Path:
    """The schema a record's first line names, relative to the record, as editors read it."""
    first = record.read_text("utf-8-sig").splitlines()[0]
    assert first.startswith(SCHEMA_COMMENT), record
    return (record.parent / first.removeprefix(SCHEMA_COMMENT)).resolve()


def schema_of(record: Path) -> Path:
    """The schema file a record names, in schemas/ (a fixture lies in a folder without
    one: it is copied into a repository to be validated)."""
    return SCHEMA_DIR / named_schema(record).name


@pytest.mark.parametrize("record_type", list(RECORD_FOLDERS))
def test_every_record_of_the_catalogue_passes_with_no_options(
    record_type: str, tmp_path: Path
) -> None:
    records = [
        path
        for path in sorted(ROOT.glob(RECORD_FOLDERS[record_type]))
        if not TRANSLATION_NAME.fullmatch(path.name)
    ]
    if not records:
        pytest.skip(f"the catalogue has no {record_type} record yet")
    schemas = {named_schema(record) for record in records}
    assert schemas == {SCHEMA_DIR / f"{record_type}.schema.json"}
    # From an empty folder: references resolve against the schema file, not the folder.
    result = check_jsonschema(schemas.pop(), records, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_every_translation_passes_with_no_options(tmp_path: Path) -> None:
    """A translation names the translation schema, and passes it (its reader text is
    checked against its record's schema by `makelocal validate` alone)."""
    translations = sorted(
        path
        for pattern in RECORD_FOLDERS.values()
        for path in ROOT.glob(pattern.removesuffix(".yml") + ".fr.yml")
    )
    assert len(translations) >= 10
    assert {named_schema(path) for path in translations} == {SCHEMA_DIR / "translation.schema.json"}
    result = check_jsonschema(SCHEMA_DIR / "translation.schema.json", translations, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_whole_catalogue_was_checked() -> None:
    counted = sum(len(list(ROOT.glob(pattern))) for pattern in RECORD_FOLDERS.values())
    assert counted >= 46


def test_no_schema_has_a_relative_id() -> None:
    """A relative `$id` made check-jsonschema resolve `common.schema.json` against the
    current folder (`Unresolvable: common.schema.json#/$defs/slug` anywhere but schemas/).
    Without one, every tool resolves a schema's references from where it read it. An
    absolute one would have to be an address that serves the file: check-jsonschema
    downloads every reference below an http(s) `$id`, so the check above would then need
    the network."""
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        schema = json.loads(path.read_text("utf-8"))
        assert "$id" not in schema, path.name


def _fixture_records(kind: str) -> list[tuple[Path, set[str]]]:
    found = []
    for case in sorted(p for p in (FIXTURES / kind).iterdir() if p.is_dir()):
        for path in sorted(case.rglob("*.yml")):
            codes = {code.decode() for code in EXPECT.findall(path.read_bytes())}
            found.append((path, codes))
    return found


def failing(records: list[Path], cwd: Path) -> set[str]:
    """The records check-jsonschema rejects (one run per schema), relative to the fixtures."""
    by_schema: dict[Path, list[Path]] = {}
    for record in records:
        by_schema.setdefault(schema_of(record), []).append(record)
    rejected = set()
    for schema, group in by_schema.items():
        result = check_jsonschema(schema, group, cwd, "--output-format", "json")
        report = json.loads(result.stdout)
        for problem in [*report.get("errors", []), *report.get("parse_errors", [])]:
            rejected.add(Path(problem["filename"]).relative_to(FIXTURES).as_posix())
    return rejected


def test_it_rejects_what_the_schemas_reject(tmp_path: Path) -> None:
    """Every fixture record whose planted defect is a schema finding (ML101-ML108); not a
    translation's reader text, which only `makelocal validate` holds to its record's schema."""
    cases = [
        path
        for path, codes in _fixture_records("invalid")
        if codes
        and all(map(SCHEMA_CODES.fullmatch, codes))
        and not TRANSLATION_NAME.fullmatch(path.name)
    ]
    assert len(cases) >= 15
    planted = {path.relative_to(FIXTURES).as_posix() for path in cases}
    assert failing(cases, tmp_path) == planted


def test_it_accepts_the_valid_fixtures(tmp_path: Path) -> None:
    records = [path for path, _ in _fixture_records("valid")]
    records += sorted((FIXTURES / "base").rglob("*.yml"))
    assert failing(records, tmp_path) == KNOWN_DIFFERENCES
