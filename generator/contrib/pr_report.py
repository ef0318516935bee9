"""The pull-request report: every problem in a change with how to fix it, and for each
changed design its parts' verdicts, size, mass and print time per material and previews.
generator.reporters prints it as Markdown (the PR comment), JSON (the artifact), GitHub
annotations or text.

The checks themselves live in generator.contrib.changes, so that `makelocal validate
--changed` runs them without loading the analysis.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.analysis.results import PartAnalysis, PartFailure, PartResult
from generator.analysis.runner import CACHE_FOLDER, SelectionError, Settings, run, select_jobs
from generator.contrib.changes import SIZE_LIMITS, check_changes
from generator.contrib.record_changes import (
    EvidenceChange,
    RecordChange,
    evidence_changes,
    record_changes,
)
from generator.contrib.report_data import ChangedFile
from generator.findings import Finding, counts
from generator.records.catalog import Catalog, Record
from generator.records.file_names import printable
from generator.records.lineage import origins


@dataclass
class PartSummary:
    id: str
    name: str
    file: str | None
    source: str | None
    process: str
    materials: list[str]
    quantity: int
    alternative_to: str | None = None  # the part this one can replace
    verdict: str | None = None  # ready, needs-attention, not-printable; None: not analysed
    analysis_note: str = ""  # why the part was not analysed
    analysis: PartAnalysis | None = None  # without its preview, which goes into `previews`
    preview: str | None = None  # the preview's name in the saved report folder


@dataclass
class OriginSummary:
    """A design this one derives from, with its licence: the record's word for an outside
    design, the catalogue's for a MakeLocal one."""

    title: str
    design: str | None  # its id, for a MakeLocal design
    url: str | None
    licence: str | None  # None: not stated


@dataclass
class DesignSummary:
    id: str
    path: str
    title: str
    licence: str
    maturity: str
    errors: int
    warnings: int
    parts: list[PartSummary] = field(default_factory=list)
    derived_from: list[OriginSummary] = field(default_factory=list)


@dataclass
class Report:
    base: str
    files: list[ChangedFile]
    checked: list[str]
    referencing: list[str]
    everything: bool
    findings: list[Finding]
    designs: list[DesignSummary]
    records: list[RecordChange] = field(default_factory=list)  # every record changed
    evidence: list[EvidenceChange] = field(default_factory=list)  # designs that move
    previews: dict[str, bytes] = field(default_factory=dict)  # name -> PNG
    analysis_errors: list[str] = field(default_factory=list)  # the analysis itself broke

    @property
    def errors(self) -> int:
        return counts(self.findings)[0]

    @property
    def warnings(self) -> int:
        return counts(self.findings)[1]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _origins(data: dict[str, Any], designs: dict[str, Record]) -> list[OriginSummary]:
    found = []
    for origin in origins(data):
        original = designs.get(origin.design or "")
        own = original.data if original and isinstance(original.data, dict) else {}
        found.append(
            OriginSummary(
                title=_text(own.get("title")) or origin.title or origin.design or "?",
                design=origin.design,
                url=origin.url,
                licence=(_text(own.get("licence")) if origin.design else origin.licence) or None,
            )
        )
    return found


def _design_summary(
    record: Record, findings: list[Finding], designs: dict[str, Record] | None = None
) -> DesignSummary:
    data = record.data if isinstance(record.data, dict) else {}
    errors, warnings = counts([f for f in findings if f.file == record.display])
    summary = DesignSummary(
        id=record.id,
        path=record.display,
        title=_text(data.get("title")) or record.id,
        licence=_text(data.get("licence")),
        maturity=_text(data.get("maturity")),
        errors=errors,
        warnings=warnings,
        derived_from=_origins(data, designs or {}),
    )
    for part in data.get("parts") or []:
        if not isinstance(part, dict):
            continue
        materials = part.get("materials")
        quantity = part.get("quantity")
        summary.parts.append(
            PartSummary(
                id=_text(part.get("id")),
                name=_text(part.get("name")),
                file=_text(part.get("file")) or None,
                source=_text(part.get("source")) or None,
                process=_text(part.get("process")),
                materials=[m for m in materials if isinstance(m, str)]
                if isinstance(materials, list)
                else [],
                quantity=quantity if isinstance(quantity, int) else 0,
                alternative_to=_text(part.get("alternative_to")) or None,
            )
        )
    return summary


# --- the analysis of the changed designs' parts --------------------------------------

PART_BUDGET_S = 30.0  # a part that takes longer is reported as not analysed


def _analyse(catalog: Catalog, record: Record) -> dict[str, PartResult]:
    """Each part's analysis by part id, from the analysis runner and its cache.

    The runner skips parts whose file is missing, outside the design folder or a link
    that leads out of it; the validator's findings say why.
    """
    try:
        jobs = select_jobs(catalog, [str(record.folder)], None)
    except SelectionError:  # no part with a file to analyse
        return {}
    settings = Settings(
        cache=catalog.root / CACHE_FOLDER,
        max_mb=SIZE_LIMITS[".stl"] / 1e6,
        budget_s=PART_BUDGET_S,
    )
    return {str(r.analysed.part): r for r in run(jobs, settings)}


_NOT_IN_FILE_NAMES = re.compile(r"[^a-z0-9-]+")


def _file_name(text: str) -> str:
    """An id as one harmless part of a file name: the ids of a change may not have passed
    validation, and `../x` must not put a preview outside the saved report's folder."""
    return _NOT_IN_FILE_NAMES.sub("-", text.lower()).strip("-") or "part"


def build_report(root: Path, base: str | None) -> Report:
    check = check_changes(root, base)
    selection = check.selection
    # Paths as the findings and reporters show them: a name that is not UTF-8 or holds a
    # line break is escaped (its finding says so).
    changed_records = {printable(path) for path in selection.changed}
    report = Report(
        base=selection.base,
        files=[ChangedFile(printable(f.path), f.status) for f in selection.files],
        checked=sorted(changed_records),
        referencing=sorted(printable(path) for path in selection.referencing),
        everything=selection.everything,
        findings=check.findings,
        designs=[],
    )
    report.records = record_changes(root, selection, check.catalog)
    report.evidence = evidence_changes(root, selection, report.records)
    changed = [
        record
        for record in sorted(check.catalog.records, key=lambda r: r.display)
        if record.type == "design" and record.display in changed_records
    ]
    for record in changed:
        design = _design_summary(record, check.findings, check.catalog.designs)
        report.designs.append(design)
        try:
            analyses = _analyse(check.catalog, record)
        # A bug in the analysis must not hide the findings: it is reported, and fails the run.
        except Exception as error:
            report.analysis_errors.append(
                f"{record.display}: the analysis failed ({type(error).__name__}: {error}); "
                "this is a bug in MakeLocal, not in the design"
            )
            for part in design.parts:
                part.analysis_note = "the analysis broke (see below)"
            continue
        for part in design.parts:
            if part.file is None:
                continue
            result = analyses.get(part.id)
            if result is None:
                part.analysis_note = "its file is missing or a link (see the problems above)"
                continue
            part.verdict = result.verdict
            if isinstance(result, PartFailure):
                part.analysis_note = result.error
                continue
            preview = Path(result.preview_png or "")
            if preview.is_file():
                part.preview = f"previews/{_file_name(design.id)}--{_file_name(part.id)}.png"
                report.previews[part.preview] = preview.read_bytes()
            part.analysis = dataclasses.replace(result, preview_png=None)
    return report
