"""An analysis's reasons on a French page: every process's reasons in French, numbers
with a decimal comma, none of them marked as English; a sentence the catalogue does not
wholly translate is shown in English, marked."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import trimesh

from generator.analysis.codec import from_json, to_json
from generator.analysis.results import Analysis, Reason
from generator.analysis.said import Figure, say, written
from generator.analysis.said_words import in_language
from generator.makeit.matching import MESSAGES
from generator.makeit.notes import Note
from generator.web.i18n import gettext, speaking
from generator.web.said import said_text
from tests.analysis.shapes import mould_cup
from tests.analysis.test_analysis import FDM, NO_DENSITY, run
from tests.analysis.test_flat import CUTTING, SEWING, flat
from tests.analysis.test_moulding import FORMING, mould

# A decimal point, not in a version (PrusaSlicer 2.5).
ENGLISH_DECIMAL = re.compile(r"(?<!PrusaSlicer )\b\d+\.\d")
FRENCH_DECIMAL = re.compile(r"\d,\d")
SETTINGS_WORDS = re.compile(
    r"[\d.]+ mm layers|[\d.]+ % infill|\d+ perimeters?|\d+ (top|bottom)( and \d+ bottom)? solid "
    r"layers|[\d.]+ mm lines|with(out)? supports"
)


def _printed(_folder: Path) -> Analysis:
    sheet = trimesh.creation.box((40, 30, 0.4)).apply_translation((20, 15, 0.2))
    return run(sheet, FDM, {"pla": NO_DENSITY})


def _moulded(_folder: Path) -> Analysis:
    return mould(mould_cup(wall=1, floor=1))


def _formed(_folder: Path) -> Analysis:
    return mould(trimesh.creation.box((100, 60, 20)), FORMING)


def _cut(folder: Path) -> Analysis:
    body = '<path d="M0 0 H50 V10 H0 Z M50 4.7 H60 V5.3 H50 Z"/><path d="M100 100 L 120 120"/>'
    sheets = {"min_wall": _mm(3), "max_wall": _mm(12.5)}
    cutting = {**CUTTING, "design_rules": {**CUTTING["design_rules"], **sheets}}  # type: ignore[dict-item]
    return flat(folder, body, cutting, thickness=2.5)[0]


def _mm(value: float) -> dict[str, object]:
    return {"value": value, "unit": "mm", "source": "fixture"}


def _sewn(folder: Path) -> Analysis:
    return flat(folder, '<rect width="1200.5" height="1300"/>', SEWING)[0]


PROCESSES: dict[str, Callable[[Path], Analysis]] = {
    "printing": _printed,
    "moulding": _moulded,
    "vacuum forming": _formed,
    "laser cutting": _cut,
    "sewing": _sewn,
}


@pytest.mark.parametrize("process", PROCESSES)
def test_every_process_s_reasons_and_assumptions_are_in_french(
    process: str, tmp_path: Path
) -> None:
    analysis = PROCESSES[process](tmp_path)
    assert analysis.reasons, "the case gives no reason to show"
    assert analysis.profile.assumptions, "the case states no assumption"
    decimals = 0
    for said in (*(r.said for r in analysis.reasons), *analysis.profile.assumptions):
        english = written(said)
        with speaking("fr"):
            shown = str(said_text(said))
        assert 'lang="en"' not in shown, shown
        assert shown != english
        assert not ENGLISH_DECIMAL.search(shown), shown
        if ENGLISH_DECIMAL.search(english):
            assert FRENCH_DECIMAL.search(shown), shown
            decimals += 1
    assert decimals, f"no reason of the case has a decimal: {analysis.reasons}"


def test_the_english_sentence_is_the_typed_one_written_and_both_are_kept() -> None:
    (reason, *_rest) = mould(mould_cup(wall=1, floor=1)).reasons
    assert reason.message == written(reason.said)
    assert from_json(Reason, to_json(reason)) == reason
    with speaking("en"):
        assert said_text(reason.said) == reason.message


def test_french_numbers_group_thousands_and_keep_their_style() -> None:
    said = say(
        "the shot leaves %(spare)s cm3 of the barrel for sprue and runners",
        spare=Figure(number=12345.6, style=",.0f"),
    )
    assert written(said) == "the shot leaves 12,346 cm3 of the barrel for sprue and runners"
    assert in_language(said, "fr") == (
        "l'injection laisse 12\u202f346\u00a0cm³ du cylindre pour la carotte et les canaux"
    )


def test_a_sentence_the_catalogue_lacks_is_shown_in_english_marked() -> None:
    said = say("%(count)s sentences no catalogue has", count=2.5)
    assert in_language(said, "fr") is None
    with speaking("fr"):
        shown = str(said_text(said))
    assert shown == '<span lang="en" class="ml-en">2.5 sentences no catalogue has</span>'


def test_the_repository_s_french_design_pages_show_no_english_reason(
    real_site: Path,
) -> None:
    shown = settings = 0
    for page in sorted((real_site / "fr" / "design").glob("*.html")):
        html = page.read_text("utf-8")
        for reasons in re.findall(r'<ul class="ml-reasons">(.*?)</ul>', html):
            assert 'lang="en"' not in reasons, page.name
            shown += reasons.count("<li")
        # The print settings in words, which the analysis's profile gives.
        english = re.findall(r'<span lang="en" class="ml-en">([^<]*)</span>', html)
        assert not [e for e in english if SETTINGS_WORDS.fullmatch(e)], page.name
        settings += len(re.findall(r"couches de \d+,\d+\u00a0mm", html))
    assert shown >= 5
    assert settings, "no French design page says its print settings"


def test_what_matching_and_the_score_say_is_in_the_page_s_language(real_site: Path) -> None:
    note = Note(MESSAGES["sizes-unchecked"], (("process", "Couture"),))
    assert note.english == "sizes for Couture not checked: no machine of known size given"
    with speaking("fr"):
        french = note.written(gettext)
    assert "Couture" in french and "not checked" not in french
    notes = 0
    for page in sorted((real_site / "fr" / "design").glob("*.html")):
        html = page.read_text("utf-8")
        for who in re.findall(r'<ul class="ml-who">(.*?)</ul>', html):
            assert 'lang="en"' not in who and "not checked" not in who, page.name
            notes += who.count("<small>")
        # Where the repairability score loses points.
        for losses in re.findall(r'<details class="ml-losses">(.*?)</details>', html):
            assert 'lang="en"' not in losses and " parts " not in losses, page.name
            notes += losses.count("<li>")
    assert notes, "no maker or score of the repository's French pages has a note"
