"""The pull-request comment, written from the check's `report.json` by trusted code.

The check (`.github/workflows/pr-check.yml`) runs the pull request's own code, so its
report is data from an unknown hand: the comment workflow runs this module from the
default branch, with nothing installed (the standard library only), and builds the
comment from a fixed template. Everything the report holds is shown as a code span, where
GitHub makes nothing of it: no link (`www.evil.example`), reference (`#1`), mention,
image, HTML or emphasis; the hints come from this module's own table of codes. Whether
the change touches anything but records is decided from the pull request's files as
GitHub lists them, never from the report: a change to the generator, the workflows, the
configuration or the docs can make the check say anything, so it is listed for a
maintainer to review, and the comment never says that every check passed.

`makelocal pr-report --format markdown` prints the same comment from the same JSON.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.contrib.comment_summary import origins_line, records_section, summary_lines
from generator.contrib.inert_text import known, literal, plural, rounded
from generator.contrib.report_data import (
    RECORD_FOLDERS,
    ChangedFile,
    DesignRow,
    ReportData,
    ReportUnreadable,
    load_changed_files,
    load_report,
)
from generator.findings.codes import CODES, LOCAL_COMMAND
from generator.reporters.markdown import inert

# The comment's first line: the comment workflow finds its comment again by it.
COMMENT_MARKER = "<!-- makelocal-pr-report -->"
COMMENT_LIMIT = 60_000  # GitHub refuses comments over 65,536 characters
MAX_LISTED = 100  # changed files outside the records named one by one
CUT_SHORT = "(Cut short: the whole report is in the check's `pr-report` artifact.)"
_CODE = re.compile(r"ML\d{3}")
_REFERENCE = re.compile(r"#(?=\d)")
# The words of the report shown as they are, when they are one of these.
VERDICTS = {"ready", "needs-attention", "not-printable", "unreadable", "not-analysed"}
LEVELS = {"info", "attention", "blocker"}
SEVERITIES = {"error", "warning"}


def _hint(code: str) -> str:
    """How to fix a finding, from this module's own table of codes (never the report's)."""
    entry = CODES.get(code)
    hint = inert(entry.hint if entry else "A code this version of MakeLocal does not know.")
    return _REFERENCE.sub("#\u2060", hint)  # `&#106;` would link issue 106


def _count(value: int) -> str:
    return str(value) if 0 <= value < 10**9 else "?"


def outside_records(changed: Sequence[ChangedFile]) -> list[ChangedFile]:
    """The changed files that are not in the record folders."""
    return [f for f in changed if not f.path.startswith(RECORD_FOLDERS)]


def _heading(report: ReportData, outside: list[ChangedFile], complete: bool) -> str:
    if report.errors:
        return "Changes needed before review"
    if outside or not complete or report.analysis_errors:
        return "Needs a maintainer's review"
    return "Ready for review"


def _summary(report: ReportData) -> str:
    checked = (
        "schemas or the generator changed, so every record was checked."
        if report.everything
        else f"{plural(report.checked, 'changed record')} checked"
        + (
            f", with {plural(report.referencing, 'record')} that refer to them."
            if report.referencing
            else "."
        )
    )
    return (
        f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')} in "
        f"{plural(len(report.changed), 'changed file')}; {checked}"
    )


def _outside_section(outside: list[ChangedFile], complete: bool) -> list[str]:
    """The files a maintainer reads by hand: the check ran the pull request's own code, so
    with any of them changed its results say nothing until someone has."""
    if not outside and complete:
        return []
    lines = [
        "### Changes outside the records",
        "",
        "This pull request changes files outside `catalog/` and `designs/` (code, "
        "configuration, workflows or pages). The check ran the pull request's own code, so "
        "a maintainer reviews these files by hand before anything else:",
        "",
    ]
    lines += [f"- {literal(f.path)} ({literal(f.status)})" for f in outside[:MAX_LISTED]]
    if len(outside) > MAX_LISTED:
        lines.append(f"- and {len(outside) - MAX_LISTED} more")
    if not complete:
        lines.append("- and more files than GitHub lists for a pull request (3,000)")
    return [*lines, ""]


def _findings_section(report: ReportData) -> list[str]:
    if not report.findings:
        return []
    lines = [
        "### Problems",
        "",
        "| where | code | problem | how to fix |",
        "| --- | --- | --- | --- |",
    ]
    for f in report.findings:
        code = f.code if _CODE.fullmatch(f.code) else literal(f.code, cell=True)
        lines.append(
            f"| {literal(f'{f.file}:{f.line}:{f.column}', cell=True)} | {code} "
            f"{known(f.severity, SEVERITIES)} | {literal(f.message, cell=True)} | "
            f"{_hint(f.code)} |"
        )
    return [*lines, ""]


def _design_section(report: ReportData, design: DesignRow) -> list[str]:
    """The design's facts and parts, then each analysed part's figures and reasons."""
    own = [f for f in report.findings if f.file == design.path]
    errors = sum(f.severity == "error" for f in own)
    state = (
        f"{plural(errors, 'error')}, {plural(len(own) - errors, 'warning')}"
        if own
        else "no problems"
    )
    lines = [
        f"### Design {literal(design.title)} ({literal(design.path)})",
        "",
        f"Licence {literal(design.licence)}, maturity {literal(design.maturity)}: {state}.",
        "",
        *origins_line(design),
        "| part | quantity | file | editable source | process | materials |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for part in design.parts:
        alternative = (
            f" (alternative to {literal(part.alternative_to, cell=True)})"
            if part.alternative_to
            else ""
        )
        lines.append(
            f"| {literal(part.name or part.id, cell=True)}{alternative} | {_count(part.quantity)} "
            f"| {literal(part.file, cell=True) if part.file else 'none'} | "
            f"{literal(part.source, cell=True) if part.source else 'none'} | "
            f"{literal(part.process, cell=True)} | "
            f"{', '.join(literal(m, cell=True) for m in part.materials) or 'none'} |"
        )
    return [*lines, "", *_analysis_section(design)]


def _analysis_section(design: DesignRow) -> list[str]:
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
        name = literal(part.name or part.id, cell=True)
        if part.size_mm is None:
            verdict = known(part.verdict, VERDICTS) if part.verdict else "not analysed"
            lines.append(f"| {name} | {verdict}: {literal(part.note, cell=True)} | | | | |")
            continue
        lead = f"| {name} | {known(part.verdict or '?', VERDICTS)} |"
        size = " x ".join(rounded(v) for v in part.size_mm)
        lines += [
            f"{lead} {size} | {literal(use.material, cell=True)} | "
            f"{rounded(use.mass_g)} | {rounded(use.print_time_min)} |"
            for use in part.uses
        ] or [f"{lead} {size} | none | ? | ? |"]
        reasons += [
            f"- {name} ({known(level, LEVELS)}): {literal(message)}"
            for level, message in part.reasons
        ]
    lines += ["", *reasons] if reasons else []
    if any(p.preview for p in analysed):
        lines += ["", "Preview images are in the check's `pr-report` artifact, in `previews/`."]
    return [*lines, ""]


def _closing(report: ReportData, outside: list[ChangedFile], complete: bool) -> str:
    if report.errors:
        return (
            "Fix the problems above and push again; this comment is updated on every push. "
            f"Locally, `{LOCAL_COMMAND} validate --changed` shows the same findings."
        )
    if outside or not complete:
        return (
            "A maintainer reviews the changes outside the records first; the results above "
            "count once they have."
        )
    if report.analysis_errors:
        return "The records pass their checks; a maintainer will look into the analysis."
    return "Every check passed. A maintainer will review the content and its sources."


def comment_markdown(
    report: ReportData | ReportUnreadable,
    changed: Sequence[ChangedFile],
    *,
    complete: bool = True,
    run_url: str = "",
) -> str:
    """The comment on a pull request whose files (as GitHub lists them, or git locally) are
    `changed`; `complete` is False when GitHub listed only some of them."""
    outside = outside_records(changed)
    if isinstance(report, ReportUnreadable):
        lines = [
            COMMENT_MARKER,
            "## MakeLocal check: the report could not be read",
            "",
            "The check stopped before writing its report, or wrote one that cannot be read "
            f"({literal(str(report))}): see {run_url or 'the check run'}.",
            "",
            *_outside_section(outside, complete),
        ]
        return _bounded(lines)
    lines = [
        COMMENT_MARKER,
        f"## MakeLocal check: {_heading(report, outside, complete)}",
        "",
        _summary(report),
        "",
        *summary_lines(report, outside, complete),
        *_outside_section(outside, complete),
        *_findings_section(report),
    ]
    for design in report.designs:
        lines += _design_section(report, design)
    lines += records_section(report)
    if report.analysis_errors:
        lines += ["### The analysis broke", ""]
        lines += [f"- {literal(error)}" for error in report.analysis_errors]
        lines.append("")
    lines.append(_closing(report, outside, complete))
    return _bounded(lines)


def _bounded(lines: list[str]) -> str:
    """The comment, cut at a line (never inside a code span) to fit GitHub's limit; the
    marker only on its first line, where the comment workflow looks for it."""
    head, *body = lines
    text = "\n".join([head, *(line.replace(COMMENT_MARKER, "") for line in body)])
    if len(text) <= COMMENT_LIMIT:
        return text
    cut = text.rfind("\n", 0, COMMENT_LIMIT - len(CUT_SHORT) - 2)
    return text[:cut] + "\n\n" + CUT_SHORT


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path, help="report.json from the check's artifact")
    parser.add_argument("files", type=Path, help="the pull request's files, from GitHub")
    parser.add_argument("--run-url", default="", help="the check run, for a missing report")
    args = parser.parse_args(argv)
    changed, complete = load_changed_files(args.files)
    try:
        report: ReportData | ReportUnreadable = load_report(args.report)
    except ReportUnreadable as error:
        report = error
    sys.stdout.write(comment_markdown(report, changed, complete=complete, run_url=args.run_url))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
