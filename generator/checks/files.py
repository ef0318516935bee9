"""The files a design or a make report names (parts, sources, images, photos): inside its
folder, present, not symbolic links, each a type the site publishes and holding what its
name says and nothing a browser would run (generator.records.content), and each part's
STL readable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from generator.checks.context import RuleContext, finding_at, items
from generator.findings import Finding
from generator.records.catalog import MAX_FOLDER_BYTES, Record
from generator.records.content import Problem, content_problem
from generator.records.facts import DRAWING_ANALYSES, MESH_ANALYSES
from generator.records.loader import JsonPath
from generator.records.outline import OutlineError, read_outline
from generator.records.stl import StlError, read_triangles

# The lists that name files, and the fields of their items that do.
FILE_FIELDS = {
    "parts": ("file", "source"),
    "sources": ("file",),
    "images": ("file",),
    "photos": ("file",),
}


def _folder(record: Record) -> str:
    """The folder a record's file names are relative to, as a contributor reads it."""
    if record.type == "make":
        return f"catalog/makes/{record.expected_id}/"
    return "the design folder"


def file_findings(record: Record, context: RuleContext) -> Iterator[Finding]:
    files = context.design_files.get(record.display, {})
    folder = _folder(record)
    referenced: list[tuple[JsonPath, str]] = []
    for group, keys in FILE_FIELDS.items():
        for index, item in enumerate(items(record.data, group)):
            for key in keys:
                if isinstance(item, dict) and isinstance(item.get(key), str):
                    referenced.append(((group, index, key), item[key]))
    for path, name in referenced:
        pure = PurePosixPath(name)
        if pure.is_absolute() or ".." in pure.parts or "\\" in name:
            yield finding_at(record, path, "ML206", f"{name!r} points outside {folder}")
            continue
        prefixes = [
            PurePosixPath(*pure.parts[:i]).as_posix() for i in range(1, len(pure.parts) + 1)
        ]
        linked = next((p for p in prefixes if p in files and files[p].symlink), None)
        if linked:
            yield finding_at(record, path, "ML207", f"{linked!r} is a symbolic link")
        elif pure.as_posix() not in files:
            yield finding_at(record, path, "ML205", f"{name!r} does not exist in {folder}")
        elif problem := _published_problem(record, path, name, files[pure.as_posix()].size):
            yield finding_at(record, path, problem.code, problem.message)
        elif path[0] == "parts" and path[2] == "file":
            yield from _part_file_findings(record, path, name, context)


def _published_problem(record: Record, path: JsonPath, name: str, size: int) -> Problem | None:
    """What keeps a named file from being published. A part's `source` is published as a
    source; a source states its `format`."""
    item = items(record.data, str(path[0]))[int(path[1])]
    declared = item.get("format") if path[0] == "sources" else None
    return content_problem(
        name, record.files_folder / name, size, declared if isinstance(declared, str) else None
    )


def _file_wanted(kind: object, drawing: bool) -> str | None:
    """What a part of this analysis kind is read from, when the file given is not it."""
    if kind == "none":
        return "no part file: the process makes no part from a drawing"
    if kind in MESH_ANALYSES and drawing:
        return "a mesh (STL), not an outline"
    if kind in DRAWING_ANALYSES and not drawing:
        return "a 1:1 outline (SVG or DXF), not a mesh"
    return None


def _part_file_findings(
    record: Record, path: JsonPath, name: str, context: RuleContext
) -> Iterator[Finding]:
    """A part's file suits its process's analysis (ML306) and can be read: an STL mesh
    (ML301), or an SVG or DXF outline in known units with closed outlines (ML307)."""
    part = items(record.data, "parts")[int(path[1])]
    process = context.named("process", part.get("process")) if isinstance(part, dict) else None
    kind = process.data.get("analysis") if process and isinstance(process.data, dict) else None
    drawing = PurePosixPath(name).suffix.lower() in (".svg", ".dxf")
    file = record.folder / name
    wanted = _file_wanted(kind, drawing)
    if process is not None and wanted is not None:
        how = process.data.get("name", process.id)
        yield finding_at(record, path, "ML306", f"a part made by {how} takes {wanted}")
    elif drawing:
        units = part.get("units") if isinstance(part, dict) else None
        try:
            read_outline(file, units if isinstance(units, str) else None)
        except OutlineError as error:
            yield finding_at(record, path, "ML307", str(error).replace(str(file), name))
    else:
        try:
            read_triangles(file)
        except StlError as error:
            yield finding_at(record, path, "ML301", str(error).replace(str(file), name))


def licence_copy_findings(record: Record, context: RuleContext) -> Iterator[Finding]:
    """ML205: each licence file a design's `origin` names has its copy, under the same
    name, at the top of the design folder, so the zip carries the licence it is under."""
    files = context.design_files.get(record.display, {})
    origin = record.data.get("origin")
    for index, upstream in enumerate(items(origin, "licence_files")):
        if not isinstance(upstream, str):
            continue
        name = PurePosixPath(upstream).name
        if name not in files or files[name].symlink:
            yield finding_at(
                record,
                ("origin", "licence_files", index),
                "ML205",
                f"no copy of the licence file {upstream!r} at the top of the design folder "
                f"(as {name!r}): copy it there unchanged from the repository",
            )


def folder_size_findings(record: Record, context: RuleContext) -> Iterator[Finding]:
    """ML308: a design folder whose files come to more than its zip may hold."""
    files = context.design_files.get(record.display, {})
    total = sum(entry.size for entry in files.values() if not entry.symlink)
    if total > MAX_FOLDER_BYTES:
        yield Finding.of(
            "ML308",
            record.display,
            1,
            1,
            f"the files of the design folder come to {total / 2**20:.0f} MiB, over the "
            f"{MAX_FOLDER_BYTES // 2**20} MiB its zip may hold",
        )
