"""Findings (errors and warnings with a position) and the reporters that print them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from generator.findings.codes import CODES, Severity


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity
    hint: str

    @classmethod
    def of(cls, code: str, file: str, line: int, column: int, message: str) -> Finding:
        entry = CODES[code]
        return cls(file, line, column, code, message, entry.severity, entry.hint)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def counts(findings: list[Finding]) -> tuple[int, int]:
    """The number of errors and of warnings."""
    errors = sum(f.severity == "error" for f in findings)
    return errors, len(findings) - errors


def _summary(findings: list[Finding]) -> str:
    errors, warnings = counts(findings)
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def format_text(findings: list[Finding], checked: int) -> str:
    """Grouped by file, errors before warnings, each with its hint."""
    lines: list[str] = []
    by_file: dict[str, list[Finding]] = {}
    for finding in sorted(findings):
        by_file.setdefault(finding.file, []).append(finding)
    for file, group in by_file.items():
        lines.append(file)
        for severity in ("error", "warning"):
            for f in (g for g in group if g.severity == severity):
                lines.append(f"  {f.file}:{f.line}:{f.column}: {f.code} {severity}: {f.message}")
                lines.append(f"      hint: {f.hint}")
        lines.append("")
    lines.append(f"{checked} file{'s' * (checked != 1)} checked: {_summary(findings)}")
    return "\n".join(lines)


def _escape_github(text: str, *, property_value: bool = False) -> str:
    # Workflow commands treat %, CR and LF (and in properties , and :) as syntax.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands, shown as annotations on the changed lines."""
    lines = []
    for f in sorted(findings):
        props = ",".join(
            [
                f"file={_escape_github(f.file, property_value=True)}",
                f"line={f.line}",
                f"col={f.column}",
                f"title={_escape_github(f.code + ' ' + CODES[f.code].title, property_value=True)}",
            ]
        )
        message = _escape_github(f"{f.message}. Hint: {f.hint}")
        lines.append(f"::{f.severity} {props}::{message}")
    return "\n".join(lines)


def format_json(findings: list[Finding], checked: int) -> str:
    errors, warnings = counts(findings)
    payload = {
        "checked": checked,
        "errors": errors,
        "warnings": warnings,
        "findings": [asdict(f) for f in sorted(findings)],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)
