"""Build stage: the I/O edge around `render_site`, and the MkDocs and Pagefind runs.

`generate` loads and validates the records, analyses the parts, renders the site and makes
the files rendering asked for (generator.web.derived: zips, WebP images, patterns, mesh
scripts for the 3D viewer), so a rebuild only redoes what changed. The MkDocs hook
(`generator/mkdocs_hook.py`) hands the result to MkDocs in memory; nothing is written
into a folder `mkdocs serve` watches.
"""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from generator.analysis import runner as analyse_run
from generator.analysis.results import PartResult
from generator.checks.validate import validate_catalog, validate_selection
from generator.findings import Finding, has_errors
from generator.findings.progress import SILENT, Progress
from generator.records.catalog import (
    Catalog,
    load_catalog,
)
from generator.records.content import content_problem
from generator.records.parsed import CACHE_FILE as PARSED_RECORDS
from generator.records.parsed import ParsedRecords

# BuildError is the build stage's error to its callers, raised by the files it makes too.
from generator.web.derived import BuildError as BuildError
from generator.web.derived import Maker
from generator.web.incremental import (
    Manifest,
    code_fingerprint,
    kept_pages,
    record_entries,
    to_check,
)
from generator.web.pages.documents import DOCUMENTS
from generator.web.render import render_site
from generator.web.search import SearchError, SearchRecord, write_index
from generator.web.site import Page, Settings, Site, build_date

PROJECT = Path(__file__).resolve().parents[2]
CACHE_FOLDER = ".cache/site"
DOCS_FOLDER = "docs"  # mkdocs.yml's docs_dir
# Where build_site hands its Progress to the MkDocs hook, in the configuration's `extra`.
PROGRESS_KEY = "makelocal_progress"
# Where build_site hands the hook its BuildState.
STATE_KEY = "makelocal_state"


@dataclass
class BuildState:
    """The manifest of the site folder's last build, and the one this build leaves (the
    hook fills it in; build_site writes it once MkDocs and Pagefind are done)."""

    previous: Manifest | None = None
    manifest: Manifest | None = None


# `makelocal serve` builds again and again in one process: its state lives here, by site
# folder (MkDocs loads the hook module afresh for each build).
SERVING: dict[str, BuildState] = {}


@dataclass
class Generated:
    """What MakeLocal adds to a MkDocs build: pages, texts and files to copy, and the
    manifests of the last build of the site folder and of this one (its outputs filled in
    as they are written)."""

    pages: list[Page] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)  # site path -> file to copy
    manifest: Manifest | None = None
    previous: Manifest | None = None


def load_valid_catalog(root: Path) -> Catalog:
    catalog = load_catalog(root)
    refuse_errors(validate_catalog(catalog))
    return catalog


def refuse_errors(findings: list[Finding]) -> None:
    """BuildError with every error, if there is one."""
    if has_errors(findings):
        # One line a finding with its hint (`makelocal validate` prints the grouped report):
        # the build stage leaves the reporters to the command line.
        errors = [f for f in sorted(findings) if f.severity == "error"]
        raise BuildError(
            "the records have errors; fix them and build again:\n"
            + "\n".join(f"  {f.located()}\n      hint: {f.hint}" for f in errors)
        )


def load_checked(
    root: Path, code: str, previous: Manifest | None
) -> tuple[Catalog, dict[str, list[str]]]:
    """The catalogue, validated, and its manifest entries. After a build of the same code
    (`previous`), records whose files did not change are not parsed again and only the
    records that changed, and those naming them, are validated (generator.web.incremental)."""
    remembered = ParsedRecords(root / PARSED_RECORDS, reuse=previous is not None)
    catalog = load_catalog(root, remembered=remembered)
    entries = record_entries(catalog, remembered.digests())
    if previous is None:
        refuse_errors(validate_catalog(catalog))
    else:
        checked = to_check(catalog, previous, entries)
        catalog.reparse(checked)
        refuse_errors(validate_selection(catalog, checked))
    remembered.save()
    catalog.forget_positions()
    return catalog, entries


def analyse(catalog: Catalog, root: Path, progress: Progress = SILENT) -> dict[str, PartResult]:
    """The analysis of every part, keyed "design-id/part-id", from the analysis runner
    (cached under .cache/analysis/ by each STL's content hash)."""
    jobs = analyse_run.select_jobs(catalog, [], None)
    settings = analyse_run.Settings(cache=root / analyse_run.CACHE_FOLDER)
    results = analyse_run.run(jobs, settings, progress)
    return {f"{r.analysed.design}/{r.analysed.part}": r for r in results if r.analysed.design}


def guides(docs: Path) -> dict[str, str]:
    """The hand-written pages of the site (docs/**/*.md, by their path there) and their text;
    the render stage makes them pages like every other."""
    return {
        path.relative_to(docs).as_posix(): path.read_text("utf-8")
        for path in sorted(docs.rglob("*.md"))
        if path.is_file() and not path.is_symlink()
    }


def generate(
    root: Path,
    project: Path = PROJECT,
    settings: Settings | None = None,
    progress: Progress = SILENT,
    site_dir: Path | None = None,
    previous: Manifest | None = None,
) -> Generated:
    """Everything the site adds to MkDocs' own files, for the records below `root`; for a
    build into `site_dir` whose last build left the manifest `previous`, only what changed
    is validated and rendered."""
    settings = settings or Settings()
    code = code_fingerprint(project)
    if previous is not None and (previous.code != code or site_dir is None):
        previous = None
    catalog, entries = load_checked(root, code, previous)
    manifest = Manifest(code, entries)
    keep = partial(kept_pages, settings, manifest, previous, site_dir)
    site = render_site(
        catalog,
        analyse(catalog, root, progress),
        settings,
        {
            name: (project / name).read_text("utf-8")
            for name in DOCUMENTS
            if (project / name).is_file()
        },
        {path.name: path for path in sorted((project / "schemas").glob("*.schema.json"))},
        guides(project / DOCS_FOLDER),
        later=site_dir is not None,
        keep=keep,
    )
    problems = publishing_problems(root, site)
    if problems:
        raise BuildError(
            "the site would publish what it must not; fix the records and build again:\n"
            + "\n".join(f"  {problem}" for problem in problems)
        )
    maker = Maker(root, root / CACHE_FOLDER)
    assets = project / "generator" / "web" / "assets"
    made = make_files(
        [
            {target: partial(maker.mesh, stl) for target, stl in site.meshes.items()},
            {target: partial(maker.image, job) for target, job in site.images.items()},
            {target: partial(maker.pattern, job) for target, job in site.patterns.items()},
            {t: partial(maker.archive, t, archive) for t, archive in site.archives.items()},
        ],
        progress,
    )
    groups: list[dict[str, Path]] = [
        dict(site.copies),
        *made,
        {
            f"assets/makelocal/{asset.relative_to(assets).as_posix()}": asset
            for asset in sorted(assets.rglob("*"))
            if asset.is_file()
        },
    ]
    files: dict[str, Path] = {}
    taken = {page.path for page in site.pages} | set(site.texts)
    for group in groups:
        for target, source in group.items():
            if target in files or target in taken:
                raise BuildError(f"two files of the site would both be {target}; rename one")
            files[target] = source
    return Generated(site.pages, site.texts, files, manifest, previous)


def make_files(
    groups: list[dict[str, Callable[[], Path]]], progress: Progress
) -> list[dict[str, Path]]:
    """Each group's files made (or taken from the cache), by their site path, each reported
    to `progress` as it is done."""
    progress.begin("making files", sum(len(group) for group in groups))
    try:
        made: list[dict[str, Path]] = []
        for group in groups:
            files: dict[str, Path] = {}
            for target, make in group.items():
                files[target] = make()
                progress.advance(target)
            made.append(files)
        return made
    finally:
        progress.end()


def publishing_problems(root: Path, site: Site) -> list[str]:
    """What the rendered site would publish that it must not, checked again here so that a
    build never relies on validation having run: addresses outside the site folder, files
    from outside the records' folders, and contributed files of a type, or with a content,
    the validator refuses (generator.records.content)."""
    problems = [
        f"{target!r} is not an address inside the site"
        for target in [
            *(page.path for page in site.pages),
            *site.texts,
            *site.copies,
            *site.images,
            *site.meshes,
            *site.archives,
            *site.patterns,
        ]
        if not inside_site(target)
    ]
    # Strings and one look at each folder, not pathlib for every file: this runs over every
    # file of the site on every build.
    top = os.path.abspath(root)
    contributed = tuple(os.path.join(top, folder) + os.sep for folder in ("designs", "catalog"))
    linked: dict[str, bool] = {}

    def in_a_link(folder: str) -> bool:
        """Whether `folder`, or a folder between it and the root, is a link."""
        if len(folder) <= len(top) or not folder.startswith(top):
            return False
        if folder not in linked:
            linked[folder] = os.path.islink(folder) or in_a_link(os.path.dirname(folder))
        return linked[folder]

    images = ((target, job.source) for target, job in site.images.items())
    sources = [*site.copies.items(), *site.meshes.items(), *images]
    for target, source in sources:
        path = os.path.abspath(source)
        if not path.startswith(contributed):
            continue  # the project's own files (schemas) and the analysis's previews
        if os.path.islink(path) or in_a_link(os.path.dirname(path)):
            # Copying follows a link: a part linked to /etc/passwd would be published.
            problems.append(f"{target}: {source} is, or lies in a folder that is, a link")
        elif not os.path.isfile(path):
            problems.append(f"{target}: {source} is not a file of the records")
        elif problem := content_problem(source.name, source, os.path.getsize(path)):
            problems.append(f"{target}: {problem.message}")
    return problems


def inside_site(target: str) -> bool:
    """Whether `target` is a plain relative address inside the site: not absolute, no
    empty, `.` or `..` step, no backslash or control character."""
    return not (
        not target
        or PurePosixPath(target).is_absolute()
        or "\\" in target
        or any(part in ("", ".", "..") for part in target.split("/"))
        or any(ord(c) < 0x20 or ord(c) == 0x7F for c in target)
    )


# --- running MkDocs and Pagefind ----------------------------------------------------------------


def source_date_epoch() -> str:
    """SOURCE_DATE_EPOCH for MkDocs (sitemap dates): from the environment, else fixed."""
    return os.environ.get("SOURCE_DATE_EPOCH", "0")


# Where mkdocs.yml's `extra` carries the build's date to the hook, as YYYY-MM-DD.
AS_OF_KEY = "makelocal_as_of"


def mkdocs_config(root: Path, site_dir: Path, project: Path = PROJECT) -> Any:
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    config.extra["makelocal_root"] = str(root.resolve())
    return config


class _Problems(logging.Handler):
    """Collects MkDocs' warnings and errors, so a failed build says why in its exception."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# Every MakeLocal site has this folder; a folder without it is not an earlier build.
SITE_MARK = "assets/makelocal"


def site_dir_problem(site_dir: Path) -> str | None:
    """Why the site must not be built into `site_dir`, or None.

    MkDocs empties the site folder before it builds (all but hidden files), so only a new
    or empty folder, or an earlier MakeLocal site, may be used: `--site-dir designs`
    would otherwise delete every design.
    """
    if site_dir.exists() and not site_dir.is_dir():
        return f"{site_dir} is a file, not a folder: choose a folder for the site"
    if not site_dir.is_dir() or (site_dir / SITE_MARK).is_dir():
        return None
    if any(not entry.name.startswith(".") for entry in site_dir.iterdir()):
        return (
            f"{site_dir} holds files that are not a MakeLocal site, and building there would "
            "delete them: choose a new or empty folder (the default is site/ in the repository)"
        )
    return None


def build_site(
    root: Path,
    site_dir: Path,
    project: Path = PROJECT,
    progress: Progress = SILENT,
    as_of: datetime.date | None = None,
) -> None:
    """Build the site into `site_dir`: MkDocs (strict), then the Pagefind search index;
    each long step reported to `progress`.

    The site is built as of `as_of`, by default the build's date (`build_date`), read
    before SOURCE_DATE_EPOCH is fixed for MkDocs below; the variable is put back as it was
    afterwards, so that a later build in the same process reads the same date."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort

    # Relative to the current folder; MkDocs would read it relative to mkdocs.yml.
    site_dir = site_dir.resolve()
    problem = site_dir_problem(site_dir)
    if problem:
        raise BuildError(problem)
    as_of = as_of or build_date()
    given_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch()
    problems = _Problems()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(problems)
    propagate, mkdocs_log.propagate = mkdocs_log.propagate, False
    quiet = _DirtyBuildNotes()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    manifest_path = Manifest.path(root, site_dir)
    state = BuildState(Manifest.read(manifest_path))
    try:
        config = mkdocs_config(root, site_dir, project)
        config.extra[AS_OF_KEY] = as_of.isoformat()
        config.strict = True
        config.extra[PROGRESS_KEY] = progress  # the hook reports the pages it writes
        config.extra[STATE_KEY] = state
        # Always "dirty": the hook decides what to render and write, and deletes what the
        # build no longer makes (MkDocs would empty the folder first).
        build(config, dirty=True)
    except Abort as error:
        raise BuildError("\n".join([*problems.messages, str(error)])) from None
    finally:
        progress.end()  # the hook's step, whether or not MkDocs got to the end
        mkdocs_log.removeHandler(problems)
        mkdocs_log.propagate = propagate
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
        if given_epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
    if state.manifest is None:
        raise BuildError("MkDocs built nothing: the MakeLocal hook did not run")
    progress.begin("indexing the search", 1)
    try:
        index_search(state.manifest, site_dir)
        progress.advance("pagefind")
    finally:
        progress.end()
    state.manifest.write(manifest_path)


class _DirtyBuildNotes(logging.Filter):
    """Drops MkDocs' notes on "dirty" builds, which warn of stale navigation: the hook
    renders every page whose inputs changed (a warning would fail the strict build), and
    of pages skipped because the site folder holds them already."""

    NOTES = ("A 'dirty' build is being performed", "The directory contains stale files")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (
            message.startswith(self.NOTES)
            or (message.startswith(("Page skipped", "Template skipped")) and "empty" in message)
        )


def index_search(manifest: Manifest, site_dir: Path) -> None:
    """The Pagefind index of every searched page's record (generator.web.search)."""
    records = [
        SearchRecord(f"/{page}", text, meta) for page, (text, meta) in manifest.search.items()
    ]
    try:
        write_index(records, site_dir)
    except (SearchError, OSError) as error:
        raise BuildError(f"Pagefind could not index the site:\n{error}") from None


def serve(root: Path, dev_addr: str, project: Path = PROJECT) -> None:
    """Serve the site with live reload; records, designs and templates are watched too.

    No search index is made here (Pagefind runs after a full build); the search page then
    falls back to searching names and summaries, and says so.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.config import load_config

    extra = dict(load_config(str(project / "mkdocs.yml")).extra)
    extra["makelocal_root"] = str(root.resolve())
    # Show MkDocs' own messages ("Serving on ...", rebuilds, problems) as `mkdocs serve` does.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO)
    # "Dirty": each rebuild starts from the last one's files and state (SERVING), so one
    # edited record redoes its own pages, not the site.
    quiet = _DirtyBuildNotes()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        mkdocs_serve(
            config_file=str(project / "mkdocs.yml"),
            dev_addr=dev_addr,
            extra=extra,
            build_type="dirty",
        )
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)


def site_summary(site_dir: Path) -> str:
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    pages = sum(1 for p in files if p.suffix == ".html")
    size = sum(p.stat().st_size for p in files)
    return f"{pages} pages, {len(files)} files, {size / 1e6:.1f} MB in {site_dir}"
