"""Render stage: records and analyses in, site content out. A pure function.

`render_site` turns a validated catalogue, the analysis of every part and a few settings
into a `Site` (generator/web/site.py): HTML page bodies with their titles (plain text:
whoever writes them into a page escapes them), generated text files (JSON API, OKH
manifests, script data), and lists of files to copy, resize, convert or pack. It reads no
file itself (what the last build made, which a rebuild takes again, comes through the
`Reuse` it is given) and imports nothing from MkDocs, so another site builder could take the
same output.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from generator.analysis.results import PartResult
from generator.records.catalog import Catalog, Record
from generator.web import match_page as render_match
from generator.web.api import api_files
from generator.web.finder import finder_files
from generator.web.i18n import LANGUAGES, SOURCE, speaking
from generator.web.incremental import Reuse
from generator.web.index import Index, build_index, per_design
from generator.web.labels import CATEGORIES, PILLARS
from generator.web.pages.design import Rendering, design_page
from generator.web.pages.documents import (
    document_pages,
    guide_pages,
    open_data_page,
    repairability_page,
    what_can_i_make_page,
)
from generator.web.pages.listings import (
    category_pages,
    gallery_page,
    home_page,
    makers_index,
    materials_pages,
    pillar_page,
    processes_index,
    search_page,
)
from generator.web.pages.needs import how_to_add, need_page, needs_page
from generator.web.pages.records import (
    maker_design_pages,
    maker_page,
    material_page,
    process_page,
)
from generator.web.scripts import words_data
from generator.web.site import Page, Settings, Site
from generator.web.summary import Summary
from generator.web.translated import LanguageView, english_links, in_language


def render_site(
    catalog: Catalog,
    analyses: Mapping[str, PartResult],
    settings: Settings,
    documents: Mapping[str, str] | None = None,
    schemas: Mapping[str, Path] | None = None,
    guides: Mapping[str, str] | None = None,
    language: str = SOURCE,
    view: LanguageView | None = None,
    summaries: dict[str, Summary] | None = None,
    later: bool = False,
    reuse: Callable[[Index], Reuse] | None = None,
) -> Site:
    """Every page and generated file of the site in `language`, from a validated catalogue.

    `analyses` maps "design-id/part-id" to the part's analysis; `documents` maps repository
    documents (CONTRIBUTING.md, CODE_OF_CONDUCT.md) to their text, `guides` the hand-written
    pages of docs/ (their path there) to theirs, each in `language` where it has been
    translated; `schemas` maps schema file names to their paths.

    In English, the whole site. In another language, its site (generator.web.translated):
    every page that is not a record's, the pages of the records translated into it, and
    the scripts' data in it; what else its pages show (pictures, downloads, the API) is
    the English site's, and the files rendering asks for are left in `Site` unused.

    `summaries`, given, is where the English site's design summaries (generator.web.summary)
    are kept for the other languages, which take those of the designs they have no page of:
    a summary's figures are the same in every language, its names are not.

    With `later`, design pages are rendered when they are written (Page.html is then what
    renders them). `reuse` gives what the last build made that need not be made again
    (generator.web.incremental): the pages it wrote as this build would, which are not
    rendered at all, and the designs' outputs whose inputs are unchanged.
    """
    if language != SOURCE and view is None:
        view = in_language(catalog, language)
    with speaking(language, view.has if view else None):
        index = build_index(view.catalog if view else catalog, analyses, settings.as_of)
        if summaries is not None and view is None:
            index.summaries = summaries
        elif summaries is not None and view is not None:
            index.summaries.update(
                (i, s) for i, s in summaries.items() if view.translation("design", i) is None
            )
        taken = reuse(index) if reuse else None
        site = Site(per_design=per_design(index) if view is None else None, reuse=taken)
        translated = view.translation if view else None
        site.pages.extend(
            _interface_pages(index, settings, documents or {}, guides or {}, view, taken)
        )
        site.pages.extend(
            design_page(index, d, settings, site, translated, _rendering(d, taken, later), taken)
            for d in _shown("design", index.designs, view)
        )
        site.pages.extend(_other_record_pages(index, settings, view, taken))
        site.pages.append(needs_page(index, how_to_add(site.pages)))
        if view is None:
            site.copies.update({f"schemas/{name}": path for name, path in (schemas or {}).items()})
            site.texts.update(api_files(index, taken))
        site.texts.update(finder_files(index, view, taken))
        site.texts.update(render_match.script_data(index.match_catalogue, view))
        site.texts.update(words_data(view))
    if view is not None:
        folder = LANGUAGES[language].folder
        site.pages = [_in_folder(page, folder, language, view) for page in site.pages]
    return site


def _shown(
    record_type: str, records: Mapping[str, Record], view: LanguageView | None
) -> list[Record]:
    """The records of a type with a page in the language's site (`view`): all in English,
    the translated ones in another language."""
    if view is None:
        return list(records.values())
    return [r for i, r in records.items() if view.translation(record_type, i)]


def _other_record_pages(
    index: Index, settings: Settings, view: LanguageView | None, reuse: Reuse | None
) -> list[Page]:
    """The pages of the materials, processes, makers and needs the language's site has."""
    translated = view.translation if view else None
    makers = _shown("maker", index.makers, view)
    return [
        *(material_page(index, m, translated) for m in _shown("material", index.materials, view)),
        *(process_page(index, p, translated) for p in _shown("process", index.processes, view)),
        *(maker_page(index, m, translated) for m in makers),
        *(page for maker in makers for page in maker_design_pages(index, maker, reuse)),
        *(need_page(index, n, settings, translated) for n in _shown("need", index.needs, view)),
    ]


def _rendering(design: Record, reuse: Reuse | None, later: bool) -> Rendering:
    path = f"design/{design.id}.md"
    if reuse is not None and reuse.page(path, reuse.manifest.designs.get(design.id, "")):
        return "kept"
    return "later" if later else "now"


def _in_folder(page: Page, folder: str, language: str, view: LanguageView) -> Page:
    """A page of a language's site (in `folder`), its links to English pages marked; a body
    rendered later is rendered in the language too."""
    body = page.html
    if not callable(body):
        return replace(page, html=english_links(body, page.path, folder))

    def later() -> str:
        with speaking(language, view.has):
            return english_links(body(), page.path, folder)

    return replace(page, html=later)


def _interface_pages(
    index: Index,
    settings: Settings,
    documents: Mapping[str, str],
    guides: Mapping[str, str],
    view: LanguageView | None,
    reuse: Reuse | None,
) -> list[Page]:
    """The pages that are no record's, which every language's site has."""
    pages = [
        home_page(index),
        gallery_page(index),
        *materials_pages(index),
        processes_index(index),
        makers_index(index),
        search_page(index),
        *document_pages(index, documents, settings),
        *guide_pages(index, guides, settings),
        open_data_page(index),
        repairability_page(index),
        what_can_i_make_page(index, view),
        *(
            p
            for c in CATEGORIES
            if c in index.designs_by_category
            for p in category_pages(index, c, reuse)
        ),
        *(pillar_page(index, p) for p in PILLARS),
    ]
    return pages
