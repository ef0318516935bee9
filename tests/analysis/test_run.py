"""`makelocal analyse`: selection, cache, time budget, bad files, output, PrusaSlicer, ML301."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path
from unittest.mock import ANY

import numpy as np
import pytest
import trimesh

from generator.analysis import cache_keys, slicing
from generator.analysis import runner as analyse_run
from generator.analysis.fdm import FdmProfile
from generator.analysis.options import PartOptions
from generator.analysis.results import PartAnalysis, PartFailure, PartResult, SlicerFigures
from generator.analysis.runner import Job, Settings, analyse_job, run
from generator.analysis.slicer import REFERENCE_PROFILE, find_prusa_slicer
from generator.checks.validate import validate_catalog
from generator.cli import main
from generator.records.catalog import list_design_folder, load_catalog
from generator.records.stl import StlError, read_triangles
from tests.analysis import shapes

ROOT = Path(__file__).resolve().parents[2]
FDM = {"id": "fdm-printing", "analysis": "fdm", "design_rules": {}}


def job(path: Path) -> Job:
    return Job(path=path, shown=path.name, design=None, part=None, quantity=1, process=FDM)


def analysed(result: PartResult) -> PartAnalysis:
    assert isinstance(result, PartAnalysis), result
    return result


def failed(result: PartResult) -> PartFailure:
    assert isinstance(result, PartFailure), result
    return result


def test_json_output_has_the_promised_fields(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    part = tmp_path / "box.stl"
    shapes.box().export(part)
    code = main(
        ["--root", str(ROOT), "analyse", str(part), "--material", "pla", "--format", "json"]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    result = out["parts"][0]
    for key in (
        "faces",
        "bodies",
        "watertight",
        "volume_cm3",
        "size_mm",
        "overhang_area_mm2",
        "verdict",
        "reasons",
        "profile",
        "materials",
    ):
        assert key in result
    row = result["materials"][0]
    assert row["material"] == "pla" and row["filament_g"] > 0 and row["filament_m"] > 0
    assert row["print_time_min"] > 0 and result["profile"]["settings"]["layer_height"] == 0.2


def test_bad_file_is_a_finding_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    part = tmp_path / "photo.stl"
    part.write_bytes(b"\xff\xd8\xff\xe0" + bytes(300))
    code = main(["--root", str(ROOT), "analyse", str(part)])
    text = capsys.readouterr().out
    assert code == 1 and "photo.stl: UNREADABLE" in text and "JPEG" in text


def test_unknown_material_and_path(capsys: pytest.CaptureFixture) -> None:
    assert main(["--root", str(ROOT), "analyse", "--material", "unobtainium"]) == 2
    assert main(["--root", str(ROOT), "analyse", "no/such/place.txt"]) == 2
    assert "unobtainium" in capsys.readouterr().err


def test_parts_without_a_mesh_are_listed_not_analysed(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    shutil.copytree(ROOT / "catalog", tmp_path / "catalog")
    for design in ("reusable-sanitary-pad", "tensile-test-specimen"):
        shutil.copytree(ROOT / "designs" / design, tmp_path / "designs" / design)
    # The pad's sewn parts have cutting outlines now: take their files away in the copy,
    # so that they are parts without a drawing or a mesh.
    record = tmp_path / "designs" / "reusable-sanitary-pad" / "design.yml"
    lines = record.read_text("utf-8").splitlines(keepends=True)
    record.write_text("".join(x for x in lines if not x.startswith("    file: parts/")), "utf-8")
    pad = str(tmp_path / "designs" / "reusable-sanitary-pad")
    assert main(["--root", str(tmp_path), "analyse", pad]) == 0
    text = capsys.readouterr().out
    assert text.count("NOT ANALYSED") == 4 and "made by Sewing" in text
    assert main(["--root", str(tmp_path), "analyse", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {p["part"] for p in out["parts"]} == {"printed-specimen"}
    skipped = {p["part"]: p for p in out["without_mesh"]}
    assert set(skipped) == {"backing", "top-front", "top-back", "core", "pressed-specimen"}
    assert skipped["pressed-specimen"]["process"] == "sheet-pressing"
    assert "src/astm-d638-type-iv-outline.scad" in skipped["pressed-specimen"]["reason"]
    assert main(["--root", str(tmp_path), "analyse", str(tmp_path / "catalog")]) == 2
    assert "no design in this folder" in capsys.readouterr().err


def test_cached_results_are_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    part = tmp_path / "cube.stl"
    shapes.calibration_cube().export(part)
    settings = Settings(cache=tmp_path / "cache", workers=1)
    first = run([job(part)], settings)
    calls: list[Path] = []

    def counted(job: Job, content_hash: str, settings: Settings) -> PartResult:
        calls.append(job.path)
        return analyse_job(job, content_hash, settings)

    monkeypatch.setattr(analyse_run, "analyse_job", counted)
    assert run([job(part)], settings) == first and calls == []
    shapes.box().export(part)  # new content: analysed again
    run([job(part)], settings)
    assert calls == [part]


def test_the_same_file_in_two_designs_keeps_each_designs_header(tmp_path: Path) -> None:
    part = tmp_path / "cube.stl"
    shapes.calibration_cube().export(part)
    settings = Settings(cache=tmp_path / "cache", workers=1)
    first, second = (replace(job(part), design=name, part="cube") for name in ("a", "b"))
    run([first], settings)  # cached under the file's content
    (cached,) = run([second], settings)
    assert (cached.analysed.design, cached.analysed.part) == ("b", "cube")


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: "[]",  # not an object
        lambda text: text.replace('"faces": ', '"faces": "many", "x": '),  # wrong type
        lambda text: text.replace('"verdict": "ready"', '"verdict": "splendid"'),
        lambda text: text.replace('"faces": ', '"colour": "red", "faces": '),  # unknown key
        lambda text: text.replace('"quantity": 1, ', ""),  # a key missing
    ],
)
def test_a_cache_file_that_is_not_a_result_is_analysed_again(
    tmp_path: Path, damage: Callable[[str], str]
) -> None:
    part = tmp_path / "cube.stl"
    shapes.calibration_cube().export(part)
    settings = Settings(cache=tmp_path / "cache", workers=1)
    (first,) = run([job(part)], settings)
    (cached,) = (tmp_path / "cache").glob("*.json")
    text = cached.read_text()
    assert json.loads(text)["verdict"] == "ready"
    cached.write_text(damage(text))
    assert run([job(part)], settings) == [replace(first, seconds=ANY)]
    assert cached.read_text() != damage(text)  # written again, whole


def test_parts_run_in_parallel_workers(tmp_path: Path) -> None:
    paths = []
    for name in ("box", "ring", "gear"):
        paths.append(tmp_path / f"{name}.stl")
        shapes.ACCURACY_PARTS[name]().export(paths[-1])
    results = run([job(p) for p in paths], Settings(cache=tmp_path / "cache", workers=2))
    assert [r.analysed.file for r in results] == ["box.stl", "ring.stl", "gear.stl"]
    assert all((analysed(r).analysis.geometry.volume_cm3 or 0) > 0 for r in results)


def test_time_budget_gives_a_finding(tmp_path: Path) -> None:
    part = tmp_path / "torus.stl"
    shapes.torus().export(part)
    result = failed(analyse_job(job(part), "hash", Settings(cache=tmp_path, budget_s=0.01)))
    assert result.verdict == "not-analysed" and "0.01 s budget" in result.error


def test_time_budget_holds_when_the_alarm_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An alarm firing inside a finaliser is printed by Python, not raised: the clock decides.
    monkeypatch.setattr(analyse_run, "_time_limit", lambda seconds: contextlib.nullcontext())
    part = tmp_path / "torus.stl"
    shapes.torus().export(part)
    result = failed(analyse_job(job(part), "hash", Settings(cache=tmp_path, budget_s=0.01)))
    assert result.verdict == "not-analysed" and "0.01 s budget" in result.error


def test_validate_reports_an_unreadable_part_on_its_line(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "catalog", tmp_path / "catalog")
    shutil.copytree(ROOT / "designs" / "snap-clip", tmp_path / "designs" / "snap-clip")
    (tmp_path / "designs" / "snap-clip" / "parts" / "rod.stl").write_bytes(bytes(90))
    findings = [f for f in validate_catalog(load_catalog(tmp_path)) if f.code == "ML301"]
    assert len(findings) == 1
    design = (tmp_path / "designs" / "snap-clip" / "design.yml").read_text().splitlines()
    assert "rod.stl" in design[findings[0].line - 1]
    assert "truncated or corrupt" in findings[0].message


def test_the_reference_profile_ships_with_the_code_and_matches_the_model() -> None:
    assert REFERENCE_PROFILE.is_file() and REFERENCE_PROFILE.is_relative_to(ROOT / "generator")
    settings = dict(
        line.split(" = ", 1)
        for line in REFERENCE_PROFILE.read_text().splitlines()
        if " = " in line and not line.startswith("#")
    )
    model = FdmProfile()
    assert float(settings["layer_height"]) == model.layer_height
    assert int(settings["perimeters"]) == model.perimeters
    assert int(settings["top_solid_layers"]) == model.top_solid_layers
    assert int(settings["bottom_solid_layers"]) == model.bottom_solid_layers
    assert float(settings["fill_density"].rstrip("%")) / 100 == model.infill_density
    assert float(settings["extrusion_width"]) == model.extrusion_width
    assert float(settings["first_layer_extrusion_width"]) == model.first_layer_extrusion_width
    assert float(settings["filament_diameter"]) == model.filament_diameter


@pytest.mark.skipif(find_prusa_slicer() is None, reason="prusa-slicer is not installed")
def test_prusa_slicer_figures_and_our_estimate_agree(tmp_path: Path) -> None:
    part = tmp_path / "box.stl"
    shapes.box().export(part)
    settings = Settings(cache=tmp_path / "cache", slicer=True)
    result = analyse_job(
        Job(
            path=part,
            shown="box.stl",
            design=None,
            part=None,
            quantity=1,
            process=FDM,
            materials={
                "pla": {"properties": {"density": {"value": 1.24, "unit": "g/cm3", "source": "s"}}}
            },
        ),
        "hash",
        settings,
    )
    slicer = analysed(result).prusa_slicer
    assert isinstance(slicer, SlicerFigures)
    assert slicer.filament_g == pytest.approx(9.07, abs=0.3)
    assert slicer.profile == REFERENCE_PROFILE.name
    grams = analysed(result).analysis.materials[0].mass_g
    assert grams == pytest.approx(slicer.filament_g, rel=0.1)


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--max-stl-mb", "-1"),
        ("--max-stl-mb", "0"),
        ("--max-stl-mb", "ten"),
        ("--time-budget", "0"),
        ("--time-budget", "-5"),
        ("--time-budget", "nan"),
        ("--time-budget", "inf"),
    ],
)
def test_limits_that_refuse_everything_or_never_stop_are_refused(
    option: str, value: str, capsys: pytest.CaptureFixture
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--root", str(ROOT), "analyse", f"{option}={value}"])
    error = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert option in error and repr(value) in error


def test_a_fifo_named_like_an_stl_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "part.stl"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--root", str(ROOT), "analyse", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert "part.stl: not a regular file" in done.stderr
    with pytest.raises(StlError, match="not a regular file"):
        read_triangles(fifo)  # the validator and the build read parts through this too


def hostile_stl(path: Path, count: int) -> None:
    """Random triangles through a 200 mm box: each crosses about 300 layers."""
    triangles = np.random.default_rng(0).uniform(0, 200, (count, 3, 3))
    trimesh.Trimesh(triangles.reshape(-1, 3), np.arange(3 * count).reshape(-1, 3)).export(path)


def test_a_mesh_too_complex_to_slice_is_refused_quickly_and_says_why(tmp_path: Path) -> None:
    part = tmp_path / "random.stl"
    hostile_stl(part, 20_000)  # 6.5 million outline segments: over the limit
    started = time.monotonic()
    result = failed(analyse_job(job(part), "hash", Settings(cache=tmp_path / "cache")))
    assert time.monotonic() - started < 5
    assert result.verdict == "not-analysed"
    assert "too large or complex for the analysis budget" in result.error
    assert "outline segments" in result.error and "random.stl" in result.error


def test_row_crossings_are_bounded_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    part = tmp_path / "box.stl"
    shapes.box().export(part)
    monkeypatch.setattr(slicing, "MAX_CROSSINGS", 1000)  # the box takes about 21,000
    result = failed(analyse_job(job(part), "hash", Settings(cache=tmp_path / "cache")))
    assert result.verdict == "not-analysed" and "pixel row crossings" in result.error


def test_a_file_in_many_designs_is_analysed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    part = tmp_path / "cube.stl"
    shapes.calibration_cube().export(part)
    settings = Settings(cache=tmp_path / "cache", workers=1)
    calls: list[Path] = []

    def counted(job: Job, content_hash: str, settings: Settings) -> PartResult:
        calls.append(job.path)
        return analyse_job(job, content_hash, settings)

    monkeypatch.setattr(analyse_run, "analyse_job", counted)
    jobs = [replace(job(part), design=name, part="cube") for name in ("a", "b", "c")]
    results = run(jobs, settings)
    assert calls == [part]
    assert [r.analysed.design for r in results] == ["a", "b", "c"]
    assert all(replace(r, analysed=results[0].analysed) == results[0] for r in results)


def test_a_parts_path_is_its_real_path_inside_the_design_only(tmp_path: Path) -> None:
    """`part_path`, from the folder's listing, gives what resolving the whole path gives,
    for every kind of name and file: a file, a link inside or outside, a subfolder, a
    folder, a FIFO, an escape, a missing file; and the design's folder itself a link."""
    outside = tmp_path / "outside.stl"
    outside.write_bytes(b"solid")
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    for name in ("clip.stl", "sub/clip.stl"):
        (real / name).write_bytes(b"solid")
    (real / "inside.stl").symlink_to(real / "clip.stl")
    (real / "out.stl").symlink_to(outside)
    (real / "dangling.stl").symlink_to(tmp_path / "gone.stl")
    (real / "folder.stl").mkdir()
    os.mkfifo(real / "fifo.stl")
    (real / "through").symlink_to(real / "sub")
    (real / "away").symlink_to(tmp_path)
    (real / "file").write_bytes(b"solid")
    linked = tmp_path / "linked"
    linked.symlink_to(real)
    names = ["clip.stl", "sub/clip.stl", "inside.stl", "out.stl", "dangling.stl"]
    names += ["folder.stl", "fifo.stl", "missing.stl", "../outside.stl", "", ".", "..", "sub"]
    names += ["through/clip.stl", "away/outside.stl", "file/clip.stl", "sub//clip.stl"]
    names += ["sub/../clip.stl", "missing/clip.stl", "sub/clip.stl/", "nul\0.stl"]
    for folder in (real, linked):
        real_folder = os.path.realpath(folder)
        listing = list_design_folder(folder).files
        for name in names:
            expected = None
            if "\0" not in name:  # a name no file can have
                resolved = os.path.realpath(os.path.join(folder, name))
                inside = resolved.startswith(real_folder + os.sep) and os.path.isfile(resolved)
                expected = resolved if inside else None
            assert analyse_run.part_path(str(folder), real_folder, name, listing) == expected, name


def test_a_design_folders_real_path_is_resolved_as_the_system_does(tmp_path: Path) -> None:
    """A design folder's real path, its parent resolved once for all: the same as
    os.path.realpath's, with the folder, or a folder above it, a link."""
    (tmp_path / "repo" / "designs" / "plain").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "repo" / "designs" / "linked").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "through").symlink_to(tmp_path / "repo")
    real_parents: dict[str, str] = {}
    for top in ("repo", "through"):
        for name in ("plain", "linked", "missing", "plain/", "./plain"):
            folder = str(tmp_path / top / "designs" / name)
            expected = os.path.realpath(folder)
            assert analyse_run._real_folder(folder, real_parents) == expected, folder


def test_a_runs_keys_are_each_jobs_own(tmp_path: Path) -> None:
    """The keys of a run, made with each process's and material's text kept, are those of
    one JSON list of every input: the caches of earlier runs are found again, and two
    parts made alike but for one input have two keys."""
    settings = Settings(cache=tmp_path)
    fdm = {"id": "fdm", "design_rules": {"wall": {"min_mm": 0.8}}, "machines": ["mk3"]}
    sla = {**fdm, "id": "sla"}
    pla = {"properties": {"density": {"value": 1.24}}}
    petg = {"properties": {"density": {"value": 1.27}}}
    jobs = [
        Job(tmp_path / f"p{i}.STL", "p.stl", "d", f"p{i}", 1, process, {name: material}, options)
        for i, (process, (name, material), options) in enumerate(
            [
                (fdm, ("pla", pla), PartOptions()),
                (sla, ("pla", pla), PartOptions()),
                (fdm, ("petg", petg), PartOptions()),
                (fdm, ("pla", pla), PartOptions(units="mm")),
                (fdm, ("pla", pla), PartOptions()),
            ]
        )
    ]
    keyed = cache_keys.CacheKeys(settings)
    keys = [keyed.of("hash", job) for job in jobs]
    for job, key in zip(jobs, keys, strict=True):
        inputs = [
            cache_keys.ANALYSER_VERSION,
            "hash",
            ".stl",
            {k: job.process.get(k) for k in cache_keys.PROCESS_KEYS},
            {m: {k: d["properties"].get(k) for k in cache_keys.MATERIAL_PROPERTIES}
             for m, d in job.materials.items()},
            asdict(job.options),
            settings.max_mb,
            settings.slicer,
        ]  # fmt: skip
        text = json.dumps(inputs, sort_keys=True, default=str)
        assert key == hashlib.sha256(text.encode()).hexdigest()
    assert len(set(keys[:4])) == 4
    assert keys[4] == keys[0]
