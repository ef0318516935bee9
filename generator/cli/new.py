"""`makelocal new`: start a record from a commented skeleton."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.records.catalog import RECORD_PLACES, display_path


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser("new", help="start a record from a commented skeleton")
    new.add_argument("type", choices=list(RECORD_PLACES), help="kind of record")
    new.add_argument("id", help="its id: lower-case letters, digits and hyphens")
    new.add_argument("--title", help="title (design, need) or name (material, process, maker)")
    new.add_argument("--kind", help="kind (material) or category (process)")
    new.add_argument("--licence", help="SPDX licence of a design, e.g. CERN-OHL-S-2.0")
    new.add_argument("--process", help="process id (several, comma-separated, for a maker)")
    new.add_argument("--material", help="material ids of a design's part, comma-separated")
    new.add_argument("--country", help="country of a maker, make or need, ISO code such as UG")
    new.add_argument("--design", help="the design a make report or a need is about")
    new.add_argument(
        "--no-input", action="store_true", help="never ask questions, even in a terminal"
    )
    new.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from generator.contrib.scaffold import ScaffoldError, create
    from generator.findings.codes import LOCAL_COMMAND

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
    print(f"Created {shown}. Replace every TODO, then run: {LOCAL_COMMAND} validate {shown}")
    return 0
