"""The `makelocal` command line: the I/O edge around the pipeline's stages.

One module per command (or pair of commands), each adding its parser and running it.
Each imports what only it needs (validation, git, scaffolding, the analysis, the site) in
its `run`: `makelocal --help` then starts without jsonschema, numpy or MkDocs (`new` needs
the schemas, and so the validator).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.cli import (
    analyse,
    from_issue,
    import_design,
    match,
    new,
    plan,
    pr_report,
    site,
    translate,
    validate,
)
from generator.cli.root import RootError, find_root

__all__ = ["build_parser", "main"]


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
    validate.add_command(commands)
    new.add_command(commands)
    translate.add_command(commands)
    import_design.add_command(commands)
    pr_report.add_command(commands)
    from_issue.add_command(commands)
    match.add_command(commands)
    plan.add_command(commands)
    site.add_build_command(commands)
    analyse.add_command(commands)
    site.add_serve_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # a file name that is not UTF-8 prints escaped
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    try:
        args.root = find_root(args.root, Path.cwd())
    except RootError as error:
        if args.root is not None or not getattr(args, "root_optional", False):
            print(f"makelocal: {error}", file=sys.stderr)
            return 2
        args.root = None  # `analyse FILE` outside any repository: the built-in records
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
