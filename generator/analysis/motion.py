"""How long a printer takes over a path: PrusaSlicer's time estimate, vectorised.

PrusaSlicer 2.5 estimates print time with a model of Marlin's planner
(src/libslic3r/GCode/GCodeProcessor.cpp, tag version_2.5.0), from the machine limits in the
printer profile (`machine_limits_usage = time_estimate_only`): each move is cruised at its
feedrate, clamped by each axis' max feedrate; it accelerates and brakes at the extruding,
travel or retract acceleration, clamped by each axis' max acceleration; a move starts and
ends no faster than its safe speed (the speed at which no axis' velocity exceeds its jerk
limit), and passes from one move to the next at the junction speed Marlin's classic jerk
allows; forward and reverse passes then make every speed change reachable within the
moves' lengths, and each move's time is that of its trapezoid.

Here the same rules work on numpy arrays of moves: `junction` gives the junction speeds,
`plan` the reachable entry speeds of many chains of moves at once (the passes are a
running minimum on squared speeds) and `trapezoid_seconds` the times. The layers' paths
are built in generator.analysis.print_time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# GCodeProcessor's junction rule keeps a junction at the safe speed when both moves could
# start from standstill that fast anyway (within this share).
COASTING_SHARE = 0.99


@dataclass(frozen=True)
class Machine:
    """The limits PrusaSlicer's estimate uses (normal mode), in mm, s."""

    extruding_acceleration: float
    travel_acceleration: float
    retract_acceleration: float
    max_acceleration: tuple[float, float, float, float]  # x, y, z, e
    max_feedrate: tuple[float, float, float, float]
    max_jerk: tuple[float, float, float, float]


@dataclass(frozen=True)
class Moves:
    """Straight moves in the plane, one after the other: lengths (mm), unit directions
    (2, n), cruise feedrates (mm/s) and filament fed per mm of move (0 for travel)."""

    length: np.ndarray
    direction: np.ndarray
    feedrate: np.ndarray
    e_per_mm: np.ndarray

    def axis_speeds(self, machine: Machine) -> tuple[np.ndarray, np.ndarray]:
        """Cruise speed after the axes' max feedrates, and the x, y, e velocities (3, n)."""
        axes = np.stack(
            [self.direction[0], self.direction[1], self.e_per_mm * np.ones_like(self.length)]
        )
        limits = np.array(
            [machine.max_feedrate[0], machine.max_feedrate[1], machine.max_feedrate[3]]
        )
        with np.errstate(divide="ignore"):
            factor = np.min(
                np.where(axes != 0, limits[:, None] / np.abs(axes * self.feedrate), np.inf), axis=0
            )
        cruise = self.feedrate * np.minimum(factor, 1.0)
        return cruise, axes * cruise

    def safe_speeds(self, machine: Machine, velocity: np.ndarray, cruise: np.ndarray) -> np.ndarray:
        """The speed a move may start or stop at from standstill: its cruise speed, or the
        jerk limit of any axis it would move faster than that (GCodeProcessor's rule)."""
        jerk = np.array([machine.max_jerk[0], machine.max_jerk[1], machine.max_jerk[3]])
        over = np.abs(velocity) > jerk[:, None]
        limited = np.where(over, jerk[:, None], np.inf).min(axis=0)
        return np.minimum(cruise, limited)

    def accelerations(self, machine: Machine, travel: bool) -> np.ndarray:
        """The move's acceleration, clamped by each axis' max acceleration."""
        base = machine.travel_acceleration if travel else machine.extruding_acceleration
        axes = np.stack(
            [self.direction[0], self.direction[1], self.e_per_mm * np.ones_like(self.length)]
        )
        limits = np.array(
            [machine.max_acceleration[0], machine.max_acceleration[1], machine.max_acceleration[3]]
        )
        with np.errstate(divide="ignore"):
            clamp = np.min(np.where(axes != 0, limits[:, None] / np.abs(axes), np.inf), axis=0)
        return np.minimum(base, clamp)


def junction(
    machine: Machine,
    before: np.ndarray,
    after: np.ndarray,
    cruise_before: np.ndarray,
    cruise_after: np.ndarray,
    safe_before: np.ndarray,
    safe_after: np.ndarray,
) -> np.ndarray:
    """The highest speed at the junction of two moves (GCodeProcessor's classic jerk):
    `before` and `after` are the x, y, e velocities (3, n) at cruise speed."""
    larger = cruise_before > cruise_after
    with np.errstate(divide="ignore", invalid="ignore"):
        smaller = np.where(larger, cruise_after / cruise_before, cruise_before / cruise_after)
    speed = np.where(larger, cruise_after, cruise_before)
    factor = np.ones_like(speed)
    jerk = (machine.max_jerk[0], machine.max_jerk[1], machine.max_jerk[3])
    for axis in range(3):
        v_exit = before[axis] * np.where(larger, smaller, 1.0) * factor
        v_entry = after[axis] * factor
        coasting = np.where(
            v_exit > v_entry, (v_entry > 0) | (v_exit < 0), (v_entry < 0) | (v_exit > 0)
        )
        change = np.where(
            coasting,
            np.abs(v_exit - v_entry),
            np.where(v_exit > v_entry, np.maximum(v_exit, -v_entry), np.maximum(-v_exit, v_entry)),
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = np.where(change > jerk[axis], factor * jerk[axis] / change, factor)
    speed = speed * factor
    threshold = speed * COASTING_SHARE
    return np.where((safe_before > threshold) & (safe_after > threshold), safe_after, speed)


def plan(
    length: np.ndarray,
    acceleration: np.ndarray,
    entry_limit: np.ndarray,
    exit_speed: np.ndarray,
    chain: np.ndarray,
) -> np.ndarray:
    """Entry speed of each move once every slow-down fits within the moves before it.

    Moves are given in order, `chain` numbering the runs of consecutive moves (a new
    number where a path starts anew); `entry_limit` is each move's junction speed (its
    safe speed at a chain's start) and `exit_speed` (read at each chain's last move) the
    speed the chain ends at. GCodeProcessor's reverse pass, which decides the entries:
    entry_k^2 = min(limit_k^2, entry_{k+1}^2 + 2 a_k d_k). Unrolled from the chain's end,
    entry_k^2 = R_k + min(min over j >= k of (limit_j^2 - R_j), exit^2), R_k being the sum of
    2 a d over moves k to the chain's last: a running minimum, computed for every chain at
    once. (Its forward pass is undone by the reverse one; a move too short to reach the
    next entry just accelerates all along, as in trapezoid_seconds.)
    """
    reach = 2 * acceleration * length
    last = np.ones(len(chain), dtype=bool)
    last[:-1] = chain[1:] != chain[:-1]
    suffix = _grouped_cumsum(reach[::-1], last[::-1])[::-1]  # R_k, k included
    lowest = _grouped_accumulate_min((entry_limit**2 - suffix)[::-1], last[::-1])[::-1]
    ends = np.flatnonzero(last)
    end_of = np.repeat(exit_speed[ends] ** 2, np.diff(np.concatenate([[0], ends + 1])))
    return np.sqrt(np.maximum(suffix + np.minimum(lowest, end_of), 0.0))


def _grouped_cumsum(value: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Running sum of `value` restarting at each `start`."""
    total = np.cumsum(value)
    first = np.flatnonzero(start)
    before = total[first] - value[first]
    return total - np.repeat(before, np.diff(np.append(first, len(value))))


def _grouped_accumulate_min(value: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Running minimum of `value` restarting at each `start`."""
    if not len(value):
        return value
    group = np.cumsum(start) - 1
    # Lift each group above all earlier ones so that no earlier minimum leaks in.
    span = float(np.ptp(value)) + 1.0
    lifted = value - group * span
    return np.minimum.accumulate(lifted) + group * span


def trapezoid_seconds(
    length: np.ndarray,
    entry: np.ndarray,
    cruise: np.ndarray,
    exit_speed: np.ndarray,
    acceleration: np.ndarray,
) -> np.ndarray:
    """Time of each move accelerating from `entry` towards `cruise` and braking to
    `exit_speed` (GCodeProcessor's TimeBlock::calculate_trapezoid and time)."""
    a = acceleration
    up = np.maximum((cruise**2 - entry**2) / (2 * a), 0.0)
    down = np.maximum((cruise**2 - exit_speed**2) / (2 * a), 0.0)
    flat = length - up - down
    short = flat < 0
    # Too short to reach the cruise speed: accelerate until braking must start.
    up = np.where(
        short, np.clip((2 * a * length - entry**2 + exit_speed**2) / (4 * a), 0, length), up
    )
    peak = np.where(short, np.sqrt(np.maximum(entry**2 + 2 * a * up, 0.0)), cruise)
    flat = np.maximum(flat, 0.0)
    down_length = length - up - flat
    braked = np.sqrt(np.maximum(peak**2 - 2 * a * down_length, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        cruising = np.where(peak > 0, flat / peak, 0.0)
    return (peak - entry) / a + cruising + (peak - braked) / a


def path_seconds(
    moves: Moves, machine: Machine, chain: np.ndarray, travel: bool = False
) -> np.ndarray:
    """Seconds of each move of chains of consecutive moves, each chain starting from and
    ending at its safe speed (after a travel or a stop)."""
    if not len(moves.length):
        return np.zeros(0)
    cruise, velocity = moves.axis_speeds(machine)
    safe = moves.safe_speeds(machine, velocity, cruise)
    acceleration = moves.accelerations(machine, travel)
    start = np.ones(len(chain), dtype=bool)
    start[1:] = chain[1:] != chain[:-1]
    limit = safe.copy()
    inner = np.flatnonzero(~start)
    limit[inner] = junction(
        machine,
        velocity[:, inner - 1],
        velocity[:, inner],
        cruise[inner - 1],
        cruise[inner],
        safe[inner - 1],
        safe[inner],
    )
    last = np.ones(len(chain), dtype=bool)
    last[:-1] = start[1:]
    entry = plan(moves.length, acceleration, limit, safe, chain)
    exit_speed = np.where(last, safe, np.roll(entry, -1))
    return trapezoid_seconds(moves.length, entry, cruise, exit_speed, acceleration)


def straight_seconds(
    length: np.ndarray, speed: float, safe: float, acceleration: float
) -> np.ndarray:
    """Seconds of single moves from and to standstill at `safe` speed (a travel)."""
    n = np.ones_like(length)
    return trapezoid_seconds(length, safe * n, speed * n, safe * n, acceleration * n)


def retract_seconds(length: float, speed: float, machine: Machine) -> float:
    """One retraction or its undo: a move of the extruder alone."""
    cruise = min(speed, machine.max_feedrate[3])
    safe = min(cruise, machine.max_jerk[3])
    a = min(machine.retract_acceleration, machine.max_acceleration[3])
    return float(
        trapezoid_seconds(
            np.array([length]),
            np.array([safe]),
            np.array([cruise]),
            np.array([safe]),
            np.array([a]),
        )[0]
    )


def unit(vectors: np.ndarray) -> np.ndarray:
    """Vectors (2, n) scaled to length 1 (zero vectors stay zero)."""
    norm = np.hypot(vectors[0], vectors[1])
    return vectors / np.where(norm > 0, norm, 1.0)
