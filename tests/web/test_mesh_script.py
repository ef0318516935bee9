"""The 3D viewer's mesh script holds the part's triangles: decoded, it gives them back to
within the 16-bit quantisation, each distinct corner stored once, in coordinate order."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

import numpy as np
import pytest

from generator.records.stl import read_triangles
from generator.web.derived import mesh_script
from tests.conftest import BASE

PREFIX = "MakeLocalViewer.mesh(document.currentScript,"
# The bounding box is written to 4 decimals, which moves a decoded corner by up to 0.15 µm
# on top of half a quantisation step.
BOX_ROUNDING = 1.5e-4


@dataclass(frozen=True)
class Decoded:
    vertices: np.ndarray  # (v, 3) float, mm, dequantised
    indices: np.ndarray  # (n, 3) vertex indices
    step: np.ndarray  # (3,) the quantisation step on each axis, mm
    wide: bool

    @property
    def triangles(self) -> np.ndarray:
        return self.vertices[self.indices]


def decode(script: str) -> Decoded:
    """What the viewer reads from the script (generator/web/assets' MakeLocalViewer.mesh)."""
    assert script.startswith(PREFIX) and script.endswith(");\n")
    data = json.loads(script[len(PREFIX) : -3])
    low, high = np.array(data["low"]), np.array(data["high"])
    step = (high - low) / 65535
    quantised = np.frombuffer(base64.b64decode(data["vertices"]), "<u2").reshape(-1, 3)
    dtype = "<u4" if data["wide"] else "<u2"
    indices = np.frombuffer(base64.b64decode(data["indices"]), dtype).reshape(-1, 3)
    return Decoded(low + quantised * step, indices.astype(np.int64), step, data["wide"])


def torus_triangles(rings: int, sides: int) -> np.ndarray:
    """A closed torus (rings x sides x 2 triangles) whose corners are shared by 6 faces."""
    u = np.linspace(0, 2 * np.pi, rings, endpoint=False)
    v = np.linspace(0, 2 * np.pi, sides, endpoint=False)
    uu, vv = np.meshgrid(u, v, indexing="ij")
    points = np.stack(
        [(30 + 8 * np.cos(vv)) * np.cos(uu), (30 + 8 * np.cos(vv)) * np.sin(uu), 8 * np.sin(vv)],
        axis=-1,
    ).astype(np.float32)
    i, j = np.meshgrid(np.arange(rings), np.arange(sides), indexing="ij")
    a, b = points[i, j], points[(i + 1) % rings, j]
    c, d = points[(i + 1) % rings, (j + 1) % sides], points[i, (j + 1) % sides]
    quads = np.stack([np.stack([a, b, c], -2), np.stack([a, c, d], -2)], 2)
    return quads.reshape(-1, 3, 3).astype(np.float64)


@pytest.mark.parametrize(
    "triangles",
    [read_triangles(BASE / "designs/test-clip/parts/clip.stl"), torus_triangles(40, 24)],
    ids=["clip", "torus"],
)
def test_decoded_script_gives_the_same_triangles(triangles: np.ndarray) -> None:
    decoded = decode(mesh_script(triangles))
    assert decoded.indices.shape == (len(triangles), 3)
    assert np.all(np.abs(decoded.triangles - triangles) <= decoded.step / 2 + BOX_ROUNDING)
    assert len(decoded.vertices) == len(np.unique(triangles.reshape(-1, 3), axis=0))


def test_vertices_are_distinct_and_in_coordinate_order() -> None:
    decoded = decode(mesh_script(torus_triangles(40, 24)))
    rows = [tuple(v) for v in decoded.vertices]
    assert rows == sorted(rows)
    assert len(set(rows)) == len(rows) == 40 * 24


def test_corners_equal_in_float32_and_signed_zeros_are_one_vertex() -> None:
    corner = np.float32(10.1)
    apart_beyond_float32 = np.nextafter(float(corner), 11.0)  # another float64, same float32
    triangles = np.array(
        [
            [[0.0, 0.0, 0.0], [float(corner), 0.0, 0.0], [0.0, 5.0, 0.0]],
            [[-0.0, 0.0, 0.0], [apart_beyond_float32, 0.0, 0.0], [0.0, 0.0, 5.0]],
        ]
    )
    decoded = decode(mesh_script(triangles))
    assert len(decoded.vertices) == 4
    assert decoded.indices[0, :2].tolist() == decoded.indices[1, :2].tolist()


def test_more_than_65535_vertices_take_wide_indices() -> None:
    rng = np.random.default_rng(7)
    triangles = rng.random((22_000, 3, 3)) * 100  # no corner shared: 66,000 vertices
    decoded = decode(mesh_script(triangles))
    assert decoded.wide and len(decoded.vertices) == 66_000
    assert np.all(np.abs(decoded.triangles - triangles) <= decoded.step / 2 + BOX_ROUNDING)
