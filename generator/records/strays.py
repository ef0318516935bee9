"""YAML files below catalog/ and designs/ that are not records (nor translations of
records): each is a finding that says where the record should be, so that no contribution
is skipped in silence.

A `.yaml` file, a record in `catalog/material/`, a note beside a design's `design.yml`:
none is read as a record, and before this check `makelocal validate` reported nothing.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path, PurePosixPath

from generator.findings import Finding
from generator.findings.suggest import closest, slug_of
from generator.records.catalog import RECORD_PLACES, record_type_at
from generator.records.file_names import printable
from generator.records.translations import orphan_message, translation_place

YAML_SUFFIXES = (".yml", ".yaml")
RECORD_ROOTS = ("catalog", "designs")
RECORD_SUFFIX = ".yml"
DESIGN_FILE = "design.yml"
# The folder of each record type below catalog/ (designs have their own root).
_CATALOG_FOLDERS = {
    PurePosixPath(folder).name: record_type
    for record_type, (folder, _) in RECORD_PLACES.items()
    if folder.startswith("catalog/")
}


def is_yaml(relative: PurePosixPath) -> bool:
    return relative.suffix.lower() in YAML_SUFFIXES


def stray_yaml(
    root: Path,
    listed: Mapping[Path, Collection[str]] | None = None,
    records: Collection[str] = (),
) -> Iterator[PurePosixPath]:
    """Every YAML file below catalog/ and designs/ that is not a record file nor the
    translation of one, relative to `root`, sorted by folder; links are not followed (the
    loader reports a linked record). A design folder in `listed` (by its path, with the
    names of the files below it, as `list_design_folder` lists them) is not walked again:
    its names are read (at 10,000 designs, 0.4 s of CPU instead of 1.6 s). The files of
    `records` (by their path from `root`) are records, not looked at again."""
    by_folder = {str(folder): names for folder, names in (listed or {}).items()}
    for top in RECORD_ROOTS:
        base = root / top
        if not base.is_dir() or base.is_symlink():
            continue
        # os.walk does not go into a folder that is a link (followlinks is off).
        for current, dirs, files in os.walk(base):
            dirs.sort()
            folders: list[tuple[str, Iterable[str]]] = [(current, sorted(files))]
            for name in list(dirs):
                folder = os.path.join(current, name)
                if folder in by_folder:
                    dirs.remove(name)
                    folders.append((folder, by_folder[folder]))
            for folder, names in folders:
                yield from _strays_in(root, folder, names, records)


def _strays_in(
    root: Path, folder: str, names: Iterable[str], records: Collection[str]
) -> Iterator[PurePosixPath]:
    """The stray YAML files among `names` (paths relative to `folder`)."""
    for name in names:
        if not name.lower().endswith(YAML_SUFFIXES):
            continue  # a design's parts, sources and photos: most of the files
        at = os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
        if at in records:
            continue
        relative = PurePosixPath(at)
        if not is_record_or_translation(root, relative):
            yield relative


def is_record_or_translation(root: Path, relative: PurePosixPath) -> bool:
    """Whether a file is a record by its place, or the translation of a record that exists."""
    place = translation_place(relative)
    if place is not None:
        return (root / place.record).is_file()
    return record_type_at(relative) is not None


def stray_finding(relative: PurePosixPath, root: Path) -> Finding:
    """The finding on a YAML file that is not a record, saying what to do with it."""
    place = translation_place(relative)
    if place is not None:
        code, message = "ML701", orphan_message(place, root)
    else:
        code, message = _advice(relative)
    return Finding.of(code, printable(relative.as_posix()), 1, 1, message)


def _advice(relative: PurePosixPath) -> tuple[str, str]:
    """(code, message) for a stray YAML file: rename it to .yml if that makes it a record
    or a translation (ML019), else where a record of its kind would be (ML016)."""
    as_yml = relative.with_suffix(RECORD_SUFFIX)
    if relative.suffix != RECORD_SUFFIX and translation_place(as_yml) is not None:
        return "ML019", (
            f"translations end in .yml: rename the file to {as_yml.name}, or it is never read"
        )
    if relative.suffix != RECORD_SUFFIX and record_type_at(as_yml) is not None:
        name = as_yml.name if as_yml.name == DESIGN_FILE else f"{slug_of(relative.stem)}.yml"
        return "ML019", (
            f"records end in .yml: rename the file to {name}, or it is never read (so "
            "neither checked nor published)"
        )
    parts = relative.parts
    if parts[0] == "designs":
        return "ML016", _design_advice(relative)
    if len(parts) == 2:
        return "ML016", (
            "this file is not in a folder for records: records live in catalog/<kind>/<id>.yml, "
            f"with <kind> one of {', '.join(sorted(_CATALOG_FOLDERS))}"
        )
    folder = parts[1]
    if folder not in _CATALOG_FOLDERS:
        guess = closest(folder, _CATALOG_FOLDERS, threshold=0.6)
        where = f"catalog/{guess}/{as_yml.name}" if guess else "catalog/<kind>/<id>.yml"
        return "ML016", f"catalog/{folder}/ is not a folder for records: did you mean {where}?"
    record_file = PurePosixPath(*parts[:2], parts[2]).with_suffix(RECORD_SUFFIX)
    return "ML016", (
        f"this file is inside the folder of the record {record_file.as_posix()}, which holds "
        "its photos, not records: move it to catalog/"
        f"{folder}/{as_yml.name} if it is a record of its own, or remove it"
    )


def _design_advice(relative: PurePosixPath) -> str:
    parts = relative.parts
    if len(parts) == 2:
        return (
            f"a design is a folder with a design.yml: move this file to "
            f"designs/{relative.stem}/{DESIGN_FILE}"
        )
    folder = "/".join(parts[:2])
    if relative.name != DESIGN_FILE and closest(relative.stem, ["design"], 0.7):
        return (
            f"a design's record is named {DESIGN_FILE}: rename this file to {folder}/{DESIGN_FILE}"
        )
    if relative.name == DESIGN_FILE:
        return (
            f"a design's record is designs/<id>/{DESIGN_FILE}, one folder below designs/: "
            f"this one is {len(parts) - 2} folders deeper, so it is never read"
        )
    return (
        f"a design folder holds one record, {folder}/{DESIGN_FILE}; this YAML file is neither "
        f"read nor published: move what it says into {DESIGN_FILE} (its description, parts or "
        "sources), or remove it"
    )
