"""What a change touches and what is wrong in it: the files git reports as changed since
a base commit, the records among them and the records that reference those, and the
checks a contribution gets (the validator's, plus ML4xx on files and text). The I/O edge
of `validate --changed` and `pr-report`.

The default base is where the current branch left main: the merge base of HEAD and
`origin/main` (or local `main` when there is no remote). On main itself that is HEAD, so
only uncommitted work (staged, unstaged and new files) is checked, which is what a
pre-commit hook wants.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from subprocess import CompletedProcess

from generator.checks.validate import context_ids, strings_in, validate_catalog
from generator.contrib.report_data import RECORD_FOLDERS, ChangedFile
from generator.findings import Finding
from generator.records.catalog import (
    Catalog,
    file_id,
    linked_folder,
    load_catalog,
    record_files,
    record_type_at,
)
from generator.records.file_names import file_name_problem, printable
from generator.records.loader import MAX_FILE_BYTES
from generator.records.regular_file import read_regular_file
from generator.records.strays import is_record_or_translation, is_yaml, stray_finding
from generator.records.translations import translation_place, translations_beside

DEFAULT_BASES = ("origin/main", "main")
# A change to these can change the verdict on any record, so everything is checked.
EVERYTHING_PREFIXES = ("schemas/", "generator/")


class GitError(Exception):
    """Git could not answer; the message says what to do."""


@dataclass
class Selection:
    """The records to check for a change, and why each is there."""

    base: str
    files: list[ChangedFile]
    everything: bool = False
    changed: set[str] = field(default_factory=set)  # record files changed (or in a changed design)
    referencing: set[str] = field(default_factory=set)  # record files naming a changed record
    strays: list[str] = field(default_factory=list)  # YAML files in record folders, not records

    @property
    def checked(self) -> set[str]:
        return self.changed | self.referencing


def _run_git(root: Path, args: list[str], stdin: str | None = None) -> CompletedProcess[str]:
    """git in `root`, with paths read as Python names files: bytes that are not UTF-8
    survive as lone surrogates."""
    return subprocess.run(
        ["git", "-C", str(root), *args],
        input=stdin,
        capture_output=True,
        check=False,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
    )


def _git(root: Path, *args: str) -> str:
    try:
        done = _run_git(root, list(args))
    except FileNotFoundError:
        raise GitError("git is not installed: install git, or validate without --changed") from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip() or f"git {args[0]} failed")
    return done.stdout


def _commit(root: Path, revision: str) -> str | None:
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").strip()
    except GitError:
        return None


def resolve_base(root: Path, base: str | None) -> str | None:
    """The commit to compare with, or None when the repository has no commit yet."""
    try:
        _git(root, "rev-parse", "--git-dir")
    except GitError:
        raise GitError(f"{root} is not inside a git repository") from None
    if base:
        commit = _commit(root, base)
        if commit is None:
            raise GitError(
                f"{base!r} is not a commit in this repository; give a branch, tag or commit "
                "(for example origin/main), and fetch it first if it is remote"
            )
        return commit
    if _commit(root, "HEAD") is None:
        return None
    for candidate in DEFAULT_BASES:
        if _commit(root, candidate):
            return _git(root, "merge-base", "HEAD", candidate).strip()
    return _commit(root, "HEAD")


def file_at(root: Path, revision: str, path: str) -> bytes | None:
    """A file's content at a commit (its path relative to `root`), or None when it was not
    there or the revision is no commit."""
    if _commit(root, revision) is None:
        return None
    done = subprocess.run(
        ["git", "-C", str(root), "show", f"{revision}:./{path}"], capture_output=True, check=False
    )
    return done.stdout if done.returncode == 0 else None


_STATUS = {"A": "added", "M": "modified", "D": "deleted", "T": "type-changed"}


def changed_files(root: Path, base: str | None) -> list[ChangedFile]:
    """Files that differ between `base` and the working tree, plus new untracked files."""
    found: dict[str, ChangedFile] = {}
    if base is not None:
        # --relative: paths relative to `root`, like ls-files below, even in a subfolder.
        fields = _git(
            root, "diff", "--relative", "--name-status", "--no-renames", "-z", base, "--"
        ).split("\0")
        for status, path in zip(fields[0::2], fields[1::2], strict=False):
            found[path] = ChangedFile(path, _STATUS.get(status[:1], "modified"))
    listing = ["ls-files", "-z", "--others", "--exclude-standard"]
    if base is None:
        listing.append("--cached")
    for path in _git(root, *listing).split("\0"):
        if path:
            found[path] = ChangedFile(path, "added")
    return sorted(found.values())


def record_file_of(path: str) -> tuple[str, str] | None:
    """(record type, record file) that a changed path belongs to, if any.

    A file in a record's own folder (a design's parts, sources and images; a make
    report's photos) belongs to that record, since the record's checks cover its files,
    and so does a translation of the record.
    """
    pure = PurePosixPath(path)
    place = translation_place(pure)
    if place is not None:
        return place.record_type, place.record.as_posix()
    record_type = record_type_at(pure)
    if record_type:
        return record_type, path
    for folder in pure.parents[:-1]:  # the last parent is the root itself
        if record_type_at(folder / "design.yml") == "design":
            return "design", (folder / "design.yml").as_posix()
        record_type = record_type_at(folder.with_suffix(".yml"))
        if record_type not in (None, "design"):
            return record_type, folder.with_suffix(".yml").as_posix()
    return None


def _id_pattern(ids: set[str]) -> re.Pattern[bytes]:
    """Any of the ids as a whole word: `pla` must not match `recycled-pla`."""
    # An id from a file name that is not UTF-8 keeps its bytes (as lone surrogates).
    alternatives = b"|".join(re.escape(i.encode("utf-8", "surrogateescape")) for i in sorted(ids))
    return re.compile(rb"(?<![a-z0-9-])(?:" + alternatives + rb")(?![a-z0-9-])")


def select(root: Path, base: str | None) -> Selection:
    """The records a change since `base` touches, and the records that reference them.

    Referencing records are found by their text naming a changed id (a cheap search over
    the raw files, no YAML parsing), so a few extra records may be checked, never too few.
    """
    files = changed_files(root, base)
    selection = Selection(base=base or "(no commit yet)", files=files)
    selection.everything = any(f.path.startswith(EVERYTHING_PREFIXES) for f in files)
    all_records = {p.relative_to(root).as_posix() for _, p in record_files(root)}
    if selection.everything:
        selection.changed = all_records
        return selection
    touched_ids: set[str] = set()
    for changed in files:
        pure = PurePosixPath(changed.path)
        if (
            changed.status != "deleted"
            and changed.path.startswith(RECORD_FOLDERS)
            and is_yaml(pure)
            and not is_record_or_translation(root, pure)
        ):
            selection.strays.append(changed.path)
        if changed.status == "deleted" and record_type_at(pure) is not None:
            # Its translations are left translating nothing.
            selection.strays.extend(
                p.relative_to(root).as_posix() for _, p in translations_beside(root, root / pure)
            )
        owner = record_file_of(changed.path)
        if owner:
            touched_ids.add(file_id(owner[0], PurePosixPath(owner[1])))
            if owner[1] in all_records:
                selection.changed.add(owner[1])
    selection.referencing = naming_ids(root, touched_ids, all_records - selection.changed)
    return selection


def naming_ids(root: Path, ids: set[str], records: set[str]) -> set[str]:
    """The record files among `records` (paths relative to `root`) whose text names one of
    `ids`: a cheap search over the raw files, no YAML parsing, so a few extra records may
    be found, never too few."""
    found: set[str] = set()
    if not ids:
        return found
    pattern = _id_pattern(ids)
    for record in sorted(records):
        path = root / record
        # The loader reports links and FIFOs; never follow or wait on one.
        if path.is_symlink() or linked_folder(root, path) is not None:
            continue
        try:
            text = read_regular_file(path, MAX_FILE_BYTES + 1)
        except OSError:
            continue
        if pattern.search(text):
            found.add(record)
    return found


def load_selection(root: Path, selection: Selection) -> Catalog:
    """The checked records plus the records they name, so that references resolve.

    Records outside the selection are loaded only when a checked record names their id
    (or nearly does: the validator then says "did you mean ...?"); the caller keeps only
    the findings on checked files.
    """
    by_file = {p.relative_to(root).as_posix(): (t, p) for t, p in record_files(root)}
    if selection.everything or len(selection.checked) * 2 > len(by_file):
        return load_catalog(root)  # most records are checked anyway: no need to pick
    catalog = load_catalog(root, [by_file[f] for f in sorted(selection.checked) if f in by_file])
    ids_by_type: dict[str, set[str]] = {}
    for record_type, path in by_file.values():
        ids_by_type.setdefault(record_type, set()).add(file_id(record_type, path))
    wanted = context_ids({s for r in catalog.records for s in strings_in(r.data)}, ids_by_type)
    context = load_catalog(
        root,
        [
            entry
            for display, entry in sorted(by_file.items())
            if display not in selection.checked and file_id(*entry) in wanted
        ],
    )
    catalog.records.extend(context.records)
    catalog.design_files.update(context.design_files)
    return catalog


# --- checks ---------------------------------------------------------------------------

MIB = 1024 * 1024
# Largest file of each kind that may land; anything else: DEFAULT_LIMIT.
SIZE_LIMITS: dict[str, int] = {
    ".stl": 20 * MIB,
    ".png": 2 * MIB,
    ".jpg": 2 * MIB,
    ".jpeg": 2 * MIB,
    ".webp": 2 * MIB,
    ".gif": 2 * MIB,
    ".yml": MAX_FILE_BYTES,
    ".yaml": MAX_FILE_BYTES,
    ".md": MAX_FILE_BYTES,
    ".scad": 2 * MIB,
}
DEFAULT_LIMIT = 20 * MIB
# Kinds of file that must be text: a NUL byte in one means a binary was saved under it.
TEXT_SUFFIXES = {".yml", ".yaml", ".md", ".scad", ".svg", ".txt", ".csv", ".json", ".toml"}
# Made by the build; also anything .gitignore ignores (a file can be added with `git add -f`).
GENERATED_PREFIXES = ("site/", "build/", ".cache/")

# --- checks on the files of a change ---------------------------------------------------


def _ignored(root: Path, paths: list[str]) -> set[str]:
    """The paths that .gitignore patterns match, tracked or not."""
    if not paths:
        return set()
    done = _run_git(root, ["check-ignore", "--no-index", "-z", "--stdin"], "\0".join(paths) + "\0")
    return {p for p in done.stdout.split("\0") if p}  # exit 1 means none is ignored


def _size(size: int) -> str:
    return f"{size / MIB:.1f} MiB" if size >= MIB else f"{size / 1024:.0f} KiB"


def file_findings(root: Path, files: list[ChangedFile]) -> list[Finding]:
    """Bad file names, symbolic links, oversized files, binaries saved as text, generated
    files."""
    present = [f.path for f in files if f.status != "deleted"]
    ignored = _ignored(root, present)
    findings: list[Finding] = []
    for name in present:
        path = root / name
        suffix = PurePosixPath(name).suffix.lower()
        shown = printable(name)
        problem = file_name_problem(name)
        if problem:
            findings.append(Finding.of("ML017", shown, 1, 1, f"this file name {problem}"))
        if path.is_symlink():
            findings.append(Finding.of("ML401", shown, 1, 1, "this file is a symbolic link"))
            continue
        if name.startswith(GENERATED_PREFIXES) or name in ignored:
            findings.append(
                Finding.of("ML404", shown, 1, 1, "this file is generated or ignored by .gitignore")
            )
        if not path.is_file():
            continue
        size = path.stat().st_size
        limit = SIZE_LIMITS.get(suffix, DEFAULT_LIMIT)
        if size > limit:
            kind = f"{suffix} files" if suffix in SIZE_LIMITS else "files of this kind"
            findings.append(
                Finding.of(
                    "ML402",
                    shown,
                    1,
                    1,
                    f"the file is {_size(size)}; the limit for {kind} is {_size(limit)}",
                )
            )
        elif suffix in TEXT_SUFFIXES:
            data = path.read_bytes()
            if b"\0" in data:
                at = data.index(b"\0")
                line = data.count(b"\n", 0, at) + 1
                column = at - (data.rfind(b"\n", 0, at) + 1) + 1
                findings.append(
                    Finding.of("ML403", shown, line, column, f"a NUL byte in a {suffix} file")
                )
    return findings


# --- the whole check -------------------------------------------------------------------


@dataclass
class Check:
    """A change and every finding on it."""

    selection: Selection
    catalog: Catalog
    findings: list[Finding]


def check_changes(root: Path, base: str | None) -> Check:
    """Validate the records a change touches (and those naming them), and its files."""
    selection = select(root, resolve_base(root, base))
    catalog = load_selection(root, selection)
    checked = {printable(path) for path in selection.checked}  # as findings name them
    checked |= {t.file.display for t in catalog.translations if t.record_display in checked}
    findings = [f for f in validate_catalog(catalog) if f.file in checked]
    findings += [stray_finding(PurePosixPath(name), root) for name in selection.strays]
    symlinked_records = {f.file for f in findings if f.code == "ML013"}
    findings += [
        f
        for f in file_findings(root, selection.files)
        if not (f.code == "ML401" and f.file in symlinked_records)
    ]
    return Check(selection, catalog, sorted(set(findings)))
