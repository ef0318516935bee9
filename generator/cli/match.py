"""`makelocal match`: which designs can be made with given processes, machines and
materials."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.makeit.inputs import Catalogue


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

    root = Path(args.root)
    try:
        cat, makers = catalogue(root)
        have = choose(
            cat,
            makers,
            maker=args.maker,
            processes=args.process,
            machines=args.machine,
            materials=args.material,
            bed=tuple(args.bed) if args.bed else None,
        )
    except (NotValid, ChoiceError) as error:
        print(f"makelocal match: {error}", file=sys.stderr)
        return 2
    print(json.dumps(report(cat, match(cat, have), have), indent=2, ensure_ascii=False))
    return 0


class NotValid(Exception):
    """The records have errors: the message lists them."""


def catalogue(root: Path) -> tuple[Catalogue, dict[str, Mapping[str, Any]]]:
    """What matching needs: as stored by the last run if nothing changed since
    (generator.makeit.stored: then neither the records nor the analysis are read), else
    from the records, validated and analysed, and stored."""
    from generator.makeit import stored

    made_from = stored.fingerprint(root)
    found = stored.read(root, made_from)
    if found is not None:
        return found
    from generator.records.facts import visible_maker
    from generator.web.build import BuildError
    from generator.web.match_page import match_inputs
    from generator.web.sources import analyse, load_valid_catalog

    try:
        catalog = load_valid_catalog(root)
    except BuildError as error:
        raise NotValid(str(error)) from None
    cat, makers = match_inputs(catalog, analyse(catalog, root), visible_maker)
    stored.write(root, made_from, cat, makers)
    return cat, makers
