"""The validate command's output formats and exit status, and the file-system rules that
fixture folders cannot express (symbolic links, oversized files)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.records.loader import MAX_FILE_BYTES

MATERIAL = "catalog/materials/test-plastic.yml"
DESIGN = "designs/test-clip/design.yml"


def run(repo: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--root", str(repo), "validate", *args])
    return code, capsys.readouterr().out


def break_version(repo: Path) -> None:
    path = repo / DESIGN
    path.write_text(path.read_text().replace('version: "1.0"', "version: 1.10"))


def test_valid_repo_exits_zero(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(repo, capsys=capsys)
    assert code == 0
    assert "4 files checked: 0 errors, 0 warnings" in out


def test_text_format_names_file_line_code_and_hint(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    break_version(repo)
    code, out = run(repo, capsys=capsys)
    assert code == 1
    assert f"{DESIGN}:11:10: ML103 error: version must be text: write '1.10' in quotes" in out
    assert "hint: " in out


def test_github_format_is_an_annotation(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_version(repo)
    code, out = run(repo, "--format", "github", capsys=capsys)
    assert code == 1
    assert out.startswith(f"::error file={DESIGN},line=11,col=10,title=ML103 Wrong type::")


def test_json_format_counts_findings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_version(repo)
    _, out = run(repo, "--format", "json", capsys=capsys)
    payload = json.loads(out)
    assert payload["errors"] == 1
    assert payload["findings"][0]["code"] == "ML103"
    assert payload["findings"][0]["line"] == 11


def test_paths_limit_the_report(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_version(repo)
    code, out = run(repo, str(repo / MATERIAL), capsys=capsys)
    assert code == 0 and "ML103" not in out
    code, _ = run(repo, str(repo / "designs/test-clip"), capsys=capsys)
    assert code == 1


def test_record_outside_record_places(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stray = repo / "catalog" / "stray.yml"
    stray.write_text("id: stray\n")
    monkeypatch.chdir(repo)
    code, out = run(repo, "catalog/stray.yml", capsys=capsys)
    assert code == 1 and "ML016" in out


def test_oversized_record(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / MATERIAL
    path.write_text(path.read_text() + "# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    code, out = run(repo, capsys=capsys)
    assert code == 1 and f"{MATERIAL}:1:1: ML002" in out


def test_record_that_is_a_symlink(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = repo / MATERIAL
    moved = repo / "elsewhere.yml"
    target.rename(moved)
    os.symlink(moved, target)
    code, out = run(repo, capsys=capsys)
    assert code == 1 and f"{MATERIAL}:1:1: ML013" in out


def test_part_that_is_a_symlink(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    part = repo / "designs/test-clip/parts/clip.stl"
    part.unlink()
    os.symlink("/etc/passwd", part)
    code, out = run(repo, capsys=capsys)
    assert code == 1 and "ML207" in out and "parts/clip.stl" in out


def test_folder_that_is_a_symlink(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parts = repo / "designs/test-clip/parts"
    parts.rename(repo / "outside-parts")
    os.symlink(repo / "outside-parts", parts)
    code, out = run(repo, capsys=capsys)
    assert code == 1 and "'parts' is a symbolic link" in out


def test_run_from_inside_a_design_folder(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    break_version(repo)
    monkeypatch.chdir(repo / "designs/test-clip")
    assert main(["validate", "design.yml"]) == 1
    assert f"{DESIGN}:11:10: ML103" in capsys.readouterr().out


def test_a_relative_root_does_not_hide_findings(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    break_version(repo)
    monkeypatch.chdir(repo / "designs")
    assert main(["--root", "..", "validate", "test-clip"]) == 1
    assert f"{DESIGN}:11:10: ML103" in capsys.readouterr().out


def test_a_folder_without_records_is_an_error_not_a_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 2
    assert "is not in a MakeLocal repository" in capsys.readouterr().err
    assert main(["--root", str(tmp_path / "nowhere"), "validate"]) == 2
    assert "holds no catalog/ or designs/ folder" in capsys.readouterr().err


def test_a_path_outside_the_repository_is_refused(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere.yml"
    elsewhere.write_text("id: elsewhere\n")
    assert main(["--root", str(repo), "validate", str(elsewhere)]) == 2
    assert "is outside the repository" in capsys.readouterr().err


def test_file_names_that_are_not_utf8_or_hold_a_line_break(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = repo / "designs/test-clip/src"
    (folder / os.fsdecode(b"notes-\xff.txt")).write_text("made on an old system\n")
    (folder / "two\nlines.txt").write_text("a line break in the name\n")
    shutil.copy(repo / MATERIAL, repo / os.fsdecode(b"catalog/materials/\xff.yml"))
    code, out = run(repo, capsys=capsys)  # capsys writes strict UTF-8, as a terminal may
    assert code == 1
    assert "designs/test-clip/src/notes-\\xff.txt:1:1: ML017 error: this file name is not" in out
    assert "designs/test-clip/src/two\\nlines.txt:1:1: ML017 error" in out
    assert "ML219 error: the file name " in out
    assert "rename the file to 'test-plastic.yml', its id" in out


def test_record_names_print_escaped_on_one_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record's own file name cannot forge lines or send escapes to the terminal."""
    shutil.copy(repo / MATERIAL, repo / "catalog/materials/x\x1b[2J\nforged: ok.yml")
    code, out = run(repo, capsys=capsys)
    assert code == 1
    assert "\x1b" not in out
    shown = "catalog/materials/x\\x1b[2J\\nforged: ok.yml"
    assert f"  {shown}:1:1: ML017 error: this file name holds a line break" in out
    assert not any(line.startswith("forged") for line in out.splitlines())


def test_a_design_folder_that_is_a_link_is_not_loaded(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(repo / "designs/test-clip", outside)
    (outside / ".env").write_text("TOKEN=secret\n")
    os.symlink(outside, repo / "designs/linked")
    code, out = run(repo, capsys=capsys)
    assert code == 1
    assert (
        "designs/linked/design.yml:1:1: ML013 error: its folder designs/linked is a symbolic link"
        in out
    )
    assert "2 files checked" not in out and "ML202" not in out  # its record was not read


def test_a_pipe_in_a_design_folder_does_not_hang(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    part = repo / "designs/test-clip/parts/clip.stl"
    part.unlink()
    os.mkfifo(part)  # reading it would wait for a writer forever
    code, out = run(repo, capsys=capsys)
    assert code == 1 and "'parts/clip.stl' does not exist in the design folder" in out
    assert "designs/test-clip/parts/clip.stl:1:1: ML018 error: this is a FIFO" in out


def test_a_pipe_in_place_of_a_record_does_not_hang(repo: Path) -> None:
    os.mkfifo(repo / "catalog/materials/pipe.yml")
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--root", str(repo), "validate"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "catalog/materials/pipe.yml:1:1: ML018 error: this is a FIFO" in done.stdout


@pytest.mark.parametrize("unit", ["<x:", "<!--"])
def test_long_text_full_of_half_tags_is_checked_quickly(
    repo: Path, capsys: pytest.CaptureFixture[str], unit: str
) -> None:
    # Each rule once scanned from every `<` to the end: 120 KB of `<x:` took 43 s.
    path = repo / MATERIAL
    text = unit * (120_000 // len(unit))
    path.write_text(path.read_text() + f"notes: '{text}'\n")
    started = time.perf_counter()
    code, out = run(repo, capsys=capsys)
    assert time.perf_counter() - started < 5
    assert code == 1 and "ML102" in out


def test_a_record_named_with_a_line_break_is_reported_when_named(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The findings name the file escaped; naming it on the command line still finds them."""
    odd = repo / "catalog/materials/two\nlines.yml"
    shutil.copy(repo / MATERIAL, odd)
    code, out = run(repo, str(odd), capsys=capsys)
    assert code == 1
    assert "catalog/materials/two\\nlines.yml:1:1: ML017 error" in out
