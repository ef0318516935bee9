"""What every rule across records is given: the catalogue, worked out once, and how to
report a finding at a path of a record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.findings import Finding
from generator.records.catalog import Catalog, FileEntry, Record
from generator.records.evidence import makes_by_design
from generator.records.lineage import Circle, circles
from generator.records.loader import JsonPath

# The record types that other records name by id, in the order "is a X, not a Y"
# messages look for a wrong type.
NAMED_TYPES = ("material", "process", "maker", "design")


@dataclass(frozen=True)
class RuleContext:
    by_type: dict[str, dict[str, Record]]  # the records of each of NAMED_TYPES by id
    makes: dict[str, dict[str, Any]]  # make reports (id -> data) by the design they report on
    # The first record (in catalogue order) with each (type, id), and the first process
    # record and path with each machine id: later ones are reported as duplicates.
    first_with_id: dict[tuple[str, str], Record]
    first_machine: dict[str, tuple[Record, JsonPath]]
    # The `derived_from` links that close a circle: design -> parent -> circle.
    circles: dict[str, dict[str, Circle]]
    design_files: dict[str, dict[str, FileEntry]]  # see Catalog.design_files

    @classmethod
    def of(cls, catalog: Catalog) -> RuleContext:
        by_type = {t: catalog.of_type(t) for t in NAMED_TYPES}
        first_with_id: dict[tuple[str, str], Record] = {}
        first_machine: dict[str, tuple[Record, JsonPath]] = {}
        for record in catalog.records:
            data = record.data
            if not isinstance(data, dict):
                continue
            if isinstance(data.get("id"), str):
                first_with_id.setdefault((record.type, data["id"]), record)
            if record.type == "process":
                for i, machine in enumerate(items(data, "machines")):
                    if isinstance(machine, dict) and isinstance(machine.get("id"), str):
                        first_machine.setdefault(machine["id"], (record, ("machines", i, "id")))
        designs = {i: r.data for i, r in by_type["design"].items() if isinstance(r.data, dict)}
        circles_by_design: dict[str, dict[str, Circle]] = {}
        for (design_id, parent), circle in circles(designs).items():
            circles_by_design.setdefault(design_id, {})[parent] = circle
        return cls(
            by_type,
            makes_by_design((r.id, r.data) for r in catalog.records if r.type == "make"),
            first_with_id,
            first_machine,
            circles_by_design,
            catalog.design_files,
        )

    def named(self, record_type: str, key: Any) -> Record | None:
        """The record of this type with id `key`, if `key` is an id and there is one."""
        return self.by_type[record_type].get(key) if isinstance(key, str) else None


def items(mapping: Any, key: str) -> list[Any]:
    """The list at `key`, or [] where the record (already reported by the schema) has none."""
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, list) else []


def finding_at(
    record: Record, path: JsonPath, code: str, message: str, *, key: bool = False
) -> Finding:
    mark = record.doc.mark(path, key=key)
    return Finding.of(code, record.display, mark.line, mark.column, message)
