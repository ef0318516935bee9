"""Running PrusaSlicer headless on one part and reading its own figures from the G-code."""

from __future__ import annotations

import math
import re
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

from generator.analysis.print_settings import NOT_GIVEN, PrintSettings
from generator.analysis.results import SlicerFigures

# The reference profile the FDM model follows (generator.fdm.FdmProfile), shipped with the
# package so that a fresh clone or install can compare with PrusaSlicer.
REFERENCE_PROFILE = Path(__file__).parent / "profiles" / "prusaslicer-0.20mm-quality-pla.ini"
_FIGURES = {
    "filament_mm": re.compile(r"^; filament used \[mm\] = ([\d.]+)", re.M),
    "filament_cm3": re.compile(r"^; filament used \[cm3\] = ([\d.]+)", re.M),
    "filament_g": re.compile(r"^; filament used \[g\] = ([\d.]+)", re.M),
}
# The profile's fields under PrusaSlicer's own names, where they differ.
SLICER_OPTIONS = {"infill_density": "fill_density"}
_TIME = re.compile(r"^; estimated printing time \(normal mode\) = (.+)$", re.M)
_TIME_PART = re.compile(r"(\d+)([dhms])")


class SlicerError(RuntimeError):
    """PrusaSlicer is missing, failed or timed out; the message says which."""


def find_prusa_slicer() -> str | None:
    return shutil.which("prusa-slicer")


def slice_part(
    stl: Path,
    profile: Path,
    timeout: float = 300.0,
    settings: PrintSettings = NOT_GIVEN,
    options: Sequence[str] = (),
) -> SlicerFigures:
    """PrusaSlicer's figures for one part: filament mm, cm3, g, print time and run time,
    with the profile's file name. The design's recommended `settings` override the
    profile's, as they do the estimate's; `options` are more command-line settings (say
    `support_options`)."""
    # Imported here: the analysis of a part without PrusaSlicer starts no process.
    import subprocess
    import tempfile

    executable = find_prusa_slicer()
    if executable is None:
        raise SlicerError("prusa-slicer is not installed (Debian: apt-get install prusa-slicer)")
    with tempfile.TemporaryDirectory() as folder:
        gcode = Path(folder) / "part.gcode"
        command = [executable, "--load", str(profile), *_options(settings), *options]
        command += ["-g", str(stl), "-o", str(gcode)]
        start = time.perf_counter()
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise SlicerError(f"{stl}: prusa-slicer took longer than {timeout:g} s") from None
        seconds = time.perf_counter() - start
        if done.returncode != 0 or not gcode.is_file():
            last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise SlicerError(f"{stl}: prusa-slicer failed: {last[0][:200]}")
        figures = parse_gcode_figures(gcode.read_text(errors="replace"))
    return SlicerFigures(
        filament_mm=figures.get("filament_mm"),
        filament_cm3=figures.get("filament_cm3"),
        filament_g=figures["filament_g"],
        print_time_min=figures.get("print_time_min"),
        slicer_seconds=round(seconds, 3),
        profile=profile.name + (" with the design's print settings" if _options(settings) else ""),
    )


def _options(settings: PrintSettings) -> list[str]:
    """PrusaSlicer's command-line options for the settings that change the profile (not
    supports: the estimate leaves support material out, and so does the comparison)."""
    options: list[str] = []
    for name, value in settings.profile_changes().items():
        flag = "--" + SLICER_OPTIONS.get(name, name).replace("_", "-")
        options += [flag, f"{value * 100:g}%" if name == "infill_density" else f"{value:g}"]
    if settings.infill_percent == 100:
        # PrusaSlicer refuses the profile's gyroid at 100 % ("not supposed to work at 100%
        # density"); a solid part is filled with straight lines (Glia's print files too).
        options += ["--fill-pattern", "rectilinear"]
    return options


def support_options(max_overhang_deg: float) -> tuple[str, ...]:
    """PrusaSlicer's options for support under overhangs steeper than the rule (degrees
    from vertical). PrusaSlicer's threshold is a slope from the horizontal and it adds one
    degree to it; a face at exactly the rule's angle (a designer's 45 degree chamfer) then
    gets slivers of support from rounding, which the rule lets pass: one more degree
    under it leaves them out."""
    threshold = max(1, math.floor(90 - max_overhang_deg) - 2)
    return ("--support-material", "--support-material-threshold", str(threshold))


def parse_gcode_figures(gcode: str) -> dict[str, float]:
    """The filament and time figures PrusaSlicer writes as comments near the end."""
    figures: dict[str, float] = {}
    for name, pattern in _FIGURES.items():
        found = pattern.search(gcode)
        if found:
            figures[name] = float(found.group(1))
    found = _TIME.search(gcode)
    if found:
        units = {"d": 1440.0, "h": 60.0, "m": 1.0, "s": 1 / 60}
        minutes = sum(int(n) * units[u] for n, u in _TIME_PART.findall(found.group(1)))
        figures["print_time_min"] = round(minutes, 2)
    if "filament_g" not in figures:
        raise SlicerError("the G-code holds no 'filament used [g]' figure")
    return figures
