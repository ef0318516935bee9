"""A filled "Report a make" form becomes a make report with its photo, named after the
design, the place and the month; a bad one gets each problem against its field."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.records.loader import parse
from tests.contrib.forms.conftest import from_issue

MAKE = "catalog/makes/face-shield-headband-kampala-2026-11"


def test_a_make_report_becomes_a_valid_record(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = from_issue(repository, "make-good.md", capsys)
    assert run.code == 0, run.output
    assert "## New make report: `Face-shield headband for an A4 visor, made in Kampala`" in (
        run.output
    )
    data = parse((repository / f"{MAKE}.yml").read_bytes(), Path("make.yml")).data
    assert data == {
        "id": "face-shield-headband-kampala-2026-11",
        "design": "face-shield-headband",
        "by": {"name": "Kampala Makerspace"},
        "country": "UG",
        "region": "Kampala",
        "date": "2026-11-20",
        "process": "fdm-printing",
        "materials": ["petg"],
        "material_notes": "Prusament PETG, dried 4 h at 65 °C",
        "machine": {"name": "Prusa MINI+, 0.4 mm nozzle"},
        "quantity": 20,
        "outcome": "worked",
        "summary": "Printed 20 headbands in PETG for a clinic; all in use after a month.",
        "worked": "The pins held the visors through daily cleaning with soap.",
        "url": "https://github.com/makelocal/makelocal/issues/12",
        "photos": [{"file": "photo-1.png", "caption": "Ten headbands drying after cleaning"}],
    }
    assert (repository / MAKE / "photo-1.png").is_file()
    assert main(["--root", str(repository), "validate", str(repository / "catalog/makes")]) == 0


def test_a_second_report_of_the_same_month_and_place_is_numbered(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert from_issue(repository, "make-good.md", capsys).code == 0
    assert from_issue(repository, "make-good.md", capsys).code == 0
    assert (repository / f"{MAKE}-2.yml").is_file()


def test_a_bad_make_report_lists_each_problem(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = from_issue(repository, "make-bad.md", capsys)
    assert run.code == 1
    items = [line.split(". ", 1)[1] for line in run.output.splitlines() if line[:1].isdigit()]
    assert items == [
        "**Design**: `Face shield` is not a design on MakeLocal. Did you mean `Face-shield "
        "headband for an A4 visor`? Give its name as its page shows it, or the page's address.",
        "**Country**: `Ugnda` is not a country's name or code. Did you mean `Uganda`?",
        "**When**: `20 November 2026` is not a date as YYYY-MM-DD, such as 2026-11-01.",
        "**Maker profile**: `kampala-makers` is not a maker profile on MakeLocal: leave it empty.",
        "**Materials**: `recycled petg` is not a material MakeLocal describes yet. Did you mean "
        "`recycled-pet`? The known ones are listed on the site; a new material is "
        "proposed with its own form first.",
        "**How many were made**: `about twenty` is not a whole number from 1 to 10000000.",
        "**What failed** is empty: please fill it in.",
    ]
    assert not (repository / f"{MAKE}.yml").exists()


def test_a_make_report_written_in_the_french_form_becomes_the_same_record(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The French form's labels and options, and a country named in French, give the record
    the English form gives; its text is as written."""
    run = from_issue(repository, "make-good.fr.md", capsys)
    assert run.code == 0, run.output
    data = parse((repository / f"{MAKE}.yml").read_bytes(), Path("make.yml")).data
    assert {k: data[k] for k in ("design", "country", "process", "materials", "outcome")} == {
        "design": "face-shield-headband",
        "country": "UG",
        "process": "fdm-printing",
        "materials": ["petg"],
        "outcome": "worked",
    }
    assert data["machine"] == {"name": "Prusa MINI+, buse de 0,4 mm"}
    assert data["photos"][0]["caption"] == "Dix serre-têtes qui sèchent après le nettoyage"
    assert main(["--root", str(repository), "validate", str(repository / "catalog/makes")]) == 0
