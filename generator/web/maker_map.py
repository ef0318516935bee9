"""Makers and needs on the map: every maker's country on the makers page, with how many
are there, and the countries with open needs; on each maker's page its own country, and on
each need's page the need's; all linked both ways.

The makers page's table is filtered by the country in its address (`makers.html#country=NG`,
generator/web/assets/makers.js), so a country on either map leads to its makers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from generator.records.catalog import Record
from generator.records.facts import data_of, visible_maker
from generator.web.i18n import _, ngettext
from generator.web.index import Index
from generator.web.links import Links
from generator.web.words import country_name
from generator.web.world_map import Mark, has_country, world_map

MAKERS_PAGE = "makers.md"
NEEDS_PAGE = "needs.md"
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


@dataclass(frozen=True)
class NeedCountry:
    code: str
    name: str
    needs: tuple[tuple[str, str], ...]  # (need id, title) of its open needs, soonest first
    on_map: bool


def need_countries(index: Index) -> list[NeedCountry]:
    """Every country with open needs, by name, with its needs."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for match in sorted(index.need_matches.values(), key=lambda m: (m.days_left, m.need.id)):
        country = data_of(index.needs[match.need.id]).get("country")
        if match.state == "open" and isinstance(country, str):
            found[country].append((match.need.id, match.need.title))
    listed = [
        NeedCountry(code, country_name(code), tuple(needs), has_country(code))
        for code, needs in found.items()
    ]
    return sorted(listed, key=lambda c: c.name)


def need_anchor(code: str) -> str:
    """The id of a country's line in the needs page's list."""
    return f"needs-in-{code}"


def _needs(n: int) -> str:
    return ngettext("%(num)s open need", "%(num)s open needs", n)


def need_marks(links: Links, listed: list[NeedCountry]) -> list[Mark]:
    """Each country with open needs: leading to its need (one) or to its line in the
    needs page's list (more)."""
    marks = []
    for country in listed:
        if len(country.needs) == 1:
            need_id, title = country.needs[0]
            href = links.to(f"need/{need_id}.md")
            label = _("%(country)s: needed, %(need)s", country=country.name, need=title)
        else:
            href = links.to(f"{NEEDS_PAGE}#{need_anchor(country.code)}")
            label = _(
                "%(country)s: %(needs)s, show them",
                country=country.name,
                needs=_needs(len(country.needs)),
            )
        marks.append(Mark(country.code, len(country.needs), label, href, "needs"))
    return marks


def filtered(links: Links, code: str) -> str:
    """The makers page showing only the makers of one country."""
    return links.to(f"{MAKERS_PAGE}#country={quote(code)}")


def _count(n: int) -> str:
    return ngettext("%(num)s maker", "%(num)s makers", n)


def makers_map(links: Links, listed: list[Country], needed: Sequence[NeedCountry] = ()) -> Markup:
    """The map of makers and needs: each country with makers filled and badged with their
    number, leading to its maker's page (one) or to the makers table filtered to it
    (more); and each country with open needs badged with theirs (`need_marks`)."""
    marks = []
    for country in listed:
        if len(country.makers) == 1:
            maker_id, name = country.makers[0]
            # The badge's "1" is in the name too: what is seen is what a voice command says.
            label = _("%(country)s: 1 maker, %(maker)s", country=country.name, maker=name)
            marks.append(Mark(country.code, 1, label, links.maker(maker_id)))
        else:
            label = _(
                "%(country)s: %(makers)s, show them",
                country=country.name,
                makers=_count(len(country.makers)),
            )
            # On the makers page, its own table below, filtered; elsewhere, that page.
            here = (
                f"#country={quote(country.code)}"
                if links.page == MAKERS_PAGE
                else filtered(links, country.code)
            )
            marks.append(Mark(country.code, len(country.makers), label, here))
    marks += need_marks(links, list(needed))
    title = (
        _("Map of where makers are and where things are needed")
        if needed
        else _("Map of the countries makers are in")
    )
    return world_map(marks, title, REGION_WIDTH, REGION_WIDTH_PX)


def maker_map(index: Index, maker: Record, links: Links) -> tuple[Markup, str, int] | None:
    """A maker page's map of its country, leading to all the makers there; with the
    address of that list and how many they are. None without a country the map has."""
    code = _visible(maker).get("country")
    if not isinstance(code, str) or not has_country(code):
        return None
    there = next(c for c in countries(index) if c.code == code)
    name = country_name(code)
    label = _("Makers in %(country)s: %(count)s", country=name, count=len(there.makers))
    mark = Mark(code, len(there.makers), label, filtered(links, code))
    maker_name = str(_visible(maker).get("name", maker.id))
    title = _("Map: %(maker)s is in %(country)s", maker=maker_name, country=name)
    return (
        world_map([mark], title, COUNTRY_WIDTH, SMALL_WIDTH_PX),
        filtered(links, code),
        len(there.makers),
    )


def need_map(index: Index, need: Record, links: Links) -> tuple[Markup, str, int] | None:
    """A need's page's map of its country: the open needs there (or, if this one is not
    open, this one), leading to them, and the makers there, leading to them; with the
    address of those makers and how many they are. None without a country the map has."""
    data = data_of(need)
    code = data.get("country")
    if not isinstance(code, str) or not has_country(code):
        return None
    name = country_name(code)
    marks = need_marks(links, [c for c in need_countries(index) if c.code == code]) or [
        Mark(code, 1, f"{name}: {data.get('title', need.id)!s}", links.to(NEEDS_PAGE), "needs")
    ]
    there = next((c for c in countries(index) if c.code == code), None)
    if there is not None:
        label = _("Makers in %(country)s: %(count)s", country=name, count=len(there.makers))
        marks.append(Mark(code, len(there.makers), label, filtered(links, code)))
    title = _("Map: needed in %(country)s", country=name)
    return (
        world_map(marks, title, COUNTRY_WIDTH, SMALL_WIDTH_PX),
        filtered(links, code),
        len(there.makers) if there else 0,
    )
