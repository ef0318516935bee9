"""The print settings box of a design page: the settings the design recommends, in the
values the estimate used, and the figures of the page made with them."""

from __future__ import annotations

import html
import re
from pathlib import Path

import trimesh

from generator.analysis.print_settings import PrintSettings
from generator.analysis.printability import analyse
from generator.analysis.results import ANALYSER_VERSION, AnalysedFile, PartAnalysis
from generator.analysis.said import Clause, written
from generator.web.render import render_site
from generator.web.settings_box import settings_box
from generator.web.site import Settings
from generator.web.sources import load_valid_catalog
from generator.web.words import number
from tests.conftest import FIXTURES, make_repo
from tests.web.helpers import clip_analysis

DESIGN = Path("designs/test-clip/design.yml")


def design_page(repo: Path) -> tuple[str, PartAnalysis]:
    """The design page's text and the clip's analysis it shows."""
    catalog = load_valid_catalog(repo)
    analysis = clip_analysis(catalog)
    site = render_site(catalog, {"test-clip/clip": analysis}, Settings())
    page = next(p for p in site.pages if p.path == "design/test-clip.md")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.html)).split())
    return re.sub(r" ([:.,;])", r"\1", text), analysis


def box(text: str) -> str:
    start = text.index("Print settings")
    return text[start : text.index("Make a batch", start)]


def hero_grams(analysis: PartAnalysis) -> str:
    """The page's "material per product": both clips of the fixture's design."""
    mass = analysis.analysis.materials[0].mass_g
    assert mass is not None
    return f"Material per product {number(round(mass * 2, 1))} g"


def words(said: tuple[Clause, ...]) -> tuple[str, ...]:
    return tuple(written(w) for w in said)


def test_the_box_shows_the_designs_settings_and_the_figures_use_them(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FIXTURES / "valid" / "print-settings")
    text, solid = design_page(repo)
    assert box(text) == (
        "Print settings this design recommends: 0.3 mm layers, 3 perimeters, 100 % infill, "
        "4 top and 3 bottom solid layers, without supports. The figures above use these; "
        "where the design gives none, 0.45 mm lines, from PrusaSlicer 0.20mm QUALITY, "
        "0.4 mm nozzle (MakeLocal reference profile). "
    )
    assert hero_grams(solid) in text
    # The design asks for a sparser part: the page says so, and its figures drop with it.
    record = repo / DESIGN
    record.write_text(record.read_text().replace("infill_percent: 100", "infill_percent: 20"))
    text, sparse = design_page(repo)
    assert "3 perimeters, 20 % infill, 4 top" in box(text)
    assert hero_grams(sparse) in text
    assert (sparse.analysis.materials[0].mass_g or 0) < (solid.analysis.materials[0].mass_g or 0)


def test_without_settings_the_box_names_the_reference_profiles(tmp_path: Path) -> None:
    text, _ = design_page(make_repo(tmp_path / "repo"))
    assert box(text).startswith(
        "Print settings of these figures: the design recommends none, so they take 0.2 mm "
        "layers, 2 perimeters, 15 % infill, 5 top and 4 bottom solid layers, 0.45 mm lines, "
        "from PrusaSlicer 0.20mm QUALITY"
    )


def printed(settings: PrintSettings) -> PartAnalysis:
    cube = trimesh.creation.box((10, 10, 10)).apply_translation((5, 5, 5))
    process = {"id": "fdm-printing", "analysis": "fdm", "design_rules": {}}
    return PartAnalysis(
        analysed=AnalysedFile(
            file="cube.stl",
            design="d",
            part="p",
            quantity=1,
            sha256="0" * 64,
            analyser_version=ANALYSER_VERSION,
        ),
        analysis=analyse(cube.triangles.copy(), process, {}, settings=settings),
        seconds=0.1,
    )


def test_parts_that_differ_are_said_together_part_by_part() -> None:
    parts = [{"id": i, "name": i.capitalize()} for i in ("lid", "box", "pin", "tag", "sheet")]
    common = {"layer_height_mm": 0.2, "perimeters": 3}
    analyses = {
        "lid": printed(PrintSettings.of(common, {"infill_percent": 20, "supports": True})),
        "box": printed(PrintSettings.of(common, {"infill_percent": 100})),
        "pin": printed(PrintSettings.of(common, {"infill_percent": 100})),
        "tag": printed(PrintSettings.of(common)),
        # A part with no analysis (a sewn sheet, say) has no print settings.
    }
    found = settings_box(parts, analyses)
    assert found is not None
    assert words(found.recommended) == ("0.2 mm layers", "3 perimeters")
    assert [(p.names, words(p.words)) for p in found.parts] == [
        (("Lid",), ("20 % infill", "with supports")),
        (("Box", "Pin"), ("100 % infill",)),
    ]
    # The tag takes the reference profile's infill; every part its solid layers and lines.
    assert words(found.reference) == (
        "15 % infill",
        "5 top and 4 bottom solid layers",
        "0.45 mm lines",
    )
    assert found.supports_left_out
    assert settings_box(parts[-1:], {}) is None
