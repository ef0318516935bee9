"""The mould analysis against an independent computation, part by part (a benchmark).

For every STL part of the catalogue and the mould test shapes of tests/analysis/shapes.py,
analysed as a two-part mould opening along z: our undercut area (voxel-grid column tests,
generator/analysis/release.py) against trimesh's ray queries on Embree (embreex): from
points sampled on every face, one ray along the face's way out (+z for faces that look
up, -z for those that look down, both ways for faces parallel to z); a point is shadowed
when its ray hits the part. Prints each part's faces, both areas, their difference as a
share of the part's surface, and the time of our whole mould analysis (median of
--repeat runs) against the rays alone. Then a 100k-face part's time against the 2 s
target.

    .venv/bin/python benchmarks/mould_release.py [--repeat 3] [--samples 20000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import trimesh  # noqa: E402

from generator.analysis.health import geometry, mesh_health  # noqa: E402
from generator.analysis.mesh import index  # noqa: E402
from generator.analysis.moulding import analyse_mould  # noqa: E402
from generator.records.stl import read_triangles  # noqa: E402
from tests.analysis.shapes import block_with_cross_hole, buck_with_lip, mould_cup  # noqa: E402

TARGET_100K_S = 2.0
PROCESS = {
    "id": "benchmark",
    "analysis": "mould",
    "design_rules": {"draft_angle": {"min": 2, "max": 5, "unit": "deg", "source": "x"}},
}


def parts() -> dict[str, np.ndarray]:
    found = {
        "cup": np.asarray(mould_cup().triangles),
        "cup-drafted": np.asarray(mould_cup(draft=3).triangles),
        "block-with-hole": np.asarray(block_with_cross_hole().triangles),
        "buck-with-lip": np.asarray(buck_with_lip().triangles),
    }
    for stl in sorted((ROOT / "designs").glob("*/parts/*.stl")):
        found[f"{stl.parent.parent.name}/{stl.stem}"] = read_triangles(stl)
    return found


def ours(triangles: np.ndarray) -> tuple[float, float]:
    """Undercut area (mm2) and seconds of the whole mould analysis."""
    start = time.perf_counter()
    mesh = index(triangles)
    health = mesh_health(mesh)
    found = analyse_mould(mesh, geometry(mesh, health.closed), PROCESS, {}, None)
    return found.moulding.undercut_area_mm2, time.perf_counter() - start


def rays(triangles: np.ndarray, samples: int) -> tuple[float, float]:
    """Undercut area (mm2) by trimesh's ray queries, and their seconds."""
    mesh = trimesh.Trimesh(triangles.reshape(-1, 3), np.arange(len(triangles) * 3).reshape(-1, 3))
    mesh.merge_vertices()
    start = time.perf_counter()
    points, faces = trimesh.sample.sample_surface(mesh, samples, seed=0)
    normals = mesh.face_normals[faces]
    origins = points + normals * 1e-3
    up = np.where(normals[:, 2:3] >= 0, 1.0, -1.0) * np.array([[0.0, 0.0, 1.0]])
    ahead = mesh.ray.intersects_any(origins, up)
    behind = mesh.ray.intersects_any(origins, -up)
    parallel = np.abs(normals[:, 2]) < np.sin(np.radians(0.05))
    shadowed = np.where(parallel, ahead & behind, ahead)
    return float(shadowed.mean() * mesh.area), time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--samples", type=int, default=20_000)
    args = parser.parse_args()
    print(f"{'part':44} {'faces':>7} {'ours mm2':>9} {'rays mm2':>9} {'diff':>6} "
          f"{'ours s':>7} {'rays s':>7}")  # fmt: skip
    differences = []
    for name, triangles in parts().items():
        timed = [ours(triangles) for _ in range(args.repeat)]
        area, seconds = timed[0][0], statistics.median(t for _, t in timed)
        oracle, ray_seconds = rays(triangles, args.samples)
        surface = float(index(triangles).areas.sum())
        share = (area - oracle) / surface
        differences.append(abs(share))
        print(f"{name:44} {len(triangles):>7} {area:>9.1f} {oracle:>9.1f} {share:>+6.1%} "
              f"{seconds:>7.2f} {ray_seconds:>7.2f}")  # fmt: skip
    middle = statistics.median(differences)
    print(f"\nundercut difference, share of the surface: median {middle:.2%}, "
          f"largest {max(differences):.2%}")  # fmt: skip
    hundred_k = np.asarray(trimesh.creation.torus(40, 12, 400, 250).triangles)
    times = [ours(hundred_k)[1] for _ in range(args.repeat)]
    print(f"{len(hundred_k):,}-face torus: mould analysis median {statistics.median(times):.2f} s "
          f"(target {TARGET_100K_S:g} s)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
