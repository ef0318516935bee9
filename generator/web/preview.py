"""`makelocal serve`'s quick preview: an edited record's page shown in about a second, the
rest of the site following with the rebuild.

A rebuild of 10,000 designs takes half a minute: every listing, the finder's and the
scripts' data, the API and the manifests are made again from the whole catalogue. When
the files changed since the last build are records with a page of their own only
(designs, makers, materials, processes, needs), serve first renders their pages from that
build's catalogue, the edited records read, validated (an edited design also analysed)
again, writes them, and lets the browsers reload; then the rebuild brings every other
page up to date (and writes the previewed pages again only if their bytes differ: they do
not, which tests/web/test_preview.py checks).

Anything else (a part file, a make report, a template, a record with errors, a changed
id) waits for the rebuild, which reports what it finds, as before.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from generator.checks.validate import validate_selection
from generator.findings import has_errors
from generator.records.catalog import Catalog, Record
from generator.records.documents import Document
from generator.records.loader import load
from generator.web.build import BuildState
from generator.web.index import Index, PerDesign, build_index
from generator.web.memory import full_collections_put_off
from generator.web.pages.design import design_page
from generator.web.pages.needs import need_page
from generator.web.pages.records import maker_page, material_page, process_page
from generator.web.site import Page, Settings, Site
from generator.web.sources import Sources, analyse
from generator.web.writing import Writer

log = logging.getLogger("mkdocs.plugins.makelocal")


@dataclass
class Preview:
    """What the last complete build of a served site rendered its pages with, to render an
    edited record's page again the same way."""

    sources: Sources
    settings: Settings
    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any  # the theme's Jinja environment
    pages: dict[str, Page]  # the hook's pages of that build, by path: it renders from them
    writer: Writer  # that build's, whose manifest says what the site folder holds
    state: BuildState  # the served site's: the hook writes through its writer
    per_design: PerDesign | None  # what its index worked out for each design

    def show(self, changed: set[str]) -> list[str]:
        """The pages rendered and written for the `changed` files (absolute paths), or []
        when the change needs the whole rebuild."""
        # Python's full collection looks at every object the last build holds (1.7 million
        # at 10,000 designs): started by the preview's own few, it took a second of its own.
        with full_collections_put_off():
            return self._show(changed)

    def _show(self, changed: set[str]) -> list[str]:
        edited = edited_records(self.sources.catalog, changed)
        if not edited:
            return []
        catalog = with_edits(self.sources.catalog, edited)
        if catalog is None:
            return []
        records = [r for r in catalog.records if r.display in edited]
        designs = [r for r in records if r.type == "design"]
        ids = {r.id for r in designs}
        analyses = self.sources.analyses
        if designs:  # their parts analysed again (from the cache, unless a file is new)
            analyses = {k: v for k, v in analyses.items() if k.split("/", 1)[0] not in ids}
            others = [r for r in catalog.records if r.type != "design"]
            analyses.update(analyse(replace(catalog, records=others + designs), catalog.root))
        # Designs edited alone leave what the index works out for every other design as
        # the last build's (PerDesign).
        last = self.per_design if len(designs) == len(records) else None
        index = build_index(catalog, analyses, self.settings.as_of, last, ids)
        shown = []
        for record in records:
            page = self._page(index, record)
            self._write(page)
            shown.append(page.path)
        return shown

    def _page(self, index: Index, record: Record) -> Page:
        """The record's own page. A material's or process's changes the analysis of the
        parts made of or by it: their pages wait for the rebuild, as do the analyses
        this page shows (the rebuild writes the page again if it then differs)."""
        if record.type == "design":
            return design_page(index, record, self.settings, Site(), None, "now")
        if record.type == "need":
            return need_page(index, record, self.settings)
        return OWN_PAGES[record.type](index, record)

    def _write(self, page: Page) -> None:
        """The page rendered by MkDocs and the hook as a build renders it."""
        self.pages[page.path] = page
        self.state.writer = self.writer
        # Written whatever the last build found there: its Writer compares with the build
        # before it, and an edit undone would match that and leave the last build's page.
        # The digest it records is what the next build compares with.
        self.writer.before = {}
        # The page's key no longer says what the folder holds: the next build renders it,
        # even if the edit is undone before a rebuild gets through.
        self.writer.manifest.pages.pop(page.path, None)
        file = self.files.get_file_from_path(page.path)
        if file is None or file.page is None:
            raise LookupError(f"{page.path} was not among the last build's pages")
        _populate_page(file.page, self.config, self.files)
        shown = self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        _build_page(file.page, self.config, shown, self.nav, self.env)


# The record types whose own page is previewed (besides designs and needs, which take
# the settings too). A make report has no page of its own: it shows on its design's.
OWN_PAGES: dict[str, Callable[[Index, Record], Page]] = {
    "material": material_page,
    "process": process_page,
    "maker": maker_page,
}
PREVIEWED = frozenset({"design", "need", *OWN_PAGES})


def edited_records(catalog: Catalog, changed: set[str]) -> set[str]:
    """The records with a page of their own (display paths) among the `changed` files, or
    none if another file of the records changed: a file that is gone and was no file of a
    design's folder (an editor's temporary file) is no change."""
    records = {os.path.abspath(r.path): r for r in catalog.records}
    folders = {os.path.abspath(r.folder): r.display for r in catalog.records if r.type == "design"}
    edited = set()
    for path in changed:
        record = records.get(os.path.abspath(path))
        if record is not None and record.type in PREVIEWED:
            edited.add(record.display)
        elif (
            record is not None
            or os.path.lexists(path)
            or _was_listed(catalog, folders, os.path.abspath(path))
        ):
            return set()
    return edited


def _was_listed(catalog: Catalog, folders: dict[str, str], path: str) -> bool:
    """Whether `path` was a file of a design's folder (`parts/clip.stl`), by the listing
    of the nearest design folder above it."""
    folder = os.path.dirname(path)
    while folder not in folders:
        above = os.path.dirname(folder)
        if above == folder:
            return False
        folder = above
    listed = catalog.design_files.get(folders[folder], {})
    return os.path.relpath(path, folder).replace(os.sep, "/") in listed


def with_edits(catalog: Catalog, edited: set[str]) -> Catalog | None:
    """The catalogue with the `edited` records read again, or None when one does not load,
    changed its id or has an error (the rebuild reports it).

    Only the edited records are validated (with what they name): a record that names one
    of them (the 10,000 designs of a maker) is the rebuild's to validate, and to report."""
    records = list(catalog.records)
    for at, record in enumerate(records):
        if record.display in edited:
            loaded = load(record.path, record.display)
            if not isinstance(loaded, Document):
                return None
            again = Record(record.type, record.path, record.display, loaded)
            if again.id != record.id:
                return None
            records[at] = again
    edited_catalog = replace(catalog, records=records)
    findings = validate_selection(edited_catalog, edited)
    if has_errors(findings):
        return None
    edited_catalog.forget_positions()
    return edited_catalog


def previewing(
    server: Any, changes: Callable[[], set[str]], preview: Callable[[], Preview | None]
) -> Callable[[], None]:
    """MkDocs' live-reload `server`'s builder, first showing the edited records' pages when
    the files changed (`changes`, taken once a build) allow a quick `preview`: browsers
    reload when they are written, and again once the rebuild has made the rest.

    After a preview, pages are served while the rebuild writes (MkDocs holds requests
    back until a build ends): a page opened then may show listings or search data not yet
    made again. A rebuild that fails leaves the preview shown, and says why in the log."""
    from mkdocs.livereload import _timestamp

    rebuild = server.builder

    def build() -> None:
        changed, quick = changes(), preview()
        shown: list[str] = []
        if quick is not None and changed:
            try:
                shown = quick.show(changed)
            except Exception as error:
                # The preview runs the build's own code: what failed here fails the rebuild
                # that follows too, which reports it as every build does.
                log.info(f"No quick preview: {error}")
        if shown:
            log.info(f"Showing {', '.join(shown)}; the rest of the site follows")
            with server._epoch_cond:  # the browsers reload, and pages are served meanwhile
                server._visible_epoch = server._wanted_epoch
                server._epoch_cond.notify_all()
        rebuild()
        if shown:
            server._wanted_epoch = _timestamp()  # the rest is made: reload once more

    return build
