"""The first screen of the pull-request comment: what the change does, record by record
(of every type), how it moves each design on its evidence ladder, and what needs a
maintainer; then, for a long change, the table of every record. Everything from the
report is shown as code (generator.contrib.inert_text), the words around it are ours.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from generator.contrib.inert_text import known, literal, plural
from generator.contrib.report_data import (
    ChangedFile,
    DesignRow,
    EvidenceRow,
    RecordRow,
    ReportData,
)

SUMMARY_RECORDS = 8  # records named one by one on the first screen
RECORD_KINDS = {
    "material": "Material",
    "process": "Process",
    "maker": "Maker",
    "design": "Design",
    "make": "Make report",
    "need": "Need",
}
STATUSES = frozenset({"added", "modified", "deleted", "files changed"})
# How many of a design's parts have each verdict, in words.
VERDICT_WORDS = {
    "ready": "ready to make",
    "needs-attention": "needing attention",
    "not-printable": "not makeable as they are",
    "unreadable": "unreadable",
    "not-analysed": "not analysed",
}
# The evidence ladder's labels (generator.records.evidence), shown as words; any other
# text (a standard's name among them) is shown as code.
_RUNG_LABEL = re.compile(
    r"Untested|Made by its author|Made independently by [0-9]{1,6} others?|Reviewed by an expert"
)


def _kind(record: RecordRow) -> str:
    return RECORD_KINDS.get(record.type) or literal(record.type)


def _parts(design: DesignRow) -> str:
    """`2 parts: 1 ready to make, 1 needing attention`."""
    verdicts = Counter(p.verdict for p in design.parts if p.verdict)
    said = [
        f"{count} {VERDICT_WORDS[verdict]}"
        for verdict, count in sorted(verdicts.items(), key=lambda item: str(item[0]))
        if verdict in VERDICT_WORDS
    ]
    return plural(len(design.parts), "part") + (f": {', '.join(said)}" if said else "")


def _record_line(report: ReportData, record: RecordRow) -> str:
    facts = f" ({', '.join(literal(fact) for fact in record.facts)})" if record.facts else ""
    line = f"- {_kind(record)} {literal(record.name)}{facts} {known(record.status, STATUSES)}"
    design = next((d for d in report.designs if d.path == record.path), None)
    return line + (f": {_parts(design)}." if design else ".")


def _rung(label: str) -> str:
    return label if _RUNG_LABEL.fullmatch(label) else literal(label)


def _evidence_line(change: EvidenceRow) -> str:
    """`- Make report x lifts y from Untested to Made independently by 1 other.`"""
    makes = [literal(b) for b in change.because if not b.startswith("evidence ")]
    verb = "lift" if change.lifted else "lower"
    if len(makes) == 1:
        subject, verb = f"Make report {makes[0]}", verb + "s"
    elif makes:
        subject = f"Make reports {', '.join(makes[:-1])} and {makes[-1]}"
    else:
        subject, verb = "Its own list of evidence", verb + "s"
    return (
        f"- {subject} {verb} {literal(change.title)} from {_rung(change.before)} to "
        f"{_rung(change.after)}."
    )


def summary_lines(report: ReportData, outside: Sequence[ChangedFile], complete: bool) -> list[str]:
    """The change in a few lines: each record (the first SUMMARY_RECORDS), each design
    that moves on its ladder, and the files a maintainer reviews first."""
    lines = [_record_line(report, record) for record in report.records[:SUMMARY_RECORDS]]
    more = len(report.records) - SUMMARY_RECORDS
    if more > 0:
        lines.append(f"- and {plural(more, 'more record')}: see *Changed records* below.")
    lines += [_evidence_line(change) for change in report.evidence]
    if outside or not complete:
        lines.append(
            f"- {plural(len(outside), 'file')} outside `catalog/` and `designs/`"
            f"{'' if complete else ' (and more)'}, for a maintainer to review first."
        )
    return [*lines, ""] if lines else []


def records_section(report: ReportData) -> list[str]:
    """Every changed record, when there are more than the first screen names."""
    if len(report.records) <= SUMMARY_RECORDS:
        return []
    lines = ["### Changed records", "", "| record | kind | change |", "| --- | --- | --- |"]
    lines += [
        f"| {literal(r.name, cell=True)} ({literal(r.path, cell=True)}) | {_kind(r)} | "
        f"{known(r.status, STATUSES)} |"
        for r in report.records
    ]
    return [*lines, ""]


def origins_line(design: DesignRow) -> list[str]:
    """What a derived design is based on, with each original's licence."""
    if not design.derived_from:
        return []
    said = []
    for origin in design.derived_from:
        what = (
            f"the MakeLocal design {literal(origin.title)}"
            if origin.design
            else literal(origin.title)
        )
        where = f" at {literal(origin.url)}" if origin.url and not origin.design else ""
        licence = f"licence {literal(origin.licence)}" if origin.licence else "licence not stated"
        said.append(f"{what}{where}, {licence}")
    return [f"Derived from {'; '.join(said)}.", ""]
