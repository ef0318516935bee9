"""`makelocal analyse`: every part for its own process (printed, moulded, formed, cut or
sewn), with its material use."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.reporters import NAMES, reporter
from generator.reporters.progress import progress_on

if TYPE_CHECKING:
    from generator.records.catalog import Catalog


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


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    analyse = commands.add_parser(
        "analyse", help="check parts for their process (printing, moulding, forming, cutting)"
    )
    analyse.add_argument(
        "paths",
        nargs="*",
        help="STL, SVG or DXF files, or design folders (default: all); outside a "
        "repository, files only, analysed with the built-in processes and materials",
    )
    analyse.add_argument("--material", metavar="ID", help="estimate for this material only")
    analyse.add_argument(
        "--process",
        metavar="ID",
        help="the process of a file no design lists (default for an STL: fdm-printing; "
        "an SVG or DXF needs one, such as laser-cutting or sewing)",
    )
    analyse.add_argument("--format", choices=NAMES, default="text")
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
    analyse.set_defaults(run=run, root_optional=True)


def run(args: argparse.Namespace) -> int:
    """Print the analysis; exit 1 if a part cannot be read or analysed."""
    from generator.analysis.results import PartFailure
    from generator.analysis.runner import (
        CACHE_FOLDER,
        SelectionError,
        Settings,
        select_jobs,
        user_cache,
        without_mesh,
    )
    from generator.analysis.runner import run as run_jobs

    root = Path(args.root) if args.root is not None else None
    if root is None and (not args.paths or any(Path(p).is_dir() for p in args.paths)):
        print(
            f"makelocal analyse: {Path.cwd()} is not in a MakeLocal repository: give part "
            "files (STL, SVG or DXF) to analyse them with the built-in processes and "
            "materials, or the repository as --root",
            file=sys.stderr,
        )
        return 2
    catalog = _records(root, args.paths)
    try:
        jobs = select_jobs(catalog, args.paths, args.material, args.process)
    except SelectionError as error:
        print(f"makelocal analyse: {error}", file=sys.stderr)
        return 2
    skipped = without_mesh(catalog, args.paths) if catalog.designs else []
    settings = Settings(
        cache=(root or Path.cwd()) / CACHE_FOLDER,
        max_mb=args.max_stl_mb,
        budget_s=args.time_budget,
        slicer=args.slicer is not None,
        root=root,
        outside_cache=user_cache(),
    )
    results = run_jobs(jobs, settings, progress_on(sys.stderr))
    print(reporter(args.format).analysis(results, skipped))
    return 1 if any(isinstance(r, PartFailure) for r in results) else 0


def _records(root: Path | None, paths: list[str]) -> Catalog:
    """What the parts are analysed with: outside a repository the built-in processes and
    materials; for part files outside the repository's designs its processes and
    materials only; else the whole catalogue (a design's part has its own materials)."""
    from generator.analysis.builtin import builtin_catalog, repository_records
    from generator.records.catalog import load_catalog

    if root is None:
        return builtin_catalog(Path.cwd())
    designs = (root / "designs").resolve()
    if paths and all(
        Path(p).is_file() and not Path(p).resolve().is_relative_to(designs) for p in paths
    ):
        return repository_records(root)
    return load_catalog(root)
