"""A map of countries drawn at build time as inline SVG: no tiles, no request, no script.

The outlines are Natural Earth's countries at 1:110 million, bundled as TopoJSON
(generator/web/data/README.md says where from). Shared borders are stored once, as arcs;
each arc is projected, simplified to half a unit of the drawing and only then joined into
countries, so neighbours keep a common border. The projection is the Equal Earth
(Šavrič, Patterson and Jenny, 2018, doi:10.1080/13658816.2018.1504949): equal-area, and
a few lines of arithmetic.

A map shows the countries it marks, zoomed to them: each marked country is a link with a
text alternative and a badge with its number, a round one for makers and a square one
for needs (a country with both has both, side by side, each its own link). The caller
lists the same facts in words beside it, for readers who cannot see the map.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import pycountry
import shapely
from markupsafe import Markup
from shapely import affinity
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

DATA = Path(__file__).parent / "data" / "countries-110m.json"
# Equal Earth's constants (the paper's table 1).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
LEFT_OUT = {"010"}  # Antarctica: no makers, and half the map's height
NORTH, SOUTH = 84.0, -58.0  # latitudes the maps never go beyond
WIDTH = 560  # the drawing's width in its own units, which are CSS pixels at full size
TOLERANCE = 0.5  # outlines are simplified to within this many units
LAND, BORDER, MARKED, BADGE_TEXT = "#d5d9e0", "#ffffff", "#3949ab", "#ffffff"
# Needs: a country with needs only is filled lighter; the badge's white text on deep
# orange has a contrast of 5.6:1 (WCAG asks 4.5:1 of text this size).
NEED_FILL, NEED_BADGE = "#ff8a65", "#bf360c"
# A second badge on a country sits this far right of and below the first: below too, so
# that it does not land on the badge of a neighbour to the east (Uganda's on Kenya's).
BADGE_STEP = (16, 18)


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """The Equal Earth projection of a point in degrees, y up (radius 1)."""
    theta = math.asin(math.sqrt(3) / 2 * math.sin(math.radians(latitude)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (2 * math.sqrt(3) * math.radians(longitude) * math.cos(theta)) / (
        3 * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2))
    )
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


@dataclass(frozen=True)
class World:
    degrees: tuple[tuple[tuple[float, float], ...], ...]  # each arc, longitude and latitude
    arcs: tuple[tuple[tuple[float, float], ...], ...]  # the same projected, y down
    # Each country (by ISO 3166-1 alpha-2, or its name when it has no code): its
    # polygons, each a list of rings, each a list of arc indices (~i: arc i reversed).
    countries: dict[str, tuple[tuple[tuple[int, ...], ...], ...]]
    bounds: tuple[float, float, float, float]  # of the map between NORTH and SOUTH
    outline: Polygon  # the whole world, projected: what a ring across 180 degrees is cut to


def _project(points: Sequence[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    return tuple((x, -y) for x, y in (equal_earth(lon, lat) for lon, lat in points))


@functools.cache
def world() -> World:
    topology = json.loads(DATA.read_text("utf-8"))
    (scale_x, scale_y), (move_x, move_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    degrees = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantized
            x, y = x + dx, y + dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        degrees.append(tuple(points))
    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") in LEFT_OUT:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        countries[_code(geometry)] = tuple(
            tuple(tuple(ring) for ring in polygon) for polygon in polygons
        )
    west, north = equal_earth(-180, 0)[0], -equal_earth(0, NORTH)[1]  # widest at the equator
    edge = [(-180.0, float(lat)) for lat in range(-90, 91)]
    outline = Polygon(_project(edge + [(180.0, lat) for _, lat in reversed(edge)]))
    return World(
        tuple(degrees),
        tuple(_project(arc) for arc in degrees),
        countries,
        (west, north, -west, -equal_earth(0, SOUTH)[1]),
        outline,
    )


def _code(geometry: dict[str, Any]) -> str:
    numeric = geometry.get("id")
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return str(country.alpha_2) if country else str(geometry["properties"]["name"])


def has_country(code: str) -> bool:
    """Whether the map can draw this country (the smallest are not at this scale)."""
    return code in world().countries


@functools.cache
def _simplified(tolerance: float) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Every arc simplified; an arc keeps its ends, so neighbours still meet."""
    return tuple(
        tuple(
            (x, y) for x, y in LineString(arc).simplify(tolerance, preserve_topology=False).coords
        )
        if len(arc) > 2
        else arc
        for arc in world().arcs
    )


def _ring(
    arcs: Sequence[Sequence[tuple[float, float]]], ring: Sequence[int]
) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


@functools.cache
def _shape(code: str, tolerance: float = 0.0) -> BaseGeometry:
    """A country's outline, projected, from its arcs simplified to `tolerance`.

    A polygon that crosses the 180th meridian (eastern Russia, Fiji) jumps from one edge
    of the map to the other: it is drawn whole, unsimplified, once shifted east and once
    west, each cut to the world's outline."""
    arcs = _simplified(tolerance) if tolerance else world().arcs
    polygons: list[BaseGeometry] = []
    for polygon in world().countries[code]:
        around = [_ring(world().degrees, ring) for ring in polygon]
        if any(abs(a[0] - b[0]) > 180 for ring in around for a, b in itertools.pairwise(ring)):
            east = [[(lon + 360 if lon < 0 else lon, lat) for lon, lat in r] for r in around]
            for shift in (0, -360):
                moved = [_project([(lon + shift, lat) for lon, lat in r]) for r in east]
                polygons.append(Polygon(moved[0], moved[1:]).intersection(world().outline))
            continue
        rings = [r for r in (_ring(arcs, ring) for ring in polygon) if len(r) >= 4]
        if rings:
            polygons.append(Polygon(rings[0], rings[1:]))
    return shapely.union_all([p.buffer(0) for p in polygons]) if polygons else Polygon()


def _main_part(code: str) -> Polygon:
    """The largest polygon of a country: where its badge goes and what the view covers
    (France's, not French Guiana's)."""
    shape = _shape(code)
    return max(getattr(shape, "geoms", [shape]), key=lambda p: p.area)


@dataclass(frozen=True)
class Mark:
    country: str  # ISO 3166-1 alpha-2
    count: int
    label: str  # its text alternative, plain text
    href: str  # where it leads
    kind: str = "makers"  # or "needs": how its badge is drawn


def view(countries: Sequence[str], min_width: float) -> tuple[float, float, float, float]:
    """The part of the world to draw (projected, y down): the countries' main parts with
    room round them, at least `min_width` wide (the world is about 5.4), between half as
    high and nearly as high as wide, inside the world."""
    left, top, right, bottom = world().bounds
    parts = [_main_part(c).bounds for c in countries if has_country(c)]
    if not parts:
        return left, top, right, bottom
    low_x, low_y = min(p[0] for p in parts), min(p[1] for p in parts)
    high_x, high_y = max(p[2] for p in parts), max(p[3] for p in parts)
    width = max((high_x - low_x) * 1.3, min_width)
    height = min(max((high_y - low_y) * 1.3, width * 0.55), width * 0.85)
    width = max(width, height / 0.85)
    sides = []
    for centre, size, low, high in (
        ((low_x + high_x) / 2, width, left, right),
        ((low_y + high_y) / 2, height, top, bottom),
    ):
        if size >= high - low:
            sides.append(((low + high - size) / 2, size))
        else:
            sides.append((min(max(centre - size / 2, low), high - size), size))
    (x, width), (y, height) = sides
    return x, y, x + width, y + height


def _path(shape: BaseGeometry) -> str:
    """SVG path data of a shape already in drawing units: whole units, relative moves."""
    out = []
    for polygon in getattr(shape, "geoms", [shape]):
        if not isinstance(polygon, Polygon):
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            points: list[tuple[int, int]] = []
            for x, y in ring.coords:
                point = (round(x), round(y))
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) < 4:
                continue
            steps = " ".join(
                f"{b[0] - a[0]} {b[1] - a[1]}" for a, b in itertools.pairwise(points[:-1])
            )
            out.append(f"M{points[0][0]} {points[0][1]}l{steps}z")
    return "".join(out).replace(" -", "-")


def world_map(
    marks: Sequence[Mark], title: str, min_width: float = 1.6, width: int = WIDTH
) -> Markup:
    """The map, as inline SVG `width` CSS pixels wide at most: the marked countries filled,
    each a link with its label and a badge with its count, in a view of them and their
    neighbours at least `min_width` wide."""
    x0, y0, x1, y1 = view([m.country for m in marks], min_width)
    scale = width / (x1 - x0)
    height = round((y1 - y0) * scale)
    tolerance = round(TOLERANCE / scale, 5)
    marked = {m.country for m in marks}
    frame = shapely.box(x0, y0, x1, y1)

    def drawn(code: str) -> BaseGeometry:
        clipped = shapely.clip_by_rect(_shape(code, tolerance), x0, y0, x1, y1)
        return affinity.affine_transform(clipped, [scale, 0, 0, scale, -x0 * scale, -y0 * scale])

    land = "".join(
        _path(drawn(code))
        for code in sorted(world().countries)
        if code not in marked and _shape(code).intersects(frame)
    )
    parts = [
        f'<svg class="ml-map" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="group" aria-labelledby="ml-map-title">'
        f'<title id="ml-map-title">{escape(title)}</title>'
        f'<rect width="{width}" height="{height}" fill="#eef3f8"/>'
        f'<path d="{land}" fill="{LAND}" stroke="{BORDER}" stroke-width="0.6" aria-hidden="true"/>'
    ]
    by_country: dict[str, list[Mark]] = {}
    for mark in sorted(marks, key=lambda m: (m.country, m.kind != "makers")):
        by_country.setdefault(mark.country, []).append(mark)
    for code, here in by_country.items():
        if not has_country(code):
            continue
        shape = drawn(code)
        fill = MARKED if any(m.kind == "makers" for m in here) else NEED_FILL
        for slot, mark in enumerate(here):
            parts.append(
                f'<a href="{escape(mark.href)}" aria-label="{escape(mark.label)}">'
                f"<title>{escape(mark.label)}</title>"
            )
            if slot == 0:
                parts.append(
                    f'<path d="{_path(shape)}" fill="{fill}" stroke="{BORDER}" stroke-width="0.6"/>'
                )
            parts.append(_badge(mark, shape, slot))
            parts.append("</a>")
    parts.append("</svg>")
    return Markup("".join(parts))


def _badge(mark: Mark, shape: BaseGeometry, slot: int = 0) -> str:
    """A badge with the count, on the country's largest part in view (a later `slot`
    beside it, see BADGE_STEP): round for makers, square for needs."""
    largest = max(
        (g for g in getattr(shape, "geoms", [shape]) if isinstance(g, Polygon)),
        key=lambda p: p.area,
        default=None,
    )
    if largest is None:
        return ""
    centre = polylabel(largest, tolerance=1)
    x, y = round(centre.x) + slot * BADGE_STEP[0], round(centre.y) + slot * BADGE_STEP[1]
    if mark.kind == "needs":
        return (
            f'<rect x="{x - 12}" y="{y - 12}" width="24" height="24" rx="3" fill="{NEED_BADGE}" '
            f'stroke="{BORDER}" stroke-width="1.5"/>'
            f'<text x="{x}" y="{y + 5}" text-anchor="middle" font-size="15" font-weight="700" '
            f'fill="{BADGE_TEXT}">{mark.count}</text>'
        )
    return (
        f'<circle cx="{x}" cy="{y}" r="13" fill="#1a237e" stroke="{BORDER}" stroke-width="1.5"/>'
        f'<text x="{x}" y="{y + 5}" text-anchor="middle" font-size="15" font-weight="700" '
        f'fill="{BADGE_TEXT}">{mark.count}</text>'
    )
