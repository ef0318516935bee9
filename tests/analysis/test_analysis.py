"""The analysis core on parts with known answers."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import trimesh

from generator.analysis.fit import placement
from generator.analysis.printability import analyse
from generator.analysis.results import Analysis, ThinWalls
from generator.records.stl import parse_stl
from tests.analysis import shapes

FDM: dict[str, Any] = {
    "id": "fdm-printing",
    "analysis": "fdm",
    "design_rules": {
        "min_wall": {"value": 0.8, "unit": "mm", "source": "s"},
        "max_overhang": {"value": 45, "unit": "deg", "source": "s"},
        "max_bridge": {"value": 10, "unit": "mm", "source": "s"},
    },
    "machines": [
        {"id": "big", "name": "Big", "build_volume_mm": [250, 210, 210], "source": "s"},
        {"id": "small", "name": "Small", "build_volume_mm": [180, 180, 180], "source": "s"},
    ],
}
PLA = {
    "properties": {
        "density": {"value": 1.24, "unit": "g/cm3", "source": "s"},
        "price": {"min": 20, "max": 30, "unit": "USD/kg", "source": "s"},
    }
}
NO_DENSITY = {"properties": {}}


def run(
    mesh: trimesh.Trimesh, process: dict[str, Any] = FDM, materials: dict[str, Any] | None = None
) -> Analysis:
    return analyse(mesh.triangles.copy(), process, materials or {"pla": PLA})


def test_box_is_ready_with_exact_geometry() -> None:
    result = run(shapes.box())
    mesh, geometry = result.mesh, result.geometry
    assert mesh.faces == 12 and mesh.bodies == 1
    assert mesh.watertight and mesh.winding_consistent and not mesh.inverted
    assert geometry.volume_cm3 == pytest.approx(24.0)
    assert geometry.size_mm == pytest.approx([40, 30, 20])
    assert geometry.centre_of_mass_mm == pytest.approx([30, 25, 10])
    assert result.printability.overhang_area_mm2 == 0
    assert result.verdict == "ready", result.reasons
    row = result.materials[0]
    assert row.filament is not None and row.mass_g is not None
    # PrusaSlicer 2.5 gives 9.07 g for this box with the reference profile.
    assert row.filament.filament_g == pytest.approx(9.07, rel=0.1)
    assert row.filament.filament_m == pytest.approx(
        row.filament.volume_cm3 * 1000 / (np.pi * 0.875**2) / 1000, rel=1e-3
    )
    assert row.cost_usd == pytest.approx(row.mass_g / 1000 * 25, abs=0.001)
    assert result.profile.settings is not None and result.profile.settings["perimeters"] == 2


def test_open_mesh_has_no_volume_and_needs_attention() -> None:
    mesh = shapes.box()
    mesh.update_faces(np.arange(11))
    result = run(mesh)
    assert not result.mesh.watertight and result.mesh.open_edges == 3
    assert result.geometry.volume_cm3 is None and result.geometry.centre_of_mass_mm is None
    assert result.verdict == "needs-attention"
    assert any("not closed" in r.message for r in result.reasons)


@pytest.mark.parametrize("make", [shapes.box, shapes.hook], ids=["box", "hook"])
def test_inside_out_mesh_is_turned_and_analysed_like_the_upright_one(make: Any) -> None:
    upright = run(make())
    inverted = make()
    inverted.invert()
    result = run(inverted)
    assert result.mesh.inverted and not upright.mesh.inverted
    assert result.geometry == upright.geometry
    assert result.printability == upright.printability
    assert result.materials == upright.materials
    (turned,) = (r for r in result.reasons if "inside out" in r.message)
    assert "turned the right way out" in turned.message
    assert [r for r in result.reasons if r != turned] == list(upright.reasons)
    assert result.verdict == "needs-attention"


def test_overlapping_bodies_are_found_by_the_winding_test() -> None:
    assert run(shapes.enclosure()).overlapping_shells
    assert not run(shapes.box()).overlapping_shells


def test_hook_overhangs_and_a_better_resting_face() -> None:
    result = run(shapes.hook())
    checks = result.printability
    assert checks.overhang_area_mm2 is not None and checks.overhang_area_mm2 > 100
    assert checks.support_volume_cm3 is not None and checks.support_volume_cm3 > 0.5
    assert result.verdict == "needs-attention"
    better = checks.resting_face
    assert better is not None and better.support_saving_pct > 50
    assert abs(better.bed_face_normal[1]) == pytest.approx(1)  # lying on its flat side


def octagonal_rod(z_scale: float) -> np.ndarray:
    """An octagonal rod lying on a flat side, its lower chamfers at 45 deg from vertical
    (steeper when squashed in z), as an STL holds it: float32 corners."""
    rod = trimesh.creation.cylinder(radius=4, height=60, sections=8)
    rod.apply_transform(trimesh.transformations.rotation_matrix(np.pi / 2, [0, 1, 0]))
    rod.apply_transform(trimesh.transformations.rotation_matrix(np.pi / 8, [1, 0, 0]))
    rod.apply_scale([1, 1, z_scale])
    rod.apply_translation(-rod.bounds[0])
    return parse_stl(rod.export(file_type="stl"))


def test_faces_at_exactly_the_overhang_rule_need_no_support() -> None:
    triangles = octagonal_rod(1.0)
    normals = np.cross(triangles[:, 1] - triangles[:, 0], triangles[:, 2] - triangles[:, 0])
    steepness = np.degrees(np.arcsin(-normals[:, 2] / np.linalg.norm(normals, axis=1)))
    chamfers = (steepness > 40) & (steepness < 50)
    assert chamfers.sum() == 4 and steepness[chamfers].max() > 45  # a hair over, as exported
    result = analyse(triangles, FDM, {"pla": PLA})
    assert result.printability.overhang_area_mm2 == 0
    assert result.verdict == "ready", result.reasons


def test_faces_clearly_steeper_than_the_rule_still_need_support() -> None:
    result = analyse(octagonal_rod(0.8), FDM, {"pla": PLA})  # chamfers at about 51 deg
    area = result.printability.overhang_area_mm2
    assert area is not None and area > 100
    assert result.verdict == "needs-attention"
    assert any("overhangs more than 45 deg" in r.message for r in result.reasons)


def test_long_flat_ceiling_is_a_bridge_too_long() -> None:
    table = trimesh.util.concatenate(
        [
            trimesh.creation.box((5, 30, 20)).apply_translation((2.5, 15, 10)),
            trimesh.creation.box((5, 30, 20)).apply_translation((42.5, 15, 10)),
            trimesh.creation.box((45, 30, 3)).apply_translation((22.5, 15, 21.5)),
        ]
    )
    bridges = run(table).printability.bridges
    # The flat region's width; where the legs stand under it is not taken into account.
    assert bridges is not None
    assert bridges.too_long == 1 and bridges.longest_mm == pytest.approx(30, abs=0.5)


def test_thin_walls_are_found() -> None:
    result = run(trimesh.creation.box((40, 30, 0.4)).apply_translation((20, 15, 0.2)))
    walls = result.printability.thin_walls
    assert isinstance(walls, ThinWalls) and walls.thin_share > 0.9
    assert any("thinner than 0.8 mm" in r.message for r in result.reasons)


def test_machine_fit_and_too_large() -> None:
    big = run(trimesh.creation.box((200, 100, 20)).apply_translation((100, 50, 10)))
    fits = {m.id: (m.fits, m.fits_turned) for m in big.printability.machines}
    assert fits == {"big": (True, True), "small": (False, False)}
    huge = run(trimesh.creation.box((300, 300, 10)).apply_translation((150, 150, 5)))
    assert huge.verdict == "not-printable"


@pytest.mark.parametrize(
    ("size", "words"),
    [
        (0.05, "0.05 mm across: drawn in metres? STL has no units: scaled by 1000 it would be 50"),
        (1.09, "1.09 mm across: drawn in cm or inches? STL has no units: scaled by 10 it would "
         "be 10.9 mm across; scaled by 25.4 it would be 27.7 mm across"),
        (50_000, "50,000 mm across: drawn in micrometres? STL has no units: scaled by 0.001 it "
         "would be 50 mm across"),
    ],
)  # fmt: skip
def test_units_that_look_wrong_get_the_likely_unit_and_scale(size: float, words: str) -> None:
    part = trimesh.creation.box((size, size * 0.8, size * 0.6))
    result = run(part.apply_translation(-part.bounds[0]))
    (units,) = (r for r in result.reasons if "STL has no units" in r.message)
    assert words in units.message and units.level == "attention"


def test_a_part_of_usual_size_gets_no_units_reason() -> None:
    assert not any("units" in r.message for r in run(shapes.box()).reasons)


def test_material_without_density_says_so() -> None:
    (row,) = run(shapes.box(), materials={"mystery": NO_DENSITY}).materials
    assert row.filament is not None and row.filament.filament_g is None
    assert row.note is not None and "no density" in row.note
    assert row.filament.filament_m > 0


def test_solid_process_gives_shot_mass() -> None:
    moulding = {"id": "hand-injection-moulding", "analysis": "solid", "design_rules": {}}
    result = run(shapes.box(), process=moulding)
    assert result.materials[0].mass_g == pytest.approx(24.0 * 1.24)
    assert result.profile.model == "solid"


def test_process_parameters_change_the_profile() -> None:
    process = FDM | {"parameters": {"fill_density": {"value": 40, "unit": "%", "source": "s"}}}
    dense = run(shapes.box(), process=process)
    assert dense.profile.settings is not None
    assert dense.profile.settings["infill_density"] == pytest.approx(0.4)
    assert (dense.materials[0].mass_g or 0) > (run(shapes.box()).materials[0].mass_g or 0) > 0


def test_machine_fit_is_the_rule_matching_uses() -> None:
    """A 200 x 20 mm band fits the 180 mm bed only diagonally (worked out in
    tests/makeit/test_matching.py): the analysis says so in the same words."""
    band = run(trimesh.creation.box((200, 20, 5)).apply_translation((100, 10, 2.5)))
    small = next(m for m in band.printability.machines if m.id == "small")
    assert small.fits is True
    assert small.placement == placement((200, 20, 5), (180, 180, 180))
    assert small.placement == "turned 32°, diagonally"
