"""Render stage: records and analyses in, site content out. A pure function.

`render_site` turns a validated catalogue, the analysis of every part and a few settings
into a `Site` (generator/web/site.py): HTML page bodies with their titles (plain text:
whoever writes them into a page escapes them), generated text files (JSON API, OKH
manifests, script data), and lists of files to copy, resize, convert or pack. It reads no
file and imports nothing from MkDocs, so another site builder could take the same output.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from generator.analysis.results import PartResult
from generator.records.catalog import Catalog
from generator.web import match_page as render_match
from generator.web.api import api_files
from generator.web.finder import finder_files
from generator.web.index import Index, build_index
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
from generator.web.site import Settings, Site


def render_site(
    catalog: Catalog,
    analyses: Mapping[str, PartResult],
    settings: Settings,
    documents: Mapping[str, str] | None = None,
    schemas: Mapping[str, Path] | None = None,
    guides: Mapping[str, str] | None = None,
    later: bool = False,
    keep: Callable[[Index], set[str]] | None = None,
) -> Site:
    """Every page and generated file of the site, from a validated catalogue.

    `analyses` maps "design-id/part-id" to the part's analysis; `documents` maps repository
    documents (CONTRIBUTING.md, CODE_OF_CONDUCT.md) to their text, `guides` the hand-written
    pages of docs/ (their path there) to theirs; `schemas` maps schema
    file names to their paths. With `later`, design pages are rendered when they are
    written (Page.body); `keep` names the designs whose pages need not be rendered at all
    (the last build's are the same: generator.web.incremental).
    """
    index = build_index(catalog, analyses, settings.as_of)
    kept = keep(index) if keep else set()
    site = Site()
    site.copies.update({f"schemas/{name}": path for name, path in (schemas or {}).items()})
    site.pages.append(home_page(index))
    site.pages.append(gallery_page(index))
    site.pages.extend(materials_pages(index))
    site.pages.append(processes_index(index))
    site.pages.append(makers_index(index))
    site.pages.append(search_page(index))
    site.pages.extend(document_pages(index, documents or {}, settings))
    site.pages.extend(guide_pages(index, guides or {}, settings))
    site.pages.append(open_data_page(index))
    site.pages.append(repairability_page(index))
    site.pages.append(what_can_i_make_page(index))
    for category in CATEGORIES:
        if category in index.designs_by_category:
            site.pages.extend(category_pages(index, category))
    site.pages.extend(pillar_page(index, p) for p in PILLARS)
    site.pages.extend(
        design_page(index, d, settings, site, _rendering(d.id, kept, later))
        for d in index.designs.values()
    )
    site.pages.extend(material_page(index, m) for m in index.materials.values())
    site.pages.extend(process_page(index, p) for p in index.processes.values())
    site.pages.extend(maker_page(index, m) for m in index.makers.values())
    for maker in index.makers.values():
        site.pages.extend(maker_design_pages(index, maker))
    site.pages.append(needs_page(index, how_to_add(site.pages)))
    site.pages.extend(need_page(index, n, settings) for n in index.needs.values())
    site.texts.update(api_files(index))
    site.texts.update(finder_files(index))
    site.texts.update(render_match.script_data(index.match_catalogue))
    return site


def _rendering(design_id: str, kept: set[str], later: bool) -> Rendering:
    return "kept" if design_id in kept else "later" if later else "now"
