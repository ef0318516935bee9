"""`makelocal validate`: check records against the schemas and the cross-record rules."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.findings import Finding, has_errors
from generator.findings.language import LANGUAGES, in_language, language_from, speaking
from generator.records.catalog import (
    Catalog,
    display_path,
    file_id,
    is_inside,
    load_catalog,
    record_files,
    record_type_of,
)
from generator.records.file_names import printable
from generator.reporters import NAMES, reporter


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = commands.add_parser("validate", help="check records against schemas and rules")
    validate.add_argument("paths", nargs="*", help="files or folders to report on (default: all)")
    validate.add_argument("--format", choices=NAMES, default="text")
    validate.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="the language of the messages and hints (default: as LANGUAGE, LC_ALL or LANG "
        "ask, else en); the codes are the same in every language",
    )
    validate.add_argument(
        "--changed",
        nargs="?",
        const="",
        metavar="BASE",
        help="check only the records changed since the git revision BASE (default: where "
        "the branch left origin/main or main; on main, uncommitted work) and those "
        "that refer to them, plus the changed files",
    )
    validate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from generator.checks.validate import validate_catalog
    from generator.contrib.changes import GitError, check_changes

    root = Path(args.root)
    if args.changed is not None:
        if args.paths:
            print("makelocal validate: give either paths or --changed, not both", file=sys.stderr)
            return 2
        try:
            check = check_changes(root, args.changed or None)
        except GitError as error:
            print(f"makelocal validate --changed: {error}", file=sys.stderr)
            return 2
        findings = check.findings
        checked = len(check.selection.checked) + len(check.selection.strays)
    else:
        outside = [name for name in args.paths if not is_inside(root, Path(name))]
        if outside:
            print(
                f"makelocal validate: {outside[0]} is outside the repository {root}: give "
                "files or folders inside it, or the repository it belongs to as --root",
                file=sys.stderr,
            )
            return 2
        catalog = load_named(root, args.paths) if args.paths else load_catalog(root)
        findings = select(validate_catalog(catalog), root, args.paths)
        if args.paths:
            findings += strays_in(root, args.paths, findings)
        checked = (
            len(catalog.records)
            + len(catalog.translations)
            + len({f.file for f in catalog.findings})
        )
    language = args.lang or language_from(os.environ)
    with speaking(language):
        output = reporter(args.format).findings(in_language(findings, language), checked)
    if output:
        print(output)
    return 1 if has_errors(findings) else 0


def load_named(root: Path, paths: Sequence[str]) -> Catalog:
    """The records inside the given files or folders (a file of a design's folder stands
    for its design), those that name them, and those they name: what their checks need,
    not the whole catalogue (which is loaded when they are most of it)."""
    from generator.contrib.changes import Selection, load_selection, naming_ids, record_file_of

    by_file = {display_path(root, p): (t, p) for t, p in record_files(root)}
    wanted = [display_path(root, Path(name)).rstrip("/") for name in paths]
    if any(w in ("", ".") for w in wanted):
        return load_catalog(root)
    checked = {f for f in by_file if any(f == w or f.startswith(w + "/") for w in wanted)}
    for name in wanted:
        owner = record_file_of(name)
        if owner is not None and owner[1] in by_file:
            checked.add(owner[1])
    ids = {file_id(*by_file[f]) for f in checked}
    selection = Selection(base="", files=[], changed=checked)
    selection.referencing = naming_ids(root, ids, set(by_file) - checked)
    return load_selection(root, selection)


def strays_in(root: Path, paths: Sequence[str], found: list[Finding]) -> list[Finding]:
    """The findings on YAML files below catalog/ and designs/ that are not records, inside
    the given folders (the whole catalogue's loading finds them; a part of it does not)."""
    from generator.records.strays import stray_finding, stray_yaml

    wanted = [display_path(root, Path(name)).rstrip("/") for name in paths]
    known = {(f.file, f.code) for f in found}
    strays = (stray_finding(relative, root) for relative in stray_yaml(root))
    return [
        f
        for f in strays
        if any(f.file == w or f.file.startswith(w + "/") for w in wanted)
        and (f.file, f.code) not in known
    ]


def select(findings: list[Finding], root: Path, paths: Sequence[str]) -> list[Finding]:
    """Keep the findings on the given files or folders; a YAML file named that is in no
    place for records is a finding too (below catalog/ and designs/ the catalogue's own
    finding says where it belongs)."""
    if not paths:
        return findings
    from generator.records.translations import is_translation  # it loads the YAML parser

    wanted: list[str] = []
    extra: list[Finding] = []
    for name in paths:
        path = Path(name)
        shown = printable(display_path(root, path))  # as findings name files
        wanted.append(shown.rstrip("/"))
        if (
            path.is_file()
            and path.suffix.lower() in (".yml", ".yaml")
            and record_type_of(root, path) is None
            and not is_translation(root, path)
            and not any(f.file == shown for f in findings)
        ):
            extra.append(
                Finding.of("ML016", shown, 1, 1, "this file is not in a place for records")
            )
        elif not path.exists():
            extra.append(Finding.of("ML012", shown, 1, 1, "no such file or folder"))

    def chosen(finding: Finding) -> bool:
        return any(
            finding.file == w or finding.file.startswith(w + "/") or w in ("", ".") for w in wanted
        )

    return [f for f in findings if chosen(f)] + extra
