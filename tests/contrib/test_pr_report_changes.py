"""The pull-request report says what a change does to the catalogue: every record changed,
of every type, how each design moves on its evidence ladder (before the change against
after it), the original of a derived design with its licence, and all of it in a short
summary on the comment's first screen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import FIXTURES
from tests.contrib.gitrepo import commit_all, git, init_repo
from tests.contrib.markdown_spans import live_markdown

STEPS = FIXTURES / "pr-changes"
MAKE = "catalog/makes/test-clip-nairobi-2026-11.yml"


def _failed(repo: Path) -> None:
    make = repo / MAKE
    text = make.read_text("utf-8").replace("outcome: worked", "outcome: failed")
    make.write_text(text + "failed: Every clip cracked.\n", encoding="utf-8")


def _deleted(repo: Path) -> None:
    (repo / "catalog/materials/test-resin.yml").unlink()
    maker = repo / "catalog/makers/test-maker.yml"
    maker.write_text(maker.read_text("utf-8").replace("A fixture maker.", "A maker."), "utf-8")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    repo = init_repo(tmp_path_factory.mktemp("changes") / "repo")
    commits = {}
    shutil.copytree(STEPS / "01-make-and-material", repo, dirs_exist_ok=True)
    commits["make-and-material"] = commit_all(repo, "a make report and a material")
    _failed(repo)
    commits["failed"] = commit_all(repo, "the make failed after all")
    _deleted(repo)
    commits["deleted"] = commit_all(repo, "a material deleted, a maker changed")
    shutil.copytree(STEPS / "02-derived-design", repo, dirs_exist_ok=True)
    commits["derived"] = commit_all(repo, "a derived design")
    return repo, commits


def _report(
    history: tuple[Path, dict[str, str]], step: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> str:
    repo, commits = history
    git(repo, "checkout", "-q", "--detach", commits[step])
    main(["--root", str(repo), "pr-report", "HEAD~1", "--format", fmt])
    return capsys.readouterr().out


def test_every_record_type_changed_is_listed(
    history: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    report = json.loads(_report(history, "make-and-material", "json", capsys))
    assert report["records"] == [
        {
            "type": "make",
            "id": "test-clip-nairobi-2026-11",
            "path": MAKE,
            "status": "added",
            "name": "test-clip-nairobi-2026-11",
            "facts": ["of test-clip", "Worked"],
        },
        {
            "type": "material",
            "id": "test-resin",
            "path": "catalog/materials/test-resin.yml",
            "status": "added",
            "name": "Test resin",
            "facts": ["Recycled feedstocks"],
        },
    ]
    deleted = json.loads(_report(history, "deleted", "json", capsys))["records"]
    assert [(r["type"], r["status"], r["name"]) for r in deleted] == [
        ("maker", "modified", "Test maker"),
        ("material", "deleted", "Test resin"),  # its name read at the base commit
    ]


def test_a_make_report_that_lifts_a_design_says_so(
    history: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    report = json.loads(_report(history, "make-and-material", "json", capsys))
    assert report["evidence_changes"] == [
        {
            "design": "test-clip",
            "title": "Test clip",
            "before": "Untested",
            "after": "Made independently by 1 other",
            "lifted": True,
            "because": ["test-clip-nairobi-2026-11"],
        }
    ]
    comment = _report(history, "make-and-material", "markdown", capsys)
    assert (
        "- Make report `test-clip-nairobi-2026-11` lifts `Test clip` from Untested to Made "
        "independently by 1 other."
    ) in comment


def test_a_make_that_failed_after_all_lowers_it_again(
    history: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    (change,) = json.loads(_report(history, "failed", "json", capsys))["evidence_changes"]
    assert (change["before"], change["after"], change["lifted"]) == (
        "Made independently by 1 other",
        "Untested",
        False,
    )
    assert change["because"] == ["test-clip-nairobi-2026-11"]
    comment = _report(history, "failed", "markdown", capsys)
    assert "- Make report `test-clip-nairobi-2026-11` lowers `Test clip` from Made" in comment


def test_the_summary_comes_first_and_fits_a_screen(
    history: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    comment = _report(history, "make-and-material", "markdown", capsys)
    lines = comment.splitlines()
    assert lines[1] == "## MakeLocal check: Ready for review"
    assert lines[3].startswith("0 errors, 0 warnings in 2 changed files")
    assert lines[5:8] == [
        "- Make report `test-clip-nairobi-2026-11` (`of test-clip`, `Worked`) added.",
        "- Material `Test resin` (`Recycled feedstocks`) added.",
        "- Make report `test-clip-nairobi-2026-11` lifts `Test clip` from Untested to Made "
        "independently by 1 other.",
    ]
    assert live_markdown(comment) == []


def test_a_derived_design_names_its_originals_and_their_licences(
    history: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    report = json.loads(_report(history, "derived", "json", capsys))
    (design,) = report["designs"]
    assert design["derived_from"] == [
        {"title": "Test clip", "design": "test-clip", "url": None, "licence": "CERN-OHL-S-2.0"},
        {
            "title": "Outside clip",
            "design": None,
            "url": "https://example.org/outside-clip",
            "licence": None,
        },
    ]
    comment = _report(history, "derived", "markdown", capsys)
    assert (
        "Derived from the MakeLocal design `Test clip`, licence `CERN-OHL-S-2.0`; `Outside "
        "clip` at `https://example.org/outside-clip`, licence not stated."
    ) in comment
    assert "- Design `Long test clip` (`Repair parts`) added: 1 part: 1 ready to make." in comment
