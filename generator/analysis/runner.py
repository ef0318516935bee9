"""Analysing the catalogue's parts: which parts, the cache, parallel workers, and output.

The I/O edge around generator.analysis: reads each part's file (an STL mesh, or an SVG or
DXF outline), keeps results in .cache/analysis/ keyed by the file's content hash, the
analyser's version and every input that changes the result, and runs uncached parts in
parallel across cores.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import signal
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from generator.analysis.cache_keys import CacheKeys
from generator.analysis.codec import DecodeError, dumps, non_finite, to_json
from generator.analysis.options import PartOptions
from generator.analysis.results import (
    ANALYSER_VERSION,
    AnalysedFile,
    Analysis,
    PartAnalysis,
    PartFailure,
    PartResult,
    PartWithoutMesh,
    SlicerFailure,
    SlicerFigures,
    part_result_from_json,
)
from generator.analysis.slicer import (
    REFERENCE_PROFILE,
    SlicerError,
    slice_part,
    support_options,
)
from generator.findings.progress import SILENT, Progress
from generator.records.catalog import Catalog, FileEntry, Record, display_path
from generator.records.documents import DEFAULT_MAX_MB
from generator.records.facts import suited_processes
from generator.records.file_hashes import FileHashes, file_hash

DEFAULT_PROCESS = "fdm-printing"  # for an STL file that no design lists
MESH_SUFFIXES = (".stl",)
DRAWING_SUFFIXES = (".svg", ".dxf")
PART_SUFFIXES = MESH_SUFFIXES + DRAWING_SUFFIXES
DEFAULT_BUDGET_S = 60.0
CACHE_FOLDER = Path(".cache") / "analysis"
PREVIEW_VERSION = "3"


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
    options: PartOptions = field(default_factory=PartOptions)


@dataclass(frozen=True)
class Settings:
    cache: Path  # for the repository's parts
    max_mb: float = DEFAULT_MAX_MB
    budget_s: float = DEFAULT_BUDGET_S
    slicer: bool = False
    workers: int = 0  # 0: one per core
    root: Path | None = None  # the repository, if any
    outside_cache: Path | None = None  # for files outside it (default: `cache`)

    def cache_of(self, path: Path) -> Path:
        """The cache folder for a part file: the repository's own for its files, the
        user's for any other file (a repository's cache holds only its own parts)."""
        inside = self.root is not None and path.resolve().is_relative_to(self.root.resolve())
        return self.cache if inside or self.outside_cache is None else self.outside_cache


def user_cache() -> Path:
    """The user's cache folder for analyses (XDG: $XDG_CACHE_HOME when it is an absolute
    path, else ~/.cache), makelocal/analysis in it."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    folder = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return folder / "makelocal" / "analysis"


class SelectionError(ValueError):
    """A path or material on the command line that names nothing analysable."""


def select_jobs(
    catalog: Catalog, paths: list[str], material: str | None, process: str | None = None
) -> list[Job]:
    """Jobs for the given part files and design folders, or for every part of every design.
    A file no design lists is analysed for `process` (for a mesh, FDM printing by default)."""
    if material is not None and material not in catalog.materials:
        raise SelectionError(f"no material with id {material!r} (see catalog/materials/)")
    if process is not None and process not in catalog.processes:
        known = ", ".join(sorted(catalog.processes))
        raise SelectionError(f"no process with id {process!r} (known: {known})")
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
        elif path.suffix.lower() in PART_SUFFIXES and path.exists() and not path.is_file():
            # Reading a FIFO would wait for a writer forever.
            raise SelectionError(
                f"{name}: not a regular file (a FIFO, device or socket); give a part file"
            )
        elif path.suffix.lower() in PART_SUFFIXES and path.exists():
            listed_job = by_file.get(path.resolve())
            jobs.append(listed_job or _loose_job(catalog, path, material, process))
        else:
            raise SelectionError(f"{name}: not a part file (STL, SVG or DXF) or a design folder")
    return jobs


def _design_jobs(catalog: Catalog, material: str | None) -> Iterator[Job]:
    # Catalog's per-type tables are built on each access: take them once.
    materials, processes = catalog.materials, catalog.processes
    real_parents: dict[str, str] = {}
    for design_id, record in sorted(catalog.designs.items()):
        data = record.data if isinstance(record.data, dict) else {}
        # Strings, and the folder resolved once: this runs for every part on every build.
        folder = _real_folder(str(record.folder), real_parents)
        listing = catalog.design_files.get(record.display, {})
        for part in data.get("parts") or []:
            if not isinstance(part, dict) or not isinstance(part.get("file"), str):
                continue
            real = part_path(str(record.folder), folder, part["file"], listing)
            if real is None:
                continue  # the validator reports missing and escaping paths
            path = Path(real)
            process = processes.get(str(part.get("process")))
            names = (
                [material]
                if material
                else [m for m in part.get("materials") or [] if isinstance(m, str)]
            )
            quantity = part.get("quantity")
            yield Job(
                path=path,
                shown=display_path(catalog.root, path),
                design=design_id,
                part=str(part.get("id")),
                quantity=quantity if isinstance(quantity, int) else 1,
                process=process.data if process else {"id": part.get("process")},
                materials={m: materials[m].data for m in names if m in materials},
                options=PartOptions.of(part, data),
            )


def _real_folder(folder: str, real_parents: dict[str, str]) -> str:
    """The real path of `folder`, its parent's taken from `real_parents` (resolved once for
    all the designs in it): a folder that is no link is its real parent's, with its name.
    os.path.realpath looks at every folder on the way, for each design."""
    parent, name = os.path.split(os.path.abspath(folder))
    if not name or os.path.islink(folder):
        return os.path.realpath(folder)
    if parent not in real_parents:
        real_parents[parent] = os.path.realpath(parent)
    return os.path.join(real_parents[parent], name)


def part_path(
    folder: str, real_folder: str, name: str, listing: Mapping[str, FileEntry]
) -> str | None:
    """The real path of the file `name` in a design's `folder` (whose real path is
    `real_folder`), or None when it is missing, is not a regular file or lies outside the
    folder. A name the folder's `listing` (the catalogue's, generator.records.catalog)
    holds as a file is one, with no link on the way; any other is resolved: this runs for
    every part on every build."""
    found = listing.get(name)
    if found is not None and not found.symlink:
        return f"{real_folder}/{name}"
    if "\0" in name:
        return None  # no file has such a name (the validator says so)
    real = os.path.realpath(os.path.join(folder, name))
    return real if real.startswith(real_folder + os.sep) and os.path.isfile(real) else None


def without_mesh(catalog: Catalog, paths: list[str]) -> list[PartWithoutMesh]:
    """The parts of the selected designs that name no file (only a source, or nothing):
    nothing to analyse, said so rather than left out."""
    skipped: list[PartWithoutMesh] = []
    processes = catalog.processes  # made once: each call builds the table anew
    for design_id, record in _designs_in(catalog, paths):
        for part in record.data.get("parts") or []:
            if not isinstance(part, dict) or isinstance(part.get("file"), str):
                continue
            process = processes.get(str(part.get("process")))
            how = process.data.get("name") if process else part.get("process")
            source = part.get("source")
            process_id = part.get("process")
            skipped.append(
                PartWithoutMesh(
                    file=record.display,
                    design=design_id,
                    part=str(part.get("id")),
                    process=process_id if isinstance(process_id, str) else None,
                    reason=f"no part file: a part made by {how} is made from its source"
                    + (f" ({source})" if isinstance(source, str) else "")
                    + ", so there is nothing to analyse; export its STL, SVG or DXF to have "
                    "it checked",
                )
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


def _loose_job(catalog: Catalog, path: Path, material: str | None, chosen: str | None) -> Job:
    if chosen is None and path.suffix.lower() in DRAWING_SUFFIXES:
        flat = sorted(i for i, r in catalog.processes.items() if r.data.get("analysis") == "flat")
        raise SelectionError(
            f"{path}: say which process cuts or sews it, with --process ({', '.join(flat)})"
        )
    process_id = chosen or DEFAULT_PROCESS
    process = catalog.processes.get(process_id)
    names = (
        [material]
        if material
        else [
            m
            for m, r in sorted(catalog.materials.items())
            if process_id in suited_processes(r.data)
        ]
    )
    return Job(
        path=path.resolve(),
        shown=display_path(catalog.root, path),
        design=None,
        part=None,
        quantity=1,
        process=process.data if process else {"id": process_id},
        materials={m: catalog.materials[m].data for m in names},
    )


def run(jobs: list[Job], settings: Settings, progress: Progress = SILENT) -> list[PartResult]:
    """Results in job order: from the cache where possible, the rest in parallel, each
    reported to `progress` as it is done."""
    # The jobs to analyse, one for each cache key: the same file with the same inputs may
    # be a part of many designs, and is analysed once for all of them.
    todo: dict[str, tuple[int, str]] = {}  # key -> (first job's index, content hash)
    keys: list[tuple[str, str]] = []  # each job's cache key and content hash
    hashes = FileHashes(settings.cache / HASHES_FILE)
    read: dict[str, PartResult | None] = {}  # a file shared by several parts is read once
    keyed = CacheKeys(settings)
    for index, job in enumerate(jobs):
        folder = settings.cache_of(job.path)
        # Only the repository's own files are remembered in its cache.
        content_hash = hashes.of(job.path) if folder == settings.cache else file_hash(job.path)
        key = keyed.of(content_hash, job)
        keys.append((key, content_hash))
        if key not in read:
            read[key] = _read_cache(folder / f"{key}.json")
            if read[key] is None:
                todo[key] = (index, content_hash)
    what = "analysing parts and slicing them with PrusaSlicer" if settings.slicer else None
    progress.begin(what or "analysing parts", len(todo))
    try:
        done = _analyse_all([(jobs[i], h) for i, h in todo.values()], settings, progress)
    finally:
        progress.end()
    for (key, (index, _)), result in zip(todo.items(), done, strict=True):
        if result.verdict != "not-analysed":  # a timeout may pass on a quieter machine
            folder = settings.cache_of(jobs[index].path)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{key}.json").write_text(dumps(result))
        read[key] = result
    hashes.save()
    # The result is the file's, the header each job's.
    return [
        replace(found, analysed=_header(job, content_hash))
        for job, (key, content_hash) in zip(jobs, keys, strict=True)
        if (found := read[key]) is not None  # read from the cache or analysed above
    ]


def _analyse_all(
    todo: list[tuple[Job, str]], settings: Settings, progress: Progress
) -> list[PartResult]:
    """Each (job, content hash) analysed, in order: in this process for one part, else in
    parallel, each reported as it finishes (no pool for none: all read from the cache)."""
    if len(todo) <= 1 or settings.workers == 1:
        results = []
        for job, content_hash in todo:
            results.append(analyse_job(job, content_hash, settings))
            progress.advance(job.shown)
        return results
    # Imported here: one part is analysed in this process, without the pool's modules.
    from concurrent.futures import ProcessPoolExecutor, as_completed

    workers = settings.workers or os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=min(workers, max(len(todo), 1))) as pool:
        futures = {pool.submit(analyse_job, job, h, settings): job for job, h in todo}
        for future in as_completed(futures):
            progress.advance(futures[future].shown)
        return [future.result() for future in futures]


HASHES_FILE = "hashes.json"


def _read_cache(path: Path) -> PartResult | None:
    """The cached result, or None when there is none or it is not one (a file of another
    shape, cut short or edited): the part is then analysed again."""
    try:
        return part_result_from_json(json.loads(path.read_text()))
    except (OSError, ValueError, DecodeError):
        return None


def _header(job: Job, content_hash: str) -> AnalysedFile:
    """Which file, part and design a result is for."""
    return AnalysedFile(
        file=job.shown,
        design=job.design,
        part=job.part,
        quantity=job.quantity,
        sha256=content_hash,
        analyser_version=ANALYSER_VERSION,
    )


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


def analyse_job(job: Job, content_hash: str, settings: Settings) -> PartResult:
    """Analyse one part; never raises for a bad file: the result holds the finding."""
    # Imported here: numpy (the STL reader's too) takes a while; cached runs need none.
    from generator.analysis import preview
    from generator.analysis.part import WrongKind, analyse_drawing, analyse_mesh
    from generator.analysis.slicing import TooComplex
    from generator.records.stl import StlError, read_triangles

    drawing = job.path.suffix.lower() in DRAWING_SUFFIXES
    unreadable: tuple[type[ValueError], ...] = (StlError,)
    if drawing:  # shapely reads drawings; a mesh needs none of it
        from generator.records.outline import OutlineError, read_outline

        unreadable = (StlError, OutlineError)
    analysed = _header(job, content_hash)
    start = time.monotonic()
    try:
        with _time_limit(settings.budget_s):
            folder = settings.cache_of(job.path)
            image = folder / f"{content_hash}-preview{PREVIEW_VERSION}.png"
            if drawing:
                outline = read_outline(job.path, job.options.units)
                analysis = analyse_drawing(outline, job.process, job.materials, job.options)
                picture = partial(preview.render_outline_png, outline.upright())
            else:
                triangles = read_triangles(job.path, settings.max_mb)
                analysis = analyse_mesh(
                    triangles,
                    job.process,
                    job.materials,
                    job.options,
                    deadline=start + settings.budget_s / 2,
                )
                picture = partial(preview.render_png, triangles)
            if not image.exists():
                folder.mkdir(parents=True, exist_ok=True)
                image.write_bytes(picture())
            # The alarm's exception is lost if it fires inside a finaliser (Python only
            # prints it there), so the clock has the last word.
            if time.monotonic() - start > settings.budget_s:
                raise BudgetExceeded
    except unreadable as error:
        message = str(error).replace(str(job.path), job.shown)
        return PartFailure(analysed=analysed, error=message, verdict="unreadable")
    except WrongKind as error:
        return PartFailure(analysed=analysed, error=f"{job.shown}: {error}", verdict="not-analysed")
    except BudgetExceeded:
        message = (
            f"{job.shown}: analysis took longer than the {settings.budget_s:g} s budget; "
            "simplify the mesh (fewer faces) or raise the budget (--time-budget)"
        )
        return PartFailure(analysed=analysed, error=message, verdict="not-analysed")
    except TooComplex as error:
        message = f"{job.shown}: {error}"
        return PartFailure(analysed=analysed, error=message, verdict="not-analysed")
    except MemoryError:
        message = f"{job.shown}: the part is too large to analyse in memory; simplify the mesh"
        return PartFailure(analysed=analysed, error=message, verdict="not-analysed")
    unknown = non_finite(to_json(analysis))
    if unknown:  # JSON has no NaN: a figure the analysis could not compute is a bug
        message = (
            f"{job.shown}: the analysis gave no number for {', '.join(unknown)}; please "
            "report it with the file"
        )
        return PartFailure(analysed=analysed, error=message, verdict="not-analysed")
    return PartAnalysis(
        analysed=analysed,
        analysis=analysis,
        preview_png=str(image),
        seconds=round(time.monotonic() - start, 3),
        prusa_slicer=_slicer_figures(job, analysis) if settings.slicer else None,
    )


def _slicer_figures(job: Job, analysis: Analysis) -> SlicerFigures | SlicerFailure:
    """PrusaSlicer's figures, sliced as the estimate was: with support where its figures
    hold support material."""
    checks = analysis.printability
    supported = "support" in (analysis.profile.breakdown_cm3 or {})
    rule = checks.max_overhang_deg if checks is not None else None
    options = support_options(rule) if supported and rule is not None else ()
    try:
        return slice_part(
            job.path, REFERENCE_PROFILE, settings=job.options.print_settings, options=options
        )
    except SlicerError as error:
        return SlicerFailure(error=str(error))
