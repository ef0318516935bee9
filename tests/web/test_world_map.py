"""The makers' map: the bundled outline is the one its README names, the projection is
Equal Earth (equal-area), countries are where they are and keep common borders, the SVG
is small, accessible and inert, and the makers page and maker pages link to each other."""

from __future__ import annotations

import hashlib
import math
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import Point, Polygon

from generator.web import world_map
from generator.web.render import render_site
from generator.web.site import Settings
from generator.web.sources import load_valid_catalog
from generator.web.world_map import Mark, equal_earth
from tests.conftest import requires_chromium, wait_until
from tests.web.helpers import broken_links

SVG = ""  # inline SVG in HTML takes no namespace


def test_the_bundled_outline_is_the_one_its_readme_names() -> None:
    readme = (world_map.DATA.parent / "README.md").read_text("utf-8")
    digest = re.search(r"SHA-256 `([0-9a-f]{64})`", readme)
    assert digest is not None
    assert hashlib.sha256(world_map.DATA.read_bytes()).hexdigest() == digest.group(1)
    assert (world_map.DATA.parent / "LICENSE-world-atlas").is_file()


def test_equal_earth_has_the_published_extent_and_keeps_areas() -> None:
    # The extent in Šavrič, Patterson and Jenny (2018): x up to 2.7066, y up to 1.3174.
    assert equal_earth(180, 0)[0] == pytest.approx(2.7066297, abs=1e-6)
    assert equal_earth(0, 90)[1] == pytest.approx(1.3173628, abs=1e-6)
    assert equal_earth(0, 0) == (0, 0)

    def cell(lat: float) -> float:  # a 10 x 10 degree cell, its edges finely drawn
        edge = [(lon / 10, lat) for lon in range(0, 101)]
        edge += [(10, lat + k / 10) for k in range(1, 101)]
        edge += [(lon / 10, lat + 10) for lon in range(100, -1, -1)]
        edge += [(0, lat + k / 10) for k in range(99, 0, -1)]
        return Polygon([equal_earth(*p) for p in edge]).area

    # On the sphere the cells' areas go as the difference of the sines of their latitudes.
    sphere = (math.sin(math.radians(60)) - math.sin(math.radians(50))) / math.sin(math.radians(10))
    assert cell(50) / cell(0) == pytest.approx(sphere, rel=1e-4)


def test_countries_are_where_they_are_and_keep_common_borders() -> None:
    lagos, kampala = equal_earth(3.38, 6.52), equal_earth(32.58, 0.35)
    assert world_map._shape("NG").contains(Point(lagos[0], -lagos[1]))
    assert world_map._shape("UG").contains(Point(kampala[0], -kampala[1]))
    assert not world_map._shape("NG").contains(Point(kampala[0], -kampala[1]))
    # Simplified, Nigeria and Benin still meet along their border and do not overlap.
    tolerance = 0.002
    nigeria, benin = world_map._shape("NG", tolerance), world_map._shape("BJ", tolerance)
    assert nigeria.distance(benin) == 0
    assert nigeria.intersection(benin).area < 1e-9
    assert len(world_map._simplified(tolerance)[0]) <= len(world_map.world().arcs[0])


def test_no_country_is_smeared_across_the_map() -> None:
    """Rings across the 180th meridian (eastern Russia, Fiji) would otherwise join the two
    edges of the map with a thin sliver."""
    left, _, right, _ = world_map.world().bounds
    for code in world_map.world().countries:
        shape = world_map._shape(code)
        for polygon in getattr(shape, "geoms", [shape]):
            low_x, _, high_x, _ = polygon.bounds
            assert high_x - low_x < (right - left) / 2, code
    # Chukotka, east of the 180th meridian, is drawn at the map's western edge.
    russia = world_map._shape("RU")
    assert russia.bounds[0] < -1.5 and russia.bounds[2] > 1.5
    assert world_map.world().outline.buffer(1e-9).contains(russia)


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def test_the_map_is_a_small_accessible_drawing_with_nothing_to_run() -> None:
    marks = [
        Mark("NG", 2, "Nigeria: 2 makers, show them", "#country=NG"),
        Mark("UG", 1, "Uganda: <b>Maker</b> & co", "maker/a.html"),
        Mark("SG", 1, "Singapore: too small for the map", "maker/b.html"),
    ]
    svg = str(world_map.world_map(marks, "Map of the countries makers are in", 1.6, 440))
    root = parse(svg)
    assert root.get("viewBox", "").startswith("0 0 440 ")
    assert root.get("aria-labelledby") == "ml-map-title"
    assert root.find(f"{SVG}title").text == "Map of the countries makers are in"  # type: ignore[union-attr]
    links = root.findall(f"{SVG}a")
    assert [a.get("href") for a in links] == ["#country=NG", "maker/a.html"]  # no Singapore
    assert [a.get("aria-label") for a in links] == [m.label for m in marks[:2]]
    assert [a.find(f"{SVG}title").text for a in links] == [m.label for m in marks[:2]]  # type: ignore[union-attr]
    assert [a.find(f"{SVG}text").text for a in links] == ["2", "1"]  # type: ignore[union-attr]
    assert "&lt;b&gt;Maker&lt;/b&gt; &amp; co" in svg
    assert not re.search(r"<script|<style|style=|\son\w+=|https?:|xlink", svg)
    assert len(svg.encode()) < 12_000  # 1:110m, simplified to half a pixel


def test_a_view_holds_its_countries_at_least_as_wide_as_asked() -> None:
    x0, y0, x1, y1 = world_map.view(["NG", "ZM"], 1.6)
    for code in ("NG", "ZM"):
        low_x, low_y, high_x, high_y = world_map._main_part(code).bounds
        assert x0 < low_x and high_x < x1 and y0 < low_y and high_y < y1
    assert x1 - x0 >= 1.6 and 0.55 <= (y1 - y0) / (x1 - x0) <= 0.85 + 1e-9
    # France's view is Europe's, not the Atlantic's out to French Guiana.
    x0, _, x1, _ = world_map.view(["FR"], 0.9)
    assert x1 - x0 == pytest.approx(0.9)


# --- on the site --------------------------------------------------------------------------------


def add_maker(repo: Path, maker_id: str, name: str, country: str) -> None:
    (repo / "catalog" / "makers" / f"{maker_id}.yml").write_text(
        "# yaml-language-server: $schema=../../schemas/maker.schema.json\n"
        f"id: {maker_id}\nname: {name}\ncountry: {country}\nsummary: A fixture maker.\n"
        "processes: [test-printing]\n",
        "utf-8",
    )


def test_makers_page_and_maker_pages_link_both_ways(repo: Path) -> None:
    add_maker(repo, "second-maker", "Second maker", "UG")
    add_maker(repo, "island-maker", "Island maker", "SG")
    site = render_site(load_valid_catalog(repo), {}, Settings())
    pages = {page.path: page.html for page in site.pages}
    makers = pages["makers.md"]
    # Two makers in Uganda: the map leads to the table filtered to them.
    assert '<a href="#country=UG" aria-label="Uganda: 2 makers, show them">' in makers
    # One in Singapore, too small for the map: in the list only, and said so.
    assert 'href="#country=SG"' in makers and 'aria-label="Singapore' not in makers
    assert "Countries too small for this map are in the list only." in makers
    assert re.search(
        r'<li><a href="#country=UG">Uganda</a>, 2 makers: <a href="maker/second-maker.html">'
        r'Second maker</a>, <a href="maker/test-maker.html">Test maker</a></li>',
        makers,
    )
    maker = pages["maker/test-maker.md"]
    assert '<a href="../makers.html#country=UG" aria-label="Makers in Uganda: 2">' in maker
    assert '<a href="../makers.html#country=UG">All makers in Uganda (2)</a>' in maker
    assert "<svg" not in pages["maker/island-maker.md"]  # no map to show Singapore on
    assert not [link for link in broken_links(site) if link.startswith("maker")]


def test_one_maker_in_a_country_is_linked_from_the_map_directly(repo: Path) -> None:
    site = render_site(load_valid_catalog(repo), {}, Settings())
    makers = next(page.html for page in site.pages if page.path == "makers.md")
    assert '<a href="maker/test-maker.html" aria-label="Uganda: 1 maker, Test maker">' in makers
    assert "too small" not in makers


@requires_chromium
def test_the_map_leads_to_the_makers_of_a_country_in_the_browser(
    browser: Any, site_url: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith(site_url) else outside.append(r.url))
    page.goto(site_url + "maker/test-maker.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.keyboard.press("Tab")
    for _ in range(60):  # the map's country is reachable from the keyboard
        if page.evaluate("document.activeElement.closest('svg') !== null"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Makers in Uganda: 1"
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"makers\.html#country=UG$"))
    wait_until(
        page, "document.querySelector('#ml-maker-filters select[name=country]').value === 'UG'"
    )
    # Choosing "any country" again clears the address.
    page.select_option("#ml-maker-filters select[name=country]", "")
    wait_until(page, "location.hash === ''")
    # An address with a country no maker is in shows them all.
    page.goto(site_url + "makers.html#country=ZZ")
    wait_until(page, "document.querySelector('#ml-makers tbody tr:not([hidden])') !== null")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == [] and outside == []
    context.close()
