"""`makelocal validate --changed`: which records a change selects, that it finds what a full
validation finds on them, and that it loads only what it needs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from generator.checks.validate import validate_catalog
from generator.cli import main
from generator.contrib.changes import (
    changed_files,
    check_changes,
    load_selection,
    resolve_base,
    select,
)
from generator.records.catalog import load_catalog
from tests.contrib.gitrepo import commit_all, git, init_repo

MATERIAL = "catalog/materials/test-plastic.yml"
DESIGN = "designs/test-clip/design.yml"
MAKER = "catalog/makers/test-maker.yml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return init_repo(tmp_path / "repo")


def _full_findings_on(repo: Path, files: set[str]) -> set[tuple[str, int, str]]:
    return {
        (f.file, f.line, f.code) for f in validate_catalog(load_catalog(repo)) if f.file in files
    }


def test_a_changed_material_selects_the_records_that_use_it(repo: Path) -> None:
    text = (repo / MATERIAL).read_text(encoding="utf-8")
    (repo / MATERIAL).write_text(text.replace("process: test-printing", "process: test-printing-x"))
    selection = select(repo, resolve_base(repo, None))
    assert selection.changed == {MATERIAL}
    assert selection.referencing == {DESIGN, MAKER}  # both name test-plastic
    check = check_changes(repo, None)
    got = {(f.file, f.line, f.code) for f in check.findings}
    assert (DESIGN, 21, "ML213") in got  # the design's process is no longer listed
    assert got == _full_findings_on(repo, selection.checked)


def test_a_deleted_material_reports_the_dangling_references(repo: Path) -> None:
    (repo / MATERIAL).unlink()
    check = check_changes(repo, None)
    assert {(f.file, f.code) for f in check.findings} == {(DESIGN, "ML203"), (MAKER, "ML203")}
    assert check.findings == sorted(check.findings)


def test_a_file_in_a_design_folder_selects_its_design(repo: Path) -> None:
    (repo / "designs/test-clip/src/clip.scad").write_text("cube(3);\n", encoding="utf-8")
    selection = select(repo, resolve_base(repo, None))
    assert selection.changed == {DESIGN}
    assert selection.referencing == set()


def test_untracked_files_count_as_changed(repo: Path) -> None:
    new = repo / "catalog/materials/new-plastic.yml"
    shutil.copy(repo / MATERIAL, new)
    files = changed_files(repo, resolve_base(repo, None))
    assert [(f.path, f.status) for f in files] == [(new.relative_to(repo).as_posix(), "added")]
    check = check_changes(repo, None)
    assert {(f.file, f.code) for f in check.findings} == {
        ("catalog/materials/new-plastic.yml", "ML202")  # id says test-plastic
    }


def test_problems_in_unchanged_records_are_not_reported(repo: Path) -> None:
    broken = (repo / DESIGN).read_text(encoding="utf-8").replace("category: repair-part", "x: 1")
    (repo / DESIGN).write_text(broken, encoding="utf-8")
    commit_all(repo, "a broken design lands")
    (repo / "catalog/processes/test-printing.yml").write_text(
        (repo / "catalog/processes/test-printing.yml")
        .read_text("utf-8")
        .replace("summary: A fixture process.", "summary: A changed fixture process."),
        encoding="utf-8",
    )
    selection = select(repo, resolve_base(repo, None))
    assert DESIGN in selection.referencing  # it names test-printing ...
    assert check_changes(repo, None).findings != []  # ... so its problems are reported
    git(repo, "checkout", "-q", "--", "catalog/processes/test-printing.yml")
    (repo / "catalog/makers/other-maker.yml").write_text(
        (repo / MAKER).read_text("utf-8").replace("id: test-maker", "id: other-maker"),
        encoding="utf-8",
    )
    assert check_changes(repo, None).findings == []  # the broken design is not touched


def test_a_schema_change_checks_everything(repo: Path) -> None:
    (repo / "schemas").mkdir()
    (repo / "schemas/note.txt").write_text("changed\n", encoding="utf-8")
    selection = select(repo, resolve_base(repo, None))
    assert selection.everything
    assert len(selection.changed) == 4


def test_default_base_is_where_the_branch_left_main(repo: Path) -> None:
    main_head = git(repo, "rev-parse", "HEAD").strip()
    assert resolve_base(repo, None) == main_head  # on main: uncommitted work only
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "catalog/makers/other-maker.yml").write_text(
        (repo / MAKER).read_text("utf-8").replace("id: test-maker", "id: other-maker"),
        encoding="utf-8",
    )
    commit_all(repo, "a maker on a branch")
    assert resolve_base(repo, None) == main_head  # on a branch: everything since main
    git(repo, "update-ref", "refs/remotes/origin/main", main_head)
    assert resolve_base(repo, None) == main_head
    selection = select(repo, resolve_base(repo, None))
    assert selection.changed == {"catalog/makers/other-maker.yml"}


def test_a_repository_without_commits_checks_every_file(tmp_path: Path) -> None:
    from tests.conftest import make_repo

    repo = make_repo(tmp_path / "fresh")
    git(repo, "init", "-q", "-b", "main")
    assert resolve_base(repo, None) is None
    selection = select(repo, None)
    assert len(selection.changed) == 4


def test_only_named_records_are_loaded(repo: Path) -> None:
    """What makes --changed fast: 200 unrelated materials are listed, never parsed."""
    text = (repo / MATERIAL).read_text(encoding="utf-8")
    for index in range(200):
        name = f"filler-{index}"
        (repo / f"catalog/materials/{name}.yml").write_text(
            text.replace("id: test-plastic", f"id: {name}"), encoding="utf-8"
        )
    commit_all(repo, "many materials")
    (repo / DESIGN).write_text(
        (repo / DESIGN).read_text("utf-8").replace("Test clip", "Test clip 2"), encoding="utf-8"
    )
    selection = select(repo, resolve_base(repo, None))
    catalog = load_selection(repo, selection)
    assert sorted(r.display for r in catalog.records) == sorted(
        [DESIGN, MATERIAL, MAKER, "catalog/processes/test-printing.yml"]
    )


def test_cli_changed_text_and_exit_codes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(repo), "validate", "--changed"]) == 0
    assert "0 files checked: 0 errors, 0 warnings" in capsys.readouterr().out
    (repo / MATERIAL).unlink()
    assert main(["--root", str(repo), "validate", "--changed", "HEAD"]) == 1
    out = capsys.readouterr().out
    assert f"{DESIGN}:21:" in out and "ML203" in out and "2 files checked" in out
    assert main(["--root", str(repo), "validate", "--changed", "nope"]) == 2
    assert "'nope' is not a commit" in capsys.readouterr().err
    assert main(["--root", str(repo), "validate", DESIGN, "--changed"]) == 2
    assert "either paths or --changed" in capsys.readouterr().err


def test_file_names_that_are_not_utf8_or_hold_a_line_break(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = repo / "designs/test-clip/src"
    (folder / os.fsdecode(b"notes-\xff.txt")).write_text("made on an old system\n")
    (folder / "two\nlines.txt").write_text("a line break in the name\n")
    commit_all(repo, "odd names")
    assert main(["--root", str(repo), "validate", "--changed", "HEAD~1"]) == 1
    out = capsys.readouterr().out  # capsys writes strict UTF-8, as a terminal may
    assert "designs/test-clip/src/notes-\\xff.txt:1:1: ML017 error: this file name is not" in out
    assert "designs/test-clip/src/two\\nlines.txt:1:1: ML017 error" in out


def test_a_record_named_in_bytes_that_are_not_utf8(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The record's id comes from its file name: searching the other records for it, and
    writing the report, once raised UnicodeEncodeError, so CI wrote no report at all."""
    shutil.copy(repo / MATERIAL, repo / os.fsdecode(b"catalog/materials/lat\xe9.yml"))
    commit_all(repo, "a name saved in Latin-1")
    assert main(["--root", str(repo), "validate", "--changed", "HEAD~1"]) == 1
    out = capsys.readouterr().out
    assert "catalog/materials/lat\\xe9.yml:1:1: ML017 error: this file name is not UTF-8" in out
    saved = tmp_path / "report"
    assert main(["--root", str(repo), "pr-report", "HEAD~1", "--save", str(saved)]) == 1
    markdown = capsys.readouterr().out
    assert "`catalog/materials/lat\\xe9.yml:1:1`" in markdown
    report = json.loads((saved / "report.json").read_text("utf-8"))
    shown = "catalog/materials/lat\\xe9.yml"
    assert report["changed_files"] == [{"path": shown, "status": "added"}]
    assert report["checked_records"] == [shown]
