"""What every reporter renders, and the wording they share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from generator.findings import Finding, counts, has_errors

# Types only: a command that prints findings loads neither the analysis's results nor the
# report's module (git, the analysis runner). Reporters import results where they read them.
if TYPE_CHECKING:
    from generator.analysis.results import PartResult, PartWithoutMesh
    from generator.contrib.pr_report import Report


class Reporter(ABC):
    """One output format for the three things makelocal reports: validation findings, the
    analysis of parts, and the pull-request report. Each returns the whole output ("" for
    nothing to say)."""

    name: ClassVar[str]

    @abstractmethod
    def findings(self, findings: Sequence[Finding], checked: int) -> str:
        """`makelocal validate`: the findings on `checked` files."""

    @abstractmethod
    def analysis(self, parts: Sequence[PartResult], without_mesh: Sequence[PartWithoutMesh]) -> str:
        """`makelocal analyse`: each part's analysis, and the parts with nothing to analyse."""

    @abstractmethod
    def pr_report(self, report: Report) -> str:
        """`makelocal pr-report`: the check of a change."""


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def findings_summary(findings: Sequence[Finding], checked: int) -> str:
    errors, warnings = counts(list(findings))
    return f"{plural(checked, 'file')} checked: {plural(errors, 'error')}, " + plural(
        warnings, "warning"
    )


def report_heading(report: Report) -> str:
    """The report's verdict on the change."""
    ready = not has_errors(report.findings)
    return f"MakeLocal check: {'Ready for review' if ready else 'Changes needed before review'}"


def report_summary(report: Report) -> str:
    """How much was checked, and what it found."""
    return (
        f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')} in "
        f"{plural(len(report.files), 'changed file')}; "
        + (
            "schemas or the generator changed, so every record was checked."
            if report.everything
            else f"{plural(len(report.checked), 'changed record')} checked"
            + (
                f", with {plural(len(report.referencing), 'record')} that refer to them."
                if report.referencing
                else "."
            )
        )
    )
