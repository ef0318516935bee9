"""The page of each material, process and maker."""

from __future__ import annotations

from collections.abc import Sequence

from generator.records.catalog import Record
from generator.records.facts import data_of, visible_maker
from generator.web import maker_map
from generator.web.i18n import _
from generator.web.incremental import Reuse
from generator.web.index import Index
from generator.web.jinja import headings, reference_numbers, render_template
from generator.web.links import Links
from generator.web.pages.needs import NEEDS_PAGE, capacity_lines, maker_needs
from generator.web.pages.paging import Pager, list_pages
from generator.web.site import Page
from generator.web.translated import TranslationOf

# Record pages list this many related designs, then link to the filtered gallery.
RELATED_LIMIT = 48


def material_page(index: Index, material: Record, translated: TranslationOf | None = None) -> Page:
    data = data_of(material)
    path = f"material/{material.id}.md"
    designs = index.designs_by_material.get(material.id, [])
    html = render_template(
        "material.html",
        path,
        index,
        material=material,
        data=data,
        translation=translated("material", material.id) if translated else None,
        references=reference_numbers(data),
        designs=[index.designs[d] for d in designs[:RELATED_LIMIT]],
        design_count=len(designs),
        makers=[index.makers[m] for m in index.makers_by_material.get(material.id, [])],
    )
    toc = headings(
        (2, "about", _("About")),
        (2, "properties", _("Properties")) if data.get("properties") else None,
        (2, "identification", _("Identification")) if data.get("identification") else None,
        (2, "preparation", _("Preparation")) if data.get("preparation") else None,
        (2, "processes", _("Processes")),
        (2, "safety", _("Safety")),
        (2, "designs", _("Designs")),
        (2, "references", _("References")),
    )
    return Page(path, str(data.get("name", material.id)), str(data.get("summary", "")), html, toc)


def process_page(index: Index, process: Record, translated: TranslationOf | None = None) -> Page:
    data = data_of(process)
    path = f"process/{process.id}.md"
    designs = index.designs_by_process.get(process.id, [])
    html = render_template(
        "process.html",
        path,
        index,
        process=process,
        data=data,
        translation=translated("process", process.id) if translated else None,
        references=reference_numbers(data),
        materials=[index.materials[m] for m in index.materials_by_process.get(process.id, [])],
        designs=[index.designs[d] for d in designs[:RELATED_LIMIT]],
        design_count=len(designs),
        makers=[index.makers[m] for m in index.makers_by_process.get(process.id, [])],
    )
    toc = headings(
        (2, "about", _("About")),
        (2, "rules", _("Design rules")),
        (2, "parameters", _("Parameters")) if data.get("parameters") else None,
        (2, "machines", _("Machines")) if data.get("machines") else None,
        (2, "safety", _("Safety")) if data.get("safety") else None,
        (2, "materials", _("Materials")),
        (2, "designs", _("Designs")),
        (2, "references", _("References")),
    )
    return Page(path, str(data.get("name", process.id)), str(data.get("summary", "")), html, toc)


def maker_page(index: Index, maker: Record, translated: TranslationOf | None = None) -> Page:
    data = visible_maker(data_of(maker))
    path = f"maker/{maker.id}.md"
    links = Links(path)
    designs = index.designs_by_maker.get(maker.id, [])
    html = render_template(
        "maker.html",
        path,
        index,
        maker=maker,
        data=data,
        translation=translated("maker", maker.id) if translated else None,
        references=reference_numbers(data),
        designs=[index.designs[d] for d in designs[:RELATED_LIMIT]],
        design_count=len(designs),
        all_designs=links.to(maker_designs_base(maker.id) + ".md"),
        makes=[index.makes[m] for m in index.makes_by_maker.get(maker.id, [])],
        country_map=maker_map.maker_map(index, maker, links),
        capacity=capacity_lines(index, data, links),
        needs=maker_needs(index, maker.id, links),
        as_of=index.as_of.isoformat(),
        needs_page=links.to(NEEDS_PAGE),
    )
    return Page(path, str(data.get("name", maker.id)), str(data.get("summary", "")), html)


def maker_designs_base(maker_id: str) -> str:
    return f"maker/{maker_id}/designs"


def maker_design_pages(index: Index, maker: Record, reuse: Reuse | None = None) -> list[Page]:
    """The list of every design a maker is credited with, in pages, when its page shows
    only the first RELATED_LIMIT; the pages the last build wrote as this one would
    (`reuse`) are kept, not rendered."""
    designs = index.designs_by_maker.get(maker.id, [])
    if len(designs) <= RELATED_LIMIT:
        return []
    name = str(visible_maker(data_of(maker)).get("name", maker.id))

    def body(path: str, pager: Pager, shown: Sequence[str]) -> str:
        designs = [index.designs[d] for d in shown]
        return render_template(
            "maker_designs.html", path, index, maker=maker, name=name, designs=designs, pager=pager
        )

    return list_pages(
        maker_designs_base(maker.id),
        designs,
        lambda pager: (
            _("Designs by %(name)s", name=name)
            if pager.first == 1
            else _("Designs by %(name)s, from %(first)s", name=name, first=pager.first)
        ),
        _("The designs %(name)s is credited with.", name=name),
        body,
        reuse,
    )
