"""makelocal starts fast: each command imports only what it needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import COMMANDS, command_in, main
from tests.analysis import shapes
from tests.conftest import make_repo

ROOT = Path(__file__).resolve().parents[2]
# Runs makelocal in a fresh interpreter and lists the modules it imported on stderr.
PROBE = """
import sys
from generator.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""
HEAVY = {"numpy", "scipy", "PIL", "trimesh", "mkdocs", "jinja2"}
OTHER_STAGES = {
    "generator.analysis.printability",
    "generator.contrib.pr_report",
    "generator.web.build",
}


def modules_after(*argv: str, cwd: Path = ROOT) -> set[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(cwd / ".xdg")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        check=True,
    )
    return set(done.stderr.split())


def test_help_imports_neither_the_validator_nor_numpy() -> None:
    loaded = modules_after("--help")
    assert not loaded & (HEAVY | OTHER_STAGES | {"jsonschema"})


def test_validate_imports_no_analysis_site_or_report() -> None:
    loaded = modules_after("validate", "catalog/materials/pla.yml")
    assert "jsonschema" in loaded  # the probe ran the command
    assert not loaded & ((HEAVY - {"numpy"}) | OTHER_STAGES)


def test_jsonschema_is_imported_only_for_a_record_the_quick_check_fails(tmp_path: Path) -> None:
    """jsonschema says what is wrong with a record, and where: 45 ms of imports that a
    command whose records all pass jsonschema-rs's check need not spend."""
    repo = make_repo(tmp_path / "repo")
    loaded = modules_after("--root", str(repo), "validate", cwd=tmp_path)
    assert "jsonschema_rs" in loaded and "jsonschema" not in loaded
    material = next((repo / "catalog/materials").glob("*.yml"))
    material.write_text(material.read_text("utf-8") + "unknown_field: 1\n", "utf-8")
    assert "jsonschema" in modules_after("--root", str(repo), "validate", cwd=tmp_path)


def test_a_command_loads_only_the_reporter_it_prints_with() -> None:
    reporters = {f"generator.reporters.{name}" for name in ("text", "json", "github", "markdown")}
    assert not modules_after("--help") & (reporters | {"generator.analysis.results"})
    loaded = modules_after("validate", "catalog/materials/pla.yml", "--format", "github")
    assert loaded & reporters == {"generator.reporters.github"}
    assert "generator.analysis.results" not in loaded  # findings need no analysis types


def test_english_findings_need_no_message_catalogue() -> None:
    assert "babel" not in modules_after("validate", "catalog/materials/pla.yml", "--lang", "en")
    assert "babel" in modules_after("validate", "catalog/materials/pla.yml", "--lang", "fr")


def test_analysing_one_stl_outside_a_repository_loads_the_analysis_only(tmp_path: Path) -> None:
    """`makelocal analyse part.stl --format json` from a folder outside any repository, a
    whole process (issue 19: under 0.5 s on a 10k-face part): the built-in records and the
    mesh analysis, without the YAML parser, the validator, the site's templates, the
    drawings' geometry library, the image library (a mesh's preview is numpy and zlib), or
    a process to run PrusaSlicer in."""
    shapes.calibration_cube().export(tmp_path / "cube.stl")
    loaded = modules_after("analyse", "cube.stl", "--format", "json", cwd=tmp_path)
    assert {"generator.analysis.printability", "generator.reporters.json"} <= loaded
    assert any(tmp_path.glob(".xdg/makelocal/analysis/*.png"))  # the preview was drawn
    not_needed = {"yaml", "jsonschema", "jinja2", "mkdocs", "shapely", "PIL", "scipy"}
    not_needed |= {"trimesh", "subprocess", "generator.records.loader", "generator.checks"}
    not_needed |= {f"generator.cli.{module}" for module, _ in COMMANDS.values()} - {
        "generator.cli.analyse"
    }
    assert not loaded & (not_needed | OTHER_STAGES - {"generator.analysis.printability"})
    # Again, the analysis read back from the user's cache: not even numpy.
    again = modules_after("analyse", "cube.stl", "--format", "json", cwd=tmp_path)
    assert "generator.reporters.json" in again and not again & (not_needed | HEAVY)


def test_the_command_run_is_found_past_the_options() -> None:
    assert command_in(["--root", "analyse", "analyse", "x.stl"]) == "analyse"
    assert command_in(["--root=here", "validate"]) == "validate"
    assert command_in(["-h"]) is None and command_in(["anlyse"]) is None


def test_a_mistyped_command_is_told_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["anlyse", "part.stl"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'anlyse'" in error and all(name in error for name in COMMANDS)
