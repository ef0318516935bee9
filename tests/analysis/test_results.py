"""The typed results and their JSON form: the keys, their order and the keys left out are
those the cache files, `makelocal analyse --format json` and api/designs.json have always
had; anything else is refused when read back."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import pytest

from generator.analysis.codec import (
    FLATTENED,
    OMITTED_WHEN_NONE,
    DecodeError,
    decode_as,
    from_json,
    to_json,
)
from generator.analysis.printability import analyse
from generator.analysis.results import (
    ANALYSER_VERSION,
    UNPUBLISHED,
    AnalysedFile,
    Analysis,
    BetterOrientation,
    OrientationNotSearched,
    PartAnalysis,
    PartFailure,
    PartWithoutMesh,
    ThinWalls,
    WallsNotChecked,
    part_result_from_json,
    published,
)
from generator.analysis.said import written
from tests.analysis import shapes
from tests.analysis.test_analysis import FDM, NO_DENSITY, PLA

# The keys of an analysed FDM part, in the order the cache has always held them.
PART_KEYS = [
    "file", "design", "part", "quantity", "sha256", "analyser_version", "process", "faces",
    "vertices", "bodies", "watertight", "winding_consistent", "inverted", "degenerate_faces",
    "open_edges", "non_manifold_edges", "manifold_test", "merge_tolerance_mm",
    "open_edges_exact_match", "size_mm", "volume_cm3",
    "surface_area_cm2", "centre_of_mass_mm", "overlapping_shells", "grid_mm", "orientation",
    "max_overhang_deg", "overhang_area_mm2", "support_volume_cm3", "support_needed",
    "support_contact_mm2", "support_print_time_min", "support_method", "better_orientation",
    "bridges", "min_wall_mm", "thin_walls", "machines", "materials", "profile", "verdict",
    "reasons", "preview_png", "seconds",
]  # fmt: skip
FDM_ROW_KEYS = [
    "material", "density_g_cm3", "price_usd_kg", "volume_cm3", "filament_m", "print_time_min",
    "filament_g", "mass_g", "cost_usd",
]  # fmt: skip
ANALYSED = AnalysedFile(
    file="designs/d/parts/box.stl",
    design="d",
    part="box",
    quantity=2,
    sha256="0" * 64,
    analyser_version=ANALYSER_VERSION,
)


def part(analysis: Analysis, **changes: Any) -> PartAnalysis:
    return replace(
        PartAnalysis(analysed=ANALYSED, analysis=analysis, preview_png="/c/p.png", seconds=0.5),
        **changes,
    )


@pytest.fixture(scope="module")
def box() -> Analysis:
    return analyse(shapes.box().triangles.copy(), FDM, {"pla": PLA})


def test_an_analysed_part_has_todays_keys_in_todays_order(box: Analysis) -> None:
    document = to_json(part(box))
    assert list(document) == PART_KEYS
    assert list(document["materials"][0]) == FDM_ROW_KEYS
    assert list(document["profile"]) == [
        "model", "name", "settings", "changes", "assumptions", "extruded_cm3", "breakdown_cm3",
        "time_breakdown_min",
    ]  # fmt: skip
    assert list(document["machines"][0]) == [
        "id", "name", "build_volume_mm", "fits", "placement", "fits_turned",
    ]  # fmt: skip
    assert list(document["bridges"]) == ["count", "longest_mm", "max_bridge_mm", "too_long"]
    assert list(document["thin_walls"]) == [
        "checked", "samples", "thin_share", "thinnest_mm", "method",
    ]  # fmt: skip
    assert document["reasons"] == [] and document["verdict"] == "ready"
    assert isinstance(document["size_mm"], list)  # tuples are written as JSON arrays


def test_reading_back_gives_the_same_result_and_the_same_bytes(box: Analysis) -> None:
    for result in (part(box), part(box, preview_png=None), part(box, seconds=3)):
        text = json.dumps(to_json(result))
        again = part_result_from_json(json.loads(text))
        assert again == result
        assert json.dumps(to_json(again)) == text


def test_keys_only_some_parts_have_are_left_out(box: Analysis) -> None:
    no_overhang_rule = FDM | {"design_rules": {}}
    checks = analyse(shapes.box().triangles.copy(), no_overhang_rule, {"m": NO_DENSITY})
    document = to_json(checks)
    assert document["overhang_area_mm2"] is None and document["max_overhang_deg"] is None
    for key in ("support_volume_cm3", "better_orientation", "bridges"):
        assert key not in document
    assert document["thin_walls"] is None and document["min_wall_mm"] is None
    (row,) = document["materials"]
    # No density: a note, placed after the price; the FDM figures stay, without mass.
    assert list(row)[:4] == ["material", "density_g_cm3", "price_usd_kg", "note"]
    assert row["mass_g"] is None and "cost_usd" not in row
    assert "preview_png" not in to_json(part(box, preview_png=None))


def test_solid_and_sheet_processes_have_their_own_rows() -> None:
    box = shapes.box().triangles.copy()
    solid = {"id": "moulding", "analysis": "solid", "design_rules": {}}
    (row,) = to_json(analyse(box, solid, {"pla": PLA}))["materials"]
    assert list(row) == [
        "material", "density_g_cm3", "price_usd_kg", "volume_cm3", "mass_g", "cost_usd",
    ]  # fmt: skip
    sheet = {"id": "forming", "analysis": "sheet", "design_rules": {}}
    document = to_json(analyse(box, sheet, {"pla": PLA}))
    assert document["materials"] == [
        {"material": "pla", "density_g_cm3": 1.24, "price_usd_kg": 25.0}
    ]
    assert document["profile"] == {
        "model": "sheet",
        "name": "no estimate from the mesh for this process",
    }
    (read,) = from_json(Analysis, document).materials
    assert read.filament is None and read.shot is None and read.mass_g is None


def test_tagged_sections_are_told_apart_by_their_tag() -> None:
    walls = ThinWalls | WallsNotChecked | None
    assert decode_as(walls, {"checked": False, "reason": "coarse"}) == WallsNotChecked(
        reason="coarse"
    )
    checked = {"checked": True, "samples": 9, "thin_share": 0.5, "thinnest_mm": None, "method": ""}
    assert isinstance(decode_as(walls, checked), ThinWalls)
    assert decode_as(walls, None) is None
    search = BetterOrientation | OrientationNotSearched
    skipped = decode_as(search, {"searched": False, "reason": "time budget used up"})
    assert skipped == OrientationNotSearched(reason="time budget used up")
    found = {
        "searched": True,
        "poses_tried": 7,
        "method": "m",
        "bed_face_normal": [0.0, 1.0, 0.0],
        "overhang_area_mm2": 1.5,
        "support_saving_pct": 80.0,
    }
    turned = decode_as(search, found)
    assert isinstance(turned, BetterOrientation) and turned.better is not None
    assert turned.better.bed_face_normal == (0.0, 1.0, 0.0)
    assert to_json(turned) == found
    with pytest.raises(DecodeError, match="searched"):
        decode_as(BetterOrientation, found | {"searched": False})


def test_failures_and_parts_without_a_mesh(box: Analysis) -> None:
    failure = PartFailure(analysed=ANALYSED, error="x.stl: not an STL", verdict="unreadable")
    document = to_json(failure)
    assert list(document) == [*PART_KEYS[:6], "error", "verdict"]
    assert part_result_from_json(document) == failure
    skipped = PartWithoutMesh(file="f", design="d", part="p", process="sewing", reason="r")
    assert to_json(skipped) == {
        "file": "f",
        "design": "d",
        "part": "p",
        "process": "sewing",
        "verdict": "no-mesh",
        "reason": "r",
    }
    result = part(box)
    expected = {k: v for k, v in to_json(result).items() if k not in ("preview_png", "seconds")}
    # The profile's assumptions as English sentences, the rest as the JSON holds it.
    assert result.analysis.profile.assumptions
    sentences = [written(a) for a in result.analysis.profile.assumptions]
    expected["profile"] = {**expected["profile"], "assumptions": sentences}
    assert published(result) == expected
    assert set(UNPUBLISHED) <= set(PART_KEYS)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"faces": "12"}, "int expected"),
        ({"faces": True}, "int expected"),  # JSON's true is no count
        ({"watertight": 1}, "bool expected"),
        ({"verdict": "fine"}, "not one of"),
        ({"size_mm": [1.0, 2.0]}, "2 items where 3"),
        ({"materials": {}}, "a list is expected"),
        ({"colour": "red"}, "unknown key 'colour'"),
        ({"quantity": None}, "int expected"),
    ],
)
def test_anything_else_is_refused(box: Analysis, change: dict[str, Any], problem: str) -> None:
    document = to_json(part(box)) | change
    with pytest.raises(DecodeError, match=problem):
        from_json(PartAnalysis, document)
    with pytest.raises(DecodeError):
        part_result_from_json(document)


def test_a_missing_key_is_refused(box: Analysis) -> None:
    document = to_json(part(box))
    del document["manifold_test"]
    with pytest.raises(DecodeError, match="manifold_test"):
        from_json(PartAnalysis, document)


@dataclass(frozen=True)
class _Inner:
    a: int
    b: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)


@dataclass(frozen=True)
class _Outer:
    kind: Literal["outer"]
    inner: _Inner | None = field(default=None, metadata=FLATTENED)
    scores: dict[str, float] = field(default_factory=dict)


def test_the_codec_on_its_own() -> None:
    value = _Outer(kind="outer", inner=_Inner(a=1), scores={"x": 2})
    assert to_json(value) == {"kind": "outer", "a": 1, "scores": {"x": 2}}
    assert from_json(_Outer, {"kind": "outer", "a": 1, "scores": {"x": 2}}) == value
    assert from_json(_Outer, {"kind": "outer", "scores": {}}) == _Outer(kind="outer")
    # A section with some of its keys is there, and wrong: said so, not taken for absent.
    with pytest.raises(DecodeError, match="inner: no 'a'"):
        from_json(_Outer, {"kind": "outer", "b": "no a", "scores": {}})
    with pytest.raises(DecodeError, match="float expected"):
        from_json(_Outer, {"kind": "outer", "scores": {"x": "2"}})
    with pytest.raises(DecodeError, match="no 'scores'"):  # written always, so never missing
        from_json(_Outer, {"kind": "outer", "a": 1})


@dataclass(frozen=True)
class _Formed:
    depth: float
    thickness: float | None


@dataclass(frozen=True)
class _Cut:
    pieces: int
    thickness: float | None


@dataclass(frozen=True)
class _Either:
    formed: _Formed | None = field(default=None, metadata=FLATTENED)
    cut: _Cut | None = field(default=None, metadata=FLATTENED)


def test_a_key_two_sections_share_does_not_say_which_is_there() -> None:
    """A flat part's `sheet_thickness_mm` is a formed part's key too: its flat result was
    once refused as a formed one with keys missing, so never read back from the cache."""
    cut = _Either(cut=_Cut(pieces=2, thickness=3.0))
    assert from_json(_Either, to_json(cut)) == cut
    formed = _Either(formed=_Formed(depth=1.0, thickness=None))
    assert from_json(_Either, to_json(formed)) == formed
    with pytest.raises(DecodeError, match="formed: no 'thickness'"):
        from_json(_Either, {"depth": 1.0})
