"""Pages that list records: home, the design gallery, categories, pillars, materials
compared, processes, makers and search.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.makeit.inputs import Have
from generator.makeit.matching import match
from generator.records import evidence
from generator.records.catalog import Record
from generator.records.facts import data_of, visible_maker
from generator.web import finder, maker_map
from generator.web.i18n import _, gettext
from generator.web.incremental import Reuse
from generator.web.index import Index, newest_first
from generator.web.jinja import card, render_template
from generator.web.labels import (
    CATEGORIES,
    HAND_TOOLS,
    KIND_INTROS,
    KINDS,
    MATURITY,
    PILLARS,
    RUNG_NAMES,
)
from generator.web.links import Links
from generator.web.pages.paging import Pager, list_pages
from generator.web.pages.records import RELATED_LIMIT
from generator.web.site import Heading, Page
from generator.web.words import country_name, quantity

FEATURED_COUNT = 6


@dataclass(frozen=True)
class EquipmentPath:
    """A way in from the home page: "I have <words>", the processes that equipment works
    and how many designs those processes alone make."""

    words: str
    processes: tuple[str, ...]
    designs: int


def equipment_paths(index: Index) -> list[EquipmentPath]:
    """One path for each set of words processes give for their workshop (processes with the
    same words share one), most designs first, then "only hand tools"; paths that lead to
    no design are left out."""
    by_words: dict[str, list[str]] = {}
    for process_id, record in sorted(index.processes.items()):
        words = data_of(record).get("workshop")
        if isinstance(words, str):
            by_words.setdefault(words, []).append(process_id)
    by_hand = [i for i, r in sorted(index.processes.items()) if data_of(r).get("by_hand") is True]
    paths = [
        EquipmentPath(words, tuple(ids), _makeable(index, ids)) for words, ids in by_words.items()
    ]
    paths.sort(key=lambda p: (-p.designs, p.words))
    if by_hand:
        paths.append(EquipmentPath(gettext(HAND_TOOLS), tuple(by_hand), _makeable(index, by_hand)))
    return [p for p in paths if p.designs]


def _makeable(index: Index, processes: Sequence[str]) -> int:
    """Designs these processes make on their own (nothing else checked, as on "What can I
    make?" with only them ticked)."""
    have = Have(frozenset(processes))
    return sum(r.status == "can-make" for r in match(index.match_catalogue, have))


def featured(index: Index) -> list[Record]:
    """The designs the home page shows first: the best proven, then the most mature, then
    the newest."""
    maturity = list(MATURITY)
    return sorted(
        newest_first(index.designs.values()),
        key=lambda d: (
            -index.ladders[d.id].level,
            -maturity.index(m) if (m := data_of(d).get("maturity")) in maturity else 0,
        ),
    )[:FEATURED_COUNT]


def home_page(index: Index) -> Page:
    path = "index.md"
    links = Links(path)
    html = render_template(
        "home.html",
        path,
        index,
        paths=equipment_paths(index),
        featured=[card(index, d, links) for d in featured(index)],
        pillar_counts={p: len(index.designs_by_pillar.get(p, [])) for p in PILLARS},
    )
    return Page(
        path,
        "MakeLocal",
        _("Open materials and product designs for resilient local production."),
        html,
        in_nav=True,
        search=False,
        wide=True,
    )


def gallery_page(index: Index) -> Page:
    path = "designs.md"
    links = Links(path)
    newest = newest_first(index.designs.values())
    html = render_template(
        "gallery.html",
        path,
        index,
        cards=[card(index, d, links) for d in newest[: finder.GALLERY_PAGE]],
        total=len(newest),
        facets=_facets(index),
    )
    return Page(
        path,
        _("Designs"),
        _("Open designs to make locally."),
        html,
        in_nav=True,
        search=False,
        wide=True,
    )


def _facets(index: Index) -> dict[str, list[tuple[str, str]]]:
    """Filter choices of the gallery: (value, label), only values some design has."""
    return {
        "process": [(p, index.process_name(p)) for p in sorted(index.designs_by_process)],
        "material": [(m, index.material_name(m)) for m in sorted(index.designs_by_material)],
        "category": [(c, CATEGORIES[c]) for c in CATEGORIES if c in index.designs_by_category],
        "pillar": [(p, PILLARS[p].title) for p in PILLARS if p in index.designs_by_pillar],
        "maturity": [(m, MATURITY[m][0]) for m in MATURITY],
        "evidence": [
            (r.id, _("%(rung)s or more", rung=RUNG_NAMES[r.id])) for r in evidence.RUNGS[1:]
        ],
    }


def category_pages(index: Index, category: str, reuse: Reuse | None = None) -> list[Page]:
    """The pages listing a category's designs; those the last build wrote as this one would
    (`reuse`) are kept, not rendered."""
    title = CATEGORIES[category]

    def body(path: str, pager: Pager, shown: Sequence[str]) -> str:
        designs = [index.designs[d] for d in shown]
        return render_template(
            "category.html", path, index, category=category, designs=designs, pager=pager
        )

    return list_pages(
        f"categories/{category}",
        sorted(index.designs_by_category.get(category, [])),
        lambda pager: (
            title
            if pager.first == 1
            else _("%(category)s, from %(first)s", category=title, first=pager.first)
        ),
        _("Designs: %(category)s.", category=title),
        body,
        reuse,
    )


def pillar_page(index: Index, pillar: str) -> Page:
    path = f"pillars/{pillar}.md"
    links = Links(path)
    designs = [index.designs[d] for d in index.designs_by_pillar.get(pillar, [])]
    html = render_template(
        "pillar.html",
        path,
        index,
        pillar=pillar,
        cards=[card(index, d, links) for d in designs[:RELATED_LIMIT]],
        total=len(designs),
    )
    return Page(path, PILLARS[pillar].title, PILLARS[pillar].text, html, search=False)


# Window settings that are not the temperature the material is processed at.
AUXILIARY_TEMPERATURES = ("mould", "bed", "drying", "feed")


def processing_temperature(window: Mapping[str, Any]) -> str | None:
    """The span of a process window's melt temperatures (nozzle, barrel, plate...)."""
    lows: list[float] = []
    highs: list[float] = []
    for key, entry in window.items():
        if entry.get("unit") != "°C" or any(word in key for word in AUXILIARY_TEMPERATURES):
            continue
        lows.append(entry.get("min", entry.get("value")))
        highs.append(entry.get("max", entry.get("value")))
    if not lows:
        return None
    low, high = min(lows), max(highs)
    return quantity(
        {"value": low, "unit": "°C"} if low == high else {"min": low, "max": high, "unit": "°C"}
    )


def comparison_rows(index: Index, materials: list[Record]) -> list[dict[str, Any]]:
    """One row per material for the comparison tables."""
    rows = []
    for material in materials:
        data = data_of(material)
        properties = data.get("properties") or {}
        temperatures = [
            (index.process_name(entry["process"]), span)
            for entry in data.get("processes") or []
            if (span := processing_temperature(entry.get("window") or {}))
        ]
        melting = properties.get("melting_temperature")
        density = properties.get("density")
        rows.append(
            {
                "id": material.id,
                "name": data.get("name", material.id),
                "density": quantity(density) if density else "",
                "melting": quantity(melting) if melting else "",
                "temperatures": temperatures,
                "processes": [e["process"] for e in data.get("processes") or []],
                "regions": data.get("regions") or data.get("countries") or [],
                "do_not_heat": bool((data.get("safety") or {}).get("do_not_heat")),
            }
        )
    return rows


def materials_pages(index: Index) -> list[Page]:
    by_kind: dict[str, list[Record]] = {kind: [] for kind in KINDS}
    for material in sorted(index.materials.values(), key=lambda r: str(data_of(r).get("name"))):
        by_kind.setdefault(str(data_of(material).get("kind")), []).append(material)
    comparison = {kind: comparison_rows(index, records) for kind, records in by_kind.items()}
    pages = [
        Page(
            "materials.md",
            _("Materials"),
            _("Biomaterials, recycled feedstocks and reference materials compared."),
            render_template("materials.html", "materials.md", index, comparison=comparison),
            tuple(Heading(2, name, title) for name, title in KINDS.values()),
            in_nav=True,
            search=False,
            wide=True,
        )
    ]
    for kind, (name, title) in KINDS.items():
        path = f"{name}.md"
        html = render_template(
            "material_kind.html", path, index, kind=kind, rows=comparison[kind],
            intro=KIND_INTROS[kind],
        )  # fmt: skip
        pages.append(Page(path, title, KIND_INTROS[kind], html, in_nav=True, search=False))
    return pages


def processes_index(index: Index) -> Page:
    processes = sorted(index.processes.values(), key=lambda r: str(data_of(r).get("name")))
    html = render_template("processes.html", "processes.md", index, processes=processes)
    summary = _("Ways of making parts locally.")
    return Page("processes.md", _("Processes"), summary, html, in_nav=True, search=False)


def makers_index(index: Index) -> Page:
    makers = sorted(index.makers.values(), key=lambda r: str(data_of(r).get("name")))
    shown = [(m, visible_maker(data_of(m))) for m in makers]
    facets = {
        "country": sorted(
            ((c, country_name(c)) for c in {str(d.get("country")) for _, d in shown}),
            key=lambda item: item[1],
        ),
        "process": [(p, index.process_name(p)) for p in sorted(index.makers_by_process)],
        "material": [(m, index.material_name(m)) for m in sorted(index.makers_by_material)],
    }
    listed = maker_map.countries(index)
    needed = maker_map.need_countries(index)
    html = render_template(
        "makers.html",
        "makers.md",
        index,
        makers=shown,
        maker_facets=facets,
        countries=listed,
        needed=needed,
        world_map=maker_map.makers_map(Links("makers.md"), listed, needed),
    )
    return Page(
        "makers.md",
        _("Makers"),
        _("Who makes what, where: find makers by country, process and material."),
        html,
        in_nav=True,
        search=False,
        wide=True,
    )


def search_page(index: Index) -> Page:
    html = render_template("search.html", "search.md", index, per_page=finder.SEARCH_PAGE)
    return Page(
        "search.md",
        _("Search"),
        _("Search designs, materials, processes and makers."),
        html,
        in_nav=True,
        search=False,
    )
