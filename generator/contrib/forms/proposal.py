"""A proposal made from an issue: the record and the files that go with it, written into
the repository as YAML a person can edit, then validated like any contribution. Every
finding is worded for the contributor against the form field its value came from; when
there is an error, what was written is taken away again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from generator.checks.schema_files import SCHEMA_COMMENT, schema_path_for
from generator.checks.validate import validate_catalog
from generator.contrib.changes import Selection, load_selection
from generator.contrib.forms.form import Form, Problem
from generator.contrib.forms.names import Names
from generator.contrib.inert_text import literal
from generator.findings import Finding
from generator.findings.codes import CODES
from generator.records.catalog import Catalog, load_catalog
from generator.records.loader import Document, JsonPath, parse

# What each record type's name is, for the names a contributor can use.
_NAME_FIELD = {
    "material": "name",
    "process": "name",
    "maker": "name",
    "design": "title",
    "make": "summary",
    "need": "title",
}


@dataclass(frozen=True)
class Catalogue:
    """The records a form's answers can name, by type."""

    names: dict[str, Names]

    @classmethod
    def of(cls, catalog: Catalog) -> Catalogue:
        names: dict[str, Names] = {}
        for record_type, key in _NAME_FIELD.items():
            found = {}
            for record_id, record in catalog.of_type(record_type).items():
                data = record.data if isinstance(record.data, dict) else {}
                found[record_id] = str(data.get(key) or record_id)
            names[record_type] = Names(record_type, found)
        return cls(names)

    @classmethod
    def load(cls, root: Path) -> Catalogue:
        return cls.of(load_catalog(root))


@dataclass(frozen=True)
class NewFile:
    path: str  # relative to the repository root
    data: bytes
    origin: str  # what the contributor sent, in Markdown (Upload.origin)


@dataclass
class Proposal:
    """A record and its files, with where each of its values came from in the form."""

    record_type: str
    record_id: str
    title: str
    record_path: str  # relative to the repository root
    data: dict[str, Any]
    files: list[NewFile] = field(default_factory=list)
    # The form field each part of the record came from, by its path in the record (the
    # longest path that starts a finding's path names the field).
    fields: dict[JsonPath, str] = field(default_factory=dict)

    def field_of(self, path: JsonPath) -> str | None:
        for length in range(len(path), 0, -1):
            if path[:length] in self.fields:
                return self.fields[path[:length]]
        return None


class _Dumper(yaml.SafeDumper):
    """YAML as the records are written by hand: list items indented under their key,
    text of several lines as a literal block (`|`)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # a list two parts share is written out twice: records hold no aliases


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def record_yaml(proposal: Proposal, issue_url: str | None) -> str:
    """The record as YAML with its schema comment; read back by the project's own loader
    to the same data, or ValueError (a fault here, not the contributor's)."""
    where = PurePosixPath(proposal.record_path)
    made = f"from {issue_url}" if issue_url else "from an issue form"
    text = (
        f"{SCHEMA_COMMENT}{schema_path_for(proposal.record_type, where)}\n"
        f"# Made {made} by `makelocal from-issue`; edit it like any record.\n"
        + yaml.dump(
            proposal.data,
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            width=100,
            default_flow_style=False,
        )
    )
    if parse(text.encode("utf-8"), Path(where.name)).data != proposal.data:
        raise ValueError(f"{where} does not read back as it was written")
    return text


def write(proposal: Proposal, out: Path, issue_url: str | None) -> list[Path]:
    """Write the record and its files into the repository at `out`; the paths written,
    folders first. Nothing that exists is overwritten (FileExistsError)."""
    contents = [(proposal.record_path, record_yaml(proposal, issue_url).encode("utf-8"))]
    contents += [(f.path, f.data) for f in proposal.files]
    written: list[Path] = []
    try:
        for relative, data in contents:
            target = out / relative
            for folder in reversed(target.relative_to(out).parents[:-1]):
                if not (out / folder).exists():
                    (out / folder).mkdir()
                    written.append(out / folder)
            with target.open("xb") as handle:  # "x": never overwrite
                written.append(target)
                handle.write(data)
    except OSError:
        remove(written)
        raise
    return written


def remove(written: Iterable[Path]) -> None:
    """Take away what `write` wrote, files first, then the folders it made."""
    for path in reversed(list(written)):
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        else:
            path.unlink(missing_ok=True)


def findings_on(proposal: Proposal, out: Path) -> list[Finding]:
    """The validator's findings on the written proposal (record and files), checked with
    the records it names, as `makelocal validate --changed` would check them."""
    selection = Selection(base="", files=[], changed={proposal.record_path})
    catalog = load_selection(out, selection)
    folder = str(PurePosixPath(proposal.record_path).with_suffix(""))
    if proposal.record_type == "design":
        folder = str(PurePosixPath(proposal.record_path).parent)
    mine = (proposal.record_path, folder + "/")
    return [f for f in validate_catalog(catalog) if f.file == mine[0] or f.file.startswith(mine[1])]


def _path_at(document: Document, line: int, column: int) -> JsonPath:
    """The record's path whose value starts nearest before a position (a finding inside a
    block of text names the line it is on, after the block's start)."""
    best: tuple[int, int, int] = (0, 0, 0)
    found: JsonPath = ()
    for path, mark in document.values.items():
        start = (mark.line, mark.column, len(path))
        if (mark.line, mark.column) <= (line, column) and start > best:
            best, found = start, path
    return found


def problems_of(
    proposal: Proposal, findings: list[Finding], document: Document | None, form: Form
) -> list[Problem]:
    """Each finding in words for the contributor, against the field its value came from."""
    origins = {f.path: f for f in proposal.files}
    problems = []
    for finding in findings:
        label: str | None = None
        where = ""
        if finding.file == proposal.record_path and document is not None:
            path = _path_at(document, finding.line, finding.column)
            field_id = proposal.field_of(path)
            label = form.field(field_id).label if field_id else None
            named = _named_file(proposal, path)
            where = f"{origins[named].origin}: " if named in origins else ""
        elif finding.file in origins:
            where = f"{origins[finding.file].origin}: "
        code = CODES[finding.code]
        problems.append(
            Problem(label, f"{where}{code.title} ({literal(finding.message)}). {code.hint}")
        )
    return problems


def _named_file(proposal: Proposal, path: JsonPath) -> str | None:
    """The repository path of the file a record's value names (a part's file, a photo)."""
    value: Any = proposal.data
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
    if isinstance(value, dict):
        value = value.get("file")
    if not isinstance(value, str):
        return None
    folder = PurePosixPath(proposal.record_path)
    base = folder.parent if proposal.record_type == "design" else folder.with_suffix("")
    return (base / value).as_posix()
