"""Each mistake a first-time contributor made (issue 12) gets the fix in its message, not
only the problem: rename the file rather than change the id, use .yml, the file name with
its space replaced, the licence's SPDX id, the id in its case, no suggestion that is not
alike, every tab line, and the value a slipped unit meant."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.checks.validate import validate_catalog
from generator.findings import Finding
from generator.records.catalog import load_catalog
from tests.conftest import make_repo

MATERIAL = "catalog/materials/test-plastic.yml"
DESIGN = "designs/test-clip/design.yml"


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} is not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rename_material(repo: Path) -> None:
    """A new material saved as Recycled-PA6.yml, its id written correctly."""
    edit(repo, MATERIAL, "id: test-plastic", "id: recycled-pa6")
    (repo / MATERIAL).rename(repo / "catalog/materials/Recycled-PA6.yml")


def yaml_suffix(repo: Path) -> None:
    edit(repo, MATERIAL, "id: test-plastic", "id: new-fibre")
    shutil.copy(repo / MATERIAL, repo / "catalog/materials/new-fibre.yaml")


def space_in_part(repo: Path) -> None:
    (repo / "designs/test-clip/parts/clip.stl").rename(
        repo / "designs/test-clip/parts/head band.stl"
    )
    edit(repo, DESIGN, "file: parts/clip.stl", "file: parts/head band.stl")


def spelled_licence(repo: Path) -> None:
    edit(repo, DESIGN, "licence: CERN-OHL-S-2.0", "licence: CC BY-SA 4.0")


def upper_case_id(repo: Path) -> None:
    edit(repo, DESIGN, "materials: [test-plastic]", "materials: [TEST-PLASTIC]")


def unlike_id(repo: Path) -> None:
    """`test-nylon` shares a word with `test-plastic`, and nothing else."""
    edit(repo, DESIGN, "materials: [test-plastic]", "materials: [test-nylon]")


def tabs(repo: Path) -> None:
    edit(
        repo,
        MATERIAL,
        "origin:\n  type: post-consumer-waste\n  description:",
        "origin:\n\ttype: post-consumer-waste\n\tdescription:",
    )


def dense(repo: Path) -> None:
    edit(repo, MATERIAL, "  density:\n    value: 0.9\n", "  density:\n    value: 1180\n")


MISTAKES: dict[str, tuple[Callable[[Path], None], str, list[str], list[str]]] = {
    # name: (make the mistake, file, what the message says, what it must not say)
    "file named in capitals": (
        rename_material,
        "catalog/materials/Recycled-PA6.yml",
        ["ML219", "rename the file to 'recycled-pa6.yml', its id"],
        ["ML202", "differs"],
    ),
    ".yaml": (
        yaml_suffix,
        "catalog/materials/new-fibre.yaml",
        ["ML019", "rename the file to new-fibre.yml"],
        [],
    ),
    "space in a part's file name": (
        space_in_part,
        DESIGN,
        ["ML105", "has a space: rename the file to 'parts/head-band.stl'"],
        ["not in the expected form"],
    ),
    "licence as people say it": (
        spelled_licence,
        DESIGN,
        ["ML208", "did you mean 'CC-BY-SA-4.0'?"],
        ["'CC' is not an open licence"],
    ),
    "id in capitals": (upper_case_id, DESIGN, ["ML203", "did you mean 'test-plastic'?"], []),
    "unlike id": (
        unlike_id,
        DESIGN,
        ["ML203", "no material with id 'test-nylon'"],
        ["did you mean"],
    ),
    "tabs": (tabs, MATERIAL, ["ML004 line 11", "ML004 line 12"], []),
    "density in kg/m3": (
        dense,
        MATERIAL,
        [
            "ML220",
            "1180 g/cm3, outside the plausible range of a density",
            "osmium",
            "did you mean 1.18 g/cm3 (1180 kg/m3)?",
        ],
        [],
    ),
}


def said(findings: list[Finding], file: str) -> str:
    return "\n".join(f"{f.code} line {f.line}: {f.message}" for f in findings if f.file == file)


@pytest.mark.parametrize("name", list(MISTAKES))
def test_the_message_says_the_fix(name: str, tmp_path: Path) -> None:
    mistake, file, says, never = MISTAKES[name]
    repo = make_repo(tmp_path / "repo")
    mistake(repo)
    text = said(validate_catalog(load_catalog(repo)), file)
    for words in says:
        assert words in text, f"{words!r} not in:\n{text}"
    for words in never:
        assert words not in text, f"{words!r} in:\n{text}"
