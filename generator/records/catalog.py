"""Finding and loading every record of a MakeLocal repository (the I/O edge of the pipeline)."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cached_property
from pathlib import Path, PurePath, PurePosixPath
from typing import TYPE_CHECKING, Any, NamedTuple

from generator.findings import Finding
from generator.records.documents import Document
from generator.records.file_hashes import settled_stamp
from generator.records.file_names import file_name_problem, printable
from generator.records.parsed import (
    FILE,
    FOLDER,
    LINK,
    SPECIAL,
    Listings,
    ParsedRecords,
    entry_of,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from generator.records.translations import Translation

# Where each record type lives: (folder relative to the root, file pattern).
RECORD_PLACES: dict[str, tuple[str, str]] = {
    "material": ("catalog/materials", "*.yml"),
    "process": ("catalog/processes", "*.yml"),
    "maker": ("catalog/makers", "*.yml"),
    "design": ("designs", "*/design.yml"),
    "make": ("catalog/makes", "*.yml"),
    "need": ("catalog/needs", "*.yml"),
}
# A translation of a record: `<stem>.<language>.yml` beside it (pla.fr.yml, design.fr.yml).
# No record is named so, since an id holds no dot (generator.records.translations).
TRANSLATION_NAME = re.compile(r"(?P<stem>[^.]+)\.(?P<language>[a-z]{2})\.yml")
MAX_DESIGN_FILES = 2000
# The most the files of a design folder may come to: its zip holds them all again, and
# GitHub Pages publishes at most 1 GB per site. (A folder of 120 STLs of zeros, 1.3 MiB
# packed in git, once made a 2.5 GB zip.) The largest design today is under 300 KB.
MAX_FOLDER_BYTES = 100 * 1024 * 1024


def file_id(record_type: str, path: PurePath) -> str:
    """The id a record's place gives it: its file name, or its design folder's name."""
    return path.parent.name if record_type == "design" else path.stem


@dataclass(frozen=True)
class FileEntry:
    size: int
    symlink: bool
    modified_ns: int = 0  # when it last changed: an incremental build redoes what uses it


@dataclass
class Record:
    type: str
    path: Path
    display: str  # path relative to the repository root, as shown in findings and on the site
    doc: Document

    @property
    def data(self) -> Any:
        return self.doc.data

    @cached_property  # asked for 130,000 times by one index of 10,000 designs
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
    # The translations of the records loaded (see generator.records.translations).
    translations: list[Translation] = field(default_factory=list)

    def of_type(self, record_type: str) -> dict[str, Record]:
        return {r.id: r for r in self.records if r.type == record_type}

    def reparse(self, displays: set[str]) -> None:
        """Parse these records anew, with the positions of their values (findings on them
        say where), in place of the data remembered for them."""
        from generator.records.loader import load  # the YAML parser (see load_catalog)

        for at, record in enumerate(self.records):
            if record.display in displays and not record.doc.positioned:
                loaded = load(record.path, record.display)
                if isinstance(loaded, Document):
                    self.records[at] = Record(record.type, record.path, record.display, loaded)

    def forget_positions(self) -> None:
        """Keep each record's data only: once validated, no finding needs where a value
        was, and the positions of every value of 10,000 designs take hundreds of MB."""
        for at, record in enumerate(self.records):
            if record.doc.positioned:
                doc = record.doc
                kept = Document(doc.path, doc.data, first_line=doc.first_line, positioned=False)
                self.records[at] = Record(record.type, record.path, record.display, kept)

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

    @property
    def needs(self) -> dict[str, Record]:
        return self.of_type("need")


def record_type_of(root: Path, path: Path) -> str | None:
    """The record type a file is by its place in the repository, or None."""
    try:
        relative = PurePosixPath(path.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        return None
    return record_type_at(relative)


def record_type_at(relative: PurePosixPath) -> str | None:
    """The record type a file is by its path relative to the repository root, or None (a
    translation of a record is none)."""
    if TRANSLATION_NAME.fullmatch(relative.name):
        return None
    parts = relative.parts
    for record_type, place in _PLACE_PARTS:
        # PurePath.match, part by part, without making a path of each place on every call
        # (it runs for every YAML file of the repository on every build).
        if len(parts) == len(place) and all(map(fnmatchcase, parts, place)):
            return record_type
    return None


_PLACE_PARTS = [
    (record_type, PurePosixPath(folder, pattern).parts)
    for record_type, (folder, pattern) in RECORD_PLACES.items()
]


def record_files(root: Path) -> list[tuple[str, Path]]:
    """Every record file, sorted, with its type: what Path.glob finds of each place's
    pattern (a name matched as fnmatch does, a folder on the way followed if it is a link,
    the file's name taken if there is something by that name), with os.scandir and strings:
    reading 10,000 unchanged designs took 0.80 s of CPU, against 0.86 s with pathlib."""
    found: list[tuple[str, Path]] = []
    for record_type, (folder, pattern) in RECORD_PLACES.items():
        base = os.path.join(root, folder)
        if os.path.isdir(base):
            # Sorted by their parts, as paths compare (a folder's name is a whole part).
            found.extend(
                (record_type, Path(base, *parts))
                for parts in sorted(_matching(base, PurePosixPath(pattern).parts))
                if not TRANSLATION_NAME.fullmatch(parts[-1])
            )
    return found


def _matching(base: str, pattern: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The paths below `base` (by their parts) that `pattern`'s parts match, each a
    wildcard (fnmatch) or a name."""
    first, rest = pattern[0], pattern[1:]
    if not _WILDCARD.search(first):
        path = os.path.join(base, first)
        if os.path.isdir(path) if rest else os.path.exists(path):
            yield from ((first, *found) for found in _matching(path, rest)) if rest else [(first,)]
        return
    try:
        with os.scandir(base) as scanned:
            entries = [entry for entry in scanned if fnmatchcase(entry.name, first)]
    except OSError:
        return
    for entry in entries:
        if not rest:
            yield (entry.name,)
        elif _is_folder(entry):
            yield from ((entry.name, *found) for found in _matching(entry.path, rest))


_WILDCARD = re.compile(r"[*?[]")


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # following a link, as glob does
    except OSError:
        return False


class Listing(NamedTuple):
    """The files below a folder, and the names of what is neither a file nor a link."""

    files: dict[str, FileEntry]
    special: list[str]  # FIFOs, devices and sockets: never read


def list_design_folder(
    folder: str | Path, listings: Listings | None = None, shown: str = ""
) -> Listing:
    """Files below a design folder, without following symbolic links: each folder's own
    entries by name, then its subfolders', depth first. With `listings`, the names of a
    folder whose stat is the one remembered (by its path `shown` from the repository's
    root, and below) are taken from them, and the folders listed are remembered."""
    entries: dict[str, FileEntry] = {}
    special: list[str] = []
    pending = [("", str(folder))]
    while pending:
        prefix, current = pending.pop()
        found = _folder_entries(current, listings, f"{shown}/{prefix}")
        if found is None:
            continue
        subfolders = []
        for name, kind, info in found:
            relative = prefix + name
            if kind == LINK:
                entries[relative] = FileEntry(0, True)
            elif kind == FOLDER:
                subfolders.append((relative + "/", f"{current}/{name}"))
            elif kind == FILE and info is not None:
                entries[relative] = FileEntry(info.st_size, False, info.st_mtime_ns)
            else:  # git holds no pipes: reading one would hang
                special.append(relative)
        if len(entries) > MAX_DESIGN_FILES:
            break
        pending.extend(reversed(subfolders))
    return Listing(entries, special)


Entry = tuple[str, str, "os.stat_result | None"]  # name, kind, a file's stat


def _folder_entries(folder: str, listings: Listings | None, key: str) -> list[Entry] | None:
    """The entries of `folder` by name, each file with its stat; None when it cannot be
    listed. Its names are `listings`' while its stat is the one remembered (under `key`),
    and each file's stat is then taken anew; else os.scandir lists it (one call a folder,
    no stat of what need not be sized)."""
    stamp = ""
    if listings is not None:
        try:
            stamp = settled_stamp(os.lstat(folder))
        except OSError:
            return None
        remembered = listings.get(key, stamp)
        if remembered is not None:
            found = _restat(folder, remembered)
            if found is not None:
                return found
    try:
        with os.scandir(folder) as scanned:
            listed = sorted(scanned, key=lambda entry: entry.name)
    except OSError:
        return None
    found = [(entry.name, *_kind(entry)) for entry in listed]
    if listings is not None:
        listings.put(key, stamp, [(name, kind) for name, kind, _ in found])
    return found


def _kind(entry: os.DirEntry[str]) -> tuple[str, os.stat_result | None]:
    if entry.is_symlink():
        return LINK, None
    if entry.is_dir(follow_symlinks=False):
        return FOLDER, None
    if entry.is_file(follow_symlinks=False):
        return FILE, entry.stat(follow_symlinks=False)
    return SPECIAL, None


def _restat(folder: str, names: list[Any]) -> list[Entry] | None:
    """The remembered entries with each file's stat taken anew; None if one is not of the
    form made or is no longer a regular file (the folder is then listed again)."""
    found: list[Entry] = []
    for held in names:
        entry = entry_of(held)
        if entry is None:
            return None
        name, kind = entry
        info = None
        if kind == FILE:
            try:
                info = os.lstat(f"{folder}/{name}")
            except OSError:
                return None
            if not stat.S_ISREG(info.st_mode):
                return None
        found.append((name, kind, info))
    return found


def _absolute_text(path: str | Path) -> str:
    # `..` is removed from the text, links are not followed: `--root ..` works as written.
    return os.path.abspath(path)


def is_inside(root: Path, path: Path) -> bool:
    return Path(_absolute_text(path)).is_relative_to(_absolute_text(root))


def linked_folder(root: Path, path: Path) -> Path | None:
    """The first folder between `root` and `path` (a path inside it, without `..`) that is
    a symbolic link, if any: a design folder that is a link would publish whatever it
    points to."""
    found = LinkedFolders(root).first_link(os.path.dirname(_absolute_text(path)))
    return Path(found) if found else None


class LinkedFolders:
    """The first folder on the way from the root that is a symbolic link: strings, and
    each folder looked at once, for a build asks it of every file of every design. Made
    for one build: a folder made a link later is seen by the next."""

    def __init__(self, root: Path) -> None:
        self.top = os.path.join(os.path.abspath(root), "")  # ends with the separator
        self.seen: dict[str, str | None] = {}

    def first_link(self, folder: str) -> str | None:
        """The first folder from the root to `folder` (an absolute path, itself included)
        that is a link, or None; None outside the root, and for the root."""
        if not folder.startswith(self.top):
            return None
        if folder not in self.seen:
            self.seen[folder] = self.first_link(os.path.dirname(folder)) or (
                folder if os.path.islink(folder) else None
            )
        return self.seen[folder]

    def through_link(self, folder: str) -> bool:
        """Whether `folder`, or a folder between it and the root, is a link."""
        return self.first_link(folder) is not None


def display_path(root: Path, path: str | Path) -> str:
    """`path` as the repository writes it, from `root` (`designs/x/design.yml`), else as
    given. Strings, not pathlib: it runs for every record and part on every build."""
    where, top = os.path.abspath(path), os.path.abspath(root)
    if where == top:
        return "."
    prefix = top if top.endswith(os.sep) else top + os.sep
    # POSIX keeps a leading "//" as a root of its own, and so does pathlib.
    if not where.startswith(prefix) or where.startswith("//") != top.startswith("//"):
        return str(path)
    return where[len(prefix) :].replace(os.sep, "/")


def load_catalog(
    root: Path,
    files: list[tuple[str, Path]] | None = None,
    remembered: ParsedRecords | None = None,
    positions: bool = True,
) -> Catalog:
    """Load every record below `root` (or only `files`, as listed by `record_files`);
    with `remembered`, records whose files have not changed are not parsed again (and
    have no positions: see `reparse`); without `positions`, no record keeps them.

    Problems are collected in `catalog.findings`, with one for each YAML file below catalog/
    or designs/ that is neither a record nor the translation of one (when loading
    everything). A record in a folder that is a symbolic link is not loaded, nor is a make
    report's photo folder that is one listed: both could lead anywhere on the disk. The
    translations of the records loaded are read into `catalog.translations`.
    """
    # Imported here: the YAML parser, which only reading records needs (the analysis of a
    # part file uses this module's types), and two modules that name files as this one
    # does, with its record places.
    from generator.records.loader import load
    from generator.records.strays import stray_finding, stray_yaml
    from generator.records.translations import load_translations

    catalog = Catalog(root=root)
    folders = LinkedFolders(root)  # each folder on the way looked at once, not once a record
    for record_type, path in record_files(root) if files is None else files:
        relative = display_path(root, path)
        shown = printable(relative)
        if problem := file_name_problem(relative):
            catalog.findings.append(Finding.of("ML017", shown, 1, 1, f"this file name {problem}"))
        linked = folders.first_link(os.path.dirname(_absolute_text(path)))
        if linked is not None:
            where = printable(display_path(root, Path(linked)))
            catalog.findings.append(
                Finding.of("ML013", shown, 1, 1, f"its folder {where} is a symbolic link")
            )
            continue
        loaded = load(path, shown, remembered, positions)
        if isinstance(loaded, list):
            catalog.findings.extend(loaded)
            continue
        record = Record(record_type, path, shown, loaded)
        catalog.records.append(record)
        if record_type in ("design", "make"):
            listings = remembered.listings if remembered is not None else None
            catalog.design_files[shown] = _files_folder(catalog, record, listings, folders)
    if files is None:
        # The design folders already listed are not walked again for stray YAML files; a
        # listing cut short (list_design_folder stops past MAX_DESIGN_FILES) is.
        listed = {
            r.files_folder: catalog.design_files[r.display]
            for r in catalog.records
            if r.type == "design" and len(catalog.design_files[r.display]) <= MAX_DESIGN_FILES
        }
        records = {r.display for r in catalog.records}
        strays = stray_yaml(root, listed, records)
        catalog.findings[:0] = [stray_finding(p, root) for p in strays]
    load_translations(catalog)
    return catalog


def _files_folder(
    catalog: Catalog, record: Record, listings: Listings | None, folders: LinkedFolders
) -> dict[str, FileEntry]:
    """The listing of a record's folder of files, with a finding for each name that may not
    be published and for each FIFO, device or socket in it. The folders on the way to it
    are the record's, which are no links (`folders` has looked at each, a design's own
    folder included)."""
    folder = str(record.files_folder)
    relative = display_path(catalog.root, folder)
    where = printable(relative)
    if folders.first_link(_absolute_text(folder)) is not None:
        catalog.findings.append(
            Finding.of("ML013", record.display, 1, 1, f"its folder {where} is a symbolic link")
        )
        return {}
    listing = list_design_folder(folder, listings, relative)
    for name in listing.files:
        if problem := file_name_problem(name):
            shown = f"{where}/{printable(name)}"
            catalog.findings.append(Finding.of("ML017", shown, 1, 1, f"this file name {problem}"))
    catalog.findings.extend(
        Finding.of("ML018", f"{where}/{printable(name)}", 1, 1, "this is a FIFO, device or socket")
        for name in listing.special
    )
    return listing.files
