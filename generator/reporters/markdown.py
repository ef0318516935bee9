"""Markdown, for a GitHub comment or a page: tables of findings and of parts' figures, and
the pull-request comment (written by generator.contrib.comment).

Contributor text is made inert: no HTML, links, images, tables cells or @-mentions can
form from it (`inert`), and paths and ids sit in code spans (`code`).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from generator.findings import Finding
from generator.findings.language import _
from generator.reporters.base import (
    Reporter,
    findings_summary,
    slicer_line,
)

if TYPE_CHECKING:
    from generator.analysis.results import PartAnalysis, PartResult, PartWithoutMesh
    from generator.contrib.pr_report import Report


def findings_head() -> list[str]:
    """The head of the table of findings, in the language being spoken."""
    return [_("| where | code | problem | how to fix |"), "| --- | --- | --- | --- |"]


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
            lines += ["", *findings_head(), *(_finding_row(f) for f in sorted(findings))]
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
        slicer = [
            f"- {code(r.analysed.file)}: {inert(slicer_line(r.prusa_slicer))}"
            for r in parts
            if isinstance(r, PartAnalysis) and r.prusa_slicer is not None
        ]
        lines += ["", *reasons] if reasons else []
        lines += ["", "PrusaSlicer's own figures:", "", *slicer] if slicer else []
        if without_mesh:
            lines += ["", "Not analysed, having no mesh file:", ""]
            lines += [
                f"- {code(p.file)}, part {code(p.part)}: {inert(p.reason)}" for p in without_mesh
            ]
        return "\n".join(lines)

    def pr_report(self, report: Report) -> str:
        """The pull-request comment, written from the report's JSON form by the same code
        the comment workflow runs (generator.contrib.comment), with the files of the
        change as git lists them."""
        from generator.contrib.comment import comment_markdown
        from generator.contrib.report_data import read_report
        from generator.reporters import reporter

        return comment_markdown(
            read_report(json.loads(reporter("json").pr_report(report))), report.files
        )
