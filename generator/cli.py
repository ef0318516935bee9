"""The `makelocal` command line: the I/O edge around the pipeline's stages."""

from __future__ import annotations

import argparse
import io
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.findings import Finding, format_github, format_json, format_text, has_errors
from generator.records.catalog import (
    RECORD_PLACES,
    display_path,
    is_inside,
    load_catalog,
    record_type_of,
)

# Each command imports what only it needs (validation, git, scaffolding, the analysis, the
# site) in its handler: `makelocal --help` then starts without jsonschema, numpy or MkDocs
# (`new` needs the schemas, and so the validator).

# A repository holds at least one of these folders.
ROOT_FOLDERS = ("catalog", "designs")


class RootError(Exception):
    """No repository where makelocal was pointed; the message says what to do."""


def find_root(given: str | None, start: Path) -> Path:
    """The repository: `--root` as given, else `start` or the nearest folder above it that
    holds catalog/ or designs/, so makelocal also works from inside a design's folder."""

    def holds_records(folder: Path) -> bool:
        return any((folder / name).is_dir() for name in ROOT_FOLDERS)

    if given is not None:
        if not holds_records(Path(given)):
            raise RootError(
                f"{given} holds no catalog/ or designs/ folder: give the repository's "
                "folder as --root"
            )
        return Path(given)
    for folder in (start, *start.parents):
        if holds_records(folder):
            return folder
    raise RootError(
        f"{start} is not in a MakeLocal repository (neither it nor a folder above it holds "
        "catalog/ or designs/): run makelocal inside the repository, or give --root"
    )


def _select(findings: list[Finding], root: Path, paths: Sequence[str]) -> list[Finding]:
    """Keep the findings on the given files or folders; unknown record places are findings too."""
    if not paths:
        return findings
    wanted: list[str] = []
    extra: list[Finding] = []
    for name in paths:
        path = Path(name)
        shown = display_path(root, path)
        wanted.append(shown.rstrip("/"))
        if (
            path.is_file()
            and path.suffix in (".yml", ".yaml")
            and record_type_of(root, path) is None
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


def run_validate(args: argparse.Namespace) -> int:
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
        catalog = load_catalog(root)
        findings = _select(validate_catalog(catalog), root, args.paths)
        checked = len(catalog.records) + len({f.file for f in catalog.findings})
    if args.format == "github":
        output = format_github(findings)
    elif args.format == "json":
        output = format_json(findings, checked)
    else:
        output = format_text(findings, checked)
    if output:
        print(output)
    return 1 if has_errors(findings) else 0


def run_new(args: argparse.Namespace) -> int:
    from generator.contrib.scaffold import ScaffoldError, create

    root = Path(args.root)
    flags = ("title", "kind", "licence", "process", "material", "country", "design")
    given = {flag: getattr(args, flag) for flag in flags if getattr(args, flag) is not None}
    interactive = sys.stdin is not None and sys.stdin.isatty()  # None: stdin was closed
    ask = input if interactive and not args.no_input else None
    try:
        path, warnings = create(root, args.type, args.id, given, ask)
    except ScaffoldError as error:
        print(f"makelocal new: {error}", file=sys.stderr)
        return 2
    except EOFError:  # Ctrl-D at a question
        print("\nmakelocal new: cancelled, nothing written", file=sys.stderr)
        return 130
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    shown = display_path(root, path)
    print(f"Created {shown}. Replace every TODO, then run: makelocal validate {shown}")
    return 0


def run_pr_report(args: argparse.Namespace) -> int:
    from generator.contrib.changes import GitError
    from generator.contrib.pr_report import (
        build_report,
        format_report_github,
        format_report_json,
        format_report_markdown,
    )

    root = Path(args.root)
    try:
        report = build_report(root, args.base)
    except GitError as error:
        print(f"makelocal pr-report: {error}", file=sys.stderr)
        return 2
    if args.save:
        folder = Path(args.save)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "report.md").write_text(format_report_markdown(report) + "\n", encoding="utf-8")
        (folder / "report.json").write_text(format_report_json(report) + "\n", encoding="utf-8")
        for name, png in report.previews.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(png)
    formats = {
        "markdown": format_report_markdown,
        "json": format_report_json,
        "github": format_report_github,
    }
    output = formats[args.format](report)
    if output:
        print(output)
    for error in report.analysis_errors:
        print(f"makelocal pr-report: {error}", file=sys.stderr)
    return 1 if report.errors or report.analysis_errors else 0


def run_match(args: argparse.Namespace) -> int:
    import json

    from generator.makeit.matching import ChoiceError, choose, match, report
    from generator.records.facts import visible_maker
    from generator.web.build import BuildError, analyse, load_valid_catalog
    from generator.web.match_page import match_inputs

    root = Path(args.root)
    try:
        catalog = load_valid_catalog(root)
        cat, makers = match_inputs(catalog, analyse(catalog, root), visible_maker)
        have = choose(
            cat,
            makers,
            maker=args.maker,
            processes=args.process,
            machines=args.machine,
            materials=args.material,
            bed=tuple(args.bed) if args.bed else None,
        )
    except (BuildError, ChoiceError) as error:
        print(f"makelocal match: {error}", file=sys.stderr)
        return 2
    print(json.dumps(report(match(cat, have), have), indent=2, ensure_ascii=False))
    return 0


def run_build(args: argparse.Namespace) -> int:
    import time

    from generator.web.build import BuildError, build_site, site_summary

    started = time.perf_counter()
    site_dir = Path(args.site_dir) if args.site_dir else Path(args.root) / "site"
    try:
        build_site(Path(args.root), site_dir)
    except BuildError as error:
        print(f"makelocal build: {error}", file=sys.stderr)
        return 1
    print(f"Built {site_summary(site_dir)} in {time.perf_counter() - started:.1f} s")
    return 0


def positive_number(text: str) -> float:
    """A limit given on the command line: a finite number above zero (argparse reports the
    message and exits 2). A limit of zero, below zero, nan or inf would refuse every part,
    accept none, or never stop."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be a finite number above 0")
    return value


def run_analyse(args: argparse.Namespace) -> int:
    from generator.analysis.runner import command

    return command(
        Path(args.root),
        args.paths,
        args.material,
        args.format,
        args.slicer is not None,
        args.max_stl_mb,
        args.time_budget,
    )


def run_serve(args: argparse.Namespace) -> int:
    from generator.web.build import serve

    try:
        serve(Path(args.root), args.dev_addr)
    except (OSError, OverflowError) as error:  # binding the address: port taken or invalid
        print(
            f"makelocal serve: cannot serve on {args.dev_addr}: "
            f"{getattr(error, 'strerror', None) or error}; stop the program using it (another "
            "makelocal serve?) or give another address, such as --dev-addr 127.0.0.1:8001",
            file=sys.stderr,
        )
        return 2
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="makelocal", description="MakeLocal: materials and designs for local production."
    )
    parser.add_argument(
        "--root",
        help="repository root (default: the current folder, or the nearest one above it "
        "holding catalog/ or designs/)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check records against schemas and rules")
    validate.add_argument("paths", nargs="*", help="files or folders to report on (default: all)")
    validate.add_argument("--format", choices=["text", "github", "json"], default="text")
    validate.add_argument(
        "--changed",
        nargs="?",
        const="",
        metavar="BASE",
        help="check only the records changed since the git revision BASE (default: where "
        "the branch left origin/main or main; on main, uncommitted work) and those "
        "that refer to them, plus the changed files",
    )
    validate.set_defaults(run=run_validate)

    new = commands.add_parser("new", help="start a record from a commented skeleton")
    new.add_argument("type", choices=list(RECORD_PLACES), help="kind of record")
    new.add_argument("id", help="its id: lower-case letters, digits and hyphens")
    new.add_argument("--title", help="title (design) or name (material, process, maker)")
    new.add_argument("--kind", help="kind (material) or category (process)")
    new.add_argument("--licence", help="SPDX licence of a design, e.g. CERN-OHL-S-2.0")
    new.add_argument("--process", help="process id (several, comma-separated, for a maker)")
    new.add_argument("--material", help="material ids of a design's part, comma-separated")
    new.add_argument("--country", help="country of a maker or a make, ISO code such as UG")
    new.add_argument("--design", help="the design a make report is about")
    new.add_argument(
        "--no-input", action="store_true", help="never ask questions, even in a terminal"
    )
    new.set_defaults(run=run_new)

    report = commands.add_parser("pr-report", help="the pull-request check of a change")
    report.add_argument("base", nargs="?", help="git revision to compare with (as --changed)")
    report.add_argument("--format", choices=["markdown", "json", "github"], default="markdown")
    report.add_argument(
        "--save", metavar="DIR", help="also write report.md and report.json into DIR"
    )
    report.set_defaults(run=run_pr_report)

    match = commands.add_parser(
        "match", help="which designs can be made with given processes, machines and materials"
    )
    match.add_argument("--maker", metavar="ID", help="start from a maker's profile")
    match.add_argument("--process", nargs="+", default=[], metavar="ID", help="process ids")
    match.add_argument("--machine", nargs="+", default=[], metavar="ID", help="machine profile ids")
    match.add_argument("--material", nargs="+", default=[], metavar="ID", help="material ids")
    match.add_argument(
        "--bed",
        nargs=3,
        type=float,
        metavar=("X", "Y", "Z"),
        help="a machine of this build volume in mm, for each chosen process",
    )
    match.set_defaults(run=run_match)

    build = commands.add_parser("build", help="build the site (MkDocs, then the search index)")
    build.add_argument("--site-dir", help="where to write it (default: site/ in the repository)")
    build.set_defaults(run=run_build)

    analyse = commands.add_parser("analyse", help="printability and material use of STL parts")
    analyse.add_argument("paths", nargs="*", help="STL files or design folders (default: all)")
    analyse.add_argument("--material", metavar="ID", help="estimate for this material only")
    analyse.add_argument("--format", choices=["text", "json"], default="text")
    analyse.add_argument(
        "--slicer",
        choices=["prusa-slicer"],
        help="also slice each part with PrusaSlicer and show its figures",
    )
    analyse.add_argument(
        "--max-stl-mb",
        type=positive_number,
        default=200.0,
        metavar="MB",
        help="refuse STL files larger than this (default: 200)",
    )
    analyse.add_argument(
        "--time-budget",
        type=positive_number,
        default=60.0,
        metavar="S",
        help="give up on a part after this many seconds (default: 60)",
    )
    analyse.set_defaults(run=run_analyse)

    serve = commands.add_parser("serve", help="serve the site, rebuilding when records change")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address:port to serve on")
    serve.set_defaults(run=run_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # a file name that is not UTF-8 prints escaped
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    try:
        args.root = find_root(args.root, Path.cwd())
    except RootError as error:
        print(f"makelocal: {error}", file=sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `makelocal ... | head` closes the pipe early
        sys.stderr.close()
        return 1
    except OSError as error:  # an output that cannot be written: a file in the way, no room
        where = f"{error.filename}: " if error.filename else ""
        print(f"makelocal {args.command}: {where}{error.strerror or error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
