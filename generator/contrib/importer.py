"""`makelocal import`: a draft design record from a folder of files or an Open Know-How
manifest, and the list of files to copy with it.

What can be read from the files is filled in: each STL, SVG or DXF becomes a part (one of
it, its process guessed from the kind of file only, with a TODO to confirm), each CAD file
a source, each picture an image, the licence is read from the licence file or the
manifest, and the origin (repository, commit, licence file) from git or the options. What
only a person can write (what it is, how to make it, repair, safety) is a TODO, and a TODO
is an error until it is replaced (ML407), so a draft cannot be published by mistake.

It refuses, saying why, what cannot come in: a design with no licence, a licence that is
not open (non-commercial, no-derivatives, or off the allowed list), a licence named
without its version until a person confirms which, and licence file and manifest that
disagree. Files that could not be published (a kind the site does not serve, too large,
a script in an SVG) are left out, each with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from generator.checks.licences import licence_problem
from generator.checks.text_rules import PLACEHOLDER
from generator.contrib.changes import DEFAULT_LIMIT, SIZE_LIMITS
from generator.contrib.import_files import (
    FoundFile,
    GitFacts,
    Survey,
    destination,
    humanised,
    slug_of,
    survey,
)
from generator.contrib.licence_files import LicenceReading, read_licence, restriction
from generator.contrib.okh_manifest import Manifest
from generator.records.content import content_problem

# The process a part is guessed to be made by, from the kind of its file alone.
PART_PROCESS = {".stl": "fdm-printing", ".svg": "laser-cutting", ".dxf": "laser-cutting"}
SOURCE_FORMATS = {
    ".scad": "openscad",
    ".fcstd": "freecad",
    ".step": "step",
    ".stp": "step",
    ".f3d": "other",
    ".iges": "other",
    ".igs": "other",
    ".3mf": "other",
    ".obj": "other",
    ".svg": "svg",
    ".dxf": "dxf",
    ".pdf": "pdf",
}
IMAGES = {".png", ".jpg", ".jpeg", ".webp"}
# Sources in formats the site does not publish: say how to bring them in.
UNPUBLISHED_CAD = {
    ".skp": "SketchUp",
    ".sldprt": "SolidWorks",
    ".sldasm": "SolidWorks",
    ".slddrw": "SolidWorks",
    ".f3z": "Fusion 360",
    ".ipt": "Inventor",
    ".iam": "Inventor",
    ".blend": "Blender",
}
VERSION = re.compile(r"^[0-9]+(\.[0-9]+){0,2}([-+][0-9A-Za-z.-]+)?$")
CHECKED_BYTES = 1024 * 1024  # of a licence file, read to recognise it


class ImportRefused(Exception):
    """The design cannot come in as it is; the message says why and what to do."""


@dataclass(frozen=True)
class ImportOptions:
    design_id: str
    licence: str | None = None  # an SPDX id a person confirmed (for an unversioned licence)
    licence_file: Path | None = None
    include: tuple[str, ...] = ()  # globs of paths below the folder; all files if empty
    authors: tuple[str, ...] = ()
    repository: str | None = None
    commit: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class ImportPlan:
    record: dict[str, Any]
    copies: tuple[tuple[Path, str], ...]  # (file to copy, its name in the design folder)
    notes: tuple[str, ...]  # files left out and guesses made, for the person to read


@dataclass
class _Draft:
    """The record being built, and what goes with it."""

    parts: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    copies: list[tuple[Path, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)  # names used in the design folder


def plan_import(source: Path, options: ImportOptions, manifest: Manifest | None) -> ImportPlan:
    """The draft record of the design in `source` (a folder, or the folder of `manifest`)."""
    found = survey(source, options.include, manifest)
    licence, licence_files = decide_licence(found, manifest, options)
    draft = _Draft()
    draft.notes.extend(found.notes)
    _take_files(found, manifest, draft)
    if not draft.parts:
        raise ImportRefused(
            f"no part file in {source}: a design needs at least one STL mesh, or an SVG or "
            "DXF outline of a part cut from sheet" + _included(options)
        )
    for file in licence_files:  # under its own name: the check looks for it (ML205)
        draft.copies.append((file.path, file.path.name))
    record = _record(options, found, manifest, draft, licence, licence_files)
    return ImportPlan(record, tuple(draft.copies), tuple(draft.notes))


def _included(options: ImportOptions) -> str:
    return f" (among the files matching {', '.join(options.include)})" if options.include else ""


# --- the licence -----------------------------------------------------------------------


def _reading(file: FoundFile) -> LicenceReading | None:
    with file.path.open("rb") as handle:
        return read_licence(handle.read(CHECKED_BYTES).decode("utf-8", errors="replace"))


def decide_licence(
    found: Survey, manifest: Manifest | None, options: ImportOptions
) -> tuple[str, list[FoundFile]]:
    """The design's SPDX licence and the files it was read from; ImportRefused when there
    is none, it is not open, it names no version, or the sources disagree."""
    files = [options_file(options, found)] if options.licence_file else list(found.licence_files)
    if not files and manifest is not None and manifest.licence:
        spdx = options.licence or manifest.licence  # read from the manifest, which is kept
        where = manifest.path.resolve().relative_to(found.top).as_posix()
        _refuse_closed(spdx, where)
        return spdx, [FoundFile(manifest.path, where, manifest.path.stat().st_size)]
    if not files:
        raise ImportRefused(_no_licence(found, manifest))
    readings = [(file, _reading(file)) for file in files]
    known = [(f, r) for f, r in readings if r is not None]
    if not known and options.licence is None:
        names = ", ".join(f.upstream for f in files)
        raise ImportRefused(
            f"the licence in {names} is none that MakeLocal recognises: read it, and if it "
            "is an open licence on the allowed list (CONTRIBUTING.md, Licences), run again "
            "with --licence SPDX-ID to record what you confirmed"
        )
    for file, reading in known:
        if reading.spdx is None and options.licence is None:
            raise ImportRefused(_unversioned(file, reading))
    spdx = options.licence or " AND ".join(
        dict.fromkeys(r.spdx for _, r in known if r.spdx is not None)
    )
    if manifest and manifest.licence and options.licence is None and manifest.licence != spdx:
        raise ImportRefused(
            f"the manifest says the licence is {manifest.licence}, but {files[0].upstream} "
            f"holds {spdx}: ask the authors which applies, then run again with --licence"
        )
    _refuse_closed(spdx, files[0].upstream)
    return spdx, files


def options_file(options: ImportOptions, found: Survey) -> FoundFile:
    """The licence file given as an option, as a found file."""
    path = options.licence_file
    assert path is not None
    if not path.is_file():
        raise ImportRefused(f"--licence-file {path}: no such file")
    try:
        upstream = path.resolve().relative_to(found.top.resolve()).as_posix()
    except ValueError:
        raise ImportRefused(
            f"--licence-file {path} is outside {found.top}, the repository the design comes "
            "from: the licence must be the one its authors ship with it"
        ) from None
    return FoundFile(path, upstream, path.stat().st_size)


def _no_licence(found: Survey, manifest: Manifest | None) -> str:
    above = f" or above it up to {found.top}" if found.top != found.folder else ""
    said = " and its manifest names no licence (`license`)." if manifest else "."
    return (
        f"no licence: there is no LICENSE, LICENCE or COPYING file in {found.folder}{above}"
        f"{said}"
        " Without a licence nobody may copy, change, make or sell the design, so it cannot "
        "come in. Ask its authors to add a licence file with an open licence (for hardware: "
        "CERN-OHL-S-2.0, CERN-OHL-W-2.0, CERN-OHL-P-2.0, CC-BY-SA-4.0 or CC-BY-4.0)."
    )


def _unversioned(file: FoundFile, reading: LicenceReading) -> str:
    candidates = reading.candidates
    if all(restriction(c) for c in candidates):
        return f"{file.upstream} names {reading.phrase!r}, {restriction(candidates[0])}"
    accepted = [c for c in candidates if licence_problem(c) is None]
    return (
        f"{file.upstream} names the licence {reading.phrase!r} without a version: it could be "
        f"{', '.join(candidates)}. MakeLocal accepts {' or '.join(accepted) or 'none of them'}. "
        "A person must find out which version the authors chose: read the design's original "
        "page (a Thingiverse page shows the licence it was published under) or ask the "
        f"authors, then run again with --licence {accepted[-1] if accepted else 'SPDX-ID'} "
        "(or the version confirmed), and say how it was confirmed in the description."
    )


def _refuse_closed(spdx: str, where: str) -> None:
    why = restriction(spdx)
    if why:
        raise ImportRefused(
            f"{where} holds {spdx}, {why}. MakeLocal takes only open licences "
            "(CONTRIBUTING.md, Licences)"
        )
    problem = licence_problem(spdx)
    if problem:
        raise ImportRefused(f"{where} holds {spdx}: {problem} (CONTRIBUTING.md, Licences)")


# --- the files -------------------------------------------------------------------------


def _publishable(file: FoundFile) -> str | None:
    """Why a file cannot be published, or None."""
    limit = SIZE_LIMITS.get(file.suffix, DEFAULT_LIMIT)
    if file.size > limit:
        return f"{file.size / 2**20:.1f} MiB, over the {limit / 2**20:.0f} MiB limit for its kind"
    problem = content_problem(file.path.name, file.path, file.size)
    return problem.message if problem else None


def _take_files(found: Survey, manifest: Manifest | None, draft: _Draft) -> None:
    """Parts, sources and images from the files found, each checked and given its name."""
    stems_with_mesh = {f.stem for f in found.files if f.suffix == ".stl"}
    for file in found.files:
        kind = _kind(file, stems_with_mesh)
        if kind is None:
            draft.notes.append(_left_out(file))
            continue
        problem = _publishable(file)
        if problem:
            draft.notes.append(f"left out {file.upstream}: {problem}")
            continue
        name = destination(kind, file.path.name, draft.taken)
        draft.copies.append((file.path, name))
        if kind == "parts":
            draft.parts.append(_part(file, name, manifest, draft))
        elif kind == "src":
            draft.sources.append({"file": name, "format": SOURCE_FORMATS[file.suffix]})
        else:
            draft.images.append({"file": name, "caption": f"{PLACEHOLDER}: what the photo shows"})
    _link_sources(draft)


def _kind(file: FoundFile, stems_with_mesh: set[str]) -> str | None:
    """Where a file goes: parts/, src/ or images/; None if it is not taken."""
    if file.suffix == ".stl" or (file.suffix in PART_PROCESS and file.stem not in stems_with_mesh):
        return "parts"
    if file.suffix in SOURCE_FORMATS:
        return "src"
    if file.suffix in IMAGES:
        return "images"
    return None


def _left_out(file: FoundFile) -> str:
    if file.suffix in UNPUBLISHED_CAD:
        return (
            f"left out {file.upstream}: {UNPUBLISHED_CAD[file.suffix]} files are not published; "
            "export the model as STEP and add it as a source"
        )
    return f"left out {file.upstream}: not a part, source or picture the site publishes"


def _part(file: FoundFile, name: str, manifest: Manifest | None, draft: _Draft) -> dict[str, Any]:
    taken = {p["id"] for p in draft.parts}
    part_id = base = slug_of(file.stem) or "part"
    counter = 2
    while part_id in taken:
        part_id, counter = f"{base}-{counter}", counter + 1
    process = PART_PROCESS[file.suffix]
    return {
        "id": part_id,
        "name": _manifest_name(file, manifest) or humanised(file.stem),
        "file": name,
        "quantity": 1,
        "process": process,
        "materials": [PLACEHOLDER],
        "notes": (
            f"{PLACEHOLDER}: confirm how many go into one product and the process ("
            f"{process} was guessed from the file being {file.suffix.lstrip('.').upper()}), "
            "then say how to orient and make it"
        ),
    }


def _manifest_name(file: FoundFile, manifest: Manifest | None) -> str | None:
    for part in manifest.parts if manifest else ():
        if any(PurePosixPath(p) == PurePosixPath(file.upstream_in_folder) for p in part.files):
            return part.name
    return None


def _link_sources(draft: _Draft) -> None:
    """A part's `source` is the source file of the same name, if there is one."""
    by_stem = {PurePosixPath(s["file"]).stem.lower(): s["file"] for s in draft.sources}
    for part in draft.parts:
        source = by_stem.get(PurePosixPath(part["file"]).stem.lower())
        if source:
            part["source"] = source


# --- the record ------------------------------------------------------------------------


def _record(
    options: ImportOptions,
    found: Survey,
    manifest: Manifest | None,
    draft: _Draft,
    licence: str,
    licence_files: list[FoundFile],
) -> dict[str, Any]:
    """The draft, in the order of the schema's fields."""
    todo = PLACEHOLDER
    summary = manifest.function if manifest and manifest.function else None
    version = manifest.version if manifest and manifest.version else None
    record: dict[str, Any] = {
        "id": options.design_id,
        "title": (manifest.name if manifest and manifest.name else None)
        or humanised(found.folder.name),
        "summary": summary
        if summary and "\n" not in summary.strip() and len(summary) <= 300
        else f"{todo}: one sentence, what it is and who it is for",
        "description": f"{todo}: what it does, how it is used and what is special about it, "
        "in your own words (do not copy the authors' text)",
        "category": todo,
        "licence": licence,
        "authors": _authors(options, found.git, manifest),
        "version": version if version and VERSION.match(version) else todo,
        "maturity": "concept",
        "pillars": [todo],
        "parts": draft.parts,
        "sources": draft.sources,
        "images": draft.images,
        "instructions": [{"step": f"{todo}: how to make and assemble it, step by step"}],
        "repair": {
            "disassembly": f"{todo}: how to take it apart",
            "disassembly_depth": todo,
            "fasteners": todo,
            "tools": todo,
        },
        "safety": f"{todo}: limits of use and hazards; for protective equipment, what it is "
        "not certified for",
        "origin": _origin(options, found, manifest, licence_files),
    }
    return {key: value for key, value in record.items() if value != []}


def _authors(options: ImportOptions, git: GitFacts | None, manifest: Manifest | None) -> list[Any]:
    if options.authors:
        return [{"name": name} for name in options.authors]
    if manifest and manifest.licensors:
        return [
            {"name": a.name, **({"url": a.url} if a.url and a.url.startswith("https://") else {})}
            for a in manifest.licensors
        ]
    if git and git.authors:
        return [{"name": name} for name in git.authors]
    return [{"name": f"{PLACEHOLDER}: who made the design"}]


def _origin(
    options: ImportOptions, found: Survey, manifest: Manifest | None, licences: list[FoundFile]
) -> dict[str, Any]:
    git = found.git
    given = manifest.repository if manifest else None
    repository = options.repository or (git.repository if git else None) or given
    commit = options.commit or (git.commit if git else None)
    date = options.date or (git.date if git else None)
    origin: dict[str, Any] = {
        "repository": repository
        if repository and repository.startswith("https://")
        else f"{PLACEHOLDER}: the https address of the repository",
        "commit": commit or f"{PLACEHOLDER}: the full id of the commit the files are from",
    }
    if date:
        origin["date"] = date
    folder = _common_folder(f.upstream for f in found.files)
    if folder:
        origin["folder"] = folder
    origin["licence_files"] = [file.upstream for file in licences]
    return origin


def _common_folder(paths: Iterable[str]) -> str | None:
    """The deepest folder holding every path, if not the top."""
    folders = [PurePosixPath(p).parent.parts for p in paths]
    if not folders:
        return None
    common: list[str] = []
    for parts in zip(*folders, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return "/".join(common) or None
