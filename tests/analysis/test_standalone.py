"""`makelocal analyse FILE` on its own: from a folder outside any repository with the
built-in processes and materials, its cache in the user's cache folder, and strict JSON
(no NaN or Infinity) for every kind of part, odd ones included."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import trimesh
from shapely.geometry import Polygon

from generator.analysis.builtin import BUILTIN, builtin_catalog, builtin_text
from generator.analysis.results import PartAnalysis, SlicerFigures
from generator.analysis.runner import Settings, run, select_jobs, user_cache
from generator.analysis.slicer import find_prusa_slicer
from generator.cli import main
from generator.reporters import reporter
from tests.analysis import shapes

ROOT = Path(__file__).resolve().parents[2]


def strict(text: str) -> Any:
    """JSON parsed as a strict parser (JavaScript's JSON.parse) would: NaN, Infinity and
    -Infinity are refused."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture
def outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder outside any repository, and a user cache folder of its own."""
    folder = tmp_path / "somewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return folder


def test_a_file_outside_any_repository_is_analysed_with_the_built_in_records(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shapes.hook().export(outside / "hook.stl")
    assert main(["analyse", "hook.stl", "--format", "json"]) == 0
    (part,) = strict(capsys.readouterr().out)["parts"]
    assert part["process"] == "fdm-printing" and part["verdict"] == "needs-attention"
    assert {row["material"] for row in part["materials"]} >= {"pla", "petg"}
    assert part["support_needed"] is True
    grams = sorted(row["support_g"] for row in part["materials"] if "support_g" in row)
    words = " ".join(r["message"] for r in part["reasons"])
    assert f"({grams[0]:g} to {grams[-1]:g} g)" in words  # one per material, as a range
    cached = list((outside.parent / "xdg" / "makelocal" / "analysis").iterdir())
    assert any(p.suffix == ".json" for p in cached) and any(p.suffix == ".png" for p in cached)
    assert list(outside.iterdir()) == [outside / "hook.stl"]  # nothing written beside it


def test_outside_a_repository_folders_or_nothing_are_refused(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyse"]) == 2
    assert "not in a MakeLocal repository: give part files" in capsys.readouterr().err
    (outside / "designs").mkdir()  # now it is one, but holds no design
    assert main(["analyse", str(outside / "designs")]) == 2


def test_a_file_outside_the_repository_caches_in_the_users_folder(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shapes.box().export(outside / "box.stl")
    repository = outside.parent / "repo"
    (repository / "catalog").mkdir(parents=True)
    for kind in ("processes", "materials"):
        shutil.copytree(ROOT / "catalog" / kind, repository / "catalog" / kind)
    assert main(["--root", str(repository), "analyse", "box.stl", "--material", "pla"]) == 0
    assert "READY" in capsys.readouterr().out
    assert not (repository / ".cache").exists()
    assert any((outside.parent / "xdg" / "makelocal" / "analysis").glob("*.json"))


def test_a_whole_process_from_an_outside_folder(outside: Path) -> None:
    """As a person runs it: a new process, in a folder no repository holds."""
    shapes.calibration_cube().export(outside / "cube.stl")
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "analyse", "cube.stl", "--format", "json"],
        cwd=outside,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    (part,) = strict(done.stdout)["parts"]
    assert part["verdict"] == "ready" and part["size_mm"] == [20, 20, 20]


def tray_with_corners_on_layer_planes() -> trimesh.Trimesh:
    """A channel whose floor and walls end on planes the layers are cut at (0.1 + 0.2 k
    mm above its bottom): faces whose top corner sits on such a plane gave NaN outline
    points (issue 19's 1002_tray_bottom)."""
    section = [(0, 0), (60, 0), (60, 8.1), (58, 8.1), (58, 2.1), (2, 2.1), (2, 8.1), (0, 8.1)]
    return shapes._standing(Polygon(section), 40)


def inside_out() -> trimesh.Trimesh:
    box = shapes.box()
    box.invert()
    return box


ODD_PARTS = {
    "corners on layer planes": tray_with_corners_on_layer_planes,
    "inside out": inside_out,
    "open": lambda: trimesh.Trimesh(shapes.box().vertices, shapes.box().faces[:-2]),
    "tiny": lambda: trimesh.creation.box((1.09, 0.8, 0.5)).apply_translation((0.6, 0.4, 0.25)),
    "huge": lambda: trimesh.creation.box((5e4, 3e4, 2e4)).apply_translation((3e4, 2e4, 1e4)),
    "flat": lambda: trimesh.Trimesh([[0, 0, 0], [10, 0, 0], [0, 10, 0]], [[0, 1, 2]]),
    "one layer": lambda: trimesh.creation.box((20, 20, 0.1)).apply_translation((10, 10, 0.05)),
    "degenerate": lambda: trimesh.Trimesh(
        [*shapes.box().vertices, [1, 1, 1]],
        [*shapes.box().faces, [0, 0, 8]],
        process=False,
    ),
}


def test_every_output_of_odd_parts_is_strict_json(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, make in ODD_PARTS.items():
        make().export(outside / f"{name}.stl")
    files = [f"{name}.stl" for name in ODD_PARTS]
    main(["analyse", *files, "--format", "json"])
    document = strict(capsys.readouterr().out)
    assert len(document["parts"]) == len(ODD_PARTS)
    for cached in (outside.parent / "xdg" / "makelocal" / "analysis").glob("*.json"):
        strict(cached.read_text())
    by_file = {part["file"]: part for part in document["parts"]}
    tray = by_file["corners on layer planes.stl"]
    assert tray["verdict"] == "ready" and tray["materials"][0]["print_time_min"] > 0
    assert by_file["inside out.stl"]["inverted"] is True
    tiny = " ".join(r["message"] for r in by_file["tiny.stl"]["reasons"])
    assert "drawn in cm or inches?" in tiny


def test_the_built_in_records_are_the_catalogues() -> None:
    assert BUILTIN.read_text("utf-8") == builtin_text(ROOT), (
        "generator/analysis/builtin.json is out of date: run "
        "`python -m generator.analysis.builtin` and commit it"
    )


@pytest.mark.skipif(find_prusa_slicer() is None, reason="prusa-slicer is not installed")
def test_prusa_slicers_figures_come_with_progress_and_in_every_format(outside: Path) -> None:
    shapes.calibration_cube().export(outside / "cube.stl")
    steps: list[tuple[str, int]] = []

    class Recorded:
        def begin(self, what: str, total: int) -> None:
            steps.append((what, total))

        def advance(self, item: str) -> None:
            steps.append((item, 0))

        def end(self) -> None:
            pass

    catalog = builtin_catalog(outside)
    jobs = select_jobs(catalog, ["cube.stl"], "pla", None)
    settings = Settings(cache=outside / "unused", slicer=True, outside_cache=user_cache())
    (result,) = run(jobs, settings, Recorded())
    assert steps == [("analysing parts and slicing them with PrusaSlicer", 1), ("cube.stl", 0)]
    assert isinstance(result, PartAnalysis) and isinstance(result.prusa_slicer, SlicerFigures)
    for form in ("text", "markdown"):  # (github's annotations are findings only)
        assert "PrusaSlicer" in reporter(form).analysis([result], [])
    assert strict(reporter("json").analysis([result], []))["parts"][0]["prusa_slicer"]
