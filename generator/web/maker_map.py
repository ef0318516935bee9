"""Makers on the map: every maker's country on the makers page, with how many are there,
and on each maker's page its own country, linked both ways.

The makers page's table is filtered by the country in its address (`makers.html#country=NG`,
generator/web/assets/makers.js), so a country on either map leads to its makers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from generator.records.catalog import Record
from generator.records.facts import data_of, visible_maker
from generator.web.index import Index
from generator.web.links import Links
from generator.web.words import country_name
from generator.web.world_map import Mark, has_country, world_map

MAKERS_PAGE = "makers.md"
# How much of the world a map shows at least (the world is about 5.4 wide): a region on
# the makers page, a country and its neighbours on a maker's page.
REGION_WIDTH = 1.6
COUNTRY_WIDTH = 0.9
# The maps' widths in CSS pixels at most: narrow enough that a phone shows the numbers at
# a readable size (the makers page's at 12 px on a 390 px screen).
REGION_WIDTH_PX = 440
SMALL_WIDTH_PX = 320


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    makers: tuple[tuple[str, str], ...]  # (maker id, name), by name
    on_map: bool  # whether the map can draw it (the smallest countries are not at 1:110m)


def _visible(maker: Record) -> dict[str, object]:
    return visible_maker(data_of(maker))


def countries(index: Index) -> list[Country]:
    """Every country with makers, by name, with its makers."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for maker in index.makers.values():
        data = _visible(maker)
        if isinstance(data.get("country"), str):
            found[str(data["country"])].append((maker.id, str(data.get("name", maker.id))))
    listed = [
        Country(
            code, country_name(code), tuple(sorted(makers, key=lambda m: m[1])), has_country(code)
        )
        for code, makers in found.items()
    ]
    return sorted(listed, key=lambda c: c.name)


def filtered(links: Links, code: str) -> str:
    """The makers page showing only the makers of one country."""
    return links.to(f"{MAKERS_PAGE}#country={quote(code)}")


def _count(n: int) -> str:
    return f"{n} maker{'' if n == 1 else 's'}"


def makers_map(links: Links, listed: list[Country]) -> Markup:
    """The makers page's map: each country with makers filled and badged with their
    number, leading to its maker's page (one) or to the table filtered to it (more)."""
    marks = []
    for country in listed:
        if len(country.makers) == 1:
            maker_id, name = country.makers[0]
            marks.append(Mark(country.code, 1, f"{country.name}: {name}", links.maker(maker_id)))
        else:
            label = f"{country.name}: {_count(len(country.makers))}, show them"
            here = f"#country={quote(country.code)}"  # the table below, filtered
            marks.append(Mark(country.code, len(country.makers), label, here))
    return world_map(marks, "Map of the countries makers are in", REGION_WIDTH, REGION_WIDTH_PX)


def maker_map(index: Index, maker: Record, links: Links) -> tuple[Markup, str, int] | None:
    """A maker page's map of its country, leading to all the makers there; with the
    address of that list and how many they are. None without a country the map has."""
    code = _visible(maker).get("country")
    if not isinstance(code, str) or not has_country(code):
        return None
    there = next(c for c in countries(index) if c.code == code)
    name = country_name(code)
    mark = Mark(
        code, len(there.makers), f"Makers in {name}: {len(there.makers)}", filtered(links, code)
    )
    title = f"Map: {_visible(maker).get('name', maker.id)!s} is in {name}"
    return (
        world_map([mark], title, COUNTRY_WIDTH, SMALL_WIDTH_PX),
        filtered(links, code),
        len(there.makers),
    )
