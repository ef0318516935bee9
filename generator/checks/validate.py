"""Validation: every record against its JSON Schema, then the rules across records.

Pure apart from reading the STL parts: takes a loaded Catalog (records plus the listing
of each design folder) and returns findings. Reading the records happens in
generator.records.catalog.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.checks.context import RuleContext
from generator.checks.rules import rule_findings
from generator.checks.schema import schema_findings
from generator.checks.translations import translation_findings
from generator.findings import Finding
from generator.findings.suggest import Vocabulary
from generator.records.catalog import Catalog, Record, file_id
from generator.records.file_names import printable

# What may be an id, or an id mistyped (`PETG`, `Recycled_PLA`): one short word of letters,
# digits, hyphens, underscores and dots. Longer text is not compared with every id.
_ID_LIKE = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def validate_catalog(catalog: Catalog) -> list[Finding]:
    """Every finding for the catalogue: loading, schema, then the rules across records, then
    the translations.

    Records that fail their schema are still checked across records where their data
    allows, so a contributor sees all problems in one run.
    """
    findings = list(catalog.findings)
    for record in catalog.records:
        findings.extend(schema_findings(record))
    context = RuleContext.of(catalog)
    for record in catalog.records:
        if isinstance(record.data, dict):
            findings.extend(rule_findings(record, context))
    findings.extend(translation_findings(catalog))
    return sorted(set(findings))


def strings_in(value: Any) -> Iterator[str]:
    """Every string of a record's data, at any depth."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def context_ids(named: set[str], ids_by_type: dict[str, set[str]]) -> set[str]:
    """Ids a checked record names, and the id the validator would suggest for a typo (in
    another case too: `PETG` -> `petg`)."""
    wanted = set()
    vocabularies: dict[str, Vocabulary] = {}  # made when a name is no id
    for text in named:
        if not _ID_LIKE.fullmatch(text):
            continue
        if any(text in ids for ids in ids_by_type.values()):
            wanted.add(text)
            continue
        for record_type, ids in ids_by_type.items():
            if record_type not in vocabularies:
                vocabularies[record_type] = Vocabulary(ids)
            guess = vocabularies[record_type].closest(text)
            if guess is not None:
                wanted.add(guess)
    return wanted


def naming(records: list[Record], ids: set[str]) -> set[str]:
    """The records (by display path) any of whose strings is one of `ids`: those whose
    checks may change when the records of those ids change or go."""
    return {r.display for r in records if ids and not ids.isdisjoint(strings_in(r.data))}


def validate_selection(catalog: Catalog, checked: set[str]) -> list[Finding]:
    """The findings on the records `checked` (by display path), and the catalogue's own
    (files that are not records, files that do not load), validating only those records
    and the records they name (so that references resolve), not the whole catalogue.

    What `validate --changed` does for a change, for any set of records: a record whose
    checks depend on another either names it or is named by it, and the caller includes
    those that name what changed (`naming`)."""
    chosen = [r for r in catalog.records if r.display in checked]
    ids_by_type: dict[str, set[str]] = {}
    for record in catalog.records:
        ids_by_type.setdefault(record.type, set()).add(file_id(record.type, record.path))
    wanted = context_ids({s for r in chosen for s in strings_in(r.data)}, ids_by_type)
    context = [
        r for r in catalog.records if r.display not in checked and file_id(r.type, r.path) in wanted
    ]
    shown = {printable(display) for display in checked} | set(checked)
    part = Catalog(
        root=catalog.root,
        records=chosen + context,
        design_files={
            r.display: catalog.design_files[r.display]
            for r in chosen + context
            if r.display in catalog.design_files
        },
        translations=[t for t in catalog.translations if t.place.record.as_posix() in shown],
    )
    shown |= {t.file.display for t in part.translations}
    found = [f for f in validate_catalog(part) if f.file in shown]
    return sorted(set(found + catalog.findings))
