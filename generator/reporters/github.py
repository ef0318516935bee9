"""GitHub Actions workflow commands, which the Actions run shows as annotations on the
files: one per finding, and one per part that needs attention or cannot be made."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from generator.findings import Finding
from generator.findings.language import _, speaking_now, title
from generator.reporters.base import Reporter

if TYPE_CHECKING:
    from generator.analysis.results import PartResult, PartWithoutMesh
    from generator.contrib.pr_report import Report

# Each verdict that asks for something: its annotation level and title.
PART_ANNOTATIONS = {
    "needs-attention": ("warning", "Part needs attention"),
    "not-printable": ("error", "Part cannot be made as it is"),
    "unreadable": ("error", "Part file cannot be read"),
    "not-analysed": ("warning", "Part not analysed"),
}


def escape(text: str, *, property_value: bool = False) -> str:
    """Text made literal in a workflow command: %, CR and LF (and in properties , and :)
    are its syntax."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def command(level: str, properties: dict[str, str | int], message: str) -> str:
    shown = ",".join(
        f"{name}={escape(str(value), property_value=True)}" for name, value in properties.items()
    )
    return f"::{level} {shown}::{escape(message)}"


class GithubReporter(Reporter):
    name = "github"

    def findings(self, findings: Sequence[Finding], checked: int) -> str:
        return "\n".join(
            command(
                f.severity,
                {
                    "file": f.file,
                    "line": f.line,
                    "col": f.column,
                    "title": f"{f.code} {title(f.code, speaking_now())}",
                },
                _("%(message)s. Hint: %(hint)s", message=f.message, hint=f.hint),
            )
            for f in sorted(findings)
        )

    def analysis(self, parts: Sequence[PartResult], without_mesh: Sequence[PartWithoutMesh]) -> str:
        """Parts that are ready, or have no mesh to analyse, need no annotation."""
        from generator.analysis.results import PartAnalysis

        lines = []
        for part in parts:
            if part.verdict not in PART_ANNOTATIONS:
                continue
            level, title = PART_ANNOTATIONS[part.verdict]
            if isinstance(part, PartAnalysis):
                counted = [r for r in part.analysis.reasons if r.level != "info"]
                message = "; ".join(f"{r.level}: {r.message}" for r in counted)
            else:
                message = part.error
            lines.append(command(level, {"file": part.analysed.file, "title": title}, message))
        return "\n".join(lines)

    def pr_report(self, report: Report) -> str:
        """The findings on the lines of the change (the comment carries the analysis)."""
        return self.findings(report.findings, len(report.checked))
