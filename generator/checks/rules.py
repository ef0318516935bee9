"""The rules that span records, files and fields, as a table: which codes each rule gives,
which record types it checks, and what it asks, in one line.

Every rule is a function (record, context) -> findings, run on each record of its types
whose data is a mapping; the context holds what needs the whole catalogue (see
RuleContext), so a rule never depends on the order records are checked in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from generator.checks.context import RuleContext, finding_at, items
from generator.checks.files import file_findings, folder_size_findings, licence_copy_findings
from generator.checks.licences import licence_problem
from generator.checks.needs import (
    asks_what_designs_use,
    capacity_targets,
    contact_route,
    dates_in_order,
    design_or_category,
    personal_contact_findings,
)
from generator.checks.numbers import cited_sources, quantity_ranges
from generator.checks.plausibility import plausibility_findings
from generator.checks.print_settings import print_settings_findings
from generator.checks.references import REFERENCES, reference_findings
from generator.checks.schema_files import SCHEMA_COMMENT, schema_documents, schema_path_for
from generator.checks.text_rules import text_findings
from generator.findings import Finding
from generator.findings.suggest import slug_of
from generator.records.catalog import RECORD_PLACES, Record
from generator.records.evidence import ladder, maturity_problem
from generator.records.facts import heats, never_heat, suited_processes
from generator.records.loader import JsonPath

RuleCheck = Callable[[Record, RuleContext], Iterator[Finding]]


def _schema_comment(record: Record, context: RuleContext) -> Iterator[Finding]:
    if not record.doc.first_line.startswith(SCHEMA_COMMENT):
        schema = schema_path_for(record.type, PurePosixPath(record.display))
        yield Finding.of(
            "ML014", record.display, 1, 1, f"first line should be `{SCHEMA_COMMENT}{schema}`"
        )


def _is_id(text: str) -> bool:
    pattern = schema_documents()["common"]["$defs"]["slug"]["pattern"]
    return re.fullmatch(pattern.removeprefix("^").removesuffix("$"), text) is not None


def _id_matches_place(record: Record, context: RuleContext) -> Iterator[Finding]:
    """The id is the file's (or design folder's) name; a name that cannot be an id is to
    be renamed, not copied into the id (`Recycled-PA6.yml` holding `recycled-pa6`)."""
    record_id = record.data.get("id")
    where_named = "folder" if record.type == "design" else "file"
    if not _is_id(record.expected_id):
        good = isinstance(record_id, str) and _is_id(record_id)
        name = record_id if good else slug_of(record.expected_id)
        renamed = name if record.type == "design" else f"{name}.yml"
        fix = (
            f"rename the {where_named} to {renamed!r}"
            + (", its id" if good else f" and write the id as {name!r}")
            if name
            else f"rename the {where_named} to the record's id"
        )
        yield finding_at(
            record,
            ("id",),
            "ML219",
            f"the {where_named} name {record.expected_id!r} cannot be an id (lower-case "
            f"letters, digits and single hyphens): {fix}",
        )
    elif isinstance(record_id, str) and record_id != record.expected_id:
        yield finding_at(
            record,
            ("id",),
            "ML202",
            f"id {record_id!r} differs from its {where_named} name {record.expected_id!r}",
        )


def _id_unique(record: Record, context: RuleContext) -> Iterator[Finding]:
    record_id = record.data.get("id")
    first = (
        context.first_with_id.get((record.type, record_id)) if isinstance(record_id, str) else None
    )
    if first is not None and first is not record:
        yield finding_at(
            record, ("id",), "ML201", f"id {record_id!r} is also used by {first.display}"
        )


def _text(record: Record, context: RuleContext) -> Iterator[Finding]:
    return text_findings(record)


def _machine_profiles(record: Record, context: RuleContext) -> Iterator[Finding]:
    """A maker's machine, or the machine of a make report, names a profile its process has."""
    if record.type == "make":
        machine = record.data.get("machine")
        if isinstance(machine, dict):
            process = record.data.get("process")
            yield from _machine_profile(record, ("machine", "profile"), machine, process, context)
        return
    for i, machine in enumerate(items(record.data, "machines")):
        if isinstance(machine, dict):
            path = ("machines", i, "profile")
            yield from _machine_profile(record, path, machine, machine.get("process"), context)


def _machine_profile(
    record: Record,
    path: JsonPath,
    machine: dict[str, Any],
    process_id: Any,
    context: RuleContext,
) -> Iterator[Finding]:
    profile = machine.get("profile")
    process = context.named("process", process_id)
    if not isinstance(profile, str) or process is None or not isinstance(process.data, dict):
        return
    profiles = [m.get("id") for m in items(process.data, "machines") if isinstance(m, dict)]
    if profile not in profiles:
        yield finding_at(
            record,
            path,
            "ML203",
            f"process {process.id!r} has no machine profile {profile!r}"
            + (f"; known: {', '.join(map(str, profiles))}" if profiles else ""),
        )


def _machine_ids_unique(record: Record, context: RuleContext) -> Iterator[Finding]:
    for i, machine in enumerate(items(record.data, "machines")):
        if isinstance(machine, dict) and isinstance(machine.get("id"), str):
            path = ("machines", i, "id")
            first, first_path = context.first_machine[machine["id"]]
            if first is not record or first_path != path:
                yield finding_at(
                    record,
                    path,
                    "ML201",
                    f"machine id {machine['id']!r} is also used in {first.display}",
                )


def _open_licence(record: Record, context: RuleContext) -> Iterator[Finding]:
    licence = record.data.get("licence")
    problem = licence_problem(licence) if isinstance(licence, str) else None
    if problem:
        yield finding_at(record, ("licence",), "ML208", problem)


def _open_originals(record: Record, context: RuleContext) -> Iterator[Finding]:
    """An outside original this design derives from is under an open licence, where the
    record names it (a MakeLocal original's own licence is checked on its record)."""
    for index, origin in enumerate(items(record.data, "derived_from")):
        licence = origin.get("licence") if isinstance(origin, dict) else None
        problem = licence_problem(licence) if isinstance(licence, str) else None
        if problem:
            title = origin.get("title") or origin.get("url") or "the original"
            yield finding_at(
                record,
                ("derived_from", index, "licence"),
                "ML222",
                f"the original {title!r}: {problem}; a design derived from it cannot be "
                "published here",
            )


def _part_ids(data: Any) -> set[str]:
    return {
        p["id"]
        for p in items(data, "parts")
        if isinstance(p, dict) and isinstance(p.get("id"), str)
    }


def _part_ids_unique(record: Record, context: RuleContext) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, part in enumerate(items(record.data, "parts")):
        if isinstance(part, dict) and isinstance(part.get("id"), str):
            if part["id"] in seen:
                yield finding_at(
                    record, ("parts", i, "id"), "ML211", f"part id {part['id']!r} is used twice"
                )
            seen.add(part["id"])


def _not_a_part(record: Record, path: JsonPath, name: str, part_ids: set[str]) -> Finding:
    return finding_at(
        record,
        path,
        "ML212",
        f"{name!r} is not one of this design's parts ({', '.join(sorted(part_ids))})",
    )


def _alternatives(record: Record, context: RuleContext) -> Iterator[Finding]:
    part_ids = _part_ids(record.data)
    for i, part in enumerate(items(record.data, "parts")):
        target = part.get("alternative_to") if isinstance(part, dict) else None
        if not isinstance(target, str):
            continue
        path = ("parts", i, "alternative_to")
        if target == part.get("id"):
            yield finding_at(
                record, path, "ML217", f"part {target!r} cannot be an alternative to itself"
            )
        elif target not in part_ids:
            yield _not_a_part(record, path, target, part_ids)


def _spare_parts(record: Record, context: RuleContext) -> Iterator[Finding]:
    part_ids = _part_ids(record.data)
    repair = record.data.get("repair")
    for i, spare in enumerate(items(repair, "spare_parts")):
        if isinstance(spare, str) and spare not in part_ids:
            yield _not_a_part(record, ("repair", "spare_parts", i), spare, part_ids)


def _uses(record: Record) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    """Where the record says what is made by which process from which materials: each part
    of a design, or the make report itself."""
    if record.type == "make":
        yield (), record.data
        return
    for i, part in enumerate(items(record.data, "parts")):
        if isinstance(part, dict):
            yield ("parts", i), part


def _materials_suit_process(record: Record, context: RuleContext) -> Iterator[Finding]:
    for at, use in _uses(record):
        process = context.named("process", use.get("process"))
        for j, material_id in enumerate(items(use, "materials")):
            material = context.named("material", material_id)
            if material and process and isinstance(material.data, dict):
                yield from _material_process(record, (*at, "materials", j), material, process)


def _idle_reason(record: Record, context: RuleContext) -> Iterator[Finding]:
    if not isinstance(record.data, dict) or "no_designs_reason" not in record.data:
        return
    users = sorted(
        design.id
        for design in context.by_type.get("design", {}).values()
        if any(part.get("process") == record.id for part in items(design.data, "parts")
               if isinstance(part, dict))
    )  # fmt: skip
    if users:
        yield finding_at(
            record,
            ("no_designs_reason",),
            "ML218",
            f"the record says no design uses it, but {', '.join(users)} does",
        )


def _material_process(
    record: Record, path: JsonPath, material: Record, process: Record
) -> Iterator[Finding]:
    if never_heat(material.data) and isinstance(process.data, dict) and heats(process.data):
        yield finding_at(
            record,
            path,
            "ML215",
            f"{material.id!r} must not be heated, and {process.id!r} heats it",
        )
        return
    if process.id not in suited_processes(material.data):
        yield finding_at(
            record,
            path,
            "ML213",
            f"material {material.id!r} does not list the process {process.id!r}",
        )


def _evidence(record: Record, context: RuleContext) -> Iterator[Finding]:
    """Records that cannot move the design up the evidence ladder, and a maturity that
    claims more than the records show."""
    for i, entry in enumerate(items(record.data, "evidence")):
        if (
            isinstance(entry, dict)
            and entry.get("type") == "lab-tested"
            and not entry.get("standard")
        ):
            yield finding_at(
                record,
                ("evidence", i, "type"),
                "ML501",
                "this lab test names no `standard`, so it does not count as tested against one",
            )
    problem = maturity_problem(record.data, ladder(record.data, context.makes.get(record.id, {})))
    if problem:
        yield finding_at(record, ("maturity",), "ML502", problem)


def _lineage(record: Record, context: RuleContext) -> Iterator[Finding]:
    if context.by_type["design"].get(record.id) is not record:
        return  # a second design with the same id: the first one's lineage is checked
    for parent, circle in context.circles.get(record.id, {}).items():
        index = next(
            i
            for i, origin in enumerate(items(record.data, "derived_from"))
            if isinstance(origin, dict) and origin.get("design") == parent
        )
        yield finding_at(
            record,
            ("derived_from", index, "design"),
            "ML503",
            f"deriving from {parent!r} closes a circle: "
            + (
                f"{' -> '.join([record.id, *circle.chain])} (each derives from the next)"
                if circle.chain
                else f"{circle.size} designs derive from each other"
            ),
        )


def _made_by_its_process(record: Record, context: RuleContext) -> Iterator[Finding]:
    """A make report that says it worked unchanged uses a process the design uses (where
    the design names any: if not, the design's own findings say so)."""
    data = record.data
    design = context.named("design", data.get("design"))
    process = context.named("process", data.get("process"))
    used: set[str] = {
        p["process"]
        for p in items(design.data if design else {}, "parts")
        if isinstance(p, dict) and isinstance(p.get("process"), str)
    }
    if design and used and process and data.get("outcome") == "worked" and process.id not in used:
        yield finding_at(
            record,
            ("process",),
            "ML504",
            f"design {design.id!r} is made by {', '.join(sorted(used))}, not "
            f"{process.id!r}, yet the outcome says it worked unchanged",
        )


@dataclass(frozen=True)
class Rule:
    codes: tuple[str, ...]
    record_types: tuple[str, ...]
    check: RuleCheck
    description: str


ALL = tuple(RECORD_PLACES)
WITH_SOURCES = tuple(t for t in ALL if t != "design")  # a design's `source`s are file paths

RULES = (
    Rule(("ML014",), ALL, _schema_comment, "the first line names the record's schema"),
    Rule(
        ("ML202", "ML219"),
        ALL,
        _id_matches_place,
        "the id is the file's (or design folder's) name, and that name can be an id",
    ),
    Rule(("ML201",), ALL, _id_unique, "no two records of a type share an id"),
    Rule(("ML204", "ML214"), WITH_SOURCES, cited_sources, "sources and references match"),
    Rule(
        ("ML210",), WITH_SOURCES, quantity_ranges, "a quantity has a value, or a range min <= max"
    ),
    Rule(
        ("ML220", "ML221"),
        WITH_SOURCES,
        plausibility_findings,
        "a quantity's unit suits its kind and its value lies in the kind's plausible range",
    ),
    Rule(
        ("ML209", "ML405", "ML406", "ML407"),
        ALL,
        _text,
        "text has no placeholder, unsafe link, HTML or disguised character",
    ),
    Rule(
        ("ML203", "ML216"),
        tuple(dict.fromkeys(r.record_type for r in REFERENCES)),
        reference_findings,
        "every id that names another record names one of the right type (see REFERENCES)",
    ),
    Rule(("ML203",), ("maker", "make"), _machine_profiles, "machine profiles exist"),
    Rule(("ML201",), ("process",), _machine_ids_unique, "machine ids are unique"),
    Rule(("ML208",), ("design",), _open_licence, "the licence is an open one"),
    Rule(
        ("ML222",),
        ("design",),
        _open_originals,
        "an outside original's licence, where given, is an open one",
    ),
    Rule(("ML211",), ("design",), _part_ids_unique, "part ids are unique"),
    Rule(
        ("ML220", "ML223"),
        ("design",),
        print_settings_findings,
        "print settings are for printed parts, with layers no thicker than the nozzle",
    ),
    Rule(
        ("ML212", "ML217"),
        ("design",),
        _alternatives,
        "`alternative_to` names another part of the design",
    ),
    Rule(("ML212",), ("design",), _spare_parts, "spare parts are parts of the design"),
    Rule(
        ("ML213", "ML215"),
        ("design", "make"),
        _materials_suit_process,
        "each material suits the process it is used in, and is not heated if it must not be",
    ),
    Rule(
        (
            "ML012",
            "ML205",
            "ML206",
            "ML207",
            "ML301",
            "ML302",
            "ML303",
            "ML304",
            "ML305",
            "ML306",
            "ML307",
        ),
        ("design", "make"),
        file_findings,
        "named files are in the folder, not links, of a published type, what their names "
        "say and inert, and part STLs are readable",
    ),
    Rule(("ML308",), ("design",), folder_size_findings, "a design folder fits in its zip"),
    Rule(
        ("ML205",),
        ("design",),
        licence_copy_findings,
        "the licence files of a design taken from elsewhere are copied into its folder",
    ),
    Rule(
        ("ML501", "ML502"),
        ("design",),
        _evidence,
        "evidence counts, and the maturity does not claim more than it shows",
    ),
    Rule(("ML503",), ("design",), _lineage, "derivations do not close a circle"),
    Rule(
        ("ML218",),
        ("process",),
        _idle_reason,
        "a process said to make no design is used by none",
    ),
    Rule(
        ("ML504",),
        ("make",),
        _made_by_its_process,
        "a report that worked unchanged uses the design's process",
    ),
    Rule(("ML601",), ("need",), design_or_category, "a need names a design or a category"),
    Rule(("ML603",), ("need",), contact_route, "a need gives exactly one contact route"),
    Rule(("ML604",), ("need",), dates_in_order, "a need is needed after it was posted"),
    Rule(
        ("ML606",),
        ("need",),
        asks_what_designs_use,
        "the processes and materials a need allows leave a design to make it",
    ),
    Rule(
        ("ML602",),
        ("need", "maker", "make"),
        personal_contact_findings,
        "no personal e-mail address, phone number or chat link in public text",
    ),
    Rule(("ML605",), ("maker",), capacity_targets, "each capacity entry counts one thing"),
)


_RULES_BY_TYPE = {t: [rule for rule in RULES if t in rule.record_types] for t in RECORD_PLACES}


def rule_findings(record: Record, context: RuleContext) -> Iterator[Finding]:
    """Every rule of the record's type, on a record whose data is a mapping."""
    for rule in _RULES_BY_TYPE[record.type]:
        yield from rule.check(record, context)
