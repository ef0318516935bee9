"""Findings: errors and warnings with a position (generator.reporters prints them)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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

    def located(self) -> str:
        """`path:line:col: ML123 error: message`, the form editors and CI logs link."""
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.severity}: {self.message}"


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def counts(findings: list[Finding]) -> tuple[int, int]:
    """The number of errors and of warnings."""
    errors = sum(f.severity == "error" for f in findings)
    return errors, len(findings) - errors
