"""What every reporter renders, and the wording they share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from generator.findings import Finding, counts, has_errors

# Types only: a command that prints findings loads neither the analysis's results nor the
# report's module (git, the analysis runner). Reporters import results where they read them.
if TYPE_CHECKING:
    from generator.analysis.results import Analysis, PartResult, PartWithoutMesh
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


def figures_line(analysis: Analysis) -> str:
    """A part's key figures on one line, in the words of its process's analysis."""
    words: list[str] = []
    mesh, shape = analysis.mesh, analysis.geometry
    if mesh is not None and shape is not None:
        volume = shape.volume_cm3
        words += [
            f"{mesh.faces} faces, {mesh.bodies} bodies, "
            f"{'watertight' if mesh.watertight else 'NOT watertight'}",
            f"{' x '.join(f'{v:.1f}' for v in shape.size_mm)} mm",
            f"volume {f'{volume:.2f} cm3' if volume is not None else 'unknown'}",
        ]
    if analysis.printability is not None:
        words.append(f"overhang {analysis.printability.overhang_area_mm2 or 0:.0f} mm2")
    if (mould := analysis.moulding) is not None:
        thinnest = "?" if mould.wall_min_mm is None else f"{mould.wall_min_mm:g}"
        walls = f"{thinnest}-{mould.wall_max_mm:g}"
        words += [
            f"low draft {mould.low_draft_area_mm2:.0f} mm2",
            f"undercut {mould.undercut_area_mm2:.0f} mm2",
            f"walls {walls} mm",
        ]
    if (form := analysis.forming) is not None:
        deepest = max((p.depth_ratio for p in form.pockets), default=0.0)
        words += [
            f"low draft {form.low_draft_area_mm2:.0f} mm2",
            f"undercut {form.undercut_area_mm2:.0f} mm2",
            f"deepest pocket {deepest:.0%} of its width",
            f"areal draw ratio {form.areal_draw_ratio:g}",
        ]
    if (flat := analysis.flat) is not None:
        words += [
            f"{plural(flat.pieces, 'piece')}, "
            f"{flat.outline_size_mm[0]:.1f} x {flat.outline_size_mm[1]:.1f} mm",
            f"area {flat.area_mm2:.0f} mm2, cut length {flat.perimeter_mm:.0f} mm",
        ]
        if flat.pieces_per_sheet is not None:
            words.append(f"{flat.pieces_per_sheet} per sheet ({flat.sheet})")
    return ", ".join(words)
