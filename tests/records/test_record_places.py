"""A record's type by its place, and a file's path as the repository writes it: the same
answers as pathlib gives."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.records.catalog import (
    RECORD_PLACES,
    TRANSLATION_NAME,
    display_path,
    record_files,
    record_type_at,
)

SEGMENT = st.sampled_from(
    [
        *{
            part
            for folder, pattern in RECORD_PLACES.values()
            for part in f"{folder}/{pattern}".split("/")
        },
        "design.yml",
        "design.fr.yml",
        "pla.yml",
        "pla.yaml",
        "PLA.YML",
        ".yml",
        "face-shield",
        "x",
        "*",
    ]
)


def matched_as_paths(relative: PurePosixPath) -> str | None:
    """record_type_at as it was first written: each place made a path and matched."""
    if TRANSLATION_NAME.fullmatch(relative.name):
        return None
    for record_type, (folder, pattern) in RECORD_PLACES.items():
        place = PurePosixPath(folder, pattern)
        if len(relative.parts) == len(place.parts) and relative.match(place.as_posix()):
            return record_type
    return None


@settings(max_examples=500, deadline=None)
@given(st.lists(SEGMENT, min_size=1, max_size=5))
def test_the_type_is_the_one_matching_each_place_gives(parts: list[str]) -> None:
    relative = PurePosixPath(*parts)
    assert record_type_at(relative) == matched_as_paths(relative)


def test_each_place_is_its_type() -> None:
    assert record_type_at(PurePosixPath("designs/face-shield/design.yml")) == "design"
    assert record_type_at(PurePosixPath("catalog/materials/pla.yml")) == "material"
    assert record_type_at(PurePosixPath("catalog/materials/pla.yaml")) is None
    assert record_type_at(PurePosixPath("designs/face-shield/parts/design.yml")) is None


STEP = st.sampled_from(["repo", "designs", "x", "..", ".", "", "a b", "/"])


def written_by_pathlib(root: Path, path: Path) -> str:
    """display_path as it was first written, with pathlib."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(root))).as_posix()
    except ValueError:
        return str(path)


@settings(max_examples=500, deadline=None)
@given(st.lists(STEP, min_size=1, max_size=4), st.lists(STEP, min_size=1, max_size=6))
def test_a_path_is_written_as_pathlib_writes_it(root: list[str], path: list[str]) -> None:
    top, where = Path("/".join(root) or "."), Path("/".join(path) or ".")
    assert display_path(top, where) == written_by_pathlib(top, where)
    inside = top / where
    assert display_path(top, inside) == written_by_pathlib(top, inside)


def globbed(root: Path) -> list[tuple[str, Path]]:
    """record_files as it was first written, with Path.glob."""
    found: list[tuple[str, Path]] = []
    for record_type, (folder, pattern) in RECORD_PLACES.items():
        base = root / folder
        if base.is_dir():
            found.extend(
                (record_type, path)
                for path in sorted(base.glob(pattern), key=lambda path: path.parts)
                if not TRANSLATION_NAME.fullmatch(path.name)
            )
    return found


def test_the_record_files_are_those_pathlib_globs(tmp_path: Path) -> None:
    """Names glob's wildcards match or not, links to folders and files (whole and broken),
    what is not a file by a record's name, folders that sort apart from their paths as
    text ("a b" and "a-b" around "a"): the loader, not the listing, says what is wrong."""
    root, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    (elsewhere / "linked").mkdir(parents=True)
    (elsewhere / "linked/design.yml").write_text("id: linked\n")
    (elsewhere / "pla.yml").write_text("id: pla\n")
    for folder in ["a", "a b", "a-b", ".hidden", "Z", "no-record", "design.yml", "x.yml"]:
        (root / "designs" / folder).mkdir(parents=True)
        if folder not in ("no-record", "design.yml", "x.yml"):
            (root / "designs" / folder / "design.yml").write_text("id: x\n")
    (root / "designs/a/design.fr.yml").write_text("title: x\n")
    (root / "designs/design.yml/design.yml").mkdir()  # a folder by the record's name
    (root / "designs/file.yml").write_text("id: stray\n")  # a file, not a folder
    (root / "designs/linked").symlink_to(elsewhere / "linked")
    (root / "designs/broken").mkdir()
    (root / "designs/broken/design.yml").symlink_to(elsewhere / "missing.yml")
    (root / "designs/to-file").mkdir()
    (root / "designs/to-file/design.yml").symlink_to(elsewhere / "pla.yml")
    materials = root / "catalog/materials"
    materials.mkdir(parents=True)
    for name in ["pla.yml", ".pla.yml", "PLA.YML", "pla.yaml", "pla.fr.yml", "b.yml"]:
        (materials / name).write_text("id: x\n")
    (materials / "folder.yml").mkdir()
    (materials / "linked.yml").symlink_to(elsewhere / "pla.yml")
    (materials / "broken.yml").symlink_to(elsewhere / "missing.yml")
    (root / "catalog/makers").symlink_to(materials)
    (root / "catalog/needs").write_text("not a folder\n")
    assert record_files(root) == globbed(root)
    assert len(record_files(root)) == 20
