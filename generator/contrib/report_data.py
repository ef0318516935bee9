"""The pull-request check's report (`report.json`) read back as plain, typed data, for the
comment the trusted workflow writes from it (generator.contrib.comment).

The report comes from a run of the pull request's own code, so it is read as data from an
unknown hand: every value the comment uses is checked for its type, text is kept as text
(the comment shows it as such), and a figure that is missing or not a finite number is
None. Only the standard library is used, so that the workflow runs this from the default
branch without installing anything.
"""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Any

from generator.records.regular_file import FileTooLarge, NotRegularFile, read_whole_file

MAX_REPORT_BYTES = 10 * 1024 * 1024
# Where records live; a change anywhere else needs a maintainer's review.
RECORD_FOLDERS = ("catalog/", "designs/")


@dataclasses.dataclass(frozen=True, order=True)
class ChangedFile:
    path: str  # relative to the repository root, with forward slashes
    status: str  # added, modified, deleted, type-changed (or GitHub's words for them)


class ReportUnreadable(ValueError):
    """The report is not what the check writes; the message says where it differs."""


@dataclasses.dataclass(frozen=True)
class FindingRow:
    file: str
    line: int
    column: int
    code: str
    severity: str
    message: str


@dataclasses.dataclass(frozen=True)
class MaterialRow:
    material: str
    mass_g: float | None
    print_time_min: float | None


@dataclasses.dataclass(frozen=True)
class PartRow:
    id: str
    name: str
    quantity: int
    file: str | None
    source: str | None
    process: str
    materials: tuple[str, ...]
    alternative_to: str | None
    verdict: str | None
    note: str
    size_mm: tuple[float, ...] | None
    uses: tuple[MaterialRow, ...]
    reasons: tuple[tuple[str, str], ...]  # (level, message)
    preview: bool


@dataclasses.dataclass(frozen=True)
class OriginRow:
    title: str
    design: str | None
    url: str | None
    licence: str | None


@dataclasses.dataclass(frozen=True)
class DesignRow:
    path: str
    title: str
    licence: str
    maturity: str
    parts: tuple[PartRow, ...]
    derived_from: tuple[OriginRow, ...] = ()


@dataclasses.dataclass(frozen=True)
class RecordRow:
    type: str
    id: str
    path: str
    status: str
    name: str
    facts: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class EvidenceRow:
    design: str
    title: str
    before: str
    after: str
    lifted: bool
    because: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class ReportData:
    everything: bool
    changed: tuple[ChangedFile, ...]
    checked: int
    referencing: int
    findings: tuple[FindingRow, ...]
    designs: tuple[DesignRow, ...]
    analysis_errors: tuple[str, ...]
    records: tuple[RecordRow, ...] = ()
    evidence: tuple[EvidenceRow, ...] = ()

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


# --- reading the report: every value checked for its type --------------------------------


def _get(mapping: Any, key: str, kind: type, where: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise ReportUnreadable(f"{where}: no {key!r}")
    value = mapping[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ReportUnreadable(f"{where}.{key}: not the kind of value the check writes")
    return value


def _text_or_none(mapping: dict[str, Any], key: str) -> str | None:
    value = mapping.get(key)
    return value if isinstance(value, str) else None


def _figure(value: Any) -> float | None:
    """A finite number, or None for anything else (then shown as `?`)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _texts(mapping: Any, key: str, where: str) -> tuple[str, ...]:
    values = _get(mapping, key, list, where)
    if not all(isinstance(v, str) for v in values):
        raise ReportUnreadable(f"{where}.{key}: not a list of texts")
    return tuple(values)


def _changed(item: Any, where: str) -> ChangedFile:
    return ChangedFile(_get(item, "path", str, where), _get(item, "status", str, where))


def _finding(item: Any, where: str) -> FindingRow:
    return FindingRow(
        _get(item, "file", str, where),
        _get(item, "line", int, where),
        _get(item, "column", int, where),
        _get(item, "code", str, where),
        _get(item, "severity", str, where),
        _get(item, "message", str, where),
    )


def _analysis(part: PartRow, analysis: Any) -> PartRow:
    """The figures the comment shows, from a part's analysis in its JSON form; a figure
    that is missing or not a number is shown as `?`."""
    if not isinstance(analysis, dict):
        return part
    size = analysis.get("size_mm")
    uses = tuple(
        MaterialRow(
            _text_or_none(use, "material") or "?",
            _figure(use.get("mass_g")),
            _figure(use.get("print_time_min")),
        )
        for use in analysis.get("materials") or []
        if isinstance(use, dict)
    )
    reasons = tuple(
        (str(reason.get("level")), str(reason.get("message")))
        for reason in analysis.get("reasons") or []
        if isinstance(reason, dict)
    )
    figures = [_figure(v) for v in size] if isinstance(size, list) and len(size) == 3 else []
    return dataclasses.replace(
        part,
        size_mm=tuple(v for v in figures if v is not None) if figures else None,
        uses=uses,
        reasons=reasons,
    )


def _part(item: Any, where: str) -> PartRow:
    materials = _texts(item, "materials", where)
    part = PartRow(
        id=_get(item, "id", str, where),
        name=_get(item, "name", str, where),
        quantity=_get(item, "quantity", int, where),
        file=_text_or_none(item, "file"),
        source=_text_or_none(item, "source"),
        process=_get(item, "process", str, where),
        materials=materials,
        alternative_to=_text_or_none(item, "alternative_to"),
        verdict=_text_or_none(item, "verdict"),
        note=_text_or_none(item, "analysis_note") or "",
        size_mm=None,
        uses=(),
        reasons=(),
        preview=isinstance(item.get("preview"), str),
    )
    return _analysis(part, item.get("analysis"))


def _optional_list(mapping: Any, key: str, where: str) -> list[Any]:
    """A list the check writes since it learnt to (an older report has none): []."""
    return _get(mapping, key, list, where) if isinstance(mapping, dict) and key in mapping else []


def _origin(item: Any, where: str) -> OriginRow:
    if not isinstance(item, dict):
        raise ReportUnreadable(f"{where}: not the kind of value the check writes")
    return OriginRow(
        _get(item, "title", str, where),
        _text_or_none(item, "design"),
        _text_or_none(item, "url"),
        _text_or_none(item, "licence"),
    )


def _design(item: Any, where: str) -> DesignRow:
    parts = _get(item, "parts", list, where)
    origins = _optional_list(item, "derived_from", where)
    return DesignRow(
        _get(item, "path", str, where),
        _get(item, "title", str, where),
        _get(item, "licence", str, where),
        _get(item, "maturity", str, where),
        tuple(_part(p, f"{where}.parts[{i}]") for i, p in enumerate(parts)),
        tuple(_origin(o, f"{where}.derived_from[{i}]") for i, o in enumerate(origins)),
    )


def _record(item: Any, where: str) -> RecordRow:
    return RecordRow(
        _get(item, "type", str, where),
        _get(item, "id", str, where),
        _get(item, "path", str, where),
        _get(item, "status", str, where),
        _get(item, "name", str, where),
        _texts(item, "facts", where),
    )


def _evidence(item: Any, where: str) -> EvidenceRow:
    return EvidenceRow(
        _get(item, "design", str, where),
        _get(item, "title", str, where),
        _get(item, "before", str, where),
        _get(item, "after", str, where),
        _get(item, "lifted", bool, where),
        _texts(item, "because", where),
    )


def read_report(data: Any) -> ReportData:
    """The report as `makelocal pr-report --save` writes it; ReportUnreadable otherwise."""
    changed = _get(data, "changed_files", list, "report")
    findings = _get(data, "findings", list, "report")
    designs = _get(data, "designs", list, "report")
    return ReportData(
        everything=_get(data, "everything_checked", bool, "report"),
        changed=tuple(_changed(f, f"changed_files[{i}]") for i, f in enumerate(changed)),
        checked=len(_texts(data, "checked_records", "report")),
        referencing=len(_texts(data, "referencing_records", "report")),
        findings=tuple(_finding(f, f"findings[{i}]") for i, f in enumerate(findings)),
        designs=tuple(_design(d, f"designs[{i}]") for i, d in enumerate(designs)),
        analysis_errors=_texts(data, "analysis_errors", "report"),
        records=tuple(
            _record(r, f"records[{i}]")
            for i, r in enumerate(_optional_list(data, "records", "report"))
        ),
        evidence=tuple(
            _evidence(e, f"evidence_changes[{i}]")
            for i, e in enumerate(_optional_list(data, "evidence_changes", "report"))
        ),
    )


def load_report(path: Path) -> ReportData:
    """The report file, read as untrusted JSON."""
    try:
        data = read_whole_file(path, MAX_REPORT_BYTES)
    except FileTooLarge:
        raise ReportUnreadable(f"{path.name} is over {MAX_REPORT_BYTES // 2**20} MiB") from None
    except NotRegularFile:
        raise ReportUnreadable(f"{path.name} is not a regular file") from None
    except OSError as error:
        raise ReportUnreadable(f"{path.name} cannot be read ({error.strerror})") from None
    try:
        return read_report(json.loads(data.decode("utf-8")))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, an int of 5,000 digits
        raise ReportUnreadable(f"{path.name} is not JSON") from None


def load_changed_files(path: Path) -> tuple[list[ChangedFile], bool]:
    """The pull request's files as the comment workflow wrote them from GitHub's API:
    {"files": [{"path", "status"}, ...], "complete": whether GitHub listed them all}."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise ReportUnreadable(f"{path.name} cannot be read ({error})") from None
    files = _get(data, "files", list, "changed files")
    changed = [_changed(f, f"files[{i}]") for i, f in enumerate(files)]
    return changed, _get(data, "complete", bool, "changed files")
