"""Flat parts read from SVG and DXF outlines: known areas and cut lengths in mm, inches and
stated units (within 1 %), drawings whose size is unknown or whose lines do not close,
layouts on sheets and rolls, and the masses they give."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import ezdxf
import pytest

from generator.analysis.options import PartOptions
from generator.analysis.part import analyse_drawing
from generator.analysis.process_results import Flat
from generator.analysis.results import Analysis
from generator.records.outline import OutlineError, read_outline

SVG = '<svg xmlns="http://www.w3.org/2000/svg" {size}>{body}</svg>'
MM = 'width="100mm" height="60mm" viewBox="0 0 100 60"'


def svg(folder: Path, body: str, size: str = MM, name: str = "part.svg") -> Path:
    path = folder / name
    path.write_text(SVG.format(size=size, body=body))
    return path


def dxf(folder: Path, units: int | None, draw: Any) -> Path:
    document = ezdxf.new()
    if units is not None:
        document.header["$INSUNITS"] = units
    draw(document.modelspace())
    path = folder / "part.dxf"
    document.saveas(path)
    return path


@pytest.mark.parametrize(
    ("body", "size", "area", "perimeter"),
    [
        ('<rect x="10" y="10" width="80" height="40"/>', MM, 3200, 240),
        ('<circle cx="2" cy="2" r="1.5"/>', 'width="4in" height="4in" viewBox="0 0 4 4"',
         math.pi * 38.1**2, 2 * math.pi * 38.1),
        ('<path d="M100 100 H900 V900 H100 Z M300 300 V700 H700 V300 Z"/>',
         'width="100mm" height="100mm" viewBox="0 0 1000 1000"', 80 * 80 - 40 * 40, 320 + 160),
        ('<rect width="2" height="1"/>', 'width="5cm" height="5cm" viewBox="0 0 5 5"',
         20 * 10, 60),
    ],
    ids=["rectangle in mm", "circle in inches", "square with a hole", "rectangle in cm"],
)  # fmt: skip
def test_svg_pieces_measure_within_one_percent(
    tmp_path: Path, body: str, size: str, area: float, perimeter: float
) -> None:
    outline = read_outline(svg(tmp_path, body, size))
    shape = outline.shape
    assert shape.area == pytest.approx(area, rel=0.01)
    assert sum(p.exterior.length + sum(h.length for h in p.interiors) for p in outline.pieces) == (
        pytest.approx(perimeter, rel=0.01)
    )


def test_an_island_in_a_hole_is_a_piece_again(tmp_path: Path) -> None:
    body = '<path d="M0 0 H60 V60 H0 Z M10 10 V50 H50 V10 Z M20 20 H40 V40 H20 Z"/>'
    outline = read_outline(svg(tmp_path, body, 'width="60mm" height="60mm" viewBox="0 0 60 60"'))
    assert len(outline.pieces) == 2
    assert outline.shape.area == pytest.approx(60 * 60 - 40 * 40 + 20 * 20)


def test_a_dxf_in_inches_and_one_with_stated_units(tmp_path: Path) -> None:
    def square(space: Any) -> None:
        space.add_lwpolyline([(0, 0), (2, 0), (2, 1), (0, 1)], close=True)

    inches = read_outline(dxf(tmp_path, 1, square))
    assert inches.shape.area == pytest.approx(2 * 1 * 25.4**2, rel=0.001)
    assert "in, from the DXF" in inches.units
    with pytest.raises(OutlineError, match=r"does not say its units"):
        read_outline(dxf(tmp_path, 0, square))  # 0: unitless
    stated = read_outline(dxf(tmp_path, 0, square), stated_units="cm")
    assert stated.shape.area == pytest.approx(2 * 1 * 100)


def test_separate_lines_chain_into_a_closed_outline(tmp_path: Path) -> None:
    def lines(space: Any) -> None:
        for start, end in [((0, 0), (30, 0)), ((30, 0), (30, 20)), ((30, 20), (0, 20)),
                           ((0, 20), (0, 0))]:  # fmt: skip
            space.add_line(start, end)
        space.add_arc((15, 10), 5, 0, 360)

    outline = read_outline(dxf(tmp_path, 4, lines))
    assert outline.shape.area == pytest.approx(600 - math.pi * 25, rel=0.002)


def test_circles_follow_a_flipping_transform(tmp_path: Path) -> None:
    # FreeCAD writes each piece in a group flipped upside down (y up) and its holes as
    # <circle>s; a circle cannot take the flip into cx, cy and r, so it keeps the group's
    # transform aside, and the reader must apply it, or the holes land outside the piece.
    body = (
        '<g transform="translate(0,60) scale(1,-1)">'
        '<path d="M 10 10 L 90 10 L 90 50 L 10 50 Z"/>'
        '<circle cx="30" cy="20" r="5"/><circle cx="70" cy="40" r="5"/></g>'
    )
    outline = read_outline(svg(tmp_path, body))
    (piece,) = outline.pieces
    assert len(piece.interiors) == 2
    assert piece.area == pytest.approx(80 * 40 - 2 * math.pi * 25, rel=0.002)
    centres = sorted(tuple(round(c, 1) for c in h.centroid.coords[0]) for h in piece.interiors)
    assert centres == [(30.0, 40.0), (70.0, 20.0)]  # y = 60 - cy on the page


@pytest.mark.parametrize(
    ("size", "said"),
    [
        ('width="400" height="300"', "gives no physical size"),
        ('width="400px" height="300px"', "gives no physical size"),
        ('viewBox="0 0 100 60"', "gives no physical size"),
        ('width="100%" height="100%"', "gives no physical size"),
    ],
)
def test_an_svg_without_a_physical_size_is_refused(tmp_path: Path, size: str, said: str) -> None:
    with pytest.raises(OutlineError, match=said):
        read_outline(svg(tmp_path, '<rect width="10" height="10"/>', size))


def test_open_lines_are_counted_and_a_drawing_of_only_open_lines_refused(tmp_path: Path) -> None:
    with pytest.raises(OutlineError, match="no closed outline"):
        read_outline(svg(tmp_path, '<path d="M10 10 H90 V50 H10"/>'))
    outline = read_outline(svg(tmp_path, '<rect x="10" y="10" width="20" height="20"/>'
                               '<path d="M50 10 L 90 50"/>'))  # fmt: skip
    assert outline.open_lines == 1


CUTTING = {
    "id": "cutting",
    "name": "Cutting",
    "analysis": "flat",
    "design_rules": {"min_feature": {"value": 1, "unit": "mm", "source": "x"}},
    "parameters": {"kerf_width": {"value": 0.2, "unit": "mm", "source": "x"}},
    "machines": [{"id": "bed", "name": "Cutter", "work_area_mm": [600, 400], "source": "x"}],
}
SEWING = {
    "id": "sewing",
    "name": "Sewing",
    "analysis": "flat",
    "parameters": {
        "seam_allowance": {"min": 10, "max": 15, "unit": "mm", "source": "x"},
        "fabric_width": {"value": 1118, "unit": "mm", "source": "x"},
    },
}
FELT = {"properties": {"areal_density": {"value": 200, "unit": "g/m2", "source": "x"}}}
BOARD = {"properties": {"density": {"value": 0.95, "unit": "g/cm3", "source": "x"}}}


def flat(
    folder: Path, body: str, process: dict[str, Any] = CUTTING, thickness: float | None = None
) -> tuple[Analysis, Flat]:
    outline = read_outline(
        svg(folder, body, 'width="1000mm" height="1000mm" viewBox="0 0 1000 1000"')
    )
    result = analyse_drawing(
        outline, process, {"felt": FELT, "board": BOARD}, PartOptions(sheet_thickness_mm=thickness)
    )
    assert result.flat is not None
    return result, result.flat


def words(result: Analysis) -> str:
    return " | ".join(r.message for r in result.reasons)


def test_pieces_per_sheet_and_the_masses(tmp_path: Path) -> None:
    result, found = flat(tmp_path, '<rect width="80" height="40"/>', thickness=6)
    assert (found.area_mm2, found.perimeter_mm) == (3200, 240)
    # 80 x 40 pieces with a 0.2 mm kerf on a 400 x 600 bed: 4 a row, 14 rows (56); turned,
    # 9 a row, 7 rows (63).
    assert found.pieces_per_sheet == 63
    assert found.sheet is not None and "400 x 600 mm bed of Cutter" in found.sheet
    felt, board = result.materials
    assert felt.piece is not None and felt.piece.mass_g == pytest.approx(3200e-6 * 200)
    assert board.piece is not None and board.piece.mass_g == pytest.approx(32 * 0.6 * 0.95)
    assert result.verdict == "ready"


def test_a_pattern_larger_than_any_sheet_cannot_be_cut(tmp_path: Path) -> None:
    result, found = flat(tmp_path, '<rect width="700" height="500"/>')
    assert found.pieces_per_sheet == 0
    assert result.verdict == "not-printable"
    assert "larger than every sheet" in words(result)


def test_narrow_features_and_open_lines_need_attention(tmp_path: Path) -> None:
    body = '<path d="M0 0 H50 V10 H0 Z M50 4.7 H60 V5.3 H50 Z"/><path d="M100 100 L 120 120"/>'
    result, found = flat(tmp_path, body)
    assert found.narrow_area_mm2 == pytest.approx(6, rel=0.05)
    assert "narrower than 1 mm" in words(result)
    assert "close no outline" in words(result)


def test_sewing_the_stitch_line_and_the_roll(tmp_path: Path) -> None:
    _, found = flat(tmp_path, '<rect width="80" height="40"/>', SEWING)
    assert found.stitch_length_mm == pytest.approx(2 * (60 + 20))
    (roll,) = found.layouts
    # 100 pieces across a 1118 mm roll, no gap: turned 40 across, 27 a row, 4 rows of 80.
    assert roll.roll_mm_per_100 == pytest.approx(4 * 80)
    assert found.pieces_per_sheet is None and found.sheet == "a roll of fabric 1118 mm wide"


def test_a_process_without_rules_is_said_so(tmp_path: Path) -> None:
    bare = {"id": "bare", "name": "Bare", "analysis": "flat"}
    result, _ = flat(tmp_path, '<rect width="80" height="40"/>', bare)
    assert "gives no rules, parameters or machines" in words(result)


def test_a_sheet_thinner_than_the_process_makes(tmp_path: Path) -> None:
    pressing = {
        "id": "pressing",
        "name": "Pressing",
        "analysis": "flat",
        "design_rules": {
            "min_wall": {"value": 4, "unit": "mm", "source": "x"},
            "max_wall": {"value": 35, "unit": "mm", "source": "x"},
        },
    }
    result, _ = flat(tmp_path, '<rect width="80" height="40"/>', pressing, thickness=2)
    assert "2 mm sheet is outside the 4 to 35 mm" in words(result)
    result, _ = flat(tmp_path, '<rect width="80" height="40"/>', pressing, thickness=10)
    assert "outside" not in words(result)
