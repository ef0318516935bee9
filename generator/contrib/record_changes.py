"""What a change does to the catalogue, record by record: each record added, changed or
deleted, of every type, with its name and a few facts; and how each design's evidence
ladder moves, worked out from the records before the change (at the base commit) and
after it (the working tree), so that a make report's effect is said in words: "lifts
`Face-shield headband` from Untested to Made independently by 1 other".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from generator.checks.schema_files import followed, labels
from generator.contrib.changes import Selection, file_at, record_file_of
from generator.records.catalog import Catalog, Record, file_id
from generator.records.evidence import Ladder, ladder
from generator.records.file_names import printable
from generator.records.loader import Document, LoadError, load, parse

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # a make report's `design` may be anything


@dataclass(frozen=True)
class RecordChange:
    type: str  # material, process, maker, design, make...
    id: str
    path: str  # the record's file, as findings name it
    status: str  # added, modified, deleted, or files changed (in its folder only)
    name: str  # its name, title or summary as the record gives it
    facts: list[str] = field(default_factory=list)  # a few words each, for the summary


@dataclass(frozen=True)
class EvidenceChange:
    design: str
    title: str
    before: str  # the ladder's label before the change: "Untested"
    after: str  # and after it: "Made independently by 1 other"
    lifted: bool  # True when the design moved up
    because: list[str] = field(default_factory=list)  # the records that moved it, by id


def _name(record_id: str, data: Any) -> str:
    """A record's name or title; a make report, which has neither, is known by its id."""
    if isinstance(data, dict):
        for key in ("name", "title"):
            if isinstance(data.get(key), str):
                return str(data[key])
    return record_id


def _label(record_type: str, pointer: str, value: Any) -> str | None:
    try:
        return (
            labels(*followed(record_type, pointer)).get(value) if isinstance(value, str) else None
        )
    except (KeyError, TypeError, ValueError):  # the schema has no such field
        return None


def _facts(record_type: str, data: Any) -> list[str]:
    """A few words on a record for the summary: its kind, category or outcome."""
    if not isinstance(data, dict):
        return []
    facts = {
        "material": [_label("material", "/properties/kind", data.get("kind"))],
        "process": [_label("process", "/properties/category", data.get("category"))],
        "design": [_label("design", "/properties/category", data.get("category"))],
        "maker": [data.get("country") if isinstance(data.get("country"), str) else None],
        "make": [
            f"of {data['design']}" if isinstance(data.get("design"), str) else None,
            _label("make", "/properties/outcome", data.get("outcome")),
        ],
        "need": [
            f"{data['quantity']} wanted" if isinstance(data.get("quantity"), int) else None,
            f"by {data['needed_by']}" if isinstance(data.get("needed_by"), str) else None,
        ],
    }.get(record_type, [])
    return [fact for fact in facts if fact]


def _base_data(root: Path, selection: Selection, path: str) -> Any:
    """A record's data at the base commit, or None if it was not there or not readable."""
    content = file_at(root, selection.base, path)
    if content is None:
        return None
    try:
        return parse(content, Path(path)).data
    except (LoadError, RecursionError):
        return None


def record_changes(root: Path, selection: Selection, catalog: Catalog) -> list[RecordChange]:
    """Every record the change adds, modifies or deletes, of every type, by path."""
    statuses: dict[tuple[str, str], str] = {}
    for changed in selection.files:
        owner = record_file_of(changed.path)
        if owner is None:
            continue
        own = owner[1] == changed.path
        if own or owner not in statuses:
            statuses[owner] = changed.status if own else "files changed"
    loaded = {record.display: record for record in catalog.records}
    found = []
    for (record_type, path), status in sorted(statuses.items(), key=lambda item: item[0][1]):
        shown = printable(path)
        record: Record | None = loaded.get(shown)
        data = record.data if record else None
        if data is None and status == "deleted":
            data = _base_data(root, selection, path)
        record_id = record.id if record else file_id(record_type, PurePosixPath(path))
        found.append(
            RecordChange(
                record_type,
                record_id,
                shown,
                status,
                _name(record_id, data),
                _facts(record_type, data),
            )
        )
    return found


# --- the evidence ladder before and after ----------------------------------------------


def _makes_now(root: Path) -> dict[str, dict[str, Any]]:
    """Every make report in the working tree, by id."""
    makes: dict[str, dict[str, Any]] = {}
    for path in sorted((root / "catalog/makes").glob("*.yml")):
        loaded = load(path)
        if not isinstance(loaded, Document) or not isinstance(loaded.data, dict):
            continue
        makes[path.stem] = loaded.data
    return makes


def _of(design: str, makes: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i: m for i, m in makes.items() if m.get("design") == design}


def _moved(before: Ladder, after: Ladder) -> list[str]:
    """The records that count after the change and did not before, or the other way."""
    gained = {s.make or f"evidence {s.evidence}" for s in after.supports} - {
        s.make or f"evidence {s.evidence}" for s in before.supports
    }
    lost = {s.make or f"evidence {s.evidence}" for s in before.supports} - {
        s.make or f"evidence {s.evidence}" for s in after.supports
    }
    return sorted(gained if after.level >= before.level else lost)


def evidence_changes(
    root: Path, selection: Selection, changes: list[RecordChange]
) -> list[EvidenceChange]:
    """How each design the change touches (its record or its make reports) moves on its
    evidence ladder, for every design that moves."""
    make_paths = {c.path: c for c in changes if c.type == "make"}
    makes_after = _makes_now(root)
    makes_before = {
        i: m for i, m in makes_after.items() if f"catalog/makes/{i}.yml" not in make_paths
    }
    designs: set[str] = {c.id for c in changes if c.type == "design"}
    for path, change in make_paths.items():
        before = _base_data(root, selection, path)
        if isinstance(before, dict):
            makes_before[change.id] = before
            designs.add(str(before.get("design")))
        if change.id in makes_after:
            designs.add(str(makes_after[change.id].get("design")))
    found = []
    for design_id in sorted(d for d in designs if _SLUG.fullmatch(d)):
        path = f"designs/{design_id}/design.yml"
        after_data = _design_now(root, path)
        if after_data is None:
            continue
        before_data = after_data
        if any(c.path == path for c in changes):
            before_data = _base_data(root, selection, path)
        if not isinstance(before_data, dict):
            continue  # a new design: nothing to move from
        before = ladder(before_data, _of(design_id, makes_before))
        after = ladder(after_data, _of(design_id, makes_after))
        if before.label != after.label:
            found.append(
                EvidenceChange(
                    design_id,
                    _name(design_id, after_data),
                    before.label,
                    after.label,
                    after.level > before.level
                    or (after.level == before.level and after.independent > before.independent),
                    _moved(before, after),
                )
            )
    return found


def _design_now(root: Path, path: str) -> dict[str, Any] | None:
    loaded = load(root / path)
    if isinstance(loaded, Document) and isinstance(loaded.data, dict):
        return loaded.data
    return None
