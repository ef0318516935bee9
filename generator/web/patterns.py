"""Printable patterns: a design's flat parts drawn at 1:1 on sheets of A4 or US Letter.

Each part is tiled on as few pages as it needs (turned a quarter if that takes fewer).
Neighbouring pages share a strip `OVERLAP_MM` wide, printed on both, with circled marks
that meet when the pages are laid over each other: trim the left and top margins along
the frame, lay each page over the one to its left and above, tape. Every page carries a
50 mm test square (placed where it crosses no line of the pattern if it can), the part's
name, how to cut it, and its page number with a small map of where it goes.

The cutting line is the outline as drawn; the stitching line, where the process gives a
seam allowance, runs that far inside it, dashed. A DXF drawing has y up, an SVG y down:
a DXF is turned over so the piece is not printed mirrored.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import shapely
from shapely import affinity
from shapely.geometry import LineString, MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from generator.records.outline import read_outline
from generator.web.pdf import Canvas, fit_text, pdf_document, text_width, wrap_text
from generator.web.site import PatternJob, PatternPart

# Bump when the drawing changes, so cached patterns are drawn again.
PATTERN_VERSION = 1


@dataclass(frozen=True)
class Paper:
    name: str
    width_mm: float
    height_mm: float


# ISO 216 A4, and ANSI Letter (8.5 x 11 in).
PAPERS = {"a4": Paper("A4", 210, 297), "letter": Paper("US Letter", 215.9, 279.4)}
# Left blank round the edge: printers cannot print to the edge of the sheet. If a printer
# leaves more, the frame line shows it (it is cut off).
MARGIN_MM = 8
FOOTER_MM = 18  # the band under the drawing with the names, page number and map
OVERLAP_MM = 15  # the strip neighbouring pages share
CLEARANCE_MM = 1  # round the outline, so its line is not cut off at the page's edge
TEST_SQUARE_MM = 50
MARKS_PER_STRIP = 3
# Curves are drawn as straight lines within this distance of the outline read.
SIMPLIFY_MM = 0.02
# A part that needs more pages than this is left out: it is cut from a full sheet, not
# traced from paper.
MAX_PAGES = 40

CUT_LINE_MM = 0.4
STITCH_LINE_MM = 0.25
THIN_LINE_MM = 0.15
TEXT_MM = 2.6  # about 7.4 pt


# Sheet coordinates to the page's.
_Place = Callable[[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Grid:
    columns: int
    rows: int
    turned: bool  # the part is drawn a quarter turn from how it is drawn in its file

    @property
    def pages(self) -> int:
        return self.columns * self.rows


def content_size(paper: Paper) -> tuple[float, float]:
    """Width and height of the part of a page the pattern is drawn on."""
    return paper.width_mm - 2 * MARGIN_MM, paper.height_mm - 2 * MARGIN_MM - FOOTER_MM


def _count(length: float, room: float) -> int:
    """Pages in a row for `length` mm, each `room` mm wide, neighbours overlapping."""
    if length <= room:
        return 1
    return 1 + math.ceil((length - room) / (room - OVERLAP_MM) - 1e-9)


def grid(size_mm: tuple[float, float], paper: Paper) -> Grid:
    """The pages a part of this size takes, turned a quarter if that takes fewer."""
    width, height = (side + 2 * CLEARANCE_MM for side in size_mm)
    room_x, room_y = content_size(paper)
    upright = Grid(_count(width, room_x), _count(height, room_y), False)
    turned = Grid(_count(height, room_x), _count(width, room_y), True)
    return turned if turned.pages < upright.pages else upright


def fits(size_mm: tuple[float, float]) -> bool:
    """Whether a part is small enough to be printed as a pattern on every paper size."""
    return all(grid(size_mm, paper).pages <= MAX_PAGES for paper in PAPERS.values())


def page_count(parts: Sequence[PatternPart], paper: str) -> int:
    return sum(grid(part.size_mm, PAPERS[paper]).pages for part in parts)


# --- drawing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A part as drawn: its pieces in sheet coordinates (mm, y down, from the top left of
    the first page's drawing area), with the lines to draw."""

    part: PatternPart
    grid: Grid
    shape: MultiPolygon
    cut: tuple[LineString, ...]
    stitch: tuple[LineString, ...]
    labels: tuple[tuple[float, float, float, str], ...]  # x, y (baseline), size, text


def pattern_bytes(job: PatternJob) -> bytes:
    """The PDF of a pattern job: each part's outline read from its file and drawn."""
    paper = PAPERS[job.paper]
    pieces = [place_part(part, part_shape(part), paper) for part in job.parts]
    return pattern_pdf(job.title, pieces, paper)


def part_shape(part: PatternPart) -> BaseGeometry:
    """The part's pieces as seen from above, y down (mm)."""
    upright = MultiPolygon(list(read_outline(part.source, part.units).upright()))
    shape: BaseGeometry = affinity.scale(upright, 1, -1, origin=(0, 0))  # the page's y runs down
    return shape


def _rings(geometry: BaseGeometry) -> list[LineString]:
    polygons = [g for g in getattr(geometry, "geoms", [geometry]) if isinstance(g, Polygon)]
    return [
        LineString(ring.coords)
        for polygon in polygons
        if not polygon.is_empty
        for ring in (polygon.exterior, *polygon.interiors)
    ]


def place_part(part: PatternPart, drawn: BaseGeometry, paper: Paper) -> Piece:
    """The part turned as its grid says and centred on the pages it takes."""
    layout = grid(part.size_mm, paper)
    if layout.turned:
        drawn = affinity.rotate(drawn, 90, origin=(0, 0))
    drawn = drawn.simplify(SIMPLIFY_MM)
    low_x, low_y, high_x, high_y = drawn.bounds
    room_x, room_y = content_size(paper)
    total_x = room_x + (layout.columns - 1) * (room_x - OVERLAP_MM)
    total_y = room_y + (layout.rows - 1) * (room_y - OVERLAP_MM)
    moved = affinity.translate(
        drawn,
        (total_x - (high_x - low_x)) / 2 - low_x,
        (total_y - (high_y - low_y)) / 2 - low_y,
    )
    shape = MultiPolygon([g for g in getattr(moved, "geoms", [moved]) if isinstance(g, Polygon)])
    stitch: list[LineString] = []
    if part.seam_mm:
        stitch = _rings(shape.buffer(-part.seam_mm, join_style="mitre"))
    strips = shapely.union_all(
        [
            box(c * (room_x - OVERLAP_MM), 0, c * (room_x - OVERLAP_MM) + OVERLAP_MM, total_y)
            for c in range(1, layout.columns)
        ]
        + [
            box(0, r * (room_y - OVERLAP_MM), total_x, r * (room_y - OVERLAP_MM) + OVERLAP_MM)
            for r in range(1, layout.rows)
        ]
    )
    labels = _labels(part, shape, strips)
    return Piece(part, layout, shape, tuple(_rings(shape)), tuple(stitch), labels)


def _labels(
    part: PatternPart, shape: MultiPolygon, strips: BaseGeometry
) -> tuple[tuple[float, float, float, str], ...]:
    """The part's name inside its largest piece, off the strips pages share, as large as
    fits (none if none fits)."""
    largest = max(shape.geoms, key=lambda p: p.area)
    room = largest.buffer(-(part.seam_mm or 0) - 2).difference(strips)
    areas = [g for g in getattr(room, "geoms", [room]) if isinstance(g, Polygon) and g.area > 0]
    if not areas:
        return ()
    inside = max(areas, key=lambda p: p.area)
    centre = polylabel(inside, tolerance=0.5)
    for size in (6.0, 5.0, 4.0, 3.0):
        width = text_width(part.name, size)
        area = box(centre.x - width / 2, centre.y - size, centre.x + width / 2, centre.y + size)
        if inside.contains(area):
            return ((centre.x, centre.y + size * 0.35, size, part.name),)
    return ()


def pattern_pdf(title: str, pieces: Sequence[Piece], paper: Paper) -> bytes:
    pages: list[Canvas] = []
    total = sum(piece.grid.pages for piece in pieces)
    for piece in pieces:
        first = len(pages) + 1
        for row in range(piece.grid.rows):
            for column in range(piece.grid.columns):
                canvas = Canvas(paper.width_mm, paper.height_mm)
                _draw_page(canvas, title, piece, paper, (row, column), (first, total))
                pages.append(canvas)
    return pdf_document(pages, f"{title}: pattern to print, {paper.name}")


def _draw_page(
    canvas: Canvas,
    title: str,
    piece: Piece,
    paper: Paper,
    at: tuple[int, int],
    numbering: tuple[int, int],
) -> None:
    row, column = at
    first, total = numbering
    room_x, room_y = content_size(paper)
    # Where this page's drawing area lies on the assembled sheet.
    left = column * (room_x - OVERLAP_MM)
    top = row * (room_y - OVERLAP_MM)
    window = box(left, top, left + room_x, top + room_y)

    def place(x: float, y: float) -> tuple[float, float]:
        return MARGIN_MM + x - left, MARGIN_MM + y - top

    canvas.save()
    canvas.clip(MARGIN_MM, MARGIN_MM, room_x, room_y)
    canvas.gray(0)
    for lines, width, dashed in (
        (piece.cut, CUT_LINE_MM, False),
        (piece.stitch, STITCH_LINE_MM, True),
    ):
        canvas.line_width(width)
        canvas.dash(3, 1.5) if dashed else canvas.dash()
        for line in lines:
            visible = shapely.clip_by_rect(line, *window.buffer(1).bounds)
            for part in getattr(visible, "geoms", [visible]):
                if isinstance(part, LineString) and not part.is_empty:
                    canvas.path([place(x, y) for x, y in part.coords])
    canvas.dash()
    for x, y, size, text in piece.labels:
        canvas.text(*place(x, y), size, text, "centre")
    _marks(canvas, piece.grid, at, first, place, (room_x, room_y))
    canvas.restore()
    _frame(canvas, piece.grid, at, (room_x, room_y))
    _test_square(canvas, piece, at, window, place)
    _footer(canvas, title, piece, paper, at, first + row * piece.grid.columns + column, total)


def _page_number(grid_: Grid, first: int, row: int, column: int) -> int:
    return first + row * grid_.columns + column


def _marks(
    canvas: Canvas,
    layout: Grid,
    at: tuple[int, int],
    first: int,
    place: _Place,
    room: tuple[float, float],
) -> None:
    """Circled crosses in the strips this page shares with its neighbours, each with the
    two pages it joins; both pages draw them at the same place on the sheet."""
    row, column = at
    room_x, room_y = room
    step_x, step_y = room_x - OVERLAP_MM, room_y - OVERLAP_MM
    spots: list[tuple[float, float, str]] = []
    for near in (column - 1, column):  # the strips to the left and to the right
        if near >= 0 and near + 1 < layout.columns:
            pages = (
                _page_number(layout, first, row, near),
                _page_number(layout, first, row, near + 1),
            )
            x = (near + 1) * step_x + OVERLAP_MM / 2
            spots.extend(
                (x, row * step_y + room_y * k / (MARKS_PER_STRIP + 1), f"{pages[0]} + {pages[1]}")
                for k in range(1, MARKS_PER_STRIP + 1)
            )
    for near in (row - 1, row):  # the strips above and below
        if near >= 0 and near + 1 < layout.rows:
            pages = (
                _page_number(layout, first, near, column),
                _page_number(layout, first, near + 1, column),
            )
            y = (near + 1) * step_y + OVERLAP_MM / 2
            spots.extend(
                (
                    column * step_x + room_x * k / (MARKS_PER_STRIP + 1),
                    y,
                    f"{pages[0]} + {pages[1]}",
                )
                for k in range(1, MARKS_PER_STRIP + 1)
            )
    canvas.line_width(0.2)
    for x, y, label in spots:
        px, py = place(x, y)
        canvas.circle(px, py, 3)
        canvas.path([(px - 4.5, py), (px + 4.5, py)])
        canvas.path([(px, py - 4.5), (px, py + 4.5)])
        canvas.text(px + 3.6, py - 1.2, 2.2, label)


def _frame(canvas: Canvas, layout: Grid, at: tuple[int, int], room: tuple[float, float]) -> None:
    """The drawing area's frame (where to trim), and dashed where the next page's edge
    goes on this one."""
    row, column = at
    room_x, room_y = room
    canvas.gray(0.45)
    canvas.line_width(THIN_LINE_MM)
    canvas.rectangle(MARGIN_MM, MARGIN_MM, room_x, room_y)
    canvas.dash(2, 2)
    if column + 1 < layout.columns:
        x = MARGIN_MM + room_x - OVERLAP_MM
        canvas.path([(x, MARGIN_MM), (x, MARGIN_MM + room_y)])
    if row + 1 < layout.rows:
        y = MARGIN_MM + room_y - OVERLAP_MM
        canvas.path([(MARGIN_MM, y), (MARGIN_MM + room_x, y)])
    canvas.dash()
    canvas.gray(0)


def _test_square(
    canvas: Canvas,
    piece: Piece,
    at: tuple[int, int],
    window: Polygon,
    place: _Place,
) -> None:
    """The 50 mm square, in a corner of the page's own area (not in a strip it shares)
    where it crosses no line of the pattern and covers as little of a piece as can be."""
    row, column = at
    side = TEST_SQUARE_MM
    low_x = window.bounds[0] + (OVERLAP_MM if column > 0 else 0) + 2
    low_y = window.bounds[1] + (OVERLAP_MM if row > 0 else 0) + 2
    high_x = window.bounds[2] - (OVERLAP_MM if column + 1 < piece.grid.columns else 0) - 2 - side
    high_y = window.bounds[3] - (OVERLAP_MM if row + 1 < piece.grid.rows else 0) - 2 - side
    drawn = shapely.union_all(
        [
            *piece.cut,
            *piece.stitch,
            *(box(x - 50, y - s, x + 50, y + s) for x, y, s, _ in piece.labels),
        ]
    )

    def cost(corner: tuple[float, float]) -> tuple[bool, float]:
        square = box(corner[0], corner[1], corner[0] + side, corner[1] + side)
        return square.buffer(2).intersects(drawn), square.intersection(piece.shape).area

    corners = [(low_x, low_y), (high_x, low_y), (low_x, high_y), (high_x, high_y)]
    x, y = place(*min(corners, key=cost))
    canvas.line_width(0.3)
    canvas.rectangle(x, y, side, side)
    canvas.text(x + side / 2, y + side / 2, 6, "50 mm", "centre")
    for number, line in enumerate(
        wrap_text(
            "Measure this square: if it is not 50 mm, print at 100 % (actual size).", 2.2, side - 6
        )
    ):
        canvas.text(x + side / 2, y + side / 2 + 6 + number * 3, 2.2, line, "centre")


def _footer(
    canvas: Canvas,
    title: str,
    piece: Piece,
    paper: Paper,
    at: tuple[int, int],
    page: int,
    total: int,
) -> None:
    """Names, how to cut, the key to the lines, how to join the pages, page number and, for
    a part on several pages, a map of them with this one filled in."""
    row, column = at
    top = paper.height_mm - MARGIN_MM - FOOTER_MM
    right = paper.width_mm - MARGIN_MM
    width = paper.width_mm - 2 * MARGIN_MM - 40
    part = piece.part
    key = "Solid line: cut."
    if part.seam_mm:
        key += f" Dashed line: stitch, {part.seam_mm:g} mm inside the edge."
    key += " Print at 100 % (actual size)."
    lines = [(3.0, f"{title}: {part.name}"), (TEXT_MM, part.note), (TEXT_MM, key)]
    if piece.grid.pages > 1:
        lines.append(
            (
                TEXT_MM,
                "Trim the left and top margins on the frame line, lay the page over the ones "
                "to its left and above so the circled marks meet, and tape.",
            )
        )
    for number, (size, text) in enumerate(lines):
        canvas.text(MARGIN_MM, top + 4.5 + number * 4.2, size, fit_text(text, size, width))
    canvas.text(right, top + 4.5, 3.4, f"Page {page} of {total}", "right")
    if piece.grid.pages == 1:
        return
    cell = min(4.0, 30 / piece.grid.columns, 10 / piece.grid.rows)
    left = right - cell * piece.grid.columns
    canvas.line_width(THIN_LINE_MM)
    for r in range(piece.grid.rows):
        for c in range(piece.grid.columns):
            x, y = left + c * cell, top + 7 + r * cell
            canvas.rectangle(x, y, cell, cell, fill=(r, c) == (row, column))
            canvas.rectangle(x, y, cell, cell)
