"""Rules on the numbers a record gives and where they come from: every `source` cites one
of the record's references and every reference is cited, and each quantity has a value or
a range the right way up."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.context import RuleContext, finding_at, items
from generator.checks.text_rules import field_name, walk
from generator.findings import Finding
from generator.records.catalog import Record


def cited_sources(record: Record, context: RuleContext) -> Iterator[Finding]:
    """Each `source` names one of the record's references, and each reference is cited by
    a `source` or linked in the text."""
    references = items(record.data, "references")
    ids = {r.get("id") for r in references if isinstance(r, dict) and isinstance(r.get("id"), str)}
    cited: set[str] = set()
    for path, value in walk(record.data):
        if not isinstance(value, dict) or path[:1] == ("references",):
            continue
        source = value.get("source")
        if isinstance(source, str):
            cited.add(source)
            if source not in ids:
                yield finding_at(
                    record,
                    (*path, "source"),
                    "ML204",
                    f"source {source!r} is not in this record's references",
                )
    text = "\n".join(v for _, v in walk(record.data) if isinstance(v, str))
    for index, reference in enumerate(references):
        reference_id = reference.get("id") if isinstance(reference, dict) else None
        url = reference.get("url") if isinstance(reference, dict) else None
        linked = isinstance(url, str) and text.count(url) > 1  # once is the reference itself
        if isinstance(reference_id, str) and reference_id not in cited and not linked:
            yield finding_at(
                record,
                ("references", index, "id"),
                "ML214",
                f"reference {reference_id!r} is neither cited by a `source` nor linked in the text",
            )


def quantity_ranges(record: Record, context: RuleContext) -> Iterator[Finding]:
    """A quantity (a mapping with a `unit`) gives a `value` or a range, `min` <= `max`."""
    for path, value in walk(record.data):
        if not isinstance(value, dict) or path[:1] == ("references",) or "unit" not in value:
            continue
        has_value = "value" in value
        has_range = "min" in value or "max" in value
        low, high = value.get("min"), value.get("max")
        if has_value == has_range:
            yield finding_at(
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
            yield finding_at(
                record,
                (*path, "min"),
                "ML210",
                f"{field_name(path)}: min {low} is greater than max {high}",
            )
