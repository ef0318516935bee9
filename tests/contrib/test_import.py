"""`makelocal import`: a folder or an Open Know-How manifest becomes a draft design record
that fails until its TODOs are filled and then validates; its files are copied unchanged;
a design without an open licence, or with a licence named without its version, is refused
with the reason; the origin is read from git or the options."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.checks.validate import validate_catalog
from generator.cli import main
from generator.records.catalog import load_catalog
from generator.records.loader import parse
from tests.conftest import FIXTURES, make_repo
from tests.contrib.gitrepo import git

IMPORTS = FIXTURES / "import"
ROOT = Path(__file__).resolve().parents[2]
COMMIT = "0123456789abcdef0123456789abcdef01234567"
# What a person would write in place of each TODO, by the field that holds it.
FILLED: dict[str, Any] = {
    "category": "household",
    "pillars": "local-materials",
    "version": "1.0.0",
    "disassembly_depth": 0,
    "fasteners": "none-needed",
    "tools": "none",
    "repository": "https://github.com/example/bag-clip",
    "commit": COMMIT,
    "name": "A person",
}


# A material that suits each process guessed (the catalogue's materials list their processes).
MATERIAL_FOR = {"fdm-printing": "petg", "laser-cutting": "bamboo"}


def fill(value: Any, key: str = "", process: str = "") -> Any:
    """The record with every TODO replaced by what a person would write there."""
    if isinstance(value, dict):
        process = str(value.get("process", process))
        return {k: fill(v, k, process) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, key, process) for v in value]
    if isinstance(value, str) and value.startswith("TODO"):
        if key == "materials":
            return MATERIAL_FOR[process]
        return FILLED.get(key, "Written by a person.")
    return value


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The base catalogue plus the real materials and processes that guesses name."""
    root = make_repo(tmp_path / "repo")
    shutil.copytree(ROOT / "catalog", root / "catalog", dirs_exist_ok=True)
    return root


@pytest.fixture
def upstream(tmp_path: Path) -> Path:
    """The import fixtures, copied out of this repository (so no git repository holds them)."""
    return Path(shutil.copytree(IMPORTS, tmp_path / "upstream"))


def run_import(repo: Path, source: Path, *flags: str) -> int:
    return main(["--root", str(repo), "import", str(source), *flags])


def record_of(repo: Path, design_id: str) -> dict[str, Any]:
    path = repo / "designs" / design_id / "design.yml"
    data: dict[str, Any] = parse(path.read_bytes(), path).data
    return data


def findings(repo: Path, design_id: str) -> list[tuple[str, str]]:
    shown = f"designs/{design_id}/design.yml"
    return [(f.code, f.message) for f in validate_catalog(load_catalog(repo)) if f.file == shown]


def validates_once_filled(repo: Path, design_id: str, data: dict[str, Any]) -> None:
    """Fails before: every TODO is an error (ML407). Validates after they are filled."""
    before = findings(repo, design_id)
    assert any(code == "ML407" for code, _ in before)
    path = repo / "designs" / design_id / "design.yml"
    text = path.read_text("utf-8")
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    path.write_text(header + yaml.safe_dump(fill(data), sort_keys=False), encoding="utf-8")
    assert findings(repo, design_id) == []


def test_a_folder_becomes_a_draft_that_validates_once_filled(
    repo: Path, upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = upstream / "folder"
    flags = ["--id", "headband", "--repository", "https://github.com/example/headband"]
    assert run_import(repo, folder, *flags, "--commit", COMMIT, "--author", "Example Lab") == 0
    out, err = capsys.readouterr()
    assert "Drafted designs/headband/design.yml" in out
    assert (
        "print/headband.gcode" in err and "visor.skp" in err and "export the model as STEP" in err
    )
    data = record_of(repo, "headband")
    assert data["licence"] == "CC-BY-SA-4.0"
    assert data["authors"] == [{"name": "Example Lab"}]
    assert data["origin"] == {
        "repository": "https://github.com/example/headband",
        "commit": COMMIT,
        "licence_files": ["LICENSE"],
    }
    parts = {p["id"]: p for p in data["parts"]}
    assert parts["headband"]["source"] == "src/headband.scad"
    assert parts["visor-clip-v2"]["file"] == "parts/Visor-Clip-v2.stl"  # a name records accept
    assert all(p["quantity"] == 1 and p["process"] == "fdm-printing" for p in parts.values())
    assert all(p["notes"].startswith("TODO: confirm") for p in parts.values())
    assert data["images"] == [{"file": "images/worn.png", "caption": "TODO: what the photo shows"}]
    copies = {
        "parts/headband.stl": "headband.stl",
        "parts/Visor-Clip-v2.stl": "Visor Clip (v2).STL",
        "src/headband.scad": "headband.scad",
        "images/worn.png": "photos/worn.png",
        "LICENSE": "LICENSE",
    }
    (repo / "made-here").mkdir()  # the design's folder is made like any other
    assert (repo / "designs/headband").stat().st_mode == (repo / "made-here").stat().st_mode
    for name, original in copies.items():  # byte for byte
        assert (repo / "designs/headband" / name).read_bytes() == (folder / original).read_bytes()
    validates_once_filled(repo, "headband", data)


def test_the_draft_reads_back_as_written(repo: Path, upstream: Path) -> None:
    assert run_import(repo, upstream / "folder", "--id", "headband") == 0
    text = (repo / "designs/headband/design.yml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/design.schema.json\n")
    assert "&" not in text.split("\nid:", 1)[1]  # no anchors, which the loader refuses
    data = record_of(repo, "headband")
    assert data["version"] == "TODO" and data["origin"]["commit"].startswith("TODO")


def test_a_manifest_becomes_a_draft_that_validates_once_filled(
    repo: Path, upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(repo, upstream / "manifest/okh.toml", "--id", "bag-clip") == 0
    err = capsys.readouterr().err
    assert "https://example.org/clip-preview.stl" in err  # an address: nothing downloaded
    data = record_of(repo, "bag-clip")
    assert data["title"] == "Bag clip"
    assert data["summary"] == "A clip that keeps an open bag of flour or seeds closed."
    assert data["version"] == "1.2.0"
    assert data["licence"] == "CERN-OHL-S-2.0"
    assert data["authors"] == [
        {"name": "Example Workshop", "url": "https://example.org"},
        {"name": "Jane Doe"},
    ]
    assert [(p["name"], p["file"], p.get("source")) for p in data["parts"]] == [
        ("Clip body", "parts/clip.stl", "src/clip.scad")
    ]  # parts/unused.stl is not in the manifest, so it is not taken
    assert data["images"][0]["file"] == "images/clip.png"
    assert data["origin"]["repository"] == "https://github.com/example/bag-clip"
    assert data["origin"]["licence_files"] == ["okh.toml"]
    assert (repo / "designs/bag-clip/okh.toml").is_file()
    validates_once_filled(repo, "bag-clip", data)


def test_a_repository_folder_takes_its_origin_from_git(
    repo: Path, upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = upstream / "repository"
    git(source, "init", "-q", "-b", "main")
    git(source, "config", "user.email", "maker@example.org")
    git(source, "config", "user.name", "Example Maker")
    git(source, "add", "-A")
    git(source, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "clip")
    git(source, "remote", "add", "origin", "git@github.com:example/clip.git")
    head = git(source, "rev-parse", "HEAD").strip()
    assert run_import(repo, source / "hardware/clip", "--id", "clip-and-pad") == 0
    data = record_of(repo, "clip-and-pad")
    assert data["licence"] == "GPL-3.0-or-later"  # read from COPYING, two folders up
    origin = data["origin"]
    assert origin["repository"] == "https://github.com/example/clip"
    assert origin["commit"] == head and len(origin["date"]) == 10
    assert origin["folder"] == "hardware/clip"
    assert origin["licence_files"] == ["COPYING"]
    assert data["authors"] == [{"name": "Example Maker"}]
    parts = {p["id"]: p for p in data["parts"]}
    assert parts["pad"]["process"] == "laser-cutting"  # an outline with no mesh of its name
    assert parts["clip"]["source"] == "src/clip.scad"
    validates_once_filled(repo, "clip-and-pad", data)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("no-licence", ["no licence", "no LICENSE, LICENCE or COPYING file", "cannot come in"]),
        ("manifest-no-licence/okh.toml", ["no licence", "manifest names no licence"]),
        (
            "unversioned",
            ["'cc-sa' without a version", "CC-BY-SA-3.0, CC-BY-SA-4.0", "accepts CC-BY-SA-3.0 or",
             "--licence CC-BY-SA-4.0", "original page"],
        ),
        ("non-commercial", ["CC-BY-NC-SA-4.0", "non-commercial", "could not sell"]),
        ("manifest-non-commercial/okh.toml", ["CC-BY-NC-4.0", "non-commercial"]),
        ("disagreeing/okh.toml", ["manifest says the licence is MIT", "holds CC-BY-SA-4.0"]),
    ],
)  # fmt: skip
def test_what_cannot_come_in_is_refused_with_the_reason(
    case: str, expected: list[str], repo: Path, upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(repo, upstream / case, "--id", "refused") == 2
    err = capsys.readouterr().err
    assert err.startswith("makelocal import: refused: ")
    for words in expected:
        assert words in err
    assert not (repo / "designs/refused").exists()
    assert not [p for p in (repo / "designs").iterdir() if p.name.startswith(".import-")]


def test_a_person_confirms_an_unversioned_licence(repo: Path, upstream: Path) -> None:
    source = upstream / "unversioned"
    assert run_import(repo, source, "--id", "headband", "--licence", "CC-BY-SA-4.0") == 0
    data = record_of(repo, "headband")
    assert data["licence"] == "CC-BY-SA-4.0"
    assert data["origin"]["licence_files"] == ["LICENSE.txt"]
    assert run_import(repo, source, "--id", "other", "--licence", "CC-BY-NC-SA-4.0") == 2


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--id", "Bad Id"], "cannot be an id"),
        (["--id", "x", "--commit", "abc123"], "40 hexadecimal digits"),
        (["--id", "x", "--repository", "http://example.org/x"], "https://"),
        (["--id", "x", "--date", "21/10/2020"], "YYYY-MM-DD"),
        (["--id", "x", "--include", "*.obj"], "no part file"),
    ],
)
def test_bad_options_are_refused(
    flags: list[str], message: str, repo: Path, upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(repo, upstream / "folder", *flags) == 2
    assert message in capsys.readouterr().err


def test_an_existing_design_is_never_written_over(
    repo: Path, upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (repo / "designs/test-clip/design.yml").read_bytes()
    assert run_import(repo, upstream / "folder", "--id", "test-clip") == 2
    assert "already exists" in capsys.readouterr().err
    assert (repo / "designs/test-clip/design.yml").read_bytes() == before


def test_a_broken_manifest_says_where(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = tmp_path / "okh.toml"
    manifest.write_text('name = "Clip"\nlicense = \n', encoding="utf-8")
    assert run_import(repo, manifest, "--id", "clip") == 2
    err = capsys.readouterr().err
    assert "not valid TOML" in err and "line 2" in err
    manifest.write_text('name = "Clip"\n[[part]]\nsource = "a.scad"\n', encoding="utf-8")
    assert run_import(repo, manifest, "--id", "clip") == 2
    assert "part 1 has no `name`" in capsys.readouterr().err
