"""Moulded parts and vacuum-forming bucks: shapes whose draft, undercut, walls, shot and
pockets are known, checked within stated tolerances, with the words the reasons use."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import trimesh

from generator.analysis import release
from generator.analysis.mesh import index
from generator.analysis.options import PartOptions
from generator.analysis.part import WrongKind, analyse_mesh
from generator.analysis.process_results import Forming, Moulding
from generator.analysis.results import Analysis
from tests.analysis.shapes import block_with_cross_hole, buck_with_lip, mould_cup, one_sided_strap


def quantity(low: float, high: float | None = None, unit: str = "mm") -> dict[str, Any]:
    ends = {"value": low} if high is None else {"min": low, "max": high}
    return {**ends, "unit": unit, "source": "fixture"}


MOULDING = {
    "id": "test-moulding",
    "name": "Test moulding",
    "analysis": "mould",
    "design_rules": {
        "draft_angle": quantity(2, 5, "deg"),
        "min_wall": quantity(2.5),
        "max_wall": quantity(4.5, 5),
    },
    "machines": [
        {
            "id": "lever-press",
            "name": "Lever press",
            "build_volume_mm": [380, 380, 170],
            "shot_volume": quantity(150, unit="cm3"),
        }
    ],
}
FORMING = {
    "id": "test-forming",
    "name": "Test forming",
    "analysis": "forming",
    "design_rules": {
        "draft_angle": quantity(3, 5, "deg"),
        "draft_angle_female": quantity(1.5, 2, "deg"),
        "max_depth_ratio": quantity(75, unit="%"),
    },
    "machines": [
        {"id": "former", "name": "Former", "work_area_mm": [280, 200], "sheet_size_mm": [330, 250]}
    ],
}
PLASTIC = {
    "properties": {"density": quantity(0.95, unit="g/cm3"), "shrinkage": quantity(2, 3, "%")}
}


def mould(shape: trimesh.Trimesh, process: dict[str, Any] = MOULDING, **options: Any) -> Analysis:
    return analyse_mesh(
        np.asarray(shape.triangles), process, {"plastic": PLASTIC}, PartOptions(**options)
    )


def moulding(analysis: Analysis) -> Moulding:
    assert analysis.moulding is not None
    return analysis.moulding


def words(analysis: Analysis) -> str:
    return " | ".join(f"{r.level}: {r.message}" for r in analysis.reasons)


def test_a_straight_walled_cup_has_no_draft_on_its_side_walls() -> None:
    result = mould(mould_cup())
    found = moulding(result)
    sides = 2 * math.pi * (20 * 30 + 17 * 27)  # outside and inside walls
    assert found.low_draft_area_mm2 == pytest.approx(sides, rel=0.01)
    assert found.undercut_area_mm2 < 1
    assert "mm2 of faces have less than 2 deg of draft" in words(result)
    assert "2-5 deg" in words(result)
    assert result.verdict == "needs-attention"


def test_the_same_cup_with_3_degrees_of_draft_passes_the_draft_rule() -> None:
    result = mould(mould_cup(draft=3))
    assert moulding(result).low_draft_area_mm2 < 1
    assert "draft" not in words(result)


def test_walls_and_shot_of_the_cup() -> None:
    found = moulding(mould(mould_cup()))
    voxel = found.release_grid_mm
    assert found.wall_min_mm == pytest.approx(3, abs=voxel)
    # The largest ball sits in the corner of floor and wall: 3 (1 + sqrt 2) / (1 + sqrt 2)...
    corner = 2 * 3 * math.sqrt(2) / (1 + math.sqrt(2))
    assert found.wall_max_mm == pytest.approx(corner, abs=voxel)
    assert found.shot_volume_cm3 == pytest.approx(
        math.pi * (20**2 * 30 - 17**2 * 27) / 1000, rel=0.005
    )


def test_a_thin_walled_cup_is_told_to_thicken() -> None:
    result = mould(mould_cup(wall=1, floor=1))
    found = moulding(result)
    assert found.wall_min_mm == pytest.approx(1, abs=found.release_grid_mm)
    assert found.thin_wall_share is not None and found.thin_wall_share > 0.5
    assert "walls thinner than 2.5 mm" in words(result)


@pytest.mark.parametrize("draft", [3, 5])
def test_a_strap_moulded_in_one_half_has_its_wall_not_thin_edges(draft: float) -> None:
    """Marches from points near the strap's top edges run beside the neighbouring face and
    leave through it after a fraction of a millimetre: they measure no wall."""
    result = mould(one_sided_strap(draft=draft))
    found = moulding(result)
    assert found.wall_min_mm == pytest.approx(3, abs=found.release_grid_mm)
    assert found.thin_wall_share is not None and found.thin_wall_share < 0.005
    assert "thinner" not in words(result) and result.verdict == "ready"


def test_a_hole_across_the_opening_direction_is_an_undercut() -> None:
    result = mould(block_with_cross_hole())
    found = moulding(result)
    assert found.undercut_area_mm2 == pytest.approx(math.pi * 8 * 20, rel=0.03)
    assert "undercut" in words(result) and "side core" in words(result)
    # Opening along the hole's axis frees it.
    assert found.better_direction is not None
    assert found.better_direction.direction == (0.0, 1.0, 0.0)
    assert found.better_direction.undercut_area_mm2 < 10


def test_opening_along_the_holes_axis_leaves_no_undercut() -> None:
    found = moulding(mould(block_with_cross_hole(), opening_direction=(0.0, 1.0, 0.0)))
    assert found.opening_direction == (0.0, 1.0, 0.0)
    assert found.undercut_area_mm2 < 10


def test_a_part_larger_than_the_barrel_cannot_be_made() -> None:
    block = trimesh.creation.box((60, 60, 50))  # 180 cm3 against a 150 cm3 barrel
    result = mould(block)
    assert moulding(result).mould_machines[0].shot_fits is False
    assert result.verdict == "not-printable"
    assert "180 cm3, more than the 150 cm3" in words(result)


def test_shot_mass_cavity_and_the_process_without_rules() -> None:
    bare = {"id": "bare", "name": "Bare moulding", "analysis": "mould", "design_rules": {}}
    result = mould(mould_cup(), bare)
    assert "gives no draft rule" in words(result)
    (row,) = result.materials
    assert row.shot is not None and row.shot.mass_g == pytest.approx(13.184 * 0.95, rel=0.01)
    assert row.shot.shrinkage_pct == 2.5
    assert row.shot.cavity_size_mm == pytest.approx((41.0, 41.0, 30.75), rel=0.001)


def test_the_undercut_agrees_with_trimesh_rays() -> None:
    """The oracle: rays cast with trimesh from each face centre along its way out."""
    shape = block_with_cross_hole()
    found = moulding(mould(shape))
    normals = shape.face_normals
    origins = shape.triangles_center + normals * 1e-3
    way = np.where(normals[:, 2:3] >= 0, [[0, 0, 1.0]], [[0, 0, -1.0]])
    hit = shape.ray.intersects_any(origins, way)
    parallel = np.abs(normals[:, 2]) < 1e-6
    other = shape.ray.intersects_any(origins, -way)
    shadowed = np.where(parallel, hit & other, hit)
    assert found.undercut_area_mm2 == pytest.approx(shape.area_faces[shadowed].sum(), rel=0.03)


def forming(analysis: Analysis) -> Forming:
    assert analysis.forming is not None
    return analysis.forming


def test_a_buck_with_a_lip_hides_the_lip_and_the_stem_from_the_sheet() -> None:
    result = mould(buck_with_lip(), FORMING, sheet_thickness_mm=1.0)
    found = forming(result)
    hidden = math.pi * (25**2 - 20**2) + 2 * math.pi * 20 * 20
    assert found.undercut_area_mm2 == pytest.approx(hidden, rel=0.03)
    assert "undercut" in words(result)


def test_a_deep_female_pocket_is_found_and_judged() -> None:
    result = mould(mould_cup(), FORMING, sheet_thickness_mm=1.0)
    found = forming(result)
    (pocket,) = found.pockets
    voxel = found.forming_grid_mm
    assert pocket.depth_mm == pytest.approx(27, abs=2 * voxel)
    assert pocket.width_mm == pytest.approx(34, abs=2 * voxel)
    assert "deeper than 75 % of its width" in words(result)
    # Its inside, walls and floor, is female, checked against the female rule.
    assert found.female_area_mm2 == pytest.approx(math.pi * (2 * 17 * 27 + 17**2), rel=0.05)


def test_the_sheet_and_the_formed_wall() -> None:
    result = mould(trimesh.creation.box((100, 60, 20)), FORMING, sheet_thickness_mm=1.0)
    found = forming(result)
    assert found.footprint_mm2 == pytest.approx(100 * 60, rel=0.02)
    formed = 100 * 60 + 2 * (100 + 60) * 20
    assert found.formed_area_mm2 == pytest.approx(formed, rel=0.02)
    assert found.average_wall_mm == pytest.approx(1.0 / (formed / 6000), rel=0.03)
    (row,) = result.materials
    assert row.sheet is not None and row.sheet.sheet_area_mm2 == 330 * 250
    assert row.sheet.mass_g == pytest.approx(330 * 250 * 1.0 / 1000 * 0.95, rel=0.001)
    assert "less draft than the rule" in words(result)  # a box's walls are vertical


def test_a_buck_too_large_for_the_former() -> None:
    result = mould(trimesh.creation.box((300, 250, 20)), FORMING)
    assert result.verdict == "not-printable"
    assert "larger than the forming area" in words(result)


def test_a_mesh_for_a_process_that_cuts_outlines_is_refused_in_words() -> None:
    cutting = {"id": "cutting", "name": "Cutting", "analysis": "flat"}
    with pytest.raises(WrongKind, match=r"makes parts from a 2D drawing \(SVG or DXF\)"):
        mould(mould_cup(), cutting)


def test_a_100k_face_part_is_gridded_within_the_voxel_budget() -> None:
    sphere = trimesh.creation.icosphere(subdivisions=7, radius=40)  # 327,680 faces
    grid = release.frame(index(np.asarray(sphere.triangles)), np.array([0, 0, 1.0]))
    # Padding and whole 64-bit words of columns add to the budget, not more than half.
    assert grid.solid.size <= 1.5 * release.GRID_VOXELS
