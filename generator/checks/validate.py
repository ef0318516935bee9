"""Validation: JSON Schema per record, then the rules that span records and files.

Pure: takes a loaded Catalog (records plus the listing of each design folder) and
returns findings. Reading files happens in generator.catalog.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from functools import cache, partial
from pathlib import Path, PurePosixPath
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

from generator.checks.licences import licence_problem
from generator.checks.text_rules import field_name, preview, text_findings, walk
from generator.findings import Finding
from generator.records.catalog import Catalog, FileEntry, Record
from generator.records.evidence import ladder, makes_by_design, maturity_problem
from generator.records.facts import suited_processes
from generator.records.lineage import circles
from generator.records.loader import JsonPath, Mark
from generator.records.stl import StlError, read_triangles

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
SCHEMA_COMMENT = "# yaml-language-server: $schema="
# Processes that do not heat the material; every other process does.
UNHEATED_CATEGORIES = {"textile"}


_ANNOTATIONS = {"title", "description", "examples"}


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """Replace `$ref`s to the shared definitions by their content.

    Resolving a `$ref` through the registry on every validation took a third of the
    validator's time; the schemas on disk keep their `$ref`s for editors and readers.
    """
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _inline_refs(value, defs) for key, value in node.items()}
    ref = node.pop("$ref", None)
    if ref is None:
        return node
    target = _inline_refs(defs[ref.rsplit("/", 1)[-1]], defs)
    if (set(node) - _ANNOTATIONS) & set(target):  # both constrain the same keyword: keep both
        return {**node, "allOf": [target]}
    return {**target, **node}


@cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    # The schemas write `$` only as the end anchor.
    return re.compile(pattern.replace("$", r"\Z"))


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """`pattern` as JSON Schema defines it (ECMA-262), where `$` ends the text. Python's
    `$` also matches before a final line break, so "x\n" would pass `^[^\n]*$`."""
    if validator.is_type(instance, "string") and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


@cache
def schema_validators() -> dict[str, Draft202012Validator]:
    """One validator per record type, built once (building one costs ~20x a validation)."""
    schemas = {p.name: json.loads(p.read_text("utf-8")) for p in SCHEMA_DIR.glob("*.schema.json")}
    defs = schemas.pop("common.schema.json")["$defs"]
    checker = FormatChecker()
    return {
        name.removesuffix(".schema.json"): _Validator(
            _inline_refs(schema, defs), format_checker=checker
        )
        for name, schema in schemas.items()
    }


def _type_message(error: ValidationError, record: Record, path: JsonPath) -> str:
    expected = error.validator_value
    value = error.instance
    where = field_name(path)
    text = record.doc.number_text.get(path)
    if expected == "string" and text is not None:
        return f"{where} must be text: write '{text}' in quotes, or YAML reads it as a number"
    if (
        expected == "boolean"
        and isinstance(value, str)
        and value.lower() in {"yes", "no", "on", "off", "y", "n", "true", "false"}
    ):
        return f"{where} must be true or false, not {value!r}"
    if expected == "string" and isinstance(value, bool):
        return f"{where} must be text: quote it, or YAML reads it as {str(value).lower()}"
    kinds = {
        "object": "a mapping (key: value)",
        "array": "a list (- item)",
        "string": "text",
        "number": "a number",
        "integer": "a whole number",
        "boolean": "true or false",
    }
    expected_text = (
        kinds.get(expected, str(expected))
        if isinstance(expected, str)
        else " or ".join(kinds.get(e, e) for e in expected)
    )
    return f"{where} must be {expected_text}, not {preview(value)}"


_BOUNDS = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}
_COUNTS = {
    "minItems": "needs at least {} item(s)",
    "maxItems": "allows at most {} item(s)",
    "minLength": "needs at least {} character(s)",
    "maxLength": "allows at most {} characters",
    "uniqueItems": "lists an item twice",
    "minProperties": "needs at least {} field(s)",
}


def _schema_problem(error: ValidationError, record: Record) -> tuple[str, str, Mark]:
    """The code, message and position of one JSON Schema error, in a contributor's words."""
    path: JsonPath = tuple(error.absolute_path)
    keyword = error.validator
    mark = record.doc.mark(path)
    where = field_name(path)
    if keyword == "required":
        missing = next((f for f in error.validator_value if f not in error.instance), "?")
        return "ML101", f"{where} is missing the field {missing!r}", mark
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        allowed = sorted(error.schema.get("properties", {}))
        extra = next((k for k in error.instance if k not in allowed), "?")
        guess = difflib.get_close_matches(extra, allowed, n=1)
        suffix = f"; did you mean {guess[0]!r}?" if guess else f"; allowed: {', '.join(allowed)}"
        key_mark = record.doc.mark((*path, extra), key=True)
        return "ML102", f"unknown field {extra!r} in {where}{suffix}", key_mark
    if keyword == "type":
        return "ML103", _type_message(error, record, path), mark
    if keyword in ("enum", "const"):
        allowed = error.validator_value if keyword == "enum" else [error.validator_value]
        guess = difflib.get_close_matches(str(error.instance), [str(a) for a in allowed], n=1)
        if guess:
            detail = f"; did you mean {guess[0]!r}?"
        else:
            detail = f"; use one of: {', '.join(map(str, allowed))}" if len(allowed) <= 12 else ""
        return "ML104", f"{where} does not allow {preview(error.instance)}{detail}", mark
    if keyword in ("pattern", "format"):
        description = error.schema.get("description", "")
        examples = error.schema.get("examples") or []
        example = f" For example: {preview(examples[0])}." if examples else ""
        message = f"{where}: {preview(error.instance)} is not in the expected form. "
        return "ML105", f"{message}{description}{example}".strip(), mark
    if keyword in _BOUNDS:
        bound = f"{_BOUNDS[keyword]} {error.validator_value}"
        return "ML106", f"{where} must be {bound}, not {error.instance}", mark
    if keyword in _COUNTS:
        return "ML107", f"{where} {_COUNTS[keyword].format(error.validator_value)}", mark
    if keyword == "dependentRequired":
        return "ML210", f"{where} gives only one end of a range", mark
    return "ML108", f"{where} does not match the schema ({keyword})", mark


def schema_findings(record: Record) -> list[Finding]:
    validator = schema_validators()[record.type]
    findings = []
    for error in validator.iter_errors(record.data):
        code, message, mark = _schema_problem(error, record)
        findings.append(Finding.of(code, record.display, mark.line, mark.column, message))
    return findings


# --- rules across records -------------------------------------------------------------


def _list(mapping: Any, key: str) -> list[Any]:
    """The list at `key`, or [] where the record (already reported by the schema) has none."""
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, list) else []


def _lookup(pool: dict[str, Record], key: Any) -> Record | None:
    return pool.get(key) if isinstance(key, str) else None


def _at(record: Record, path: JsonPath, code: str, message: str, *, key: bool = False) -> Finding:
    mark = record.doc.mark(path, key=key)
    return Finding.of(code, record.display, mark.line, mark.column, message)


def _sources_and_ranges(record: Record) -> Iterator[Finding]:
    """Each `source` names one of the record's references; each range is well formed."""
    references = record.data.get("references")
    ids = (
        {r.get("id") for r in references if isinstance(r, dict)}
        if isinstance(references, list)
        else set()
    )
    cited: set[str] = set()
    for path, value in walk(record.data):
        if not isinstance(value, dict) or path[:1] == ("references",):
            continue
        source = value.get("source")
        if isinstance(source, str):
            cited.add(source)
            if source not in ids:
                yield _at(
                    record,
                    (*path, "source"),
                    "ML204",
                    f"source {source!r} is not in this record's references",
                )
        if "unit" in value:
            has_value = "value" in value
            has_range = "min" in value or "max" in value
            low, high = value.get("min"), value.get("max")
            if has_value == has_range:
                yield _at(
                    record,
                    path,
                    "ML210",
                    f"{field_name(path)} needs either `value` or `min` and `max`",
                    key=True,
                )
            elif (
                has_range
                and isinstance(low, int | float)
                and isinstance(high, int | float)
                and low > high
            ):
                yield _at(
                    record,
                    (*path, "min"),
                    "ML210",
                    f"{field_name(path)}: min {low} is greater than max {high}",
                )
    text = "\n".join(v for _, v in walk(record.data) if isinstance(v, str))
    for index, reference in enumerate(references if isinstance(references, list) else []):
        reference_id = reference.get("id") if isinstance(reference, dict) else None
        url = reference.get("url") if isinstance(reference, dict) else None
        linked = isinstance(url, str) and text.count(url) > 1  # once is the reference itself
        if isinstance(reference_id, str) and reference_id not in cited and not linked:
            yield _at(
                record,
                ("references", index, "id"),
                "ML214",
                f"reference {reference_id!r} is neither cited by a `source` nor linked in the text",
            )


def _file_findings(
    record: Record, files: dict[str, FileEntry], folder: str = "the design folder"
) -> Iterator[Finding]:
    data = record.data
    referenced: list[tuple[JsonPath, str]] = []
    for group in ("parts", "sources", "images", "photos"):
        for index, item in enumerate(_list(data, group)):
            for key in ("file", "source") if group == "parts" else ("file",):
                if isinstance(item, dict) and isinstance(item.get(key), str):
                    referenced.append(((group, index, key), item[key]))
    for path, name in referenced:
        pure = PurePosixPath(name)
        if pure.is_absolute() or ".." in pure.parts or "\\" in name:
            yield _at(record, path, "ML206", f"{name!r} points outside {folder}")
            continue
        prefixes = [
            PurePosixPath(*pure.parts[:i]).as_posix() for i in range(1, len(pure.parts) + 1)
        ]
        linked = next((p for p in prefixes if p in files and files[p].symlink), None)
        if linked:
            yield _at(record, path, "ML207", f"{linked!r} is a symbolic link")
        elif pure.as_posix() not in files:
            yield _at(record, path, "ML205", f"{name!r} does not exist in {folder}")
        elif path[0] == "parts" and path[2] == "file":
            yield from _stl_findings(record, path, name)


def _stl_findings(record: Record, path: JsonPath, name: str) -> Iterator[Finding]:
    """ML301: a part's STL file that the analysis cannot read."""
    try:
        read_triangles(record.folder / name)
    except StlError as error:
        yield _at(record, path, "ML301", str(error).replace(str(record.folder / name), name))


# `_reference` bound to the catalogue and one record: check(path, target, kind).
_Check = Callable[[JsonPath, Any, str], Iterator[Finding]]


def _reference(
    by_type: dict[str, dict[str, Record]],
    record: Record,
    path: JsonPath,
    target: Any,
    kind: str,
) -> Iterator[Finding]:
    pool = by_type[kind]
    if not isinstance(target, str) or target in pool:
        return
    elsewhere = [t for t, records in by_type.items() if target in records and t != kind]
    if elsewhere:
        message = f"{target!r} is a {elsewhere[0]}, not a {kind}"
    else:
        guess = difflib.get_close_matches(target, list(pool), n=1)
        message = f"no {kind} with id {target!r}" + (
            f"; did you mean {guess[0]!r}?" if guess else ""
        )
    yield _at(record, path, "ML203", message)


def _cross_findings(catalog: Catalog) -> Iterator[Finding]:
    by_type = {t: catalog.of_type(t) for t in ("material", "process", "maker", "design")}
    seen_ids: dict[tuple[str, str], Record] = {}
    machine_ids: dict[str, tuple[Record, JsonPath]] = {}
    makes = makes_by_design((r.id, r.data) for r in catalog.records if r.type == "make")
    for record in catalog.records:
        data = record.data
        if not isinstance(data, dict):
            continue
        if not record.doc.first_line.startswith(SCHEMA_COMMENT):
            schema = schema_path_for(record.type, PurePosixPath(record.display))
            yield Finding.of(
                "ML014", record.display, 1, 1, f"first line should be `{SCHEMA_COMMENT}{schema}`"
            )
        if isinstance(data.get("id"), str):
            where_named = "folder" if record.type == "design" else "file"
            if data["id"] != record.expected_id:
                yield _at(
                    record,
                    ("id",),
                    "ML202",
                    f"id {data['id']!r} differs from its {where_named} name {record.expected_id!r}",
                )
            key = (record.type, data["id"])
            if key in seen_ids:
                yield _at(
                    record,
                    ("id",),
                    "ML201",
                    f"id {data['id']!r} is also used by {seen_ids[key].display}",
                )
            seen_ids.setdefault(key, record)
        if record.type != "design":  # a design's `source` fields are file paths
            yield from _sources_and_ranges(record)
        yield from text_findings(record)
        files = catalog.design_files.get(record.display, {})
        check: _Check = partial(_reference, by_type, record)
        if record.type == "material":
            for i, entry in enumerate(_list(data, "processes")):
                if isinstance(entry, dict):
                    yield from check(("processes", i, "process"), entry.get("process"), "process")
        elif record.type == "maker":
            for i, process in enumerate(_list(data, "processes")):
                yield from check(("processes", i), process, "process")
            for i, material in enumerate(_list(data, "materials")):
                yield from check(("materials", i), material, "material")
            for i, machine in enumerate(_list(data, "machines")):
                if isinstance(machine, dict):
                    yield from check(("machines", i, "process"), machine.get("process"), "process")
                    yield from _machine_profile(
                        record, ("machines", i, "profile"), machine, by_type["process"]
                    )
        elif record.type == "process":
            for i, machine in enumerate(_list(data, "machines")):
                if isinstance(machine, dict) and isinstance(machine.get("id"), str):
                    path = ("machines", i, "id")
                    if machine["id"] in machine_ids:
                        first = machine_ids[machine["id"]][0]
                        yield _at(
                            record,
                            path,
                            "ML201",
                            f"machine id {machine['id']!r} is also used in {first.display}",
                        )
                    machine_ids.setdefault(machine["id"], (record, path))
        elif record.type == "design":
            yield from _design_findings(record, by_type, check, files)
            yield from _evidence_findings(record, makes.get(record.id, {}))
        elif record.type == "make":
            yield from _make_findings(record, by_type, check, files)
    yield from _lineage_findings(by_type["design"])


def _machine_profile(
    record: Record, path: JsonPath, machine: dict[str, Any], processes: dict[str, Record]
) -> Iterator[Finding]:
    profile = machine.get("profile")
    process = _lookup(processes, machine.get("process"))
    if not isinstance(profile, str) or process is None or not isinstance(process.data, dict):
        return
    profiles = [m.get("id") for m in _list(process.data, "machines") if isinstance(m, dict)]
    if profile not in profiles:
        yield _at(
            record,
            path,
            "ML203",
            f"process {process.id!r} has no machine profile {profile!r}"
            + (f"; known: {', '.join(map(str, profiles))}" if profiles else ""),
        )


def _design_findings(
    record: Record,
    by_type: dict[str, dict[str, Record]],
    check: _Check,
    files: dict[str, FileEntry],
) -> Iterator[Finding]:
    data = record.data
    licence = data.get("licence")
    if isinstance(licence, str):
        problem = licence_problem(licence)
        if problem:
            yield _at(record, ("licence",), "ML208", problem)
    part_ids: set[str] = set()
    for i, part in enumerate(_list(data, "parts")):
        if not isinstance(part, dict):
            continue
        if isinstance(part.get("id"), str):
            if part["id"] in part_ids:
                yield _at(
                    record, ("parts", i, "id"), "ML211", f"part id {part['id']!r} is used twice"
                )
            part_ids.add(part["id"])
        yield from _process_and_materials(record, ("parts", i), part, by_type, check)
    for i, part in enumerate(_list(data, "parts")):
        target = part.get("alternative_to") if isinstance(part, dict) else None
        if not isinstance(target, str):
            continue
        if target == part.get("id"):
            yield _at(
                record,
                ("parts", i, "alternative_to"),
                "ML217",
                f"part {target!r} cannot be an alternative to itself",
            )
        elif target not in part_ids:
            yield _at(
                record,
                ("parts", i, "alternative_to"),
                "ML212",
                f"{target!r} is not one of this design's parts ({', '.join(sorted(part_ids))})",
            )
    for i, author in enumerate(_list(data, "authors")):
        if isinstance(author, dict) and "maker" in author:
            yield from check(("authors", i, "maker"), author["maker"], "maker")
    repair = data.get("repair")
    if isinstance(repair, dict):
        for i, spare in enumerate(_list(repair, "spare_parts")):
            if isinstance(spare, str) and spare not in part_ids:
                yield _at(
                    record,
                    ("repair", "spare_parts", i),
                    "ML212",
                    f"{spare!r} is not one of this design's parts ({', '.join(sorted(part_ids))})",
                )
    for i, origin in enumerate(_list(data, "derived_from")):
        if isinstance(origin, dict) and "design" in origin:
            if origin["design"] == data.get("id"):
                yield _at(
                    record,
                    ("derived_from", i, "design"),
                    "ML216",
                    "a design cannot derive from itself",
                )
            else:
                yield from check(("derived_from", i, "design"), origin["design"], "design")
    yield from _file_findings(record, files)


def _process_and_materials(
    record: Record,
    at: JsonPath,
    use: dict[str, Any],
    by_type: dict[str, dict[str, Record]],
    check: _Check,
) -> Iterator[Finding]:
    """A part's or a make report's `process` and `materials` (at path `at`) exist, and each
    material suits the process."""
    yield from check((*at, "process"), use.get("process"), "process")
    process = _lookup(by_type["process"], use.get("process"))
    for j, material_id in enumerate(_list(use, "materials")):
        path = (*at, "materials", j)
        yield from check(path, material_id, "material")
        material = _lookup(by_type["material"], material_id)
        if material and process and isinstance(material.data, dict):
            yield from _material_process(record, path, material, process)


def _evidence_findings(record: Record, makes: dict[str, Any]) -> Iterator[Finding]:
    """Records that cannot move the design up the evidence ladder, and a maturity that
    claims more than the records show."""
    for i, entry in enumerate(_list(record.data, "evidence")):
        if (
            isinstance(entry, dict)
            and entry.get("type") == "lab-tested"
            and not entry.get("standard")
        ):
            yield _at(
                record,
                ("evidence", i, "type"),
                "ML501",
                "this lab test names no `standard`, so it does not count as tested against one",
            )
    problem = maturity_problem(record.data, ladder(record.data, makes))
    if problem:
        yield _at(record, ("maturity",), "ML502", problem)


def _make_findings(
    record: Record,
    by_type: dict[str, dict[str, Record]],
    check: _Check,
    files: dict[str, FileEntry],
) -> Iterator[Finding]:
    data = record.data
    yield from check(("design",), data.get("design"), "design")
    by = data.get("by")
    if isinstance(by, dict) and "maker" in by:
        yield from check(("by", "maker"), by["maker"], "maker")
    yield from _process_and_materials(record, (), data, by_type, check)
    process = _lookup(by_type["process"], data.get("process"))
    machine = data.get("machine")
    if isinstance(machine, dict):
        yield from _machine_profile(
            record,
            ("machine", "profile"),
            {**machine, "process": data.get("process")},
            by_type["process"],
        )
    design = _lookup(by_type["design"], data.get("design"))
    used = {
        p.get("process")
        for p in _list(design.data if design else {}, "parts")
        if isinstance(p, dict)
    }
    if design and process and data.get("outcome") == "worked" and process.id not in used:
        yield _at(
            record,
            ("process",),
            "ML504",
            f"design {design.id!r} is made by {', '.join(sorted(map(str, used)))}, not "
            f"{process.id!r}, yet the outcome says it worked unchanged",
        )
    yield from _file_findings(record, files, f"catalog/makes/{record.expected_id}/")


def _lineage_findings(designs: dict[str, Record]) -> Iterator[Finding]:
    data = {design_id: r.data for design_id, r in designs.items() if isinstance(r.data, dict)}
    for (design_id, parent), circle in sorted(circles(data).items()):
        record = designs[design_id]
        index = next(
            i
            for i, origin in enumerate(_list(record.data, "derived_from"))
            if isinstance(origin, dict) and origin.get("design") == parent
        )
        yield _at(
            record,
            ("derived_from", index, "design"),
            "ML503",
            f"deriving from {parent!r} closes a circle: "
            + (
                f"{' -> '.join([design_id, *circle.chain])} (each derives from the next)"
                if circle.chain
                else f"{circle.size} designs derive from each other"
            ),
        )


def _material_process(
    record: Record, path: JsonPath, material: Record, process: Record
) -> Iterator[Finding]:
    safety = material.data.get("safety")
    category = process.data.get("category") if isinstance(process.data, dict) else None
    if (
        isinstance(safety, dict)
        and safety.get("do_not_heat")
        and category not in UNHEATED_CATEGORIES
    ):
        yield _at(
            record,
            path,
            "ML215",
            f"{material.id!r} must not be heated, and {process.id!r} heats it",
        )
        return
    suited = suited_processes(material.data)
    if process.id not in suited:
        yield _at(
            record,
            path,
            "ML213",
            f"material {material.id!r} does not list the process {process.id!r}",
        )


def schema_path_for(record_type: str, where: PurePosixPath) -> str:
    """The schema's path relative to a record at `where` (relative to the repository root)."""
    return "../" * (len(where.parts) - 1) + f"schemas/{record_type}.schema.json"


def validate_catalog(catalog: Catalog) -> list[Finding]:
    """Every finding for the catalogue: loading, schema, then the rules across records.

    Records that fail their schema are still checked across records where their data
    allows, so a contributor sees all problems in one run.
    """
    findings = list(catalog.findings)
    for record in catalog.records:
        findings.extend(schema_findings(record))
    findings.extend(_cross_findings(catalog))
    return sorted(set(findings))
