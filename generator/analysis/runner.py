"""Analysing the catalogue's parts: which parts, the cache, parallel workers, and output.

The I/O edge around generator.analysis: reads STL files, keeps results in
.cache/analysis/ keyed by the STL's content hash, the analyser's version and every input
that changes the result, and runs uncached parts in parallel across cores.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.analysis.slicer import REFERENCE_PROFILE, SlicerError, slice_part
from generator.records.catalog import Catalog, Record, display_path
from generator.records.stl import DEFAULT_MAX_MB, StlError, read_triangles

# Bump when the analysis or its model changes: cached results of other versions are unused.
ANALYSER_VERSION = "2.4"

Result = dict[str, Any]
DEFAULT_PROCESS = "fdm-printing"  # for an STL file that no design lists
DEFAULT_BUDGET_S = 60.0
CACHE_FOLDER = Path(".cache") / "analysis"
PREVIEW_VERSION = "2"


@dataclass(frozen=True)
class Job:
    """One part to analyse, with everything that changes its result."""

    path: Path
    shown: str  # as printed and used in findings
    design: str | None
    part: str | None
    quantity: int
    process: dict[str, Any]
    materials: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    cache: Path
    max_mb: float = DEFAULT_MAX_MB
    budget_s: float = DEFAULT_BUDGET_S
    slicer: bool = False
    workers: int = 0  # 0: one per core


class SelectionError(ValueError):
    """A path or material on the command line that names nothing analysable."""


def select_jobs(catalog: Catalog, paths: list[str], material: str | None) -> list[Job]:
    """Jobs for the given STL files and design folders, or for every part of every design."""
    if material is not None and material not in catalog.materials:
        raise SelectionError(f"no material with id {material!r} (see catalog/materials/)")
    listed = list(_design_jobs(catalog, material))
    if not paths:
        return listed
    by_file = {job.path.resolve(): job for job in listed}
    jobs: list[Job] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = [j for j in listed if j.path.resolve().is_relative_to(path.resolve())]
            if not found and not _designs_in(catalog, [name]):
                raise SelectionError(f"{name}: no design in this folder")
            jobs.extend(found)
        elif path.suffix.lower() == ".stl" and path.exists() and not path.is_file():
            # Reading a FIFO would wait for a writer forever.
            raise SelectionError(
                f"{name}: not a regular file (a FIFO, device or socket); give an STL file"
            )
        elif path.suffix.lower() == ".stl" and path.exists():
            jobs.append(by_file.get(path.resolve()) or _loose_job(catalog, path, material))
        else:
            raise SelectionError(f"{name}: not an STL file or a design folder")
    return jobs


def _design_jobs(catalog: Catalog, material: str | None) -> Iterator[Job]:
    # Catalog's per-type tables are built on each access: take them once.
    materials, processes = catalog.materials, catalog.processes
    for design_id, record in sorted(catalog.designs.items()):
        data = record.data if isinstance(record.data, dict) else {}
        for part in data.get("parts") or []:
            if not isinstance(part, dict) or not isinstance(part.get("file"), str):
                continue
            path = (record.folder / part["file"]).resolve()
            if not path.is_relative_to(record.folder.resolve()) or not path.is_file():
                continue  # the validator reports missing and escaping paths
            process = processes.get(str(part.get("process")))
            names = (
                [material]
                if material
                else [m for m in part.get("materials") or [] if isinstance(m, str)]
            )
            yield Job(
                path=path,
                shown=display_path(catalog.root, path),
                design=design_id,
                part=str(part.get("id")),
                quantity=part.get("quantity") if isinstance(part.get("quantity"), int) else 1,
                process=process.data if process else {"id": part.get("process")},
                materials={m: materials[m].data for m in names if m in materials},
            )


def without_mesh(catalog: Catalog, paths: list[str]) -> list[Result]:
    """The parts of the selected designs that have no mesh file (a sewing pattern, a sheet
    pressed to an outline): nothing to analyse, said so rather than left out."""
    skipped: list[Result] = []
    for design_id, record in _designs_in(catalog, paths):
        for part in record.data.get("parts") or []:
            if not isinstance(part, dict) or isinstance(part.get("file"), str):
                continue
            process = catalog.processes.get(str(part.get("process")))
            how = process.data.get("name") if process else part.get("process")
            source = part.get("source")
            skipped.append(
                {
                    "file": record.display,
                    "design": design_id,
                    "part": str(part.get("id")),
                    "process": part.get("process"),
                    "verdict": "no-mesh",
                    "reason": f"no mesh file: a part made by {how} is made from its source"
                    + (f" ({source})" if isinstance(source, str) else "")
                    + ", so there is nothing to analyse",
                }
            )
    return skipped


def _designs_in(catalog: Catalog, paths: list[str]) -> list[tuple[str, Record]]:
    """The designs with all their parts selected: every design, or those inside the given
    folders."""
    folders = [Path(name).resolve() for name in paths if Path(name).is_dir()]
    return [
        (design_id, record)
        for design_id, record in sorted(catalog.designs.items())
        if isinstance(record.data, dict)
        and (not paths or any(record.folder.resolve().is_relative_to(f) for f in folders))
    ]


def _loose_job(catalog: Catalog, path: Path, material: str | None) -> Job:
    process = catalog.processes.get(DEFAULT_PROCESS)
    names = (
        [material]
        if material
        else [
            m
            for m, r in sorted(catalog.materials.items())
            if any(
                isinstance(p, dict) and p.get("process") == DEFAULT_PROCESS
                for p in r.data.get("processes") or []
            )
        ]
    )
    return Job(
        path=path.resolve(),
        shown=display_path(catalog.root, path),
        design=None,
        part=None,
        quantity=1,
        process=process.data if process else {"id": DEFAULT_PROCESS},
        materials={m: catalog.materials[m].data for m in names},
    )


def cache_key(content_hash: str, job: Job, settings: Settings) -> str:
    """Hash of the STL's content, the analyser version and every input used."""
    process = {
        k: job.process.get(k) for k in ("id", "analysis", "design_rules", "machines", "parameters")
    }
    materials = {
        m: {k: (d.get("properties") or {}).get(k) for k in ("density", "price")}
        for m, d in job.materials.items()
    }
    inputs = json.dumps(
        [ANALYSER_VERSION, content_hash, process, materials, settings.max_mb, settings.slicer],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(inputs.encode()).hexdigest()


def run(jobs: list[Job], settings: Settings) -> list[Result]:
    """Results in job order: from the cache where possible, the rest in parallel."""
    settings.cache.mkdir(parents=True, exist_ok=True)
    results: list[Result | None] = [None] * len(jobs)
    todo: list[tuple[int, str, str]] = []
    for index, job in enumerate(jobs):
        content_hash = _file_hash(job.path)
        key = cache_key(content_hash, job, settings)
        cached = _read_cache(settings.cache / f"{key}.json")
        if cached is not None:
            results[index] = cached
        else:
            todo.append((index, key, content_hash))
    if len(todo) == 1 or settings.workers == 1:
        done = [analyse_job(jobs[i], h, settings) for i, _, h in todo]
    else:
        workers = settings.workers or os.cpu_count() or 1
        with ProcessPoolExecutor(max_workers=min(workers, max(len(todo), 1))) as pool:
            done = list(
                pool.map(
                    analyse_job,
                    [jobs[i] for i, _, _ in todo],
                    [h for _, _, h in todo],
                    [settings] * len(todo),
                )
            )
    for (index, key, _), result in zip(todo, done, strict=True):
        if result["verdict"] != "not-analysed":  # a timeout may pass on a quieter machine
            (settings.cache / f"{key}.json").write_text(json.dumps(result))
        results[index] = result
    return [r for r in results if r is not None]


def _file_hash(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "unreadable"


def _read_cache(path: Path) -> Result | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


class BudgetExceeded(Exception):
    """The part took longer than its time budget."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise BudgetExceeded after `seconds` (SIGALRM: main thread of a process only)."""
    if not math.isfinite(seconds) or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise BudgetExceeded

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def analyse_job(job: Job, content_hash: str, settings: Settings) -> Result:
    """Analyse one part; never raises for a bad file: the result holds the finding."""
    # Imported here: numpy, scipy and Pillow take a while to import; cached runs need none.
    from generator.analysis import preview
    from generator.analysis.printability import analyse
    from generator.analysis.slicing import TooComplex

    head: Result = {
        "file": job.shown,
        "design": job.design,
        "part": job.part,
        "quantity": job.quantity,
        "sha256": content_hash,
        "analyser_version": ANALYSER_VERSION,
    }
    start = time.monotonic()
    try:
        with _time_limit(settings.budget_s):
            triangles = read_triangles(job.path, settings.max_mb)
            result = analyse(
                triangles, job.process, job.materials, deadline=start + settings.budget_s / 2
            )
            image = settings.cache / f"{content_hash}-preview{PREVIEW_VERSION}.png"
            if not image.exists():
                settings.cache.mkdir(parents=True, exist_ok=True)
                image.write_bytes(preview.render_png(triangles))
            result["preview_png"] = str(image)
    except StlError as error:
        return head | {
            "error": str(error).replace(str(job.path), job.shown),
            "verdict": "unreadable",
        }
    except BudgetExceeded:
        return head | {
            "error": f"{job.shown}: analysis took longer than the "
            f"{settings.budget_s:g} s budget; simplify the mesh (fewer faces) or "
            "raise the budget (--time-budget)",
            "verdict": "not-analysed",
        }
    except TooComplex as error:
        return head | {"error": f"{job.shown}: {error}", "verdict": "not-analysed"}
    except MemoryError:
        return head | {
            "error": f"{job.shown}: the part is too large to analyse in memory; simplify the mesh",
            "verdict": "not-analysed",
        }
    result = head | result
    result["seconds"] = round(time.monotonic() - start, 3)
    if settings.slicer:
        result["prusa_slicer"] = _slicer_figures(job)
    return result


def _slicer_figures(job: Job) -> Result:
    try:
        return slice_part(job.path, REFERENCE_PROFILE) | {"profile": REFERENCE_PROFILE.name}
    except SlicerError as error:
        return {"error": str(error)}


def format_json(results: list[Result], skipped: list[Result]) -> str:
    document = {"analyser_version": ANALYSER_VERSION, "parts": results, "without_mesh": skipped}
    return json.dumps(document, indent=2)


def format_text(results: list[Result], skipped: list[Result]) -> str:
    lines: list[str] = []
    profiles: dict[str, Result] = {}
    for part in skipped:
        lines.append(f"{part['file']}, part {part['part']}: NOT ANALYSED")
        lines.append(f"  {part['reason']}")
    for result in results:
        lines.append(f"{result['file']}: {result['verdict'].upper()}")
        if "error" in result:
            lines.append(f"  {result['error']}")
            continue
        volume = result["volume_cm3"]
        lines.append(
            f"  {result['faces']} faces, {result['bodies']} bodies, "
            f"{'watertight' if result['watertight'] else 'NOT watertight'}, "
            f"{' x '.join(f'{v:.1f}' for v in result['size_mm'])} mm, "
            f"volume {f'{volume:.2f} cm3' if volume is not None else 'unknown'}, "
            f"overhang {result['overhang_area_mm2'] or 0:.0f} mm2"
        )
        for row in result["materials"]:
            lines.append("  " + _material_line(row))
        for reason in result["reasons"]:
            lines.append(f"  - {reason['level']}: {reason['message']}")
        if "prusa_slicer" in result:
            lines.append(f"  PrusaSlicer: {result['prusa_slicer']}")
        profiles[result["profile"].get("name", "")] = result["profile"]
    for name, profile in profiles.items():
        if name:
            lines.append(f"\nProfile: {name}")
            lines.extend(f"  assumption: {a}" for a in profile.get("assumptions", []))
            lines.extend(f"  set by the process record: {c}" for c in profile.get("changes", []))
    return "\n".join(lines)


def _material_line(row: Result) -> str:
    parts = [row["material"] + ":"]
    if row.get("mass_g") is not None:
        parts.append(f"{row['mass_g']:.1f} g")
    if row.get("filament_m") is not None:
        parts.append(f"{row['filament_m']:.2f} m filament, {row['print_time_min']:.0f} min")
    if row.get("cost_usd") is not None:
        parts.append(f"{row['cost_usd']:.2f} USD")
    if row.get("note"):
        parts.append(f"({row['note']})")
    return " ".join(parts)


def command(
    root: Path,
    paths: list[str],
    material: str | None,
    output: str,
    slicer: bool,
    max_mb: float,
    budget_s: float,
) -> int:
    """`makelocal analyse`: print the analysis; exit 1 if a part cannot be read."""
    import sys

    from generator.records.catalog import load_catalog

    catalog = load_catalog(root)
    try:
        jobs = select_jobs(catalog, paths, material)
    except SelectionError as error:
        print(f"makelocal analyse: {error}", file=sys.stderr)
        return 2
    skipped = without_mesh(catalog, paths)
    settings = Settings(cache=root / CACHE_FOLDER, max_mb=max_mb, budget_s=budget_s, slicer=slicer)
    results = run(jobs, settings)
    print(format_json(results, skipped) if output == "json" else format_text(results, skipped))
    return 1 if any("error" in r for r in results) else 0
