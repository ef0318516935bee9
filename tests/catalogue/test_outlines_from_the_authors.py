"""Cutting outlines made here from a commons design's source are the authors' drawing.

The b4ckspace face shield's authors publish one sheet with both pieces; the visor and the
head strap are cut from different plastics, so each has its own outline made from their
OpenSCAD module. These tests hold the outlines to the authors' files: piece for piece the
same as their SVG and DXF sheet, at the full size their parameters give, and measured by
the flat analysis as an independent reading of the SVG paths measures them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from shapely.affinity import scale, translate
from shapely.geometry import Polygon

from generator.analysis.options import PartOptions
from generator.analysis.part import analyse_drawing
from generator.records.catalog import Catalog, load_catalog
from generator.records.facts import data_of, parts_of
from generator.records.outline import read_outline

ROOT = Path(__file__).resolve().parents[2]
DESIGN = ROOT / "designs" / "b4ckspace-laser-cut-face-shield"
# The two drawings disagree by the rounding of their coordinates (OpenSCAD writes six
# significant digits), a few hundredths of a square millimetre over a whole piece.
SAME_MM2 = 0.5


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT)


def parameter(name: str) -> float:
    """A value set at the top of the authors' OpenSCAD file."""
    text = (DESIGN / "src" / "faceshield-3.2.scad").read_text(encoding="utf-8")
    found = re.search(rf"^{name}\s*=\s*([0-9.]+);", text, re.MULTILINE)
    assert found, name
    return float(found.group(1))


def moved_onto(piece: Polygon, target: Polygon) -> Polygon:
    """The piece moved so that its bounding box starts where the target's does."""
    return translate(piece, target.bounds[0] - piece.bounds[0], target.bounds[1] - piece.bounds[1])


@pytest.mark.parametrize("part", ["shield", "head-strap"])
def test_each_outline_is_a_piece_of_the_authors_sheet(part: str) -> None:
    (piece,) = read_outline(DESIGN / "parts" / f"{part}.svg").pieces
    sheet = read_outline(DESIGN / "src" / "faceshield-3.2.svg").pieces
    # The DXF states no units (the part records say mm); its y axis points up, the SVG's down.
    dxf = [
        scale(p, 1, -1, origin=(0, 0))
        for p in read_outline(DESIGN / "src" / "faceshield-3.2.dxf", "mm").pieces
    ]
    for pieces in (sheet, dxf):
        assert len(pieces) == 2
        closest = min(pieces, key=lambda p: moved_onto(p, piece).symmetric_difference(piece).area)
        assert moved_onto(closest, piece).symmetric_difference(piece).area < SAME_MM2


def test_the_two_outlines_are_the_whole_sheet() -> None:
    sheet = read_outline(DESIGN / "src" / "faceshield-3.2.svg")
    parts = [read_outline(DESIGN / "parts" / f"{p}.svg") for p in ("shield", "head-strap")]
    assert sum(p.shape.area for p in parts) == pytest.approx(sheet.shape.area, abs=SAME_MM2)
    holes = sum(len(piece.interiors) for outline in parts for piece in outline.pieces)
    assert holes == sum(len(piece.interiors) for piece in sheet.pieces)


def test_the_outlines_are_at_the_size_the_authors_drew() -> None:
    visor = read_outline(DESIGN / "parts" / "shield.svg")
    strap = read_outline(DESIGN / "parts" / "head-strap.svg")
    assert visor.units.startswith("mm") and strap.units.startswith("mm")
    low_x, low_y, high_x, high_y = visor.shape.bounds
    # The visor is as wide as shield_width; its top strip reaches 40 mm above shield_height.
    assert high_x - low_x == pytest.approx(parameter("shield_width"), abs=0.01)
    assert high_y - low_y == pytest.approx(parameter("shield_height") + 40, abs=0.01)
    low_x, low_y, high_x, high_y = strap.shape.bounds
    assert high_y - low_y == pytest.approx(parameter("strap_outer"), abs=0.01)
    assert parameter("strap_length") - 30 < high_x - low_x < parameter("strap_length")


def shoelace(path_data: str) -> tuple[float, float]:
    """Area (outlines minus holes) and length of every closed contour in an OpenSCAD SVG
    path, which draws straight segments only: M x,y L x,y ... Z."""
    area = length = 0.0
    for contour in re.findall(r"M([^MZz]*)[Zz]", path_data):
        points = [
            tuple(map(float, p.split(","))) for p in re.findall(r"-?[0-9.e]+,-?[0-9.e]+", contour)
        ]
        pairs = list(zip(points, points[1:] + points[:1], strict=True))
        area += sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs) / 2
        length += sum(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 for (x0, y0), (x1, y1) in pairs)
    return abs(area), length


@pytest.mark.parametrize("part_id", ["visor", "head-strap"])
def test_the_analysis_measures_what_the_paths_say(catalog: Catalog, part_id: str) -> None:
    design = data_of(catalog.designs["b4ckspace-laser-cut-face-shield"])
    part = next(p for p in parts_of(design) if p["id"] == part_id)
    text = (DESIGN / part["file"]).read_text(encoding="utf-8")
    size = re.search(
        r'width="([0-9.]+)mm" height="([0-9.]+)mm" viewBox="\S+ \S+ ([0-9.]+) ([0-9.]+)"', text
    )
    assert size and size.group(1) == size.group(3)  # one drawing unit is one millimetre
    area, length = shoelace(" ".join(re.findall(r'd="([^"]*)"', text)))
    materials = {m: data_of(catalog.materials[m]) for m in part["materials"]}
    process = data_of(catalog.processes[part["process"]])
    result = analyse_drawing(
        read_outline(DESIGN / part["file"]),
        process,
        materials,
        PartOptions(sheet_thickness_mm=part["sheet_thickness_mm"]),
    )
    assert result.flat is not None
    assert result.flat.area_mm2 == pytest.approx(area, rel=1e-3)
    assert result.flat.perimeter_mm == pytest.approx(length, rel=1e-3)
    (use,) = result.materials
    density = data_of(catalog.materials[part["materials"][0]])["properties"]["density"]
    middle = density.get("value") or (density["min"] + density["max"]) / 2
    assert use.piece is not None
    assert use.piece.mass_g == pytest.approx(
        area * part["sheet_thickness_mm"] / 1000 * middle, rel=1e-3
    )
    assert result.verdict == "ready"
