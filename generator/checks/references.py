"""Fields that name another record by id, as a table: each must name a record of its type
(ML203, with "did you mean" or "is a X, not a Y"), and a design cannot name itself (ML216)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from generator.checks.context import RuleContext, finding_at
from generator.findings import Finding
from generator.findings.suggest import did_you_mean
from generator.records.catalog import Record
from generator.records.loader import JsonPath

EACH = "*"  # a step into every item of a list


@dataclass(frozen=True)
class Reference:
    """A field of one record type that names a record of the target type."""

    record_type: str
    field: str  # `parts[*].materials[*]`: `[*]` stands for each item of a list
    target: str
    itself: str | None = None  # the ML216 message when a record names itself here

    @cached_property
    def steps(self) -> tuple[str, ...]:
        return tuple(self.field.replace("[*]", f".{EACH}").split("."))


REFERENCES = (
    Reference("material", "processes[*].process", "process"),
    Reference("maker", "processes[*]", "process"),
    Reference("maker", "materials[*]", "material"),
    Reference("maker", "machines[*].process", "process"),
    Reference("maker", "capacity[*].design", "design"),
    Reference("maker", "capacity[*].process", "process"),
    Reference("design", "parts[*].process", "process"),
    Reference("design", "parts[*].materials[*]", "material"),
    Reference("design", "authors[*].maker", "maker"),
    Reference(
        "design", "derived_from[*].design", "design", itself="a design cannot derive from itself"
    ),
    Reference("make", "design", "design"),
    Reference("make", "by.maker", "maker"),
    Reference("make", "process", "process"),
    Reference("make", "materials[*]", "material"),
    Reference("need", "design", "design"),
    Reference("need", "processes[*]", "process"),
    Reference("need", "materials[*]", "material"),
    Reference("need", "contact.maker", "maker"),
)


def values_at(
    data: Any, steps: tuple[str, ...], path: JsonPath = ()
) -> Iterator[tuple[JsonPath, Any]]:
    """Each value at `steps` below `data`, with its path; where the data has no such field
    (or the schema's error about it is reported already), nothing."""
    if not steps:
        yield path, data
        return
    step, rest = steps[0], steps[1:]
    if step == EACH:
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from values_at(item, rest, (*path, index))
    elif isinstance(data, dict) and step in data:
        yield from values_at(data[step], rest, (*path, step))


def _unknown(context: RuleContext, target: str, kind: str) -> str:
    """Why `target` names no record of type `kind`."""
    elsewhere = [t for t, records in context.by_type.items() if target in records and t != kind]
    if elsewhere:
        return f"{target!r} is a {elsewhere[0]}, not a {kind}"
    return f"no {kind} with id {target!r}" + did_you_mean(target, context.by_type[kind])


_BY_TYPE = {
    t: [r for r in REFERENCES if r.record_type == t] for t in {r.record_type for r in REFERENCES}
}


def reference_findings(record: Record, context: RuleContext) -> Iterator[Finding]:
    """Every field of the record that names a record which does not exist, or itself."""
    for reference in _BY_TYPE.get(record.type, []):
        for path, target in values_at(record.data, reference.steps):
            if reference.itself and target == record.data.get("id"):
                yield finding_at(record, path, "ML216", reference.itself)
            elif isinstance(target, str) and target not in context.by_type[reference.target]:
                yield finding_at(record, path, "ML203", _unknown(context, target, reference.target))
