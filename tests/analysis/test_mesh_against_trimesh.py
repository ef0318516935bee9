"""generator.mesh against trimesh, the well-kept reference its own numpy code replaces.

Every check the analysis reports on mesh health (watertight, winding, bodies, open and
non-manifold edges) and every figure it takes from the mesh (volume, area, centre of
mass) must agree with trimesh's on the test shapes, on every part in designs/, and on
damaged versions of them.

Vertex identity: generator.mesh, like trimesh's loader, merges corners that round alike
to 8 decimals (CAD exports write one corner as 0 and -1e-15, or 3.072e-07 and
3.07193e-07). The generated meshes are given to trimesh with their vertices already
merged that way and `process=False` (trimesh then keeps them as they are), so both sides
see the same vertices; the STL files are compared with trimesh as it loads them.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import trimesh
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from trimesh.grouping import group_rows

from generator.analysis.mesh import MERGE_DECIMALS, Mesh, index
from generator.records.stl import parse_stl, read_triangles
from tests.analysis import shapes

ROOT = Path(__file__).resolve().parents[2]
DESIGN_STLS = sorted(ROOT.glob("designs/*/parts/*.stl"))
# Only the first, 8-decimal merge: the second (corners of open edges within a tolerance,
# tests/analysis/test_mesh_repair.py) is admesh's, which trimesh's loader does not do.
EXACT = 0.0


def reference(vertices: np.ndarray, faces: np.ndarray) -> trimesh.Trimesh:
    """trimesh's mesh of the same triangles, with vertices merged as generator.mesh merges
    them (and only those the faces use: trimesh counts an unused vertex as a body)."""
    corners = np.round(vertices[faces].reshape(-1, 3), 8) + 0.0
    distinct, inverse = np.unique(corners, axis=0, return_inverse=True)
    return trimesh.Trimesh(distinct, inverse.reshape(-1, 3), process=False)


def assert_agree(ours: Mesh, theirs: trimesh.Trimesh) -> None:
    edge_uses = np.bincount(theirs.edges_unique_inverse)
    open_edges, non_manifold = ours.edge_counts()
    assert open_edges == len(group_rows(theirs.edges_sorted, require_count=1))
    assert non_manifold == int((edge_uses > 2).sum())
    assert len(ours.vertices) == len(theirs.vertices)
    watertight = open_edges == 0 and non_manifold == 0
    assert watertight == theirs.is_watertight
    assert ours.winding_consistent() == theirs.is_winding_consistent
    assert ours.bodies() == theirs.body_count
    size = float(np.ptp(theirs.vertices, axis=0).max())
    # generator.mesh measures the corners rounded to MERGE_DECIMALS, trimesh the corners
    # of the file. Moving a triangle's corners by up to e each changes its area by at most
    # e times half its perimeter, and rounding moves a corner by up to half the last
    # decimal along each axis, e = sqrt(3) / 2 * 10**-MERGE_DECIMALS. (A float32 STL drawn
    # far from the origin, such as the orcuDispenser's wrench at x = 190 mm, has digits
    # down there.)
    corners = theirs.triangles
    perimeters = float(np.linalg.norm(corners - np.roll(corners, 1, axis=1), axis=2).sum())
    rounding = 3**0.5 / 2 * 10.0**-MERGE_DECIMALS * perimeters / 2
    assert ours.areas.sum() == pytest.approx(theirs.area, rel=1e-9, abs=1e-9 * size**2 + rounding)
    if watertight and theirs.is_winding_consistent:
        # trimesh's volume and centre of mass are signed and only meaningful here.
        assert ours.signed_volume == pytest.approx(theirs.volume, rel=1e-6)
        np.testing.assert_allclose(
            ours.centre_of_mass, theirs.center_mass, rtol=0, atol=1e-6 * max(size, 1.0)
        )


@cache
def base_meshes() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Every test shape as (vertices, faces)."""
    return {
        name: (np.asarray(make().vertices), np.asarray(make().faces))
        for name, make in shapes.ACCURACY_PARTS.items()
    }


@pytest.mark.parametrize("name", sorted(shapes.ACCURACY_PARTS))
def test_test_shapes_agree(name: str) -> None:
    vertices, faces = base_meshes()[name]
    assert_agree(index(vertices[faces], EXACT), reference(vertices, faces))


@pytest.mark.parametrize("name", sorted(shapes.ACCURACY_PARTS))
def test_test_shapes_as_stl_agree_with_trimesh_loading_them(name: str) -> None:
    vertices, faces = base_meshes()[name]
    data = trimesh.Trimesh(vertices, faces, process=False).export(file_type="stl")
    loaded = trimesh.load(io.BytesIO(data), file_type="stl", force="mesh")
    assert_agree(index(parse_stl(data), EXACT), loaded)


@pytest.mark.parametrize("path", DESIGN_STLS, ids=lambda p: str(p.relative_to(ROOT)))
def test_design_parts_agree_with_trimesh_loading_them(path: Path) -> None:
    assert_agree(index(read_triangles(path), EXACT), trimesh.load(path, force="mesh"))


def test_every_design_part_is_compared() -> None:
    assert len(DESIGN_STLS) >= 10


def damaged(
    vertices: np.ndarray, faces: np.ndarray, data: st.DataObject
) -> tuple[np.ndarray, np.ndarray]:
    """The mesh with a few kinds of damage drawn by hypothesis, in a drawn order."""
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), label="seed"))
    kinds = data.draw(
        st.lists(
            st.sampled_from(
                ["delete", "flip", "second body", "overlap", "duplicate", "degenerate", "collapse"]
            ),
            max_size=4,
        ),
        label="damage",
    )
    for kind in kinds:
        count = data.draw(st.integers(1, 5), label=f"{kind} count")
        picked = rng.choice(len(faces), size=min(count, len(faces)), replace=False)
        if kind == "delete" and len(faces) > count:
            faces = np.delete(faces, picked, axis=0)
        elif kind == "flip":
            faces = faces.copy()
            faces[picked] = faces[picked][:, ::-1]
        elif kind in ("second body", "overlap"):
            # "overlap": shifted by less than the part's size, so the shells intersect.
            size = np.ptp(vertices, axis=0)
            shift = size * (rng.uniform(0.1, 0.6, 3) if kind == "overlap" else 1.5)
            faces = np.vstack([faces, faces + len(vertices)])
            vertices = np.vstack([vertices, vertices + shift])
        elif kind == "duplicate":
            faces = np.vstack([faces, faces[picked]])
        elif kind == "degenerate":
            # Zero-area faces on three distinct vertices: an edge's ends and its midpoint.
            a, b = faces[picked, 0], faces[picked, 1]
            middle = (vertices[a] + vertices[b]) / 2
            new = np.arange(len(vertices), len(vertices) + len(picked))
            vertices = np.vstack([vertices, middle])
            faces = np.vstack([faces, np.stack([a, b, new], axis=1)])
        elif kind == "collapse":
            # A face with a repeated corner: its third corner moved onto its first.
            faces = faces.copy()
            faces[picked, 2] = faces[picked, 0]
    return vertices, faces


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(data=st.data())
def test_damaged_meshes_agree(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(shapes.ACCURACY_PARTS)), label="shape")
    vertices, faces = damaged(*base_meshes()[name], data)
    assert_agree(index(vertices[faces], EXACT), reference(vertices, faces))


def test_collapsed_faces_sharing_their_zero_length_edge_keep_winding_consistent() -> None:
    """Two faces with a repeated corner share a zero-length edge, which has no direction:
    trimesh counts it as consistently wound, and so must generator.mesh."""
    vertices, faces = base_meshes()["box"]
    faces = np.vstack([faces, [[0, 0, 1], [0, 0, 2]]])
    ours = index(vertices[faces], EXACT)
    assert ours.winding_consistent() == reference(vertices, faces).is_winding_consistent
