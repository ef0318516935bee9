"""`makelocal import`: draft a design record from a folder of files or an Open Know-How
manifest, copying the files it names into designs/<id>/."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "import",
        help="draft a design record from a folder of files or an okh.toml manifest",
        description="Draft designs/<id>/design.yml from a folder (its STL, SVG and DXF files "
        "as parts, CAD files as sources, pictures as images, the licence from its licence "
        "file) or from an Open Know-How manifest, and copy the files unchanged. What only a "
        "person can write is left as TODO. A design without an open licence is refused.",
    )
    command.add_argument("source", help="a folder, or an okh.toml manifest")
    command.add_argument("--id", required=True, help="the design's id, such as my-face-shield")
    command.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="take only the files whose path below the folder matches (repeat for more)",
    )
    command.add_argument(
        "--licence",
        metavar="SPDX",
        help="the licence a person confirmed, when the licence file names no version",
    )
    command.add_argument("--licence-file", type=Path, help="the licence file, if not found")
    command.add_argument(
        "--author", action="append", default=[], help="an author to credit (repeat for more)"
    )
    command.add_argument("--repository", help="https address of the repository it comes from")
    command.add_argument("--commit", help="full id of the commit the files are from")
    command.add_argument("--date", help="date of that commit, YYYY-MM-DD")
    command.set_defaults(run=run)


def _option_problem(args: argparse.Namespace) -> str | None:
    from generator.contrib.scaffold import slug_problem

    if problem := slug_problem(args.id):
        return f"--id: {problem}"
    if args.repository and not args.repository.startswith("https://"):
        return f"--repository {args.repository!r}: give its https:// address"
    if args.commit and not _COMMIT.match(args.commit):
        return f"--commit {args.commit!r}: give the full id, 40 hexadecimal digits in lower case"
    if args.date and not _DATE.match(args.date):
        return f"--date {args.date!r}: write it as YYYY-MM-DD"
    return None


def run(args: argparse.Namespace) -> int:
    from generator.contrib.import_write import write_design
    from generator.contrib.importer import ImportOptions, ImportRefused, plan_import
    from generator.contrib.okh_manifest import ManifestError, read_manifest
    from generator.records.catalog import display_path

    if problem := _option_problem(args):
        print(f"makelocal import: {problem}", file=sys.stderr)
        return 2
    source = Path(args.source)
    options = ImportOptions(
        design_id=args.id,
        licence=args.licence,
        licence_file=args.licence_file,
        include=tuple(args.include),
        authors=tuple(args.author),
        repository=args.repository,
        commit=args.commit,
        date=args.date,
    )
    try:
        if source.is_file():
            manifest = read_manifest(source)
        elif source.is_dir():
            manifest = None
        else:
            raise ImportRefused(f"{source}: no such folder or manifest")
        plan = plan_import(source, options, manifest)
        written = write_design(Path(args.root), plan, source.name or str(source))
    except (ImportRefused, ManifestError) as error:
        print(f"makelocal import: refused: {error}", file=sys.stderr)
        return 2
    for note in plan.notes:
        print(f"note: {note}", file=sys.stderr)
    shown = display_path(Path(args.root), written)
    print(
        f"Drafted {shown} with {len(plan.copies)} files. Replace every TODO, then run: "
        f"makelocal validate {Path(shown).parent.as_posix()}"
    )
    return 0
