"""The paths PrusaSlicer lays infill along, for the time they take.

Sparse gyroid infill is a wave drawn as a polyline of short segments; solid infill is
straight lines joined at their ends. How fast the printer gets along them depends on the
segments and turns, so their time is worked out on the same paths PrusaSlicer 2.5 draws
(src/libslic3r/Fill/FillGyroid.cpp and FillRectilinear.cpp, tag version_2.5.0) with the
machine limits (generator.analysis.motion), once per profile and speed.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from generator.analysis import motion

# FillGyroid: the density is scaled by this for the waves to hold the requested share of
# material; the wave is drawn to this tolerance (mm) or half the line spacing; z samples
# the wave's shape over one period of its change with height.
GYROID_DENSITY_ADJUST = 2.44
GYROID_TOLERANCE_MM = 0.2
WAVE_SAMPLES = 8  # heights over one period of the gyroid along z
WAVE_PERIODS = 4  # periods of each wave simulated
MIN_DENSITY = 0.01


def _f(x: np.ndarray, z_sin: float, z_cos: float, vertical: bool, flip: bool) -> np.ndarray:
    """FillGyroid.cpp's f(): the wave's offset at x for the layer's z."""
    if vertical:
        phase = (math.pi if z_cos < 0 else 0.0) + math.pi
        a = np.sin(x + phase)
        b = -z_cos
        res = z_sin * np.cos(x + phase + (math.pi if flip else 0.0))
        r = np.sqrt(a**2 + b**2)
        return np.arcsin(a / r) + np.arcsin(res / r) + math.pi
    phase = math.pi if z_sin < 0 else 0.0
    a = np.cos(x + phase)
    b = -z_sin
    res = z_cos * np.sin(x + phase + (0.0 if flip else math.pi))
    r = np.sqrt(a**2 + b**2)
    return np.arcsin(a / r) + np.arcsin(res / r) + 0.5 * math.pi


def gyroid_period(z_sin: float, z_cos: float, tolerance: float) -> np.ndarray:
    """One period of a wave (points (n, 2) in wave units), refined as FillGyroid's
    make_one_period() refines it: halve every interval whose midpoint strays more than
    the tolerance from the chord, until none does."""
    vertical = abs(z_sin) <= abs(z_cos)
    flip = not vertical
    xs = [*np.arange(0.0, 2 * math.pi - 1e-9, math.pi / 2), 2 * math.pi]
    while True:
        x = np.array(xs)
        y = _f(x, z_sin, z_cos, vertical, flip)
        mid = (x[:-1] + x[1:]) / 2
        ym = _f(mid, z_sin, z_cos, vertical, flip)
        # |cross(ip - lp, ip - rp)| > tolerance^2 adds the midpoint.
        cross = (mid - x[:-1]) * (ym - y[1:]) - (ym - y[:-1]) * (mid - x[1:])
        add = np.abs(cross) > tolerance**2
        if not add.any():
            return np.stack([x, y], axis=1)
        xs = sorted([*xs, *mid[add]])


@lru_cache(maxsize=16)
def gyroid_seconds_per_mm(
    spacing: float,
    density: float,
    speeds: tuple[float, ...],
    e_per_mm: float,
    machine: motion.Machine,
) -> np.ndarray:
    """Seconds per mm along long gyroid waves at each of `speeds`, averaged over the
    wave's shapes at different heights: every wave at every speed is one chain of moves
    for the planner, all timed at once."""
    # Below MIN_DENSITY the waves are nearly straight and ever longer: their shape at
    # MIN_DENSITY stands for them (a sparser one would take ever more points to trace).
    adjusted = max(density, MIN_DENSITY) * GYROID_DENSITY_ADJUST
    scale = spacing / adjusted  # mm per wave unit
    tolerance = min(spacing / 2, GYROID_TOLERANCE_MM) / scale
    lengths, directions, inner = [], [], []
    for z in np.linspace(0, 2 * math.pi, WAVE_SAMPLES, endpoint=False):
        period = gyroid_period(math.sin(z), math.cos(z), tolerance)[:-1]
        shift = np.arange(WAVE_PERIODS)[:, None] * 2 * math.pi
        x = (period[None, :, 0] + shift).ravel()
        y = np.tile(period[:, 1], WAVE_PERIODS)
        steps = np.diff(np.stack([x, y]) * scale, axis=1)
        length = np.hypot(steps[0], steps[1])
        keep = length > 0
        lengths.append(length[keep])
        directions.append(motion.unit(steps[:, keep]))
        # The middle periods: each line's start and stop are counted elsewhere.
        middle = np.zeros(int(keep.sum()), dtype=bool)
        middle[len(middle) // WAVE_PERIODS : len(middle) - len(middle) // WAVE_PERIODS] = True
        inner.append(middle)
    waves = len(lengths)
    length = np.tile(np.concatenate(lengths), len(speeds))
    direction = np.tile(np.concatenate(directions, axis=1), len(speeds))
    middle = np.tile(np.concatenate(inner), len(speeds))
    moves_per_speed = len(length) // len(speeds)
    speed = np.repeat(np.asarray(speeds, dtype=float), moves_per_speed)
    chain = np.repeat(
        np.arange(waves * len(speeds)), np.tile([len(w) for w in lengths], len(speeds))
    )
    moves = motion.Moves(length, direction, speed, np.full(len(length), e_per_mm))
    times = motion.path_seconds(moves, machine, chain)
    which = np.repeat(np.arange(len(speeds)), moves_per_speed)
    seconds = np.bincount(which[middle], weights=times[middle], minlength=len(speeds))
    distance = np.bincount(which[middle], weights=length[middle], minlength=len(speeds))
    return seconds / distance


def gyroid_line_spacing(spacing: float, density: float) -> float:
    """Distance between neighbouring gyroid waves, mm (FillGyroid: pi wave units)."""
    return math.pi * spacing / max(density * GYROID_DENSITY_ADJUST, 1e-6)


def line_seconds(
    length: np.ndarray,
    speed: float | np.ndarray,
    turn_speed: float | np.ndarray,
    machine: motion.Machine,
    e_per_mm: float,
) -> np.ndarray:
    """Seconds for straight lines of the given lengths, each starting and ending at the
    speed its turns allow."""
    n = np.ones_like(length)
    cruise = np.minimum(speed * n, _axis_cap(machine, e_per_mm))
    ends = np.minimum(turn_speed * n, cruise)
    acceleration = machine.extruding_acceleration * n
    return motion.trapezoid_seconds(length, ends, cruise, ends, acceleration)


def turn_speed(speed: float, e_per_mm: float, machine: motion.Machine, angle_deg: float) -> float:
    """The junction speed between two extrusions at `speed` meeting at `angle_deg` (the
    change of direction), by GCodeProcessor's jerk rule."""
    first = np.array([[1.0], [0.0]])
    turn = math.radians(angle_deg)
    second = np.array([[math.cos(turn)], [math.sin(turn)]])
    moves = motion.Moves(
        np.array([10.0, 10.0]),
        np.concatenate([first, second], axis=1),
        np.full(2, speed),
        np.full(2, e_per_mm),
    )
    cruise, velocity = moves.axis_speeds(machine)
    safe = moves.safe_speeds(machine, velocity, cruise)
    return float(
        motion.junction(
            machine,
            velocity[:, :1],
            velocity[:, 1:],
            cruise[:1],
            cruise[1:],
            safe[:1],
            safe[1:],
        )[0]
    )


def _axis_cap(machine: motion.Machine, e_per_mm: float) -> float:
    """The fastest an extrusion may move, from the axes' max feedrates."""
    cap = float(min(machine.max_feedrate[0], machine.max_feedrate[1]))
    if e_per_mm > 0:
        cap = min(cap, machine.max_feedrate[3] / e_per_mm)
    return cap
