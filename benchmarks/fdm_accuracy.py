"""FDM filament estimate against PrusaSlicer, part by part.

Slices a varied set of test parts (tests/analysis/shapes.py) and every FDM part of the
catalogue with PrusaSlicer and the reference profile, and prints: part, faces, our grams,
PrusaSlicer's grams, error %, both print times and both run times. Both use the profile's
PLA density (1.24 g/cm3), so the grams compare the extruded volume.

    .venv/bin/python benchmarks/fdm_accuracy.py [--only NAME ...]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.analysis import fdm  # noqa: E402
from generator.analysis.mesh import corners_of  # noqa: E402
from generator.analysis.slicer import REFERENCE_PROFILE, find_prusa_slicer, slice_part  # noqa: E402
from generator.records.stl import read_triangles  # noqa: E402
from tests.analysis.shapes import ACCURACY_PARTS  # noqa: E402

PLA_DENSITY = 1.24  # g/cm3, the reference profile's filament_density


def parts(folder: Path) -> dict[str, Path]:
    """Test parts written to `folder`, then the catalogue's FDM parts."""
    found: dict[str, Path] = {}
    for name, make in ACCURACY_PARTS.items():
        path = folder / f"{name}.stl"
        make().export(path)
        found[name] = path
    for design in sorted((ROOT / "designs").glob("*/design.yml")):
        text = design.read_text()
        if "fdm-printing" not in text:
            continue
        for stl in sorted(design.parent.glob("parts/*.stl")):
            found[f"{design.parent.name}/{stl.stem}"] = stl
    return found


def ours(stl: Path) -> tuple[float, float, float, int]:
    """Our grams, print minutes, seconds taken and face count."""
    start = time.perf_counter()
    triangles = read_triangles(stl)
    profile = fdm.FdmProfile()
    layers, radius = fdm.slice_for_fdm(corners_of(triangles), profile)
    figures = fdm.estimate(layers, radius, profile)
    seconds = time.perf_counter() - start
    grams = fdm.extruded_mm3(figures) / 1000 * PLA_DENSITY
    return grams, figures["print_time_min"], seconds, len(triangles)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="part names to run")
    args = parser.parse_args()
    if find_prusa_slicer() is None:
        print("prusa-slicer is not installed: nothing to compare")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        rows = []
        for name, stl in parts(Path(folder)).items():
            if args.only and name not in args.only:
                continue
            grams, minutes, seconds, faces = ours(stl)
            slicer = slice_part(stl, REFERENCE_PROFILE)
            error = (grams / slicer.filament_g - 1) * 100
            rows.append((name, faces, grams, slicer, error, minutes, seconds))
    print(
        f"{'part':44} {'faces':>7} {'ours g':>7} {'PS g':>7} {'err %':>6} "
        f"{'ours min':>8} {'PS min':>7} {'ours s':>6} {'PS s':>6}"
    )
    for name, faces, grams, slicer, error, minutes, seconds in rows:
        print(
            f"{name:44} {faces:7d} {grams:7.2f} {slicer.filament_g:7.2f} {error:+6.1f} "
            f"{minutes:8.1f} {slicer.print_time_min or math.nan:7.1f} {seconds:6.2f} "
            f"{slicer.slicer_seconds:6.2f}"
        )
    errors = [abs(row[4]) for row in rows]
    time_errors = sorted(
        abs(row[5] / row[3].print_time_min - 1) * 100 for row in rows if row[3].print_time_min
    )
    within = sum(e <= 10 for e in errors)
    print(
        f"\n{within} of {len(rows)} parts within 10 % ({within / len(rows):.0%}); "
        f"largest error {max(errors):.1f} %; median print-time error "
        f"{time_errors[len(time_errors) // 2]:.0f} %"
    )
    return 0 if within >= 0.9 * len(rows) and max(errors) <= 25 else 1


if __name__ == "__main__":
    sys.exit(main())
