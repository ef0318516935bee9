"""Flat parts (cut from sheet, sewn from fabric): size, area, cut or seam length, narrow
features, and how many pieces a sheet or a width of fabric yields.

Layout is simple on purpose, and the result says how it was done: each piece stands for
its smallest enclosing rectangle (turned to any angle), rectangles go in rows across the
sheet, tallest first (first-fit decreasing height, "shelves"), every piece turned the same
way, both ways tried, with a gap between pieces. Real nesting (pieces fitted into each
other's gaps) yields more; this is a floor a workshop can count on.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shapely.geometry import MultiPolygon, Polygon

from generator.analysis.health import reason
from generator.analysis.process_results import Flat
from generator.analysis.process_results import Layout as FlatLayout
from generator.analysis.quantities import quantity_ends, quantity_value
from generator.analysis.results import MaterialUse, PieceUse, ProfileUsed, Reason
from generator.analysis.said import Figure, say, term, term_words
from generator.records.outline import Outline

# Area left by a morphological opening below this share of a piece is rounding, not a
# narrow feature.
NARROW_SHARE = 1e-4


@dataclass(frozen=True)
class Figures:
    """What a flat part measures (mm, mm2)."""

    pieces: int
    area_mm2: float
    perimeter_mm: float  # every outline, holes too: the length a cutter travels
    size_mm: tuple[float, float]  # bounding box
    rectangles: tuple[tuple[float, float], ...]  # each piece's smallest rectangle, long side first


def measure(pieces: Sequence[Polygon]) -> Figures:
    shape = MultiPolygon(list(pieces))
    low_x, low_y, high_x, high_y = shape.bounds
    return Figures(
        len(pieces),
        float(shape.area),
        float(sum(p.exterior.length + sum(r.length for r in p.interiors) for p in pieces)),
        (float(high_x - low_x), float(high_y - low_y)),
        tuple(_rectangle(p) for p in pieces),
    )


def _rectangle(piece: Polygon) -> tuple[float, float]:
    """Sides of the smallest rectangle enclosing the piece, long side first."""
    rectangle = piece.minimum_rotated_rectangle
    if not isinstance(rectangle, Polygon):  # a piece of no width
        return piece.length / 2, 0.0
    corners = list(rectangle.exterior.coords)[:4]
    sides = sorted(
        (math.dist(corners[0], corners[1]), math.dist(corners[1], corners[2])), reverse=True
    )
    return sides[0], sides[1]


def narrow_area(pieces: Sequence[Polygon], width: float) -> float:
    """Area of the parts of the pieces narrower than `width` mm: what a round tool of that
    width cannot reach (a morphological opening)."""
    total = 0.0
    for piece in pieces:
        opened = piece.buffer(-width / 2, join_style="mitre").buffer(width / 2, join_style="mitre")
        lost = piece.difference(opened).area
        if lost > NARROW_SHARE * piece.area:
            total += lost
    return float(total)


def stitch_length(pieces: Sequence[Polygon], allowance: float) -> float:
    """Length of the stitching line, `allowance` mm inside each piece's edge."""
    return float(
        sum(
            piece.buffer(-allowance).length
            for piece in pieces
            if not piece.buffer(-allowance).is_empty
        )
    )


@dataclass(frozen=True)
class Packing:
    """How the pieces pack on a sheet (or a width of fabric, with no end)."""

    sets: int  # copies of the part's pieces on one sheet (0 on a roll)
    length_mm: float  # length of roll for `sets` copies (0 on a sheet)
    turned: bool  # long sides along the sheet's length rather than its width


def rows(
    rectangles: Sequence[tuple[float, float]], width: float, gap: float, turned: bool
) -> list[tuple[float, float]]:
    """Shelves (height, used width) of rectangles laid tallest first across `width`."""
    sized = [((b, a) if turned else (a, b)) for a, b in rectangles]
    shelves: list[list[float]] = []  # [height, used width]
    for along, across in sorted(sized, key=lambda s: -s[1]):
        if along > width + 1e-9:
            raise ValueError("wider than the sheet")
        for shelf in shelves:
            if shelf[1] + gap + along <= width + 1e-9:
                shelf[1] += gap + along
                break
        else:
            shelves.append([across, along])
    return [(h, w) for h, w in shelves]


def _height(shelves: list[tuple[float, float]], gap: float) -> float:
    return sum(h for h, _ in shelves) + gap * max(len(shelves) - 1, 0)


def on_sheet(
    rectangles: Sequence[tuple[float, float]], sheet: tuple[float, float], gap: float
) -> Packing:
    """How many copies of the pieces fit on a sheet (width, length), the better way turned."""
    width, length = sheet
    best = Packing(0, 0.0, False)
    for turned in (False, True):
        count = 0
        high = int(width * length // max(sum(a * b for a, b in rectangles), 1e-9)) + 1
        low = 0
        while low < high:  # the most copies whose shelves fit the sheet's length
            middle = (low + high + 1) // 2
            try:
                fits = _height(rows(list(rectangles) * middle, width, gap, turned), gap) <= length
            except ValueError:
                fits = False
            low, high = (middle, high) if fits else (low, middle - 1)
        count = low
        if count > best.sets:
            best = Packing(count, 0.0, turned)
    return best


def on_roll(
    rectangles: Sequence[tuple[float, float]], width: float, gap: float, sets: int
) -> Packing:
    """Length of a roll `width` mm wide that `sets` copies of the pieces need."""
    best: Packing | None = None
    for turned in (False, True):
        try:
            length = _height(rows(list(rectangles) * sets, width, gap, turned), gap)
        except ValueError:
            continue
        if best is None or length < best.length_mm:
            best = Packing(0, length, turned)
    if best is None:
        raise ValueError("wider than the roll")
    return best


LAYOUT_METHOD = term_words(
    "each piece as its smallest enclosing rectangle, in rows across the sheet (tallest "
    "first), all turned the same way, both ways tried, with the gap between pieces; pieces "
    "fitted into each other's gaps would yield more"
)
ROLL_SETS = 100  # a roll's length is given for this many parts


@dataclass(frozen=True)
class FlatFindings:
    flat: Flat
    materials: tuple[MaterialUse, ...]
    profile: ProfileUsed
    reasons: tuple[Reason, ...]


def analyse_flat(
    outline: Outline,
    process: dict[str, Any],
    materials: dict[str, dict[str, Any]],
    sheet_thickness: float | None,
) -> FlatFindings:
    """A part cut or sewn from sheet, against the process's rules, machines and fabric."""
    rules = process.get("design_rules") or {}
    parameters = process.get("parameters") or {}
    figures = measure(outline.pieces)
    feature = quantity_ends(rules.get("min_feature"))
    seam = quantity_ends(parameters.get("seam_allowance"))
    kerf = quantity_value(parameters.get("kerf_width"))
    gap = kerf or 0.0
    layouts = _layouts(figures, process, gap)
    first = layouts[0] if layouts else None
    flat = Flat(
        drawing_units=outline.units,
        pieces=figures.pieces,
        area_mm2=round(figures.area_mm2, 1),
        perimeter_mm=round(figures.perimeter_mm, 1),
        outline_size_mm=(round(figures.size_mm[0], 2), round(figures.size_mm[1], 2)),
        open_lines=outline.open_lines,
        min_feature_mm=feature[0] if feature else None,
        narrow_area_mm2=round(narrow_area(outline.pieces, feature[0]), 1) if feature else None,
        seam_allowance_mm=seam[0] if seam else None,
        stitch_length_mm=round(stitch_length(outline.pieces, seam[0]), 1) if seam else None,
        sheet_thickness_mm=sheet_thickness,
        gap_mm=gap,
        sheet=first.sheet if first else None,
        pieces_per_sheet=first.pieces_per_sheet if first else None,
        layouts=layouts,
        layout_method=LAYOUT_METHOD,
    )
    uses = tuple(
        _use(material_id, record, figures.area_mm2, sheet_thickness)
        for material_id, record in materials.items()
    )
    return FlatFindings(flat, uses, _profile(flat), _reasons(flat, process))


def _layouts(figures: Figures, process: dict[str, Any], gap: float) -> tuple[FlatLayout, ...]:
    """The part on every sheet the process record knows: each machine's sheet or bed, and
    a roll of the process's fabric width."""
    found: list[FlatLayout] = []
    for machine in process.get("machines") or []:
        size = machine.get("sheet_size_mm") or machine.get("work_area_mm")
        if not (isinstance(size, list) and len(size) == 2):
            continue
        width, length = sorted((float(size[0]), float(size[1])))
        what = "sheet" if machine.get("sheet_size_mm") else "bed"
        placed = on_sheet(figures.rectangles, (width, length), gap)
        found.append(
            FlatLayout(
                sheet=f"the {width:g} x {length:g} mm {what} of {machine.get('name')}",
                sheet_size_mm=(width, length),
                pieces_per_sheet=placed.sets,
                turned=placed.turned,
            )
        )
    fabric = quantity_value((process.get("parameters") or {}).get("fabric_width"))
    if fabric:
        try:
            rolled = on_roll(figures.rectangles, fabric, gap, ROLL_SETS)
        except ValueError:  # a piece wider than the roll
            rolled = None
        found.append(
            FlatLayout(
                sheet=f"a roll of fabric {fabric:g} mm wide",
                sheet_size_mm=(fabric,),
                roll_mm_per_100=round(rolled.length_mm, 1) if rolled else None,
                turned=rolled.turned if rolled else False,
            )
        )
    return tuple(found)


def _use(
    material_id: str, record: dict[str, Any], area: float, thickness: float | None
) -> MaterialUse:
    properties = record.get("properties") or {}
    areal = quantity_value(properties.get("areal_density"))
    density = quantity_value(properties.get("density"))
    price = quantity_value(properties.get("price"))
    mass = basis = note = None
    if areal is not None:
        mass = round(area / 1e6 * areal, 2)
        basis = f"areal density {areal:g} g/m2"
    elif density is not None and thickness:
        mass = round(area * thickness / 1000 * density, 2)
        basis = f"density {density:g} g/cm3 x {thickness:g} mm sheet"
    elif density is not None:
        note = term_words("the design states no sheet thickness: mass is not estimated")
    else:
        note = term_words(
            "the material record gives no areal density or density: mass is not estimated"
        )
    return MaterialUse(
        material=material_id,
        density_g_cm3=density,
        price_usd_kg=price,
        note=note,
        piece=PieceUse(piece_area_mm2=round(area, 1), mass_g=mass, mass_basis=basis),
        cost_usd=round(mass / 1000 * price, 3) if price is not None and mass else None,
    )


def _profile(flat: Flat) -> ProfileUsed:
    return ProfileUsed(
        model="flat",
        name=f"pieces read from the drawing ({flat.drawing_units})",
        assumptions=(
            say(
                "a piece is what lies inside an odd number of closed outlines (holes inside "
                "pieces, islands inside holes); curves flattened to within %(tolerance)s mm",
                tolerance=0.01,
            ),
            say("layout: %(method)s", method=term(LAYOUT_METHOD)),
            say(
                "mass: the piece's area x the fabric's areal density, or x the sheet's "
                "thickness and density; offcuts are not counted"
            ),
        ),
    )


def _reasons(flat: Flat, process: dict[str, Any]) -> tuple[Reason, ...]:
    found: list[Reason] = []
    if not (process.get("design_rules") or process.get("parameters") or process.get("machines")):
        found.append(
            reason(
                "info",
                say(
                    "the process record gives no rules, parameters or machines: nothing to "
                    "check the piece against beyond its drawing"
                ),
            )
        )
    if flat.open_lines:
        found.append(
            reason(
                "attention",
                say(
                    "%(lines)s line(s) of the drawing close no outline: a cutter follows them "
                    "as loose cuts; join their ends or delete them",
                    lines=flat.open_lines,
                ),
            )
        )
    if flat.narrow_area_mm2 and flat.narrow_area_mm2 > 0:
        found.append(
            reason(
                "attention",
                say(
                    "%(area)s mm2 of the piece is narrower than %(rule)s mm: it breaks or burns "
                    "away; widen it",
                    area=flat.narrow_area_mm2,
                    rule=flat.min_feature_mm or 0,
                ),
            )
        )
    found.extend(_sheet_reasons(flat, process))
    return tuple(found)


def _sheet_reasons(flat: Flat, process: dict[str, Any]) -> list[Reason]:
    """The design's sheet against the process's range, the pattern against its sheets."""
    found = []
    thickness = quantity_ends((process.get("design_rules") or {}).get("min_wall"))
    thickest = quantity_ends((process.get("design_rules") or {}).get("max_wall"))
    given = flat.sheet_thickness_mm
    if given is not None and (
        (thickness is not None and given < thickness[0])
        or (thickest is not None and given > thickest[1])
    ):
        found.append(
            reason(
                "attention",
                say(
                    "the design's %(given)s mm sheet is outside the %(low)s to %(high)s mm the "
                    "process makes",
                    given=given,
                    low=thickness[0] if thickness else 0,
                    high=Figure(number=thickest[1]) if thickest else term("any"),
                ),
            )
        )
    sheets = [layout for layout in flat.layouts if layout.pieces_per_sheet is not None]
    rolls = [layout for layout in flat.layouts if layout.pieces_per_sheet is None]
    fits_roll = any(layout.roll_mm_per_100 is not None for layout in rolls)
    if flat.layouts and not any(s.pieces_per_sheet for s in sheets) and not fits_roll:
        found.append(
            reason(
                "blocker",
                say(
                    "at %(width)s x %(length)s mm the pattern is larger than every sheet, bed "
                    "and roll the process knows: split it into pieces",
                    width=flat.outline_size_mm[0],
                    length=flat.outline_size_mm[1],
                ),
            )
        )
    return found
