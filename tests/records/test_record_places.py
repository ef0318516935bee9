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
