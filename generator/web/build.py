"""Build stage: the I/O edge around `render_site`, and the MkDocs and Pagefind runs.

`generate` loads and validates the records, analyses the parts, renders the site and makes
the files rendering asked for (generator.web.derived: zips, WebP images, patterns, mesh
scripts for the 3D viewer), so a rebuild only redoes what changed. It does so for each
language: the English site has every file, another language's (site/fr/) its own pages
and scripts' data, and takes the rest from the English site; what they are made from is
read once (`Sources`). The MkDocs hook (`generator/mkdocs_hook.py`) hands the result to
MkDocs in memory; nothing is written into a folder `mkdocs serve` watches.

Builds are incremental (generator.web.incremental): each language's site folder keeps a
manifest of what its last build was made from and wrote, and a build validates, renders
and writes only what changed.
"""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.findings.progress import SILENT, Progress
from generator.records.cache_file import forget_cache
from generator.web.derived import CACHE_FOLDER, Maker, site_files

# BuildError is the build stage's error to its callers, raised by the files it makes too.
from generator.web.derived import BuildError as BuildError
from generator.web.i18n import LANGUAGES, SOURCE, TRANSLATED
from generator.web.incremental import (
    Manifest,
    Reuse,
    bundles_path,
    reuse,
    write_bundles,
)
from generator.web.memory import full_collections_put_off, release_memory
from generator.web.published import publishing_problems
from generator.web.render import render_site
from generator.web.scripts import own_scripts
from generator.web.search import SearchError, SearchRecord, write_index
from generator.web.site import Page, Settings, Texts, build_date
from generator.web.sources import PROJECT, Sources, read_sources
from generator.web.writing import Writer, cut_stylesheet

if TYPE_CHECKING:  # serve's preview renders with the build's code
    from generator.web.index import PerDesign
    from generator.web.preview import Preview

# Where build_site hands its Progress to the MkDocs hook, in the configuration's `extra`.
PROGRESS_KEY = "makelocal_progress"
# Where build_site hands the hook the BuildState of the language it builds.
STATE_KEY = "makelocal_state"


@dataclass
class BuildState:
    """The manifest of a language's site folder's last build, the one this build leaves
    (the hook fills it in; build_site writes it once MkDocs and Pagefind are done), and the
    Writer that wrote it."""

    previous: Manifest | None = None
    manifest: Manifest | None = None
    writer: Writer | None = None
    # The English site's state, for another language's build: its pages take Material's
    # stylesheet from the English site.
    source: BuildState | None = None
    # Served: what the last complete build rendered with, to preview an edited record.
    preview: Preview | None = None


# `makelocal serve` builds again and again in one process: its state lives here, by site
# folder (MkDocs loads the hook module afresh for each build).
SERVING: dict[str, BuildState] = {}


@dataclass
class Generated:
    """What MakeLocal adds to a MkDocs build of one language's site: pages, texts and files
    to copy, which of its pages the other languages' sites have, and the manifests of the
    last build of the site folder and of this one (its outputs filled in as they are
    written)."""

    pages: list[Page] = field(default_factory=list)
    texts: Texts = field(default_factory=Texts)
    files: dict[str, Path | str] = field(default_factory=dict)  # site path -> file to copy
    language: str = SOURCE
    # Each other language, and whether its site has a page (by its path, as in `pages`).
    others: dict[str, Callable[[str], bool]] = field(default_factory=dict)
    manifest: Manifest | None = None
    previous: Manifest | None = None
    sources: Sources | None = None  # what it was made from
    scripts: list[str] = field(default_factory=list)  # the site's own, among `texts`
    per_design: PerDesign | None = None  # the English site's (for serve's preview)
    kept_texts: list[str] = field(default_factory=list)  # held as the last build wrote them
    reuse: Reuse | None = None  # what it took from the last build (Site.reuse)


def generate(
    root: Path,
    project: Path = PROJECT,
    settings: Settings | None = None,
    progress: Progress = SILENT,
    language: str = SOURCE,
    sources: Sources | None = None,
    site_dir: Path | None = None,
    previous: Manifest | None = None,
) -> Generated:
    """Everything one language's site adds to MkDocs' own files, for the records below
    `root` (read from `sources` when they have been read already); for a build into
    `site_dir` whose last build left the manifest `previous`, only what changed is
    rendered.

    The English site has every file; another language's has its pages, its scripts' data
    and the site's own scripts, and takes the rest from the English site
    (generator.web.translated)."""
    settings = settings or Settings()
    sources = sources or read_sources(root, project, progress, previous)
    if previous is not None and (previous.code != sources.code or site_dir is None):
        previous = None
    manifest = Manifest(sources.code, dict(sources.entries))
    site = render_site(
        sources.catalog,
        sources.analyses,
        settings,
        sources.in_language(sources.documents, language),
        sources.schemas,
        sources.in_language(sources.guides, language),
        language,
        sources.view(language) if language != SOURCE else None,
        sources.summaries,
        later=site_dir is not None,
        reuse=partial(reuse, settings, manifest, previous, site_dir),
    )
    before = previous.published if previous else {}
    problems = publishing_problems(root, site, before, manifest.published)
    if problems:
        raise BuildError(
            "the site would publish what it must not; fix the records and build again:\n"
            + "\n".join(f"  {problem}" for problem in problems)
        )
    scripts = own_scripts(project / "generator" / "web" / "assets")
    if clash := sorted(set(scripts) & set(site.texts)):
        raise BuildError(f"two files of the site would both be {clash[0]}; rename one")
    site.texts.update(scripts)
    files: dict[str, Path | str] = {}
    if language == SOURCE:
        found = others(sources, {SOURCE})
        files = site_files(site, Maker(root, root / CACHE_FOLDER), progress)
        manifest.files = {
            design: {target: str(files[target]) for target in targets}
            for design, targets in site.design_files.items()
        }
    else:
        found = {SOURCE: lambda _page: True, **others(sources, {SOURCE, language})}
    return Generated(
        site.pages,
        site.texts,
        files,
        language,
        found,
        manifest,
        previous,
        sources,
        scripts=sorted(scripts),
        per_design=site.per_design,
        kept_texts=site.kept_texts,
        reuse=site.reuse,
    )


def others(sources: Sources, but: set[str]) -> dict[str, Callable[[str], bool]]:
    """Each translated language but those named, and whether its site has a page: asked
    first once the pages are rendered, so the language's view of the records is made then,
    not while the English site's texts are held (22 MB at 10,000 designs)."""
    return {
        language: partial(_has_page, sources, language)
        for language in TRANSLATED
        if language not in but
    }


def _has_page(sources: Sources, language: str, page: str) -> bool:
    return sources.view(language).has(page)


# --- running MkDocs and Pagefind ----------------------------------------------------------------


def source_date_epoch() -> str:
    """SOURCE_DATE_EPOCH for MkDocs (sitemap dates): from the environment, else fixed."""
    return os.environ.get("SOURCE_DATE_EPOCH", "0")


# Where mkdocs.yml's `extra` carries the build's date to the hook, as YYYY-MM-DD.
AS_OF_KEY = "makelocal_as_of"


# Where build_site hands the hook what every language's site is made from, read once.
SOURCES_KEY = "makelocal_sources"
LANGUAGE_KEY = "makelocal_language"  # the language of the site a MkDocs run builds
LANGUAGES_KEY = "makelocal_languages"  # the languages build_site builds: pages name only them


def mkdocs_config(
    root: Path, site_dir: Path, project: Path = PROJECT, language: str = SOURCE
) -> Any:
    """MkDocs' configuration for one language's site (mkdocs.yml, with the theme's
    language and the site's folder: another language's site is a folder of the English
    one, `site/fr/`)."""
    from mkdocs.config import load_config

    folder = LANGUAGES[language].folder
    config = load_config(
        str(project / "mkdocs.yml"), site_dir=str(language_site(site_dir, language))
    )
    config.extra["makelocal_root"] = str(root.resolve())
    config.extra[LANGUAGE_KEY] = language
    config.theme["language"] = language
    if folder and config.site_url:  # its pages' canonical addresses and its sitemap's
        config.site_url = f"{config.site_url.rstrip('/')}/{folder}/"
    return config


class _Problems(logging.Handler):
    """Collects MkDocs' warnings and errors, so a failed build says why in its exception."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# Material's files, which the other languages' sites take from the English one (the hook
# leaves them out of those sites).
THEME_FOLDERS = ("stylesheets", "javascripts", "images")
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
    languages: tuple[str, ...] = tuple(LANGUAGES),
) -> int:
    """Build the site into `site_dir`: MkDocs (strict) once for each of `languages`
    (English, whose site holds the others', and by default every other), then the Pagefind
    search index of every language's pages; each long step reported to `progress`. Its
    pages in every language, counted in the manifests (walking the folder took 1.2 s).

    The site is built as of `as_of`, by default the build's date (`build_date`), read
    before SOURCE_DATE_EPOCH is fixed for MkDocs below; the variable is put back as it was
    afterwards, so that a later build in the same process reads the same date."""
    # Relative to the current folder; MkDocs would read it relative to mkdocs.yml.
    site_dir = site_dir.resolve()
    problem = site_dir_problem(site_dir)
    if problem:
        raise BuildError(problem)
    as_of = as_of or build_date()
    built = (SOURCE, *(code for code in languages if code != SOURCE))
    states = last_builds(root, site_dir, built)
    with full_collections_put_off():
        given_epoch = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch()
        try:
            _run_mkdocs(root, site_dir, project, progress, as_of, states)
        finally:
            if given_epoch is None:
                del os.environ["SOURCE_DATE_EPOCH"]
        writers = [state.writer for state in states.values()]
        if any(writer is None for writer in writers):
            raise BuildError("MkDocs built nothing: the MakeLocal hook did not run")
        cut_stylesheet([writer for writer in writers if writer is not None])
        del writers
        searched, before, pages = _written(root, site_dir, states)
        # Before Pagefind, in every build: a build on the last one held 483-487 MB while
        # Pagefind indexed its changed bundles (146 MB), and 399-400 MB with this.
        release_memory()
        progress.begin("indexing the search", 1)
        try:
            bundles = index_search(searched, site_dir, before)
            write_bundles(manifest_path(root, site_dir, SOURCE), bundles)
            progress.advance("pagefind")
        finally:
            progress.end()
    return pages


def _written(
    root: Path, site_dir: Path, states: dict[str, BuildState]
) -> tuple[list[SearchRecord], dict[str, str], int]:
    """Each language's manifest written, then let go of: what Pagefind is given (every
    searched page's record), the last build's search bundles, and the number of pages."""
    searched = search_records({code: state.manifest for code, state in states.items()})
    english = states[SOURCE].previous
    before = english.search_bundles if english else {}
    pages = 0
    for code, state in states.items():
        assert state.manifest is not None  # a Writer was made with it
        state.manifest.write(manifest_path(root, site_dir, code))
        pages += sum(path.endswith(".html") for path in state.manifest.outputs)
        state.manifest = state.previous = state.writer = state.source = None
    return searched, before, pages


def _run_mkdocs(
    root: Path,
    site_dir: Path,
    project: Path,
    progress: Progress,
    as_of: datetime.date,
    states: dict[str, BuildState],
) -> None:
    """MkDocs' build of each language's site (`states`, English first), from the records
    read once; what the builds read is let go when this returns."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort

    problems = _Problems()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(problems)
    propagate, mkdocs_log.propagate = mkdocs_log.propagate, False
    quiet = DirtyBuildNotes()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        sources = read_sources(root, project, progress, states[SOURCE].previous)
        for language in states:
            config = mkdocs_config(root, site_dir, project, language)
            config.extra[AS_OF_KEY] = as_of.isoformat()
            config.strict = True
            config.extra[PROGRESS_KEY] = progress  # the hook reports the pages it writes
            config.extra[SOURCES_KEY] = sources
            config.extra[LANGUAGES_KEY] = tuple(states)
            config.extra[STATE_KEY] = states[language]
            # Always "dirty": the hook decides what to render and write, and deletes what
            # the build no longer makes (MkDocs would empty the folder first).
            try:
                build(config, dirty=True)
            finally:
                # MkDocs' options keep the last configuration (ListOfItems): the records
                # would live on through the search's indexing to the end of the process.
                for key in (SOURCES_KEY, STATE_KEY, PROGRESS_KEY):
                    del config.extra[key]
    except Abort as error:
        raise BuildError("\n".join([*problems.messages, str(error)])) from None
    finally:
        progress.end()  # the hook's step, whether or not MkDocs got to the end
        mkdocs_log.removeHandler(problems)
        mkdocs_log.propagate = propagate
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)


def last_builds(root: Path, site_dir: Path, built: tuple[str, ...]) -> dict[str, BuildState]:
    """Each built language's state, with its site folder's last manifest, which is removed:
    from the first file written, the folder is no longer what it says, so a build that
    fails (or is stopped) leaves none, and the next build makes everything. (Manifests are
    written before Pagefind runs, their search bundles once it has made them.)

    A manifest of a folder that holds nothing (a site/ made anew beside a cache kept, as
    the publishing workflow keeps it) is not read: it describes no file there, and a
    build held it to the end (its peak memory at 10,000 designs: 702 MB with it, 561 MB
    without). What it knew of the records (which were checked, the finder's entries) is
    worked out again: the build's CPU was the same either way, within this machine's
    swings (53.7-55.1 s of user time without it, 54.9-55.4 s with it)."""
    states = {}
    for code in built:
        path = manifest_path(root, site_dir, code)
        states[code] = BuildState(
            Manifest.read(path) if _holds_files(language_site(site_dir, code)) else None
        )
        forget_cache(path)
        forget_cache(bundles_path(path))
    for code in built[1:]:
        states[code].source = states[SOURCE]
    return states


def _holds_files(folder: Path) -> bool:
    """Whether `folder` is a folder with anything in it."""
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is not None
    except OSError:  # not there, or not a folder
        return False


def language_site(site_dir: Path, language: str) -> Path:
    """The folder of a language's site, in the site built into `site_dir`."""
    folder = LANGUAGES[language].folder
    return site_dir / folder if folder else site_dir


def manifest_path(root: Path, site_dir: Path, language: str) -> Path:
    """Where the manifest of a language's site, built into `site_dir`, is kept."""
    return Manifest.path(root, language_site(site_dir, language))


class DirtyBuildNotes(logging.Filter):
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


def search_records(manifests: dict[str, Manifest | None]) -> list[SearchRecord]:
    """Every searched page of every language's site, in its language, as its build's
    manifest has it (generator.web.search)."""
    records = []
    for code, manifest in manifests.items():
        if manifest is None:
            continue
        folder = LANGUAGES[code].folder
        prefix = f"/{folder}/" if folder else "/"
        records += [
            SearchRecord(f"{prefix}{page}", text, meta, code, digest)
            for page, (text, meta, digest) in manifest.search.items()
        ]
    return records


def index_search(
    records: list[SearchRecord], site_dir: Path, before: dict[str, str]
) -> dict[str, str]:
    """The Pagefind indexes of `records`, made again only where their pages changed since
    the build whose bundles' digests are `before`; the digests of this build's."""
    try:
        return write_index(records, site_dir, before)
    except (SearchError, OSError) as error:
        raise BuildError(f"Pagefind could not index the site:\n{error}") from None


def serve(root: Path, dev_addr: str, project: Path = PROJECT) -> None:
    """Serve the site with live reload; records, designs and templates are watched too.

    No search index is made here (Pagefind runs after a full build); the search page then
    falls back to searching names and summaries, and says so. It serves the English site:
    `build` makes the other languages'.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.config import load_config

    extra = dict(load_config(str(project / "mkdocs.yml")).extra)
    extra["makelocal_root"] = str(root.resolve())
    # The English site only (MkDocs serves one site): its pages offer no other language.
    extra[LANGUAGES_KEY] = (SOURCE,)
    # Show MkDocs' own messages ("Serving on ...", rebuilds, problems) as `mkdocs serve` does.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO)
    # "Dirty": each rebuild starts from the last one's files and state (SERVING), so one
    # edited record redoes its own pages, not the site.
    quiet = DirtyBuildNotes()
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
