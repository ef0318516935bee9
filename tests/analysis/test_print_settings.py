"""The print settings a design recommends: read from the record within the schema's
bounds, taken by the FDM estimate over the process profile, and part of the cache key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import trimesh

from generator.analysis.cache_keys import CacheKeys
from generator.analysis.options import PartOptions
from generator.analysis.print_settings import NOT_GIVEN, PrintSettings, recommended_phrases
from generator.analysis.printability import analyse
from generator.analysis.results import Analysis, PartAnalysis, SlicerFigures
from generator.analysis.runner import Job, Settings, analyse_job, run, select_jobs
from generator.analysis.said import written
from generator.analysis.slicer import REFERENCE_PROFILE, find_prusa_slicer, slice_part
from generator.checks.schema_files import schema_node
from generator.cli import main
from generator.records.catalog import load_catalog
from tests.analysis import shapes
from tests.conftest import FIXTURES, make_repo

FDM: dict[str, Any] = {"id": "fdm-printing", "analysis": "fdm", "design_rules": {}}
PLA = {"properties": {"density": {"value": 1.24, "unit": "g/cm3", "source": "s"}}}


def estimate(settings: PrintSettings = NOT_GIVEN, mesh: trimesh.Trimesh | None = None) -> Analysis:
    part = shapes.calibration_cube() if mesh is None else mesh
    return analyse(part.triangles.copy(), FDM, {"pla": PLA}, settings=settings)


def grams(analysis: Analysis) -> float:
    assert analysis.materials[0].mass_g is not None
    return analysis.materials[0].mass_g


def minutes(analysis: Analysis) -> float:
    assert analysis.materials[0].filament is not None
    return analysis.materials[0].filament.print_time_min


def test_the_figures_follow_the_settings_the_design_recommends() -> None:
    reference = estimate()
    solid = estimate(PrintSettings(perimeters=4, infill_percent=100))
    hollow = estimate(PrintSettings(perimeters=1, infill_percent=0))
    assert grams(hollow) < grams(reference) < grams(solid)
    assert solid.profile.settings is not None
    assert solid.profile.settings["perimeters"] == 4
    assert solid.profile.settings["infill_density"] == pytest.approx(1.0)
    assert solid.profile.recommended == PrintSettings(perimeters=4, infill_percent=100)
    assert reference.profile.recommended is None
    # Thinner layers: more of them, so a longer print of about the same plastic.
    fine = estimate(PrintSettings(layer_height_mm=0.1))
    assert minutes(fine) > 1.5 * minutes(reference)
    assert grams(fine) == pytest.approx(grams(reference), rel=0.1)
    # Solid layers: a hollow box with thick skins holds more plastic than with none.
    box = trimesh.creation.box((30, 30, 10)).apply_translation((15, 15, 5))
    skins = [
        grams(estimate(PrintSettings(top_solid_layers=n, bottom_solid_layers=n), box))
        for n in (0, 3, 10)
    ]
    assert skins == sorted(skins) and skins[0] < skins[-1]


def test_supports_change_what_the_figures_assume() -> None:
    with_supports = estimate(PrintSettings(supports=True)).profile
    assert with_supports.assumptions is not None
    first = written(with_supports.assumptions[0])
    assert "with supports as the design recommends" in first and "support material" in first
    plain = estimate(PrintSettings(supports=False)).profile
    assert plain.assumptions is not None
    assert "without supports" in written(plain.assumptions[0])


def test_a_parts_settings_override_the_designs_one_by_one() -> None:
    design = {"print_settings": {"layer_height_mm": 0.3, "perimeters": 3, "supports": True}}
    part = {"print_settings": {"perimeters": 5, "infill_percent": 40}}
    options = PartOptions.of(part, design)
    assert options.print_settings == PrintSettings(
        layer_height_mm=0.3, perimeters=5, infill_percent=40, supports=True
    )
    assert PartOptions.of({}, None).print_settings == NOT_GIVEN
    assert not NOT_GIVEN.given


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("perimeters", 300),
        ("perimeters", 0),
        ("perimeters", 3.5),
        ("perimeters", True),
        ("perimeters", "3"),
        ("infill_percent", 150),
        ("infill_percent", -1),
        ("infill_percent", float("nan")),
        ("layer_height_mm", 0.001),
        ("layer_height_mm", float("inf")),
        ("top_solid_layers", 10**9),
        ("bottom_solid_layers", -2),
        ("supports", "yes"),
        ("supports", 1),
    ],
)
def test_a_setting_the_schema_refuses_is_left_out(name: str, value: object) -> None:
    """The validator reports it; the estimate goes on with the profile's value, and a slip
    such as a billion solid layers cannot make it run for ever."""
    assert PrintSettings.of({name: value}) == NOT_GIVEN


def test_a_count_written_as_a_whole_float_is_that_count() -> None:
    """JSON Schema takes 3.0 as the integer 3; so does the estimate, as a count."""
    settings = PrintSettings.of({"perimeters": 3.0, "top_solid_layers": 4.0})
    assert (settings.perimeters, settings.top_solid_layers) == (3, 4)
    assert isinstance(settings.perimeters, int) and isinstance(settings.top_solid_layers, int)
    assert grams(estimate(settings)) > 0


def test_the_bounds_are_the_schemas() -> None:
    node = schema_node("common", "/$defs/print_settings")["properties"]
    for name in ("perimeters", "top_solid_layers", "bottom_solid_layers", "infill_percent"):
        low, high = node[name]["minimum"], node[name]["maximum"]
        assert getattr(PrintSettings.of({name: low}), name) == low
        assert getattr(PrintSettings.of({name: high}), name) == high
        assert getattr(PrintSettings.of({name: high + 1}), name) is None
        assert getattr(PrintSettings.of({name: low - 1}), name) is None
    lowest = node["layer_height_mm"]["minimum"]
    assert PrintSettings.of({"layer_height_mm": lowest}).layer_height_mm == lowest
    assert PrintSettings.of({"layer_height_mm": lowest / 2}).layer_height_mm is None


def test_the_words_say_the_values_the_estimate_used() -> None:
    settings = PrintSettings(
        layer_height_mm=0.15, perimeters=1, infill_percent=20, top_solid_layers=6, supports=False
    )
    used = estimate(settings).profile
    assert used.settings is not None and used.recommended is not None
    said = recommended_phrases(used.settings, used.recommended)
    assert [written(w) for w in said] == [
        "0.15 mm layers",
        "1 perimeter",
        "20 % infill",
        "6 top solid layers",
        "without supports",
    ]


def loose_job(part: Path, settings: PrintSettings = NOT_GIVEN) -> Job:
    """A job for a part of no design, printed in PLA with `settings`."""
    return Job(
        path=part,
        shown=part.name,
        design=None,
        part=None,
        quantity=1,
        process=FDM,
        materials={"pla": PLA},
        options=PartOptions(print_settings=settings),
    )


def test_the_cache_key_holds_the_settings_and_a_change_is_analysed_again(
    tmp_path: Path,
) -> None:
    part = tmp_path / "cube.stl"
    shapes.calibration_cube().export(part)
    plain = loose_job(part)
    solid = loose_job(part, PrintSettings(perimeters=4, infill_percent=100))
    settings = Settings(cache=tmp_path / "cache", workers=1)
    keyed = CacheKeys(settings)
    assert keyed.of("hash", plain) != keyed.of("hash", solid)
    (first,) = run([plain], settings)
    (second,) = run([solid], settings)
    assert isinstance(first, PartAnalysis) and isinstance(second, PartAnalysis)
    assert grams(second.analysis) > grams(first.analysis)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 2
    (again,) = run([solid], settings)  # from the cache, with the settings it was made with
    assert again == second


def test_the_runner_gives_each_part_its_designs_settings(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FIXTURES / "valid" / "print-settings")
    (clip,) = select_jobs(load_catalog(repo), [], None)
    assert clip.options.print_settings == PrintSettings(
        layer_height_mm=0.3,
        perimeters=3,
        infill_percent=100,
        top_solid_layers=4,
        bottom_solid_layers=3,
        supports=False,
    )


def test_analyse_prints_the_settings_the_design_recommends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo", FIXTURES / "valid" / "print-settings")
    assert main(["--root", str(repo), "analyse"]) == 0
    out = capsys.readouterr().out
    assert (
        "print settings the design recommends: 0.3 mm layers, 3 perimeters, 100 % infill, "
        "4 top and 3 bottom solid layers, without supports"
    ) in out


@pytest.mark.skipif(find_prusa_slicer() is None, reason="prusa-slicer is not installed")
def test_prusa_slicer_is_given_the_same_settings(tmp_path: Path) -> None:
    part = tmp_path / "box.stl"
    trimesh.creation.box((30, 30, 10)).apply_translation((15, 15, 5)).export(part)
    settings = PrintSettings(
        layer_height_mm=0.3, perimeters=3, infill_percent=40, top_solid_layers=3, supports=True
    )
    job = loose_job(part, settings)
    result = analyse_job(job, "hash", Settings(cache=tmp_path / "cache", slicer=True))
    assert isinstance(result, PartAnalysis)
    slicer = result.prusa_slicer
    assert isinstance(slicer, SlicerFigures) and slicer.filament_g is not None
    assert slicer.profile.endswith("with the design's print settings")
    plain = slice_part(part, REFERENCE_PROFILE)
    assert slicer.filament_g > plain.filament_g * 1.2  # more walls and infill than 2 and 15 %
    assert grams(result.analysis) == pytest.approx(slicer.filament_g, rel=0.1)
    # A solid part: PrusaSlicer refuses gyroid infill at 100 %, so it is given lines.
    solid = slice_part(part, REFERENCE_PROFILE, settings=PrintSettings(infill_percent=100))
    assert solid.filament_cm3 == pytest.approx(9.0 * 1.0, rel=0.05)  # the 30 x 30 x 10 box


def test_no_infill_lays_no_sparse_infill_nor_its_anchors() -> None:
    """0 % infill (fablab-uchile's band): no waves and nothing joining them; the wave's
    pace below 1 % is the 1 % wave's, so a sparse setting cannot make its tracing run
    away (0 % once took 7 GB here)."""
    hollow = estimate(PrintSettings(infill_percent=0))
    breakdown = hollow.profile.breakdown_cm3 or {}
    times = hollow.profile.time_breakdown_min or {}
    assert breakdown["sparse_infill"] == 0 and times["sparse_infill"] == 0
    assert grams(hollow) < grams(estimate())
    nearly = estimate(PrintSettings(infill_percent=0.5))
    assert 0 < (nearly.profile.breakdown_cm3 or {})["sparse_infill"] < breakdown["solid_infill"]
    assert minutes(hollow) < minutes(nearly) < minutes(estimate())
