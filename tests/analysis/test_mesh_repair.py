"""Corners merged within a tolerance (admesh's nearby check) where edges are still open
after the 8-decimal merge, and only there; what the result says about it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from generator.analysis.mesh import MERGE_TOLERANCE, index
from generator.analysis.printability import analyse
from generator.records.stl import read_triangles
from tests.analysis import shapes
from tests.analysis.test_analysis import FDM, PLA, run

ROOT = Path(__file__).resolve().parents[2]


def jittered(triangles: np.ndarray, share: float, seed: int = 1) -> np.ndarray:
    """Every corner of every triangle moved on its own by up to `share` of the part's
    size, as when each face was written by a different tool."""
    size = float(np.ptp(triangles.reshape(-1, 3), axis=0).max())
    noise = np.random.default_rng(seed).uniform(-1, 1, triangles.shape) * share * size
    return triangles + noise


def test_corners_apart_by_float_noise_are_merged_and_the_part_is_closed() -> None:
    triangles = jittered(shapes.hook().triangles, MERGE_TOLERANCE / 10)
    mesh = index(triangles)
    assert mesh.exact_open_edges > 100  # no two copies of a corner are alike any more
    assert mesh.edge_counts() == (0, 0) and mesh.winding_consistent()
    size = float(np.ptp(triangles.reshape(-1, 3), axis=0).max())
    assert mesh.merge_mm == pytest.approx(MERGE_TOLERANCE * size)
    reference = index(shapes.hook().triangles)
    assert len(mesh.vertices) == len(reference.vertices)
    assert mesh.signed_volume == pytest.approx(reference.signed_volume, rel=1e-4)


def test_the_result_states_the_tolerance_and_the_exact_match_count() -> None:
    mesh = shapes.box()
    size = 40.0  # the box's largest side
    result = run(mesh)
    assert result.mesh.merge_tolerance_mm == pytest.approx(MERGE_TOLERANCE * size)
    assert result.mesh.open_edges_exact_match == 0
    noisy_result = analyse(
        jittered(shapes.box().triangles, MERGE_TOLERANCE / 10), FDM, {"pla": PLA}
    )
    assert noisy_result.mesh.watertight and noisy_result.mesh.open_edges == 0
    assert noisy_result.mesh.open_edges_exact_match > 0
    assert noisy_result.verdict == "ready", noisy_result.reasons


def test_corners_farther_apart_than_the_tolerance_stay_open() -> None:
    triangles = jittered(shapes.box().triangles, MERGE_TOLERANCE * 10)
    mesh = index(triangles)
    assert mesh.edge_counts()[0] == mesh.exact_open_edges > 0


def test_fine_real_features_away_from_open_edges_are_not_merged() -> None:
    """The knob has corners a few micrometres apart on a closed surface: merging them would
    collapse faces and make edges non-manifold."""
    triangles = read_triangles(ROOT / "designs" / "replacement-knob" / "parts" / "knob.stl")
    exact = index(triangles, 0.0)
    assert len(index(triangles).vertices) == len(exact.vertices)
    assert index(triangles).edge_counts() == exact.edge_counts() == (0, 0)


def test_a_real_export_with_float_noise_is_closed_by_the_merge() -> None:
    """freecad-ear-saver's stretched part has 8 open edges when only alike corners merge;
    its corners there lie 2 micrometres apart, and the faces between them collapse."""
    path = ROOT / "designs" / "freecad-ear-saver" / "parts" / "ear-saver-streched.stl"
    mesh = index(read_triangles(path))
    assert mesh.exact_open_edges == 8
    assert mesh.edge_counts() == (0, 0) and mesh.winding_consistent()
