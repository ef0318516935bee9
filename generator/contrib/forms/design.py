"""The form "Propose a design" made into a design record, its parts, sources and photos.

Each file sent under "Part files" is one part: its id and name come from the file name,
and it is made once per product by the design's main process from its materials, unless
a line under "About the parts" says otherwise (`headband.stl: Headband, 2, spare`).
A source file named like a part (`headband.scad` for `headband.stl`) is that part's
editable source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from generator.checks.licences import OPEN_LICENCES
from generator.contrib.forms.attachments import Upload
from generator.contrib.forms.form import Answers
from generator.contrib.forms.names import Names, key
from generator.contrib.forms.proposal import Catalogue, NewFile, Proposal
from generator.contrib.forms.records import (
    authors,
    derived_from,
    names_in,
    new_id,
    schema_choices,
)
from generator.contrib.forms.uploads import Files, caption_of, collect, placed
from generator.contrib.inert_text import literal
from generator.records.content import FILE_TYPES
from generator.records.loader import JsonPath

DEFAULT_VERSION = "1.0"  # the form says so: a design without a version is at its first
DEFAULT_QUANTITY = 1  # the form says so: each file is one part per product


def _choices(pointer: str) -> dict[str, Any]:
    return schema_choices("design", pointer)


def design_proposal(answers: Answers, catalogue: Catalogue, folder: Path) -> Proposal | None:
    """The design the answers describe, or None when a problem stops it (then the
    answers hold every problem found)."""
    title = answers.line("title")
    design_id = new_id(answers, "id", title, catalogue.names["design"], "designs/{}/design.yml")
    data: dict[str, Any] = {
        "id": design_id,
        "title": title,
        "summary": answers.line("summary"),
        "description": answers.text("description"),
        "category": answers.choice("category", _choices("/properties/category")),
        "tags": _tags(answers.line("tags")),
        "licence": answers.choice("licence", {k: k for k in OPEN_LICENCES}),
        "authors": authors(answers, "authors"),
        "version": answers.line("version") or DEFAULT_VERSION,
        "maturity": answers.choice("maturity", _choices("/properties/maturity")),
        "pillars": _pillars(answers),
    }
    proposal = Proposal(
        "design", design_id or "", title or "", f"designs/{design_id}/design.yml", data
    )
    files = collect(answers, folder, ("parts", "sources", "photos"))
    sources = placed(answers, files.sources, "sources", "src")
    data["parts"] = _parts(answers, proposal, files, sources, catalogue)
    data["sources"] = _listed(proposal, sources, _source_entry) or None
    data["images"] = _images(answers, proposal, files, title or "") or None
    data["tools"] = answers.lines("tools") or None
    data["instructions"] = [{"step": step} for step in steps(answers.text("instructions"))]
    data["repair"] = _repair(answers, data["parts"])
    data["safety"] = answers.text("safety")
    data["derived_from"] = derived_from(answers, "derived_from", catalogue.names["design"]) or None
    if not answers.ticked("consent"):
        answers.problem("consent", "is not ticked: the files can only be published if you may.")
    proposal.data = {k: v for k, v in data.items() if v is not None and v != []}
    proposal.fields.update(_FIELDS)
    return None if answers.problems else proposal


def _tags(text: str | None) -> list[str] | None:
    tags = [t.strip() for t in re.split(r"[,;]", text or "") if t.strip()]
    return list(dict.fromkeys(tags)) or None


# The form field each of the record's values comes from.
_FIELDS: dict[JsonPath, str] = {
    ("id",): "id",
    ("title",): "title",
    ("summary",): "summary",
    ("description",): "description",
    ("category",): "category",
    ("tags",): "tags",
    ("licence",): "licence",
    ("authors",): "authors",
    ("version",): "version",
    ("maturity",): "maturity",
    ("pillars",): "pillars",
    ("parts",): "parts",
    ("sources",): "sources",
    ("images",): "photos",
    ("tools",): "tools",
    ("instructions",): "instructions",
    ("repair",): "disassembly",
    ("repair", "disassembly_depth"): "disassembly_depth",
    ("repair", "fasteners"): "fasteners",
    ("repair", "tools"): "repair_tools",
    ("repair", "common_failures"): "failures",
    ("repair", "spare_parts"): "part_details",
    ("safety",): "safety",
    ("derived_from",): "derived_from",
}


def _pillars(answers: Answers) -> list[str] | None:
    values = _choices("/properties/pillars/items")
    ticked = [values[label] for label in answers.ticked("pillars") if label in values]
    if not ticked:
        answers.problem("pillars", "has nothing ticked: tick at least one.")
    return ticked or None


def _process_options(processes: Names) -> dict[str, str]:
    """A process's option in the form is its name: name -> id."""
    return {name: record_id for record_id, name in processes.names.items()}


def _parts(
    answers: Answers,
    proposal: Proposal,
    files: Files,
    sources: dict[str, Upload],
    catalogue: Catalogue,
) -> list[dict[str, Any]]:
    """A part for each part file, as "About the parts" describes it."""
    process = answers.choice("process", _process_options(catalogue.names["process"]))
    made_of = names_in(answers, "materials", catalogue.names["material"])
    by_path = placed(answers, files.parts, "parts", "parts")
    if not files.parts and not answers.has_problem("parts"):
        answers.problem(
            "parts", "holds no part file: drag the STL files (in a .zip), SVG or DXF outlines here."
        )
    details = _part_details(answers, catalogue)
    source_of = {PurePosixPath(path).stem: path for path in sources}
    parts: list[dict[str, Any]] = []
    for path, upload in by_path.items():
        stem = PurePosixPath(path).stem
        said = details.pop(key(upload.name), None) or details.pop(key(PurePosixPath(path).name), {})
        part: dict[str, Any] = {
            "id": key(stem) or f"part-{len(parts) + 1}",
            "name": said.get("name") or re.sub(r"[_-]+", " ", stem).strip().capitalize(),
            "file": path,
            "source": source_of.get(stem),
            "quantity": said.get("quantity", DEFAULT_QUANTITY),
            "process": said.get("process", process),
            "materials": said.get("materials") or made_of,
            "spare": said.get("spare"),
        }
        parts.append({k: v for k, v in part.items() if v is not None})
        proposal.files.append(NewFile(_in_folder(proposal, path), upload.data, upload.origin))
    if len({p["id"] for p in parts}) < len(parts):
        answers.problem(
            "parts", "has two files whose names differ only in case or punctuation: rename one."
        )
    for unknown in details:
        answers.problem(
            "part_details", f"names {literal(unknown)}, which is not one of the part files."
        )
    return parts


def _in_folder(proposal: Proposal, path: str) -> str:
    return (PurePosixPath(proposal.record_path).parent / path).as_posix()


def _part_details(answers: Answers, catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """What "About the parts" says of each file: `file: name, count, process, materials, spare`."""
    details: dict[str, dict[str, Any]] = {}
    for line in answers.lines("part_details"):
        file_name, colon, said_of_it = (piece.strip() for piece in line.partition(":"))
        if not (colon and file_name and said_of_it):
            answers.problem(
                "part_details",
                f"{literal(line)} does not start with a file name and a colon, such as "
                "`headband.stl: Headband, 2`.",
            )
            continue
        name, *rest = [piece.strip() for piece in said_of_it.split(",")]
        said: dict[str, Any] = {"name": name}
        for piece in filter(None, rest):
            _part_word(answers, catalogue, said, piece)
        details[key(file_name)] = said
    return details


def _part_word(answers: Answers, catalogue: Catalogue, said: dict[str, Any], piece: str) -> None:
    """One of the words after a part's name: a count, `spare`, a process or a material."""
    processes, known = catalogue.names["process"], catalogue.names["material"]
    if piece.isdigit() and 1 <= int(piece) <= 10000:
        said["quantity"] = int(piece)
    elif key(piece) == "spare":
        said["spare"] = True
    elif (process := processes.find(piece)) is not None:
        said["process"] = process
    elif (material := known.find(piece)) is not None:
        said.setdefault("materials", []).append(material)
    else:
        hint = processes.hint(piece) or known.hint(piece)
        answers.problem(
            "part_details",
            f"{literal(piece)} is neither a number of parts, `spare`, a process nor a "
            f"material MakeLocal knows.{hint}",
        )


def _source_entry(path: str, upload: Upload) -> dict[str, str]:
    kind = FILE_TYPES[PurePosixPath(path).suffix]
    return {"file": path, "format": kind.formats[0]}


def _listed(
    proposal: Proposal, by_path: dict[str, Upload], entry: Callable[[str, Upload], dict[str, str]]
) -> list[dict[str, str]]:
    """An entry for each file, and the file among the proposal's."""
    listed = []
    for path, upload in by_path.items():
        listed.append(entry(path, upload))
        proposal.files.append(NewFile(_in_folder(proposal, path), upload.data, upload.origin))
    return listed


def _images(answers: Answers, proposal: Proposal, files: Files, title: str) -> list[dict[str, str]]:
    photos = {id(p.upload): p for p in files.photos}
    by_path = placed(answers, [p.upload for p in files.photos], "photos", "images")
    count = len(by_path)

    def entry(path: str, upload: Upload) -> dict[str, str]:
        number = list(by_path).index(path) + 1
        return {"file": path, "caption": caption_of(photos[id(upload)], title, number, count)}

    return _listed(proposal, by_path, entry)


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")


def steps(text: str | None) -> list[str]:
    """Steps from a list (numbered or not), or from paragraphs when there is no list."""
    if not text:
        return []
    lines = text.splitlines()
    if any(_LIST_ITEM.match(line) for line in lines):
        steps: list[list[str]] = []
        for line in lines:
            if _LIST_ITEM.match(line):
                steps.append([_LIST_ITEM.sub("", line, count=1)])
            elif steps and line.strip():
                steps[-1].append(line.strip())
            elif line.strip():
                steps.append([line.strip()])
        return ["\n".join(step).strip() for step in steps if "".join(step).strip()]
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _repair(answers: Answers, parts: list[dict[str, Any]]) -> dict[str, Any]:
    repair: dict[str, Any] = {
        "disassembly": answers.text("disassembly"),
        "disassembly_depth": answers.whole_number("disassembly_depth", 0, 100),
        "fasteners": answers.choice(
            "fasteners", _choices("/properties/repair/properties/fasteners")
        ),
        "tools": answers.choice("repair_tools", _choices("/properties/repair/properties/tools")),
        "spare_parts": [p["id"] for p in parts if p.get("spare")] or None,
        "common_failures": answers.lines("failures") or None,
    }
    return {k: v for k, v in repair.items() if v is not None}
