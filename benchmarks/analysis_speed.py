"""Speed of the part analysis: prints medians and ratios (a benchmark, not a timed test).

1. Side by side with PrusaSlicer, part by part: our full analysis of a part (read the STL,
   mesh checks, slicing, FDM estimate, support, walls, bridges, orientations, materials,
   preview PNG written to a fresh cache folder), in this process with its modules already
   imported, against `prusa-slicer --load <reference profile> -g part.stl` (a new process
   each time, as a slicer is run), each repeated and interleaved so that a busy machine
   slows both alike. Parts: the catalogue's FDM parts, the generated test parts of
   tests/analysis/shapes.py and tori of 10k and 100k faces. A fixed numpy workload timed
   in the same loop shows how loaded the machine was.
2. A whole process per part, 1k to 100k faces: `makelocal analyse part.stl --format json`
   from a folder outside any repository (interpreter, imports and the built-in records
   included) against a whole PrusaSlicer run, wall and processor time; with the user's
   cache empty (the analysis done) and warm (read back). Python's bytecode is cached (in a
   folder of its own), as an installed package's is; --no-bytecode compiles every module
   on every run instead (PYTHONDONTWRITEBYTECODE, as some sandboxes set it).
3. Growth from 10k to 1M faces: time and peak memory, each size in a fresh process.
4. A rebuild of the whole catalogue with every part cached.

    .venv/bin/python benchmarks/analysis_speed.py [--repeat 3] [--skip-growth] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import trimesh  # noqa: E402

from generator.analysis.runner import (  # noqa: E402
    CACHE_FOLDER,
    Job,
    Settings,
    analyse_job,
    run,
    select_jobs,
)
from generator.analysis.slicer import REFERENCE_PROFILE, find_prusa_slicer, slice_part  # noqa: E402
from generator.records.catalog import load_catalog  # noqa: E402
from generator.records.stl import read_triangles  # noqa: E402
from tests.analysis.shapes import ACCURACY_PARTS  # noqa: E402

TARGET_RATIO = 20.0
TARGET_100K_S = 2.0
TARGET_WHOLE_10K_S = 0.5  # issue 19


def torus(faces: int, path: Path) -> Path:
    """A torus 80 mm across with about `faces` faces, lying on the bed."""
    minor = max(8, int((faces / 2 / 3.2) ** 0.5))
    major = max(8, round(faces / 2 / minor))
    mesh = trimesh.creation.torus(30, 10, major_sections=major, minor_sections=minor)
    mesh.apply_translation(-mesh.bounds[0])
    mesh.export(path)
    return path


def parts(folder: Path) -> list[tuple[str, str, Path]]:
    """(kind, name, path) of every part compared: real catalogue parts, then generated."""
    found = []
    for design in sorted((ROOT / "designs").glob("*/design.yml")):
        if "fdm-printing" in design.read_text():
            for stl in sorted(design.parent.glob("parts/*.stl")):
                found.append(("real", f"{design.parent.name}/{stl.stem}", stl))
    for name, make in ACCURACY_PARTS.items():
        path = folder / f"{name}.stl"
        make().export(path)
        found.append(("generated", name, path))
    for faces in (10_000, 100_000):
        name = f"torus-{faces // 1000}k"
        found.append(("generated", name, torus(faces, folder / f"{name}.stl")))
    return found


def fdm_job(path: Path) -> Job:
    catalog = load_catalog(ROOT)
    process = catalog.processes["fdm-printing"].data
    materials = {m: catalog.materials[m].data for m in ("pla", "petg") if m in catalog.materials}
    return Job(
        path=path,
        shown=path.name,
        design=None,
        part=None,
        quantity=1,
        process=process,
        materials=materials,
    )


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def analysed_fresh(job: Job) -> float:
    """Seconds to analyse the part into an empty cache folder (nothing computed before is
    reused; making and removing the folder is not counted)."""
    with tempfile.TemporaryDirectory() as cache:
        return seconds(lambda: analyse_job(job, "h", Settings(Path(cache))))


def reference_workload() -> None:
    """A fixed piece of numpy work (sorting and arithmetic, about 50 ms on an idle core):
    its time shows how busy the machine was while the rest was measured."""
    values = np.random.default_rng(0).random(2_000_000)
    for _ in range(3):
        np.sort(values)
        np.sqrt(values * values + 1.0).sum()


def side_by_side(repeat: int, only: list[str] | None) -> None:
    slicer = find_prusa_slicer() is not None
    print("1. Full analysis here vs PrusaSlicer 2.5 slicing the same part (`-g`, reference")
    print(f"   profile), medians of {repeat} interleaved runs:")
    print(f"   {'part':48} {'faces':>7} {'ours ms':>8} {'PS s':>6} {'ratio':>6}")
    references: list[float] = []
    ratios: dict[str, list[float]] = {"real": [], "generated": []}
    big: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for kind, name, path in parts(Path(folder)):
            if only and name not in only:
                continue
            faces = len(read_triangles(path))
            analyse = partial(analysed_fresh, fdm_job(path))
            slice_it = partial(slice_part, path, REFERENCE_PROFILE)
            analyse()  # one untimed run of each first: files and code in memory
            if slicer:
                slice_it()
            ours: list[float] = []
            theirs: list[float] = []
            for _ in range(repeat):
                ours.append(analyse())
                if slicer:
                    theirs.append(seconds(slice_it))
                references.append(seconds(reference_workload))
            mine = statistics.median(ours)
            if faces >= 100_000:
                big.append(mine)
            if not slicer:
                print(f"   {name:48} {faces:7d} {mine * 1000:8.1f}")
                continue
            ratio = statistics.median(theirs) / mine
            ratios[kind].append(ratio)
            print(
                f"   {name:48} {faces:7d} {mine * 1000:8.1f} "
                f"{statistics.median(theirs):6.2f} {ratio:6.1f}"
            )
    print(
        f"   reference workload: median {statistics.median(references) * 1000:.0f} ms, "
        f"fastest {min(references) * 1000:.0f} ms (load average now "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    if big:
        print(
            f"   100k faces: full analysis median {statistics.median(big):.2f} s "
            f"(target under {TARGET_100K_S:g} s)"
        )
    if not slicer:
        print("   prusa-slicer is not installed: no ratios")
        return
    every = ratios["real"] + ratios["generated"]
    for kind, values in (*ratios.items(), ("all", every)):
        if values:
            middle = statistics.median(values)
            print(
                f"   ratio over {len(values)} {kind} parts: median {middle:.1f}x, "
                f"lowest {min(values):.1f}x, highest {max(values):.1f}x "
                f"(target {TARGET_RATIO:g}x)"
            )


WHOLE_PROCESS_PARTS = (
    "face-shield-headband/headband",
    "glia-stethoscope/y_piece",
    "polycutter-lite-608/Body_608",
    "polyformer-bottle-cutter/Body",
    "polycutter-lite-608/Bottle_Cap",
)


def whole_process(repeat: int, bytecode: bool = True) -> None:
    """`makelocal analyse part.stl --format json` as a person runs it, against a whole
    PrusaSlicer run: each a new process from a folder outside any repository, interleaved;
    ours with an empty user cache (the analysis done, not read back) and with a warm one
    (the same file again); wall time and processor time (user + system, less sensitive to
    a busy machine), medians."""
    print(f"2. A whole process per part, medians of {repeat} interleaved runs: `makelocal")
    print("   analyse part.stl --format json` from a folder outside any repository (built-in")
    print("   records; user cache empty, and warm) against `prusa-slicer -g` with the")
    print(f"   reference profile; Python's bytecode {'cached' if bytecode else 'not cached'}")
    if find_prusa_slicer() is None:
        print("   prusa-slicer is not installed: nothing to compare")
        return
    print(
        f"   {'part':36} {'faces':>7} {'ours s':>7} {'warm s':>7} {'PS s':>7} {'ratio':>6} "
        f"{'ours cpu':>8} {'PS cpu':>7} {'ratio':>6}"
    )
    wall: list[float] = []
    cpu: list[float] = []
    ten_k: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / "outside").mkdir()
        (base / "warm").mkdir()
        python = _python_environment(base / "bytecode" if bytecode else None)
        chosen = [
            (f"torus-{n // 1000}k", torus(n, base / f"torus-{n}.stl"))
            for n in (1_000, 10_000, 100_000)
        ]
        chosen += [
            (name, ROOT / "designs" / name.replace("/", "/parts/", 1))
            for name in WHOLE_PROCESS_PARTS
        ]
        for name, path in chosen:
            path = path.with_suffix(".stl")
            ours = partial(_makelocal, path, base, python)
            warm = partial(_makelocal, path, base, python, base / "warm")
            theirs = partial(_prusa_slicer, path)
            ours(), warm(), theirs()  # once untimed: files in the page cache, the cache warm
            runs = [(ours(), warm(), theirs()) for _ in range(repeat)]
            our_wall, warm_wall, their_wall = (
                statistics.median(r[i][0] for r in runs) for i in range(3)
            )
            our_cpu, _, their_cpu = (statistics.median(r[i][1] for r in runs) for i in range(3))
            wall.append(their_wall / our_wall)
            cpu.append(their_cpu / our_cpu)
            if name == "torus-10k":
                ten_k = [our_wall, warm_wall, our_cpu]
            print(
                f"   {name[:36]:36} {len(read_triangles(path)):7d} {our_wall:7.2f} "
                f"{warm_wall:7.2f} {their_wall:7.2f} {wall[-1]:5.1f}x {our_cpu:8.2f} "
                f"{their_cpu:7.2f} {cpu[-1]:5.1f}x"
            )
    print(
        f"   PrusaSlicer / ours, median over {len(wall)} parts: {statistics.median(wall):.1f}x "
        f"wall (lowest {min(wall):.1f}x), {statistics.median(cpu):.1f}x processor time "
        f"(lowest {min(cpu):.1f}x); load average now {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores"
    )
    print(
        f"   10k-face torus, a whole process: {ten_k[0]:.2f} s wall with an empty cache "
        f"(target under {TARGET_WHOLE_10K_S:g} s), {ten_k[1]:.2f} s warm, {ten_k[2]:.2f} s "
        "processor time"
    )


def _timed(command: list[str], **options: Any) -> tuple[float, float]:
    """Wall and processor seconds (user + system) of a child process, which must succeed
    (`makelocal analyse` exits 1 when a part could not be analysed: the timing would then
    be of something else)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, **options)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()[-300:]}")
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return took, used


def _python_environment(bytecode: Path | None) -> dict[str, str]:
    """The environment `makelocal` runs in: this checkout's package, and Python's bytecode
    cached in `bytecode` (None: compiled on every run)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    if bytecode is None:
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        environment["PYTHONPYCACHEPREFIX"] = str(bytecode)
    return environment


def _makelocal(
    path: Path, base: Path, environment: dict[str, str], cache: Path | None = None
) -> tuple[float, float]:
    """A whole `makelocal analyse` of `path`, with the user cache in `cache` (None: an
    empty one)."""
    command = [sys.executable, "-m", "generator.cli", "analyse", str(path), "--format", "json"]
    with tempfile.TemporaryDirectory(dir=base) as empty:
        settings = {**environment, "XDG_CACHE_HOME": str(cache or empty)}
        return _timed(command, cwd=base / "outside", env=settings)


def _prusa_slicer(path: Path) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        executable = find_prusa_slicer() or "prusa-slicer"
        output = Path(folder) / "part.gcode"
        command = [executable, "--load", str(REFERENCE_PROFILE), "-g", str(path), "-o", str(output)]
        return _timed(command)


def peak_mb() -> float:
    """The process's peak memory so far, MB: VmHWM (reset when a process starts a new
    program; getrusage's ru_maxrss keeps the peak of the parent the child was forked from)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(path: Path, queue: multiprocessing.Queue) -> None:
    # The analysis modules are imported before the clock starts: the per-part cost only.
    for module in ("generator.analysis.printability", "generator.analysis.preview"):
        importlib.import_module(module)
    job = fdm_job(path)
    before = peak_mb()
    with tempfile.TemporaryDirectory() as cache:
        took = seconds(lambda: analyse_job(job, "bench", Settings(cache=Path(cache))))
    queue.put((took, before, peak_mb()))


def growth() -> None:
    print("3. Growth (torus 80 mm across, full analysis, a fresh process for each part):")
    print(f"   {'faces':>9} {'seconds':>8} {'peak MB':>8} {'MB before':>10}")
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder:
        for faces in (10_000, 100_000, 300_000, 1_000_000):
            path = torus(faces, Path(folder) / f"torus-{faces}.stl")
            queue = context.Queue()
            process = context.Process(target=_measure, args=(path, queue))
            process.start()
            took, start_mb, peak_mb = queue.get()
            process.join()
            print(f"   {len(read_triangles(path)):9d} {took:8.2f} {peak_mb:8.0f} {start_mb:10.0f}")


def cached_rebuild(repeat: int) -> None:
    catalog = load_catalog(ROOT)
    jobs = select_jobs(catalog, [], None)
    settings = Settings(cache=ROOT / CACHE_FOLDER)
    run(jobs, settings)  # fill the cache
    took = statistics.median(
        seconds(lambda: run(select_jobs(load_catalog(ROOT), [], None), settings))
        for _ in range(repeat)
    )
    print(
        f"4. Cached rebuild of the whole catalogue ({len(jobs)} parts, loading the records "
        f"included): median {took:.3f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-growth", action="store_true")
    parser.add_argument("--only-whole-process", action="store_true", help="section 2 only")
    parser.add_argument(
        "--no-bytecode", action="store_true", help="section 2: compile every module every run"
    )
    parser.add_argument("--only", nargs="*", help="part names to compare side by side")
    args = parser.parse_args()
    if args.only_whole_process:
        whole_process(args.repeat, not args.no_bytecode)
        return 0
    side_by_side(args.repeat, args.only)
    whole_process(args.repeat, not args.no_bytecode)
    if not args.skip_growth:
        growth()
    cached_rebuild(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
