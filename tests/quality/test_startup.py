"""makelocal starts fast: each command imports only what it needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def modules_after(*argv: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(done.stderr.split())


def test_help_imports_neither_the_validator_nor_numpy() -> None:
    loaded = modules_after("--help")
    assert not loaded & (HEAVY | OTHER_STAGES | {"jsonschema"})


def test_validate_imports_no_analysis_site_or_report() -> None:
    loaded = modules_after("validate", "catalog/materials/pla.yml")
    assert "jsonschema" in loaded  # the probe ran the command
    assert not loaded & ((HEAVY - {"numpy"}) | OTHER_STAGES)


def test_a_command_loads_only_the_reporter_it_prints_with() -> None:
    reporters = {f"generator.reporters.{name}" for name in ("text", "json", "github", "markdown")}
    assert not modules_after("--help") & (reporters | {"generator.analysis.results"})
    loaded = modules_after("validate", "catalog/materials/pla.yml", "--format", "github")
    assert loaded & reporters == {"generator.reporters.github"}
    assert "generator.analysis.results" not in loaded  # findings need no analysis types


def test_english_findings_need_no_message_catalogue() -> None:
    assert "babel" not in modules_after("validate", "catalog/materials/pla.yml", "--lang", "en")
    assert "babel" in modules_after("validate", "catalog/materials/pla.yml", "--lang", "fr")
