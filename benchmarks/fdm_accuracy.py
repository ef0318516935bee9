"""FDM estimate against PrusaSlicer 2.5, part by part: filament, print time and support.

Parts: the varied and the sloped, chamfered and domed test parts of
tests/analysis/shapes.py, stacks of face-shield bands designed to print without support,
and every FDM part of the catalogue (real third-party designs; each design.yml gives the
files' licence and source).

Ours: the whole analysis of the part (generator.analysis.printability.analyse) with the
catalogue's FDM process record and PLA at the reference profile's density (1.24 g/cm3),
so the grams compare the extruded volume. PrusaSlicer: the reference profile
(generator/analysis/profiles/), and once more with support on at the process's overhang
rule (generator.analysis.slicer.support_options).

Printed per part: our grams and minutes of the part alone against PrusaSlicer's without
support; our support grams and minutes against the difference PrusaSlicer's support run
makes; and the figures as shown (support included where we say it is needed) against
PrusaSlicer's with the same decision (its run with support where we say it is needed,
else without). Whether support is needed at all is counted apart: we and PrusaSlicer
agree when we say it is needed exactly where PrusaSlicer builds more than a few lines of
it (SLICER_SUPPORT_G). Then how many parts are within 5 % of the grams and 10 % of the
minutes, and the medians.

    .venv/bin/python benchmarks/fdm_accuracy.py [--only NAME ...] [--cache DIR]

--cache keeps PrusaSlicer's figures by the part's content and the options, so that a
second run slices only what changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from generator.analysis.printability import analyse  # noqa: E402
from generator.analysis.slicer import (  # noqa: E402
    REFERENCE_PROFILE,
    find_prusa_slicer,
    slice_part,
    support_options,
)
from generator.records.stl import read_triangles  # noqa: E402
from tests.analysis.shapes import ACCURACY_PARTS, SLOPED_PARTS, STACKED_PARTS  # noqa: E402

PLA = {"pla": {"properties": {"density": {"value": 1.24, "unit": "g/cm3", "source": "profile"}}}}
PROCESS = yaml.safe_load((ROOT / "catalog" / "processes" / "fdm-printing.yml").read_text())
RULE_DEG = PROCESS["design_rules"]["max_overhang"]["value"]
SUPPORT = support_options(RULE_DEG)
SLICER_SUPPORT_G = 0.25  # PrusaSlicer's support counts when it is more than this
MASS_WITHIN, TIME_WITHIN = 5.0, 10.0  # %


@dataclass(frozen=True)
class Row:
    name: str
    faces: int
    grams: float  # ours, the part alone
    minutes: float
    support_g: float  # ours, whether needed or not
    support_min: float
    needed: bool
    seconds: float  # our whole analysis
    slicer: dict[str, float]  # PrusaSlicer without support: g, min, s
    supported: dict[str, float]  # with support

    @property
    def slicer_support_g(self) -> float:
        return self.supported["g"] - self.slicer["g"]

    @property
    def slicer_needs(self) -> bool:
        """PrusaSlicer builds more than a few lines of support, and the part is not
        designed to print without."""
        return self.name not in STACKED_PARTS and self.slicer_support_g > SLICER_SUPPORT_G

    def shown(self) -> tuple[float, float, float, float]:
        """Our grams and minutes as shown, and PrusaSlicer's as it would print the part
        with the same decision: with support where we say it is needed."""
        if self.needed:
            ours = (self.grams + self.support_g, self.minutes + self.support_min)
            return (*ours, self.supported["g"], self.supported["min"])
        return self.grams, self.minutes, self.slicer["g"], self.slicer["min"]


def parts(folder: Path) -> dict[str, Path]:
    """Test parts written to `folder`, then the catalogue's FDM parts."""
    found: dict[str, Path] = {}
    for name, make in {**ACCURACY_PARTS, **SLOPED_PARTS, **STACKED_PARTS}.items():
        path = folder / f"{name}.stl"
        make().export(path)
        found[name] = path
    for design in sorted((ROOT / "designs").glob("*/design.yml")):
        if "fdm-printing" not in design.read_text():
            continue
        for stl in sorted(design.parent.glob("parts/*.stl")):
            found[f"{design.parent.name}/{stl.stem}"] = stl
    return found


def slicer(stl: Path, options: tuple[str, ...], cache: Path | None) -> dict[str, float]:
    """PrusaSlicer's grams, minutes and seconds taken, from the cache if it has them."""
    key = hashlib.sha256(
        stl.read_bytes() + REFERENCE_PROFILE.read_bytes() + repr(options).encode()
    ).hexdigest()
    stored = cache / f"{key}.json" if cache else None
    if stored and stored.exists():
        figures: dict[str, float] = json.loads(stored.read_text())
        return figures
    done = slice_part(stl, REFERENCE_PROFILE, options=options)
    figures = {"g": done.filament_g, "min": done.print_time_min or 0.0, "s": done.slicer_seconds}
    if stored:
        stored.write_text(json.dumps(figures))
    return figures


def measure(name: str, stl: Path, cache: Path | None) -> Row:
    triangles = read_triangles(stl)
    start = time.perf_counter()
    result = analyse(triangles, PROCESS, PLA)
    seconds = time.perf_counter() - start
    use = result.materials[0].filament
    assert use is not None and use.mass_g is not None
    times = result.profile.time_breakdown_min or {}
    held = result.printability.support
    added_g = use.support_g or 0.0
    added_min = times.get("support", 0.0)
    # Our support whether or not it is needed (when it is not, it is not in the figures).
    support_cm3 = result.printability.support_volume_cm3 or 0.0
    return Row(
        name=name,
        faces=len(triangles),
        grams=use.mass_g - added_g,
        minutes=use.print_time_min - added_min,
        support_g=support_cm3 * 1.24,
        support_min=held.support_print_time_min if held else 0.0,
        needed=bool(held and held.support_needed),
        seconds=seconds,
        slicer=slicer(stl, (), cache),
        supported=slicer(stl, SUPPORT, cache),
    )


def error(ours: float, theirs: float) -> float:
    return (ours / theirs - 1) * 100 if theirs else 0.0


def report(rows: list[Row]) -> bool:
    print(
        f"{'part':44} {'faces':>7} {'g':>7} {'PS g':>7} {'err%':>6} {'min':>6} {'PS min':>6} "
        f"{'err%':>6} {'sup g':>6} {'PS sup':>6} {'sup m':>6} {'PS m':>6} {'need':>4} "
        f"{'s':>5} {'PS s':>5}"
    )
    for r in rows:
        print(
            f"{r.name[:44]:44} {r.faces:7d} {r.grams:7.2f} {r.slicer['g']:7.2f} "
            f"{error(r.grams, r.slicer['g']):+6.1f} {r.minutes:6.1f} {r.slicer['min']:6.1f} "
            f"{error(r.minutes, r.slicer['min']):+6.1f} {r.support_g:6.2f} "
            f"{r.slicer_support_g:6.2f} {r.support_min:6.1f} "
            f"{r.supported['min'] - r.slicer['min']:6.1f} {'yes' if r.needed else '':>4} "
            f"{r.seconds:5.2f} {r.slicer['s']:5.2f}"
        )
    count = len(rows)
    mass = [abs(error(r.grams, r.slicer["g"])) for r in rows]
    minutes = [abs(error(r.minutes, r.slicer["min"])) for r in rows]
    shown = [r.shown() for r in rows]
    shown_mass = [abs(error(g, pg)) for g, _, pg, _ in shown]
    shown_min = [abs(error(m, pm)) for _, m, _, pm in shown]
    agree = sum(r.needed == r.slicer_needs for r in rows)
    supported = [r for r in rows if r.slicer_needs]
    stacks = [r for r in rows if r.name in STACKED_PARTS]
    support_errors = [abs(error(r.support_g, r.slicer_support_g)) for r in supported]

    def line(label: str, errors: list[float], within: float) -> bool:
        inside = sum(e <= within for e in errors)
        print(
            f"{label}: {inside} of {count} within {within:g} % ({inside / count:.0%}), "
            f"median {statistics.median(errors):.1f} %, largest {max(errors):.1f} %"
        )
        return inside >= 0.9 * count

    print()
    good = line("grams, the part alone", mass, MASS_WITHIN)
    good &= line("minutes, the part alone", minutes, TIME_WITHIN)
    line("grams as shown (support where needed)", shown_mass, MASS_WITHIN)
    line("minutes as shown", shown_min, TIME_WITHIN)
    print(
        f"support needed: we and PrusaSlicer (more than {SLICER_SUPPORT_G:g} g) agree on "
        f"{agree} of {count}; support grams on the {len(supported)} parts PrusaSlicer "
        f"supports: median error {statistics.median(support_errors or [0]):.0f} %; stacks "
        f"designed without support told to use it: {sum(r.needed for r in stacks)} of "
        f"{len(stacks)}"
    )
    ours_s = statistics.median(r.seconds for r in rows)
    theirs_s = statistics.median(r.slicer["s"] for r in rows)
    print(
        f"time taken, medians: our analysis {ours_s:.2f} s (in this process), PrusaSlicer "
        f"{theirs_s:.2f} s (a whole run)"
    )
    return good


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="part names to run")
    parser.add_argument("--cache", type=Path, help="folder for PrusaSlicer's figures")
    parser.add_argument("--rows", type=Path, help="also write every row to this JSON file")
    args = parser.parse_args()
    if find_prusa_slicer() is None:
        print("prusa-slicer is not installed: nothing to compare")
        return 1
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        rows = [
            measure(name, stl, args.cache)
            for name, stl in parts(Path(folder)).items()
            if not args.only or name in args.only
        ]
    if args.rows:
        args.rows.write_text(json.dumps([asdict(row) for row in rows], indent=1))
    return 0 if report(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
