"""`makelocal match`: which designs can be made with given processes, machines and
materials."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    match.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
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
    print(json.dumps(report(cat, match(cat, have), have), indent=2, ensure_ascii=False))
    return 0
