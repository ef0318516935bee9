"""The files `makelocal import` finds: below a folder (or named by its manifest), the
licence files in it or above it up to the repository's top, and what git knows of the
repository (address, commit, date, authors). The I/O edge of the importer.

Nothing is followed out of the folder: symbolic links, hidden folders (`.git`) and
anything that is not a regular file are passed over, and a folder with more files than
any design has stops the walk.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.contrib.licence_files import is_licence_file
from generator.contrib.okh_manifest import Manifest
from generator.records.file_names import WINDOWS_DEVICE

MAX_FILES = 20_000  # walked below a folder before giving up
MAX_AUTHORS = 12
SLUG_LENGTH = 64
_GIT_REMOTE = re.compile(r"^(?:git@|ssh://git@)([^:/]+)[:/](.+?)(?:\.git)?/?$")


@dataclass(frozen=True)
class FoundFile:
    path: Path
    upstream: str  # its path in the repository, from the top
    size: int
    upstream_in_folder: str = ""  # its path below the folder imported

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    @property
    def stem(self) -> str:
        return self.path.stem.lower()


@dataclass(frozen=True)
class GitFacts:
    top: Path
    repository: str | None
    commit: str | None
    date: str | None
    authors: tuple[str, ...]


@dataclass(frozen=True)
class Survey:
    folder: Path
    top: Path  # the repository's top: the git top level, or the folder itself
    git: GitFacts | None
    files: tuple[FoundFile, ...]  # every file taken in, but the licence files
    licence_files: tuple[FoundFile, ...]
    notes: tuple[str, ...] = field(default=())


def survey(source: Path, include: tuple[str, ...], manifest: Manifest | None) -> Survey:
    """What there is to import from `source` (a folder, or the folder of `manifest`)."""
    folder = (source.parent if manifest else source).resolve()
    git = git_facts(folder)
    top = git.top if git else folder
    notes: list[str] = []
    if manifest:
        relative = list(_named(folder, manifest, notes))
    else:
        relative = [r for r in _walk(folder) if not include or _matches(r, include)]
    files: list[FoundFile] = []
    for name in relative:
        if not is_licence_file(PurePosixPath(name).name):
            files.append(_found(folder, top, name))
        elif "/" in name:  # a licence for part of the files: a person must look
            notes.append(
                f"left out {name}: a licence file of its own folder; check whether it covers "
                "files taken from there, and record the licence that does"
            )
    return Survey(folder, top, git, tuple(files), _licence_files(folder, top), tuple(notes))


def _matches(relative: str, include: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(relative, pattern) for pattern in include)


def _found(folder: Path, top: Path, relative: str) -> FoundFile:
    path = folder / relative
    return FoundFile(
        path, path.relative_to(top).as_posix(), path.stat().st_size, upstream_in_folder=relative
    )


def _walk(folder: Path) -> list[str]:
    """Regular files below `folder` (paths relative to it), sorted; no links, no hidden."""
    found: list[str] = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        base = Path(current)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (base / d).is_symlink())
        for name in sorted(files):
            path = base / name
            if not name.startswith(".") and stat.S_ISREG(path.lstat().st_mode):
                found.append(path.relative_to(folder).as_posix())
        if len(found) > MAX_FILES:
            break
    return sorted(found)


def _named(folder: Path, manifest: Manifest, notes: list[str]) -> list[str]:
    """The files the manifest names that are in its folder; the others as notes."""
    named: list[str] = []
    for given in dict.fromkeys(manifest.named_files()):
        if given.startswith(("https://", "http://")):
            notes.append(f"left out {given}: an address on the web; nothing is downloaded")
            continue
        relative = PurePosixPath(given.removeprefix("./"))
        path = folder / relative
        if relative.is_absolute() or ".." in relative.parts or path.is_symlink():
            notes.append(f"left out {given}: outside the manifest's folder")
        elif not path.is_file():
            notes.append(f"left out {given}: the manifest names it, but there is no such file")
        else:
            named.append(relative.as_posix())
    return named


def _licence_files(folder: Path, top: Path) -> tuple[FoundFile, ...]:
    """The licence files of the nearest folder, from `folder` up to `top`, that has any."""
    current = folder
    while True:
        found = [
            FoundFile(p, p.relative_to(top).as_posix(), p.stat().st_size)
            for p in sorted(current.iterdir())
            if p.is_file() and not p.is_symlink() and is_licence_file(p.name)
        ]
        if found or current == top or not current.is_relative_to(top):
            return tuple(found)
        current = current.parent


# --- git -------------------------------------------------------------------------------


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, check=False
        )
    except FileNotFoundError:  # no git: the options give what it would have
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def git_facts(folder: Path) -> GitFacts | None:
    """What git says of the repository `folder` is in; None when it is in none."""
    top = _git(folder, "rev-parse", "--show-toplevel")
    if not top:
        return None
    remote = _git(folder, "remote", "get-url", "origin")
    names = (_git(folder, "log", "--format=%an", "--", ".") or "").splitlines()
    return GitFacts(
        top=Path(top).resolve(),
        repository=https_address(remote) if remote else None,
        commit=_git(folder, "rev-parse", "HEAD"),
        date=_git(folder, "show", "-s", "--format=%cs", "HEAD"),
        authors=tuple(dict.fromkeys(n for n in names if n))[:MAX_AUTHORS],
    )


def https_address(remote: str) -> str | None:
    """A remote as the https address of its repository: git@github.com:a/b.git becomes
    https://github.com/a/b; None for a local path."""
    match = _GIT_REMOTE.match(remote)
    if match:
        return f"https://{match.group(1)}/{match.group(2)}"
    if remote.startswith("https://"):
        return remote.removesuffix("/").removesuffix(".git")
    return None


# --- names -----------------------------------------------------------------------------


def slug_of(text: str) -> str:
    """An id made from a name: lower-case letters, digits and single hyphens."""
    slug = "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:SLUG_LENGTH].strip("-")
    return f"{slug}-1" if WINDOWS_DEVICE.fullmatch(slug) else slug


def humanised(stem: str) -> str:
    """A file or folder name as a name a person reads: `Visor_frame-v11` -> `Visor frame v11`."""
    words = " ".join(re.split(r"[\s_]+|(?<=[a-z0-9])-(?=[A-Za-z])", stem)).strip()
    return (words[:1].upper() + words[1:]) if words else stem


def safe_name(name: str) -> str:
    """A file name the records accept, the extension in lower case: letters, digits, `_`,
    `-` and `.`; other characters become hyphens."""
    pure = PurePosixPath(name)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", pure.stem).strip("-.") or "file"
    if WINDOWS_DEVICE.fullmatch(stem):
        stem += "-1"
    return stem + pure.suffix.lower()


def destination(folder: str, name: str, taken: set[str]) -> str:
    """The file's name in the design folder, under `folder`, never one taken already."""
    safe = PurePosixPath(safe_name(name))
    candidate, counter = f"{folder}/{safe}", 2
    while candidate.lower() in taken:
        candidate, counter = f"{folder}/{safe.stem}-{counter}{safe.suffix}", counter + 1
    taken.add(candidate.lower())
    return candidate
