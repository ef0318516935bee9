"""Findings in French: every code's title and hint, every message the fixtures give, the
reporters' words; chosen by --lang or the environment; the codes the same."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest

from generator.checks.validate import validate_catalog
from generator.cli import main
from generator.findings import Finding
from generator.findings.catalogue import po_bytes, untranslated, updated
from generator.findings.codes import CODES
from generator.findings.language import (
    MESSAGE,
    catalogue_file,
    hint,
    in_language,
    language_from,
    matching,
    read_catalogue,
    title,
    translate_message,
)
from generator.records.catalog import load_catalog
from tests.checks.test_every_code import CASES, findings_of
from tests.conftest import FIXTURES, make_repo

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def test_the_catalogue_is_up_to_date_with_the_code() -> None:
    catalog = updated("fr")
    assert po_bytes(catalog) == catalogue_file("fr").read_bytes(), (
        "run `python -m generator.findings.catalogue` and translate what it adds"
    )
    assert untranslated(catalog) == []


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_its_french_title_and_hint(code: str) -> None:
    assert title(code, "fr") != CODES[code].title
    assert hint(code, "fr") != CODES[code].hint
    assert title(code, "en") == CODES[code].title


def test_each_translation_has_the_placeholders_of_its_english() -> None:
    for entry in read_catalogue("fr"):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, (entry.context, entry.id)


def _fixture_messages() -> dict[str, str]:
    """Every message the fixture cases give, with the case that gives it."""
    found: dict[str, str] = {}
    for case in sorted((FIXTURES / "invalid").iterdir()):
        with tempfile.TemporaryDirectory() as folder:
            repo = make_repo(Path(folder) / "repo", case)
            for finding in validate_catalog(load_catalog(repo)):
                found.setdefault(finding.message, case.name)
    for case in CASES:
        if case.kind == "invalid-paths":
            continue  # validated through the command line, as invalid/ cases are
        with tempfile.TemporaryDirectory() as folder:
            for finding in findings_of(case, Path(folder), None):  # type: ignore[arg-type]
                found.setdefault(finding.message, case.name)
    return found


def test_every_message_the_fixtures_give_is_in_french() -> None:
    messages = _fixture_messages()
    assert len(messages) > 150
    english = {m: case for m, case in messages.items() if matching(m, "fr") is None}
    assert english == {}, "add a pattern (context `message`) for each of these"


@pytest.mark.parametrize(
    ("english", "french"),
    [
        (
            "no material with id 'test-plastik'; did you mean 'test-plastic'?",
            "pas de matière avec l'id 'test-plastik'\u202f; "
            "vouliez-vous dire 'test-plastic'\u202f?",
        ),
        (  # a value that is a message of its own is translated too
            "this file name uses 'aux.yml', a name Windows keeps for a device",
            "ce nom de fichier utilise 'aux.yml', un nom que Windows réserve à un périphérique",
        ),
        (
            "this file name has a name of 241 bytes, over the 200 a name may have",
            "ce nom de fichier a un nom de 241 octets, au-delà des 200 qu'un nom peut avoir",
        ),
        (  # a value the catalogue has a word for, in its place
            "id 'a' differs from its folder name 'b'",
            "l'id 'a' diffère du nom de son dossier, 'b'",
        ),
        (  # the same word in another place is a field's name: left as it is
            "capacity[0] must name one of design, category or process, not design and process",
            "capacity[0] doit citer un seul de design, category ou process, pas design et process",
        ),
        ("something no pattern knows", "something no pattern knows"),
    ],
)
def test_a_message_is_translated_with_its_values(english: str, french: str) -> None:
    assert translate_message(english, "fr") == french
    assert translate_message(english, "en") == english


def test_a_long_message_is_left_as_it_is() -> None:
    long = "no material with id " + "'x' is " * 400
    assert translate_message(long, "fr") == long


def test_findings_keep_their_codes_places_and_severities() -> None:
    finding = Finding.of("ML203", "designs/a/design.yml", 3, 5, "no maker with id 'x'")
    (french,) = in_language([finding], "fr")
    assert (french.file, french.line, french.column, french.code, french.severity) == (
        finding.file,
        3,
        5,
        "ML203",
        "error",
    )
    assert french.message == "pas de fabricant avec l'id 'x'"
    assert french.hint == hint("ML203", "fr")


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA"}, "fr"),
        ({"LC_ALL": "fr_BE.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANGUAGE": "de:fr", "LANG": "de_DE.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_SN.UTF-8"}, "fr"),
    ],
)
def test_the_language_is_read_from_the_environment_as_gettext_does(
    environment: dict[str, str], language: str
) -> None:
    assert language_from(environment) == language


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", FIXTURES / "invalid" / "dangling-material")


def test_validate_speaks_french_when_asked(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(broken), "validate", "--lang", "fr"]) == 1
    out = capsys.readouterr().out
    assert "ML203 error: pas de matière avec l'id 'test-plastik'" in out
    assert "conseil\u00a0: Utilisez l'id d'une fiche existante" in out
    assert out.rstrip().endswith("5 fichiers vérifiés\u00a0: 1 erreur, 0 avertissement")


def test_validate_speaks_the_environment_s_language(
    broken: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    main(["--root", str(broken), "validate", "--format", "json"])
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert finding["code"] == "ML203" and finding["message"].startswith("pas de matière")
    main(["--root", str(broken), "validate", "--format", "github"])
    assert "title=ML203 Référence inconnue::pas de matière" in capsys.readouterr().out
    main(["--root", str(broken), "validate", "--format", "markdown", "--lang", "en"])
    out = capsys.readouterr().out
    assert "| where | code | problem | how to fix |" in out and "no material" in out


def test_markdown_findings_have_a_french_head(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--root", str(broken), "validate", "--format", "markdown", "--lang", "fr"])
    assert "| où | code | problème | comment corriger |" in capsys.readouterr().out


def test_message_patterns_are_in_their_context() -> None:
    contexts = {entry.context for entry in read_catalogue("fr") if entry.id}
    assert MESSAGE in contexts and {f"{code} title" for code in CODES} <= contexts
