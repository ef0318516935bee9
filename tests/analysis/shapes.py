"""Test parts made with trimesh.creation: a varied set for the FDM accuracy benchmark and tests.

Every part is watertight and stands on z = 0 in its print orientation.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import trimesh
from shapely.geometry import LineString, Point, Polygon
from shapely.ops import unary_union


def _on_bed(mesh: trimesh.Trimesh) -> trimesh.Trimesh:
    mesh.apply_translation(-mesh.bounds[0] + [10, 10, 0])
    return mesh


def _extrude(shape: Polygon, height: float) -> trimesh.Trimesh:
    return _on_bed(trimesh.creation.extrude_polygon(shape, height))


def _standing(shape: Polygon, depth: float) -> trimesh.Trimesh:
    """A profile drawn in x-y, extruded `depth` and stood up so the profile is in x-z."""
    mesh = trimesh.creation.extrude_polygon(shape, depth)
    mesh.apply_transform(trimesh.transformations.rotation_matrix(np.pi / 2, [1, 0, 0]))
    return _on_bed(mesh)


def box() -> trimesh.Trimesh:
    return _on_bed(trimesh.creation.box((40, 30, 20)))


def calibration_cube() -> trimesh.Trimesh:
    return _on_bed(trimesh.creation.box((20, 20, 20)))


def thin_plate() -> trimesh.Trimesh:
    return _on_bed(trimesh.creation.box((80, 60, 1.6)))


def ring() -> trimesh.Trimesh:
    return _on_bed(trimesh.creation.annulus(r_min=15, r_max=20, height=8, sections=128))


def torus() -> trimesh.Trimesh:
    return _on_bed(trimesh.creation.torus(25, 6, major_sections=96, minor_sections=48))


def l_bracket() -> trimesh.Trimesh:
    """An L bracket lying on its side, with two screw holes."""
    outline = Polygon([(0, 0), (50, 0), (50, 5), (5, 5), (5, 40), (0, 40)])
    return _extrude(outline, 20)


def flat_bracket() -> trimesh.Trimesh:
    """A mounting plate with four screw holes and a slot."""
    holes = [Point(x, y).buffer(2.2, 32) for x in (6, 54) for y in (6, 34)]
    slot = LineString([(20, 20), (40, 20)]).buffer(3, 32)
    plate = Polygon([(0, 0), (60, 0), (60, 40), (0, 40)]).difference(unary_union([*holes, slot]))
    return _extrude(plate, 4)


def hook() -> trimesh.Trimesh:
    """A wall hook standing up: its curl overhangs."""
    path = LineString([(0, 60), (0, 10)]).union(
        LineString([(12 - 12 * np.cos(a), 10 - 12 * np.sin(a)) for a in np.linspace(0, np.pi, 40)])
    )
    profile = unary_union([path.buffer(2.5, 16), Polygon([(-8, 45), (0, 45), (0, 60), (-8, 60)])])
    return _standing(profile, 12)


def gear() -> trimesh.Trimesh:
    teeth = 24
    points = []
    for i in range(teeth * 4):
        angle = 2 * np.pi * i / (teeth * 4)
        radius = 25 if i % 4 in (1, 2) else 22
        points.append((radius * np.cos(angle), radius * np.sin(angle)))
    body = Polygon(points).difference(Point(0, 0).buffer(4, 32))
    return _extrude(body, 8)


def headband() -> trimesh.Trimesh:
    """A face-shield headband: a thin 200 degree arc with pins for the visor."""
    angles = np.linspace(np.radians(-10), np.radians(190), 120)
    arc = LineString([(90 * np.cos(a), 70 * np.sin(a)) for a in angles]).buffer(1.2, 8)
    places = np.radians([20, 90, 160])
    pins = [Point(92 * np.cos(a), 72 * np.sin(a)).buffer(2.5, 16) for a in places]
    return _extrude(unary_union([arc, *pins]), 15)


def cup() -> trimesh.Trimesh:
    """An open cup (a bottle cap or container): revolved profile, 1.6 mm walls."""
    profile = [[0, 0], [20, 0], [20, 25], [18.4, 25], [18.4, 1.6], [0, 1.6]]
    return _on_bed(trimesh.creation.revolve(np.array(profile), sections=96))


def hose_adapter() -> trimesh.Trimesh:
    """A tapered tube: two diameters joined by a cone, its shoulder overhangs."""
    profile = [[8, 0], [12, 0], [12, 15], [7, 25], [7, 40], [5, 40], [5, 25], [8, 15], [8, 0]]
    return _on_bed(trimesh.creation.revolve(np.array(profile), sections=96))


def sphere() -> trimesh.Trimesh:
    mesh = trimesh.creation.icosphere(subdivisions=4, radius=15)
    return _on_bed(mesh)


def enclosure() -> trimesh.Trimesh:
    """An open box with 2 mm walls and a 2 mm floor."""
    outer = Polygon([(0, 0), (70, 0), (70, 50), (0, 50)])
    walls = _extrude(outer.difference(outer.buffer(-2, join_style=2)), 30)
    floor = _extrude(outer, 2)
    return _on_bed(trimesh.util.concatenate([walls, floor]))


ACCURACY_PARTS = {
    "box": box,
    "calibration-cube": calibration_cube,
    "thin-plate": thin_plate,
    "ring": ring,
    "torus": torus,
    "l-bracket": l_bracket,
    "flat-bracket": flat_bracket,
    "hook": hook,
    "gear": gear,
    "headband": headband,
    "cup": cup,
    "hose-adapter": hose_adapter,
    "sphere": sphere,
    "enclosure": enclosure,
}


# --- sloped, chamfered and domed parts: top and bottom skins on slopes (issue 19) ---


def _hull(points: list[tuple[float, float, float]]) -> trimesh.Trimesh:
    return _on_bed(trimesh.convex.convex_hull(np.array(points, dtype=float)))


def _box_layers(*levels: tuple[float, float, float]) -> trimesh.Trimesh:
    """The convex hull of centred rectangles (width, depth, z)."""
    return _hull(
        [(sx * w / 2, sy * d / 2, z) for w, d, z in levels for sx in (-1, 1) for sy in (-1, 1)]
    )


def wedge() -> trimesh.Trimesh:
    """A ramp 60 mm long rising from 2 to 12 mm: its top at 9.5 deg."""
    return _standing(Polygon([(0, 0), (60, 0), (60, 12), (0, 2)]), 30)


def chamfered_box() -> trimesh.Trimesh:
    """A 40 x 30 x 15 mm block with 3 mm 45-degree chamfers round its top."""
    return _box_layers((40, 30, 0), (40, 30, 12), (34, 24, 15))


def chamfered_block() -> trimesh.Trimesh:
    """A 50 x 40 x 20 mm block chamfered 45 degrees, 4 mm, top and bottom."""
    return _box_layers((42, 32, 0), (50, 40, 4), (50, 40, 16), (42, 32, 20))


def pyramid() -> trimesh.Trimesh:
    """A low pyramid, 60 mm square and 15 mm tall: faces at 26.6 deg."""
    return _hull([(0, 0, 0), (60, 0, 0), (60, 60, 0), (0, 60, 0), (30, 30, 15)])


def roof() -> trimesh.Trimesh:
    """A house-shaped bar: 10 mm walls under a 37-degree gable, 50 mm long."""
    return _standing(Polygon([(0, 0), (40, 0), (40, 10), (20, 25), (0, 10)]), 50)


def cone() -> trimesh.Trimesh:
    """A shallow cone, 30 mm radius and 10 mm tall: its side at 18 deg."""
    return _on_bed(trimesh.creation.revolve(np.array([[0, 0], [30, 0], [0, 10]]), sections=128))


def dome() -> trimesh.Trimesh:
    """A hemisphere of 25 mm radius on its flat face."""
    angles = np.linspace(0, np.pi / 2, 33)
    profile = [[0, 0], *[[25 * np.cos(a), 25 * np.sin(a)] for a in angles]]
    profile[-1] = [0, 25]
    return _on_bed(trimesh.creation.revolve(np.array(profile), sections=128))


def rounded_bar() -> trimesh.Trimesh:
    """A 60 x 20 x 12 mm bar with its long top edges rounded, 6 mm radius."""
    arc = [(14 + 6 * np.cos(a), 6 + 6 * np.sin(a)) for a in np.linspace(0, np.pi / 2, 12)]
    left = [(6 - 6 * np.cos(a), 6 + 6 * np.sin(a)) for a in np.linspace(np.pi / 2, 0, 12)]
    outline = Polygon([(0, 0), (20, 0), *arc[1:], *left[1:-1], (0, 6)][::1])
    return _standing(outline.buffer(0), 60)


def bowl() -> trimesh.Trimesh:
    """A bowl 70 mm across: outside and inside at 40 deg, 3 mm floor."""
    profile = [[0, 0], [20, 0], [35, 12.6], [31, 12.6], [18, 3], [0, 3]]
    return _on_bed(trimesh.creation.revolve(np.array(profile), sections=128))


def ridged_bar(depth: float, flank_deg: float = 30.0) -> trimesh.Trimesh:
    """A bar 20 x 20 x 8 mm whose right side is ridged like a thread from 1 to 7 mm up:
    ridges `depth` mm deep, both flanks at `flank_deg` from horizontal, no flat between."""
    rise = depth * math.tan(math.radians(flank_deg))
    ridges = round(6 / (2 * rise))
    side = [(20 + depth * (step % 2), 1 + step * rise) for step in range(2 * ridges + 1)]
    return _standing(Polygon([(0, 0), (20, 0), *side, (20, 8), (0, 8)]), 20)


def sloped_bar(flank_deg: float = 30.0) -> trimesh.Trimesh:
    """A bar 20 mm deep and 8 mm tall whose right side slopes in at `flank_deg` from
    horizontal all the way up, narrowing from 20 + 8 / tan(flank_deg) to 20 mm."""
    run = 8 / math.tan(math.radians(flank_deg))
    return _standing(Polygon([(0, 0), (20 + run, 0), (20, 8), (0, 8)]), 20)


SLOPED_PARTS = {
    "wedge": wedge,
    "chamfered-box": chamfered_box,
    "chamfered-block": chamfered_block,
    "pyramid": pyramid,
    "roof": roof,
    "cone": cone,
    "dome": dome,
    "rounded-bar": rounded_bar,
    "bowl": bowl,
}


# --- shapes with known answers for moulds and vacuum-forming bucks (opening along z) ---


def _revolved(profile: list[tuple[float, float]]) -> trimesh.Trimesh:
    """A solid of revolution about z from a closed (radius, height) profile."""
    return trimesh.creation.revolve(np.array(profile, dtype=float), sections=256)


def mould_cup(
    radius: float = 20, height: float = 30, wall: float = 3, floor: float = 3, draft: float = 0
) -> trimesh.Trimesh:
    """A cup standing on its base; with `draft` degrees, the outside narrows and the inside
    widens going up, so both leave a mould opening upwards."""
    taper = np.tan(np.radians(draft))
    outer_top = radius - height * taper
    inner_top = outer_top - wall
    inner_bottom = inner_top - (height - floor) * taper
    return _revolved(
        [(0, 0), (radius, 0), (outer_top, height), (inner_top, height),
         (inner_bottom, floor), (0, floor)]
    )  # fmt: skip


def block_with_cross_hole(
    length: float = 30, depth: float = 20, height: float = 20, diameter: float = 8
) -> trimesh.Trimesh:
    """A block with a round hole along y, across the opening direction (z)."""
    outline = Polygon([(0, 0), (length, 0), (length, height), (0, height)]).difference(
        Point(length / 2, height / 2).buffer(diameter / 2, 128)
    )
    return _standing(outline, depth)


def buck_with_lip(
    radius: float = 20, height: float = 20, lip: float = 5, top: float = 3
) -> trimesh.Trimesh:
    """A round buck under a wider lid: the lid's underside and the stem below it are hidden
    from a sheet coming down from above."""
    return _revolved(
        [(0, 0), (radius, 0), (radius, height), (radius + lip, height),
         (radius + lip, height + top), (0, height + top)]
    )  # fmt: skip


def one_sided_strap(
    length: float = 60, width: float = 10, thickness: float = 3, draft: float = 3
) -> trimesh.Trimesh:
    """A flat strap moulded wholly in the lower half (a flat plate closes the mould): its
    sides lean out by `draft` degrees towards the top, the parting plane."""
    grow = thickness * math.tan(math.radians(draft))
    bottom = [(x, y, 0.0) for x in (0, length) for y in (0, width)]
    top = [(x, y, thickness) for x in (-grow, length + grow) for y in (-grow, width + grow)]
    return trimesh.convex.convex_hull(np.array(bottom + top, dtype=float))


# --- stacks printed without support: each copy rests on the one below across a gap ---


def _stacked(mesh: trimesh.Trimesh, copies: int = 4, gap: float = 0.2) -> trimesh.Trimesh:
    """`copies` of a part stacked with `gap` mm of air between them, as face-shield bands
    are printed without support (the fablab-uchile band's authors leave 0.2 mm)."""
    height = float(mesh.extents[2])
    return _on_bed(
        trimesh.util.concatenate(
            [mesh.copy().apply_translation((0, 0, i * (height + gap))) for i in range(copies)]
        )
    )


def headband_stack() -> trimesh.Trimesh:
    return _stacked(headband())


def ear_saver_stack() -> trimesh.Trimesh:
    """Four of the catalogue's ear saver (designs/ear-saver), a flat strap with the same
    outline on top and below, as ear savers are printed by the dozen."""
    path = Path(__file__).resolve().parents[2] / "designs/ear-saver/parts/ear-saver.stl"
    return _stacked(trimesh.load_mesh(path))


STACKED_PARTS = {"headband-stack": headband_stack, "ear-saver-stack": ear_saver_stack}
