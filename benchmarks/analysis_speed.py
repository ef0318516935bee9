"""Speed of the part analysis: prints medians and ratios (a benchmark, not a timed test).

1. A 100k-face part analysed fully (read, analysis, preview), against PrusaSlicer slicing
   the same part with the reference profile, side by side.
2. Growth from 10k to 1M faces: time and peak memory, each size in a fresh process.
3. A rebuild of the whole catalogue with every part cached.

    .venv/bin/python benchmarks/analysis_speed.py [--repeat 3] [--skip-growth]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trimesh  # noqa: E402

from generator import fdm  # noqa: E402
from generator.analyse_run import (  # noqa: E402
    CACHE_FOLDER,
    Job,
    Settings,
    analyse_job,
    run,
    select_jobs,
)
from generator.catalog import load_catalog  # noqa: E402
from generator.mesh import corners_of  # noqa: E402
from generator.slicer import find_prusa_slicer, reference_profile, slice_part  # noqa: E402
from generator.stl import read_triangles  # noqa: E402


def torus(faces: int, path: Path) -> Path:
    """A torus 80 mm across with about `faces` faces, lying on the bed."""
    minor = max(8, int((faces / 2 / 3.2) ** 0.5))
    major = max(8, round(faces / 2 / minor))
    mesh = trimesh.creation.torus(30, 10, major_sections=major, minor_sections=minor)
    mesh.apply_translation(-mesh.bounds[0])
    mesh.export(path)
    return path


def fdm_job(path: Path) -> Job:
    load = load_catalog(ROOT)
    process = load.processes["fdm-printing"].data
    materials = {m: load.materials[m].data for m in ("pla", "petg") if m in load.materials}
    return Job(path=path, shown=path.name, design=None, part=None, quantity=1,
               process=process, materials=materials)


def timed(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def estimate_only(path: Path) -> None:
    triangles = read_triangles(path)
    profile = fdm.FdmProfile()
    layers, radius = fdm.slice_for_fdm(corners_of(triangles), profile)
    fdm.estimate(layers, radius, profile)


def one_part(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = torus(100_000, Path(folder) / "torus-100k.stl")
        job = fdm_job(path)
        faces = len(read_triangles(path))

        def full() -> None:  # fresh cache folder each time: nothing reused
            with tempfile.TemporaryDirectory() as cache:
                analyse_job(job, "bench", Settings(cache=Path(cache)))

        ours_full = timed(full, repeat)
        ours_estimate = timed(lambda: estimate_only(path), repeat)
        print(f"1. {faces} faces: full analysis (read, mesh checks, slicing, support, walls, "
              f"orientations, materials, preview) median {ours_full:.2f} s; "
              f"material estimate alone {ours_estimate:.2f} s")
        profile = reference_profile(ROOT)
        if find_prusa_slicer() is None or profile is None:
            print("   prusa-slicer or the reference profile is missing: no ratio")
            return
        slicer = timed(lambda: slice_part(path, profile), repeat)
        print(f"   PrusaSlicer 2.5 slicing the same part: median {slicer:.2f} s -> "
              f"{slicer / ours_full:.1f}x (full analysis), "
              f"{slicer / ours_estimate:.1f}x (material estimate)")


def _measure(faces: int, queue: multiprocessing.Queue) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = torus(faces, Path(folder) / "part.stl")
        job = fdm_job(path)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        analyse_job(job, "bench", Settings(cache=Path(folder)))
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        queue.put((len(read_triangles(path)), seconds, before / 1024, peak / 1024))


def growth() -> None:
    print("2. growth (torus 80 mm across, full analysis, fresh process each):")
    print(f"   {'faces':>9} {'seconds':>8} {'peak MB':>8} {'MB at start':>11}")
    context = multiprocessing.get_context("spawn")
    for faces in (10_000, 100_000, 300_000, 1_000_000):
        queue = context.Queue()
        process = context.Process(target=_measure, args=(faces, queue))
        process.start()
        got, seconds, start_mb, peak_mb = queue.get()
        process.join()
        print(f"   {got:9d} {seconds:8.2f} {peak_mb:8.0f} {start_mb:11.0f}")


def cached_rebuild(repeat: int) -> None:
    catalog = load_catalog(ROOT)
    jobs = select_jobs(catalog, [], None)
    settings = Settings(cache=ROOT / CACHE_FOLDER)
    run(jobs, settings)  # fill the cache

    def rebuild() -> None:
        run(select_jobs(load_catalog(ROOT), [], None), settings)

    seconds = timed(rebuild, repeat)
    print(f"3. cached rebuild of the whole catalogue ({len(jobs)} parts, loading the records "
          f"included): median {seconds:.3f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-growth", action="store_true")
    args = parser.parse_args()
    one_part(args.repeat)
    if not args.skip_growth:
        growth()
    cached_rebuild(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
