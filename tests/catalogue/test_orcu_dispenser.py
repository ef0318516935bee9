"""The orcuDispenser's cutting sheet is the authors' drawing, at the size their model gives.

The authors publish one SVG with the six panels, drawn by FreeCAD for 4.7 mm sheet, and
the FreeCAD model whose spreadsheet holds every size. These tests hold the files to the
upstream commit (byte for byte), the panels to the spreadsheet's values (read from the
model itself, not copied here), and the flat analysis to an independent reading of the
SVG's lines, arcs and circles."""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from shapely.affinity import translate
from shapely.geometry import Polygon, box

from generator.analysis.options import PartOptions
from generator.analysis.part import analyse_drawing
from generator.records.catalog import load_catalog
from generator.records.facts import data_of, parts_of
from generator.records.outline import read_outline

ROOT = Path(__file__).resolve().parents[2]
DESIGN = ROOT / "designs" / "orcu-dispenser"
# Laser_cutting/orcuDispenser_Lasercutting_thickness_4,7_mm_v_1_0.svg upstream
SHEET_FILE = "parts/orcuDispenser_Lasercutting_thickness_4-7_mm_v_1_0.svg"
SHEET = DESIGN / SHEET_FILE
MODEL = DESIGN / "src" / "orcuDispenser_v_1_0.fcstd"
# Git blob ids of the authors' files at the commit the record names (`git ls-tree -r
# 09fa6de` in orcular-org/orcuDispenser), by their names here: upstream the sheet's name
# has a comma, a picture's a plus sign, and the model's extension is FCStd.
UPSTREAM = {
    SHEET_FILE: "146c71deca6dfb7274b757b9a65e8e79017bc183",
    "parts/Adapter_for_pump.stl": "ca1ff5405c24470f1256823039a7717622a3bc5f",
    "parts/Angle_bracket_bottom.stl": "0f74d499a4e6a52c6569f228bd487cd524521153",
    "parts/Angle_bracket_top.stl": "7c1281f2ad497d07bb508b34e7a135ad8e731888",
    "parts/Drilling_template.stl": "37b26a48a919c07d3950c787a0c9f322a69922c5",
    "parts/Wrench.stl": "2401c525478f6e5851a182fcb560096897d13012",
    "src/orcuDispenser_v_1_0.fcstd": "0b1a2326247c4b40a43e069901ec07c197c539e1",
    "images/dispenser_collection_3-min.png": "9bcda4a06c02c0cb86bd6a4a2a5ac7c0a3669a88",
    "images/dispenser_white-blue_1-min.png": "f0a42943e6a09bc527c87db4d758244fed7dfb13",
    "images/1_Lasercut_vector_graphics_plain_text.png": "deb236f0625eaff73f86170631c945eca5902629",
    "images/2_Layout_text.png": "78e74ec65a0f9924a1f1d558d09fcbb6cd0f250c",
    "images/0_Making_sheets.jpg": "d86d36bd2acf6aa70b6a51e0c006b9524f655ccc",
    "images/8_Sheet.jpg": "d5c2e1aff37de3e05e3e05c001ea73285ff5526e",
    "LICENSE": "3b7b82d0da2db857eda1a798dbd908ea136f07b5",
    "LICENSE_CERN_OHL_W_V2": "7c981754e29e51563b50b0553bb819415aa2c2c8",
}  # fmt: skip
# FreeCAD writes coordinates with two decimals at most: sizes agree to a hundredth.
SAME_MM = 0.01
SAME_MM2 = 0.5


@pytest.mark.parametrize("name", sorted(UPSTREAM))
def test_each_file_is_the_authors(name: str) -> None:
    data = (DESIGN / name).read_bytes()
    assert hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == UPSTREAM[name]


def parameters() -> dict[str, float]:
    """The lengths (mm) named in the spreadsheet of the authors' FreeCAD model."""
    with zipfile.ZipFile(MODEL) as model:
        document = ElementTree.fromstring(model.read("Document.xml"))
    found = {}
    for cell in document.iter("Cell"):
        value = re.fullmatch(r"=\s*([0-9.]+)\s*mm", cell.get("content", ""))
        if cell.get("alias") and value:
            found[cell.get("alias", "")] = float(value.group(1))
    return found


def panels() -> dict[str, list[Polygon]]:
    """The six panels, each moved to start at 0, 0 and grouped by what they are."""
    pieces = [translate(p, -p.bounds[0], -p.bounds[1]) for p in read_outline(SHEET).upright()]
    walls = [p for p in pieces if len(p.interiors) == 6]
    by_area: dict[float, list[Polygon]] = {}
    for wall in walls:
        by_area.setdefault(round(wall.area), []).append(wall)
    (bottom,) = [p for p in pieces if not p.interiors]
    (lid,) = [p for p in pieces if len(p.interiors) == 5]
    front, sides = sorted(by_area.values(), key=lambda group: -group[0].area)
    return {"front and back": front, "sides": sides, "bottom": [bottom], "lid": [lid]}


def size(piece: Polygon) -> tuple[float, float]:
    low_x, low_y, high_x, high_y = piece.bounds
    return high_x - low_x, high_y - low_y


def test_the_model_gives_the_sheet_it_was_drawn_for() -> None:
    sizes = parameters()
    assert sizes["PlateThickness"] == 4.7  # the thickness in the file's name
    for key in ("Height", "Length", "Width", "Tenon", "LegHeight", "TenonHeight", "LCdistance"):
        assert key in sizes


def test_front_and_back_and_the_two_sides_are_alike() -> None:
    found = panels()
    assert [len(found[k]) for k in ("front and back", "sides", "bottom", "lid")] == [2, 2, 1, 1]
    for one, other in (found["front and back"], found["sides"]):
        assert one.symmetric_difference(other).area < SAME_MM2


def test_the_panels_are_the_size_the_model_gives() -> None:
    sizes, found = parameters(), panels()
    thickness = sizes["PlateThickness"]
    wall_height = sizes["Height"] + sizes["LegHeight"] + sizes["TenonHeight"]
    for wall in found["front and back"] + found["sides"]:
        assert size(wall) == pytest.approx((sizes["Width"], wall_height), abs=SAME_MM)
        slots = [h for h in wall.interiors if Polygon(h).area > 20]
        # The bottom's tabs go through two slots, a tab long and a sheet thick, that sit
        # a leg and a tenon above the foot.
        assert len(slots) == 2
        for slot in slots:
            low_x, low_y, high_x, _ = slot.bounds
            assert size(Polygon(slot)) == pytest.approx((sizes["Tenon"], thickness), abs=SAME_MM)
            assert low_y == pytest.approx(sizes["LegHeight"] + sizes["TenonHeight"], abs=SAME_MM)
            from_side = min(low_x, sizes["Width"] - high_x)
            assert from_side == pytest.approx(sizes["TenonDistance"] + thickness, abs=SAME_MM)
    (bottom,) = found["bottom"]
    length, width = sizes["Length"], sizes["Width"]
    assert size(bottom) == pytest.approx((length, width), abs=SAME_MM)
    # A square a sheet's thickness in from each side, with tabs a tenon long and a sheet
    # thick sticking out, two a side.
    inner = box(thickness, thickness, length - thickness, width - thickness)
    assert bottom.intersection(inner).area == pytest.approx(inner.area, abs=SAME_MM2)
    # (grown by a thousandth, so that rounding leaves no slivers joining the tabs)
    tabs = bottom.difference(inner.buffer(1e-3, join_style="mitre")).geoms
    assert len(tabs) == 8
    for tab in tabs:
        assert sorted(size(tab)) == pytest.approx([thickness, sizes["Tenon"]], abs=SAME_MM)


def test_the_walls_lie_the_models_gap_apart() -> None:
    # The four walls stand in a row, LCdistance apart; the lid and the bottom sit beside
    # them in a column of their own.
    walls = sorted(
        (p for p in read_outline(SHEET).pieces if len(p.interiors) == 6), key=lambda p: p.bounds
    )
    gaps = [one.distance(other) for one, other in itertools.pairwise(walls)]
    assert gaps == pytest.approx([parameters()["LCdistance"]] * 3, abs=SAME_MM)


def drawn_length(text: str) -> float:
    """Length of every line, arc and circle the SVG draws, read from its markup: FreeCAD
    writes `M x y L x y` and `M x y A r r 0 0 s x y` paths (arcs under half a turn) and
    circles. The drawing's unit is the millimetre (width="..mm" equals the viewBox)."""
    total = 0.0
    for d in re.findall(r' d="([^"]*)"', text):
        numbers = [float(n) for n in re.findall(r"-?[0-9.]+", d)]
        if "A" in d:
            (x0, y0, r, _, _, _, _, x1, y1) = numbers
            total += 2 * r * math.asin(math.dist((x0, y0), (x1, y1)) / (2 * r))
        else:
            (x0, y0, x1, y1) = numbers
            total += math.dist((x0, y0), (x1, y1))
    return total + sum(
        2 * math.pi * float(r) for r in re.findall(r'<circle[^>]* r="([0-9.]+)"', text)
    )


def test_the_analysis_measures_what_the_drawing_says() -> None:
    catalog = load_catalog(ROOT)
    design = data_of(catalog.designs["orcu-dispenser"])
    (part,) = [p for p in parts_of(design) if p["id"] == "panels"]
    text = SHEET.read_text(encoding="utf-8")
    canvas = re.search(r'width="([0-9.]+)mm" height="([0-9.]+)mm" viewBox="0 0 (\S+) (\S+)"', text)
    assert canvas and canvas.group(1) == canvas.group(3) and canvas.group(2) == canvas.group(4)
    materials = {m: data_of(catalog.materials[m]) for m in part["materials"]}
    result = analyse_drawing(
        read_outline(SHEET),
        data_of(catalog.processes[part["process"]]),
        materials,
        PartOptions(sheet_thickness_mm=part["sheet_thickness_mm"]),
    )
    assert result.flat is not None and result.flat.pieces == 6
    assert result.flat.open_lines == 0
    assert result.flat.perimeter_mm == pytest.approx(drawn_length(text), rel=1e-3)
    (use,) = result.materials
    density = materials["recycled-pp"]["properties"]["density"]
    assert use.piece is not None
    assert use.piece.mass_g == pytest.approx(
        result.flat.area_mm2 * 4.7 / 1000 * (density["min"] + density["max"]) / 2, rel=1e-3
    )
    assert result.verdict == "ready"
