"""`makelocal plan`: what a batch of a design takes in material, machine time, sheets and
money."""

from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

from generator.reporters import NAMES, reporter

_PRICE = re.compile(r"^([a-z0-9][a-z0-9-]*)=([0-9]*\.?[0-9]+)(/kg)?$")


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    plan = commands.add_parser(
        "plan", help="material, machine time, sheets and cost of a batch of a design"
    )
    plan.add_argument("design", help="the design's id or folder")
    plan.add_argument("--quantity", type=int, default=1, metavar="N", help="how many (default 1)")
    plan.add_argument(
        "--price",
        action="append",
        default=[],
        metavar="MATERIAL=AMOUNT/kg",
        help="your price per kg of a material, in your currency (repeat for each material)",
    )
    plan.add_argument("--format", choices=NAMES, default="text")
    plan.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from generator.analysis.runner import CACHE_FOLDER, Settings, select_jobs
    from generator.analysis.runner import run as run_jobs
    from generator.makeit.plan import PlanError, Price, plan
    from generator.web.build import BuildError
    from generator.web.sources import load_valid_catalog

    root = Path(args.root)
    prices = {}
    for given in args.price:
        match = _PRICE.match(given.strip())
        if not match or not math.isfinite(float(match.group(2))) or float(match.group(2)) <= 0:
            print(
                f"makelocal plan: --price {given!r}: write MATERIAL=AMOUNT/kg, such as "
                "recycled-hdpe=1.2/kg",
                file=sys.stderr,
            )
            return 2
        prices[match.group(1)] = Price(float(match.group(2)), None)
    try:
        catalog = load_valid_catalog(root)
    except BuildError as error:
        print(f"makelocal plan: {error}", file=sys.stderr)
        return 2
    design_id = Path(args.design).name
    design = catalog.designs.get(design_id)
    if design is None:
        known = ", ".join(sorted(catalog.designs))
        print(f"makelocal plan: no design {design_id!r} (known: {known})", file=sys.stderr)
        return 2
    unknown = sorted(set(prices) - set(catalog.materials))
    if unknown:
        print(f"makelocal plan: --price names no material {unknown[0]!r}", file=sys.stderr)
        return 2
    jobs = select_jobs(catalog, [str(design.folder)], None)
    results = run_jobs(jobs, Settings(cache=root / CACHE_FOLDER))
    analyses = {f"{r.analysed.design}/{r.analysed.part}": r for r in results}
    try:
        batch = plan(
            design_id,
            design.data,
            analyses,
            {i: r.data for i, r in catalog.processes.items()},
            {i: r.data for i, r in catalog.materials.items()},
            args.quantity,
            prices,
        )
    except PlanError as error:
        print(f"makelocal plan: {error}", file=sys.stderr)
        return 2
    print(reporter(args.format).plan(batch))
    return 0
