"""What every reporter renders, and the wording they share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from generator.findings import Finding, counts, has_errors
from generator.findings.language import _, ngettext

# Types only: a command that prints findings loads neither the analysis's results nor the
# report's module (git, the analysis runner). Reporters import results where they read them.
if TYPE_CHECKING:
    from generator.analysis.results import (
        Analysis,
        PartResult,
        PartWithoutMesh,
        SlicerFailure,
        SlicerFigures,
    )
    from generator.contrib.pr_report import Report
    from generator.makeit.plan import Plan
    from generator.makeit.plan import Price as PlanPrice


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

    def plan(self, batch: Plan) -> str:
        """`makelocal plan`: what a batch takes. A format for annotations has nothing to
        say about it."""
        return ""


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def findings_summary(findings: Sequence[Finding], checked: int) -> str:
    """How many files were checked and what was found, in the language being spoken."""
    errors, warnings = counts(list(findings))
    return _(
        "%(files)s: %(errors)s, %(warnings)s",
        files=ngettext("%(num)d file checked", "%(num)d files checked", checked),
        errors=ngettext("%(num)d error", "%(num)d errors", errors),
        warnings=ngettext("%(num)d warning", "%(num)d warnings", warnings),
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


def slicer_line(figures: SlicerFigures | SlicerFailure) -> str:
    """PrusaSlicer's own figures for a part in words, or why there are none."""
    from generator.analysis.results import SlicerFailure

    if isinstance(figures, SlicerFailure):
        return f"PrusaSlicer could not slice it: {figures.error}"
    words = [f"{figures.filament_g:g} g"]
    if figures.filament_mm is not None:
        words.append(f"{figures.filament_mm / 1000:.2f} m filament")
    if figures.print_time_min is not None:
        words.append(f"{figures.print_time_min:.0f} min")
    return (
        f"PrusaSlicer, {figures.profile}: {', '.join(words)} "
        f"(sliced in {figures.slicer_seconds:.1f} s)"
    )


def money(amount: float, price: PlanPrice | None) -> str:
    currency = price.currency if price and price.currency else ""
    return f"{amount:,.2f} {currency}".strip()


def plan_lines(batch: Plan) -> list[str]:
    """A batch's plan in words: parts, material, machine time, stock, what is left out."""
    n = batch.quantity
    # Names for the ids parts give, where the totals have them.
    named = {m.material: m.name for m in batch.materials} | {
        m.process: m.name for m in batch.machines
    }
    lines = [f"{n} x {batch.title}", "", "Each product takes:"]
    for part in batch.parts:
        figures = []
        if part.grams_each is not None and part.material is not None:
            figures.append(f"{part.grams_each:g} g of {named.get(part.material, part.material)}")
        if part.minutes_each is not None:
            figures.append(f"{part.minutes_each:g} min ({part.time_basis})")
        lines.append(
            f"  {part.per_unit} x {part.name} ({named.get(part.process, part.process)}): "
            + (", ".join(figures) or "no figures")
        )
    if batch.materials:
        lines += ["", "Material:"]
        for m in batch.materials:
            line = f"  {m.name}: {m.kg_per_unit:.3f} kg per product, {m.kg_batch:.2f} kg for {n}"
            if m.price and m.cost_per_unit is not None and m.cost_batch is not None:
                line += (
                    f"; at {money(m.price.amount, m.price)} per kg: "
                    f"{money(m.cost_per_unit, m.price)} per product, "
                    f"{money(m.cost_batch, m.price)} for {n}"
                )
                if m.price.source:
                    line += f" (price: {m.price.place}, {m.price.date}, {m.price.source})"
            else:
                line += "; no price given (--price MATERIAL=AMOUNT/kg)"
            lines.append(line)
    if batch.machines:
        lines += ["", "Machine time:"]
        lines += [
            f"  {m.name}: {m.hours_per_unit:.2f} h per product, {m.hours_batch:.1f} h for {n}"
            for m in batch.machines
        ]
    if batch.stock:
        lines += ["", "Stock:"]
        lines += [
            f"  {s.batch:g} {s.unit} ({s.what}) for {n}" if s.unit == "sheets"
            else f"  {s.batch:.2f} {s.unit} of {s.what} for {n}"
            for s in batch.stock
        ]  # fmt: skip
    if batch.not_estimated:
        lines += ["", "Not estimated:", *(f"  {said}" for said in batch.not_estimated)]
    return lines
