"""Plain text for a terminal: findings grouped by file with their hints, each part's
figures and reasons, and the pull-request report in the same words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from generator.analysis.said import written
from generator.findings import Finding, has_errors
from generator.findings.codes import LOCAL_COMMAND
from generator.findings.language import _
from generator.reporters.base import (
    Reporter,
    figures_line,
    findings_summary,
    plan_lines,
    plural,
    report_heading,
    report_summary,
    slicer_line,
)

if TYPE_CHECKING:
    from generator.analysis.results import (
        MaterialUse,
        PartAnalysis,
        PartResult,
        PartWithoutMesh,
        ProfileUsed,
    )
    from generator.contrib.pr_report import DesignSummary, PartSummary, Report
    from generator.makeit.plan import Plan


class TextReporter(Reporter):
    name = "text"

    def findings(self, findings: Sequence[Finding], checked: int) -> str:
        """Grouped by file, errors before warnings, each with its hint."""
        return "\n".join([*_finding_lines(findings), findings_summary(findings, checked)])

    def analysis(self, parts: Sequence[PartResult], without_mesh: Sequence[PartWithoutMesh]) -> str:
        from generator.analysis.results import PartAnalysis

        lines: list[str] = []
        # A profile's assumptions differ where a design prints a part with supports.
        profiles: dict[tuple[object, ...], ProfileUsed] = {}
        for part in without_mesh:
            lines.append(f"{part.file}, part {part.part}: NOT ANALYSED")
            lines.append(f"  {part.reason}")
        for result in parts:
            lines.append(f"{result.analysed.file}: {result.verdict.upper()}")
            if not isinstance(result, PartAnalysis):
                lines.append(f"  {result.error}")
                continue
            lines.extend("  " + line for line in _part_lines(result))
            if result.prusa_slicer is not None:
                lines.append(f"  {slicer_line(result.prusa_slicer)}")
            profile = result.analysis.profile
            profiles[(profile.name, profile.assumptions, profile.changes)] = profile
        for profile in profiles.values():
            if profile.name:
                lines.append(f"\nProfile: {profile.name}")
                lines.extend(f"  assumption: {written(a)}" for a in profile.assumptions or ())
                lines.extend(f"  set by the process record: {c}" for c in profile.changes or ())
        return "\n".join(lines)

    def plan(self, batch: Plan) -> str:
        return "\n".join(plan_lines(batch))

    def pr_report(self, report: Report) -> str:
        lines = [report_heading(report), report_summary(report), ""]
        lines += _finding_lines(report.findings)
        for design in report.designs:
            lines += _design_lines(design)
        if report.analysis_errors:
            lines += ["The analysis broke:", *(f"  {e}" for e in report.analysis_errors), ""]
        if has_errors(report.findings):
            lines.append(
                f"Fix the problems above; `{LOCAL_COMMAND} validate --changed` finds them too."
            )
        elif report.analysis_errors:
            lines.append("The records pass their checks; the analysis needs a maintainer.")
        else:
            lines.append("Every check passed.")
        return "\n".join(lines)


def _finding_lines(findings: Sequence[Finding]) -> list[str]:
    lines: list[str] = []
    by_file: dict[str, list[Finding]] = {}
    for finding in sorted(findings):
        by_file.setdefault(finding.file, []).append(finding)
    for file, group in by_file.items():
        lines.append(file)
        for severity in ("error", "warning"):
            for f in (g for g in group if g.severity == severity):
                lines.append(f"  {f.located()}")
                lines.append("      " + _("hint: %(hint)s", hint=f.hint))
        lines.append("")
    return lines


def _part_lines(result: PartAnalysis) -> list[str]:
    """The mesh and size, the print settings the design recommends, a line per material,
    and the reasons for the verdict."""
    from generator.analysis.print_settings import recommended_phrases

    analysis = result.analysis
    lines = [figures_line(analysis)]
    profile = analysis.profile
    if profile.recommended is not None and profile.settings is not None:
        words = recommended_phrases(profile.settings, profile.recommended)
        said = ", ".join(written(w) for w in words)
        lines.append(f"print settings the design recommends: {said}")
    lines += [_material_line(row) for row in analysis.materials]
    lines += [f"- {reason.level}: {reason.message}" for reason in analysis.reasons]
    return lines


def _material_line(row: MaterialUse) -> str:
    parts = [row.material + ":"]
    if row.mass_g is not None:
        parts.append(f"{row.mass_g:.1f} g")
    if row.filament is not None:
        parts.append(
            f"{row.filament.filament_m:.2f} m filament, {row.filament.print_time_min:.0f} min"
        )
    if row.cost_usd is not None:
        parts.append(f"{row.cost_usd:.2f} USD")
    if row.note:
        parts.append(f"({row.note})")
    return " ".join(parts)


def _line(text: str) -> str:
    """Contributor text on one line, so that it cannot pass for another line."""
    return " ".join(text.split())


def _design_lines(design: DesignSummary) -> list[str]:
    state = (
        "no problems"
        if not design.errors and not design.warnings
        else f"{plural(design.errors, 'error')}, {plural(design.warnings, 'warning')}"
    )
    lines = [
        f"Design {_line(design.title)} ({design.path}): licence {_line(design.licence or '?')}, "
        f"maturity {_line(design.maturity or '?')}: {state}"
    ]
    for part in design.parts:
        lines += _summary_part_lines(part)
    return [*lines, ""]


def _summary_part_lines(part: PartSummary) -> list[str]:
    made = f"{part.quantity} x {part.file or 'no mesh file'}"
    if part.source:
        made += f" (source {part.source})"
    alternative = f", alternative to {part.alternative_to}" if part.alternative_to else ""
    head = (
        f"  part {_line(part.name or part.id)}{alternative}: {made}, {part.process} in "
        f"{', '.join(part.materials) or 'no material'}"
    )
    if part.analysis is not None:
        return [
            f"{head}: {part.analysis.verdict.upper()}",
            *("    " + line for line in _part_lines(part.analysis)),
        ]
    if part.file is None:
        return [head]
    status = part.verdict.upper() if part.verdict else "NOT ANALYSED"
    return [f"{head}: {status}", f"    {_line(part.analysis_note)}"]
