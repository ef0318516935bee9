"""The pull-request check: what a change touches, every problem in it with how to fix it,
and a summary of each changed design, as Markdown (the PR comment), JSON (the artifact)
or GitHub annotations.

The checks on files (ML401-ML404) look at the files of the change itself; the checks on
text (ML405-ML407) run on records, alongside the validator, so that `makelocal validate`
reports them too.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from generator.analysis import analyse
from generator.catalog import Catalog, Record
from generator.changes import ChangedFile, Selection, load_selection, resolve_base, select
from generator.findings import Finding, format_github, has_errors
from generator.loader import MAX_FILE_BYTES, JsonPath
from generator.preview import render_png
from generator.scaffold import placeholder_findings
from generator.stl import StlError, read_triangles
from generator.validate import _field, _walk, validate_catalog

COMMENT_MARKER = "<!-- makelocal-pr-report -->"
MIB = 1024 * 1024
# Largest file of each kind that may land; anything else: DEFAULT_LIMIT.
SIZE_LIMITS: dict[str, int] = {
    ".stl": 20 * MIB,
    ".png": 2 * MIB,
    ".jpg": 2 * MIB,
    ".jpeg": 2 * MIB,
    ".webp": 2 * MIB,
    ".gif": 2 * MIB,
    ".yml": MAX_FILE_BYTES,
    ".yaml": MAX_FILE_BYTES,
    ".md": MAX_FILE_BYTES,
    ".scad": 2 * MIB,
}
DEFAULT_LIMIT = 20 * MIB
# Kinds of file that must be text: a NUL byte in one means a binary was saved under it.
TEXT_SUFFIXES = {".yml", ".yaml", ".md", ".scad", ".svg", ".txt", ".csv", ".json", ".toml"}
# Made by the build; also anything .gitignore ignores (a file can be added with `git add -f`).
GENERATED_PREFIXES = ("site/", "build/", ".cache/")

_HTML_TAG = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|/[A-Za-z][A-Za-z0-9-]*\s*|!--.*?--)>", re.DOTALL
)
_CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)


# --- checks on record text ------------------------------------------------------------


def _text_at(record: Record, path: JsonPath, value: str, offset: int) -> tuple[int, int]:
    mark = record.doc.mark(path)
    return mark.line + value.count("\n", 0, offset), mark.column


def markup_findings(catalog: Catalog) -> list[Finding]:
    """Raw HTML and ASCII characters written as references, in any text of any record.

    The site escapes both, so they cannot run there; they are still errors because they
    show as garbage on the page and are how a script payload hides from a reviewer.
    """
    findings: list[Finding] = []
    for record in catalog.records:
        for path, value in _walk(record.data):
            if not isinstance(value, str) or ("<" not in value and "&" not in value):
                continue
            tag = _HTML_TAG.search(value)
            if tag:
                line, column = _text_at(record, path, value, tag.start())
                shown = tag.group(0) if len(tag.group(0)) <= 40 else tag.group(0)[:37] + "..."
                findings.append(
                    Finding.of(
                        "ML405",
                        record.display,
                        line,
                        column,
                        f"{_field(path)} holds the HTML {shown!r}",
                    )
                )
            for reference in _CHARACTER_REFERENCE.finditer(value):
                character = html.unescape(reference.group(0))
                if character != reference.group(0) and character.isascii():
                    line, column = _text_at(record, path, value, reference.start())
                    findings.append(
                        Finding.of(
                            "ML406",
                            record.display,
                            line,
                            column,
                            f"{_field(path)} writes {character!r} as {reference.group(0)!r}",
                        )
                    )
                    break
    return findings


def record_findings(catalog: Catalog) -> list[Finding]:
    """Every finding on the records: the validator's, unfilled placeholders, raw markup."""
    return sorted(
        set(validate_catalog(catalog) + placeholder_findings(catalog) + markup_findings(catalog))
    )


# --- checks on the files of a change ---------------------------------------------------


def _ignored(root: Path, paths: list[str]) -> set[str]:
    """The paths that .gitignore patterns match, tracked or not."""
    if not paths:
        return set()
    done = subprocess.run(
        ["git", "-C", str(root), "check-ignore", "--no-index", "-z", "--stdin"],
        input="\0".join(paths) + "\0",
        capture_output=True,
        text=True,
        check=False,
    )
    return {p for p in done.stdout.split("\0") if p}  # exit 1 means none is ignored


def _size(size: int) -> str:
    return f"{size / MIB:.1f} MiB" if size >= MIB else f"{size / 1024:.0f} KiB"


def file_findings(root: Path, files: list[ChangedFile]) -> list[Finding]:
    """Symbolic links, oversized files, binaries saved as text, generated files."""
    present = [f.path for f in files if f.status != "deleted"]
    ignored = _ignored(root, present)
    findings: list[Finding] = []
    for name in present:
        path = root / name
        suffix = PurePosixPath(name).suffix.lower()
        if path.is_symlink():
            findings.append(Finding.of("ML401", name, 1, 1, "this file is a symbolic link"))
            continue
        if name.startswith(GENERATED_PREFIXES) or name in ignored:
            findings.append(
                Finding.of("ML404", name, 1, 1, "this file is generated or ignored by .gitignore")
            )
        if not path.is_file():
            continue
        size = path.stat().st_size
        limit = SIZE_LIMITS.get(suffix, DEFAULT_LIMIT)
        if size > limit:
            kind = f"{suffix} files" if suffix in SIZE_LIMITS else "files of this kind"
            findings.append(
                Finding.of(
                    "ML402",
                    name,
                    1,
                    1,
                    f"the file is {_size(size)}; the limit for {kind} is {_size(limit)}",
                )
            )
        elif suffix in TEXT_SUFFIXES:
            data = path.read_bytes()
            if b"\0" in data:
                at = data.index(b"\0")
                line = data.count(b"\n", 0, at) + 1
                column = at - (data.rfind(b"\n", 0, at) + 1) + 1
                findings.append(
                    Finding.of("ML403", name, line, column, f"a NUL byte in a {suffix} file")
                )
    return findings


# --- the whole check -------------------------------------------------------------------


@dataclass
class Check:
    """A change and every finding on it."""

    selection: Selection
    catalog: Catalog
    findings: list[Finding]


def check_changes(root: Path, base: str | None) -> Check:
    """Validate the records a change touches (and those naming them), and its files."""
    selection = select(root, resolve_base(root, base))
    catalog = load_selection(root, selection)
    findings = [f for f in record_findings(catalog) if f.file in selection.checked]
    findings += [
        Finding.of("ML016", name, 1, 1, "this file is not in a place for records")
        for name in selection.strays
    ]
    symlinked_records = {f.file for f in findings if f.code == "ML013"}
    findings += [
        f
        for f in file_findings(root, selection.files)
        if not (f.code == "ML401" and f.file in symlinked_records)
    ]
    return Check(selection, catalog, sorted(set(findings)))


@dataclass
class PartSummary:
    id: str
    name: str
    file: str | None
    source: str | None
    process: str
    materials: list[str]
    quantity: int
    verdict: str | None = None  # ready, needs-attention, not-printable; None: not analysed
    analysis_note: str = ""  # why the part was not analysed
    analysis: dict[str, Any] | None = None
    preview: str | None = None  # the preview's name in the saved report folder


@dataclass
class DesignSummary:
    id: str
    path: str
    title: str
    licence: str
    maturity: str
    errors: int
    warnings: int
    parts: list[PartSummary] = field(default_factory=list)


@dataclass
class Report:
    base: str
    files: list[ChangedFile]
    checked: list[str]
    referencing: list[str]
    everything: bool
    findings: list[Finding]
    designs: list[DesignSummary]
    previews: dict[str, bytes] = field(default_factory=dict)  # name -> PNG

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _design_summary(record: Record, findings: list[Finding]) -> DesignSummary:
    data = record.data if isinstance(record.data, dict) else {}
    own = [f for f in findings if f.file == record.display]
    summary = DesignSummary(
        id=record.id,
        path=record.display,
        title=_text(data.get("title")) or record.id,
        licence=_text(data.get("licence")),
        maturity=_text(data.get("maturity")),
        errors=sum(f.severity == "error" for f in own),
        warnings=sum(f.severity == "warning" for f in own),
    )
    for part in data.get("parts") or []:
        if not isinstance(part, dict):
            continue
        materials = part.get("materials")
        quantity = part.get("quantity")
        summary.parts.append(
            PartSummary(
                id=_text(part.get("id")),
                name=_text(part.get("name")),
                file=_text(part.get("file")) or None,
                source=_text(part.get("source")) or None,
                process=_text(part.get("process")),
                materials=[m for m in materials if isinstance(m, str)]
                if isinstance(materials, list)
                else [],
                quantity=quantity if isinstance(quantity, int) else 0,
            )
        )
    return summary


# --- the analysis of the changed designs' parts --------------------------------------

PART_BUDGET_S = 20.0  # after this, a part's optional searches (other orientations) stop


def _analyse_part(catalog: Catalog, record: Record, summary: PartSummary) -> bytes | None:
    """Fill in the part's verdict and analysis; returns its preview PNG."""
    listing = catalog.design_files.get(record.display, {})
    entry = listing.get(summary.file or "")
    process = catalog.processes.get(summary.process)
    if entry is None or entry.symlink:
        summary.analysis_note = "its file is missing or a link (see the problems above)"
        return None
    if process is None or not isinstance(process.data, dict):
        summary.analysis_note = f"there is no process {summary.process!r}"
        return None
    materials = {
        m: catalog.materials[m].data
        for m in summary.materials
        if m in catalog.materials and isinstance(catalog.materials[m].data, dict)
    }
    try:
        triangles = read_triangles(record.folder / str(summary.file), SIZE_LIMITS[".stl"] / 1e6)
    except StlError as error:
        # The reader names the file by its full path; the report shows paths in the repo.
        summary.analysis_note = str(error).replace(f"{catalog.root}/", "")
        return None
    result = analyse(triangles, process.data, materials, time.monotonic() + PART_BUDGET_S)
    summary.verdict = result["verdict"]
    summary.analysis = json.loads(json.dumps(result, default=_plain))
    return render_png(triangles)


def _plain(value: Any) -> Any:
    """numpy numbers and arrays in an analysis, as plain JSON values."""
    return value.tolist()


def build_report(root: Path, base: str | None) -> Report:
    check = check_changes(root, base)
    selection = check.selection
    report = Report(
        base=selection.base,
        files=selection.files,
        checked=sorted(selection.changed),
        referencing=sorted(selection.referencing),
        everything=selection.everything,
        findings=check.findings,
        designs=[],
    )
    for record in sorted(check.catalog.records, key=lambda r: r.display):
        if record.type != "design" or record.display not in selection.changed:
            continue
        design = _design_summary(record, check.findings)
        for summary in design.parts:
            if summary.file is None:
                continue
            preview = _analyse_part(check.catalog, record, summary)
            if preview is not None:
                summary.preview = f"previews/{design.id}--{summary.id or 'part'}.png"
                report.previews[summary.preview] = preview
        report.designs.append(design)
    return report


# --- output ----------------------------------------------------------------------------


def format_report_json(report: Report) -> str:
    payload = {
        "base": report.base,
        "errors": report.errors,
        "warnings": report.warnings,
        "everything_checked": report.everything,
        "changed_files": [asdict(f) for f in report.files],
        "checked_records": report.checked,
        "referencing_records": report.referencing,
        "findings": [asdict(f) for f in report.findings],
        "designs": [asdict(d) for d in report.designs],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


# Without [ and ] no link or image can form; without | no table cell can end.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _md(text: str) -> str:
    """Contributor text made inert in a GitHub comment: no HTML, links, tables or pings."""
    text = " ".join(text.split())
    text = html.escape(text, quote=False)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "@\u200b")


def _code(text: str) -> str:
    """A path or id in a code span; backticks inside cannot end it."""
    return "`" + " ".join(text.split()).replace("`", "'").replace("|", "\\|") + "`"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else "?"


def _analysis_markdown(design: DesignSummary) -> list[str]:
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
        name = _md(part.name or part.id)
        if part.analysis is None:
            lines.append(f"| {name} | not analysed: {_md(part.analysis_note)} | | | | |")
            continue
        size = " x ".join(_number(v) for v in part.analysis.get("size_mm") or [])
        rows = part.analysis.get("materials") or [{}]
        for row in rows:
            material = _code(row["material"]) if row.get("material") else "none"
            lines.append(
                f"| {name} | {part.verdict} | {size} | {material} | "
                f"{_number(row.get('mass_g'))} | {_number(row.get('print_time_min'))} |"
            )
        for reason in part.analysis.get("reasons") or []:
            reasons.append(f"- {name} ({reason['level']}): {_md(reason['message'])}")
    lines += ["", *reasons] if reasons else []
    if any(p.preview for p in analysed):
        lines += ["", "Preview images are in the check's `pr-report` artifact, in `previews/`."]
    return [*lines, ""]


def format_report_markdown(report: Report) -> str:
    """The pull-request comment; the comment workflow finds it again by its marker."""
    ok = not has_errors(report.findings)
    head = "Ready for review" if ok else "Changes needed before review"
    lines = [
        COMMENT_MARKER,
        f"## MakeLocal check: {head}",
        "",
        f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')} in "
        f"{_plural(len(report.files), 'changed file')}; "
        + (
            "schemas or the generator changed, so every record was checked."
            if report.everything
            else f"{_plural(len(report.checked), 'changed record')} checked"
            + (
                f", with {_plural(len(report.referencing), 'record')} that refer to them."
                if report.referencing
                else "."
            )
        ),
        "",
    ]
    if report.findings:
        lines += [
            "### Problems",
            "",
            "| where | code | problem | how to fix |",
            "| --- | --- | --- | --- |",
        ]
        for f in report.findings:
            where = _code(f"{f.file}:{f.line}:{f.column}")
            code = f"{f.code} {f.severity}"
            lines.append(f"| {where} | {code} | {_md(f.message)} | {_md(f.hint)} |")
        lines.append("")
    for design in report.designs:
        state = (
            "no problems"
            if not design.errors and not design.warnings
            else f"{_plural(design.errors, 'error')}, {_plural(design.warnings, 'warning')}"
        )
        lines += [
            f"### Design {_md(design.title)} ({_code(design.path)})",
            "",
            f"Licence {_code(design.licence or '?')}, maturity {_code(design.maturity or '?')}: "
            f"{state}.",
            "",
            "| part | quantity | file | editable source | process | materials |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for part in design.parts:
            lines.append(
                f"| {_md(part.name or part.id)} | {part.quantity} | "
                f"{_code(part.file) if part.file else 'none'} | "
                f"{_code(part.source) if part.source else 'none'} | "
                f"{_code(part.process)} | {', '.join(_code(m) for m in part.materials)} |"
            )
        lines.append("")
        lines += _analysis_markdown(design)
    if ok:
        lines.append("Every check passed. A maintainer will review the content and its sources.")
    else:
        lines.append(
            "Fix the problems above and push again; this comment is updated on every push. "
            "Locally, `makelocal validate --changed` shows the same findings."
        )
    return "\n".join(lines)


def format_report_github(report: Report) -> str:
    return format_github(report.findings)
