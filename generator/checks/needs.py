"""Rules on needs and on makers' stated capacity (codes ML6xx), and on personal contact
details in the records about people (needs, makers, make reports).

Each is a rule of generator/checks/rules.py's table: (record, context) -> findings.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from generator.checks.contact import personal_contact
from generator.checks.context import RuleContext, finding_at, items
from generator.checks.text_rules import text_finding, walk
from generator.findings import Finding
from generator.records.alternatives import groups
from generator.records.catalog import Record
from generator.records.facts import data_of, parts_of

CONTACT_ROUTES = ("maker", "url", "issues")
CAPACITY_TARGETS = ("design", "category", "process")


def personal_contact_findings(record: Record, context: RuleContext) -> Iterator[Finding]:
    """No text of the record holds a personal e-mail address, phone number or chat link."""
    for path, value in walk(record.data):
        if path[:1] == ("references",) or not isinstance(value, str):
            continue  # a reference names a publication, which may print its authors' e-mail
        seen = personal_contact(value)
        if seen:
            yield text_finding(record, path, value, seen.at, "ML602", f"holds {seen.what}")


def design_or_category(record: Record, context: RuleContext) -> Iterator[Finding]:
    named = [key for key in ("design", "category") if key in record.data]
    if len(named) == 2:
        yield finding_at(
            record,
            ("category",),
            "ML601",
            "a need names a design or a category, not both: with a design named, leave "
            "the category out",
            key=True,
        )
    elif not named:
        yield finding_at(
            record, (), "ML601", "the need says neither which design nor which category"
        )


def contact_route(record: Record, context: RuleContext) -> Iterator[Finding]:
    contact = record.data.get("contact")
    if not isinstance(contact, dict):
        return  # missing or of the wrong type: the schema says so
    given = [key for key in CONTACT_ROUTES if key in contact]
    if not given:
        yield finding_at(record, ("contact",), "ML603", "contact gives no route", key=True)
    elif len(given) > 1:
        yield finding_at(
            record,
            ("contact", given[1]),
            "ML603",
            f"contact gives {' and '.join(given)}: keep one",
            key=True,
        )


def _date(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None  # not a date: the schema says so (ML105)


def dates_in_order(record: Record, context: RuleContext) -> Iterator[Finding]:
    posted, needed_by = _date(record.data.get("posted")), _date(record.data.get("needed_by"))
    if posted and needed_by and needed_by <= posted:
        yield finding_at(
            record,
            ("needed_by",),
            "ML604",
            f"needed by {needed_by.isoformat()}, which is not after it was posted "
            f"({posted.isoformat()})",
        )


def capacity_targets(record: Record, context: RuleContext) -> Iterator[Finding]:
    for i, entry in enumerate(items(record.data, "capacity")):
        if not isinstance(entry, dict):
            continue
        named = [key for key in CAPACITY_TARGETS if key in entry]
        if len(named) != 1:
            said = " and ".join(named) if named else "none of them"
            yield finding_at(
                record,
                ("capacity", i),
                "ML605",
                f"capacity[{i}] must name one of design, category or process, not {said}",
            )


def answerable(
    parts: Sequence[Mapping[str, Any]], processes: set[str] | None, materials: set[str] | None
) -> bool:
    """Whether a design can be made as a need asks: each set of alternative parts has one
    by an allowed process from an allowed material (None: any)."""
    for group in groups(parts):
        if not any(
            (processes is None or parts[i].get("process") in processes)
            and (materials is None or materials & set(_strings(parts[i].get("materials"))))
            for i in group
        ):
            return False
    return True


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def asks_what_designs_use(record: Record, context: RuleContext) -> Iterator[Finding]:
    """The processes and materials a need allows leave a way to make it: its design's, or
    one design's of its category."""
    data = record.data
    processes = set(_strings(data["processes"])) if "processes" in data else None
    materials = set(_strings(data["materials"])) if "materials" in data else None
    if processes is None and materials is None:
        return
    design = context.named("design", data.get("design"))
    if design is not None:
        candidates = {design.id: parts_of(data_of(design))}
        what = f"the design {design.id!r}"
    elif isinstance(data.get("category"), str) and "design" not in data:
        candidates = {
            d.id: parts_of(data_of(d))
            for d in context.by_type["design"].values()
            if data_of(d).get("category") == data["category"]
        }
        what = f"no design of the category {data['category']!r}"
    else:
        return
    if not candidates or any(answerable(p, processes, materials) for p in candidates.values()):
        return
    by_process = any(answerable(p, processes, None) for p in candidates.values())
    field = "materials" if by_process else "processes"
    asked = ", ".join(sorted((materials if by_process else processes) or ()))
    verb = "can" if design is None else "cannot"
    yield finding_at(
        record, (field,), "ML606", f"{what} {verb} be made with only these {field} ({asked})"
    )
