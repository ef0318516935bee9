"""The pull-request report: every problem in a change with how to fix it, and for each
changed design its parts' verdicts, size, mass and print time per material and previews,
as Markdown (the PR comment), JSON (the artifact) or GitHub annotations.

The checks themselves live in generator.changes, so that `makelocal validate --changed`
runs them without loading the analysis.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generator.analysis.runner import CACHE_FOLDER, SelectionError, Settings, run, select_jobs
from generator.contrib.changes import SIZE_LIMITS, ChangedFile, check_changes
from generator.findings import Finding, counts, format_github, has_errors
from generator.records.catalog import Catalog, Record

COMMENT_MARKER = "<!-- makelocal-pr-report -->"


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
    analysis: dict[str, Any] | None = None
    preview: str | None = None  # the preview's name in the saved report folder


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


@dataclass
class Report:
    base: str
    files: list[ChangedFile]
    checked: list[str]
    referencing: list[str]
    everything: bool
    findings: list[Finding]
    designs: list[DesignSummary]
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


def _design_summary(record: Record, findings: list[Finding]) -> DesignSummary:
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


def _analyse(catalog: Catalog, record: Record) -> dict[str, dict[str, Any]]:
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
    return {str(r["part"]): r for r in run(jobs, settings)}


_NOT_IN_FILE_NAMES = re.compile(r"[^a-z0-9-]+")


def _file_name(text: str) -> str:
    """An id as one harmless part of a file name: the ids of a change may not have passed
    validation, and `../x` must not put a preview outside the saved report's folder."""
    return _NOT_IN_FILE_NAMES.sub("-", text.lower()).strip("-") or "part"


def build_report(root: Path, base: str | None) -> Report:
    check = check_changes(root, base)
    selection = check.selection
    report = Report(
        base=selection.base,
        files=selection.files,
        checked=sorted(selection.changed),
        referencing=sorted(selection.referencing),
        everything=selection.everything,
        findings=check.findings,
        designs=[],
    )
    changed = [
        record
        for record in sorted(check.catalog.records, key=lambda r: r.display)
        if record.type == "design" and record.display in selection.changed
    ]
    for record in changed:
        design = _design_summary(record, check.findings)
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
            result = dict(analyses.get(part.id) or {})
            if not result:
                part.analysis_note = "its file is missing or a link (see the problems above)"
                continue
            part.verdict = result["verdict"]
            if "error" in result:
                part.analysis_note = result["error"]
                continue
            preview = Path(result.pop("preview_png", ""))
            if preview.is_file():
                part.preview = f"previews/{_file_name(design.id)}--{_file_name(part.id)}.png"
                report.previews[part.preview] = preview.read_bytes()
            part.analysis = result
    return report


# --- output ----------------------------------------------------------------------------


def format_report_json(report: Report) -> str:
    payload = {
        "base": report.base,
        "errors": report.errors,
        "warnings": report.warnings,
        "everything_checked": report.everything,
        "changed_files": [asdict(f) for f in report.files],
        "checked_records": report.checked,
        "referencing_records": report.referencing,
        "findings": [asdict(f) for f in report.findings],
        "designs": [asdict(d) for d in report.designs],
        "analysis_errors": report.analysis_errors,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


# Without [ and ] no link or image can form; without | no table cell can end.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _md(text: str) -> str:
    """Contributor text made inert in a GitHub comment: no HTML, links, tables or pings."""
    text = " ".join(text.split())
    text = html.escape(text, quote=False)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "@\u200b")


def _code(text: str) -> str:
    """A path or id in a code span; backticks inside cannot end it."""
    return "`" + " ".join(text.split()).replace("`", "'").replace("|", "\\|") + "`"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else "?"


def _analysis_markdown(design: DesignSummary) -> list[str]:
    """Each part's verdict, size, and mass and time per material; then the reasons."""
    analysed = [p for p in design.parts if p.file]
    if not analysed:
        return []
    lines = [
        "| part | verdict | size (mm) | material | mass (g) | print time (min) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    reasons: list[str] = []
    for part in analysed:
        name = _md(part.name or part.id)
        if part.analysis is None:
            lines.append(f"| {name} | not analysed: {_md(part.analysis_note)} | | | | |")
            continue
        size = " x ".join(_number(v) for v in part.analysis.get("size_mm") or [])
        rows = part.analysis.get("materials") or [{}]
        for row in rows:
            material = _code(row["material"]) if row.get("material") else "none"
            lines.append(
                f"| {name} | {part.verdict} | {size} | {material} | "
                f"{_number(row.get('mass_g'))} | {_number(row.get('print_time_min'))} |"
            )
        for reason in part.analysis.get("reasons") or []:
            reasons.append(f"- {name} ({reason['level']}): {_md(reason['message'])}")
    lines += ["", *reasons] if reasons else []
    if any(p.preview for p in analysed):
        lines += ["", "Preview images are in the check's `pr-report` artifact, in `previews/`."]
    return [*lines, ""]


def format_report_markdown(report: Report) -> str:
    """The pull-request comment; the comment workflow finds it again by its marker."""
    ok = not has_errors(report.findings)
    head = "Ready for review" if ok else "Changes needed before review"
    lines = [
        COMMENT_MARKER,
        f"## MakeLocal check: {head}",
        "",
        f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')} in "
        f"{_plural(len(report.files), 'changed file')}; "
        + (
            "schemas or the generator changed, so every record was checked."
            if report.everything
            else f"{_plural(len(report.checked), 'changed record')} checked"
            + (
                f", with {_plural(len(report.referencing), 'record')} that refer to them."
                if report.referencing
                else "."
            )
        ),
        "",
    ]
    if report.findings:
        lines += [
            "### Problems",
            "",
            "| where | code | problem | how to fix |",
            "| --- | --- | --- | --- |",
        ]
        for f in report.findings:
            where = _code(f"{f.file}:{f.line}:{f.column}")
            code = f"{f.code} {f.severity}"
            lines.append(f"| {where} | {code} | {_md(f.message)} | {_md(f.hint)} |")
        lines.append("")
    for design in report.designs:
        state = (
            "no problems"
            if not design.errors and not design.warnings
            else f"{_plural(design.errors, 'error')}, {_plural(design.warnings, 'warning')}"
        )
        lines += [
            f"### Design {_md(design.title)} ({_code(design.path)})",
            "",
            f"Licence {_code(design.licence or '?')}, maturity {_code(design.maturity or '?')}: "
            f"{state}.",
            "",
            "| part | quantity | file | editable source | process | materials |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for part in design.parts:
            alternative = (
                f" (alternative to {_code(part.alternative_to)})" if part.alternative_to else ""
            )
            lines.append(
                f"| {_md(part.name or part.id)}{alternative} | {part.quantity} | "
                f"{_code(part.file) if part.file else 'none'} | "
                f"{_code(part.source) if part.source else 'none'} | "
                f"{_code(part.process)} | {', '.join(_code(m) for m in part.materials)} |"
            )
        lines.append("")
        lines += _analysis_markdown(design)
    if report.analysis_errors:
        lines += ["### The analysis broke", ""]
        lines += [f"- {_md(error)}" for error in report.analysis_errors]
        lines.append("")
    if ok and report.analysis_errors:
        lines.append("The records pass their checks; a maintainer will look into the analysis.")
    elif ok:
        lines.append("Every check passed. A maintainer will review the content and its sources.")
    else:
        lines.append(
            "Fix the problems above and push again; this comment is updated on every push. "
            "Locally, `makelocal validate --changed` shows the same findings."
        )
    return "\n".join(lines)


def format_report_github(report: Report) -> str:
    return format_github(report.findings)
