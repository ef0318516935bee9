"""PrusaSlicer's G-code time estimate, re-done move by move to see where the time goes.

A port of PrusaSlicer 2.5's GCodeProcessor time estimate, normal mode
(src/libslic3r/GCode/GCodeProcessor.cpp, tag version_2.5.0): each G1 move is a block with
its cruise feedrate (clamped by the axes' max feedrates), acceleration (extruding,
travel or retract, clamped by the axes' max accelerations), a safe entry/exit feedrate
from the axes' jerk limits and a junction feedrate from the jerk between neighbouring
moves (Marlin's classic jerk); the planner's forward and reverse passes run over the
blocks as PrusaSlicer runs them (every 256 blocks, keeping the last 64); each block's time
is its trapezoid's. The machine limits are the ones the G-code's own config block lists.

It prints the total against PrusaSlicer's own `estimated printing time (normal mode)`
(they agree to a fraction of a percent on the parts tried) and the time, path length
and move count by extrusion role, travel and retraction: what the FDM time model
(generator/analysis/fdm.py) has to account for.

    .venv/bin/python benchmarks/gcode_times.py part.gcode [...]
"""

from __future__ import annotations

import itertools
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

QUEUE = 64  # TimeProcessor::Planner::queue_size
REFRESH = QUEUE * 4  # refresh_threshold
AXES = "XYZE"


@dataclass
class Limits:
    feedrate: tuple[float, ...]  # X, Y, Z, E mm/s
    acceleration: tuple[float, ...]
    jerk: tuple[float, ...]
    extruding: float
    retracting: float
    travel: float

    @classmethod
    def from_config(cls, config: dict[str, str]) -> Limits:
        def first(name: str) -> float:
            return float(config[name].split(",")[0])

        return cls(
            feedrate=tuple(first(f"machine_max_feedrate_{a.lower()}") for a in AXES),
            acceleration=tuple(first(f"machine_max_acceleration_{a.lower()}") for a in AXES),
            jerk=tuple(first(f"machine_max_jerk_{a.lower()}") for a in AXES),
            extruding=first("machine_max_acceleration_extruding"),
            retracting=first("machine_max_acceleration_retracting"),
            travel=first("machine_max_acceleration_travel"),
        )


@dataclass
class Block:
    distance: float
    acceleration: float
    cruise: float
    entry: float
    exit: float
    safe: float
    max_entry: float
    nominal: bool
    role: str
    kind: str  # extrude, travel, retract, unretract
    layer: int
    recalculate: bool = True
    accelerate_until: float = 0.0
    decelerate_after: float = 0.0
    trapezoid_cruise: float = 0.0

    def trapezoid(self, exit_speed: float) -> None:
        a = self.acceleration
        self.trapezoid_cruise = self.cruise
        up = max(0.0, _accel_distance(self.entry, self.cruise, a))
        down = max(0.0, _accel_distance(self.cruise, exit_speed, -a))
        cruise = self.distance - up - down
        if cruise < 0:
            up = min(
                max(_intersection(self.entry, exit_speed, a, self.distance), 0.0), self.distance
            )
            cruise = 0.0
            self.trapezoid_cruise = _speed_from(self.entry, up, a)
        self.accelerate_until = up
        self.decelerate_after = up + cruise

    def time(self) -> float:
        a = self.acceleration
        v = self.trapezoid_cruise
        cruise = self.decelerate_after - self.accelerate_until
        return (
            _accel_time(self.entry, self.accelerate_until, a)
            + (cruise / v if v else 0.0)
            + _accel_time(v, self.distance - self.decelerate_after, -a)
        )


def _accel_distance(v0: float, v1: float, a: float) -> float:
    return 0.0 if a == 0 else (v1 * v1 - v0 * v0) / (2 * a)


def _intersection(v0: float, v1: float, a: float, d: float) -> float:
    return 0.0 if a == 0 else (2 * a * d - v0 * v0 + v1 * v1) / (4 * a)


def _speed_from(v0: float, d: float, a: float) -> float:
    return math.sqrt(max(0.0, v0 * v0 + 2 * a * d))


def _max_allowable(a: float, target: float, d: float) -> float:
    return math.sqrt(max(0.0, target * target - 2 * a * d))


def _accel_time(v0: float, d: float, a: float) -> float:
    return (_speed_from(v0, d, a) - v0) / a if a else 0.0


@dataclass
class Tally:
    seconds: float = 0.0
    length_mm: float = 0.0
    filament_mm: float = 0.0
    moves: int = 0


@dataclass
class Breakdown:
    total_s: float = 0.0
    stated_s: float | None = None
    by: dict[str, Tally] = field(default_factory=dict)
    layers: dict[int, float] = field(default_factory=dict)
    by_layer: dict[tuple[int, str], Tally] = field(default_factory=dict)

    def tally(self, key: str) -> Tally:
        return self.by.setdefault(key, Tally())


class Planner:
    def __init__(self, limits: Limits, out: Breakdown) -> None:
        self.limits = limits
        self.out = out
        self.blocks: list[Block] = []
        self.prev_feedrate = 0.0
        self.prev_axis = [0.0] * 4
        self.prev_safe = 0.0

    def move(self, delta: list[float], feedrate: float, kind: str, role: str, layer: int) -> None:
        lim = self.limits
        xyz = math.sqrt(delta[0] ** 2 + delta[1] ** 2 + delta[2] ** 2)
        distance = xyz if xyz > 0 else abs(delta[3])
        inv = 1.0 / distance
        factor = 1.0
        axis = [feedrate * d * inv for d in delta]
        for a in range(4):
            if axis[a] != 0 and lim.feedrate[a] != 0:
                factor = min(factor, lim.feedrate[a] / abs(axis[a]))
        cruise = factor * feedrate
        if factor < 1:
            axis = [v * factor for v in axis]
        extrusion_only = delta[0] == 0 and delta[1] == 0 and delta[2] == 0 and delta[3] != 0
        acceleration = (
            lim.travel if kind == "travel" else lim.retracting if extrusion_only else lim.extruding
        )
        for a in range(4):
            if acceleration * abs(delta[a]) * inv > lim.acceleration[a]:
                acceleration = lim.acceleration[a]
        safe = cruise
        for a in range(4):
            if abs(axis[a]) > lim.jerk[a]:
                safe = min(safe, lim.jerk[a])
        junction = safe
        if self.blocks and self.prev_feedrate > 0.0001:
            prev_larger = self.prev_feedrate > cruise
            smaller = cruise / self.prev_feedrate if prev_larger else self.prev_feedrate / cruise
            junction = cruise if prev_larger else self.prev_feedrate
            v_factor, limited = 1.0, False
            for a in range(4):
                v_exit = self.prev_axis[a] * (smaller if prev_larger else 1.0)
                v_entry = axis[a]
                if limited:
                    v_exit *= v_factor
                    v_entry *= v_factor
                if v_exit > v_entry:
                    jerk = (
                        (v_exit - v_entry) if (v_entry > 0 or v_exit < 0) else max(v_exit, -v_entry)
                    )
                else:
                    jerk = (
                        (v_entry - v_exit) if (v_entry < 0 or v_exit > 0) else max(-v_exit, v_entry)
                    )
                if jerk > lim.jerk[a]:
                    v_factor *= lim.jerk[a] / jerk
                    limited = True
            if limited:
                junction *= v_factor
            threshold = junction * 0.99
            if self.prev_safe > threshold and safe > threshold:
                junction = safe
        allowable = _max_allowable(-acceleration, safe, distance)
        block = Block(
            distance=distance,
            acceleration=acceleration,
            cruise=cruise,
            entry=min(junction, allowable),
            exit=safe,
            safe=safe,
            max_entry=junction,
            nominal=cruise <= allowable,
            role=role,
            kind=kind,
            layer=layer,
        )
        block.trapezoid(safe)
        self.prev_feedrate, self.prev_axis, self.prev_safe = cruise, axis, safe
        self.blocks.append(block)
        key = role if kind == "extrude" else kind
        for tally in (self.out.tally(key), self.out.by_layer.setdefault((layer, key), Tally())):
            tally.moves += 1
            tally.length_mm += xyz
            if kind == "extrude":
                tally.filament_mm += delta[3]
        if len(self.blocks) > REFRESH:
            self.calculate(QUEUE)

    def calculate(self, keep: int) -> None:
        blocks = self.blocks
        if len(blocks) < 2:
            return
        for prev, curr in itertools.pairwise(blocks):
            if not prev.nominal and prev.entry < curr.entry:
                entry = min(
                    curr.entry, _max_allowable(-prev.acceleration, prev.entry, prev.distance)
                )
                if curr.entry != entry:
                    curr.entry = entry
                    curr.recalculate = True
        for i in range(len(blocks) - 1, 0, -1):
            curr, nxt = blocks[i - 1], blocks[i]
            if curr.entry != curr.max_entry:
                if not curr.nominal and curr.max_entry > nxt.entry:
                    curr.entry = min(
                        curr.max_entry, _max_allowable(-curr.acceleration, nxt.entry, curr.distance)
                    )
                else:
                    curr.entry = curr.max_entry
                curr.recalculate = True
        for curr, nxt in itertools.pairwise(blocks):
            if curr.recalculate or nxt.recalculate:
                curr.trapezoid(nxt.entry)
                curr.recalculate = False
        last = blocks[-1]
        last.trapezoid(last.safe)
        last.recalculate = False
        done = len(blocks) - keep
        for block in blocks[:done]:
            t = block.time()
            self.out.total_s += t
            key = block.role if block.kind == "extrude" else block.kind
            self.out.tally(key).seconds += t
            self.out.layers[block.layer] = self.out.layers.get(block.layer, 0.0) + t
            self.out.by_layer.setdefault((block.layer, key), Tally()).seconds += t
        del blocks[:done]


_WORD = re.compile(r"([A-Z])([-+]?[\d.]+)")
_STATED = re.compile(r"^; estimated printing time \(normal mode\) = (.+)$", re.M)


def config_of(text: str) -> dict[str, str]:
    start = text.find("; prusaslicer_config = begin")
    config = {}
    for line in text[start:].splitlines()[1:]:
        if line.startswith("; prusaslicer_config = end"):
            break
        name, _, value = line[2:].partition(" = ")
        config[name] = value
    return config


def simulate(text: str) -> Breakdown:
    out = Breakdown()
    planner = Planner(Limits.from_config(config_of(text)), out)
    position = [0.0, 0.0, 0.0, 0.0]
    origin = [0.0, 0.0, 0.0, 0.0]
    feedrate = 0.0
    role, layer = "Custom", 0
    for raw in text.splitlines():
        if raw.startswith(";"):
            if raw.startswith(";TYPE:"):
                role = raw[6:]
            elif raw.startswith(";LAYER_CHANGE"):
                layer += 1
            continue
        line = raw.split(";", 1)[0].strip()
        if not line:
            continue
        command, _, rest = line.partition(" ")
        words = dict((k, float(v)) for k, v in _WORD.findall(rest))
        if command == "G92":
            if "E" in words:
                position[3] = words["E"]
            continue
        if command == "G28":
            words = {"X": 0.0, "Y": 0.0, "Z": 0.0}
            command = "G1"
        if command not in ("G0", "G1"):
            continue
        if "F" in words:
            feedrate = words["F"] / 60
        end = [origin[a] + words[k] if k in words else position[a] for a, k in enumerate(AXES)]
        delta = [end[a] - position[a] for a in range(4)]
        position = end
        if not any(delta):
            continue
        moved = delta[0] != 0 or delta[1] != 0
        if delta[3] < 0:
            kind = "travel" if moved or delta[2] != 0 else "retract"
        elif delta[3] > 0:
            kind = "extrude" if moved else ("travel" if delta[2] != 0 else "unretract")
        else:
            kind = "travel"
        planner.move(delta, feedrate, kind, role, layer)
    planner.calculate(0)
    stated = _STATED.search(text)
    if stated:
        units = {"d": 86400, "h": 3600, "m": 60, "s": 1}
        out.stated_s = sum(
            int(n) * units[u] for n, u in re.findall(r"(\d+)([dhms])", stated.group(1))
        )
    return out


def main(paths: list[str]) -> int:
    for path in paths:
        result = simulate(Path(path).read_text(errors="replace"))
        stated = result.stated_s or math.nan
        print(
            f"{path}: {result.total_s / 60:.2f} min here, PrusaSlicer says {stated / 60:.2f} min "
            f"({(result.total_s / stated - 1) * 100:+.2f} %)"
        )
        print(f"   {'what':24} {'min':>7} {'share':>6} {'path mm':>9} {'moves':>7} {'mm/s':>6}")
        for key, tally in sorted(result.by.items(), key=lambda kv: -kv[1].seconds):
            speed = tally.length_mm / tally.seconds if tally.seconds else 0.0
            print(
                f"   {key:24} {tally.seconds / 60:7.2f} {tally.seconds / result.total_s:6.1%} "
                f"{tally.length_mm:9.0f} {tally.moves:7d} {speed:6.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
