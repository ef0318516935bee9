"""Finding and loading every record of a MakeLocal repository (the I/O edge of the pipeline)."""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PurePosixPath
from typing import Any

from generator.findings import Finding
from generator.records.loader import Document, load

# Where each record type lives: (folder relative to the root, file pattern).
RECORD_PLACES: dict[str, tuple[str, str]] = {
    "material": ("catalog/materials", "*.yml"),
    "process": ("catalog/processes", "*.yml"),
    "maker": ("catalog/makers", "*.yml"),
    "design": ("designs", "*/design.yml"),
    "make": ("catalog/makes", "*.yml"),
}
MAX_DESIGN_FILES = 2000


def file_id(record_type: str, path: PurePath) -> str:
    """The id a record's place gives it: its file name, or its design folder's name."""
    return path.parent.name if record_type == "design" else path.stem


@dataclass(frozen=True)
class FileEntry:
    size: int
    symlink: bool


@dataclass
class Record:
    type: str
    path: Path
    display: str  # path relative to the repository root, as shown in findings and on the site
    doc: Document

    @property
    def data(self) -> Any:
        return self.doc.data

    @property
    def id(self) -> str:
        value = self.data.get("id") if isinstance(self.data, dict) else None
        return value if isinstance(value, str) else self.expected_id

    @property
    def expected_id(self) -> str:
        return file_id(self.type, self.path)

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def files_folder(self) -> Path:
        """Where the files the record names are: a design's folder, or a make report's
        folder of photos beside it (catalog/makes/<id>/)."""
        return self.path.parent if self.type == "design" else self.path.with_suffix("")


@dataclass
class Catalog:
    root: Path
    records: list[Record] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # The files of each design folder, and of each make report's photo folder
    # (catalog/makes/<id>/), by the record's display path; listed without following links.
    design_files: dict[str, dict[str, FileEntry]] = field(default_factory=dict)

    def of_type(self, record_type: str) -> dict[str, Record]:
        return {r.id: r for r in self.records if r.type == record_type}

    @property
    def materials(self) -> dict[str, Record]:
        return self.of_type("material")

    @property
    def processes(self) -> dict[str, Record]:
        return self.of_type("process")

    @property
    def designs(self) -> dict[str, Record]:
        return self.of_type("design")

    @property
    def makers(self) -> dict[str, Record]:
        return self.of_type("maker")

    @property
    def makes(self) -> dict[str, Record]:
        return self.of_type("make")


def record_type_of(root: Path, path: Path) -> str | None:
    """The record type a file is by its place in the repository, or None."""
    try:
        relative = PurePosixPath(path.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        return None
    return record_type_at(relative)


def record_type_at(relative: PurePosixPath) -> str | None:
    """The record type a file is by its path relative to the repository root, or None."""
    for record_type, (folder, pattern) in RECORD_PLACES.items():
        place = PurePosixPath(folder, pattern)
        if len(relative.parts) == len(place.parts) and relative.match(place.as_posix()):
            return record_type
    return None


def record_files(root: Path) -> list[tuple[str, Path]]:
    """Every record file, sorted, with its type."""
    found: list[tuple[str, Path]] = []
    for record_type, (folder, pattern) in RECORD_PLACES.items():
        base = root / folder
        if base.is_dir():
            found.extend((record_type, path) for path in sorted(base.glob(pattern)))
    return found


def list_design_folder(folder: Path) -> dict[str, FileEntry]:
    """Files below a design folder, without following symbolic links."""
    entries: dict[str, FileEntry] = {}
    for current, dirs, files in os.walk(folder, followlinks=False):
        base = Path(current)
        for name in sorted(dirs + files):
            path = base / name
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink():
                entries[relative] = FileEntry(0, True)
            elif name in files:
                info = path.stat()
                if stat.S_ISREG(info.st_mode):  # git holds no pipes: reading one would hang
                    entries[relative] = FileEntry(info.st_size, False)
        dirs[:] = sorted(d for d in dirs if not (base / d).is_symlink())
        if len(entries) > MAX_DESIGN_FILES:
            break
    return entries


def _absolute(path: Path) -> Path:
    # `..` is removed from the text, links are not followed: `--root ..` works as written.
    return Path(os.path.abspath(path))


def is_inside(root: Path, path: Path) -> bool:
    return _absolute(path).is_relative_to(_absolute(root))


def file_name_problem(name: str) -> str | None:
    """What makes a file name unfit to publish, or None. A name that is not UTF-8 cannot
    go into the site's zips or JSON; a line break in one can forge lines of a report."""
    if printable(name) != name:
        return "is not UTF-8, or holds a line break or another control character"
    return None


def printable(name: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 (which Python keeps as
    lone surrogates) and control characters are written as escapes, such as \\xff."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(
        c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) == "Cc" else c
        for c in text
    )


def display_path(root: Path, path: Path) -> str:
    try:
        return _absolute(path).relative_to(_absolute(root)).as_posix()
    except ValueError:
        return str(path)


def load_catalog(root: Path, files: list[tuple[str, Path]] | None = None) -> Catalog:
    """Load every record below `root` (or only `files`, as listed by `record_files`).

    Problems are collected in `catalog.findings`.
    """
    catalog = Catalog(root=root)
    for record_type, path in record_files(root) if files is None else files:
        shown = display_path(root, path)
        loaded = load(path, shown)
        if isinstance(loaded, Finding):
            catalog.findings.append(loaded)
            continue
        record = Record(record_type, path, shown, loaded)
        catalog.records.append(record)
        if record_type in ("design", "make"):
            folder = record.files_folder
            listing = list_design_folder(folder)
            catalog.design_files[shown] = listing
            catalog.findings.extend(
                Finding.of(
                    "ML017",
                    printable(f"{display_path(root, folder)}/{name}"),
                    1,
                    1,
                    f"this file name {problem}",
                )
                for name in listing
                if (problem := file_name_problem(name))
            )
    return catalog
