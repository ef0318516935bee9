"""Markdown, for a GitHub comment or a page: tables of findings and of parts' figures, and
the pull-request comment.

Contributor text is made inert: no HTML, links, images, tables cells or @-mentions can
form from it (`inert`), and paths and ids sit in code spans (`code`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from generator.findings import Finding, has_errors
from generator.reporters.base import (
    Reporter,
    findings_summary,
    plural,
    report_heading,
    report_summary,
)

if TYPE_CHECKING:
    from generator.analysis.results import PartAnalysis, PartResult, PartWithoutMesh
    from generator.contrib.pr_report import DesignSummary, Report

# The pull-request comment's first line: the comment workflow finds its comment by it.
COMMENT_MARKER = "<!-- makelocal-pr-report -->"
FINDINGS_HEAD = ["| where | code | problem | how to fix |", "| --- | --- | --- | --- |"]
# Without [ and ] no link or image can form; without | no table cell can end.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def inert(text: str) -> str:
    """Contributor text made inert in a GitHub comment: no HTML, links, tables or pings."""
    text = " ".join(text.split())
    text = html.escape(text, quote=False)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "@\u200b")


def code(text: str) -> str:
    """A path or id in a code span; backticks inside cannot end it."""
    return "`" + " ".join(text.split()).replace("`", "'").replace("|", "\\|") + "`"


def _number(value: float | None) -> str:
    return f"{value:g}" if isinstance(value, int | float) else "?"


def _finding_row(f: Finding) -> str:
    where = code(f"{f.file}:{f.line}:{f.column}")
    return f"| {where} | {f.code} {f.severity} | {inert(f.message)} | {inert(f.hint)} |"


def _material_rows(lead: str, result: PartAnalysis) -> list[str]:
    """A table row per material, after the `lead` cells: size, material, mass, time."""
    size = " x ".join(_number(v) for v in result.analysis.size_mm or ())
    rows = [
        f"{lead} {size} | {code(row.material) if row.material else 'none'} | "
        f"{_number(row.mass_g)} | "
        f"{_number(row.filament.print_time_min if row.filament else None)} |"
        for row in result.analysis.materials
    ]
    return rows or [f"{lead} {size} | none | ? | ? |"]


class MarkdownReporter(Reporter):
    name = "markdown"

    def findings(self, findings: Sequence[Finding], checked: int) -> str:
        lines = [findings_summary(findings, checked)]
        if findings:
            lines += ["", *FINDINGS_HEAD, *(_finding_row(f) for f in sorted(findings))]
        return "\n".join(lines)

    def analysis(self, parts: Sequence[PartResult], without_mesh: Sequence[PartWithoutMesh]) -> str:
        from generator.analysis.results import PartAnalysis

        lines = [
            "| file | part | verdict | size (mm) | material | mass (g) | print time (min) |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        reasons: list[str] = []
        for result in parts:
            name = code(result.analysed.part) if result.analysed.part else "none"
            lead = f"| {code(result.analysed.file)} | {name} | {result.verdict} |"
            if not isinstance(result, PartAnalysis):
                lines.append(f"{lead} | | | |")
                reasons.append(f"- {code(result.analysed.file)}: {inert(result.error)}")
                continue
            lines += _material_rows(lead, result)
            reasons += [
                f"- {code(result.analysed.file)} ({r.level}): {inert(r.message)}"
                for r in result.analysis.reasons
            ]
        lines += ["", *reasons] if reasons else []
        if without_mesh:
            lines += ["", "Not analysed, having no mesh file:", ""]
            lines += [
                f"- {code(p.file)}, part {code(p.part)}: {inert(p.reason)}" for p in without_mesh
            ]
        return "\n".join(lines)

    def pr_report(self, report: Report) -> str:
        """The pull-request comment; the comment workflow finds it again by its marker."""
        lines = [COMMENT_MARKER, f"## {report_heading(report)}", "", report_summary(report), ""]
        if report.findings:
            lines += ["### Problems", "", *FINDINGS_HEAD]
            lines += [_finding_row(f) for f in report.findings]
            lines.append("")
        for design in report.designs:
            lines += _design_markdown(design)
        if report.analysis_errors:
            lines += ["### The analysis broke", ""]
            lines += [f"- {inert(error)}" for error in report.analysis_errors]
            lines.append("")
        lines.append(_closing(report))
        return "\n".join(lines)


def _closing(report: Report) -> str:
    if has_errors(report.findings):
        return (
            "Fix the problems above and push again; this comment is updated on every push. "
            "Locally, `makelocal validate --changed` shows the same findings."
        )
    if report.analysis_errors:
        return "The records pass their checks; a maintainer will look into the analysis."
    return "Every check passed. A maintainer will review the content and its sources."


def _design_markdown(design: DesignSummary) -> list[str]:
    """The design's facts and parts, then each analysed part's figures and reasons."""
    state = (
        "no problems"
        if not design.errors and not design.warnings
        else f"{plural(design.errors, 'error')}, {plural(design.warnings, 'warning')}"
    )
    lines = [
        f"### Design {inert(design.title)} ({code(design.path)})",
        "",
        f"Licence {code(design.licence or '?')}, maturity {code(design.maturity or '?')}: {state}.",
        "",
        "| part | quantity | file | editable source | process | materials |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for part in design.parts:
        alternative = (
            f" (alternative to {code(part.alternative_to)})" if part.alternative_to else ""
        )
        lines.append(
            f"| {inert(part.name or part.id)}{alternative} | {part.quantity} | "
            f"{code(part.file) if part.file else 'none'} | "
            f"{code(part.source) if part.source else 'none'} | "
            f"{code(part.process)} | {', '.join(code(m) for m in part.materials)} |"
        )
    lines.append("")
    return lines + _analysis_markdown(design)


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
        name = inert(part.name or part.id)
        if part.analysis is None:
            lines.append(f"| {name} | not analysed: {inert(part.analysis_note)} | | | | |")
            continue
        lines += _material_rows(f"| {name} | {part.verdict} |", part.analysis)
        reasons += [
            f"- {name} ({reason.level}): {inert(reason.message)}"
            for reason in part.analysis.analysis.reasons
        ]
    lines += ["", *reasons] if reasons else []
    if any(p.preview for p in analysed):
        lines += ["", "Preview images are in the check's `pr-report` artifact, in `previews/`."]
    return [*lines, ""]
