"""Print time of a sliced part, as PrusaSlicer 2.5 estimates it (normal mode).

Each layer's moves are rebuilt from what the layer holds (generator.analysis.shells) and
timed with the printer's limits (generator.analysis.motion), feature by feature:
- perimeters follow the layer's actual outlines, loop by loop, with their corners and
  short segments; loops no longer than PrusaSlicer's SMALL_PERIMETER_LENGTH (a circle of
  6.5 mm radius) go at `small_perimeter_speed`; the inner loops take as long per mm as
  the outline they follow;
- solid infill (solid, top, bridges) is straight lines at 45 degrees across each region,
  counted on the grid's diagonals, each braking to the speed its turn allows;
- sparse infill follows PrusaSlicer's gyroid waves (generator.analysis.infill_paths), in
  pieces as long as the regions' chords;
- travels: one from layer to layer, one to each loop and each infill piece; each longer
  than `retract_before_travel` retracts and unretracts;
- the first layer goes at `first_layer_speed`;
- cooling: a layer that would take less than `slowdown_below_layer_time` by PrusaSlicer's
  CoolingBuffer reckoning (length over feedrate) has its extrusions slowed, fastest first,
  to a common cap, not below `min_print_speed`; bridges keep their speed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from generator.analysis import infill_paths, motion
from generator.analysis.fdm_profile import FdmProfile
from generator.analysis.slicing import Layers, Loops

SMALL_PERIMETER_MM = 6.5 * 2 * math.pi  # PrusaSlicer's SMALL_PERIMETER_LENGTH
BRIDGE_SPACING_EXTRA = 0.05  # mm, PrusaSlicer's BRIDGE_EXTRA_SPACING
TURN_DEG = 90.0  # infill lines meet their links, and waves their anchors, about square
# Gyroid rates are worked out at these speeds and interpolated between them.
RATE_SPEEDS = (2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 60.0, 80.0, 100.0, 150.0, 200.0, 300.0)
# Features the cooling slow-down may slow (CoolingBuffer leaves bridges alone).
ADJUSTABLE = ("external", "inner", "small", "solid", "top", "sparse")
COOLING_STEPS = 40  # bisection steps for the cooling cap


@dataclass(frozen=True)
class Lines:
    """Straight infill lines of each layer: how many, and their mean length (mm)."""

    count: np.ndarray
    length: np.ndarray

    @classmethod
    def of(cls, area: np.ndarray, chords: np.ndarray, pixel: float, spacing: float) -> Lines:
        """Lines `spacing` apart filling regions of `area` mm2 crossed by `chords` runs
        along the grid's diagonals (spaced pixel / sqrt 2)."""
        count = chords * pixel / math.sqrt(2) / spacing
        length = np.where(count > 0, area / spacing / np.maximum(count, 1e-9), 0.0)
        return cls(count=count, length=length)

    @property
    def mm(self) -> np.ndarray:
        return self.count * self.length


@dataclass(frozen=True)
class LayerWork:
    """What each layer prints (arrays over layers), as the time model reads it."""

    perimeter_mm: np.ndarray  # every perimeter loop, external ones included
    external_mm: np.ndarray
    solid: Lines  # solid infill, neither top nor bridge
    top: Lines
    bridge: Lines
    sparse_mm: np.ndarray  # gyroid path, anchors included
    wave_mm: np.ndarray  # the waves alone
    sparse_chord_mm: np.ndarray  # mean length of the sparse regions' chords
    pieces: np.ndarray  # infill pieces reached by a travel
    travel_mm: np.ndarray  # mean length of the layer's travels
    skirt_mm: float


def machine_of(profile: FdmProfile) -> motion.Machine:
    return motion.Machine(
        extruding_acceleration=profile.machine_max_acceleration_extruding,
        travel_acceleration=profile.machine_max_acceleration_travel,
        retract_acceleration=profile.machine_max_acceleration_retracting,
        max_acceleration=(
            profile.machine_max_acceleration_x,
            profile.machine_max_acceleration_y,
            profile.machine_max_acceleration_z,
            profile.machine_max_acceleration_e,
        ),
        max_feedrate=(
            profile.machine_max_feedrate_x,
            profile.machine_max_feedrate_y,
            profile.machine_max_feedrate_z,
            profile.machine_max_feedrate_e,
        ),
        max_jerk=(
            profile.machine_max_jerk_x,
            profile.machine_max_jerk_y,
            profile.machine_max_jerk_z,
            profile.machine_max_jerk_e,
        ),
    )


def seconds(
    layers: Layers, loops: Loops | None, work: LayerWork, profile: FdmProfile
) -> dict[str, float]:
    """Seconds of each feature over the whole print, and in all ("total")."""
    count = len(work.perimeter_mm)
    machine = machine_of(profile)
    travel = _travel(work, loops, profile, machine)
    speeds = _speeds(profile, count)
    cap = _cooling_cap(work, loops, speeds, travel.nominal, profile)
    capped = {k: np.minimum(v, cap) if k in ADJUSTABLE else v for k, v in speeds.items()}
    flow = _flows(profile)
    out = {
        "perimeters": _perimeters(layers, loops, work, capped, flow["perimeter"], machine),
        "solid_infill": _lines(work.solid, capped["solid"], flow["perimeter"], machine),
        "top_infill": _lines(work.top, capped["top"], flow["top"], machine),
        "bridge_infill": _lines(work.bridge, capped["bridge"], flow["bridge"], machine),
        "sparse_infill": _sparse(work, capped["sparse"], flow["perimeter"], profile, machine),
        "travel": travel.seconds,
    }
    result = {name: float(values.sum()) for name, values in out.items()}
    result["skirt"] = (
        work.skirt_mm / min(profile.first_layer_speed, float(cap[0])) if count else 0.0
    )
    result["total"] = sum(result.values())
    return result


def _flows(profile: FdmProfile) -> dict[str, float]:
    """Filament fed per mm of each kind of extrusion (PrusaSlicer's Flow model)."""
    h = profile.layer_height
    return {
        "perimeter": h * profile.spacing / profile.filament_area,
        "top": h * profile.top_spacing / profile.filament_area,
        "bridge": math.pi * profile.nozzle_diameter**2 / 4 / profile.filament_area,
    }


def _speeds(profile: FdmProfile, count: int) -> dict[str, np.ndarray]:
    """Cruise speed of each feature on each layer, mm/s; the first layer's extrusions all
    go at first_layer_speed."""
    speeds = {
        "external": profile.external_perimeter_speed,
        "inner": profile.perimeter_speed,
        "small": profile.small_perimeter_speed,
        "solid": profile.solid_infill_speed,
        "top": profile.top_solid_infill_speed,
        "sparse": profile.infill_speed,
        "bridge": profile.bridge_speed,
    }
    out = {name: np.full(count, float(value)) for name, value in speeds.items()}
    if count:
        for values in out.values():
            values[0] = profile.first_layer_speed
    return out


def _cooling_cap(
    work: LayerWork,
    loops: Loops | None,
    speeds: dict[str, np.ndarray],
    travel_nominal: np.ndarray,
    profile: FdmProfile,
) -> np.ndarray:
    """The feedrate cap CoolingBuffer sets on each layer's adjustable extrusions, mm/s
    (inf where the layer is slow enough already).

    CoolingBuffer reckons a layer's time as length over feedrate for every move. When
    that is under slowdown_below_layer_time it slows the fastest adjustable extrusions
    down to the next slower ones, and so on, until the layer takes that long: all end at
    a common cap (or their own lower speed), and none below min_print_speed.
    """
    small = _small_perimeter_mm(work, loops)
    lengths = {
        "external": work.external_mm - small[0],
        "inner": work.perimeter_mm - work.external_mm - small[1],
        "small": small[0] + small[1],
        "solid": work.solid.mm,
        "top": work.top.mm,
        "sparse": work.sparse_mm,
    }
    fixed = travel_nominal + work.bridge.mm / speeds["bridge"]
    target = profile.min_layer_time

    def layer_time(cap: np.ndarray) -> np.ndarray:
        total = fixed.copy()
        for name, length in lengths.items():
            speed = np.minimum(speeds[name], np.maximum(cap, profile.min_print_speed))
            total += length / speed
        return total

    count = len(work.perimeter_mm)
    slow = layer_time(np.full(count, np.inf)) < target
    if not slow.any():
        return np.full(count, np.inf)
    low = np.full(count, profile.min_print_speed)
    high = np.full(count, max(float(v.max()) for v in speeds.values()))
    for _ in range(COOLING_STEPS):
        middle = (low + high) / 2
        too_fast = layer_time(middle) < target
        low = np.where(too_fast, low, middle)
        high = np.where(too_fast, middle, high)
    return np.where(slow, low, np.inf)


def _small_perimeter_mm(work: LayerWork, loops: Loops | None) -> tuple[np.ndarray, np.ndarray]:
    """External and inner perimeter length on each layer in loops short enough for the
    small-perimeter speed."""
    count = len(work.perimeter_mm)
    if loops is None or not len(loops.length):
        return np.zeros(count), np.zeros(count)
    small = loops.length <= SMALL_PERIMETER_MM
    external = np.bincount(loops.layer, weights=np.where(small, loops.length, 0), minlength=count)
    total = np.bincount(loops.layer, weights=loops.length, minlength=count)
    inner = work.perimeter_mm - work.external_mm
    share = np.divide(external, total, out=np.zeros(count), where=total > 0)
    return np.minimum(external, work.external_mm), inner * share


def _perimeters(
    layers: Layers,
    loops: Loops | None,
    work: LayerWork,
    speeds: dict[str, np.ndarray],
    e_per_mm: float,
    machine: motion.Machine,
) -> np.ndarray:
    """Seconds of each layer's perimeters: the planner along each outline loop, at the
    external perimeter's speed, and at the inner loops' speed scaled to their length."""
    count = len(work.perimeter_mm)
    inner_mm = work.perimeter_mm - work.external_mm
    sections = layers.sections
    if loops is None or sections is None or not len(loops.order):
        return work.external_mm / speeds["external"] + inner_mm / speeds["inner"]
    steps = sections.end[:, loops.order] - sections.start[:, loops.order]
    length = np.hypot(steps[0], steps[1])
    keep = length > 0
    segment_loop = loops.loop[keep]
    layer = loops.layer[segment_loop]
    small = (loops.length <= SMALL_PERIMETER_MM)[segment_loop]
    direction = motion.unit(steps[:, keep])
    times = []
    for kind in ("external", "inner"):
        speed = np.where(small, speeds["small"][layer], speeds[kind][layer])
        moves = motion.Moves(length[keep], direction, speed, np.full(len(speed), e_per_mm))
        per_move = motion.path_seconds(moves, machine, segment_loop)
        times.append(np.bincount(layer, weights=per_move, minlength=count))
    outline = np.bincount(layer, weights=length[keep], minlength=count)
    scale = np.divide(inner_mm, outline, out=np.zeros(count), where=outline > 0)
    scale_external = np.divide(work.external_mm, outline, out=np.zeros(count), where=outline > 0)
    return times[0] * scale_external + times[1] * scale


def _lines(lines: Lines, speed: np.ndarray, e_per_mm: float, machine: motion.Machine) -> np.ndarray:
    """Seconds of straight infill lines joined end to end by square turns."""
    turn = _turn_speeds(speed, e_per_mm, machine)
    per_line = infill_paths.line_seconds(lines.length, speed, turn, machine, e_per_mm)
    return lines.count * per_line


def _sparse(
    work: LayerWork,
    speed: np.ndarray,
    e_per_mm: float,
    profile: FdmProfile,
    machine: motion.Machine,
) -> np.ndarray:
    """Seconds of the gyroid: waves in pieces as long as the regions' chords, each at the
    wave's own pace (from its segments and bends), joined by anchors along the perimeters,
    with a square turn between each; none at 0 % infill."""
    if profile.infill_density <= 0:
        return np.zeros(len(speed))
    rates = infill_paths.gyroid_seconds_per_mm(
        profile.spacing, profile.infill_density, RATE_SPEEDS, e_per_mm, machine
    )
    pace = np.interp(speed, RATE_SPEEDS, 1 / rates)  # effective mm/s along the wave
    chord = np.maximum(work.sparse_chord_mm, 1e-6)
    pieces = work.wave_mm / chord
    anchor = np.divide(
        work.sparse_mm - work.wave_mm, pieces, out=np.zeros(len(pieces)), where=pieces > 0
    )
    turn = _turn_speeds(speed, e_per_mm, machine)
    wave = infill_paths.line_seconds(chord, pace, np.minimum(turn, pace), machine, e_per_mm)
    joins = infill_paths.line_seconds(anchor, speed, turn, machine, e_per_mm)
    return pieces * (wave + joins)


@dataclass(frozen=True)
class Travel:
    seconds: np.ndarray  # per layer, as the planner times it, retractions included
    nominal: np.ndarray  # per layer, as CoolingBuffer reckons it (length over feedrate)


def _travel(
    work: LayerWork, loops: Loops | None, profile: FdmProfile, machine: motion.Machine
) -> Travel:
    """Each layer's travels: the move up to it, one to each loop and each infill piece
    (retracting where longer than retract_before_travel), and the two short moves
    around each loop's external perimeter."""
    count = len(work.perimeter_mm)
    loop_count = np.bincount(loops.layer, minlength=count) if loops is not None else np.ones(count)
    travels = 1 + loop_count + work.pieces
    length = work.travel_mm
    safe = min(profile.travel_speed, machine.max_jerk[0], machine.max_jerk[1])
    move = motion.straight_seconds(length, profile.travel_speed, safe, machine.travel_acceleration)
    retract = motion.retract_seconds(profile.retract_length, profile.retract_speed, machine)
    retracted = length > profile.retract_before_travel
    short = motion.straight_seconds(
        np.full(count, profile.spacing), profile.travel_speed, safe, machine.travel_acceleration
    )
    rise = motion.straight_seconds(
        np.full(count, profile.layer_height),
        min(profile.travel_speed, machine.max_feedrate[2]),
        min(machine.max_jerk[2], machine.max_feedrate[2]),
        min(machine.travel_acceleration, machine.max_acceleration[2]),
    )
    seconds = travels * (move + np.where(retracted, 2 * retract, 0.0)) + rise
    seconds += loop_count * 2 * short
    nominal = (
        travels * (length / profile.travel_speed)
        + loop_count * 2 * profile.spacing / profile.travel_speed
    )
    nominal += np.where(
        retracted, travels * 2 * profile.retract_length / profile.retract_speed, 0.0
    )
    return Travel(seconds=seconds, nominal=nominal)


def _turn_speeds(speed: np.ndarray, e_per_mm: float, machine: motion.Machine) -> np.ndarray:
    """The junction speed of a square turn between two extrusions at each speed."""
    turn = math.radians(TURN_DEG)
    one = np.ones_like(speed)
    before = np.stack([speed, 0 * speed, e_per_mm * speed])
    after = np.stack([speed * math.cos(turn), speed * math.sin(turn), e_per_mm * speed])
    jerk = np.array([machine.max_jerk[0], machine.max_jerk[1], machine.max_jerk[3]])
    safe = np.minimum(
        speed, np.where(np.abs(before) > jerk[:, None], jerk[:, None], np.inf).min(axis=0)
    )
    safe_after = np.minimum(
        speed, np.where(np.abs(after) > jerk[:, None], jerk[:, None], np.inf).min(axis=0)
    )
    return motion.junction(machine, before, after, speed * one, speed * one, safe, safe_after)


def support_seconds(
    lines: np.ndarray,
    line_mm: np.ndarray,
    islands: np.ndarray,
    travel_mm: np.ndarray,
    speed: float,
    profile: FdmProfile,
) -> float:
    """Seconds the support takes: its straight lines at `speed` (the first layer at
    first_layer_speed), and a retracted travel to each of its islands."""
    machine = machine_of(profile)
    count = len(lines)
    speeds = np.full(count, float(speed))
    if count:
        speeds[0] = profile.first_layer_speed
    e_per_mm = _flows(profile)["perimeter"]
    turn = _turn_speeds(speeds, e_per_mm, machine)
    drawn = lines * infill_paths.line_seconds(line_mm, speeds, turn, machine, e_per_mm)
    safe = min(profile.travel_speed, machine.max_jerk[0], machine.max_jerk[1])
    move = motion.straight_seconds(
        travel_mm, profile.travel_speed, safe, machine.travel_acceleration
    )
    retract = motion.retract_seconds(profile.retract_length, profile.retract_speed, machine)
    return float((drawn + islands * (move + 2 * retract)).sum())
