"""Reading a 2D part (a pattern piece, a sheet to cut) from an SVG or DXF file, in mm.

The drawing's lines are flattened into straight segments and handed to shapely, which
finds the closed outlines among them (polygonize); a piece is what lies inside an odd
number of outlines, so a hole is an outline inside a piece and an island in a hole is a
piece again. Lines that close no outline are counted: on a cut part they are an error.

Units are facts, never guesses: an SVG's size is known from its `width` and `height` in
absolute units (mm, cm, in, pt, pc), a DXF's from its `$INSUNITS` header; a part record
may state the units of a drawing that says none (`units`). Anything else is an
OutlineError whose message says what to fix.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely import affinity
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import polygonize_full

from generator.records.regular_file import FileTooLarge, NotRegularFile, read_whole_file

MAX_BYTES = 20 * 1024 * 1024
MAX_SEGMENTS = 500_000
# Curves are flattened to within this distance of the true curve, mm.
FLATNESS_MM = 0.01
# Coordinates are rounded to this (mm) so that ends drawn at the same point meet.
SNAP_MM = 1e-4
MM_PER = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72, "pc": 25.4 / 6, "m": 1000.0}
CSS_PX_MM = 25.4 / 96  # what svgelements' user unit (the CSS pixel) is, in mm
# DXF $INSUNITS codes with a length (AutoCAD's table).
DXF_UNITS = {1: ("in", 25.4), 2: ("ft", 304.8), 4: ("mm", 1.0), 5: ("cm", 10.0), 6: ("m", 1000.0)}
# The DXF entities that draw lines and curves (not text, dimensions or hatches).
DXF_DRAWN = ("LINE", "ARC", "CIRCLE", "ELLIPSE", "LWPOLYLINE", "POLYLINE", "SPLINE")
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-z%]*)\s*$")


class OutlineError(ValueError):
    """A drawing that cannot be read as pieces; the message says why and what to do."""


@dataclass(frozen=True)
class Outline:
    pieces: tuple[Polygon, ...]  # mm, each with its holes, in the file's own axes
    open_lines: int  # lines or curves that close no outline
    units: str  # how the size is known, for the result ("mm, from the SVG's width")
    y_down: bool  # the file's y axis runs down the page (an SVG's), not up (a DXF's)

    @property
    def shape(self) -> MultiPolygon:
        return MultiPolygon(list(self.pieces))

    def upright(self) -> tuple[Polygon, ...]:
        """The pieces seen from above with y running up, whichever way the file's runs."""
        if not self.y_down:
            return self.pieces
        return tuple(affinity.scale(piece, 1, -1, origin=(0, 0)) for piece in self.pieces)


def read_outline(path: Path, stated_units: str | None = None) -> Outline:
    """The pieces drawn in an SVG or DXF file."""
    try:
        data = read_whole_file(path, MAX_BYTES)
    except FileTooLarge:
        raise OutlineError(f"{path}: over {MAX_BYTES // 2**20} MB; simplify the drawing") from None
    except NotRegularFile:  # reading a FIFO would wait for a writer forever
        raise OutlineError(
            f"{path}: not a regular file (a FIFO, device or socket); give the drawing itself"
        ) from None
    except OSError as error:
        raise OutlineError(f"{path}: cannot be read ({error.strerror})") from None
    suffix = path.suffix.lower()
    if suffix == ".svg":
        lines, units = _svg_lines(data, path, stated_units)
    elif suffix == ".dxf":
        lines, units = _dxf_lines(data, path, stated_units)
    else:
        raise OutlineError(f"{path}: a 2D part is an .svg or .dxf file")
    return pieces_from(lines, units, path, y_down=suffix == ".svg")


def pieces_from(lines: list[LineString], units: str, path: Path, y_down: bool) -> Outline:
    """Pieces from drawn lines (mm): what lies inside an odd number of closed outlines."""
    if not lines:
        raise OutlineError(f"{path}: the drawing holds no lines")
    noded = shapely.union_all(lines)
    faces, cuts, dangles, invalid = polygonize_full([noded])
    rings = [Polygon(face.exterior) for face in faces.geoms]
    open_lines = len(cuts.geoms) + len(dangles.geoms) + len(invalid.geoms)
    if not rings:
        raise OutlineError(
            f"{path}: no closed outline: every line is open; close the outlines of the "
            "pieces (join their ends) and export again"
        )
    shape: BaseGeometry = Polygon()
    for ring in rings:  # even-odd: each outline toggles what it encloses
        shape = shape.symmetric_difference(ring)
    pieces = tuple(
        sorted(
            (g for g in getattr(shape, "geoms", [shape]) if isinstance(g, Polygon) and g.area > 0),
            key=lambda p: (-p.area, p.bounds),
        )
    )
    return Outline(pieces, open_lines, units, y_down)


def _length_mm(text: str | None) -> tuple[float, str] | None:
    """An SVG length with an absolute unit, in mm, and its unit; None for px, %, none."""
    match = _LENGTH.match(text or "")
    if not match or match.group(2) not in MM_PER:
        return None
    return float(match.group(1)) * MM_PER[match.group(2)], match.group(2)


def _svg_lines(data: bytes, path: Path, stated_units: str | None) -> tuple[list[LineString], str]:
    import svgelements as svg

    if b"<!ENTITY" in data:
        raise OutlineError(f"{path}: the SVG declares XML entities; export it without them")
    try:
        document = svg.SVG.parse(io.BytesIO(data), reify=True)
    except Exception as error:
        raise OutlineError(f"{path}: not an SVG that can be read ({error})") from None
    width = _length_mm(document.values.get("width"))
    height = _length_mm(document.values.get("height"))
    if width and height:
        scale, units = CSS_PX_MM, f"{width[1]}, from the SVG's width and height"
    elif stated_units in MM_PER and document.values.get("width") is None:
        # No size: user units are what the part record says they are.
        scale, units = MM_PER[stated_units], f"{stated_units}, as stated"
    else:
        raise OutlineError(
            f"{path}: the SVG gives no physical size (width and height in mm, cm or in; it "
            f"says {document.values.get('width')!r} x {document.values.get('height')!r}); "
            'export it with units, for example width="210mm", so its size is known'
        )
    lines: list[LineString] = []
    for element in document.elements():
        if not isinstance(element, svg.Shape):
            continue
        # abs() applies the transform to the segments: a circle or ellipse under a flip or
        # skew keeps it aside (reify cannot fold it into cx, cy, r).
        for subpath in abs(svg.Path(element)).as_subpaths():
            points = _flatten_svg(svg.Path(subpath), scale)
            if len(points) >= 2:
                lines.append(LineString(points))
                if sum(len(line.coords) for line in lines) > MAX_SEGMENTS:
                    raise OutlineError(
                        f"{path}: more than {MAX_SEGMENTS:,} segments; simplify the drawing"
                    )
    return lines, units


def _flatten_svg(subpath: object, scale: float) -> list[tuple[float, float]]:
    import svgelements as svg

    points: list[tuple[float, float]] = []

    def add(x: float, y: float) -> None:
        point = (_snap(x * scale), _snap(y * scale))
        if not points or points[-1] != point:
            points.append(point)

    for segment in subpath:  # type: ignore[attr-defined]
        if isinstance(segment, svg.Move):
            add(segment.end.x, segment.end.y)
        elif isinstance(segment, svg.Line | svg.Close):
            add(segment.start.x, segment.start.y)
            add(segment.end.x, segment.end.y)
        else:  # curves and arcs
            length = segment.length(error=1e-4) * scale
            count = max(2, math.ceil(length / math.sqrt(8 * FLATNESS_MM * max(length, 1))) + 1)
            for position in range(count + 1):
                point = segment.point(position / count)
                add(point.x, point.y)
    return points


def _dxf_lines(data: bytes, path: Path, stated_units: str | None) -> tuple[list[LineString], str]:
    from ezdxf import recover
    from ezdxf.lldxf.const import DXFStructureError
    from ezdxf.path import make_path

    try:
        document, _ = recover.read(io.BytesIO(data))
    except (DXFStructureError, OSError, UnicodeDecodeError) as error:
        raise OutlineError(f"{path}: not a DXF that can be read ({error})") from None
    # ezdxf fills a header it did not read with its own defaults (metres): only a code
    # written in the file counts.
    code = document.header.get("$INSUNITS", 0) if b"$INSUNITS" in data else 0
    if code in DXF_UNITS:
        name, scale = DXF_UNITS[code]
        units = f"{name}, from the DXF's $INSUNITS"
    elif stated_units in MM_PER:
        scale, units = MM_PER[stated_units], f"{stated_units}, as stated"
    else:
        raise OutlineError(
            f"{path}: the DXF does not say its units ($INSUNITS is {code}); set the drawing's "
            "units to mm in your CAD program, or state them in the part's `units` field"
        )
    lines: list[LineString] = []
    for entity in document.modelspace():
        if entity.dxftype() not in DXF_DRAWN:
            continue
        try:
            drawn = make_path(entity)
        except (TypeError, ValueError):
            continue
        flattened = drawn.flattening(FLATNESS_MM / scale)
        points = [(_snap(p.x * scale), _snap(p.y * scale)) for p in flattened]
        if len(points) >= 2:
            lines.append(LineString(points))
    return lines, units


def _snap(value: float) -> float:
    return round(value / SNAP_MM) * SNAP_MM
