"""What matching needs, kept between runs, so that `makelocal match` does not load,
validate and analyse the whole catalogue each time.

.cache/match/catalogue.json holds the catalogue as matching takes it (generator.makeit.
inputs: designs' parts with their sizes, machine profiles, names) and the makers'
profiles, with the fingerprint of what they were made from: every file below catalog/
and designs/ (its path, size and time of change, as `git status` tells a changed file
without reading it) and the code that validates, analyses and matches (by content). Any
other fingerprint, and the catalogue is loaded, validated and analysed again, and kept.
`makelocal build` keeps it too.

JSON, never pickle: a cache in the repository's folder must not be able to run code.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.makeit.inputs import Catalogue, DesignSpec, Machine, PartSpec, Size
from generator.records.cache_file import read_cache, write_cache

CACHE_FILE = Path(".cache") / "match" / "catalogue.json"
FORMAT = 2  # 2: written by orjson (generator.records.cache_file)
WATCHED = ("catalog", "designs")
CODE = Path(__file__).resolve().parents[1]  # the generator package
SCHEMAS = CODE.parent / "schemas"


def _stamps(folder: str, into: Any) -> None:
    """Each entry below `folder`, sorted, with its size and time of change (links not
    followed)."""
    try:
        with os.scandir(folder) as scanned:
            entries = sorted(scanned, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        info = entry.stat(follow_symlinks=False)
        into.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode(errors="replace"))
        if entry.is_dir(follow_symlinks=False):
            _stamps(entry.path, into)


def fingerprint(root: Path) -> str:
    """What the stored catalogue must have been made from to be used."""
    hashed = hashlib.sha256()
    for name in WATCHED:
        _stamps(str(root / name), hashed)
    for pattern, folder in (("**/*.py", CODE), ("*.json", SCHEMAS)):
        for path in sorted(folder.glob(pattern)):
            hashed.update(path.relative_to(folder).as_posix().encode())
            hashed.update(hashlib.sha256(path.read_bytes()).digest())
    return hashed.hexdigest()


def _machine(m: Machine) -> list[Any]:
    return [m.process, m.name, m.build_volume_mm, m.profile, m.shot_volume_cm3]


def _size(value: Any) -> Size | None:
    return (float(value[0]), float(value[1]), float(value[2])) if value else None


def _machine_of(data: list[Any]) -> Machine:
    return Machine(data[0], data[1], _size(data[2]), data[3], data[4])


def to_json(cat: Catalogue, makers: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    return {
        "designs": [
            [
                d.id,
                d.title,
                [
                    [
                        p.id,
                        p.name,
                        p.process,
                        p.materials,
                        p.size_mm,
                        p.alternatives,
                        p.volume_cm3,
                        p.quantity,
                    ]
                    for p in d.parts
                ],
                d.groups,
                d.category,
            ]
            for d in cat.designs
        ],
        "profiles": {i: _machine(m) for i, m in cat.profiles.items()},
        "processes": cat.processes,
        "materials": cat.materials,
        "heated": sorted(cat.heated),
        "never_heat": sorted(cat.never_heat),
        "makers": makers,
    }


def from_json(data: dict[str, Any]) -> tuple[Catalogue, dict[str, Mapping[str, Any]]]:
    designs = tuple(
        DesignSpec(
            design_id,
            title,
            tuple(
                PartSpec(p[0], p[1], p[2], tuple(p[3]), _size(p[4]), tuple(p[5]), p[6], p[7])
                for p in parts
            ),
            tuple(tuple(group) for group in groups),
            category,
        )
        for design_id, title, parts, groups, category in data["designs"]
    )
    cat = Catalogue(
        designs,
        {i: _machine_of(m) for i, m in data["profiles"].items()},
        dict(data["processes"]),
        dict(data["materials"]),
        frozenset(data["heated"]),
        frozenset(data["never_heat"]),
    )
    return cat, dict(data["makers"])


def read(root: Path, made_from: str) -> tuple[Catalogue, dict[str, Mapping[str, Any]]] | None:
    """The stored catalogue, if it was made from `made_from` (a fingerprint)."""
    try:
        held = read_cache(root / CACHE_FILE)
        if not isinstance(held, dict):
            return None
        if held.get("format") != FORMAT or held.get("fingerprint") != made_from:
            return None
        return from_json(held["catalogue"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def write(
    root: Path, made_from: str, cat: Catalogue, makers: Mapping[str, Mapping[str, Any]]
) -> None:
    path = root / CACHE_FILE
    document = {"format": FORMAT, "fingerprint": made_from, "catalogue": to_json(cat, makers)}
    write_cache(path, document)
