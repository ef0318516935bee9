"""The checks on translations: numbers, units, links and code kept from the English, the
translation's own schema, and `validate --changed` on a translation."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.checks.translated_text import decimal_points, departures, quantities, references
from generator.checks.validate import validate_catalog
from generator.contrib.changes import check_changes, resolve_base, select
from generator.records.catalog import load_catalog
from tests.conftest import FIXTURES, make_repo
from tests.contrib.gitrepo import commit_all, init_repo

TRANSLATED = FIXTURES / "valid" / "translated"
DESIGN_FR = "designs/test-clip/design.fr.yml"
ENGLISH = (
    "Print 0.2 mm layers, 3 perimeters (the 2.4 mm walls), 15-20 % infill, 45 deg faces. "
    "About 130,000 t a year. See [the guide](https://example.org/a1) and `src/band.scad`, "
    "read 2026-11-27."
)
FRENCH = (
    "Imprimez en couches de 0,2\u00a0mm, 3 périmètres (parois de 2,4\u00a0mm), 15 à 20\u00a0% "
    "de remplissage, faces à 45°. Environ 130\u202f000 t par an. Voir [le guide]"
    "(https://example.org/a1) et `src/band.scad`, lu le 2026-11-27."
)


def test_numbers_are_read_as_each_language_writes_them() -> None:
    english = [(q.value, q.unit) for q in quantities(ENGLISH, "en")]
    french = [(q.value, q.unit) for q in quantities(FRENCH, "fr")]
    assert english == french
    assert (Decimal("130000"), "t") in english and (Decimal("45"), "deg") in english
    # Numbers inside links and code are not quantities.
    assert all(q.value != 1 for q in quantities(ENGLISH, "en"))


def test_a_faithful_french_text_keeps_everything() -> None:
    assert departures(ENGLISH, FRENCH, "fr") == []
    assert decimal_points(FRENCH) == []


@pytest.mark.parametrize(
    ("old", "new", "kind", "words"),
    [
        ("0,2\u00a0mm", "0,3\u00a0mm", "number", "has 0,3 mm, which the English does not"),
        ("3 périmètres", "trois périmètres", "number", "leaves out 3 of the English"),
        ("2,4\u00a0mm", "2,4\u00a0cm", "unit", "has 2,4 cm, a unit the English does not use"),
        ("45°", "45 %", "unit", "has 45 % where the English has deg"),
        ("130\u202f000", "130,000", "number", "has 130,000"),  # a French 130.0
        ("example.org/a1", "example.org/a2", "reference", "'https://example.org/a2'"),
        ("`src/band.scad`", "`src/bande.scad`", "reference", "leaves out 'src/band.scad'"),
    ],
)
def test_a_changed_number_unit_link_or_code_departs(
    old: str, new: str, kind: str, words: str
) -> None:
    assert old in FRENCH
    found = departures(ENGLISH, FRENCH.replace(old, new), "fr")
    assert any(d.kind == kind and words in d.message for d in found), found


def test_a_letter_cut_short_by_an_apostrophe_is_no_unit() -> None:
    english = "the guidance on code 7 plastics applies"
    assert departures(english, "les conseils sur le code 7 s'appliquent", "fr") == []
    assert quantities("3 l\u2019eau", "fr")[0].unit is None


def test_references_are_links_and_code() -> None:
    text = "[a](https://x.org/1) <https://y.org/2> https://z.org/3. `k` ![p](images/p.png)"
    assert [target for target, _ in references(text)] == [
        "k",
        "https://x.org/1",
        "images/p.png",
        "https://y.org/2",
        "https://z.org/3",
    ]


def test_a_french_decimal_point_before_a_unit_is_noticed() -> None:
    assert decimal_points("couches de 0.2 mm, version 1.0, 3.5\u00a0%") == [
        ("0.2", 11),
        ("3.5", 32),
    ]


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", TRANSLATED)


def _findings(repo: Path) -> list[tuple[str, int, str]]:
    return [(f.file, f.line, f.code) for f in validate_catalog(load_catalog(repo))]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_french_text_is_held_to_the_english_field_s_schema(translated: Path) -> None:
    _edit(translated / DESIGN_FR, "title: Attache d'essai", "title: |\n  Attache\n  d'essai")
    _edit(translated / DESIGN_FR, "tools: [Ciseaux]", "tools: [Ciseaux]\nlicence: MIT")
    findings = validate_catalog(load_catalog(translated))
    got = {(f.code, f.message) for f in findings}
    assert any(c == "ML105" and m.startswith("title: ") for c, m in got), got
    assert any(c == "ML102" and "'licence'" in m for c, m in got)


def test_a_title_that_is_a_list_is_one_finding_that_shows_it(translated: Path) -> None:
    _edit(translated / DESIGN_FR, "title: Attache d'essai", "title: [Attache, d'essai]")
    _edit(translated / DESIGN_FR, "tools: [Ciseaux]", "tools: Ciseaux")
    findings = validate_catalog(load_catalog(translated))
    assert [(f.file, f.line, f.column, f.code, f.message) for f in findings] == [
        (DESIGN_FR, 7, 8, "ML103", 'title must be text, not ["Attache", "d\'essai"]'),
        (DESIGN_FR, 14, 8, "ML103", "tools must be a list (- item), not 'Ciseaux'"),
    ]


def test_the_translation_s_own_fields_are_checked(translated: Path) -> None:
    _edit(translated / DESIGN_FR, "status: translated", "status: machine")
    _edit(translated / DESIGN_FR, "translated_by: MakeLocal team\n", "")
    _edit(translated / DESIGN_FR, "title:", "language_: x\ntitle:")
    codes = {code for _, _, code in _findings(translated)}
    assert {"ML104", "ML101", "ML102"} <= codes


def test_text_rules_apply_to_translations(translated: Path) -> None:
    _edit(translated / DESIGN_FR, "title: Attache d'essai", "title: TODO")
    _edit(translated / DESIGN_FR, "Ne supporte aucune charge.", "<b>Attention</b>")
    assert {code for _, _, code in _findings(translated)} >= {"ML407", "ML405"}


def test_a_translation_without_the_schema_comment_is_told_its_line(translated: Path) -> None:
    path = translated / DESIGN_FR
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    findings = validate_catalog(load_catalog(translated))
    assert [(f.code, f.message) for f in findings] == [
        (
            "ML014",
            "first line should be "
            "`# yaml-language-server: $schema=../../schemas/translation.schema.json`",
        )
    ]


def test_a_translation_that_does_not_parse_is_reported(translated: Path) -> None:
    (translated / DESIGN_FR).write_text("title: [unclosed\n", encoding="utf-8")
    assert _findings(translated) == [(DESIGN_FR, 2, "ML003")]


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    repo = init_repo(tmp_path / "repo")
    shutil.copytree(TRANSLATED, repo, dirs_exist_ok=True)
    commit_all(repo, "translations")
    return repo


def test_a_changed_translation_is_checked_with_its_record(git_repo: Path) -> None:
    _edit(git_repo / DESIGN_FR, "tools: [Ciseaux]", "tools: [Ciseaux, Colle]")
    selection = select(git_repo, resolve_base(git_repo, None))
    assert selection.changed == {"designs/test-clip/design.yml"}
    assert selection.strays == []
    found = [(f.file, f.code) for f in check_changes(git_repo, None).findings]
    assert found == [(DESIGN_FR, "ML704")]


def test_a_changed_record_reports_its_translation_out_of_date(git_repo: Path) -> None:
    _edit(git_repo / "designs/test-clip/design.yml", "Print the clip.", "Print two clips.")
    found = [(f.file, f.code) for f in check_changes(git_repo, None).findings]
    assert found == [(DESIGN_FR, "ML708")]


def test_a_removed_record_leaves_its_translation_translating_nothing(git_repo: Path) -> None:
    (git_repo / "catalog/materials/test-plastic.yml").unlink()
    found = {(f.file, f.code) for f in check_changes(git_repo, None).findings}
    assert ("catalog/materials/test-plastic.fr.yml", "ML701") in found


def test_a_decimal_point_the_english_writes_with_its_unit_is_a_name() -> None:
    english = 'PrusaSlicer\'s "0.20mm QUALITY" profile, 0.2 mm layers'
    french = "le profil « 0.20mm QUALITY » de PrusaSlicer, couches de 0.2 mm"
    assert decimal_points(french, english) == [("0.2", 56)]


def test_validate_takes_a_translation_as_a_path(
    translated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli import main

    assert main(["--root", str(translated), "validate", str(translated / DESIGN_FR)]) == 0
    assert "ML016" not in capsys.readouterr().out
